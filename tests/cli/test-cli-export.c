/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-export"

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "app/exchange/ld-exchange-config.h"
#include "ld-cli-test-utils.h"
#include "rules/ld-id-number.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the `export …` commands, each test in its own temporary vault, and
 * reads the workbooks back with tests/exchange/xlsx-inspect.py (openpyxl).
 * A kind whose builder is not in this build (ld-exchange-config.h) must
 * fail with a clear message and leave no file. */

#define PURPOSE   "年度考核材料报送"
#define MARK      "秘密★10年"
#define R_NAME    "欧阳锋芒"
#define R_CONTACT "13800138000"

typedef struct
{
  CliFixture cli;
  char      *out;      /* an empty folder for the workbooks */
  char      *unit_a;   /* 财政局: 张三丰, 王小明 */
  char      *unit_b;   /* 教育局: 李四 */
  char      *zhang;
  char      *wang;
  char      *li;
} Fixture;

/* sec, aud, boss (investigator, every unit, no grant yet), inv
 * (investigator, unit B, export grant); units A and B with cadres. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-export-XXXXXX");
  f->out = g_build_filename (f->cli.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_b, NULL));
  g_free (run_ok (&f->cli, "sec", "user", "grant", "inv", "export", NULL));
  f->zhang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                 "11010519491231002X", "--unit", f->unit_a, "--set", "principal=yes", NULL));
  f->wang = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "王小明", "--id-number",
                                "110105197001010011", "--unit", f->unit_a, NULL));
  f->li = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                              "34052419800101001X", "--unit", f->unit_b, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->out);
  g_free (f->unit_a);
  g_free (f->unit_b);
  g_free (f->zhang);
  g_free (f->wang);
  g_free (f->li);
}

static void
grant (Fixture    *f,
       const char *grant_name)
{
  g_free (run_ok (&f->cli, "sec", "user", "grant", "boss", grant_name, NULL));
}

/* --- helpers ------------------------------------------------------------------------ */

/* Whether the builder of kind is in this build. */
static gboolean
have_builder (const char *kind)
{
  if (g_str_equal (kind, "roster"))
#ifdef LD_EXPORT_HAVE_ROSTER
    return TRUE;
#else
    return FALSE;
#endif
  if (g_str_equal (kind, "cadre") || g_str_equal (kind, "cadres"))
#ifdef LD_EXPORT_HAVE_CADRE_FILE
    return TRUE;
#else
    return FALSE;
#endif
  if (g_str_equal (kind, "petitions") || g_str_equal (kind, "clues") || g_str_equal (kind, "talks")
      || g_str_equal (kind, "board"))
#ifdef LD_EXPORT_HAVE_CASES
    return TRUE;
#else
    return FALSE;
#endif
#ifdef LD_EXPORT_HAVE_LEDGERS
  return TRUE;
#else
  return FALSE;
#endif
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->out, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in folder, sorted, joined with "|" ("" when it is empty). */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
assert_folder (const char *folder,
               const char *expected)
{
  g_autofree char *names = list_folder (folder);

  g_assert_cmpstr (names, ==, expected);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* The SHA-256 printed after "SHA-256: ". */
static char *
printed_sha256 (const char *out)
{
  const char *p = strstr (out, "SHA-256: ");
  const char *end;

  g_assert_nonnull (p);
  p += strlen ("SHA-256: ");
  end = strchr (p, '\n');
  g_assert_nonnull (end);
  g_assert_cmpint (end - p, ==, 64);
  return g_strndup (p, end - p);
}

/* The facts xlsx-inspect.py --flat prints ("sheets.0.rows.3.1.v" → value),
 * or NULL when python3-openpyxl is missing (the caller skips). */
static GHashTable *
inspect (const char *path)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *facts;
  const char *data;
  gsize len = 0, pos = 0;

  g_assert_nonnull (root);
  script = g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, "python3",
                           script, "--flat", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (g_subprocess_get_exit_status (proc) == 77)
    return NULL;
  if (g_subprocess_get_exit_status (proc) != 0)
    g_error ("xlsx-inspect.py %s failed: %.*s", path, (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));

  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data = g_bytes_get_data (out, &len);
  while (pos < len)
    {
      gsize key_len = strnlen (data + pos, len - pos);
      gsize value_len;
      char *key = g_strndup (data + pos, key_len);

      pos += key_len + 1;
      g_assert_cmpuint (pos, <=, len);
      value_len = strnlen (data + pos, len - pos);
      g_hash_table_replace (facts, key, g_strndup (data + pos, value_len));
      pos += value_len + 1;
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

/* The 0-based index of the sheet's header row, from its print titles
 * ("$4:$4" → 3). */
static guint
header_row (GHashTable *facts,
            guint       sheet)
{
  const char *titles = fact (facts, "sheets.%u.print_titles", sheet);
  guint64 row = 0;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (titles);
  parts = g_strsplit (titles, ":", 2);
  g_assert_true (parts[0][0] == '$');
  g_assert_true (g_ascii_string_to_unsigned (parts[0] + 1, 10, 1, 1000, &row, NULL));
  return (guint) row - 1;
}

/* The values of a row joined with "|" (empty cells as ""). */
static char *
row_text (GHashTable *facts,
          guint       sheet,
          guint       row)
{
  const char *n_text = fact (facts, "sheets.%u.rows.%u.#", sheet, row);
  g_autoptr(GString) out = g_string_new (NULL);
  guint64 n = 0;

  g_assert_nonnull (n_text);
  g_assert_true (g_ascii_string_to_unsigned (n_text, 10, 0, 100000, &n, NULL));
  for (guint c = 0; c < n; c++)
    {
      const char *v = fact (facts, "sheets.%u.rows.%u.%u.v", sheet, row, c);

      if (c > 0)
        g_string_append_c (out, '|');
      g_string_append (out, v != NULL ? v : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether any cell of any sheet contains text. */
static gboolean
cells_contain (GHashTable *facts,
               const char *text)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, facts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "sheets.") && strstr (key, ".rows.") != NULL && g_str_has_suffix (key, ".v")
        && strstr (value, text) != NULL)
      return TRUE;
  return FALSE;
}

/* The key of the cell whose value is exactly text, or NULL. */
static const char *
find_cell (GHashTable *facts,
           const char *text)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, facts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "sheets.") && g_str_has_suffix (key, ".v") && g_str_equal (value, text))
      return key;
  return NULL;
}

