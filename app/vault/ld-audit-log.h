/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TYPE_AUDIT_ENTRY (ld_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (LdAuditEntry, ld_audit_entry, LD, AUDIT_ENTRY, GObject)

/* Properties (all read-only, for list models and GtkExpressions):
 * "seq" (int64), "time" (int64, unix microseconds UTC), "time-text" (string,
 * local "YYYY-MM-DD HH:MM:SS"), "account", "role", "role-label", "event",
 * "event-label", "object-type", "object-id", "object-label", "outcome",
 * "outcome-label", "details" and "details-label". The *-label properties are
 * translated for display; details are stored in a fixed English form
 * because they are part of the hash chain. */
gint64       ld_audit_entry_get_seq          (LdAuditEntry *self);
gint64       ld_audit_entry_get_time         (LdAuditEntry *self);
const char  *ld_audit_entry_get_account      (LdAuditEntry *self);
const char  *ld_audit_entry_get_role         (LdAuditEntry *self);
const char  *ld_audit_entry_get_event        (LdAuditEntry *self);
const char  *ld_audit_entry_get_object_type  (LdAuditEntry *self);
const char  *ld_audit_entry_get_object_id    (LdAuditEntry *self);
const char  *ld_audit_entry_get_outcome      (LdAuditEntry *self);
const char  *ld_audit_entry_get_details      (LdAuditEntry *self);

/* Event names (stable, stored). */
#define LD_AUDIT_VAULT_CREATED      "vault.created"
#define LD_AUDIT_VAULT_OPENED       "vault.opened"
#define LD_AUDIT_VAULT_LOCKED       "vault.locked"
#define LD_AUDIT_LOGIN_OK           "login.ok"
#define LD_AUDIT_LOGIN_FAILED       "login.failed"
#define LD_AUDIT_LOGIN_LOCKOUT      "login.lockout"
#define LD_AUDIT_ACCOUNT_UNLOCKED   "account.unlocked"
#define LD_AUDIT_PASSWORD_CHANGED   "password.changed"
#define LD_AUDIT_PASSWORD_RESET     "password.reset"
#define LD_AUDIT_ACCOUNT_CREATED    "account.created"
#define LD_AUDIT_ACCOUNT_DISABLED   "account.disabled"
#define LD_AUDIT_ACCOUNT_ENABLED    "account.enabled"
#define LD_AUDIT_ROLE_CHANGED       "account.role-changed"
#define LD_AUDIT_GRANT_CHANGED      "account.grant-changed"
#define LD_AUDIT_POLICY_CHANGED     "policy.changed"
#define LD_AUDIT_AUDIT_VERIFIED     "audit.verified"
#define LD_AUDIT_PERMISSION_DENIED  "permission.denied"

#define LD_AUDIT_OUTCOME_OK      "ok"
#define LD_AUDIT_OUTCOME_DENIED  "denied"
#define LD_AUDIT_OUTCOME_FAILED  "failed"

/* Translated label for an event name (falls back to the name). */
const char  *ld_audit_event_get_label        (const char   *event);
/* All known event names, NULL-terminated (for filters). */
const char * const *ld_audit_event_names     (void);

/* Appends one entry as the current session's account. Must be called inside
 * the write transaction of the change it records (ld_vault_begin/commit in
 * ld-vault-private.h); the caller rolls back if this fails. */
gboolean     ld_audit_append                 (LdVault      *vault,
                                              const char   *event,
                                              const char   *object_type,
                                              const char   *object_id,
                                              const char   *outcome,
                                              const char   *details,
                                              GError      **error);

typedef struct
{
  const char *account;   /* NULL = any */
  const char *event;     /* NULL = any */
  gint64      since;     /* unix seconds, 0 = any */
  gint64      until;     /* unix seconds, 0 = any */
  guint       limit;     /* 0 = no limit; newest first */
} LdAuditFilter;

/* Needs LD_ACTION_AUDIT_VIEW. Returns LdAuditEntry objects, newest first. */
GPtrArray   *ld_audit_list                   (LdVault             *vault,
                                              const LdAuditFilter *filter,
                                              GError             **error);

typedef struct
{
  gint64   n_entries;     /* entries checked */
  gint64   first_bad_seq; /* 0 if the chain is intact */
  char    *problem;       /* translated description of the first problem, or NULL */
} LdAuditReport;

void         ld_audit_report_clear           (LdAuditReport *report);

/* Recomputes the hash chain and the MACs. Returns FALSE with an error only
 * when verification could not run; a broken chain is reported in report
 * (first_bad_seq != 0). Needs LD_ACTION_AUDIT_VERIFY; records an
 * audit.verified entry with the result. */
gboolean     ld_audit_verify                 (LdVault       *vault,
                                              LdAuditReport *report,
                                              GError       **error);

G_END_DECLS
