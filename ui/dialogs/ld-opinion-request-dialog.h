/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

G_BEGIN_DECLS

#define LD_TYPE_OPINION_REQUEST_DIALOG (ld_opinion_request_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdOpinionRequestDialog, ld_opinion_request_dialog, LD, OPINION_REQUEST_DIALOG, AdwWindow)

/* Registers an integrity-opinion request (征求党风廉政意见): who asks, the
 * date, the purpose, the due date, the document number, the unit and the
 * cadres — picked with a cadre chooser, or imported from the organisation
 * department's Excel/CSV list: the file is matched by ID number on the vault
 * worker, the matched count and the unmatched rows (with why) are shown,
 * and "Add Matched" adds the matched cadres to the chooser.
 * "request.save" (Ctrl+S) registers the request and checks every cadre
 * (ld_opinion_repository_check_request()) on the worker; a refusal shows
 * inline. Escape cancels.
 *
 * Signal "saved" (gint64 request id): after the write, before closing. */
LdOpinionRequestDialog *ld_opinion_request_dialog_new               (LdVault                *vault);
LdCadreChooser         *ld_opinion_request_dialog_get_cadre_chooser (LdOpinionRequestDialog *self);
/* For tests: fills the fields (a purpose code); NULL leaves a field alone. */
void                    ld_opinion_request_dialog_fill              (LdOpinionRequestDialog *self,
                                                                     const char             *requester,
                                                                     const char             *request_date,
                                                                     const char             *purpose,
                                                                     const char             *due_date,
                                                                     const char             *doc_no);
/* Matches the list at PATH on the worker, as the Import List… button does
 * after its file chooser. */
void                    ld_opinion_request_dialog_import_file       (LdOpinionRequestDialog *self,
                                                                     const char             *path);
gboolean                ld_opinion_request_dialog_get_importing     (LdOpinionRequestDialog *self);
/* The last import: cadres matched (not yet added) and rows not matched. */
guint                   ld_opinion_request_dialog_get_n_matched     (LdOpinionRequestDialog *self);
guint                   ld_opinion_request_dialog_get_n_unmatched   (LdOpinionRequestDialog *self);
gboolean                ld_opinion_request_dialog_get_can_save      (LdOpinionRequestDialog *self);
gboolean                ld_opinion_request_dialog_get_busy          (LdOpinionRequestDialog *self);
/* The error under the form, or NULL. */
const char             *ld_opinion_request_dialog_get_error_message (LdOpinionRequestDialog *self);

G_END_DECLS
