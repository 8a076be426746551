/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-roster-parser"

#include "config.h"

#include "exchange/ld-roster-parser.h"

#include "ld-error.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Header rows are looked for among the first this many table rows. */
#define HEADER_SCAN_ROWS 30

typedef struct
{
  const char *code;
  const char *label;
  gboolean    is_date;
  const char *aliases; /* normalised header names, separated by '|' */
} FieldInfo;

static const FieldInfo fields[LD_ROSTER_N_FIELDS] = {
  [LD_ROSTER_FIELD_NAME] = { "name", N_("Name"), FALSE, "姓名|名字|干部姓名" },
  [LD_ROSTER_FIELD_SEX] = { "sex", N_("Sex"), FALSE, "性别" },
  [LD_ROSTER_FIELD_ID_NUMBER] = { "id-number", N_("ID number"), FALSE,
                                  "身份证号|身份证号码|公民身份号码|公民身份证号码|居民身份证号码|身份证|证件号码" },
  [LD_ROSTER_FIELD_BIRTH_DATE] = { "birth-date", N_("Date of birth"), TRUE, "出生年月|出生日期|出生年月日|出生时间" },
  [LD_ROSTER_FIELD_ETHNICITY] = { "ethnicity", N_("Ethnicity"), FALSE, "民族" },
  [LD_ROSTER_FIELD_NATIVE_PLACE] = { "native-place", N_("Native place"), FALSE, "籍贯" },
  [LD_ROSTER_FIELD_POLITICAL_STATUS] = { "political-status", N_("Political status"), FALSE, "政治面貌" },
  [LD_ROSTER_FIELD_PARTY_DATE] = { "party-date", N_("Date joined the Party"), TRUE,
                                   "入党时间|入党日期|入党年月" },
  [LD_ROSTER_FIELD_EDUCATION] = { "education", N_("Education"), FALSE, "学历|最高学历|文化程度" },
  [LD_ROSTER_FIELD_EDUCATION_FULL_TIME] = { "education-full-time", N_("Full-time education"), FALSE,
                                            "全日制学历|全日制教育学历|全日制教育|学历全日制|全日制" },
  [LD_ROSTER_FIELD_EDUCATION_IN_SERVICE] = { "education-in-service", N_("In-service education"), FALSE,
                                             "在职学历|在职教育学历|在职教育|学历在职|在职" },
  [LD_ROSTER_FIELD_DEGREE] = { "degree", N_("Degree"), FALSE, "学位|最高学位" },
  [LD_ROSTER_FIELD_UNIT] = { "unit", N_("Unit"), FALSE, "单位|工作单位|所在单位|单位名称|任职单位" },
  [LD_ROSTER_FIELD_POST] = { "post", N_("Post"), FALSE, "职务|现任职务|现职务|现任职务名称" },
  [LD_ROSTER_FIELD_RANK] = { "rank", N_("Rank"), FALSE, "职级|现职级|现任职级" },
  [LD_ROSTER_FIELD_POST_DATE] = { "post-date", N_("Date of current post"), TRUE,
                                  "任现职时间|任现职务时间|任职时间" },
  [LD_ROSTER_FIELD_RANK_DATE] = { "rank-date", N_("Date of current rank"), TRUE, "任现职级时间|任职级时间" },
  [LD_ROSTER_FIELD_PROMOTION_DATE] = { "promotion-date", N_("Date of last promotion"), TRUE,
                                       "最近提拔时间|最近一次提拔时间|提拔时间" },
  [LD_ROSTER_FIELD_AUTHORITY] = { "authority", N_("Management authority"), FALSE, "管理权限|干部管理权限" },
  [LD_ROSTER_FIELD_STATUS] = { "status", N_("Status"), FALSE, "状态|在职状态|人员状态" },
};

/* Merged parent headers over sub-headers (学历 over 全日制 / 在职). */
static const char * const group_headers[] = { "学历", "学位", "学历学位", "全日制教育", "在职教育", NULL };

const char *
ld_roster_field_get_code (LdRosterField field)
{
  if (field < 0 || field >= LD_ROSTER_N_FIELDS)
    return NULL;
  return fields[field].code;
}

