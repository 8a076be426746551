/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-petitions"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the petition commands, each test in its own temporary vault. */

#define R_NAME    "欧阳锋芒"
#define R_UNIT    "白驼山庄贸易公司"
#define R_CONTACT "13800138000"

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *cadre;
} Fixture;

/* sec, aud, boss (investigator, every unit, reporter-identity grant),
 * plain (investigator, every unit), inv (investigator, unit B), viewer
 * (every unit); units A and B, a cadre in A. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-petitions-XXXXXX");
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "plain", "investigator");
  add_account (&f->cli, "inv", "investigator");
  add_account (&f->cli, "viewer", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "plain", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "viewer", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "grant", "boss", "reporter-identity", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "交通局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_b, NULL));
  f->cadre = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三", "--id-number",
                                 "11010519491231002X", "--unit", f->unit_a, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->unit_a);
  g_free (f->unit_b);
  g_free (f->cadre);
}

static void
assert_masked (const char *text)
{
  assert_not_contains (text, "阳锋");
  assert_not_contains (text, R_UNIT);
  assert_not_contains (text, R_CONTACT);
}

/* Adds the protected real-name letter; *id and *reg_no get its numbers. */
static char *
add_protected (Fixture  *f,
               char    **reg_no)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;
  g_autofree char *text = g_build_filename (f->cli.dir, "full.txt", NULL);

  g_assert_true (g_file_set_contents (text, "举报张三在道路工程招标中收受承包商好处费五万元。\n请予查处。", -1, NULL));
  out = run_ok (&f->cli, "boss", "petition", "add", "--kind", "检举控告", "--channel", "CH_LETTER", "--received",
                "2026-03-02", "--real-name", "--reporter-name", R_NAME, "--reporter-unit", R_UNIT,
                "--reporter-contact", R_CONTACT, "--cadre", f->cadre, "--category", "INT,HS1", "--summary",
                "反映张三在工程招标中收受好处费", "--text-file", text, NULL);
  lines = g_strsplit (out, "\n", -1);
  cells = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 2);
  if (reg_no != NULL)
    *reg_no = g_strdup (cells[1]);
  return g_strdup (cells[0]);
}

static void
test_add_list_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *reg_no = NULL;
  g_autofree char *id = add_protected (f, &reg_no);
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpstr (reg_no, ==, "2026-0001");
  list = run_ok (&f->cli, "boss", "petition", "list", NULL);
  assert_contains (list, "\t2026-0001\t2026-03-02\t");
  assert_contains (list, "\t欧**\t张三（财政局）\t");
  assert_masked (list);

  /* By number or by registration number. */
  show = run_ok (&f->cli, "boss", "petition", "show", "2026-0001", NULL);
  assert_contains (show, "Petition 2026-0001");
  assert_contains (show, "欧**");
  assert_contains (show, "***");
  assert_contains (show, "请予查处");
  assert_contains (show, "History");
  assert_contains (show, "Reporter changed");
  assert_masked (show);

  /* Without --unit and without a cadre: usage error. */
  run_fails (&f->cli, "boss", 2, "--unit", "petition", "add", "--kind", "other", "--channel", "CH_VISIT",
             "--received", "2026-03-03", "--summary", "来访", NULL);
  run_fails (&f->cli, "boss", 2, "--summary", "petition", "add", "--kind", "other", "--channel", "CH_VISIT",
             "--received", "2026-03-03", "--unit", f->unit_a, NULL);
  run_fails (&f->cli, "boss", 6, "kind", "petition", "add", "--kind", "rumour", "--channel", "CH_VISIT",
             "--received", "2026-03-03", "--unit", f->unit_a, "--summary", "来访", NULL);
  run_fails (&f->cli, "boss", 6, "reporter", "petition", "add", "--kind", "other", "--channel", "CH_VISIT",
             "--received", "2026-03-03", "--unit", f->unit_a, "--summary", "来访", "--real-name", NULL);
  second = run_ok (&f->cli, "boss", "petition", "add", "--kind", "other", "--channel", "来访", "--received",
                   "2025-12-03", "--unit", f->unit_b, "--person", "王五，某公司，经理", "--summary", "来访", NULL);
  assert_contains (second, "\t2025-0001");
  g_free (list);
  list = run_ok (&f->cli, "boss", "petition", "list", "--year", "2025", NULL);
  assert_contains (list, "\tAnonymous\t王五（某公司 经理）\t");
  assert_not_contains (list, "2026-0001");

  codes = run_ok (&f->cli, "boss", "petition", "codes", NULL);
  assert_contains (codes, "accusation");
  assert_contains (codes, "CH_PHONE");
  assert_contains (codes, "HS1");
  assert_contains (codes, "not-accepted");
}

