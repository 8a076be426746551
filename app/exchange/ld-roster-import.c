/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-roster-import"

#include "config.h"

#include "exchange/ld-roster-import.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-unit-private.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-id-number.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define PROGRESS_STEP 500
#define FIELD_PTR(fields, info, type) ((type *) (gpointer) ((guint8 *) (fields) + (info)->offset))

/* One planned row: the public part first, so the row array hands out
 * LdImportRow pointers. */
typedef struct
{
  LdImportRow  row;
  GPtrArray   *names;     /* const char *: the cadre columns the file fills */
  GPtrArray   *values;    /* char *: their stored values */
  gint64       unit_id;   /* the unit the file names, 0 = none (or a new one) */
  int          new_unit;  /* index in new_unit_names, or -1 */
} RowPlan;

struct _LdImportPlan
{
  char            *path;
  char            *sha256;
  LdTable         *table;
  LdRosterMapping *mapping;
  GPtrArray       *rows;            /* RowPlan * */
  GPtrArray       *problems;        /* LdRosterProblem * */
  GPtrArray       *new_units;       /* char *: paths */
  GPtrArray       *new_unit_names;  /* char *: names, parallel to new_units */
  gint64           parent_unit_id;
  gboolean         skip_invalid;
  guint            n_create;
  guint            n_update;
  guint            n_unchanged;
  guint            n_invalid;
};

typedef struct
{
  gint64    id;
  gint64    parent_id;
  char     *name;
  char     *short_name;
  gboolean  retired;
} Unit;

/* Everything the planning of rows needs. */
typedef struct
{
  LdVault       *vault;
  LdImportPlan  *plan;
  GHashTable    *units;          /* gint64 * → Unit *: every unit in scope */
  GHashTable    *new_by_name;    /* name → index + 1 in plan->new_unit_names */
  GHashTable    *seen_ids;       /* normalised ID number → row number */
  GHashTable    *id_error_rows;  /* row numbers whose ID number the parser refused */
  GHashTable    *row_index;      /* row number → table row index + 1 (merged cells only) */
  GHashTable    *unit_cache;     /* unit text → Resolved * */
  sqlite3_stmt  *find_cadre;
  char          *today;
} Context;

static void
unit_free (Unit *unit)
{
  g_free (unit->name);
  g_free (unit->short_name);
  g_free (unit);
}

static void
row_plan_free (RowPlan *row)
{
  g_free (row->row.name);
  g_free (row->row.id_number);
  g_free (row->row.unit_path);
  g_clear_pointer (&row->row.changes, g_ptr_array_unref);
  g_clear_pointer (&row->names, g_ptr_array_unref);
  g_clear_pointer (&row->values, g_ptr_array_unref);
  g_free (row);
}

void
ld_import_plan_free (LdImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->sha256);
  g_clear_pointer (&plan->table, ld_table_free);
  g_clear_pointer (&plan->mapping, ld_roster_mapping_free);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  g_clear_pointer (&plan->new_units, g_ptr_array_unref);
  g_clear_pointer (&plan->new_unit_names, g_ptr_array_unref);
  g_free (plan);
}

/* --- Codes ---------------------------------------------------------------------- */

/* The cadre record spells management authority and employment status
 * its own way (ld_cadre_code_from_table()); a file may also hold the
 * stored code itself. */
static const char *
cadre_code_for (const char *field,
                const char *table,
                const char *text)
{
  const char *code = ld_cadre_code_from_table (field, ld_code_find_by_label (table, text));

  if (code == NULL && ld_cadre_code_to_table (field, text, NULL) != NULL)
    code = text;
  return code;
}

/* A stored value as people read it in a change line. */
static char *
display_value (const char *column,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (C_("import value", "(empty)"));
  return ld_cadre_field_format_value (column, value);
}

static const LdCadreFieldInfo *
field_info (const char *column)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (table[i].column, column))
      return &table[i];
  g_assert_not_reached ();
  return NULL;
}

/* --- Vault reads ---------------------------------------------------------------- */

static gboolean
load_remembered_mapping (LdVault  *vault,
                         char    **text,
                         GError  **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  int rc;

  *text = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, LD_IMPORT_MAPPING_SETTING, -1, SQLITE_STATIC);
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

