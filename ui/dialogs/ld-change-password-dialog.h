/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-account-dialog.h"

G_BEGIN_DECLS

#define LD_TYPE_CHANGE_PASSWORD_DIALOG (ld_change_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdChangePasswordDialog, ld_change_password_dialog, LD, CHANGE_PASSWORD_DIALOG, LdAccountDialog)

/* The forced password change after an unlock with an expired or reset
 * password. Emits "finished" (TRUE when the password was changed) once, then
 * closes itself. */
LdChangePasswordDialog *ld_change_password_dialog_new              (LdVault                *vault,
                                                                    const char             *account);
void                    ld_change_password_dialog_set_old_password (LdChangePasswordDialog *self,
                                                                    const char             *password);
/* For tests. */
void                    ld_change_password_dialog_fill             (LdChangePasswordDialog *self,
                                                                    const char             *password,
                                                                    const char             *confirm);
const char             *ld_change_password_dialog_get_error_message (LdChangePasswordDialog *self);

G_END_DECLS
