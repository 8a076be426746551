/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-roster-parser.h"
#include "exchange/ld-table-reader.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"

/* ---- Values --------------------------------------------------------------- */

static void
test_dates (void)
{
  static const struct
  {
    const char *text;
    int         y, m, d;
  } good[] = {
    { "29221", 1980, 1, 1 },          /* Excel serial */
    { "29221.75", 1980, 1, 1 },       /* serial with a time */
    { "1", 1900, 1, 1 },
    { "59", 1900, 2, 28 },
    { "61", 1900, 3, 1 },             /* after Excel's 29 February 1900 */
    { "36526", 2000, 1, 1 },
    { "45658", 2025, 1, 1 },
    { "1980-01-01", 1980, 1, 1 },
    { "1980-1-5", 1980, 1, 5 },
    { "1980/1/1", 1980, 1, 1 },
    { "1980/01", 1980, 1, 0 },
    { "1980.01", 1980, 1, 0 },
    { "1980.1", 1980, 1, 0 },
    { "1980.12", 1980, 12, 0 },
    { "1980.01.05", 1980, 1, 5 },
    { "1980年1月", 1980, 1, 0 },
    { "1980年01月", 1980, 1, 0 },
    { "1980年1月5日", 1980, 1, 5 },
    { "198001", 1980, 1, 0 },
    { "19800105", 1980, 1, 5 },
    { "１９８０．０１", 1980, 1, 0 },    /* full-width */
    { "１９８０年１月５日", 1980, 1, 5 },
    { " 1980 - 01 - 05 ", 1980, 1, 5 },  /* stray spaces */
    { "1980　年 1 月", 1980, 1, 0 },    /* ideographic space */
    { "1980-01-05 00:00:00", 1980, 1, 5 },
    { "1980-01-05T08:30", 1980, 1, 5 },
    { "2000-02-29", 2000, 2, 29 },
  };
  static const struct
  {
    const char *text;
    const char *needle;
  } bad[] = {
    { "", "empty" },
    { "abc", "not a date" },
    { "1980", "only a year" },
    { "60", "29 February 1900" },
    { "0", "not a date" },
    { "1980-13", "not a real date" },
    { "1980-02-30", "not a real date" },
    { "1900-02-29", "not a real date" },
    { "198013", "not a real date" },
    { "1850.01", "1900 to 2100" },
    { "1980-01/05", "not a date" },
    { "80.01", "not a date" },
    { "3000000", "not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int y = -1, m = -1, d = -1;

      g_test_message ("date %s", good[i].text);
      g_assert_true (ld_parse_date (good[i].text, &y, &m, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (y, ==, good[i].y);
      g_assert_cmpint (m, ==, good[i].m);
      g_assert_cmpint (d, ==, good[i].d);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int y, m, d;

      g_test_message ("bad date %s", bad[i].text);
      g_assert_false (ld_parse_date (bad[i].text, &y, &m, &d, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("expected “%s” in “%s”", bad[i].needle, error->message);
      g_assert_cmpint (y, ==, 0);
    }
}

static void
test_text (void)
{
  static const char * const cases[][2] = {
    { "  张三  ", "张三" },
    { "某市\t纪委  监委\n", "某市 纪委 监委" },
    { "ＡＢＣ１２３（注）", "ABC123(注)" },
    { "中\xe2\x80\x8b共\xef\xbb\xbf党员", "中共党员" },  /* zero-width space and BOM */
    { "\xe3\x80\x80汉族\xe3\x80\x80", "汉族" },        /* ideographic spaces */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = ld_normalise_text (cases[i][0]);

      g_assert_cmpstr (norm, ==, cases[i][1]);
    }
  {
    g_autofree char *norm = ld_normalise_text (NULL);

    g_assert_cmpstr (norm, ==, "");
  }
}

static void
test_sex (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ld_parse_sex ("男", NULL), ==, "男");
  g_assert_cmpstr (ld_parse_sex (" 女 ", NULL), ==, "女");
  g_assert_cmpstr (ld_parse_sex ("男性", NULL), ==, "男");
  g_assert_cmpstr (ld_parse_sex ("M", NULL), ==, "男");
  g_assert_cmpstr (ld_parse_sex ("ｆ", NULL), ==, "女");
  g_assert_cmpstr (ld_parse_sex ("Female", NULL), ==, "女");
  g_assert_null (ld_parse_sex ("未知", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

static void
test_id_number (void)
{
  static const char * const good[][2] = {
    { "34052419800101001X", "34052419800101001X" },
    { " 340524 19800101 001x ", "34052419800101001X" },
    { "３４０５２４１９８００１０１００１Ｘ", "34052419800101001X" },
    { "'11010519491231002X", "11010519491231002X" },
    { "110105491231002", "110105491231002" },
    { "ABC", "ABC" },  /* checked later by rules/ld-id-number */
  };
  static const char * const lost[] = { "3.40524E+17", "3.40524198001010E+17", "3.4052419800101e17", "4E+17" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ld_normalise_id_number (good[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lost); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = ld_normalise_id_number (lost[i], &error);

      g_assert_null (id);
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "lost digits"));
      g_assert_nonnull (strstr (error->message, "text"));
    }
}

/* ---- Fields and headers ------------------------------------------------------- */

static void
test_fields (void)
{
  static const struct
  {
    const char   *header;
    LdRosterField field;
  } headers[] = {
    { "姓名", LD_ROSTER_FIELD_NAME },
    { "姓  名", LD_ROSTER_FIELD_NAME },
    { "*姓名：", LD_ROSTER_FIELD_NAME },
    { "性别", LD_ROSTER_FIELD_SEX },
    { "身份证号", LD_ROSTER_FIELD_ID_NUMBER },
    { "公民身份号码", LD_ROSTER_FIELD_ID_NUMBER },
    { "身份证号码（18位）", LD_ROSTER_FIELD_ID_NUMBER },
    { "出生年月（年.月）", LD_ROSTER_FIELD_BIRTH_DATE },
    { "出生日期", LD_ROSTER_FIELD_BIRTH_DATE },
    { "出生\n年月", LD_ROSTER_FIELD_BIRTH_DATE },
    { "民族", LD_ROSTER_FIELD_ETHNICITY },
    { "籍贯", LD_ROSTER_FIELD_NATIVE_PLACE },
    { "政治面貌", LD_ROSTER_FIELD_POLITICAL_STATUS },
    { "入党时间", LD_ROSTER_FIELD_PARTY_DATE },
    { "学历", LD_ROSTER_FIELD_EDUCATION },
    { "全日制学历", LD_ROSTER_FIELD_EDUCATION_FULL_TIME },
    { "在职学历", LD_ROSTER_FIELD_EDUCATION_IN_SERVICE },
    { "学位", LD_ROSTER_FIELD_DEGREE },
    { "单位", LD_ROSTER_FIELD_UNIT },
    { "工作单位", LD_ROSTER_FIELD_UNIT },
    { "所在单位", LD_ROSTER_FIELD_UNIT },
    { "职务", LD_ROSTER_FIELD_POST },
    { "现任职务", LD_ROSTER_FIELD_POST },
    { "职级", LD_ROSTER_FIELD_RANK },
    { "任现职时间", LD_ROSTER_FIELD_POST_DATE },
    { "任现职级时间", LD_ROSTER_FIELD_RANK_DATE },
    { "最近提拔时间", LD_ROSTER_FIELD_PROMOTION_DATE },
    { "管理权限", LD_ROSTER_FIELD_AUTHORITY },
    { "干部管理权限", LD_ROSTER_FIELD_AUTHORITY },
    { "状态", LD_ROSTER_FIELD_STATUS },
    { "在职状态", LD_ROSTER_FIELD_STATUS },
    { "ＩＤ", LD_ROSTER_FIELD_NONE },
    { "序号", LD_ROSTER_FIELD_NONE },
    { "", LD_ROSTER_FIELD_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    g_assert_cmpint (ld_roster_field_from_header (headers[i].header), ==, headers[i].field);

  for (int f = 0; f < LD_ROSTER_N_FIELDS; f++)
    {
      const char *code = ld_roster_field_get_code (f);

      g_assert_nonnull (code);
      g_assert_cmpint (ld_roster_field_from_code (code), ==, f);
      g_assert_cmpstr (ld_roster_field_get_label (f), !=, "");
    }
  g_assert_cmpint (ld_roster_field_from_code ("nope"), ==, LD_ROSTER_FIELD_NONE);
  g_assert_null (ld_roster_field_get_code (LD_ROSTER_FIELD_NONE));
  g_assert_true (ld_roster_field_is_date (LD_ROSTER_FIELD_BIRTH_DATE));
  g_assert_false (ld_roster_field_is_date (LD_ROSTER_FIELD_NAME));
}

/* ---- A messy roster ------------------------------------------------------------ */

static const char * const roster_headers[] = {
  "序号", "姓 名", "性别", "身份证号", "出生年月（年.月）", "民族", "政治面貌",
  "入党时间", "工作单位", "现任职务", "任现职时间", NULL
};

static char *
write_roster (void)
{
  char *path = g_build_filename (ld_fixture_dir (), "roster.xlsx", NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "干部名册");
  int r;

  /* Title rows: a merged title and a note; the header is on row 3. */
  worksheet_merge_range (ws, 0, 0, 0, 10, "某市纪委监委干部花名册", NULL);
  worksheet_write_string (ws, 1, 0, "填报单位：某市纪委监委（盖章）    填报时间：2024年6月", NULL);
  for (int c = 0; roster_headers[c]; c++)
    worksheet_write_string (ws, 2, c, roster_headers[c], NULL);

  /* Row 4: a birth date as an Excel serial (1980-01-01). */
  r = 3;
  worksheet_write_number (ws, r, 0, 1, NULL);
  worksheet_write_string (ws, r, 1, "张三", NULL);
  worksheet_write_string (ws, r, 2, "男", NULL);
  worksheet_write_string (ws, r, 3, "34052419800101001X", NULL);
  worksheet_write_number (ws, r, 4, 29221, NULL);
  worksheet_write_string (ws, r, 5, "汉族", NULL);
  worksheet_write_string (ws, r, 6, "中共党员", NULL);
  worksheet_write_string (ws, r, 7, "2001.07", NULL);
  worksheet_write_string (ws, r, 8, "某市纪委监委", NULL);
  worksheet_write_string (ws, r, 9, "科员", NULL);
  worksheet_write_string (ws, r, 10, "2010年3月", NULL);

  /* Row 5: an ID number typed as a number, a padded name. */
  r = 4;
  worksheet_write_number (ws, r, 0, 2, NULL);
  worksheet_write_string (ws, r, 1, "李  四", NULL);
  worksheet_write_string (ws, r, 2, "女", NULL);
  worksheet_write_number (ws, r, 3, 340524198001010019.0, NULL);
  worksheet_write_string (ws, r, 4, "1980/1/1", NULL);

  /* Row 6 is empty. Row 7: full-width everything. */
  r = 6;
  worksheet_write_number (ws, r, 0, 3, NULL);
  worksheet_write_string (ws, r, 1, "王五", NULL);
  worksheet_write_string (ws, r, 2, "Ｍ", NULL);
  worksheet_write_string (ws, r, 3, "１１０１０５１９４９１２３１００２Ｘ", NULL);
  worksheet_write_string (ws, r, 4, "１９８０．０１", NULL);
  worksheet_write_string (ws, r, 10, "198001", NULL);

  /* Row 8: the same ID number as row 4. */
  r = 7;
  worksheet_write_number (ws, r, 0, 4, NULL);
  worksheet_write_string (ws, r, 1, "赵六", NULL);
  worksheet_write_string (ws, r, 2, "F", NULL);
  worksheet_write_string (ws, r, 3, "34052419800101001x", NULL);
  worksheet_write_string (ws, r, 4, "19800105", NULL);

  /* Rows 9–13: the other date forms. */
  {
    static const char * const forms[] = { "1980年1月5日", "1980.1", "1980-01-01", " 1980 - 01 ", "1980年1月" };
    static const char * const ids[] = { "440300199001011238", "440300199001011239", "440300199001011240",
                                        "440300199001011241", "440300199001011242" };

    for (int i = 0; i < 5; i++)
      {
        g_autofree char *name = g_strdup_printf ("人员%d", i + 5);

        r = 8 + i;
        worksheet_write_number (ws, r, 0, 5 + i, NULL);
        worksheet_write_string (ws, r, 1, name, NULL);
        worksheet_write_string (ws, r, 2, "男", NULL);
        worksheet_write_string (ws, r, 3, ids[i], NULL);
        worksheet_write_string (ws, r, 4, forms[i], NULL);
      }
  }

  /* Row 14: errors (no name, bad sex, bad date); row 15: only a number in
   * the unmapped 序号 column, as in a template with numbered empty rows;
   * row 16: no ID number. */
  r = 13;
  worksheet_write_number (ws, r, 0, 10, NULL);
  worksheet_write_string (ws, r, 2, "不详", NULL);
  worksheet_write_string (ws, r, 3, "440300199001011243", NULL);
  worksheet_write_string (ws, r, 4, "八零年", NULL);
  worksheet_write_number (ws, 14, 0, 11, NULL);
  worksheet_write_string (ws, 15, 1, "钱十", NULL);
  worksheet_write_string (ws, 15, 4, "1975.06", NULL);

  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static const LdRosterProblem *
find_problem (GPtrArray     *problems,
              guint          row_number,
              LdRosterField  field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const LdRosterProblem *p = g_ptr_array_index (problems, i);

      if (p->row_number == row_number && p->field == field)
        return p;
    }
  return NULL;
}

static const LdRosterRow *
find_row (GPtrArray *rows,
          guint      row_number)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const LdRosterRow *row = g_ptr_array_index (rows, i);

      if (row->row_number == row_number)
        return row;
    }
  return NULL;
}

static void
test_roster (void)
{
  g_autofree char *path = write_roster ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = ld_table_read_file (path, NULL, &error);
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const LdRosterRow *row;
  const LdRosterProblem *problem;
  static const LdRosterField expected_fields[] = {
    LD_ROSTER_FIELD_NONE, LD_ROSTER_FIELD_NAME, LD_ROSTER_FIELD_SEX, LD_ROSTER_FIELD_ID_NUMBER,
    LD_ROSTER_FIELD_BIRTH_DATE, LD_ROSTER_FIELD_ETHNICITY, LD_ROSTER_FIELD_POLITICAL_STATUS,
    LD_ROSTER_FIELD_PARTY_DATE, LD_ROSTER_FIELD_UNIT, LD_ROSTER_FIELD_POST, LD_ROSTER_FIELD_POST_DATE,
  };

  g_assert_no_error (error);
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (mapping), ==, 3);
  g_assert_cmpuint (ld_roster_mapping_get_n_columns (mapping), >=, 11);
  for (guint c = 0; c < G_N_ELEMENTS (expected_fields); c++)
    g_assert_cmpint (ld_roster_mapping_get_field (mapping, c), ==, expected_fields[c]);
  g_assert_cmpstr (ld_roster_mapping_get_header (mapping, 4), ==, "出生年月（年.月）");
  g_assert_cmpint (ld_roster_mapping_find_column (mapping, LD_ROSTER_FIELD_ID_NUMBER), ==, 3);
  g_assert_cmpint (ld_roster_mapping_find_column (mapping, LD_ROSTER_FIELD_RANK), ==, -1);

  rows = ld_roster_parse (table, mapping, &problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const LdRosterProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("row %u %s %s: %s", p->row_number, ld_roster_field_get_code (p->field),
                      p->severity == LD_ROSTER_SEVERITY_ERROR ? "error" : "warning", p->message);
    }
  /* Rows 4, 5, 7, 8, 9–13, 14, 16; not the empty row 6 nor the numbered row 15. */
  g_assert_cmpuint (rows->len, ==, 11);
  g_assert_null (find_row (rows, 6));
  g_assert_null (find_row (rows, 15));

  row = find_row (rows, 4);
  g_assert_nonnull (row);
  g_assert_false (row->has_errors);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_NAME), ==, "张三");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_SEX), ==, "男");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_ID_NUMBER), ==, "34052419800101001X");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01-01");
  g_assert_cmpint (row->dates[LD_ROSTER_FIELD_BIRTH_DATE].year, ==, 1980);
  g_assert_cmpint (row->dates[LD_ROSTER_FIELD_BIRTH_DATE].day, ==, 1);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_PARTY_DATE), ==, "2001-07");
  g_assert_cmpint (row->dates[LD_ROSTER_FIELD_PARTY_DATE].day, ==, 0);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_UNIT), ==, "某市纪委监委");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_POST_DATE), ==, "2010-03");
  g_assert_null (ld_roster_row_get (row, LD_ROSTER_FIELD_RANK));

  row = find_row (rows, 5);
  g_assert_true (row->has_errors);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_NAME), ==, "李四");
  g_assert_null (ld_roster_row_get (row, LD_ROSTER_FIELD_ID_NUMBER));
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01-01");
  problem = find_problem (problems, 5, LD_ROSTER_FIELD_ID_NUMBER);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (strstr (problem->message, "lost digits"));

  row = find_row (rows, 7);
  g_assert_false (row->has_errors);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_SEX), ==, "男");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_ID_NUMBER), ==, "11010519491231002X");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_POST_DATE), ==, "1980-01");

  row = find_row (rows, 8);
  g_assert_true (row->has_errors);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_SEX), ==, "女");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01-05");
  problem = find_problem (problems, 8, LD_ROSTER_FIELD_ID_NUMBER);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (strstr (problem->message, "row 4"));
  g_assert_null (find_problem (problems, 4, LD_ROSTER_FIELD_ID_NUMBER));

  {
    static const char * const dates[] = { "1980-01-05", "1980-01", "1980-01-01", "1980-01", "1980-01" };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        row = find_row (rows, 9 + i);
        g_assert_nonnull (row);
        g_assert_false (row->has_errors);
        g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, dates[i]);
      }
  }

  row = find_row (rows, 14);
  g_assert_true (row->has_errors);
  g_assert_nonnull (find_problem (problems, 14, LD_ROSTER_FIELD_NAME));
  g_assert_nonnull (find_problem (problems, 14, LD_ROSTER_FIELD_SEX));
  problem = find_problem (problems, 14, LD_ROSTER_FIELD_BIRTH_DATE);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "八零年"));

  row = find_row (rows, 16);
  g_assert_false (row->has_errors);
  problem = find_problem (problems, 16, LD_ROSTER_FIELD_ID_NUMBER);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, LD_ROSTER_SEVERITY_WARNING);

  /* Problems come in row order. */
  for (guint i = 1; i < problems->len; i++)
    g_assert_cmpuint (((LdRosterProblem *) g_ptr_array_index (problems, i - 1))->row_number, <=,
                      ((LdRosterProblem *) g_ptr_array_index (problems, i))->row_number);
}

