/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-roster"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "exchange/ld-export.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-user-repository.h"
#include "rules/ld-categories.h"
#include "rules/ld-id-number.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The cadre roster export and what every export does: the export grant,
 * the purpose, the reporter-identity grant, the audit entry with the
 * file's SHA-256, fail closed, cancel, scope and the async runner. The
 * workbooks are read back with tests/exchange/xlsx-inspect.py (openpyxl)
 * and, once, converted by LibreOffice. */

typedef struct
{
  char    *dir;     /* the vault and the output folder */
  char    *out;     /* where the workbooks go */
  LdVault *vault;
  gint64   county;  /* 某县 */
  gint64   office;  /* 某县 / 县委办公室 */
  gint64   organ;   /* 某县 / 组织部 */
  gint64   other;   /* 邻县: outside imp's scope */
  gint64   empty;   /* 某县 / 档案室: no cadres */
  gint64   cadres[8];
} Fixture;

/* Who is where. Record numbers follow the order of creation. */
static const struct
{
  const char *name;
  int         unit;    /* 0 office, 1 organ, 2 other */
  int         year;
  gboolean    principal;
} people[] = {
  { "张三", 0, 1970, TRUE },
  { "李四", 0, 1985, FALSE },
  { "王五", 1, 1990, FALSE },
  { "张小明", 1, 1975, FALSE },
  { "赵六", 2, 1968, FALSE },
  { "张外县", 2, 1980, TRUE },
};

static char *template_dir;
static Fixture template;
static char *inspect_script;

static char *
make_id (guint i,
         int   year)
{
  g_autofree char *first17 = g_strdup_printf ("110105%04d%02d%02d%03u", year, 1 + (int) i % 12, 1 + (int) i,
                                              101 + i);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

static void
set_field (LdVault    *vault,
           gint64      id,
           const char *name,
           const char *value)
{
  const char *names[] = { name, NULL };
  const char *values[] = { value, NULL };
  g_autoptr(GError) error = NULL;

  ld_cadre_repository_set_fields (vault, id, names, values, &error);
  g_assert_no_error (error);
}

static void
set_grant (LdVault    *vault,
           const char *account,
           LdGrant     grant)
{
  g_autoptr(GError) error = NULL;

  ld_test_login (vault, "sec");
  ld_user_repository_set_grant (vault, account, grant, TRUE, &error);
  g_assert_no_error (error);
}

/* sec (security administrator); boss (investigator, every unit, export
 * grant) made the records; imp (investigator, 某县 only, export grant);
 * nox (investigator, every unit, no export grant). */
static void
make_template (void)
{
  Fixture *f = &template;
  gint64 units[3];

  template_dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (template_dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "imp", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "nox", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "nox", 0);
  set_grant (f->vault, "boss", LD_GRANT_EXPORT);
  set_grant (f->vault, "imp", LD_GRANT_EXPORT);
  ld_test_login (f->vault, "boss");
  f->county = ld_test_add_unit (f->vault, 0, "某县");
  f->office = ld_test_add_unit (f->vault, f->county, "县委办公室");
  f->organ = ld_test_add_unit (f->vault, f->county, "组织部");
  f->other = ld_test_add_unit (f->vault, 0, "邻县");
  f->empty = ld_test_add_unit (f->vault, f->county, "档案室");
  units[0] = f->office;
  units[1] = f->organ;
  units[2] = f->other;
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *id_number = make_id (i, people[i].year);

      f->cadres[i] = ld_test_add_cadre (f->vault, units[people[i].unit], people[i].name, id_number);
      set_field (f->vault, f->cadres[i], "post", i % 2 == 0 ? "局长" : "=HYPERLINK(\"x\")");
      set_field (f->vault, f->cadres[i], "post_since", "2020-05-01");
      if (people[i].principal)
        set_field (f->vault, f->cadres[i], "principal", "yes");
    }
  ld_test_grant_scope (f->vault, "imp", f->county);
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
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  f->vault = ld_vault_new (to);
  ld_test_login (f->vault, "boss");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->out);
}