LdRosterField
ld_roster_field_from_code (const char *code)
{
  for (int i = 0; code != NULL && i < LD_ROSTER_N_FIELDS; i++)
    if (g_str_equal (fields[i].code, code))
      return i;
  return LD_ROSTER_FIELD_NONE;
}

const char *
ld_roster_field_get_label (LdRosterField field)
{
  if (field < 0 || field >= LD_ROSTER_N_FIELDS)
    return _("(Ignore this column)");
  return _(fields[field].label);
}

gboolean
ld_roster_field_is_date (LdRosterField field)
{
  return field >= 0 && field < LD_ROSTER_N_FIELDS && fields[field].is_date;
}

/* ---- Text ------------------------------------------------------------- */

char *
ld_normalise_text (const char *text)
{
  g_autofree char *nfkc = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || (nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC)) == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (nfkc));
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        space = TRUE;
      else if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* Removes every space (after ld_normalise_text()). */
static char *
normalise_compact (const char *text)
{
  g_autofree char *norm = ld_normalise_text (text);
  GString *out = g_string_sized_new (strlen (norm));

  for (const char *p = norm; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* Chinese names are often padded for alignment (王  伟): drop spaces between
 * two Han characters, keep them elsewhere (a Latin or minority name). */
static char *
normalise_name (const char *text)
{
  g_autofree char *norm = ld_normalise_text (text);
  GString *out = g_string_sized_new (strlen (norm));
  gunichar prev = 0;

  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' && prev != 0 && is_han (prev))
        {
          const char *next = g_utf8_next_char (p);

          if (*next && is_han (g_utf8_get_char (next)))
            continue;
        }
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* The key a header is matched by: compact, without notes in brackets, "*"
 * marks, colons or a trailing sequence number. */
static char *
header_key (const char *header)
{
  g_autofree char *compact = normalise_compact (header);
  GString *out = g_string_sized_new (strlen (compact));
  int depth = 0;

  for (const char *p = compact; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == '[' || c == 0x3010 /* 【 */ || c == 0x3014 /* 〔 */ || c == 0x3008 /* 〈 */)
        depth++;
      else if (c == ')' || c == ']' || c == 0x3011 || c == 0x3015 || c == 0x3009)
        depth = MAX (depth - 1, 0);
      else if (depth == 0 && c != '*' && c != ':' && c != '.' && c != 0x3001 /* 、 */)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static LdRosterField
field_from_key (const char *key)
{
  if (*key == '\0')
    return LD_ROSTER_FIELD_NONE;
  for (int i = 0; i < LD_ROSTER_N_FIELDS; i++)
    {
      g_auto(GStrv) aliases = g_strsplit (fields[i].aliases, "|", -1);

      if (g_strv_contains ((const char * const *) aliases, key))
        return i;
    }
  return LD_ROSTER_FIELD_NONE;
}

LdRosterField
ld_roster_field_from_header (const char *header)
{
  g_autofree char *key = header_key (header);

  return field_from_key (key);
}

/* ---- Mapping ----------------------------------------------------------- */

struct _LdRosterMapping
{
  guint      header_row;
  guint      header_row_number;
  GPtrArray *headers;  /* char* per column */
  GArray    *fields;   /* LdRosterField per column */
};

static LdRosterMapping *
mapping_alloc (void)
{
  LdRosterMapping *m = g_new0 (LdRosterMapping, 1);

  m->headers = g_ptr_array_new_with_free_func (g_free);
  m->fields = g_array_new (FALSE, TRUE, sizeof (LdRosterField));
  return m;
}

void
ld_roster_mapping_free (LdRosterMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_clear_pointer (&mapping->headers, g_ptr_array_unref);
  g_clear_pointer (&mapping->fields, g_array_unref);
  g_free (mapping);
}

LdRosterMapping *
ld_roster_mapping_copy (const LdRosterMapping *mapping)
{
  LdRosterMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);
  copy = mapping_alloc ();
  copy->header_row = mapping->header_row;
  copy->header_row_number = mapping->header_row_number;
  for (guint i = 0; i < mapping->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (mapping->headers, i)));
  g_array_append_vals (copy->fields, mapping->fields->data, mapping->fields->len);
  return copy;
}

static void
mapping_grow (LdRosterMapping *m,
              guint            n_columns)
{
  while (m->headers->len < n_columns)
    {
      LdRosterField none = LD_ROSTER_FIELD_NONE;

      g_ptr_array_add (m->headers, g_strdup (""));
      g_array_append_val (m->fields, none);
    }
}

/* The table row index with row number NUMBER, or -1. */
static int
find_row (const LdTable *table,
          guint          number)
{
  guint lo = 0, hi = ld_table_get_n_rows (table);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint n = ld_table_get_row_number (table, mid);

      if (n == number)
        return mid;
      if (n < number)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

/* The text shown at (ROW, COLUMN): a merged range's value for every cell in
 * it. Sets *RANGE to the merged range, if any. */
static const char *
shown_cell (const LdTable       *table,
            guint                row,
            guint                column,
            const LdTableRange **range)
{
  guint number = ld_table_get_row_number (table, row);
  const LdTableRange *r = ld_table_find_merged (table, number, column);
  int top;

  *range = r;
  if (r == NULL)
    return ld_table_get_cell (table, row, column);
  top = find_row (table, r->first_row);
  return top < 0 ? "" : ld_table_get_cell (table, top, r->first_column);
}

static gboolean
is_group_header (const char *key)
{
  return g_strv_contains (group_headers, key) || field_from_key (key) != LD_ROSTER_FIELD_NONE;
}

/* Builds the mapping with the header at table row ROW; reads the next row
 * as sub-headers when a merged group header (学历) spans columns of ROW. */
static LdRosterMapping *
build_mapping (const LdTable *table,
               guint          row,
               guint         *n_recognised)
{
  LdRosterMapping *m = mapping_alloc ();
  guint n_rows = ld_table_get_n_rows (table);
  guint number = ld_table_get_row_number (table, row);
  gboolean has_next = row + 1 < n_rows && ld_table_get_row_number (table, row + 1) == number + 1;
  guint width = ld_table_get_n_columns (table, row);
  gboolean used_next = FALSE;
  gboolean seen[LD_ROSTER_N_FIELDS] = { FALSE };
  guint count = 0;

  if (has_next)
    width = MAX (width, ld_table_get_n_columns (table, row + 1));
  for (guint i = 0; i < ld_table_get_n_merged (table); i++)
    {
      const LdTableRange *r = ld_table_get_merged (table, i);

      if (r->first_row <= number && r->last_row >= number)
        width = MAX (width, MIN (r->last_column + 1, (guint) LD_TABLE_MAX_COLUMNS));
    }

  mapping_grow (m, width);
  for (guint c = 0; c < width; c++)
    {
      const LdTableRange *range = NULL;
      const char *text = shown_cell (table, row, c, &range);
      g_autofree char *key = header_key (text);
      g_autofree char *header = g_strdup (text);
      LdRosterField field = field_from_key (key);

      if (range != NULL && range->first_column < range->last_column && range->last_row == number &&
          has_next && *ld_table_get_cell (table, row + 1, c) != '\0' && is_group_header (key))
        {
          const char *sub = ld_table_get_cell (table, row + 1, c);
          g_autofree char *sub_key = header_key (sub);
          g_autofree char *a = g_strconcat (sub_key, key, NULL);
          g_autofree char *b = g_strconcat (key, sub_key, NULL);
          LdRosterField sub_field = field_from_key (a);

          if (sub_field == LD_ROSTER_FIELD_NONE)
            sub_field = field_from_key (b);
          if (sub_field == LD_ROSTER_FIELD_NONE)
            sub_field = field_from_key (sub_key);
          /* Only a recognised sub-header makes the next row part of the
           * header; otherwise it is the first data row. */
          if (sub_field != LD_ROSTER_FIELD_NONE)
            {
              field = sub_field;
              g_free (header);
              header = g_strconcat (text, " / ", sub, NULL);
              used_next = TRUE;
            }
        }
      if (field != LD_ROSTER_FIELD_NONE && seen[field])
        field = LD_ROSTER_FIELD_NONE;
      if (field != LD_ROSTER_FIELD_NONE)
        {
          seen[field] = TRUE;
          count++;
        }
      g_free (g_ptr_array_index (m->headers, c));
      g_ptr_array_index (m->headers, c) = g_steal_pointer (&header);
      g_array_index (m->fields, LdRosterField, c) = field;
    }
  m->header_row = used_next ? row + 1 : row;
  m->header_row_number = ld_table_get_row_number (table, m->header_row);
  if (n_recognised)
    *n_recognised = count;
  return m;
}

LdRosterMapping *
ld_roster_mapping_new (const LdTable *table,
                       guint          header_row)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (header_row < ld_table_get_n_rows (table), NULL);
  return build_mapping (table, header_row, NULL);
}

LdRosterMapping *
ld_roster_detect (const LdTable  *table,
                  GError        **error)
{
  g_autoptr(LdRosterMapping) best = NULL;
  guint best_count = 0;
  guint n;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = MIN (ld_table_get_n_rows (table), HEADER_SCAN_ROWS);
  for (guint i = 0; i < n; i++)
    {
      guint count = 0;
      g_autoptr(LdRosterMapping) m = build_mapping (table, i, &count);

      if (count > best_count)
        {
          g_clear_pointer (&best, ld_roster_mapping_free);
          best = g_steal_pointer (&m);
          best_count = count;
        }
    }
  if (best_count < 2)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("No header row found: none of the first %d rows names at least two known columns such "
                     "as 姓名, 性别 or 身份证号. Add a header row above the data, or choose the columns by hand."),
                   HEADER_SCAN_ROWS);
      return NULL;
    }
  return g_steal_pointer (&best);
}

