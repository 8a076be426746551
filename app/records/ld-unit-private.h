/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "records/ld-unit-repository.h"

G_BEGIN_DECLS

/* ---- For other repositories (the importer) ------------------------------
 * Runs inside a transaction the caller opened with _ld_vault_begin() and
 * commits or rolls back; does not check permissions (the caller did).
 * Validates like ld_unit_repository_create() (name, kinds, a writable
 * parent in scope, no active sibling of the same name). Appends a
 * "unit.created" audit entry only when AUDIT (an import audits once for
 * the whole file). */
gboolean     _ld_unit_insert_in_tx     (LdVault           *vault,
                                        const LdUnitSpec  *spec,
                                        gboolean           audit,
                                        gint64            *out_id,
                                        GError           **error);

G_END_DECLS
