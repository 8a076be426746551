/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-measures"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-measure-repository.h"
#include "rules/ld-effect-periods.h"
#include "rules/ld-measure-tables.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* `measure add|set|list|show|lift|extend|appeal|note|retire|forms|form`
 * and `cadre block`. */

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
parse_date (const char  *text,
            GDate       *date,
            GError     **error)
{
  unsigned y = 0, m = 0, d = 0;
  int end = 0;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &end) != 3 || text[end] != '\0'
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a date. Write it as YYYY-MM-DD."), shown);
      return FALSE;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
parse_form (const char  *text,
            int         *form,
            GError     **error)
{
  *form = ld_form_from_string (text);
  if (*form != 0)
    return TRUE;
  {
    g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

    g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not one of the four forms. Write F1, F2, F3 or F4."),
                 shown);
  }
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
print_sanitized (const char *text)
{
  g_autofree char *safe = ld_cli_text_sanitize (text);
  g_auto(GStrv) lines = g_strsplit (safe, "\\n", -1);
  g_autofree char *joined = g_strjoinv ("\n", lines);

  g_print ("%s", joined);
}

static const char * const measure_id_hint = N_("Give the measure number shown by “measure list”.");

/* --- Codes help ------------------------------------------------------------------------ */

static char *
measure_codes_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const LdMeasureCode *codes;
  guint n = 0;

  g_string_append_printf (out, "%s\n", _("Measures (--code), with the form they count under by default:"));
  codes = ld_measure_codes (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "  %-22s %s  %s\n", codes[i].code, ld_form_to_string (codes[i].form),
                            ld_measure_code_get_label (&codes[i]));
  g_string_append_printf (out, "\n%s\n  clue:ID, petition:ID, talk:ID\n", _("Sources (--source):"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
measure_events_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *kinds = ld_measure_event_kinds ();

  g_string_append_printf (out, "%s\n", _("Events of a measure:"));
  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (out, "  %-16s %s\n", kinds[i], ld_measure_event_get_label (kinds[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- measure add / set ------------------------------------------------------------------ */

/* The options of add, set and appeal --result changed. NULL = not given. */
typedef struct
{
  char     *cadre;
  char     *code;
  char     *decided;
  char     *effective;
  char     *authority;
  char     *doc_no;
  char     *source;
  char     *categories;
  char     *facts;
  gboolean  accountability;
  gboolean  no_accountability;
  char     *extension;
} MeasureOptions;

static void
measure_options_clear (MeasureOptions *o)
{
  g_free (o->cadre);
  g_free (o->code);
  g_free (o->decided);
  g_free (o->effective);
  g_free (o->authority);
  g_free (o->doc_no);
  g_free (o->source);
  g_free (o->categories);
  g_free (o->facts);
  g_free (o->extension);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MeasureOptions, measure_options_clear)

#define MEASURE_DECISION_ENTRIES(o)                                                                                \
  { "code", 0, 0, G_OPTION_ARG_STRING, &(o).code, N_("The measure (see the list below)"), N_("CODE") },          \
  { "decided", 'd', 0, G_OPTION_ARG_STRING, &(o).decided, N_("The date of the decision"), N_("YYYY-MM-DD") },    \
  { "effective", 'e', 0, G_OPTION_ARG_STRING, &(o).effective,                                                     \
    N_("The approval (Party) or effective date (government; default: the decision date)"), N_("YYYY-MM-DD") },   \
  { "authority", 0, 0, G_OPTION_ARG_STRING, &(o).authority, N_("The deciding authority"), N_("TEXT") },          \
  { "doc-no", 0, 0, G_OPTION_ARG_STRING, &(o).doc_no, N_("The document number of the decision"), N_("TEXT") }

#define MEASURE_OPTION_ENTRIES(o)                                                                                  \
  MEASURE_DECISION_ENTRIES (o),                                                                                   \
  { "source", 0, 0, G_OPTION_ARG_STRING, &(o).source,                                                             \
    N_("The record it came from: clue:ID, petition:ID or talk:ID (\"\" = none)"), N_("KIND:ID") },              \
  { "categories", 0, 0, G_OPTION_ARG_STRING, &(o).categories, N_("The violation categories, codes separated by commas"), \
    N_("CODES") },                                                                                                \
  { "facts", 0, 0, G_OPTION_ARG_STRING, &(o).facts, N_("The facts found"), N_("TEXT") },                         \
  { "accountability", 0, 0, G_OPTION_ARG_NONE, &(o).accountability, N_("Given as accountability (问责)"), NULL }, \
  { "extension", 0, 0, G_OPTION_ARG_STRING, &(o).extension,                                                       \
    N_("Months the probation within the Party was extended (留党察看 only)"), N_("N") }

static gboolean
parse_source (const char     *text,
              LdMeasureSpec  *spec,
              GError        **error)
{
  g_auto(GStrv) parts = NULL;
  gint64 id = 0;

  if (*text == '\0' || g_str_equal (text, "none"))
    {
      ld_measure_spec_set (&spec->source_type, "");
      spec->source_id = 0;
      return TRUE;
    }
  parts = g_strsplit (text, ":", 2);
  if (parts[0] == NULL || parts[1] == NULL)
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a source. Write clue:ID, petition:ID or talk:ID."), shown);
      return FALSE;
    }
  if (!parse_id (parts[1], _("Give the number shown by “clue list”, “petition list” or “talk list”."), &id, error))
    return FALSE;
  ld_measure_spec_set (&spec->source_type, parts[0]);
  spec->source_id = id;
  return TRUE;
}

static gboolean
apply_options (MeasureOptions  *o,
               LdMeasureSpec   *spec,
               GError         **error)
{
  struct { const char *value; char **member; } texts[] = {
    { o->code, &spec->code },
    { o->decided, &spec->decision_date },
    { o->effective, &spec->effective_date },
    { o->authority, &spec->authority },
    { o->doc_no, &spec->doc_no },
    { o->categories, &spec->categories },
    { o->facts, &spec->facts },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      ld_measure_spec_set (texts[i].member, texts[i].value);
  if (o->cadre != NULL
      && !parse_id (o->cadre, _("Give the record number shown by “cadre list”."), &spec->cadre_id, error))
    return FALSE;
  if (o->source != NULL && !parse_source (o->source, spec, error))
    return FALSE;
  if (o->accountability)
    spec->accountability = TRUE;
  if (o->no_accountability)
    spec->accountability = FALSE;
  if (o->extension != NULL)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (o->extension, 10, 0, 99, &n, NULL))
        {
          g_autofree char *shown = ld_cli_text_sanitize (o->extension);

          g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a number of months."), shown);
          return FALSE;
        }
      spec->extension_months = (int) n;
    }
  return TRUE;
}

static int
measure_add_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(MeasureOptions) o = { 0 };
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autofree char *reg_no = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &o.cadre, N_("The cadre the measure was given to"), N_("ID") },
    MEASURE_OPTION_ENTRIES (o),
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, require_option (o.cadre, "--cadre ID", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.code, "--code CODE", &error), error);
  REPORT_IF_FAILED (cli, require_option (o.decided, "--decided YYYY-MM-DD", &error), error);
  ld_measure_spec_init (&spec);
  REPORT_IF_FAILED (cli, apply_options (&o, &spec, &error), error);
  /* Check the input before asking for the password. */
  REPORT_IF_FAILED (cli, ld_measure_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_create (cli->vault, &spec, &id, &reg_no, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

static int
measure_set_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(MeasureOptions) o = { 0 };
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(LdMeasure) measure = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    MEASURE_OPTION_ENTRIES (o),
    { "no-accountability", 0, 0, G_OPTION_ARG_NONE, &o.no_accountability, N_("Not given as accountability"),
      NULL },
    { NULL }
  };
  gboolean any;

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  any = o.code || o.decided || o.effective || o.authority || o.doc_no || o.source || o.categories || o.facts
        || o.accountability || o.no_accountability || o.extension;
  if (!any)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give at least one option, for example --doc-no TEXT."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  measure = ld_measure_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, measure != NULL, error);
  ld_measure_spec_init_from_measure (&spec, measure);
  REPORT_IF_FAILED (cli, apply_options (&o, &spec, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

/* --- measure list ----------------------------------------------------------------------- */

static int
measure_list_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *form = NULL;
  g_autofree char *code = NULL;
  g_autofree char *status = NULL;
  g_autofree char *category = NULL;
  g_autofree char *text = NULL;
  gboolean accountability = FALSE;
  gboolean all = FALSE;
  gint limit = 0;
  LdMeasureFilter filter;
  GDate date;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only measures of this unit and its sub-units"), N_("ID") },
    { "cadre", 'c', 0, G_OPTION_ARG_STRING, &cadre, N_("Only measures of this cadre"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only decisions on or after this date"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only decisions on or before this date"), N_("YYYY-MM-DD") },
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form, N_("Only measures of this form"), N_("F1..F4") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("Only this measure"), N_("CODE") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("Only this kind: edu, party, gov, org, account, criminal"), N_("KIND") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only in-force, lifted, changed or revoked measures"),
      N_("STATUS") },
    { "accountability", 0, 0, G_OPTION_ARG_NONE, &accountability, N_("Only measures given as accountability"),
      NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Only measures mentioning this text"), N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired measures"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("At most N measures"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  ld_measure_filter_init (&filter);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &filter.unit_id, &error),
                      error);
  if (cadre != NULL)
    REPORT_IF_FAILED (cli, parse_id (cadre, _("Give the record number shown by “cadre list”."), &filter.cadre_id,
                                     &error), error);
  if (from != NULL)
    REPORT_IF_FAILED (cli, parse_date (from, &date, &error), error);
  if (to != NULL)
    REPORT_IF_FAILED (cli, parse_date (to, &date, &error), error);
  if (form != NULL)
    REPORT_IF_FAILED (cli, parse_form (form, &filter.form, &error), error);
  if (limit < 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("--limit takes a positive number."));
      return ld_cli_report_error (cli, error);
    }
  filter.date_from = from;
  filter.date_to = to;
  filter.code = code;
  filter.category = category;
  filter.status = status;
  filter.accountability_only = accountability;
  filter.text = text;
  filter.include_retired = all;
  filter.limit = (guint) limit;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_measure_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Measure, registration number, decision date, effective date, cadre,
   * code, form, kind, status, effect end, unit. */
  for (guint i = 0; i < list->len; i++)
    {
      LdMeasure *m = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_measure_get_id (m));

      append_cell (line, id);
      append_cell (line, ld_measure_get_reg_no (m));
      append_cell (line, ld_measure_get_decision_date (m));
      append_cell (line, ld_measure_get_effective_date (m));
      append_cell (line, ld_measure_get_cadre_name (m));
      append_cell (line, ld_measure_get_code (m));
      append_cell (line, ld_form_to_string (ld_measure_get_form (m)));
      append_cell (line, ld_measure_get_category_code (m));
      append_cell (line, ld_measure_get_retired_at (m) ? C_("measure status", "retired")
                                                       : ld_measure_get_status_code (m));
      append_cell (line, ld_measure_get_effect_end (m));
      append_cell (line, ld_measure_get_unit_name (m));
      g_print ("%s\n", line->str);
    }
  return 0;
}

