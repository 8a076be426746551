/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-four-forms-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-four-forms-page.h"

#include "dialogs/ld-export-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-measure-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-measure-tables.h"
#include "widgets/ld-chart-view.h"
#include "widgets/ld-unit-picker.h"

/* The quarters of the bar chart. */
#define N_TREND_QUARTERS 8

/* What a number stands for: the measures behind it. */
typedef struct
{
  LdPeriod              period;
  int                   form;        /* 0 = all forms */
  LdFourFormsDimension  dimension;
  int                   value;
  gboolean              persons;     /* distinct persons, else person-times */
} Drill;

struct _LdFourFormsPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkDropDown         *kind_dropdown;
  GtkEntry            *period_entry;
  LdUnitPicker        *unit_picker;
  GtkSpinner          *spinner;
  GtkStack            *state_stack;
  AdwStatusPage       *error_page;
  GtkLabel            *period_label;
  GtkLabel            *compare_label;
  GtkStack            *numbers_stack;
  AdwStatusPage       *empty_page;
  GtkGrid             *forms_grid;
  GtkGrid             *breakdown_grid;
  GtkToggleButton     *level_button;
  GtkToggleButton     *group_button;
  GtkToggleButton     *times_button;
  GtkToggleButton     *persons_button;
  LdChartView         *pyramid_view;
  LdChartView         *trend_view;
  GtkListBox          *checks_list;
  GtkLabel            *drill_title_label;
  GtkStack            *drill_stack;
  GtkSpinner          *drill_spinner;
  GtkListBox          *drill_list;

  /* Owned References */
  LdFourFormsStats    *stats;
  GArray              *trend;              /* LdFourFormsTrendPoint */
  GPtrArray           *checks;             /* LdConsistencyIssue */
  GPtrArray           *drilled;            /* LdMeasure */
  GHashTable          *cells;              /* "form/column" → borrowed widget of a grid */
  GHashTable          *unit_names;         /* unit id (gint64 *) → name */
  GCancellable        *drill_cancellable;
  char                *drill_title;

  LdPeriod             period;
  gint64               unit_id;
  Drill                drill;              /* the last drill-down */
  guint                pending;            /* loads queued */
  gboolean             has_period;
  gboolean             has_drill;
  gboolean             drilling;
  gboolean             loaded;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (LdFourFormsPage, ld_four_forms_page, LD_TYPE_PAGE)

static void run_drill (LdFourFormsPage *self,
                       const Drill     *drill);

/* --- Labels ------------------------------------------------------------------- */

static const char *
level_label (LdPostLevel level)
{
  const char *label = NULL;

  if (level != LD_POST_LEVEL_NONE)
    label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, ld_post_level_to_code (level));
  /* Translators: cadres without a known post level (or below 乡科级); zh_CN: 其他 */
  return label != NULL ? label : C_("post level", "Other");
}

static const char *
level_code (LdPostLevel level)
{
  const char *code = level != LD_POST_LEVEL_NONE ? ld_post_level_to_code (level) : NULL;

  return code != NULL ? code : "none";
}

static const char *
basis_label (gboolean persons)
{
  /* Translators: zh_CN: 人数 (distinct cadres) */
  return persons ? C_("four-forms", "Persons")
                 /* Translators: zh_CN: 人次 (measures counted) */
                 : C_("four-forms", "Person-times");
}

/* The suffix right after a count in the charts. */
static const char *
basis_suffix (gboolean persons)
{
  /* Translators: right after a number of cadres in a chart, with its
   * space when the language wants one; zh_CN: "人" */
  return persons ? C_("chart unit", " persons")
                 /* Translators: right after a number of measures in a chart; zh_CN: "人次" */
                 : C_("chart unit", " person-times");
}

/* "2026年第一季度 · 第一种形态 · 县处级 · 人数". */
static char *
drill_describe (const Drill *drill)
{
  g_autofree char *period = ld_period_get_label (&drill->period);
  const char *parts[5] = { NULL };
  guint n = 0;

  parts[n++] = period;
  /* Translators: every form together in a drill-down heading; zh_CN: 四种形态合计 */
  parts[n++] = drill->form == 0 ? C_("four-forms", "All forms") : ld_form_get_label (drill->form);
  if (drill->dimension == LD_FOUR_FORMS_DIMENSION_LEVEL)
    parts[n++] = level_label (drill->value);
  else if (drill->dimension == LD_FOUR_FORMS_DIMENSION_GROUP)
    parts[n++] = ld_four_forms_group_get_label (drill->value);
  parts[n++] = basis_label (drill->persons);

  return g_strjoinv (" · ", (char **) parts);
}

