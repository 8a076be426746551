/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-import"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-ledger-import.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"
#include "ld-test-utils.h"
#include "rules/ld-id-number.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Importing talk and petition ledgers: persons matched by ID number or by
 * name and unit among the cadres in scope (ambiguous and unknown persons
 * are row errors for talks), reporters kept out of every message, one
 * transaction with one audit entry, or nothing. */

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
  lxw_worksheet *ws = workbook_add_worksheet (wb, "台账");
  guint n_columns = g_strv_length ((char **) header);

  worksheet_merge_range (ws, 0, 0, 0, (lxw_col_t) (n_columns - 1), "2024年谈话和信访台账", NULL);
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
find_problem (LdLedgerPlan     *plan,
              guint             row_number,
              LdRosterSeverity  severity)
{
  GPtrArray *problems = ld_ledger_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      const LdLedgerProblem *problem = g_ptr_array_index (problems, i);

      if (problem->row_number == row_number && problem->severity == severity)
        return problem;
    }
  return NULL;
}

static LdLedgerRow *
find_row (LdLedgerPlan *plan,
          guint         row_number)
{
  GPtrArray *rows = ld_ledger_plan_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      LdLedgerRow *row = g_ptr_array_index (rows, i);

      if (row->row_number == row_number)
        return row;
    }
  g_error ("no row %u in the plan", row_number);
  return NULL;
}

static const char * const talk_header[] = {
  "序号", "谈话时间", "谈话类型", "谈话对象", "身份证号", "单位", "职务", "谈话人", "记录人", "谈话地点", "谈话事由",
  "书面说明", "回复期限", "备注", NULL
};

/* --- Talks ------------------------------------------------------------------------ */