/* The type ("s", "n", "d" …) of the cell whose value key is value_key. */
static const char *
cell_type (GHashTable *facts,
           const char *value_key)
{
  g_autofree char *type_key = g_strndup (value_key, strlen (value_key) - 1);
  g_autofree char *full = g_strconcat (type_key, "t", NULL);

  return g_hash_table_lookup (facts, full);
}

static void
assert_not_available (CliResult  *result,
                      const char *kind,
                      const char *path)
{
  assert_status (result, 1);
  assert_error_message (result, "not available in this build");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_test_message ("export %s: no builder in this build yet; checked the refusal instead", kind);
}

/* Checks a single-workbook export that succeeded: the message, the file,
 * its SHA-256 against the one printed and the audit entry's; returns what
 * the workbook holds (NULL when openpyxl is missing). */
static GHashTable *
check_written (Fixture    *f,
               CliResult  *result,
               const char *kind,
               const char *path)
{
  g_autofree char *to = g_strdup_printf (" to %s.\nSHA-256: ", path);
  g_autofree char *printed = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *needle = NULL;
  GHashTable *facts;

  assert_status (result, 0);
  g_assert_true (g_str_has_prefix (result->out, "Exported "));
  assert_contains (result->out, to);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  printed = printed_sha256 (result->out);
  actual = file_sha256 (path);
  g_assert_cmpstr (printed, ==, actual);

  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.done", NULL);
  needle = g_strdup_printf ("kind=%s; purpose=%s; file=", kind, PURPOSE);
  assert_contains (audit, needle);
  g_clear_pointer (&needle, g_free);
  needle = g_strdup_printf ("sha256=%s", actual);
  assert_contains (audit, needle);

  facts = inspect (path);
  if (facts != NULL)
    g_assert_nonnull (fact (facts, "sheets.0.name"));
  return facts;
}

