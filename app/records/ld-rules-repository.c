/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-rules-repository"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-records-util.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Who may change the rules. They decide who counts as a young, newly
 * promoted or key-position cadre in every unit, so they are a business
 * decision of the discipline organ, not a system setting (the system
 * administrator never touches case content): the leader, who approves,
 * sets them, citing the regulation or decision as the source. */
#define RULES_CHANGE_ACTION LD_ACTION_RECORD_APPROVE

/* The deadline and talk rules (case.*, talk.*) live in the same table,
 * read by ld-case-rules-repository.c; the category rules skip them. */
#define CATEGORY_KEYS_WHERE "key NOT LIKE 'case.%' AND key NOT LIKE 'talk.%'"

/* The category rules in force at reference, from the rows of their keys. */
static gboolean
load_category_rules (LdVault          *vault,
                     const GDate      *reference,
                     LdCategoryRules  *rules,
                     GError          **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  ld_category_rules_clear (rules);
  ld_category_rules_init_defaults (rules);
  stmt = ld_sql_prepare (db,
                         "SELECT key, value, source, valid_from FROM category_rules WHERE " CATEGORY_KEYS_WHERE
                         " ORDER BY id",
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
ld_rule_row_free (LdRuleRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->value);
  g_free (row->source);
  g_free (row->valid_from);
  g_free (row->account);
  g_free (row);
}

gboolean
ld_rules_repository_load (LdVault          *vault,
                          const GDate      *reference,
                          LdCategoryRules  *rules,
                          GError          **error)
{
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
  return load_category_rules (vault, reference, rules, error);
}

GPtrArray *
ld_rules_repository_history (LdVault   *vault,
                             GError   **error)
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
                         " WHERE " CATEGORY_KEYS_WHERE " ORDER BY id",
                         error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdRuleRow *row = g_new0 (LdRuleRow, 1);

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
ld_rules_repository_set (LdVault     *vault,
                         const char  *key,
                         const char  *value,
                         const char  *source,
                         const char  *valid_from,
                         GError     **error)
{
  g_auto(LdCategoryRules) scratch = { 0 };
  g_autofree char *clean_source = NULL;
  g_autofree char *clean_from = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *details = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  GDate today;

  if (!ld_vault_check (vault, RULES_CHANGE_ACTION, error))
    return FALSE;

  /* The key, the value and the date, as the rules check them; the value
   * is stored in its normal form ("财务、采购" → "finance,procurement"). */
  ld_category_rules_init_defaults (&scratch);
  if (!ld_category_rules_set (&scratch, key, value, error))
    return FALSE;
  stored = ld_category_rules_get (&scratch, key);
  clean_from = g_strstrip (g_strdup (valid_from ? valid_from : ""));
  if (*clean_from == '\0')
    {
      /* A change takes effect today unless told otherwise: earlier
       * dates keep the values they had. */
      _ld_cadre_today (&today);
      g_free (clean_from);
      clean_from = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today), g_date_get_month (&today),
                                    g_date_get_day (&today));
    }
  if (!ld_category_rules_apply_row (&scratch, key, stored, "", clean_from, NULL, error))
    return FALSE;
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
  _ld_cadre_rules_changed (vault);
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  return FALSE;
}
