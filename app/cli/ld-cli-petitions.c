/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-petitions"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-petition-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <string.h>

/* `petition add|set|list|show|reveal|reporter|move|notice|feedback|
 * candidates|repeat|retire|codes`. The reporter's identity is printed by
 * `petition reveal` only; every other output shows it masked. */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

#define PETITION_HINT _("Give the petition number or the registration number shown by “petition list”.")

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

/* A petition given by its number or its registration number ("2026-0001"). */
static gboolean
resolve_petition (LdCli       *cli,
                  const char  *text,
                  gint64      *id,
                  GError     **error)
{
  g_autoptr(LdPetition) petition = NULL;

  if (text == NULL || strchr (text, '-') == NULL)
    return parse_id (text, PETITION_HINT, id, error);
  petition = ld_petition_repository_find_by_reg_no (cli->vault, text, error);
  if (petition == NULL)
    return FALSE;
  *id = ld_petition_get_id (petition);
  return TRUE;
}

/* The code of a table for a code or one of its names (given on the command
 * line); NULL with a usage error naming the codes. */
static const char *
find_code (const char  *table,
           const char  *text,
           const char  *option,
           GError     **error)
{
  const char *code;
  g_autoptr(GString) codes = g_string_new (NULL);
  const LdCode *rows;
  guint n = 0;

  code = ld_code_get_label (table, text) != NULL ? text : ld_code_find_by_label (table, text);
  if (code != NULL)
    {
      rows = ld_code_table_get (table, &n);
      for (guint i = 0; i < n; i++)
        if (g_str_equal (rows[i].code, code))
          return rows[i].code;
    }
  rows = ld_code_table_get (table, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (codes, "%s%s", i ? ", " : "", rows[i].code);
  {
    g_autofree char *shown = ld_cli_text_sanitize (text);

    /* Translators: %s are an option, what was typed and the codes allowed. */
    g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("%s: “%s” is unknown. Use one of: %s (see “petition codes”)."),
                 option, shown, codes->str);
  }
  return NULL;
}

static gboolean
read_text_file (const char  *path_utf8,
                char       **text,
                GError     **error)
{
  g_autofree char *path = g_filename_from_utf8 (path_utf8, -1, NULL, NULL, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path != NULL ? path : path_utf8, &contents, NULL, &local_error))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Could not read the text file: %s"), local_error->message);
      return FALSE;
    }
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (path_utf8);

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The text file %s is not UTF-8 text. Save it as UTF-8 and try again."), shown);
      return FALSE;
    }
  *text = g_steal_pointer (&contents);
  return TRUE;
}

/* "NAME[,UNIT[,POST]]" (a full-width comma also separates). */
static void
add_person (LdPetitionSpec *spec,
            const char     *text)
{
  g_autofree char *normal = NULL;
  g_auto(GStrv) parts = NULL;
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF0C)   /* ， */
        g_string_append_c (s, ',');
      else
        g_string_append_unichar (s, c);
    }
  normal = g_string_free (s, FALSE);
  parts = g_strsplit (normal, ",", 3);
  ld_petition_spec_add_person (spec, parts[0], parts[0] != NULL ? parts[1] : NULL,
                               parts[0] != NULL && parts[1] != NULL ? parts[2] : NULL);
}

