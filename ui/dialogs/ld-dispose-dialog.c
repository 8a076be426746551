/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-dispose-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ld-dispose-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-clue-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"

struct _LdDisposeDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesPage  *form;
  AdwActionRow        *clue_row;
  AdwPreferencesGroup *dispose_group;
  AdwComboRow         *disposal_row;
  GtkStringList       *disposal_list;
  AdwEntryRow         *approver_row;
  AdwEntryRow         *approved_row;
  AdwActionRow        *due_row;
  AdwPreferencesGroup *close_group;
  AdwComboRow         *result_row;
  GtkStringList       *result_list;
  AdwEntryRow         *closed_row;
  AdwPreferencesGroup *clearing_group;
  AdwEntryRow         *clearing_row;
  AdwEntryRow         *clearing_date_row;
  AdwEntryRow         *note_row;

  /* Owned References */
  LdVault             *vault;
  LdClue              *clue;
  GCancellable        *cancellable;
  GPtrArray           *choices;        /* const char * codes, NULL-terminated */
  LdWorkdays          *workdays;
  LdCaseRules          rules;
  char                *due_date;
  char                *error_message;

  LdDisposeMode        mode;
  guint                ready : 1;
  guint                busy : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdDisposeDialog, ld_dispose_dialog, ADW_TYPE_WINDOW)

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

/* Strict "YYYY-MM-DD". */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y = 0, m = 0, d = 0;
  char tail = '\0';

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
show_error (LdDisposeDialog *self,
            const char      *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
chosen_code (LdDisposeDialog *self)
{
  guint pos = self->mode == LD_DISPOSE_MODE_DISPOSE ? adw_combo_row_get_selected (self->disposal_row)
                                                     : adw_combo_row_get_selected (self->result_row);

  /* choices ends with NULL; an empty combo has no position. */
  return pos != GTK_INVALID_LIST_POSITION && pos + 1 < self->choices->len ? g_ptr_array_index (self->choices, pos)
                                                                          : NULL;
}

/* The due date of the chosen disposal from the approval date (shown live). */
static void
update_due (LdDisposeDialog *self,
            const char      *code,
            const GDate     *approved)
{
  g_autofree char *subtitle = NULL;
  GDate due;

  g_clear_pointer (&self->due_date, g_free);
  g_date_clear (&due, 1);

  if (!self->ready)
    subtitle = g_strdup (_("Reading the rules and the calendar…"));
  else if (code == NULL)
    subtitle = g_strdup ("—");
  else if (approved == NULL || !g_date_valid (approved))
    subtitle = g_strdup (_("Computed from the approval date"));
  else if (ld_deadline_disposal (&self->rules, self->workdays, code, approved, &due))
    {
      self->due_date = format_date (&due);
      if (g_str_equal (code, "verify"))
        /* Translators: a due date, then the rule it comes from */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u month after approval)",
                                                 "%s (%u months after approval)", self->rules.verify_months),
                                    self->due_date, self->rules.verify_months);
      else
        /* Translators: a due date, then the rule it comes from */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u working day after approval)",
                                                 "%s (%u working days after approval)", self->rules.talk_letter_days),
                                    self->due_date, self->rules.talk_letter_days);
    }
  else
    subtitle = g_strdup (_("No time limit for this disposal"));

  if (self->due_date == NULL)
    self->due_date = g_strdup ("");
  adw_action_row_set_subtitle (self->due_row, subtitle);
}

static gboolean
check_date (AdwEntryRow  *row,
            const char   *what,
            gboolean      required,
            GDate        *date,
            char        **message)
{
  g_autofree char *text = get_stripped (row);

  if (*text == '\0' && !required)
    {
      g_date_clear (date, 1);
      return TRUE;
    }
  if (parse_date (text, date))
    return TRUE;

  ld_widget_set_error (GTK_WIDGET (row), TRUE);
  if (*text == '\0')
    /* Translators: %s names a date field ("The approval date") */
    *message = g_strdup_printf (_("%s is required."), what);
  else
    /* Translators: %s names a date field ("The approval date") */
    *message = g_strdup_printf (_("%s must be a real date written as YYYY-MM-DD."), what);
  return FALSE;
}

/* Checks the form with the state machine and the same rules as the vault;
 * marks the first bad field; enables "dispose.save". */
