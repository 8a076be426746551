/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-talk-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-talk-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-clue-repository.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-tables.h"

struct _LdTalkDialog
{
  AdwWindow        parent_instance;

  /* Template Widgets */
  GtkButton       *save_button;
  GtkSpinner      *spinner;
  GtkLabel        *warning_label;
  GtkLabel        *error_label;
  AdwComboRow     *type_row;
  GtkStringList   *type_list;
  AdwEntryRow     *date_row;
  AdwEntryRow     *time_row;
  AdwEntryRow     *place_row;
  AdwEntryRow     *talkers_row;
  AdwEntryRow     *recorder_row;
  AdwPreferencesGroup *cadres_group;
  AdwEntryRow     *reason_row;
  AdwEntryRow     *clue_row;
  AdwEntryRow     *attitude_row;
  GtkTextView     *problems_view;
  GtkTextView     *explanation_view;
  AdwComboRow     *written_row;
  GtkStringList   *written_list;
  AdwEntryRow     *due_row;
  AdwEntryRow     *received_row;
  AdwEntryRow     *followup_row;

  /* Borrowed References */
  LdCadreChooser  *chooser;

  /* Owned References */
  LdVault         *vault;
  LdTalk          *talk;
  GCancellable    *cancellable;
  GPtrArray       *type_codes;      /* const char *, per type_list row */
  char            *error_message;
  char            *warning;
  GCancellable    *clue_cancellable;
  char            *clue_checked;    /* the number last looked up */
  gint64           clue_id;         /* what it names, 0 = nothing */
  guint            clue_timeout;

  guint            busy : 1;
  guint            can_save : 1;
  guint            touched : 1;
  guint            filling : 1;
};

G_DEFINE_FINAL_TYPE (LdTalkDialog, ld_talk_dialog, ADW_TYPE_WINDOW)

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

static char *
get_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_error (LdTalkDialog *self,
            const char   *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_warning (LdTalkDialog *self,
              const char   *warning)
{
  g_clear_pointer (&self->warning, g_free);
  self->warning = g_strdup (warning);
  gtk_label_set_label (self->warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
}

/* Fills spec (initialised by the caller) from the form. */
static void
build_spec (LdTalkDialog *self,
            LdTalkSpec   *spec)
{
  guint type_pos = adw_combo_row_get_selected (self->type_row);
  guint written = adw_combo_row_get_selected (self->written_row);
  g_autofree char *talkers = get_stripped (self->talkers_row);
  g_auto(GStrv) names = NULL;
  g_autoptr(GArray) ids = NULL;

  if (type_pos < self->type_codes->len)
    ld_talk_spec_set (&spec->type, g_ptr_array_index (self->type_codes, type_pos));
  else
    ld_talk_spec_set (&spec->type, "");

  g_free (spec->talk_date);
  spec->talk_date = get_stripped (self->date_row);
  g_free (spec->talk_time);
  spec->talk_time = get_stripped (self->time_row);
  g_free (spec->place);
  spec->place = get_stripped (self->place_row);
  g_free (spec->recorder);
  spec->recorder = get_stripped (self->recorder_row);
  g_free (spec->reason);
  spec->reason = get_stripped (self->reason_row);
  g_free (spec->attitude);
  spec->attitude = get_stripped (self->attitude_row);
  g_free (spec->problems);
  spec->problems = get_text_view (self->problems_view);
  g_free (spec->explanation);
  spec->explanation = get_text_view (self->explanation_view);

  if (spec->talkers != NULL)
    g_ptr_array_set_size (spec->talkers, 0);
  names = g_regex_split_simple ("[、,，;；/]+", talkers, 0, 0);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] != '\0')
        ld_talk_spec_add_talker (spec, names[i]);
    }

  if (spec->cadre_ids != NULL)
    g_array_set_size (spec->cadre_ids, 0);
  ids = ld_cadre_chooser_get_ids (self->chooser);
  for (guint i = 0; i < ids->len; i++)
    ld_talk_spec_add_cadre (spec, g_array_index (ids, gint64, i));

  spec->written_required = written <= LD_TALK_WRITTEN_SELF_EXAMINATION ? (LdTalkWritten) written : LD_TALK_WRITTEN_NONE;
  g_free (spec->written_due);
  g_free (spec->written_received);
  if (spec->written_required != LD_TALK_WRITTEN_NONE)
    {
      spec->written_due = get_stripped (self->due_row);
      spec->written_received = get_stripped (self->received_row);
    }
  else
    {
      spec->written_due = g_strdup ("");
      spec->written_received = g_strdup ("");
    }
  g_free (spec->followup_date);
  spec->followup_date = get_stripped (self->followup_row);
  /* The clue is resolved from its number on the worker. */
  spec->clue_id = 0;
}

