/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"

G_BEGIN_DECLS

/* The security policy set by the security administrator. Stored in the
 * vault's settings table; the lockout part is mirrored into the key-slot file
 * so it applies before the vault key is known. */
struct _LdPolicy
{
  int min_length;          /* default 10, range 8..64 */
  int min_classes;         /* of upper, lower, digit, symbol; default 3, 1..4 */
  int expiry_days;         /* default 90; 0 = never */
  int history;             /* passwords remembered; default 5, 0..24 */
  int lockout_threshold;   /* consecutive failures; default 5, 3..20 */
  int lockout_minutes;     /* automatic unlock after; default 30; 0 = only by the security administrator */
  int idle_lock_minutes;   /* default 5, 1..60, never off */
};

void         ld_policy_init_defaults  (LdPolicy    *policy);
/* Keys: min-length, min-classes, expiry-days, history, lockout-threshold,
 * lockout-minutes, idle-lock-minutes. */
const char * const *ld_policy_keys    (void);
gboolean     ld_policy_set            (LdPolicy    *policy,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
int          ld_policy_get            (const LdPolicy *policy,
                                       const char  *key);
const char  *ld_policy_key_get_label  (const char  *key);
/* The valid range of a key; FALSE for an unknown key. */
gboolean     ld_policy_key_get_range  (const char  *key,
                                       int         *min,
                                       int         *max);

/* Checks a new password against the policy (length, classes, not the
 * account name). History is checked by the caller. */
gboolean     ld_password_check        (const LdPolicy *policy,
                                       const char  *account,
                                       const char  *password,
                                       GError     **error);
/* Whether a password set at changed_at (unix seconds) is expired at now. */
gboolean     ld_password_is_expired   (const LdPolicy *policy,
                                       gint64       changed_at,
                                       gint64       now);

/* Account names: 2..32 characters, letters, digits, '.', '_', '-'; CJK letters allowed. */
gboolean     ld_account_name_check    (const char  *name,
                                       GError     **error);

G_END_DECLS
