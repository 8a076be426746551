/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-export-dialog.h"

#include "ld-application.h"
#include "ld-ui-utils.h"
#include "ld-window.h"
#include "pages/ld-page.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-cadre.h"
#include "records/ld-settings-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "rules/ld-permissions.h"

#define LAST_FOLDER_KEY "last-export-folder"

struct _LdExportDialog
{
  AdwWindow        parent_instance;

  /* Template Widgets */
  GtkButton       *cancel_button;
  GtkButton       *export_button;
  GtkStack        *stack;
  GtkLabel        *error_label;
  AdwActionRow    *what_row;
  AdwActionRow    *mark_row;
  AdwEntryRow     *purpose_row;
  AdwActionRow    *reporters_row;
  GtkSwitch       *reporters_switch;
  AdwEntryRow     *path_row;
  AdwStatusPage   *progress_page;
  GtkProgressBar  *progress_bar;

  /* Borrowed References */
  GtkWidget       *toast_widget;      /* weak: the page that asked, for the toast */

  /* Owned References */
  LdVault         *vault;
  LdExportRequest *request;
  GCancellable    *cancellable;       /* the dialog's lifetime: the preparation */
  GCancellable    *run_cancellable;   /* the running export */
  GtkFileChooserNative *chooser;
  char            *error_message;
  char            *mark;
  char            *start_folder;      /* where the path starts, once known */

  guint            running : 1;
  guint            close_after : 1;   /* closed while running: close when it stops */
  guint            path_edited : 1;   /* the user chose or typed a path */
  guint            filling : 1;       /* the dialog sets the path itself */
};

G_DEFINE_FINAL_TYPE (LdExportDialog, ld_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STEP,
  PROP_RUNNING,
  PROP_CAN_EXPORT,
  PROP_ERROR_MESSAGE,
  PROP_MARK,
  N_PROPS
};

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* g_set_str() is GLib 2.76. */
static void
set_str (char       **str,
         const char  *value)
{
  char *copy;

  if (*str == value)
    return;

  copy = g_strdup (value);
  g_free (*str);
  *str = copy;
}

static void
free_uri (gpointer  data,
          GClosure *closure)
{
  g_free (data);
}

/* The folder of the last export, for this session when the settings have
 * no key for it. */
static char *session_last_folder;

/* Settings ------------------------------------------------------------------- */

static GSettings *
app_settings (void)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  if (!LD_IS_APPLICATION (app) || (settings = ld_application_get_settings (LD_APPLICATION (app))) == NULL)
    return NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, LAST_FOLDER_KEY))
    return NULL;

  return settings;
}

/* The last folder used, as remembered (on the main thread: GSettings
 * stays there). */
static char *
dup_last_folder (void)
{
  GSettings *settings = app_settings ();
  g_autofree char *last = NULL;

  if (settings != NULL)
    last = g_settings_get_string (settings, LAST_FOLDER_KEY);
  if ((last == NULL || last[0] == '\0') && session_last_folder != NULL)
    set_str (&last, session_last_folder);

  return g_steal_pointer (&last);
}

/* The folder the path starts in: the last one used (if it still exists),
 * else Documents, else the home folder; never /tmp. Looks at the disk:
 * on the worker. */
static char *
find_start_folder (const char *last)
{
  const char *documents;

  if (last != NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_strdup (last);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);

  return g_strdup (g_get_home_dir ());
}

static void
remember_folder (const char *folder)
{
  GSettings *settings = app_settings ();

  if (folder == NULL || folder[0] == '\0')
    return;

  set_str (&session_last_folder, folder);
  if (settings != NULL)
    g_settings_set_string (settings, LAST_FOLDER_KEY, folder);
}

/* State ---------------------------------------------------------------------- */

static gboolean
is_batch (LdExportDialog *self)
{
  return self->request->kind == LD_EXPORT_CADRES;
}

static const LdSession *
session (LdExportDialog *self)
{
  return self->vault != NULL ? ld_vault_get_session (self->vault) : NULL;
}

static gboolean
may_reveal_reporters (LdExportDialog *self)
{
  const LdSession *s = session (self);

  return s != NULL && ld_permission_allows (s->role, s->grants, LD_ACTION_REPORTER_IDENTITY);
}

static char *
dup_purpose (LdExportDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->purpose_row))));
}

static char *
dup_path (LdExportDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->path_row))));
}

