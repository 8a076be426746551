/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-xlsx-writer"

#include "config.h"

#include "exchange/ld-xlsx-writer.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <linux/magic.h>
#include <math.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "ld-error.h"

/* Excel's limit is 32,767 UTF-16 code units per cell; we cut well below
 * it so the neutralising prefix and the note always fit. */
#define CELL_MAX_UNITS  32767
#define CELL_CUT_UNITS  32000
#define HEADER_MAX      250     /* LXW_HEADER_FOOTER_MAX is 255 */
#define SHEET_NAME_MAX  31
#define FIRST_DATA_ROW  4
#define FORM_FIRST_ROW  2
#define DEFAULT_ROW_PX  20
#define LINE_POINTS     15.5    /* one line of 11 pt text, CJK fallback included */
#define LATIN_UNITS     0.9     /* an average Latin letter, in widths of "0" */
#define HEADER_PART     12      /* most a header adds to its column's width */
#define PAGE_UNITS_L    190     /* character units an A4 landscape page shows readably */
#define PAGE_UNITS_P    130     /* … and a portrait one */
#define ONE_PAGE_L      200     /* widest sheet fitted to one landscape page (≈ 65 %) */
#define ONE_PAGE_P      136

typedef enum
{
  CELL_TEXT,
  CELL_TEXT_WRAP,
  CELL_CODE,
  CELL_CODE_WRAP,
  CELL_DATE,
  CELL_DATETIME,
  CELL_INTEGER,
  CELL_DECIMAL,
  CELL_PERCENT,
  N_CELL_FORMATS
} CellFormat;

struct _LdXlsxWriter
{
  char          *path;
  char          *tmp_path;       /* NULL once renamed or removed */
  lxw_workbook  *workbook;       /* NULL once closed */
  gboolean       closed;
  gboolean       committed;
  gboolean       streaming;      /* constant memory: rows are written once */

  char          *classification;
  char          *author;
  char          *stamp;          /* "YYYY-MM-DD HH:MM" for the footer */

  lxw_format    *fmt_mark;
  lxw_format    *fmt_title;
  lxw_format    *fmt_title_left;
  lxw_format    *fmt_scope;
  lxw_format    *fmt_header;
  lxw_format    *fmt_label;
  lxw_format    *fmt_cell[N_CELL_FORMATS];
  lxw_format    *fmt_form[N_CELL_FORMATS];

  GHashTable    *sheet_names;    /* casefolded names in use */
  GPtrArray     *sheets;         /* lxw_worksheet *, owned by the workbook */

  /* The current sheet. */
  lxw_worksheet *sheet;
  gboolean       is_form;
  guint          n_columns;
  LdXlsxKind    *kinds;
  double        *widths;         /* table: widest text; form: set widths */
  gboolean      *has_datetime;
  char         **headers;        /* table: the header texts as written */
  LdXlsxSheetFlags flags;
  GArray        *row_lines;      /* form: guint8 lines per row, heights set */
  guint32        next_row;

  gint64         rows;
  guint          truncated;
};

/* Widths ------------------------------------------------------------------ */

static double
kind_cap (LdXlsxKind kind,
          gboolean   datetime)
{
  switch (kind)
    {
    case LD_XLSX_TEXT:
      return 36;
    case LD_XLSX_LONG_TEXT:
      return 60;
    case LD_XLSX_CODE:
      return 22;
    case LD_XLSX_DATE:
      return datetime ? 18 : 12;
    case LD_XLSX_INTEGER:
    case LD_XLSX_DECIMAL:
    case LD_XLSX_PERCENT:
    default:
      return 14;
    }
}

/* The widest line, CJK (wide and full-width) characters counting two,
 * combining marks nothing. */
double
ld_xlsx_text_width (const char *text)
{
  double widest = 0;
  double line = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c;

      /* ASCII and the common ideographs without the Unicode tables. */
      if ((guchar) *p < 0x80)
        {
          if (*p++ == '\n')
            {
              widest = MAX (widest, line);
              line = 0;
            }
          else
            line += 1;
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (c >= 0x4E00 && c <= 0x9FFF)
        line += 2;
      else if (g_unichar_iszerowidth (c))
        continue;
      else if (g_unichar_iswide (c) || g_unichar_iswide_cjk (c))
        line += 2;
      else
        line += 1;
    }
  return MAX (widest, line);
}

/* The lines text takes when wrapped at width character units (an
 * average Latin letter is narrower than the "0" the unit is): words of
 * Latin text move to the next line whole (a word wider than the line is
 * broken), CJK characters break anywhere. */
static guint
wrapped_lines (const char *text,
               double      width)
{
  guint lines = 1;
  double line = 0;

  if (text == NULL)
    return 1;
  width = MAX (width, 2);
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      double w;

      if (c == '\n')
        {
          lines++;
          line = 0;
          p++;
          continue;
        }
      if (c == ' ')
        {
          if (line > 0)
            line += LATIN_UNITS;
          p++;
          continue;
        }
      if (c >= 0x2E80 && (g_unichar_iswide (c) || g_unichar_iswide_cjk (c)))
        {
          if (line + 2 > width && line > 0)
            {
              lines++;
              line = 0;
            }
          line += 2;
          p = g_utf8_next_char (p);
          continue;
        }
      /* A word: up to a space, a line break or a wide character. */
      w = 0;
      while (*p != '\0' && *p != ' ' && *p != '\n')
        {
          c = g_utf8_get_char (p);
          if (c >= 0x2E80 && (g_unichar_iswide (c) || g_unichar_iswide_cjk (c)))
            break;
          if (!g_unichar_iszerowidth (c))
            w += LATIN_UNITS;
          p = g_utf8_next_char (p);
        }
      if (line + w > width && line > 0)
        {
          /* The space before the word stays on the line. */
          lines++;
          line = 0;
        }
      while (w > width)
        {
          lines++;
          w -= width;
        }
      line += w;
    }
  return lines;
}

/* The room for text in a column of width units (cell padding off; bold
 * text is a little wider). */
static double
text_room (double   width,
           gboolean bold)
{
  return (width - 1) / (bold ? 1.05 : 1.0);
}

static double
lines_height (guint lines)
{
  return lines * LINE_POINTS + 3;
}

/* The widest word of Latin text (CJK characters break anywhere). */
static double
longest_word (const char *text)
{
  double longest = 0;
  double word = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\n' || (c >= 0x2E80 && (g_unichar_iswide (c) || g_unichar_iswide_cjk (c))))
        {
          longest = MAX (longest, word);
          word = c >= 0x2E80 ? 2 : 0;
          longest = MAX (longest, word);
          word = 0;
        }
      else if (!g_unichar_iszerowidth (c))
        word += LATIN_UNITS;
    }
  return MAX (longest, word);
}

/* The width a header asks of its column: its longest word, else at most
 * HEADER_PART — a longer header wraps. Bold text is a little wider. */
static double
header_part (const char *header,
             double      cap)
{
  double width = ld_xlsx_text_width (header) * 1.05;

  return MIN (MAX (longest_word (header) * 1.05, MIN (width, HEADER_PART)), cap - 2);
}

static double
column_width (double     widest,
              LdXlsxKind kind,
              gboolean   datetime)
{
  return CLAMP (widest + 2, 6, kind_cap (kind, datetime));
}

