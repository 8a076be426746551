/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-measure-import"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-measure-import.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-measure-repository.h"
#include "rules/ld-id-number.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Importing a sanctions ledger (处分处理台账): persons matched among the
 * cadres in scope, measures matched by their Chinese names with the
 * category's help (a plain 警告 refused), rows already on file refused,
 * lifting dates turned into lift events, one transaction with one audit
 * entry, or nothing. */

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   county;    /* 某县 */
  gint64   finance;   /* 某县 / 县财政局 */
  gint64   organ;     /* 某县 / 组织部 */
  gint64   other;     /* 邻县: outside imp's scope */
  gint64   lisi;      /* 李四, 县财政局 */
  gint64   wangwu;    /* 王五, 组织部 */
  gint64   zhang1;    /* 张三, 县财政局 */
  gint64   zhang2;    /* 张三, 县财政局 (another one) */
  gint64   zhaoliu;   /* 赵六, 邻县 */
} Fixture;

static char *id_lisi, *id_wangwu, *id_zhang1, *id_zhang2, *id_zhaoliu;

static char *
make_id (guint i)
{
  g_autofree char *first17 = g_strdup_printf ("11010519%02u0%u12%03u", 70 + i, 1 + i % 9, 100 + i);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

static char *template_dir;
static Fixture template;

static void
make_template (void)
{
  Fixture *f = &template;

  id_lisi = make_id (1);
  id_wangwu = make_id (2);
  id_zhang1 = make_id (3);
  id_zhang2 = make_id (4);
  id_zhaoliu = make_id (5);

  template_dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (template_dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "imp", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "vic", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_login (f->vault, "boss");
  f->county = ld_test_add_unit (f->vault, 0, "某县");
  f->finance = ld_test_add_unit (f->vault, f->county, "县财政局");
  f->organ = ld_test_add_unit (f->vault, f->county, "组织部");
  f->other = ld_test_add_unit (f->vault, 0, "邻县");
  f->lisi = ld_test_add_cadre (f->vault, f->finance, "李四", id_lisi);
  f->wangwu = ld_test_add_cadre (f->vault, f->organ, "王五", id_wangwu);
  f->zhang1 = ld_test_add_cadre (f->vault, f->finance, "张三", id_zhang1);
  f->zhang2 = ld_test_add_cadre (f->vault, f->finance, "张三", id_zhang2);
  f->zhaoliu = ld_test_add_cadre (f->vault, f->other, "赵六", id_zhaoliu);
  ld_test_grant_scope (f->vault, "imp", f->county);
  ld_test_grant_scope (f->vault, "vic", f->county);
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dest = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dest);
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;
          g_autoptr(GError) error = NULL;

          g_file_get_contents (src, &contents, &len, &error);
          g_assert_no_error (error);
          g_file_set_contents (dest, contents, (gssize) len, &error);
          g_assert_no_error (error);
        }
    }
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *from = g_build_filename (template_dir, "vault", NULL);
  g_autofree char *to = NULL;

  *f = template;
  f->dir = ld_test_tmpdir ();
  to = g_build_filename (f->dir, "vault", NULL);
  copy_tree (from, to);
  f->vault = ld_vault_new (to);
  ld_test_login (f->vault, "imp");
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

static gint64
count (Fixture    *f,
       const char *sql)
{
  return ld_test_count_rows (f->vault, sql);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault), sql, &error);

  g_assert_no_error (error);
  return text;
}

/* Writes an XLSX ledger: a merged title on row 1, the header on row 2 and
 * the rows below; cells are strings ("" = empty), except those starting
 * with "#", written as numbers. */
static char *
write_xlsx (const char         *name,
            const char * const *header,
            const char * const *cells,
            guint               n_rows)
{
  char *path = g_build_filename (ld_fixture_dir (), name, NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "处分处理台账");
  guint n_columns = g_strv_length ((char **) header);

  worksheet_merge_range (ws, 0, 0, 0, (lxw_col_t) (n_columns - 1), "2023年度处分处理台账", NULL);
  for (guint c = 0; c < n_columns; c++)
    worksheet_write_string (ws, 1, (lxw_col_t) c, header[c], NULL);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const char *cell = cells[r * n_columns + c];

        if (cell == NULL || *cell == '\0')
          continue;
        if (cell[0] == '#')
          worksheet_write_number (ws, (lxw_row_t) (r + 2), (lxw_col_t) c, g_ascii_strtod (cell + 1, NULL), NULL);
        else
          worksheet_write_string (ws, (lxw_row_t) (r + 2), (lxw_col_t) c, cell, NULL);
      }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static const LdLedgerProblem *
