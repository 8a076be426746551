/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-accounts-page.h"

#include "dialogs/ld-add-account-dialog.h"
#include "dialogs/ld-change-role-dialog.h"
#include "dialogs/ld-reset-password-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-user-repository.h"
#include "records/ld-user.h"
#include "rules/ld-permissions.h"

struct _LdAccountsPage
{
  LdPage              parent_instance;

  /* Template Widgets */
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkSortListModel   *sort_model;
  GListStore         *store;
  GtkSpinner         *spinner;

  /* Owned References */
  char               *reselect;
};

G_DEFINE_FINAL_TYPE (LdAccountsPage, ld_accounts_page, LD_TYPE_PAGE)

static LdUser *
get_selected (LdAccountsPage *self)
{
  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

/* The one place that decides which accounts.* actions are enabled. */
static void
update_actions (LdAccountsPage *self)
{
  LdUser *user = get_selected (self);
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;
  gboolean busy = ld_page_get_busy (LD_PAGE (self));
  gboolean is_self = FALSE;

  /* Template children are gone once disposed. */
  if (self->selection == NULL)
    return;

  if (user != NULL && session != NULL)
    is_self = g_utf8_collate (ld_user_get_name (user), session->name) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.disable",
                                 !busy && user != NULL && !is_self && !ld_user_get_disabled (user));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.enable",
                                 !busy && user != NULL && ld_user_get_disabled (user));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.reset-password",
                                 !busy && user != NULL && !is_self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.change-role",
                                 !busy && user != NULL && ld_role_is_business (ld_user_get_role (user)));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
on_selection_changed_cb (LdAccountsPage     *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  update_actions (self);
}

static char *
format_timestamp (gpointer item,
                  gint64   value)
{
  return ld_format_timestamp (value);
}

static char *
format_grants (gpointer    item,
               const char *label)
{
  return g_strdup (label != NULL && label[0] != '\0' ? label : "—");
}

/* Loading ------------------------------------------------------------------ */

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return ld_user_repository_list (vault, error);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdAccountsPage) self = user_data;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (users == NULL)
    {
      g_list_store_remove_all (self->store);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      ld_page_show_toast (LD_PAGE (self), error ? error->message : _("The accounts could not be read."));
      update_actions (self);
      return;
    }

  g_list_store_splice (self->store,
                       0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       users->pdata,
                       users->len);

  gtk_stack_set_visible_child_name (self->content_stack, users->len > 0 ? "list" : "empty");

  if (self->reselect != NULL)
    {
      ld_accounts_page_select (self, self->reselect);
      g_clear_pointer (&self->reselect, g_free);
    }

  update_actions (self);
}

static void
ld_accounts_page_refresh (LdPage *page)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (page);
  LdUser *user = get_selected (self);

  if (user != NULL && self->reselect == NULL)
    self->reselect = g_strdup (ld_user_get_name (user));

  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      list_worker,
                      NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref,
                      ld_page_get_cancellable (page),
                      list_cb,
                      g_object_ref (self));
}

/* Writes ------------------------------------------------------------------- */

static gpointer
set_disabled_worker (LdVault       *vault,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_set_disabled (vault, job->name, job->flag, error))
    return NULL;

  if (job->flag)
    /* Translators: %s is an account name. */
    return g_strdup_printf (_("“%s” is disabled"), job->name);
  else
    /* Translators: %s is an account name. */
    return g_strdup_printf (_("“%s” is enabled"), job->name);
}

static void
set_disabled_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LdAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (error != NULL)
    ld_page_show_toast (LD_PAGE (self), error->message);
  else
    {
      ld_page_show_toast (LD_PAGE (self), message);
      ld_page_emit_changed (LD_PAGE (self));
    }

  ld_page_refresh (LD_PAGE (self));
}

static void
set_disabled (LdAccountsPage *self,
              const char     *name,
              gboolean        disabled)
{
  LdAccountJob *job = ld_account_job_new (name);

  job->flag = disabled;

  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      set_disabled_worker,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      g_free,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      set_disabled_cb,
                      g_object_ref (self));
}

static void
on_disable_response_cb (LdAccountsPage   *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "account");

  if (g_strcmp0 (response, "disable") == 0 && name != NULL)
    set_disabled (self, name, TRUE);
}

static void
on_dialog_done_cb (LdAccountsPage *self,
                   const char     *message,
                   GtkWindow      *dialog)
{
  if (message != NULL)
    ld_page_show_toast (LD_PAGE (self), message);

  ld_page_emit_changed (LD_PAGE (self));
  ld_page_refresh (LD_PAGE (self));
}

