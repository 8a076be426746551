/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-measures"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the measure commands and `cadre block`, each test in its own
 * temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *zhang;   /* unit A */
  char      *li;      /* unit B */
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A), look
 * (viewer, every unit); units A and B with a cadre each. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-measures-XXXXXX");
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
                                 "11010519491231002X", "--unit", f->unit_a, NULL));
  f->li = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                              "34052419800101001X", "--unit", f->unit_b, NULL));
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
test_add_list_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *p1 = NULL;
  g_autofree char *remind = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *show = NULL;
  g_autofree char *expected = NULL;

  p1 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
                           "2026-03-01", "--effective", "2026-03-10", "--authority", "县纪委", "--doc-no",
                           "县纪发〔2026〕3号", "--facts", "违规收受礼金", NULL));
  remind = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->li, "--code", "F1_REMIND_TALK",
                               "--decided", "2026-04-01", NULL));

  list = run_ok (&f->cli, "boss", "measure", "list", NULL);
  g_assert_cmpuint (n_lines (list), ==, 2);
  /* Newest decision first. */
  g_assert_true (g_str_has_prefix (list, remind));
  line = line_of (list, p1);
  expected = g_strconcat (p1, "\t2026-M0001\t2026-03-01\t2026-03-10\t张三丰\tP1\tF2\tparty\tin-force\t2027-03-10\t财政局",
                          NULL);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--form", "F1", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_assert_true (g_str_has_prefix (list, remind));
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--unit", f->unit_a, "--from", "2026-01-01", "--to",
                 "2026-03-31", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--code", "P2", NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);

  show = run_ok (&f->cli, "look", "measure", "show", p1, NULL);
  assert_contains (show, "Measure 2026-M0001: ");
  assert_contains (show, "Cadre: 张三丰 (");
  assert_contains (show, "Form: F2 ");
  assert_contains (show, "Effective date: 2026-03-10\n");
  assert_contains (show, "Document number: 县纪发〔2026〕3号\n");
  assert_contains (show, "Effect period ends: 2027-03-10\n");
  assert_contains (show, "History\n");
  assert_contains (show, "boss  measure.create\n");
  g_clear_pointer (&show, g_free);

  g_free (run_ok (&f->cli, "boss", "measure", "set", p1, "--code", "P2", "--doc-no", "县纪发〔2026〕4号", NULL));
  show = run_ok (&f->cli, "boss", "measure", "show", p1, NULL);
  assert_contains (show, "Effect period ends: 2027-09-10\n");
  assert_contains (show, "measure.update\n");
  assert_contains (show, "Document number: 县纪发〔2026〕3号 → 县纪发〔2026〕4号\n");

  /* The investigator of unit A does not see unit B's measure. */
  run_fails (&f->cli, "inv", 6, remind, "measure", "show", remind, NULL);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "inv", "measure", "list", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *p4 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *g1 = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *show = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;

  p4 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "P4A", "--decided",
                           "2026-01-05", "--effective", "2026-01-10", NULL));
  g_free (run_ok (&f->cli, "boss", "measure", "extend", p4, "--months", "6", "--date", "2026-10-20", NULL));
  show = run_ok (&f->cli, "boss", "measure", "show", p4, NULL);
  assert_contains (show, "Probation extended (months): 6\n");
  assert_contains (show, "Effect period ends: 2029-07-10\n");
  assert_contains (show, "Events\n  2026-10-20  ");
  g_clear_pointer (&show, g_free);
  /* Beyond 12 months in all: refused as invalid. */
  run_fails (&f->cli, "boss", 6, "12", "measure", "extend", p4, "--months", "7", "--date", "2026-11-01", NULL);
  /* Missing --date: a usage error. */
  run_fails (&f->cli, "boss", 2, "--date", "measure", "lift", p4, NULL);

  p3 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->li, "--code", "P3", "--decided",
                           "2026-02-01", "--effective", "2026-02-10", NULL));
  changed = g_strstrip (run_ok (&f->cli, "boss", "measure", "appeal", p3, "--result", "changed", "--date",
                                "2026-05-01", "--code", "P2", "--decided", "2026-05-01", "--effective", "2026-05-08",
                                NULL));
  g_assert_cmpuint (strlen (changed), >, 0);
  show = run_ok (&f->cli, "boss", "measure", "show", p3, NULL);
  assert_contains (show, "Status: Changed on appeal (2026-05-01)\n");
  assert_contains (show, "Replaced by: 2026-M0003\n");
  assert_contains (show, " → new decision 2026-M0003");
  g_clear_pointer (&show, g_free);
  show = run_ok (&f->cli, "boss", "measure", "show", changed, NULL);
  assert_contains (show, "Replaces: 2026-M0002\n");
  assert_contains (show, "Effect period ends: 2027-11-08\n");
  g_clear_pointer (&show, g_free);
  /* A new decision only with --result changed. */
  run_fails (&f->cli, "boss", 2, NULL, "measure", "appeal", changed, "--result", "upheld", "--date", "2026-06-01",
             "--code", "P1", NULL);

  g1 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->li, "--code", "G1", "--decided",
                           "2026-02-01", NULL));
  g_free (run_ok (&f->cli, "boss", "measure", "appeal", g1, "--result", "revoked", "--date", "2026-03-01", NULL));
  list = run_ok (&f->cli, "boss", "measure", "list", "--status", "revoked", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  line = line_of (list, g1);
  g_assert_nonnull (line);
  g_clear_pointer (&list, g_free);

  g_free (run_ok (&f->cli, "boss", "measure", "lift", changed, "--date", "2026-09-01", "--note", "提前解除", NULL));
  g_free (run_ok (&f->cli, "boss", "measure", "retire", g1, "--reason", "录入错误", NULL));
  list = run_ok (&f->cli, "boss", "measure", "list", "--cadre", f->li, NULL);
  g_assert_cmpuint (n_lines (list), ==, 2);
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--cadre", f->li, "--all", NULL);
  g_assert_cmpuint (n_lines (list), ==, 3);
}

