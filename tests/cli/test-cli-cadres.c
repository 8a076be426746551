/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-cadres"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the cadre list's filters and orders, manual tags, photos and the
 * category rules, each test in its own temporary vault. */

typedef struct
{
  CliFixture cli;
  char      *dept_a;
  char      *dept_b;
  char      *zhang;  /* 张三丰: born 1949, principal, finance → top leader, key position */
  char      *li;     /* 李四: born 1990-01-01, 县处级 (L07) → young (36 ≤ 40) */
  char      *wang;   /* 王五: born 1980, promoted two months ago, left the post → newly promoted */
} Fixture;

/* The names (second column) of `cadre list` output, space-separated. */
static char *
names_of (const char *list)
{
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (cells) < 8)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, cells[1]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_NAMES(f, expected, ...)                                                      \
  G_STMT_START {                                                                            \
    g_autofree char *out_ = run_ok (&(f)->cli, "boss", "cadre", "list", __VA_ARGS__, NULL); \
    g_autofree char *names_ = names_of (out_);                                               \
    g_assert_cmpstr (names_, ==, (expected));                                                \
  } G_STMT_END

static char *
months_ago (int months)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_months (now, -months);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *county = NULL;
  g_autofree char *promoted = months_ago (2);
  g_autofree char *promoted_set = g_strconcat ("promoted_at=", promoted, NULL);

  cli_fixture_init (&f->cli, NULL);
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "chief", "leader");
  add_account (&f->cli, "look", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "look", "all", NULL));

  county = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "县委", "--kind", "party-organ", NULL));
  f->dept_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", "--parent", county, NULL));
  f->dept_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", "--parent", county, NULL));
  f->zhang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number", "11010519491231002X",
                                 "--unit", f->dept_a, "--post", "局长", "--set", "principal=yes", "--set",
                                 "authority=county", "--set", "post_tags=finance", NULL));
  f->li = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number", "440300199001011238",
                              "--unit", f->dept_b, "--set", "post_level=L07", "--set", "authority=city", NULL));
  f->wang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "王五", "--id-number", "34052419800101001X",
                                "--unit", f->dept_a, "--set", promoted_set, "--set", "status=left", "--set",
                                "post_since=2015-03-01", NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->dept_a);
  g_free (f->dept_b);
  g_free (f->zhang);
  g_free (f->li);
  g_free (f->wang);
}

/* --- Tests --------------------------------------------------------------------------- */

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *header = NULL;
  g_autofree char *first = NULL;

  ASSERT_NAMES (f, "张三丰 李四 王五", "--order", "id");
  ASSERT_NAMES (f, "李四", "--category", "young");
  ASSERT_NAMES (f, "张三丰 王五", "--category", "top-leader,newly-promoted", "--order", "id");
  ASSERT_NAMES (f, "张三丰 李四", "--category", "young", "--category", "key-position", "--order", "id");
  ASSERT_NAMES (f, "张三丰", "--authority", "county");
  ASSERT_NAMES (f, "李四", "--level", "xianchu");
  ASSERT_NAMES (f, "王五", "--status", "left");
  ASSERT_NAMES (f, "王五", "--unit", f->dept_a, "--category", "newly-promoted");
  ASSERT_NAMES (f, "", "--unit", f->dept_b, "--category", "newly-promoted");

  /* The categories column holds the codes. */
  header = run_ok (&f->cli, "boss", "cadre", "list", "--category", "young", "--header", NULL);
  g_assert_true (g_str_has_prefix (header, "Record\t"));
  assert_contains (header, "\tyoung\n");

  /* Refusals are usage errors. */
  g_clear_pointer (&header, g_free);
  {
    g_autoptr(CliResult) bad_category = run_as (&f->cli, 2, "boss", "cadre", "list", "--category", "old", NULL);
    g_autoptr(CliResult) bad_order = run_as (&f->cli, 2, "boss", "cadre", "list", "--order", "height", NULL);
    g_autoptr(CliResult) bad_status = run_as (&f->cli, 2, "boss", "cadre", "list", "--status", "gone", NULL);

    assert_contains (bad_category->err, "old");
    assert_contains (bad_order->err, "post-since");
    assert_contains (bad_status->err, "serving");
  }
}

