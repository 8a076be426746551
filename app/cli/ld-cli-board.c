/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-board"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-board.h"
#include "records/ld-calendar-repository.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The supervision board and the working-day calendar:
 *   board [--as-of DATE] [--unit ID]
 *   calendar list [--year Y]
 *   calendar set DAY holiday|workday [--name N]
 *   calendar remove DAY
 *   calendar import FILE.csv */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

static gboolean
parse_date (const char  *text,
            GDate       *date,
            GError     **error)
{
  int y = 0, m = 0, d = 0;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3
      || !g_date_valid_dmy (d, m, y))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-04-14."), shown);
      return FALSE;
    }
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
parse_id (const char  *text,
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

static void
print_calendar_prompt (LdVault *vault,
                       int      year)
{
  g_autoptr(GError) error = NULL;
  gboolean missing = FALSE;

  if (!ld_board_calendar_missing_year (vault, year, &missing, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (missing)
    g_print (_("No holidays are entered for %d: deadlines count every weekday as a working day. Import the "
               "year's holidays and adjusted working days with “liandang-cli calendar import FILE.csv”.\n"),
             year);
}

/* --- board ------------------------------------------------------------------------ */

static char *
format_days_left (int days_left)
{
  return g_strdup_printf ("%d", days_left);
}

static void
print_counts (GPtrArray *items)
{
  g_auto(LdBoardSummary) summary = { 0 };
  g_autoptr(LdCliTable) kinds = NULL;
  g_autoptr(LdCliTable) units = NULL;
  g_autofree char *kinds_text = NULL;
  g_autofree char *units_text = NULL;

  ld_board_summarise (items, &summary);
  g_print ("\n");
  /* Translators: the totals line under the board. */
  g_print (_("Overdue: %u   Due soon: %u   Later this month: %u\n"),
           summary.by_level[LD_ALERT_OVERDUE], summary.by_level[LD_ALERT_DUE_SOON],
           summary.by_level[LD_ALERT_LATER]);
  g_print ("\n");

  kinds = ld_cli_table_new (4, C_("column", "Kind"), C_("column", "Overdue"), C_("column", "Due soon"),
                            C_("column", "Later"));
  for (guint k = 1; k < 4; k++)
    ld_cli_table_set_right_aligned (kinds, k);
  for (guint kind = 0; kind < LD_N_DEADLINE_KINDS; kind++)
    {
      guint *c = summary.by_kind[kind];
      g_autofree char *overdue = NULL, *soon = NULL, *later = NULL;

      if (c[LD_ALERT_OVERDUE] + c[LD_ALERT_DUE_SOON] + c[LD_ALERT_LATER] == 0)
        continue;
      overdue = g_strdup_printf ("%u", c[LD_ALERT_OVERDUE]);
      soon = g_strdup_printf ("%u", c[LD_ALERT_DUE_SOON]);
      later = g_strdup_printf ("%u", c[LD_ALERT_LATER]);
      ld_cli_table_add_row (kinds, ld_deadline_kind_get_label (kind), overdue, soon, later);
    }
  kinds_text = ld_cli_table_to_string (kinds);
  g_print ("%s\n", kinds_text);

  units = ld_cli_table_new (4, C_("column", "Unit"), C_("column", "Overdue"), C_("column", "Due soon"),
                            C_("column", "Later"));
  for (guint k = 1; k < 4; k++)
    ld_cli_table_set_right_aligned (units, k);
  for (guint i = 0; i < summary.units->len; i++)
    {
      LdBoardUnitCount *u = g_ptr_array_index (summary.units, i);
      g_autofree char *overdue = g_strdup_printf ("%u", u->counts[LD_ALERT_OVERDUE]);
      g_autofree char *soon = g_strdup_printf ("%u", u->counts[LD_ALERT_DUE_SOON]);
      g_autofree char *later = g_strdup_printf ("%u", u->counts[LD_ALERT_LATER]);

      ld_cli_table_add_row (units, u->unit_name, overdue, soon, later);
    }
  units_text = ld_cli_table_to_string (units);
  g_print ("%s", units_text);
}

static int
board_run (LdCli               *cli,
           const LdCliCommand  *command,
           char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *unit_text = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  gint64 unit_id = 0;
  GDate as_of;
  const GOptionEntry entries[] = {
    { "as-of", 'd', 0, G_OPTION_ARG_STRING, &as_of_text, N_("The day to show the board for (default: today)"),
      N_("DATE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_text, N_("Only this unit and the units below it"), N_("ID") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (as_of_text != NULL)
    REPORT_IF_FAILED (cli, parse_date (as_of_text, &as_of, &error), error);
  else
    {
      g_date_clear (&as_of, 1);
      g_date_set_time_t (&as_of, time (NULL));
    }
  if (unit_text != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit_text, &unit_id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);

  if (unit_id != 0)
    items = ld_board_list_for_unit (cli->vault, unit_id, &as_of, &error);
  else
    items = ld_board_list (cli->vault, &as_of, &error);
  REPORT_IF_FAILED (cli, items != NULL, error);

  table = ld_cli_table_new (7, C_("column", "Level"), C_("column", "Kind"), C_("column", "Number"),
                            C_("column", "Title"), C_("column", "Unit"), C_("column", "Due"),
                            C_("column", "Working days left"));
  ld_cli_table_set_right_aligned (table, 6);
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);
      g_autofree char *left = format_days_left (ld_board_item_get_days_left (item));
      const char *reg_no = ld_board_item_get_reg_no (item);
      g_autofree char *number = *reg_no != '\0'
        ? g_strdup (reg_no)
        /* Translators: the number of a board line about a cadre (its record number). */
        : g_strdup_printf (_("cadre %lld"), (long long) ld_board_item_get_record_id (item));

      ld_cli_table_add_row (table, ld_board_item_get_level_label (item), ld_board_item_get_kind_label (item),
                            number, ld_board_item_get_title (item), ld_board_item_get_unit_name (item),
                            ld_board_item_get_due_date (item), left);
    }
  if (items->len == 0)
    g_print ("%s\n", _("Nothing is overdue or due this month."));
  else
    {
      text = ld_cli_table_to_string (table);
      g_print ("%s", text);
      print_counts (items);
    }
  print_calendar_prompt (cli->vault, g_date_get_year (&as_of));
  return 0;
}

/* --- calendar ------------------------------------------------------------------- */

static const char *
day_kind_label (LdDayKind kind)
{
  return kind == LD_DAY_WORKDAY ? _("adjusted working day") : _("holiday");
}

static gboolean
parse_day_kind (const char  *text,
                LdDayKind   *kind,
                GError     **error)
{
  if (g_strcmp0 (text, "holiday") == 0 || g_strcmp0 (text, "休") == 0 || g_strcmp0 (text, "假") == 0)
    *kind = LD_DAY_HOLIDAY;
  else if (g_strcmp0 (text, "workday") == 0 || g_strcmp0 (text, "班") == 0 || g_strcmp0 (text, "补班") == 0)
    *kind = LD_DAY_WORKDAY;
  else
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a kind of day: write “holiday” for a rest day on a weekday or “workday” "
                     "for an adjusted working day on a weekend."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

static int
calendar_list_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Only the days of this year"), N_("YEAR") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (year < 0 || year > 9999)
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE, _("%d is not a year: give four digits, for example 2026."),
                   year);
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  rows = ld_calendar_repository_list (cli->vault, year, &error);
  REPORT_IF_FAILED (cli, rows != NULL, error);

  table = ld_cli_table_new (3, C_("column", "Day"), C_("column", "Kind"), C_("column", "Name"));
  for (guint i = 0; i < rows->len; i++)
    {
      LdCalendarRow *row = g_ptr_array_index (rows, i);
      g_autofree char *day = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&row->day),
                                              g_date_get_month (&row->day), g_date_get_day (&row->day));

      ld_cli_table_add_row (table, day, day_kind_label (row->kind), row->name);
    }
  if (rows->len == 0)
    g_print ("%s\n", _("No holidays or adjusted working days are stored: only weekends are rest days."));
  else
    {
      text = ld_cli_table_to_string (table);
      g_print ("%s", text);
    }
  if (year != 0)
    print_calendar_prompt (cli->vault, year);
  return 0;
}

static int
calendar_set_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  LdDayKind kind = LD_DAY_HOLIDAY;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("What the day is (国庆节, 调休上班 …)"), N_("NAME") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_day_kind ((*args)[1], &kind, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_calendar_repository_set (cli->vault, (*args)[0], kind, name, &error), error);
  return 0;
}

