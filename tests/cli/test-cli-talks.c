/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-talks"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the talk commands, each test in its own temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *zhang;   /* unit A, top leader */
  char      *li;      /* unit B, promoted 2025-06-15 */
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A), look
 * (viewer, every unit); units A and B with a cadre each. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-talks-XXXXXX");
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  add_account (&f->cli, "look", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "look", "all", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_a, NULL));
  f->zhang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                 "11010519491231002X", "--unit", f->unit_a, "--set", "principal=yes", NULL));
  f->li = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                              "34052419800101001X", "--unit", f->unit_b, "--set", "promoted_at=2025-06-15", NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->unit_a);
  g_free (f->unit_b);
  g_free (f->zhang);
  g_free (f->li);
}

/* The line of tab-separated output whose first cell is id, or NULL. */
static char *
line_of (const char *out,
         const char *id)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (id, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  return NULL;
}

static guint
n_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  return n;
}

static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;

  result = run_cli (&f->cli, NULL, NULL, "talk", "types", NULL);
  assert_status (result, 0);
  assert_contains (result->out, "T_INQUIRY\tTalk or letter inquiry\ttwo talkers\t1\n");
  assert_contains (result->out, "T_HEART\tHeart-to-heart talk\tone talker\t0\n");
  assert_contains (result->out, "T_PREAPPOINT\t");
  g_assert_cmpuint (n_lines (result->out), ==, 11);
}

static void
test_add_list_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autofree char *inquiry = NULL;
  g_autofree char *heart = NULL;
  g_autofree char *group = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *show = NULL;
  g_autofree char *expected = NULL;

  /* One talker for a discipline-organ talk: registered, with a warning. */
  result = run_as (&f->cli, 0, "boss", "talk", "add", "--type", "T_INQUIRY", "--date", "2026-03-05", "--time",
                   "14:30", "--cadre", f->zhang, "--talker", "王五", "--place", "谈话室", "--reason", "反映收受礼金",
                   "--written", "explanation", "--written-due", "2026-03-20", NULL);
  inquiry = g_strstrip (g_strdup (result->out));
  g_assert_cmpuint (strlen (inquiry), >, 0);
  assert_contains (result->err, "warning");
  assert_contains (result->err, "two talkers");
  g_clear_pointer (&result, cli_result_free);

  /* A heart-to-heart talk with one talker: no warning. */
  result = run_as (&f->cli, 0, "boss", "talk", "add", "--type", "T_HEART", "--date", "2026-01-10", "--cadre", f->li,
                   "--talker", "王五", NULL);
  heart = g_strstrip (g_strdup (result->out));
  g_assert_cmpstr (result->err, ==, "");
  g_clear_pointer (&result, cli_result_free);

  /* A collective pre-appointment talk. */
  group = g_strstrip (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_PREAPPOINT", "--date", "2026-02-01",
                              "--cadre", f->li, "--cadre", f->zhang, "--talker", "纪委书记", NULL));

  list = run_ok (&f->cli, "boss", "talk", "list", NULL);
  g_assert_cmpuint (n_lines (list), ==, 3);
  /* Newest first. */
  g_assert_true (g_str_has_prefix (list, inquiry));
  line = line_of (list, inquiry);
  expected = g_strconcat (inquiry, "\t2026-T0001\t2026-03-05\t14:30\tT_INQUIRY\t财政局\t张三丰\t王五\t0\tactive", NULL);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  line = line_of (list, group);
  assert_contains (line, "\t2026-T0003\t2026-02-01\t\tT_PREAPPOINT\t教育局\t李四、张三丰\t纪委书记\t0\tactive");
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&list, g_free);

  list = run_ok (&f->cli, "boss", "talk", "list", "--cadre", f->zhang, NULL);
  g_assert_cmpuint (n_lines (list), ==, 2);
  g_assert_null (line_of (list, heart));
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "talk", "list", "--type", "T_HEART", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_assert_nonnull ((line = line_of (list, heart)));
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "talk", "list", "--unit", f->unit_a, "--year", "2026", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "talk", "list", "--year", "2025", NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "talk", "list", "--text", "礼金", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_clear_pointer (&list, g_free);

  show = run_ok (&f->cli, "look", "talk", "show", inquiry, NULL);
  assert_contains (show, "Talk 2026-T0001: Talk or letter inquiry");
  assert_contains (show, "Date: 2026-03-05 14:30\n");
  assert_contains (show, "Persons talked to: 张三丰 (");
  assert_contains (show, "Talkers: 王五\n");
  assert_contains (show, "Place: 谈话室\n");
  assert_contains (show, "Written explanation required: Written explanation\n");
  assert_contains (show, "Written explanation due: 2026-03-20\n");
  assert_contains (show, "History\n");
  assert_contains (show, "boss  talk.created\n");

  /* The investigator of unit A does not see the talk of unit B. */
  run_fails (&f->cli, "inv", 6, heart, "talk", "show", heart, NULL);
  list = run_ok (&f->cli, "inv", "talk", "list", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_assert_nonnull ((line = line_of (list, inquiry)));
}

