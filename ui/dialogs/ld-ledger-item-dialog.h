/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-ledger-item.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_LEDGER_ITEM_DIALOG (ld_ledger_item_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdLedgerItemDialog, ld_ledger_item_dialog, LD, LEDGER_ITEM_DIALOG, AdwWindow)

/* Registers a ledger item (整改台账, item NULL) or changes one: the
 * responsible unit (a unit picker), source and its reference, problem,
 * rectification measures, standard or goal, responsible leader and
 * person, deadline and note. The form is checked as it is typed with the
 * core's ld_ledger_item_spec_validate(); the first bad field is marked and
 * the message shows above the form. "ledger-item.save" (Ctrl+S) writes on
 * the vault worker; a refusal shows inline and the form stays as typed.
 * Escape cancels. An item spawned from a recommendation keeps it.
 *
 * Signal "saved" (gint64 item id): after the write, before closing. */
LdLedgerItemDialog *ld_ledger_item_dialog_new               (LdVault            *vault,
                                                             LdLedgerItem       *item);
/* For tests: sets the unit (id > 0), the source (a code), the problem,
 * the deadline and the responsible person; NULL (or 0) leaves a field
 * alone. */
void                ld_ledger_item_dialog_fill              (LdLedgerItemDialog *self,
                                                             gint64              unit_id,
                                                             const char         *source,
                                                             const char         *problem,
                                                             const char         *deadline,
                                                             const char         *person);
/* Whether the units are still being read. */
gboolean            ld_ledger_item_dialog_get_loading       (LdLedgerItemDialog *self);
gboolean            ld_ledger_item_dialog_get_can_save      (LdLedgerItemDialog *self);
gboolean            ld_ledger_item_dialog_get_busy          (LdLedgerItemDialog *self);
/* The error above the form, or NULL. */
const char         *ld_ledger_item_dialog_get_error_message (LdLedgerItemDialog *self);

G_END_DECLS