/* Cell text --------------------------------------------------------------- */

static gboolean
needs_prefix (const char *text)
{
  const char *p = text;
  gunichar c;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;
  c = g_utf8_get_char (p);
  switch (c)
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case 0xFF1D:  /* ＝ */
    case 0xFF0B:  /* ＋ */
    case 0xFF0D:  /* － */
    case 0xFF20:  /* ＠ */
      return TRUE;
    default:
      return FALSE;
    }
}

static gsize
utf16_units (const char *text)
{
  gsize units = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    units += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return units;
}

/* Excel reads "_xHHHH_" in a cell as the character U+HHHH (OOXML's
 * escape for control characters; libxlsxwriter writes them that way), so
 * user text "_x003D_1+1" would show as "=1+1" and slip past the prefix
 * rule. Such sequences get their "_" escaped as "_x005F_", which Excel,
 * LibreOffice and openpyxl all read back as the literal text. */
static gboolean
is_ooxml_escape (const char *p)
{
  if (p[0] != '_' || p[1] != 'x')
    return FALSE;
  for (int i = 2; i < 6; i++)
    if (!g_ascii_isxdigit (p[i]))
      return FALSE;
  return p[6] == '_';
}

static gboolean
has_ooxml_escape (const char *text)
{
  for (const char *p = strstr (text, "_x"); p != NULL; p = strstr (p + 1, "_x"))
    if (is_ooxml_escape (p))
      return TRUE;
  return FALSE;
}

static void
escape_ooxml (GString *text)
{
  GString *out;

  if (!has_ooxml_escape (text->str))
    return;
  out = g_string_sized_new (text->len + 16);
  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (is_ooxml_escape (p))
        g_string_append (out, "_x005F");
      g_string_append_c (out, *p);
    }
  g_string_assign (text, out->str);
  g_string_free (out, TRUE);
}

char *
ld_xlsx_cell_text (const char *value,
                   gboolean   *truncated)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (truncated != NULL)
    *truncated = FALSE;
  if (value == NULL || *value == '\0')
    return g_strdup ("");

  /* A leading NUL cannot reach us through a C string; treat an embedded
   * one as the end. Repair the rest. */
  valid = g_utf8_make_valid (value, -1);

  out = g_string_sized_new (strlen (valid) + 2);
  if (needs_prefix (valid))
    g_string_append_c (out, '\'');
  g_string_append (out, valid);
  /* Before the cut, so the escaped text is what stays within the limit. */
  escape_ooxml (out);

  if (utf16_units (out->str) > CELL_MAX_UNITS)
    {
      /* Translators: appended to a cell that was longer than Excel allows */
      const char *note = _("… [truncated: the full text is in Liandang]");
      gsize budget = CELL_CUT_UNITS - utf16_units (note);
      gsize units = 0;
      const char *p;

      for (p = out->str; *p != '\0'; p = g_utf8_next_char (p))
        {
          gsize u = g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

          if (units + u > budget)
            break;
          units += u;
        }
      g_string_truncate (out, p - out->str);
      g_string_append (out, note);
      if (truncated != NULL)
        *truncated = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* The text a cell receives: value itself when it is valid UTF-8, needs no
 * prefix or escape and is short enough (the common case, without a copy), else a
 * copy made by ld_xlsx_cell_text() in *owned. A byte length within
 * CELL_CUT_UNITS bounds the UTF-16 length too. */
static const char *
cell_text (const char *value,
           gsize      *length,
           gboolean   *truncated,
           char      **owned)
{
  gsize len = strlen (value);

  *truncated = FALSE;
  *owned = NULL;
  if (len <= CELL_CUT_UNITS && !needs_prefix (value) && g_utf8_validate_len (value, len, NULL)
      && !has_ooxml_escape (value))
    {
      *length = len;
      return value;
    }
  *owned = ld_xlsx_cell_text (value, truncated);
  *length = strlen (*owned);
  return *owned;
}

/* Errors ------------------------------------------------------------------ */

/* what is an N_() string, translated only when there is an error. */
static gboolean
check_lxw (lxw_error   rc,
           const char *what,
           GError    **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
               /* Translators: %s: what was being written, %s: libxlsxwriter's reason */
               _("Could not write the workbook (%s): %s. The export was stopped; nothing was saved."),
               _(what), lxw_strerror (rc));
  return FALSE;
}

static gboolean
check_writable (LdXlsxWriter *self,
                GError      **error)
{
  if (self->closed || self->workbook == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("The workbook is already closed."));
      return FALSE;
    }
  return TRUE;
}

/* Temporary folder -------------------------------------------------------- */

char *
ld_xlsx_writer_tmpdir (GError **error)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  struct statfs fs;

  if (runtime != NULL && *runtime != '\0'
      && g_file_test (runtime, G_FILE_TEST_IS_DIR)
      && access (runtime, W_OK | X_OK) == 0)
    return g_strdup (runtime);

  if (statfs ("/dev/shm", &fs) == 0 && fs.f_type == TMPFS_MAGIC
      && access ("/dev/shm", W_OK | X_OK) == 0)
    return g_strdup ("/dev/shm");

  g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                       _("There is no memory-backed folder for the workbook's temporary files "
                         "(XDG_RUNTIME_DIR is not set and /dev/shm is not a tmpfs), so the export "
                         "would leave plain text on the disk. Log in through the desktop session "
                         "or ask the system administrator to mount /dev/shm."));
  return NULL;
}

/* Formats ----------------------------------------------------------------- */

static lxw_format *
cell_format (lxw_workbook *wb,
             CellFormat    kind,
             gboolean      form)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_align (f, form ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_VERTICAL_TOP);
  if (form)
    {
      format_set_border (f, LXW_BORDER_THIN);
      format_set_text_wrap (f);
    }
  switch (kind)
    {
    case CELL_TEXT_WRAP:
      format_set_text_wrap (f);
      break;
    case CELL_CODE_WRAP:
      format_set_text_wrap (f);
      format_set_num_format (f, "@");
      break;
    case CELL_CODE:
      format_set_num_format (f, "@");
      break;
    case CELL_DATE:
      format_set_num_format (f, "yyyy-mm-dd");
      format_set_align (f, LXW_ALIGN_LEFT);
      break;
    case CELL_DATETIME:
      format_set_num_format (f, "yyyy-mm-dd hh:mm");
      format_set_align (f, LXW_ALIGN_LEFT);
      break;
    case CELL_INTEGER:
      format_set_num_format (f, "0");
      break;
    case CELL_DECIMAL:
      format_set_num_format (f, "0.0#");
      break;
    case CELL_PERCENT:
      format_set_num_format (f, "0.0%");
      break;
    case CELL_TEXT:
    case N_CELL_FORMATS:
    default:
      break;
    }
  return f;
}

