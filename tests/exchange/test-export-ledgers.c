/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-ledgers"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "exchange/ld-export.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-four-forms.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-user-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-code-tables.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The measures, opinion replies, rectification, recommendations and
 * four-forms exports (issue 6), read back with openpyxl through
 * tests/exchange/xlsx-inspect.py and, once for every file of the run,
 * with LibreOffice. */

/* Valid resident ID numbers (GB 11643 check digits); the second ends in X. */
static const char * const ids[] = {
  "110105197001010011", "11010519730404004X", "110105197203030037", "110105197102020024",
};

/* A document number that a spreadsheet would turn into 120034. */
#define DOC_NO "00120034"

typedef struct
{
  char    *dir;
  char    *out;          /* the folder the workbooks go to */
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;      /* below A */
  gint64   unit_b;
  gint64   zhang;        /* 张三, A, 办公室主任 (county level, deputy) */
  gint64   li;           /* 李四, A1 */
  gint64   wang;         /* 王五, B */
  gint64   m_warning;    /* 张三 P1 2026-03-01, lifted 2026-09-01 */
  gint64   m_suspend;    /* 李四 O_SUSPEND 2026-05-10, until lifted */
  gint64   m_gov;        /* 王五 G1 2026-04-02 */
  gint64   m_old;        /* 张三 F1_REMIND_TALK 2025-12-15 */
  gint64   m_edu;        /* 张三 F1_CRIT_EDU 2026-02-10 */
  gint64   m_talk;       /* 王五 F1_ADMONISH 2026-07-15, 诫勉: six months */
  gint64   request_a;    /* opinions: 张三 and 李四, approved */
  gint64   request_b;    /* opinions: 王五, unchecked */
  gint64   item_overdue; /* A, deadline 2026-06-30, four progress entries */
  gint64   item_b;       /* B, registered 2025-06-01 */
  gint64   item_done;    /* A1, signed off 2026-05-01 */
  gint64   rec_a;        /* A, issued, delivered, two items, a return visit */
  gint64   rec_b;        /* B, draft */
} Fixture;

/* Files written during the run, for the one LibreOffice conversion at the
 * end, with a text one of its sheets must show (alternatives separated by
 * "|"). */
typedef struct
{
  char *path;
  char *expected;
} Written;

static GPtrArray *written;   /* Written */
static char *keep_dir;       /* outlives the fixtures */

static void
written_free (Written *w)
{
  g_free (w->path);
  g_free (w->expected);
  g_free (w);
}

/* --- Reading the workbooks ----------------------------------------------------------- */

typedef struct
{
  char *type;   /* "s", "n", "d", "f", "b" */
  char *fmt;
  char *value;
} Cell;

typedef struct
{
  char       *name;
  char       *freeze;
  char       *autofilter;
  GHashTable *cells;      /* "row:col" → Cell */
  int         n_rows;
  int         header;     /* the header row: row 3 */
} Sheet;

typedef struct
{
  GPtrArray  *sheets;     /* Sheet */
  GHashTable *properties;
} Book;

static void
cell_free (Cell *cell)
{
  g_free (cell->type);
  g_free (cell->fmt);
  g_free (cell->value);
  g_free (cell);
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->freeze);
  g_free (sheet->autofilter);
  g_hash_table_unref (sheet->cells);
  g_free (sheet);
}

static void
book_free (Book *book)
{
  g_ptr_array_unref (book->sheets);
  g_hash_table_unref (book->properties);
  g_free (book);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)

static const char *
python (void)
{
  static char *found;

  /* xlsx-inspect.py moves on to /usr/bin/python3 by itself when the
   * python3 in PATH (pyenv) lacks openpyxl. */
  if (found == NULL)
    found = g_find_program_in_path ("python3");
  return found;
}

static char *
inspect_script (void)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");

  return g_build_filename (root != NULL ? root : ".", "tests", "exchange", "xlsx-inspect.py", NULL);
}

/* Whether openpyxl is there (in the python3 of PATH or Debian's, as the
 * inspector looks for it); else the tests are skipped. */
static gboolean
have_openpyxl (void)
{
  g_autofree char *script = inspect_script ();
  const char *pythons[] = { python (), "/usr/bin/python3" };

  if (!g_file_test (script, G_FILE_TEST_EXISTS))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (pythons); i++)
    {
      const char *argv[] = { pythons[i], "-c", "import openpyxl", NULL };
      int status = -1;

      if (pythons[i] == NULL || !g_file_test (pythons[i], G_FILE_TEST_IS_EXECUTABLE))
        continue;
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        return TRUE;
    }
  return FALSE;
}

/* Runs xlsx-inspect.py with ARGS and returns what it printed. */
static GBytes *
inspect (const char * const *args)
{
  g_autofree char *script = inspect_script ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *out = NULL;

  g_ptr_array_add (argv, (gpointer) python ());
  g_ptr_array_add (argv, script);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("xlsx-inspect.py %s failed: %.*s", args[0], (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));
  return out;
}

static void
set_str (char       **member,
         const char  *value)
{
  g_free (*member);
  *member = g_strdup (value);
}

static Sheet *
book_get_sheet (Book  *book,
                guint  index)
{
  while (book->sheets->len <= index)
    {
      Sheet *sheet = g_new0 (Sheet, 1);

      sheet->name = g_strdup ("");
      sheet->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
      sheet->header = 3;
      g_ptr_array_add (book->sheets, sheet);
    }
  return g_ptr_array_index (book->sheets, index);
}

/* Reads the workbook through "xlsx-inspect.py --flat": NUL-separated
 * "sheets.0.rows.4.1.v" / value pairs (0-based rows and columns). */
static Book *
book_read (const char *path)
{
  const char *args[] = { "--flat", path, NULL };
  g_autoptr(GBytes) out = inspect (args);
  gsize size = 0;
  const char *data = g_bytes_get_data (out, &size);
  const char *end = data + size;
  Book *book = g_new0 (Book, 1);

  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  book->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (data < end)
    {
      const char *key = data;
      const char *value = key + strnlen (key, (gsize) (end - key)) + 1;
      g_auto(GStrv) parts = NULL;
      guint n;

      g_assert_true (value <= end);
      data = value + strnlen (value, (gsize) (end - value)) + 1;
      g_assert_true (data <= end);
      parts = g_strsplit (key, ".", -1);
      n = g_strv_length (parts);
      if (n == 2 && g_str_equal (parts[0], "properties") && !g_str_equal (parts[1], "#"))
        g_hash_table_insert (book->properties, g_strdup (parts[1]), g_strdup (value));
      else if (n == 3 && g_str_equal (parts[0], "sheets") && !g_str_equal (parts[1], "#"))
        {
          Sheet *sheet = book_get_sheet (book, (guint) atoi (parts[1]));

          if (g_str_equal (parts[2], "name"))
            set_str (&sheet->name, value);
          else if (g_str_equal (parts[2], "freeze"))
            set_str (&sheet->freeze, value);
          else if (g_str_equal (parts[2], "autofilter"))
            set_str (&sheet->autofilter, value);
        }
      else if (n == 6 && g_str_equal (parts[0], "sheets") && g_str_equal (parts[2], "rows")
               && !g_str_equal (parts[4], "#"))
        {
          Sheet *sheet = book_get_sheet (book, (guint) atoi (parts[1]));
          g_autofree char *where = g_strdup_printf ("%s:%s", parts[3], parts[4]);
          Cell *cell = g_hash_table_lookup (sheet->cells, where);

          if (cell == NULL)
            {
              cell = g_new0 (Cell, 1);
              cell->type = g_strdup ("");
              cell->fmt = g_strdup ("");
              cell->value = g_strdup ("");
              g_hash_table_insert (sheet->cells, g_steal_pointer (&where), cell);
            }
          if (g_str_equal (parts[5], "v"))
            set_str (&cell->value, value);
          else if (g_str_equal (parts[5], "t"))
            set_str (&cell->type, value);
          else if (g_str_equal (parts[5], "fmt"))
            set_str (&cell->fmt, value);
          sheet->n_rows = MAX (sheet->n_rows, atoi (parts[3]) + 1);
        }
    }
  return book;
}

