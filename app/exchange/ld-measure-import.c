/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-import"

#include "config.h"

#include "exchange/ld-measure-import.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld-error.h"
#include "exchange/ld-import-match.h"
#include "records/ld-measure-private.h"
#include "records/ld-measure-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-scope-private.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-effect-periods.h"
#include "rules/ld-id-number.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define PROGRESS_STEP 50
#define HEADER_SEARCH_ROWS 30

enum
{
  FLAG_DATE = 1 << 0,
  FLAG_LONG = 1 << 1,  /* keep line breaks */
};

typedef struct
{
  const char *code;
  const char *label;
  const char *aliases;  /* "|"-separated header names, normalised */
  guint       flags;
} FieldInfo;

static const FieldInfo fields[LD_MEASURE_N_COLUMNS] = {
  { "name", N_("Name"), "姓名|被处分人|受处分人|被处理人|处分对象|处理对象|当事人|对象|被处分人姓名|干部姓名", 0 },
  { "id-number", N_("ID number"), "身份证号|身份证号码|公民身份号码|身份证", 0 },
  { "unit", N_("Unit"), "单位|工作单位|所在单位|单位名称|被处分人单位", 0 },
  { "post", N_("Post"), "职务|现任职务|职务职级|原职务|时任职务|单位职务", 0 },
  { "category", N_("Category"), "类别|处分类别|处理类别|处分处理类别|类型|处分类型|处理类型|性质", 0 },
  { "code", N_("Measure"),
    "处分/处理种类|处分处理种类|处分种类|处理种类|处分或处理种类|处分/处理|处分处理|处分|处理|处分决定|处理方式|种类"
    "|处分处理结果|处分结果|处理结果|给予处分|处分名称|处理名称|处分处理方式",
    0 },
  { "decision-date", N_("Decision date"), "决定日期|处分日期|处理日期|决定时间|作出决定日期|处分决定日期|处分时间|日期",
    FLAG_DATE },
  { "effective-date", N_("Approval or effective date"),
    "批准日期/生效日期|批准日期|生效日期|批准时间|生效时间|批准或生效日期|处分批准日期", FLAG_DATE },
  { "authority", N_("Deciding authority"), "决定机关|处分机关|处理机关|作出决定机关|批准机关|决定单位|处分决定机关", 0 },
  { "doc-no", N_("Document number"), "文号|决定文号|处分文号|处理文号|文件号|决定书文号|处分决定文号", 0 },
  { "violations", N_("Violation categories"),
    "违纪类型|违纪违法类型|违纪行为类型|违纪性质|问题类别|问题类型|违纪违法行为类型|违规类型", 0 },
  { "facts", N_("Main facts"), "主要事实|主要问题|违纪事实|主要违纪事实|基本事实|事实|主要违纪违法事实|简要事实|问题", FLAG_LONG },
  { "accountability", N_("Accountability"), "问责|是否问责|是否问责处理|问责情形", 0 },
  { "lift-date", N_("Lifting date"), "解除日期|解除时间|处分解除日期|影响期解除日期|解除处分日期", FLAG_DATE },
  { "remarks", N_("Remarks"), "备注|其他", FLAG_LONG },
};

static const FieldInfo *
field_info (int field)
{
  if (field < 0 || field >= LD_MEASURE_N_COLUMNS)
    return NULL;
  return &fields[field];
}

guint
ld_measure_import_n_fields (void)
{
  return LD_MEASURE_N_COLUMNS;
}

const char *
ld_measure_import_field_get_code (int field)
{
  const FieldInfo *info = field_info (field);

  return info != NULL ? info->code : NULL;
}

int
ld_measure_import_field_from_code (const char *code)
{
  for (guint i = 0; code != NULL && i < LD_MEASURE_N_COLUMNS; i++)
    if (g_str_equal (fields[i].code, code))
      return (int) i;
  return -1;
}

const char *
ld_measure_import_field_get_label (int field)
{
  const FieldInfo *info = field_info (field);

  return info != NULL ? _(info->label) : "";
}

/* A header as compared: normalised, without spaces, "*" marks, ":" and
 * notes in parentheses. */
static char *
header_key (const char *header)
{
  g_autofree char *norm = ld_normalise_text (header != NULL ? header : "");
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0x3010 /* 【 */)
        depth++;
      else if ((c == ')' || c == 0x3011) && depth > 0)
        depth--;
      else if (depth == 0 && c != '*' && c != ' ' && c != ':' && !g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

int
ld_measure_import_field_from_header (const char *header)
{
  g_autofree char *key = header_key (header);

  if (*key == '\0')
    return -1;
  for (guint i = 0; i < LD_MEASURE_N_COLUMNS; i++)
    {
      g_auto(GStrv) aliases = g_strsplit (fields[i].aliases, "|", -1);

      for (guint j = 0; aliases[j] != NULL; j++)
        if (g_str_equal (aliases[j], key))
          return (int) i;
    }
  return -1;
}

/* --- Mapping --------------------------------------------------------------------- */

struct _LdMeasureImportMapping
{
  guint       header_row;
  guint       header_row_number;
  GPtrArray  *headers;  /* char * */
  GArray     *fields;   /* int */
};

void
ld_measure_import_mapping_free (LdMeasureImportMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_clear_pointer (&mapping->headers, g_ptr_array_unref);
  g_clear_pointer (&mapping->fields, g_array_unref);
  g_free (mapping);
}

static LdMeasureImportMapping *
mapping_alloc (void)
{
  LdMeasureImportMapping *mapping = g_new0 (LdMeasureImportMapping, 1);

  mapping->headers = g_ptr_array_new_with_free_func (g_free);
  mapping->fields = g_array_new (FALSE, TRUE, sizeof (int));
  return mapping;
}

static void
mapping_grow (LdMeasureImportMapping *mapping,
              guint                   n_columns)
{
  int none = -1;

  while (mapping->headers->len < n_columns)
    {
      g_ptr_array_add (mapping->headers, g_strdup (""));
      g_array_append_val (mapping->fields, none);
    }
}

LdMeasureImportMapping *
ld_measure_import_mapping_new (const LdTable *table,
                               guint          header_row)
{
  LdMeasureImportMapping *mapping = mapping_alloc ();
  guint n = ld_table_get_n_columns (table, header_row);

  mapping->header_row = header_row;
  mapping->header_row_number = ld_table_get_row_number (table, header_row);
  mapping_grow (mapping, n);
  for (guint c = 0; c < n; c++)
    {
      const char *header = ld_table_get_cell (table, header_row, c);
      int field = ld_measure_import_field_from_header (header);

      g_free (mapping->headers->pdata[c]);
      mapping->headers->pdata[c] = ld_normalise_text (header);
      if (field >= 0 && ld_measure_import_mapping_find_column (mapping, field) < 0)
        g_array_index (mapping->fields, int, c) = field;
    }
  return mapping;
}

LdMeasureImportMapping *
ld_measure_import_detect (const LdTable  *table,
                          GError        **error)
{
  guint best_row = 0, best_count = 0;
  guint n_rows;

  g_return_val_if_fail (table != NULL, NULL);

  n_rows = MIN (ld_table_get_n_rows (table), HEADER_SEARCH_ROWS);
  for (guint r = 0; r < n_rows; r++)
    {
      guint count = 0;

      for (guint c = 0; c < ld_table_get_n_columns (table, r); c++)
        if (ld_measure_import_field_from_header (ld_table_get_cell (table, r, c)) >= 0)
          count++;
      if (count > best_count)
        {
          best_count = count;
          best_row = r;
        }
    }
  if (best_count < 2)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("No header row was found in the first 30 rows. The sanctions ledger needs a row of "
                             "column names such as 姓名, 单位, 处分/处理种类 and 决定日期 above the data."));
      return NULL;
    }
  return ld_measure_import_mapping_new (table, best_row);
}

