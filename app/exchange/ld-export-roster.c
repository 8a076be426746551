/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export"

#include "config.h"

#include "exchange/ld-export-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope-private.h"
#include "rules/ld-categories.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The cadre roster (干部花名册): the list view's filter and visible
 * columns, one sheet, one row per cadre in the list's order.
 *
 * The cadres are listed by ld_cadre_repository_list_ids() (the filter,
 * order and scope are the repository's) and then read in batches with a
 * lean statement that selects only the chosen columns, through the same
 * scope restriction (_ld_scope_prepare) as ld_cadre_repository_get_many():
 * a roster of 100,000 cadres must not build 100,000 objects. */

#define ROSTER_BATCH 500

typedef enum
{
  COLUMN_FIELD,       /* a section-A text field as stored */
  COLUMN_CODED,       /* a coded field: its label (cached per code) */
  COLUMN_INT_FIELD,   /* grade: a number, 0 = blank */
  COLUMN_BOOL_FIELD,  /* principal */
  COLUMN_SEX,
  COLUMN_ID,
  COLUMN_UNIT,
  COLUMN_AGE,
  COLUMN_CATEGORIES,
  COLUMN_TAGS,
} ColumnSource;

typedef struct
{
  const char             *key;
  ColumnSource            source;
  const LdCadreFieldInfo *info;
  GHashTable             *labels;  /* COLUMN_CODED: value → label */
  int                     sql;     /* the statement's column */
} RosterColumn;

static const char * const coded_fields[] = {
  "ethnicity", "political_status", "edu_fulltime", "degree_fulltime", "edu_inservice",
  "degree_inservice", "post_level", "rank", "authority", "status", "post_tags", "classification", NULL
};

static const char * const date_fields[] = {
  "birth_date", "party_joined", "party_full", "post_since", "rank_since", "promoted_at", NULL
};

static const LdCadreFieldInfo *
find_field (const char *name)
{
  guint n = 0;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (table[i].column, name))
      return &table[i];
  return NULL;
}

static gboolean
is_known_column (const char *key)
{
  return g_strv_contains (ld_export_roster_columns (), key);
}

static void
roster_column_clear (RosterColumn *column)
{
  g_clear_pointer (&column->labels, g_hash_table_unref);
}

static LdXlsxKind
column_setup (RosterColumn *column,
              const char   *key)
{
  column->key = key;
  if (g_str_equal (key, "id"))
    {
      column->source = COLUMN_ID;
      return LD_XLSX_INTEGER;
    }
  if (g_str_equal (key, "unit"))
    {
      column->source = COLUMN_UNIT;
      return LD_XLSX_TEXT;
    }
  if (g_str_equal (key, "age"))
    {
      column->source = COLUMN_AGE;
      return LD_XLSX_INTEGER;
    }
  if (g_str_equal (key, "categories"))
    {
      column->source = COLUMN_CATEGORIES;
      return LD_XLSX_TEXT;
    }
  if (g_str_equal (key, "tags"))
    {
      column->source = COLUMN_TAGS;
      return LD_XLSX_TEXT;
    }
  if (g_str_equal (key, "sex"))
    {
      column->source = COLUMN_SEX;
      return LD_XLSX_TEXT;
    }
  column->info = find_field (key);
  g_assert (column->info != NULL);
  switch (column->info->type)
    {
    case LD_CADRE_FIELD_INT:
      column->source = COLUMN_INT_FIELD;
      return LD_XLSX_INTEGER;
    case LD_CADRE_FIELD_BOOL:
      column->source = COLUMN_BOOL_FIELD;
      return LD_XLSX_TEXT;
    case LD_CADRE_FIELD_TEXT:
    default:
      break;
    }
  if (g_strv_contains (coded_fields, key))
    {
      column->source = COLUMN_CODED;
      column->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      return LD_XLSX_TEXT;
    }
  column->source = COLUMN_FIELD;
  if (g_str_equal (key, "id_number"))
    return LD_XLSX_CODE;
  if (g_strv_contains (date_fields, key))
    return LD_XLSX_DATE;
  return LD_XLSX_TEXT;
}