static gboolean
parse_ids (char         **texts,
           const char    *hint,
           GArray        *ids,
           GError       **error)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      gint64 id = 0;

      if (!parse_id (texts[i], hint, &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
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
print_candidates (GPtrArray *candidates,
                  GArray    *scores,
                  gint64     id)
{
  if (candidates == NULL || candidates->len == 0)
    return;
  for (guint i = 0; i < candidates->len; i++)
    {
      LdPetition *c = g_ptr_array_index (candidates, i);
      g_autofree char *summary = ld_cli_text_sanitize (ld_petition_get_summary (c));
      int percent = scores != NULL ? (int) (g_array_index (scores, double, i) * 100 + 0.5) : 0;

      /* Translators: a possible repeat report: registration number, petition number, similarity, summary. */
      g_print (_("Possible repeat of %s (number %lld, %d%% similar): %s\n"), ld_petition_get_reg_no (c),
               (long long) ld_petition_get_id (c), percent, summary);
    }
  if (id > 0)
    g_print (_("If it repeats an earlier report, confirm with “petition repeat %lld --of NUMBER”.\n"),
             (long long) id);
}

/* --- petition add / set --------------------------------------------------------------- */

typedef struct
{
  char      *kind;
  char      *channel;
  char      *received;
  gboolean   real_name;
  gboolean   anonymous;
  char      *reporter_name;
  char      *reporter_unit;
  char      *reporter_contact;
  char      *reporter_address;
  char      *reporter_id;
  char     **cadres;
  char     **persons;
  char     **units;
  char      *categories;
  char      *summary;
  char      *text_file;
  char      *routing;
  char      *routed_to;
  char      *routed_date;
} SpecOptions;

static void
spec_options_clear (SpecOptions *o)
{
  g_free (o->kind);
  g_free (o->channel);
  g_free (o->received);
  g_free (o->reporter_name);
  g_free (o->reporter_unit);
  g_free (o->reporter_contact);
  g_free (o->reporter_address);
  g_free (o->reporter_id);
  g_strfreev (o->cadres);
  g_strfreev (o->persons);
  g_strfreev (o->units);
  g_free (o->categories);
  g_free (o->summary);
  g_free (o->text_file);
  g_free (o->routing);
  g_free (o->routed_to);
  g_free (o->routed_date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpecOptions, spec_options_clear)

#define SPEC_OPTION_ENTRIES(o) \
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &(o).kind, N_("Kind: accusation, appeal, suggestion, other"), N_("KIND") }, \
  { "channel", 'c', 0, G_OPTION_ARG_STRING, &(o).channel, N_("Channel or source (see “petition codes”)"), N_("CODE") }, \
  { "received", 'r', 0, G_OPTION_ARG_STRING, &(o).received, N_("Received date"), N_("DATE") }, \
  { "real-name", 0, 0, G_OPTION_ARG_NONE, &(o).real_name, N_("The reporter gave a real name"), NULL }, \
  { "reporter-name", 0, 0, G_OPTION_ARG_STRING, &(o).reporter_name, N_("The reporter's name"), N_("NAME") }, \
  { "reporter-unit", 0, 0, G_OPTION_ARG_STRING, &(o).reporter_unit, N_("The reporter's unit"), N_("TEXT") }, \
  { "reporter-contact", 0, 0, G_OPTION_ARG_STRING, &(o).reporter_contact, N_("The reporter's contact"), N_("TEXT") }, \
  { "reporter-address", 0, 0, G_OPTION_ARG_STRING, &(o).reporter_address, N_("The reporter's address"), N_("TEXT") }, \
  { "reporter-id-number", 0, 0, G_OPTION_ARG_STRING, &(o).reporter_id, N_("The reporter's ID number"), N_("NUMBER") }, \
  { "cadre", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).cadres, N_("A cadre reported (repeatable)"), N_("ID") }, \
  { "person", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(o).persons, N_("A person reported who is not on file (repeatable)"), \
    N_("NAME[,UNIT[,POST]]") }, \
  { "unit", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &(o).units, N_("A unit concerned; the first owns the record (repeatable)"), \
    N_("ID") }, \
  { "category", 0, 0, G_OPTION_ARG_STRING, &(o).categories, N_("Problem categories, comma-separated"), N_("CODES") }, \
  { "summary", 's', 0, G_OPTION_ARG_STRING, &(o).summary, N_("One-line summary"), N_("TEXT") }, \
  { "text-file", 0, 0, G_OPTION_ARG_FILENAME, &(o).text_file, N_("The full text, from a UTF-8 file"), N_("FILE") }, \
  { "routing", 0, 0, G_OPTION_ARG_STRING, &(o).routing, N_("local, up or down"), N_("ROUTING") }, \
  { "routed-to", 0, 0, G_OPTION_ARG_STRING, &(o).routed_to, N_("The organ it is forwarded to"), N_("TEXT") }, \
  { "routed-date", 0, 0, G_OPTION_ARG_STRING, &(o).routed_date, N_("The date it was forwarded"), N_("DATE") }

static void
replace (char       **field,
         const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Puts the options that were given over the spec. */
static gboolean
apply_options (LdCli           *cli,
               SpecOptions     *o,
               LdPetitionSpec  *spec,
               gboolean         is_new,
               GError         **error)
{
  replace (&spec->kind, o->kind);
  replace (&spec->channel, o->channel);
  replace (&spec->received_date, o->received);
  replace (&spec->categories, o->categories);
  replace (&spec->summary, o->summary);
  replace (&spec->routing, o->routing);
  replace (&spec->routed_to, o->routed_to);
  replace (&spec->routed_date, o->routed_date);
  if (o->real_name)
    spec->real_name = TRUE;
  if (o->anonymous)
    spec->real_name = FALSE;
  if (o->text_file != NULL)
    {
      g_autofree char *text = NULL;

      if (!read_text_file (o->text_file, &text, error))
        return FALSE;
      g_free (spec->full_text);
      spec->full_text = g_steal_pointer (&text);
    }
  if (is_new && (o->reporter_name || o->reporter_unit || o->reporter_contact || o->reporter_address
                 || o->reporter_id))
    {
      g_autoptr(LdReporter) reporter = ld_reporter_new (o->reporter_name, o->reporter_unit, o->reporter_contact,
                                                        o->reporter_address, o->reporter_id);

      ld_petition_spec_set_reporter (spec, reporter);
    }
  if (o->units != NULL)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!parse_ids (o->units, _("Give the unit number shown by “unit list”."), ids, error))
        return FALSE;
      spec->unit_id = 0;
      g_array_set_size (spec->more_unit_ids, 0);
      for (guint i = 0; i < ids->len; i++)
        ld_petition_spec_add_unit (spec, g_array_index (ids, gint64, i));
    }
  if (o->cadres != NULL || o->persons != NULL)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!parse_ids (o->cadres, _("Give the record number shown by “cadre list”."), ids, error))
        return FALSE;
      g_ptr_array_set_size (spec->persons, 0);
      for (guint i = 0; i < ids->len; i++)
        ld_petition_spec_add_cadre (spec, g_array_index (ids, gint64, i));
      for (guint i = 0; o->persons != NULL && o->persons[i] != NULL; i++)
        add_person (spec, o->persons[i]);
    }
  /* Without --unit, a new petition belongs to the unit of the first cadre. */
  if (is_new && spec->unit_id == 0)
    {
      for (guint i = 0; i < spec->persons->len; i++)
        {
          LdPetitionPerson *person = g_ptr_array_index (spec->persons, i);
          g_autoptr(GPtrArray) cadres = NULL;

          if (person->cadre_id <= 0)
            continue;
          cadres = ld_cadre_repository_get_many (cli->vault, &person->cadre_id, 1, error);
          if (cadres == NULL)
            return FALSE;
          if (cadres->len == 0)
            {
              g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                           _("There is no cadre record number %lld in your scope. Check the number with "
                             "“cadre list”."),
                           (long long) person->cadre_id);
              return FALSE;
            }
          spec->unit_id = ld_cadre_get_unit_id (cadres->pdata[0]);
          break;
        }
      if (spec->unit_id == 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                               _("Say which unit the petition concerns with --unit ID (or name a cadre with "
                                 "--cadre ID: the petition then belongs to the cadre's unit)."));
          return FALSE;
        }
    }
  return TRUE;
}

