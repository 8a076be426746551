/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one place Liandang talks to libxlsxwriter (issue 6, SECURITY.md §4).
 *
 * A workbook is written to a temporary name in the target folder
 * (".NAME.XXXXXX.part", mode 0600) and renamed to its name only by
 * ld_xlsx_writer_commit(); ld_xlsx_writer_free() without a commit
 * (failure, cancel) removes the temporary file, so a failed export leaves
 * nothing.
 * libxlsxwriter's own temporary files go to ld_xlsx_writer_tmpdir(),
 * never to the on-disk /tmp.
 *
 * Every sheet looks the same: row 0 the 密级 mark (when set), row 1 the
 * title (bold, merged across the columns), row 2 the scope and date line,
 * row 3 the bold header row; data from row 4. The header row is frozen,
 * repeated on every printed page and carries an autofilter over the data;
 * its headers wrap, centred, in a row as tall as the header needing the
 * most lines at its column's width (set before the row is written, so
 * also when streaming). Rows with wrapped text get a fitted height too.
 * Page setup: A4, landscape when the sheet is wide (LD_XLSX_SHEET_LANDSCAPE,
 * more than 8 columns or wider than a portrait page), page header with the
 * 密级 mark (left) and the title (centre), page footer with the exporting
 * account and time (left) and "第 &P 页 共 &N 页" (centre). A sheet up to
 * about 200 character units wide (136 portrait) is fitted to one page
 * wide, a scale of about 65 % or more; a wider one to N = ceil(width /
 * 190) pages wide (130 portrait) with its identifying columns — "No."
 * and the registration number or name, or the first column — repeated on
 * every page, and its title at the left of the first page. Pages run
 * across, then down: the pages of one band of rows follow each other, so
 * a record is read on consecutive pages.
 *
 * Cell values are passed as text and written by column kind:
 * - TEXT / LONG_TEXT: user text. Invalid UTF-8 is repaired (U+FFFD); text
 *   whose first character after leading ASCII spaces is = + - @ TAB CR NUL
 *   or the full-width ＝ ＋ － ＠ gets the neutralising "'" prefix
 *   (SECURITY.md §4.3); written only with worksheet_write_string(); text
 *   over 32,767 characters is cut at a character boundary and ends with a
 *   translated note; wrapped when wider than the column's cap.
 * - CODE: ID numbers, registration numbers, document numbers: text in a
 *   "@" (text) cell format, same repair and prefix rules, never a number.
 * - DATE: "YYYY-MM-DD" (or "YYYY-MM" = the first of the month) written as
 *   a real Excel date with the number format yyyy-mm-dd; "YYYY-MM-DD
 *   HH:MM[:SS]" as a date-time (yyyy-mm-dd hh:mm); "" blank; anything else
 *   as TEXT.
 * - INTEGER / DECIMAL: numbers ("12", "12.5"); "" blank; anything else
 *   ("—") as TEXT.
 * - PERCENT: a fraction ("0.125" → 12.5%, format 0.0%); "" blank;
 *   anything else ("—") as TEXT.
 * Column widths are fitted to the values written (CJK characters count
 * two, others one) and to the header's longest word or at most 12 units
 * of it (a longer header wraps), at least 6 and at most the kind's cap
 * (TEXT 36, LONG_TEXT 60, CODE 22, DATE 12).
 *
 * Every libxlsxwriter return code is checked; failures become
 * LD_ERROR_FAILED errors with a translated message. Not thread-safe: one
 * writer per thread. */

typedef struct _LdXlsxWriter LdXlsxWriter;

typedef enum
{
  LD_XLSX_TEXT,
  LD_XLSX_LONG_TEXT,
  LD_XLSX_CODE,
  LD_XLSX_DATE,
  LD_XLSX_INTEGER,
  LD_XLSX_DECIMAL,
  LD_XLSX_PERCENT,
} LdXlsxKind;

typedef struct
{
  const char *header;   /* translated column title */
  LdXlsxKind  kind;
} LdXlsxColumn;

typedef enum /*< flags >*/
{
  LD_XLSX_SHEET_NONE      = 0,
  LD_XLSX_SHEET_LANDSCAPE = 1 << 0,  /* force landscape */
  LD_XLSX_SHEET_PORTRAIT  = 1 << 1,  /* force portrait */
} LdXlsxSheetFlags;

typedef struct
{
  const char *title;           /* workbook title (properties) */
  const char *subject;         /* e.g. the export kind's label; may be NULL */
  const char *author;          /* the exporting account */
  const char *company;         /* the unit / organisation; may be NULL */
  const char *classification;  /* 密级 mark, e.g. "秘密★10年"; NULL or "" = none */
  const char *comments;        /* may be NULL; the 密级 is added to it */
  gint64      created;         /* unix seconds; 0 = now */
  gboolean    constant_memory; /* stream rows (large sheets); cells must come in row order */
} LdXlsxOptions;

