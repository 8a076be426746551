/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cadre-extras"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-rules-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The cadre list's ids and batches, its filters and orders, the category
 * rules table, explanations, manual tags and photos. */

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   county, unit_a, unit_b;
  /* 张三 (A): 30, 乡科级 principal, finance → top leader, young, key position.
   * 李四 (B): 50, 县处级, promoted 3 months ago → newly promoted.
   * 王五 (A): 38, rank J05 (县处级), left the post → young.
   * 赵六 (B): 25, no level → none. */
  gint64   zhang, li, wang, zhao;
} Fixture;

/* --- Helpers ----------------------------------------------------------------------- */

static char *
date_years_ago (int years,
                int months)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_full (now, -years, -months, 0, 0, 0, 0);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
date_days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* A valid GB 11643 number for a birth date "YYYY-MM-DD". */
static char *
id_number_for (const char *birth,
               int         serial)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  char body[18];
  int sum = 0;

  g_snprintf (body, sizeof body, "110105%.4s%.2s%.2s%03d", birth, birth + 5, birth + 8, serial);
  for (int i = 0; i < 17; i++)
    sum += (body[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", body, checks[sum % 11]);
}

static gint64
add_cadre (Fixture    *f,
           gint64      unit,
           const char *name,
           int         age,
           int         serial,
           const char *field1,
           const char *value1,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  g_autofree char *birth = date_years_ago (age, 1);
  gint64 id = 0;
  va_list ap;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = id_number_for (birth, serial);
  va_start (ap, value1);
  for (const char *field = field1, *value = value1; field != NULL;
       field = va_arg (ap, const char *), value = field ? va_arg (ap, const char *) : NULL)
    g_assert_true (ld_cadre_fields_set (&fields, field, value));
  va_end (ap);
  ld_cadre_repository_create (f->vault, &fields, &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *promoted = date_years_ago (0, 3);

  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "chief", LD_ROLE_LEADER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "chief", 0);
  ld_test_login (f->vault, "boss");

  f->county = ld_test_add_unit (f->vault, 0, "County");
  f->unit_b = ld_test_add_unit (f->vault, f->county, "Dept B");
  f->unit_a = ld_test_add_unit (f->vault, f->county, "Dept A");
  f->zhang = add_cadre (f, f->unit_a, "张三", 30, 11, "post_level", "L09", "principal", "1", "authority", "county",
                        "post_tags", "finance,training", "post", "局长", NULL, NULL);
  f->li = add_cadre (f, f->unit_b, "李四", 50, 21, "post_level", "L07", "promoted_at", promoted, "authority", "city",
                     NULL, NULL);
  f->wang = add_cadre (f, f->unit_a, "王五", 38, 31, "rank", "J05", "status", "left", "post_since", "2010-01-01",
                       NULL, NULL);
  f->zhao = add_cadre (f, f->unit_b, "赵六", 25, 41, "post_since", "2020-05-01", NULL, NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The ids of a filtered list, checked against list_ids and get_many. */
static char *
list_text (Fixture             *f,
           const LdCadreFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = ld_cadre_repository_list (f->vault, filter, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 count = -1;

  g_assert_no_error (error);
  ids = ld_cadre_repository_list_ids (f->vault, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, cadres->len);
  many = ld_cadre_repository_get_many (f->vault, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, cadres->len);
  for (guint i = 0; i < cadres->len; i++)
    {
      LdCadre *a = cadres->pdata[i];
      LdCadre *b = many->pdata[i];

      g_assert_cmpint (g_array_index (ids, gint64, i), ==, ld_cadre_get_id (a));
      g_assert_cmpint (ld_cadre_get_id (b), ==, ld_cadre_get_id (a));
      g_assert_cmpstr (ld_cadre_get_name (b), ==, ld_cadre_get_name (a));
      g_assert_cmpstr (ld_cadre_get_categories (b), ==, ld_cadre_get_categories (a));
      g_assert_cmpstr (ld_cadre_get_tags (b), ==, ld_cadre_get_tags (a));
      g_assert_cmpstr (ld_cadre_get_unit_name (b), ==, ld_cadre_get_unit_name (a));
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, ld_cadre_get_name (a));
    }
  if (filter != NULL && filter->limit == 0 && filter->offset == 0)
    {
      ld_cadre_repository_count (f->vault, filter, &count, &error);
      g_assert_no_error (error);
      g_assert_cmpint (count, ==, cadres->len);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_LIST(f, filter, expected) \
  G_STMT_START { g_autofree char *got_ = list_text ((f), (filter)); g_assert_cmpstr (got_, ==, (expected)); } \
  G_STMT_END

static gint64
audit_events (Fixture    *f,
              const char *event)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = '%s'", event);
  gint64 n = -1;

  g_assert_true (ld_sql_query_int64 (_ld_vault_get_db (f->vault), sql, 0, &n, NULL));
  return n;
}

/* --- Filters and orders ----------------------------------------------------------- */

static void
test_categories_computed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) zhang = ld_cadre_repository_get (f->vault, f->zhang, &error);
  g_autoptr(LdCadre) li = ld_cadre_repository_get (f->vault, f->li, &error);
  g_autoptr(LdCadre) wang = ld_cadre_repository_get (f->vault, f->wang, &error);
  g_autoptr(LdCadre) zhao = ld_cadre_repository_get (f->vault, f->zhao, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_categories (zhang), ==, "top-leader,young,key-position");
  g_assert_cmpstr (ld_cadre_get_categories (li), ==, "newly-promoted");
  g_assert_cmpstr (ld_cadre_get_categories (wang), ==, "young");
  g_assert_cmpstr (ld_cadre_get_categories (zhao), ==, "");
  g_assert_cmpstr (ld_cadre_get_tags (zhao), ==, "");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_ID };

  ASSERT_LIST (f, &filter, "张三 李四 王五 赵六");

  filter.categories = LD_CATEGORY_YOUNG;
  ASSERT_LIST (f, &filter, "张三 王五");
  filter.categories = LD_CATEGORY_TOP_LEADER | LD_CATEGORY_NEWLY_PROMOTED;
  ASSERT_LIST (f, &filter, "张三 李四");
  filter.categories = LD_CATEGORY_KEY_POSITION;
  ASSERT_LIST (f, &filter, "张三");
  filter.categories = 0;

  filter.authority = "county";
  ASSERT_LIST (f, &filter, "张三");
  filter.authority = "central";
  ASSERT_LIST (f, &filter, "");
  filter.authority = NULL;

  filter.post_level = "xianchu";
  ASSERT_LIST (f, &filter, "李四 王五");
  filter.post_level = "xiangke";
  ASSERT_LIST (f, &filter, "张三");
  filter.post_level = NULL;

  filter.status = "left";
  ASSERT_LIST (f, &filter, "王五");
  filter.status = "serving";
  ASSERT_LIST (f, &filter, "张三 李四 赵六");
  filter.status = NULL;

  ld_cadre_repository_add_tag (f->vault, f->zhao, "重点关注", "from the 2025 inspection", &error);
  g_assert_no_error (error);
  filter.tag = "重点关注";
  ASSERT_LIST (f, &filter, "赵六");
  filter.tag = "nothing";
  ASSERT_LIST (f, &filter, "");
  filter.tag = NULL;

  filter.search = "zs";
  ASSERT_LIST (f, &filter, "张三");
  filter.search = NULL;

  filter.unit_id = f->unit_a;
  ASSERT_LIST (f, &filter, "张三 王五");

  /* Combined: unit A, young, 县处级. */
  filter.categories = LD_CATEGORY_YOUNG;
  filter.post_level = "xianchu";
  ASSERT_LIST (f, &filter, "王五");
  filter.status = "serving";
  ASSERT_LIST (f, &filter, "");
  filter.status = NULL;
  filter.unit_id = 0;
  filter.categories = LD_CATEGORY_YOUNG | LD_CATEGORY_NEWLY_PROMOTED;
  ASSERT_LIST (f, &filter, "李四 王五");

  /* Retired files only with include_retired. */
  ld_cadre_repository_retire (f->vault, f->wang, "left the county", &error);
  g_assert_no_error (error);
  ASSERT_LIST (f, &filter, "李四");
  filter.include_retired = TRUE;
  ASSERT_LIST (f, &filter, "李四 王五");
}

/* "a b" in the order the stroke list has them. */
static char *
in_stroke_order (const char *stroke,
                 const char *a,
                 const char *b)
{
  return strstr (stroke, a) < strstr (stroke, b) ? g_strdup_printf ("%s %s", a, b) : g_strdup_printf ("%s %s", b, a);
}

static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_ID };
  g_autofree char *stroke = NULL;
  g_autofree char *stroke_desc = NULL;
  g_autofree char *pinyin = NULL;
  g_autofree char *pinyin_desc = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) reversed = NULL;
  guint n;

  ASSERT_LIST (f, &filter, "张三 李四 王五 赵六");
  filter.descending = TRUE;
  ASSERT_LIST (f, &filter, "赵六 王五 李四 张三");

  /* Surname strokes: 王 4, 李 7, 张 7, 赵 9. */
  filter.order = LD_CADRE_ORDER_STROKE;
  filter.descending = FALSE;
  stroke = list_text (f, &filter);
  g_assert_true (g_str_has_prefix (stroke, "王五 "));
  g_assert_true (g_str_has_suffix (stroke, " 赵六"));
  filter.descending = TRUE;
  stroke_desc = list_text (f, &filter);
  words = g_strsplit (stroke, " ", -1);
  n = g_strv_length (words);
  reversed = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    reversed[i] = g_strdup (words[n - 1 - i]);
  expected = g_strjoinv (" ", reversed);
  g_assert_cmpstr (stroke_desc, ==, expected);

  filter.order = LD_CADRE_ORDER_PINYIN;
  filter.descending = FALSE;
  pinyin = list_text (f, &filter);
  g_assert_cmpstr (pinyin, ==, "李四 王五 张三 赵六");
  filter.descending = TRUE;
  pinyin_desc = list_text (f, &filter);
  g_assert_cmpstr (pinyin_desc, ==, "赵六 张三 王五 李四");

  /* Youngest first; descending: oldest first. */
  filter.order = LD_CADRE_ORDER_AGE;
  filter.descending = FALSE;
  ASSERT_LIST (f, &filter, "赵六 张三 王五 李四");
  filter.descending = TRUE;
  ASSERT_LIST (f, &filter, "李四 王五 张三 赵六");

  /* 县处级 principal (L07), rank J05 (县处级), 乡科级 (L09), none. */
  filter.order = LD_CADRE_ORDER_RANK;
  filter.descending = FALSE;
  ASSERT_LIST (f, &filter, "李四 王五 张三 赵六");
  filter.descending = TRUE;
  ASSERT_LIST (f, &filter, "赵六 张三 王五 李四");

  /* Longest in the post first, unknown dates last in stroke order. */
  unknown = in_stroke_order (stroke, "张三", "李四");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("王五 赵六 %s", unknown);
  filter.order = LD_CADRE_ORDER_POST_SINCE;
  filter.descending = FALSE;
  ASSERT_LIST (f, &filter, expected);
  filter.descending = TRUE;
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&unknown, g_free);
  unknown = in_stroke_order (stroke_desc, "张三", "李四");
  expected = g_strdup_printf ("%s 赵六 王五", unknown);
  ASSERT_LIST (f, &filter, expected);

  /* Unit tree order (Dept A before Dept B, by name, though B came first),
   * then stroke order. */
  in_a = in_stroke_order (stroke, "张三", "王五");
  in_b = in_stroke_order (stroke, "李四", "赵六");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s %s", in_a, in_b);
  filter.order = LD_CADRE_ORDER_UNIT;
  filter.descending = FALSE;
  ASSERT_LIST (f, &filter, expected);
  g_assert_true (g_str_has_prefix (expected, "王五 "));

  /* Pages. */
  filter.order = LD_CADRE_ORDER_AGE;
  filter.limit = 2;
  filter.offset = 1;
  ASSERT_LIST (f, &filter, "张三 王五");
  filter.categories = LD_CATEGORY_YOUNG | LD_CATEGORY_NEWLY_PROMOTED;
  filter.offset = 0;
  ASSERT_LIST (f, &filter, "张三 王五");
  filter.offset = 2;
  ASSERT_LIST (f, &filter, "李四");
}

