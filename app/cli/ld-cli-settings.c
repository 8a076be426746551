/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-settings"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-settings-repository.h"

#include <glib/gi18n.h>

/* `settings show` and `settings set KEY VALUE`: the vault's text settings
 * (the 密级 mark printed on exports, the organisation's name). */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

static char *
settings_keys_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *keys = ld_settings_keys ();
  guint width = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    width = MAX (width, ld_cli_text_width (keys[i]));

  g_string_append_printf (out, "%s\n", _("Keys:"));
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-*s  %s\n", (int) width, keys[i], ld_settings_key_get_label (keys[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
settings_show_run (LdCli               *cli,
                   const LdCliCommand  *command,
                   char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  const char * const *keys = ld_settings_keys ();

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);

  table = ld_cli_table_new (3, C_("column", "Key"), C_("column", "Value"), C_("column", "Setting"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = ld_settings_repository_get (cli->vault, keys[i], &error);

      REPORT_IF_FAILED (cli, value != NULL, error);
      ld_cli_table_add_row (table, keys[i], value, ld_settings_key_get_label (keys[i]));
    }
  text = ld_cli_table_to_string (table);
  g_print ("%s", text);
  return 0;
}

static int
settings_set_run (LdCli               *cli,
                  const LdCliCommand  *command,
                  char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  const char *key;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  key = (*args)[0];
  /* The repository stores the value without surrounding blanks. */
  value = g_strstrip (g_strdup ((*args)[1]));

  /* Check the value before asking for the password. */
  REPORT_IF_FAILED (cli, ld_settings_check (key, value, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_settings_repository_set (cli->vault, key, value, &error), error);

  /* Show the value as stored. */
  stored = ld_settings_repository_get (cli->vault, key, NULL);
  shown = ld_cli_text_sanitize (stored != NULL ? stored : value);
  if (*shown == '\0')
    /* Translators: %s is a settings key, e.g. "organisation". */
    g_print (_("Setting changed: %s is now empty.\n"), key);
  else
    /* Translators: %s is a settings key, then its new value, e.g. 秘密★10年. */
    g_print (_("Setting changed: %s is now %s.\n"), key, shown);
  return 0;
}

static const LdCliCommand settings_commands[] = {
  {
    "settings", "show",
    "",
    N_("Show the vault's settings: the classification mark and the organisation."),
    N_("The classification mark (密级) is printed in the page header, the title row and the properties of "
       "every exported workbook. The organisation is the office's name in the workbook properties; when it is "
       "empty, the exported unit's name is used."),
    0, 0, settings_show_run, settings_keys_help,
  },
  {
    "settings", "set",
    N_("KEY VALUE"),
    N_("Change one of the vault's settings (security administrator)."),
    N_("classification-mark takes a level (内部, 工作秘密, 秘密, 机密 or 绝密), optionally followed by ★ and the "
       "period, e.g. 秘密★10年 or 机密★长期. organisation takes the office's name; an empty VALUE (\"\") clears "
       "it. Every change is audited as policy.changed with the old and the new value."),
    2, 2, settings_set_run, settings_keys_help,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_settings_commands (void)
{
  return settings_commands;
}
