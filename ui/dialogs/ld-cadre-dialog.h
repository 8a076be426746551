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

/* For tests and scripted use. Sets a field of section A, named as in
 * ld_cadre_field_names(), as the user would enter it: text for text and
 * date rows, the code for a pick list, the unit id for "unit_id", "1"/"0"
 * for "principal", comma-separated codes for "post_tags". FALSE for an
 * unknown field or value. */
gboolean       ld_cadre_dialog_set_field         (LdCadreDialog *self,
                                                  const char    *field,
                                                  const char    *value);
/* Whether the form finished loading (units and the cadre). */
gboolean       ld_cadre_dialog_get_loaded        (LdCadreDialog *self);
/* Whether the form is valid, changed (or new) and not being saved. */
gboolean       ld_cadre_dialog_get_can_save      (LdCadreDialog *self);
/* The field whose row is marked as wrong, or NULL. */
const char    *ld_cadre_dialog_get_error_field   (LdCadreDialog *self);
/* The message shown under the form, or NULL. */
const char    *ld_cadre_dialog_get_error_message (LdCadreDialog *self);

G_END_DECLS