guint
ld_roster_mapping_get_header_row (const LdRosterMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->header_row;
}

guint
ld_roster_mapping_get_header_row_number (const LdRosterMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->header_row_number;
}

guint
ld_roster_mapping_get_n_columns (const LdRosterMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->fields->len;
}

const char *
ld_roster_mapping_get_header (const LdRosterMapping *mapping,
                              guint                  column)
{
  g_return_val_if_fail (mapping != NULL, "");
  if (column >= mapping->headers->len)
    return "";
  return g_ptr_array_index (mapping->headers, column);
}

LdRosterField
ld_roster_mapping_get_field (const LdRosterMapping *mapping,
                             guint                  column)
{
  g_return_val_if_fail (mapping != NULL, LD_ROSTER_FIELD_NONE);
  if (column >= mapping->fields->len)
    return LD_ROSTER_FIELD_NONE;
  return g_array_index (mapping->fields, LdRosterField, column);
}

int
ld_roster_mapping_find_column (const LdRosterMapping *mapping,
                               LdRosterField          field)
{
  g_return_val_if_fail (mapping != NULL, -1);
  if (field == LD_ROSTER_FIELD_NONE)
    return -1;
  for (guint i = 0; i < mapping->fields->len; i++)
    if (g_array_index (mapping->fields, LdRosterField, i) == field)
      return i;
  return -1;
}

