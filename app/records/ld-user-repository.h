/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-user.h"

G_BEGIN_DECLS

/* Account operations. Each checks the session's permission through
 * ld_vault_check(), validates input (LD_ERROR_INVALID with a translated
 * message), writes in one transaction together with its audit entry, and
 * changes nothing when it fails. Accounts are named, never numbered, on the
 * command line; names are unique, compared case-insensitively. */

/* LD_ACTION_ACCOUNT_LIST. Returns LdUser objects ordered by name. */
GPtrArray   *ld_user_repository_list          (LdVault      *vault,
                                               GError      **error);
LdUser      *ld_user_repository_find          (LdVault      *vault,
                                               const char   *name,
                                               GError      **error);

/* LD_ACTION_ACCOUNT_CREATE. The password must satisfy the policy; the new
 * account must change it at first login. */
gboolean     ld_user_repository_add           (LdVault      *vault,
                                               const char   *name,
                                               LdRole        role,
                                               const char   *password,
                                               LdKdfProfile  profile,
                                               GError      **error);
/* LD_ACTION_ACCOUNT_DISABLE. Refuses to disable oneself or the last
 * enabled system administrator. */
gboolean     ld_user_repository_set_disabled  (LdVault      *vault,
                                               const char   *name,
                                               gboolean      disabled,
                                               GError      **error);
/* Own password (name == session name, old password required) or, with
 * LD_ACTION_ACCOUNT_RESET_PASSWORD, another account's (old_password
 * ignored; sets must-change-password). */
gboolean     ld_user_repository_set_password  (LdVault      *vault,
                                               const char   *name,
                                               const char   *old_password,
                                               const char   *new_password,
                                               GError      **error);
/* LD_ACTION_ACCOUNT_UNLOCK: clears the failure counter and lockout. */
gboolean     ld_user_repository_unlock        (LdVault      *vault,
                                               const char   *name,
                                               GError      **error);
/* LD_ACTION_GRANT_CHANGE: business accounts only. */
gboolean     ld_user_repository_set_grant     (LdVault      *vault,
                                               const char   *name,
                                               LdGrant       grant,
                                               gboolean      granted,
                                               GError      **error);
/* LD_ACTION_ACCOUNT_CHANGE_ROLE: between business roles only; the 三员
 * roles are fixed at creation. */
gboolean     ld_user_repository_set_role      (LdVault      *vault,
                                               const char   *name,
                                               LdRole        role,
                                               GError      **error);

/* LD_ACTION_POLICY_VIEW / LD_ACTION_POLICY_CHANGE (key as in
 * ld_policy_keys()). */
gboolean     ld_policy_repository_get         (LdVault      *vault,
                                               LdPolicy     *policy,
                                               GError      **error);
gboolean     ld_policy_repository_set         (LdVault      *vault,
                                               const char   *key,
                                               const char   *value,
                                               GError      **error);

G_END_DECLS
