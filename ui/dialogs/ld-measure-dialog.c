/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-measure-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-clue-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-effect-periods.h"
#include "widgets/ld-measure-section.h"

typedef struct
{
  char   *type;     /* LD_MEASURE_SOURCE_… */
  gint64  id;
  char   *label;
} Source;

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->type);
  g_free (source->label);
  g_free (source);
}

struct _LdMeasureDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *preview_label;
  GtkLabel            *error_label;
  AdwPreferencesGroup *cadre_group;
  AdwComboRow         *code_row;
  GtkStringList       *code_list;
  AdwEntryRow         *decision_row;
  AdwEntryRow         *effective_row;
  AdwEntryRow         *authority_row;
  AdwEntryRow         *doc_no_row;
  AdwActionRow        *accountability_row;
  GtkSwitch           *accountability_switch;
  AdwActionRow        *extension_row;
  GtkSpinButton       *extension_spin;
  AdwComboRow         *source_row;
  GtkStringList       *source_list;
  AdwExpanderRow      *categories_row;
  GtkTextView         *facts_view;

  /* Borrowed References */
  LdCadreChooser      *chooser;

  /* Owned References */
  LdVault             *vault;
  LdMeasure           *measure;
  GCancellable        *cancellable;
  GCancellable        *sources_cancellable;
  GPtrArray           *sources;          /* Source, per source_list row after "none" */
  GPtrArray           *category_checks;  /* GtkCheckButton, code as "ld-code" data */
  GArray              *forms;            /* int: the current form per code */
  char                *error_message;
  char                *preview;

  gint64               sources_cadre;    /* the cadre the sources were listed for */
  guint                busy : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
  guint                loading_sources : 1;
};

G_DEFINE_FINAL_TYPE (LdMeasureDialog, ld_measure_dialog, ADW_TYPE_WINDOW)

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
show_error (LdMeasureDialog *self,
            const char      *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* --- The code list ------------------------------------------------------------ */

static char *
code_row_label (const LdMeasureCode *code,
                int                  form)
{
  const char *category = ld_measure_category_get_label (code->category);

  if (code->disputed)
    /* Translators: a measure in the code list: category, name, form, and the
     * mark of a code whose form differs between the sources (有争议) */
    return g_strdup_printf (_("%s · %s — %s (disputed)"), category, ld_measure_code_get_label (code),
                            ld_form_to_string (form));
  /* Translators: a measure in the code list: category, name and form */
  return g_strdup_printf (_("%s · %s — %s"), category, ld_measure_code_get_label (code), ld_form_to_string (form));
}

static void
fill_codes (LdMeasureDialog *self)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = adw_combo_row_get_selected (self->code_row);

  for (guint i = 0; i < n; i++)
    {
      int form = i < self->forms->len ? g_array_index (self->forms, int, i) : codes[i].form;

      g_ptr_array_add (labels, code_row_label (&codes[i], form));
    }
  g_ptr_array_add (labels, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->code_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->code_list)),
                          (const char * const *) labels->pdata);
  if (selected != GTK_INVALID_LIST_POSITION && selected < n)
    adw_combo_row_set_selected (self->code_row, selected);
  self->filling = FALSE;
}

static const LdMeasureCode *
chosen_code (LdMeasureDialog *self)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);
  guint pos = adw_combo_row_get_selected (self->code_row);

  return pos < n ? &codes[pos] : NULL;
}

static void
select_code (LdMeasureDialog *self,
             const char      *code)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);

  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (codes[i].code, code))
      {
        adw_combo_row_set_selected (self->code_row, i);
        return;
      }
}

/* --- Form --------------------------------------------------------------------- */

static char *
chosen_categories (LdMeasureDialog *self)
{
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      if (!gtk_check_button_get_active (check))
        continue;
      if (codes->len > 0)
        g_string_append_c (codes, ',');
      g_string_append (codes, g_object_get_data (G_OBJECT (check), "ld-code"));
    }

  return g_string_free (codes, FALSE);
}

static gint64
chosen_cadre (LdMeasureDialog *self)
{
  g_autoptr(GArray) ids = NULL;

  if (self->measure != NULL)
    return ld_measure_get_cadre_id (self->measure);
  ids = ld_cadre_chooser_get_ids (self->chooser);
  return ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}

static gboolean
is_probation (const LdMeasureCode *code)
{
  return code != NULL && code->effect == LD_EFFECT_PROBATION;
}