static void
test_get_many (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GArray) big = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 ids[] = { f->zhao, 999999, f->zhang, f->li };

  many = ld_cadre_repository_get_many (f->vault, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, 3);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[0]), ==, f->zhao);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[1]), ==, f->zhang);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[2]), ==, f->li);
  g_assert_cmpstr (ld_cadre_get_categories (many->pdata[1]), ==, "top-leader,young,key-position");
  g_clear_pointer (&many, g_ptr_array_unref);

  many = ld_cadre_repository_get_many (f->vault, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, 0);
  g_clear_pointer (&many, g_ptr_array_unref);

  /* More ids than SQLite takes parameters in one statement. */
  for (gint64 i = 0; i < 2000; i++)
    {
      gint64 id = (i % 4 == 0) ? f->wang : 100000 + i;
      g_array_append_val (big, id);
    }
  many = ld_cadre_repository_get_many (f->vault, (const gint64 *) (gpointer) big->data, big->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, 500);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[499]), ==, f->wang);
}

static int
trace_cb (unsigned  type,
          void     *user_data,
          void     *p,
          void     *x)
{
  GPtrArray *statements = user_data;

  if (type == SQLITE_TRACE_STMT && strstr (x, "SELECT c.id FROM cadres c") != NULL)
    g_ptr_array_add (statements, g_strdup (x));
  return 0;
}

