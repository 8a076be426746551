/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-search"

#include "config.h"

#include <gio/gio.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for `search`, each test in its own temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *finance;
  char      *education;
  char      *zhang;
  char      *li;
} Fixture;

/* sec, aud, boss (investigator, every unit), inv (investigator, the
 * education bureau only); a cadre in each bureau, one with an entry. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-search-XXXXXX");
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  f->finance = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->education = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->education, NULL));
  f->zhang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                 "11010519491231002X", "--unit", f->finance, "--post", "财政局局长", NULL));
  f->li = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                              "34052419800101001X", "--unit", f->education, "--post", "教育局副局长", NULL));
  g_free (run_ok (&f->cli, "boss", "entry", "add", f->zhang, "C", "--kind", "annual", "--date", "2023",
                  "PM1=已婚", "PA3=住房一套，车库一个", "verification=omitted", NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->finance);
  g_free (f->education);
  g_free (f->zhang);
  g_free (f->li);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(CliResult) result = NULL;
  g_auto(GStrv) lines = NULL;

  /* A name: the cadre, marked; its unit. */
  out = run_ok (&f->cli, "boss", "search", "张三", NULL);
  assert_contains (out, "【张三】丰");
  assert_contains (out, "财政局");
  assert_not_contains (out, "李四");
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* header, rule, one hit */
  g_clear_pointer (&out, g_free);

  /* Text of an entry, and words in several arguments. */
  out = run_ok (&f->cli, "boss", "search", "车库", NULL);
  assert_contains (out, "【车库】");
  assert_contains (out, "张三丰 · ");
  assert_not_contains (out, "PA3");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "search", "住房", "车库", NULL);
  assert_contains (out, "【住房】");
  assert_contains (out, "【车库】");
  g_clear_pointer (&out, g_free);

  /* Both posts hold 局长: --kind and --limit. */
  out = run_ok (&f->cli, "boss", "search", "局长", "--kind", "cadre", NULL);
  assert_contains (out, "张三丰");
  assert_contains (out, "李四");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "search", "局长", "--kind", "talk,petition", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  result = run_as (&f->cli, 0, "boss", "search", "局长", "--limit", "1", NULL);
  g_strfreev (lines);
  lines = g_strsplit (g_strstrip (result->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  assert_contains (result->err, "--offset 1");
  g_clear_pointer (&result, cli_result_free);
  out = run_ok (&f->cli, "boss", "search", "局长", "--limit", "1", "--offset", "1", NULL);
  g_strfreev (lines);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_clear_pointer (&out, g_free);

  /* Nothing found: no output, a hint on standard error, success. */
  result = run_as (&f->cli, 0, "boss", "search", "不存在的词", NULL);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, !=, "");
  g_clear_pointer (&result, cli_result_free);

  /* Hostile query syntax is only text. */
  result = run_as (&f->cli, 0, "boss", "search", "张三\" OR \"李四", NULL);
  assert_not_contains (result->out, "李四");
  g_clear_pointer (&result, cli_result_free);
}

static void
test_scope_and_refusals (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;

  /* The investigator of the education bureau sees only its cadre. */
  out = run_ok (&f->cli, "inv", "search", "局长", NULL);
  assert_contains (out, "李四");
  assert_not_contains (out, "张三丰");
  assert_not_contains (out, "财政局");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "inv", "search", "车库", NULL);
  g_assert_cmpstr (out, ==, "");

  /* Administrators read no records; bad input is refused. */
  run_fails (&f->cli, "aud", 5, NULL, "search", "张三", NULL);
  run_fails (&f->cli, "sec", 5, NULL, "search", "张三", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "search", "***", NULL);
  run_fails (&f->cli, "boss", 2, "reporter", "search", "张三", "--kind", "reporter", NULL);
  run_fails (&f->cli, "boss", 2, "--limit", "search", "张三", "--limit", "0", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "search", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/search/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/cli/search/scope-and-refusals", Fixture, NULL, fixture_setup, test_scope_and_refusals,
              fixture_teardown);

  return g_test_run ();
}