static gboolean
load_units (Context  *ctx,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (ctx->vault,
                                                    "SELECT id, ifnull (parent_id, 0), name, short_name,"
                                                    " retired_at IS NOT NULL FROM units"
                                                    " WHERE id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Unit *unit = g_new0 (Unit, 1);

      unit->id = sqlite3_column_int64 (stmt, 0);
      unit->parent_id = sqlite3_column_int64 (stmt, 1);
      unit->name = g_strdup (ld_sql_column_text (stmt, 2));
      unit->short_name = g_strdup (ld_sql_column_text (stmt, 3));
      unit->retired = sqlite3_column_int (stmt, 4) != 0;
      g_hash_table_insert (ctx->units, &unit->id, unit);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (ctx->vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

static Unit *
lookup_unit (Context *ctx,
             gint64   id)
{
  return g_hash_table_lookup (ctx->units, &id);
}

/* "县委 / 组织部": the unit and its ancestors in scope. */
static char *
unit_path (Context *ctx,
           gint64   id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);
  Unit *unit = lookup_unit (ctx, id);

  for (guint depth = 0; unit != NULL && depth < 100; depth++)
    {
      g_ptr_array_add (names, unit->name);
      unit = unit->parent_id != 0 ? lookup_unit (ctx, unit->parent_id) : NULL;
    }
  for (guint i = names->len; i > 0; i--)
    {
      if (path->len > 0)
        g_string_append (path, " / ");
      g_string_append (path, g_ptr_array_index (names, i - 1));
    }
  return g_string_free (path, FALSE);
}

/* Whether unit lies below ancestor (not ancestor itself). */
static gboolean
unit_is_below (Context *ctx,
               Unit    *unit,
               gint64   ancestor)
{
  for (guint depth = 0; unit != NULL && depth < 100; depth++)
    {
      if (unit->parent_id == ancestor)
        return TRUE;
      unit = unit->parent_id != 0 ? lookup_unit (ctx, unit->parent_id) : NULL;
    }
  return FALSE;
}

static gboolean
unit_has_name (Unit       *unit,
               const char *text)
{
  return g_str_equal (unit->name, text) || (*unit->short_name != '\0' && g_str_equal (unit->short_name, text));
}

/* Reads section A of a cadre by record number, from the current state of
 * the vault (no scope check: the caller knows the cadre is in scope). */
static gboolean
read_cadre_fields (sqlite3_stmt   *stmt,
                   int             first,
                   LdCadreFields  *fields)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);

  for (guint i = 0; i < n; i++)
    {
      int col = first + (int) i;

      switch (table[i].type)
        {
        case LD_CADRE_FIELD_TEXT:
          *FIELD_PTR (fields, &table[i], char *) = g_strdup (ld_sql_column_text (stmt, col));
          break;
        case LD_CADRE_FIELD_INT:
          *FIELD_PTR (fields, &table[i], int) = sqlite3_column_int (stmt, col);
          break;
        case LD_CADRE_FIELD_BOOL:
          *FIELD_PTR (fields, &table[i], gboolean) = sqlite3_column_int (stmt, col) != 0;
          break;
        case LD_CADRE_FIELD_ID:
          *FIELD_PTR (fields, &table[i], gint64) = sqlite3_column_int64 (stmt, col);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* "SELECT id, <fields> FROM cadres WHERE <where>". */
static sqlite3_stmt *
prepare_cadre_select (LdVault     *vault,
                      const char  *where,
                      GError     **error)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);
  g_autoptr(GString) sql = g_string_new ("SELECT id");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", %s", table[i].column);
  g_string_append_printf (sql, " FROM cadres WHERE %s", where);
  return ld_sql_prepare (_ld_vault_get_db (vault), sql->str, error);
}

/* --- Planning rows ------------------------------------------------------------- */

static void
add_problem (Context          *ctx,
             guint             row_number,
             LdRosterField     field,
             LdRosterSeverity  severity,
             char             *message)
{
  LdRosterProblem *problem = g_new0 (LdRosterProblem, 1);

  problem->row_number = row_number;
  problem->field = field;
  problem->severity = severity;
  problem->message = message;
  g_ptr_array_add (ctx->plan->problems, problem);
}

static void
provide (RowPlan    *row,
         const char *column,
         const char *value)
{
  g_ptr_array_add (row->names, (gpointer) column);
  g_ptr_array_add (row->values, g_strdup (value));
}

/* A free-text value, checked as the cadre record will check it. */
static gboolean
provide_text (Context     *ctx,
              RowPlan     *row,
              LdRosterRow *in,
              LdRosterField field,
              const char  *column,
              guint        max_chars)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  const char *value = ld_roster_row_get (in, field);

  if (value == NULL)
    return TRUE;
  clean = _ld_records_clean_text (value, ld_cadre_field_get_label (column), max_chars, FALSE, &error);
  if (clean == NULL)
    {
      add_problem (ctx, in->row_number, field, LD_ROSTER_SEVERITY_ERROR, g_strdup (error->message));
      return FALSE;
    }
  provide (row, column, clean);
  return TRUE;
}

/* A date ("1980-01" or "1980-01-05") that must not lie in the future. */
static gboolean
provide_date (Context       *ctx,
              RowPlan       *row,
              LdRosterRow   *in,
              LdRosterField  field,
              const char    *column)
{
  const char *value = ld_roster_row_get (in, field);

  if (value == NULL)
    return TRUE;
  if (strncmp (value, ctx->today, strlen (value)) > 0)
    {
      add_problem (ctx, in->row_number, field, LD_ROSTER_SEVERITY_ERROR,
                   /* Translators: %s is a field label, then a date. */
                   g_strdup_printf (_("%s: %s lies in the future. Check the date."),
                                    ld_cadre_field_get_label (column), value));
      return FALSE;
    }
  provide (row, column, value);
  return TRUE;
}

/* A coded value; one the code table does not know is left out with a
 * warning (the rest of the row still goes in). */
static void
provide_code (Context       *ctx,
              RowPlan       *row,
              LdRosterRow   *in,
              LdRosterField  field,
              const char    *column,
              const char    *table,
              const char    *examples)
{
  const char *value = ld_roster_row_get (in, field);
  const char *code;

  if (value == NULL)
    return;
  if (g_str_equal (table, LD_CODE_TABLE_MANAGEMENT) || g_str_equal (table, LD_CODE_TABLE_EMPLOYMENT_STATUS))
    code = cadre_code_for (column, table, value);
  else
    code = ld_code_find_by_label (table, value);
  if (code == NULL)
    {
      add_problem (ctx, in->row_number, field, LD_ROSTER_SEVERITY_WARNING,
                   /* Translators: a field label, the value in the file, examples of known values. */
                   g_strdup_printf (_("%s: “%s” is not a value Liandang knows, so this field is left out. "
                                      "Write it as, for example, %s."),
                                    ld_cadre_field_get_label (column), value, examples));
      return;
    }
  provide (row, column, code);
}

/* The 职级 column holds a leading post level (正科级), a rank (四级调研员), a
 * pre-2019 title (副调研员) or a staff grade (八级职员). */
