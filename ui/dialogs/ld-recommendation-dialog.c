/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-recommendation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-recommendation-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-ledger-rules.h"
#include "widgets/ld-unit-picker.h"

struct _LdRecommendationDialog
{
  AdwWindow         parent_instance;

  /* Template Widgets */
  GtkButton        *save_button;
  GtkSpinner       *spinner;
  GtkLabel         *error_label;
  AdwComboRow      *kind_row;
  GtkStringList    *kind_list;
  AdwEntryRow      *title_row;
  AdwEntryRow      *doc_no_row;
  AdwActionRow     *unit_row;
  LdUnitPicker     *unit_picker;
  GtkTextView      *problem_view;
  GtkTextView      *basis_view;
  GtkTextView      *content_view;

  /* Owned References */
  LdVault          *vault;
  LdRecommendation *recommendation;
  GCancellable     *cancellable;
  char             *error_message;
  gint64            initial_unit_id;

  guint             busy : 1;
  guint             loading : 1;
  guint             can_save : 1;
  guint             touched : 1;
  guint             filling : 1;
};

G_DEFINE_FINAL_TYPE (LdRecommendationDialog, ld_recommendation_dialog, ADW_TYPE_WINDOW)

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
replace (char **member,
         char  *value)
{
  g_free (*member);
  *member = value;
}

static void
show_error (LdRecommendationDialog *self,
            const char             *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Fills spec (initialised by the caller, from the recommendation on an
 * edit) from the form; the source record stays as it was. */
static void
build_spec (LdRecommendationDialog *self,
            LdRecommendationSpec   *spec)
{
  const char * const *kinds = ld_recommendation_kinds ();
  guint kind_pos = adw_combo_row_get_selected (self->kind_row);
  gint64 unit_id = self->loading ? self->initial_unit_id : ld_unit_picker_get_selected_id (self->unit_picker);

  spec->unit_id = unit_id > 0 ? unit_id : 0;
  if (kind_pos < g_strv_length ((char **) kinds))
    ld_recommendation_spec_set (&spec->kind, kinds[kind_pos]);
  else
    ld_recommendation_spec_set (&spec->kind, "");
  replace (&spec->title, get_stripped (self->title_row));
  replace (&spec->doc_no, get_stripped (self->doc_no_row));
  replace (&spec->problem, get_text_view (self->problem_view));
  replace (&spec->basis, get_text_view (self->basis_view));
  replace (&spec->content, get_text_view (self->content_view));
}

static GtkWidget *
row_for_key (LdRecommendationDialog *self,
             const char             *key)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "unit-id", G_STRUCT_OFFSET (LdRecommendationDialog, unit_row) },
    { "kind", G_STRUCT_OFFSET (LdRecommendationDialog, kind_row) },
    { "title", G_STRUCT_OFFSET (LdRecommendationDialog, title_row) },
    { "doc-no", G_STRUCT_OFFSET (LdRecommendationDialog, doc_no_row) },
    { "problem", G_STRUCT_OFFSET (LdRecommendationDialog, problem_view) },
    { "basis", G_STRUCT_OFFSET (LdRecommendationDialog, basis_view) },
    { "content", G_STRUCT_OFFSET (LdRecommendationDialog, content_view) },
  };

  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key))
      return *(GtkWidget **) (gpointer) ((guint8 *) self + rows[i].offset);

  return NULL;
}

