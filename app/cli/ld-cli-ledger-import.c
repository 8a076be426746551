/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-ledger-import"

#include "config.h"

#include "ld-cli.h"

#include "exchange/ld-ledger-import.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <unistd.h>

/* `import talks FILE [--dry-run] [--skip-invalid]` and
 * `import petitions FILE [--dry-run] [--skip-invalid]`: prints the plan's
 * report (row numbers and reasons of every rejected row), then writes the
 * valid rows in one transaction unless --dry-run. Rows with errors make
 * the command exit with 6 (input rejected) and write nothing, unless
 * --skip-invalid. */

/* The report holds values from the file: escape control characters. */
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

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_printerr ("\r");
  /* Translators: shown while importing: rows written so far and in all. */
  g_printerr (_("Importing: %u of %u rows…"), done, total);
  if (done == total)
    g_printerr ("\n");
}

static int
ledger_import_run (LdCli              *cli,
                   const LdCliCommand *command,
                   char             ***args,
                   LdLedgerKind        kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerPlan) plan = NULL;
  g_autofree char *report = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_invalid = FALSE;
  LdLedgerOptions options = { 0 };
  guint n_valid = 0, n_invalid = 0, n_imported = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and show what would be imported; write "
                                                         "nothing"),
      NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Leave out the rows with errors and import the rest"),
      NULL },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  options.skip_invalid = skip_invalid;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);
  plan = ld_ledger_plan_new (cli->vault, kind, (*args)[0], &options, NULL, &error);
  if (plan == NULL)
    return ld_cli_report_error (cli, error);

  report = ld_ledger_plan_format_report (plan);
  print_safely (report);
  ld_ledger_plan_get_counts (plan, &n_valid, &n_invalid);

  if (n_invalid > 0 && !skip_invalid)
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has errors, so nothing was imported. Correct the row, or give "
                                "--skip-invalid to leave it out.",
                                "%u rows have errors, so nothing was imported. Correct them, or give "
                                "--skip-invalid to leave them out.",
                                n_invalid),
                   n_invalid);
      return ld_cli_report_error (cli, error);
    }
  if (n_valid == 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                           _("The file has no row that could be imported. Correct the rows with errors."));
      return ld_cli_report_error (cli, error);
    }
  if (dry_run)
    {
      g_print ("\n%s\n", _("Dry run: nothing was written."));
      return 0;
    }

  if (!ld_ledger_plan_commit (cli->vault, plan, isatty (STDERR_FILENO) ? progress_cb : NULL, NULL, NULL,
                              &n_imported, &error))
    return ld_cli_report_error (cli, error);
  g_print ("\n");
  if (kind == LD_LEDGER_TALKS)
    g_print (ngettext ("Imported: %u talk", "Imported: %u talks", n_imported), n_imported);
  else
    g_print (ngettext ("Imported: %u petition", "Imported: %u petitions", n_imported), n_imported);
  if (n_invalid > 0)
    g_print (ngettext ("; %u invalid row left out", "; %u invalid rows left out", n_invalid), n_invalid);
  g_print (".\n");
  if (kind == LD_LEDGER_PETITIONS)
    g_print ("%s\n", _("The ledger file still holds the reporters in plain text: keep it or destroy it as the rules "
                        "for reporter material require."));
  return 0;
}

static int
import_talks_run (LdCli              *cli,
                  const LdCliCommand *command,
                  char             ***args)
{
  return ledger_import_run (cli, command, args, LD_LEDGER_TALKS);
}

static int
import_petitions_run (LdCli              *cli,
                      const LdCliCommand *command,
                      char             ***args)
{
  return ledger_import_run (cli, command, args, LD_LEDGER_PETITIONS);
}

static char *
fields_help (LdLedgerKind kind)
{
  GString *out = g_string_new (_("Columns recognised (by their Chinese headers):"));

  g_string_append_c (out, '\n');
  for (guint i = 0; i < ld_ledger_n_fields (kind); i++)
    g_string_append_printf (out, "  %s\n", ld_ledger_field_get_label (kind, (int) i));
  return g_string_free (out, FALSE);
}

static char *
talks_help (void)
{
  return fields_help (LD_LEDGER_TALKS);
}

static char *
petitions_help (void)
{
  return fields_help (LD_LEDGER_PETITIONS);
}

static const LdCliCommand ledger_import_commands[] = {
  {
    "import", "talks",
    N_("FILE [--dry-run] [--skip-invalid]"),
    N_("Import a talk ledger (XLSX or CSV)."),
    N_("Reads the ledger's header row (谈话日期, 谈话类型, 谈话对象, 身份证号, 单位 …), checks every row and "
       "imports all talks in one step, or none. Persons talked to are found among the cadres in your scope by "
       "ID number, else by name and unit; a name several cadres share is rejected, not guessed. A talk already on file is rejected too, so that "
       "--skip-invalid imports only the new rows of a ledger imported before. Rows with "
       "errors are listed with their numbers and make the command exit with status 6."),
    1, 1, import_talks_run, talks_help,
  },
  {
    "import", "petitions",
    N_("FILE [--dry-run] [--skip-invalid]"),
    N_("Import a petition ledger (XLSX or CSV)."),
    N_("Reads the ledger's header row (登记号, 收件日期, 来源, 类别, 被反映人 …), checks every row and imports "
       "all petitions in one step, or none. Persons reported are found among the cadres in your scope by ID "
       "number, else by name and unit; a person not on file is kept as text, an ambiguous name is rejected. A petition "
       "already on file (the same number and received date) is rejected too. "
       "Reporters go to the protected reporter records only and are never printed. Rows with errors are "
       "listed with their numbers and make the command exit with status 6."),
    1, 1, import_petitions_run, petitions_help,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_ledger_import_commands (void)
{
  return ledger_import_commands;
}