/* --- tests -------------------------------------------------------------------------- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = out_path (f, "x.xlsx");
  g_autofree char *csv = out_path (f, "x.csv");
  g_autofree char *help = NULL;

  grant (f, "export");
  /* The purpose is required. */
  run_fails (&f->cli, "boss", 2, "--purpose", "export", "roster", "--out", out, NULL);
  run_fails (&f->cli, "boss", 2, "--purpose", "export", "petitions", "--out", out, "--purpose", "   ", NULL);
  /* So is the workbook, which must be a .xlsx file. */
  run_fails (&f->cli, "boss", 2, "--out", "export", "talks", "--purpose", PURPOSE, NULL);
  run_fails (&f->cli, "boss", 2, ".xlsx", "export", "talks", "--purpose", PURPOSE, "--out", csv, NULL);
  /* Dates. */
  run_fails (&f->cli, "boss", 2, "2026-13-01", "export", "measures", "--purpose", PURPOSE, "--out", out, "--from",
             "2026-13-01", NULL);
  run_fails (&f->cli, "boss", 2, "YYYY-MM-DD", "export", "clues", "--purpose", PURPOSE, "--out", out, "--to",
             "yesterday", NULL);
  run_fails (&f->cli, "boss", 2, "--from", "export", "ledger", "--purpose", PURPOSE, "--out", out, "--from",
             "2026-05-01", "--to", "2026-04-01", NULL);
  /* Roster filters and columns. */
  run_fails (&f->cli, "boss", 2, "salary", "export", "roster", "--purpose", PURPOSE, "--out", out, "--columns",
             "name,salary", NULL);
  run_fails (&f->cli, "boss", 2, "vip", "export", "roster", "--purpose", PURPOSE, "--out", out, "--category", "vip",
             NULL);
  run_fails (&f->cli, "boss", 2, "height", "export", "roster", "--purpose", PURPOSE, "--out", out, "--order",
             "height", NULL);
  run_fails (&f->cli, "boss", 2, "--level", "export", "roster", "--purpose", PURPOSE, "--out", out, "--level",
             "boss", NULL);
  /* Options of other kinds are unknown. */
  run_fails (&f->cli, "boss", 2, NULL, "export", "petitions", "--purpose", PURPOSE, "--out", out, "--columns",
             "name", NULL);
  run_fails (&f->cli, "boss", 2, NULL, "export", "talks", "--purpose", PURPOSE, "--out", out,
             "--include-reporters", NULL);
  /* A cadre's file needs its number; a batch its folder and its cadres. */
  run_fails (&f->cli, "boss", 2, "Missing arguments", "export", "cadre", "--purpose", PURPOSE, "--out", out, NULL);
  run_fails (&f->cli, "boss", 2, "abc", "export", "cadre", "abc", "--purpose", PURPOSE, "--out", out, NULL);
  run_fails (&f->cli, "boss", 2, "--dir", "export", "cadres", "--unit", f->unit_a, "--purpose", PURPOSE, NULL);
  run_fails (&f->cli, "boss", 2, "--unit", "export", "cadres", "--dir", f->out, "--purpose", PURPOSE, NULL);
  run_fails (&f->cli, "boss", 2, "not both", "export", "cadres", "--dir", f->out, "--purpose", PURPOSE, "--unit",
             f->unit_a, "--ids", f->zhang, NULL);
  run_fails (&f->cli, "boss", 2, "x", "export", "cadres", "--dir", f->out, "--purpose", PURPOSE, "--ids", "1,x",
             NULL);
  assert_folder (f->out, "");

  /* The help says what is checked and recorded. */
  help = run_ok (&f->cli, NULL, "export", "petitions", "--help", NULL);
  assert_contains (help, "--include-reporters");
  /* (The help is wrapped at 80 columns: single words only.) */
  assert_contains (help, "reporter-identity");
  assert_contains (help, "export.done");
  assert_contains (help, "export.failed");
  assert_contains (help, "SHA-256");
  assert_contains (help, "130");
  g_clear_pointer (&help, g_free);
  help = run_ok (&f->cli, NULL, "export", "roster", "--help", NULL);
  assert_contains (help, "Columns (--columns):");
  assert_contains (help, "  id_number ");
  assert_contains (help, "ID number");
  g_clear_pointer (&help, g_free);
  help = run_ok (&f->cli, NULL, "export", "cadres", "--help", NULL);
  assert_contains (help, "单位-姓名-1234.xlsx");
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = out_path (f, "roster.xlsx");
  g_autofree char *long_purpose = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(CliResult) result = NULL;
  GString *purpose;

  /* Without the export grant: refused, audited, no file. */
  run_fails (&f->cli, "boss", 5, NULL, "export", "roster", "--purpose", PURPOSE, "--out", out, NULL);
  run_fails (&f->cli, "boss", 5, NULL, "export", "petitions", "--purpose", PURPOSE, "--out", out, NULL);
  assert_folder (f->out, "");
  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "permission.denied", "--account", "boss", NULL);
  assert_contains (audit, "boss");
  g_clear_pointer (&audit, g_free);

  grant (f, "export");
  /* Reporters' identities need a grant of their own. */
  run_fails (&f->cli, "boss", 5, NULL, "export", "petitions", "--purpose", PURPOSE, "--out", out,
             "--include-reporters", NULL);
  run_fails (&f->cli, "boss", 5, NULL, "export", "clues", "--purpose", PURPOSE, "--out", out,
             "--include-reporters", NULL);
  run_fails (&f->cli, "boss", 5, NULL, "export", "cadre", f->zhang, "--purpose", PURPOSE, "--out", out,
             "--include-reporters", NULL);
  run_fails (&f->cli, "boss", 5, NULL, "export", "cadres", "--unit", f->unit_a, "--purpose", PURPOSE, "--dir",
             f->out, "--include-reporters", NULL);
  /* A purpose of more than 200 characters. */
  purpose = g_string_new (NULL);
  for (guint i = 0; i < 201; i++)
    g_string_append (purpose, "查");
  long_purpose = g_string_free (purpose, FALSE);
  run_fails (&f->cli, "boss", 6, "purpose", "export", "talks", "--purpose", long_purpose, "--out", out, NULL);
  assert_folder (f->out, "");

  /* A folder that does not exist, a unit out of scope. */
  missing = g_build_filename (f->cli.dir, "no-such-folder", "roster.xlsx", NULL);
  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "roster", "--purpose", PURPOSE, "--out", missing, NULL);
  if (have_builder ("roster"))
    {
      assert_status (result, 1);
      assert_error_message (result, NULL);
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }
  else
    assert_not_available (result, "roster", missing);
  g_clear_pointer (&result, cli_result_free);

  result = run_cli (&f->cli, "inv", USER_PW "\n", "export", "talks", "--purpose", PURPOSE, "--out", out, "--unit",
                    f->unit_a, NULL);
  if (have_builder ("talks"))
    {
      assert_status (result, 6);
      assert_error_message (result, "in your scope");
    }
  else
    assert_not_available (result, "talks", out);
  assert_folder (f->out, "");

  /* Nothing was exported; the failed write is on record. */
  g_clear_pointer (&audit, g_free);
  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.done", NULL);
  assert_contains (audit, "No audit entries match.");
  if (have_builder ("roster"))
    {
      g_clear_pointer (&audit, g_free);
      audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.failed", NULL);
      assert_contains (audit, "kind=roster; purpose=" PURPOSE "; file=roster.xlsx; reason=");
    }
}