/* --- Reading workbooks back ----------------------------------------------- */

/* xlsx-inspect.py --flat: "sheets.0.rows.4.1.v" → value. NULL when the
 * inspector cannot run (the test is then skipped). */
static GHashTable *
inspect (const char *path)
{
  const char *argv[] = { "python3", inspect_script, "--flat", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len = 0;
  int status = 0;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                   &error);
  g_autoptr(GBytes) err_bytes = NULL;
  const char *p, *end;

  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &bytes, &err_bytes, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_exit_status (proc);
  if (status == 77)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return NULL;
    }
  if (status != 0)
    g_error ("xlsx-inspect.py failed: %.*s", (int) g_bytes_get_size (err_bytes),
             (const char *) g_bytes_get_data (err_bytes, NULL));
  p = g_bytes_get_data (bytes, &len);
  end = p + len;
  while (p < end)
    {
      const char *key = p;
      const char *value = key + strlen (key) + 1;

      g_assert_true (value < end);
      g_hash_table_insert (table, g_strdup (key), g_strdup (value));
      p = value + strlen (value) + 1;
    }
  return g_steal_pointer (&table);
}

static const char *
get (GHashTable *book,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static const char *
get (GHashTable *book,
     const char *format,
     ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  return g_hash_table_lookup (book, key);
}

/* The header row: the one whose first cell is the first header (rows
 * 0..2 hold the 密级, the title and the scope line). */
static int
header_row (GHashTable *book,
            const char *first_header)
{
  int n = atoi (get (book, "sheets.0.rows.#"));

  for (int r = 0; r < n; r++)
    if (g_strcmp0 (get (book, "sheets.0.rows.%d.0.v", r), first_header) == 0)
      return r;
  g_error ("no header row starting with %s", first_header);
  return -1;
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

static LdExportRequest *
roster_request (Fixture    *f,
                const char *name)
{
  LdExportRequest *request = ld_export_request_new (LD_EXPORT_ROSTER);

  request->purpose = g_strdup ("年度考核");
  request->path = g_build_filename (f->out, name, NULL);
  request->order = LD_CADRE_ORDER_ID;
  return request;
}

static char *
last_audit (Fixture    *f,
            const char *event,
            const char *column)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull ((SELECT %s FROM audit_log WHERE event = '%s' "
                                          "ORDER BY seq DESC LIMIT 1), '')", column, event);
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault), sql, &error);

  g_assert_no_error (error);
  return text;
}

/* --- Tests ---------------------------------------------------------------- */

