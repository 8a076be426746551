/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_HOME_PAGE (ld_home_page_get_type ())
G_DECLARE_FINAL_TYPE (LdHomePage, ld_home_page, LD, HOME_PAGE, LdPage)

/* The welcome page of the business roles: who is signed in, with which role
 * and grants, and where the vault is. */
LdHomePage *ld_home_page_new (LdVault *vault);

G_END_DECLS
