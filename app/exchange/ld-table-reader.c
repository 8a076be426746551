/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-table-reader"

#include "config.h"

#include "exchange/ld-table-reader.h"

#include "ld-error.h"

/* Debian's libexpat is built with DTD support, which is what declares the
 * billion-laughs protection API in expat.h. */
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <expat.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Entries below this size are not checked for their compression ratio: small
 * XML parts (a style sheet, a one-row sheet) compress far better than 100:1
 * without being a danger (Apache POI's GRACE_ENTRY_SIZE). */
#define RATIO_GRACE_SIZE (100 * 1024)
/* Largest row number Excel allows. */
#define MAX_SHEET_ROW    1048576
#define CHUNK_SIZE       (64 * 1024)

typedef struct
{
  guint      number;
  GPtrArray *cells;   /* char*, NULL for an empty cell */
  guint8    *numeric; /* bit per column: an XLSX number cell; NULL when none */
} Row;

#define NUMERIC_BYTES ((LD_TABLE_MAX_COLUMNS + 7) / 8)

struct _LdTable
{
  GArray *rows;    /* Row */
  GArray *merged;  /* LdTableRange */
  char   *sha256;
  gsize   n_cells;
  gboolean date1904;
  const char *format;
  const char *encoding;
};

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->cells, g_ptr_array_unref);
  g_clear_pointer (&row->numeric, g_free);
}

static LdTable *
table_new (void)
{
  LdTable *table = g_new0 (LdTable, 1);

  table->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (table->rows, row_clear);
  table->merged = g_array_new (FALSE, TRUE, sizeof (LdTableRange));
  table->format = "csv";
  table->encoding = "UTF-8";
  return table;
}

void
ld_table_free (LdTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->merged, g_array_unref);
  g_clear_pointer (&table->sha256, g_free);
  g_free (table);
}

char *
ld_table_column_name (guint column)
{
  char buf[16];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      column--;
      buf[--i] = 'A' + column % 26;
      column /= 26;
    }
  return g_strdup (buf + i);
}

guint
ld_table_get_n_rows (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

guint
ld_table_get_row_number (const LdTable *table,
                         guint          i)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (i < table->rows->len, 0);
  return g_array_index (table->rows, Row, i).number;
}

guint
ld_table_get_n_columns (const LdTable *table,
                        guint          i)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (i < table->rows->len, 0);
  return g_array_index (table->rows, Row, i).cells->len;
}

guint
ld_table_get_max_columns (const LdTable *table)
{
  guint max = 0;

  g_return_val_if_fail (table != NULL, 0);
  for (guint i = 0; i < table->rows->len; i++)
    max = MAX (max, g_array_index (table->rows, Row, i).cells->len);
  return max;
}

const char *
ld_table_get_cell (const LdTable *table,
                   guint          row,
                   guint          column)
{
  const Row *r;
  const char *cell;

  g_return_val_if_fail (table != NULL, "");
  if (row >= table->rows->len)
    return "";
  r = &g_array_index (table->rows, Row, row);
  if (column >= r->cells->len)
    return "";
  cell = g_ptr_array_index (r->cells, column);
  return cell ? cell : "";
}

gboolean
ld_table_is_number (const LdTable *table,
                    guint          row,
                    guint          column)
{
  const Row *r;

  g_return_val_if_fail (table != NULL, FALSE);
  if (row >= table->rows->len)
    return FALSE;
  r = &g_array_index (table->rows, Row, row);
  if (r->numeric == NULL || column >= r->cells->len)
    return FALSE;
  return (r->numeric[column / 8] >> (column % 8)) & 1;
}

gboolean
ld_table_get_date1904 (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->date1904;
}

guint
ld_table_get_n_merged (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->merged->len;
}

const LdTableRange *
ld_table_get_merged (const LdTable *table,
                     guint          i)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (i < table->merged->len, NULL);
  return &g_array_index (table->merged, LdTableRange, i);
}

const LdTableRange *
ld_table_find_merged (const LdTable *table,
                      guint          row_number,
                      guint          column)
{
  g_return_val_if_fail (table != NULL, NULL);
  for (guint i = 0; i < table->merged->len; i++)
    {
      const LdTableRange *r = &g_array_index (table->merged, LdTableRange, i);

      if (row_number >= r->first_row && row_number <= r->last_row &&
          column >= r->first_column && column <= r->last_column)
        return r;
    }
  return NULL;
}

const char *
ld_table_get_sha256 (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->sha256;
}

const char *
ld_table_get_format (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->format;
}

const char *
ld_table_get_encoding (const LdTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->encoding;
}

/* Adds a finished row: drops trailing empty cells and skips rows without
 * any content. Takes CELLS. */
