/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-talks"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* `talk add|set|list|show|retire|coverage|types|attach`. */

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

/* A number or "" / "0" for none (--clue, --unit). */
static gboolean
parse_optional_id (const char  *text,
                   const char  *what_hint,
                   gint64      *id,
                   GError     **error)
{
  if (text == NULL || *text == '\0' || g_str_equal (text, "0"))
    {
      *id = 0;
      return TRUE;
    }
  return parse_id (text, what_hint, id, error);
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

static gboolean
parse_year (const char  *text,
            int         *year,
            GError     **error)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1900, 2999, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a year. Write the year with four digits."),
                   shown);
      return FALSE;
    }
  *year = (int) n;
  return TRUE;
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
print_sanitized (const char *text)
{
  g_autofree char *safe = ld_cli_text_sanitize (text);
  g_auto(GStrv) lines = g_strsplit (safe, "\\n", -1);
  g_autofree char *joined = g_strjoinv ("\n", lines);

  g_print ("%s", joined);
}

/* --- talk types ----------------------------------------------------------------------- */

static char *
talk_types_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const LdCode *rows;
  guint n = 0;

  g_string_append_printf (out, "%s\n", _("Types of talk (--type):"));
  rows = ld_code_table_get (LD_CODE_TABLE_TALK_TYPE, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "  %-16s %s\n", rows[i].code, rows[i].label);
  g_string_append_printf (out, "\n%s\n  none, explanation, self-examination\n",
                          _("Written explanation required (--written):"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
talk_types_run (LdCli               *cli,
                const LdCliCommand  *command,
                char              ***args)
{
  g_autoptr(GError) error = NULL;
  const LdCode *rows;
  guint n = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  /* Code, label, whether two talkers are needed, the form a measure may
   * count under (0 = none). */
  rows = ld_code_table_get (LD_CODE_TABLE_TALK_TYPE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *form = g_strdup_printf ("%d", ld_talk_type_form (rows[i].code));

      append_cell (line, rows[i].code);
      append_cell (line, rows[i].label);
      append_cell (line, ld_talk_type_needs_two_talkers (rows[i].code) ? C_("talkers", "two talkers")
                                                                         : C_("talkers", "one talker"));
      append_cell (line, form);
      g_print ("%s\n", line->str);
    }
  return 0;
}

/* --- talk add / set ------------------------------------------------------------------ */

/* The options of add and set. NULL = not given; "" clears a field. */
typedef struct
{
  char  *type;
  char  *date;
  char  *time;
  char **cadres;
  char **talkers;
  char  *recorder;
  char  *place;
  char  *reason;
  char  *clue;
  char  *unit;
  char  *problems;
  char  *explanation;
  char  *attitude;
  char  *written;
  char  *written_due;
  char  *written_received;
  char  *followup;
  char  *outcome;
} TalkOptions;

static void
talk_options_clear (TalkOptions *o)
{
  g_free (o->type);
  g_free (o->date);
  g_free (o->time);
  g_strfreev (o->cadres);
  g_strfreev (o->talkers);
  g_free (o->recorder);
  g_free (o->place);
  g_free (o->reason);
  g_free (o->clue);
  g_free (o->unit);
  g_free (o->problems);
  g_free (o->explanation);
  g_free (o->attitude);
  g_free (o->written);
  g_free (o->written_due);
  g_free (o->written_received);
  g_free (o->followup);
  g_free (o->outcome);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TalkOptions, talk_options_clear)

#define TALK_OPTION_ENTRIES(o)                                                                                     \
  { "type", 't', 0, G_OPTION_ARG_STRING, &(o).type, N_("The type of talk (see “talk types”)"), N_("TYPE") },     \
  { "date", 'd', 0, G_OPTION_ARG_STRING, &(o).date, N_("The date of the talk"), N_("YYYY-MM-DD") },              \
  { "time", 0, 0, G_OPTION_ARG_STRING, &(o).time, N_("The time of the talk"), N_("HH:MM") },                    \
  { "cadre", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &(o).cadres,                                                      \
    N_("A cadre talked to (repeat for a collective talk)"), N_("ID") },                                           \
  { "talker", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).talkers, N_("A person who held the talk (repeat)"),          \
    N_("NAME") },                                                                                                 \
  { "recorder", 0, 0, G_OPTION_ARG_STRING, &(o).recorder, N_("Who kept the record"), N_("NAME") },               \
  { "place", 0, 0, G_OPTION_ARG_STRING, &(o).place, N_("Where the talk was held"), N_("TEXT") },                 \
  { "reason", 0, 0, G_OPTION_ARG_STRING, &(o).reason, N_("Why the talk was held"), N_("TEXT") },                 \
  { "clue", 0, 0, G_OPTION_ARG_STRING, &(o).clue, N_("The problem clue the talk serves (0 = none)"), N_("ID") }, \
  { "unit", 0, 0, G_OPTION_ARG_STRING, &(o).unit,                                                                 \
    N_("The unit the talk belongs to (default: the first cadre's)"), N_("ID") },                                  \
  { "problems", 0, 0, G_OPTION_ARG_STRING, &(o).problems, N_("The problems raised"), N_("TEXT") },               \
  { "explanation", 0, 0, G_OPTION_ARG_STRING, &(o).explanation, N_("The person's explanation"), N_("TEXT") },    \
  { "attitude", 0, 0, G_OPTION_ARG_STRING, &(o).attitude, N_("The person's attitude"), N_("TEXT") },             \
  { "written", 0, 0, G_OPTION_ARG_STRING, &(o).written,                                                           \
    N_("Written explanation required: none, explanation or self-examination"), N_("KIND") },                     \
  { "written-due", 0, 0, G_OPTION_ARG_STRING, &(o).written_due, N_("When the written explanation is due"),       \
    N_("YYYY-MM-DD") },                                                                                           \
  { "followup", 0, 0, G_OPTION_ARG_STRING, &(o).followup, N_("The follow-up date"), N_("YYYY-MM-DD") },          \
  { "outcome", 0, 0, G_OPTION_ARG_STRING, &(o).outcome, N_("The measure decided after the talk"), N_("TEXT") }

/* Puts the given options into spec. */
static gboolean
apply_options (TalkOptions  *o,
               LdTalkSpec   *spec,
               GError      **error)
{
  struct { const char *value; char **member; } texts[] = {
    { o->type, &spec->type },
    { o->date, &spec->talk_date },
    { o->time, &spec->talk_time },
    { o->recorder, &spec->recorder },
    { o->place, &spec->place },
    { o->reason, &spec->reason },
    { o->problems, &spec->problems },
    { o->explanation, &spec->explanation },
    { o->attitude, &spec->attitude },
    { o->written_due, &spec->written_due },
    { o->written_received, &spec->written_received },
    { o->followup, &spec->followup_date },
    { o->outcome, &spec->outcome },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      ld_talk_spec_set (texts[i].member, texts[i].value);
  if (o->cadres != NULL)
    {
      g_array_set_size (spec->cadre_ids, 0);
      for (guint i = 0; o->cadres[i] != NULL; i++)
        {
          /* "--cadre 3,4" works too. */
          g_auto(GStrv) parts = g_strsplit (o->cadres[i], ",", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            {
              gint64 id = 0;

              g_strstrip (parts[j]);
              if (*parts[j] == '\0')
                continue;
              if (!parse_id (parts[j], _("Give the record number shown by “cadre list”."), &id, error))
                return FALSE;
              ld_talk_spec_add_cadre (spec, id);
            }
        }
    }
  if (o->talkers != NULL)
    {
      g_ptr_array_set_size (spec->talkers, 0);
      for (guint i = 0; o->talkers[i] != NULL; i++)
        ld_talk_spec_add_talker (spec, o->talkers[i]);
    }
  if (o->clue != NULL
      && !parse_optional_id (o->clue, _("Give the clue number shown by “clue list”."), &spec->clue_id, error))
    return FALSE;
  if (o->unit != NULL
      && !parse_optional_id (o->unit, _("Give the unit number shown by “unit list”."), &spec->unit_id, error))
    return FALSE;
  if (o->written != NULL)
    {
      LdTalkWritten written = LD_TALK_WRITTEN_NONE;

      if (!ld_talk_written_from_string (o->written, &written))
        {
          g_autofree char *shown = ld_cli_text_sanitize (o->written);

          g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                       _("“%s” is not a kind of written explanation. Write none, explanation or self-examination."),
                       shown);
          return FALSE;
        }
      spec->written_required = written;
    }
  return TRUE;
}

/* Prints the warnings of the spec on standard error. */
static void
print_warnings (const LdTalkSpec *spec)
{
  g_auto(GStrv) warnings = ld_talk_spec_check_warnings (spec);

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    /* Translators: a warning that does not stop the command. */
    g_printerr (_("liandang-cli: warning: %s\n"), warnings[i]);
}

static int
talk_add_run (LdCli               *cli,
              const LdCliCommand  *command,
              char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(TalkOptions) o = { 0 };
  g_auto(LdTalkSpec) spec = { 0 };
  g_autofree char *reg_no = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    TALK_OPTION_ENTRIES (o),
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (o.type, "--type TYPE", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.date, "--date YYYY-MM-DD", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.cadres ? "" : NULL, "--cadre ID", &error), error);
  ld_talk_spec_init (&spec);
  REPORT_IF_FAILED (cli, apply_options (&o, &spec, &error), error);
  /* Check the input before asking for the password. */
  REPORT_IF_FAILED (cli, ld_talk_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_talk_repository_create (cli->vault, &spec, &id, &reg_no, &error), error);
  print_warnings (&spec);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static int
talk_set_run (LdCli               *cli,
              const LdCliCommand  *command,
              char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(TalkOptions) o = { 0 };
  g_auto(LdTalkSpec) spec = { 0 };
  g_autoptr(LdTalk) talk = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    TALK_OPTION_ENTRIES (o),
    { "written-received", 0, 0, G_OPTION_ARG_STRING, &o.written_received,
      N_("When the written explanation was received"), N_("YYYY-MM-DD") },
    { NULL }
  };
  gboolean any;

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the talk number shown by “talk list”."), &id, &error),
                    error);
  any = o.type || o.date || o.time || o.cadres || o.talkers || o.recorder || o.place || o.reason || o.clue || o.unit
        || o.problems || o.explanation || o.attitude || o.written || o.written_due || o.written_received
        || o.followup || o.outcome;
  if (!any)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give at least one option, for example --written-received DATE."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  talk = ld_talk_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, talk != NULL, error);
  /* The stored talk with the changes on top. */
  ld_talk_spec_init_from_talk (&spec, talk);
  REPORT_IF_FAILED (cli, apply_options (&o, &spec, &error), error);
  REPORT_IF_FAILED (cli, ld_talk_repository_update (cli->vault, id, &spec, &error), error);
  print_warnings (&spec);
  return 0;
}