static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = out_path (f, "名册.xlsx");
  g_autofree char *out_b = out_path (f, "roster-b.xlsx");
  g_autofree char *expected = NULL;
  g_autofree char *header = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GHashTable) facts = NULL;
  const char *key;
  guint row;

  g_free (run_ok (&f->cli, "sec", "settings", "set", "classification-mark", MARK, NULL));
  grant (f, "export");
  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "roster", "--columns", "name,id_number", "--purpose",
                    PURPOSE, "--out", out, NULL);
  if (!have_builder ("roster"))
    {
      assert_not_available (result, "roster", out);
      return;
    }
  facts = check_written (f, result, "roster", out);
  expected = g_strdup_printf ("Exported 3 rows to %s.\n", out);
  g_assert_true (g_str_has_prefix (result->out, expected));
  if (facts == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }

  /* The header row holds the chosen columns; ID numbers are text, whole. */
  row = header_row (facts, 0);
  header = row_text (facts, 0, row);
  g_assert_cmpstr (header, ==, "Name|ID number");
  for (guint i = 0; i < 3; i++)
    {
      static const char * const ids[] = { "11010519491231002X", "110105197001010011", "34052419800101001X" };

      key = find_cell (facts, ids[i]);
      g_assert_nonnull (key);
      g_assert_cmpstr (cell_type (facts, key), ==, "s");
    }
  g_assert_nonnull (find_cell (facts, "张三丰"));
  g_assert_nonnull (find_cell (facts, "李四"));
  g_assert_null (fact (facts, "sheets.0.rows.%u.2.v", row + 1));
  /* The 密级 mark from the settings in the page header, the first row and
   * the properties; the account as the author. */
  assert_contains (fact (facts, "sheets.0.header"), MARK);
  g_assert_cmpstr (fact (facts, "sheets.0.rows.0.0.v"), ==, MARK);
  assert_contains (fact (facts, "properties.description"), MARK);
  g_assert_cmpstr (fact (facts, "properties.creator"), ==, "boss");
  g_clear_pointer (&facts, g_hash_table_unref);
  g_clear_pointer (&result, cli_result_free);

  /* inv sees unit B only; filters narrow the roster. */
  result = run_cli (&f->cli, "inv", USER_PW "\n", "export", "roster", "--purpose", PURPOSE, "--out", out_b, NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Exported 1 row to %s.\n", out_b);
  assert_status (result, 0);
  g_assert_true (g_str_has_prefix (result->out, expected));
  facts = inspect (out_b);
  g_assert_nonnull (find_cell (facts, "李四"));
  g_assert_false (cells_contain (facts, "张三丰"));
  g_clear_pointer (&facts, g_hash_table_unref);
  g_clear_pointer (&result, cli_result_free);
  g_assert_cmpint (g_unlink (out_b), ==, 0);

  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "roster", "--purpose", PURPOSE, "--out", out_b,
                    "--unit", f->unit_a, "--search", "王", "--columns", "id", "--columns", "name,unit", NULL);
  assert_status (result, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Exported 1 row to %s.\n", out_b);
  g_assert_true (g_str_has_prefix (result->out, expected));
  facts = inspect (out_b);
  g_clear_pointer (&header, g_free);
  row = header_row (facts, 0);
  header = row_text (facts, 0, row);
  g_assert_cmpstr (header, ==, "Record number|Name|Unit");
  g_clear_pointer (&header, g_free);
  header = row_text (facts, 0, row + 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s|王小明|财政局", f->wang);
  g_assert_cmpstr (header, ==, expected);
  g_clear_pointer (&facts, g_hash_table_unref);
  g_clear_pointer (&result, cli_result_free);
  assert_folder (f->out, "roster-b.xlsx|名册.xlsx");

  /* The filters and order of `cadre list`, row for row. */
  for (guint k = 0; k < 2; k++)
    {
      const char *a = k == 0 ? "--order" : "--category";
      const char *b = k == 0 ? "unit" : "top-leader,young";
      g_autofree char *filtered = out_path (f, k == 0 ? "ordered.xlsx" : "filtered.xlsx");
      g_autofree char *list = run_ok (&f->cli, "boss", "cadre", "list", a, b, "--descending", NULL);
      g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
      guint n = 0;

      g_clear_pointer (&result, cli_result_free);
      g_clear_pointer (&facts, g_hash_table_unref);
      result = run_as (&f->cli, 0, "boss", "export", "roster", "--purpose", PURPOSE, "--out", filtered, a, b,
                       "--descending", "--columns", "id,name", NULL);
      facts = inspect (filtered);
      row = header_row (facts, 0);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) cells = g_strsplit (lines[i], "\t", 3);
          g_autofree char *want = NULL;
          g_autofree char *got = NULL;

          if (*lines[i] == '\0')
            continue;
          g_assert_cmpuint (g_strv_length (cells), >=, 2);
          want = g_strdup_printf ("%s|%s", cells[0], cells[1]);
          got = row_text (facts, 0, row + 1 + n);
          g_assert_cmpstr (got, ==, want);
          n++;
        }
      g_assert_cmpuint (n, ==, k == 0 ? 3 : 1);
      g_assert_null (fact (facts, "sheets.0.rows.%u.#", row + 1 + n));
      g_clear_pointer (&expected, g_free);
      expected = g_strdup_printf (n == 1 ? "Exported %u row to " : "Exported %u rows to ", n);
      g_assert_true (g_str_has_prefix (result->out, expected));
    }
}

