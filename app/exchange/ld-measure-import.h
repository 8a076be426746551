/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "exchange/ld-ledger-import.h"
#include "exchange/ld-roster-parser.h"
#include "exchange/ld-table-reader.h"

G_BEGIN_DECLS

/* Importing an office's historical sanctions ledger (处分处理台账) into the
 * measures register, like the talk and petition ledgers: a plan (read the
 * file, detect or apply the mapping, check every row, match the persons
 * to cadres in scope — writes nothing) and a commit (everything in one
 * transaction, or nothing). Used by `liandang-cli import measures` and
 * the import dialog.
 *
 * Each row is one measure of one cadre on file in the account's scope,
 * matched by ID number, else by name and unit name; a person not found or
 * named ambiguously is a row error. The measure (处分/处理种类) is matched
 * with ld_measure_code_lookup(), helped by the 类别 column (党纪处分,
 * 政务处分, 组织处理 …) or by the text itself (党内警告, 政务警告); a plain
 * 警告 with neither is a row error. A measure already on file (the same
 * cadre, measure and decision date) is a row error, so that importing a
 * ledger again after it grew (with skip_invalid) adds only its new rows.
 * A lifting date (解除日期) adds a "lift" event to the imported measure. */

#define LD_AUDIT_IMPORT_MEASURES "import.measures"
/* The version event of each imported measure. */
#define LD_AUDIT_MEASURE_IMPORTED "measure.imported"
/* The settings key of the remembered mapping. */
#define LD_MEASURE_IMPORT_MAPPING_SETTING "import.measures.mapping"

/* The columns of a sanctions ledger. Codes are stable (stored in the
 * remembered mapping). */
typedef enum
{
  LD_MEASURE_COL_NAME = 0,        /* "name"           姓名 */
  LD_MEASURE_COL_ID_NUMBER,       /* "id-number"      身份证号 */
  LD_MEASURE_COL_UNIT,            /* "unit"           单位 */
  LD_MEASURE_COL_POST,            /* "post"           职务 (shown, not imported) */
  LD_MEASURE_COL_CATEGORY,        /* "category"       类别 (党纪处分 / 政务处分 / 组织处理 …) */
  LD_MEASURE_COL_CODE,            /* "code"           处分/处理种类 */
  LD_MEASURE_COL_DECISION_DATE,   /* "decision-date"  决定日期 */
  LD_MEASURE_COL_EFFECTIVE_DATE,  /* "effective-date" 批准日期 / 生效日期 (default: the decision date) */
  LD_MEASURE_COL_AUTHORITY,       /* "authority"      决定机关 */
  LD_MEASURE_COL_DOC_NO,          /* "doc-no"         文号 */
  LD_MEASURE_COL_VIOLATIONS,      /* "violations"     违纪类型 (problem categories) */
  LD_MEASURE_COL_FACTS,           /* "facts"          主要事实 */
  LD_MEASURE_COL_ACCOUNTABILITY,  /* "accountability" 问责 (是/否) */
  LD_MEASURE_COL_LIFT_DATE,       /* "lift-date"      解除日期 (a lift event) */
  LD_MEASURE_COL_REMARKS,         /* "remarks"        备注 (added to the facts) */
  LD_MEASURE_N_COLUMNS
} LdMeasureColumn;

/* Fields are ints: an LdMeasureColumn, -1 = none. */
guint        ld_measure_import_n_fields          (void);
const char  *ld_measure_import_field_get_code    (int          field);
/* -1 for an unknown code. */
int          ld_measure_import_field_from_code   (const char  *code);
/* Translated label for menus and messages. */
const char  *ld_measure_import_field_get_label   (int          field);
/* The field a column header names (tolerant of spaces, full-width
 * characters, "*" marks and notes in parentheses), or -1. */
int          ld_measure_import_field_from_header (const char  *header);

/* ---- Column mapping ------------------------------------------------------- */

typedef struct _LdMeasureImportMapping LdMeasureImportMapping;

/* Finds the header row (among the first 30 rows, the one with the most
 * recognised headers, at least two) and maps it. LD_ERROR_INVALID when
 * there is none. */
LdMeasureImportMapping *ld_measure_import_detect              (const LdTable                *table,
                                                               GError                      **error);
LdMeasureImportMapping *ld_measure_import_mapping_new         (const LdTable                *table,
                                                               guint                         header_row);
LdMeasureImportMapping *ld_measure_import_mapping_copy        (const LdMeasureImportMapping *mapping);
void                    ld_measure_import_mapping_free        (LdMeasureImportMapping       *mapping);
/* Table row index and file row number of the header row. */
guint                   ld_measure_import_mapping_get_header_row        (const LdMeasureImportMapping *mapping);
guint                   ld_measure_import_mapping_get_header_row_number (const LdMeasureImportMapping *mapping);
guint                   ld_measure_import_mapping_get_n_columns (const LdMeasureImportMapping *mapping);
const char             *ld_measure_import_mapping_get_header  (const LdMeasureImportMapping *mapping,
                                                               guint                         column);
