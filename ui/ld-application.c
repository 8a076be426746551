/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-application-private.h"
#include "ld-window.h"
#include "dialogs/ld-unlock-window.h"
#include "ld-ui-utils.h"

G_DEFINE_FINAL_TYPE (LdApplication, ld_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_VAULT_DIR,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const GOptionEntry main_entries[] = {
  { "vault", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the vault in DIR instead of the default one"), N_("DIR") },
  { NULL }
};

static void show_unlock_window (LdApplication *self);

LdApplication *
ld_application_new (void)
{
  return g_object_new (LD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

static void
apply_color_scheme (LdApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (self->settings == NULL)
    return;

  scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  /* The development profile shares the stable schema. */
  if (schema == NULL && source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.liandang.Liandang", TRUE);

  if (schema == NULL)
    {
      g_message ("GSettings schema %s is not installed; window size and style will not be remembered",
                 APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_unlocked_cb (LdApplication  *self,
                LdUnlockWindow *unlock_window)
{
  const LdSession *session;
  GtkWindow *window;

  g_assert (LD_IS_APPLICATION (self));
  g_assert (LD_IS_UNLOCK_WINDOW (unlock_window));

  session = ld_vault_get_session (self->vault);
  g_return_if_fail (session != NULL);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-account", session->name);

  if (self->main_window == NULL)
    {
      window = GTK_WINDOW (ld_window_new (self));
      g_set_weak_pointer (&self->main_window, window);
    }

  gtk_window_present (self->main_window);

  if (self->unlock_window != NULL)
    {
      window = self->unlock_window;
      g_clear_weak_pointer (&self->unlock_window);
      gtk_window_destroy (window);
    }

  _ld_application_actions_update (self);
}

static void
show_unlock_window (LdApplication *self)
{
  GtkWindow *window;

  if (self->unlock_window == NULL)
    {
      window = GTK_WINDOW (ld_unlock_window_new (self));
      g_set_weak_pointer (&self->unlock_window, window);
      g_signal_connect_object (window,
                               "unlocked",
                               G_CALLBACK (on_unlocked_cb),
                               self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_present (self->unlock_window);
}

void
ld_application_lock (LdApplication *self,
                     const char    *reason)
{
  GtkWindow *window;

  g_return_if_fail (LD_IS_APPLICATION (self));

  if (self->main_window == NULL)
    return;

  g_debug ("Locking the vault (%s)", reason);

  /* Keep the application alive while no window is open. */
  g_application_hold (G_APPLICATION (self));

  /* First drop every view of the records: the window, its pages, their
   * models and the dialogs (destroy-with-parent). The pages cancel their
   * pending jobs in dispose. */
  if ((window = self->main_window) != NULL)
    {
      g_clear_weak_pointer (&self->main_window);
      gtk_window_destroy (window);
    }

  /* Then close the database and wipe the key on the worker that owns the
   * connection; an unlock typed meanwhile is queued behind it. */
  ld_vault_lock_async (self->vault, reason, NULL, NULL, NULL);

  show_unlock_window (self);

  g_application_release (G_APPLICATION (self));

  _ld_application_actions_update (self);
}

static void
on_screensaver_active_cb (LdApplication *self,
                          GParamSpec    *pspec,
                          GtkApplication *app)
{
  gboolean active = FALSE;

  g_object_get (app, "screensaver-active", &active, NULL);

  /* A locked session or a screensaver locks the vault too
   * (SECURITY.md §2.4, A22). */
  if (active && self->main_window != NULL)
    ld_application_lock (self, "session");
}

static int
ld_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  LdApplication *self = LD_APPLICATION (application);
  const char *dir = NULL;

  if (g_variant_dict_lookup (options, "vault", "^&ay", &dir) && dir != NULL && dir[0] != '\0')
    {
      g_free (self->vault_dir);
      self->vault_dir = g_canonicalize_filename (dir, NULL);
    }

  return G_APPLICATION_CLASS (ld_application_parent_class)->handle_local_options (application, options);
}

static void
ld_application_startup (GApplication *application)
{
  LdApplication *self = LD_APPLICATION (application);

  G_APPLICATION_CLASS (ld_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = load_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings,
                               "changed::color-scheme",
                               G_CALLBACK (apply_color_scheme),
                               self,
                               G_CONNECT_SWAPPED);
      apply_color_scheme (self);
    }

  if (self->vault_dir == NULL)
    self->vault_dir = ld_vault_default_dir ();

  self->vault = ld_vault_new (self->vault_dir);

  g_signal_connect_object (self,
                           "notify::screensaver-active",
                           G_CALLBACK (on_screensaver_active_cb),
                           self,
                           G_CONNECT_SWAPPED);

  _ld_application_actions_init (self);
  _ld_application_actions_update (self);
}

static void
ld_application_activate (GApplication *application)
{
  LdApplication *self = LD_APPLICATION (application);

  if (self->main_window != NULL)
    gtk_window_present (self->main_window);
  else
    show_unlock_window (self);
}

static void
ld_application_shutdown (GApplication *application)
{
  LdApplication *self = LD_APPLICATION (application);
  GtkWindow *window;

  if ((window = self->main_window) != NULL)
    {
      g_clear_weak_pointer (&self->main_window);
      gtk_window_destroy (window);
    }

  if ((window = self->unlock_window) != NULL)
    {
      g_clear_weak_pointer (&self->unlock_window);
      gtk_window_destroy (window);
    }

  /* Also when the unlock window is open: the vault may be open during a
   * forced password change. Locking a locked vault does nothing. */
  if (self->vault != NULL)
    ld_vault_lock_sync (self->vault, "exit");

  G_APPLICATION_CLASS (ld_application_parent_class)->shutdown (application);
}

static void
ld_application_dispose (GObject *object)
{
  LdApplication *self = (LdApplication *)object;

  g_clear_weak_pointer (&self->main_window);
  g_clear_weak_pointer (&self->unlock_window);

  /* Without a run (tests), shutdown never ran: lock here. */
  if (self->vault != NULL && ld_vault_is_open (self->vault))
    ld_vault_lock_sync (self->vault, "exit");

  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ld_application_parent_class)->dispose (object);
}

static void
ld_application_finalize (GObject *object)
{
  LdApplication *self = (LdApplication *)object;

  g_clear_pointer (&self->vault_dir, g_free);

  G_OBJECT_CLASS (ld_application_parent_class)->finalize (object);
}

static void
ld_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdApplication *self = LD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      g_value_set_string (value, ld_application_get_vault_dir (self));
      break;

    case PROP_VAULT:
      g_value_set_object (value, ld_application_get_vault (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdApplication *self = LD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      /* Only meaningful before startup, which opens the vault object. */
      g_free (self->vault_dir);
      self->vault_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_application_class_init (LdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ld_application_dispose;
  object_class->finalize = ld_application_finalize;
  object_class->get_property = ld_application_get_property;
  object_class->set_property = ld_application_set_property;

  app_class->handle_local_options = ld_application_handle_local_options;
  app_class->startup = ld_application_startup;
  app_class->activate = ld_application_activate;
  app_class->shutdown = ld_application_shutdown;

  properties [PROP_VAULT_DIR] =
    g_param_spec_string ("vault-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_application_init (LdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Case and integrity-file manager for discipline inspection"));

  /* Needed for GtkApplication:screensaver-active on GTK 4.8. */
  g_object_set (self, "register-session", TRUE, NULL);
}

LdVault *
ld_application_get_vault (LdApplication *self)
{
  g_return_val_if_fail (LD_IS_APPLICATION (self), NULL);

  return self->vault;
}

const char *
ld_application_get_vault_dir (LdApplication *self)
{
  g_return_val_if_fail (LD_IS_APPLICATION (self), NULL);

  return self->vault_dir;
}

GSettings *
ld_application_get_settings (LdApplication *self)
{
  g_return_val_if_fail (LD_IS_APPLICATION (self), NULL);

  return self->settings;
}

GtkWindow *
ld_application_get_main_window (LdApplication *self)
{
  g_return_val_if_fail (LD_IS_APPLICATION (self), NULL);

  return self->main_window;
}

GtkWindow *
ld_application_get_unlock_window (LdApplication *self)
{
  g_return_val_if_fail (LD_IS_APPLICATION (self), NULL);

  return self->unlock_window;
}
