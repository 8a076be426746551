/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "search/ld-search-sqlite.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The cadre list page at 100,000 cadres (issue 3, DESIGN.md "Performance
 * targets"), in an encrypted vault made once and kept in
 * $LIANDANG_BUILD_ROOT/bench-data/cadre-list-v1 between runs. Measures,
 * as an investigator who sees every unit:
 *   first-rows      list_ids in stroke order and get_many of the first 200
 *                   (what the page does when it opens)       ≤ 300 ms
 *   stroke-sort     list_ids in stroke order                 ≤ 500 ms
 *   search "…"      list_ids with a search text, per keystroke ≤ 50 ms
 *   category        list_ids of young cadres                  ≤ 500 ms
 *   get-many-200    get_many of 200 ids                       (no target)
 * each against the same query written directly in SQL on the vault's
 * connection (the baseline: what SQLCipher itself costs). A measurement
 * fails when it is above its target and also more than 1.5 times its
 * baseline: on a machine where SQLCipher alone misses the target, only the
 * project's overhead is judged. Prints one line per measurement: name,
 * project ms, baseline ms, ratio, peak RSS. */

#define N_CADRES   100000
#define N_UNITS    200
#define SEED       20261126
#define ROUNDS     5
#define MAX_RATIO  1.5
#define ACCOUNT    "bench"
#define PASSWORD   "Qz-Tower-2026!"
#define ADMIN_PW   "Kp-Harbor-2026!"

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
  "欧阳", "司马", "诸葛",
};
static const char *const given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍毅浩宇轩涵欣怡晨雨佳琪思远博文建国华志海燕红梅春花德胜振卫东晓丹婷鹏飞俊嘉雅琴慧淑珍丰三";
static const char *const posts[] = {
  "党委书记", "县长", "副县长", "局长", "副局长", "科长", "副科长", "主任科员", "镇长", "纪委书记",
  "办公室主任", "总经理", "董事长", "校长", "院长",
};
static const char *const levels[] = { "", "", "L05", "L06", "L07", "L08", "L09", "L10", "J03", "J06", "J09" };
static const char *const tags[] = { "", "", "", "finance", "procurement", "personnel", "training", "finance,approval" };
static const char *const authorities[] = { "county", "county", "city", "unit", "province" };

static int failures;

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

/* Aborts with the error of the local variable `error` when expr fails. */
#define CHECK(expr) \
  G_STMT_START { if (!(expr)) g_error ("%s: %s", #expr, error ? error->message : "failed"); } G_STMT_END

static char *
utf8_char (const char *s,
           guint       index)
{
  const char *p = g_utf8_offset_to_pointer (s, index);
  return g_strndup (p, g_utf8_next_char (p) - p);
}

static char *
id_number_for (int year,
               int month,
               int day,
               int serial)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  char body[18];
  int sum = 0;

  g_snprintf (body, sizeof body, "110105%04d%02d%02d%03d", year, month, day, serial);
  for (int i = 0; i < 17; i++)
    sum += (body[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", body, checks[sum % 11]);
}

static void
generate (LdVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate birth;
  guint n_given = g_utf8_strlen (given, -1);
  gint64 start = g_get_monotonic_time ();

  CHECK (ld_user_repository_add (vault, "sec", LD_ROLE_SECADMIN, PASSWORD, LD_KDF_INTERACTIVE, &error));
  CHECK (ld_user_repository_add (vault, ACCOUNT, LD_ROLE_INVESTIGATOR, PASSWORD, LD_KDF_INTERACTIVE, &error));
  CHECK (ld_vault_unlock (vault, "sec", PASSWORD, &error));
  CHECK (ld_user_repository_set_password (vault, "sec", PASSWORD, ADMIN_PW, &error));
  CHECK (ld_scope_grant (vault, ACCOUNT, 0, &error));
  CHECK (ld_vault_unlock (vault, ACCOUNT, PASSWORD, &error));
  CHECK (ld_user_repository_set_password (vault, ACCOUNT, PASSWORD, PASSWORD "x", &error));

  for (guint i = 0; i < N_UNITS; i++)
    {
      g_autofree char *name = g_strdup_printf ("单位%03u", i);
      LdUnitSpec spec = { .parent_id = i == 0 ? 0 : g_array_index (units, gint64, (i - 1) / 10), .name = name,
                          .kind = "government-organ" };
      gint64 id = 0;

      CHECK (ld_unit_repository_create (vault, &spec, &id, &error));
      g_array_append_val (units, id);
    }

  CHECK (_ld_vault_begin (vault, &error));
  g_date_clear (&birth, 1);
  for (guint i = 0; i < N_CADRES; i++)
    {
      g_auto(LdCadreFields) fields = { 0 };
      g_autofree char *c1 = utf8_char (given, g_rand_int_range (rand, 0, n_given));
      g_autofree char *c2 = utf8_char (given, g_rand_int_range (rand, 0, n_given));
      g_autofree char *promoted = NULL;

      /* 14,000 birthdays from 1962, eight serial numbers each. */
      g_date_set_dmy (&birth, 1, 1, 1962);
      g_date_add_days (&birth, i % 14000);
      fields.unit_id = g_array_index (units, gint64, g_rand_int_range (rand, 0, N_UNITS));
      fields.name = g_strconcat (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))], c1,
                                 g_rand_boolean (rand) ? c2 : "", NULL);
      fields.id_number = id_number_for (g_date_get_year (&birth), g_date_get_month (&birth),
                                        g_date_get_day (&birth), (int) (i / 14000) + 1);
      fields.post = g_strdup (posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (posts))]);
      fields.post_level = g_strdup (levels[g_rand_int_range (rand, 0, G_N_ELEMENTS (levels))]);
      fields.post_tags = g_strdup (tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))]);
      fields.authority = g_strdup (authorities[g_rand_int_range (rand, 0, G_N_ELEMENTS (authorities))]);
      fields.principal = g_rand_int_range (rand, 0, 10) == 0;
      promoted = g_strdup_printf ("%04d-%02d-01", g_rand_int_range (rand, 2015, 2026), g_rand_int_range (rand, 1, 13));
      fields.promoted_at = g_steal_pointer (&promoted);
      fields.post_since = g_strdup_printf ("%04d-%02d", g_rand_int_range (rand, 2000, 2026),
                                           g_rand_int_range (rand, 1, 13));
      if (!_ld_cadre_insert_in_tx (vault, &fields, LD_AUDIT_CADRE_IMPORTED, FALSE, NULL, &error))
        {
          _ld_vault_rollback (vault);
          CHECK (FALSE);
        }
    }
  CHECK (_ld_vault_commit (vault, &error));
  g_print ("# generated %d cadres in %.1f s\n", N_CADRES, (g_get_monotonic_time () - start) / 1e6);
}

