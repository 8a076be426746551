/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-import"

#include "config.h"

#include "exchange/ld-ledger-import.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld-error.h"
#include "exchange/ld-import-match.h"
#include "records/ld-petition-private.h"
#include "records/ld-petition-repository.h"
#include "records/ld-scope-private.h"
#include "records/ld-talk-private.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-id-number.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define PROGRESS_STEP 50
#define HEADER_SEARCH_ROWS 30

enum
{
  FLAG_DATE = 1 << 0,
  FLAG_REPORTER = 1 << 1,
  FLAG_LONG = 1 << 2,   /* keep line breaks */
  FLAG_SERIAL = 1 << 3, /* may hold an Excel date serial (1904 workbooks shift it) */
};

typedef struct
{
  const char *code;
  const char *label;
  const char *aliases;  /* "|"-separated header names, normalised */
  guint       flags;
} FieldInfo;

static const FieldInfo talk_fields[LD_TALK_N_COLUMNS] = {
  { "date", N_("Talk date"), "谈话日期|日期|谈话日|谈话时间日期", FLAG_DATE },
  { "time", N_("Talk time"), "谈话时间|时间|具体时间", FLAG_SERIAL },
  { "type", N_("Talk type"), "谈话类型|谈话方式|谈话形式|谈话种类|类型|类别", 0 },
  { "person", N_("Person talked to"), "谈话对象|被谈话人|谈话对象姓名|被谈话人姓名|姓名|对象", 0 },
  { "id-number", N_("ID number"), "身份证号|身份证号码|公民身份号码|身份证", 0 },
  { "unit", N_("Unit"), "单位|工作单位|所在单位|被谈话人单位|谈话对象单位|单位名称", 0 },
  { "post", N_("Post"), "职务|现任职务|被谈话人职务|谈话对象职务|单位职务", 0 },
  { "talkers", N_("Talkers"), "谈话人|谈话人员|谈话领导", 0 },
  { "recorder", N_("Recorder"), "记录人|记录员|记录", 0 },
  { "place", N_("Place"), "地点|谈话地点", 0 },
  { "reason", N_("Reason"), "事由|谈话原因|谈话事由|谈话缘由|原因|谈话内容", FLAG_LONG },
  { "clue", N_("Clue number"), "线索编号|问题线索编号|线索号", 0 },
  { "problems", N_("Problems raised"), "反映问题|主要问题|反映的问题|问题", FLAG_LONG },
  { "explanation", N_("Explanation"), "本人说明|说明情况|本人说明情况|本人说明/态度|本人说明及态度", FLAG_LONG },
  { "attitude", N_("Attitude"), "态度|本人态度|表态|认识态度", FLAG_LONG },
  { "written", N_("Written explanation"), "书面说明|是否书面说明|书面材料|是否要求书面说明", 0 },
  { "written-due", N_("Reply due"), "回复期限|书面说明期限|说明期限|回复时限", FLAG_DATE },
  { "written-received", N_("Reply received"), "回复日期|书面说明回复日期|回复时间|收到说明日期", FLAG_DATE },
  { "followup", N_("Follow-up date"), "回访日期|回访时间", FLAG_DATE },
  { "outcome", N_("Outcome"), "处理结果|谈话结果|处理意见|结果", 0 },
  { "remarks", N_("Remarks"), "备注|其他", FLAG_LONG },
};

static const FieldInfo petition_fields[LD_PETITION_N_COLUMNS] = {
  { "reg-no", N_("Registration number"), "登记号|编号|登记编号|信访编号|收件编号|件号", 0 },
  { "received", N_("Received date"), "收件日期|受理日期|收信日期|来信日期|登记日期|收到日期|日期|来信来访日期", FLAG_DATE },
  { "channel", N_("Channel"), "来源|渠道|方式|信访方式|来源渠道|反映方式|举报方式|线索来源", 0 },
  { "kind", N_("Kind"), "类别|性质|信访性质|信访类别|件类", 0 },
  { "real-name", N_("Real name"), "是否实名|实名|实名/匿名|实名或匿名", 0 },
  { "reporter", N_("Reporter"), "举报人|反映人|信访人|来信人|举报人姓名|反映人姓名", FLAG_REPORTER },
  { "reporter-unit", N_("Reporter's unit"), "举报人单位|反映人单位|信访人单位|举报人工作单位", FLAG_REPORTER },
  { "reporter-contact", N_("Reporter's contact"), "联系方式|联系电话|举报人联系方式|举报人电话|电话", FLAG_REPORTER },
  { "reporter-address", N_("Reporter's address"), "联系地址|地址|举报人地址|通讯地址|住址", FLAG_REPORTER },
  { "reporter-id", N_("Reporter's ID number"), "举报人身份证号|举报人身份证号码|反映人身份证号", FLAG_REPORTER },
  { "person", N_("Person reported"), "被反映人|被举报人|被反映人姓名|被举报人姓名|被反映对象|反映对象", 0 },
  { "person-unit", N_("Unit of the person reported"), "被反映人单位|被举报人单位|单位|所在单位|工作单位", 0 },
  { "person-post", N_("Post of the person reported"), "职务|被反映人职务|被举报人职务", 0 },
  { "id-number", N_("ID number"), "身份证号|身份证号码|被反映人身份证号|公民身份号码", 0 },
  { "categories", N_("Problem categories"), "问题类别|问题性质|问题类型|反映问题类别", 0 },
  { "summary", N_("Summary"), "反映问题摘要|摘要|主要问题|反映问题|内容摘要|问题摘要", 0 },
  { "full-text", N_("Content"), "内容|反映内容|具体内容|信访内容|举报内容|主要内容", FLAG_LONG },
  { "routing", N_("Routing"), "办理方式|去向|处理方式|办理去向|处置方式", 0 },
  { "routed-to", N_("Forwarded to"), "转办单位|承办单位|转交单位|上报单位", 0 },
  { "routed-date", N_("Forwarding date"), "转办日期|转交日期|上报日期|交办日期", FLAG_DATE },
  { "status", N_("Status"), "办理状态|状态|办理情况|进展", 0 },
  { "closed", N_("Closing date"), "办结日期|办结时间|结案日期", FLAG_DATE },
  { "result", N_("Result"), "办理结果|查处结果|核查结果|结果", 0 },
  { "feedback", N_("Feedback date"), "反馈日期|反馈时间|答复日期", FLAG_DATE },
  { "remarks", N_("Remarks"), "备注", FLAG_LONG },
};

static const FieldInfo *
fields_of (LdLedgerKind  kind,
           guint        *n)
{
  if (kind == LD_LEDGER_PETITIONS)
    {
      *n = LD_PETITION_N_COLUMNS;
      return petition_fields;
    }
  *n = LD_TALK_N_COLUMNS;
  return talk_fields;
}

static const FieldInfo *
field_info (LdLedgerKind kind,
            int          field)
{
  guint n;
  const FieldInfo *fields = fields_of (kind, &n);

  if (field < 0 || (guint) field >= n)
    return NULL;
  return &fields[field];
}

guint
ld_ledger_n_fields (LdLedgerKind kind)
{
  guint n;

  fields_of (kind, &n);
  return n;
}

const char *
ld_ledger_field_get_code (LdLedgerKind kind,
                          int          field)
{
  const FieldInfo *info = field_info (kind, field);

  return info != NULL ? info->code : NULL;
}

int
ld_ledger_field_from_code (LdLedgerKind  kind,
                           const char   *code)
{
  guint n;
  const FieldInfo *fields = fields_of (kind, &n);

  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (fields[i].code, code))
      return (int) i;
  return -1;
}

const char *
ld_ledger_field_get_label (LdLedgerKind kind,
                           int          field)
{
  const FieldInfo *info = field_info (kind, field);

  return info != NULL ? _(info->label) : "";
}

gboolean
ld_ledger_field_is_reporter (LdLedgerKind kind,
                             int          field)
{
  const FieldInfo *info = field_info (kind, field);

  return info != NULL && (info->flags & FLAG_REPORTER) != 0;
}

