/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"

#include "config.h"

#include <string.h>

#include "ld-ui-test-utils.h"

#include "dialogs/ld-import-dialog.h"
#include "exchange/ld-ledger-import.h"
#include "exchange/ld-measure-import.h"
#include "exchange/ld-roster-parser.h"
#include "ld-window.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-scope.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-vault.h"

#define SECADMIN     "security"
#define INVESTIGATOR "ivan"

/* A roster as units keep them: a title row above the header, one row with
 * a broken ID number (row 5 of the file). */
static const char roster_csv[] =
  "县委组织部干部名册,,,,,\n"
  "姓名,性别,身份证号,出生年月,工作单位,职务\n"
  "王芳,女,11010519491231002X,1949.12,组织部,部长\n"
  "李四,男,34052419800101001X,1980.01,组织部,副部长\n"
  "赵六,男,110105194912310021,1949.12,宣传部,科员\n"
  "钱七,男,440300199001011238,1990.01,宣传部,科员\n";

static LdVault *
open_vault (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_vault_new (dir);

  g_assert_true (ld_vault_unlock (vault, name, LD_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  return vault;
}

typedef struct
{
  gint64 n_created;
  gint64 n_updated;
  guint  n_signals;
} Imported;

static void
on_imported_cb (LdImportDialog *dialog,
                gint64          n_created,
                gint64          n_updated,
                Imported       *imported)
{
  imported->n_created = n_created;
  imported->n_updated = n_updated;
  imported->n_signals++;
}

static gboolean
has_problem (LdImportDialog *dialog,
             const char     *prefix)
{
  g_auto(GStrv) problems = ld_import_dialog_dup_problems (dialog);

  for (guint i = 0; problems[i] != NULL; i++)
    if (g_str_has_prefix (problems[i], prefix))
      return TRUE;

  return FALSE;
}

static gboolean
preview_ready (LdImportDialog *dialog)
{
  return !ld_import_dialog_get_busy (dialog) &&
         g_strcmp0 (ld_import_dialog_get_step (dialog), "preview") == 0;
}

static void
test_import_dialog_preview_commit (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Imported imported = { 0 };
  LdApplication *app;
  GtkWindow *window;
  LdImportDialog *dialog;
  gint64 top = 0;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  {
    g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);

    g_assert_true (ld_scope_grant (vault, INVESTIGATOR, 0, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }
  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdUnitSpec spec = { .name = "县委" };

    g_assert_true (ld_unit_repository_create (vault, &spec, &top, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }

  csv = g_build_filename (dir, "名册.csv", NULL);
  g_assert_true (g_file_set_contents (csv, roster_csv, -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);

  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD);

  dialog = ld_import_dialog_new (window, ld_application_get_vault (app), top);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (ld_import_dialog_get_step (dialog), ==, "choose");
  g_assert_false (ld_import_dialog_get_can_import (dialog));

  /* The preview: counts, the broken row named by its number, Import off. */
  ld_import_dialog_set_file (dialog, file);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  g_assert_nonnull (ld_import_dialog_get_counts_text (dialog));
  g_assert_nonnull (g_strstr_len (ld_import_dialog_get_counts_text (dialog), -1, "New: 3"));
  g_assert_nonnull (g_strstr_len (ld_import_dialog_get_counts_text (dialog), -1, "Invalid: 1"));
  g_assert_true (has_problem (dialog, "Row 5"));
  g_assert_false (ld_import_dialog_get_can_import (dialog));
  g_assert_nonnull (ld_import_dialog_get_blocked_reason (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL) &&
                  g_strcmp0 (ld_import_dialog_get_step (dialog), "progress") == 0);

  /* Correcting a column plans again: 职务 (column F) ignored, then back. */
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 5), ==, LD_ROSTER_FIELD_POST);
  ld_import_dialog_set_column_field (dialog, 5, LD_ROSTER_FIELD_NONE);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_column_field (dialog, 5) == LD_ROSTER_FIELD_NONE, 20000);
  ld_import_dialog_set_column_field (dialog, 5, LD_ROSTER_FIELD_POST);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_column_field (dialog, 5) == LD_ROSTER_FIELD_POST, 20000);
  g_assert_true (has_problem (dialog, "Row 5"));

  /* Skip invalid rows: planned again, Import on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.skip-invalid", NULL));
  g_assert_true (ld_import_dialog_get_skip_invalid (dialog));
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  g_assert_true (ld_import_dialog_get_can_import (dialog));
  g_assert_null (ld_import_dialog_get_blocked_reason (dialog));

  /* Import: the cadres are in the vault and "imported" fired. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_import_dialog_get_step (dialog), "result") == 0, 30000);
  g_assert_cmpuint (imported.n_signals, ==, 1);
  g_assert_cmpint (imported.n_created, ==, 3);
  g_assert_cmpint (imported.n_updated, ==, 0);

  gtk_window_close (GTK_WINDOW (dialog));
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  ld_ui_test_app_free (app);

  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdCadreFilter filter = { .unit_id = top };
    gint64 count = 0;

    g_assert_true (ld_cadre_repository_count (vault, &filter, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count, ==, 3);
    ld_vault_lock (vault, "exit");
  }

  ld_ui_test_remove_dir (dir);
}

static void
test_import_dialog_escape (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LdApplication *app;
  GtkWindow *window;
  LdImportDialog *dialog;
  AdwMessageDialog *confirm;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  {
    g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);

    g_assert_true (ld_scope_grant (vault, INVESTIGATOR, 0, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }

  csv = g_build_filename (dir, "roster.csv", NULL);
  g_assert_true (g_file_set_contents (csv, roster_csv, -1, &error));
  file = g_file_new_for_path (csv);

  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD);

  /* Without a plan, closing just closes. */
  dialog = ld_import_dialog_new (window, ld_application_get_vault (app), 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));

  /* With a plan, it asks first. */
  dialog = ld_import_dialog_new (window, ld_application_get_vault (app), 0);
  gtk_window_present (GTK_WINDOW (dialog));
  ld_import_dialog_set_file (dialog, file);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  gtk_window_close (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  confirm = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  adw_message_dialog_response (confirm, "discard");
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* Ledgers ------------------------------------------------------------------------- */

/* 李四 and two 张三 in 县财政局. */
static void
make_ledger_vault (const char *dir)
{
  g_autoptr(GError) error = NULL;
  const char *cadres[][2] = {
    { "李四", "34052419800101001X" },
    { "张三", "11010519491231002X" },
    { "张三", "440300199001011238" },
  };
  gint64 unit = 0;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  {
    g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);

    g_assert_true (ld_scope_grant (vault, INVESTIGATOR, 0, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }
  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdUnitSpec spec = { .name = "县财政局" };

    g_assert_true (ld_unit_repository_create (vault, &spec, &unit, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (cadres); i++)
      {
        g_auto(LdCadreFields) fields = { 0 };
        gint64 id = 0;

        fields.unit_id = unit;
        fields.name = g_strdup (cadres[i][0]);
        fields.id_number = g_strdup (cadres[i][1]);
        g_assert_true (ld_cadre_repository_create (vault, &fields, &id, &error));
        g_assert_no_error (error);
      }
    ld_vault_lock (vault, "exit");
  }
}

static gboolean
texts_contain (GStrv       texts,
               const char *needle)
{
  for (guint i = 0; texts[i] != NULL; i++)
    if (strstr (texts[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
problems_contain (LdImportDialog *dialog,
                  const char     *needle)
{
  g_auto(GStrv) problems = ld_import_dialog_dup_problems (dialog);

  return texts_contain (problems, needle);
}

/* A petition ledger: the reporter masked in the preview and nowhere in
 * the problems, the ambiguous row named, skip invalid, commit. */
static void
test_import_dialog_petitions (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Imported imported = { 0 };
  LdApplication *app;
  GtkWindow *window;
  LdImportDialog *dialog;
  g_auto(GStrv) texts = NULL;

  make_ledger_vault (dir);
  csv = g_build_filename (dir, "信访台账.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "收件日期,来源,类别,举报人,联系方式,被反映人,被反映人单位,反映问题摘要\n"
                                      "2024-02-01,来信,检举控告,钱八八,13900001111,李四,县财政局,违规吃喝\n"
                                      "2024-02-02,来访,检举控告,孙九九,13900002222,张三,县财政局,违规兼职\n",
                                      -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);

  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD);

  dialog = ld_import_dialog_new_ledger (window, ld_application_get_vault (app), LD_IMPORT_KIND_PETITIONS);
  g_assert_cmpint (ld_import_dialog_get_kind (dialog), ==, LD_IMPORT_KIND_PETITIONS);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  gtk_window_present (GTK_WINDOW (dialog));

  ld_import_dialog_set_file (dialog, file);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  g_assert_cmpstr (ld_import_dialog_get_counts_text (dialog), ==, "To import: 1 · Invalid: 1");
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 3), ==, LD_PETITION_COL_REPORTER);
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 5), ==, LD_PETITION_COL_PERSON);
  g_assert_true (has_problem (dialog, "Row 3"));
  g_assert_true (problems_contain (dialog, "2 cadres named 张三"));
  g_assert_false (ld_import_dialog_get_can_import (dialog));

  /* The reporter masked in the preview, and in no problem. */
  texts = ld_import_dialog_dup_preview_texts (dialog);
  g_assert_true (texts_contain (texts, "钱**"));
  g_assert_true (texts_contain (texts, "李四（县财政局）"));
  g_assert_false (texts_contain (texts, "钱八八"));
  g_assert_false (texts_contain (texts, "孙九九"));
  g_assert_false (texts_contain (texts, "13900001111"));
  g_assert_false (problems_contain (dialog, "钱八八"));
  g_assert_false (problems_contain (dialog, "孙九九"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.skip-invalid", NULL));
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_can_import (dialog), 20000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_import_dialog_get_step (dialog), "result") == 0, 30000);
  g_assert_cmpuint (imported.n_signals, ==, 1);
  g_assert_cmpint (imported.n_created, ==, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  ld_ui_test_flush ();
  ld_ui_test_app_free (app);

  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdPetitionFilter filter = { 0 };
    gint64 count = 0;

    g_assert_true (ld_petition_repository_count (vault, &filter, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count, ==, 1);
    ld_vault_lock (vault, "exit");
  }

  ld_ui_test_remove_dir (dir);
}

/* win.import-talks opens the dialog for talks; a column mapped by hand
 * plans again; nothing is written before Import. */
static void
test_import_dialog_talks (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LdApplication *app;
  GtkWindow *window;
  LdImportDialog *dialog;
  AdwMessageDialog *confirm;

  make_ledger_vault (dir);
  csv = g_build_filename (dir, "谈话台账.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "谈话日期,谈话类型,被约谈人,单位,谈话人\n"
                                      "2024-03-05,提醒谈话,李四,县财政局,刘书记\n"
                                      "2024-03-06,提醒谈话,张三,县财政局,刘书记\n",
                                      -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);

  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-talks", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG) != NULL, 10000);
  dialog = LD_IMPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  g_assert_cmpint (ld_import_dialog_get_kind (dialog), ==, LD_IMPORT_KIND_TALKS);

  ld_import_dialog_set_file (dialog, file);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  /* 被约谈人 is not known: the person is missing on every row. */
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 2), ==, -1);
  g_assert_cmpstr (ld_import_dialog_get_counts_text (dialog), ==, "To import: 0 · Invalid: 2");

  ld_import_dialog_set_column_field (dialog, 2, LD_TALK_COL_PERSON);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_column_field (dialog, 2) == LD_TALK_COL_PERSON,
                       20000);
  g_assert_cmpstr (ld_import_dialog_get_counts_text (dialog), ==, "To import: 1 · Invalid: 1");
  g_assert_true (has_problem (dialog, "Row 3"));
  g_assert_true (problems_contain (dialog, "2 cadres named 张三 in 县财政局: add the ID number column"));
  g_assert_false (ld_import_dialog_get_can_import (dialog));

  /* Closing discards the plan: no talk was written. */
  gtk_window_close (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  confirm = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "discard");
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  ld_ui_test_app_free (app);

  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdTalkFilter filter = { 0 };
    guint count = 1;

    g_assert_true (ld_talk_repository_count (vault, &filter, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 0);
    ld_vault_lock (vault, "exit");
  }

  ld_ui_test_remove_dir (dir);
}

