/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-entries"

#include "config.h"

#include <gio/gio.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the file-section and attachment commands, each test in its own
 * temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *cadre;
} Fixture;

/* A vault with sec, boss (investigator, every unit) and a cadre. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unit = NULL;

  cli_fixture_init (&f->cli, "liandang-cli-entries-XXXXXX");
  init_vault (&f->cli);
  add_account (&f->cli, "sec", "secadmin");
  add_account (&f->cli, "boss", "investigator");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  unit = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->cadre = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                 "11010519491231002X", "--unit", unit, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->cadre);
}

/* The line of tab-separated output whose first cell is id. */
static char *
line_of (const char *out,
         const char *id)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (id, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  g_error ("no line for %s in:\n%s", id, out);
  return NULL;
}

static void
test_entries (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *family = NULL;
  g_autofree char *report = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  family = g_strstrip (run_ok (&f->cli, "boss", "entry", "add", f->cadre, "B", "relation=spouse", "name=王芳",
                               "work_unit=县医院", "abroad=no", NULL));
  report = g_strstrip (run_ok (&f->cli, "boss", "entry", "add", f->cadre, "C", "--kind", "annual", "--date", "2023",
                               "PM1=已婚", "PA3=住房一套", "verification=omitted", NULL));
  g_assert_cmpstr (family, !=, report);

  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, NULL);
  line = line_of (list, family);
  expected = g_strconcat (family, "\tB\t\t\t\tSpouse · 王芳 · 县医院\t0\tactive", NULL);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  line = line_of (list, report);
  assert_contains (line, "\tC\tannual\t2023\tomitted\tAnnual report · Omission\t0\tactive");
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&list, g_free);

  /* Change one field; the others stay. */
  g_free (run_ok (&f->cli, "boss", "entry", "set", report, "verification=concealed", "findings=未报告车库", NULL));
  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, "--section", "C", NULL);
  line = line_of (list, report);
  assert_contains (line, "\tC\tannual\t2023\tconcealed\t");
  assert_not_contains (list, "Spouse");
  g_clear_pointer (&list, g_free);

  /* Refusals: unknown key and bad values exit 6, bad usage 2, and
   * nothing is written. */
  run_fails (&f->cli, "boss", 6, "colour", "entry", "add", f->cadre, "B", "relation=spouse", "name=某", "colour=blue",
             NULL);
  run_fails (&f->cli, "boss", 6, "cousin", "entry", "add", f->cadre, "B", "relation=cousin", "name=某", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "entry", "add", f->cadre, "C", "--date", "2023", "PM1=x", NULL);
  run_fails (&f->cli, "boss", 6, "2023-13", "entry", "add", f->cadre, "C", "--kind", "annual", "--date", "2023-13", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "entry", "add", f->cadre, "Q", "x=y", NULL);
  run_fails (&f->cli, "boss", 6, "hidden", "entry", "set", report, "verification=hidden", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "entry", "add", "999", "B", "relation=son", "name=某", NULL);
  run_fails (&f->cli, "boss", 2, "KEY=VALUE", "entry", "add", f->cadre, "B", "relation", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "entry", "add", "x", "B", "relation=son", NULL);
  run_fails (&f->cli, "boss", 2, "--reason", "entry", "retire", family, NULL);
  run_fails (&f->cli, "boss", 2, NULL, "entry", "set", report, NULL);
  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, NULL);
  lines = g_strsplit (list, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_clear_pointer (&list, g_free);

  /* Retire. */
  g_free (run_ok (&f->cli, "boss", "entry", "retire", family, "--reason", "Entered twice", NULL));
  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, NULL);
  assert_not_contains (list, "Spouse");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, "--all", NULL);
  g_clear_pointer (&line, g_free);
  line = line_of (list, family);
  assert_contains (line, "\tretired");
  run_fails (&f->cli, "boss", 6, NULL, "entry", "set", family, "name=别人", NULL);

  /* The help lists sections, kinds and keys. */
  {
    g_autoptr(CliResult) result = run_cli (&f->cli, NULL, NULL, "entry", "add", "--help", NULL);

    assert_status (result, 0);
    assert_contains (result->out, "verification");
    assert_contains (result->out, "concealed");
    assert_contains (result->out, "PA6");
    assert_contains (result->out, "gift-handed-in");
  }
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *entry = NULL;
  g_autofree char *file = g_build_filename (f->cli.dir, "申报表.pdf", NULL);
  g_autofree char *copy = g_build_filename (f->cli.dir, "copy.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->cli.dir, "missing.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *n = NULL;
  static const char pdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

  g_assert_true (g_file_set_contents (file, pdf, -1, NULL));
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf, -1);
  entry = g_strstrip (run_ok (&f->cli, "boss", "entry", "add", f->cadre, "Z", "--date", "2024-05-01", "title=签字表",
                              NULL));

  id = g_strstrip (run_ok (&f->cli, "boss", "attachment", "add", "entry", entry, file, NULL));
  list = run_ok (&f->cli, "boss", "attachment", "list", "entry", entry, NULL);
  line = line_of (list, id);
  assert_contains (line, "\t申报表.pdf\tapplication/pdf\t");
  assert_contains (line, sum);
  assert_contains (line, "\tboss\tactive");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "entry", "list", f->cadre, NULL);
  assert_contains (list, "\t签字表\t1\tactive");
  g_clear_pointer (&list, g_free);

  /* Saving outside the vault is an export: denied until granted. */
  run_fails (&f->cli, "boss", 5, NULL, "attachment", "save", id, "--out", copy, NULL);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_free (run_ok (&f->cli, "sec", "user", "grant", "boss", "export", NULL));
  g_free (run_ok (&f->cli, "boss", "attachment", "save", id, "--out", copy, NULL));
  g_assert_true (g_file_get_contents (copy, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, pdf);

  /* Refusals. */
  run_fails (&f->cli, "boss", 6, "missing.pdf", "attachment", "add", "cadre", f->cadre, missing, NULL);
  run_fails (&f->cli, "boss", 2, NULL, "attachment", "add", "unit", "1", file, NULL);
  run_fails (&f->cli, "boss", 6, NULL, "attachment", "add", "entry", "999", file, NULL);
  run_fails (&f->cli, "boss", 2, "--out", "attachment", "save", id, NULL);
  run_fails (&f->cli, "boss", 2, "--reason", "attachment", "retire", id, NULL);

  /* Retire. */
  g_free (run_ok (&f->cli, "boss", "attachment", "retire", id, "--reason", "Wrong scan", NULL));
  list = run_ok (&f->cli, "boss", "attachment", "list", "entry", entry, NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "attachment", "list", "entry", entry, "--all", NULL);
  assert_contains (list, "\tretired");
  run_fails (&f->cli, "boss", 6, NULL, "attachment", "retire", id, "--reason", "Again", NULL);

  /* File-level attachments. */
  n = g_strstrip (run_ok (&f->cli, "boss", "attachment", "add", "cadre", f->cadre, file, NULL));
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "attachment", "list", "cadre", f->cadre, NULL);
  g_clear_pointer (&line, g_free);
  line = line_of (list, n);
  assert_contains (line, "申报表.pdf");
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

  g_test_add ("/cli-entries/entries", Fixture, NULL, fixture_setup, test_entries, fixture_teardown);
  g_test_add ("/cli-entries/attachments", Fixture, NULL, fixture_setup, test_attachments, fixture_teardown);

  status = g_test_run ();
  remove_tree (runtime);
  return status;
}
