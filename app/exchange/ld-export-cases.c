/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export-cases"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "exchange/ld-export-private.h"
#include "ld-error.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-categories.h"

/* The case ledgers of issue 6: 信访举报台账, 问题线索台账, 谈话台账 and the
 * supervision board, one table sheet each, in the layout of
 * ld-xlsx-writer.h. Everything is read through the record repositories,
 * which apply the session's scopes and permissions and hand out petitions
 * with masked reporters only; a reporter is shown only when the export may
 * reveal it (ctx->reveal_reporters: the grant AND the tick), read with
 * the audited ld_petition_repository_reveal_reporter(), and its
 * petition's registration number goes to ctx->revealed for the export's
 * own audit entry.
 *
 * Rows come in registration order (year, then number); the board keeps
 * its own order (overdue first, then by due date). The request's period
 * applies to the received date (petitions, clues), the talk date or the
 * due date (board). */

/* The most characters a reveal reason may have (the petition repository's
 * limit). */
#define MAX_REVEAL_REASON 200

/* --- Table rows --------------------------------------------------------------- */

typedef struct
{
  GArray    *columns;  /* LdXlsxColumn */
  GPtrArray *values;   /* char *: the row being filled */
} Table;

static void
table_init (Table *table)
{
  table->columns = g_array_new (FALSE, TRUE, sizeof (LdXlsxColumn));
  table->values = g_ptr_array_new_with_free_func (g_free);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_array_unref);
  g_clear_pointer (&table->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static void
table_column (Table      *table,
              const char *header,
              LdXlsxKind  kind)
{
  LdXlsxColumn column = { header, kind };

  g_array_append_val (table->columns, column);
}

/* Starts the kind's sheet with the table's columns. */
static gboolean
table_begin (LdExportContext  *ctx,
             Table            *table,
             GError          **error)
{
  const char *title = ld_export_kind_get_title (ctx->request->kind);
  const LdXlsxColumn *columns = (const LdXlsxColumn *) (gpointer) table->columns->data;

  if (!ld_xlsx_writer_begin_sheet (ctx->writer, title, title, ctx->scope_line, columns, table->columns->len,
                                   LD_XLSX_SHEET_LANDSCAPE, error))
    return FALSE;
  _ld_export_add_columns (ctx, title, columns, table->columns->len);
  return TRUE;
}

static void
cell (Table      *table,
      const char *value)
{
  g_ptr_array_add (table->values, g_strdup (value != NULL ? value : ""));
}

static void
cell_take (Table *table,
           char  *value)
{
  g_ptr_array_add (table->values, value != NULL ? value : g_strdup (""));
}

static void
cell_int (Table  *table,
          gint64  value)
{
  g_ptr_array_add (table->values, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* Writes the filled row and counts it (progress, cancel). */
static gboolean
table_row (LdExportContext  *ctx,
           Table            *table,
           const char       *detail,
           GError          **error)
{
  gboolean ok;

  g_assert (table->values->len == table->columns->len);
  ok = ld_xlsx_writer_add_row (ctx->writer, (const char * const *) table->values->pdata, error)
       && _ld_export_tick (ctx, detail, error);
  g_ptr_array_set_size (table->values, 0);
  return ok;
}

/* --- Helpers -------------------------------------------------------------------- */

/* "2026-0012", "2026-X0012", "2026-T0012": the year, the letters and the
 * number, so that 2026-10000 comes after 2026-9999. */
static void
split_reg_no (const char  *reg_no,
              gint64      *year,
              const char **letters,
              gsize       *n_letters,
              gint64      *number)
{
  const char *p = reg_no != NULL ? reg_no : "";
  char *end = NULL;

  *year = g_ascii_strtoll (p, &end, 10);
  p = end != NULL ? end : p;
  if (*p == '-')
    p++;
  *letters = p;
  while (g_ascii_isalpha (*p))
    p++;
  *n_letters = (gsize) (p - *letters);
  *number = g_ascii_isdigit (*p) ? g_ascii_strtoll (p, NULL, 10) : -1;
}

static int
compare_reg_no (const char *a,
                gint64      id_a,
                const char *b,
                gint64      id_b)
{
  gint64 year_a, year_b, number_a, number_b;
  const char *letters_a, *letters_b;
  gsize n_a, n_b;
  int cmp;

  split_reg_no (a, &year_a, &letters_a, &n_a, &number_a);
  split_reg_no (b, &year_b, &letters_b, &n_b, &number_b);
  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;
  cmp = strncmp (letters_a, letters_b, MIN (n_a, n_b));
  if (cmp != 0)
    return cmp;
  if (n_a != n_b)
    return n_a < n_b ? -1 : 1;
  if (number_a != number_b)
    return number_a < number_b ? -1 : 1;
  cmp = g_strcmp0 (a, b);
  if (cmp != 0)
    return cmp;
  return id_a < id_b ? -1 : id_a > id_b;
}

static int
compare_petitions (gconstpointer a,
                   gconstpointer b)
{
  LdPetition *pa = *(LdPetition * const *) a;
  LdPetition *pb = *(LdPetition * const *) b;

  return compare_reg_no (ld_petition_get_reg_no (pa), ld_petition_get_id (pa),
                         ld_petition_get_reg_no (pb), ld_petition_get_id (pb));
}

static int
compare_clues (gconstpointer a,
               gconstpointer b)
{
  LdClue *ca = *(LdClue * const *) a;
  LdClue *cb = *(LdClue * const *) b;

  return compare_reg_no (ld_clue_get_reg_no (ca), ld_clue_get_id (ca),
                         ld_clue_get_reg_no (cb), ld_clue_get_id (cb));
}

static int
compare_talks (gconstpointer a,
               gconstpointer b)
{
  LdTalk *ta = *(LdTalk * const *) a;
  LdTalk *tb = *(LdTalk * const *) b;

  return compare_reg_no (ld_talk_get_reg_no (ta), ld_talk_get_id (ta),
                         ld_talk_get_reg_no (tb), ld_talk_get_id (tb));
}

/* Keeps the records whose date lies in the request's period. */
static void
filter_period (LdExportContext *ctx,
               GPtrArray       *records,
               const char    *(*get_date) (gpointer record))
{
  for (guint i = records->len; i > 0; i--)
    if (!_ld_export_in_period (ctx, get_date (g_ptr_array_index (records, i - 1))))
      g_ptr_array_remove_index (records, i - 1);
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The earlier of two due dates into earliest (an invalid one = none). */
static void
keep_earliest (GDate       *earliest,
               const GDate *due)
{
  if (!g_date_valid (due))
    return;
  if (!g_date_valid (earliest) || g_date_compare (due, earliest) < 0)
    *earliest = *due;
}

/* Appends text to a "、"-joined list (empty texts are skipped). */
static void
join_add (GString    *list,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (list->len > 0)
    g_string_append (list, "、");
  g_string_append (list, text);
}

/* The n texts after n that are neither NULL nor empty, joined with
 * separator; NULL when there are none. */
static char *
join_list (const char *separator,
           guint       n,
           ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = va_arg (args, const char *);

      if (text == NULL || *text == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, text);
    }
  va_end (args);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Appends line (taken; NULL is skipped) as a line of its own. */
static void
line_add (GString *list,
          char    *line)
{
  if (line == NULL)
    return;
  if (list->len > 0)
    g_string_append_c (list, '\n');
  g_string_append (list, line);
  g_free (line);
}

/* "张三（甲局 局长，县处级，一把手）": a person reported with what the
 * ledger knows of them. */
static char *
person_line (const char *name,
             const char *post,
             const char *level,
             const char *labels)
{
  g_autofree char *details = join_list (C_("list separator", ", "), 3, post, level, labels);

  if (details == NULL)
    return g_strdup (name != NULL && *name != '\0' ? name : NULL);
  /* Translators: a person reported and their unit, post, level: 张三（甲局局长，县处级） */
  return g_strdup_printf (_("%s (%s)"), name != NULL ? name : "", details);
}

static const char *
yes_no (gboolean yes)
{
  /* Translators: 是 / 否 in a ledger's flag column. */
  return yes ? C_("ledger flag", "Yes") : C_("ledger flag", "No");
}

/* The cadres with these record numbers that the session sees, by number
 * (gint64 * → LdCadre). */
static GHashTable *
load_cadres (LdVault  *vault,
             GArray   *ids,
             GError  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) cadres = NULL;
  GHashTable *by_id;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (*id > 0 && g_hash_table_add (seen, id))
        g_array_append_val (unique, *id);
    }
  cadres = ld_cadre_repository_get_many (vault, (const gint64 *) (gpointer) unique->data, unique->len, error);
  if (cadres == NULL)
    return NULL;
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < cadres->len; i++)
    {
      LdCadre *cadre = g_ptr_array_index (cadres, i);
      gint64 id = ld_cadre_get_id (cadre);

      g_hash_table_replace (by_id, g_memdup2 (&id, sizeof id), g_object_ref (cadre));
    }
  return by_id;
}

/* "正处级" or the rank when there is no post level. */
static char *
cadre_level (LdCadre *cadre)
{
  const LdCadreFields *fields = ld_cadre_get_fields (cadre);

  if (fields->post_level != NULL && *fields->post_level != '\0')
    return ld_cadre_field_format_value ("post_level", fields->post_level);
  if (fields->rank != NULL && *fields->rank != '\0')
    return ld_cadre_field_format_value ("rank", fields->rank);
  return g_strdup ("");
}

/* The translated labels of the cadre's computed categories ("一把手、年轻干部"). */
static char *
cadre_categories (LdCadre *cadre)
{
  g_auto(GStrv) codes = g_strsplit (ld_cadre_get_categories (cadre), ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      LdCategory category = ld_category_from_string (g_strstrip (codes[i]));

      if (category != LD_CATEGORY_NONE)
        join_add (out, ld_category_get_label (category));
    }
  return g_string_free (out, FALSE);
}

/* The clues in scope by petition (gint64 * → GPtrArray of LdClue, in
 * registration order) and by record number (gint64 * → LdClue). */
static gboolean
load_clues (LdVault     *vault,
            GHashTable **by_petition,
            GHashTable **by_id,
            GError     **error)
{
  LdClueFilter filter;
  g_autoptr(GPtrArray) clues = NULL;

  ld_clue_filter_init (&filter);
  clues = ld_clue_repository_list (vault, &filter, error);
  if (clues == NULL)
    return FALSE;
  g_ptr_array_sort (clues, compare_clues);
  if (by_petition != NULL)
    *by_petition = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  if (by_id != NULL)
    *by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < clues->len; i++)
    {
      LdClue *clue = g_ptr_array_index (clues, i);
      gint64 id = ld_clue_get_id (clue);
      gint64 petition_id = ld_clue_get_petition_id (clue);

      if (by_id != NULL)
        g_hash_table_replace (*by_id, g_memdup2 (&id, sizeof id), g_object_ref (clue));
      if (by_petition != NULL && petition_id > 0)
        {
          GPtrArray *list = g_hash_table_lookup (*by_petition, &petition_id);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_replace (*by_petition, g_memdup2 (&petition_id, sizeof petition_id), list);
            }
          g_ptr_array_add (list, g_object_ref (clue));
        }
    }
  return TRUE;
}

