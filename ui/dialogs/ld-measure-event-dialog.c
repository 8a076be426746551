/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-measure-event-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-measure-repository.h"
#include "rules/ld-measure-tables.h"

/* The appeal results in the order of outcome_list. */
static const char * const appeal_kinds[] = { "appeal-upheld", "appeal-changed", "appeal-revoked" };

struct _LdMeasureEventDialog
{
  AdwWindow                 parent_instance;

  /* Template Widgets */
  GtkButton                *save_button;
  GtkSpinner               *spinner;
  GtkLabel                 *error_label;
  AdwPreferencesGroup      *event_group;
  AdwComboRow              *outcome_row;
  GtkStringList            *outcome_list;
  AdwEntryRow              *date_row;
  AdwActionRow             *months_row;
  GtkSpinButton            *months_spin;
  AdwEntryRow              *note_row;
  AdwPreferencesGroup      *decision_group;
  AdwComboRow              *code_row;
  GtkStringList            *code_list;
  AdwEntryRow              *decision_row;
  AdwEntryRow              *effective_row;

  /* Owned References */
  LdVault                  *vault;
  LdMeasure                *measure;
  GCancellable             *cancellable;
  char                     *error_message;

  LdMeasureEventDialogKind  kind;
  guint                     busy : 1;
  guint                     can_save : 1;
  guint                     touched : 1;
  guint                     filling : 1;
};

G_DEFINE_FINAL_TYPE (LdMeasureEventDialog, ld_measure_event_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static char *
get_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
show_error (LdMeasureEventDialog *self,
            const char           *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
event_kind (LdMeasureEventDialog *self)
{
  guint pos;

  switch (self->kind)
    {
    case LD_MEASURE_EVENT_DIALOG_LIFT:
      return "lift";
    case LD_MEASURE_EVENT_DIALOG_EXTEND:
      return "extend";
    case LD_MEASURE_EVENT_DIALOG_APPEAL:
    default:
      pos = adw_combo_row_get_selected (self->outcome_row);
      return pos < G_N_ELEMENTS (appeal_kinds) ? appeal_kinds[pos] : appeal_kinds[0];
    }
}

static gboolean
is_changed (LdMeasureEventDialog *self)
{
  return g_str_equal (event_kind (self), "appeal-changed");
}

static gboolean
valid_date (const char *text)
{
  GDate date;

  if (text == NULL || !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$", text, 0, 0))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

static void
build_new_decision (LdMeasureEventDialog *self,
                    LdMeasureSpec        *spec)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);
  guint pos = adw_combo_row_get_selected (self->code_row);

  ld_measure_spec_init_from_measure (spec, self->measure);
  ld_measure_spec_set (&spec->code, pos < n ? codes[pos].code : "");
  g_free (spec->decision_date);
  spec->decision_date = get_stripped (self->decision_row);
  g_free (spec->effective_date);
  spec->effective_date = get_stripped (self->effective_row);
  /* An extension belongs to the old 留党察看 only. */
  spec->extension_months = 0;
}

static gboolean
validate (LdMeasureEventDialog *self)
{
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;
  GtkWidget *bad = NULL;

  if (self->date_row == NULL || self->measure == NULL)
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->decision_group), is_changed (self));
  ld_widget_set_error (GTK_WIDGET (self->date_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->code_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->decision_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->effective_row), FALSE);

  date = get_stripped (self->date_row);
  if (!valid_date (date))
    {
      message = g_strdup (_("Give the date of the event as YYYY-MM-DD."));
      bad = GTK_WIDGET (self->date_row);
    }
  else if (g_strcmp0 (date, ld_measure_get_effective_date (self->measure)) < 0)
    {
      /* Translators: %s is the measure's effective date */
      message = g_strdup_printf (_("The event cannot be before the measure took effect (%s)."),
                                 ld_measure_get_effective_date (self->measure));
      bad = GTK_WIDGET (self->date_row);
    }
  else if (is_changed (self))
    {
      g_auto(LdMeasureSpec) spec = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *bad_key = NULL;

      build_new_decision (self, &spec);
      if (!ld_measure_spec_validate (&spec, &bad_key, &error))
        {
          message = g_strdup (error->message);
          if (g_strcmp0 (bad_key, "code") == 0)
            bad = GTK_WIDGET (self->code_row);
          else if (g_strcmp0 (bad_key, "effective-date") == 0)
            bad = GTK_WIDGET (self->effective_row);
          else
            bad = GTK_WIDGET (self->decision_row);
        }
    }

  if (message != NULL && self->touched)
    {
      ld_widget_set_error (bad, TRUE);
      show_error (self, message);
    }
  else if (message == NULL)
    show_error (self, NULL);

  self->can_save = message == NULL && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save", self->can_save);

  return message == NULL;
}