static gboolean
can_export (LdExportDialog *self)
{
  g_autofree char *purpose = NULL;
  g_autofree char *path = NULL;

  if (self->running || self->purpose_row == NULL)
    return FALSE;

  purpose = dup_purpose (self);
  path = dup_path (self);

  return purpose[0] != '\0' && path[0] != '\0';
}

static void
update_reporters_row (LdExportDialog *self)
{
  gboolean has = ld_export_kind_has_reporters (self->request->kind);
  gboolean allowed = may_reveal_reporters (self);

  gtk_widget_set_visible (GTK_WIDGET (self->reporters_row), has);
  ld_widget_set_sensitive (GTK_WIDGET (self->reporters_row), allowed && !self->running);
  gtk_widget_remove_css_class (GTK_WIDGET (self->reporters_row), "warning");

  if (!allowed)
    adw_action_row_set_subtitle (self->reporters_row,
                                 _("Your account does not hold the reporter-identity grant"));
  else if (gtk_switch_get_active (self->reporters_switch))
    {
      adw_action_row_set_subtitle (self->reporters_row,
                                   _("Reporters' names and contacts are written in full. This export is "
                                     "recorded in the audit trail separately, with the registration numbers."));
      gtk_widget_add_css_class (GTK_WIDGET (self->reporters_row), "warning");
    }
  else
    adw_action_row_set_subtitle (self->reporters_row, _("Reporters are masked"));
}

/* The one place that decides what is enabled and shown. */
static void
update_state (LdExportDialog *self)
{
  if (self->stack == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start", can_export (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", self->running);

  gtk_stack_set_visible_child_name (self->stack, self->running ? "progress" : "form");
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), !self->running);

  gtk_label_set_label (self->error_label, self->error_message != NULL ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_message != NULL);

  update_reporters_row (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_EXPORT]);
}

static void
set_error (LdExportDialog *self,
           const char     *message)
{
  set_str (&self->error_message, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR_MESSAGE]);
}

static void
set_running (LdExportDialog *self,
             gboolean        running)
{
  running = !!running;
  if (self->running == running)
    return;

  self->running = running;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STEP]);
}

/* Sets the path row without counting it as the user's choice. */
static void
fill_path (LdExportDialog *self,
           const char     *path)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->path_row), path != NULL ? path : "");
  self->filling = FALSE;
  update_state (self);
}

static void
on_input_changed_cb (LdExportDialog *self,
                     GtkEditable    *editable)
{
  if (!self->filling && editable == GTK_EDITABLE (self->path_row))
    self->path_edited = TRUE;

  update_state (self);
}

static void
on_entry_activated_cb (LdExportDialog *self,
                       AdwEntryRow    *row)
{
  if (row == self->purpose_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->path_row));
  else
    ld_export_dialog_start (self);
}

static void
on_reporters_changed_cb (LdExportDialog *self,
                         GParamSpec     *pspec,
                         GtkSwitch      *toggle)
{
  update_reporters_row (self);
}

/* What is exported: the scope line ------------------------------------------ */

typedef struct
{
  LdExportRequest *request;
  char            *last_folder;
} PrepareJob;

static void
prepare_job_free (gpointer data)
{
  PrepareJob *job = data;

  ld_export_request_free (job->request);
  g_free (job->last_folder);
  g_free (job);
}

typedef struct
{
  char *mark;
  char *unit_name;
  char *cadre_name;
  char *filename;
  char *folder;
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *prepared = data;

  g_free (prepared->mark);
  g_free (prepared->unit_name);
  g_free (prepared->cadre_name);
  g_free (prepared->filename);
  g_free (prepared->folder);
  g_free (prepared);
}

