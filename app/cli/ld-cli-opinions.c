/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-opinions"

#include "config.h"

#include "ld-cli.h"

#include "brief/ld-opinion-letter.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-opinion-repository.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* `opinion check|request|run|confirm|decide|approve|letter`: integrity-opinion
 * replies (党风廉政意见回复). */

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

/* "YYYY-MM-DD" into DATE; NULL text leaves DATE invalid (= today). */
static gboolean
parse_date (const char  *text,
            const char  *option,
            GDate       *date,
            GError     **error)
{
  guint64 y = 0, m = 0, d = 0;
  g_auto(GStrv) parts = NULL;

  g_date_clear (date, 1);
  if (text == NULL)
    return TRUE;
  parts = g_strsplit (text, "-", -1);
  if (g_strv_length (parts) != 3
      || !g_ascii_string_to_unsigned (parts[0], 10, 1900, 2999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL)
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      /* Translators: %s is what was typed, the second %s the option (--as-of). */
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a date. Write %s as YYYY-MM-DD."), shown, option);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static const GDate *
date_or_null (const GDate *date)
{
  return g_date_valid (date) ? date : NULL;
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
print_line (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static void
print_line (const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;
  g_autofree char *safe = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  safe = ld_cli_text_sanitize (text);
  g_print ("%s\n", safe);
}

/* Whether TEXT is a list of numbers separated by commas. */
static gboolean
is_id_list (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != ',' && *p != ' ')
      return FALSE;
  return TRUE;
}

static gboolean
add_id_list (const char  *text,
             GArray      *ids,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *clean = g_strstrip (g_strdup (parts[i]));
      gint64 id = 0;

      if (*clean == '\0')
        continue;
      if (!parse_id (clean, _("Give the record numbers shown by “cadre list”."), &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static char *
local_path (const char *utf8)
{
  char *path = g_filename_from_utf8 (utf8, -1, NULL, NULL, NULL);

  return path != NULL ? path : g_strdup (utf8);
}

static void
print_unmatched (LdOpinionCadreMatch *match)
{
  if (match->unmatched->len == 0)
    return;
  g_print ("\n");
  print_line (g_dngettext (GETTEXT_PACKAGE, "%u row of the list was not matched:",
                           "%u rows of the list were not matched:", match->unmatched->len),
              match->unmatched->len);
  for (guint i = 0; i < match->unmatched->len; i++)
    {
      LdOpinionUnmatchedRow *row = g_ptr_array_index (match->unmatched, i);

      /* Translators: an unmatched row of an imported list: the row number,
       * the name, the ID number and why it was not matched. */
      print_line (_("  row %u: %s %s — %s"), row->row_number, row->name, row->id_number,
                  ld_opinion_unmatched_why_get_label (row->why));
    }
}

/* --- opinion check ----------------------------------------------------------------------- */

static void
print_check (LdOpinionCheck *check)
{
  print_line ("%s (%lld) %s %s %s", check->cadre_name, (long long) check->cadre_id, check->id_number,
              check->unit_name, check->post);
  /* Translators: the proposed opinion: its code and its formal wording. */
  print_line (_("  Proposal: %s — %s"), ld_opinion_to_string (check->proposal),
              ld_opinion_get_wording (check->proposal));
  for (guint i = 0; i < check->reasons->len; i++)
    {
      LdOpinionReason *r = g_ptr_array_index (check->reasons, i);

      if (r->record_type != NULL && *r->record_type != '\0')
        print_line ("  - %s [%s %lld]", r->text, r->record_type, (long long) r->record_id);
      else
        print_line ("  - %s", r->text);
    }
}

static int
opinion_check_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) cadres = NULL;
  g_autofree char *as_of_text = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_opinion_cadre_match_free);
  GDate as_of;
  const GOptionEntry entries[] = {
    { "cadres", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &cadres,
      N_("Record numbers (separated by commas) or a list file (xlsx, csv) matched by ID number"), N_("FILE|ID") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Check as of this date (default today)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_date (as_of_text, "--as-of", &as_of, &error), error);
  /* The words after --cadres: more numbers or files. */
  for (guint pass = 0; pass < 2; pass++)
    {
      char **words = pass == 0 ? cadres : *args;

      for (guint i = 0; words != NULL && words[i] != NULL; i++)
        {
          if (is_id_list (words[i]))
            REPORT_IF_FAILED (cli, add_id_list (words[i], ids, &error), error);
          else
            g_ptr_array_add (files, local_path (words[i]));
        }
    }
  if (ids->len == 0 && files->len == 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Name the cadres with --cadres: record numbers or a list file."));
      return ld_cli_report_error (cli, error);
    }

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  /* Read every file first: nothing is checked when one cannot be read. */
  for (guint i = 0; i < files->len; i++)
    {
      LdOpinionCadreMatch *match = ld_opinion_repository_match_file (cli->vault, g_ptr_array_index (files, i), 0,
                                                                     NULL, &error);

      REPORT_IF_FAILED (cli, match != NULL, error);
      g_ptr_array_add (matches, match);
      g_array_append_vals (ids, match->cadre_ids->data, match->cadre_ids->len);
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LdOpinionCheck) check = ld_opinion_repository_check_cadre (cli->vault, g_array_index (ids, gint64, i),
                                                                          date_or_null (&as_of), &error);

      REPORT_IF_FAILED (cli, check != NULL, error);
      if (i > 0)
        g_print ("\n");
      print_check (check);
    }
  for (guint i = 0; i < matches->len; i++)
    print_unmatched (g_ptr_array_index (matches, i));
  return 0;
}

/* --- opinion request add|list|show ------------------------------------------------------------ */

static int
request_add (LdCli       *cli,
             const char  *requester,
             const char  *date,
             const char  *purpose,
             const char  *due,
             const char  *doc_no,
             const char  *note,
             const char  *unit,
             const char  *cadre_list,
             const char  *import)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(LdOpinionCadreMatch) match = NULL;
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  REPORT_IF_FAILED (cli, require_option (requester, "--requester TEXT", &error), error);
  REPORT_IF_FAILED (cli, require_option (date, "--date DATE", &error), error);
  REPORT_IF_FAILED (cli, require_option (purpose, "--purpose PURPOSE", &error), error);
  if ((cadre_list == NULL) == (import == NULL))
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Give the cadres either with --cadres ID,ID… or with --import FILE."));
      return ld_cli_report_error (cli, error);
    }
  if (import != NULL && unit == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("With --import FILE give the unit of the request with --unit ID."));
      return ld_cli_report_error (cli, error);
    }
  ld_opinion_request_spec_init (&spec);
  spec.requester = g_strdup (requester);
  spec.request_date = g_strdup (date);
  spec.purpose = g_strdup (purpose);
  spec.due_date = g_strdup (due);
  spec.doc_no = g_strdup (doc_no);
  spec.note = g_strdup (note);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &spec.unit_id, &error),
                      error);
  if (cadre_list != NULL)
    REPORT_IF_FAILED (cli, add_id_list (cadre_list, spec.cadre_ids, &error), error);

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  if (import != NULL)
    {
      g_autofree char *path = local_path (import);

      /* Read the list before registering anything. */
      match = ld_opinion_repository_match_file (cli->vault, path, spec.unit_id, NULL, &error);
      REPORT_IF_FAILED (cli, match != NULL, error);
      g_array_append_vals (spec.cadre_ids, match->cadre_ids->data, match->cadre_ids->len);
    }
  REPORT_IF_FAILED (cli, ld_opinion_repository_create_request (cli->vault, &spec, &id, &reg_no, &error), error);
  g_print ("%lld\t%s\n", (long long) id, reg_no);
  if (match != NULL)
    print_unmatched (match);
  return 0;
}

