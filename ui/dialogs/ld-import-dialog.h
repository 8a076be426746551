/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

/* What an import dialog imports. */
typedef enum
{
  LD_IMPORT_KIND_CADRES,     /* a cadre roster (exchange/ld-roster-import) */
  LD_IMPORT_KIND_TALKS,      /* a talk ledger (exchange/ld-ledger-import) */
  LD_IMPORT_KIND_PETITIONS,  /* a petition ledger (exchange/ld-ledger-import) */
  LD_IMPORT_KIND_MEASURES,   /* a sanctions ledger (exchange/ld-measure-import) */
} LdImportKind;

#define LD_TYPE_IMPORT_DIALOG (ld_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdImportDialog, ld_import_dialog, LD, IMPORT_DIALOG, AdwWindow)

/* Importing a cadre roster from .xlsx or .csv (exchange/ld-roster-import):
 * choose the file and the parent unit, correct the column mapping
 * (remembered), preview every row's errors and warnings, the units to be
 * created and the changes to existing cadres, then confirm; all valid rows
 * go in in one transaction, with progress and cancel.
 *
 * Signal "imported" (gint64 n_created, gint64 n_updated): after a commit.
 * Property "skip-invalid" (bool; also the action import.skip-invalid). */
LdImportDialog *ld_import_dialog_new (GtkWindow *parent,
                                      LdVault   *vault,
                                      gint64     parent_unit_id);
/* Importing a talk, petition or sanctions ledger (KIND is
 * LD_IMPORT_KIND_TALKS, _PETITIONS or _MEASURES) with the same steps: no parent unit; the mapping rows list
 * the ledger's fields; the preview shows the mapped fields of the first
 * rows with the reporter's columns masked and the persons as matched.
 * "imported" then carries (n_imported, 0). Property "kind" (int,
 * LdImportKind, construct-only). */
LdImportDialog *ld_import_dialog_new_ledger (GtkWindow    *parent,
                                             LdVault      *vault,
                                             LdImportKind  kind);
LdImportKind    ld_import_dialog_get_kind   (LdImportDialog *self);
/* Starts with FILE already chosen (tests, drag and drop). */
void            ld_import_dialog_set_file (LdImportDialog *self,
                                           GFile          *file);

gboolean        ld_import_dialog_get_skip_invalid (LdImportDialog *self);
void            ld_import_dialog_set_skip_invalid (LdImportDialog *self,
                                                   gboolean        skip_invalid);

/* For tests. The step shown ("choose", "preview", "progress", "result");
 * whether a plan or a commit is running; whether Import may be pressed;
 * the counts line and the reason Import is off (NULL when it is on) as
 * shown; the problem lines as shown ("Row 5 · ID number: …"). */
const char     *ld_import_dialog_get_step           (LdImportDialog *self);
gboolean        ld_import_dialog_get_busy           (LdImportDialog *self);
gboolean        ld_import_dialog_get_can_import     (LdImportDialog *self);
const char     *ld_import_dialog_get_counts_text    (LdImportDialog *self);
const char     *ld_import_dialog_get_blocked_reason (LdImportDialog *self);
GStrv           ld_import_dialog_dup_problems       (LdImportDialog *self);
/* Every text of the first-rows preview, headers first, as shown. */
GStrv           ld_import_dialog_dup_preview_texts  (LdImportDialog *self);
/* The roster field (LdRosterField; for ledgers LdTalkColumn,
 * LdPetitionColumn or LdMeasureColumn; -1 = ignored) the preview maps a file
 * column to, or -2 without a preview; setting it plans again, as choosing
 * it in the column's drop-down does. */
int             ld_import_dialog_get_column_field   (LdImportDialog *self,
                                                     guint           column);
void            ld_import_dialog_set_column_field   (LdImportDialog *self,
                                                     guint           column,
                                                     int             field);

G_END_DECLS
