/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../core/ld-test-utils.h"
#include "exchange/ld-xlsx-writer.h"
#include "ld-error.h"

/* The workbooks are read back with tests/exchange/xlsx-inspect.py
 * (openpyxl) and LibreOffice, so what is asserted is what a user opens. */

#define MARK    "秘密★10年"
#define ACCOUNT "jiwei-zhang"
#define CREATED ((gint64) 1764115200)  /* 2025-11-26 */

static char *private_runtime;

/* Reading back ---------------------------------------------------------- */

static char *
script_path (void)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");

  if (root != NULL)
    return g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
  /* G_TEST_SRCDIR is tests/ under meson test. */
  return g_test_build_filename (G_TEST_DIST, "exchange", "xlsx-inspect.py", NULL);
}

/* Runs xlsx-inspect.py ARGS; returns its output, or NULL after
 * g_test_skip() when openpyxl or LibreOffice is missing (exit 77). */
static GBytes *
run_inspect (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_strdup ("python3"));
  g_ptr_array_add (argv, script_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (proc == NULL && g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    {
      g_test_skip ("python3 is not installed");
      return NULL;
    }
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == 77)
    {
      g_test_skip ("python3-openpyxl or LibreOffice is not installed");
      return NULL;
    }
  if (!g_subprocess_get_successful (proc))
    g_error ("xlsx-inspect.py failed: %.*s", (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));
  return g_steal_pointer (&out);
}

/* The workbook's facts as key → value ("sheets.0.rows.4.1.v"); NULL when
 * the test was skipped. */
static GHashTable *
inspect (const char *path)
{
  const char *args[] = { "--flat", path, NULL };
  g_autoptr(GBytes) out = run_inspect (args);
  GHashTable *facts;
  const char *p;
  const char *end;
  gsize size;

  if (out == NULL)
    return NULL;
  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p = g_bytes_get_data (out, &size);
  end = p + size;
  while (p < end)
    {
      const char *key = p;
      const char *value = key + strlen (key) + 1;

      g_assert_true (value < end);
      g_hash_table_insert (facts, g_strdup (key), g_strdup (value));
      p = value + strlen (value) + 1;
    }
  return facts;
}

static const char *
fact (GHashTable *facts,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static const char *
fact (GHashTable *facts,
      const char *format,
      ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  return g_hash_table_lookup (facts, key);
}

/* A cell's field ("v", "t", "fmt", "bold", "wrap"); NULL for an empty cell. */
static const char *
cell (GHashTable *facts,
      guint       sheet,
      guint       row,
      guint       col,
      const char *field)
{
  return fact (facts, "sheets.%u.rows.%u.%u.%s", sheet, row, col, field);
}

static double
width_of (GHashTable *facts,
          guint       sheet,
          const char *letter)
{
  const char *w = fact (facts, "sheets.%u.widths.%s", sheet, letter);

  g_assert_nonnull (w);
  return g_ascii_strtod (w, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack);
}

/* Writing --------------------------------------------------------------- */

static LdXlsxOptions
options (gboolean constant_memory)
{
  LdXlsxOptions o = {
    .title = "干部花名册",
    .subject = "Roster",
    .author = ACCOUNT,
    .company = "某市纪委监委",
    .classification = MARK,
    .comments = "导出用途：测试",
    .created = CREATED,
    .constant_memory = constant_memory,
  };

  return o;
}

static LdXlsxWriter *
writer_new (const char *path,
            gboolean    constant_memory)
{
  g_autoptr(GError) error = NULL;
  LdXlsxOptions o = options (constant_memory);
  LdXlsxWriter *writer = ld_xlsx_writer_new (path, &o, &error);

  g_assert_no_error (error);
  g_assert_nonnull (writer);
  return writer;
}

static void
begin (LdXlsxWriter       *writer,
       const char         *name,
       const LdXlsxColumn *columns,
       guint               n_columns)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_xlsx_writer_begin_sheet (writer, name, "干部花名册", "范围：全部单位　截至 2025-11-26",
                                             columns, n_columns, LD_XLSX_SHEET_NONE, &error));
  g_assert_no_error (error);
}

static void
add_row (LdXlsxWriter       *writer,
         const char * const *values)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_xlsx_writer_add_row (writer, values, &error));
  g_assert_no_error (error);
}

