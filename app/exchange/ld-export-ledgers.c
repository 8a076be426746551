/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export-ledgers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "exchange/ld-export-private.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-cadre.h"
#include "records/ld-four-forms.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-recommendation-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-measure-tables.h"

/* The ledgers of the measures, opinion replies, rectification items and
 * recommendations, and the four-forms statistics table (issue 6).
 *
 * Everything is read through the record repositories and the statistics
 * API, which apply the session's scopes and permissions; nothing here
 * talks SQL. The period (request->from / to) applies to the date a clerk
 * files the record under:
 *   measures         the decision date (the repository's own filter);
 *   opinion replies  the date of the request letter;
 *   ledger items     the registration date (the items carry no other
 *                    date of their own: the deadline is a target);
 *   recommendations  the issue date (a draft has none: it is listed
 *                    only when the period is open at both ends);
 *   four forms       the decision date of the measures counted; without
 *                    a period, the current year up to today.
 * Rows go in the order a clerk enters them in a ledger: oldest first
 * (decision date, request date, registration), not the newest-first
 * order of the record pages. */

/* Progress entries shown in a ledger item's row, newest first. */
#define LEDGER_PROGRESS_SHOWN 3
/* Quarters of the four-forms trend sheet. */
#define TREND_QUARTERS 8

/* --- Rows ------------------------------------------------------------------------- */

/* One row of cells being filled: owned strings, NULL = blank. */
typedef struct
{
  GPtrArray *cells;
} Row;

static void
row_init (Row *row)
{
  row->cells = g_ptr_array_new_with_free_func (g_free);
}

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->cells, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static void
row_add (Row        *row,
         const char *text)
{
  g_ptr_array_add (row->cells, g_strdup (text));
}

static void
row_take (Row  *row,
          char *text)
{
  g_ptr_array_add (row->cells, text);
}

static void
row_add_int (Row    *row,
             gint64  n)
{
  row_take (row, g_strdup_printf ("%" G_GINT64_FORMAT, n));
}

/* A fraction for a PERCENT cell ("0.625"): fixed-point in the C locale,
 * nine decimals at most (the writer takes up to 15 digits, never an
 * exponent). */
static void
row_add_fraction (Row    *row,
                  double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.9f", value);
  end = buffer + strlen (buffer);
  while (end > buffer && end[-1] == '0')
    *--end = '\0';
  if (end > buffer && end[-1] == '.')
    *--end = '\0';
  if (g_str_equal (buffer, "-0"))
    g_strlcpy (buffer, "0", sizeof buffer);
  row_add (row, buffer);
}

static void
row_add_yes_no (Row      *row,
                gboolean  yes)
{
  row_add (row, yes ? _("Yes") : _("No"));
}

/* Writes the row (it must have one cell per column) and starts it anew. */
static gboolean
row_write (Row              *row,
           LdExportContext  *ctx,
           guint             n_columns,
           const char       *detail,
           GError          **error)
{
  gboolean ok;

  g_assert (row->cells->len == n_columns);
  ok = ld_xlsx_writer_add_row (ctx->writer, (const char * const *) row->cells->pdata, error);
  g_ptr_array_set_size (row->cells, 0);
  return ok && _ld_export_tick (ctx, detail, error);
}

/* Starts a table sheet with the standard layout and records its columns
 * for the audit entry. */
static gboolean
begin_table (LdExportContext     *ctx,
             const char          *name,
             const char          *title,
             const LdXlsxColumn  *columns,
             guint                n_columns,
             GError             **error)
{
  if (!ld_xlsx_writer_begin_sheet (ctx->writer, name, title, ctx->scope_line, columns, n_columns,
                                   LD_XLSX_SHEET_NONE, error))
    return FALSE;
  _ld_export_add_columns (ctx, name, columns, n_columns);
  return TRUE;
}

/* --- Dates ------------------------------------------------------------------------ */

static char *
date_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "YYYY-MM-DD…" into date; FALSE when it is not a real date. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned y = 0, m = 0, d = 0;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/* The local date of unix seconds, "YYYY-MM-DD" ("" for 0). */
static char *
local_date (gint64 seconds)
{
  g_autoptr(GDateTime) when = NULL;

  if (seconds <= 0)
    return g_strdup ("");
  when = g_date_time_new_from_unix_local (seconds);
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("");
}

/* Reverses the repositories' newest-first lists. */
static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer swap = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = swap;
    }
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* --- Measures (处理处分台账) ------------------------------------------------------ */

static const char *
open_ended_text (void)
{
  /* Translators: an effect period without an end date in a ledger (停职检查
   * until lifted): 长期 */
  return C_("ledger effect end", "Open-ended");
}

static const char *
permanent_text (void)
{
  /* Translators: an effect period that never ends (开除); shared with the
   * measures page */
  return C_("effect end", "Permanent");
}

/* The violation categories' labels joined with "、". */
static char *
categories_text (const char *codes)
{
  g_auto(GStrv) parts = g_strsplit (nonnull (codes), ",", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      label = ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, parts[i]);
      if (text->len > 0)
        /* Translators: between two items of a list in a cell, "、" */
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, label != NULL ? label : parts[i]);
    }
  return g_string_free (text, FALSE);
}

static const char *
post_level_text (const char *code)
{
  const char *label;

  if (code == NULL || *code == '\0')
    return "";
  label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, code);
  return label != NULL ? label : code;
}

/* The end of the measure's effect period: "" none, the date, or text. */
static const char *
effect_end_text (LdMeasure *measure)
{
  const char *end = ld_measure_get_effect_end (measure);
  const LdMeasureCode *code;

  if (end == NULL || *end == '\0')
    return "";
  if (!g_str_equal (end, LD_MEASURE_EFFECT_PERMANENT))
    return end;
  code = ld_measure_code_find (ld_measure_get_code (measure));
  if (code != NULL && code->effect == LD_EFFECT_UNTIL_LIFTED)
    return open_ended_text ();
  return permanent_text ();
}

/* The cadre's promotion block as of today over all the cadre's measures:
 * "" when not blocked, a date, or text. */
static char *
block_text (LdVault *vault,
            gint64   cadre_id)
{
  g_auto(LdPromotionBlock) block = { 0 };
  g_autoptr(GError) local = NULL;

  /* A cadre moved out of the session's scopes since: leave it blank. */
  if (!ld_measure_repository_promotion_block (vault, cadre_id, NULL, &block, &local))
    return g_strdup ("");
  if (!block.blocked)
    return g_strdup ("");
  if (block.permanent)
    return g_strdup (permanent_text ());
  if (block.open_ended || !g_date_valid (&block.until))
    return g_strdup (open_ended_text ());
  return date_text (&block.until);
}

