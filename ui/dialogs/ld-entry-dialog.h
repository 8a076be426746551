/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-file-entry.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_ENTRY_DIALOG (ld_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdEntryDialog, ld_entry_dialog, LD, ENTRY_DIALOG, AdwWindow)

/* Adding or changing one dated entry of a file section (B … Z), built from
 * the section's table (LdFileSectionInfo): a kind when the section has
 * kinds, the date, one row per field by its type. Every change is checked
 * with ld_file_entry_spec_validate(): the bad row gets the "error" style,
 * the message shows under the form, and Save stays insensitive until the
 * entry is valid. The save runs on the vault's worker; a refusal of the
 * core stays in the dialog.
 *
 * entry NULL = a new entry of section for cadre_id.
 *
 * Signal "saved" (gint64 entry_id): after a successful save. */
LdEntryDialog *ld_entry_dialog_new               (GtkWindow     *parent,
                                                  LdVault       *vault,
                                                  gint64         cadre_id,
                                                  const char    *section,
                                                  LdFileEntry   *entry);

/* For tests and scripted use: sets a field as the user would type it (key
 * "kind", "entry-date" or a field key; for a switch "1"/"0", for a choice
 * its code). FALSE for an unknown key. */
gboolean       ld_entry_dialog_set_value         (LdEntryDialog *self,
                                                  const char    *key,
                                                  const char    *value);
/* Whether the entry is valid and not being saved. */
gboolean       ld_entry_dialog_get_can_save      (LdEntryDialog *self);
/* The key of the row marked as wrong, or NULL. */
const char    *ld_entry_dialog_get_error_key     (LdEntryDialog *self);
/* The message shown under the form, or NULL. */
const char    *ld_entry_dialog_get_error_message (LdEntryDialog *self);

G_END_DECLS