find_problem (LdMeasureImportPlan *plan,
              guint                row_number,
              LdRosterSeverity     severity)
{
  GPtrArray *problems = ld_measure_import_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      const LdLedgerProblem *problem = g_ptr_array_index (problems, i);

      if (problem->row_number == row_number && problem->severity == severity)
        return problem;
    }
  return NULL;
}

static LdLedgerRow *
find_row (LdMeasureImportPlan *plan,
          guint                row_number)
{
  GPtrArray *rows = ld_measure_import_plan_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      LdLedgerRow *row = g_ptr_array_index (rows, i);

      if (row->row_number == row_number)
        return row;
    }
  g_error ("no row %u in the plan", row_number);
  return NULL;
}

static void
assert_problem (LdMeasureImportPlan *plan,
                guint                row_number,
                int                  field,
                const char          *text)
{
  const LdLedgerProblem *problem = find_problem (plan, row_number, LD_ROSTER_SEVERITY_ERROR);

  if (problem == NULL)
    g_error ("no error on row %u", row_number);
  g_test_message ("row %u: %s", row_number, problem->message);
  g_assert_cmpint (problem->field, ==, field);
  if (strstr (problem->message, text) == NULL)
    g_error ("row %u: “%s” does not say “%s”", row_number, problem->message, text);
  g_assert_false (find_row (plan, row_number)->valid);
}

static const char * const header[] = {
  "序号", "姓名", "身份证号", "单位", "职务", "类别", "处分/处理种类", "决定日期", "批准日期", "决定机关", "文号",
  "违纪类型", "主要事实", "是否问责", "解除日期", "备注", NULL
};

