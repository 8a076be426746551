/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess,
 * each test in its own temporary vault, and checks exit codes, messages and
 * side effects through the tool itself. */

typedef CliFixture Fixture;

/* The line of a table whose first cell is key, or NULL. */
static char *
table_line (const char *table,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_regex_split_simple ("\\s{2,}", g_strstrip (lines[i]), 0, 0);

      if (cells[0] != NULL && g_str_equal (cells[0], key))
        return g_strdup (lines[i]);
    }

  return NULL;
}

static char *
audit_as_auditor (Fixture    *f,
                  const char *first_option,
                  ...)
{
  g_autoptr(GPtrArray) argv = cli_argv_new (f, "aud");
  g_autoptr(CliResult) result = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "audit");
  g_ptr_array_add (argv, (gpointer) "list");

  va_start (args, first_option);
  for (arg = first_option; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  result = run_argv ((const char * const *) argv->pdata, USER_PW "\n");
  assert_status (result, 0);

  return g_steal_pointer (&result->out);
}

/* Tests. */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  static const char * const bad[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "--no-such-option", "user", "list", NULL },
    { "user", NULL },
    { "user", "frobnicate", NULL },
    { "user", "list", "--no-such-option", NULL },
    { "user", "list", "extra", NULL },
    { "user", "add", NULL },
    { "user", "add", "bob", NULL },
    { "user", "grant", "bob", NULL },
    { "policy", "set", "min-length", NULL },
    { "init", NULL },
    { "--user", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) argv = cli_argv_new (f, NULL);
      g_autoptr(CliResult) result = NULL;

      for (guint j = 0; bad[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) bad[i][j]);
      g_ptr_array_add (argv, NULL);

      result = run_argv ((const char * const *) argv->pdata, NULL);
      assert_status (result, 2);
      assert_error_message (result, NULL);
      assert_contains (result->err, "--help");
      g_assert_cmpstr (result->out, ==, "");
    }

  /* Nothing was created by any of them. */
  g_assert_false (g_file_test (f->vault, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[][2] = {
    { "init", NULL }, { "user", "add" }, { "user", "list" }, { "user", "passwd" },
    { "user", "disable" }, { "user", "enable" }, { "user", "unlock" }, { "user", "grant" },
    { "user", "revoke" }, { "user", "role" }, { "policy", "show" }, { "policy", "set" },
    { "audit", "list" }, { "audit", "verify" }, { "vault", "info" },
  };
  g_autoptr(CliResult) top = NULL;
  g_autoptr(CliResult) help_word = NULL;
  g_autoptr(CliResult) group = NULL;
  g_autoptr(CliResult) version = NULL;

  top = run_cli (f, NULL, NULL, "--help", NULL);
  assert_status (top, 0);
  assert_contains (top->out, "Usage:");
  assert_contains (top->out, "--password-file");
  assert_contains (top->out, "Exit status");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *path = commands[i][1] != NULL
        ? g_strdup_printf ("%s %s", commands[i][0], commands[i][1])
        : g_strdup (commands[i][0]);
      g_autoptr(CliResult) result = NULL;

      assert_contains (top->out, path);

      if (commands[i][1] != NULL)
        result = run_cli (f, NULL, NULL, commands[i][0], commands[i][1], "--help", NULL);
      else
        result = run_cli (f, NULL, NULL, commands[i][0], "--help", NULL);
      assert_status (result, 0);
      assert_contains (result->out, "Usage:");
      assert_contains (result->out, path);
      assert_contains (result->out, "--vault");
      g_assert_cmpstr (result->err, ==, "");
    }

  help_word = run_cli (f, NULL, NULL, "help", "user", "add", NULL);
  assert_status (help_word, 0);
  assert_contains (help_word->out, "--role");
  assert_contains (help_word->out, "--new-password-file");
  assert_contains (help_word->out, "line after your own password");

  group = run_cli (f, NULL, NULL, "user", "--help", NULL);
  assert_status (group, 0);
  assert_contains (group->out, "user passwd");

  version = run_cli (f, NULL, NULL, "--version", NULL);
  assert_status (version, 0);
  assert_contains (version->out, "liandang-cli " PACKAGE_VERSION);

  g_assert_false (g_file_test (f->vault, G_FILE_TEST_EXISTS));
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) info = NULL;
  g_autofree char *db = NULL;
  g_autofree char *slots = NULL;
  g_autofree char *admin_line = NULL;
  GStatBuf st;

  init_vault (f);

  g_assert_cmpint (g_stat (f->vault, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  db = g_build_filename (f->vault, "liandang.db", NULL);
  slots = g_build_filename (f->vault, "keyslots", NULL);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (slots, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second init changes nothing. */
  again = run_cli (f, NULL, "Other#Pass2024\n",
                   "init", "--admin", "other", "--kdf", "interactive", NULL);
  assert_status (again, 6);
  assert_error_message (again, "already");

  list = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (list, 0);
  admin_line = table_line (list->out, ADMIN);
  g_assert_nonnull (admin_line);
  assert_contains (admin_line, "sysadmin");
  assert_contains (admin_line, "active");
  assert_not_contains (list->out, "other");

  info = run_cli (f, ADMIN, ADMIN_PW "\n", "vault", "info", NULL);
  assert_status (info, 0);
  g_assert_cmpuint (strlen (info->out), >, 0);
}

static void
test_init_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CliResult) weak = NULL;
  g_autoptr(CliResult) bad_name = NULL;
  g_autoptr(CliResult) bad_kdf = NULL;
  g_autoptr(CliResult) no_password = NULL;

  weak = run_cli (f, NULL, "short\n", "init", "--admin", ADMIN, "--kdf", "interactive", NULL);
  assert_status (weak, 6);
  assert_error_message (weak, NULL);

  bad_name = run_cli (f, NULL, ADMIN_PW "\n",
                      "init", "--admin", "bad name!", "--kdf", "interactive", NULL);
  assert_status (bad_name, 6);
  assert_error_message (bad_name, NULL);

  bad_kdf = run_cli (f, NULL, ADMIN_PW "\n", "init", "--admin", ADMIN, "--kdf", "extreme", NULL);
  assert_status (bad_kdf, 6);
  assert_error_message (bad_kdf, "interactive");

  no_password = run_cli (f, NULL, "", "init", "--admin", ADMIN, "--kdf", "interactive", NULL);
  assert_status (no_password, 2);
  assert_error_message (no_password, "password");

  /* None of them left a vault behind. */
  {
    g_autofree char *slots = g_build_filename (f->vault, "keyslots", NULL);

    g_assert_false (g_file_test (slots, G_FILE_TEST_EXISTS));
  }
}

