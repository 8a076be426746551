/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-dialog"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#include "exchange/ld-roster-import.h"
#include "ld-window.h"
#include "pages/ld-cadres-page.h"
#include "pages/ld-policy-page.h"
#include "pages/ld-units-page.h"
#include "widgets/ld-cadre-file-view.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-settings-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"

#ifdef LD_UI_HAVE_EXPORT_DIALOG
#include "dialogs/ld-export-dialog.h"
#endif

/* The case vault ("sec", "ivy", "vic") plus "ria", an investigator with
 * the reporter-identity grant. "ivy" and "ria" hold the export grant,
 * "vic" does not. One unit with three cadres, two of them named 张. */
static gint64 unit_id;

static char *template_dir;

static void
seed_template (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec unit = { 0 };
  LdVault *vault;

  ld_ui_test_create_case_vault (dir);
  ld_ui_test_add_account (dir, "ria", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  vault = ld_ui_test_open_vault (dir, "sec");
  ld_scope_grant (vault, "ria", 0, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "ivy", LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "ria", LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "ria", LD_GRANT_REPORTER_IDENTITY, TRUE, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);

  vault = ld_ui_test_open_vault (dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  ld_ui_test_add_cadre (vault, unit_id, "张三丰", "34052419800101001X", "局长", TRUE);
  ld_ui_test_add_cadre (vault, unit_id, "张无忌", "340524198501010016", "副局长", FALSE);
  ld_ui_test_add_cadre (vault, unit_id, "李四", "11010519491231002X", "科员", FALSE);
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}

/* Accounts take a while to create: the vault is seeded once and copied
 * into each test's directory (it is locked between tests). */
static void
seed_vault (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (template_dir == NULL)
    {
      template_dir = ld_ui_test_make_dir ();
      seed_template (template_dir);
    }

  d = g_dir_open (template_dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (template_dir, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents_full (to, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
      g_assert_no_error (error);
    }
}

/* A widget under widget by its name (gtk_widget_set_name), or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Policy page: the marking ----------------------------------------------------- */

static gpointer
get_setting_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return ld_settings_repository_get (vault, data, error);
}

static char *
get_setting (LdVault    *vault,
             const char *key)
{
  return ld_ui_test_run_wait (vault, get_setting_worker, g_strdup (key), g_free, g_free);
}

static gboolean
marking_idle (LdPolicyPage *page)
{
  GtkWidget *mark = find_named (GTK_WIDGET (page), "classification-mark");
  GtkWidget *save = ld_ui_test_find_action_button (GTK_WIDGET (page), "policy.save-marking");

  return !ld_page_get_busy (LD_PAGE (page)) && gtk_widget_get_sensitive (mark) && !gtk_widget_get_sensitive (save);
}

static void
test_policy_page_marking (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *stored = NULL;
  LdVault *vault;
  LdPolicyPage *page;
  GtkWindow *window;
  GtkWidget *mark_row;
  GtkWidget *organisation_row;
  GtkWidget *error_label;
  GtkWidget *save;

  seed_vault (dir);
  vault = ld_ui_test_open_vault (dir, "sec");
  page = ld_policy_page_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 900, 900);

  mark_row = find_named (GTK_WIDGET (page), "classification-mark");
  organisation_row = find_named (GTK_WIDGET (page), "organisation");
  error_label = find_named (GTK_WIDGET (page), "marking-error");
  save = ld_ui_test_find_action_button (GTK_WIDGET (page), "policy.save-marking");
  g_assert_true (ADW_IS_ENTRY_ROW (mark_row));
  g_assert_true (ADW_IS_ENTRY_ROW (organisation_row));
  g_assert_true (GTK_IS_LABEL (error_label));
  g_assert_nonnull (save);

  /* The stored marking (the default) is shown; nothing to save yet. */
  LD_UI_TEST_WAIT_FOR (marking_idle (page), 10000);
  ld_ui_test_screenshot (GTK_WIDGET (page), "policy-page-marking");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mark_row)), ==, "内部");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (organisation_row)), ==, "");
  g_assert_false (gtk_widget_get_visible (error_label));

  /* An invalid mark: the message inline, Save off, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (mark_row), "顶级机密");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_true (gtk_widget_has_css_class (mark_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (page), "policy.save-marking", NULL);
  ld_ui_test_flush ();
  stored = get_setting (vault, LD_SETTING_CLASSIFICATION_MARK);
  g_assert_cmpstr (stored, ==, "内部");
  g_clear_pointer (&stored, g_free);

  /* A valid mark and an organisation: saved, audited by the repository,
   * shown again as stored. */
  gtk_editable_set_text (GTK_EDITABLE (mark_row), "秘密★10年");
  gtk_editable_set_text (GTK_EDITABLE (organisation_row), "某县纪委监委");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (mark_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "policy.save-marking", NULL));
  LD_UI_TEST_WAIT_FOR (marking_idle (page), 10000);
  stored = get_setting (vault, LD_SETTING_CLASSIFICATION_MARK);
  g_assert_cmpstr (stored, ==, "秘密★10年");
  g_clear_pointer (&stored, g_free);
  stored = get_setting (vault, LD_SETTING_ORGANISATION);
  g_assert_cmpstr (stored, ==, "某县纪委监委");
  g_clear_pointer (&stored, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mark_row)), ==, "秘密★10年");

  /* Revert puts back what is stored. */
  gtk_editable_set_text (GTK_EDITABLE (mark_row), "机密");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "policy.revert-marking", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mark_row)), ==, "秘密★10年");

  gtk_window_destroy (window);
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

