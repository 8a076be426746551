/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-cadre-file"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "exchange/ld-export.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "records/ld-user-repository.h"

/* One cadre's complete integrity file as a workbook (issue 6), read back
 * with openpyxl (tests/exchange/xlsx-inspect.py) and converted once with
 * LibreOffice: the cover with the photo and the ID number as text, one
 * sheet per section with the right rows, the reporter masked unless
 * granted and asked for, the batch's file names, cancel and the
 * refusals.
 *
 * The vault is built once (signing in is slow); the tests run in order
 * on it and each signs in as the account it needs. */

#define ID_ZHANG  "110105197503150022"
#define ID_LI     "320102198205060031"
#define ID_WANG_1 "110105197001010134"
#define ID_WANG_2 "110105197107210134"
#define ID_ZHAO   "440305198808080047"

/* The reporter: shown only to "boss" when asked for. */
#define R_NAME    "欧阳锋芒"
#define R_UNIT    "白驼山庄贸易公司"
#define R_CONTACT "13800138000"

/* A 6 × 8 PNG. */
static const char photo_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
  "\x00\x00\x00\x06\x00\x00\x00\x08\x08\x02\x00\x00\x00\x55\xa4\x19"
  "\x6f\x00\x00\x00\x11\x49\x44\x41\x54\x78\xda\x63\x38\x21\x27\x87"
  "\x86\x18\x06\x83\x10\x00\x9a\x4a\x30\xc1\x18\xc1\x9a\xde\x00\x00"
  "\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

static struct
{
  char      *dir;
  char      *out;          /* the workbooks */
  LdVault   *vault;
  gint64     finance;      /* 市财政局 */
  gint64     budget;       /* 市财政局 / 预算科 */
  gint64     education;    /* 市教育局: inv's only unit */
  gint64     zhang;        /* the full file */
  gint64     li;
  gint64     wang_1;
  gint64     wang_2;
  gint64     zhao;
  char      *petition_reg_no;
  char      *talk_reg_no;
  char      *measure_reg_no;
  char      *opinion_reg_no;
  GPtrArray *workbooks;    /* every file written, for the LibreOffice run */
} fx;

/* --- Reading a workbook back ------------------------------------------------------ */

/* Flattens xlsx-inspect.py's JSON into tab-separated lines ("\\", "\n",
 * "\t" escaped): S index name images freeze, C sheet row col type value,
 * or for --csv: V file csv. */
static const char flatten_py[] =
  "import json, subprocess, sys\n"
  "def e(s):\n"
  "    return str(s).replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n').replace('\\t', '\\\\t').replace('\\r', '\\\\r')\n"
  "script = sys.argv[1]\n"
  "if sys.argv[2] == '--csv':\n"
  "    d = json.loads(subprocess.run([sys.executable, script] + sys.argv[2:], check=True,\n"
  "                                  stdout=subprocess.PIPE).stdout)\n"
  "    for f, csvs in d.items():\n"
  "        for c in csvs:\n"
  "            print('V\\t%s\\t%s' % (e(f), e(c)))\n"
  "else:\n"
  "    d = json.loads(subprocess.run([sys.executable, script, sys.argv[2]], check=True,\n"
  "                                  stdout=subprocess.PIPE).stdout)\n"
  "    for i, s in enumerate(d['sheets']):\n"
  "        print('S\\t%d\\t%s\\t%d\\t%s' % (i, e(s['name']), s.get('images') or 0, e(s.get('freeze') or '')))\n"
  "        for r, row in enumerate(s['rows']):\n"
  "            for c, cell in enumerate(row):\n"
  "                if cell is not None:\n"
  "                    print('C\\t%d\\t%d\\t%d\\t%s\\t%s' % (i, r, c, e(cell.get('t', '')), e(cell.get('v', ''))))\n";

typedef struct
{
  char *type;
  char *value;
} Cell;

typedef struct
{
  char       *name;
  guint       images;
  char       *freeze;
  GHashTable *cells;   /* "row:col" → Cell */
  guint       n_rows;  /* highest row index + 1 */
} Sheet;

typedef struct
{
  GPtrArray *sheets;
  char      *all_text;  /* every value, one a line: for "appears nowhere" */
} Workbook;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_free (cell->type);
  g_free (cell->value);
  g_free (cell);
}

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->freeze);
  g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

static void
workbook_free (Workbook *wb)
{
  g_ptr_array_unref (wb->sheets);
  g_free (wb->all_text);
  g_free (wb);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workbook, workbook_free)

static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
inspect_script (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (g_getenv ("LIANDANG_SOURCE_ROOT"), "tests", "exchange", "xlsx-inspect.py", NULL);
  return path;
}

/* The Python that has openpyxl: "python3" on the path may be another
 * one (pyenv) than the system's. NULL when none has. */
static const char *
python_program (void)
{
  static const char *candidates[] = { "python3", "/usr/bin/python3" };
  static const char *found;
  static gboolean looked;

  if (!looked)
    {
      looked = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (candidates) && found == NULL; i++)
        {
          const char *argv[] = { candidates[i], "-c", "import openpyxl", NULL };
          int status = 0;

          if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                            | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
              && g_spawn_check_wait_status (status, NULL))
            found = candidates[i];
        }
    }
  return found;
}

/* Whether openpyxl and LibreOffice are there to read the files. */
static gboolean
readers_missing (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");

  if (python_program () == NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return TRUE;
    }
  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return TRUE;
    }
  return FALSE;
}