static void
provide_rank (Context     *ctx,
              RowPlan     *row,
              LdRosterRow *in)
{
  const char *value = ld_roster_row_get (in, LD_ROSTER_FIELD_RANK);
  const char *code;

  if (value == NULL)
    return;
  if ((code = ld_code_find_by_label (LD_CODE_TABLE_LEADING_POST, value)) != NULL)
    provide (row, "post_level", code);
  else if ((code = ld_code_find_by_label (LD_CODE_TABLE_RANK, value)) != NULL
           || (code = ld_code_find_by_label (LD_CODE_TABLE_STAFF_GRADE, value)) != NULL)
    provide (row, "rank", code);
  else
    add_problem (ctx, in->row_number, LD_ROSTER_FIELD_RANK, LD_ROSTER_SEVERITY_WARNING,
                 g_strdup_printf (_("Rank: “%s” is neither a post level nor a rank Liandang knows, so it is left "
                                    "out. Write it as, for example, 正科级, 副处级, 四级调研员 or 副调研员."),
                                  value));
}

/* Finds the unit a row names. Sets *unit_id, or *new_name for a unit to
 * create under the parent; FALSE with a problem added when it cannot. */
static gboolean
resolve_unit_uncached (Context      *ctx,
                       LdRosterRow  *in,
                       const char   *text,
                       gint64       *unit_id,
                       char        **new_name)
{
  gint64 parent = ctx->plan->parent_unit_id;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  Unit *parent_unit;

  *unit_id = 0;
  *new_name = NULL;
  if (text == NULL)
    {
      *unit_id = parent;
      return TRUE;
    }

  parent_unit = parent != 0 ? lookup_unit (ctx, parent) : NULL;
  if (parent_unit != NULL && unit_has_name (parent_unit, text))
    {
      *unit_id = parent;
      return TRUE;
    }
  /* The parent's own units first: by name, then by short name. */
  for (int pass = 0; parent != 0 && pass < 2; pass++)
    {
      g_hash_table_iter_init (&iter, ctx->units);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Unit *unit = value;

          if (!unit->retired && unit->parent_id == parent
              && g_str_equal (pass == 0 ? unit->name : unit->short_name, text))
            {
              *unit_id = unit->id;
              return TRUE;
            }
        }
    }
  /* Then anywhere below the parent (or in scope), when unique. */
  g_hash_table_iter_init (&iter, ctx->units);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Unit *unit = value;

      if (!unit->retired && unit_has_name (unit, text) && (parent == 0 || unit_is_below (ctx, unit, parent)))
        g_ptr_array_add (matches, unit);
    }
  if (matches->len == 1)
    {
      *unit_id = ((Unit *) g_ptr_array_index (matches, 0))->id;
      return TRUE;
    }
  if (matches->len > 1)
    {
      g_autoptr(GString) paths = g_string_new (NULL);

      for (guint i = 0; i < matches->len; i++)
        {
          g_autofree char *path = unit_path (ctx, ((Unit *) g_ptr_array_index (matches, i))->id);

          if (i > 0)
            g_string_append (paths, "; ");
          g_string_append (paths, path);
        }
      add_problem (ctx, in->row_number, LD_ROSTER_FIELD_UNIT, LD_ROSTER_SEVERITY_ERROR,
                   /* Translators: a unit name, then the paths of the units of that name. */
                   g_strdup_printf (_("Several units are named “%s” (%s). Choose the unit they belong to as the "
                                      "parent unit of the import, or give the full name."),
                                    text, paths->str));
      return FALSE;
    }
  if (parent == 0)
    {
      add_problem (ctx, in->row_number, LD_ROSTER_FIELD_UNIT, LD_ROSTER_SEVERITY_ERROR,
                   g_strdup_printf (_("There is no unit named “%s” in your scope. Choose a parent unit for the "
                                      "import, so that missing units are created below it."),
                                    text));
      return FALSE;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *clean = _ld_records_clean_text (text, C_("unit field", "The unit name"), 100, TRUE, &error);

    if (clean == NULL)
      {
        add_problem (ctx, in->row_number, LD_ROSTER_FIELD_UNIT, LD_ROSTER_SEVERITY_ERROR,
                     g_strdup (error->message));
        return FALSE;
      }
    *new_name = g_steal_pointer (&clean);
  }
  return TRUE;
}

typedef struct
{
  gint64  unit_id;
  char   *new_name;
} Resolved;

static void
resolved_free (Resolved *resolved)
{
  g_free (resolved->new_name);
  g_free (resolved);
}

/* The same, remembering each name found: a roster names few units on many
 * rows. Failures are not remembered (each row reports its own). */
static gboolean
resolve_unit (Context      *ctx,
              LdRosterRow  *in,
              const char   *text,
              gint64       *unit_id,
              char        **new_name)
{
  Resolved *resolved = text != NULL ? g_hash_table_lookup (ctx->unit_cache, text) : NULL;

  if (resolved != NULL)
    {
      *unit_id = resolved->unit_id;
      *new_name = g_strdup (resolved->new_name);
      return TRUE;
    }
  if (!resolve_unit_uncached (ctx, in, text, unit_id, new_name))
    return FALSE;
  if (text != NULL)
    {
      resolved = g_new0 (Resolved, 1);
      resolved->unit_id = *unit_id;
      resolved->new_name = g_strdup (*new_name);
      g_hash_table_insert (ctx->unit_cache, g_strdup (text), resolved);
    }
  return TRUE;
}

static int
register_new_unit (Context    *ctx,
                   const char *name)
{
  LdImportPlan *plan = ctx->plan;
  gpointer found = g_hash_table_lookup (ctx->new_by_name, name);
  g_autofree char *parent_path = NULL;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  parent_path = unit_path (ctx, plan->parent_unit_id);
  g_ptr_array_add (plan->new_unit_names, g_strdup (name));
  g_ptr_array_add (plan->new_units, g_strdup_printf ("%s / %s", parent_path, name));
  g_hash_table_insert (ctx->new_by_name, g_strdup (name), GINT_TO_POINTER (plan->new_unit_names->len));
  return (int) plan->new_unit_names->len - 1;
}

