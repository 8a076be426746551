/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-calendar-repository"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-records-util.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Who may change the calendar: whoever writes records (the investigators
 * and the leader). The calendar decides every deadline, but it only
 * copies the State Council's yearly notice. */
#define CALENDAR_CHANGE_ACTION LD_ACTION_RECORD_WRITE

#define CALENDAR_CACHE_KEY "ld-calendar-cache"
#define CALENDAR_NAME_MAX  40

/* --- The calendar as an LdWorkdays, cached per vault -------------------------- */

typedef struct
{
  gint64      count;
  double      fingerprint; /* changes with any added, removed or changed day */
  LdWorkdays *workdays;
} CalendarCache;

static void
calendar_cache_free (gpointer data)
{
  CalendarCache *cache = data;

  g_clear_pointer (&cache->workdays, ld_workdays_unref);
  g_free (cache);
}

static void
calendar_changed (LdVault *vault)
{
  g_object_set_data (G_OBJECT (vault), CALENDAR_CACHE_KEY, NULL);
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
calendar_fingerprint (sqlite3  *db,
                      gint64   *count,
                      double   *fingerprint,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The table is small (a few dozen days a year); a sum weighted by the
   * kind changes whenever a day is added, removed or changes kind, also
   * when another process changed it. */
  stmt = ld_sql_prepare (db,
                         "SELECT count (*), total (julianday (day) * (CASE kind WHEN 'holiday' THEN 1 ELSE 3 END))"
                         " FROM calendar_days",
                         error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  *fingerprint = sqlite3_column_double (stmt, 1);
  return TRUE;
}

static LdWorkdays *
calendar_read (sqlite3  *db,
               GError  **error)
{
  g_autoptr(LdWorkdays) workdays = ld_workdays_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = ld_sql_prepare (db, "SELECT day, kind FROM calendar_days ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate day;

      if (!parse_day (ld_sql_column_text (stmt, 0), &day))
        {
          g_warning ("Ignoring a stored calendar day that is not a date");
          continue;
        }
      ld_workdays_set_day (workdays, &day,
                           g_str_equal (ld_sql_column_text (stmt, 1), "workday") ? LD_DAY_WORKDAY
                                                                                 : LD_DAY_HOLIDAY);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&workdays);
}

LdWorkdays *
ld_calendar_repository_load (LdVault  *vault,
                             GError  **error)
{
  CalendarCache *cache;
  sqlite3 *db;
  gint64 count = 0;
  double fingerprint = 0;

  if (!_ld_vault_require_open (vault, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  if (!calendar_fingerprint (db, &count, &fingerprint, error))
    return NULL;
  cache = g_object_get_data (G_OBJECT (vault), CALENDAR_CACHE_KEY);
  if (cache == NULL || cache->count != count || cache->fingerprint != fingerprint)
    {
      CalendarCache *fresh;
      LdWorkdays *workdays = calendar_read (db, error);

      if (workdays == NULL)
        return NULL;
      fresh = g_new0 (CalendarCache, 1);
      fresh->count = count;
      fresh->fingerprint = fingerprint;
      fresh->workdays = workdays;
      g_object_set_data_full (G_OBJECT (vault), CALENDAR_CACHE_KEY, fresh, calendar_cache_free);
      cache = fresh;
    }
  return ld_workdays_ref (cache->workdays);
}

/* --- Reading and changing the stored days ------------------------------------- */

static const char *
kind_to_text (LdDayKind kind)
{
  return kind == LD_DAY_WORKDAY ? "workday" : "holiday";
}

static char *
day_to_text (const GDate *day)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
}

GPtrArray *
ld_calendar_repository_list (LdVault  *vault,
                             int       year,
                             GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_calendar_row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT day, kind, name FROM calendar_days"
                         " WHERE ?1 = 0 OR day BETWEEN printf ('%04d-01-01', ?1) AND printf ('%04d-12-31', ?1)"
                         " ORDER BY day",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdCalendarRow *row = g_new0 (LdCalendarRow, 1);

      if (!parse_day (ld_sql_column_text (stmt, 0), &row->day))
        {
          g_free (row);
          continue;
        }
      row->kind = g_str_equal (ld_sql_column_text (stmt, 1), "workday") ? LD_DAY_WORKDAY : LD_DAY_HOLIDAY;
      row->name = g_strdup (ld_sql_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
check_day (const char  *day,
           GDate       *date,
           GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (day ? day : ""));

  if (!parse_day (clean, date))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a date: write the day as YYYY-MM-DD, for example 2026-10-01."), clean);
      return FALSE;
    }
  return TRUE;
}

/* Inserts or replaces one day inside the caller's transaction. */
static gboolean
store_day (LdVault      *vault,
           const GDate  *date,
           LdDayKind     kind,
           const char   *name,
           GError      **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = day_to_text (date);

  stmt = ld_sql_prepare (db,
                         "INSERT OR REPLACE INTO calendar_days (day, kind, name, account, created_at)"
                         " VALUES (?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind_to_text (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name ? name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  return ld_sql_step_done (db, stmt, error);
}

static gboolean
check_kind (LdDayKind   kind,
            GError    **error)
{
  if (kind != LD_DAY_HOLIDAY && kind != LD_DAY_WORKDAY)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown kind of day: choose a holiday or an adjusted working day."));
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_calendar_repository_set (LdVault     *vault,
                            const char  *day,
                            LdDayKind    kind,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *details = NULL;
  GDate date;

  if (!ld_vault_check (vault, CALENDAR_CHANGE_ACTION, error))
    return FALSE;
  if (!check_day (day, &date, error) || !check_kind (kind, error))
    return FALSE;
  clean_name = _ld_records_clean_text (name, _("The name of the day"), CALENDAR_NAME_MAX, FALSE, error);
  if (clean_name == NULL)
    return FALSE;
  day_text = day_to_text (&date);

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!store_day (vault, &date, kind, clean_name, error))
    goto fail;
  details = g_strdup_printf ("set %s %s%s%s", day_text, kind_to_text (kind), *clean_name ? " " : "", clean_name);
  if (!ld_audit_append (vault, LD_AUDIT_CALENDAR_CHANGED, "calendar", day_text, LD_AUDIT_OUTCOME_OK, details,
                        error))
    goto fail;
  if (!_ld_vault_commit (vault, error))
    {
      calendar_changed (vault);
      return FALSE;
    }
  calendar_changed (vault);
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  calendar_changed (vault);
  return FALSE;
}

gboolean
ld_calendar_repository_remove (LdVault     *vault,
                               const char  *day,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db;
  GDate date;

  if (!ld_vault_check (vault, CALENDAR_CHANGE_ACTION, error))
    return FALSE;
  if (!check_day (day, &date, error))
    return FALSE;
  day_text = day_to_text (&date);
  db = _ld_vault_get_db (vault);

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "DELETE FROM calendar_days WHERE day = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, day_text, -1, SQLITE_TRANSIENT);
  if (!ld_sql_step_done (db, stmt, error))
    goto fail;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("%s is not in the calendar: only stored holidays and adjusted working days can be removed."),
                   day_text);
      goto fail;
    }
  details = g_strdup_printf ("removed %s", day_text);
  if (!ld_audit_append (vault, LD_AUDIT_CALENDAR_CHANGED, "calendar", day_text, LD_AUDIT_OUTCOME_OK, details,
                        error))
    goto fail;
  if (!_ld_vault_commit (vault, error))
    {
      calendar_changed (vault);
      return FALSE;
    }
  calendar_changed (vault);
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  calendar_changed (vault);
  return FALSE;
}

gboolean
ld_calendar_repository_import (LdVault     *vault,
                               const char  *text,
                               gsize        length,
                               guint       *n_days,
                               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GString) year_list = g_string_new (NULL);
  GPtrArray *clean_names;

  if (n_days != NULL)
    *n_days = 0;
  if (!ld_vault_check (vault, CALENDAR_CHANGE_ACTION, error))
    return FALSE;
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  rows = ld_calendar_parse_csv (text ? text : "", length, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file lists no day: write one line per day as “2026-10-01,holiday,National Day”."));
      return FALSE;
    }

  /* The names as the single-day form checks them, before anything is
   * written. */
  clean_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      LdCalendarRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;
      char *clean = _ld_records_clean_text (row->name, _("The name of the day"), CALENDAR_NAME_MAX, FALSE,
                                            &local_error);

      if (clean == NULL || !check_kind (row->kind, NULL) || !g_date_valid (&row->day))
        {
          g_autofree char *day_text = g_date_valid (&row->day) ? day_to_text (&row->day) : g_strdup ("?");

          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The day %s of the file cannot be stored: %s"),
                       day_text, local_error ? local_error->message : _("unknown kind of day"));
          g_free (clean);
          g_ptr_array_unref (clean_names);
          return FALSE;
        }
      g_ptr_array_add (clean_names, clean);
    }

  if (!_ld_vault_begin (vault, error))
    {
      g_ptr_array_unref (clean_names);
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LdCalendarRow *row = g_ptr_array_index (rows, i);

      if (!store_day (vault, &row->day, row->kind, g_ptr_array_index (clean_names, i), error))
        goto fail;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LdCalendarRow *row = g_ptr_array_index (rows, i);
      int y = g_date_get_year (&row->day);
      g_autofree char *y_text = g_strdup_printf ("%d", y);

      if (strstr (year_list->str, y_text) == NULL)
        g_string_append_printf (year_list, "%s%s", year_list->len ? "," : "", y_text);
    }
  details = g_strdup_printf ("imported %u days; years %s", rows->len, year_list->str);
  if (!ld_audit_append (vault, LD_AUDIT_CALENDAR_IMPORTED, "calendar", year_list->str, LD_AUDIT_OUTCOME_OK,
                        details, error))
    goto fail;
  if (!_ld_vault_commit (vault, error))
    {
      calendar_changed (vault);
      g_ptr_array_unref (clean_names);
      return FALSE;
    }
  calendar_changed (vault);
  g_ptr_array_unref (clean_names);
  if (n_days != NULL)
    *n_days = rows->len;
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  calendar_changed (vault);
  g_ptr_array_unref (clean_names);
  return FALSE;
}