void
ld_roster_mapping_set (LdRosterMapping *mapping,
                       guint            column,
                       LdRosterField    field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < LD_TABLE_MAX_COLUMNS);
  g_return_if_fail (field >= LD_ROSTER_FIELD_NONE && field < LD_ROSTER_N_FIELDS);

  mapping_grow (mapping, column + 1);
  if (field != LD_ROSTER_FIELD_NONE)
    for (guint i = 0; i < mapping->fields->len; i++)
      if (g_array_index (mapping->fields, LdRosterField, i) == field)
        g_array_index (mapping->fields, LdRosterField, i) = LD_ROSTER_FIELD_NONE;
  g_array_index (mapping->fields, LdRosterField, column) = field;
}

#define MAPPING_MAGIC "liandang-roster-mapping 1"

char *
ld_roster_mapping_to_string (const LdRosterMapping *mapping)
{
  GString *out;

  g_return_val_if_fail (mapping != NULL, NULL);
  out = g_string_new (MAPPING_MAGIC "\n");
  g_string_append_printf (out, "header-row %u %u\n", mapping->header_row, mapping->header_row_number);
  for (guint i = 0; i < mapping->fields->len; i++)
    {
      LdRosterField field = g_array_index (mapping->fields, LdRosterField, i);
      g_autofree char *header = ld_normalise_text (g_ptr_array_index (mapping->headers, i));

      g_string_append_printf (out, "%u %s %s\n", i,
                              field == LD_ROSTER_FIELD_NONE ? "-" : ld_roster_field_get_code (field), header);
    }
  return g_string_free (out, FALSE);
}