static char *
format_count (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* --- Cells -------------------------------------------------------------------- */

static void
clear_grid (LdFourFormsPage *self,
            GtkGrid         *grid)
{
  GtkWidget *child;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (gtk_widget_get_parent (value) == GTK_WIDGET (grid))
      g_hash_table_iter_remove (&iter);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
remember_cell (LdFourFormsPage *self,
               int              form,
               const char      *column,
               GtkWidget       *widget)
{
  g_hash_table_replace (self->cells, g_strdup_printf ("%d/%s", form, column), widget);
}

static GtkWidget *
heading_label (const char *text,
               float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  return label;
}

static GtkWidget *
value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* Line up with the text of the buttons. */
  gtk_widget_set_margin_end (label, 10);
  return label;
}

static void
on_cell_clicked_cb (LdFourFormsPage *self,
                    GtkButton       *button)
{
  const Drill *drill = g_object_get_data (G_OBJECT (button), "drill");

  if (drill != NULL)
    run_drill (self, drill);
}

static GtkWidget *
drill_button (LdFourFormsPage *self,
              const char      *text,
              const Drill     *drill,
              gboolean         bold)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *tooltip = drill_describe (drill);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Buttons are bold: only the totals should be. */
  pango_attr_list_insert (attrs, pango_attr_weight_new (bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_button_set_child (GTK_BUTTON (button), label);
  g_object_set_data_full (G_OBJECT (button), "text", g_strdup (text), g_free);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "numeric");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "drill", g_memdup2 (drill, sizeof *drill), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_cell_clicked_cb), self, G_CONNECT_SWAPPED);
  return button;
}

/* The name of a form (or the total) in the first column, with the colour
 * of its band and, in a tooltip, its formula. */
static GtkWidget *
form_label (int form)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (label, 6);
  if (form == 0)
    {
      /* Translators: the row of every form together; zh_CN: 合计 */
      gtk_label_set_label (GTK_LABEL (label), C_("four-forms", "Total"));
      gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (ld_form_get_label (form), -1);
      g_autofree char *markup = NULL;
      double r, g, b;

      ld_chart_get_series_color ((guint) form - 1, &r, &g, &b);
      markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span> %s",
                                (guint) (r * 255 + 0.5), (guint) (g * 255 + 0.5), (guint) (b * 255 + 0.5),
                                escaped);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_set_tooltip_text (label, ld_form_get_formula (form, FALSE));
    }
  return label;
}

static const LdFourFormsRow *
stats_row (const LdFourFormsStats *stats,
           int                     form)
{
  return form == 0 ? &stats->total : &stats->forms[form - 1];
}

static void
show_forms_table (LdFourFormsPage *self)
{
  const LdFourFormsStats *stats = self->stats;
  static const char * const keys[] = {
    "times", "persons", "share-times", "share-persons", "previous", "vs-previous", "last-year", "vs-last-year",
  };
  const char *headings[G_N_ELEMENTS (keys)];

  clear_grid (self, self->forms_grid);

  /* Translators: column of the four-forms table; zh_CN: 人次 */
  headings[0] = C_("four-forms column", "Person-times");
  /* Translators: column of the four-forms table; zh_CN: 人数 */
  headings[1] = C_("four-forms column", "Persons");
  /* Translators: column of the four-forms table; zh_CN: 人次占比 */
  headings[2] = C_("four-forms column", "Share of Times");
  /* Translators: column of the four-forms table; zh_CN: 人数占比 */
  headings[3] = C_("four-forms column", "Share of Persons");
  /* Translators: column of the four-forms table: the person-times of the
   * previous period; zh_CN: 上期 */
  headings[4] = C_("four-forms column", "Previous");
  /* Translators: column of the four-forms table: change against the
   * previous period; zh_CN: 环比 */
  headings[5] = C_("four-forms column", "Change");
  /* Translators: column of the four-forms table: the person-times of the
   * same period last year; zh_CN: 去年同期 */
  headings[6] = C_("four-forms column", "Last Year");
  /* Translators: column of the four-forms table: change against the same
   * period last year; zh_CN: 同比 */
  headings[7] = C_("four-forms column", "Year on Year");

  /* Translators: column of the four-forms table; zh_CN: 形态 */
  gtk_grid_attach (self->forms_grid, heading_label (C_("four-forms column", "Form"), 0.0), 0, 0, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      /* The tables scroll sideways when narrow: headings stay on one
       * line (a scrolled window measures the height at the minimum width). */
      gtk_grid_attach (self->forms_grid, heading_label (headings[c], 1.0), (int) c + 1, 0, 1, 1);
    }

  for (int form = 1; form <= LD_FOUR_FORMS_N + 1; form++)
    {
      int f = form <= LD_FOUR_FORMS_N ? form : 0;
      const LdFourFormsRow *row = stats_row (stats, f);
      gboolean bold = f == 0;
      Drill times = { stats->period, f, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE };
      Drill persons = { stats->period, f, LD_FOUR_FORMS_DIMENSION_NONE, 0, TRUE };
      Drill previous = { stats->previous, f, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE };
      Drill last_year = { stats->last_year, f, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE };
      char *texts[G_N_ELEMENTS (keys)] = { NULL };
      g_autofree char *persons_previous = ld_change_format (&row->persons_vs_previous);
      g_autofree char *persons_last_year = ld_change_format (&row->persons_vs_last_year);
      g_autofree char *tip_previous = NULL;
      g_autofree char *tip_last_year = NULL;
      GtkWidget *cell;

      texts[0] = format_count (row->current.person_times);
      texts[1] = format_count (row->current.persons);
      texts[2] = ld_share_format (&row->share_times);
      texts[3] = ld_share_format (&row->share_persons);
      texts[4] = format_count (row->previous.person_times);
      texts[5] = ld_change_format (&row->times_vs_previous);
      texts[6] = format_count (row->last_year.person_times);
      texts[7] = ld_change_format (&row->times_vs_last_year);

      gtk_grid_attach (self->forms_grid, form_label (f), 0, form, 1, 1);

      cell = drill_button (self, texts[0], &times, bold);
      remember_cell (self, f, keys[0], cell);
      gtk_grid_attach (self->forms_grid, cell, 1, form, 1, 1);
      cell = drill_button (self, texts[1], &persons, bold);
      remember_cell (self, f, keys[1], cell);
      gtk_grid_attach (self->forms_grid, cell, 2, form, 1, 1);
      cell = drill_button (self, texts[2], &times, FALSE);
      remember_cell (self, f, keys[2], cell);
      gtk_grid_attach (self->forms_grid, cell, 3, form, 1, 1);
      cell = drill_button (self, texts[3], &persons, FALSE);
      remember_cell (self, f, keys[3], cell);
      gtk_grid_attach (self->forms_grid, cell, 4, form, 1, 1);
      cell = drill_button (self, texts[4], &previous, FALSE);
      remember_cell (self, f, keys[4], cell);
      gtk_grid_attach (self->forms_grid, cell, 5, form, 1, 1);

      /* Translators: tooltip of a change of person-times: the change of
       * persons; zh_CN: "人数：%s" */
      tip_previous = g_strdup_printf (_("Persons: %s"), persons_previous);
      cell = value_label (texts[5]);
      gtk_widget_set_tooltip_text (cell, tip_previous);
      remember_cell (self, f, keys[5], cell);
      gtk_grid_attach (self->forms_grid, cell, 6, form, 1, 1);

      cell = drill_button (self, texts[6], &last_year, FALSE);
      remember_cell (self, f, keys[6], cell);
      gtk_grid_attach (self->forms_grid, cell, 7, form, 1, 1);

      tip_last_year = g_strdup_printf (_("Persons: %s"), persons_last_year);
      cell = value_label (texts[7]);
      gtk_widget_set_tooltip_text (cell, tip_last_year);
      remember_cell (self, f, keys[7], cell);
      gtk_grid_attach (self->forms_grid, cell, 8, form, 1, 1);

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        g_clear_pointer (&texts[i], g_free);
    }
}

