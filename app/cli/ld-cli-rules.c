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
ld_cli_cadre_tag_run (LdCli              *cli,
                     const LdCliCommand *command,
                     char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_cadre_untag_run (LdCli              *cli,
                       const LdCliCommand *command,
                       char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_cadre_photo_run (LdCli              *cli,
                       const LdCliCommand *command,
                       char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_rules_list_run (LdCli              *cli,
                      const LdCliCommand *command,
                      char             ***args)
{
  return not_yet (cli);
}

int
ld_cli_rules_set_run (LdCli              *cli,
                     const LdCliCommand *command,
                     char             ***args)
{
  return not_yet (cli);
}

char *
ld_cli_rules_keys_help (void)
{
  return g_strdup ("");
}
