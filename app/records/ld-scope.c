/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-scope"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-scope-private.h"
#include "records/ld-user-repository.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define SCOPE_CTE                                                                       \
  "WITH RECURSIVE visible_units(id) AS ("                                              \
  " SELECT u.id FROM units u JOIN user_scopes s ON s.unit_id = 0 OR s.unit_id = u.id" \
  "  WHERE s.user_id = ?1"                                                             \
  " UNION SELECT c.id FROM units c JOIN visible_units p ON c.parent_id = p.id) "

static gint64
scope_user (LdVault *vault)
{
  const LdSession *session = ld_vault_get_session (vault);

  if (session == NULL || !ld_role_is_business (session->role) || session->must_change_password)
    return -1;
  return session->user_id;
}

sqlite3_stmt *
_ld_scope_prepare (LdVault     *vault,
                   const char  *sql,
                   GError     **error)
{
  g_autofree char *full = NULL;
  sqlite3_stmt *stmt;

  if (!_ld_vault_require_open (vault, error))
    return NULL;
  full = g_strconcat (SCOPE_CTE, sql, NULL);
  stmt = ld_sql_prepare (_ld_vault_get_db (vault), full, error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, scope_user (vault));
  return stmt;
}

gboolean
_ld_scope_unit_visible (LdVault   *vault,
                        gint64     unit_id,
                        gboolean  *visible,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault, "SELECT ?2 IN (SELECT id FROM visible_units)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, unit_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  *visible = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
_ld_scope_has_all (LdVault   *vault,
                   gboolean  *all,
                   GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_ld_vault_require_open (vault, error))
    return FALSE;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db, "SELECT count(*) FROM user_scopes WHERE user_id = ? AND unit_id = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scope_user (vault));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *all = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

/* --- Granting ---------------------------------------------------------- */

static LdUser *
find_business_account (LdVault     *vault,
                       const char  *account,
                       GError     **error)
{
  g_autoptr(LdUser) user = ld_user_repository_find (vault, account, error);

  if (user == NULL)
    return NULL;
  if (!ld_role_is_business (ld_user_get_role (user)))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unit scopes are for business accounts only; “%s” is a %s account."),
                   ld_user_get_name (user), ld_role_get_label (ld_user_get_role (user)));
      return NULL;
    }
  return g_steal_pointer (&user);
}

static gboolean
scope_exists (sqlite3   *db,
              gint64     user_id,
              gint64     unit_id,
              gboolean  *exists,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT count(*) FROM user_scopes WHERE user_id = ? AND unit_id = ?",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *exists = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

static char *
scope_details (gint64 unit_id)
{
  if (unit_id == 0)
    return g_strdup ("unit=all");
  return g_strdup_printf ("unit=%" G_GINT64_FORMAT, unit_id);
}

/* Grant and revoke differ only in their statement and event: one
 * transaction with the change and its audit entry. The statement takes
 * ?1 user id, ?2 unit id and may use ?3, the time. */
static gboolean
write_scope_change (LdVault     *vault,
                    LdUser      *user,
                    gint64       unit_id,
                    const char  *sql,
                    const char  *event,
                    GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *details = scope_details (unit_id);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, ld_user_get_id (user));
  sqlite3_bind_int64 (stmt, 2, unit_id);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, event, "account", ld_user_get_name (user), LD_AUDIT_OUTCOME_OK, details, error))
    goto fail;
  return _ld_vault_commit (vault, error);

fail:
  _ld_vault_rollback (vault);
  return FALSE;
}

gboolean
ld_scope_grant (LdVault     *vault,
                const char  *account,
                gint64       unit_id,
                GError     **error)
{
  g_autoptr(LdUser) user = NULL;
  sqlite3 *db;
  gboolean exists = FALSE;

  if (!ld_vault_check (vault, LD_ACTION_SCOPE_CHANGE, error))
    return FALSE;
  user = find_business_account (vault, account, error);
  if (user == NULL)
    return FALSE;
  db = _ld_vault_get_db (vault);
  if (unit_id < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A unit number is a positive whole number; use “all” for every unit."));
      return FALSE;
    }
  if (unit_id > 0)
    {
      g_autoptr(sqlite3_stmt) unit = ld_sql_prepare (db, "SELECT retired_at IS NOT NULL FROM units WHERE id = ?", error);
      int rc;

      if (unit == NULL)
        return FALSE;
      sqlite3_bind_int64 (unit, 1, unit_id);
      rc = sqlite3_step (unit);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no unit number %lld. Check the number with “unit list”."), (long long) unit_id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          ld_sql_set_error (db, rc, error);
          return FALSE;
        }
      if (sqlite3_column_int (unit, 0))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The unit number %lld is retired and cannot be granted."), (long long) unit_id);
          return FALSE;
        }
    }
  if (!scope_exists (db, ld_user_get_id (user), unit_id, &exists, error))
    return FALSE;
  if (exists)
    return TRUE;

  return write_scope_change (vault, user, unit_id,
                             "INSERT INTO user_scopes (user_id, unit_id, granted_at) VALUES (?1, ?2, ?3)",
                             LD_AUDIT_SCOPE_GRANTED, error);
}

gboolean
ld_scope_revoke (LdVault     *vault,
                 const char  *account,
                 gint64       unit_id,
                 GError     **error)
{
  g_autoptr(LdUser) user = NULL;
  sqlite3 *db;
  gboolean exists = FALSE;

  if (!ld_vault_check (vault, LD_ACTION_SCOPE_CHANGE, error))
    return FALSE;
  user = find_business_account (vault, account, error);
  if (user == NULL)
    return FALSE;
  db = _ld_vault_get_db (vault);
  if (!scope_exists (db, ld_user_get_id (user), unit_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      if (unit_id == 0)
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("The account “%s” does not hold the scope of every unit."), ld_user_get_name (user));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("The account “%s” does not hold a scope on unit number %lld. "
                       "Only a granted unit itself can be taken away, not a unit below it."),
                     ld_user_get_name (user), (long long) unit_id);
      return FALSE;
    }

  return write_scope_change (vault, user, unit_id, "DELETE FROM user_scopes WHERE user_id = ?1 AND unit_id = ?2",
                             LD_AUDIT_SCOPE_REVOKED, error);
}

GArray *
ld_scope_list (LdVault     *vault,
               const char  *account,
               GError     **error)
{
  const LdSession *session;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *lower = g_ascii_strdown (account ? account : "", -1);
  sqlite3 *db;
  int rc;

  if (!_ld_vault_require_open (vault, error))
    return NULL;
  session = ld_vault_get_session (vault);
  if (!g_str_equal (lower, session->name) && !ld_vault_check (vault, LD_ACTION_SCOPE_CHANGE, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT s.unit_id FROM user_scopes s JOIN users u ON u.id = s.user_id"
                         " WHERE u.name = ? ORDER BY s.unit_id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
