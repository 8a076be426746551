/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "brief/ld-charts.h"

G_BEGIN_DECLS

#define LD_TYPE_CHART_VIEW (ld_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (LdChartView, ld_chart_view, LD, CHART_VIEW, GtkWidget)

/* A four-forms chart on screen: the pyramid or the bars of
 * brief/ld-charts.h, drawn by the same code as print and PDF. It keeps the
 * hit regions of the last drawing: over a band or bar the pointer becomes
 * a hand and a tooltip names the form, the count and the share. A click,
 * or Enter / Space on the band or bar chosen with the arrow keys (the
 * widget is focusable), emits "activated" (int form 1..4, int group: the
 * bar group index, -1 for a pyramid band), so every number drills down.
 * The accessible label is the chart's title and the description lists
 * every number. */
LdChartView *ld_chart_view_new          (void);

/* Shows the pyramid: data and its strings are copied. */
void         ld_chart_view_set_pyramid  (LdChartView          *self,
                                         const LdChartPyramid *data);
/* Shows the bars: data, its values and strings are copied. unit_suffix
 * follows a count in the tooltips ("人次"; NULL = none). */
void         ld_chart_view_set_bars     (LdChartView          *self,
                                         const LdChartBars    *data,
                                         const char           *unit_suffix);
/* Shows nothing (the empty text when set). */
void         ld_chart_view_clear        (LdChartView          *self);

/* The regions of the last drawing (0 regions before the first draw);
 * get_hit fills *hit with region i in widget coordinates, FALSE when
 * there is no such region. */
guint        ld_chart_view_get_n_hits   (LdChartView          *self);
gboolean     ld_chart_view_get_hit      (LdChartView          *self,
                                         guint                 i,
                                         LdChartHit           *hit);
/* The region chosen with the keyboard (-1 = none) and choosing one. */
int          ld_chart_view_get_focus_index (LdChartView       *self);
void         ld_chart_view_set_focus_index (LdChartView       *self,
                                            int                index);
/* Emits "activated" for region i as a click on it would. FALSE when there
 * is no such region. */
gboolean     ld_chart_view_activate_hit (LdChartView          *self,
                                         guint                 i);
/* The tooltip text of region i (NULL when none). Free with g_free(). */
char        *ld_chart_view_describe_hit (LdChartView          *self,
                                         guint                 i);
/* The summary set as the accessible description. */
const char  *ld_chart_view_get_summary  (LdChartView          *self);

G_END_DECLS
