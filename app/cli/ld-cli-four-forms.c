/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-four-forms"

#include "config.h"

#include "ld-cli.h"

#include "brief/ld-charts.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-four-forms.h"
#include "records/ld-measure-repository.h"
#include "records/ld-measure.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-measure-tables.h"
#include "vault/ld-vault.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

/* The four-forms statistics:
 *   four-forms [--period P] [--unit ID] [--by level|group] [--trend]
 *              [--checks] [--drill F1[,level=L|group=G]] [--persons]
 *              [--chart FILE.png|FILE.pdf] */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

static gboolean
parse_unit (const char  *text,
            gint64      *id,
            GError     **error)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a unit number: “unit list” shows the numbers of the units."), shown);
      return FALSE;
    }
  *id = (gint64) n;
  return TRUE;
}

static gboolean
parse_period (const char  *text,
              LdPeriod    *period,
              GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (text == NULL)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      ld_period_init_quarter_of (period, &today);
      return TRUE;
    }
  if (!ld_period_parse (text, period, &local))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE, local->message);
      return FALSE;
    }
  return TRUE;
}

/* "F1", "1", "all" and, after a comma, "level=CODE" or "group=CODE". */
static gboolean
parse_drill (const char            *text,
             int                   *form,
             LdFourFormsDimension  *dimension,
             int                   *value,
             GError               **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", 2);
  g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

  *dimension = LD_FOUR_FORMS_DIMENSION_NONE;
  *value = 0;
  if (parts[0] == NULL)
    goto bad;
  g_strstrip (parts[0]);
  if (g_ascii_strcasecmp (parts[0], "all") == 0)
    *form = 0;
  else if ((*form = ld_form_from_string (parts[0])) == 0)
    goto bad;
  if (parts[1] != NULL)
    {
      char *eq = strchr (parts[1], '=');

      if (eq == NULL)
        goto bad;
      *eq = '\0';
      g_strstrip (parts[1]);
      g_strstrip (eq + 1);
      if (strcmp (parts[1], "level") == 0)
        {
          *dimension = LD_FOUR_FORMS_DIMENSION_LEVEL;
          if (strcmp (eq + 1, "none") == 0 || eq[1] == '\0')
            *value = LD_POST_LEVEL_NONE;
          else if ((*value = ld_post_level_from_code (eq + 1)) == LD_POST_LEVEL_NONE)
            goto bad;
        }
      else if (strcmp (parts[1], "group") == 0)
        {
          *dimension = LD_FOUR_FORMS_DIMENSION_GROUP;
          if ((*value = ld_four_forms_group_from_string (eq + 1)) == LD_FOUR_FORMS_N_GROUPS)
            goto bad;
        }
      else
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
               _("“%s” is not a drill-down: write a form (F1 … F4, or all), optionally followed by "
                 "“,level=” and a post level (xiangke, xianchu, tingju, shengbu, guojia, none) or “,group=” and "
                 "a group (top, young, new, key), for example F1,group=young."),
               shown);
  return FALSE;
}

static const char *
form_name (int form)
{
  return form == 0 ? C_("four forms", "All forms") : ld_form_get_label (form);
}

static const char *
level_label (LdPostLevel level)
{
  const char *label = NULL;

  if (level != LD_POST_LEVEL_NONE)
    label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, ld_post_level_to_code (level));
  /* Translators: cadres without a known post level (or below 乡科级); zh_CN: 其他 */
  return label != NULL ? label : C_("post level", "Other");
}

static char *
tally_text (const LdFormTally *tally)
{
  /* Translators: person-times (人次) and, in brackets, distinct persons (人数). */
  return g_strdup_printf (C_("four forms", "%u (%u)"), tally->person_times, tally->persons);
}

static void
print_table (LdCliTable *table)
{
  g_autofree char *text = ld_cli_table_to_string (table);

  g_print ("%s", text);
}

