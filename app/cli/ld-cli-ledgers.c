/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-ledgers"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "rules/ld-ledger-rules.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

/* --- Parsing ----------------------------------------------------------------------- */

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
parse_item_id (const char  *text,
               gint64      *id,
               GError     **error)
{
  return parse_id (text, _("Give the ledger item number shown by “ledger list”."), id, error);
}

static gboolean
parse_recommendation_id (const char  *text,
                         gint64      *id,
                         GError     **error)
{
  return parse_id (text, _("Give the recommendation number shown by “recommendation list”."), id, error);
}

static gboolean
parse_unit_id (const char  *text,
               gint64      *id,
               GError     **error)
{
  return parse_optional_id (text, _("Give the unit number shown by “unit list”."), id, error);
}

/* "YYYY-MM-DD" into DATE; NULL text leaves DATE cleared. */
static gboolean
parse_day (const char  *text,
           const char  *option,
           GDate       *date,
           GError     **error)
{
  unsigned int y = 0, m = 0, d = 0;
  int end = 0;

  g_date_clear (date, 1);
  if (text == NULL)
    return TRUE;
  if (sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &end) != 3 || text[end] != '\0'
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      /* Translators: %s are an option and what was typed. */
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("%s “%s” is not a date. Write it as YYYY-MM-DD."), option,
                   shown);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
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

static void
append_history (GString   *out,
                GPtrArray *versions)
{
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
}

/* --- Help ------------------------------------------------------------------------ */

static char *
ledger_codes_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *sources = ld_ledger_sources ();

  g_string_append_printf (out, "%s\n", _("Sources (--source):"));
  for (guint i = 0; sources[i] != NULL; i++)
    g_string_append_printf (out, "  %-16s %s\n", sources[i], ld_ledger_source_get_label (sources[i]));
  g_string_append_printf (out, "\n%s\n", _("Statuses (--status):"));
  for (LdLedgerStatus s = 0; s < LD_N_LEDGER_STATUSES; s++)
    g_string_append_printf (out, "  %-16s %s\n", ld_ledger_status_to_string (s), ld_ledger_status_get_label (s));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