gboolean
_ld_export_measures (LdExportContext  *ctx,
                     GError          **error)
{
  const LdXlsxColumn columns[] = {
    /* Translators: columns of the measures ledger (处理处分台账): 序号 */
    { C_("measures ledger", "No."), LD_XLSX_INTEGER },
    /* Translators: 登记号 */
    { C_("measures ledger", "Registration number"), LD_XLSX_CODE },
    /* Translators: 姓名 */
    { C_("measures ledger", "Name"), LD_XLSX_TEXT },
    /* Translators: 单位 */
    { C_("measures ledger", "Unit"), LD_XLSX_TEXT },
    /* Translators: 职务 */
    { C_("measures ledger", "Post"), LD_XLSX_TEXT },
    /* Translators: 处理时职级 (the post level on the decision date) */
    { C_("measures ledger", "Post level at decision"), LD_XLSX_TEXT },
    /* Translators: 处理处分 */
    { C_("measures ledger", "Measure"), LD_XLSX_TEXT },
    /* Translators: 形态 */
    { C_("measures ledger", "Form"), LD_XLSX_TEXT },
    /* Translators: 类别 */
    { C_("measures ledger", "Kind"), LD_XLSX_TEXT },
    /* Translators: 决定日期 */
    { C_("measures ledger", "Decision date"), LD_XLSX_DATE },
    /* Translators: 生效日期 */
    { C_("measures ledger", "Effective date"), LD_XLSX_DATE },
    /* Translators: 决定机关 */
    { C_("measures ledger", "Deciding authority"), LD_XLSX_TEXT },
    /* Translators: 文号 */
    { C_("measures ledger", "Document number"), LD_XLSX_CODE },
    /* Translators: 来源 (the clue, petition or talk) */
    { C_("measures ledger", "Source"), LD_XLSX_TEXT },
    /* Translators: 违纪违法类别 */
    { C_("measures ledger", "Violation categories"), LD_XLSX_TEXT },
    /* Translators: 是否问责 */
    { C_("measures ledger", "Accountability"), LD_XLSX_TEXT },
    /* Translators: 影响期起 */
    { C_("measures ledger", "Effect from"), LD_XLSX_DATE },
    /* Translators: 影响期至 */
    { C_("measures ledger", "Effect until"), LD_XLSX_DATE },
    /* Translators: 状态 (in force, lifted, changed, revoked) */
    { C_("measures ledger", "Status"), LD_XLSX_TEXT },
    /* Translators: 状态日期 (lifted / changed / revoked on) */
    { C_("measures ledger", "Status date"), LD_XLSX_DATE },
    /* Translators: 影响提拔使用至: the cadre's block over all of the
     * cadre's measures, as of the export date */
    { C_("measures ledger", "Promotion blocked until"), LD_XLSX_DATE },
  };
  const char *sheet = C_("sheet", "Measures");
  LdMeasureFilter filter;
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GArray) cadre_ids = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GHashTable) posts = NULL;
  g_autoptr(GHashTable) blocks = NULL;
  g_auto(Row) row = { 0 };

  ld_measure_filter_init (&filter);
  filter.unit_id = ctx->request->unit_id;
  filter.with_subunits = TRUE;
  filter.date_from = ctx->request->from;
  filter.date_to = ctx->request->to;
  measures = ld_measure_repository_list (ctx->vault, &filter, error);
  if (measures == NULL)
    return FALSE;
  reverse (measures);
  _ld_export_set_total (ctx, measures->len);

  /* The cadres' current posts, in one read (no file view is audited). */
  posts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  blocks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < measures->len; i++)
    {
      gint64 id = ld_measure_get_cadre_id (g_ptr_array_index (measures, i));

      if (!g_hash_table_contains (posts, &id))
        {
          g_hash_table_insert (posts, g_memdup2 (&id, sizeof id), g_strdup (""));
          g_array_append_val (cadre_ids, id);
        }
    }
  cadres = ld_cadre_repository_get_many (ctx->vault, (const gint64 *) (gpointer) cadre_ids->data, cadre_ids->len,
                                         error);
  if (cadres == NULL)
    return FALSE;
  for (guint i = 0; i < cadres->len; i++)
    {
      LdCadre *cadre = g_ptr_array_index (cadres, i);
      gint64 id = ld_cadre_get_id (cadre);

      g_hash_table_insert (posts, g_memdup2 (&id, sizeof id), g_strdup (nonnull (ld_cadre_get_post (cadre))));
    }

  if (!begin_table (ctx, sheet, ld_export_kind_get_title (LD_EXPORT_MEASURES), columns, G_N_ELEMENTS (columns),
                    error))
    return FALSE;
  row_init (&row);
  for (guint i = 0; i < measures->len; i++)
    {
      LdMeasure *m = g_ptr_array_index (measures, i);
      gint64 cadre_id = ld_measure_get_cadre_id (m);
      const char *end = effect_end_text (m);
      const char *block = g_hash_table_lookup (blocks, &cadre_id);

      if (block == NULL)
        {
          char *text = block_text (ctx->vault, cadre_id);

          g_hash_table_insert (blocks, g_memdup2 (&cadre_id, sizeof cadre_id), text);
          block = text;
        }
      row_add_int (&row, i + 1);
      row_add (&row, ld_measure_get_reg_no (m));
      row_add (&row, ld_measure_get_cadre_name (m));
      row_add (&row, ld_measure_get_unit_name (m));
      row_add (&row, g_hash_table_lookup (posts, &cadre_id));
      row_add (&row, post_level_text (ld_measure_get_post_level (m)));
      row_add (&row, ld_measure_get_code_label (m));
      row_add (&row, ld_measure_get_form_label (m));
      row_add (&row, ld_measure_get_category_label (m));
      row_add (&row, ld_measure_get_decision_date (m));
      row_add (&row, ld_measure_get_effective_date (m));
      row_add (&row, ld_measure_get_authority (m));
      row_add (&row, ld_measure_get_doc_no (m));
      row_add (&row, ld_measure_get_source_label (m));
      row_take (&row, categories_text (ld_measure_get_categories (m)));
      row_add_yes_no (&row, ld_measure_get_accountability (m));
      row_add (&row, *end != '\0' ? ld_measure_get_effective_date (m) : "");
      row_add (&row, end);
      row_add (&row, ld_measure_get_status_label (m));
      row_add (&row, ld_measure_get_status_date (m));
      row_add (&row, block);
      if (!row_write (&row, ctx, G_N_ELEMENTS (columns), ld_measure_get_cadre_name (m), error))
        return FALSE;
    }
  return TRUE;
}