static void
create_formats (LdXlsxWriter *self)
{
  lxw_workbook *wb = self->workbook;

  self->fmt_mark = workbook_add_format (wb);
  format_set_bold (self->fmt_mark);

  self->fmt_title = workbook_add_format (wb);
  format_set_bold (self->fmt_title);
  format_set_font_size (self->fmt_title, 16);
  format_set_text_wrap (self->fmt_title);
  format_set_align (self->fmt_title, LXW_ALIGN_CENTER);
  format_set_align (self->fmt_title, LXW_ALIGN_VERTICAL_CENTER);

  self->fmt_title_left = workbook_add_format (wb);
  format_set_bold (self->fmt_title_left);
  format_set_font_size (self->fmt_title_left, 16);
  format_set_align (self->fmt_title_left, LXW_ALIGN_LEFT);
  format_set_align (self->fmt_title_left, LXW_ALIGN_VERTICAL_CENTER);

  self->fmt_scope = workbook_add_format (wb);
  format_set_align (self->fmt_scope, LXW_ALIGN_LEFT);
  format_set_align (self->fmt_scope, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (self->fmt_scope);

  self->fmt_header = workbook_add_format (wb);
  format_set_bold (self->fmt_header);
  format_set_pattern (self->fmt_header, LXW_PATTERN_SOLID);
  format_set_bg_color (self->fmt_header, 0xD9D9D9);
  format_set_border (self->fmt_header, LXW_BORDER_THIN);
  format_set_text_wrap (self->fmt_header);
  format_set_align (self->fmt_header, LXW_ALIGN_CENTER);
  format_set_align (self->fmt_header, LXW_ALIGN_VERTICAL_CENTER);

  self->fmt_label = workbook_add_format (wb);
  format_set_bold (self->fmt_label);
  format_set_pattern (self->fmt_label, LXW_PATTERN_SOLID);
  format_set_bg_color (self->fmt_label, 0xD9D9D9);
  format_set_border (self->fmt_label, LXW_BORDER_THIN);
  format_set_text_wrap (self->fmt_label);
  format_set_align (self->fmt_label, LXW_ALIGN_CENTER);
  format_set_align (self->fmt_label, LXW_ALIGN_VERTICAL_CENTER);

  for (guint i = 0; i < N_CELL_FORMATS; i++)
    {
      self->fmt_cell[i] = cell_format (wb, i, FALSE);
      self->fmt_form[i] = cell_format (wb, i, TRUE);
    }
}

/* Writer ------------------------------------------------------------------ */

static void
unlink_tmp (LdXlsxWriter *self)
{
  if (self->tmp_path != NULL)
    {
      g_unlink (self->tmp_path);
      g_clear_pointer (&self->tmp_path, g_free);
    }
}

static char *
escape_amp (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&&");
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Cuts text to at most max_chars characters. */
static char *
cut_chars (const char *text,
           glong       max_chars)
{
  if (max_chars <= 0)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  return g_utf8_substring (text, 0, max_chars);
}

static char *
safe_props_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_utf8_make_valid (text, -1);
}

LdXlsxWriter *
ld_xlsx_writer_new (const char          *path,
                    const LdXlsxOptions *options,
                    GError             **error)
{
  g_autoptr(LdXlsxWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *p_title = NULL;
  g_autofree char *p_subject = NULL;
  g_autofree char *p_author = NULL;
  g_autofree char *p_company = NULL;
  g_autofree char *p_comments = NULL;
  lxw_workbook_options wb_options = { 0 };
  lxw_doc_properties props = { 0 };
  int fd;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tmpdir = ld_xlsx_writer_tmpdir (error);
  if (tmpdir == NULL)
    return NULL;

  self = g_new0 (LdXlsxWriter, 1);
  self->path = g_strdup (path);
  self->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sheets = g_ptr_array_new ();
  if (options->classification != NULL && *options->classification != '\0')
    self->classification = g_utf8_make_valid (options->classification, -1);
  self->author = g_utf8_make_valid (options->author != NULL ? options->author : "", -1);

  if (options->created > 0)
    created = g_date_time_new_from_unix_local (options->created);
  if (created == NULL)
    created = g_date_time_new_now_local ();
  self->stamp = g_date_time_format (created, "%Y-%m-%d %H:%M");

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  self->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX.part", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (self->tmp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   /* Translators: %s: folder, %s: system reason */
                   _("Cannot write to the folder “%s”: %s. Choose a folder that exists and that you may "
                     "write to."),
                   dir, g_strerror (saved));
      return NULL;
    }
  close (fd);

  wb_options.constant_memory = options->constant_memory ? LXW_TRUE : LXW_FALSE;
  self->streaming = options->constant_memory;
  wb_options.tmpdir = tmpdir;
  self->workbook = workbook_new_opt (self->tmp_path, &wb_options);
  if (self->workbook == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Could not start the workbook “%s”. Check the free memory and try again."),
                   path);
      return NULL;
    }

  create_formats (self);

  p_title = safe_props_text (options->title);
  p_subject = safe_props_text (options->subject);
  p_author = safe_props_text (options->author);
  p_company = safe_props_text (options->company);
  if (self->classification != NULL)
    {
      /* Translators: document property; %s: the 密级 mark, e.g. 秘密★10年 */
      g_autofree char *mark = g_strdup_printf (_("Classification: %s"), self->classification);

      if (options->comments != NULL && *options->comments != '\0')
        {
          g_autofree char *comments = g_utf8_make_valid (options->comments, -1);

          p_comments = g_strdup_printf ("%s\n%s", comments, mark);
        }
      else
        p_comments = g_steal_pointer (&mark);
    }
  else
    p_comments = safe_props_text (options->comments);

  props.title = p_title;
  props.subject = p_subject;
  props.author = p_author;
  props.company = p_company;
  props.comments = p_comments;
  props.created = (time_t) g_date_time_to_unix (created);
  if (!check_lxw (workbook_set_properties (self->workbook, &props), N_("document properties"), error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
clear_sheet (LdXlsxWriter *self)
{
  self->sheet = NULL;
  self->is_form = FALSE;
  self->n_columns = 0;
  g_clear_pointer (&self->kinds, g_free);
  g_clear_pointer (&self->widths, g_free);
  g_clear_pointer (&self->has_datetime, g_free);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->row_lines, g_array_unref);
  self->flags = LD_XLSX_SHEET_NONE;
  self->next_row = 0;
}

/* Frees a workbook that was never closed, without writing the file.
 * lxw_workbook_free() leaves each constant-memory sheet's row file open,
 * which would keep its (unlinked) data on the tmpfs until the app exits. */
static void
discard_workbook (LdXlsxWriter *self)
{
  if (self->workbook == NULL)
    return;
  for (guint i = 0; i < self->sheets->len; i++)
    {
      lxw_worksheet *sheet = g_ptr_array_index (self->sheets, i);

      if (sheet->optimize_tmpfile != NULL)
        {
          fclose (sheet->optimize_tmpfile);
          sheet->optimize_tmpfile = NULL;
        }
    }
  lxw_workbook_free (self->workbook);
  self->workbook = NULL;
}

void
ld_xlsx_writer_free (LdXlsxWriter *self)
{
  if (self == NULL)
    return;

  discard_workbook (self);
  if (!self->committed)
    unlink_tmp (self);

  clear_sheet (self);
  g_clear_pointer (&self->sheet_names, g_hash_table_unref);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self->classification);
  g_free (self->author);
  g_free (self->stamp);
  g_free (self);
}

/* Sheets ------------------------------------------------------------------ */