static void
test_talks_xlsx (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *cells[] = {
    /* Row 3: by name and unit (县财政局 written as 财政局), an Excel date. */
    "#1", "#45356", "提醒谈话", "李四", "", "财政局", "副局长", "刘书记、陈主任", "小周", "县纪委谈话室",
    "群众反映公车私用", "是", "2024-03-20", "按期说明",
    /* Row 4: by ID number alone. */
    "#2", "2024年3月6日", "诫勉谈话", "", id_wangwu, "", "", "刘书记、陈主任", "", "", "履职不力", "否", "", "",
    /* Row 5: by ID number, the other 张三 left alone. */
    "#3", "2024/3/7", "谈心谈话", "张三", id_zhang2, "县财政局", "", "刘书记", "", "", "", "", "", "",
    /* Row 6: an Excel date and time of day (2024-03-06 09:30). */
    "#4", "#45357.395833", "谈心谈话", "李四", "", "县财政局", "", "刘书记", "", "", "", "", "", "",
  };
  g_autofree char *path = write_xlsx ("talks.xlsx", talk_header, cells, 4);
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_autofree char *report = NULL;
  g_autofree char *sha = ld_test_file_sha256 (path);
  g_autofree char *details = NULL;
  g_autofree char *query = NULL;
  guint n_valid = 0, n_invalid = 0, n_imported = 0;
  gint64 audit_before = ld_test_audit_count (f->vault);

  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (ld_ledger_mapping_get_header_row_number (ld_ledger_plan_get_mapping (plan)), ==, 2);
  g_assert_cmpint (ld_ledger_mapping_find_column (ld_ledger_plan_get_mapping (plan), LD_TALK_COL_TIME), ==, 1);
  g_assert_cmpint (ld_ledger_mapping_find_column (ld_ledger_plan_get_mapping (plan), LD_TALK_COL_PERSON), ==, 3);
  g_assert_cmpint (ld_ledger_mapping_find_column (ld_ledger_plan_get_mapping (plan), LD_TALK_COL_REASON), ==, 10);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  report = ld_ledger_plan_format_report (plan);
  g_test_message ("%s", report);
  g_assert_cmpuint (n_valid, ==, 4);
  g_assert_cmpuint (n_invalid, ==, 0);
  g_assert_true (ld_ledger_plan_can_commit (plan));
  g_assert_cmpstr (find_row (plan, 3)->persons, ==, "李四（县财政局）");
  g_assert_cmpstr (find_row (plan, 4)->persons, ==, "王五（组织部）");
  g_assert_cmpstr (find_row (plan, 3)->cells[LD_TALK_COL_TYPE], ==, "提醒谈话");
  /* Nothing is written by the plan. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);

  g_assert_true (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE talk_date = '2024-03-06' AND talk_time = '09:30'"),
                   ==, 1);
  query = g_strdup_printf ("SELECT count(*) FROM talks t JOIN talk_persons p ON p.talk_id = t.id"
                           " WHERE t.talk_date = '2024-03-05' AND t.type = 'T_REMIND' AND p.cadre_id = %"
                           G_GINT64_FORMAT " AND t.written_required = 1 AND t.written_due = '2024-03-20'"
                           " AND t.unit_id = %" G_GINT64_FORMAT,
                           f->lisi, f->finance);
  g_assert_cmpint (count (f, query), ==, 1);
  g_free (query);
  query = g_strdup_printf ("SELECT count(*) FROM talk_persons WHERE cadre_id = %" G_GINT64_FORMAT, f->wangwu);
  g_assert_cmpint (count (f, query), ==, 1);
  g_free (query);
  query = g_strdup_printf ("SELECT count(*) FROM talk_persons WHERE cadre_id IN (%" G_GINT64_FORMAT ", %"
                           G_GINT64_FORMAT ")", f->zhang1, f->zhang2);
  g_assert_cmpint (count (f, query), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE talkers LIKE '%刘书记%陈主任%'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE talk_time <> ''"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE explanation LIKE '%按期说明%'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'talk'"
                             " AND event = 'talk.imported'"), ==, 4);
  /* One audit entry for the whole file, no per-talk entries. */
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before + 1);
  details = query_text (f, "SELECT details FROM audit_log WHERE event = 'import.talks'");
  g_assert_nonnull (strstr (details, sha));
  g_assert_nonnull (strstr (details, "talks.xlsx"));
  g_assert_nonnull (strstr (details, "imported=4"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.talks.mapping'"), ==, 1);

  /* The same file again: every talk is already on file. */
  {
    g_autoptr(LdLedgerPlan) again = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);

    g_assert_no_error (error);
    ld_ledger_plan_get_counts (again, &n_valid, &n_invalid);
    g_assert_cmpuint (n_valid, ==, 0);
    g_assert_cmpuint (n_invalid, ==, 4);
    g_assert_nonnull (strstr (find_problem (again, 3, LD_ROSTER_SEVERITY_ERROR)->message, "already on file"));
    g_assert_false (ld_ledger_plan_commit (f->vault, again, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 4);
  }
}

static void
test_talks_ambiguous (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *cells[] = {
    "#1", "2024-03-05", "提醒谈话", "张三", "", "财政局", "", "刘书记", "", "", "", "", "", "",
    "#2", "2024-03-06", "提醒谈话", "李四", "", "县财政局", "", "刘书记", "", "", "", "", "", "",
    "#3", "2024-03-07", "谈心谈话", "孙九", "", "县财政局", "", "刘书记", "", "", "", "", "", "",
    "#4", "2024-03-08", "喝茶", "李四", "", "", "", "刘书记", "", "", "", "", "", "",
    "#5", "2024-13-08", "谈心谈话", "李四", "", "", "", "刘书记", "", "", "", "", "", "",
  };
  g_autofree char *path = write_xlsx ("ambiguous.xlsx", talk_header, cells, 5);
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_autoptr(LdLedgerPlan) skipping = NULL;
  const LdLedgerProblem *problem;
  LdLedgerOptions options = { .skip_invalid = TRUE };
  guint n_valid = 0, n_invalid = 0, n_imported = 0;
  gint64 audit_before;

  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_assert_no_error (error);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 1);
  g_assert_cmpuint (n_invalid, ==, 4);
  g_assert_false (ld_ledger_plan_can_commit (plan));

  problem = find_problem (plan, 3, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->field, ==, LD_TALK_COL_PERSON);
  g_assert_nonnull (strstr (problem->message, "2 cadres named 张三 in 财政局"));
  g_assert_nonnull (strstr (problem->message, "ID number"));
  problem = find_problem (plan, 5, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (strstr (problem->message, "孙九"));
  problem = find_problem (plan, 6, LD_ROSTER_SEVERITY_ERROR);
  g_assert_cmpint (problem->field, ==, LD_TALK_COL_TYPE);
  g_assert_nonnull (strstr (problem->message, "喝茶"));
  problem = find_problem (plan, 7, LD_ROSTER_SEVERITY_ERROR);
  g_assert_cmpint (problem->field, ==, LD_TALK_COL_TIME);
  g_assert_null (find_problem (plan, 4, LD_ROSTER_SEVERITY_ERROR));
  g_assert_false (find_row (plan, 3)->valid);
  g_assert_true (find_row (plan, 4)->valid);

  /* Any invalid row refuses the whole file. */
  audit_before = ld_test_audit_count (f->vault);
  g_assert_false (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);

  /* skip_invalid imports the valid row only. */
  skipping = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_ledger_plan_can_commit (skipping));
  g_assert_true (ld_ledger_plan_commit (f->vault, skipping, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'import.talks'"
                             " AND details LIKE '%skipped=4%'"), ==, 1);
}