static char *
finish (LdXlsxWriter *writer)
{
  g_autoptr(GError) error = NULL;
  char *sha256 = NULL;

  g_assert_true (ld_xlsx_writer_finish (writer, &sha256, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sha256);
  g_assert_cmpuint (strlen (sha256), ==, 64);
  return sha256;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static guint
count_fds (void)
{
  return count_entries ("/proc/self/fd");
}

static const LdXlsxColumn six_columns[] = {
  { "姓名", LD_XLSX_TEXT },
  { "身份证号", LD_XLSX_CODE },
  { "出生日期", LD_XLSX_DATE },
  { "年龄", LD_XLSX_INTEGER },
  { "占比", LD_XLSX_PERCENT },
  { "备注", LD_XLSX_LONG_TEXT },
};

/* The XML of the index-th worksheet (1-based) of the workbook at path;
 * NULL (the test skipped) without python3. */
static char *
sheet_xml (const char *path,
           guint       index)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", index);
  char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "python3", "-c",
                           "import sys, zipfile\n"
                           "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))\n",
                           path, name, NULL);
  if (proc == NULL && g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
    {
      g_test_skip ("python3 is not installed");
      return NULL;
    }
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return out;
}

/* The height in points of row (0-based) in a worksheet's XML; 0 when the
 * row keeps the default height. */
static double
row_height (const char *xml,
            guint       row)
{
  g_autofree char *pattern = g_strdup_printf ("<row r=\"%u\"[^>]*>", row + 1);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *tag = NULL;
  const char *ht;

  if (!g_regex_match (regex, xml, 0, &match))
    return 0;
  tag = g_match_info_fetch (match, 0);
  ht = strstr (tag, " ht=\"");
  if (ht == NULL)
    return 0;
  return g_ascii_strtod (ht + 5, NULL);
}

/* Tests ----------------------------------------------------------------- */

static void
test_layout (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "花名册.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *real_sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, FALSE);
  const char *row1[] = { "张三", "11010519491231002X", "1949-12-31", "75", "0.125", "无" };
  const char *row2[] = { "李四", "110105194912310021", "1980-02-29", "45", "0.5", NULL };

  begin (writer, "花名册", six_columns, G_N_ELEMENTS (six_columns));
  add_row (writer, row1);
  add_row (writer, row2);
  g_assert_cmpint (ld_xlsx_writer_get_rows (writer), ==, 2);
  sha256 = finish (writer);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  real_sha256 = ld_test_file_sha256 (path);
  g_assert_cmpstr (sha256, ==, real_sha256);

  facts = inspect (path);
  if (facts == NULL)
    goto out;

  g_assert_cmpstr (fact (facts, "properties.title"), ==, "干部花名册");
  g_assert_cmpstr (fact (facts, "properties.subject"), ==, "Roster");
  g_assert_cmpstr (fact (facts, "properties.creator"), ==, ACCOUNT);
  g_assert_cmpstr (fact (facts, "properties.company"), ==, "某市纪委监委");
  assert_contains (fact (facts, "properties.description"), "导出用途：测试");
  assert_contains (fact (facts, "properties.description"), MARK);

  g_assert_cmpstr (fact (facts, "sheets.#"), ==, "1");
  g_assert_cmpstr (fact (facts, "sheets.0.name"), ==, "花名册");
  g_assert_cmpstr (cell (facts, 0, 0, 0, "v"), ==, MARK);
  g_assert_cmpstr (cell (facts, 0, 0, 0, "bold"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 1, 0, "v"), ==, "干部花名册");
  g_assert_cmpstr (cell (facts, 0, 1, 0, "bold"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 2, 0, "v"), ==, "范围：全部单位　截至 2025-11-26");
  for (guint i = 0; i < G_N_ELEMENTS (six_columns); i++)
    {
      g_assert_cmpstr (cell (facts, 0, 3, i, "v"), ==, six_columns[i].header);
      g_assert_cmpstr (cell (facts, 0, 3, i, "bold"), ==, "true");
      g_assert_cmpstr (cell (facts, 0, 3, i, "t"), ==, "s");
    }
  g_assert_cmpstr (cell (facts, 0, 4, 0, "v"), ==, "张三");
  g_assert_cmpstr (cell (facts, 0, 4, 0, "bold"), ==, "false");
  g_assert_cmpstr (cell (facts, 0, 5, 5, "v"), ==, NULL);

  assert_contains (fact (facts, "sheets.0.merged.0"), "A2:F2");
  g_assert_cmpstr (fact (facts, "sheets.0.freeze"), ==, "A5");
  g_assert_cmpstr (fact (facts, "sheets.0.autofilter"), ==, "A4:F6");
  g_assert_cmpstr (fact (facts, "sheets.0.print_titles"), ==, "$4:$4");
  g_assert_cmpstr (fact (facts, "sheets.0.paper_size"), ==, "9");
  g_assert_cmpstr (fact (facts, "sheets.0.orientation"), ==, "portrait");
  g_assert_cmpstr (fact (facts, "sheets.0.fit_width"), ==, "1");
  g_assert_cmpstr (fact (facts, "sheets.0.fit_height"), ==, "0");
  assert_contains (fact (facts, "sheets.0.header"), "&L" MARK);
  assert_contains (fact (facts, "sheets.0.header"), "&C干部花名册");
  assert_contains (fact (facts, "sheets.0.footer"), ACCOUNT);
  assert_contains (fact (facts, "sheets.0.footer"), "&P");
  assert_contains (fact (facts, "sheets.0.footer"), "&N");
  g_assert_cmpstr (fact (facts, "sheets.0.max_row"), ==, "6");
  g_assert_cmpstr (fact (facts, "sheets.0.max_col"), ==, "6");

out:
  ld_test_rmdir (dir);
}

/* Without a 密级 the mark row stays empty, so every layout is the same. */
static void
test_no_classification (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdXlsxWriter) writer = NULL;
  LdXlsxOptions o = options (FALSE);
  const LdXlsxColumn columns[] = { { "Name", LD_XLSX_TEXT } };
  const char *row[] = { "A & B" };

  o.classification = NULL;
  o.comments = NULL;
  writer = ld_xlsx_writer_new (path, &o, &error);
  g_assert_no_error (error);
  g_assert_true (ld_xlsx_writer_begin_sheet (writer, "S", "Fees & costs", "", columns, 1,
                                             LD_XLSX_SHEET_NONE, &error));
  g_assert_no_error (error);
  add_row (writer, row);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  g_assert_null (cell (facts, 0, 0, 0, "v"));
  g_assert_cmpstr (cell (facts, 0, 1, 0, "v"), ==, "Fees & costs");
  g_assert_cmpstr (cell (facts, 0, 3, 0, "v"), ==, "Name");
  g_assert_cmpstr (cell (facts, 0, 4, 0, "v"), ==, "A & B");
  g_assert_cmpstr (fact (facts, "sheets.0.freeze"), ==, "A5");
  g_assert_cmpstr (fact (facts, "sheets.0.autofilter"), ==, "A4:A5");
  /* A user "&" must not start a header code. */
  assert_contains (fact (facts, "sheets.0.header"), "&CFees && costs");
  g_assert_null (fact (facts, "properties.description"));

out:
  ld_test_rmdir (dir);
}

static void
test_orientation (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "o.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, FALSE);
  LdXlsxColumn ten[10];
  g_autofree char *long_title = NULL;
  GString *title = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ten); i++)
    {
      ten[i].header = "列";
      ten[i].kind = LD_XLSX_TEXT;
    }
  begin (writer, "wide", ten, 10);
  begin (writer, "narrow", ten, 3);
  g_assert_true (ld_xlsx_writer_begin_sheet (writer, "forced", "T", NULL, ten, 3,
                                             LD_XLSX_SHEET_LANDSCAPE, &error));
  g_assert_no_error (error);
  g_assert_true (ld_xlsx_writer_begin_sheet (writer, "forced-portrait", "T", NULL, ten, 10,
                                             LD_XLSX_SHEET_PORTRAIT, &error));
  g_assert_no_error (error);
  /* A title longer than Excel's 255-character page header is shortened. */
  for (guint i = 0; i < 300; i++)
    g_string_append (title, i % 10 == 9 ? "&" : "长");
  long_title = g_string_free (title, FALSE);
  g_assert_true (ld_xlsx_writer_begin_sheet (writer, "long", long_title, NULL, ten, 2,
                                             LD_XLSX_SHEET_NONE, &error));
  g_assert_no_error (error);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  g_assert_cmpstr (fact (facts, "sheets.#"), ==, "5");
  g_assert_cmpstr (fact (facts, "sheets.0.orientation"), ==, "landscape");
  g_assert_cmpstr (fact (facts, "sheets.1.orientation"), ==, "portrait");
  g_assert_cmpstr (fact (facts, "sheets.2.orientation"), ==, "landscape");
  g_assert_cmpstr (fact (facts, "sheets.3.orientation"), ==, "portrait");
  /* An empty sheet still filters its header row. */
  g_assert_cmpstr (fact (facts, "sheets.0.autofilter"), ==, "A4:J4");
  g_assert_cmpstr (fact (facts, "sheets.0.merged.0"), ==, "A2:J2");
  g_assert_cmpstr (cell (facts, 4, 1, 0, "v"), ==, long_title);
  g_assert_cmpint (g_utf8_strlen (fact (facts, "sheets.4.header"), -1), <=, 255);
  assert_contains (fact (facts, "sheets.4.header"), "&C长长");

