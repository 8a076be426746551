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
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwComboRow         *role_row;
  GtkButton           *apply_button;
  GtkLabel            *description_label;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  char                *account;
  char                *error_message;
  LdRole               current_role;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (LdChangeRoleDialog, ld_change_role_dialog, ADW_TYPE_WINDOW)

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
update_state (LdChangeRoleDialog *self)
{
  gboolean has_error = self->error_message != NULL;

  gtk_label_set_label (self->error_label, has_error ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), has_error);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->role_row), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "role.apply", !self->busy);
}

static void
set_error (LdChangeRoleDialog *self,
           const char          *message)
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
  g_autoptr(LdChangeRoleDialog) self = user_data;
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
  guint selected = adw_combo_row_get_selected (self->role_row);
  LdAccountJob *job;

  if (self->busy || selected >= G_N_ELEMENTS (business_roles))
    return;

  if (business_roles[selected] == self->current_role)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  job = ld_account_job_new (self->account);
  job->role = business_roles[selected];

  self->busy = TRUE;
  set_error (self, NULL);

  ld_vault_run_async (self->vault,
                      role_worker,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      g_free,
                      self->cancellable,
                      submit_cb,
                      g_object_ref (self));
}

static void
ld_change_role_dialog_constructed (GObject *object)
{
  LdChangeRoleDialog *self = (LdChangeRoleDialog *)object;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (ld_change_role_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (business_roles); i++)
    gtk_string_list_append (model, ld_role_get_label (business_roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));

  /* Translators: %s is an account name. */
  description = g_strdup_printf (_("Choose the business role of “%s”. Administrator roles cannot be given or taken away here."),
                                 self->account ? self->account : "");
  gtk_label_set_label (self->description_label, description);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  update_state (self);
}

static gboolean
ld_change_role_dialog_close_request (GtkWindow *window)
{
  LdChangeRoleDialog *self = LD_CHANGE_ROLE_DIALOG (window);

  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_change_role_dialog_parent_class)->close_request (window);
}

static void
ld_change_role_dialog_dispose (GObject *object)
{
  LdChangeRoleDialog *self = (LdChangeRoleDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CHANGE_ROLE_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_change_role_dialog_parent_class)->dispose (object);
}

static void
ld_change_role_dialog_finalize (GObject *object)
{
  LdChangeRoleDialog *self = (LdChangeRoleDialog *)object;

  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_change_role_dialog_parent_class)->finalize (object);
}

static void
ld_change_role_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LdChangeRoleDialog *self = LD_CHANGE_ROLE_DIALOG (object);

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
ld_change_role_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LdChangeRoleDialog *self = LD_CHANGE_ROLE_DIALOG (object);

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
ld_change_role_dialog_class_init (LdChangeRoleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ld_change_role_dialog_constructed;
  object_class->dispose = ld_change_role_dialog_dispose;
  object_class->finalize = ld_change_role_dialog_finalize;
  object_class->get_property = ld_change_role_dialog_get_property;
  object_class->set_property = ld_change_role_dialog_set_property;

  window_class->close_request = ld_change_role_dialog_close_request;

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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-change-role-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdChangeRoleDialog, spinner);
  gtk_widget_class_install_action (widget_class, "role.apply", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_change_role_dialog_init (LdChangeRoleDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
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

  return self->error_message;
}
