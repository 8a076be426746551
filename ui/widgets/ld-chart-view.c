/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-chart-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-chart-view.h"

/* The chart is inset by this much inside its light background. */
#define INSET 8.0

typedef enum
{
  MODE_NONE,
  MODE_PYRAMID,
  MODE_BARS,
} Mode;

struct _LdChartView
{
  GtkWidget       parent_instance;

  /* Owned References */
  LdChartHits    *hits;
  char           *title;
  char           *labels[LD_CHART_N_SERIES];
  char           *unit_suffix;
  char           *empty_text;
  GStrv           group_labels;
  guint          *values;
  char           *summary;

  Mode            mode;
  LdChartPyramid  pyramid;   /* strings point at the owned ones */
  LdChartBars     bars;
  int             focus_index;
};

G_DEFINE_FINAL_TYPE (LdChartView, ld_chart_view, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* --- Data -------------------------------------------------------------------- */

static void
clear_data (LdChartView *self)
{
  g_clear_pointer (&self->title, g_free);
  for (guint i = 0; i < LD_CHART_N_SERIES; i++)
    g_clear_pointer (&self->labels[i], g_free);
  g_clear_pointer (&self->unit_suffix, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->group_labels, g_strfreev);
  g_clear_pointer (&self->values, g_free);
  memset (&self->pyramid, 0, sizeof self->pyramid);
  memset (&self->bars, 0, sizeof self->bars);
  self->mode = MODE_NONE;
  /* The focus index stays: new numbers of the same chart keep the band
   * or bar chosen (drawing clamps it to the regions drawn). */
  if (self->hits != NULL)
    ld_chart_hits_clear (self->hits);
}

static const char *
series_label (LdChartView *self,
              guint        series,
              char         buffer[8])
{
  if (self->labels[series] != NULL)
    return self->labels[series];
  g_snprintf (buffer, 8, "F%u", series + 1);
  return buffer;
}

static char *
format_share (double   value,
              gboolean has_base)
{
  if (!has_base)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", value * 100.0);
}

/* The text of one band (form) or bar (form in group): what the tooltip
 * and the accessible description say. */
static char *
describe (LdChartView *self,
          int          form,
          int          group)
{
  g_autofree char *share = NULL;
  char buffer[8];
  guint series;

  if (form < 1 || form > LD_CHART_N_SERIES)
    return NULL;
  series = (guint) form - 1;

  if (self->mode == MODE_PYRAMID)
    {
      share = format_share (self->pyramid.shares[series], self->pyramid.has_base);
      /* Translators: a band of the four-forms pyramid: the form, its count
       * with its unit and its share; zh_CN: "%s · %u%s · %s" (第一种形态 · 45人次 · 62.5%) */
      return g_strdup_printf (C_("chart", "%s · %u%s · %s"), series_label (self, series, buffer),
                              self->pyramid.counts[series], self->unit_suffix != NULL ? self->unit_suffix : "",
                              share);
    }

  if (self->mode == MODE_BARS && group >= 0 && (guint) group < self->bars.n_groups)
    {
      guint value = self->values[group * LD_CHART_N_SERIES + series];
      guint sum = 0;

      for (guint s = 0; s < LD_CHART_N_SERIES; s++)
        sum += self->values[group * LD_CHART_N_SERIES + s];
      share = format_share (sum > 0 ? (double) value / sum : 0, sum > 0);
      /* Translators: a bar of the four-forms trend: the quarter, the form,
       * the count with its unit and its share of the quarter; zh_CN:
       * "%s · %s · %u%s · %s" (2026Q1 · 第一种形态 · 12人次 · 60.0%) */
      return g_strdup_printf (C_("chart", "%s · %s · %u%s · %s"),
                              self->group_labels[group] != NULL ? self->group_labels[group] : "",
                              series_label (self, series, buffer), value,
                              self->unit_suffix != NULL ? self->unit_suffix : "", share);
    }

  return NULL;
}

static void
update_accessible (LdChartView *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  if (self->mode == MODE_PYRAMID)
    {
      for (guint s = 0; s < LD_CHART_N_SERIES; s++)
        {
          g_autofree char *text = describe (self, (int) s + 1, -1);

          if (summary->len > 0)
            g_string_append (summary, "; ");
          g_string_append (summary, text);
        }
    }
  else if (self->mode == MODE_BARS)
    {
      for (guint g = 0; g < self->bars.n_groups; g++)
        for (guint s = 0; s < LD_CHART_N_SERIES; s++)
          {
            g_autofree char *text = describe (self, (int) s + 1, (int) g);

            if (summary->len > 0)
              g_string_append (summary, "; ");
            g_string_append (summary, text);
          }
    }

  if (summary->len == 0 && self->empty_text != NULL)
    g_string_append (summary, self->empty_text);

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Four-forms chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* --- Drawing ------------------------------------------------------------------ */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
ld_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LdChartView *self = LD_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The charts use a fixed palette made for paper: give them a light
   * background in any style. */
  rounded_rectangle (cr, 0.5, 0.5, width - 1, height - 1, 8);
  cairo_set_source_rgb (cr, 0.99, 0.99, 0.99);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  ld_chart_hits_clear (self->hits);
  cairo_save (cr);
  cairo_translate (cr, INSET, INSET);
  if (self->mode == MODE_PYRAMID)
    ld_chart_draw_pyramid (cr, width - 2 * INSET, height - 2 * INSET, &self->pyramid, self->hits);
  else if (self->mode == MODE_BARS)
    ld_chart_draw_bars (cr, width - 2 * INSET, height - 2 * INSET, &self->bars, self->hits);
  cairo_restore (cr);

  if (self->focus_index >= (int) ld_chart_hits_get_n (self->hits))
    self->focus_index = (int) ld_chart_hits_get_n (self->hits) - 1;

  /* The band or bar chosen with the keyboard, while the focus is shown. */
  if ((gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_VISIBLE) != 0 && gtk_widget_has_focus (widget) &&
      self->focus_index >= 0)
    {
      const LdChartHit *hit = ld_chart_hits_get (self->hits, (guint) self->focus_index);

      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2);
      rounded_rectangle (cr, INSET + hit->x - 3, INSET + hit->y - 3, hit->width + 6, hit->height + 6, 4);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
ld_chart_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if ((changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE)) != 0)
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (ld_chart_view_parent_class)->state_flags_changed (widget, previous);
}