/* --- Reporters ------------------------------------------------------------------ */

/* The reporters read for this export, by petition (gint64 * → LdReporter,
 * NULL when none is stored or the petition is not in scope). */
typedef struct
{
  LdExportContext *ctx;
  GHashTable      *reporters;
  char            *reason;
} Reveals;

static void
reveals_init (Reveals         *reveals,
              LdExportContext *ctx)
{
  g_autofree char *purpose = g_strstrip (g_strdup (ctx->request->purpose != NULL ? ctx->request->purpose : ""));

  reveals->ctx = ctx;
  reveals->reporters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) ld_reporter_free);
  /* Translators: the reason recorded when an export reveals a reporter;
   * %s is the export's purpose. */
  reveals->reason = g_strdup_printf (_("Excel export: %s"), purpose);
  if (g_utf8_strlen (reveals->reason, -1) > MAX_REVEAL_REASON)
    {
      g_free (reveals->reason);
      reveals->reason = g_utf8_substring (purpose, 0, MAX_REVEAL_REASON);
    }
}

static void
reveals_clear (Reveals *reveals)
{
  g_clear_pointer (&reveals->reporters, g_hash_table_unref);
  g_clear_pointer (&reveals->reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reveals, reveals_clear)

/* The reporter of a petition (borrowed; NULL when none is stored or the
 * petition is not in the session's scopes), read once per export with the
 * audited reveal; a shown identity's registration number goes to
 * ctx->revealed. */
static gboolean
reveal (Reveals           *reveals,
        gint64             petition_id,
        const char        *reg_no,
        const LdReporter **out,
        GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  LdReporter *reporter = NULL;

  *out = NULL;
  if (petition_id <= 0)
    return TRUE;
  if (g_hash_table_lookup_extended (reveals->reporters, &petition_id, NULL, (gpointer *) &reporter))
    {
      *out = reporter;
      return TRUE;
    }
  if (!ld_petition_repository_reveal_reporter (reveals->ctx->vault, petition_id, reveals->reason, &reporter,
                                               &local_error))
    {
      /* A clue's petition outside the session's scopes: nothing to show. */
      if (!g_error_matches (local_error, LD_ERROR, LD_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      reporter = NULL;
    }
  if (reporter != NULL && ld_reporter_is_empty (reporter))
    g_clear_pointer (&reporter, ld_reporter_free);
  if (reporter != NULL)
    g_ptr_array_add (reveals->ctx->revealed, g_strdup (reg_no));
  g_hash_table_replace (reveals->reporters, g_memdup2 (&petition_id, sizeof petition_id), reporter);
  *out = reporter;
  return TRUE;
}

/* "Withheld": the reporter column of a ledger exported without the
 * identity. */
static const char *
withheld (void)
{
  /* Translators: 已隐去, in the reporter column of an exported ledger. */
  return C_("reporter", "Withheld");
}

/* --- Petitions: 信访举报台账 ---------------------------------------------------- */

typedef struct
{
  LdCaseRules  rules;
  LdWorkdays  *workdays;
} Deadlines;

static void
deadlines_clear (Deadlines *deadlines)
{
  g_clear_pointer (&deadlines->workdays, ld_workdays_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Deadlines, deadlines_clear)

static gboolean
deadlines_load (LdVault    *vault,
                Deadlines  *deadlines,
                GError    **error)
{
  if (!ld_case_rules_repository_load (vault, NULL, &deadlines->rules, error))
    return FALSE;
  deadlines->workdays = ld_calendar_repository_load (vault, error);
  return deadlines->workdays != NULL;
}

/* The next deadline still open on the petition, as on the supervision
 * board: the acceptance notice to a real-name reporter, the forwarding up
 * or down, the feedback after closing; "" when none is open. */
static char *
petition_deadline (Deadlines  *deadlines,
                   LdPetition *petition)
{
  const char *status = ld_petition_get_status (petition);
  gboolean real_name = ld_petition_get_real_name (petition);
  gboolean repeat = ld_petition_is_repeat (petition);
  GDate received, closed, due, earliest;

  g_date_clear (&earliest, 1);
  if (!parse_date (ld_petition_get_received_date (petition), &received))
    return g_strdup ("");
  if (real_name && !repeat && *ld_petition_get_accept_notice_date (petition) == '\0'
      && (g_str_equal (status, "registered") || g_str_equal (status, "accepted") || g_str_equal (status, "closed"))
      && ld_deadline_accept_notice (&deadlines->rules, deadlines->workdays, &received, real_name, repeat, &due))
    keep_earliest (&earliest, &due);
  if (*ld_petition_get_routed_date (petition) == '\0'
      && (g_str_equal (status, "registered") || g_str_equal (status, "accepted") || g_str_equal (status, "routed"))
      && ld_deadline_routing (&deadlines->rules, deadlines->workdays, &received, ld_petition_get_routing (petition),
                              &due))
    keep_earliest (&earliest, &due);
  if (real_name && *ld_petition_get_feedback_date (petition) == '\0'
      && parse_date (ld_petition_get_closed_date (petition), &closed)
      && ld_deadline_feedback (&deadlines->rules, deadlines->workdays, &closed, real_name, &due))
    keep_earliest (&earliest, &due);
  return format_date (&earliest);
}

static const char *
petition_get_received (gpointer record)
{
  return ld_petition_get_received_date (record);
}

/* Labels of the categories that are (sifeng) or are not 四风 items. */
static char *
categories_label (const char *codes,
                  gboolean    sifeng)
{
  g_auto(GStrv) parts = g_strsplit (codes != NULL ? codes : "", ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *code = g_strstrip (parts[i]);
      const char *label;

      if (*code == '\0' || ld_problem_category_is_sifeng (code) != sifeng)
        continue;
      label = ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, code);
      join_add (out, label != NULL ? label : code);
    }
  return g_string_free (out, FALSE);
}

gboolean
_ld_export_petitions (LdExportContext  *ctx,
                      GError          **error)
{
  const LdExportRequest *request = ctx->request;
  LdPetitionFilter filter = { 0 };
  g_autoptr(GPtrArray) petitions = NULL;
  g_autoptr(GHashTable) clues = NULL;
  g_autoptr(GHashTable) cadres = NULL;
  g_autoptr(GArray) cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Deadlines) deadlines = { 0 };
  g_auto(Reveals) reveals = { 0 };
  g_auto(Table) table = { 0 };
  gboolean reveal_all = ctx->reveal_reporters;

  filter.unit_id = request->unit_id;
  filter.date_from = request->from != NULL && *request->from != '\0' ? request->from : NULL;
  filter.date_to = request->to != NULL && *request->to != '\0' ? request->to : NULL;
  filter.repeats = LD_PETITION_REPEATS_ANY;
  petitions = ld_petition_repository_list (ctx->vault, &filter, error);
  if (petitions == NULL)
    return FALSE;
  filter_period (ctx, petitions, petition_get_received);
  g_ptr_array_sort (petitions, compare_petitions);
  _ld_export_set_total (ctx, petitions->len);

  if (!load_clues (ctx->vault, &clues, NULL, error) || !deadlines_load (ctx->vault, &deadlines, error))
    return FALSE;
  for (guint i = 0; i < petitions->len; i++)
    {
      guint n = 0;
      const gint64 *ids = ld_petition_get_person_cadre_ids (g_ptr_array_index (petitions, i), &n);

      if (n > 0)
        g_array_append_vals (cadre_ids, ids, n);
    }
  cadres = load_cadres (ctx->vault, cadre_ids, error);
  if (cadres == NULL)
    return FALSE;
  reveals_init (&reveals, ctx);

  table_init (&table);
  /* Translators: 序号 */
  table_column (&table, C_("ledger column", "No."), LD_XLSX_INTEGER);
  table_column (&table, _("Registration number"), LD_XLSX_CODE);
  table_column (&table, _("Received date"), LD_XLSX_DATE);
  /* Translators: 来源及类别: the channel, the kind and 实名/匿名 in one
   * column */
  table_column (&table, C_("ledger column", "Channel and kind"), LD_XLSX_TEXT);
  table_column (&table, _("Reporter"), LD_XLSX_TEXT);
  if (reveal_all)
    {
      table_column (&table, _("Reporter's unit"), LD_XLSX_TEXT);
      table_column (&table, _("Reporter's contact"), LD_XLSX_CODE);
      table_column (&table, _("Reporter's address"), LD_XLSX_TEXT);
      table_column (&table, _("Reporter's ID number"), LD_XLSX_CODE);
    }
  /* Translators: 被反映人及单位职务: each person with unit, post, level
   * and cadre categories */
  table_column (&table, C_("ledger column", "Person reported, unit and post"), LD_XLSX_TEXT);
  /* Translators: 问题类别: 违纪类别 and 四风问题 in one column */
  table_column (&table, C_("ledger column", "Problem category"), LD_XLSX_TEXT);
  /* Translators: 反映问题摘要 */
  table_column (&table, C_("ledger column", "Summary of the problems"), LD_XLSX_LONG_TEXT);
  /* Translators: 涉及单位 */
  table_column (&table, C_("ledger column", "Units concerned"), LD_XLSX_TEXT);
  /* Translators: 受理告知日期 */
  table_column (&table, C_("ledger column", "Acceptance notice sent"), LD_XLSX_DATE);
  /* Translators: 办理方式 (本级办理, 上报上级, 转交下级) with where and when
   * it was forwarded */
  table_column (&table, C_("ledger column", "Routing"), LD_XLSX_TEXT);
  /* Translators: 线索编号及处置方式 */
  table_column (&table, C_("ledger column", "Clues and disposal"), LD_XLSX_TEXT);
  /* Translators: 办理时限: the next open deadline */
  table_column (&table, C_("ledger column", "Deadline"), LD_XLSX_DATE);
  /* Translators: 办理状态及结果 */
  table_column (&table, C_("ledger column", "Status and result"), LD_XLSX_TEXT);
  table_column (&table, _("Closing date"), LD_XLSX_DATE);
  table_column (&table, _("Feedback date"), LD_XLSX_DATE);
  /* Translators: 重复件: "Repeat of 2026-0001" or the number of repeats */
  table_column (&table, C_("ledger column", "Repeats"), LD_XLSX_TEXT);
  if (!table_begin (ctx, &table, error))
    return FALSE;

  for (guint i = 0; i < petitions->len; i++)
    {
      LdPetition *petition = g_ptr_array_index (petitions, i);
      gint64 id = ld_petition_get_id (petition);
      GPtrArray *persons = ld_petition_get_persons (petition);
      GPtrArray *its_clues = g_hash_table_lookup (clues, &id);
      g_autoptr(GString) persons_text = g_string_new (NULL);
      g_autoptr(GString) clues_text = g_string_new (NULL);
      g_autoptr(GString) repeats = g_string_new (NULL);
      gboolean real_name = ld_petition_get_real_name (petition);

      for (guint j = 0; persons != NULL && j < persons->len; j++)
        {
          LdPetitionPerson *person = g_ptr_array_index (persons, j);
          LdCadre *cadre = person->cadre_id > 0 ? g_hash_table_lookup (cadres, &person->cadre_id) : NULL;

          g_autofree char *post = NULL;
          g_autofree char *level = NULL;
          g_autofree char *labels = NULL;

          post = join_list (" ", 2, person->unit_text, person->post_text);
          if (cadre != NULL)
            {
              level = cadre_level (cadre);
              labels = cadre_categories (cadre);
            }
          line_add (persons_text, person_line (person->name, post, level, labels));
        }
      for (guint j = 0; its_clues != NULL && j < its_clues->len; j++)
        {
          LdClue *clue = g_ptr_array_index (its_clues, j);

          line_add (clues_text, join_list (" ", 2, ld_clue_get_reg_no (clue), ld_clue_get_disposal_label (clue)));
        }
      if (ld_petition_get_repeat_of_reg_no (petition) != NULL && *ld_petition_get_repeat_of_reg_no (petition) != '\0')
        /* Translators: 重复件 of the first report, %s its registration number (重复件，首件 2026-0001) */
        line_add (repeats, g_strdup_printf (_("Repeat of %s"), ld_petition_get_repeat_of_reg_no (petition)));
      if (ld_petition_get_n_repeats (petition) > 0)
        {
          guint n = (guint) ld_petition_get_n_repeats (petition);

          /* Translators: how often the same matter was reported again (重复件 %u 件) */
          line_add (repeats, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u repeat report", "%u repeat reports", n),
                                              n));
        }

      cell_int (&table, i + 1);
      cell (&table, ld_petition_get_reg_no (petition));
      cell (&table, ld_petition_get_received_date (petition));
      cell_take (&table, join_list (C_("list separator", ", "), 3, ld_petition_get_channel_label (petition),
                                    ld_petition_get_kind_label (petition),
                                    /* Translators: 实名 / 匿名 */
                                    real_name ? C_("petition", "Real name") : C_("petition", "Anonymous")));
      if (reveal_all)
        {
          const LdReporter *reporter = NULL;

          if (!reveal (&reveals, id, ld_petition_get_reg_no (petition), &reporter, error))
            return FALSE;
          cell (&table, reporter != NULL ? reporter->name : NULL);
          cell (&table, reporter != NULL ? reporter->unit : NULL);
          cell (&table, reporter != NULL ? reporter->contact : NULL);
          cell (&table, reporter != NULL ? reporter->address : NULL);
          cell (&table, reporter != NULL ? reporter->id_number : NULL);
        }
      else
        /* Whether an identity is held back shows, never what it is. */
        cell (&table, real_name || *ld_petition_get_reporter_unit_masked (petition) != '\0'
                      || *ld_petition_get_reporter_contact_masked (petition) != '\0'
                      || *ld_petition_get_reporter_address_masked (petition) != '\0'
                      ? withheld () : NULL);
      cell (&table, persons_text->str);
      {
        g_autofree char *discipline = categories_label (ld_petition_get_categories (petition), FALSE);
        g_autofree char *styles = categories_label (ld_petition_get_categories (petition), TRUE);

        cell_take (&table, join_list ("\n", 2, discipline, styles));
      }
      cell (&table, ld_petition_get_summary (petition));
      cell (&table, ld_petition_get_units (petition));
      cell (&table, ld_petition_get_accept_notice_date (petition));
      cell_take (&table, join_list (C_("list separator", ", "), 3, ld_petition_get_routing_label (petition),
                                    ld_petition_get_routed_to (petition), ld_petition_get_routed_date (petition)));
      cell (&table, clues_text->str);
      cell_take (&table, petition_deadline (&deadlines, petition));
      cell_take (&table, join_list (C_("list separator", ", "), 2, ld_petition_get_status_label (petition),
                                    ld_petition_get_result_label (petition)));
      cell (&table, ld_petition_get_closed_date (petition));
      cell (&table, ld_petition_get_feedback_date (petition));
      cell (&table, repeats->str);
      if (!table_row (ctx, &table, ld_petition_get_reg_no (petition), error))
        return FALSE;
    }
  return TRUE;
}

/* --- Clues: 问题线索台账 --------------------------------------------------------- */

static const char *
clue_get_received (gpointer record)
{
  return ld_clue_get_received_date (record);
}

/* The clue's limit: the approved disposal's due date, or for a pending
 * clue the day the disposal must be decided; "" when there is none. */
static char *
clue_deadline (Deadlines *deadlines,
               LdClue    *clue)
{
  GDate received, due;

  if (*ld_clue_get_due_date (clue) != '\0')
    return g_strdup (ld_clue_get_due_date (clue));
  if (g_str_equal (ld_clue_get_status (clue), "pending")
      && parse_date (ld_clue_get_received_date (clue), &received)
      && ld_deadline_disposal_decision (&deadlines->rules, deadlines->workdays, &received, &due))
    return format_date (&due);
  return g_strdup ("");
}

gboolean
_ld_export_clues (LdExportContext  *ctx,
                  GError          **error)
{
  const LdExportRequest *request = ctx->request;
  LdClueFilter filter;
  g_autoptr(GPtrArray) clues = NULL;
  g_auto(Deadlines) deadlines = { 0 };
  g_auto(Reveals) reveals = { 0 };
  g_auto(Table) table = { 0 };
  g_autofree char *today = today_string ();
  gboolean reveal_all = ctx->reveal_reporters;

  ld_clue_filter_init (&filter);
  filter.unit_id = request->unit_id;
  clues = ld_clue_repository_list (ctx->vault, &filter, error);
  if (clues == NULL)
    return FALSE;
  filter_period (ctx, clues, clue_get_received);
  g_ptr_array_sort (clues, compare_clues);
  _ld_export_set_total (ctx, clues->len);
  if (!deadlines_load (ctx->vault, &deadlines, error))
    return FALSE;
  reveals_init (&reveals, ctx);

  table_init (&table);
  /* Translators: 序号 */
  table_column (&table, C_("ledger column", "No."), LD_XLSX_INTEGER);
  table_column (&table, _("Clue number"), LD_XLSX_CODE);
  /* Translators: 线索来源 */
  table_column (&table, C_("ledger column", "Source"), LD_XLSX_TEXT);
  table_column (&table, _("Received date"), LD_XLSX_DATE);
  /* Translators: 来源信访件登记号 */
  table_column (&table, C_("ledger column", "Petition number"), LD_XLSX_CODE);
  table_column (&table, _("Reporter"), LD_XLSX_TEXT);
  if (reveal_all)
    {
      table_column (&table, _("Reporter's unit"), LD_XLSX_TEXT);
      table_column (&table, _("Reporter's contact"), LD_XLSX_CODE);
    }
  /* Translators: 被反映人及所属单位 */
  table_column (&table, C_("ledger column", "Person reported and unit"), LD_XLSX_TEXT);
  table_column (&table, _("Problem categories"), LD_XLSX_TEXT);
  /* Translators: 反映问题摘要 */
  table_column (&table, C_("ledger column", "Summary of the problems"), LD_XLSX_LONG_TEXT);
  /* Translators: 处置方式 */
  table_column (&table, C_("ledger column", "Disposal"), LD_XLSX_TEXT);
  /* Translators: 审批人及审批日期 */
  table_column (&table, C_("ledger column", "Approval"), LD_XLSX_TEXT);
  /* Translators: 办理时限 */
  table_column (&table, C_("ledger column", "Deadline"), LD_XLSX_DATE);
  /* Translators: 办理状态及结果 */
  table_column (&table, C_("ledger column", "Status and result"), LD_XLSX_TEXT);
  table_column (&table, _("Closing date"), LD_XLSX_DATE);
  /* Translators: 是否超期 */
  table_column (&table, C_("ledger column", "Overdue"), LD_XLSX_TEXT);
  /* Translators: 澄清正名 */
  table_column (&table, C_("ledger column", "Clearing"), LD_XLSX_TEXT);
  /* Translators: 下次复查日期 (暂存待查) */
  table_column (&table, C_("ledger column", "Next review"), LD_XLSX_DATE);
  if (!table_begin (ctx, &table, error))
    return FALSE;

  for (guint i = 0; i < clues->len; i++)
    {
      LdClue *clue = g_ptr_array_index (clues, i);
      gint64 petition_id = ld_clue_get_petition_id (clue);
      g_autofree char *deadline = clue_deadline (&deadlines, clue);
      const char *closed = ld_clue_get_closed_date (clue);
      gboolean overdue;

      /* Overdue: an open clue past its limit, or one closed after it. */
      overdue = *deadline != '\0'
                && (ld_clue_is_open (clue) ? strcmp (today, deadline) > 0
                                           : *closed != '\0' && strcmp (closed, deadline) > 0);

      cell_int (&table, i + 1);
      cell (&table, ld_clue_get_reg_no (clue));
      cell (&table, ld_clue_get_source_label (clue));
      cell (&table, ld_clue_get_received_date (clue));
      cell (&table, ld_clue_get_petition_reg_no (clue));
      if (reveal_all)
        {
          const LdReporter *reporter = NULL;

          if (!reveal (&reveals, petition_id, ld_clue_get_petition_reg_no (clue), &reporter, error))
            return FALSE;
          cell (&table, reporter != NULL ? reporter->name : NULL);
          cell (&table, reporter != NULL ? reporter->unit : NULL);
          cell (&table, reporter != NULL ? reporter->contact : NULL);
        }
      else
        cell (&table, petition_id > 0 ? withheld () : NULL);
      cell_take (&table, person_line (ld_clue_get_person (clue), ld_clue_get_unit_name (clue), NULL, NULL));
      cell (&table, ld_clue_get_categories_label (clue));
      cell (&table, ld_clue_get_summary (clue));
      cell (&table, ld_clue_get_disposal_label (clue));
      cell_take (&table, join_list (C_("list separator", ", "), 2, ld_clue_get_approved_by (clue),
                                    ld_clue_get_approved_date (clue)));
      cell (&table, deadline);
      cell_take (&table, join_list (C_("list separator", ", "), 2, ld_clue_get_status_label (clue),
                                    ld_clue_get_result_label (clue)));
      cell (&table, closed);
      cell (&table, *deadline != '\0' ? yes_no (overdue) : NULL);
      cell (&table, ld_clue_get_clearing (clue));
      cell (&table, ld_clue_get_next_review_date (clue));
      if (!table_row (ctx, &table, ld_clue_get_reg_no (clue), error))
        return FALSE;
    }
  return TRUE;
}

/* --- Talks: 谈话台账 -------------------------------------------------------------- */

static const char *
talk_get_date (gpointer record)
{
  return ld_talk_get_talk_date (record);
}

gboolean
_ld_export_talks (LdExportContext  *ctx,
                  GError          **error)
{
  const LdExportRequest *request = ctx->request;
  LdTalkFilter filter;
  g_autoptr(GPtrArray) talks = NULL;
  g_autoptr(GHashTable) clues = NULL;
  g_autoptr(GHashTable) cadres = NULL;
  g_autoptr(GArray) cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Table) table = { 0 };

  ld_talk_filter_init (&filter);
  filter.unit_id = request->unit_id;
  filter.with_subunits = TRUE;
  filter.date_from = request->from != NULL && *request->from != '\0' ? request->from : NULL;
  filter.date_to = request->to != NULL && *request->to != '\0' ? request->to : NULL;
  talks = ld_talk_repository_list (ctx->vault, &filter, error);
  if (talks == NULL)
    return FALSE;
  filter_period (ctx, talks, talk_get_date);
  g_ptr_array_sort (talks, compare_talks);
  _ld_export_set_total (ctx, talks->len);
  if (!load_clues (ctx->vault, NULL, &clues, error))
    return FALSE;
  for (guint i = 0; i < talks->len; i++)
    {
      guint n = 0;
      const gint64 *ids = ld_talk_get_cadre_ids (g_ptr_array_index (talks, i), &n);

      if (n > 0)
        g_array_append_vals (cadre_ids, ids, n);
    }
  cadres = load_cadres (ctx->vault, cadre_ids, error);
  if (cadres == NULL)
    return FALSE;

  table_init (&table);
  /* Translators: 序号 */
  table_column (&table, C_("ledger column", "No."), LD_XLSX_INTEGER);
  /* Translators: 谈话编号 */
  table_column (&table, C_("ledger column", "Talk number"), LD_XLSX_CODE);
  table_column (&table, _("Talk date"), LD_XLSX_DATE);
  table_column (&table, _("Talk time"), LD_XLSX_TEXT);
  table_column (&table, _("Talk type"), LD_XLSX_TEXT);
  /* Translators: 谈话对象及单位职务 */
  table_column (&table, C_("ledger column", "Person talked to, unit and post"), LD_XLSX_TEXT);
  /* Translators: 谈话人及记录人 */
  table_column (&table, C_("ledger column", "Talkers and recorder"), LD_XLSX_TEXT);
  table_column (&table, _("Place"), LD_XLSX_TEXT);
  /* Translators: 谈话事由 */
  table_column (&table, C_("ledger column", "Reason for the talk"), LD_XLSX_LONG_TEXT);
  /* Translators: 反映问题 / 谈话内容 */
  table_column (&table, C_("ledger column", "Problems raised"), LD_XLSX_LONG_TEXT);
  /* Translators: 本人说明 */
  table_column (&table, C_("ledger column", "Explanation"), LD_XLSX_LONG_TEXT);
  /* Translators: 态度 */
  table_column (&table, C_("ledger column", "Attitude"), LD_XLSX_TEXT);
  /* Translators: 书面说明 (要求、期限、收到日期) */
  table_column (&table, _("Written explanation"), LD_XLSX_TEXT);
  table_column (&table, _("Follow-up date"), LD_XLSX_DATE);
  /* Translators: 处理结果 */
  table_column (&table, C_("ledger column", "Outcome"), LD_XLSX_TEXT);
  /* Translators: 线索编号及来源信访件登记号 */
  table_column (&table, C_("ledger column", "Clue and petition numbers"), LD_XLSX_CODE);
  if (!table_begin (ctx, &table, error))
    return FALSE;

  for (guint i = 0; i < talks->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (talks, i);
      gint64 clue_id = ld_talk_get_clue_id (talk);
      LdClue *clue = clue_id > 0 ? g_hash_table_lookup (clues, &clue_id) : NULL;
      const char * const *names = ld_talk_get_cadre_name_list (talk);
      guint n = 0;
      const gint64 *ids = ld_talk_get_cadre_ids (talk, &n);
      g_autoptr(GString) units = g_string_new (NULL);
      g_autoptr(GString) posts = g_string_new (NULL);
      g_autoptr(GHashTable) seen_units = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *persons = NULL;

      for (guint j = 0; j < n; j++)
        {
          LdCadre *cadre = g_hash_table_lookup (cadres, &ids[j]);
          const char *unit = cadre != NULL ? ld_cadre_get_unit_name (cadre) : ld_talk_get_unit_name (talk);

          /* Persons of the same unit name it once. */
          if (unit != NULL && g_hash_table_add (seen_units, (gpointer) unit))
            join_add (units, unit);
          if (cadre != NULL)
            join_add (posts, ld_cadre_get_post (cadre));
        }
      persons = names != NULL ? g_strjoinv ("、", (char **) names) : g_strdup (ld_talk_get_cadre_names (talk));

      cell_int (&table, i + 1);
      cell (&table, ld_talk_get_reg_no (talk));
      cell (&table, ld_talk_get_talk_date (talk));
      cell (&table, ld_talk_get_talk_time (talk));
      cell (&table, ld_talk_get_type_label (talk));
      {
        g_autofree char *where = join_list (" ", 2, units->str, posts->str);

        cell_take (&table, person_line (persons, where, NULL, NULL));
      }
      {
        const char *recorder = ld_talk_get_recorder (talk);
        /* Translators: the recorder of a talk after the talkers (记录人：%s) */
        g_autofree char *recorded = recorder != NULL && *recorder != '\0' ? g_strdup_printf (_("recorder %s"), recorder)
                                                                            : NULL;

        cell_take (&table, join_list (C_("list separator", ", "), 2, ld_talk_get_talkers_text (talk), recorded));
      }
      cell (&table, ld_talk_get_place (talk));
      cell (&table, ld_talk_get_reason (talk));
      cell (&table, ld_talk_get_problems (talk));
      cell (&table, ld_talk_get_explanation (talk));
      cell (&table, ld_talk_get_attitude (talk));
      {
        const char *due = ld_talk_get_written_due (talk);
        const char *received = ld_talk_get_written_received (talk);
        /* Translators: when a written explanation is due (限 %s 前提交) */
        g_autofree char *due_text = due != NULL && *due != '\0' ? g_strdup_printf (_("due %s"), due) : NULL;
        /* Translators: when a written explanation came in (%s 收到) */
        g_autofree char *received_text = received != NULL && *received != '\0'
                                         ? g_strdup_printf (_("received %s"), received) : NULL;

        cell_take (&table, join_list (C_("list separator", ", "), 3,
                                      ld_talk_get_written_required (talk) != LD_TALK_WRITTEN_NONE
                                      ? ld_talk_written_get_label (ld_talk_get_written_required (talk)) : NULL,
                                      due_text, received_text));
      }
      cell (&table, ld_talk_get_followup_date (talk));
      cell (&table, ld_talk_get_outcome (talk));
      cell_take (&table, join_list ("\n", 2, ld_talk_get_clue_reg_no (talk),
                                    clue != NULL ? ld_clue_get_petition_reg_no (clue) : NULL));
      if (!table_row (ctx, &table, ld_talk_get_reg_no (talk), error))
        return FALSE;
    }
  return TRUE;
}

