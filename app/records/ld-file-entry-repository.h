/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-file-entry.h"

G_BEGIN_DECLS

/* Entries of file sections B … Z. Like the cadre repository: only cadres
 * in the session's scopes (others are "not found"), LD_ACTION_RECORD_READ
 * to read, LD_ACTION_RECORD_WRITE to change; each change is one
 * transaction with a version in the cadre's history (cadre_versions,
 * fields prefixed "<section>.<key>") and an audit entry; entries are never
 * deleted, they are retired with a reason. A retired cadre's file is
 * read-only. */

#define LD_AUDIT_ENTRY_CREATED "entry.created"
#define LD_AUDIT_ENTRY_UPDATED "entry.updated"
#define LD_AUDIT_ENTRY_RETIRED "entry.retired"

gboolean     ld_file_entry_repository_create  (LdVault               *vault,
                                               gint64                 cadre_id,
                                               const LdFileEntrySpec *spec,
                                               gint64                *out_id,
                                               GError               **error);
/* Replaces the entry's kind, date and values (the section cannot change). */
gboolean     ld_file_entry_repository_update  (LdVault               *vault,
                                               gint64                 entry_id,
                                               const LdFileEntrySpec *spec,
                                               GError               **error);
gboolean     ld_file_entry_repository_retire  (LdVault               *vault,
                                               gint64                 entry_id,
                                               const char            *reason,
                                               GError               **error);
LdFileEntry *ld_file_entry_repository_get     (LdVault               *vault,
                                               gint64                 entry_id,
                                               GError               **error);
/* The entries of a cadre (section NULL = every section), by section in
 * file order, then newest date first; retired ones only when asked.
 * LdFileEntry objects. */
GPtrArray   *ld_file_entry_repository_list    (LdVault               *vault,
                                               gint64                 cadre_id,
                                               const char            *section,
                                               gboolean               include_retired,
                                               GError               **error);

G_END_DECLS