static gboolean
table_add_row (LdTable       *table,
               guint          number,
               GPtrArray     *cells,
               const guint8  *numeric,
               GError       **error)
{
  guint filled = 0;
  Row row;

  while (cells->len > 0 && g_ptr_array_index (cells, cells->len - 1) == NULL)
    g_ptr_array_set_size (cells, cells->len - 1);
  for (guint i = 0; i < cells->len; i++)
    filled += g_ptr_array_index (cells, i) != NULL;
  if (filled == 0)
    {
      g_ptr_array_unref (cells);
      return TRUE;
    }
  if (table->rows->len >= LD_TABLE_MAX_ROWS)
    {
      g_ptr_array_unref (cells);
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file has more than %d rows. Split it into smaller files and import them one by one."),
                   LD_TABLE_MAX_ROWS);
      return FALSE;
    }
  table->n_cells += filled;
  if (table->n_cells > LD_TABLE_MAX_CELLS)
    {
      g_ptr_array_unref (cells);
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file has more than %d filled cells. Split it into smaller files and import them one "
                     "by one."),
                   LD_TABLE_MAX_CELLS);
      return FALSE;
    }
  row.number = number;
  row.cells = cells;
  row.numeric = NULL;
  for (guint i = 0; numeric != NULL && i < (cells->len + 7) / 8 && row.numeric == NULL; i++)
    if (numeric[i] != 0)
      row.numeric = g_memdup2 (numeric, (cells->len + 7) / 8);
  g_array_append_val (table->rows, row);
  return TRUE;
}

/* Checks one cell's length and column; TEXT is valid UTF-8. */
static gboolean
check_cell (guint        row_number,
            guint        column,
            const char  *text,
            gsize        bytes,
            GError     **error)
{
  if (column >= LD_TABLE_MAX_COLUMNS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Row %u has more than %d columns. Delete the extra columns and try again."),
                   row_number, LD_TABLE_MAX_COLUMNS);
      return FALSE;
    }
  if (bytes > LD_TABLE_MAX_CELL_CHARS &&
      g_utf8_strlen (text, bytes) > LD_TABLE_MAX_CELL_CHARS)
    {
      g_autofree char *name = ld_table_column_name (column);

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Cell %s%u has more than %d characters. Shorten it and try again."),
                   name, row_number, LD_TABLE_MAX_CELL_CHARS);
      return FALSE;
    }
  return TRUE;
}

static void
set_cell (GPtrArray *cells,
          guint      column,
          char      *text)
{
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      return;
    }
  if (column >= cells->len)
    g_ptr_array_set_size (cells, column + 1);
  g_free (g_ptr_array_index (cells, column));
  g_ptr_array_index (cells, column) = text;
}

static GPtrArray *
cells_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* ---- CSV ---------------------------------------------------------------- */

static gboolean
parse_csv (LdTable       *table,
           const char    *data,
           gsize          length,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) cells = cells_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  guint record = 1;
  gsize i = 0;

  while (i <= length)
    {
      gboolean at_end;

      g_string_truncate (field, 0);
      if (i < length && data[i] == '"')
        {
          guint start_record = record;

          i++;
          for (;;)
            {
              if (i >= length)
                {
                  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                               _("Row %u has a quoted field without its closing quote (\"). "
                                 "Check the quotes in that row and save the file again."),
                               start_record);
                  return FALSE;
                }
              if (data[i] == '"')
                {
                  if (i + 1 < length && data[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              /* Line ends inside a field are kept as a plain LF. */
              if (data[i] == '\r')
                {
                  g_string_append_c (field, '\n');
                  i += (i + 1 < length && data[i + 1] == '\n') ? 2 : 1;
                  continue;
                }
              g_string_append_c (field, data[i++]);
              if (field->len > 4 * LD_TABLE_MAX_CELL_CHARS &&
                  !check_cell (start_record, cells->len, field->str, field->len, error))
                return FALSE;
            }
          if (i < length && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Row %u has text after a closing quote (\"). "
                             "Quotes inside a field must be doubled (\"\"). Check that row and save the file again."),
                           record);
              return FALSE;
            }
        }
      else
        {
          while (i < length && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
            {
              if (data[i] == '"')
                {
                  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                               _("Row %u has a quote (\") inside a field that does not start with one. "
                                 "Check that row and save the file again."),
                               record);
                  return FALSE;
                }
              g_string_append_c (field, data[i++]);
            }
        }

      if (!check_cell (record, cells->len, field->str, field->len, error))
        return FALSE;
      g_ptr_array_add (cells, field->len ? g_strndup (field->str, field->len) : NULL);

      at_end = i >= length;
      if (at_end || data[i] == '\r' || data[i] == '\n')
        {
          if (!at_end)
            i += (data[i] == '\r' && i + 1 < length && data[i + 1] == '\n') ? 2 : 1;
          if (!table_add_row (table, record, g_steal_pointer (&cells), NULL, error))
            return FALSE;
          cells = cells_new ();
          if (at_end || i >= length)
            break;
          record++;
          if ((record & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
      else
        i++; /* the comma */
    }
  return TRUE;
}

static gboolean
read_csv (LdTable       *table,
          const char    *data,
          gsize          length,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *converted = NULL;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file is in UTF-16, which cannot be imported. "
                     "Save it as “CSV UTF-8” or as an Excel workbook (.xlsx) and try again."));
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file contains NUL bytes, so it is not a text CSV file. "
                     "Save it as “CSV UTF-8” or as an Excel workbook (.xlsx) and try again."));
      return FALSE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      gsize written = 0;

      converted = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
      if (converted == NULL || !g_utf8_validate (converted, written, NULL) ||
          memchr (converted, '\0', written) != NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The file is neither UTF-8 nor GB18030 text. "
                         "Save it as “CSV UTF-8” or as an Excel workbook (.xlsx) and try again."));
          return FALSE;
        }
      data = converted;
      length = written;
      table->encoding = "GB18030";
    }
  table->format = "csv";
  return parse_csv (table, data, length, cancellable, error);
}