static char *
unique_sheet_name (LdXlsxWriter *self,
                   const char   *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autofree char *base = NULL;
  GString *clean = g_string_new (NULL);
  char *start;
  char *end;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL)
        continue;
      if (c < 0x20)
        continue;
      g_string_append_unichar (clean, c);
    }
  /* No apostrophe (or space) at either end, also after the cut. */
  start = clean->str;
  while (*start == '\'' || *start == ' ')
    start++;
  base = cut_chars (start, SHEET_NAME_MAX);
  g_string_free (clean, TRUE);
  end = base + strlen (base);
  while (end > base && (end[-1] == '\'' || end[-1] == ' '))
    end--;
  *end = '\0';
  if (*base == '\0')
    {
      g_free (base);
      /* Translators: a worksheet's name when it has none */
      base = g_strdup (C_("worksheet", "Sheet"));
    }

  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *folded = NULL;

      if (n == 1)
        candidate = g_strdup (base);
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%u)", n);
          g_autofree char *cut = cut_chars (base, SHEET_NAME_MAX - g_utf8_strlen (suffix, -1));

          candidate = g_strconcat (cut, suffix, NULL);
        }
      /* Excel compares sheet names without case and reserves "History". */
      folded = g_utf8_casefold (candidate, -1);
      if (g_strcmp0 (folded, "history") == 0)
        continue;
      if (!g_hash_table_contains (self->sheet_names, folded))
        {
          g_hash_table_add (self->sheet_names, g_steal_pointer (&folded));
          return g_steal_pointer (&candidate);
        }
    }
}

static gboolean
write_string (LdXlsxWriter *self,
              guint32       row,
              guint16       col,
              const char   *text,
              lxw_format   *format,
              GError      **error)
{
  return check_lxw (worksheet_write_string (self->sheet, row, col, text, format),
                    N_("a cell"), error);
}

/* Merges row's first n columns (or writes one cell when n is 1). */
static gboolean
write_merged (LdXlsxWriter *self,
              guint32       row,
              guint16       col,
              guint         n,
              const char   *text,
              lxw_format   *format,
              GError      **error)
{
  if (n <= 1)
    return write_string (self, row, col, text, format, error);
  return check_lxw (worksheet_merge_range (self->sheet, row, col, row, col + n - 1, text, format),
                    N_("a merged cell"), error);
}

/* The header row's height for the columns' widths: the lines of the
 * header that wraps most. */
static double
header_height (char * const *headers,
               const double *widths,
               guint         n_columns)
{
  guint lines = 1;

  for (guint i = 0; i < n_columns; i++)
    lines = MAX (lines, wrapped_lines (headers[i], text_room (widths[i], TRUE)));
  return lines_height (lines);
}

/* The identifying columns repeated on every printed page of a sheet
 * wider than a page: the first, and the second too when the first is a
 * running number ("No." + registration number or name). */
static guint
repeated_columns (LdXlsxWriter *self,
                  const double *widths)
{
  if (self->n_columns < 3)
    return 0;
  if (self->kinds[0] == LD_XLSX_INTEGER && widths[0] + widths[1] <= 36)
    return 2;
  return widths[0] <= 36 ? 1 : 0;
}

/* Printing a table: landscape when the sheet is wide; fitted to one page
 * wide while that keeps the print readable (a scale of about 65 % or
 * more), otherwise to N pages wide with the identifying columns repeated
 * on every page. Pages run across, then down: the pages of one band of
 * rows come one after the other, so a reader follows a record from page
 * to page without leafing through the whole ledger. */
static void
fit_page (LdXlsxWriter *self,
          const double *widths)
{
  double total = 0;
  double page;
  double repeat = 0;
  guint n_repeat;
  gboolean landscape;
  guint pages;

  for (guint i = 0; i < self->n_columns; i++)
    total += widths[i];
  if (self->flags & LD_XLSX_SHEET_LANDSCAPE)
    landscape = TRUE;
  else if (self->flags & LD_XLSX_SHEET_PORTRAIT)
    landscape = FALSE;
  else
    landscape = self->n_columns > 8 || total > ONE_PAGE_P;
  if (landscape)
    worksheet_set_landscape (self->sheet);
  else
    worksheet_set_portrait (self->sheet);

  if (total <= (landscape ? ONE_PAGE_L : ONE_PAGE_P))
    {
      worksheet_fit_to_pages (self->sheet, 1, 0);
      return;
    }
  page = landscape ? PAGE_UNITS_L : PAGE_UNITS_P;
  n_repeat = repeated_columns (self, widths);
  for (guint i = 0; i < n_repeat; i++)
    repeat += widths[i];
  if (repeat > page / 4)
    {
      n_repeat = 0;
      repeat = 0;
    }
  pages = (guint) ceil ((total - repeat) / (page - repeat));
  worksheet_fit_to_pages (self->sheet, (uint16_t) MAX (pages, 2), 0);
  worksheet_print_across (self->sheet);
  if (n_repeat > 0)
    worksheet_repeat_columns (self->sheet, 0, (lxw_col_t) (n_repeat - 1));
}

static gboolean
finish_sheet (LdXlsxWriter *self,
              GError      **error)
{
  gboolean ok = TRUE;

  if (self->sheet == NULL)
    return TRUE;

  if (!self->is_form)
    {
      guint32 last = MAX (self->next_row, FIRST_DATA_ROW) - 1;

      g_autofree double *final = g_new (double, self->n_columns);

      for (guint i = 0; i < self->n_columns && ok; i++)
        {
          final[i] = column_width (self->widths[i], self->kinds[i], self->has_datetime[i]);
          ok = check_lxw (worksheet_set_column (self->sheet, i, i, final[i], NULL),
                          N_("column widths"), error);
        }
      /* Values may have widened a column since the header row's height
       * was set; a streamed header row is already written. */
      if (ok && !self->streaming)
        ok = check_lxw (worksheet_set_row (self->sheet, FIRST_DATA_ROW - 1,
                                           header_height (self->headers, final, self->n_columns), NULL),
                        N_("the header row"), error);
      if (ok)
        fit_page (self, final);
      if (ok)
        ok = check_lxw (worksheet_autofilter (self->sheet, FIRST_DATA_ROW - 1, 0,
                                              last, self->n_columns - 1),
                        N_("the filter"), error);
    }

  clear_sheet (self);
  return ok;
}

static gboolean
setup_page (LdXlsxWriter *self,
            const char   *title,
            gboolean      landscape,
            GError      **error)
{
  g_autofree char *mark = escape_amp (self->classification);
  g_autofree char *account = escape_amp (self->author);
  g_autofree char *stamp = escape_amp (self->stamp);
  g_autofree char *full_title = escape_amp (title);
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *left = NULL;
  glong room;

  worksheet_set_paper (self->sheet, 9);
  if (landscape)
    worksheet_set_landscape (self->sheet);
  else
    worksheet_set_portrait (self->sheet);
  worksheet_fit_to_pages (self->sheet, 1, 0);
  worksheet_set_margins (self->sheet, 0.5, 0.5, 0.75, 0.75);

  /* The header: "&L<mark>&C<title>", the title shortened to fit. */
  left = cut_chars (mark, 80);
  room = HEADER_MAX - (glong) g_utf8_strlen (left, -1) - 4;
  {
    g_autofree char *cut = cut_chars (full_title, room);

    /* Do not leave half an "&&" at the end. */
    if (g_str_has_suffix (cut, "&") && !g_str_has_suffix (cut, "&&"))
      cut[strlen (cut) - 1] = '\0';
    else if (g_str_has_suffix (cut, "&&"))
      {
        gsize amps = 0;
        for (gsize i = strlen (cut); i > 0 && cut[i - 1] == '&'; i--)
          amps++;
        if (amps % 2 == 1)
          cut[strlen (cut) - 1] = '\0';
      }
    header = g_strdup_printf ("&L%s&C%s", left, cut);
  }
  if (!check_lxw (worksheet_set_header (self->sheet, header), N_("the page header"), error))
    return FALSE;

  {
    g_autofree char *who = cut_chars (account, 60);

    /* Translators: printed page footer; keep &P (page) and &N (pages): 第 &P 页 共 &N 页 */
    footer = g_strdup_printf ("&L%s %s&C%s", who, stamp, _("Page &P of &N"));
  }
  if (!check_lxw (worksheet_set_footer (self->sheet, footer), N_("the page footer"), error))
    return FALSE;
  return TRUE;
}