out:
  ld_test_rmdir (dir);
}

static void
test_values (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, FALSE);
  const LdXlsxColumn columns[] = {
    { "文本", LD_XLSX_TEXT },
    { "编号", LD_XLSX_CODE },
    { "日期", LD_XLSX_DATE },
    { "整数", LD_XLSX_INTEGER },
    { "小数", LD_XLSX_DECIMAL },
    { "比例", LD_XLSX_PERCENT },
  };
  const char *rows[][6] = {
    { "纪检监察干部", "11010519491231002X", "1949-12-31", "12", "12.5", "0.125" },
    { "a\xff" "b", "110105194912310021", "1970-05", "-3", "0.25", "1" },
    { "第一行\n第二行", "0012", "2024-03-01 08:30", "—", "—", "—" },
    { "", "", "", "", "", "" },
    { NULL, NULL, "2023-02-30", "1e5", "0x10", "inf" },
    { "😀 emoji", "京A·12345", "2024-03-01 08:30:15", "123456789012345678", "NaN", "-0.5" },
  };

  begin (writer, "值", columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    add_row (writer, rows[i]);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;

  /* CJK text and codes come back exactly, codes as text in a "@" cell. */
  g_assert_cmpstr (cell (facts, 0, 4, 0, "v"), ==, "纪检监察干部");
  g_assert_cmpstr (cell (facts, 0, 4, 0, "t"), ==, "s");
  g_assert_cmpstr (cell (facts, 0, 4, 1, "v"), ==, "11010519491231002X");
  g_assert_cmpstr (cell (facts, 0, 4, 1, "t"), ==, "s");
  g_assert_cmpstr (cell (facts, 0, 4, 1, "fmt"), ==, "@");
  g_assert_cmpstr (cell (facts, 0, 5, 1, "v"), ==, "110105194912310021");
  g_assert_cmpstr (cell (facts, 0, 5, 1, "t"), ==, "s");
  g_assert_cmpstr (cell (facts, 0, 5, 1, "fmt"), ==, "@");
  g_assert_cmpstr (cell (facts, 0, 6, 1, "v"), ==, "0012");
  g_assert_cmpstr (cell (facts, 0, 9, 1, "v"), ==, "京A·12345");

  /* Invalid UTF-8 repaired; line breaks kept and wrapped; astral characters. */
  g_assert_cmpstr (cell (facts, 0, 5, 0, "v"), ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (cell (facts, 0, 6, 0, "v"), ==, "第一行\n第二行");
  g_assert_cmpstr (cell (facts, 0, 6, 0, "wrap"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 9, 0, "v"), ==, "😀 emoji");

  /* Dates are real dates. */
  g_assert_cmpstr (cell (facts, 0, 4, 2, "t"), ==, "d");
  g_assert_cmpstr (cell (facts, 0, 4, 2, "v"), ==, "1949-12-31");
  g_assert_cmpstr (cell (facts, 0, 4, 2, "fmt"), ==, "yyyy-mm-dd");
  g_assert_cmpstr (cell (facts, 0, 5, 2, "v"), ==, "1970-05-01");
  g_assert_cmpstr (cell (facts, 0, 5, 2, "t"), ==, "d");
  g_assert_cmpstr (cell (facts, 0, 6, 2, "v"), ==, "2024-03-01 08:30:00");
  g_assert_cmpstr (cell (facts, 0, 6, 2, "fmt"), ==, "yyyy-mm-dd hh:mm");
  g_assert_cmpstr (cell (facts, 0, 9, 2, "v"), ==, "2024-03-01 08:30:15");
  /* …and an impossible one stays text. */
  g_assert_cmpstr (cell (facts, 0, 8, 2, "v"), ==, "2023-02-30");
  g_assert_cmpstr (cell (facts, 0, 8, 2, "t"), ==, "s");

  /* Numbers are numbers. */
  g_assert_cmpstr (cell (facts, 0, 4, 3, "t"), ==, "n");
  g_assert_cmpstr (cell (facts, 0, 4, 3, "v"), ==, "12");
  g_assert_cmpstr (cell (facts, 0, 4, 3, "fmt"), ==, "0");
  g_assert_cmpstr (cell (facts, 0, 5, 3, "v"), ==, "-3");
  g_assert_cmpstr (cell (facts, 0, 4, 4, "t"), ==, "n");
  g_assert_cmpstr (cell (facts, 0, 4, 4, "v"), ==, "12.5");
  g_assert_cmpstr (cell (facts, 0, 4, 4, "fmt"), ==, "0.0#");
  g_assert_cmpstr (cell (facts, 0, 4, 5, "t"), ==, "n");
  g_assert_cmpstr (cell (facts, 0, 4, 5, "v"), ==, "0.125");
  g_assert_cmpstr (cell (facts, 0, 4, 5, "fmt"), ==, "0.0%");
  g_assert_cmpstr (cell (facts, 0, 5, 5, "v"), ==, "1");
  g_assert_cmpstr (cell (facts, 0, 9, 5, "v"), ==, "-0.5");
  /* "—" and anything that is not a plain number is text; "" is blank. */
  for (guint col = 3; col <= 5; col++)
    {
      g_assert_cmpstr (cell (facts, 0, 6, col, "v"), ==, "—");
      g_assert_cmpstr (cell (facts, 0, 6, col, "t"), ==, "s");
      g_assert_cmpstr (cell (facts, 0, 8, col, "t"), ==, "s");
    }
  g_assert_cmpstr (cell (facts, 0, 8, 3, "v"), ==, "1e5");
  g_assert_cmpstr (cell (facts, 0, 8, 4, "v"), ==, "0x10");
  g_assert_cmpstr (cell (facts, 0, 8, 5, "v"), ==, "inf");
  /* 18 digits would lose precision as a number. */
  g_assert_cmpstr (cell (facts, 0, 9, 3, "v"), ==, "123456789012345678");
  g_assert_cmpstr (cell (facts, 0, 9, 3, "t"), ==, "s");
  for (guint col = 0; col < 6; col++)
    g_assert_null (cell (facts, 0, 7, col, "v"));
  g_assert_null (cell (facts, 0, 8, 0, "v"));

out:
  ld_test_rmdir (dir);
}

static void
test_widths (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, TRUE);
  const LdXlsxColumn columns[] = {
    { "A", LD_XLSX_TEXT },
    { "B", LD_XLSX_TEXT },
    { "C", LD_XLSX_TEXT },
    { "D", LD_XLSX_LONG_TEXT },
    { "E", LD_XLSX_CODE },
    { "F", LD_XLSX_DATE },
  };
  const char *row[] = {
    "abcdefgh", "纪检监察干部监督", "x",
    "这是一段很长的问题线索描述，超过了普通文本列的宽度上限，所以应当换行显示，而不是把列撑得很宽很宽。",
    "91110000100000000X", "2024-01-01",
  };

  g_assert_cmpfloat (ld_xlsx_text_width ("abcdefgh"), ==, 8);
  g_assert_cmpfloat (ld_xlsx_text_width ("纪检监察"), ==, 8);
  g_assert_cmpfloat (ld_xlsx_text_width ("ab\n纪检监察干部"), ==, 12);
  g_assert_cmpfloat (ld_xlsx_text_width ("ＡＢ"), ==, 4);
  g_assert_cmpfloat (ld_xlsx_text_width (""), ==, 0);

  begin (writer, "宽度", columns, G_N_ELEMENTS (columns));
  add_row (writer, row);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  /* The same number of characters, CJK twice as wide. */
  g_assert_cmpfloat (width_of (facts, 0, "B"), >, width_of (facts, 0, "A") + 6);
  /* At least 6, at most the cap. */
  g_assert_cmpfloat (width_of (facts, 0, "C"), >=, 6);
  g_assert_cmpfloat (width_of (facts, 0, "C"), <, 8);
  g_assert_cmpfloat (width_of (facts, 0, "D"), <=, 61);
  g_assert_cmpfloat (width_of (facts, 0, "D"), >=, 59);
  g_assert_cmpstr (cell (facts, 0, 4, 3, "wrap"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 4, 0, "wrap"), ==, "false");
  g_assert_cmpfloat (width_of (facts, 0, "E"), >=, 20);
  g_assert_cmpfloat (width_of (facts, 0, "E"), <=, 23);
  g_assert_cmpfloat (width_of (facts, 0, "F"), >=, 10);
  g_assert_cmpfloat (width_of (facts, 0, "F"), <=, 13);

out:
  ld_test_rmdir (dir);
}

