/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion-request-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-opinion-request-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-cadre.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-opinion-rules.h"
#include "widgets/ld-unit-picker.h"

struct _LdOpinionRequestDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwEntryRow         *requester_row;
  AdwEntryRow         *date_row;
  AdwComboRow         *purpose_row;
  GtkStringList       *purpose_list;
  AdwEntryRow         *due_row;
  AdwEntryRow         *doc_no_row;
  LdUnitPicker        *unit_picker;
  AdwEntryRow         *note_row;
  AdwPreferencesGroup *cadres_group;
  GtkBox              *import_box;
  GtkSpinner          *import_spinner;
  GtkLabel            *import_label;
  GtkButton           *add_matched_button;
  GtkListBox          *unmatched_list;

  /* Borrowed References */
  LdCadreChooser      *chooser;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  GCancellable        *import_cancellable;
  GPtrArray           *matched;          /* LdCadre of the last import, not yet added */
  char                *error_message;

  guint                n_unmatched;
  guint                busy : 1;
  guint                importing : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdOpinionRequestDialog, ld_opinion_request_dialog, ADW_TYPE_WINDOW)

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
show_error (LdOpinionRequestDialog *self,
            const char             *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Fills SPEC (initialised by the caller) from the form. */
static void
build_spec (LdOpinionRequestDialog *self,
            LdOpinionRequestSpec   *spec)
{
  const char * const *purposes = ld_opinion_purposes ();
  guint purpose = adw_combo_row_get_selected (self->purpose_row);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);
  g_autoptr(GArray) ids = ld_cadre_chooser_get_ids (self->chooser);

  g_free (spec->requester);
  spec->requester = get_stripped (self->requester_row);
  g_free (spec->request_date);
  spec->request_date = get_stripped (self->date_row);
  g_free (spec->due_date);
  spec->due_date = get_stripped (self->due_row);
  g_free (spec->doc_no);
  spec->doc_no = get_stripped (self->doc_no_row);
  g_free (spec->note);
  spec->note = get_stripped (self->note_row);
  ld_opinion_request_spec_set (&spec->purpose, purpose < g_strv_length ((GStrv) purposes) ? purposes[purpose] : "");
  spec->unit_id = unit_id > 0 ? unit_id : 0;
  for (guint i = 0; i < ids->len; i++)
    ld_opinion_request_spec_add_cadre (spec, g_array_index (ids, gint64, i));
}

static GtkWidget *
row_for_key (LdOpinionRequestDialog *self,
             const char             *key)
{
  if (g_strcmp0 (key, "requester") == 0)
    return GTK_WIDGET (self->requester_row);
  if (g_strcmp0 (key, "request-date") == 0)
    return GTK_WIDGET (self->date_row);
  if (g_strcmp0 (key, "purpose") == 0)
    return GTK_WIDGET (self->purpose_row);
  if (g_strcmp0 (key, "due-date") == 0)
    return GTK_WIDGET (self->due_row);
  if (g_strcmp0 (key, "doc-no") == 0)
    return GTK_WIDGET (self->doc_no_row);
  if (g_strcmp0 (key, "note") == 0)
    return GTK_WIDGET (self->note_row);

  return NULL;
}

/* Checks the form with the core's pure rules and at least one cadre,
 * marks the first bad field and enables "request.save". */
static gboolean
validate (LdOpinionRequestDialog *self)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  const char *keys[] = { "requester", "request-date", "purpose", "due-date", "doc-no", "note" };
  gboolean ok;

  if (self->chooser == NULL || self->requester_row == NULL)
    return FALSE;

  ld_opinion_request_spec_init (&spec);
  build_spec (self, &spec);
  ok = ld_opinion_request_spec_validate (&spec, &bad_key, &error);
  if (ok && spec.cadre_ids->len == 0)
    {
      ok = FALSE;
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                           _("Pick at least one cadre, or import the list of the request."));
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (row_for_key (self, keys[i]), FALSE);
  if (!ok && self->touched)
    {
      if (row_for_key (self, bad_key) != NULL)
        ld_widget_set_error (row_for_key (self, bad_key), TRUE);
      show_error (self, error != NULL ? error->message : NULL);
    }
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.save", self->can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.import", !self->busy && !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.add-matched",
                                 !self->busy && self->matched != NULL && self->matched->len > 0);

  return ok;
}

static void
on_form_changed_cb (LdOpinionRequestDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static void
set_busy (LdOpinionRequestDialog *self,
          gboolean                busy)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (gtk_widget_get_last_child (content), !busy);
  validate (self);
}

/* --- Units --------------------------------------------------------------- */

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
  g_autoptr(LdOpinionRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || units == NULL)
    return;

  self->filling = TRUE;
  ld_unit_picker_set_units (self->unit_picker, units, _("The first cadre's unit"), 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  validate (self);
}

/* --- Import of the organisation department's list ---------------------------- */

typedef struct
{
  LdOpinionCadreMatch *match;
  GPtrArray           *cadres;   /* LdCadre of match->cadre_ids */
} ImportResult;