static gboolean
validate (LdRecommendationDialog *self)
{
  const char *keys[] = { "unit-id", "kind", "title", "doc-no", "problem", "basis", "content" };
  g_auto(LdRecommendationSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  gboolean ok;

  if (self->kind_row == NULL)
    return FALSE;

  ld_recommendation_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_recommendation_spec_validate (&spec, &bad_key, &error);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
  if (!ok && self->touched && error != NULL)
    {
      ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error->message);
    }
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy && !self->loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendation.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdRecommendationDialog *self)
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
  g_autoptr(LdRecommendationDialog) self = user_data;
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
set_busy (LdRecommendationDialog *self,
          gboolean                busy)
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
  gint64               recommendation_id;
  LdRecommendationSpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_recommendation_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->recommendation_id;

  if (id == 0)
    {
      if (!ld_recommendation_repository_create (vault, &job->spec, &id, NULL, error))
        return NULL;
    }
  else if (!ld_recommendation_repository_update (vault, id, &job->spec, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdRecommendationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      /* The form stays as typed: nothing is lost. */
      show_error (self, error != NULL ? error->message : _("The recommendation could not be saved."));
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
  LdRecommendationDialog *self = LD_RECOMMENDATION_DIALOG (widget);
  SaveJob *job;

  if (self->busy || self->loading)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->recommendation_id = self->recommendation != NULL ? ld_recommendation_get_id (self->recommendation) : 0;
  if (self->recommendation != NULL)
    ld_recommendation_spec_init_from_recommendation (&job->spec, self->recommendation);
  else
    ld_recommendation_spec_init (&job->spec);
  build_spec (self, &job->spec);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

static void
select_kind (LdRecommendationDialog *self,
             const char             *kind)
{
  const char * const *kinds = ld_recommendation_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
}

static gboolean
ld_recommendation_dialog_close_request (GtkWindow *window)
{
  LdRecommendationDialog *self = LD_RECOMMENDATION_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_recommendation_dialog_parent_class)->close_request (window);
}

static void
ld_recommendation_dialog_dispose (GObject *object)
{
  LdRecommendationDialog *self = (LdRecommendationDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_RECOMMENDATION_DIALOG);
  g_clear_object (&self->vault);
  g_clear_object (&self->recommendation);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_recommendation_dialog_parent_class)->dispose (object);
}

static void
ld_recommendation_dialog_finalize (GObject *object)
{
  LdRecommendationDialog *self = (LdRecommendationDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_recommendation_dialog_parent_class)->finalize (object);
}

static void
ld_recommendation_dialog_class_init (LdRecommendationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_recommendation_dialog_dispose;
  object_class->finalize = ld_recommendation_dialog_finalize;
  window_class->close_request = ld_recommendation_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/dialogs/ld-recommendation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, kind_list);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, doc_no_row);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, problem_view);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, basis_view);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationDialog, content_view);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "recommendation.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "recommendation.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_recommendation_dialog_init (LdRecommendationDialog *self)
{
  GtkTextView *views[3];

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  adw_action_row_set_activatable_widget (self->unit_row, GTK_WIDGET (self->unit_picker));

  views[0] = self->problem_view;
  views[1] = self->basis_view;
  views[2] = self->content_view;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_signal_connect_object (gtk_text_view_get_buffer (views[i]), "changed",
                             G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
}

LdRecommendationDialog *
ld_recommendation_dialog_new (LdVault          *vault,
                              LdRecommendation *recommendation)
{
  LdRecommendationDialog *self;
  const char * const *kinds = ld_recommendation_kinds ();

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (recommendation == NULL || LD_IS_RECOMMENDATION (recommendation), NULL);

  self = g_object_new (LD_TYPE_RECOMMENDATION_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->recommendation, recommendation);
  self->filling = TRUE;
  self->loading = TRUE;

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (self->kind_list, ld_recommendation_kind_get_label (kinds[i]));

  if (recommendation != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Recommendation"));
      select_kind (self, ld_recommendation_get_kind (recommendation));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), ld_recommendation_get_title (recommendation));
      gtk_editable_set_text (GTK_EDITABLE (self->doc_no_row), ld_recommendation_get_doc_no (recommendation));
      set_text_view (self->problem_view, ld_recommendation_get_problem (recommendation));
      set_text_view (self->basis_view, ld_recommendation_get_basis (recommendation));
      set_text_view (self->content_view, ld_recommendation_get_content (recommendation));
      self->initial_unit_id = ld_recommendation_get_unit_id (recommendation);
    }

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));

  ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      units_cb, g_object_ref (self));

  return self;
}

void
ld_recommendation_dialog_fill (LdRecommendationDialog *self,
                               gint64                  unit_id,
                               const char             *kind,
                               const char             *title)
{
  g_return_if_fail (LD_IS_RECOMMENDATION_DIALOG (self));

  if (unit_id > 0)
    ld_unit_picker_set_selected_id (self->unit_picker, unit_id);
  if (kind != NULL)
    select_kind (self, kind);
  if (title != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);

  self->touched = TRUE;
  validate (self);
}

gboolean
ld_recommendation_dialog_get_loading (LdRecommendationDialog *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATION_DIALOG (self), FALSE);

  return self->loading;
}

gboolean
ld_recommendation_dialog_get_can_save (LdRecommendationDialog *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATION_DIALOG (self), FALSE);

  return self->can_save;
}

const char *
ld_recommendation_dialog_get_error_message (LdRecommendationDialog *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATION_DIALOG (self), NULL);

  return self->error_message;
}
