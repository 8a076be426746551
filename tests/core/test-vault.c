/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-user-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-key-slot.h"
#include "vault/ld-migrations.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

typedef struct
{
  char    *tmp;
  char    *dir;
  LdVault *vault;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->tmp = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->tmp);
  f->dir = g_strdup (ld_vault_get_dir (f->vault));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->vault);
  ld_test_rmdir (f->tmp);
  g_free (f->tmp);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdVault) again = NULL;
  const LdSession *session = ld_vault_get_session (f->vault);

  g_assert_cmpstr (session->name, ==, LD_TEST_ADMIN);
  g_assert_cmpint (session->role, ==, LD_ROLE_SYSADMIN);
  g_assert_false (session->must_change_password);
  g_assert_true (ld_vault_dir_is_vault (f->dir));

  ld_vault_lock (f->vault, "manual");
  g_assert_false (ld_vault_is_open (f->vault));
  g_assert_null (ld_vault_get_session (f->vault));

  /* Account names are case-insensitive. */
  again = ld_vault_new (f->dir);
  ld_vault_unlock (again, "ADMIN", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_is_open (again));

  /* Creating over an existing vault is refused and changes nothing. */
  {
    g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autoptr(LdVault) other = ld_vault_new (f->dir);

    ld_vault_lock (again, "exit");
    before = ld_test_file_sha256 (db);
    ld_vault_create (other, "someone", LD_TEST_PASSWORD, LD_KDF_INTERACTIVE, &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_VAULT_EXISTS);
    after = ld_test_file_sha256 (db);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_modes_and_encryption (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
  g_autofree char *slots = path_in (f, LD_VAULT_SLOTS_NAME);
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize len;
  sqlite3 *raw = NULL;
  int rc;

  ld_vault_lock (f->vault, "exit");

  g_assert_cmpint (g_stat (f->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (slots, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No plaintext header, and no plaintext account names anywhere. */
  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpint (len, >, 1024);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);
  g_assert_null (g_strstr_len (contents, len, "sysadmin"));
  g_assert_null (g_strstr_len (contents, len, "vault.created"));

  /* Opening without the key fails. */
  g_assert_cmpint (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (raw, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_NOTADB);
  sqlite3_close (raw);

  /* The slot file holds no key in the clear: the vault key never appears. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (slots, &contents, &len, NULL));
  g_assert_nonnull (strstr (contents, "slot admin"));
  g_assert_null (strstr (contents, LD_TEST_PASSWORD));
}

static void
test_connection_settings (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = _ld_vault_get_db (f->vault);
  const struct
  {
    const char *pragma;
    const char *value;
  } expected[] = {
    { "PRAGMA cipher_version", "3.4.1" },
    { "PRAGMA cipher_page_size", "1024" },
    { "PRAGMA cipher_use_hmac", "1" },
    { "PRAGMA temp_store", "2" },
    { "PRAGMA secure_delete", "1" },
    { "PRAGMA foreign_keys", "1" },
    { "PRAGMA synchronous", "2" },
    { "PRAGMA locking_mode", "exclusive" },
    { "PRAGMA journal_mode", "delete" },
  };
  gint64 version;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = ld_sql_query_text (db, expected[i].pragma, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, expected[i].value);
    }
  g_assert_true (ld_sql_query_int64 (db, "PRAGMA user_version", 0, &version, NULL));
  g_assert_cmpint (version, ==, ld_migrations_latest ());
  /* Extension loading is off. */
  g_assert_cmpint (sqlite3_exec (db, "SELECT load_extension('/nonexistent')", NULL, NULL, NULL), !=, SQLITE_OK);
}

static void
test_not_a_vault (void)
{
  g_autofree char *tmp = ld_test_tmpdir ();
  g_autoptr(LdVault) vault = ld_vault_new (tmp);
  g_autoptr(GError) error = NULL;
  g_autofree char *slots = g_build_filename (tmp, LD_VAULT_SLOTS_NAME, NULL);

  ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_A_VAULT);
  g_assert_cmpint (ld_error_exit_code (error), ==, 4);
  g_clear_error (&error);

  /* A garbage slot file is "not a vault" too. */
  g_assert_true (g_file_set_contents (slots, "hello", -1, NULL));
  ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_A_VAULT);
  ld_test_rmdir (tmp);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  ld_vault_lock (f->vault, "exit");
  before = ld_test_file_sha256 (db);

  ld_vault_unlock (f->vault, LD_TEST_ADMIN, "Wrong-Password-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
  g_assert_false (ld_vault_is_open (f->vault));
  g_clear_error (&error);

  /* An unknown account gives the same answer. */
  ld_vault_unlock (f->vault, "nobody", "Wrong-Password-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* The database was never touched. */
  after = ld_test_file_sha256 (db);
  g_assert_cmpstr (before, ==, after);

  /* The failures reach the audit trail at the next sign-in. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  {
    g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (f->vault),
                                                   "SELECT account, outcome FROM audit_log WHERE event = 'login.failed'"
                                                   " ORDER BY seq", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, LD_TEST_ADMIN);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "nobody");
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  }
}

static void
test_lockout_persists (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdVault) fresh = NULL;

  /* A security administrator to lift the lock later. */
  ld_user_repository_add (f->vault, "sec", LD_ROLE_SECADMIN, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_user_repository_add (f->vault, "wang", LD_ROLE_INVESTIGATOR, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_vault_lock (f->vault, "exit");

  for (int i = 1; i <= 4; i++)
    {
      ld_vault_unlock (f->vault, "wang", "Wrong-Password-1", &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  /* The fifth failure locks. */
  ld_vault_unlock (f->vault, "wang", "Wrong-Password-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED);
  g_assert_cmpint (ld_error_exit_code (error), ==, 3);
  g_clear_error (&error);
  g_clear_object (&f->vault);

  /* A new process (a new vault object reading the slot file) still refuses,
   * even with the right password. */
  fresh = ld_vault_new (f->dir);
  ld_vault_unlock (fresh, "wang", "Initial-Pass-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED);
  g_clear_error (&error);

  /* Other accounts are unaffected; the system administrator cannot unlock. */
  ld_test_login (fresh, LD_TEST_ADMIN);
  ld_user_repository_unlock (fresh, "wang", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  {
    g_autoptr(LdUser) user = ld_user_repository_find (fresh, "wang", &error);
    g_assert_no_error (error);
    g_assert_true (ld_user_get_locked (user));
  }

  /* The security administrator lifts the lock. */
  ld_vault_unlock (fresh, "sec", "Initial-Pass-1", &error);
  g_assert_no_error (error);
  ld_user_repository_set_password (fresh, "sec", "Initial-Pass-1", "Guard-Admin-Pw9", &error);
  g_assert_no_error (error);
  ld_user_repository_unlock (fresh, "wang", &error);
  g_assert_no_error (error);
  ld_user_repository_unlock (fresh, "wang", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID); /* not locked any more */
  g_clear_error (&error);
  ld_vault_lock (fresh, "exit");

  ld_vault_unlock (fresh, "wang", "Initial-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (fresh)->must_change_password);
  ld_vault_lock (fresh, "exit");

  /* The trail shows the failures, the lockout and the unlock. */
  ld_test_login (fresh, LD_TEST_ADMIN);
  {
    gint64 failed = 0, lockout = 0, unlocked = 0;
    sqlite3 *db = _ld_vault_get_db (fresh);
    ld_sql_query_int64 (db, "SELECT count(*) FROM audit_log WHERE event = 'login.failed' AND account = 'wang'", 0,
                        &failed, NULL);
    ld_sql_query_int64 (db, "SELECT count(*) FROM audit_log WHERE event = 'login.lockout'", 0, &lockout, NULL);
    ld_sql_query_int64 (db, "SELECT count(*) FROM audit_log WHERE event = 'account.unlocked'", 0, &unlocked, NULL);
    g_assert_cmpint (failed, ==, 6);
    g_assert_cmpint (lockout, ==, 1);
    g_assert_cmpint (unlocked, ==, 1);
  }
}

static void
test_lockout_timer (void)
{
  g_autoptr(LdKeySlots) slots = ld_key_slots_new (LD_KDF_INTERACTIVE);
  guint8 *key = ld_vault_key_new_random ();
  gint64 until = 0;
  gint64 now = 1700000000;

  g_assert_true (ld_key_slots_set (slots, "li", "Some-Pass-123", key, LD_KDF_INTERACTIVE, NULL));
  ld_key_slots_set_lockout_policy (slots, 3, 10);
  g_assert_false (ld_key_slots_record_failure (slots, "li", now));
  g_assert_false (ld_key_slots_record_failure (slots, "li", now));
  g_assert_true (ld_key_slots_record_failure (slots, "li", now));
  g_assert_true (ld_key_slots_is_locked (slots, "li", now + 599, &until));
  g_assert_cmpint (until, ==, now + 600);
  /* After the configured time the lock lifts by itself. */
  g_assert_false (ld_key_slots_is_locked (slots, "li", now + 600, NULL));
  /* A new failure after expiry starts a fresh count. */
  g_assert_false (ld_key_slots_record_failure (slots, "li", now + 700));
  g_assert_cmpint (ld_key_slots_get_failures (slots, "li"), ==, 1);

  /* Minutes 0: only the security administrator unlocks. */
  ld_key_slots_set_lockout_policy (slots, 3, 0);
  ld_key_slots_record_failure (slots, "li", now);
  g_assert_true (ld_key_slots_record_failure (slots, "li", now));
  g_assert_true (ld_key_slots_is_locked (slots, "li", now + 10 * 365 * 86400, &until));
  g_assert_cmpint (until, ==, 0);
  g_assert_true (ld_key_slots_clear_failures (slots, "li"));
  g_assert_false (ld_key_slots_is_locked (slots, "li", now, NULL));
  ld_vault_key_free (key);
}

static void
test_slot_binding (void)
{
  g_autoptr(LdKeySlots) slots = ld_key_slots_new (LD_KDF_INTERACTIVE);
  guint8 *key = ld_vault_key_new_random ();
  guint8 *out;
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_key_slots_set (slots, "a1", "Pass-word-111", key, LD_KDF_INTERACTIVE, NULL));
  g_assert_true (ld_key_slots_set (slots, "b1", "Pass-word-222", key, LD_KDF_INTERACTIVE, NULL));
  out = ld_key_slots_open (slots, "a1", "Pass-word-111", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (out, LD_VAULT_KEY_BYTES, key, LD_VAULT_KEY_BYTES);
  ld_vault_key_free (out);
  /* b1's password does not open a1's slot. */
  out = ld_key_slots_open (slots, "a1", "Pass-word-222", &error);
  g_assert_null (out);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
  ld_vault_key_free (key);
}

/* Copies the vault dir, applies damage to the copy's database, and checks
 * that the right password reports a damaged vault and changes nothing. */
static void
check_damage (Fixture    *f,
              const char *what,
              void      (*damage) (const char *path, gsize size))
{
  g_autofree char *copy = g_build_filename (f->tmp, "copy", NULL);
  g_autofree char *db = g_build_filename (copy, LD_VAULT_DB_NAME, NULL);
  g_autofree char *cmd = g_strdup_printf ("cp -a '%s' '%s'", f->dir, copy);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  ld_test_rmdir (copy);
  g_assert_cmpint (system (cmd), ==, 0);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  damage (db, st.st_size);
  before = ld_test_file_sha256 (db);

  vault = ld_vault_new (copy);
  ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  if (!g_error_matches (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED))
    g_error ("%s: expected VAULT_DAMAGED, got %s", what, error ? error->message : "success");
  g_assert_cmpint (ld_error_exit_code (error), ==, 4);
  g_assert_false (ld_vault_is_open (vault));
  after = ld_test_file_sha256 (db);
  g_assert_cmpstr (before, ==, after);
  ld_test_rmdir (copy);
}

static void
flip (const char *path,
      gsize       offset,
      gsize       len)
{
  int fd = open (path, O_RDWR);
  guint8 buf[256];

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, buf, len, offset), ==, (ssize_t) len);
  for (gsize i = 0; i < len; i++)
    buf[i] ^= 0x5a;
  g_assert_cmpint (pwrite (fd, buf, len, offset), ==, (ssize_t) len);
  close (fd);
}

static void damage_salt (const char *p, gsize s) { flip (p, 0, 16); }
static void damage_page1 (const char *p, gsize s) { flip (p, 100, 100); }
static void damage_middle (const char *p, gsize s) { flip (p, (s / 1024 / 2) * 1024 + 200, 8); }
static void damage_last (const char *p, gsize s) { flip (p, s - 600, 1); }
static void damage_truncate_page (const char *p, gsize s) { g_assert_cmpint (truncate (p, s - 1024), ==, 0); }
static void damage_truncate_mid (const char *p, gsize s) { g_assert_cmpint (truncate (p, s - 1500), ==, 0); }

static void
test_damage_detected (Fixture       *f,
                      gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");

  check_damage (f, "salt", damage_salt);
  check_damage (f, "page 1", damage_page1);
  check_damage (f, "middle page", damage_middle);
  check_damage (f, "last page", damage_last);
  check_damage (f, "truncated at a page", damage_truncate_page);
  check_damage (f, "truncated mid-page", damage_truncate_mid);
}

static void
test_random_tamper (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
  g_autofree char *original = NULL;
  gsize size;
  GRand *rand = g_rand_new_with_seed (42);

  ld_vault_lock (f->vault, "exit");
  g_assert_true (g_file_get_contents (db, &original, &size, NULL));

  /* One random byte flipped per run: every run either detects the damage
   * or (a free or unused byte) opens with an intact audit trail. */
  for (int run = 0; run < 40; run++)
    {
      g_autoptr(LdVault) vault = ld_vault_new (f->dir);
      g_autoptr(GError) error = NULL;
      gsize offset = g_rand_int_range (rand, 0, (gint32) size);
      g_autofree char *damaged = g_memdup2 (original, size);

      damaged[offset] ^= 1 << g_rand_int_range (rand, 0, 8);
      g_assert_true (g_file_set_contents (db, damaged, size, NULL));
      g_chmod (db, 0600);
      if (ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error))
        {
          gint64 n = 0;
          g_assert_true (ld_sql_query_int64 (_ld_vault_get_db (vault), "SELECT count(*) FROM audit_log", 0, &n, NULL));
          g_assert_cmpint (n, >, 0);
          ld_vault_lock (vault, "exit");
        }
      else
        g_assert_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED);
      g_assert_true (g_file_set_contents (db, original, size, NULL));
    }
  g_rand_free (rand);
}

static void
test_replaced_database (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *tmp2 = ld_test_tmpdir ();
  g_autoptr(LdVault) other = ld_test_vault_new (tmp2);
  g_autofree char *other_db = g_build_filename (ld_vault_get_dir (other), LD_VAULT_DB_NAME, NULL);
  g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;

  ld_vault_lock (other, "exit");
  ld_vault_lock (f->vault, "exit");
  g_assert_true (g_file_get_contents (other_db, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (db, contents, len, NULL));

  ld_vault_unlock (f->vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED);
  g_clear_error (&error);

  /* A missing database is damage too, not "not a vault". */
  g_unlink (db);
  ld_vault_unlock (f->vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED);
  ld_test_rmdir (tmp2);
}

static void
test_second_process (Fixture       *f,
                     gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("LD_TEST_VAULT_DIR");
      g_autoptr(LdVault) vault = ld_vault_new (dir);
      g_autoptr(GError) error = NULL;

      ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_VAULT_IN_USE);
      g_print ("%s\n", error->message);
      return;
    }

  g_setenv ("LD_TEST_VAULT_DIR", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*in use*");

  /* The first process is unharmed and goes on writing. */
  {
    g_autoptr(GError) error = NULL;
    ld_user_repository_add (f->vault, "after", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
    g_assert_no_error (error);
  }

  /* After closing, another process may open it. */
  ld_vault_lock (f->vault, "exit");
  {
    g_autoptr(LdVault) other = ld_vault_new (f->dir);
    ld_test_login (other, LD_TEST_ADMIN);
  }
}

/* B11: kill -9 while a password is being changed → the old or the new
 * password opens the vault, never neither. */
static void
test_slot_rewrite_atomic (Fixture       *f,
                          gconstpointer  data)
{
  const char *pw[2] = { "First-Pass-0001", "Second-Pass-0002" };
  GRand *rand = g_rand_new_with_seed (7);

  ld_vault_lock (f->vault, "exit");
  {
    g_autofree char *slots_path = path_in (f, LD_VAULT_SLOTS_NAME);
    g_autoptr(LdKeySlots) slots = ld_key_slots_load (slots_path, NULL);
    guint8 *key = ld_key_slots_open (slots, LD_TEST_ADMIN, LD_TEST_PASSWORD, NULL);

    g_assert_nonnull (key);
    for (int trial = 0; trial < 12; trial++)
      {
        pid_t pid = fork ();
        int status;

        g_assert_cmpint (pid, >=, 0);
        if (pid == 0)
          {
            for (int i = 0;; i++)
              {
                ld_key_slots_set (slots, LD_TEST_ADMIN, pw[i % 2], key, LD_KDF_INTERACTIVE, NULL);
                ld_key_slots_save (slots, slots_path, NULL);
              }
          }
        g_usleep (g_rand_int_range (rand, 20000, 250000));
        kill (pid, SIGKILL);
        waitpid (pid, &status, 0);

        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LdKeySlots) after = ld_key_slots_load (slots_path, &error);
          guint8 *k0, *k1, *korig;

          /* On a loaded machine the child may die before its first save:
           * then the original password must still work. Exactly one of
           * the three opens the slot, never none. */
          g_assert_no_error (error);
          k0 = ld_key_slots_open (after, LD_TEST_ADMIN, pw[0], NULL);
          k1 = ld_key_slots_open (after, LD_TEST_ADMIN, pw[1], NULL);
          korig = ld_key_slots_open (after, LD_TEST_ADMIN, LD_TEST_PASSWORD, NULL);
          g_assert_cmpint ((k0 != NULL) + (k1 != NULL) + (korig != NULL), ==, 1);
          ld_vault_key_free (k0);
          ld_vault_key_free (k1);
          ld_vault_key_free (korig);
        }
      }
    ld_vault_key_free (key);
  }
  g_rand_free (rand);
}

static void
test_disabled_account (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ld_user_repository_add (f->vault, "zhao", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_disabled (f->vault, "zhao", TRUE, &error);
  g_assert_no_error (error);
  ld_vault_lock (f->vault, "exit");

  ld_vault_unlock (f->vault, "zhao", "Initial-Pass-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_ACCOUNT_DISABLED);
  g_assert_cmpint (ld_error_exit_code (error), ==, 3);
  g_assert_false (ld_vault_is_open (f->vault));
  g_clear_error (&error);

  ld_test_login (f->vault, LD_TEST_ADMIN);
  ld_user_repository_set_disabled (f->vault, "zhao", FALSE, &error);
  g_assert_no_error (error);
  ld_vault_lock (f->vault, "exit");
  ld_vault_unlock (f->vault, "zhao", "Initial-Pass-1", &error);
  g_assert_no_error (error);
}

static void
test_must_change_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ld_user_repository_add (f->vault, "qian", LD_ROLE_INVESTIGATOR, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_vault_lock (f->vault, "exit");
  ld_vault_unlock (f->vault, "qian", "Initial-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (f->vault)->must_change_password);

  /* Nothing else is allowed until the password is changed. */
  g_assert_false (ld_vault_check (f->vault, LD_ACTION_RECORD_READ, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PASSWORD_EXPIRED);
  g_clear_error (&error);

  /* Wrong current password, weak or reused new password: refused. */
  ld_user_repository_set_password (f->vault, "qian", "Wrong-Pass-1", "Brand-New-Pass-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  ld_user_repository_set_password (f->vault, "qian", "Initial-Pass-1", "weak", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ld_user_repository_set_password (f->vault, "qian", "Initial-Pass-1", "Initial-Pass-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  ld_user_repository_set_password (f->vault, "qian", "Initial-Pass-1", "Brand-New-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_false (ld_vault_get_session (f->vault)->must_change_password);
  g_assert_true (ld_vault_check (f->vault, LD_ACTION_RECORD_READ, NULL));
  ld_vault_lock (f->vault, "exit");

  /* The old password no longer opens; the new one does. */
  ld_vault_unlock (f->vault, "qian", "Initial-Pass-1", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  ld_vault_unlock (f->vault, "qian", "Brand-New-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_false (ld_vault_get_session (f->vault)->must_change_password);

  /* Expiry: with expiry 1 day and a password changed 2 days ago, sign-in
   * demands a change. */
  ld_vault_lock (f->vault, "exit");
  ld_test_login (f->vault, LD_TEST_ADMIN);
  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault),
                              "UPDATE users SET password_changed_at = password_changed_at - 2 * 86400"
                              " WHERE name = 'qian';"
                              "INSERT OR REPLACE INTO settings VALUES ('expiry-days', '1')", NULL));
  ld_vault_lock (f->vault, "exit");
  ld_vault_unlock (f->vault, "qian", "Brand-New-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (f->vault)->must_change_password);
}

typedef struct
{
  gboolean   done;
  gboolean   ok;
  GError    *error;
  GMainLoop *loop;
} AsyncCtx;

static void
unlock_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  AsyncCtx *c = user_data;

  c->ok = ld_vault_unlock_finish (LD_VAULT (source), res, &c->error);
  c->done = TRUE;
  g_main_loop_quit (c->loop);
}

static void
test_async_unlock (Fixture       *f,
                   gconstpointer  data)
{
  AsyncCtx ctx = { 0 };

  ctx.loop = g_main_loop_new (NULL, FALSE);
  ld_vault_lock (f->vault, "exit");

  /* Jobs run in order on one worker: a wrong try, then a right one. */
  ld_vault_unlock_async (f->vault, LD_TEST_ADMIN, "Wrong-Password-9", NULL, NULL, NULL);
  ld_vault_unlock_async (f->vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, NULL, unlock_cb, &ctx);
  g_main_loop_run (ctx.loop);

  g_assert_true (ctx.done);
  g_assert_no_error (ctx.error);
  g_assert_true (ctx.ok);
  g_assert_true (ld_vault_is_open (f->vault));
  g_main_loop_unref (ctx.loop);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = path_in (f, LD_VAULT_DB_NAME);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault), "PRAGMA user_version = 999", NULL));
  ld_vault_lock (f->vault, "exit");
  before = ld_test_file_sha256 (db);

  ld_vault_unlock (f->vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_false (ld_vault_is_open (f->vault));
  after = ld_test_file_sha256 (db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vault/create-and-reopen", Fixture, NULL, setup, test_create_and_reopen, teardown);
  g_test_add ("/vault/modes-and-encryption", Fixture, NULL, setup, test_modes_and_encryption, teardown);
  g_test_add ("/vault/connection-settings", Fixture, NULL, setup, test_connection_settings, teardown);
  g_test_add_func ("/vault/not-a-vault", test_not_a_vault);
  g_test_add ("/vault/wrong-password", Fixture, NULL, setup, test_wrong_password, teardown);
  g_test_add ("/vault/lockout-persists", Fixture, NULL, setup, test_lockout_persists, teardown);
  g_test_add_func ("/vault/lockout-timer", test_lockout_timer);
  g_test_add_func ("/vault/slot-binding", test_slot_binding);
  g_test_add ("/vault/damage-detected", Fixture, NULL, setup, test_damage_detected, teardown);
  g_test_add ("/vault/random-tamper", Fixture, NULL, setup, test_random_tamper, teardown);
  g_test_add ("/vault/replaced-database", Fixture, NULL, setup, test_replaced_database, teardown);
  g_test_add ("/vault/second-process", Fixture, NULL, setup, test_second_process, teardown);
  g_test_add ("/vault/slot-rewrite-atomic", Fixture, NULL, setup, test_slot_rewrite_atomic, teardown);
  g_test_add ("/vault/disabled-account", Fixture, NULL, setup, test_disabled_account, teardown);
  g_test_add ("/vault/must-change-password", Fixture, NULL, setup, test_must_change_password, teardown);
  g_test_add ("/vault/newer-schema-refused", Fixture, NULL, setup, test_newer_schema_refused, teardown);
  g_test_add ("/vault/async-unlock", Fixture, NULL, setup, test_async_unlock, teardown);
  return g_test_run ();
}