/* A real-name petition about 张三丰; returns its registration number. */
static char *
add_petition (Fixture *f)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) cells = NULL;

  out = run_ok (&f->cli, "boss", "petition", "add", "--kind", "检举控告", "--channel", "CH_LETTER", "--received",
                "2026-03-02", "--real-name", "--reporter-name", R_NAME, "--reporter-contact", R_CONTACT,
                "--cadre", f->zhang, "--category", "INT,HS1", "--summary", "反映张三丰在工程招标中收受好处费", NULL);
  cells = g_strsplit (g_strstrip (out), "\t", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 2);
  return g_strdup (cells[1]);
}

static void
test_petitions (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reg_no = add_petition (f);
  g_autofree char *out = out_path (f, "petitions.xlsx");
  g_autofree char *revealed = out_path (f, "petitions-named.xlsx");
  g_autofree char *later = out_path (f, "petitions-later.xlsx");
  g_autofree char *audit = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GHashTable) facts = NULL;

  grant (f, "export");
  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "petitions", "--purpose", PURPOSE, "--out", out, NULL);
  if (!have_builder ("petitions"))
    {
      assert_not_available (result, "petitions", out);
      return;
    }
  facts = check_written (f, result, "petitions", out);
  if (facts == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  /* Masked without the grant. */
  g_assert_nonnull (find_cell (facts, reg_no));
  g_assert_true (cells_contain (facts, "反映张三丰"));
  g_assert_false (cells_contain (facts, "阳锋"));
  g_assert_false (cells_contain (facts, R_CONTACT));
  g_clear_pointer (&facts, g_hash_table_unref);
  g_clear_pointer (&result, cli_result_free);

  /* With the grant and --include-reporters: shown, audited separately. */
  grant (f, "reporter-identity");
  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "petitions", "--purpose", PURPOSE, "--out", revealed,
                    "--include-reporters", NULL);
  facts = check_written (f, result, "petitions", revealed);
  g_assert_true (cells_contain (facts, R_NAME));
  g_assert_true (cells_contain (facts, R_CONTACT));
  g_clear_pointer (&facts, g_hash_table_unref);
  g_clear_pointer (&result, cli_result_free);
  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.reporter-identity", NULL);
  assert_contains (audit, reg_no);
  assert_not_contains (audit, R_NAME);

  /* --from after the petition: it is left out. */
  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "petitions", "--purpose", PURPOSE, "--out", later,
                    "--from", "2026-04-01", "--to", "2026-12-31", NULL);
  facts = check_written (f, result, "petitions", later);
  g_assert_null (find_cell (facts, reg_no));
  g_assert_false (cells_contain (facts, "反映张三丰"));
}