static GtkWidget *
row_for_key (LdTalkDialog *self,
             const char   *key)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "type", G_STRUCT_OFFSET (LdTalkDialog, type_row) },
    { "talk-date", G_STRUCT_OFFSET (LdTalkDialog, date_row) },
    { "talk-time", G_STRUCT_OFFSET (LdTalkDialog, time_row) },
    { "place", G_STRUCT_OFFSET (LdTalkDialog, place_row) },
    { "talkers", G_STRUCT_OFFSET (LdTalkDialog, talkers_row) },
    { "recorder", G_STRUCT_OFFSET (LdTalkDialog, recorder_row) },
    { "reason", G_STRUCT_OFFSET (LdTalkDialog, reason_row) },
    { "attitude", G_STRUCT_OFFSET (LdTalkDialog, attitude_row) },
    { "written-due", G_STRUCT_OFFSET (LdTalkDialog, due_row) },
    { "written-received", G_STRUCT_OFFSET (LdTalkDialog, received_row) },
    { "followup-date", G_STRUCT_OFFSET (LdTalkDialog, followup_row) },
    { "cadres", G_STRUCT_OFFSET (LdTalkDialog, cadres_group) },
    { "clue", G_STRUCT_OFFSET (LdTalkDialog, clue_row) },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].key, key) == 0)
      return *(GtkWidget **) (gpointer) ((guint8 *) self + rows[i].offset);

  return NULL;
}

static void
clear_marks (LdTalkDialog *self)
{
  const char *keys[] = { "type", "talk-date", "talk-time", "place", "talkers", "recorder", "reason",
                         "attitude", "written-due", "written-received", "followup-date", "cadres" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
}

/* Checks the form with the core's pure rules, marks the first bad field,
 * shows the warnings, and enables "talk.save". */
static gboolean
validate (LdTalkDialog *self)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  g_auto(GStrv) warnings = NULL;
  gboolean written;
  gboolean ok;

  if (self->type_row == NULL || self->type_codes == NULL || self->chooser == NULL)
    return FALSE;

  written = adw_combo_row_get_selected (self->written_row) != LD_TALK_WRITTEN_NONE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_row), written && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->received_row), written && !self->busy);

  ld_talk_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_talk_spec_validate (&spec, &bad_key, &error);

  /* The clue's number is looked up on the worker as it is typed. */
  {
    g_autofree char *clue = get_stripped (self->clue_row);

    ld_widget_set_error (GTK_WIDGET (self->clue_row), FALSE);
    if (ok && *clue != '\0')
      {
        /* While it is still looked up, saving may go on: the save
         * resolves the number itself. */
        if (g_strcmp0 (clue, self->clue_checked) == 0 && self->clue_id == 0)
          {
            ok = FALSE;
            g_clear_error (&error);
            g_set_error (&error, LD_ERROR, LD_ERROR_NOT_FOUND,
                         _("No clue in your units has the registration number “%s”."), clue);
            g_free (bad_key);
            bad_key = g_strdup ("clue");
          }
      }
  }

  clear_marks (self);
  if (!ok && self->touched && error != NULL)
    {
      ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error != NULL ? error->message : NULL);
    }
  else
    show_error (self, NULL);

  warnings = ld_talk_spec_check_warnings (&spec);
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", warnings);

      show_warning (self, text);
    }
  else
    show_warning (self, NULL);

  self->can_save = ok && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talk.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdTalkDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static gpointer
find_clue_worker (LdVault       *vault,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char *reg_no = data;
  LdClueFilter filter;
  g_autoptr(GPtrArray) clues = NULL;
  gint64 id = 0;

  ld_clue_filter_init (&filter);
  filter.text = reg_no;
  clues = ld_clue_repository_list (vault, &filter, error);
  if (clues == NULL)
    return NULL;
  for (guint i = 0; i < clues->len && id == 0; i++)
    if (g_strcmp0 (ld_clue_get_reg_no (g_ptr_array_index (clues, i)), reg_no) == 0)
      id = ld_clue_get_id (g_ptr_array_index (clues, i));

  return g_memdup2 (&id, sizeof id);
}

typedef struct
{
  LdTalkDialog *self;
  char         *reg_no;
} ClueContext;