static void
test_two_level_header (void)
{
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "two-level.xlsx", NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = NULL;
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const LdRosterRow *row;

  worksheet_merge_range (ws, 0, 0, 0, 4, "干部名册", NULL);
  worksheet_merge_range (ws, 1, 0, 2, 0, "姓名", NULL);
  worksheet_merge_range (ws, 1, 1, 2, 1, "身份证号", NULL);
  worksheet_merge_range (ws, 1, 2, 1, 3, "学历", NULL);
  worksheet_write_string (ws, 2, 2, "全日制", NULL);
  worksheet_write_string (ws, 2, 3, "在职", NULL);
  worksheet_merge_range (ws, 1, 4, 2, 4, "职务", NULL);
  worksheet_write_string (ws, 3, 0, "张三", NULL);
  worksheet_write_string (ws, 3, 1, "34052419800101001X", NULL);
  worksheet_write_string (ws, 3, 2, "大学", NULL);
  worksheet_write_string (ws, 3, 3, "研究生", NULL);
  worksheet_write_string (ws, 3, 4, "主任", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = ld_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (mapping), ==, 3);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 0), ==, LD_ROSTER_FIELD_NAME);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 1), ==, LD_ROSTER_FIELD_ID_NUMBER);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 2), ==, LD_ROSTER_FIELD_EDUCATION_FULL_TIME);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 3), ==, LD_ROSTER_FIELD_EDUCATION_IN_SERVICE);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 4), ==, LD_ROSTER_FIELD_POST);
  g_assert_cmpstr (ld_roster_mapping_get_header (mapping, 2), ==, "学历 / 全日制");

  rows = ld_roster_parse (table, mapping, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->row_number, ==, 4);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_EDUCATION_FULL_TIME), ==, "大学");
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_EDUCATION_IN_SERVICE), ==, "研究生");
}

