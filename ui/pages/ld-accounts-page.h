/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_ACCOUNTS_PAGE (ld_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (LdAccountsPage, ld_accounts_page, LD, ACCOUNTS_PAGE, LdPage)

/* The system administrator's page: list, create, disable or enable accounts,
 * reset passwords and change business roles. */
LdAccountsPage *ld_accounts_page_new          (LdVault        *vault);
/* The accounts shown (LdUser), for tests. */
GListModel     *ld_accounts_page_get_model    (LdAccountsPage *self);
/* Selects the account called name; FALSE if it is not listed. */
gboolean        ld_accounts_page_select       (LdAccountsPage *self,
                                               const char     *name);

G_END_DECLS