/* ---- XML with expat ------------------------------------------------------- */

typedef struct _XmlReader XmlReader;
typedef void (*StartFunc) (XmlReader *xr, const char *name, const char **attrs);
typedef void (*EndFunc)   (XmlReader *xr, const char *name);

struct _XmlReader
{
  XML_Parser  parser;
  GError     *error;
  StartFunc   start;
  EndFunc     end;
  gboolean    collect;   /* collect character data into text */
  GString    *text;
  gpointer    data;
};

static void
xml_fail (XmlReader  *xr,
          GError     *error)
{
  if (xr->error == NULL)
    xr->error = error;
  else
    g_error_free (error);
  XML_StopParser (xr->parser, XML_FALSE);
}

/* Element and attribute names without their namespace prefix. */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

static const char *
get_attr (const char **attrs,
          const char  *name)
{
  for (guint i = 0; attrs[i] != NULL; i += 2)
    if (g_str_equal (local_name (attrs[i]), name))
      return attrs[i + 1];
  return NULL;
}

static void XMLCALL
start_element_cb (void        *user_data,
                  const char  *name,
                  const char **attrs)
{
  XmlReader *xr = user_data;

  if (xr->error == NULL)
    xr->start (xr, local_name (name), attrs);
}

static void XMLCALL
end_element_cb (void       *user_data,
                const char *name)
{
  XmlReader *xr = user_data;

  if (xr->error == NULL)
    xr->end (xr, local_name (name));
}

static void XMLCALL
character_data_cb (void       *user_data,
                   const char *s,
                   int         len)
{
  XmlReader *xr = user_data;

  if (!xr->collect || xr->error != NULL)
    return;
  g_string_append_len (xr->text, s, len);
  if (xr->text->len > 4 * LD_TABLE_MAX_CELL_CHARS + 64)
    xml_fail (xr, g_error_new (LD_ERROR, LD_ERROR_INVALID,
                               _("A cell in the workbook has more than %d characters. Shorten it and try again."),
                               LD_TABLE_MAX_CELL_CHARS));
}

static void XMLCALL
doctype_cb (void       *user_data,
            const char *doctype_name,
            const char *sysid,
            const char *pubid,
            int         has_internal_subset)
{
  XmlReader *xr = user_data;

  xml_fail (xr, g_error_new (LD_ERROR, LD_ERROR_INVALID,
                             _("The workbook contains a document type declaration (DOCTYPE), which Excel never "
                               "writes and which can hide an attack. Open it in Excel or WPS, save it as a new "
                               ".xlsx file and try again.")));
}

static void XMLCALL
entity_decl_cb (void       *user_data,
                const char *entity_name,
                int         is_parameter_entity,
                const char *value,
                int         value_length,
                const char *base,
                const char *system_id,
                const char *public_id,
                const char *notation_name)
{
  XmlReader *xr = user_data;

  xml_fail (xr, g_error_new (LD_ERROR, LD_ERROR_INVALID,
                             _("The workbook declares XML entities, which Excel never writes. Open it in Excel "
                               "or WPS, save it as a new .xlsx file and try again.")));
}

