/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-reporter-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-reporter-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-petition-repository.h"

struct _LdReporterDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkBox              *form_box;
  GtkLabel            *intro_label;
  GtkSwitch           *real_name_switch;
  AdwPreferencesGroup *identity_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *unit_row;
  AdwEntryRow         *contact_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *id_number_row;
  GtkLabel            *message_label;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  char                *message;

  gint64               petition_id;
  guint                was_real_name : 1;
  guint                busy : 1;
  guint                can_save : 1;
  guint                failed : 1;      /* the message is the write's error */
  guint                closing : 1;
};

G_DEFINE_FINAL_TYPE (LdReporterDialog, ld_reporter_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static AdwEntryRow **
identity_rows (LdReporterDialog *self,
               AdwEntryRow      *rows[5])
{
  rows[0] = self->name_row;
  rows[1] = self->unit_row;
  rows[2] = self->contact_row;
  rows[3] = self->address_row;
  rows[4] = self->id_number_row;

  return rows;
}

static char *
get_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Overwrites a local copy of the identity before freeing it. */
static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

typedef char *LdWipedText;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LdWipedText, wipe_free, NULL)

static void
show_message (LdReporterDialog *self,
              const char       *message,
              gboolean          error)
{
  if (g_strcmp0 (message, self->message) != 0)
    {
      g_clear_pointer (&self->message, g_free);
      self->message = g_strdup (message);
      gtk_label_set_label (self->message_label, message != NULL ? message : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "ld-inline-error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "ld-inline-error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

/* The one place that decides what may be saved and what the form says. */
static void
update_state (LdReporterDialog *self)
{
  gboolean real_name = gtk_switch_get_active (self->real_name_switch);
  g_autofree char *name = get_stripped (self->name_row);
  g_autofree char *unit = get_stripped (self->unit_row);
  gboolean named = *name != '\0' || *unit != '\0';
  const char *hint = NULL;

  if (real_name && !named)
    hint = _("A real-name report names its reporter: type the name or the unit.");
  else if (!real_name && self->was_real_name)
    hint = _("Saving makes the report anonymous and clears the stored identity.");
  else if (!real_name)
    hint = _("This report is anonymous. If the reporter gave their name, switch on Real-Name Report and type the identity.");
  else if (!self->was_real_name)
    hint = _("Saving stores the identity and makes the report a real-name report.");

  if (!self->failed)
    show_message (self, hint, FALSE);

  ld_widget_set_sensitive (GTK_WIDGET (self->identity_group), real_name && !self->busy);
  self->can_save = !self->busy && (real_name ? named : self->was_real_name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reporter.save", self->can_save);
}

static void
on_changed_cb (LdReporterDialog *self)
{
  if (self->closing)
    return;
  self->failed = FALSE;
  update_state (self);
}

static void
on_entry_activated_cb (LdReporterDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "reporter.save", NULL);
}

static void
set_busy (LdReporterDialog *self,
          gboolean          busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->form_box), !busy);
  update_state (self);
}

/* The typed identity leaves the entries (no undo history keeps it). */
static void
clear_identity (LdReporterDialog *self)
{
  AdwEntryRow *rows[5];

  identity_rows (self, rows);
  self->closing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  self->closing = FALSE;
}

/* --- Saving ---------------------------------------------------------------- */

typedef struct
{
  gint64      id;
  gboolean    was_real_name;
  gboolean    real_name;
  LdReporter *reporter;     /* NULL when the report becomes anonymous */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_pointer (&job->reporter, ld_reporter_free);
  g_free (job);
}

/* Only the real-name flag changes: the other fields stay as stored. */
static gboolean
set_real_name (LdVault   *vault,
               gint64     id,
               gboolean   real_name,
               GError   **error)
{
  g_autoptr(LdPetition) petition = ld_petition_repository_get (vault, id, error);
  g_auto(LdPetitionSpec) spec = { 0 };

  if (petition == NULL)
    return FALSE;
  ld_petition_spec_init_from_petition (&spec, petition);
  spec.real_name = real_name;

  return ld_petition_repository_update (vault, id, &spec, error);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;

  if (job->real_name && !job->was_real_name)
    {
      /* An anonymous report takes any identity; a real-name one needs it
       * stored first. */
      if (!ld_petition_repository_set_reporter (vault, job->id, job->reporter, error))
        return NULL;
      if (!set_real_name (vault, job->id, TRUE, error))
        {
          g_prefix_error (error, "%s ", _("The identity was stored, but the report could not be made real-name:"));
          return NULL;
        }
    }
  else if (!job->real_name)
    {
      if (!set_real_name (vault, job->id, FALSE, error))
        return NULL;
      if (!ld_petition_repository_set_reporter (vault, job->id, NULL, error))
        {
          g_prefix_error (error, "%s ", _("The report is anonymous now, but the stored identity could not be cleared:"));
          return NULL;
        }
    }
  else if (!ld_petition_repository_set_reporter (vault, job->id, job->reporter, error))
    return NULL;

  return g_memdup2 (&job->id, sizeof job->id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdReporterDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      self->failed = TRUE;
      show_message (self, error != NULL ? error->message : _("The reporter could not be saved."), TRUE);
      return;
    }

  g_signal_emit (self, signals [SIGNAL_SAVED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdReporterDialog *self = LD_REPORTER_DIALOG (widget);
  SaveJob *job;

  update_state (self);
  if (self->busy || !self->can_save)
    return;

  job = g_new0 (SaveJob, 1);
  job->id = self->petition_id;
  job->was_real_name = self->was_real_name;
  job->real_name = gtk_switch_get_active (self->real_name_switch);
  if (job->real_name)
    {
      g_auto(LdWipedText) name = get_stripped (self->name_row);
      g_auto(LdWipedText) unit = get_stripped (self->unit_row);
      g_auto(LdWipedText) contact = get_stripped (self->contact_row);
      g_auto(LdWipedText) address = get_stripped (self->address_row);
      g_auto(LdWipedText) id_number = get_stripped (self->id_number_row);

      job->reporter = ld_reporter_new (name, unit, contact, address, id_number);
    }

  self->failed = FALSE;
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- GObject --------------------------------------------------------------- */

static gboolean
ld_reporter_dialog_close_request (GtkWindow *window)
{
  LdReporterDialog *self = LD_REPORTER_DIALOG (window);

  if (self->busy)
    return TRUE;

  clear_identity (self);

  return GTK_WINDOW_CLASS (ld_reporter_dialog_parent_class)->close_request (window);
}

static void
ld_reporter_dialog_dispose (GObject *object)
{
  LdReporterDialog *self = (LdReporterDialog *)object;

  g_cancellable_cancel (self->cancellable);
  clear_identity (self);
  self->closing = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_REPORTER_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_reporter_dialog_parent_class)->dispose (object);
}

static void
ld_reporter_dialog_finalize (GObject *object)
{
  LdReporterDialog *self = (LdReporterDialog *)object;

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ld_reporter_dialog_parent_class)->finalize (object);
}

static void
ld_reporter_dialog_class_init (LdReporterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_reporter_dialog_dispose;
  object_class->finalize = ld_reporter_dialog_finalize;
  window_class->close_request = ld_reporter_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-reporter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, real_name_switch);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, identity_group);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, LdReporterDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "reporter.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reporter.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_reporter_dialog_init (LdReporterDialog *self)
{
  AdwEntryRow *rows[5];

  self->cancellable = g_cancellable_new ();
  self->closing = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  /* No undo history keeps the identity after it is cleared. */
  identity_rows (self, rows);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_enable_undo (GTK_EDITABLE (rows[i]), FALSE);

  self->closing = FALSE;
}

LdReporterDialog *
ld_reporter_dialog_new (LdVault    *vault,
                        gint64      petition_id,
                        const char *reg_no,
                        gboolean    real_name)
{
  LdReporterDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (petition_id > 0, NULL);

  self = g_object_new (LD_TYPE_REPORTER_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->petition_id = petition_id;
  self->was_real_name = !!real_name;

  if (real_name)
    /* Translators: %s is a petition's registration number */
    intro = g_strdup_printf (_("The identity of the reporter of %s is protected. Type the corrected identity in full: it replaces the stored one, and the change is recorded without the values."),
                             reg_no != NULL ? reg_no : "");
  else
    /* Translators: %s is a petition's registration number */
    intro = g_strdup_printf (_("Report %s is anonymous. When the reporter gave their name, switch on Real-Name Report and type the identity: it is stored apart from the report and shown masked."),
                             reg_no != NULL ? reg_no : "");
  gtk_label_set_label (self->intro_label, intro);

  self->closing = TRUE;
  gtk_switch_set_active (self->real_name_switch, real_name);
  self->closing = FALSE;
  update_state (self);
  gtk_widget_grab_focus (real_name ? GTK_WIDGET (self->name_row) : GTK_WIDGET (self->real_name_switch));

  return self;
}

void
ld_reporter_dialog_fill (LdReporterDialog *self,
                         gboolean          real_name,
                         const char       *name,
                         const char       *unit)
{
  g_return_if_fail (LD_IS_REPORTER_DIALOG (self));

  gtk_switch_set_active (self->real_name_switch, real_name);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (unit != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->unit_row), unit);
  update_state (self);
}

gboolean
ld_reporter_dialog_get_can_save (LdReporterDialog *self)
{
  g_return_val_if_fail (LD_IS_REPORTER_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_reporter_dialog_get_busy (LdReporterDialog *self)
{
  g_return_val_if_fail (LD_IS_REPORTER_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_reporter_dialog_get_message (LdReporterDialog *self)
{
  g_return_val_if_fail (LD_IS_REPORTER_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? self->message : NULL;
}