static void
show_breakdown (LdFourFormsPage *self)
{
  const LdFourFormsStats *stats = self->stats;
  gboolean by_level = gtk_toggle_button_get_active (self->level_button);
  int values[MAX ((int) LD_N_POST_LEVELS, (int) LD_FOUR_FORMS_N_GROUPS)];
  guint n_values = 0;
  int column = 1;

  clear_grid (self, self->breakdown_grid);

  if (by_level)
    {
      /* Highest level first; only the levels anyone was counted in. */
      for (int l = LD_N_POST_LEVELS - 1; l >= 0; l--)
        if (stats->total.by_level[l].person_times > 0)
          values[n_values++] = l;
    }
  else
    {
      for (int g = 0; g < LD_FOUR_FORMS_N_GROUPS; g++)
        values[n_values++] = g;
    }

  gtk_grid_attach (self->breakdown_grid, heading_label (C_("four-forms column", "Form"), 0.0), 0, 1, 1, 1);
  for (guint v = 0; v < n_values; v++, column += 2)
    {
      GtkWidget *label = heading_label (by_level ? level_label (values[v]) : ld_four_forms_group_get_label (values[v]),
                                        1.0);

      gtk_widget_remove_css_class (label, "dim-label");
      gtk_grid_attach (self->breakdown_grid, label, column, 0, 2, 1);
      gtk_grid_attach (self->breakdown_grid, heading_label (C_("four-forms column", "Person-times"), 1.0),
                       column, 1, 1, 1);
      gtk_grid_attach (self->breakdown_grid, heading_label (C_("four-forms column", "Persons"), 1.0),
                       column + 1, 1, 1, 1);
    }

  for (int form = 1; form <= LD_FOUR_FORMS_N + 1; form++)
    {
      int f = form <= LD_FOUR_FORMS_N ? form : 0;
      const LdFourFormsRow *row = stats_row (stats, f);

      gtk_grid_attach (self->breakdown_grid, form_label (f), 0, form + 1, 1, 1);
      column = 1;
      for (guint v = 0; v < n_values; v++, column += 2)
        {
          const LdFormTally *tally = by_level ? &row->by_level[values[v]] : &row->by_group[values[v]];
          LdFourFormsDimension dimension = by_level ? LD_FOUR_FORMS_DIMENSION_LEVEL : LD_FOUR_FORMS_DIMENSION_GROUP;
          Drill times = { stats->period, f, dimension, values[v], FALSE };
          Drill persons = { stats->period, f, dimension, values[v], TRUE };
          const char *code = by_level ? level_code (values[v]) : ld_four_forms_group_to_string (values[v]);
          g_autofree char *times_key = g_strdup_printf ("%s-%s-times", by_level ? "level" : "group", code);
          g_autofree char *persons_key = g_strdup_printf ("%s-%s-persons", by_level ? "level" : "group", code);
          g_autofree char *times_text = format_count (tally->person_times);
          g_autofree char *persons_text = format_count (tally->persons);
          GtkWidget *cell;

          cell = drill_button (self, times_text, &times, f == 0);
          remember_cell (self, f, times_key, cell);
          gtk_grid_attach (self->breakdown_grid, cell, column, form + 1, 1, 1);
          cell = drill_button (self, persons_text, &persons, f == 0);
          remember_cell (self, f, persons_key, cell);
          gtk_grid_attach (self->breakdown_grid, cell, column + 1, form + 1, 1, 1);
        }
    }

  if (n_values == 0)
    {
      /* Translators: the breakdown by post level when no measure has one */
      GtkWidget *label = heading_label (_("No measure of the period has a post level."), 0.0);

      gtk_grid_attach (self->breakdown_grid, label, 1, 0, 1, 2);
    }
}