static void
test_not_a_vault (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CliResult) missing = NULL;
  g_autoptr(CliResult) empty = NULL;

  missing = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (missing, 4);
  assert_error_message (missing, "vault");

  g_assert_cmpint (g_mkdir (f->vault, 0700), ==, 0);
  empty = run_cli (f, ADMIN, ADMIN_PW "\n", "vault", "info", NULL);
  assert_status (empty, 4);
  assert_error_message (empty, "vault");
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  init_vault (f);

  /* Flip bytes in the middle of the database file. */
  db = g_build_filename (f->vault, "liandang.db", NULL);
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 2048);
  for (gsize i = length / 2; i < length / 2 + 64; i++)
    contents[i] ^= 0x5a;
  /* And in page 1, past the salt, so the damage is met on opening. */
  for (gsize i = 100; i < 200; i++)
    contents[i] ^= 0xa5;
  g_file_set_contents_full (db, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  result = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (result, 4);
  assert_error_message (result, NULL);
}

static void
test_damaged_middle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CliResult) list = NULL;
  g_autoptr(CliResult) verify = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  setup_admins (f);

  /* Only the middle of the file, where the page HMAC fails (SQLITE_CORRUPT)
   * while page 1 still opens. */
  db = g_build_filename (f->vault, "liandang.db", NULL);
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  for (gsize i = length / 2; i < length / 2 + 64; i++)
    contents[i] ^= 0x5a;
  g_file_set_contents_full (db, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  /* The vault checks the whole file when it opens, so every command stops,
   * whichever table the damaged page belongs to. */
  list = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (list, 4);
  assert_error_message (list, "damaged");
  g_assert_cmpstr (list->out, ==, "");
  verify = run_cli (f, "aud", USER_PW "\n", "audit", "verify", NULL);
  assert_status (verify, 4);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(CliResult) right = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);

  wrong = run_cli (f, ADMIN, "Not#ThePass99\n", "user", "list", NULL);
  assert_status (wrong, 3);
  assert_error_message (wrong, "password");
  g_assert_cmpstr (wrong->out, ==, "");

  unknown = run_cli (f, "nobody", "Not#ThePass99\n", "user", "list", NULL);
  assert_status (unknown, 3);
  assert_error_message (unknown, NULL);

  right = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (right, 0);

  audit = audit_as_auditor (f, "--event", "login.failed", NULL);
  assert_contains (audit, "login.failed");
  assert_contains (audit, ADMIN);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CliResult) locked = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) unlock = NULL;
  g_autoptr(CliResult) after = NULL;
  g_autoptr(CliResult) threshold = NULL;
  g_autofree char *line = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);
  add_account (f, "ivy", "investigator");

  threshold = run_cli (f, "sec", USER_PW "\n", "policy", "set", "lockout-threshold", "3", NULL);
  assert_status (threshold, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CliResult) wrong = run_cli (f, "ivy", "Wrong#Pass000\n", "vault", "info", NULL);

      assert_status (wrong, 3);
    }

  /* Locked now: the right password is refused too, in a new process. */
  locked = run_cli (f, "ivy", USER_PW "\n", "vault", "info", NULL);
  assert_status (locked, 3);
  assert_error_message (locked, "lock");

  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (listed, 0);
  line = table_line (listed->out, "ivy");
  g_assert_nonnull (line);
  assert_contains (line, "locked");

  /* The system administrator may not lift it; the security administrator may. */
  {
    g_autoptr(CliResult) denied = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "unlock", "ivy", NULL);

    assert_status (denied, 5);
  }
  unlock = run_cli (f, "sec", USER_PW "\n", "user", "unlock", "ivy", NULL);
  assert_status (unlock, 0);

  after = run_cli (f, "ivy", USER_PW "\n", "vault", "info", NULL);
  assert_status (after, 0);

  audit = audit_as_auditor (f, NULL);
  assert_contains (audit, "login.lockout");
  assert_contains (audit, "account.unlocked");
}

static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CliResult) disable = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) enable = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) self = NULL;
  g_autofree char *line = NULL;

  init_vault (f);
  add_account (f, "vic", "viewer");

  disable = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "disable", "vic", NULL);
  assert_status (disable, 0);

  refused = run_cli (f, "vic", USER_PW "\n", "vault", "info", NULL);
  assert_status (refused, 3);
  assert_error_message (refused, "disabled");

  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  line = table_line (listed->out, "vic");
  g_assert_nonnull (line);
  assert_contains (line, "disabled");

  enable = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "enable", "vic", NULL);
  assert_status (enable, 0);
  again = run_cli (f, "vic", USER_PW "\n", "vault", "info", NULL);
  assert_status (again, 0);

  /* The administrator cannot lock itself out. */
  self = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "disable", ADMIN, NULL);
  g_assert_cmpint (self->status, !=, 0);
  assert_error_message (self, NULL);
}