/* --- measure show ----------------------------------------------------------------------- */

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

static const char *
column_label (const char *column)
{
  const char *label = ld_measure_field_get_label (column);

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
          g_string_append (out, " ");
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

static char *
format_value (const char *column,
              const char *raw)
{
  g_autofree char *value = unescape (raw);

  if (g_str_equal (column, "code"))
    {
      const LdMeasureCode *code = ld_measure_code_find (value);

      if (code != NULL)
        return g_strdup (ld_measure_code_get_label (code));
    }
  if (g_str_equal (column, "form") && ld_form_from_string (value) != 0)
    return g_strdup (ld_form_get_label (ld_form_from_string (value)));
  if (g_str_equal (column, "status") && ld_measure_status_from_string (value) < LD_N_MEASURE_STATUSES)
    return g_strdup (ld_measure_status_get_label (ld_measure_status_from_string (value)));
  if (g_str_equal (column, "event") && ld_measure_event_get_label (value) != NULL)
    return g_strdup (ld_measure_event_get_label (value));
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
measure_show_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMeasure) m = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *cadre = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *form = NULL;
  g_autofree char *status = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  m = ld_measure_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, m != NULL, error);
  events = ld_measure_repository_list_events (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, events != NULL, error);
  versions = ld_measure_repository_versions (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, versions != NULL, error);

  /* Translators: a measure's registration number, its name and record number. */
  g_string_append_printf (out, _("Measure %s: %s (record %lld)\n"), ld_measure_get_reg_no (m),
                          ld_measure_get_code_label (m), (long long) id);
  if (ld_measure_get_retired_at (m) != 0)
    {
      g_autofree char *when = ld_cli_format_time (ld_measure_get_retired_at (m));

      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_measure_get_retired_reason (m));
    }
  g_string_append_c (out, '\n');
  cadre = g_strdup_printf ("%s (%lld)", ld_measure_get_cadre_name (m), (long long) ld_measure_get_cadre_id (m));
  append_value (out, _("Cadre"), cadre);
  unit = g_strdup_printf ("%s (%lld)", ld_measure_get_unit_name (m), (long long) ld_measure_get_unit_id (m));
  append_value (out, _("Unit"), unit);
  append_value (out, _("Code"), ld_measure_get_code (m));
  form = g_strdup_printf ("%s %s", ld_form_to_string (ld_measure_get_form (m)), ld_measure_get_form_label (m));
  append_value (out, _("Form"), form);
  append_value (out, _("Kind"), ld_measure_get_category_label (m));
  append_value (out, _("Decision date"), ld_measure_get_decision_date (m));
  append_value (out, _("Effective date"), ld_measure_get_effective_date (m));
  append_value (out, _("Deciding authority"), ld_measure_get_authority (m));
  append_value (out, _("Document number"), ld_measure_get_doc_no (m));
  append_value (out, _("Source"), ld_measure_get_source_label (m));
  append_value (out, _("Violation categories"), ld_measure_get_categories (m));
  append_value (out, _("Facts"), ld_measure_get_facts (m));
  if (ld_measure_get_accountability (m))
    append_value (out, _("Accountability"), C_("accountability", "yes"));
  if (ld_measure_get_extension_months (m) > 0)
    {
      g_autofree char *months = g_strdup_printf ("%d", ld_measure_get_extension_months (m));

      append_value (out, _("Probation extended (months)"), months);
    }
  if (*ld_measure_get_status_date (m) != '\0')
    status = g_strdup_printf ("%s (%s)", ld_measure_get_status_label (m), ld_measure_get_status_date (m));
  else
    status = g_strdup (ld_measure_get_status_label (m));
  append_value (out, C_("measure field", "Status"), status);
  append_value (out, _("Replaced by"), ld_measure_get_replaced_by_reg_no (m));
  append_value (out, _("Replaces"), ld_measure_get_replaces_reg_no (m));
  append_value (out, _("Effect period ends"), ld_measure_get_effect_end_label (m));
  append_value (out, _("Post level"), ld_measure_get_post_level (m));
  append_value (out, _("Groups"), ld_measure_get_groups (m));
  append_value (out, _("Registered by"), ld_measure_get_account (m));

  for (guint i = 0; i < events->len; i++)
    {
      LdMeasureEvent *e = g_ptr_array_index (events, i);

      if (i == 0)
        g_string_append_printf (out, "\n%s\n", _("Events"));
      g_string_append_printf (out, "  %s  %s", e->event_date, e->kind_label);
      if (*e->new_reg_no != '\0')
        /* Translators: after an appeal event: the new decision's number. */
        g_string_append_printf (out, _(" → new decision %s"), e->new_reg_no);
      if (*e->note != '\0')
        g_string_append_printf (out, "  %s", e->note);
      g_string_append_c (out, '\n');
    }
  append_history (out, versions);
  print_sanitized (out->str);
  return 0;
}

