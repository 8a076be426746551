/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-pdf-document"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "brief/ld-pdf-document.h"
#include "ld-error.h"

/* Margins in points (GB/T 9704 公文: top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm, a little tighter to leave room for the header and footer). */
#define MARGIN_TOP     90.0
#define MARGIN_BOTTOM  80.0
#define MARGIN_LEFT    79.0
#define MARGIN_RIGHT   74.0
#define CELL_PADDING   4.0

#define FONT_TITLE     "Noto Serif CJK SC, Source Han Serif SC, SimSun, Serif Bold 20"
#define FONT_BODY      "FangSong, Noto Serif CJK SC, Source Han Serif SC, SimSun, Serif 14"
/* Not Noto Sans CJK SC Regular: cairo's PDF subset of that face draws some
 * glyphs blank on Debian 12 (如 among them, so 无异议（如实说明情况） came
 * out as 无异议（ 实说明情况）); the serif face and the bold sans are whole. */
#define FONT_TABLE     "FangSong, Noto Serif CJK SC, Source Han Serif SC, SimSun, Serif 9"
#define FONT_TABLE_HEAD "Noto Sans CJK SC, Source Han Sans SC, SimHei, Sans Bold 9"
#define FONT_MARK      "SimHei, Noto Sans CJK SC, Source Han Sans SC, Sans Bold 13"
#define FONT_SMALL     "Noto Serif CJK SC, Source Han Serif SC, SimSun, Serif 8"

typedef enum
{
  BLOCK_TITLE,
  BLOCK_PARAGRAPH,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind   kind;
  char       *text;
  LdPdfAlign  align;
  gboolean    indent;
  double      space;
  /* Tables. */
  guint       n_columns;
  GStrv       headers;
  double     *widths;
  GPtrArray  *rows;      /* GStrv */
} Block;

struct _LdPdfDocument
{
  GPtrArray *blocks;
  char      *classification;
  char      *header_text;
  char      *account;
  gint64     time;
  char      *pdf_title;

  /* The last pagination. */
  double     width;
  double     height;
  guint      n_pages;
};

const char *
ld_pdf_default_classification (void)
{
  /* Translators: the default classification mark (密级) of printed
   * documents, exactly 内部 */
  return C_("classification", "Internal");
}

static void
block_free (Block *block)
{
  g_free (block->text);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

LdPdfDocument *
ld_pdf_document_new (void)
{
  LdPdfDocument *self = g_new0 (LdPdfDocument, 1);

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->n_pages = 1;
  return self;
}

void
ld_pdf_document_free (LdPdfDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->blocks);
  g_free (self->classification);
  g_free (self->header_text);
  g_free (self->account);
  g_free (self->pdf_title);
  g_free (self);
}

void
ld_pdf_document_set_classification (LdPdfDocument *self,
                                    const char    *mark)
{
  g_return_if_fail (self != NULL);

  g_free (self->classification);
  self->classification = g_strdup (mark);
}

void
ld_pdf_document_set_header_text (LdPdfDocument *self,
                                 const char    *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->header_text);
  self->header_text = g_strdup (text);
}

void
ld_pdf_document_set_footer (LdPdfDocument *self,
                            const char    *account,
                            gint64         unix_time)
{
  g_return_if_fail (self != NULL);

  g_free (self->account);
  self->account = g_strdup (account);
  self->time = unix_time;
}

void
ld_pdf_document_set_pdf_title (LdPdfDocument *self,
                               const char    *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->pdf_title);
  self->pdf_title = g_strdup (title);
}