static char *
format_scope (LdExportDialog *self,
              Prepared       *prepared)
{
  const LdExportRequest *request = self->request;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (request->kind == LD_EXPORT_CADRE)
    {
      if (prepared != NULL && prepared->cadre_name != NULL)
        g_ptr_array_add (parts, g_strdup (prepared->cadre_name));
    }
  else if (request->kind == LD_EXPORT_CADRES && request->cadre_ids != NULL)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u selected cadre, one workbook",
                                                          "%u selected cadres, one workbook each",
                                                          request->cadre_ids->len),
                                             request->cadre_ids->len));
  else if (request->unit_id > 0 && prepared != NULL && prepared->unit_name != NULL)
    /* Translators: a unit's name, e.g. 某某局及下属单位. */
    g_ptr_array_add (parts, g_strdup_printf (_("%s and the units below"), prepared->unit_name));
  else if (request->unit_id <= 0)
    g_ptr_array_add (parts, g_strdup (_("Every unit in your scope")));

  if (request->kind == LD_EXPORT_ROSTER && request->search != NULL && request->search[0] != '\0')
    /* Translators: the search typed in the cadre list. */
    g_ptr_array_add (parts, g_strdup_printf (_("matching “%s”"), request->search));
  if (request->kind == LD_EXPORT_ROSTER
      && (request->categories != 0 || request->authority != NULL || request->post_level != NULL
          || request->status != NULL || request->tag != NULL))
    /* Translators: the cadre list's filter menus are applied to the export. */
    g_ptr_array_add (parts, g_strdup (_("filtered as in the list")));

  if (request->from != NULL && request->to != NULL)
    /* Translators: a period, e.g. 2026-01-01 至 2026-03-31. */
    g_ptr_array_add (parts, g_strdup_printf (_("%s to %s"), request->from, request->to));
  else if (request->from != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("from %s"), request->from));
  else if (request->to != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("until %s"), request->to));

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
show_what (LdExportDialog *self,
           Prepared       *prepared)
{
  g_autofree char *scope = format_scope (self, prepared);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->what_row),
                                 ld_export_kind_get_title (self->request->kind));
  adw_action_row_set_subtitle (self->what_row, scope);
}

static gpointer
prepare_worker (LdVault       *vault,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  PrepareJob *job = data;
  const LdExportRequest *request = job->request;
  Prepared *prepared = g_new0 (Prepared, 1);
  g_autoptr(GError) local_error = NULL;

  prepared->folder = find_start_folder (job->last_folder);

  /* A mark that cannot be read is the export's problem to report; the
   * dialog only says so. */
  prepared->mark = ld_settings_repository_get (vault, LD_SETTING_CLASSIFICATION_MARK, &local_error);
  if (prepared->mark == NULL)
    g_debug ("Reading the marking: %s", local_error->message);

  if (request->unit_id > 0)
    {
      g_autoptr(LdUnit) unit = ld_unit_repository_get (vault, request->unit_id, NULL);

      if (unit != NULL)
        prepared->unit_name = g_strdup (ld_unit_get_name (unit));
    }

  if (request->kind == LD_EXPORT_CADRE && request->cadre_id > 0)
    {
      /* get_many: reading the name is not opening the file (no audit). */
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &request->cadre_id, 1, NULL);

      if (cadres != NULL && cadres->len == 1)
        prepared->cadre_name = g_strdup (ld_cadre_get_name (g_ptr_array_index (cadres, 0)));
    }

  if (request->kind != LD_EXPORT_CADRES)
    prepared->filename = ld_export_suggest_filename (vault, request);

  return prepared;
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LdExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Prepared *prepared;

  prepared = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || self->vault == NULL)
    {
      g_clear_pointer (&prepared, prepared_free);
      return;
    }

  if (prepared == NULL)
    {
      g_debug ("Preparing the export: %s", error != NULL ? error->message : "?");
      return;
    }

  show_what (self, prepared);

  set_str (&self->mark, prepared->mark);
  if (prepared->mark != NULL)
    {
      /* Translators: %s is the 密级 mark, e.g. 秘密★10年. */
      g_autofree char *subtitle = g_strdup_printf (_("%s — printed in the page header of every sheet"),
                                                   prepared->mark);

      adw_action_row_set_subtitle (self->mark_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->mark_row, _("The marking could not be read"));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MARK]);

  /* The suggested name in the last folder (a batch: the folder), unless
   * a path was given. */
  set_str (&self->start_folder, prepared->folder);
  if (!self->path_edited && is_batch (self))
    fill_path (self, prepared->folder);
  else if (!self->path_edited && prepared->filename != NULL)
    {
      g_autofree char *path = g_build_filename (prepared->folder, prepared->filename, NULL);

      fill_path (self, path);
    }

  prepared_free (prepared);
}

/* Running -------------------------------------------------------------------- */