/* --- Events ----------------------------------------------------------------------------- */

static int
event_run (LdCli               *cli,
           const char          *kind,
           gint64               id,
           const char          *date,
           int                  months,
           const char          *note,
           const LdMeasureSpec *decision)
{
  g_autoptr(GError) error = NULL;
  gint64 new_id = 0;

  REPORT_IF_FAILED (cli, require_option (date, "--date YYYY-MM-DD", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_add_event (cli->vault, id, kind, date, months, note, decision,
                                                          &new_id, &error), error);
  if (new_id != 0)
    g_print ("%lld\n", (long long) new_id);
  return 0;
}

static int
measure_lift_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of lifting (required)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  return event_run (cli, "lift", id, date, 0, note, NULL);
}

static int
measure_note_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date (required)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The note (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (note, "--note TEXT", &error), error);
  return event_run (cli, "note", id, date, 0, note, NULL);
}

static int
measure_extend_run (LdCli               *cli,
                    const LdCliCommand  *command,
                    char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  gint months = 0;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "months", 'm', 0, G_OPTION_ARG_INT, &months, N_("Months the probation is extended by (required)"), N_("N") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the extension (required)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (months != 0 ? "" : NULL, "--months N", &error), error);
  return event_run (cli, "extend", id, date, months, note, NULL);
}

