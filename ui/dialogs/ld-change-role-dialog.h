/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-account-dialog.h"

G_BEGIN_DECLS

#define LD_TYPE_CHANGE_ROLE_DIALOG (ld_change_role_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdChangeRoleDialog, ld_change_role_dialog, LD, CHANGE_ROLE_DIALOG, LdAccountDialog)

/* Moves a business account to another business role (the 三员 roles are
 * fixed at creation). Emits "done" (a confirmation to show) before closing
 * itself. */
LdChangeRoleDialog *ld_change_role_dialog_new               (LdVault            *vault,
                                                             const char         *account,
                                                             LdRole              current_role);
/* For tests: pick a role; submit with the "role.apply" action. */
void                ld_change_role_dialog_set_role          (LdChangeRoleDialog *self,
                                                             LdRole              role);
const char         *ld_change_role_dialog_get_error_message (LdChangeRoleDialog *self);

G_END_DECLS
