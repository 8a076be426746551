/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-user"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-user-repository.h"
#include "records/ld-user.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "vault/ld-key-slot.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

static char *
role_names (gboolean business_only)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (LdRole role = LD_ROLE_NONE + 1; role < LD_N_ROLES; role++)
    {
      if (business_only && !ld_role_is_business (role))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, ld_role_to_string (role));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
parse_role (const char  *text,
            LdRole      *role,
            GError     **error)
{
  *role = ld_role_from_string (text);
  if (*role <= LD_ROLE_NONE || *role >= LD_N_ROLES)
    {
      g_autofree char *names = role_names (FALSE);

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown role “%s”. Use one of: %s."), text, names);
      return FALSE;
    }

  return TRUE;
}

static const LdGrant all_grants[] = {
  LD_GRANT_EXPORT, LD_GRANT_PRINT, LD_GRANT_REPORTER_IDENTITY,
};

static gboolean
parse_grant (const char  *text,
             LdGrant     *grant,
             GError     **error)
{
  *grant = ld_grant_from_string (text);
  if (*grant == LD_GRANT_NONE || (*grant & ~LD_GRANT_ALL) != 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (all_grants); i++)
        {
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, ld_grant_to_string (all_grants[i]));
        }
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown grant “%s”. Use one of: %s."), text, names->str);
      return FALSE;
    }

  return TRUE;
}

static char *
format_grants (LdGrant grants)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_grants); i++)
    {
      if ((grants & all_grants[i]) == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, ld_grant_to_string (all_grants[i]));
    }
  if (out->len == 0)
    g_string_append_c (out, '-');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_status (LdUser *user)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (ld_user_get_disabled (user))
    g_string_append (out, C_("account status", "disabled"));
  if (ld_user_get_locked (user))
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, C_("account status", "locked"));
    }
  if (ld_user_get_must_change_password (user))
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, C_("account status", "must change password"));
    }
  if (out->len == 0)
    g_string_append (out, C_("account status", "active"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
same_account (const char *a,
              const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (!g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return FALSE;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);

  return g_strcmp0 (fa, fb) == 0;
}

int
ld_cli_user_add_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) password = NULL;
  g_autoptr(LdUser) existing = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *kdf = NULL;
  LdKdfProfile profile = LD_KDF_MODERATE;
  LdRole role;
  const char *name;
  const GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_text,
      N_("The account's role: sysadmin, secadmin, auditor, investigator, leader or viewer"),
      N_("ROLE") },
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->new_password_file,
      N_("Read the initial password from the first line of FILE"), N_("FILE") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf,
      N_("Cost of deriving the account's key: interactive, moderate or sensitive "
         "(default: the vault's, chosen at init)"),
      N_("PROFILE") },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  if (role_text == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("The option --role ROLE is required."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, parse_role (role_text, &role, &error), error);
  if (kdf != NULL && !ld_kdf_profile_from_string (kdf, &profile))
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown key derivation profile “%s”. Use interactive, moderate or "
                     "sensitive."),
                   kdf);
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_account_name_check (name, &error), error);

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  /* Refuse before asking for the new password. */
  REPORT_IF_FAILED (cli, ld_vault_check (cli->vault, LD_ACTION_ACCOUNT_CREATE, &error), error);
  existing = ld_user_repository_find (cli->vault, name, &error);
  if (existing != NULL)
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("An account named “%s” already exists. Choose another name."),
                   ld_user_get_name (existing));
      return ld_cli_report_error (cli, error);
    }
  if (!g_error_matches (error, LD_ERROR, LD_ERROR_NOT_FOUND))
    return ld_cli_report_error (cli, error);
  g_clear_error (&error);

  password = ld_cli_read_new_password (cli, name, &error);
  REPORT_IF_FAILED (cli, password != NULL, error);

  if (kdf == NULL)
    profile = ld_vault_get_default_kdf_profile (cli->vault);
  REPORT_IF_FAILED (cli, ld_user_repository_add (cli->vault, name, role, password, profile, &error),
                    error);

  g_print (_("Created the account “%s” with the role %s. It must change its password at its "
             "first login.\n"),
           name, ld_role_to_string (role));

  return 0;
}