const char *
ld_ledger_mapping_setting (LdLedgerKind kind)
{
  return kind == LD_LEDGER_PETITIONS ? LD_LEDGER_PETITIONS_MAPPING_SETTING : LD_LEDGER_TALKS_MAPPING_SETTING;
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
ld_ledger_field_from_header (LdLedgerKind  kind,
                             const char   *header)
{
  g_autofree char *key = header_key (header);
  guint n;
  const FieldInfo *fields = fields_of (kind, &n);

  if (*key == '\0')
    return -1;
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) aliases = g_strsplit (fields[i].aliases, "|", -1);

      for (guint j = 0; aliases[j] != NULL; j++)
        if (g_str_equal (aliases[j], key))
          return (int) i;
    }
  return -1;
}

/* --- Mapping --------------------------------------------------------------------- */

struct _LdLedgerMapping
{
  LdLedgerKind  kind;
  guint         header_row;
  guint         header_row_number;
  GPtrArray    *headers;  /* char * */
  GArray       *fields;   /* int */
};

void
ld_ledger_mapping_free (LdLedgerMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_clear_pointer (&mapping->headers, g_ptr_array_unref);
  g_clear_pointer (&mapping->fields, g_array_unref);
  g_free (mapping);
}

static LdLedgerMapping *
mapping_alloc (LdLedgerKind kind)
{
  LdLedgerMapping *mapping = g_new0 (LdLedgerMapping, 1);

  mapping->kind = kind;
  mapping->headers = g_ptr_array_new_with_free_func (g_free);
  mapping->fields = g_array_new (FALSE, TRUE, sizeof (int));
  return mapping;
}

static void
mapping_grow (LdLedgerMapping *mapping,
              guint            n_columns)
{
  int none = -1;

  while (mapping->headers->len < n_columns)
    {
      g_ptr_array_add (mapping->headers, g_strdup (""));
      g_array_append_val (mapping->fields, none);
    }
}

LdLedgerMapping *
ld_ledger_mapping_new (LdLedgerKind   kind,
                       const LdTable *table,
                       guint          header_row)
{
  LdLedgerMapping *mapping = mapping_alloc (kind);
  guint n = ld_table_get_n_columns (table, header_row);

  mapping->header_row = header_row;
  mapping->header_row_number = ld_table_get_row_number (table, header_row);
  mapping_grow (mapping, n);
  for (guint c = 0; c < n; c++)
    {
      const char *header = ld_table_get_cell (table, header_row, c);
      int field = ld_ledger_field_from_header (kind, header);

      g_free (mapping->headers->pdata[c]);
      mapping->headers->pdata[c] = ld_normalise_text (header);
      if (field >= 0 && ld_ledger_mapping_find_column (mapping, field) < 0)
        g_array_index (mapping->fields, int, c) = field;
    }
  return mapping;
}

LdLedgerMapping *
ld_ledger_detect (LdLedgerKind    kind,
                  const LdTable  *table,
                  GError        **error)
{
  guint best_row = 0, best_count = 0;
  guint n_rows = MIN (ld_table_get_n_rows (table), HEADER_SEARCH_ROWS);

  g_return_val_if_fail (table != NULL, NULL);

  for (guint r = 0; r < n_rows; r++)
    {
      guint count = 0;

      for (guint c = 0; c < ld_table_get_n_columns (table, r); c++)
        if (ld_ledger_field_from_header (kind, ld_table_get_cell (table, r, c)) >= 0)
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
                           kind == LD_LEDGER_TALKS
                             ? _("No header row was found in the first 30 rows. The ledger needs a row of column "
                                 "names such as 谈话日期, 谈话类型 and 谈话对象 above the data.")
                             : _("No header row was found in the first 30 rows. The ledger needs a row of column "
                                 "names such as 收件日期, 来源 and 被反映人 above the data."));
      return NULL;
    }
  return ld_ledger_mapping_new (kind, table, best_row);
}

LdLedgerMapping *
ld_ledger_mapping_copy (const LdLedgerMapping *mapping)
{
  LdLedgerMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);
  copy = mapping_alloc (mapping->kind);
  copy->header_row = mapping->header_row;
  copy->header_row_number = mapping->header_row_number;
  for (guint i = 0; i < mapping->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (mapping->headers, i)));
  g_array_append_vals (copy->fields, mapping->fields->data, mapping->fields->len);
  return copy;
}

LdLedgerKind
ld_ledger_mapping_get_kind (const LdLedgerMapping *mapping)
{
  return mapping->kind;
}

guint
ld_ledger_mapping_get_header_row (const LdLedgerMapping *mapping)
{
  return mapping->header_row;
}

guint
ld_ledger_mapping_get_header_row_number (const LdLedgerMapping *mapping)
{
  return mapping->header_row_number;
}

guint
ld_ledger_mapping_get_n_columns (const LdLedgerMapping *mapping)
{
  return mapping->headers->len;
}

const char *
ld_ledger_mapping_get_header (const LdLedgerMapping *mapping,
                              guint                  column)
{
  return column < mapping->headers->len ? g_ptr_array_index (mapping->headers, column) : "";
}

int
ld_ledger_mapping_get_field (const LdLedgerMapping *mapping,
                             guint                  column)
{
  return column < mapping->fields->len ? g_array_index (mapping->fields, int, column) : -1;
}

int
ld_ledger_mapping_find_column (const LdLedgerMapping *mapping,
                               int                    field)
{
  if (field < 0)
    return -1;
  for (guint c = 0; c < mapping->fields->len; c++)
    if (g_array_index (mapping->fields, int, c) == field)
      return (int) c;
  return -1;
}

void
ld_ledger_mapping_set (LdLedgerMapping *mapping,
                       guint            column,
                       int              field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < LD_TABLE_MAX_COLUMNS);

  if (field >= (int) ld_ledger_n_fields (mapping->kind))
    field = -1;
  mapping_grow (mapping, column + 1);
  if (field >= 0)
    for (guint c = 0; c < mapping->fields->len; c++)
      if (g_array_index (mapping->fields, int, c) == field)
        g_array_index (mapping->fields, int, c) = -1;
  g_array_index (mapping->fields, int, column) = field;
}

char *
ld_ledger_mapping_to_string (const LdLedgerMapping *mapping)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < mapping->fields->len; c++)
    {
      int field = g_array_index (mapping->fields, int, c);
      g_autofree char *header = NULL;

      if (field < 0)
        continue;
      header = g_strdelimit (g_strdup (g_ptr_array_index (mapping->headers, c)), "\r\n", ' ');
      g_string_append_printf (out, "%u %s %s\n", c, ld_ledger_field_get_code (mapping->kind, field), header);
    }
  return g_string_free (out, FALSE);
}

LdLedgerMapping *
ld_ledger_mapping_from_string (LdLedgerKind   kind,
                               const char    *text,
                               GError       **error)
{
  g_autoptr(LdLedgerMapping) mapping = mapping_alloc (kind);
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
          || (field = ld_ledger_field_from_code (kind, parts[1])) < 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Line %u of the remembered mapping is not valid."),
                       i + 1);
          return NULL;
        }
      ld_ledger_mapping_set (mapping, (guint) column, field);
      g_free (mapping->headers->pdata[column]);
      mapping->headers->pdata[column] = g_strdup (parts[2] != NULL ? parts[2] : "");
    }
  return g_steal_pointer (&mapping);
}

guint
ld_ledger_mapping_apply (LdLedgerMapping       *mapping,
                         const LdLedgerMapping *remembered)
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
              ld_ledger_mapping_set (mapping, c, field);
              changed++;
            }
        }
    }
  return changed;
}

/* --- Plan -------------------------------------------------------------------------- */

