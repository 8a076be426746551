/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-table-reader.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"

/* Every hostile file must be refused within this time (SECURITY.md B30). */
#define MAX_SECONDS 5
/* …and without growing the process by more than this (B30 allows 200 MB
 * in all; most files are refused before they take any). */
static long max_growth_kib = 64 * 1024;

static LdTable *
read_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  LdTable *table = ld_table_read_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static LdTable *
read_csv_ok (const char *data,
             gssize      length)
{
  g_autofree char *path = ld_fixture_write ("t.csv", data, length);

  return read_ok (path);
}

/* Reads PATH expecting LD_ERROR_INVALID with a message containing NEEDLE,
 * fast and without much memory. */
static void
assert_rejected (const char *path,
                 const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTable) table = NULL;
  gint64 start = g_get_monotonic_time ();
  long rss = ld_fixture_max_rss_kib ();

  table = ld_table_read_file (path, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, error->message);
  g_assert_cmpint (g_get_monotonic_time () - start, <, MAX_SECONDS * G_USEC_PER_SEC);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer's red zones inflate the heap */
  g_assert_cmpint (ld_fixture_max_rss_kib () - rss, <, max_growth_kib);
#endif
  g_test_message ("rejected in %d ms, peak +%ld KiB: %s",
                  (int) ((g_get_monotonic_time () - start) / 1000), ld_fixture_max_rss_kib () - rss,
                  error->message);
}

static void
assert_row (LdTable    *table,
            guint       i,
            guint       number,
            const char *const *cells)
{
  guint n = g_strv_length ((char **) cells);

  g_assert_cmpuint (ld_table_get_row_number (table, i), ==, number);
  g_assert_cmpuint (ld_table_get_n_columns (table, i), ==, n);
  for (guint c = 0; c < n; c++)
    g_assert_cmpstr (ld_table_get_cell (table, i, c), ==, cells[c]);
}

#define ROW(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* ---- CSV ---------------------------------------------------------------- */

