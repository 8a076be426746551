/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-vault"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ld-error.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-user-repository-private.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "search/ld-fts-tokenizer.h"
#include "vault/ld-audit-log-private.h"
#include "vault/ld-migrations.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define EXPECTED_CIPHER_VERSION "3.4.1"
#define QUICK_CHECK_MAX_BYTES   (32 * 1024 * 1024)

struct _LdVault
{
  GObject      parent_instance;

  char        *dir;
  GThreadPool *pool;

  /* Owned by whoever runs vault calls: the worker thread in the GUI, the
   * main thread in the CLI and tests. */
  sqlite3     *db;
  guint8      *key;       /* sodium_malloc'ed */
  guint8      *mac_key;   /* sodium_malloc'ed */
  LdKeySlots  *slots;
  LdSession   *session;
  LdPolicy     policy;
  int          lock_fd;
  guint64      tx_serial;  /* counts the transactions begun */
};

G_DEFINE_FINAL_TYPE (LdVault, ld_vault, G_TYPE_OBJECT)

/* --- Session ------------------------------------------------------------ */

LdSession *
ld_session_copy (const LdSession *session)
{
  LdSession *copy;

  if (session == NULL)
    return NULL;
  copy = g_memdup2 (session, sizeof *session);
  copy->name = g_strdup (session->name);
  return copy;
}

void
ld_session_free (LdSession *session)
{
  if (session == NULL)
    return;
  g_free (session->name);
  g_free (session);
}

/* --- A zeroising allocator for SQLite (SECURITY.md A15) ------------------ */

#define HDR 16

static void *
zmalloc (int n)
{
  char *p = malloc ((size_t) n + HDR);
  if (p == NULL)
    return NULL;
  *(size_t *) p = (size_t) n;
  return p + HDR;
}

static void
zfree (void *ptr)
{
  char *p;
  if (ptr == NULL)
    return;
  p = (char *) ptr - HDR;
  sodium_memzero (ptr, *(size_t *) p);
  free (p);
}

static int
zsize (void *ptr)
{
  return ptr ? (int) *(size_t *) ((char *) ptr - HDR) : 0;
}

static void *
zrealloc (void *ptr,
          int   n)
{
  void *np;
  int old;

  if (ptr == NULL)
    return zmalloc (n);
  old = zsize (ptr);
  np = zmalloc (n);
  if (np == NULL)
    return NULL;
  memcpy (np, ptr, (size_t) MIN (old, n));
  zfree (ptr);
  return np;
}

static int
zroundup (int n)
{
  return (n + 7) & ~7;
}

static int
zinit (void *data)
{
  return SQLITE_OK;
}

static void
zshutdown (void *data)
{
}

static const sqlite3_mem_methods zeroing_mem = {
  zmalloc, zfree, zrealloc, zsize, zroundup, zinit, zshutdown, NULL
};

static void
install_allocator (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sqlite3_config (SQLITE_CONFIG_MALLOC, &zeroing_mem) != SQLITE_OK)
        g_warning ("SQLite was initialised before Liandang could install its zeroising allocator");
      ld_crypto_init ();
      g_once_init_leave (&done, 1);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void worker_func (gpointer data, gpointer user_data);

static void
ld_vault_finalize (GObject *object)
{
  LdVault *self = LD_VAULT (object);

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  ld_vault_lock (self, "exit");
  g_free (self->dir);

  G_OBJECT_CLASS (ld_vault_parent_class)->finalize (object);
}

static void
ld_vault_class_init (LdVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_vault_finalize;
  install_allocator ();
}

static void
ld_vault_init (LdVault *self)
{
  self->lock_fd = -1;
  ld_policy_init_defaults (&self->policy);
}

LdVault *
ld_vault_new (const char *dir)
{
  LdVault *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (LD_TYPE_VAULT, NULL);
  self->dir = g_canonicalize_filename (dir, NULL);
  return self;
}

char *
ld_vault_default_dir (void)
{
  const char *env = g_getenv ("LIANDANG_VAULT");

  if (env != NULL && *env != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "liandang", NULL);
}

gboolean
ld_vault_dir_is_vault (const char *dir)
{
  g_autofree char *slots = g_build_filename (dir, LD_VAULT_SLOTS_NAME, NULL);
  return g_file_test (slots, G_FILE_TEST_IS_REGULAR);
}

const char *
ld_vault_get_dir (LdVault *self)
{
  g_return_val_if_fail (LD_IS_VAULT (self), NULL);
  return self->dir;
}

