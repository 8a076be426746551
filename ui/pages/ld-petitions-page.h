/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_PETITIONS_PAGE (ld_petitions_page_get_type ())
G_DECLARE_FINAL_TYPE (LdPetitionsPage, ld_petitions_page, LD, PETITIONS_PAGE, LdPage)

/* Petitions and reports (信访举报) of the session's unit scopes: a dense
 * list filtered by year, status, kind, channel, repeats and unit and
 * searched on the vault worker; beside it the selected petition's every
 * field with the reporter MASKED (the audited reveal opens a dialog, only
 * with the reporter-identity grant), the moves its status allows, the
 * feedback, repeats, a clue made from it, and its history.
 * Actions: petitions.new (Ctrl+N), petitions.edit (Ctrl+E),
 * petitions.move (s: the target status), petitions.accept-notice,
 * petitions.feedback,
 * petitions.mark-repeat, petitions.create-clue, petitions.reveal,
 * petitions.correct-reporter (the reporter dialog: replaces the identity,
 * or makes an anonymous report real-name), petitions.retire,
 * petitions.search (Ctrl+F), petitions.refresh (F5); the toolbar's
 * Import Ledger… activates win.import-petitions (disabled for an account
 * that cannot write). */
LdPetitionsPage *ld_petitions_page_new            (LdVault         *vault);
/* Selects the petition and shows it (whatever the filters). */
void             ld_petitions_page_show_record    (LdPetitionsPage *self,
                                                   gint64           id);

/* For tests. */
GListModel      *ld_petitions_page_get_model      (LdPetitionsPage *self);
gboolean         ld_petitions_page_get_loading    (LdPetitionsPage *self);
gint64           ld_petitions_page_get_shown_id   (LdPetitionsPage *self);
/* The status of the petition shown, or NULL. */
const char      *ld_petitions_page_get_shown_status (LdPetitionsPage *self);

G_END_DECLS
