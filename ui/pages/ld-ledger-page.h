/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_LEDGER_PAGE (ld_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (LdLedgerPage, ld_ledger_page, LD, LEDGER_PAGE, LdPage)

/* The rectification ledger (整改台账, DOMAIN.md §10.3) of the session's
 * unit scopes: a dense list in the ledger's columns (number, source,
 * problem, responsible unit and person, deadline, status with 逾期
 * computed and shown in red, sign-off date) filtered by status (overdue
 * included), source, unit and text on the vault worker; the selected
 * item's every field with its progress entries, evidence attachments,
 * completion, acceptance, sign-off and history beside it.
 *
 * Actions (enabled only where the rules and the role allow them):
 * ledger.new (Ctrl+N), ledger.edit (Ctrl+E), ledger.add-progress
 * (Ctrl+P: a date and a note), ledger.complete (a date and the
 * completion), ledger.accept (who accepted and the opinion),
 * ledger.sign-off (销号: leaders only, confirmed with a date),
 * ledger.mark-in-progress, ledger.mark-ongoing (长期坚持),
 * ledger.retire (with a typed reason), ledger.attach (evidence, read on
 * the worker), ledger.open-attachment / ledger.save-attachment /
 * ledger.retire-attachment (x: the attachment), ledger.search (Ctrl+F),
 * ledger.refresh (F5), ledger.clear-filters.
 *
 * The small dialogs are AdwMessageDialogs whose entries are reachable for
 * tests through g_object_get_data (dialog, "ld-entry-0"), "ld-entry-1" …
 * in the order shown; their confirming response is "apply". */
LdLedgerPage *ld_ledger_page_new          (LdVault      *vault);
/* Selects the item and shows it (whatever the filters). */
void          ld_ledger_page_show_record  (LdLedgerPage *self,
                                           gint64        id);

/* For tests. */
GListModel   *ld_ledger_page_get_model    (LdLedgerPage *self);
gboolean      ld_ledger_page_get_loading  (LdLedgerPage *self);
/* The item shown in the detail pane (0 = none). */
gint64        ld_ledger_page_get_shown_id (LdLedgerPage *self);
void          ld_ledger_page_set_search   (LdLedgerPage *self,
                                           const char   *text);
/* Attaches the file at PATH to the item shown, as the file chooser of
 * ledger.attach does (read on the vault worker; a refusal, such as too
 * big a file, shows as a toast). */
void          ld_ledger_page_attach_file  (LdLedgerPage *self,
                                           const char   *path);
/* Selects the status filter: NULL = every status, else a stored status
 * or "overdue". FALSE if unknown. */
gboolean      ld_ledger_page_set_status_filter (LdLedgerPage *self,
                                                const char   *status);

G_END_DECLS