static void
test_kinds (void)
{
  LdExportKind kind;

  for (guint i = 0; i < LD_N_EXPORT_KINDS; i++)
    {
      g_assert_true (ld_export_kind_from_string (ld_export_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (ld_export_kind_get_title (i), !=, "");
    }
  g_assert_false (ld_export_kind_from_string ("nonsense", &kind));
  g_assert_cmpstr (ld_export_kind_to_string (LD_EXPORT_FOUR_FORMS), ==, "four-forms");
  g_assert_true (ld_export_kind_has_reporters (LD_EXPORT_PETITIONS));
  g_assert_true (ld_export_kind_has_reporters (LD_EXPORT_CLUES));
  g_assert_false (ld_export_kind_has_reporters (LD_EXPORT_ROSTER));

  g_assert_cmpuint (g_strv_length ((char **) ld_export_roster_default_columns ()), ==, 20);
  for (const char * const *k = ld_export_roster_default_columns (); *k != NULL; k++)
    g_assert_true (g_strv_contains (ld_export_roster_columns (), *k));
  for (const char * const *k = ld_export_roster_columns (); *k != NULL; k++)
    g_assert_nonnull (ld_export_roster_column_get_label (*k));
  g_assert_true (g_strv_contains (ld_export_roster_columns (), "unit"));
  g_assert_false (g_strv_contains (ld_export_roster_columns (), "unit_id"));
  g_assert_true (g_strv_contains (ld_export_roster_columns (), "tags"));
}

static void
test_request_copy (void)
{
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_CADRES);
  g_autoptr(LdExportRequest) copy = NULL;
  const char *columns[] = { "name", "age", NULL };
  gint64 ids[] = { 3, 5 };

  request->purpose = g_strdup ("p");
  request->path = g_strdup ("/x");
  request->columns = g_strdupv ((char **) columns);
  request->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (request->cadre_ids, ids, 2);
  request->search = g_strdup ("张");
  copy = ld_export_request_copy (request);
  g_assert_cmpstr (copy->purpose, ==, "p");
  g_assert_true (copy->purpose != request->purpose);
  g_assert_cmpstr (copy->search, ==, "张");
  g_assert_cmpuint (g_strv_length (copy->columns), ==, 2);
  g_assert_cmpuint (copy->cadre_ids->len, ==, 2);
  g_assert_true (copy->cadre_ids != request->cadre_ids);
  g_assert_cmpint (g_array_index (copy->cadre_ids, gint64, 1), ==, 5);
}

static void
test_suggest_filename (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_ROSTER);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *expected = g_strdup_printf ("%s-%s.xlsx", ld_export_kind_get_title (LD_EXPORT_ROSTER), today);
  g_autofree char *name = ld_export_suggest_filename (f->vault, request);
  g_autofree char *cadre_name = NULL;
  g_autofree char *id_number = make_id (0, people[0].year);
  g_autofree char *expected_cadre = g_strdup_printf ("县委办公室-张三-%s.xlsx", id_number + 14);

  g_assert_cmpstr (name, ==, expected);
  request->kind = LD_EXPORT_CADRE;
  request->cadre_id = f->cadres[0];
  cadre_name = ld_export_suggest_filename (f->vault, request);
  g_assert_cmpstr (cadre_name, ==, expected_cadre);
  request->kind = LD_EXPORT_CADRES;
  g_free (name);
  name = ld_export_suggest_filename (f->vault, request);
  g_assert_cmpstr (name, ==, ld_export_kind_get_title (LD_EXPORT_CADRES));
}

/* A filtered view (某县 subtree, "张"): exactly those rows, in the list's
 * order, with the chosen columns; ID numbers stay text, dates are dates,
 * numbers are numbers, a formula-like post is neutralised. */
static void
test_filtered (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "roster.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) book = NULL;
  const char *columns[] = { "name", "id_number", "birth_date", "age", "unit", "post", "id", NULL };
  g_autofree char *id0 = make_id (0, people[0].year);
  g_autofree char *id3 = make_id (3, people[3].year);
  g_autofree char *birth0 = g_strdup_printf ("%.4s-%.2s-%.2s", id0 + 6, id0 + 10, id0 + 12);
  g_autofree char *cadre3 = g_strdup_printf ("%" G_GINT64_FORMAT, f->cadres[3]);
  int h;

  request->unit_id = f->county;
  request->search = g_strdup ("张");
  request->columns = g_strdupv ((char **) columns);
  request->descending = TRUE;
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->rows, ==, 2);
  g_assert_cmpuint (result->files, ==, 1);
  g_assert_cmpstr (result->path, ==, request->path);
  g_assert_true (g_file_test (request->path, G_FILE_TEST_IS_REGULAR));

  book = inspect (request->path);
  if (book == NULL)
    return;
  g_assert_cmpstr (get (book, "sheets.#"), ==, "1");
  g_assert_cmpstr (get (book, "sheets.0.name"), ==, ld_export_kind_get_title (LD_EXPORT_ROSTER));
  g_assert_cmpstr (get (book, "properties.creator"), ==, "boss");
  g_assert_cmpstr (get (book, "properties.company"), ==, "某县");
  g_assert_cmpstr (get (book, "properties.title"), ==, ld_export_kind_get_title (LD_EXPORT_ROSTER));
  h = header_row (book, ld_export_roster_column_get_label ("name"));
  g_assert_cmpint (atoi (get (book, "sheets.0.rows.#")), ==, h + 3);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.#", h), ==, "7");
  for (guint c = 0; columns[c] != NULL; c++)
    g_assert_cmpstr (get (book, "sheets.0.rows.%d.%u.v", h, c), ==, ld_export_roster_column_get_label (columns[c]));
  /* Order by record number, descending: 张小明 then 张三; 张外县 is in 邻县. */
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", h + 1), ==, "张小明");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", h + 2), ==, "张三");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.1.v", h + 1), ==, id3);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.1.t", h + 1), ==, "s");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.1.v", h + 2), ==, id0);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.2.t", h + 2), ==, "d");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.2.v", h + 2), ==, birth0);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.3.t", h + 2), ==, "n");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.4.v", h + 1), ==, "组织部");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.4.v", h + 2), ==, "县委办公室");
  /* 张小明's post is "=HYPERLINK(…)": text, never a formula. */
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.5.t", h + 1), ==, "s");
  g_assert_true (g_str_has_suffix (get (book, "sheets.0.rows.%d.5.v", h + 1), "=HYPERLINK(\"x\")"));
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.5.v", h + 2), ==, "局长");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.6.v", h + 1), ==, cadre3);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.6.t", h + 1), ==, "n");
}

