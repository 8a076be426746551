/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rules/ld-measure-tables.h"

G_BEGIN_DECLS

/* Effect periods (影响期) and promotion blocks, DOMAIN.md §2.1–2.4. Pure:
 * dates in, dates out; no clock, no SQL.
 *
 * Conventions: months are calendar months from the effective date with the
 * day clamped to the month's end (approved 2026-08-31 + 6 months ends
 * 2027-02-28); "end" is the first day the measure no longer blocks: the
 * cadre is blocked on every day d with effective ≤ d < end. */

typedef struct
{
  gint64           id;                 /* the measure's id, carried into the reasons */
  const char      *code;               /* ld-measure-tables.h code */
  const char      *reg_no;             /* for the reasons' text, may be NULL */
  GDate            effective;          /* approval (Party) / effect of the decision (government) */
  int              extension_months;   /* 留党察看 extended (P4A: at most 12) */
  LdMeasureStatus  status;
  GDate            status_date;        /* lifted / changed / revoked on (invalid if in force) */
} LdMeasureFacts;

typedef struct
{
  gboolean  has_period;   /* FALSE: no effect period (most form-one measures) */
  gboolean  permanent;    /* 开除, 开除党籍 (the rejoin bar still has rejoin_end) */
  gboolean  open_ended;   /* 停职检查 not yet lifted: blocks until decided */
  GDate     end;          /* first free day (invalid when permanent or open-ended) */
  GDate     probation_end;/* 留党察看: the day rights are restored */
  GDate     rejoin_end;   /* 开除党籍: the day the 5-year bar ends */
  GDate     leading_end;  /* 责令辞职/免职: no leading post before this day */
} LdEffectPeriod;

/* The period of one measure on its own. A revoked measure has none; a
 * changed one ends on its status date (its replacement carries on); a
 * lifted one ends on the lifting date when that is earlier. Returns FALSE
 * and fills nothing when the code is unknown or effective invalid. */
gboolean   ld_effect_period_compute     (const LdMeasureFacts *measure,
                                         LdEffectPeriod       *period);

/* The stored form of a period for measures.effect_end: "" none,
 * "9999-12-31" permanent or open-ended, else YYYY-MM-DD of end. */
char      *ld_effect_period_end_text    (const LdEffectPeriod *period);

/* ld_effect_period_compute() for all measures of one cadre together: a
 * government sanction taking effect inside a running government sanction's
 * period adds the remaining time to its own period, at most 48 months from
 * its effective date (政务处分法 / 行政机关公务员处分条例). periods[i] is
 * measures[i]'s effective period after that rule. */
void       ld_effect_periods_compute_all (const LdMeasureFacts *measures,
                                          guint                 n_measures,
                                          LdEffectPeriod       *periods);

typedef struct
{
  gint64    measure_id;
  char     *code;
  char     *reg_no;
  gboolean  permanent;
  GDate     end;          /* invalid when permanent / open-ended */
  char     *text;         /* translated: "留党察看一年（2026-M0003），影响期至2029-03-14" */
  gboolean  open_ended;   /* 停职检查 not yet lifted (end invalid) */
} LdBlockReason;

typedef struct
{
  gboolean   blocked;          /* promotion or further use (提拔或者进一步使用) blocked on the date */
  gboolean   permanent;
  GDate      until;            /* the longest end ("the longer period governs"); invalid if permanent */
  gboolean   no_leading_post;  /* no leading post on the date (责令辞职, 免职) */
  GDate      leading_until;
  GPtrArray *reasons;          /* LdBlockReason*, each measure blocking on the date, longest first */
  gboolean   open_ended;       /* a measure blocking until lifted (停职检查): until is invalid too */
} LdPromotionBlock;

/* Whether the cadre with these measures is blocked on date, until when
 * and why. Always fills block (reasons empty when not blocked). */
void       ld_promotion_block_compute   (const LdMeasureFacts *measures,
                                         guint                 n_measures,
                                         const GDate          *date,
                                         LdPromotionBlock     *block);
void       ld_promotion_block_clear     (LdPromotionBlock     *block);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdPromotionBlock, ld_promotion_block_clear)

/* The return-visit talk (回访教育谈话) before a period ends is
 * ld_required_talk_revisit() of ld-case-rules.h with end as effect_end. */

G_END_DECLS
