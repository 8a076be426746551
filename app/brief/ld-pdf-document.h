/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A small A4 document: a title, paragraphs and tables laid out with Pango,
 * drawn with cairo. The same layout writes a PDF (cairo-pdf, no GTK) and
 * draws onto a caller's cairo context page by page (a GtkPrintOperation's
 * draw-page). Every page has a header line (the 密级 classification mark on
 * the left, the header text on the right), and a footer with the account,
 * the time and "第 x 页 共 y 页". A table's header row is repeated on every
 * page it continues on. The default classification mark when the caller has
 * none is LD_PDF_DEFAULT_CLASSIFICATION. */

/* Translated: 内部. */
#define LD_PDF_DEFAULT_CLASSIFICATION ld_pdf_default_classification ()
const char  *ld_pdf_default_classification (void);

/* A4 in points. */
#define LD_PDF_PAGE_WIDTH   595.276
#define LD_PDF_PAGE_HEIGHT  841.89

typedef struct _LdPdfDocument LdPdfDocument;

typedef enum
{
  LD_PDF_ALIGN_LEFT,
  LD_PDF_ALIGN_CENTER,
  LD_PDF_ALIGN_RIGHT,
} LdPdfAlign;

LdPdfDocument *ld_pdf_document_new          (void);
void           ld_pdf_document_free         (LdPdfDocument *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdPdfDocument, ld_pdf_document_free)

/* The classification mark printed at the top left of every page (NULL or ""
 * = none), the text at the top right, the account and the time (unix
 * seconds; 0 = none) in the footer. */
void           ld_pdf_document_set_classification (LdPdfDocument *self,
                                                   const char    *mark);
void           ld_pdf_document_set_header_text (LdPdfDocument *self,
                                                const char    *text);
void           ld_pdf_document_set_footer     (LdPdfDocument *self,
                                               const char    *account,
                                               gint64         unix_time);
/* The PDF's metadata title. */
void           ld_pdf_document_set_pdf_title  (LdPdfDocument *self,
                                               const char    *title);

/* Blocks, in reading order. */
void           ld_pdf_document_add_title      (LdPdfDocument *self,
                                               const char    *text);
/* A paragraph of plain text (not markup); INDENT gives a first-line indent
 * of two characters (Chinese official style). */
void           ld_pdf_document_add_paragraph  (LdPdfDocument *self,
                                               const char    *text,
                                               LdPdfAlign     align,
                                               gboolean       indent);
/* Vertical space in points. */
void           ld_pdf_document_add_space      (LdPdfDocument *self,
                                               double         points);
/* Starts the next block on a new page. */
void           ld_pdf_document_add_page_break (LdPdfDocument *self);
/* A table: HEADERS (N_COLUMNS texts) and the relative column widths
 * (WIDTHS, N_COLUMNS values; NULL = equal). Add rows with
 * ld_pdf_document_add_table_row() until the next block. */
void           ld_pdf_document_add_table      (LdPdfDocument *self,
                                               const char * const *headers,
                                               const double  *widths,
                                               guint          n_columns);
/* N_COLUMNS cells of the last table (NULL cells are empty). */
void           ld_pdf_document_add_table_row  (LdPdfDocument *self,
                                               const char * const *cells);

/* Lays the document out for pages of WIDTH × HEIGHT points (the print
 * operation's page set-up; the PDF uses A4) measured with CR (any cairo
 * context: a print context's, or a recording surface's). Returns the page
 * count (at least 1). Must be called again when the size changes. */
guint          ld_pdf_document_paginate       (LdPdfDocument *self,
                                               cairo_t       *cr,
                                               double         width,
                                               double         height);
guint          ld_pdf_document_get_n_pages    (LdPdfDocument *self);
/* Draws page PAGE (0-based) of the last pagination onto CR at its origin. */
void           ld_pdf_document_draw_page      (LdPdfDocument *self,
                                               cairo_t       *cr,
                                               guint          page);

/* Writes the document as an A4 PDF to PATH: into a temporary file in the
 * same folder, renamed onto PATH once complete. On failure no file is
 * left (neither PATH nor the temporary one) and LD_ERROR_FAILED is set with
 * a translated message naming the file. */
gboolean       ld_pdf_document_write          (LdPdfDocument *self,
                                               const char    *path,
                                               GError       **error);

G_END_DECLS