/* Numbers where text belongs: Excel drops the 0 of 1980.10 and keeps only
 * 15 digits of an 18-digit ID number. */
static void
test_numeric_cells (void)
{
  const char *sheet =
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>身份证号</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>出生年月</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c>"
    "<c r=\"B2\"><v>340524198001010000</v></c><c r=\"C2\"><v>1980.1</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>李四</t></is></c>"
    "<c r=\"B3\"><v>110105491231002</v></c><c r=\"C3\" t=\"inlineStr\"><is><t>1980.1</t></is></c></row>"
    "</sheetData>";
  g_autofree char *path = ld_fixture_xlsx ("numeric.xlsx", sheet, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = ld_table_read_file (path, NULL, &error);
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const LdRosterProblem *problem;
  const LdRosterRow *row;

  g_assert_no_error (error);
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  rows = ld_roster_parse (table, mapping, &problems);
  g_assert_cmpuint (rows->len, ==, 2);

  row = find_row (rows, 2);
  g_assert_true (row->has_errors);
  g_assert_null (ld_roster_row_get (row, LD_ROSTER_FIELD_ID_NUMBER));
  problem = find_problem (problems, 2, LD_ROSTER_FIELD_ID_NUMBER);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "lost digits"));
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01");
  problem = find_problem (problems, 2, LD_ROSTER_FIELD_BIRTH_DATE);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, LD_ROSTER_SEVERITY_WARNING);
  g_assert_nonnull (strstr (problem->message, "October"));

  /* A 15-digit number is exact; 1980.1 typed as text is January. */
  row = find_row (rows, 3);
  g_assert_false (row->has_errors);
  g_assert_cmpstr (ld_roster_row_get (row, LD_ROSTER_FIELD_ID_NUMBER), ==, "110105491231002");
  g_assert_null (find_problem (problems, 3, LD_ROSTER_FIELD_BIRTH_DATE));
}

