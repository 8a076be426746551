/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-records"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-categories.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <string.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

/* A record or unit number; "all" (when allowed) gives 0. */
static gboolean
parse_id (const char  *text,
          gboolean     allow_all,
          gint64      *id,
          GError     **error)
{
  guint64 n = 0;

  if (allow_all && g_strcmp0 (text, "all") == 0)
    {
      *id = 0;
      return TRUE;
    }
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      if (allow_all)
        g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                     _("“%s” is not a unit number. Give the number shown by “unit list”, or “all”."), shown);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                     _("“%s” is not a record number. Give a number shown by “unit list” or “cadre list”."),
                     shown);
      return FALSE;
    }
  *id = (gint64) n;
  return TRUE;
}

/* --- user scope / unscope ----------------------------------------------------- */

static int
scope_change (LdCli               *cli,
              const LdCliCommand  *command,
              char              ***args,
              gboolean             grant)
{
  g_autoptr(GError) error = NULL;
  gint64 unit_id = 0;
  const char *name;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  name = (*args)[0];
  REPORT_IF_FAILED (cli, parse_id ((*args)[1], TRUE, &unit_id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  if (grant)
    REPORT_IF_FAILED (cli, ld_scope_grant (cli->vault, name, unit_id, &error), error);
  else
    REPORT_IF_FAILED (cli, ld_scope_revoke (cli->vault, name, unit_id, &error), error);

  if (grant && unit_id == 0)
    g_print (_("The account “%s” now sees every unit.\n"), name);
  else if (grant)
    g_print (_("The account “%s” now sees unit %lld and the units below it.\n"), name, (long long) unit_id);
  else if (unit_id == 0)
    g_print (_("The account “%s” no longer holds the scope of every unit.\n"), name);
  else
    g_print (_("The account “%s” no longer holds the scope of unit %lld.\n"), name, (long long) unit_id);
  return 0;
}

int
ld_cli_user_scope_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  return scope_change (cli, command, args, TRUE);
}

int
ld_cli_user_unscope_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  return scope_change (cli, command, args, FALSE);
}

/* --- unit ---------------------------------------------------------------------- */