static char *
format_count (gint64 n)
{
  /* The ' flag groups the thousands as the locale does. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* Runs on the main context (ld_export_run_async delivers it there). */
static void
progress_cb (gint64      done,
             gint64      total,
             const char *detail,
             gpointer    user_data)
{
  LdExportDialog *self = user_data;
  g_autofree char *done_text = format_count (done);
  g_autofree char *total_text = format_count (total);
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL || !self->running)
    return;

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) done / (double) total, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  if (is_batch (self))
    {
      g_autofree char *files = NULL;

      if (total > 0)
        /* Translators: workbooks written so far and in all, e.g. "3 of 40 files". */
        files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s file", "%s of %s files", (gulong) total),
                                 done_text, total_text);
      else
        files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s file", "%s files", (gulong) done), done_text);

      text = detail != NULL && detail[0] != '\0'
             /* Translators: the files written, then the cadre being written. */
             ? g_strdup_printf (_("%s · %s"), files, detail)
             : g_steal_pointer (&files);
    }
  else if (total > 0)
    /* Translators: rows written so far and in all, e.g. "12,000 of 100,000 rows". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s row", "%s of %s rows", (gulong) total),
                            done_text, total_text);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", (gulong) done), done_text);

  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_open_folder_cb (AdwToast   *toast,
                   const char *uri)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow *window = app != NULL ? gtk_application_get_active_window (app) : NULL;

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

/* The toast goes where the page that asked shows its toasts, else on the
 * main window. */
static void
show_toast (LdExportDialog *self,
            AdwToast       *toast)
{
  GtkWidget *widget = self->toast_widget;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *ancestor;

  if (widget != NULL && (ancestor = gtk_widget_get_ancestor (widget, LD_TYPE_PAGE)) != NULL)
    ld_page_add_toast (LD_PAGE (ancestor), toast);
  else if (LD_IS_WINDOW (parent))
    ld_window_add_toast (LD_WINDOW (parent), toast);
  else if (widget != NULL && (ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)) != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (ancestor), g_object_ref (toast));
}

static void
announce (LdExportDialog       *self,
          const LdExportResult *result)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (result->path);
  g_autoptr(GFile) folder = is_batch (self) ? g_object_ref (file) : g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *rows = format_count (result->rows);
  g_autofree char *message = NULL;

  if (is_batch (self) && result->cancelled)
    /* Translators: a cancelled batch export; %u workbooks were complete, %s is the folder. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Export cancelled: %u complete cadre file kept in %s",
                                            "Export cancelled: %u complete cadre files kept in %s",
                                            result->files),
                               result->files, name);
  else if (is_batch (self))
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %u cadre file to %s",
                                            "Exported %u cadre files to %s",
                                            result->files),
                               result->files, name);
  else
    /* Translators: e.g. "Exported 123 rows to 信访举报台账-2026-11-26.xlsx". */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Exported %s row to %s",
                                            "Exported %s rows to %s",
                                            (gulong) result->rows),
                               rows, name);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  if (folder != NULL)
    {
      adw_toast_set_button_label (toast, _("Open _Folder"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_folder_cb),
                             g_file_get_uri (folder), free_uri, 0);
    }

  show_toast (self, toast);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LdExportDialog) self = user_data;
  g_autoptr(LdExportResult) exported = NULL;
  g_autoptr(GError) error = NULL;

  exported = ld_export_run_finish (LD_VAULT (object), result, &error);

  g_clear_object (&self->run_cancellable);
  set_running (self, FALSE);

  if (self->vault == NULL)
    return;

  if (exported == NULL)
    {
      /* A workbook is only renamed into place once complete and audited,
       * so a cancel never leaves half a file (a batch keeps the files it
       * finished). */
      if (ld_error_is_cancelled (error) && is_batch (self))
        set_error (self, _("Export cancelled. The cadre files finished before the cancel are complete and "
                           "kept in the folder; no partial file was left."));
      else if (ld_error_is_cancelled (error))
        set_error (self, _("Export cancelled. No partial file was left behind."));
      else
        set_error (self, error != NULL ? error->message : _("The export failed: no file was written."));
      update_state (self);

      if (self->close_after)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_error (self, NULL);
  update_state (self);

  {
    g_autofree char *folder = is_batch (self) ? g_strdup (exported->path) : g_path_get_dirname (exported->path);

    remember_folder (folder);
  }

  /* A cancelled batch with no finished workbook wrote nothing. */
  if (exported->cancelled && exported->files == 0)
    {
      set_error (self, _("Export cancelled: no file was written."));
      update_state (self);
      if (self->close_after)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  announce (self, exported);
  g_signal_emit (self, signals [SIGNAL_EXPORTED], 0, exported);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Choosing ------------------------------------------------------------------- */

static void
on_chooser_response_cb (LdExportDialog       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if ((path = g_file_get_path (file)) == NULL)
    {
      set_error (self, _("Only folders on this computer can be written to. Choose a local folder."));
      update_state (self);
      return;
    }

  ld_export_dialog_set_path (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (widget);
  g_autofree char *current = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) folder_file = NULL;

  if (self->chooser != NULL || self->running)
    return;

  current = dup_path (self);
  if (current[0] != '\0')
    folder = is_batch (self) ? g_strdup (current) : g_path_get_dirname (current);
  else
    folder = g_strdup (self->start_folder != NULL ? self->start_folder : g_get_home_dir ());
  folder_file = g_file_new_for_path (folder);

  if (is_batch (self))
    {
      self->chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Cadre Files"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                   _("_Select"),
                                                   _("_Cancel"));
    }
  else
    {
      g_autoptr(GtkFileFilter) workbooks = gtk_file_filter_new ();
      g_autofree char *name = current[0] != '\0' ? g_path_get_basename (current) : NULL;

      gtk_file_filter_set_name (workbooks, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_pattern (workbooks, "*.xlsx");
      gtk_file_filter_add_pattern (workbooks, "*.XLSX");
      gtk_file_filter_add_mime_type (workbooks, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

      self->chooser = gtk_file_chooser_native_new (_("Export to Excel"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Save"),
                                                   _("_Cancel"));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), workbooks);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), workbooks);
      if (name != NULL)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* A folder typed that does not exist is simply not opened. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder_file, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Actions -------------------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ld_export_dialog_start (LD_EXPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

/* Escape and the Cancel button: stop a running export, else close. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (widget);

  if (self->running)
    cancel_action (widget, action_name, param);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
ld_export_dialog_close_request (GtkWindow *window)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (window);

  /* The workbook is being written: cancel, and close once it stopped
   * (the temporary file is removed first). */
  if (self->running)
    {
      self->close_after = TRUE;
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ld_export_dialog_parent_class)->close_request (window);
}

/* GObject -------------------------------------------------------------------- */

static void
ld_export_dialog_dispose (GObject *object)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  g_clear_weak_pointer (&self->toast_widget);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->run_cancellable);

  G_OBJECT_CLASS (ld_export_dialog_parent_class)->dispose (object);
}

