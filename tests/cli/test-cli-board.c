/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-board"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"
#include "rules/ld-case-rules.h"
#include "vault/ld-vault-private.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for `board` and `calendar …`, each test in its own temporary vault. The
 * records are written straight into the vault (the talk, petition and clue
 * commands are tested on their own). */

#define CALENDAR_CSV \
  "day,kind,name\n" \
  "2026-03-28,班,调休上班\n" \
  "2026-04-03,休,清明节\n" \
  "2026-04-06,holiday,清明节\n"

#define REPORTER_NAME "王举报"

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *cadre_a;
  char      *cadre_b;
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A),
 * viewer (every unit); units A and B with a cadre each. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-board-XXXXXX");
  init_vault (&f->cli);
  add_account (&f->cli, "sec", "secadmin");
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  add_account (&f->cli, "viewer", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "viewer", "all", NULL));
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

/* Writes the records of the board test straight into the vault: a
 * real-name letter about 张三丰 received on Friday 2026-03-20 (unit A),
 * the same in unit B about 李四, and a pending clue in unit A received on
 * 2026-04-08. */
static void
add_records (Fixture *f)
{
  g_autoptr(LdVault) vault = ld_vault_new (f->cli.vault);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *sql_error = NULL;

  ld_vault_unlock (vault, ADMIN, ADMIN_PW, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO petitions (id, reg_no, unit_id, kind, channel, received_date, real_name,"
                         " status, account, created_at, updated_at) VALUES"
                         " (1, '2026-0001', %s, 'accusation', 'CH_LETTER', '2026-03-20', 1, 'registered',"
                         "  'boss', 1, 1),"
                         " (2, '2026-0002', %s, 'accusation', 'CH_LETTER', '2026-03-20', 1, 'registered',"
                         "  'boss', 1, 1);"
                         "INSERT INTO reporters (petition_id, name, contact) VALUES"
                         " (1, '" REPORTER_NAME "', '13800000000'), (2, '" REPORTER_NAME "', '13800000000');"
                         "INSERT INTO petition_persons (petition_id, cadre_id) VALUES (1, %s), (2, %s);"
                         "INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date, status, account,"
                         " created_at, updated_at) VALUES"
                         " ('2026-X0001', %s, 'SRC_SUPERVISION', %s, '2026-04-08', 'pending', 'boss', 1, 1);",
                         f->unit_a, f->unit_b, f->cadre_a, f->cadre_b, f->unit_a, f->cadre_a);
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

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->cli.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bad = write_file (f, "bad.csv", "2026-05-01,holiday,劳动节\n2026-05-02,休,劳动节\n"
                                                   "2026-05-03,weekend,劳动节\n");
  g_autofree char *good = write_file (f, "节假日.csv", CALENDAR_CSV);
  g_autofree char *missing = g_build_filename (f->cli.dir, "missing.csv", NULL);
  g_autofree char *list = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;

  /* Shipped with weekends only. */
  list = run_ok (&f->cli, "boss", "calendar", "list", "--year", "2026", NULL);
  assert_contains (list, "calendar import");
  g_clear_pointer (&list, g_free);

  /* A bad file: exit 6 naming the line, nothing stored. */
  run_fails (&f->cli, "boss", 6, "3", "calendar", "import", bad, NULL);
  run_fails (&f->cli, "boss", 6, "missing.csv", "calendar", "import", missing, NULL);
  list = run_ok (&f->cli, "boss", "calendar", "list", NULL);
  assert_not_contains (list, "2026-05-01");
  g_clear_pointer (&list, g_free);

  /* The viewer changes nothing. */
  run_fails (&f->cli, "viewer", 5, NULL, "calendar", "import", good, NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "calendar", "set", "2026-10-01", "holiday", NULL);

  out = run_ok (&f->cli, "boss", "calendar", "import", good, NULL);
  assert_contains (out, "3");
  list = run_ok (&f->cli, "viewer", "calendar", "list", "--year", "2026", NULL);
  line = line_with (list, "2026-04-03");
  assert_contains (line, "清明节");
  line = (g_free (line), line_with (list, "2026-03-28"));
  assert_contains (line, "调休上班");
  assert_not_contains (list, "calendar import");
  g_clear_pointer (&list, g_free);

  /* Set, replace and remove one day. */
  g_free (run_ok (&f->cli, "boss", "calendar", "set", "2026-10-01", "holiday", "--name", "国庆节", NULL));
  g_free (run_ok (&f->cli, "boss", "calendar", "set", "2026-10-10", "workday", NULL));
  run_fails (&f->cli, "boss", 2, "workday", "calendar", "set", "2026-10-02", "rest", NULL);
  run_fails (&f->cli, "boss", 6, "2026-13-01", "calendar", "set", "2026-13-01", "holiday", NULL);
  list = run_ok (&f->cli, "boss", "calendar", "list", "--year", "2026", NULL);
  assert_contains (list, "国庆节");
  assert_contains (list, "2026-10-10");
  g_clear_pointer (&list, g_free);
  g_free (run_ok (&f->cli, "boss", "calendar", "remove", "2026-10-01", NULL));
  run_fails (&f->cli, "boss", 6, "2026-10-01", "calendar", "remove", "2026-10-01", NULL);
  list = run_ok (&f->cli, "boss", "calendar", "list", NULL);
  assert_not_contains (list, "国庆节");
  assert_contains (list, "2026-10-10");
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *good = write_file (f, "holidays.csv", CALENDAR_CSV);
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;

  /* An empty board prompts for the missing holidays. */
  out = run_ok (&f->cli, "boss", "board", "--as-of", "2026-04-14", NULL);
  assert_contains (out, "calendar import");
  g_clear_pointer (&out, g_free);

  add_records (f);
  g_free (run_ok (&f->cli, "boss", "calendar", "import", good, NULL));

  /* The acceptance notice of the letter of 2026-03-20 is due on 04-13
   * (the 调休 Saturday works, 04-03 and 04-06 rest). */
  out = run_ok (&f->cli, "boss", "board", "--as-of", "2026-04-14", NULL);
  line = line_with (out, "2026-0001");
  assert_contains (line, ld_alert_level_get_label (LD_ALERT_OVERDUE));
  assert_contains (line, ld_deadline_kind_get_label (LD_DEADLINE_ACCEPT_NOTICE));
  assert_contains (line, "张三丰");
  assert_contains (line, "财政局");
  assert_contains (line, "2026-04-13");
  assert_contains (line, "-1");
  g_clear_pointer (&line, g_free);
  line = line_with (out, "2026-X0001");
  assert_contains (line, ld_alert_level_get_label (LD_ALERT_DUE_SOON));
  assert_contains (line, "2026-04-15");
  g_clear_pointer (&line, g_free);
  line = line_with (out, "2026-0002");
  assert_contains (line, "交通局");
  g_clear_pointer (&line, g_free);
  /* Counts per kind and per unit; no prompt once the year is entered. */
  line = line_with (out, "Overdue: 2");
  g_clear_pointer (&line, g_free);
  assert_not_contains (out, "calendar import");
  assert_not_contains (out, REPORTER_NAME);
  assert_not_contains (out, "13800000000");
  g_clear_pointer (&out, g_free);

  /* Yellow on 04-02 (5 working days left), nothing on 03-25. */
  out = run_ok (&f->cli, "boss", "board", "--as-of", "2026-04-02", NULL);
  line = line_with (out, "2026-0001");
  assert_contains (line, ld_alert_level_get_label (LD_ALERT_DUE_SOON));
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "board", "--as-of", "2026-03-25", NULL);
  assert_not_contains (out, "2026-0001");
  g_clear_pointer (&out, g_free);

  /* Scope: inv sees unit A only; --unit narrows boss's board. */
  out = run_ok (&f->cli, "inv", "board", "--as-of", "2026-04-14", NULL);
  assert_contains (out, "2026-0001");
  assert_not_contains (out, "2026-0002");
  assert_not_contains (out, "交通局");
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "inv", 6, NULL, "board", "--as-of", "2026-04-14", "--unit", f->unit_b, NULL);
  out = run_ok (&f->cli, "boss", "board", "--as-of", "2026-04-14", "--unit", f->unit_b, NULL);
  assert_contains (out, "2026-0002");
  assert_not_contains (out, "2026-0001");
  g_clear_pointer (&out, g_free);

  /* Usage errors. */
  run_fails (&f->cli, "boss", 2, "YYYY-MM-DD", "board", "--as-of", "14.4.2026", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "board", "--unit", "A", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "board", "extra", NULL);
  /* The system administrator reads no case content. */
  {
    g_autoptr(CliResult) result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "board", NULL);

    assert_status (result, 5);
  }
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

  g_test_add ("/cli-board/calendar", Fixture, NULL, fixture_setup, test_calendar, fixture_teardown);
  g_test_add ("/cli-board/board", Fixture, NULL, fixture_setup, test_board, fixture_teardown);

  status = g_test_run ();
  remove_tree (runtime);
  return status;
}
