/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_POLICY_PAGE (ld_policy_page_get_type ())
G_DECLARE_FINAL_TYPE (LdPolicyPage, ld_policy_page, LD, POLICY_PAGE, LdPage)

/* The security administrator's page: the password and lockout policy, the
 * grants of business accounts, and unlocking locked-out accounts. */
LdPolicyPage *ld_policy_page_new           (LdVault      *vault);
/* For tests. */
GtkWidget    *ld_policy_page_get_row       (LdPolicyPage *self,
                                            const char   *key);
GListModel   *ld_policy_page_get_accounts  (LdPolicyPage *self);
GtkWidget    *ld_policy_page_get_grant_row (LdPolicyPage *self,
                                            const char   *name);

G_END_DECLS
