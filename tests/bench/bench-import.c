/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-roster-import.h"
#include "exchange/ld-table-reader.h"
#include "ld-error.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "rules/ld-id-number.h"
#include "vault/ld-vault.h"

/* Importing a roster of 100,000 cadres (DESIGN.md, "Performance
 * targets"). Writes a deterministic XLSX (title row, header and 99,998
 * rows of 12 columns, 40 units: 100,000 sheet rows), then measures
 *   project   ld_import_plan_new() + ld_import_plan_commit() into a fresh
 *             vault: read and parse the file, match 40 units (20 to
 *             create), convert and validate every row, then write every
 *             cadre with its version, sort keys and search text in one
 *             transaction;
 *   baseline  the same file read with ld_table_read_file() (unzip + XML
 *             parse), plus raw SQLCipher inserting the same rows into a
 *             table of the same width with the same unique index, in one
 *             transaction, on the vault's settings (raw key, 1 KiB pages).
 * Prints "name project baseline ratio peak" lines and exits 1 when the
 * import takes more than 3 times the baseline. */

/* The reader's cap is 100,000 sheet rows: a title, a header and the rest. */
#define N_ROWS     (LD_TABLE_MAX_ROWS - 2)
#define N_UNITS    40
#define SEED       20261126
#define MAX_RATIO  3.0
#define PASSWORD   "Bench#Pass-2026"

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
  "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马",
};
static const char * const given[] = {
  "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
  "超", "建国", "建华", "志强", "海燕", "红梅", "振华", "国庆", "晓东", "鹏飞", "俊杰", "雅琴", "慧敏",
};
static const char * const posts[] = {
  "党委书记", "局长", "副局长", "科长", "副科长", "主任科员", "办公室主任", "镇长", "纪委书记", "科员",
};
static const char * const ranks[] = { "正科级", "副科级", "四级调研员", "一级主任科员", "二级科员", "副处级" };
static const char * const political[] = { "中共党员", "群众", "共青团员", "中共预备党员" };
static const char * const education[] = { "大学本科", "研究生", "大专", "中专" };
static const char * const ethnicities[] = { "汉族", "回族", "壮族", "满族" };
static const char * const headers[] = {
  "序号", "姓名", "性别", "身份证号", "出生年月", "民族", "政治面貌", "学历", "工作单位", "现任职务",
  "职级", "任现职时间", NULL
};
#define N_COLUMNS 12

typedef struct
{
  char *cells[N_COLUMNS];
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
        double      baseline)
{
  printf ("%-28s project %10.3f s  baseline %10.3f s  ratio %7.2f  peak-rss %.1f MiB\n", name, project, baseline,
          baseline > 0 ? project / baseline : 0.0, peak_rss_mib ());
  fflush (stdout);
}

static Row *
generate_rows (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  Row *rows = g_new0 (Row, N_ROWS);

  for (guint i = 0; i < N_ROWS; i++)
    {
      Row *r = &rows[i];
      int year = 1960 + g_rand_int_range (rand, 0, 40);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, 29);
      /* Region and sequence make every number distinct: 100 regions × 1000. */
      g_autofree char *first17 = g_strdup_printf ("11%02u%02u%04d%02d%02d%03u", (i / 1000) / 100 % 100,
                                                  (i / 1000) % 100, year, month, day, i % 1000);

      r->cells[0] = g_strdup_printf ("%u", i + 1);
      r->cells[1] = g_strconcat (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
                                 given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))], NULL);
      r->cells[2] = g_strdup ((i % 1000) % 2 == 1 ? "男" : "女");
      r->cells[3] = g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
      r->cells[4] = g_strdup_printf ("%d.%02d", year, month);
      r->cells[5] = g_strdup (ethnicities[g_rand_int_range (rand, 0, G_N_ELEMENTS (ethnicities))]);
      r->cells[6] = g_strdup (political[g_rand_int_range (rand, 0, G_N_ELEMENTS (political))]);
      r->cells[7] = g_strdup (education[g_rand_int_range (rand, 0, G_N_ELEMENTS (education))]);
      r->cells[8] = g_strdup_printf ("第%02d局", g_rand_int_range (rand, 0, N_UNITS));
      r->cells[9] = g_strdup (posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (posts))]);
      r->cells[10] = g_strdup (ranks[g_rand_int_range (rand, 0, G_N_ELEMENTS (ranks))]);
      r->cells[11] = g_strdup_printf ("%d年%d月", 2010 + g_rand_int_range (rand, 0, 14),
                                      g_rand_int_range (rand, 1, 13));
    }
  return rows;
}

static void
write_xlsx (const char *path,
            const char *tmpdir,
            Row        *rows)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) tmpdir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "干部名册");

  worksheet_write_string (ws, 0, 0, "某县干部花名册", NULL);
  for (int c = 0; headers[c] != NULL; c++)
    worksheet_write_string (ws, 1, (lxw_col_t) c, headers[c], NULL);
  for (guint i = 0; i < N_ROWS; i++)
    for (int c = 0; c < N_COLUMNS; c++)
      {
        if (c == 0)
          worksheet_write_number (ws, (lxw_row_t) (2 + i), 0, (double) (i + 1), NULL);
        else
          worksheet_write_string (ws, (lxw_row_t) (2 + i), (lxw_col_t) c, rows[i].cells[c], NULL);
      }
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("Could not write %s", path);
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

/* A vault with an investigator who holds every unit, signed in, and a top
 * unit with half of the roster's units below it. */
