/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "exchange/ld-export.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_EXPORT_DIALOG (ld_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdExportDialog, ld_export_dialog, LD, EXPORT_DIALOG, AdwWindow)

/* Exporting to Excel (issue 6; exchange/ld-export.h). A modal dialog that
 * names what is exported (the kind's title and the scope), asks for
 *   - the purpose (required: Export stays insensitive while it is empty),
 *   - "Include reporters' identities" (shown only for kinds with
 *     reporters; insensitive with an explanation unless the account holds
 *     the reporter-identity grant; off by default),
 *   - the file (a folder for a batch): an entry holding the suggested
 *     name (ld_export_suggest_filename) in the last folder used, with a
 *     "Choose…" button opening a GtkFileChooserNative,
 * then runs ld_export_run_async() with a progress bar ("12,000 of
 * 100,000 rows", "3 of 40 files") and a Cancel button, and finally shows
 * the outcome on the page (file name, rows, "Open Folder") or the
 * translated error in the dialog, keeping the inputs for a retry.
 * Escape cancels a running export (and closes the dialog otherwise);
 * Ctrl+Return starts the export.
 *
 * Signal "exported" (gpointer LdExportResult*, owned by the dialog):
 * after a successful export (also a cancelled batch with files > 0). */
LdExportDialog *ld_export_dialog_new         (GtkWindow             *parent,
                                              LdVault               *vault,
                                              const LdExportRequest *request);
/* For tests and callers that know the answers. */
void            ld_export_dialog_set_purpose (LdExportDialog        *self,
                                              const char            *purpose);
void            ld_export_dialog_set_path    (LdExportDialog        *self,
                                              const char            *path);
void            ld_export_dialog_set_include_reporters (LdExportDialog *self,
                                                        gboolean        include);
/* Starts the export as the Export button does (ignored while it is
 * insensitive). */
void            ld_export_dialog_start       (LdExportDialog        *self);

/* What every page calls for its "Export…" action (Ctrl+E): when the
 * session may not export (no export grant) it shows a message saying so
 * and whom to ask (the security administrator), else presents the dialog
 * transient for widget's window. */
void            ld_export_dialog_present_for (GtkWidget             *widget,
                                              LdVault               *vault,
                                              const LdExportRequest *request);

G_END_DECLS