/* SECURITY.md B29: formula payloads never become formulas. */
static const char *payloads[] = {
  "=1+1",
  "+1",
  "-1+1",
  "@SUM(A1)",
  "\t=1+1",
  "\r=1",
  "=HYPERLINK(\"http://x\",\"y\")",
  "＝1+1",
  "＋1",
  "－1",
  "＠SUM(A1)",
  " =1+1",
  "   -2+3",
  "=cmd|' /C calc'!A0",
};

/* Also harmless: Excel would read "_x003D_" as "=", so it is escaped. */
static const char *harmless[] = {
  "_x003D_1+1",
  "\"quoted\" text, with a comma",
  "第一行\n第二行",
  "张三",
  "1+1=2",
  "a=1",
};

static void
test_cell_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autofree char *text = ld_xlsx_cell_text (payloads[i], NULL);
      g_autofree char *expected = g_strconcat ("'", payloads[i], NULL);

      g_assert_cmpstr (text, ==, expected);
    }
  for (guint i = 1; i < G_N_ELEMENTS (harmless); i++)
    {
      g_autofree char *text = ld_xlsx_cell_text (harmless[i], NULL);

      g_assert_cmpstr (text, ==, harmless[i]);
    }
  {
    g_autofree char *empty = ld_xlsx_cell_text (NULL, NULL);
    g_autofree char *spaces = ld_xlsx_cell_text ("   ", NULL);
    g_autofree char *bad = ld_xlsx_cell_text ("a\xff" "b\xc3", NULL);

    g_assert_cmpstr (empty, ==, "");
    g_assert_cmpstr (spaces, ==, "   ");
    g_assert_true (g_utf8_validate (bad, -1, NULL));
    g_assert_cmpstr (bad, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
  }
  {
    g_autofree char *escape = ld_xlsx_cell_text ("_x003D_1+1", NULL);
    g_autofree char *two = ld_xlsx_cell_text ("a_x0041_b_X0041_c_x12345_d_x00", NULL);
    g_autofree char *prefixed = ld_xlsx_cell_text ("=_x0041_", NULL);

    g_assert_cmpstr (escape, ==, "_x005F_x003D_1+1");
    g_assert_cmpstr (two, ==, "a_x005F_x0041_b_X0041_c_x12345_d_x00");
    g_assert_cmpstr (prefixed, ==, "'=_x005F_x0041_");
  }
}

static void
test_injection (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "b29.xlsx", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, FALSE);
  g_auto(GStrv) lines = NULL;
  const LdXlsxColumn columns[] = {
    { "文本", LD_XLSX_TEXT },
    { "编号", LD_XLSX_CODE },
    { "长文本", LD_XLSX_LONG_TEXT },
    { "整数", LD_XLSX_INTEGER },
    { "日期", LD_XLSX_DATE },
  };
  const char *args[] = { "--csv", csv_dir, path, NULL };
  guint n = G_N_ELEMENTS (payloads);
  gsize size;

  begin (writer, "B29", columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      const char *row[] = { payloads[i], payloads[i], payloads[i], payloads[i], payloads[i] };

      add_row (writer, row);
    }
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      const char *row[] = { harmless[i], NULL, NULL, NULL, NULL };

      add_row (writer, row);
    }
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  for (guint i = 0; i < n; i++)
    for (guint col = 0; col < G_N_ELEMENTS (columns); col++)
      {
        g_autofree char *expected = g_strconcat ("'", payloads[i], NULL);

        /* openpyxl reads CR as LF in shared strings. */
        if (strchr (expected, '\r') == NULL)
          g_assert_cmpstr (cell (facts, 0, 4 + i, col, "v"), ==, expected);
        g_assert_true (g_str_has_prefix (cell (facts, 0, 4 + i, col, "v"), "'"));
        g_assert_cmpstr (cell (facts, 0, 4 + i, col, "t"), ==, "s");
      }
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_assert_cmpstr (cell (facts, 0, 4 + n + i, 0, "v"), ==, harmless[i]);
      g_assert_cmpstr (cell (facts, 0, 4 + n + i, 0, "t"), ==, "s");
    }

  /* LibreOffice evaluates nothing: the text is there, no cell reads "2". */
  out = run_inspect (args);
  if (out == NULL)
    goto out;
  {
    g_autofree char *json = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    g_autofree char *csv_path = g_build_filename (csv_dir, "b29-B29.csv", NULL);

    assert_contains (json, "b29-B29.csv");
    g_file_get_contents (csv_path, &csv, &size, &error);
    g_assert_no_error (error);
  }
  assert_contains (csv, "'=1+1");
  assert_contains (csv, "'@SUM(A1)");
  assert_contains (csv, "=HYPERLINK(");
  assert_contains (csv, "'＝1+1");
  assert_contains (csv, "' =1+1");
  assert_contains (csv, "第一行\n第二行");
  assert_contains (csv, "_x003D_1+1");
  assert_contains (csv, "\"\"quoted\"\" text, with a comma");
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_strstrip (fields[j]);
          if (g_str_equal (fields[j], "2") || g_str_equal (fields[j], "\"2\"")
              || g_str_equal (fields[j], "0") || g_str_equal (fields[j], "1"))
            g_error ("line %u evaluates a formula: %s", i + 1, lines[i]);
        }
    }