/* --- Charts -------------------------------------------------------------------- */

static gboolean
chart_persons (LdFourFormsPage *self)
{
  return gtk_toggle_button_get_active (self->persons_button);
}

static void
show_charts (LdFourFormsPage *self)
{
  const LdFourFormsStats *stats = self->stats;
  gboolean persons = chart_persons (self);
  LdChartPyramid pyramid = { 0 };
  LdChartBars bars = { 0 };
  g_autofree guint *values = NULL;
  g_autoptr(GPtrArray) group_labels = g_ptr_array_new_with_free_func (g_free);

  pyramid.title = persons ? _("Persons by Form") : _("Person-times by Form");
  for (guint i = 0; i < LD_FOUR_FORMS_N; i++)
    {
      const LdFourFormsRow *row = &stats->forms[i];
      const LdShare *share = persons ? &row->share_persons : &row->share_times;

      pyramid.labels[i] = ld_form_get_label ((int) i + 1);
      pyramid.counts[i] = persons ? row->current.persons : row->current.person_times;
      pyramid.shares[i] = share->value;
      pyramid.has_base = share->has_base;
    }
  pyramid.unit_suffix = basis_suffix (persons);
  pyramid.empty_text = _("No measures in this period");
  ld_chart_view_set_pyramid (self->pyramid_view, &pyramid);

  /* Translators: title of the bar chart; zh_CN: 近8个季度 */
  bars.title = persons ? _("Persons, Last 8 Quarters") : _("Person-times, Last 8 Quarters");
  bars.n_groups = self->trend != NULL ? self->trend->len : 0;
  values = g_new0 (guint, MAX (bars.n_groups, 1) * LD_CHART_N_SERIES);
  for (guint g = 0; g < bars.n_groups; g++)
    {
      const LdFourFormsTrendPoint *point = &g_array_index (self->trend, LdFourFormsTrendPoint, g);

      g_ptr_array_add (group_labels, ld_period_get_short_label (&point->quarter));
      for (guint s = 0; s < LD_CHART_N_SERIES; s++)
        values[g * LD_CHART_N_SERIES + s] = persons ? point->persons[s] : point->person_times[s];
    }
  g_ptr_array_add (group_labels, NULL);
  bars.group_labels = (const char * const *) group_labels->pdata;
  bars.values = values;
  for (guint s = 0; s < LD_CHART_N_SERIES; s++)
    bars.series_labels[s] = ld_form_get_label ((int) s + 1);
  bars.stacked = TRUE;
  bars.empty_text = _("No measures in these quarters");
  ld_chart_view_set_bars (self->trend_view, &bars, basis_suffix (persons));
}

static void
on_basis_toggled_cb (LdFourFormsPage *self,
                     GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button) || self->stats == NULL)
    return;
  show_charts (self);
}

static void
on_breakdown_toggled_cb (LdFourFormsPage *self,
                         GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button) || self->stats == NULL)
    return;
  show_breakdown (self);
}

static void
on_pyramid_activated_cb (LdFourFormsPage *self,
                         int              form,
                         int              group,
                         LdChartView     *view)
{
  Drill drill = { 0 };

  if (self->stats == NULL)
    return;

  drill.period = self->stats->period;
  drill.form = form;
  drill.dimension = LD_FOUR_FORMS_DIMENSION_NONE;
  drill.persons = chart_persons (self);
  run_drill (self, &drill);
}

static void
on_trend_activated_cb (LdFourFormsPage *self,
                       int              form,
                       int              group,
                       LdChartView     *view)
{
  Drill drill = { 0 };

  if (self->trend == NULL || group < 0 || (guint) group >= self->trend->len)
    return;

  drill.period = g_array_index (self->trend, LdFourFormsTrendPoint, group).quarter;
  drill.form = form;
  drill.dimension = LD_FOUR_FORMS_DIMENSION_NONE;
  drill.persons = chart_persons (self);
  run_drill (self, &drill);
}

/* --- Checks --------------------------------------------------------------------- */

static void
show_checks (LdFourFormsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      const LdConsistencyIssue *issue = g_ptr_array_index (self->checks, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *suffix = g_strdup_printf ("%s\n%s", issue->reg_no != NULL ? issue->reg_no : "",
                                                 issue->date != NULL ? issue->date : "");
      GtkWidget *label = gtk_label_new (suffix);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ld_consistency_kind_get_label (issue->kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), issue->text != NULL ? issue->text : "");
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->checks_list, row);
    }

  if (self->checks == NULL || self->checks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No inconsistencies found."));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->checks_list, row);
    }
}

static void
open_check (LdFourFormsPage *self,
            guint            position)
{
  const LdConsistencyIssue *issue = g_ptr_array_index (self->checks, position);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", issue->record_type, issue->record_id);
}

