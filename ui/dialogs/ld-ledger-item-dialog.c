/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-item-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-ledger-item-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-ledger-rules.h"
#include "widgets/ld-unit-picker.h"

struct _LdLedgerItemDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesGroup *source_group;
  AdwComboRow         *source_row;
  GtkStringList       *source_list;
  AdwEntryRow         *source_ref_row;
  AdwActionRow        *unit_row;
  LdUnitPicker        *unit_picker;
  AdwEntryRow         *leader_row;
  AdwEntryRow         *person_row;
  AdwEntryRow         *deadline_row;
  GtkTextView         *problem_view;
  GtkTextView         *measures_view;
  AdwEntryRow         *standard_row;
  AdwEntryRow         *note_row;

  /* Owned References */
  LdVault             *vault;
  LdLedgerItem        *item;
  GCancellable        *cancellable;
  char                *error_message;
  gint64               initial_unit_id;

  guint                busy : 1;
  guint                loading : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdLedgerItemDialog, ld_ledger_item_dialog, ADW_TYPE_WINDOW)

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
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
show_error (LdLedgerItemDialog *self,
            const char         *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
replace (char **member,
         char  *value)
{
  g_free (*member);
  *member = value;
}

/* Fills spec (initialised by the caller, from the item on an edit) from
 * the form; the recommendation stays as it was. */
static void
build_spec (LdLedgerItemDialog *self,
            LdLedgerItemSpec   *spec)
{
  const char * const *sources = ld_ledger_sources ();
  guint source_pos = adw_combo_row_get_selected (self->source_row);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  if (self->loading)
    unit_id = self->initial_unit_id;
  spec->unit_id = unit_id > 0 ? unit_id : 0;
  if (source_pos < g_strv_length ((char **) sources))
    ld_ledger_item_spec_set (&spec->source, sources[source_pos]);
  else
    ld_ledger_item_spec_set (&spec->source, "");
  replace (&spec->source_ref, get_stripped (self->source_ref_row));
  replace (&spec->problem, get_text_view (self->problem_view));
  replace (&spec->measures, get_text_view (self->measures_view));
  replace (&spec->standard, get_stripped (self->standard_row));
  replace (&spec->leader, get_stripped (self->leader_row));
  replace (&spec->person, get_stripped (self->person_row));
  replace (&spec->deadline, get_stripped (self->deadline_row));
  replace (&spec->note, get_stripped (self->note_row));
}

static GtkWidget *
row_for_key (LdLedgerItemDialog *self,
             const char         *key)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "unit-id", G_STRUCT_OFFSET (LdLedgerItemDialog, unit_row) },
    { "source", G_STRUCT_OFFSET (LdLedgerItemDialog, source_row) },
    { "source-ref", G_STRUCT_OFFSET (LdLedgerItemDialog, source_ref_row) },
    { "problem", G_STRUCT_OFFSET (LdLedgerItemDialog, problem_view) },
    { "measures", G_STRUCT_OFFSET (LdLedgerItemDialog, measures_view) },
    { "standard", G_STRUCT_OFFSET (LdLedgerItemDialog, standard_row) },
    { "leader", G_STRUCT_OFFSET (LdLedgerItemDialog, leader_row) },
    { "person", G_STRUCT_OFFSET (LdLedgerItemDialog, person_row) },
    { "deadline", G_STRUCT_OFFSET (LdLedgerItemDialog, deadline_row) },
    { "note", G_STRUCT_OFFSET (LdLedgerItemDialog, note_row) },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key))
      return *(GtkWidget **) (gpointer) ((guint8 *) self + rows[i].offset);

  return NULL;
}

static void
clear_marks (LdLedgerItemDialog *self)
{
  const char *keys[] = { "unit-id", "source", "source-ref", "problem", "measures", "standard",
                         "leader", "person", "deadline", "note" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
}

/* Checks the form with the core's pure rules, marks the first bad field
 * once something was typed, and enables "ledger-item.save". */
static gboolean
validate (LdLedgerItemDialog *self)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  gboolean ok;

  if (self->source_row == NULL)
    return FALSE;

  ld_ledger_item_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_ledger_item_spec_validate (&spec, &bad_key, &error);

  clear_marks (self);
  if (!ok && self->touched && error != NULL)
    {
      ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error->message);
    }
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy && !self->loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger-item.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdLedgerItemDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

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
  g_autoptr(LdLedgerItemDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;

  self->filling = TRUE;
  if (units != NULL)
    {
      ld_unit_picker_set_units (self->unit_picker, units, NULL, 0);
      if (self->initial_unit_id > 0)
        ld_unit_picker_set_selected_id (self->unit_picker, self->initial_unit_id);
    }
  else
    show_error (self, error != NULL ? error->message : _("The units could not be read."));
  self->filling = FALSE;
  self->loading = FALSE;
  validate (self);
}

