/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "brief/ld-pdf-document.h"

G_BEGIN_DECLS

#define LD_TYPE_PRINT_OPERATION (ld_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (LdPrintOperation, ld_print_operation, LD, PRINT_OPERATION, GtkPrintOperation)

/* Prints a document of the brief renderer (LdPdfDocument, built on the
 * vault worker): "begin-print" lays it out for the chosen paper with the
 * print context's cairo context (ld_pdf_document_paginate()) and
 * "draw-page" draws each page with ld_pdf_document_draw_page(), the code
 * that also writes the PDF, so paper and PDF look the same. The operation
 * works in points on the full page (the document draws its own margins,
 * 密级 mark and footer); the default page set-up is A4 portrait.
 *
 * Takes ownership of DOCUMENT. JOB_NAME names the print job (may be NULL). */
LdPrintOperation *ld_print_operation_new          (LdPdfDocument    *document,
                                                   const char       *job_name);
LdPdfDocument    *ld_print_operation_get_document (LdPrintOperation *self);
/* The pages of the last layout (0 before "begin-print"). */
guint             ld_print_operation_get_n_pages  (LdPrintOperation *self);

G_END_DECLS