/* --- Opinion replies (党风廉政意见回复台账) ------------------------------------- */

/* The explanation of the reply table, as the reply letter writes it: the
 * reasons of the check, then the reason for a changed decision. */
static char *
item_explanation (LdOpinionItem *item)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ld_opinion_item_get_n_reasons (item); i++)
    {
      if (i > 0)
        /* Translators: between two facts in the reply table, "；" */
        g_string_append (out, _("; "));
      g_string_append (out, ld_opinion_item_get_reason_text (item, i));
    }
  if (ld_opinion_item_get_changed (item) && *ld_opinion_item_get_change_reason (item) != '\0')
    {
      if (out->len > 0)
        g_string_append (out, _("; "));
      g_string_append (out, ld_opinion_item_get_change_reason (item));
    }
  return g_string_free (out, FALSE);
}

/* The reasons one a line, and the reason for a changed decision. */
static char *
item_reasons (LdOpinionItem *item)
{
  GString *out = g_string_new (ld_opinion_item_get_reasons_text (item));

  if (ld_opinion_item_get_changed (item) && *ld_opinion_item_get_change_reason (item) != '\0')
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: the reason an opinion differs from the check's proposal */
      g_string_append_printf (out, _("Changed from the proposal: %s"), ld_opinion_item_get_change_reason (item));
    }
  return g_string_free (out, FALSE);
}

/* The opinion shown: the decision, else the proposal of the check marked
 * as such, else "". */
static char *
item_opinion (LdOpinionItem *item)
{
  if (ld_opinion_item_get_decision (item) < LD_N_OPINIONS)
    return g_strdup (ld_opinion_item_get_decision_label (item));
  if (ld_opinion_item_get_proposal (item) < LD_N_OPINIONS)
    /* Translators: an opinion proposed by the check, not decided yet */
    return g_strdup_printf (_("%s (proposed)"), ld_opinion_item_get_proposal_label (item));
  return g_strdup ("");
}