typedef struct
{
  char   *path;
  gint64  unit_id;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_pointer (&result->match, ld_opinion_cadre_match_free);
  g_clear_pointer (&result->cadres, g_ptr_array_unref);
  g_free (result);
}

static gpointer
import_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ImportJob *job = data;
  ImportResult *result = g_new0 (ImportResult, 1);

  result->match = ld_opinion_repository_match_file (vault, job->path, job->unit_id, cancellable, error);
  if (result->match == NULL
      || (result->cadres = ld_cadre_repository_get_many (vault,
                                                         (const gint64 *) (gpointer) result->match->cadre_ids->data,
                                                         result->match->cadre_ids->len, error)) == NULL)
    {
      import_result_free (result);
      return NULL;
    }

  return result;
}

static char *
describe_cadre (LdCadre *cadre)
{
  const char *unit = ld_cadre_get_unit_name (cadre);
  const char *post = ld_cadre_get_post (cadre);

  /* Translators: a cadre, their unit and post in the list of chosen cadres */
  return g_strdup_printf (_("%s（%s %s）"), ld_cadre_get_name (cadre), unit != NULL ? unit : "",
                          post != NULL ? post : "");
}

static void
show_import (LdOpinionRequestDialog *self,
             LdOpinionCadreMatch    *match)
{
  GtkWidget *child;
  g_autofree char *summary = NULL;
  guint n_matched = self->matched != NULL ? self->matched->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unmatched_list))) != NULL)
    gtk_list_box_remove (self->unmatched_list, child);

  self->n_unmatched = match != NULL ? match->unmatched->len : 0;
  if (match != NULL)
    /* Translators: the result of matching the organisation department's list:
     * cadres found (匹配) of the rows read, and rows not matched */
    summary = g_strdup_printf (_("%u of %u rows matched, %u not matched"), n_matched, match->n_rows,
                               self->n_unmatched);
  gtk_label_set_label (self->import_label, summary != NULL ? summary : "");

  for (guint i = 0; match != NULL && i < match->unmatched->len; i++)
    {
      LdOpinionUnmatchedRow *row = g_ptr_array_index (match->unmatched, i);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: an unmatched row of the list: the row number as Excel
       * shows it, the name and the ID number written in the file */
      title = g_strdup_printf (_("Row %u: %s %s"), row->row_number, row->name != NULL ? row->name : "",
                               row->id_number != NULL ? row->id_number : "");
      subtitle = g_strdup (ld_opinion_unmatched_why_get_label (row->why));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_append (self->unmatched_list, action_row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->unmatched_list), self->n_unmatched > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->add_matched_button), n_matched > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->import_box), TRUE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdOpinionRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, import_result_free);
      return;
    }

  self->importing = FALSE;
  gtk_spinner_set_spinning (self->import_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), FALSE);
  g_clear_pointer (&self->matched, g_ptr_array_unref);

  if (result == NULL)
    {
      show_import (self, NULL);
      gtk_label_set_label (self->import_label, error != NULL ? error->message : _("The list could not be read."));
      validate (self);
      return;
    }

  self->matched = g_steal_pointer (&result->cadres);
  show_import (self, result->match);
  import_result_free (result);
  validate (self);
}

static void
import_path (LdOpinionRequestDialog *self,
             const char             *path)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->import_cancellable, G_CONNECT_SWAPPED);

  job->path = g_strdup (path);
  job->unit_id = unit_id > 0 ? unit_id : 0;
  self->importing = TRUE;
  g_clear_pointer (&self->matched, g_ptr_array_unref);
  show_import (self, NULL);
  /* Translators: shown while the organisation department's list is matched */
  gtk_label_set_label (self->import_label, _("Matching the list…"));
  gtk_spinner_set_spinning (self->import_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_spinner), TRUE);
  validate (self);
  ld_vault_run_async (self->vault, import_worker, job, import_job_free, import_result_free,
                      self->import_cancellable, import_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (GtkNativeDialog        *chooser,
                        int                     response,
                        LdOpinionRequestDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && self->chooser != NULL)
    import_path (self, path);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdOpinionRequestDialog *self = LD_OPINION_REQUEST_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->busy || self->importing)
    return;

  chooser = gtk_file_chooser_native_new (_("Import the List of Cadres"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel and CSV files"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_matched_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LdOpinionRequestDialog *self = LD_OPINION_REQUEST_DIALOG (widget);
  g_autoptr(GPtrArray) matched = g_steal_pointer (&self->matched);
  g_autofree char *done = NULL;

  if (matched == NULL)
    return;

  for (guint i = 0; i < matched->len; i++)
    {
      LdCadre *cadre = g_ptr_array_index (matched, i);
      g_autofree char *label = describe_cadre (cadre);

      ld_cadre_chooser_add (self->chooser, ld_cadre_get_id (cadre), label);
    }
  /* Translators: after adding the matched cadres of the list */
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cadre added", "%u cadres added", matched->len),
                          matched->len);
  gtk_label_set_label (self->import_label, done);
  gtk_widget_set_visible (GTK_WIDGET (self->add_matched_button), FALSE);
  on_form_changed_cb (self);
}