static void
test_date1904 (void)
{
  const char *sheet =
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>出生日期</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>入党时间</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c>"
    "<c r=\"B2\"><v>27759</v></c><c r=\"C2\"><v>2001.07</v></c></row>"
    "</sheetData>";
  g_autofree char *path = ld_fixture_xlsx_1904 ("1904.xlsx", sheet);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = ld_table_read_file (path, NULL, &error);
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  g_assert_true (ld_table_get_date1904 (table));
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  rows = ld_roster_parse (table, mapping, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  /* 27759 days after 1904-01-01 is 1980-01-01. */
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 0), LD_ROSTER_FIELD_BIRTH_DATE), ==, "1980-01-01");
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 0), LD_ROSTER_FIELD_PARTY_DATE), ==, "2001-07");
}

/* A merged header over data that is not a sub-header keeps the first
 * data row. */
static void
test_merged_header_without_sub_row (void)
{
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "merged-header.xlsx", NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = NULL;
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  worksheet_write_string (ws, 0, 0, "姓名", NULL);
  worksheet_write_string (ws, 0, 1, "身份证号", NULL);
  worksheet_merge_range (ws, 0, 2, 0, 3, "学历", NULL);
  worksheet_write_string (ws, 1, 0, "张三", NULL);
  worksheet_write_string (ws, 1, 1, "34052419800101001X", NULL);
  worksheet_write_string (ws, 1, 2, "大学", NULL);
  worksheet_write_string (ws, 1, 3, "硕士", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = ld_table_read_file (path, NULL, &error);
  g_assert_no_error (error);
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (mapping), ==, 1);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 2), ==, LD_ROSTER_FIELD_EDUCATION);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 3), ==, LD_ROSTER_FIELD_NONE);
  rows = ld_roster_parse (table, mapping, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 0), LD_ROSTER_FIELD_EDUCATION), ==, "大学");
}

