/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "exchange/ld-ledger-import.h"
#include "exchange/ld-roster-parser.h"

G_BEGIN_DECLS

/* What the talk, petition and measure imports share (private): the active
 * units and cadres of the account's scope, matching a person of a row to
 * them by ID number or by name and unit, the row problems and the
 * remembered mappings. */

typedef struct
{
  gint64  id;
  char   *name;
  char   *id_number;
  gint64  unit_id;
} LdImportCadre;

typedef struct
{
  gint64  id;
  char   *name;
  char   *short_name;
} LdImportUnit;

typedef struct
{
  GHashTable *units;        /* gint64 * → LdImportUnit * */
  GPtrArray  *cadres;       /* LdImportCadre * (owns) */
  GHashTable *by_id_number; /* id number → LdImportCadre * */
  GHashTable *by_name;      /* name → GPtrArray of LdImportCadre * */
} LdImportScope;

gboolean       ld_import_scope_load          (LdImportScope  *scope,
                                              LdVault        *vault,
                                              GError        **error);
void           ld_import_scope_clear         (LdImportScope  *scope);
LdImportUnit  *ld_import_scope_lookup_unit   (LdImportScope  *scope,
                                              gint64          id);
char          *ld_import_scope_cadre_display (LdImportScope  *scope,
                                              LdImportCadre  *cadre);
GPtrArray     *ld_import_scope_match_name    (LdImportScope  *scope,
                                              const char     *name,
                                              const char     *unit_text);
gboolean       ld_import_unit_matches        (LdImportUnit   *unit,
                                              const char     *text);

gboolean       ld_import_add_problem         (GPtrArray        *problems,
                                              guint             row_number,
                                              int               field,
                                              LdRosterSeverity  severity,
                                              char             *message);
void           ld_import_problem_free        (LdLedgerProblem *problem);

gboolean       ld_import_load_setting        (LdVault     *vault,
                                              const char  *key,
                                              char       **text,
                                              GError     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdImportScope, ld_import_scope_clear)

G_END_DECLS