static void
ld_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 440;
    }
  else
    {
      /* Scrolled pages allocate the minimum height: ask for room enough
       * for the labels (the charts' text follows their size). */
      *minimum = 340;
      *natural = 380;
    }
}

/* --- Hit regions and events ------------------------------------------------------- */

static int
hit_index_at (LdChartView *self,
              double       x,
              double       y)
{
  const LdChartHit *hit = ld_chart_hits_lookup (self->hits, x - INSET, y - INSET);

  if (hit == NULL)
    return -1;
  for (guint i = 0; i < ld_chart_hits_get_n (self->hits); i++)
    if (ld_chart_hits_get (self->hits, i) == hit)
      return (int) i;
  return -1;
}

static void
on_motion_cb (LdChartView              *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit_index_at (self, x, y) >= 0 ? "pointer" : NULL);
}

static void
on_leave_cb (LdChartView              *self,
             GtkEventControllerMotion *controller)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
on_released_cb (LdChartView     *self,
                int              n_press,
                double           x,
                double           y,
                GtkGestureClick *gesture)
{
  int index = hit_index_at (self, x, y);

  if (index < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  ld_chart_view_set_focus_index (self, index);
  ld_chart_view_activate_hit (self, (guint) index);
}

static gboolean
on_key_pressed_cb (LdChartView           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  int n = (int) ld_chart_hits_get_n (self->hits);
  int index = self->focus_index;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      /* Up the pyramid (F1 → F4), right along the bars. */
      index = MIN (index + 1, n - 1);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      index = MAX (index - 1, 0);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      index = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (index < 0)
        index = 0;
      ld_chart_view_set_focus_index (self, index);
      ld_chart_view_activate_hit (self, (guint) index);
      return TRUE;
    default:
      return FALSE;
    }

  ld_chart_view_set_focus_index (self, index);
  return TRUE;
}