static int
request_list (LdCli       *cli,
              const char  *unit,
              const char  *status,
              const char  *text,
              gboolean     all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  LdOpinionRequestFilter filter;

  ld_opinion_request_filter_init (&filter);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, _("Give the unit number shown by “unit list”."), &filter.unit_id, &error),
                      error);
  filter.status = status;
  filter.text = text;
  filter.include_retired = all;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_opinion_repository_list_requests (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Request, number, date, requester, purpose, unit, cadres, approved/items,
   * status, due date. */
  for (guint i = 0; i < list->len; i++)
    {
      LdOpinionRequest *r = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_opinion_request_get_id (r));
      g_autofree char *progress = g_strdup_printf ("%u/%u", ld_opinion_request_get_n_approved (r),
                                                   ld_opinion_request_get_n_items (r));

      append_cell (line, id);
      append_cell (line, ld_opinion_request_get_reg_no (r));
      append_cell (line, ld_opinion_request_get_request_date (r));
      append_cell (line, ld_opinion_request_get_requester (r));
      append_cell (line, ld_opinion_request_get_purpose (r));
      append_cell (line, ld_opinion_request_get_unit_name (r));
      append_cell (line, ld_opinion_request_get_cadre_names (r));
      append_cell (line, progress);
      append_cell (line, ld_opinion_request_get_retired_at (r) ? "retired" : ld_opinion_request_get_status (r));
      append_cell (line, ld_opinion_request_get_due_date (r));
      g_print ("%s\n", line->str);
    }
  return 0;
}

