/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TYPE_USER (ld_user_get_type ())
G_DECLARE_FINAL_TYPE (LdUser, ld_user, LD, USER, GObject)

/* An account as listed for administrators. Read-only properties:
 * "id" (int64), "name", "role" (int, LdRole), "role-label" (translated),
 * "grants" (uint, LdGrant), "grants-label" (translated, "" if none),
 * "disabled" (bool), "locked" (bool: locked out now),
 * "must-change-password" (bool), "password-changed-at" (int64 unix s),
 * "created-at" (int64), "last-login-at" (int64, 0 = never), "last-login-text" (translated, "Never" if 0),
 * "status-label" (translated: Active / Disabled / Locked / Must change password). */
LdUser      *ld_user_new                     (gint64       id,
                                              const char  *name,
                                              LdRole       role,
                                              LdGrant      grants,
                                              gboolean     disabled,
                                              gboolean     locked,
                                              gboolean     must_change_password,
                                              gint64       password_changed_at,
                                              gint64       created_at,
                                              gint64       last_login_at);
gint64       ld_user_get_id                  (LdUser      *self);
const char  *ld_user_get_name                (LdUser      *self);
LdRole       ld_user_get_role                (LdUser      *self);
LdGrant      ld_user_get_grants              (LdUser      *self);
gboolean     ld_user_get_disabled            (LdUser      *self);
gboolean     ld_user_get_locked              (LdUser      *self);
gboolean     ld_user_get_must_change_password (LdUser     *self);
gint64       ld_user_get_password_changed_at (LdUser      *self);
gint64       ld_user_get_created_at          (LdUser      *self);
gint64       ld_user_get_last_login_at       (LdUser      *self);

G_END_DECLS
