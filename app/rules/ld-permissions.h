/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"

G_BEGIN_DECLS

/* The one role × action matrix; pure, no SQL. */
gboolean     ld_permission_allows        (LdRole       role,
                                          LdGrant      grants,
                                          LdAction     action);
/* Checks and fills a translated LD_ERROR_PERMISSION_DENIED message. */
gboolean     ld_permission_check         (LdRole       role,
                                          LdGrant      grants,
                                          LdAction     action,
                                          GError     **error);
/* The grant an action additionally needs (LD_GRANT_NONE if none). */
LdGrant      ld_action_required_grant    (LdAction     action);

gboolean     ld_role_is_admin            (LdRole       role);
gboolean     ld_role_is_business         (LdRole       role);
/* "sysadmin", "secadmin", "auditor", "investigator", "leader", "viewer". */
const char  *ld_role_to_string           (LdRole       role);
LdRole       ld_role_from_string         (const char  *str);
/* Translated display name, e.g. "System administrator" / 系统管理员. */
const char  *ld_role_get_label           (LdRole       role);

/* "export", "print", "reporter-identity". */
const char  *ld_grant_to_string          (LdGrant      grant);
LdGrant      ld_grant_from_string        (const char  *str);
const char  *ld_grant_get_label          (LdGrant      grant);
/* Comma-separated labels of all grants set, translated ("" for none). */
char        *ld_grants_format            (LdGrant      grants);

const char  *ld_action_to_string         (LdAction     action);
const char  *ld_action_get_label         (LdAction     action);

const char  *ld_kdf_profile_to_string    (LdKdfProfile profile);
gboolean     ld_kdf_profile_from_string  (const char  *str,
                                          LdKdfProfile *profile);

G_END_DECLS