/* --- talk list / retire / attach ----------------------------------------------------- */

static const char *
status_of (LdTalk *talk)
{
  return ld_talk_get_retired_at (talk) ? C_("talk status", "retired") : C_("talk status", "active");
}

static int
talk_list_run (LdCli               *cli,
               const LdCliCommand  *command,
               char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *year = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *type = NULL;
  g_autofree char *clue = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  gint limit = 0;
  LdTalkFilter filter;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only talks of this unit and its sub-units"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, N_("Only talks held in this year"), N_("YEAR") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("Only talks with this cadre"), N_("ID") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &type, N_("Only talks of this type"), N_("TYPE") },
    { "clue", 0, 0, G_OPTION_ARG_STRING, &clue, N_("Only talks serving this clue"), N_("ID") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Only talks mentioning this text"), N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired talks"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N talks"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  ld_talk_filter_init (&filter);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &filter.unit_id, &error),
                      error);
  if (cadre != NULL)
    REPORT_IF_FAILED (cli, parse_id (cadre, _("Give the record number shown by “cadre list”."), &filter.cadre_id,
                                     &error), error);
  if (clue != NULL)
    REPORT_IF_FAILED (cli, parse_id (clue, _("Give the clue number shown by “clue list”."), &filter.clue_id, &error),
                      error);
  if (year != NULL)
    REPORT_IF_FAILED (cli, parse_year (year, &filter.year, &error), error);
  if (limit < 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("--limit takes a positive number."));
      return ld_cli_report_error (cli, error);
    }
  filter.type = type;
  filter.text = text;
  filter.include_retired = all;
  filter.limit = (guint) limit;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_talk_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Talk, registration number, date, time, type, unit, persons talked to,
   * talkers, attachments, status. */
  for (guint i = 0; i < list->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_talk_get_id (talk));
      g_autofree char *n = g_strdup_printf ("%u", ld_talk_get_n_attachments (talk));

      append_cell (line, id);
      append_cell (line, ld_talk_get_reg_no (talk));
      append_cell (line, ld_talk_get_talk_date (talk));
      append_cell (line, ld_talk_get_talk_time (talk));
      append_cell (line, ld_talk_get_type_code (talk));
      append_cell (line, ld_talk_get_unit_name (talk));
      append_cell (line, ld_talk_get_cadre_names (talk));
      append_cell (line, ld_talk_get_talkers_text (talk));
      append_cell (line, n);
      append_cell (line, status_of (talk));
      g_print ("%s\n", line->str);
    }
  return 0;
}

