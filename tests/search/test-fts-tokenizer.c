/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fts-tokenizer"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "search/ld-fts-tokenizer.h"

typedef struct
{
  const char *text;
  int         start;
  int         end;
} Expected;

static void
assert_tokens (const char     *text,
               gssize          len,
               const Expected *expected,
               guint           n_expected)
{
  g_autoptr(GArray) tokens = ld_fts_tokenize (text, len);

  if (tokens->len != n_expected)
    {
      for (guint i = 0; i < tokens->len; i++)
        g_printerr ("  token %u: %s [%d, %d)\n", i, g_array_index (tokens, LdFtsToken, i).text,
                    g_array_index (tokens, LdFtsToken, i).start, g_array_index (tokens, LdFtsToken, i).end);
    }
  g_assert_cmpuint (tokens->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const LdFtsToken *t = &g_array_index (tokens, LdFtsToken, i);

      g_assert_cmpstr (t->text, ==, expected[i].text);
      g_assert_cmpint (t->start, ==, expected[i].start);
      g_assert_cmpint (t->end, ==, expected[i].end);
      g_assert_cmpint (t->position, ==, (int) i);
      g_assert_true (g_utf8_validate (t->text, -1, NULL));
    }
}

static void
test_mixed (void)
{
  /* 张三 | 2026 | 年收受礼金 | 5000 | 元 | ABC | 公司 */
  static const Expected expected[] = {
    { "张三", 0, 6 },
    { "2026", 6, 10 },
    { "年收", 10, 16 },
    { "收受", 13, 19 },
    { "受礼", 16, 22 },
    { "礼金", 19, 25 },
    { "5000", 25, 29 },
    { "元", 29, 32 },
    { "abc", 32, 35 },
    { "公司", 35, 41 },
  };

  assert_tokens ("张三2026年收受礼金5000元ABC公司", -1, expected, G_N_ELEMENTS (expected));
}

static void
test_punctuation (void)
{
  static const Expected chinese[] = {
    { "张三", 0, 6 },
    { "李四", 9, 15 },
    { "王", 18, 21 },
  };
  static const Expected latin[] = {
    { "a", 1, 2 },
    { "b", 3, 4 },
    { "c", 5, 6 },
    { "d", 7, 8 },
  };
  static const Expected words[] = {
    { "hello", 0, 5 },
    { "world42", 7, 14 },
    { "ab", 15, 17 },
    { "cd", 18, 20 },
  };
  g_autoptr(GArray) tokens = NULL;

  /* Full-width punctuation separates, a single character stands alone. */
  assert_tokens ("张三，李四。王", -1, chinese, G_N_ELEMENTS (chinese));
  /* Underscore and ASCII punctuation separate too. */
  assert_tokens ("(A.B-C_D)", -1, latin, G_N_ELEMENTS (latin));
  assert_tokens ("HELLO, World42!AB cd", -1, words, G_N_ELEMENTS (words));

  /* Nothing but separators. */
  tokens = ld_fts_tokenize (" ，。！？、\t\n--**\"\"()", -1);
  g_assert_cmpuint (tokens->len, ==, 0);
  g_clear_pointer (&tokens, g_array_unref);
  tokens = ld_fts_tokenize (NULL, -1);
  g_assert_cmpuint (tokens->len, ==, 0);
}

static void
test_full_width (void)
{
  /* Ｕ+FF21… letters and digits read as ASCII; offsets stay the original. */
  static const Expected expected[] = {
    { "abc2026", 0, 21 },
    { "公司", 21, 27 },
  };
  static const Expected mixed[] = {
    { "x2", 0, 4 },
    { "年", 4, 7 },
  };

  assert_tokens ("ＡＢＣ２０２６公司", -1, expected, G_N_ELEMENTS (expected));
  assert_tokens ("x２年", -1, mixed, G_N_ELEMENTS (mixed));
}

static void
test_other_scripts (void)
{
  static const Expected expected[] = {
    { "straße", 0, 7 },
    { "москва", 8, 20 },
    { "東京", 21, 27 },
    { "京カ", 24, 30 },
    { "カタ", 27, 33 },
  };

  assert_tokens ("Straße Москва 東京カタ", -1, expected, G_N_ELEMENTS (expected));
}

