/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rules/ld-code-tables.h"

/* Every table has rows, unique codes, labels, and finds each code by its
 * code and by its label. */
static void
test_tables_consistent (void)
{
  const char * const *names = ld_code_table_names ();
  guint n_tables = 0;

  for (guint t = 0; names[t] != NULL; t++, n_tables++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      const LdCode *codes;
      guint n = 0;

      g_test_message ("table %s", names[t]);
      codes = ld_code_table_get (names[t], &n);
      g_assert_nonnull (codes);
      g_assert_cmpuint (n, >, 1);
      for (guint i = 0; i < n; i++)
        {
          g_assert_nonnull (codes[i].code);
          g_assert_cmpstr (codes[i].label, !=, "");
          g_assert_false (g_hash_table_contains (seen, codes[i].code));
          g_hash_table_add (seen, (gpointer) codes[i].code);
          g_assert_cmpstr (ld_code_get_label (names[t], codes[i].code), ==, codes[i].label);
          g_assert_cmpstr (ld_code_find_by_label (names[t], codes[i].code), ==, codes[i].code);
          g_assert_cmpstr (ld_code_find_by_label (names[t], codes[i].label), ==, codes[i].code);
        }
    }
  g_assert_cmpuint (n_tables, ==, 12);
}

static void
test_unknown (void)
{
  guint n = 42;

  g_assert_null (ld_code_table_get ("no-such-table", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (ld_code_table_get (NULL, NULL));
  g_assert_null (ld_code_get_label ("no-such-table", "01"));
  g_assert_null (ld_code_get_label (LD_CODE_TABLE_POLITICAL_STATUS, "99"));
  g_assert_null (ld_code_get_label (LD_CODE_TABLE_POLITICAL_STATUS, NULL));
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, "无此政治面貌"));
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, ""));
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, NULL));
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, "\xff"));
  g_assert_null (ld_code_find_by_label ("no-such-table", "党员"));
}

/* The sizes DOMAIN.md gives. */
static const struct
{
  const char *table;
  guint       n;
} table_sizes[] = {
  { LD_CODE_TABLE_POST_LEVEL, 5 },
  { LD_CODE_TABLE_LEADING_POST, 10 },
  { LD_CODE_TABLE_RANK, 12 + 8 },
  { LD_CODE_TABLE_STAFF_GRADE, 10 },
  { LD_CODE_TABLE_MANAGEMENT, 5 },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, 4 },
  { LD_CODE_TABLE_POLITICAL_STATUS, 13 },
  { LD_CODE_TABLE_EDUCATION, 10 },
  { LD_CODE_TABLE_POST_TAG, 8 },
  { LD_CODE_TABLE_UNIT_KIND, 7 },
  { LD_CODE_TABLE_SUPERVISOR_KIND, 2 },
  { LD_CODE_TABLE_SEX, 2 },
};

static void
test_table_sizes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_sizes); i++)
    {
      guint n = 0;
      g_assert_nonnull (ld_code_table_get (table_sizes[i].table, &n));
      g_assert_cmpuint (n, ==, table_sizes[i].n);
    }
}