/* The folder for libxlsxwriter's temporary files: $XDG_RUNTIME_DIR when
 * set and a directory, else /dev/shm when it is a tmpfs; NULL with an
 * LD_ERROR_FAILED error ("no memory-backed folder") otherwise. Caller frees. */
char          *ld_xlsx_writer_tmpdir        (GError             **error);

/* Starts a workbook that will be named path. Fails (LD_ERROR_FAILED, clear
 * message) when the folder does not exist or is not writable. */
LdXlsxWriter  *ld_xlsx_writer_new           (const char          *path,
                                             const LdXlsxOptions *options,
                                             GError             **error);
void           ld_xlsx_writer_free          (LdXlsxWriter        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdXlsxWriter, ld_xlsx_writer_free)

/* Starts a sheet (the previous one is closed off: widths, autofilter).
 * name is made valid and unique (≤ 31 characters, no []:*?/\). title and
 * scope_line fill rows 1 and 2; columns the header row. */
gboolean       ld_xlsx_writer_begin_sheet   (LdXlsxWriter        *self,
                                             const char          *name,
                                             const char          *title,
                                             const char          *scope_line,
                                             const LdXlsxColumn  *columns,
                                             guint                n_columns,
                                             LdXlsxSheetFlags     flags,
                                             GError             **error);
/* Appends one data row: values[i] for column i (NULL = blank). */
gboolean       ld_xlsx_writer_add_row       (LdXlsxWriter        *self,
                                             const char * const  *values,
                                             GError             **error);

/* A free-form sheet (the cover sheet of a cadre's file): no header row,
 * autofilter or frozen panes; portrait A4 with the same page header and
 * footer. Cells are placed with the calls below (in row order when the
 * workbook is in constant-memory mode). */
gboolean       ld_xlsx_writer_begin_form    (LdXlsxWriter        *self,
                                             const char          *name,
                                             const char          *title,
                                             guint                n_columns,
                                             GError             **error);
/* A label cell (bold, grey fill, bordered, wrapped) at row, col spanning
 * span columns. Form rows grow to the lines their labels and text values
 * take at the columns' widths (set the widths first, with
 * ld_xlsx_writer_form_column()). */
gboolean       ld_xlsx_writer_form_label    (LdXlsxWriter        *self,
                                             guint                row,
                                             guint                col,
                                             guint                span,
                                             const char          *label,
                                             GError             **error);
/* A value cell (bordered, wrapped) of the given kind, spanning span
 * columns. */
gboolean       ld_xlsx_writer_form_value    (LdXlsxWriter        *self,
                                             guint                row,
                                             guint                col,
                                             guint                span,
                                             LdXlsxKind           kind,
                                             const char          *value,
                                             GError             **error);
/* A JPEG or PNG image (the photo) scaled into the cell box at row, col
 * spanning cols × rows. */
gboolean       ld_xlsx_writer_form_image    (LdXlsxWriter        *self,
                                             guint                row,
                                             guint                col,
                                             guint                cols,
                                             guint                rows,
                                             GBytes              *image,
                                             GError             **error);
/* Sets a column's width (in character units) on a form sheet. */
gboolean       ld_xlsx_writer_form_column   (LdXlsxWriter        *self,
                                             guint                col,
                                             double               width,
                                             GError             **error);

/* Data rows written so far over all table sheets, and cells cut at
 * 32,767 characters. */
gint64         ld_xlsx_writer_get_rows      (LdXlsxWriter        *self);
guint          ld_xlsx_writer_get_truncated (LdXlsxWriter        *self);

/* Closes the workbook into its temporary file, fsyncs it and returns the
 * file's SHA-256 (64 hex digits) in *sha256. The file is not at path yet:
 * ld_xlsx_writer_commit() renames it there (replacing a file of that
 * name) and fsyncs the folder. On any failure, or when the writer is
 * freed before the commit, nothing is left at path (an older file of that
 * name is untouched) and the temporary file is removed. */
gboolean       ld_xlsx_writer_close         (LdXlsxWriter        *self,
                                             char               **sha256,
                                             GError             **error);
gboolean       ld_xlsx_writer_commit        (LdXlsxWriter        *self,
                                             GError             **error);
/* close + commit. */
gboolean       ld_xlsx_writer_finish        (LdXlsxWriter        *self,
                                             char               **sha256,
                                             GError             **error);

/* The text a TEXT cell receives for value (repaired, prefixed, cut):
 * exposed for the tests. Caller frees. */
char          *ld_xlsx_cell_text            (const char          *value,
                                             gboolean            *truncated);
/* The display width of text in character units (CJK = 2). */
double         ld_xlsx_text_width           (const char          *text);

G_END_DECLS