static void
on_check_activated_cb (LdFourFormsPage *self,
                       GtkListBoxRow   *row,
                       GtkListBox      *list_box)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  if (self->checks != NULL && position < self->checks->len && gtk_list_box_row_get_activatable (row))
    open_check (self, position);
}

/* --- Loading --------------------------------------------------------------------- */

typedef struct
{
  LdPeriod  period;
  gint64    unit_id;
} LoadJob;

typedef struct
{
  LdFourFormsStats *stats;
  GArray           *trend;
  GPtrArray        *checks;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->stats, ld_four_forms_stats_free);
  g_clear_pointer (&result->trend, g_array_unref);
  g_clear_pointer (&result->checks, g_ptr_array_unref);
  g_free (result);
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  LoadResult *result = g_new0 (LoadResult, 1);

  if ((result->stats = ld_four_forms_compute (vault, &job->period, job->unit_id, error)) == NULL ||
      (result->trend = ld_four_forms_trend (vault, &job->period, N_TREND_QUARTERS, job->unit_id, error)) == NULL ||
      (result->checks = ld_four_forms_checks (vault, NULL, job->unit_id, error)) == NULL)
    {
      load_result_free (result);
      return NULL;
    }

  return result;
}

static void
show_stats (LdFourFormsPage *self)
{
  g_autofree char *label = ld_period_get_label (&self->stats->period);
  g_autofree char *previous = ld_period_get_label (&self->stats->previous);
  g_autofree char *last_year = ld_period_get_label (&self->stats->last_year);
  g_autofree char *compare = NULL;
  g_autofree char *empty = NULL;

  if (self->stats->unit_id != 0 && g_hash_table_contains (self->unit_names, &self->stats->unit_id))
    {
      /* Translators: the heading of the statistics: the period and the
       * unit counted; zh_CN: "%s · %s" */
      g_autofree char *heading = g_strdup_printf (C_("four-forms heading", "%s · %s"), label,
                                                  (const char *) g_hash_table_lookup (self->unit_names,
                                                                                      &self->stats->unit_id));

      gtk_label_set_label (self->period_label, heading);
    }
  else
    gtk_label_set_label (self->period_label, label);
  /* Translators: under the period's name: the periods compared with;
   * zh_CN: "对比上期 %s 和去年同期 %s。" */
  compare = g_strdup_printf (_("Compared with the previous period, %s, and the same period last year, %s."),
                             previous, last_year);
  gtk_label_set_label (self->compare_label, compare);

  /* Translators: %s is a period (2026年第一季度) */
  empty = g_strdup_printf (_("No measure of the chosen units was decided in %s."), label);
  adw_status_page_set_description (self->empty_page, empty);

  show_forms_table (self);
  show_breakdown (self);
  show_charts (self);
  show_checks (self);

  gtk_stack_set_visible_child_name (self->numbers_stack,
                                    self->stats->total.current.person_times > 0 ? "numbers" : "empty");
  gtk_stack_set_visible_child_name (self->state_stack, "stats");
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdFourFormsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  /* The worker runs jobs in order: a newer load is still coming. */
  if (self->pending > 0)
    self->pending--;
  if (self->pending > 0)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_clear_pointer (&self->stats, ld_four_forms_stats_free);
  g_clear_pointer (&self->trend, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->stats = g_steal_pointer (&result->stats);
  self->trend = g_steal_pointer (&result->trend);
  self->checks = g_steal_pointer (&result->checks);
  load_result_free (result);
  self->loaded = TRUE;

  show_stats (self);

  /* The numbers may have changed under the list. */
  if (self->has_drill)
    run_drill (self, &self->drill);
}

static void
ld_four_forms_page_refresh (LdPage *page)
{
  LdFourFormsPage *self = LD_FOUR_FORMS_PAGE (page);
  LoadJob *job;

  job = g_new0 (LoadJob, 1);
  job->period = self->period;
  job->unit_id = self->unit_id;

  self->pending++;
  ld_page_set_busy (page, TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");

  ld_vault_run_async (ld_page_get_vault (page),
                      load_worker,
                      job, g_free,
                      load_result_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* --- The drill-down ----------------------------------------------------------------- */

typedef struct
{
  Drill   drill;
  gint64  unit_id;
} DrillJob;

static gpointer
drill_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  DrillJob *job = data;
  g_autoptr(GArray) ids = NULL;

  ids = ld_four_forms_drill (vault, &job->drill.period, job->unit_id, job->drill.form, job->drill.dimension,
                             job->drill.value, job->drill.persons, error);
  if (ids == NULL)
    return NULL;
  if (ids->len == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  return ld_measure_repository_list_by_ids (vault, (const gint64 *) ids->data, ids->len, error);
}

static GtkWidget *
measure_row (LdMeasure *measure,
             guint      position)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a measure in the drill-down list: registration number
   * and the cadre's name; zh_CN: "%s · %s" */
  title = g_strdup_printf (C_("drill-down", "%s · %s"), ld_measure_get_reg_no (measure),
                           ld_measure_get_cadre_name (measure));
  /* Translators: under a measure in the drill-down list: the measure, its
   * form and the decision date; zh_CN: "%s · %s · %s" */
  subtitle = g_strdup_printf (C_("drill-down", "%s · %s · %s"), ld_measure_get_code_label (measure),
                              ld_measure_get_form_label (measure), ld_measure_get_decision_date (measure));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, ld_measure_get_unit_name (measure));
  g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (position));
  return row;
}

static void
drill_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(LdFourFormsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  GtkWidget *child;

  measures = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  self->drilling = FALSE;
  gtk_spinner_set_spinning (self->drill_spinner, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drill_list))) != NULL)
    gtk_list_box_remove (self->drill_list, child);
  g_clear_pointer (&self->drilled, g_ptr_array_unref);

  if (measures == NULL)
    {
      gtk_stack_set_visible_child_name (self->drill_stack, "empty");
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The measures cannot be listed."));
      return;
    }

  self->drilled = g_steal_pointer (&measures);
  for (guint i = 0; i < self->drilled->len; i++)
    gtk_list_box_append (self->drill_list, measure_row (g_ptr_array_index (self->drilled, i), i));
  gtk_stack_set_visible_child_name (self->drill_stack, self->drilled->len > 0 ? "list" : "empty");
}

