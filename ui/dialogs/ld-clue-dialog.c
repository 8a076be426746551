/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-clue-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-clue-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-clue-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-tables.h"
#include "widgets/ld-unit-picker.h"

struct _LdClueDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesPage  *form;
  AdwComboRow         *source_row;
  GtkStringList       *source_list;
  AdwEntryRow         *received_row;
  AdwPreferencesGroup *person_group;
  AdwEntryRow         *name_row;
  AdwActionRow        *unit_row;
  LdUnitPicker        *unit_picker;
  GtkTextView         *summary_view;
  AdwExpanderRow      *categories_row;

  /* Borrowed References */
  LdCadreChooser      *chooser;

  /* Owned References */
  LdVault             *vault;
  LdClue              *clue;
  GCancellable        *cancellable;
  GPtrArray           *source_codes;     /* const char *, per source_list row */
  GPtrArray           *category_checks;  /* GtkCheckButton *, per category code */
  GPtrArray           *category_codes;   /* const char * */
  char                *error_message;
  gint64               initial_unit_id;

  guint                units_loaded : 1;
  guint                busy : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdClueDialog, ld_clue_dialog, ADW_TYPE_WINDOW)

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
show_error (LdClueDialog *self,
            const char   *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
chosen_categories (LdClueDialog *self)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; i < self->category_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->category_checks, i)))
      g_ptr_array_add (codes, g_ptr_array_index (self->category_codes, i));
  g_ptr_array_add (codes, NULL);

  return g_strjoinv (",", (char **) codes->pdata);
}

/* Fills spec (initialised by the caller) from the form. */
static void
build_spec (LdClueDialog *self,
            LdClueSpec   *spec)
{
  guint source_pos = adw_combo_row_get_selected (self->source_row);
  g_autoptr(GArray) ids = ld_cadre_chooser_get_ids (self->chooser);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_free (spec->source);
  spec->source = g_strdup (source_pos < self->source_codes->len ? g_ptr_array_index (self->source_codes, source_pos)
                                                                : "");
  g_free (spec->received_date);
  spec->received_date = get_stripped (self->received_row);
  spec->cadre_id = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  g_free (spec->person_name);
  spec->person_name = spec->cadre_id != 0 ? g_strdup ("") : get_stripped (self->name_row);
  g_free (spec->summary);
  spec->summary = get_text_view (self->summary_view);
  g_free (spec->categories);
  spec->categories = chosen_categories (self);
  if (self->units_loaded)
    spec->unit_id = unit_id > 0 ? unit_id : 0;
  else
    spec->unit_id = self->initial_unit_id;
}

static GtkWidget *
row_for_key (LdClueDialog *self,
             const char   *key)
{
  if (g_strcmp0 (key, "source") == 0)
    return GTK_WIDGET (self->source_row);
  if (g_strcmp0 (key, "received-date") == 0)
    return GTK_WIDGET (self->received_row);
  if (g_strcmp0 (key, "person") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (key, "summary") == 0)
    return GTK_WIDGET (self->summary_view);
  if (g_strcmp0 (key, "categories") == 0)
    return GTK_WIDGET (self->categories_row);
  if (g_strcmp0 (key, "unit") == 0)
    return GTK_WIDGET (self->unit_row);

  return NULL;
}

