/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRES_PAGE (ld_cadres_page_get_type ())
G_DECLARE_FINAL_TYPE (LdCadresPage, ld_cadres_page, LD, CADRES_PAGE, LdPage)

/* The cadre list (干部名册): a column view over every cadre in the
 * session's scopes that stays smooth at 100,000 rows, with search as you
 * type, filters, sorting, a column chooser, and the cadre's file (an
 * LdCadreFileView) opened in place on row activation. Offers "Import
 * Roster…" (LdImportDialog) and "New Cadre…". */
LdCadresPage *ld_cadres_page_new (LdVault *vault);
/* Opens the file of a cadre in place (used by search results and tests). */
void           ld_cadres_page_open_cadre (LdCadresPage *self,
                                          gint64        cadre_id);

G_END_DECLS
