/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-clue.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_DISPOSE_DIALOG (ld_dispose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdDisposeDialog, ld_dispose_dialog, LD, DISPOSE_DIALOG, AdwWindow)

typedef enum
{
  LD_DISPOSE_MODE_DISPOSE,  /* record an approved disposal (处置) */
  LD_DISPOSE_MODE_CLOSE,    /* close with a result (办结), clearing when unfounded */
} LdDisposeMode;

/* One dialog for the two moves of a clue along its state machine:
 * - dispose: the disposal mode (only those the clue's status allows), who
 *   approved it and when, a note; the due date the disposal's limit gives
 *   (rules and calendar read on the vault worker) shows as it is typed;
 * - close: the result, the closing date, and for an unfounded result the
 *   clearing (澄清正名) done and its date; a note.
 * The form is checked as it is typed (the state machine's refusal shows
 * inline); "dispose.save" (Ctrl+S) writes on the vault worker and a
 * refusal from the vault shows inline too. Escape cancels.
 *
 * Signal "saved" (gint64 clue id): after the write, before closing. */
LdDisposeDialog *ld_dispose_dialog_new               (LdVault         *vault,
                                                      LdClue          *clue,
                                                      LdDisposeMode    mode);
LdDisposeMode    ld_dispose_dialog_get_mode          (LdDisposeDialog *self);

/* For tests. code: a disposal (dispose mode) or a result (close mode);
 * date: the approval or closing date; person: the approving leader
 * (dispose mode) or the clearing done (close mode); NULL leaves a field
 * alone. FALSE when code is not offered. */
gboolean         ld_dispose_dialog_fill              (LdDisposeDialog *self,
                                                      const char      *code,
                                                      const char      *date,
                                                      const char      *person,
                                                      const char      *clearing_date);
/* The codes offered (disposals or results), NULL-terminated. */
const char * const *ld_dispose_dialog_get_choices    (LdDisposeDialog *self);
/* Whether the rules and the calendar are loaded (the due date is known). */
gboolean         ld_dispose_dialog_get_ready         (LdDisposeDialog *self);
/* The due date shown for the chosen disposal ("" without a limit). */
const char      *ld_dispose_dialog_get_due_date      (LdDisposeDialog *self);
gboolean         ld_dispose_dialog_get_can_save      (LdDisposeDialog *self);
gboolean         ld_dispose_dialog_get_busy          (LdDisposeDialog *self);
/* The error under the form, or NULL. */
const char      *ld_dispose_dialog_get_error_message (LdDisposeDialog *self);

G_END_DECLS
