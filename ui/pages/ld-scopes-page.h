/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_SCOPES_PAGE (ld_scopes_page_get_type ())
G_DECLARE_FINAL_TYPE (LdScopesPage, ld_scopes_page, LD, SCOPES_PAGE, LdPage)

/* For the security administrator: which unit subtrees (知悉范围) each
 * business account may see; grant and take away scopes. */
LdScopesPage *ld_scopes_page_new (LdVault *vault);

G_END_DECLS