static int
talk_retire_run (LdCli               *cli,
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
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the talk number shown by “talk list”."), &id, &error),
                    error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_talk_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

static int
talk_attach_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 talk_id = 0, id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the talk number shown by “talk list”."), &talk_id, &error),
                    error);
  path = g_filename_from_utf8 ((*args)[1], -1, NULL, NULL, NULL);
  if (path == NULL)
    path = g_strdup ((*args)[1]);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_attachment_repository_add (cli->vault, "talk", talk_id, path, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

/* --- talk show ---------------------------------------------------------------------- */

/* "  Label: value", continuation lines of a long text indented; nothing
 * for an empty value. */
static void
append_value (GString    *out,
              const char *label,
              const char *value)
{
  g_auto(GStrv) lines = NULL;

  if (value == NULL || *value == '\0')
    return;
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == 0)
        g_string_append_printf (out, "  %s: %s\n", label, lines[i]);
      else
        g_string_append_printf (out, "    %s\n", lines[i]);
    }
}

/* The label of a field in the history, or the field's name. */
static const char *
column_label (const char *column)
{
  const char *label = ld_talk_field_get_label (column);

  return label != NULL ? label : column;
}

static char *
unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] == 'n')
        {
          g_string_append (out, "、");
          p++;
        }
      else if (*p == '\\' && p[1] == '\\')
        {
          g_string_append_c (out, '\\');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A stored value as the history shows it: labels for codes, talkers
 * joined. */
static char *
format_value (const char *column,
              const char *raw)
{
  g_autofree char *value = unescape (raw);

  if (g_str_equal (column, "type") && ld_code_get_label (LD_CODE_TABLE_TALK_TYPE, value) != NULL)
    return g_strdup (ld_code_get_label (LD_CODE_TABLE_TALK_TYPE, value));
  if (g_str_equal (column, "written_required") && value[0] >= '0' && value[0] <= '2' && value[1] == '\0')
    return g_strdup (ld_talk_written_get_label ((LdTalkWritten) (value[0] - '0')));
  return g_steal_pointer (&value);
}

static void
append_history (GString   *out,
                GPtrArray *versions)
{
  g_string_append_printf (out, "\n%s\n", _("History"));
  for (guint i = 0; i < versions->len; i++)
    {
      LdCadreVersion *v = g_ptr_array_index (versions, i);
      g_autofree char *when = ld_cli_format_time (v->time);
      g_auto(GStrv) before = g_strsplit (v->before, "\n", -1);
      g_auto(GStrv) after = g_strsplit (v->after, "\n", -1);
      guint n_before = g_strv_length (before);

      g_string_append_printf (out, "  %lld  %s  %s  %s\n", (long long) v->seq, when, v->account, v->event);
      for (guint j = 0; after[j] != NULL; j++)
        {
          char *eq = strchr (after[j], '=');
          const char *old = NULL;
          g_autofree char *new_value = NULL;

          if (eq == NULL || (i > 0 && g_str_has_prefix (after[j], "reg_no=")))
            continue;
          *eq = '\0';
          new_value = format_value (after[j], eq + 1);
          for (guint k = 0; k < n_before; k++)
            {
              gsize len = strlen (after[j]);

              if (strncmp (before[k], after[j], len) == 0 && before[k][len] == '=')
                old = before[k] + len + 1;
            }
          if (old != NULL)
            {
              g_autofree char *old_value = format_value (after[j], old);

              g_string_append_printf (out, "      %s: %s → %s\n", column_label (after[j]), old_value, new_value);
            }
          else
            g_string_append_printf (out, "      %s: %s\n", column_label (after[j]), new_value);
        }
    }
}

static int
talk_show_run (LdCli               *cli,
               const LdCliCommand  *command,
               char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *unit = NULL;
  g_autofree char *persons = NULL;
  g_autofree char *when = NULL;
  g_autofree char *clue = NULL;
  g_autofree char *measure = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the talk number shown by “talk list”."), &id, &error),
                    error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  talk = ld_talk_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, talk != NULL, error);
  attachments = ld_attachment_repository_list (cli->vault, "talk", id, FALSE, &error);
  REPORT_IF_FAILED (cli, attachments != NULL, error);
  versions = ld_talk_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);

  /* Translators: a talk's registration number, type and record number. */
  g_string_append_printf (out, _("Talk %s: %s (record %lld)\n"), ld_talk_get_reg_no (talk),
                          ld_talk_get_type_label (talk), (long long) id);
  if (ld_talk_get_retired_at (talk) != 0)
    {
      when = ld_cli_format_time (ld_talk_get_retired_at (talk));
      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_talk_get_retired_reason (talk));
    }
  g_string_append_c (out, '\n');
  append_value (out, _("Type"), ld_talk_get_type_code (talk));
  if (*ld_talk_get_talk_time (talk) != '\0')
    {
      g_autofree char *date_time = g_strdup_printf ("%s %s", ld_talk_get_talk_date (talk),
                                                    ld_talk_get_talk_time (talk));
      append_value (out, _("Date"), date_time);
    }
  else
    append_value (out, _("Date"), ld_talk_get_talk_date (talk));
  append_value (out, _("Place"), ld_talk_get_place (talk));
  unit = g_strdup_printf ("%s (%lld)", ld_talk_get_unit_name (talk), (long long) ld_talk_get_unit_id (talk));
  append_value (out, _("Unit"), unit);
  {
    GString *list = g_string_new (NULL);
    guint n = 0;
    const gint64 *ids = ld_talk_get_cadre_ids (talk, &n);
    const char * const *names = ld_talk_get_cadre_name_list (talk);

    for (guint i = 0; i < n; i++)
      g_string_append_printf (list, "%s%s (%lld)", i ? C_("list separator", ", ") : "", names[i],
                              (long long) ids[i]);
    persons = g_string_free (list, FALSE);
  }
  append_value (out, _("Persons talked to"), persons);
  append_value (out, _("Talkers"), ld_talk_get_talkers_text (talk));
  append_value (out, _("Recorder"), ld_talk_get_recorder (talk));
  append_value (out, _("Reason"), ld_talk_get_reason (talk));
  if (ld_talk_get_clue_id (talk) != 0)
    {
      clue = g_strdup_printf ("%s (%lld)", ld_talk_get_clue_reg_no (talk), (long long) ld_talk_get_clue_id (talk));
      append_value (out, _("Clue"), clue);
    }
  append_value (out, _("Problems raised"), ld_talk_get_problems (talk));
  append_value (out, _("Explanation"), ld_talk_get_explanation (talk));
  append_value (out, _("Attitude"), ld_talk_get_attitude (talk));
  append_value (out, _("Written explanation required"),
                ld_talk_written_get_label (ld_talk_get_written_required (talk)));
  append_value (out, _("Written explanation due"), ld_talk_get_written_due (talk));
  append_value (out, _("Written explanation received"), ld_talk_get_written_received (talk));
  append_value (out, _("Follow-up date"), ld_talk_get_followup_date (talk));
  append_value (out, _("Decided measure"), ld_talk_get_outcome (talk));
  if (ld_talk_get_measure_id (talk) != 0)
    {
      measure = g_strdup_printf ("%lld", (long long) ld_talk_get_measure_id (talk));
      append_value (out, _("Measure"), measure);
    }
  append_value (out, _("Registered by"), ld_talk_get_account (talk));

  for (guint i = 0; i < attachments->len; i++)
    {
      LdAttachment *a = g_ptr_array_index (attachments, i);
      g_autofree char *size = ld_attachment_format_size (a->size);

      if (i == 0)
        g_string_append_printf (out, "\n%s\n", _("Attachments"));
      /* Translators: an attachment: its number, file name, size and content type. */
      g_string_append_printf (out, _("  Attachment %lld: %s (%s, %s)\n"), (long long) a->id, a->name, size,
                              a->content_type);
    }
  append_history (out, versions);
  print_sanitized (out->str);
  return 0;
}