recommendation_codes_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *kinds = ld_recommendation_kinds ();
  const char *events[] = { "revisit", "lookback", "onsite", "note" };

  g_string_append_printf (out, "%s\n", _("Kinds (--kind):"));
  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (out, "  %-16s %s\n", kinds[i], ld_recommendation_kind_get_label (kinds[i]));
  g_string_append_printf (out, "\n%s\n", _("Statuses (--status; “reply-overdue” means the reply is late):"));
  for (LdRecommendationStatus s = 0; s < LD_N_RECOMMENDATION_STATUSES; s++)
    g_string_append_printf (out, "  %-16s %s\n", ld_recommendation_status_to_string (s),
                            ld_recommendation_status_get_label (s));
  g_string_append_printf (out, "\n%s\n", _("Follow-ups (recommendation visit --kind):"));
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_string_append_printf (out, "  %-16s %s\n", events[i], ld_recommendation_event_get_label (events[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- ledger add / set ------------------------------------------------------------- */

static int
ledger_add_run (LdCli               *cli,
                const LdCliCommand  *command,
                char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *recommendation = NULL;
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autofree char *reg_no = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The responsible unit (required)"), N_("ID") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &spec.source, N_("Where the problem was found (required)"),
      N_("SOURCE") },
    { "source-ref", 'f', 0, G_OPTION_ARG_STRING, &spec.source_ref,
      N_("The inspection round, audit report or document it came from"), N_("TEXT") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation,
      N_("The recommendation it rectifies (sets the source)"), N_("ID") },
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &spec.problem, N_("The problem (required)"), N_("TEXT") },
    { "measures", 'm', 0, G_OPTION_ARG_STRING, &spec.measures, N_("The rectification measures"), N_("TEXT") },
    { "standard", 'g', 0, G_OPTION_ARG_STRING, &spec.standard, N_("The standard or goal"), N_("TEXT") },
    { "leader", 'l', 0, G_OPTION_ARG_STRING, &spec.leader, N_("The responsible leader"), N_("NAME") },
    { "person", 'e', 0, G_OPTION_ARG_STRING, &spec.person, N_("The responsible person"), N_("NAME") },
    { "deadline", 'd', 0, G_OPTION_ARG_STRING, &spec.deadline, N_("The deadline"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &spec.note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  ld_ledger_item_spec_init (&spec);
  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (unit, "--unit ID", &error), error);
  if (recommendation == NULL)
    REPORT_IF_FAILED (cli, require_option (spec.source, "--source SOURCE", &error), error);
  REPORT_IF_FAILED (cli, require_option (spec.problem, "--problem TEXT", &error), error);
  REPORT_IF_FAILED (cli, parse_unit_id (unit, &spec.unit_id, &error), error);
  REPORT_IF_FAILED (cli, parse_optional_id (recommendation,
                                            _("Give the recommendation number shown by “recommendation list”."),
                                            &spec.recommendation_id, &error), error);
  /* Check the input before asking for the password. */
  REPORT_IF_FAILED (cli, ld_ledger_item_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_create (cli->vault, &spec, &id, &reg_no, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static void
replace_if_given (char       **member,
                  const char  *value)
{
  if (value != NULL)
    ld_ledger_item_spec_set (member, value);
}

static int
ledger_set_run (LdCli               *cli,
                const LdCliCommand  *command,
                char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *source = NULL;
  g_autofree char *source_ref = NULL;
  g_autofree char *recommendation = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *measures = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *person = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *note = NULL;
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(LdLedgerItem) item = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Another responsible unit"), N_("ID") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &source, N_("Another source"), N_("SOURCE") },
    { "source-ref", 'f', 0, G_OPTION_ARG_STRING, &source_ref, N_("Another source reference"), N_("TEXT") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation,
      N_("The recommendation it rectifies (0 removes it)"), N_("ID") },
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &problem, N_("A new problem text"), N_("TEXT") },
    { "measures", 'm', 0, G_OPTION_ARG_STRING, &measures, N_("New measures"), N_("TEXT") },
    { "standard", 'g', 0, G_OPTION_ARG_STRING, &standard, N_("A new standard or goal"), N_("TEXT") },
    { "leader", 'l', 0, G_OPTION_ARG_STRING, &leader, N_("Another responsible leader"), N_("NAME") },
    { "person", 'e', 0, G_OPTION_ARG_STRING, &person, N_("Another responsible person"), N_("NAME") },
    { "deadline", 'd', 0, G_OPTION_ARG_STRING, &deadline, N_("A new deadline (\"\" clears it)"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A new note"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  if (unit == NULL && source == NULL && source_ref == NULL && recommendation == NULL && problem == NULL
      && measures == NULL && standard == NULL && leader == NULL && person == NULL && deadline == NULL && note == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give --unit, --source, --source-ref, --recommendation, --problem, "
                             "--measures, --standard, --leader, --person, --deadline or --note."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  item = ld_ledger_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, item != NULL, error);
  ld_ledger_item_spec_init_from_item (&spec, item);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &spec.unit_id, &error),
                      error);
  if (recommendation != NULL && g_strcmp0 (recommendation, "0") == 0)
    spec.recommendation_id = 0;
  else if (recommendation != NULL)
    REPORT_IF_FAILED (cli, parse_recommendation_id (recommendation, &spec.recommendation_id, &error), error);
  replace_if_given (&spec.source, source);
  replace_if_given (&spec.source_ref, source_ref);
  replace_if_given (&spec.problem, problem);
  replace_if_given (&spec.measures, measures);
  replace_if_given (&spec.standard, standard);
  replace_if_given (&spec.leader, leader);
  replace_if_given (&spec.person, person);
  replace_if_given (&spec.deadline, deadline);
  replace_if_given (&spec.note, note);
  REPORT_IF_FAILED (cli, ld_ledger_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

/* --- ledger progress / status / complete / accept / signoff / retire ----------------- */

static int
ledger_progress_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  gint64 id = 0, progress = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the progress (required)"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("What was done (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (note, "--note TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_add_progress (cli->vault, id, date, note, &progress, &error), error);
  g_print ("%lld\n", (long long) progress);
  return 0;
}

static int
ledger_status_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  LdLedgerStatus status;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  status = ld_ledger_status_from_string ((*args)[1]);
  if (status == LD_N_LEDGER_STATUSES || status == LD_LEDGER_OVERDUE || status == LD_LEDGER_NOT_STARTED)
    {
      g_autofree char *shown = ld_cli_text_sanitize ((*args)[1]);

      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a status an item can be moved to. Write in-progress, done or ongoing "
                     "(overdue follows from the deadline)."),
                   shown);
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_set_status (cli->vault, id, status, &error), error);
  return 0;
}

static int
ledger_complete_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *completion = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The completion date (required)"), N_("DATE") },
    { "completion", 'c', 0, G_OPTION_ARG_STRING, &completion, N_("What was done (完成情况, required)"),
      N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (completion, "--completion TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_complete (cli->vault, id, date, completion, &error), error);
  return 0;
}

static int
ledger_accept_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  g_autofree char *opinion = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "by", 'b', 0, G_OPTION_ARG_STRING, &by, N_("Who accepted the work (验收人, required)"), N_("NAME") },
    { "opinion", 'o', 0, G_OPTION_ARG_STRING, &opinion, N_("The acceptance opinion (验收意见)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (by, "--by NAME", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_accept (cli->vault, id, by, opinion, &error), error);
  return 0;
}

static int
ledger_signoff_run (LdCli               *cli,
                    const LdCliCommand  *command,
                    char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The sign-off date (required)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_sign_off (cli->vault, id, date, &error), error);
  return 0;
}

static int
ledger_retire_run (LdCli               *cli,
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
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_ledger_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

static int
ledger_attach_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id = 0, attachment = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  path = g_filename_from_utf8 ((*args)[1], -1, NULL, NULL, NULL);
  if (path == NULL)
    path = g_strdup ((*args)[1]);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_attachment_repository_add (cli->vault, "ledger", id, path, &attachment, &error), error);
  g_print ("%lld\n", (long long) attachment);
  return 0;
}

/* --- ledger list / show ------------------------------------------------------------ */

static int
ledger_list_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *status = NULL;
  g_autofree char *source = NULL;
  g_autofree char *recommendation = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *due_before = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  int offset = 0, limit = 0;
  LdLedgerFilter filter;
  GDate day;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units below it"), N_("ID") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("Only this status (or “overdue”)"), N_("STATUS") },
    { "source", 'f', 0, G_OPTION_ARG_STRING, &source, N_("Only this source"), N_("SOURCE") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation, N_("Only the items of this recommendation"),
      N_("ID") },
    { "as-of", 'd', 0, G_OPTION_ARG_STRING, &as_of, N_("Judge “overdue” on this day (default: today)"),
      N_("DATE") },
    { "due-before", 'b', 0, G_OPTION_ARG_STRING, &due_before,
      N_("Only items still to do with a deadline before this day"), N_("DATE") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("Only items whose number or texts contain this text"),
      N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired items"), NULL },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip this many items"), N_("N") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("List at most this many items"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  ld_ledger_filter_init (&filter);
  REPORT_IF_FAILED (cli, parse_unit_id (unit, &filter.unit_id, &error), error);
  REPORT_IF_FAILED (cli, parse_optional_id (recommendation,
                                            _("Give the recommendation number shown by “recommendation list”."),
                                            &filter.recommendation_id, &error), error);
  REPORT_IF_FAILED (cli, parse_day (as_of, "--as-of", &day, &error), error);
  if (offset < 0 || limit < 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("--offset and --limit take whole numbers of zero or more."));
      return ld_cli_report_error (cli, error);
    }
  filter.status = status;
  filter.source = source;
  filter.due_before = due_before;
  filter.text = text;
  filter.as_of = g_date_valid (&day) ? &day : NULL;
  filter.include_retired = all;
  filter.offset = (guint) offset;
  filter.limit = (guint) limit;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_ledger_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Record, number, unit, source, deadline, status shown (with overdue),
   * leader, person, problem, signed off, active or retired. */
  for (guint i = 0; i < list->len; i++)
    {
      LdLedgerItem *item = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_ledger_item_get_id (item));

      append_cell (line, id);
      append_cell (line, ld_ledger_item_get_reg_no (item));
      append_cell (line, ld_ledger_item_get_unit_name (item));
      append_cell (line, ld_ledger_item_get_source (item));
      append_cell (line, ld_ledger_item_get_deadline (item));
      append_cell (line, ld_ledger_status_to_string (ld_ledger_item_get_display_status (item, filter.as_of)));
      append_cell (line, ld_ledger_item_get_leader (item));
      append_cell (line, ld_ledger_item_get_person (item));
      append_cell (line, ld_ledger_item_get_problem (item));
      append_cell (line, ld_ledger_item_get_signed_off_date (item));
      append_cell (line, ld_ledger_item_get_retired_at (item) ? C_("ledger item", "retired")
                                                              : C_("ledger item", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

static int
ledger_show_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *unit = NULL;
  g_autofree char *source = NULL;
  g_autofree char *recommendation = NULL;
  g_autofree char *status = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_item_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  item = ld_ledger_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, item != NULL, error);
  progress = ld_ledger_repository_list_progress (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, progress != NULL, error);
  attachments = ld_attachment_repository_list (cli->vault, "ledger", id, FALSE, &error);
  REPORT_IF_FAILED (cli, attachments != NULL, error);
  versions = ld_ledger_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);

  /* Translators: the heading of `ledger show`: the item's registration number and record number */
  g_string_append_printf (out, _("Ledger item %s (record %lld)\n"), ld_ledger_item_get_reg_no (item),
                          (long long) id);
  if (ld_ledger_item_get_retired_at (item) != 0)
    {
      g_autofree char *when = ld_cli_format_time (ld_ledger_item_get_retired_at (item));

      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_ledger_item_get_retired_reason (item));
    }
  unit = g_strdup_printf ("%s (%lld)", ld_ledger_item_get_unit_name (item),
                          (long long) ld_ledger_item_get_unit_id (item));
  source = g_strdup_printf ("%s (%s)", ld_ledger_item_get_source_label (item), ld_ledger_item_get_source (item));
  recommendation = ld_ledger_item_get_recommendation_id (item) > 0
                   ? g_strdup_printf ("%s (%lld)", ld_ledger_item_get_recommendation_reg_no (item),
                                      (long long) ld_ledger_item_get_recommendation_id (item))
                   : g_strdup ("");
  status = g_strdup_printf ("%s (%s)", ld_ledger_item_get_display_status_label (item, NULL),
                            ld_ledger_status_to_string (ld_ledger_item_get_display_status (item, NULL)));
  append_field (out, _("Responsible unit"), unit);
  append_field (out, _("Source"), source);
  append_field (out, _("Source reference"), ld_ledger_item_get_source_ref (item));
  append_field (out, _("Recommendation"), recommendation);
  append_field (out, _("Problem"), ld_ledger_item_get_problem (item));
  append_field (out, _("Measures"), ld_ledger_item_get_measures (item));
  append_field (out, _("Standard"), ld_ledger_item_get_standard (item));
  append_field (out, _("Responsible leader"), ld_ledger_item_get_leader (item));
  append_field (out, _("Responsible person"), ld_ledger_item_get_person (item));
  append_field (out, _("Deadline"), ld_ledger_item_get_deadline (item));
  append_field (out, C_("ledger field", "Status"), status);
  append_field (out, _("Completion"), ld_ledger_item_get_completion (item));
  append_field (out, _("Completed on"), ld_ledger_item_get_completed_date (item));
  append_field (out, _("Accepted by"), ld_ledger_item_get_accepted_by (item));
  append_field (out, _("Acceptance"), ld_ledger_item_get_acceptance (item));
  append_field (out, _("Signed off on"), ld_ledger_item_get_signed_off_date (item));
  append_field (out, _("Note"), ld_ledger_item_get_note (item));

  g_string_append_printf (out, "\n%s\n", _("Progress:"));
  for (guint i = 0; i < progress->len; i++)
    {
      LdLedgerProgress *p = g_ptr_array_index (progress, i);
      g_autofree char *safe = ld_cli_text_sanitize (p->note);

      g_string_append_printf (out, "  %s  %s  [%s]\n", p->progress_date, safe, p->account);
    }
  if (attachments->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Evidence:"));
      for (guint i = 0; i < attachments->len; i++)
        {
          LdAttachment *a = g_ptr_array_index (attachments, i);
          g_autofree char *size = ld_attachment_format_size (a->size);
          g_autofree char *safe = ld_cli_text_sanitize (a->name);

          g_string_append_printf (out, "  %lld  %s  %s\n", (long long) a->id, safe, size);
        }
    }
  append_history (out, versions);
  g_print ("%s", out->str);
  return 0;
}

