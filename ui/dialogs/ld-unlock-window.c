/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unlock-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-unlock-window-private.h"

#include "dialogs/ld-change-password-dialog.h"
#include "ld-ui-utils.h"
#include "rules/ld-password-policy.h"
#include "vault/ld-vault.h"

struct _LdUnlockWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  GtkStack             *stack;
  GtkLabel             *unlock_location_label;
  AdwEntryRow          *name_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *unlock_error_label;
  GtkButton            *unlock_button;
  GtkSpinner           *unlock_spinner;
  GtkLabel             *create_intro_label;
  AdwEntryRow          *create_name_row;
  AdwPasswordEntryRow  *create_password_row;
  AdwPasswordEntryRow  *create_confirm_row;
  GtkLabel             *create_hint_label;
  AdwComboRow          *kdf_row;
  GtkLabel             *create_error_label;
  GtkButton            *create_button;
  GtkSpinner           *create_spinner;

  /* Borrowed References */
  GtkWindow            *password_dialog;

  /* Owned References */
  LdVault              *vault;
  GCancellable         *cancellable;
  char                 *error_message;

  guint                 create_mode : 1;
  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (LdUnlockWindow, ld_unlock_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MODE,
  PROP_BUSY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  SIGNAL_UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_state (LdUnlockWindow *self)
{
  gboolean has_error = self->error_message != NULL && self->error_message[0] != '\0';
  GtkLabel *error_label = self->create_mode ? self->create_error_label : self->unlock_error_label;
  GtkSpinner *spinner = self->create_mode ? self->create_spinner : self->unlock_spinner;

  gtk_label_set_label (error_label, has_error ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), has_error);
  gtk_spinner_set_spinning (spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (spinner), self->busy);

  ld_widget_set_sensitive (GTK_WIDGET (self->name_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->create_name_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->create_password_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->create_confirm_row), !self->busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->kdf_row), !self->busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.submit", !self->busy);
}

static void
set_busy (LdUnlockWindow *self,
          gboolean        busy)
{
  busy = !!busy;

  if (self->busy == busy)
    return;

  self->busy = busy;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
set_error_message (LdUnlockWindow *self,
                   const char     *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR_MESSAGE]);
}

static void
set_mode (LdUnlockWindow *self,
          gboolean        create_mode)
{
  self->create_mode = !!create_mode;

  gtk_stack_set_visible_child_name (self->stack, create_mode ? "create" : "unlock");
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 create_mode ? GTK_WIDGET (self->create_button)
                                             : GTK_WIDGET (self->unlock_button));
  gtk_window_set_title (GTK_WINDOW (self),
                        create_mode ? _("Create a Vault — Liandang") : _("Unlock — Liandang"));
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODE]);
}

static void
emit_unlocked (LdUnlockWindow *self)
{
  set_busy (self, FALSE);
  g_signal_emit (self, signals [SIGNAL_UNLOCKED], 0);
}