/* --- Saving ----------------------------------------------------------------- */

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LdOpinionRequestSpec *spec = data;
  gint64 id = 0;

  if (!ld_opinion_repository_create_request (vault, spec, &id, NULL, error))
    return NULL;
  /* The request is stored: a failed check only leaves its cadres
   * unchecked, and the page's Run Check tries again. */
  if (!ld_opinion_repository_check_request (vault, id, NULL, NULL))
    g_debug ("The new request %" G_GINT64_FORMAT " could not be checked", id);

  return g_memdup2 (&id, sizeof id);
}

static void
spec_free (gpointer data)
{
  LdOpinionRequestSpec *spec = data;

  ld_opinion_request_spec_clear (spec);
  g_free (spec);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdOpinionRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The request could not be registered."));
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
  LdOpinionRequestDialog *self = LD_OPINION_REQUEST_DIALOG (widget);
  LdOpinionRequestSpec *spec;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self))
    return;

  spec = g_new0 (LdOpinionRequestSpec, 1);
  ld_opinion_request_spec_init (spec);
  build_spec (self, spec);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, spec, spec_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- GObject --------------------------------------------------------------- */

static gboolean
ld_opinion_request_dialog_close_request (GtkWindow *window)
{
  LdOpinionRequestDialog *self = LD_OPINION_REQUEST_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_opinion_request_dialog_parent_class)->close_request (window);
}

static void
ld_opinion_request_dialog_dispose (GObject *object)
{
  LdOpinionRequestDialog *self = (LdOpinionRequestDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_OPINION_REQUEST_DIALOG);
  self->chooser = NULL;
  g_clear_object (&self->vault);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->matched, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_opinion_request_dialog_parent_class)->dispose (object);
}

static void
ld_opinion_request_dialog_finalize (GObject *object)
{
  LdOpinionRequestDialog *self = (LdOpinionRequestDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_opinion_request_dialog_parent_class)->finalize (object);
}

static void
ld_opinion_request_dialog_class_init (LdOpinionRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_opinion_request_dialog_dispose;
  object_class->finalize = ld_opinion_request_dialog_finalize;
  window_class->close_request = ld_opinion_request_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/dialogs/ld-opinion-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, requester_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, purpose_list);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, doc_no_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, cadres_group);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, import_box);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, import_label);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, add_matched_button);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionRequestDialog, unmatched_list);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "request.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "request.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "request.add-matched", NULL, add_matched_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "request.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_opinion_request_dialog_init (LdOpinionRequestDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdOpinionRequestDialog *
ld_opinion_request_dialog_new (LdVault *vault)
{
  LdOpinionRequestDialog *self;
  const char * const *purposes = ld_opinion_purposes ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  self = g_object_new (LD_TYPE_OPINION_REQUEST_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->filling = TRUE;

  for (guint i = 0; purposes[i] != NULL; i++)
    gtk_string_list_append (self->purpose_list, ld_opinion_purpose_get_label (purposes[i]));

  self->chooser = ld_cadre_chooser_new (vault);
  ld_cadre_chooser_set_multiple (self->chooser, TRUE);
  adw_preferences_group_add (self->cadres_group, GTK_WIDGET (self->chooser));
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->requester_row));

  ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      units_cb, g_object_ref (self));

  return self;
}

LdCadreChooser *
ld_opinion_request_dialog_get_cadre_chooser (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), NULL);

  return self->chooser;
}

void
ld_opinion_request_dialog_fill (LdOpinionRequestDialog *self,
                                const char             *requester,
                                const char             *request_date,
                                const char             *purpose,
                                const char             *due_date,
                                const char             *doc_no)
{
  g_return_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self));

  if (requester != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->requester_row), requester);
  if (request_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), request_date);
  if (purpose != NULL)
    {
      const char * const *purposes = ld_opinion_purposes ();

      for (guint i = 0; purposes[i] != NULL; i++)
        if (g_strcmp0 (purposes[i], purpose) == 0)
          adw_combo_row_set_selected (self->purpose_row, i);
    }
  if (due_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->due_row), due_date);
  if (doc_no != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->doc_no_row), doc_no);

  validate (self);
}

void
ld_opinion_request_dialog_import_file (LdOpinionRequestDialog *self,
                                       const char             *path)
{
  g_return_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self));
  g_return_if_fail (path != NULL);

  import_path (self, path);
}

gboolean
ld_opinion_request_dialog_get_importing (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), FALSE);

  return self->importing;
}

guint
ld_opinion_request_dialog_get_n_matched (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), 0);

  return self->matched != NULL ? self->matched->len : 0;
}

guint
ld_opinion_request_dialog_get_n_unmatched (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), 0);

  return self->n_unmatched;
}

gboolean
ld_opinion_request_dialog_get_can_save (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_opinion_request_dialog_get_busy (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_opinion_request_dialog_get_error_message (LdOpinionRequestDialog *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST_DIALOG (self), NULL);

  return self->error_message;
}