static const char *
cached_label (GHashTable *labels,
              const char *field,
              const char *value)
{
  const char *label;

  if (value == NULL || *value == '\0')
    return "";
  label = g_hash_table_lookup (labels, value);
  if (label == NULL)
    {
      char *formatted = ld_cadre_field_format_value (field, value);

      g_hash_table_insert (labels, g_strdup (value), formatted);
      label = formatted;
    }
  return label;
}

/* "Top leader, Young cadre" for a set of categories (a-few-bit flags:
 * made once per set). */
static const char *
categories_label (char       **labels,
                  LdCategory   categories)
{
  guint index = categories & LD_CATEGORY_ALL;

  if (index == 0)
    return NULL;
  if (labels[index] == NULL)
    {
      GString *text = g_string_new (NULL);

      for (guint bit = 1; bit <= LD_CATEGORY_ALL; bit <<= 1)
        if (index & bit)
          {
            if (text->len > 0)
              g_string_append (text, C_("list separator", ", "));
            g_string_append (text, ld_category_get_label ((LdCategory) bit));
          }
      labels[index] = g_string_free (text, FALSE);
    }
  return labels[index];
}

static int
age_of (const char  *birth_date,
        const GDate *today)
{
  int y = 0, m = 0, d = 0;
  gsize len = birth_date != NULL ? strlen (birth_date) : 0;

  if (len < 7)
    return -1;
  y = (int) g_ascii_strtoll (birth_date, NULL, 10);
  m = (int) g_ascii_strtoll (birth_date + 5, NULL, 10);
  if (len >= 10)
    d = (int) g_ascii_strtoll (birth_date + 8, NULL, 10);
  return ld_age_at (y, m, d, today);
}

/* The roster's columns from the request (or the defaults). */
static gboolean
resolve_columns (const LdExportRequest *request,
                 GArray                *columns,
                 GArray                *headers,
                 GError               **error)
{
  const char * const *keys = request->columns != NULL && request->columns[0] != NULL
                             ? (const char * const *) request->columns
                             : ld_export_roster_default_columns ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RosterColumn column = { 0 };
      LdXlsxColumn header;

      if (!is_known_column (keys[i]))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ld_export_roster_columns ());

          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a roster column. Choose among: %s."), keys[i], known);
          return FALSE;
        }
      header.kind = column_setup (&column, keys[i]);
      header.header = ld_export_roster_column_get_label (keys[i]);
      g_array_append_val (columns, column);
      g_array_append_val (headers, header);
    }
  return TRUE;
}

/* --- The lean reader ------------------------------------------------------ */

typedef struct
{
  sqlite3_stmt          *stmt;       /* for a full batch of ids (unused ones bound to 0) */
  GString               *sql;
  GHashTable            *selected;   /* expression → statement column */
  const LdCategoryRules *rules;
  GDate                  today;
  /* The statement's columns of what categories and age need; -1 = none. */
  int                    birth_date, post_level, rank, principal, promoted_at, post_tags;
  char                  *category_labels[LD_CATEGORY_ALL + 1];
  GArray                *order;      /* IdPos of the batch, by id */
} Reader;

typedef struct
{
  gint64 id;
  guint  pos;
} IdPos;

static int
select_expression (Reader     *reader,
                   const char *expression)
{
  gpointer index;

  if (g_hash_table_lookup_extended (reader->selected, expression, NULL, &index))
    return GPOINTER_TO_INT (index);
  index = GINT_TO_POINTER (g_hash_table_size (reader->selected) + 1);  /* 0 is c.id */
  g_hash_table_insert (reader->selected, g_strdup (expression), index);
  g_string_append_printf (reader->sql, ", %s", expression);
  return GPOINTER_TO_INT (index);
}