static void
on_password_dialog_finished_cb (LdUnlockWindow *self,
                                gboolean        changed,
                                GtkWindow      *dialog)
{
  g_assert (LD_IS_UNLOCK_WINDOW (self));

  g_clear_weak_pointer (&self->password_dialog);

  if (changed)
    {
      emit_unlocked (self);
      return;
    }

  /* Nothing but a password change is allowed in this state: lock again. */
  ld_vault_lock_async (self->vault, "manual", NULL, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_busy (self, FALSE);
  set_error_message (self, _("The vault was locked again. You must choose a new password before you can continue."));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
continue_with_session (LdUnlockWindow *self)
{
  const LdSession *session = ld_vault_get_session (self->vault);
  LdChangePasswordDialog *dialog;

  g_return_if_fail (session != NULL);

  if (!session->must_change_password)
    {
      emit_unlocked (self);
      return;
    }

  /* An expired or reset password: the new password must be set before the
   * main window opens. The old password is the one just typed. */
  dialog = ld_change_password_dialog_new (self->vault, session->name);
  ld_change_password_dialog_set_old_password (dialog,
                                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  g_set_weak_pointer (&self->password_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog,
                           "finished",
                           G_CALLBACK (on_password_dialog_finished_cb),
                           self,
                           G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdUnlockWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ld_vault_unlock_finish (LD_VAULT (object), result, &error))
    {
      if (ld_error_is_cancelled (error))
        return;

      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      set_busy (self, FALSE);
      set_error_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  continue_with_session (self);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdUnlockWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ld_vault_create_finish (LD_VAULT (object), result, &error))
    {
      if (ld_error_is_cancelled (error))
        return;

      set_busy (self, FALSE);
      set_error_message (self, error->message);
      return;
    }

  continue_with_session (self);
}

static void
submit_unlock (LdUnlockWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (name[0] == '\0')
    {
      set_error_message (self, _("Enter your account name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (password[0] == '\0')
    {
      set_error_message (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  set_error_message (self, NULL);
  set_busy (self, TRUE);

  ld_vault_unlock_async (self->vault,
                         name,
                         password,
                         self->cancellable,
                         unlock_cb,
                         g_object_ref (self));
}

static void
submit_create (LdUnlockWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->create_name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->create_password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->create_confirm_row));
  g_autoptr(GError) error = NULL;
  LdKdfProfile profile;
  LdPolicy policy;

  ld_widget_set_error (GTK_WIDGET (self->create_name_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->create_password_row), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->create_confirm_row), FALSE);

  if (!ld_account_name_check (name, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->create_name_row), TRUE);
      set_error_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->create_name_row));
      return;
    }

  ld_policy_init_defaults (&policy);
  if (!ld_password_check (&policy, name, password, &error))
    {
      ld_widget_set_error (GTK_WIDGET (self->create_password_row), TRUE);
      set_error_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->create_password_row));
      return;
    }

  if (g_strcmp0 (password, confirm) != 0)
    {
      ld_widget_set_error (GTK_WIDGET (self->create_confirm_row), TRUE);
      set_error_message (self, _("The two passwords are not the same. Type the password again in both fields."));
      gtk_widget_grab_focus (GTK_WIDGET (self->create_confirm_row));
      return;
    }

  switch (adw_combo_row_get_selected (self->kdf_row))
    {
    case 0:
      profile = LD_KDF_INTERACTIVE;
      break;

    case 2:
      profile = LD_KDF_SENSITIVE;
      break;

    case 1:
    default:
      profile = LD_KDF_MODERATE;
      break;
    }

  set_error_message (self, NULL);
  set_busy (self, TRUE);

  ld_vault_create_async (self->vault,
                         name,
                         password,
                         profile,
                         self->cancellable,
                         create_cb,
                         g_object_ref (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdUnlockWindow *self = LD_UNLOCK_WINDOW (widget);

  if (self->busy)
    return;

  if (self->create_mode)
    submit_create (self);
  else
    submit_unlock (self);
}

/* GtkWindow:application is not a construct property, so the window is set
 * up once it is known, from ld_unlock_window_new(). */
static void
ld_unlock_window_setup (LdUnlockWindow *self)
{
  GtkApplication *app;
  g_autofree char *intro = NULL;
  g_autofree char *location = NULL;
  g_autofree char *hint = NULL;
  const char *dir;

  app = gtk_window_get_application (GTK_WINDOW (self));
  g_return_if_fail (LD_IS_APPLICATION (app));

  self->vault = g_object_ref (ld_application_get_vault (LD_APPLICATION (app)));
  dir = ld_vault_get_dir (self->vault);

  /* Translators: %s is a folder. */
  location = g_strdup_printf (_("Vault: %s"), dir);
  gtk_label_set_label (self->unlock_location_label, location);

  /* Translators: %s is a folder. */
  intro = g_strdup_printf (_("There is no vault in %s yet. Create it now: every record will be kept there, encrypted. You will be its system administrator."),
                           dir);
  gtk_label_set_label (self->create_intro_label, intro);

  hint = ld_policy_describe (NULL);
  gtk_label_set_label (self->create_hint_label, hint);

  if (ld_application_get_settings (LD_APPLICATION (app)) != NULL)
    {
      g_autofree char *last = g_settings_get_string (ld_application_get_settings (LD_APPLICATION (app)),
                                                     "last-account");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), last);
    }

  set_mode (self, !ld_vault_dir_is_vault (dir));

  if (self->create_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->create_name_row));
  else if (gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
ld_unlock_window_dispose (GObject *object)
{
  LdUnlockWindow *self = (LdUnlockWindow *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->password_dialog != NULL)
    g_signal_handlers_disconnect_by_func (self->password_dialog,
                                          on_password_dialog_finished_cb,
                                          self);
  g_clear_weak_pointer (&self->password_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_UNLOCK_WINDOW);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_unlock_window_parent_class)->dispose (object);
}