typedef struct
{
  const char *user;
  const char *args[6];
} Denied;

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  static const Denied denied[] = {
    /* The system administrator administers accounts, nothing else. */
    { ADMIN, { "policy", "set", "min-length", "12", NULL } },
    { ADMIN, { "user", "grant", "ivy", "export", NULL } },
    { ADMIN, { "user", "unlock", "ivy", NULL } },
    { ADMIN, { "audit", "list", NULL } },
    { ADMIN, { "audit", "verify", NULL } },
    /* The security administrator: grants, policy, unlocking. */
    { "sec", { "user", "add", "eve", "--role", "viewer", NULL } },
    { "sec", { "user", "disable", "ivy", NULL } },
    { "sec", { "user", "role", "ivy", "leader", NULL } },
    { "sec", { "user", "passwd", "ivy", NULL } },
    { "sec", { "audit", "list", NULL } },
    { "sec", { "audit", "verify", NULL } },
    /* The auditor reads the trail only. */
    { "aud", { "user", "add", "eve", "--role", "viewer", NULL } },
    { "aud", { "user", "grant", "ivy", "print", NULL } },
    { "aud", { "policy", "set", "history", "6", NULL } },
    { "aud", { "user", "unlock", "ivy", NULL } },
    { "aud", { "user", "enable", "ivy", NULL } },
    /* Business roles administer nothing. */
    { "ivy", { "user", "list", NULL } },
    { "ivy", { "user", "add", "eve", "--role", "viewer", NULL } },
    { "ivy", { "user", "grant", "ivy", "export", NULL } },
    { "ivy", { "policy", "show", NULL } },
    { "ivy", { "audit", "list", NULL } },
    { "leo", { "user", "disable", "ivy", NULL } },
    { "leo", { "policy", "set", "history", "6", NULL } },
    { "leo", { "audit", "verify", NULL } },
    { "vic", { "user", "passwd", "ivy", NULL } },
    { "vic", { "user", "unlock", "ivy", NULL } },
    { "vic", { "audit", "list", NULL } },
  };
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) policy = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);
  add_account (f, "ivy", "investigator");
  add_account (f, "leo", "leader");
  add_account (f, "vic", "viewer");

  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      g_autoptr(GPtrArray) argv = cli_argv_new (f, denied[i].user);
      g_autoptr(CliResult) result = NULL;
      g_autofree char *input = NULL;
      const char *password = g_str_equal (denied[i].user, ADMIN) ? ADMIN_PW : USER_PW;

      for (guint j = 0; denied[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) denied[i].args[j]);
      g_ptr_array_add (argv, NULL);

      input = input2 (password, OTHER_PW);
      result = run_argv ((const char * const *) argv->pdata, input);
      if (result->status != 5)
        g_error ("%s %s %s: expected 5, got %d: %s%s", denied[i].user, denied[i].args[0],
                 denied[i].args[1], result->status, result->out, result->err);
      assert_error_message (result, NULL);
    }

  /* Nothing changed: no account eve, ivy still an investigator without grants. */
  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (listed, 0);
  assert_not_contains (listed->out, "eve");
  {
    g_autofree char *line = table_line (listed->out, "ivy");

    g_assert_nonnull (line);
    assert_contains (line, "investigator");
    assert_not_contains (line, "export");
    assert_contains (line, "active");
  }
  policy = run_cli (f, "sec", USER_PW "\n", "policy", "show", NULL);
  {
    g_autofree char *line = table_line (policy->out, "min-length");

    g_assert_nonnull (line);
    assert_contains (line, " 10 ");
  }

  /* Denials are audited. */
  audit = audit_as_auditor (f, "--event", "permission.denied", NULL);
  assert_contains (audit, "permission.denied");
}