/* --- recommendation add / list / show / retire -------------------------------------- */

static int
recommendation_add_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_auto(LdRecommendationSpec) spec = { 0 };
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The unit it is addressed to (required)"), N_("ID") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &spec.kind, N_("discipline, supervision or joint (required)"),
      N_("KIND") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &spec.title, N_("The title (required)"), N_("TEXT") },
    { "doc-no", 'n', 0, G_OPTION_ARG_STRING, &spec.doc_no, N_("The document number"), N_("TEXT") },
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &spec.problem, N_("The problem found"), N_("TEXT") },
    { "basis", 'b', 0, G_OPTION_ARG_STRING, &spec.basis, N_("The facts and the legal basis"), N_("TEXT") },
    { "content", 'c', 0, G_OPTION_ARG_STRING, &spec.content, N_("The recommendations and reply requirements"),
      N_("TEXT") },
    { NULL }
  };

  ld_recommendation_spec_init (&spec);
  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (unit, "--unit ID", &error), error);
  REPORT_IF_FAILED (cli, require_option (spec.kind, "--kind KIND", &error), error);
  REPORT_IF_FAILED (cli, require_option (spec.title, "--title TEXT", &error), error);
  REPORT_IF_FAILED (cli, parse_unit_id (unit, &spec.unit_id, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_create (cli->vault, &spec, &id, NULL, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static int
recommendation_set_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;
  g_autofree char *doc_no = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *content = NULL;
  g_auto(LdRecommendationSpec) spec = { 0 };
  g_autoptr(LdRecommendation) r = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Another addressee"), N_("ID") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Another kind"), N_("KIND") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("A new title"), N_("TEXT") },
    { "doc-no", 'n', 0, G_OPTION_ARG_STRING, &doc_no, N_("A new document number"), N_("TEXT") },
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &problem, N_("A new problem text"), N_("TEXT") },
    { "basis", 'b', 0, G_OPTION_ARG_STRING, &basis, N_("New facts and basis"), N_("TEXT") },
    { "content", 'c', 0, G_OPTION_ARG_STRING, &content, N_("New recommendations"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  if (unit == NULL && kind == NULL && title == NULL && doc_no == NULL && problem == NULL && basis == NULL
      && content == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give --unit, --kind, --title, --doc-no, --problem, --basis or "
                             "--content."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  r = ld_recommendation_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, r != NULL, error);
  ld_recommendation_spec_init_from_recommendation (&spec, r);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &spec.unit_id, &error),
                      error);
  if (kind != NULL)
    ld_recommendation_spec_set (&spec.kind, kind);
  if (title != NULL)
    ld_recommendation_spec_set (&spec.title, title);
  if (doc_no != NULL)
    ld_recommendation_spec_set (&spec.doc_no, doc_no);
  if (problem != NULL)
    ld_recommendation_spec_set (&spec.problem, problem);
  if (basis != NULL)
    ld_recommendation_spec_set (&spec.basis, basis);
  if (content != NULL)
    ld_recommendation_spec_set (&spec.content, content);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