static void
ld_unlock_window_finalize (GObject *object)
{
  LdUnlockWindow *self = (LdUnlockWindow *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_unlock_window_parent_class)->finalize (object);
}

static void
ld_unlock_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LdUnlockWindow *self = LD_UNLOCK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, ld_unlock_window_get_mode (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, ld_unlock_window_get_busy (self));
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, ld_unlock_window_get_error_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_unlock_window_class_init (LdUnlockWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_unlock_window_dispose;
  object_class->finalize = ld_unlock_window_finalize;
  object_class->get_property = ld_unlock_window_get_property;

  properties [PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL,
                         "unlock",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-unlock-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, unlock_location_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, unlock_error_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_intro_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_name_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_password_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_hint_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, kdf_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_error_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, LdUnlockWindow, create_spinner);

  gtk_widget_class_install_action (widget_class, "unlock.submit", NULL, submit_action);
}

static void
ld_unlock_window_init (LdUnlockWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdUnlockWindow *
ld_unlock_window_new (LdApplication *application)
{
  LdUnlockWindow *self;

  g_return_val_if_fail (LD_IS_APPLICATION (application), NULL);

  self = g_object_new (LD_TYPE_UNLOCK_WINDOW,
                       "application", application,
                       NULL);
  ld_unlock_window_setup (self);

  return self;
}

const char *
ld_unlock_window_get_mode (LdUnlockWindow *self)
{
  g_return_val_if_fail (LD_IS_UNLOCK_WINDOW (self), NULL);

  return self->create_mode ? "create" : "unlock";
}

gboolean
ld_unlock_window_get_busy (LdUnlockWindow *self)
{
  g_return_val_if_fail (LD_IS_UNLOCK_WINDOW (self), FALSE);

  return self->busy;
}

const char *
ld_unlock_window_get_error_message (LdUnlockWindow *self)
{
  g_return_val_if_fail (LD_IS_UNLOCK_WINDOW (self), NULL);

  return self->error_message;
}

void
_ld_unlock_window_fill (LdUnlockWindow *self,
                        const char     *name,
                        const char     *password,
                        const char     *confirm,
                        LdKdfProfile    profile)
{
  g_return_if_fail (LD_IS_UNLOCK_WINDOW (self));

  if (self->create_mode)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->create_name_row), name ? name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->create_password_row), password ? password : "");
      gtk_editable_set_text (GTK_EDITABLE (self->create_confirm_row), confirm ? confirm : "");
      adw_combo_row_set_selected (self->kdf_row,
                                  profile == LD_KDF_INTERACTIVE ? 0 :
                                  profile == LD_KDF_SENSITIVE ? 2 : 1);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
    }
}

const char *
_ld_unlock_window_get_password (LdUnlockWindow *self)
{
  g_return_val_if_fail (LD_IS_UNLOCK_WINDOW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->create_mode ? self->create_password_row
                                                                : self->password_row));
}

GtkWindow *
_ld_unlock_window_get_password_dialog (LdUnlockWindow *self)
{
  g_return_val_if_fail (LD_IS_UNLOCK_WINDOW (self), NULL);

  return self->password_dialog;
}
