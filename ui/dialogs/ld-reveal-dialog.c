/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-reveal-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-reveal-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-petition-repository.h"

struct _LdRevealDialog
{
  AdwWindow     parent_instance;

  /* Template Widgets */
  GtkButton    *reveal_button;
  GtkSpinner   *spinner;
  GtkStack     *stack;
  GtkLabel     *intro_label;
  AdwEntryRow  *reason_row;
  GtkLabel     *error_label;
  GtkGrid      *identity_grid;

  /* Owned References */
  LdVault      *vault;
  GCancellable *cancellable;
  char         *error_message;

  gint64        petition_id;
  guint         busy : 1;
  guint         revealed : 1;
};

G_DEFINE_FINAL_TYPE (LdRevealDialog, ld_reveal_dialog, ADW_TYPE_WINDOW)

static char *
get_reason (LdRevealDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}

static void
update_actions (LdRevealDialog *self)
{
  g_autofree char *reason = get_reason (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reveal.reveal",
                                 !self->busy && !self->revealed && *reason != '\0');
}

static void
show_error (LdRevealDialog *self,
            const char     *message)
{
  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (LdRevealDialog *self,
          gboolean        busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->reason_row), !busy && !self->revealed);
  update_actions (self);
}

/* Plain labels: not selectable, so nothing can be copied from them. */
static void
add_line (LdRevealDialog *self,
          int             row,
          const char     *title,
          const char     *value)
{
  GtkWidget *key = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (key), 1);
  gtk_widget_set_valign (key, GTK_ALIGN_START);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->identity_grid, key, 0, row, 1, 1);
  gtk_grid_attach (self->identity_grid, label, 1, row, 1, 1);
}

/* Empties the labels (the identity leaves the widget tree). */
static void
clear_identity (LdRevealDialog *self)
{
  GtkWidget *child;

  if (self->identity_grid == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->identity_grid))) != NULL)
    {
      if (GTK_IS_LABEL (child))
        gtk_label_set_label (GTK_LABEL (child), "");
      gtk_grid_remove (self->identity_grid, child);
    }
}

typedef struct
{
  gint64  id;
  char   *reason;
} RevealJob;

static void
reveal_job_free (gpointer data)
{
  RevealJob *job = data;

  g_free (job->reason);
  g_free (job);
}

/* The result: the reporter, or an empty one when none is stored. */
static gpointer
reveal_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RevealJob *job = data;
  LdReporter *reporter = NULL;

  if (!ld_petition_repository_reveal_reporter (vault, job->id, job->reason, &reporter, error))
    return NULL;

  return reporter != NULL ? reporter : ld_reporter_new (NULL, NULL, NULL, NULL, NULL);
}

static void
reveal_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdRevealDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdReporter) reporter = NULL;

  reporter = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (reporter == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error != NULL ? error->message : _("The reporter could not be read."));
      return;
    }

  self->revealed = TRUE;
  show_error (self, NULL);
  if (ld_reporter_is_empty (reporter))
    add_line (self, 0, _("Reporter"), _("No identity is stored for this report."));
  else
    {
      add_line (self, 0, C_("reporter", "Name"), reporter->name);
      add_line (self, 1, C_("reporter", "Unit"), reporter->unit);
      add_line (self, 2, C_("reporter", "Contact"), reporter->contact);
      add_line (self, 3, C_("reporter", "Address"), reporter->address);
      add_line (self, 4, C_("reporter", "ID number"), reporter->id_number);
    }
  gtk_stack_set_visible_child_name (self->stack, "shown");
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), FALSE);
  set_busy (self, FALSE);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdRevealDialog *self = LD_REVEAL_DIALOG (widget);
  RevealJob *job;
  g_autofree char *reason = get_reason (self);

  if (self->busy || self->revealed)
    return;
  if (*reason == '\0')
    {
      ld_widget_set_error (GTK_WIDGET (self->reason_row), TRUE);
      show_error (self, _("Give the reason for viewing the reporter's identity."));
      return;
    }

  job = g_new0 (RevealJob, 1);
  job->id = self->petition_id;
  job->reason = g_steal_pointer (&reason);
  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, reveal_worker, job, reveal_job_free, (GDestroyNotify) ld_reporter_free,
                      self->cancellable, reveal_cb, g_object_ref (self));
}

static void
on_reason_changed_cb (LdRevealDialog *self)
{
  ld_widget_set_error (GTK_WIDGET (self->reason_row), FALSE);
  update_actions (self);
}

static void
on_reason_activated_cb (LdRevealDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "reveal.reveal", NULL);
}

static void
ld_reveal_dialog_dispose (GObject *object)
{
  LdRevealDialog *self = (LdRevealDialog *)object;

  g_cancellable_cancel (self->cancellable);
  clear_identity (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_REVEAL_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_reveal_dialog_parent_class)->dispose (object);
}

static void
ld_reveal_dialog_finalize (GObject *object)
{
  LdRevealDialog *self = (LdRevealDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_reveal_dialog_parent_class)->finalize (object);
}

static gboolean
ld_reveal_dialog_close_request (GtkWindow *window)
{
  clear_identity (LD_REVEAL_DIALOG (window));

  return GTK_WINDOW_CLASS (ld_reveal_dialog_parent_class)->close_request (window);
}

static void
ld_reveal_dialog_class_init (LdRevealDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_reveal_dialog_dispose;
  object_class->finalize = ld_reveal_dialog_finalize;
  window_class->close_request = ld_reveal_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-reveal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdRevealDialog, identity_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_activated_cb);

  gtk_widget_class_install_action (widget_class, "reveal.reveal", NULL, reveal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_reveal_dialog_init (LdRevealDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

LdRevealDialog *
ld_reveal_dialog_new (LdVault    *vault,
                      gint64      petition_id,
                      const char *reg_no)
{
  LdRevealDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (petition_id > 0, NULL);

  self = g_object_new (LD_TYPE_REVEAL_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->petition_id = petition_id;

  /* Translators: %s is a petition's registration number */
  intro = g_strdup_printf (_("The identity of the reporter of %s is protected. Viewing it is recorded in the audit trail with the reason you give."),
                           reg_no != NULL ? reg_no : "");
  gtk_label_set_label (self->intro_label, intro);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));

  return self;
}

void
ld_reveal_dialog_set_reason (LdRevealDialog *self,
                             const char     *reason)
{
  g_return_if_fail (LD_IS_REVEAL_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason != NULL ? reason : "");
}

gboolean
ld_reveal_dialog_get_busy (LdRevealDialog *self)
{
  g_return_val_if_fail (LD_IS_REVEAL_DIALOG (self), FALSE);

  return self->busy;
}

gboolean
ld_reveal_dialog_get_revealed (LdRevealDialog *self)
{
  g_return_val_if_fail (LD_IS_REVEAL_DIALOG (self), FALSE);

  return self->revealed;
}

const char *
ld_reveal_dialog_get_error_message (LdRevealDialog *self)
{
  g_return_val_if_fail (LD_IS_REVEAL_DIALOG (self), NULL);

  return self->error_message;
}