/* Runs the flattener on ARGS; returns its lines. */
static GStrv
run_flatten (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) python_program ());
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) flatten_py);
  g_ptr_array_add (argv, (gpointer) inspect_script ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xlsx-inspect.py failed: %s", err);
  return g_strsplit (out, "\n", -1);
}

static Workbook *
inspect (const char *path)
{
  const char *args[] = { path, NULL };
  g_auto(GStrv) lines = run_flatten (args);
  Workbook *wb = g_new0 (Workbook, 1);
  GString *all = g_string_new (NULL);

  wb->sheets = g_ptr_array_new_with_free_func (sheet_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", -1);
      guint n = g_strv_length (parts);

      if (n == 5 && g_str_equal (parts[0], "S"))
        {
          Sheet *sheet = g_new0 (Sheet, 1);

          sheet->name = unescape (parts[2]);
          sheet->images = (guint) g_ascii_strtoull (parts[3], NULL, 10);
          sheet->freeze = unescape (parts[4]);
          sheet->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_free);
          g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), ==, wb->sheets->len);
          g_ptr_array_add (wb->sheets, sheet);
        }
      else if (n == 6 && g_str_equal (parts[0], "C"))
        {
          guint s = (guint) g_ascii_strtoull (parts[1], NULL, 10);
          guint row = (guint) g_ascii_strtoull (parts[2], NULL, 10);
          Sheet *sheet;
          Cell *cell = g_new0 (Cell, 1);

          g_assert_cmpuint (s, <, wb->sheets->len);
          sheet = g_ptr_array_index (wb->sheets, s);
          cell->type = unescape (parts[4]);
          cell->value = unescape (parts[5]);
          g_string_append_printf (all, "%s\n", cell->value);
          g_hash_table_replace (sheet->cells, g_strdup_printf ("%s:%s", parts[2], parts[3]), cell);
          sheet->n_rows = MAX (sheet->n_rows, row + 1);
        }
    }
  wb->all_text = g_string_free (all, FALSE);
  return wb;
}

static Sheet *
find_sheet (Workbook   *wb,
            const char *prefix)
{
  for (guint i = 0; i < wb->sheets->len; i++)
    {
      Sheet *sheet = g_ptr_array_index (wb->sheets, i);

      if (g_str_has_prefix (sheet->name, prefix))
        return sheet;
    }
  g_error ("no sheet “%s…” in the workbook", prefix);
  return NULL;
}

static Cell *
get_cell (Sheet *sheet,
          guint  row,
          guint  col)
{
  g_autofree char *key = g_strdup_printf ("%u:%u", row, col);

  return g_hash_table_lookup (sheet->cells, key);
}

/* The cell whose value is VALUE (the first by row, then column), or NULL. */
static Cell *
find_cell (Sheet      *sheet,
           const char *value,
           guint      *out_row,
           guint      *out_col)
{
  for (guint r = 0; r < sheet->n_rows; r++)
    for (guint c = 0; c < 64; c++)
      {
        Cell *cell = get_cell (sheet, r, c);

        if (cell != NULL && g_str_equal (cell->value, value))
          {
            if (out_row != NULL)
              *out_row = r;
            if (out_col != NULL)
              *out_col = c;
            return cell;
          }
      }
  return NULL;
}

/* Whether a cell of SHEET contains TEXT. */
static gboolean
sheet_contains (Sheet      *sheet,
                const char *text)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sheet->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (strstr (((Cell *) value)->value, text) != NULL)
      return TRUE;
  return FALSE;
}

/* Table sheets: the header is row 4 (index 3), data below. */
#define HEADER_ROW 3

static guint
data_rows (Sheet *sheet)
{
  return sheet->n_rows > HEADER_ROW + 1 ? sheet->n_rows - HEADER_ROW - 1 : 0;
}

/* The column of the header HEADER. */
static guint
header_col (Sheet      *sheet,
            const char *header)
{
  for (guint c = 0; c < 64; c++)
    {
      Cell *cell = get_cell (sheet, HEADER_ROW, c);

      if (cell != NULL && g_str_equal (cell->value, header))
        return c;
    }
  g_error ("no column “%s” on sheet “%s”", header, sheet->name);
  return 0;
}

/* The value in column HEADER of data row I (0 = the first), "" if blank. */
static const char *
data_value (Sheet      *sheet,
            guint       i,
            const char *header)
{
  Cell *cell = get_cell (sheet, HEADER_ROW + 1 + i, header_col (sheet, header));

  return cell != NULL ? cell->value : "";
}

/* Whether NEEDLE occurs in any part of the .xlsx (the raw XML). */
static gboolean
zip_contains (const char *path,
              const char *needle)
{
  zip_t *zip;
  int zerr = 0;
  gboolean found = FALSE;

  zip = zip_open (path, ZIP_RDONLY, &zerr);
  g_assert_nonnull (zip);
  for (zip_int64_t i = 0; i < zip_get_num_entries (zip, 0) && !found; i++)
    {
      zip_stat_t st;
      zip_file_t *file;
      g_autofree char *data = NULL;

      g_assert_cmpint (zip_stat_index (zip, i, 0, &st), ==, 0);
      data = g_malloc0 (st.size + 1);
      file = zip_fopen_index (zip, i, 0);
      g_assert_nonnull (file);
      g_assert_cmpint (zip_fread (file, data, st.size), ==, (zip_int64_t) st.size);
      zip_fclose (file);
      for (zip_uint64_t at = 0; at + strlen (needle) <= st.size && !found; at++)
        found = memcmp (data + at, needle, strlen (needle)) == 0;
    }
  zip_discard (zip);
  return found;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in DIR, sorted. */
static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static gint64
count_audit (const char *event,
             const char *details_like)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = '%s'"
                                          " AND details LIKE '%%%s%%'", event, details_like);

  return ld_test_count_rows (fx.vault, sql);
}

