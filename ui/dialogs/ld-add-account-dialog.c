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
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwEntryRow         *name_row;
  AdwComboRow         *role_row;
  AdwPreferencesGroup *password_group;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *create_button;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  char                *error_message;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (LdAddAccountDialog, ld_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

enum {
  SIGNAL_ACCOUNT_ADDED,
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
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

static void
update_state (LdAddAccountDialog *self)
{
  gboolean has_error = self->error_message != NULL;

  gtk_label_set_label (self->error_label, has_error ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), has_error);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->name_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->role_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.create", !self->busy);
}

static void
set_error (LdAddAccountDialog *self,
           const char         *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  update_state (self);
}

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

  self->busy = FALSE;

  if (name == NULL)
    {
      set_error (self, error ? error->message : _("The account could not be created."));
      return;
    }

  update_state (self);

  /* Translators: %s is an account name. */
  message = g_strdup_printf (_("Account “%s” created; it must change its password at first sign-in"), name);
  g_signal_emit (self, signals [SIGNAL_ACCOUNT_ADDED], 0, name);
  g_signal_emit (self, signals [SIGNAL_DONE], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdAddAccountDialog *self = LD_ADD_ACCOUNT_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const LdPolicy *policy = ld_vault_get_policy (self->vault);
  g_autoptr(GError) error = NULL;
  LdAccountJob *job;

  if (self->busy)
    return;

  ld_widget_set_error (GTK_WIDGET (self->name_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->password_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->confirm_row), FALSE);

  if (!ld_account_name_check (name, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->name_row), TRUE);
      set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (policy != NULL && !ld_password_check (policy, name, password, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->password_row), TRUE);
      set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      ld_widget_set_error (GTK_WIDGET (self->confirm_row), TRUE);
      set_error (self, _("The two passwords are not the same. Type the password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  job = ld_account_job_new (name);
  job->role = get_role (self);
  job->new_password = ld_secret_dup (password);
  /* The cost chosen when the vault was created. */
  job->kdf_profile = ld_vault_get_default_kdf_profile (self->vault);

  self->busy = TRUE;
  set_error (self, NULL);

  ld_vault_run_async (self->vault,
                      add_worker,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      g_free,
                      self->cancellable,
                      add_cb,
                      g_object_ref (self));
}

static gboolean
ld_add_account_dialog_close_request (GtkWindow *window)
{
  LdAddAccountDialog *self = LD_ADD_ACCOUNT_DIALOG (window);

  /* The account is being written; let it finish. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_add_account_dialog_parent_class)->close_request (window);
}

static void
ld_add_account_dialog_constructed (GObject *object)
{
  LdAddAccountDialog *self = (LdAddAccountDialog *)object;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *hint = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (ld_add_account_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (model, ld_role_get_label (roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));

  hint = ld_policy_describe (self->vault ? ld_vault_get_policy (self->vault) : NULL);
  /* Translators: %s is the description of the password policy. */
  description = g_strdup_printf (_("The new account must change this password when it first signs in. %s"), hint);
  adw_preferences_group_set_description (self->password_group, description);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  update_state (self);
}

static void
ld_add_account_dialog_dispose (GObject *object)
{
  LdAddAccountDialog *self = (LdAddAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_ADD_ACCOUNT_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_add_account_dialog_parent_class)->dispose (object);
}

static void
ld_add_account_dialog_finalize (GObject *object)
{
  LdAddAccountDialog *self = (LdAddAccountDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_add_account_dialog_parent_class)->finalize (object);
}

static void
ld_add_account_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LdAddAccountDialog *self = LD_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_add_account_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LdAddAccountDialog *self = LD_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_add_account_dialog_class_init (LdAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ld_add_account_dialog_constructed;
  object_class->dispose = ld_add_account_dialog_dispose;
  object_class->finalize = ld_add_account_dialog_finalize;
  object_class->get_property = ld_add_account_dialog_get_property;
  object_class->set_property = ld_add_account_dialog_set_property;

  window_class->close_request = ld_add_account_dialog_close_request;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_ACCOUNT_ADDED] =
    g_signal_new ("account-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals [SIGNAL_DONE] =
    g_signal_new ("done",
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

  gtk_widget_class_install_action (widget_class, "account.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_add_account_dialog_init (LdAddAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
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

  return self->error_message;
}