typedef struct
{
  LdLedgerRow     row;
  gboolean        has_talk;
  LdTalkSpec      talk;
  gboolean        has_petition;
  LdPetitionSpec  petition;
  char           *reg_no;          /* petitions: kept from the file, or NULL */
  char           *status;          /* petitions: the status to move to, or NULL */
  char           *closed_date;
  char           *result;
} RowPlan;

struct _LdLedgerPlan
{
  LdLedgerKind     kind;
  char            *path;
  char            *sha256;
  LdTable         *table;
  LdLedgerMapping *mapping;
  GPtrArray       *rows;      /* RowPlan * */
  GPtrArray       *problems;  /* LdLedgerProblem * */
  GHashTable      *row_index; /* row number → table row index + 1 (merged cells only) */
  gboolean         skip_invalid;
  guint            n_valid;
  guint            n_invalid;
};

typedef LdImportCadre Cadre;
typedef LdImportUnit Unit;

typedef struct
{
  LdVault       *vault;
  LdLedgerPlan  *plan;
  LdImportScope *scope;
  GHashTable    *reg_nos;      /* reg_no → row number, in this file */
  GHashTable    *talk_keys;    /* "date type cadre" → row number, in this file */
  char          *today;
  /* The row being planned. */
  guint          number;
  char         **values;       /* per field, normalised; NULL = empty */
  gboolean       bad;
} Context;

static void
row_plan_free (RowPlan *row)
{
  g_strfreev (row->row.cells);
  g_free (row->row.persons);
  if (row->has_talk)
    ld_talk_spec_clear (&row->talk);
  if (row->has_petition)
    ld_petition_spec_clear (&row->petition);
  g_free (row->reg_no);
  g_free (row->status);
  g_free (row->closed_date);
  g_free (row->result);
  g_free (row);
}

void
ld_ledger_plan_free (LdLedgerPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->sha256);
  g_clear_pointer (&plan->table, ld_table_free);
  g_clear_pointer (&plan->mapping, ld_ledger_mapping_free);
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

typedef enum
{
  MATCH_NONE,
  MATCH_ONE,
  MATCH_MANY,
} Match;

/* Finds the cadre in scope: by ID number when given (an ID number no cadre
 * in scope has is MATCH_NONE with *id_unknown set), else by name and unit. */
static Match
match_person (Context     *ctx,
              const char  *name,
              const char  *id_number,
              const char  *unit_text,
              Cadre      **found,
              guint       *n_found)
{
  g_autoptr(GPtrArray) same = NULL;
  guint n;

  *found = NULL;
  *n_found = 0;
  if (id_number != NULL)
    {
      *found = g_hash_table_lookup (ctx->scope->by_id_number, id_number);
      *n_found = *found != NULL ? 1 : 0;
      return *found != NULL ? MATCH_ONE : MATCH_NONE;
    }
  if (name == NULL)
    return MATCH_NONE;
  same = ld_import_scope_match_name (ctx->scope, name, unit_text);
  n = same->len;
  *n_found = n;
  if (n == 1)
    *found = g_ptr_array_index (same, 0);
  return n == 0 ? MATCH_NONE : n == 1 ? MATCH_ONE : MATCH_MANY;
}

static void
report_many (Context    *ctx,
             int         field,
             const char *name,
             const char *unit_text,
             guint       n)
{
  if (unit_text != NULL)
    row_error (ctx, field,
               /* Translators: a count, a name, a unit name. */
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u cadre named %s in %s: add the ID number column to tell them apart.",
                                             "%u cadres named %s in %s: add the ID number column to tell them apart.",
                                             n),
                                n, name, unit_text));
  else
    row_error (ctx, field,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u cadre named %s in your scope: add the unit or the ID number "
                                             "column to tell them apart.",
                                             "%u cadres named %s in your scope: add the unit or the ID number "
                                             "column to tell them apart.",
                                             n),
                                n, name));
}

/* The ID number of the row, normalised; NULL when empty or invalid (an
 * error is then added). */
static char *
row_id_number (Context *ctx,
               int      field)
{
  g_autoptr(GError) local = NULL;
  LdIdInfo info = { 0 };
  const char *text = value (ctx, field);

  if (text == NULL)
    return NULL;
  if (!ld_id_number_parse (text, &info, &local))
    {
      row_error (ctx, field, g_strdup (local->message));
      return NULL;
    }
  return g_strdup (info.number);
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
      row_error (ctx, field, g_strdup_printf (_("%s: %s"), ld_ledger_field_get_label (ctx->plan->kind, field),
                                              local->message));
      return NULL;
    }
  if (day == 0)
    {
      row_error (ctx, field,
                 /* Translators: a field label, then the date as written. */
                 g_strdup_printf (_("%s: “%s” gives no day. Write the whole date, for example 2024-03-15."),
                                  ld_ledger_field_get_label (ctx->plan->kind, field), text));
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* "HH:MM" from "9:30", "09:30:00", "9时30分" or the fraction of a day
 * Excel stores for a time (0.395833 or 45356.395833); NULL if not a time. */
static char *
parse_time (const char *text)
{
  int h = -1, m = -1;
  char rest[8] = "";
  double serial;

  if (is_serial (text, &serial) && (serial < 1 || serial != (double) (gint64) serial))
    {
      int minutes = (int) ((serial - (double) (gint64) serial) * 1440 + 0.5);

      minutes = MIN (minutes, 1439);
      return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
    }

  if (sscanf (text, "%d:%d%7s", &h, &m, rest) >= 2 || sscanf (text, "%d时%d分", &h, &m) == 2)
    {
      if (h >= 0 && h < 24 && m >= 0 && m < 60)
        return g_strdup_printf ("%02d:%02d", h, m);
    }
  return NULL;
}

static char **
split_names (const char *text)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) parts = NULL;
  const char *separators[] = { "、", "，", ",", "；", ";", "/" };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      g_auto(GStrv) pieces = g_strsplit (copy, separators[i], -1);

      g_free (copy);
      copy = g_strjoinv ("\n", pieces);
    }
  parts = g_strsplit (copy, "\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* 是 / 否 and friends; -1 when neither. */
static int
parse_yes_no (const char *text)
{
  const char *yes[] = { "是", "有", "需要", "要求", "Y", "y", "yes", "Yes", "1", "√", "实名" };
  const char *no[] = { "否", "无", "不需要", "不要求", "N", "n", "no", "No", "0", "×", "匿名" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (text, yes[i]))
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (text, no[i]))
      return 0;
  return -1;
}

static const char *
lookup_code (Context    *ctx,
             int         field,
             const char *table,
             const char *examples,
             gboolean    required)
{
  const char *text = value (ctx, field);
  const char *code;

  if (text == NULL)
    {
      if (required)
        row_error (ctx, field,
                   /* Translators: a field label, then examples of values. */
                   g_strdup_printf (_("%s is missing. Fill it in, for example %s."),
                                    ld_ledger_field_get_label (ctx->plan->kind, field), examples));
      return NULL;
    }
  code = ld_code_lookup (table, text);
  if (code == NULL)
    row_error (ctx, field,
               /* Translators: a field label, the value in the file, examples of known values. */
               g_strdup_printf (_("%s: “%s” is not a value Liandang knows. Write it as, for example, %s."),
                                ld_ledger_field_get_label (ctx->plan->kind, field), text, examples));
  return code;
}

