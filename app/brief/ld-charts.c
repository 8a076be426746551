/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-charts"

#include "config.h"

#include "brief/ld-charts.h"

#include <pango/pangocairo.h>

#define FONT_FAMILY "Noto Sans CJK SC, Noto Sans, Sans"

/* Calm, distinguishable and in order of severity: sage green, steel blue,
 * ochre, brick red. */
static const double palette[LD_CHART_N_SERIES][3] = {
  { 0.447, 0.647, 0.537 },
  { 0.369, 0.529, 0.729 },
  { 0.851, 0.635, 0.310 },
  { 0.757, 0.357, 0.333 },
};

static const double text_color[3] = { 0.18, 0.20, 0.23 };
static const double muted_color[3] = { 0.45, 0.47, 0.50 };
static const double axis_color[3] = { 0.70, 0.72, 0.75 };

void
ld_chart_get_series_color (guint   series,
                           double *r,
                           double *g,
                           double *b)
{
  g_return_if_fail (series < LD_CHART_N_SERIES);

  if (r != NULL)
    *r = palette[series][0];
  if (g != NULL)
    *g = palette[series][1];
  if (b != NULL)
    *b = palette[series][2];
}

/* ---- Hit regions ------------------------------------------------------------ */

struct _LdChartHits
{
  GArray *hits;
};

LdChartHits *
ld_chart_hits_new (void)
{
  LdChartHits *hits = g_new0 (LdChartHits, 1);

  hits->hits = g_array_new (FALSE, FALSE, sizeof (LdChartHit));
  return hits;
}

void
ld_chart_hits_free (LdChartHits *hits)
{
  if (hits == NULL)
    return;
  g_array_unref (hits->hits);
  g_free (hits);
}

void
ld_chart_hits_clear (LdChartHits *hits)
{
  g_return_if_fail (hits != NULL);
  g_array_set_size (hits->hits, 0);
}

guint
ld_chart_hits_get_n (LdChartHits *hits)
{
  g_return_val_if_fail (hits != NULL, 0);
  return hits->hits->len;
}

const LdChartHit *
ld_chart_hits_get (LdChartHits *hits,
                   guint        i)
{
  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (i < hits->hits->len, NULL);
  return &g_array_index (hits->hits, LdChartHit, i);
}

const LdChartHit *
ld_chart_hits_lookup (LdChartHits *hits,
                      double       x,
                      double       y)
{
  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = hits->hits->len; i > 0; i--)
    {
      const LdChartHit *hit = &g_array_index (hits->hits, LdChartHit, i - 1);

      if (x >= hit->x && x < hit->x + hit->width && y >= hit->y && y < hit->y + hit->height)
        return hit;
    }
  return NULL;
}

static void
hits_add (LdChartHits *hits,
          double       x,
          double       y,
          double       width,
          double       height,
          int          form,
          int          group)
{
  LdChartHit hit = { x, y, width, height, form, group };

  /* In the user space the caller drew in: the charts never transform cr. */
  if (hits == NULL || width <= 0 || height <= 0)
    return;
  g_array_append_val (hits->hits, hit);
}

/* ---- Text -------------------------------------------------------------------- */

typedef struct
{
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  double                size;   /* base font size in user units */
} Text;

static void
text_init (Text    *text,
           cairo_t *cr,
           double   width,
           double   height)
{
  text->cr = cr;
  text->layout = pango_cairo_create_layout (cr);
  /* One point = one user unit, for screen, print and PDF alike. */
  pango_cairo_context_set_resolution (pango_layout_get_context (text->layout), 72.0);
  pango_layout_context_changed (text->layout);
  text->size = CLAMP (MIN (width, height) / 26.0, 7.0, 15.0);
  text->font = pango_font_description_from_string (FONT_FAMILY);
}

static void
text_clear (Text *text)
{
  g_clear_object (&text->layout);
  g_clear_pointer (&text->font, pango_font_description_free);
}

/* Sets the layout's text and size (scale × the base size), bold or not,
 * wrapped (ellipsised) to max_width when > 0; returns its size. */