char *
ld_cli_unit_kinds_help (void)
{
  g_autoptr(GString) out = g_string_new (_("Kinds of unit:"));
  const char * const *kinds = ld_unit_kinds ();
  const char * const *supervisors = ld_unit_supervisor_kinds ();

  g_string_append_c (out, '\n');
  for (guint i = 0; kinds[i] != NULL; i++)
    g_string_append_printf (out, "  %-20s %s\n", kinds[i], ld_unit_kind_get_label (kinds[i]));
  g_string_append_printf (out, "\n%s\n", _("Supervisors:"));
  for (guint i = 0; supervisors[i] != NULL; i++)
    g_string_append_printf (out, "  %-20s %s\n", supervisors[i], ld_unit_supervisor_kind_get_label (supervisors[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
ld_cli_unit_add_run (LdCli               *cli,
                     const LdCliCommand  *command,
                     char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *supervisor = NULL;
  g_autofree char *supervisor_name = NULL;
  LdUnitSpec spec = { 0 };
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "parent", 'p', 0, G_OPTION_ARG_STRING, &parent, N_("The unit it belongs to (default: the top of the tree)"),
      N_("ID") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("The kind of unit (listed below)"), N_("KIND") },
    { "short", 's', 0, G_OPTION_ARG_STRING, &short_name, N_("A short name"), N_("NAME") },
    { "supervisor", 0, 0, G_OPTION_ARG_STRING, &supervisor, N_("Who supervises it (listed below)"), N_("KIND") },
    { "supervisor-name", 0, 0, G_OPTION_ARG_STRING, &supervisor_name, N_("The supervising body's name"),
      N_("NAME") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (parent != NULL)
    REPORT_IF_FAILED (cli, parse_id (parent, FALSE, &spec.parent_id, &error), error);
  spec.name = (*args)[0];
  spec.kind = kind;
  spec.short_name = short_name;
  spec.supervisor_kind = supervisor;
  spec.supervisor_name = supervisor_name;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_unit_repository_create (cli->vault, &spec, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

int
ld_cli_unit_list_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired and merged units"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  units = ld_unit_repository_list (cli->vault, all, &error);
  REPORT_IF_FAILED (cli, units != NULL, error);

  table = ld_cli_table_new (5, C_("column", "ID"), C_("column", "Unit"), C_("column", "Short name"),
                            C_("column", "Kind"), C_("column", "Status"));
  ld_cli_table_set_right_aligned (table, 0);
  for (guint i = 0; i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_unit_get_id (unit));
      g_autofree char *indent = g_strnfill (2 * ld_unit_get_depth (unit), ' ');
      g_autofree char *name = g_strconcat (indent, ld_unit_get_name (unit), NULL);
      g_autofree char *status = NULL;

      if (ld_unit_get_merged_into (unit) != 0)
        status = g_strdup_printf (C_("unit status", "merged into %lld"), (long long) ld_unit_get_merged_into (unit));
      else if (ld_unit_get_retired_at (unit) != 0)
        status = g_strdup (C_("unit status", "retired"));
      else
        status = g_strdup (C_("unit status", "active"));
      ld_cli_table_add_row (table, id, name, ld_unit_get_short_name (unit),
                            ld_unit_kind_get_label (ld_unit_get_kind (unit)), status);
    }
  if (units->len == 0)
    {
      g_printerr (_("No units in your scope.\n"));
      return 0;
    }
  text = ld_cli_table_to_string (table);
  g_print ("%s", text);
  return 0;
}

int
ld_cli_unit_move_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  gint64 id = 0, parent_id = 0;
  const GOptionEntry entries[] = {
    { "parent", 'p', 0, G_OPTION_ARG_STRING, &parent, N_("The new parent unit, or “top”"), N_("ID") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  if (parent == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("The option --parent ID is required."));
      return ld_cli_report_error (cli, error);
    }
  if (!g_str_equal (parent, "top"))
    REPORT_IF_FAILED (cli, parse_id (parent, FALSE, &parent_id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_unit_repository_move (cli->vault, id, parent_id, &error), error);
  return 0;
}

int
ld_cli_unit_rename_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_unit_repository_rename (cli->vault, id, (*args)[1], &error), error);
  return 0;
}

int
ld_cli_unit_merge_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *into = NULL;
  gint64 id = 0, target = 0;
  const GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_STRING, &into, N_("The unit that takes over its cadres and units"), N_("ID") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  if (into == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("The option --into ID is required."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, parse_id (into, FALSE, &target, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_unit_repository_merge (cli->vault, id, target, &error), error);
  return 0;
}

static int
retire_run (LdCli               *cli,
            const LdCliCommand  *command,
            char              ***args,
            gboolean             unit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is retired (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  if (reason == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("The option --reason TEXT is required."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  if (unit)
    ok = ld_unit_repository_retire (cli->vault, id, reason, &error);
  else
    ok = ld_cadre_repository_retire (cli->vault, id, reason, &error);
  REPORT_IF_FAILED (cli, ok, error);
  return 0;
}

int
ld_cli_unit_retire_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  return retire_run (cli, command, args, TRUE);
}

/* --- cadre ----------------------------------------------------------------------- */

/* Tab-separated output: a cell never holds a tab or a line break. */
static void
append_cell (GString    *line,
             const char *text)
{
  if (line->len > 0)
    g_string_append_c (line, '\t');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static const char * const authorities[] = { "central", "province", "city", "county", "unit", NULL };
static const char * const levels[] = { "xiangke", "xianchu", "tingju", "shengbu", "guojia", NULL };
static const char * const statuses[] = { "serving", "left", "retired", "transferred", NULL };

static gboolean
check_code (const char          *value,
            const char * const  *codes,
            const char          *option,
            GError             **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *known = NULL;

  if (value == NULL || g_strv_contains (codes, value))
    return TRUE;
  shown = ld_cli_text_sanitize (value);
  known = g_strjoinv (", ", (char **) codes);
  /* Translators: an option, the value typed and the values it takes. */
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("%s: unknown value “%s”. Use one of: %s."), option, shown, known);
  return FALSE;
}

/* --category given once or more, each a code or a comma-separated list. */
static gboolean
parse_categories (char      **values,
                  guint      *flags,
                  GError    **error)
{
  *flags = 0;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *code = g_strstrip (parts[j]);
          LdCategory category = ld_category_from_string (code);

          if (*code == '\0')
            continue;
          if (category == LD_CATEGORY_NONE)
            {
              g_autofree char *shown = ld_cli_text_sanitize (code);
              g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                           _("“%s” is not a category. Use top-leader, young, newly-promoted or key-position."),
                           shown);
              return FALSE;
            }
          *flags |= category;
        }
    }
  return TRUE;
}

static gboolean
parse_order (const char    *text,
             LdCadreOrder  *order,
             GError       **error)
{
  static const struct
  {
    const char   *name;
    LdCadreOrder  order;
  } orders[] = {
    { "stroke", LD_CADRE_ORDER_STROKE },
    { "pinyin", LD_CADRE_ORDER_PINYIN },
    { "unit", LD_CADRE_ORDER_UNIT },
    { "age", LD_CADRE_ORDER_AGE },
    { "rank", LD_CADRE_ORDER_RANK },
    { "post-since", LD_CADRE_ORDER_POST_SINCE },
    { "id", LD_CADRE_ORDER_ID },
  };
  g_autofree char *shown = NULL;

  *order = LD_CADRE_ORDER_STROKE;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (g_str_equal (orders[i].name, text))
      {
        *order = orders[i].order;
        return TRUE;
      }
  shown = ld_cli_text_sanitize (text);
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
               _("“%s” is not an order. Use stroke, pinyin, unit, age, rank or post-since."), shown);
  return FALSE;
}

int
ld_cli_cadre_list_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *search = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *level = NULL;
  g_autofree char *status = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *order = NULL;
  g_auto(GStrv) categories = NULL;
  gboolean header = FALSE, all = FALSE, descending = FALSE;
  LdCadreFilter filter = { 0 };
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units below it"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only cadres whose name, pinyin, initials, ID number or post contain TEXT"), N_("TEXT") },
    { "category", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &categories,
      N_("Only cadres in one of these computed categories: top-leader, young, newly-promoted, key-position "
         "(repeatable, or a comma-separated list)"),
      N_("CATEGORY") },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &authority,
      N_("Only cadres under this management authority: central, province, city, county or unit"), N_("CODE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level,
      N_("Only cadres at this post level: xiangke, xianchu, tingju, shengbu or guojia"), N_("CODE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only cadres with this employment status: serving, left, retired or transferred"), N_("CODE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only cadres with this manual tag"), N_("TAG") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order,
      N_("Sort by stroke (surname strokes, the default), pinyin, unit, age (youngest first), rank (highest "
         "first) or post-since (longest in the post first)"),
      N_("ORDER") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Reverse the order"), NULL },
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, N_("Print a header line first"), NULL },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired files"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (unit != NULL)
    REPORT_IF_FAILED (cli, parse_id (unit, FALSE, &filter.unit_id, &error), error);
  REPORT_IF_FAILED (cli, parse_categories (categories, &filter.categories, &error), error);
  REPORT_IF_FAILED (cli, parse_order (order, &filter.order, &error), error);
  REPORT_IF_FAILED (cli, check_code (authority, authorities, "--authority", &error), error);
  REPORT_IF_FAILED (cli, check_code (level, levels, "--level", &error), error);
  REPORT_IF_FAILED (cli, check_code (status, statuses, "--status", &error), error);
  if (tag != NULL)
    {
      g_autofree char *utf8 = g_locale_to_utf8 (tag, -1, NULL, NULL, NULL);

      g_free (tag);
      tag = g_strstrip (g_steal_pointer (&utf8));
      if (tag == NULL)
        {
          g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                               _("The tag is not text in the encoding of the current locale."));
          return ld_cli_report_error (cli, error);
        }
    }
  filter.authority = authority;
  filter.post_level = level;
  filter.status = status;
  filter.tag = tag;
  filter.descending = descending;
  if (search != NULL)
    {
      g_autofree char *utf8 = g_locale_to_utf8 (search, -1, NULL, NULL, NULL);
      g_free (search);
      search = g_steal_pointer (&utf8);
      if (search == NULL)
        {
          g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                               _("The search text is not text in the encoding of the current locale."));
          return ld_cli_report_error (cli, error);
        }
    }
  filter.search = search;
  filter.include_retired = all;
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  /* Searches and the order rely on keys made with the current ICU. */
  REPORT_IF_FAILED (cli, ld_cadre_repository_refresh_keys (cli->vault, NULL, &error), error);
  cadres = ld_cadre_repository_list (cli->vault, &filter, &error);
  REPORT_IF_FAILED (cli, cadres != NULL, error);

  if (header)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      append_cell (line, C_("column", "Record"));
      append_cell (line, C_("cadre column", "Name"));
      append_cell (line, C_("column", "Sex"));
      append_cell (line, C_("column", "Date of birth"));
      append_cell (line, C_("column", "ID number"));
      append_cell (line, C_("column", "Unit"));
      append_cell (line, C_("column", "Post"));
      append_cell (line, C_("column", "Categories"));
      g_print ("%s\n", line->str);
    }
  for (guint i = 0; i < cadres->len; i++)
    {
      LdCadre *cadre = g_ptr_array_index (cadres, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_cadre_get_id (cadre));

      append_cell (line, id);
      append_cell (line, ld_cadre_get_name (cadre));
      append_cell (line, ld_cadre_sex_get_label (ld_cadre_get_sex (cadre)));
      append_cell (line, ld_cadre_get_birth_date (cadre));
      append_cell (line, ld_cadre_get_id_number (cadre));
      append_cell (line, ld_cadre_get_unit_name (cadre));
      append_cell (line, ld_cadre_get_post (cadre));
      append_cell (line, ld_cadre_get_categories (cadre));
      {
        g_autofree char *safe = ld_cli_text_sanitize (line->str);
        g_autofree char *tabbed = NULL;
        /* Sanitising writes tabs as \t: put the separators back. */
        g_auto(GStrv) parts = g_strsplit (safe, "\\t", -1);
        tabbed = g_strjoinv ("\t", parts);
        g_print ("%s\n", tabbed);
      }
    }
  return 0;
}