gboolean
_ld_export_opinions (LdExportContext  *ctx,
                     GError          **error)
{
  const LdXlsxColumn columns[] = {
    /* Translators: columns of the opinion replies ledger (党风廉政意见回复台账): 序号 */
    { C_("opinions ledger", "No."), LD_XLSX_INTEGER },
    /* Translators: 登记号 (of the request) */
    { C_("opinions ledger", "Request number"), LD_XLSX_CODE },
    /* Translators: 征求意见单位 */
    { C_("opinions ledger", "Requested by"), LD_XLSX_TEXT },
    /* Translators: 来函文号 */
    { C_("opinions ledger", "Document number"), LD_XLSX_CODE },
    /* Translators: 征求事由 */
    { C_("opinions ledger", "Purpose"), LD_XLSX_TEXT },
    /* Translators: 来函日期 */
    { C_("opinions ledger", "Request date"), LD_XLSX_DATE },
    /* Translators: 回复时限 */
    { C_("opinions ledger", "Reply due"), LD_XLSX_DATE },
    /* Translators: 姓名 */
    { C_("opinions ledger", "Name"), LD_XLSX_TEXT },
    /* Translators: 单位 */
    { C_("opinions ledger", "Unit"), LD_XLSX_TEXT },
    /* Translators: 职务 */
    { C_("opinions ledger", "Post"), LD_XLSX_TEXT },
    /* Translators: 身份证号 */
    { C_("opinions ledger", "ID number"), LD_XLSX_CODE },
    /* Translators: 办理状态 (unchecked, checked, decided, approved) */
    { C_("opinions ledger", "State"), LD_XLSX_TEXT },
    /* Translators: 回复意见 */
    { C_("opinions ledger", "Opinion"), LD_XLSX_TEXT },
    /* Translators: 依据及说明 */
    { C_("opinions ledger", "Reasons"), LD_XLSX_LONG_TEXT },
    /* Translators: 审批人 */
    { C_("opinions ledger", "Approved by"), LD_XLSX_TEXT },
    /* Translators: 审批日期 */
    { C_("opinions ledger", "Approved on"), LD_XLSX_DATE },
    /* Translators: 有效期至 */
    { C_("opinions ledger", "Valid until"), LD_XLSX_DATE },
  };
  /* The reply table of the reply letter (brief/ld-opinion-letter.c). */
  const LdXlsxColumn table_columns[] = {
    { C_("opinions ledger", "Request number"), LD_XLSX_CODE },
    { C_("opinions ledger", "Requested by"), LD_XLSX_TEXT },
    { C_("opinions ledger", "Document number"), LD_XLSX_CODE },
    /* Translators: 回复日期 */
    { C_("opinions ledger", "Replied on"), LD_XLSX_DATE },
    /* Translators: columns of the reply table: 序号 */
    { C_("reply table", "No."), LD_XLSX_INTEGER },
    /* Translators: 姓名 */
    { C_("reply table", "Name"), LD_XLSX_TEXT },
    /* Translators: 单位职务 */
    { C_("reply table", "Unit and post"), LD_XLSX_TEXT },
    /* Translators: 身份证号 */
    { C_("reply table", "ID number"), LD_XLSX_CODE },
    /* Translators: 回复意见 */
    { C_("reply table", "Opinion"), LD_XLSX_TEXT },
    /* Translators: 说明 */
    { C_("reply table", "Explanation"), LD_XLSX_LONG_TEXT },
  };
  const char *sheet = C_("sheet", "Opinion replies");
  /* Translators: the name of the sheet with the reply table, 回复表 */
  const char *table_sheet = C_("sheet", "Reply table");
  LdOpinionRequestFilter filter;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_auto(Row) row = { 0 };
  gint64 total = 0, n = 0;

  ld_opinion_request_filter_init (&filter);
  filter.unit_id = ctx->request->unit_id;
  filter.with_subunits = TRUE;
  all = ld_opinion_repository_list_requests (ctx->vault, &filter, error);
  if (all == NULL)
    return FALSE;
  reverse (all);
  for (guint i = 0; i < all->len; i++)
    {
      LdOpinionRequest *request = g_ptr_array_index (all, i);
      GPtrArray *list;

      if (!_ld_export_in_period (ctx, ld_opinion_request_get_request_date (request)))
        continue;
      list = ld_opinion_repository_list_items (ctx->vault, ld_opinion_request_get_id (request), error);
      if (list == NULL)
        return FALSE;
      g_ptr_array_add (requests, g_object_ref (request));
      g_ptr_array_add (items, list);
      total += list->len;
    }
  /* Every item on the ledger, the approved ones again in the reply table. */
  for (guint i = 0; i < items->len; i++)
    {
      GPtrArray *list = g_ptr_array_index (items, i);

      for (guint j = 0; j < list->len; j++)
        if (ld_opinion_item_get_state (g_ptr_array_index (list, j)) == LD_OPINION_ITEM_APPROVED)
          total++;
    }
  _ld_export_set_total (ctx, total);

  if (!begin_table (ctx, sheet, ld_export_kind_get_title (LD_EXPORT_OPINIONS), columns, G_N_ELEMENTS (columns),
                    error))
    return FALSE;
  row_init (&row);
  for (guint i = 0; i < requests->len; i++)
    {
      LdOpinionRequest *request = g_ptr_array_index (requests, i);
      GPtrArray *list = g_ptr_array_index (items, i);

      for (guint j = 0; j < list->len; j++)
        {
          LdOpinionItem *item = g_ptr_array_index (list, j);

          row_add_int (&row, ++n);
          row_add (&row, ld_opinion_request_get_reg_no (request));
          row_add (&row, ld_opinion_request_get_requester (request));
          row_add (&row, ld_opinion_request_get_doc_no (request));
          row_add (&row, ld_opinion_request_get_purpose_label (request));
          row_add (&row, ld_opinion_request_get_request_date (request));
          row_add (&row, ld_opinion_request_get_due_date (request));
          row_add (&row, ld_opinion_item_get_cadre_name (item));
          row_add (&row, ld_opinion_item_get_cadre_unit_name (item));
          row_add (&row, ld_opinion_item_get_cadre_post (item));
          row_add (&row, ld_opinion_item_get_cadre_id_number (item));
          row_add (&row, ld_opinion_item_get_state_label (item));
          row_take (&row, item_opinion (item));
          row_take (&row, item_reasons (item));
          row_add (&row, ld_opinion_item_get_approved_by (item));
          row_add (&row, ld_opinion_item_get_approved_date (item));
          row_add (&row, ld_opinion_item_get_valid_until (item));
          if (!row_write (&row, ctx, G_N_ELEMENTS (columns), ld_opinion_item_get_cadre_name (item), error))
            return FALSE;
        }
    }

  /* Translators: the title of the reply table, 党风廉政意见回复表 */
  if (!begin_table (ctx, table_sheet, _("Reply Table of Integrity Opinions"), table_columns,
                    G_N_ELEMENTS (table_columns), error))
    return FALSE;
  for (guint i = 0; i < requests->len; i++)
    {
      LdOpinionRequest *request = g_ptr_array_index (requests, i);
      GPtrArray *list = g_ptr_array_index (items, i);
      guint number = 0;

      for (guint j = 0; j < list->len; j++)
        {
          LdOpinionItem *item = g_ptr_array_index (list, j);
          const char *post = ld_opinion_item_get_cadre_post (item);

          if (ld_opinion_item_get_state (item) != LD_OPINION_ITEM_APPROVED)
            continue;
          row_add (&row, ld_opinion_request_get_reg_no (request));
          row_add (&row, ld_opinion_request_get_requester (request));
          row_add (&row, ld_opinion_request_get_doc_no (request));
          row_add (&row, ld_opinion_item_get_approved_date (item));
          row_add_int (&row, ++number);
          row_add (&row, ld_opinion_item_get_cadre_name (item));
          if (*post != '\0')
            row_take (&row, g_strdup_printf ("%s %s", ld_opinion_item_get_cadre_unit_name (item), post));
          else
            row_add (&row, ld_opinion_item_get_cadre_unit_name (item));
          row_add (&row, ld_opinion_item_get_cadre_id_number (item));
          row_add (&row, ld_opinion_get_label (ld_opinion_item_get_decision (item)));
          row_take (&row, item_explanation (item));
          if (!row_write (&row, ctx, G_N_ELEMENTS (table_columns), ld_opinion_item_get_cadre_name (item), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* --- Ledger items (整改台账) ---------------------------------------------------- */

/* By registration number ("2026-L0001": year, then number). */
static int
compare_reg_no (gconstpointer a,
                gconstpointer b)
{
  LdLedgerItem *x = *(LdLedgerItem **) a;
  LdLedgerItem *y = *(LdLedgerItem **) b;
  int cmp = strcmp (ld_ledger_item_get_reg_no (x), ld_ledger_item_get_reg_no (y));

  if (cmp != 0)
    return cmp;
  return (ld_ledger_item_get_id (x) > ld_ledger_item_get_id (y))
         - (ld_ledger_item_get_id (x) < ld_ledger_item_get_id (y));
}

/* The latest progress entries, newest first, one a line. */
static char *
progress_text (LdExportContext  *ctx,
               LdLedgerItem     *item,
               GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GString *out;
  guint shown = 0;

  if (ld_ledger_item_get_n_progress (item) == 0)
    return g_strdup ("");
  entries = ld_ledger_repository_list_progress (ctx->vault, ld_ledger_item_get_id (item), error);
  if (entries == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = entries->len; i > 0 && shown < LEDGER_PROGRESS_SHOWN; i--, shown++)
    {
      LdLedgerProgress *entry = g_ptr_array_index (entries, i - 1);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s %s", entry->progress_date, entry->note);
    }
  if (entries->len > shown)
    {
      guint earlier = entries->len - shown;

      g_string_append_c (out, '\n');
      /* Translators: below the latest progress entries of a ledger item */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "… and %u earlier entry",
                                                "… and %u earlier entries", earlier), earlier);
    }
  return g_string_free (out, FALSE);
}

gboolean
_ld_export_ledger (LdExportContext  *ctx,
                   GError          **error)
{
  const LdXlsxColumn columns[] = {
    /* Translators: columns of the rectification ledger (整改台账): 序号 */
    { C_("rectification ledger", "No."), LD_XLSX_INTEGER },
    /* Translators: 登记号 */
    { C_("rectification ledger", "Registration number"), LD_XLSX_CODE },
    /* Translators: 登记日期 */
    { C_("rectification ledger", "Registered on"), LD_XLSX_DATE },
    /* Translators: 问题来源 */
    { C_("rectification ledger", "Source"), LD_XLSX_TEXT },
    /* Translators: 来源文件 (the recommendation, inspection round or audit report) */
    { C_("rectification ledger", "Source reference"), LD_XLSX_TEXT },
    /* Translators: 问题描述 */
    { C_("rectification ledger", "Problem"), LD_XLSX_LONG_TEXT },
    /* Translators: 整改措施 */
    { C_("rectification ledger", "Measures"), LD_XLSX_LONG_TEXT },
    /* Translators: 任务标准/目标 */
    { C_("rectification ledger", "Standard"), LD_XLSX_LONG_TEXT },
    /* Translators: 责任部门 */
    { C_("rectification ledger", "Responsible unit"), LD_XLSX_TEXT },
    /* Translators: 责任领导 */
    { C_("rectification ledger", "Responsible leader"), LD_XLSX_TEXT },
    /* Translators: 责任人 */
    { C_("rectification ledger", "Responsible person"), LD_XLSX_TEXT },
    /* Translators: 时间节点 */
    { C_("rectification ledger", "Deadline"), LD_XLSX_DATE },
    /* Translators: 整改状态 */
    { C_("rectification ledger", "Status"), LD_XLSX_TEXT },
    /* Translators: 阶段进度 */
    { C_("rectification ledger", "Progress"), LD_XLSX_LONG_TEXT },
    /* Translators: 完成情况 */
    { C_("rectification ledger", "Completion"), LD_XLSX_LONG_TEXT },
    /* Translators: 完成日期 */
    { C_("rectification ledger", "Completed on"), LD_XLSX_DATE },
    /* Translators: 验收人 */
    { C_("rectification ledger", "Accepted by"), LD_XLSX_TEXT },
    /* Translators: 验收意见 */
    { C_("rectification ledger", "Acceptance opinion"), LD_XLSX_TEXT },
    /* Translators: 销号日期 */
    { C_("rectification ledger", "Signed off on"), LD_XLSX_DATE },
    /* Translators: 是否逾期 (on the export date) */
    { C_("rectification ledger", "Overdue"), LD_XLSX_TEXT },
    /* Translators: 备注 */
    { C_("rectification ledger", "Note"), LD_XLSX_TEXT },
  };
  const char *sheet = C_("sheet", "Rectification");
  LdLedgerFilter filter;
  GDate day;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Row) row = { 0 };

  today (&day);
  ld_ledger_filter_init (&filter);
  filter.unit_id = ctx->request->unit_id;
  filter.with_subunits = TRUE;
  filter.as_of = &day;
  all = ld_ledger_repository_list (ctx->vault, &filter, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      LdLedgerItem *item = g_ptr_array_index (all, i);
      g_autofree char *registered = local_date (ld_ledger_item_get_created_at (item));

      if (_ld_export_in_period (ctx, registered))
        g_ptr_array_add (items, g_object_ref (item));
    }
  g_ptr_array_sort (items, compare_reg_no);
  _ld_export_set_total (ctx, items->len);

  if (!begin_table (ctx, sheet, ld_export_kind_get_title (LD_EXPORT_LEDGER), columns, G_N_ELEMENTS (columns),
                    error))
    return FALSE;
  row_init (&row);
  for (guint i = 0; i < items->len; i++)
    {
      LdLedgerItem *item = g_ptr_array_index (items, i);
      const char *reference = ld_ledger_item_get_recommendation_reg_no (item);
      char *progress = progress_text (ctx, item, error);

      if (progress == NULL)
        return FALSE;
      if (*ld_ledger_item_get_source_ref (item) != '\0')
        reference = ld_ledger_item_get_source_ref (item);
      row_add_int (&row, i + 1);
      row_add (&row, ld_ledger_item_get_reg_no (item));
      row_take (&row, local_date (ld_ledger_item_get_created_at (item)));
      row_add (&row, ld_ledger_item_get_source_label (item));
      row_add (&row, reference);
      row_add (&row, ld_ledger_item_get_problem (item));
      row_add (&row, ld_ledger_item_get_measures (item));
      row_add (&row, ld_ledger_item_get_standard (item));
      row_add (&row, ld_ledger_item_get_unit_name (item));
      row_add (&row, ld_ledger_item_get_leader (item));
      row_add (&row, ld_ledger_item_get_person (item));
      row_add (&row, ld_ledger_item_get_deadline (item));
      row_add (&row, ld_ledger_item_get_status_label (item));
      row_take (&row, progress);
      row_add (&row, ld_ledger_item_get_completion (item));
      row_add (&row, ld_ledger_item_get_completed_date (item));
      row_add (&row, ld_ledger_item_get_accepted_by (item));
      row_add (&row, ld_ledger_item_get_acceptance (item));
      row_add (&row, ld_ledger_item_get_signed_off_date (item));
      row_add_yes_no (&row, ld_ledger_item_is_overdue (item, &day));
      row_add (&row, ld_ledger_item_get_note (item));
      if (!row_write (&row, ctx, G_N_ELEMENTS (columns), ld_ledger_item_get_reg_no (item), error))
        return FALSE;
    }
  return TRUE;
}

/* --- Recommendations (纪检监察建议台账) ------------------------------------------ */

/* The date of the latest event of KIND ("" when none). */
static const char *
last_event (GPtrArray  *events,
            const char *kind)
{
  for (guint i = events->len; i > 0; i--)
    {
      LdRecommendationEvent *event = g_ptr_array_index (events, i - 1);

      if (g_strcmp0 (event->kind, kind) == 0)
        return event->event_date;
    }
  return "";
}

gboolean
_ld_export_recommendations (LdExportContext  *ctx,
                            GError          **error)
{
  const LdXlsxColumn columns[] = {
    /* Translators: columns of the recommendations ledger (纪检监察建议台账): 序号 */
    { C_("recommendations ledger", "No."), LD_XLSX_INTEGER },
    /* Translators: 登记号 */
    { C_("recommendations ledger", "Registration number"), LD_XLSX_CODE },
    /* Translators: 文号 */
    { C_("recommendations ledger", "Document number"), LD_XLSX_CODE },
    /* Translators: 建议书类别 */
    { C_("recommendations ledger", "Kind"), LD_XLSX_TEXT },
    /* Translators: 被建议单位 */
    { C_("recommendations ledger", "Addressed to"), LD_XLSX_TEXT },
    /* Translators: 标题 / 事项 */
    { C_("recommendations ledger", "Subject"), LD_XLSX_TEXT },
    /* Translators: 发出日期 */
    { C_("recommendations ledger", "Issued on"), LD_XLSX_DATE },
    /* Translators: 送达日期 */
    { C_("recommendations ledger", "Delivered on"), LD_XLSX_DATE },
    /* Translators: 状态 */
    { C_("recommendations ledger", "Status"), LD_XLSX_TEXT },
    /* Translators: 回复期限 */
    { C_("recommendations ledger", "Reply due"), LD_XLSX_DATE },
    /* Translators: 回复日期 */
    { C_("recommendations ledger", "Replied on"), LD_XLSX_DATE },
    /* Translators: 回复是否逾期 (on the export date) */
    { C_("recommendations ledger", "Reply overdue"), LD_XLSX_TEXT },
    /* Translators: 核查日期 */
    { C_("recommendations ledger", "Verified on"), LD_XLSX_DATE },
    /* Translators: 销账日期 */
    { C_("recommendations ledger", "Closed on"), LD_XLSX_DATE },
    /* Translators: 最近回访 */
    { C_("recommendations ledger", "Last return visit"), LD_XLSX_DATE },
    /* Translators: 最近回头看 */
    { C_("recommendations ledger", "Last look-back"), LD_XLSX_DATE },
    /* Translators: 下次回访 */
    { C_("recommendations ledger", "Next visit"), LD_XLSX_DATE },
    /* Translators: 整改事项数 */
    { C_("recommendations ledger", "Ledger items"), LD_XLSX_INTEGER },
    /* Translators: 未销号事项数 */
    { C_("recommendations ledger", "Open items"), LD_XLSX_INTEGER },
  };
  const LdXlsxColumn event_columns[] = {
    { C_("recommendations ledger", "Registration number"), LD_XLSX_CODE },
    { C_("recommendations ledger", "Addressed to"), LD_XLSX_TEXT },
    /* Translators: columns of the recommendations' follow-up sheet: 日期 */
    { C_("recommendations ledger", "Date"), LD_XLSX_DATE },
    /* Translators: 事项 (issued, delivered, return visit, look-back …) */
    { C_("recommendations ledger", "Event"), LD_XLSX_TEXT },
    /* Translators: 情况 */
    { C_("recommendations ledger", "Note"), LD_XLSX_LONG_TEXT },
    /* Translators: 记录人 */
    { C_("recommendations ledger", "Recorded by"), LD_XLSX_TEXT },
  };
  const char *sheet = C_("sheet", "Recommendations");
  /* Translators: the sheet of the recommendations' lifecycle moves and
   * return visits: 跟踪督办 */
  const char *event_sheet = C_("sheet", "Follow-up");
  LdRecommendationFilter filter;
  GDate day;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *event_title = NULL;
  g_auto(Row) row = { 0 };
  gint64 total = 0;

  today (&day);
  ld_recommendation_filter_init (&filter);
  filter.unit_id = ctx->request->unit_id;
  filter.with_subunits = TRUE;
  filter.as_of = &day;
  all = ld_recommendation_repository_list (ctx->vault, &filter, error);
  if (all == NULL)
    return FALSE;
  reverse (all);
  for (guint i = 0; i < all->len; i++)
    {
      LdRecommendation *r = g_ptr_array_index (all, i);
      GPtrArray *those;

      if (!_ld_export_in_period (ctx, ld_recommendation_get_issued_date (r)))
        continue;
      those = ld_recommendation_repository_list_events (ctx->vault, ld_recommendation_get_id (r), error);
      if (those == NULL)
        return FALSE;
      g_ptr_array_add (list, g_object_ref (r));
      g_ptr_array_add (events, those);
      total += 1 + those->len;
    }
  _ld_export_set_total (ctx, total);

  if (!begin_table (ctx, sheet, ld_export_kind_get_title (LD_EXPORT_RECOMMENDATIONS), columns,
                    G_N_ELEMENTS (columns), error))
    return FALSE;
  row_init (&row);
  for (guint i = 0; i < list->len; i++)
    {
      LdRecommendation *r = g_ptr_array_index (list, i);
      GPtrArray *those = g_ptr_array_index (events, i);

      row_add_int (&row, i + 1);
      row_add (&row, ld_recommendation_get_reg_no (r));
      row_add (&row, ld_recommendation_get_doc_no (r));
      row_add (&row, ld_recommendation_get_kind_label (r));
      row_add (&row, ld_recommendation_get_unit_name (r));
      row_add (&row, ld_recommendation_get_title (r));
      row_add (&row, ld_recommendation_get_issued_date (r));
      row_add (&row, ld_recommendation_get_delivered_date (r));
      row_add (&row, ld_recommendation_get_status_label (r));
      row_add (&row, ld_recommendation_get_reply_due (r));
      row_add (&row, ld_recommendation_get_replied_date (r));
      row_add_yes_no (&row, ld_recommendation_is_reply_overdue (r, &day));
      row_add (&row, ld_recommendation_get_verified_date (r));
      row_add (&row, ld_recommendation_get_closed_date (r));
      row_add (&row, last_event (those, "revisit"));
      row_add (&row, last_event (those, "lookback"));
      row_add (&row, ld_recommendation_get_next_visit_date (r));
      row_add_int (&row, ld_recommendation_get_n_items (r));
      row_add_int (&row, ld_recommendation_get_n_open_items (r));
      if (!row_write (&row, ctx, G_N_ELEMENTS (columns), ld_recommendation_get_reg_no (r), error))
        return FALSE;
    }

  /* Translators: the title of the follow-up sheet: 纪检监察建议跟踪督办记录 */
  event_title = g_strdup (_("Follow-up of the Recommendations"));
  if (!begin_table (ctx, event_sheet, event_title, event_columns, G_N_ELEMENTS (event_columns), error))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      LdRecommendation *r = g_ptr_array_index (list, i);
      GPtrArray *those = g_ptr_array_index (events, i);

      for (guint j = 0; j < those->len; j++)
        {
          LdRecommendationEvent *event = g_ptr_array_index (those, j);

          row_add (&row, ld_recommendation_get_reg_no (r));
          row_add (&row, ld_recommendation_get_unit_name (r));
          row_add (&row, event->event_date);
          row_add (&row, event->kind_label);
          row_add (&row, event->note);
          row_add (&row, event->account);
          if (!row_write (&row, ctx, G_N_ELEMENTS (event_columns), ld_recommendation_get_reg_no (r), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* --- The four forms ("四种形态"统计表) --------------------------------------------- */

/* The request's period: a whole month, quarter or year when from and to
 * are exactly one (so "previous" is the previous month, quarter or
 * year), else a custom one; without dates the current year up to today. */
static gboolean
request_period (LdExportContext  *ctx,
                LdPeriod         *period,
                GError          **error)
{
  GDate from, to;
  guint year, month;

  today (&to);
  if (ctx->request->to != NULL && *ctx->request->to != '\0' && !parse_date (ctx->request->to, &to))
    goto bad;
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, g_date_get_year (&to));
  if (ctx->request->from != NULL && *ctx->request->from != '\0' && !parse_date (ctx->request->from, &from))
    goto bad;
  if (g_date_compare (&from, &to) > 0)
    goto bad;

  year = g_date_get_year (&from);
  month = g_date_get_month (&from);
  if (g_date_get_day (&from) == 1 && g_date_get_year (&to) == year
      && g_date_get_day (&to) == g_date_get_days_in_month (g_date_get_month (&to), (GDateYear) year))
    {
      guint last = g_date_get_month (&to);

      if (month == 1 && last == 12)
        {
          ld_period_init_year (period, (int) year);
          return TRUE;
        }
      if (month % 3 == 1 && last == month + 2)
        {
          ld_period_init_quarter (period, (int) year, (int) (month + 2) / 3);
          return TRUE;
        }
      if (last == month)
        {
          ld_period_init_month (period, (int) year, (int) month);
          return TRUE;
        }
    }
  return ld_period_init_custom (period, &from, &to, error);

bad:
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("The period of the four-forms table is not valid: give the first and the last day as "
                 "YYYY-MM-DD, the first not after the last."));
  return FALSE;
}

static const char *
form_row_label (int form)
{
  /* Translators: the last row of the four-forms table, 合计 */
  return form <= LD_FOUR_FORMS_N ? ld_form_get_label (form) : C_("four forms", "Total");
}

static const char *
level_label (LdPostLevel level)
{
  const char *label = NULL;

  if (level != LD_POST_LEVEL_NONE)
    label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, ld_post_level_to_code (level));
  /* Translators: cadres without a known post level (or below 乡科级); zh_CN: 其他 */
  return label != NULL ? label : C_("post level", "Other");
}

static void
row_add_share (Row           *row,
               const LdShare *share)
{
  if (share->has_base)
    row_add_fraction (row, share->value);
  else
    row_add (row, "—");
}

static void
row_add_change (Row            *row,
                const LdChange *change)
{
  row_add_int (row, change->delta);
  if (change->has_base)
    row_add_fraction (row, change->ratio);
  else
    row_add (row, "—");
}

/* Columns of a tally sheet: the row label, then person-times and persons
 * of each form and of all forms. */
static void
tally_columns (LdXlsxColumn  *columns,
               char         **owned,
               const char    *first)
{
  columns[0].header = first;
  columns[0].kind = LD_XLSX_TEXT;
  for (int f = 1; f <= LD_FOUR_FORMS_N + 1; f++)
    {
      const char *form = form_row_label (f);
      guint c = (guint) (f - 1) * 2;

      /* Translators: a column of the four-forms tables: "第一种形态 人次" */
      owned[c] = g_strdup_printf (C_("four forms", "%s, person-times"), form);
      /* Translators: "第一种形态 人数" */
      owned[c + 1] = g_strdup_printf (C_("four forms", "%s, persons"), form);
      columns[c + 1].header = owned[c];
      columns[c + 1].kind = LD_XLSX_INTEGER;
      columns[c + 2].header = owned[c + 1];
      columns[c + 2].kind = LD_XLSX_INTEGER;
    }
}

#define TALLY_COLUMNS (1 + 2 * (LD_FOUR_FORMS_N + 1))

/* One row of a tally sheet: tallies[f - 1] for form f, all forms last. */
static gboolean
write_tally_row (LdExportContext    *ctx,
                 Row                *row,
                 const char         *label,
                 const LdFormTally  *tallies,
                 GError            **error)
{
  row_add (row, label);
  for (guint f = 0; f <= LD_FOUR_FORMS_N; f++)
    {
      row_add_int (row, tallies[f].person_times);
      row_add_int (row, tallies[f].persons);
    }
  return row_write (row, ctx, TALLY_COLUMNS, label, error);
}

gboolean
_ld_export_four_forms (LdExportContext  *ctx,
                       GError          **error)
{
  LdPeriod period;
  g_autoptr(LdFourFormsStats) stats = NULL;
  g_autoptr(GArray) trend = NULL;
  g_autofree char *period_label = NULL;
  g_autofree char *previous_label = NULL;
  g_autofree char *last_year_label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *previous_column = NULL;
  g_autofree char *previous_change = NULL;
  g_autofree char *previous_rate = NULL;
  g_autofree char *last_year_column = NULL;
  g_autofree char *last_year_change = NULL;
  g_autofree char *last_year_rate = NULL;
  g_autofree char *level_title = NULL;
  g_autofree char *group_title = NULL;
  g_autofree char *trend_title = NULL;
  static const LdPostLevel levels[] = {
    LD_POST_LEVEL_GUOJIA, LD_POST_LEVEL_SHENGBU, LD_POST_LEVEL_TINGJU, LD_POST_LEVEL_XIANCHU,
    LD_POST_LEVEL_XIANGKE, LD_POST_LEVEL_NONE,
  };
  LdXlsxColumn tally[TALLY_COLUMNS];
  char *tally_owned[TALLY_COLUMNS - 1] = { NULL };
  g_auto(Row) row = { 0 };
  gboolean ok = FALSE;

  if (!request_period (ctx, &period, error))
    return FALSE;
  stats = ld_four_forms_compute (ctx->vault, &period, ctx->request->unit_id, error);
  if (stats == NULL)
    return FALSE;
  trend = ld_four_forms_trend (ctx->vault, &period, TREND_QUARTERS, ctx->request->unit_id, error);
  if (trend == NULL)
    return FALSE;
  _ld_export_set_total (ctx, (LD_FOUR_FORMS_N + 1) + (G_N_ELEMENTS (levels) + 1) + (LD_FOUR_FORMS_N_GROUPS + 1)
                             + trend->len);

  period_label = ld_period_get_label (&stats->period);
  previous_label = ld_period_get_label (&stats->previous);
  last_year_label = ld_period_get_label (&stats->last_year);
  /* Translators: the title of the four-forms table and its period:
   * "“四种形态”统计表（2026年第三季度）" */
  title = g_strdup_printf (C_("four forms title", "%1$s (%2$s)"), ld_export_kind_get_title (LD_EXPORT_FOUR_FORMS),
                           period_label);
  /* Translators: a column naming the earlier period: "上期人次（2026年第二季度）" */
  previous_column = g_strdup_printf (C_("four forms", "Previous period, person-times (%s)"), previous_label);
  /* Translators: 较上期增减 (a number) */
  previous_change = g_strdup (C_("four forms", "Change on previous period"));
  /* Translators: 环比 (a percentage) */
  previous_rate = g_strdup (C_("four forms", "Rate on previous period"));
  /* Translators: "同期人次（2025年第三季度）" */
  last_year_column = g_strdup_printf (C_("four forms", "Same period last year, person-times (%s)"),
                                      last_year_label);
  /* Translators: 较同期增减 (a number) */
  last_year_change = g_strdup (C_("four forms", "Change on last year"));
  /* Translators: 同比 (a percentage) */
  last_year_rate = g_strdup (C_("four forms", "Rate on last year"));

  {
    const LdXlsxColumn columns[] = {
      /* Translators: columns of the four-forms table: 形态 */
      { C_("four forms", "Form"), LD_XLSX_TEXT },
      /* Translators: 人次 */
      { C_("four forms", "Person-times"), LD_XLSX_INTEGER },
      /* Translators: 人次占比 */
      { C_("four forms", "Share of person-times"), LD_XLSX_PERCENT },
      /* Translators: 人数 */
      { C_("four forms", "Persons"), LD_XLSX_INTEGER },
      /* Translators: 人数占比 */
      { C_("four forms", "Share of persons"), LD_XLSX_PERCENT },
      { previous_column, LD_XLSX_INTEGER },
      { previous_change, LD_XLSX_INTEGER },
      { previous_rate, LD_XLSX_PERCENT },
      { last_year_column, LD_XLSX_INTEGER },
      { last_year_change, LD_XLSX_INTEGER },
      { last_year_rate, LD_XLSX_PERCENT },
    };

    if (!begin_table (ctx, C_("sheet", "Four forms"), title, columns, G_N_ELEMENTS (columns), error))
      return FALSE;
    row_init (&row);
    for (int f = 1; f <= LD_FOUR_FORMS_N + 1; f++)
      {
        const LdFourFormsRow *r = f <= LD_FOUR_FORMS_N ? &stats->forms[f - 1] : &stats->total;

        row_add (&row, form_row_label (f));
        row_add_int (&row, r->current.person_times);
        row_add_share (&row, &r->share_times);
        row_add_int (&row, r->current.persons);
        row_add_share (&row, &r->share_persons);
        row_add_int (&row, r->previous.person_times);
        row_add_change (&row, &r->times_vs_previous);
        row_add_int (&row, r->last_year.person_times);
        row_add_change (&row, &r->times_vs_last_year);
        if (!row_write (&row, ctx, G_N_ELEMENTS (columns), form_row_label (f), error))
          return FALSE;
      }
  }

  /* By post level, highest first, the unknown ones last, then the total. */
  /* Translators: the title of the four-forms table by post level; %s is the period */
  level_title = g_strdup_printf (_("Four Forms by Post Level (%s)"), period_label);
  /* Translators: the first column of the table by post level: 职级 */
  tally_columns (tally, tally_owned, C_("four forms", "Post level"));
  if (!begin_table (ctx, C_("sheet", "By post level"), level_title, tally, TALLY_COLUMNS, error))
    goto out;
  for (guint i = 0; i <= G_N_ELEMENTS (levels); i++)
    {
      LdFormTally tallies[LD_FOUR_FORMS_N + 1];
      const char *label;

      if (i == G_N_ELEMENTS (levels))
        {
          for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
            tallies[f] = stats->forms[f].current;
          tallies[LD_FOUR_FORMS_N] = stats->total.current;
          label = form_row_label (LD_FOUR_FORMS_N + 1);
        }
      else
        {
          for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
            tallies[f] = stats->forms[f].by_level[levels[i]];
          tallies[LD_FOUR_FORMS_N] = stats->total.by_level[levels[i]];
          label = level_label (levels[i]);
        }
      if (!write_tally_row (ctx, &row, label, tallies, error))
        goto out;
    }
  for (guint c = 0; c < TALLY_COLUMNS - 1; c++)
    g_clear_pointer (&tally_owned[c], g_free);

  /* By key group; a cadre may be in several groups or none, so there is
   * no total row: the last row is every cadre counted. */
  /* Translators: the title of the four-forms table by key group; %s is the period */
  group_title = g_strdup_printf (_("Four Forms by Key Group (%s)"), period_label);
  /* Translators: the first column of the table by key group: 重点群体 */
  tally_columns (tally, tally_owned, C_("four forms", "Key group"));
  if (!begin_table (ctx, C_("sheet", "By key group"), group_title, tally, TALLY_COLUMNS, error))
    goto out;
  for (guint g = 0; g <= LD_FOUR_FORMS_N_GROUPS; g++)
    {
      LdFormTally tallies[LD_FOUR_FORMS_N + 1];
      const char *label;

      for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
        tallies[f] = g < LD_FOUR_FORMS_N_GROUPS ? stats->forms[f].by_group[g] : stats->forms[f].current;
      tallies[LD_FOUR_FORMS_N] = g < LD_FOUR_FORMS_N_GROUPS ? stats->total.by_group[g] : stats->total.current;
      /* Translators: the last row of the table by key group: every cadre
       * counted, in a group or not (全部干部) */
      label = g < LD_FOUR_FORMS_N_GROUPS ? ld_four_forms_group_get_label ((LdFourFormsGroup) g)
                                         : C_("four forms", "All cadres");
      if (!write_tally_row (ctx, &row, label, tallies, error))
        goto out;
    }

  /* The trend: person-times of each form in the last quarters. */
  {
    const LdXlsxColumn columns[] = {
      /* Translators: columns of the quarterly trend: 季度 */
      { C_("four forms", "Quarter"), LD_XLSX_TEXT },
      /* Translators: 季度起 */
      { C_("four forms", "From"), LD_XLSX_DATE },
      /* Translators: 季度止 */
      { C_("four forms", "To"), LD_XLSX_DATE },
      { ld_form_get_label (1), LD_XLSX_INTEGER },
      { ld_form_get_label (2), LD_XLSX_INTEGER },
      { ld_form_get_label (3), LD_XLSX_INTEGER },
      { ld_form_get_label (4), LD_XLSX_INTEGER },
      { C_("four forms", "Total"), LD_XLSX_INTEGER },
    };

    /* Translators: the title of the quarterly trend sheet (person-times by
     * quarter, 近八个季度人次趋势) */
    trend_title = g_strdup (_("Person-times of the Four Forms by Quarter"));
    if (!begin_table (ctx, C_("sheet", "Trend"), trend_title, columns, G_N_ELEMENTS (columns), error))
      goto out;
    for (guint i = 0; i < trend->len; i++)
      {
        const LdFourFormsTrendPoint *point = &g_array_index (trend, LdFourFormsTrendPoint, i);
        g_autofree char *label = ld_period_get_short_label (&point->quarter);
        guint total = 0;

        row_add (&row, label);
        row_take (&row, date_text (&point->quarter.from));
        row_take (&row, date_text (&point->quarter.to));
        for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
          {
            row_add_int (&row, point->person_times[f]);
            total += point->person_times[f];
          }
        row_add_int (&row, total);
        if (!row_write (&row, ctx, G_N_ELEMENTS (columns), label, error))
          goto out;
      }
  }
  ok = TRUE;

out:
  for (guint c = 0; c < TALLY_COLUMNS - 1; c++)
    g_free (tally_owned[c]);
  return ok;
}