/* The translated label of an opinion code ("ok-note" → 无异议（如实说明情况）),
 * so `show` does not leave the investigator with the bare code. */
static const char *
opinion_label (const char *code)
{
  LdOpinion opinion = ld_opinion_from_string (code);

  return opinion < LD_N_OPINIONS ? ld_opinion_get_label (opinion) : code;
}

static int
request_show (LdCli      *cli,
              const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionRequest) r = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 id = 0;

  REPORT_IF_FAILED (cli, parse_id (word, _("Give the request number shown by “opinion request list”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  r = ld_opinion_repository_get_request (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, r != NULL, error);
  items = ld_opinion_repository_list_items (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, items != NULL, error);

  /* Translators: an opinion request's registration number and record number. */
  print_line (_("Opinion request %s (record %lld)"), ld_opinion_request_get_reg_no (r), (long long) id);
  print_line ("  %s: %s", _("Requester"), ld_opinion_request_get_requester (r));
  print_line ("  %s: %s", _("Request date"), ld_opinion_request_get_request_date (r));
  print_line ("  %s: %s (%s)", _("Purpose"), ld_opinion_request_get_purpose_label (r),
              ld_opinion_request_get_purpose (r));
  if (*ld_opinion_request_get_due_date (r) != '\0')
    print_line ("  %s: %s", _("Due date"), ld_opinion_request_get_due_date (r));
  if (*ld_opinion_request_get_doc_no (r) != '\0')
    print_line ("  %s: %s", _("Document number"), ld_opinion_request_get_doc_no (r));
  print_line ("  %s: %s (%lld)", C_("opinion field", "Unit"), ld_opinion_request_get_unit_name (r),
              (long long) ld_opinion_request_get_unit_id (r));
  print_line ("  %s: %s %s", C_("opinion field", "Status"), ld_opinion_request_get_status_label (r),
              ld_opinion_request_get_replied_date (r));
  if (*ld_opinion_request_get_note (r) != '\0')
    print_line ("  %s: %s", _("Note"), ld_opinion_request_get_note (r));
  if (ld_opinion_request_get_retired_at (r) != 0)
    print_line ("  %s: %s", _("Retired"), ld_opinion_request_get_retired_reason (r));

  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      const char * const *reasons = ld_opinion_item_get_reasons (item);

      g_print ("\n");
      /* Translators: one cadre of a request: item number, name, cadre record number, state. */
      print_line (_("Item %lld: %s (cadre %lld) — %s"), (long long) ld_opinion_item_get_id (item),
                  ld_opinion_item_get_cadre_name (item), (long long) ld_opinion_item_get_cadre_id (item),
                  ld_opinion_item_get_state_label (item));
      if (*ld_opinion_item_get_checked_date (item) != '\0')
        print_line ("  %s: %s — %s (%s %s)", _("Proposal"), ld_opinion_item_get_proposal_code (item),
                    opinion_label (ld_opinion_item_get_proposal_code (item)), _("checked as of"),
                    ld_opinion_item_get_checked_date (item));
      for (guint j = 0; reasons[j] != NULL; j++)
        print_line ("    - %s", reasons[j]);
      if (*ld_opinion_item_get_decision_code (item) != '\0')
        print_line ("  %s: %s — %s (%s)", _("Decision"), ld_opinion_item_get_decision_code (item),
                    opinion_label (ld_opinion_item_get_decision_code (item)), ld_opinion_item_get_confirmed_by (item));
      if (*ld_opinion_item_get_change_reason (item) != '\0')
        print_line ("  %s: %s", _("Reason for the change"), ld_opinion_item_get_change_reason (item));
      if (*ld_opinion_item_get_approved_by (item) != '\0')
        print_line ("  %s: %s %s, %s %s", _("Approved"), ld_opinion_item_get_approved_by (item),
                    ld_opinion_item_get_approved_date (item), _("valid until"),
                    ld_opinion_item_get_valid_until (item));
    }
  return 0;
}

static int
opinion_request_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *requester = NULL;
  g_autofree char *date = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *due = NULL;
  g_autofree char *doc_no = NULL;
  g_autofree char *note = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *cadres = NULL;
  g_autofree char *import = NULL;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  const char *verb;
  guint n_args;
  const GOptionEntry entries[] = {
    { "requester", 0, 0, G_OPTION_ARG_STRING, &requester, N_("add: who asks (组织部 …)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("add: the date of the request letter"), N_("DATE") },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose, N_("add: the purpose (promotion, award … or its Chinese name)"),
      N_("PURPOSE") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("add: reply due by"), N_("DATE") },
    { "doc-no", 0, 0, G_OPTION_ARG_STRING, &doc_no, N_("add: the document number of the request letter"),
      N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("add: a note"), N_("TEXT") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("add: the unit whose cadres are asked about; list: only this unit"),
      N_("ID") },
    { "cadres", 0, 0, G_OPTION_ARG_STRING, &cadres, N_("add: the cadres' record numbers"), N_("ID,ID…") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, N_("add: the organisation department's list (xlsx, csv)"),
      N_("FILE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("list: only open or replied requests"), N_("STATUS") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("list: only requests mentioning this text"), N_("TEXT") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("list: also retired requests"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  verb = (*args)[0];
  n_args = g_strv_length (*args);
  if (g_str_equal (verb, "add") && n_args == 1)
    return request_add (cli, requester, date, purpose, due, doc_no, note, unit, cadres, import);
  if (g_str_equal (verb, "list") && n_args == 1)
    return request_list (cli, unit, status, text, all);
  if (g_str_equal (verb, "show") && n_args == 2)
    return request_show (cli, (*args)[1]);
  {
    g_autofree char *shown = ld_cli_text_sanitize (verb);

    g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                 _("Use “opinion request add …”, “opinion request list” or “opinion request show ID” (not “%s”)."),
                 shown);
  }
  return ld_cli_report_error (cli, error);
}

/* --- opinion run|confirm|decide|approve|letter ------------------------------------------------ */

static int
opinion_run_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *as_of_text = NULL;
  GDate as_of;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Check as of this date (default today)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the request number shown by “opinion request list”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, parse_date (as_of_text, "--as-of", &as_of, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_opinion_repository_check_request (cli->vault, id, date_or_null (&as_of), &error), error);
  items = ld_opinion_repository_list_items (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, items != NULL, error);
  /* Item, cadre, proposal, state, first reason. */
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *item_id = g_strdup_printf ("%lld", (long long) ld_opinion_item_get_id (item));

      append_cell (line, item_id);
      append_cell (line, ld_opinion_item_get_cadre_name (item));
      append_cell (line, ld_opinion_item_get_proposal_code (item));
      append_cell (line, ld_opinion_item_state_to_string (ld_opinion_item_get_state (item)));
      append_cell (line, ld_opinion_item_get_n_reasons (item) > 0 ? ld_opinion_item_get_reason_text (item, 0) : "");
      g_print ("%s\n", line->str);
    }
  return 0;
}

static int
opinion_confirm_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the item number shown by “opinion request show”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_opinion_repository_confirm (cli->vault, id, &error), error);
  return 0;
}