static void
test_forms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autofree char *g4 = NULL;
  g_autofree char *forms = NULL;
  g_autofree char *list = NULL;

  g4 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "G4", "--decided",
                           "2026-03-01", NULL));
  forms = run_ok (&f->cli, "look", "measure", "forms", NULL);
  assert_contains (forms, "F1_ADMONISH");
  assert_contains (forms, "disputed");
  g_clear_pointer (&forms, g_free);

  /* Only the system administrator changes the table. */
  run_fails (&f->cli, "boss", 5, NULL, "measure", "form", "G4", "F3", "--reason", "本省口径", NULL);
  result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "measure", "form", "G4", "F3", NULL);
  assert_status (result, 2);
  assert_error_message (result, "--reason");
  g_clear_pointer (&result, cli_result_free);
  result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "measure", "form", "G4", "F5", "--reason", "x", NULL);
  assert_status (result, 2);
  g_clear_pointer (&result, cli_result_free);
  result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "measure", "form", "G4", "F3", "--reason", "本省按重处分统计",
                    NULL);
  assert_status (result, 0);
  g_clear_pointer (&result, cli_result_free);
  forms = run_ok (&f->cli, "look", "measure", "forms", NULL);
  assert_contains (forms, "本省按重处分统计");
  g_clear_pointer (&forms, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--form", "F3", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
  g_assert_true (g_str_has_prefix (list, g4));
  g_clear_pointer (&list, g_free);

  result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "measure", "forms", NULL);
  assert_status (result, 0);
  assert_contains (result->out, "本省按重处分统计");
  g_clear_pointer (&result, cli_result_free);
  result = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "measure", "form", "G4", "--reset", NULL);
  assert_status (result, 0);
  list = run_ok (&f->cli, "boss", "measure", "list", "--form", "F3", NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);
  list = run_ok (&f->cli, "boss", "measure", "list", "--form", "F2", NULL);
  g_assert_cmpuint (n_lines (list), ==, 1);
}

static void
test_block (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *p1 = NULL;
  g_autofree char *out = NULL;

  out = run_ok (&f->cli, "boss", "cadre", "block", f->zhang, "--as-of", "2026-07-01", NULL);
  g_assert_cmpstr (out, ==, "not blocked\n");
  g_clear_pointer (&out, g_free);

  p1 = g_strstrip (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
                           "2026-03-01", "--effective", "2026-03-10", NULL));
  g_free (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "F1_ADMONISH", "--decided",
                  "2026-06-01", NULL));
  out = run_ok (&f->cli, "look", "cadre", "block", f->zhang, "--as-of", "2026-07-01", NULL);
  assert_contains (out, "blocked until 2027-03-10 because:\n");
  assert_contains (out, "2026-M0001");
  assert_contains (out, "2026-M0002");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "cadre", "block", f->zhang, "--as-of", "2027-03-10", NULL);
  g_assert_cmpstr (out, ==, "not blocked\n");
  g_clear_pointer (&out, g_free);

  /* Regression: 停职检查 blocks until lifted, not "permanently"; 开除 does. */
  g_free (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->li, "--code", "O_SUSPEND", "--decided",
                  "2026-05-01", NULL));
  out = run_ok (&f->cli, "boss", "cadre", "block", f->li, "--as-of", "2026-07-01", NULL);
  assert_contains (out, "blocked until lifted because:\n");
  assert_not_contains (out, "permanently");
  g_clear_pointer (&out, g_free);
  g_free (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->li, "--code", "G6", "--decided",
                  "2026-06-01", NULL));
  out = run_ok (&f->cli, "boss", "cadre", "block", f->li, "--as-of", "2026-07-01", NULL);
  assert_contains (out, "blocked permanently because:\n");

  /* Out of scope: not found. */
  run_fails (&f->cli, "inv", 6, NULL, "cadre", "block", f->li, NULL);
  run_fails (&f->cli, "boss", 2, NULL, "cadre", "block", f->zhang, "--as-of", "2027-02-30", NULL);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *list = NULL;

  run_fails (&f->cli, "boss", 6, "P9", "measure", "add", "--cadre", f->zhang, "--code", "P9", "--decided",
             "2026-03-01", NULL);
  run_fails (&f->cli, "boss", 6, "before the decision", "measure", "add", "--cadre", f->zhang, "--code", "P1",
             "--decided", "2026-03-01", "--effective", "2026-02-01", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
             "2026-03-01", "--extension", "6", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
             "2026-03-01", "--source", "clue:42", NULL);
  run_fails (&f->cli, "boss", 2, "--cadre", "measure", "add", "--code", "P1", "--decided", "2026-03-01", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
             "2026-03-01", "--source", "clue", NULL);
  /* The viewer never writes; the unit-A investigator cannot reach unit B. */
  run_fails (&f->cli, "look", 5, NULL, "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided",
             "2026-03-01", NULL);
  run_fails (&f->cli, "inv", 6, NULL, "measure", "add", "--cadre", f->li, "--code", "P1", "--decided",
             "2026-03-01", NULL);
  list = run_ok (&f->cli, "boss", "measure", "list", NULL);
  g_assert_cmpstr (list, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli/measures/add-list-show", test_add_list_show);
  ADD ("/cli/measures/events", test_events);
  ADD ("/cli/measures/forms", test_forms);
  ADD ("/cli/measures/block", test_block);
  ADD ("/cli/measures/refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