static int
select_field (Reader     *reader,
              const char *field)
{
  g_autofree char *expression = g_strdup_printf ("c.%s", field);

  return select_expression (reader, expression);
}

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->stmt, sqlite3_finalize);
  if (reader->sql != NULL)
    g_string_free (reader->sql, TRUE);
  reader->sql = NULL;
  g_clear_pointer (&reader->selected, g_hash_table_unref);
  g_clear_pointer (&reader->order, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (reader->category_labels); i++)
    g_clear_pointer (&reader->category_labels[i], g_free);
}

static gboolean
reader_init (Reader          *reader,
             LdVault         *vault,
             GArray          *columns,
             GError         **error)
{
  gboolean categories = FALSE;

  memset (reader, 0, sizeof *reader);
  reader->sql = g_string_new ("SELECT c.id");
  reader->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->order = g_array_sized_new (FALSE, FALSE, sizeof (IdPos), ROSTER_BATCH);
  reader->birth_date = reader->post_level = reader->rank = -1;
  reader->principal = reader->promoted_at = reader->post_tags = -1;
  _ld_cadre_today (&reader->today);

  for (guint c = 0; c < columns->len; c++)
    {
      RosterColumn *column = &g_array_index (columns, RosterColumn, c);

      column->sql = -1;
      switch (column->source)
        {
        case COLUMN_FIELD:
        case COLUMN_CODED:
        case COLUMN_INT_FIELD:
        case COLUMN_BOOL_FIELD:
          column->sql = select_field (reader, column->info->column);
          break;
        case COLUMN_SEX:
          column->sql = select_field (reader, "sex");
          break;
        case COLUMN_ID:
          column->sql = 0;
          break;
        case COLUMN_UNIT:
          column->sql = select_expression (reader, "u.name");
          break;
        case COLUMN_AGE:
          reader->birth_date = select_field (reader, "birth_date");
          break;
        case COLUMN_CATEGORIES:
          categories = TRUE;
          break;
        case COLUMN_TAGS:
          column->sql = select_expression (reader, "ifnull ((SELECT group_concat (t.tag, char (31)) "
                                                   "FROM cadre_tags t WHERE t.cadre_id = c.id), '')");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (categories)
    {
      reader->rules = _ld_cadre_get_rules (vault, NULL, error);
      if (reader->rules == NULL)
        return FALSE;
      reader->birth_date = select_field (reader, "birth_date");
      reader->post_level = select_field (reader, "post_level");
      reader->rank = select_field (reader, "rank");
      reader->principal = select_field (reader, "principal");
      reader->promoted_at = select_field (reader, "promoted_at");
      reader->post_tags = select_field (reader, "post_tags");
    }

  g_string_append (reader->sql, " FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id IN (");
  for (guint i = 0; i < ROSTER_BATCH; i++)
    g_string_append (reader->sql, i ? ", ?" : "?");
  /* As ld_cadre_repository_get_many(): look the ids up by row number,
   * then keep those in the session's units. */
  g_string_append (reader->sql, ") AND +c.unit_id IN (SELECT id FROM visible_units)");
  reader->stmt = _ld_scope_prepare (vault, reader->sql->str, error);
  return reader->stmt != NULL;
}

static int
compare_id_pos (gconstpointer a,
                gconstpointer b)
{
  gint64 x = ((const IdPos *) a)->id, y = ((const IdPos *) b)->id;

  return x < y ? -1 : x > y;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return col < 0 ? NULL : (const char *) sqlite3_column_text (stmt, col);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The manual tags as LdCadre has them: sorted, comma-separated. */
static char *
sorted_tags (const char *text)
{
  g_auto(GStrv) tags = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  tags = g_strsplit (text, "\x1f", -1);
  g_qsort_with_data (tags, (gint) g_strv_length (tags), sizeof (char *), compare_tags, NULL);
  return g_strjoinv (",", tags);
}

/* The current row's value in column, or NULL; buf holds numbers made
 * here, *owned text that must be freed. */
static const char *
cell_value (Reader       *reader,
            RosterColumn *column,
            char         *buf,
            gsize         buf_len,
            char        **owned)
{
  sqlite3_stmt *stmt = reader->stmt;

  switch (column->source)
    {
    case COLUMN_FIELD:
    case COLUMN_UNIT:
      return column_text (stmt, column->sql);
    case COLUMN_CODED:
      return cached_label (column->labels, column->key, column_text (stmt, column->sql));
    case COLUMN_INT_FIELD:
      {
        int number = sqlite3_column_int (stmt, column->sql);

        if (number == 0)
          return NULL;
        g_snprintf (buf, buf_len, "%d", number);
        return buf;
      }
    case COLUMN_BOOL_FIELD:
      /* Translators: 是 (the cadre holds a principal post) */
      return sqlite3_column_int (stmt, column->sql) != 0 ? C_("roster value", "Yes") : NULL;
    case COLUMN_SEX:
      return ld_cadre_sex_get_label (column_text (stmt, column->sql));
    case COLUMN_ID:
      g_snprintf (buf, buf_len, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      return buf;
    case COLUMN_AGE:
      {
        int age = age_of (column_text (stmt, reader->birth_date), &reader->today);

        if (age < 0)
          return NULL;
        g_snprintf (buf, buf_len, "%d", age);
        return buf;
      }
    case COLUMN_CATEGORIES:
      {
        /* Borrowed texts: the fields are never cleared. */
        LdCadreFields facts = {
          .birth_date = (char *) ld_sql_column_text (stmt, reader->birth_date),
          .post_level = (char *) ld_sql_column_text (stmt, reader->post_level),
          .rank = (char *) ld_sql_column_text (stmt, reader->rank),
          .principal = sqlite3_column_int (stmt, reader->principal) != 0,
          .promoted_at = (char *) ld_sql_column_text (stmt, reader->promoted_at),
          .post_tags = (char *) ld_sql_column_text (stmt, reader->post_tags),
        };

        return categories_label (reader->category_labels,
                                 _ld_cadre_compute_categories (reader->rules, &facts, &reader->today, NULL));
      }
    case COLUMN_TAGS:
      *owned = sorted_tags (column_text (stmt, column->sql));
      return *owned;
    default:
      g_assert_not_reached ();
    }
}

/* --- Reading and writing side by side --------------------------------------
 *
 * Reading the vault and writing the workbook each take about half the
 * time, so they run on two threads: this one (the vault's worker, which
 * owns the connection, reports progress and watches cancel) fills batches
 * of rows; a writer thread adds them to the workbook. Three batches go
 * round between the two queues, so memory stays bounded. The writer is
 * used by one thread at a time: the writer thread from its start to its
 * join. */

#define N_BATCHES 3

typedef struct
{
  guint        n_rows;   /* rows found, in the list's order after sealing */
  guint        n_ids;    /* rows asked for */
  GString     *text;     /* the cells' text, each ended by a NUL */
  gssize      *offsets;  /* per cell of each asked row into text; -1 = blank */
  gboolean    *found;    /* per asked row */
  const char **values;   /* the found rows' cells as pointers, made by sealing */
} RowBatch;

typedef struct
{
  LdXlsxWriter *writer;
  guint         n_columns;
  GAsyncQueue  *full;    /* RowBatch * to write, then end_of_rows */
  GAsyncQueue  *empty;   /* RowBatch * to fill */
  GError       *error;   /* the writer thread's */
  gint          failed;  /* atomic */
} Pipeline;

static RowBatch end_of_rows;

static RowBatch *
row_batch_new (guint n_columns)
{
  RowBatch *batch = g_new0 (RowBatch, 1);

  batch->text = g_string_sized_new (64 * 1024);
  batch->offsets = g_new (gssize, (gsize) ROSTER_BATCH * n_columns);
  batch->found = g_new (gboolean, ROSTER_BATCH);
  batch->values = g_new (const char *, (gsize) ROSTER_BATCH * n_columns);
  return batch;
}

static void
row_batch_free (gpointer data)
{
  RowBatch *batch = data;

  if (batch == NULL || batch == &end_of_rows)
    return;
  g_string_free (batch->text, TRUE);
  g_free (batch->offsets);
  g_free (batch->found);
  g_free (batch->values);
  g_free (batch);
}

static void
row_batch_reset (RowBatch *batch,
                 guint     n_ids,
                 guint     n_columns)
{
  batch->n_rows = 0;
  batch->n_ids = n_ids;
  g_string_truncate (batch->text, 0);
  memset (batch->offsets, 0xff, sizeof (gssize) * n_ids * n_columns);  /* -1 */
  memset (batch->found, 0, sizeof (gboolean) * n_ids);
}

static void
row_batch_set (RowBatch   *batch,
               gsize       cell,
               const char *value)
{
  if (value != NULL && *value != '\0')
    {
      batch->offsets[cell] = (gssize) batch->text->len;
      g_string_append_len (batch->text, value, (gssize) strlen (value) + 1);
    }
}

/* The found rows, in order, as pointers into the text. */
static void
row_batch_seal (RowBatch *batch,
                guint     n_columns)
{
  gsize k = 0;

  for (guint r = 0; r < batch->n_ids; r++)
    {
      if (!batch->found[r])
        continue;
      for (guint c = 0; c < n_columns; c++)
        {
          gssize offset = batch->offsets[(gsize) r * n_columns + c];

          batch->values[k++] = offset < 0 ? NULL : batch->text->str + offset;
        }
      batch->n_rows++;
    }
}

static gpointer
pipeline_write (gpointer data)
{
  Pipeline *p = data;

  for (;;)
    {
      RowBatch *batch = g_async_queue_pop (p->full);

      if (batch == &end_of_rows)
        break;
      for (guint r = 0; r < batch->n_rows && !g_atomic_int_get (&p->failed); r++)
        if (!ld_xlsx_writer_add_row (p->writer, batch->values + (gsize) r * p->n_columns, &p->error))
          g_atomic_int_set (&p->failed, 1);
      g_async_queue_push (p->empty, batch);
    }
  return NULL;
}

/* Reads the cadres ids[0..n) into batch, in the order of ids. */
static gboolean
read_batch (Reader       *reader,
            LdVault      *vault,
            GArray       *columns,
            const gint64 *ids,
            guint         n,
            RowBatch     *batch,
            GError      **error)
{
  sqlite3_stmt *stmt = reader->stmt;
  int rc;

  row_batch_reset (batch, n, columns->len);
  g_array_set_size (reader->order, 0);
  for (guint i = 0; i < n; i++)
    {
      IdPos item = { ids[i], i };

      g_array_append_val (reader->order, item);
    }
  g_array_sort (reader->order, compare_id_pos);

  sqlite3_reset (stmt);
  for (guint i = 0; i < ROSTER_BATCH; i++)
    sqlite3_bind_int64 (stmt, (int) i + 2, i < n ? ids[i] : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IdPos key = { sqlite3_column_int64 (stmt, 0), 0 };
      IdPos *hit = bsearch (&key, reader->order->data, reader->order->len, sizeof (IdPos), compare_id_pos);
      gsize first;

      if (hit == NULL || batch->found[hit->pos])
        continue;
      batch->found[hit->pos] = TRUE;
      first = (gsize) hit->pos * columns->len;
      for (guint c = 0; c < columns->len; c++)
        {
          g_autofree char *owned = NULL;
          char buf[24];

          row_batch_set (batch, first + c, cell_value (reader, &g_array_index (columns, RosterColumn, c),
                                                       buf, sizeof buf, &owned));
        }
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  row_batch_seal (batch, columns->len);
  return TRUE;
}

gboolean
_ld_export_roster (LdExportContext  *ctx,
                   GError          **error)
{
  const LdExportRequest *request = ctx->request;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (RosterColumn));
  g_autoptr(GArray) headers = g_array_new (FALSE, TRUE, sizeof (LdXlsxColumn));
  g_autoptr(GArray) ids = NULL;
  const char *title = ld_export_kind_get_title (LD_EXPORT_ROSTER);
  LdCadreFilter filter = {
    .unit_id = request->unit_id,
    .search = request->search,
    .include_retired = request->include_retired,
    .order = request->order,
    .descending = request->descending,
    .categories = request->categories,
    .authority = request->authority,
    .post_level = request->post_level,
    .status = request->status,
    .tag = request->tag,
  };
  Reader reader = { 0 };
  Pipeline pipeline = { 0 };
  GThread *thread;
  gboolean ok = TRUE;
  gint64 t_read = 0, t_wait = 0, t_start, t_join;

  g_array_set_clear_func (columns, (GDestroyNotify) roster_column_clear);
  if (!resolve_columns (request, columns, headers, error))
    return FALSE;

  ids = ld_cadre_repository_list_ids (ctx->vault, &filter, error);
  if (ids == NULL)
    return FALSE;
  _ld_export_set_total (ctx, ids->len);
  if (!reader_init (&reader, ctx->vault, columns, error))
    {
      reader_clear (&reader);
      return FALSE;
    }

  if (!ld_xlsx_writer_begin_sheet (ctx->writer, title, title, ctx->scope_line,
                                   (const LdXlsxColumn *) headers->data, headers->len,
                                   LD_XLSX_SHEET_NONE, error))
    {
      reader_clear (&reader);
      return FALSE;
    }
  _ld_export_add_columns (ctx, title, (const LdXlsxColumn *) headers->data, headers->len);

  pipeline.writer = ctx->writer;
  pipeline.n_columns = columns->len;
  pipeline.full = g_async_queue_new ();
  pipeline.empty = g_async_queue_new_full (row_batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (pipeline.empty, row_batch_new (columns->len));
  thread = g_thread_new ("ld-export-roster", pipeline_write, &pipeline);

  t_start = g_get_monotonic_time ();
  for (guint first = 0; ok && first < ids->len; first += ROSTER_BATCH)
    {
      guint n = MIN (ROSTER_BATCH, ids->len - first);
      gint64 t0 = g_get_monotonic_time ();
      RowBatch *batch = g_async_queue_pop (pipeline.empty);
      gint64 t1 = g_get_monotonic_time ();

      t_wait += t1 - t0;
      if (g_atomic_int_get (&pipeline.failed))
        {
          g_async_queue_push (pipeline.empty, batch);
          break;
        }
      ok = read_batch (&reader, ctx->vault, columns, &g_array_index (ids, gint64, first), n, batch, error);
      for (guint r = 0; ok && r < batch->n_rows; r++)
        ok = _ld_export_tick (ctx, NULL, error);
      t_read += g_get_monotonic_time () - t1;
      if (!ok)
        {
          g_async_queue_push (pipeline.empty, batch);
          break;
        }
      g_async_queue_push (pipeline.full, batch);
    }

  g_async_queue_push (pipeline.full, &end_of_rows);
  t_join = g_get_monotonic_time ();
  g_thread_join (thread);
  g_debug ("roster: read %.2f s, waited for the writer %.2f s, then %.2f s; total %.2f s",
           t_read / 1e6, t_wait / 1e6, (g_get_monotonic_time () - t_join) / 1e6,
           (g_get_monotonic_time () - t_start) / 1e6);
  if (ok && pipeline.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pipeline.error));
      ok = FALSE;
    }
  g_clear_error (&pipeline.error);
  g_async_queue_unref (pipeline.full);
  g_async_queue_unref (pipeline.empty);
  reader_clear (&reader);
  return ok;
}
