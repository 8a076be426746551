/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-four-forms"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-board.h"
#include "records/ld-cadre-private.h"
#include "records/ld-four-forms.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-permissions.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* ---- Periods ----------------------------------------------------------------- */

#define MIN_YEAR 1900
#define MAX_YEAR 9998

static void
set_dates (LdPeriod     *period,
           LdPeriodKind  kind,
           int           year,
           int           first_month,
           int           n_months)
{
  int last_month = first_month + n_months - 1;

  period->kind = kind;
  g_date_clear (&period->from, 1);
  g_date_clear (&period->to, 1);
  g_date_set_dmy (&period->from, 1, first_month, year);
  g_date_set_dmy (&period->to, g_date_get_days_in_month (last_month, year), last_month, year);
}

void
ld_period_init_month (LdPeriod *period,
                      int       year,
                      int       month)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (year >= 1 && year <= 9999 && month >= 1 && month <= 12);

  set_dates (period, LD_PERIOD_MONTH, year, month, 1);
}

void
ld_period_init_quarter (LdPeriod *period,
                        int       year,
                        int       quarter)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (year >= 1 && year <= 9999 && quarter >= 1 && quarter <= 4);

  set_dates (period, LD_PERIOD_QUARTER, year, 3 * (quarter - 1) + 1, 3);
}

void
ld_period_init_year (LdPeriod *period,
                     int       year)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (year >= 1 && year <= 9999);

  set_dates (period, LD_PERIOD_YEAR, year, 1, 12);
}

gboolean
ld_period_init_custom (LdPeriod     *period,
                       const GDate  *from,
                       const GDate  *to,
                       GError      **error)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The period needs a valid first and last day. Give both dates as YYYY-MM-DD."));
      return FALSE;
    }
  if (g_date_compare (to, from) < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The period ends before it starts. Put the earlier date first."));
      return FALSE;
    }
  period->kind = LD_PERIOD_CUSTOM;
  period->from = *from;
  period->to = *to;
  return TRUE;
}

void
ld_period_init_quarter_of (LdPeriod    *period,
                           const GDate *date)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  ld_period_init_quarter (period, g_date_get_year (date), (g_date_get_month (date) - 1) / 3 + 1);
}

static void
set_parse_error (GError     **error,
                 const char  *text)
{
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("“%s” is not a period. Write a month (2026-03), a quarter (2026Q1), a year (2026) or two "
                 "dates (2026-01-01..2026-03-31)."),
               text);
}

