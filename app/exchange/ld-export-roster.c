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
#include "rules/ld-categories.h"

/* The cadre roster (干部花名册): the list view's filter and visible
 * columns, one sheet, one row per cadre in the list's order. */

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
  GHashTable             *labels;  /* COLUMN_CODED / CATEGORIES: value → label */
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
      column->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

static const char *
categories_label (GHashTable *labels,
                  const char *codes)
{
  const char *label;

  if (codes == NULL || *codes == '\0')
    return "";
  label = g_hash_table_lookup (labels, codes);
  if (label == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (codes, ",", -1);
      GString *text = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          LdCategory category = ld_category_from_string (parts[i]);

          if (text->len > 0)
            g_string_append (text, C_("list separator", ", "));
          g_string_append (text, category != LD_CATEGORY_NONE ? ld_category_get_label (category) : parts[i]);
        }
      label = text->str;
      g_hash_table_insert (labels, g_strdup (codes), g_string_free (text, FALSE));
    }
  return label;
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

gboolean
_ld_export_roster (LdExportContext  *ctx,
                   GError          **error)
{
  const LdExportRequest *request = ctx->request;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (RosterColumn));
  g_autoptr(GArray) headers = g_array_new (FALSE, TRUE, sizeof (LdXlsxColumn));
  g_autoptr(GArray) ids = NULL;
  g_autofree const char **values = NULL;
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
  GDate today;
  gboolean ok = FALSE;

  g_array_set_clear_func (columns, (GDestroyNotify) roster_column_clear);
  if (!resolve_columns (request, columns, headers, error))
    return FALSE;

  ids = ld_cadre_repository_list_ids (ctx->vault, &filter, error);
  if (ids == NULL)
    return FALSE;
  _ld_export_set_total (ctx, ids->len);

  if (!ld_xlsx_writer_begin_sheet (ctx->writer, title, title, ctx->scope_line,
                                   (const LdXlsxColumn *) headers->data, headers->len,
                                   LD_XLSX_SHEET_NONE, error))
    return FALSE;
  _ld_export_add_columns (ctx, title, (const LdXlsxColumn *) headers->data, headers->len);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  values = g_new0 (const char *, columns->len + 1);

  for (guint first = 0; first < ids->len; first += ROSTER_BATCH)
    {
      guint n = MIN (ROSTER_BATCH, ids->len - first);
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (ctx->vault, &g_array_index (ids, gint64, first),
                                                                  n, error);

      if (cadres == NULL)
        goto out;
      for (guint r = 0; r < cadres->len; r++)
        {
          LdCadre *cadre = g_ptr_array_index (cadres, r);
          const LdCadreFields *fields = ld_cadre_get_fields (cadre);
          char id_text[24] = "", age_text[8] = "", grade_text[8] = "";

          for (guint c = 0; c < columns->len; c++)
            {
              RosterColumn *column = &g_array_index (columns, RosterColumn, c);
              const char *value = NULL;

              switch (column->source)
                {
                case COLUMN_FIELD:
                  value = *(char **) (gpointer) ((const guint8 *) fields + column->info->offset);
                  break;
                case COLUMN_CODED:
                  value = cached_label (column->labels, column->key,
                                        *(char **) (gpointer) ((const guint8 *) fields + column->info->offset));
                  break;
                case COLUMN_INT_FIELD:
                  {
                    int number = *(int *) (gpointer) ((const guint8 *) fields + column->info->offset);

                    if (number != 0)
                      {
                        g_snprintf (grade_text, sizeof grade_text, "%d", number);
                        value = grade_text;
                      }
                  }
                  break;
                case COLUMN_BOOL_FIELD:
                  /* Translators: 是 (the cadre holds a principal post) */
                  value = *(gboolean *) (gpointer) ((const guint8 *) fields + column->info->offset)
                          ? C_("roster value", "Yes") : "";
                  break;
                case COLUMN_SEX:
                  value = ld_cadre_sex_get_label (fields->sex);
                  break;
                case COLUMN_ID:
                  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, ld_cadre_get_id (cadre));
                  value = id_text;
                  break;
                case COLUMN_UNIT:
                  value = ld_cadre_get_unit_name (cadre);
                  break;
                case COLUMN_AGE:
                  {
                    int age = age_of (fields->birth_date, &today);

                    if (age >= 0)
                      {
                        g_snprintf (age_text, sizeof age_text, "%d", age);
                        value = age_text;
                      }
                  }
                  break;
                case COLUMN_CATEGORIES:
                  value = categories_label (column->labels, ld_cadre_get_categories (cadre));
                  break;
                case COLUMN_TAGS:
                  value = ld_cadre_get_tags (cadre);
                  break;
                default:
                  g_assert_not_reached ();
                }
              values[c] = value;
            }
          if (!ld_xlsx_writer_add_row (ctx->writer, values, error))
            goto out;
          if (!_ld_export_tick (ctx, NULL, error))
            goto out;
        }
    }
  ok = TRUE;

out:
  return ok;
}