static int
opinion_decide_run (LdCli               *cli,
                    const LdCliCommand  *command,
                    char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *decision = NULL;
  g_autofree char *reason = NULL;
  LdOpinion opinion;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "decision", 'd', 0, G_OPTION_ARG_STRING, &decision, N_("ok, ok-note, defer or no (required)"), N_("OPINION") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why the proposal is changed (required for a change)"),
      N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the item number shown by “opinion request show”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, require_option (decision, "--decision OPINION", &error), error);
  opinion = ld_opinion_from_string (decision);
  if (opinion >= LD_N_OPINIONS)
    {
      g_autofree char *shown = ld_cli_text_sanitize (decision);

      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not an opinion. Use ok, ok-note, defer or no."), shown);
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_opinion_repository_decide (cli->vault, id, opinion, reason, &error), error);
  return 0;
}

static int
opinion_approve_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *date_text = NULL;
  GDate date;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "item", 'i', 0, G_OPTION_ARG_STRING, &item, N_("Approve only this item"), N_("ITEM") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The approval date (default today)"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_date (date_text, "--date", &date, &error), error);
  if ((item == NULL) == ((*args)[0] == NULL))
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Give either the request number or --item ITEM."));
      return ld_cli_report_error (cli, error);
    }
  if (item != NULL)
    REPORT_IF_FAILED (cli, parse_id (item, _("Give the item number shown by “opinion request show”."), &id, &error),
                      error);
  else
    REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the request number shown by “opinion request list”."), &id,
                                     &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  if (item != NULL)
    REPORT_IF_FAILED (cli, ld_opinion_repository_approve_item (cli->vault, id, date_or_null (&date), &error), error);
  else
    REPORT_IF_FAILED (cli, ld_opinion_repository_approve_request (cli->vault, id, date_or_null (&date), &error),
                      error);
  return 0;
}

