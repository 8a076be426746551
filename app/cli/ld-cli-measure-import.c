/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-measure-import"

#include "config.h"

#include "ld-cli.h"

#include "exchange/ld-measure-import.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

/* `import measures FILE [--dry-run] [--skip-invalid] [--mapping HEADER=FIELD …]`:
 * prints the plan's report (row numbers and reasons of every rejected
 * row), then writes the valid rows in one transaction unless --dry-run.
 * Rows with errors make the command exit with 6 (input rejected) and
 * write nothing, unless --skip-invalid. It sits beside `import talks` and
 * `import petitions` (ld-cli-ledger-import.c) in the "import" group. */

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

/* --mapping HEADER=FIELD, applied to the detected mapping on the worker. */
static gboolean
adjust_cb (LdMeasureImportMapping  *mapping,
           gpointer                 user_data,
           GError                 **error)
{
  char **pairs = user_data;

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *equals = strrchr (pairs[i], '=');
      g_autofree char *column = NULL;

      if (equals == NULL || equals == pairs[i] || equals[1] == '\0')
        {
          g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                       /* Translators: the value of --mapping as typed. */
                       _("--mapping “%s” is not of the form HEADER=FIELD, for example --mapping 处理结果=code."),
                       pairs[i]);
          return FALSE;
        }
      column = g_strndup (pairs[i], equals - pairs[i]);
      if (!ld_measure_import_mapping_set_by_text (mapping, column, equals + 1, error))
        return FALSE;
    }
  return TRUE;
}

static int
import_measures_run (LdCli              *cli,
                     const LdCliCommand *command,
                     char             ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMeasureImportPlan) plan = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) mapping = NULL;
  gboolean dry_run = FALSE;
  gboolean skip_invalid = FALSE;
  LdMeasureImportOptions options = { 0 };
  guint n_valid = 0, n_invalid = 0, n_imported = 0, n_lifted;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and show what would be imported; write "
                                                         "nothing"),
      NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, N_("Leave out the rows with errors and import the rest"),
      NULL },
    { "mapping", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mapping,
      N_("Read the column HEADER (or column letter) as FIELD, or ignore it with -; may be repeated"),
      N_("HEADER=FIELD") },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  options.skip_invalid = skip_invalid;
  if (mapping != NULL)
    {
      options.adjust = adjust_cb;
      options.adjust_data = mapping;
    }

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);
  plan = ld_measure_import_plan_new (cli->vault, (*args)[0], &options, NULL, &error);
  if (plan == NULL)
    return ld_cli_report_error (cli, error);

  report = ld_measure_import_plan_format_report (plan);
  print_safely (report);
  ld_measure_import_plan_get_counts (plan, &n_valid, &n_invalid);
  n_lifted = ld_measure_import_plan_get_n_lifted (plan);

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

  if (!ld_measure_import_plan_commit (cli->vault, plan, isatty (STDERR_FILENO) ? progress_cb : NULL, NULL, NULL,
                                      &n_imported, &error))
    return ld_cli_report_error (cli, error);
  g_print ("\n");
  g_print (ngettext ("Imported: %u measure", "Imported: %u measures", n_imported), n_imported);
  if (n_lifted > 0)
    /* Translators: follows "Imported: N measures". */
    g_print (ngettext (" (%u lifted)", " (%u lifted)", n_lifted), n_lifted);
  if (n_invalid > 0)
    g_print (ngettext ("; %u invalid row left out", "; %u invalid rows left out", n_invalid), n_invalid);
  g_print (".\n");
  return 0;
}

static char *
measures_help (void)
{
  GString *out = g_string_new (_("Columns recognised (by their Chinese headers), with the FIELD names of --mapping:"));

  g_string_append_c (out, '\n');
  for (guint i = 0; i < ld_measure_import_n_fields (); i++)
    g_string_append_printf (out, "  %-16s %s\n", ld_measure_import_field_get_code ((int) i),
                            ld_measure_import_field_get_label ((int) i));
  return g_string_free (out, FALSE);
}

static const LdCliCommand measure_import_commands[] = {
  {
    "import", "measures",
    N_("FILE [--dry-run] [--skip-invalid] [--mapping HEADER=FIELD …]"),
    N_("Import a sanctions ledger (处分处理台账, XLSX or CSV) into the measures register."),
    N_("Reads the ledger's header row (姓名, 身份证号, 单位, 类别, 处分/处理种类, 决定日期, 批准日期, 决定机关, 文号, "
       "违纪类型, 主要事实, 问责, 解除日期 …), checks every row and imports all measures in one step, or none. "
       "Persons are found among the cadres in your scope by ID number, else by name and unit; a name several "
       "cadres share is rejected, not guessed. A plain 警告 is rejected unless the 类别 column says 党纪处分 or "
       "政务处分: write 党内警告 or 政务警告. A measure already on file (the same person, measure and decision "
       "date) is rejected too, so that --skip-invalid imports only the new rows of a ledger imported before. A "
       "lifting date (解除日期) records the lifting. Rows with errors are listed with their numbers and make the "
       "command exit with status 6."),
    1, 1, import_measures_run, measures_help,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_measure_import_commands (void)
{
  return measure_import_commands;
}
