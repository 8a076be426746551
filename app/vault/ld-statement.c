/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-statement"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "vault/ld-statement.h"

void
ld_sql_set_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  int primary = rc & 0xff;
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("The disk is full: nothing was saved. Free some space and try again."));
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                   _("The vault database is damaged or has been replaced (%s). "
                     "Restore the vault from a backup."), msg);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, LD_ERROR, LD_ERROR_VAULT_IN_USE,
                           _("The vault is in use by another Liandang window or command. Close it and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The vault cannot be written (%s). Check that the folder is yours and not read-only."), msg);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The change was refused by the database: %s."), msg);
      break;
    default:
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED, _("Database error: %s."), msg);
      break;
    }
}

gboolean
ld_sql_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
ld_sql_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ld_sql_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
ld_sql_step_done (sqlite3      *db,
                  sqlite3_stmt *stmt,
                  GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_sql_query_int64 (sqlite3     *db,
                    const char  *sql,
                    gint64       default_value,
                    gint64      *out,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out = default_value;
  else
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

char *
ld_sql_query_text (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (ld_sql_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  ld_sql_set_error (db, rc, error);
  return NULL;
}

const char *
ld_sql_column_text (sqlite3_stmt *stmt,
                    int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text ? text : "";
}