static gboolean
validate (LdClueDialog *self)
{
  g_auto(LdClueSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  g_autofree char *label = NULL;
  const char *keys[] = { "source", "received-date", "person", "summary", "categories", "unit" };
  gboolean ok;

  if (self->chooser == NULL || self->source_codes == NULL)
    return FALSE;

  ld_clue_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_clue_spec_validate (&spec, &bad_key, &error);
  /* A person not on file has no unit of their own to fall back on. */
  if (ok && spec.cadre_id == 0 && spec.unit_id == 0)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                           _("Choose the unit of a person who is not on file."));
      g_free (bad_key);
      bad_key = g_strdup ("unit");
      ok = FALSE;
    }

  ld_widget_set_sensitive (GTK_WIDGET (self->name_row), spec.cadre_id == 0 && !self->busy);
  label = ld_code_list_format (LD_CODE_TABLE_PROBLEM_CATEGORY, spec.categories);
  adw_expander_row_set_subtitle (self->categories_row, label != NULL && *label != '\0' ? label : _("None chosen"));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
  if (!ok && self->touched)
    {
      ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error != NULL ? error->message : NULL);
    }
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clue.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdClueDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static void
set_busy (LdClueDialog *self,
          gboolean      busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->form), !busy);
  validate (self);
}

/* --- Units ------------------------------------------------------------------- */

static gpointer
units_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ld_unit_repository_list (vault, FALSE, error);
}

static void
units_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdClueDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (units == NULL)
    {
      show_error (self, error != NULL ? error->message : NULL);
      return;
    }

  self->filling = TRUE;
  ld_unit_picker_set_units (self->unit_picker, units, _("The person’s own unit"), 0);
  if (!ld_unit_picker_set_selected_id (self->unit_picker, self->initial_unit_id))
    ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->units_loaded = TRUE;
  self->filling = FALSE;
  validate (self);
}

/* --- Saving ------------------------------------------------------------------ */

typedef struct
{
  gint64     clue_id;
  LdClueSpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_clue_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->clue_id;

  if (id == 0)
    {
      if (!ld_clue_repository_create (vault, &job->spec, &id, error))
        return NULL;
    }
  else if (!ld_clue_repository_update (vault, id, &job->spec, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdClueDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The clue could not be saved."));
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
  LdClueDialog *self = LD_CLUE_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->clue_id = self->clue != NULL ? ld_clue_get_id (self->clue) : 0;
  if (self->clue != NULL)
    ld_clue_spec_init_from_clue (&job->spec, self->clue);
  else
    ld_clue_spec_init (&job->spec);
  build_spec (self, &job->spec);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- GObject ----------------------------------------------------------------- */

static gboolean
ld_clue_dialog_close_request (GtkWindow *window)
{
  LdClueDialog *self = LD_CLUE_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_clue_dialog_parent_class)->close_request (window);
}

static void
ld_clue_dialog_dispose (GObject *object)
{
  LdClueDialog *self = (LdClueDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CLUE_DIALOG);
  self->chooser = NULL;
  g_clear_object (&self->vault);
  g_clear_object (&self->clue);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_clue_dialog_parent_class)->dispose (object);
}

static void
ld_clue_dialog_finalize (GObject *object)
{
  LdClueDialog *self = (LdClueDialog *)object;

  g_clear_pointer (&self->source_codes, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->category_codes, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_clue_dialog_parent_class)->finalize (object);
}

static void
ld_clue_dialog_class_init (LdClueDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_clue_dialog_dispose;
  object_class->finalize = ld_clue_dialog_finalize;
  window_class->close_request = ld_clue_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-clue-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, form);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, source_list);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, person_group);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, LdClueDialog, categories_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "clue.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "clue.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_clue_dialog_init (LdClueDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->source_codes = g_ptr_array_new ();
  self->category_checks = g_ptr_array_new ();
  self->category_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  adw_action_row_set_activatable_widget (self->unit_row, GTK_WIDGET (self->unit_picker));
}

static void
add_sources (LdClueDialog *self)
{
  const LdCode *codes;
  guint n = 0;

  /* Clues from other sources first (this dialog's usual case), then the
   * petition channels. */
  codes = ld_code_table_get (LD_CODE_TABLE_CHANNEL, &n);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        gboolean other = g_str_has_prefix (codes[i].code, "SRC_");

        if (other != (pass == 0))
          continue;
        g_ptr_array_add (self->source_codes, (gpointer) codes[i].code);
        gtk_string_list_append (self->source_list, codes[i].label);
      }
}