static void
print_stats (const LdFourFormsStats *stats)
{
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *label = ld_period_get_label (&stats->period);
  g_autofree char *previous = ld_period_get_label (&stats->previous);
  g_autofree char *last_year = ld_period_get_label (&stats->last_year);
  g_autofree char *previous_column = NULL;
  g_autofree char *last_year_column = NULL;

  g_print (_("Four forms, %s\n"), label);
  /* Translators: a column heading naming the earlier period; zh_CN: "上期 (%s)" */
  previous_column = g_strdup_printf (C_("column", "Previous (%s)"), previous);
  /* Translators: zh_CN: "同期 (%s)" */
  last_year_column = g_strdup_printf (C_("column", "Last year (%s)"), last_year);
  table = ld_cli_table_new (9, C_("column", "Form"), C_("column", "Person-times"), C_("column", "Share"),
                            C_("column", "Persons"), C_("column", "Share of persons"), previous_column,
                            C_("column", "Change"), last_year_column, C_("column", "Change"));
  for (guint c = 1; c < 9; c++)
    ld_cli_table_set_right_aligned (table, c);
  for (int f = 1; f <= LD_FOUR_FORMS_N + 1; f++)
    {
      const LdFourFormsRow *row = f <= LD_FOUR_FORMS_N ? &stats->forms[f - 1] : &stats->total;
      g_autofree char *times = g_strdup_printf ("%u", row->current.person_times);
      g_autofree char *persons = g_strdup_printf ("%u", row->current.persons);
      g_autofree char *share_times = ld_share_format (&row->share_times);
      g_autofree char *share_persons = ld_share_format (&row->share_persons);
      g_autofree char *prev = g_strdup_printf ("%u", row->previous.person_times);
      g_autofree char *prev_change = ld_change_format (&row->times_vs_previous);
      g_autofree char *year = g_strdup_printf ("%u", row->last_year.person_times);
      g_autofree char *year_change = ld_change_format (&row->times_vs_last_year);

      ld_cli_table_add_row (table, f <= LD_FOUR_FORMS_N ? form_name (f) : C_("four forms", "Total"), times,
                            share_times, persons, share_persons, prev, prev_change, year, year_change);
    }
  print_table (table);
}

static void
print_by_level (const LdFourFormsStats *stats)
{
  g_autoptr(LdCliTable) table = NULL;
  const char *headings[LD_N_POST_LEVELS + 2];

  g_print ("\n%s\n", _("By post level: person-times (persons)"));
  headings[0] = C_("column", "Form");
  for (guint l = 0; l < LD_N_POST_LEVELS; l++)
    headings[l + 1] = level_label (LD_N_POST_LEVELS - 1 - l);
  headings[LD_N_POST_LEVELS + 1] = NULL;
  table = ld_cli_table_new (LD_N_POST_LEVELS + 1, headings[0], headings[1], headings[2], headings[3],
                            headings[4], headings[5], headings[6]);
  G_STATIC_ASSERT (LD_N_POST_LEVELS == 6);
  for (guint c = 1; c <= LD_N_POST_LEVELS; c++)
    ld_cli_table_set_right_aligned (table, c);
  for (int f = 1; f <= LD_FOUR_FORMS_N + 1; f++)
    {
      const LdFourFormsRow *row = f <= LD_FOUR_FORMS_N ? &stats->forms[f - 1] : &stats->total;
      char *cells[LD_N_POST_LEVELS + 2] = { NULL };

      cells[0] = g_strdup (f <= LD_FOUR_FORMS_N ? form_name (f) : C_("four forms", "Total"));
      for (guint l = 0; l < LD_N_POST_LEVELS; l++)
        cells[l + 1] = tally_text (&row->by_level[LD_N_POST_LEVELS - 1 - l]);
      ld_cli_table_add_rowv (table, (const char * const *) cells);
      for (guint c = 0; c <= LD_N_POST_LEVELS; c++)
        g_free (cells[c]);
    }
  print_table (table);
}

static void
print_by_group (const LdFourFormsStats *stats)
{
  g_autoptr(LdCliTable) table = NULL;

  g_print ("\n%s\n", _("By group: person-times (persons)"));
  table = ld_cli_table_new (LD_FOUR_FORMS_N_GROUPS + 1, C_("column", "Form"),
                            ld_four_forms_group_get_label (LD_FOUR_FORMS_GROUP_TOP),
                            ld_four_forms_group_get_label (LD_FOUR_FORMS_GROUP_YOUNG),
                            ld_four_forms_group_get_label (LD_FOUR_FORMS_GROUP_NEW),
                            ld_four_forms_group_get_label (LD_FOUR_FORMS_GROUP_KEY));
  G_STATIC_ASSERT (LD_FOUR_FORMS_N_GROUPS == 4);
  for (guint c = 1; c <= LD_FOUR_FORMS_N_GROUPS; c++)
    ld_cli_table_set_right_aligned (table, c);
  for (int f = 1; f <= LD_FOUR_FORMS_N + 1; f++)
    {
      const LdFourFormsRow *row = f <= LD_FOUR_FORMS_N ? &stats->forms[f - 1] : &stats->total;
      char *cells[LD_FOUR_FORMS_N_GROUPS + 2] = { NULL };

      cells[0] = g_strdup (f <= LD_FOUR_FORMS_N ? form_name (f) : C_("four forms", "Total"));
      for (guint g = 0; g < LD_FOUR_FORMS_N_GROUPS; g++)
        cells[g + 1] = tally_text (&row->by_group[g]);
      ld_cli_table_add_rowv (table, (const char * const *) cells);
      for (guint c = 0; c <= LD_FOUR_FORMS_N_GROUPS; c++)
        g_free (cells[c]);
    }
  print_table (table);
}

