/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-unit.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_UNIT_DIALOG (ld_unit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdUnitDialog, ld_unit_dialog, LD, UNIT_DIALOG, AdwWindow)

/* Creates a unit (unit NULL: below parent_id, 0 = at the top, named
 * parent_name for the subtitle) or edits one: name, short name, kind and
 * discipline-inspection supervisor. The name is checked as you type; the
 * core's refusal is shown under the form. Saving runs on the vault worker.
 *
 * Signal "saved" (gint64 unit_id, const char *message): after the write,
 * just before the dialog closes. */
LdUnitDialog *ld_unit_dialog_new               (LdVault      *vault,
                                                LdUnit       *unit,
                                                gint64        parent_id,
                                                const char   *parent_name);
/* For tests: types into the text fields (NULL leaves a field alone). */
void          ld_unit_dialog_fill              (LdUnitDialog *self,
                                                const char   *name,
                                                const char   *short_name,
                                                const char   *supervisor_name);
/* The message shown under the form, or NULL. */
const char   *ld_unit_dialog_get_error_message (LdUnitDialog *self);
gboolean      ld_unit_dialog_get_busy          (LdUnitDialog *self);

G_END_DECLS
