/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TYPE_VAULT (ld_vault_get_type ())
G_DECLARE_FINAL_TYPE (LdVault, ld_vault, LD, VAULT, GObject)

#define LD_VAULT_DB_NAME    "liandang.db"
#define LD_VAULT_SLOTS_NAME "keyslots"
#define LD_VAULT_LOCK_NAME  "liandang.lock"

/* The signed-in account. Plain struct, copied out of the vault. */
struct _LdSession
{
  gint64   user_id;
  char    *name;
  LdRole   role;
  LdGrant  grants;
  gboolean must_change_password;
};

LdSession   *ld_session_copy             (const LdSession *session);
void         ld_session_free             (LdSession       *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdSession, ld_session_free)

/* $LIANDANG_VAULT, else $XDG_DATA_HOME/liandang. */
char        *ld_vault_default_dir        (void);
/* TRUE if dir holds a key-slot file (a vault, maybe damaged). */
gboolean     ld_vault_dir_is_vault       (const char      *dir);

LdVault     *ld_vault_new                (const char      *dir);
const char  *ld_vault_get_dir            (LdVault         *self);
gboolean     ld_vault_is_open            (LdVault         *self);
/* NULL while locked. */
const LdSession *ld_vault_get_session    (LdVault         *self);
const LdPolicy  *ld_vault_get_policy     (LdVault         *self);
/* The key cost new accounts get (chosen at init). */
LdKdfProfile ld_vault_get_default_kdf_profile (LdVault   *self);

/* First run: creates the directory (0700), key slots and database (0600),
 * the system administrator account, and leaves the vault open as that
 * account. Fails with LD_ERROR_VAULT_EXISTS if a vault is there. */
gboolean     ld_vault_create             (LdVault         *self,
                                          const char      *admin_name,
                                          const char      *password,
                                          LdKdfProfile     profile,
                                          GError         **error);
/* Opens the vault as an account. Errors: WRONG_PASSWORD, ACCOUNT_LOCKED,
 * ACCOUNT_DISABLED, VAULT_DAMAGED, NOT_A_VAULT, VAULT_IN_USE, SELF_TEST.
 * An expired or reset password opens the vault with
 * session->must_change_password set; every command except changing one's
 * own password is then refused. */
gboolean     ld_vault_unlock             (LdVault         *self,
                                          const char      *account,
                                          const char      *password,
                                          GError         **error);
/* Audits the lock (reason: "manual", "idle", "exit"), closes the database,
 * wipes the key and releases the process lock. Safe when already locked. */
void         ld_vault_lock               (LdVault         *self,
                                          const char      *reason);

/* Checks the session may do action (and audits a denial). */
gboolean     ld_vault_check              (LdVault         *self,
                                          LdAction         action,
                                          GError         **error);

/* Whether a security administrator and an auditor exist yet (三员 set up). */
gboolean     ld_vault_admin_roles_complete (LdVault       *self,
                                            gboolean      *has_secadmin,
                                            gboolean      *has_auditor,
                                            GError       **error);

/* Summary for `vault info`: path, versions, schema, counts. Caller frees. */
char        *ld_vault_describe           (LdVault         *self,
                                          GError         **error);

/* Async wrappers (one worker thread owns the connection). */
typedef gpointer (*LdVaultWorkFunc) (LdVault       *vault,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Runs func on the vault's worker thread. The result pointer (may be NULL
 * on success if func sets no error) is returned by ld_vault_run_finish();
 * result_free frees it if nobody takes it. */
void         ld_vault_run_async          (LdVault            *self,
                                          LdVaultWorkFunc     func,
                                          gpointer            data,
                                          GDestroyNotify      data_free,
                                          GDestroyNotify      result_free,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gpointer     ld_vault_run_finish         (LdVault            *self,
                                          GAsyncResult       *result,
                                          GError            **error);

void         ld_vault_unlock_async       (LdVault            *self,
                                          const char         *account,
                                          const char         *password,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean     ld_vault_unlock_finish      (LdVault            *self,
                                          GAsyncResult       *result,
                                          GError            **error);
void         ld_vault_create_async       (LdVault            *self,
                                          const char         *admin_name,
                                          const char         *password,
                                          LdKdfProfile        profile,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
/* Locks on the worker, after the jobs queued before it. */
void         ld_vault_lock_async         (LdVault            *self,
                                          const char         *reason,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean     ld_vault_create_finish      (LdVault            *self,
                                          GAsyncResult       *result,
                                          GError            **error);

G_END_DECLS