static void
test_csv_utf8 (void)
{
  const char *csv = "姓名,性别,备注\r\n"
                    "张三,男,\"说\"\"好\"\"的\"\r\n"
                    "\r\n"
                    "李四,女,\"第一行\r\n第二行\"\r\n"
                    ",,\r\n"
                    "王五,男,last";
  g_autoptr(LdTable) table = read_csv_ok (csv, -1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv, -1);

  g_assert_cmpstr (ld_table_get_format (table), ==, "csv");
  g_assert_cmpstr (ld_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpstr (ld_table_get_sha256 (table), ==, sha);
  g_assert_cmpuint (ld_table_get_n_rows (table), ==, 4);
  assert_row (table, 0, 1, ROW ("姓名", "性别", "备注"));
  assert_row (table, 1, 2, ROW ("张三", "男", "说\"好\"的"));
  g_assert_false (ld_table_is_number (table, 1, 0));
  /* Row 3 is empty; the quoted line break stays inside record 4. */
  assert_row (table, 2, 4, ROW ("李四", "女", "第一行\n第二行"));
  /* Record 5 (",,") is empty. */
  assert_row (table, 3, 6, ROW ("王五", "男", "last"));
  g_assert_cmpstr (ld_table_get_cell (table, 3, 99), ==, "");
  g_assert_cmpstr (ld_table_get_cell (table, 99, 0), ==, "");
  g_assert_cmpuint (ld_table_get_max_columns (table), ==, 3);
}

static void
test_csv_bom_lf (void)
{
  g_autoptr(LdTable) table = read_csv_ok ("\xef\xbb\xbf姓名,身份证号\n张三,34052419800101001X\n", -1);

  g_assert_cmpuint (ld_table_get_n_rows (table), ==, 2);
  assert_row (table, 0, 1, ROW ("姓名", "身份证号"));
  assert_row (table, 1, 2, ROW ("张三", "34052419800101001X"));
}

static void
test_csv_gb18030 (void)
{
  const char *utf8 = "姓名,性别,工作单位\r\n张三,男,\"某市纪委监委\"\r\n䶮,女,𠀀单位\r\n";
  gsize len = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_autoptr(LdTable) table = NULL;

  g_assert_nonnull (gb);
  g_assert_false (g_utf8_validate (gb, len, NULL));
  table = read_csv_ok (gb, len);
  g_assert_cmpstr (ld_table_get_encoding (table), ==, "GB18030");
  g_assert_cmpuint (ld_table_get_n_rows (table), ==, 3);
  assert_row (table, 0, 1, ROW ("姓名", "性别", "工作单位"));
  assert_row (table, 1, 2, ROW ("张三", "男", "某市纪委监委"));
  assert_row (table, 2, 3, ROW ("䶮", "女", "𠀀单位"));
}

static void
test_csv_bad_quotes (void)
{
  g_autofree char *p1 = ld_fixture_write ("q1.csv", "a,b\n\"open,c\n", -1);
  g_autofree char *p2 = ld_fixture_write ("q2.csv", "a,b\nx\"y,c\n", -1);
  g_autofree char *p3 = ld_fixture_write ("q3.csv", "a,b\n\"x\"y,c\n", -1);

  assert_rejected (p1, "Row 2");
  assert_rejected (p2, "Row 2");
  assert_rejected (p3, "Row 2");
}

static void
test_csv_nul (void)
{
  static const char csv[] = "姓名,性别\n张\0三,男\n";
  g_autofree char *path = ld_fixture_write ("nul.csv", csv, sizeof csv - 1);

  assert_rejected (path, "NUL");
}

static void
test_csv_invalid_encoding (void)
{
  /* 0x80 and 0xFF are valid in neither UTF-8 nor GB18030. */
  g_autofree char *path = ld_fixture_write ("bad.csv", "name,sex\n\x80\xff\x80,M\n", -1);
  g_autofree char *utf16 = ld_fixture_write ("utf16.csv", "\xff\xfe" "a\0,\0b\0", 8);

  assert_rejected (path, "neither UTF-8 nor GB18030");
  assert_rejected (utf16, "UTF-16");
}

static void
test_csv_too_many_rows (void)
{
  GString *csv = g_string_new ("姓名\n");
  g_autofree char *path = NULL;

  for (int i = 0; i < LD_TABLE_MAX_ROWS; i++)
    g_string_append (csv, "张三\n");
  path = ld_fixture_write ("rows.csv", csv->str, csv->len);
  g_string_free (csv, TRUE);
  assert_rejected (path, "100000");
}

static void
test_csv_caps (void)
{
  GString *wide = g_string_new ("a");
  g_autofree char *long_cell = g_strnfill (LD_TABLE_MAX_CELL_CHARS + 1, 'x');
  g_autofree char *long_csv = g_strconcat ("a,b\nc,", long_cell, "\n", NULL);
  g_autofree char *ok_cell = g_strnfill (LD_TABLE_MAX_CELL_CHARS, 'y');
  g_autofree char *ok_csv = g_strconcat ("a,\"", ok_cell, "\"\n", NULL);
  g_autofree char *p1 = NULL, *p2 = NULL;
  g_autoptr(LdTable) table = NULL;

  for (int i = 0; i < LD_TABLE_MAX_COLUMNS; i++)
    g_string_append (wide, ",a");
  p1 = ld_fixture_write ("wide.csv", wide->str, wide->len);
  g_string_free (wide, TRUE);
  assert_rejected (p1, "200 columns");

  p2 = ld_fixture_write ("long.csv", long_csv, -1);
  assert_rejected (p2, "Cell B2");

  table = read_csv_ok (ok_csv, -1);
  g_assert_cmpuint (strlen (ld_table_get_cell (table, 0, 1)), ==, LD_TABLE_MAX_CELL_CHARS);
}

static void
test_csv_too_many_cells (void)
{
  GString *csv = g_string_new (NULL);
  g_autofree char *path = NULL;

  for (int r = 0; r <= LD_TABLE_MAX_CELLS / LD_TABLE_MAX_COLUMNS; r++)
    {
      for (int c = 0; c < LD_TABLE_MAX_COLUMNS; c++)
        g_string_append (csv, c ? ",1" : "1");
      g_string_append_c (csv, '\n');
    }
  path = ld_fixture_write ("cells.csv", csv->str, csv->len);
  g_string_free (csv, TRUE);
  max_growth_kib = 200 * 1024;
  assert_rejected (path, "3000000 filled cells");
  max_growth_kib = 64 * 1024;
}

static void
test_too_big (void)
{
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "big.csv", NULL);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, LD_TABLE_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  fputc ('\n', f);
  fclose (f);
  assert_rejected (path, "20 MB");
}

static void
test_xls (void)
{
  g_autofree char *path = ld_fixture_write ("old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest", 12);

  assert_rejected (path, ".xls");
}

/* ---- XLSX ----------------------------------------------------------------- */