/* win.import-measures opens the dialog for a sanctions ledger: a column
 * mapped by hand plans again, a plain 警告 is named with what to write,
 * skip invalid, then the valid measure is imported. */
static void
test_import_dialog_measures (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = NULL;
  Imported imported = { 0 };
  LdApplication *app;
  GtkWindow *window;
  LdImportDialog *dialog;

  make_ledger_vault (dir);
  csv = g_build_filename (dir, "处分处理台账.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "姓名,单位,给予何种处理,决定日期\n"
                                      "李四,县财政局,党内警告,2023-03-05\n"
                                      "李四,县财政局,警告,2023-04-06\n",
                                      -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (csv);

  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-measures", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG) != NULL, 10000);
  dialog = LD_IMPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  g_assert_cmpint (ld_import_dialog_get_kind (dialog), ==, LD_IMPORT_KIND_MEASURES);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);

  ld_import_dialog_set_file (dialog, file);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog), 20000);
  /* 给予何种处理 is not known: the measure is missing on every row. */
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 0), ==, LD_MEASURE_COL_NAME);
  g_assert_cmpint (ld_import_dialog_get_column_field (dialog, 2), ==, -1);
  g_assert_cmpstr (ld_import_dialog_get_counts_text (dialog), ==, "To import: 0 · Invalid: 2");

  ld_import_dialog_set_column_field (dialog, 2, LD_MEASURE_COL_CODE);
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_column_field (dialog, 2) == LD_MEASURE_COL_CODE,
                       20000);
  g_assert_cmpstr (ld_import_dialog_get_counts_text (dialog), ==, "To import: 1 · Invalid: 1");
  g_assert_true (has_problem (dialog, "Row 3 · Measure"));
  g_assert_true (problems_contain (dialog, "Write 党内警告 or 政务警告"));
  g_assert_false (ld_import_dialog_get_can_import (dialog));
  texts = ld_import_dialog_dup_preview_texts (dialog);
  g_assert_true (texts_contain (texts, "Measure"));
  g_assert_true (texts_contain (texts, "李四（县财政局）"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.skip-invalid", NULL));
  LD_UI_TEST_WAIT_FOR (preview_ready (dialog) && ld_import_dialog_get_can_import (dialog), 20000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL));
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_import_dialog_get_step (dialog), "result") == 0, 30000);
  g_assert_cmpuint (imported.n_signals, ==, 1);
  g_assert_cmpint (imported.n_created, ==, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
  ld_ui_test_app_free (app);

  {
    g_autoptr(LdVault) vault = open_vault (dir, INVESTIGATOR);
    LdMeasureFilter filter;
    guint count = 0;

    ld_measure_filter_init (&filter);
    filter.code = "P1";
    g_assert_true (ld_measure_repository_count (vault, &filter, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 1);
    ld_measure_filter_init (&filter);
    g_assert_true (ld_measure_repository_count (vault, &filter, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 1);
    ld_vault_lock (vault, "exit");
  }

  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/import-dialog/preview-commit", test_import_dialog_preview_commit);
  g_test_add_func ("/ui/import-dialog/escape", test_import_dialog_escape);
  g_test_add_func ("/ui/import-dialog/petitions", test_import_dialog_petitions);
  g_test_add_func ("/ui/import-dialog/talks", test_import_dialog_talks);
  g_test_add_func ("/ui/import-dialog/measures", test_import_dialog_measures);

  return g_test_run ();
}
