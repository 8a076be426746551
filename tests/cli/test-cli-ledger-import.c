/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-ledger-import"

#include "config.h"

#include <gio/gio.h>
#include <xlsxwriter.h>

#include "rules/ld-id-number.h"

#include "ld-cli-test-utils.h"

/* Drives `liandang-cli import talks|petitions` (path in $LIANDANG_CLI):
 * the report with row numbers and reasons, exit 6 for rejected rows,
 * --dry-run, --skip-invalid, the counts, reporters never printed, and the
 * refusals (viewer, damaged file). */

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

  cli_fixture_init (f, "liandang-cli-ledger-XXXXXX");
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

/* Row 2 and 4 good (4 by ID number), row 3 an ambiguous 张三. */
static char *
write_talks_xlsx (Fixture *f)
{
  g_autofree char *id4 = make_id (4);
  char *path = g_build_filename (f->dir, "talks.xlsx", NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  const char *header[] = { "谈话日期", "谈话类型", "谈话对象", "身份证号", "单位", "谈话人" };
  const char *rows[][6] = {
    { "2024-03-05", "提醒谈话", "李四", "", "财政局", "刘书记" },
    { "2024-03-06", "诫勉谈话", "张三", "", "财政局", "刘书记、陈主任" },
    { "2024-03-07", "谈心谈话", "", id4, "", "刘书记" },
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
test_talks (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_talks_xlsx (f);
  g_autofree char *list = NULL;
  g_autofree char *audit = NULL;

  {
    g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "talks", path, NULL);

    assert_status (refused, 6);
    assert_error_message (refused, NULL);
    assert_contains (refused->out, "Talks to import: 2");
    assert_contains (refused->out, "Row 3");
    assert_contains (refused->out, "2 cadres named 张三 in 财政局");
    assert_not_contains (refused->out, "Imported:");
  }
  list = run_ok (f, "boss", "talk", "list", NULL);
  assert_not_contains (list, "李四");

  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "talks", path, "--dry-run",
                                        "--skip-invalid", NULL);

    assert_status (dry, 0);
    assert_contains (dry->out, "Dry run: nothing was written.");
  }
  g_free (list);
  list = run_ok (f, "boss", "talk", "list", NULL);
  assert_not_contains (list, "李四");

  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "talks", path, "--skip-invalid", NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 2 talks; 1 invalid row left out.");
  }
  g_free (list);
  list = run_ok (f, "boss", "talk", "list", NULL);
  assert_contains (list, "李四");
  assert_contains (list, "王五");
  assert_not_contains (list, "张三");
  audit = run_ok (f, "aud", "audit", "list", "--event", "import.talks", NULL);
  assert_contains (audit, "talks.xlsx");
}

static void
test_petitions (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_file (f, "petitions.csv",
                                      "登记号,收件日期,来源,类别,举报人,联系方式,被反映人,被反映人单位,反映问题摘要\n"
                                      "2024-0003,2024-02-01,来信,检举控告,钱八八,13900001111,李四,财政局,违规吃喝\n"
                                      ",2024-02-02,12388,其他,,,陈七,财政局,上班打牌\n"
                                      ",2024-02-03,火星,其他,,,陈七,财政局,上班打牌\n");
  g_autofree char *list = NULL;
  g_autofree char *audit = NULL;

  {
    g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "petitions", path, NULL);

    assert_status (refused, 6);
    assert_contains (refused->out, "Row 4");
    assert_contains (refused->out, "火星");
    /* The reporter is never printed, not even masked. */
    assert_not_contains (refused->out, "钱八八");
    assert_not_contains (refused->out, "13900001111");
    assert_not_contains (refused->err, "钱八八");
  }
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "petitions", path, "--skip-invalid",
                                         NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 2 petitions");
    assert_contains (done->out, "plain text");
    assert_not_contains (done->out, "钱八八");
  }
  list = run_ok (f, "boss", "petition", "list", NULL);
  assert_contains (list, "2024-0003");
  assert_not_contains (list, "钱八八");
  audit = run_ok (f, "aud", "audit", "list", "--event", "import.petitions", NULL);
  assert_contains (audit, "petitions.csv");
  assert_not_contains (audit, "钱八八");
  assert_not_contains (audit, "13900001111");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_file (f, "talks.csv", "谈话日期,谈话类型,谈话对象,单位\n"
                                                      "2024-03-05,谈心谈话,李四,财政局\n");
  g_autofree char *junk = write_file (f, "junk.xlsx", "PK\003\004 this is not a workbook");
  g_autofree char *noheader = write_file (f, "noheader.csv", "a,b\n1,2\n");

  {
    g_autoptr(CliResult) no_file = run_cli (f, "boss", USER_PW "\n", "import", "talks", NULL);

    assert_status (no_file, 2);
  }
  {
    g_autoptr(CliResult) damaged = run_cli (f, "boss", USER_PW "\n", "import", "petitions", junk, NULL);

    assert_status (damaged, 6);
    assert_error_message (damaged, NULL);
  }
  {
    g_autoptr(CliResult) no_header = run_cli (f, "boss", USER_PW "\n", "import", "talks", noheader, NULL);

    assert_status (no_header, 6);
    assert_error_message (no_header, "header");
  }
  add_account (f, "view", "viewer");
  g_free (run_ok (f, "sec", "user", "scope", "view", "all", NULL));
  {
    g_autoptr(CliResult) viewer = run_cli (f, "view", USER_PW "\n", "import", "talks", path, NULL);

    assert_status (viewer, 5);
    assert_error_message (viewer, NULL);
  }
  {
    g_autofree char *list = run_ok (f, "boss", "talk", "list", NULL);

    assert_not_contains (list, "李四");
  }
}

/* Values from the file are printed with control characters escaped. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (f, "hostile.csv", "谈话日期,谈话类型,谈话对象,单位\n"
                                                        "2024-03-05,谈心\033[31m谈话,李\033]0;title\007四,财政局\n");
  g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "talks", path, "--dry-run", NULL);

  assert_status (refused, 6);
  assert_contains (refused->out, "Row 2");
  assert_not_contains (refused->out, "\033");
  assert_not_contains (refused->out, "\007");
  assert_not_contains (refused->err, "\033");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-ledger-import/talks", Fixture, NULL, fixture_setup, test_talks, cli_fixture_teardown);
  g_test_add ("/cli-ledger-import/petitions", Fixture, NULL, fixture_setup, test_petitions, cli_fixture_teardown);
  g_test_add ("/cli-ledger-import/refusals", Fixture, NULL, fixture_setup, test_refusals, cli_fixture_teardown);
  g_test_add ("/cli-ledger-import/hostile-text", Fixture, NULL, fixture_setup, test_hostile_text,
              cli_fixture_teardown);

  return g_test_run ();
}