int
ld_cli_user_list_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);

  users = ld_user_repository_list (cli->vault, &error);
  REPORT_IF_FAILED (cli, users != NULL, error);

  table = ld_cli_table_new (5,
                            C_("column", "Name"),
                            C_("column", "Role"),
                            C_("column", "Status"),
                            C_("column", "Grants"),
                            C_("column", "Last login"));

  for (guint i = 0; i < users->len; i++)
    {
      LdUser *user = g_ptr_array_index (users, i);
      g_autofree char *status = format_status (user);
      g_autofree char *grants = format_grants (ld_user_get_grants (user));
      g_autofree char *last_login = NULL;

      if (ld_user_get_last_login_at (user) > 0)
        last_login = ld_cli_format_time (ld_user_get_last_login_at (user));
      else
        last_login = g_strdup (C_("last login", "never"));

      ld_cli_table_add_row (table,
                            ld_user_get_name (user),
                            ld_role_to_string (ld_user_get_role (user)),
                            status,
                            grants,
                            last_login);
    }

  text = ld_cli_table_to_string (table);
  g_print ("%s", text);

  return 0;
}

int
ld_cli_user_passwd_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) password = NULL;
  g_autoptr(LdUser) target = NULL;
  const LdSession *session;
  gboolean own;
  const char *name;
  const GOptionEntry entries[] = {
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->new_password_file,
      N_("Read the new password from the first line of FILE"), N_("FILE") },
    { NULL }
  };

  if (!ld_cli_parse_options (cli, command, entries, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, TRUE, &error), error);

  session = ld_vault_get_session (cli->vault);
  own = same_account (name, session->name);

  if (!own)
    {
      /* Changing one's own password is all an account that must change it
       * may do. */
      if (session->must_change_password)
        {
          ld_cli_set_must_change_error (&error, session->name);
          return ld_cli_report_error (cli, error);
        }
      REPORT_IF_FAILED (cli, ld_vault_check (cli->vault, LD_ACTION_ACCOUNT_RESET_PASSWORD, &error),
                        error);
      /* Do not ask for a password for an account that does not exist. */
      target = ld_user_repository_find (cli->vault, name, &error);
      REPORT_IF_FAILED (cli, target != NULL, error);
    }

  password = ld_cli_read_new_password (cli, own ? session->name : name, &error);
  REPORT_IF_FAILED (cli, password != NULL, error);

  REPORT_IF_FAILED (cli,
                    ld_user_repository_set_password (cli->vault,
                                                     own ? session->name : name,
                                                     own ? cli->password : NULL,
                                                     password,
                                                     &error),
                    error);

  if (own)
    g_print (_("Your password was changed.\n"));
  else
    g_print (_("The password of “%s” was reset. The account must change it at its next "
               "login.\n"),
             name);

  return 0;
}

static int
set_disabled (LdCli               *cli,
              const LdCliCommand  *command,
              char              ***args,
              gboolean             disabled)
{
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_user_repository_set_disabled (cli->vault, name, disabled, &error),
                    error);

  if (disabled)
    g_print (_("Disabled the account “%s”. It can no longer sign in.\n"), name);
  else
    g_print (_("Enabled the account “%s”.\n"), name);

  return 0;
}

int
ld_cli_user_disable_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  return set_disabled (cli, command, args, TRUE);
}

int
ld_cli_user_enable_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  return set_disabled (cli, command, args, FALSE);
}

int
ld_cli_user_unlock_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_user_repository_unlock (cli->vault, name, &error), error);

  g_print (_("Unlocked the account “%s”. It can sign in again.\n"), name);

  return 0;
}

static int
set_grant (LdCli               *cli,
           const LdCliCommand  *command,
           char              ***args,
           gboolean             granted)
{
  g_autoptr(GError) error = NULL;
  const char *name;
  LdGrant grant;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  REPORT_IF_FAILED (cli, parse_grant ((*args)[1], &grant, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_user_repository_set_grant (cli->vault, name, grant, granted, &error),
                    error);

  if (granted)
    g_print (_("Gave “%s” the grant %s.\n"), name, ld_grant_to_string (grant));
  else
    g_print (_("Took the grant %s away from “%s”.\n"), ld_grant_to_string (grant), name);

  return 0;
}

int
ld_cli_user_grant_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  return set_grant (cli, command, args, TRUE);
}

int
ld_cli_user_revoke_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  return set_grant (cli, command, args, FALSE);
}

int
ld_cli_user_role_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  const char *name;
  LdRole role;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  name = (*args)[0];

  REPORT_IF_FAILED (cli, parse_role ((*args)[1], &role, &error), error);
  if (!ld_role_is_business (role))
    {
      g_autofree char *names = role_names (TRUE);

      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("Only business roles can be given to an existing account (%s); the "
                     "administrator roles are fixed when an account is created."),
                   names);
      return ld_cli_report_error (cli, error);
    }

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_user_repository_set_role (cli->vault, name, role, &error), error);

  g_print (_("“%s” now has the role %s.\n"), name, ld_role_to_string (role));

  return 0;
}
