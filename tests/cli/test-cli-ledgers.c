/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-ledgers"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the ledger and recommendation commands, each test in its own
 * temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A), lead
 * (leader, every unit), viewer (every unit); units A and B. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-ledgers-XXXXXX");
  init_vault (&f->cli);
  add_account (&f->cli, "sec", "secadmin");
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  add_account (&f->cli, "lead", "leader");
  add_account (&f->cli, "viewer", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "lead", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "viewer", "all", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_a, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->unit_a);
  g_free (f->unit_b);
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

/* The cell (0-based) of a tab-separated line. */
static char *
cell (const char *line,
      guint       column)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);

  g_assert_cmpuint (g_strv_length (cells), >, column);
  return g_strdup (cells[column]);
}

static void
test_ledger_path (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *item = NULL;
  g_autofree char *other = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *status = NULL;
  g_autofree char *path = g_build_filename (f->cli.dir, "报告.pdf", NULL);

  item = g_strstrip (run_ok (&f->cli, "boss", "ledger", "add", "--unit", f->unit_a, "--source", "巡察",
                             "--problem", "三公经费超支", "--measures", "压减开支", "--leader", "张书记",
                             "--person", "李科长", "--deadline", "2026-03-31", "--source-ref", "第一轮巡察", NULL));
  other = g_strstrip (run_ok (&f->cli, "boss", "ledger", "add", "--unit", f->unit_b, "--source", "audit",
                              "--problem", "制度建设长期坚持", NULL));

  /* Overdue the day after the deadline, not on it. */
  out = run_ok (&f->cli, "boss", "ledger", "list", "--status", "overdue", "--as-of", "2026-03-31", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "ledger", "list", "--status", "overdue", "--as-of", "2026-04-01", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  line = line_of (out, item);
  g_assert_nonnull (line);
  status = cell (line, 5);
  g_assert_cmpstr (status, ==, "overdue");
  assert_contains (line, "\t财政局\tinspection\t2026-03-31\toverdue\t张书记\t李科长\t三公经费超支\t\tactive");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&line, g_free);

  /* Progress starts the work. */
  out = run_ok (&f->cli, "boss", "ledger", "progress", item, "--date", "2026-03-10", "--note", "已召开专题会", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "ledger", "list", "--as-of", "2026-03-20", "--status", "in-progress", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);

  /* Ongoing is never overdue. */
  g_free (run_ok (&f->cli, "boss", "ledger", "set", other, "--deadline", "2026-01-31", NULL));
  g_free (run_ok (&f->cli, "boss", "ledger", "status", other, "ongoing", NULL));
  out = run_ok (&f->cli, "boss", "ledger", "list", "--status", "overdue", "--as-of", "2027-01-01", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "boss", 2, "overdue", "ledger", "status", item, "overdue", NULL);
  run_fails (&f->cli, "boss", 2, "sideways", "ledger", "status", item, "sideways", NULL);

  /* Evidence shows on the item. */
  g_assert_true (g_file_set_contents (path, "%PDF-1.4 report", -1, NULL));
  out = run_ok (&f->cli, "boss", "ledger", "attach", item, path, NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "inv", 6, NULL, "ledger", "attach", other, path, NULL);

  /* Sign-off: refused before done, for the investigator, before acceptance. */
  run_fails (&f->cli, "lead", 6, NULL, "ledger", "signoff", item, "--date", "2026-04-10", NULL);
  g_free (run_ok (&f->cli, "boss", "ledger", "complete", item, "--date", "2026-04-05", "--completion", "已退还超支款",
                  NULL));
  run_fails (&f->cli, "boss", 5, NULL, "ledger", "signoff", item, "--date", "2026-04-10", NULL);
  run_fails (&f->cli, "lead", 6, NULL, "ledger", "signoff", item, "--date", "2026-04-10", NULL);
  run_fails (&f->cli, "boss", 2, "--by", "ledger", "accept", item, NULL);
  g_free (run_ok (&f->cli, "boss", "ledger", "accept", item, "--by", "王验收", "--opinion", "整改到位", NULL));
  run_fails (&f->cli, "boss", 2, "--date", "ledger", "signoff", item, NULL);
  g_free (run_ok (&f->cli, "lead", "ledger", "signoff", item, "--date", "2026-04-10", NULL));

  /* Nothing changes afterwards. */
  run_fails (&f->cli, "boss", 6, NULL, "ledger", "progress", item, "--date", "2026-04-11", "--note", "再推进", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "ledger", "set", item, "--note", "补充", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "ledger", "status", item, "in-progress", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "ledger", "retire", item, "--reason", "误登", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "ledger", "attach", item, path, NULL);

  out = run_ok (&f->cli, "boss", "ledger", "show", item, NULL);
  assert_contains (out, "-L0001");
  assert_contains (out, "三公经费超支");
  assert_contains (out, "第一轮巡察");
  assert_contains (out, "已召开专题会");
  assert_contains (out, "已退还超支款");
  assert_contains (out, "王验收");
  assert_contains (out, "2026-04-10");
  assert_contains (out, "ledger.sign-off");
  assert_contains (out, "报告.pdf");
  assert_contains (out, "(done)");
  g_clear_pointer (&out, g_free);

  /* Filters and usage errors. */
  out = run_ok (&f->cli, "boss", "ledger", "list", "--unit", f->unit_b, NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_assert_true (g_str_has_prefix (out, other));
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "ledger", "list", "--source", "inspection", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "boss", 2, "--as-of", "ledger", "list", "--as-of", "2026-13-01", NULL);
  run_fails (&f->cli, "boss", 6, "finished", "ledger", "list", "--status", "finished", NULL);
  run_fails (&f->cli, "boss", 2, "--problem", "ledger", "add", "--unit", f->unit_a, "--source", "audit", NULL);
  run_fails (&f->cli, "boss", 6, "街谈巷议", "ledger", "add", "--unit", f->unit_a, "--source", "街谈巷议",
             "--problem", "来源不明", NULL);
  run_fails (&f->cli, "boss", 2, "Nothing to change", "ledger", "set", other, NULL);
}

