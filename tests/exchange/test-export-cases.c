/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-cases"

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "exchange/ld-export.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "records/ld-user-repository.h"

/* The case ledgers (petitions, clues, talks, the board) exported through
 * ld_export_run() and read back with openpyxl (tests/exchange/xlsx-inspect.py)
 * and, once for every file written, LibreOffice. */

#define ID_A "11010519491231002X"
#define ID_B "34052419800101001X"
#define ID_C "110105198506070014"

/* The reporter of the real-name petition: never in a file exported
 * without the grant and the tick. */
#define R_NAME    "欧阳锋芒"
#define R_UNIT    "白驼山庄贸易公司"
#define R_CONTACT "13800138000"
#define R_ADDRESS "幸福路一号"
#define R_ID      "110105194912310021"

#define PERSON    "Person reported, unit and post"
#define TALKED_TO "Person talked to, unit and post"
#define PAYLOAD_LINK "=HYPERLINK(\"http://x\",\"y\")"
#define PAYLOAD_PLUS "+1"
#define PAYLOAD_AT   "@SUM(A1)"

#define PURPOSE "向党风廉政建设领导小组汇报"

/* Layout of every table sheet (ld-xlsx-writer.h): rows are 0-based here. */
#define HEADER_ROW 3
#define FIRST_ROW  4

static struct
{
  char     *dir;
  LdVault  *vault;
  gboolean  skip;       /* openpyxl or LibreOffice missing */
  gint64    unit_a;
  gint64    unit_a1;
  gint64    unit_b;
  gint64    cadre_a;    /* 张三, unit A */
  gint64    cadre_b;    /* 李四, unit B */
  gint64    cadre_c;    /* 王五, unit A1 */
  char     *p_real;     /* real-name letter about 张三, 2026-03-02, unit A */
  char     *p_anon;     /* anonymous call about 李四, 2026-04-10, unit B */
  char     *p_old;      /* about 王五, 2025-12-20, unit A1 */
  char     *p_link;     /* the injection payloads as summaries, unit A */
  char     *p_plus;
  char     *p_at;
  char     *c_petition; /* from p_real, talk-letter approved */
  char     *c_inspect;  /* inspection transfer about 李四, 2026-06-01, pending */
  char     *c_old;      /* about 王五, 2025-11-03 */
  char     *t_inquiry;  /* 2026-03-20 with 张三, serving c_petition */
  char     *t_heart;    /* 2026-07-01 with 李四 */
  char     *t_old;      /* 2025-10-10 with 王五 */
  GPtrArray *files;     /* every workbook written, for the LibreOffice run */
  GPtrArray *masked;    /* the files that must not hold the reporter */
} fx;

/* --- Reading back ---------------------------------------------------------------------- */

typedef struct
{
  char *t;
  char *fmt;
  gboolean bold;
  char *v;
} Cell;

typedef struct
{
  GHashTable *facts;   /* "name", "freeze", "autofilter", "print_titles", "header" … */
  GHashTable *cells;   /* "row:col" → Cell */
  int         max_row; /* rows seen (0-based last + 1) */
  int         max_col;
} Sheet;

typedef struct
{
  GPtrArray *sheets;
} Book;

static void
cell_free (Cell *cell)
{
  g_free (cell->t);
  g_free (cell->fmt);
  g_free (cell->v);
  g_free (cell);
}

static void
sheet_free (Sheet *sheet)
{
  g_hash_table_unref (sheet->facts);
  g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

static void
book_free (Book *book)
{
  g_ptr_array_unref (book->sheets);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)

/* Flattens the JSON of xlsx-inspect.py to tab-separated lines. */
static const char flatten_py[] =
  "import json, subprocess, sys\n"
  "res = subprocess.run([sys.executable] + sys.argv[1:], stdout=subprocess.PIPE)\n"
  "if res.returncode != 0:\n"
  "    sys.exit(res.returncode)\n"
  "d = json.loads(res.stdout.decode('utf-8'))\n"
  "def esc(s):\n"
  "    return s.replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n').replace('\\t', '\\\\t').replace('\\r', '\\\\r')\n"
  "out = []\n"
  "if isinstance(d, dict) and 'sheets' in d:\n"
  "    for si, sh in enumerate(d['sheets']):\n"
  "        for k in ('name', 'freeze', 'autofilter', 'print_titles', 'header', 'footer', 'orientation',\n"
  "                  'max_col', 'fit_width'):\n"
  "            v = sh.get(k)\n"
  "            out.append('S\\t%d\\t%s\\t%s' % (si, k, esc('' if v is None else str(v))))\n"
  "        for r, row in enumerate(sh['rows']):\n"
  "            for c, cell in enumerate(row or []):\n"
  "                if cell is None:\n"
  "                    continue\n"
  "                out.append('C\\t%d\\t%d\\t%d\\t%s\\t%s\\t%d\\t%s' % (si, r, c, cell.get('t') or '',\n"
  "                           esc(cell.get('fmt') or ''), 1 if cell.get('bold') else 0, esc(cell.get('v') or '')))\n"
  "else:\n"
  "    for f, paths in d.items():\n"
  "        for p in paths:\n"
  "            out.append('F\\t%s\\t%s' % (esc(f), esc(p)))\n"
  "sys.stdout.write('\\n'.join(out) + '\\n')\n";

/* Debian's python3 has python3-openpyxl; a python3 of pyenv or a venv
 * earlier in PATH may not. */
static const char *
python (void)
{
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
}

static char *
inspect_script (void)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
}

/* Runs xlsx-inspect.py with args through the flattener; NULL when it
 * reports a missing reader (exit status 77). */
static char *
run_inspect (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, g_strdup (python ()));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (flatten_py));
  g_ptr_array_add (argv, inspect_script ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == 77)
    return NULL;
  if (!g_subprocess_get_successful (proc))
    g_error ("xlsx-inspect.py failed: %s", err);
  return g_steal_pointer (&out);
}

static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

