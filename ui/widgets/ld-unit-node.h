/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "records/ld-unit.h"

G_BEGIN_DECLS

#define LD_TYPE_UNIT_NODE (ld_unit_node_get_type ())
G_DECLARE_FINAL_TYPE (LdUnitNode, ld_unit_node, LD, UNIT_NODE, GObject)

/* One unit of the unit tree page: the unit, the number of its active
 * cadres (the unit and the units below it) and its child nodes, for a
 * GtkTreeListModel. Read-only properties: "unit" (LdUnit), "id" (int64),
 * "n-cadres" (int64, -1 = not counted), "n-cadres-label", "retired"
 * (bool), "children" (GListModel of LdUnitNode). */
LdUnitNode  *ld_unit_node_new              (LdUnit     *unit,
                                            gint64      n_cadres);
LdUnit      *ld_unit_node_get_unit         (LdUnitNode *self);
gint64       ld_unit_node_get_id           (LdUnitNode *self);
gint64       ld_unit_node_get_n_cadres     (LdUnitNode *self);
gboolean     ld_unit_node_get_retired      (LdUnitNode *self);
/* Never NULL; empty for a leaf. */
GListModel  *ld_unit_node_get_children     (LdUnitNode *self);
void         ld_unit_node_append_child     (LdUnitNode *self,
                                            LdUnitNode *child);

G_END_DECLS
