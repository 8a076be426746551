/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-import"

#include "config.h"

#include "ld-cli.h"

#include "exchange/ld-roster-import.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <unistd.h>

/* `import cadres FILE [--unit ID] [--dry-run] [--skip-invalid]`: prints the
 * plan's report, then writes it in one transaction unless --dry-run. */

/* Prints text line by line with control characters escaped: the report
 * holds names and values from the file. */
static void
print_safely (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      line = ld_cli_text_sanitize (lines[i]);
      g_print ("%s\n", line);
    }
}

static gboolean
parse_unit (const char  *text,
            gint64      *unit_id,
            GError     **error)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not a unit number. Give the number shown by “unit list”."), shown);
      return FALSE;
    }
  *unit_id = (gint64) n;
  return TRUE;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  /* Translators: shown while importing: rows written so far and in all. */
  g_printerr ("\r");
  g_printerr (_("Importing: %u of %u rows…"), done, total);
  if (done == total)
    g_printerr ("\n");
}

int
ld_cli_import_cadres_run (LdCli              *cli,
                         const LdCliCommand *command,
                         char             ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *report = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_invalid = FALSE;
  LdImportOptions options = { 0 };
  guint n_created = 0, n_updated = 0;
  const GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("The unit the roster goes into: units the file names are found or created below it, and rows "
         "without a unit go into it"),
      N_("ID") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and show what would change; write nothing"),
      NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Leave out the rows with errors and import the rest"),
      NULL },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  if (unit != NULL && !parse_unit (unit, &options.parent_unit_id, &error))
    return ld_cli_report_error (cli, error);
  options.skip_invalid = skip_invalid;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);
  plan = ld_import_plan_new (cli->vault, (*args)[0], &options, NULL, &error);
  if (plan == NULL)
    return ld_cli_report_error (cli, error);

  report = ld_import_plan_format_report (plan);
  print_safely (report);

  if (dry_run)
    {
      if (!ld_import_plan_can_commit (plan))
        {
          g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                               _("Dry run: the file has rows with errors. Correct them, or give --skip-invalid to "
                                 "leave them out."));
          return ld_cli_report_error (cli, error);
        }
      g_print ("\n%s\n", _("Dry run: nothing was written."));
      return 0;
    }

  if (!ld_import_plan_commit (cli->vault, plan, isatty (STDERR_FILENO) ? progress_cb : NULL, NULL, NULL,
                              &n_created, &n_updated, &error))
    return ld_cli_report_error (cli, error);
  g_print ("\n");
  g_print (ngettext ("Imported: %u new cadre, ", "Imported: %u new cadres, ", n_created), n_created);
  g_print (ngettext ("%u updated.\n", "%u updated.\n", n_updated), n_updated);
  return 0;
}