int
ld_cli_cadre_show_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) explanations = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char * const *fields;
  const LdCadreFields *values;
  gint64 id = 0;
  gboolean history = FALSE;
  const GOptionEntry entries[] = {
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("Also print every version of the file"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  cadre = ld_cadre_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, cadre != NULL, error);

  /* Translators: a cadre's name and the number of the record. */
  g_string_append_printf (out, _("%s (record %lld)\n"), ld_cadre_get_name (cadre), (long long) id);
  if (ld_cadre_get_retired_at (cadre) != 0)
    {
      g_autofree char *when = ld_cli_format_time (ld_cadre_get_retired_at (cadre));
      g_string_append_printf (out, _("Retired on %s: %s\n"), when, ld_cadre_get_retired_reason (cadre));
    }
  g_string_append_printf (out, "\n%s\n", _("A. Basic information"));
  fields = ld_cadre_field_names ();
  values = ld_cadre_get_fields (cadre);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (g_str_equal (fields[i], "unit_id"))
        value = g_strdup_printf ("%s (%lld)", ld_cadre_get_unit_name (cadre), (long long) values->unit_id);
      else if (g_str_equal (fields[i], "sex"))
        value = g_strdup (ld_cadre_sex_get_label (values->sex));
      else if (g_str_equal (fields[i], "grade"))
        value = values->grade ? g_strdup_printf ("%d", values->grade) : g_strdup ("");
      else if (g_str_equal (fields[i], "principal"))
        value = g_strdup (values->principal ? _("yes") : _("no"));
      else
        {
          GValue v = G_VALUE_INIT;
          g_autofree char *prop = g_strdelimit (g_strdup (fields[i]), "_", '-');

          g_object_get_property (G_OBJECT (cadre), prop, (g_value_init (&v, G_TYPE_STRING), &v));
          value = ld_cadre_field_format_value (fields[i], g_value_get_string (&v));
          g_value_unset (&v);
        }
      g_string_append_printf (out, "  %s: %s\n", ld_cadre_field_get_label (fields[i]), value ? value : "");
    }
  if (*ld_cadre_get_tags (cadre) != '\0')
    {
      g_auto(GStrv) tags = g_strsplit (ld_cadre_get_tags (cadre), ",", -1);
      g_autofree char *joined = g_strjoinv (C_("list separator", ", "), tags);

      g_string_append_printf (out, "  %s: %s\n", ld_cadre_field_get_label ("tags"), joined);
    }

  /* Computed categories, each with why. */
  explanations = ld_cadre_repository_explain_categories (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, explanations != NULL, error);
  g_string_append_printf (out, "\n%s\n", _("Categories (computed)"));
  for (guint i = 0; i < explanations->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (explanations, i));
  if (explanations->len == 0)
    g_string_append_printf (out, "  %s\n", _("(none)"));

  /* Sections B … Z. */
  REPORT_IF_FAILED (cli, ld_cli_entries_append_text (cli->vault, id, out, &error), error);

  if (history)
    {
      versions = ld_cadre_repository_versions (cli->vault, id, &error);
      REPORT_IF_FAILED (cli, versions != NULL, error);
      g_string_append_printf (out, "\n%s\n", _("History"));
      for (guint i = 0; i < versions->len; i++)
        {
          LdCadreVersion *v = g_ptr_array_index (versions, i);
          g_autofree char *when = ld_cli_format_time (v->time);
          g_auto(GStrv) before = g_strsplit (v->before, "\n", -1);
          g_auto(GStrv) after = g_strsplit (v->after, "\n", -1);

          g_string_append_printf (out, "  %lld  %s  %s  %s\n", (long long) v->seq, when, v->account, v->event);
          for (guint j = 0; after[j] != NULL && *after[j] != '\0'; j++)
            {
              const char *old = (before[0] != NULL && j < g_strv_length (before)) ? before[j] : "";
              char *eq = strchr (after[j], '=');
              const char *old_eq = strchr (old, '=');

              if (eq == NULL)
                continue;
              *eq = '\0';
              if (old_eq != NULL)
                g_string_append_printf (out, "      %s: %s → %s\n", ld_cadre_field_get_label (after[j]), old_eq + 1,
                                        eq + 1);
              else
                g_string_append_printf (out, "      %s: %s\n", ld_cadre_field_get_label (after[j]), eq + 1);
            }
        }
    }

  text = ld_cli_text_sanitize (out->str);
  {
    g_auto(GStrv) lines = g_strsplit (text, "\\n", -1);
    g_autofree char *joined = g_strjoinv ("\n", lines);
    g_print ("%s", joined);
  }
  return 0;
}

