/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-user-repository.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

typedef struct
{
  char    *tmp;
  LdVault *vault;
} Fixture;

static const char *role_accounts[LD_N_ROLES] = {
  NULL, LD_TEST_ADMIN, "sec", "aud", "inv", "lead", "view"
};

/* A vault with one account per role, all with their final passwords. Left
 * open as the system administrator. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->tmp = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->tmp);
  for (int role = LD_ROLE_SECADMIN; role < LD_N_ROLES; role++)
    {
      ld_test_add_and_login (f->vault, role_accounts[role], role);
      ld_vault_lock (f->vault, "manual");
      ld_test_login (f->vault, LD_TEST_ADMIN);
    }
  g_assert_true (ld_user_repository_add (f->vault, "target", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE,
                                         NULL));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->vault);
  ld_test_rmdir (f->tmp);
  g_free (f->tmp);
}

static void
login_as (Fixture *f,
          LdRole   role)
{
  ld_vault_lock (f->vault, "manual");
  ld_test_login (f->vault, role_accounts[role]);
  g_assert_cmpint (ld_vault_get_session (f->vault)->role, ==, role);
}

/* A fingerprint of everything but the audit trail, to prove that refusals
 * change nothing. */
static char *
state_of (Fixture *f)
{
  sqlite3 *db = _ld_vault_get_db (f->vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT name || role || grants || disabled || must_change ||"
                                                 " password_changed_at FROM users ORDER BY id", NULL);
  g_autoptr(sqlite3_stmt) settings = ld_sql_prepare (db, "SELECT key || value FROM settings ORDER BY key", NULL);
  g_autofree char *slots = g_build_filename (ld_vault_get_dir (f->vault), "keyslots", NULL);
  g_autofree char *slots_hash = ld_test_file_sha256 (slots);
  GString *s = g_string_new (slots_hash);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append (s, (const char *) sqlite3_column_text (stmt, 0));
  while (sqlite3_step (settings) == SQLITE_ROW)
    g_string_append (s, (const char *) sqlite3_column_text (settings, 0));
  return g_string_free (s, FALSE);
}

typedef gboolean (*Op) (LdVault *vault, GError **error);

static gboolean op_list (LdVault *v, GError **e) { g_autoptr(GPtrArray) a = ld_user_repository_list (v, e); return a != NULL; }
static gboolean op_add (LdVault *v, GError **e) { return ld_user_repository_add (v, "newbie", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE, e); }
static gboolean op_disable (LdVault *v, GError **e) { return ld_user_repository_set_disabled (v, "target", TRUE, e); }
static gboolean op_reset (LdVault *v, GError **e) { return ld_user_repository_set_password (v, "target", NULL, "Reset-Pass-777", e); }
static gboolean op_role (LdVault *v, GError **e) { return ld_user_repository_set_role (v, "target", LD_ROLE_LEADER, e); }
static gboolean op_grant (LdVault *v, GError **e) { return ld_user_repository_set_grant (v, "inv", LD_GRANT_EXPORT, TRUE, e); }
static gboolean op_policy_set (LdVault *v, GError **e) { return ld_policy_repository_set (v, "min-length", "12", e); }
static gboolean op_policy_get (LdVault *v, GError **e) { LdPolicy p; return ld_policy_repository_get (v, &p, e); }
static gboolean op_audit (LdVault *v, GError **e) { g_autoptr(GPtrArray) a = ld_audit_list (v, NULL, e); return a != NULL; }
static gboolean op_verify (LdVault *v, GError **e) { LdAuditReport r = { 0 }; gboolean ok = ld_audit_verify (v, &r, e); ld_audit_report_clear (&r); return ok; }
static gboolean op_info (LdVault *v, GError **e) { g_autofree char *s = ld_vault_describe (v, e); return s != NULL; }

static const struct
{
  const char *name;
  Op          op;
  const char *allowed; /* role letters as in test-rules.c */
} ops[] = {
  { "list", op_list, "SCA" },
  { "add", op_add, "S" },
  { "disable", op_disable, "S" },
  { "reset", op_reset, "S" },
  { "role", op_role, "S" },
  { "grant", op_grant, "C" },
  { "policy-set", op_policy_set, "C" },
  { "policy-get", op_policy_get, "SCA" },
  { "audit-list", op_audit, "A" },
  { "audit-verify", op_verify, "A" },
  { "info", op_info, "SCAILV" },
};

static const char role_letters[LD_N_ROLES] = { '-', 'S', 'C', 'A', 'I', 'L', 'V' };

/* B20: every operation × every role through the real API. Allowed writes
 * touch only "target" (or settings no later login depends on), so the roles
 * can share one vault. */
