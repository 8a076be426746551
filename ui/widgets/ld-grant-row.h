/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-user.h"

G_BEGIN_DECLS

#define LD_TYPE_GRANT_ROW (ld_grant_row_get_type ())
G_DECLARE_FINAL_TYPE (LdGrantRow, ld_grant_row, LD, GRANT_ROW, AdwActionRow)

/* An account on the security administrator's page: grant switches for
 * business accounts and an Unlock button for locked-out accounts. Emits
 * "grant-changed" (LdGrant, gboolean granted) and "unlock-requested". */
GtkWidget  *ld_grant_row_new       (LdUser     *user);
LdUser     *ld_grant_row_get_user  (LdGrantRow *self);
/* For tests: flip a switch as the user would. */
void        ld_grant_row_set_grant (LdGrantRow *self,
                                    LdGrant     grant,
                                    gboolean    granted);

G_END_DECLS
