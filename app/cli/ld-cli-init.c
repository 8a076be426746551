/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-init"

#include "config.h"

#include "ld-cli.h"

#include "ld-error.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>

int
ld_cli_init_run (LdCli               *cli,
                 const LdCliCommand  *command,
                 char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) password = NULL;
  g_autoptr(LdVault) vault = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *kdf = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display = NULL;
  LdKdfProfile profile = LD_KDF_MODERATE;
  const GOptionEntry entries[] = {
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin,
      N_("Name of the system administrator account"), N_("NAME") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf,
      N_("Cost of deriving keys from passwords: interactive, moderate or sensitive"),
      N_("PROFILE") },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  if (admin == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("The option --admin NAME is required."));
      return ld_cli_report_error (cli, error);
    }

  if (kdf != NULL && !ld_kdf_profile_from_string (kdf, &profile))
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown key derivation profile “%s”. Use interactive, moderate or "
                     "sensitive."),
                   kdf);
      return ld_cli_report_error (cli, error);
    }

  if (!ld_account_name_check (admin, &error))
    return ld_cli_report_error (cli, error);

  /* Refuse before asking for a password. */
  dir = ld_cli_get_vault_dir (cli);
  display = g_filename_display_name (dir);
  if (ld_vault_dir_is_vault (dir))
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_VAULT_EXISTS,
                   _("There is already a vault in “%s”. Nothing was changed."), display);
      return ld_cli_report_error (cli, error);
    }

  password = ld_cli_read_initial_password (cli, admin, &error);
  if (password == NULL)
    return ld_cli_report_error (cli, error);

  vault = ld_vault_new (dir);
  if (!ld_vault_create (vault, admin, password, profile, &error))
    return ld_cli_report_error (cli, error);

  /* Locked with "exit" when the tool ends. */
  cli->vault = g_steal_pointer (&vault);

  g_print (_("Created the vault in “%s” with the system administrator “%s”.\n"),
           display, admin);
  g_print (_("Next, create a security administrator and an auditor: “liandang-cli --user %s "
             "user add NAME --role secadmin”, then “… --role auditor”.\n"),
           admin);

  return 0;
}
