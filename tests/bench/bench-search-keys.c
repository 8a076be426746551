/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/ld-search-keys.h"
#include "search/ld-search-sqlite.h"

/* Search as you type over 100,000 cadres (DESIGN.md, "Performance
 * targets"): at most 50 ms per keystroke. Generates deterministic synthetic
 * rows (name, 18-digit ID number, post), then measures
 *   build-search-text  ld_search_text() for every row (per row);
 *   sort-key-stroke    ld_sort_key_stroke() for every name plus a memcmp sort;
 *   search "q"         normalising the query and a strstr() scan over all
 *                      100k haystacks, per keystroke.
 * The baseline of a search is the same strstr() scan over the raw names
 * only; the baseline of the build is copying the raw fields into one string
 * (g_strjoin), i.e. the cost without normalisation and pinyin.
 *
 * The list page will search in the vault, so the same queries also run in
 * an encrypted SQLCipher database (the vault's settings: raw key, 1 KiB
 * pages, HMAC) over a narrow table holding only the search texts, with
 * SQLite's instr() and with ld_contains() (strstr, ld-search-sqlite.h),
 * with the default 2 MiB page cache and with a 32 MiB one; the baseline
 * is instr(name, ?) over the same rows. Exits 1 when a keystroke takes
 * more than 50 ms in memory or with ld_contains() and the 32 MiB cache. */

#define N_ROWS        100000
#define SEED          20261126
#define TARGET_MS     50.0
#define SEARCH_ROUNDS 11
#define INSTR         "instr(search_text, ?1) > 0"
#define CONTAINS      "ld_contains(search_text, ?1)"

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
  "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
  "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
  "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
  "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "单", "解", "仇", "查", "乐",
  "欧阳", "司马", "诸葛", "上官", "尉迟",
};

static const char *const given_chars =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍毅浩宇轩子涵欣怡梓晨雨"
  "佳琪思远博文建国建华志强志明海燕红梅春花秋菊德胜振华国庆卫东晓东晓明丹丹婷婷"
  "鹏飞俊杰嘉怡雅琴慧敏淑珍丰三";

static const char *const posts[] = {
  "党委书记", "县长", "副县长", "局长", "副局长", "科长", "副科长", "主任科员", "一级主任科员",
  "乡镇党委书记", "镇长", "纪委书记", "监委主任", "办公室主任", "总经理", "副总经理",
  "董事长", "校长", "院长", "处长",
};

typedef struct
{
  char *name;
  char *id_number;
  char *post;
} Row;

static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

static void
report (const char *name,
        double      project,
        double      baseline,
        const char *unit)
{
  printf ("%-24s project %10.3f %s  baseline %10.3f %s  ratio %7.2f  peak-rss %.1f MiB\n",
          name, project, unit, baseline, unit, baseline > 0 ? project / baseline : 0.0,
          peak_rss_mib ());
  fflush (stdout);
}

static Row *
generate_rows (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GArray) given = g_array_new (FALSE, FALSE, sizeof (gunichar));
  Row *rows = g_new0 (Row, N_ROWS);

  for (const char *p = given_chars; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_array_append_val (given, c);
    }

  for (int i = 0; i < N_ROWS; i++)
    {
      GString *name = g_string_new (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
      int n_given = g_rand_int_range (rand, 0, 10) < 7 ? 2 : 1;
      char id[19];

      for (int j = 0; j < n_given; j++)
        {
          int k = g_rand_int_range (rand, 0, given->len);

          g_string_append_unichar (name, g_array_index (given, gunichar, k));
        }

      /* Region (6), birth date (8), sequence (3), check character. */
      g_snprintf (id, sizeof id, "%06d%04d%02d%02d%03d",
                  g_rand_int_range (rand, 110000, 660000), g_rand_int_range (rand, 1955, 2001),
                  g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                  g_rand_int_range (rand, 0, 1000));
      id[17] = "0123456789X"[g_rand_int_range (rand, 0, 11)];
      id[18] = '\0';

      rows[i].name = g_string_free (name, FALSE);
      rows[i].id_number = g_strdup (id);
      rows[i].post = g_strdup (posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (posts))]);
    }
  /* A few known rows so the queries have exact hits. */
  g_free (rows[N_ROWS / 2].name);
  rows[N_ROWS / 2].name = g_strdup ("张三丰");
  return rows;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_bytes_compare (*(GBytes *const *) a, *(GBytes *const *) b);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static guint
