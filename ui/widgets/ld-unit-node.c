/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unit-node"

#include "config.h"

#include "ld-unit-node.h"

struct _LdUnitNode
{
  GObject     parent_instance;

  /* Owned References */
  LdUnit     *unit;
  GListStore *children;

  gint64      n_cadres;
};

G_DEFINE_FINAL_TYPE (LdUnitNode, ld_unit_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNIT,
  PROP_ID,
  PROP_N_CADRES,
  PROP_N_CADRES_LABEL,
  PROP_RETIRED,
  PROP_CHILDREN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ld_unit_node_dispose (GObject *object)
{
  LdUnitNode *self = (LdUnitNode *)object;

  g_clear_object (&self->unit);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (ld_unit_node_parent_class)->dispose (object);
}

static void
ld_unit_node_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LdUnitNode *self = LD_UNIT_NODE (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;

    case PROP_ID:
      g_value_set_int64 (value, ld_unit_node_get_id (self));
      break;

    case PROP_N_CADRES:
      g_value_set_int64 (value, self->n_cadres);
      break;

    case PROP_N_CADRES_LABEL:
      if (self->n_cadres < 0)
        g_value_set_string (value, "—");
      else
        g_value_take_string (value, g_strdup_printf ("%" G_GINT64_FORMAT, self->n_cadres));
      break;

    case PROP_RETIRED:
      g_value_set_boolean (value, ld_unit_node_get_retired (self));
      break;

    case PROP_CHILDREN:
      g_value_set_object (value, self->children);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_unit_node_class_init (LdUnitNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ld_unit_node_dispose;
  object_class->get_property = ld_unit_node_get_property;

  properties [PROP_UNIT] = g_param_spec_object ("unit", NULL, NULL, LD_TYPE_UNIT, flags);
  properties [PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_N_CADRES] = g_param_spec_int64 ("n-cadres", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_N_CADRES_LABEL] = g_param_spec_string ("n-cadres-label", NULL, NULL, NULL, flags);
  properties [PROP_RETIRED] = g_param_spec_boolean ("retired", NULL, NULL, FALSE, flags);
  properties [PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_unit_node_init (LdUnitNode *self)
{
  self->children = g_list_store_new (LD_TYPE_UNIT_NODE);
  self->n_cadres = -1;
}

LdUnitNode *
ld_unit_node_new (LdUnit *unit,
                  gint64  n_cadres)
{
  LdUnitNode *self;

  g_return_val_if_fail (LD_IS_UNIT (unit), NULL);

  self = g_object_new (LD_TYPE_UNIT_NODE, NULL);
  self->unit = g_object_ref (unit);
  self->n_cadres = n_cadres;

  return self;
}

LdUnit *
ld_unit_node_get_unit (LdUnitNode *self)
{
  g_return_val_if_fail (LD_IS_UNIT_NODE (self), NULL);

  return self->unit;
}

gint64
ld_unit_node_get_id (LdUnitNode *self)
{
  g_return_val_if_fail (LD_IS_UNIT_NODE (self), 0);

  return self->unit != NULL ? ld_unit_get_id (self->unit) : 0;
}

gint64
ld_unit_node_get_n_cadres (LdUnitNode *self)
{
  g_return_val_if_fail (LD_IS_UNIT_NODE (self), -1);

  return self->n_cadres;
}

gboolean
ld_unit_node_get_retired (LdUnitNode *self)
{
  g_return_val_if_fail (LD_IS_UNIT_NODE (self), FALSE);

  return self->unit != NULL && ld_unit_get_retired_at (self->unit) != 0;
}

GListModel *
ld_unit_node_get_children (LdUnitNode *self)
{
  g_return_val_if_fail (LD_IS_UNIT_NODE (self), NULL);

  return G_LIST_MODEL (self->children);
}

void
ld_unit_node_append_child (LdUnitNode *self,
                           LdUnitNode *child)
{
  g_return_if_fail (LD_IS_UNIT_NODE (self));
  g_return_if_fail (LD_IS_UNIT_NODE (child));

  g_list_store_append (self->children, child);
}