static int
petition_add_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(SpecOptions) o = { 0 };
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autofree char *reg_no = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    SPEC_OPTION_ENTRIES (o),
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (o.kind, "--kind KIND", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.channel, "--channel CODE", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.received, "--received DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.summary, "--summary TEXT", &error), error);
  ld_petition_spec_init (&spec);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, apply_options (cli, &o, &spec, TRUE, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_create (cli->vault, &spec, &id, &reg_no, &error), error);
  g_print ("%lld\t%s\n", (long long) id, reg_no);
  candidates = ld_petition_repository_repeat_candidates_for_spec (cli->vault, &spec, id, &scores, &error);
  REPORT_IF_FAILED (cli, candidates != NULL, error);
  print_candidates (candidates, scores, id);
  return 0;
}

static int
petition_set_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(SpecOptions) o = { 0 };
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(LdPetition) petition = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    SPEC_OPTION_ENTRIES (o),
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &o.anonymous, N_("The report is anonymous after all"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (o.reporter_name || o.reporter_unit || o.reporter_contact || o.reporter_address || o.reporter_id)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Correct the reporter's identity with “petition reporter”."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  petition = ld_petition_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, petition != NULL, error);
  ld_petition_spec_init_from_petition (&spec, petition);
  REPORT_IF_FAILED (cli, apply_options (cli, &o, &spec, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

static int
petition_reporter_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(SpecOptions) o = { 0 };
  g_autoptr(LdReporter) reporter = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.reporter_name, N_("The reporter's name"), N_("NAME") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o.reporter_unit, N_("The reporter's unit"), N_("TEXT") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &o.reporter_contact, N_("The reporter's contact"), N_("TEXT") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &o.reporter_address, N_("The reporter's address"), N_("TEXT") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &o.reporter_id, N_("The reporter's ID number"), N_("NUMBER") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  reporter = ld_reporter_new (o.reporter_name, o.reporter_unit, o.reporter_contact, o.reporter_address,
                              o.reporter_id);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_set_reporter (cli->vault, id, reporter, &error), error);
  return 0;
}

/* --- petition list ------------------------------------------------------------------- */

static int
petition_list_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *status = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *text = NULL;
  gboolean repeats = FALSE, no_repeats = FALSE, all = FALSE;
  int year = 0, limit = 0, offset = 0;
  LdPetitionFilter filter = { 0 };
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units below it"), N_("ID") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only this status"), N_("STATUS") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Only received in this year"), N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Received on or after"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Received on or before"), N_("DATE") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("Only this kind"), N_("KIND") },
    { "channel", 'c', 0, G_OPTION_ARG_STRING, &channel, N_("Only this channel"), N_("CODE") },
    { "cadre", 0, 0, G_OPTION_ARG_STRING, &cadre, N_("Only those reporting this cadre"), N_("ID") },
    { "repeats", 0, 0, G_OPTION_ARG_NONE, &repeats, N_("Only confirmed repeats"), NULL },
    { "no-repeats", 0, 0, G_OPTION_ARG_NONE, &no_repeats, N_("Without the confirmed repeats"), NULL },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("Text in the number, summary, full text or persons reported"),
      N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired petitions"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N petitions"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N petitions"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &filter.unit_id, &error),
                      error);
  if (cadre != NULL)
    REPORT_IF_FAILED (cli, parse_id (cadre, _("Give the record number shown by “cadre list”."), &filter.cadre_id,
                                     &error), error);
  if (status != NULL)
    {
      filter.status = find_code (LD_CODE_TABLE_PETITION_STATUS, status, "--status", &error);
      REPORT_IF_FAILED (cli, filter.status != NULL, error);
    }
  if (kind != NULL)
    {
      filter.kind = find_code (LD_CODE_TABLE_PETITION_KIND, kind, "--kind", &error);
      REPORT_IF_FAILED (cli, filter.kind != NULL, error);
    }
  if (channel != NULL)
    {
      filter.channel = find_code (LD_CODE_TABLE_CHANNEL, channel, "--channel", &error);
      REPORT_IF_FAILED (cli, filter.channel != NULL, error);
    }
  if (repeats && no_repeats)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("Give --repeats or --no-repeats, not both."));
      return ld_cli_report_error (cli, error);
    }
  if (limit < 0 || offset < 0 || year < 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("--year, --limit and --offset take a number of 0 or more."));
      return ld_cli_report_error (cli, error);
    }
  filter.repeats = repeats ? LD_PETITION_REPEATS_ONLY : no_repeats ? LD_PETITION_REPEATS_NONE
                                                                   : LD_PETITION_REPEATS_ANY;
  filter.year = year;
  filter.date_from = from;
  filter.date_to = to;
  filter.text = text;
  filter.include_retired = all;
  filter.limit = (guint) limit;
  filter.offset = (guint) offset;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_petition_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Number, registration number, received, kind, channel, unit, reporter
   * (masked), persons reported, status, first report of a repeat,
   * summary, active or retired. */
  for (guint i = 0; i < list->len; i++)
    {
      LdPetition *p = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_petition_get_id (p));

      append_cell (line, id);
      append_cell (line, ld_petition_get_reg_no (p));
      append_cell (line, ld_petition_get_received_date (p));
      append_cell (line, ld_petition_get_kind_label (p));
      append_cell (line, ld_petition_get_channel_label (p));
      append_cell (line, ld_petition_get_unit_name (p));
      append_cell (line, ld_petition_get_reporter_masked (p));
      append_cell (line, ld_petition_get_persons_text (p));
      append_cell (line, ld_petition_get_status_label (p));
      append_cell (line, ld_petition_get_repeat_of_reg_no (p));
      append_cell (line, ld_petition_get_summary (p));
      append_cell (line, ld_petition_get_retired_at (p) ? C_("petition state", "retired")
                                                        : C_("petition state", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

/* --- petition show ------------------------------------------------------------------- */

static void
append_value (GString    *out,
              const char *label,
              const char *value)
{
  g_autofree char *safe = NULL;
  g_auto(GStrv) lines = NULL;

  if (value == NULL || *value == '\0')
    return;
  safe = ld_cli_text_sanitize (value);
  lines = g_strsplit (safe, "\\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == 0)
        g_string_append_printf (out, "  %s: %s\n", label, lines[i]);
      else
        g_string_append_printf (out, "    %s\n", lines[i]);
    }
}

static const char *
field_label (const char *key)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "reg_no", N_("Registration number") },
    { "status", N_("Status") },
    { "unit_id", N_("Unit") },
    { "more_units", N_("Further units") },
    { "kind", N_("Kind") },
    { "channel", N_("Channel") },
    { "received_date", N_("Received") },
    { "real_name", N_("Real name") },
    { "reporter", N_("Reporter") },
    { "persons", N_("Persons reported") },
    { "categories", N_("Problem categories") },
    { "summary", N_("Summary") },
    { "full_text", N_("Full text") },
    { "routing", N_("Routing") },
    { "routed_to", N_("Forwarded to") },
    { "routed_date", N_("Forwarded on") },
    { "repeat_of", N_("Repeat of") },
    { "repeats_moved_to_first", N_("Repeats moved to the first report") },
    { "accept_notice_date", N_("Acceptance notice sent") },
    { "closed_date", N_("Closed") },
    { "result", N_("Result") },
    { "feedback_date", N_("Feedback given") },
    { "feedback_mode", N_("Feedback by") },
    { "objection_note", N_("Objection") },
    { "retired_reason", N_("Reason for retiring") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);
  return key;
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
      g_autofree char *account = ld_cli_text_sanitize (v->account);
      guint n_before = g_strv_length (before);

      g_string_append_printf (out, "  %lld  %s  %s  %s\n", (long long) v->seq, when, account,
                              ld_audit_event_get_label (v->event));
      for (guint j = 0; after[j] != NULL; j++)
        {
          char *eq = strchr (after[j], '=');
          const char *old = NULL;
          g_autofree char *new_value = NULL;

          if (eq == NULL)
            continue;
          *eq = '\0';
          if (g_str_equal (after[j], "reporter"))
            {
              g_string_append_printf (out, "      %s\n", _("Reporter changed"));
              continue;
            }
          new_value = ld_cli_text_sanitize (eq + 1);
          for (guint k = 0; k < n_before; k++)
            {
              gsize len = strlen (after[j]);

              if (strncmp (before[k], after[j], len) == 0 && before[k][len] == '=')
                old = before[k] + len + 1;
            }
          if (old != NULL)
            {
              g_autofree char *old_value = ld_cli_text_sanitize (old);

              g_string_append_printf (out, "      %s: %s → %s\n", field_label (after[j]), old_value, new_value);
            }
          else
            g_string_append_printf (out, "      %s: %s\n", field_label (after[j]), new_value);
        }
    }
}