static Block *
add_block (LdPdfDocument *self,
           BlockKind      kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
ld_pdf_document_add_title (LdPdfDocument *self,
                           const char    *text)
{
  g_return_if_fail (self != NULL);

  add_block (self, BLOCK_TITLE)->text = g_strdup (text != NULL ? text : "");
}

void
ld_pdf_document_add_paragraph (LdPdfDocument *self,
                               const char    *text,
                               LdPdfAlign     align,
                               gboolean       indent)
{
  Block *block;

  g_return_if_fail (self != NULL);

  block = add_block (self, BLOCK_PARAGRAPH);
  block->text = g_strdup (text != NULL ? text : "");
  block->align = align;
  block->indent = indent;
}

void
ld_pdf_document_add_space (LdPdfDocument *self,
                           double         points)
{
  g_return_if_fail (self != NULL);

  add_block (self, BLOCK_SPACE)->space = MAX (points, 0);
}

void
ld_pdf_document_add_page_break (LdPdfDocument *self)
{
  g_return_if_fail (self != NULL);

  add_block (self, BLOCK_PAGE_BREAK);
}

void
ld_pdf_document_add_table (LdPdfDocument      *self,
                           const char * const *headers,
                           const double       *widths,
                           guint               n_columns)
{
  Block *block;
  double total = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (headers != NULL);
  g_return_if_fail (n_columns > 0);

  block = add_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->headers = g_new0 (char *, n_columns + 1);
  block->widths = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      block->headers[i] = g_strdup (headers[i] != NULL ? headers[i] : "");
      block->widths[i] = widths != NULL && widths[i] > 0 ? widths[i] : 1.0;
      total += block->widths[i];
    }
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] /= total;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
ld_pdf_document_add_table_row (LdPdfDocument      *self,
                               const char * const *cells)
{
  Block *block;
  GStrv row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->kind == BLOCK_TABLE);
  row = g_new0 (char *, block->n_columns + 1);
  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (cells != NULL && cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
}

/* --- Layout ----------------------------------------------------------------------- */

/* One pass over the blocks: counts pages, and draws the blocks that fall on
 * page TARGET (G_MAXUINT: draws nothing). */
typedef struct
{
  cairo_t       *cr;
  PangoContext  *context;
  double         left;
  double         right;
  double         top;
  double         bottom;
  guint          page;
  double         y;
  guint          target;
} Run;

static gboolean
drawing (Run *run)
{
  return run->page == run->target;
}

static void
new_page (Run *run)
{
  run->page++;
  run->y = run->top;
}

