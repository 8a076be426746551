/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_REPORTER_DIALOG (ld_reporter_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdReporterDialog, ld_reporter_dialog, LD, REPORTER_DIALOG, AdwWindow)

/* Corrects the reporter of one petition (DOMAIN.md 3.5): the entries
 * start EMPTY and say so (the stored identity is never read here; seeing
 * it needs the audited reveal), and what is typed replaces the whole
 * stored identity through ld_petition_repository_set_reporter() on the
 * vault worker. The real-name switch turns an anonymous report into a
 * real-name one (the identity is stored first, then the report changes)
 * or back (the report changes, then the identity is cleared). The
 * entries keep no undo history and are cleared when the dialog closes.
 * "reporter.save" (Ctrl+S, Enter in an entry) writes; Escape cancels.
 *
 * Signal "saved" (gint64 petition id): after the write, before closing. */
LdReporterDialog *ld_reporter_dialog_new               (LdVault          *vault,
                                                        gint64            petition_id,
                                                        const char       *reg_no,
                                                        gboolean          real_name);

/* For tests: sets the real-name switch and the name and unit (NULL
 * leaves an entry alone). */
void              ld_reporter_dialog_fill              (LdReporterDialog *self,
                                                        gboolean          real_name,
                                                        const char       *name,
                                                        const char       *unit);
gboolean          ld_reporter_dialog_get_can_save      (LdReporterDialog *self);
gboolean          ld_reporter_dialog_get_busy          (LdReporterDialog *self);
/* The hint or error shown under the form, or NULL. */
const char       *ld_reporter_dialog_get_message       (LdReporterDialog *self);

G_END_DECLS