gboolean
ld_vault_is_open (LdVault *self)
{
  g_return_val_if_fail (LD_IS_VAULT (self), FALSE);
  return self->db != NULL && self->session != NULL;
}

const LdSession *
ld_vault_get_session (LdVault *self)
{
  g_return_val_if_fail (LD_IS_VAULT (self), NULL);
  return self->session;
}

LdKdfProfile
ld_vault_get_default_kdf_profile (LdVault *self)
{
  g_return_val_if_fail (LD_IS_VAULT (self), LD_KDF_MODERATE);
  return self->slots ? ld_key_slots_get_default_profile (self->slots) : LD_KDF_MODERATE;
}

const LdPolicy *
ld_vault_get_policy (LdVault *self)
{
  g_return_val_if_fail (LD_IS_VAULT (self), NULL);
  return &self->policy;
}

/* --- Private API ---------------------------------------------------------- */

sqlite3 *
_ld_vault_get_db (LdVault *self)
{
  return self->db;
}

const guint8 *
_ld_vault_get_key (LdVault *self)
{
  return self->key;
}

const guint8 *
_ld_vault_get_mac_key (LdVault *self)
{
  return self->mac_key;
}

LdKeySlots *
_ld_vault_get_slots (LdVault *self)
{
  return self->slots;
}

char *
_ld_vault_path (LdVault    *self,
                const char *name)
{
  return g_build_filename (self->dir, name, NULL);
}

gboolean
_ld_vault_save_slots (LdVault  *self,
                      GError  **error)
{
  g_autofree char *path = _ld_vault_path (self, LD_VAULT_SLOTS_NAME);
  return ld_key_slots_save (self->slots, path, error);
}

void
_ld_vault_restore_slots (LdVault    *self,
                         LdKeySlots *backup)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->slots, ld_key_slots_free);
  self->slots = ld_key_slots_copy (backup);
  if (!_ld_vault_save_slots (self, &error))
    g_warning ("Could not restore the key-slot file: %s", error->message);
}