int                     ld_measure_import_mapping_get_field   (const LdMeasureImportMapping *mapping,
                                                               guint                         column);
int                     ld_measure_import_mapping_find_column (const LdMeasureImportMapping *mapping,
                                                               int                           field);
/* Maps COLUMN to FIELD (-1 = ignore); a field maps to one column only. */
void                    ld_measure_import_mapping_set         (LdMeasureImportMapping       *mapping,
                                                               guint                         column,
                                                               int                           field);
/* Maps the column whose header is HEADER (compared like the aliases), or
 * the column "C" / "3" (letters or 1-based number), to the field of
 * FIELD_CODE ("-" or "none" = ignore it): the command line's
 * --mapping HEADER=FIELD. LD_ERROR_INVALID naming what is unknown. */
gboolean                ld_measure_import_mapping_set_by_text (LdMeasureImportMapping       *mapping,
                                                               const char                   *column,
                                                               const char                   *field_code,
                                                               GError                      **error);
/* "<column> <field-code> <header>" per mapped column, and back. */
char                   *ld_measure_import_mapping_to_string   (const LdMeasureImportMapping *mapping);
LdMeasureImportMapping *ld_measure_import_mapping_from_string (const char                   *text,
                                                               GError                      **error);
/* Gives every column whose header equals a remembered column's header the
 * remembered field. Returns how many columns changed. */
guint                   ld_measure_import_mapping_apply       (LdMeasureImportMapping       *mapping,
                                                               const LdMeasureImportMapping *remembered);

/* ---- Plan and commit ------------------------------------------------------ */

typedef struct _LdMeasureImportPlan LdMeasureImportPlan;

/* Called on the vault's worker after the mapping is detected (or copied
 * from options->mapping) and before the rows are checked: the command
 * line's --mapping corrections. Returning FALSE (with error) stops the
 * plan. */
typedef gboolean (*LdMeasureImportAdjust) (LdMeasureImportMapping  *mapping,
                                           gpointer                 user_data,
                                           GError                 **error);

typedef struct
{
  gboolean                      skip_invalid;  /* import the valid rows only */
  const LdMeasureImportMapping *mapping;       /* NULL = detect, then apply the remembered one */
  LdMeasureImportAdjust         adjust;        /* may be NULL */
  gpointer                      adjust_data;
} LdMeasureImportOptions;

/* Reads and plans. Needs LD_ACTION_RECORD_WRITE. Fails (LD_ERROR_INVALID)
 * only when the file cannot be read or has no header row; row problems
 * are in the plan. Runs on the vault's worker. */
LdMeasureImportPlan *ld_measure_import_plan_new     (LdVault                       *vault,
                                                     const char                    *path,
                                                     const LdMeasureImportOptions  *options,
                                                     GCancellable                  *cancellable,
                                                     GError                       **error);
void             ld_measure_import_plan_free        (LdMeasureImportPlan *plan);
const char      *ld_measure_import_plan_get_path    (LdMeasureImportPlan *plan);
const char      *ld_measure_import_plan_get_sha256  (LdMeasureImportPlan *plan);
const LdMeasureImportMapping *ld_measure_import_plan_get_mapping (LdMeasureImportPlan *plan);
const LdTable   *ld_measure_import_plan_get_table   (LdMeasureImportPlan *plan);
/* LdLedgerRow* (cells per LdMeasureColumn; persons: "张三（县财政局）"), in
 * file order. */
GPtrArray       *ld_measure_import_plan_get_rows    (LdMeasureImportPlan *plan);
/* LdLedgerProblem* (field: an LdMeasureColumn or -1), ordered by row. */
GPtrArray       *ld_measure_import_plan_get_problems (LdMeasureImportPlan *plan);
/* Valid and invalid rows; the valid rows with a lifting date. */
void             ld_measure_import_plan_get_counts  (LdMeasureImportPlan *plan,
                                                     guint               *n_valid,
                                                     guint               *n_invalid);
guint            ld_measure_import_plan_get_n_lifted (LdMeasureImportPlan *plan);
gboolean         ld_measure_import_plan_can_commit  (LdMeasureImportPlan *plan);
/* Counts and every problem with its row number. Translated. */
char            *ld_measure_import_plan_format_report (LdMeasureImportPlan *plan);

/* Writes the valid rows in one transaction through the measure repository
 * (each measure, then its lift event), remembers the mapping and appends
 * one audit entry (LD_AUDIT_IMPORT_MEASURES) with the file name, SHA-256
 * and counts. Refuses (LD_ERROR_INVALID, nothing written) when the plan
 * cannot commit or the file changed since the plan. progress (may be
 * NULL) is called every 50 rows on the calling thread; cancelling, or any
 * failure, rolls everything back. */
gboolean         ld_measure_import_plan_commit      (LdVault             *vault,
                                                     LdMeasureImportPlan *plan,
                                                     void               (*progress) (guint    done,
                                                                                     guint    total,
                                                                                     gpointer user_data),
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     guint               *n_imported,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMeasureImportMapping, ld_measure_import_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMeasureImportPlan, ld_measure_import_plan_free)

G_END_DECLS