static void
print_trend (GArray *trend)
{
  g_autoptr(LdCliTable) table = NULL;

  g_print ("\n%s\n", _("Person-times by quarter"));
  table = ld_cli_table_new (6, C_("column", "Quarter"), ld_form_to_string (1), ld_form_to_string (2),
                            ld_form_to_string (3), ld_form_to_string (4), C_("four forms", "Total"));
  for (guint c = 1; c < 6; c++)
    ld_cli_table_set_right_aligned (table, c);
  for (guint i = 0; i < trend->len; i++)
    {
      const LdFourFormsTrendPoint *point = &g_array_index (trend, LdFourFormsTrendPoint, i);
      char *cells[7] = { NULL };
      guint total = 0;

      cells[0] = ld_period_get_short_label (&point->quarter);
      for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
        {
          cells[f + 1] = g_strdup_printf ("%u", point->person_times[f]);
          total += point->person_times[f];
        }
      cells[5] = g_strdup_printf ("%u", total);
      ld_cli_table_add_rowv (table, (const char * const *) cells);
      for (guint c = 0; c < 6; c++)
        g_free (cells[c]);
    }
  print_table (table);
}

static void
print_checks (GPtrArray *issues)
{
  g_autoptr(LdCliTable) table = NULL;

  g_print ("\n%s\n", _("Consistency checks"));
  if (issues->len == 0)
    {
      g_print ("%s\n", _("No inconsistencies found."));
      return;
    }
  table = ld_cli_table_new (4, C_("column", "Check"), C_("column", "Number"), C_("column", "Date"),
                            C_("column", "Problem"));
  for (guint i = 0; i < issues->len; i++)
    {
      const LdConsistencyIssue *issue = g_ptr_array_index (issues, i);

      ld_cli_table_add_row (table, ld_consistency_kind_get_label (issue->kind), issue->reg_no, issue->date,
                            issue->text);
    }
  print_table (table);
}

static gboolean
print_drill (LdVault  *vault,
             GArray   *ids,
             GError  **error)
{
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(LdCliTable) table = NULL;

  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u measure:\n", "%u measures:\n", ids->len), ids->len);
  measures = ld_measure_repository_list_by_ids (vault, (const gint64 *) (gpointer) ids->data, ids->len, error);
  if (measures == NULL)
    return FALSE;
  table = ld_cli_table_new (7, C_("column", "Number"), C_("column", "Decided"), C_("column", "Cadre"),
                            C_("column", "Measure"), C_("column", "Form"), C_("column", "Unit"),
                            C_("column", "Status"));
  for (guint i = 0; i < measures->len; i++)
    {
      LdMeasure *m = g_ptr_array_index (measures, i);

      ld_cli_table_add_row (table, ld_measure_get_reg_no (m), ld_measure_get_decision_date (m),
                            ld_measure_get_cadre_name (m), ld_measure_get_code_label (m),
                            ld_form_to_string (ld_measure_get_form (m)), ld_measure_get_unit_name (m),
                            ld_measure_get_status_label (m));
    }
  print_table (table);
  return TRUE;
}

/* --- --chart ------------------------------------------------------------------- */

typedef struct
{
  LdChartPyramid  pyramid;
  LdChartBars     bars;
  char           *title;
  char          **quarters;
  guint          *values;
} Chart;

static void
chart_clear (Chart *chart)
{
  g_free (chart->title);
  g_strfreev (chart->quarters);
  g_free (chart->values);
}