/* Fills spec (initialised by the caller) from the form. */
static void
build_spec (LdMeasureDialog *self,
            LdMeasureSpec   *spec)
{
  const LdMeasureCode *code = chosen_code (self);
  guint source_pos = adw_combo_row_get_selected (self->source_row);

  spec->cadre_id = chosen_cadre (self);
  ld_measure_spec_set (&spec->code, code != NULL ? code->code : "");
  g_free (spec->decision_date);
  spec->decision_date = get_stripped (self->decision_row);
  g_free (spec->effective_date);
  spec->effective_date = get_stripped (self->effective_row);
  g_free (spec->authority);
  spec->authority = get_stripped (self->authority_row);
  g_free (spec->doc_no);
  spec->doc_no = get_stripped (self->doc_no_row);
  g_free (spec->categories);
  spec->categories = chosen_categories (self);
  g_free (spec->facts);
  spec->facts = get_text_view (self->facts_view);
  spec->accountability = gtk_switch_get_active (self->accountability_switch);
  spec->extension_months = is_probation (code) ? gtk_spin_button_get_value_as_int (self->extension_spin) : 0;

  if (source_pos >= 1 && source_pos - 1 < self->sources->len)
    {
      Source *source = g_ptr_array_index (self->sources, source_pos - 1);

      ld_measure_spec_set (&spec->source_type, source->type);
      spec->source_id = source->id;
    }
  else if (self->loading_sources && self->measure != NULL)
    {
      /* Still listed: an edit keeps its source. */
      ld_measure_spec_set (&spec->source_type, ld_measure_get_source_type (self->measure));
      spec->source_id = ld_measure_get_source_id (self->measure);
    }
  else
    {
      ld_measure_spec_set (&spec->source_type, "");
      spec->source_id = 0;
    }
}

static GtkWidget *
row_for_key (LdMeasureDialog *self,
             const char      *key)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "cadre-id", G_STRUCT_OFFSET (LdMeasureDialog, cadre_group) },
    { "code", G_STRUCT_OFFSET (LdMeasureDialog, code_row) },
    { "decision-date", G_STRUCT_OFFSET (LdMeasureDialog, decision_row) },
    { "effective-date", G_STRUCT_OFFSET (LdMeasureDialog, effective_row) },
    { "authority", G_STRUCT_OFFSET (LdMeasureDialog, authority_row) },
    { "doc-no", G_STRUCT_OFFSET (LdMeasureDialog, doc_no_row) },
    { "source-type", G_STRUCT_OFFSET (LdMeasureDialog, source_row) },
    { "source-id", G_STRUCT_OFFSET (LdMeasureDialog, source_row) },
    { "categories", G_STRUCT_OFFSET (LdMeasureDialog, categories_row) },
    { "extension-months", G_STRUCT_OFFSET (LdMeasureDialog, extension_row) },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].key, key) == 0)
      return *(GtkWidget **) (gpointer) ((guint8 *) self + rows[i].offset);

  return NULL;
}

static void
clear_marks (LdMeasureDialog *self)
{
  const char *keys[] = { "cadre-id", "code", "decision-date", "effective-date", "authority", "doc-no",
                         "source-type", "categories", "extension-months" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
}

/* The effect period of the measure as it is typed, with the pure rules
 * (a single measure; the register also applies accumulation). */
static void
update_preview (LdMeasureDialog     *self,
                const LdMeasureSpec *spec)
{
  LdMeasureFacts facts = { 0 };
  LdEffectPeriod period = { 0 };
  const char *date = spec->effective_date != NULL && *spec->effective_date != '\0' ? spec->effective_date
                                                                                      : spec->decision_date;
  g_autofree char *text = NULL;

  g_date_clear (&facts.effective, 1);
  g_date_clear (&facts.status_date, 1);
  if (date != NULL)
    g_date_set_parse (&facts.effective, date);
  facts.code = spec->code;
  facts.extension_months = spec->extension_months;
  facts.status = LD_MEASURE_IN_FORCE;

  if (spec->code == NULL || *spec->code == '\0' || date == NULL
      || !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$", date, 0, 0) || !g_date_valid (&facts.effective)
      || !ld_effect_period_compute (&facts, &period))
    text = g_strdup (_("Effect period: give the measure and a valid date"));
  else if (!period.has_period)
    /* Translators: the preview of a measure without an effect period (无影响期) */
    text = g_strdup (_("No effect period"));
  else
    {
      g_autofree char *end = ld_effect_period_describe (&period);

      /* Translators: the preview of a measure's effect period (影响期至 2027-02-28) */
      text = g_strdup_printf (_("Effect until %s"), end);
    }

  g_free (self->preview);
  self->preview = g_steal_pointer (&text);
  gtk_label_set_label (self->preview_label, self->preview);
}

/* Checks the form with the core's pure rules, marks the first bad field
 * and enables "measure.save". */
static gboolean
validate (LdMeasureDialog *self)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  gboolean ok;

  if (self->code_row == NULL || self->chooser == NULL)
    return FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->extension_row), is_probation (chosen_code (self)) && !self->busy);

  ld_measure_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_measure_spec_validate (&spec, &bad_key, &error);
  update_preview (self, &spec);

  clear_marks (self);
  if (!ok && self->touched && error != NULL)
    {
      ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error->message);
    }
  else if (ok)
    show_error (self, NULL);

  self->can_save = ok && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measure.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdMeasureDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

