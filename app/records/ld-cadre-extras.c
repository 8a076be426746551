/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-extras"

#include "config.h"

#include <glib-object.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The computed categories, the post level and the seniority of a cadre as
 * SQL functions over its columns, so the list can filter and sort 100,000
 * files without building an LdCadre for each; and the category rules in
 * force, cached per vault. */

/* --- Facts from columns ------------------------------------------------------ */

/* Up to max digits as a number; -1 if there is none. */
static int
read_number (const char **p,
             int          max)
{
  int n = 0, i = 0;

  for (; i < max && g_ascii_isdigit ((*p)[i]); i++)
    n = n * 10 + ((*p)[i] - '0');
  *p += i;
  return i > 0 ? n : -1;
}

/* "YYYY-MM-DD" or "YYYY-MM" (as stored) into numbers, 0 when unknown; by
 * hand, as this runs for every row of a filtered list. */
static void
split_date (const char *date,
            int        *y,
            int        *m,
            int        *d)
{
  const char *p = date;

  *y = *m = *d = 0;
  if (p == NULL || (*y = read_number (&p, 4)) < 0 || *p++ != '-' || (*m = read_number (&p, 2)) < 0)
    {
      *y = *m = *d = 0;
      return;
    }
  if (*p == '-' && (p++, (*d = read_number (&p, 2)) < 0))
    *d = 0;
}

/* The level code the rules look at: the leading post level, else the rank. */
static const char *
rank_level (const char *post_level,
            const char *rank)
{
  return (post_level != NULL && *post_level != '\0') ? post_level : rank;
}

static LdCategory
compute (const LdCategoryRules *rules,
         const char            *birth_date,
         const char            *post_level,
         const char            *rank,
         gboolean               principal,
         const char            *promoted_at,
         const char            *post_tags,
         const GDate           *reference,
         GPtrArray             *explanations)
{
  g_auto(GStrv) tags = NULL;
  LdCadreFacts facts = { 0 };

  split_date (birth_date, &facts.birth_year, &facts.birth_month, &facts.birth_day);
  split_date (promoted_at, &facts.promoted_year, &facts.promoted_month, &facts.promoted_day);
  facts.rank_level = rank_level (post_level, rank);
  facts.principal_post = principal;
  if (post_tags != NULL && *post_tags != '\0')
    tags = g_strsplit (post_tags, ",", -1);
  facts.post_tags = (const char * const *) tags;
  return ld_categories_compute (rules, &facts, reference, explanations);
}

LdCategory
_ld_cadre_compute_categories (const LdCategoryRules *rules,
                              const LdCadreFields   *fields,
                              const GDate           *reference,
                              GPtrArray             *explanations)
{
  g_return_val_if_fail (rules != NULL && fields != NULL && reference != NULL, LD_CATEGORY_NONE);

  return compute (rules, fields->birth_date, fields->post_level, fields->rank, fields->principal,
                  fields->promoted_at, fields->post_tags, reference, explanations);
}

/* A number that sorts cadres from the most senior down: the post level,
 * principal before deputy, a leading post before the equivalent rank,
 * then the rank's own order (一级 before 二级). 0 when unknown. */
int
_ld_cadre_rank_order (const char *post_level,
                      const char *rank)
{
  const char *code = rank_level (post_level, rank);
  const char *current;
  int score, n = 0;

  if (code == NULL || *code == '\0')
    return 0;
  /* A title from before 2019 ranks as the rank it became. */
  current = ld_rank_get_current (code);
  if (current != NULL)
    code = current;
  score = 200 * (int) ld_post_level_from_code (code) + (ld_code_is_principal_level (code) ? 100 : 0);
  if (code[0] == 'L')
    score += 50;
  else if (code[0] == 'J' && sscanf (code + 1, "%d", &n) == 1)
    score += 20 - n;
  return score + 1;
}

/* --- SQL functions ------------------------------------------------------------ */

typedef struct
{
  LdCategoryRules rules;
} ParsedRules;