static void
find_clue_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClueContext *context = user_data;
  g_autoptr(LdTalkDialog) self = context->self;
  g_autofree char *reg_no = context->reg_no;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  g_free (context);
  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error))
    return;

  g_free (self->clue_checked);
  self->clue_checked = g_steal_pointer (&reg_no);
  self->clue_id = id != NULL ? *id : 0;
  validate (self);
}

static gboolean
clue_timeout_cb (gpointer user_data)
{
  LdTalkDialog *self = user_data;
  ClueContext *context;
  char *clue;

  self->clue_timeout = 0;
  clue = get_stripped (self->clue_row);
  if (*clue == '\0')
    {
      g_free (clue);
      return G_SOURCE_REMOVE;
    }

  g_cancellable_cancel (self->clue_cancellable);
  g_clear_object (&self->clue_cancellable);
  self->clue_cancellable = g_cancellable_new ();
  context = g_new0 (ClueContext, 1);
  context->self = g_object_ref (self);
  context->reg_no = g_strdup (clue);
  ld_vault_run_async (self->vault, find_clue_worker, clue, g_free, g_free, self->clue_cancellable,
                      find_clue_cb, context);

  return G_SOURCE_REMOVE;
}

static void
on_clue_changed_cb (LdTalkDialog *self)
{
  g_clear_handle_id (&self->clue_timeout, g_source_remove);
  if (self->vault != NULL)
    self->clue_timeout = g_timeout_add (300, clue_timeout_cb, self);
  on_form_changed_cb (self);
}

static void
set_busy (LdTalkDialog *self,
          gboolean      busy)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* The header bar stays; the form is the last child. */
  ld_widget_set_sensitive (gtk_widget_get_last_child (content), !busy);
  validate (self);
}

typedef struct
{
  gint64     talk_id;
  LdTalkSpec spec;
  char      *clue_reg_no;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_talk_spec_clear (&job->spec);
  g_free (job->clue_reg_no);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->talk_id;

  if (job->clue_reg_no != NULL && *job->clue_reg_no != '\0')
    {
      LdClueFilter filter;
      g_autoptr(GPtrArray) clues = NULL;

      ld_clue_filter_init (&filter);
      filter.text = job->clue_reg_no;
      clues = ld_clue_repository_list (vault, &filter, error);
      if (clues == NULL)
        return NULL;
      for (guint i = 0; i < clues->len && job->spec.clue_id == 0; i++)
        if (g_strcmp0 (ld_clue_get_reg_no (g_ptr_array_index (clues, i)), job->clue_reg_no) == 0)
          job->spec.clue_id = ld_clue_get_id (g_ptr_array_index (clues, i));
      if (job->spec.clue_id == 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("No clue in your units has the registration number “%s”."), job->clue_reg_no);
          return NULL;
        }
    }

  if (id == 0)
    {
      if (!ld_talk_repository_create (vault, &job->spec, &id, NULL, error))
        return NULL;
    }
  else if (!ld_talk_repository_update (vault, id, &job->spec, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdTalkDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The talk could not be saved."));
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
  LdTalkDialog *self = LD_TALK_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->talk_id = self->talk != NULL ? ld_talk_get_id (self->talk) : 0;
  if (self->talk != NULL)
    ld_talk_spec_init_from_talk (&job->spec, self->talk);
  else
    ld_talk_spec_init (&job->spec);
  build_spec (self, &job->spec);
  job->clue_reg_no = get_stripped (self->clue_row);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
fill_from_talk (LdTalkDialog *self,
                LdTalk       *talk)
{
  guint n = 0;
  const gint64 *ids = ld_talk_get_cadre_ids (talk, &n);
  const char * const *names = ld_talk_get_cadre_name_list (talk);
  g_autofree char *talkers = g_strjoinv ("、", (char **) ld_talk_get_talkers (talk));

  for (guint i = 0; i < self->type_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->type_codes, i), ld_talk_get_type_code (talk)) == 0)
      adw_combo_row_set_selected (self->type_row, i);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), ld_talk_get_talk_date (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), ld_talk_get_talk_time (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), ld_talk_get_place (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->talkers_row), talkers);
  gtk_editable_set_text (GTK_EDITABLE (self->recorder_row), ld_talk_get_recorder (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), ld_talk_get_reason (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->clue_row), ld_talk_get_clue_reg_no (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->attitude_row), ld_talk_get_attitude (talk));
  set_text_view (self->problems_view, ld_talk_get_problems (talk));
  set_text_view (self->explanation_view, ld_talk_get_explanation (talk));
  adw_combo_row_set_selected (self->written_row, (guint) ld_talk_get_written_required (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), ld_talk_get_written_due (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), ld_talk_get_written_received (talk));
  gtk_editable_set_text (GTK_EDITABLE (self->followup_row), ld_talk_get_followup_date (talk));

  for (guint i = 0; i < n; i++)
    ld_cadre_chooser_add (self->chooser, ids[i], names != NULL ? names[i] : NULL);
}