static void
test_scope_mark (void)
{
  /* U+E000 starts a word, never continues one. */
  static const Expected expected[] = {
    { "\xee\x80\x80" "12", 0, 5 },
    { "ab", 6, 8 },
    { "\xee\x80\x80" "c", 8, 12 },
    { "\xee\x80\x80", 13, 16 },
  };

  assert_tokens ("\xee\x80\x80" "12 ab\xee\x80\x80" "c \xee\x80\x80", -1, expected, G_N_ELEMENTS (expected));
}

static void
test_hostile_bytes (void)
{
  static const Expected emoji[] = {
    { "张三", 4, 10 },
    { "ok", 18, 20 },
  };
  static const Expected invalid[] = {
    { "张", 1, 4 },
    { "三", 5, 8 },
    { "ab", 8, 10 },
    { "cd", 11, 13 },
  };
  static const Expected cut[] = {
    { "张三", 0, 6 },
  };
  g_autofree char *long_word = g_strnfill (500, 'x');
  g_autoptr(GArray) tokens = NULL;

  assert_tokens ("😀张三👍🏽ok", -1, emoji, G_N_ELEMENTS (emoji));
  assert_tokens ("\xff张\xfe三ab\xc0" "cd", -1, invalid, G_N_ELEMENTS (invalid));
  /* A length cuts in the middle of a character: the partial one is skipped. */
  assert_tokens ("张三李", 8, cut, G_N_ELEMENTS (cut));
  /* An overlong word is cut, its offsets cover all of it. */
  tokens = ld_fts_tokenize (long_word, -1);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpuint (strlen (g_array_index (tokens, LdFtsToken, 0).text), <=, LD_FTS_MAX_WORD_BYTES);
  g_assert_cmpint (g_array_index (tokens, LdFtsToken, 0).end, ==, 500);
}

