/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-unit.h"

G_BEGIN_DECLS

/* The unit tree. Reading needs LD_ACTION_RECORD_READ and shows the units
 * in the session's scopes (the security administrator, who grants scopes,
 * sees every unit). Changing needs LD_ACTION_RECORD_WRITE, and every unit
 * touched must be in the session's scopes; a unit at the top of the tree
 * needs the scope of every unit. Each change is one transaction with its
 * audit entry and changes nothing when it fails. Units are never deleted:
 * they are retired or merged. */

#define LD_AUDIT_UNIT_CREATED "unit.created"
#define LD_AUDIT_UNIT_CHANGED "unit.changed"
#define LD_AUDIT_UNIT_MOVED   "unit.moved"
#define LD_AUDIT_UNIT_MERGED  "unit.merged"
#define LD_AUDIT_UNIT_RETIRED "unit.retired"

typedef struct
{
  gint64      parent_id;        /* 0 = top of the tree */
  const char *name;
  const char *short_name;       /* NULL = "" */
  const char *kind;             /* ld_unit_kinds() or NULL */
  const char *supervisor_kind;  /* ld_unit_supervisor_kinds() or NULL */
  const char *supervisor_name;
} LdUnitSpec;

/* LdUnit objects in tree order (depth-first, siblings by name), each with
 * its depth; units whose parent is not visible are listed as tops. */
GPtrArray   *ld_unit_repository_list      (LdVault           *vault,
                                           gboolean           include_retired,
                                           GError           **error);
LdUnit      *ld_unit_repository_get       (LdVault           *vault,
                                           gint64             id,
                                           GError           **error);
gboolean     ld_unit_repository_create    (LdVault           *vault,
                                           const LdUnitSpec  *spec,
                                           gint64            *out_id,
                                           GError           **error);
/* Changes name, short name, kind and supervisor (spec->parent_id is
 * ignored: use move). */
gboolean     ld_unit_repository_update    (LdVault           *vault,
                                           gint64             id,
                                           const LdUnitSpec  *spec,
                                           GError           **error);
gboolean     ld_unit_repository_rename    (LdVault           *vault,
                                           gint64             id,
                                           const char        *name,
                                           GError           **error);
/* Refuses to move a unit below itself or one of its descendants. */
gboolean     ld_unit_repository_move      (LdVault           *vault,
                                           gint64             id,
                                           gint64             new_parent_id,
                                           GError           **error);
/* Moves the cadres and the child units of source into target, then marks
 * source retired and merged into target. Scopes granted on source stay
 * on it (they then cover nothing): the security administrator decides
 * who sees target. */
gboolean     ld_unit_repository_merge     (LdVault           *vault,
                                           gint64             source_id,
                                           gint64             target_id,
                                           GError           **error);
/* Refuses while active cadres or active child units remain. */
gboolean     ld_unit_repository_retire    (LdVault           *vault,
                                           gint64             id,
                                           const char        *reason,
                                           GError           **error);

G_END_DECLS
