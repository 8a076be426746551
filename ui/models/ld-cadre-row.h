/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "records/ld-cadre.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE_ROW (ld_cadre_row_get_type ())
G_DECLARE_FINAL_TYPE (LdCadreRow, ld_cadre_row, LD, CADRE_ROW, GObject)

/* One row of the lazy cadre list (LdCadreListModel): the record number at
 * once, the cadre itself once its batch came back from the vault worker.
 * Until then every text property is "" and "loaded" is FALSE; filling the
 * row notifies every property, so bound cells update in place.
 *
 * Read-only properties, all display-ready: "id" (int64), "loaded",
 * "cadre" (LdCadre or NULL), "name", "sex" (translated), "birth-date",
 * "age" ("34" or ""), "birth-age" ("1992-03-01 (34)"), "id-number",
 * "unit", "post", "rank" (translated post level or rank), "post-since",
 * "categories" (comma-separated LdCategory codes), "tags" (manual tags,
 * comma-separated), "status" (translated employment status). */
LdCadreRow  *ld_cadre_row_new            (gint64      id);
gint64       ld_cadre_row_get_id         (LdCadreRow *self);
gboolean     ld_cadre_row_get_loaded     (LdCadreRow *self);
/* NULL until loaded. */
LdCadre     *ld_cadre_row_get_cadre      (LdCadreRow *self);
/* Fills (or refreshes) the row; cadre's id must be the row's. NULL empties
 * it again. */
void         ld_cadre_row_set_cadre      (LdCadreRow *self,
                                          LdCadre    *cadre);
const char  *ld_cadre_row_get_name       (LdCadreRow *self);
const char  *ld_cadre_row_get_categories (LdCadreRow *self);

/* Translated labels of the stored codes of a cadre's management authority
 * ("central" …) and employment status ("serving" …); "" for "" and the
 * code itself when unknown. */
const char  *ld_cadre_authority_get_label (const char *authority);
const char  *ld_cadre_status_get_label    (const char *status);
/* A post-level (职务) or rank (职级) code as a translated label. */
const char  *ld_cadre_rank_get_label      (const char *post_level,
                                           const char *rank);

G_END_DECLS
