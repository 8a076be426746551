/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-four-forms"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ld-cli-test-utils.h"
#include "vault/ld-vault-private.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for `four-forms`, each test in its own temporary vault. The measures are
 * written straight into the vault (the measure commands are tested on
 * their own). */

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *cadre_a;
  char      *cadre_b;
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A);
 * units A and B with a cadre each. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-four-forms-XXXXXX");
  init_vault (&f->cli);
  add_account (&f->cli, "sec", "secadmin");
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "交通局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_a, NULL));
  f->cadre_a = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                   "11010519491231002X", "--unit", f->unit_a, NULL));
  f->cadre_b = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                                   "34052419800101001X", "--unit", f->unit_b, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->unit_a);
  g_free (f->unit_b);
  g_free (f->cadre_a);
  g_free (f->cadre_b);
}

/* The measures: 张三丰 (unit A) two form-one measures in 2026Q1 and one in
 * 2025Q1; 李四 (unit B) a Party warning in 2026Q1 that names no source.
 * Nothing in 2025Q4. */
static void
add_measures (Fixture *f)
{
  g_autoptr(LdVault) vault = ld_vault_new (f->cli.vault);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *sql_error = NULL;

  ld_vault_unlock (vault, ADMIN, ADMIN_PW, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category, decision_date,"
                         " effective_date, source_type, source_id, status, effect_end, post_level, groups, account,"
                         " created_at, updated_at) VALUES"
                         " ('2026-M0001', %s, %s, 'F1_REMIND_TALK', 1, 'edu', '2026-01-10', '2026-01-10', 'talk', 1,"
                         "  'in-force', '', 'xiangke', 'young', 'boss', 1, 1),"
                         " ('2026-M0002', %s, %s, 'F1_CRIT_EDU', 1, 'edu', '2026-02-15', '2026-02-15', 'clue', 1,"
                         "  'in-force', '', 'xiangke', 'young', 'boss', 1, 1),"
                         " ('2026-M0003', %s, %s, 'P1', 2, 'party', '2026-03-05', '2026-03-05', '', NULL,"
                         "  'in-force', '2027-03-05', 'xianchu', 'top', 'boss', 1, 1),"
                         " ('2025-M0001', %s, %s, 'F1_CRIT_EDU', 1, 'edu', '2025-02-10', '2025-02-10', 'clue', 1,"
                         "  'in-force', '', 'xiangke', '', 'boss', 1, 1)",
                         f->cadre_a, f->unit_a, f->cadre_a, f->unit_a, f->cadre_b, f->unit_b, f->cadre_a,
                         f->unit_a);
  g_assert_cmpint (sqlite3_exec (_ld_vault_get_db (vault), sql, NULL, NULL, &sql_error), ==, SQLITE_OK);
  g_assert_null (sql_error);
  ld_vault_lock (vault, "exit");
}

/* The line of out holding needle. */
static char *
line_with (const char *out,
           const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  g_error ("no line with %s in:\n%s", needle, out);
  return NULL;
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;

  add_measures (f);

  /* 2026Q1: F1 2 person-times, 1 person, 2 of 3 person-times; nothing in
   * 2025Q4 (no base: "—"), one in 2025Q1 (+100 %). */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", NULL);
  assert_contains (out, "Q1 2026");
  assert_contains (out, "Q4 2025");
  assert_contains (out, "Q1 2025");
  line = line_with (out, "First form");
  assert_contains (line, " 2 ");
  assert_contains (line, "66.7%");
  assert_contains (line, "50.0%");
  assert_contains (line, "+2 (—)");
  assert_contains (line, "+1 (+100.0%)");
  line = (g_free (line), line_with (out, "Second form"));
  assert_contains (line, "33.3%");
  assert_contains (line, "+1 (—)");
  line = (g_free (line), line_with (out, "Fourth form"));
  assert_contains (line, "0.0%");
  assert_contains (line, "+0 (—)");
  line = (g_free (line), line_with (out, "Total"));
  assert_contains (line, " 3 ");
  assert_contains (line, "100.0%");
  g_clear_pointer (&out, g_free);

  /* A period without measures: every share is "—", never a division. */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2030-01-01..2030-02-15", NULL);
  line = (g_free (line), line_with (out, "First form"));
  assert_contains (line, "—");
  assert_not_contains (line, "%");
  assert_not_contains (out, "nan");
  g_clear_pointer (&out, g_free);

  /* Breakdowns. */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026年第一季度", "--by", "level", NULL);
  line = (g_free (line), line_with (out, "By post level"));
  line = (g_free (line), line_with (out, "Township or section"));
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--by", "group", NULL);
  assert_contains (out, "Young cadres");
  line = (g_free (line), line_with (out, "2 (1)"));
  assert_contains (line, "First form");
  line = (g_free (line), line_with (out, "1 (1)"));
  assert_contains (line, "Second form");
  g_clear_pointer (&out, g_free);

  /* Trend: 8 quarters up to 2026Q1. */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--trend", NULL);
  assert_contains (out, "2024Q2");
  assert_not_contains (out, "2024Q1");
  line = (g_free (line), line_with (out, "2026Q1 "));
  assert_contains (line, "2");
  line = (g_free (line), line_with (out, "2025Q1 "));
  assert_contains (line, "1");
  g_clear_pointer (&out, g_free);

  /* Scope: inv sees unit A only; unit B is refused. */
  out = run_ok (&f->cli, "inv", "four-forms", "--period", "2026Q1", NULL);
  line = (g_free (line), line_with (out, "Total"));
  assert_contains (line, " 2 ");
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "inv", 6, "unit", "four-forms", "--period", "2026Q1", "--unit", f->unit_b, NULL);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--unit", f->unit_b, NULL);
  line = (g_free (line), line_with (out, "Second form"));
  assert_contains (line, "100.0%");
  g_clear_pointer (&out, g_free);

  /* Bad input is refused before the vault is opened. */
  run_fails (&f->cli, "boss", 2, "2026Q1", "four-forms", "--period", "2026Q5", NULL);
  run_fails (&f->cli, "boss", 2, "earlier date", "four-forms", "--period", "2026-03-01..2026-01-01", NULL);
  run_fails (&f->cli, "boss", 2, "--by", "four-forms", "--by", "unit", NULL);
  run_fails (&f->cli, "boss", 2, "unit number", "four-forms", "--unit", "x", NULL);
  run_fails (&f->cli, "boss", 2, "F1,group=young", "four-forms", "--drill", "F5", NULL);
  run_fails (&f->cli, "boss", 2, "F1,group=young", "four-forms", "--drill", "F1,group=old", NULL);
  run_fails (&f->cli, "boss", 2, "--drill", "four-forms", "--persons", NULL);
}

