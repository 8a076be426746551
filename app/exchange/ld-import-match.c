/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-import-match"

#include "config.h"

#include "exchange/ld-import-match.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-scope-private.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

static void
cadre_free (LdImportCadre *cadre)
{
  g_free (cadre->name);
  g_free (cadre->id_number);
  g_free (cadre);
}

static void
unit_free (LdImportUnit *unit)
{
  g_free (unit->name);
  g_free (unit->short_name);
  g_free (unit);
}

static void
free_name_list (gpointer data)
{
  g_ptr_array_unref (data);
}

void
ld_import_scope_clear (LdImportScope *scope)
{
  g_clear_pointer (&scope->by_name, g_hash_table_unref);
  g_clear_pointer (&scope->by_id_number, g_hash_table_unref);
  g_clear_pointer (&scope->cadres, g_ptr_array_unref);
  g_clear_pointer (&scope->units, g_hash_table_unref);
}

/* Loads the active units and cadres of the account's scope into SCOPE
 * (cleared first). */
gboolean
ld_import_scope_load (LdImportScope  *scope,
                      LdVault        *vault,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) cadres = NULL;
  int rc;

  ld_import_scope_clear (scope);
  scope->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) unit_free);
  scope->cadres = g_ptr_array_new_with_free_func ((GDestroyNotify) cadre_free);
  scope->by_id_number = g_hash_table_new (g_str_hash, g_str_equal);
  scope->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_name_list);

  units = _ld_scope_prepare (vault,
                             "SELECT id, name, short_name FROM units"
                             " WHERE id IN (SELECT id FROM visible_units)"
                             " AND retired_at IS NULL",
                             error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      LdImportUnit *unit = g_new0 (LdImportUnit, 1);

      unit->id = sqlite3_column_int64 (units, 0);
      unit->name = g_strdup (ld_sql_column_text (units, 1));
      unit->short_name = g_strdup (ld_sql_column_text (units, 2));
      g_hash_table_insert (scope->units, &unit->id, unit);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }

  cadres = _ld_scope_prepare (vault,
                              "SELECT c.id, c.name, c.id_number, c.unit_id FROM cadres c"
                              " WHERE c.retired_at IS NULL AND c.unit_id IN (SELECT id FROM visible_units)",
                              error);
  if (cadres == NULL)
    return FALSE;
  while ((rc = sqlite3_step (cadres)) == SQLITE_ROW)
    {
      LdImportCadre *cadre = g_new0 (LdImportCadre, 1);
      GPtrArray *same;

      cadre->id = sqlite3_column_int64 (cadres, 0);
      cadre->name = g_strdup (ld_sql_column_text (cadres, 1));
      cadre->id_number = g_strdup (ld_sql_column_text (cadres, 2));
      cadre->unit_id = sqlite3_column_int64 (cadres, 3);
      g_ptr_array_add (scope->cadres, cadre);
      if (*cadre->id_number != '\0')
        g_hash_table_insert (scope->by_id_number, cadre->id_number, cadre);
      same = g_hash_table_lookup (scope->by_name, cadre->name);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (scope->by_name, cadre->name, same);
        }
      g_ptr_array_add (same, cadre);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

LdImportUnit *
ld_import_scope_lookup_unit (LdImportScope *scope,
                             gint64         id)
{
  return g_hash_table_lookup (scope->units, &id);
}

/* Whether a unit in the file ("财政局") names the unit: its name or short
 * name, or one ends with the other (县财政局). */
gboolean
ld_import_unit_matches (LdImportUnit *unit,
                        const char   *text)
{
  if (unit == NULL)
    return FALSE;
  if (g_str_equal (unit->name, text) || (*unit->short_name != '\0' && g_str_equal (unit->short_name, text)))
    return TRUE;
  return g_utf8_strlen (text, -1) >= 2 && (g_str_has_suffix (unit->name, text) || g_str_has_suffix (text, unit->name));
}

char *
ld_import_scope_cadre_display (LdImportScope *scope,
                               LdImportCadre *cadre)
{
  LdImportUnit *unit = ld_import_scope_lookup_unit (scope, cadre->unit_id);

  /* Translators: a cadre's name and unit. */
  return g_strdup_printf (_("%s（%s）"), cadre->name, unit != NULL ? unit->name : "");
}

/* The cadres in scope named NAME (in the unit UNIT_TEXT when not NULL). */
GPtrArray *
ld_import_scope_match_name (LdImportScope *scope,
                            const char    *name,
                            const char    *unit_text)
{
  GPtrArray *same = g_hash_table_lookup (scope->by_name, name);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      LdImportCadre *cadre = g_ptr_array_index (same, i);

      if (unit_text == NULL || ld_import_unit_matches (ld_import_scope_lookup_unit (scope, cadre->unit_id), unit_text))
        g_ptr_array_add (out, cadre);
    }
  return out;
}

/* Adds a problem of row ROW_NUMBER to PROBLEMS (taking MESSAGE); TRUE when
 * it is an error. */
gboolean
ld_import_add_problem (GPtrArray        *problems,
                       guint             row_number,
                       int               field,
                       LdRosterSeverity  severity,
                       char             *message)
{
  LdLedgerProblem *problem = g_new0 (LdLedgerProblem, 1);

  problem->row_number = row_number;
  problem->field = field;
  problem->severity = severity;
  problem->message = message;
  g_ptr_array_add (problems, problem);
  return severity == LD_ROSTER_SEVERITY_ERROR;
}

void
ld_import_problem_free (LdLedgerProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

/* The value of the setting KEY in *TEXT, NULL when not set. */
gboolean
ld_import_load_setting (LdVault     *vault,
                        const char  *key,
                        char       **text,
                        GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  int rc;

  *text = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *text = g_strdup (ld_sql_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}