static void
xml_reader_init (XmlReader *xr,
                 StartFunc  start,
                 EndFunc    end,
                 gpointer   data)
{
  memset (xr, 0, sizeof *xr);
  xr->parser = XML_ParserCreate ("UTF-8");
  xr->start = start;
  xr->end = end;
  xr->data = data;
  xr->text = g_string_new (NULL);
  XML_SetUserData (xr->parser, xr);
  XML_SetElementHandler (xr->parser, start_element_cb, end_element_cb);
  XML_SetCharacterDataHandler (xr->parser, character_data_cb);
  XML_SetStartDoctypeDeclHandler (xr->parser, doctype_cb);
  XML_SetEntityDeclHandler (xr->parser, entity_decl_cb);
  /* Never load external entities or parameter entities. */
  XML_SetParamEntityParsing (xr->parser, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetBillionLaughsAttackProtectionMaximumAmplification (xr->parser, 20.0f);
  XML_SetBillionLaughsAttackProtectionActivationThreshold (xr->parser, 1024 * 1024);
}

static void
xml_reader_clear (XmlReader *xr)
{
  g_clear_pointer (&xr->parser, XML_ParserFree);
  g_clear_error (&xr->error);
  if (xr->text)
    g_string_free (xr->text, TRUE);
  xr->text = NULL;
}

/* ---- ZIP with libzip ------------------------------------------------------ */

typedef struct
{
  zip_t        *zip;
  GCancellable *cancellable;
  guint64       total;   /* uncompressed bytes read so far */
} Package;

static GError *
invalid_xlsx (const char *detail)
{
  return g_error_new (LD_ERROR, LD_ERROR_INVALID,
                      _("The file is not a valid Excel workbook (%s). "
                        "Open it in Excel or WPS, save it as .xlsx and try again."),
                      detail);
}

static gboolean
bad_entry_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '/' || strchr (name, '\\') != NULL || strchr (name, ':') != NULL)
    return TRUE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

/* Checks every entry's name, size and ratio before anything is inflated. */
static gboolean
check_package (zip_t   *zip,
               GError **error)
{
  zip_int64_t n = zip_get_num_entries (zip, 0);
  guint64 total = 0;

  if (n > LD_TABLE_MAX_ZIP_ENTRIES)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The workbook has %u parts, more than the %d an .xlsx file needs. "
                     "Copy the sheet into a new workbook, save it and try again."),
                   (guint) MIN (n, G_MAXUINT), LD_TABLE_MAX_ZIP_ENTRIES);
      return FALSE;
    }
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t st;

      zip_stat_init (&st);
      if (zip_stat_index (zip, i, 0, &st) != 0 ||
          (st.valid & (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
            (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
        {
          g_propagate_error (error, invalid_xlsx (zip_strerror (zip)));
          return FALSE;
        }
      if (!g_utf8_validate (st.name, -1, NULL) || bad_entry_name (st.name))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The workbook contains a part with a dangerous name (“%s”): names with “..”, a "
                         "leading “/” or a backslash are not allowed. Do not import this file; ask for a "
                         "copy saved by Excel or WPS."),
                       g_utf8_validate (st.name, -1, NULL) ? st.name : "?");
          return FALSE;
        }
      if (st.size > RATIO_GRACE_SIZE && st.size / MAX (st.comp_size, 1) > LD_TABLE_MAX_ZIP_RATIO)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The workbook part “%s” is compressed more than %d:1, which is typical of a "
                         "“zip bomb”. Do not import this file; ask for a copy saved by Excel or WPS."),
                       st.name, LD_TABLE_MAX_ZIP_RATIO);
          return FALSE;
        }
      if (st.size > LD_TABLE_MAX_ENTRY_SIZE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("A part of the workbook (“%s”) unpacks to more than %d MB. "
                         "Split the sheet into smaller files and try again."),
                       st.name, LD_TABLE_MAX_ENTRY_SIZE / (1024 * 1024));
          return FALSE;
        }
      total += st.size;
      if (total > LD_TABLE_MAX_TOTAL_SIZE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The workbook unpacks to more than %d MB. Split it into smaller files and try again."),
                       LD_TABLE_MAX_TOTAL_SIZE / (1024 * 1024));
          return FALSE;
        }
    }
  return TRUE;
}

/* Streams entry NAME through XR. Returns FALSE with ERROR set; when the
 * entry is missing and OPTIONAL, returns TRUE and sets *FOUND to FALSE. */