static Sheet *
book_sheet (Book  *book,
            guint  index)
{
  while (book->sheets->len <= index)
    {
      Sheet *sheet = g_new0 (Sheet, 1);

      sheet->facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sheet->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
      g_ptr_array_add (book->sheets, sheet);
    }
  return g_ptr_array_index (book->sheets, index);
}

static Book *
read_book (const char *path)
{
  const char *args[] = { path, NULL };
  g_autofree char *out = run_inspect (args);
  g_auto(GStrv) lines = NULL;
  Book *book;

  if (out == NULL)
    return NULL;
  book = g_new0 (Book, 1);
  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 8);
      guint n = g_strv_length (parts);

      if (n == 4 && g_str_equal (parts[0], "S"))
        g_hash_table_replace (book_sheet (book, atoi (parts[1]))->facts, g_strdup (parts[2]), unescape (parts[3]));
      else if (n == 8 && g_str_equal (parts[0], "C"))
        {
          Sheet *sheet = book_sheet (book, atoi (parts[1]));
          Cell *cell = g_new0 (Cell, 1);
          int row = atoi (parts[2]);
          int col = atoi (parts[3]);

          cell->t = g_strdup (parts[4]);
          cell->fmt = unescape (parts[5]);
          cell->bold = atoi (parts[6]) != 0;
          cell->v = unescape (parts[7]);
          g_hash_table_replace (sheet->cells, g_strdup_printf ("%d:%d", row, col), cell);
          sheet->max_row = MAX (sheet->max_row, row + 1);
          sheet->max_col = MAX (sheet->max_col, col + 1);
        }
    }
  return book;
}

static Cell *
cell_at (Sheet *sheet,
         int    row,
         int    col)
{
  g_autofree char *key = g_strdup_printf ("%d:%d", row, col);

  return g_hash_table_lookup (sheet->cells, key);
}

/* The column whose header is header; fails the test when there is none. */
static int
column (Sheet      *sheet,
        const char *header)
{
  for (int c = 0; c < sheet->max_col; c++)
    {
      Cell *cell = cell_at (sheet, HEADER_ROW, c);

      if (cell != NULL && g_str_equal (cell->v, header))
        {
          g_assert_true (cell->bold);
          return c;
        }
    }
  g_error ("no column “%s”", header);
  return -1;
}

static gboolean
has_column (Sheet      *sheet,
            const char *header)
{
  for (int c = 0; c < sheet->max_col; c++)
    {
      Cell *cell = cell_at (sheet, HEADER_ROW, c);

      if (cell != NULL && g_str_equal (cell->v, header))
        return TRUE;
    }
  return FALSE;
}

static int
n_rows (Sheet *sheet)
{
  return MAX (sheet->max_row - FIRST_ROW, 0);
}

/* The data row (0-based among the data rows) whose column header holds
 * value, or -1. */
static int
find_row (Sheet      *sheet,
          const char *header,
          const char *value)
{
  int col = column (sheet, header);

  for (int r = FIRST_ROW; r < sheet->max_row; r++)
    {
      Cell *cell = cell_at (sheet, r, col);

      if (cell != NULL && g_str_equal (cell->v, value))
        return r - FIRST_ROW;
    }
  return -1;
}

/* The cell of a data row under a header (NULL when blank). */
static Cell *
value (Sheet      *sheet,
       int         row,
       const char *header)
{
  return cell_at (sheet, FIRST_ROW + row, column (sheet, header));
}

static void
assert_text (Sheet      *sheet,
             int         row,
             const char *header,
             const char *expected)
{
  Cell *cell = value (sheet, row, header);

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->t, ==, "s");
  g_assert_cmpstr (cell->v, ==, expected);
}

/* A registration number: text, in the "@" format, exactly as registered. */
static void
assert_code (Sheet      *sheet,
             int         row,
             const char *header,
             const char *expected)
{
  Cell *cell = value (sheet, row, header);

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->t, ==, "s");
  g_assert_cmpstr (cell->fmt, ==, "@");
  g_assert_cmpstr (cell->v, ==, expected);
}

static void
assert_date (Sheet      *sheet,
             int         row,
             const char *header,
             const char *expected)
{
  Cell *cell = value (sheet, row, header);

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->t, ==, "d");
  g_assert_cmpstr (cell->fmt, ==, "yyyy-mm-dd");
  g_assert_cmpstr (cell->v, ==, expected);
}

static void
assert_number (Sheet      *sheet,
               int         row,
               const char *header,
               const char *expected)
{
  Cell *cell = value (sheet, row, header);

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->t, ==, "n");
  g_assert_cmpstr (cell->v, ==, expected);
}

static void
assert_blank (Sheet      *sheet,
              int         row,
              const char *header)
{
  Cell *cell = value (sheet, row, header);

  g_assert_true (cell == NULL || *cell->v == '\0');
}

/* No cell of any sheet is a formula. */
static void
assert_no_formula (Book *book)
{
  for (guint s = 0; s < book->sheets->len; s++)
    {
      Sheet *sheet = g_ptr_array_index (book->sheets, s);
      GHashTableIter iter;
      gpointer cell;

      g_hash_table_iter_init (&iter, sheet->cells);
      while (g_hash_table_iter_next (&iter, NULL, &cell))
        g_assert_cmpstr (((Cell *) cell)->t, !=, "f");
    }
}

/* The sheet layout every ledger shares. */
static void
assert_layout (Sheet        *sheet,
               LdExportKind  kind)
{
  const char *titles = g_hash_table_lookup (sheet->facts, "print_titles");
  const char *fit = g_hash_table_lookup (sheet->facts, "fit_width");

  g_assert_cmpstr (g_hash_table_lookup (sheet->facts, "freeze"), ==, "A5");

  /* The header row on every page; on a sheet printed more than one page
   * wide the identifying first columns too. */
  g_assert_nonnull (titles);
  if (g_strcmp0 (fit, "1") == 0)
    g_assert_cmpstr (titles, ==, "$4:$4");
  else
    {
      g_assert_true (g_str_has_prefix (titles, "$A:$"));
      g_assert_true (g_str_has_suffix (titles, "!$4:$4"));
    }
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (sheet->facts, "autofilter"), "A4:"));
  g_assert_cmpstr (g_hash_table_lookup (sheet->facts, "orientation"), ==, "landscape");
  g_assert_nonnull (cell_at (sheet, 1, 0));
  g_assert_cmpstr (cell_at (sheet, 1, 0)->v, ==, ld_export_kind_get_title (kind));
}

