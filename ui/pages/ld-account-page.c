/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-account-page.h"

#include "ld-ui-utils.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

struct _LdAccountPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkLabel            *name_label;
  GtkLabel            *role_label;
  AdwPreferencesGroup *password_group;
  AdwPasswordEntryRow *old_row;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  char                *error_message;
};

G_DEFINE_FINAL_TYPE (LdAccountPage, ld_account_page, LD_TYPE_PAGE)

static void
update_actions (LdAccountPage *self)
{
  gboolean busy = ld_page_get_busy (LD_PAGE (self));

  /* Template children are gone once disposed. */
  if (self->spinner == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.change-password", !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->old_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->new_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !busy);
}

static void
set_error (LdAccountPage *self,
           const char    *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);

  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_form (LdAccountPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->old_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);
  update_actions (self);

  if (error != NULL)
    {
      set_error (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->old_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->old_row));
      return;
    }

  clear_form (self);
  ld_page_show_toast (LD_PAGE (self), _("Your password was changed"));
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdAccountPage *self = LD_ACCOUNT_PAGE (widget);
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = ld_vault_get_session (vault);
  const char *old_password = gtk_editable_get_text (GTK_EDITABLE (self->old_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (vault);
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (session == NULL || ld_page_get_busy (LD_PAGE (self)))
    return;

  if (old_password[0] == '\0')
    {
      set_error (self, _("Enter your current password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->old_row));
      return;
    }

  if (policy != NULL && !ld_password_check (policy, session->name, password, &error))
    {
      set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      set_error (self, _("The two passwords are not the same. Type the new password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  set_error (self, NULL);

  job = ld_account_job_new (session->name);
  job->old_password = ld_secret_dup (old_password);
  job->new_password = ld_secret_dup (password);

  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_actions (self);

  ld_vault_run_async (vault,
                      ld_account_job_set_password,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      NULL,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      change_cb,
                      g_object_ref (self));
}

static void
on_entry_activated_cb (LdAccountPage *self,
                       AdwEntryRow   *row)
{
  if (row == ADW_ENTRY_ROW (self->old_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
  else if (row == ADW_ENTRY_ROW (self->new_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "account.change-password", NULL);
}

static void
ld_account_page_refresh (LdPage *page)
{
  LdAccountPage *self = LD_ACCOUNT_PAGE (page);
  const LdSession *session = ld_vault_get_session (ld_page_get_vault (page));
  g_autofree char *hint = NULL;

  if (session == NULL)
    return;

  gtk_label_set_label (self->name_label, session->name);
  gtk_label_set_label (self->role_label, ld_role_get_label (session->role));

  hint = ld_policy_describe (ld_vault_get_policy (ld_page_get_vault (page)));
  adw_preferences_group_set_description (self->password_group, hint);
}

static void
ld_account_page_constructed (GObject *object)
{
  LdAccountPage *self = (LdAccountPage *)object;

  G_OBJECT_CLASS (ld_account_page_parent_class)->constructed (object);

  ld_page_refresh (LD_PAGE (self));
  update_actions (self);
}

static void
ld_account_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (ld_account_page_parent_class)->dispose (object);
}

static void
ld_account_page_finalize (GObject *object)
{
  LdAccountPage *self = (LdAccountPage *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_account_page_parent_class)->finalize (object);
}

static void
ld_account_page_class_init (LdAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_account_page_constructed;
  object_class->dispose = ld_account_page_dispose;
  object_class->finalize = ld_account_page_finalize;

  page_class->refresh = ld_account_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, password_group);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, old_row);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, new_row);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdAccountPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "account.change-password", NULL, change_password_action);
}

static void
ld_account_page_init (LdAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdAccountPage *
ld_account_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_ACCOUNT_PAGE,
                       "vault", vault,
                       "title", _("My Account"),
                       "icon-name", "avatar-default-symbolic",
                       NULL);
}

void
ld_account_page_fill (LdAccountPage *self,
                      const char    *old_password,
                      const char    *new_password,
                      const char    *confirm)
{
  g_return_if_fail (LD_IS_ACCOUNT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->old_row), old_password ? old_password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), new_password ? new_password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), confirm ? confirm : "");
}

const char *
ld_account_page_get_error_message (LdAccountPage *self)
{
  g_return_val_if_fail (LD_IS_ACCOUNT_PAGE (self), NULL);

  return self->error_message;
}
