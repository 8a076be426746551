/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-talk.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

G_BEGIN_DECLS

#define LD_TYPE_TALK_DIALOG (ld_talk_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdTalkDialog, ld_talk_dialog, LD, TALK_DIALOG, AdwWindow)

/* Registers a talk (talk NULL) or changes one: type, date and time, place,
 * talkers, recorder, the cadres talked to (a cadre chooser), reason, the
 * clue served (by its registration number, looked up as typed), problems, explanation,
 * attitude, the written explanation required with its due and received
 * dates, and the follow-up date. The form is checked as it is typed with
 * the core's own rules; the warnings (fewer than two talkers for a
 * discipline-organ talk …) show above the form and do not stop saving.
 * "talk.save" (Ctrl+S) writes on the vault worker; the refusal shows
 * inline. Escape cancels.
 *
 * Signal "saved" (gint64 talk id): after the write, before closing. */
LdTalkDialog   *ld_talk_dialog_new               (LdVault      *vault,
                                                  LdTalk       *talk);
LdCadreChooser *ld_talk_dialog_get_cadre_chooser (LdTalkDialog *self);
/* For tests: sets the type (a code), the date and the talkers (names
 * separated by "、"); NULL leaves a field alone. */
void            ld_talk_dialog_fill              (LdTalkDialog *self,
                                                  const char   *type,
                                                  const char   *date,
                                                  const char   *talkers);
/* Types the clue's registration number; whether it is still looked up. */
void            ld_talk_dialog_set_clue_number   (LdTalkDialog *self,
                                                  const char   *reg_no);
gboolean        ld_talk_dialog_get_checking      (LdTalkDialog *self);
gboolean        ld_talk_dialog_get_can_save      (LdTalkDialog *self);
gboolean        ld_talk_dialog_get_busy          (LdTalkDialog *self);
/* The error under the form, or NULL. */
const char     *ld_talk_dialog_get_error_message (LdTalkDialog *self);
/* The warnings shown (one a line), or NULL. */
const char     *ld_talk_dialog_get_warning       (LdTalkDialog *self);

G_END_DECLS
