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
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *hint_label;
  GtkButton           *reset_button;
  GtkLabel            *description_label;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  char                *account;
  char                *error_message;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (LdResetPasswordDialog, ld_reset_password_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_state (LdResetPasswordDialog *self)
{
  gboolean has_error = self->error_message != NULL;

  gtk_label_set_label (self->error_label, has_error ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), has_error);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.reset", !self->busy);
}

static void
set_error (LdResetPasswordDialog *self,
           const char             *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  update_state (self);
}

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

  self->busy = FALSE;

  if (message == NULL)
    {
      set_error (self, error ? error->message : "?");
      return;
    }

  update_state (self);
  g_signal_emit (self, signals [SIGNAL_DONE], 0, message);
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
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (self->vault);
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (self->busy)
    return;

  if (policy != NULL && !ld_password_check (policy, self->account, password, &error))
    {
      set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      set_error (self, _("The two passwords are not the same. Type the password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  job = ld_account_job_new (self->account);
  job->new_password = ld_secret_dup (password);

  self->busy = TRUE;
  set_error (self, NULL);

  ld_vault_run_async (self->vault,
                      reset_worker,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      g_free,
                      self->cancellable,
                      submit_cb,
                      g_object_ref (self));
}

static void
ld_reset_password_dialog_constructed (GObject *object)
{
  LdResetPasswordDialog *self = (LdResetPasswordDialog *)object;
  g_autofree char *description = NULL;
  g_autofree char *hint = NULL;

  G_OBJECT_CLASS (ld_reset_password_dialog_parent_class)->constructed (object);

  /* Translators: %s is an account name. */
  description = g_strdup_printf (_("Give “%s” a temporary password. They must choose a new one the next time they sign in. Tell them the temporary password in person, never in writing."),
                                 self->account ? self->account : "");
  gtk_label_set_label (self->description_label, description);

  hint = ld_policy_describe (self->vault ? ld_vault_get_policy (self->vault) : NULL);
  gtk_label_set_label (self->hint_label, hint);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->reset_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  update_state (self);
}

static gboolean
ld_reset_password_dialog_close_request (GtkWindow *window)
{
  LdResetPasswordDialog *self = LD_RESET_PASSWORD_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_reset_password_dialog_parent_class)->close_request (window);
}

static void
ld_reset_password_dialog_dispose (GObject *object)
{
  LdResetPasswordDialog *self = (LdResetPasswordDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_RESET_PASSWORD_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_reset_password_dialog_parent_class)->dispose (object);
}

static void
ld_reset_password_dialog_finalize (GObject *object)
{
  LdResetPasswordDialog *self = (LdResetPasswordDialog *)object;

  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_reset_password_dialog_parent_class)->finalize (object);
}

static void
ld_reset_password_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LdResetPasswordDialog *self = LD_RESET_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_reset_password_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  LdResetPasswordDialog *self = LD_RESET_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_reset_password_dialog_class_init (LdResetPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ld_reset_password_dialog_constructed;
  object_class->dispose = ld_reset_password_dialog_dispose;
  object_class->finalize = ld_reset_password_dialog_finalize;
  object_class->get_property = ld_reset_password_dialog_get_property;
  object_class->set_property = ld_reset_password_dialog_set_property;

  window_class->close_request = ld_reset_password_dialog_close_request;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-reset-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, reset_button);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdResetPasswordDialog, spinner);
  gtk_widget_class_install_action (widget_class, "password.reset", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_reset_password_dialog_init (LdResetPasswordDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
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

  return self->error_message;
}