/* --- The cadre's records, on the worker ----------------------------------------- */

static gpointer
sources_worker (LdVault       *vault,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 cadre_id = *(gint64 *) data;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (source_free);
  g_autoptr(GPtrArray) clues = NULL;
  g_autoptr(GPtrArray) petitions = NULL;
  g_autoptr(GPtrArray) talks = NULL;

  /* Each list is optional: a role may read some and not others. */
  clues = ld_clue_repository_list_for_cadre (vault, cadre_id, NULL);
  petitions = ld_petition_repository_list_for_cadre (vault, cadre_id, NULL);
  talks = ld_talk_repository_list_for_cadre (vault, cadre_id, FALSE, NULL);

  for (guint i = 0; clues != NULL && i < clues->len; i++)
    {
      LdClue *clue = g_ptr_array_index (clues, i);
      Source *source = g_new0 (Source, 1);

      source->type = g_strdup (LD_MEASURE_SOURCE_CLUE);
      source->id = ld_clue_get_id (clue);
      /* Translators: a source record in the measure dialog: kind, number, date, summary */
      source->label = g_strdup_printf (_("%s %s · %s · %s"), ld_measure_source_type_get_label (source->type),
                                       ld_clue_get_reg_no (clue), ld_clue_get_received_date (clue),
                                       ld_clue_get_summary (clue));
      g_ptr_array_add (sources, source);
    }
  for (guint i = 0; petitions != NULL && i < petitions->len; i++)
    {
      LdPetition *petition = g_ptr_array_index (petitions, i);
      Source *source = g_new0 (Source, 1);

      source->type = g_strdup (LD_MEASURE_SOURCE_PETITION);
      source->id = ld_petition_get_id (petition);
      source->label = g_strdup_printf (_("%s %s · %s · %s"), ld_measure_source_type_get_label (source->type),
                                       ld_petition_get_reg_no (petition), ld_petition_get_received_date (petition),
                                       ld_petition_get_summary (petition));
      g_ptr_array_add (sources, source);
    }
  for (guint i = 0; talks != NULL && i < talks->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (talks, i);
      Source *source = g_new0 (Source, 1);

      source->type = g_strdup (LD_MEASURE_SOURCE_TALK);
      source->id = ld_talk_get_id (talk);
      source->label = g_strdup_printf (_("%s %s · %s · %s"), ld_measure_source_type_get_label (source->type),
                                       ld_talk_get_reg_no (talk), ld_talk_get_talk_date (talk),
                                       ld_talk_get_type_label (talk));
      g_ptr_array_add (sources, source);
    }

  return g_steal_pointer (&sources);
}

static void
sources_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LdMeasureDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = ld_vault_run_finish (LD_VAULT (object), result, &error);
  guint select = 0;

  if (ld_error_is_cancelled (error))
    return;

  self->loading_sources = FALSE;
  g_ptr_array_set_size (self->sources, 0);
  self->filling = TRUE;
  gtk_string_list_splice (self->source_list, 1, g_list_model_get_n_items (G_LIST_MODEL (self->source_list)) - 1, NULL);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      Source *source = g_ptr_array_index (sources, i);

      gtk_string_list_append (self->source_list, source->label);
      if (self->measure != NULL && source->id == ld_measure_get_source_id (self->measure)
          && g_strcmp0 (source->type, ld_measure_get_source_type (self->measure)) == 0)
        select = i + 1;
    }
  if (sources != NULL)
    {
      for (guint i = 0; i < sources->len; i++)
        g_ptr_array_add (self->sources, g_steal_pointer (&sources->pdata[i]));
      g_ptr_array_set_free_func (sources, NULL);
    }
  adw_combo_row_set_selected (self->source_row, select);
  self->filling = FALSE;
  validate (self);
}

