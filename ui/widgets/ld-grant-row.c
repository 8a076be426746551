/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-grant-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-grant-row.h"

#include "rules/ld-permissions.h"

struct _LdGrantRow
{
  AdwActionRow  parent_instance;

  /* Template Widgets */
  GtkBox       *grants_box;
  GtkSwitch    *export_switch;
  GtkSwitch    *print_switch;
  GtkSwitch    *identity_switch;
  GtkLabel     *admin_label;
  GtkButton    *unlock_button;

  /* Owned References */
  LdUser       *user;
};

G_DEFINE_FINAL_TYPE (LdGrantRow, ld_grant_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_USER,
  N_PROPS
};

enum {
  SIGNAL_GRANT_CHANGED,
  SIGNAL_UNLOCK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
on_switch_active_cb (LdGrantRow *self,
                     GParamSpec *pspec,
                     GtkSwitch  *sw)
{
  LdGrant grant;

  if (sw == self->export_switch)
    grant = LD_GRANT_EXPORT;
  else if (sw == self->print_switch)
    grant = LD_GRANT_PRINT;
  else
    grant = LD_GRANT_REPORTER_IDENTITY;

  g_signal_emit (self, signals [SIGNAL_GRANT_CHANGED], 0, (guint) grant, gtk_switch_get_active (sw));
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals [SIGNAL_UNLOCK_REQUESTED], 0);
}

static void
ld_grant_row_constructed (GObject *object)
{
  LdGrantRow *self = (LdGrantRow *)object;
  g_autofree char *subtitle = NULL;
  gboolean business;
  LdGrant grants;

  G_OBJECT_CLASS (ld_grant_row_parent_class)->constructed (object);

  g_return_if_fail (LD_IS_USER (self->user));

  business = ld_role_is_business (ld_user_get_role (self->user));
  grants = ld_user_get_grants (self->user);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), ld_user_get_name (self->user));
  /* Translators: “role · status”, e.g. “Investigator · Locked”. */
  subtitle = g_strdup_printf (_("%s · %s"),
                              ld_role_get_label (ld_user_get_role (self->user)),
                              ld_user_get_locked (self->user) ? _("Locked after failed sign-ins")
                              : ld_user_get_disabled (self->user) ? _("Disabled")
                              : _("Active"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->grants_box), business);
  gtk_widget_set_visible (GTK_WIDGET (self->admin_label), !business);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), ld_user_get_locked (self->user));

  /* Set the current state before listening, so loading emits nothing. */
  gtk_switch_set_active (self->export_switch, (grants & LD_GRANT_EXPORT) != 0);
  gtk_switch_set_active (self->print_switch, (grants & LD_GRANT_PRINT) != 0);
  gtk_switch_set_active (self->identity_switch, (grants & LD_GRANT_REPORTER_IDENTITY) != 0);

  g_signal_connect_object (self->export_switch, "notify::active", G_CALLBACK (on_switch_active_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->print_switch, "notify::active", G_CALLBACK (on_switch_active_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->identity_switch, "notify::active", G_CALLBACK (on_switch_active_cb), self, G_CONNECT_SWAPPED);
}

static void
ld_grant_row_dispose (GObject *object)
{
  LdGrantRow *self = (LdGrantRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_GRANT_ROW);

  g_clear_object (&self->user);

  G_OBJECT_CLASS (ld_grant_row_parent_class)->dispose (object);
}

static void
ld_grant_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LdGrantRow *self = LD_GRANT_ROW (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_grant_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LdGrantRow *self = LD_GRANT_ROW (object);

  switch (prop_id)
    {
    case PROP_USER:
      self->user = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_grant_row_class_init (LdGrantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_grant_row_constructed;
  object_class->dispose = ld_grant_row_dispose;
  object_class->get_property = ld_grant_row_get_property;
  object_class->set_property = ld_grant_row_set_property;

  properties [PROP_USER] =
    g_param_spec_object ("user", NULL, NULL,
                         LD_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_GRANT_CHANGED] =
    g_signal_new ("grant-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  signals [SIGNAL_UNLOCK_REQUESTED] =
    g_signal_new ("unlock-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-grant-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, grants_box);
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, export_switch);
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, print_switch);
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, identity_switch);
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, admin_label);
  gtk_widget_class_bind_template_child (widget_class, LdGrantRow, unlock_button);

  gtk_widget_class_install_action (widget_class, "row.unlock", NULL, unlock_action);
}

static void
ld_grant_row_init (LdGrantRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ld_grant_row_new (LdUser *user)
{
  g_return_val_if_fail (LD_IS_USER (user), NULL);

  return g_object_new (LD_TYPE_GRANT_ROW,
                       "user", user,
                       NULL);
}

LdUser *
ld_grant_row_get_user (LdGrantRow *self)
{
  g_return_val_if_fail (LD_IS_GRANT_ROW (self), NULL);

  return self->user;
}

void
ld_grant_row_set_grant (LdGrantRow *self,
                        LdGrant     grant,
                        gboolean    granted)
{
  g_return_if_fail (LD_IS_GRANT_ROW (self));

  switch (grant)
    {
    case LD_GRANT_EXPORT:
      gtk_switch_set_active (self->export_switch, granted);
      break;

    case LD_GRANT_PRINT:
      gtk_switch_set_active (self->print_switch, granted);
      break;

    case LD_GRANT_REPORTER_IDENTITY:
      gtk_switch_set_active (self->identity_switch, granted);
      break;

    case LD_GRANT_NONE:
    default:
      break;
    }
}
