/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-record-history"

#include "config.h"

#include <sqlite3.h>

#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"

gboolean
_ld_record_add_version (LdVault     *vault,
                        const char  *record_type,
                        gint64       record_id,
                        const char  *event,
                        const char  *before,
                        const char  *after,
                        GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO record_versions (record_type, record_id, seq, account, ts_utc, event, before, after)"
                         " VALUES (?1, ?2, (SELECT ifnull (max (seq), 0) + 1 FROM record_versions"
                         "                  WHERE record_type = ?1 AND record_id = ?2), ?3, ?4, ?5, ?6, ?7)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  sqlite3_bind_text (stmt, 3, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _ld_records_now ());
  sqlite3_bind_text (stmt, 5, event, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, before != NULL ? before : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, after != NULL ? after : "", -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

gint64
_ld_record_last_version (LdVault     *vault,
                         const char  *record_type,
                         gint64       record_id)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT ifnull (max (seq), 0) FROM record_versions"
                                                 " WHERE record_type = ? AND record_id = ?",
                                                 NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
_ld_record_list_versions (LdVault     *vault,
                          const char  *record_type,
                          gint64       record_id,
                          GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_cadre_version_free);
  int rc;

  stmt = ld_sql_prepare (db,
                         "SELECT seq, account, ts_utc, event, before, after FROM record_versions"
                         " WHERE record_type = ? AND record_id = ? ORDER BY seq",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdCadreVersion *v = g_new0 (LdCadreVersion, 1);

      v->seq = sqlite3_column_int64 (stmt, 0);
      v->account = g_strdup (ld_sql_column_text (stmt, 1));
      v->time = sqlite3_column_int64 (stmt, 2);
      v->event = g_strdup (ld_sql_column_text (stmt, 3));
      v->before = g_strdup (ld_sql_column_text (stmt, 4));
      v->after = g_strdup (ld_sql_column_text (stmt, 5));
      g_ptr_array_add (versions, v);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

char *
_ld_record_next_reg_no (LdVault     *vault,
                        const char  *kind,
                        int          year,
                        const char  *prefix,
                        GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) query = NULL;
  gint64 last = 0;
  int rc;

  /* SQLite 3.15 has no UPSERT: insert-or-ignore, then bump. */
  upsert = ld_sql_prepare (db,
                           "INSERT OR IGNORE INTO reg_counters (kind, year, last) VALUES (?1, ?2, 0)",
                           error);
  if (upsert == NULL)
    return NULL;
  sqlite3_bind_text (upsert, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (upsert, 2, year);
  if (!ld_sql_step_done (db, upsert, error))
    return NULL;
  query = ld_sql_prepare (db, "UPDATE reg_counters SET last = last + 1 WHERE kind = ?1 AND year = ?2", error);
  if (query == NULL)
    return NULL;
  sqlite3_bind_text (query, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (query, 2, year);
  if (!ld_sql_step_done (db, query, error))
    return NULL;
  g_clear_pointer (&query, sqlite3_finalize);
  query = ld_sql_prepare (db, "SELECT last FROM reg_counters WHERE kind = ?1 AND year = ?2", error);
  if (query == NULL)
    return NULL;
  sqlite3_bind_text (query, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (query, 2, year);
  rc = sqlite3_step (query);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  last = sqlite3_column_int64 (query, 0);
  return g_strdup_printf ("%04d-%s%04" G_GINT64_FORMAT, year, prefix != NULL ? prefix : "", last);
}

void
_ld_record_append_field (GString    *str,
                         const char *key,
                         const char *value)
{
  g_string_append (str, key);
  g_string_append_c (str, '=');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (str, "\\n");
      else if (*p == '\\')
        g_string_append (str, "\\\\");
      else
        g_string_append_c (str, *p);
    }
  g_string_append_c (str, '\n');
}

void
_ld_record_diff_fields (char * const        *old_values,
                        char * const        *new_values,
                        const char * const  *names,
                        guint                n_fields,
                        GString             *before,
                        GString             *after,
                        GString             *changed)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *a = old_values != NULL && old_values[i] != NULL ? old_values[i] : "";
      const char *b = new_values[i] != NULL ? new_values[i] : "";

      if (old_values != NULL && g_str_equal (a, b))
        continue;
      if (old_values == NULL && *b == '\0')
        continue;
      if (old_values != NULL)
        _ld_record_append_field (before, names[i], a);
      _ld_record_append_field (after, names[i], b);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", names[i]);
    }
}