out:
  ld_test_rmdir (dir);
}

static void
test_truncate (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, TRUE);
  GString *big = g_string_new (NULL);
  g_autofree char *value = NULL;
  const LdXlsxColumn columns[] = { { "长文本", LD_XLSX_LONG_TEXT }, { "编号", LD_XLSX_CODE } };
  gboolean truncated = FALSE;
  const char *v;
  glong units = 0;

  /* 40,000 characters, astral ones (two UTF-16 units) among them. */
  for (guint i = 0; i < 40000; i++)
    g_string_append (big, i % 100 == 0 ? "😀" : (i % 2 ? "纪" : "a"));
  value = g_string_free (big, FALSE);

  text = ld_xlsx_cell_text (value, &truncated);
  g_assert_true (truncated);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "[truncated: the full text is in Liandang]"));
  {
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &units, NULL);

    g_assert_nonnull (utf16);
    g_assert_cmpint (units, <=, 32767);
    g_assert_cmpint (units, >, 31000);
  }
  {
    g_autofree char *short_text = ld_xlsx_cell_text ("short", &truncated);

    g_assert_false (truncated);
  }

  {
    const char *row[] = { value, "A1" };
    const char *row2[] = { "short", value };

    begin (writer, "长", columns, G_N_ELEMENTS (columns));
    add_row (writer, row);
    g_assert_cmpuint (ld_xlsx_writer_get_truncated (writer), ==, 1);
    add_row (writer, row2);
    g_assert_cmpuint (ld_xlsx_writer_get_truncated (writer), ==, 2);
  }
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  v = cell (facts, 0, 4, 0, "v");
  g_assert_cmpstr (v, ==, text);
  g_assert_true (g_str_has_prefix (v, "😀纪a纪"));
  g_assert_cmpstr (cell (facts, 0, 5, 1, "v"), ==, text);
  g_assert_cmpstr (cell (facts, 0, 5, 0, "v"), ==, "short");

out:
  ld_test_rmdir (dir);
}

static char *
write_big (const char *dir,
           const char *name,
           gboolean    constant_memory,
           guint       n_rows)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LdXlsxWriter) writer = writer_new (path, constant_memory);
  g_autofree char *sha256 = NULL;

  begin (writer, "大表", six_columns, G_N_ELEMENTS (six_columns));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name_value = g_strdup_printf ("干部%u号", i);
      g_autofree char *id = g_strdup_printf ("1101051949%08u", i);
      g_autofree char *date = g_strdup_printf ("19%02u-%02u-%02u", 40 + i % 60, 1 + i % 12, 1 + i % 28);
      g_autofree char *age = g_strdup_printf ("%u", 20 + i % 45);
      g_autofree char *share = g_strdup_printf ("0.%03u", i % 1000);
      const char *row[] = { name_value, id, date, age, share, i % 7 == 0 ? "=1+1" : "备注" };

      add_row (writer, row);
    }
  g_assert_cmpint (ld_xlsx_writer_get_rows (writer), ==, n_rows);
  sha256 = finish (writer);
  return g_steal_pointer (&path);
}

static void
test_constant_memory (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *plain = write_big (dir, "plain.xlsx", FALSE, 2000);
  g_autofree char *streamed = write_big (dir, "streamed.xlsx", TRUE, 2000);
  g_autoptr(GHashTable) a = inspect (plain);
  g_autoptr(GHashTable) b = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint compared = 0;

  if (a == NULL)
    goto out;
  b = inspect (streamed);
  g_assert_nonnull (b);

  g_assert_cmpstr (fact (b, "sheets.0.max_row"), ==, "2004");
  g_assert_cmpstr (fact (b, "sheets.0.autofilter"), ==, "A4:F2004");
  g_assert_cmpstr (cell (b, 0, 2003, 0, "v"), ==, "干部1999号");
  g_assert_cmpstr (cell (b, 0, 2003, 1, "v"), ==, "110105194900001999");
  g_assert_cmpstr (cell (b, 0, 4, 5, "v"), ==, "'=1+1");

  /* Everything a user sees is the same in both modes. */
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_str_has_prefix (key, "sheets."))
        continue;
      if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
        g_error ("%s differs: “%s” and “%s”", (char *) key, (char *) value,
                 (char *) g_hash_table_lookup (b, key));
      compared++;
    }
  g_assert_cmpuint (compared, >, 2000 * 6 * 5);

out:
  ld_test_rmdir (dir);
}

static void
test_sheet_names (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "n.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, FALSE);
  const LdXlsxColumn columns[] = { { "X", LD_XLSX_TEXT } };
  const char *names[] = {
    "a[b]:c*d?e/f\\g",
    "'quoted'",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
    "Data",
    "data",
    "[]",
    "History",
    "abcdefghijklmnopqrstuvwxyz1234'xyz",
  };
  const char *expected[] = {
    "abcdefg",
    "quoted",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)",
    "Data",
    "data (2)",
    "Sheet",
    "History (2)",
    "abcdefghijklmnopqrstuvwxyz1234",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_xlsx_writer_begin_sheet (writer, names[i], "T", NULL, columns, 1,
                                                 LD_XLSX_SHEET_NONE, &error));
      g_assert_no_error (error);
    }
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (fact (facts, "sheets.%u.name", i), ==, expected[i]);

out:
  ld_test_rmdir (dir);
}

/* A 3×4 red PNG at 72 dpi. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAMAAAAECAIAAADETxJQAAAACXBIWXMAAAsTAAALEwEAmpwYAAAAEElEQVR4nGP4z8AAQQx4WQD7LAv1/r+/OwAAAABJRU5ErkJggg==";

/* Long headers wrap in a row fitted to them instead of widening their
 * columns; wrapped values get a fitted row as well, also when streaming. */