static Sheet *
book_sheet (Book       *book,
            const char *name)
{
  for (guint i = 0; i < book->sheets->len; i++)
    {
      Sheet *sheet = g_ptr_array_index (book->sheets, i);

      if (g_str_equal (sheet->name, name))
        return sheet;
    }
  g_error ("no sheet “%s”", name);
  return NULL;
}

static Cell *
sheet_cell (Sheet *sheet,
            int    row,
            int    col)
{
  g_autofree char *key = g_strdup_printf ("%d:%d", row, col);

  return g_hash_table_lookup (sheet->cells, key);
}

static const char *
sheet_text (Sheet *sheet,
            int    row,
            int    col)
{
  Cell *cell = sheet_cell (sheet, row, col);

  return cell != NULL ? cell->value : "";
}

/* The column with this header (C locale: the English msgid). */
static int
sheet_column (Sheet      *sheet,
              const char *header)
{
  for (int c = 0; c < 64; c++)
    if (g_strcmp0 (sheet_text (sheet, sheet->header, c), header) == 0)
      return c;
  g_error ("sheet “%s” has no column “%s”", sheet->name, header);
  return -1;
}

static int
sheet_n_data (Sheet *sheet)
{
  return MAX (sheet->n_rows - sheet->header - 1, 0);
}

/* The data row whose HEADER column reads VALUE, or -1. */
static int
sheet_find (Sheet      *sheet,
            const char *header,
            const char *value)
{
  int col = sheet_column (sheet, header);

  for (int r = sheet->header + 1; r < sheet->n_rows; r++)
    if (g_strcmp0 (sheet_text (sheet, r, col), value) == 0)
      return r;
  return -1;
}

/* Asserts the cell at ROW under HEADER has TYPE and VALUE. */
#define assert_cell(sheet, row, header, t_, v_)                                          \
  G_STMT_START {                                                                         \
    Cell *cell_ = sheet_cell ((sheet), (row), sheet_column ((sheet), (header)));         \
    g_assert_nonnull (cell_);                                                            \
    g_assert_cmpstr (cell_->value, ==, (v_));                                            \
    g_assert_cmpstr (cell_->type, ==, (t_));                                             \
  } G_STMT_END

/* Asserts the cell at ROW under HEADER is blank (absent, or a formatted
 * cell without a value). */
#define assert_blank(sheet, row, header)                                                 \
  G_STMT_START {                                                                         \
    Cell *cell_ = sheet_cell ((sheet), (row), sheet_column ((sheet), (header)));         \
    if (cell_ != NULL)                                                                   \
      g_assert_cmpstr (cell_->value, ==, "");                                            \
  } G_STMT_END

static double
cell_number (Sheet      *sheet,
             int         row,
             const char *header)
{
  Cell *cell = sheet_cell (sheet, row, sheet_column (sheet, header));

  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->type, ==, "n");
  return g_ascii_strtod (cell->value, NULL);
}

/* Whether any data cell of the sheet contains TEXT. */
static gboolean
sheet_contains (Sheet      *sheet,
                const char *text)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, sheet->cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strstr (((Cell *) value)->value, text) != NULL)
      return TRUE;
  return FALSE;
}

/* --- Fixture --------------------------------------------------------------------------- */

static GDate
day (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  return date;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error));
  g_assert_no_error (error);
}

static void
set_post (Fixture    *f,
          gint64      cadre,
          const char *post,
          const char *level)
{
  const char *names[] = { "post", "post_level", NULL };
  const char *values[] = { post, level, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_cadre_repository_set_fields (f->vault, cadre, names, values, &error));
  g_assert_no_error (error);
}

