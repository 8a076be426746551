/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "vault/ld-key-slot.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

/* For repositories in app/: the open connection and its transaction calls.
 * Every write is _ld_vault_begin → change → ld_audit_append →
 * _ld_vault_commit, with _ld_vault_rollback on any error. */
sqlite3       *_ld_vault_get_db        (LdVault     *self);
const guint8  *_ld_vault_get_key       (LdVault     *self);
const guint8  *_ld_vault_get_mac_key   (LdVault     *self);
/* LD_ERROR_LOCKED unless open with a session. */
gboolean       _ld_vault_require_open  (LdVault     *self,
                                        GError     **error);
gboolean       _ld_vault_begin         (LdVault     *self,
                                        GError     **error);
gboolean       _ld_vault_commit        (LdVault     *self,
                                        GError     **error);
void           _ld_vault_rollback      (LdVault     *self);
/* Changes with every _ld_vault_begin(): lets a repository remember checks
 * for the length of one transaction (an import of many rows). */
guint64        _ld_vault_get_tx_serial (LdVault     *self);

/* The key slots, loaded at unlock; saving rewrites the file atomically. */
LdKeySlots    *_ld_vault_get_slots     (LdVault     *self);
gboolean       _ld_vault_save_slots    (LdVault     *self,
                                        GError     **error);
/* Puts back a copy taken before a change whose transaction failed, on disk
 * and in memory. */
void           _ld_vault_restore_slots (LdVault     *self,
                                        LdKeySlots  *backup);
char          *_ld_vault_path          (LdVault     *self,
                                        const char  *name);

/* Updates the session after a change to the signed-in account. */
void           _ld_vault_session_changed (LdVault   *self,
                                          gboolean   must_change_password);
void           _ld_vault_set_policy    (LdVault        *self,
                                        const LdPolicy *policy);

G_END_DECLS