static void
test_reporter_protection (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = add_protected (f, NULL);
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_autofree char *reveal = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *found = NULL;

  /* An investigator without the grant sees masked fields only. */
  list = run_ok (&f->cli, "plain", "petition", "list", NULL);
  assert_contains (list, "欧**");
  assert_masked (list);
  show = run_ok (&f->cli, "plain", "petition", "show", id, NULL);
  assert_masked (show);
  /* Text filters do not look at the reporter. */
  found = run_ok (&f->cli, "plain", "petition", "list", "--text", "锋芒", NULL);
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = run_ok (&f->cli, "plain", "petition", "list", "--text", R_CONTACT, NULL);
  g_assert_cmpstr (found, ==, "");
  g_free (found);
  found = run_ok (&f->cli, "plain", "petition", "list", "--text", "好处费", NULL);
  assert_contains (found, "2026-0001");

  /* Reveal: refused without the grant (exit 5) and without a reason. */
  run_fails (&f->cli, "plain", 5, NULL, "petition", "reveal", id, "--reason", "核实", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "petition", "reveal", id, "--reason", "核实", NULL);
  run_fails (&f->cli, "boss", 2, "--reason", "petition", "reveal", id, NULL);
  run_fails (&f->cli, "boss", 6, NULL, "petition", "reveal", id, "--reason", " ", NULL);
  reveal = run_ok (&f->cli, "boss", "petition", "reveal", id, "--reason", "电话核实举报内容", NULL);
  assert_contains (reveal, R_NAME);
  assert_contains (reveal, R_UNIT);
  assert_contains (reveal, R_CONTACT);

  /* The audit trail has the reason, never the identity. */
  audit = run_ok (&f->cli, "aud", "audit", "list", NULL);
  assert_contains (audit, "电话核实举报内容");
  assert_masked (audit);

  /* A correction by an investigator without the grant, then still masked. */
  g_free (run_ok (&f->cli, "plain", "petition", "reporter", id, "--name", "欧阳锋", "--contact", "13900139000", NULL));
  g_free (show);
  show = run_ok (&f->cli, "plain", "petition", "show", id, NULL);
  assert_contains (show, "欧**");
  assert_not_contains (show, "13900139000");
  g_free (audit);
  audit = run_ok (&f->cli, "aud", "audit", "list", NULL);
  assert_not_contains (audit, "13900139000");
  assert_masked (audit);
}