gboolean
_ld_vault_require_open (LdVault  *self,
                        GError  **error)
{
  if (self->db == NULL || self->session == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_LOCKED,
                           _("The vault is locked. Sign in again."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_ld_vault_begin (LdVault  *self,
                 GError  **error)
{
  self->tx_serial++;
  return ld_sql_exec (self->db, "BEGIN IMMEDIATE", error);
}

guint64
_ld_vault_get_tx_serial (LdVault *self)
{
  return self->tx_serial;
}

gboolean
_ld_vault_commit (LdVault  *self,
                  GError  **error)
{
  if (!ld_sql_exec (self->db, "COMMIT", error))
    {
      _ld_vault_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_ld_vault_rollback (LdVault *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

void
_ld_vault_session_changed (LdVault  *self,
                           gboolean  must_change_password)
{
  if (self->session != NULL)
    self->session->must_change_password = must_change_password;
}

void
_ld_vault_set_policy (LdVault        *self,
                      const LdPolicy *policy)
{
  self->policy = *policy;
}

/* --- Process lock --------------------------------------------------------- */

static gboolean
acquire_lock (LdVault  *self,
              GError  **error)
{
  g_autofree char *path = _ld_vault_path (self, LD_VAULT_LOCK_NAME);
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, LD_ERROR, saved == ENOENT ? LD_ERROR_NOT_A_VAULT : LD_ERROR_FAILED,
                   _("Cannot use the vault folder %s: %s."), self->dir, g_strerror (saved));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_IN_USE,
                   _("The vault %s is in use by another Liandang window or command. "
                     "Close it and try again."),
                   self->dir);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

static void
release_lock (LdVault *self)
{
  if (self->lock_fd >= 0)
    {
      flock (self->lock_fd, LOCK_UN);
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

/* --- Connection ----------------------------------------------------------- */

static gboolean
pragma_expect (sqlite3     *db,
               const char  *set,
               const char  *get,
               const char  *expected,
               GError     **error)
{
  g_autofree char *value = NULL;

  if (set != NULL && !ld_sql_exec (db, set, error))
    return FALSE;
  value = ld_sql_query_text (db, get, error);
  if (value == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (value, expected) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_SELF_TEST,
                   _("Liandang refuses to run: the database setting “%s” is “%s”, expected “%s”. "
                     "The SQLCipher library on this computer is not the one Liandang needs."),
                   get, value, expected);
      return FALSE;
    }
  return TRUE;
}

static gboolean
self_test_cipher (sqlite3  *db,
                  GError  **error)
{
  g_autofree char *version = NULL;
  g_autoptr(GError) local_error = NULL;

  version = ld_sql_query_text (db, "PRAGMA cipher_version", &local_error);
  if (version == NULL || *version == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_SELF_TEST,
                           _("Liandang refuses to run: the database library has no encryption "
                             "(PRAGMA cipher_version is missing). Install libsqlcipher0."));
      return FALSE;
    }
  if (!g_str_equal (version, EXPECTED_CIPHER_VERSION))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_SELF_TEST,
                   _("Liandang refuses to run: SQLCipher %s is installed, but this build was made and "
                     "tested for SQLCipher %s."),
                   version, EXPECTED_CIPHER_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
key_db (sqlite3      *db,
        const guint8 *key)
{
  /* A raw key "x'<64 hex>'" skips SQLCipher's PBKDF2 and keeps the default
   * 3.x file format. */
  gsize len = 2 + LD_VAULT_KEY_BYTES * 2 + 1;
  char *buf = sodium_malloc (len + 1);
  int rc;

  buf[0] = 'x';
  buf[1] = '\'';
  sodium_bin2hex (buf + 2, LD_VAULT_KEY_BYTES * 2 + 1, key, LD_VAULT_KEY_BYTES);
  buf[len - 1] = '\'';
  buf[len] = '\0';
  rc = sqlite3_key (db, buf, (int) len);
  sodium_free (buf);
  return rc == SQLITE_OK;
}

static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 1024 * 1024);
  sqlite3_busy_timeout (db, 2000);
  /* 64 MiB of decrypted page cache: searches over 100k cadres would
   * otherwise decrypt the table again on every keystroke. */
  sqlite3_exec (db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);

  return self_test_cipher (db, error)
         && pragma_expect (db, NULL, "PRAGMA cipher_page_size", "1024", error)
         && pragma_expect (db, NULL, "PRAGMA cipher_use_hmac", "1", error)
         && pragma_expect (db, "PRAGMA journal_mode = DELETE", "PRAGMA journal_mode", "delete", error)
         && pragma_expect (db, "PRAGMA synchronous = FULL", "PRAGMA synchronous", "2", error)
         && pragma_expect (db, "PRAGMA temp_store = MEMORY", "PRAGMA temp_store", "2", error)
         && pragma_expect (db, "PRAGMA secure_delete = ON", "PRAGMA secure_delete", "1", error)
         && pragma_expect (db, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", "1", error)
         && pragma_expect (db, "PRAGMA cell_size_check = ON", "PRAGMA cell_size_check", "1", error)
         && pragma_expect (db, "PRAGMA locking_mode = EXCLUSIVE", "PRAGMA locking_mode", "exclusive", error);
}

static void
derive_mac_key (LdVault *self)
{
  static const char label[] = "liandang audit mac v1";

  self->mac_key = sodium_malloc (32);
  crypto_generichash (self->mac_key, 32, (const guint8 *) label, sizeof label - 1,
                      self->key, LD_VAULT_KEY_BYTES);
}

static void
close_db (LdVault *self)
{
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->key, ld_vault_key_free);
  g_clear_pointer (&self->mac_key, ld_vault_key_free);
  g_clear_pointer (&self->session, ld_session_free);
  g_clear_pointer (&self->slots, ld_key_slots_free);
  ld_policy_init_defaults (&self->policy);
}

/* Opens and keys the database, then proves the key by reading page 1. A
 * NOTADB/CORRUPT here, after the key slot opened, means the file is damaged
 * or was replaced. */
static gboolean
open_db (LdVault   *self,
         gboolean   create,
         GError   **error)
{
  g_autofree char *path = _ld_vault_path (self, LD_VAULT_DB_NAME);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  g_autoptr(GError) local_error = NULL;
  gint64 n;
  int rc;

  if (!create && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                   _("The vault database %s is missing. Restore the vault from a backup."), path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      ld_sql_set_error (self->db, rc, error);
      close_db (self);
      return FALSE;
    }
  if (!key_db (self->db, self->key))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_SELF_TEST,
                           _("Liandang refuses to run: the database library cannot encrypt (sqlite3_key failed)."));
      close_db (self);
      return FALSE;
    }
  if (!ld_sql_query_int64 (self->db, "SELECT count(*) FROM sqlite_master", 0, &n, &local_error))
    {
      /* A page that fails its HMAC is zeroed and SQLite then reports a
       * malformed schema as a plain SQLITE_ERROR: still damage. */
      if (g_error_matches (local_error, LD_ERROR, LD_ERROR_FAILED))
        g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                     _("The vault database is damaged or has been replaced (%s). "
                       "Restore the vault from a backup."), local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      close_db (self);
      return FALSE;
    }
  /* The full-text tokenizer and its functions, before the migrations
   * (step 5 creates the index, its triggers call them on every write). */
  if (!configure_connection (self->db, error) || !ld_fts_tokenizer_register (self->db, error))
    {
      close_db (self);
      return FALSE;
    }
  derive_mac_key (self);
  return TRUE;
}

static gboolean
quick_check (LdVault  *self,
             GError  **error)
{
  g_autofree char *path = _ld_vault_path (self, LD_VAULT_DB_NAME);
  g_autofree char *result = NULL;
  GStatBuf st;

  /* Larger vaults get the full check from the scheduled integrity check;
   * unlocking must stay fast. */
  if (g_stat (path, &st) != 0 || st.st_size > QUICK_CHECK_MAX_BYTES)
    return TRUE;
  result = ld_sql_query_text (self->db, "PRAGMA quick_check", error);
  if (result == NULL)
    return FALSE;
  if (!g_str_equal (result, "ok"))
    {
      g_debug ("quick_check: %s", result);
      g_set_error_literal (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                           _("The vault database is damaged: the integrity check found broken pages. "
                             "Restore the vault from a backup."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_not_plaintext (LdVault  *self,
                     GError  **error)
{
  g_autofree char *path = _ld_vault_path (self, LD_VAULT_DB_NAME);
  char header[16] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gsize n = 0;

  if (f != NULL)
    {
      n = fread (header, 1, sizeof header, f);
      fclose (f);
    }
  if (n < sizeof header || memcmp (header, "SQLite format 3", 15) == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_SELF_TEST,
                           _("Liandang refuses to run: the new database file is not encrypted. "
                             "The SQLCipher library is missing or broken."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_policy (LdVault  *self,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (self->db, "SELECT key, value FROM settings", error);
  LdPolicy policy;
  int rc;

  if (stmt == NULL)
    return FALSE;
  ld_policy_init_defaults (&policy);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = ld_sql_column_text (stmt, 0);
      if (g_strv_contains (ld_policy_keys (), key))
        ld_policy_set (&policy, key, ld_sql_column_text (stmt, 1), NULL);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (self->db, rc, error);
      return FALSE;
    }
  self->policy = policy;
  return TRUE;
}

/* --- Create --------------------------------------------------------------- */

static gboolean
insert_meta (sqlite3     *db,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

gboolean
ld_vault_create (LdVault      *self,
                 const char   *admin_name,
                 const char   *password,
                 LdKdfProfile  profile,
                 GError      **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *slots_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  LdPolicy defaults;
  gint64 admin_id = 0;

  g_return_val_if_fail (LD_IS_VAULT (self), FALSE);
  g_return_val_if_fail (admin_name != NULL && password != NULL, FALSE);

  if (self->db != NULL)
    ld_vault_lock (self, "exit");

  name = g_ascii_strdown (admin_name, -1);
  ld_policy_init_defaults (&defaults);
  if (!ld_account_name_check (name, error) || !ld_password_check (&defaults, name, password, error))
    return FALSE;

  db_path = _ld_vault_path (self, LD_VAULT_DB_NAME);
  slots_path = _ld_vault_path (self, LD_VAULT_SLOTS_NAME);
  if (ld_vault_dir_is_vault (self->dir) || g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_EXISTS,
                   _("A vault already exists in %s. Open it, or choose another folder for a new vault."),
                   self->dir);
      return FALSE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0 || g_chmod (self->dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot create the vault folder %s: %s."), self->dir, g_strerror (saved));
      return FALSE;
    }
  if (!acquire_lock (self, error))
    return FALSE;

  self->key = ld_vault_key_new_random ();
  self->slots = ld_key_slots_new (profile);
  if (!ld_key_slots_set (self->slots, name, password, self->key, profile, error))
    goto fail;
  ld_key_slots_set_lockout_policy (self->slots, defaults.lockout_threshold, defaults.lockout_minutes);

  if (!open_db (self, TRUE, error))
    goto fail;
  g_chmod (db_path, 0600);
  if (!ld_migrations_run (self->db, error) || !check_not_plaintext (self, error))
    goto fail;

  self->session = g_new0 (LdSession, 1);
  self->session->name = g_strdup (name);
  self->session->role = LD_ROLE_SYSADMIN;

  created = g_date_time_format_iso8601 (now);
  if (!_ld_vault_begin (self, error))
    goto fail;
  if (!insert_meta (self->db, "vault-id", ld_key_slots_get_vault_id (self->slots), error)
      || !insert_meta (self->db, "created", created, error)
      || !insert_meta (self->db, "created-by-version", PACKAGE_VERSION, error)
      || !_ld_user_insert (self, name, LD_ROLE_SYSADMIN, password, FALSE, &admin_id, error)
      || !ld_audit_append (self, LD_AUDIT_VAULT_CREATED, "vault", ld_key_slots_get_vault_id (self->slots),
                           LD_AUDIT_OUTCOME_OK, self->dir, error)
      || !ld_audit_append (self, LD_AUDIT_ACCOUNT_CREATED, "account", name, LD_AUDIT_OUTCOME_OK,
                           "role=sysadmin", error))
    {
      _ld_vault_rollback (self);
      goto fail;
    }
  self->session->user_id = admin_id;
  {
    g_autoptr(sqlite3_stmt) login = ld_sql_prepare (self->db, "UPDATE users SET last_login_at = ? WHERE id = ?", error);
    if (login == NULL)
      {
        _ld_vault_rollback (self);
        goto fail;
      }
    sqlite3_bind_int64 (login, 1, g_get_real_time () / G_USEC_PER_SEC);
    sqlite3_bind_int64 (login, 2, admin_id);
    if (!ld_sql_step_done (self->db, login, error))
      {
        _ld_vault_rollback (self);
        goto fail;
      }
  }
  /* The key slots go to disk before the commit: a crash in between leaves a
   * vault that opens without the first account rather than a database no
   * slot can open. */
  if (!_ld_vault_save_slots (self, error) || !_ld_vault_commit (self, error))
    goto fail;
  g_chmod (slots_path, 0600);
  return TRUE;

fail:
  close_db (self);
  g_unlink (db_path);
  {
    g_autofree char *journal = g_strconcat (db_path, "-journal", NULL);
    g_unlink (journal);
  }
  g_unlink (slots_path);
  release_lock (self);
  return FALSE;
}

/* --- Unlock --------------------------------------------------------------- */

static void
save_slots_quietly (LdVault *self)
{
  g_autoptr(GError) error = NULL;

  if (!_ld_vault_save_slots (self, &error))
    g_warning ("%s", error->message);
}

static gboolean
flush_pending (LdVault  *self,
               GError  **error)
{
  g_autoptr(GPtrArray) events = ld_key_slots_take_pending (self->slots);

  for (guint i = 0; i < events->len; i++)
    {
      LdPendingEvent *ev = g_ptr_array_index (events, i);
      g_autofree char *role = NULL;
      g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (self->db, "SELECT role FROM users WHERE name = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ev->account, -1, SQLITE_TRANSIENT);
      role = g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? ld_sql_column_text (stmt, 0) : "");
      if (!_ld_audit_append_as (self, ev->time, ev->account, role, ev->event, "account", ev->account,
                                ev->outcome, ev->details, error))
        return FALSE;
    }
  return TRUE;
}

static char *
format_until (gint64 until)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (until);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

gboolean
ld_vault_unlock (LdVault     *self,
                 const char  *account,
                 const char  *password,
                 GError     **error)
{
  g_autofree char *slots_path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *db_vault_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = 0;
  gint64 user_id, changed_at;
  LdRole role;
  LdGrant grants;
  gboolean disabled, must_change;

  g_return_val_if_fail (LD_IS_VAULT (self), FALSE);
  g_return_val_if_fail (account != NULL && password != NULL, FALSE);

  if (self->db != NULL)
    ld_vault_lock (self, "exit");

  if (!ld_vault_dir_is_vault (self->dir))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_VAULT,
                   _("There is no Liandang vault in %s. Create one first (liandang-cli init), "
                     "or choose the right folder."),
                   self->dir);
      return FALSE;
    }
  if (!acquire_lock (self, error))
    return FALSE;

  slots_path = _ld_vault_path (self, LD_VAULT_SLOTS_NAME);
  self->slots = ld_key_slots_load (slots_path, error);
  if (self->slots == NULL)
    goto fail;

  name = g_ascii_strdown (account, -1);

  if (ld_key_slots_is_locked (self->slots, name, now, &until))
    {
      g_autofree char *when = until ? format_until (until) : NULL;
      ld_key_slots_add_pending (self->slots, name, LD_AUDIT_LOGIN_FAILED, LD_AUDIT_OUTCOME_DENIED,
                                "account locked out");
      save_slots_quietly (self);
      if (until)
        g_set_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED,
                     _("The account “%s” is locked after too many failed sign-ins. It unlocks itself at %s, "
                       "or the security administrator can unlock it now."),
                     name, when);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED,
                     _("The account “%s” is locked after too many failed sign-ins. "
                       "Ask the security administrator to unlock it."),
                     name);
      goto fail;
    }

  self->key = ld_key_slots_open (self->slots, name, password, &local_error);
  if (self->key == NULL)
    {
      if (g_error_matches (local_error, LD_ERROR, LD_ERROR_WRONG_PASSWORD))
        {
          gboolean locked = ld_key_slots_record_failure (self->slots, name, now);

          ld_key_slots_add_pending (self->slots, name, LD_AUDIT_LOGIN_FAILED, LD_AUDIT_OUTCOME_FAILED,
                                    "wrong password");
          if (locked)
            {
              ld_key_slots_add_pending (self->slots, name, LD_AUDIT_LOGIN_LOCKOUT, LD_AUDIT_OUTCOME_DENIED,
                                        "too many failed sign-ins");
              save_slots_quietly (self);
              g_set_error (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED,
                           _("Wrong password. The account “%s” is now locked after too many failed sign-ins; "
                             "ask the security administrator to unlock it."),
                           name);
              goto fail;
            }
          save_slots_quietly (self);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  /* The password is right from here on: database errors mean damage. */
  if (!open_db (self, FALSE, error))
    goto fail;
  if (!quick_check (self, error) || !ld_migrations_run (self->db, error) || !load_policy (self, error))
    goto fail;

  db_vault_id = ld_sql_query_text (self->db, "SELECT value FROM meta WHERE key = 'vault-id'", error);
  if (db_vault_id == NULL)
    goto fail;
  if (!g_str_equal (db_vault_id, ld_key_slots_get_vault_id (self->slots)))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                   _("The vault database does not belong to this key-slot file: it has been replaced. "
                     "Restore the vault from a backup."));
      goto fail;
    }

  stmt = ld_sql_prepare (self->db,
                         "SELECT id, role, grants, disabled, must_change, password_changed_at FROM users WHERE name = ?",
                         error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                   _("The account “%s” has a key slot but no record in the vault database. "
                     "The vault is damaged: restore it from a backup."),
                   name);
      goto fail;
    }
  user_id = sqlite3_column_int64 (stmt, 0);
  role = ld_role_from_string (ld_sql_column_text (stmt, 1));
  grants = (LdGrant) sqlite3_column_int64 (stmt, 2);
  disabled = sqlite3_column_int (stmt, 3) != 0;
  must_change = sqlite3_column_int (stmt, 4) != 0;
  changed_at = sqlite3_column_int64 (stmt, 5);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_ld_vault_begin (self, error))
    goto fail;
  if (!flush_pending (self, error))
    {
      _ld_vault_rollback (self);
      goto fail;
    }

  if (disabled)
    {
      if (!_ld_audit_append_as (self, 0, name, ld_role_to_string (role), LD_AUDIT_LOGIN_FAILED, "account", name,
                                LD_AUDIT_OUTCOME_DENIED, "account disabled", error)
          || !_ld_vault_commit (self, error))
        {
          _ld_vault_rollback (self);
          goto fail;
        }
      save_slots_quietly (self); /* The pending events are in the trail now. */
      g_set_error (error, LD_ERROR, LD_ERROR_ACCOUNT_DISABLED,
                   _("The account “%s” is disabled. Ask the system administrator to enable it."), name);
      goto fail;
    }

  self->session = g_new0 (LdSession, 1);
  self->session->user_id = user_id;
  self->session->name = g_strdup (name);
  self->session->role = role;
  self->session->grants = ld_role_is_business (role) ? grants : LD_GRANT_NONE;
  self->session->must_change_password = must_change || ld_password_is_expired (&self->policy, changed_at, now);

  stmt = ld_sql_prepare (self->db, "UPDATE users SET last_login_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    {
      _ld_vault_rollback (self);
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (!ld_sql_step_done (self->db, stmt, error)
      || !ld_audit_append (self, LD_AUDIT_VAULT_OPENED, "vault", ld_key_slots_get_vault_id (self->slots),
                           LD_AUDIT_OUTCOME_OK, self->dir, error)
      || !ld_audit_append (self, LD_AUDIT_LOGIN_OK, "account", name, LD_AUDIT_OUTCOME_OK,
                           self->session->must_change_password ? "password must be changed" : "", error))
    {
      _ld_vault_rollback (self);
      goto fail;
    }
  if (!_ld_vault_commit (self, error))
    goto fail;

  ld_key_slots_clear_failures (self->slots, name);
  save_slots_quietly (self);
  return TRUE;

fail:
  close_db (self);
  release_lock (self);
  return FALSE;
}

void
ld_vault_lock (LdVault    *self,
               const char *reason)
{
  g_return_if_fail (LD_IS_VAULT (self));

  if (self->db != NULL && self->session != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!_ld_vault_begin (self, &error)
          || !ld_audit_append (self, LD_AUDIT_VAULT_LOCKED, "vault", ld_key_slots_get_vault_id (self->slots),
                               LD_AUDIT_OUTCOME_OK, reason ? reason : "", &error)
          || !_ld_vault_commit (self, &error))
        {
          _ld_vault_rollback (self);
          g_warning ("Could not record the lock in the audit trail: %s", error->message);
        }
    }
  ld_attachment_clean_temp ();
  close_db (self);
  release_lock (self);
}

/* --- Permissions ---------------------------------------------------------- */

gboolean
ld_vault_check (LdVault   *self,
                LdAction   action,
                GError   **error)
{
  g_autoptr(GError) denied = NULL;

  g_return_val_if_fail (LD_IS_VAULT (self), FALSE);

  if (!_ld_vault_require_open (self, error))
    return FALSE;
  if (self->session->must_change_password)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_PASSWORD_EXPIRED,
                           _("Your password must be changed before you can continue."));
      return FALSE;
    }
  if (ld_permission_check (self->session->role, self->session->grants, action, &denied))
    return TRUE;

  /* Denials are audited in their own transaction (when none is open). */
  if (sqlite3_get_autocommit (self->db))
    {
      g_autoptr(GError) audit_error = NULL;

      if (!_ld_vault_begin (self, &audit_error)
          || !ld_audit_append (self, LD_AUDIT_PERMISSION_DENIED, "action", ld_action_to_string (action),
                               LD_AUDIT_OUTCOME_DENIED, "", &audit_error)
          || !_ld_vault_commit (self, &audit_error))
        {
          _ld_vault_rollback (self);
          g_warning ("Could not audit a denied action: %s", audit_error->message);
        }
    }
  g_propagate_error (error, g_steal_pointer (&denied));
  return FALSE;
}

gboolean
ld_vault_admin_roles_complete (LdVault   *self,
                               gboolean  *has_secadmin,
                               gboolean  *has_auditor,
                               GError   **error)
{
  gint64 sec = 0, aud = 0;

  if (!_ld_vault_require_open (self, error)
      || !ld_sql_query_int64 (self->db, "SELECT count(*) FROM users WHERE role = 'secadmin' AND disabled = 0",
                              0, &sec, error)
      || !ld_sql_query_int64 (self->db, "SELECT count(*) FROM users WHERE role = 'auditor' AND disabled = 0",
                              0, &aud, error))
    return FALSE;
  if (has_secadmin)
    *has_secadmin = sec > 0;
  if (has_auditor)
    *has_auditor = aud > 0;
  return TRUE;
}

char *
ld_vault_describe (LdVault  *self,
                   GError  **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *created = NULL;
  gint64 schema = 0, users = 0, audit = 0;
  GStatBuf st = { 0 };
  GString *out;

  if (!ld_vault_check (self, LD_ACTION_VAULT_INFO, error))
    return NULL;

  db_path = _ld_vault_path (self, LD_VAULT_DB_NAME);
  g_stat (db_path, &st);
  cipher = ld_sql_query_text (self->db, "PRAGMA cipher_version", error);
  created = ld_sql_query_text (self->db, "SELECT value FROM meta WHERE key = 'created'", error);
  if (cipher == NULL || created == NULL
      || !ld_sql_query_int64 (self->db, "PRAGMA user_version", 0, &schema, error)
      || !ld_sql_query_int64 (self->db, "SELECT count(*) FROM users", 0, &users, error)
      || !ld_sql_query_int64 (self->db, "SELECT count(*) FROM audit_log", 0, &audit, error))
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, _("Vault folder:      %s\n"), self->dir);
  g_string_append_printf (out, _("Vault ID:          %s\n"), ld_key_slots_get_vault_id (self->slots));
  g_string_append_printf (out, _("Created:           %s\n"), created);
  g_string_append_printf (out, _("Database size:     %lld bytes\n"), (long long) st.st_size);
  g_string_append_printf (out, _("Schema version:    %d (this program: %d)\n"), (int) schema, ld_migrations_latest ());
  g_string_append_printf (out, _("SQLCipher:         %s on SQLite %s\n"), cipher, sqlite3_libversion ());
  g_string_append_printf (out, _("libsodium:         %s\n"), sodium_version_string ());
  g_string_append_printf (out, _("Default key cost:  %s\n"),
                          ld_kdf_profile_to_string (ld_key_slots_get_default_profile (self->slots)));
  g_string_append_printf (out, _("Accounts:          %lld (key slots: %u)\n"), (long long) users,
                          ld_key_slots_get_n_slots (self->slots));
  g_string_append_printf (out, _("Audit entries:     %lld\n"), (long long) audit);
  g_string_append_printf (out, _("Signed in as:      %s (%s)\n"), self->session->name,
                          ld_role_get_label (self->session->role));
  return g_string_free (out, FALSE);
}