/* Text found in imported rosters → code. */
static const struct
{
  const char *table;
  const char *text;
  const char *code;
} lookups[] = {
  { LD_CODE_TABLE_POLITICAL_STATUS, "中国共产党党员", "01" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "中共党员", "01" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "党员", "01" },
  { LD_CODE_TABLE_POLITICAL_STATUS, " 中共 党员 ", "01" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "中共预备党员", "02" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "预备党员", "02" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "共青团员", "03" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "民革会员", "04" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "九三学社社员", "10" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "无党派人士", "12" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "群众", "13" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "０１", "01" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "member of the communist party of china", "01" },
  { LD_CODE_TABLE_EDUCATION, "大学本科", "20" },
  { LD_CODE_TABLE_EDUCATION, "本科", "20" },
  { LD_CODE_TABLE_EDUCATION, "大专", "30" },
  { LD_CODE_TABLE_EDUCATION, "大学专科", "30" },
  { LD_CODE_TABLE_EDUCATION, "研究生", "10" },
  { LD_CODE_TABLE_EDUCATION, "硕士研究生", "14" },
  { LD_CODE_TABLE_EDUCATION, "博士研究生", "11" },
  { LD_CODE_TABLE_EDUCATION, "中专", "40" },
  { LD_CODE_TABLE_EDUCATION, "高中", "60" },
  { LD_CODE_TABLE_EDUCATION, "初中", "70" },
  { LD_CODE_TABLE_LEADING_POST, "正科", "L09" },
  { LD_CODE_TABLE_LEADING_POST, "正科级", "L09" },
  { LD_CODE_TABLE_LEADING_POST, "乡科级正职", "L09" },
  { LD_CODE_TABLE_LEADING_POST, "副科级", "L10" },
  { LD_CODE_TABLE_LEADING_POST, "正处级", "L07" },
  { LD_CODE_TABLE_LEADING_POST, "正县级", "L07" },
  { LD_CODE_TABLE_LEADING_POST, "副处", "L08" },
  { LD_CODE_TABLE_LEADING_POST, "副县级", "L08" },
  { LD_CODE_TABLE_LEADING_POST, "正厅级", "L05" },
  { LD_CODE_TABLE_LEADING_POST, "副局级", "L06" },
  { LD_CODE_TABLE_LEADING_POST, "副省级", "L04" },
  { LD_CODE_TABLE_LEADING_POST, "l09", "L09" },
  { LD_CODE_TABLE_RANK, "一级主任科员", "J07" },
  { LD_CODE_TABLE_RANK, "四级调研员", "J06" },
  { LD_CODE_TABLE_RANK, "二级科员", "J12" },
  { LD_CODE_TABLE_RANK, "副调研员", "old-fudiaoyanyuan" },
  { LD_CODE_TABLE_RANK, "主任科员", "old-zhurenkeyuan" },
  { LD_CODE_TABLE_RANK, "科员", "old-keyuan" },
  { LD_CODE_TABLE_RANK, "巡视员", "old-xunshiyuan" },
  { LD_CODE_TABLE_STAFF_GRADE, "七级职员", "Z07" },
  { LD_CODE_TABLE_POST_LEVEL, "乡科级", "xiangke" },
  { LD_CODE_TABLE_POST_LEVEL, "县处级", "xianchu" },
  { LD_CODE_TABLE_MANAGEMENT, "中管干部", "central" },
  { LD_CODE_TABLE_MANAGEMENT, "省管", "provincial" },
  { LD_CODE_TABLE_MANAGEMENT, "市管", "municipal" },
  { LD_CODE_TABLE_MANAGEMENT, "县管", "county" },
  { LD_CODE_TABLE_MANAGEMENT, "区管", "county" },
  { LD_CODE_TABLE_MANAGEMENT, "单位自管", "unit" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "在职", "active" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "离任未退休", "left-post" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "退休", "retired" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "调出", "transferred-out" },
  { LD_CODE_TABLE_POST_TAG, "财务", "finance" },
  { LD_CODE_TABLE_POST_TAG, "招投标", "procurement" },
  { LD_CODE_TABLE_POST_TAG, "工程建设", "construction" },
  { LD_CODE_TABLE_POST_TAG, "行政审批", "approval" },
  { LD_CODE_TABLE_POST_TAG, "行政执法", "enforcement" },
  { LD_CODE_TABLE_POST_TAG, "干部选任", "personnel" },
  { LD_CODE_TABLE_POST_TAG, "国有资产", "state-assets" },
  { LD_CODE_TABLE_POST_TAG, "惠民补贴", "special-funds" },
  { LD_CODE_TABLE_POST_TAG, "State-Assets", "state-assets" },
  { LD_CODE_TABLE_UNIT_KIND, "事业单位", "public-institution" },
  { LD_CODE_TABLE_UNIT_KIND, "国企", "soe" },
  { LD_CODE_TABLE_UNIT_KIND, "乡镇（街道）", "township" },
  { LD_CODE_TABLE_UNIT_KIND, "社区", "village" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "本级纪委", "same-level" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "派驻纪检组", "stationed" },
  { LD_CODE_TABLE_SEX, "男", "M" },
  { LD_CODE_TABLE_SEX, "女", "F" },
  { LD_CODE_TABLE_SEX, "f", "F" },
  { LD_CODE_TABLE_SEX, "1", "M" },
  /* Wrong table: nothing. */
  { LD_CODE_TABLE_EDUCATION, "中共党员", NULL },
  { LD_CODE_TABLE_RANK, "正科级", NULL },
  /* Prefixes and near misses do not match. */
  { LD_CODE_TABLE_POLITICAL_STATUS, "中共", NULL },
  { LD_CODE_TABLE_RANK, "五级调研员", NULL },
};

static void
test_find_by_label (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_test_message ("%s: “%s”", lookups[i].table, lookups[i].text);
      g_assert_cmpstr (ld_code_find_by_label (lookups[i].table, lookups[i].text), ==, lookups[i].code);
    }
}