static void
test_cadres (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *file = out_path (f, "zhang.xlsx");
  g_autofree char *batch = g_build_filename (f->out, "batch", NULL);
  g_autofree char *picked = g_build_filename (f->out, "picked", NULL);
  g_autofree char *missing = g_build_filename (f->out, "missing", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GHashTable) facts = NULL;

  g_assert_cmpint (g_mkdir (batch, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (picked, 0700), ==, 0);
  grant (f, "export");

  result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "cadre", f->zhang, "--purpose", PURPOSE, "--out", file,
                    NULL);
  if (!have_builder ("cadre"))
    {
      assert_not_available (result, "cadre", file);
      g_clear_pointer (&result, cli_result_free);
      result = run_cli (&f->cli, "boss", USER_PW "\n", "export", "cadres", "--unit", f->unit_a, "--purpose",
                        PURPOSE, "--dir", batch, NULL);
      assert_not_available (result, "cadres", file);
      assert_folder (batch, "");
      return;
    }
  facts = check_written (f, result, "cadre", file);
  if (facts != NULL)
    {
      g_assert_true (cells_contain (facts, "张三丰"));
      g_assert_nonnull (find_cell (facts, "11010519491231002X"));
      g_clear_pointer (&facts, g_hash_table_unref);
    }
  g_clear_pointer (&result, cli_result_free);

  /* One workbook per cadre of unit A, named unit-name-last four. */
  result = run_as (&f->cli, 0, "boss", "export", "cadres", "--unit", f->unit_a, "--purpose", PURPOSE, "--dir",
                   batch, NULL);
  expected = g_strdup_printf (" to %s.\n", batch);
  g_assert_true (g_str_has_prefix (result->out, "Wrote 2 files ("));
  g_assert_true (g_str_has_suffix (result->out, expected));
  assert_folder (batch, "财政局-张三丰-002X.xlsx|财政局-王小明-0011.xlsx");
  if (g_test_failed ())
    return;
  path = g_build_filename (batch, "财政局-王小明-0011.xlsx", NULL);
  facts = inspect (path);
  if (facts != NULL)
    {
      g_assert_true (cells_contain (facts, "王小明"));
      g_assert_false (cells_contain (facts, "张三丰"));
      g_clear_pointer (&facts, g_hash_table_unref);
    }
  g_clear_pointer (&result, cli_result_free);
  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.done", NULL);
  assert_contains (audit, "财政局-王小明-0011.xlsx");
  assert_contains (audit, "财政局-张三丰-002X.xlsx");

  /* Chosen cadres across units. */
  run_fails (&f->cli, "boss", 2, "--ids", "export", "cadres", "--ids", ",", "--purpose", PURPOSE, "--dir", picked,
             NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s,%s", f->li, f->zhang);
  result = run_as (&f->cli, 0, "boss", "export", "cadres", "--ids", expected, "--purpose", PURPOSE, "--dir", picked,
                   NULL);
  g_assert_true (g_str_has_prefix (result->out, "Wrote 2 files ("));
  assert_folder (picked, "教育局-李四-001X.xlsx|财政局-张三丰-002X.xlsx");
  g_clear_pointer (&result, cli_result_free);

  /* A folder that does not exist. */
  run_fails (&f->cli, "boss", 1, "does not exist", "export", "cadres", "--unit", f->unit_b, "--purpose", PURPOSE,
             "--dir", missing, NULL);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Every ledger kind with a record of its own. */
static void
test_ledgers (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *kind;
    const char *text;  /* in the workbook */
  } kinds[] = {
    { "petitions", "反映张三丰" },
    { "clues", "巡察移交" },
    { "talks", "谈话室" },
    { "measures", "县纪发〔2026〕3号" },
    { "opinions", "区委组织部" },
    { "ledger", "三公经费超支" },
    { "recommendations", "关于规范公务用车管理的监察建议" },
    { "board", NULL },
    { "four-forms", NULL },
  };
  g_autofree char *reg_no = add_petition (f);
  g_autofree char *cadres = g_strdup_printf ("%s,%s", f->zhang, f->wang);

  g_free (run_ok (&f->cli, "boss", "clue", "add", "--source", "SRC_INSPECTION", "--received", "2026-03-20",
                  "--cadre", f->zhang, "--summary", "巡察移交：违规公款吃喝", "--category", "HS1", NULL));
  g_free (run_ok (&f->cli, "boss", "talk", "add", "--type", "T_ADMONISH", "--date", "2026-04-01", "--cadre", f->zhang,
                  "--talker", "王五", "--talker", "赵六", "--place", "谈话室", NULL));
  g_free (run_ok (&f->cli, "boss", "measure", "add", "--cadre", f->zhang, "--code", "P1", "--decided", "2026-03-01",
                  "--effective", "2026-03-10", "--authority", "县纪委", "--doc-no", "县纪发〔2026〕3号", "--facts",
                  "违规收受礼金", NULL));
  g_free (run_ok (&f->cli, "boss", "opinion", "request", "add", "--requester", "区委组织部", "--date", "2026-08-20",
                  "--purpose", "提拔任用", "--unit", f->unit_a, "--cadres", cadres, NULL));
  g_free (run_ok (&f->cli, "boss", "ledger", "add", "--unit", f->unit_a, "--source", "巡察", "--problem",
                  "三公经费超支", "--measures", "压减开支", "--deadline", "2026-03-31", NULL));
  g_free (run_ok (&f->cli, "boss", "recommendation", "add", "--unit", f->unit_a, "--kind", "supervision", "--title",
                  "关于规范公务用车管理的监察建议", "--problem", "公车私用", NULL));
  g_free (run_ok (&f->cli, "sec", "settings", "set", "classification-mark", MARK, NULL));
  grant (f, "export");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i].kind, ".xlsx", NULL);
      g_autofree char *path = out_path (f, name);
      g_autoptr(CliResult) result = NULL;
      g_autoptr(GHashTable) facts = NULL;

      /* Without a period, but the four forms count one (a draft
       * recommendation has no issue date and would fall outside one). */
      if (g_str_equal (kinds[i].kind, "four-forms"))
        result = run_cli (&f->cli, "boss", USER_PW "\n", "export", kinds[i].kind, "--purpose", PURPOSE, "--out",
                          path, "--from", "2026-01-01", "--to", "2026-06-30", NULL);
      else
        result = run_cli (&f->cli, "boss", USER_PW "\n", "export", kinds[i].kind, "--purpose", PURPOSE, "--out",
                          path, NULL);
      if (!have_builder (kinds[i].kind))
        {
          assert_not_available (result, kinds[i].kind, path);
          continue;
        }
      facts = check_written (f, result, kinds[i].kind, path);
      if (facts == NULL)
        continue;
      assert_contains (fact (facts, "sheets.0.header"), MARK);
      if (kinds[i].text != NULL && !cells_contain (facts, kinds[i].text))
        g_error ("export %s: “%s” is not in the workbook", kinds[i].kind, kinds[i].text);
      /* The text of the other kinds' records stays out. */
      if (!g_str_equal (kinds[i].kind, "ledger") && !g_str_equal (kinds[i].kind, "board"))
        g_assert_false (cells_contain (facts, "压减开支"));
    }
}

