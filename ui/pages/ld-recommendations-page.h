/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_RECOMMENDATIONS_PAGE (ld_recommendations_page_get_type ())
G_DECLARE_FINAL_TYPE (LdRecommendationsPage, ld_recommendations_page, LD, RECOMMENDATIONS_PAGE, LdPage)

/* Recommendations (纪检监察建议, DOMAIN.md §10.2) of the session's unit
 * scopes: a list (number, kind, title, addressed unit, status with the
 * reply overdue in red, reply due, next return visit) filtered by status
 * (reply overdue included), kind, unit and text; the selected one's every
 * field, its lifecycle as a row of the next allowed moves, its follow-up
 * events, the ledger items spawned from it (each opens the ledger through
 * win.show-record) and its history.
 *
 * Actions: recommendations.new (Ctrl+N), recommendations.edit (Ctrl+E),
 * the moves recommendations.issue (leaders only), .deliver, .reply,
 * .rectify, .verify, .close, .escalate (each asks for the date and a note;
 * a refusal such as closing with open items shows as is in a message
 * dialog), recommendations.add-event (回访, 回头看, 现场督办 or a note,
 * with the next visit), recommendations.spawn (one or more problems with
 * deadline and responsible person → ledger items in one go),
 * recommendations.retire, recommendations.search (Ctrl+F),
 * recommendations.refresh (F5), recommendations.clear-filters.
 *
 * The small dialogs are AdwMessageDialogs whose confirming response is
 * "apply"; their entries are reachable for tests through
 * g_object_get_data (dialog, "ld-entry-0") …, the event kind through
 * "ld-kind" (a GtkDropDown), and the spawn dialog's rows through
 * "ld-problem-N", "ld-deadline-N", "ld-person-N" with "ld-add-row" the
 * button that adds a row. */
LdRecommendationsPage *ld_recommendations_page_new         (LdVault               *vault);
/* Selects the recommendation and shows it (whatever the filters). */
void                   ld_recommendations_page_show_record (LdRecommendationsPage *self,
                                                            gint64                 id);

/* For tests. */
GListModel            *ld_recommendations_page_get_model    (LdRecommendationsPage *self);
gboolean               ld_recommendations_page_get_loading  (LdRecommendationsPage *self);
gint64                 ld_recommendations_page_get_shown_id (LdRecommendationsPage *self);
/* The ledger items of the shown recommendation. */
guint                  ld_recommendations_page_get_n_items  (LdRecommendationsPage *self);

G_END_DECLS