static void
parsed_rules_free (gpointer data)
{
  ParsedRules *parsed = data;

  ld_category_rules_clear (&parsed->rules);
  g_free (parsed);
}

/* The text form of rules (_ld_cadre_rules_to_text) back into rules. */
static ParsedRules *
parse_rules_text (const char *text)
{
  ParsedRules *parsed = g_new0 (ParsedRules, 1);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  ld_category_rules_init_defaults (&parsed->rules);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (!ld_category_rules_set (&parsed->rules, lines[i], eq + 1, NULL))
        g_warning ("Ignoring the category rule %s: its value does not parse", lines[i]);
    }
  return parsed;
}

static void
date_free (gpointer data)
{
  g_date_free (data);
}

static GDate *
parse_reference (const char *text)
{
  int y = 0, m = 0, d = 0;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_new_dmy (d, m, y);
}

/* ld_categories(birth_date, post_level, rank, principal, promoted_at,
 * post_tags, rules, reference): LdCategory flags. rules and reference are
 * meant to be bound parameters: their parsed forms are kept between rows. */
static void
categories_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  ParsedRules *rules = sqlite3_get_auxdata (context, 6);
  GDate *reference = sqlite3_get_auxdata (context, 7);
  ParsedRules *new_rules = NULL;
  GDate *new_reference = NULL;
  LdCategory flags;

  if (rules == NULL)
    rules = new_rules = parse_rules_text ((const char *) sqlite3_value_text (argv[6]));
  if (reference == NULL)
    {
      reference = new_reference = parse_reference ((const char *) sqlite3_value_text (argv[7]));
      if (reference == NULL)
        {
          g_clear_pointer (&new_rules, parsed_rules_free);
          sqlite3_result_error (context, "ld_categories: the reference date is not YYYY-MM-DD", -1);
          return;
        }
    }
  flags = compute (&rules->rules, (const char *) sqlite3_value_text (argv[0]),
                   (const char *) sqlite3_value_text (argv[1]), (const char *) sqlite3_value_text (argv[2]),
                   sqlite3_value_int (argv[3]) != 0, (const char *) sqlite3_value_text (argv[4]),
                   (const char *) sqlite3_value_text (argv[5]), reference, NULL);
  /* Keep the parsed forms for the next rows; SQLite frees them (at once,
   * when the argument is not a constant). */
  if (new_rules != NULL)
    sqlite3_set_auxdata (context, 6, new_rules, parsed_rules_free);
  if (new_reference != NULL)
    sqlite3_set_auxdata (context, 7, new_reference, date_free);
  sqlite3_result_int (context, (int) flags);
}

/* ld_post_level(post_level, rank): the post level code ("xiangke" …) or
 * NULL. */
static void
post_level_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  const char *code = rank_level ((const char *) sqlite3_value_text (argv[0]),
                                 (const char *) sqlite3_value_text (argv[1]));
  LdPostLevel level = ld_post_level_from_code (code);

  if (level == LD_POST_LEVEL_NONE)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, ld_post_level_to_code (level), -1, SQLITE_STATIC);
}

/* ld_rank_order(post_level, rank): _ld_cadre_rank_order(). */
static void
rank_order_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  sqlite3_result_int (context, _ld_cadre_rank_order ((const char *) sqlite3_value_text (argv[0]),
                                                     (const char *) sqlite3_value_text (argv[1])));
}

gboolean
_ld_cadre_sql_register (sqlite3  *db,
                        GError  **error)
{
  static const struct
  {
    const char *name;
    int         n_args;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "ld_categories", 8, categories_func },
    { "ld_post_level", 2, post_level_func },
    { "ld_rank_order", 2, rank_order_func },
  };
  sqlite3_stmt *probe = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  /* Registering again would expire every prepared statement (and fail
   * while one runs): do it once per connection. */
  if (sqlite3_prepare_v2 (db, "SELECT ld_categories ('', '', '', 0, '', '', '', '')", -1, &probe, NULL)
      == SQLITE_OK)
    {
      sqlite3_finalize (probe);
      return TRUE;
    }
  sqlite3_finalize (probe);

  for (gsize i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function (db, functions[i].name, functions[i].n_args,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, functions[i].func, NULL,
                                        NULL);

      if (rc != SQLITE_OK)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_FAILED, "Could not register the SQL function %s: %s",
                       functions[i].name, sqlite3_errstr (rc));
          return FALSE;
        }
    }
  return TRUE;
}