LdMeasureImportMapping *
ld_measure_import_mapping_copy (const LdMeasureImportMapping *mapping)
{
  LdMeasureImportMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);
  copy = mapping_alloc ();
  copy->header_row = mapping->header_row;
  copy->header_row_number = mapping->header_row_number;
  for (guint i = 0; i < mapping->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (mapping->headers, i)));
  g_array_append_vals (copy->fields, mapping->fields->data, mapping->fields->len);
  return copy;
}

guint
ld_measure_import_mapping_get_header_row (const LdMeasureImportMapping *mapping)
{
  return mapping->header_row;
}

guint
ld_measure_import_mapping_get_header_row_number (const LdMeasureImportMapping *mapping)
{
  return mapping->header_row_number;
}

guint
ld_measure_import_mapping_get_n_columns (const LdMeasureImportMapping *mapping)
{
  return mapping->headers->len;
}

const char *
ld_measure_import_mapping_get_header (const LdMeasureImportMapping *mapping,
                                      guint                         column)
{
  return column < mapping->headers->len ? g_ptr_array_index (mapping->headers, column) : "";
}

int
ld_measure_import_mapping_get_field (const LdMeasureImportMapping *mapping,
                                     guint                         column)
{
  return column < mapping->fields->len ? g_array_index (mapping->fields, int, column) : -1;
}

int
ld_measure_import_mapping_find_column (const LdMeasureImportMapping *mapping,
                                       int                           field)
{
  if (field < 0)
    return -1;
  for (guint c = 0; c < mapping->fields->len; c++)
    if (g_array_index (mapping->fields, int, c) == field)
      return (int) c;
  return -1;
}

void
ld_measure_import_mapping_set (LdMeasureImportMapping *mapping,
                               guint                   column,
                               int                     field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < LD_TABLE_MAX_COLUMNS);

  if (field >= LD_MEASURE_N_COLUMNS)
    field = -1;
  mapping_grow (mapping, column + 1);
  if (field >= 0)
    for (guint c = 0; c < mapping->fields->len; c++)
      if (g_array_index (mapping->fields, int, c) == field)
        g_array_index (mapping->fields, int, c) = -1;
  g_array_index (mapping->fields, int, column) = field;
}

/* "C" or "c" → 2, "3" → 2; -1 when TEXT is neither. */
static int
parse_column_ref (const char *text)
{
  guint64 number = 0;
  int column = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, LD_TABLE_MAX_COLUMNS, &number, NULL))
    return (int) number - 1;
  if (*text == '\0' || strlen (text) > 3)
    return -1;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalpha (*p))
        return -1;
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
    }
  return column - 1 < LD_TABLE_MAX_COLUMNS ? column - 1 : -1;
}

gboolean
ld_measure_import_mapping_set_by_text (LdMeasureImportMapping  *mapping,
                                       const char              *column,
                                       const char              *field_code,
                                       GError                 **error)
{
  g_autofree char *key = NULL;
  int field = -1;
  int found = -1;

  g_return_val_if_fail (mapping != NULL && column != NULL && field_code != NULL, FALSE);

  if (!g_str_equal (field_code, "-") && !g_str_equal (field_code, "none"))
    {
      field = ld_measure_import_field_from_code (field_code);
      if (field < 0)
        field = ld_measure_import_field_from_header (field_code);
      if (field < 0)
        {
          GString *codes = g_string_new (NULL);

          for (guint i = 0; i < LD_MEASURE_N_COLUMNS; i++)
            g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", fields[i].code);
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       /* Translators: a field name typed by the user, then the list of known field names. */
                       _("“%s” is not a column of a sanctions ledger. Use one of: %s, or - to ignore the column."),
                       field_code, codes->str);
          g_string_free (codes, TRUE);
          return FALSE;
        }
    }

  key = header_key (column);
  for (guint c = 0; *key != '\0' && c < mapping->headers->len; c++)
    {
      g_autofree char *other = header_key (g_ptr_array_index (mapping->headers, c));

      if (g_str_equal (key, other))
        {
          found = (int) c;
          break;
        }
    }
  if (found < 0)
    found = parse_column_ref (column);
  if (found < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: a column typed by the user. */
                   _("The file has no column “%s”. Give the column's header as written in the header row, its "
                     "letter (C) or its number (3)."),
                   column);
      return FALSE;
    }
  ld_measure_import_mapping_set (mapping, (guint) found, field);
  return TRUE;
}

