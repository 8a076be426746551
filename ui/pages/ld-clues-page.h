/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"
#include "rules/ld-case-rules.h"

G_BEGIN_DECLS

#define LD_TYPE_CLUES_PAGE (ld_clues_page_get_type ())
G_DECLARE_FINAL_TYPE (LdCluesPage, ld_clues_page, LD, CLUES_PAGE, LdPage)

/* The problem clues (问题线索) of the session's unit scopes: a dense list
 * filtered by year, status, disposal, unit and "overdue" and searched on
 * the vault worker, the due date marked red (overdue) or yellow (due
 * soon) by the vault's rules and working-day calendar; beside it the
 * selected clue's every field, the petition it came from, the talks
 * serving it, its handling steps and its history, with the moves its
 * status allows. Actions: clues.new (Ctrl+N), clues.edit (Ctrl+E),
 * clues.dispose (Ctrl+D), clues.close (Ctrl+Shift+D), clues.review,
 * clues.add-step (Ctrl+T), clues.retire, clues.search (Ctrl+F),
 * clues.refresh (F5). */
LdCluesPage  *ld_clues_page_new             (LdVault     *vault);
/* Selects the clue and shows it (whatever the filters). */
void          ld_clues_page_show_record     (LdCluesPage *self,
                                             gint64       id);

/* For tests. */
GListModel   *ld_clues_page_get_model       (LdCluesPage *self);
gboolean      ld_clues_page_get_loading     (LdCluesPage *self);
/* The clue shown in the detail pane (0 = none). */
gint64        ld_clues_page_get_shown_id    (LdCluesPage *self);
/* The clue shown (NULL = none); borrowed. */
GObject      *ld_clues_page_get_shown       (LdCluesPage *self);
/* The marking of a listed clue's due date. */
LdAlertLevel  ld_clues_page_get_alert_level (LdCluesPage *self,
                                             gint64       id);
/* Whether a clues.* action is enabled now (menu items have no button). */
gboolean      ld_clues_page_get_action_enabled (LdCluesPage *self,
                                                const char  *action_name);
/* The talks and steps listed in the detail pane. */
guint         ld_clues_page_get_n_talks     (LdCluesPage *self);
guint         ld_clues_page_get_n_steps     (LdCluesPage *self);
void          ld_clues_page_set_search      (LdCluesPage *self,
                                             const char  *text);
/* Only the overdue clues (the toggle in the tool bar). */
void          ld_clues_page_set_overdue_only (LdCluesPage *self,
                                              gboolean     overdue_only);

G_END_DECLS
