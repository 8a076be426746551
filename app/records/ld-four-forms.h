/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ld-types.h"
#include "rules/ld-code-tables.h"

G_BEGIN_DECLS

/* Four-forms statistics (监督执纪"四种形态", DOMAIN.md §1) over the measures
 * register, for a period and a unit scope: person-times (人次: measures)
 * and distinct persons (人数: cadres) per form, their shares, the previous
 * period and the same period last year, by post level and by key group;
 * the last quarters for the bar chart; the measures behind every number;
 * and the consistency checks shown on the same page.
 *
 * A measure counts when it is not retired, its status is in-force or
 * lifted (changed and revoked measures are replaced or annulled on appeal:
 * their replacement counts instead), its decision date is inside the
 * period and its unit (measures.unit_id, the cadre's unit on registration)
 * is in the scope. The form, post level and groups are the measure's
 * stored ones (kept current by the measure repository; level and groups
 * are the cadre's on the decision date).
 *
 * Every function needs LD_ACTION_RECORD_READ and reads only the session's
 * scopes. unit_id 0 = all the session's scopes; otherwise that unit and
 * the units below it, and LD_ERROR_NOT_FOUND when the unit is not in the
 * session's scopes. */

#define LD_FOUR_FORMS_N 4   /* forms 1..4; arrays are indexed [form - 1] */

/* ---- Periods ----------------------------------------------------------------- */

typedef enum
{
  LD_PERIOD_MONTH,
  LD_PERIOD_QUARTER,
  LD_PERIOD_YEAR,
  LD_PERIOD_CUSTOM,
} LdPeriodKind;

/* A period of whole days, from and to both inclusive. */
typedef struct
{
  LdPeriodKind kind;
  GDate        from;
  GDate        to;
} LdPeriod;

void      ld_period_init_month    (LdPeriod       *period,
                                   int             year,
                                   int             month);
/* quarter 1..4 */
void      ld_period_init_quarter  (LdPeriod       *period,
                                   int             year,
                                   int             quarter);
void      ld_period_init_year     (LdPeriod       *period,
                                   int             year);
/* LD_ERROR_INVALID when from or to is not valid or to is before from. */
gboolean  ld_period_init_custom   (LdPeriod       *period,
                                   const GDate    *from,
                                   const GDate    *to,
                                   GError        **error);
/* The quarter that holds date (today: the current quarter). */
void      ld_period_init_quarter_of (LdPeriod     *period,
                                     const GDate  *date);
/* Parses "2026-03" (month), "2026Q1", "2026-Q1", "2026q1", "2026年第一季度",
 * "2026年1季度" (quarter), "2026", "2026年" (year), "2026年3月" (month) and
 * "2026-01-01..2026-03-31" (custom; a custom range that is exactly a
 * month, quarter or year is still custom). Surrounding spaces are
 * ignored. LD_ERROR_INVALID with a message naming the accepted forms. */
gboolean  ld_period_parse         (const char     *text,
                                   LdPeriod       *period,
                                   GError        **error);
/* The period of the same length just before: the previous month, quarter
 * or year; a custom period shifted back by its number of days. */
void      ld_period_previous      (const LdPeriod *period,
                                   LdPeriod       *previous);
/* The same period a year earlier (29 February → 28 February for a custom
 * period). */
void      ld_period_year_before   (const LdPeriod *period,
                                   LdPeriod       *last_year);
/* The number of days in the period. */
guint     ld_period_get_days      (const LdPeriod *period);
gboolean  ld_period_contains      (const LdPeriod *period,
                                   const GDate    *date);
gboolean  ld_period_equal         (const LdPeriod *a,
                                   const LdPeriod *b);
/* Translated label: "2026年3月", "2026年第一季度", "2026年",
 * "2026-01-01至2026-03-31" (zh_CN); short label for chart axes: "2026Q1"
 * style for quarters, else the label. Free with g_free(). */