static gboolean
find_clue (Context     *ctx,
           const char  *reg_no,
           gint64      *clue_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (ctx->vault,
                                                    "SELECT id FROM clues WHERE reg_no = ?2"
                                                    " AND unit_id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  *clue_id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, reg_no, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *clue_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (ctx->vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
set_member (char       **member,
            const char  *text)
{
  g_free (*member);
  *member = g_strdup (text != NULL ? text : "");
}

/* --- Talks ----------------------------------------------------------------------------- */

/* The registration number of an active talk of TYPE on DATE with CADRE,
 * or NULL. */
static gboolean
find_same_talk (Context     *ctx,
                const char  *date,
                const char  *type,
                gint64       cadre_id,
                char       **reg_no,
                GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (ctx->vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT t.reg_no FROM talks t JOIN talk_persons p ON p.talk_id = t.id"
                                                 " WHERE p.cadre_id = ? AND t.talk_date = ? AND t.type = ?"
                                                 " AND t.retired_at IS NULL ORDER BY t.id LIMIT 1",
                                                 error);
  int rc;

  *reg_no = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
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
plan_talk (Context  *ctx,
           RowPlan  *row,
           GError  **error)
{
  LdTalkSpec *spec = &row->talk;
  g_autofree char *date = NULL;
  g_autofree char *id_number = NULL;
  g_autoptr(GString) persons = g_string_new (NULL);
  const char *unit_text = value (ctx, LD_TALK_COL_UNIT);
  const char *name = value (ctx, LD_TALK_COL_PERSON);
  const char *text;
  const char *code;

  ld_talk_spec_init (spec);
  row->has_talk = TRUE;

  /* Date, and the time column that may hold the date. */
  date = row_date (ctx, LD_TALK_COL_DATE);
  if ((text = value (ctx, LD_TALK_COL_TIME)) != NULL)
    {
      g_autofree char *time = parse_time (text);
      double serial = 0;
      gboolean dated = is_serial (text, &serial) && serial >= 1;

      if ((time == NULL || dated) && value (ctx, LD_TALK_COL_DATE) == NULL)
        {
          /* The column holds the date, and maybe the time of day
           * ("2024-03-05 09:30", or an Excel date and time). */
          if (dated)
            {
              g_free (ctx->values[LD_TALK_COL_TIME]);
              ctx->values[LD_TALK_COL_TIME] = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) serial);
              text = value (ctx, LD_TALK_COL_TIME);
            }
          date = row_date (ctx, LD_TALK_COL_TIME);
          if (time == NULL && strchr (text, ' ') != NULL)
            time = parse_time (strrchr (text, ' ') + 1);
        }
      else if (time == NULL)
        row_error (ctx, LD_TALK_COL_TIME,
                   g_strdup_printf (_("Talk time: “%s” is not a time of day. Write it as 09:30, or leave it empty."),
                                    text));
      if (time != NULL)
        set_member (&spec->talk_time, time);
    }
  if (date == NULL && value (ctx, LD_TALK_COL_DATE) == NULL && value (ctx, LD_TALK_COL_TIME) == NULL)
    row_error (ctx, LD_TALK_COL_DATE, g_strdup (_("The talk date is missing. Fill it in, for example 2024-03-15.")));
  if (date != NULL && strcmp (date, ctx->today) > 0)
    row_error (ctx, LD_TALK_COL_DATE,
               g_strdup_printf (_("The talk date %s lies in the future. Check the date."), date));
  set_member (&spec->talk_date, date);

  code = lookup_code (ctx, LD_TALK_COL_TYPE, LD_CODE_TABLE_TALK_TYPE, "谈心谈话, 提醒谈话, 诫勉谈话, 谈话函询", TRUE);
  set_member (&spec->type, code);

  /* The persons talked to. */
  id_number = row_id_number (ctx, LD_TALK_COL_ID_NUMBER);
  if (name == NULL && id_number == NULL && value (ctx, LD_TALK_COL_ID_NUMBER) == NULL)
    row_error (ctx, LD_TALK_COL_PERSON,
               g_strdup (_("The person talked to is missing. Fill in the name, with the unit or the ID number.")));
  else if (id_number != NULL)
    {
      Cadre *cadre = NULL;
      guint n = 0;

      if (match_person (ctx, name, id_number, unit_text, &cadre, &n) == MATCH_NONE)
        row_error (ctx, LD_TALK_COL_ID_NUMBER,
                   g_strdup_printf (_("No cadre in your scope has the ID number %s. Add the cadre file first, or "
                                      "check the number."),
                                    id_number));
      else if (name != NULL && !g_str_equal (name, cadre->name))
        row_error (ctx, LD_TALK_COL_PERSON,
                   g_strdup_printf (_("The ID number %s belongs to %s on file, not to %s. Check the name and the "
                                      "number."),
                                    id_number, cadre->name, name));
      else
        {
          g_autofree char *shown = ld_import_scope_cadre_display (ctx->scope, cadre);

          ld_talk_spec_add_cadre (spec, cadre->id);
          g_string_append (persons, shown);
        }
    }
  else if (name != NULL)
    {
      g_auto(GStrv) names = split_names (name);

      for (guint i = 0; names[i] != NULL; i++)
        {
          Cadre *cadre = NULL;
          guint n = 0;

          switch (match_person (ctx, names[i], NULL, unit_text, &cadre, &n))
            {
            case MATCH_ONE:
              {
                g_autofree char *shown = ld_import_scope_cadre_display (ctx->scope, cadre);

                ld_talk_spec_add_cadre (spec, cadre->id);
                if (persons->len > 0)
                  g_string_append (persons, "、");
                g_string_append (persons, shown);
              }
              break;
            case MATCH_MANY:
              report_many (ctx, LD_TALK_COL_PERSON, names[i], unit_text, n);
              break;
            case MATCH_NONE:
            default:
              if (unit_text != NULL)
                row_error (ctx, LD_TALK_COL_PERSON,
                           /* Translators: a name, a unit name. */
                           g_strdup_printf (_("No cadre named %s in %s in your scope. Add the cadre file first, or "
                                              "check the name, the unit or the ID number."),
                                            names[i], unit_text));
              else
                row_error (ctx, LD_TALK_COL_PERSON,
                           g_strdup_printf (_("No cadre named %s in your scope. Add the cadre file first, or check "
                                              "the name."),
                                            names[i]));
              break;
            }
        }
    }
  row->row.persons = g_string_free (g_steal_pointer (&persons), FALSE);

  if ((text = value (ctx, LD_TALK_COL_TALKERS)) != NULL)
    {
      g_auto(GStrv) names = split_names (text);

      for (guint i = 0; names[i] != NULL; i++)
        ld_talk_spec_add_talker (spec, names[i]);
    }
  set_member (&spec->recorder, value (ctx, LD_TALK_COL_RECORDER));
  set_member (&spec->place, value (ctx, LD_TALK_COL_PLACE));
  set_member (&spec->reason, value (ctx, LD_TALK_COL_REASON));
  set_member (&spec->problems, value (ctx, LD_TALK_COL_PROBLEMS));
  set_member (&spec->attitude, value (ctx, LD_TALK_COL_ATTITUDE));
  set_member (&spec->outcome, value (ctx, LD_TALK_COL_OUTCOME));
  if (value (ctx, LD_TALK_COL_REMARKS) != NULL)
    {
      const char *explanation = value (ctx, LD_TALK_COL_EXPLANATION);

      g_free (spec->explanation);
      /* Translators: the explanation, then the remarks column. */
      spec->explanation = explanation != NULL
                            ? g_strdup_printf (_("%s\nRemarks: %s"), explanation, value (ctx, LD_TALK_COL_REMARKS))
                            : g_strdup_printf (_("Remarks: %s"), value (ctx, LD_TALK_COL_REMARKS));
    }
  else
    set_member (&spec->explanation, value (ctx, LD_TALK_COL_EXPLANATION));

  if ((text = value (ctx, LD_TALK_COL_CLUE)) != NULL)
    {
      if (!find_clue (ctx, text, &spec->clue_id, error))
        return FALSE;
      if (spec->clue_id == 0)
        row_error (ctx, LD_TALK_COL_CLUE,
                   g_strdup_printf (_("There is no clue %s in your scope. Check the clue number, or leave it out."),
                                    text));
    }

  /* Written explanation. */
  {
    g_autofree char *due = row_date (ctx, LD_TALK_COL_WRITTEN_DUE);
    g_autofree char *received = row_date (ctx, LD_TALK_COL_WRITTEN_RECEIVED);
    g_autofree char *followup = row_date (ctx, LD_TALK_COL_FOLLOWUP);

    spec->written_required = LD_TALK_WRITTEN_NONE;
    if ((text = value (ctx, LD_TALK_COL_WRITTEN)) != NULL)
      {
        LdTalkWritten written;
        int yes = parse_yes_no (text);

        if (yes >= 0)
          spec->written_required = yes ? LD_TALK_WRITTEN_EXPLANATION : LD_TALK_WRITTEN_NONE;
        else if (g_str_equal (text, "书面检查") || g_str_equal (text, "检查"))
          spec->written_required = LD_TALK_WRITTEN_SELF_EXAMINATION;
        else if (g_str_has_prefix (text, "书面说明") || g_str_equal (text, "说明"))
          spec->written_required = LD_TALK_WRITTEN_EXPLANATION;
        else if (ld_talk_written_from_string (text, &written))
          spec->written_required = written;
        else
          row_error (ctx, LD_TALK_COL_WRITTEN,
                     g_strdup_printf (_("Written explanation: “%s” is not understood. Write 是 or 否, 书面说明 or "
                                        "书面检查."),
                                      text));
      }
    else if (due != NULL || received != NULL)
      spec->written_required = LD_TALK_WRITTEN_EXPLANATION;
    set_member (&spec->written_due, due);
    set_member (&spec->written_received, received);
    set_member (&spec->followup_date, followup);
  }

  /* The same talk already on file (an import run twice, or a ledger
   * that grew since): an error, so that Skip invalid rows imports only
   * the new rows. The same talk twice in the file is only a warning. */
  if (!ctx->bad && spec->cadre_ids->len > 0)
    {
      gint64 first = g_array_index (spec->cadre_ids, gint64, 0);
      g_autofree char *key = g_strdup_printf ("%s %s %" G_GINT64_FORMAT, spec->talk_date, spec->type, first);
      g_autofree char *reg_no = NULL;
      gpointer earlier = g_hash_table_lookup (ctx->talk_keys, key);

      if (!find_same_talk (ctx, spec->talk_date, spec->type, first, &reg_no, error))
        return FALSE;
      if (reg_no != NULL)
        row_error (ctx, -1,
                   /* Translators: a talk's registration number. */
                   g_strdup_printf (_("This talk is already on file as %s. Leave the row out (Skip invalid rows "
                                      "imports only the new rows)."),
                                    reg_no));
      else if (earlier != NULL)
        row_warning (ctx, -1,
                     g_strdup_printf (_("Row %u holds a talk of the same type with the same person on the same day. "
                                        "Check that the row is not there twice."),
                                      GPOINTER_TO_UINT (earlier)));
      else
        g_hash_table_insert (ctx->talk_keys, g_steal_pointer (&key), GUINT_TO_POINTER (ctx->number));
    }

  /* Everything else the repository checks. */
  if (!ctx->bad)
    {
      g_auto(LdTalkSpec) clean = { 0 };
      g_autoptr(GError) local = NULL;

      if (!_ld_talk_spec_clean (spec, &clean, NULL, &local))
        row_error (ctx, -1, g_strdup (local->message));
      else
        {
          g_auto(GStrv) warnings = ld_talk_spec_check_warnings (&clean);

          for (guint i = 0; warnings[i] != NULL; i++)
            row_warning (ctx, -1, g_strdup (warnings[i]));
        }
    }
  return TRUE;
}

/* --- Petitions --------------------------------------------------------------------------- */

/* The unit in scope a petition row names (unique by name), or 0. */
static gint64
find_unit (Context    *ctx,
           const char *text,
           guint      *n_found)
{
  GHashTableIter iter;
  gpointer item;
  gint64 id = 0;
  guint exact = 0, loose = 0;
  gint64 exact_id = 0, loose_id = 0;

  g_hash_table_iter_init (&iter, ctx->scope->units);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    {
      Unit *unit = item;

      if (g_str_equal (unit->name, text) || (*unit->short_name != '\0' && g_str_equal (unit->short_name, text)))
        {
          exact++;
          exact_id = unit->id;
        }
      else if (ld_import_unit_matches (unit, text))
        {
          loose++;
          loose_id = unit->id;
        }
    }
  *n_found = exact > 0 ? exact : loose;
  if (exact == 1)
    id = exact_id;
  else if (exact == 0 && loose == 1)
    id = loose_id;
  return id;
}

static const char *
routing_code (const char *text)
{
  const char *code = ld_code_lookup (LD_CODE_TABLE_ROUTING, text);

  if (code != NULL)
    return code;
  if (g_str_has_prefix (text, "本级") || g_str_equal (text, "自办") || g_str_equal (text, "直办"))
    return "local";
  if (g_str_has_prefix (text, "上报") || g_str_has_prefix (text, "报送"))
    return "up";
  if (g_str_has_prefix (text, "转办") || g_str_has_prefix (text, "转交") || g_str_has_prefix (text, "交办"))
    return "down";
  return NULL;
}

static const char *
status_code (const char *text)
{
  const char *code = ld_code_lookup (LD_CODE_TABLE_PETITION_STATUS, text);

  if (code != NULL)
    return code;
  if (g_str_equal (text, "办理中") || g_str_equal (text, "正在办理") || g_str_equal (text, "在办"))
    return "accepted";
  if (g_str_equal (text, "已上报") || g_str_equal (text, "已转交"))
    return "routed";
  if (g_str_equal (text, "已结") || g_str_equal (text, "结案") || g_str_equal (text, "已办"))
    return "closed";
  if (g_str_equal (text, "待处理") || g_str_equal (text, "未办"))
    return "registered";
  return NULL;
}

static gboolean
reg_no_well_formed (const char *reg_no)
{
  const char *dash = strchr (reg_no, '-');

  return dash != NULL && dash - reg_no == 4 && strspn (reg_no, "0123456789") == 4 && strlen (dash + 1) >= 4
         && strspn (dash + 1, "0123456789") == strlen (dash + 1);
}

/* Whether a petition holds REG_NO; *received gets its received date. */
static gboolean
reg_no_taken (Context     *ctx,
              const char  *reg_no,
              gboolean    *taken,
              char       **received,
              GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (ctx->vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT received_date FROM petitions WHERE reg_no = ?", error);
  int rc;

  *received = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reg_no, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  if (*taken)
    *received = g_strdup (ld_sql_column_text (stmt, 0));
  return TRUE;
}

static gboolean
plan_petition (Context  *ctx,
               RowPlan  *row,
               GError  **error)
{
  LdPetitionSpec *spec = &row->petition;
  g_autofree char *received = NULL;
  g_autofree char *routed_date = NULL;
  g_autofree char *id_number = NULL;
  const char *name = value (ctx, LD_PETITION_COL_PERSON);
  const char *unit_text = value (ctx, LD_PETITION_COL_PERSON_UNIT);
  const char *post = value (ctx, LD_PETITION_COL_PERSON_POST);
  const char *text;
  const char *code;
  gint64 unit_id = 0;

  ld_petition_spec_init (spec);
  row->has_petition = TRUE;

  received = row_date (ctx, LD_PETITION_COL_RECEIVED);
  if (value (ctx, LD_PETITION_COL_RECEIVED) == NULL)
    row_error (ctx, LD_PETITION_COL_RECEIVED,
               g_strdup (_("The received date is missing. Fill it in, for example 2024-03-15.")));
  set_member (&spec->received_date, received);

  /* The registration number: kept when well formed and free. */
  if ((text = value (ctx, LD_PETITION_COL_REG_NO)) != NULL)
    {
      gboolean taken = FALSE;
      g_autofree char *taken_received = NULL;
      gpointer first = g_hash_table_lookup (ctx->reg_nos, text);

      if (!reg_no_well_formed (text))
        row_warning (ctx, LD_PETITION_COL_REG_NO,
                     g_strdup_printf (_("“%s” is not a registration number of the form 2026-0001, so the next free "
                                        "number is given."),
                                      text));
      else if (first != NULL)
        row_warning (ctx, LD_PETITION_COL_REG_NO,
                     g_strdup_printf (_("The registration number %s is also on row %u, so this row gets the next "
                                        "free number."),
                                      text, GPOINTER_TO_UINT (first)));
      else if (!reg_no_taken (ctx, text, &taken, &taken_received, error))
        return FALSE;
      else if (taken && received != NULL && g_strcmp0 (taken_received, received) == 0)
        /* The same number and day: this petition was imported before. */
        row_error (ctx, LD_PETITION_COL_REG_NO,
                   g_strdup_printf (_("The petition %s received on %s is already on file. Leave the row out (Skip "
                                      "invalid rows imports only the new rows)."),
                                    text, received));
      else if (taken)
        row_warning (ctx, LD_PETITION_COL_REG_NO,
                     g_strdup_printf (_("The registration number %s is already used in the vault, so the next free "
                                        "number is given."),
                                      text));
      else
        {
          row->reg_no = g_strdup (text);
          g_hash_table_insert (ctx->reg_nos, g_strdup (text), GUINT_TO_POINTER (ctx->number));
        }
    }

  code = lookup_code (ctx, LD_PETITION_COL_CHANNEL, LD_CODE_TABLE_CHANNEL, "来信, 来访, 来电, 12388, 网络", TRUE);
  set_member (&spec->channel, code);
  if (value (ctx, LD_PETITION_COL_KIND) != NULL)
    code = lookup_code (ctx, LD_PETITION_COL_KIND, LD_CODE_TABLE_PETITION_KIND, "检举控告, 申诉, 批评建议, 其他",
                        FALSE);
  else
    code = "accusation";
  set_member (&spec->kind, code);

  /* The reporter: straight into the spec, never into a message. */
  {
    g_autoptr(LdReporter) reporter = ld_reporter_new (value (ctx, LD_PETITION_COL_REPORTER),
                                                      value (ctx, LD_PETITION_COL_REPORTER_UNIT),
                                                      value (ctx, LD_PETITION_COL_REPORTER_CONTACT),
                                                      value (ctx, LD_PETITION_COL_REPORTER_ADDRESS),
                                                      value (ctx, LD_PETITION_COL_REPORTER_ID));
    int real = -1;

    if ((text = value (ctx, LD_PETITION_COL_REAL_NAME)) != NULL && (real = parse_yes_no (text)) < 0)
      row_error (ctx, LD_PETITION_COL_REAL_NAME,
                 g_strdup_printf (_("Real name: “%s” is not understood. Write 是 (real name) or 否 (anonymous)."),
                                  text));
    if (real < 0)
      real = value (ctx, LD_PETITION_COL_REPORTER) != NULL || value (ctx, LD_PETITION_COL_REPORTER_UNIT) != NULL;
    spec->real_name = real == 1;
    if (!ld_reporter_is_empty (reporter))
      ld_petition_spec_set_reporter (spec, reporter);
  }

  /* The person reported. */
  id_number = row_id_number (ctx, LD_PETITION_COL_ID_NUMBER);
  if (name != NULL && id_number == NULL && value (ctx, LD_PETITION_COL_ID_NUMBER) == NULL)
    {
      /* One or more names ("张三、李四"), each matched by name and unit. */
      g_auto(GStrv) names = split_names (name);
      g_autoptr(GString) persons = g_string_new (NULL);

      for (guint i = 0; names[i] != NULL; i++)
        {
          Cadre *cadre = NULL;
          guint n = 0;
          g_autofree char *shown = NULL;

          switch (match_person (ctx, names[i], NULL, unit_text, &cadre, &n))
            {
            case MATCH_ONE:
              ld_petition_spec_add_cadre (spec, cadre->id);
              if (unit_id == 0)
                unit_id = cadre->unit_id;
              shown = ld_import_scope_cadre_display (ctx->scope, cadre);
              break;
            case MATCH_MANY:
              report_many (ctx, LD_PETITION_COL_PERSON, names[i], unit_text, n);
              break;
            case MATCH_NONE:
            default:
              ld_petition_spec_add_person (spec, names[i], unit_text, post);
              /* Translators: a person's name; the person has no cadre file. */
              shown = g_strdup_printf (_("%s (not on file)"), names[i]);
              break;
            }
          if (shown != NULL)
            {
              if (persons->len > 0)
                g_string_append (persons, "、");
              g_string_append (persons, shown);
            }
        }
      row->row.persons = g_string_free (g_steal_pointer (&persons), FALSE);
    }
  else if (name != NULL || id_number != NULL)
    {
      Cadre *cadre = NULL;
      guint n = 0;
      Match match = match_person (ctx, name, id_number, unit_text, &cadre, &n);

      if (match == MATCH_ONE && id_number != NULL && name != NULL && !g_str_equal (name, cadre->name))
        row_error (ctx, LD_PETITION_COL_PERSON,
                   g_strdup_printf (_("The ID number %s belongs to %s on file, not to %s. Check the name and the "
                                      "number."),
                                    id_number, cadre->name, name));
      else if (match == MATCH_ONE)
        {
          ld_petition_spec_add_cadre (spec, cadre->id);
          unit_id = cadre->unit_id;
          row->row.persons = ld_import_scope_cadre_display (ctx->scope, cadre);
        }
      else if (match == MATCH_MANY)
        report_many (ctx, LD_PETITION_COL_PERSON, name, unit_text, n);
      else if (name == NULL)
        row_error (ctx, LD_PETITION_COL_PERSON,
                   g_strdup_printf (_("No cadre in your scope has the ID number %s, and the row names no person. "
                                      "Fill in the name of the person reported."),
                                    id_number));
      else
        {
          ld_petition_spec_add_person (spec, name, unit_text, post);
          /* Translators: a person's name; the person has no cadre file. */
          row->row.persons = g_strdup_printf (_("%s (not on file)"), name);
        }
    }
  if (unit_id == 0 && unit_text != NULL)
    {
      guint n = 0;

      unit_id = find_unit (ctx, unit_text, &n);
      if (unit_id == 0 && n > 1)
        row_error (ctx, LD_PETITION_COL_PERSON_UNIT,
                   g_strdup_printf (_("Several units in your scope are named “%s”. Give the unit's full name."),
                                    unit_text));
      else if (unit_id == 0)
        row_error (ctx, LD_PETITION_COL_PERSON_UNIT,
                   g_strdup_printf (_("There is no unit named “%s” in your scope. Write the unit as it is named in "
                                      "Liandang, or add it first."),
                                    unit_text));
    }
  else if (unit_id == 0 && !ctx->bad)
    row_error (ctx, LD_PETITION_COL_PERSON_UNIT,
               g_strdup (_("The unit concerned is missing. Fill in the unit of the person reported.")));
  spec->unit_id = unit_id;

  if ((text = value (ctx, LD_PETITION_COL_CATEGORIES)) != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *codes = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, text, &local);

      if (codes == NULL)
        row_warning (ctx, LD_PETITION_COL_CATEGORIES,
                     g_strdup_printf (_("Problem categories: %s The categories are left out; set them on the "
                                        "petition later."),
                                      local->message));
      else
        set_member (&spec->categories, codes);
    }

  set_member (&spec->full_text, value (ctx, LD_PETITION_COL_FULL_TEXT));
  if (value (ctx, LD_PETITION_COL_REMARKS) != NULL)
    {
      g_autofree char *joined = *spec->full_text != '\0'
                                  ? g_strdup_printf (_("%s\nRemarks: %s"), spec->full_text,
                                                     value (ctx, LD_PETITION_COL_REMARKS))
                                  : g_strdup_printf (_("Remarks: %s"), value (ctx, LD_PETITION_COL_REMARKS));

      set_member (&spec->full_text, joined);
    }
  if ((text = value (ctx, LD_PETITION_COL_SUMMARY)) != NULL)
    set_member (&spec->summary, text);
  else if (value (ctx, LD_PETITION_COL_FULL_TEXT) != NULL)
    {
      /* The first line of the content, shortened. */
      g_autofree char *line = g_strndup (value (ctx, LD_PETITION_COL_FULL_TEXT),
                                         strcspn (value (ctx, LD_PETITION_COL_FULL_TEXT), "\r\n"));
      glong n = g_utf8_strlen (line, -1);

      if (n > 60)
        {
          char *end = g_utf8_offset_to_pointer (line, 60);

          *end = '\0';
        }
      set_member (&spec->summary, line);
    }
  else
    row_error (ctx, LD_PETITION_COL_SUMMARY,
               g_strdup (_("The summary is missing. Fill in what the petition reports, in one line.")));

  /* Routing and status. */
  if ((text = value (ctx, LD_PETITION_COL_ROUTING)) != NULL)
    {
      code = routing_code (text);
      if (code == NULL)
        row_error (ctx, LD_PETITION_COL_ROUTING,
                   g_strdup_printf (_("Routing: “%s” is not understood. Write 本级, 上报 or 转办."), text));
      else
        set_member (&spec->routing, code);
    }
  routed_date = row_date (ctx, LD_PETITION_COL_ROUTED_DATE);
  set_member (&spec->routed_to, value (ctx, LD_PETITION_COL_ROUTED_TO));
  set_member (&spec->routed_date, routed_date);

  if ((text = value (ctx, LD_PETITION_COL_STATUS)) != NULL)
    {
      code = status_code (text);
      if (code == NULL)
        row_error (ctx, LD_PETITION_COL_STATUS,
                   g_strdup_printf (_("Status: “%s” is not understood. Write 已登记, 已受理, 已转办, 存档, 不予受理 or "
                                      "已办结."),
                                    text));
      else
        row->status = g_strdup (code);
    }
  row->closed_date = row_date (ctx, LD_PETITION_COL_CLOSED);
  if ((text = value (ctx, LD_PETITION_COL_RESULT)) != NULL)
    {
      code = ld_code_lookup (LD_CODE_TABLE_CLUE_RESULT, text);
      if (code == NULL)
        row_error (ctx, LD_PETITION_COL_RESULT,
                   g_strdup_printf (_("Result: “%s” is not understood. Write 查实, 部分属实, 失实 or 无法查实."), text));
      else
        row->result = g_strdup (code);
    }
  if (row->status == NULL && row->closed_date != NULL && row->result != NULL)
    row->status = g_strdup ("closed");
  if (row->status == NULL && spec->routing != NULL && !g_str_equal (spec->routing, "local"))
    row->status = g_strdup ("routed");
  if (g_strcmp0 (row->status, "registered") == 0)
    g_clear_pointer (&row->status, g_free);
  if (g_strcmp0 (row->status, "closed") == 0 && (row->closed_date == NULL || row->result == NULL))
    row_error (ctx, LD_PETITION_COL_STATUS,
               g_strdup (_("A closed petition needs its closing date (办结日期) and its result (办理结果). Fill them "
                           "in, or give the status it had before closing.")));
  if (g_strcmp0 (row->status, "routed") == 0
      && (spec->routing == NULL || g_str_equal (spec->routing, "local") || *spec->routed_to == '\0'
          || *spec->routed_date == '\0'))
    row_error (ctx, LD_PETITION_COL_ROUTING,
               g_strdup (_("A forwarded petition needs the routing (上报 or 转办), the unit it went to (转办单位) and "
                           "the forwarding date (转办日期).")));
  if (g_strcmp0 (row->status, "routed") == 0)
    {
      /* The move sets the routing: the petition starts registered locally. */
    }
  if (value (ctx, LD_PETITION_COL_FEEDBACK) != NULL)
    row_warning (ctx, LD_PETITION_COL_FEEDBACK,
                 g_strdup (_("The feedback date is not imported. Record the feedback on the petition after the "
                             "import.")));

  if (!ctx->bad)
    {
      g_auto(LdPetitionSpec) clean = { 0 };
      g_autoptr(GError) local = NULL;

      if (!_ld_petition_spec_clean (spec, &clean, NULL, &local))
        row_error (ctx, -1, g_strdup (local->message));
    }
  return TRUE;
}

/* --- Plan ------------------------------------------------------------------------------- */

/* The cell at table row index ROW, or for an empty cell inside a merged
 * range (a date or a unit merged over the rows of one batch of talks) the
 * range's value. */
static const char *
cell_text (LdLedgerPlan *plan,
           guint        *row,
           guint         column)
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
  if (index == NULL || GPOINTER_TO_UINT (index) - 1 <= ld_ledger_mapping_get_header_row (plan->mapping))
    return cell;
  *row = GPOINTER_TO_UINT (index) - 1;
  return ld_table_get_cell (plan->table, *row, column);
}