static void
run_drill (LdFourFormsPage *self,
           const Drill     *drill)
{
  DrillJob *job;

  self->drill = *drill;
  self->has_drill = TRUE;
  g_free (self->drill_title);
  self->drill_title = drill_describe (drill);
  gtk_label_set_label (self->drill_title_label, self->drill_title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "four-forms.clear-drill", TRUE);

  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  self->drill_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->drill_cancellable, G_CONNECT_SWAPPED);

  job = g_new0 (DrillJob, 1);
  job->drill = *drill;
  job->unit_id = self->unit_id;

  self->drilling = TRUE;
  gtk_spinner_set_spinning (self->drill_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->drill_stack, "loading");

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      drill_worker,
                      job, g_free,
                      (GDestroyNotify) g_ptr_array_unref,
                      self->drill_cancellable,
                      drill_cb,
                      g_object_ref (self));
}

static void
clear_drill (LdFourFormsPage *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->drill_cancellable);
  self->has_drill = FALSE;
  self->drilling = FALSE;
  g_clear_pointer (&self->drill_title, g_free);
  g_clear_pointer (&self->drilled, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drill_list))) != NULL)
    gtk_list_box_remove (self->drill_list, child);
  gtk_label_set_label (self->drill_title_label, "");
  gtk_spinner_set_spinning (self->drill_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->drill_stack, "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "four-forms.clear-drill", FALSE);
}

/* Export… (Ctrl+Shift+E or Ctrl+E): the statistics table of the period and
 * the unit shown. The dialog asks for the purpose and the file, or says why
 * the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdFourFormsPage *self = LD_FOUR_FORMS_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_FOUR_FORMS);
  char from[11], to[11];

  request->unit_id = self->unit_id;
  if (self->has_period)
    {
      ld_period_get_bounds_text (&self->period, from, to);
      request->from = g_strdup (from);
      request->to = g_strdup (to);
    }
  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
#endif
}

static void
clear_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  clear_drill (LD_FOUR_FORMS_PAGE (widget));
}

static void
open_drilled (LdFourFormsPage *self,
              guint            position)
{
  LdMeasure *measure = g_ptr_array_index (self->drilled, position);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", LD_RECORD_TYPE_MEASURE,
                              ld_measure_get_id (measure));
}

static void
on_drill_activated_cb (LdFourFormsPage *self,
                       GtkListBoxRow   *row,
                       GtkListBox      *list_box)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  if (self->drilled != NULL && position < self->drilled->len)
    open_drilled (self, position);
}

/* --- The period and the units ---------------------------------------------------------- */

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The period of kind holding date; a custom period keeps its length and
 * starts on date. */
static void
period_of_kind (LdPeriodKind    kind,
                const GDate    *date,
                const LdPeriod *custom,
                LdPeriod       *out)
{
  switch (kind)
    {
    case LD_PERIOD_MONTH:
      ld_period_init_month (out, g_date_get_year (date), g_date_get_month (date));
      break;
    case LD_PERIOD_YEAR:
      ld_period_init_year (out, g_date_get_year (date));
      break;
    case LD_PERIOD_CUSTOM:
      {
        GDate to = *date;

        g_date_add_days (&to, ld_period_get_days (custom) - 1);
        if (!ld_period_init_custom (out, date, &to, NULL))
          ld_period_init_quarter_of (out, date);
      }
      break;
    case LD_PERIOD_QUARTER:
    default:
      ld_period_init_quarter_of (out, date);
      break;
    }
}

static void
period_next (const LdPeriod *period,
             LdPeriod       *next)
{
  GDate day = period->to;

  g_date_add_days (&day, 1);
  period_of_kind (period->kind, &day, period, next);
}

static void
set_period (LdFourFormsPage *self,
            const LdPeriod  *period)
{
  g_autofree char *text = ld_period_to_string (period);
  gboolean changed = !self->has_period || !ld_period_equal (&self->period, period);

  self->period = *period;
  self->has_period = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->period_entry), text);
  ld_widget_set_error (GTK_WIDGET (self->period_entry), FALSE);
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, (guint) period->kind);
  self->filling = FALSE;

  if (changed)
    clear_drill (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
on_period_activate_cb (LdFourFormsPage *self,
                       GtkEntry        *entry)
{
  g_autoptr(GError) error = NULL;
  LdPeriod period;

  if (!ld_period_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &period, &error))
    {
      ld_widget_set_error (GTK_WIDGET (entry), TRUE);
      ld_page_show_toast (LD_PAGE (self), error->message);
      return;
    }

  set_period (self, &period);
}