/* --- Planning and committing ---------------------------------------------------------- */

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *cells[] = {
    /* Row 3: by name and unit (县财政局 as 财政局); 警告 with the category 党纪处分. */
    "#1", "李四", "", "财政局", "副局长", "党纪处分", "警告", "2023-03-01", "2023-03-05", "县纪委", "县纪发〔2023〕3号",
    "违反廉洁纪律、生活纪律", "收受礼金", "否", "", "",
    /* Row 4: by ID number alone; 政务警告 without a category; Excel dates; no approval date. */
    "#2", "", id_wangwu, "", "", "", "政务警告", "#44986", "", "县监委", "", "", "", "", "", "",
    /* Row 5: the second 张三 by ID number; 诫勉 given as 问责. */
    "#3", "张三", id_zhang2, "县财政局", "", "问责", "诫勉", "2023年4月3日", "", "县委", "", "", "履职不力", "", "",
    "",
    /* Row 6: organisational handling with a remark. */
    "#4", "李四", "", "县财政局", "", "组织处理", "免职", "2023/5/6", "", "县委组织部", "", "", "", "", "",
    "同时调整岗位",
  };
  g_autofree char *path = write_xlsx ("measures.xlsx", header, cells, 4);
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *sha = ld_test_file_sha256 (path);
  g_autofree char *details = NULL;
  g_autofree char *query = NULL;
  const LdMeasureImportMapping *mapping;
  guint n_valid = 0, n_invalid = 0, n_imported = 0;
  gint64 audit_before = ld_test_audit_count (f->vault);

  plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  mapping = ld_measure_import_plan_get_mapping (plan);
  g_assert_cmpuint (ld_measure_import_mapping_get_header_row_number (mapping), ==, 2);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_NAME), ==, 1);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_CATEGORY), ==, 5);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_CODE), ==, 6);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_EFFECTIVE_DATE), ==, 8);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_VIOLATIONS), ==, 11);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_ACCOUNTABILITY), ==, 13);
  g_assert_cmpint (ld_measure_import_mapping_find_column (mapping, LD_MEASURE_COL_LIFT_DATE), ==, 14);
  g_assert_cmpint (ld_measure_import_mapping_get_field (mapping, 0), ==, -1);
  ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
  report = ld_measure_import_plan_format_report (plan);
  g_test_message ("%s", report);
  g_assert_cmpuint (n_valid, ==, 4);
  g_assert_cmpuint (n_invalid, ==, 0);
  g_assert_true (ld_measure_import_plan_can_commit (plan));
  g_assert_nonnull (strstr (report, "Measures to import: 4"));
  g_assert_cmpstr (find_row (plan, 3)->persons, ==, "李四（县财政局）");
  g_assert_cmpstr (find_row (plan, 4)->persons, ==, "王五（组织部）");
  g_assert_cmpstr (find_row (plan, 3)->cells[LD_MEASURE_COL_CODE], ==, "警告");
  /* Nothing is written by the plan. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);

  g_assert_true (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 4);
  query = g_strdup_printf ("SELECT count(*) FROM measures WHERE cadre_id = %" G_GINT64_FORMAT " AND code = 'P1'"
                           " AND decision_date = '2023-03-01' AND effective_date = '2023-03-05'"
                           " AND authority = '县纪委' AND doc_no = '县纪发〔2023〕3号' AND categories = 'INT,LIF'"
                           " AND facts = '收受礼金' AND accountability = 0 AND status = 'in-force'"
                           " AND effect_end = '2024-03-05' AND unit_id = %" G_GINT64_FORMAT,
                           f->lisi, f->finance);
  g_assert_cmpint (count (f, query), ==, 1);
  g_free (query);
  /* Excel serial 44986 = 2023-03-01; the effective date defaults to it. */
  query = g_strdup_printf ("SELECT count(*) FROM measures WHERE cadre_id = %" G_GINT64_FORMAT " AND code = 'G1'"
                           " AND decision_date = '2023-03-01' AND effective_date = '2023-03-01'",
                           f->wangwu);
  g_assert_cmpint (count (f, query), ==, 1);
  g_free (query);
  query = g_strdup_printf ("SELECT count(*) FROM measures WHERE cadre_id = %" G_GINT64_FORMAT
                           " AND code = 'F1_ADMONISH' AND accountability = 1 AND decision_date = '2023-04-03'",
                           f->zhang2);
  g_assert_cmpint (count (f, query), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures WHERE code = 'O_REMOVE' AND facts LIKE '%同时调整岗位%'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'measure'"
                             " AND event = 'measure.imported'"), ==, 4);
  /* One audit entry for the whole file, no per-measure entries. */
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before + 1);
  details = query_text (f, "SELECT details FROM audit_log WHERE event = 'import.measures'");
  g_assert_nonnull (strstr (details, sha));
  g_assert_nonnull (strstr (details, "measures.xlsx"));
  g_assert_nonnull (strstr (details, "imported=4"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.measures.mapping'"), ==, 1);

  /* The same file again: every measure is already on file. */
  {
    g_autoptr(LdMeasureImportPlan) again = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);

    g_assert_no_error (error);
    ld_measure_import_plan_get_counts (again, &n_valid, &n_invalid);
    g_assert_cmpuint (n_valid, ==, 0);
    g_assert_cmpuint (n_invalid, ==, 4);
    assert_problem (again, 3, -1, "already on file");
    g_assert_false (ld_measure_import_plan_commit (f->vault, again, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 4);
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf (
    "姓名,身份证号,单位,类别,处分/处理种类,决定日期,生效日期,解除日期\n"
    /* 2: 警告 with no hint. */
    "李四,,县财政局,,警告,2023-03-01,,\n"
    /* 3: a measure nobody knows. */
    "李四,,县财政局,,记大功,2023-03-01,,\n"
    /* 4: not on file. */
    "孙九,,县财政局,,党内警告,2023-03-01,,\n"
    /* 5: on file, but outside the scope (by ID number). */
    ",%s,,,党内警告,2023-03-01,,\n"
    /* 6: ambiguous. */
    "张三,,财政局,,党内警告,2023-03-01,,\n"
    /* 7: effective before the decision. */
    "李四,,县财政局,党纪处分,严重警告,2023-03-01,2023-02-20,\n"
    /* 8: the category contradicts the measure. */
    "李四,,县财政局,党纪处分,记过,2023-03-01,,\n"
    /* 9: lifted before it took effect. */
    "王五,,组织部,,政务警告,2023-03-01,,2023-02-01\n"
    /* 10: 留党察看 without its length. */
    "王五,,组织部,,留党察看,2023-03-01,,\n"
    /* 11: a category nobody knows. */
    "王五,,组织部,处罚,记过,2023-03-01,,\n"
    /* 12: the decision date missing. */
    "王五,,组织部,,记过,,,\n"
    /* 13: good. */
    "王五,,组织部,政务处分,警告,2023-03-01,,\n",
    id_zhaoliu);
  g_autofree char *path = ld_fixture_write ("refusals.csv", csv, -1);
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  g_autofree char *report = NULL;
  guint n_valid = 0, n_invalid = 0, n_imported = 0;
  gint64 audit_before = ld_test_audit_count (f->vault);

  plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_assert_no_error (error);
  report = ld_measure_import_plan_format_report (plan);
  g_test_message ("%s", report);
  ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 1);
  g_assert_cmpuint (n_invalid, ==, 11);
  g_assert_false (ld_measure_import_plan_can_commit (plan));

  assert_problem (plan, 2, LD_MEASURE_COL_CODE, "Write 党内警告 or 政务警告");
  assert_problem (plan, 3, LD_MEASURE_COL_CODE, "记大功");
  assert_problem (plan, 4, LD_MEASURE_COL_NAME, "No cadre named 孙九");
  assert_problem (plan, 5, LD_MEASURE_COL_ID_NUMBER, "No cadre in your scope");
  /* Nothing about the cadre outside the scope. */
  g_assert_null (strstr (find_problem (plan, 5, LD_ROSTER_SEVERITY_ERROR)->message, "赵六"));
  g_assert_null (strstr (find_problem (plan, 5, LD_ROSTER_SEVERITY_ERROR)->message, "邻县"));
  assert_problem (plan, 6, LD_MEASURE_COL_NAME, "2 cadres named 张三 in 财政局");
  assert_problem (plan, 7, LD_MEASURE_COL_EFFECTIVE_DATE, "before the decision date");
  assert_problem (plan, 8, LD_MEASURE_COL_CATEGORY, "记过");
  assert_problem (plan, 9, LD_MEASURE_COL_LIFT_DATE, "before the measure took effect");
  assert_problem (plan, 10, LD_MEASURE_COL_CODE, "留党察看一年 or 留党察看二年");
  assert_problem (plan, 11, LD_MEASURE_COL_CATEGORY, "处罚");
  assert_problem (plan, 12, LD_MEASURE_COL_DECISION_DATE, "missing");
  g_assert_true (find_row (plan, 13)->valid);
  g_assert_null (find_problem (plan, 13, LD_ROSTER_SEVERITY_ERROR));
  /* The report lists the rows with their reasons. */
  g_assert_nonnull (strstr (report, "Row 2 (Measure)"));
  g_assert_nonnull (strstr (report, "Invalid rows, which block the import: 11"));

  /* Any invalid row refuses the whole file. */
  g_assert_false (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);
}

static void
test_skip_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("skip.csv",
                                            "姓名,单位,处分种类,决定日期\n"
                                            "李四,县财政局,党内警告,2023-03-01\n"
                                            "李四,县财政局,警告,2023-04-01\n"
                                            "王五,组织部,诫勉,2023-05-01\n"
                                            "李四,县财政局,党内警告,2023-03-01\n",
                                            -1);
  LdMeasureImportOptions options = { .skip_invalid = TRUE };
  g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, &options, NULL, &error);
  guint n_valid = 0, n_invalid = 0, n_imported = 0;

  g_assert_no_error (error);
  ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 2);
  g_assert_cmpuint (n_invalid, ==, 2);
  /* The same measure twice in the file. */
  assert_problem (plan, 5, -1, "Row 2 holds the same measure");
  g_assert_true (ld_measure_import_plan_can_commit (plan));
  g_assert_true (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures WHERE code IN ('P1', 'F1_ADMONISH')"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'import.measures'"
                             " AND details LIKE '%imported=2%' AND details LIKE '%skipped=2%'"), ==, 1);
}

