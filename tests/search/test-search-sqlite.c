/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "search/ld-search-keys.h"
#include "search/ld-search-sqlite.h"

static sqlite3 *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (ld_search_sqlite_register (db, &error));
  g_assert_no_error (error);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The single text or integer result of `sql`, as text ("NULL" for NULL). */
static char *
query_one (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    result = g_strdup ("NULL");
  else
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static void
test_contains (void)
{
  sqlite3 *db = open_db ();
  static const struct
  {
    const char *sql;
    const char *expected;
  } cases[] = {
    { "SELECT ld_contains('abc', 'b')", "1" },
    { "SELECT ld_contains('abc', 'x')", "0" },
    { "SELECT ld_contains('abc', '')", "1" },
    { "SELECT ld_contains(NULL, 'a')", "0" },
    { "SELECT ld_contains('a', NULL)", "0" },
    { "SELECT ld_contains(ld_search_text('张三丰', '340524', '科长'), 'zsf')", "1" },
    { "SELECT ld_contains(ld_search_text('单雄信', NULL, NULL), 'sxx')", "1" },
    { "SELECT ld_stroke_key(NULL)", "NULL" },
    { "SELECT typeof(ld_stroke_key(''))", "blob" },
    { "SELECT typeof(ld_pinyin_key('张'))", "blob" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = query_one (db, cases[i].sql);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  {
    g_autofree char *got = query_one (db, "SELECT ld_search_text('张三丰', NULL, NULL)");
    g_autofree char *expected = ld_search_text ("张三丰", NULL, NULL);

    g_assert_cmpstr (got, ==, expected);
  }
  sqlite3_close (db);
}

static void
test_order_by_key (void)
{
  static const char *const roster[] = { "丁一", "王五", "刘备", "张三丰", "陈平", "周瑜", "赵云", "黄忠" };
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gsize n = 0;

  exec (db, "CREATE TABLE cadre (name TEXT, stroke_key BLOB)");
  /* Insert in reverse, fill the keys in SQL as a migration would. */
  for (gsize i = G_N_ELEMENTS (roster); i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO cadre (name) VALUES ('%s')",
                                              roster[i - 1]);

      exec (db, sql);
    }
  exec (db, "UPDATE cadre SET stroke_key = ld_stroke_key(name)");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM cadre ORDER BY stroke_key",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, roster[n++]);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (roster));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_version (void)
{
  const char *version = ld_search_keys_version ();

  g_test_message ("%s", version);
  g_assert_nonnull (strstr (version, "stroke="));
  g_assert_nonnull (strstr (version, "tables="));
  g_assert_true (version == ld_search_keys_version ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-sqlite/contains", test_contains);
  g_test_add_func ("/search-sqlite/order-by-key", test_order_by_key);
  g_test_add_func ("/search-sqlite/version", test_version);

  return g_test_run ();
}
