/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-audit"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "vault/ld-audit-log.h"

#include <glib/gi18n.h>

char *
ld_cli_audit_events_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *events = ld_audit_event_names ();
  guint width = 0;

  for (guint i = 0; events[i] != NULL; i++)
    width = MAX (width, ld_cli_text_width (events[i]));

  g_string_append_printf (out, "%s\n", _("Events:"));
  for (guint i = 0; events[i] != NULL; i++)
    g_string_append_printf (out, "  %-*s  %s\n",
                            (int) width, events[i], ld_audit_event_get_label (events[i]));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
ld_cli_audit_list_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *account = NULL;
  g_autofree char *event = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *text = NULL;
  LdAuditFilter filter = { 0 };
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Only entries on or after DATE"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until,
      N_("Only entries on or before DATE"), N_("DATE") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account,
      N_("Only entries of the account NAME"), N_("NAME") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event,
      N_("Only entries of the event EVENT"), N_("EVENT") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit,
      N_("Show at most N entries"), N_("N") },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  if (since != NULL && !ld_cli_parse_time (since, FALSE, &filter.since, &error))
    return ld_cli_report_error (cli, error);
  if (until != NULL && !ld_cli_parse_time (until, TRUE, &filter.until, &error))
    return ld_cli_report_error (cli, error);
  if (since != NULL && until != NULL && filter.since > filter.until)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                           _("The date of --since is after the date of --until."));
      return ld_cli_report_error (cli, error);
    }

  if (event != NULL && !g_strv_contains (ld_audit_event_names (), event))
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown event “%s”. Run “liandang-cli audit list --help” to list "
                     "the events."),
                   event);
      return ld_cli_report_error (cli, error);
    }

  if (limit != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (limit, 10, 1, G_MAXUINT, &n, NULL))
        {
          g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a valid number of entries. Give a whole number "
                         "from 1 up."),
                       limit);
          return ld_cli_report_error (cli, error);
        }
      filter.limit = (guint) n;
    }

  filter.account = account;
  filter.event = event;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);

  entries_found = ld_audit_list (cli->vault, &filter, &error);
  if (entries_found == NULL)
    return ld_cli_report_error (cli, error);

  table = ld_cli_table_new (8,
                            C_("column", "Seq"),
                            C_("column", "Time"),
                            C_("column", "Account"),
                            C_("column", "Role"),
                            C_("column", "Event"),
                            C_("column", "Object"),
                            C_("column", "Outcome"),
                            C_("column", "Details"));
  ld_cli_table_set_right_aligned (table, 0);

  for (guint i = 0; i < entries_found->len; i++)
    {
      LdAuditEntry *entry = g_ptr_array_index (entries_found, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, ld_audit_entry_get_seq (entry));
      g_autofree char *time = ld_cli_format_time (ld_audit_entry_get_time (entry) / G_USEC_PER_SEC);
      const char *object_type = ld_audit_entry_get_object_type (entry);
      const char *object_id = ld_audit_entry_get_object_id (entry);
      g_autofree char *object = NULL;

      if (object_type != NULL && *object_type != '\0' && object_id != NULL && *object_id != '\0')
        object = g_strdup_printf ("%s:%s", object_type, object_id);
      else if (object_type != NULL)
        object = g_strdup (object_type);
      else
        object = g_strdup (object_id);

      ld_cli_table_add_row (table,
                            seq,
                            time,
                            ld_audit_entry_get_account (entry),
                            ld_audit_entry_get_role (entry),
                            ld_audit_entry_get_event (entry),
                            object,
                            ld_audit_entry_get_outcome (entry),
                            ld_audit_entry_get_details (entry));
    }

  if (ld_cli_table_get_n_rows (table) == 0)
    {
      g_print (_("No audit entries match.\n"));
      return 0;
    }

  text = ld_cli_table_to_string (table);
  g_print ("%s", text);

  return 0;
}

int
ld_cli_audit_verify_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  LdAuditReport report = { 0 };
  int status = 0;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);

  if (!ld_audit_verify (cli->vault, &report, &error))
    return ld_cli_report_error (cli, error);

  count = g_strdup_printf ("%" G_GINT64_FORMAT, report.n_entries);
  if (report.first_bad_seq == 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "The audit trail is intact: %s entry checked.\n",
                            "The audit trail is intact: %s entries checked.\n",
                            (gulong) MAX (report.n_entries, 0)),
               count);
    }
  else
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, report.first_bad_seq);

      g_print (_("The audit trail is broken. First bad entry: %s.\n"), seq);
      g_print (_("Problem: %s\n"),
               report.problem != NULL ? report.problem : _("not described"));
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%s entry checked.\n",
                            "%s entries checked.\n",
                            (gulong) MAX (report.n_entries, 0)),
               count);
      status = 4;
    }

  ld_audit_report_clear (&report);

  return status;
}