static void
on_kind_changed_cb (LdFourFormsPage *self,
                    GParamSpec      *pspec,
                    GtkDropDown     *dropdown)
{
  guint kind = gtk_drop_down_get_selected (dropdown);
  LdPeriod period;

  if (self->filling || kind > LD_PERIOD_CUSTOM || kind == (guint) self->period.kind)
    return;

  if (kind == LD_PERIOD_CUSTOM)
    {
      /* The same days, now to be edited in the entry. */
      period = self->period;
      period.kind = LD_PERIOD_CUSTOM;
      set_period (self, &period);
      gtk_widget_grab_focus (GTK_WIDGET (self->period_entry));
      return;
    }

  period_of_kind (kind, &self->period.from, &self->period, &period);
  set_period (self, &period);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdFourFormsPage *self = LD_FOUR_FORMS_PAGE (widget);
  LdPeriod period;

  if (g_str_equal (action_name, "four-forms.next"))
    period_next (&self->period, &period);
  else
    ld_period_previous (&self->period, &period);
  set_period (self, &period);
}

static void
current_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdFourFormsPage *self = LD_FOUR_FORMS_PAGE (widget);
  LdPeriod period;
  GDate date;

  today (&date);
  if (self->period.kind == LD_PERIOD_CUSTOM)
    {
      /* The custom length ending today. */
      g_date_subtract_days (&date, ld_period_get_days (&self->period) - 1);
    }
  period_of_kind (self->period.kind, &date, &self->period, &period);
  set_period (self, &period);
}

static gpointer
units_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ld_unit_repository_list (vault, FALSE, error);
}

static void
units_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdFourFormsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || units == NULL ||
      g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  g_hash_table_remove_all (self->unit_names);
  for (guint i = 0; i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      gint64 id = ld_unit_get_id (unit);

      g_hash_table_replace (self->unit_names, g_memdup2 (&id, sizeof id), g_strdup (ld_unit_get_name (unit)));
    }

  self->filling = TRUE;
  ld_unit_picker_set_units (self->unit_picker, units, _("All units"), 0);
  if (!ld_unit_picker_set_selected_id (self->unit_picker, self->unit_id))
    ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
}

static void
on_unit_changed_cb (LdFourFormsPage *self)
{
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  if (self->filling)
    return;

  unit_id = MAX (unit_id, 0);
  if (unit_id == self->unit_id)
    return;

  self->unit_id = unit_id;
  clear_drill (self);
  ld_page_refresh (LD_PAGE (self));
}

/* --- GObject ----------------------------------------------------------------------------- */

static void
on_map_cb (LdFourFormsPage *self)
{
  /* Measures change on the other pages: count them afresh. */
  if (self->loaded && !ld_page_get_busy (LD_PAGE (self)))
    ld_page_refresh (LD_PAGE (self));
}

static void
ld_four_forms_page_constructed (GObject *object)
{
  LdFourFormsPage *self = (LdFourFormsPage *)object;
  LdPeriod period;
  GDate date;

  G_OBJECT_CLASS (ld_four_forms_page_parent_class)->constructed (object);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), units_worker, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, ld_page_get_cancellable (LD_PAGE (self)),
                      units_cb, g_object_ref (self));

  today (&date);
  ld_period_init_quarter_of (&period, &date);
  set_period (self, &period);
}

static void
ld_four_forms_page_dispose (GObject *object)
{
  LdFourFormsPage *self = (LdFourFormsPage *)object;

  g_cancellable_cancel (self->drill_cancellable);
  g_clear_pointer (&self->cells, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_FOUR_FORMS_PAGE);

  g_clear_object (&self->drill_cancellable);

  G_OBJECT_CLASS (ld_four_forms_page_parent_class)->dispose (object);
}

static void
ld_four_forms_page_finalize (GObject *object)
{
  LdFourFormsPage *self = (LdFourFormsPage *)object;

  g_clear_pointer (&self->stats, ld_four_forms_stats_free);
  g_clear_pointer (&self->trend, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->drilled, g_ptr_array_unref);
  g_clear_pointer (&self->drill_title, g_free);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);

  G_OBJECT_CLASS (ld_four_forms_page_parent_class)->finalize (object);
}

static void
ld_four_forms_page_class_init (LdFourFormsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_four_forms_page_constructed;
  object_class->dispose = ld_four_forms_page_dispose;
  object_class->finalize = ld_four_forms_page_finalize;

  page_class->refresh = ld_four_forms_page_refresh;

  g_type_ensure (LD_TYPE_CHART_VIEW);
  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/pages/ld-four-forms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, period_entry);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, compare_label);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, numbers_stack);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, forms_grid);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, breakdown_grid);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, level_button);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, group_button);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, times_button);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, persons_button);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, pyramid_view);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, checks_list);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, drill_title_label);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, drill_stack);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, drill_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdFourFormsPage, drill_list);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_breakdown_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_basis_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pyramid_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_trend_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_drill_activated_cb);

  gtk_widget_class_install_action (widget_class, "four-forms.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "four-forms.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "four-forms.current", NULL, current_action);
  gtk_widget_class_install_action (widget_class, "four-forms.clear-drill", NULL, clear_drill_action);
  gtk_widget_class_install_action (widget_class, "four-forms.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "four-forms.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "four-forms.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "four-forms.current", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "four-forms.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "four-forms.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "four-forms.export", NULL);
}