static lxw_worksheet *
add_sheet (LdXlsxWriter *self,
           const char   *name,
           GError      **error)
{
  g_autofree char *sheet_name = unique_sheet_name (self, name);
  lxw_worksheet *sheet;

  sheet = workbook_add_worksheet (self->workbook, sheet_name);
  if (sheet != NULL)
    g_ptr_array_add (self->sheets, sheet);
  if (sheet == NULL)
    g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                 /* Translators: %s: worksheet name */
                 _("Could not add the worksheet “%s” to the workbook. Check the free memory and try again."),
                 sheet_name);
  return sheet;
}

static gboolean
write_top_rows (LdXlsxWriter *self,
                const char   *title,
                guint         n_columns,
                double        total,
                GError      **error)
{
  g_autofree char *safe_title = ld_xlsx_cell_text (title, NULL);
  double height = 28;

  if (self->classification != NULL)
    {
      g_autofree char *mark = ld_xlsx_cell_text (self->classification, NULL);

      if (!write_string (self, 0, 0, mark, self->fmt_mark, error))
        return FALSE;
    }
  /* A sheet likely printed more than one page wide has its title at the
   * left, on the first page, rather than centred over all the pages. */
  if (total > ONE_PAGE_L * 3 / 4)
    {
      if (!check_lxw (worksheet_set_row (self->sheet, 1, height, NULL), N_("the title row"), error))
        return FALSE;
      return write_string (self, 1, 0, safe_title, self->fmt_title_left, error);
    }
  /* The title is 16 pt: a character is about 1.6 units of 11 pt. */
  if (total > 0)
    height += (wrapped_lines (safe_title, text_room (total, TRUE) / 1.6) - 1) * 22;
  if (!check_lxw (worksheet_set_row (self->sheet, 1, height, NULL), N_("the title row"), error))
    return FALSE;
  return write_merged (self, 1, 0, n_columns, safe_title, self->fmt_title, error);
}

gboolean
ld_xlsx_writer_begin_sheet (LdXlsxWriter       *self,
                            const char         *name,
                            const char         *title,
                            const char         *scope_line,
                            const LdXlsxColumn *columns,
                            guint               n_columns,
                            LdXlsxSheetFlags    flags,
                            GError            **error)
{
  g_autofree char *scope = NULL;
  g_autofree double *initial = NULL;
  gboolean landscape;
  double total = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (n_columns > 0 && n_columns <= LXW_COL_MAX, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error) || !finish_sheet (self, error))
    return FALSE;

  self->sheet = add_sheet (self, name, error);
  if (self->sheet == NULL)
    return FALSE;
  self->is_form = FALSE;
  self->n_columns = n_columns;
  self->kinds = g_new0 (LdXlsxKind, n_columns);
  self->widths = g_new0 (double, n_columns);
  self->has_datetime = g_new0 (gboolean, n_columns);
  self->headers = g_new0 (char *, n_columns + 1);
  self->flags = flags;
  self->next_row = FIRST_DATA_ROW;

  /* The columns' widths as the headers make them; values only widen
   * them, so the header row's height fits the final widths or is a
   * little taller. */
  initial = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      self->kinds[i] = columns[i].kind;
      self->headers[i] = ld_xlsx_cell_text (columns[i].header, NULL);
      self->widths[i] = header_part (self->headers[i], kind_cap (columns[i].kind, FALSE));
      initial[i] = column_width (self->widths[i], self->kinds[i], FALSE);
      total += initial[i];
    }

  if (flags & LD_XLSX_SHEET_LANDSCAPE)
    landscape = TRUE;
  else if (flags & LD_XLSX_SHEET_PORTRAIT)
    landscape = FALSE;
  else
    landscape = n_columns > 8;
  if (!setup_page (self, title, landscape, error))
    return FALSE;
  worksheet_freeze_panes (self->sheet, FIRST_DATA_ROW, 0);
  if (!check_lxw (worksheet_repeat_rows (self->sheet, FIRST_DATA_ROW - 1, FIRST_DATA_ROW - 1),
                  N_("the print titles"), error))
    return FALSE;

  if (!write_top_rows (self, title, n_columns, total, error))
    return FALSE;
  scope = ld_xlsx_cell_text (scope_line, NULL);
  if (*scope != '\0')
    {
      guint lines = wrapped_lines (scope, text_room (total, FALSE));

      if (lines > 1 && !check_lxw (worksheet_set_row (self->sheet, 2, lines_height (lines), NULL),
                                   N_("the scope row"), error))
        return FALSE;
      if (!write_merged (self, 2, 0, n_columns, scope, self->fmt_scope, error))
        return FALSE;
    }

  if (!check_lxw (worksheet_set_row (self->sheet, FIRST_DATA_ROW - 1,
                                     header_height (self->headers, initial, n_columns), NULL),
                  N_("the header row"), error))
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    if (!write_string (self, FIRST_DATA_ROW - 1, i, self->headers[i], self->fmt_header, error))
      return FALSE;
  return TRUE;
}

/* Values ------------------------------------------------------------------ */

/* Strict "-?digits[.digits]"; integers beyond 15 digits lose precision in
 * a double, so they stay text. */
static gboolean
parse_number (const char *value,
              double     *out)
{
  const char *p = value;
  guint digits = 0;
  gboolean dot = FALSE;

  if (*p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '.' && !dot && digits > 0 && p[1] != '\0')
        dot = TRUE;
      else
        return FALSE;
    }
  if (digits == 0 || digits > 15)
    return FALSE;
  *out = g_ascii_strtod (value, NULL);
  return isfinite (*out);
}

static gboolean
parse_uint (const char *text,
            gsize       len,
            int        *out)
{
  int v = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (text[i] - '0');
    }
  *out = v;
  return len > 0;
}

/* "YYYY-MM-DD", "YYYY-MM", "YYYY-MM-DD HH:MM[:SS]" (also with a "T"). */
static gboolean
parse_date (const char   *value,
            lxw_datetime *dt,
            gboolean     *with_time)
{
  gsize len = strlen (value);
  int y, m, d = 1, hh = 0, mm = 0, ss = 0;

  *with_time = FALSE;
  if (len < 7 || value[4] != '-' || !parse_uint (value, 4, &y) || !parse_uint (value + 5, 2, &m))
    return FALSE;
  if (len > 7)
    {
      if (len < 10 || value[7] != '-' || !parse_uint (value + 8, 2, &d))
        return FALSE;
      if (len > 10)
        {
          if ((value[10] != ' ' && value[10] != 'T') || len < 16 || value[13] != ':'
              || !parse_uint (value + 11, 2, &hh) || !parse_uint (value + 14, 2, &mm))
            return FALSE;
          if (len == 19)
            {
              if (value[16] != ':' || !parse_uint (value + 17, 2, &ss))
                return FALSE;
            }
          else if (len != 16)
            return FALSE;
          if (hh > 23 || mm > 59 || ss > 59)
            return FALSE;
          *with_time = TRUE;
        }
    }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  dt->year = y;
  dt->month = m;
  dt->day = d;
  dt->hour = hh;
  dt->min = mm;
  dt->sec = ss;
  return TRUE;
}