static void
on_account_added_cb (LdAccountsPage *self,
                     const char     *name,
                     GtkWindow      *dialog)
{
  g_free (self->reselect);
  self->reselect = g_strdup (name);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (widget);
  LdAddAccountDialog *dialog;

  dialog = ld_add_account_dialog_new (ld_page_get_vault (LD_PAGE (self)));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "account-added", G_CALLBACK (on_account_added_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
disable_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (widget);
  LdUser *user = get_selected (self);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (user == NULL)
    return;

  /* Translators: %s is an account name. */
  heading = g_strdup_printf (_("Disable “%s”?"), ld_user_get_name (user));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading,
                                                       _("The account can no longer sign in. Its audit entries stay, and you can enable it again later.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "disable", _("_Disable"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account", g_strdup (ld_user_get_name (user)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disable_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
enable_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (widget);
  LdUser *user = get_selected (self);

  if (user != NULL)
    set_disabled (self, ld_user_get_name (user), FALSE);
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (widget);
  LdUser *user = get_selected (self);
  LdResetPasswordDialog *dialog;

  if (user == NULL)
    return;

  dialog = ld_reset_password_dialog_new (ld_page_get_vault (LD_PAGE (self)), ld_user_get_name (user));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
change_role_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LdAccountsPage *self = LD_ACCOUNTS_PAGE (widget);
  LdUser *user = get_selected (self);
  LdChangeRoleDialog *dialog;

  if (user == NULL || !ld_role_is_business (ld_user_get_role (user)))
    return;

  dialog = ld_change_role_dialog_new (ld_page_get_vault (LD_PAGE (self)),
                                      ld_user_get_name (user),
                                      ld_user_get_role (user));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

/* GObject ------------------------------------------------------------------ */

static void
ld_accounts_page_constructed (GObject *object)
{
  LdAccountsPage *self = (LdAccountsPage *)object;
  GListModel *columns;

  G_OBJECT_CLASS (ld_accounts_page_parent_class)->constructed (object);

  /* Sorted by name until the user clicks a column header. */
  columns = gtk_column_view_get_columns (self->column_view);
  gtk_column_view_sort_by_column (self->column_view,
                                  g_list_model_get_item (columns, 0),
                                  GTK_SORT_ASCENDING);
  g_object_unref (g_list_model_get_item (columns, 0));

  ld_page_refresh (LD_PAGE (self));
}

static void
ld_accounts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_ACCOUNTS_PAGE);

  G_OBJECT_CLASS (ld_accounts_page_parent_class)->dispose (object);
}

static void
ld_accounts_page_finalize (GObject *object)
{
  LdAccountsPage *self = (LdAccountsPage *)object;

  g_clear_pointer (&self->reselect, g_free);

  G_OBJECT_CLASS (ld_accounts_page_parent_class)->finalize (object);
}

static void
ld_accounts_page_class_init (LdAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_accounts_page_constructed;
  object_class->dispose = ld_accounts_page_dispose;
  object_class->finalize = ld_accounts_page_finalize;

  page_class->refresh = ld_accounts_page_refresh;

  g_type_ensure (LD_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, store);
  gtk_widget_class_bind_template_child (widget_class, LdAccountsPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_timestamp);
  gtk_widget_class_bind_template_callback (widget_class, format_grants);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "accounts.disable", NULL, disable_action);
  gtk_widget_class_install_action (widget_class, "accounts.enable", NULL, enable_action);
  gtk_widget_class_install_action (widget_class, "accounts.reset-password", NULL, reset_password_action);
  gtk_widget_class_install_action (widget_class, "accounts.change-role", NULL, change_role_action);
  gtk_widget_class_install_action (widget_class, "accounts.refresh", NULL, refresh_action);
}

static void
ld_accounts_page_init (LdAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdAccountsPage *
ld_accounts_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_ACCOUNTS_PAGE,
                       "vault", vault,
                       "title", _("Accounts"),
                       "icon-name", "system-users-symbolic",
                       NULL);
}

GListModel *
ld_accounts_page_get_model (LdAccountsPage *self)
{
  g_return_val_if_fail (LD_IS_ACCOUNTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_accounts_page_select (LdAccountsPage *self,
                         const char     *name)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (LD_IS_ACCOUNTS_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdUser) user = g_list_model_get_item (model, i);

      if (g_utf8_collate (ld_user_get_name (user), name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          update_actions (self);
          return TRUE;
        }
    }

  return FALSE;
}