static void
set_busy (LdLedgerItemDialog *self,
          gboolean            busy)
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
  gint64           item_id;
  LdLedgerItemSpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_ledger_item_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->item_id;

  if (id == 0)
    {
      if (!ld_ledger_repository_create (vault, &job->spec, &id, NULL, error))
        return NULL;
    }
  else if (!ld_ledger_repository_update (vault, id, &job->spec, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdLedgerItemDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      /* The form stays as typed: nothing is lost. */
      show_error (self, error != NULL ? error->message : _("The ledger item could not be saved."));
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
  LdLedgerItemDialog *self = LD_LEDGER_ITEM_DIALOG (widget);
  SaveJob *job;

  if (self->busy || self->loading)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->item_id = self->item != NULL ? ld_ledger_item_get_id (self->item) : 0;
  if (self->item != NULL)
    ld_ledger_item_spec_init_from_item (&job->spec, self->item);
  else
    ld_ledger_item_spec_init (&job->spec);
  build_spec (self, &job->spec);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

static void
select_source (LdLedgerItemDialog *self,
               const char         *source)
{
  const char * const *sources = ld_ledger_sources ();

  for (guint i = 0; sources[i] != NULL; i++)
    if (g_strcmp0 (sources[i], source) == 0)
      adw_combo_row_set_selected (self->source_row, i);
}

static void
fill_from_item (LdLedgerItemDialog *self,
                LdLedgerItem       *item)
{
  select_source (self, ld_ledger_item_get_source (item));
  gtk_editable_set_text (GTK_EDITABLE (self->source_ref_row), ld_ledger_item_get_source_ref (item));
  gtk_editable_set_text (GTK_EDITABLE (self->leader_row), ld_ledger_item_get_leader (item));
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), ld_ledger_item_get_person (item));
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), ld_ledger_item_get_deadline (item));
  gtk_editable_set_text (GTK_EDITABLE (self->standard_row), ld_ledger_item_get_standard (item));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), ld_ledger_item_get_note (item));
  set_text_view (self->problem_view, ld_ledger_item_get_problem (item));
  set_text_view (self->measures_view, ld_ledger_item_get_measures (item));
  self->initial_unit_id = ld_ledger_item_get_unit_id (item);

  if (ld_ledger_item_get_recommendation_id (item) != 0)
    {
      g_autofree char *text = NULL;

      /* The source of a spawned item is its recommendation. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->source_row), FALSE);
      /* Translators: %s is a recommendation's registration number (纪检监察建议) */
      text = g_strdup_printf (_("Spawned from recommendation %s."), ld_ledger_item_get_recommendation_reg_no (item));
      adw_preferences_group_set_description (self->source_group, text);
    }
}

static gboolean
ld_ledger_item_dialog_close_request (GtkWindow *window)
{
  LdLedgerItemDialog *self = LD_LEDGER_ITEM_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_ledger_item_dialog_parent_class)->close_request (window);
}

static void
ld_ledger_item_dialog_dispose (GObject *object)
{
  LdLedgerItemDialog *self = (LdLedgerItemDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_LEDGER_ITEM_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->item);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_ledger_item_dialog_parent_class)->dispose (object);
}

static void
ld_ledger_item_dialog_finalize (GObject *object)
{
  LdLedgerItemDialog *self = (LdLedgerItemDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_ledger_item_dialog_parent_class)->finalize (object);
}

static void
ld_ledger_item_dialog_class_init (LdLedgerItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_ledger_item_dialog_dispose;
  object_class->finalize = ld_ledger_item_dialog_finalize;
  window_class->close_request = ld_ledger_item_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/dialogs/ld-ledger-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, source_group);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, source_list);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, source_ref_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, leader_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, problem_view);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, measures_view);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, standard_row);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerItemDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "ledger-item.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "ledger-item.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_ledger_item_dialog_init (LdLedgerItemDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  adw_action_row_set_activatable_widget (self->unit_row, GTK_WIDGET (self->unit_picker));
  g_signal_connect_object (gtk_text_view_get_buffer (self->problem_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->measures_view), "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
}

LdLedgerItemDialog *
ld_ledger_item_dialog_new (LdVault      *vault,
                           LdLedgerItem *item)
{
  LdLedgerItemDialog *self;
  const char * const *sources = ld_ledger_sources ();

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (item == NULL || LD_IS_LEDGER_ITEM (item), NULL);

  self = g_object_new (LD_TYPE_LEDGER_ITEM_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->item, item);
  self->filling = TRUE;
  self->loading = TRUE;

  for (guint i = 0; sources[i] != NULL; i++)
    gtk_string_list_append (self->source_list, ld_ledger_source_get_label (sources[i]));

  if (item != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Ledger Item"));
      fill_from_item (self, item);
    }
  else
    select_source (self, "inspection");

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_row));

  ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      units_cb, g_object_ref (self));

  return self;
}

void
ld_ledger_item_dialog_fill (LdLedgerItemDialog *self,
                            gint64              unit_id,
                            const char         *source,
                            const char         *problem,
                            const char         *deadline,
                            const char         *person)
{
  g_return_if_fail (LD_IS_LEDGER_ITEM_DIALOG (self));

  if (unit_id > 0)
    ld_unit_picker_set_selected_id (self->unit_picker, unit_id);
  if (source != NULL)
    select_source (self, source);
  if (problem != NULL)
    set_text_view (self->problem_view, problem);
  if (deadline != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), deadline);
  if (person != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->person_row), person);

  self->touched = TRUE;
  validate (self);
}

gboolean
ld_ledger_item_dialog_get_loading (LdLedgerItemDialog *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM_DIALOG (self), FALSE);

  return self->loading;
}

gboolean
ld_ledger_item_dialog_get_can_save (LdLedgerItemDialog *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_ledger_item_dialog_get_busy (LdLedgerItemDialog *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_ledger_item_dialog_get_error_message (LdLedgerItemDialog *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM_DIALOG (self), NULL);

  return self->error_message;
}
