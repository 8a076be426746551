/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-page"

#include "config.h"

#include "ld-page.h"

typedef struct
{
  LdVault      *vault;
  GCancellable *cancellable;
  char         *title;
  char         *icon_name;
  gboolean      busy;
} LdPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LdPage, ld_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_ADD_TOAST,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
ld_page_real_refresh (LdPage *self)
{
}

static void
ld_page_dispose (GObject *object)
{
  LdPage *self = (LdPage *)object;
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);

  G_OBJECT_CLASS (ld_page_parent_class)->dispose (object);
}

static void
ld_page_finalize (GObject *object)
{
  LdPage *self = (LdPage *)object;
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->vault);
  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);

  G_OBJECT_CLASS (ld_page_parent_class)->finalize (object);
}

static void
ld_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LdPage *self = LD_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, ld_page_get_vault (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, ld_page_get_title (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, ld_page_get_icon_name (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, ld_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  LdPage *self = LD_PAGE (object);
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_VAULT:
      priv->vault = g_value_dup_object (value);
      break;

    case PROP_TITLE:
      ld_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      ld_page_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      ld_page_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_page_class_init (LdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ld_page_dispose;
  object_class->finalize = ld_page_finalize;
  object_class->get_property = ld_page_get_property;
  object_class->set_property = ld_page_set_property;

  klass->refresh = ld_page_real_refresh;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LdPage::add-toast:
   *
   * Asks the window to show a toast, without the page knowing the window.
   */
  signals [SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * LdPage::changed:
   *
   * Emitted after the page changed accounts or policy in the vault.
   */
  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ld_page_init (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

LdVault *
ld_page_get_vault (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_val_if_fail (LD_IS_PAGE (self), NULL);

  return priv->vault;
}

const char *
ld_page_get_title (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_val_if_fail (LD_IS_PAGE (self), NULL);

  return priv->title;
}

void
ld_page_set_title (LdPage     *self,
                   const char *title)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_if_fail (LD_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
ld_page_get_icon_name (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_val_if_fail (LD_IS_PAGE (self), NULL);

  return priv->icon_name;
}

void
ld_page_set_icon_name (LdPage     *self,
                       const char *icon_name)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_if_fail (LD_IS_PAGE (self));

  if (g_strcmp0 (priv->icon_name, icon_name) == 0)
    return;

  g_free (priv->icon_name);
  priv->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ICON_NAME]);
}

gboolean
ld_page_get_busy (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_val_if_fail (LD_IS_PAGE (self), FALSE);

  return priv->busy;
}

void
ld_page_set_busy (LdPage   *self,
                  gboolean  busy)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_if_fail (LD_IS_PAGE (self));

  busy = !!busy;

  if (priv->busy == busy)
    return;

  priv->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

GCancellable *
ld_page_get_cancellable (LdPage *self)
{
  LdPagePrivate *priv = ld_page_get_instance_private (self);

  g_return_val_if_fail (LD_IS_PAGE (self), NULL);

  return priv->cancellable;
}

void
ld_page_refresh (LdPage *self)
{
  g_return_if_fail (LD_IS_PAGE (self));

  LD_PAGE_GET_CLASS (self)->refresh (self);
}

void
ld_page_add_toast (LdPage   *self,
                   AdwToast *toast)
{
  g_return_if_fail (LD_IS_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals [SIGNAL_ADD_TOAST], 0, toast);
}

void
ld_page_show_toast (LdPage     *self,
                    const char *message)
{
  g_autoptr(AdwToast) toast = NULL;

  g_return_if_fail (LD_IS_PAGE (self));

  toast = adw_toast_new (message);
  ld_page_add_toast (self, toast);
}

void
ld_page_emit_changed (LdPage *self)
{
  g_return_if_fail (LD_IS_PAGE (self));

  g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
}
