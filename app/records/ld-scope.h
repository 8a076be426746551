/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ld-types.h"

G_BEGIN_DECLS

/* Unit scopes (知悉范围): a business account sees and touches only the
 * cadres and records of the unit subtrees granted to it; an account
 * without a scope sees nothing. unit_id 0 stands for every unit, present
 * and future. */

#define LD_AUDIT_SCOPE_GRANTED "scope.granted"
#define LD_AUDIT_SCOPE_REVOKED "scope.revoked"

/* LD_ACTION_SCOPE_CHANGE; business accounts only; the unit must exist and
 * be active. Granting a scope the account holds changes nothing. */
gboolean     ld_scope_grant      (LdVault     *vault,
                                  const char  *account,
                                  gint64       unit_id,
                                  GError     **error);
/* LD_ACTION_SCOPE_CHANGE. Fails with LD_ERROR_INVALID if the account does
 * not hold exactly this scope. */
gboolean     ld_scope_revoke     (LdVault     *vault,
                                  const char  *account,
                                  gint64       unit_id,
                                  GError     **error);
/* The unit ids granted to account (0 = every unit), ascending.
 * LD_ACTION_SCOPE_CHANGE, or one's own account. */
GArray      *ld_scope_list       (LdVault     *vault,
                                  const char  *account,
                                  GError     **error);

G_END_DECLS