/* --- The vault --------------------------------------------------------------------- */

static void
grant (const char *account,
       LdGrant     what)
{
  g_autoptr(GError) error = NULL;

  ld_test_login (fx.vault, "sec");
  ld_user_repository_set_grant (fx.vault, account, what, TRUE, &error);
  g_assert_no_error (error);
}

static void
set_fields (gint64              id,
            const char * const *names,
            const char * const *values)
{
  g_autoptr(GError) error = NULL;

  ld_cadre_repository_set_fields (fx.vault, id, names, values, &error);
  g_assert_no_error (error);
}

static void
add_entry (gint64      cadre,
           const char *section,
           const char *kind,
           const char *date,
           ...)
{
  g_auto(LdFileEntrySpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  const char *key;
  va_list args;

  ld_file_entry_spec_init (&spec, section);
  spec.kind = g_strdup (kind);
  spec.entry_date = g_strdup (date);
  va_start (args, date);
  while ((key = va_arg (args, const char *)) != NULL)
    ld_file_entry_spec_set (&spec, key, va_arg (args, const char *));
  va_end (args);
  ld_file_entry_repository_create (fx.vault, cadre, &spec, NULL, &error);
  g_assert_no_error (error);
}

/* Accounts: sec; boss (investigator, every unit, export and reporter
 * identity); plain (investigator, every unit, export only); inv
 * (investigator, 市教育局 only, export); nogrant (investigator, every
 * unit, no grant). Units 市财政局 with 预算科, 市教育局. Cadres 张三 (the
 * full file), 李四, two 王五 whose ID numbers end alike, 赵六. */
static void
build_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static (photo_png, sizeof photo_png - 1);

  fx.dir = ld_test_tmpdir ();
  fx.out = g_build_filename (fx.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (fx.out, 0700), ==, 0);
  fx.workbooks = g_ptr_array_new_with_free_func (g_free);
  fx.vault = ld_test_vault_new (fx.dir);
  ld_test_add_account (fx.vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (fx.vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (fx.vault, "plain", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (fx.vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (fx.vault, "nogrant", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (fx.vault, "boss", 0);
  ld_test_grant_scope (fx.vault, "plain", 0);
  ld_test_grant_scope (fx.vault, "nogrant", 0);
  grant ("boss", LD_GRANT_EXPORT);
  grant ("boss", LD_GRANT_REPORTER_IDENTITY);
  grant ("plain", LD_GRANT_EXPORT);
  grant ("inv", LD_GRANT_EXPORT);

  ld_test_login (fx.vault, "boss");
  fx.finance = ld_test_add_unit (fx.vault, 0, "市财政局");
  fx.budget = ld_test_add_unit (fx.vault, fx.finance, "预算科");
  fx.education = ld_test_add_unit (fx.vault, 0, "市教育局");
  ld_test_grant_scope (fx.vault, "inv", fx.education);
  ld_test_login (fx.vault, "boss");
  fx.zhang = ld_test_add_cadre (fx.vault, fx.finance, "张三", ID_ZHANG);
  fx.li = ld_test_add_cadre (fx.vault, fx.budget, "李四", ID_LI);
  fx.wang_1 = ld_test_add_cadre (fx.vault, fx.finance, "王五", ID_WANG_1);
  fx.wang_2 = ld_test_add_cadre (fx.vault, fx.finance, "王五", ID_WANG_2);
  fx.zhao = ld_test_add_cadre (fx.vault, fx.education, "赵六", ID_ZHAO);

  /* Section A, then an edit: the history has three versions. */
  {
    const char *names[] = { "former_names", "native_place", "ethnicity", "political_status", "party_joined",
                            "post", "authority", "status", NULL };
    const char *values[] = { "张叁", "江苏南京", "01", "01", "2001-07-01", "副局长", "city", "serving", NULL };
    const char *names_2[] = { "post", NULL };
    const char *values_2[] = { "局长", NULL };

    set_fields (fx.zhang, names, values);
    set_fields (fx.zhang, names_2, values_2);
  }
  ld_cadre_repository_set_photo (fx.vault, fx.zhang, photo, &error);
  g_assert_no_error (error);

  add_entry (fx.zhang, "B", NULL, NULL, "relation", "son", "name", "张小明", NULL);
  add_entry (fx.zhang, "B", NULL, NULL, "relation", "spouse", "name", "李梅", "work_unit", "市第一医院",
             "abroad", "0", NULL);
  add_entry (fx.zhang, "C", "annual", "2025", "PM1", "已婚", "verification", "omitted", NULL);
  add_entry (fx.zhang, "I", "annual", "2025", "grade", "excellent", NULL);

  /* A talk, a petition with a real-name reporter, a measure, an opinion. */
  {
    g_auto(LdTalkSpec) spec = { 0 };

    ld_talk_spec_init (&spec);
    spec.type = g_strdup ("T_REMIND");
    spec.talk_date = g_strdup ("2026-04-02");
    spec.place = g_strdup ("第三会议室");
    ld_talk_spec_add_talker (&spec, "刘备");
    ld_talk_spec_add_talker (&spec, "关羽");
    ld_talk_spec_add_cadre (&spec, fx.zhang);
    ld_talk_repository_create (fx.vault, &spec, NULL, &fx.talk_reg_no, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(LdPetitionSpec) spec = { 0 };
    g_autoptr(LdReporter) reporter = ld_reporter_new (R_NAME, R_UNIT, R_CONTACT, "幸福路一号", NULL);

    ld_petition_spec_init (&spec);
    spec.unit_id = fx.finance;
    spec.kind = g_strdup ("accusation");
    spec.channel = g_strdup ("CH_LETTER");
    spec.received_date = g_strdup ("2026-03-02");
    spec.summary = g_strdup ("反映张三违规收受礼金");
    spec.real_name = TRUE;
    ld_petition_spec_set_reporter (&spec, reporter);
    ld_petition_spec_add_cadre (&spec, fx.zhang);
    ld_petition_repository_create (fx.vault, &spec, NULL, &fx.petition_reg_no, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(LdMeasureSpec) spec = { 0 };

    ld_measure_spec_init (&spec);
    spec.cadre_id = fx.zhang;
    spec.code = g_strdup ("P2");
    spec.decision_date = g_strdup ("2026-03-10");
    spec.doc_no = g_strdup ("0012");
    ld_measure_repository_create (fx.vault, &spec, NULL, &fx.measure_reg_no, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(LdOpinionRequestSpec) spec = { 0 };
    g_autoptr(GPtrArray) items = NULL;
    GDate as_of;
    gint64 request = 0;

    ld_opinion_request_spec_init (&spec);
    spec.unit_id = fx.finance;
    spec.requester = g_strdup ("市委组织部");
    spec.request_date = g_strdup ("2026-08-20");
    spec.purpose = g_strdup ("提拔任用");
    ld_opinion_request_spec_add_cadre (&spec, fx.zhang);
    ld_opinion_repository_create_request (fx.vault, &spec, &request, &fx.opinion_reg_no, &error);
    g_assert_no_error (error);
    g_date_clear (&as_of, 1);
    g_date_set_dmy (&as_of, 25, 8, 2026);
    ld_opinion_repository_check_request (fx.vault, request, &as_of, &error);
    g_assert_no_error (error);
    items = ld_opinion_repository_list_items (fx.vault, request, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    ld_opinion_repository_confirm (fx.vault, ld_opinion_item_get_id (g_ptr_array_index (items, 0)), &error);
    g_assert_no_error (error);
  }
}

static LdExportRequest *
cadre_request (gint64      cadre,
               const char *name)
{
  LdExportRequest *request = ld_export_request_new (LD_EXPORT_CADRE);

  request->purpose = g_strdup ("干部选拔任用前廉政审查");
  request->cadre_id = cadre;
  request->path = g_build_filename (fx.out, name, NULL);
  return request;
}

/* --- Refusals ----------------------------------------------------------------------- */

static void
assert_refused (const char *account,
                gint64      cadre,
                gboolean    reporters,
                const char *purpose,
                const char *path,
                GQuark      domain,
                int         code)
{
  g_autoptr(LdExportRequest) request = cadre_request (cadre, "refused.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  ld_test_login (fx.vault, account);
  request->include_reporters = reporters;
  g_free (request->purpose);
  request->purpose = g_strdup (purpose);
  if (path != NULL)
    {
      g_free (request->path);
      request->path = g_strdup (path);
    }
  result = ld_export_run (fx.vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, domain, code);
  g_assert_null (result);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  /* Nothing left behind, not even a temporary file. */
  files = list_dir (fx.out);
  g_assert_cmpuint (g_strv_length (files), ==, 0);
}

static void
test_refusals (void)
{
  g_autofree char *missing = g_build_filename (fx.dir, "no-such-folder", "file.xlsx", NULL);
  g_autofree char *locked = g_build_filename (fx.dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "file.xlsx", NULL);

  /* No export grant, no purpose, reporters without the grant. */
  assert_refused ("nogrant", fx.zhang, FALSE, "审查", NULL, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  assert_refused ("plain", fx.zhang, FALSE, "  ", NULL, LD_ERROR, LD_ERROR_INVALID);
  assert_refused ("plain", fx.zhang, TRUE, "审查", NULL, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  /* A cadre outside the account's units does not exist for it. */
  assert_refused ("inv", fx.zhang, FALSE, "审查", NULL, LD_ERROR, LD_ERROR_NOT_FOUND);
  assert_refused ("boss", 999999, FALSE, "审查", NULL, LD_ERROR, LD_ERROR_NOT_FOUND);
  /* Folders that are not there or not writable. */
  assert_refused ("boss", fx.zhang, FALSE, "审查", missing, LD_ERROR, LD_ERROR_FAILED);
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) != 0)
    assert_refused ("boss", fx.zhang, FALSE, "审查", locked_file, LD_ERROR, LD_ERROR_FAILED);
  g_assert_false (g_file_test (locked_file, G_FILE_TEST_EXISTS));
}

/* --- One cadre's file ---------------------------------------------------------------- */

static char *
export_zhang (const char *account,
              gboolean    reporters,
              const char *name)
{
  g_autoptr(LdExportRequest) request = cadre_request (fx.zhang, name);
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;

  ld_test_login (fx.vault, account);
  request->include_reporters = reporters;
  result = ld_export_run (fx.vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->files, ==, 1);
  g_assert_cmpstr (result->path, ==, request->path);
  sha256 = ld_test_file_sha256 (request->path);
  g_assert_cmpstr (result->sha256, ==, sha256);
  g_ptr_array_add (fx.workbooks, g_strdup (request->path));
  return g_strdup (request->path);
}

static void
test_cadre_file (void)
{
  g_autoptr(Workbook) wb = NULL;
  g_autofree char *path = NULL;
  Sheet *cover, *family, *reports, *petitions, *talks, *measures, *opinions, *history, *rewards, *appraisals;
  Cell *cell;
  guint row, col;
  gint64 done_before;
  static const char * const order[] = {
    "Cover", "Family Members", "Personal Matters", "Duty and Integrity", "Self-Discipline", "Petitions and Reports",
    "Talks and Letters", "Sanctions and Measures", "Appraisals", "Economic Responsibility", "Inspection Findings",
    "Integrity Education", "Integrity Opinion", "Rewards and Honours", "Other Records", "History",
  };

  if (readers_missing ())
    return;

  done_before = count_audit ("export.done", "");
  path = export_zhang ("plain", FALSE, "张三.xlsx");
  g_assert_cmpint (count_audit ("export.done", ""), ==, done_before + 1);
  g_assert_cmpint (count_audit ("export.reporter-identity", ""), ==, 0);

  wb = inspect (path);
  /* The cover, then the sections in file order, then the history. */
  g_assert_cmpuint (wb->sheets->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_true (g_str_has_prefix (((Sheet *) g_ptr_array_index (wb->sheets, i))->name, order[i]));

  /* The cover: the form's title, the labels and values, the photo, the ID
   * number as text with every digit. */
  cover = find_sheet (wb, "Cover");
  g_assert_cmpuint (cover->images, ==, 1);
  g_assert_true (sheet_contains (cover, "Integrity File of a Leading Cadre"));
  g_assert_nonnull (find_cell (cover, "Name", &row, &col));
  cell = get_cell (cover, row, col + 1);
  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->value, ==, "张三");
  g_assert_nonnull (find_cell (cover, "ID number", &row, &col));
  cell = get_cell (cover, row, col + 1);
  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->value, ==, ID_ZHANG);
  g_assert_cmpstr (cell->type, ==, "s");
  g_assert_nonnull (find_cell (cover, "Post", &row, &col));
  g_assert_cmpstr (get_cell (cover, row, col + 1)->value, ==, "局长");
  g_assert_nonnull (find_cell (cover, "Unit", &row, &col));
  g_assert_cmpstr (get_cell (cover, row, col + 1)->value, ==, "市财政局");
  g_assert_nonnull (find_cell (cover, "Former names", NULL, NULL));
  g_assert_nonnull (find_cell (cover, "张叁", NULL, NULL));
  g_assert_nonnull (find_cell (cover, "Date of birth", &row, &col));
  cell = get_cell (cover, row, col + 1);
  g_assert_cmpstr (cell->value, ==, "1975-03-15");
  g_assert_cmpstr (cell->type, ==, "d");
  g_assert_nonnull (find_cell (cover, "Categories (computed)", NULL, NULL));
  g_assert_nonnull (find_cell (cover, "Manual tags", NULL, NULL));
  /* The measure blocks promotion: the cover says until when. */
  g_assert_nonnull (find_cell (cover, "Promotion block", &row, &col));
  g_assert_nonnull (strstr (get_cell (cover, row, col + 1)->value, "2027-09-10"));

  /* Family: two entries with their labels. */
  family = find_sheet (wb, "Family Members");
  g_assert_cmpuint (data_rows (family), ==, 2);
  g_assert_true (sheet_contains (family, "李梅"));
  g_assert_true (sheet_contains (family, "市第一医院"));
  /* In the forms' order: the spouse before the son entered earlier. */
  g_assert_cmpstr (data_value (family, 0, "Relation"), ==, "Spouse");
  g_assert_cmpstr (data_value (family, 1, "Relation"), ==, "Son");
  g_assert_cmpstr (data_value (family, 1, "Full name"), ==, "张小明");
  g_assert_true (g_str_has_prefix (get_cell (family, 1, 0)->value, "张三"));

  /* Personal matters: the year as a number, the verification outcome. */
  reports = find_sheet (wb, "Personal Matters");
  g_assert_cmpuint (data_rows (reports), ==, 1);
  g_assert_cmpstr (data_value (reports, 0, "Verification result"), ==, "Omission");
  g_assert_cmpstr (data_value (reports, 0, "Report year"), ==, "2025");
  g_assert_cmpstr (get_cell (reports, HEADER_ROW + 1, header_col (reports, "Report year"))->type, ==, "n");
  appraisals = find_sheet (wb, "Appraisals");
  g_assert_cmpstr (data_value (appraisals, 0, "Appraisal grade"), ==, "Excellent");

  /* An empty section: its sheet with one row saying so. */
  rewards = find_sheet (wb, "Rewards and Honours");
  g_assert_cmpuint (data_rows (rewards), ==, 1);
  g_assert_cmpstr (get_cell (rewards, HEADER_ROW + 1, 0)->value, ==, "None recorded");

  /* The petition: there, but its reporter is not, anywhere in the file. */
  petitions = find_sheet (wb, "Petitions and Reports");
  g_assert_cmpuint (data_rows (petitions), ==, 1);
  g_assert_cmpstr (data_value (petitions, 0, "Registration number"), ==, fx.petition_reg_no);
  g_assert_cmpstr (get_cell (petitions, HEADER_ROW + 1, header_col (petitions, "Registration number"))->type, ==,
                   "s");
  g_assert_cmpstr (data_value (petitions, 0, "Received"), ==, "2026-03-02");
  g_assert_cmpstr (data_value (petitions, 0, "Reporter"), ==, "Withheld");
  g_assert_cmpstr (data_value (petitions, 0, "Reporter's contact"), ==, "***");
  g_assert_cmpstr (data_value (petitions, 0, "Summary"), ==, "反映张三违规收受礼金");
  g_assert_null (strstr (wb->all_text, "阳锋"));
  g_assert_null (strstr (wb->all_text, R_CONTACT));
  g_assert_null (strstr (wb->all_text, "白驼"));
  g_assert_false (zip_contains (path, R_NAME));
  g_assert_false (zip_contains (path, R_UNIT));
  g_assert_false (zip_contains (path, R_CONTACT));
  /* … while the file does hold the rest (the check can fail). */
  g_assert_true (zip_contains (path, "反映张三违规收受礼金"));

  talks = find_sheet (wb, "Talks and Letters");
  g_assert_cmpuint (data_rows (talks), ==, 1);
  g_assert_cmpstr (data_value (talks, 0, "Registration number"), ==, fx.talk_reg_no);
  g_assert_cmpstr (data_value (talks, 0, "Date"), ==, "2026-04-02");
  g_assert_true (sheet_contains (talks, "刘备"));

  /* The measure with its effect period (严重警告: 18 months) and the block. */
  measures = find_sheet (wb, "Sanctions and Measures");
  g_assert_cmpuint (data_rows (measures), ==, 1);
  g_assert_cmpstr (data_value (measures, 0, "Registration number"), ==, fx.measure_reg_no);
  g_assert_cmpstr (data_value (measures, 0, "Decision date"), ==, "2026-03-10");
  g_assert_cmpstr (data_value (measures, 0, "Effect period from"), ==, "2026-03-10");
  g_assert_cmpstr (data_value (measures, 0, "Effect period until"), ==, "2027-09-10");
  g_assert_cmpstr (data_value (measures, 0, "Document number"), ==, "0012");
  g_assert_nonnull (strstr (data_value (measures, 0, "Promotion block"), fx.measure_reg_no));

  opinions = find_sheet (wb, "Integrity Opinion");
  g_assert_cmpuint (data_rows (opinions), ==, 1);
  g_assert_cmpstr (data_value (opinions, 0, "Registration number"), ==, fx.opinion_reg_no);
  g_assert_cmpstr (data_value (opinions, 0, "Request date"), ==, "2026-08-20");
  g_assert_cmpstr (data_value (opinions, 0, "Requester"), ==, "市委组织部");
  g_assert_cmpstr (data_value (opinions, 0, "Decision"), !=, "");

  /* Every version: created, the fields, the edit, the photo, the entries. */
  history = find_sheet (wb, "History");
  g_assert_cmpuint (data_rows (history), >=, 7);
  g_assert_cmpstr (data_value (history, 0, "No."), ==, "1");
  g_assert_cmpstr (data_value (history, 0, "Event"), ==, "File created");
  g_assert_cmpstr (data_value (history, 0, "Account"), ==, "boss");
  g_assert_cmpstr (get_cell (history, HEADER_ROW + 1, header_col (history, "Time"))->type, ==, "d");
  /* The edit: the one field it changed, once, before and after. */
  g_assert_cmpstr (data_value (history, 2, "Event"), ==, "Basic information changed");
  g_assert_cmpstr (data_value (history, 2, "Changes"), ==, "Post: 副局长 → 局长");
  /* The unit by its name, not its record number. */
  g_assert_true (sheet_contains (history, "Unit: 市财政局"));
  g_assert_true (sheet_contains (history, "Photo changed"));
  g_assert_true (sheet_contains (history, "Entry added"));
}

typedef struct
{
  GCancellable *cancellable;
  gint64        done;
  gint64        total;
  guint         calls;
  gboolean      cancel;
} Progress;

static void
on_progress (gint64      done,
             gint64      total,
             const char *detail,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpint (done, >=, p->done);
  p->done = done;
  p->total = total;
  p->calls++;
  if (p->cancel)
    g_cancellable_cancel (p->cancellable);
}

/* The progress counts the rows up to their total; a cancel from it stops
 * the export and leaves no file. */
static void
test_progress_and_cancel (void)
{
  g_autoptr(LdExportRequest) request = cadre_request (fx.zhang, "张三-进度.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GStrv) files = NULL;
  Progress p = { cancellable, 0, 0, 0, FALSE };

  ld_test_login (fx.vault, "plain");
  result = ld_export_run (fx.vault, request, on_progress, &p, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (p.calls, >, 0);
  g_assert_cmpint (p.total, >=, 10);
  g_assert_cmpint (p.done, ==, p.total);
  g_assert_true (g_file_test (request->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (request->path), ==, 0);

  g_clear_pointer (&result, ld_export_result_free);
  p = (Progress) { cancellable, 0, 0, 0, TRUE };
  result = ld_export_run (fx.vault, request, on_progress, &p, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  files = list_dir (fx.out);
  for (guint i = 0; files[i] != NULL; i++)
    g_assert_null (strstr (files[i], ".part"));
}

/* With the grant and the tick the reporter shows, and the export says so
 * in its own audit entry. */
static void
test_cadre_file_reporters (void)
{
  g_autoptr(Workbook) wb = NULL;
  g_autofree char *path = NULL;
  Sheet *petitions;

  if (readers_missing ())
    return;

  path = export_zhang ("boss", TRUE, "张三-举报人.xlsx");
  g_assert_cmpint (count_audit ("export.reporter-identity", fx.petition_reg_no), ==, 1);
  g_assert_cmpint (count_audit ("petition.reporter_revealed", fx.petition_reg_no), ==, 1);

  wb = inspect (path);
  petitions = find_sheet (wb, "Petitions and Reports");
  g_assert_cmpstr (data_value (petitions, 0, "Reporter"), ==, R_NAME);
  g_assert_cmpstr (data_value (petitions, 0, "Reporter's unit"), ==, R_UNIT);
  g_assert_cmpstr (data_value (petitions, 0, "Reporter's contact"), ==, R_CONTACT);
  g_assert_true (zip_contains (path, R_NAME));

  /* The grant alone is not enough: without the tick nothing shows. */
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&wb, workbook_free);
  path = export_zhang ("boss", FALSE, "张三-无举报人.xlsx");
  g_assert_false (zip_contains (path, R_NAME));
  g_assert_cmpint (count_audit ("export.reporter-identity", fx.petition_reg_no), ==, 1);
}

/* A period keeps the records dated in it; the cover and the family,
 * which have no dates, stay whole. */
static void
test_period (void)
{
  g_autoptr(LdExportRequest) request = cadre_request (fx.zhang, "张三-一季度.xlsx");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Workbook) wb = NULL;
  Sheet *sheet;

  if (readers_missing ())
    return;

  ld_test_login (fx.vault, "plain");
  request->from = g_strdup ("2026-01-01");
  request->to = g_strdup ("2026-03-31");
  result = ld_export_run (fx.vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_ptr_array_add (fx.workbooks, g_strdup (request->path));

  wb = inspect (request->path);
  g_assert_true (sheet_contains (find_sheet (wb, "Cover"), "张三"));
  g_assert_cmpuint (data_rows (find_sheet (wb, "Family Members")), ==, 2);
  /* Received 2026-03-02 and decided 2026-03-10: in. */
  g_assert_cmpstr (data_value (find_sheet (wb, "Petitions and Reports"), 0, "Registration number"), ==,
                   fx.petition_reg_no);
  g_assert_cmpstr (data_value (find_sheet (wb, "Sanctions and Measures"), 0, "Registration number"), ==,
                   fx.measure_reg_no);
  /* The talk of April, the request of August, the 2025 report and the
   * versions written today: out. */
  sheet = find_sheet (wb, "Talks and Letters");
  g_assert_cmpuint (data_rows (sheet), ==, 1);
  g_assert_cmpstr (get_cell (sheet, HEADER_ROW + 1, 0)->value, ==, "None recorded");
  g_assert_cmpstr (get_cell (find_sheet (wb, "Integrity Opinion"), HEADER_ROW + 1, 0)->value, ==, "None recorded");
  g_assert_cmpstr (get_cell (find_sheet (wb, "Personal Matters"), HEADER_ROW + 1, 0)->value, ==, "None recorded");
  g_assert_cmpstr (get_cell (find_sheet (wb, "History"), HEADER_ROW + 1, 0)->value, ==, "None recorded");
  /* The scope line says which period. */
  g_assert_true (sheet_contains (find_sheet (wb, "Talks and Letters"), "2026-03-31"));
}

/* --- A batch ------------------------------------------------------------------------- */

static LdExportRequest *
batch_request (const char *folder)
{
  LdExportRequest *request = ld_export_request_new (LD_EXPORT_CADRES);

  request->purpose = g_strdup ("年度廉政档案归档");
  request->unit_id = fx.finance;
  request->path = g_build_filename (fx.dir, folder, NULL);
  g_assert_cmpint (g_mkdir (request->path, 0700), ==, 0);
  return request;
}

static void
test_batch (void)
{
  g_autoptr(LdExportRequest) request = batch_request ("batch");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  static const char * const expected[] = {
    "市财政局-张三-0022.xlsx", "市财政局-王五-0134 (2).xlsx", "市财政局-王五-0134.xlsx", "预算科-李四-0031.xlsx",
  };

  ld_test_login (fx.vault, "boss");
  result = ld_export_run (fx.vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->files, ==, 4);
  g_assert_false (result->cancelled);

  /* The subtree of 市财政局 only: 赵六 of 市教育局 is not in it. */
  files = list_dir (request->path);
  for (guint i = 0; files[i] != NULL; i++)
    g_test_message ("batch file %s", files[i]);
  g_assert_cmpuint (g_strv_length (files), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (g_strv_contains ((const char * const *) files, expected[i]));
      g_ptr_array_add (fx.workbooks, g_build_filename (request->path, expected[i], NULL));
    }

  /* Each file is its cadre's. */
  if (!readers_missing ())
    {
      g_autofree char *li_path = g_build_filename (request->path, "预算科-李四-0031.xlsx", NULL);
      g_autoptr(Workbook) wb = inspect (li_path);
      Sheet *cover = find_sheet (wb, "Cover");
      guint row, col;

      g_assert_cmpuint (cover->images, ==, 0);
      g_assert_nonnull (find_cell (cover, "ID number", &row, &col));
      g_assert_cmpstr (get_cell (cover, row, col + 1)->value, ==, ID_LI);
      /* No petition about him: the sheet says so. */
      g_assert_cmpuint (data_rows (find_sheet (wb, "Petitions and Reports")), ==, 1);
      g_assert_cmpstr (get_cell (find_sheet (wb, "Petitions and Reports"), HEADER_ROW + 1, 0)->value, ==,
                       "None recorded");
      g_assert_false (sheet_contains (find_sheet (wb, "Family Members"), "李梅"));
    }
}

typedef struct
{
  GCancellable *cancellable;
  gint64        max_done;
} CancelData;

static void
cancel_after_first (gint64      done,
                    gint64      total,
                    const char *detail,
                    gpointer    user_data)
{
  CancelData *data = user_data;

  data->max_done = MAX (data->max_done, done);
  if (done >= 1)
    g_cancellable_cancel (data->cancellable);
}

static void
test_batch_cancel (void)
{
  g_autoptr(LdExportRequest) request = batch_request ("cancelled");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GStrv) files = NULL;
  CancelData data = { cancellable, 0 };
  g_autofree char *first = NULL;

  ld_test_login (fx.vault, "boss");
  result = ld_export_run (fx.vault, request, cancel_after_first, &data, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (result->cancelled);
  g_assert_cmpuint (result->files, ==, 1);

  /* Exactly the finished workbook, and no temporary file. */
  files = list_dir (request->path);
  g_assert_cmpuint (g_strv_length (files), ==, 1);
  g_assert_true (g_str_has_suffix (files[0], ".xlsx"));
  g_assert_false (g_str_has_prefix (files[0], "."));
  g_assert_null (strstr (files[0], ".part"));
  first = g_build_filename (request->path, files[0], NULL);
  g_ptr_array_add (fx.workbooks, g_strdup (first));
}

/* A selection naming a cadre outside the account's units: that cadre is
 * not found, and nothing of it is written. */
static void
test_batch_out_of_scope (void)
{
  g_autoptr(LdExportRequest) request = batch_request ("out-of-scope");
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  request->unit_id = 0;
  request->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (request->cadre_ids, fx.zhang);
  ld_test_login (fx.vault, "inv");
  result = ld_export_run (fx.vault, request, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_assert_null (result);
  files = list_dir (request->path);
  g_assert_cmpuint (g_strv_length (files), ==, 0);
}

/* --- LibreOffice ----------------------------------------------------------------------- */

/* Every workbook of this test opens in LibreOffice and every sheet
 * converts; the ID number survives as written. */
static void
test_libreoffice (void)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *csv_dir = g_build_filename (fx.dir, "csv", NULL);
  g_autoptr(GHashTable) sheets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  gboolean id_seen = FALSE;

  if (readers_missing ())
    return;
  g_assert_cmpuint (fx.workbooks->len, >=, 8);

  g_ptr_array_add (args, (gpointer) "--csv");
  g_ptr_array_add (args, csv_dir);
  for (guint i = 0; i < fx.workbooks->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (fx.workbooks, i));
  g_ptr_array_add (args, NULL);
  lines = run_flatten ((const char * const *) args->pdata);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", -1);
      g_autofree char *file = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "V"))
        continue;
      file = unescape (parts[1]);
      csv = unescape (parts[2]);
      g_file_get_contents (csv, &text, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_hash_table_insert (sheets, g_strdup (file),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sheets, file)) + 1));
      if (strstr (text, ID_ZHANG) != NULL)
        id_seen = TRUE;
      /* The ID number never turns into a number in scientific notation. */
      g_assert_null (strstr (text, "1.10105"));
    }
  /* Every file: the cover, 14 sections and the history. */
  for (guint i = 0; i < fx.workbooks->len; i++)
    {
      const char *file = g_ptr_array_index (fx.workbooks, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sheets, file));

      if (n == 0)
        {
          g_autofree char *base = g_path_get_basename (file);

          /* The script may name the files as given or by their base name. */
          n = GPOINTER_TO_UINT (g_hash_table_lookup (sheets, base));
        }
      g_assert_cmpuint (n, ==, 16);
    }
  g_assert_true (id_seen);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  build_vault ();
  g_test_add_func ("/export-cadre-file/refusals", test_refusals);
  g_test_add_func ("/export-cadre-file/file", test_cadre_file);
  g_test_add_func ("/export-cadre-file/reporters", test_cadre_file_reporters);
  g_test_add_func ("/export-cadre-file/period", test_period);
  g_test_add_func ("/export-cadre-file/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/export-cadre-file/batch", test_batch);
  g_test_add_func ("/export-cadre-file/batch-cancel", test_batch_cancel);
  g_test_add_func ("/export-cadre-file/batch-out-of-scope", test_batch_out_of_scope);
  g_test_add_func ("/export-cadre-file/libreoffice", test_libreoffice);
  status = g_test_run ();

  ld_vault_lock (fx.vault, "exit");
  g_clear_object (&fx.vault);
  ld_test_rmdir (fx.dir);
  g_clear_pointer (&fx.dir, g_free);
  g_clear_pointer (&fx.out, g_free);
  g_clear_pointer (&fx.workbooks, g_ptr_array_unref);
  g_clear_pointer (&fx.petition_reg_no, g_free);
  g_clear_pointer (&fx.talk_reg_no, g_free);
  g_clear_pointer (&fx.measure_reg_no, g_free);
  g_clear_pointer (&fx.opinion_reg_no, g_free);
  return status;
}