/* A batch of talks on one day: the date, type and unit cells merged over
 * its rows, as ledgers are often kept. */
static void
test_talks_merged (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "merged.xlsx", NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  const char *header[] = { "谈话日期", "谈话类型", "单位", "谈话对象", "谈话人" };
  g_autoptr(LdLedgerPlan) plan = NULL;
  LdLedgerOptions skip = { .skip_invalid = TRUE };
  guint n_valid = 0, n_invalid = 0;

  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, header[c], NULL);
  worksheet_merge_range (ws, 1, 0, 3, 0, "2024-03-05", NULL);
  worksheet_merge_range (ws, 1, 1, 3, 1, "提醒谈话", NULL);
  worksheet_merge_range (ws, 1, 2, 2, 2, "县财政局", NULL);
  worksheet_write_string (ws, 1, 3, "李四", NULL);
  worksheet_write_string (ws, 2, 3, "张三", NULL);
  worksheet_write_string (ws, 3, 2, "组织部", NULL);
  worksheet_write_string (ws, 3, 3, "王五", NULL);
  for (int r = 1; r <= 3; r++)
    worksheet_write_string (ws, (lxw_row_t) r, 4, "刘书记", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, &skip, NULL, &error);
  g_assert_no_error (error);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 2);
  g_assert_cmpuint (n_invalid, ==, 1);
  /* The merged unit reaches row 3, where 张三 is ambiguous in it. */
  g_assert_nonnull (strstr (find_problem (plan, 3, LD_ROSTER_SEVERITY_ERROR)->message, "2 cadres named 张三 in 县财政局"));
  g_assert_cmpstr (find_row (plan, 3)->cells[LD_TALK_COL_UNIT], ==, "县财政局");
  g_assert_cmpstr (find_row (plan, 3)->cells[LD_TALK_COL_DATE], ==, "2024-03-05");
  g_assert_cmpstr (find_row (plan, 4)->cells[LD_TALK_COL_UNIT], ==, "组织部");
  g_assert_cmpstr (find_row (plan, 4)->persons, ==, "王五（组织部）");
  g_assert_cmpstr (find_row (plan, 2)->persons, ==, "李四（县财政局）");
  g_assert_true (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE talk_date = '2024-03-05' AND type = 'T_REMIND'"),
                   ==, 2);
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
test_talks_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) csv = g_string_new ("谈话日期,谈话类型,谈话对象,单位,谈话人\n");
  g_autofree char *path = NULL;
  g_autoptr(LdLedgerPlan) plan = NULL;
  guint n_imported = 0;
  gint64 audit_before;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (csv, "2024-%02u-%02u,谈心谈话,李四,县财政局,刘书记\n", 1 + i % 12, 1 + i % 28);
  path = ld_fixture_write ("cancel.csv", csv->str, -1);
  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_ledger_plan_get_rows (plan)->len, ==, 120);
  g_assert_true (ld_ledger_plan_can_commit (plan));

  audit_before = ld_test_audit_count (f->vault);
  g_assert_false (ld_ledger_plan_commit (f->vault, plan, cancel_at_50, cancellable, cancellable, &n_imported,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talk_persons"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.talks.mapping'"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);

  /* The same plan goes through afterwards, in full. */
  g_assert_true (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 120);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 120);
}