static void
load_sources (LdMeasureDialog *self)
{
  gint64 cadre_id = chosen_cadre (self);

  if (cadre_id == self->sources_cadre)
    return;
  self->sources_cadre = cadre_id;

  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  g_ptr_array_set_size (self->sources, 0);
  self->filling = TRUE;
  gtk_string_list_splice (self->source_list, 1, g_list_model_get_n_items (G_LIST_MODEL (self->source_list)) - 1, NULL);
  adw_combo_row_set_selected (self->source_row, 0);
  self->filling = FALSE;
  if (cadre_id == 0)
    {
      self->loading_sources = FALSE;
      return;
    }

  self->sources_cancellable = g_cancellable_new ();
  self->loading_sources = TRUE;
  ld_vault_run_async (self->vault, sources_worker, g_memdup2 (&cadre_id, sizeof cadre_id), g_free,
                      (GDestroyNotify) g_ptr_array_unref, self->sources_cancellable, sources_cb,
                      g_object_ref (self));
}

static void
on_cadre_changed_cb (LdMeasureDialog *self)
{
  load_sources (self);
  on_form_changed_cb (self);
}

static gpointer
forms_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ld_measure_repository_list_forms (vault, error);
}

static void
forms_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdMeasureDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (rows == NULL)
    return;   /* the defaults stay */

  g_array_set_size (self->forms, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      LdMeasureFormRow *row = g_ptr_array_index (rows, i);

      g_array_append_val (self->forms, row->form);
    }
  fill_codes (self);
}

/* --- Saving --------------------------------------------------------------------- */

static void
set_busy (LdMeasureDialog *self,
          gboolean         busy)
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
  gint64        measure_id;
  LdMeasureSpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_measure_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->measure_id;

  if (id == 0)
    {
      if (!ld_measure_repository_create (vault, &job->spec, &id, NULL, error))
        return NULL;
    }
  else if (!ld_measure_repository_update (vault, id, &job->spec, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdMeasureDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      /* The form stays as typed: only the message changes. */
      show_error (self, error != NULL ? error->message : _("The measure could not be saved."));
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
  LdMeasureDialog *self = LD_MEASURE_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->measure_id = self->measure != NULL ? ld_measure_get_id (self->measure) : 0;
  if (self->measure != NULL)
    ld_measure_spec_init_from_measure (&job->spec, self->measure);
  else
    ld_measure_spec_init (&job->spec);
  build_spec (self, &job->spec);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- Construction --------------------------------------------------------------- */

static void
fill_categories (LdMeasureDialog *self)
{
  guint n = 0;
  const LdCode *codes = ld_code_table_get (LD_CODE_TABLE_PROBLEM_CATEGORY, &n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), codes[i].label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (check), "ld-code", (gpointer) codes[i].code);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->categories_row, row);
      g_ptr_array_add (self->category_checks, check);
    }
}

static void
set_categories (LdMeasureDialog *self,
                const char      *codes)
{
  g_auto(GStrv) parts = g_strsplit (codes != NULL ? codes : "", ",", -1);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), "ld-code");

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) parts, code));
    }
}

static gboolean
ld_measure_dialog_close_request (GtkWindow *window)
{
  LdMeasureDialog *self = LD_MEASURE_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_measure_dialog_parent_class)->close_request (window);
}

static void
ld_measure_dialog_dispose (GObject *object)
{
  LdMeasureDialog *self = (LdMeasureDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->sources_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_MEASURE_DIALOG);
  self->chooser = NULL;
  g_clear_object (&self->sources_cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->measure);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_measure_dialog_parent_class)->dispose (object);
}

static void
ld_measure_dialog_finalize (GObject *object)
{
  LdMeasureDialog *self = (LdMeasureDialog *)object;

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->forms, g_array_unref);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->preview, g_free);

  G_OBJECT_CLASS (ld_measure_dialog_parent_class)->finalize (object);
}