/* Looks the ID number up among the active cadres: *cadre_id 0 when none. */
static gboolean
find_cadre (Context        *ctx,
            const char     *id_number,
            gint64         *cadre_id,
            gboolean       *visible,
            LdCadreFields  *fields,
            GError        **error)
{
  int rc;

  *cadre_id = 0;
  *visible = FALSE;
  sqlite3_reset (ctx->find_cadre);
  sqlite3_bind_text (ctx->find_cadre, 1, id_number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (ctx->find_cadre);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (ctx->vault), rc, error);
      return FALSE;
    }
  *cadre_id = sqlite3_column_int64 (ctx->find_cadre, 0);
  read_cadre_fields (ctx->find_cadre, 1, fields);
  *visible = lookup_unit (ctx, fields->unit_id) != NULL;
  return TRUE;
}

/* The change lines of an existing cadre: only the fields the file gives. */
static void
diff_row (Context             *ctx,
          RowPlan             *row,
          const LdCadreFields *old)
{
  for (guint i = 0; i < row->names->len; i++)
    {
      const char *column = g_ptr_array_index (row->names, i);
      const char *value = g_ptr_array_index (row->values, i);
      g_autofree char *before = _ld_cadre_field_to_text (old, field_info (column));
      g_autofree char *before_text = NULL;
      g_autofree char *after_text = NULL;

      if (g_str_equal (before, value))
        continue;
      before_text = display_value (column, before);
      after_text = display_value (column, value);
      g_ptr_array_add (row->row.changes,
                       /* Translators: a field label, the stored value, the value in the file. */
                       g_strdup_printf (_("%s: %s → %s"), ld_cadre_field_get_label (column), before_text, after_text));
    }
  if (row->new_unit >= 0 || (row->unit_id != 0 && row->unit_id != old->unit_id))
    {
      g_autofree char *before = unit_path (ctx, old->unit_id);
      const char *after = row->new_unit >= 0 ? g_ptr_array_index (ctx->plan->new_units, row->new_unit) : NULL;
      g_autofree char *after_path = after == NULL ? unit_path (ctx, row->unit_id) : NULL;

      g_ptr_array_add (row->row.changes,
                       g_strdup_printf (_("%s: %s → %s"), ld_cadre_field_get_label ("unit_id"), before,
                                        after != NULL ? after : after_path));
    }
}

/* The unit a row names. Rosters often merge the unit cell over the rows
 * of its people; the value then lives in the range's first row only. */
static char *
unit_text (Context     *ctx,
           LdRosterRow *in)
{
  const LdTable *table = ctx->plan->table;
  int column = ld_roster_mapping_find_column (ctx->plan->mapping, LD_ROSTER_FIELD_UNIT);
  const LdTableRange *range;
  gpointer index;

  if (ld_roster_row_get (in, LD_ROSTER_FIELD_UNIT) != NULL)
    return g_strdup (ld_roster_row_get (in, LD_ROSTER_FIELD_UNIT));
  if (column < 0 || ctx->row_index == NULL)
    return NULL;
  range = ld_table_find_merged (table, in->row_number, (guint) column);
  if (range == NULL || range->first_row == in->row_number)
    return NULL;
  index = g_hash_table_lookup (ctx->row_index, GUINT_TO_POINTER (range->first_row));
  if (index == NULL)
    return NULL;
  {
    g_autofree char *text = ld_normalise_text (ld_table_get_cell (table, GPOINTER_TO_UINT (index) - 1,
                                                                  range->first_column));
    return *text != '\0' ? g_steal_pointer (&text) : NULL;
  }
}

