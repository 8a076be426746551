/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

/* The expected matrix, written out independently of rules/ld-permissions.c:
 * S = sysadmin, C = security administrator (secadmin), A = auditor,
 * I = investigator, L = leader, V = viewer. */
static const struct
{
  LdAction    action;
  const char *roles;
  LdGrant     grant;
} expected[] = {
  { LD_ACTION_ACCOUNT_LIST, "SCA", 0 },
  { LD_ACTION_ACCOUNT_CREATE, "S", 0 },
  { LD_ACTION_ACCOUNT_DISABLE, "S", 0 },
  { LD_ACTION_ACCOUNT_RESET_PASSWORD, "S", 0 },
  { LD_ACTION_ACCOUNT_CHANGE_ROLE, "S", 0 },
  { LD_ACTION_ACCOUNT_UNLOCK, "C", 0 },
  { LD_ACTION_GRANT_CHANGE, "C", 0 },
  { LD_ACTION_SCOPE_CHANGE, "C", 0 },
  { LD_ACTION_POLICY_VIEW, "SCA", 0 },
  { LD_ACTION_POLICY_CHANGE, "C", 0 },
  { LD_ACTION_AUDIT_VIEW, "A", 0 },
  { LD_ACTION_AUDIT_VERIFY, "A", 0 },
  { LD_ACTION_VAULT_INFO, "SCAILV", 0 },
  { LD_ACTION_BACKUP, "S", 0 },
  { LD_ACTION_SETTINGS_CHANGE, "S", 0 },
  { LD_ACTION_RECORD_READ, "ILV", 0 },
  { LD_ACTION_RECORD_WRITE, "I", 0 },
  { LD_ACTION_RECORD_APPROVE, "L", 0 },
  { LD_ACTION_EXPORT, "ILV", LD_GRANT_EXPORT },
  { LD_ACTION_PRINT, "ILV", LD_GRANT_PRINT },
  { LD_ACTION_REPORTER_IDENTITY, "IL", LD_GRANT_REPORTER_IDENTITY },
};

static const char role_letters[LD_N_ROLES] = { '-', 'S', 'C', 'A', 'I', 'L', 'V' };

