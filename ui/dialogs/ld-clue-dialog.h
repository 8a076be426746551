/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-clue.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

G_BEGIN_DECLS

#define LD_TYPE_CLUE_DIALOG (ld_clue_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdClueDialog, ld_clue_dialog, LD, CLUE_DIALOG, AdwWindow)

/* Registers a clue from a source other than a petition (clue NULL) or
 * changes a clue's description: the source (inspection tour, audit,
 * judicial transfer … or a petition channel), the received date, the
 * person (a cadre of the session's units, chosen with a cadre chooser, or
 * a name typed for a person not on file), the unit (the cadre's own when
 * left as is), the summary and the problem categories. The form is checked
 * as it is typed with the core's rules; "clue.save" (Ctrl+S) writes on the
 * vault worker and the refusal shows inline. Escape cancels.
 *
 * Signal "saved" (gint64 clue id): after the write, before closing. */
LdClueDialog   *ld_clue_dialog_new               (LdVault      *vault,
                                                  LdClue       *clue);
LdCadreChooser *ld_clue_dialog_get_cadre_chooser (LdClueDialog *self);
/* For tests: source (a code), received date, free-text person name,
 * summary and categories (comma-separated codes); NULL leaves a field
 * alone. */
void            ld_clue_dialog_fill              (LdClueDialog *self,
                                                  const char   *source,
                                                  const char   *received_date,
                                                  const char   *person_name,
                                                  const char   *summary,
                                                  const char   *categories);
/* For tests: chooses the unit (0 = the person's own unit); FALSE while
 * the units are not loaded or when id is not among them. */
gboolean        ld_clue_dialog_set_unit          (LdClueDialog *self,
                                                  gint64        unit_id);
gboolean        ld_clue_dialog_get_units_loaded  (LdClueDialog *self);
gboolean        ld_clue_dialog_get_can_save      (LdClueDialog *self);
gboolean        ld_clue_dialog_get_busy          (LdClueDialog *self);
/* The error under the form, or NULL. */
const char     *ld_clue_dialog_get_error_message (LdClueDialog *self);

G_END_DECLS