static void
on_form_changed_cb (LdMeasureEventDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static void
set_busy (LdMeasureEventDialog *self,
          gboolean              busy)
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
  gint64         measure_id;
  char          *kind;
  char          *date;
  int            months;
  char          *note;
  gboolean       has_decision;
  LdMeasureSpec  decision;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_free (job->kind);
  g_free (job->date);
  g_free (job->note);
  if (job->has_decision)
    ld_measure_spec_clear (&job->decision);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 new_id = 0;
  gint64 shown;

  if (!ld_measure_repository_add_event (vault, job->measure_id, job->kind, job->date, job->months, job->note,
                                        job->has_decision ? &job->decision : NULL, &new_id, error))
    return NULL;

  shown = new_id != 0 ? new_id : job->measure_id;
  return g_memdup2 (&shown, sizeof shown);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdMeasureEventDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The event could not be recorded."));
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
  LdMeasureEventDialog *self = LD_MEASURE_EVENT_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->measure_id = ld_measure_get_id (self->measure);
  job->kind = g_strdup (event_kind (self));
  job->date = get_stripped (self->date_row);
  job->months = self->kind == LD_MEASURE_EVENT_DIALOG_EXTEND ? gtk_spin_button_get_value_as_int (self->months_spin) : 0;
  job->note = get_stripped (self->note_row);
  if (is_changed (self))
    {
      job->has_decision = TRUE;
      build_new_decision (self, &job->decision);
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

static gboolean
ld_measure_event_dialog_close_request (GtkWindow *window)
{
  LdMeasureEventDialog *self = LD_MEASURE_EVENT_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_measure_event_dialog_parent_class)->close_request (window);
}

static void
ld_measure_event_dialog_dispose (GObject *object)
{
  LdMeasureEventDialog *self = (LdMeasureEventDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_MEASURE_EVENT_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->measure);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_measure_event_dialog_parent_class)->dispose (object);
}

static void
ld_measure_event_dialog_finalize (GObject *object)
{
  LdMeasureEventDialog *self = (LdMeasureEventDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_measure_event_dialog_parent_class)->finalize (object);
}

static void
ld_measure_event_dialog_class_init (LdMeasureEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_measure_event_dialog_dispose;
  object_class->finalize = ld_measure_event_dialog_finalize;
  window_class->close_request = ld_measure_event_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/dialogs/ld-measure-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, event_group);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, months_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, months_spin);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, decision_group);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, code_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, decision_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureEventDialog, effective_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "event.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_measure_event_dialog_init (LdMeasureEventDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdMeasureEventDialog *
ld_measure_event_dialog_new (LdVault                  *vault,
                             LdMeasure                *measure,
                             LdMeasureEventDialogKind  kind)
{
  LdMeasureEventDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *description = NULL;
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (LD_IS_MEASURE (measure), NULL);

  self = g_object_new (LD_TYPE_MEASURE_EVENT_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->measure = g_object_ref (measure);
  self->kind = kind;
  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (appeal_kinds); i++)
    gtk_string_list_append (self->outcome_list, ld_measure_event_get_label (appeal_kinds[i]));
  for (guint i = 0; i < n; i++)
    {
      /* Translators: a measure in the code list: category and name */
      g_autofree char *label = g_strdup_printf (_("%s · %s"), ld_measure_category_get_label (codes[i].category),
                                                ld_measure_code_get_label (&codes[i]));

      gtk_string_list_append (self->code_list, label);
      if (g_str_equal (codes[i].code, ld_measure_get_code (measure)))
        adw_combo_row_set_selected (self->code_row, i);
    }

  /* Translators: the measure an event is recorded for: number, name, measure */
  description = g_strdup_printf (_("%s · %s · %s"), ld_measure_get_reg_no (measure),
                                 ld_measure_get_cadre_name (measure), ld_measure_get_code_label (measure));
  adw_preferences_group_set_description (self->event_group, description);

  switch (kind)
    {
    case LD_MEASURE_EVENT_DIALOG_LIFT:
      gtk_window_set_title (GTK_WINDOW (self), _("Lift the Measure"));
      adw_preferences_group_set_title (self->event_group, _("Lifted (解除)"));
      gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->months_row), FALSE);
      break;
    case LD_MEASURE_EVENT_DIALOG_EXTEND:
      gtk_window_set_title (GTK_WINDOW (self), _("Extend the Probation"));
      adw_preferences_group_set_title (self->event_group, _("Probation Extended (延长留党察看)"));
      gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), FALSE);
      gtk_spin_button_set_range (self->months_spin, 1,
                                 MAX (1, LD_MEASURE_MAX_EXTENSION_MONTHS - ld_measure_get_extension_months (measure)));
      break;
    case LD_MEASURE_EVENT_DIALOG_APPEAL:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("Result of the Appeal"));
      adw_preferences_group_set_title (self->event_group, _("Appeal (申诉)"));
      gtk_widget_set_visible (GTK_WIDGET (self->months_row), FALSE);
      break;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->decision_row), today);

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (kind == LD_MEASURE_EVENT_DIALOG_APPEAL ? GTK_WIDGET (self->outcome_row)
                                                                            : GTK_WIDGET (self->date_row)));

  return self;
}

void
ld_measure_event_dialog_fill (LdMeasureEventDialog *self,
                              const char           *date,
                              const char           *note)
{
  g_return_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self));

  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), note);
  validate (self);
}

void
ld_measure_event_dialog_set_months (LdMeasureEventDialog *self,
                                    int                   months)
{
  g_return_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self));

  gtk_spin_button_set_value (self->months_spin, months);
  validate (self);
}

void
ld_measure_event_dialog_set_outcome (LdMeasureEventDialog *self,
                                     const char           *kind)
{
  g_return_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (appeal_kinds); i++)
    if (g_strcmp0 (appeal_kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->outcome_row, i);
  validate (self);
}

void
ld_measure_event_dialog_set_new_decision (LdMeasureEventDialog *self,
                                          const char           *code,
                                          const char           *decision_date,
                                          const char           *effective_date)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);

  g_return_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self));

  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (codes[i].code, code))
      adw_combo_row_set_selected (self->code_row, i);
  if (decision_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->decision_row), decision_date);
  if (effective_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->effective_row), effective_date);
  validate (self);
}

gboolean
ld_measure_event_dialog_get_can_save (LdMeasureEventDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_measure_event_dialog_get_busy (LdMeasureEventDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_measure_event_dialog_get_error_message (LdMeasureEventDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_EVENT_DIALOG (self), NULL);

  return self->error_message;
}