static gboolean
ld_talk_dialog_close_request (GtkWindow *window)
{
  LdTalkDialog *self = LD_TALK_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_talk_dialog_parent_class)->close_request (window);
}

static void
ld_talk_dialog_dispose (GObject *object)
{
  LdTalkDialog *self = (LdTalkDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->clue_cancellable);
  g_clear_handle_id (&self->clue_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_TALK_DIALOG);
  g_clear_object (&self->clue_cancellable);
  self->chooser = NULL;
  g_clear_object (&self->vault);
  g_clear_object (&self->talk);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_talk_dialog_parent_class)->dispose (object);
}

static void
ld_talk_dialog_finalize (GObject *object)
{
  LdTalkDialog *self = (LdTalkDialog *)object;

  g_clear_pointer (&self->type_codes, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->clue_checked, g_free);

  G_OBJECT_CLASS (ld_talk_dialog_parent_class)->finalize (object);
}

static void
ld_talk_dialog_class_init (LdTalkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_talk_dialog_dispose;
  object_class->finalize = ld_talk_dialog_finalize;
  window_class->close_request = ld_talk_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-talk-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, type_list);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, talkers_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, recorder_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, cadres_group);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, clue_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, attitude_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, written_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, written_list);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, LdTalkDialog, followup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clue_changed_cb);

  gtk_widget_class_install_action (widget_class, "talk.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "talk.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_talk_dialog_init (LdTalkDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->type_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdTalkDialog *
ld_talk_dialog_new (LdVault *vault,
                    LdTalk  *talk)
{
  LdTalkDialog *self;
  const LdCode *codes;
  guint n = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (talk == NULL || LD_IS_TALK (talk), NULL);

  self = g_object_new (LD_TYPE_TALK_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->talk, talk);
  self->filling = TRUE;

  codes = ld_code_table_get (LD_CODE_TABLE_TALK_TYPE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->type_codes, (gpointer) codes[i].code);
      gtk_string_list_append (self->type_list, codes[i].label);
    }
  for (int w = LD_TALK_WRITTEN_NONE; w <= LD_TALK_WRITTEN_SELF_EXAMINATION; w++)
    gtk_string_list_append (self->written_list, ld_talk_written_get_label ((LdTalkWritten) w));

  self->chooser = ld_cadre_chooser_new (vault);
  adw_preferences_group_add (self->cadres_group, GTK_WIDGET (self->chooser));
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  if (talk != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Talk"));
      fill_from_talk (self, talk);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));

  return self;
}

LdCadreChooser *
ld_talk_dialog_get_cadre_chooser (LdTalkDialog *self)
{
  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), NULL);

  return self->chooser;
}

void
ld_talk_dialog_fill (LdTalkDialog *self,
                     const char   *type,
                     const char   *date,
                     const char   *talkers)
{
  g_return_if_fail (LD_IS_TALK_DIALOG (self));

  if (type != NULL)
    for (guint i = 0; i < self->type_codes->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->type_codes, i), type) == 0)
        adw_combo_row_set_selected (self->type_row, i);
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (talkers != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->talkers_row), talkers);

  validate (self);
}

gboolean
ld_talk_dialog_get_can_save (LdTalkDialog *self)
{
  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_talk_dialog_get_busy (LdTalkDialog *self)
{
  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_talk_dialog_get_error_message (LdTalkDialog *self)
{
  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), NULL);

  return self->error_message;
}

const char *
ld_talk_dialog_get_warning (LdTalkDialog *self)
{
  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), NULL);

  return self->warning;
}

void
ld_talk_dialog_set_clue_number (LdTalkDialog *self,
                                const char   *reg_no)
{
  g_return_if_fail (LD_IS_TALK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->clue_row), reg_no != NULL ? reg_no : "");
}

gboolean
ld_talk_dialog_get_checking (LdTalkDialog *self)
{
  g_autofree char *clue = NULL;

  g_return_val_if_fail (LD_IS_TALK_DIALOG (self), FALSE);

  clue = get_stripped (self->clue_row);
  return *clue != '\0' && g_strcmp0 (clue, self->clue_checked) != 0;
}