/* Digits only, as an int in [min, max]; FALSE otherwise. */
static gboolean
parse_number (const char *text,
              gsize       len,
              int         min,
              int         max,
              int        *out)
{
  int value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  if (value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  const char *first = strchr (text, '-');
  const char *second = first != NULL ? strchr (first + 1, '-') : NULL;
  int y, m, d;

  if (second == NULL
      || !parse_number (text, first - text, MIN_YEAR, MAX_YEAR, &y)
      || (first - text) != 4
      || !parse_number (first + 1, second - first - 1, 1, 12, &m)
      || !parse_number (second + 1, strlen (second + 1), 1, 31, &d)
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The quarter of a Chinese or ASCII quarter number ("一", "1"); 0 if none. */
static int
parse_quarter_word (const char *text,
                    gsize       len)
{
  static const char * const words[] = { "一", "二", "三", "四" };
  int q;

  for (int i = 0; i < 4; i++)
    if (len == strlen (words[i]) && strncmp (text, words[i], len) == 0)
      return i + 1;
  if (parse_number (text, len, 1, 4, &q))
    return q;
  return 0;
}

static gboolean
parse_chinese (const char *text,
               LdPeriod   *period)
{
  const char *nian = strstr (text, "年");
  const char *rest;
  int year, month, quarter;

  if (nian == NULL || nian - text != 4 || !parse_number (text, 4, MIN_YEAR, MAX_YEAR, &year))
    return FALSE;
  rest = nian + strlen ("年");
  if (*rest == '\0' || strcmp (rest, "度") == 0)
    {
      ld_period_init_year (period, year);
      return TRUE;
    }
  if (g_str_has_suffix (rest, "月"))
    {
      gsize len = strlen (rest) - strlen ("月");

      if (!parse_number (rest, len, 1, 12, &month))
        return FALSE;
      ld_period_init_month (period, year, month);
      return TRUE;
    }
  if (g_str_has_prefix (rest, "第"))
    rest += strlen ("第");
  if (g_str_has_suffix (rest, "季度"))
    {
      quarter = parse_quarter_word (rest, strlen (rest) - strlen ("季度"));
      if (quarter == 0)
        return FALSE;
      ld_period_init_quarter (period, year, quarter);
      return TRUE;
    }
  return FALSE;
}

gboolean
ld_period_parse (const char  *text,
                 LdPeriod    *period,
                 GError     **error)
{
  g_autofree char *clean = NULL;
  const char *dots;
  gsize len;
  int year, month, quarter;

  g_return_val_if_fail (period != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      set_parse_error (error, "");
      return FALSE;
    }
  clean = g_strstrip (g_strdup (text));
  len = strlen (clean);

  dots = strstr (clean, "..");
  if (dots != NULL)
    {
      g_autofree char *first = g_strstrip (g_strndup (clean, dots - clean));
      g_autofree char *last = g_strstrip (g_strdup (dots + 2));
      GDate from, to;

      if (!parse_day (first, &from) || !parse_day (last, &to))
        {
          set_parse_error (error, clean);
          return FALSE;
        }
      if (!ld_period_init_custom (period, &from, &to, error))
        return FALSE;
      return TRUE;
    }
  if (len == 4 && parse_number (clean, 4, MIN_YEAR, MAX_YEAR, &year))
    {
      ld_period_init_year (period, year);
      return TRUE;
    }
  if (len >= 6 && parse_number (clean, 4, MIN_YEAR, MAX_YEAR, &year))
    {
      const char *rest = clean + 4;

      if (*rest == '-')
        rest++;
      if ((rest[0] == 'Q' || rest[0] == 'q') && rest[1] != '\0' && rest[2] == '\0'
          && parse_number (rest + 1, 1, 1, 4, &quarter))
        {
          ld_period_init_quarter (period, year, quarter);
          return TRUE;
        }
      if (clean[4] == '-' && parse_number (clean + 5, len - 5, 1, 12, &month) && len - 5 <= 2)
        {
          ld_period_init_month (period, year, month);
          return TRUE;
        }
    }
  if (parse_chinese (clean, period))
    return TRUE;
  set_parse_error (error, clean);
  return FALSE;
}

void
ld_period_previous (const LdPeriod *period,
                    LdPeriod       *previous)
{
  int year, month;

  g_return_if_fail (period != NULL && previous != NULL);

  year = g_date_get_year (&period->from);
  month = g_date_get_month (&period->from);
  switch (period->kind)
    {
    case LD_PERIOD_MONTH:
      if (month == 1)
        ld_period_init_month (previous, year - 1, 12);
      else
        ld_period_init_month (previous, year, month - 1);
      break;
    case LD_PERIOD_QUARTER:
      if (month <= 3)
        ld_period_init_quarter (previous, year - 1, 4);
      else
        ld_period_init_quarter (previous, year, (month - 1) / 3);
      break;
    case LD_PERIOD_YEAR:
      ld_period_init_year (previous, year - 1);
      break;
    case LD_PERIOD_CUSTOM:
    default:
      {
        guint days = ld_period_get_days (period);
        LdPeriod shifted = *period;

        g_date_subtract_days (&shifted.from, days);
        g_date_subtract_days (&shifted.to, days);
        *previous = shifted;
      }
      break;
    }
}

void
ld_period_year_before (const LdPeriod *period,
                       LdPeriod       *last_year)
{
  int year, month;

  g_return_if_fail (period != NULL && last_year != NULL);

  year = g_date_get_year (&period->from);
  month = g_date_get_month (&period->from);
  switch (period->kind)
    {
    case LD_PERIOD_MONTH:
      ld_period_init_month (last_year, year - 1, month);
      break;
    case LD_PERIOD_QUARTER:
      ld_period_init_quarter (last_year, year - 1, (month - 1) / 3 + 1);
      break;
    case LD_PERIOD_YEAR:
      ld_period_init_year (last_year, year - 1);
      break;
    case LD_PERIOD_CUSTOM:
    default:
      {
        LdPeriod shifted = *period;

        g_date_subtract_years (&shifted.from, 1);
        g_date_subtract_years (&shifted.to, 1);
        *last_year = shifted;
      }
      break;
    }
}

guint
ld_period_get_days (const LdPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  g_return_val_if_fail (g_date_valid (&period->from) && g_date_valid (&period->to), 0);

  return g_date_get_julian (&period->to) - g_date_get_julian (&period->from) + 1;
}

gboolean
ld_period_contains (const LdPeriod *period,
                    const GDate    *date)
{
  g_return_val_if_fail (period != NULL && date != NULL, FALSE);

  return g_date_valid (date) && g_date_compare (date, &period->from) >= 0
         && g_date_compare (date, &period->to) <= 0;
}

gboolean
ld_period_equal (const LdPeriod *a,
                 const LdPeriod *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && g_date_compare (&a->from, &b->from) == 0 && g_date_compare (&a->to, &b->to) == 0;
}

static void
date_text (const GDate *date,
           char         out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

void
ld_period_get_bounds_text (const LdPeriod *period,
                           char            from[11],
                           char            to[11])
{
  g_return_if_fail (period != NULL);

  date_text (&period->from, from);
  date_text (&period->to, to);
}

char *
ld_period_get_label (const LdPeriod *period)
{
  static const char * const quarters[] = {
    /* Translators: a calendar quarter; zh_CN: "%d年第一季度" */
    NC_("period", "Q1 %d"),
    /* Translators: zh_CN: "%d年第二季度" */
    NC_("period", "Q2 %d"),
    /* Translators: zh_CN: "%d年第三季度" */
    NC_("period", "Q3 %d"),
    /* Translators: zh_CN: "%d年第四季度" */
    NC_("period", "Q4 %d"),
  };
  int year, month;
  char from[11], to[11];

  g_return_val_if_fail (period != NULL, NULL);

  year = g_date_get_year (&period->from);
  month = g_date_get_month (&period->from);
  switch (period->kind)
    {
    case LD_PERIOD_MONTH:
      /* Translators: a month, year then month number; zh_CN: "%1$d年%2$d月" */
      return g_strdup_printf (C_("period", "%1$d-%2$02d"), year, month);
    case LD_PERIOD_QUARTER:
      return g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "period", quarters[(month - 1) / 3]), year);
    case LD_PERIOD_YEAR:
      /* Translators: a whole year; zh_CN: "%d年" */
      return g_strdup_printf (C_("period", "Year %d"), year);
    case LD_PERIOD_CUSTOM:
    default:
      ld_period_get_bounds_text (period, from, to);
      /* Translators: a period from one day to another, both included; zh_CN: "%s至%s" */
      return g_strdup_printf (C_("period", "%s to %s"), from, to);
    }
}

char *
ld_period_to_string (const LdPeriod *period)
{
  int year, month;
  char from[11], to[11];

  g_return_val_if_fail (period != NULL, NULL);

  year = g_date_get_year (&period->from);
  month = g_date_get_month (&period->from);
  switch (period->kind)
    {
    case LD_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", year, month);
    case LD_PERIOD_QUARTER:
      return g_strdup_printf ("%04dQ%d", year, (month - 1) / 3 + 1);
    case LD_PERIOD_YEAR:
      return g_strdup_printf ("%04d", year);
    case LD_PERIOD_CUSTOM:
    default:
      ld_period_get_bounds_text (period, from, to);
      return g_strdup_printf ("%s..%s", from, to);
    }
}

char *
ld_period_get_short_label (const LdPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (period->kind == LD_PERIOD_CUSTOM)
    return ld_period_get_label (period);
  return ld_period_to_string (period);
}

/* ---- Groups and formatting ----------------------------------------------------- */

static const struct
{
  const char *code;
  const char *category_code;   /* rules/ld-categories.h */
  const char *label;
} groups[LD_FOUR_FORMS_N_GROUPS] = {
  /* Translators: 一把手 */
  { "top", "top-leader", NC_("four-forms group", "Top leaders") },
  /* Translators: 年轻干部 */
  { "young", "young", NC_("four-forms group", "Young cadres") },
  /* Translators: 新提拔干部 */
  { "new", "newly-promoted", NC_("four-forms group", "Newly promoted") },
  /* Translators: 关键岗位干部 */
  { "key", "key-position", NC_("four-forms group", "Key positions") },
};

const char *
ld_four_forms_group_to_string (LdFourFormsGroup group)
{
  g_return_val_if_fail ((guint) group < LD_FOUR_FORMS_N_GROUPS, NULL);
  return groups[group].code;
}

LdFourFormsGroup
ld_four_forms_group_from_string (const char *text)
{
  if (text == NULL)
    return LD_FOUR_FORMS_N_GROUPS;
  for (guint i = 0; i < LD_FOUR_FORMS_N_GROUPS; i++)
    if (g_ascii_strcasecmp (text, groups[i].code) == 0 || g_ascii_strcasecmp (text, groups[i].category_code) == 0)
      return i;
  return LD_FOUR_FORMS_N_GROUPS;
}

const char *
ld_four_forms_group_get_label (LdFourFormsGroup group)
{
  g_return_val_if_fail ((guint) group < LD_FOUR_FORMS_N_GROUPS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "four-forms group", groups[group].label);
}

char *
ld_share_format (const LdShare *share)
{
  g_return_val_if_fail (share != NULL, NULL);

  if (!share->has_base)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", share->value * 100.0);
}

char *
ld_change_format (const LdChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  if (!change->has_base)
    return g_strdup_printf ("%+d (—)", change->delta);
  return g_strdup_printf ("%+d (%+.1f%%)", change->delta, change->ratio * 100.0);
}

/* ---- Queries ------------------------------------------------------------------- */

/* The measures counted: ?2 unit (0 = all the scopes), ?3 and ?4 the first
 * and last day. Statements add their own parameters from ?5. The unary +
 * keeps SQLite from driving the scan by the unit list through the
 * measures_unit index (a table lookup per measure of every unit, five
 * times slower than reading the table once on 100 000 measures). */
#define BELOW_CTE \
  ", below(id) AS (SELECT ?2 UNION SELECT u.id FROM units u JOIN below ON u.parent_id = below.id)"
#define COUNTED_WHERE \
  " m.retired_at IS NULL AND m.status IN ('in-force', 'lifted')" \
  " AND m.decision_date >= ?3 AND m.decision_date <= ?4" \
  " AND +m.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR +m.unit_id IN (SELECT id FROM below))"
/* Membership of measures.groups (",top,young," …), under either spelling. */
#define GROUP_FLAG(code, category) \
  "(instr (',' || m.groups || ',', '," code ",') > 0 OR instr (',' || m.groups || ',', '," category ",') > 0)"

static gboolean
check_unit (LdVault  *vault,
            gint64    unit_id,
            GError  **error)
{
  gboolean visible = FALSE;

  if (unit_id == 0)
    return TRUE;
  if (!_ld_scope_unit_visible (vault, unit_id, &visible, error))
    return FALSE;
  if (!visible)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no unit with record number %lld in your scope: “unit list” shows the units "
                     "you can see."),
                   (long long) unit_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (LdVault  *vault,
       gint64    unit_id,
       GError  **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  if (!check_unit (vault, unit_id, error))
    return FALSE;
  /* ld_post_level () for the level breakdown. */
  return _ld_cadre_sql_register (_ld_vault_get_db (vault), error);
}

static sqlite3_stmt *
prepare_counted (LdVault         *vault,
                 const char      *sql,
                 const LdPeriod  *period,
                 gint64           unit_id,
                 GError         **error)
{
  sqlite3_stmt *stmt = _ld_scope_prepare (vault, sql, error);
  char from[11], to[11];

  if (stmt == NULL)
    return NULL;
  ld_period_get_bounds_text (period, from, to);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, to, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* One grouped query reads the three periods (current, previous, same
 * period last year) at once: per period, cadre, form and post level the
 * person-times and how many of them fall in each key group, sorted by
 * period and cadre. The counts of persons are then exact for every cell
 * (a form, a level, a group, all forms) from one pass over the rows of
 * each cadre, without a query per cell. ?5 … ?8 bound the previous period
 * and the same period last year. */
static const char counts_sql[] =
  BELOW_CTE
  " SELECT CASE WHEN m.decision_date >= ?3 AND m.decision_date <= ?4 THEN 0"
  "  WHEN m.decision_date >= ?5 AND m.decision_date <= ?6 THEN 1 ELSE 2 END AS which,"
  " m.cadre_id, m.form, ifnull (ld_post_level (m.post_level, ''), '') AS level, count(*),"
  " sum(" GROUP_FLAG ("top", "top-leader") "), sum(" GROUP_FLAG ("young", "young") "),"
  " sum(" GROUP_FLAG ("new", "newly-promoted") "), sum(" GROUP_FLAG ("key", "key-position") ")"
  " FROM measures m"
  " WHERE m.retired_at IS NULL AND m.status IN ('in-force', 'lifted')"
  " AND ((m.decision_date >= ?3 AND m.decision_date <= ?4) OR (m.decision_date >= ?5 AND m.decision_date <= ?6)"
  "  OR (m.decision_date >= ?7 AND m.decision_date <= ?8))"
  " AND +m.unit_id IN (SELECT id FROM visible_units)"
  " AND (?2 = 0 OR +m.unit_id IN (SELECT id FROM below))"
  " GROUP BY which, m.cadre_id, m.form, level"
  " ORDER BY which, m.cadre_id";

typedef enum
{
  WHICH_CURRENT,
  WHICH_PREVIOUS,
  WHICH_LAST_YEAR,
  N_WHICH
} Which;

/* The cells one cadre was counted in, for one period: bit (row * CELLS +
 * cell) with rows 0..3 the forms and 4 all forms, cells 0 the row itself,
 * 1 + level, 1 + LD_N_POST_LEVELS + group. */
#define CELLS (1 + LD_N_POST_LEVELS + LD_FOUR_FORMS_N_GROUPS)
G_STATIC_ASSERT ((LD_FOUR_FORMS_N + 1) * CELLS <= 64);

static LdFourFormsRow *
stats_row (LdFourFormsStats *stats,
           guint             row)
{
  return row < LD_FOUR_FORMS_N ? &stats->forms[row] : &stats->total;
}

static LdFormTally *
period_tally (LdFourFormsRow *row,
              Which           which)
{
  return which == WHICH_CURRENT ? &row->current : which == WHICH_PREVIOUS ? &row->previous : &row->last_year;
}

/* Adds one cadre's persons for the cells in bits. */
static void
flush_cadre (LdFourFormsStats *stats,
             Which             which,
             guint64           bits)
{
  for (guint row = 0; row <= LD_FOUR_FORMS_N; row++)
    {
      LdFourFormsRow *r = stats_row (stats, row);

      for (guint cell = 0; cell < CELLS; cell++)
        {
          if ((bits & (G_GUINT64_CONSTANT (1) << (row * CELLS + cell))) == 0)
            continue;
          if (cell == 0)
            period_tally (r, which)->persons++;
          else if (cell <= LD_N_POST_LEVELS)
            r->by_level[cell - 1].persons++;
          else
            r->by_group[cell - 1 - LD_N_POST_LEVELS].persons++;
        }
    }
}

/* Runs counts_sql for the periods in which[0 .. n - 1] (the others never
 * match). */
static gboolean
query_counts (LdVault          *vault,
              LdFourFormsStats *stats,
              const Which      *which,
              guint             n,
              GError          **error)
{
  const LdPeriod *periods[N_WHICH] = { &stats->period, &stats->previous, &stats->last_year };
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault, counts_sql, error);
  Which last_which = N_WHICH;
  gint64 last_cadre = 0;
  guint64 bits = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, stats->unit_id);
  /* An empty range ("9" after every date, "" before) for a period not asked for. */
  for (guint w = 0; w < N_WHICH; w++)
    {
      sqlite3_bind_text (stmt, 3 + 2 * w, "9", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4 + 2 * w, "", -1, SQLITE_STATIC);
    }
  for (guint i = 0; i < n; i++)
    {
      char from[11], to[11];

      ld_period_get_bounds_text (periods[which[i]], from, to);
      sqlite3_bind_text (stmt, 3 + 2 * which[i], from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4 + 2 * which[i], to, -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Which w = (Which) sqlite3_column_int (stmt, 0);
      gint64 cadre = sqlite3_column_int64 (stmt, 1);
      int form = sqlite3_column_int (stmt, 2);
      LdPostLevel level = ld_post_level_from_code (ld_sql_column_text (stmt, 3));
      guint times = (guint) sqlite3_column_int64 (stmt, 4);
      guint rows[2] = { (guint) form - 1, LD_FOUR_FORMS_N };

      if ((guint) w >= N_WHICH || form < 1 || form > LD_FOUR_FORMS_N || (guint) level >= LD_N_POST_LEVELS)
        continue;
      if (w != last_which || cadre != last_cadre)
        {
          if (last_which != N_WHICH)
            flush_cadre (stats, last_which, bits);
          bits = 0;
          last_which = w;
          last_cadre = cadre;
        }
      for (guint k = 0; k < 2; k++)
        {
          LdFourFormsRow *r = stats_row (stats, rows[k]);
          guint base = rows[k] * CELLS;

          period_tally (r, w)->person_times += times;
          bits |= G_GUINT64_CONSTANT (1) << base;
          /* The breakdowns are of the current period only. */
          if (w != WHICH_CURRENT)
            continue;
          r->by_level[level].person_times += times;
          bits |= G_GUINT64_CONSTANT (1) << (base + 1 + level);
          for (guint g = 0; g < LD_FOUR_FORMS_N_GROUPS; g++)
            {
              guint in_group = (guint) sqlite3_column_int64 (stmt, 5 + g);

              if (in_group == 0)
                continue;
              r->by_group[g].person_times += in_group;
              bits |= G_GUINT64_CONSTANT (1) << (base + 1 + LD_N_POST_LEVELS + g);
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (last_which != N_WHICH)
    flush_cadre (stats, last_which, bits);
  return TRUE;
}

static gboolean
periods_overlap (const LdPeriod *a,
                 const LdPeriod *b)
{
  return g_date_compare (&a->from, &b->to) <= 0 && g_date_compare (&b->from, &a->to) <= 0;
}

static LdShare
make_share (guint value,
            guint base)
{
  LdShare share = { 0.0, base > 0 };

  if (base > 0)
    share.value = (double) value / (double) base;
  return share;
}

static LdChange
make_change (guint now,
             guint then)
{
  LdChange change = { (int) now - (int) then, 0.0, then > 0 };

  if (then > 0)
    change.ratio = (double) change.delta / (double) then;
  return change;
}

static void
fill_derived (LdFourFormsStats *stats)
{
  guint persons_sum = 0;
  guint previous_times = stats->total.previous.person_times;
  guint last_year_times = stats->total.last_year.person_times;

  for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
    persons_sum += stats->forms[f].current.persons;
  for (guint f = 0; f <= LD_FOUR_FORMS_N; f++)
    {
      LdFourFormsRow *row = f < LD_FOUR_FORMS_N ? &stats->forms[f] : &stats->total;
      guint persons_base = f < LD_FOUR_FORMS_N ? persons_sum : row->current.persons;

      row->share_times = make_share (row->current.person_times, stats->total.current.person_times);
      row->share_persons = make_share (row->current.persons, persons_base);
      row->previous_share_times = make_share (row->previous.person_times, previous_times);
      row->last_year_share_times = make_share (row->last_year.person_times, last_year_times);
      row->times_vs_previous = make_change (row->current.person_times, row->previous.person_times);
      row->times_vs_last_year = make_change (row->current.person_times, row->last_year.person_times);
      row->persons_vs_previous = make_change (row->current.persons, row->previous.persons);
      row->persons_vs_last_year = make_change (row->current.persons, row->last_year.persons);
    }
}

LdFourFormsStats *
ld_four_forms_compute (LdVault         *vault,
                       const LdPeriod  *period,
                       gint64           unit_id,
                       GError         **error)
{
  g_autoptr(LdFourFormsStats) stats = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&period->from) && g_date_valid (&period->to), NULL);

  if (!begin (vault, unit_id, error))
    return NULL;
  stats = g_new0 (LdFourFormsStats, 1);
  stats->period = *period;
  ld_period_previous (period, &stats->previous);
  ld_period_year_before (period, &stats->last_year);
  stats->unit_id = unit_id;
  if (g_date_compare (&stats->previous.from, &stats->last_year.from) == 0
      && g_date_compare (&stats->previous.to, &stats->last_year.to) == 0)
    {
      /* A year: the previous period is the year before. */
      static const Which two[] = { WHICH_CURRENT, WHICH_PREVIOUS };

      if (!query_counts (vault, stats, two, G_N_ELEMENTS (two), error))
        return NULL;
      for (guint f = 0; f <= LD_FOUR_FORMS_N; f++)
        stats_row (stats, f)->last_year = stats_row (stats, f)->previous;
    }
  else if (!periods_overlap (&stats->period, &stats->previous)
           && !periods_overlap (&stats->period, &stats->last_year)
           && !periods_overlap (&stats->previous, &stats->last_year))
    {
      static const Which all[] = { WHICH_CURRENT, WHICH_PREVIOUS, WHICH_LAST_YEAR };

      if (!query_counts (vault, stats, all, G_N_ELEMENTS (all), error))
        return NULL;
    }
  else
    {
      /* A custom period longer than a year overlaps the year before: one
       * pass per period, so a measure counts in each. */
      for (Which w = WHICH_CURRENT; w < N_WHICH; w++)
        if (!query_counts (vault, stats, &w, 1, error))
          return NULL;
    }
  fill_derived (stats);
  g_debug ("four forms: %u measures in %.3f s", stats->total.current.person_times,
           (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&stats);
}

void
ld_four_forms_stats_free (LdFourFormsStats *stats)
{
  g_free (stats);
}

/* ---- Trend --------------------------------------------------------------------- */

static const char trend_sql[] =
  BELOW_CTE
  " SELECT CAST (substr (m.decision_date, 1, 4) AS INTEGER) AS y,"
  " (CAST (substr (m.decision_date, 6, 2) AS INTEGER) + 2) / 3 AS q, m.form,"
  " count(*), count(DISTINCT m.cadre_id)"
  " FROM measures m WHERE" COUNTED_WHERE
  " GROUP BY y, q, m.form";

GArray *
ld_four_forms_trend (LdVault         *vault,
                     const LdPeriod  *last_quarter,
                     guint            n,
                     gint64           unit_id,
                     GError         **error)
{
  g_autoptr(GArray) points = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdPeriod span;
  int first_year, first_quarter;
  int rc;

  g_return_val_if_fail (last_quarter != NULL && g_date_valid (&last_quarter->to), NULL);

  if (n == 0)
    n = 8;
  if (!begin (vault, unit_id, error))
    return NULL;
  points = g_array_sized_new (FALSE, TRUE, sizeof (LdFourFormsTrendPoint), n);
  g_array_set_size (points, n);
  ld_period_init_quarter_of (&g_array_index (points, LdFourFormsTrendPoint, n - 1).quarter, &last_quarter->to);
  for (guint i = n - 1; i > 0; i--)
    ld_period_previous (&g_array_index (points, LdFourFormsTrendPoint, i).quarter,
                        &g_array_index (points, LdFourFormsTrendPoint, i - 1).quarter);
  span.kind = LD_PERIOD_CUSTOM;
  span.from = g_array_index (points, LdFourFormsTrendPoint, 0).quarter.from;
  span.to = g_array_index (points, LdFourFormsTrendPoint, n - 1).quarter.to;
  first_year = g_date_get_year (&span.from);
  first_quarter = (g_date_get_month (&span.from) - 1) / 3 + 1;

  stmt = prepare_counted (vault, trend_sql, &span, unit_id, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = (sqlite3_column_int (stmt, 0) - first_year) * 4 + sqlite3_column_int (stmt, 1) - first_quarter;
      int form = sqlite3_column_int (stmt, 2);
      LdFourFormsTrendPoint *point;

      if (index < 0 || index >= (int) n || form < 1 || form > LD_FOUR_FORMS_N)
        continue;
      point = &g_array_index (points, LdFourFormsTrendPoint, index);
      point->person_times[form - 1] = (guint) sqlite3_column_int64 (stmt, 3);
      point->persons[form - 1] = (guint) sqlite3_column_int64 (stmt, 4);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&points);
}

/* ---- Drill-down ---------------------------------------------------------------- */

GArray *
ld_four_forms_drill (LdVault               *vault,
                     const LdPeriod        *period,
                     gint64                 unit_id,
                     int                    form,
                     LdFourFormsDimension   dimension,
                     int                    value,
                     gboolean               distinct_persons,
                     GError               **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) seen = NULL;
  int rc;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&period->from) && g_date_valid (&period->to), NULL);

  if (form < 0 || form > LD_FOUR_FORMS_N)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("There is no form %d. Pick form 1 to 4, or all forms."),
                   form);
      return NULL;
    }
  if ((dimension == LD_FOUR_FORMS_DIMENSION_LEVEL && (value < 0 || value >= LD_N_POST_LEVELS))
      || (dimension == LD_FOUR_FORMS_DIMENSION_GROUP && (value < 0 || value >= LD_FOUR_FORMS_N_GROUPS))
      || dimension > LD_FOUR_FORMS_DIMENSION_GROUP)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The drill-down asks for an unknown post level or group. Pick one shown in the "
                             "table."));
      return NULL;
    }
  if (!begin (vault, unit_id, error))
    return NULL;

  sql = g_string_new (BELOW_CTE " SELECT m.id, m.cadre_id FROM measures m WHERE" COUNTED_WHERE
                      " AND (?5 = 0 OR m.form = ?5)");
  if (dimension == LD_FOUR_FORMS_DIMENSION_LEVEL)
    g_string_append (sql, " AND ifnull (ld_post_level (m.post_level, ''), '') = ?6");
  else if (dimension == LD_FOUR_FORMS_DIMENSION_GROUP)
    g_string_append (sql, " AND (instr (',' || m.groups || ',', ?6) > 0 OR instr (',' || m.groups || ',', ?7) > 0)");
  g_string_append (sql, " ORDER BY m.decision_date DESC, m.id DESC");

  stmt = prepare_counted (vault, sql->str, period, unit_id, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 5, form);
  if (dimension == LD_FOUR_FORMS_DIMENSION_LEVEL)
    sqlite3_bind_text (stmt, 6, value == LD_POST_LEVEL_NONE ? "" : ld_post_level_to_code (value), -1,
                       SQLITE_STATIC);
  else if (dimension == LD_FOUR_FORMS_DIMENSION_GROUP)
    {
      sqlite3_bind_text (stmt, 6, g_strdup_printf (",%s,", groups[value].code), -1, g_free);
      sqlite3_bind_text (stmt, 7, g_strdup_printf (",%s,", groups[value].category_code), -1, g_free);
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 cadre_id = sqlite3_column_int64 (stmt, 1);

      if (distinct_persons)
        {
          if (g_hash_table_contains (seen, &cadre_id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&cadre_id, sizeof cadre_id));
        }
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* ---- Consistency checks -------------------------------------------------------- */

const char *
ld_consistency_kind_get_label (LdConsistencyKind kind)
{
  switch (kind)
    {
    case LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME:
      /* Translators: 谈话函询无结果 */
      return C_("consistency", "Talk or letter inquiry without an outcome");
    case LD_CONSISTENCY_MEASURE_NO_SOURCE:
      /* Translators: 处分处理无来源 */
      return C_("consistency", "Measure without a source");
    case LD_CONSISTENCY_APPROVAL_IN_EFFECT:
      /* Translators: 影响期内提拔或出具意见 */
      return C_("consistency", "Approval inside an effect period");
    case LD_N_CONSISTENCY_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
ld_consistency_issue_free (LdConsistencyIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->reg_no);
  g_free (issue->text);
  g_free (issue->date);
  g_free (issue);
}

static LdConsistencyIssue *
issue_new (LdConsistencyKind  kind,
           const char        *record_type,
           gint64             record_id,
           const char        *reg_no,
           const char        *date,
           char              *text)
{
  LdConsistencyIssue *issue = g_new0 (LdConsistencyIssue, 1);

  issue->kind = kind;
  issue->record_type = record_type;
  issue->record_id = record_id;
  issue->reg_no = g_strdup (reg_no);
  issue->date = g_strdup (date);
  issue->text = text;
  return issue;
}

static const char *
code_label (const char *code)
{
  const LdMeasureCode *entry = ld_measure_code_find (code);

  return entry != NULL ? ld_measure_code_get_label (entry) : code;
}

/* ?3 and ?4 bound to the period, or '' and '9999-12-31' without one (a
 * missing date then still matches). */
static sqlite3_stmt *
prepare_check (LdVault         *vault,
               const char      *sql,
               const LdPeriod  *period,
               gint64           unit_id,
               GError         **error)
{
  sqlite3_stmt *stmt;

  if (period != NULL)
    return prepare_counted (vault, sql, period, unit_id, error);
  stmt = _ld_scope_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, unit_id);
  sqlite3_bind_text (stmt, 3, "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, "9999-12-31", -1, SQLITE_STATIC);
  return stmt;
}

static gboolean
check_talk_letters (LdVault         *vault,
                    const LdPeriod  *period,
                    gint64           unit_id,
                    GPtrArray       *issues,
                    GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = _ld_records_today_text ();
  int rc;

  stmt = prepare_check (vault,
                        BELOW_CTE
                        " SELECT k.id, k.reg_no, k.status = 'closed',"
                        " CASE WHEN k.status = 'closed' THEN k.closed_date ELSE k.due_date END AS day,"
                        " ifnull (c.name, k.person_name)"
                        " FROM clues k LEFT JOIN cadres c ON c.id = k.cadre_id"
                        " WHERE k.retired_at IS NULL AND k.disposal = 'talk-letter' AND k.result = ''"
                        " AND (k.status = 'closed' OR (k.due_date <> '' AND k.due_date < ?5))"
                        " AND +k.unit_id IN (SELECT id FROM visible_units)"
                        " AND (?2 = 0 OR +k.unit_id IN (SELECT id FROM below))"
                        " AND day >= ?3 AND day <= ?4"
                        " ORDER BY day DESC, k.id DESC",
                        period, unit_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reg_no = ld_sql_column_text (stmt, 1);
      const char *day = ld_sql_column_text (stmt, 3);
      const char *name = ld_sql_column_text (stmt, 4);
      char *text;

      if (sqlite3_column_int (stmt, 2) != 0)
        text = g_strdup_printf (_("Clue %s about %s was closed on %s after a talk or letter inquiry "
                                  "without a result: record the outcome."),
                                reg_no, name, day);
      else
        text = g_strdup_printf (_("Clue %s about %s passed its disposal limit on %s and its talk or letter "
                                  "inquiry has no result: record the outcome or close it."),
                                reg_no, name, day);
      g_ptr_array_add (issues, issue_new (LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, LD_BOARD_RECORD_CLUE,
                                          sqlite3_column_int64 (stmt, 0), reg_no, day, text));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_sources (LdVault         *vault,
               const LdPeriod  *period,
               gint64           unit_id,
               GPtrArray       *issues,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_check (vault,
                        BELOW_CTE
                        " SELECT m.id, m.reg_no, m.decision_date, c.name, m.code"
                        " FROM measures m JOIN cadres c ON c.id = m.cadre_id"
                        " WHERE" COUNTED_WHERE " AND m.source_type = ''"
                        " ORDER BY m.decision_date DESC, m.id DESC",
                        period, unit_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reg_no = ld_sql_column_text (stmt, 1);
      const char *day = ld_sql_column_text (stmt, 2);

      g_ptr_array_add (issues,
                       issue_new (LD_CONSISTENCY_MEASURE_NO_SOURCE, LD_BOARD_RECORD_MEASURE,
                                  sqlite3_column_int64 (stmt, 0), reg_no, day,
                                  g_strdup_printf (_("Measure %s (%s for %s, decided on %s) names no source: "
                                                     "link the clue, petition or talk it came from."),
                                                   reg_no, code_label (ld_sql_column_text (stmt, 4)),
                                                   ld_sql_column_text (stmt, 3), day)));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Promotion dates may lack the day ("2026-03" = the 1st). */
#define PROMOTED_DAY \
  "(CASE WHEN length (c.promoted_at) = 7 THEN c.promoted_at || '-01' ELSE c.promoted_at END)"
#define IN_EFFECT_WHERE \
  " m.retired_at IS NULL AND m.status IN ('in-force', 'lifted') AND m.effect_end <> ''" \
  " AND +m.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR +m.unit_id IN (SELECT id FROM below))"

static gboolean
check_approvals (LdVault         *vault,
                 const LdPeriod  *period,
                 gint64           unit_id,
                 GPtrArray       *issues,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_check (vault,
                        BELOW_CTE
                        " SELECT m.id, m.reg_no, 0 AS what, " PROMOTED_DAY " AS day, c.name, m.code,"
                        " m.effective_date, m.effect_end"
                        " FROM measures m JOIN cadres c ON c.id = m.cadre_id"
                        " WHERE" IN_EFFECT_WHERE " AND c.promoted_at <> ''"
                        " AND " PROMOTED_DAY " >= m.effective_date AND " PROMOTED_DAY " < m.effect_end"
                        " AND " PROMOTED_DAY " >= ?3 AND " PROMOTED_DAY " <= ?4"
                        " UNION ALL"
                        " SELECT m.id, m.reg_no, 1, oi.approved_date, c.name, m.code, m.effective_date, m.effect_end"
                        " FROM measures m JOIN cadres c ON c.id = m.cadre_id"
                        " JOIN opinion_items oi ON oi.cadre_id = m.cadre_id"
                        " JOIN opinion_requests r ON r.id = oi.request_id AND r.retired_at IS NULL"
                        " WHERE" IN_EFFECT_WHERE " AND oi.decision IN ('ok', 'ok-note') AND oi.approved_date <> ''"
                        " AND oi.approved_date >= m.effective_date AND oi.approved_date < m.effect_end"
                        " AND oi.approved_date >= ?3 AND oi.approved_date <= ?4"
                        " ORDER BY 4 DESC, 1 DESC",
                        period, unit_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *reg_no = ld_sql_column_text (stmt, 1);
      const char *day = ld_sql_column_text (stmt, 3);
      const char *name = ld_sql_column_text (stmt, 4);
      const char *code = code_label (ld_sql_column_text (stmt, 5));
      const char *from = ld_sql_column_text (stmt, 6);
      const char *end = ld_sql_column_text (stmt, 7);
      g_autofree char *period_text = NULL;
      char *text;

      if (strcmp (end, "9999-12-31") == 0)
        /* Translators: an effect period without end; zh_CN: "%s起长期" */
        period_text = g_strdup_printf (C_("effect period", "from %s, permanent"), from);
      else
        /* Translators: an effect period, the end day excluded; zh_CN: "%s至%s前" */
        period_text = g_strdup_printf (C_("effect period", "from %s until before %s"), from, end);
      if (sqlite3_column_int (stmt, 2) == 0)
        text = g_strdup_printf (_("%s was promoted on %s, inside the effect period of measure %s (%s, %s): "
                                  "check the promotion against the rules."),
                                name, day, reg_no, code, period_text);
      else
        text = g_strdup_printf (_("An integrity opinion raising no objection to %s was approved on %s, inside "
                                  "the effect period of measure %s (%s, %s): review the reply."),
                                name, day, reg_no, code, period_text);
      g_ptr_array_add (issues, issue_new (LD_CONSISTENCY_APPROVAL_IN_EFFECT, LD_BOARD_RECORD_MEASURE,
                                          sqlite3_column_int64 (stmt, 0), reg_no, day, text));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ld_four_forms_checks (LdVault         *vault,
                      const LdPeriod  *period,
                      gint64           unit_id,
                      GError         **error)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (period == NULL || (g_date_valid (&period->from) && g_date_valid (&period->to)), NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error) || !check_unit (vault, unit_id, error))
    return NULL;
  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_consistency_issue_free);
  if (!check_talk_letters (vault, period, unit_id, issues, error)
      || !check_sources (vault, period, unit_id, issues, error)
      || !check_approvals (vault, period, unit_id, issues, error))
    return NULL;
  return g_steal_pointer (&issues);
}
