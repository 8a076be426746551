/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "search/ld-search-keys.h"

static int
compare_bytes (GBytes *a,
               GBytes *b)
{
  gsize len_a, len_b;
  const guint8 *data_a = g_bytes_get_data (a, &len_a);
  const guint8 *data_b = g_bytes_get_data (b, &len_b);
  int cmp = memcmp (data_a, data_b, MIN (len_a, len_b));

  /* The way SQLite compares BLOBs: memcmp, then the shorter one first. */
  if (cmp != 0)
    return cmp;
  return len_a < len_b ? -1 : len_a > len_b ? 1 : 0;
}

typedef GBytes *(*KeyFunc) (const char *text);

/* Checks that sorting by key puts `expected` (already in the wanted order)
 * in that order, starting from the reversed list. */
static void
assert_key_order (KeyFunc            key_func,
                  const char *const *expected,
                  gsize              n)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (keys, key_func (expected[i]));

  for (gsize i = 0; i + 1 < n; i++)
    {
      int cmp = compare_bytes (keys->pdata[i], keys->pdata[i + 1]);

      if (cmp >= 0)
        g_error ("expected %s < %s", expected[i], expected[i + 1]);
    }
}

/* Official rosters (姓氏笔画) order by the mainland total stroke count
 * first: 丁 2; 方 王 4; 刘 6; 张 陈 7; 周 8; 赵 9; 黄 11. Plain ICU 72
 * "zh@collation=stroke" counts radical forms the Taiwan way (艹 4, 阝 3)
 * and so puts 陈 after 周; ld_sort_key_stroke() moves those characters
 * back (gen-stroke-fixes.py). Inside one stroke count it keeps ICU's CLDR
 * order, not the first-stroke rule 横竖撇点折 (which would put 王 before
 * 方): this test records what we actually do, so a change shows up here. */
static void
test_stroke_order (void)
{
  static const char *const surnames[] = {
    "丁", "方", "王", "刘", "张", "陈", "周", "赵", "黄",
  };
  static const char *const mixed[] = {
    /* The empty string, then digits, then Han by strokes, then Latin. */
    "", "3", "乙", "丁", "于", "马", "王", "王一", "王二", "王三", "王大明", "王小明",
    "邓", "司马", "刘", "张", "张三", "张三丰", "李", "陈", "周", "欧阳", "诸葛", "黄", "abc", "Smith",
  };

  assert_key_order (ld_sort_key_stroke, surnames, G_N_ELEMENTS (surnames));
  assert_key_order (ld_sort_key_stroke, mixed, G_N_ELEMENTS (mixed));
}

static void
test_stroke_count_groups (void)
{
  /* Every character of a lower stroke count sorts before every character
   * of a higher one. */
  static const struct
  {
    int         strokes;
    const char *chars;
  } groups[] = {
    { 2, "丁卜刁" },
    { 3, "于马万" },
    { 4, "王方毛孔尹邓" },
    { 5, "石白卢司" },
    { 6, "刘孙吕" },
    { 7, "张陈李何吴苏陆邱邹" },
    { 8, "周郑林金范郁" },
    { 9, "赵胡钟姚" },
    { 10, "徐高袁郭" },
    { 11, "黄曹梁崔" },
  };

  for (gsize g = 0; g + 1 < G_N_ELEMENTS (groups); g++)
    for (const char *a = groups[g].chars; *a != '\0'; a = g_utf8_next_char (a))
      for (const char *b = groups[g + 1].chars; *b != '\0'; b = g_utf8_next_char (b))
        {
          g_autofree char *ca = g_strndup (a, g_utf8_next_char (a) - a);
          g_autofree char *cb = g_strndup (b, g_utf8_next_char (b) - b);
          g_autoptr(GBytes) ka = ld_sort_key_stroke (ca);
          g_autoptr(GBytes) kb = ld_sort_key_stroke (cb);

          if (compare_bytes (ka, kb) >= 0)
            g_error ("U+%04X (%d strokes) should sort before U+%04X (%d strokes)",
                     g_utf8_get_char (ca), groups[g].strokes,
                     g_utf8_get_char (cb), groups[g + 1].strokes);
        }
}

static void
test_pinyin_order (void)
{
  static const char *const names[] = {
    /* zh puts Han before Latin ([reorder Hani]). */
    "", "3", "白", "陈", "丁", "方", "黄", "李", "刘", "欧阳", "王", "王大明",
    "王小明", "吴", "张", "张三", "张三丰", "赵", "诸葛", "abc", "Smith",
  };

  assert_key_order (ld_sort_key_pinyin, names, G_N_ELEMENTS (names));
}

