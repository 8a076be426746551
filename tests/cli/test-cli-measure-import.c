/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-measure-import"

#include "config.h"

#include <gio/gio.h>
#include <xlsxwriter.h>

#include "rules/ld-id-number.h"

#include "ld-cli-test-utils.h"

/* Drives `liandang-cli import measures` (path in $LIANDANG_CLI): the
 * report with row numbers and reasons, exit 6 for rejected rows,
 * --dry-run, --skip-invalid, --mapping, the counts, and the refusals
 * (viewer, damaged file, no header). */

typedef CliFixture Fixture;

static char *
make_id (guint n)
{
  g_autofree char *first17 = g_strdup_printf ("110105%04u0101%03u", 1970 + n, n);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

/* boss (investigator, every unit) with the units 财政局 and 教育局 and the
 * cadres 李四 (财政局), two 张三 (财政局) and 王五 (教育局, with make_id (4)). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *finance = NULL;
  g_autofree char *school = NULL;
  g_autofree char *id1 = make_id (1), *id2 = make_id (2), *id3 = make_id (3), *id4 = make_id (4);

  cli_fixture_init (f, "liandang-cli-measure-import-XXXXXX");
  setup_admins (f);
  add_account (f, "boss", "investigator");
  g_free (run_ok (f, "sec", "user", "scope", "boss", "all", NULL));
  finance = g_strstrip (run_ok (f, "boss", "unit", "add", "财政局", NULL));
  school = g_strstrip (run_ok (f, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (f, "boss", "cadre", "add", "--name", "李四", "--id-number", id1, "--unit", finance, NULL));
  g_free (run_ok (f, "boss", "cadre", "add", "--name", "张三", "--id-number", id2, "--unit", finance, NULL));
  g_free (run_ok (f, "boss", "cadre", "add", "--name", "张三", "--id-number", id3, "--unit", finance, NULL));
  g_free (run_ok (f, "boss", "cadre", "add", "--name", "王五", "--id-number", id4, "--unit", school, NULL));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Rows 2 and 4 good (4 by ID number, lifted), row 3 a plain 警告. */
static char *
write_measures_xlsx (Fixture *f)
{
  g_autofree char *id4 = make_id (4);
  char *path = g_build_filename (f->dir, "measures.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  const char *header[] = { "姓名", "身份证号", "单位", "处分/处理种类", "决定日期", "解除日期" };
  const char *rows[][6] = {
    { "李四", "", "财政局", "严重警告", "2023-03-05", "" },
    { "李四", "", "财政局", "警告", "2023-04-06", "" },
    { "", id4, "", "政务记过", "2022-03-07", "2022-12-01" },
  };

  for (guint c = 0; c < 6; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, header[c], NULL);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint c = 0; c < 6; c++)
      if (*rows[r][c] != '\0')
        worksheet_write_string (ws, (lxw_row_t) (r + 1), (lxw_col_t) c, rows[r][c], NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
test_measures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_measures_xlsx (f);
  g_autofree char *audit = NULL;

  {
    g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, NULL);

    assert_status (refused, 6);
    assert_error_message (refused, "1 row has errors");
    assert_contains (refused->out, "Measures to import: 2 (lifted: 1)");
    assert_contains (refused->out, "Row 3 (Measure)");
    assert_contains (refused->out, "Write 党内警告 or 政务警告");
    assert_not_contains (refused->out, "Imported:");
  }
  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--dry-run",
                                        "--skip-invalid", NULL);

    assert_status (dry, 0);
    assert_contains (dry->out, "Invalid rows, left out: 1");
    assert_contains (dry->out, "Dry run: nothing was written.");
    assert_not_contains (dry->out, "Imported:");
  }
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--skip-invalid", NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 2 measures (1 lifted); 1 invalid row left out.");
  }
  /* The dry run wrote nothing, the import did: now both rows are on file. */
  {
    g_autoptr(CliResult) again = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--skip-invalid",
                                          NULL);

    assert_status (again, 6);
    assert_contains (again->out, "Measures to import: 0");
    assert_contains (again->out, "Row 2: This measure is already on file");
    assert_contains (again->out, "Row 4: This measure is already on file");
    assert_error_message (again, "no row that could be imported");
  }
  /* (audit list --event import.measures needs the event in the audit
   * log's list of events.) */
  audit = run_ok (f, "aud", "audit", "list", NULL);
  assert_contains (audit, "import.measures");
  assert_contains (audit, "measures.xlsx");
  assert_contains (audit, "imported=2");
}