static void
test_recommendation_path (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *rec = NULL;
  g_autofree char *items = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) ids = NULL;

  rec = g_strstrip (run_ok (&f->cli, "boss", "recommendation", "add", "--unit", f->unit_a, "--kind", "supervision",
                            "--title", "关于规范公务用车管理的监察建议", "--doc-no", "监建〔2026〕3号",
                            "--problem", "公车私用", NULL));

  g_free (run_ok (&f->cli, "boss", "recommendation", "set", rec, "--content", "建立公车使用登记制度", NULL));
  run_fails (&f->cli, "boss", 2, "Nothing to change", "recommendation", "set", rec, NULL);
  run_fails (&f->cli, "boss", 6, "advice", "recommendation", "set", rec, "--kind", "advice", NULL);

  /* Issuing is the leader's; a draft spawns nothing. */
  run_fails (&f->cli, "boss", 5, NULL, "recommendation", "issue", rec, "--date", "2026-03-02", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "recommendation", "spawn", rec, "--problem", "公车私用", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "recommendation", "deliver", rec, "--date", "2026-03-02", NULL);
  out = run_ok (&f->cli, "lead", "recommendation", "issue", rec, "--date", "2026-03-02", NULL);
  assert_contains (out, "2026-04-01");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "recommendation", "deliver", rec, "--date", "2026-03-05", NULL);
  assert_contains (out, "2026-04-04");
  g_clear_pointer (&out, g_free);

  /* The reply is late on 5 April, not on 4 April. */
  out = run_ok (&f->cli, "boss", "recommendation", "list", "--status", "reply-overdue", "--as-of", "2026-04-04",
                NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "recommendation", "list", "--status", "reply-overdue", "--as-of", "2026-04-05",
                NULL);
  line = line_of (out, rec);
  g_assert_nonnull (line);
  assert_contains (line, "\t财政局\tsupervision\tdelivered\t2026-03-02\t2026-04-04\treply-overdue\t0/0\t");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&line, g_free);

  run_fails (&f->cli, "boss", 2, "--reply", "recommendation", "reply", rec, "--date", "2026-04-06", NULL);
  run_fails (&f->cli, "boss", 2, "--due", "recommendation", "reply", rec, "--date", "2026-04-06", "--reply", "已回复",
             "--due", "2026-05-01", NULL);
  g_free (run_ok (&f->cli, "boss", "recommendation", "reply", rec, "--date", "2026-04-06", "--reply",
                  "已制定整改方案", NULL));

  items = run_ok (&f->cli, "boss", "recommendation", "spawn", rec, "--problem", "公车私用", "--problem",
                  "台账缺失", "--deadline", "2026-06-30", "--person", "李科长", NULL);
  ids = g_strsplit (g_strstrip (items), "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_free (run_ok (&f->cli, "boss", "recommendation", "rectify", rec, "--date", "2026-04-10", NULL));
  g_free (run_ok (&f->cli, "boss", "recommendation", "verify", rec, "--date", "2026-07-01", NULL));

  out = run_ok (&f->cli, "boss", "ledger", "list", "--recommendation", rec, NULL);
  g_assert_cmpuint (n_lines (out), ==, 2);
  assert_contains (out, "\trecommendation\t2026-06-30\t");
  g_clear_pointer (&out, g_free);

  /* Closing waits for both items; the refusal names them. */
  run_fails (&f->cli, "boss", 6, "-L0001", "recommendation", "close", rec, "--date", "2026-07-05", NULL);
  g_free (run_ok (&f->cli, "boss", "ledger", "status", ids[1], "ongoing", NULL));
  run_fails (&f->cli, "boss", 6, "-L0001", "recommendation", "close", rec, "--date", "2026-07-05", NULL);
  g_free (run_ok (&f->cli, "boss", "ledger", "complete", ids[0], "--date", "2026-06-20", "--completion", "已收回",
                  NULL));
  g_free (run_ok (&f->cli, "boss", "ledger", "accept", ids[0], "--by", "王验收", NULL));
  g_free (run_ok (&f->cli, "lead", "ledger", "signoff", ids[0], "--date", "2026-06-25", NULL));
  g_free (run_ok (&f->cli, "boss", "recommendation", "close", rec, "--date", "2026-07-05", "--note", "销账", NULL));

  /* Return visits after closing. */
  run_fails (&f->cli, "boss", 6, "party", "recommendation", "visit", rec, "--kind", "party", "--date", "2026-09-01",
             NULL);
  g_free (run_ok (&f->cli, "boss", "recommendation", "visit", rec, "--kind", "revisit", "--date", "2026-09-01",
                  "--note", "回访座谈", "--next", "2027-03-01", NULL));
  run_fails (&f->cli, "boss", 6, NULL, "recommendation", "escalate", rec, "--date", "2026-09-02", NULL);

  out = run_ok (&f->cli, "boss", "recommendation", "show", rec, NULL);
  assert_contains (out, "-J0001");
  assert_contains (out, "监建〔2026〕3号");
  assert_contains (out, "建立公车使用登记制度");
  assert_contains (out, "已制定整改方案");
  assert_contains (out, "回访座谈");
  assert_contains (out, "2027-03-01");
  assert_contains (out, "公车私用");
  assert_contains (out, "台账缺失");
  assert_contains (out, "recommendation.issue");
  assert_contains (out, "recommendation.close");
  assert_contains (out, "(closed)");
  g_clear_pointer (&out, g_free);

  out = run_ok (&f->cli, "boss", "recommendation", "list", "--status", "closed", NULL);
  line = line_of (out, rec);
  g_assert_nonnull (line);
  assert_contains (line, "\tclosed\t2026-03-02\t2026-04-04\t\t0/2\t");
}