/* The 20 default columns and a category filter (一把手). */
static void
test_default_columns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "leaders.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) book = NULL;
  const char * const *columns = ld_export_roster_default_columns ();
  int h;
  int sex = -1, categories = -1, id_number = -1;

  request->categories = LD_CATEGORY_TOP_LEADER;
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->rows, ==, 2);

  book = inspect (request->path);
  if (book == NULL)
    return;
  h = header_row (book, ld_export_roster_column_get_label (columns[0]));
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.#", h), ==, "20");
  for (int c = 0; columns[c] != NULL; c++)
    {
      g_assert_cmpstr (get (book, "sheets.0.rows.%d.%d.v", h, c), ==, ld_export_roster_column_get_label (columns[c]));
      if (g_str_equal (columns[c], "sex"))
        sex = c;
      else if (g_str_equal (columns[c], "categories"))
        categories = c;
      else if (g_str_equal (columns[c], "id_number"))
        id_number = c;
    }
  g_assert_cmpint (atoi (get (book, "sheets.0.rows.#")), ==, h + 3);
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", h + 1), ==, "张三");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", h + 2), ==, "张外县");
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.%d.v", h + 1, sex), ==, ld_cadre_sex_get_label ("M"));
  g_assert_nonnull (strstr (get (book, "sheets.0.rows.%d.%d.v", h + 1, categories),
                            ld_category_get_label (LD_CATEGORY_TOP_LEADER)));
  g_assert_cmpstr (get (book, "sheets.0.rows.%d.%d.t", h + 1, id_number), ==, "s");
  /* Properties: the 密级 (default 内部) and no purpose. */
  g_assert_nonnull (strstr (get (book, "properties.description"), "内部"));
  g_assert_null (strstr (get (book, "properties.description"), "年度考核"));
}

static void
test_unknown_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "bad.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "name", "salary", NULL };

  request->columns = g_strdupv ((char **) columns);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "salary"));
  g_assert_null (result);
  g_assert_true (folder_is_empty (f->out));
}

static void
test_no_grant (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "denied.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  ld_test_login (f->vault, "nox");
  before = ld_test_audit_count (f->vault);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (result);
  g_assert_true (folder_is_empty (f->out));
  /* The denial is audited; nothing was exported. */
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, before + 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'"), ==, 0);
}