/* --- The worker thread ---------------------------------------------------- */

typedef struct
{
  GTask          *task;
  LdVaultWorkFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  gpointer        result;
  GError         *error;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free && job->data)
    job->data_free (job->data);
  if (job->result && job->result_free)
    job->result_free (job->result);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_free (job);
}

static gboolean
complete_cb (gpointer user_data)
{
  Job *job = user_data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  LdVault *self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (job->task);

  if (!g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    job->result = job->func (self, job->data, cancellable, &job->error);
  /* Complete (and drop the task) on the caller's context, so the vault is
   * never finalized on its own worker. */
  g_main_context_invoke (g_task_get_context (job->task), complete_cb, job);
}

void
ld_vault_run_async (LdVault            *self,
                    LdVaultWorkFunc     func,
                    gpointer            data,
                    GDestroyNotify      data_free,
                    GDestroyNotify      result_free,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  Job *job;

  g_return_if_fail (LD_IS_VAULT (self));
  g_return_if_fail (func != NULL);

  if (self->pool == NULL)
    self->pool = g_thread_pool_new (worker_func, self, 1, TRUE, NULL);

  job = g_new0 (Job, 1);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, ld_vault_run_async);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_thread_pool_push (self->pool, job, NULL);
}

gpointer
ld_vault_run_finish (LdVault       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char        *account;
  char        *password;   /* sodium_malloc'ed */
  LdKdfProfile profile;
} Credentials;