#ifdef LD_UI_HAVE_EXPORT_DIALOG

/* Reading workbooks back ---------------------------------------------------- */

/* Every cell of every sheet, a line a row and cells separated by tabs,
 * through tests/exchange/xlsx-inspect.py; NULL (and the test skipped) when
 * the script or openpyxl is missing. */
static char *
read_workbook (const char *path)
{
  static const char program[] =
    "import json, subprocess, sys\n"
    "d = json.loads(subprocess.check_output([sys.executable] + sys.argv[1:]))\n"
    "for s in d['sheets']:\n"
    "    for r in s['rows']:\n"
    "        print('\\t'.join((c or {}).get('v') or '' for c in r))\n";
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "python3", "-c", program, NULL, path, NULL };

  if (root == NULL)
    {
      g_test_skip ("LIANDANG_SOURCE_ROOT is not set");
      return NULL;
    }
  script = g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
  if (!g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tests/exchange/xlsx-inspect.py is missing");
      return NULL;
    }
  argv[3] = script;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    {
      if (err != NULL && strstr (err, "openpyxl") != NULL)
        {
          g_test_skip ("python3-openpyxl is missing");
          return NULL;
        }
      g_error ("Reading %s failed: %s", path, error != NULL ? error->message : err);
    }

  return g_steal_pointer (&out);
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;

  return n;
}

/* The dialog --------------------------------------------------------------- */

typedef struct
{
  guint   n_signals;
  gint64  rows;
  guint   files;
  char   *path;
} Exported;

static void
exported_clear (Exported *exported)
{
  g_clear_pointer (&exported->path, g_free);
}

static void
on_exported_cb (LdExportDialog *dialog,
                gpointer        data,
                Exported       *exported)
{
  const LdExportResult *result = data;

  exported->n_signals++;
  exported->rows = result->rows;
  exported->files = result->files;
  g_free (exported->path);
  exported->path = g_strdup (result->path);
}

static gboolean
dialog_can_export (LdExportDialog *dialog)
{
  gboolean can = FALSE;

  g_object_get (dialog, "can-export", &can, NULL);
  return can;
}

static gboolean
dialog_running (LdExportDialog *dialog)
{
  gboolean running = FALSE;

  g_object_get (dialog, "running", &running, NULL);
  return running;
}

static char *
dialog_error (LdExportDialog *dialog)
{
  char *message = NULL;

  g_object_get (dialog, "error-message", &message, NULL);
  return message;
}

static gboolean
dialog_has_mark (LdExportDialog *dialog)
{
  g_autofree char *mark = NULL;

  g_object_get (dialog, "mark", &mark, NULL);
  return mark != NULL;
}

/* Records every text the progress bar shows. */
static void
on_progress_text_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     GPtrArray      *texts)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL)
    g_ptr_array_add (texts, g_strdup (text));
}