static int
petition_show_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) p = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *repeats = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  p = ld_petition_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, p != NULL, error);
  versions = ld_petition_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);

  /* Translators: the heading of `petition show`: registration number and summary. */
  g_string_append_printf (out, _("Petition %s (number %lld)\n"), ld_petition_get_reg_no (p), (long long) id);
  append_value (out, _("Status"), ld_petition_get_status_label (p));
  append_value (out, _("Kind"), ld_petition_get_kind_label (p));
  append_value (out, _("Channel"), ld_petition_get_channel_label (p));
  append_value (out, _("Received"), ld_petition_get_received_date (p));
  append_value (out, _("Units"), ld_petition_get_units (p));
  append_value (out, _("Reporter"), ld_petition_get_reporter_masked (p));
  append_value (out, _("Reporter's unit"), ld_petition_get_reporter_unit_masked (p));
  append_value (out, _("Reporter's contact"), ld_petition_get_reporter_contact_masked (p));
  append_value (out, _("Reporter's address"), ld_petition_get_reporter_address_masked (p));
  append_value (out, _("Persons reported"), ld_petition_get_persons_text (p));
  append_value (out, _("Problem categories"), ld_petition_get_categories_label (p));
  append_value (out, _("Summary"), ld_petition_get_summary (p));
  append_value (out, _("Full text"), ld_petition_get_full_text (p));
  if (!g_str_equal (ld_petition_get_routing (p), "local") || *ld_petition_get_routed_to (p) != '\0')
    {
      append_value (out, _("Routing"), ld_petition_get_routing_label (p));
      append_value (out, _("Forwarded to"), ld_petition_get_routed_to (p));
      append_value (out, _("Forwarded on"), ld_petition_get_routed_date (p));
    }
  append_value (out, _("Repeat of"), ld_petition_get_repeat_of_reg_no (p));
  if (ld_petition_get_n_repeats (p) > 0)
    {
      repeats = g_strdup_printf ("%u", ld_petition_get_n_repeats (p));
      append_value (out, _("Repeats"), repeats);
    }
  append_value (out, _("Acceptance notice sent"), ld_petition_get_accept_notice_date (p));
  append_value (out, _("Closed"), ld_petition_get_closed_date (p));
  append_value (out, _("Result"), ld_petition_get_result_label (p));
  append_value (out, _("Feedback given"), ld_petition_get_feedback_date (p));
  append_value (out, _("Feedback by"), ld_petition_get_feedback_mode (p));
  append_value (out, _("Objection"), ld_petition_get_objection_note (p));
  append_value (out, _("Reason for retiring"), ld_petition_get_retired_reason (p));
  append_history (out, versions);
  g_print ("%s", out->str);
  return 0;
}

