/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-change-role-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-change-role-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-user-repository.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

struct _LdChangeRoleDialog
{
  LdAccountDialog      parent_instance;

  /* Template Widgets */
  AdwComboRow         *role_row;
  GtkButton           *apply_button;
  GtkLabel            *description_label;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  /* State */
  LdRole               current_role;
};

G_DEFINE_FINAL_TYPE (LdChangeRoleDialog, ld_change_role_dialog, LD_TYPE_ACCOUNT_DIALOG)

static void
submit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdChangeRoleDialog) self = user_data;
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

static const LdRole business_roles[] = {
  LD_ROLE_INVESTIGATOR,
  LD_ROLE_LEADER,
  LD_ROLE_VIEWER,
};

static gpointer
role_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_set_role (vault, job->name, job->role, error))
    return NULL;

  /* Translators: the first %s is an account name, the second a role. */
  return g_strdup_printf (_("“%s” is now %s"), job->name, ld_role_get_label (job->role));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdChangeRoleDialog *self = LD_CHANGE_ROLE_DIALOG (widget);
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (widget);
  const char *account = ld_account_dialog_get_account (dialog);
  guint selected = adw_combo_row_get_selected (self->role_row);
  LdAccountJob *job;

  if (ld_account_dialog_get_busy (dialog) || selected >= G_N_ELEMENTS (business_roles))
    return;

  if (business_roles[selected] == self->current_role)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  job = ld_account_job_new (account);
  job->role = business_roles[selected];

  ld_account_dialog_run (dialog, role_worker, job, g_free, submit_cb);
}

static void
ld_change_role_dialog_constructed (GObject *object)
{
  LdChangeRoleDialog *self = (LdChangeRoleDialog *)object;
  const char *account = ld_account_dialog_get_account (LD_ACCOUNT_DIALOG (self));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (ld_change_role_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (business_roles); i++)
    gtk_string_list_append (model, ld_role_get_label (business_roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));

  /* Translators: %s is an account name. */
  description = g_strdup_printf (_("Choose the business role of “%s”. Administrator roles cannot be given or taken away here."),
                                 account ? account : "");
  gtk_label_set_label (self->description_label, description);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
}

static void
ld_change_role_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CHANGE_ROLE_DIALOG);

  G_OBJECT_CLASS (ld_change_role_dialog_parent_class)->dispose (object);
}

static void
ld_change_role_dialog_class_init (LdChangeRoleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_change_role_dialog_constructed;
  object_class->dispose = ld_change_role_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-change-role-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, spinner);

  ld_account_dialog_class_install_submit_action (LD_ACCOUNT_DIALOG_CLASS (klass), "role.apply", submit_action);
}

static void
ld_change_role_dialog_init (LdChangeRoleDialog *self)
{
  LdAccountDialog *dialog = LD_ACCOUNT_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  ld_account_dialog_set_feedback (dialog, self->error_label, self->spinner);
  ld_account_dialog_add_input (dialog, GTK_WIDGET (self->role_row));
}

LdChangeRoleDialog *
ld_change_role_dialog_new (LdVault    *vault,
                           const char *account,
                           LdRole      current_role)
{
  LdChangeRoleDialog *self;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  self = g_object_new (LD_TYPE_CHANGE_ROLE_DIALOG,
                       "vault", vault,
                       "account", account,
                       NULL);
  self->current_role = current_role;
  ld_change_role_dialog_set_role (self, current_role);

  return self;
}

void
ld_change_role_dialog_set_role (LdChangeRoleDialog *self,
                                LdRole              role)
{
  g_return_if_fail (LD_IS_CHANGE_ROLE_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (business_roles); i++)
    if (business_roles[i] == role)
      adw_combo_row_set_selected (self->role_row, i);
}

const char *
ld_change_role_dialog_get_error_message (LdChangeRoleDialog *self)
{
  g_return_val_if_fail (LD_IS_CHANGE_ROLE_DIALOG (self), NULL);

  return ld_account_dialog_get_error_message (LD_ACCOUNT_DIALOG (self));
}
