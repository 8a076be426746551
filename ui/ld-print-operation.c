/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-print-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-print-operation.h"

struct _LdPrintOperation
{
  GtkPrintOperation  parent_instance;

  LdPdfDocument     *document;
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (LdPrintOperation, ld_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
ld_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  LdPrintOperation *self = LD_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  /* The operation's unit is points on the full page, so the paper's
   * width and height are what the PDF uses for A4. */
  self->n_pages = ld_pdf_document_paginate (self->document, cr,
                                            gtk_print_context_get_width (context),
                                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) MAX (self->n_pages, 1));
}

static void
ld_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  LdPrintOperation *self = LD_PRINT_OPERATION (operation);

  if (page_nr < 0 || (guint) page_nr >= self->n_pages)
    return;

  ld_pdf_document_draw_page (self->document, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
ld_print_operation_finalize (GObject *object)
{
  LdPrintOperation *self = (LdPrintOperation *)object;

  g_clear_pointer (&self->document, ld_pdf_document_free);

  G_OBJECT_CLASS (ld_print_operation_parent_class)->finalize (object);
}

static void
ld_print_operation_class_init (LdPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = ld_print_operation_finalize;
  operation_class->begin_print = ld_print_operation_begin_print;
  operation_class->draw_page = ld_print_operation_draw_page;
}

static void
ld_print_operation_init (LdPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

LdPrintOperation *
ld_print_operation_new (LdPdfDocument *document,
                        const char    *job_name)
{
  LdPrintOperation *self;

  g_return_val_if_fail (document != NULL, NULL);

  self = g_object_new (LD_TYPE_PRINT_OPERATION, NULL);
  self->document = document;
  if (job_name != NULL)
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);

  return self;
}

LdPdfDocument *
ld_print_operation_get_document (LdPrintOperation *self)
{
  g_return_val_if_fail (LD_IS_PRINT_OPERATION (self), NULL);

  return self->document;
}

guint
ld_print_operation_get_n_pages (LdPrintOperation *self)
{
  g_return_val_if_fail (LD_IS_PRINT_OPERATION (self), 0);

  return self->n_pages;
}