static void
test_header_height (gconstpointer data)
{
  gboolean constant_memory = GPOINTER_TO_INT (data);
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "h.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, constant_memory);
  const LdXlsxColumn columns[] = {
    { "No.", LD_XLSX_INTEGER },
    { "Level of the person reported", LD_XLSX_TEXT },
    { "被反映人职级及干部类别", LD_XLSX_TEXT },
    { "Summary", LD_XLSX_LONG_TEXT },
  };
  const LdXlsxColumn short_columns[] = {
    { "No.", LD_XLSX_INTEGER },
    { "Name", LD_XLSX_TEXT },
  };
  const char *row1[] = { "1", "县处级", "正职", "short" };
  const char *row2[] = {
    "2", "县处级", "正职",
    "这是一段很长的问题线索描述，超过了长文本列的宽度上限，所以应当换行显示，而且这一行的高度应当足够显示所有的文字。",
  };
  const char *row3[] = { "1", "张三" };

  begin (writer, "headers", columns, G_N_ELEMENTS (columns));
  add_row (writer, row1);
  add_row (writer, row2);
  begin (writer, "short", short_columns, G_N_ELEMENTS (short_columns));
  add_row (writer, row3);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  /* The header adds at most 14 units: the values are 6 wide. */
  g_assert_cmpfloat (width_of (facts, 0, "B"), <=, 15);
  g_assert_cmpfloat (width_of (facts, 0, "C"), <=, 15);
  g_assert_cmpstr (cell (facts, 0, 3, 1, "wrap"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 4, 3, "wrap"), ==, "false");
  g_assert_cmpstr (cell (facts, 0, 5, 3, "wrap"), ==, "true");

  xml = sheet_xml (path, 1);
  if (xml == NULL)
    goto out;
  /* "Level of the person reported" takes three lines at 14 units. */
  g_assert_cmpfloat (row_height (xml, 3), >=, 3 * 15);
  g_assert_cmpfloat (row_height (xml, 3), <=, 4 * 16.5);
  /* The short row keeps its height, the wrapped one is two lines. */
  g_assert_cmpfloat (row_height (xml, 4), ==, 0);
  g_assert_cmpfloat (row_height (xml, 5), >=, 2 * 15);
  g_clear_pointer (&xml, g_free);

  /* Headers on one line: a header row of one line. */
  xml = sheet_xml (path, 2);
  g_assert_cmpfloat (row_height (xml, 3), >, 0);
  g_assert_cmpfloat (row_height (xml, 3), <, 2 * 15);

out:
  ld_test_rmdir (dir);
}

/* A sheet too wide for one readable page is printed N pages wide, across
 * then down, with "No." and the registration number on every page; a
 * narrow one is fitted to one page wide. */
static void
test_print_wide (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "p.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, TRUE);
  LdXlsxColumn wide[30];
  const char *values[30];
  g_autofree char *headers[30] = { NULL };
  const char *six_values[] = { "张三", "11010519491231002X", "1949-12-31", "75", "0.125", "无" };
  guint64 pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    {
      headers[i] = g_strdup_printf ("列 %u", i + 1);
      wide[i].header = headers[i];
      wide[i].kind = i == 0 ? LD_XLSX_INTEGER : i == 1 ? LD_XLSX_CODE : LD_XLSX_TEXT;
      values[i] = i == 0 ? "1" : i == 1 ? "2026-0001" : "县纪委监委";
    }
  begin (writer, "wide", wide, G_N_ELEMENTS (wide));
  add_row (writer, values);
  begin (writer, "narrow", six_columns, G_N_ELEMENTS (six_columns));
  add_row (writer, six_values);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  /* 30 columns of about 12 units: two or more pages wide. */
  g_assert_cmpstr (fact (facts, "sheets.0.orientation"), ==, "landscape");
  g_assert_true (g_ascii_string_to_unsigned (fact (facts, "sheets.0.fit_width"), 10, 2, 5, &pages, NULL));
  g_assert_cmpstr (fact (facts, "sheets.0.fit_height"), ==, "0");
  g_assert_cmpstr (fact (facts, "sheets.0.print_titles"), ==, "$A:$B,wide!$4:$4");
  /* Six columns: one page wide, the header row alone repeated. */
  g_assert_cmpstr (fact (facts, "sheets.1.fit_width"), ==, "1");
  g_assert_cmpstr (fact (facts, "sheets.1.print_titles"), ==, "$4:$4");
  g_assert_cmpstr (fact (facts, "sheets.1.orientation"), ==, "portrait");

  xml = sheet_xml (path, 1);
  if (xml == NULL)
    goto out;
  assert_contains (xml, "pageOrder=\"overThenDown\"");
  g_clear_pointer (&xml, g_free);
  xml = sheet_xml (path, 2);
  g_assert_null (strstr (xml, "pageOrder="));

out:
  ld_test_rmdir (dir);
}

