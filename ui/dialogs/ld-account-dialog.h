/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-ui-utils.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_ACCOUNT_DIALOG (ld_account_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (LdAccountDialog, ld_account_dialog, LD, ACCOUNT_DIALOG, AdwWindow)

/* The base of the modal dialogs that run one account job on the vault
 * worker (add an account, change or reset a password, change a role).
 *
 * It holds the construct-only "vault" and "account" properties, a
 * cancellable that is cancelled when the dialog is disposed, the error
 * message and the busy state, and it binds Escape to "window.close". While
 * busy, the dialog cannot be closed, its spinner spins, and its inputs and
 * submit action are insensitive. Subclasses keep their own templates and
 * hand the base their widgets from their instance init, after
 * gtk_widget_init_template(). */
struct _LdAccountDialogClass
{
  AdwWindowClass parent_class;

  gpointer _reserved[8];
};

/* For class_init: installs the action that submits the form, disabled while
 * the dialog is busy. */
void          ld_account_dialog_class_install_submit_action (LdAccountDialogClass        *klass,
                                                             const char                  *action_name,
                                                             GtkWidgetActionActivateFunc  activate);

/* For instance init: the label that shows the error message and the spinner
 * shown while busy; the inputs that are insensitive while busy. */
void          ld_account_dialog_set_feedback        (LdAccountDialog     *self,
                                                     GtkLabel            *error_label,
                                                     GtkSpinner          *spinner);
void          ld_account_dialog_add_input           (LdAccountDialog     *self,
                                                     GtkWidget           *input);

LdVault      *ld_account_dialog_get_vault           (LdAccountDialog     *self);
const char   *ld_account_dialog_get_account         (LdAccountDialog     *self);
/* Cancelled when the dialog is disposed. */
GCancellable *ld_account_dialog_get_cancellable     (LdAccountDialog     *self);
gboolean      ld_account_dialog_get_busy            (LdAccountDialog     *self);
void          ld_account_dialog_set_busy            (LdAccountDialog     *self,
                                                     gboolean             busy);
const char   *ld_account_dialog_get_error_message   (LdAccountDialog     *self);
/* Shows message under the form, or hides the error for NULL. */
void          ld_account_dialog_show_error          (LdAccountDialog     *self,
                                                     const char          *message);
/* Clears the error, makes the dialog busy and runs func on job (owned) on
 * the vault worker with the dialog's cancellable. callback gets a reference
 * to the dialog as user_data; it must drop it, and return at once when the
 * job was cancelled (the dialog was disposed). */
void          ld_account_dialog_run                 (LdAccountDialog     *self,
                                                     LdVaultWorkFunc      func,
                                                     LdAccountJob        *job,
                                                     GDestroyNotify       result_free,
                                                     GAsyncReadyCallback  callback);
/* Emits "done" with a confirmation to show. */
void          ld_account_dialog_emit_done           (LdAccountDialog     *self,
                                                     const char          *message);

G_END_DECLS