static void
chart_init (Chart                  *chart,
            const LdFourFormsStats *stats,
            GArray                 *trend)
{
  g_autofree char *label = ld_period_get_label (&stats->period);

  memset (chart, 0, sizeof *chart);
  /* Translators: the pyramid chart's title; zh_CN: "%s“四种形态”" */
  chart->title = g_strdup_printf (C_("chart", "Four forms, %s"), label);
  chart->pyramid.title = chart->title;
  for (int f = 1; f <= LD_FOUR_FORMS_N; f++)
    {
      chart->pyramid.labels[f - 1] = ld_form_get_label (f);
      chart->pyramid.counts[f - 1] = stats->forms[f - 1].current.person_times;
      chart->pyramid.shares[f - 1] = stats->forms[f - 1].share_times.value;
      chart->bars.series_labels[f - 1] = ld_form_get_label (f);
    }
  chart->pyramid.has_base = stats->total.current.person_times > 0;
  /* Translators: after a count of measures; zh_CN: "人次" */
  chart->pyramid.unit_suffix = C_("chart", " person-times");
  chart->pyramid.empty_text = _("No measures in this period.");

  chart->quarters = g_new0 (char *, trend->len + 1);
  chart->values = g_new0 (guint, trend->len * LD_CHART_N_SERIES);
  for (guint i = 0; i < trend->len; i++)
    {
      const LdFourFormsTrendPoint *point = &g_array_index (trend, LdFourFormsTrendPoint, i);

      chart->quarters[i] = ld_period_get_short_label (&point->quarter);
      for (guint f = 0; f < LD_FOUR_FORMS_N; f++)
        chart->values[i * LD_CHART_N_SERIES + f] = point->person_times[f];
    }
  chart->bars.title = _("Person-times by quarter");
  chart->bars.n_groups = trend->len;
  chart->bars.group_labels = (const char * const *) chart->quarters;
  chart->bars.values = chart->values;
  chart->bars.empty_text = _("No measures in the last quarters.");
}

/* The pyramid above the bars on a white page. */
static void
chart_draw (Chart   *chart,
            cairo_t *cr,
            double   width,
            double   height)
{
  double margin = MIN (width, height) * 0.05;
  double inner_w = width - 2 * margin;
  double pyramid_h = (height - 2 * margin) * 0.45;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_translate (cr, margin, margin);
  ld_chart_draw_pyramid (cr, inner_w, pyramid_h, &chart->pyramid, NULL);
  cairo_translate (cr, 0, pyramid_h + margin);
  ld_chart_draw_bars (cr, inner_w, height - 3 * margin - pyramid_h, &chart->bars, NULL);
  cairo_restore (cr);
}

static gboolean
surface_ok (cairo_surface_t  *surface,
            const char       *path,
            GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Cannot write the chart %s: %s. Choose another place."),
               path, cairo_status_to_string (status));
  return FALSE;
}

/* Draws into a temporary file beside path, then renames it over path: a
 * failure leaves path as it was. */
static gboolean
write_chart (Chart       *chart,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, tmpl, NULL);
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  gboolean pdf = g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF");
  gboolean ok;
  int fd;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Cannot write the chart in %s: %s. Choose another place."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  if (pdf)
    {
      /* A4 portrait, in points. */
      surface = cairo_pdf_surface_create (tmp, 595.0, 842.0);
      cr = cairo_create (surface);
      chart_draw (chart, cr, 595.0, 842.0);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      ok = surface_ok (surface, path, error);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 1500);
      cr = cairo_create (surface);
      chart_draw (chart, cr, 1200.0, 1500.0);
      cairo_destroy (cr);
      ok = surface_ok (surface, path, error);
      if (ok)
        {
          cairo_status_t status = cairo_surface_write_to_png (surface, tmp);

          if (status != CAIRO_STATUS_SUCCESS)
            {
              g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Cannot write the chart %s: %s. Choose another place."), path,
                           cairo_status_to_string (status));
              ok = FALSE;
            }
        }
    }
  cairo_surface_destroy (surface);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Cannot write the chart %s: %s. Choose another place."),
                   path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/* --- four-forms ----------------------------------------------------------------- */

