/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_ACCOUNT_PAGE (ld_account_page_get_type ())
G_DECLARE_FINAL_TYPE (LdAccountPage, ld_account_page, LD, ACCOUNT_PAGE, LdPage)

/* "My account": every role changes its own password here. */
LdAccountPage *ld_account_page_new               (LdVault       *vault);
/* For tests: fill the form; submit with "account.change-password". */
void           ld_account_page_fill              (LdAccountPage *self,
                                                  const char    *old_password,
                                                  const char    *new_password,
                                                  const char    *confirm);
const char    *ld_account_page_get_error_message (LdAccountPage *self);

G_END_DECLS
