/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <gio/gio.h>

#include "rules/ld-id-number.h"

#include "ld-cli-test-utils.h"

/* Drives `liandang-cli import cadres` (path in $LIANDANG_CLI) in a
 * temporary vault: the report, --dry-run, --skip-invalid, --unit, the exit
 * codes of the refusals, and that file content cannot drive the terminal. */

typedef CliFixture Fixture;

/* A vault with sec, aud and boss (an investigator who sees every unit)
 * and the unit 县委 (number 1). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unit = NULL;

  cli_fixture_init (f, "liandang-cli-import-XXXXXX");
  setup_admins (f);
  add_account (f, "boss", "investigator");
  g_free (run_ok (f, "sec", "user", "scope", "boss", "all", NULL));
  unit = g_strstrip (run_ok (f, "boss", "unit", "add", "县委", NULL));
  g_assert_cmpstr (unit, ==, "1");
}

/* A valid ID number for person N (born 1970 + N, Jan 1; odd N male). */
static char *
make_id (guint n)
{
  g_autofree char *first17 = g_strdup_printf ("110105%04u0101%03u", 1970 + n, n);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
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

/* Two good rows (one in a unit to be created, one in the unit chosen with
 * --unit) and one with a wrong check character. */
static char *
write_roster (Fixture *f)
{
  g_autofree char *id1 = make_id (1), *id2 = make_id (2), *bad = make_id (3);
  g_autofree char *csv = NULL;

  bad[17] = bad[17] == '1' ? '2' : '1';
  csv = g_strdup_printf ("姓名,性别,身份证号,工作单位,职务\n"
                         "张三,男,%s,新设办公室,主任\n"
                         "李四,女,%s,,科员\n"
                         "王五,男,%s,,科员\n",
                         id1, id2, bad);
  return write_file (f, "roster.csv", csv);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_roster (f);
  g_autofree char *list = NULL;
  g_autofree char *units = NULL;
  g_autofree char *audit = NULL;

  /* Rows with errors block the import, dry run or not. */
  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                        "--dry-run", NULL);

    assert_status (dry, 6);
    assert_error_message (dry, NULL);
    assert_contains (dry->out, "roster.csv");
    assert_contains (dry->out, "New cadres: 2");
    assert_contains (dry->out, "Row 4");
  }
  {
    g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1", NULL);

    assert_status (refused, 6);
    assert_error_message (refused, NULL);
    assert_not_contains (refused->out, "Imported:");
  }
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_not_contains (list, "张三");

  /* A dry run leaving them out writes nothing either. */
  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                        "--dry-run", "--skip-invalid", NULL);

    assert_status (dry, 0);
    assert_contains (dry->out, "Dry run: nothing was written.");
    assert_contains (dry->out, "新设办公室");
  }
  g_free (list);
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_not_contains (list, "张三");
  units = run_ok (f, "boss", "unit", "list", NULL);
  assert_not_contains (units, "新设办公室");

  /* The import itself. */
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                         "--skip-invalid", NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 2 new cadres, 0 updated.");
  }
  g_free (list);
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_contains (list, "张三");
  assert_contains (list, "李四");
  assert_not_contains (list, "王五");
  g_free (units);
  units = run_ok (f, "boss", "unit", "list", NULL);
  assert_contains (units, "新设办公室");
  audit = run_ok (f, "aud", "audit", "list", "--event", "import.cadres", NULL);
  assert_contains (audit, "roster.csv");

  /* Again: nothing changes. */
  {
    g_autoptr(CliResult) again = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                          "--skip-invalid", NULL);

    assert_status (again, 0);
    assert_contains (again->out, "Unchanged cadres: 2");
    assert_contains (again->out, "Imported: 0 new cadres, 0 updated.");
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_roster (f);
  g_autofree char *junk = write_file (f, "junk.xlsx", "PK\003\004 this is not a workbook");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);

  {
    g_autoptr(CliResult) no_file = run_cli (f, "boss", USER_PW "\n", "import", "cadres", NULL);

    assert_status (no_file, 2);
  }
  {
    g_autoptr(CliResult) bad_unit = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "x", NULL);

    assert_status (bad_unit, 2);
    assert_error_message (bad_unit, NULL);
  }
  {
    g_autoptr(CliResult) no_such_unit = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "99",
                                                 "--skip-invalid", NULL);

    assert_status (no_such_unit, 6);
    assert_error_message (no_such_unit, NULL);
  }
  {
    g_autoptr(CliResult) damaged = run_cli (f, "boss", USER_PW "\n", "import", "cadres", junk, "--unit", "1", NULL);

    assert_status (damaged, 6);
    assert_error_message (damaged, NULL);
  }
  {
    g_autoptr(CliResult) gone = run_cli (f, "boss", USER_PW "\n", "import", "cadres", missing, "--unit", "1", NULL);

    g_assert_cmpint (gone->status, !=, 0);
    assert_error_message (gone, NULL);
  }

  /* Roles that may not write records. */
  add_account (f, "view", "viewer");
  g_free (run_ok (f, "sec", "user", "scope", "view", "all", NULL));
  {
    g_autoptr(CliResult) viewer = run_cli (f, "view", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                           "--skip-invalid", NULL);

    assert_status (viewer, 5);
    assert_error_message (viewer, NULL);
  }
  {
    g_autoptr(CliResult) auditor = run_cli (f, "aud", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                            "--skip-invalid", NULL);

    assert_status (auditor, 5);
  }
  {
    g_autofree char *list = run_ok (f, "boss", "cadre", "list", NULL);

    assert_not_contains (list, "张三");
  }
}

/* Names and values from the file are printed with control characters
 * escaped: a roster cannot drive the terminal. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id1 = make_id (5);
  g_autofree char *csv = g_strdup_printf ("姓名,身份证号,职务\n张\033[31m三,%s,科员\n赵六,%s,\"主任\033]0;title\007\"\n",
                                          id1, id1);
  g_autofree char *path = write_file (f, "hostile.csv", csv);
  g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1", "--dry-run",
                                      "--skip-invalid", NULL);

  g_assert_cmpint (dry->status, ==, 0);
  assert_not_contains (dry->out, "\033");
  assert_not_contains (dry->out, "\007");
  assert_not_contains (dry->err, "\033");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-import/import", Fixture, NULL, fixture_setup, test_import, cli_fixture_teardown);
  g_test_add ("/cli-import/refusals", Fixture, NULL, fixture_setup, test_refusals, cli_fixture_teardown);
  g_test_add ("/cli-import/hostile-text", Fixture, NULL, fixture_setup, test_hostile_text, cli_fixture_teardown);

  return g_test_run ();
}