/* --- petition reveal ----------------------------------------------------------------- */

static int
petition_reveal_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdReporter) reporter = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *reason = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why the identity is needed (required, audited)"),
      N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_reveal_reporter (cli->vault, id, reason, &reporter, &error), error);
  if (reporter == NULL)
    {
      g_print ("%s\n", _("No reporter identity is stored for this petition."));
      return 0;
    }
  append_value (out, _("Name"), reporter->name);
  append_value (out, _("Unit"), reporter->unit);
  append_value (out, _("Contact"), reporter->contact);
  append_value (out, _("Address"), reporter->address);
  append_value (out, _("ID number"), reporter->id_number);
  g_print ("%s", out->str);
  /* The identity leaves no copy behind in this process. */
  memset (out->str, 0, out->len);
  return 0;
}

/* --- petition move / notice / feedback ----------------------------------------------------- */

static int
petition_move_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *result = NULL;
  g_autofree char *routing = NULL;
  g_autofree char *routed_to = NULL;
  LdPetitionMove move = { 0 };
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date,
      N_("accepted: notice sent; routed: forwarded; closed: closing date"), N_("DATE") },
    { "result", 0, 0, G_OPTION_ARG_STRING, &result, N_("closed: founded, partly, unfounded or uncheckable"),
      N_("RESULT") },
    { "routing", 0, 0, G_OPTION_ARG_STRING, &routing, N_("routed: up or down"), N_("ROUTING") },
    { "routed-to", 0, 0, G_OPTION_ARG_STRING, &routed_to, N_("routed: the organ it is forwarded to"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  move.status = (*args)[1];
  if (ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, move.status) == NULL)
    {
      move.status = find_code (LD_CODE_TABLE_PETITION_STATUS, (*args)[1], "STATUS", &error);
      REPORT_IF_FAILED (cli, move.status != NULL, error);
    }
  move.date = date;
  move.result = result;
  move.routing = routing;
  move.routed_to = routed_to;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_move (cli->vault, id, &move, &error), error);
  return 0;
}