static void
test_file_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("changed.csv", "谈话日期,谈话类型,谈话对象,单位\n"
                                                           "2024-03-05,谈心谈话,李四,县财政局\n", -1);
  g_autoptr(LdLedgerPlan) plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ld_ledger_plan_can_commit (plan));
  g_free (ld_fixture_write ("changed.csv", "谈话日期,谈话类型,谈话对象,单位\n"
                                           "2024-03-05,诫勉谈话,李四,县财政局\n", -1));
  g_assert_false (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
}

static void
test_mapping_remembered (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ld_fixture_write ("first.csv", "日期,类型,被约谈人,单位\n2024-03-05,约谈,李四,县财政局\n", -1);
  g_autofree char *second = ld_fixture_write ("second.csv", "日期,类型,被约谈人,单位\n2024-04-05,约谈,李四,县财政局\n",
                                              -1);
  g_autoptr(LdLedgerPlan) plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, first, NULL, NULL, &error);
  g_autoptr(LdLedgerPlan) again = NULL;
  g_autoptr(LdLedgerMapping) mapping = NULL;
  LdLedgerOptions options = { 0 };

  g_assert_no_error (error);
  /* 被约谈人 is not a header Liandang knows: the person is missing. */
  g_assert_cmpint (ld_ledger_mapping_find_column (ld_ledger_plan_get_mapping (plan), LD_TALK_COL_PERSON), ==, -1);
  g_assert_false (ld_ledger_plan_can_commit (plan));

  /* The user maps it by hand; the commit remembers it. */
  mapping = ld_ledger_mapping_copy (ld_ledger_plan_get_mapping (plan));
  ld_ledger_mapping_set (mapping, 2, LD_TALK_COL_PERSON);
  options.mapping = mapping;
  g_clear_pointer (&plan, ld_ledger_plan_free);
  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, first, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_ledger_plan_can_commit (plan));
  g_assert_true (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  again = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, second, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_ledger_mapping_find_column (ld_ledger_plan_get_mapping (again), LD_TALK_COL_PERSON), ==, 2);
  g_assert_true (ld_ledger_plan_can_commit (again));
  /* The petitions' mapping is a different one. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'import.petitions.mapping'"), ==, 0);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf ("谈话日期,谈话类型,谈话对象,身份证号,单位\n"
                                          "2024-03-05,谈心谈话,,%s,\n"
                                          "2024-03-05,谈心谈话,赵六,,\n"
                                          "2024-03-05,谈心谈话,赵六,,邻县\n",
                                          id_zhaoliu);
  g_autofree char *path = ld_fixture_write ("scope.csv", csv, -1);
  g_autoptr(LdLedgerPlan) plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_autofree char *report = NULL;
  guint n_valid = 0, n_invalid = 0;

  g_assert_no_error (error);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 0);
  g_assert_cmpuint (n_invalid, ==, 3);
  report = ld_ledger_plan_format_report (plan);
  g_test_message ("%s", report);
  /* The cadre outside the scope is neither matched nor described: no
   * name for the ID number, no unit for the name. */
  g_assert_nonnull (strstr (find_problem (plan, 2, LD_ROSTER_SEVERITY_ERROR)->message, "No cadre in your scope"));
  g_assert_null (strstr (find_problem (plan, 2, LD_ROSTER_SEVERITY_ERROR)->message, "赵六"));
  g_assert_null (strstr (find_problem (plan, 2, LD_ROSTER_SEVERITY_ERROR)->message, "邻县"));
  g_assert_null (strstr (find_problem (plan, 3, LD_ROSTER_SEVERITY_ERROR)->message, "邻县"));
  g_assert_false (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
}

