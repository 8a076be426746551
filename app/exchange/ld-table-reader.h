/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Caps applied while reading (SECURITY.md §4.4). Exceeding one rejects the
 * whole file with LD_ERROR_INVALID and a message that says which cap. */
#define LD_TABLE_MAX_FILE_SIZE       (20 * 1024 * 1024)
#define LD_TABLE_MAX_ROWS            100000
#define LD_TABLE_MAX_COLUMNS         200
#define LD_TABLE_MAX_CELL_CHARS      32767
/* Filled cells in all: 100,000 cadres with 30 columns, and a bound on
 * memory for a sheet of many tiny cells. */
#define LD_TABLE_MAX_CELLS           3000000
#define LD_TABLE_MAX_ZIP_ENTRIES     1000
#define LD_TABLE_MAX_ENTRY_SIZE      (100 * 1024 * 1024)
#define LD_TABLE_MAX_TOTAL_SIZE      (200 * 1024 * 1024)
#define LD_TABLE_MAX_ZIP_RATIO       100

/* One sheet of a spreadsheet or one CSV file, as rows of text cells.
 *
 * Only rows with at least one non-empty cell are kept, in file order; each
 * keeps the 1-based row number the user sees in Excel (for CSV: the number of
 * the record, counting from 1, so a quoted field with a line break does not
 * shift later numbers). Columns are 0-based (0 = column A). Every cell is
 * valid UTF-8 and never contains a NUL. XLSX numeric cells keep the raw text
 * Excel stored (e.g. "29221" for a date, "3.40524E+17" for an ID number that
 * was typed as a number); shared and inline strings are resolved; formulas
 * give their cached value. */
typedef struct _LdTable LdTable;

/* A merged range, with rows as sheet row numbers (1-based, as in Excel) and
 * columns 0-based. The value lives in the top-left cell only. */
typedef struct
{
  guint first_row;
  guint last_row;
  guint first_column;
  guint last_column;
} LdTableRange;

/* Reads PATH: an .xlsx workbook (first visible worksheet), recognised by its
 * content, or else a CSV file (UTF-8 with or without BOM, else GB18030).
 * Fails with LD_ERROR_INVALID for a rejected file, LD_ERROR_FAILED for an
 * I/O error, G_IO_ERROR_CANCELLED when cancelled. */
LdTable            *ld_table_read_file          (const char    *path,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
/* The same for data already in memory (a CSV or an XLSX); the SHA-256 is
 * computed over DATA. */
LdTable            *ld_table_read_data          (const char    *data,
                                                 gsize          length,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

guint               ld_table_get_n_rows         (const LdTable *table);
/* The 1-based row number in the file of row I (0-based index). */
guint               ld_table_get_row_number     (const LdTable *table,
                                                 guint          i);
/* Cells in row I, up to the last non-empty one. */
guint               ld_table_get_n_columns      (const LdTable *table,
                                                 guint          i);
/* The largest ld_table_get_n_columns() over all rows. */
guint               ld_table_get_max_columns    (const LdTable *table);
/* Never NULL: "" for an empty or missing cell (ROW and COLUMN out of range
 * included). ROW is the 0-based index, not the row number. */
const char         *ld_table_get_cell           (const LdTable *table,
                                                 guint          row,
                                                 guint          column);
/* Whether the cell was a number in the workbook (always FALSE for CSV):
 * Excel shows 1980.10 typed as a number as 1980.1, and keeps only 15
 * digits of a long number. */
gboolean            ld_table_is_number          (const LdTable *table,
                                                 guint          row,
                                                 guint          column);
/* Whether the workbook counts dates from 1904 (old Mac Excel): its date
 * serial numbers are 1462 days smaller than in the 1900 system. */
gboolean            ld_table_get_date1904       (const LdTable *table);
guint               ld_table_get_n_merged       (const LdTable *table);
const LdTableRange *ld_table_get_merged         (const LdTable *table,
                                                 guint          i);
/* The merged range that covers the cell at sheet row ROW_NUMBER and COLUMN,
 * or NULL. */
const LdTableRange *ld_table_find_merged        (const LdTable *table,
                                                 guint          row_number,
                                                 guint          column);
/* Lowercase hex SHA-256 of the input file's bytes (for the audit entry). */
const char         *ld_table_get_sha256         (const LdTable *table);
/* "xlsx" or "csv". */
const char         *ld_table_get_format         (const LdTable *table);
/* For CSV: "UTF-8" or "GB18030"; for XLSX: "UTF-8". */
const char         *ld_table_get_encoding       (const LdTable *table);
void                ld_table_free               (LdTable       *table);

/* "A", "B", …, "Z", "AA", … for a 0-based column, as in messages. */
char               *ld_table_column_name        (guint          column);

/* The SHA-256 (hex) of the file at path, read in blocks: the importers
 * check at commit that the file is still the one planned. Cancelling
 * gives G_IO_ERROR_CANCELLED; a file that cannot be read LD_ERROR_INVALID
 * or LD_ERROR_FAILED with a translated message. */
char               *ld_table_file_sha256        (const char    *path,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdTable, ld_table_free)

G_END_DECLS