char *
ld_measure_import_mapping_to_string (const LdMeasureImportMapping *mapping)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < mapping->fields->len; c++)
    {
      int field = g_array_index (mapping->fields, int, c);
      g_autofree char *header = NULL;

      if (field < 0)
        continue;
      header = g_strdelimit (g_strdup (g_ptr_array_index (mapping->headers, c)), "\r\n", ' ');
      g_string_append_printf (out, "%u %s %s\n", c, ld_measure_import_field_get_code (field), header);
    }
  return g_string_free (out, FALSE);
}

LdMeasureImportMapping *
ld_measure_import_mapping_from_string (const char  *text,
                                       GError     **error)
{
  g_autoptr(LdMeasureImportMapping) mapping = mapping_alloc ();
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint64 column = 0;
      int field;

      if (*lines[i] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", 3);
      if (g_strv_length (parts) < 2
          || !g_ascii_string_to_unsigned (parts[0], 10, 0, LD_TABLE_MAX_COLUMNS - 1, &column, NULL)
          || (field = ld_measure_import_field_from_code (parts[1])) < 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Line %u of the remembered mapping is not valid."),
                       i + 1);
          return NULL;
        }
      ld_measure_import_mapping_set (mapping, (guint) column, field);
      g_free (mapping->headers->pdata[column]);
      mapping->headers->pdata[column] = g_strdup (parts[2] != NULL ? parts[2] : "");
    }
  return g_steal_pointer (&mapping);
}

guint
ld_measure_import_mapping_apply (LdMeasureImportMapping       *mapping,
                                 const LdMeasureImportMapping *remembered)
{
  guint changed = 0;

  g_return_val_if_fail (mapping != NULL && remembered != NULL, 0);

  for (guint r = 0; r < remembered->fields->len; r++)
    {
      int field = g_array_index (remembered->fields, int, r);
      g_autofree char *key = NULL;

      if (field < 0)
        continue;
      key = header_key (g_ptr_array_index (remembered->headers, r));
      if (*key == '\0')
        continue;
      for (guint c = 0; c < mapping->headers->len; c++)
        {
          g_autofree char *other = header_key (g_ptr_array_index (mapping->headers, c));

          if (g_str_equal (key, other) && g_array_index (mapping->fields, int, c) != field)
            {
              ld_measure_import_mapping_set (mapping, c, field);
              changed++;
            }
        }
    }
  return changed;
}

/* --- Plan -------------------------------------------------------------------------- */

typedef struct
{
  LdLedgerRow    row;
  LdMeasureSpec  spec;
  char          *lift_date;  /* "YYYY-MM-DD" or NULL */
} RowPlan;

struct _LdMeasureImportPlan
{
  char                   *path;
  char                   *sha256;
  LdTable                *table;
  LdMeasureImportMapping *mapping;
  GPtrArray              *rows;      /* RowPlan * */
  GPtrArray              *problems;  /* LdLedgerProblem * */
  GHashTable             *row_index; /* row number → table row index + 1 (merged cells only) */
  gboolean                skip_invalid;
  guint                   n_valid;
  guint                   n_invalid;
  guint                   n_lifted;
};

typedef LdImportCadre Cadre;
typedef LdImportUnit Unit;

typedef struct
{
  LdVault              *vault;
  LdMeasureImportPlan  *plan;
  LdImportScope        *scope;
  GHashTable           *keys;         /* "cadre code date" → row number, in this file */
  char                 *today;
  /* The row being planned. */
  guint                 number;
  char                **values;       /* per field, normalised; NULL = empty */
  gboolean              bad;
} Context;

static void
row_plan_free (RowPlan *row)
{
  g_strfreev (row->row.cells);
  g_free (row->row.persons);
  ld_measure_spec_clear (&row->spec);
  g_free (row->lift_date);
  g_free (row);
}

void
ld_measure_import_plan_free (LdMeasureImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->sha256);
  g_clear_pointer (&plan->table, ld_table_free);
  g_clear_pointer (&plan->mapping, ld_measure_import_mapping_free);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  g_clear_pointer (&plan->row_index, g_hash_table_unref);
  g_free (plan);
}

static void
add_problem (Context          *ctx,
             int               field,
             LdRosterSeverity  severity,
             char             *message)
{
  if (ld_import_add_problem (ctx->plan->problems, ctx->number, field, severity, message))
    ctx->bad = TRUE;
}

static void
row_error (Context *ctx,
           int      field,
           char    *message)
{
  add_problem (ctx, field, LD_ROSTER_SEVERITY_ERROR, message);
}

static void
row_warning (Context *ctx,
             int      field,
             char    *message)
{
  add_problem (ctx, field, LD_ROSTER_SEVERITY_WARNING, message);
}

static const char *
value (Context *ctx,
       int      field)
{
  return ctx->values[field];
}

/* --- Vault reads --------------------------------------------------------------------- */

/* The ID number of the row, normalised; NULL when empty or invalid (an
 * error is then added). */
static char *
row_id_number (Context *ctx)
{
  g_autoptr(GError) local = NULL;
  LdIdInfo info = { 0 };
  const char *text = value (ctx, LD_MEASURE_COL_ID_NUMBER);

  if (text == NULL)
    return NULL;
  if (!ld_id_number_parse (text, &info, &local))
    {
      row_error (ctx, LD_MEASURE_COL_ID_NUMBER, g_strdup (local->message));
      return NULL;
    }
  return g_strdup (info.number);
}