/* Every part of the package, uncompressed, joined. */
static GString *
unzip_all (const char *path)
{
  GString *all = g_string_new (NULL);
  zip_t *zip;
  int zerr = 0;
  zip_int64_t n;

  zip = zip_open (path, ZIP_RDONLY, &zerr);
  g_assert_nonnull (zip);
  n = zip_get_num_entries (zip, 0);
  g_assert_cmpint (n, >, 0);
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_file_t *file = zip_fopen_index (zip, (zip_uint64_t) i, 0);
      char buffer[8192];
      zip_int64_t got;

      g_assert_nonnull (file);
      while ((got = zip_fread (file, buffer, sizeof buffer)) > 0)
        g_string_append_len (all, buffer, (gssize) got);
      g_assert_cmpint (got, ==, 0);
      zip_fclose (file);
      g_string_append_c (all, '\n');
    }
  zip_close (zip);
  return all;
}

static const char * const secrets[] = { "欧阳", R_UNIT, "白驼山", R_CONTACT, R_ADDRESS, R_ID, NULL };

static void
assert_no_reporter_text (const char *text,
                         const char *where)
{
  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("the reporter's “%s” is in %s", secrets[i], where);
}

static void
assert_no_reporter_file (const char *path)
{
  g_autoptr(GString) all = unzip_all (path);

  assert_no_reporter_text (all->str, path);
}

/* --- Exporting ------------------------------------------------------------------------- */

static char *
out_path (const char *name)
{
  return g_build_filename (fx.dir, "out", name, NULL);
}

typedef struct
{
  gint64 done;
  gint64 total;
  guint  calls;
  GCancellable *cancel_at_first;
} Progress;

static void
on_progress (gint64      done,
             gint64      total,
             const char *detail,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (done, >=, progress->done);
  progress->done = done;
  progress->total = total;
  progress->calls++;
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static LdExportRequest *
request_new (LdExportKind  kind,
             const char   *file,
             const char   *from,
             const char   *to,
             gint64        unit_id)
{
  LdExportRequest *request = ld_export_request_new (kind);

  request->purpose = g_strdup (PURPOSE);
  request->path = out_path (file);
  request->from = g_strdup (from);
  request->to = g_strdup (to);
  request->unit_id = unit_id;
  return request;
}

/* Runs the export as account, asserts success, checks the audit entry's
 * checksum against the file and returns the book read back (NULL when the
 * reader is missing). */
static Book *
export_ok (const char      *account,
           LdExportRequest *request,
           gint64           expect_rows)
{
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sql = NULL;
  Progress progress = { 0 };

  ld_test_login (fx.vault, account);
  result = ld_export_run (fx.vault, request, on_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (g_file_test (request->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (result->rows, ==, expect_rows);
  g_assert_cmpuint (result->files, ==, 1);
  if (expect_rows > 0)
    {
      g_assert_cmpint (progress.done, ==, expect_rows);
      g_assert_cmpint (progress.total, ==, expect_rows);
    }

  /* The audit entry names the file's SHA-256. */
  sha = ld_test_file_sha256 (request->path);
  g_assert_cmpstr (result->sha256, ==, sha);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = '" LD_AUDIT_EXPORT_DONE "'"
                         " AND account = '%s' AND details LIKE '%%sha256=%s%%'"
                         " AND details LIKE '%%rows=%" G_GINT64_FORMAT "%%'",
                         account, sha, expect_rows);
  g_assert_cmpint (ld_test_count_rows (fx.vault, sql), ==, 1);

  g_ptr_array_add (fx.files, g_strdup (request->path));
  return read_book (request->path);
}

static gint64
count_audit (const char *event,
             const char *like)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = '%s'"
                                          " AND details LIKE '%%%s%%'", event, like != NULL ? like : "");

  return ld_test_count_rows (fx.vault, sql);
}

/* --- Fixture ---------------------------------------------------------------------------- */

static char *
add_petition (gint64      unit,
              const char *received,
              gboolean    real_name,
              gint64      cadre,
              const char *person_name,
              const char *summary)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  char *reg_no = NULL;
  gint64 id = 0;

  ld_petition_spec_init (&spec);
  spec.unit_id = unit;
  spec.kind = g_strdup ("accusation");
  spec.channel = g_strdup (real_name ? "CH_LETTER" : "CH_PHONE");
  spec.received_date = g_strdup (received);
  spec.summary = g_strdup (summary);
  spec.real_name = real_name;
  if (real_name)
    {
      g_autoptr(LdReporter) reporter = ld_reporter_new (R_NAME, R_UNIT, R_CONTACT, R_ADDRESS, R_ID);

      spec.full_text = g_strdup ("举报人称张三在节日期间收受下属礼金。");
      spec.categories = g_strdup ("INT,HS1");
      ld_petition_spec_set_reporter (&spec, reporter);
    }
  if (cadre > 0)
    ld_petition_spec_add_cadre (&spec, cadre);
  else
    ld_petition_spec_add_person (&spec, person_name, "某街道办事处", "副主任");
  g_assert_true (ld_petition_repository_create (fx.vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);
  return reg_no;
}

static gint64
petition_id (const char *reg_no)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = ld_petition_repository_find_by_reg_no (fx.vault, reg_no, &error);

  g_assert_no_error (error);
  return ld_petition_get_id (petition);
}

static char *
clue_reg_no (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = ld_clue_repository_get (fx.vault, id, &error);

  g_assert_no_error (error);
  return g_strdup (ld_clue_get_reg_no (clue));
}