static int
petition_notice_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The day the acceptance notice was sent"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_set_accept_notice (cli->vault, id, date, &error), error);
  return 0;
}

static int
petition_feedback_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *objection = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The day the result was told to the reporter"), N_("DATE") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode, N_("How: by phone, in person, by letter …"), N_("TEXT") },
    { "objection", 0, 0, G_OPTION_ARG_STRING, &objection, N_("The reporter's objection and how it was explained"),
      N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (mode, "--mode TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_set_feedback (cli->vault, id, date, mode, objection, &error), error);
  return 0;
}

/* --- petition candidates / repeat / retire ------------------------------------------------- */

static int
petition_candidates_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GArray) scores = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  candidates = ld_petition_repository_repeat_candidates (cli->vault, id, &scores, &error);
  REPORT_IF_FAILED (cli, candidates != NULL, error);
  print_candidates (candidates, scores, id);
  return 0;
}

static int
petition_repeat_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) p = NULL;
  g_autofree char *of = NULL;
  gint64 id = 0, first = 0;
  const GOptionEntry entries[] = {
    { "of", 0, 0, G_OPTION_ARG_STRING, &of, N_("The earlier report it repeats"), N_("NUMBER") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (of, "--of NUMBER", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, of, &first, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_mark_repeat (cli->vault, id, first, &error), error);
  p = ld_petition_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, p != NULL, error);
  /* Translators: after confirming a repeat: its number and the first report's. */
  g_print (_("%s is filed as a repeat of %s.\n"), ld_petition_get_reg_no (p), ld_petition_get_repeat_of_reg_no (p));
  return 0;
}