static gboolean
parse_entry (Package    *pkg,
             const char *name,
             XmlReader  *xr,
             gboolean    optional,
             gboolean   *found,
             GError    **error)
{
  zip_int64_t index = zip_name_locate (pkg->zip, name, 0);
  zip_file_t *file;
  zip_stat_t st;
  g_autofree char *buf = NULL;
  guint64 done = 0;

  if (found)
    *found = index >= 0;
  if (index < 0)
    index = zip_name_locate (pkg->zip, name, ZIP_FL_NOCASE);
  if (index < 0)
    {
      g_autofree char *detail = NULL;

      if (optional)
        return TRUE;
      detail = g_strdup_printf (_("“%s” is missing"), name);
      g_propagate_error (error, invalid_xlsx (detail));
      return FALSE;
    }
  if (found)
    *found = TRUE;
  zip_stat_init (&st);
  if (zip_stat_index (pkg->zip, index, 0, &st) != 0 ||
      (file = zip_fopen_index (pkg->zip, index, 0)) == NULL)
    {
      g_propagate_error (error, invalid_xlsx (zip_strerror (pkg->zip)));
      return FALSE;
    }

  buf = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      zip_int64_t got = zip_fread (file, buf, CHUNK_SIZE);

      if (got < 0)
        {
          g_propagate_error (error, invalid_xlsx (zip_file_strerror (file)));
          zip_fclose (file);
          return FALSE;
        }
      done += got;
      pkg->total += got;
      /* Never trust the sizes in the directory alone. */
      if (done > st.size || done > LD_TABLE_MAX_ENTRY_SIZE || pkg->total > LD_TABLE_MAX_TOTAL_SIZE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The workbook part “%s” unpacks to more data than it declares. "
                         "Do not import this file; ask for a copy saved by Excel or WPS."),
                       name);
          zip_fclose (file);
          return FALSE;
        }
      if (XML_Parse (xr->parser, buf, (int) got, got == 0) != XML_STATUS_OK)
        {
          zip_fclose (file);
          if (xr->error)
            g_propagate_error (error, g_steal_pointer (&xr->error));
          else
            {
              g_autofree char *detail =
                g_strdup_printf (_("“%s”, line %lu: %s"), name,
                                 (unsigned long) XML_GetCurrentLineNumber (xr->parser),
                                 XML_ErrorString (XML_GetErrorCode (xr->parser)));
              g_propagate_error (error, invalid_xlsx (detail));
            }
          return FALSE;
        }
      if (got == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (pkg->cancellable, error))
        {
          zip_fclose (file);
          return FALSE;
        }
    }
  zip_fclose (file);
  if (xr->error)
    {
      g_propagate_error (error, g_steal_pointer (&xr->error));
      return FALSE;
    }
  return TRUE;
}