static GPtrArray *
record_progress (LdExportDialog *dialog)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *bar = ld_ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR);

  g_assert_nonnull (bar);
  g_signal_connect_data (bar, "notify::text", G_CALLBACK (on_progress_text_cb),
                         g_ptr_array_ref (texts), (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
  return texts;
}

static gboolean
showed_progress (GPtrArray  *texts,
                 const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* No workbook and no temporary file left in dir. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;

  return n;
}

static void
test_export_dialog_roster (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "名册.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_ROSTER);
  Exported exported = { 0 };
  GtkWidget *export_button;
  LdExportDialog *dialog;
  LdVault *vault;

  seed_vault (dir);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  vault = ld_ui_test_open_vault (dir, "ivy");

  dialog = ld_export_dialog_new (NULL, vault, request);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);

  ld_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-form");

  /* The roster has no reporters: the row is hidden. */
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "reporters")));

  /* No purpose: Export is off and start does nothing. */
  export_button = ld_ui_test_find_action_button (GTK_WIDGET (dialog), "export.start");
  g_assert_nonnull (export_button);
  ld_export_dialog_set_path (dialog, path);
  g_assert_false (dialog_can_export (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  ld_export_dialog_start (dialog);
  g_assert_false (dialog_running (dialog));
  ld_export_dialog_set_purpose (dialog, "   ");
  g_assert_false (gtk_widget_get_sensitive (export_button));

  /* A purpose without a path: still off. */
  ld_export_dialog_set_purpose (dialog, "年度廉政档案核查");
  ld_export_dialog_set_path (dialog, "");
  g_assert_false (dialog_can_export (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));

  /* Purpose and path: the roster is written on the worker. */
  ld_export_dialog_set_path (dialog, path);
  g_assert_true (dialog_can_export (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1, 30000);

  /* The dialog closed itself and the file is there with the rows. */
  LD_UI_TEST_WAIT_FOR (dialog == NULL, 10000);
  g_assert_cmpstr (exported.path, ==, path);
  g_assert_cmpint (exported.rows, ==, 3);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  if ((text = read_workbook (path)) != NULL)
    {
      g_assert_cmpuint (count_lines_with (text, "张三丰"), ==, 1);
      g_assert_cmpuint (count_lines_with (text, "张无忌"), ==, 1);
      g_assert_cmpuint (count_lines_with (text, "李四"), ==, 1);
      /* ID numbers stay text, every digit kept. */
      g_assert_cmpuint (count_lines_with (text, "34052419800101001X"), ==, 1);
    }

  /* The next export starts in the folder of this one. */
  dialog = ld_export_dialog_new (NULL, vault, request);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (g_str_has_suffix (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "path"))),
                                         ".xlsx"), 10000);
  {
    g_autofree char *suggested = g_path_get_dirname (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "path"))));

    g_assert_cmpstr (suggested, ==, out_dir);
  }

  /* A bare name goes there too and gets the extension. */
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  ld_export_dialog_set_purpose (dialog, "复核");
  ld_export_dialog_set_path (dialog, "第二份");
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 2, 30000);
  {
    g_autofree char *second = g_build_filename (out_dir, "第二份.xlsx", NULL);

    g_assert_cmpstr (exported.path, ==, second);
    g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpuint (count_files (out_dir), ==, 2);
  }
  ld_ui_test_flush ();

  exported_clear (&exported);
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_export_dialog_reporters (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_PETITIONS);
  LdExportDialog *dialog;
  GtkWidget *row;
  GtkWidget *toggle;
  LdVault *vault;

  seed_vault (dir);

  /* Without the reporter-identity grant: shown, insensitive, and the
   * setter cannot tick it. */
  vault = ld_ui_test_open_vault (dir, "ivy");
  dialog = ld_export_dialog_new (NULL, vault, request);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);
  row = find_named (GTK_WIDGET (dialog), "reporters");
  toggle = ld_ui_test_find_widget (row, GTK_TYPE_SWITCH);
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Your account does not hold the reporter-identity grant");
  ld_export_dialog_set_include_reporters (dialog, TRUE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ld_ui_test_close_vault (vault);

  /* With it: sensitive, off by default, a warning once ticked. */
  vault = ld_ui_test_open_vault (dir, "ria");
  dialog = ld_export_dialog_new (NULL, vault, request);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);
  row = find_named (GTK_WIDGET (dialog), "reporters");
  toggle = ld_ui_test_find_widget (row, GTK_TYPE_SWITCH);
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  ld_export_dialog_set_include_reporters (dialog, TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (gtk_widget_has_css_class (row, "warning"));
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-reporters");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ld_ui_test_close_vault (vault);

  ld_ui_test_remove_dir (dir);
}