static void
test_purpose (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "nopurpose.xlsx");
  g_autofree char *long_purpose = NULL;
  GString *text = g_string_new (NULL);

  const char *empty[] = { NULL, "", "   \t ", "\n" };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(LdExportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_free (request->purpose);
      request->purpose = g_strdup (empty[i]);
      result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_null (result);
    }
  g_assert_true (folder_is_empty (f->out));

  for (guint i = 0; i < 201; i++)
    g_string_append (text, "查");
  long_purpose = g_string_free (text, FALSE);
  {
    g_autoptr(LdExportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_free (request->purpose);
    request->purpose = g_strdup (long_purpose);
    result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_true (folder_is_empty (f->out));
  }
  {
    g_autoptr(LdExportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    /* 200 characters are fine. */
    long_purpose[strlen (long_purpose) - strlen ("查")] = '\0';
    g_free (request->purpose);
    request->purpose = g_strdup (long_purpose);
    result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_test (request->path, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  const struct { const char *from, *to; } bad[] = {
    { "2026-02-30", NULL }, { NULL, "2026/01/01" }, { "2026-03-01", "2026-02-28" }, { "26-01-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LdExportRequest) request = roster_request (f, "period.xlsx");
      g_autoptr(LdExportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      request->from = g_strdup (bad[i].from);
      request->to = g_strdup (bad[i].to);
      result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_null (result);
    }
  g_assert_true (folder_is_empty (f->out));
}

/* Reporters' identities without the grant: refused before anything is
 * written (for a kind that carries them). */
static void
test_reporters_denied (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "petitions.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  request->kind = LD_EXPORT_PETITIONS;
  request->include_reporters = TRUE;
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (result);
  g_assert_true (folder_is_empty (f->out));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'permission.denied'"),
                   >=, 1);
}

/* A missing folder, a "folder" that is a file, an unwritable folder:
 * FAILED, nothing written, an export.failed entry. */
static void
test_bad_folder (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->out, "plain", NULL);
  g_autofree char *locked = g_build_filename (f->out, "locked", NULL);
  g_autofree char *paths[3] = { 0 };

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  paths[0] = g_build_filename (f->out, "missing", "roster.xlsx", NULL);
  paths[1] = g_build_filename (file, "roster.xlsx", NULL);
  paths[2] = g_build_filename (locked, "roster.xlsx", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(LdExportRequest) request = roster_request (f, "x.xlsx");
      g_autoptr(LdExportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 failed = ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.failed'");
      g_autofree char *details = NULL;

      if (i == 2 && geteuid () == 0)
        continue;  /* root writes anywhere */
      g_free (request->path);
      request->path = g_strdup (paths[i]);
      result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
      g_assert_null (result);
      g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
      g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.failed'"),
                       ==, failed + 1);
      details = last_audit (f, LD_AUDIT_EXPORT_FAILED, "details");
      g_assert_nonnull (strstr (details, "kind=roster"));
      g_assert_nonnull (strstr (details, "file=roster.xlsx"));
      g_assert_nonnull (strstr (details, "reason="));
    }
  /* The same without a GError to fill: still refused, still recorded. */
  {
    g_autoptr(LdExportRequest) request = roster_request (f, "x.xlsx");
    gint64 failed = ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.failed'");

    g_free (request->path);
    request->path = g_strdup (paths[0]);
    g_assert_null (ld_export_run (f->vault, request, NULL, NULL, NULL, NULL));
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.failed'"),
                     ==, failed + 1);
  }
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'"), ==, 0);
  g_chmod (locked, 0700);
}

static void
cancel_on_progress (gint64      done,
                    gint64      total,
                    const char *detail,
                    gpointer    data)
{
  g_cancellable_cancel (data);
}

/* Cancel from the progress callback: CANCELLED, no file, no .part, an
 * export.failed entry saying so. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "cancel.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *details = NULL;

  result = ld_export_run (f->vault, request, cancel_on_progress, cancellable, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_true (folder_is_empty (f->out));
  details = last_audit (f, LD_AUDIT_EXPORT_FAILED, "details");
  g_assert_nonnull (strstr (details, "reason=cancelled"));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'"), ==, 0);
}

/* The audit entry: kind, purpose, file, rows, columns, 密级 and the
 * SHA-256 of the file on disk. */
static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "audited.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  g_autofree char *object = NULL;
  g_autofree char *account = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *expected = NULL;
  const char *columns[] = { "name", "post", NULL };

  request->columns = g_strdupv ((char **) columns);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  sha256 = ld_test_file_sha256 (request->path);
  g_assert_cmpstr (result->sha256, ==, sha256);
  g_assert_cmpint (result->rows, ==, G_N_ELEMENTS (people));

  details = last_audit (f, LD_AUDIT_EXPORT_DONE, "details");
  object = last_audit (f, LD_AUDIT_EXPORT_DONE, "object_id");
  account = last_audit (f, LD_AUDIT_EXPORT_DONE, "account");
  g_assert_cmpstr (object, ==, "roster");
  g_assert_cmpstr (account, ==, "boss");
  expected = g_strdup_printf ("sha256=%s", sha256);
  g_assert_nonnull (strstr (details, expected));
  g_free (expected);
  expected = g_strdup_printf ("rows=%u", (guint) G_N_ELEMENTS (people));
  g_assert_nonnull (strstr (details, expected));
  g_assert_nonnull (strstr (details, "kind=roster"));
  g_assert_nonnull (strstr (details, "purpose=年度考核"));
  g_assert_nonnull (strstr (details, "file=audited.xlsx"));
  g_assert_nonnull (strstr (details, "classification=内部"));
  g_assert_nonnull (strstr (details, ld_export_roster_column_get_label ("name")));
  g_assert_nonnull (strstr (details, ld_export_roster_column_get_label ("post")));
  g_assert_null (strstr (details, ld_export_roster_column_get_label ("id_number")));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.reporter-identity'"),
                   ==, 0);
}