/* A CSV saved by Excel on a Chinese system: GB18030, no BOM. */
static void
test_csv_gb18030 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *utf8 = "谈话日期,谈话类型,谈话对象,单位,谈话人\r\n2024-03-05,廉政约谈,李四,县财政局,刘书记\r\n";
  gsize length = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_autofree char *path = NULL;
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_autofree char *query = NULL;

  g_assert_no_error (error);
  path = ld_fixture_write ("gb.csv", gb, (gssize) length);
  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_table_get_encoding (ld_ledger_plan_get_table (plan)), ==, "GB18030");
  g_assert_true (ld_ledger_plan_can_commit (plan));
  g_assert_true (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  query = g_strdup_printf ("SELECT count(*) FROM talks t JOIN talk_persons p ON p.talk_id = t.id"
                           " WHERE t.type = 'T_SUMMON' AND p.cadre_id = %" G_GINT64_FORMAT, f->lisi);
  g_assert_cmpint (count (f, query), ==, 1);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("denied.csv", "谈话日期,谈话类型,谈话对象,单位\n"
                                                          "2024-03-05,谈心谈话,李四,县财政局\n", -1);
  g_autoptr(LdLedgerPlan) plan = NULL;

  ld_vault_lock (f->vault, "switch");
  ld_test_login (f->vault, "vic");
  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_TALKS, path, NULL, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
}

static void
test_no_header (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ld_fixture_write ("noheader.csv", "a,b,c\n1,2,3\n", -1);
  g_autoptr(LdLedgerPlan) plan = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, NULL, NULL, &error);

  g_assert_null (plan);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

/* --- Petitions ---------------------------------------------------------------------- */