static gint64
add_measure (Fixture    *f,
             gint64      cadre,
             const char *code,
             const char *decided,
             const char *doc_no,
             const char *categories,
             gboolean    accountability)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_measure_spec_init (&spec);
  spec.cadre_id = cadre;
  spec.code = g_strdup (code);
  spec.decision_date = g_strdup (decided);
  spec.authority = g_strdup ("区纪委");
  spec.doc_no = g_strdup (doc_no);
  spec.categories = g_strdup (categories);
  spec.accountability = accountability;
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_request (Fixture    *f,
             gint64      unit,
             const char *date,
             gint64      cadre1,
             gint64      cadre2)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_opinion_request_spec_init (&spec);
  spec.unit_id = unit;
  spec.requester = g_strdup ("区委组织部");
  spec.request_date = g_strdup (date);
  spec.purpose = g_strdup ("提拔任用");
  spec.doc_no = g_strdup ("组函〔2026〕12号");
  ld_opinion_request_spec_add_cadre (&spec, cadre1);
  if (cadre2 != 0)
    ld_opinion_request_spec_add_cadre (&spec, cadre2);
  g_assert_true (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_item (Fixture    *f,
          gint64      unit,
          const char *source,
          const char *problem,
          const char *deadline)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_ledger_item_spec_init (&spec);
  spec.unit_id = unit;
  spec.source = g_strdup (source);
  spec.problem = g_strdup (problem);
  spec.measures = g_strdup ("建立台账，逐项整改");
  spec.leader = g_strdup ("赵局长");
  spec.person = g_strdup ("钱科长");
  spec.deadline = g_strdup (deadline);
  g_assert_true (ld_ledger_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
ok (gboolean  result,
    GError   *error)
{
  g_assert_no_error (error);
  g_assert_true (result);
}

/* Accounts: sec; boss (investigator, every unit, export grant); inv
 * (investigator, unit A only, export grant); nox (investigator, every
 * unit, no export grant); lead (leader, every unit). Units A (A1 below)
 * and B; three cadres; the records of every ledger; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate checked = day ("2026-08-25");
  GDate approved = day ("2026-08-31");

  f->dir = ld_test_tmpdir ();
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "nox", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "lead", LD_ROLE_LEADER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "nox", 0);
  ld_test_grant_scope (f->vault, "lead", 0);
  ok (ld_user_repository_set_grant (f->vault, "boss", LD_GRANT_EXPORT, TRUE, &error), error);
  ok (ld_user_repository_set_grant (f->vault, "inv", LD_GRANT_EXPORT, TRUE, &error), error);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_a1 = ld_test_add_unit (f->vault, f->unit_a, "Office A1");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
  f->zhang = ld_test_add_cadre (f->vault, f->unit_a, "张三", ids[0]);
  f->li = ld_test_add_cadre (f->vault, f->unit_a1, "李四", ids[1]);
  f->wang = ld_test_add_cadre (f->vault, f->unit_b, "王五", ids[2]);
  set_post (f, f->zhang, "办公室主任", "L08");

  /* Measures. */
  f->m_warning = add_measure (f, f->zhang, "P1", "2026-03-01", DOC_NO, "INT,HS1", TRUE);
  f->m_suspend = add_measure (f, f->li, "O_SUSPEND", "2026-05-10", "组处〔2026〕5号", "", FALSE);
  f->m_gov = add_measure (f, f->wang, "G1", "2026-04-02", "政处〔2026〕1号", "", FALSE);
  f->m_old = add_measure (f, f->zhang, "F1_REMIND_TALK", "2025-12-15", "", "", FALSE);
  f->m_edu = add_measure (f, f->zhang, "F1_CRIT_EDU", "2026-02-10", "", "", FALSE);
  f->m_talk = add_measure (f, f->wang, "F1_ADMONISH", "2026-07-15", "", "", FALSE);
  ok (ld_measure_repository_add_event (f->vault, f->m_warning, "lift", "2026-09-01", 0, "期满解除", NULL, NULL,
                                       &error), error);

  /* Opinion replies: A checked, decided and approved; B untouched. */
  f->request_a = add_request (f, f->unit_a, "2026-08-20", f->zhang, f->li);
  f->request_b = add_request (f, f->unit_b, "2026-09-10", f->wang, 0);
  ok (ld_opinion_repository_check_request (f->vault, f->request_a, &checked, &error), error);
  {
    g_autoptr(GPtrArray) items = ld_opinion_repository_list_items (f->vault, f->request_a, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      ok (ld_opinion_repository_confirm (f->vault, ld_opinion_item_get_id (g_ptr_array_index (items, i)), &error),
          error);
  }
  ld_test_login (f->vault, "lead");
  ok (ld_opinion_repository_approve_request (f->vault, f->request_a, &approved, &error), error);

  /* Recommendations (issued by the leader). */
  ld_test_login (f->vault, "boss");
  {
    g_auto(LdRecommendationSpec) spec = { 0 };

    ld_recommendation_spec_init (&spec);
    spec.unit_id = f->unit_a;
    spec.kind = g_strdup ("supervision");
    spec.title = g_strdup ("关于规范公务用车管理的监察建议");
    spec.problem = g_strdup ("公务用车管理不规范");
    spec.doc_no = g_strdup ("监建〔2026〕3号");
    ok (ld_recommendation_repository_create (f->vault, &spec, &f->rec_a, NULL, &error), error);
    ld_recommendation_spec_set (&spec.title, "关于加强财务审批的建议");
    ld_recommendation_spec_set (&spec.doc_no, "监建〔2026〕4号");
    spec.unit_id = f->unit_b;
    ok (ld_recommendation_repository_create (f->vault, &spec, &f->rec_b, NULL, &error), error);
  }
  ld_test_login (f->vault, "lead");
  ok (ld_recommendation_repository_move (f->vault, f->rec_a, LD_RECOMMENDATION_ISSUED, "2026-03-02", NULL, NULL, NULL,
                                         &error), error);
  ld_test_login (f->vault, "boss");
  ok (ld_recommendation_repository_move (f->vault, f->rec_a, LD_RECOMMENDATION_DELIVERED, "2026-03-05", NULL, NULL,
                                         NULL, &error), error);
  {
    g_autoptr(GPtrArray) spawn = g_ptr_array_new ();
    LdLedgerItemSpec one, two;

    ld_ledger_item_spec_init (&one);
    ld_ledger_item_spec_init (&two);
    one.problem = g_strdup ("车辆台账不全");
    one.deadline = g_strdup ("2026-12-31");
    two.problem = g_strdup ("派车审批缺失");
    g_ptr_array_add (spawn, &one);
    g_ptr_array_add (spawn, &two);
    ok (ld_recommendation_repository_spawn_ledger_items (f->vault, f->rec_a, spawn, NULL, &error), error);
    ld_ledger_item_spec_clear (&one);
    ld_ledger_item_spec_clear (&two);
  }
  ok (ld_recommendation_repository_add_event (f->vault, f->rec_a, "revisit", "2026-06-01", "回访了解整改情况",
                                              "2026-12-15", &error), error);

  /* Rectification items. */
  f->item_overdue = add_item (f, f->unit_a, "inspection", "=HYPERLINK(\"x\")\n第二行：资金管理不规范", "2026-06-30");
  ok (ld_ledger_repository_add_progress (f->vault, f->item_overdue, "2026-03-10", "制定方案", NULL, &error), error);
  ok (ld_ledger_repository_add_progress (f->vault, f->item_overdue, "2026-04-10", "召开专题会", NULL, &error), error);
  ok (ld_ledger_repository_add_progress (f->vault, f->item_overdue, "2026-05-10", "完成清查", NULL, &error), error);
  ok (ld_ledger_repository_add_progress (f->vault, f->item_overdue, "2026-06-10", "整改过半", NULL, &error), error);
  f->item_b = add_item (f, f->unit_b, "audit", "审计发现往来款未清理", "2026-12-31");
  f->item_done = add_item (f, f->unit_a1, "inspection", "会议记录不完整", "2026-04-30");
  ok (ld_ledger_repository_complete (f->vault, f->item_done, "2026-03-20", "已整改到位", &error), error);
  ok (ld_ledger_repository_accept (f->vault, f->item_done, "王验收", "同意销号", &error), error);
  ld_test_login (f->vault, "lead");
  ok (ld_ledger_repository_sign_off (f->vault, f->item_done, "2026-05-01", &error), error);
  ld_test_login (f->vault, "boss");
  {
    g_autofree char *sql = NULL;
    g_autoptr(GDateTime) then = g_date_time_new_local (2025, 6, 1, 12, 0, 0);

    sql = g_strdup_printf ("UPDATE ledger_items SET created_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                           g_date_time_to_unix (then), f->item_b);
    exec_sql (f, sql);
  }
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

/* --- Exporting --------------------------------------------------------------------------- */

typedef struct
{
  const char *from;
  const char *to;
  gint64      unit;
} Filter;

/* The details of the latest export.done audit entry. */
static char *
last_export_details (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *details = ld_sql_query_text (_ld_vault_get_db (f->vault),
                                     "SELECT details FROM audit_log WHERE event = 'export.done'"
                                     " ORDER BY seq DESC LIMIT 1", &error);

  g_assert_no_error (error);
  g_assert_nonnull (details);
  return details;
}

/* Exports KIND as the signed-in account and returns the file's path;
 * asserts the audit entry names the file's SHA-256 and keeps a copy of
 * the file for the LibreOffice run, which must find EXPECTED in it. */
static char *
export (Fixture      *f,
        LdExportKind  kind,
        const Filter *filter,
        const char   *name,
        const char   *expected)
{
  g_autoptr(LdExportRequest) request = ld_export_request_new (kind);
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *details = NULL;
  g_autofree char *pattern = NULL;
  char *path = g_build_filename (f->out, name, NULL);

  request->purpose = g_strdup ("季度报送");
  request->path = g_strdup (path);
  if (filter != NULL)
    {
      request->from = g_strdup (filter->from);
      request->to = g_strdup (filter->to);
      request->unit_id = filter->unit;
    }
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The audit entry names the file's SHA-256. */
  sha = ld_test_file_sha256 (path);
  g_assert_cmpstr (result->sha256, ==, sha);
  details = last_export_details (f);
  pattern = g_strdup_printf ("sha256=%s", sha);
  g_assert_nonnull (strstr (details, pattern));
  g_assert_nonnull (strstr (details, "purpose=季度报送"));

  if (expected != NULL)
    {
      Written *w = g_new0 (Written, 1);
      g_autofree char *contents = NULL;
      gsize length = 0;

      w->path = g_build_filename (keep_dir, name, NULL);
      w->expected = g_strdup (expected);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (w->path, contents, (gssize) length, NULL));
      g_ptr_array_add (written, w);
    }
  return path;
}

#define SKIP_WITHOUT_OPENPYXL()                                        \
  G_STMT_START {                                                       \
    if (!have_openpyxl ())                                             \
      {                                                                \
        g_test_skip ("python3-openpyxl or xlsx-inspect.py is missing"); \
        return;                                                        \
      }                                                                \
  } G_STMT_END

/* --- Measures ------------------------------------------------------------------------------ */

static LdMeasure *
get_measure (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  LdMeasure *m = ld_measure_repository_get (f->vault, id, &error);

  g_assert_no_error (error);
  return m;
}

static void
test_measures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LdMeasure) warning = NULL;
  g_autoptr(LdMeasure) suspend = NULL;
  g_autoptr(LdMeasure) talk = NULL;
  g_autoptr(LdMeasure) gov = NULL;
  g_autoptr(LdMeasure) edu = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) book = NULL;
  Sheet *sheet;
  int row;

  SKIP_WITHOUT_OPENPYXL ();
  warning = get_measure (f, f->m_warning);
  suspend = get_measure (f, f->m_suspend);
  talk = get_measure (f, f->m_talk);
  gov = get_measure (f, f->m_gov);
  edu = get_measure (f, f->m_edu);
  path = export (f, LD_EXPORT_MEASURES, NULL, "measures.xlsx", "," DOC_NO ",");
  book = book_read (path);
  sheet = book_sheet (book, "Measures");
  g_assert_cmpstr (sheet_text (sheet, 1, 0), ==, ld_export_kind_get_title (LD_EXPORT_MEASURES));
  g_assert_cmpstr (sheet->freeze, ==, "A5");
  g_assert_cmpint (sheet_n_data (sheet), ==, 6);
  /* In the order of a ledger: oldest decision first, numbered as numbers. */
  assert_cell (sheet, 4, "No.", "n", "1");
  assert_cell (sheet, 4, "Decision date", "d", "2025-12-15");
  assert_cell (sheet, 9, "No.", "n", "6");
  assert_cell (sheet, 9, "Registration number", "s", ld_measure_get_reg_no (talk));

  row = sheet_find (sheet, "Registration number", ld_measure_get_reg_no (warning));
  g_assert_cmpint (row, >, 0);
  assert_cell (sheet, row, "Name", "s", "张三");
  assert_cell (sheet, row, "Unit", "s", "Dept A");
  assert_cell (sheet, row, "Post", "s", "办公室主任");
  assert_cell (sheet, row, "Post level at decision", "s", ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, "xianchu"));
  assert_cell (sheet, row, "Measure", "s", ld_measure_get_code_label (warning));
  assert_cell (sheet, row, "Form", "s", ld_form_get_label (2));
  assert_cell (sheet, row, "Decision date", "d", "2026-03-01");
  assert_cell (sheet, row, "Effective date", "d", "2026-03-01");
  assert_cell (sheet, row, "Deciding authority", "s", "区纪委");
  /* The document number stays text with its leading zeros. */
  assert_cell (sheet, row, "Document number", "s", DOC_NO);
  assert_cell (sheet, row, "Accountability", "s", "Yes");
  categories = g_strdup_printf ("%s, %s", ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, "INT"),
                                ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, "HS1"));
  assert_cell (sheet, row, "Violation categories", "s", categories);
  assert_cell (sheet, row, "Effect from", "d", "2026-03-01");
  assert_cell (sheet, row, "Effect until", "d", ld_measure_get_effect_end (warning));
  g_assert_cmpstr (ld_measure_get_effect_end (warning), ==, "2026-09-01");
  assert_cell (sheet, row, "Status", "s", ld_measure_status_get_label (LD_MEASURE_LIFTED));
  assert_cell (sheet, row, "Status date", "d", "2026-09-01");

  /* 停职检查 blocks until lifted: "Open-ended" as text, never a date. */
  row = sheet_find (sheet, "Registration number", ld_measure_get_reg_no (suspend));
  assert_cell (sheet, row, "Name", "s", "李四");
  assert_cell (sheet, row, "Unit", "s", "Office A1");
  assert_cell (sheet, row, "Accountability", "s", "No");
  assert_cell (sheet, row, "Effect until", "s", "Open-ended");
  assert_cell (sheet, row, "Promotion blocked until", "s", "Open-ended");
  assert_cell (sheet, row, "Status", "s", ld_measure_status_get_label (LD_MEASURE_IN_FORCE));

  /* 诫勉 blocks 王五 for six months: dates, on both of 王五's rows (the
   * government warning ended on 2026-10-02). */
  row = sheet_find (sheet, "Registration number", ld_measure_get_reg_no (talk));
  assert_cell (sheet, row, "Name", "s", "王五");
  assert_cell (sheet, row, "Unit", "s", "Dept B");
  assert_cell (sheet, row, "Form", "s", ld_form_get_label (1));
  assert_cell (sheet, row, "Effect from", "d", "2026-07-15");
  assert_cell (sheet, row, "Effect until", "d", "2027-01-15");
  assert_cell (sheet, row, "Promotion blocked until", "d", "2027-01-15");
  row = sheet_find (sheet, "Registration number", ld_measure_get_reg_no (gov));
  assert_cell (sheet, row, "Effect until", "d", "2026-10-02");
  assert_cell (sheet, row, "Promotion blocked until", "d", "2027-01-15");

  /* A form-one measure without an effect period leaves the period blank;
   * 张三 is no longer blocked (the warning was lifted). */
  row = sheet_find (sheet, "Registration number", ld_measure_get_reg_no (edu));
  assert_cell (sheet, row, "Name", "s", "张三");
  assert_blank (sheet, row, "Effect from");
  assert_blank (sheet, row, "Effect until");
  assert_blank (sheet, row, "Document number");
  assert_blank (sheet, row, "Promotion blocked until");
  assert_blank (sheet, row, "Violation categories");
  g_clear_pointer (&book, book_free);
  g_free (path);

  /* The period holds on the decision date: 2026-01-01 … 2026-06-30. */
  {
    Filter period = { "2026-01-01", "2026-06-30", 0 };

    path = export (f, LD_EXPORT_MEASURES, &period, "measures-h1.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Measures");
    g_assert_cmpint (sheet_n_data (sheet), ==, 4);
    g_assert_cmpint (sheet_find (sheet, "Decision date", "2025-12-15"), ==, -1);
    g_assert_cmpint (sheet_find (sheet, "Decision date", "2026-07-15"), ==, -1);
    g_assert_cmpint (sheet_find (sheet, "Decision date", "2026-02-10"), >, 0);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }

  /* The unit filter takes the subtree: A and A1, nothing of B. */
  {
    Filter unit = { NULL, NULL, f->unit_a };

    path = export (f, LD_EXPORT_MEASURES, &unit, "measures-a.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Measures");
    g_assert_cmpint (sheet_n_data (sheet), ==, 4);
    g_assert_cmpint (sheet_find (sheet, "Name", "李四"), >, 0);
    g_assert_false (sheet_contains (sheet, "王五"));
    g_assert_false (sheet_contains (sheet, "Dept B"));
  }
}