static void
test_invalid_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *add_input = input2 (ADMIN_PW, INITIAL_PW);
  g_autofree char *weak_input = input2 (ADMIN_PW, "weak");
  g_autoptr(CliResult) bad_role = NULL;
  g_autoptr(CliResult) weak = NULL;
  g_autoptr(CliResult) bad_name = NULL;
  g_autoptr(CliResult) long_name = NULL;
  g_autoptr(CliResult) bad_value = NULL;
  g_autoptr(CliResult) bad_key = NULL;
  g_autoptr(CliResult) bad_grant = NULL;
  g_autoptr(CliResult) not_found = NULL;
  g_autoptr(CliResult) admin_role = NULL;
  g_autoptr(CliResult) duplicate = NULL;
  g_autoptr(CliResult) bad_date = NULL;
  g_autoptr(CliResult) bad_limit = NULL;
  g_autoptr(CliResult) bad_event = NULL;
  g_autoptr(CliResult) grant_admin = NULL;
  g_autoptr(CliResult) listed = NULL;

  setup_admins (f);

  bad_role = run_cli (f, ADMIN, add_input, "user", "add", "bob", "--role", "wizard", NULL);
  assert_status (bad_role, 6);
  assert_error_message (bad_role, "wizard");

  weak = run_cli (f, ADMIN, weak_input,
                  "user", "add", "bob", "--role", "viewer", "--kdf", "interactive", NULL);
  assert_status (weak, 6);
  assert_error_message (weak, NULL);

  bad_name = run_cli (f, ADMIN, add_input, "user", "add", "bad name!", "--role", "viewer", NULL);
  assert_status (bad_name, 6);
  assert_error_message (bad_name, NULL);

  long_name = run_cli (f, ADMIN, add_input, "user", "add",
                       "a-name-that-is-far-too-long-for-an-account", "--role", "viewer", NULL);
  assert_status (long_name, 6);

  /* Names compare case-insensitively. Refused before the new password is
   * read: standard input holds only the administrator's password. */
  duplicate = run_cli (f, ADMIN, ADMIN_PW "\n",
                       "user", "add", "SEC", "--role", "viewer", "--kdf", "interactive", NULL);
  assert_status (duplicate, 6);
  assert_error_message (duplicate, "already exists");
  {
    g_autoptr(CliResult) ghost = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "passwd", "ghost", NULL);

    assert_status (ghost, 6);
    assert_error_message (ghost, "ghost");
  }

  bad_value = run_cli (f, "sec", USER_PW "\n", "policy", "set", "min-length", "3", NULL);
  assert_status (bad_value, 6);
  assert_error_message (bad_value, NULL);
  {
    g_autoptr(CliResult) nan = run_cli (f, "sec", USER_PW "\n",
                                        "policy", "set", "history", "many", NULL);

    assert_status (nan, 6);
  }

  bad_key = run_cli (f, "sec", USER_PW "\n", "policy", "set", "colour", "blue", NULL);
  assert_status (bad_key, 6);
  assert_error_message (bad_key, "min-length");

  bad_grant = run_cli (f, "sec", USER_PW "\n", "user", "grant", "aud", "teleport", NULL);
  assert_status (bad_grant, 6);
  assert_error_message (bad_grant, "reporter-identity");

  grant_admin = run_cli (f, "sec", USER_PW "\n", "user", "grant", "aud", "export", NULL);
  assert_status (grant_admin, 6);
  assert_error_message (grant_admin, NULL);

  not_found = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "disable", "ghost", NULL);
  assert_status (not_found, 6);
  assert_error_message (not_found, "ghost");

  admin_role = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "role", "aud", "secadmin", NULL);
  assert_status (admin_role, 6);
  assert_error_message (admin_role, NULL);

  bad_date = run_cli (f, "aud", USER_PW "\n", "audit", "list", "--since", "yesterday", NULL);
  assert_status (bad_date, 6);
  assert_error_message (bad_date, "YYYY-MM-DD");
  {
    g_autoptr(CliResult) feb30 = run_cli (f, "aud", USER_PW "\n",
                                          "audit", "list", "--until", "2024-02-30", NULL);

    assert_status (feb30, 6);
  }

  bad_limit = run_cli (f, "aud", USER_PW "\n", "audit", "list", "--limit", "-4", NULL);
  assert_status (bad_limit, 6);

  bad_event = run_cli (f, "aud", USER_PW "\n", "audit", "list", "--event", "coffee.made", NULL);
  assert_status (bad_event, 6);

  /* Nothing was created. */
  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (listed, 0);
  g_assert_null (table_line (listed->out, "bob"));
}

static void
test_must_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *reset_input = input2 (ADMIN_PW, INITIAL_PW);
  g_autofree char *change_input = input2 (INITIAL_PW, OTHER_PW);
  g_autofree char *same_input = input2 (INITIAL_PW, INITIAL_PW);
  g_autoptr(CliResult) reset = NULL;
  g_autoptr(CliResult) old = NULL;
  g_autoptr(CliResult) blocked = NULL;
  g_autoptr(CliResult) blocked_other = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) same = NULL;
  g_autoptr(CliResult) changed = NULL;
  g_autoptr(CliResult) works = NULL;
  g_autofree char *line = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);

  reset = run_cli (f, ADMIN, reset_input, "user", "passwd", "sec", NULL);
  assert_status (reset, 0);

  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  line = table_line (listed->out, "sec");
  g_assert_nonnull (line);
  assert_contains (line, "must change password");

  old = run_cli (f, "sec", USER_PW "\n", "policy", "show", NULL);
  assert_status (old, 3);

  blocked = run_cli (f, "sec", INITIAL_PW "\n", "policy", "show", NULL);
  assert_status (blocked, 3);
  assert_error_message (blocked, "user passwd");

  blocked_other = run_cli (f, "sec", change_input, "user", "passwd", "aud", NULL);
  assert_status (blocked_other, 3);

  /* The new password must differ from the current one. */
  same = run_cli (f, "sec", same_input, "user", "passwd", "sec", NULL);
  assert_status (same, 6);

  changed = run_cli (f, "sec", change_input, "user", "passwd", "sec", NULL);
  assert_status (changed, 0);

  works = run_cli (f, "sec", OTHER_PW "\n", "policy", "show", NULL);
  assert_status (works, 0);
  assert_contains (works->out, "min-length");

  audit = audit_as_auditor (f, NULL);
  assert_contains (audit, "password.reset");
  assert_contains (audit, "password.changed");
}