/* The row's text per field: normalised (long texts keep their lines),
 * dates from Excel serials in the 1904 system shifted. */
static char **
read_values (LdLedgerPlan *plan,
             guint         table_row)
{
  guint n_fields = ld_ledger_n_fields (plan->kind);
  char **values = g_new0 (char *, n_fields + 1);

  for (guint c = 0; c < ld_ledger_mapping_get_n_columns (plan->mapping); c++)
    {
      int field = ld_ledger_mapping_get_field (plan->mapping, c);
      const FieldInfo *info = field_info (plan->kind, field);
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
      if ((info->flags & (FLAG_DATE | FLAG_SERIAL)) && ld_table_get_date1904 (plan->table)
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
display_cells (LdLedgerPlan *plan,
               char        **values)
{
  guint n_fields = ld_ledger_n_fields (plan->kind);
  char **cells = g_new0 (char *, n_fields + 1);

  /* Every field gets a string ("" when empty), so g_strfreev frees all. */
  for (guint f = 0; f < n_fields; f++)
    {
      const char *text = values[f];

      if (text == NULL)
        cells[f] = g_strdup ("");
      else if (ld_ledger_field_is_reporter (plan->kind, (int) f))
        cells[f] = f == LD_PETITION_COL_REPORTER ? ld_mask_name (text) : ld_mask_text (text);
      else
        cells[f] = g_strdup (text);
    }
  return cells;
}

static void
free_values (char   **values,
             guint    n)
{
  for (guint i = 0; i < n; i++)
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

LdLedgerPlan *
ld_ledger_plan_new (LdVault                *vault,
                    LdLedgerKind            kind,
                    const char             *path,
                    const LdLedgerOptions  *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_auto(LdImportScope) scope = { 0 };
  g_autoptr(GHashTable) reg_nos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) talk_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  LdLedgerOptions defaults = { 0 };
  Context ctx = { 0 };
  guint n_fields = ld_ledger_n_fields (kind);

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return NULL;

  plan = g_new0 (LdLedgerPlan, 1);
  plan->kind = kind;
  plan->path = g_strdup (path);
  plan->skip_invalid = options->skip_invalid;
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_plan_free);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_import_problem_free);

  plan->table = ld_table_read_file (path, cancellable, error);
  if (plan->table == NULL)
    return NULL;
  plan->sha256 = g_strdup (ld_table_get_sha256 (plan->table));

  if (options->mapping != NULL)
    {
      g_return_val_if_fail (ld_ledger_mapping_get_kind (options->mapping) == kind, NULL);
      plan->mapping = ld_ledger_mapping_copy (options->mapping);
    }
  else
    {
      g_autofree char *remembered_text = NULL;

      plan->mapping = ld_ledger_detect (kind, plan->table, error);
      if (plan->mapping == NULL)
        return NULL;
      if (!ld_import_load_setting (vault, ld_ledger_mapping_setting (kind), &remembered_text, error))
        return NULL;
      if (remembered_text != NULL)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(LdLedgerMapping) remembered = ld_ledger_mapping_from_string (kind, remembered_text, &local);

          if (remembered != NULL)
            ld_ledger_mapping_apply (plan->mapping, remembered);
          else
            g_debug ("Ignoring the remembered mapping: %s", local->message);
        }
    }

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
  ctx.reg_nos = reg_nos;
  ctx.talk_keys = talk_keys;
  ctx.today = today;
  if (!ld_import_scope_load (&scope, vault, error))
    return NULL;

  for (guint i = ld_ledger_mapping_get_header_row (plan->mapping) + 1; i < ld_table_get_n_rows (plan->table); i++)
    {
      RowPlan *row = g_new0 (RowPlan, 1);
      gboolean ok;

      g_ptr_array_add (plan->rows, row);
      ctx.number = ld_table_get_row_number (plan->table, i);
      ctx.values = read_values (plan, i);
      ctx.bad = FALSE;
      row->row.row_number = ctx.number;
      row->row.cells = display_cells (plan, ctx.values);
      if (kind == LD_LEDGER_TALKS)
        ok = plan_talk (&ctx, row, error);
      else
        ok = plan_petition (&ctx, row, error);
      free_values (ctx.values, n_fields);
      ctx.values = NULL;
      if (!ok)
        return NULL;
      if (row->row.persons == NULL)
        row->row.persons = g_strdup ("");
      row->row.valid = !ctx.bad;
      if (ctx.bad)
        plan->n_invalid++;
      else
        plan->n_valid++;
      if ((i + 1) % PROGRESS_STEP == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  g_ptr_array_sort (plan->problems, compare_problems);
  return g_steal_pointer (&plan);
}

/* --- Getters ------------------------------------------------------------------------------ */

LdLedgerKind
ld_ledger_plan_get_kind (LdLedgerPlan *plan)
{
  return plan->kind;
}

const char *
ld_ledger_plan_get_path (LdLedgerPlan *plan)
{
  return plan->path;
}

const char *
ld_ledger_plan_get_sha256 (LdLedgerPlan *plan)
{
  return plan->sha256;
}

const LdLedgerMapping *
ld_ledger_plan_get_mapping (LdLedgerPlan *plan)
{
  return plan->mapping;
}

const LdTable *
ld_ledger_plan_get_table (LdLedgerPlan *plan)
{
  return plan->table;
}

GPtrArray *
ld_ledger_plan_get_rows (LdLedgerPlan *plan)
{
  return plan->rows;
}

GPtrArray *
ld_ledger_plan_get_problems (LdLedgerPlan *plan)
{
  return plan->problems;
}

void
ld_ledger_plan_get_counts (LdLedgerPlan *plan,
                           guint        *n_valid,
                           guint        *n_invalid)
{
  if (n_valid != NULL)
    *n_valid = plan->n_valid;
  if (n_invalid != NULL)
    *n_invalid = plan->n_invalid;
}

gboolean
ld_ledger_plan_can_commit (LdLedgerPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return (plan->n_invalid == 0 || plan->skip_invalid) && plan->n_valid > 0;
}

static void
append_problems (GString          *out,
                 LdLedgerPlan     *plan,
                 LdRosterSeverity  severity)
{
  for (guint i = 0; i < plan->problems->len; i++)
    {
      LdLedgerProblem *problem = g_ptr_array_index (plan->problems, i);

      if (problem->severity != severity)
        continue;
      if (problem->field >= 0)
        g_string_append_printf (out, _("  Row %u (%s): %s\n"), problem->row_number,
                                ld_ledger_field_get_label (plan->kind, problem->field), problem->message);
      else
        g_string_append_printf (out, _("  Row %u: %s\n"), problem->row_number, problem->message);
    }
}

char *
ld_ledger_plan_format_report (LdLedgerPlan *plan)
{
  g_autofree char *base = NULL;
  GString *out = g_string_new (NULL);
  guint n_errors = 0, n_warnings = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  base = g_path_get_basename (plan->path);
  if (plan->kind == LD_LEDGER_TALKS)
    g_string_append_printf (out, _("Talk ledger “%s” (SHA-256 %s)\n"), base, plan->sha256);
  else
    g_string_append_printf (out, _("Petition ledger “%s” (SHA-256 %s)\n"), base, plan->sha256);
  g_string_append_printf (out, _("Header row: %u; data rows: %u\n"),
                          ld_ledger_mapping_get_header_row_number (plan->mapping), plan->rows->len);
  if (plan->kind == LD_LEDGER_TALKS)
    g_string_append_printf (out, _("Talks to import: %u\n"), plan->n_valid);
  else
    g_string_append_printf (out, _("Petitions to import: %u\n"), plan->n_valid);
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
save_mapping (LdVault       *vault,
              LdLedgerPlan  *plan,
              GError       **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *text = ld_ledger_mapping_to_string (plan->mapping);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ld_ledger_mapping_setting (plan->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

static gboolean
commit_petition (LdVault  *vault,
                 RowPlan  *row,
                 GError  **error)
{
  gint64 id = 0;
  gboolean routed = g_strcmp0 (row->status, "routed") == 0;
  LdPetitionSpec forwarded;
  const LdPetitionSpec *spec = &row->petition;

  /* A forwarded petition is registered here first, then moved: the move
   * records where it went and when. (A shallow copy: row->petition still
   * owns every string.) */
  if (routed)
    {
      forwarded = row->petition;
      forwarded.routing = (char *) "local";
      forwarded.routed_to = NULL;
      forwarded.routed_date = NULL;
      spec = &forwarded;
    }
  if (!_ld_petition_insert_in_tx (vault, spec, row->reg_no, LD_AUDIT_PETITION_IMPORTED, FALSE, &id, NULL, error))
    return FALSE;
  if (row->status == NULL)
    return TRUE;
  if (routed)
    {
      LdPetitionMove move = { .status = "routed", .date = row->petition.routed_date,
                              .routing = row->petition.routing, .routed_to = row->petition.routed_to };

      return _ld_petition_move_in_tx (vault, id, &move, FALSE, error);
    }
  if (g_str_equal (row->status, "closed") || g_str_equal (row->status, "accepted"))
    {
      LdPetitionMove accept = { .status = "accepted" };

      if (!_ld_petition_move_in_tx (vault, id, &accept, FALSE, error))
        return FALSE;
      if (g_str_equal (row->status, "closed"))
        {
          LdPetitionMove close = { .status = "closed", .date = row->closed_date, .result = row->result };

          return _ld_petition_move_in_tx (vault, id, &close, FALSE, error);
        }
      return TRUE;
    }
  {
    LdPetitionMove move = { .status = row->status };

    return _ld_petition_move_in_tx (vault, id, &move, FALSE, error);
  }
}

gboolean
ld_ledger_plan_commit (LdVault       *vault,
                       LdLedgerPlan  *plan,
                       void         (*progress) (guint    done,
                                                 guint    total,
                                                 gpointer user_data),
                       gpointer       progress_data,
                       GCancellable  *cancellable,
                       guint         *n_imported,
                       GError       **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  g_autofree char *details = NULL;
  guint imported = 0, skipped = 0, total;

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
  if (!ld_ledger_plan_can_commit (plan))
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
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _ld_vault_rollback (vault);
          return FALSE;
        }
      if (!row->row.valid)
        skipped++;
      else
        {
          if (plan->kind == LD_LEDGER_TALKS)
            ok = _ld_talk_insert_in_tx (vault, &row->talk, LD_AUDIT_TALK_IMPORTED, FALSE, NULL, NULL, error);
          else
            ok = commit_petition (vault, row, error);
          if (!ok)
            {
              /* Translators: a row number in the file; an error message follows. */
              g_prefix_error (error, _("Row %u: "), row->row.row_number);
              _ld_vault_rollback (vault);
              return FALSE;
            }
          imported++;
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
  details = g_strdup_printf ("file=%s; sha256=%s; imported=%u; skipped=%u", base, sha256, imported, skipped);
  if (!save_mapping (vault, plan, error)
      || !ld_audit_append (vault, plan->kind == LD_LEDGER_TALKS ? LD_AUDIT_IMPORT_TALKS : LD_AUDIT_IMPORT_PETITIONS,
                           "file", base, LD_AUDIT_OUTCOME_OK, details, error))
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
