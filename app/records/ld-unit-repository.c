/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unit-repository"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-unit-private.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define UNIT_COLUMNS \
  "id, ifnull (parent_id, 0), name, short_name, kind, supervisor_kind, supervisor_name," \
  " ifnull (retired_at, 0), retired_reason, ifnull (merged_into, 0), created_at, updated_at"

static LdUnit *
read_unit (sqlite3_stmt *stmt)
{
  return ld_unit_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                      ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 3), ld_sql_column_text (stmt, 4),
                      ld_sql_column_text (stmt, 5), ld_sql_column_text (stmt, 6), sqlite3_column_int64 (stmt, 7),
                      ld_sql_column_text (stmt, 8), sqlite3_column_int64 (stmt, 9), sqlite3_column_int64 (stmt, 10),
                      sqlite3_column_int64 (stmt, 11));
}

/* Reading needs the security administrator's view of every unit, or
 * LD_ACTION_RECORD_READ and a scope. */
static gboolean
check_read (LdVault   *vault,
            gboolean  *all,
            GError   **error)
{
  if (!_ld_vault_require_open (vault, error))
    return FALSE;
  *all = _ld_records_sees_all_units (vault);
  return *all || ld_vault_check (vault, LD_ACTION_RECORD_READ, error);
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no unit number %lld in your scope. Check the number with “unit list”."),
               (long long) id);
}

/* The unit if the session may see it, else LD_ERROR_NOT_FOUND (never
 * telling whether it exists outside the scope). */
static LdUnit *
load_unit (LdVault   *vault,
           gint64     id,
           gboolean   all,
           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (all)
    stmt = ld_sql_prepare (_ld_vault_get_db (vault), "SELECT " UNIT_COLUMNS " FROM units WHERE id = ?2 AND ?1 = ?1",
                           error);
  else
    stmt = _ld_scope_prepare (vault, "SELECT " UNIT_COLUMNS " FROM units WHERE id = ?2"
                              " AND id IN (SELECT id FROM visible_units)", error);
  if (stmt == NULL)
    return NULL;
  if (all)
    sqlite3_bind_int64 (stmt, 1, 0);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_unit (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
  return NULL;
}

static gint
compare_units (gconstpointer a,
               gconstpointer b)
{
  LdUnit *ua = *(LdUnit **) a;
  LdUnit *ub = *(LdUnit **) b;
  int cmp = g_utf8_collate (ld_unit_get_name (ua), ld_unit_get_name (ub));

  if (cmp != 0)
    return cmp;
  return ld_unit_get_id (ua) < ld_unit_get_id (ub) ? -1 : ld_unit_get_id (ua) > ld_unit_get_id (ub);
}

GPtrArray *
ld_unit_repository_list (LdVault   *vault,
                         gboolean   include_retired,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (int));
  const char *where = include_retired ? "" : " AND retired_at IS NULL";
  g_autofree char *sql = NULL;
  gboolean all;
  int rc;

  if (!check_read (vault, &all, error))
    return NULL;
  if (all)
    {
      sql = g_strdup_printf ("SELECT " UNIT_COLUMNS " FROM units WHERE ?1 = ?1%s", where);
      stmt = ld_sql_prepare (_ld_vault_get_db (vault), sql, error);
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, 0);
    }
  else
    {
      sql = g_strdup_printf ("SELECT " UNIT_COLUMNS " FROM units WHERE id IN (SELECT id FROM visible_units)%s", where);
      stmt = _ld_scope_prepare (vault, sql, error);
    }
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (units, read_unit (stmt));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }

  /* Tree order in C: units are few (thousands at most). */
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      g_hash_table_insert (by_id, g_memdup2 (&(gint64) { ld_unit_get_id (unit) }, sizeof (gint64)), unit);
    }
  for (guint i = 0; i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      gint64 parent = ld_unit_get_parent_id (unit);
      GPtrArray *kids;

      if (parent == 0 || !g_hash_table_contains (by_id, &parent))
        {
          g_ptr_array_add (roots, unit);
          continue;
        }
      kids = g_hash_table_lookup (children, &parent);
      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), kids);
        }
      g_ptr_array_add (kids, unit);
    }
  g_ptr_array_sort (roots, compare_units);
  for (guint i = roots->len; i > 0; i--)
    {
      int zero = 0;
      g_ptr_array_add (stack, g_ptr_array_index (roots, i - 1));
      g_array_append_val (depths, zero);
    }
  while (stack->len > 0)
    {
      LdUnit *unit = g_ptr_array_steal_index (stack, stack->len - 1);
      int depth = g_array_index (depths, int, depths->len - 1);
      gint64 id = ld_unit_get_id (unit);
      GPtrArray *kids = g_hash_table_lookup (children, &id);

      g_array_set_size (depths, depths->len - 1);
      _ld_unit_set_depth (unit, depth);
      g_ptr_array_add (out, g_object_ref (unit));
      if (kids == NULL)
        continue;
      g_ptr_array_sort (kids, compare_units);
      for (guint i = kids->len; i > 0; i--)
        {
          int d = depth + 1;
          g_ptr_array_add (stack, g_ptr_array_index (kids, i - 1));
          g_array_append_val (depths, d);
        }
    }
  g_hash_table_foreach_remove (by_id, (GHRFunc) g_free, NULL);
  return g_steal_pointer (&out);
}

