/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-rules"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-categories.h"
#include "vault/ld-vault.h"

/* `rules list` and `rules set`: the category rules (young-cadre ages,
 * newly-promoted months, high-risk post types) with their sources. */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

static char *
format_date (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup (C_("rule valid from", "always"));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

int
ld_cli_rules_list_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCategoryRules) rules = { 0 };
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autoptr(LdCliTable) rows = NULL;
  g_autofree char *text = NULL;
  const char * const *keys = ld_category_rules_keys ();

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_rules_repository_load (cli->vault, NULL, &rules, &error), error);
  history = ld_rules_repository_history (cli->vault, &error);
  REPORT_IF_FAILED (cli, history != NULL, error);

  table = ld_cli_table_new (4, C_("column", "Rule"), C_("column", "Value"), C_("column", "Since"),
                            C_("column", "Source"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = ld_category_rules_get (&rules, keys[i]);
      const LdRuleOrigin *origin = ld_category_rules_get_origin (&rules, keys[i]);
      g_autofree char *since = format_date (&origin->valid_from);

      ld_cli_table_add_row (table, keys[i], value, since, origin->source);
    }
  text = ld_cli_table_to_string (table);
  g_print (_("Category rules in force today:\n"));
  g_print ("%s", text);

  g_print ("\n");
  if (history->len == 0)
    {
      g_print (_("No rule has been changed: the defaults apply.\n"));
      return 0;
    }
  rows = ld_cli_table_new (6, C_("column", "Changed"), C_("column", "By"), C_("column", "Rule"),
                           C_("column", "Value"), C_("column", "From"), C_("column", "Source"));
  for (guint i = 0; i < history->len; i++)
    {
      LdRuleRow *row = g_ptr_array_index (history, i);
      g_autofree char *when = ld_cli_format_time (row->created_at);

      ld_cli_table_add_row (rows, when, row->account, row->key, row->value,
                            *row->valid_from ? row->valid_from : C_("rule valid from", "always"), row->source);
    }
  g_clear_pointer (&text, g_free);
  text = ld_cli_table_to_string (rows);
  g_print (_("History of changes:\n"));
  g_print ("%s", text);
  return 0;
}

int
ld_cli_rules_set_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *value = NULL;
  g_autofree char *source_utf8 = NULL;
  const GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      N_("The regulation or decision that sets the value (required)"), N_("TEXT") },
    { "valid-from", 0, 0, G_OPTION_ARG_STRING, &valid_from,
      N_("The day the value takes effect (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (source == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("The option --source TEXT is required: name the regulation or decision."));
      return ld_cli_report_error (cli, error);
    }
  value = g_locale_to_utf8 ((*args)[1], -1, NULL, NULL, NULL);
  source_utf8 = g_locale_to_utf8 (source, -1, NULL, NULL, NULL);
  if (value == NULL || source_utf8 == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                           _("An argument is not text in the encoding of the current locale."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_rules_repository_set (cli->vault, (*args)[0], value, source_utf8, valid_from, &error),
                    error);
  return 0;
}

char *
ld_cli_rules_keys_help (void)
{
  g_autoptr(GString) out = g_string_new (_("Rules:"));
  const char * const *keys = ld_category_rules_keys ();

  g_string_append_c (out, '\n');
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-24s %s\n", keys[i], ld_category_rule_key_get_label (keys[i]));
  g_string_append_printf (out, "\n%s\n",
                          _("Ages and months are whole numbers; high-risk-post-tags is a comma-separated list "
                            "of post types (finance, procurement, construction, approval, enforcement, "
                            "personnel, state-assets, special-funds). Only the leader may change the rules."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