/* --- Opinion replies ------------------------------------------------------------------------ */

static void
test_opinions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) book = NULL;
  LdOpinionItem *li_item = NULL;
  Sheet *sheet, *table;
  int row;

  SKIP_WITHOUT_OPENPYXL ();
  items = ld_opinion_repository_list_items (f->vault, f->request_a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (ld_opinion_item_get_cadre_id (g_ptr_array_index (items, i)) == f->li)
      li_item = g_ptr_array_index (items, i);
  g_assert_nonnull (li_item);

  path = export (f, LD_EXPORT_OPINIONS, NULL, "opinions.xlsx", ",110105197001010011,");
  /* The audit entry counts the rows of both sheets and names their columns. */
  {
    g_autofree char *details = last_export_details (f);

    g_assert_nonnull (strstr (details, "rows=5;"));
    g_assert_nonnull (strstr (details, "Opinion replies: No., Request number, Requested by"));
    g_assert_nonnull (strstr (details, "; Reply table: Request number"));
  }
  book = book_read (path);
  sheet = book_sheet (book, "Opinion replies");
  g_assert_cmpint (sheet_n_data (sheet), ==, 3);
  /* Oldest request first, its cadres in the order added. */
  assert_cell (sheet, 4, "Name", "s", "张三");
  assert_cell (sheet, 5, "Name", "s", "李四");
  assert_cell (sheet, 6, "Name", "s", "王五");
  row = sheet_find (sheet, "Name", "李四");
  g_assert_cmpint (row, >, 0);
  /* ID numbers stay text, the X and every digit intact. */
  assert_cell (sheet, row, "ID number", "s", ids[1]);
  assert_cell (sheet, row, "Requested by", "s", "区委组织部");
  assert_cell (sheet, row, "Request date", "d", "2026-08-20");
  assert_cell (sheet, row, "Unit", "s", "Office A1");
  assert_cell (sheet, row, "Opinion", "s", ld_opinion_item_get_decision_label (li_item));
  assert_cell (sheet, row, "Approved by", "s", "lead");
  assert_cell (sheet, row, "Approved on", "d", "2026-08-31");
  assert_cell (sheet, row, "Valid until", "d", ld_opinion_item_get_valid_until (li_item));
  g_assert_nonnull (strstr (sheet_text (sheet, row, sheet_column (sheet, "Reasons")),
                            ld_opinion_item_get_reason_text (li_item, 0)));
  row = sheet_find (sheet, "Name", "张三");
  assert_cell (sheet, row, "ID number", "s", ids[0]);
  assert_cell (sheet, row, "Post", "s", "办公室主任");
  row = sheet_find (sheet, "Name", "王五");
  assert_cell (sheet, row, "ID number", "s", ids[2]);
  assert_blank (sheet, row, "Opinion");
  assert_cell (sheet, row, "State", "s", ld_opinion_item_state_get_label (LD_OPINION_ITEM_UNCHECKED));
  assert_blank (sheet, row, "Approved on");

  /* The reply table: the approved items, as the reply letter has them. */
  table = book_sheet (book, "Reply table");
  g_assert_cmpint (sheet_n_data (table), ==, 2);
  row = sheet_find (table, "Name", "张三");
  g_assert_cmpint (row, >, 0);
  assert_cell (table, row, "Unit and post", "s", "Dept A 办公室主任");
  assert_cell (table, row, "ID number", "s", ids[0]);
  assert_cell (table, row, "No.", "n", "1");
  assert_cell (table, row, "Replied on", "d", "2026-08-31");
  g_assert_cmpint (sheet_find (table, "Name", "王五"), ==, -1);
  g_clear_pointer (&book, book_free);
  g_free (path);

  /* The period holds on the request date. */
  {
    Filter period = { "2026-09-01", NULL, 0 };

    path = export (f, LD_EXPORT_OPINIONS, &period, "opinions-sep.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Opinion replies");
    g_assert_cmpint (sheet_n_data (sheet), ==, 1);
    assert_cell (sheet, 4, "Name", "s", "王五");
    g_assert_cmpint (sheet_n_data (book_sheet (book, "Reply table")), ==, 0);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }

  /* The unit filter. */
  {
    Filter unit = { NULL, NULL, f->unit_b };

    path = export (f, LD_EXPORT_OPINIONS, &unit, "opinions-b.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Opinion replies");
    g_assert_cmpint (sheet_n_data (sheet), ==, 1);
    g_assert_false (sheet_contains (sheet, "张三"));
  }
}

