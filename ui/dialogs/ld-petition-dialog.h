/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-petition.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

G_BEGIN_DECLS

#define LD_TYPE_PETITION_DIALOG (ld_petition_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdPetitionDialog, ld_petition_dialog, LD, PETITION_DIALOG, AdwWindow)

/* Registers a petition (petition NULL) or changes one: kind, channel,
 * received date, the unit concerned, the reporter (new petitions only:
 * real-name switch, name, unit, contact, address, typed by the clerk and
 * cleared from the entries when the dialog closes), the persons reported
 * (cadres through a cadre chooser, or name/unit/post of people not on
 * file), the problem categories, summary and full text, and the routing.
 * While the summary and the persons are typed, repeat candidates are
 * looked up on the vault worker (debounced) and offered above the form;
 * a checked one is linked as the first report when saving.
 * "petition.save" (Ctrl+S) writes on the worker; Escape cancels.
 *
 * Signal "saved" (gint64 petition id): after the write, before closing. */
LdPetitionDialog *ld_petition_dialog_new               (LdVault          *vault,
                                                        LdPetition       *petition);
LdCadreChooser   *ld_petition_dialog_get_cadre_chooser (LdPetitionDialog *self);

/* For tests: fills the unit (0 leaves it), the real-name switch, the
 * reporter's name and the summary (NULL leaves a field alone). */
void              ld_petition_dialog_fill              (LdPetitionDialog *self,
                                                        gint64            unit_id,
                                                        gboolean          real_name,
                                                        const char       *reporter_name,
                                                        const char       *summary);
/* Adds a person not on file. */
void              ld_petition_dialog_add_person        (LdPetitionDialog *self,
                                                        const char       *name,
                                                        const char       *unit_text,
                                                        const char       *post_text);
gboolean          ld_petition_dialog_get_can_save      (LdPetitionDialog *self);
gboolean          ld_petition_dialog_get_busy          (LdPetitionDialog *self);
const char       *ld_petition_dialog_get_error_message (LdPetitionDialog *self);
/* Whether the units are loaded and the repeat lookup is idle. */
gboolean          ld_petition_dialog_get_ready         (LdPetitionDialog *self);
guint             ld_petition_dialog_get_n_repeat_candidates (LdPetitionDialog *self);
/* Checks (or unchecks) the candidate at index as the first report. */
void              ld_petition_dialog_set_repeat_of     (LdPetitionDialog *self,
                                                        guint             index,
                                                        gboolean          repeat);

G_END_DECLS
