/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Thin helpers over prepared statements that report errors as GError:
 * SQLITE_FULL → a translated "disk is full" message, NOTADB/CORRUPT →
 * LD_ERROR_VAULT_DAMAGED, others → LD_ERROR_FAILED. */
void          ld_sql_set_error   (sqlite3      *db,
                                  int           rc,
                                  GError      **error);
gboolean      ld_sql_exec        (sqlite3      *db,
                                  const char   *sql,
                                  GError      **error);
sqlite3_stmt *ld_sql_prepare     (sqlite3      *db,
                                  const char   *sql,
                                  GError      **error);
/* Steps a statement that returns no rows (or ignores them). */
gboolean      ld_sql_step_done   (sqlite3      *db,
                                  sqlite3_stmt *stmt,
                                  GError      **error);
/* Single integer result of a query, or default_value when no row. */
gboolean      ld_sql_query_int64 (sqlite3      *db,
                                  const char   *sql,
                                  gint64        default_value,
                                  gint64       *out,
                                  GError      **error);
char         *ld_sql_query_text  (sqlite3      *db,
                                  const char   *sql,
                                  GError      **error);
const char   *ld_sql_column_text (sqlite3_stmt *stmt,
                                  int           col);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