static int
measure_appeal_run (LdCli               *cli,
                    const LdCliCommand  *command,
                    char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(MeasureOptions) o = { 0 };
  g_auto(LdMeasureSpec) decision = { 0 };
  g_autofree char *result = NULL;
  g_autofree char *date = NULL;
  g_autofree char *note = NULL;
  g_autofree char *kind = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "result", 'r', 0, G_OPTION_ARG_STRING, &result, N_("The appeal's result: upheld, changed or revoked"),
      N_("RESULT") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date of the appeal decision (required)"),
      N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    MEASURE_DECISION_ENTRIES (o),
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (result, "--result RESULT", &error), error);
  if (!g_str_equal (result, "upheld") && !g_str_equal (result, "changed") && !g_str_equal (result, "revoked"))
    {
      g_autofree char *shown = ld_cli_text_sanitize (result);

      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a result of an appeal. Write upheld, changed or revoked."), shown);
      return ld_cli_report_error (cli, error);
    }
  if (g_str_equal (result, "changed"))
    {
      REPORT_IF_FAILED (cli, require_option (o.code, "--code CODE", &error), error);
      ld_measure_spec_init (&decision);
      REPORT_IF_FAILED (cli, apply_options (&o, &decision, &error), error);
    }
  else if (o.code != NULL || o.decided != NULL || o.effective != NULL || o.authority != NULL || o.doc_no != NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("A new decision (--code and the dates) is given only with --result changed."));
      return ld_cli_report_error (cli, error);
    }
  kind = g_strconcat ("appeal-", result, NULL);
  return event_run (cli, kind, id, date, 0, note, g_str_equal (result, "changed") ? &decision : NULL);
}

