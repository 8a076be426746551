/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-rules"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-categories.h"
#include "vault/ld-vault.h"

/* `rules list` and `rules set`: the category rules (young-cadre ages,
 * newly-promoted months, high-risk post types) and the deadline and talk
 * rules (case.*, talk.*) with their sources. */

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

/* The stored row of key in force on today: the latest valid_from on or
 * before today, the later row on a tie; NULL when the default applies. */
static const LdRuleRow *
case_rule_origin (GPtrArray  *history,
                  const char *key,
                  const char *today)
{
  const LdRuleRow *best = NULL;

  for (guint i = 0; i < history->len; i++)
    {
      const LdRuleRow *row = g_ptr_array_index (history, i);

      if (!g_str_equal (row->key, key) || strcmp (row->valid_from, today) > 0)
        continue;
      if (best == NULL || strcmp (row->valid_from, best->valid_from) >= 0)
        best = row;
    }
  return best;
}

static int
compare_rows_by_id (gconstpointer a,
                    gconstpointer b)
{
  const LdRuleRow *ra = *(const LdRuleRow * const *) a;
  const LdRuleRow *rb = *(const LdRuleRow * const *) b;

  return (ra->id > rb->id) - (ra->id < rb->id);
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
  LdCaseRules case_rules;
  g_autoptr(GPtrArray) case_history = NULL;
  g_autoptr(LdCliTable) case_table = NULL;
  const char * const *case_keys = ld_case_rules_keys ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

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

  REPORT_IF_FAILED (cli, ld_case_rules_repository_load (cli->vault, NULL, &case_rules, &error), error);
  case_history = ld_case_rules_repository_history (cli->vault, &error);
  REPORT_IF_FAILED (cli, case_history != NULL, error);
  case_table = ld_cli_table_new (5, C_("column", "Rule"), C_("column", "Value"), C_("column", "Unit"),
                                 C_("column", "Since"), C_("column", "Source"));
  for (guint i = 0; case_keys[i] != NULL; i++)
    {
      g_autofree char *value = ld_case_rules_get (&case_rules, case_keys[i]);
      const LdRuleRow *origin = case_rule_origin (case_history, case_keys[i], today);

      ld_cli_table_add_row (case_table, case_keys[i], value, ld_case_rule_key_get_unit (case_keys[i]),
                            origin && *origin->valid_from ? origin->valid_from : C_("rule valid from", "always"),
                            origin ? origin->source : C_("rule source", "Default"));
    }
  g_clear_pointer (&text, g_free);
  text = ld_cli_table_to_string (case_table);
  g_print ("\n");
  g_print (_("Deadline and talk rules in force today:\n"));
  g_print ("%s", text);

  /* One history, in the order of the changes. */
  for (guint i = 0; i < case_history->len; i++)
    g_ptr_array_add (history, g_steal_pointer (&g_ptr_array_index (case_history, i)));
  g_ptr_array_set_size (case_history, 0);
  g_ptr_array_sort (history, compare_rows_by_id);

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
  if (ld_case_rules_is_key ((*args)[0]))
    REPORT_IF_FAILED (cli, ld_case_rules_repository_set (cli->vault, (*args)[0], value, source_utf8, valid_from,
                                                         &error),
                      error);
  else
    REPORT_IF_FAILED (cli, ld_rules_repository_set (cli->vault, (*args)[0], value, source_utf8, valid_from,
                                                    &error),
                      error);
  return 0;
}

char *
ld_cli_rules_keys_help (void)
{
  g_autoptr(GString) out = g_string_new (_("Rules:"));
  const char * const *keys = ld_category_rules_keys ();
  const char * const *case_keys = ld_case_rules_keys ();

  g_string_append_c (out, '\n');
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-24s %s\n", keys[i], ld_category_rule_key_get_label (keys[i]));
  for (guint i = 0; case_keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-28s %s (%s)\n", case_keys[i], ld_case_rule_key_get_label (case_keys[i]),
                            ld_case_rule_key_get_unit (case_keys[i]));
  g_string_append_printf (out, "\n%s\n",
                          _("Ages and months are whole numbers; high-risk-post-tags is a comma-separated list "
                            "of post types (finance, procurement, construction, approval, enforcement, "
                            "personnel, state-assets, special-funds). Deadlines and talk intervals are whole numbers of the "
                            "unit shown. Only the leader may change the rules."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