static void
test_operations_by_role (Fixture       *f,
                         gconstpointer  data)
{
  for (int role = LD_ROLE_SYSADMIN; role < LD_N_ROLES; role++)
    for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
      {
        gboolean want = strchr (ops[i].allowed, role_letters[role]) != NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        gint64 audit_before;
        gboolean got;

        login_as (f, role);
        before = state_of (f);
        audit_before = ld_test_audit_count (f->vault);
        got = ops[i].op (f->vault, &error);
        if (got != want)
          g_error ("%s as %s: expected %s, got %s", ops[i].name, ld_role_to_string (role),
                   want ? "success" : "refusal", error ? error->message : "success");
        if (!got)
          {
            gint64 denied = 0;

            g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
            after = state_of (f);
            g_assert_cmpstr (before, ==, after);
            /* Exactly one new entry: the denial. */
            g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before + 1);
            ld_sql_query_int64 (_ld_vault_get_db (f->vault),
                                "SELECT count(*) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
                                " AND event = 'permission.denied' AND outcome = 'denied'", 0, &denied, NULL);
            g_assert_cmpint (denied, ==, 1);
          }
      }
}

static void
test_add_validation (Fixture       *f,
                     gconstpointer  data)
{
  const struct
  {
    const char *name;
    LdRole      role;
    const char *password;
  } bad[] = {
    { "x", LD_ROLE_VIEWER, "Initial-Pass-1" },          /* name too short */
    { "bad name", LD_ROLE_VIEWER, "Initial-Pass-1" },   /* space */
    { "inv", LD_ROLE_VIEWER, "Initial-Pass-1" },        /* exists */
    { "INV", LD_ROLE_VIEWER, "Initial-Pass-1" },        /* exists, other case */
    { "fresh", LD_ROLE_NONE, "Initial-Pass-1" },        /* no role */
    { "fresh", LD_ROLE_VIEWER, "short" },               /* weak */
    { "fresh", LD_ROLE_VIEWER, "fresh-Pass-123" },      /* contains the name */
  };
  g_autofree char *before = state_of (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ld_user_repository_add (f->vault, bad[i].name, bad[i].role, bad[i].password,
                                              LD_KDF_INTERACTIVE, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_cmpint (ld_error_exit_code (error), ==, 6);
    }
  {
    g_autofree char *after = state_of (f);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_separation_of_duties (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The three administrator roles cannot be changed or swapped. */
  g_assert_false (ld_user_repository_set_role (f->vault, "sec", LD_ROLE_AUDITOR, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_user_repository_set_role (f->vault, "inv", LD_ROLE_SYSADMIN, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_user_repository_set_role (f->vault, "inv", LD_ROLE_LEADER, &error));
  g_assert_no_error (error);

  /* Grants are for business accounts only. */
  login_as (f, LD_ROLE_SECADMIN);
  g_assert_false (ld_user_repository_set_grant (f->vault, "aud", LD_GRANT_EXPORT, TRUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_user_repository_set_grant (f->vault, LD_TEST_ADMIN, LD_GRANT_PRINT, TRUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_user_repository_set_grant (f->vault, "view", LD_GRANT_EXPORT, TRUE, &error));
  g_assert_true (ld_user_repository_set_grant (f->vault, "view", LD_GRANT_PRINT, TRUE, &error));
  g_assert_no_error (error);

  /* The grant is in effect at the viewer's next sign-in. */
  login_as (f, LD_ROLE_VIEWER);
  g_assert_cmpint (ld_vault_get_session (f->vault)->grants, ==, LD_GRANT_EXPORT | LD_GRANT_PRINT);
  g_assert_true (ld_vault_check (f->vault, LD_ACTION_EXPORT, NULL));
  g_assert_false (ld_vault_check (f->vault, LD_ACTION_REPORTER_IDENTITY, NULL));

  login_as (f, LD_ROLE_SECADMIN);
  g_assert_true (ld_user_repository_set_grant (f->vault, "view", LD_GRANT_EXPORT, FALSE, &error));
  login_as (f, LD_ROLE_VIEWER);
  g_assert_false (ld_vault_check (f->vault, LD_ACTION_EXPORT, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
}

static void
test_disable_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_user_repository_set_disabled (f->vault, LD_TEST_ADMIN, TRUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_user_repository_set_disabled (f->vault, "ghost", TRUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A second system administrator may disable the first, but not the last. */
  ld_test_add_and_login (f->vault, "admin2", LD_ROLE_SYSADMIN);
  g_assert_true (ld_user_repository_set_disabled (f->vault, LD_TEST_ADMIN, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (ld_user_repository_set_disabled (f->vault, "admin2", TRUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

static void
test_reset_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_user_repository_set_password (f->vault, "inv", NULL, "weak", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_user_repository_set_password (f->vault, "inv", NULL, "Reset-Pass-777", &error));
  g_assert_no_error (error);
  {
    g_autoptr(LdUser) user = ld_user_repository_find (f->vault, "inv", &error);
    g_assert_true (ld_user_get_must_change_password (user));
  }
  ld_vault_lock (f->vault, "manual");
  {
    g_autofree char *old = ld_test_password_for ("inv");
    ld_vault_unlock (f->vault, "inv", old, &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
  }
  ld_vault_unlock (f->vault, "inv", "Reset-Pass-777", &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (f->vault)->must_change_password);

  /* Password history: the last five may not come back. */
  g_assert_false (ld_user_repository_set_password (f->vault, "inv", "Reset-Pass-777", "my-INV-Pass-42", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID); /* contains the name */
  g_clear_error (&error);
  g_assert_true (ld_user_repository_set_password (f->vault, "inv", "Reset-Pass-777", "Another-Pass-888", &error));
  g_assert_no_error (error);
  g_assert_false (ld_user_repository_set_password (f->vault, "inv", "Another-Pass-888", "Reset-Pass-777", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LdPolicy policy;

  login_as (f, LD_ROLE_SECADMIN);
  g_assert_false (ld_policy_repository_set (f->vault, "min-length", "7", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_policy_repository_set (f->vault, "idle-lock-minutes", "0", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_policy_repository_set (f->vault, "min-length", "14", &error));
  g_assert_true (ld_policy_repository_set (f->vault, "lockout-threshold", "3", &error));
  g_assert_no_error (error);

  /* Persisted, and in force for everyone. */
  login_as (f, LD_ROLE_SYSADMIN);
  g_assert_true (ld_policy_repository_get (f->vault, &policy, &error));
  g_assert_cmpint (policy.min_length, ==, 14);
  g_assert_cmpint (policy.lockout_threshold, ==, 3);
  g_assert_false (ld_user_repository_add (f->vault, "newbie", LD_ROLE_VIEWER, "Thirteen-ch1", LD_KDF_INTERACTIVE,
                                          &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* The lockout threshold applies before sign-in (mirrored in the slots). */
  ld_vault_lock (f->vault, "manual");
  for (int i = 0; i < 2; i++)
    {
      ld_vault_unlock (f->vault, "view", "Wrong-Pass-000", &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  ld_vault_unlock (f->vault, "view", "Wrong-Pass-000", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED);
}

/* B26: when the audit entry cannot be written, the change is rolled back
 * (database and key slots alike). */
static void
test_audit_fail_closed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault),
                              "CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON audit_log"
                              " BEGIN SELECT RAISE (ABORT, 'audit storage unavailable'); END", NULL));
  before = state_of (f);

  g_assert_false (ld_user_repository_add (f->vault, "newbie", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE,
                                          &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ld_user_repository_set_password (f->vault, "target", NULL, "Reset-Pass-777", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ld_user_repository_set_disabled (f->vault, "target", TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = state_of (f);
  g_assert_cmpstr (before, ==, after);
  {
    gint64 n = -1;
    ld_sql_query_int64 (_ld_vault_get_db (f->vault), "SELECT count(*) FROM users WHERE name = 'newbie'", 0, &n, NULL);
    g_assert_cmpint (n, ==, 0);
  }
  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault), "DROP TRIGGER temp.audit_fails", NULL));
}

static void
test_admin_roles_complete (void)
{
  g_autofree char *tmp = ld_test_tmpdir ();
  g_autoptr(LdVault) vault = ld_test_vault_new (tmp);
  gboolean sec = TRUE, aud = TRUE;
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_vault_admin_roles_complete (vault, &sec, &aud, &error));
  g_assert_false (sec);
  g_assert_false (aud);
  ld_user_repository_add (vault, "sec", LD_ROLE_SECADMIN, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_true (ld_vault_admin_roles_complete (vault, &sec, &aud, &error));
  g_assert_true (sec);
  g_assert_false (aud);
  ld_user_repository_add (vault, "aud", LD_ROLE_AUDITOR, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_true (ld_vault_admin_roles_complete (vault, &sec, &aud, &error));
  g_assert_true (sec && aud);
  g_clear_object (&vault);
  ld_test_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/accounts/operations-by-role", test_operations_by_role);
  ADD ("/accounts/add-validation", test_add_validation);
  ADD ("/accounts/separation-of-duties", test_separation_of_duties);
  ADD ("/accounts/disable-rules", test_disable_rules);
  ADD ("/accounts/reset-password", test_reset_password);
  ADD ("/accounts/policy", test_policy);
  ADD ("/accounts/audit-fail-closed", test_audit_fail_closed);
#undef ADD
  g_test_add_func ("/accounts/admin-roles-complete", test_admin_roles_complete);
  return g_test_run ();
}
