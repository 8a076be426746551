/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-records-util"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "rules/ld-permissions.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

static char *
clean_text (const char  *text,
            const char  *label,
            guint        max_chars,
            gboolean     required,
            gboolean     multiline,
            GError     **error)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is not valid text. Type it again."), label);
      return NULL;
    }
  copy = g_strstrip (g_strdup (text));
  for (const char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && (!multiline || (c != '\n' && c != '\t')))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       multiline ? _("%s contains a control character. Remove it.")
                                 : _("%s contains a line break or another control character. Remove it."),
                       label);
          return NULL;
        }
    }
  if (required && *copy == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Fill it in."), label);
      return NULL;
    }
  if (g_utf8_strlen (copy, -1) > (glong) max_chars)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s is too long: at most %u character is allowed.",
                                "%s is too long: at most %u characters are allowed.", max_chars),
                   label, max_chars);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

char *
_ld_records_clean_text (const char  *text,
                        const char  *label,
                        guint        max_chars,
                        gboolean     required,
                        GError     **error)
{
  return clean_text (text, label, max_chars, required, FALSE, error);
}

char *
_ld_records_clean_long_text (const char  *text,
                             const char  *label,
                             guint        max_chars,
                             gboolean     required,
                             GError     **error)
{
  return clean_text (text, label, max_chars, required, TRUE, error);
}

char *
_ld_records_today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

void
_ld_records_bind_optional_text (sqlite3_stmt *stmt,
                                int           n,
                                const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, n, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, n);
}

GPtrArray *
_ld_records_list_page (LdVault           *vault,
                       sqlite3_stmt      *stmt,
                       int                limit_n,
                       guint              limit,
                       guint              offset,
                       LdRecordsRowFunc   new_from_row,
                       GError           **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  sqlite3_bind_int64 (stmt, limit_n, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, limit_n + 1, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
_ld_records_step_count (LdVault       *vault,
                        sqlite3_stmt  *stmt,
                        guint         *out_count,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

sqlite3_stmt *
_ld_records_fetch_in_scope (LdVault     *vault,
                            const char  *sql,
                            gint64       id,
                            gboolean    *found,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault, sql, error);
  int rc;

  *found = TRUE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *found = FALSE;
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

void
_ld_records_set_cadre_not_found (GError **error,
                                 gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no cadre record number %lld in your scope. Check the number with “cadre list”."),
               (long long) id);
}

gboolean
_ld_records_sees_all_units (LdVault *vault)
{
  const LdSession *session = ld_vault_get_session (vault);

  return session != NULL && !session->must_change_password
         && ld_permission_allows (session->role, session->grants, LD_ACTION_SCOPE_CHANGE);
}

gint64
_ld_records_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