static void
test_export_dialog_refused (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_ROSTER);
  GtkWidget *label = gtk_label_new ("page");
  GtkWindow *window;
  GtkWindow *refusal;
  LdVault *vault;

  seed_vault (dir);
  vault = ld_ui_test_open_vault (dir, "vic");
  window = ld_ui_test_show_in_window (label, 600, 400);

  ld_export_dialog_present_for (label, vault, request);
  ld_ui_test_flush ();

  g_assert_null (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  refusal = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (refusal);
  ld_ui_test_screenshot (GTK_WIDGET (refusal), "export-dialog-refused");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (refusal)), ==, "Export Not Allowed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)), "security administrator"));
  g_assert_true (gtk_window_get_transient_for (refusal) == window);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  ld_ui_test_close_vault (vault);

  /* With the grant, the dialog itself. */
  vault = ld_ui_test_open_vault (dir, "ivy");
  label = gtk_label_new ("page");
  window = ld_ui_test_show_in_window (label, 600, 400);
  ld_export_dialog_present_for (label, vault, request);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_assert_true (gtk_window_get_transient_for (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG)) == window);
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  ld_ui_test_close_vault (vault);

  ld_ui_test_remove_dir (dir);
}

/* GB 11643: 17 digits and the check character. */
static char *
make_id_number (guint n)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  char digits[19];
  int sum = 0;

  /* A birthday a day apart for each 500 cadres, a sequence within it. */
  g_snprintf (digits, sizeof digits, "110105198%d%02d%02d%03u",
              (int) (n / 500 / 28 % 10), (int) (n / 500 / 28 % 12) + 1, (int) (n / 500 % 28) + 1, n % 500 + 100);
  for (guint i = 0; i < 17; i++)
    sum += (digits[i] - '0') * weights[i];
  digits[17] = "10X98765432"[sum % 11];
  digits[18] = '\0';

  return g_strdup (digits);
}

/* Many cadres in unit_id through one roster import (one transaction). */
static void
add_many_cadres (const char *dir,
                 guint       n)
{
  g_autoptr(GString) csv = g_string_new ("姓名,身份证号,职务\n");
  g_autofree char *path = g_build_filename (dir, "many.csv", NULL);
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  LdImportOptions options = { .parent_unit_id = unit_id };
  LdVault *vault;
  guint created = 0, updated = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id_number = make_id_number (i);

      g_string_append_printf (csv, "干部%04u,%s,科员\n", i, id_number);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);

  vault = ld_ui_test_open_vault (dir, "ivy");
  plan = ld_import_plan_new (vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_import_plan_commit (vault, plan, NULL, NULL, NULL, &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, n);
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}