static gboolean
validate (LdDisposeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *person = NULL;
  const char *code;
  const char *from;
  const char *received;
  GDate date, received_date, clearing_date;
  gboolean unfounded = FALSE;
  gboolean ok = TRUE;

  if (self->clue == NULL || self->choices == NULL)
    return FALSE;

  ld_widget_set_error (GTK_WIDGET (self->approver_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->approved_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->closed_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->clearing_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->clearing_date_row), FALSE);

  code = chosen_code (self);
  from = ld_clue_get_status (self->clue);
  received = ld_clue_get_received_date (self->clue);
  parse_date (received, &received_date);
  g_date_clear (&date, 1);

  if (self->mode == LD_DISPOSE_MODE_DISPOSE)
    {
      const char *to = code != NULL ? ld_clue_status_for_disposal (code) : "handling";

      /* The state machine speaks first: nothing else matters if the move
       * is not allowed. */
      if (!ld_clue_status_can_move (from, to != NULL ? to : "handling", code != NULL ? code : "talk-letter", &error))
        {
          message = g_strdup (error->message);
          ok = FALSE;
        }
      if (ok)
        {
          person = get_stripped (self->approver_row);
          if (*person == '\0')
            {
              ld_widget_set_error (GTK_WIDGET (self->approver_row), TRUE);
              message = g_strdup (_("Name the leader who approved the disposal."));
              ok = FALSE;
            }
          else if (g_utf8_strlen (person, -1) > 50)
            {
              ld_widget_set_error (GTK_WIDGET (self->approver_row), TRUE);
              message = g_strdup (_("The approving leader’s name is too long (at most 50 characters)."));
              ok = FALSE;
            }
        }
      if (ok)
        ok = check_date (self->approved_row, _("The approval date"), TRUE, &date, &message);
      if (ok && g_date_valid (&received_date) && g_date_compare (&date, &received_date) < 0)
        {
          ld_widget_set_error (GTK_WIDGET (self->approved_row), TRUE);
          message = g_strdup_printf (_("The approval date is before the clue was received (%s)."), received);
          ok = FALSE;
        }
      update_due (self, code, ok || g_date_valid (&date) ? &date : NULL);
    }
  else
    {
      const char *disposal = g_strcmp0 (from, "handling") == 0 ? "" : "close";
      GDate approved;

      unfounded = g_strcmp0 (code, "unfounded") == 0;
      if (!ld_clue_status_can_move (from, "closed", disposal, &error))
        {
          message = g_strdup (error->message);
          ok = FALSE;
        }
      if (ok && code == NULL)
        {
          message = g_strdup (_("Choose the result."));
          ok = FALSE;
        }
      if (ok)
        ok = check_date (self->closed_row, _("The closing date"), TRUE, &date, &message);
      if (ok && ((g_date_valid (&received_date) && g_date_compare (&date, &received_date) < 0)
                 || (parse_date (ld_clue_get_approved_date (self->clue), &approved)
                     && g_date_compare (&date, &approved) < 0)))
        {
          ld_widget_set_error (GTK_WIDGET (self->closed_row), TRUE);
          message = g_strdup (_("The closing date is before the clue was received or its disposal approved."));
          ok = FALSE;
        }
      if (ok && unfounded)
        {
          g_autofree char *clearing = get_stripped (self->clearing_row);

          ok = check_date (self->clearing_date_row, _("The clearing date"), *clearing != '\0', &clearing_date,
                           &message);
          if (ok && *clearing == '\0' && g_date_valid (&clearing_date))
            {
              ld_widget_set_error (GTK_WIDGET (self->clearing_row), TRUE);
              message = g_strdup (_("A clearing date was given without the clearing. Say what was done to clear the person’s name."));
              ok = FALSE;
            }
          if (ok && g_date_valid (&clearing_date) && g_date_valid (&received_date)
              && g_date_compare (&clearing_date, &received_date) < 0)
            {
              ld_widget_set_error (GTK_WIDGET (self->clearing_date_row), TRUE);
              message = g_strdup_printf (_("The clearing date is before the clue was received (%s)."), received);
              ok = FALSE;
            }
        }
      gtk_widget_set_visible (GTK_WIDGET (self->clearing_group), unfounded);
    }

  /* A refusal of the state machine shows at once; a field only once
   * something was typed. */
  if (!ok && (self->touched || error != NULL))
    show_error (self, message);
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy && self->ready;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispose.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdDisposeDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static void
set_busy (LdDisposeDialog *self,
          gboolean         busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->form), !busy);
  validate (self);
}

/* --- Rules and calendar ------------------------------------------------------ */

typedef struct
{
  LdCaseRules  rules;
  LdWorkdays  *workdays;
} RulesResult;