/* The cadre the row names, or NULL (an error is then added). */
static Cadre *
row_cadre (Context *ctx)
{
  g_autofree char *id_number = row_id_number (ctx);
  const char *name = value (ctx, LD_MEASURE_COL_NAME);
  const char *unit_text = value (ctx, LD_MEASURE_COL_UNIT);
  g_autoptr(GPtrArray) found = NULL;

  if (id_number != NULL)
    {
      Cadre *cadre = g_hash_table_lookup (ctx->scope->by_id_number, id_number);

      if (cadre == NULL)
        row_error (ctx, LD_MEASURE_COL_ID_NUMBER,
                   g_strdup_printf (_("No cadre in your scope has the ID number %s. Add the cadre file first, or "
                                      "check the number."),
                                    id_number));
      else if (name != NULL && !g_str_equal (name, cadre->name))
        row_error (ctx, LD_MEASURE_COL_NAME,
                   g_strdup_printf (_("The ID number %s belongs to %s on file, not to %s. Check the name and the "
                                      "number."),
                                    id_number, cadre->name, name));
      else
        return cadre;
      return NULL;
    }
  if (value (ctx, LD_MEASURE_COL_ID_NUMBER) != NULL)
    return NULL;  /* a bad ID number: already reported */
  if (name == NULL)
    {
      row_error (ctx, LD_MEASURE_COL_NAME,
                 g_strdup (_("The person is missing. Fill in the name, with the unit or the ID number.")));
      return NULL;
    }

  found = ld_import_scope_match_name (ctx->scope, name, unit_text);
  if (found->len == 1)
    return g_ptr_array_index (found, 0);
  if (found->len > 1 && unit_text != NULL)
    row_error (ctx, LD_MEASURE_COL_NAME,
               /* Translators: a count, a name, a unit name. */
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u cadre named %s in %s: add the ID number column to tell them apart.",
                                             "%u cadres named %s in %s: add the ID number column to tell them apart.",
                                             found->len),
                                found->len, name, unit_text));
  else if (found->len > 1)
    row_error (ctx, LD_MEASURE_COL_NAME,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u cadre named %s in your scope: add the unit or the ID number "
                                             "column to tell them apart.",
                                             "%u cadres named %s in your scope: add the unit or the ID number "
                                             "column to tell them apart.",
                                             found->len),
                                found->len, name));
  else if (unit_text != NULL)
    row_error (ctx, LD_MEASURE_COL_NAME,
               /* Translators: a name, a unit name. */
               g_strdup_printf (_("No cadre named %s in %s in your scope. Add the cadre file first, or check the "
                                  "name, the unit or the ID number."),
                                name, unit_text));
  else
    row_error (ctx, LD_MEASURE_COL_NAME,
               g_strdup_printf (_("No cadre named %s in your scope. Add the cadre file first, or check the name."),
                                name));
  return NULL;
}

/* Whether TEXT is a plain number (an Excel serial), and its value. */
static gboolean
is_serial (const char *text,
           double     *serial)
{
  char *end = NULL;

  *serial = g_ascii_strtod (text, &end);
  return end != text && end != NULL && *end == '\0' && *serial >= 0 && *serial < 2958466;
}

/* --- Values --------------------------------------------------------------------------- */

/* A date field as "YYYY-MM-DD"; NULL when empty or bad (error added). */
static char *
row_date (Context *ctx,
          int      field)
{
  g_autoptr(GError) local = NULL;
  const char *text = value (ctx, field);
  g_autofree char *whole = NULL;
  int year = 0, month = 0, day = 0;
  double serial;

  if (text == NULL)
    return NULL;
  /* An Excel date with a time of day: the day only. */
  if (is_serial (text, &serial) && serial >= 1 && serial != (double) (gint64) serial)
    whole = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) serial);
  if (!ld_parse_date (whole != NULL ? whole : text, &year, &month, &day, &local))
    {
      /* Translators: a field label, then the reader's message. */
      row_error (ctx, field, g_strdup_printf (_("%s: %s"), ld_measure_import_field_get_label (field), local->message));
      return NULL;
    }
  if (day == 0)
    {
      row_error (ctx, field,
                 /* Translators: a field label, then the date as written. */
                 g_strdup_printf (_("%s: “%s” gives no day. Write the whole date, for example 2024-03-15."),
                                  ld_measure_import_field_get_label (field), text));
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* 是 / 否 and friends; -1 when neither. */
static int
parse_yes_no (const char *text)
{
  const char *yes[] = { "是", "有", "Y", "y", "yes", "Yes", "1", "√", "问责" };
  const char *no[] = { "否", "无", "N", "n", "no", "No", "0", "×", "不问责" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (text, yes[i]))
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (text, no[i]))
      return 0;
  return -1;
}

/* The category the 类别 column names (党纪处分, 政务处分, 组织处理 …), or
 * LD_N_MEASURE_CATEGORIES when TEXT names none. */
static LdMeasureCategory
parse_category (const char *text)
{
  static const struct
  {
    const char        *prefix;
    LdMeasureCategory  category;
  } prefixes[] = {
    { "党纪", LD_MEASURE_CATEGORY_PARTY },
    { "党内", LD_MEASURE_CATEGORY_PARTY },
    { "纪律处分", LD_MEASURE_CATEGORY_PARTY },
    { "政务", LD_MEASURE_CATEGORY_GOV },
    { "政纪", LD_MEASURE_CATEGORY_GOV },
    { "行政处分", LD_MEASURE_CATEGORY_GOV },
    { "组织处理", LD_MEASURE_CATEGORY_ORG },
    { "组织调整", LD_MEASURE_CATEGORY_ORG },
    { "批评教育", LD_MEASURE_CATEGORY_EDU },
    { "第一种形态", LD_MEASURE_CATEGORY_EDU },
    { "问责", LD_MEASURE_CATEGORY_ACCOUNT },
    { "移送司法", LD_MEASURE_CATEGORY_CRIMINAL },
    { "移送检察", LD_MEASURE_CATEGORY_CRIMINAL },
  };
  LdMeasureCategory category = ld_measure_category_from_string (text);

  if (category != LD_N_MEASURE_CATEGORIES)
    return category;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (text, prefixes[i].prefix))
      return prefixes[i].category;
  for (int c = 0; c < LD_N_MEASURE_CATEGORIES; c++)
    if (g_str_equal (text, ld_measure_category_get_label ((LdMeasureCategory) c)))
      return (LdMeasureCategory) c;
  return LD_N_MEASURE_CATEGORIES;
}

/* The measure code TEXT names with the category HINT; a prefix 党内 / 党纪
 * or 政务 / 政纪 / 行政 in the text is a hint too (党内警告, 政务警告). */
