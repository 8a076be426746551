/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_UNITS_PAGE (ld_units_page_get_type ())
G_DECLARE_FINAL_TYPE (LdUnitsPage, ld_units_page, LD, UNITS_PAGE, LdPage)

/* The unit tree (单位): create, rename, edit, move, merge and retire
 * units in the session's scopes, with the number of cadres per unit.
 * Property "show-retired" (also the action units.show-retired). */
LdUnitsPage *ld_units_page_new              (LdVault     *vault);
gboolean     ld_units_page_get_show_retired (LdUnitsPage *self);
void         ld_units_page_set_show_retired (LdUnitsPage *self,
                                             gboolean     show_retired);

/* For tests. The number of units listed; the id of the first listed unit
 * called name (0 if none); the active cadres counted for a listed unit
 * (the unit and the units below it; -1 if not listed); selects a listed
 * unit; the visible state ("list", "empty", "no-scope", "error"); the
 * last refusal of the core shown in a dialog (NULL if none). */
guint        ld_units_page_get_n_units      (LdUnitsPage *self);
gint64       ld_units_page_find_unit        (LdUnitsPage *self,
                                             const char  *name);
gint64       ld_units_page_get_n_cadres     (LdUnitsPage *self,
                                             gint64       unit_id);
gboolean     ld_units_page_select_unit      (LdUnitsPage *self,
                                             gint64       unit_id);
const char  *ld_units_page_get_state        (LdUnitsPage *self);
const char  *ld_units_page_get_last_error   (LdUnitsPage *self);

G_END_DECLS
