/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-user-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-user-repository-private.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

typedef struct
{
  gint64   id;
  char    *name;
  LdRole   role;
  LdGrant  grants;
  gboolean disabled;
  gboolean must_change;
  gint64   password_changed_at;
  gint64   created_at;
  gint64   last_login_at;
} UserRow;

static void
user_row_clear (UserRow *row)
{
  g_clear_pointer (&row->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserRow, user_row_clear)

#define USER_COLUMNS "id, name, role, grants, disabled, must_change, password_changed_at, created_at, last_login_at"

static void
read_row (sqlite3_stmt *stmt,
          UserRow      *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->name = g_strdup (ld_sql_column_text (stmt, 1));
  row->role = ld_role_from_string (ld_sql_column_text (stmt, 2));
  row->grants = (LdGrant) sqlite3_column_int64 (stmt, 3);
  row->disabled = sqlite3_column_int (stmt, 4) != 0;
  row->must_change = sqlite3_column_int (stmt, 5) != 0;
  row->password_changed_at = sqlite3_column_int64 (stmt, 6);
  row->created_at = sqlite3_column_int64 (stmt, 7);
  row->last_login_at = sqlite3_column_int64 (stmt, 8);
}

static gboolean
find_row (LdVault     *vault,
          const char  *name,
          UserRow     *row,
          GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT " USER_COLUMNS " FROM users WHERE name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      read_row (stmt, row);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                 _("There is no account named “%s”. Check the name with “user list”."), lower);
  else
    ld_sql_set_error (db, rc, error);
  return FALSE;
}

static LdUser *
row_to_user (LdVault *vault,
             UserRow *row)
{
  gboolean locked = ld_key_slots_is_locked (_ld_vault_get_slots (vault), row->name,
                                            g_get_real_time () / G_USEC_PER_SEC, NULL);
  gboolean must_change = row->must_change
                         || ld_password_is_expired (ld_vault_get_policy (vault), row->password_changed_at,
                                                    g_get_real_time () / G_USEC_PER_SEC);

  return ld_user_new (row->id, row->name, row->role, row->grants, row->disabled, locked, must_change,
                      row->password_changed_at, row->created_at, row->last_login_at);
}

GPtrArray *
ld_user_repository_list (LdVault  *vault,
                         GError  **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_LIST, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db, "SELECT " USER_COLUMNS " FROM users ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(UserRow) row = { 0 };
      read_row (stmt, &row);
      g_ptr_array_add (users, row_to_user (vault, &row));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

LdUser *
ld_user_repository_find (LdVault     *vault,
                         const char  *name,
                         GError     **error)
{
  g_auto(UserRow) row = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_LIST, error) || !find_row (vault, name, &row, error))
    return NULL;
  return row_to_user (vault, &row);
}

/* --- Writes --------------------------------------------------------------- */

static gboolean
add_history (LdVault     *vault,
             gint64       user_id,
             const char  *password,
             gint64       now,
             GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  char hash[crypto_pwhash_STRBYTES];
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) prune = NULL;
  int keep = MAX (ld_vault_get_policy (vault)->history, 1);

  if (crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Not enough memory to protect the password. Close other programs and try again."));
      return FALSE;
    }
  stmt = ld_sql_prepare (db, "INSERT INTO password_history (user_id, hash, changed_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;

  prune = ld_sql_prepare (db,
                          "DELETE FROM password_history WHERE user_id = ?1 AND id NOT IN"
                          " (SELECT id FROM password_history WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)",
                          error);
  if (prune == NULL)
    return FALSE;
  sqlite3_bind_int64 (prune, 1, user_id);
  sqlite3_bind_int (prune, 2, MAX (keep, 24));
  return ld_sql_step_done (db, prune, error);
}