/* Resolves TARGET of a relationship found in the part at BASE_DIR ("xl/"). */
static char *
resolve_target (const char *base_dir,
                const char *target)
{
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    joined = g_strconcat (base_dir, target, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (out->len == 0)
            return NULL;
          g_ptr_array_set_size (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

/* Relationships: Id → Target, plus the first target of a wanted type. */
typedef struct
{
  GHashTable *targets;        /* id → target */
  char       *office_document;
  char       *shared_strings;
} Rels;

static gboolean
type_is (const char *type,
         const char *suffix)
{
  return type != NULL && g_str_has_suffix (type, suffix);
}

static void
rels_start (XmlReader   *xr,
            const char  *name,
            const char **attrs)
{
  Rels *rels = xr->data;
  const char *id, *target, *type;

  if (!g_str_equal (name, "Relationship"))
    return;
  id = get_attr (attrs, "Id");
  target = get_attr (attrs, "Target");
  type = get_attr (attrs, "Type");
  if (id == NULL || target == NULL)
    return;
  if (get_attr (attrs, "TargetMode") != NULL)
    return; /* external links are never followed */
  g_hash_table_replace (rels->targets, g_strdup (id), g_strdup (target));
  if (type_is (type, "/officeDocument") && rels->office_document == NULL)
    rels->office_document = g_strdup (target);
  if (type_is (type, "/sharedStrings") && rels->shared_strings == NULL)
    rels->shared_strings = g_strdup (target);
}

static void
ignore_end (XmlReader  *xr,
            const char *name)
{
}

static void
rels_clear (Rels *rels)
{
  g_clear_pointer (&rels->targets, g_hash_table_unref);
  g_clear_pointer (&rels->office_document, g_free);
  g_clear_pointer (&rels->shared_strings, g_free);
}

static gboolean
read_rels (Package    *pkg,
           const char *name,
           Rels       *rels,
           GError    **error)
{
  XmlReader xr;
  gboolean ok;

  rels->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xml_reader_init (&xr, rels_start, ignore_end, rels);
  ok = parse_entry (pkg, name, &xr, FALSE, NULL, error);
  xml_reader_clear (&xr);
  return ok;
}

/* Workbook: the relationship id of the first visible sheet. */
typedef struct
{
  char    *first_id;
  char    *first_visible_id;
  gboolean date1904;
} Workbook;

static void
workbook_start (XmlReader   *xr,
                const char  *name,
                const char **attrs)
{
  Workbook *wb = xr->data;
  const char *id, *state;

  if (g_str_equal (name, "workbookPr"))
    {
      const char *d = get_attr (attrs, "date1904");

      wb->date1904 = d != NULL && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
      return;
    }
  if (!g_str_equal (name, "sheet"))
    return;
  id = get_attr (attrs, "id");
  state = get_attr (attrs, "state");
  if (id == NULL)
    return;
  if (wb->first_id == NULL)
    wb->first_id = g_strdup (id);
  if (wb->first_visible_id == NULL && (state == NULL || g_str_equal (state, "visible")))
    wb->first_visible_id = g_strdup (id);
}

/* Decodes the _xHHHH_ escapes of OOXML strings in place. */
static void
decode_ooxml_escapes (GString *s)
{
  g_autoptr(GString) out = NULL;
  const char *p;

  if (strstr (s->str, "_x") == NULL)
    return;
  out = g_string_sized_new (s->len);
  for (p = s->str; *p; )
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8) |
                       (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          p += 7;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  g_string_assign (s, out->str);
}

/* Shared strings: the text of each <si>, without phonetic runs (<rPh>). */
typedef struct
{
  GString  *pool;      /* every string, each followed by a NUL */
  GArray   *offsets;   /* guint32 offset of each string in pool */
  int       phonetic_depth;
  gboolean  in_si;
} SharedStrings;

static const char *
sst_get (const SharedStrings *sst,
         guint64              index)
{
  if (sst->offsets == NULL || index >= sst->offsets->len)
    return NULL;
  return sst->pool->str + g_array_index (sst->offsets, guint32, index);
}

static void
sst_start (XmlReader   *xr,
           const char  *name,
           const char **attrs)
{
  SharedStrings *sst = xr->data;

  if (g_str_equal (name, "si"))
    {
      sst->in_si = TRUE;
      g_string_truncate (xr->text, 0);
    }
  else if (g_str_equal (name, "rPh"))
    sst->phonetic_depth++;
  else if (g_str_equal (name, "t") && sst->in_si && sst->phonetic_depth == 0)
    xr->collect = TRUE;
}

static void
sst_end (XmlReader  *xr,
         const char *name)
{
  SharedStrings *sst = xr->data;

  if (g_str_equal (name, "t"))
    xr->collect = FALSE;
  else if (g_str_equal (name, "rPh"))
    sst->phonetic_depth--;
  else if (g_str_equal (name, "si"))
    {
      sst->in_si = FALSE;
      guint32 offset = sst->pool->len;

      decode_ooxml_escapes (xr->text);
      if (sst->offsets->len >= LD_TABLE_MAX_CELLS)
        {
          xml_fail (xr, invalid_xlsx (_("too many shared strings")));
          return;
        }
      /* A string with a NUL would end early: drop NULs (none in valid XML). */
      g_string_append (sst->pool, xr->text->str);
      g_string_append_c (sst->pool, '\0');
      g_array_append_val (sst->offsets, offset);
    }
}

/* The worksheet. */
typedef struct
{
  LdTable    *table;
  SharedStrings *sst;
  GPtrArray  *cells;
  guint       row_number;
  guint       next_column;
  guint       column;
  char       *type;
  gboolean    in_cell;
  gboolean    in_inline;
  GString    *value;    /* <v> */
  GString    *inline_text;
  int         phonetic_depth;
  guint8      numeric[NUMERIC_BYTES];
} Sheet;

/* Parses "B3" into a 0-based column and a row; either may be absent. */
static gboolean
parse_ref (const char *ref,
           guint      *column,
           guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p) && c <= 16384)
    c = c * 26 + (g_ascii_toupper (*p++) - 'A' + 1);
  while (g_ascii_isdigit (*p) && r <= MAX_SHEET_ROW)
    r = r * 10 + (*p++ - '0');
  if (*p != '\0' || c == 0 || c > 16384 || r > MAX_SHEET_ROW)
    return FALSE;
  *column = c - 1;
  *row = r;
  return TRUE;
}

static void
sheet_finish_row (XmlReader *xr)
{
  Sheet *sheet = xr->data;
  GError *error = NULL;

  if (sheet->cells == NULL)
    return;
  if (!table_add_row (sheet->table, sheet->row_number, g_steal_pointer (&sheet->cells), sheet->numeric, &error))
    xml_fail (xr, error);
  memset (sheet->numeric, 0, sizeof sheet->numeric);
}

static void
sheet_start (XmlReader   *xr,
             const char  *name,
             const char **attrs)
{
  Sheet *sheet = xr->data;

  if (g_str_equal (name, "row"))
    {
      const char *r = get_attr (attrs, "r");
      guint64 number = sheet->row_number + 1;

      sheet_finish_row (xr);
      if (r != NULL)
        number = g_ascii_strtoull (r, NULL, 10);
      if (number == 0 || number > MAX_SHEET_ROW || number <= sheet->row_number)
        {
          xml_fail (xr, invalid_xlsx (_("bad row number")));
          return;
        }
      sheet->row_number = number;
      sheet->next_column = 0;
      sheet->cells = cells_new ();
    }
  else if (g_str_equal (name, "c") && sheet->cells != NULL)
    {
      const char *r = get_attr (attrs, "r");
      guint row;

      sheet->column = sheet->next_column;
      if (r != NULL && (!parse_ref (r, &sheet->column, &row) || row != sheet->row_number))
        {
          xml_fail (xr, invalid_xlsx (_("bad cell reference")));
          return;
        }
      sheet->next_column = sheet->column + 1;
      g_free (sheet->type);
      sheet->type = g_strdup (get_attr (attrs, "t"));
      sheet->in_cell = TRUE;
      g_string_truncate (sheet->value, 0);
      g_string_truncate (sheet->inline_text, 0);
    }
  else if (g_str_equal (name, "v") && sheet->in_cell)
    {
      g_string_truncate (xr->text, 0);
      xr->collect = TRUE;
    }
  else if (g_str_equal (name, "is") && sheet->in_cell)
    sheet->in_inline = TRUE;
  else if (g_str_equal (name, "rPh"))
    sheet->phonetic_depth++;
  else if (g_str_equal (name, "t") && sheet->in_inline && sheet->phonetic_depth == 0)
    {
      g_string_truncate (xr->text, 0);
      xr->collect = TRUE;
    }
  else if (g_str_equal (name, "mergeCell"))
    {
      const char *ref = get_attr (attrs, "ref");
      g_auto(GStrv) ends = ref ? g_strsplit (ref, ":", 3) : NULL;
      LdTableRange range;

      if (ends == NULL || g_strv_length (ends) != 2 ||
          !parse_ref (ends[0], &range.first_column, &range.first_row) ||
          !parse_ref (ends[1], &range.last_column, &range.last_row) ||
          range.first_row == 0 || range.last_row < range.first_row ||
          range.last_column < range.first_column)
        {
          xml_fail (xr, invalid_xlsx (_("bad merged cell range")));
          return;
        }
      if (sheet->table->merged->len >= LD_TABLE_MAX_ROWS)
        {
          xml_fail (xr, invalid_xlsx (_("too many merged cells")));
          return;
        }
      g_array_append_val (sheet->table->merged, range);
    }
}

static void
sheet_end (XmlReader  *xr,
           const char *name)
{
  Sheet *sheet = xr->data;

  if (g_str_equal (name, "v") && sheet->in_cell)
    {
      xr->collect = FALSE;
      g_string_assign (sheet->value, xr->text->str);
    }
  else if (g_str_equal (name, "t") && sheet->in_inline && xr->collect)
    {
      xr->collect = FALSE;
      g_string_append_len (sheet->inline_text, xr->text->str, xr->text->len);
    }
  else if (g_str_equal (name, "rPh"))
    sheet->phonetic_depth--;
  else if (g_str_equal (name, "is"))
    sheet->in_inline = FALSE;
  else if (g_str_equal (name, "c") && sheet->in_cell)
    {
      GError *error = NULL;
      char *text = NULL;

      sheet->in_cell = FALSE;
      if (g_strcmp0 (sheet->type, "s") == 0)
        {
          char *end = NULL;
          guint64 index;

          if (sheet->value->len == 0)
            return;
          index = g_ascii_strtoull (sheet->value->str, &end, 10);
          if (end == sheet->value->str || *end != '\0' || sst_get (sheet->sst, index) == NULL)
            {
              xml_fail (xr, invalid_xlsx (_("a cell points to a missing shared string")));
              return;
            }
          text = g_strdup (sst_get (sheet->sst, index));
        }
      else if (g_strcmp0 (sheet->type, "inlineStr") == 0)
        {
          decode_ooxml_escapes (sheet->inline_text);
          text = g_strdup (sheet->inline_text->str);
        }
      else
        {
          if (g_strcmp0 (sheet->type, "str") == 0)
            decode_ooxml_escapes (sheet->value);
          text = g_strdup (sheet->value->str);
        }
      if (*text == '\0')
        {
          g_free (text);
          return;
        }
      if (!check_cell (sheet->row_number, sheet->column, text, strlen (text), &error))
        {
          g_free (text);
          xml_fail (xr, error);
          return;
        }
      set_cell (sheet->cells, sheet->column, text);
      if (sheet->type == NULL || g_str_equal (sheet->type, "n"))
        sheet->numeric[sheet->column / 8] |= 1 << (sheet->column % 8);
    }
  else if (g_str_equal (name, "row"))
    sheet_finish_row (xr);
}

static char *
dir_of (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash ? g_strndup (path, slash - path + 1) : g_strdup ("");
}

static gboolean
read_xlsx (LdTable       *table,
           const char    *data,
           gsize          length,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *workbook_path = NULL;
  g_autofree char *workbook_dir = NULL;
  g_autofree char *workbook_rels_path = NULL;
  g_autofree char *sheet_path = NULL;
  g_autofree char *sst_path = NULL;
  Rels root_rels = { 0 }, wb_rels = { 0 };
  Workbook wb = { 0 };
  SharedStrings sst = { 0 };
  Sheet sheet = { 0 };
  Package pkg = { 0 };
  XmlReader xr;
  zip_source_t *source;
  zip_error_t zerr;
  gboolean ok = FALSE;
  const char *sheet_id;
  const char *target;
  gboolean found;

  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, length, 0, &zerr);
  if (source == NULL || (pkg.zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerr)) == NULL)
    {
      g_propagate_error (error, invalid_xlsx (zip_error_strerror (&zerr)));
      if (source)
        zip_source_free (source);
      zip_error_fini (&zerr);
      return FALSE;
    }
  zip_error_fini (&zerr);
  pkg.cancellable = cancellable;
  table->format = "xlsx";

  if (!check_package (pkg.zip, error))
    goto out;

  /* Package relationships → workbook → its relationships → first sheet. */
  if (!read_rels (&pkg, "_rels/.rels", &root_rels, error))
    goto out;
  workbook_path = resolve_target ("", root_rels.office_document ? root_rels.office_document : "xl/workbook.xml");
  if (workbook_path == NULL)
    {
      g_propagate_error (error, invalid_xlsx (_("bad workbook path")));
      goto out;
    }
  workbook_dir = dir_of (workbook_path);
  workbook_rels_path = g_strdup_printf ("%s_rels/%s.rels", workbook_dir, workbook_path + strlen (workbook_dir));

  xml_reader_init (&xr, workbook_start, ignore_end, &wb);
  ok = parse_entry (&pkg, workbook_path, &xr, FALSE, NULL, error);
  xml_reader_clear (&xr);
  if (!ok)
    goto out;
  table->date1904 = wb.date1904;
  ok = FALSE;
  sheet_id = wb.first_visible_id ? wb.first_visible_id : wb.first_id;
  if (sheet_id == NULL)
    {
      g_propagate_error (error, invalid_xlsx (_("it has no worksheet")));
      goto out;
    }

  if (!read_rels (&pkg, workbook_rels_path, &wb_rels, error))
    goto out;
  target = g_hash_table_lookup (wb_rels.targets, sheet_id);
  if (target == NULL || (sheet_path = resolve_target (workbook_dir, target)) == NULL)
    {
      g_propagate_error (error, invalid_xlsx (_("the first worksheet is missing")));
      goto out;
    }

  if (wb_rels.shared_strings != NULL)
    {
      sst_path = resolve_target (workbook_dir, wb_rels.shared_strings);
      if (sst_path == NULL)
        {
          g_propagate_error (error, invalid_xlsx (_("bad shared strings path")));
          goto out;
        }
      sst.pool = g_string_new (NULL);
      sst.offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
      xml_reader_init (&xr, sst_start, sst_end, &sst);
      ok = parse_entry (&pkg, sst_path, &xr, TRUE, &found, error);
      xml_reader_clear (&xr);
      if (!ok)
        goto out;
      ok = FALSE;
    }

  sheet.table = table;
  sheet.sst = &sst;
  sheet.value = g_string_new (NULL);
  sheet.inline_text = g_string_new (NULL);
  xml_reader_init (&xr, sheet_start, sheet_end, &sheet);
  ok = parse_entry (&pkg, sheet_path, &xr, FALSE, NULL, error);
  if (ok)
    {
      sheet_finish_row (&xr);
      if (xr.error)
        {
          g_propagate_error (error, g_steal_pointer (&xr.error));
          ok = FALSE;
        }
    }
  xml_reader_clear (&xr);
  g_clear_pointer (&sheet.cells, g_ptr_array_unref);
  g_clear_pointer (&sheet.type, g_free);
  g_string_free (sheet.value, TRUE);
  g_string_free (sheet.inline_text, TRUE);