static const LdMeasureCode *
lookup_measure (const char        *text,
                LdMeasureCategory  hint)
{
  static const struct
  {
    const char        *prefix;
    LdMeasureCategory  category;
  } prefixes[] = {
    { "党内", LD_MEASURE_CATEGORY_PARTY },
    { "党纪", LD_MEASURE_CATEGORY_PARTY },
    { "政务", LD_MEASURE_CATEGORY_GOV },
    { "政纪", LD_MEASURE_CATEGORY_GOV },
    { "行政", LD_MEASURE_CATEGORY_GOV },
  };
  const LdMeasureCode *code = ld_measure_code_lookup (text, hint);

  if (code != NULL)
    return code;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (text, prefixes[i].prefix))
      {
        const char *rest = text + strlen (prefixes[i].prefix);

        if ((code = ld_measure_code_lookup (text, prefixes[i].category)) != NULL)
          return code;
        if (*rest != '\0' && (code = ld_measure_code_lookup (rest, prefixes[i].category)) != NULL)
          return code;
      }
  /* "处分：党内警告", "给予党内警告处分": the name inside. */
  if (g_str_has_prefix (text, "给予") && g_str_has_suffix (text, "处分") && strlen (text) > strlen ("给予处分"))
    {
      g_autofree char *inner = g_strndup (text + strlen ("给予"), strlen (text) - strlen ("给予") - strlen ("处分"));

      return lookup_measure (inner, hint);
    }
  return NULL;
}

/* Whether an active measure of CODE with CADRE on DATE is on file, and
 * its registration number. */
static gboolean
find_same_measure (Context     *ctx,
                   gint64       cadre_id,
                   const char  *code,
                   const char  *date,
                   char       **reg_no,
                   GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (ctx->vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT reg_no FROM measures WHERE cadre_id = ? AND code = ?"
                                                 " AND decision_date = ? AND retired_at IS NULL ORDER BY id LIMIT 1",
                                                 error);
  int rc;

  *reg_no = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *reg_no = g_strdup (ld_sql_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
plan_row (Context  *ctx,
          RowPlan  *row,
          GError  **error)
{
  LdMeasureSpec *spec = &row->spec;
  LdMeasureCategory hint = LD_N_MEASURE_CATEGORIES;
  const LdMeasureCode *code = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *effective = NULL;
  g_autofree char *lift = NULL;
  Cadre *cadre;
  const char *text;
  gboolean accountability = FALSE;

  ld_measure_spec_init (spec);

  /* The person. */
  cadre = row_cadre (ctx);
  if (cadre != NULL)
    {
      spec->cadre_id = cadre->id;
      row->row.persons = ld_import_scope_cadre_display (ctx->scope, cadre);
    }

  /* The category, then the measure. */
  if ((text = value (ctx, LD_MEASURE_COL_CATEGORY)) != NULL)
    {
      hint = parse_category (text);
      if (hint == LD_N_MEASURE_CATEGORIES)
        row_error (ctx, LD_MEASURE_COL_CATEGORY,
                   g_strdup_printf (_("Category: “%s” is not understood. Write 党纪处分, 政务处分, 组织处理, 批评教育, "
                                      "问责 or 移送司法机关, or leave the cell empty."),
                                    text));
      else if (hint == LD_MEASURE_CATEGORY_ACCOUNT)
        accountability = TRUE;
    }
  if ((text = value (ctx, LD_MEASURE_COL_CODE)) == NULL)
    row_error (ctx, LD_MEASURE_COL_CODE,
               g_strdup (_("The measure is missing. Fill it in, for example 党内警告, 政务记过, 诫勉 or 免职.")));
  else if ((code = lookup_measure (text, hint)) == NULL)
    {
      if (g_str_equal (text, "警告") || g_str_equal (text, "警告处分"))
        row_error (ctx, LD_MEASURE_COL_CODE,
                   g_strdup (_("“警告” may be a Party warning or a government warning. Write 党内警告 or 政务警告, or "
                               "fill in the category column (类别) with 党纪处分 or 政务处分.")));
      else if (g_str_equal (text, "留党察看") || g_str_equal (text, "留党察看处分"))
        row_error (ctx, LD_MEASURE_COL_CODE,
                   g_strdup (_("“留党察看” does not say for how long. Write 留党察看一年 or 留党察看二年.")));
      else
        row_error (ctx, LD_MEASURE_COL_CODE,
                   /* Translators: the measure as written in the file. */
                   g_strdup_printf (_("Measure: “%s” is not a measure Liandang knows. Write it as, for example, "
                                      "党内警告, 严重警告, 留党察看一年, 政务警告, 记过, 诫勉, 提醒谈话, 免职 or 降职."),
                                    text));
    }
  else
    {
      ld_measure_spec_set (&spec->code, code->code);
      if ((hint == LD_MEASURE_CATEGORY_PARTY && code->category == LD_MEASURE_CATEGORY_GOV)
          || (hint == LD_MEASURE_CATEGORY_GOV && code->category == LD_MEASURE_CATEGORY_PARTY))
        row_error (ctx, LD_MEASURE_COL_CATEGORY,
                   /* Translators: the category as written, the measure as written, the measure's category. */
                   g_strdup_printf (_("The category says %s, but “%s” counts as: %s. Correct the category or the "
                                      "measure."),
                                    value (ctx, LD_MEASURE_COL_CATEGORY), text,
                                    ld_measure_category_get_label (code->category)));
    }

  /* The dates. */
  decision = row_date (ctx, LD_MEASURE_COL_DECISION_DATE);
  if (value (ctx, LD_MEASURE_COL_DECISION_DATE) == NULL)
    row_error (ctx, LD_MEASURE_COL_DECISION_DATE,
               g_strdup (_("The decision date is missing. Fill it in, for example 2024-03-15.")));
  else if (decision != NULL && strcmp (decision, ctx->today) > 0)
    row_error (ctx, LD_MEASURE_COL_DECISION_DATE,
               g_strdup_printf (_("The decision date %s lies in the future. Check the date."), decision));
  effective = row_date (ctx, LD_MEASURE_COL_EFFECTIVE_DATE);
  if (effective != NULL && decision != NULL && strcmp (effective, decision) < 0)
    row_error (ctx, LD_MEASURE_COL_EFFECTIVE_DATE,
               /* Translators: two dates. */
               g_strdup_printf (_("The approval or effective date %s is before the decision date %s. A measure takes "
                                  "effect on or after its decision: check both dates."),
                                effective, decision));
  lift = row_date (ctx, LD_MEASURE_COL_LIFT_DATE);
  if (lift != NULL)
    {
      const char *from = effective != NULL ? effective : decision;

      if (from != NULL && strcmp (lift, from) < 0)
        row_error (ctx, LD_MEASURE_COL_LIFT_DATE,
                   g_strdup_printf (_("The lifting date %s is before the measure took effect (%s). Check the dates."),
                                    lift, from));
      else if (strcmp (lift, ctx->today) > 0)
        row_error (ctx, LD_MEASURE_COL_LIFT_DATE,
                   g_strdup_printf (_("The lifting date %s lies in the future. Leave it empty and record the lifting "
                                      "on the measure when it happens."),
                                    lift));
      else if (code != NULL && !ld_measure_code_can_lift (code))
        /* Nothing lifts an expulsion; the register refuses it too, so the
         * dry run must not promise it. */
        row_error (ctx, LD_MEASURE_COL_LIFT_DATE,
                   /* Translators: 开除不能解除：只有有影响期的措施才能解除。 */
                   g_strdup_printf (_("%s cannot be lifted: only a measure with an effect period can be."),
                                    ld_measure_code_get_label (code)));
    }
  ld_measure_spec_set (&spec->decision_date, decision);
  ld_measure_spec_set (&spec->effective_date, effective != NULL ? effective : decision);
  row->lift_date = g_steal_pointer (&lift);

  ld_measure_spec_set (&spec->authority, value (ctx, LD_MEASURE_COL_AUTHORITY));
  ld_measure_spec_set (&spec->doc_no, value (ctx, LD_MEASURE_COL_DOC_NO));

  if ((text = value (ctx, LD_MEASURE_COL_VIOLATIONS)) != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *codes = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, text, &local);

      if (codes == NULL)
        row_warning (ctx, LD_MEASURE_COL_VIOLATIONS,
                     g_strdup_printf (_("Violation categories: %s The categories are left out; set them on the "
                                        "measure later."),
                                      local->message));
      else
        ld_measure_spec_set (&spec->categories, codes);
    }

  text = value (ctx, LD_MEASURE_COL_FACTS);
  if (value (ctx, LD_MEASURE_COL_REMARKS) != NULL)
    {
      /* Translators: the facts, then the remarks column. */
      g_autofree char *joined = text != NULL
                                  ? g_strdup_printf (_("%s\nRemarks: %s"), text, value (ctx, LD_MEASURE_COL_REMARKS))
                                  : g_strdup_printf (_("Remarks: %s"), value (ctx, LD_MEASURE_COL_REMARKS));

      ld_measure_spec_set (&spec->facts, joined);
    }
  else
    ld_measure_spec_set (&spec->facts, text);

  if ((text = value (ctx, LD_MEASURE_COL_ACCOUNTABILITY)) != NULL)
    {
      int yes = parse_yes_no (text);

      if (yes < 0)
        row_error (ctx, LD_MEASURE_COL_ACCOUNTABILITY,
                   g_strdup_printf (_("Accountability: “%s” is not understood. Write 是 (given as 问责) or 否."), text));
      else
        accountability = accountability || yes == 1;
    }
  spec->accountability = accountability;

  /* The same measure on file (an import run twice, or a ledger that grew
   * since), or twice in the file. */
  if (!ctx->bad)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", spec->cadre_id, spec->code,
                                              spec->decision_date);
      g_autofree char *reg_no = NULL;
      gpointer earlier = g_hash_table_lookup (ctx->keys, key);

      if (!find_same_measure (ctx, spec->cadre_id, spec->code, spec->decision_date, &reg_no, error))
        return FALSE;
      if (reg_no != NULL)
        row_error (ctx, -1,
                   /* Translators: a measure's registration number. */
                   g_strdup_printf (_("This measure is already on file as %s (the same person, measure and decision "
                                      "date). Leave the row out (Skip invalid rows imports only the new rows)."),
                                    reg_no));
      else if (earlier != NULL)
        row_error (ctx, -1,
                   g_strdup_printf (_("Row %u holds the same measure (the same person, measure and decision date). "
                                      "Remove one of the two rows."),
                                    GPOINTER_TO_UINT (earlier)));
      else
        g_hash_table_insert (ctx->keys, g_steal_pointer (&key), GUINT_TO_POINTER (ctx->number));
    }

  /* Everything else the repository checks. */
  if (!ctx->bad)
    {
      g_auto(LdMeasureSpec) clean = { 0 };
      g_autoptr(GError) local = NULL;

      if (!_ld_measure_spec_clean (spec, &clean, NULL, &local))
        row_error (ctx, -1, g_strdup (local->message));
    }
  return TRUE;
}