static void
test_password_files (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pw_file = g_build_filename (f->dir, "pw", NULL);
  g_autofree char *new_file = g_build_filename (f->dir, "new", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autoptr(CliResult) add = NULL;
  g_autoptr(CliResult) change = NULL;
  g_autoptr(CliResult) login = NULL;
  g_autoptr(CliResult) readable = NULL;
  g_autoptr(CliResult) no_file = NULL;
  g_autoptr(CliResult) no_input = NULL;
  g_autoptr(CliResult) no_new = NULL;

  init_vault (f);

  /* CRLF line end and lines after the first are ignored. */
  g_file_set_contents (pw_file, ADMIN_PW "\r\nignored\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (new_file, INITIAL_PW, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_chmod (pw_file, 0600), ==, 0);
  g_assert_cmpint (g_chmod (new_file, 0600), ==, 0);
  add = run_cli (f, ADMIN, NULL, "--password-file", pw_file,
                 "user", "add", "pat", "--role", "leader", "--kdf", "interactive",
                 "--new-password-file", new_file, NULL);
  assert_status (add, 0);
  g_assert_cmpstr (add->err, ==, "");

  /* Global options may also follow the command. Own password from the
   * file, the new one from standard input's first line. */
  g_file_set_contents (pw_file, INITIAL_PW "\n", -1, &error);
  g_assert_no_error (error);
  change = run_cli (f, NULL, USER_PW "\n", "user", "passwd", "pat", "--user", "pat",
                    "--password-file", pw_file, NULL);
  assert_status (change, 0);

  login = run_cli (f, "pat", USER_PW "\n", "vault", "info", NULL);
  assert_status (login, 0);

  /* A password file others can read still works, with a warning. */
  g_file_set_contents (pw_file, USER_PW "\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (pw_file, 0644), ==, 0);
  readable = run_cli (f, "pat", NULL, "--password-file", pw_file, "vault", "info", NULL);
  assert_status (readable, 0);
  assert_contains (readable->err, "chmod 600");

  no_file = run_cli (f, ADMIN, NULL, "--password-file", missing, "user", "list", NULL);
  assert_status (no_file, 1);
  assert_error_message (no_file, "missing");

  no_input = run_cli (f, ADMIN, "", "user", "list", NULL);
  assert_status (no_input, 2);
  assert_error_message (no_input, "password");

  no_new = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "add", "kim", "--role", "viewer", NULL);
  assert_status (no_new, 2);
  assert_error_message (no_new, "new password");
}

static void
test_user_commands (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CliResult) grant = NULL;
  g_autoptr(CliResult) grant2 = NULL;
  g_autoptr(CliResult) revoke = NULL;
  g_autoptr(CliResult) role = NULL;
  g_autoptr(CliResult) listed = NULL;
  g_autoptr(CliResult) secadmin_list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);
  add_account (f, "ivy", "investigator");
  add_account (f, "张伟", "viewer");

  grant = run_cli (f, "sec", USER_PW "\n", "user", "grant", "ivy", "export", NULL);
  assert_status (grant, 0);
  grant2 = run_cli (f, "sec", USER_PW "\n", "user", "grant", "ivy", "reporter-identity", NULL);
  assert_status (grant2, 0);
  revoke = run_cli (f, "sec", USER_PW "\n", "user", "revoke", "ivy", "export", NULL);
  assert_status (revoke, 0);
  role = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "role", "ivy", "leader", NULL);
  assert_status (role, 0);

  listed = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (listed, 0);
  assert_contains (listed->out, "Name");
  assert_contains (listed->out, "Last login");
  line = table_line (listed->out, "ivy");
  g_assert_nonnull (line);
  assert_contains (line, "leader");
  assert_contains (line, "reporter-identity");
  assert_not_contains (line, "export");
  assert_not_contains (line, "never");
  {
    g_autofree char *sec_line = table_line (listed->out, "sec");
    g_autofree char *cjk_line = table_line (listed->out, "张伟");

    g_assert_nonnull (sec_line);
    assert_contains (sec_line, "secadmin");
    g_assert_nonnull (cjk_line);
    assert_contains (cjk_line, "viewer");
  }

  /* The security administrator may list accounts too. */
  secadmin_list = run_cli (f, "sec", USER_PW "\n", "user", "list", NULL);
  assert_status (secadmin_list, 0);
  assert_contains (secadmin_list->out, "ivy");

  audit = audit_as_auditor (f, NULL);
  assert_contains (audit, "account.created");
  assert_contains (audit, "account.grant-changed");
  assert_contains (audit, "account.role-changed");
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  static const char * const keys[] = {
    "min-length", "min-classes", "expiry-days", "history",
    "lockout-threshold", "lockout-minutes", "idle-lock-minutes",
  };
  g_autoptr(CliResult) shown = NULL;
  g_autoptr(CliResult) set = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) by_admin = NULL;
  g_autoptr(CliResult) too_short = NULL;
  g_autofree char *line = NULL;
  g_autofree char *after = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *short_input = input2 (ADMIN_PW, "Abc#12345678");

  setup_admins (f);

  shown = run_cli (f, "sec", USER_PW "\n", "policy", "show", NULL);
  assert_status (shown, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_contains (shown->out, keys[i]);
  line = table_line (shown->out, "min-length");
  assert_contains (line, " 10 ");

  set = run_cli (f, "sec", USER_PW "\n", "policy", "set", "min-length", "14", NULL);
  assert_status (set, 0);
  assert_contains (set->out, "14");

  again = run_cli (f, "sec", USER_PW "\n", "policy", "show", NULL);
  after = table_line (again->out, "min-length");
  assert_contains (after, " 14 ");

  /* The system administrator sees the policy but may not change it. */
  by_admin = run_cli (f, ADMIN, ADMIN_PW "\n", "policy", "show", NULL);
  assert_status (by_admin, 0);
  assert_contains (by_admin->out, "14");

  /* A 12-character password is now too short. */
  too_short = run_cli (f, ADMIN, short_input,
                       "user", "add", "bob", "--role", "viewer", "--kdf", "interactive", NULL);
  assert_status (too_short, 6);

  audit = audit_as_auditor (f, "--event", "policy.changed", NULL);
  assert_contains (audit, "policy.changed");
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CliResult) wrong = NULL;
  g_autoptr(CliResult) verify = NULL;
  g_autoptr(CliResult) future = NULL;
  g_autofree char *all = NULL;
  g_autofree char *by_account = NULL;
  g_autofree char *by_event = NULL;
  g_autofree char *limited = NULL;
  g_autofree char *today_only = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow_time = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (tomorrow_time, "%Y-%m-%d");
  g_auto(GStrv) lines = NULL;

  setup_admins (f);
  wrong = run_cli (f, "sec", "Wrong#Pass000\n", "policy", "show", NULL);
  assert_status (wrong, 3);

  all = audit_as_auditor (f, NULL);
  assert_contains (all, "Seq");
  assert_contains (all, "vault.created");
  assert_contains (all, "account.created");
  assert_contains (all, "login.ok");
  assert_contains (all, "login.failed");
  assert_contains (all, "password.changed");
  assert_contains (all, "vault.locked");

  by_account = audit_as_auditor (f, "--account", "sec", NULL);
  assert_contains (by_account, "sec");
  assert_not_contains (by_account, "vault.created");

  by_event = audit_as_auditor (f, "--event", "account.created", NULL);
  assert_contains (by_event, "account.created");
  assert_not_contains (by_event, "login.ok");

  limited = audit_as_auditor (f, "--limit", "1", NULL);
  lines = g_strsplit (g_strchomp (limited), "\n", -1);
  /* Header, rule, one entry. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  today = g_date_time_format (now, "%Y-%m-%d");
  today_only = audit_as_auditor (f, "--since", today, "--until", today, NULL);
  assert_contains (today_only, "vault.created");

  future = run_cli (f, "aud", USER_PW "\n", "audit", "list", "--since", tomorrow, NULL);
  assert_status (future, 0);
  assert_not_contains (future->out, "vault.created");

  verify = run_cli (f, "aud", USER_PW "\n", "audit", "verify", NULL);
  assert_status (verify, 0);
  assert_contains (verify->out, "intact");
}

/* Edits one audit entry behind the vault's back, the way an administrator
 * with the vault key and an SQL shell could, and checks that `audit verify`
 * names it and exits with 4. */
