/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "exchange/ld-roster-parser.h"

G_BEGIN_DECLS

/* Importing a cadre roster into the vault, in two steps: a plan (read the
 * file, detect or apply the mapping, parse, match units and existing
 * cadres — writes nothing) and a commit (everything in one transaction, or
 * nothing). Used by `liandang-cli import cadres` and the import dialog. */

#define LD_AUDIT_IMPORT_CADRES "import.cadres"
/* The settings key of the remembered mapping (ld_roster_mapping_to_string). */
#define LD_IMPORT_MAPPING_SETTING "import.cadres.mapping"

typedef enum
{
  LD_IMPORT_ROW_CREATE,     /* new cadre */
  LD_IMPORT_ROW_UPDATE,     /* an active cadre with this ID number exists: fields change */
  LD_IMPORT_ROW_UNCHANGED,  /* exists and nothing would change */
  LD_IMPORT_ROW_INVALID,    /* has errors: left out (only with skip_invalid), else blocks the import */
} LdImportRowAction;

typedef struct
{
  guint              row_number;   /* 1-based row in the file */
  LdImportRowAction  action;
  char              *name;
  char              *id_number;    /* normalised, or "" */
  char              *unit_path;    /* "县委 / 组织部", the unit it goes to ("" when invalid) */
  gint64             cadre_id;     /* UPDATE / UNCHANGED: the existing cadre */
  /* UPDATE: one line per changed field: "<translated field label>: <old> → <new>". */
  GPtrArray         *changes;      /* char* */
} LdImportRow;

typedef struct _LdImportPlan LdImportPlan;

typedef struct
{
  gint64       parent_unit_id;   /* units named in the file are matched / created under it;
                                  * rows without a unit go into it. 0 = the file must not name
                                  * new units and every row needs a known unit (matched
                                  * anywhere in scope by name, unique) */
  gboolean     skip_invalid;     /* leave invalid rows out instead of refusing the import */
  const LdRosterMapping *mapping; /* NULL = detect, then apply the remembered mapping */
} LdImportOptions;

/* Reads and plans. Needs LD_ACTION_RECORD_WRITE. Fails (LD_ERROR_INVALID)
 * only when the file cannot be read as a table or has no header row; row
 * problems are in the plan. Runs on the vault's worker (the UI calls it
 * through ld_vault_run_async). cancellable may be NULL. */
LdImportPlan      *ld_import_plan_new            (LdVault                *vault,
                                                  const char             *path,
                                                  const LdImportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
void               ld_import_plan_free           (LdImportPlan           *plan);

const char        *ld_import_plan_get_path       (LdImportPlan           *plan);
/* Hex SHA-256 of the file's bytes. */
const char        *ld_import_plan_get_sha256     (LdImportPlan           *plan);
const LdRosterMapping *ld_import_plan_get_mapping (LdImportPlan          *plan);
/* The table as read (for a mapping editor showing the first rows). */
const LdTable     *ld_import_plan_get_table      (LdImportPlan           *plan);
/* LdImportRow*, in file order (every data row, invalid ones included). */
GPtrArray         *ld_import_plan_get_rows       (LdImportPlan           *plan);
/* LdRosterProblem*, ordered by row (errors and warnings). */
GPtrArray         *ld_import_plan_get_problems   (LdImportPlan           *plan);
/* Paths ("县委 / 新设办公室") of the units the commit will create. */
GPtrArray         *ld_import_plan_get_new_units  (LdImportPlan           *plan);
void               ld_import_plan_get_counts     (LdImportPlan           *plan,
                                                  guint                  *n_create,
                                                  guint                  *n_update,
                                                  guint                  *n_unchanged,
                                                  guint                  *n_invalid);
/* Whether commit would go ahead: no invalid rows, or skip_invalid. */
gboolean           ld_import_plan_can_commit     (LdImportPlan           *plan);

/* The report printed by the CLI and shown by the dialog: counts, units to
 * create, every problem with its row number, every change. Translated. */
char              *ld_import_plan_format_report  (LdImportPlan           *plan);

/* Writes the plan: creates the new units, creates and updates the cadres
 * (versions with event "cadre.imported"), remembers the mapping, and
 * appends one LD_AUDIT_IMPORT_CADRES entry with the file name, SHA-256
 * and counts, all in one transaction. Refuses (LD_ERROR_INVALID, nothing
 * written) when the plan cannot commit, or when the file changed since the
 * plan (SHA-256). Any failure half-way rolls everything back. progress
 * (may be NULL) is called every 500 rows with (done, total) on the calling
 * thread; cancelling rolls back. */
typedef void (*LdImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);
gboolean           ld_import_plan_commit         (LdVault                *vault,
                                                  LdImportPlan           *plan,
                                                  LdImportProgressFunc    progress,
                                                  gpointer                progress_data,
                                                  GCancellable           *cancellable,
                                                  guint                  *n_created,
                                                  guint                  *n_updated,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdImportPlan, ld_import_plan_free)

G_END_DECLS