static int
petition_retire_run (LdCli               *cli,
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
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, resolve_petition (cli, (*args)[0], &id, &error), error);
  REPORT_IF_FAILED (cli, ld_petition_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- petition codes ------------------------------------------------------------------ */

static void
append_table (GString    *out,
              const char *title,
              const char *table)
{
  const LdCode *rows;
  guint n = 0;

  rows = ld_code_table_get (table, &n);
  g_string_append_printf (out, "%s\n", title);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "  %-16s %s\n", rows[i].code, rows[i].label);
}

static char *
codes_text (void)
{
  GString *out = g_string_new (NULL);

  append_table (out, _("Kinds (--kind):"), LD_CODE_TABLE_PETITION_KIND);
  append_table (out, _("Channels and sources (--channel):"), LD_CODE_TABLE_CHANNEL);
  append_table (out, _("Problem categories (--category, comma-separated):"), LD_CODE_TABLE_PROBLEM_CATEGORY);
  append_table (out, _("Routing (--routing):"), LD_CODE_TABLE_ROUTING);
  append_table (out, _("Statuses (petition move):"), LD_CODE_TABLE_PETITION_STATUS);
  append_table (out, _("Results (petition move ID closed --result):"), LD_CODE_TABLE_CLUE_RESULT);
  return g_string_free (out, FALSE);
}