static void
test_form (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "f.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree guchar *png = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) not_image = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdXlsxWriter) writer = writer_new (path, TRUE);
  gsize png_size;

  png = g_base64_decode (png_base64, &png_size);
  image = g_bytes_new (png, png_size);

  g_assert_true (ld_xlsx_writer_begin_form (writer, "干部任免审批表", "干部任免审批表", 6, &error));
  g_assert_no_error (error);
  for (guint col = 0; col < 6; col++)
    {
      g_assert_true (ld_xlsx_writer_form_column (writer, col, col == 5 ? 16 : 12, &error));
      g_assert_no_error (error);
    }
  g_assert_true (ld_xlsx_writer_form_label (writer, 2, 0, 1, "姓名", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 2, 1, 2, LD_XLSX_TEXT, "张三", &error));
  g_assert_true (ld_xlsx_writer_form_label (writer, 2, 3, 1, "出生年月", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 2, 4, 1, LD_XLSX_DATE, "1970-05", &error));
  g_assert_true (ld_xlsx_writer_form_image (writer, 2, 5, 1, 4, image, &error));
  g_assert_no_error (error);
  g_assert_true (ld_xlsx_writer_form_label (writer, 3, 0, 1, "身份证号", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 3, 1, 4, LD_XLSX_CODE, "11010519491231002X", &error));
  g_assert_true (ld_xlsx_writer_form_label (writer, 4, 0, 1, "备注", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 4, 1, 4, LD_XLSX_LONG_TEXT, "=1+1", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 5, 1, 4, LD_XLSX_TEXT, NULL, &error));
  g_assert_no_error (error);
  /* A label wider than its column wraps in a row fitted to it. */
  g_assert_true (ld_xlsx_writer_form_label (writer, 6, 0, 1, "Full-time school and major", &error));
  g_assert_true (ld_xlsx_writer_form_value (writer, 6, 1, 4, LD_XLSX_TEXT, "某大学", &error));
  g_assert_no_error (error);

  /* Not an image; rows 0 and 1 belong to the mark and the title. */
  g_assert_false (ld_xlsx_writer_form_image (writer, 6, 5, 1, 4, not_image, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (ld_xlsx_writer_form_label (writer, 1, 0, 1, "x", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  g_clear_error (&error);
  /* A form sheet takes no data rows. */
  {
    const char *row[] = { "x" };

    g_assert_false (ld_xlsx_writer_add_row (writer, row, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
    g_clear_error (&error);
  }
  g_assert_cmpint (ld_xlsx_writer_get_rows (writer), ==, 0);
  sha256 = finish (writer);

  facts = inspect (path);
  if (facts == NULL)
    goto out;
  g_assert_cmpstr (fact (facts, "sheets.0.name"), ==, "干部任免审批表");
  g_assert_cmpstr (fact (facts, "sheets.0.images"), ==, "1");
  g_assert_null (fact (facts, "sheets.0.freeze"));
  g_assert_null (fact (facts, "sheets.0.autofilter"));
  g_assert_null (fact (facts, "sheets.0.print_titles"));
  g_assert_cmpstr (fact (facts, "sheets.0.orientation"), ==, "portrait");
  g_assert_cmpstr (fact (facts, "sheets.0.paper_size"), ==, "9");
  assert_contains (fact (facts, "sheets.0.header"), MARK);
  assert_contains (fact (facts, "sheets.0.footer"), "&P");
  g_assert_cmpstr (cell (facts, 0, 0, 0, "v"), ==, MARK);
  g_assert_cmpstr (cell (facts, 0, 1, 0, "v"), ==, "干部任免审批表");
  g_assert_cmpstr (cell (facts, 0, 2, 0, "v"), ==, "姓名");
  g_assert_cmpstr (cell (facts, 0, 2, 0, "bold"), ==, "true");
  g_assert_cmpstr (cell (facts, 0, 2, 1, "v"), ==, "张三");
  g_assert_cmpstr (cell (facts, 0, 2, 1, "bold"), ==, "false");
  g_assert_cmpstr (cell (facts, 0, 2, 4, "v"), ==, "1970-05-01");
  g_assert_cmpstr (cell (facts, 0, 2, 4, "t"), ==, "d");
  g_assert_cmpstr (cell (facts, 0, 3, 1, "v"), ==, "11010519491231002X");
  g_assert_cmpstr (cell (facts, 0, 3, 1, "fmt"), ==, "@");
  g_assert_cmpstr (cell (facts, 0, 4, 1, "v"), ==, "'=1+1");
  g_assert_cmpstr (cell (facts, 0, 4, 1, "t"), ==, "s");
  g_assert_cmpstr (fact (facts, "sheets.0.widths.A"), !=, NULL);
  g_assert_cmpfloat (width_of (facts, 0, "F"), >, width_of (facts, 0, "A"));
  g_assert_cmpstr (cell (facts, 0, 6, 0, "wrap"), ==, "true");
  {
    g_autofree char *xml = sheet_xml (path, 1);

    /* One line for 姓名, three for the English label at 12 units. */
    g_assert_cmpfloat (row_height (xml, 2), >=, 15);
    g_assert_cmpfloat (row_height (xml, 2), <, 2 * 15);
    g_assert_cmpfloat (row_height (xml, 6), >=, 3 * 15);
  }
  {
    g_autofree char *merged = NULL;
    GString *all = g_string_new (NULL);

    for (guint i = 0; fact (facts, "sheets.0.merged.%u", i) != NULL; i++)
      g_string_append_printf (all, "%s ", fact (facts, "sheets.0.merged.%u", i));
    merged = g_string_free (all, FALSE);
    assert_contains (merged, "A2:F2");
    assert_contains (merged, "B3:C3");
    assert_contains (merged, "B4:E4");
  }

out:
  ld_test_rmdir (dir);
}

/* Failures leave nothing ------------------------------------------------- */

static void
assert_new_fails (const char *path,
                  const char *needle)
{
  g_autoptr(GError) error = NULL;
  LdXlsxOptions o = options (FALSE);
  LdXlsxWriter *writer = ld_xlsx_writer_new (path, &o, &error);

  g_assert_null (writer);
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  assert_contains (error->message, needle);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_missing_folder (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (missing, "a.xlsx", NULL);

  assert_new_fails (path, missing);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  ld_test_rmdir (dir);
}

static void
test_unwritable_folder (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "a.xlsx", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "a.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  /* A "folder" that is a regular file fails for root too. */
  g_file_set_contents (file, "x", 1, &error);
  g_assert_no_error (error);
  assert_new_fails (under_file, file);

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (geteuid () != 0)
    {
      assert_new_fails (in_locked, locked);
      g_assert_cmpuint (count_entries (locked), ==, 0);
    }
  else
    g_test_message ("root ignores folder modes: the read-only folder case is covered by the file case");
  g_chmod (locked, 0700);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  ld_test_rmdir (dir);
}

static void
test_free_without_commit (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.xlsx", NULL);
  const char *row[] = { "张三", "11010519491231002X", "1949-12-31", "75", "0.125", "无" };

  /* Freed while writing (a cancelled export): no file, and no open
   * temporary file either (it would pin its data on the tmpfs). */
  for (int mode = 0; mode < 2; mode++)
    {
      guint fds = count_fds ();
      LdXlsxWriter *writer = writer_new (path, mode == 1);

      g_assert_cmpuint (count_entries (dir), ==, 1);  /* the .part file */
      begin (writer, "S", six_columns, G_N_ELEMENTS (six_columns));
      for (guint i = 0; i < 100; i++)
        add_row (writer, row);
      begin (writer, "T", six_columns, G_N_ELEMENTS (six_columns));
      add_row (writer, row);
      ld_xlsx_writer_free (writer);
      g_assert_cmpuint (count_entries (dir), ==, 0);
      g_assert_cmpuint (count_fds (), ==, fds);
    }

  /* Closed but not committed. */
  {
    LdXlsxWriter *writer = writer_new (path, FALSE);
    g_autofree char *sha256 = NULL;
    g_autoptr(GError) error = NULL;

    begin (writer, "S", six_columns, G_N_ELEMENTS (six_columns));
    add_row (writer, row);
    g_assert_true (ld_xlsx_writer_close (writer, &sha256, &error));
    g_assert_no_error (error);
    g_assert_nonnull (sha256);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_entries (dir), ==, 1);
    /* Closing twice or writing after closing is refused. */
    g_assert_false (ld_xlsx_writer_add_row (writer, row, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
    g_clear_error (&error);
    ld_xlsx_writer_free (writer);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_entries (dir), ==, 0);
  }

  /* Committing before closing is refused and leaves nothing either. */
  {
    LdXlsxWriter *writer = writer_new (path, FALSE);
    g_autoptr(GError) error = NULL;

    g_assert_false (ld_xlsx_writer_commit (writer, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
    ld_xlsx_writer_free (writer);
    g_assert_cmpuint (count_entries (dir), ==, 0);
  }
  ld_test_rmdir (dir);
}

static void
test_commit_replaces (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.xlsx", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *real_sha256 = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) facts = NULL;
  const char *row[] = { "新", NULL, NULL, NULL, NULL, NULL };
  LdXlsxWriter *writer;
  GStatBuf st;

  g_file_set_contents (path, "old", 3, &error);
  g_assert_no_error (error);

  /* A failed export leaves the older file untouched. */
  writer = writer_new (path, FALSE);
  begin (writer, "S", six_columns, G_N_ELEMENTS (six_columns));
  add_row (writer, row);
  ld_xlsx_writer_free (writer);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  writer = writer_new (path, FALSE);
  begin (writer, "S", six_columns, G_N_ELEMENTS (six_columns));
  add_row (writer, row);
  g_assert_true (ld_xlsx_writer_close (writer, &sha256, &error));
  g_assert_no_error (error);
  /* Until the commit the old file is in place. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "old");
  g_assert_true (ld_xlsx_writer_commit (writer, &error));
  g_assert_no_error (error);
  ld_xlsx_writer_free (writer);

  g_assert_cmpuint (count_entries (dir), ==, 1);
  real_sha256 = ld_test_file_sha256 (path);
  g_assert_cmpstr (sha256, ==, real_sha256);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  facts = inspect (path);
  if (facts != NULL)
    g_assert_cmpstr (cell (facts, 0, 4, 0, "v"), ==, "新");
  ld_test_rmdir (dir);
}

/* The file system fills up while the workbook is saved. */
static void
test_disk_full (gconstpointer data)
{
  gboolean constant_memory = GPOINTER_TO_INT (data);
  const char *dir = g_getenv ("LD_TEST_FULL_DIR");  /* removed by main () */

  if (g_test_subprocess ())
    {
      g_autofree char *path = g_build_filename (dir, constant_memory ? "streamed.xlsx" : "full.xlsx", NULL);
      g_autoptr(LdXlsxWriter) writer = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *sha256 = NULL;
      struct rlimit limit = { 32 * 1024, 32 * 1024 };
      GRand *rand = g_rand_new_with_seed (42);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      writer = writer_new (path, constant_memory);
      begin (writer, "S", six_columns, G_N_ELEMENTS (six_columns));
      for (guint i = 0; i < 20000; i++)
        {
          g_autofree char *noise = g_strdup_printf ("%08x%08x%08x", g_rand_int (rand), g_rand_int (rand),
                                                    g_rand_int (rand));
          const char *row[] = { noise, noise, "2024-01-01", "1", "0.5", noise };

          add_row (writer, row);
        }
      g_rand_free (rand);
      g_assert_false (ld_xlsx_writer_finish (writer, &sha256, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
      g_assert_null (sha256);
      g_printerr ("refused: %s\n", error->message);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_clear_pointer (&writer, ld_xlsx_writer_free);
      g_assert_cmpuint (count_entries (dir), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*refused: Could not save the workbook*");
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

static void
test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *missing = g_build_filename (private_runtime, "missing", NULL);

  dir = ld_xlsx_writer_tmpdir (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (dir, ==, private_runtime);
  g_clear_pointer (&dir, g_free);

  /* Never the on-disk /tmp. */
  for (int i = 0; i < 2; i++)
    {
      if (i == 0)
        g_setenv ("XDG_RUNTIME_DIR", missing, TRUE);
      else
        g_unsetenv ("XDG_RUNTIME_DIR");
      dir = ld_xlsx_writer_tmpdir (&error);
      if (dir == NULL)
        {
          g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
          g_clear_error (&error);
        }
      else
        {
          g_assert_cmpstr (dir, ==, "/dev/shm");
          g_assert_cmpstr (dir, !=, g_get_tmp_dir ());
        }
      g_clear_pointer (&dir, g_free);
    }
  g_setenv ("XDG_RUNTIME_DIR", private_runtime, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);

  /* Set before any thread starts: the disk-full child finds its folder
   * here. */
  if (!g_test_subprocess ())
    {
      g_autofree char *full = ld_test_tmpdir ();

      g_setenv ("LD_TEST_FULL_DIR", full, TRUE);
    }

  /* libxlsxwriter's temporary files go to a private folder (a trapped
   * subprocess, which exits inside g_test_run (), uses its parent's). */
  if (g_test_subprocess ())
    private_runtime = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  else
    {
      private_runtime = g_dir_make_tmp ("ld-xlsx-runtime-XXXXXX", &error);
      g_assert_no_error (error);
      g_chmod (private_runtime, 0700);
      g_setenv ("XDG_RUNTIME_DIR", private_runtime, TRUE);
    }

  g_test_add_func ("/xlsx-writer/layout", test_layout);
  g_test_add_func ("/xlsx-writer/no-classification", test_no_classification);
  g_test_add_func ("/xlsx-writer/orientation", test_orientation);
  g_test_add_func ("/xlsx-writer/values", test_values);
  g_test_add_func ("/xlsx-writer/widths", test_widths);
  g_test_add_data_func ("/xlsx-writer/header-height/in-memory", GINT_TO_POINTER (FALSE), test_header_height);
  g_test_add_data_func ("/xlsx-writer/header-height/constant-memory", GINT_TO_POINTER (TRUE), test_header_height);
  g_test_add_func ("/xlsx-writer/print-wide", test_print_wide);
  g_test_add_func ("/xlsx-writer/cell-text", test_cell_text);
  g_test_add_func ("/xlsx-writer/injection", test_injection);
  g_test_add_func ("/xlsx-writer/truncate", test_truncate);
  g_test_add_func ("/xlsx-writer/constant-memory", test_constant_memory);
  g_test_add_func ("/xlsx-writer/sheet-names", test_sheet_names);
  g_test_add_func ("/xlsx-writer/form", test_form);
  g_test_add_func ("/xlsx-writer/missing-folder", test_missing_folder);
  g_test_add_func ("/xlsx-writer/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/xlsx-writer/free-without-commit", test_free_without_commit);
  g_test_add_func ("/xlsx-writer/commit-replaces", test_commit_replaces);
  g_test_add_data_func ("/xlsx-writer/disk-full/in-memory", GINT_TO_POINTER (FALSE), test_disk_full);
  g_test_add_data_func ("/xlsx-writer/disk-full/constant-memory", GINT_TO_POINTER (TRUE), test_disk_full);
  g_test_add_func ("/xlsx-writer/tmpdir", test_tmpdir);

  rc = g_test_run ();
  /* Nothing may be left behind in the private runtime folder either. */
  if (rc == 0 && !g_test_subprocess ())
    {
      g_autoptr(GDir) d = g_dir_open (private_runtime, 0, NULL);
      const char *name;

      /* GIO's dconf module makes its own folder there. */
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (!g_str_equal (name, "dconf"))
          g_error ("libxlsxwriter left %s in %s", name, private_runtime);
    }
  if (!g_test_subprocess ())
    {
      ld_test_rmdir (private_runtime);
      ld_test_rmdir (g_getenv ("LD_TEST_FULL_DIR"));
    }
  g_free (private_runtime);
  return rc;
}