/* The plan of the query list_ids ran last. */
static char *
list_ids_plan (Fixture             *f,
               const LdCadreFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  GString *plan = g_string_new (NULL);
  sqlite3 *db = _ld_vault_get_db (f->vault);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, statements);
  ids = ld_cadre_repository_list_ids (f->vault, filter, &error);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  sql = g_strconcat ("EXPLAIN QUERY PLAN ", statements->pdata[0], NULL);
  stmt = ld_sql_prepare (db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  g_test_message ("%s", plan->str);
  return g_string_free (plan, FALSE);
}

static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_STROKE };
  g_autofree char *plan = NULL;

  /* Every unit in scope, stroke order: the sort-key index gives the
   * order, no sort. */
  plan = list_ids_plan (f, &filter);
  g_assert_nonnull (strstr (plan, "USING INDEX cadres_stroke"));
  g_assert_null (strstr (plan, "TEMP B-TREE FOR ORDER BY"));
  g_clear_pointer (&plan, g_free);

  /* A search or a category filter reads the table once, in page order,
   * and sorts only the matches. */
  filter.search = "zs";
  plan = list_ids_plan (f, &filter);
  g_assert_nonnull (strstr (plan, "SCAN TABLE cadres AS c"));
  g_assert_null (strstr (plan, "USING INDEX"));
  g_clear_pointer (&plan, g_free);
  filter.search = NULL;
  filter.categories = LD_CATEGORY_YOUNG;
  plan = list_ids_plan (f, &filter);
  g_assert_nonnull (strstr (plan, "SCAN TABLE cadres AS c"));
  g_assert_null (strstr (plan, "USING INDEX"));
  g_clear_pointer (&plan, g_free);

  /* Below a unit: the unit index. */
  filter.categories = 0;
  filter.unit_id = f->unit_a;
  plan = list_ids_plan (f, &filter);
  g_assert_nonnull (strstr (plan, "cadres_unit"));
}