static void
ld_export_dialog_finalize (GObject *object)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->request, ld_export_request_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->mark, g_free);
  g_clear_pointer (&self->start_folder, g_free);

  G_OBJECT_CLASS (ld_export_dialog_parent_class)->finalize (object);
}

static void
ld_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LdExportDialog *self = LD_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_string (value, self->running ? "progress" : "form");
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_CAN_EXPORT:
      g_value_set_boolean (value, can_export (self));
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_MARK:
      g_value_set_string (value, self->mark);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_export_dialog_class_init (LdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_export_dialog_dispose;
  object_class->finalize = ld_export_dialog_finalize;
  object_class->get_property = ld_export_dialog_get_property;
  window_class->close_request = ld_export_dialog_close_request;

  /* "form" or "progress". */
  properties [PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL,
                         "form",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether Export works: a purpose and a path, and nothing running. */
  properties [PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The translated message shown after a failed or cancelled export. */
  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The 密级 mark the workbook will carry, once read. */
  properties [PROP_MARK] =
    g_param_spec_string ("mark", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, mark_row);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, reporters_row);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, reporters_switch);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, path_row);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, LdExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reporters_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.escape", NULL, escape_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "export.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "export.start", NULL);
}

static void
ld_export_dialog_init (LdExportDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdExportDialog *
ld_export_dialog_new (GtkWindow             *parent,
                      LdVault               *vault,
                      const LdExportRequest *request)
{
  LdExportDialog *self;
  PrepareJob *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->kind < LD_N_EXPORT_KINDS, NULL);

  self = g_object_new (LD_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  self->vault = g_object_ref (vault);
  self->request = ld_export_request_copy (request);
  /* The dialog asks for these; a caller's answers come through the setters. */
  g_clear_pointer (&self->request->purpose, g_free);
  g_clear_pointer (&self->request->path, g_free);
  self->request->include_reporters = FALSE;

  if (is_batch (self))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->path_row), _("_Folder"));

  show_what (self, NULL);
  update_state (self);
  /* The one thing to type. */
  gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));

  if (request->purpose != NULL)
    ld_export_dialog_set_purpose (self, request->purpose);
  if (request->path != NULL)
    ld_export_dialog_set_path (self, request->path);
  if (request->include_reporters)
    ld_export_dialog_set_include_reporters (self, TRUE);

  job = g_new0 (PrepareJob, 1);
  job->request = ld_export_request_copy (self->request);
  job->last_folder = dup_last_folder ();
  ld_vault_run_async (vault,
                      prepare_worker,
                      job,
                      prepare_job_free,
                      prepared_free,
                      self->cancellable,
                      prepare_cb,
                      g_object_ref (self));

  return self;
}

