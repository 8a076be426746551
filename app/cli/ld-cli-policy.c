/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-policy"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-user-repository.h"
#include "rules/ld-password-policy.h"

#include <glib/gi18n.h>

char *
ld_cli_policy_keys_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *keys = ld_policy_keys ();
  guint width = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    width = MAX (width, ld_cli_text_width (keys[i]));

  g_string_append_printf (out, "%s\n", _("Keys:"));
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-*s  %s\n",
                            (int) width, keys[i], ld_policy_key_get_label (keys[i]));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
ld_cli_policy_show_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  const char * const *keys;
  LdPolicy policy;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);

  ld_policy_init_defaults (&policy);
  if (!ld_policy_repository_get (cli->vault, &policy, &error))
    return ld_cli_report_error (cli, error);

  table = ld_cli_table_new (3,
                            C_("column", "Key"),
                            C_("column", "Value"),
                            C_("column", "Setting"));
  ld_cli_table_set_right_aligned (table, 1);

  keys = ld_policy_keys ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = g_strdup_printf ("%d", ld_policy_get (&policy, keys[i]));

      ld_cli_table_add_row (table, keys[i], value, ld_policy_key_get_label (keys[i]));
    }

  text = ld_cli_table_to_string (table);
  g_print ("%s", text);

  return 0;
}

int
ld_cli_policy_set_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  const char * const *keys;
  const char *key;
  const char *value;
  LdPolicy policy;

  if (!ld_cli_parse_options (cli, command, NULL, args, &error))
    return error != NULL ? ld_cli_report_error (cli, error) : 0;
  key = (*args)[0];
  value = (*args)[1];

  keys = ld_policy_keys ();
  if (!g_strv_contains (keys, key))
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) keys);

      g_set_error (&error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown policy key “%s”. Use one of: %s."), key, joined);
      return ld_cli_report_error (cli, error);
    }

  /* Check the value against the rules before asking for a password. */
  ld_policy_init_defaults (&policy);
  if (!ld_policy_set (&policy, key, value, &error))
    return ld_cli_report_error (cli, error);

  if (!ld_cli_open_vault (cli, FALSE, &error))
    return ld_cli_report_error (cli, error);

  if (!ld_policy_repository_set (cli->vault, key, value, &error))
    return ld_cli_report_error (cli, error);

  /* Show the value as stored. */
  if (ld_policy_repository_get (cli->vault, &policy, NULL))
    g_print (_("Policy changed: %s is now %d.\n"), key, ld_policy_get (&policy, key));
  else
    g_print (_("Policy changed: %s is now %s.\n"), key, value);

  return 0;
}