/* --- Rectification ---------------------------------------------------------------------------- */

static void
test_ledger (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LdLedgerItem) overdue = NULL;
  g_autoptr(LdLedgerItem) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) book = NULL;
  Sheet *sheet;
  const char *progress;
  int row;

  SKIP_WITHOUT_OPENPYXL ();
  overdue = ld_ledger_repository_get (f->vault, f->item_overdue, &error);
  g_assert_no_error (error);
  done = ld_ledger_repository_get (f->vault, f->item_done, &error);
  g_assert_no_error (error);

  path = export (f, LD_EXPORT_LEDGER, NULL, "ledger.xlsx", ",2026-06-30,");
  book = book_read (path);
  sheet = book_sheet (book, "Rectification");
  /* Three items and the two spawned by the recommendation. */
  g_assert_cmpint (sheet_n_data (sheet), ==, 5);
  /* In registration order: the spawned ones came first. */
  for (int r = 0; r < 5; r++)
    {
      g_autofree char *reg_no = g_strdup_printf ("2026-L%04d", r + 1);

      assert_cell (sheet, sheet->header + 1 + r, "Registration number", "s", reg_no);
    }
  row = sheet_find (sheet, "Registration number", ld_ledger_item_get_reg_no (overdue));
  g_assert_cmpint (row, >, 0);
  /* The problem is text (the formula neutralised), with its line break. */
  g_assert_nonnull (strstr (sheet_text (sheet, row, sheet_column (sheet, "Problem")), "HYPERLINK"));
  g_assert_nonnull (strstr (sheet_text (sheet, row, sheet_column (sheet, "Problem")), "\n第二行"));
  g_assert_cmpstr (sheet_cell (sheet, row, sheet_column (sheet, "Problem"))->type, ==, "s");
  assert_cell (sheet, row, "Source", "s", ld_ledger_item_get_source_label (overdue));
  assert_cell (sheet, row, "Responsible unit", "s", "Dept A");
  assert_cell (sheet, row, "Responsible person", "s", "钱科长");
  assert_cell (sheet, row, "Deadline", "d", "2026-06-30");
  assert_cell (sheet, row, "Status", "s", ld_ledger_status_get_label (LD_LEDGER_IN_PROGRESS));
  assert_cell (sheet, row, "Overdue", "s", "Yes");
  progress = sheet_text (sheet, row, sheet_column (sheet, "Progress"));
  /* The latest entries, newest first, and a count of the earlier ones. */
  g_assert_true (g_str_has_prefix (progress, "2026-06-10 整改过半\n2026-05-10 完成清查"));
  g_assert_null (strstr (progress, "制定方案"));
  g_assert_nonnull (strstr (progress, "1 earlier entry"));

  row = sheet_find (sheet, "Registration number", ld_ledger_item_get_reg_no (done));
  assert_cell (sheet, row, "Responsible unit", "s", "Office A1");
  assert_cell (sheet, row, "Completed on", "d", "2026-03-20");
  assert_cell (sheet, row, "Accepted by", "s", "王验收");
  assert_cell (sheet, row, "Signed off on", "d", "2026-05-01");
  assert_cell (sheet, row, "Overdue", "s", "No");

  /* Spawned items name the recommendation's document. */
  row = sheet_find (sheet, "Problem", "车辆台账不全");
  g_assert_cmpint (row, >, 0);
  assert_cell (sheet, row, "Source reference", "s", "监建〔2026〕3号");
  g_clear_pointer (&book, book_free);
  g_free (path);

  /* The period holds on the registration date: B's item is from 2025. */
  {
    Filter period = { "2026-01-01", NULL, 0 };

    path = export (f, LD_EXPORT_LEDGER, &period, "ledger-2026.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Rectification");
    g_assert_cmpint (sheet_n_data (sheet), ==, 4);
    g_assert_false (sheet_contains (sheet, "往来款"));
    g_clear_pointer (&book, book_free);
    g_free (path);
  }
  {
    Filter unit = { NULL, NULL, f->unit_b };

    path = export (f, LD_EXPORT_LEDGER, &unit, "ledger-b.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Rectification");
    g_assert_cmpint (sheet_n_data (sheet), ==, 1);
    assert_cell (sheet, 4, "Registered on", "d", "2025-06-01");
  }
}