/* imp sees 某县 only: 邻县's cadres never appear, and 邻县 itself is not
 * found. */
static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "scope.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) book = NULL;
  const char *columns[] = { "name", "unit", NULL };
  g_autofree char *details = NULL;
  int h, n;

  ld_test_login (f->vault, "imp");
  request->columns = g_strdupv ((char **) columns);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->rows, ==, 4);

  request->unit_id = f->other;
  g_free (request->path);
  request->path = g_build_filename (f->out, "other.xlsx", NULL);
  g_clear_pointer (&result, ld_export_result_free);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  details = last_audit (f, LD_AUDIT_EXPORT_FAILED, "details");
  g_assert_nonnull (strstr (details, "file=other.xlsx"));

  g_free (request->path);
  request->path = g_build_filename (f->out, "scope.xlsx", NULL);
  book = inspect (request->path);
  if (book == NULL)
    return;
  h = header_row (book, ld_export_roster_column_get_label ("name"));
  n = atoi (get (book, "sheets.0.rows.#"));
  g_assert_cmpint (n, ==, h + 5);
  for (int r = h + 1; r < n; r++)
    {
      g_assert_cmpstr (get (book, "sheets.0.rows.%d.1.v", r), !=, "邻县");
      g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", r), !=, "赵六");
      g_assert_cmpstr (get (book, "sheets.0.rows.%d.0.v", r), !=, "张外县");
    }
}

typedef struct
{
  GMainLoop      *loop;
  GThread        *main_thread;
  guint           progress_calls;
  gint64          last_done;
  gboolean        freed;
  LdExportResult *result;
  GError         *error;
} AsyncState;

static void
async_progress (gint64      done,
                gint64      total,
                const char *detail,
                gpointer    data)
{
  AsyncState *state = data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpint (done, >=, state->last_done);
  g_assert_cmpint (done, <=, total);
  state->last_done = done;
  state->progress_calls++;
}

static void
async_progress_free (gpointer data)
{
  AsyncState *state = data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->freed = TRUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *res,
            gpointer      data)
{
  AsyncState *state = data;

  state->result = ld_export_run_finish (LD_VAULT (source), res, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "async.xlsx");
  AsyncState state = { 0 };
  g_autofree char *sha256 = NULL;

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  ld_export_run_async (f->vault, request, async_progress, &state, async_progress_free, NULL, async_done, &state);
  /* The request was copied. */
  g_clear_pointer (&request->purpose, g_free);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.result);
  g_assert_cmpint (state.result->rows, ==, G_N_ELEMENTS (people));
  /* Let the progress calls still queued arrive. */
  while (!state.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  g_assert_cmpint (state.last_done, ==, G_N_ELEMENTS (people));
  sha256 = ld_test_file_sha256 (state.result->path);
  g_assert_cmpstr (state.result->sha256, ==, sha256);
  ld_export_result_free (state.result);
  g_main_loop_unref (state.loop);
}

