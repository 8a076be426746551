/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-search"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-fulltext-repository.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

#define MAX_LIMIT 500

static int
search_run (LdCli               *cli,
            const LdCliCommand  *command,
            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *query = NULL;
  g_autofree char *text = NULL;
  gint limit = 20;
  gint offset = 0;
  guint total = 0;
  guint mask = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kinds,
      N_("Only these kinds of record, separated by commas: cadre, entry, talk, petition, clue"), N_("KINDS") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (default 20)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N results"), N_("N") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (limit < 1 || limit > MAX_LIMIT || offset < 0)
    {
      g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                   _("--limit takes a number from 1 to %d, --offset a number from 0."), MAX_LIMIT);
      return ld_cli_report_error (cli, error);
    }
  /* Check the kinds before asking for the password. */
  if (!ld_search_kinds_parse (kinds, &mask, &error))
    {
      error->code = LD_ERROR_USAGE;
      return ld_cli_report_error (cli, error);
    }
  /* The words of the query may come as several arguments. */
  query = g_strjoinv (" ", *args);

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  hits = ld_fulltext_search (cli->vault, query, kinds, (guint) limit, (guint) offset, &total, &error);
  REPORT_IF_FAILED (cli, hits != NULL, error);

  if (hits->len == 0)
    {
      if (total > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "No more results: there is %u in all.\n",
                                 "No more results: there are %u in all.\n", total),
                    total);
      else
        g_printerr (_("Nothing found in the records you may read. Try fewer or other words.\n"));
      return 0;
    }

  table = ld_cli_table_new (5, C_("column", "ID"), C_("column", "Kind"), C_("column", "Number or name"),
                            C_("column", "Unit"), C_("column", "Match"));
  ld_cli_table_set_right_aligned (table, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      LdSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) hit->record_id);
      /* Translators: the marks around a match in a search result. */
      g_autofree char *snippet = ld_search_hit_format_snippet (hit, C_("search match", "【"),
                                                               C_("search match", "】"));

      ld_cli_table_add_row (table, id, ld_search_kind_get_label (hit->kind), hit->title, hit->unit_name, snippet);
    }
  text = ld_cli_table_to_string (table);
  g_print ("%s", text);
  if ((guint) offset + hits->len < total)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Results %u–%u of %u; use --offset %u for more.\n",
                             "Results %u–%u of %u; use --offset %u for more.\n", total),
                (guint) offset + 1, (guint) offset + hits->len, total, (guint) offset + hits->len);
  if (total >= LD_FULLTEXT_MAX_RANKED)
    g_printerr (_("Only the %u newest matches were ranked; add words to narrow the search.\n"),
                (guint) LD_FULLTEXT_MAX_RANKED);
  return 0;
}

static const LdCliCommand search_commands[] = {
  {
    NULL, "search",
    N_("QUERY… [--kind KINDS] [--limit N] [--offset N]"),
    N_("Search the text of cadres, file entries, talks, petitions and clues."),
    N_("Finds Chinese names and phrases, words and numbers in the records of the units you may read, "
       "best matches first, with the matching text in 【】. Every word must occur; Chinese text must "
       "occur as typed. Reporters are never searched."),
    1, G_MAXUINT, search_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_search_commands (void)
{
  return search_commands;
}