/* --- Recommendations ---------------------------------------------------------------------------- */

static void
test_recommendations (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) rec = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) book = NULL;
  Sheet *sheet, *follow;
  int row;

  SKIP_WITHOUT_OPENPYXL ();
  rec = ld_recommendation_repository_get (f->vault, f->rec_a, &error);
  g_assert_no_error (error);
  events = ld_recommendation_repository_list_events (f->vault, f->rec_a, &error);
  g_assert_no_error (error);

  path = export (f, LD_EXPORT_RECOMMENDATIONS, NULL, "recommendations.xlsx", ",2026-03-02,");
  book = book_read (path);
  sheet = book_sheet (book, "Recommendations");
  g_assert_cmpint (sheet_n_data (sheet), ==, 2);
  /* The first registered first. */
  row = sheet_find (sheet, "Registration number", ld_recommendation_get_reg_no (rec));
  g_assert_cmpint (row, ==, sheet->header + 1);
  assert_cell (sheet, row, "Document number", "s", "监建〔2026〕3号");
  assert_cell (sheet, row, "Addressed to", "s", "Dept A");
  assert_cell (sheet, row, "Issued on", "d", "2026-03-02");
  assert_cell (sheet, row, "Delivered on", "d", "2026-03-05");
  assert_cell (sheet, row, "Reply due", "d", ld_recommendation_get_reply_due (rec));
  assert_cell (sheet, row, "Status", "s", ld_recommendation_status_get_label (LD_RECOMMENDATION_DELIVERED));
  assert_cell (sheet, row, "Last return visit", "d", "2026-06-01");
  assert_cell (sheet, row, "Next visit", "d", "2026-12-15");
  assert_cell (sheet, row, "Ledger items", "n", "2");
  assert_cell (sheet, row, "Open items", "n", "2");
  row = sheet_find (sheet, "Addressed to", "Dept B");
  assert_cell (sheet, row, "Status", "s", ld_recommendation_status_get_label (LD_RECOMMENDATION_DRAFT));
  assert_blank (sheet, row, "Issued on");
  assert_cell (sheet, row, "Ledger items", "n", "0");

  follow = book_sheet (book, "Follow-up");
  g_assert_cmpint (sheet_n_data (follow), ==, (int) events->len);
  row = sheet_find (follow, "Date", "2026-06-01");
  g_assert_cmpint (row, >, 0);
  assert_cell (follow, row, "Note", "s", "回访了解整改情况");
  g_clear_pointer (&book, book_free);
  g_free (path);

  /* With a period, the draft (never issued) is left out. */
  {
    Filter period = { "2026-01-01", "2026-12-31", 0 };

    path = export (f, LD_EXPORT_RECOMMENDATIONS, &period, "recommendations-2026.xlsx", NULL);
    book = book_read (path);
    g_assert_cmpint (sheet_n_data (book_sheet (book, "Recommendations")), ==, 1);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }
  {
    Filter period = { "2026-04-01", "2026-12-31", 0 };

    path = export (f, LD_EXPORT_RECOMMENDATIONS, &period, "recommendations-q2.xlsx", NULL);
    book = book_read (path);
    g_assert_cmpint (sheet_n_data (book_sheet (book, "Recommendations")), ==, 0);
    g_assert_cmpint (sheet_n_data (book_sheet (book, "Follow-up")), ==, 0);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }

  /* The unit filter: B's draft alone. */
  {
    Filter unit = { NULL, NULL, f->unit_b };

    path = export (f, LD_EXPORT_RECOMMENDATIONS, &unit, "recommendations-b.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Recommendations");
    g_assert_cmpint (sheet_n_data (sheet), ==, 1);
    assert_cell (sheet, sheet->header + 1, "Document number", "s", "监建〔2026〕4号");
    g_assert_false (sheet_contains (sheet, "Dept A"));
  }
}

/* --- Four forms ------------------------------------------------------------------------------------ */

static void
assert_share (Sheet         *sheet,
              int            row,
              const char    *header,
              const LdShare *share)
{
  Cell *cell = sheet_cell (sheet, row, sheet_column (sheet, header));

  g_assert_nonnull (cell);
  if (!share->has_base)
    {
      g_assert_cmpstr (cell->type, ==, "s");
      g_assert_cmpstr (cell->value, ==, "—");
      return;
    }
  g_assert_cmpstr (cell->type, ==, "n");
  g_assert_nonnull (strchr (cell->fmt, '%'));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell->value, NULL), share->value, 1e-8);
}

static void
assert_rate (Sheet          *sheet,
             int             row,
             const char     *header,
             const LdChange *change)
{
  LdShare share = { change->ratio, change->has_base };

  assert_share (sheet, row, header, &share);
}

