/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-clues"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <string.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

static gboolean
parse_id (const char  *text,
          const char  *what_hint,
          gint64      *id,
          GError     **error)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      /* Translators: the first %s is what was typed, the second a sentence saying where numbers are shown. */
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a number. %s"), shown, what_hint);
      return FALSE;
    }
  *id = (gint64) n;
  return TRUE;
}

/* An optional id option: NULL leaves *id at 0. */
static gboolean
parse_optional_id (const char  *text,
                   const char  *what_hint,
                   gint64      *id,
                   GError     **error)
{
  *id = 0;
  return text == NULL || parse_id (text, what_hint, id, error);
}

static gboolean
parse_clue_id (const char  *text,
               gint64      *id,
               GError     **error)
{
  return parse_id (text, _("Give the clue number shown by “clue list”."), id, error);
}

static gboolean
require_option (const char  *value,
                const char  *option,
                GError     **error)
{
  if (value != NULL)
    return TRUE;
  /* Translators: %s is an option with its argument, e.g. "--reason TEXT". */
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("The option %s is required."), option);
  return FALSE;
}

/* Tab-separated output: a cell never holds a tab or a line break. */
static void
append_cell (GString    *line,
             const char *text)
{
  g_autofree char *safe = ld_cli_text_sanitize (text ? text : "");

  if (line->len > 0)
    g_string_append_c (line, '\t');
  g_string_append (line, safe);
}

/* --cadre ID or --person NAME into the spec (not both). */
static gboolean
parse_person (const char  *cadre,
              const char  *person,
              LdClueSpec  *spec,
              GError     **error)
{
  if (cadre != NULL && person != NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("Give either --cadre ID (a cadre on file) or --person NAME (someone not on file), not both."));
      return FALSE;
    }
  if (!parse_optional_id (cadre, _("Give the record number shown by “cadre list”."), &spec->cadre_id, error))
    return FALSE;
  spec->person_name = g_strdup (person);
  return TRUE;
}

/* --- Help ------------------------------------------------------------------------ */

static void
append_table (GString    *out,
              const char *title,
              const char *table)
{
  const LdCode *codes;
  guint n = 0;

  codes = ld_code_table_get (table, &n);
  g_string_append_printf (out, "%s\n", title);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "  %-16s %s\n", codes[i].code, codes[i].label);
}