/* A header the import does not know, mapped with --mapping. */
static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "other.csv",
                                      "姓名,单位,给予何种处理,时间\n"
                                      "王五,教育局,诫勉,2023-05-06\n");

  {
    g_autoptr(CliResult) missing = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, NULL);

    assert_status (missing, 6);
    assert_contains (missing->out, "The measure is missing");
  }
  {
    g_autoptr(CliResult) bad = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--mapping", "时间",
                                        NULL);

    assert_status (bad, 2);
    assert_error_message (bad, "HEADER=FIELD");
  }
  {
    g_autoptr(CliResult) unknown = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--mapping",
                                            "时间=when", NULL);

    assert_status (unknown, 6);
    assert_error_message (unknown, "decision-date");
  }
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--mapping",
                                         "给予何种处理=code", "--mapping", "D=decision-date", NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 1 measure.");
  }
  /* The mapping is remembered for the next file with these headers. */
  {
    g_autoptr(CliResult) again = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--dry-run", NULL);

    assert_status (again, 6);
    assert_contains (again->out, "already on file");
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_file (f, "measures.csv", "姓名,单位,处分种类,决定日期\n"
                                                         "李四,财政局,党内警告,2023-03-05\n");
  g_autofree char *junk = write_file (f, "junk.xlsx", "PK\003\004 this is not a workbook");
  g_autofree char *noheader = write_file (f, "noheader.csv", "a,b\n1,2\n");

  {
    g_autoptr(CliResult) no_file = run_cli (f, "boss", USER_PW "\n", "import", "measures", NULL);

    assert_status (no_file, 2);
  }
  {
    g_autoptr(CliResult) damaged = run_cli (f, "boss", USER_PW "\n", "import", "measures", junk, NULL);

    assert_status (damaged, 6);
    assert_error_message (damaged, NULL);
  }
  {
    g_autoptr(CliResult) no_header = run_cli (f, "boss", USER_PW "\n", "import", "measures", noheader, NULL);

    assert_status (no_header, 6);
    assert_error_message (no_header, "header");
  }
  add_account (f, "view", "viewer");
  g_free (run_ok (f, "sec", "user", "scope", "view", "all", NULL));
  {
    g_autoptr(CliResult) viewer = run_cli (f, "view", USER_PW "\n", "import", "measures", path, NULL);

    assert_status (viewer, 5);
    assert_error_message (viewer, NULL);
  }
  /* Nothing was written: the file still imports. */
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 1 measure.");
  }
}

/* Values from the file are printed with control characters escaped. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (f, "hostile.csv", "姓名,单位,处分种类,决定日期\n"
                                                        "李\033]0;title\007四,财政局,党内\033[31m警告,2023-03-05\n");
  g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "measures", path, "--dry-run", NULL);

  assert_status (refused, 6);
  assert_contains (refused->out, "Row 2");
  assert_not_contains (refused->out, "\033");
  assert_not_contains (refused->out, "\007");
  assert_not_contains (refused->err, "\033");
}

/* `import measures` sits beside `import talks`; its help lists the fields. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CliResult) help = run_cli (f, NULL, NULL, "import", "measures", "--help", NULL);
  g_autoptr(CliResult) talks = run_cli (f, NULL, NULL, "import", "talks", "--help", NULL);

  assert_status (help, 0);
  assert_contains (help->out, "--mapping");
  assert_contains (help->out, "decision-date");
  assert_contains (help->out, "lift-date");
  assert_status (talks, 0);
  assert_contains (talks->out, "Import a talk ledger");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-measure-import/measures", Fixture, NULL, fixture_setup, test_measures, cli_fixture_teardown);
  g_test_add ("/cli-measure-import/mapping", Fixture, NULL, fixture_setup, test_mapping, cli_fixture_teardown);
  g_test_add ("/cli-measure-import/refusals", Fixture, NULL, fixture_setup, test_refusals, cli_fixture_teardown);
  g_test_add ("/cli-measure-import/hostile-text", Fixture, NULL, fixture_setup, test_hostile_text,
              cli_fixture_teardown);
  g_test_add ("/cli-measure-import/help", Fixture, NULL, fixture_setup, test_help, cli_fixture_teardown);

  return g_test_run ();
}