static PangoLayout *
make_layout (Run        *run,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (run->context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* Places LAYOUT line by line from run->y at x = LEFT, breaking pages
 * between lines. */
static void
place_lines (Run         *run,
             PangoLayout *layout,
             double       left)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = 0;
  gboolean first = TRUE;

  do
    {
      PangoRectangle logical;
      double line_top, line_height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = (double) logical.y / PANGO_SCALE;
      line_height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (first)
        origin = run->y - line_top;
      first = FALSE;
      if (origin + line_top + line_height > run->bottom && origin + line_top > run->top + 0.5)
        {
          new_page (run);
          origin = run->top - line_top;
        }
      if (drawing (run))
        {
          cairo_move_to (run->cr, left + (double) logical.x / PANGO_SCALE, origin + baseline);
          pango_cairo_show_layout_line (run->cr, pango_layout_iter_get_line_readonly (iter));
        }
      run->y = origin + line_top + line_height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static PangoAlignment
pango_alignment (LdPdfAlign align)
{
  switch (align)
    {
    case LD_PDF_ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case LD_PDF_ALIGN_RIGHT:
      return PANGO_ALIGN_RIGHT;
    case LD_PDF_ALIGN_LEFT:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

/* The layouts of one table row and its height. */
static double
row_layouts (Run                *run,
             const Block        *block,
             const char * const *cells,
             gboolean            header,
             PangoLayout       **layouts)
{
  double width = run->right - run->left;
  double height = 0;

  for (guint c = 0; c < block->n_columns; c++)
    {
      int w = 0, h = 0;

      layouts[c] = make_layout (run, header ? FONT_TABLE_HEAD : FONT_TABLE, cells[c],
                                block->widths[c] * width - 2 * CELL_PADDING);
      if (header)
        pango_layout_set_alignment (layouts[c], PANGO_ALIGN_CENTER);
      pango_layout_get_size (layouts[c], &w, &h);
      height = MAX (height, (double) h / PANGO_SCALE);
    }
  return height + 2 * CELL_PADDING;
}

static void
draw_row (Run          *run,
          const Block  *block,
          PangoLayout **layouts,
          double        height,
          gboolean      header)
{
  double width = run->right - run->left;
  double x = run->left;

  if (!drawing (run))
    return;
  cairo_save (run->cr);
  cairo_set_line_width (run->cr, 0.6);
  for (guint c = 0; c < block->n_columns; c++)
    {
      double w = block->widths[c] * width;

      if (header)
        {
          cairo_rectangle (run->cr, x, run->y, w, height);
          cairo_set_source_rgb (run->cr, 0.90, 0.90, 0.90);
          cairo_fill (run->cr);
        }
      cairo_set_source_rgb (run->cr, 0, 0, 0);
      cairo_rectangle (run->cr, x, run->y, w, height);
      cairo_stroke (run->cr);
      cairo_move_to (run->cr, x + CELL_PADDING, run->y + CELL_PADDING);
      pango_cairo_show_layout (run->cr, layouts[c]);
      x += w;
    }
  cairo_restore (run->cr);
}

static void
place_table (Run         *run,
             const Block *block)
{
  g_autofree PangoLayout **head = g_new0 (PangoLayout *, block->n_columns);
  double head_height = row_layouts (run, block, (const char * const *) block->headers, TRUE, head);
  gboolean header_on_page = FALSE;

  for (guint r = 0; r <= block->rows->len; r++)
    {
      g_autofree PangoLayout **cells = NULL;
      double height = 0;

      /* The header with the first row (or alone for an empty table). */
      if (r < block->rows->len)
        {
          cells = g_new0 (PangoLayout *, block->n_columns);
          height = row_layouts (run, block, g_ptr_array_index (block->rows, r), FALSE, cells);
        }
      if (!header_on_page && run->y + head_height + height > run->bottom && run->y > run->top + 0.5)
        new_page (run);
      else if (header_on_page && run->y + height > run->bottom)
        {
          new_page (run);
          header_on_page = FALSE;
        }
      if (!header_on_page)
        {
          draw_row (run, block, head, head_height, TRUE);
          run->y += head_height;
          header_on_page = TRUE;
        }
      if (cells != NULL)
        {
          draw_row (run, block, cells, height, FALSE);
          run->y += height;
          for (guint c = 0; c < block->n_columns; c++)
            g_object_unref (cells[c]);
        }
    }
  for (guint c = 0; c < block->n_columns; c++)
    g_object_unref (head[c]);
}

static PangoContext *
create_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points as units, and the same metrics whatever the target. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

static guint
run_blocks (LdPdfDocument *self,
            cairo_t       *cr,
            guint          target)
{
  Run run = { 0 };

  run.cr = cr;
  run.context = create_context (cr);
  run.left = MARGIN_LEFT;
  run.right = self->width - MARGIN_RIGHT;
  run.top = MARGIN_TOP;
  run.bottom = self->height - MARGIN_BOTTOM;
  run.y = run.top;
  run.target = target;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);
      g_autoptr(PangoLayout) layout = NULL;

      switch (block->kind)
        {
        case BLOCK_TITLE:
          layout = make_layout (&run, FONT_TITLE, block->text, run.right - run.left);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pango_layout_set_line_spacing (layout, 1.3f);
          place_lines (&run, layout, run.left);
          run.y += 18;
          break;
        case BLOCK_PARAGRAPH:
          layout = make_layout (&run, FONT_BODY, block->text, run.right - run.left);
          pango_layout_set_alignment (layout, pango_alignment (block->align));
          pango_layout_set_line_spacing (layout, 1.5f);
          if (block->indent)
            pango_layout_set_indent (layout, 2 * 14 * PANGO_SCALE);
          /* A short paragraph (a signature with its date, a closing
           * line) is never split: it moves to the next page whole. */
          if (pango_layout_get_line_count (layout) <= 3)
            {
              int height;

              pango_layout_get_size (layout, NULL, &height);
              if (run.y + (double) height / PANGO_SCALE > run.bottom && run.y > run.top + 0.5)
                new_page (&run);
            }
          place_lines (&run, layout, run.left);
          run.y += 4;
          break;
        case BLOCK_SPACE:
          run.y += block->space;
          if (run.y > run.bottom)
            new_page (&run);
          break;
        case BLOCK_PAGE_BREAK:
          if (run.y > run.top + 0.5)
            new_page (&run);
          break;
        case BLOCK_TABLE:
          place_table (&run, block);
          run.y += 6;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_object_unref (run.context);
  return run.page + 1;
}

guint
ld_pdf_document_paginate (LdPdfDocument *self,
                          cairo_t       *cr,
                          double         width,
                          double         height)
{
  g_return_val_if_fail (self != NULL, 1);
  g_return_val_if_fail (cr != NULL, 1);

  self->width = width > MARGIN_LEFT + MARGIN_RIGHT + 50 ? width : LD_PDF_PAGE_WIDTH;
  self->height = height > MARGIN_TOP + MARGIN_BOTTOM + 50 ? height : LD_PDF_PAGE_HEIGHT;
  self->n_pages = run_blocks (self, cr, G_MAXUINT);
  return self->n_pages;
}

guint
ld_pdf_document_get_n_pages (LdPdfDocument *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->n_pages;
}

static void
show_text (cairo_t      *cr,
           PangoContext *context,
           const char   *font,
           const char   *text,
           double        x,
           double        y,
           double        width,
           PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_furniture (LdPdfDocument *self,
                cairo_t       *cr,
                guint          page)
{
  PangoContext *context = create_context (cr);
  double left = MARGIN_LEFT, right = self->width - MARGIN_RIGHT;
  double width = right - left;
  g_autofree char *pages = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* The header: the classification mark, the header text, a rule. */
  if (self->classification != NULL && *self->classification != '\0')
    show_text (cr, context, FONT_MARK, self->classification, left, MARGIN_TOP - 58, width / 2, PANGO_ALIGN_LEFT);
  if (self->header_text != NULL && *self->header_text != '\0')
    show_text (cr, context, FONT_SMALL, self->header_text, left + width / 2, MARGIN_TOP - 52, width / 2,
               PANGO_ALIGN_RIGHT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, MARGIN_TOP - 24);
  cairo_line_to (cr, right, MARGIN_TOP - 24);
  cairo_stroke (cr);

  /* The footer: a rule, the page number, the account and the time. */
  cairo_move_to (cr, left, self->height - MARGIN_BOTTOM + 20);
  cairo_line_to (cr, right, self->height - MARGIN_BOTTOM + 20);
  cairo_stroke (cr);
  /* Translators: the page number in the footer of printed documents,
   * exactly 第 %u 页 共 %u 页 */
  pages = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  show_text (cr, context, FONT_SMALL, pages, left, self->height - MARGIN_BOTTOM + 26, width, PANGO_ALIGN_CENTER);
  if ((self->account != NULL && *self->account != '\0') || self->time != 0)
    {
      g_autofree char *when = NULL;
      g_autofree char *footer = NULL;

      if (self->time != 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (self->time);

          when = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : NULL;
        }
      /* Translators: the footer of printed documents: who printed it and
       * when, 打印：%s %s */
      footer = g_strdup_printf (_("Printed by %s %s"), self->account != NULL ? self->account : "",
                                when != NULL ? when : "");
      show_text (cr, context, FONT_SMALL, footer, left, self->height - MARGIN_BOTTOM + 26, width / 2 - 40,
                 PANGO_ALIGN_LEFT);
    }
  cairo_restore (cr);
  g_object_unref (context);
}

void
ld_pdf_document_draw_page (LdPdfDocument *self,
                           cairo_t       *cr,
                           guint          page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (self->width <= 0)
    ld_pdf_document_paginate (self, cr, LD_PDF_PAGE_WIDTH, LD_PDF_PAGE_HEIGHT);
  if (page >= self->n_pages)
    return;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_furniture (self, cr, page);
  run_blocks (self, cr, page);
  cairo_restore (cr);
}

/* --- Writing the PDF ------------------------------------------------------------------ */

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
               _("The PDF file %s could not be written: %s. Check that the folder exists and has free space."),
               display, reason);
}

gboolean
ld_pdf_document_write (LdPdfDocument  *self,
                       const char     *path,
                       GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;

      set_write_error (error, path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (tmp, LD_PDF_PAGE_WIDTH, LD_PDF_PAGE_HEIGHT);
  if (self->pdf_title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Liandang");
  cr = cairo_create (surface);
  ld_pdf_document_paginate (self, cr, LD_PDF_PAGE_WIDTH, LD_PDF_PAGE_HEIGHT);
  for (guint page = 0; page < self->n_pages; page++)
    {
      ld_pdf_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      set_write_error (error, path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      set_write_error (error, path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