/* --- The rules in force, cached per vault ------------------------------------ */

#define RULES_CACHE_KEY "ld-cadre-rules-cache"

typedef struct
{
  char            *date;    /* the reference date, YYYY-MM-DD */
  gint64           last_id; /* max (id) of category_rules when loaded */
  LdCategoryRules  rules;
  char            *text;
} RulesCache;

static void
rules_cache_free (gpointer data)
{
  RulesCache *cache = data;

  g_free (cache->date);
  g_free (cache->text);
  ld_category_rules_clear (&cache->rules);
  g_free (cache);
}

char *
_ld_cadre_rules_to_text (const LdCategoryRules *rules)
{
  const char * const *keys = ld_category_rules_keys ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = ld_category_rules_get (rules, keys[i]);
      g_string_append_printf (out, "%s=%s\n", keys[i], value ? value : "");
    }
  return g_string_free (out, FALSE);
}

gboolean
_ld_cadre_rules_load (LdVault          *vault,
                      const GDate      *reference,
                      LdCategoryRules  *rules,
                      GError          **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  ld_category_rules_clear (rules);
  ld_category_rules_init_defaults (rules);
  /* The deadline and talk rules (ld-case-rules-repository.c) share the table. */
  stmt = ld_sql_prepare (db,
                         "SELECT key, value, source, valid_from FROM category_rules"
                         " WHERE key NOT LIKE 'case.%' AND key NOT LIKE 'talk.%' ORDER BY id",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;

      if (!ld_category_rules_apply_row (rules, ld_sql_column_text (stmt, 0), ld_sql_column_text (stmt, 1),
                                        ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 3), reference,
                                        &local_error))
        g_warning ("Ignoring a stored category rule: %s", local_error->message);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

void
_ld_cadre_today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
}

const LdCategoryRules *
_ld_cadre_get_rules (LdVault      *vault,
                     const char  **text,
                     GError      **error)
{
  RulesCache *cache = g_object_get_data (G_OBJECT (vault), RULES_CACHE_KEY);
  g_autofree char *date_text = NULL;
  GDate today;
  gint64 last_id = 0;

  if (!_ld_vault_require_open (vault, error))
    return NULL;
  _ld_cadre_today (&today);
  date_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today), g_date_get_month (&today),
                               g_date_get_day (&today));
  /* The table is append-only, so its last row number tells whether it
   * changed (also from another process). */
  if (!ld_sql_query_int64 (_ld_vault_get_db (vault), "SELECT ifnull (max (id), 0) FROM category_rules", 0,
                           &last_id, error))
    return NULL;
  if (cache == NULL || cache->last_id != last_id || !g_str_equal (cache->date, date_text))
    {
      RulesCache *fresh = g_new0 (RulesCache, 1);

      if (!_ld_cadre_rules_load (vault, &today, &fresh->rules, error))
        {
          rules_cache_free (fresh);
          return NULL;
        }
      fresh->date = g_steal_pointer (&date_text);
      fresh->last_id = last_id;
      fresh->text = _ld_cadre_rules_to_text (&fresh->rules);
      g_object_set_data_full (G_OBJECT (vault), RULES_CACHE_KEY, fresh, rules_cache_free);
      cache = fresh;
    }
  if (text != NULL)
    *text = cache->text;
  return &cache->rules;
}

void
_ld_cadre_rules_changed (LdVault *vault)
{
  g_object_set_data (G_OBJECT (vault), RULES_CACHE_KEY, NULL);
}