char     *ld_period_get_label     (const LdPeriod *period);
char     *ld_period_get_short_label (const LdPeriod *period);
/* The text ld_period_parse() reads back: "2026-03", "2026Q1", "2026",
 * "2026-01-01..2026-03-31". Free with g_free(). */
char     *ld_period_to_string     (const LdPeriod *period);
/* "YYYY-MM-DD" of from and to into buffers of 11 bytes. */
void      ld_period_get_bounds_text (const LdPeriod *period,
                                     char            from[11],
                                     char            to[11]);

/* ---- Numbers ------------------------------------------------------------------ */

/* The key groups counted (measures.groups "top,young,new,key", the cadre's
 * on the decision date). */
typedef enum
{
  LD_FOUR_FORMS_GROUP_TOP,     /* 一把手 */
  LD_FOUR_FORMS_GROUP_YOUNG,   /* 年轻干部 */
  LD_FOUR_FORMS_GROUP_NEW,     /* 新提拔干部 */
  LD_FOUR_FORMS_GROUP_KEY,     /* 关键岗位干部 */
  LD_FOUR_FORMS_N_GROUPS
} LdFourFormsGroup;

/* "top", "young", "new", "key" and back (also accepts the category codes
 * "top-leader", "newly-promoted", "key-position");
 * LD_FOUR_FORMS_N_GROUPS when unknown. */
const char       *ld_four_forms_group_to_string   (LdFourFormsGroup group);
LdFourFormsGroup  ld_four_forms_group_from_string (const char      *text);
/* Translated: 一把手, 年轻干部, 新提拔干部, 关键岗位干部. */
const char       *ld_four_forms_group_get_label   (LdFourFormsGroup group);

typedef struct
{
  guint person_times;   /* 人次: measures counted */
  guint persons;        /* 人数: distinct cadres */
} LdFormTally;

/* A share in [0, 1]. has_base FALSE when the total is zero: print "—",
 * never divide. */
typedef struct
{
  double   value;
  gboolean has_base;
} LdShare;

/* A change against an earlier period: delta = now - then; ratio =
 * delta / then, with has_base FALSE (print "—") when then is zero. */
typedef struct
{
  int      delta;
  double   ratio;
  gboolean has_base;
} LdChange;

typedef struct
{
  LdFormTally  current;
  LdFormTally  previous;
  LdFormTally  last_year;
  /* Of the four forms together. The base of the persons share is the sum
   * of the forms' persons (a cadre handled under two forms counts in
   * both), so the four shares add up to 100 %. In LdFourFormsStats.total
   * the shares are 1 (100 %) when there is anything at all. */
  LdShare      share_times;
  LdShare      share_persons;
  LdShare      previous_share_times;
  LdShare      last_year_share_times;
  LdChange     times_vs_previous;
  LdChange     times_vs_last_year;
  LdChange     persons_vs_previous;
  LdChange     persons_vs_last_year;
  /* The current period by the cadre's post level on the decision date
   * ([LD_POST_LEVEL_NONE] = unknown or below 乡科级) and by key group (a
   * cadre can be in several groups, or none). */
  LdFormTally  by_level[LD_N_POST_LEVELS];
  LdFormTally  by_group[LD_FOUR_FORMS_N_GROUPS];
} LdFourFormsRow;

typedef struct
{
  LdPeriod        period;
  LdPeriod        previous;
  LdPeriod        last_year;
  gint64          unit_id;                  /* 0 = all the session's scopes */
  LdFourFormsRow  forms[LD_FOUR_FORMS_N];   /* [form - 1] */
  /* All forms: person_times is the sum of the forms, persons the distinct
   * cadres over all forms (also by level and group). */
  LdFourFormsRow  total;
} LdFourFormsStats;

LdFourFormsStats *ld_four_forms_compute     (LdVault          *vault,
                                             const LdPeriod   *period,
                                             gint64            unit_id,
                                             GError          **error);
void              ld_four_forms_stats_free  (LdFourFormsStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdFourFormsStats, ld_four_forms_stats_free)

