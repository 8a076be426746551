/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "ld-types.h"

G_BEGIN_DECLS

/* Shared checks of the record repositories. */

/* A copy of text without surrounding white space; NULL gives "". Sets
 * LD_ERROR_INVALID (naming label) for invalid UTF-8, control characters,
 * more than max_chars characters, or an empty text when required. */
char        *_ld_records_clean_text   (const char  *text,
                                       const char  *label,
                                       guint        max_chars,
                                       gboolean     required,
                                       GError     **error);
/* Like _ld_records_clean_text for a text that may span lines (notes,
 * clearing): line breaks and tabs are allowed, other control characters
 * are not. */
char        *_ld_records_clean_long_text (const char  *text,
                                          const char  *label,
                                          guint        max_chars,
                                          gboolean     required,
                                          GError     **error);
/* Today's local date, "YYYY-MM-DD". */
char        *_ld_records_today_text   (void);
/* Binds text to parameter n, or NULL when text is NULL or empty. */
void         _ld_records_bind_optional_text (sqlite3_stmt *stmt,
                                             int           n,
                                             const char   *text);
/* Builds one record object from the statement's current row. */
typedef gpointer (*LdRecordsRowFunc) (sqlite3_stmt *stmt);
/* Binds limit (0 = no limit) to parameter limit_n and offset to
 * limit_n + 1, steps stmt to its end and returns the rows built by
 * new_from_row (objects, unreffed with the array); NULL with error set on
 * a failure. Shared by the filtered lists of the repositories. */
GPtrArray   *_ld_records_list_page    (LdVault           *vault,
                                       sqlite3_stmt      *stmt,
                                       int                limit_n,
                                       guint              limit,
                                       guint              offset,
                                       LdRecordsRowFunc   new_from_row,
                                       GError           **error);
/* Steps a "SELECT count(*)" stmt once and stores its count. */
gboolean     _ld_records_step_count   (LdVault       *vault,
                                       sqlite3_stmt  *stmt,
                                       guint         *out_count,
                                       GError       **error);
/* Prepares sql in the session's scopes (_ld_scope_prepare), binds id to ?2
 * and steps once. Returns the statement on its row; NULL with *found FALSE
 * and no error when there is no row; NULL with error set on a failure. */
sqlite3_stmt *_ld_records_fetch_in_scope (LdVault     *vault,
                                          const char  *sql,
                                          gint64       id,
                                          gboolean    *found,
                                          GError     **error);
/* LD_ERROR_NOT_FOUND: no cadre record id in the session's scopes. */
void         _ld_records_set_cadre_not_found (GError **error,
                                              gint64   id);
/* Whether the session may read every unit (the security administrator,
 * who grants scopes), without auditing anything. */
gboolean     _ld_records_sees_all_units (LdVault   *vault);
gint64       _ld_records_now          (void);

G_END_DECLS