static int
measure_retire_run (LdCli               *cli,
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
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _(measure_id_hint), &id, &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- The form table --------------------------------------------------------------------- */

static int
measure_forms_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  rows = ld_measure_repository_list_forms (cli->vault, &error);
  REPORT_IF_FAILED (cli, rows != NULL, error);

  table = ld_cli_table_new (7, C_("column", "Code"), C_("column", "Measure"), C_("column", "Default"),
                            C_("column", "Current"), C_("column", "Disputed"), C_("column", "Source"),
                            C_("column", "Changed because"));
  for (guint i = 0; i < rows->len; i++)
    {
      LdMeasureFormRow *row = g_ptr_array_index (rows, i);

      ld_cli_table_add_row (table, row->code, row->label, ld_form_to_string (row->default_form),
                            ld_form_to_string (row->form),
                            /* Translators: the form of this measure differs between the sources. */
                            row->disputed ? C_("disputed", "disputed") : "", row->source,
                            row->overridden ? row->reason : "");
    }
  text = ld_cli_table_to_string (table);
  print_sanitized (text);
  return 0;
}

static int
measure_form_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean reset = FALSE;
  int form = 0;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why the form is changed (required)"), N_("TEXT") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Count the measure under its default form again"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (reset)
    {
      if ((*args)[1] != NULL)
        {
          g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("Give either a form or --reset, not both."));
          return ld_cli_report_error (cli, error);
        }
      REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
      REPORT_IF_FAILED (cli, ld_measure_repository_reset_form (cli->vault, (*args)[0], &error), error);
      return 0;
    }
  if ((*args)[1] == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Give the form (F1 … F4) the measure counts under, or --reset."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, parse_form ((*args)[1], &form, &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_set_form (cli->vault, (*args)[0], form, reason, &error), error);
  return 0;
}

/* --- cadre block ------------------------------------------------------------------------ */