static void
test_four_forms (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdFourFormsStats) stats = NULL;
  g_autoptr(LdFourFormsStats) scoped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) book = NULL;
  Filter year = { "2026-01-01", "2026-12-31", 0 };
  LdPeriod period;
  Sheet *sheet;
  int row;

  SKIP_WITHOUT_OPENPYXL ();
  ld_period_init_year (&period, 2026);
  stats = ld_four_forms_compute (f->vault, &period, 0, &error);
  g_assert_no_error (error);
  /* What the data holds: F1 张三, 王五; F2 张三, 李四, 王五; F1 of 2025: 张三. */
  g_assert_cmpuint (stats->forms[0].current.person_times, ==, 2);
  g_assert_cmpuint (stats->forms[1].current.person_times, ==, 3);
  g_assert_cmpuint (stats->forms[0].previous.person_times, ==, 1);

  path = export (f, LD_EXPORT_FOUR_FORMS, &year, "four-forms.xlsx", ",60.0%,|,60%,");
  book = book_read (path);
  sheet = book_sheet (book, "Four forms");
  g_assert_nonnull (strstr (sheet_text (sheet, 1, 0), ld_export_kind_get_title (LD_EXPORT_FOUR_FORMS)));
  g_assert_cmpint (sheet_n_data (sheet), ==, LD_FOUR_FORMS_N + 1);
  for (int form = 1; form <= LD_FOUR_FORMS_N + 1; form++)
    {
      const LdFourFormsRow *r = form <= LD_FOUR_FORMS_N ? &stats->forms[form - 1] : &stats->total;

      row = sheet->header + form;
      g_assert_cmpstr (sheet_text (sheet, row, 0), ==, form <= LD_FOUR_FORMS_N ? ld_form_get_label (form) : "Total");
      g_assert_cmpfloat (cell_number (sheet, row, "Person-times"), ==, r->current.person_times);
      g_assert_cmpfloat (cell_number (sheet, row, "Persons"), ==, r->current.persons);
      assert_share (sheet, row, "Share of person-times", &r->share_times);
      assert_share (sheet, row, "Share of persons", &r->share_persons);
      g_assert_cmpfloat (cell_number (sheet, row, "Change on previous period"), ==, r->times_vs_previous.delta);
      assert_rate (sheet, row, "Rate on previous period", &r->times_vs_previous);
      g_assert_cmpfloat (cell_number (sheet, row, "Change on last year"), ==, r->times_vs_last_year.delta);
      assert_rate (sheet, row, "Rate on last year", &r->times_vs_last_year);
    }
  /* The concrete values: 2 of 5 and 3 of 5; F2 had no base in 2025. */
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, sheet->header + 1, "Share of person-times"), 0.4, 1e-8);
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, sheet->header + 2, "Share of person-times"), 0.6, 1e-8);
  g_assert_cmpfloat (cell_number (sheet, sheet->header + LD_FOUR_FORMS_N + 1, "Persons"), ==, 3);
  assert_cell (sheet, sheet->header + 2, "Rate on previous period", "s", "—");
  g_assert_cmpfloat_with_epsilon (cell_number (sheet, sheet->header + 1, "Rate on previous period"), 1.0, 1e-8);

  /* By post level: 张三 is at county level; the others have none. */
  sheet = book_sheet (book, "By post level");
  row = sheet_find (sheet, "Post level", ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, "xianchu"));
  g_assert_cmpint (row, >, 0);
  g_assert_cmpfloat (cell_number (sheet, row, "First form, person-times"), ==,
                     stats->forms[0].by_level[LD_POST_LEVEL_XIANCHU].person_times);
  g_assert_cmpfloat (cell_number (sheet, row, "Second form, person-times"), ==, 1);
  row = sheet_find (sheet, "Post level", "Other");
  g_assert_cmpfloat (cell_number (sheet, row, "Total, persons"), ==, stats->total.by_level[LD_POST_LEVEL_NONE].persons);
  row = sheet_find (sheet, "Post level", "Total");
  g_assert_cmpfloat (cell_number (sheet, row, "Total, person-times"), ==, 5);

  sheet = book_sheet (book, "By key group");
  g_assert_cmpint (sheet_n_data (sheet), ==, LD_FOUR_FORMS_N_GROUPS + 1);

  /* Eight quarters ending with 2026Q4. */
  sheet = book_sheet (book, "Trend");
  g_assert_cmpint (sheet_n_data (sheet), ==, 8);
  row = sheet_find (sheet, "From", "2026-01-01");
  g_assert_cmpint (row, ==, sheet->header + 5);
  assert_cell (sheet, row, "To", "d", "2026-03-31");
  g_assert_cmpfloat (cell_number (sheet, row, "First form"), ==, 1);
  g_assert_cmpfloat (cell_number (sheet, row, "Second form"), ==, 1);
  g_assert_cmpfloat (cell_number (sheet, row, "Total"), ==, 2);
  g_clear_pointer (&book, book_free);
  g_free (path);

  /* A whole quarter is a quarter: the previous period is the quarter
   * before. Q2: 李四's suspension and 王五's warning. */
  {
    Filter q2 = { "2026-04-01", "2026-06-30", 0 };
    LdPeriod quarter, previous;
    g_autofree char *label = NULL;
    g_autofree char *previous_header = NULL;

    ld_period_init_quarter (&quarter, 2026, 2);
    ld_period_previous (&quarter, &previous);
    label = ld_period_get_label (&quarter);
    {
      g_autofree char *previous_label = ld_period_get_label (&previous);

      previous_header = g_strdup_printf ("Previous period, person-times (%s)", previous_label);
    }
    path = export (f, LD_EXPORT_FOUR_FORMS, &q2, "four-forms-q2.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Four forms");
    g_assert_nonnull (strstr (sheet_text (sheet, 1, 0), label));
    g_assert_cmpfloat (cell_number (sheet, sheet->header + 2, "Person-times"), ==, 2);
    /* Q1 had 张三's warning. */
    g_assert_cmpfloat (cell_number (sheet, sheet->header + 2, previous_header), ==, 1);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }

  /* Without a period: the current year up to today. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *label = NULL;
    GDate from, to;
    LdPeriod so_far;

    g_date_clear (&from, 1);
    g_date_clear (&to, 1);
    g_date_set_dmy (&from, 1, G_DATE_JANUARY, (GDateYear) g_date_time_get_year (now));
    g_date_set_dmy (&to, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                    (GDateYear) g_date_time_get_year (now));
    g_assert_true (ld_period_init_custom (&so_far, &from, &to, &error));
    label = ld_period_get_label (&so_far);
    path = export (f, LD_EXPORT_FOUR_FORMS, NULL, "four-forms-now.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Four forms");
    /* (On the last day of a month the year so far is a whole month,
     * quarter or year, and named so.) */
    if (!g_date_is_last_of_month (&to))
      g_assert_nonnull (strstr (sheet_text (sheet, 1, 0), label));
    g_assert_cmpint (sheet_n_data (sheet), ==, LD_FOUR_FORMS_N + 1);
    g_clear_pointer (&book, book_free);
    g_free (path);
  }

  /* Unit B alone: 王五's two measures. */
  {
    Filter unit = { "2026-01-01", "2026-12-31", f->unit_b };

    scoped = ld_four_forms_compute (f->vault, &period, f->unit_b, &error);
    g_assert_no_error (error);
    path = export (f, LD_EXPORT_FOUR_FORMS, &unit, "four-forms-b.xlsx", NULL);
    book = book_read (path);
    sheet = book_sheet (book, "Four forms");
    row = sheet->header + LD_FOUR_FORMS_N + 1;
    g_assert_cmpfloat (cell_number (sheet, row, "Person-times"), ==, 2);
    g_assert_cmpfloat (cell_number (sheet, row, "Persons"), ==, scoped->total.current.persons);
  }
}

/* --- Scope, grant, audit --------------------------------------------------------------------------- */

static void
test_out_of_scope (Fixture       *f,
                   gconstpointer  data)
{
  static const LdExportKind kinds[] = {
    LD_EXPORT_MEASURES, LD_EXPORT_OPINIONS, LD_EXPORT_LEDGER, LD_EXPORT_RECOMMENDATIONS,
  };
  static const char * const sheets[] = { "Measures", "Opinion replies", "Rectification", "Recommendations" };

  SKIP_WITHOUT_OPENPYXL ();
  ld_test_login (f->vault, "inv");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("inv-%s.xlsx", ld_export_kind_to_string (kinds[i]));
      g_autofree char *path = export (f, kinds[i], NULL, name, NULL);
      g_autoptr(Book) book = book_read (path);
      Sheet *sheet = book_sheet (book, sheets[i]);

      g_assert_cmpint (sheet_n_data (sheet), >, 0);
      for (guint s = 0; s < book->sheets->len; s++)
        {
          Sheet *any = g_ptr_array_index (book->sheets, s);

          g_assert_false (sheet_contains (any, "王五"));
          g_assert_false (sheet_contains (any, "Dept B"));
          g_assert_false (sheet_contains (any, ids[2]));
          g_assert_false (sheet_contains (any, "往来款"));
          g_assert_false (sheet_contains (any, "财务审批"));
        }
    }

  /* The four forms count only unit A's measures: 张三 and 李四. */
  {
    Filter year = { "2026-01-01", "2026-12-31", 0 };
    g_autofree char *path = export (f, LD_EXPORT_FOUR_FORMS, &year, "inv-four-forms.xlsx", NULL);
    g_autoptr(Book) book = book_read (path);
    Sheet *sheet = book_sheet (book, "Four forms");

    g_assert_cmpfloat (cell_number (sheet, sheet->header + 1, "Person-times"), ==, 1);
    g_assert_cmpfloat (cell_number (sheet, sheet->header + 2, "Person-times"), ==, 2);
  }

  /* Asking for unit B is "not found", and nothing is written. */
  {
    g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_MEASURES);
    g_autoptr(LdExportResult) result = NULL;
    g_autoptr(GError) error = NULL;

    request->purpose = g_strdup ("核查");
    request->path = g_build_filename (f->out, "inv-b.xlsx", NULL);
    request->unit_id = f->unit_b;
    result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (request->path, G_FILE_TEST_EXISTS));
  }
}