static LdVault *
make_vault (const char *dir,
            gint64     *county)
{
  g_autofree char *path = g_build_filename (dir, "vault", NULL);
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_vault_new (path);
  LdUnitSpec spec = { .name = "某县", .kind = "party-organ" };

  check (ld_vault_create (vault, "admin", PASSWORD, LD_KDF_INTERACTIVE, &error), error);
  check (ld_user_repository_add (vault, "sec", LD_ROLE_SECADMIN, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error),
         error);
  check (ld_user_repository_add (vault, "imp", LD_ROLE_INVESTIGATOR, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error),
         error);
  check (ld_vault_unlock (vault, "sec", "Initial-Pass-1", &error), error);
  check (ld_user_repository_set_password (vault, "sec", "Initial-Pass-1", PASSWORD, &error), error);
  check (ld_scope_grant (vault, "imp", 0, &error), error);
  check (ld_vault_unlock (vault, "imp", "Initial-Pass-1", &error), error);
  check (ld_user_repository_set_password (vault, "imp", "Initial-Pass-1", PASSWORD, &error), error);
  check (ld_unit_repository_create (vault, &spec, county, &error), error);
  for (int u = 0; u < N_UNITS; u += 2)
    {
      g_autofree char *name = g_strdup_printf ("第%02d局", u);
      LdUnitSpec child = { .parent_id = *county, .name = name, .kind = "government-organ" };

      check (ld_unit_repository_create (vault, &child, NULL, &error), error);
    }
  return vault;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The raw insert: one statement per row into a table as wide as cadres. */
static double
raw_insert (const char *dir,
            Row        *rows)
{
  static const char key[] = "x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'";
  g_autofree char *path = g_build_filename (dir, "raw.db", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GString) create = g_string_new ("CREATE TABLE cadres (id INTEGER PRIMARY KEY");
  g_autoptr(GString) insert = g_string_new ("INSERT INTO cadres VALUES (NULL");
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK || sqlite3_key (db, key, strlen (key)) != SQLITE_OK)
    g_error ("Could not open %s", path);
  exec_or_die (db, "PRAGMA cipher_page_size = 1024");
  exec_or_die (db, "PRAGMA journal_mode = WAL");
  for (int c = 0; c < 30; c++)
    {
      g_string_append_printf (create, ", c%d TEXT NOT NULL DEFAULT ''", c);
      g_string_append (insert, ", ?");
    }
  g_string_append (create, ")");
  g_string_append (insert, ")");
  exec_or_die (db, create->str);
  exec_or_die (db, "CREATE UNIQUE INDEX cadres_id_number ON cadres (c3)");
  if (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  g_timer_start (timer);
  exec_or_die (db, "BEGIN");
  for (guint i = 0; i < N_ROWS; i++)
    {
      sqlite3_reset (stmt);
      for (int c = 0; c < 30; c++)
        sqlite3_bind_text (stmt, c + 1, c < N_COLUMNS ? rows[i].cells[c] : "", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
    }
  exec_or_die (db, "COMMIT");
  g_timer_stop (timer);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_timer_elapsed (timer, NULL);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(LdTable) table = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liandang-bench-import-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "roster.xlsx", NULL);
  LdImportOptions options = { 0 };
  LdVault *vault;
  Row *rows;
  double t_read, t_raw, t_plan, t_commit, baseline, project;
  guint n_create = 0, n_invalid = 0, n_created = 0;
  int status = EXIT_SUCCESS;

  g_assert_nonnull (dir);
  rows = generate_rows ();
  write_xlsx (xlsx, dir, rows);
  printf ("# %d rows of %d columns, %d units (half to create), seed %d\n", N_ROWS, N_COLUMNS, N_UNITS, SEED);

  /* Baseline: parse the file, insert the rows raw. */
  g_timer_start (timer);
  table = ld_table_read_file (xlsx, NULL, &error);
  check (table != NULL, error);
  t_read = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (ld_table_get_n_rows (table), ==, N_ROWS + 2);
  g_clear_pointer (&table, ld_table_free);

  /* The import. */
  vault = make_vault (dir, &options.parent_unit_id);
  g_timer_start (timer);
  plan = ld_import_plan_new (vault, xlsx, &options, NULL, &error);
  check (plan != NULL, error);
  t_plan = g_timer_elapsed (timer, NULL);
  ld_import_plan_get_counts (plan, &n_create, NULL, NULL, &n_invalid);
  g_assert_cmpuint (n_create, ==, N_ROWS);
  g_assert_cmpuint (n_invalid, ==, 0);
  g_assert_cmpuint (ld_import_plan_get_new_units (plan)->len, ==, N_UNITS / 2);
  g_timer_start (timer);
  check (ld_import_plan_commit (vault, plan, NULL, NULL, NULL, &n_created, NULL, &error), error);
  t_commit = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (n_created, ==, N_ROWS);
  project = t_plan + t_commit;

  /* After the vault, which sets up SQLite's allocator first. */
  t_raw = raw_insert (dir, rows);
  baseline = t_read + t_raw;

  report ("read (unzip + XML)", t_read, t_read);
  report ("plan vs read", t_plan, t_read);
  report ("commit vs raw insert", t_commit, t_raw);
  report ("import 100k rows", project, baseline);
  if (project > MAX_RATIO * baseline)
    {
      printf ("# FAIL: the import takes %.1f× the baseline, more than %.0f×\n", project / baseline, MAX_RATIO);
      status = EXIT_FAILURE;
    }

  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
  for (guint i = 0; i < N_ROWS; i++)
    for (int c = 0; c < N_COLUMNS; c++)
      g_free (rows[i].cells[c]);
  g_free (rows);
  remove_dir (dir);
  return status;
}