static int
calendar_remove_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = { { NULL } };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_calendar_repository_remove (cli->vault, (*args)[0], &error), error);
  return 0;
}

static int
calendar_import_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_days = 0;
  const GOptionEntry entries[] = { { NULL } };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  filename = g_filename_from_utf8 ((*args)[0], -1, NULL, NULL, NULL);
  if (filename == NULL)
    filename = g_strdup ((*args)[0]);
  if (!g_file_get_contents (filename, &contents, &length, &error))
    {
      g_autoptr(GError) read_error = NULL;

      g_set_error (&read_error, LD_ERROR, LD_ERROR_INVALID, _("Could not read the holiday file: %s"),
                   error->message);
      return ld_cli_report_error (cli, read_error);
    }
  /* Check the input before asking for the password. */
  {
    g_autoptr(GPtrArray) rows = ld_calendar_parse_csv (contents, length, &error);

    REPORT_IF_FAILED (cli, rows != NULL, error);
  }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_calendar_repository_import (cli->vault, contents, length, &n_days, &error), error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u day.\n", "Imported %u days.\n", n_days), n_days);
  return 0;
}

static const LdCliCommand board_commands[] = {
  {
    NULL, "board",
    N_("[--as-of DATE] [--unit ID]"),
    N_("Show the supervision board: deadlines overdue, due soon and due later this month, with counts."),
    N_("Levels: overdue (red), due soon (yellow: within the working days of the rule case.due-soon-days), "
       "later this month. Working days come from the calendar (see “calendar import”)."),
    0, 0, board_run,
  },
  {
    "calendar", "list",
    N_("[--year YEAR]"),
    N_("List the holidays and adjusted working days stored in the calendar."),
    NULL,
    0, 0, calendar_list_run,
  },
  {
    "calendar", "set",
    N_("DAY holiday|workday [--name NAME]"),
    N_("Store a holiday on a weekday or an adjusted working day (调休) on a weekend."),
    NULL,
    2, 2, calendar_set_run,
  },
  {
    "calendar", "remove",
    N_("DAY"),
    N_("Remove a stored day: it becomes an ordinary weekday or weekend day again."),
    NULL,
    1, 1, calendar_remove_run,
  },
  {
    "calendar", "import",
    N_("FILE.csv"),
    N_("Import the year's holidays from a CSV file: all days or none."),
    N_("One line per day: “2026-10-01,holiday,国庆节” or “2026-10-10,workday,国庆节调休”; "
       "the kind may also be 休 or 班. A header line is allowed. A bad line stops the import and is named by its number."),
    1, 1, calendar_import_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_board_commands (void)
{
  return board_commands;
}