void
ld_export_dialog_set_purpose (LdExportDialog *self,
                              const char     *purpose)
{
  g_return_if_fail (LD_IS_EXPORT_DIALOG (self));

  if (self->running)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->purpose_row), purpose != NULL ? purpose : "");
  update_state (self);
}

void
ld_export_dialog_set_path (LdExportDialog *self,
                           const char     *path)
{
  g_return_if_fail (LD_IS_EXPORT_DIALOG (self));

  if (self->running)
    return;

  self->path_edited = TRUE;
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->path_row), path != NULL ? path : "");
  self->filling = FALSE;
  update_state (self);
}

void
ld_export_dialog_set_include_reporters (LdExportDialog *self,
                                        gboolean        include)
{
  g_return_if_fail (LD_IS_EXPORT_DIALOG (self));

  if (self->running)
    return;

  /* Only what the dialog offers: the row is hidden or insensitive
   * otherwise (and the export would refuse it). */
  if (include && (!ld_export_kind_has_reporters (self->request->kind) || !may_reveal_reporters (self)))
    return;

  gtk_switch_set_active (self->reporters_switch, include);
  update_state (self);
}

void
ld_export_dialog_start (LdExportDialog *self)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LD_IS_EXPORT_DIALOG (self));

  if (!can_export (self))
    return;

  purpose = dup_purpose (self);
  path = dup_path (self);

  /* "~/…" is the home folder; a bare name goes into the start folder. */
  if (g_str_has_prefix (path, "~/") || g_strcmp0 (path, "~") == 0)
    {
      char *expanded = g_build_filename (g_get_home_dir (), path + 1, NULL);

      g_free (path);
      path = expanded;
    }
  else if (!g_path_is_absolute (path))
    {
      char *joined = g_build_filename (self->start_folder != NULL ? self->start_folder : g_get_home_dir (),
                                       path, NULL);

      g_free (path);
      path = joined;
    }
  if (g_strcmp0 (path, gtk_editable_get_text (GTK_EDITABLE (self->path_row))) != 0)
    fill_path (self, path);

  /* A workbook gets its extension when the name was typed without one. */
  if (!is_batch (self) && !g_str_has_suffix (path, ".xlsx") && !g_str_has_suffix (path, ".XLSX"))
    {
      char *with = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = with;
      fill_path (self, path);
    }

  request = ld_export_request_copy (self->request);
  set_str (&request->purpose, purpose);
  set_str (&request->path, path);
  request->include_reporters = ld_export_kind_has_reporters (request->kind)
                               && gtk_switch_get_active (self->reporters_switch);

  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();

  set_error (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  adw_status_page_set_title (self->progress_page,
                             is_batch (self) ? _("Exporting the Cadre Files…") : _("Exporting…"));
  set_running (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->progress_bar));

  ld_export_run_async (self->vault,
                       request,
                       progress_cb,
                       g_object_ref (self),
                       g_object_unref,
                       self->run_cancellable,
                       run_cb,
                       g_object_ref (self));
}

/* Presenting ----------------------------------------------------------------- */

void
ld_export_dialog_present_for (GtkWidget             *widget,
                              LdVault               *vault,
                              const LdExportRequest *request)
{
  const LdSession *s;
  GtkRoot *root;
  LdExportDialog *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LD_IS_VAULT (vault));
  g_return_if_fail (request != NULL);

  s = ld_vault_get_session (vault);
  root = gtk_widget_get_root (widget);

  if (s == NULL || !ld_permission_allows (s->role, s->grants, LD_ACTION_EXPORT))
    {
      AdwMessageDialog *refusal;

      refusal = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                            _("Export Not Allowed"),
                                                            _("Your account does not hold the export grant. "
                                                              "Ask the security administrator.")));
      adw_message_dialog_add_response (refusal, "close", _("_Close"));
      adw_message_dialog_set_default_response (refusal, "close");
      adw_message_dialog_set_close_response (refusal, "close");
      ld_present_dialog (GTK_WINDOW (refusal), widget);
      return;
    }

  dialog = ld_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, vault, request);
  g_set_weak_pointer (&dialog->toast_widget, widget);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}