static void
test_matrix_every_cell (void)
{
  g_assert_cmpint (G_N_ELEMENTS (expected), ==, LD_N_ACTIONS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (int role = LD_ROLE_NONE; role < LD_N_ROLES; role++)
      for (LdGrant grants = 0; grants <= LD_GRANT_ALL; grants++)
        {
          gboolean role_ok = role != LD_ROLE_NONE && strchr (expected[i].roles, role_letters[role]) != NULL;
          gboolean grant_ok = (grants & expected[i].grant) == expected[i].grant;
          gboolean want = role_ok && grant_ok;
          g_autoptr(GError) error = NULL;
          gboolean got = ld_permission_check (role, grants, expected[i].action, &error);

          if (got != want)
            g_error ("action %s role %s grants %u: expected %d, got %d",
                     ld_action_to_string (expected[i].action), ld_role_to_string (role), grants, want, got);
          if (!got)
            {
              g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
              g_assert_nonnull (error->message);
            }
          else
            g_assert_no_error (error);
        }
}

static void
test_admins_never_read_records (void)
{
  const LdAction content[] = { LD_ACTION_RECORD_READ, LD_ACTION_RECORD_WRITE, LD_ACTION_RECORD_APPROVE,
                               LD_ACTION_EXPORT, LD_ACTION_PRINT, LD_ACTION_REPORTER_IDENTITY };

  for (int role = LD_ROLE_SYSADMIN; role <= LD_ROLE_AUDITOR; role++)
    {
      g_assert_true (ld_role_is_admin (role));
      g_assert_false (ld_role_is_business (role));
      for (guint i = 0; i < G_N_ELEMENTS (content); i++)
        g_assert_false (ld_permission_allows (role, LD_GRANT_ALL, content[i]));
    }
  /* Only the auditor reads the trail; the auditor changes nothing else. */
  for (int role = LD_ROLE_SYSADMIN; role < LD_N_ROLES; role++)
    g_assert_cmpint (ld_permission_allows (role, LD_GRANT_ALL, LD_ACTION_AUDIT_VIEW), ==, role == LD_ROLE_AUDITOR);
  for (int action = 0; action < LD_N_ACTIONS; action++)
    if (action != LD_ACTION_AUDIT_VIEW && action != LD_ACTION_AUDIT_VERIFY && action != LD_ACTION_ACCOUNT_LIST
        && action != LD_ACTION_POLICY_VIEW && action != LD_ACTION_VAULT_INFO)
      g_assert_false (ld_permission_allows (LD_ROLE_AUDITOR, LD_GRANT_ALL, action));
}

static void
test_names_round_trip (void)
{
  const char *roles[] = { "sysadmin", "secadmin", "auditor", "investigator", "leader", "viewer" };
  LdKdfProfile profile;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      LdRole role = ld_role_from_string (roles[i]);
      g_assert_cmpint (role, ==, LD_ROLE_SYSADMIN + (int) i);
      g_assert_cmpstr (ld_role_to_string (role), ==, roles[i]);
      g_assert_cmpstr (ld_role_get_label (role), !=, "");
    }
  g_assert_cmpint (ld_role_from_string ("root"), ==, LD_ROLE_NONE);
  g_assert_cmpint (ld_role_from_string (NULL), ==, LD_ROLE_NONE);
  g_assert_cmpint (ld_grant_from_string ("export"), ==, LD_GRANT_EXPORT);
  g_assert_cmpint (ld_grant_from_string ("print"), ==, LD_GRANT_PRINT);
  g_assert_cmpint (ld_grant_from_string ("reporter-identity"), ==, LD_GRANT_REPORTER_IDENTITY);
  g_assert_cmpint (ld_grant_from_string ("all"), ==, LD_GRANT_NONE);
  g_assert_true (ld_kdf_profile_from_string ("sensitive", &profile));
  g_assert_cmpint (profile, ==, LD_KDF_SENSITIVE);
  g_assert_false (ld_kdf_profile_from_string ("fast", &profile));
  {
    g_autofree char *s = ld_grants_format (LD_GRANT_EXPORT | LD_GRANT_PRINT);
    g_assert_cmpstr (s, ==, "Export, Print");
  }
}