static void
test_xlsx_libxlsxwriter (void)
{
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "w.xlsx", NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *hidden = workbook_add_worksheet (wb, "Hidden");
  lxw_worksheet *ws = workbook_add_worksheet (wb, "名册");
  g_autoptr(LdTable) table = NULL;
  const LdTableRange *range;

  /* The first sheet is active unless another one is; only then can it hide. */
  worksheet_activate (ws);
  worksheet_hide (hidden);
  worksheet_write_string (hidden, 0, 0, "not me", NULL);
  worksheet_merge_range (ws, 0, 0, 0, 3, "干部名册", NULL);
  worksheet_write_string (ws, 2, 0, "姓名", NULL);
  worksheet_write_string (ws, 2, 1, "出生年月", NULL);
  worksheet_write_string (ws, 2, 2, "身份证号", NULL);
  worksheet_write_string (ws, 2, 3, "备注", NULL);
  worksheet_write_string (ws, 3, 0, "张三", NULL);
  worksheet_write_number (ws, 3, 1, 29221, NULL);
  worksheet_write_number (ws, 3, 2, 340524198001010019.0, NULL);
  worksheet_write_string (ws, 3, 3, "=1+1 <&> \"x\"\n第二行", NULL);
  worksheet_write_string (ws, 5, 2, "张三", NULL); /* shared string used twice */
  worksheet_write_formula_num (ws, 5, 3, "=1+1", NULL, 2);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = read_ok (path);
  g_assert_cmpstr (ld_table_get_format (table), ==, "xlsx");
  g_assert_false (ld_table_get_date1904 (table));
  g_assert_cmpuint (ld_table_get_n_rows (table), ==, 4);
  assert_row (table, 0, 1, ROW ("干部名册"));
  assert_row (table, 1, 3, ROW ("姓名", "出生年月", "身份证号", "备注"));
  g_assert_cmpuint (ld_table_get_row_number (table, 2), ==, 4);
  g_assert_cmpstr (ld_table_get_cell (table, 2, 0), ==, "张三");
  g_assert_cmpstr (ld_table_get_cell (table, 2, 1), ==, "29221");
  g_assert_true (ld_table_is_number (table, 2, 1));
  g_assert_true (ld_table_is_number (table, 2, 2));
  g_assert_false (ld_table_is_number (table, 2, 0));
  g_assert_false (ld_table_is_number (table, 2, 3));
  g_assert_false (ld_table_is_number (table, 2, 50));
  g_assert_true (strchr (ld_table_get_cell (table, 2, 2), 'E') != NULL);
  g_assert_cmpstr (ld_table_get_cell (table, 2, 3), ==, "=1+1 <&> \"x\"\n第二行");
  assert_row (table, 3, 6, ROW ("", "", "张三", "2"));

  g_assert_cmpuint (ld_table_get_n_merged (table), ==, 1);
  range = ld_table_get_merged (table, 0);
  g_assert_cmpuint (range->first_row, ==, 1);
  g_assert_cmpuint (range->last_row, ==, 1);
  g_assert_cmpuint (range->first_column, ==, 0);
  g_assert_cmpuint (range->last_column, ==, 3);
  g_assert_true (ld_table_find_merged (table, 1, 2) == range);
  g_assert_null (ld_table_find_merged (table, 3, 2));
}

static void
test_xlsx_inline_and_escapes (void)
{
  const char *sheet =
    "<sheetData>"
    "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><r><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r></is></c>"
    "<c r=\"D2\" t=\"s\"><v>0</v></c><c r=\"E2\" t=\"str\"><f>A1</f><v>a_x0009_b</v></c></row>"
    "<row><c t=\"s\"><v>1</v></c></row>"
    "</sheetData>";
  const char *sst =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\">"
    "<si><t>漢字</t><rPh sb=\"0\" eb=\"1\"><t>かんじ</t></rPh></si>"
    "<si><r><t>富</t></r><r><t>文本</t></r></si></sst>";
  g_autofree char *path = ld_fixture_xlsx ("inline.xlsx", sheet, sst);
  g_autoptr(LdTable) table = read_ok (path);

  g_assert_cmpuint (ld_table_get_n_rows (table), ==, 2);
  assert_row (table, 0, 2, ROW ("", "张三 ", "", "漢字", "a\tb"));
  assert_row (table, 1, 3, ROW ("富文本"));
}

static void
test_xlsx_zip_bomb (void)
{
  g_autofree char *path = ld_fixture_zip_bomb ("bomb.xlsx", 150 * 1024 * 1024);

  assert_rejected (path, "zip bomb");
}