static void
test_list_orders (Fixture       *f,
                  gconstpointer  data)
{
  /* Born 1990, 1980, 1949. */
  ASSERT_NAMES (f, "李四 王五 张三丰", "--order", "age");
  ASSERT_NAMES (f, "张三丰 王五 李四", "--order", "age", "--descending");
  /* 县处级 (L07) before the others, who have no level. */
  ASSERT_NAMES (f, "李四 王五 张三丰", "--order", "rank");
  /* In the post since 2015, then unknown dates in stroke order (王 4, 李 7, 张 7). */
  {
    g_autofree char *out = run_ok (&f->cli, "boss", "cadre", "list", "--order", "post-since", NULL);
    g_autofree char *names = names_of (out);

    g_assert_true (g_str_has_prefix (names, "王五 "));
  }
  /* Unit tree order: 财政局 and 教育局 sorted by name under 县委. */
  {
    g_autofree char *out = run_ok (&f->cli, "boss", "cadre", "list", "--order", "unit", NULL);
    g_autofree char *names = names_of (out);
    g_autofree char *units = run_ok (&f->cli, "boss", "unit", "list", NULL);
    gboolean a_first = strstr (units, "财政局") < strstr (units, "教育局");

    g_assert_cmpstr (names, ==, a_first ? "王五 张三丰 李四" : "李四 王五 张三丰");
  }
  ASSERT_NAMES (f, "李四 王五 张三丰", "--order", "pinyin");
  ASSERT_NAMES (f, "张三丰 王五 李四", "--order", "pinyin", "--descending");
  {
    g_autofree char *out = run_ok (&f->cli, "boss", "cadre", "list", NULL);
    g_autofree char *names = names_of (out);

    g_assert_true (g_str_has_prefix (names, "王五 "));
  }
}

static void
test_tags_and_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *show = NULL;
  g_autofree char *audit = NULL;

  g_free (run_ok (&f->cli, "boss", "cadre", "tag", f->li, "重点关注", "--note", "2025 巡察反映", NULL));
  g_free (run_ok (&f->cli, "boss", "cadre", "tag", f->li, "A-list", NULL));
  ASSERT_NAMES (f, "李四", "--tag", "重点关注");
  {
    g_autoptr(CliResult) duplicate = run_as (&f->cli, 6, "boss", "cadre", "tag", f->li, "重点关注", NULL);
    g_autoptr(CliResult) category = run_as (&f->cli, 6, "boss", "cadre", "tag", f->li, "young", NULL);
    g_autoptr(CliResult) chinese = run_as (&f->cli, 6, "boss", "cadre", "tag", f->li, "年轻干部", NULL);
    g_autoptr(CliResult) too_long = run_as (&f->cli, 6, "boss", "cadre", "tag", f->li, "一二三四五六七八九十一二三四五六七八九十一",
                                            NULL);
    g_autoptr(CliResult) viewer = run_as (&f->cli, 5, "look", "cadre", "tag", f->li, "mine", NULL);
    g_autoptr(CliResult) missing = run_as (&f->cli, 6, "boss", "cadre", "untag", f->li, "nothing", NULL);
    g_autoptr(CliResult) no_cadre = run_as (&f->cli, 6, "boss", "cadre", "tag", "999", "x", NULL);
    g_autoptr(CliResult) no_tag = run_as (&f->cli, 2, "boss", "cadre", "tag", f->li, NULL);

    assert_contains (duplicate->err, "already");
    assert_contains (category->err, "computed");
    assert_contains (chinese->err, "computed");
  }

  show = run_ok (&f->cli, "boss", "cadre", "show", f->li, NULL);
  assert_contains (show, "Manual tags: A-list, 重点关注");
  assert_contains (show, "Categories (computed)");
  assert_contains (show, "Young cadre: born 1990-01-01, age 3");
  assert_contains (show, "≤ 40 (threshold for county or division level)");
  assert_contains (show, "B. ");
  assert_contains (show, "Z. ");
  g_clear_pointer (&show, g_free);
  show = run_ok (&f->cli, "boss", "cadre", "show", f->zhang, NULL);
  assert_contains (show, "Top leader: holds the principal post");
  assert_contains (show, "Key position:");
  g_clear_pointer (&show, g_free);

  g_free (run_ok (&f->cli, "boss", "cadre", "untag", f->li, "重点关注", NULL));
  ASSERT_NAMES (f, "", "--tag", "重点关注");
  show = run_ok (&f->cli, "boss", "cadre", "show", f->li, "--history", NULL);
  assert_contains (show, "Manual tags: A-list\n");
  assert_contains (show, "cadre.untagged");

  audit = run_ok (&f->cli, "aud", "audit", "list", NULL);
  assert_contains (audit, "cadre.tagged");
  assert_contains (audit, "cadre.untagged");
  assert_not_contains (audit, "重点关注");
}