static void
test_export_dialog_cancel (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "名册.xlsx", NULL);
  g_autofree char *message = NULL;
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_ROSTER);
  g_autofree char *step = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  Exported exported = { 0 };
  LdExportDialog *dialog;
  LdVault *vault;

  seed_vault (dir);
  add_many_cadres (dir, 3000);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  vault = ld_ui_test_open_vault (dir, "ivy");

  dialog = ld_export_dialog_new (NULL, vault, request);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);

  /* Escape right after the start, long before 3,000 rows are read and
   * written (whether the worker has begun or not). */
  ld_export_dialog_set_purpose (dialog, "核查");
  ld_export_dialog_set_path (dialog, path);
  ld_export_dialog_start (dialog);
  g_assert_true (dialog_running (dialog));
  g_object_get (dialog, "step", &step, NULL);
  g_assert_cmpstr (step, ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.escape", NULL));
  LD_UI_TEST_WAIT_FOR (!dialog_running (dialog), 30000);
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));

  /* Back on the form with the inputs and the message; no file at all. */
  g_assert_cmpuint (exported.n_signals, ==, 0);
  message = dialog_error (dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Export cancelled"));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "export-error")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out_dir), ==, 0);
  g_assert_true (dialog_can_export (dialog));

  /* Export again with the inputs kept: every row, the progress counted
   * in rows of the whole. */
  texts = record_progress (dialog);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1, 60000);
  g_assert_cmpint (exported.rows, ==, 3003);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (out_dir), ==, 1);
  g_assert_true (showed_progress (texts, " of 3003 rows") || showed_progress (texts, " of 3,003 rows"));

  exported_clear (&exported);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_export_dialog_unwritable (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "名册.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "名册.xlsx", NULL);
  g_autofree char *message = NULL;
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_ROSTER);
  g_autoptr(GError) error = NULL;
  Exported exported = { 0 };
  LdExportDialog *dialog;
  GtkWidget *purpose;
  LdVault *vault;

  seed_vault (dir);
  /* A file where the folder should be: not writable even for root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, &error));
  g_assert_no_error (error);
  vault = ld_ui_test_open_vault (dir, "ivy");

  dialog = ld_export_dialog_new (NULL, vault, request);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);

  ld_export_dialog_set_purpose (dialog, "核查");
  ld_export_dialog_set_path (dialog, path);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (!dialog_running (dialog), 30000);

  message = dialog_error (dialog);
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "export-error")));
  g_assert_cmpuint (exported.n_signals, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* The inputs are kept for a retry. */
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-error");
  purpose = find_named (GTK_WIDGET (dialog), "purpose");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (purpose)), ==, "核查");
  g_assert_true (dialog_can_export (dialog));
  g_clear_pointer (&message, g_free);

  /* A folder that does not exist: the same. */
  ld_export_dialog_set_path (dialog, missing);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (!dialog_running (dialog), 30000);
  message = dialog_error (dialog);
  g_assert_nonnull (message);
  g_assert_cmpuint (exported.n_signals, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* The cadres page exports what it shows ----------------------------------------- */

static void
on_add_toast_cb (LdPage    *page,
                 AdwToast  *toast,
                 AdwToast **out)
{
  g_set_object (out, toast);
}

static void
test_export_dialog_cadres_page (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "视图.xlsx", NULL);
  g_autofree char *text = NULL;
  Exported exported = { 0 };
  g_autoptr(AdwToast) toast = NULL;
  LdExportDialog *dialog;
  LdCadresPage *page;
  GtkWindow *window;
  LdVault *vault;

  seed_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_cadres_page_new (vault);
  g_signal_connect (page, "add-toast", G_CALLBACK (on_add_toast_cb), &toast);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1200, 800);
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (page), 10000);

  /* Search, and hide the ID number column. */
  ld_cadres_page_set_search (page, "张");
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (page)
                       && g_list_model_get_n_items (ld_cadres_page_get_model (page)) == 2, 10000);
  gtk_column_view_column_set_visible (ld_cadres_page_get_column (page, "id-number"), FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cadres.export", NULL));
  ld_ui_test_flush ();
  dialog = LD_EXPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (GTK_WIDGET (dialog), "what"))), ==,
                   "Every unit in your scope · matching “张”");

  ld_export_dialog_set_purpose (dialog, "专项检查");
  ld_export_dialog_set_path (dialog, path);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1, 30000);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));

  /* The page says where the rows went and offers the folder. */
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported 2 rows to 视图.xlsx");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Open _Folder");

  /* Only the matching rows, without the hidden column. */
  g_assert_cmpint (exported.rows, ==, 2);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if ((text = read_workbook (path)) != NULL)
    {
      g_assert_cmpuint (count_lines_with (text, "张三丰"), ==, 1);
      g_assert_cmpuint (count_lines_with (text, "张无忌"), ==, 1);
      g_assert_cmpuint (count_lines_with (text, "李四"), ==, 0);
      g_assert_cmpuint (count_lines_with (text, "34052419800101001X"), ==, 0);
      g_assert_cmpuint (count_lines_with (text, "县财政局"), >=, 2);
    }

  /* The selected row's file, as a batch of one into a folder. */
  {
    g_autofree char *files_dir = g_build_filename (dir, "files", NULL);
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (ld_cadres_page_get_model (page));
    GtkWidget *what;

    g_assert_cmpint (g_mkdir (files_dir, 0700), ==, 0);
    gtk_single_selection_set_selected (selection, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cadres.export-selected", NULL));
    ld_ui_test_flush ();
    dialog = LD_EXPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
    g_assert_nonnull (dialog);
    g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
    LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);
    what = find_named (GTK_WIDGET (dialog), "what");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (what)), ==,
                     ld_export_kind_get_title (LD_EXPORT_CADRES));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (what)), ==, "1 selected cadre, one workbook");

    ld_export_dialog_set_purpose (dialog, "专项检查");
    ld_export_dialog_set_path (dialog, files_dir);
    ld_export_dialog_start (dialog);
    LD_UI_TEST_WAIT_FOR (exported.n_signals == 2 || !dialog_running (dialog), 30000);
    if (exported.n_signals != 2)
      {
        g_autofree char *message = dialog_error (dialog);

        g_error ("The selected file was not exported: %s", message);
      }
    g_assert_cmpuint (exported.files, ==, 1);
    g_assert_cmpuint (count_files (files_dir), ==, 1);
  }

  exported_clear (&exported);
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* Ctrl+E in an open file exports that file. */
static void
test_export_dialog_cadre_file (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  Exported exported = { 0 };
  LdExportDialog *dialog;
  LdCadresPage *page;
  GtkWindow *window;
  GtkWidget *what;
  GtkWidget *path_row;
  LdCadreFileView *view;
  LdVault *vault;
  gint64 cadre_id;

  seed_vault (dir);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_cadres_page_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1200, 800);
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (page), 10000);
  ld_cadres_page_set_search (page, "张三丰");
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (page)
                       && g_list_model_get_n_items (ld_cadres_page_get_model (page)) == 1, 10000);
  {
    g_autoptr(GObject) row = g_list_model_get_item (ld_cadres_page_get_model (page), 0);

    g_object_get (row, "id", &cadre_id, NULL);
  }
  ld_cadres_page_open_cadre (page, cadre_id);
  view = LD_CADRE_FILE_VIEW (ld_cadres_page_get_file_view (page));
  LD_UI_TEST_WAIT_FOR (!ld_cadre_file_view_get_busy (view)
                       && g_strcmp0 (ld_cadre_file_view_get_shown_name (view), "张三丰") == 0, 10000);
  /* The page's export exports the file shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "cadres.export", NULL));
  ld_ui_test_flush ();
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));

  dialog = LD_EXPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);
  what = find_named (GTK_WIDGET (dialog), "what");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (what)), ==,
                   ld_export_kind_get_title (LD_EXPORT_CADRE));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (what)), ==, "张三丰");

  /* The suggested name: unit, name and the last four characters of the
   * ID number; written into the folder chosen. */
  path_row = find_named (GTK_WIDGET (dialog), "path");
  LD_UI_TEST_WAIT_FOR (g_str_has_suffix (gtk_editable_get_text (GTK_EDITABLE (path_row)), ".xlsx"), 10000);
  name = g_path_get_basename (gtk_editable_get_text (GTK_EDITABLE (path_row)));
  g_assert_cmpstr (name, ==, "县财政局-张三丰-001X.xlsx");
  path = g_build_filename (out_dir, name, NULL);
  ld_export_dialog_set_path (dialog, path);
  ld_export_dialog_set_purpose (dialog, "干部考察");
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1 || !dialog_running (dialog), 30000);
  if (exported.n_signals == 0)
    {
      g_autofree char *message = dialog_error (dialog);

      g_error ("The cadre file was not exported: %s", message);
    }
  g_assert_cmpstr (exported.path, ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  exported_clear (&exported);
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* The units page exports the files of a unit subtree into a folder. */
static void
test_export_dialog_units_page (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autoptr(GPtrArray) texts = NULL;
  Exported exported = { 0 };
  LdExportDialog *dialog;
  LdUnitsPage *page;
  GtkWindow *window;
  GtkWidget *path_row;
  LdVault *vault;

  seed_vault (dir);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_units_page_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1000, 700);
  LD_UI_TEST_WAIT_FOR (ld_units_page_get_n_units (page) == 1 && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_true (ld_units_page_select_unit (page, unit_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.export", NULL));
  ld_ui_test_flush ();
  dialog = LD_EXPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-batch");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (GTK_WIDGET (dialog), "what"))), ==,
                   "县财政局 and the units below");
  /* A folder, never /tmp. */
  path_row = find_named (GTK_WIDGET (dialog), "path");
  g_assert_false (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (path_row)), "/tmp"));

  texts = record_progress (dialog);
  ld_export_dialog_set_path (dialog, out_dir);
  ld_export_dialog_set_purpose (dialog, "换届考察");
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1 || !dialog_running (dialog), 60000);
  if (exported.n_signals == 0)
    {
      g_autofree char *message = dialog_error (dialog);

      g_error ("The cadre files were not exported: %s", message);
    }

  /* Progress in files, with the cadre being written. */
  g_assert_true (showed_progress (texts, " of 3 files · "));

  /* One workbook per cadre, nothing else. */
  g_assert_cmpuint (exported.files, ==, 3);
  g_assert_cmpstr (exported.path, ==, out_dir);
  g_assert_cmpuint (count_files (out_dir), ==, 3);
  {
    static const char * const names[] = {
      "县财政局-张三丰-001X.xlsx", "县财政局-张无忌-0016.xlsx", "县财政局-李四-002X.xlsx",
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (out_dir, names[i], NULL);

        g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
      }
  }

  exported_clear (&exported);
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* In the application: the dialog is transient for the main window and the
 * folder is remembered in the settings. */
