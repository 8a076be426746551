/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_VAULT_KEY_BYTES 32

/* The key-slot file: one slot per account, each wrapping the vault key with
 * a key derived from the account's password (Argon2id + XChaCha20-Poly1305),
 * plus what must be known before the vault key is: the lockout counters and
 * policy, the default KDF profile and the events (failed sign-ins) that wait
 * to be written to the audit trail at the next successful unlock. The file is
 * replaced atomically. */
typedef struct _LdKeySlots LdKeySlots;

typedef struct
{
  gint64  time;      /* unix microseconds */
  char   *account;
  char   *event;
  char   *outcome;
  char   *details;
} LdPendingEvent;

void         ld_pending_event_free         (LdPendingEvent *event);

LdKeySlots  *ld_key_slots_new              (LdKdfProfile     default_profile);
/* LD_ERROR_NOT_A_VAULT if missing or unreadable. */
LdKeySlots  *ld_key_slots_load             (const char      *path,
                                            GError         **error);
/* Write temp (0600), fsync, rename, fsync the directory. */
gboolean     ld_key_slots_save             (LdKeySlots      *slots,
                                            const char      *path,
                                            GError         **error);
void         ld_key_slots_free             (LdKeySlots      *slots);
LdKeySlots  *ld_key_slots_copy             (LdKeySlots      *slots);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdKeySlots, ld_key_slots_free)

const char  *ld_key_slots_get_vault_id     (LdKeySlots      *slots);
LdKdfProfile ld_key_slots_get_default_profile (LdKeySlots   *slots);
guint        ld_key_slots_get_n_slots      (LdKeySlots      *slots);
gboolean     ld_key_slots_has              (LdKeySlots      *slots,
                                            const char      *account);
/* Creates or replaces the account's slot, wrapping key. */
gboolean     ld_key_slots_set              (LdKeySlots      *slots,
                                            const char      *account,
                                            const char      *password,
                                            const guint8    *key,
                                            LdKdfProfile     profile,
                                            GError         **error);
void         ld_key_slots_remove           (LdKeySlots      *slots,
                                            const char      *account);
/* Returns the vault key in sodium_malloc() memory (free with
 * ld_vault_key_free()), or NULL with LD_ERROR_WRONG_PASSWORD. Unknown
 * accounts cost the same time as known ones. */
guint8      *ld_key_slots_open             (LdKeySlots      *slots,
                                            const char      *account,
                                            const char      *password,
                                            GError         **error);
LdKdfProfile ld_key_slots_get_profile      (LdKeySlots      *slots,
                                            const char      *account);

/* Lockout, before the vault key is known. */
void         ld_key_slots_set_lockout_policy (LdKeySlots    *slots,
                                              int            threshold,
                                              int            minutes);
int          ld_key_slots_get_failures     (LdKeySlots      *slots,
                                            const char      *account);
/* TRUE if locked at now (unix seconds); until is 0 when only the security
 * administrator can unlock. */
gboolean     ld_key_slots_is_locked        (LdKeySlots      *slots,
                                            const char      *account,
                                            gint64           now,
                                            gint64          *until);
/* Counts a failure; returns TRUE if this failure locked the account. */
gboolean     ld_key_slots_record_failure   (LdKeySlots      *slots,
                                            const char      *account,
                                            gint64           now);
/* Returns TRUE if anything changed. */
gboolean     ld_key_slots_clear_failures   (LdKeySlots      *slots,
                                            const char      *account);

void         ld_key_slots_add_pending      (LdKeySlots      *slots,
                                            const char      *account,
                                            const char      *event,
                                            const char      *outcome,
                                            const char      *details);
/* Returns the pending events (LdPendingEvent) and forgets them. */
GPtrArray   *ld_key_slots_take_pending     (LdKeySlots      *slots);

guint8      *ld_vault_key_new_random       (void);
void         ld_vault_key_free             (guint8          *key);

/* sodium_init() once; FALSE if libsodium is unusable. */
gboolean     ld_crypto_init                (void);

G_END_DECLS