static void
test_scope_roles (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;
  g_autofree char *rec_b = NULL;
  g_autofree char *out = NULL;

  in_a = g_strstrip (run_ok (&f->cli, "boss", "ledger", "add", "--unit", f->unit_a, "--source", "audit",
                             "--problem", "甲问题", NULL));
  in_b = g_strstrip (run_ok (&f->cli, "boss", "ledger", "add", "--unit", f->unit_b, "--source", "audit",
                             "--problem", "乙问题", NULL));
  rec_b = g_strstrip (run_ok (&f->cli, "boss", "recommendation", "add", "--unit", f->unit_b, "--kind", "joint",
                              "--title", "致教育局", NULL));

  /* inv sees unit A only; the rest is "not found". */
  out = run_ok (&f->cli, "inv", "ledger", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_assert_true (g_str_has_prefix (out, in_a));
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "inv", 6, NULL, "ledger", "show", in_b, NULL);
  run_fails (&f->cli, "inv", 6, NULL, "ledger", "progress", in_b, "--date", "2026-03-05", "--note", "越权", NULL);
  run_fails (&f->cli, "inv", 6, NULL, "ledger", "add", "--unit", f->unit_b, "--source", "audit", "--problem", "越权",
             NULL);
  run_fails (&f->cli, "inv", 6, NULL, "recommendation", "show", rec_b, NULL);
  out = run_ok (&f->cli, "inv", "recommendation", "list", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  /* The viewer reads but does not write; the leader does not draft. */
  out = run_ok (&f->cli, "viewer", "ledger", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 2);
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "viewer", 5, NULL, "ledger", "progress", in_a, "--date", "2026-03-05", "--note", "看看", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "ledger", "retire", in_a, "--reason", "不要", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "recommendation", "add", "--unit", f->unit_a, "--kind", "joint", "--title",
             "越权", NULL);
  run_fails (&f->cli, "lead", 5, NULL, "recommendation", "add", "--unit", f->unit_a, "--kind", "joint", "--title",
             "领导不起草", NULL);

  /* Retire: gone from the list, back with --all. */
  run_fails (&f->cli, "boss", 2, "--reason", "ledger", "retire", in_a, NULL);
  g_free (run_ok (&f->cli, "boss", "ledger", "retire", in_a, "--reason", "重复登记", NULL));
  out = run_ok (&f->cli, "boss", "ledger", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "ledger", "list", "--all", "--text", "甲", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  assert_contains (out, "\tretired");
  g_clear_pointer (&out, g_free);
  g_free (run_ok (&f->cli, "boss", "recommendation", "retire", rec_b, "--reason", "误登", NULL));
  out = run_ok (&f->cli, "boss", "recommendation", "list", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  /* Help lists the codes. */
  out = run_ok (&f->cli, "boss", "recommendation", "add", "--help", NULL);
  assert_contains (out, "supervision");
  assert_contains (out, "lookback");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-ledgers/ledger-path", Fixture, NULL, fixture_setup, test_ledger_path, fixture_teardown);
  g_test_add ("/cli-ledgers/recommendation-path", Fixture, NULL, fixture_setup, test_recommendation_path,
              fixture_teardown);
  g_test_add ("/cli-ledgers/scope-roles", Fixture, NULL, fixture_setup, test_scope_roles, fixture_teardown);

  return g_test_run ();
}