LdRosterMapping *
ld_roster_mapping_from_string (const char  *text,
                               GError     **error)
{
  g_autoptr(LdRosterMapping) m = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    goto bad;
  lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (lines[0], MAPPING_MAGIC) || lines[1] == NULL ||
      sscanf (lines[1], "header-row %u", &(guint){ 0 }) != 1)
    goto bad;
  m = mapping_alloc ();
  if (sscanf (lines[1], "header-row %u %u", &m->header_row, &m->header_row_number) != 2)
    goto bad;
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint64 column;
      char *end = NULL;
      LdRosterField field = LD_ROSTER_FIELD_NONE;

      if (lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", 3);
      if (g_strv_length (parts) < 2)
        goto bad;
      column = g_ascii_strtoull (parts[0], &end, 10);
      if (end == parts[0] || *end != '\0' || column >= LD_TABLE_MAX_COLUMNS)
        goto bad;
      if (!g_str_equal (parts[1], "-") &&
          (field = ld_roster_field_from_code (parts[1])) == LD_ROSTER_FIELD_NONE)
        goto bad;
      mapping_grow (m, column + 1);
      ld_roster_mapping_set (m, column, field);
      g_free (g_ptr_array_index (m->headers, column));
      g_ptr_array_index (m->headers, column) = g_strdup (parts[2] ? parts[2] : "");
    }
  return g_steal_pointer (&m);

bad:
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("The remembered column mapping is damaged. Choose the columns again."));
  return NULL;
}

guint
ld_roster_mapping_apply (LdRosterMapping       *mapping,
                         const LdRosterMapping *remembered)
{
  guint changed = 0;

  g_return_val_if_fail (mapping != NULL, 0);
  g_return_val_if_fail (remembered != NULL, 0);

  for (guint i = 0; i < mapping->headers->len; i++)
    {
      g_autofree char *key = header_key (g_ptr_array_index (mapping->headers, i));

      if (*key == '\0')
        continue;
      for (guint j = 0; j < remembered->headers->len; j++)
        {
          g_autofree char *rkey = header_key (g_ptr_array_index (remembered->headers, j));
          LdRosterField field = g_array_index (remembered->fields, LdRosterField, j);

          if (!g_str_equal (key, rkey))
            continue;
          if (ld_roster_mapping_get_field (mapping, i) != field)
            {
              ld_roster_mapping_set (mapping, i, field);
              changed++;
            }
          break;
        }
    }
  return changed;
}

/* ---- Values ---------------------------------------------------------------- */

static GRegex *
date_regex (int which)
{
  static GRegex *regexes[4];
  static const char * const patterns[4] = {
    "^(\\d{4})年(\\d{1,2})月(?:(\\d{1,2})日?)?$",
    "^(\\d{4})([-/.])(\\d{1,2})(?:\\2(\\d{1,2}))?$",
    "^(\\d{4})(\\d{2})(\\d{2})?$",
    /* A fraction (a time of day) only on a serial of five digits or more,
     * so that 80.01 is not read as day 80. */
    "^(?:\\d{1,7}|\\d{5,7}\\.\\d+)$",
  };

  if (g_once_init_enter (&regexes[which]))
    g_once_init_leave (&regexes[which], g_regex_new (patterns[which], G_REGEX_OPTIMIZE, 0, NULL));
  return regexes[which];
}

