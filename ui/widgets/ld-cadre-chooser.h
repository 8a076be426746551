/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE_CHOOSER (ld_cadre_chooser_get_type ())
G_DECLARE_FINAL_TYPE (LdCadreChooser, ld_cadre_chooser, LD, CADRE_CHOOSER, AdwBin)

/* Chooses cadres of the session's unit scopes: a search entry (name,
 * pinyin, initials or ID number; searched on the vault worker) offers the
 * matches, and each chosen cadre becomes a removable row. With "multiple"
 * FALSE (the default is TRUE) a new choice replaces the previous one.
 *
 * Signal "changed": the chosen cadres changed. */
LdCadreChooser *ld_cadre_chooser_new          (LdVault        *vault);
void            ld_cadre_chooser_set_multiple (LdCadreChooser *self,
                                               gboolean        multiple);
gboolean        ld_cadre_chooser_get_multiple (LdCadreChooser *self);
/* The chosen cadres' record numbers (gint64) in the order chosen. Caller
 * unrefs. */
GArray         *ld_cadre_chooser_get_ids      (LdCadreChooser *self);
guint           ld_cadre_chooser_get_n_chosen (LdCadreChooser *self);
/* Adds a cadre whose name is already known (an edit); label may be NULL. */
void            ld_cadre_chooser_add          (LdCadreChooser *self,
                                               gint64          cadre_id,
                                               const char     *label);
void            ld_cadre_chooser_remove       (LdCadreChooser *self,
                                               gint64          cadre_id);
void            ld_cadre_chooser_clear        (LdCadreChooser *self);
/* The names of the chosen cadres joined with "、" (caller frees). */
char           *ld_cadre_chooser_get_names    (LdCadreChooser *self);

/* For tests: starts a search now (no typing delay); whether one is
 * running; how many matches are offered; chooses the match at index. */
void            ld_cadre_chooser_search       (LdCadreChooser *self,
                                               const char     *text);
gboolean        ld_cadre_chooser_get_searching (LdCadreChooser *self);
guint           ld_cadre_chooser_get_n_matches (LdCadreChooser *self);
gboolean        ld_cadre_chooser_choose_match (LdCadreChooser *self,
                                               guint           index);

G_END_DECLS
