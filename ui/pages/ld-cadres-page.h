/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRES_PAGE (ld_cadres_page_get_type ())
G_DECLARE_FINAL_TYPE (LdCadresPage, ld_cadres_page, LD, CADRES_PAGE, LdPage)

/* The cadre list (干部名册): a column view over every cadre in the
 * session's scopes that stays smooth at 100,000 rows (a lazy
 * LdCadreListModel: record numbers first, rows in batches on the vault
 * worker), with search as you type, filters, sorting by the vault query, a
 * column chooser persisted in GSettings, and the cadre's file (an
 * LdCadreFileView) opened in place on row activation. Offers "Import
 * Roster…" (LdImportDialog) and "New Cadre…" (LdCadreDialog).
 *
 * Actions: cadres.new (Ctrl+N), cadres.import (Ctrl+I), cadres.refresh
 * (F5, Ctrl+R), cadres.search (Ctrl+F), cadres.clear-filters,
 * cadres.name-order ("stroke" or "pinyin"), and columns.COLUMN (boolean
 * state: whether a column is shown). */
LdCadresPage *ld_cadres_page_new (LdVault *vault);
/* Opens the file of a cadre in place (used by search results and tests). */
void           ld_cadres_page_open_cadre (LdCadresPage *self,
                                          gint64        cadre_id);

/* What the page shows: "list", "empty" (no cadre yet), "no-scope",
 * "no-results", "error" or "file" (a cadre's file). */
const char    *ld_cadres_page_get_state        (LdCadresPage *self);
/* The rows (LdCadreRow) as the column view has them. */
GListModel    *ld_cadres_page_get_model        (LdCadresPage *self);
/* Whether the list or its context is still loading. */
gboolean       ld_cadres_page_get_loading      (LdCadresPage *self);
void           ld_cadres_page_set_search       (LdCadresPage *self,
                                                const char   *text);
/* One LdCategory or LD_CATEGORY_NONE for any. */
void           ld_cadres_page_set_category     (LdCadresPage *self,
                                                guint         category);
/* Shows the cadres of a unit and the units below it (0 = every visible
 * unit); FALSE if the unit is not in the menu (yet). */
gboolean       ld_cadres_page_set_unit         (LdCadresPage *self,
                                                gint64        unit_id);
/* Sorts as a click on a column header would: "name", "unit", "age",
 * "rank" or "post-since". */
void           ld_cadres_page_sort_by          (LdCadresPage *self,
                                                const char   *order,
                                                gboolean      descending);
/* The column with this id ("name", "sex", "birth", …), or NULL. */
GtkColumnViewColumn *ld_cadres_page_get_column (LdCadresPage *self,
                                                const char   *id);
/* The file view (shown in state "file"). */
GtkWidget     *ld_cadres_page_get_file_view    (LdCadresPage *self);
/* The "1,234 cadres" text. */
const char    *ld_cadres_page_get_count_text   (LdCadresPage *self);

G_END_DECLS