static int
match_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *s = g_match_info_fetch (match, group);

  return s && *s ? atoi (s) : 0;
}

/* Pattern 1 has the separator as group 2. */
static gboolean
match_date (int         which,
            const char *text,
            int        *y,
            int        *m,
            int        *d)
{
  g_autoptr(GMatchInfo) match = NULL;
  int shift = which == 1 ? 1 : 0;

  if (!g_regex_match (date_regex (which), text, 0, &match))
    return FALSE;
  *y = match_int (match, 1);
  *m = match_int (match, 2 + shift);
  *d = match_int (match, 3 + shift);
  return TRUE;
}

static gboolean
date_error (GError     **error,
            const char  *format,
            const char  *text)
{
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID, format, text);
  return FALSE;
}

gboolean
ld_parse_date (const char  *text,
               int         *year,
               int         *month,
               int         *day,
               GError     **error)
{
  g_autofree char *norm = ld_normalise_text (text);
  g_autofree char *compact = NULL;
  char *space;
  int y = 0, m = 0, d = 0;

  g_return_val_if_fail (year != NULL && month != NULL && day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *year = *month = *day = 0;
  /* A time after the date (1980-01-05 00:00:00, 1980-01-05T00:00) is dropped. */
  space = strpbrk (norm, " T");
  if (space != NULL && strchr (space, ':') != NULL)
    *space = '\0';
  compact = normalise_compact (norm);
  if (*compact == '\0')
    return date_error (error, _("The date is empty."), "");

  if (match_date (0, compact, &y, &m, &d) || match_date (2, compact, &y, &m, &d) ||
      match_date (1, compact, &y, &m, &d))
    ;
  else if (g_regex_match (date_regex (3), compact, 0, NULL))
    {
      /* An Excel serial number in the 1900 date system: 1 = 1900-01-01,
       * and Excel counts a 29 February 1900 that never existed (60). */
      double serial = g_ascii_strtod (compact, NULL);
      long days = (long) serial; /* never negative: the pattern has no sign */
      GDate date;

      if (strchr (compact, '.') == NULL && days >= 1900 && days <= 2100)
        return date_error (error, _("“%s” gives only a year. Add the month, for example 1980.01."), text);
      if (days < 1 || days > 2958465)
        return date_error (error, _("“%s” is not a date. Write it as 1980-01-05, 1980.01 or 1980年1月."), text);
      if (days == 60)
        return date_error (error, _("“%s” is 29 February 1900 in Excel, a day that did not exist. "
                                    "Check the date."), text);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
      g_date_add_days (&date, days < 60 ? days : days - 1);
      y = g_date_get_year (&date);
      m = g_date_get_month (&date);
      d = g_date_get_day (&date);
    }
  else
    return date_error (error, _("“%s” is not a date. Write it as 1980-01-05, 1980.01 or 1980年1月."), text);

  if (y < 1900 || y > 2100)
    return date_error (error, _("“%s” is outside the years 1900 to 2100. Check the year."), text);
  if (m < 1 || m > 12 || (d != 0 && !g_date_valid_dmy (d, m, y)))
    return date_error (error, _("“%s” is not a real date: there is no such month or day. "
                                "Check the date."), text);
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

const char *
ld_parse_sex (const char  *text,
              GError     **error)
{
  g_autofree char *compact = normalise_compact (text);
  g_autofree char *lower = g_ascii_strdown (compact, -1);

  if (g_str_equal (lower, "男") || g_str_equal (lower, "男性") || g_str_equal (lower, "m") ||
      g_str_equal (lower, "male"))
    return "男";
  if (g_str_equal (lower, "女") || g_str_equal (lower, "女性") || g_str_equal (lower, "f") ||
      g_str_equal (lower, "female"))
    return "女";
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("“%s” is not a sex. Write 男 or 女."), text);
  return NULL;
}

char *
ld_normalise_id_number (const char  *text,
                        GError     **error)
{
  g_autofree char *compact = normalise_compact (text);
  const char *p = compact;
  g_autofree char *upper = NULL;
  gboolean digits = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*p == '\'')
    p++;
  upper = g_ascii_strup (p, -1);
  /* A number in scientific notation: d[.ddd]E[+]dd. */
  p = upper;
  while (g_ascii_isdigit (*p) || *p == '.')
    digits |= g_ascii_isdigit (*p++);
  if (digits && *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (*p))
            p++;
          if (*p == '\0')
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The ID number “%s” lost digits: Excel stored it as a number. Format the column "
                             "as text in Excel, type the ID numbers again and export again."),
                           text);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&upper);
}