static void
test_audit_tampered (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) verify = NULL;
  g_autoptr(CliResult) listed = NULL;
  char *sql_error = NULL;

  setup_admins (f);

  vault = ld_vault_new (f->vault);
  ld_vault_unlock (vault, ADMIN, ADMIN_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (_ld_vault_get_db (vault),
                                 "DROP TRIGGER audit_log_no_update;"
                                 "UPDATE audit_log SET details = 'role=viewer' WHERE seq = 3",
                                 NULL, NULL, &sql_error), ==, SQLITE_OK);
  g_assert_null (sql_error);
  ld_vault_lock (vault, "exit");

  verify = run_cli (f, "aud", USER_PW "\n", "audit", "verify", NULL);
  assert_status (verify, 4);
  assert_contains (verify->out, "broken");
  assert_contains (verify->out, "First bad entry: 3.");

  /* The trail can still be read, so the auditor can look at it. */
  listed = run_cli (f, "aud", USER_PW "\n", "audit", "list", "--event", "audit.verified", NULL);
  assert_status (listed, 0);
  assert_contains (listed->out, "audit.verified");
}

/* While another process (here: this one) has the vault open, the tool is
 * refused with a clear message and changes nothing. */
static void
test_in_use (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) refused = NULL;
  g_autoptr(CliResult) after = NULL;
  g_autofree char *add_input = input2 (ADMIN_PW, INITIAL_PW);

  init_vault (f);

  vault = ld_vault_new (f->vault);
  ld_vault_unlock (vault, ADMIN, ADMIN_PW, &error);
  g_assert_no_error (error);

  refused = run_cli (f, ADMIN, add_input,
                     "user", "add", "bob", "--role", "viewer", "--kdf", "interactive", NULL);
  assert_status (refused, 1);
  assert_error_message (refused, "in use");

  ld_vault_lock (vault, "exit");

  after = run_cli (f, ADMIN, ADMIN_PW "\n", "user", "list", NULL);
  assert_status (after, 0);
  g_assert_null (table_line (after->out, "bob"));
}

static void
test_vault_info (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CliResult) info = NULL;
  const char *argv[] = { cli_path (), "--user", ADMIN, "vault", "info", NULL };

  init_vault (f);

  info = run_cli (f, ADMIN, ADMIN_PW "\n", "vault", "info", NULL);
  assert_status (info, 0);
  assert_contains (info->out, "vault");

  /* $LIANDANG_VAULT names the vault when --vault is not given. */
  {
    g_autofree char *vault_env = g_strconcat ("LIANDANG_VAULT=", f->vault, NULL);
    const char *env[] = { vault_env, NULL };
    g_autoptr(CliResult) result = run_argv_env (argv, ADMIN_PW "\n", env);

    assert_status (result, 0);
  }

  /* And $LIANDANG_USER names the account. */
  {
    const char *argv2[] = { cli_path (), "--vault", f->vault, "vault", "info", NULL };
    const char *env[] = { "LIANDANG_USER=" ADMIN, "USER=somebody-else", NULL };
    g_autoptr(CliResult) result = run_argv_env (argv2, ADMIN_PW "\n", env);

    assert_status (result, 0);
  }
}

/* A terminal: the tool runs on a pseudo-terminal, so passwords are asked
 * for on /dev/tty. */
typedef struct
{
  pid_t    pid;
  int      master;
  GString *output;
} Pty;

static gboolean
pty_spawn (Pty                *pty,
           const char * const *argv)
{
  pty->pid = forkpty (&pty->master, NULL, NULL, NULL);
  if (pty->pid < 0)
    return FALSE;

  if (pty->pid == 0)
    {
      execv (argv[0], (char **) argv);
      _exit (127);
    }

  pty->output = g_string_new (NULL);
  return TRUE;
}

