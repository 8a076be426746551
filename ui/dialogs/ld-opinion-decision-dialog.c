/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion-decision-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-opinion-decision-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-opinion-repository.h"

struct _LdOpinionDecisionDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesGroup *cadre_group;
  AdwActionRow        *proposal_row;
  AdwComboRow         *decision_row;
  GtkStringList       *decision_list;
  GtkLabel            *wording_label;
  AdwPreferencesGroup *reason_group;
  GtkTextView         *reason_view;

  /* Owned References */
  LdVault             *vault;
  LdOpinionItem       *item;
  GCancellable        *cancellable;
  char                *error_message;

  guint                busy : 1;
  guint                can_save : 1;
};

G_DEFINE_FINAL_TYPE (LdOpinionDecisionDialog, ld_opinion_decision_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static char *
get_reason (LdOpinionDecisionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reason_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_error (LdOpinionDecisionDialog *self,
            const char              *message)
{
  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static LdOpinion
proposal (LdOpinionDecisionDialog *self)
{
  return self->item != NULL ? ld_opinion_item_get_proposal (self->item) : LD_N_OPINIONS;
}

/* The reason is needed as soon as the decision differs from the proposal;
 * Save stays insensitive until it is given. */
static gboolean
validate (LdOpinionDecisionDialog *self)
{
  LdOpinion decision = ld_opinion_decision_dialog_get_decision (self);
  g_autofree char *reason = NULL;
  gboolean needs_reason;
  gboolean ok;

  if (self->decision_row == NULL || self->item == NULL)
    return FALSE;

  gtk_label_set_label (self->wording_label, decision < LD_N_OPINIONS ? ld_opinion_get_wording (decision) : "");
  needs_reason = decision < LD_N_OPINIONS && proposal (self) < LD_N_OPINIONS
                 && ld_opinion_change_needs_reason (proposal (self), decision);
  adw_preferences_group_set_description (self->reason_group,
                                         needs_reason
                                         ? _("Required: the decision differs from the check's proposal.")
                                         : _("Optional: the decision is the check's proposal."));
  reason = get_reason (self);
  ok = decision < LD_N_OPINIONS && (!needs_reason || *reason != '\0');
  ld_widget_set_error (GTK_WIDGET (self->reason_view), needs_reason && *reason == '\0');

  self->can_save = ok && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decision.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdOpinionDecisionDialog *self)
{
  validate (self);
}

static void
set_busy (LdOpinionDecisionDialog *self,
          gboolean                 busy)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (gtk_widget_get_last_child (content), !busy);
  validate (self);
}

typedef struct
{
  gint64     item_id;
  LdOpinion  decision;
  char      *reason;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_free (job->reason);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;

  if (!ld_opinion_repository_decide (vault, job->item_id, job->decision, job->reason, error))
    return NULL;

  return g_memdup2 (&job->item_id, sizeof job->item_id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdOpinionDecisionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The decision could not be saved."));
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
  LdOpinionDecisionDialog *self = LD_OPINION_DECISION_DIALOG (widget);
  SaveJob *job;

  if (self->busy || !validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->item_id = ld_opinion_item_get_id (self->item);
  job->decision = ld_opinion_decision_dialog_get_decision (self);
  job->reason = get_reason (self);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

static gboolean
ld_opinion_decision_dialog_close_request (GtkWindow *window)
{
  LdOpinionDecisionDialog *self = LD_OPINION_DECISION_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_opinion_decision_dialog_parent_class)->close_request (window);
}

static void
ld_opinion_decision_dialog_dispose (GObject *object)
{
  LdOpinionDecisionDialog *self = (LdOpinionDecisionDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_OPINION_DECISION_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->item);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_opinion_decision_dialog_parent_class)->dispose (object);
}

static void
ld_opinion_decision_dialog_finalize (GObject *object)
{
  LdOpinionDecisionDialog *self = (LdOpinionDecisionDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_opinion_decision_dialog_parent_class)->finalize (object);
}

static void
ld_opinion_decision_dialog_class_init (LdOpinionDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_opinion_decision_dialog_dispose;
  object_class->finalize = ld_opinion_decision_dialog_finalize;
  window_class->close_request = ld_opinion_decision_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/dialogs/ld-opinion-decision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, cadre_group);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, proposal_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, decision_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, decision_list);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, wording_label);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionDecisionDialog, reason_view);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "decision.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "decision.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_opinion_decision_dialog_init (LdOpinionDecisionDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  for (int i = 0; i < LD_N_OPINIONS; i++)
    gtk_string_list_append (self->decision_list, ld_opinion_get_label ((LdOpinion) i));
  g_signal_connect_object (gtk_text_view_get_buffer (self->reason_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
}

LdOpinionDecisionDialog *
ld_opinion_decision_dialog_new (LdVault       *vault,
                                LdOpinionItem *item)
{
  LdOpinionDecisionDialog *self;
  LdOpinion current;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (LD_IS_OPINION_ITEM (item), NULL);

  self = g_object_new (LD_TYPE_OPINION_DECISION_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->item = g_object_ref (item);

  /* Translators: the heading of the change dialog: a cadre's name, unit and post */
  title = g_strdup_printf (_("%s · %s %s"), ld_opinion_item_get_cadre_name (item),
                           ld_opinion_item_get_cadre_unit_name (item), ld_opinion_item_get_cadre_post (item));
  adw_preferences_group_set_title (self->cadre_group, title);
  if (proposal (self) < LD_N_OPINIONS)
    /* Translators: the check's proposal (a short label) and its reasons */
    subtitle = g_strdup_printf (_("%s\n%s"), ld_opinion_item_get_proposal_label (item),
                                ld_opinion_item_get_reasons_text (item));
  else
    subtitle = g_strdup (_("Not checked yet"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->proposal_row), FALSE);
  adw_action_row_set_subtitle (self->proposal_row, subtitle);

  /* Start from the decision taken so far, else from the proposal. */
  current = ld_opinion_item_get_decision (item);
  if (current >= LD_N_OPINIONS)
    current = proposal (self);
  if (current < LD_N_OPINIONS)
    adw_combo_row_set_selected (self->decision_row, (guint) current);
  if (*ld_opinion_item_get_change_reason (item) != '\0')
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view),
                              ld_opinion_item_get_change_reason (item), -1);

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->decision_row));

  return self;
}