/* The vault, made once. */
static LdVault *
open_vault (void)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("LIANDANG_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : g_get_tmp_dir (), "bench-data", "cadre-list-v1", NULL);
  g_autofree char *path = g_build_filename (dir, "vault", NULL);
  g_autofree char *done = g_build_filename (dir, "complete", NULL);
  LdVault *vault;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    {
      vault = ld_vault_new (path);
      if (ld_vault_unlock (vault, ACCOUNT, PASSWORD "x", &error) && !ld_vault_get_session (vault)->must_change_password)
        return vault;
      g_print ("# cached data unusable (%s): making it again\n", error ? error->message : "password expired");
      g_clear_error (&error);
      ld_vault_lock (vault, "exit");
      g_object_unref (vault);
    }
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_str_has_suffix (dir, "bench-data/cadre-list-v1"));
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  vault = ld_vault_new (path);
  CHECK (ld_vault_create (vault, "root", ADMIN_PW, LD_KDF_INTERACTIVE, &error));
  generate (vault);
  g_assert_true (g_file_set_contents (done, "", 0, NULL));
  ld_vault_lock (vault, "exit");
  CHECK (ld_vault_unlock (vault, ACCOUNT, PASSWORD "x", &error));
  return vault;
}

/* --- Measuring ---------------------------------------------------------------------- */

typedef gsize (*Work) (LdVault *vault, gconstpointer data);

static double
median (double *times)
{
  for (int i = 1; i < ROUNDS; i++)
    for (int j = i; j > 0 && times[j - 1] > times[j]; j--)
      {
        double t = times[j];
        times[j] = times[j - 1];
        times[j - 1] = t;
      }
  return times[ROUNDS / 2];
}

/* Median milliseconds of ROUNDS runs of the project's work and of the
 * baseline, taken in turns (after one warm-up run of each) so that both
 * see the same load on the machine. */
