/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vault/ld-audit-log.h"

G_BEGIN_DECLS

/* Appends an entry in the name of account/role (used before a session
 * exists: failed sign-ins, events carried over from the key-slot file).
 * time is unix microseconds, 0 = now. */
gboolean     _ld_audit_append_as   (LdVault      *vault,
                                    gint64        time,
                                    const char   *account,
                                    const char   *role,
                                    const char   *event,
                                    const char   *object_type,
                                    const char   *object_id,
                                    const char   *outcome,
                                    const char   *details,
                                    GError      **error);

G_END_DECLS