static void
test_set_retire (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *show = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autoptr(CliResult) result = NULL;

  id = g_strstrip (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_ADMONISH", "--date", "2026-04-01", "--cadre",
                           f->zhang, "--talker", "王五", "--talker", "赵六", "--written", "self-examination",
                           "--written-due", "2026-04-15", NULL));
  g_free (run_ok (&f->cli, "boss", "talk", "set", id, "--written-received", "2026-04-12", "--attitude", "认识深刻",
                  NULL));
  show = run_ok (&f->cli, "boss", "talk", "show", id, NULL);
  assert_contains (show, "Written explanation received: 2026-04-12\n");
  assert_contains (show, "Attitude: 认识深刻\n");
  assert_contains (show, "talk.updated\n");
  assert_contains (show, "Written explanation received:  → 2026-04-12\n");
  g_clear_pointer (&show, g_free);

  /* Removing a talker of a discipline-organ talk warns but succeeds. */
  result = run_as (&f->cli, 0, "boss", "talk", "set", id, "--talker", "王五", NULL);
  assert_contains (result->err, "two talkers");
  g_clear_pointer (&result, cli_result_free);

  /* Refusals. */
  run_fails (&f->cli, "boss", 2, NULL, "talk", "set", id, NULL);
  run_fails (&f->cli, "boss", 6, "before the talk date", "talk", "set", id, "--followup", "2026-03-01", NULL);
  run_fails (&f->cli, "boss", 2, "--reason", "talk", "retire", id, NULL);
  run_fails (&f->cli, "look", 5, NULL, "talk", "retire", id, "--reason", "No", NULL);

  g_free (run_ok (&f->cli, "boss", "talk", "retire", id, "--reason", "Entered twice", NULL));
  list = run_ok (&f->cli, "boss", "talk", "list", NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "talk", "list", "--all", NULL);
  line = line_of (list, id);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, "\tretired"));
  run_fails (&f->cli, "boss", 6, "retired", "talk", "set", id, "--place", "别处", NULL);
  show = run_ok (&f->cli, "boss", "talk", "show", id, NULL);
  assert_contains (show, "Retired on ");
  assert_contains (show, "talk.retired\n");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *list = NULL;

  run_fails (&f->cli, "boss", 2, "--type", "talk", "add", "--date", "2026-01-01", "--cadre", f->zhang, NULL);
  run_fails (&f->cli, "boss", 2, "--date", "talk", "add", "--type", "T_HEART", "--cadre", f->zhang, NULL);
  run_fails (&f->cli, "boss", 2, "--cadre", "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre", "x",
             NULL);
  run_fails (&f->cli, "boss", 2, "self-criticism", "talk", "add", "--type", "T_HEART", "--date", "2026-01-01",
             "--cadre", f->zhang, "--written", "self-criticism", NULL);
  run_fails (&f->cli, "boss", 6, "T_CHAT", "talk", "add", "--type", "T_CHAT", "--date", "2026-01-01", "--cadre",
             f->zhang, NULL);
  run_fails (&f->cli, "boss", 6, "date", "talk", "add", "--type", "T_HEART", "--date", "2026-02-30", "--cadre",
             f->zhang, NULL);
  run_fails (&f->cli, "boss", 6, "999", "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre", "999",
             NULL);
  run_fails (&f->cli, "inv", 6, NULL, "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre", f->li,
             NULL);
  run_fails (&f->cli, "look", 5, NULL, "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre",
             f->zhang, NULL);
  run_fails (&f->cli, "boss", 6, NULL, "talk", "show", "12345", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "talk", "list", "--year", "26", NULL);
  list = run_ok (&f->cli, "boss", "talk", "list", "--all", NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);

  /* The first talk that succeeds gets the first number of its year. */
  g_free (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre", f->zhang,
                  NULL));
  list = run_ok (&f->cli, "boss", "talk", "list", NULL);
  assert_contains (list, "\t2026-T0001\t");
}

