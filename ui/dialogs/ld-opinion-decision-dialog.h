/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-opinion.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_OPINION_DECISION_DIALOG (ld_opinion_decision_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdOpinionDecisionDialog, ld_opinion_decision_dialog, LD, OPINION_DECISION_DIALOG, AdwWindow)

/* Changes the decision on one cadre of an integrity-opinion request: the
 * four opinions with their formal wording, and the reason, required as
 * soon as the decision differs from the check's proposal (the Save button
 * stays insensitive until then). "decision.save" (Ctrl+S) writes on the
 * vault worker (ld_opinion_repository_decide()); a refusal shows inline.
 * Escape cancels.
 *
 * Signal "saved" (gint64 item id): after the write, before closing. */
LdOpinionDecisionDialog *ld_opinion_decision_dialog_new               (LdVault                 *vault,
                                                                       LdOpinionItem           *item);
void                     ld_opinion_decision_dialog_set_decision      (LdOpinionDecisionDialog *self,
                                                                       LdOpinion                decision);
LdOpinion                ld_opinion_decision_dialog_get_decision      (LdOpinionDecisionDialog *self);
void                     ld_opinion_decision_dialog_set_reason        (LdOpinionDecisionDialog *self,
                                                                       const char              *reason);
gboolean                 ld_opinion_decision_dialog_get_can_save      (LdOpinionDecisionDialog *self);
gboolean                 ld_opinion_decision_dialog_get_busy          (LdOpinionDecisionDialog *self);
/* The refusal under the form, or NULL. */
const char              *ld_opinion_decision_dialog_get_error_message (LdOpinionDecisionDialog *self);

G_END_DECLS
