/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-account-dialog.h"

G_BEGIN_DECLS

#define LD_TYPE_RESET_PASSWORD_DIALOG (ld_reset_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdResetPasswordDialog, ld_reset_password_dialog, LD, RESET_PASSWORD_DIALOG, LdAccountDialog)

/* Sets a temporary password for another account (system administrator);
 * the account must change it at its next sign-in. Emits "done" (a
 * confirmation to show) before closing itself. */
LdResetPasswordDialog *ld_reset_password_dialog_new               (LdVault               *vault,
                                                                   const char            *account);
/* For tests: fill the form; submit with the "password.reset" action. */
void                   ld_reset_password_dialog_fill              (LdResetPasswordDialog *self,
                                                                   const char            *password,
                                                                   const char            *confirm);
const char            *ld_reset_password_dialog_get_error_message (LdResetPasswordDialog *self);

G_END_DECLS
