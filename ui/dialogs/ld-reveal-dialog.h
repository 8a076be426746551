/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_REVEAL_DIALOG (ld_reveal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdRevealDialog, ld_reveal_dialog, LD, REVEAL_DIALOG, AdwWindow)

/* Reveals the reporter of one petition (DOMAIN.md 3.5): asks for the
 * reason (required), reads the identity with the audited reveal on the
 * vault worker, and shows it in this dialog only: the labels cannot be
 * selected or copied, and they are cleared when the dialog closes. A
 * refusal (no reporter-identity grant) shows the core's message.
 * "reveal.reveal" (Enter in the reason) asks; Escape closes. */
LdRevealDialog *ld_reveal_dialog_new               (LdVault        *vault,
                                                    gint64          petition_id,
                                                    const char     *reg_no);

/* For tests. */
void            ld_reveal_dialog_set_reason        (LdRevealDialog *self,
                                                    const char     *reason);
gboolean        ld_reveal_dialog_get_busy          (LdRevealDialog *self);
/* Whether the identity is shown. */
gboolean        ld_reveal_dialog_get_revealed      (LdRevealDialog *self);
/* The refusal or error shown, or NULL. */
const char     *ld_reveal_dialog_get_error_message (LdRevealDialog *self);

G_END_DECLS