static void
test_drill_and_checks (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;

  add_measures (f);

  /* The measures behind F1, newest first; one per cadre with --persons. */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--drill", "F1", NULL);
  assert_contains (out, "2 measures");
  g_assert_true (strstr (out, "2026-M0002") < strstr (out, "2026-M0001"));
  assert_not_contains (out, "2026-M0003");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--drill", "F1", "--persons", NULL);
  assert_contains (out, "1 measure:");
  assert_contains (out, "2026-M0002");
  assert_not_contains (out, "2026-M0001");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--drill", "all,group=top", NULL);
  line = line_with (out, "2026-M0003");
  assert_contains (line, "李四");
  assert_not_contains (out, "2026-M0001");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--drill", "F1,level=xiangke", NULL);
  assert_contains (out, "2 measures");
  g_clear_pointer (&out, g_free);

  /* Checks: 李四's warning names no source; 2025Q1 is clean. */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--checks", NULL);
  line = (g_free (line), line_with (out, "2026-M0003"));
  assert_contains (line, "no source");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2025Q1", "--checks", NULL);
  assert_contains (out, "No inconsistencies found.");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "inv", "four-forms", "--period", "2026Q1", "--checks", NULL);
  assert_contains (out, "No inconsistencies found.");
}

static void
assert_file_starts (const char *path,
                    const char *magic,
                    gsize       magic_len)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, magic_len, magic, magic_len);
}

/* Only the names listed (NULL-terminated) are in dir, besides the vault. */
static void
assert_dir_holds (const char         *dir,
                  const char * const *names)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_equal (name, "vault") && !g_strv_contains (names, name))
      g_error ("unexpected file %s in %s", name, dir);
}

static void
test_chart (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->cli.dir, "四种形态.png", NULL);
  g_autofree char *pdf = g_build_filename (f->cli.dir, "chart.pdf", NULL);
  g_autofree char *svg = g_build_filename (f->cli.dir, "chart.svg", NULL);
  g_autofree char *nowhere = g_build_filename (f->cli.dir, "missing", "chart.png", NULL);
  g_autofree char *out = NULL;
  static const char * const expected[] = { "四种形态.png", "chart.pdf", NULL };

  add_measures (f);

  /* A chart file is an export: refused until granted, nothing written. */
  run_fails (&f->cli, "boss", 5, NULL, "four-forms", "--period", "2026Q1", "--chart", png, NULL);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_free (run_ok (&f->cli, "sec", "user", "grant", "boss", "export", NULL));

  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--chart", png, NULL);
  assert_contains (out, "四种形态.png");
  assert_file_starts (png, "\x89PNG", 4);
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2026Q1", "--chart", pdf, NULL);
  assert_file_starts (pdf, "%PDF", 4);
  g_clear_pointer (&out, g_free);
  /* An empty period still draws (the empty-state text). */
  out = run_ok (&f->cli, "boss", "four-forms", "--period", "2030Q1", "--chart", pdf, NULL);
  assert_file_starts (pdf, "%PDF", 4);

  /* A wrong ending or folder: refused, nothing left behind. */
  run_fails (&f->cli, "boss", 2, ".png", "four-forms", "--chart", svg, NULL);
  run_fails (&f->cli, "boss", 1, "chart", "four-forms", "--chart", nowhere, NULL);
  assert_dir_holds (f->cli.dir, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime = NULL;
  int status;

  /* The tool cleans its temporary copies under XDG_RUNTIME_DIR at lock:
   * give it a folder of its own. */
  runtime = g_dir_make_tmp ("liandang-cli-runtime-XXXXXX", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-four-forms/table", Fixture, NULL, fixture_setup, test_table, fixture_teardown);
  g_test_add ("/cli-four-forms/drill-checks", Fixture, NULL, fixture_setup, test_drill_and_checks,
              fixture_teardown);
  g_test_add ("/cli-four-forms/chart", Fixture, NULL, fixture_setup, test_chart, fixture_teardown);

  status = g_test_run ();
  remove_tree (runtime);
  return status;
}