scan (char *const *haystacks,
      const char   *needle)
{
  guint hits = 0;

  for (int i = 0; i < N_ROWS; i++)
    if (strstr (haystacks[i], needle) != NULL)
      hits++;
  return hits;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3 *
open_vault (const char *path)
{
  static const char key[] = "x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'";
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK || sqlite3_key (db, key, strlen (key)) != SQLITE_OK)
    g_error ("Could not open %s", path);
  exec_or_die (db, "PRAGMA cipher_page_size = 1024");
  exec_or_die (db, "PRAGMA temp_store = MEMORY");
  if (!ld_search_sqlite_register (db, NULL))
    g_error ("Could not register the search functions");
  return db;
}

static void
fill_vault (sqlite3    *db,
            const Row  *rows,
            char      **haystacks)
{
  sqlite3_stmt *stmt = NULL;

  exec_or_die (db, "CREATE TABLE cadre (id INTEGER PRIMARY KEY, name TEXT, id_number TEXT, "
                   "post TEXT, stroke_key BLOB)");
  exec_or_die (db, "CREATE TABLE cadre_search (id INTEGER PRIMARY KEY, search_text TEXT)");
  exec_or_die (db, "BEGIN");
  sqlite3_prepare_v2 (db, "INSERT INTO cadre VALUES (?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL);
  for (int i = 0; i < N_ROWS; i++)
    {
      g_autoptr(GBytes) key = ld_sort_key_stroke (rows[i].name);
      gsize len;
      const void *data = g_bytes_get_data (key, &len);

      sqlite3_bind_int (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, rows[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, rows[i].id_number, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, rows[i].post, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 5, data, (int) len, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO cadre_search VALUES (?1, ?2)", -1, &stmt, NULL);
  for (int i = 0; i < N_ROWS; i++)
    {
      sqlite3_bind_int (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, haystacks[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_die (db, "CREATE INDEX cadre_stroke ON cadre (stroke_key)");
  exec_or_die (db, "COMMIT");
}

static guint
count_matches (sqlite3    *db,
               const char *sql,
               const char *needle)
{
  sqlite3_stmt *stmt = NULL;
  guint hits = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    hits++;
  sqlite3_finalize (stmt);
  return hits;
}

/* Median of SEARCH_ROUNDS runs of the project and baseline queries. */
static gboolean
measure_vault (sqlite3    *db,
               const char *setup,
               const char *condition,
               const char *query,
               gboolean    enforce)
{
  g_autofree char *sql = g_strconcat ("SELECT id FROM cadre_search WHERE ", condition, NULL);
  double project_ms[SEARCH_ROUNDS], baseline_ms[SEARCH_ROUNDS];
  g_autofree char *needle = NULL;
  char label[64];
  guint hits = 0;
  gint64 start;

  for (int round = 0; round < SEARCH_ROUNDS; round++)
    {
      start = g_get_monotonic_time ();
      g_free (needle);
      needle = ld_search_normalise_query (query);
      hits = count_matches (db, sql, needle);
      project_ms[round] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      count_matches (db, "SELECT id FROM cadre WHERE instr(name, ?1) > 0", query);
      baseline_ms[round] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (project_ms, SEARCH_ROUNDS, sizeof (double), compare_doubles);
  qsort (baseline_ms, SEARCH_ROUNDS, sizeof (double), compare_doubles);

  g_snprintf (label, sizeof label, "%s \"%s\" (%u hits)", setup, query, hits);
  report (label, project_ms[SEARCH_ROUNDS / 2], baseline_ms[SEARCH_ROUNDS / 2], "ms");
  if (enforce && project_ms[SEARCH_ROUNDS / 2] > TARGET_MS)
    {
      printf ("# FAIL: %s \"%s\" takes %.3f ms per keystroke, more than %.0f ms\n",
              setup, query, project_ms[SEARCH_ROUNDS / 2], TARGET_MS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bench_vault (const Row  *rows,
             char      **haystacks,
             const char *const *queries,
             gsize       n_queries)
{
  g_autofree char *dir = g_dir_make_tmp ("ld-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "vault.db", NULL);
  gboolean ok = TRUE;
  sqlite3 *db;
  gint64 start;
  sqlite3_stmt *stmt = NULL;
  double order_ms;

  db = open_vault (path);
  start = g_get_monotonic_time ();
  fill_vault (db, rows, haystacks);
  report ("vault-insert", (g_get_monotonic_time () - start) / (double) N_ROWS, 0, "us/row");
  sqlite3_close (db);

  db = open_vault (path);
  for (gsize q = 0; q < n_queries; q++)
    measure_vault (db, "vault-2MiB-instr", INSTR, queries[q], FALSE);
  for (gsize q = 0; q < n_queries; q++)
    measure_vault (db, "vault-2MiB-strstr", CONTAINS, queries[q], FALSE);

  exec_or_die (db, "PRAGMA cache_size = -32768");
  for (gsize q = 0; q < n_queries; q++)
    measure_vault (db, "vault-32MiB-instr", INSTR, queries[q], FALSE);
  for (gsize q = 0; q < n_queries; q++)
    ok &= measure_vault (db, "vault-32MiB-strstr", CONTAINS, queries[q], TRUE);

  /* The first page of the list in roster order. */
  start = g_get_monotonic_time ();
  sqlite3_prepare_v2 (db, "SELECT id, name FROM cadre ORDER BY stroke_key LIMIT 200",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  order_ms = (g_get_monotonic_time () - start) / 1000.0;
  report ("vault-first-page-stroke", order_ms, 0, "ms");

  sqlite3_close (db);
  g_unlink (path);
  g_rmdir (dir);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  static const char *const queries[] = { "z", "zs", "zsf", "张", "3401" };
  Row *rows = generate_rows ();
  char **haystacks = g_new0 (char *, N_ROWS + 1);
  char **names = g_new0 (char *, N_ROWS + 1);
  char **joined = g_new0 (char *, N_ROWS + 1);
  GBytes **keys = g_new0 (GBytes *, N_ROWS);
  gboolean ok = TRUE;
  gint64 start;
  double project, baseline;

  printf ("# %d synthetic rows, seed %d; times in ms unless marked\n", N_ROWS, SEED);

  /* Warm up: the first call opens the ICU collators and transliterator. */
  g_free (ld_search_text ("张三丰", "1", "2"));
  g_bytes_unref (ld_sort_key_stroke ("张三丰"));

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_ROWS; i++)
    haystacks[i] = ld_search_text (rows[i].name, rows[i].id_number, rows[i].post);
  project = (g_get_monotonic_time () - start) / (double) N_ROWS;

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_ROWS; i++)
    joined[i] = g_strjoin ("\x1f", rows[i].name, rows[i].id_number, rows[i].post, NULL);
  baseline = (g_get_monotonic_time () - start) / (double) N_ROWS;
  report ("build-search-text", project, baseline, "us/row");

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_ROWS; i++)
    keys[i] = ld_sort_key_stroke (rows[i].name);
  qsort (keys, N_ROWS, sizeof (GBytes *), compare_keys);
  project = (g_get_monotonic_time () - start) / (double) N_ROWS;

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_ROWS; i++)
    names[i] = g_strdup (rows[i].name);
  qsort (names, N_ROWS, sizeof (char *), (GCompareFunc) g_strcmp0);
  baseline = (g_get_monotonic_time () - start) / (double) N_ROWS;
  report ("sort-key-stroke+sort", project, baseline, "us/row");

  /* The baseline scans the raw names in their original order. */
  for (int i = 0; i < N_ROWS; i++)
    {
      g_free (names[i]);
      names[i] = g_strdup (rows[i].name);
    }

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double project_ms[SEARCH_ROUNDS], baseline_ms[SEARCH_ROUNDS];
      char label[64];
      guint hits = 0, raw_hits = 0;

      for (int round = 0; round < SEARCH_ROUNDS; round++)
        {
          g_autofree char *needle = NULL;

          start = g_get_monotonic_time ();
          needle = ld_search_normalise_query (queries[q]);
          hits = scan (haystacks, needle);
          project_ms[round] = (g_get_monotonic_time () - start) / 1000.0;

          start = g_get_monotonic_time ();
          raw_hits = scan (names, queries[q]);
          baseline_ms[round] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (project_ms, SEARCH_ROUNDS, sizeof (double), compare_doubles);
      qsort (baseline_ms, SEARCH_ROUNDS, sizeof (double), compare_doubles);

      g_snprintf (label, sizeof label, "search \"%s\" (%u hits)", queries[q], hits);
      report (label, project_ms[SEARCH_ROUNDS / 2], baseline_ms[SEARCH_ROUNDS / 2], "ms");
      printf ("#   raw-name hits %u; slowest of %d rounds %.3f ms\n",
              raw_hits, SEARCH_ROUNDS, project_ms[SEARCH_ROUNDS - 1]);
      if (project_ms[SEARCH_ROUNDS / 2] > TARGET_MS)
        {
          printf ("# FAIL: \"%s\" takes %.3f ms per keystroke, more than %.0f ms\n",
                  queries[q], project_ms[SEARCH_ROUNDS / 2], TARGET_MS);
          ok = FALSE;
        }
      if (hits == 0)
        {
          printf ("# FAIL: \"%s\" finds nothing\n", queries[q]);
          ok = FALSE;
        }
    }

  ok &= bench_vault (rows, haystacks, queries, G_N_ELEMENTS (queries));

  for (int i = 0; i < N_ROWS; i++)
    {
      g_free (rows[i].name);
      g_free (rows[i].id_number);
      g_free (rows[i].post);
      g_bytes_unref (keys[i]);
    }
  g_free (rows);
  g_free (keys);
  g_strfreev (haystacks);
  g_strfreev (names);
  g_strfreev (joined);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
