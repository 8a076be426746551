/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-preferences-window.h"

#include "rules/ld-password-policy.h"

struct _LdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template Widgets */
  AdwComboRow          *style_row;
  GtkLabel             *idle_label;

  /* Owned References */
  LdApplication        *application;
};

G_DEFINE_FINAL_TYPE (LdPreferencesWindow, ld_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (scheme, schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
selected_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (schemes[selected < G_N_ELEMENTS (schemes) ? selected : 0]);
}

static void
ld_preferences_window_constructed (GObject *object)
{
  LdPreferencesWindow *self = (LdPreferencesWindow *)object;
  GSettings *settings = NULL;
  const LdPolicy *policy = NULL;
  g_autofree char *idle = NULL;

  G_OBJECT_CLASS (ld_preferences_window_parent_class)->constructed (object);

  if (self->application != NULL)
    {
      LdVault *vault = ld_application_get_vault (self->application);

      settings = ld_application_get_settings (self->application);
      if (vault != NULL && ld_vault_is_open (vault))
        policy = ld_vault_get_policy (vault);
    }

  if (settings != NULL)
    g_settings_bind_with_mapping (settings, "color-scheme",
                                  self->style_row, "selected",
                                  G_SETTINGS_BIND_DEFAULT,
                                  scheme_to_selected,
                                  selected_to_scheme,
                                  NULL, NULL);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);

  if (policy != NULL)
    idle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d minute",
                                         "%d minutes",
                                         policy->idle_lock_minutes),
                            policy->idle_lock_minutes);
  else
    idle = g_strdup (_("Shown after unlocking"));

  gtk_label_set_label (self->idle_label, idle);
}

static void
ld_preferences_window_dispose (GObject *object)
{
  LdPreferencesWindow *self = (LdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->application);

  G_OBJECT_CLASS (ld_preferences_window_parent_class)->dispose (object);
}

static void
ld_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LdPreferencesWindow *self = LD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LdPreferencesWindow *self = LD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_preferences_window_class_init (LdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_preferences_window_constructed;
  object_class->dispose = ld_preferences_window_dispose;
  object_class->get_property = ld_preferences_window_get_property;
  object_class->set_property = ld_preferences_window_set_property;

  /* Not GtkWindow:application: a dialog does not keep the app running. */
  properties [PROP_APPLICATION] =
    g_param_spec_object ("ld-application", NULL, NULL,
                         LD_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LdPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, LdPreferencesWindow, idle_label);
}

static void
ld_preferences_window_init (LdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdPreferencesWindow *
ld_preferences_window_new (LdApplication *application)
{
  return g_object_new (LD_TYPE_PREFERENCES_WINDOW,
                       "ld-application", application,
                       NULL);
}