static gboolean
plan_row (Context      *ctx,
          LdRosterRow  *in,
          RowPlan      *row,
          GError      **error)
{
  guint number = in->row_number;
  gboolean bad = in->has_errors;
  const char *value;
  g_autofree char *new_unit_name = NULL;
  g_autofree char *unit = unit_text (ctx, in);
  g_auto(LdCadreFields) existing = { 0 };
  gint64 unit_id = 0;
  gint64 cadre_id = 0;
  gboolean visible = FALSE;
  LdIdInfo info = { 0 };

  row->row.row_number = number;
  value = ld_roster_row_get (in, LD_ROSTER_FIELD_NAME);
  row->row.name = g_strdup (value != NULL ? value : "");
  row->row.id_number = g_strdup ("");
  row->row.unit_path = g_strdup ("");
  row->row.changes = g_ptr_array_new_with_free_func (g_free);
  row->names = g_ptr_array_new ();
  row->values = g_ptr_array_new_with_free_func (g_free);
  row->new_unit = -1;

  bad |= !provide_text (ctx, row, in, LD_ROSTER_FIELD_NAME, "name", 50);

  /* The ID number: required, valid, once per file, and the source of sex
   * and date of birth. */
  value = ld_roster_row_get (in, LD_ROSTER_FIELD_ID_NUMBER);
  if (value == NULL)
    {
      if (!g_hash_table_contains (ctx->id_error_rows, GUINT_TO_POINTER (number)))
        add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                     g_strdup (_("The ID number is missing. Every cadre file needs one: fill it in.")));
      bad = TRUE;
    }
  else
    {
      g_autoptr(GError) local = NULL;

      if (!ld_id_number_parse (value, &info, &local))
        {
          add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                       g_strdup (local->message));
          bad = TRUE;
        }
      else
        {
          g_autofree char *birth = g_strdup_printf ("%04d-%02d-%02d", info.birth_year, info.birth_month,
                                                    info.birth_day);
          const char *sex = ld_roster_row_get (in, LD_ROSTER_FIELD_SEX);
          const char *birth_given = ld_roster_row_get (in, LD_ROSTER_FIELD_BIRTH_DATE);
          gpointer first = g_hash_table_lookup (ctx->seen_ids, info.number);
          char id_sex[2] = { info.sex, 0 };

          g_free (row->row.id_number);
          row->row.id_number = g_strdup (info.number);
          provide (row, "id_number", info.number);
          if (info.converted_from_15)
            add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_WARNING,
                         /* Translators: an old 15-digit ID number, then its 18-digit form. */
                         g_strdup_printf (_("The old 15-digit ID number %s is stored as %s."), value,
                                          info.number));
          if (first != NULL && !g_hash_table_contains (ctx->id_error_rows, GUINT_TO_POINTER (number)))
            {
              add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                           g_strdup_printf (_("The ID number %s is also on row %u. Each cadre may appear only "
                                              "once: delete or correct one of the rows."),
                                            info.number, GPOINTER_TO_UINT (first)));
              bad = TRUE;
            }
          else if (first == NULL)
            g_hash_table_insert (ctx->seen_ids, g_strdup (info.number), GUINT_TO_POINTER (number));
          if (strcmp (birth, ctx->today) > 0)
            {
              add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                           g_strdup_printf (_("The ID number gives a date of birth in the future (%s). Check "
                                              "the number."),
                                            birth));
              bad = TRUE;
            }
          if (sex != NULL && !g_str_equal (g_str_equal (sex, "女") ? "F" : "M", id_sex))
            {
              add_problem (ctx, number, LD_ROSTER_FIELD_SEX, LD_ROSTER_SEVERITY_ERROR,
                           g_strdup_printf (_("The sex given (%s) does not match the ID number %s, which says "
                                              "%s. Check both."),
                                            sex, info.number, ld_cadre_sex_get_label (id_sex)));
              bad = TRUE;
            }
          if (birth_given != NULL && !g_str_has_prefix (birth, birth_given))
            {
              add_problem (ctx, number, LD_ROSTER_FIELD_BIRTH_DATE, LD_ROSTER_SEVERITY_ERROR,
                           g_strdup_printf (_("The date of birth given (%s) does not match the ID number %s, "
                                              "which says %s. Check both."),
                                            birth_given, info.number, birth));
              bad = TRUE;
            }
        }
    }

  provide_code (ctx, row, in, LD_ROSTER_FIELD_ETHNICITY, "ethnicity", LD_CODE_TABLE_ETHNICITY,
                "汉族, 回族, 壮族");
  bad |= !provide_text (ctx, row, in, LD_ROSTER_FIELD_NATIVE_PLACE, "native_place", 200);
  provide_code (ctx, row, in, LD_ROSTER_FIELD_POLITICAL_STATUS, "political_status",
                LD_CODE_TABLE_POLITICAL_STATUS, "中共党员, 共青团员, 民盟盟员, 群众");
  bad |= !provide_date (ctx, row, in, LD_ROSTER_FIELD_PARTY_DATE, "party_joined");
  provide_code (ctx, row, in, LD_ROSTER_FIELD_EDUCATION_FULL_TIME, "edu_fulltime", LD_CODE_TABLE_EDUCATION,
                "研究生, 大学本科, 大专, 中专, 高中");
  /* A single 学历 column counts as the full-time education. */
  if (ld_roster_row_get (in, LD_ROSTER_FIELD_EDUCATION_FULL_TIME) == NULL)
    provide_code (ctx, row, in, LD_ROSTER_FIELD_EDUCATION, "edu_fulltime", LD_CODE_TABLE_EDUCATION,
                  "研究生, 大学本科, 大专, 中专, 高中");
  provide_code (ctx, row, in, LD_ROSTER_FIELD_EDUCATION_IN_SERVICE, "edu_inservice", LD_CODE_TABLE_EDUCATION,
                "研究生, 大学本科, 大专, 中专, 高中");
  provide_code (ctx, row, in, LD_ROSTER_FIELD_DEGREE, "degree_fulltime", LD_CODE_TABLE_DEGREE,
                "学士, 硕士, 博士, 法学学士");
  bad |= !provide_text (ctx, row, in, LD_ROSTER_FIELD_POST, "post", 200);
  /* Rosters rarely say who is the 一把手: the post title does. */
  switch (ld_post_title_guess_principal (ld_roster_row_get (in, LD_ROSTER_FIELD_POST)))
    {
    case LD_PRINCIPAL_YES:
      provide (row, "principal", "1");
      break;
    case LD_PRINCIPAL_NO:
      provide (row, "principal", "0");
      break;
    case LD_PRINCIPAL_UNKNOWN:
    default:
      break;
    }
  provide_rank (ctx, row, in);
  bad |= !provide_date (ctx, row, in, LD_ROSTER_FIELD_POST_DATE, "post_since");
  bad |= !provide_date (ctx, row, in, LD_ROSTER_FIELD_RANK_DATE, "rank_since");
  bad |= !provide_date (ctx, row, in, LD_ROSTER_FIELD_PROMOTION_DATE, "promoted_at");
  provide_code (ctx, row, in, LD_ROSTER_FIELD_AUTHORITY, "authority", LD_CODE_TABLE_MANAGEMENT,
                "中管, 省管, 市管, 县管, 单位自管");
  provide_code (ctx, row, in, LD_ROSTER_FIELD_STATUS, "status", LD_CODE_TABLE_EMPLOYMENT_STATUS,
                "在职, 离任未退休, 退休, 调出");

  if (!resolve_unit (ctx, in, unit, &unit_id, &new_unit_name))
    bad = TRUE;

  /* An existing file with this ID number. */
  if (*row->row.id_number != '\0')
    {
      if (!find_cadre (ctx, row->row.id_number, &cadre_id, &visible, &existing, error))
        return FALSE;
      if (cadre_id != 0 && !visible)
        {
          /* Never say whose file it is. */
          add_problem (ctx, number, LD_ROSTER_FIELD_ID_NUMBER, LD_ROSTER_SEVERITY_ERROR,
                       g_strdup_printf (_("The ID number %s belongs to a cadre file outside your scope, which "
                                          "you may not change. Leave the row out, or ask the security "
                                          "administrator."),
                                        row->row.id_number));
          bad = TRUE;
          cadre_id = 0;
        }
    }
  if (!bad && cadre_id == 0 && unit_id == 0 && new_unit_name == NULL)
    {
      add_problem (ctx, number, LD_ROSTER_FIELD_UNIT, LD_ROSTER_SEVERITY_ERROR,
                   g_strdup (_("The unit is missing. Fill in the unit, or choose a parent unit for the import "
                               "to put such rows in.")));
      bad = TRUE;
    }

  if (bad)
    {
      row->row.action = LD_IMPORT_ROW_INVALID;
      return TRUE;
    }

  if (new_unit_name != NULL)
    row->new_unit = register_new_unit (ctx, new_unit_name);
  else if (unit != NULL || cadre_id == 0)
    row->unit_id = unit_id;

  g_free (row->row.unit_path);
  if (row->new_unit >= 0)
    row->row.unit_path = g_strdup (g_ptr_array_index (ctx->plan->new_units, row->new_unit));
  else
    row->row.unit_path = unit_path (ctx, row->unit_id != 0 ? row->unit_id : existing.unit_id);

  if (cadre_id == 0)
    {
      row->row.action = LD_IMPORT_ROW_CREATE;
      return TRUE;
    }
  row->row.cadre_id = cadre_id;
  diff_row (ctx, row, &existing);
  row->row.action = row->row.changes->len > 0 ? LD_IMPORT_ROW_UPDATE : LD_IMPORT_ROW_UNCHANGED;
  return TRUE;
}