static char *
codes_text (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_table (out, _("Sources (--source):"), LD_CODE_TABLE_CHANNEL);
  g_string_append_c (out, '\n');
  append_table (out, _("Disposal modes (clue dispose MODE):"), LD_CODE_TABLE_DISPOSAL);
  g_string_append_c (out, '\n');
  append_table (out, _("Results (--result):"), LD_CODE_TABLE_CLUE_RESULT);
  g_string_append_c (out, '\n');
  append_table (out, _("Statuses (--status; “open” means pending, handling or held):"), LD_CODE_TABLE_CLUE_STATUS);
  g_string_append_c (out, '\n');
  append_table (out, _("Problem categories (--category, comma-separated):"), LD_CODE_TABLE_PROBLEM_CATEGORY);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
codes_help (void)
{
  return codes_text ();
}

static int
codes_run (LdCli               *cli,
           const LdCliCommand  *command,
           char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  text = codes_text ();
  g_print ("%s", text);
  return 0;
}

/* --- clue add / from-petition / set ------------------------------------------------ */

static int
add_run (LdCli               *cli,
         const LdCliCommand  *command,
         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *received = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *person = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *categories = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source, N_("Where the clue came from (see “clue codes”)"),
      N_("CODE") },
    { "received", 'r', 0, G_OPTION_ARG_STRING, &received, N_("The date it was received"), N_("DATE") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("The cadre on file it is about"), N_("ID") },
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The person it is about, when not on file"), N_("NAME") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The unit it belongs to (default: the cadre's)"), N_("ID") },
    { "summary", 'm', 0, G_OPTION_ARG_STRING, &summary, N_("What the clue reports, in a sentence"), N_("TEXT") },
    { "category", 'g', 0, G_OPTION_ARG_STRING, &categories, N_("Problem categories, comma-separated"),
      N_("CODES") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (source, "--source CODE", &error), error);
  REPORT_IF_FAILED (cli, require_option (received, "--received DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (summary, "--summary TEXT", &error), error);
  if (cadre == NULL && person == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Say whom the clue is about: give --cadre ID or --person NAME."));
      return ld_cli_report_error (cli, error);
    }
  ld_clue_spec_init (&spec);
  REPORT_IF_FAILED (cli, parse_person (cadre, person, &spec, &error), error);
  REPORT_IF_FAILED (cli, parse_optional_id (unit, _("Give the unit number shown by “unit list”."), &spec.unit_id,
                                            &error), error);
  spec.source = g_steal_pointer (&source);
  spec.received_date = g_steal_pointer (&received);
  spec.summary = g_steal_pointer (&summary);
  spec.categories = g_steal_pointer (&categories);
  /* Check the input before asking for the password. */
  REPORT_IF_FAILED (cli, ld_clue_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_create (cli->vault, &spec, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static int
from_petition_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *person = NULL;
  g_autofree char *categories = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  gint64 petition = 0, id = 0;
  const GOptionEntry entries[] = {
    { "summary", 'm', 0, G_OPTION_ARG_STRING, &summary, N_("What the clue reports (default: the petition's summary)"),
      N_("TEXT") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("The cadre it is about (default: the first reported)"),
      N_("ID") },
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("The person it is about, when not on file"), N_("NAME") },
    { "category", 'g', 0, G_OPTION_ARG_STRING, &categories,
      N_("Problem categories, comma-separated (default: the petition's)"), N_("CODES") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the petition number shown by “petition list”."), &petition,
                                   &error), error);
  ld_clue_spec_init (&spec);
  REPORT_IF_FAILED (cli, parse_person (cadre, person, &spec, &error), error);
  spec.summary = g_steal_pointer (&summary);
  spec.categories = g_steal_pointer (&categories);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_create_from_petition (cli->vault, petition, &spec, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static int
set_run (LdCli               *cli,
         const LdCliCommand  *command,
         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *received = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *person = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *categories = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source, N_("A new source"), N_("CODE") },
    { "received", 'r', 0, G_OPTION_ARG_STRING, &received, N_("A new received date"), N_("DATE") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("Another cadre on file"), N_("ID") },
    { "person", 'p', 0, G_OPTION_ARG_STRING, &person, N_("Another person, not on file"), N_("NAME") },
    { "summary", 'm', 0, G_OPTION_ARG_STRING, &summary, N_("A new summary"), N_("TEXT") },
    { "category", 'g', 0, G_OPTION_ARG_STRING, &categories, N_("New problem categories (\"\" clears them)"),
      N_("CODES") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  if (source == NULL && received == NULL && cadre == NULL && person == NULL && summary == NULL && categories == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give --source, --received, --cadre, --person, --summary or "
                             "--category."));
      return ld_cli_report_error (cli, error);
    }
  ld_clue_spec_init (&spec);
  REPORT_IF_FAILED (cli, parse_person (cadre, person, &spec, &error), error);
  spec.source = g_steal_pointer (&source);
  spec.received_date = g_steal_pointer (&received);
  spec.summary = g_steal_pointer (&summary);
  spec.categories = g_steal_pointer (&categories);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

/* --- clue dispose / close / clearing / review / step / retire ------------------------ */

static int
dispose_run (LdCli               *cli,
             const LdCliCommand  *command,
             char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *approved_date = NULL;
  g_autofree char *note = NULL;
  g_autoptr(LdClue) clue = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "approved-by", 'b', 0, G_OPTION_ARG_STRING, &approved_by,
      N_("The approving leader, as on the approval sheet (required)"), N_("NAME") },
    { "approved-date", 'd', 0, G_OPTION_ARG_STRING, &approved_date, N_("The date of approval (required)"),
      N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note for the handling step"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (approved_by, "--approved-by NAME", &error), error);
  REPORT_IF_FAILED (cli, require_option (approved_date, "--approved-date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_dispose (cli->vault, id, (*args)[1], approved_by, approved_date, note,
                                                     &error), error);
  clue = ld_clue_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, clue != NULL, error);
  if (*ld_clue_get_due_date (clue) != '\0')
    /* Translators: %s is a date */
    g_print (_("Disposal limit: %s\n"), ld_clue_get_due_date (clue));
  return 0;
}

static int
close_run (LdCli               *cli,
           const LdCliCommand  *command,
           char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clearing = NULL;
  g_autofree char *clearing_date = NULL;
  g_autofree char *note = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *approved_date = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "result", 'r', 0, G_OPTION_ARG_STRING, &result, N_("The result (see “clue codes”, required)"), N_("CODE") },
    { "approved-by", 'b', 0, G_OPTION_ARG_STRING, &approved_by,
      N_("For a pending or held clue closed (予以了结): the approving leader"), N_("NAME") },
    { "approved-date", 'a', 0, G_OPTION_ARG_STRING, &approved_date, N_("The date closing was approved"),
      N_("DATE") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The closing date (required)"), N_("DATE") },
    { "clearing", 'c', 0, G_OPTION_ARG_STRING, &clearing, N_("The clearing (澄清正名) done, for an unfounded report"),
      N_("TEXT") },
    { "clearing-date", 'e', 0, G_OPTION_ARG_STRING, &clearing_date, N_("The date of the clearing"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note for the handling step"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (result, "--result CODE", &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  if (clearing != NULL)
    REPORT_IF_FAILED (cli, require_option (clearing_date, "--clearing-date DATE", &error), error);
  if (approved_by != NULL)
    REPORT_IF_FAILED (cli, require_option (approved_date, "--approved-date DATE", &error), error);
  if (approved_date != NULL)
    REPORT_IF_FAILED (cli, require_option (approved_by, "--approved-by NAME", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_close_approved (cli->vault, id, result, date, approved_by, approved_date,
                                                            clearing, clearing_date, note, &error), error);
  return 0;
}

static int
clearing_run (LdCli               *cli,
              const LdCliCommand  *command,
              char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clearing = NULL;
  g_autofree char *date = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "clearing", 'c', 0, G_OPTION_ARG_STRING, &clearing, N_("The clearing (澄清正名) done (required)"),
      N_("TEXT") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the clearing (required)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (clearing, "--clearing TEXT", &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_set_clearing (cli->vault, id, clearing, date, &error), error);
  return 0;
}

static int
review_run (LdCli               *cli,
            const LdCliCommand  *command,
            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The next review date (\"\" clears it; required)"),
      N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_set_next_review (cli->vault, id, date, &error), error);
  return 0;
}

static int
step_run (LdCli               *cli,
          const LdCliCommand  *command,
          char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *action = NULL;
  g_autofree char *note = NULL;
  gint64 id = 0, step = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the step (required)"), N_("DATE") },
    { "action", 'a', 0, G_OPTION_ARG_STRING, &action, N_("What was done (required)"), N_("TEXT") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (action, "--action TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_add_step (cli->vault, id, date, action, note, &step, &error), error);
  g_print ("%lld\n", (long long) step);
  return 0;
}

static int
retire_run (LdCli               *cli,
            const LdCliCommand  *command,
            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is retired (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_clue_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- clue list / show --------------------------------------------------------------- */

static int
list_run (LdCli               *cli,
          const LdCliCommand  *command,
          char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *status = NULL;
  g_autofree char *disposal = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *petition = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  int year = 0, offset = 0, limit = 0;
  LdClueFilter filter;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units below it"), N_("ID") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("Only this status (or “open”)"), N_("CODE") },
    { "disposal", 'd', 0, G_OPTION_ARG_STRING, &disposal, N_("Only this disposal mode"), N_("CODE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Only clues received in this year"), N_("YEAR") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("Only clues about this cadre"), N_("ID") },
    { "petition", 'p', 0, G_OPTION_ARG_STRING, &petition, N_("Only clues from this petition"), N_("ID") },
    { "overdue", 'o', 0, G_OPTION_ARG_STRING, &overdue, N_("Only clues past their disposal limit on this day"),
      N_("DATE") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("Only clues whose number, summary, person or approver contain "
                                                     "this text"), N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired clues"), NULL },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip this many clues"), N_("N") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("List at most this many clues"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  ld_clue_filter_init (&filter);
  REPORT_IF_FAILED (cli, parse_optional_id (unit, _("Give the unit number shown by “unit list”."), &filter.unit_id,
                                            &error), error);
  REPORT_IF_FAILED (cli, parse_optional_id (cadre, _("Give the record number shown by “cadre list”."),
                                            &filter.cadre_id, &error), error);
  REPORT_IF_FAILED (cli, parse_optional_id (petition, _("Give the petition number shown by “petition list”."),
                                            &filter.petition_id, &error), error);
  if (year < 0 || offset < 0 || limit < 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("--year, --offset and --limit take whole numbers of zero or more."));
      return ld_cli_report_error (cli, error);
    }
  filter.status = status;
  filter.disposal = disposal;
  filter.year = year;
  filter.overdue_as_of = overdue;
  filter.text = text;
  filter.include_retired = all;
  filter.offset = (guint) offset;
  filter.limit = (guint) limit;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_clue_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Clue, number, received, unit, person, source, status, disposal, due,
   * result, retired. */
  for (guint i = 0; i < list->len; i++)
    {
      LdClue *clue = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_clue_get_id (clue));

      append_cell (line, id);
      append_cell (line, ld_clue_get_reg_no (clue));
      append_cell (line, ld_clue_get_received_date (clue));
      append_cell (line, ld_clue_get_unit_name (clue));
      append_cell (line, ld_clue_get_person (clue));
      append_cell (line, ld_clue_get_source (clue));
      append_cell (line, ld_clue_get_status (clue));
      append_cell (line, ld_clue_get_disposal (clue));
      append_cell (line, ld_clue_get_due_date (clue));
      append_cell (line, ld_clue_get_result (clue));
      append_cell (line, ld_clue_get_retired_at (clue) ? C_("clue status", "retired") : C_("clue status", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    return;
  safe = ld_cli_text_sanitize (value);
  g_string_append_printf (out, "  %s: %s\n", label, safe);
}

static char *
code_and_label (const char *code,
                const char *label)
{
  if (code == NULL || *code == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%s (%s)", label, code);
}

static int
show_run (LdCli               *cli,
          const LdCliCommand  *command,
          char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GArray) talks = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *unit = NULL;
  g_autofree char *person = NULL;
  g_autofree char *petition = NULL;
  g_autofree char *source = NULL;
  g_autofree char *status = NULL;
  g_autofree char *disposal = NULL;
  g_autofree char *result = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_clue_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  clue = ld_clue_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, clue != NULL, error);
  steps = ld_clue_repository_list_steps (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, steps != NULL, error);
  versions = ld_clue_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);
  talks = ld_clue_repository_list_talk_ids (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, talks != NULL, error);

  /* Translators: the heading of `clue show`: the clue's registration number and record number */
  g_string_append_printf (out, _("Clue %s (record %lld)\n"), ld_clue_get_reg_no (clue), (long long) id);
  if (ld_clue_get_retired_at (clue) != 0)
    {
      g_autofree char *when = ld_cli_format_time (ld_clue_get_retired_at (clue));

      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_clue_get_retired_reason (clue));
    }
  unit = g_strdup_printf ("%s (%lld)", ld_clue_get_unit_name (clue), (long long) ld_clue_get_unit_id (clue));
  person = ld_clue_get_cadre_id (clue) > 0
           ? g_strdup_printf ("%s (%lld)", ld_clue_get_person (clue), (long long) ld_clue_get_cadre_id (clue))
           : g_strdup (ld_clue_get_person (clue));
  petition = ld_clue_get_petition_id (clue) > 0
             ? g_strdup_printf ("%s (%lld)", ld_clue_get_petition_reg_no (clue),
                                (long long) ld_clue_get_petition_id (clue))
             : g_strdup ("");
  source = code_and_label (ld_clue_get_source (clue), ld_clue_get_source_label (clue));
  status = code_and_label (ld_clue_get_status (clue), ld_clue_get_status_label (clue));
  disposal = code_and_label (ld_clue_get_disposal (clue), ld_clue_get_disposal_label (clue));
  result = code_and_label (ld_clue_get_result (clue), ld_clue_get_result_label (clue));
  append_field (out, _("Unit"), unit);
  append_field (out, _("Person"), person);
  append_field (out, _("Source"), source);
  append_field (out, _("Petition"), petition);
  append_field (out, _("Received"), ld_clue_get_received_date (clue));
  append_field (out, _("Summary"), ld_clue_get_summary (clue));
  append_field (out, _("Categories"), ld_clue_get_categories_label (clue));
  append_field (out, _("Status"), status);
  append_field (out, _("Disposal"), disposal);
  append_field (out, _("Approved by"), ld_clue_get_approved_by (clue));
  append_field (out, _("Approved on"), ld_clue_get_approved_date (clue));
  append_field (out, _("Due date"), ld_clue_get_due_date (clue));
  append_field (out, _("Next review"), ld_clue_get_next_review_date (clue));
  append_field (out, _("Result"), result);
  append_field (out, _("Closed on"), ld_clue_get_closed_date (clue));
  append_field (out, _("Clearing"), ld_clue_get_clearing (clue));
  append_field (out, _("Clearing date"), ld_clue_get_clearing_date (clue));

  g_string_append_printf (out, "\n%s\n", _("Steps:"));
  for (guint i = 0; i < steps->len; i++)
    {
      LdClueStep *step = g_ptr_array_index (steps, i);
      g_autofree char *label = ld_clue_step_action_get_label (step->action);
      g_autofree char *safe_label = ld_cli_text_sanitize (label);
      g_autofree char *safe_note = ld_cli_text_sanitize (step->note);

      g_string_append_printf (out, "  %s  %s%s%s  [%s]\n", step->step_date, safe_label, *safe_note ? " — " : "",
                              safe_note, step->account);
    }
  if (talks->len > 0)
    {
      g_string_append_printf (out, "\n%s", _("Talks:"));
      for (guint i = 0; i < talks->len; i++)
        g_string_append_printf (out, " %lld", (long long) g_array_index (talks, gint64, i));
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "\n%s\n", _("History:"));
  for (guint i = 0; i < versions->len; i++)
    {
      LdCadreVersion *v = g_ptr_array_index (versions, i);
      g_autofree char *when = ld_cli_format_time (v->time);
      g_auto(GStrv) lines = g_strsplit (v->after, "\n", -1);

      g_string_append_printf (out, "  %" G_GINT64_FORMAT "  %s  %s  %s\n", v->seq, when, v->account, v->event);
      for (guint j = 0; lines[j] != NULL; j++)
        if (*lines[j] != '\0')
          {
            g_autofree char *safe = ld_cli_text_sanitize (lines[j]);

            g_string_append_printf (out, "      %s\n", safe);
          }
    }
  g_print ("%s", out->str);
  return 0;
}

/* --- Table ------------------------------------------------------------------------- */

static const LdCliCommand clue_commands[] = {
  {
    "clue", "add",
    N_("--source CODE --received DATE (--cadre ID | --person NAME) [--unit ID] --summary TEXT [--category CODES]"),
    N_("Register a problem clue from a source other than a petition."),
    N_("The clue gets the next number of its year (2026-X0001) and waits for a disposal. Prints its record "
       "number. The codes are listed by “clue codes”."),
    0, 0, add_run, codes_help,
  },
  {
    "clue", "from-petition",
    N_("PETITION-ID [--summary TEXT] [--cadre ID | --person NAME] [--category CODES]"),
    N_("Register a clue from a registered or accepted petition."),
    N_("The clue takes the petition's unit, channel, date, first reported person and categories unless given. A "
       "registered petition becomes accepted. Prints the clue's record number."),
    1, 1, from_petition_run, NULL,
  },
  {
    "clue", "set",
    N_("ID [--source CODE] [--received DATE] [--cadre ID | --person NAME] [--summary TEXT] [--category CODES]"),
    N_("Change the description of an open clue."),
    NULL,
    1, 1, set_run, NULL,
  },
  {
    "clue", "dispose",
    N_("ID MODE --approved-by NAME --approved-date DATE [--note TEXT]"),
    N_("Record the approved disposal of a clue (talk-letter, verify, hold or case)."),
    N_("The status moves along the clue state machine; an illegal move is refused. The disposal limit (谈话函询: "
       "working days, 初步核实: months, from the rules) is computed from the approval date and printed. To close a "
       "clue (予以了结) use “clue close”."),
    2, 2, dispose_run, NULL,
  },
  {
    "clue", "close",
    N_("ID --result CODE --date DATE [--approved-by NAME --approved-date DATE] [--clearing TEXT --clearing-date DATE] "
       "[--note TEXT]"),
    N_("Close a clue with its result (and the clearing done for an unfounded report)."),
    N_("A pending or held clue is closed as 予以了结, with the approval when given. When the clue came from a "
       "petition and was its last open clue, the petition is closed too."),
    1, 1, close_run, NULL,
  },
  {
    "clue", "clearing",
    N_("ID --clearing TEXT --date DATE"),
    N_("Record the clearing (澄清正名) done for a closed, unfounded clue."),
    NULL,
    1, 1, clearing_run, NULL,
  },
  {
    "clue", "review",
    N_("ID --date DATE"),
    N_("Set the next review date of a held clue."),
    NULL,
    1, 1, review_run, NULL,
  },
  {
    "clue", "step",
    N_("ID --date DATE --action TEXT [--note TEXT]"),
    N_("Add a handling step (“sent the inquiry letter”)."),
    NULL,
    1, 1, step_run, NULL,
  },
  {
    "clue", "list",
    N_("[--unit ID] [--status CODE] [--disposal CODE] [--year YEAR] [--cadre ID] [--petition ID] [--overdue DATE] "
       "[--text TEXT] [--all] [--offset N] [--limit N]"),
    N_("List clues, newest first, tab-separated."),
    N_("Columns: record, number, received, unit, person, source, status, disposal, due date, result, active or "
       "retired."),
    0, 0, list_run, NULL,
  },
  {
    "clue", "show",
    N_("ID"),
    N_("Show a clue with its steps, talks and history."),
    NULL,
    1, 1, show_run, NULL,
  },
  {
    "clue", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a clue registered by mistake (it stays in the history)."),
    NULL,
    1, 1, retire_run, NULL,
  },
  {
    "clue", "codes",
    "",
    N_("List the codes of sources, disposal modes, results, statuses and problem categories."),
    NULL,
    0, 0, codes_run, NULL,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_clue_commands (void)
{
  return clue_commands;
}