static void
text_set (Text       *text,
          const char *str,
          double      scale,
          gboolean    bold,
          double      max_width,
          double     *width,
          double     *height)
{
  int w, h;

  pango_font_description_set_absolute_size (text->font, text->size * scale * PANGO_SCALE);
  pango_font_description_set_weight (text->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (text->layout, text->font);
  pango_layout_set_text (text->layout, str != NULL ? str : "", -1);
  pango_layout_set_ellipsize (text->layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (text->layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (text->layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
text_draw (Text         *text,
           double        x,
           double        y,
           const double  color[3])
{
  cairo_set_source_rgb (text->cr, color[0], color[1], color[2]);
  cairo_move_to (text->cr, x, y);
  pango_cairo_show_layout (text->cr, text->layout);
}

/* Draws the title (if any) at the top; returns the height it took. */
static double
draw_title (Text       *text,
            const char *title,
            double      width)
{
  double w, h;

  if (title == NULL || *title == '\0')
    return 0;
  text_set (text, title, 1.25, TRUE, width, &w, &h);
  text_draw (text, (width - w) / 2, 0, text_color);
  return h + text->size * 0.6;
}

static void
draw_empty (Text       *text,
            const char *empty_text,
            double      top,
            double      width,
            double      height)
{
  double w, h;

  text_set (text, empty_text != NULL ? empty_text : "", 1.0, FALSE, width * 0.9, &w, &h);
  text_draw (text, (width - w) / 2, top + (height - top - h) / 2, muted_color);
}

static const char *
series_label (const char *label,
              guint       series,
              char        buffer[8])
{
  if (label != NULL)
    return label;
  g_snprintf (buffer, 8, "F%u", series + 1);
  return buffer;
}

/* ---- Pyramid ----------------------------------------------------------------- */

void
ld_chart_draw_pyramid (cairo_t              *cr,
                       double                width,
                       double                height,
                       const LdChartPyramid *data,
                       LdChartHits          *hits)
{
  Text text;
  double top, pad, area_w, area_h, band_h, apex, base_w, left;
  gboolean empty = TRUE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  text_init (&text, cr, width, height);
  pad = text.size * 0.8;
  top = draw_title (&text, data->title, width);
  for (guint i = 0; i < LD_CHART_N_SERIES; i++)
    if (data->counts[i] > 0)
      empty = FALSE;
  if (empty)
    {
      draw_empty (&text, data->empty_text, top, width, height);
      text_clear (&text);
      cairo_restore (cr);
      return;
    }

  /* The pyramid on the left 55 %, the labels on the right. */
  area_w = width * 0.55 - pad;
  area_h = height - top - pad;
  band_h = area_h / LD_CHART_N_SERIES;
  base_w = area_w;
  apex = area_w * 0.18;
  left = pad;
  for (guint i = 0; i < LD_CHART_N_SERIES; i++)
    {
      /* Band i from edge i (bottom) to edge i + 1 (top), F1 at the base. */
      double bottom_w = base_w - (base_w - apex) * i / LD_CHART_N_SERIES;
      double top_w = base_w - (base_w - apex) * (i + 1) / LD_CHART_N_SERIES;
      double y_bottom = top + area_h - band_h * i;
      double y_top = y_bottom - band_h;
      double gap = MIN (2.0, band_h * 0.05);
      double cx = left + base_w / 2;
      g_autofree char *count_text = NULL;
      g_autofree char *share_text = NULL;
      g_autofree char *label = NULL;
      char buffer[8];
      double w, h, label_x;

      cairo_new_path (cr);
      cairo_move_to (cr, cx - bottom_w / 2, y_bottom - gap);
      cairo_line_to (cr, cx + bottom_w / 2, y_bottom - gap);
      cairo_line_to (cr, cx + top_w / 2, y_top + gap);
      cairo_line_to (cr, cx - top_w / 2, y_top + gap);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, palette[i][0], palette[i][1], palette[i][2]);
      cairo_fill (cr);
      hits_add (hits, cx - bottom_w / 2, y_top, bottom_w, band_h, (int) i + 1, -1);

      /* The count inside the band when it fits. */
      count_text = g_strdup_printf ("%u", data->counts[i]);
      text_set (&text, count_text, 1.1, TRUE, 0, &w, &h);
      if (w + 4 < top_w && h < band_h)
        {
          static const double white[3] = { 1.0, 1.0, 1.0 };

          text_draw (&text, cx - w / 2, y_top + (band_h - h) / 2, white);
        }

      /* The label on the right: name, count and share. */
      share_text = data->has_base ? g_strdup_printf ("%.1f%%", data->shares[i] * 100.0) : g_strdup ("—");
      label = g_strdup_printf ("%s\n%u%s · %s", series_label (data->labels[i], i, buffer), data->counts[i],
                               data->unit_suffix != NULL ? data->unit_suffix : "", share_text);
      label_x = left + base_w + pad;
      text_set (&text, label, 1.0, FALSE, width - label_x - pad / 2, &w, &h);
      if (h > band_h)
        {
          /* Too tight for two lines: one line. */
          g_free (label);
          label = g_strdup_printf ("%s %u · %s", series_label (data->labels[i], i, buffer), data->counts[i],
                                   share_text);
          text_set (&text, label, 0.9, FALSE, width - label_x - pad / 2, &w, &h);
        }
      cairo_set_source_rgb (cr, palette[i][0], palette[i][1], palette[i][2]);
      cairo_rectangle (cr, label_x - pad * 0.6, y_top + (band_h - h) / 2, pad * 0.3, h);
      cairo_fill (cr);
      text_draw (&text, label_x, y_top + (band_h - h) / 2, text_color);
    }
  text_clear (&text);
  cairo_restore (cr);
}

/* ---- Bars -------------------------------------------------------------------- */

/* A round step (1, 2 or 5 × 10^k) giving at most 5 ticks up to max. */
static guint
nice_step (guint max)
{
  guint step = 1;

  if (max == 0)
    return 1;
  for (;;)
    {
      if (max <= step * 5)
        return step;
      if (max <= step * 2 * 5)
        return step * 2;
      if (max <= step * 5 * 5)
        return step * 5;
      step *= 10;
    }
}

void
ld_chart_draw_bars (cairo_t           *cr,
                    double             width,
                    double             height,
                    const LdChartBars *data,
                    LdChartHits       *hits)
{
  Text text;
  double top, pad, legend_h = 0, axis_w = 0, label_h = 0;
  double plot_x, plot_y, plot_w, plot_h, slot_w;
  guint max = 0, step, axis_max;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_groups == 0 || data->values != NULL);

  if (width <= 0 || height <= 0)
    return;
  cairo_save (cr);
  text_init (&text, cr, width, height);
  pad = text.size * 0.8;
  top = draw_title (&text, data->title, width);

  for (guint g = 0; g < data->n_groups; g++)
    {
      guint sum = 0;

      for (guint s = 0; s < LD_CHART_N_SERIES; s++)
        {
          guint v = data->values[g * LD_CHART_N_SERIES + s];

          sum += v;
          max = MAX (max, data->stacked ? 0 : v);
        }
      if (data->stacked)
        max = MAX (max, sum);
    }
  if (max == 0)
    {
      draw_empty (&text, data->empty_text, top, width, height);
      text_clear (&text);
      cairo_restore (cr);
      return;
    }
  step = nice_step (max);
  axis_max = ((max + step - 1) / step) * step;
  /* Room above the highest bar for its value. */
  if (axis_max == max)
    axis_max += step;

  /* Legend: one row of swatches and labels, centred. */
  {
    double widths[LD_CHART_N_SERIES], total = 0, x, h = 0;
    char buffer[8];

    for (guint s = 0; s < LD_CHART_N_SERIES; s++)
      {
        text_set (&text, series_label (data->series_labels[s], s, buffer), 0.9, FALSE, 0, &widths[s], &h);
        total += widths[s] + h + pad * 1.5;
      }
    x = MAX (pad, (width - total) / 2);
    for (guint s = 0; s < LD_CHART_N_SERIES; s++)
      {
        cairo_set_source_rgb (cr, palette[s][0], palette[s][1], palette[s][2]);
        cairo_rectangle (cr, x, top + h * 0.2, h * 0.6, h * 0.6);
        cairo_fill (cr);
        text_set (&text, series_label (data->series_labels[s], s, buffer), 0.9, FALSE, 0, NULL, NULL);
        text_draw (&text, x + h * 0.8, top, text_color);
        x += widths[s] + h + pad * 1.5;
      }
    legend_h = h + pad;
  }

  /* Axis labels. */
  {
    g_autofree char *widest = g_strdup_printf ("%u", axis_max);

    text_set (&text, widest, 0.85, FALSE, 0, &axis_w, &label_h);
  }
  plot_x = pad + axis_w + pad * 0.5;
  plot_y = top + legend_h + label_h / 2;
  plot_w = width - plot_x - pad;
  plot_h = height - plot_y - label_h * 1.6 - pad * 0.5;
  if (plot_w <= 0 || plot_h <= 0)
    {
      text_clear (&text);
      cairo_restore (cr);
      return;
    }

  cairo_set_line_width (cr, MAX (0.5, text.size / 14));
  for (guint v = 0; v <= axis_max; v += step)
    {
      g_autofree char *tick = g_strdup_printf ("%u", v);
      double y = plot_y + plot_h - plot_h * v / axis_max;
      double w, h;

      cairo_set_source_rgb (cr, axis_color[0], axis_color[1], axis_color[2]);
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
      cairo_stroke (cr);
      text_set (&text, tick, 0.85, FALSE, 0, &w, &h);
      text_draw (&text, plot_x - pad * 0.5 - w, y - h / 2, muted_color);
    }

  slot_w = plot_w / data->n_groups;
  for (guint g = 0; g < data->n_groups; g++)
    {
      double slot_x = plot_x + slot_w * g;
      double inner = slot_w * 0.8;
      double bar_w = data->stacked ? inner * 0.6 : inner / LD_CHART_N_SERIES;
      double base_y = plot_y + plot_h;
      double w, h;

      for (guint s = 0; s < LD_CHART_N_SERIES; s++)
        {
          guint v = data->values[g * LD_CHART_N_SERIES + s];
          double bar_h = plot_h * v / axis_max;
          double x = data->stacked ? slot_x + (slot_w - bar_w) / 2 : slot_x + slot_w * 0.1 + bar_w * s;
          double y = base_y - bar_h;
          g_autofree char *value = NULL;

          if (v == 0)
            continue;
          cairo_set_source_rgb (cr, palette[s][0], palette[s][1], palette[s][2]);
          cairo_rectangle (cr, x + (data->stacked ? 0 : bar_w * 0.06), y, bar_w * (data->stacked ? 1 : 0.88), bar_h);
          cairo_fill (cr);
          hits_add (hits, x, y, bar_w, bar_h, (int) s + 1, (int) g);

          value = g_strdup_printf ("%u", v);
          text_set (&text, value, 0.75, FALSE, 0, &w, &h);
          if (data->stacked)
            {
              if (h < bar_h && w < bar_w)
                {
                  static const double white[3] = { 1.0, 1.0, 1.0 };

                  text_draw (&text, x + (bar_w - w) / 2, y + (bar_h - h) / 2, white);
                }
              base_y = y;
            }
          else if (w <= bar_w * 1.2 && y - h >= plot_y - label_h / 2)
            text_draw (&text, x + (bar_w - w) / 2, y - h, text_color);
        }

      if (data->group_labels != NULL && data->group_labels[g] != NULL)
        {
          text_set (&text, data->group_labels[g], 0.85, FALSE, slot_w, &w, &h);
          text_draw (&text, slot_x + (slot_w - w) / 2, plot_y + plot_h + label_h * 0.3, text_color);
        }
    }

  /* The axis. */
  cairo_set_source_rgb (cr, muted_color[0], muted_color[1], muted_color[2]);
  cairo_move_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);

  text_clear (&text);
  cairo_restore (cr);
}