static void
test_petitions_csv (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf (
    "登记号,收件日期,来源,类别,是否实名,举报人,举报人单位,联系方式,被反映人,被反映人单位,职务,身份证号,"
    "问题类别,反映问题摘要,内容,办理方式,办理状态,办结日期,办理结果\n"
    /* 2: a cadre on file by name and unit, closed, real name. */
    "2024-0007,2024-02-01,来信,检举控告,是,钱八八,县水务局,13900001111,李四,县财政局,副局长,,"
    "违规吃喝,反映李四违规吃喝,\"多次接受宴请\n详见附件\",本级,已办结,2024-03-01,部分属实\n"
    /* 3: someone not on file: kept as text; 12388; anonymous. */
    ",2024-02-02,12388,其他,否,,,,陈七,县财政局,科员,,,反映陈七上班打牌,,,,,\n"
    /* 4: an ambiguous name: refused. */
    ",2024-02-03,来访,申诉,是,钱八八,,,张三,县财政局,,,,反映张三问题,,,,,\n"
    /* 5: by ID number, the same registration number again: a new one is given. */
    "2024-0007,2024-02-04,网络,批评建议,,,,,,,,%s,,工作作风,,,,,\n"
    /* 6: a unit not in scope. */
    ",2024-02-05,来信,检举控告,,,,,孙九,邻县,,,,反映孙九,,,,,\n"
    /* 7: two persons, one on file, one not. */
    ",2024-02-06,来信,检举控告,,,,,李四、周十,县财政局,,,,反映两人,,,,,\n",
    id_wangwu);
  g_autofree char *path = ld_fixture_write ("petitions.csv", csv, -1);
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_autoptr(LdLedgerPlan) skipping = NULL;
  g_autofree char *report = NULL;
  g_autofree char *query = NULL;
  g_autofree char *details = NULL;
  LdLedgerOptions options = { .skip_invalid = TRUE };
  const LdLedgerProblem *problem;
  LdLedgerRow *row;
  guint n_valid = 0, n_invalid = 0, n_imported = 0;

  plan = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, NULL, NULL, &error);
  g_assert_no_error (error);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  report = ld_ledger_plan_format_report (plan);
  g_test_message ("%s", report);
  g_assert_cmpuint (n_valid, ==, 4);
  g_assert_cmpuint (n_invalid, ==, 2);
  g_assert_cmpstr (find_row (plan, 7)->persons, ==, "李四（县财政局）、周十 (not on file)");

  row = find_row (plan, 2);
  g_assert_true (row->valid);
  g_assert_cmpstr (row->persons, ==, "李四（县财政局）");
  /* The preview masks the reporter. */
  g_assert_cmpstr (row->cells[LD_PETITION_COL_REPORTER], ==, "钱**");
  g_assert_cmpstr (row->cells[LD_PETITION_COL_REPORTER_CONTACT], ==, "***");
  g_assert_cmpstr (row->cells[LD_PETITION_COL_REPORTER_UNIT], ==, "***");
  g_assert_true (ld_ledger_field_is_reporter (LD_LEDGER_PETITIONS, LD_PETITION_COL_REPORTER));
  g_assert_false (ld_ledger_field_is_reporter (LD_LEDGER_PETITIONS, LD_PETITION_COL_PERSON));
  row = find_row (plan, 3);
  g_assert_true (row->valid);
  g_assert_nonnull (strstr (row->persons, "陈七"));
  problem = find_problem (plan, 4, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "2 cadres named 张三"));
  g_assert_null (strstr (problem->message, "钱八八"));
  g_assert_nonnull (find_problem (plan, 5, LD_ROSTER_SEVERITY_WARNING));
  g_assert_nonnull (strstr (find_problem (plan, 6, LD_ROSTER_SEVERITY_ERROR)->message, "邻县"));
  /* The reporter is nowhere in the report. */
  g_assert_null (strstr (report, "钱八八"));
  g_assert_null (strstr (report, "13900001111"));
  g_assert_null (strstr (report, "县水务局"));

  g_assert_false (ld_ledger_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_imported, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 0);

  skipping = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_ledger_plan_commit (f->vault, skipping, NULL, NULL, NULL, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 4);
  /* The registration number kept, the second one given anew. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE reg_no = '2024-0007' AND status = 'closed'"
                             " AND result = 'partly' AND closed_date = '2024-03-01' AND channel = 'CH_LETTER'"
                             " AND real_name = 1"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE channel = 'CH_PHONE' AND real_name = 0"
                             " AND kind = 'other'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE channel = 'CH_WEB' AND kind = 'suggestion'"
                             " AND reg_no <> '2024-0007'"), ==, 1);
  query = g_strdup_printf ("SELECT count(*) FROM petition_persons WHERE cadre_id = %" G_GINT64_FORMAT, f->lisi);
  g_assert_cmpint (count (f, query), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petition_persons WHERE cadre_id IS NULL AND name = '周十'"), ==, 1);
  g_free (query);
  query = g_strdup_printf ("SELECT count(*) FROM petition_persons WHERE cadre_id = %" G_GINT64_FORMAT, f->wangwu);
  g_assert_cmpint (count (f, query), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petition_persons WHERE cadre_id IS NULL AND name = '陈七'"
                             " AND unit_text = '县财政局' AND post_text = '科员'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE full_text LIKE '%宴请' || char(10) || '详见%'"),
                   ==, 1);
  /* The reporter went to the reporters table, and nowhere else. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM reporters WHERE name = '钱八八' AND unit = '县水务局'"
                             " AND contact = '13900001111'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE details LIKE '%钱八八%'"
                             " OR object_id LIKE '%钱八八%' OR details LIKE '%13900001111%'"
                             " OR details LIKE '%县水务局%'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE after LIKE '%钱八八%'"
                             " OR after LIKE '%13900001111%'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'petition'"
                             " AND event = 'petition.imported'"), ==, 4);
  details = query_text (f, "SELECT details FROM audit_log WHERE event = 'import.petitions'");
  g_assert_nonnull (strstr (details, "petitions.csv"));
  g_assert_nonnull (strstr (details, "imported=4"));
  g_assert_nonnull (strstr (details, "skipped=2"));

  /* Again: the petition with its number is found on file. */
  {
    g_autoptr(LdLedgerPlan) again = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, &options, NULL, &error);

    g_assert_no_error (error);
    problem = find_problem (again, 2, LD_ROSTER_SEVERITY_ERROR);
    g_assert_nonnull (problem);
    g_assert_nonnull (strstr (problem->message, "already on file"));
    g_assert_null (strstr (problem->message, "钱八八"));
  }
}