static Credentials *
credentials_new (const char   *account,
                 const char   *password,
                 LdKdfProfile  profile)
{
  Credentials *c = g_new0 (Credentials, 1);
  gsize len = strlen (password);

  c->account = g_strdup (account);
  c->password = sodium_malloc (len + 1);
  memcpy (c->password, password, len + 1);
  c->profile = profile;
  return c;
}

static void
credentials_free (Credentials *c)
{
  g_free (c->account);
  sodium_free (c->password);
  g_free (c);
}

static gpointer
unlock_work (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Credentials *c = data;
  return ld_vault_unlock (vault, c->account, c->password, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
create_work (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Credentials *c = data;
  return ld_vault_create (vault, c->account, c->password, c->profile, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
ld_vault_unlock_async (LdVault            *self,
                       const char         *account,
                       const char         *password,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  ld_vault_run_async (self, unlock_work, credentials_new (account, password, LD_KDF_MODERATE),
                      (GDestroyNotify) credentials_free, NULL, cancellable, callback, user_data);
}

gboolean
ld_vault_unlock_finish (LdVault       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return ld_vault_run_finish (self, result, error) != NULL;
}

void
ld_vault_create_async (LdVault            *self,
                       const char         *admin_name,
                       const char         *password,
                       LdKdfProfile        profile,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  ld_vault_run_async (self, create_work, credentials_new (admin_name, password, profile),
                      (GDestroyNotify) credentials_free, NULL, cancellable, callback, user_data);
}

gboolean
ld_vault_create_finish (LdVault       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return ld_vault_run_finish (self, result, error) != NULL;
}

static gpointer
lock_work (LdVault       *vault,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ld_vault_lock (vault, data);
  return GINT_TO_POINTER (TRUE);
}

void
ld_vault_lock_async (LdVault            *self,
                     const char         *reason,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_return_if_fail (LD_IS_VAULT (self));
  ld_vault_run_async (self, lock_work, g_strdup (reason), g_free, NULL, cancellable, callback, user_data);
}
