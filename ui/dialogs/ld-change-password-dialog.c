/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-change-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-change-password-dialog.h"

#include "ld-ui-utils.h"
#include "rules/ld-password-policy.h"

struct _LdChangePasswordDialog
{
  LdAccountDialog      parent_instance;

  /* Template Widgets */
  GtkLabel            *description_label;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *hint_label;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *change_button;

  /* Owned References */
  char                *old_password;   /* guarded memory */

  guint                finished : 1;
};

G_DEFINE_FINAL_TYPE (LdChangePasswordDialog, ld_change_password_dialog, LD_TYPE_ACCOUNT_DIALOG)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
finish (LdChangePasswordDialog *self,
        gboolean                changed)
{
  if (self->finished)
    return;

  self->finished = TRUE;
  g_signal_emit (self, signals [SIGNAL_FINISHED], 0, changed);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdChangePasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;

  ld_account_dialog_set_busy (LD_ACCOUNT_DIALOG (self), FALSE);

  if (error != NULL)
    {
      ld_account_dialog_show_error (LD_ACCOUNT_DIALOG (self), error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  /* Close before telling: the unlock window goes away on "finished". */
  gtk_window_destroy (GTK_WINDOW (self));
  finish (self, TRUE);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdChangePasswordDialog *self = LD_CHANGE_PASSWORD_DIALOG (widget);
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (widget);
  const char *account = ld_account_dialog_get_account (dialog);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (ld_account_dialog_get_vault (dialog));
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (ld_account_dialog_get_busy (dialog))
    return;

  if (policy != NULL && !ld_password_check (policy, account, password, &error))
    {
      ld_account_dialog_show_error (dialog, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      ld_account_dialog_show_error (dialog, _("The two passwords are not the same. Type the new password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  job = ld_account_job_new (account);
  job->old_password = ld_secret_dup (self->old_password ? self->old_password : "");
  job->new_password = ld_secret_dup (password);

  ld_account_dialog_run (dialog, ld_account_job_set_password, job, NULL, change_cb);
}

static gboolean
ld_change_password_dialog_close_request (GtkWindow *window)
{
  LdChangePasswordDialog *self = LD_CHANGE_PASSWORD_DIALOG (window);

  /* The change is being written; let it finish. */
  if (ld_account_dialog_get_busy (LD_ACCOUNT_DIALOG (self)))
    return TRUE;

  finish (self, FALSE);

  return GTK_WINDOW_CLASS (ld_change_password_dialog_parent_class)->close_request (window);
}

static void
ld_change_password_dialog_constructed (GObject *object)
{
  LdChangePasswordDialog *self = (LdChangePasswordDialog *)object;
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (object);
  LdVault *vault = ld_account_dialog_get_vault (dialog);
  const char *account = ld_account_dialog_get_account (dialog);
  g_autofree char *description = NULL;
  g_autofree char *hint = NULL;

  G_OBJECT_CLASS (ld_change_password_dialog_parent_class)->constructed (object);

  /* Translators: %s is an account name. */
  description = g_strdup_printf (_("The password of “%s” has expired or was reset by an administrator. Choose a new password to continue."),
                                 account ? account : "");
  gtk_label_set_label (self->description_label, description);

  hint = ld_policy_describe (vault ? ld_vault_get_policy (vault) : NULL);
  gtk_label_set_label (self->hint_label, hint);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->change_button));
}

static void
ld_change_password_dialog_dispose (GObject *object)
{
  LdChangePasswordDialog *self = (LdChangePasswordDialog *)object;

  /* Destroyed without a decision (e.g. the window locked): nothing changed. */
  finish (self, FALSE);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CHANGE_PASSWORD_DIALOG);

  G_OBJECT_CLASS (ld_change_password_dialog_parent_class)->dispose (object);
}

static void
ld_change_password_dialog_finalize (GObject *object)
{
  LdChangePasswordDialog *self = (LdChangePasswordDialog *)object;

  g_clear_pointer (&self->old_password, ld_secret_free);

  G_OBJECT_CLASS (ld_change_password_dialog_parent_class)->finalize (object);
}

static void
ld_change_password_dialog_class_init (LdChangePasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ld_change_password_dialog_constructed;
  object_class->dispose = ld_change_password_dialog_dispose;
  object_class->finalize = ld_change_password_dialog_finalize;

  window_class->close_request = ld_change_password_dialog_close_request;

  signals [SIGNAL_FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-change-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdChangePasswordDialog, change_button);

  ld_account_dialog_class_install_submit_action (LD_ACCOUNT_DIALOG_CLASS (klass), "password.change", change_action);
}

static void
ld_change_password_dialog_init (LdChangePasswordDialog *self)
{
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  ld_account_dialog_set_feedback (dialog, self->error_label, self->spinner);
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->new_row));
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->confirm_row));
}

LdChangePasswordDialog *
ld_change_password_dialog_new (LdVault    *vault,
                               const char *account)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  return g_object_new (LD_TYPE_CHANGE_PASSWORD_DIALOG,
                       "vault", vault,
                       "account", account,
                       NULL);
}

void
ld_change_password_dialog_set_old_password (LdChangePasswordDialog *self,
                                            const char             *password)
{
  g_return_if_fail (LD_IS_CHANGE_PASSWORD_DIALOG (self));

  g_clear_pointer (&self->old_password, ld_secret_free);
  self->old_password = ld_secret_dup (password);
}

void
ld_change_password_dialog_fill (LdChangePasswordDialog *self,
                                const char             *password,
                                const char             *confirm)
{
  g_return_if_fail (LD_IS_CHANGE_PASSWORD_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->new_row), password ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), confirm ? confirm : "");
}

const char *
ld_change_password_dialog_get_error_message (LdChangePasswordDialog *self)
{
  g_return_val_if_fail (LD_IS_CHANGE_PASSWORD_DIALOG (self), NULL);

  return ld_account_dialog_get_error_message (LD_ACCOUNT_DIALOG (self));
}