int
ld_cli_cadre_add_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *post = NULL;
  g_auto(GStrv) sets = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The cadre's name (required)"), N_("FULL-NAME") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("The resident ID number (required)"), N_("NUMBER") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The cadre's unit (required)"), N_("ID") },
    { "post", 0, 0, G_OPTION_ARG_STRING, &post, N_("The post held"), N_("TEXT") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Set another field of section A (repeatable)"),
      N_("FIELD=VALUE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  if (name == NULL || id_number == NULL || unit == NULL)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("The options --name, --id-number and --unit are required."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, parse_id (unit, FALSE, &fields.unit_id, &error), error);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autofree char *utf8 = g_locale_to_utf8 (sets[i], -1, NULL, NULL, NULL);
      char *eq = utf8 ? strchr (utf8, '=') : NULL;

      if (eq != NULL)
        *eq = '\0';
      if (eq == NULL || g_str_equal (utf8, "unit_id") || !ld_cadre_fields_set (&fields, utf8, eq + 1))
        {
          g_autofree char *shown = ld_cli_text_sanitize (sets[i]);
          g_autofree char *names = g_strjoinv (", ", (char **) ld_cadre_field_names ());

          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                       _("“%s” is not FIELD=VALUE with a known field. The fields are: %s."), shown, names);
          return ld_cli_report_error (cli, error);
        }
    }
  {
    g_autofree char *n = g_locale_to_utf8 (name, -1, NULL, NULL, NULL);
    g_autofree char *p = post ? g_locale_to_utf8 (post, -1, NULL, NULL, NULL) : NULL;

    if (n == NULL || (post != NULL && p == NULL))
      {
        g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                             _("An argument is not text in the encoding of the current locale."));
        return ld_cli_report_error (cli, error);
      }
    ld_cadre_fields_set (&fields, "name", n);
    ld_cadre_fields_set (&fields, "id_number", id_number);
    if (p != NULL)
      ld_cadre_fields_set (&fields, "post", p);
  }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_cadre_repository_create (cli->vault, &fields, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

int
ld_cli_cadre_retire_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  return retire_run (cli, command, args, FALSE);
}

