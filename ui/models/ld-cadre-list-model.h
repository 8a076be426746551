/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "models/ld-cadre-row.h"
#include "records/ld-cadre-repository.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE_LIST_MODEL (ld_cadre_list_model_get_type ())
G_DECLARE_FINAL_TYPE (LdCadreListModel, ld_cadre_list_model, LD, CADRE_LIST_MODEL, GObject)

/* A lazy GListModel of LdCadreRow for lists of 100,000 cadres. A load asks
 * the vault worker for the ordered record numbers of the filter
 * (ld_cadre_repository_list_ids()) and then reports that many items at
 * once; the rows come back empty and are filled in batches
 * (ld_cadre_repository_get_many()) around the positions the view asks
 * for, each row notifying when filled. Only recently used batches are
 * kept. A new load cancels the one in flight and every batch of it.
 *
 * Properties: "vault" (construct-only), "n-items", "loading" (a load of
 * the record numbers is in flight). Signal "loaded" (GError *error or
 * NULL): a load finished (not emitted for a cancelled one). */
LdCadreListModel *ld_cadre_list_model_new          (LdVault             *vault);
/* Copies filter (limit and offset are ignored) and loads it. */
void              ld_cadre_list_model_set_filter   (LdCadreListModel    *self,
                                                    const LdCadreFilter *filter);
/* Loads the current filter again. */
void              ld_cadre_list_model_reload       (LdCadreListModel    *self);
/* Cancels every job in flight (the view goes away). */
void              ld_cadre_list_model_cancel       (LdCadreListModel    *self);
gboolean          ld_cadre_list_model_get_loading  (LdCadreListModel    *self);
/* Fetches one cadre again and refreshes its row in place (after an edit). */
void              ld_cadre_list_model_refresh_cadre (LdCadreListModel   *self,
                                                     gint64              cadre_id);
/* The position of a record number, or GTK_INVALID_LIST_POSITION
 * (G_MAXUINT). */
guint             ld_cadre_list_model_find         (LdCadreListModel    *self,
                                                    gint64              cadre_id);
gint64            ld_cadre_list_model_get_id       (LdCadreListModel    *self,
                                                    guint               position);

G_END_DECLS