static void
on_focus_enter_cb (LdChartView             *self,
                   GtkEventControllerFocus *controller)
{
  if (self->focus_index < 0)
    self->focus_index = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (LdChartView             *self,
                   GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
ld_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  LdChartView *self = LD_CHART_VIEW (widget);
  int index = keyboard_mode ? self->focus_index : hit_index_at (self, x, y);
  g_autofree char *text = NULL;

  if (index < 0 || (text = ld_chart_view_describe_hit (self, (guint) index)) == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  if (!keyboard_mode)
    {
      const LdChartHit *hit = ld_chart_hits_get (self->hits, (guint) index);
      GdkRectangle area = { (int) (INSET + hit->x), (int) (INSET + hit->y), (int) hit->width, (int) hit->height };

      /* Moving to another band asks again. */
      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  return TRUE;
}

/* --- GObject --------------------------------------------------------------------- */

static void
ld_chart_view_finalize (GObject *object)
{
  LdChartView *self = (LdChartView *)object;

  clear_data (self);
  g_clear_pointer (&self->hits, ld_chart_hits_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (ld_chart_view_parent_class)->finalize (object);
}

static void
ld_chart_view_class_init (LdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ld_chart_view_finalize;

  widget_class->snapshot = ld_chart_view_snapshot;
  widget_class->measure = ld_chart_view_measure;
  widget_class->query_tooltip = ld_chart_view_query_tooltip;
  widget_class->state_flags_changed = ld_chart_view_state_flags_changed;

  /**
   * LdChartView::activated:
   * @form: the form 1..4
   * @group: the bar group (quarter) index, -1 for a pyramid band
   *
   * A band or bar was clicked, or chosen and activated with the keyboard.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ld_chart_view_init (LdChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->hits = ld_chart_hits_new ();
  self->focus_index = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/* --- Public ---------------------------------------------------------------------- */

LdChartView *
ld_chart_view_new (void)
{
  return g_object_new (LD_TYPE_CHART_VIEW, NULL);
}

static void
changed (LdChartView *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ld_chart_view_set_pyramid (LdChartView          *self,
                           const LdChartPyramid *data)
{
  g_return_if_fail (LD_IS_CHART_VIEW (self));
  g_return_if_fail (data != NULL);

  clear_data (self);
  self->mode = MODE_PYRAMID;
  self->pyramid = *data;
  self->title = g_strdup (data->title);
  self->unit_suffix = g_strdup (data->unit_suffix);
  self->empty_text = g_strdup (data->empty_text);
  for (guint i = 0; i < LD_CHART_N_SERIES; i++)
    {
      self->labels[i] = g_strdup (data->labels[i]);
      self->pyramid.labels[i] = self->labels[i];
    }
  self->pyramid.title = self->title;
  self->pyramid.unit_suffix = self->unit_suffix;
  self->pyramid.empty_text = self->empty_text;
  changed (self);
}

void
ld_chart_view_set_bars (LdChartView       *self,
                        const LdChartBars *data,
                        const char        *unit_suffix)
{
  g_return_if_fail (LD_IS_CHART_VIEW (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_groups == 0 || data->values != NULL);

  clear_data (self);
  self->mode = MODE_BARS;
  self->bars = *data;
  self->title = g_strdup (data->title);
  self->unit_suffix = g_strdup (unit_suffix);
  self->empty_text = g_strdup (data->empty_text);
  for (guint i = 0; i < LD_CHART_N_SERIES; i++)
    {
      self->labels[i] = g_strdup (data->series_labels[i]);
      self->bars.series_labels[i] = self->labels[i];
    }
  self->group_labels = g_new0 (char *, data->n_groups + 1);
  for (guint g = 0; g < data->n_groups; g++)
    self->group_labels[g] = g_strdup (data->group_labels != NULL && data->group_labels[g] != NULL
                                        ? data->group_labels[g] : "");
  self->values = g_memdup2 (data->values, sizeof (guint) * LD_CHART_N_SERIES * MAX (data->n_groups, 1));
  self->bars.title = self->title;
  self->bars.empty_text = self->empty_text;
  self->bars.group_labels = (const char * const *) self->group_labels;
  self->bars.values = self->values;
  changed (self);
}

void
ld_chart_view_clear (LdChartView *self)
{
  g_return_if_fail (LD_IS_CHART_VIEW (self));

  clear_data (self);
  changed (self);
}

guint
ld_chart_view_get_n_hits (LdChartView *self)
{
  g_return_val_if_fail (LD_IS_CHART_VIEW (self), 0);

  return ld_chart_hits_get_n (self->hits);
}

gboolean
ld_chart_view_get_hit (LdChartView *self,
                       guint        i,
                       LdChartHit  *hit)
{
  g_return_val_if_fail (LD_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  if (i >= ld_chart_hits_get_n (self->hits))
    return FALSE;

  *hit = *ld_chart_hits_get (self->hits, i);
  hit->x += INSET;
  hit->y += INSET;
  return TRUE;
}

int
ld_chart_view_get_focus_index (LdChartView *self)
{
  g_return_val_if_fail (LD_IS_CHART_VIEW (self), -1);

  return self->focus_index;
}

void
ld_chart_view_set_focus_index (LdChartView *self,
                               int          index)
{
  g_return_if_fail (LD_IS_CHART_VIEW (self));

  /* Before the first drawing of new data there are no regions yet:
   * drawing clamps the index to the regions drawn. */
  index = MAX (index, -1);
  if (index == self->focus_index)
    return;

  self->focus_index = index;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ld_chart_view_activate_hit (LdChartView *self,
                            guint        i)
{
  const LdChartHit *hit;

  g_return_val_if_fail (LD_IS_CHART_VIEW (self), FALSE);

  if (i >= ld_chart_hits_get_n (self->hits))
    return FALSE;

  hit = ld_chart_hits_get (self->hits, i);
  g_signal_emit (self, signals [ACTIVATED], 0, hit->form, hit->group);
  return TRUE;
}

char *
ld_chart_view_describe_hit (LdChartView *self,
                            guint        i)
{
  const LdChartHit *hit;

  g_return_val_if_fail (LD_IS_CHART_VIEW (self), NULL);

  if (i >= ld_chart_hits_get_n (self->hits))
    return NULL;

  hit = ld_chart_hits_get (self->hits, i);
  return describe (self, hit->form, hit->group);
}

const char *
ld_chart_view_get_summary (LdChartView *self)
{
  g_return_val_if_fail (LD_IS_CHART_VIEW (self), NULL);

  return self->summary;
}
