/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE_DIALOG (ld_cadre_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdCadreDialog, ld_cadre_dialog, LD, CADRE_DIALOG, AdwWindow)

/* Adding a cadre or editing section A (basic information) of a file, with
 * inline validation (the ID number checksum, sex and birth date derived
 * from it, dates, code-table choices) and the save on the vault's worker.
 * cadre_id 0 = a new cadre, placed in default_unit_id (0 = the user picks).
 *
 * Signal "saved" (gint64 cadre_id): after a successful save. */
LdCadreDialog *ld_cadre_dialog_new (GtkWindow *parent,
                                    LdVault   *vault,
                                    gint64     cadre_id,
                                    gint64     default_unit_id);

G_END_DECLS