/* Writes value as kind at row, col; *width receives the displayed width,
 * or 0 when it cannot exceed known (the column's widest so far). */
static gboolean
write_value (LdXlsxWriter *self,
             guint32       row,
             guint16       col,
             LdXlsxKind    kind,
             const char   *value,
             gboolean      form,
             double        cap,
             double        known,
             double       *width,
             gboolean     *datetime,
             guint        *lines,
             GError      **error)
{
  lxw_format **formats = form ? self->fmt_form : self->fmt_cell;
  g_autofree char *owned = NULL;
  const char *text;
  gboolean truncated = FALSE;
  gboolean wrap = FALSE;
  gsize length;
  double number;

  *width = 0;
  if (datetime != NULL)
    *datetime = FALSE;
  if (value == NULL || *value == '\0')
    {
      if (form)
        return check_lxw (worksheet_write_blank (self->sheet, row, col, formats[CELL_TEXT]),
                          N_("a cell"), error);
      return TRUE;
    }

  switch (kind)
    {
    case LD_XLSX_DATE:
      {
        lxw_datetime dt = { 0 };
        gboolean with_time;

        if (parse_date (value, &dt, &with_time))
          {
            *width = with_time ? 16 : 10;
            if (datetime != NULL)
              *datetime = with_time;
            return check_lxw (worksheet_write_datetime (self->sheet, row, col, &dt,
                                                        formats[with_time ? CELL_DATETIME : CELL_DATE]),
                              N_("a date"), error);
          }
      }
      break;
    case LD_XLSX_INTEGER:
    case LD_XLSX_DECIMAL:
    case LD_XLSX_PERCENT:
      if (parse_number (value, &number))
        {
          CellFormat f = kind == LD_XLSX_INTEGER ? CELL_INTEGER
                       : kind == LD_XLSX_DECIMAL ? CELL_DECIMAL : CELL_PERCENT;

          *width = strlen (value) + (kind == LD_XLSX_PERCENT ? 1 : 0);
          return check_lxw (worksheet_write_number (self->sheet, row, col, number, formats[f]),
                            N_("a number"), error);
        }
      break;
    case LD_XLSX_TEXT:
    case LD_XLSX_LONG_TEXT:
    case LD_XLSX_CODE:
    default:
      break;
    }

  /* Text, or a value of another kind that did not parse. The width is
   * at most the byte length, so short text needs no measuring. */
  text = cell_text (value, &length, &truncated, &owned);
  if (truncated)
    self->truncated++;
  if (memchr (text, '\n', length) != NULL)
    {
      wrap = TRUE;
      *width = ld_xlsx_text_width (text);
    }
  else if (length > known || length > cap)
    {
      *width = ld_xlsx_text_width (text);
      wrap = *width > cap;
    }
  /* A wrapped table cell: the lines it takes in its column, whose width
   * is the cap or, for text with line breaks, at least the widest so far. */
  if (wrap && lines != NULL)
    *lines = wrapped_lines (text, text_room (column_width (MAX (known, *width), kind, FALSE), FALSE));
  if (kind == LD_XLSX_CODE)
    return write_string (self, row, col, text, formats[wrap ? CELL_CODE_WRAP : CELL_CODE], error);
  return write_string (self, row, col, text, formats[wrap ? CELL_TEXT_WRAP : CELL_TEXT], error);
}

gboolean
ld_xlsx_writer_add_row (LdXlsxWriter       *self,
                        const char * const *values,
                        GError            **error)
{
  guint lines = 1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (self->sheet == NULL || self->is_form)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("A data row was written outside a table sheet."));
      return FALSE;
    }
  if (self->next_row >= LXW_ROW_MAX)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The sheet has more than %d rows, which Excel cannot open. Narrow the selection "
                     "and export again."),
                   LXW_ROW_MAX - FIRST_DATA_ROW);
      return FALSE;
    }

  for (guint i = 0; i < self->n_columns; i++)
    {
      double width;
      gboolean datetime;
      guint cell_lines = 1;

      if (!write_value (self, self->next_row, i, self->kinds[i], values[i], FALSE,
                        kind_cap (self->kinds[i], FALSE), self->widths[i], &width, &datetime, &cell_lines, error))
        return FALSE;
      self->widths[i] = MAX (self->widths[i], width);
      self->has_datetime[i] |= datetime;
      lines = MAX (lines, cell_lines);
    }
  /* Wrapped text gets a row tall enough for it: Excel does not fit row
   * heights when it opens a file, and LibreOffice misjudges mixed CJK
   * and Latin text. The row is still the current one, also when
   * streaming. */
  if (lines > 1 && !check_lxw (worksheet_set_row (self->sheet, self->next_row, lines_height (MIN (lines, 30)), NULL),
                               N_("a row height"), error))
    return FALSE;
  self->next_row++;
  self->rows++;
  return TRUE;
}

/* Forms ------------------------------------------------------------------- */

gboolean
ld_xlsx_writer_begin_form (LdXlsxWriter *self,
                           const char   *name,
                           const char   *title,
                           guint         n_columns,
                           GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_columns > 0 && n_columns <= LXW_COL_MAX, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error) || !finish_sheet (self, error))
    return FALSE;

  self->sheet = add_sheet (self, name, error);
  if (self->sheet == NULL)
    return FALSE;
  self->is_form = TRUE;
  self->n_columns = n_columns;
  self->widths = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    self->widths[i] = LXW_DEF_COL_WIDTH;
  self->row_lines = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->next_row = FORM_FIRST_ROW;

  if (!setup_page (self, title, FALSE, error))
    return FALSE;
  return write_top_rows (self, title, n_columns, 0, error);
}

static gboolean
check_form_cell (LdXlsxWriter *self,
                 guint         row,
                 guint         col,
                 guint         span,
                 GError      **error)
{
  if (!check_writable (self, error))
    return FALSE;
  if (self->sheet == NULL || !self->is_form)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("A form cell was written outside a form sheet."));
      return FALSE;
    }
  if (span == 0 || row < FORM_FIRST_ROW || row >= LXW_ROW_MAX || col + span > LXW_COL_MAX)
    {
      /* Rows 0 and 1 hold the mark and the title. */
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("A form cell lies outside the sheet (row %u, column %u)."), row + 1, col + 1);
      return FALSE;
    }
  return TRUE;
}

/* Makes row tall enough for text wrapped in the span's width; a row only
 * grows. */