/* Reads until the output contains needle (or, if NULL, until the end). */
static gboolean
pty_read_until (Pty        *pty,
                const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (needle == NULL || strstr (pty->output->str, needle) == NULL)
    {
      struct pollfd pfd = { pty->master, POLLIN, 0 };
      char buffer[512];
      ssize_t n;
      int timeout = (int) ((deadline - g_get_monotonic_time ()) / 1000);

      if (timeout <= 0 || poll (&pfd, 1, timeout) <= 0)
        return FALSE;

      n = read (pty->master, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return needle == NULL;
      g_string_append_len (pty->output, buffer, n);
    }

  return TRUE;
}

static gboolean
pty_echo_is_on (Pty *pty)
{
  struct termios t;

  g_assert_cmpint (tcgetattr (pty->master, &t), ==, 0);
  return (t.c_lflag & ECHO) != 0;
}

static void
pty_write (Pty        *pty,
           const char *text)
{
  g_assert_cmpint (write (pty->master, text, strlen (text)), ==, (gssize) strlen (text));
}

static int
pty_wait (Pty *pty)
{
  int status;

  pty_read_until (pty, NULL);
  g_assert_cmpint (waitpid (pty->pid, &status, 0), ==, pty->pid);
  g_test_message ("terminal output:\n%s", pty->output->str);

  return status;
}

static void
pty_close (Pty *pty)
{
  close (pty->master);
  g_string_free (pty->output, TRUE);
}

static void
test_terminal (Fixture       *f,
               gconstpointer  data)
{
  const char *list_argv[] = { cli_path (), "--vault", f->vault, "--user", ADMIN,
                              "user", "list", NULL };
  const char *add_argv[] = { cli_path (), "--vault", f->vault, "--user", ADMIN,
                             "user", "add", "bob", "--role", "viewer", NULL };
  Pty pty;
  int status;

  init_vault (f);

  /* The password is asked for without echo and works. */
  if (!pty_spawn (&pty, list_argv))
    {
      g_test_skip ("No pseudo-terminals here");
      return;
    }
  g_assert_true (pty_read_until (&pty, "Password for root: "));
  g_assert_false (pty_echo_is_on (&pty));
  pty_write (&pty, ADMIN_PW "\n");
  status = pty_wait (&pty);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_contains (pty.output->str, "sysadmin");
  assert_not_contains (pty.output->str, ADMIN_PW);
  g_assert_true (pty_echo_is_on (&pty));
  pty_close (&pty);

  /* Interrupted at the prompt, the terminal gets its echo back. */
  g_assert_true (pty_spawn (&pty, list_argv));
  g_assert_true (pty_read_until (&pty, "Password for root: "));
  g_assert_false (pty_echo_is_on (&pty));
  pty_write (&pty, "\x03");
  status = pty_wait (&pty);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  g_assert_true (pty_echo_is_on (&pty));
  pty_close (&pty);

  /* A new password is asked twice; two different answers change nothing. */
  g_assert_true (pty_spawn (&pty, add_argv));
  g_assert_true (pty_read_until (&pty, "Password for root: "));
  pty_write (&pty, ADMIN_PW "\n");
  g_assert_true (pty_read_until (&pty, "New password for bob: "));
  g_assert_false (pty_echo_is_on (&pty));
  pty_write (&pty, INITIAL_PW "\n");
  g_assert_true (pty_read_until (&pty, "Repeat the new password for bob: "));
  pty_write (&pty, OTHER_PW "\n");
  status = pty_wait (&pty);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 6);
  assert_contains (pty.output->str, "do not match");
  pty_close (&pty);

  /* The same answer twice creates the account. */
  g_assert_true (pty_spawn (&pty, add_argv));
  g_assert_true (pty_read_until (&pty, "Password for root: "));
  pty_write (&pty, ADMIN_PW "\n");
  g_assert_true (pty_read_until (&pty, "New password for bob: "));
  pty_write (&pty, INITIAL_PW "\n");
  g_assert_true (pty_read_until (&pty, "Repeat the new password for bob: "));
  pty_write (&pty, INITIAL_PW "\n");
  status = pty_wait (&pty);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_not_contains (pty.output->str, INITIAL_PW);
  pty_close (&pty);
}

/* Units, scopes and cadres (issue 3). */

