/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-effect-periods"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rules/ld-effect-periods.h"

/* 留党察看: a one-year probation may be extended once by a year; no
 * probation lasts more than two years (《中国共产党纪律处分条例》第十二条). */
#define MAX_PROBATION_MONTHS 24
/* A government sanction given during another one's period: at most 48
 * months in all (《行政机关公务员处分条例》第十一条, mirrored in the
 * 政务处分法). */
#define MAX_GOV_ACCUMULATED_MONTHS 48

/* ---- Dates --------------------------------------------------------------- */

/* from + months calendar months; g_date_add_months () clamps the day to
 * the end of a shorter month (08-31 + 6 → 02-28). */
static GDate
add_months (const GDate *from,
            int          months)
{
  GDate date = *from;

  if (months > 0)
    g_date_add_months (&date, (guint) months);
  return date;
}

/* Moves date back to limit if it lies after it. */
static void
clamp_to (GDate       *date,
          const GDate *limit)
{
  if (g_date_valid (date) && g_date_compare (date, limit) > 0)
    *date = *limit;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
period_clear (LdEffectPeriod *period)
{
  memset (period, 0, sizeof *period);
  g_date_clear (&period->end, 1);
  g_date_clear (&period->probation_end, 1);
  g_date_clear (&period->rejoin_end, 1);
  g_date_clear (&period->leading_end, 1);
}

/* The day a lifted or changed measure stops (never before it took
 * effect), or FALSE if the measure runs its course. */
static gboolean
stop_date (const LdMeasureFacts *measure,
           GDate                *stop)
{
  if ((measure->status != LD_MEASURE_LIFTED && measure->status != LD_MEASURE_CHANGED)
      || !g_date_valid (&measure->status_date))
    return FALSE;
  *stop = measure->status_date;
  if (g_date_compare (stop, &measure->effective) < 0)
    *stop = measure->effective;
  return TRUE;
}

/* ---- One measure --------------------------------------------------------- */

gboolean
ld_effect_period_compute (const LdMeasureFacts *measure,
                          LdEffectPeriod       *period)
{
  const LdMeasureCode *code;
  GDate stop;
  int extension;

  g_return_val_if_fail (measure != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  code = ld_measure_code_find (measure->code);
  if (code == NULL || !g_date_valid (&measure->effective))
    return FALSE;

  period_clear (period);
  /* Annulled on appeal: as if it had never been decided. */
  if (measure->status == LD_MEASURE_REVOKED)
    return TRUE;

  switch (code->effect)
    {
    case LD_EFFECT_NONE:
      return TRUE;

    case LD_EFFECT_MONTHS:
      period->has_period = TRUE;
      period->end = add_months (&measure->effective, code->months);
      if (code->no_leading_months > 0)
        period->leading_end = add_months (&measure->effective, code->no_leading_months);
      break;

    case LD_EFFECT_PROBATION:
      /* Rights are restored when the probation (and its extension) ends;
       * the promotion effect runs on for after_months from that day. */
      extension = CLAMP (measure->extension_months, 0, MAX (0, MAX_PROBATION_MONTHS - code->months));
      period->has_period = TRUE;
      period->probation_end = add_months (&measure->effective, code->months + extension);
      period->end = add_months (&period->probation_end, code->after_months);
      break;

    case LD_EFFECT_UNTIL_LIFTED:
      period->has_period = TRUE;
      period->open_ended = TRUE;
      break;

    case LD_EFFECT_BAR:
      /* May not rejoin for after_months; for promotion it never ends. */
      period->has_period = TRUE;
      period->permanent = TRUE;
      period->rejoin_end = add_months (&measure->effective, code->after_months);
      break;

    case LD_EFFECT_PERMANENT:
      period->has_period = TRUE;
      period->permanent = TRUE;
      break;

    default:
      g_assert_not_reached ();
    }

  /* Lifting ends a period early (解除), but nothing lifts an expulsion; a
   * decision changed on appeal stops on that day and its replacement
   * carries on. */
  if (stop_date (measure, &stop) && (measure->status == LD_MEASURE_CHANGED || !period->permanent))
    {
      if (period->permanent || period->open_ended)
        {
          period->permanent = FALSE;
          period->open_ended = FALSE;
          period->end = stop;
        }
      else
        clamp_to (&period->end, &stop);
      clamp_to (&period->probation_end, &stop);
      clamp_to (&period->rejoin_end, &stop);
      clamp_to (&period->leading_end, &stop);
    }
  return TRUE;
}

char *
ld_effect_period_end_text (const LdEffectPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (!period->has_period)
    return g_strdup ("");
  if (period->permanent || period->open_ended || !g_date_valid (&period->end))
    return g_strdup ("9999-12-31");
  return format_date (&period->end);
}

/* ---- All measures of a cadre --------------------------------------------- */

/* A government sanction whose period the accumulation rule applies to:
 * a counted period of months (开除 has none to add to). */
static gboolean
is_running_gov (const LdMeasureFacts *measure,
                const LdEffectPeriod *period)
{
  const LdMeasureCode *code = ld_measure_code_find (measure->code);

  return code != NULL && code->category == LD_MEASURE_CATEGORY_GOV && code->effect == LD_EFFECT_MONTHS
         && period->has_period && !period->permanent && !period->open_ended && g_date_valid (&period->end);
}

typedef struct
{
  const LdMeasureFacts *measures;
} SortData;

static int
compare_effective (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const SortData *data = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  int cmp = g_date_compare (&data->measures[ia].effective, &data->measures[ib].effective);

  if (cmp != 0)
    return cmp;
  return ia < ib ? -1 : ia > ib;
}

void
ld_effect_periods_compute_all (const LdMeasureFacts *measures,
                               guint                 n_measures,
                               LdEffectPeriod       *periods)
{
  g_autoptr(GArray) gov = NULL;
  SortData data = { measures };

  g_return_if_fail (n_measures == 0 || (measures != NULL && periods != NULL));

  gov = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n_measures; i++)
    {
      if (!ld_effect_period_compute (&measures[i], &periods[i]))
        period_clear (&periods[i]);
      else if (is_running_gov (&measures[i], &periods[i]))
        g_array_append_val (gov, i);
    }

  /* In order of taking effect, so a sanction that was itself lengthened
   * passes its whole remaining time on to the next one. The new period is
   * the time left of the running one plus its own months: in calendar
   * months, the running one's end + the new one's months (counting the
   * time left in days would make 6 + 6 months more than 12). */
  g_array_sort_with_data (gov, compare_effective, &data);
  for (guint k = 0; k < gov->len; k++)
    {
      guint j = g_array_index (gov, guint, k);
      const GDate *effective = &measures[j].effective;
      const LdMeasureCode *code = ld_measure_code_find (measures[j].code);
      gboolean lengthened = FALSE;
      GDate longest = periods[j].end;
      GDate cap, stop;

      for (guint l = 0; l < k; l++)
        {
          guint i = g_array_index (gov, guint, l);
          GDate end;

          /* Running when j took effect (not the same day: one decision). */
          if (g_date_compare (&measures[i].effective, effective) >= 0
              || g_date_compare (&periods[i].end, effective) <= 0)
            continue;
          end = add_months (&periods[i].end, code->months);
          if (g_date_compare (&end, &longest) > 0)
            {
              longest = end;
              lengthened = TRUE;
            }
        }
      if (!lengthened)
        continue;

      periods[j].end = longest;
      cap = add_months (effective, MAX_GOV_ACCUMULATED_MONTHS);
      clamp_to (&periods[j].end, &cap);
      if (stop_date (&measures[j], &stop))
        clamp_to (&periods[j].end, &stop);
    }
}

/* ---- Promotion blocks ---------------------------------------------------- */

static void
block_reason_free (gpointer data)
{
  LdBlockReason *reason = data;

  g_free (reason->code);
  g_free (reason->reg_no);
  g_free (reason->text);
  g_free (reason);
}

static char *
reason_text (const LdMeasureFacts *measure,
             const LdMeasureCode  *code,
             const LdEffectPeriod *period)
{
  const char *label = ld_measure_code_get_label (code);
  const char *reg_no = measure->reg_no != NULL && *measure->reg_no != '\0' ? measure->reg_no : NULL;
  g_autofree char *end = NULL;
  g_autofree char *rejoin = NULL;

  if (period->open_ended)
    {
      if (reg_no != NULL)
        /* Translators: a promotion block: "停职检查（2026-Z0002），至解除时止":
         * the measure and its document number. */
        return g_strdup_printf (_("%s (%s), until lifted"), label, reg_no);
      /* Translators: a promotion block: "停职检查，至解除时止". */
      return g_strdup_printf (_("%s, until lifted"), label);
    }
  if (period->permanent && g_date_valid (&period->rejoin_end))
    {
      rejoin = format_date (&period->rejoin_end);
      if (reg_no != NULL)
        /* Translators: a promotion block: "开除党籍（2026-M0009），永久影响；2031-04-01前不得重新入党":
         * the measure, its document number and the day the rejoin bar ends. */
        return g_strdup_printf (_("%s (%s), permanent; may not rejoin the Party before %s"), label, reg_no,
                                rejoin);
      /* Translators: a promotion block: "开除党籍，永久影响；2031-04-01前不得重新入党". */
      return g_strdup_printf (_("%s, permanent; may not rejoin the Party before %s"), label, rejoin);
    }
  if (period->permanent)
    {
      if (reg_no != NULL)
        /* Translators: a promotion block: "开除（2026-Z0009），永久影响". */
        return g_strdup_printf (_("%s (%s), permanent"), label, reg_no);
      /* Translators: a promotion block: "开除，永久影响". */
      return g_strdup_printf (_("%s, permanent"), label);
    }

  end = format_date (&period->end);
  if (reg_no != NULL)
    /* Translators: a promotion block: "留党察看一年（2026-M0003），影响期至2029-03-14":
     * the measure, its document number and the first day it no longer applies. */
    return g_strdup_printf (_("%s (%s), in effect until %s"), label, reg_no, end);
  /* Translators: a promotion block: "诫勉，影响期至2026-07-10". */
  return g_strdup_printf (_("%s, in effect until %s"), label, end);
}

/* Longest first: permanent, then until lifted, then the latest end; ties
 * by the measure's id. */
static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const LdBlockReason *ra = *(LdBlockReason * const *) a;
  const LdBlockReason *rb = *(LdBlockReason * const *) b;

  if (ra->permanent != rb->permanent)
    return ra->permanent ? -1 : 1;
  if (ra->open_ended != rb->open_ended)
    return ra->open_ended ? -1 : 1;
  if (g_date_valid (&ra->end) && g_date_valid (&rb->end))
    {
      int cmp = g_date_compare (&rb->end, &ra->end);

      if (cmp != 0)
        return cmp;
    }
  return ra->measure_id < rb->measure_id ? -1 : ra->measure_id > rb->measure_id;
}