static gboolean
fit_form_row (LdXlsxWriter *self,
              guint         row,
              guint         col,
              guint         span,
              const char   *text,
              gboolean      bold,
              GError      **error)
{
  double width = 0;
  guint lines = 1;
  guint8 known = 0;
  gboolean passed = row < self->next_row;

  self->next_row = MAX (self->next_row, row);
  for (guint i = col; i < col + span; i++)
    width += i < self->n_columns ? self->widths[i] : LXW_DEF_COL_WIDTH;
  if (text != NULL && *text != '\0')
    lines = MIN (wrapped_lines (text, text_room (width, bold)), 40);
  if (row < self->row_lines->len)
    known = g_array_index (self->row_lines, guint8, row);
  /* A streamed row is written once the next row starts. */
  if (lines <= known || (self->streaming && passed))
    return TRUE;
  if (row >= self->row_lines->len)
    g_array_set_size (self->row_lines, row + 1);
  g_array_index (self->row_lines, guint8, row) = (guint8) lines;
  return check_lxw (worksheet_set_row (self->sheet, row, lines_height (lines), NULL),
                    N_("a row height"), error);
}

/* Borders the span's other cells; the caller writes the first one. */
static gboolean
merge_span (LdXlsxWriter *self,
            guint         row,
            guint         col,
            guint         span,
            lxw_format   *format,
            GError      **error)
{
  if (span <= 1)
    return TRUE;
  return check_lxw (worksheet_merge_range (self->sheet, row, col, row, col + span - 1, "", format),
                    N_("a merged cell"), error);
}

gboolean
ld_xlsx_writer_form_label (LdXlsxWriter *self,
                           guint         row,
                           guint         col,
                           guint         span,
                           const char   *label,
                           GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_form_cell (self, row, col, span, error))
    return FALSE;
  text = ld_xlsx_cell_text (label, NULL);
  if (!fit_form_row (self, row, col, span, text, TRUE, error)
      || !merge_span (self, row, col, span, self->fmt_label, error))
    return FALSE;
  return write_string (self, row, col, text, self->fmt_label, error);
}

gboolean
ld_xlsx_writer_form_value (LdXlsxWriter *self,
                           guint         row,
                           guint         col,
                           guint         span,
                           LdXlsxKind    kind,
                           const char   *value,
                           GError      **error)
{
  double width;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_form_cell (self, row, col, span, error))
    return FALSE;
  if (!fit_form_row (self, row, col, span,
                     kind == LD_XLSX_TEXT || kind == LD_XLSX_LONG_TEXT || kind == LD_XLSX_CODE ? value : NULL,
                     FALSE, error))
    return FALSE;
  if (!merge_span (self, row, col, span, self->fmt_form[CELL_TEXT], error))
    return FALSE;
  return write_value (self, row, col, kind, value, TRUE, G_MAXDOUBLE, G_MAXDOUBLE, &width, NULL, NULL, error);
}

/* Image size ---------------------------------------------------------------- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

/* The pixel size and resolution of a PNG or JPEG, as libxlsxwriter reads
 * them (it scales by 96 / dpi). */
static gboolean
image_size (const guint8 *data,
            gsize         size,
            double       *width,
            double       *height,
            double       *x_dpi,
            double       *y_dpi)
{
  *x_dpi = *y_dpi = 96;

  if (size >= 24 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      gsize pos = 8;

      *width = be32 (data + 16);
      *height = be32 (data + 20);
      while (pos + 12 <= size)
        {
          guint32 len = be32 (data + pos);

          if (memcmp (data + pos + 4, "pHYs", 4) == 0 && len >= 9 && pos + 8 + 9 <= size)
            {
              const guint8 *c = data + pos + 8;

              if (c[8] == 1 && be32 (c) > 0 && be32 (c + 4) > 0)
                {
                  *x_dpi = be32 (c) * 0.0254;
                  *y_dpi = be32 (c + 4) * 0.0254;
                }
              break;
            }
          if (memcmp (data + pos + 4, "IDAT", 4) == 0 || len > size)
            break;
          pos += 12 + (gsize) len;
        }
      return *width > 0 && *height > 0;
    }

  if (size >= 4 && data[0] == 0xFF && data[1] == 0xD8)
    {
      gsize pos = 2;

      while (pos + 4 <= size)
        {
          guint8 marker;
          guint16 len;

          if (data[pos] != 0xFF)
            return FALSE;
          marker = data[pos + 1];
          if (marker == 0xFF)
            {
              pos++;
              continue;
            }
          len = be16 (data + pos + 2);
          if (len < 2 || pos + 2 + len > size)
            return FALSE;
          if (marker == 0xE0 && len >= 16 && memcmp (data + pos + 4, "JFIF", 4) == 0)
            {
              const guint8 *c = data + pos + 4;
              guint8 units = c[7];
              guint16 xd = be16 (c + 8);
              guint16 yd = be16 (c + 10);

              if (units == 1 && xd > 0 && yd > 0)
                {
                  *x_dpi = xd;
                  *y_dpi = yd;
                }
              else if (units == 2 && xd > 0 && yd > 0)
                {
                  *x_dpi = xd * 2.54;
                  *y_dpi = yd * 2.54;
                }
            }
          if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            {
              if (len < 7)
                return FALSE;
              *height = be16 (data + pos + 5);
              *width = be16 (data + pos + 7);
              return *width > 0 && *height > 0;
            }
          pos += 2 + len;
        }
    }
  return FALSE;
}

static double
column_pixels (double width)
{
  if (width < 1)
    return floor (width * 12 + 0.5);
  return floor (width * 7 + 0.5) + 5;
}

gboolean
ld_xlsx_writer_form_image (LdXlsxWriter *self,
                           guint         row,
                           guint         col,
                           guint         cols,
                           guint         rows,
                           GBytes       *image,
                           GError      **error)
{
  lxw_image_options opt = { 0 };
  const guint8 *data;
  gsize size;
  double w, h, x_dpi, y_dpi;
  double box_w = 0, box_h;
  double scale;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_form_cell (self, row, col, MAX (cols, 1), error))
    return FALSE;
  data = g_bytes_get_data (image, &size);
  if (data == NULL || !image_size (data, size, &w, &h, &x_dpi, &y_dpi))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("The photo is neither a PNG nor a JPEG image. Replace it and export again."));
      return FALSE;
    }

  for (guint i = col; i < col + MAX (cols, 1); i++)
    box_w += column_pixels (i < self->n_columns ? self->widths[i] : LXW_DEF_COL_WIDTH);
  box_h = (double) MAX (rows, 1) * DEFAULT_ROW_PX;
  /* Displayed size before scaling, as libxlsxwriter computes it. */
  w = w * 96.0 / x_dpi;
  h = h * 96.0 / y_dpi;
  box_w -= 4;
  box_h -= 4;
  scale = MIN (box_w / w, box_h / h);
  if (scale <= 0)
    scale = 1;
  opt.x_offset = (int32_t) MAX (2, (box_w - w * scale) / 2 + 2);
  opt.y_offset = 2;
  opt.x_scale = scale;
  opt.y_scale = scale;
  opt.object_position = LXW_OBJECT_MOVE_AND_SIZE;
  opt.description = _("Photo");

  return check_lxw (worksheet_insert_image_buffer_opt (self->sheet, row, col, data, size, &opt),
                    N_("the photo"), error);
}