/* Shares and changes as the CLI and UI print them: "62.5%", "—" without
 * a base; "+3 (+25.0%)", "+3 (—)" when the earlier value is zero. Free
 * with g_free(). */
char             *ld_share_format           (const LdShare    *share);
char             *ld_change_format          (const LdChange   *change);

/* ---- Trend (bar chart) ---------------------------------------------------------- */

typedef struct
{
  LdPeriod  quarter;
  guint     person_times[LD_FOUR_FORMS_N];   /* [form - 1] */
  guint     persons[LD_FOUR_FORMS_N];
} LdFourFormsTrendPoint;

/* The n quarters ending with the quarter that holds last_quarter->to,
 * oldest first: a GArray of LdFourFormsTrendPoint. n = 0 means 8. One
 * query. */
GArray           *ld_four_forms_trend       (LdVault          *vault,
                                             const LdPeriod   *last_quarter,
                                             guint             n,
                                             gint64            unit_id,
                                             GError          **error);

/* ---- Drill-down ----------------------------------------------------------------- */

typedef enum
{
  LD_FOUR_FORMS_DIMENSION_NONE,
  LD_FOUR_FORMS_DIMENSION_LEVEL,   /* value: LdPostLevel */
  LD_FOUR_FORMS_DIMENSION_GROUP,   /* value: LdFourFormsGroup */
} LdFourFormsDimension;

/* The record numbers (gint64) of the measures behind one number of
 * ld_four_forms_compute() for the same period and unit, newest first (by
 * decision date, then record number): form 0 = all forms. With
 * distinct_persons only the newest measure of each cadre is kept, so the
 * length equals the persons count. Show them with
 * ld_measure_repository_list_by_ids(). LD_ERROR_INVALID for a form
 * outside 0..4 or a value outside its dimension. */
GArray           *ld_four_forms_drill       (LdVault              *vault,
                                             const LdPeriod       *period,
                                             gint64                unit_id,
                                             int                   form,
                                             LdFourFormsDimension  dimension,
                                             int                   value,
                                             gboolean              distinct_persons,
                                             GError              **error);

/* ---- Consistency checks --------------------------------------------------------- */

typedef enum
{
  /* A 谈话函询 clue (disposal talk-letter) closed without a result, or
   * past its disposal limit without one. record: the clue; date: the
   * closing date or the limit. */
  LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME,
  /* A measure that names no source (clue, petition or talk). record: the
   * measure; date: its decision date. */
  LD_CONSISTENCY_MEASURE_NO_SOURCE,
  /* A cadre promoted (cadres.promoted_at), or given an approved integrity
   * opinion of ok / ok-note (opinion_items.approved_date), on a day inside
   * the effect period of a counted measure (effective date ≤ day < effect
   * end). record: the measure; date: the promotion or approval day. */
  LD_CONSISTENCY_APPROVAL_IN_EFFECT,
  LD_N_CONSISTENCY_KINDS
} LdConsistencyKind;

/* Translated label of the kind (谈话函询无结果 …). */
const char *ld_consistency_kind_get_label (LdConsistencyKind kind);

typedef struct
{
  LdConsistencyKind  kind;
  const char        *record_type;   /* static: "clue" or "measure" (LD_BOARD_RECORD_*) */
  gint64             record_id;
  char              *reg_no;
  char              *text;          /* translated, names the cadre and what to do */
  char              *date;          /* "YYYY-MM-DD" */
} LdConsistencyIssue;

void        ld_consistency_issue_free   (LdConsistencyIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdConsistencyIssue, ld_consistency_issue_free)

/* The issues of the scope (period NULL = any date; else the issue's date
 * in the period), a GPtrArray of LdConsistencyIssue by kind, then newest
 * date first. One query per check. A disposal limit counts as passed
 * when it is before today. */
GPtrArray  *ld_four_forms_checks        (LdVault         *vault,
                                         const LdPeriod  *period,
                                         gint64           unit_id,
                                         GError         **error);

G_END_DECLS