static void
test_no_grant (Fixture       *f,
               gconstpointer  data)
{
  static const LdExportKind kinds[] = {
    LD_EXPORT_MEASURES, LD_EXPORT_OPINIONS, LD_EXPORT_LEDGER, LD_EXPORT_RECOMMENDATIONS, LD_EXPORT_FOUR_FORMS,
  };
  gint64 done_before;

  ld_test_login (f->vault, "nox");
  done_before = ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(LdExportRequest) request = ld_export_request_new (kinds[i]);
      g_autoptr(LdExportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;

      request->purpose = g_strdup ("核查");
      request->path = g_build_filename (f->out, "denied.xlsx", NULL);
      result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
      /* No file, not even a temporary one. */
      dir = g_dir_open (f->out, 0, NULL);
      g_assert_nonnull (dir);
      g_assert_null (g_dir_read_name (dir));
    }
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'export.done'"), ==,
                   done_before);
}

/* A cancelled export leaves no file. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  static const LdExportKind kinds[] = {
    LD_EXPORT_MEASURES, LD_EXPORT_OPINIONS, LD_EXPORT_LEDGER, LD_EXPORT_RECOMMENDATIONS, LD_EXPORT_FOUR_FORMS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(LdExportRequest) request = ld_export_request_new (kinds[i]);
      g_autoptr(LdExportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GDir) dir = NULL;

      g_cancellable_cancel (cancellable);
      request->purpose = g_strdup ("核查");
      request->path = g_build_filename (f->out, "cancelled.xlsx", NULL);
      result = ld_export_run (f->vault, request, NULL, NULL, cancellable, &error);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      dir = g_dir_open (f->out, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }
}

/* --- Scale ------------------------------------------------------------------------------------------ */

/* 100,000 measures of 5,000 cadres (inserted as the register stores
 * them): the measures ledger, with every cadre's promotion block, in
 * reasonable time. Run with -m slow. */
static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  static const char * const codes[][3] = {
    { "F1_REMIND_TALK", "1", "edu" }, { "F1_ADMONISH", "1", "edu" }, { "P1", "2", "party" },
    { "G2", "2", "gov" }, { "O_ADJUST", "2", "org" }, { "P3", "3", "party" },
  };
  g_autofree char *path = NULL;
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_MEASURES);
  g_autoptr(LdExportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_cadre, start;
  double t;

  if (!g_test_slow ())
    {
      g_test_skip ("a scale test: run with -m slow");
      return;
    }
  exec_sql (f, "BEGIN");
  for (int i = 0; i < 5000; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO cadres (unit_id, name, id_number, created_at, updated_at)"
                                              " VALUES (%" G_GINT64_FORMAT ", '干部%d', '9%017d', 1, 1)",
                                              i % 2 ? f->unit_a : f->unit_b, i, i);

      exec_sql (f, sql);
    }
  first_cadre = ld_test_count_rows (f->vault, "SELECT min(id) FROM cadres WHERE name LIKE '干部%'");
  for (int i = 0; i < 100000; i++)
    {
      const char * const *c = codes[i % G_N_ELEMENTS (codes)];
      int y = 2019 + i % 8, m = 1 + i % 12, d = 1 + i % 28;
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category, decision_date,"
                             " effective_date, effect_end, doc_no, account, created_at, updated_at)"
                             " SELECT 'S%06d', id, unit_id, '%s', %s, '%s', '%04d-%02d-%02d', '%04d-%02d-%02d',"
                             " '%04d-%02d-%02d', '00%d号', 'boss', 1, 1 FROM cadres WHERE id = %" G_GINT64_FORMAT,
                             i, c[0], c[1], c[2], y, m, d, y, m, d, y + 1, m, d, i, first_cadre + i % 5000);
      exec_sql (f, sql);
    }
  exec_sql (f, "COMMIT");
  exec_sql (f, "ANALYZE");

  path = g_build_filename (f->out, "scale.xlsx", NULL);
  request->purpose = g_strdup ("年度归档");
  request->path = g_strdup (path);
  start = g_get_monotonic_time ();
  result = ld_export_run (f->vault, request, NULL, NULL, NULL, &error);
  t = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_test_message ("measures ledger of %" G_GINT64_FORMAT " rows: %.2f s", result->rows, t);
  g_assert_cmpint (result->rows, ==, 100006);
  g_assert_cmpfloat (t, <, 60.0);
}

/* --- LibreOffice ----------------------------------------------------------------------------------- */

/* Every workbook kept by the tests above, converted in one LibreOffice
 * run: each opens, and the text it must show is there (ID numbers and
 * document numbers as written, percentages as percentages). */
static void
test_libreoffice (void)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autofree char *csv_dir = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");

  if (soffice == NULL || !have_openpyxl ())
    {
      g_test_skip ("LibreOffice or python3-openpyxl is missing");
      return;
    }
  if (written->len == 0)
    {
      g_test_skip ("no workbook was written in this run");
      return;
    }
  csv_dir = g_build_filename (keep_dir, "csv", NULL);
  g_ptr_array_add (args, "--csv");
  g_ptr_array_add (args, csv_dir);
  for (guint i = 0; i < written->len; i++)
    g_ptr_array_add (args, ((Written *) g_ptr_array_index (written, i))->path);
  g_ptr_array_add (args, NULL);
  out = inspect ((const char * const *) args->pdata);

  /* The sheets of FILE.xlsx come out as FILE-SHEET.csv. */
  for (guint i = 0; i < written->len; i++)
    {
      Written *w = g_ptr_array_index (written, i);
      g_autofree char *base = g_path_get_basename (w->path);
      g_autofree char *prefix = g_strdup_printf ("%.*s-", (int) (strlen (base) - strlen (".xlsx")), base);
      g_auto(GStrv) alternatives = g_strsplit (w->expected, "|", -1);
      g_autoptr(GDir) dir = g_dir_open (csv_dir, 0, NULL);
      const char *name;
      gboolean found = FALSE;
      guint n_csv = 0;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *csv = NULL;
          g_autofree char *contents = NULL;

          if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".csv"))
            continue;
          n_csv++;
          csv = g_build_filename (csv_dir, name, NULL);
          g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
          for (guint a = 0; alternatives[a] != NULL; a++)
            if (strstr (contents, alternatives[a]) != NULL)
              found = TRUE;
        }
      g_assert_cmpuint (n_csv, >, 0);
      if (!found)
        g_error ("%s: LibreOffice does not show “%s”", base, w->expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  written = g_ptr_array_new_with_free_func ((GDestroyNotify) written_free);
  keep_dir = g_dir_make_tmp ("ld-export-ledgers-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add ("/export-ledgers/measures", Fixture, NULL, setup, test_measures, teardown);
  g_test_add ("/export-ledgers/opinions", Fixture, NULL, setup, test_opinions, teardown);
  g_test_add ("/export-ledgers/ledger", Fixture, NULL, setup, test_ledger, teardown);
  g_test_add ("/export-ledgers/recommendations", Fixture, NULL, setup, test_recommendations, teardown);
  g_test_add ("/export-ledgers/four-forms", Fixture, NULL, setup, test_four_forms, teardown);
  g_test_add ("/export-ledgers/out-of-scope", Fixture, NULL, setup, test_out_of_scope, teardown);
  g_test_add ("/export-ledgers/no-grant", Fixture, NULL, setup, test_no_grant, teardown);
  g_test_add ("/export-ledgers/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/export-ledgers/scale", Fixture, NULL, setup, test_scale, teardown);
  /* Last: converts the workbooks of the tests above. */
  g_test_add_func ("/export-ledgers/libreoffice", test_libreoffice);
  status = g_test_run ();

  ld_test_rmdir (keep_dir);
  g_free (keep_dir);
  g_ptr_array_unref (written);
  return status;
}