static void
test_sort_key_equal_and_empty (void)
{
  g_autoptr(GBytes) a = ld_sort_key_stroke ("张三");
  g_autoptr(GBytes) b = ld_sort_key_stroke ("张三");
  g_autoptr(GBytes) invalid = ld_sort_key_stroke ("\xff\xfe");
  g_autoptr(GBytes) invalid_pinyin = ld_sort_key_pinyin ("张\xc3");
  g_autoptr(GBytes) empty = ld_sort_key_stroke ("");
  gsize len;
  const guint8 *data = g_bytes_get_data (a, &len);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_cmpuint (len, >, 0);
  /* No NUL inside a key: SQLite and memcmp see all of it. */
  g_assert_null (memchr (data, 0, len));
  g_assert_cmpuint (g_bytes_get_size (invalid), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (invalid_pinyin), ==, 0);
  g_assert_cmpint (compare_bytes (empty, a), <, 0);

  /* Spaces and punctuation are ignored. */
  for (const char *const *p = (const char *const[]) { "王　明", "王 明", " 王明 ", NULL }; *p != NULL; p++)
    {
      g_autoptr(GBytes) plain = ld_sort_key_stroke ("王明");
      g_autoptr(GBytes) padded = ld_sort_key_stroke (*p);
      g_autoptr(GBytes) plain_pinyin = ld_sort_key_pinyin ("王明");
      g_autoptr(GBytes) padded_pinyin = ld_sort_key_pinyin (*p);

      g_assert_true (g_bytes_equal (plain, padded));
      g_assert_true (g_bytes_equal (plain_pinyin, padded_pinyin));
    }
  {
    g_autoptr(GBytes) dot = ld_sort_key_stroke ("买买提·艾力");
    g_autoptr(GBytes) no_dot = ld_sort_key_stroke ("买买提艾力");

    g_assert_true (g_bytes_equal (dot, no_dot));
  }
}

static const struct
{
  const char *text;
  const char *full;
  const char *initials;
} common[] = {
  { "张三丰", "zhangsanfeng", "zsf" },
  { "李四", "lisi", "ls" },
  { "王小明", "wangxiaoming", "wxm" },
  { "欧阳修", "ouyangxiu", "oyx" },
  { "诸葛亮", "zhugeliang", "zgl" },
  { "吕布", "lvbu", "lb" },
  { "女", "nv", "n" },
  { "张3丰ABC", "zhang3fengabc", "z3fabc" },
  { "王 小明", "wangxiaoming", "wxm" },
  { "买买提·艾力", "maimaitiaili", "mmtal" },
  { "ＺＨＡＮＧ１２", "zhang12", "zhang12" },
  { "〇", "ling", "l" },
  { "", "", "" },
  { "···", "", "" },
};

static void
test_pinyin_common (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    {
      g_autofree char *full = ld_pinyin_full (common[i].text);
      g_autofree char *initials = ld_pinyin_initials (common[i].text);
      g_autofree char *full_name = ld_pinyin_full_name (common[i].text);
      g_autofree char *initials_name = ld_pinyin_initials_name (common[i].text);

      g_test_message ("%s → %s / %s", common[i].text, full, initials);
      g_assert_cmpstr (full, ==, common[i].full);
      g_assert_cmpstr (initials, ==, common[i].initials);
      /* No polyphonic surname here: the name functions agree. */
      g_assert_cmpstr (full_name, ==, common[i].full);
      g_assert_cmpstr (initials_name, ==, common[i].initials);
    }
}

static const struct
{
  const char *name;
  const char *full_name;
  const char *initials_name;
  const char *full_common;
} surnames[] = {
  { "单雄信", "shanxiongxin", "sxx", "danxiongxin" },
  { "曾国藩", "zengguofan", "zgf", "cengguofan" },
  { "解缙", "xiejin", "xj", "jiejin" },
  { "仇英", "qiuying", "qy", "chouying" },
  { "区永", "ouyong", "oy", "quyong" },
  { "朴正", "piaozheng", "pz", "puzheng" },
  { "查良镛", "zhaliangyong", "zly", "chaliangyong" },
  { "盖聂", "genie", "gn", "gainie" },
  { "乐毅", "yueyi", "yy", "leyi" },
  { "尉迟恭", "yuchigong", "ycg", "weichigong" },
  { "万俟卨", "moqixie", "mqx", "wanqixie" },
  { "长孙无忌", "zhangsunwuji", "zswj", "zhangsunwuji" },
  { "覃明", "qinming", "qm", "tanming" },
  { "翟志刚", "zhaizhigang", "zzg", "dizhigang" },
  /* Only the first character is a surname. */
  { "王单", "wangdan", "wd", "wangdan" },
  { "单单", "shandan", "sd", "dandan" },
  { " 单雄信", "shanxiongxin", "sxx", "danxiongxin" },
};