/* A row that was valid when planned fails at the commit (its cadre was
 * retired meanwhile): the rows before it are rolled back with it. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("halfway.csv",
                                            "姓名,单位,处分种类,决定日期,解除日期\n"
                                            "李四,县财政局,党内警告,2023-03-01,2023-09-01\n"
                                            "王五,组织部,诫勉,2023-05-01,\n"
                                            "李四,县财政局,记过,2023-06-01,\n",
                                            -1);
  g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_autofree char *sql = NULL;
  guint n_imported = 0;
  gint64 audit_before = ld_test_audit_count (f->vault);

  g_assert_no_error (error);
  g_assert_true (ld_measure_import_plan_can_commit (plan));
  sql = g_strdup_printf ("UPDATE cadres SET retired_at = 1 WHERE id = %" G_GINT64_FORMAT, f->wangwu);
  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error));
  g_assert_no_error (error);

  g_assert_false (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Row 3: "));
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measure_events"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'measure'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.measures.mapping'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'import.measures'"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);
}

static void
cancel_at_50 (guint    done,
              guint    total,
              gpointer user_data)
{
  if (done >= 50)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) csv = g_string_new ("姓名,单位,处分种类,决定日期\n");
  g_autofree char *path = NULL;
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  guint n_imported = 0;
  gint64 audit_before;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (csv, "李四,县财政局,提醒谈话,%u-%02u-%02u\n", 2010 + i / 12, 1 + i % 12, 1 + i % 28);
  path = ld_fixture_write ("cancel.csv", csv->str, -1);
  plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_measure_import_plan_get_rows (plan)->len, ==, 120);
  g_assert_true (ld_measure_import_plan_can_commit (plan));

  audit_before = ld_test_audit_count (f->vault);
  g_assert_false (ld_measure_import_plan_commit (f->vault, plan, cancel_at_50, cancellable, cancellable, &n_imported,
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);

  /* The same plan goes through afterwards, in full. */
  g_assert_true (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 120);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures WHERE code = 'F1_REMIND_TALK'"), ==, 120);
}