static void
test_xlsx_doctype (void)
{
  const char *laughs =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>";
  g_autofree char *p1 = ld_fixture_xlsx ("laughs.xlsx", "<sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row></sheetData>",
                                         laughs);
  g_autofree char *xxe_sheet = g_strdup (
    "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>");
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = ld_fixture_xlsx ("undefined.xlsx",
                                         "<sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData>",
                                         NULL);
  g_autofree char *sheet_part = ld_fixture_sheet_part ("<sheetData/>");
  g_autofree char *p_base = ld_fixture_xlsx ("base.xlsx", "<sheetData/>", NULL);
  LdZipEntry entries[5];

  (void) sheet_part;
  (void) p_base;
  assert_rejected (p1, "DOCTYPE");

  /* The same package with the external-entity sheet. */
  {
    g_autofree char *ct = NULL;
    entries[0] = (LdZipEntry) { "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", -1 };
    entries[1] = (LdZipEntry) { "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", -1 };
    entries[2] = (LdZipEntry) { "xl/workbook.xml",
      "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", -1 };
    entries[3] = (LdZipEntry) { "xl/_rels/workbook.xml.rels",
      "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>", -1 };
    entries[4] = (LdZipEntry) { "xl/worksheets/sheet1.xml", xxe_sheet, -1 };
    p2 = ld_fixture_zip ("xxe.xlsx", entries, 5);
    (void) ct;
  }
  assert_rejected (p2, "DOCTYPE");
  assert_rejected (p3, "not a valid Excel workbook");
}

static void
test_xlsx_bad_names (void)
{
  const char *names[] = { "../evil", "xl/../../evil", "/etc/evil", "xl\\evil.xml", "C:evil" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strdup_printf ("names%u.xlsx", i);
      LdZipEntry entries[] = {
        { "[Content_Types].xml", "<Types/>", -1 },
        { names[i], "evil", -1 },
      };
      g_autofree char *path = ld_fixture_zip (file, entries, G_N_ELEMENTS (entries));

      assert_rejected (path, "dangerous name");
    }
}