LdUnit *
ld_unit_repository_get (LdVault   *vault,
                        gint64     id,
                        GError   **error)
{
  gboolean all;

  if (!check_read (vault, &all, error))
    return NULL;
  return load_unit (vault, id, all, error);
}

/* --- Writes ------------------------------------------------------------------ */

typedef struct
{
  char *name;
  char *short_name;
  char *kind;
  char *supervisor_kind;
  char *supervisor_name;
} CleanSpec;

static void
clean_spec_clear (CleanSpec *spec)
{
  g_free (spec->name);
  g_free (spec->short_name);
  g_free (spec->kind);
  g_free (spec->supervisor_kind);
  g_free (spec->supervisor_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CleanSpec, clean_spec_clear)

static gboolean
in_list (const char         *value,
         const char * const *list)
{
  if (*value == '\0')
    return TRUE;
  return g_strv_contains (list, value);
}

static gboolean
clean_spec (const LdUnitSpec  *spec,
            CleanSpec         *out,
            GError           **error)
{
  out->name = _ld_records_clean_text (spec->name, C_("unit field", "The unit name"), 100, TRUE, error);
  if (out->name == NULL)
    return FALSE;
  out->short_name = _ld_records_clean_text (spec->short_name, C_("unit field", "The short name"), 50, FALSE, error);
  if (out->short_name == NULL)
    return FALSE;
  out->kind = _ld_records_clean_text (spec->kind, C_("unit field", "The kind of unit"), 50, FALSE, error);
  if (out->kind == NULL)
    return FALSE;
  if (!in_list (out->kind, ld_unit_kinds ()))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) ld_unit_kinds ());
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Unknown kind of unit “%s”. Use one of: %s."), out->kind,
                   names);
      return FALSE;
    }
  out->supervisor_kind = _ld_records_clean_text (spec->supervisor_kind, C_("unit field", "The supervisor"), 50,
                                                 FALSE, error);
  if (out->supervisor_kind == NULL)
    return FALSE;
  if (!in_list (out->supervisor_kind, ld_unit_supervisor_kinds ()))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) ld_unit_supervisor_kinds ());
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Unknown kind of supervisor “%s”. Use one of: %s."),
                   out->supervisor_kind, names);
      return FALSE;
    }
  out->supervisor_name = _ld_records_clean_text (spec->supervisor_name, C_("unit field", "The supervisor's name"),
                                                 100, FALSE, error);
  return out->supervisor_name != NULL;
}