static void
test_lift (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("lift.csv",
                                            "姓名,单位,处分种类,决定日期,批准日期,解除日期\n"
                                            "李四,县财政局,党内警告,2022-01-05,2022-01-10,2022-06-01\n"
                                            "王五,组织部,记过,2022-02-01,,\n",
                                            -1);
  g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *query = NULL;
  LdMeasureEvent *event;
  LdMeasure *measure;

  g_assert_no_error (error);
  g_assert_cmpuint (ld_measure_import_plan_get_n_lifted (plan), ==, 1);
  g_assert_true (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  measures = ld_measure_repository_list_for_cadre (f->vault, f->lisi, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measures->len, ==, 1);
  measure = g_ptr_array_index (measures, 0);
  g_assert_cmpint (ld_measure_get_status (measure), ==, LD_MEASURE_LIFTED);
  g_assert_cmpstr (ld_measure_get_status_date (measure), ==, "2022-06-01");
  /* Lifted before its 12 months ran out: the effect ends on the lifting. */
  g_assert_cmpstr (ld_measure_get_effect_end (measure), ==, "2022-06-01");
  events = ld_measure_repository_list_events (f->vault, ld_measure_get_id (measure), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->kind, ==, "lift");
  g_assert_cmpstr (event->event_date, ==, "2022-06-01");
  /* The history: imported, then lifted. */
  {
    g_autoptr(GPtrArray) versions = ld_measure_repository_versions (f->vault, ld_measure_get_id (measure), &error);
    LdCadreVersion *lifted;

    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 2);
    g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 0))->event, ==, "measure.imported");
    lifted = g_ptr_array_index (versions, 1);
    g_assert_cmpstr (lifted->event, ==, "measure.event");
    g_assert_nonnull (strstr (lifted->before, "status=in-force"));
    g_assert_nonnull (strstr (lifted->after, "status=lifted"));
    g_assert_nonnull (strstr (lifted->after, "status_date=2022-06-01"));
  }
  /* The other measure is in force, with its own period. */
  query = g_strdup_printf ("SELECT count(*) FROM measures WHERE cadre_id = %" G_GINT64_FORMAT
                           " AND status = 'in-force' AND effect_end = '2023-02-01'",
                           f->wangwu);
  g_assert_cmpint (count (f, query), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'import.measures'"
                             " AND details LIKE '%lifted=1%'"), ==, 1);
}

/* Regression: a lifting date on an expulsion passed the dry run and then
 * failed the whole import (the register refuses to lift 开除). */
