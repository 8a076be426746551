/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_TALKS_PAGE (ld_talks_page_get_type ())
G_DECLARE_FINAL_TYPE (LdTalksPage, ld_talks_page, LD, TALKS_PAGE, LdPage)

/* The talks (谈话) of the session's unit scopes: a dense list filtered by
 * year, type and unit and searched on the vault worker, the selected
 * talk's every field with its attachments, clue and history beside it,
 * and the coverage of top leaders and newly promoted cadres this year.
 * Actions: talks.new (Ctrl+N), talks.edit (Ctrl+E), talks.retire,
 * talks.attach, talks.retire-attachment (x: the attachment, with a typed
 * reason), talks.search (Ctrl+F), talks.refresh (F5); the toolbar's
 * Import Ledger… activates win.import-talks (the window's import dialog,
 * disabled for an account that cannot write). */
LdTalksPage *ld_talks_page_new            (LdVault     *vault);
/* Selects the talk and shows it (whatever the filters). */
void         ld_talks_page_show_record    (LdTalksPage *self,
                                           gint64       id);

/* For tests. */
GListModel  *ld_talks_page_get_model      (LdTalksPage *self);
gboolean     ld_talks_page_get_loading    (LdTalksPage *self);
/* The talk shown in the detail pane (0 = none) and whether it is loaded. */
gint64       ld_talks_page_get_shown_id   (LdTalksPage *self);
/* The coverage lines shown (units, then the total). */
guint        ld_talks_page_get_n_coverage_rows (LdTalksPage *self);
void         ld_talks_page_set_search     (LdTalksPage *self,
                                           const char  *text);

G_END_DECLS