static void
measure (LdVault       *vault,
         Work           work,
         gconstpointer  data,
         Work           base,
         gconstpointer  base_data,
         double        *project,
         double        *baseline,
         gsize         *n_out)
{
  double times[ROUNDS], base_times[ROUNDS];
  gsize n = work (vault, data);

  base (vault, base_data);
  for (int r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gsize got = work (vault, data);

      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (got, ==, n);
      start = g_get_monotonic_time ();
      base (vault, base_data);
      base_times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *project = median (times);
  *baseline = median (base_times);
  *n_out = n;
}

static void
report (const char *name,
        double      project,
        double      baseline,
        double      target,
        gsize       rows)
{
  double ratio = baseline > 0 ? project / baseline : 0;
  gboolean over = target > 0 && project > target && (baseline <= 0 || ratio > MAX_RATIO);

  /* printf, not g_print: names hold UTF-8 whatever the locale. */
  printf ("%-22s project %8.1f ms  baseline %8.1f ms  ratio %5.2f  peak RSS %6.1f MiB  (%" G_GSIZE_FORMAT
          " rows, target %.0f ms)%s\n",
          name, project, baseline, ratio, peak_rss_mib (), rows, target, over ? "  FAIL" : "");
  fflush (stdout);
  if (over)
    failures++;
}

static gsize
run_list_ids (LdVault       *vault,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ld_cadre_repository_list_ids (vault, data, &error);

  CHECK (ids != NULL);
  return ids->len;
}

static gsize
run_first_rows (LdVault       *vault,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ld_cadre_repository_list_ids (vault, data, &error);
  g_autoptr(GPtrArray) cadres = NULL;

  CHECK (ids != NULL);
  cadres = ld_cadre_repository_get_many (vault, (const gint64 *) (gpointer) ids->data, MIN (ids->len, 200), &error);
  CHECK (cadres != NULL);
  return ids->len + cadres->len;
}

typedef struct
{
  const char *sql;
  const char *text;   /* bound to ?1 when not NULL */
} Raw;

static gsize
run_raw (LdVault       *vault,
         gconstpointer  data)
{
  const Raw *raw = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault), raw->sql, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  CHECK (stmt != NULL);
  if (raw->text != NULL)
    sqlite3_bind_text (stmt, 1, raw->text, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return ids->len;
}

static gsize
run_raw_first_rows (LdVault       *vault,
                    gconstpointer  data)
{
  Raw ids_only = { "SELECT id FROM cadres WHERE retired_at IS NULL ORDER BY stroke_key, id", NULL };
  Raw rows = { "SELECT * FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.retired_at IS NULL"
               " ORDER BY c.stroke_key, c.id LIMIT 200", NULL };

  return run_raw (vault, &ids_only) + run_raw (vault, &rows);
}

typedef struct
{
  const gint64 *ids;
  guint         n;
} Batch;

static gsize
run_get_many (LdVault       *vault,
              gconstpointer  data)
{
  const Batch *batch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, batch->ids, batch->n, &error);

  CHECK (cadres != NULL);
  return cadres->len;
}

static gsize
run_raw_get_many (LdVault       *vault,
                  gconstpointer  data)
{
  const Batch *batch = data;
  g_autoptr(GString) sql = g_string_new ("SELECT * FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id IN (");
  Raw raw = { NULL, NULL };

  for (guint i = 0; i < batch->n; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i ? ", " : "", batch->ids[i]);
  g_string_append_c (sql, ')');
  raw.sql = sql->str;
  return run_raw (vault, &raw);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GArray) first = NULL;
  g_autofree char *young_born_after = NULL;
  LdCadreFilter stroke = { .order = LD_CADRE_ORDER_STROKE };
  LdCadreFilter young = { .order = LD_CADRE_ORDER_STROKE, .categories = LD_CATEGORY_YOUNG };
  Raw raw_stroke = { "SELECT id FROM cadres WHERE retired_at IS NULL ORDER BY stroke_key, id", NULL };
  Raw raw_young = { "SELECT id FROM cadres WHERE +retired_at IS NULL AND birth_date > ?1 ORDER BY +stroke_key, id",
                    NULL };
  static const char *const keystrokes[] = { "z", "zh", "zha", "zhan", "wang", "王", "局长", "1101051980", NULL };
  double project, baseline;
  gsize rows = 0;
  GDate today;

  g_test_init (&argc, &argv, NULL);
  vault = open_vault ();
  CHECK (ld_search_sqlite_register (_ld_vault_get_db (vault), &error));

  measure (vault, run_first_rows, &stroke, run_raw_first_rows, NULL, &project, &baseline, &rows);
  report ("first-rows", project, baseline, 300, rows);

  measure (vault, run_list_ids, &stroke, run_raw, &raw_stroke, &project, &baseline, &rows);
  report ("stroke-sort", project, baseline, 500, rows);

  for (guint i = 0; keystrokes[i] != NULL; i++)
    {
      LdCadreFilter search = { .order = LD_CADRE_ORDER_STROKE, .search = keystrokes[i] };
      Raw raw = { "SELECT id FROM cadres WHERE ld_contains (search_text, ?1) AND +retired_at IS NULL"
                  " ORDER BY +stroke_key, id", keystrokes[i] };
      g_autofree char *name = g_strdup_printf ("search \"%s\"", keystrokes[i]);

      measure (vault, run_list_ids, &search, run_raw, &raw, &project, &baseline, &rows);
      report (name, project, baseline, 50, rows);
    }

  /* The baseline filters on the birth date alone (about the same cost of
   * reading every row, without the rules). */
  _ld_cadre_today (&today);
  young_born_after = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today) - 41, g_date_get_month (&today),
                                      g_date_get_day (&today));
  raw_young.text = young_born_after;
  measure (vault, run_list_ids, &young, run_raw, &raw_young, &project, &baseline, &rows);
  report ("category young", project, baseline, 500, rows);

  first = ld_cadre_repository_list_ids (vault, &stroke, &error);
  CHECK (first != NULL);
  {
    Batch batch = { (const gint64 *) (gpointer) first->data + 50000, 200 };

    measure (vault, run_get_many, &batch, run_raw_get_many, &batch, &project, &baseline, &rows);
    report ("get-many-200", project, baseline, 0, rows);
  }

  ld_vault_lock (vault, "exit");
  if (failures > 0)
    g_print ("%d measurement(s) missed their target\n", failures);
  return failures > 0 ? 1 : 0;
}
