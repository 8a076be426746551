/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-measure.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

G_BEGIN_DECLS

#define LD_TYPE_MEASURE_DIALOG (ld_measure_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdMeasureDialog, ld_measure_dialog, LD, MEASURE_DIALOG, AdwWindow)

/* Registers a measure (measure NULL) or changes one: the cadre (a cadre
 * chooser, fixed on an edit), the measure code (labelled by category with
 * its current form; disputed codes marked), decision and effective date,
 * authority, document number, the source record (one of the cadre's
 * clues, petitions or talks, listed on the vault worker), violation
 * categories, facts, whether it is given as accountability (问责) and the
 * probation extension (留党察看 only). A preview line shows the effect
 * period computed with the pure rules. "measure.save" (Ctrl+S) writes on
 * the vault worker; a refusal shows inline and keeps the form. Escape
 * cancels.
 *
 * Signal "saved" (gint64 measure id): after the write, before closing. */
LdMeasureDialog *ld_measure_dialog_new               (LdVault         *vault,
                                                      LdMeasure       *measure);
LdCadreChooser  *ld_measure_dialog_get_cadre_chooser (LdMeasureDialog *self);

/* For tests: sets the code, the decision and effective dates, the
 * authority and the document number; NULL leaves a field alone. */
void             ld_measure_dialog_fill              (LdMeasureDialog *self,
                                                      const char      *code,
                                                      const char      *decision_date,
                                                      const char      *effective_date,
                                                      const char      *authority,
                                                      const char      *doc_no);
void             ld_measure_dialog_set_facts         (LdMeasureDialog *self,
                                                      const char      *facts);
/* The sources offered for the chosen cadre (after "none"), whether they
 * are still listed, and choosing one (0 = none). */
guint            ld_measure_dialog_get_n_sources     (LdMeasureDialog *self);
gboolean         ld_measure_dialog_get_loading       (LdMeasureDialog *self);
void             ld_measure_dialog_select_source     (LdMeasureDialog *self,
                                                      guint            index);
gboolean         ld_measure_dialog_get_can_save      (LdMeasureDialog *self);
gboolean         ld_measure_dialog_get_busy          (LdMeasureDialog *self);
const char      *ld_measure_dialog_get_error_message (LdMeasureDialog *self);
/* The effect-period preview line. */
const char      *ld_measure_dialog_get_preview       (LdMeasureDialog *self);

G_END_DECLS
