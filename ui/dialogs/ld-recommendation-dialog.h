/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-recommendation.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_RECOMMENDATION_DIALOG (ld_recommendation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdRecommendationDialog, ld_recommendation_dialog, LD, RECOMMENDATION_DIALOG, AdwWindow)

/* Drafts a recommendation (纪检监察建议, recommendation NULL) or changes
 * one: kind (纪律检查建议书, 监察建议书, 纪检监察建议书), title,
 * document number, the addressed unit (a unit picker), the problem, the
 * facts and basis, and the recommendations with the reply requirements.
 * The form is checked as it is typed with ld_recommendation_spec_validate();
 * "recommendation.save" (Ctrl+S) writes on the vault worker; a refusal
 * shows inline and the form stays as typed. Escape cancels.
 *
 * Signal "saved" (gint64 recommendation id): after the write, before
 * closing. */
LdRecommendationDialog *ld_recommendation_dialog_new               (LdVault                *vault,
                                                                    LdRecommendation       *recommendation);
/* For tests: sets the unit (id > 0), the kind (a code) and the title;
 * NULL (or 0) leaves a field alone. */
void                    ld_recommendation_dialog_fill              (LdRecommendationDialog *self,
                                                                    gint64                  unit_id,
                                                                    const char             *kind,
                                                                    const char             *title);
gboolean                ld_recommendation_dialog_get_loading       (LdRecommendationDialog *self);
gboolean                ld_recommendation_dialog_get_can_save      (LdRecommendationDialog *self);
const char             *ld_recommendation_dialog_get_error_message (LdRecommendationDialog *self);

G_END_DECLS
