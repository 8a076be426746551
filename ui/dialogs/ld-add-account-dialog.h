/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-account-dialog.h"

G_BEGIN_DECLS

#define LD_TYPE_ADD_ACCOUNT_DIALOG (ld_add_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdAddAccountDialog, ld_add_account_dialog, LD, ADD_ACCOUNT_DIALOG, LdAccountDialog)

/* Creates an account (system administrator). Emits "account-added" (name)
 * and "done" (a confirmation to show) before closing itself. */
LdAddAccountDialog *ld_add_account_dialog_new               (LdVault            *vault);
/* For tests: fill the form; submit with the "account.create" action. */
void                ld_add_account_dialog_fill              (LdAddAccountDialog *self,
                                                             const char         *name,
                                                             LdRole              role,
                                                             const char         *password,
                                                             const char         *confirm);
const char         *ld_add_account_dialog_get_error_message (LdAddAccountDialog *self);

G_END_DECLS