static int
recommendation_list_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *status = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  LdRecommendationFilter filter;
  GDate day;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units below it"), N_("ID") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("Only this status (or “reply-overdue”)"), N_("STATUS") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only this kind"), N_("KIND") },
    { "as-of", 'd', 0, G_OPTION_ARG_STRING, &as_of, N_("Judge “reply-overdue” on this day (default: today)"),
      N_("DATE") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("Only recommendations whose number or texts contain this text"),
      N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired recommendations"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  ld_recommendation_filter_init (&filter);
  REPORT_IF_FAILED (cli, parse_unit_id (unit, &filter.unit_id, &error), error);
  REPORT_IF_FAILED (cli, parse_day (as_of, "--as-of", &day, &error), error);
  filter.status = status;
  filter.kind = kind;
  filter.text = text;
  filter.as_of = g_date_valid (&day) ? &day : NULL;
  filter.include_retired = all;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_recommendation_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Record, number, unit, kind, status, issued, reply due, reply overdue,
   * items (open/all), title, active or retired. */
  for (guint i = 0; i < list->len; i++)
    {
      LdRecommendation *r = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_recommendation_get_id (r));
      g_autofree char *items = g_strdup_printf ("%u/%u", ld_recommendation_get_n_open_items (r),
                                                ld_recommendation_get_n_items (r));

      append_cell (line, id);
      append_cell (line, ld_recommendation_get_reg_no (r));
      append_cell (line, ld_recommendation_get_unit_name (r));
      append_cell (line, ld_recommendation_get_kind (r));
      append_cell (line, ld_recommendation_get_status_code (r));
      append_cell (line, ld_recommendation_get_issued_date (r));
      append_cell (line, ld_recommendation_get_reply_due (r));
      append_cell (line, ld_recommendation_is_reply_overdue (r, filter.as_of) ? "reply-overdue" : "");
      append_cell (line, items);
      append_cell (line, ld_recommendation_get_title (r));
      append_cell (line, ld_recommendation_get_retired_at (r) ? C_("recommendation", "retired")
                                                              : C_("recommendation", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

static int
recommendation_show_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *unit = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  LdLedgerFilter filter;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  r = ld_recommendation_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, r != NULL, error);
  events = ld_recommendation_repository_list_events (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, events != NULL, error);
  ld_ledger_filter_init (&filter);
  filter.recommendation_id = id;
  items = ld_ledger_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, items != NULL, error);
  versions = ld_recommendation_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);

  /* Translators: the heading of `recommendation show`: its registration number and record number */
  g_string_append_printf (out, _("Recommendation %s (record %lld)\n"), ld_recommendation_get_reg_no (r),
                          (long long) id);
  if (ld_recommendation_get_retired_at (r) != 0)
    {
      g_autofree char *when = ld_cli_format_time (ld_recommendation_get_retired_at (r));

      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_recommendation_get_retired_reason (r));
    }
  unit = g_strdup_printf ("%s (%lld)", ld_recommendation_get_unit_name (r),
                          (long long) ld_recommendation_get_unit_id (r));
  kind = g_strdup_printf ("%s (%s)", ld_recommendation_get_kind_label (r), ld_recommendation_get_kind (r));
  status = ld_recommendation_is_reply_overdue (r, NULL)
           /* Translators: a status followed by its code, then a warning that the reply (回复) is late */
           ? g_strdup_printf (_("%s (%s), reply overdue"), ld_recommendation_get_status_label (r),
                              ld_recommendation_get_status_code (r))
           : g_strdup_printf ("%s (%s)", ld_recommendation_get_status_label (r),
                              ld_recommendation_get_status_code (r));
  append_field (out, _("Addressed to"), unit);
  append_field (out, _("Kind"), kind);
  append_field (out, _("Document number"), ld_recommendation_get_doc_no (r));
  append_field (out, _("Title"), ld_recommendation_get_title (r));
  append_field (out, _("Problem"), ld_recommendation_get_problem (r));
  append_field (out, _("Facts and basis"), ld_recommendation_get_basis (r));
  append_field (out, _("Recommendations"), ld_recommendation_get_content (r));
  append_field (out, C_("recommendation field", "Status"), status);
  append_field (out, _("Issued on"), ld_recommendation_get_issued_date (r));
  append_field (out, _("Delivered on"), ld_recommendation_get_delivered_date (r));
  append_field (out, _("Reply due"), ld_recommendation_get_reply_due (r));
  append_field (out, _("Replied on"), ld_recommendation_get_replied_date (r));
  append_field (out, _("Reply"), ld_recommendation_get_reply (r));
  append_field (out, _("Verified on"), ld_recommendation_get_verified_date (r));
  append_field (out, _("Closed on"), ld_recommendation_get_closed_date (r));
  append_field (out, _("Next return visit"), ld_recommendation_get_next_visit_date (r));

  g_string_append_printf (out, "\n%s\n", _("Events:"));
  for (guint i = 0; i < events->len; i++)
    {
      LdRecommendationEvent *e = g_ptr_array_index (events, i);
      g_autofree char *safe = ld_cli_text_sanitize (e->note);

      g_string_append_printf (out, "  %s  %s%s%s  [%s]\n", e->event_date, e->kind_label, *safe ? " — " : "", safe,
                              e->account);
    }
  g_string_append_printf (out, "\n%s\n", _("Ledger items:"));
  for (guint i = 0; i < items->len; i++)
    {
      LdLedgerItem *item = g_ptr_array_index (items, i);
      g_autofree char *safe = ld_cli_text_sanitize (ld_ledger_item_get_problem (item));

      g_string_append_printf (out, "  %lld  %s  %s  %s  %s\n", (long long) ld_ledger_item_get_id (item),
                              ld_ledger_item_get_reg_no (item), ld_ledger_item_get_display_status_label (item, NULL),
                              ld_ledger_item_get_deadline (item), safe);
    }
  append_history (out, versions);
  g_print ("%s", out->str);
  return 0;
}