static void
ld_measure_dialog_class_init (LdMeasureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_measure_dialog_dispose;
  object_class->finalize = ld_measure_dialog_finalize;
  window_class->close_request = ld_measure_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-measure-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, cadre_group);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, code_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, decision_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, effective_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, authority_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, doc_no_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, accountability_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, accountability_switch);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, extension_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, extension_spin);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, source_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, categories_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureDialog, facts_view);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "measure.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "measure.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_measure_dialog_init (LdMeasureDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->category_checks = g_ptr_array_new ();
  self->sources = g_ptr_array_new_with_free_func (source_free);
  self->forms = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdMeasureDialog *
ld_measure_dialog_new (LdVault   *vault,
                       LdMeasure *measure)
{
  LdMeasureDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (measure == NULL || LD_IS_MEASURE (measure), NULL);

  self = g_object_new (LD_TYPE_MEASURE_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->measure, measure);
  self->filling = TRUE;

  fill_codes (self);
  fill_categories (self);
  /* Translators: no source record for a measure */
  gtk_string_list_append (self->source_list, _("None"));

  self->chooser = ld_cadre_chooser_new (vault);
  ld_cadre_chooser_set_multiple (self->chooser, FALSE);
  adw_preferences_group_add (self->cadre_group, GTK_WIDGET (self->chooser));
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_cadre_changed_cb), self, G_CONNECT_SWAPPED);

  if (measure != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Measure"));
      ld_cadre_chooser_add (self->chooser, ld_measure_get_cadre_id (measure), ld_measure_get_cadre_name (measure));
      /* The cadre of a measure does not change: retire it and register anew. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->chooser), FALSE);
      select_code (self, ld_measure_get_code (measure));
      gtk_editable_set_text (GTK_EDITABLE (self->decision_row), ld_measure_get_decision_date (measure));
      if (g_strcmp0 (ld_measure_get_effective_date (measure), ld_measure_get_decision_date (measure)) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->effective_row), ld_measure_get_effective_date (measure));
      gtk_editable_set_text (GTK_EDITABLE (self->authority_row), ld_measure_get_authority (measure));
      gtk_editable_set_text (GTK_EDITABLE (self->doc_no_row), ld_measure_get_doc_no (measure));
      gtk_switch_set_active (self->accountability_switch, ld_measure_get_accountability (measure));
      gtk_spin_button_set_value (self->extension_spin, ld_measure_get_extension_months (measure));
      set_categories (self, ld_measure_get_categories (measure));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->facts_view), ld_measure_get_facts (measure), -1);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->decision_row), today);

  load_sources (self);
  ld_vault_run_async (vault, forms_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      forms_cb, g_object_ref (self));

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (measure != NULL ? GTK_WIDGET (self->code_row) : GTK_WIDGET (self->chooser)));

  return self;
}

LdCadreChooser *
ld_measure_dialog_get_cadre_chooser (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), NULL);

  return self->chooser;
}

void
ld_measure_dialog_fill (LdMeasureDialog *self,
                        const char      *code,
                        const char      *decision_date,
                        const char      *effective_date,
                        const char      *authority,
                        const char      *doc_no)
{
  g_return_if_fail (LD_IS_MEASURE_DIALOG (self));

  if (code != NULL)
    select_code (self, code);
  if (decision_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->decision_row), decision_date);
  if (effective_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->effective_row), effective_date);
  if (authority != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->authority_row), authority);
  if (doc_no != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->doc_no_row), doc_no);

  validate (self);
}

void
ld_measure_dialog_set_facts (LdMeasureDialog *self,
                             const char      *facts)
{
  g_return_if_fail (LD_IS_MEASURE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->facts_view), facts != NULL ? facts : "", -1);
  validate (self);
}

guint
ld_measure_dialog_get_n_sources (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), 0);

  return self->sources->len;
}

gboolean
ld_measure_dialog_get_loading (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), FALSE);

  return self->loading_sources;
}

void
ld_measure_dialog_select_source (LdMeasureDialog *self,
                                 guint            index)
{
  g_return_if_fail (LD_IS_MEASURE_DIALOG (self));
  g_return_if_fail (index <= self->sources->len);

  adw_combo_row_set_selected (self->source_row, index);
}

gboolean
ld_measure_dialog_get_can_save (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_measure_dialog_get_busy (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_measure_dialog_get_error_message (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), NULL);

  return self->error_message;
}

const char *
ld_measure_dialog_get_preview (LdMeasureDialog *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_DIALOG (self), NULL);

  return self->preview;
}