static LdTable *
csv_table (const char *csv)
{
  g_autoptr(GError) error = NULL;
  LdTable *table = ld_table_read_data (csv, strlen (csv), NULL, &error);

  g_assert_no_error (error);
  return table;
}

static void
test_mapping_edit_and_remember (void)
{
  g_autoptr(LdTable) table = csv_table ("名单\n姓名,公民身份号码,单位名称,备注\n张三,34052419800101001X,某局,处长\n");
  g_autoptr(LdTable) other = csv_table ("备注,姓名,身份证号,单位名称\n处长,李四,34052419800101001X,某局\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRosterMapping) mapping = ld_roster_detect (table, &error);
  g_autoptr(LdRosterMapping) copy = NULL;
  g_autoptr(LdRosterMapping) back = NULL;
  g_autoptr(LdRosterMapping) fresh = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (mapping), ==, 2);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 2), ==, LD_ROSTER_FIELD_UNIT);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 3), ==, LD_ROSTER_FIELD_NONE);

  /* The user says 备注 holds the post, and unit moves to another column. */
  ld_roster_mapping_set (mapping, 3, LD_ROSTER_FIELD_POST);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 3), ==, LD_ROSTER_FIELD_POST);
  copy = ld_roster_mapping_copy (mapping);
  ld_roster_mapping_set (copy, 3, LD_ROSTER_FIELD_UNIT);
  g_assert_cmpint (ld_roster_mapping_get_field (copy, 2), ==, LD_ROSTER_FIELD_NONE);
  g_assert_cmpint (ld_roster_mapping_get_field (copy, 3), ==, LD_ROSTER_FIELD_UNIT);
  g_assert_cmpint (ld_roster_mapping_get_field (mapping, 2), ==, LD_ROSTER_FIELD_UNIT);

  rows = ld_roster_parse (table, mapping, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 0), LD_ROSTER_FIELD_POST), ==, "处长");

  /* Round trip. */
  text = ld_roster_mapping_to_string (mapping);
  back = ld_roster_mapping_from_string (text, &error);
  g_assert_no_error (error);
  text2 = ld_roster_mapping_to_string (back);
  g_assert_cmpstr (text, ==, text2);
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (back), ==, 2);

  /* Applied to another file with the same headers in another order. */
  fresh = ld_roster_detect (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_roster_mapping_get_field (fresh, 0), ==, LD_ROSTER_FIELD_NONE);
  g_assert_cmpuint (ld_roster_mapping_apply (fresh, back), ==, 1);
  g_assert_cmpint (ld_roster_mapping_get_field (fresh, 0), ==, LD_ROSTER_FIELD_POST);
  g_assert_cmpint (ld_roster_mapping_get_field (fresh, 1), ==, LD_ROSTER_FIELD_NAME);
  g_assert_cmpint (ld_roster_mapping_get_field (fresh, 3), ==, LD_ROSTER_FIELD_UNIT);

  /* Damaged text. */
  {
    static const char * const damaged[] = {
      "", "nonsense", "liandang-roster-mapping 1\nheader-row x\n",
      "liandang-roster-mapping 1\nheader-row 1 2\n0 nope 姓名\n",
      "liandang-roster-mapping 1\nheader-row 1 2\n999 name 姓名\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(LdRosterMapping) m = ld_roster_mapping_from_string (damaged[i], &e);

        g_assert_null (m);
        g_assert_error (e, LD_ERROR, LD_ERROR_INVALID);
      }
  }
}