static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *county = NULL;
  g_autofree char *dept_a = NULL;
  g_autofree char *dept_b = NULL;
  g_autofree char *units = NULL;
  g_autofree char *list = NULL;
  g_autofree char *show = NULL;
  g_autofree char *cadre_a = NULL;
  g_autofree char *cadre_b = NULL;
  g_autofree char *audit = NULL;

  setup_admins (f);
  add_account (f, "boss", "investigator");
  add_account (f, "ivy", "investigator");
  g_free (run_ok (f, "sec", "user", "scope", "boss", "all", NULL));

  county = g_strstrip (run_ok (f, "boss", "unit", "add", "县委", "--kind", "party-organ", NULL));
  g_assert_cmpstr (county, ==, "1");
  dept_a = g_strstrip (run_ok (f, "boss", "unit", "add", "财政局", "--parent", county, NULL));
  dept_b = g_strstrip (run_ok (f, "boss", "unit", "add", "教育局", "--parent", county, "--short", "教育", NULL));
  units = run_ok (f, "boss", "unit", "list", NULL);
  assert_contains (units, "县委");
  assert_contains (units, "  财政局");
  assert_contains (units, "Party organ");

  cadre_a = g_strstrip (run_ok (f, "boss", "cadre", "add", "--name", "张三丰", "--id-number", "11010519491231002X",
                                "--unit", dept_a, "--post", "局长", "--set", "principal=yes", NULL));
  cadre_b = g_strstrip (run_ok (f, "boss", "cadre", "add", "--name", "李四", "--id-number", "440300199001011238",
                                "--unit", dept_b, NULL));

  /* Cycles, bad input, unknown numbers. */
  {
    g_autoptr(CliResult) cycle = run_cli (f, "boss", USER_PW "\n", "unit", "move", county, "--parent", dept_a, NULL);
    g_autoptr(CliResult) dup = run_cli (f, "boss", USER_PW "\n", "cadre", "add", "--name", "某", "--id-number",
                                        "440300199001011238", "--unit", dept_a, NULL);
    g_autoptr(CliResult) missing = run_cli (f, "boss", USER_PW "\n", "cadre", "show", "999", NULL);
    g_autoptr(CliResult) not_number = run_cli (f, "boss", USER_PW "\n", "cadre", "show", "x1", NULL);
    g_autoptr(CliResult) no_opts = run_cli (f, "boss", USER_PW "\n", "cadre", "add", "--name", "某", NULL);

    assert_status (cycle, 6);
    assert_error_message (cycle, "loop");
    assert_status (dup, 6);
    assert_status (missing, 6);
    assert_status (not_number, 2);
    assert_status (no_opts, 2);
  }

  list = run_ok (f, "boss", "cadre", "list", "--header", NULL);
  assert_contains (list, "Record\tName\tSex\tDate of birth\tID number\tUnit\tPost\tCategories\n");
  assert_contains (list, "\t张三丰\t");
  assert_contains (list, "\t财政局\t局长\ttop-leader\n");
  assert_contains (list, "\t李四\t");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "cadre", "list", "--search", "zsf", NULL);
  assert_contains (list, "张三丰");
  assert_not_contains (list, "李四");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "cadre", "list", "--unit", dept_b, NULL);
  assert_not_contains (list, "张三丰");
  assert_contains (list, "李四");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "cadre", "list", "--search", "局长", NULL);
  assert_contains (list, "张三丰");
  assert_not_contains (list, "李四");
  g_clear_pointer (&list, g_free);

  g_free (run_ok (f, "boss", "cadre", "set", cadre_a, "post=副局长", "grade=12", NULL));
  {
    g_autoptr(CliResult) bad = run_cli (f, "boss", USER_PW "\n", "cadre", "set", cadre_a, "grade=99", NULL);
    g_autoptr(CliResult) unknown = run_cli (f, "boss", USER_PW "\n", "cadre", "set", cadre_a, "colour=red", NULL);

    assert_status (bad, 6);
    assert_status (unknown, 6);
  }
  show = run_ok (f, "boss", "cadre", "show", cadre_a, "--history", NULL);
  assert_contains (show, "Post: 局长 → 副局长");
  assert_contains (show, "张三丰");
  assert_contains (show, "ID number: 11010519491231002X");
  assert_contains (show, "B. Family Members");
  assert_contains (show, "History");

  /* ivy sees dept B only, through every command. */
  g_free (run_ok (f, "sec", "user", "scope", "ivy", dept_b, NULL));
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "ivy", "cadre", "list", NULL);
  assert_not_contains (list, "张三丰");
  assert_contains (list, "李四");
  g_clear_pointer (&units, g_free);
  units = run_ok (f, "ivy", "unit", "list", NULL);
  assert_not_contains (units, "财政局");
  assert_contains (units, "教育局");
  {
    g_autoptr(CliResult) other = run_cli (f, "ivy", USER_PW "\n", "cadre", "show", cadre_a, NULL);
    g_autoptr(CliResult) move = run_cli (f, "ivy", USER_PW "\n", "unit", "move", dept_a, "--parent", dept_b, NULL);
    g_autoptr(CliResult) self_grant = run_cli (f, "ivy", USER_PW "\n", "user", "scope", "ivy", "all", NULL);
    g_autoptr(CliResult) admin = run_cli (f, ADMIN, ADMIN_PW "\n", "cadre", "list", NULL);
    g_autoptr(CliResult) bad_unit = run_cli (f, "sec", USER_PW "\n", "user", "scope", "ivy", "x", NULL);

    assert_status (other, 6);
    assert_not_contains (other->out, "张三丰");
    assert_status (move, 6);
    assert_status (self_grant, 5);
    assert_status (admin, 5);
    assert_status (bad_unit, 2);
  }
  g_free (run_ok (f, "sec", "user", "unscope", "ivy", dept_b, NULL));
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "ivy", "cadre", "list", NULL);
  g_assert_cmpstr (list, ==, "");

  /* Retire, never delete. */
  g_free (run_ok (f, "boss", "cadre", "retire", cadre_b, "--reason", "transferred out", NULL));
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_not_contains (list, "李四");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "cadre", "list", "--all", NULL);
  assert_contains (list, "李四");
  g_free (run_ok (f, "boss", "unit", "retire", dept_b, "--reason", "merged away", NULL));

  audit = audit_as_auditor (f, NULL);
  assert_contains (audit, "scope.granted");
  assert_contains (audit, "scope.revoked");
  assert_contains (audit, "unit.created");
  assert_contains (audit, "cadre.created");
  assert_contains (audit, "cadre.viewed");
  assert_contains (audit, "cadre.retired");
  assert_not_contains (audit, "张三丰");
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, cli_fixture_setup, func, cli_fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Messages are checked in English; the vault and account come from the
   * command line only. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("LIANDANG_VAULT");
  g_unsetenv ("LIANDANG_USER");
  /* A pipe the tool closed early must fail a write, not end the test. */
  signal (SIGPIPE, SIG_IGN);

  add_test ("/cli/usage", test_usage);
  add_test ("/cli/help", test_help);
  add_test ("/cli/init/ok", test_init);
  add_test ("/cli/init/invalid", test_init_invalid);
  add_test ("/cli/vault/not-a-vault", test_not_a_vault);
  add_test ("/cli/vault/damaged", test_damaged);
  add_test ("/cli/vault/damaged-middle", test_damaged_middle);
  add_test ("/cli/vault/info", test_vault_info);
  add_test ("/cli/vault/in-use", test_in_use);
  add_test ("/cli/login/wrong-password", test_wrong_password);
  add_test ("/cli/login/lockout", test_lockout);
  add_test ("/cli/login/disabled", test_disabled);
  add_test ("/cli/login/must-change", test_must_change);
  add_test ("/cli/login/password-files", test_password_files);
  add_test ("/cli/login/terminal", test_terminal);
  add_test ("/cli/user/commands", test_user_commands);
  add_test ("/cli/user/permissions", test_permissions);
  add_test ("/cli/user/invalid-input", test_invalid_input);
  add_test ("/cli/policy", test_policy);
  add_test ("/cli/audit/list-verify", test_audit);
  add_test ("/cli/audit/tampered", test_audit_tampered);
  add_test ("/cli/records", test_records);

  return g_test_run ();
}
