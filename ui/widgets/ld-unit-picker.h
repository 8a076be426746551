/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LD_TYPE_UNIT_PICKER (ld_unit_picker_get_type ())
G_DECLARE_FINAL_TYPE (LdUnitPicker, ld_unit_picker, LD, UNIT_PICKER, AdwBin)

/* A drop-down of units in tree order (indented by depth), searchable,
 * with an optional first entry standing for "no unit" (id 0: "Top of the
 * tree", "All units"). Property "selected-id" (int64): the chosen unit,
 * 0 for that first entry, -1 when nothing is chosen. */
LdUnitPicker *ld_unit_picker_new             (void);
/* units: LdUnit* in tree order (ld_unit_repository_list()); retired units
 * are left out. none_label: the label of the id-0 entry, or NULL for none.
 * The units of the subtree of exclude_id (0 = none) are left out too. */
void          ld_unit_picker_set_units       (LdUnitPicker *self,
                                              GPtrArray    *units,
                                              const char   *none_label,
                                              gint64        exclude_id);
gint64        ld_unit_picker_get_selected_id (LdUnitPicker *self);
/* FALSE if id is not in the list. */
gboolean      ld_unit_picker_set_selected_id (LdUnitPicker *self,
                                              gint64        id);
guint         ld_unit_picker_get_n_items     (LdUnitPicker *self);

G_END_DECLS