static gint
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LdRosterProblem *pa = *(LdRosterProblem **) a;
  const LdRosterProblem *pb = *(LdRosterProblem **) b;

  return pa->row_number < pb->row_number ? -1 : pa->row_number > pb->row_number;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

LdImportPlan *
ld_import_plan_new (LdVault                *vault,
                    const char             *path,
                    const LdImportOptions  *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parser_problems = NULL;
  g_autoptr(GHashTable) units = NULL;
  g_autoptr(GHashTable) new_by_name = NULL;
  g_autoptr(GHashTable) seen_ids = NULL;
  g_autoptr(GHashTable) id_error_rows = NULL;
  g_autoptr(GHashTable) row_index = NULL;
  g_autoptr(GHashTable) unit_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) resolved_free);
  g_autoptr(sqlite3_stmt) find_stmt = NULL;
  g_autofree char *today = NULL;
  LdImportOptions defaults = { 0 };
  Context ctx = { 0 };

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return NULL;

  plan = g_new0 (LdImportPlan, 1);
  plan->path = g_strdup (path);
  plan->parent_unit_id = options->parent_unit_id;
  plan->skip_invalid = options->skip_invalid;
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_plan_free);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_roster_problem_free);
  plan->new_units = g_ptr_array_new_with_free_func (g_free);
  plan->new_unit_names = g_ptr_array_new_with_free_func (g_free);

  plan->table = ld_table_read_file (path, cancellable, error);
  if (plan->table == NULL)
    return NULL;
  plan->sha256 = g_strdup (ld_table_get_sha256 (plan->table));

  if (options->mapping != NULL)
    plan->mapping = ld_roster_mapping_copy (options->mapping);
  else
    {
      g_autofree char *remembered_text = NULL;

      plan->mapping = ld_roster_detect (plan->table, error);
      if (plan->mapping == NULL)
        return NULL;
      if (!load_remembered_mapping (vault, &remembered_text, error))
        return NULL;
      if (remembered_text != NULL)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(LdRosterMapping) remembered = ld_roster_mapping_from_string (remembered_text, &local);

          if (remembered != NULL)
            ld_roster_mapping_apply (plan->mapping, remembered);
          else
            g_debug ("Ignoring the remembered mapping: %s", local->message);
        }
    }

  parsed = ld_roster_parse (plan->table, plan->mapping, &parser_problems);

  units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) unit_free);
  new_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  id_error_rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  today = today_text ();
  ctx.vault = vault;
  ctx.plan = plan;
  ctx.units = units;
  ctx.new_by_name = new_by_name;
  ctx.seen_ids = seen_ids;
  ctx.id_error_rows = id_error_rows;
  ctx.today = today;
  ctx.unit_cache = unit_cache;
  if (ld_table_get_n_merged (plan->table) > 0)
    {
      row_index = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint i = 0; i < ld_table_get_n_rows (plan->table); i++)
        g_hash_table_insert (row_index, GUINT_TO_POINTER (ld_table_get_row_number (plan->table, i)),
                             GUINT_TO_POINTER (i + 1));
      ctx.row_index = row_index;
    }
  if (!load_units (&ctx, error))
    return NULL;
  if (plan->parent_unit_id != 0)
    {
      Unit *parent = lookup_unit (&ctx, plan->parent_unit_id);

      if (parent == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no unit number %lld in your scope. Choose the parent unit from “unit list”."),
                       (long long) plan->parent_unit_id);
          return NULL;
        }
      if (parent->retired)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The unit “%s” is retired. Choose an active parent unit."), parent->name);
          return NULL;
        }
    }
  find_stmt = prepare_cadre_select (vault, "id_number = ? AND retired_at IS NULL", error);
  if (find_stmt == NULL)
    return NULL;
  ctx.find_cadre = find_stmt;

  /* The parser's problems, except its warning about a missing ID number:
   * for an import that is an error, added below. */
  for (guint i = 0; i < parser_problems->len; i++)
    {
      LdRosterProblem *problem = g_ptr_array_index (parser_problems, i);

      if (problem->field == LD_ROSTER_FIELD_ID_NUMBER && problem->severity == LD_ROSTER_SEVERITY_ERROR)
        g_hash_table_add (id_error_rows, GUINT_TO_POINTER (problem->row_number));
      if (problem->field == LD_ROSTER_FIELD_ID_NUMBER && problem->severity == LD_ROSTER_SEVERITY_WARNING)
        continue;
      g_ptr_array_add (plan->problems, g_steal_pointer (&parser_problems->pdata[i]));
    }
  g_ptr_array_set_free_func (parser_problems, NULL);
  for (guint i = 0; i < parser_problems->len; i++)
    if (parser_problems->pdata[i] != NULL)
      ld_roster_problem_free (parser_problems->pdata[i]);

  for (guint i = 0; i < parsed->len; i++)
    {
      RowPlan *row = g_new0 (RowPlan, 1);

      g_ptr_array_add (plan->rows, row);
      if (!plan_row (&ctx, g_ptr_array_index (parsed, i), row, error))
        return NULL;
      switch (row->row.action)
        {
        case LD_IMPORT_ROW_CREATE:
          plan->n_create++;
          break;
        case LD_IMPORT_ROW_UPDATE:
          plan->n_update++;
          break;
        case LD_IMPORT_ROW_UNCHANGED:
          plan->n_unchanged++;
          break;
        case LD_IMPORT_ROW_INVALID:
        default:
          plan->n_invalid++;
          break;
        }
      if ((i + 1) % PROGRESS_STEP == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  g_ptr_array_sort (plan->problems, compare_problems);
  return g_steal_pointer (&plan);
}

/* --- Getters ------------------------------------------------------------------- */

const char *
ld_import_plan_get_path (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->path;
}

const char *
ld_import_plan_get_sha256 (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->sha256;
}

const LdRosterMapping *
ld_import_plan_get_mapping (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->mapping;
}

const LdTable *
ld_import_plan_get_table (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->table;
}

GPtrArray *
ld_import_plan_get_rows (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->rows;
}

GPtrArray *
ld_import_plan_get_problems (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->problems;
}

GPtrArray *
ld_import_plan_get_new_units (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->new_units;
}

void
ld_import_plan_get_counts (LdImportPlan *plan,
                           guint        *n_create,
                           guint        *n_update,
                           guint        *n_unchanged,
                           guint        *n_invalid)
{
  g_return_if_fail (plan != NULL);
  if (n_create != NULL)
    *n_create = plan->n_create;
  if (n_update != NULL)
    *n_update = plan->n_update;
  if (n_unchanged != NULL)
    *n_unchanged = plan->n_unchanged;
  if (n_invalid != NULL)
    *n_invalid = plan->n_invalid;
}

gboolean
ld_import_plan_can_commit (LdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return plan->n_invalid == 0 || plan->skip_invalid;
}

/* --- Report -------------------------------------------------------------------- */

static const char *
row_action_label (LdImportRowAction action)
{
  switch (action)
    {
    case LD_IMPORT_ROW_CREATE:
      return C_("import action", "new");
    case LD_IMPORT_ROW_UPDATE:
      return C_("import action", "update");
    case LD_IMPORT_ROW_UNCHANGED:
      return C_("import action", "unchanged");
    case LD_IMPORT_ROW_INVALID:
    default:
      return C_("import action", "invalid");
    }
}

static void
append_problems (GString          *out,
                 GPtrArray        *problems,
                 LdRosterSeverity  severity)
{
  for (guint i = 0; i < problems->len; i++)
    {
      LdRosterProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != severity)
        continue;
      if (problem->field != LD_ROSTER_FIELD_NONE)
        /* Translators: a row number in the file, the column's field, the message. */
        g_string_append_printf (out, _("  Row %u (%s): %s\n"), problem->row_number,
                                ld_roster_field_get_label (problem->field), problem->message);
      else
        g_string_append_printf (out, _("  Row %u: %s\n"), problem->row_number, problem->message);
    }
}