static void
ld_four_forms_page_init (LdFourFormsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "four-forms.export", FALSE);
#endif

  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "four-forms.clear-drill", FALSE);

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

LdFourFormsPage *
ld_four_forms_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_FOUR_FORMS_PAGE,
                       "vault", vault,
                       /* Translators: the page of the four-forms statistics; zh_CN: 四种形态 */
                       "title", _("Four Forms"),
                       "icon-name", "x-office-presentation-symbolic",
                       NULL);
}

const LdPeriod *
ld_four_forms_page_get_period (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return &self->period;
}

void
ld_four_forms_page_set_period (LdFourFormsPage *self,
                               const LdPeriod  *period)
{
  g_return_if_fail (LD_IS_FOUR_FORMS_PAGE (self));
  g_return_if_fail (period != NULL);

  set_period (self, period);
}

gint64
ld_four_forms_page_get_unit (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), 0);

  return self->unit_id;
}

gboolean
ld_four_forms_page_set_unit (LdFourFormsPage *self,
                             gint64           unit_id)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), FALSE);

  /* notify::selected-id reloads. */
  return ld_unit_picker_set_selected_id (self->unit_picker, unit_id);
}

void
ld_four_forms_page_set_breakdown (LdFourFormsPage      *self,
                                  LdFourFormsDimension  dimension)
{
  g_return_if_fail (LD_IS_FOUR_FORMS_PAGE (self));

  if (dimension == LD_FOUR_FORMS_DIMENSION_GROUP)
    gtk_toggle_button_set_active (self->group_button, TRUE);
  else
    gtk_toggle_button_set_active (self->level_button, TRUE);
}

void
ld_four_forms_page_set_chart_persons (LdFourFormsPage *self,
                                      gboolean         persons)
{
  g_return_if_fail (LD_IS_FOUR_FORMS_PAGE (self));

  gtk_toggle_button_set_active (persons ? self->persons_button : self->times_button, TRUE);
}

const char *
ld_four_forms_page_get_state (LdFourFormsPage *self)
{
  const char *state;

  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  state = gtk_stack_get_visible_child_name (self->state_stack);
  if (g_strcmp0 (state, "stats") == 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->numbers_stack),
                                                    "empty") == 0)
    return "empty";
  return state;
}

const char *
ld_four_forms_page_get_heading (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return gtk_label_get_label (self->period_label);
}

const LdFourFormsStats *
ld_four_forms_page_get_stats (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return self->stats;
}

GtkWidget *
ld_four_forms_page_get_cell (LdFourFormsPage *self,
                             int              form,
                             const char      *column)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  key = g_strdup_printf ("%d/%s", form, column);
  return g_hash_table_lookup (self->cells, key);
}

const char *
ld_four_forms_page_get_cell_text (LdFourFormsPage *self,
                                  int              form,
                                  const char      *column)
{
  GtkWidget *cell = ld_four_forms_page_get_cell (self, form, column);

  if (cell == NULL)
    return NULL;
  if (GTK_IS_BUTTON (cell))
    return g_object_get_data (G_OBJECT (cell), "text");
  if (GTK_IS_LABEL (cell))
    return gtk_label_get_label (GTK_LABEL (cell));
  return NULL;
}

LdChartView *
ld_four_forms_page_get_pyramid (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return self->pyramid_view;
}

LdChartView *
ld_four_forms_page_get_trend (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return self->trend_view;
}

const char *
ld_four_forms_page_get_drill_title (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  return self->drill_title;
}

gboolean
ld_four_forms_page_get_drilling (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), FALSE);

  return self->drilling;
}

guint
ld_four_forms_page_get_n_drilled (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), 0);

  return self->drilled != NULL ? self->drilled->len : 0;
}

LdMeasure *
ld_four_forms_page_get_drilled (LdFourFormsPage *self,
                                guint            position)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  if (self->drilled == NULL || position >= self->drilled->len)
    return NULL;
  return g_ptr_array_index (self->drilled, position);
}

gboolean
ld_four_forms_page_activate_drilled (LdFourFormsPage *self,
                                     guint            position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), FALSE);

  if ((row = gtk_list_box_get_row_at_index (self->drill_list, (int) position)) == NULL)
    return FALSE;
  g_signal_emit_by_name (self->drill_list, "row-activated", row);
  return TRUE;
}

guint
ld_four_forms_page_get_n_checks (LdFourFormsPage *self)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), 0);

  return self->checks != NULL ? self->checks->len : 0;
}

const LdConsistencyIssue *
ld_four_forms_page_get_check (LdFourFormsPage *self,
                              guint            position)
{
  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), NULL);

  if (self->checks == NULL || position >= self->checks->len)
    return NULL;
  return g_ptr_array_index (self->checks, position);
}

gboolean
ld_four_forms_page_activate_check (LdFourFormsPage *self,
                                   guint            position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (LD_IS_FOUR_FORMS_PAGE (self), FALSE);

  if (self->checks == NULL || position >= self->checks->len ||
      (row = gtk_list_box_get_row_at_index (self->checks_list, (int) position)) == NULL)
    return FALSE;
  g_signal_emit_by_name (self->checks_list, "row-activated", row);
  return TRUE;
}
