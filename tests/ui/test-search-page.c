/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search-page"

#include "config.h"

#include <string.h>

#include "ld-ui-test-utils.h"

#include "ld-window.h"
#include "pages/ld-cadres-page.h"
#include "pages/ld-search-page.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-file-view.h"

#define INITIAL "Initial-Pass-2024"

typedef struct
{
  char   *dir;
  gint64  unit_a;
  gint64  unit_b;
  gint64  talk_a;
  gint64  talk_b;
  gint64  petition_a;
  gint64  cadre_a;
  gint64  entry_a;
} Dataset;

static void
exec_sql (LdVault    *vault,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (vault), sql, &error);
  g_assert_no_error (error);
}

static gint64
add_unit (LdVault    *vault,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { 0 };
  gint64 id = 0;

  spec.name = name;
  ld_unit_repository_create (vault, &spec, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_talk (LdVault    *vault,
          const char *reg_no,
          gint64      unit,
          const char *reason)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO talks (reg_no, unit_id, type, talk_date, reason,"
                                          " written_required, written_due, written_received, account,"
                                          " created_at, updated_at) VALUES ('%s', %lld, 'T_INQUIRY',"
                                          " '2026-04-07', '%s', 0, '', '', 'boss', 1, 1)",
                                          reg_no, (long long) unit, reason);

  exec_sql (vault, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (vault));
}

/* boss (every unit) writes; ivy (investigator) sees unit A only. A talk
 * about gifts in each unit, and a real-name petition of unit A whose
 * reporter is never searchable. */
static void
seed (Dataset *d)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  d->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_vault (d->dir);
  ld_ui_test_add_account (d->dir, "sec", LD_ROLE_SECADMIN, INITIAL, FALSE);
  ld_ui_test_add_account (d->dir, "boss", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (d->dir, "ivy", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);

  vault = ld_vault_new (d->dir);
  ld_vault_unlock (vault, "sec", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "boss", 0, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  ld_vault_unlock (vault, "boss", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  d->unit_a = add_unit (vault, "县财政局");
  d->unit_b = add_unit (vault, "县交通局");
  d->talk_a = add_talk (vault, "2026-T0001", d->unit_a, "关于违规收受礼金问题的谈话函询");
  d->talk_b = add_talk (vault, "2026-T0002", d->unit_b, "交通局违规收受礼金问题");
  sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, real_name,"
                         " routing, status, summary, account, created_at, updated_at) VALUES"
                         " ('2026-0001', %lld, 'accusation', 'CH_LETTER', '2026-03-20', 1, 'local',"
                         " 'registered', '反映工程项目招标问题', 'boss', 1, 1);",
                         (long long) d->unit_a);
  exec_sql (vault, sql);
  d->petition_a = sqlite3_last_insert_rowid (_ld_vault_get_db (vault));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO reporters (petition_id, name, contact) VALUES (%lld, '王举报', '13800000000');",
                         (long long) d->petition_a);
  exec_sql (vault, sql);

  /* A cadre of unit A whose file names a spouse. */
  {
    g_auto(LdCadreFields) fields = { 0 };
    g_auto(LdFileEntrySpec) spec = { 0 };

    fields.unit_id = d->unit_a;
    fields.name = g_strdup ("李明");
    fields.id_number = g_strdup ("34052419800101001X");
    ld_cadre_repository_create (vault, &fields, &d->cadre_a, &error);
    g_assert_no_error (error);
    ld_file_entry_spec_init (&spec, "B");
    ld_file_entry_spec_set (&spec, "relation", "spouse");
    ld_file_entry_spec_set (&spec, "name", "王芳珍");
    ld_file_entry_spec_set (&spec, "abroad", "no");
    ld_file_entry_repository_create (vault, d->cadre_a, &spec, &d->entry_a, &error);
    g_assert_no_error (error);
  }
  ld_vault_lock (vault, "exit");

  ld_vault_unlock (vault, "sec", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "ivy", d->unit_a, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
}

static void
search (LdSearchPage *page,
        const char   *text)
{
  ld_search_page_set_query (page, text);
  LD_UI_TEST_WAIT_FOR (!ld_search_page_get_searching (page) &&
                       g_strcmp0 (ld_search_page_get_shown_query (page), text) == 0, 20000);
  ld_ui_test_flush ();
}

static void
test_search_page (void)
{
  Dataset d = { 0 };
  LdApplication *app;
  LdWindow *window;
  LdSearchPage *page;
  const char *record_type = NULL;
  const char *markup = NULL;
  gint64 record_id = 0;

  seed (&d);
  app = ld_ui_test_app_new (d.dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "ivy", LD_TEST_PASSWORD));

  /* Ctrl+Shift+F's action opens the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "search");
  page = LD_SEARCH_PAGE (ld_window_get_page (window, "search"));
  g_assert_cmpstr (ld_search_page_get_state (page), ==, "start");

  /* Typing: each keystroke replaces the search before; the results are
   * those of the last text. */
  ld_search_page_set_query (page, "违");
  ld_search_page_set_query (page, "违规");
  search (page, "收受礼金");
  g_assert_cmpstr (ld_search_page_get_state (page), ==, "results");

  /* Only the talk of unit A: unit B is outside ivy's scopes. */
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 1);
  g_assert_true (ld_search_page_get_result (page, 0, &record_type, &record_id, NULL, &markup));
  g_assert_cmpstr (record_type, ==, "talk");
  g_assert_cmpint (record_id, ==, d.talk_a);
  g_assert_cmpint (record_id, !=, d.talk_b);
  /* The match is highlighted. */
  g_assert_nonnull (strstr (markup, "<b>"));
  g_assert_nonnull (strstr (markup, "礼金"));

  /* A kind filter: no petition mentions gifts. */
  ld_search_page_set_kind (page, "petition");
  LD_UI_TEST_WAIT_FOR (!ld_search_page_get_searching (page), 20000);
  ld_ui_test_flush ();
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 0);
  g_assert_cmpstr (ld_search_page_get_state (page), ==, "empty");
  ld_search_page_set_kind (page, NULL);

  /* The petition by its text, never by its reporter. */
  search (page, "招标");
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 1);
  g_assert_true (ld_search_page_get_result (page, 0, &record_type, &record_id, NULL, NULL));
  g_assert_cmpstr (record_type, ==, "petition");
  g_assert_cmpint (record_id, ==, d.petition_a);
  search (page, "王举报");
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 0);

  /* Activating a result opens its record's page (once it exists). */
  search (page, "礼金");
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "search.open", "u", 0));
  if (ld_window_get_page (window, "talks") != NULL)
    g_assert_cmpstr (ld_window_get_page_name (window), ==, "talks");

  /* A file entry opens its cadre's file. */
  search (page, "王芳珍");
  g_assert_cmpuint (ld_search_page_get_n_results (page), ==, 1);
  g_assert_true (ld_search_page_get_result (page, 0, &record_type, &record_id, NULL, NULL));
  g_assert_cmpstr (record_type, ==, "entry");
  g_assert_cmpint (record_id, ==, d.entry_a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "search.open", "u", 0));
  {
    LdCadresPage *cadres = LD_CADRES_PAGE (ld_window_get_page (window, "cadres"));

    LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_window_get_page_name (window), "cadres") == 0 &&
                         g_strcmp0 (ld_cadres_page_get_state (cadres), "file") == 0, 20000);
    g_assert_cmpint (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (ld_cadres_page_get_file_view (cadres))), ==,
                     d.cadre_a);
  }

  /* Clearing the entry goes back to the start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  ld_search_page_set_query (page, "");
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_search_page_get_state (page), "start") == 0, 20000);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (d.dir);
  g_free (d.dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/search/page", test_search_page);

  return g_test_run ();
}