/* --- Board: 监督提醒看板 ----------------------------------------------------------- */

static const char *
record_type_label (const char *record_type)
{
  static const struct
  {
    const char *type;
    const char *label;
  } labels[] = {
    /* Translators: the record types of the supervision board's export */
    { LD_BOARD_RECORD_PETITION, NC_("board record", "Petition") },
    { LD_BOARD_RECORD_CLUE, NC_("board record", "Problem clue") },
    { LD_BOARD_RECORD_TALK, NC_("board record", "Talk") },
    { LD_BOARD_RECORD_CADRE, NC_("board record", "Cadre") },
    { LD_BOARD_RECORD_MEASURE, NC_("board record", "Measure") },
    { LD_BOARD_RECORD_LEDGER, NC_("board record", "Rectification item") },
    { LD_BOARD_RECORD_RECOMMENDATION, NC_("board record", "Recommendation") },
    { LD_BOARD_RECORD_OPINION, NC_("board record", "Opinion request") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].type, record_type) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "board record", labels[i].label);
  return record_type;
}

static const char *
board_item_get_due (gpointer record)
{
  return ld_board_item_get_due_date (record);
}

gboolean
_ld_export_board (LdExportContext  *ctx,
                  GError          **error)
{
  const LdExportRequest *request = ctx->request;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) cadres = NULL;
  g_autoptr(GArray) cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(Table) table = { 0 };

  items = request->unit_id != 0
          ? ld_board_list_for_unit (ctx->vault, request->unit_id, NULL, error)
          : ld_board_list (ctx->vault, NULL, error);
  if (items == NULL)
    return FALSE;
  filter_period (ctx, items, board_item_get_due);
  _ld_export_set_total (ctx, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = ld_board_item_get_cadre_id (g_ptr_array_index (items, i));

      if (id > 0)
        g_array_append_val (cadre_ids, id);
    }
  cadres = load_cadres (ctx->vault, cadre_ids, error);
  if (cadres == NULL)
    return FALSE;

  table_init (&table);
  /* Translators: 序号 */
  table_column (&table, C_("ledger column", "No."), LD_XLSX_INTEGER);
  /* Translators: 到期日期 */
  table_column (&table, C_("ledger column", "Due date"), LD_XLSX_DATE);
  /* Translators: 剩余工作日 (negative: working days overdue) */
  table_column (&table, C_("ledger column", "Working days left"), LD_XLSX_INTEGER);
  /* Translators: 提醒状态 (已超期, 即将到期, 本月到期) */
  table_column (&table, C_("ledger column", "Alert"), LD_XLSX_TEXT);
  /* Translators: 督办事项 (受理告知, 转办, 反馈 …) */
  table_column (&table, C_("ledger column", "What is due"), LD_XLSX_TEXT);
  /* Translators: 记录类型 */
  table_column (&table, C_("ledger column", "Record type"), LD_XLSX_TEXT);
  table_column (&table, _("Registration number"), LD_XLSX_CODE);
  /* Translators: 事项 */
  table_column (&table, C_("ledger column", "Subject"), LD_XLSX_TEXT);
  /* Translators: 涉及干部 */
  table_column (&table, C_("ledger column", "Cadre"), LD_XLSX_TEXT);
  table_column (&table, _("Unit"), LD_XLSX_TEXT);
  if (!table_begin (ctx, &table, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);
      gint64 cadre_id = ld_board_item_get_cadre_id (item);
      LdCadre *cadre = cadre_id > 0 ? g_hash_table_lookup (cadres, &cadre_id) : NULL;

      cell_int (&table, i + 1);
      cell (&table, ld_board_item_get_due_date (item));
      cell_int (&table, ld_board_item_get_days_left (item));
      cell (&table, ld_board_item_get_level_label (item));
      cell (&table, ld_board_item_get_kind_label (item));
      cell (&table, record_type_label (ld_board_item_get_record_type (item)));
      cell (&table, ld_board_item_get_reg_no (item));
      cell (&table, ld_board_item_get_title (item));
      cell (&table, cadre != NULL ? ld_cadre_get_name (cadre) : NULL);
      cell (&table, ld_board_item_get_unit_name (item));
      if (!table_row (ctx, &table, ld_board_item_get_title (item), error))
        return FALSE;
    }
  return TRUE;
}