static gboolean
check_history (LdVault     *vault,
               gint64       user_id,
               const char  *password,
               GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  int n = ld_vault_get_policy (vault)->history;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (n <= 0)
    return TRUE;
  stmt = ld_sql_prepare (db, "SELECT hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int (stmt, 2, n);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hash = ld_sql_column_text (stmt, 0);
      if (crypto_pwhash_str_verify (hash, password, strlen (password)) == 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "You have used this password before: choose one that differs from your last password.",
                                    "You have used this password before: choose one that differs from your last %d passwords.",
                                    n),
                       n);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ld_user_insert (LdVault     *vault,
                 const char  *name,
                 LdRole       role,
                 const char  *password,
                 gboolean     must_change,
                 gint64      *out_id,
                 GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO users (name, role, grants, disabled, must_change, password_changed_at, created_at)"
                         " VALUES (?, ?, 0, 0, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ld_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, must_change ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (out_id)
    *out_id = id;
  return add_history (vault, id, password, now, error);
}

/* Runs a change whose audit entry is already appended: saves the key slots
 * if they changed, then commits; on failure puts everything back. */
static gboolean
finish_change (LdVault     *vault,
               LdKeySlots  *slots_backup,
               GError     **error)
{
  if (slots_backup != NULL && !_ld_vault_save_slots (vault, error))
    {
      _ld_vault_rollback (vault);
      _ld_vault_restore_slots (vault, slots_backup);
      return FALSE;
    }
  if (!_ld_vault_commit (vault, error))
    {
      if (slots_backup != NULL)
        _ld_vault_restore_slots (vault, slots_backup);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail_change (LdVault    *vault,
             LdKeySlots *slots_backup)
{
  _ld_vault_rollback (vault);
  if (slots_backup != NULL)
    _ld_vault_restore_slots (vault, slots_backup);
  return FALSE;
}

gboolean
ld_user_repository_add (LdVault      *vault,
                        const char   *name,
                        LdRole        role,
                        const char   *password,
                        LdKdfProfile  profile,
                        GError      **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *details = NULL;
  g_autoptr(LdKeySlots) backup = NULL;
  g_autoptr(GError) not_found = NULL;
  g_auto(UserRow) existing = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_CREATE, error))
    return FALSE;

  lower = g_ascii_strdown (name ? name : "", -1);
  if (!ld_account_name_check (lower, error))
    return FALSE;
  if (role <= LD_ROLE_NONE || role >= LD_N_ROLES)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Unknown role. Use one of: sysadmin, secadmin, auditor, investigator, leader, viewer."));
      return FALSE;
    }
  if (find_row (vault, lower, &existing, &not_found))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("An account named “%s” already exists. Choose another name."), lower);
      return FALSE;
    }
  if (!g_error_matches (not_found, LD_ERROR, LD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&not_found));
      return FALSE;
    }
  if (password == NULL || !ld_password_check (ld_vault_get_policy (vault), lower, password, error))
    return FALSE;

  backup = ld_key_slots_copy (_ld_vault_get_slots (vault));
  details = g_strdup_printf ("role=%s", ld_role_to_string (role));
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_user_insert (vault, lower, role, password, TRUE, NULL, error)
      || !ld_audit_append (vault, LD_AUDIT_ACCOUNT_CREATED, "account", lower, LD_AUDIT_OUTCOME_OK, details, error)
      || !ld_key_slots_set (_ld_vault_get_slots (vault), lower, password, _ld_vault_get_key (vault), profile, error))
    return fail_change (vault, backup);
  return finish_change (vault, backup, error);
}

static gboolean
count_enabled (LdVault     *vault,
               const char  *role,
               gint64      *n,
               GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT count(*) FROM users WHERE role = ? AND disabled = 0",
                                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ld_sql_set_error (db, sqlite3_errcode (db), error);
      return FALSE;
    }
  *n = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
update_int (LdVault     *vault,
            const char  *sql,
            gint64       value,
            gint64       id,
            GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, id);
  return ld_sql_step_done (db, stmt, error);
}