static void
test_moves_and_repeats (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = add_protected (f, NULL);
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_auto(GStrv) cells = NULL;

  /* A second report of the same cadre with similar text: offered. */
  out = run_ok (&f->cli, "boss", "petition", "add", "--kind", "accusation", "--channel", "CH_PHONE", "--received",
                "2026-03-09", "--cadre", f->cadre, "--summary", "再次反映张三在工程招标中收受好处费", NULL);
  assert_contains (out, "\t2026-0002\n");
  assert_contains (out, "Possible repeat of 2026-0001");
  cells = g_strsplit (out, "\t", 2);
  g_free (run_ok (&f->cli, "boss", "petition", "candidates", cells[0], NULL));
  g_free (out);
  out = run_ok (&f->cli, "boss", "petition", "repeat", cells[0], "--of", "2026-0001", NULL);
  assert_contains (out, "2026-0002 is filed as a repeat of 2026-0001");
  list = run_ok (&f->cli, "boss", "petition", "list", "--repeats", NULL);
  assert_contains (list, "\t2026-0002\t");
  assert_contains (list, "\t2026-0001\t再次反映");
  assert_not_contains (list, "\t2026-0001\t2026-03-02");
  g_free (list);
  list = run_ok (&f->cli, "boss", "petition", "list", "--no-repeats", NULL);
  assert_not_contains (list, "2026-0002");

  /* Illegal moves are refused with the state machine's message. */
  run_fails (&f->cli, "boss", 6, "Closed", "petition", "move", first, "closed", "--date", "2026-03-20", "--result",
             "founded", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "petition", "move", first, "finished", NULL);
  g_free (run_ok (&f->cli, "boss", "petition", "move", first, "accepted", "--date", "2026-03-05", NULL));
  run_fails (&f->cli, "boss", 6, NULL, "petition", "move", first, "closed", "--date", "2026-04-01", NULL);
  g_free (run_ok (&f->cli, "boss", "petition", "move", first, "closed", "--date", "2026-04-01", "--result", "partly",
                  NULL));
  g_free (run_ok (&f->cli, "boss", "petition", "feedback", first, "--date", "2026-04-08", "--mode", "当面告知",
                  "--objection", "要求复查", NULL));
  show = run_ok (&f->cli, "boss", "petition", "show", first, NULL);
  assert_contains (show, "2026-03-05");
  assert_contains (show, "2026-04-01");
  assert_contains (show, "当面告知");
  assert_contains (show, "要求复查");
  assert_contains (show, "Repeats: 1");

  /* Retire. */
  run_fails (&f->cli, "boss", 2, "--reason", "petition", "retire", first, NULL);
  g_free (run_ok (&f->cli, "boss", "petition", "retire", first, "--reason", "登记重复", NULL));
  g_free (list);
  list = run_ok (&f->cli, "boss", "petition", "list", NULL);
  assert_not_contains (list, "\t2026-0001\t2026-03-02");
  g_free (list);
  list = run_ok (&f->cli, "boss", "petition", "list", "--all", NULL);
  assert_contains (list, "\tretired");
}

static void
test_scope_and_roles (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = add_protected (f, NULL);
  g_autofree char *list = NULL;

  /* An investigator of another unit: not found. */
  run_fails (&f->cli, "inv", 6, "no petition", "petition", "show", id, NULL);
  run_fails (&f->cli, "inv", 6, NULL, "petition", "move", id, "accepted", NULL);
  list = run_ok (&f->cli, "inv", "petition", "list", NULL);
  g_assert_cmpstr (list, ==, "");

  /* A viewer reads but cannot write. */
  g_free (list);
  list = run_ok (&f->cli, "viewer", "petition", "list", NULL);
  assert_contains (list, "2026-0001");
  assert_masked (list);
  run_fails (&f->cli, "viewer", 5, NULL, "petition", "add", "--kind", "other", "--channel", "CH_VISIT",
             "--received", "2026-03-03", "--unit", f->unit_a, "--summary", "来访", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "petition", "move", id, "accepted", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "petition", "retire", id, "--reason", "x", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-petitions/add-list-show", Fixture, NULL, fixture_setup, test_add_list_show, fixture_teardown);
  g_test_add ("/cli-petitions/reporter-protection", Fixture, NULL, fixture_setup, test_reporter_protection,
              fixture_teardown);
  g_test_add ("/cli-petitions/moves-repeats", Fixture, NULL, fixture_setup, test_moves_and_repeats,
              fixture_teardown);
  g_test_add ("/cli-petitions/scope-roles", Fixture, NULL, fixture_setup, test_scope_and_roles, fixture_teardown);

  return g_test_run ();
}