/* --- Plan ------------------------------------------------------------------------------- */

/* The cell at table row index ROW, or for an empty cell inside a merged
 * range (a unit or a date merged over several rows) the range's value. */
static const char *
cell_text (LdMeasureImportPlan *plan,
           guint               *row,
           guint                column)
{
  const char *cell = ld_table_get_cell (plan->table, *row, column);
  const LdTableRange *range;
  gpointer index;

  if (*cell != '\0' || plan->row_index == NULL)
    return cell;
  range = ld_table_find_merged (plan->table, ld_table_get_row_number (plan->table, *row), column);
  if (range == NULL || range->first_column != column)
    return cell;
  index = g_hash_table_lookup (plan->row_index, GUINT_TO_POINTER (range->first_row));
  if (index == NULL || GPOINTER_TO_UINT (index) - 1 <= ld_measure_import_mapping_get_header_row (plan->mapping))
    return cell;
  *row = GPOINTER_TO_UINT (index) - 1;
  return ld_table_get_cell (plan->table, *row, column);
}

/* The row's text per field: normalised (long texts keep their lines),
 * dates from Excel serials in the 1904 system shifted. */
static char **
read_values (LdMeasureImportPlan *plan,
             guint                table_row)
{
  char **values = g_new0 (char *, LD_MEASURE_N_COLUMNS + 1);

  for (guint c = 0; c < ld_measure_import_mapping_get_n_columns (plan->mapping); c++)
    {
      int field = ld_measure_import_mapping_get_field (plan->mapping, c);
      const FieldInfo *info = field_info (field);
      const char *cell;
      char *text;
      guint source = table_row;

      if (info == NULL)
        continue;
      cell = cell_text (plan, &source, c);
      if (info->flags & FLAG_LONG)
        text = g_strstrip (g_strdup (cell));
      else
        text = ld_normalise_text (cell);
      if ((info->flags & FLAG_DATE) && ld_table_get_date1904 (plan->table)
          && ld_table_is_number (plan->table, source, c) && g_ascii_strtod (text, NULL) >= 1)
        {
          double serial = g_ascii_strtod (text, NULL);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_free (text);
          text = g_strdup (g_ascii_dtostr (buf, sizeof buf, serial + 1462));
        }
      if (*text == '\0')
        {
          g_free (text);
          continue;
        }
      g_free (values[field]);
      values[field] = text;
    }
  return values;
}