out:
  if (sst.pool)
    g_string_free (sst.pool, TRUE);
  g_clear_pointer (&sst.offsets, g_array_unref);
  rels_clear (&root_rels);
  rels_clear (&wb_rels);
  g_free (wb.first_id);
  g_free (wb.first_visible_id);
  zip_discard (pkg.zip);
  return ok;
}

/* ---- Entry points ------------------------------------------------------- */

LdTable *
ld_table_read_data (const char    *data,
                    gsize          length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LdTable) table = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > LD_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file is larger than %d MB. Split it into smaller files and import them one by one."),
                   LD_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  table = table_new ();
  table->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);

  if (length >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("This is an old Excel 97–2003 (.xls) file or an encrypted workbook. Remove the password if "
                     "it has one, save it as an Excel workbook (.xlsx) and try again."));
      return NULL;
    }
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    ok = read_xlsx (table, data, length, cancellable, error);
  else
    ok = read_csv (table, data, length, cancellable, error);
  return ok ? g_steal_pointer (&table) : NULL;
}

LdTable *
ld_table_read_file (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Check the size before reading anything. */
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("“%s” is not a regular file."), path);
      return NULL;
    }
  if (g_file_info_get_size (info) > LD_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file is larger than %d MB. Split it into smaller files and import them one by one."),
                   LD_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return ld_table_read_data (data, length, cancellable, error);
}

/* --- Checksum ---------------------------------------------------------------- */

char *
ld_table_file_sha256 (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  gssize n;

  stream = g_file_read (file, cancellable, &local);
  if (stream == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (stream == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file “%s” can no longer be read (%s). Choose it again."), path, local->message);
      return NULL;
    }
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 64 * 1024, cancellable, &local)) > 0)
    g_checksum_update (checksum, buffer, (gsize) n);
  if (n < 0 && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (n < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("The file “%s” could not be read: %s"), path,
                   local->message);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}