static void
test_coverage (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_free (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_SUPERVISE_TOP", "--date", "2025-05-01", "--cadre",
                  f->zhang, NULL));
  g_free (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_PREAPPOINT", "--date", "2024-12-01", "--cadre",
                  f->li, NULL));

  out = run_ok (&f->cli, "boss", "talk", "coverage", "--year", "2025", "--as-of", "2026-06-01", NULL);
  assert_contains (out, "Talk coverage in 2025\n");
  lines = g_strsplit (out, "\n", -1);
  /* Heading, column titles, A, B, total. */
  g_assert_cmpuint (g_strv_length (lines), >=, 5);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "财政局") != NULL)
        {
          assert_contains (lines[i], "1/1 (100%)");
          assert_contains (lines[i], "–");
        }
      else if (strstr (lines[i], "教育局") != NULL)
        /* Promoted 2025-06-15, talked 2024-12-01: too early to count. */
        assert_contains (lines[i], "0/1 (0%)");
      else if (strstr (lines[i], "Total") != NULL)
        {
          assert_contains (lines[i], "1/1 (100%)");
          assert_contains (lines[i], "0/1 (0%)");
        }
    }
  assert_contains (out, "财政局");
  assert_contains (out, "教育局");
  assert_contains (out, "Total");
  run_fails (&f->cli, "boss", 2, NULL, "talk", "coverage", "--as-of", "June", NULL);
}

static void
test_attach (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *attachment = NULL;
  g_autofree char *path = g_build_filename (f->cli.dir, "record.pdf", NULL);
  g_autofree char *show = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 signed", -1, NULL));
  id = g_strstrip (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_HEART", "--date", "2026-01-01", "--cadre",
                           f->zhang, NULL));
  attachment = g_strstrip (run_ok (&f->cli, "boss", "talk", "attach", id, path, NULL));
  g_assert_cmpuint (strlen (attachment), >, 0);
  show = run_ok (&f->cli, "boss", "talk", "show", id, NULL);
  assert_contains (show, "Attachments\n");
  assert_contains (show, "record.pdf");
  assert_contains (show, "attachment.added\n");
  list = run_ok (&f->cli, "boss", "talk", "list", NULL);
  line = line_of (list, id);
  assert_contains (line, "\t1\tactive");
  run_fails (&f->cli, "boss", 6, NULL, "talk", "attach", "999", path, NULL);
  run_fails (&f->cli, "look", 5, NULL, "talk", "attach", id, path, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-talks/types", Fixture, NULL, fixture_setup, test_types, fixture_teardown);
  g_test_add ("/cli-talks/add-list-show", Fixture, NULL, fixture_setup, test_add_list_show, fixture_teardown);
  g_test_add ("/cli-talks/set-retire", Fixture, NULL, fixture_setup, test_set_retire, fixture_teardown);
  g_test_add ("/cli-talks/refusals", Fixture, NULL, fixture_setup, test_refusals, fixture_teardown);
  g_test_add ("/cli-talks/coverage", Fixture, NULL, fixture_setup, test_coverage, fixture_teardown);
  g_test_add ("/cli-talks/attach", Fixture, NULL, fixture_setup, test_attach, fixture_teardown);
  return g_test_run ();
}