static void
test_pinyin_surnames (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      g_autofree char *full_name = ld_pinyin_full_name (surnames[i].name);
      g_autofree char *initials_name = ld_pinyin_initials_name (surnames[i].name);
      g_autofree char *full = ld_pinyin_full (surnames[i].name);

      g_test_message ("%s → %s / %s (common: %s)",
                      surnames[i].name, full_name, initials_name, full);
      g_assert_cmpstr (full_name, ==, surnames[i].full_name);
      g_assert_cmpstr (initials_name, ==, surnames[i].initials_name);
      g_assert_cmpstr (full, ==, surnames[i].full_common);
    }
}

static void
test_invalid_utf8 (void)
{
  static const char *const invalid[] = { "\xff", "张\xe5\xbc", "\xc0\xaf", "abc\x80" };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *full = ld_pinyin_full (invalid[i]);
      g_autofree char *initials = ld_pinyin_initials (invalid[i]);
      g_autofree char *full_name = ld_pinyin_full_name (invalid[i]);
      g_autofree char *initials_name = ld_pinyin_initials_name (invalid[i]);
      g_autofree char *query = ld_search_normalise_query (invalid[i]);
      g_autofree char *haystack = ld_search_text (invalid[i], invalid[i], invalid[i]);
      g_autoptr(GBytes) stroke = ld_sort_key_stroke (invalid[i]);
      g_autoptr(GBytes) pinyin = ld_sort_key_pinyin (invalid[i]);

      g_assert_cmpstr (full, ==, "");
      g_assert_cmpstr (initials, ==, "");
      g_assert_cmpstr (full_name, ==, "");
      g_assert_cmpstr (initials_name, ==, "");
      g_assert_cmpstr (query, ==, "");
      g_assert_true (g_utf8_validate (haystack, -1, NULL));
      g_assert_cmpstr (haystack, ==, "\x1f\x1f\x1f\x1f");
      g_assert_cmpuint (g_bytes_get_size (stroke), ==, 0);
      g_assert_cmpuint (g_bytes_get_size (pinyin), ==, 0);
    }
}

static gboolean
search (const char *haystack,
        const char *query)
{
  g_autofree char *needle = ld_search_normalise_query (query);

  return strstr (haystack, needle) != NULL;
}

static void
test_search_text (void)
{
  g_autofree char *zsf = ld_search_text ("张三丰", "34052419800101001X", "武当山 掌门");
  g_autofree char *sxx = ld_search_text ("单雄信", NULL, NULL);
  g_autofree char *lb = ld_search_text ("吕布", "", "");
  g_autofree char *wide = ld_search_text ("ＭＡＲＹ　王", "３４０１２３", "科长（正科级）");

  g_assert_cmpstr (zsf, ==,
                   "张三丰\x1fzhangsanfeng\x1fzsf\x1f" "34052419800101001x\x1f" "武当山掌门");
  g_assert_cmpstr (sxx, ==, "单雄信\x1fshanxiongxin\x1fsxx\x1f" "danxiongxin\x1f" "dxx\x1f\x1f");
  g_assert_cmpstr (lb, ==, "吕布\x1flvbu\x1flb\x1flubu\x1f\x1f");
  g_assert_cmpstr (wide, ==, "mary 王\x1fmarywang\x1fmaryw\x1f" "340123\x1f科长(正科级)");

  for (const char *const *q = (const char *const[]) { "z", "zs", "zsf", "ZSF", " zsf ", "zhang",
                                                      "sanfeng", "张", "张三", "3405", "３４０５",
                                                      "001x", "001X", "掌门", "山 掌", NULL };
       *q != NULL; q++)
    if (!search (zsf, *q))
      g_error ("query '%s' should find 张三丰", *q);

  for (const char *const *q = (const char *const[]) { "zsx", "lisi", "x3", "fengz", NULL };
       *q != NULL; q++)
    if (search (zsf, *q))
      g_error ("query '%s' should not find 张三丰", *q);

  g_assert_true (search (sxx, "sxx"));
  g_assert_true (search (sxx, "shanxiong"));
  g_assert_true (search (sxx, "dxx"));
  g_assert_true (search (lb, "lv"));
  g_assert_true (search (lb, "lubu"));
  g_assert_true (search (wide, "mary 王"));
  g_assert_true (search (wide, "(正科级)"));

  /* Rosters pad two-character names to three. */
  {
    g_autofree char *padded = ld_search_text ("王　明", NULL, NULL);

    g_assert_cmpstr (padded, ==, "王明\x1fwangming\x1fwm\x1f\x1f");
    g_assert_true (search (padded, "王明"));
    g_assert_true (search (padded, "王 明"));
  }

  /* No match across two fields. */
  g_assert_false (search (zsf, "zsf34"));
  g_assert_false (search (zsf, "丰zhang"));
}