/* Starts `liandang-cli --vault … --user boss --password-file … ARGS…` with
 * standard output on a pipe and standard error on stderr_fd (taken), or on
 * a pipe when stderr_fd is -1. */
static GSubprocess *
spawn_as_boss (Fixture *f,
               int      stderr_fd,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = cli_argv_new (&f->cli, "boss");
  g_autofree char *password = g_build_filename (f->cli.dir, "boss.pw", NULL);
  GSubprocess *proc;
  const char *arg;
  va_list args;

  g_assert_true (g_file_set_contents (password, USER_PW "\n", -1, NULL));
  g_assert_cmpint (g_chmod (password, 0600), ==, 0);
  g_ptr_array_add (argv, g_strdup ("--password-file"));
  g_ptr_array_add (argv, g_strdup (password));
  va_start (args, stderr_fd);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | (stderr_fd < 0 ? G_SUBPROCESS_FLAGS_STDERR_PIPE : 0));
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_VAULT");
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_USER");
  if (stderr_fd >= 0)
    g_subprocess_launcher_take_stderr_fd (launcher, stderr_fd);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

/* On a terminal, progress is one line rewritten in place and cleared at
 * the end; elsewhere standard error stays empty. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *batch = g_build_filename (f->out, "batch", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autofree char *out = NULL;
  g_autoptr(CliResult) result = NULL;
  int master = -1, slave = -1;
  char buffer[4096];
  ssize_t n;

  if (!have_builder ("cadres"))
    {
      g_test_skip ("the cadre file builder is not in this build yet");
      return;
    }
  g_assert_cmpint (g_mkdir (batch, 0700), ==, 0);
  grant (f, "export");

  /* Not a terminal: no progress. */
  result = run_as (&f->cli, 0, "boss", "export", "cadres", "--unit", f->unit_a, "--purpose", PURPOSE, "--dir",
                   batch, NULL);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, "Wrote 2 files ("));
  remove_tree (batch);
  g_assert_cmpint (g_mkdir (batch, 0700), ==, 0);

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  proc = spawn_as_boss (f, slave, "export", "cadres", "--unit", f->unit_a, "--purpose", PURPOSE, "--dir", batch,
                        NULL);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Wrote 2 files ("));

  g_assert_cmpint (fcntl (master, F_SETFL, O_NONBLOCK), ==, 0);
  while ((n = read (master, buffer, sizeof buffer)) > 0)
    g_string_append_len (screen, buffer, n);
  close (master);
  g_test_message ("terminal: %s", screen->str);
  assert_contains (screen->str, "\rExporting: ");
  assert_contains (screen->str, " files");
  assert_not_contains (screen->str, "\n");
  /* The line is cleared when the export ends. */
  g_assert_true (g_str_has_suffix (screen->str, "\r\033[K"));
}

