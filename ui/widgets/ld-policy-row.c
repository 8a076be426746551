/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-policy-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-policy-row.h"

#include "rules/ld-password-policy.h"

struct _LdPolicyRow
{
  AdwActionRow   parent_instance;

  /* Template Widgets */
  GtkSpinButton *spin_button;
  GtkAdjustment *adjustment;

  char          *key;
  int            loaded;
  guint          modified : 1;
};

G_DEFINE_FINAL_TYPE (LdPolicyRow, ld_policy_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_KEY,
  PROP_VALUE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
on_value_changed_cb (LdPolicyRow   *self,
                     GParamSpec    *pspec,
                     GtkSpinButton *spin_button)
{
  gboolean modified = ld_policy_row_get_value (self) != self->loaded;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE]);

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODIFIED]);
    }
}

static void
ld_policy_row_constructed (GObject *object)
{
  LdPolicyRow *self = (LdPolicyRow *)object;
  const char *label;
  int lower, upper;

  G_OBJECT_CLASS (ld_policy_row_parent_class)->constructed (object);

  label = ld_policy_key_get_label (self->key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label ? label : self->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label ? label : self->key,
                                  -1);

  /* The core validates again; this only keeps the spin button in range. */
  if (ld_policy_key_get_range (self->key, &lower, &upper))
    {
      gtk_adjustment_set_lower (self->adjustment, lower);
      gtk_adjustment_set_upper (self->adjustment, upper);
    }
  if (g_str_equal (self->key, "idle-lock-minutes"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("The idle lock cannot be turned off"));
}

static void
ld_policy_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_POLICY_ROW);

  G_OBJECT_CLASS (ld_policy_row_parent_class)->dispose (object);
}

static void
ld_policy_row_finalize (GObject *object)
{
  LdPolicyRow *self = (LdPolicyRow *)object;

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (ld_policy_row_parent_class)->finalize (object);
}

static void
ld_policy_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LdPolicyRow *self = LD_POLICY_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_VALUE:
      g_value_set_int (value, ld_policy_row_get_value (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_policy_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LdPolicyRow *self = LD_POLICY_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;

    case PROP_VALUE:
      ld_policy_row_set_value (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_policy_row_class_init (LdPolicyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_policy_row_constructed;
  object_class->dispose = ld_policy_row_dispose;
  object_class->finalize = ld_policy_row_finalize;
  object_class->get_property = ld_policy_row_get_property;
  object_class->set_property = ld_policy_row_set_property;

  properties [PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-policy-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LdPolicyRow, spin_button);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyRow, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
}

static void
ld_policy_row_init (LdPolicyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ld_policy_row_new (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_object_new (LD_TYPE_POLICY_ROW,
                       "key", key,
                       NULL);
}

const char *
ld_policy_row_get_key (LdPolicyRow *self)
{
  g_return_val_if_fail (LD_IS_POLICY_ROW (self), NULL);

  return self->key;
}

int
ld_policy_row_get_value (LdPolicyRow *self)
{
  g_return_val_if_fail (LD_IS_POLICY_ROW (self), 0);

  return gtk_spin_button_get_value_as_int (self->spin_button);
}

void
ld_policy_row_set_value (LdPolicyRow *self,
                         int          value)
{
  g_return_if_fail (LD_IS_POLICY_ROW (self));

  gtk_spin_button_set_value (self->spin_button, value);
}

void
ld_policy_row_load (LdPolicyRow *self,
                    int          value)
{
  g_return_if_fail (LD_IS_POLICY_ROW (self));

  self->loaded = value;
  ld_policy_row_set_value (self, value);
  on_value_changed_cb (self, NULL, self->spin_button);
}

gboolean
ld_policy_row_get_modified (LdPolicyRow *self)
{
  g_return_val_if_fail (LD_IS_POLICY_ROW (self), FALSE);

  return self->modified;
}