static int
cadre_block_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdPromotionBlock) block = { 0 };
  g_autofree char *as_of_text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GDate as_of;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("On this date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the record number shown by “cadre list”."), &id, &error),
                    error);
  if (as_of_text != NULL)
    REPORT_IF_FAILED (cli, parse_date (as_of_text, &as_of, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_measure_repository_promotion_block (cli->vault, id, as_of_text ? &as_of : NULL, &block,
                                                                &error), error);
  if (!block.blocked)
    {
      /* Translators: `cadre block`: no measure blocks promotion or further use. */
      g_print ("%s\n", _("not blocked"));
      return 0;
    }
  if (block.permanent)
    /* Translators: `cadre block` when a measure blocks for good (开除) or until decided (停职检查). */
    g_string_append_printf (out, "%s\n", _("blocked permanently because:"));
  else if (block.open_ended || !g_date_valid (&block.until))
    /* A suspension (停职检查) blocks until it is lifted, not for good.
     * Translators: `cadre block` while 停职检查 runs: 解除前不得提拔或者进一步使用，原因： */
    g_string_append_printf (out, "%s\n", _("blocked until lifted because:"));
  else
    {
      char until[16];

      g_snprintf (until, sizeof until, "%04d-%02d-%02d", g_date_get_year (&block.until),
                  g_date_get_month (&block.until), g_date_get_day (&block.until));
      /* Translators: `cadre block`: promotion or further use is blocked before this day (影响期至). */
      g_string_append_printf (out, _("blocked until %s because:"), until);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; block.reasons != NULL && i < block.reasons->len; i++)
    {
      LdBlockReason *reason = g_ptr_array_index (block.reasons, i);

      g_string_append_printf (out, "  %lld  %s\n", (long long) reason->measure_id, reason->text);
    }
  if (block.no_leading_post && g_date_valid (&block.leading_until))
    {
      char until[16];

      g_snprintf (until, sizeof until, "%04d-%02d-%02d", g_date_get_year (&block.leading_until),
                  g_date_get_month (&block.leading_until), g_date_get_day (&block.leading_until));
      /* Translators: `cadre block`: no leading post before this day (责令辞职, 免职). */
      g_string_append_printf (out, _("no leading post until %s"), until);
      g_string_append_c (out, '\n');
    }
  print_sanitized (out->str);
  return 0;
}

/* --- The commands ----------------------------------------------------------------- */

static const LdCliCommand measure_commands[] = {
  {
    "measure", "add",
    N_("--cadre ID --code CODE --decided DATE [--effective DATE] [--source KIND:ID] [OPTION…]"),
    N_("Register a measure (处分处理) and print its number."),
    N_("The form, the kind and the effect period are computed from the code; a Party sanction runs from its "
       "approval (--effective), a government sanction from the decision taking effect."),
    0, 0, measure_add_run, measure_codes_help,
  },
  {
    "measure", "set",
    N_("ID [OPTION…]"),
    N_("Change a measure; every change is kept in its history."),
    N_("Options take the same values as “measure add”; an empty value clears a field."),
    1, 1, measure_set_run, measure_codes_help,
  },
  {
    "measure", "list",
    N_("[--unit ID] [--cadre ID] [--from DATE --to DATE] [--form F1..F4] [--code CODE] [--status STATUS] [--all]"),
    N_("List measures, newest decision first, one tab-separated line each."),
    NULL,
    0, 0, measure_list_run,
  },
  {
    "measure", "show",
    N_("ID"),
    N_("Show a measure with its events, effect period and history."),
    NULL,
    1, 1, measure_show_run,
  },
  {
    "measure", "lift",
    N_("ID --date DATE [--note TEXT]"),
    N_("Record that a measure was lifted (解除)."),
    NULL,
    1, 1, measure_lift_run,
  },
  {
    "measure", "extend",
    N_("ID --months N --date DATE [--note TEXT]"),
    N_("Extend the probation within the Party (留党察看), at most 12 months in all."),
    NULL,
    1, 1, measure_extend_run,
  },
  {
    "measure", "appeal",
    N_("ID --result upheld|changed|revoked --date DATE [--code CODE --decided DATE …]"),
    N_("Record the result of an appeal (申诉); a changed measure is registered anew and its number printed."),
    NULL,
    1, 1, measure_appeal_run, measure_events_help,
  },
  {
    "measure", "note",
    N_("ID --date DATE --note TEXT"),
    N_("Add a note to a measure's events."),
    NULL,
    1, 1, measure_note_run,
  },
  {
    "measure", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a measure entered by mistake. Measures are never deleted."),
    NULL,
    1, 1, measure_retire_run,
  },
  {
    "measure", "forms",
    "",
    N_("List the measures with their default and current form of the four forms."),
    NULL,
    0, 0, measure_forms_run,
  },
  {
    "measure", "form",
    N_("CODE F1..F4 --reason TEXT | CODE --reset"),
    N_("Change the form a measure counts under (system administrator); its measures are counted anew."),
    NULL,
    1, 2, measure_form_run,
  },
  {
    "cadre", "block",
    N_("ID [--as-of DATE]"),
    N_("Say whether a cadre's promotion or further use is blocked by a measure, until when and why."),
    NULL,
    1, 1, cadre_block_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_measure_commands (void)
{
  return measure_commands;
}
