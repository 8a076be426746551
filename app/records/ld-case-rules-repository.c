/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-case-rules-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-records-util.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Like the category rules, the deadlines decide what every unit is
 * reminded of: a business decision of the discipline organ, set by the
 * leader who approves, citing the regulation or decision. */
#define CASE_RULES_CHANGE_ACTION LD_ACTION_RECORD_APPROVE

/* The rows of the case keys in category_rules. The category rules read
 * the other rows (ld-rules-repository.c). */
#define CASE_KEYS_WHERE "(key LIKE 'case.%' OR key LIKE 'talk.%')"

#define CACHE_KEY "ld-case-rules-cache"

typedef struct
{
  gint64       last_id;
  char        *date;      /* the reference date, "YYYY-MM-DD" */
  LdCaseRules  rules;
} Cache;

static void
cache_free (gpointer data)
{
  Cache *cache = data;

  g_free (cache->date);
  g_free (cache);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Strict "YYYY-MM-DD" of a real day. */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  guint64 y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1900 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* The values in force at reference: per key, the row with the latest
 * valid_from on or before reference ("" = since always), the later row on
 * a tie; the default where no row applies. */
static gboolean
load_rules (LdVault     *vault,
            const char  *reference,
            LdCaseRules *rules,
            GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  ld_case_rules_init_defaults (rules);
  stmt = ld_sql_prepare (db, "SELECT key, value, valid_from FROM category_rules WHERE " CASE_KEYS_WHERE
                         " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      const char *key = ld_sql_column_text (stmt, 0);
      const char *value = ld_sql_column_text (stmt, 1);
      const char *from = ld_sql_column_text (stmt, 2);
      const char *current;
      LdCaseRules scratch;

      if (!ld_case_rules_is_key (key))
        continue;
      if (*from != '\0' && strcmp (from, reference) > 0)
        continue;
      current = g_hash_table_lookup (best, key);
      if (current != NULL && strcmp (from, current) < 0)
        continue;
      scratch = *rules;
      if (!ld_case_rules_set (&scratch, key, value, &local_error))
        {
          g_warning ("Ignoring a stored deadline rule: %s", local_error->message);
          continue;
        }
      *rules = scratch;
      g_hash_table_replace (best, g_strdup (key), g_strdup (from));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_case_rules_repository_load (LdVault     *vault,
                               const GDate *reference,
                               LdCaseRules *rules,
                               GError     **error)
{
  Cache *cache;
  g_autofree char *date = NULL;
  gint64 last_id = 0;
  GDate today;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (reference == NULL || g_date_valid (reference), FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  if (reference == NULL)
    {
      _ld_cadre_today (&today);
      reference = &today;
    }
  date = format_date (reference);

  /* The table is append-only: its last row number tells whether it
   * changed, also from another process. */
  if (!ld_sql_query_int64 (_ld_vault_get_db (vault), "SELECT ifnull (max (id), 0) FROM category_rules", 0,
                           &last_id, error))
    return FALSE;
  cache = g_object_get_data (G_OBJECT (vault), CACHE_KEY);
  if (cache == NULL || cache->last_id != last_id || !g_str_equal (cache->date, date))
    {
      Cache *fresh = g_new0 (Cache, 1);

      if (!load_rules (vault, date, &fresh->rules, error))
        {
          cache_free (fresh);
          return FALSE;
        }
      fresh->last_id = last_id;
      fresh->date = g_steal_pointer (&date);
      g_object_set_data_full (G_OBJECT (vault), CACHE_KEY, fresh, cache_free);
      cache = fresh;
    }
  *rules = cache->rules;
  return TRUE;
}

GPtrArray *
ld_case_rules_repository_history (LdVault  *vault,
                                  GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_rule_row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT id, key, value, source, valid_from, account, created_at FROM category_rules"
                         " WHERE " CASE_KEYS_WHERE " ORDER BY id",
                         error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdRuleRow *row;

      if (!ld_case_rules_is_key (ld_sql_column_text (stmt, 1)))
        continue;
      row = g_new0 (LdRuleRow, 1);
      row->id = sqlite3_column_int64 (stmt, 0);
      row->key = g_strdup (ld_sql_column_text (stmt, 1));
      row->value = g_strdup (ld_sql_column_text (stmt, 2));
      row->source = g_strdup (ld_sql_column_text (stmt, 3));
      row->valid_from = g_strdup (ld_sql_column_text (stmt, 4));
      row->account = g_strdup (ld_sql_column_text (stmt, 5));
      row->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
ld_case_rules_repository_set (LdVault     *vault,
                              const char  *key,
                              const char  *value,
                              const char  *source,
                              const char  *valid_from,
                              GError     **error)
{
  LdCaseRules scratch;
  g_autofree char *stored = NULL;
  g_autofree char *clean_from = NULL;
  g_autofree char *clean_source = NULL;
  g_autofree char *details = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  GDate date;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ld_vault_check (vault, CASE_RULES_CHANGE_ACTION, error))
    return FALSE;

  /* The key and the value as the rules check them, stored in normal form
   * (" 20 " → "20"). */
  ld_case_rules_init_defaults (&scratch);
  if (!ld_case_rules_set (&scratch, key, value, error))
    return FALSE;
  stored = ld_case_rules_get (&scratch, key);

  clean_from = g_strstrip (g_strdup (valid_from ? valid_from : ""));
  if (*clean_from == '\0')
    {
      /* A change takes effect today unless told otherwise: earlier dates
       * keep the values they had. */
      _ld_cadre_today (&date);
      g_free (clean_from);
      clean_from = format_date (&date);
    }
  else if (!parse_iso_date (clean_from, &date))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid date for when the rule “%s” takes effect: write it as YYYY-MM-DD, "
                     "for example 2026-01-01."),
                   clean_from, key);
      return FALSE;
    }
  clean_source = _ld_records_clean_text (source, _("The source (the regulation or decision)"), 200, TRUE, error);
  if (clean_source == NULL)
    return FALSE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO category_rules (key, value, source, valid_from, account, created_at)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stored, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error))
    goto fail;
  details = g_strdup_printf ("value=%s; valid_from=%s; source=%s", stored, clean_from, clean_source);
  if (!ld_audit_append (vault, LD_AUDIT_RULE_SET, "rule", key, LD_AUDIT_OUTCOME_OK, details, error))
    goto fail;
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  g_object_set_data (G_OBJECT (vault), CACHE_KEY, NULL);
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  return FALSE;
}