static int
recommendation_retire_run (LdCli               *cli,
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
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- recommendation issue … escalate / visit / spawn ---------------------------------- */

static LdRecommendationStatus
status_of_command (const char *name)
{
  static const struct { const char *name; LdRecommendationStatus status; } moves[] = {
    { "issue", LD_RECOMMENDATION_ISSUED },
    { "deliver", LD_RECOMMENDATION_DELIVERED },
    { "reply", LD_RECOMMENDATION_REPLIED },
    { "rectify", LD_RECOMMENDATION_RECTIFYING },
    { "verify", LD_RECOMMENDATION_VERIFIED },
    { "close", LD_RECOMMENDATION_CLOSED },
    { "escalate", LD_RECOMMENDATION_ESCALATED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_strcmp0 (name, moves[i].name) == 0)
      return moves[i].status;
  return LD_N_RECOMMENDATION_STATUSES;
}

static int
recommendation_move_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *due = NULL;
  LdRecommendationStatus status = status_of_command (command->name);
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the step (required)"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "reply", 'r', 0, G_OPTION_ARG_STRING, &reply, N_("The unit's reply (for “reply”, required)"), N_("TEXT") },
    { "due", 'u', 0, G_OPTION_ARG_STRING, &due,
      N_("The reply due date set in the document (for “issue” and “deliver”; default 30 days)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  if (status == LD_RECOMMENDATION_REPLIED)
    REPORT_IF_FAILED (cli, require_option (reply, "--reply TEXT", &error), error);
  else if (reply != NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("--reply goes with “recommendation reply” only."));
      return ld_cli_report_error (cli, error);
    }
  if (due != NULL && status != LD_RECOMMENDATION_ISSUED && status != LD_RECOMMENDATION_DELIVERED)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("--due goes with “recommendation issue” and “recommendation deliver” only."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_move (cli->vault, id, status, date, note, reply, due, &error),
                    error);
  if (status == LD_RECOMMENDATION_ISSUED || status == LD_RECOMMENDATION_DELIVERED)
    {
      g_autoptr(LdRecommendation) r = ld_recommendation_repository_get (cli->vault, id, &error);

      REPORT_IF_FAILED (cli, r != NULL, error);
      /* Translators: %s is a date */
      g_print (_("Reply due: %s\n"), ld_recommendation_get_reply_due (r));
    }
  return 0;
}

static int
recommendation_visit_run (LdCli               *cli,
                          const LdCliCommand  *command,
                          char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  g_autofree char *next = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("revisit, lookback, onsite or note (required)"), N_("KIND") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date (required)"), N_("DATE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("What was found"), N_("TEXT") },
    { "next", 'x', 0, G_OPTION_ARG_STRING, &next, N_("Plan the next return visit (\"\" clears it)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (kind, "--kind KIND", &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_add_event (cli->vault, id, kind, date, note, next, &error),
                    error);
  return 0;
}

static int
recommendation_spawn_run (LdCli               *cli,
                          const LdCliCommand  *command,
                          char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *measures = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *person = NULL;
  g_autofree char *deadline = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = NULL;
  gint64 id = 0, unit_id = 0;
  guint n;
  const GOptionEntry entries[] = {
    { "problem", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &problems,
      N_("A problem to rectify (required; repeat for several items)"), N_("TEXT") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("The responsible unit (default: the addressee)"), N_("ID") },
    { "measures", 'm', 0, G_OPTION_ARG_STRING, &measures, N_("The rectification measures"), N_("TEXT") },
    { "standard", 'g', 0, G_OPTION_ARG_STRING, &standard, N_("The standard or goal"), N_("TEXT") },
    { "leader", 'l', 0, G_OPTION_ARG_STRING, &leader, N_("The responsible leader"), N_("NAME") },
    { "person", 'e', 0, G_OPTION_ARG_STRING, &person, N_("The responsible person"), N_("NAME") },
    { "deadline", 'd', 0, G_OPTION_ARG_STRING, &deadline, N_("The deadline"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_recommendation_id ((*args)[0], &id, &error), error);
  if (problems == NULL || problems[0] == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("The option --problem TEXT is required."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, parse_unit_id (unit, &unit_id, &error), error);
  n = g_strv_length (problems);
  for (guint i = 0; i < n; i++)
    {
      LdLedgerItemSpec *spec = g_new0 (LdLedgerItemSpec, 1);

      /* Borrowed strings: the specs are freed with g_free() only. */
      spec->unit_id = unit_id;
      spec->problem = problems[i];
      spec->measures = measures;
      spec->standard = standard;
      spec->leader = leader;
      spec->person = person;
      spec->deadline = deadline;
      g_ptr_array_add (specs, spec);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_recommendation_repository_spawn_ledger_items (cli->vault, id, specs, &ids, &error),
                    error);
  for (guint i = 0; i < ids->len; i++)
    g_print ("%lld\n", (long long) g_array_index (ids, gint64, i));
  return 0;
}

/* --- Table ------------------------------------------------------------------------- */

#define MOVE_COMMAND(name, summary, description)                          \
  {                                                                       \
    "recommendation", name,                                               \
    N_("ID --date DATE [--note TEXT] [--reply TEXT] [--due DATE]"),       \
    summary, description,                                                 \
    1, 1, recommendation_move_run, NULL,                                  \
  }

static const LdCliCommand ledger_commands[] = {
  {
    "ledger", "add",
    N_("--unit ID --source SOURCE --problem TEXT [--measures TEXT] [--standard TEXT] [--leader NAME] "
       "[--person NAME] [--deadline DATE] [--recommendation ID] [--source-ref TEXT] [--note TEXT]"),
    N_("Register an item of the supervision ledger (整改台账)."),
    N_("The item gets the next number of the year (2026-L0001) and starts as not started. Prints its record "
       "number."),
    0, 0, ledger_add_run, ledger_codes_help,
  },
  {
    "ledger", "set",
    N_("ID [--unit ID] [--source SOURCE] [--source-ref TEXT] [--recommendation ID] [--problem TEXT] "
       "[--measures TEXT] [--standard TEXT] [--leader NAME] [--person NAME] [--deadline DATE] [--note TEXT]"),
    N_("Change the description of an item that is not signed off."),
    NULL,
    1, 1, ledger_set_run, NULL,
  },
  {
    "ledger", "list",
    N_("[--unit ID] [--status STATUS|overdue] [--source SOURCE] [--recommendation ID] [--as-of DATE] "
       "[--due-before DATE] [--text TEXT] [--all] [--offset N] [--limit N]"),
    N_("List ledger items, earliest deadline first, tab-separated."),
    N_("Columns: record, number, unit, source, deadline, status (overdue judged on --as-of), responsible leader, "
       "responsible person, problem, sign-off date, active or retired."),
    0, 0, ledger_list_run, ledger_codes_help,
  },
  {
    "ledger", "show",
    N_("ID"),
    N_("Show a ledger item with its progress, evidence and history."),
    NULL,
    1, 1, ledger_show_run, NULL,
  },
  {
    "ledger", "progress",
    N_("ID --date DATE --note TEXT"),
    N_("Record progress (阶段进度); a not-started item becomes in progress."),
    NULL,
    1, 1, ledger_progress_run, NULL,
  },
  {
    "ledger", "status",
    N_("ID in-progress|done|ongoing"),
    N_("Move an item to another status."),
    N_("Ongoing (长期坚持) is for work that never ends; it is never overdue. Reopening a done item clears its "
       "completion date and acceptance."),
    2, 2, ledger_status_run, NULL,
  },
  {
    "ledger", "complete",
    N_("ID --date DATE --completion TEXT"),
    N_("Record the completion (完成情况) of an item; it becomes done."),
    NULL,
    1, 1, ledger_complete_run, NULL,
  },
  {
    "ledger", "accept",
    N_("ID --by NAME [--opinion TEXT]"),
    N_("Record who accepted the work (验收) of a done item."),
    NULL,
    1, 1, ledger_accept_run, NULL,
  },
  {
    "ledger", "signoff",
    N_("ID --date DATE"),
    N_("Sign a done and accepted item off (销号); afterwards it does not change. Leaders only."),
    NULL,
    1, 1, ledger_signoff_run, NULL,
  },
  {
    "ledger", "attach",
    N_("ID FILE"),
    N_("Store evidence (佐证材料, at most 20 MB) in the vault with a ledger item."),
    N_("Prints the attachment number; “attachment save” copies it out again."),
    2, 2, ledger_attach_run, NULL,
  },
  {
    "ledger", "retire",
    N_("ID --reason TEXT"),
    N_("Retire an item registered by mistake (it stays in the history)."),
    NULL,
    1, 1, ledger_retire_run, NULL,
  },
  {
    "recommendation", "add",
    N_("--unit ID --kind KIND --title TEXT [--problem TEXT] [--basis TEXT] [--content TEXT] [--doc-no TEXT]"),
    N_("Draft a recommendation (纪检监察建议)."),
    N_("The draft gets the next number of the year (2026-J0001). Prints its record number."),
    0, 0, recommendation_add_run, recommendation_codes_help,
  },
  {
    "recommendation", "set",
    N_("ID [--unit ID] [--kind KIND] [--title TEXT] [--doc-no TEXT] [--problem TEXT] [--basis TEXT] "
       "[--content TEXT]"),
    N_("Change the text of a recommendation that is not closed."),
    NULL,
    1, 1, recommendation_set_run, NULL,
  },
  {
    "recommendation", "list",
    N_("[--unit ID] [--status STATUS|reply-overdue] [--kind KIND] [--as-of DATE] [--text TEXT] [--all]"),
    N_("List recommendations, newest first, tab-separated."),
    N_("Columns: record, number, unit, kind, status, issued, reply due, “reply-overdue” when the reply is late on "
       "--as-of, open/all ledger items, title, active or retired."),
    0, 0, recommendation_list_run, recommendation_codes_help,
  },
  {
    "recommendation", "show",
    N_("ID"),
    N_("Show a recommendation with its events, ledger items and history."),
    NULL,
    1, 1, recommendation_show_run, NULL,
  },
  MOVE_COMMAND ("issue", N_("Issue a draft (leaders only); the reply is due in 30 days unless --due is given."),
                NULL),
  MOVE_COMMAND ("deliver", N_("Record the delivery; the default reply term then runs from this date."), NULL),
  MOVE_COMMAND ("reply", N_("Record the unit's reply (--reply TEXT)."), NULL),
  MOVE_COMMAND ("rectify", N_("Record that rectification is under way."), NULL),
  MOVE_COMMAND ("verify", N_("Record that the rectification was verified."), NULL),
  MOVE_COMMAND ("close", N_("Close (销账) a verified or escalated recommendation."),
                N_("Refused while any of its ledger items is neither signed off nor ongoing; the message lists "
                   "them.")),
  MOVE_COMMAND ("escalate", N_("Escalate a recommendation refused or ignored by the unit."), NULL),
  {
    "recommendation", "visit",
    N_("ID --kind revisit|lookback|onsite|note --date DATE [--note TEXT] [--next DATE]"),
    N_("Record a return visit (回访), a look-back check (回头看), on-site supervision or a note."),
    NULL,
    1, 1, recommendation_visit_run, NULL,
  },
  {
    "recommendation", "spawn",
    N_("ID --problem TEXT [--problem TEXT…] [--unit ID] [--measures TEXT] [--standard TEXT] [--leader NAME] "
       "[--person NAME] [--deadline DATE]"),
    N_("Register ledger items for an issued recommendation, one per --problem."),
    N_("All items are stored or none. Prints their record numbers, one a line."),
    1, 1, recommendation_spawn_run, NULL,
  },
  {
    "recommendation", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a recommendation registered by mistake (it stays in the history)."),
    NULL,
    1, 1, recommendation_retire_run, NULL,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_ledger_commands (void)
{
  return ledger_commands;
}
