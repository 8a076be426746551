/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-reset-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-reset-password-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-user-repository.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

struct _LdResetPasswordDialog
{
  LdAccountDialog      parent_instance;

  /* Template Widgets */
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *hint_label;
  GtkButton           *reset_button;
  GtkLabel            *description_label;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (LdResetPasswordDialog, ld_reset_password_dialog, LD_TYPE_ACCOUNT_DIALOG)

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdResetPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;

  ld_account_dialog_set_busy (LD_ACCOUNT_DIALOG (self), FALSE);

  if (message == NULL)
    {
      ld_account_dialog_show_error (LD_ACCOUNT_DIALOG (self), error ? error->message : "?");
      return;
    }

  ld_account_dialog_emit_done (LD_ACCOUNT_DIALOG (self), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gpointer
reset_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_set_password (vault, job->name, NULL, job->new_password, error))
    return NULL;

  /* Translators: %s is an account name. */
  return g_strdup_printf (_("The password of “%s” was reset; it must be changed at the next sign-in"),
                          job->name);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdResetPasswordDialog *self = LD_RESET_PASSWORD_DIALOG (widget);
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (widget);
  const char *account = ld_account_dialog_get_account (dialog);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (ld_account_dialog_get_vault (dialog));
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (ld_account_dialog_get_busy (dialog))
    return;

  if (policy != NULL && !ld_password_check (policy, account, password, &error))
    {
      ld_account_dialog_show_error (dialog, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      ld_account_dialog_show_error (dialog, _("The two passwords are not the same. Type the password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  job = ld_account_job_new (account);
  job->new_password = ld_secret_dup (password);

  ld_account_dialog_run (dialog, reset_worker, job, g_free, submit_cb);
}

static void
ld_reset_password_dialog_constructed (GObject *object)
{
  LdResetPasswordDialog *self = (LdResetPasswordDialog *)object;
  LdVault *vault = ld_account_dialog_get_vault (LD_ACCOUNT_DIALOG (self));
  const char *account = ld_account_dialog_get_account (LD_ACCOUNT_DIALOG (self));
  g_autofree char *description = NULL;
  g_autofree char *hint = NULL;

  G_OBJECT_CLASS (ld_reset_password_dialog_parent_class)->constructed (object);

  /* Translators: %s is an account name. */
  description = g_strdup_printf (_("Give “%s” a temporary password. They must choose a new one the next time they sign in. Tell them the temporary password in person, never in writing."),
                                 account ? account : "");
  gtk_label_set_label (self->description_label, description);

  hint = ld_policy_describe (vault ? ld_vault_get_policy (vault) : NULL);
  gtk_label_set_label (self->hint_label, hint);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->reset_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
ld_reset_password_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_RESET_PASSWORD_DIALOG);

  G_OBJECT_CLASS (ld_reset_password_dialog_parent_class)->dispose (object);
}

static void
ld_reset_password_dialog_class_init (LdResetPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_reset_password_dialog_constructed;
  object_class->dispose = ld_reset_password_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-reset-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, reset_button);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, spinner);

  ld_account_dialog_class_install_submit_action (LD_ACCOUNT_DIALOG_CLASS (klass), "password.reset", submit_action);
}

static void
ld_reset_password_dialog_init (LdResetPasswordDialog *self)
{
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  ld_account_dialog_set_feedback (dialog, self->error_label, self->spinner);
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->password_row));
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->confirm_row));
}

LdResetPasswordDialog *
ld_reset_password_dialog_new (LdVault    *vault,
                              const char *account)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  return g_object_new (LD_TYPE_RESET_PASSWORD_DIALOG,
                       "vault", vault,
                       "account", account,
                       NULL);
}

void
ld_reset_password_dialog_fill (LdResetPasswordDialog *self,
                               const char            *password,
                               const char            *confirm)
{
  g_return_if_fail (LD_IS_RESET_PASSWORD_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), confirm ? confirm : "");
}

const char *
ld_reset_password_dialog_get_error_message (LdResetPasswordDialog *self)
{
  g_return_val_if_fail (LD_IS_RESET_PASSWORD_DIALOG (self), NULL);

  return ld_account_dialog_get_error_message (LD_ACCOUNT_DIALOG (self));
}
