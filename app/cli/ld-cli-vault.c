/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-vault"

#include "config.h"

#include "ld-cli.h"

#include "vault/ld-vault.h"

#include <glib/gi18n.h>

int
ld_cli_vault_info_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);

  text = ld_vault_describe (cli->vault, &error);
  if (text == NULL)
    return ld_cli_report_error (cli, error);

  g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");

  return 0;
}