void
ld_promotion_block_compute (const LdMeasureFacts *measures,
                            guint                 n_measures,
                            const GDate          *date,
                            LdPromotionBlock     *block)
{
  g_autofree LdEffectPeriod *periods = NULL;

  g_return_if_fail (block != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (n_measures == 0 || measures != NULL);

  memset (block, 0, sizeof *block);
  g_date_clear (&block->until, 1);
  g_date_clear (&block->leading_until, 1);
  block->reasons = g_ptr_array_new_with_free_func (block_reason_free);

  periods = g_new0 (LdEffectPeriod, MAX (n_measures, 1));
  ld_effect_periods_compute_all (measures, n_measures, periods);

  for (guint i = 0; i < n_measures; i++)
    {
      const LdEffectPeriod *period = &periods[i];
      LdBlockReason *reason;

      if (!period->has_period || g_date_compare (&measures[i].effective, date) > 0)
        continue;

      if (g_date_valid (&period->leading_end) && g_date_compare (date, &period->leading_end) < 0)
        {
          block->no_leading_post = TRUE;
          if (!g_date_valid (&block->leading_until)
              || g_date_compare (&period->leading_end, &block->leading_until) > 0)
            block->leading_until = period->leading_end;
        }

      if (!period->permanent && !period->open_ended && g_date_compare (date, &period->end) >= 0)
        continue;

      reason = g_new0 (LdBlockReason, 1);
      reason->measure_id = measures[i].id;
      reason->code = g_strdup (measures[i].code);
      reason->reg_no = g_strdup (measures[i].reg_no);
      reason->permanent = period->permanent;
      reason->open_ended = period->open_ended;
      reason->end = period->end;
      reason->text = reason_text (&measures[i], ld_measure_code_find (measures[i].code), period);
      g_ptr_array_add (block->reasons, reason);

      block->blocked = TRUE;
      block->permanent |= period->permanent;
      block->open_ended |= period->open_ended;
      if (g_date_valid (&period->end)
          && (!g_date_valid (&block->until) || g_date_compare (&period->end, &block->until) > 0))
        block->until = period->end;
    }

  /* The longer period governs; a permanent or open-ended one has no end. */
  if (block->permanent || block->open_ended)
    g_date_clear (&block->until, 1);
  g_ptr_array_sort (block->reasons, compare_reasons);
}

void
ld_promotion_block_clear (LdPromotionBlock *block)
{
  g_return_if_fail (block != NULL);

  g_clear_pointer (&block->reasons, g_ptr_array_unref);
}