static void
test_export_dialog_in_window (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "名册.xlsx", NULL);
  g_autofree char *remembered = NULL;
  Exported exported = { 0 };
  LdExportDialog *dialog;
  LdApplication *app;
  GtkWindow *window;
  GtkWidget *page;

  seed_vault (dir);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, "ivy", LD_TEST_PASSWORD);
  ld_window_set_page_name (LD_WINDOW (window), "cadres");
  page = ld_window_get_page (LD_WINDOW (window), "cadres");
  g_assert_true (LD_IS_CADRES_PAGE (page));
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (LD_CADRES_PAGE (page)), 10000);

  g_assert_true (gtk_widget_activate_action (page, "cadres.export", NULL));
  ld_ui_test_flush ();
  dialog = LD_EXPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  LD_UI_TEST_WAIT_FOR (dialog_has_mark (dialog), 10000);

  ld_export_dialog_set_purpose (dialog, "年度核查");
  ld_export_dialog_set_path (dialog, path);
  ld_export_dialog_start (dialog);
  LD_UI_TEST_WAIT_FOR (exported.n_signals == 1, 30000);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG));
  g_assert_cmpint (exported.rows, ==, 3);

  remembered = g_settings_get_string (ld_application_get_settings (app), "last-export-folder");
  g_assert_cmpstr (remembered, ==, out_dir);

  exported_clear (&exported);
  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

#endif /* LD_UI_HAVE_EXPORT_DIALOG */

int
main (int   argc,
      char *argv[])
{
  int status;

  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/export-dialog/policy-page-marking", test_policy_page_marking);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  g_test_add_func ("/ui/export-dialog/roster", test_export_dialog_roster);
  g_test_add_func ("/ui/export-dialog/reporters", test_export_dialog_reporters);
  g_test_add_func ("/ui/export-dialog/refused", test_export_dialog_refused);
  g_test_add_func ("/ui/export-dialog/cancel", test_export_dialog_cancel);
  g_test_add_func ("/ui/export-dialog/unwritable", test_export_dialog_unwritable);
  g_test_add_func ("/ui/export-dialog/cadres-page", test_export_dialog_cadres_page);
  g_test_add_func ("/ui/export-dialog/cadre-file", test_export_dialog_cadre_file);
  g_test_add_func ("/ui/export-dialog/units-page", test_export_dialog_units_page);
  g_test_add_func ("/ui/export-dialog/in-window", test_export_dialog_in_window);
#endif

  status = g_test_run ();

  if (template_dir != NULL)
    ld_ui_test_remove_dir (template_dir);
  g_clear_pointer (&template_dir, g_free);

  return status;
}
