/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_SEARCH_PAGE (ld_search_page_get_type ())
G_DECLARE_FINAL_TYPE (LdSearchPage, ld_search_page, LD, SEARCH_PAGE, LdPage)

/* One full-text search (全文检索) over talks, petitions, clues and cadre
 * files in the session's scopes: results ranked, the matching text
 * highlighted, computed on the vault worker as you type (each keystroke
 * cancels the search before). A kind filter narrows the search.
 * Activating a result opens its record through "win.show-record".
 * Reporters are never searchable nor shown.
 *
 * Actions: search.focus (Ctrl+F; the window opens the page with
 * Ctrl+Shift+F), search.open (u: result position). */
LdSearchPage *ld_search_page_new            (LdVault      *vault);

/* Types text into the search entry (the search follows as from typing). */
void          ld_search_page_set_query      (LdSearchPage *self,
                                             const char   *text);
/* Restricts to one kind: "" or NULL for all, else "cadre", "entry",
 * "talk", "petition" or "clue". */
void          ld_search_page_set_kind       (LdSearchPage *self,
                                             const char   *kind);

/* For tests. "start", "results", "empty" or "error". */
const char   *ld_search_page_get_state      (LdSearchPage *self);
/* Whether a search is running. */
gboolean      ld_search_page_get_searching  (LdSearchPage *self);
/* The query of the results shown. */
const char   *ld_search_page_get_shown_query (LdSearchPage *self);
guint         ld_search_page_get_n_results  (LdSearchPage *self);
/* The nth result: its record type and id, title and snippet markup. */
gboolean      ld_search_page_get_result     (LdSearchPage *self,
                                             guint         position,
                                             const char  **record_type,
                                             gint64       *record_id,
                                             const char  **title,
                                             const char  **markup);

G_END_DECLS