/* Ctrl+C stops a batch after the workbook being written: the finished ones
 * stay, complete and audited; no partial file. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  static const char digits[] = "甲乙丙丁戊己庚辛壬癸";
  const guint n_cadres = 60;
  g_autofree char *batch = g_build_filename (f->out, "batch", NULL);
  g_autofree char *csv_path = g_build_filename (f->cli.dir, "many.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("姓名,身份证号\n");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *audit = NULL;
  g_auto(GStrv) files = NULL;
  gint64 deadline;
  guint written = 0;

  if (!have_builder ("cadres"))
    {
      g_test_skip ("the cadre file builder is not in this build yet");
      return;
    }
  for (guint i = 0; i < n_cadres; i++)
    {
      g_autofree char *first17 = g_strdup_printf ("110105%04u0101%03u", 1960 + i % 30, i + 100);
      const char *tens = g_utf8_offset_to_pointer (digits, i / 10);
      const char *ones = g_utf8_offset_to_pointer (digits, i % 10);

      g_string_append (csv, "试");
      g_string_append_len (csv, tens, g_utf8_next_char (tens) - tens);
      g_string_append_len (csv, ones, g_utf8_next_char (ones) - ones);
      g_string_append_printf (csv, ",%s%c\n", first17, ld_id_number_check_digit (first17));
    }
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));
  g_free (run_ok (&f->cli, "boss", "import", "cadres", csv_path, "--unit", f->unit_b, NULL));
  g_assert_cmpint (g_mkdir (batch, 0700), ==, 0);
  grant (f, "export");

  proc = spawn_as_boss (f, -1, "export", "cadres", "--unit", f->unit_b, "--purpose", PURPOSE, "--dir", batch, NULL);
  /* Interrupt once the first workbook is in place. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *now = list_folder (batch);

      if (g_str_has_suffix (now, ".xlsx") || strstr (now, ".xlsx|") != NULL)
        break;
      g_usleep (2000);
    }
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (g_subprocess_get_exit_status (proc) == 0)
    g_error ("the batch of %u workbooks ended before Ctrl+C: %s", n_cadres + 1, out);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 130);

  /* Only finished workbooks, as many as reported. */
  names = list_folder (batch);
  files = g_strsplit (names, "|", -1);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (batch, files[i], NULL);
      g_autoptr(GHashTable) facts = NULL;

      g_assert_true (g_str_has_suffix (files[i], ".xlsx"));
      g_assert_false (g_str_has_prefix (files[i], "."));
      g_assert_true (g_str_has_prefix (files[i], "教育局-"));
      facts = inspect (path);
      if (facts != NULL)
        g_assert_nonnull (fact (facts, "sheets.0.name"));
      written++;
    }
  g_assert_cmpuint (written, >=, 1);
  g_assert_cmpuint (written, <, n_cadres + 1);
  expected = g_strdup_printf (written == 1 ? "Cancelled after %u file.\n" : "Cancelled after %u files.\n", written);
  g_assert_cmpstr (out, ==, expected);

  /* One export.done per finished workbook, none for the one stopped. */
  audit = run_ok (&f->cli, "aud", "audit", "list", "--event", "export.done", NULL);
  for (guint i = 0; files[i] != NULL; i++)
    assert_contains (audit, files[i]);
  {
    g_auto(GStrv) entries = g_strsplit (audit, "kind=cadres;", -1);

    g_assert_cmpuint (g_strv_length (entries) - 1, ==, written);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* One kind's failure should not hide the others'. */
  g_test_set_nonfatal_assertions ();

  g_test_add ("/cli-export/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);
  g_test_add ("/cli-export/permissions", Fixture, NULL, fixture_setup, test_permissions, fixture_teardown);
  g_test_add ("/cli-export/roster", Fixture, NULL, fixture_setup, test_roster, fixture_teardown);
  g_test_add ("/cli-export/petitions", Fixture, NULL, fixture_setup, test_petitions, fixture_teardown);
  g_test_add ("/cli-export/cadres", Fixture, NULL, fixture_setup, test_cadres, fixture_teardown);
  g_test_add ("/cli-export/ledgers", Fixture, NULL, fixture_setup, test_ledgers, fixture_teardown);
  g_test_add ("/cli-export/progress", Fixture, NULL, fixture_setup, test_progress, fixture_teardown);
  g_test_add ("/cli-export/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);

  return g_test_run ();
}