int
ld_cli_cadre_set_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  for (guint i = 1; (*args)[i] != NULL; i++)
    {
      const char *eq = strchr ((*args)[i], '=');

      if (eq == NULL)
        {
          g_autofree char *shown = ld_cli_text_sanitize ((*args)[i]);
          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not FIELD=VALUE."), shown);
          return ld_cli_report_error (cli, error);
        }
      g_ptr_array_add (names, g_strndup ((*args)[i], eq - (*args)[i]));
      g_ptr_array_add (values, g_strdup (eq + 1));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_cadre_repository_set_fields (cli->vault, id, (const char * const *) names->pdata,
                                                         (const char * const *) values->pdata, &error),
                    error);
  return 0;
}

char *
ld_cli_cadre_fields_help (void)
{
  g_autoptr(GString) out = g_string_new (_("Fields:"));
  const char * const *fields = ld_cadre_field_names ();

  g_string_append_c (out, '\n');
  for (guint i = 0; fields[i] != NULL; i++)
    g_string_append_printf (out, "  %-18s %s\n", fields[i], ld_cadre_field_get_label (fields[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- cadre tag / untag / photo ------------------------------------------------- */

static char *
arg_to_utf8 (const char  *arg,
             GError     **error)
{
  char *utf8 = g_locale_to_utf8 (arg, -1, NULL, NULL, NULL);

  if (utf8 == NULL)
    g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                         _("An argument is not text in the encoding of the current locale."));
  return utf8;
}

int
ld_cli_cadre_tag_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *note_utf8 = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why the tag was added"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  tag = arg_to_utf8 ((*args)[1], &error);
  REPORT_IF_FAILED (cli, tag != NULL, error);
  if (note != NULL)
    {
      note_utf8 = arg_to_utf8 (note, &error);
      REPORT_IF_FAILED (cli, note_utf8 != NULL, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_cadre_repository_add_tag (cli->vault, id, tag, note_utf8, &error), error);
  return 0;
}

int
ld_cli_cadre_untag_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  gint64 id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  tag = arg_to_utf8 ((*args)[1], &error);
  REPORT_IF_FAILED (cli, tag != NULL, error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_cadre_repository_remove_tag (cli->vault, id, tag, &error), error);
  return 0;
}

/* Larger files are refused before they are read (the vault takes 2 MB). */
#define PHOTO_READ_LIMIT (4 * 1024 * 1024)

int
ld_cli_cadre_photo_run (LdCli               *cli,
                        const LdCliCommand  *command,
                        char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = NULL;
  gboolean remove = FALSE;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, N_("Remove the photo"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], FALSE, &id, &error), error);
  if (remove == ((*args)[1] != NULL))
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Give either the photo file or --remove, not both or neither."));
      return ld_cli_report_error (cli, error);
    }
  if (!remove)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg ((*args)[1]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                     NULL, &error);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (info == NULL)
        {
          g_autofree char *shown = ld_cli_text_sanitize ((*args)[1]);
          g_autoptr(GError) wrapped = g_error_new (LD_ERROR, LD_ERROR_INVALID, _("Cannot read “%s”: %s"), shown,
                                                   error->message);
          return ld_cli_report_error (cli, wrapped);
        }
      if (g_file_info_get_size (info) > PHOTO_READ_LIMIT)
        {
          g_set_error_literal (&error, LD_ERROR, LD_ERROR_INVALID,
                               _("The photo is larger than 2 MB. Save it smaller or at a lower quality."));
          return ld_cli_report_error (cli, error);
        }
      if (!g_file_load_contents (file, NULL, &data, &len, NULL, &error))
        {
          g_autofree char *shown = ld_cli_text_sanitize ((*args)[1]);
          g_autoptr(GError) wrapped = g_error_new (LD_ERROR, LD_ERROR_INVALID, _("Cannot read “%s”: %s"), shown,
                                                   error->message);
          return ld_cli_report_error (cli, wrapped);
        }
      photo = g_bytes_new_take (g_steal_pointer (&data), len);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_cadre_repository_set_photo (cli->vault, id, photo, &error), error);
  return 0;
}
