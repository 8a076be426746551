/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-table"

#include "config.h"

#include "ld-cli-table.h"

#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define COLUMN_GAP 2

struct _LdCliTable
{
  guint      n_columns;
  GPtrArray *headers;      /* char * */
  GPtrArray *rows;         /* GStrv, n_columns sanitized cells */
  gboolean  *right_aligned;
};

guint
ld_cli_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

char *
ld_cli_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (g_unichar_type (c) == G_UNICODE_CONTROL
               || c == 0x2028 || c == 0x2029
               || (c >= 0x202A && c <= 0x202E)
               || (c >= 0x2066 && c <= 0x2069))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

guint
ld_cli_terminal_width (void)
{
  struct winsize size;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return CLAMP (size.ws_col, 40, 120);

  return 80;
}

static void
wrap_line (GString    *out,
           const char *line,
           guint       width)
{
  const char *gap;
  guint indent = 0;
  guint hang;
  guint column;
  guint spaces = 0;
  const char *p;

  while (line[indent] == ' ')
    indent++;

  /* In "  key  description" lists, continuation lines start under the
   * description. */
  hang = indent;
  gap = strstr (line + indent, "  ");
  if (gap != NULL)
    {
      g_autofree char *head = NULL;

      while (*gap == ' ')
        gap++;
      head = g_strndup (line, gap - line);
      if (*gap != '\0' && ld_cli_text_width (head) < width / 2)
        hang = ld_cli_text_width (head);
    }

  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  column = indent;

  p = line + indent;
  while (*p != '\0')
    {
      const char *end;
      guint unit_width;
      gunichar c;

      if (*p == ' ')
        {
          spaces++;
          p++;
          continue;
        }

      /* A unit is one wide character, or a run of other characters up to
       * a space or a wide character. */
      c = g_utf8_get_char (p);
      if (g_unichar_iswide (c))
        {
          end = g_utf8_next_char (p);
          unit_width = 2;
        }
      else
        {
          end = p;
          unit_width = 0;
          while (*end != '\0' && *end != ' ')
            {
              gunichar d = g_utf8_get_char (end);

              if (g_unichar_iswide (d))
                break;
              if (!g_unichar_iszerowidth (d))
                unit_width++;
              end = g_utf8_next_char (end);
            }
        }

      if (column > hang && column + spaces + unit_width > width)
        {
          g_string_append_c (out, '\n');
          for (guint i = 0; i < hang; i++)
            g_string_append_c (out, ' ');
          column = hang;
        }
      else
        {
          for (guint i = 0; i < spaces; i++)
            g_string_append_c (out, ' ');
          column += spaces;
        }

      g_string_append_len (out, p, end - p);
      column += unit_width;
      spaces = 0;
      p = end;
    }
}

char *
ld_cli_text_wrap (const char *text,
                  guint       width)
{
  g_auto(GStrv) lines = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  out = g_string_sized_new (strlen (text) + 16);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      wrap_line (out, lines[i], MAX (width, 10));
    }

  return g_string_free (out, FALSE);
}

LdCliTable *
ld_cli_table_new (guint n_columns,
                  ...)
{
  LdCliTable *self;
  va_list args;

  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (LdCliTable, 1);
  self->n_columns = n_columns;
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->right_aligned = g_new0 (gboolean, n_columns);

  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (self->headers, ld_cli_text_sanitize (va_arg (args, const char *)));
  va_end (args);

  return self;
}

void
ld_cli_table_free (LdCliTable *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->right_aligned, g_free);
  g_free (self);
}

void
ld_cli_table_set_right_aligned (LdCliTable *self,
                                guint       column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);

  self->right_aligned[column] = TRUE;
}

void
ld_cli_table_add_rowv (LdCliTable         *self,
                       const char * const *cells)
{
  char **row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    row[i] = ld_cli_text_sanitize (cells[i]);
  g_ptr_array_add (self->rows, row);
}

void
ld_cli_table_add_row (LdCliTable *self,
                      ...)
{
  g_autofree const char **cells = NULL;
  va_list args;

  g_return_if_fail (self != NULL);

  cells = g_new0 (const char *, self->n_columns + 1);
  va_start (args, self);
  for (guint i = 0; i < self->n_columns; i++)
    cells[i] = va_arg (args, const char *);
  va_end (args);

  ld_cli_table_add_rowv (self, cells);
}

guint
ld_cli_table_get_n_rows (LdCliTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

static void
append_padding (GString *out,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static void
append_line (LdCliTable  *self,
             GString     *out,
             char       **cells,
             const guint *widths)
{
  guint last = self->n_columns - 1;

  for (guint i = 0; i < self->n_columns; i++)
    {
      guint width = ld_cli_text_width (cells[i]);
      guint pad = widths[i] > width ? widths[i] - width : 0;

      if (self->right_aligned[i])
        append_padding (out, pad);
      g_string_append (out, cells[i]);
      if (i < last)
        {
          if (!self->right_aligned[i])
            append_padding (out, pad);
          append_padding (out, COLUMN_GAP);
        }
    }

  /* Empty trailing cells would leave spaces at the end of the line. */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

char *
ld_cli_table_to_string (LdCliTable *self)
{
  g_autofree guint *widths = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  widths = g_new0 (guint, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    widths[i] = ld_cli_text_width (g_ptr_array_index (self->headers, i));

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);

      for (guint i = 0; i < self->n_columns; i++)
        widths[i] = MAX (widths[i], ld_cli_text_width (row[i]));
    }

  out = g_string_new (NULL);
  append_line (self, out, (char **) self->headers->pdata, widths);

  /* A rule under each header, as wide as its column. */
  for (guint i = 0; i < self->n_columns; i++)
    {
      for (guint j = 0; j < widths[i]; j++)
        g_string_append_c (out, '-');
      if (i + 1 < self->n_columns)
        append_padding (out, COLUMN_GAP);
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; r < self->rows->len; r++)
    append_line (self, out, g_ptr_array_index (self->rows, r), widths);

  return g_string_free (out, FALSE);
}