static int
petition_codes_run (LdCli               *cli,
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

static const LdCliCommand petition_commands[] = {
  {
    "petition", "add",
    N_("--kind KIND --channel CODE --received DATE --summary TEXT [--real-name --reporter-name NAME …] "
       "[--cadre ID…] [--person \"NAME[,UNIT[,POST]]\"…] [--unit ID…] [OPTION…]"),
    N_("Register a petition or report; print its number and registration number, and any earlier reports it may "
       "repeat."),
    N_("Without --unit the petition belongs to the unit of the first --cadre. The reporter's identity is kept "
       "apart and shown masked everywhere; only “petition reveal” shows it, to an account with the "
       "reporter-identity grant, and every reveal is audited."),
    0, 0, petition_add_run, codes_text,
  },
  {
    "petition", "set",
    N_("ID [OPTION…]"),
    N_("Change a petition; every change is kept in its history."),
    N_("Options take the same values as “petition add”. --cadre and --person replace the persons reported, "
       "--unit the units concerned. The reporter is corrected with “petition reporter”."),
    1, 1, petition_set_run, codes_text,
  },
  {
    "petition", "reporter",
    N_("ID [--name NAME] [--unit TEXT] [--contact TEXT] [--address TEXT] [--id-number NUMBER]"),
    N_("Replace the reporter's identity of a petition (nothing given clears it)."),
    N_("The history and the audit trail record that the reporter changed, never the values."),
    1, 1, petition_reporter_run,
  },
  {
    "petition", "list",
    N_("[--unit ID] [--status STATUS] [--year YEAR] [--from DATE] [--to DATE] [--kind KIND] [--channel CODE] "
       "[--cadre ID] [--repeats|--no-repeats] [--text TEXT] [--all] [--limit N] [--offset N]"),
    N_("List petitions, newest first, one tab-separated line each (the reporter masked)."),
    N_("Columns: number, registration number, received, kind, channel, unit, reporter, persons reported, status, "
       "first report (of a repeat), summary, state."),
    0, 0, petition_list_run,
  },
  {
    "petition", "show",
    N_("ID"),
    N_("Show a petition with its history (the reporter masked)."),
    NULL,
    1, 1, petition_show_run,
  },
  {
    "petition", "reveal",
    N_("ID --reason TEXT"),
    N_("Show the reporter's identity (needs the reporter-identity grant; audited with the reason)."),
    NULL,
    1, 1, petition_reveal_run,
  },
  {
    "petition", "move",
    N_("ID STATUS [--date DATE] [--result RESULT] [--routing up|down] [--routed-to TEXT]"),
    N_("Move a petition to another status: accepted, routed, filed, not-accepted or closed."),
    N_("registered → accepted, routed, filed or not-accepted; accepted → closed. A move to routed needs --date "
       "and the organ; a move to closed needs --date and --result."),
    2, 2, petition_move_run, codes_text,
  },
  {
    "petition", "notice",
    N_("ID --date DATE"),
    N_("Record the day the acceptance notice was sent to the real-name reporter."),
    NULL,
    1, 1, petition_notice_run,
  },
  {
    "petition", "feedback",
    N_("ID --date DATE --mode TEXT [--objection TEXT]"),
    N_("Record the result feedback to the real-name reporter after closing."),
    NULL,
    1, 1, petition_feedback_run,
  },
  {
    "petition", "candidates",
    N_("ID"),
    N_("List earlier reports this petition may repeat (same person reported, similar text)."),
    NULL,
    1, 1, petition_candidates_run,
  },
  {
    "petition", "repeat",
    N_("ID --of NUMBER"),
    N_("Confirm that a petition repeats an earlier report: it is linked to the first report and filed."),
    NULL,
    1, 1, petition_repeat_run,
  },
  {
    "petition", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a petition. Petitions are never deleted."),
    NULL,
    1, 1, petition_retire_run,
  },
  {
    "petition", "codes",
    "",
    N_("List the kinds, channels, problem categories, routings, statuses and results."),
    NULL,
    0, 0, petition_codes_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_petition_commands (void)
{
  return petition_commands;
}