static void
add_categories (LdClueDialog *self)
{
  const LdCode *codes;
  guint n = 0;

  codes = ld_code_table_get (LD_CODE_TABLE_PROBLEM_CATEGORY, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), codes[i].label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->categories_row, row);
      g_ptr_array_add (self->category_checks, check);
      g_ptr_array_add (self->category_codes, (gpointer) codes[i].code);
    }
}

static void
set_categories (LdClueDialog *self,
                const char   *categories)
{
  g_auto(GStrv) codes = g_strsplit (categories != NULL ? categories : "", ",", -1);

  for (guint i = 0; i < self->category_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->category_checks, i),
                                 g_strv_contains ((const char * const *) codes,
                                                  g_ptr_array_index (self->category_codes, i)));
}

static void
select_source (LdClueDialog *self,
               const char   *source)
{
  for (guint i = 0; i < self->source_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->source_codes, i), source) == 0)
      adw_combo_row_set_selected (self->source_row, i);
}

LdClueDialog *
ld_clue_dialog_new (LdVault *vault,
                    LdClue  *clue)
{
  LdClueDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (clue == NULL || LD_IS_CLUE (clue), NULL);

  self = g_object_new (LD_TYPE_CLUE_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->clue, clue);
  self->filling = TRUE;

  add_sources (self);
  add_categories (self);

  self->chooser = ld_cadre_chooser_new (vault);
  ld_cadre_chooser_set_multiple (self->chooser, FALSE);
  adw_preferences_group_add (self->person_group, GTK_WIDGET (self->chooser));
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  if (clue != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Clue"));
      select_source (self, ld_clue_get_source (clue));
      gtk_editable_set_text (GTK_EDITABLE (self->received_row), ld_clue_get_received_date (clue));
      if (ld_clue_get_cadre_id (clue) != 0)
        ld_cadre_chooser_add (self->chooser, ld_clue_get_cadre_id (clue), ld_clue_get_person (clue));
      else
        gtk_editable_set_text (GTK_EDITABLE (self->name_row), ld_clue_get_person (clue));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), ld_clue_get_summary (clue), -1);
      set_categories (self, ld_clue_get_categories (clue));
      self->initial_unit_id = ld_clue_get_unit_id (clue);
    }
  else
    {
      select_source (self, "SRC_SUPERVISION");
      gtk_editable_set_text (GTK_EDITABLE (self->received_row), today);
    }
  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_row));

  ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      units_cb, g_object_ref (self));

  return self;
}

LdCadreChooser *
ld_clue_dialog_get_cadre_chooser (LdClueDialog *self)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), NULL);

  return self->chooser;
}

void
ld_clue_dialog_fill (LdClueDialog *self,
                     const char   *source,
                     const char   *received_date,
                     const char   *person_name,
                     const char   *summary,
                     const char   *categories)
{
  g_return_if_fail (LD_IS_CLUE_DIALOG (self));

  if (source != NULL)
    select_source (self, source);
  if (received_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->received_row), received_date);
  if (person_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), person_name);
  if (summary != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), summary, -1);
  if (categories != NULL)
    set_categories (self, categories);

  validate (self);
}

gboolean
ld_clue_dialog_set_unit (LdClueDialog *self,
                         gint64        unit_id)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), FALSE);

  if (!self->units_loaded)
    return FALSE;

  return ld_unit_picker_set_selected_id (self->unit_picker, unit_id);
}

gboolean
ld_clue_dialog_get_units_loaded (LdClueDialog *self)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), FALSE);

  return self->units_loaded;
}

gboolean
ld_clue_dialog_get_can_save (LdClueDialog *self)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_clue_dialog_get_busy (LdClueDialog *self)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_clue_dialog_get_error_message (LdClueDialog *self)
{
  g_return_val_if_fail (LD_IS_CLUE_DIALOG (self), NULL);

  return self->error_message;
}