/* ---- Rows ---------------------------------------------------------------- */

void
ld_roster_row_free (LdRosterRow *row)
{
  if (row == NULL)
    return;
  for (int i = 0; i < LD_ROSTER_N_FIELDS; i++)
    g_clear_pointer (&row->values[i], g_free);
  g_free (row);
}

void
ld_roster_problem_free (LdRosterProblem *problem)
{
  if (problem == NULL)
    return;
  g_clear_pointer (&problem->message, g_free);
  g_free (problem);
}

const char *
ld_roster_row_get (const LdRosterRow *row,
                   LdRosterField      field)
{
  g_return_val_if_fail (row != NULL, NULL);
  if (field < 0 || field >= LD_ROSTER_N_FIELDS)
    return NULL;
  return row->values[field];
}

static void
add_problem (GPtrArray        *problems,
             LdRosterRow      *row,
             LdRosterField     field,
             LdRosterSeverity  severity,
             char             *message)
{
  LdRosterProblem *problem = g_new0 (LdRosterProblem, 1);

  problem->row_number = row->row_number;
  problem->field = field;
  problem->severity = severity;
  problem->message = message;
  if (severity == LD_ROSTER_SEVERITY_ERROR)
    row->has_errors = TRUE;
  g_ptr_array_add (problems, problem);
}

static void
add_problem_error (GPtrArray     *problems,
                   LdRosterRow   *row,
                   LdRosterField  field,
                   GError        *error)
{
  add_problem (problems, row, field, LD_ROSTER_SEVERITY_ERROR, g_strdup (error->message));
}

static guint
count_digits (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += g_ascii_isdigit (*text) != 0;
  return n;
}

/* 1980.01 or 1980.1 as a number: a year and a month, not a serial. */
static gboolean
looks_like_year_month (const char *text)
{
  return g_regex_match (date_regex (1), text, 0, NULL);
}

/* "1980.1": what Excel shows for the number 1980.10. */
static gboolean
looks_like_dropped_zero (const char *text)
{
  g_autofree char *compact = normalise_compact (text);

  return strlen (compact) == 6 && g_ascii_isdigit (compact[0]) && g_ascii_isdigit (compact[3]) &&
         compact[4] == '.' && compact[5] == '1' && count_digits (compact) == 5;
}

