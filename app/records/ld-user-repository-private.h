/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "records/ld-user-repository.h"

G_BEGIN_DECLS

/* Inserts the account row and its first password-history entry. Runs
 * inside the caller's transaction; does not touch the key slots. */
gboolean     _ld_user_insert   (LdVault     *vault,
                                const char  *name,
                                LdRole       role,
                                const char  *password,
                                gboolean     must_change,
                                gint64      *out_id,
                                GError     **error);

G_END_DECLS
