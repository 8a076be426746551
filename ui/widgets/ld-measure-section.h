/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-measure.h"
#include "records/ld-opinion.h"
#include "rules/ld-effect-periods.h"

G_BEGIN_DECLS

/* Small pieces of the measures register shared by the measures page, its
 * dialogs and the cadre's file (sections H and M, the promotion block). */

/* The end of a measure's effect period for a list: "—" without one,
 * "Permanent" (长期), "Until lifted" (至解除) for 停职检查 still running,
 * else the stored first free day "YYYY-MM-DD". Caller frees. */
char      *ld_measure_effect_end_text     (LdMeasure              *measure);
/* The same for a computed period of code. */
char      *ld_effect_period_describe      (const LdEffectPeriod   *period);
/* A pill "F1".."F4" tinted by form, with the form's label as tooltip. */
GtkWidget *ld_form_badge_new              (int                     form);
/* Sets label (a GtkLabel) to "F1".."F4" with the form's tint. */
void       ld_form_badge_set              (GtkWidget              *label,
                                           int                     form);
/* The headline of a promotion block: "Promotion or further use restricted
 * until 2027-02-28" (or permanently / until lifted). NULL when not
 * blocked. Caller frees. */
char      *ld_promotion_block_headline    (const LdPromotionBlock *block);
/* A boxed list with the headline and one row per reason, each opening its
 * measure (win.show-record ("measure", id)). */
GtkWidget *ld_promotion_block_banner_new  (const LdPromotionBlock *block);
/* Section H: one dense row of a measure (opens it). */
GtkWidget *ld_measure_row_new             (LdMeasure              *measure);
/* Section M: one dense row of an opinion item with its request's purpose
 * (opens the request). */
GtkWidget *ld_opinion_item_row_new        (LdOpinionItem          *item,
                                           const char             *purpose_label);

G_END_DECLS