static void
test_petitions_xlsx_routed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const header[] = {
    "编号", "受理日期", "渠道", "性质", "举报人", "被举报人", "被举报人单位", "反映问题", "去向", "转办单位",
    "转办日期", "办理状态", NULL
  };
  const char *cells[] = {
    "X1", "#45323", "来电", "检举控告", "某群众", "李四", "财政局", "反映李四", "转办", "县财政局纪检组", "2024-02-05",
    "已转办",
    "X2", "2024-02-02", "来信", "检举控告", "", "王五", "组织部", "反映王五", "转办", "", "", "已转办",
  };
  g_autofree char *path = write_xlsx ("routed.xlsx", header, cells, 2);
  g_autoptr(LdLedgerPlan) plan = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, NULL, NULL, &error);
  guint n_valid = 0, n_invalid = 0;

  g_assert_no_error (error);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);
  g_assert_cmpuint (n_valid, ==, 1);
  g_assert_cmpuint (n_invalid, ==, 1);
  /* A forwarded petition needs where and when. */
  g_assert_cmpint (find_problem (plan, 4, LD_ROSTER_SEVERITY_ERROR)->field, ==, LD_PETITION_COL_ROUTING);
  /* X1 is no registration number: a warning, the next number is given. */
  g_assert_nonnull (find_problem (plan, 3, LD_ROSTER_SEVERITY_WARNING));

  /* The valid row goes in forwarded: registered, then moved. */
  {
    LdLedgerOptions options = { .skip_invalid = TRUE };
    g_autoptr(LdLedgerPlan) skipping = ld_ledger_plan_new (f->vault, LD_LEDGER_PETITIONS, path, &options, NULL,
                                                           &error);
    guint n_imported = 0;

    g_assert_no_error (error);
    ld_ledger_plan_commit (f->vault, skipping, NULL, NULL, NULL, &n_imported, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_imported, ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE status = 'routed' AND routing = 'down'"
                               " AND routed_to = '县财政局纪检组' AND routed_date = '2024-02-05'"
                               " AND received_date = '2024-02-01' AND channel = 'CH_PHONE'"
                               " AND reg_no LIKE '2024-%'"), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM reporters WHERE name = '某群众'"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  make_template ();

  g_test_add ("/ledger-import/talks-xlsx", Fixture, NULL, setup, test_talks_xlsx, teardown);
  g_test_add ("/ledger-import/talks-ambiguous", Fixture, NULL, setup, test_talks_ambiguous, teardown);
  g_test_add ("/ledger-import/talks-merged", Fixture, NULL, setup, test_talks_merged, teardown);
  g_test_add ("/ledger-import/talks-cancel", Fixture, NULL, setup, test_talks_cancel, teardown);
  g_test_add ("/ledger-import/file-changed", Fixture, NULL, setup, test_file_changed, teardown);
  g_test_add ("/ledger-import/mapping-remembered", Fixture, NULL, setup, test_mapping_remembered, teardown);
  g_test_add ("/ledger-import/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/ledger-import/denied", Fixture, NULL, setup, test_denied, teardown);
  g_test_add ("/ledger-import/csv-gb18030", Fixture, NULL, setup, test_csv_gb18030, teardown);
  g_test_add ("/ledger-import/no-header", Fixture, NULL, setup, test_no_header, teardown);
  g_test_add ("/ledger-import/petitions-csv", Fixture, NULL, setup, test_petitions_csv, teardown);
  g_test_add ("/ledger-import/petitions-routed", Fixture, NULL, setup, test_petitions_xlsx_routed, teardown);

  ret = g_test_run ();
  ld_test_rmdir (template_dir);
  return ret;
}