static int
opinion_letter_run (LdCli               *cli,
                    const LdCliCommand  *command,
                    char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *mark = NULL;
  gboolean table = FALSE;
  gboolean table_only = FALSE;
  LdOpinionLetterOptions options;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write (required)"), N_("FILE.pdf") },
    { "table", 't', 0, G_OPTION_ARG_NONE, &table, N_("Append the reply table"), NULL },
    { "table-only", 0, 0, G_OPTION_ARG_NONE, &table_only, N_("Only the reply table"), NULL },
    { "classification", 0, 0, G_OPTION_ARG_STRING, &mark, N_("The classification mark (default: the vault's setting, see “settings show”)"),
      N_("MARK") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the request number shown by “opinion request list”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, require_option (out, "--out FILE.pdf", &error), error);
  ld_opinion_letter_options_init (&options);
  options.with_table = table;
  options.table_only = table_only;
  options.classification = mark;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_opinion_letter_write_pdf (cli->vault, id, &options, out, &error), error);
  return 0;
}

/* --- The commands ----------------------------------------------------------------- */

static char *
opinion_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *purposes = ld_opinion_purposes ();

  g_string_append_printf (out, "%s\n", _("Opinions (--decision):"));
  for (guint i = 0; i < LD_N_OPINIONS; i++)
    g_string_append_printf (out, "  %-10s %s\n", ld_opinion_to_string ((LdOpinion) i),
                            ld_opinion_get_wording ((LdOpinion) i));
  g_string_append_printf (out, "\n%s\n", _("Purposes (--purpose):"));
  for (guint i = 0; purposes[i] != NULL; i++)
    g_string_append_printf (out, "  %-14s %s\n", purposes[i], ld_opinion_purpose_get_label (purposes[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const LdCliCommand opinion_commands[] = {
  {
    "opinion", "check",
    N_("--cadres FILE|ID… [--as-of DATE]"),
    N_("Print the proposed integrity opinion and its reasons for each cadre, without storing anything."),
    N_("--cadres takes record numbers separated by commas, or a list (xlsx, csv) with an ID-number column matched "
       "against the cadres on file; the rows that match no cadre are listed at the end."),
    0, G_MAXUINT, opinion_check_run, opinion_help,
  },
  {
    "opinion", "request",
    N_("add --requester TEXT --date DATE --purpose PURPOSE [--due DATE] [--doc-no TEXT] [--unit ID] "
       "(--cadres ID,ID… | --import FILE) | list [--unit ID] [--status STATUS] [--text TEXT] | show ID"),
    N_("Register an opinion request and list or show the requests."),
    N_("“add” prints the request's record and registration numbers. With --import the list's rows that match no "
       "cadre in the unit are listed; they are not added."),
    1, 2, opinion_request_run, opinion_help,
  },
  {
    "opinion", "run",
    N_("REQUEST [--as-of DATE]"),
    N_("Check every cadre of a request not yet approved and store the proposals."),
    NULL,
    1, 1, opinion_run_run,
  },
  {
    "opinion", "confirm",
    N_("ITEM"),
    N_("Take the proposal of one cadre as the decision."),
    NULL,
    1, 1, opinion_confirm_run,
  },
  {
    "opinion", "decide",
    N_("ITEM --decision OPINION [--reason TEXT]"),
    N_("Decide the opinion for one cadre; a change from the proposal needs a reason."),
    NULL,
    1, 1, opinion_decide_run, opinion_help,
  },
  {
    "opinion", "approve",
    N_("REQUEST | --item ITEM [--date DATE]"),
    N_("Approve the decided replies (leaders only); the reply is valid for 3 months."),
    NULL,
    0, 1, opinion_approve_run,
  },
  {
    "opinion", "letter",
    N_("REQUEST --out FILE.pdf [--table] [--classification MARK]"),
    N_("Write the reply letter (and the reply table) of an approved request as a PDF."),
    NULL,
    1, 1, opinion_letter_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_opinion_commands (void)
{
  return opinion_commands;
}