gboolean
ld_user_repository_set_disabled (LdVault     *vault,
                                 const char  *name,
                                 gboolean     disabled,
                                 GError     **error)
{
  g_auto(UserRow) row = { 0 };
  const LdSession *session;

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_DISABLE, error) || !find_row (vault, name, &row, error))
    return FALSE;
  session = ld_vault_get_session (vault);
  if (row.disabled == disabled)
    return TRUE;
  if (disabled && row.id == session->user_id)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("You cannot disable your own account. Another system administrator must do it."));
      return FALSE;
    }
  if (disabled && row.role == LD_ROLE_SYSADMIN)
    {
      gint64 n = 0;
      if (!count_enabled (vault, "sysadmin", &n, error))
        return FALSE;
      if (n <= 1)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("This is the last enabled system administrator account; it cannot be disabled."));
          return FALSE;
        }
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!update_int (vault, "UPDATE users SET disabled = ? WHERE id = ?", disabled ? 1 : 0, row.id, error)
      || !ld_audit_append (vault, disabled ? LD_AUDIT_ACCOUNT_DISABLED : LD_AUDIT_ACCOUNT_ENABLED, "account",
                           row.name, LD_AUDIT_OUTCOME_OK, "", error))
    return fail_change (vault, NULL);
  return finish_change (vault, NULL, error);
}

gboolean
ld_user_repository_set_password (LdVault     *vault,
                                 const char  *name,
                                 const char  *old_password,
                                 const char  *new_password,
                                 GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autoptr(LdKeySlots) backup = NULL;
  const LdSession *session;
  LdKeySlots *slots;
  gboolean own;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!_ld_vault_require_open (vault, error))
    return FALSE;
  session = ld_vault_get_session (vault);
  slots = _ld_vault_get_slots (vault);
  {
    g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);
    own = g_str_equal (lower, session->name);
  }

  if (own)
    {
      guint8 *key;

      if (!find_row (vault, session->name, &row, error))
        return FALSE;
      key = ld_key_slots_open (slots, row.name, old_password ? old_password : "", error);
      if (key == NULL)
        {
          g_clear_error (error);
          g_set_error_literal (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD,
                               _("The current password is wrong. Nothing was changed."));
          return FALSE;
        }
      ld_vault_key_free (key);
    }
  else if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_RESET_PASSWORD, error) || !find_row (vault, name, &row, error))
    return FALSE;

  if (new_password == NULL || !ld_password_check (ld_vault_get_policy (vault), row.name, new_password, error))
    return FALSE;
  if (own && !check_history (vault, row.id, new_password, error))
    return FALSE;

  backup = ld_key_slots_copy (slots);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!update_int (vault, "UPDATE users SET must_change = ? WHERE id = ?", own ? 0 : 1, row.id, error)
      || !update_int (vault, "UPDATE users SET password_changed_at = ? WHERE id = ?", now, row.id, error)
      || !add_history (vault, row.id, new_password, now, error)
      || !ld_audit_append (vault, own ? LD_AUDIT_PASSWORD_CHANGED : LD_AUDIT_PASSWORD_RESET, "account", row.name,
                           LD_AUDIT_OUTCOME_OK, own ? "" : "must change at next sign-in", error)
      || !ld_key_slots_set (slots, row.name, new_password, _ld_vault_get_key (vault),
                            ld_key_slots_get_profile (slots, row.name), error))
    return fail_change (vault, backup);
  if (!finish_change (vault, backup, error))
    return FALSE;
  if (own)
    _ld_vault_session_changed (vault, FALSE);
  return TRUE;
}

gboolean
ld_user_repository_unlock (LdVault     *vault,
                           const char  *name,
                           GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autoptr(LdKeySlots) backup = NULL;
  LdKeySlots *slots;

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_UNLOCK, error) || !find_row (vault, name, &row, error))
    return FALSE;
  slots = _ld_vault_get_slots (vault);
  backup = ld_key_slots_copy (slots);
  if (!ld_key_slots_clear_failures (slots, row.name))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The account “%s” is not locked."), row.name);
      return FALSE;
    }
  if (!_ld_vault_begin (vault, error))
    return fail_change (vault, backup);
  if (!ld_audit_append (vault, LD_AUDIT_ACCOUNT_UNLOCKED, "account", row.name, LD_AUDIT_OUTCOME_OK, "", error))
    return fail_change (vault, backup);
  return finish_change (vault, backup, error);
}