static void
async_cancel_progress (gint64      done,
                       gint64      total,
                       const char *detail,
                       gpointer    data)
{
  g_cancellable_cancel (data);
}

/* Cancel from the main context while the worker writes: CANCELLED and no
 * file, no temporary file. */
static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "async-cancel.xlsx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  ld_export_run_async (f->vault, request, async_cancel_progress, g_object_ref (cancellable), g_object_unref,
                       cancellable, async_done, &state);
  g_main_loop_run (state.loop);
  /* The worker may finish before the main context sees the progress;
   * when it does not, nothing is left. */
  if (state.result != NULL)
    {
      g_assert_true (g_file_test (state.result->path, G_FILE_TEST_IS_REGULAR));
      ld_export_result_free (state.result);
    }
  else
    {
      g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (folder_is_empty (f->out));
      g_clear_error (&state.error);
    }
  /* Cancelled before it starts: never written. */
  state.result = NULL;
  g_free (request->path);
  request->path = g_build_filename (f->out, "never.xlsx", NULL);
  ld_export_run_async (f->vault, request, NULL, NULL, NULL, cancellable, async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.result);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

/* LibreOffice opens the workbook: the ID numbers come out as the same
 * 18 characters, not as 1.1E+17. */
static void
test_libreoffice (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = roster_request (f, "lo.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_dir = g_build_filename (f->dir, "csv", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint found = 0;

  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           "python3", inspect_script, "--csv", csv_dir, request->path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (proc) == 77)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  dir = g_dir_open (csv_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (csv_dir, name, NULL);
      g_autofree char *csv = NULL;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        {
          g_autofree char *id_number = make_id (i, people[i].year);

          g_assert_nonnull (strstr (csv, id_number));
          g_assert_nonnull (strstr (csv, people[i].name));
        }
      g_assert_null (strstr (csv, "E+17"));
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static char **
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* A batch of cadre files (the generic part: folder, names, audit): a file
 * that was in the folder before is never replaced, a unit without cadres
 * is refused, a missing folder fails. */
static void
test_batch_names (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_CADRES);
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id0 = make_id (0, people[0].year);
  g_autofree char *id1 = make_id (1, people[1].year);
  g_autofree char *old_name = g_strdup_printf ("县委办公室-张三-%s.xlsx", id0 + 14);
  g_autofree char *old_path = g_build_filename (f->out, old_name, NULL);
  g_autofree char *old_contents = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *expected[3] = { 0 };

  request->purpose = g_strdup ("归档");
  request->path = g_strdup (f->out);
  request->unit_id = f->office;
  g_assert_true (g_file_set_contents (old_path, "an older export", -1, NULL));

  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  if (g_error_matches (error, LD_ERROR, LD_ERROR_FAILED) && strstr (error->message, "not available") != NULL)
    {
      g_test_skip ("the cadre file builder is not in this build");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (result->files, ==, 2);
  g_assert_false (result->cancelled);
  g_assert_null (result->sha256);
  g_assert_cmpstr (result->path, ==, f->out);

  expected[0] = g_strdup_printf ("县委办公室-张三-%s (2).xlsx", id0 + 14);
  expected[1] = g_strdup (old_name);
  expected[2] = g_strdup_printf ("县委办公室-李四-%s.xlsx", id1 + 14);
  files = list_dir (f->out);
  g_assert_cmpuint (g_strv_length (files), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_strv_contains ((const char * const *) files, expected[i]));
  g_assert_true (g_file_get_contents (old_path, &old_contents, NULL, NULL));
  g_assert_cmpstr (old_contents, ==, "an older export");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'"
                                       " AND object_id = 'cadres' AND details LIKE '%file=县委办公室-%'"), ==, 2);

  /* A unit without cadres. */
  g_clear_pointer (&result, ld_export_result_free);
  request->unit_id = f->empty;
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  /* A folder that is not there. */
  request->unit_id = f->office;
  g_free (request->path);
  request->path = g_build_filename (f->out, "missing", NULL);
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  g_assert_null (result);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  g_strfreev (files);
  files = list_dir (f->out);
  g_assert_cmpuint (g_strv_length (files), ==, 3);

  /* A unit name of 100 characters (300 bytes): the file name is cut to
   * fit, the cadre's name and ID digits stay. */
  {
    GString *long_name = g_string_new (NULL);
    g_autofree char *id_number = make_id (7, 1988);
    g_autofree char *folder = g_build_filename (f->out, "long", NULL);
    g_auto(GStrv) long_files = NULL;
    g_autofree char *suffix = g_strdup_printf ("-钱七-%s.xlsx", id_number + 14);
    gint64 unit;

    for (guint i = 0; i < 100; i++)
      g_string_append (long_name, "纪");
    unit = ld_test_add_unit (f->vault, f->county, long_name->str);
    g_string_free (long_name, TRUE);
    ld_test_add_cadre (f->vault, unit, "钱七", id_number);
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_clear_error (&error);
    g_clear_pointer (&result, ld_export_result_free);
    g_free (request->path);
    request->path = g_strdup (folder);
    request->unit_id = unit;
    result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->files, ==, 1);
    long_files = list_dir (folder);
    g_assert_cmpuint (g_strv_length (long_files), ==, 1);
    g_assert_cmpuint (strlen (long_files[0]), <=, 255 - strlen (".XXXXXX.part") - strlen (" (99)") - 1);
    g_assert_true (g_str_has_suffix (long_files[0], suffix));
    g_assert_true (g_str_has_prefix (long_files[0], "纪纪纪"));
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");
  int status;

  g_test_init (&argc, &argv, NULL);
  inspect_script = g_build_filename (root != NULL ? root : ".", "tests", "exchange", "xlsx-inspect.py", NULL);
  make_template ();

  g_test_add_func ("/export-roster/kinds", test_kinds);
  g_test_add_func ("/export-roster/request-copy", test_request_copy);
  g_test_add ("/export-roster/suggest-filename", Fixture, NULL, setup, test_suggest_filename, teardown);
  g_test_add ("/export-roster/filtered", Fixture, NULL, setup, test_filtered, teardown);
  g_test_add ("/export-roster/default-columns", Fixture, NULL, setup, test_default_columns, teardown);
  g_test_add ("/export-roster/unknown-column", Fixture, NULL, setup, test_unknown_column, teardown);
  g_test_add ("/export-roster/no-grant", Fixture, NULL, setup, test_no_grant, teardown);
  g_test_add ("/export-roster/purpose", Fixture, NULL, setup, test_purpose, teardown);
  g_test_add ("/export-roster/period", Fixture, NULL, setup, test_period, teardown);
  g_test_add ("/export-roster/reporters-denied", Fixture, NULL, setup, test_reporters_denied, teardown);
  g_test_add ("/export-roster/bad-folder", Fixture, NULL, setup, test_bad_folder, teardown);
  g_test_add ("/export-roster/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/export-roster/audit", Fixture, NULL, setup, test_audit, teardown);
  g_test_add ("/export-roster/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/export-roster/async", Fixture, NULL, setup, test_async, teardown);
  g_test_add ("/export-roster/async-cancel", Fixture, NULL, setup, test_async_cancel, teardown);
  g_test_add ("/export-roster/batch-names", Fixture, NULL, setup, test_batch_names, teardown);
  g_test_add ("/export-roster/libreoffice", Fixture, NULL, setup, test_libreoffice, teardown);

  status = g_test_run ();
  ld_test_rmdir (template_dir);
  g_free (template_dir);
  g_free (inspect_script);
  return status;
}