static void
test_password_policy (void)
{
  LdPolicy policy;
  const struct
  {
    const char *account;
    const char *password;
    gboolean    ok;
  } cases[] = {
    { "alice", "Short1!", FALSE },            /* 7 characters */
    { "alice", "alllowercase", FALSE },       /* one class */
    { "alice", "lowerUPPERonly", FALSE },     /* two classes */
    { "alice", "Lower-UPPER-1", TRUE },
    { "alice", "xxAlice-2024!", FALSE },      /* contains the account name */
    { "alice", "Ten-chars1", TRUE },          /* exactly 10 */
    { "alice", "Nine-ch1!", FALSE },          /* 9 */
    { "wang", "廉政档案Abc-123", TRUE },       /* CJK counts as a symbol class */
    { "wang", "12345678901", FALSE },
  };

  ld_policy_init_defaults (&policy);
  g_assert_cmpint (policy.min_length, ==, 10);
  g_assert_cmpint (policy.min_classes, ==, 3);
  g_assert_cmpint (policy.expiry_days, ==, 90);
  g_assert_cmpint (policy.history, ==, 5);
  g_assert_cmpint (policy.lockout_threshold, ==, 5);
  g_assert_cmpint (policy.idle_lock_minutes, ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = ld_password_check (&policy, cases[i].account, cases[i].password, &error);

      if (ok != cases[i].ok)
        g_error ("case %u (%s): expected %d", i, cases[i].password, cases[i].ok);
      if (!ok)
        g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
}

static void
test_policy_values (void)
{
  LdPolicy policy;
  const struct
  {
    const char *key;
    const char *value;
    gboolean    ok;
  } cases[] = {
    { "min-length", "12", TRUE },
    { "min-length", "7", FALSE },
    { "min-length", "abc", FALSE },
    { "min-length", "12x", FALSE },
    { "min-classes", "4", TRUE },
    { "min-classes", "5", FALSE },
    { "expiry-days", "0", TRUE },
    { "history", "-1", FALSE },
    { "idle-lock-minutes", "0", FALSE },     /* never off */
    { "idle-lock-minutes", "15", TRUE },
    { "lockout-threshold", "2", FALSE },
    { "lockout-minutes", "0", TRUE },
    { "no-such-key", "1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ld_policy_init_defaults (&policy);
      ok = ld_policy_set (&policy, cases[i].key, cases[i].value, &error);
      if (ok != cases[i].ok)
        g_error ("case %u (%s=%s): expected %d", i, cases[i].key, cases[i].value, cases[i].ok);
      if (ok)
        g_assert_cmpint (ld_policy_get (&policy, cases[i].key), ==, atoi (cases[i].value));
      else
        g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
  for (const char * const *k = ld_policy_keys (); *k; k++)
    g_assert_cmpstr (ld_policy_key_get_label (*k), !=, "");
}

static void
test_expiry (void)
{
  LdPolicy policy;

  ld_policy_init_defaults (&policy);
  g_assert_false (ld_password_is_expired (&policy, 1000, 1000 + 89 * 86400));
  g_assert_true (ld_password_is_expired (&policy, 1000, 1000 + 90 * 86400));
  policy.expiry_days = 0;
  g_assert_false (ld_password_is_expired (&policy, 0, G_MAXINT32));
}

static void
test_account_names (void)
{
  const char *good[] = { "admin", "wang.li", "zhang_san-2", "王小明", "ab" };
  const char *bad[] = { "", "a", "has space", "semi;colon", "x/y", "[group]",
                        "abcdefghijabcdefghijabcdefghijabc", "tab\tname" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (ld_account_name_check (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ld_account_name_check (bad[i], &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
}

static void
test_exit_codes (void)
{
  const struct
  {
    LdError code;
    int     exit;
  } cases[] = {
    { LD_ERROR_FAILED, 1 }, { LD_ERROR_USAGE, 2 }, { LD_ERROR_WRONG_PASSWORD, 3 },
    { LD_ERROR_ACCOUNT_LOCKED, 3 }, { LD_ERROR_ACCOUNT_DISABLED, 3 }, { LD_ERROR_PASSWORD_EXPIRED, 3 },
    { LD_ERROR_VAULT_DAMAGED, 4 }, { LD_ERROR_NOT_A_VAULT, 4 }, { LD_ERROR_PERMISSION_DENIED, 5 },
    { LD_ERROR_INVALID, 6 }, { LD_ERROR_NOT_FOUND, 6 }, { LD_ERROR_VAULT_IN_USE, 1 },
  };

  g_assert_cmpint (ld_error_exit_code (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (LD_ERROR, cases[i].code, "x");
      g_assert_cmpint (ld_error_exit_code (error), ==, cases[i].exit);
    }
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
    g_assert_cmpint (ld_error_exit_code (error), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/permissions/matrix", test_matrix_every_cell);
  g_test_add_func ("/rules/permissions/separation", test_admins_never_read_records);
  g_test_add_func ("/rules/permissions/names", test_names_round_trip);
  g_test_add_func ("/rules/password/policy", test_password_policy);
  g_test_add_func ("/rules/password/values", test_policy_values);
  g_test_add_func ("/rules/password/expiry", test_expiry);
  g_test_add_func ("/rules/account/names", test_account_names);
  g_test_add_func ("/rules/error/exit-codes", test_exit_codes);
  return g_test_run ();
}
