/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ld-cli.h"
#include "ld-error.h"

/* SKELETON: replaced by the real commands. */

static int
not_yet (LdCli *cli)
{
  g_autoptr(GError) error = g_error_new_literal (LD_ERROR, LD_ERROR_FAILED, "not implemented yet");

  return ld_cli_report_error (cli, error);
}

int
ld_cli_entry_add_run (LdCli              *cli,
                     const LdCliCommand *command,
                     char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_entry_set_run (LdCli              *cli,
                     const LdCliCommand *command,
                     char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_entry_list_run (LdCli              *cli,
                      const LdCliCommand *command,
                      char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_entry_retire_run (LdCli              *cli,
                        const LdCliCommand *command,
                        char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_attachment_add_run (LdCli              *cli,
                          const LdCliCommand *command,
                          char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_attachment_list_run (LdCli              *cli,
                           const LdCliCommand *command,
                           char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_attachment_save_run (LdCli              *cli,
                           const LdCliCommand *command,
                           char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_attachment_retire_run (LdCli              *cli,
                             const LdCliCommand *command,
                             char             ***args)
{
  return not_yet (cli);
}

char *
ld_cli_sections_help (void)
{
  return g_strdup ("");
}

gboolean
ld_cli_entries_append_text (LdVault   *vault,
                            gint64     cadre_id,
                            GString   *out,
                            GError   **error)
{
  return TRUE;
}