gboolean
ld_user_repository_set_grant (LdVault     *vault,
                              const char  *name,
                              LdGrant      grant,
                              gboolean     granted,
                              GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *details = NULL;
  LdGrant grants;

  if (!ld_vault_check (vault, LD_ACTION_GRANT_CHANGE, error) || !find_row (vault, name, &row, error))
    return FALSE;
  if (ld_grant_to_string (grant) == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Unknown grant. Use one of: export, print, reporter-identity."));
      return FALSE;
    }
  if (!ld_role_is_business (row.role))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Grants are for business accounts only; “%s” is a %s account."),
                   row.name, ld_role_get_label (row.role));
      return FALSE;
    }
  grants = granted ? (row.grants | grant) : (row.grants & ~grant);
  if (grants == row.grants)
    return TRUE;

  details = g_strdup_printf ("%s: %s", ld_grant_to_string (grant), granted ? "granted" : "revoked");
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!update_int (vault, "UPDATE users SET grants = ? WHERE id = ?", grants, row.id, error)
      || !ld_audit_append (vault, LD_AUDIT_GRANT_CHANGED, "account", row.name, LD_AUDIT_OUTCOME_OK, details, error))
    return fail_change (vault, NULL);
  return finish_change (vault, NULL, error);
}

gboolean
ld_user_repository_set_role (LdVault     *vault,
                             const char  *name,
                             LdRole       role,
                             GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *details = NULL;
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ld_vault_check (vault, LD_ACTION_ACCOUNT_CHANGE_ROLE, error) || !find_row (vault, name, &row, error))
    return FALSE;
  if (!ld_role_is_business (role) || !ld_role_is_business (row.role))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Only business roles (investigator, leader, viewer) can be changed. The system "
                             "administrator, security administrator and auditor roles are fixed when the account "
                             "is created, so that no account ever holds two of them."));
      return FALSE;
    }
  if (role == row.role)
    return TRUE;

  db = _ld_vault_get_db (vault);
  details = g_strdup_printf ("%s -> %s", ld_role_to_string (row.role), ld_role_to_string (role));
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE users SET role = ? WHERE id = ?", error);
  if (stmt == NULL)
    return fail_change (vault, NULL);
  sqlite3_bind_text (stmt, 1, ld_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row.id);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, LD_AUDIT_ROLE_CHANGED, "account", row.name, LD_AUDIT_OUTCOME_OK, details, error))
    return fail_change (vault, NULL);
  return finish_change (vault, NULL, error);
}

gboolean
ld_policy_repository_get (LdVault   *vault,
                          LdPolicy  *policy,
                          GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_POLICY_VIEW, error))
    return FALSE;
  *policy = *ld_vault_get_policy (vault);
  return TRUE;
}

gboolean
ld_policy_repository_set (LdVault     *vault,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  sqlite3 *db;
  LdPolicy policy;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LdKeySlots) backup = NULL;
  g_autofree char *details = NULL;
  g_autofree char *stored = NULL;
  int old;

  if (!ld_vault_check (vault, LD_ACTION_POLICY_CHANGE, error))
    return FALSE;
  policy = *ld_vault_get_policy (vault);
  if (!ld_policy_set (&policy, key, value, error))
    return FALSE;
  old = ld_policy_get (ld_vault_get_policy (vault), key);
  if (old == ld_policy_get (&policy, key))
    return TRUE;

  db = _ld_vault_get_db (vault);
  stored = g_strdup_printf ("%d", ld_policy_get (&policy, key));
  details = g_strdup_printf ("%s: %d -> %s", key, old, stored);
  if (g_str_has_prefix (key, "lockout-"))
    {
      backup = ld_key_slots_copy (_ld_vault_get_slots (vault));
      ld_key_slots_set_lockout_policy (_ld_vault_get_slots (vault), policy.lockout_threshold, policy.lockout_minutes);
    }
  if (!_ld_vault_begin (vault, error))
    return fail_change (vault, backup);
  stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return fail_change (vault, backup);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stored, -1, SQLITE_TRANSIENT);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, LD_AUDIT_POLICY_CHANGED, "policy", key, LD_AUDIT_OUTCOME_OK, details, error))
    return fail_change (vault, backup);
  if (!finish_change (vault, backup, error))
    return FALSE;
  _ld_vault_set_policy (vault, &policy);
  return TRUE;
}
