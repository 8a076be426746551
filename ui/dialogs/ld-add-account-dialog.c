/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-add-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-add-account-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-user-repository.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

struct _LdAddAccountDialog
{
  LdAccountDialog      parent_instance;

  /* Template Widgets */
  AdwEntryRow         *name_row;
  AdwComboRow         *role_row;
  AdwPreferencesGroup *password_group;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *create_button;
};

G_DEFINE_FINAL_TYPE (LdAddAccountDialog, ld_add_account_dialog, LD_TYPE_ACCOUNT_DIALOG)

enum {
  SIGNAL_ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The order of the role list: the two missing 三员 roles come first. */
static const LdRole roles[] = {
  LD_ROLE_SECADMIN,
  LD_ROLE_AUDITOR,
  LD_ROLE_INVESTIGATOR,
  LD_ROLE_LEADER,
  LD_ROLE_VIEWER,
  LD_ROLE_SYSADMIN,
};

static LdRole
get_role (LdAddAccountDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);

  return selected < G_N_ELEMENTS (roles) ? roles[selected] : LD_ROLE_NONE;
}

static gpointer
add_worker (LdVault       *vault,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_add (vault, job->name, job->role, job->new_password, job->kdf_profile, error))
    return NULL;

  return g_strdup (job->name);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LdAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  name = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;

  ld_account_dialog_set_busy (LD_ACCOUNT_DIALOG (self), FALSE);

  if (name == NULL)
    {
      ld_account_dialog_show_error (LD_ACCOUNT_DIALOG (self),
                                    error ? error->message : _("The account could not be created."));
      return;
    }

  /* Translators: %s is an account name. */
  message = g_strdup_printf (_("Account “%s” created; it must change its password at first sign-in"), name);
  g_signal_emit (self, signals [SIGNAL_ACCOUNT_ADDED], 0, name);
  ld_account_dialog_emit_done (LD_ACCOUNT_DIALOG (self), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdAddAccountDialog *self = LD_ADD_ACCOUNT_DIALOG (widget);
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (widget);
  LdVault *vault = ld_account_dialog_get_vault (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (vault);
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (ld_account_dialog_get_busy (dialog))
    return;

  ld_widget_set_error (GTK_WIDGET (self->name_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->password_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->confirm_row), FALSE);

  if (!ld_account_name_check (name, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->name_row), TRUE);
      ld_account_dialog_show_error (dialog, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (policy != NULL && !ld_password_check (policy, name, password, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->password_row), TRUE);
      ld_account_dialog_show_error (dialog, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      ld_widget_set_error (GTK_WIDGET (self->confirm_row), TRUE);
      ld_account_dialog_show_error (dialog, _("The two passwords are not the same. Type the password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  job = ld_account_job_new (name);
  job->role = get_role (self);
  job->new_password = ld_secret_dup (password);
  /* The cost chosen when the vault was created. */
  job->kdf_profile = ld_vault_get_default_kdf_profile (vault);

  ld_account_dialog_run (dialog, add_worker, job, g_free, add_cb);
}

static void
ld_add_account_dialog_constructed (GObject *object)
{
  LdAddAccountDialog *self = (LdAddAccountDialog *)object;
  LdVault *vault = ld_account_dialog_get_vault (LD_ACCOUNT_DIALOG (self));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *hint = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (ld_add_account_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (model, ld_role_get_label (roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));

  hint = ld_policy_describe (vault ? ld_vault_get_policy (vault) : NULL);
  /* Translators: %s is the description of the password policy. */
  description = g_strdup_printf (_("The new account must change this password when it first signs in. %s"), hint);
  adw_preferences_group_set_description (self->password_group, description);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
ld_add_account_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_ADD_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (ld_add_account_dialog_parent_class)->dispose (object);
}

static void
ld_add_account_dialog_class_init (LdAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_add_account_dialog_constructed;
  object_class->dispose = ld_add_account_dialog_dispose;

  signals [SIGNAL_ACCOUNT_ADDED] =
    g_signal_new ("account-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdAddAccountDialog, create_button);

  ld_account_dialog_class_install_submit_action (LD_ACCOUNT_DIALOG_CLASS (klass), "account.create", create_action);
}

static void
ld_add_account_dialog_init (LdAddAccountDialog *self)
{
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  ld_account_dialog_set_feedback (dialog, self->error_label, self->spinner);
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->name_row));
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->role_row));
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->password_row));
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->confirm_row));
}

LdAddAccountDialog *
ld_add_account_dialog_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_ADD_ACCOUNT_DIALOG,
                       "vault", vault,
                       NULL);
}

void
ld_add_account_dialog_fill (LdAddAccountDialog *self,
                            const char         *name,
                            LdRole              role,
                            const char         *password,
                            const char         *confirm)
{
  g_return_if_fail (LD_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), confirm ? confirm : "");

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (roles[i] == role)
      adw_combo_row_set_selected (self->role_row, i);
}

const char *
ld_add_account_dialog_get_error_message (LdAddAccountDialog *self)
{
  g_return_val_if_fail (LD_IS_ADD_ACCOUNT_DIALOG (self), NULL);

  return ld_account_dialog_get_error_message (LD_ACCOUNT_DIALOG (self));
}