char *
ld_import_plan_format_report (LdImportPlan *plan)
{
  g_autofree char *base = NULL;
  GString *out = g_string_new (NULL);
  guint n_errors = 0, n_warnings = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  base = g_path_get_basename (plan->path);
  /* Translators: a file name and its SHA-256 checksum. */
  g_string_append_printf (out, _("Roster “%s” (SHA-256 %s)\n"), base, plan->sha256);
  g_string_append_printf (out, _("Header row: %u; data rows: %u\n"),
                          ld_roster_mapping_get_header_row_number (plan->mapping), plan->rows->len);
  g_string_append_printf (out, _("New cadres: %u\n"), plan->n_create);
  g_string_append_printf (out, _("Cadres to update: %u\n"), plan->n_update);
  g_string_append_printf (out, _("Unchanged cadres: %u\n"), plan->n_unchanged);
  if (plan->n_invalid > 0 && plan->skip_invalid)
    g_string_append_printf (out, _("Invalid rows, left out: %u\n"), plan->n_invalid);
  else if (plan->n_invalid > 0)
    g_string_append_printf (out, _("Invalid rows, which block the import: %u\n"), plan->n_invalid);
  else
    g_string_append_printf (out, _("Invalid rows: %u\n"), plan->n_invalid);
  g_string_append_printf (out, _("Units to create: %u\n"), plan->new_units->len);

  for (guint i = 0; i < plan->new_units->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (plan->new_units, i));

  for (guint i = 0; i < plan->problems->len; i++)
    {
      LdRosterProblem *problem = g_ptr_array_index (plan->problems, i);

      if (problem->severity == LD_ROSTER_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  if (n_errors > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Errors:"));
      append_problems (out, plan->problems, LD_ROSTER_SEVERITY_ERROR);
    }
  if (n_warnings > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings:"));
      append_problems (out, plan->problems, LD_ROSTER_SEVERITY_WARNING);
    }
  if (plan->n_update > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Changes:"));
      for (guint i = 0; i < plan->rows->len; i++)
        {
          LdImportRow *row = g_ptr_array_index (plan->rows, i);

          if (row->action != LD_IMPORT_ROW_UPDATE)
            continue;
          /* Translators: a row number, a name, an ID number, what happens to the row. */
          g_string_append_printf (out, _("  Row %u: %s (%s), %s\n"), row->row_number, row->name, row->id_number,
                                  row_action_label (row->action));
          for (guint j = 0; j < row->changes->len; j++)
            g_string_append_printf (out, "    %s\n", (char *) g_ptr_array_index (row->changes, j));
        }
    }
  return g_string_free (out, FALSE);
}

/* --- Commit -------------------------------------------------------------------- */

/* The fields to store: the current file (or an empty one) with the
 * values the file gives over it. */
static void
row_fields (RowPlan        *row,
            gint64          unit_id,
            LdCadreFields  *fields)
{
  for (guint i = 0; i < row->names->len; i++)
    ld_cadre_fields_set (fields, g_ptr_array_index (row->names, i), g_ptr_array_index (row->values, i));
  if (unit_id != 0)
    fields->unit_id = unit_id;
}

static gboolean
save_mapping (LdVault          *vault,
              LdRosterMapping  *mapping,
              GError          **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *text = ld_roster_mapping_to_string (mapping);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, LD_IMPORT_MAPPING_SETTING, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static gboolean
commit_row (LdVault       *vault,
            LdImportPlan  *plan,
            RowPlan       *row,
            GArray        *unit_ids,
            sqlite3_stmt  *load,
            gboolean      *changed,
            GError       **error)
{
  g_auto(LdCadreFields) fields = { 0 };
  gint64 unit_id = row->new_unit >= 0 ? g_array_index (unit_ids, gint64, row->new_unit) : row->unit_id;
  int rc;

  *changed = FALSE;
  if (row->row.action == LD_IMPORT_ROW_CREATE)
    {
      row_fields (row, unit_id, &fields);
      *changed = TRUE;
      return _ld_cadre_insert_in_tx (vault, &fields, LD_AUDIT_CADRE_IMPORTED, FALSE, NULL, error);
    }

  /* An update applies the file's values to the file as it is now. */
  sqlite3_reset (load);
  sqlite3_bind_int64 (load, 1, row->row.cadre_id);
  rc = sqlite3_step (load);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The cadre file with the ID number %s was retired since the file was checked. Check the "
                     "file again."),
                   row->row.id_number);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  read_cadre_fields (load, 1, &fields);
  row_fields (row, unit_id, &fields);
  return _ld_cadre_update_in_tx (vault, row->row.cadre_id, &fields, LD_AUDIT_CADRE_IMPORTED, FALSE, changed, error);
}

gboolean
ld_import_plan_commit (LdVault               *vault,
                       LdImportPlan          *plan,
                       LdImportProgressFunc   progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       guint                 *n_created,
                       guint                 *n_updated,
                       GError               **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *base = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GArray) unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) load = NULL;
  guint created = 0, updated = 0, unchanged = 0, skipped = 0;
  guint total;

  g_return_val_if_fail (plan != NULL, FALSE);

  if (n_created != NULL)
    *n_created = 0;
  if (n_updated != NULL)
    *n_updated = 0;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (!ld_import_plan_can_commit (plan))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has errors, so nothing was imported. Correct the file, or choose to skip "
                                "invalid rows.",
                                "%u rows have errors, so nothing was imported. Correct the file, or choose to skip "
                                "invalid rows.",
                                plan->n_invalid),
                   plan->n_invalid);
      return FALSE;
    }
  sha256 = ld_table_file_sha256 (plan->path, cancellable, error);
  if (sha256 == NULL)
    return FALSE;
  if (!g_str_equal (sha256, plan->sha256))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file “%s” changed since it was checked, so nothing was imported. Check it again, then "
                     "import."),
                   plan->path);
      return FALSE;
    }
  load = prepare_cadre_select (vault, "id = ? AND retired_at IS NULL", error);
  if (load == NULL)
    return FALSE;

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  for (guint i = 0; i < plan->new_unit_names->len; i++)
    {
      LdUnitSpec spec = { .parent_id = plan->parent_unit_id, .name = g_ptr_array_index (plan->new_unit_names, i) };
      gint64 id = 0;

      if (!_ld_unit_insert_in_tx (vault, &spec, FALSE, &id, error))
        {
          g_prefix_error (error, _("Unit “%s”: "), spec.name);
          return fail (vault);
        }
      g_array_append_val (unit_ids, id);
    }

  total = plan->rows->len;
  for (guint i = 0; i < total; i++)
    {
      RowPlan *row = g_ptr_array_index (plan->rows, i);
      gboolean changed = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return fail (vault);
      switch (row->row.action)
        {
        case LD_IMPORT_ROW_INVALID:
          skipped++;
          break;
        case LD_IMPORT_ROW_UNCHANGED:
          unchanged++;
          break;
        case LD_IMPORT_ROW_CREATE:
        case LD_IMPORT_ROW_UPDATE:
        default:
          if (!commit_row (vault, plan, row, unit_ids, load, &changed, error))
            {
              /* Translators: a row number in the file; an error message follows. */
              g_prefix_error (error, _("Row %u: "), row->row.row_number);
              return fail (vault);
            }
          if (row->row.action == LD_IMPORT_ROW_CREATE)
            created++;
          else if (changed)
            updated++;
          else
            unchanged++;
          break;
        }
      if (progress != NULL && (i + 1) % PROGRESS_STEP == 0)
        progress (i + 1, total, progress_data);
    }

  base = g_path_get_basename (plan->path);
  details = g_strdup_printf ("file=%s; sha256=%s; created=%u; updated=%u; unchanged=%u; skipped=%u; units=%u",
                             base, sha256, created, updated, unchanged, skipped, plan->new_unit_names->len);
  if (!save_mapping (vault, plan->mapping, error)
      || !ld_audit_append (vault, LD_AUDIT_IMPORT_CADRES, "file", base, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (progress != NULL && total % PROGRESS_STEP != 0)
    progress (total, total, progress_data);
  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;
  return TRUE;
}