static char **
display_cells (char **values)
{
  char **cells = g_new0 (char *, LD_MEASURE_N_COLUMNS + 1);

  /* Every field gets a string ("" when empty), so g_strfreev frees all. */
  for (guint f = 0; f < LD_MEASURE_N_COLUMNS; f++)
    cells[f] = g_strdup (values[f] != NULL ? values[f] : "");
  return cells;
}

static void
free_values (char **values)
{
  for (guint i = 0; i < LD_MEASURE_N_COLUMNS; i++)
    g_free (values[i]);
  g_free (values);
}

static gint
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LdLedgerProblem *pa = *(LdLedgerProblem **) a;
  const LdLedgerProblem *pb = *(LdLedgerProblem **) b;

  return pa->row_number < pb->row_number ? -1 : pa->row_number > pb->row_number;
}

LdMeasureImportPlan *
ld_measure_import_plan_new (LdVault                       *vault,
                            const char                    *path,
                            const LdMeasureImportOptions  *options,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  g_auto(LdImportScope) scope = { 0 };
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  LdMeasureImportOptions defaults = { 0 };
  Context ctx = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return NULL;

  plan = g_new0 (LdMeasureImportPlan, 1);
  plan->path = g_strdup (path);
  plan->skip_invalid = options->skip_invalid;
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_plan_free);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_import_problem_free);

  plan->table = ld_table_read_file (path, cancellable, error);
  if (plan->table == NULL)
    return NULL;
  plan->sha256 = g_strdup (ld_table_get_sha256 (plan->table));

  if (options->mapping != NULL)
    plan->mapping = ld_measure_import_mapping_copy (options->mapping);
  else
    {
      g_autofree char *remembered_text = NULL;

      plan->mapping = ld_measure_import_detect (plan->table, error);
      if (plan->mapping == NULL)
        return NULL;
      if (!ld_import_load_setting (vault, LD_MEASURE_IMPORT_MAPPING_SETTING, &remembered_text, error))
        return NULL;
      if (remembered_text != NULL)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(LdMeasureImportMapping) remembered = ld_measure_import_mapping_from_string (remembered_text,
                                                                                                &local);

          if (remembered != NULL)
            ld_measure_import_mapping_apply (plan->mapping, remembered);
          else
            g_debug ("Ignoring the remembered mapping: %s", local->message);
        }
    }
  if (options->adjust != NULL && !options->adjust (plan->mapping, options->adjust_data, error))
    return NULL;

  if (ld_table_get_n_merged (plan->table) > 0)
    {
      plan->row_index = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint i = 0; i < ld_table_get_n_rows (plan->table); i++)
        g_hash_table_insert (plan->row_index, GUINT_TO_POINTER (ld_table_get_row_number (plan->table, i)),
                             GUINT_TO_POINTER (i + 1));
    }

  ctx.vault = vault;
  ctx.plan = plan;
  ctx.scope = &scope;
  ctx.keys = keys;
  ctx.today = today;
  if (!ld_import_scope_load (&scope, vault, error))
    return NULL;

  for (guint i = ld_measure_import_mapping_get_header_row (plan->mapping) + 1; i < ld_table_get_n_rows (plan->table);
       i++)
    {
      RowPlan *row = g_new0 (RowPlan, 1);
      gboolean ok;

      g_ptr_array_add (plan->rows, row);
      ctx.number = ld_table_get_row_number (plan->table, i);
      ctx.values = read_values (plan, i);
      ctx.bad = FALSE;
      row->row.row_number = ctx.number;
      row->row.cells = display_cells (ctx.values);
      ok = plan_row (&ctx, row, error);
      free_values (ctx.values);
      ctx.values = NULL;
      if (!ok)
        return NULL;
      if (row->row.persons == NULL)
        row->row.persons = g_strdup ("");
      row->row.valid = !ctx.bad;
      if (ctx.bad)
        plan->n_invalid++;
      else
        {
          plan->n_valid++;
          if (row->lift_date != NULL)
            plan->n_lifted++;
        }
      if ((i + 1) % PROGRESS_STEP == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  g_ptr_array_sort (plan->problems, compare_problems);
  return g_steal_pointer (&plan);
}

/* --- Getters ------------------------------------------------------------------------------ */

const char *
ld_measure_import_plan_get_path (LdMeasureImportPlan *plan)
{
  return plan->path;
}

const char *
ld_measure_import_plan_get_sha256 (LdMeasureImportPlan *plan)
{
  return plan->sha256;
}

const LdMeasureImportMapping *
ld_measure_import_plan_get_mapping (LdMeasureImportPlan *plan)
{
  return plan->mapping;
}

const LdTable *
ld_measure_import_plan_get_table (LdMeasureImportPlan *plan)
{
  return plan->table;
}

GPtrArray *
ld_measure_import_plan_get_rows (LdMeasureImportPlan *plan)
{
  return plan->rows;
}

GPtrArray *
ld_measure_import_plan_get_problems (LdMeasureImportPlan *plan)
{
  return plan->problems;
}

void
ld_measure_import_plan_get_counts (LdMeasureImportPlan *plan,
                                   guint               *n_valid,
                                   guint               *n_invalid)
{
  if (n_valid != NULL)
    *n_valid = plan->n_valid;
  if (n_invalid != NULL)
    *n_invalid = plan->n_invalid;
}

guint
ld_measure_import_plan_get_n_lifted (LdMeasureImportPlan *plan)
{
  return plan->n_lifted;
}

gboolean
ld_measure_import_plan_can_commit (LdMeasureImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return (plan->n_invalid == 0 || plan->skip_invalid) && plan->n_valid > 0;
}

static void
append_problems (GString             *out,
                 LdMeasureImportPlan *plan,
                 LdRosterSeverity     severity)
{
  for (guint i = 0; i < plan->problems->len; i++)
    {
      LdLedgerProblem *problem = g_ptr_array_index (plan->problems, i);

      if (problem->severity != severity)
        continue;
      if (problem->field >= 0)
        g_string_append_printf (out, _("  Row %u (%s): %s\n"), problem->row_number,
                                ld_measure_import_field_get_label (problem->field), problem->message);
      else
        g_string_append_printf (out, _("  Row %u: %s\n"), problem->row_number, problem->message);
    }
}

char *
ld_measure_import_plan_format_report (LdMeasureImportPlan *plan)
{
  g_autofree char *base = NULL;
  GString *out = g_string_new (NULL);
  guint n_errors = 0, n_warnings = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  base = g_path_get_basename (plan->path);
  g_string_append_printf (out, _("Sanctions ledger “%s” (SHA-256 %s)\n"), base, plan->sha256);
  g_string_append_printf (out, _("Header row: %u; data rows: %u\n"),
                          ld_measure_import_mapping_get_header_row_number (plan->mapping), plan->rows->len);
  g_string_append_printf (out, _("Measures to import: %u (lifted: %u)\n"), plan->n_valid, plan->n_lifted);
  if (plan->n_invalid > 0 && plan->skip_invalid)
    g_string_append_printf (out, _("Invalid rows, left out: %u\n"), plan->n_invalid);
  else if (plan->n_invalid > 0)
    g_string_append_printf (out, _("Invalid rows, which block the import: %u\n"), plan->n_invalid);
  else
    g_string_append_printf (out, _("Invalid rows: %u\n"), plan->n_invalid);

  for (guint i = 0; i < plan->problems->len; i++)
    {
      LdLedgerProblem *problem = g_ptr_array_index (plan->problems, i);

      if (problem->severity == LD_ROSTER_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  if (n_errors > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Errors:"));
      append_problems (out, plan, LD_ROSTER_SEVERITY_ERROR);
    }
  if (n_warnings > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings:"));
      append_problems (out, plan, LD_ROSTER_SEVERITY_WARNING);
    }
  return g_string_free (out, FALSE);
}

/* --- Commit ------------------------------------------------------------------------------- */

static gboolean
save_mapping (LdVault              *vault,
              LdMeasureImportPlan  *plan,
              GError              **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *text = ld_measure_import_mapping_to_string (plan->mapping);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, LD_MEASURE_IMPORT_MAPPING_SETTING, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

static gboolean
commit_row (LdVault  *vault,
            RowPlan  *row,
            GError  **error)
{
  gint64 id = 0;

  if (!_ld_measure_insert_in_tx (vault, &row->spec, LD_AUDIT_MEASURE_IMPORTED, FALSE, &id, NULL, error))
    return FALSE;
  if (row->lift_date == NULL)
    return TRUE;
  /* Translators: the note of the lifting (解除) of an imported measure. */
  return _ld_measure_add_event_in_tx (vault, id, "lift", row->lift_date, 0, _("Lifted according to the imported ledger"),
                                      NULL, NULL, error);
}

gboolean
ld_measure_import_plan_commit (LdVault              *vault,
                               LdMeasureImportPlan  *plan,
                               void                (*progress) (guint    done,
                                                                guint    total,
                                                                gpointer user_data),
                               gpointer              progress_data,
                               GCancellable         *cancellable,
                               guint                *n_imported,
                               GError              **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  g_autofree char *details = NULL;
  guint imported = 0, skipped = 0, lifted = 0, total;

  g_return_val_if_fail (plan != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (plan->n_valid == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The file has no row that could be imported. Correct the rows with errors."));
      return FALSE;
    }
  if (!ld_measure_import_plan_can_commit (plan))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has errors, so nothing was imported. Correct the file, or choose to skip "
                                "invalid rows.",
                                "%u rows have errors, so nothing was imported. Correct the file, or choose to skip "
                                "invalid rows.",
                                plan->n_invalid),
                   plan->n_invalid);
      return FALSE;
    }
  sha256 = ld_table_file_sha256 (plan->path, cancellable, error);
  if (sha256 == NULL)
    return FALSE;
  if (!g_str_equal (sha256, plan->sha256))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file “%s” changed since it was checked, so nothing was imported. Check it again, then "
                     "import."),
                   plan->path);
      return FALSE;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  total = plan->rows->len;
  for (guint i = 0; i < total; i++)
    {
      RowPlan *row = g_ptr_array_index (plan->rows, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _ld_vault_rollback (vault);
          return FALSE;
        }
      if (!row->row.valid)
        skipped++;
      else
        {
          if (!commit_row (vault, row, error))
            {
              /* Translators: a row number in the file; an error message follows. */
              g_prefix_error (error, _("Row %u: "), row->row.row_number);
              _ld_vault_rollback (vault);
              return FALSE;
            }
          imported++;
          if (row->lift_date != NULL)
            lifted++;
        }
      if (progress != NULL && (i + 1) % PROGRESS_STEP == 0)
        progress (i + 1, total, progress_data);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _ld_vault_rollback (vault);
      return FALSE;
    }

  base = g_path_get_basename (plan->path);
  details = g_strdup_printf ("file=%s; sha256=%s; imported=%u; lifted=%u; skipped=%u", base, sha256, imported,
                             lifted, skipped);
  if (!save_mapping (vault, plan, error)
      || !ld_audit_append (vault, LD_AUDIT_IMPORT_MEASURES, "file", base, LD_AUDIT_OUTCOME_OK, details, error))
    {
      _ld_vault_rollback (vault);
      return FALSE;
    }
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (progress != NULL && total % PROGRESS_STEP != 0)
    progress (total, total, progress_data);
  if (n_imported != NULL)
    *n_imported = imported;
  return TRUE;
}
