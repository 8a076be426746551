/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TYPE_UNIT (ld_unit_get_type ())
G_DECLARE_FINAL_TYPE (LdUnit, ld_unit, LD, UNIT, GObject)

/* Kinds of unit (stored codes): "party-organ", "government-organ",
 * "public-institution", "soe", "township", "village" (village or
 * community). Supervisors: "same-level" (本级纪委) or "stationed" (派驻纪检组).
 * "" = not recorded. */
const char * const *ld_unit_kinds                  (void);
const char * const *ld_unit_supervisor_kinds       (void);
/* Translated labels ("" for ""; the code itself if unknown). */
const char  *ld_unit_kind_get_label                (const char *kind);
const char  *ld_unit_supervisor_kind_get_label     (const char *kind);

/* A unit of the tree. Read-only properties: "id" (int64), "parent-id"
 * (int64, 0 = a root), "name", "short-name", "kind", "kind-label",
 * "supervisor-kind", "supervisor-name", "retired-at" (int64 unix s, 0 =
 * active), "retired-reason", "merged-into" (int64, 0 = not merged),
 * "created-at", "updated-at", "depth" (int: 0 for a root as listed). */
LdUnit      *ld_unit_new                  (gint64      id,
                                           gint64      parent_id,
                                           const char *name,
                                           const char *short_name,
                                           const char *kind,
                                           const char *supervisor_kind,
                                           const char *supervisor_name,
                                           gint64      retired_at,
                                           const char *retired_reason,
                                           gint64      merged_into,
                                           gint64      created_at,
                                           gint64      updated_at);
gint64       ld_unit_get_id               (LdUnit     *self);
gint64       ld_unit_get_parent_id        (LdUnit     *self);
const char  *ld_unit_get_name             (LdUnit     *self);
const char  *ld_unit_get_short_name       (LdUnit     *self);
const char  *ld_unit_get_kind             (LdUnit     *self);
const char  *ld_unit_get_supervisor_kind  (LdUnit     *self);
const char  *ld_unit_get_supervisor_name  (LdUnit     *self);
gint64       ld_unit_get_retired_at       (LdUnit     *self);
const char  *ld_unit_get_retired_reason   (LdUnit     *self);
gint64       ld_unit_get_merged_into      (LdUnit     *self);
gint64       ld_unit_get_created_at       (LdUnit     *self);
gint64       ld_unit_get_updated_at       (LdUnit     *self);
int          ld_unit_get_depth            (LdUnit     *self);
void         _ld_unit_set_depth           (LdUnit     *self,
                                           int         depth);

G_END_DECLS