/* Post levels of every ladder, and principal or deputy. */
static const struct
{
  const char  *code;
  LdPostLevel  level;
  gboolean     principal;
} levels[] = {
  { "xiangke", LD_POST_LEVEL_XIANGKE, FALSE },
  { "xianchu", LD_POST_LEVEL_XIANCHU, FALSE },
  { "tingju", LD_POST_LEVEL_TINGJU, FALSE },
  { "shengbu", LD_POST_LEVEL_SHENGBU, FALSE },
  { "guojia", LD_POST_LEVEL_GUOJIA, FALSE },
  { "L01", LD_POST_LEVEL_GUOJIA, TRUE },
  { "L02", LD_POST_LEVEL_GUOJIA, FALSE },
  { "L03", LD_POST_LEVEL_SHENGBU, TRUE },
  { "L04", LD_POST_LEVEL_SHENGBU, FALSE },
  { "L05", LD_POST_LEVEL_TINGJU, TRUE },
  { "L06", LD_POST_LEVEL_TINGJU, FALSE },
  { "L07", LD_POST_LEVEL_XIANCHU, TRUE },
  { "L08", LD_POST_LEVEL_XIANCHU, FALSE },
  { "L09", LD_POST_LEVEL_XIANGKE, TRUE },
  { "L10", LD_POST_LEVEL_XIANGKE, FALSE },
  { "J01", LD_POST_LEVEL_TINGJU, TRUE },
  { "J02", LD_POST_LEVEL_TINGJU, FALSE },
  { "J03", LD_POST_LEVEL_XIANCHU, TRUE },
  { "J04", LD_POST_LEVEL_XIANCHU, TRUE },
  { "J05", LD_POST_LEVEL_XIANCHU, FALSE },
  { "J06", LD_POST_LEVEL_XIANCHU, FALSE },
  { "J07", LD_POST_LEVEL_XIANGKE, TRUE },
  { "J08", LD_POST_LEVEL_XIANGKE, TRUE },
  { "J09", LD_POST_LEVEL_XIANGKE, FALSE },
  { "J10", LD_POST_LEVEL_XIANGKE, FALSE },
  { "J11", LD_POST_LEVEL_NONE, FALSE },
  { "J12", LD_POST_LEVEL_NONE, FALSE },
  { "old-xunshiyuan", LD_POST_LEVEL_TINGJU, TRUE },
  { "old-fudiaoyanyuan", LD_POST_LEVEL_XIANCHU, FALSE },
  { "old-zhurenkeyuan", LD_POST_LEVEL_XIANGKE, TRUE },
  { "old-banshiyuan", LD_POST_LEVEL_NONE, FALSE },
  { "Z01", LD_POST_LEVEL_SHENGBU, TRUE },
  { "Z05", LD_POST_LEVEL_XIANCHU, TRUE },
  { "Z08", LD_POST_LEVEL_XIANGKE, FALSE },
  { "Z10", LD_POST_LEVEL_NONE, FALSE },
  { "finance", LD_POST_LEVEL_NONE, FALSE },
  { "", LD_POST_LEVEL_NONE, FALSE },
  { NULL, LD_POST_LEVEL_NONE, FALSE },
};

static void
test_post_levels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_test_message ("level of %s", levels[i].code ? levels[i].code : "(null)");
      g_assert_cmpint (ld_post_level_from_code (levels[i].code), ==, levels[i].level);
      g_assert_cmpint (ld_code_is_principal_level (levels[i].code), ==, levels[i].principal);
    }

  g_assert_null (ld_post_level_to_code (LD_POST_LEVEL_NONE));
  for (LdPostLevel l = LD_POST_LEVEL_XIANGKE; l < LD_N_POST_LEVELS; l++)
    {
      const char *code = ld_post_level_to_code (l);
      g_assert_nonnull (code);
      g_assert_cmpint (ld_post_level_from_code (code), ==, l);
      g_assert_nonnull (ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, code));
    }
}

/* The 2019 conversion of the old non-leading titles. */
static const struct
{
  const char *old_title;
  const char *current_title;
} conversions[] = {
  { "巡视员", "一级巡视员" },
  { "副巡视员", "二级巡视员" },
  { "调研员", "二级调研员" },
  { "副调研员", "四级调研员" },
  { "主任科员", "二级主任科员" },
  { "副主任科员", "四级主任科员" },
  { "科员", "一级科员" },
  { "办事员", "二级科员" },
};

static void
test_legacy_ranks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (conversions); i++)
    {
      const char *old_code = ld_code_find_by_label (LD_CODE_TABLE_RANK, conversions[i].old_title);
      const char *new_code = ld_code_find_by_label (LD_CODE_TABLE_RANK, conversions[i].current_title);

      g_assert_nonnull (old_code);
      g_assert_true (g_str_has_prefix (old_code, "old-"));
      g_assert_nonnull (new_code);
      g_assert_cmpstr (ld_rank_get_current (old_code), ==, new_code);
      g_assert_cmpstr (ld_rank_get_current (new_code), ==, new_code);
      /* The old title keeps the level of the rank it became. */
      g_assert_cmpint (ld_post_level_from_code (old_code), ==, ld_post_level_from_code (new_code));
      g_assert_cmpint (ld_code_is_principal_level (old_code), ==, ld_code_is_principal_level (new_code));
    }
  g_assert_null (ld_rank_get_current ("L09"));
  g_assert_null (ld_rank_get_current (NULL));
}

static gpointer
lookup_thread (gpointer data)
{
  return (gpointer) ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, "中共党员");
}

static void
test_threads (void)
{
  /* The first call builds the caches; many threads at once must agree. */
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpstr (g_thread_join (threads[i]), ==, "01");
  g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_SEX, "男"), ==, "M");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/code-tables/threads", test_threads);
  g_test_add_func ("/rules/code-tables/consistent", test_tables_consistent);
  g_test_add_func ("/rules/code-tables/unknown", test_unknown);
  g_test_add_func ("/rules/code-tables/sizes", test_table_sizes);
  g_test_add_func ("/rules/code-tables/find-by-label", test_find_by_label);
  g_test_add_func ("/rules/code-tables/post-levels", test_post_levels);
  g_test_add_func ("/rules/code-tables/legacy-ranks", test_legacy_ranks);
  return g_test_run ();
}