static void
test_no_header (void)
{
  g_autoptr(LdTable) table = csv_table ("a,b,c\n1,2,3\n姓名,x,y\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRosterMapping) mapping = ld_roster_detect (table, &error);

  g_assert_null (mapping);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "header"));
}

static void
test_gb18030_roster (void)
{
  const char *utf8 = "\"姓名\",\"性别\",\"出生日期\",\"身份证号\"\r\n"
                     "\"张三\",\"男\",\"1980-01-05\",\"34052419800101001X\"\r\n"
                     "\"李四\",\"女\",\"1981.2\",\"3.40524E+17\"\r\n";
  gsize len = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = ld_table_read_data (gb, len, NULL, &error);
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  mapping = ld_roster_detect (table, &error);
  g_assert_no_error (error);
  rows = ld_roster_parse (table, mapping, &problems);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 0), LD_ROSTER_FIELD_NAME), ==, "张三");
  g_assert_cmpstr (ld_roster_row_get (g_ptr_array_index (rows, 1), LD_ROSTER_FIELD_BIRTH_DATE), ==, "1981-02");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((LdRosterProblem *) g_ptr_array_index (problems, 0))->row_number, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roster/dates", test_dates);
  g_test_add_func ("/roster/text", test_text);
  g_test_add_func ("/roster/sex", test_sex);
  g_test_add_func ("/roster/id-number", test_id_number);
  g_test_add_func ("/roster/fields", test_fields);
  g_test_add_func ("/roster/messy-xlsx", test_roster);
  g_test_add_func ("/roster/two-level-header", test_two_level_header);
  g_test_add_func ("/roster/merged-header-without-sub-row", test_merged_header_without_sub_row);
  g_test_add_func ("/roster/numeric-cells", test_numeric_cells);
  g_test_add_func ("/roster/date1904", test_date1904);
  g_test_add_func ("/roster/mapping", test_mapping_edit_and_remember);
  g_test_add_func ("/roster/no-header", test_no_header);
  g_test_add_func ("/roster/gb18030", test_gb18030_roster);

  return g_test_run ();
}