void
ld_opinion_decision_dialog_set_decision (LdOpinionDecisionDialog *self,
                                         LdOpinion                decision)
{
  g_return_if_fail (LD_IS_OPINION_DECISION_DIALOG (self));
  g_return_if_fail (decision < LD_N_OPINIONS);

  adw_combo_row_set_selected (self->decision_row, (guint) decision);
  validate (self);
}

LdOpinion
ld_opinion_decision_dialog_get_decision (LdOpinionDecisionDialog *self)
{
  guint selected;

  g_return_val_if_fail (LD_IS_OPINION_DECISION_DIALOG (self), LD_N_OPINIONS);

  selected = adw_combo_row_get_selected (self->decision_row);
  return selected < LD_N_OPINIONS ? (LdOpinion) selected : LD_N_OPINIONS;
}

void
ld_opinion_decision_dialog_set_reason (LdOpinionDecisionDialog *self,
                                       const char              *reason)
{
  g_return_if_fail (LD_IS_OPINION_DECISION_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view), reason != NULL ? reason : "", -1);
  validate (self);
}

gboolean
ld_opinion_decision_dialog_get_can_save (LdOpinionDecisionDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_DECISION_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_opinion_decision_dialog_get_busy (LdOpinionDecisionDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_DECISION_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_opinion_decision_dialog_get_error_message (LdOpinionDecisionDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_DECISION_DIALOG (self), NULL);

  return self->error_message;
}