static void
test_lift_expulsion (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("lift-expulsion.csv",
                                            "姓名,单位,处分种类,决定日期,批准日期,解除日期\n"
                                            "李四,县财政局,开除公职,2022-01-05,,2022-06-01\n"
                                            "王五,组织部,提醒谈话,2022-02-01,,2022-03-01\n",
                                            -1);
  g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  guint n_valid = 0, n_invalid = 0;

  g_assert_no_error (error);
  ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 0);
  g_assert_cmpuint (n_invalid, ==, 2);
  g_assert_cmpuint (ld_measure_import_plan_get_n_lifted (plan), ==, 0);
  g_assert_false (ld_measure_import_plan_can_commit (plan));
  g_assert_nonnull (find_problem (plan, 2, LD_ROSTER_SEVERITY_ERROR));
  g_assert_nonnull (strstr (find_problem (plan, 2, LD_ROSTER_SEVERITY_ERROR)->message, "cannot be lifted"));
  g_assert_nonnull (find_problem (plan, 3, LD_ROSTER_SEVERITY_ERROR));
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("dry.csv",
                                            "姓名,单位,处分种类,决定日期,解除日期\n"
                                            "李四,县财政局,党内警告,2022-01-05,2022-06-01\n",
                                            -1);
  gint64 audit_before = ld_test_audit_count (f->vault);
  guint n_valid = 0, n_invalid = 0;

  /* A plan checked and dropped, as `import measures --dry-run` does. */
  {
    g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);

    g_assert_no_error (error);
    ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
    g_assert_cmpuint (n_valid, ==, 1);
    g_assert_true (ld_measure_import_plan_can_commit (plan));
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measure_events"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.measures.mapping'"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = ld_fixture_write ("junk.xlsx", "PK\003\004 this is not a workbook", -1);
  g_autofree char *noheader = ld_fixture_write ("noheader.csv", "a,b,c\n1,2,3\n", -1);
  g_autoptr(LdMeasureImportPlan) plan = NULL;

  plan = ld_measure_import_plan_new (f->vault, junk, NULL, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  plan = ld_measure_import_plan_new (f->vault, noheader, NULL, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "处分/处理种类"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
}

static void
test_file_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("changed.csv", "姓名,单位,处分种类,决定日期\n"
                                                           "李四,县财政局,党内警告,2023-03-01\n", -1);
  g_autoptr(LdMeasureImportPlan) plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ld_measure_import_plan_can_commit (plan));
  g_free (ld_fixture_write ("changed.csv", "姓名,单位,处分种类,决定日期\n"
                                           "李四,县财政局,严重警告,2023-03-01\n", -1));
  g_assert_false (ld_measure_import_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
}

static gboolean
adjust_cb (LdMeasureImportMapping  *mapping,
           gpointer                 user_data,
           GError                 **error)
{
  return ld_measure_import_mapping_set_by_text (mapping, "给予何种处理", "code", error)
         && ld_measure_import_mapping_set_by_text (mapping, "D", "decision-date", error);
}

static gboolean
adjust_bad_cb (LdMeasureImportMapping  *mapping,
               gpointer                 user_data,
               GError                 **error)
{
  return ld_measure_import_mapping_set_by_text (mapping, user_data, "code", error);
}

/* Headers the import does not know: mapped by hand, remembered for the
 * next file with the same headers. */