static void
test_normalise_query (void)
{
  static const struct
  {
    const char *query;
    const char *expected;
  } cases[] = {
    { "", "" },
    { "   ", "" },
    { " ZSF ", "zsf" },
    { "ＺＳＦ", "zsf" },
    { "３４０１", "3401" },
    { "张　三", "张三" },
    { "张 　 三 丰", "张三丰" },
    { "mary 王", "mary 王" },
    { "王 mary", "王 mary" },
    { "a \t\n b", "a b" },
    { "a\x1f" "b", "ab" },
    { "Ａ１", "a1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ld_search_normalise_query (cases[i].query);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Thread safety */

static const char *const thread_names[] = {
  "张三丰", "单雄信", "曾国藩", "欧阳修", "尉迟恭", "王小明", "李四", "陈", "赵", "黄",
  "ＭＡＲＹ", "吕布", "覃明", "翟志刚", "诸葛亮", "司马懿", "", "3",
};

typedef struct
{
  GPtrArray *strings;
  GPtrArray *keys;
} Results;

static void
results_free (Results *results)
{
  g_ptr_array_unref (results->strings);
  g_ptr_array_unref (results->keys);
  g_free (results);
}

static Results *
compute_all (void)
{
  Results *results = g_new0 (Results, 1);

  results->strings = g_ptr_array_new_with_free_func (g_free);
  results->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (int round = 0; round < 50; round++)
    for (gsize i = 0; i < G_N_ELEMENTS (thread_names); i++)
      {
        const char *name = thread_names[i];

        g_ptr_array_add (results->strings, ld_pinyin_full (name));
        g_ptr_array_add (results->strings, ld_pinyin_initials (name));
        g_ptr_array_add (results->strings, ld_pinyin_full_name (name));
        g_ptr_array_add (results->strings, ld_pinyin_initials_name (name));
        g_ptr_array_add (results->strings, ld_search_text (name, "34052419800101001X", "科长"));
        g_ptr_array_add (results->strings, ld_search_normalise_query (name));
        g_ptr_array_add (results->keys, ld_sort_key_stroke (name));
        g_ptr_array_add (results->keys, ld_sort_key_pinyin (name));
      }
  return results;
}

static gpointer
thread_func (gpointer data)
{
  return compute_all ();
}

static void
test_threads (void)
{
  Results *expected = compute_all ();
  GThread *threads[8];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("search-keys", thread_func, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      Results *got = g_thread_join (threads[i]);

      g_assert_cmpuint (got->strings->len, ==, expected->strings->len);
      g_assert_cmpuint (got->keys->len, ==, expected->keys->len);
      for (guint j = 0; j < got->strings->len; j++)
        g_assert_cmpstr (got->strings->pdata[j], ==, expected->strings->pdata[j]);
      for (guint j = 0; j < got->keys->len; j++)
        g_assert_true (g_bytes_equal (got->keys->pdata[j], expected->keys->pdata[j]));
      results_free (got);
    }
  results_free (expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-keys/stroke/order", test_stroke_order);
  g_test_add_func ("/search-keys/stroke/count-groups", test_stroke_count_groups);
  g_test_add_func ("/search-keys/pinyin/order", test_pinyin_order);
  g_test_add_func ("/search-keys/sort-key/equal-and-empty", test_sort_key_equal_and_empty);
  g_test_add_func ("/search-keys/pinyin/common", test_pinyin_common);
  g_test_add_func ("/search-keys/pinyin/surnames", test_pinyin_surnames);
  g_test_add_func ("/search-keys/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/search-keys/search-text", test_search_text);
  g_test_add_func ("/search-keys/normalise-query", test_normalise_query);
  g_test_add_func ("/search-keys/threads", test_threads);

  return g_test_run ();
}
