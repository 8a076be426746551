/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"
#include "records/ld-four-forms.h"
#include "records/ld-measure.h"
#include "widgets/ld-chart-view.h"

G_BEGIN_DECLS

#define LD_TYPE_FOUR_FORMS_PAGE (ld_four_forms_page_get_type ())
G_DECLARE_FINAL_TYPE (LdFourFormsPage, ld_four_forms_page, LD, FOUR_FORMS_PAGE, LdPage)

/* The four-forms statistics (四种形态): for a period (month, quarter,
 * year or custom; the current quarter by default) and a unit scope, the
 * person-times and persons per form with their shares, the previous
 * period and the same period last year; the breakdown by post level or by
 * key group; the pyramid and the bars of the last 8 quarters; and the
 * consistency checks. Every number, band and bar drills down: the
 * measures behind it are listed beside, each opening its record through
 * "win.show-record" ("measure", id); each check opens its record too.
 *
 * Actions: four-forms.previous (Alt+Left), four-forms.next (Alt+Right),
 * four-forms.current (Alt+Home), four-forms.clear-drill. F5 / Ctrl+R
 * (win.refresh) reload, and so does showing the page again. */
LdFourFormsPage  *ld_four_forms_page_new            (LdVault         *vault);

/* The period counted; setting it reloads. */
const LdPeriod   *ld_four_forms_page_get_period     (LdFourFormsPage *self);
void              ld_four_forms_page_set_period     (LdFourFormsPage *self,
                                                     const LdPeriod  *period);
/* The unit (0 = all the session's scopes); FALSE when the unit picker
 * does not hold it (yet). */
gint64            ld_four_forms_page_get_unit       (LdFourFormsPage *self);
gboolean          ld_four_forms_page_set_unit       (LdFourFormsPage *self,
                                                     gint64           unit_id);
/* The breakdown shown: LD_FOUR_FORMS_DIMENSION_LEVEL or _GROUP. */
void              ld_four_forms_page_set_breakdown  (LdFourFormsPage      *self,
                                                     LdFourFormsDimension  dimension);

/* Whether the charts count persons (else person-times, the default). */
void              ld_four_forms_page_set_chart_persons (LdFourFormsPage *self,
                                                        gboolean         persons);

/* For tests. "loading", "stats", "empty" (no measure in the period) or
 * "error". */
const char       *ld_four_forms_page_get_state      (LdFourFormsPage *self);
/* The heading: the period and the unit counted ("2026年第一季度 · 纪检一室"). */
const char       *ld_four_forms_page_get_heading    (LdFourFormsPage *self);
/* The numbers of the last load (NULL before the first). */
const LdFourFormsStats *ld_four_forms_page_get_stats (LdFourFormsPage *self);
/* A cell of the tables (a button when it drills, else a label) and its
 * text; NULL when there is none. form: 1..4, 0 = the total row. column:
 * "times", "persons", "share-times", "share-persons", "previous",
 * "vs-previous", "last-year", "vs-last-year"; in the breakdown
 * "level-<code>-times" / "-persons" (ld_post_level_to_code(), "none"
 * for no level) or "group-<code>-times" / "-persons"
 * (ld_four_forms_group_to_string()). */
GtkWidget        *ld_four_forms_page_get_cell       (LdFourFormsPage *self,
                                                     int              form,
                                                     const char      *column);
const char       *ld_four_forms_page_get_cell_text  (LdFourFormsPage *self,
                                                     int              form,
                                                     const char      *column);
LdChartView      *ld_four_forms_page_get_pyramid    (LdFourFormsPage *self);
LdChartView      *ld_four_forms_page_get_trend      (LdFourFormsPage *self);

/* The drill-down: its heading (NULL when nothing is drilled), whether it
 * is loading, the measures listed, and opening one as a click would. */
const char       *ld_four_forms_page_get_drill_title (LdFourFormsPage *self);
gboolean          ld_four_forms_page_get_drilling   (LdFourFormsPage *self);
guint             ld_four_forms_page_get_n_drilled  (LdFourFormsPage *self);
LdMeasure        *ld_four_forms_page_get_drilled    (LdFourFormsPage *self,
                                                     guint            position);
gboolean          ld_four_forms_page_activate_drilled (LdFourFormsPage *self,
                                                       guint            position);

/* The consistency checks listed and opening one as a click would. */
guint             ld_four_forms_page_get_n_checks   (LdFourFormsPage *self);
const LdConsistencyIssue *ld_four_forms_page_get_check (LdFourFormsPage *self,
                                                        guint            position);
gboolean          ld_four_forms_page_activate_check (LdFourFormsPage *self,
                                                     guint            position);

G_END_DECLS
