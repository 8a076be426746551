/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-account-dialog"

#include "config.h"

#include "ld-account-dialog.h"

typedef struct
{
  /* Owned References */
  LdVault      *vault;
  GCancellable *cancellable;
  char         *account;
  char         *error_message;

  /* Template widgets of the subclass, referenced until dispose */
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
  GPtrArray    *inputs;

  guint         busy : 1;
} LdAccountDialogPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LdAccountDialog, ld_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The name of the submit action of each subclass, on its GType. */
static GQuark submit_action_quark;

static void
update_state (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);
  gboolean has_error = priv->error_message != NULL;
  const char *submit_action;

  if (priv->error_label != NULL)
    {
      gtk_label_set_label (priv->error_label, has_error ? priv->error_message : "");
      gtk_widget_set_visible (GTK_WIDGET (priv->error_label), has_error);
    }

  if (priv->spinner != NULL)
    {
      gtk_spinner_set_spinning (priv->spinner, priv->busy);
      gtk_widget_set_visible (GTK_WIDGET (priv->spinner), priv->busy);
    }

  for (guint i = 0; i < priv->inputs->len; i++)
    ld_widget_set_sensitive (g_ptr_array_index (priv->inputs, i), !priv->busy);

  submit_action = g_type_get_qdata (G_OBJECT_TYPE (self), submit_action_quark);
  if (submit_action != NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), submit_action, !priv->busy);
}

static gboolean
ld_account_dialog_close_request (GtkWindow *window)
{
  LdAccountDialog *self = LD_ACCOUNT_DIALOG (window);
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  /* The job is being written; let it finish. */
  if (priv->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_account_dialog_parent_class)->close_request (window);
}

static void
ld_account_dialog_constructed (GObject *object)
{
  LdAccountDialog *self = (LdAccountDialog *)object;

  G_OBJECT_CLASS (ld_account_dialog_parent_class)->constructed (object);

  update_state (self);
}

static void
ld_account_dialog_dispose (GObject *object)
{
  LdAccountDialog *self = (LdAccountDialog *)object;
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);

  g_clear_object (&priv->error_label);
  g_clear_object (&priv->spinner);
  g_ptr_array_set_size (priv->inputs, 0);
  g_clear_object (&priv->vault);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (ld_account_dialog_parent_class)->dispose (object);
}

static void
ld_account_dialog_finalize (GObject *object)
{
  LdAccountDialog *self = (LdAccountDialog *)object;
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_clear_pointer (&priv->inputs, g_ptr_array_unref);
  g_clear_pointer (&priv->account, g_free);
  g_clear_pointer (&priv->error_message, g_free);

  G_OBJECT_CLASS (ld_account_dialog_parent_class)->finalize (object);
}

static void
ld_account_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LdAccountDialog *self = LD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, ld_account_dialog_get_vault (self));
      break;

    case PROP_ACCOUNT:
      g_value_set_string (value, ld_account_dialog_get_account (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, ld_account_dialog_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_account_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LdAccountDialog *self = LD_ACCOUNT_DIALOG (object);
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VAULT:
      priv->vault = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      priv->account = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_account_dialog_class_init (LdAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ld_account_dialog_constructed;
  object_class->dispose = ld_account_dialog_dispose;
  object_class->finalize = ld_account_dialog_finalize;
  object_class->get_property = ld_account_dialog_get_property;
  object_class->set_property = ld_account_dialog_set_property;

  window_class->close_request = ld_account_dialog_close_request;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The account the dialog acts on, or NULL (a new account). */
  properties [PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LdAccountDialog::done:
   *
   * Emitted with a confirmation to show after the job succeeded, before the
   * dialog closes itself.
   */
  signals [SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  submit_action_quark = g_quark_from_static_string ("ld-account-dialog-submit-action");
}

static void
ld_account_dialog_init (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->inputs = g_ptr_array_new_with_free_func (g_object_unref);
}

void
ld_account_dialog_class_install_submit_action (LdAccountDialogClass        *klass,
                                               const char                  *action_name,
                                               GtkWidgetActionActivateFunc  activate)
{
  g_return_if_fail (LD_IS_ACCOUNT_DIALOG_CLASS (klass));
  g_return_if_fail (action_name != NULL);
  g_return_if_fail (activate != NULL);

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), action_name, NULL, activate);
  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), submit_action_quark,
                    (gpointer) g_intern_string (action_name));
}

void
ld_account_dialog_set_feedback (LdAccountDialog *self,
                                GtkLabel        *error_label,
                                GtkSpinner      *spinner)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (GTK_IS_LABEL (error_label));
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  g_set_object (&priv->error_label, error_label);
  g_set_object (&priv->spinner, spinner);
}

void
ld_account_dialog_add_input (LdAccountDialog *self,
                             GtkWidget       *input)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (input));

  g_ptr_array_add (priv->inputs, g_object_ref (input));
}

LdVault *
ld_account_dialog_get_vault (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_val_if_fail (LD_IS_ACCOUNT_DIALOG (self), NULL);

  return priv->vault;
}

const char *
ld_account_dialog_get_account (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_val_if_fail (LD_IS_ACCOUNT_DIALOG (self), NULL);

  return priv->account;
}

GCancellable *
ld_account_dialog_get_cancellable (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_val_if_fail (LD_IS_ACCOUNT_DIALOG (self), NULL);

  return priv->cancellable;
}

gboolean
ld_account_dialog_get_busy (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_val_if_fail (LD_IS_ACCOUNT_DIALOG (self), FALSE);

  return priv->busy;
}

void
ld_account_dialog_set_busy (LdAccountDialog *self,
                            gboolean         busy)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));

  busy = !!busy;

  if (priv->busy == busy)
    return;

  priv->busy = busy;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

const char *
ld_account_dialog_get_error_message (LdAccountDialog *self)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_val_if_fail (LD_IS_ACCOUNT_DIALOG (self), NULL);

  return priv->error_message;
}

void
ld_account_dialog_show_error (LdAccountDialog *self,
                              const char      *message)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));

  g_free (priv->error_message);
  priv->error_message = g_strdup (message);
  update_state (self);
}

void
ld_account_dialog_run (LdAccountDialog     *self,
                       LdVaultWorkFunc      func,
                       LdAccountJob        *job,
                       GDestroyNotify       result_free,
                       GAsyncReadyCallback  callback)
{
  LdAccountDialogPrivate *priv = ld_account_dialog_get_instance_private (self);

  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (job != NULL);

  ld_account_dialog_set_busy (self, TRUE);
  ld_account_dialog_show_error (self, NULL);

  ld_vault_run_async (priv->vault,
                      func,
                      job,
                      (GDestroyNotify) ld_account_job_free,
                      result_free,
                      priv->cancellable,
                      callback,
                      g_object_ref (self));
}

void
ld_account_dialog_emit_done (LdAccountDialog *self,
                             const char      *message)
{
  g_return_if_fail (LD_IS_ACCOUNT_DIALOG (self));

  g_signal_emit (self, signals [SIGNAL_DONE], 0, message);
}