static void
rules_result_free (gpointer data)
{
  RulesResult *result = data;

  g_clear_pointer (&result->workdays, ld_workdays_unref);
  g_free (result);
}

static gpointer
rules_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  RulesResult *result = g_new0 (RulesResult, 1);

  ld_case_rules_init_defaults (&result->rules);
  if (!ld_case_rules_repository_load (vault, NULL, &result->rules, error)
      || (result->workdays = ld_calendar_repository_load (vault, error)) == NULL)
    {
      rules_result_free (result);
      return NULL;
    }

  return result;
}

static void
rules_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(LdDisposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RulesResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&result, rules_result_free);
      return;
    }

  if (result == NULL)
    {
      /* Without the vault's rules the defaults and weekends still give a
       * due date; the vault computes the stored one itself. */
      ld_case_rules_init_defaults (&self->rules);
      self->workdays = ld_workdays_new ();
      show_error (self, error != NULL ? error->message : NULL);
    }
  else
    {
      self->rules = result->rules;
      self->workdays = g_steal_pointer (&result->workdays);
      rules_result_free (result);
    }

  self->ready = TRUE;
  validate (self);
}

/* --- Saving ------------------------------------------------------------------ */

typedef struct
{
  LdDisposeMode  mode;
  gint64         clue_id;
  char          *code;
  char          *date;
  char          *person;
  char          *clearing_date;
  char          *note;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_free (job->code);
  g_free (job->date);
  g_free (job->person);
  g_free (job->clearing_date);
  g_free (job->note);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gboolean ok;

  if (job->mode == LD_DISPOSE_MODE_DISPOSE)
    ok = ld_clue_repository_dispose (vault, job->clue_id, job->code, job->person, job->date, job->note, error);
  else
    ok = ld_clue_repository_close (vault, job->clue_id, job->code, job->date, job->person, job->clearing_date,
                                   job->note, error);

  return ok ? g_memdup2 (&job->clue_id, sizeof job->clue_id) : NULL;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdDisposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The clue could not be changed."));
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
  LdDisposeDialog *self = LD_DISPOSE_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self) || !self->ready)
    return;

  job = g_new0 (SaveJob, 1);
  job->mode = self->mode;
  job->clue_id = ld_clue_get_id (self->clue);
  job->code = g_strdup (chosen_code (self));
  job->note = get_stripped (self->note_row);
  if (self->mode == LD_DISPOSE_MODE_DISPOSE)
    {
      job->date = get_stripped (self->approved_row);
      job->person = get_stripped (self->approver_row);
    }
  else
    {
      job->date = get_stripped (self->closed_row);
      if (g_str_equal (job->code, "unfounded"))
        {
          job->person = get_stripped (self->clearing_row);
          job->clearing_date = get_stripped (self->clearing_date_row);
        }
      else
        {
          job->person = g_strdup ("");
          job->clearing_date = g_strdup ("");
        }
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- GObject ----------------------------------------------------------------- */

static gboolean
ld_dispose_dialog_close_request (GtkWindow *window)
{
  LdDisposeDialog *self = LD_DISPOSE_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_dispose_dialog_parent_class)->close_request (window);
}

static void
ld_dispose_dialog_dispose (GObject *object)
{
  LdDisposeDialog *self = (LdDisposeDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_DISPOSE_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->clue);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_dispose_dialog_parent_class)->dispose (object);
}

static void
ld_dispose_dialog_finalize (GObject *object)
{
  LdDisposeDialog *self = (LdDisposeDialog *)object;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->workdays, ld_workdays_unref);
  g_clear_pointer (&self->due_date, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_dispose_dialog_parent_class)->finalize (object);
}

