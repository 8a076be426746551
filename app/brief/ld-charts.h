/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The four-forms charts, drawn with cairo and Pango only (no GTK) so the
 * screen (a GtkDrawingArea draw function), printing (GtkPrintOperation's
 * cairo context) and PDF (cairo_pdf_surface) share them; the quarterly
 * brief reuses them. Each function draws into the rectangle (0, 0, width,
 * height) of cr in user units, with the system font (Noto Sans CJK SC when
 * present), a fixed palette of four calm, distinguishable colours and a
 * white-free background (the caller paints the background). The cairo
 * state of cr is saved and restored. When every count is zero the chart
 * draws the caller's empty_text instead. */

#define LD_CHART_N_SERIES 4   /* the four forms */

/* The colour of series i (0..3, F1..F4) as r, g, b in [0, 1]. */
void ld_chart_get_series_color (guint   series,
                                double *r,
                                double *g,
                                double *b);

/* Where each band or bar was drawn, so a click maps to a drill-down. */
typedef struct
{
  double x, y, width, height;   /* user units of the cr drawn on */
  int    form;                  /* 1..4 */
  int    group;                 /* bar group (quarter) index; -1 for a pyramid band */
} LdChartHit;

typedef struct _LdChartHits LdChartHits;

LdChartHits      *ld_chart_hits_new      (void);
void              ld_chart_hits_free     (LdChartHits *hits);
/* Forgets every region (the charts append; clear before redrawing). */
void              ld_chart_hits_clear    (LdChartHits *hits);
guint             ld_chart_hits_get_n    (LdChartHits *hits);
const LdChartHit *ld_chart_hits_get      (LdChartHits *hits,
                                          guint        i);
/* The region under (x, y), the last drawn first; NULL when none. */
const LdChartHit *ld_chart_hits_lookup   (LdChartHits *hits,
                                          double       x,
                                          double       y);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdChartHits, ld_chart_hits_free)

/* The pyramid: F1 the widest band at the base, F4 at the top; band widths
 * follow the forms' order, not their counts (a pyramid of the intended
 * shape), and each band is labelled "<label>  <count>  <share>" with the
 * share "—" when has_base is FALSE. Strings are borrowed; labels[i] NULL
 * is drawn as "F1".."F4". */
typedef struct
{
  const char *title;                        /* NULL = none */
  const char *labels[LD_CHART_N_SERIES];    /* 第一种形态 … */
  guint       counts[LD_CHART_N_SERIES];
  double      shares[LD_CHART_N_SERIES];    /* 0..1 */
  gboolean    has_base;                     /* FALSE: the shares are "—" */
  const char *unit_suffix;                  /* after the count, e.g. "人次"; NULL = none */
  const char *empty_text;                   /* drawn when every count is 0 */
} LdChartPyramid;

void ld_chart_draw_pyramid (cairo_t              *cr,
                            double                width,
                            double                height,
                            const LdChartPyramid *data,
                            LdChartHits          *hits);

/* Bars: n_groups groups (quarters, oldest left) of four series (forms),
 * side by side or stacked, with a value axis, the group labels under the
 * axis, the values on the bars (when they fit) and a legend. values has
 * n_groups × 4 entries: values[group * 4 + series]. */
typedef struct
{
  const char         *title;                              /* NULL = none */
  guint               n_groups;
  const char * const *group_labels;                       /* n_groups labels ("2026Q1") */
  const guint        *values;
  const char         *series_labels[LD_CHART_N_SERIES];   /* legend; NULL = "F1".."F4" */
  gboolean            stacked;
  const char         *empty_text;
} LdChartBars;

void ld_chart_draw_bars    (cairo_t              *cr,
                            double                width,
                            double                height,
                            const LdChartBars    *data,
                            LdChartHits          *hits);

G_END_DECLS