GPtrArray *
ld_roster_parse (const LdTable         *table,
                 const LdRosterMapping *mapping,
                 GPtrArray            **problems)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  int columns[LD_ROSTER_N_FIELDS];

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_roster_row_free);
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_roster_problem_free);
  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int f = 0; f < LD_ROSTER_N_FIELDS; f++)
    columns[f] = ld_roster_mapping_find_column (mapping, f);

  for (guint i = ld_roster_mapping_get_header_row (mapping) + 1; i < ld_table_get_n_rows (table); i++)
    {
      g_autoptr(LdRosterRow) row = g_new0 (LdRosterRow, 1);
      gboolean empty = TRUE;
      gboolean id_failed = FALSE;

      row->row_number = ld_table_get_row_number (table, i);
      for (int f = 0; f < LD_ROSTER_N_FIELDS; f++)
        {
          g_autofree char *norm = NULL;

          if (columns[f] < 0)
            continue;
          norm = ld_normalise_text (ld_table_get_cell (table, i, columns[f]));
          if (*norm != '\0')
            empty = FALSE;
        }
      if (empty)
        continue;

      for (int f = 0; f < LD_ROSTER_N_FIELDS; f++)
        {
          g_autoptr(GError) error = NULL;
          const char *raw;
          g_autofree char *norm = NULL;

          if (columns[f] < 0)
            continue;
          raw = ld_table_get_cell (table, i, columns[f]);
          norm = ld_normalise_text (raw);
          if (*norm == '\0')
            continue;

          if (fields[f].is_date)
            {
              LdRosterDate *date = &row->dates[f];

              g_autofree char *serial = NULL;

              /* A 1904-system serial becomes a 1900-system one. */
              if (ld_table_get_date1904 (table) && ld_table_is_number (table, i, columns[f]) &&
                  g_regex_match (date_regex (3), norm, 0, NULL) && !looks_like_year_month (norm) &&
                  g_ascii_strtod (norm, NULL) >= 10000)
                serial = g_strdup_printf ("%ld", (long) g_ascii_strtod (norm, NULL) + 1462);
              if (ld_parse_date (serial ? serial : raw, &date->year, &date->month, &date->day, &error))
                {
                  row->values[f] = date->day ? g_strdup_printf ("%04d-%02d-%02d", date->year, date->month,
                                                                date->day)
                                             : g_strdup_printf ("%04d-%02d", date->year, date->month);
                  if (ld_table_is_number (table, i, columns[f]) && looks_like_dropped_zero (raw))
                    add_problem (found, row, f, LD_ROSTER_SEVERITY_WARNING,
                                 g_strdup_printf (_("“%s” is a number in Excel, which shows 1980.10 (October) as "
                                                    "1980.1 too. It was read as January: check it, and format the "
                                                    "column as text in Excel."), norm));
                }
              else
                add_problem_error (found, row, f, error);
            }
          else if (f == LD_ROSTER_FIELD_SEX)
            {
              const char *sex = ld_parse_sex (raw, &error);

              if (sex)
                row->values[f] = g_strdup (sex);
              else
                add_problem_error (found, row, f, error);
            }
          else if (f == LD_ROSTER_FIELD_ID_NUMBER)
            {
              row->values[f] = ld_normalise_id_number (raw, &error);
              if (row->values[f] != NULL && ld_table_is_number (table, i, columns[f]) &&
                  count_digits (row->values[f]) > 15)
                {
                  /* A double keeps 15 significant digits; the rest were lost. */
                  g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                               _("The ID number “%s” lost digits: Excel stored it as a number. Format the column "
                                 "as text in Excel, type the ID numbers again and export again."),
                               norm);
                  g_clear_pointer (&row->values[f], g_free);
                }
              if (row->values[f] == NULL)
                {
                  add_problem_error (found, row, f, error);
                  id_failed = TRUE;
                }
            }
          else if (f == LD_ROSTER_FIELD_NAME)
            row->values[f] = normalise_name (raw);
          else
            row->values[f] = g_steal_pointer (&norm);
        }

      if (row->values[LD_ROSTER_FIELD_NAME] == NULL)
        add_problem (found, row, LD_ROSTER_FIELD_NAME, LD_ROSTER_SEVERITY_ERROR,
                     g_strdup (_("The name is missing. Fill it in or delete the row.")));
      if (row->values[LD_ROSTER_FIELD_ID_NUMBER] != NULL)
        {
          const char *id = row->values[LD_ROSTER_FIELD_ID_NUMBER];
          gpointer first = g_hash_table_lookup (seen_ids, id);

          if (first != NULL)
            add_problem (found, row, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                         g_strdup_printf (_("The ID number %s is also on row %u. Each cadre may appear only "
                                            "once: delete or correct one of the rows."),
                                          id, GPOINTER_TO_UINT (first)));
          else
            g_hash_table_insert (seen_ids, g_strdup (id), GUINT_TO_POINTER (row->row_number));
        }
      else if (!id_failed)
        add_problem (found, row, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_WARNING,
                     g_strdup (_("The ID number is missing, so the cadre cannot be matched with an existing "
                                 "record.")));
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  if (problems)
    *problems = g_steal_pointer (&found);
  return g_steal_pointer (&rows);
}