static int
four_forms_run (LdCli               *cli,
                const LdCliCommand  *command,
                char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *unit_text = NULL;
  g_autofree char *by = NULL;
  g_autofree char *drill = NULL;
  g_autofree char *chart_path = NULL;
  g_autoptr(LdFourFormsStats) stats = NULL;
  g_autoptr(GArray) trend = NULL;
  gboolean show_trend = FALSE, show_checks = FALSE, persons = FALSE;
  LdFourFormsDimension dimension = LD_FOUR_FORMS_DIMENSION_NONE;
  int drill_form = 0, drill_value = 0;
  gint64 unit_id = 0;
  LdPeriod period;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: 2026Q1, 2026-03, 2026 or 2026-01-01..2026-03-31 (default: this quarter)"), N_("PERIOD") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_text, N_("Only this unit and the units below it"), N_("ID") },
    { "by", 'b', 0, G_OPTION_ARG_STRING, &by, N_("Break the forms down by post level or by group"),
      N_("level|group") },
    { "trend", 't', 0, G_OPTION_ARG_NONE, &show_trend, N_("Also show the last 8 quarters"), NULL },
    { "checks", 'c', 0, G_OPTION_ARG_NONE, &show_checks, N_("Also list the consistency checks"), NULL },
    { "drill", 'd', 0, G_OPTION_ARG_STRING, &drill, N_("List the measures behind a number"),
      N_("F1[,level=L|group=G]") },
    { "persons", 0, 0, G_OPTION_ARG_NONE, &persons, N_("With --drill: one measure per cadre (the newest)"), NULL },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart_path, N_("Draw the pyramid and the quarterly bars"),
      N_("FILE.png|FILE.pdf") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_period (period_text, &period, &error), error);
  if (unit_text != NULL)
    REPORT_IF_FAILED (cli, parse_unit (unit_text, &unit_id, &error), error);
  if (by != NULL && strcmp (by, "level") != 0 && strcmp (by, "group") != 0)
    {
      g_autofree char *shown = ld_cli_text_sanitize (by);

      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a breakdown: write --by level or --by group."), shown);
      return ld_cli_report_error (cli, error);
    }
  if (drill != NULL)
    REPORT_IF_FAILED (cli, parse_drill (drill, &drill_form, &dimension, &drill_value, &error), error);
  if (persons && drill == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("--persons goes with --drill: give the number to drill into as well."));
      return ld_cli_report_error (cli, error);
    }
  if (chart_path != NULL && !g_str_has_suffix (chart_path, ".png") && !g_str_has_suffix (chart_path, ".pdf")
      && !g_str_has_suffix (chart_path, ".PNG") && !g_str_has_suffix (chart_path, ".PDF"))
    {
      g_autofree char *shown = ld_cli_text_sanitize (chart_path);

      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("The chart file “%s” must end in .png or .pdf: the ending chooses the format."), shown);
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  /* A chart file leaves the vault unencrypted: an export. */
  if (chart_path != NULL)
    REPORT_IF_FAILED (cli, ld_vault_check (cli->vault, LD_ACTION_EXPORT, &error), error);

  stats = ld_four_forms_compute (cli->vault, &period, unit_id, &error);
  REPORT_IF_FAILED (cli, stats != NULL, error);
  print_stats (stats);
  if (by != NULL && strcmp (by, "level") == 0)
    print_by_level (stats);
  else if (by != NULL)
    print_by_group (stats);

  if (show_trend || chart_path != NULL)
    {
      trend = ld_four_forms_trend (cli->vault, &period, 8, unit_id, &error);
      REPORT_IF_FAILED (cli, trend != NULL, error);
      if (show_trend)
        print_trend (trend);
    }
  if (show_checks)
    {
      g_autoptr(GPtrArray) issues = ld_four_forms_checks (cli->vault, &period, unit_id, &error);

      REPORT_IF_FAILED (cli, issues != NULL, error);
      print_checks (issues);
    }
  if (drill != NULL)
    {
      g_autoptr(GArray) ids = ld_four_forms_drill (cli->vault, &period, unit_id, drill_form, dimension,
                                                   drill_value, persons, &error);

      REPORT_IF_FAILED (cli, ids != NULL, error);
      REPORT_IF_FAILED (cli, print_drill (cli->vault, ids, &error), error);
    }
  if (chart_path != NULL)
    {
      Chart chart;
      g_autofree char *path = g_filename_from_utf8 (chart_path, -1, NULL, NULL, NULL);
      gboolean ok;

      chart_init (&chart, stats, trend);
      ok = write_chart (&chart, path != NULL ? path : chart_path, &error);
      chart_clear (&chart);
      REPORT_IF_FAILED (cli, ok, error);
      g_print (_("Chart written to %s\n"), chart_path);
    }
  return 0;
}

static const LdCliCommand four_forms_commands[] = {
  {
    NULL, "four-forms",
    N_("[--period P] [--unit ID] [--by level|group] [--trend] [--checks] [--drill F1[,level=L|group=G]] "
       "[--persons] [--chart FILE.png|FILE.pdf]"),
    N_("Show the four-forms statistics: person-times and persons per form, shares, previous period and "
       "last year."),
    N_("Counted: measures in force or lifted (not changed or revoked on appeal) decided in the period, in "
       "your scope. Shares and changes show “—” when there is nothing to compare with. Person-times count "
       "measures, persons count cadres (a cadre with two measures of a form is two person-times, one "
       "person). --chart needs the export grant."),
    0, 0, four_forms_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_four_forms_commands (void)
{
  return four_forms_commands;
}