static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ld_fixture_write ("first.csv", "姓名,单位,给予何种处理,时间\n"
                                                          "李四,县财政局,提醒谈话,2023-03-01\n", -1);
  g_autofree char *second = ld_fixture_write ("second.csv", "姓名,单位,给予何种处理,时间\n"
                                                            "王五,组织部,批评教育,2023-04-01\n", -1);
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  g_autoptr(LdMeasureImportPlan) adjusted = NULL;
  g_autoptr(LdMeasureImportPlan) again = NULL;
  g_autoptr(LdMeasureImportMapping) copy = NULL;
  g_autoptr(LdMeasureImportMapping) parsed = NULL;
  g_autofree char *text = NULL;
  LdMeasureImportOptions options = { .adjust = adjust_cb };
  LdMeasureImportOptions bad = { .adjust = adjust_bad_cb, .adjust_data = (gpointer) "处分" };

  g_assert_cmpint (ld_measure_import_field_from_header ("处分/处理种类"), ==, LD_MEASURE_COL_CODE);
  g_assert_cmpint (ld_measure_import_field_from_header (" 批准日期（生效日期）"), ==, LD_MEASURE_COL_EFFECTIVE_DATE);
  g_assert_cmpint (ld_measure_import_field_from_header ("*姓名"), ==, LD_MEASURE_COL_NAME);
  g_assert_cmpint (ld_measure_import_field_from_code ("lift-date"), ==, LD_MEASURE_COL_LIFT_DATE);
  g_assert_cmpint (ld_measure_import_field_from_header ("给予何种处理"), ==, -1);

  /* Without the mapping the measure and its date are missing. */
  plan = ld_measure_import_plan_new (f->vault, first, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ld_measure_import_plan_can_commit (plan));
  assert_problem (plan, 2, LD_MEASURE_COL_CODE, "missing");

  /* An unknown column or field is refused with what to write. */
  g_assert_null (ld_measure_import_plan_new (f->vault, first, &bad, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "处分"));
  g_clear_error (&error);

  adjusted = ld_measure_import_plan_new (f->vault, first, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_measure_import_mapping_find_column (ld_measure_import_plan_get_mapping (adjusted),
                                                          LD_MEASURE_COL_DECISION_DATE), ==, 3);
  g_assert_true (ld_measure_import_plan_can_commit (adjusted));
  text = ld_measure_import_mapping_to_string (ld_measure_import_plan_get_mapping (adjusted));
  parsed = ld_measure_import_mapping_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_measure_import_mapping_find_column (parsed, LD_MEASURE_COL_CODE), ==, 2);
  copy = ld_measure_import_mapping_copy (parsed);
  ld_measure_import_mapping_set (copy, 0, LD_MEASURE_COL_CODE);
  g_assert_cmpint (ld_measure_import_mapping_find_column (copy, LD_MEASURE_COL_CODE), ==, 0);
  g_assert_cmpint (ld_measure_import_mapping_get_field (copy, 2), ==, -1);
  g_assert_true (ld_measure_import_plan_commit (f->vault, adjusted, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The next file with these headers is mapped the same way. */
  again = ld_measure_import_plan_new (f->vault, second, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_measure_import_mapping_find_column (ld_measure_import_plan_get_mapping (again),
                                                          LD_MEASURE_COL_CODE), ==, 2);
  g_assert_true (ld_measure_import_plan_can_commit (again));
  g_assert_true (ld_measure_import_plan_commit (f->vault, again, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures WHERE code IN ('F1_REMIND_TALK', 'F1_CRIT_EDU')"), ==, 2);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("denied.csv", "姓名,单位,处分种类,决定日期\n"
                                                          "李四,县财政局,党内警告,2023-03-01\n", -1);
  g_autoptr(LdMeasureImportPlan) plan = NULL;

  ld_vault_lock (f->vault, "switch");
  ld_test_login (f->vault, "vic");
  plan = ld_measure_import_plan_new (f->vault, path, NULL, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  make_template ();

  g_test_add ("/measure-import/xlsx", Fixture, NULL, setup, test_xlsx, teardown);
  g_test_add ("/measure-import/refusals", Fixture, NULL, setup, test_refusals, teardown);
  g_test_add ("/measure-import/skip-invalid", Fixture, NULL, setup, test_skip_invalid, teardown);
  g_test_add ("/measure-import/all-or-nothing", Fixture, NULL, setup, test_all_or_nothing, teardown);
  g_test_add ("/measure-import/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/measure-import/lift", Fixture, NULL, setup, test_lift, teardown);
  g_test_add ("/measure-import/lift-expulsion", Fixture, NULL, setup, test_lift_expulsion, teardown);
  g_test_add ("/measure-import/dry-run", Fixture, NULL, setup, test_dry_run, teardown);
  g_test_add ("/measure-import/damaged", Fixture, NULL, setup, test_damaged, teardown);
  g_test_add ("/measure-import/file-changed", Fixture, NULL, setup, test_file_changed, teardown);
  g_test_add ("/measure-import/mapping", Fixture, NULL, setup, test_mapping, teardown);
  g_test_add ("/measure-import/denied", Fixture, NULL, setup, test_denied, teardown);

  ret = g_test_run ();
  ld_test_rmdir (template_dir);
  return ret;
}