static char *
add_clue (gint64      cadre,
          const char *person,
          gint64      unit,
          const char *received,
          const char *summary)
{
  g_auto(LdClueSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_clue_spec_init (&spec);
  spec.source = g_strdup ("SRC_INSPECTION");
  spec.received_date = g_strdup (received);
  spec.cadre_id = cadre;
  spec.person_name = g_strdup (person);
  spec.unit_id = unit;
  spec.summary = g_strdup (summary);
  g_assert_true (ld_clue_repository_create (fx.vault, &spec, &id, &error));
  g_assert_no_error (error);
  return clue_reg_no (id);
}

static char *
add_talk (const char *type,
          const char *date,
          gint64      cadre,
          gint64      clue_id,
          const char *written_due)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  char *reg_no = NULL;
  gint64 id = 0;

  ld_talk_spec_init (&spec);
  spec.type = g_strdup (type);
  spec.talk_date = g_strdup (date);
  ld_talk_spec_add_cadre (&spec, cadre);
  ld_talk_spec_add_talker (&spec, "刘纪检");
  ld_talk_spec_add_talker (&spec, "陈监察");
  ld_talk_spec_set (&spec.place, "第一谈话室");
  ld_talk_spec_set (&spec.reason, "就信访反映问题进行函询谈话");
  ld_talk_spec_set (&spec.problems, "反映其节日期间收受下属礼金。");
  ld_talk_spec_set (&spec.explanation, "本人对收受礼金一事作了说明。");
  spec.clue_id = clue_id;
  if (written_due != NULL)
    {
      spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
      ld_talk_spec_set (&spec.written_due, written_due);
    }
  g_assert_true (ld_talk_repository_create (fx.vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);
  return reg_no;
}

static gboolean
have_openpyxl (void)
{
  g_autofree char *err = NULL;
  int status = -1;
  const char *argv[] = { python (), "-c", "import openpyxl", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* Admin, sec; boss (investigator, every unit, export and reporter-identity
 * grants), plain (investigator, every unit, export grant only), unitb
 * (investigator, unit B only, export grant); units A (A1 below it) and B;
 * cadres 张三 (A), 李四 (B), 王五 (A1); the petitions, clues and talks of
 * fx. */
static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 clue_id;

  fx.dir = ld_test_tmpdir ();
  out = g_build_filename (fx.dir, "out", NULL);
  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  fx.files = g_ptr_array_new_with_free_func (g_free);
  fx.masked = g_ptr_array_new_with_free_func (g_free);
  fx.skip = !have_openpyxl ();

  fx.vault = ld_test_vault_new (fx.dir);
  ld_test_add_account (fx.vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (fx.vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (fx.vault, "plain", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (fx.vault, "unitb", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (fx.vault, "boss", 0);
  ld_test_grant_scope (fx.vault, "plain", 0);
  /* Signed in as sec now. */
  g_assert_true (ld_user_repository_set_grant (fx.vault, "boss", LD_GRANT_EXPORT, TRUE, &error));
  g_assert_true (ld_user_repository_set_grant (fx.vault, "boss", LD_GRANT_REPORTER_IDENTITY, TRUE, &error));
  g_assert_true (ld_user_repository_set_grant (fx.vault, "plain", LD_GRANT_EXPORT, TRUE, &error));
  g_assert_true (ld_user_repository_set_grant (fx.vault, "unitb", LD_GRANT_EXPORT, TRUE, &error));
  g_assert_no_error (error);

  ld_test_login (fx.vault, "boss");
  fx.unit_a = ld_test_add_unit (fx.vault, 0, "甲局");
  fx.unit_a1 = ld_test_add_unit (fx.vault, fx.unit_a, "甲局办公室");
  fx.unit_b = ld_test_add_unit (fx.vault, 0, "乙局");
  ld_test_grant_scope (fx.vault, "unitb", fx.unit_b);
  ld_test_login (fx.vault, "boss");
  fx.cadre_a = ld_test_add_cadre (fx.vault, fx.unit_a, "张三", ID_A);
  fx.cadre_b = ld_test_add_cadre (fx.vault, fx.unit_b, "李四", ID_B);
  fx.cadre_c = ld_test_add_cadre (fx.vault, fx.unit_a1, "王五", ID_C);
  {
    const char * const names[] = { "post", "post_level", "principal", NULL };
    const char * const values[] = { "局长", "L07", "1", NULL };

    g_assert_true (ld_cadre_repository_set_fields (fx.vault, fx.cadre_a, names, values, &error));
    g_assert_no_error (error);
  }

  fx.p_real = add_petition (fx.unit_a, "2026-03-02", TRUE, fx.cadre_a, NULL, "反映张三违规收受礼金");
  fx.p_anon = add_petition (fx.unit_b, "2026-04-10", FALSE, fx.cadre_b, NULL, "反映李四公车私用");
  fx.p_old = add_petition (fx.unit_a1, "2025-12-20", FALSE, fx.cadre_c, NULL, "反映王五违规吃喝");
  fx.p_link = add_petition (fx.unit_a, "2026-05-06", FALSE, 0, "赵六", PAYLOAD_LINK);
  fx.p_plus = add_petition (fx.unit_a, "2026-05-07", FALSE, 0, "赵六", PAYLOAD_PLUS);
  fx.p_at = add_petition (fx.unit_a, "2026-05-08", FALSE, 0, "赵六", PAYLOAD_AT);

  g_assert_true (ld_clue_repository_create_from_petition (fx.vault, petition_id (fx.p_real), NULL, &clue_id, &error));
  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_dispose (fx.vault, clue_id, "talk-letter", "王书记", "2026-03-10", NULL, &error));
  g_assert_no_error (error);
  fx.c_petition = clue_reg_no (clue_id);
  fx.c_inspect = add_clue (fx.cadre_b, NULL, 0, "2026-06-01", "巡察移交：李四违规发放津补贴");
  fx.c_old = add_clue (fx.cadre_c, NULL, 0, "2025-11-03", "王五违规操办婚宴");

  fx.t_inquiry = add_talk ("T_INQUIRY", "2026-03-20", fx.cadre_a, clue_id, "2026-04-10");
  fx.t_heart = add_talk ("T_HEART", "2026-07-01", fx.cadre_b, 0, NULL);
  fx.t_old = add_talk ("T_HEART", "2025-10-10", fx.cadre_c, 0, NULL);
}

static void
fixture_teardown (void)
{
  ld_vault_lock (fx.vault, "exit");
  g_clear_object (&fx.vault);
  ld_test_rmdir (fx.dir);
  g_free (fx.dir);
  g_ptr_array_unref (fx.files);
  g_ptr_array_unref (fx.masked);
  g_free (fx.p_real);
  g_free (fx.p_anon);
  g_free (fx.p_old);
  g_free (fx.p_link);
  g_free (fx.p_plus);
  g_free (fx.p_at);
  g_free (fx.c_petition);
  g_free (fx.c_inspect);
  g_free (fx.c_old);
  g_free (fx.t_inquiry);
  g_free (fx.t_heart);
  g_free (fx.t_old);
}

#define SKIP_WITHOUT_READER() \
  G_STMT_START { if (fx.skip) { g_test_skip ("python3-openpyxl is not installed"); return; } } G_STMT_END

/* --- Petitions --------------------------------------------------------------------------- */

static void
test_petitions (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(Book) book = NULL;
  Sheet *sheet;
  int row;

  const char *person;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_PETITIONS, "petitions.xlsx", "2026-01-01", "2026-12-31", 0);
  book = export_ok ("boss", request, 5);
  g_assert_nonnull (book);
  g_ptr_array_add (fx.masked, g_strdup (request->path));
  g_assert_cmpuint (book->sheets->len, ==, 1);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_layout (sheet, LD_EXPORT_PETITIONS);
  g_assert_cmpint (n_rows (sheet), ==, 5);

  /* Registration order; the petition of 2025 is outside the period. */
  assert_code (sheet, 0, "Registration number", fx.p_real);
  assert_code (sheet, 1, "Registration number", fx.p_anon);
  assert_code (sheet, 2, "Registration number", fx.p_link);
  assert_code (sheet, 4, "Registration number", fx.p_at);
  g_assert_cmpint (find_row (sheet, "Registration number", fx.p_old), ==, -1);

  row = 0;
  assert_number (sheet, row, "No.", "1");
  assert_number (sheet, 4, "No.", "5");
  assert_date (sheet, row, "Received date", "2026-03-02");
  assert_text (sheet, row, "Channel and kind", "Letter, Report or accusation, Real name");
  assert_text (sheet, row, "Reporter", "Withheld");
  g_assert_false (has_column (sheet, "Reporter's contact"));
  g_assert_false (has_column (sheet, "Reporter's ID number"));
  /* One column for the person, unit, post, level and categories. */
  person = value (sheet, row, PERSON)->v;
  g_assert_true (g_str_has_prefix (person, "张三 (甲局 局长, County or division level, principal, "));
  g_assert_nonnull (strstr (person, "Top leader"));
  assert_text (sheet, row, "Summary of the problems", "反映张三违规收受礼金");
  g_assert_true (g_str_has_prefix (value (sheet, row, "Clues and disposal")->v, fx.c_petition));
  /* The discipline category and the four-styles item, a line each. */
  g_assert_nonnull (strchr (value (sheet, row, "Problem category")->v, '\n'));
  g_assert_cmpstr (value (sheet, row, "Status and result")->t, ==, "s");
  /* The acceptance notice of the real-name letter is still owed. */
  g_assert_cmpstr (value (sheet, row, "Deadline")->t, ==, "d");

  row = 1;
  g_assert_true (g_str_has_suffix (value (sheet, row, "Channel and kind")->v, ", Anonymous"));
  assert_blank (sheet, row, "Reporter");
  g_assert_true (g_str_has_prefix (value (sheet, row, PERSON)->v, "李四 (乙局"));
  assert_date (sheet, row, "Received date", "2026-04-10");

  /* The payloads stay text with the neutralising prefix. */
  assert_text (sheet, 2, "Summary of the problems", "'" PAYLOAD_LINK);
  assert_text (sheet, 3, "Summary of the problems", "'" PAYLOAD_PLUS);
  assert_text (sheet, 4, "Summary of the problems", "'" PAYLOAD_AT);
  g_assert_true (g_str_has_prefix (value (sheet, 2, PERSON)->v, "赵六"));
  /* 17 columns, printed on A4 landscape. */
  g_assert_cmpstr (g_hash_table_lookup (sheet->facts, "max_col"), ==, "17");
  assert_no_formula (book);

  assert_no_reporter_file (request->path);
}

/* The unit filter takes the unit and the units below it; no period = all. */
static void
test_petitions_unit (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportRequest) request_b = NULL;
  g_autoptr(Book) book = NULL;
  g_autoptr(Book) book_b = NULL;
  Sheet *sheet;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_PETITIONS, "petitions-a.xlsx", NULL, NULL, fx.unit_a);
  book = export_ok ("boss", request, 5);
  sheet = g_ptr_array_index (book->sheets, 0);
  g_assert_cmpint (n_rows (sheet), ==, 5);
  /* 2025 comes first in registration order. */
  assert_code (sheet, 0, "Registration number", fx.p_old);
  assert_date (sheet, 0, "Received date", "2025-12-20");
  g_assert_true (g_str_has_prefix (value (sheet, 0, PERSON)->v, "王五"));
  g_assert_cmpint (find_row (sheet, "Registration number", fx.p_anon), ==, -1);
  g_assert_cmpint (find_row (sheet, "Registration number", fx.p_real), ==, 1);
  g_ptr_array_add (fx.masked, g_strdup (request->path));

  /* An account of unit B sees unit B only, and cannot name unit A. */
  {
    g_autoptr(LdExportRequest) outside = request_new (LD_EXPORT_PETITIONS, "petitions-outside.xlsx", NULL, NULL,
                                                      fx.unit_a);
    g_autoptr(LdExportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    ld_test_login (fx.vault, "unitb");
    result = ld_export_run (fx.vault, outside, NULL, NULL, NULL, &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_assert_null (result);
    g_assert_false (g_file_test (outside->path, G_FILE_TEST_EXISTS));
  }
  request_b = request_new (LD_EXPORT_PETITIONS, "petitions-b.xlsx", NULL, NULL, 0);
  book_b = export_ok ("unitb", request_b, 1);
  sheet = g_ptr_array_index (book_b->sheets, 0);
  g_assert_cmpint (n_rows (sheet), ==, 1);
  assert_code (sheet, 0, "Registration number", fx.p_anon);
  g_ptr_array_add (fx.masked, g_strdup (request_b->path));
  assert_no_reporter_file (request_b->path);
}

/* Without the grant, or without the tick, the identity is nowhere in the
 * package. */
static void
test_petitions_masked (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportRequest) denied = NULL;
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(Book) book = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reveals_before = count_audit (LD_AUDIT_PETITION_REPORTER_REVEALED, NULL);
  Sheet *sheet;

  SKIP_WITHOUT_READER ();
  /* No grant, no tick. */
  request = request_new (LD_EXPORT_PETITIONS, "petitions-plain.xlsx", NULL, NULL, 0);
  book = export_ok ("plain", request, 6);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_text (sheet, find_row (sheet, "Registration number", fx.p_real), "Reporter", "Withheld");
  assert_no_reporter_file (request->path);
  g_ptr_array_add (fx.masked, g_strdup (request->path));

  /* No grant, tick: refused, nothing written. */
  denied = request_new (LD_EXPORT_PETITIONS, "petitions-denied.xlsx", NULL, NULL, 0);
  denied->include_reporters = TRUE;
  ld_test_login (fx.vault, "plain");
  result = ld_export_run (fx.vault, denied, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (result);
  g_assert_false (g_file_test (denied->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The same for the clues. */
  g_free (denied->path);
  denied->path = out_path ("clues-denied.xlsx");
  denied->kind = LD_EXPORT_CLUES;
  result = ld_export_run (fx.vault, denied, NULL, NULL, NULL, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (result);
  g_assert_false (g_file_test (denied->path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (count_audit (LD_AUDIT_EXPORT_REPORTERS, NULL), ==, 0);
  g_assert_cmpint (count_audit (LD_AUDIT_PETITION_REPORTER_REVEALED, NULL), ==, reveals_before);
}

/* Grant and tick: the identity with its contact columns, and the reveal
 * audited with the registration numbers. */
static void
test_petitions_revealed (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(Book) book = NULL;
  g_autofree char *like = NULL;
  g_autofree char *sha = NULL;
  Sheet *sheet;
  int row;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_PETITIONS, "petitions-revealed.xlsx", "2026-01-01", "2026-12-31", 0);
  request->include_reporters = TRUE;
  book = export_ok ("boss", request, 5);
  sheet = g_ptr_array_index (book->sheets, 0);
  row = find_row (sheet, "Registration number", fx.p_real);
  g_assert_cmpint (row, ==, 0);
  assert_text (sheet, row, "Reporter", R_NAME);
  assert_text (sheet, row, "Reporter's unit", R_UNIT);
  assert_code (sheet, row, "Reporter's contact", R_CONTACT);
  assert_text (sheet, row, "Reporter's address", R_ADDRESS);
  assert_code (sheet, row, "Reporter's ID number", R_ID);
  /* The anonymous call has no identity to show. */
  assert_blank (sheet, 1, "Reporter");
  assert_blank (sheet, 1, "Reporter's contact");

  sha = ld_test_file_sha256 (request->path);
  like = g_strdup_printf ("sha256=%s; petitions=%s", sha, fx.p_real);
  g_assert_cmpint (count_audit (LD_AUDIT_EXPORT_REPORTERS, like), ==, 1);
  /* Only the petition whose reporter was shown is named. */
  g_assert_cmpint (count_audit (LD_AUDIT_EXPORT_REPORTERS, fx.p_anon), ==, 0);
  g_assert_cmpint (count_audit (LD_AUDIT_PETITION_REPORTER_REVEALED, fx.p_real), >=, 1);
}

/* An export cancelled after its first row leaves no file. */
static void
test_petitions_cancel (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *out = g_build_filename (fx.dir, "out", NULL);
  Progress progress = { 0 };
  const char *name;

  request = request_new (LD_EXPORT_PETITIONS, "petitions-cancelled.xlsx", NULL, NULL, 0);
  progress.cancel_at_first = cancellable;
  ld_test_login (fx.vault, "boss");
  result = ld_export_run (fx.vault, request, on_progress, &progress, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (out, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
}

/* --- Clues ------------------------------------------------------------------------------- */

static void
test_clues (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportRequest) revealed = NULL;
  g_autoptr(Book) book = NULL;
  g_autoptr(Book) book_revealed = NULL;
  g_autofree char *like = NULL;
  g_autofree char *sha = NULL;
  Sheet *sheet;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_CLUES, "clues.xlsx", "2026-01-01", "2026-12-31", 0);
  book = export_ok ("boss", request, 2);
  g_ptr_array_add (fx.masked, g_strdup (request->path));
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_layout (sheet, LD_EXPORT_CLUES);
  g_assert_cmpint (n_rows (sheet), ==, 2);
  g_assert_cmpint (find_row (sheet, "Clue number", fx.c_old), ==, -1);

  assert_number (sheet, 0, "No.", "1");
  assert_code (sheet, 0, "Clue number", fx.c_petition);
  assert_code (sheet, 0, "Petition number", fx.p_real);
  assert_date (sheet, 0, "Received date", "2026-03-02");
  assert_text (sheet, 0, "Reporter", "Withheld");
  g_assert_true (g_str_has_prefix (value (sheet, 0, "Person reported and unit")->v, "张三"));
  assert_text (sheet, 0, "Approval", "王书记, 2026-03-10");
  g_assert_cmpstr (value (sheet, 0, "Deadline")->t, ==, "d");
  assert_text (sheet, 0, "Overdue", "Yes");
  g_assert_cmpstr (value (sheet, 0, "Disposal")->t, ==, "s");

  assert_code (sheet, 1, "Clue number", fx.c_inspect);
  assert_blank (sheet, 1, "Petition number");
  assert_blank (sheet, 1, "Reporter");
  g_assert_true (g_str_has_prefix (value (sheet, 1, "Person reported and unit")->v, "李四"));
  assert_text (sheet, 1, "Summary of the problems", "巡察移交：李四违规发放津补贴");
  g_assert_cmpstr (g_hash_table_lookup (sheet->facts, "max_col"), ==, "17");
  assert_date (sheet, 1, "Received date", "2026-06-01");
  assert_no_formula (book);
  assert_no_reporter_file (request->path);

  /* Grant and tick: the petition's reporter, audited. */
  revealed = request_new (LD_EXPORT_CLUES, "clues-revealed.xlsx", "2026-01-01", "2026-12-31", 0);
  revealed->include_reporters = TRUE;
  book_revealed = export_ok ("boss", revealed, 2);
  sheet = g_ptr_array_index (book_revealed->sheets, 0);
  assert_text (sheet, 0, "Reporter", R_NAME);
  assert_code (sheet, 0, "Reporter's contact", R_CONTACT);
  assert_blank (sheet, 1, "Reporter");
  sha = ld_test_file_sha256 (revealed->path);
  like = g_strdup_printf ("sha256=%s; petitions=%s", sha, fx.p_real);
  g_assert_cmpint (count_audit (LD_AUDIT_EXPORT_REPORTERS, like), ==, 1);
}

static void
test_clues_unit (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(Book) book = NULL;
  Sheet *sheet;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_CLUES, "clues-b.xlsx", NULL, NULL, fx.unit_b);
  book = export_ok ("boss", request, 1);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_code (sheet, 0, "Clue number", fx.c_inspect);
  assert_text (sheet, 0, "Person reported and unit", "李四 (乙局)");
  g_ptr_array_add (fx.masked, g_strdup (request->path));
}

/* --- Talks ------------------------------------------------------------------------------- */

static void
test_talks (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportRequest) request_b = NULL;
  g_autoptr(Book) book = NULL;
  g_autoptr(Book) book_b = NULL;
  Sheet *sheet;

  SKIP_WITHOUT_READER ();
  request = request_new (LD_EXPORT_TALKS, "talks.xlsx", "2026-01-01", "2026-12-31", 0);
  book = export_ok ("boss", request, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_layout (sheet, LD_EXPORT_TALKS);
  g_assert_cmpint (n_rows (sheet), ==, 2);
  g_assert_cmpint (find_row (sheet, "Talk number", fx.t_old), ==, -1);

  assert_number (sheet, 0, "No.", "1");
  assert_code (sheet, 0, "Talk number", fx.t_inquiry);
  assert_date (sheet, 0, "Talk date", "2026-03-20");
  assert_text (sheet, 0, TALKED_TO, "张三 (甲局 局长)");
  g_assert_true (g_str_has_prefix (value (sheet, 0, "Talkers and recorder")->v, "刘纪检、陈监察"));
  assert_text (sheet, 0, "Place", "第一谈话室");
  assert_text (sheet, 0, "Problems raised", "反映其节日期间收受下属礼金。");
  g_assert_nonnull (strstr (value (sheet, 0, "Written explanation")->v, "due 2026-04-10"));
  {
    g_autofree char *numbers = g_strdup_printf ("%s\n%s", fx.c_petition, fx.p_real);

    assert_code (sheet, 0, "Clue and petition numbers", numbers);
  }
  g_assert_cmpstr (g_hash_table_lookup (sheet->facts, "max_col"), ==, "16");

  assert_code (sheet, 1, "Talk number", fx.t_heart);
  g_assert_true (g_str_has_prefix (value (sheet, 1, TALKED_TO)->v, "李四"));
  assert_blank (sheet, 1, "Clue and petition numbers");
  assert_no_formula (book);

  /* Unit B and below only. */
  request_b = request_new (LD_EXPORT_TALKS, "talks-b.xlsx", NULL, NULL, fx.unit_b);
  book_b = export_ok ("boss", request_b, 1);
  assert_code (g_ptr_array_index (book_b->sheets, 0), 0, "Talk number", fx.t_heart);

  /* A period without talks: the headers alone. */
  {
    g_autoptr(LdExportRequest) empty = request_new (LD_EXPORT_TALKS, "talks-empty.xlsx", "2020-01-01", "2020-12-31", 0);
    g_autoptr(Book) book_empty = export_ok ("boss", empty, 0);

    sheet = g_ptr_array_index (book_empty->sheets, 0);
    assert_layout (sheet, LD_EXPORT_TALKS);
    g_assert_cmpint (n_rows (sheet), ==, 0);
    column (sheet, "Talk number");
  }
}

/* --- Board ------------------------------------------------------------------------------- */

static void
test_board (void)
{
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportRequest) request_b = NULL;
  g_autoptr(Book) book = NULL;
  g_autoptr(Book) book_b = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  Sheet *sheet;
  int row;

  SKIP_WITHOUT_READER ();
  ld_test_login (fx.vault, "boss");
  items = ld_board_list (fx.vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 3);

  request = request_new (LD_EXPORT_BOARD, "board.xlsx", NULL, NULL, 0);
  book = export_ok ("boss", request, items->len);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_layout (sheet, LD_EXPORT_BOARD);
  g_assert_cmpint (n_rows (sheet), ==, (int) items->len);
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);
      g_autofree char *days = g_strdup_printf ("%d", ld_board_item_get_days_left (item));

      assert_date (sheet, (int) i, "Due date", ld_board_item_get_due_date (item));
      assert_number (sheet, (int) i, "Working days left", days);
      if (*ld_board_item_get_reg_no (item) != '\0')
        assert_code (sheet, (int) i, "Registration number", ld_board_item_get_reg_no (item));
    }
  /* The overdue acceptance notice of the real-name letter, its written
   * explanation due and the pending inspection clue. */
  row = find_row (sheet, "Registration number", fx.p_real);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (atoi (value (sheet, row, "Working days left")->v), <, 0);
  assert_text (sheet, row, "Record type", "Petition");
  assert_text (sheet, row, "Unit", "甲局");
  g_assert_cmpint (find_row (sheet, "Registration number", fx.t_inquiry), >=, 0);
  row = find_row (sheet, "Registration number", fx.c_inspect);
  g_assert_cmpint (row, >=, 0);
  assert_text (sheet, row, "Cadre", "李四");
  assert_no_formula (book);
  g_ptr_array_add (fx.masked, g_strdup (request->path));
  assert_no_reporter_file (request->path);

  /* The period applies to the due dates: the clue of 2025 waited for its
   * disposal decision in 2025. */
  {
    g_autoptr(LdExportRequest) period = request_new (LD_EXPORT_BOARD, "board-2026.xlsx", "2026-01-01", NULL, 0);
    g_autoptr(Book) book_period = NULL;
    Sheet *in_period;

    g_assert_cmpint (find_row (sheet, "Registration number", fx.c_old), >=, 0);
    book_period = export_ok ("boss", period, items->len - 1);
    in_period = g_ptr_array_index (book_period->sheets, 0);
    g_assert_cmpint (find_row (in_period, "Registration number", fx.c_old), ==, -1);
    g_assert_cmpint (find_row (in_period, "Registration number", fx.p_real), >=, 0);
  }

  /* Unit B: only its items. */
  request_b = request_new (LD_EXPORT_BOARD, "board-b.xlsx", NULL, NULL, fx.unit_b);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ld_board_list_for_unit (fx.vault, fx.unit_b, NULL, &error);
  g_assert_no_error (error);
  book_b = export_ok ("boss", request_b, items->len);
  sheet = g_ptr_array_index (book_b->sheets, 0);
  g_assert_cmpint (find_row (sheet, "Registration number", fx.p_real), ==, -1);
  g_assert_cmpint (find_row (sheet, "Registration number", fx.c_inspect), >=, 0);
  for (int r = 0; r < n_rows (sheet); r++)
    assert_text (sheet, r, "Unit", "乙局");
}

/* --- LibreOffice -------------------------------------------------------------------------- */

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Every file written above, converted to CSV in one LibreOffice run. */
static void
test_libreoffice (void)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *csv_dir = g_build_filename (fx.dir, "csv", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) csv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *petitions = out_path ("petitions.xlsx");
  g_autofree char *talks = out_path ("talks.xlsx");
  g_autofree char *revealed = out_path ("petitions-revealed.xlsx");
  g_autofree char *text = NULL;

  SKIP_WITHOUT_READER ();
  g_assert_cmpuint (fx.files->len, >, 0);
  g_ptr_array_add (args, "--csv");
  g_ptr_array_add (args, csv_dir);
  for (guint i = 0; i < fx.files->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (fx.files, i));
  g_ptr_array_add (args, NULL);
  out = run_inspect ((const char * const *) args->pdata);
  if (out == NULL)
    {
      g_test_skip ("LibreOffice is not installed");
      return;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "F"))
        g_hash_table_replace (csv, unescape (parts[1]), unescape (parts[2]));
    }
  for (guint i = 0; i < fx.files->len; i++)
    g_assert_true (g_hash_table_contains (csv, g_ptr_array_index (fx.files, i)));

  /* The petitions: numbers and dates as shown, CJK text, the payloads as
   * text. */
  text = read_text (g_hash_table_lookup (csv, petitions));
  g_assert_nonnull (strstr (text, fx.p_real));
  g_assert_null (strstr (text, fx.p_old));
  g_assert_nonnull (strstr (text, "2026-03-02"));
  g_assert_nonnull (strstr (text, "反映张三违规收受礼金"));
  g_assert_nonnull (strstr (text, "'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")"));
  g_assert_nonnull (strstr (text, "'+1"));
  g_assert_nonnull (strstr (text, "'@SUM(A1)"));
  g_clear_pointer (&text, g_free);

  text = read_text (g_hash_table_lookup (csv, talks));
  g_assert_nonnull (strstr (text, fx.t_inquiry));
  g_assert_nonnull (strstr (text, "2026-03-20"));
  g_assert_nonnull (strstr (text, "刘纪检、陈监察"));
  g_clear_pointer (&text, g_free);

  text = read_text (g_hash_table_lookup (csv, revealed));
  g_assert_nonnull (strstr (text, R_NAME));
  g_assert_nonnull (strstr (text, R_CONTACT));
  g_assert_nonnull (strstr (text, R_ID));
  g_clear_pointer (&text, g_free);

  for (guint i = 0; i < fx.masked->len; i++)
    {
      text = read_text (g_hash_table_lookup (csv, g_ptr_array_index (fx.masked, i)));
      assert_no_reporter_text (text, g_ptr_array_index (fx.masked, i));
      g_clear_pointer (&text, g_free);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fixture_setup ();

  g_test_add_func ("/export-cases/petitions", test_petitions);
  g_test_add_func ("/export-cases/petitions-unit", test_petitions_unit);
  g_test_add_func ("/export-cases/petitions-masked", test_petitions_masked);
  g_test_add_func ("/export-cases/petitions-revealed", test_petitions_revealed);
  g_test_add_func ("/export-cases/petitions-cancel", test_petitions_cancel);
  g_test_add_func ("/export-cases/clues", test_clues);
  g_test_add_func ("/export-cases/clues-unit", test_clues_unit);
  g_test_add_func ("/export-cases/talks", test_talks);
  g_test_add_func ("/export-cases/board", test_board);
  /* Last (cases of one suite run in the order added): reads every file
   * the tests above wrote. */
  g_test_add_func ("/export-cases/libreoffice", test_libreoffice);

  status = g_test_run ();
  fixture_teardown ();
  return status;
}