static gboolean
query_int (LdVault     *vault,
           const char  *sql,
           gint64       a,
           gint64       b,
           gint64      *out,
           GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* A writable unit: in scope and active. */
static LdUnit *
load_writable (LdVault     *vault,
               gint64       id,
               GError     **error)
{
  g_autoptr(LdUnit) unit = load_unit (vault, id, FALSE, error);

  if (unit == NULL)
    return NULL;
  if (ld_unit_get_retired_at (unit) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” is retired and cannot be changed."), ld_unit_get_name (unit));
      return NULL;
    }
  return g_steal_pointer (&unit);
}

/* The top of the tree belongs to whoever holds every unit. */
static gboolean
check_top (LdVault  *vault,
           GError  **error)
{
  gboolean all = FALSE;

  if (!_ld_scope_has_all (vault, &all, error))
    return FALSE;
  if (!all)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED,
                           _("Permission denied: only an account whose scope covers every unit may change the top "
                             "of the unit tree. Ask the security administrator."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_sibling_name (LdVault     *vault,
                    gint64       parent_id,
                    const char  *name,
                    gint64       except_id,
                    GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT count(*) FROM units WHERE ifnull (parent_id, 0) = ?"
                                                 " AND name = ? AND id <> ? AND retired_at IS NULL",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("There is already a unit named “%s” in the same place of the tree. Choose another name."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_parent (LdVault  *vault,
              gint64    parent_id,
              GError  **error)
{
  g_autoptr(LdUnit) parent = NULL;

  if (parent_id == 0)
    return check_top (vault, error);
  parent = load_writable (vault, parent_id, error);
  return parent != NULL;
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

gboolean
_ld_unit_insert_in_tx (LdVault           *vault,
                       const LdUnitSpec  *spec,
                       gboolean           audit,
                       gint64            *out_id,
                       GError           **error)
{
  g_auto(CleanSpec) clean = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 now = _ld_records_now ();
  gint64 id;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!clean_spec (spec, &clean, error)
      || !check_parent (vault, spec->parent_id, error)
      || !check_sibling_name (vault, spec->parent_id, clean.name, 0, error))
    return FALSE;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO units (parent_id, name, short_name, kind, supervisor_kind, supervisor_name,"
                         " created_at, updated_at) VALUES (nullif (?, 0), ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, spec->parent_id);
  sqlite3_bind_text (stmt, 2, clean.name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean.short_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clean.supervisor_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, clean.supervisor_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (audit)
    {
      object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      details = g_strdup_printf ("name=%s; parent=%" G_GINT64_FORMAT, clean.name, spec->parent_id);
      if (!ld_audit_append (vault, LD_AUDIT_UNIT_CREATED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details, error))
        return FALSE;
    }
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gboolean
ld_unit_repository_create (LdVault           *vault,
                           const LdUnitSpec  *spec,
                           gint64            *out_id,
                           GError           **error)
{
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_unit_insert_in_tx (vault, spec, TRUE, &id, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gboolean
ld_unit_repository_update (LdVault           *vault,
                           gint64             id,
                           const LdUnitSpec  *spec,
                           GError           **error)
{
  g_auto(CleanSpec) clean = { 0 };
  g_autoptr(LdUnit) unit = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !clean_spec (spec, &clean, error))
    return FALSE;
  unit = load_writable (vault, id, error);
  if (unit == NULL)
    return FALSE;
  if (ld_unit_get_parent_id (unit) == 0 && !check_top (vault, error))
    return FALSE;
  if (!check_sibling_name (vault, ld_unit_get_parent_id (unit), clean.name, id, error))
    return FALSE;

#define DIFF(field, getter)                                                          \
  if (g_strcmp0 (clean.field, getter (unit)) != 0)                                   \
    g_string_append_printf (details, "%s%s: %s -> %s", details->len ? "; " : "", #field, \
                            getter (unit), clean.field);
  DIFF (name, ld_unit_get_name)
  DIFF (short_name, ld_unit_get_short_name)
  DIFF (kind, ld_unit_get_kind)
  DIFF (supervisor_kind, ld_unit_get_supervisor_kind)
  DIFF (supervisor_name, ld_unit_get_supervisor_name)
#undef DIFF
  if (details->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE units SET name = ?, short_name = ?, kind = ?, supervisor_kind = ?,"
                         " supervisor_name = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, clean.name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean.short_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean.supervisor_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clean.supervisor_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 7, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, LD_AUDIT_UNIT_CHANGED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details->str, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_unit_repository_rename (LdVault     *vault,
                           gint64       id,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(LdUnit) unit = NULL;
  LdUnitSpec spec = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  unit = load_writable (vault, id, error);
  if (unit == NULL)
    return FALSE;
  spec.name = name;
  spec.short_name = ld_unit_get_short_name (unit);
  spec.kind = ld_unit_get_kind (unit);
  spec.supervisor_kind = ld_unit_get_supervisor_kind (unit);
  spec.supervisor_name = ld_unit_get_supervisor_name (unit);
  return ld_unit_repository_update (vault, id, &spec, error);
}

/* Whether candidate is unit_id or below it. */
static gboolean
in_subtree (LdVault   *vault,
            gint64     unit_id,
            gint64     candidate,
            gboolean  *inside,
            GError   **error)
{
  gint64 n = 0;

  if (!query_int (vault,
                  "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)"
                  " SELECT ?2 IN (SELECT id FROM sub)",
                  unit_id, candidate, &n, error))
    return FALSE;
  *inside = n != 0;
  return TRUE;
}

gboolean
ld_unit_repository_move (LdVault     *vault,
                         gint64       id,
                         gint64       new_parent_id,
                         GError     **error)
{
  g_autoptr(LdUnit) unit = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;
  gboolean inside = FALSE;
  sqlite3 *db;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  unit = load_writable (vault, id, error);
  if (unit == NULL)
    return FALSE;
  if (ld_unit_get_parent_id (unit) == new_parent_id)
    return TRUE;
  if (ld_unit_get_parent_id (unit) == 0 && !check_top (vault, error))
    return FALSE;
  if (!check_parent (vault, new_parent_id, error))
    return FALSE;
  if (new_parent_id != 0)
    {
      if (!in_subtree (vault, id, new_parent_id, &inside, error))
        return FALSE;
      if (inside)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The unit “%s” cannot move below itself or one of its own units: the tree would become a "
                         "loop. Choose a parent outside it."),
                       ld_unit_get_name (unit));
          return FALSE;
        }
    }
  if (!check_sibling_name (vault, new_parent_id, ld_unit_get_name (unit), id, error))
    return FALSE;

  db = _ld_vault_get_db (vault);
  details = g_strdup_printf ("parent: %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT, ld_unit_get_parent_id (unit),
                             new_parent_id);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE units SET parent_id = nullif (?, 0), updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, new_parent_id);
  sqlite3_bind_int64 (stmt, 2, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, LD_AUDIT_UNIT_MOVED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

static gboolean
exec_ids (LdVault     *vault,
          const char  *sql,
          gint64       a,
          gint64       b,
          gint64       c,
          const char  *text,
          GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, c);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

gboolean
ld_unit_repository_merge (LdVault     *vault,
                          gint64       source_id,
                          gint64       target_id,
                          GError     **error)
{
  g_autoptr(LdUnit) source = NULL;
  g_autoptr(LdUnit) target = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, source_id);
  g_autofree char *details = NULL;
  gboolean inside = FALSE;
  gint64 clashes = 0, n_cadres = 0, n_units = 0;
  gint64 now = _ld_records_now ();
  const LdSession *session;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  source = load_writable (vault, source_id, error);
  if (source == NULL)
    return FALSE;
  target = load_writable (vault, target_id, error);
  if (target == NULL)
    return FALSE;
  if (source_id == target_id)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID, _("A unit cannot be merged into itself."));
      return FALSE;
    }
  if (ld_unit_get_parent_id (source) == 0 && !check_top (vault, error))
    return FALSE;
  if (!in_subtree (vault, source_id, target_id, &inside, error))
    return FALSE;
  if (inside)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” cannot be merged into “%s”, which lies below it. Move “%s” out first."),
                   ld_unit_get_name (source), ld_unit_get_name (target), ld_unit_get_name (target));
      return FALSE;
    }
  if (!query_int (vault,
                  "SELECT count(*) FROM units a JOIN units b ON a.name = b.name"
                  " WHERE a.parent_id = ?1 AND b.parent_id = ?2 AND a.retired_at IS NULL AND b.retired_at IS NULL",
                  source_id, target_id, &clashes, error))
    return FALSE;
  if (clashes > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” and “%s” both have units with the same name below them. Rename or merge those first."),
                   ld_unit_get_name (source), ld_unit_get_name (target));
      return FALSE;
    }
  if (!query_int (vault, "SELECT count(*) FROM cadres WHERE unit_id = ?1 AND ?2 = ?2", source_id, 0, &n_cadres, error)
      || !query_int (vault, "SELECT count(*) FROM units WHERE parent_id = ?1 AND ?2 = ?2", source_id, 0, &n_units,
                     error))
    return FALSE;

  session = ld_vault_get_session (vault);
  details = g_strdup_printf ("into=%" G_GINT64_FORMAT "; cadres=%" G_GINT64_FORMAT "; units=%" G_GINT64_FORMAT,
                             target_id, n_cadres, n_units);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  /* The cadres' histories record the move, as every change to a file. */
  if (!exec_ids (vault,
                 "INSERT INTO cadre_versions (cadre_id, seq, account, ts_utc, event, before, after)"
                 " SELECT c.id, (SELECT ifnull (max (v.seq), 0) + 1 FROM cadre_versions v WHERE v.cadre_id = c.id),"
                 " ?4, ?3, 'unit.merged', 'unit_id=' || ?1, 'unit_id=' || ?2 FROM cadres c WHERE c.unit_id = ?1",
                 source_id, target_id, now, session->name, error)
      || !exec_ids (vault, "UPDATE cadres SET unit_id = ?2, updated_at = ?3 WHERE unit_id = ?1",
                    source_id, target_id, now, NULL, error)
      || !exec_ids (vault, "UPDATE units SET parent_id = ?2, updated_at = ?3 WHERE parent_id = ?1",
                    source_id, target_id, now, NULL, error)
      || !exec_ids (vault,
                    "UPDATE units SET retired_at = ?3, merged_into = ?2, updated_at = ?3, retired_reason = ?4"
                    " WHERE id = ?1",
                    source_id, target_id, now, "merged", error)
      || !ld_audit_append (vault, LD_AUDIT_UNIT_MERGED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_unit_repository_retire (LdVault     *vault,
                           gint64       id,
                           const char  *reason,
                           GError     **error)
{
  g_autoptr(LdUnit) unit = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;
  gint64 n_cadres = 0, n_units = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, C_("unit field", "The reason"), 200, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  unit = load_writable (vault, id, error);
  if (unit == NULL)
    return FALSE;
  if (ld_unit_get_parent_id (unit) == 0 && !check_top (vault, error))
    return FALSE;
  if (!query_int (vault, "SELECT count(*) FROM cadres WHERE unit_id = ?1 AND retired_at IS NULL AND ?2 = ?2", id, 0,
                  &n_cadres, error)
      || !query_int (vault, "SELECT count(*) FROM units WHERE parent_id = ?1 AND retired_at IS NULL AND ?2 = ?2", id,
                     0, &n_units, error))
    return FALSE;
  if (n_cadres > 0 || n_units > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” still has active cadres or units below it. Move them, or merge the unit into "
                     "another one instead."),
                   ld_unit_get_name (unit));
      return FALSE;
    }

  details = g_strdup_printf ("reason=%s", clean_reason);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!exec_ids (vault, "UPDATE units SET retired_at = ?2, updated_at = ?2, retired_reason = ?4 WHERE id = ?1",
                 id, _ld_records_now (), 0, clean_reason, error)
      || !ld_audit_append (vault, LD_AUDIT_UNIT_RETIRED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}
