/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-workdays"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-workdays.h"

struct _LdWorkdays
{
  gatomicrefcount  ref_count;
  GHashTable      *days;   /* Julian day number → LdDayKind + 1 */
  GHashTable      *years;  /* year → number of listed days */
};

LdWorkdays *
ld_workdays_new (void)
{
  LdWorkdays *self = g_new0 (LdWorkdays, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->days = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->years = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

LdWorkdays *
ld_workdays_ref (LdWorkdays *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ld_workdays_unref (LdWorkdays *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->days);
      g_hash_table_unref (self->years);
      g_free (self);
    }
}

void
ld_workdays_set_day (LdWorkdays  *self,
                     const GDate *day,
                     LdDayKind    kind)
{
  guint julian;
  int year;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (kind == LD_DAY_HOLIDAY || kind == LD_DAY_WORKDAY);

  julian = g_date_get_julian (day);
  year = g_date_get_year (day);
  if (!g_hash_table_contains (self->days, GUINT_TO_POINTER (julian)))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->years, GINT_TO_POINTER (year)));
      g_hash_table_insert (self->years, GINT_TO_POINTER (year), GUINT_TO_POINTER (n + 1));
    }
  g_hash_table_insert (self->days, GUINT_TO_POINTER (julian), GINT_TO_POINTER ((int) kind + 1));
}

static gboolean
is_working_julian (LdWorkdays *self,
                   guint       julian)
{
  gpointer stored = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));
  GDate date;
  GDateWeekday weekday;

  if (stored != NULL)
    return GPOINTER_TO_INT (stored) - 1 == LD_DAY_WORKDAY;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  weekday = g_date_get_weekday (&date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY;
}

gboolean
ld_workdays_is_working_day (LdWorkdays  *self,
                            const GDate *day)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  return is_working_julian (self, g_date_get_julian (day));
}

void
ld_workdays_add (LdWorkdays  *self,
                 const GDate *start,
                 guint        n,
                 GDate       *out)
{
  guint julian;

  g_return_if_fail (self != NULL);
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (out != NULL);

  julian = g_date_get_julian (start);
  while (n > 0)
    {
      julian++;
      if (is_working_julian (self, julian))
        n--;
    }
  g_date_clear (out, 1);
  g_date_set_julian (out, julian);
}

guint
ld_workdays_count_between (LdWorkdays  *self,
                           const GDate *from,
                           const GDate *to)
{
  guint first, last, count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  first = g_date_get_julian (from);
  last = g_date_get_julian (to);
  for (guint j = first + 1; j <= last && last > first; j++)
    if (is_working_julian (self, j))
      count++;
  return count;
}

gboolean
ld_workdays_has_year (LdWorkdays *self,
                      int         year)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->years, GINT_TO_POINTER (year));
}

void
ld_calendar_row_free (LdCalendarRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row);
}

/* ---- CSV ---------------------------------------------------------------- */

/* "YYYY-MM-DD" (also with "/" or "." and without leading zeros). */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  g_auto(GStrv) parts = NULL;
  guint64 y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 8 || strlen (text) > 10)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '-' && *p != '/' && *p != '.')
      return FALSE;
  parts = g_strsplit_set (text, "-/.", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 || *parts[1] == '\0' || *parts[2] == '\0'
      || strlen (parts[1]) > 2 || strlen (parts[2]) > 2)
    return FALSE;
  y = g_ascii_strtoull (parts[0], NULL, 10);
  m = g_ascii_strtoull (parts[1], NULL, 10);
  d = g_ascii_strtoull (parts[2], NULL, 10);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
parse_kind (const char *text,
            LdDayKind  *kind)
{
  static const char * const holiday_words[] = {
    "holiday", "rest", "off", "休", "假", "节假日", "休息", "放假", "法定节假日", NULL
  };
  static const char * const workday_words[] = {
    "workday", "work", "working", "班", "补班", "上班", "调休上班", "调休", "工作日", NULL
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_strv_contains (holiday_words, lower))
    {
      *kind = LD_DAY_HOLIDAY;
      return TRUE;
    }
  if (g_strv_contains (workday_words, lower))
    {
      *kind = LD_DAY_WORKDAY;
      return TRUE;
    }
  return FALSE;
}