static void
test_query_build (void)
{
  static const struct
  {
    const char *query;
    const char *expected;
  } cases[] = {
    { "张三", "\"张三\"" },
    { "收受礼金", "\"收受礼金\"" },
    { "收受礼金 ABC", "\"收受礼金\" \"abc\"" },
    { "张三2026年", "\"张三\" \"2026\" \"年*\"" },
    { "张", "\"张*\"" },
    { "ＡＢＣ公司", "\"abc\" \"公司\"" },
    /* What a hostile user types is only words. */
    { "张三\" OR 1=1 --", "\"张三\" \"or\" \"1\" \"1\"" },
    { "title:secret*", "\"title\" \"secret\"" },
    { "-foo NEAR/3 bar", "\"foo\" \"near\" \"3\" \"bar\"" },
    { "\"\" \") OR (\"", "\"or\"" },
    { "body:\"x\" AND NOT y", "\"body\" \"x\" \"and\" \"not\" \"y\"" },
    { "a'; DROP TABLE cadres; --", "\"a\" \"drop\" \"table\" \"cadres\"" },
    { "\xff\xfe张\xc0三", "\"张*\" \"三*\"" },
    /* The scope mark never reaches a query. */
    { "\xee\x80\x80" "12 a\xee\x80\x80" "b", "\"12\" \"a\" \"b\"" },
  };
  static const char * const empty[] = { "", "   ", "\"\"", "*", "()", "--", "😀", "，。", "\xff\xfe", "\xee\x80\x80" };
  g_autofree char *many = NULL;
  g_autofree char *long_run = NULL;
  GString *run = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *built = ld_fts_query_build (cases[i].query);

      g_assert_cmpstr (built, ==, cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    g_assert_null (ld_fts_query_build (empty[i]));
  g_assert_null (ld_fts_query_build (NULL));

  /* At most LD_FTS_MAX_QUERY_TERMS terms; a long CJK run is cut. */
  many = ld_fts_query_build ("a b c d e f g h i j k l m n o p q r s t");
  g_assert_cmpstr (many, ==, "\"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\" \"i\" \"j\" \"k\" \"l\"");
  for (guint i = 0; i < 100; i++)
    g_string_append (run, "廉");
  long_run = ld_fts_query_build (run->str);
  g_assert_cmpuint (g_utf8_strlen (long_run, -1), ==, LD_FTS_MAX_QUERY_RUN + 2);
  g_string_free (run, TRUE);
}

/* --- In SQLite ----------------------------------------------------------- */

static sqlite3 *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (ld_fts_tokenizer_register (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts4 (title, body, tokenize=ldcjk)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
insert (sqlite3    *db,
        gint64      docid,
        const char *title,
        const char *body)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (docid, title, body) VALUES (?, ?, ?)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, docid);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* The docids matching what a user typed, best first, as "1,3". */
static char *
search (sqlite3    *db,
        const char *query)
{
  g_autofree char *match = ld_fts_query_build (query);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (match == NULL)
    return g_string_free (out, FALSE);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT docid FROM t WHERE t MATCH ?"
                                       " ORDER BY ld_fts_rank (matchinfo (t, 'pcy')) DESC, docid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%lld", out->len > 0 ? "," : "", (long long) sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    g_error ("MATCH %s: %s", match, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

#define assert_search(db, query, expected)                       \
  G_STMT_START {                                                 \
    g_autofree char *found__ = search ((db), (query));           \
    g_assert_cmpstr (found__, ==, (expected));                   \
  } G_STMT_END

static void
test_sqlite (void)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  static const char * const hostile[] = {
    "\"", "\"\"\"", "a\" OR \"b", "*", "NEAR", "title:", "a:b:c", "(((", "NOT", "-", "^x", "x NEAR/2 y",
    "张三\" OR 1=1 --", "\xff\xfe", "😀😀", "'", "\\", "%_",
  };

  insert (db, 1, "", "张三2026年收受礼金5000元ABC公司");
  insert (db, 2, "李四", "收受礼品，未收礼金");
  insert (db, 3, "", "王五在会上谈到礼金问题，礼金礼金");
  insert (db, 4, "礼金", "无");
  insert (db, 5, "", "小张三人 Ｈｅｌｌｏ world");

  assert_search (db, "张三", "1,5");
  assert_search (db, "收受礼金", "1");
  /* The bigrams must stand in a row: 收受 … 礼金 apart do not match. */
  assert_search (db, "受礼金", "1");
  assert_search (db, "abc", "1");
  assert_search (db, "ＡＢＣ", "1");
  assert_search (db, "hello", "5");
  assert_search (db, "2026", "1");
  assert_search (db, "5000元", "1");
  /* The title weighs more than the body; more hits more than fewer. */
  assert_search (db, "礼金", "4,3,1,2");
  /* One character: alone, or starting a bigram. */
  assert_search (db, "元", "1");
  assert_search (db, "王", "3");
  assert_search (db, "李", "2");
  assert_search (db, "不存在", "");

  /* Hostile queries never reach MATCH as syntax: no error, no surprise. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *found = search (db, hostile[i]);

      g_assert_nonnull (found);
    }

  /* offsets() point into the original text, full-width letters included;
   * the bigrams of a phrase overlap (which snippet() cannot show, so the
   * search builds its snippets from offsets()). */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT offsets (t) FROM t WHERE t MATCH ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "\"hello\"", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "1 0 13 15");
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, "\"收受礼金\"", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "1 0 13 6 1 1 16 6 1 2 19 6");
  sqlite3_finalize (stmt);

  /* Registering switched the two-argument fts3_tokenizer() off again. */
  g_assert_cmpint (sqlite3_exec (db, "SELECT fts3_tokenizer ('evil', x'0100000000000000')", NULL, NULL, NULL),
                   !=, SQLITE_OK);

  sqlite3_close (db);
}

static void
test_fields_text (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (ld_fts_tokenizer_register (db, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ld_fts_fields_text (?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "PM1=已婚\nPA3=住房一套\\n车库\\\\一个\nempty=\nnoequals\n", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "已婚\n住房一套\n车库\\一个");
  sqlite3_reset (stmt);
  sqlite3_bind_null (stmt, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fts-tokenizer/mixed", test_mixed);
  g_test_add_func ("/fts-tokenizer/punctuation", test_punctuation);
  g_test_add_func ("/fts-tokenizer/full-width", test_full_width);
  g_test_add_func ("/fts-tokenizer/other-scripts", test_other_scripts);
  g_test_add_func ("/fts-tokenizer/scope-mark", test_scope_mark);
  g_test_add_func ("/fts-tokenizer/hostile-bytes", test_hostile_bytes);
  g_test_add_func ("/fts-tokenizer/query-build", test_query_build);
  g_test_add_func ("/fts-tokenizer/sqlite", test_sqlite);
  g_test_add_func ("/fts-tokenizer/fields-text", test_fields_text);

  return g_test_run ();
}