gboolean
ld_xlsx_writer_form_column (LdXlsxWriter *self,
                            guint         col,
                            double        width,
                            GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_form_cell (self, FORM_FIRST_ROW, col, 1, error))
    return FALSE;
  if (col < self->n_columns)
    self->widths[col] = width;
  return check_lxw (worksheet_set_column (self->sheet, col, col, width, NULL),
                    N_("column widths"), error);
}

/* Counters ---------------------------------------------------------------- */

gint64
ld_xlsx_writer_get_rows (LdXlsxWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows;
}

guint
ld_xlsx_writer_get_truncated (LdXlsxWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->truncated;
}

/* Closing ----------------------------------------------------------------- */

static char *
file_sha256 (const char *path,
             GError    **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[65536];
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    goto failed;
  if (fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      errno = saved;
      goto failed;
    }
  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          errno = saved;
          goto failed;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
    }
  close (fd);
  return g_strdup (g_checksum_get_string (checksum));

failed:
  {
    int saved = errno;

    g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                 _("Could not save the workbook: %s. Check the free space and try again."),
                 g_strerror (saved));
    return NULL;
  }
}

/* A structural check of one XML part as libxlsxwriter writes it ("<" and
 * ">" escaped in text and attributes, no NUL): tags alternate with text,
 * open and close tags balance, and nothing but white space follows the
 * root element. A part that lost its tail, or a block in the middle, fails
 * it. One pass without a parser: several times faster than expat, which
 * matters for the roster benchmark (issue 6: at most 1.3 × libxlsxwriter
 * alone). */
typedef struct
{
  int      depth;
  guchar   first;           /* the tag's first character */
  guchar   last;            /* the character before the current one */
  gboolean in_tag;
  gboolean first_pending;
  gboolean seen_root;
  gboolean root_done;
  gboolean bad;
} XmlScan;

static void
xml_close_tag (XmlScan *x)
{
  x->in_tag = FALSE;
  if (x->first_pending)
    x->bad = TRUE;            /* "<>" */
  else if (x->first == '?' || x->first == '!')
    ;
  else if (x->first == '/')
    {
      if (--x->depth < 0)
        x->bad = TRUE;
      else if (x->depth == 0)
        x->root_done = TRUE;
    }
  else if (x->root_done)
    x->bad = TRUE;            /* a second root */
  else if (x->last == '/')
    {
      if (x->depth == 0)
        x->root_done = TRUE;
      x->seen_root = TRUE;
    }
  else
    {
      x->depth++;
      x->seen_root = TRUE;
    }
}

static void
xml_scan (XmlScan      *x,
          const guchar *p,
          gsize         len)
{
  const guchar *end = p + len;

  for (; p < end; p++)
    {
      guchar c = *p;

      if (G_LIKELY (c != '<' && c != '>' && c != '\0'))
        {
          if (G_UNLIKELY (x->first_pending))
            {
              x->first = c;
              x->first_pending = FALSE;
            }
          else if (G_UNLIKELY (x->root_done && !x->in_tag && !g_ascii_isspace (c)))
            x->bad = TRUE;
        }
      else if (c == '<')
        {
          if (x->in_tag)
            x->bad = TRUE;
          x->in_tag = TRUE;
          x->first_pending = TRUE;
        }
      else if (c == '>' && x->in_tag)
        xml_close_tag (x);
      else
        x->bad = TRUE;
      x->last = c;
    }
}

static gboolean
xml_scan_ok (const XmlScan *x)
{
  return !x->bad && !x->in_tag && x->seen_root && x->root_done && x->depth == 0;
}

/* libxlsxwriter 1.1.4 ignores failed writes to its temporary XML parts
 * (a full XDG_RUNTIME_DIR, a file size limit): workbook_close() then
 * returns success for a workbook with cut-off parts. So every part of the
 * finished package is read back: the ZIP must be consistent, every entry
 * must pass its CRC and every XML part must pass xml_scan(). */
static gboolean
verify_package (const char *path)
{
  zip_t *zip;
  zip_int64_t n;
  gboolean ok = TRUE;
  int zerr = 0;
  guchar *buffer;

  zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (zip == NULL)
    return FALSE;
  n = zip_get_num_entries (zip, 0);
  buffer = g_malloc (65536);
  for (zip_int64_t i = 0; i < n && ok; i++)
    {
      const char *name = zip_get_name (zip, i, 0);
      gboolean is_xml = name != NULL && (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels"));
      zip_file_t *file = zip_fopen_index (zip, i, 0);
      XmlScan scan = { 0 };

      if (file == NULL || name == NULL)
        ok = FALSE;
      while (ok)
        {
          zip_int64_t got = zip_fread (file, buffer, 65536);

          if (got < 0)
            ok = FALSE;
          if (got <= 0)
            break;
          if (is_xml)
            xml_scan (&scan, buffer, got);
        }
      if (ok && is_xml && !xml_scan_ok (&scan))
        {
          g_debug ("Part %s of %s is damaged", name, path);
          ok = FALSE;
        }
      if (file != NULL)
        zip_fclose (file);
    }
  g_free (buffer);
  zip_discard (zip);
  return ok && n > 0;
}

gboolean
ld_xlsx_writer_close (LdXlsxWriter *self,
                      char        **sha256,
                      GError      **error)
{
  lxw_error rc;
  char *digest;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sha256 != NULL)
    *sha256 = NULL;
  if (!check_writable (self, error))
    return FALSE;

  if (!finish_sheet (self, error))
    {
      discard_workbook (self);
      self->closed = TRUE;
      unlink_tmp (self);
      return FALSE;
    }

  /* workbook_close() frees the workbook whatever it returns. */
  rc = workbook_close (self->workbook);
  self->workbook = NULL;
  self->closed = TRUE;
  if (rc != LXW_NO_ERROR)
    {
      unlink_tmp (self);
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   /* Translators: %s: libxlsxwriter's reason, e.g. "Error creating output xlsx file" */
                   _("Could not save the workbook: %s. Check the free space and that you may write to the "
                     "folder, then try again."),
                   lxw_strerror (rc));
      return FALSE;
    }

  if (!verify_package (self->tmp_path))
    {
      unlink_tmp (self);
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Could not save the workbook: it came out damaged, most likely because the "
                             "disk or the memory-backed temporary folder is full. Free some space or export "
                             "fewer rows, then try again."));
      return FALSE;
    }

  digest = file_sha256 (self->tmp_path, error);
  if (digest == NULL)
    {
      unlink_tmp (self);
      return FALSE;
    }
  if (sha256 != NULL)
    *sha256 = digest;
  else
    g_free (digest);
  return TRUE;
}

gboolean
ld_xlsx_writer_commit (LdXlsxWriter *self,
                       GError      **error)
{
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->closed || self->tmp_path == NULL || self->committed)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("The workbook was not saved, so it cannot be put in place."));
      return FALSE;
    }

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;

      unlink_tmp (self);
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   /* Translators: %s: file, %s: system reason */
                   _("Could not save the workbook as “%s”: %s. Choose another name or folder and try again."),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  self->committed = TRUE;

  dir = g_path_get_dirname (self->path);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
ld_xlsx_writer_finish (LdXlsxWriter *self,
                       char        **sha256,
                       GError      **error)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (sha256 != NULL)
    *sha256 = NULL;
  if (!ld_xlsx_writer_close (self, &digest, error))
    return FALSE;
  if (!ld_xlsx_writer_commit (self, error))
    return FALSE;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&digest);
  return TRUE;
}
