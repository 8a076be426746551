/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "records/ld-scope.h"

G_BEGIN_DECLS

/* THE scope restriction every record query goes through. Prepares
 *
 *   WITH RECURSIVE visible_units(id) AS (<units in the session's scopes
 *   and all their descendants>) <sql>
 *
 * and binds parameter 1 to the session's account, so sql can say
 * "… WHERE c.unit_id IN visible_units" and bind its own parameters from 2
 * (plain "?" continue the numbering). sql may start with ", name(…) AS
 * (…)" to add more common table expressions. Accounts other than business
 * accounts see no unit. */
sqlite3_stmt *_ld_scope_prepare        (LdVault     *vault,
                                        const char  *sql,
                                        GError     **error);
/* Whether unit_id is in the session's scopes. */
gboolean      _ld_scope_unit_visible   (LdVault     *vault,
                                        gint64       unit_id,
                                        gboolean    *visible,
                                        GError     **error);
/* Whether the session holds the "every unit" scope. */
gboolean      _ld_scope_has_all        (LdVault     *vault,
                                        gboolean    *all,
                                        GError     **error);

G_END_DECLS
