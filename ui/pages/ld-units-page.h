/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_UNITS_PAGE (ld_units_page_get_type ())
G_DECLARE_FINAL_TYPE (LdUnitsPage, ld_units_page, LD, UNITS_PAGE, LdPage)

/* The unit tree (单位): create, rename, edit, move, merge and retire
 * units in the session's scopes, with the number of cadres per unit. */
LdUnitsPage *ld_units_page_new (LdVault *vault);

G_END_DECLS