/* --- talk coverage ------------------------------------------------------------------- */

static char *
ratio (guint part,
       guint whole)
{
  if (whole == 0)
    return g_strdup ("–");
  /* Translators: "3/4 (75%)": how many of how many, and the share. */
  return g_strdup_printf (_("%u/%u (%u%%)"), part, whole, (part * 100 + whole / 2) / whole);
}

static int
talk_coverage_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDate) as_of = NULL;
  int year = g_date_time_get_year (now);
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year_text, N_("The year (default: this year)"), N_("YEAR") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Count newly promoted cadres at this date (default: today or the end of the year)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (year_text != NULL)
    REPORT_IF_FAILED (cli, parse_year (year_text, &year, &error), error);
  if (as_of_text != NULL)
    {
      unsigned y = 0, m = 0, d = 0;
      int end = 0;

      if (sscanf (as_of_text, "%4u-%2u-%2u%n", &y, &m, &d, &end) != 3 || as_of_text[end] != '\0'
          || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        {
          g_autofree char *shown = ld_cli_text_sanitize (as_of_text);

          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a date. Write it as YYYY-MM-DD."), shown);
          return ld_cli_report_error (cli, error);
        }
      as_of = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  rows = ld_talk_repository_coverage (cli->vault, year, as_of, &error);
  REPORT_IF_FAILED (cli, rows != NULL, error);

  table = ld_cli_table_new (6, C_("column", "ID"), C_("column", "Unit"),
                            C_("column", "Top leaders with a supervision talk"),
                            C_("column", "Newly promoted with a pre-appointment talk"),
                            C_("column", "Talks"), C_("column", "Cadres talked to"));
  ld_cli_table_set_right_aligned (table, 0);
  ld_cli_table_set_right_aligned (table, 4);
  ld_cli_table_set_right_aligned (table, 5);
  for (guint i = 0; i < rows->len; i++)
    {
      LdTalkCoverageRow *row = g_ptr_array_index (rows, i);
      g_autofree char *id = row->unit_id ? g_strdup_printf ("%lld", (long long) row->unit_id) : g_strdup ("");
      g_autofree char *top = ratio (row->top_leaders_talked, row->top_leaders);
      g_autofree char *promoted = ratio (row->newly_promoted_talked, row->newly_promoted);
      g_autofree char *talks = g_strdup_printf ("%u", row->talks);
      g_autofree char *talked = g_strdup_printf ("%u", row->cadres_talked);

      ld_cli_table_add_row (table, id, row->unit_id ? row->unit_name : C_("coverage", "Total"), top, promoted, talks,
                            talked);
    }
  text = ld_cli_table_to_string (table);
  /* Translators: the heading of `talk coverage`; %d is the year. */
  g_print (_("Talk coverage in %d\n"), year);
  g_print ("%s", text);
  return 0;
}

/* --- The commands ----------------------------------------------------------------- */

static const LdCliCommand talk_commands[] = {
  {
    "talk", "add",
    N_("--type TYPE --date DATE --cadre ID [--cadre ID…] [--talker NAME…] [OPTION…]"),
    N_("Register a talk and print its number."),
    N_("A talk held by the discipline organ needs at least two talkers: with fewer, the talk is registered and a "
       "warning is printed. --cadre and --talker may be repeated; a collective talk names every cadre."),
    0, 0, talk_add_run, talk_types_help,
  },
  {
    "talk", "set",
    N_("ID [--written-received DATE] [OPTION…]"),
    N_("Change a talk; every change is kept in its history."),
    N_("Options take the same values as “talk add”; an empty value clears a field. --cadre and --talker replace "
       "the whole list."),
    1, 1, talk_set_run, talk_types_help,
  },
  {
    "talk", "list",
    N_("[--unit ID] [--year YEAR] [--cadre ID] [--type TYPE] [--clue ID] [--text TEXT] [--all] [--limit N]"),
    N_("List talks, newest first, one tab-separated line each."),
    NULL,
    0, 0, talk_list_run,
  },
  {
    "talk", "show",
    N_("ID"),
    N_("Show a talk with its attachments and history."),
    NULL,
    1, 1, talk_show_run,
  },
  {
    "talk", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a talk. Talks are never deleted."),
    NULL,
    1, 1, talk_retire_run,
  },
  {
    "talk", "attach",
    N_("ID FILE"),
    N_("Store a file (the signed talk record, at most 20 MB) in the vault with a talk."),
    NULL,
    2, 2, talk_attach_run,
  },
  {
    "talk", "coverage",
    N_("[--year YEAR] [--as-of DATE]"),
    N_("Show per unit how many top leaders had a supervision talk and how many newly promoted cadres had a "
       "pre-appointment talk."),
    NULL,
    0, 0, talk_coverage_run,
  },
  {
    "talk", "types",
    "",
    N_("List the types of talk: code, name, talkers needed, form of a resulting measure."),
    NULL,
    0, 0, talk_types_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_talk_commands (void)
{
  return talk_commands;
}