/* The fields of a line: split at tabs if it has any, else at commas (ASCII
 * or full width), outside double quotes ("" inside quotes is a quote);
 * surrounding spaces removed. */
static GStrv
split_fields (const char *line)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean tabs = strchr (line, '\t') != NULL;
  gboolean quoted = FALSE;
  GString *field = g_string_new (NULL);

  for (const char *p = line; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        {
          if (quoted && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else
            quoted = !quoted;
          continue;
        }
      if (c == 0 || (!quoted && (tabs ? c == '\t' : (c == ',' || c == 0xFF0C))))
        {
          g_autofree char *text = g_string_free (field, FALSE);

          g_strv_builder_add (builder, g_strstrip (text));
          if (c == 0)
            break;
          field = g_string_new (NULL);
          continue;
        }
      g_string_append_unichar (field, c);
    }
  return g_strv_builder_end (builder);
}

/* A first line that names the columns: its first field is no date and
 * does not start with a digit ("date", "日期"). */
static gboolean
is_header (GStrv fields)
{
  return fields[0] != NULL && !g_ascii_isdigit (fields[0][0]);
}

GPtrArray *
ld_calendar_parse_csv (const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_calendar_row_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);  /* julian → line */
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  const char *body;
  gboolean first = TRUE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strndup (text ? text : "", length);
  if (strlen (copy) != length || !g_utf8_validate (copy, -1, NULL))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The holiday file is not UTF-8 text. Save it as UTF-8 (CSV) and import it again."));
      return NULL;
    }
  body = copy;
  if (g_str_has_prefix (body, "\xEF\xBB\xBF"))
    body += 3;

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint line_no = i + 1;
      char *line = g_strstrip (lines[i]);
      g_auto(GStrv) fields = NULL;
      g_autoptr(LdCalendarRow) row = NULL;
      gpointer earlier;
      guint julian;

      if (*line == '\0' || *line == '#')
        continue;
      fields = split_fields (line);
      if (first)
        {
          first = FALSE;
          if (is_header (fields))
            continue;
        }

      row = g_new0 (LdCalendarRow, 1);
      if (!parse_day (fields[0], &row->day))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Line %u: “%s” is not a date. Write the date first, as YYYY-MM-DD, for example "
                         "2026-10-01,holiday,National Day."),
                       line_no, fields[0]);
          return NULL;
        }
      if (fields[1] == NULL || *fields[1] == '\0')
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Line %u: the kind of day is missing. Write holiday (休) or workday (班) after the "
                         "date."),
                       line_no);
          return NULL;
        }
      if (!parse_kind (fields[1], &row->kind))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Line %u: “%s” is not a kind of day. Write holiday (休) for a day off or workday "
                         "(班) for an adjusted working day."),
                       line_no, fields[1]);
          return NULL;
        }
      if (fields[2] != NULL)
        {
          g_autofree char *name = g_strjoinv (",", fields + 2);

          row->name = g_strdup (g_strstrip (name));
          if (g_utf8_strlen (row->name, -1) > 100)
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Line %u: the name of the day is longer than 100 characters. Shorten it."),
                           line_no);
              return NULL;
            }
        }
      else
        row->name = g_strdup ("");

      julian = g_date_get_julian (&row->day);
      earlier = g_hash_table_lookup (seen, GUINT_TO_POINTER (julian));
      if (earlier != NULL)
        {
          const LdCalendarRow *other = g_ptr_array_index (rows, GPOINTER_TO_UINT (earlier) - 1);

          if (other->kind != row->kind)
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Line %u: the date %s is already listed as another kind of day. Keep one line "
                             "for each date."),
                           line_no, fields[0]);
              return NULL;
            }
        }
      g_ptr_array_add (rows, g_steal_pointer (&row));
      g_hash_table_insert (seen, GUINT_TO_POINTER (julian), GUINT_TO_POINTER (rows->len));
    }

  if (rows->len == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The holiday file lists no days. Write one line per day, for example "
                             "2026-10-01,holiday,National Day or 2026-09-27,workday,National Day."));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