static void
ld_dispose_dialog_class_init (LdDisposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_dispose_dialog_dispose;
  object_class->finalize = ld_dispose_dialog_finalize;
  window_class->close_request = ld_dispose_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-dispose-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, form);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, clue_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, dispose_group);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, disposal_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, disposal_list);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, approver_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, approved_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, close_group);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, result_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, result_list);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, closed_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, clearing_group);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, clearing_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, clearing_date_row);
  gtk_widget_class_bind_template_child (widget_class, LdDisposeDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "dispose.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dispose.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_dispose_dialog_init (LdDisposeDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->choices = g_ptr_array_new ();
  ld_case_rules_init_defaults (&self->rules);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdDisposeDialog *
ld_dispose_dialog_new (LdVault       *vault,
                       LdClue        *clue,
                       LdDisposeMode  mode)
{
  LdDisposeDialog *self;
  const LdCode *codes;
  guint n = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *summary = NULL;
  const char *status;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (LD_IS_CLUE (clue), NULL);
  g_return_val_if_fail (mode == LD_DISPOSE_MODE_DISPOSE || mode == LD_DISPOSE_MODE_CLOSE, NULL);

  self = g_object_new (LD_TYPE_DISPOSE_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->clue = g_object_ref (clue);
  self->mode = mode;
  self->filling = TRUE;
  status = ld_clue_get_status (clue);

  /* Translators: registration number, person and status of a clue */
  summary = g_strdup_printf (_("%s · %s · %s"), ld_clue_get_reg_no (clue), ld_clue_get_person (clue),
                             ld_clue_get_status_label (clue));
  adw_action_row_set_subtitle (self->clue_row, summary);

  if (mode == LD_DISPOSE_MODE_DISPOSE)
    {
      /* Only the disposals the status allows are offered; closing (予以了结)
       * is the other mode. */
      codes = ld_code_table_get (LD_CODE_TABLE_DISPOSAL, &n);
      for (guint i = 0; i < n; i++)
        {
          const char *to = ld_clue_status_for_disposal (codes[i].code);

          if (g_str_equal (codes[i].code, "close") || to == NULL
              || !ld_clue_status_can_move (status, to, codes[i].code, NULL))
            continue;
          g_ptr_array_add (self->choices, (gpointer) codes[i].code);
          gtk_string_list_append (self->disposal_list, codes[i].label);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->approved_row), today);
      gtk_widget_set_visible (GTK_WIDGET (self->close_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->clearing_group), FALSE);
      gtk_button_set_label (self->save_button, _("_Dispose"));
    }
  else
    {
      codes = ld_code_table_get (LD_CODE_TABLE_CLUE_RESULT, &n);
      for (guint i = 0; i < n; i++)
        {
          g_ptr_array_add (self->choices, (gpointer) codes[i].code);
          gtk_string_list_append (self->result_list, codes[i].label);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->closed_row), today);
      gtk_widget_set_visible (GTK_WIDGET (self->dispose_group), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Close the Clue"));
      gtk_button_set_label (self->save_button, _("C_lose Clue"));
      if (g_strcmp0 (status, "handling") != 0)
        adw_preferences_group_set_description (self->close_group,
                                               _("A clue that was not taken up is closed as 予以了结 with its result."));
    }
  g_ptr_array_add (self->choices, NULL);

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (mode == LD_DISPOSE_MODE_DISPOSE ? self->disposal_row : self->result_row));

  ld_vault_run_async (vault, rules_worker, NULL, NULL, rules_result_free, self->cancellable, rules_cb,
                      g_object_ref (self));

  return self;
}

LdDisposeMode
ld_dispose_dialog_get_mode (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), LD_DISPOSE_MODE_DISPOSE);

  return self->mode;
}

gboolean
ld_dispose_dialog_fill (LdDisposeDialog *self,
                        const char      *code,
                        const char      *date,
                        const char      *person,
                        const char      *clearing_date)
{
  gboolean found = code == NULL;

  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), FALSE);

  for (guint i = 0; code != NULL && i + 1 < self->choices->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->choices, i), code) == 0)
      {
        adw_combo_row_set_selected (self->mode == LD_DISPOSE_MODE_DISPOSE ? self->disposal_row : self->result_row, i);
        found = TRUE;
      }
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->mode == LD_DISPOSE_MODE_DISPOSE ? self->approved_row : self->closed_row),
                           date);
  if (person != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->mode == LD_DISPOSE_MODE_DISPOSE ? self->approver_row : self->clearing_row),
                           person);
  if (clearing_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->clearing_date_row), clearing_date);
  validate (self);

  return found;
}

const char * const *
ld_dispose_dialog_get_choices (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), NULL);

  return (const char * const *) self->choices->pdata;
}

gboolean
ld_dispose_dialog_get_ready (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), FALSE);

  return self->ready;
}

const char *
ld_dispose_dialog_get_due_date (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), NULL);

  return self->due_date != NULL ? self->due_date : "";
}

gboolean
ld_dispose_dialog_get_can_save (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_dispose_dialog_get_busy (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_dispose_dialog_get_error_message (LdDisposeDialog *self)
{
  g_return_val_if_fail (LD_IS_DISPOSE_DIALOG (self), NULL);

  return self->error_message;
}