static void
test_photo (Fixture       *f,
            gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = g_build_filename (f->cli.dir, "photo.png", NULL);
  g_autofree char *text = g_build_filename (f->cli.dir, "photo.txt", NULL);
  g_autofree char *show = NULL;

  g_file_set_contents (photo, png, sizeof png - 1, &error);
  g_assert_no_error (error);
  g_file_set_contents (text, "not a photo", -1, &error);
  g_assert_no_error (error);

  g_free (run_ok (&f->cli, "boss", "cadre", "photo", f->li, photo, NULL));
  {
    g_autoptr(CliResult) not_image = run_as (&f->cli, 6, "boss", "cadre", "photo", f->li, text, NULL);
    g_autoptr(CliResult) neither = run_as (&f->cli, 2, "boss", "cadre", "photo", f->li, NULL);
    g_autoptr(CliResult) both = run_as (&f->cli, 2, "boss", "cadre", "photo", f->li, photo, "--remove", NULL);
    g_autoptr(CliResult) viewer = run_as (&f->cli, 5, "look", "cadre", "photo", f->li, "--remove", NULL);

    assert_contains (not_image->err, "JPEG");
  }
  g_free (run_ok (&f->cli, "boss", "cadre", "photo", f->li, "--remove", NULL));
  show = run_ok (&f->cli, "boss", "cadre", "show", f->li, "--history", NULL);
  assert_contains (show, "cadre.photo");
  assert_contains (show, "16 bytes, SHA-256");
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (next, "%Y-%m-%d");
  g_autofree char *list = NULL;
  g_autofree char *help = NULL;
  g_autofree char *audit = NULL;

  list = run_ok (&f->cli, "boss", "rules", "list", NULL);
  assert_contains (list, "young-max-age-xianchu");
  assert_contains (list, "No rule has been changed");
  g_clear_pointer (&list, g_free);

  ASSERT_NAMES (f, "李四", "--category", "young");
  g_free (run_ok (&f->cli, "chief", "rules", "set", "young-max-age-xianchu", "35", "--source", "县纪委〔2026〕3号", NULL));
  /* 李四 is 36 at 县处级. */
  ASSERT_NAMES (f, "", "--category", "young");

  /* A value from tomorrow is not in force today. */
  g_free (run_ok (&f->cli, "chief", "rules", "set", "newly-promoted-months", "1", "--source", "Decision 4",
                  "--valid-from", tomorrow, NULL));
  ASSERT_NAMES (f, "王五", "--category", "newly-promoted");

  list = run_ok (&f->cli, "look", "rules", "list", NULL);
  assert_contains (list, "县纪委〔2026〕3号");
  assert_contains (list, "chief");
  assert_contains (list, tomorrow);
  {
    g_autofree char *line = NULL;
    g_auto(GStrv) lines = g_strsplit (list, "\n", -1);

    for (guint i = 0; lines[i] != NULL && line == NULL; i++)
      if (g_str_has_prefix (lines[i], "newly-promoted-months"))
        line = g_strdup (lines[i]);
    g_assert_nonnull (line);
    assert_contains (line, "12");
  }

  {
    g_autoptr(CliResult) investigator = run_as (&f->cli, 5, "boss", "rules", "set", "young-max-age-xianchu", "30",
                                                "--source", "x", NULL);
    g_autoptr(CliResult) viewer = run_as (&f->cli, 5, "look", "rules", "set", "young-max-age-xianchu", "30",
                                          "--source", "x", NULL);
    g_autoptr(CliResult) no_source = run_as (&f->cli, 2, "chief", "rules", "set", "young-max-age-xianchu", "30", NULL);
    g_autoptr(CliResult) bad_key = run_as (&f->cli, 6, "chief", "rules", "set", "oldest", "30", "--source", "x", NULL);
    g_autoptr(CliResult) bad_value = run_as (&f->cli, 6, "chief", "rules", "set", "young-max-age-xianchu", "300",
                                             "--source", "x", NULL);
    g_autoptr(CliResult) bad_date = run_as (&f->cli, 6, "chief", "rules", "set", "young-max-age-xianchu", "30",
                                            "--source", "x", "--valid-from", "2026-02-30", NULL);
    g_autoptr(CliResult) admin = run_cli (&f->cli, ADMIN, ADMIN_PW "\n", "rules", "set", "young-max-age-xianchu", "30",
                                          "--source", "x", NULL);

    g_assert_cmpint (admin->status, ==, 5);
    assert_contains (no_source->err, "--source");
  }

  help = run_ok (&f->cli, "boss", "rules", "set", "--help", NULL);
  assert_contains (help, "young-max-age-xiangke");
  assert_contains (help, "high-risk-post-tags");

  audit = run_ok (&f->cli, "aud", "audit", "list", NULL);
  assert_contains (audit, "rule.set");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-cadres/list-filters", Fixture, NULL, fixture_setup, test_list_filters, fixture_teardown);
  g_test_add ("/cli-cadres/list-orders", Fixture, NULL, fixture_setup, test_list_orders, fixture_teardown);
  g_test_add ("/cli-cadres/tags-and-show", Fixture, NULL, fixture_setup, test_tags_and_show, fixture_teardown);
  g_test_add ("/cli-cadres/photo", Fixture, NULL, fixture_setup, test_photo, fixture_teardown);
  g_test_add ("/cli-cadres/rules", Fixture, NULL, fixture_setup, test_rules, fixture_teardown);

  return g_test_run ();
}