static void
test_xlsx_too_many_entries (void)
{
  g_autofree LdZipEntry *entries = g_new0 (LdZipEntry, LD_TABLE_MAX_ZIP_ENTRIES + 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;

  for (guint i = 0; i <= LD_TABLE_MAX_ZIP_ENTRIES; i++)
    {
      char *name = g_strdup_printf ("xl/media/p%u.xml", i);

      g_ptr_array_add (names, name);
      entries[i] = (LdZipEntry) { name, "x", 1 };
    }
  path = ld_fixture_zip ("entries.xlsx", entries, LD_TABLE_MAX_ZIP_ENTRIES + 1);
  assert_rejected (path, "1000");
}

static void
test_xlsx_too_many_rows (void)
{
  g_autofree char *path = g_build_filename (ld_fixture_dir (), "rows.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);

  for (int i = 0; i <= LD_TABLE_MAX_ROWS; i++)
    worksheet_write_number (ws, i, 0, i * 7919 % 100003, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  assert_rejected (path, "100000");
}

static void
test_xlsx_caps (void)
{
  g_autofree char *long_text = g_strnfill (33000, 'x');
  g_autofree char *long_sheet = g_strdup_printf (
    "<sheetData><row r=\"1\"><c r=\"C1\" t=\"inlineStr\"><is><t>%s</t></is></c></row></sheetData>", long_text);
  g_autofree char *p1 = ld_fixture_xlsx ("long.xlsx", long_sheet, NULL);
  g_autofree char *p2 = ld_fixture_xlsx ("wide.xlsx",
                                         "<sheetData><row r=\"1\"><c r=\"HA1\"><v>1</v></c></row></sheetData>", NULL);
  g_autofree char *p3 = ld_fixture_xlsx ("sst.xlsx",
                                         "<sheetData><row r=\"1\"><c t=\"s\"><v>5</v></c></row></sheetData>",
                                         "<sst><si><t>a</t></si></sst>");
  g_autofree char *p4 = ld_fixture_xlsx ("order.xlsx",
                                         "<sheetData><row r=\"5\"/><row r=\"3\"/></sheetData>", NULL);

  assert_rejected (p1, "32767");
  assert_rejected (p2, "200 columns");
  assert_rejected (p3, "shared string");
  assert_rejected (p4, "row number");
}

static void
test_not_a_zip (void)
{
  static const char broken[] = "PK\x03\x04 garbage garbage garbage";
  g_autofree char *path = ld_fixture_write ("broken.xlsx", broken, sizeof broken - 1);

  assert_rejected (path, "not a valid Excel workbook");
}

/* Damaged copies of good files must fail cleanly or read, never crash
 * (a smoke test; B31 asks for real fuzzing under the sanitizers). */
static void
test_mutations (void)
{
  const char *sheet =
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>x</t></is></c>"
    "</row><row r=\"2\"><c r=\"A2\"><v>29221</v></c></row></sheetData><mergeCells count=\"1\">"
    "<mergeCell ref=\"A1:B1\"/></mergeCells>";
  g_autofree char *xlsx_path = ld_fixture_xlsx ("mutate.xlsx", sheet, "<sst><si><t>姓名</t></si></sst>");
  const char *csv = "\xef\xbb\xbf姓名,性别\r\n\"张\"\"三\",男\r\n李四,\"女\r\n\"\r\n";
  g_autofree char *xlsx = NULL;
  gsize xlsx_len = 0;
  const struct
  {
    const char *data;
    gsize       length;
  } inputs[] = { { NULL, 0 }, { csv, strlen (csv) } };

  g_assert_true (g_file_get_contents (xlsx_path, &xlsx, &xlsx_len, NULL));
  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
    {
      const char *orig = k == 0 ? xlsx : inputs[k].data;
      gsize len = k == 0 ? xlsx_len : inputs[k].length;

      for (int round = 0; round < 400; round++)
        {
          g_autofree char *copy = g_memdup2 (orig, len);
          g_autoptr(GError) error = NULL;
          g_autoptr(LdTable) table = NULL;
          gsize n = len;
          int flips = g_test_rand_int_range (1, 4);

          for (int f = 0; f < flips; f++)
            copy[g_test_rand_int_range (0, len)] = g_test_rand_int_range (0, 256);
          if (round % 5 == 0)
            n = g_test_rand_int_range (0, len);
          table = ld_table_read_data (copy, n, NULL, &error);
          g_assert_true ((table == NULL) != (error == NULL));
          for (guint r = 0; table && r < ld_table_get_n_rows (table); r++)
            for (guint c = 0; c < ld_table_get_n_columns (table, r); c++)
              g_assert_true (g_utf8_validate (ld_table_get_cell (table, r, c), -1, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The hostile ones first, so the memory check sees a small process. */
  g_test_add_func ("/table-reader/xlsx/zip-bomb", test_xlsx_zip_bomb);
  g_test_add_func ("/table-reader/xlsx/doctype", test_xlsx_doctype);
  g_test_add_func ("/table-reader/xlsx/bad-names", test_xlsx_bad_names);
  g_test_add_func ("/table-reader/xlsx/too-many-entries", test_xlsx_too_many_entries);
  g_test_add_func ("/table-reader/xlsx/too-many-rows", test_xlsx_too_many_rows);
  g_test_add_func ("/table-reader/xlsx/caps", test_xlsx_caps);
  g_test_add_func ("/table-reader/xlsx/not-a-zip", test_not_a_zip);
  g_test_add_func ("/table-reader/xls", test_xls);
  g_test_add_func ("/table-reader/too-big", test_too_big);
  g_test_add_func ("/table-reader/csv/nul", test_csv_nul);
  g_test_add_func ("/table-reader/csv/invalid-encoding", test_csv_invalid_encoding);
  g_test_add_func ("/table-reader/csv/too-many-rows", test_csv_too_many_rows);
  g_test_add_func ("/table-reader/csv/caps", test_csv_caps);
  g_test_add_func ("/table-reader/csv/too-many-cells", test_csv_too_many_cells);
  g_test_add_func ("/table-reader/csv/bad-quotes", test_csv_bad_quotes);
  g_test_add_func ("/table-reader/csv/utf8", test_csv_utf8);
  g_test_add_func ("/table-reader/csv/bom-lf", test_csv_bom_lf);
  g_test_add_func ("/table-reader/csv/gb18030", test_csv_gb18030);
  g_test_add_func ("/table-reader/xlsx/libxlsxwriter", test_xlsx_libxlsxwriter);
  g_test_add_func ("/table-reader/xlsx/inline-and-escapes", test_xlsx_inline_and_escapes);
  g_test_add_func ("/table-reader/mutations", test_mutations);

  return g_test_run ();
}