static void
test_rank_order (void)
{
  static const char * const descending[] = { "L05", "J01", "L06", "J02", "L07", "J03", "J04", "L08", "J05", "L09",
                                             "J07", "L10", "J10", "J11", NULL };

  for (guint i = 1; descending[i] != NULL; i++)
    {
      g_test_message ("%s > %s", descending[i - 1], descending[i]);
      g_assert_cmpint (_ld_cadre_rank_order ("", descending[i - 1]), >, _ld_cadre_rank_order ("", descending[i]));
    }
  /* Old titles rank as the rank they became; the post level wins over the rank. */
  g_assert_cmpint (_ld_cadre_rank_order ("", "old-diaoyanyuan"), ==, _ld_cadre_rank_order ("", "J04"));
  g_assert_cmpint (_ld_cadre_rank_order ("L07", "J12"), ==, _ld_cadre_rank_order ("L07", ""));
  g_assert_cmpint (_ld_cadre_rank_order ("", ""), ==, 0);
  g_assert_cmpint (_ld_cadre_rank_order ("", "nonsense"), <, _ld_cadre_rank_order ("", "J12"));
}

/* --- Rules ------------------------------------------------------------------------------ */

static void
test_rules_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCategoryRules) rules = { 0 };
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *yesterday = date_days_from_today (-1);
  g_autofree char *today = date_days_from_today (0);
  g_autofree char *tomorrow = date_days_from_today (1);
  g_autofree char *value = NULL;
  GDate reference;
  gint64 audited;
  gboolean ok;

  /* Defaults without rows. */
  ld_rules_repository_load (f->vault, NULL, &rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 35);
  history = ld_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* An investigator and a viewer may not change them. */
  ok = ld_rules_repository_set (f->vault, "young-max-age-xiangke", "29", "Decision 1", today, &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, "chief");
  audited = audit_events (f, LD_AUDIT_RULE_SET);
  /* Refusals. */
  ok = ld_rules_repository_set (f->vault, "young-max-age", "29", "Decision 1", NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_rules_repository_set (f->vault, "young-max-age-xiangke", "old", "Decision 1", NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_rules_repository_set (f->vault, "young-max-age-xiangke", "29", "Decision 1", "2024-13-01", &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_rules_repository_set (f->vault, "young-max-age-xiangke", "29", "  ", NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_events (f, LD_AUDIT_RULE_SET), ==, audited);

  /* 29 from tomorrow: today keeps 35. */
  ld_rules_repository_set (f->vault, "young-max-age-xiangke", "29", "Decision 2", tomorrow, &error);
  g_assert_no_error (error);
  ld_category_rules_clear (&rules);
  ld_rules_repository_load (f->vault, NULL, &rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 35);
  g_date_clear (&reference, 1);
  g_date_set_parse (&reference, tomorrow);
  g_assert_true (g_date_valid (&reference));
  ld_category_rules_clear (&rules);
  ld_rules_repository_load (f->vault, &reference, &rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 29);
  g_assert_cmpstr (ld_category_rules_get_origin (&rules, "young-max-age-xiangke")->source, ==, "Decision 2");

  /* 33 from yesterday, written later: in force today; tomorrow 29 wins
   * (the latest valid-from date, not the latest row). */
  ld_rules_repository_set (f->vault, "young-max-age-xiangke", "33", "Decision 3", yesterday, &error);
  g_assert_no_error (error);
  ld_category_rules_clear (&rules);
  ld_rules_repository_load (f->vault, NULL, &rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 33);
  ld_category_rules_clear (&rules);
  ld_rules_repository_load (f->vault, &reference, &rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 29);

  /* Without a date: from today. Labels become codes. */
  ld_rules_repository_set (f->vault, "high-risk-post-tags", "finance, procurement", "Decision 4", NULL, &error);
  g_assert_no_error (error);
  history = ld_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((LdRuleRow *) history->pdata[2])->valid_from, ==, today);
  g_assert_cmpstr (((LdRuleRow *) history->pdata[2])->value, ==, "finance,procurement");
  g_assert_cmpstr (((LdRuleRow *) history->pdata[2])->account, ==, "chief");
  g_assert_cmpstr (((LdRuleRow *) history->pdata[0])->source, ==, "Decision 2");
  ld_category_rules_clear (&rules);
  ld_rules_repository_load (f->vault, NULL, &rules, &error);
  g_assert_no_error (error);
  value = ld_category_rules_get (&rules, "high-risk-post-tags");
  g_assert_cmpstr (value, ==, "finance,procurement");
  g_assert_cmpint (audit_events (f, LD_AUDIT_RULE_SET), ==, audited + 3);

  /* The viewer may read but not write. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  ld_test_add_and_login (f->vault, "look", LD_ROLE_VIEWER);
  ok = ld_rules_repository_set (f->vault, "newly-promoted-months", "24", "Decision 5", NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = ld_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
}

static void
test_rules_change_categories (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) zhang = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *today = date_days_from_today (0);
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_ID, .categories = LD_CATEGORY_YOUNG };

  ASSERT_LIST (f, &filter, "张三 王五");

  /* 张三 is 30 at 乡科级: no longer young under 29. */
  ld_test_login (f->vault, "chief");
  ld_rules_repository_set (f->vault, "young-max-age-xiangke", "29", "Decision 7", today, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
  ASSERT_LIST (f, &filter, "王五");
  zhang = ld_cadre_repository_get (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_categories (zhang), ==, "top-leader,key-position");

  /* Key position follows the high-risk tags; training is not one by default. */
  ld_test_login (f->vault, "chief");
  ld_rules_repository_set (f->vault, "high-risk-post-tags", "training", "Decision 8", today, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
  filter.categories = LD_CATEGORY_KEY_POSITION;
  ASSERT_LIST (f, &filter, "张三");
  lines = ld_cadre_repository_explain_categories (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_nonnull (strstr (lines->pdata[1], "Key position"));

  /* Newly promoted: a window of 2 months leaves 李四 (3 months) out. */
  ld_test_login (f->vault, "chief");
  ld_rules_repository_set (f->vault, "newly-promoted-months", "2", "Decision 9", today, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
  filter.categories = LD_CATEGORY_NEWLY_PROMOTED;
  ASSERT_LIST (f, &filter, "");
}

static void
test_explain (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *joined = NULL;

  lines = ld_cadre_repository_explain_categories (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 3);
  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  g_test_message ("%s", joined);
  g_assert_true (g_str_has_prefix (lines->pdata[0], "Top leader"));
  g_assert_true (g_str_has_prefix (lines->pdata[1], "Young cadre"));
  g_assert_nonnull (strstr (lines->pdata[1], "age 30"));
  g_assert_nonnull (strstr (lines->pdata[1], "≤ 35"));
  g_assert_nonnull (strstr (lines->pdata[1], "township or section level"));
  g_assert_true (g_str_has_prefix (lines->pdata[2], "Key position"));
  g_clear_pointer (&lines, g_ptr_array_unref);

  lines = ld_cadre_repository_explain_categories (f->vault, f->zhao, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);

  lines = ld_cadre_repository_explain_categories (f->vault, 424242, &error);
  g_assert_null (lines);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
}

/* --- Tags ------------------------------------------------------------------------------- */

static void
assert_tag_refused (Fixture    *f,
                    const char *tag,
                    int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_cadre_repository_add_tag (f->vault, f->li, tag, NULL, &error));
  g_assert_error (error, LD_ERROR, code);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) li = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_auto(GStrv) tags = NULL;
  LdCadreVersion *last;
  gint64 tagged = audit_events (f, LD_AUDIT_CADRE_TAGGED);
  gint64 n_versions;

  ld_cadre_repository_add_tag (f->vault, f->li, "重点关注", "信访较多", &error);
  g_assert_no_error (error);
  ld_cadre_repository_add_tag (f->vault, f->li, "  A-list ", NULL, &error);
  g_assert_no_error (error);
  ld_cadre_repository_add_tag (f->vault, f->zhang, "重点关注", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (audit_events (f, LD_AUDIT_CADRE_TAGGED), ==, tagged + 3);

  li = ld_cadre_repository_get (f->vault, f->li, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_tags (li), ==, "A-list,重点关注");
  g_clear_object (&li);

  versions = ld_cadre_repository_versions (f->vault, f->li, &error);
  g_assert_no_error (error);
  n_versions = versions->len;
  last = versions->pdata[versions->len - 1];
  g_assert_cmpstr (last->event, ==, LD_AUDIT_CADRE_TAGGED);
  g_assert_cmpstr (last->before, ==, "tags=重点关注\n");
  g_assert_cmpstr (last->after, ==, "tags=A-list,重点关注\n");
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* Refusals: duplicate, categories by code, label or Chinese name, too
   * long, control characters, commas, empty. */
  assert_tag_refused (f, "重点关注", LD_ERROR_INVALID);
  assert_tag_refused (f, "young", LD_ERROR_INVALID);
  assert_tag_refused (f, "Young cadre", LD_ERROR_INVALID);
  assert_tag_refused (f, "KEY-POSITION", LD_ERROR_INVALID);
  assert_tag_refused (f, "年轻干部", LD_ERROR_INVALID);
  assert_tag_refused (f, "一把手", LD_ERROR_INVALID);
  assert_tag_refused (f, "一二三四五六七八九十一二三四五六七八九十一", LD_ERROR_INVALID);
  assert_tag_refused (f, "bad\ttag", LD_ERROR_INVALID);
  assert_tag_refused (f, "a,b", LD_ERROR_INVALID);
  assert_tag_refused (f, "", LD_ERROR_INVALID);
  /* Twenty characters are fine. */
  ld_cadre_repository_add_tag (f->vault, f->li, "一二三四五六七八九十一二三四五六七八九十", NULL, &error);
  g_assert_no_error (error);

  tags = ld_cadre_repository_list_tags (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "A-list");

  /* Removing. */
  g_assert_false (ld_cadre_repository_remove_tag (f->vault, f->li, "missing", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_remove_tag (f->vault, f->li, "newly-promoted", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ld_cadre_repository_remove_tag (f->vault, f->li, "重点关注", &error);
  g_assert_no_error (error);
  g_assert_cmpint (audit_events (f, LD_AUDIT_CADRE_UNTAGGED), ==, 1);
  li = ld_cadre_repository_get (f->vault, f->li, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_tags (li), ==, "A-list,一二三四五六七八九十一二三四五六七八九十");
  versions = ld_cadre_repository_versions (f->vault, f->li, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, n_versions + 2);
  last = versions->pdata[versions->len - 1];
  g_assert_cmpstr (last->event, ==, LD_AUDIT_CADRE_UNTAGGED);
  g_assert_cmpstr (last->after, ==, "tags=A-list,一二三四五六七八九十一二三四五六七八九十\n");

  /* A retired file keeps its tags but takes no new ones. */
  ld_cadre_repository_retire (f->vault, f->li, "moved away", &error);
  g_assert_no_error (error);
  g_assert_false (ld_cadre_repository_add_tag (f->vault, f->li, "later", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

/* --- Photo ------------------------------------------------------------------------------ */

static void
test_photo (Fixture       *f,
            gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) not_image = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  guint8 *big = g_malloc0 (2 * 1024 * 1024 + 1);
  LdCadreVersion *last;
  gint64 n_versions;

  stored = ld_cadre_repository_get_photo (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_null (stored);

  ld_cadre_repository_set_photo (f->vault, f->zhang, photo, &error);
  g_assert_no_error (error);
  stored = ld_cadre_repository_get_photo (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, photo));
  g_clear_pointer (&stored, g_bytes_unref);
  g_assert_cmpint (audit_events (f, LD_AUDIT_CADRE_PHOTO), ==, 1);

  versions = ld_cadre_repository_versions (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  last = versions->pdata[versions->len - 1];
  g_assert_cmpstr (last->event, ==, LD_AUDIT_CADRE_PHOTO);
  g_assert_cmpstr (last->before, ==, "photo=\n");
  g_assert_true (g_str_has_prefix (last->after, "photo=16 bytes, SHA-256 "));
  n_versions = versions->len;
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* The same photo again changes nothing. */
  ld_cadre_repository_set_photo (f->vault, f->zhang, photo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (audit_events (f, LD_AUDIT_CADRE_PHOTO), ==, 1);

  g_assert_false (ld_cadre_repository_set_photo (f->vault, f->zhang, not_image, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  big[0] = 0xff, big[1] = 0xd8, big[2] = 0xff;
  huge = g_bytes_new_take (big, 2 * 1024 * 1024 + 1);
  g_assert_false (ld_cadre_repository_set_photo (f->vault, f->zhang, huge, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  stored = ld_cadre_repository_get_photo (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, photo));
  g_clear_pointer (&stored, g_bytes_unref);

  /* Removing. */
  ld_cadre_repository_set_photo (f->vault, f->zhang, NULL, &error);
  g_assert_no_error (error);
  stored = ld_cadre_repository_get_photo (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  versions = ld_cadre_repository_versions (f->vault, f->zhang, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, n_versions + 1);
  last = versions->pdata[versions->len - 1];
  g_assert_cmpstr (last->after, ==, "photo=\n");
  g_assert_cmpint (audit_events (f, LD_AUDIT_CADRE_PHOTO), ==, 2);
}

/* --- Scope and roles ---------------------------------------------------------------- */

static void
test_scope_and_roles (Fixture       *f,
                      gconstpointer  data)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 all_ids[] = { f->zhang, f->li, f->wang, f->zhao };
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_ID };

  ld_cadre_repository_add_tag (f->vault, f->li, "B-only", NULL, &error);
  g_assert_no_error (error);
  ld_cadre_repository_add_tag (f->vault, f->zhang, "A-only", NULL, &error);
  g_assert_no_error (error);
  ld_cadre_repository_set_photo (f->vault, f->li, photo, &error);
  g_assert_no_error (error);

  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "inv");

  ids = ld_cadre_repository_list_ids (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->zhang);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, f->wang);
  g_clear_pointer (&ids, g_array_unref);
  filter.categories = LD_CATEGORY_NEWLY_PROMOTED;
  ids = ld_cadre_repository_list_ids (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  filter.categories = 0;
  filter.tag = "B-only";
  ids = ld_cadre_repository_list_ids (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  filter.tag = NULL;

  many = ld_cadre_repository_get_many (f->vault, all_ids, G_N_ELEMENTS (all_ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, 2);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[0]), ==, f->zhang);
  g_assert_cmpint (ld_cadre_get_id (many->pdata[1]), ==, f->wang);

  lines = ld_cadre_repository_explain_categories (f->vault, f->li, &error);
  g_assert_null (lines);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_add_tag (f->vault, f->li, "probe", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_remove_tag (f->vault, f->li, "B-only", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stored = ld_cadre_repository_get_photo (f->vault, f->li, &error);
  g_assert_null (stored);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_set_photo (f->vault, f->li, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  tags = ld_cadre_repository_list_tags (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "A-only");
  g_clear_pointer (&tags, g_strfreev);

  /* A viewer reads but may not write tags or photos. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  ld_test_add_and_login (f->vault, "look", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "look", 0);
  ld_test_login (f->vault, "look");
  tags = ld_cadre_repository_list_tags (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_false (ld_cadre_repository_add_tag (f->vault, f->zhang, "mine", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_remove_tag (f->vault, f->zhang, "A-only", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_cadre_repository_set_photo (f->vault, f->zhang, photo, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The security administrator sees no cadre at all. */
  ld_test_login (f->vault, "sec");
  g_assert_null (ld_cadre_repository_list_ids (f->vault, &filter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (ld_cadre_repository_get_many (f->vault, all_ids, G_N_ELEMENTS (all_ids), &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cadre-extras/categories-computed", Fixture, NULL, setup, test_categories_computed, teardown);
  g_test_add ("/cadre-extras/filters", Fixture, NULL, setup, test_filters, teardown);
  g_test_add ("/cadre-extras/orders", Fixture, NULL, setup, test_orders, teardown);
  g_test_add ("/cadre-extras/get-many", Fixture, NULL, setup, test_get_many, teardown);
  g_test_add_func ("/cadre-extras/rank-order", test_rank_order);
  g_test_add ("/cadre-extras/query-plans", Fixture, NULL, setup, test_query_plans, teardown);
  g_test_add ("/cadre-extras/rules-history", Fixture, NULL, setup, test_rules_history, teardown);
  g_test_add ("/cadre-extras/rules-change-categories", Fixture, NULL, setup, test_rules_change_categories,
              teardown);
  g_test_add ("/cadre-extras/explain", Fixture, NULL, setup, test_explain, teardown);
  g_test_add ("/cadre-extras/tags", Fixture, NULL, setup, test_tags, teardown);
  g_test_add ("/cadre-extras/photo", Fixture, NULL, setup, test_photo, teardown);
  g_test_add ("/cadre-extras/scope-and-roles", Fixture, NULL, setup, test_scope_and_roles, teardown);

  return g_test_run ();
}
