/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_SCOPES_PAGE (ld_scopes_page_get_type ())
G_DECLARE_FINAL_TYPE (LdScopesPage, ld_scopes_page, LD, SCOPES_PAGE, LdPage)

/* For the security administrator: which unit subtrees (知悉范围) each
 * business account may see; grant and take away scopes. Actions:
 * scopes.grant (s: account) asks for a unit, scopes.revoke ((sx):
 * account, unit id, 0 = all units) asks for confirmation. */
LdScopesPage *ld_scopes_page_new          (LdVault      *vault);

/* For tests: the business accounts listed (LdUser); whether the page
 * shows that account holding unit_id (0 = all units); the id of the first
 * unit called name (0 if none). */
GListModel   *ld_scopes_page_get_accounts (LdScopesPage *self);
gboolean      ld_scopes_page_has_scope    (LdScopesPage *self,
                                           const char   *account,
                                           gint64        unit_id);
gint64        ld_scopes_page_find_unit    (LdScopesPage *self,
                                           const char   *name);

G_END_DECLS
