/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-roster-import"

#include "config.h"

#include "exchange/ld-roster-import.h"

#include "app/records/ld-records-config.h"
#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#ifdef LD_HAVE_ID_NUMBER
#include "rules/ld-id-number.h"
#endif

#include <glib/gi18n-lib.h>
#include <string.h>

/* How the plan knows what the commit will do: it runs the very same writes
 * (units, cadre inserts and updates, each row in its own savepoint) in a
 * transaction that it then rolls back. A row the vault refuses is marked
 * invalid with the vault's own message, so a plan that can commit commits,
 * unless the vault changed in between; then the commit fails as a whole. */

#define PROGRESS_STEP 500
#define UNIT_NAME_MAX 100

/* Shown for an empty value in a change line. */
#define EMPTY_VALUE "—"

struct _LdImportPlan
{
  char            *path;
  char            *sha256;
  LdTable         *table;
  LdRosterMapping *mapping;
  GPtrArray       *parsed;     /* LdRosterRow*, one per row */
  GPtrArray       *rows;       /* LdImportRow* */
  GPtrArray       *problems;   /* LdRosterProblem* */
  GPtrArray       *new_units;  /* char* */
  gint64           parent_unit_id;
  gboolean         skip_invalid;
};

/* --- Units ------------------------------------------------------------------ */

typedef struct
{
  gint64  id;
  gint64  parent_id;
  char   *name;
  char   *short_name;
} UnitInfo;

static void
unit_info_free (UnitInfo *info)
{
  g_free (info->name);
  g_free (info->short_name);
  g_free (info);
}

/* The active units of the session's scopes, indexed in memory (units are
 * few), plus the ones this run created. */
typedef struct
{
  GHashTable *by_id;     /* gint64* → UnitInfo* (owned) */
  GHashTable *children;  /* "<parent id>/<name>" → UnitInfo* */
  GHashTable *by_name;   /* name or short name → GPtrArray of UnitInfo* */
} Units;

static char *
child_key (gint64      parent_id,
           const char *name)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", parent_id, name);
}

static void
units_clear (Units *units)
{
  g_clear_pointer (&units->children, g_hash_table_unref);
  g_clear_pointer (&units->by_name, g_hash_table_unref);
  g_clear_pointer (&units->by_id, g_hash_table_unref);
}

static void
units_add (Units    *units,
           UnitInfo *info,
           gboolean  by_name)
{
  g_hash_table_insert (units->by_id, &info->id, info);
  g_hash_table_insert (units->children, child_key (info->parent_id, info->name), info);
  if (by_name)
    {
      const char *names[] = { info->name, info->short_name };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          GPtrArray *list;

          if (names[i] == NULL || *names[i] == '\0' || (i == 1 && g_str_equal (names[1], names[0])))
            continue;
          list = g_hash_table_lookup (units->by_name, names[i]);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (units->by_name, g_strdup (names[i]), list);
            }
          g_ptr_array_add (list, info);
        }
    }
}

/* Forgets a unit this run created (its row was rolled back). */
static void
units_remove (Units  *units,
              gint64  id)
{
  UnitInfo *info = g_hash_table_lookup (units->by_id, &id);
  g_autofree char *key = NULL;

  if (info == NULL)
    return;
  key = child_key (info->parent_id, info->name);
  g_hash_table_remove (units->children, key);
  g_hash_table_remove (units->by_id, &id);
}

static gboolean
units_load (LdVault   *vault,
            Units     *units,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  units->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) unit_info_free);
  units->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  units->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  stmt = _ld_scope_prepare (vault,
                            "SELECT id, ifnull (parent_id, 0), name, short_name FROM units"
                            " WHERE retired_at IS NULL AND id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UnitInfo *info = g_new0 (UnitInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->parent_id = sqlite3_column_int64 (stmt, 1);
      info->name = g_strdup (ld_sql_column_text (stmt, 2));
      info->short_name = g_strdup (ld_sql_column_text (stmt, 3));
      units_add (units, info, TRUE);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

/* "县委 / 组织部": the unit and the visible units above it. */
static char *
units_path (Units  *units,
            gint64  id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *path = g_string_new (NULL);
  UnitInfo *info;

  while ((info = g_hash_table_lookup (units->by_id, &id)) != NULL && names->len < 64)
    {
      g_ptr_array_add (names, info->name);
      id = info->parent_id;
    }
  for (guint i = names->len; i > 0; i--)
    {
      if (path->len > 0)
        g_string_append (path, " / ");
      g_string_append (path, g_ptr_array_index (names, i - 1));
    }
  return g_string_free (path, FALSE);
}

/* The parts of a unit text: "县委/组织部", "县委 / 组织部". */
static GPtrArray *
split_unit_path (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
  return out;
}

/* Whether the units above CANDIDATE are named, from the nearest up, by
 * parts[n-2], parts[n-3], … (a path may start anywhere in the tree). */
static gboolean
ancestors_match (Units      *units,
                 UnitInfo   *candidate,
                 GPtrArray  *parts)
{
  gint64 id = candidate->parent_id;

  for (guint i = parts->len - 1; i > 0; i--)
    {
      const char *want = g_ptr_array_index (parts, i - 1);
      UnitInfo *info = g_hash_table_lookup (units->by_id, &id);

      if (info == NULL
          || (!g_str_equal (info->name, want) && !g_str_equal (info->short_name, want)))
        return FALSE;
      id = info->parent_id;
    }
  return TRUE;
}

/* --- Rows ------------------------------------------------------------------- */

static void
import_row_free (LdImportRow *row)
{
  g_free (row->name);
  g_free (row->id_number);
  g_free (row->unit_path);
  g_clear_pointer (&row->changes, g_ptr_array_unref);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdImportRow, import_row_free)

static void
add_problem (GPtrArray        *problems,
             guint             row_number,
             LdRosterField     field,
             LdRosterSeverity  severity,
             const char       *message)
{
  LdRosterProblem *problem;

  if (problems == NULL)
    return;
  problem = g_new0 (LdRosterProblem, 1);
  problem->row_number = row_number;
  problem->field = field;
  problem->severity = severity;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LdRosterProblem *pa = *(LdRosterProblem **) a;
  const LdRosterProblem *pb = *(LdRosterProblem **) b;

  return pa->row_number < pb->row_number ? -1 : pa->row_number > pb->row_number;
}

/* One run over the rows: the plan's trial or the commit. */
typedef struct
{
  LdVault      *vault;
  LdImportPlan *plan;
  gboolean      commit;
  Units         units;
  sqlite3_stmt *find_cadre;
  GArray       *row_units;   /* gint64: units created for the current row */
  guint         n_units;     /* units created */
  guint         n_created;
  guint         n_updated;
  guint         n_unchanged;
  guint         n_skipped;
} Run;

static void
run_clear (Run *run)
{
  units_clear (&run->units);
  g_clear_pointer (&run->find_cadre, sqlite3_finalize);
  g_clear_pointer (&run->row_units, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Inserts a unit below PARENT_ID inside the run's transaction. */
static gboolean
create_unit (Run         *run,
             gint64       parent_id,
             const char  *name,
             gint64      *out_id,
             GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (run->vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;
  UnitInfo *info;
  gint64 now = _ld_records_now ();
  gint64 id;

  clean = _ld_records_clean_text (name, C_("unit field", "The unit name"), UNIT_NAME_MAX, TRUE, error);
  if (clean == NULL)
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO units (parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (run->commit)
    {
      g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *details = g_strdup_printf ("name=%s; parent=%" G_GINT64_FORMAT "; import", clean, parent_id);

      if (!ld_audit_append (run->vault, LD_AUDIT_UNIT_CREATED, "unit", object_id, LD_AUDIT_OUTCOME_OK, details,
                            error))
        return FALSE;
    }
  info = g_new0 (UnitInfo, 1);
  info->id = id;
  info->parent_id = parent_id;
  info->name = g_steal_pointer (&clean);
  info->short_name = g_strdup ("");
  units_add (&run->units, info, FALSE);
  g_array_append_val (run->row_units, id);
  if (!run->commit)
    g_ptr_array_add (run->plan->new_units, units_path (&run->units, id));
  run->n_units++;
  *out_id = id;
  return TRUE;
}

/* The unit a row names. Below the chosen parent, missing units are
 * created; without one, the text must name exactly one visible unit. */
static gboolean
resolve_unit (Run         *run,
              const char  *text,
              gint64      *out_id,
              GError     **error)
{
  g_autoptr(GPtrArray) parts = split_unit_path (text);
  gint64 parent = run->plan->parent_unit_id;

  if (parts->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” has no name in it. Write the unit's name, or leave the cell empty."), text);
      return FALSE;
    }

  if (parent > 0)
    {
      gint64 current = parent;
      guint first = 0;
      UnitInfo *top = g_hash_table_lookup (run->units.by_id, &parent);

      /* The file may name the chosen unit itself first ("县委 / 组织部"
       * below 县委). */
      if (top != NULL && parts->len > 0 && g_str_equal (g_ptr_array_index (parts, 0), top->name))
        {
          g_autofree char *key = child_key (parent, top->name);

          if (!g_hash_table_contains (run->units.children, key))
            first = 1;
        }
      if (first == parts->len)
        {
          *out_id = parent;
          return TRUE;
        }
      for (guint i = first; i < parts->len; i++)
        {
          const char *name = g_ptr_array_index (parts, i);
          g_autofree char *key = child_key (current, name);
          UnitInfo *child = g_hash_table_lookup (run->units.children, key);

          if (child != NULL)
            {
              current = child->id;
              continue;
            }
          if (!create_unit (run, current, name, &current, error))
            return FALSE;
        }
      *out_id = current;
      return TRUE;
    }

  {
    const char *last = g_ptr_array_index (parts, parts->len - 1);
    GPtrArray *candidates = g_hash_table_lookup (run->units.by_name, last);
    UnitInfo *found = NULL;
    guint n_found = 0;

    for (guint i = 0; candidates != NULL && i < candidates->len; i++)
      {
        UnitInfo *info = g_ptr_array_index (candidates, i);

        if (ancestors_match (&run->units, info, parts))
          {
            found = info;
            n_found++;
          }
      }
    if (n_found == 1)
      {
        *out_id = found->id;
        return TRUE;
      }
    if (n_found == 0)
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("There is no unit “%s” in your scope. Create it first, or choose a parent unit for the "
                     "import so that the units the file names are created below it."),
                   text);
    else
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Several units in your scope are called “%s”. Write the path of the one you mean, such "
                     "as “县委 / 组织部”."),
                   text);
    return FALSE;
  }
}

/* The existing active cadre with this ID number: 0 when there is none. A
 * cadre outside the session's scope is an error (the row cannot create a
 * second file for the same person). */
static gboolean
find_cadre (Run          *run,
            const char   *id_number,
            LdCadre     **out_cadre,
            GError      **error)
{
  sqlite3 *db = _ld_vault_get_db (run->vault);
  g_autoptr(GPtrArray) found = NULL;
  gint64 id;
  int rc;

  *out_cadre = NULL;
  if (run->find_cadre == NULL)
    {
      run->find_cadre = ld_sql_prepare (db, "SELECT id FROM cadres WHERE id_number = ? AND retired_at IS NULL",
                                        error);
      if (run->find_cadre == NULL)
        return FALSE;
    }
  sqlite3_reset (run->find_cadre);
  sqlite3_bind_text (run->find_cadre, 1, id_number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (run->find_cadre);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  id = sqlite3_column_int64 (run->find_cadre, 0);
  sqlite3_reset (run->find_cadre);
  found = ld_cadre_repository_get_many (run->vault, &id, 1, error);
  if (found == NULL)
    return FALSE;
  if (found->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("A file with the ID number %s exists outside your scope. Ask whoever keeps that unit to "
                     "update it, or leave the row out."),
                   id_number);
      return FALSE;
    }
  *out_cadre = g_object_ref (g_ptr_array_index (found, 0));
  return TRUE;
}

/* The repository's codes for management authority and status, from the
 * code tables' codes. */
static const char *
authority_code (const char *code)
{
  static const char * const map[][2] = {
    { "central", "central" }, { "provincial", "province" }, { "municipal", "city" },
    { "county", "county" }, { "unit", "unit" },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i][0], code))
      return map[i][1];
  return NULL;
}

static const char *
status_code (const char *code)
{
  static const char * const map[][2] = {
    { "active", "serving" }, { "left-post", "left" }, { "retired", "retired" },
    { "transferred-out", "transferred" },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i][0], code))
      return map[i][1];
  return NULL;
}

/* The code-table code of a stored repository code (for labels). */
static const char *
table_code (const char * const (*map)[2],
            guint               n,
            const char         *stored)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (map[i][1], stored))
      return map[i][0];
  return stored;
}

static const char *
authority_table_code (const char *stored)
{
  static const char * const map[][2] = {
    { "provincial", "province" }, { "municipal", "city" },
  };

  return table_code (map, G_N_ELEMENTS (map), stored);
}

static const char *
status_table_code (const char *stored)
{
  static const char * const map[][2] = {
    { "active", "serving" }, { "left-post", "left" }, { "transferred-out", "transferred" },
  };

  return table_code (map, G_N_ELEMENTS (map), stored);
}

static void
warn_unknown (GPtrArray     *problems,
              guint          row_number,
              LdRosterField  field,
              const char    *value)
{
  g_autofree char *message = NULL;

  if (problems == NULL)
    return;
  /* Translators: the first %s is a column label (学历), the second the value in the file. */
  message = g_strdup_printf (_("%s: “%s” is not in the code table; it is kept as written. Correct it in the "
                               "file if it is a typing error."),
                             ld_roster_field_get_label (field), value);
  add_problem (problems, row_number, field, LD_ROSTER_SEVERITY_WARNING, message);
}

/* A code-table value: the code when the text names one, else the text
 * itself with a warning. */
static void
set_coded (LdCadreFields *fields,
           const char    *column,
           const char    *table,
           const char    *value,
           LdRosterField  field,
           guint          row_number,
           GPtrArray     *problems)
{
  const char *code = ld_code_find_by_label (table, value);

  if (code == NULL)
    warn_unknown (problems, row_number, field, value);
  ld_cadre_fields_set (fields, column, code != NULL ? code : value);
}

/* Copies the row's non-empty values over FIELDS (empty cells leave what
 * the vault has). Fails for a value the vault would refuse that the plan
 * can name better than the vault (management authority, status). */
static gboolean
fill_fields (const LdRosterRow  *row,
             LdCadreFields      *fields,
             GPtrArray          *problems,
             GError            **error)
{
  static const struct
  {
    LdRosterField  field;
    const char    *column;
  } plain[] = {
    { LD_ROSTER_FIELD_NAME, "name" },
    { LD_ROSTER_FIELD_ID_NUMBER, "id_number" },
    { LD_ROSTER_FIELD_BIRTH_DATE, "birth_date" },
    { LD_ROSTER_FIELD_ETHNICITY, "ethnicity" },
    { LD_ROSTER_FIELD_NATIVE_PLACE, "native_place" },
    { LD_ROSTER_FIELD_PARTY_DATE, "party_joined" },
    { LD_ROSTER_FIELD_DEGREE, "degree_fulltime" },
    { LD_ROSTER_FIELD_POST, "post" },
    { LD_ROSTER_FIELD_POST_DATE, "post_since" },
    { LD_ROSTER_FIELD_RANK_DATE, "rank_since" },
    { LD_ROSTER_FIELD_PROMOTION_DATE, "promoted_at" },
  };
  const char *value;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if ((value = ld_roster_row_get (row, plain[i].field)) != NULL && *value != '\0')
      ld_cadre_fields_set (fields, plain[i].column, value);

  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_SEX)) != NULL && *value != '\0')
    ld_cadre_fields_set (fields, "sex", g_str_equal (value, "女") ? "F" : g_str_equal (value, "男") ? "M" : value);

  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_POLITICAL_STATUS)) != NULL && *value != '\0')
    set_coded (fields, "political_status", LD_CODE_TABLE_POLITICAL_STATUS, value,
               LD_ROSTER_FIELD_POLITICAL_STATUS, row->row_number, problems);
  /* 学历 alone is the full-time education unless the file has both. */
  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_EDUCATION_FULL_TIME)) != NULL && *value != '\0')
    set_coded (fields, "edu_fulltime", LD_CODE_TABLE_EDUCATION, value, LD_ROSTER_FIELD_EDUCATION_FULL_TIME,
               row->row_number, problems);
  else if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_EDUCATION)) != NULL && *value != '\0')
    set_coded (fields, "edu_fulltime", LD_CODE_TABLE_EDUCATION, value, LD_ROSTER_FIELD_EDUCATION,
               row->row_number, problems);
  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_EDUCATION_IN_SERVICE)) != NULL && *value != '\0')
    set_coded (fields, "edu_inservice", LD_CODE_TABLE_EDUCATION, value, LD_ROSTER_FIELD_EDUCATION_IN_SERVICE,
               row->row_number, problems);

  /* 职级 holds a leading-post level (正科级), a rank (一级主任科员), an
   * old title (副调研员) or a staff grade. */
  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_RANK)) != NULL && *value != '\0')
    {
      const char *code;

      if ((code = ld_code_find_by_label (LD_CODE_TABLE_LEADING_POST, value)) != NULL
          || (code = ld_code_find_by_label (LD_CODE_TABLE_POST_LEVEL, value)) != NULL)
        ld_cadre_fields_set (fields, "post_level", code);
      else if ((code = ld_code_find_by_label (LD_CODE_TABLE_RANK, value)) != NULL
               || (code = ld_code_find_by_label (LD_CODE_TABLE_STAFF_GRADE, value)) != NULL)
        ld_cadre_fields_set (fields, "rank", code);
      else
        {
          warn_unknown (problems, row->row_number, LD_ROSTER_FIELD_RANK, value);
          ld_cadre_fields_set (fields, "rank", value);
        }
    }

  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_AUTHORITY)) != NULL && *value != '\0')
    {
      const char *code = authority_code (ld_code_find_by_label (LD_CODE_TABLE_MANAGEMENT, value));

      if (code == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Management authority: “%s” is not known. Write 中管, 省管, 市管, 县管 or 单位自管."),
                       value);
          return FALSE;
        }
      ld_cadre_fields_set (fields, "authority", code);
    }
  if ((value = ld_roster_row_get (row, LD_ROSTER_FIELD_STATUS)) != NULL && *value != '\0')
    {
      const char *code = status_code (ld_code_find_by_label (LD_CODE_TABLE_EMPLOYMENT_STATUS, value));

      if (code == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Status: “%s” is not known. Write 在职, 离任未退休, 退休 or 调出."), value);
          return FALSE;
        }
      ld_cadre_fields_set (fields, "status", code);
    }
  return TRUE;
}

/* A stored value as the report shows it: the label of a code. */
static char *
display_value (Units       *units,
               const char  *column,
               const char  *text)
{
  const char *label = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup (EMPTY_VALUE);
  if (g_str_equal (column, "unit_id"))
    {
      gint64 id = g_ascii_strtoll (text, NULL, 10);
      g_autofree char *path = units_path (units, id);

      return *path != '\0' ? g_steal_pointer (&path) : g_strdup (text);
    }
  if (g_str_equal (column, "political_status"))
    label = ld_code_get_label (LD_CODE_TABLE_POLITICAL_STATUS, text);
  else if (g_str_has_prefix (column, "edu_"))
    label = ld_code_get_label (LD_CODE_TABLE_EDUCATION, text);
  else if (g_str_equal (column, "post_level"))
    {
      label = ld_code_get_label (LD_CODE_TABLE_LEADING_POST, text);
      if (label == NULL)
        label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, text);
    }
  else if (g_str_equal (column, "rank"))
    {
      label = ld_code_get_label (LD_CODE_TABLE_RANK, text);
      if (label == NULL)
        label = ld_code_get_label (LD_CODE_TABLE_STAFF_GRADE, text);
    }
  else if (g_str_equal (column, "authority"))
    label = ld_code_get_label (LD_CODE_TABLE_MANAGEMENT, authority_table_code (text));
  else if (g_str_equal (column, "status"))
    label = ld_code_get_label (LD_CODE_TABLE_EMPLOYMENT_STATUS, status_table_code (text));
  return g_strdup (label != NULL ? label : text);
}

/* "Post: 科员 → 副科长" for every field that differs, except sex and date
 * of birth, which follow the ID number the cadre was matched by. */
static GPtrArray *
list_changes (Units               *units,
              const LdCadreFields *old,
              const LdCadreFields *new)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *shown_a = NULL;
      g_autofree char *shown_b = NULL;

      if (g_str_equal (table[i].column, "sex") || g_str_equal (table[i].column, "birth_date"))
        continue;
      a = _ld_cadre_field_to_text (old, &table[i]);
      b = _ld_cadre_field_to_text (new, &table[i]);
      if (g_str_equal (a, b))
        continue;
      shown_a = display_value (units, table[i].column, a);
      shown_b = display_value (units, table[i].column, b);
      /* Translators: a change an import makes: field label, old value, new value. */
      g_ptr_array_add (changes, g_strdup_printf (_("%s: %s → %s"), ld_cadre_field_get_label (table[i].column),
                                                 shown_a, shown_b));
    }
  return changes;
}

/* Whether an error stops the whole run (I/O, SQL, permission) rather
 * than marking one row invalid. */
static gboolean
is_fatal (const GError *error)
{
  return !g_error_matches (error, LD_ERROR, LD_ERROR_INVALID) && !g_error_matches (error, LD_ERROR, LD_ERROR_NOT_FOUND);
}

/* Takes back a row's writes and the units it created. */
static gboolean
undo_row (Run     *run,
          guint    n_new_units_before,
          GError **error)
{
  if (!ld_sql_exec (_ld_vault_get_db (run->vault), "ROLLBACK TO import_row; RELEASE import_row", error))
    return FALSE;
  for (guint i = 0; i < run->row_units->len; i++)
    units_remove (&run->units, g_array_index (run->row_units, gint64, i));
  run->n_units -= run->row_units->len;
  if (!run->commit)
    g_ptr_array_set_size (run->plan->new_units, n_new_units_before);
  return TRUE;
}

/* Writes one row. Returns FALSE with *fatal set when the run must stop;
 * FALSE without it when the row is invalid (its problem recorded in the
 * plan, or in error for a commit). */
static gboolean
write_row (Run                *run,
           const LdRosterRow  *in,
           LdImportRow        *out,
           gboolean           *fatal,
           GError            **error)
{
  GPtrArray *problems = run->commit ? NULL : run->plan->problems;
  const char *id_text = ld_roster_row_get (in, LD_ROSTER_FIELD_ID_NUMBER);
  const char *unit_text = ld_roster_row_get (in, LD_ROSTER_FIELD_UNIT);
  g_autoptr(LdCadre) existing = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  g_autofree char *id_number = NULL;
  gint64 unit_id = 0;
  guint n_new_units = run->commit ? 0 : run->plan->new_units->len;
  gboolean changed = TRUE;

  *fatal = FALSE;
  if (id_text == NULL || *id_text == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The ID number is missing. Files are matched and kept by ID number: fill it in, or "
                             "leave the row out."));
      return FALSE;
    }
#ifdef LD_HAVE_ID_NUMBER
  {
    LdIdInfo info;

    if (!ld_id_number_parse (id_text, &info, error))
      return FALSE;
    id_number = g_strdup (info.number);
  }
#else
  id_number = g_strdup (id_text);
#endif
  g_free (out->id_number);
  out->id_number = g_strdup (id_number);

  if (!find_cadre (run, id_number, &existing, &local))
    {
      *fatal = is_fatal (local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (existing != NULL)
    ld_cadre_fields_copy (ld_cadre_get_fields (existing), &fields);
  if (!fill_fields (in, &fields, problems, error))
    return FALSE;
  /* The number as the vault keeps it: updates match on it. */
  ld_cadre_fields_set (&fields, "id_number", id_number);

  if (!ld_sql_exec (_ld_vault_get_db (run->vault), "SAVEPOINT import_row", error))
    {
      *fatal = TRUE;
      return FALSE;
    }
  g_array_set_size (run->row_units, 0);

  if (unit_text != NULL && *unit_text != '\0')
    {
      if (!resolve_unit (run, unit_text, &unit_id, &local))
        goto failed;
    }
  else if (existing != NULL)
    unit_id = ld_cadre_get_unit_id (existing);
  else if (run->plan->parent_unit_id > 0)
    unit_id = run->plan->parent_unit_id;
  else
    {
      g_set_error_literal (&local, LD_ERROR, LD_ERROR_INVALID,
                           _("The row names no unit. Fill in the unit column, or choose the unit the import "
                             "goes into."));
      goto failed;
    }
  fields.unit_id = unit_id;

  if (existing != NULL)
    {
      if (!_ld_cadre_update_in_tx (run->vault, ld_cadre_get_id (existing), &fields, LD_AUDIT_CADRE_IMPORTED, FALSE,
                                   &changed, &local))
        goto failed;
      out->cadre_id = ld_cadre_get_id (existing);
    }
  else
    {
      gint64 id = 0;

      if (!_ld_cadre_insert_in_tx (run->vault, &fields, LD_AUDIT_CADRE_IMPORTED, FALSE, &id, &local))
        goto failed;
      out->cadre_id = 0;
    }
  if (!ld_sql_exec (_ld_vault_get_db (run->vault), "RELEASE import_row", error))
    {
      *fatal = TRUE;
      return FALSE;
    }

  g_free (out->unit_path);
  out->unit_path = units_path (&run->units, unit_id);
  if (existing == NULL)
    {
      out->action = LD_IMPORT_ROW_CREATE;
      run->n_created++;
    }
  else if (changed)
    {
      out->action = LD_IMPORT_ROW_UPDATE;
      run->n_updated++;
      if (!run->commit)
        {
          g_clear_pointer (&out->changes, g_ptr_array_unref);
          out->changes = list_changes (&run->units, ld_cadre_get_fields (existing), &fields);
        }
    }
  else
    {
      out->action = LD_IMPORT_ROW_UNCHANGED;
      run->n_unchanged++;
    }
  return TRUE;

failed:
  {
    g_autoptr(GError) undo_error = NULL;

    *fatal = is_fatal (local);
    if (!undo_row (run, n_new_units, &undo_error))
      {
        *fatal = TRUE;
        g_propagate_error (error, g_steal_pointer (&undo_error));
        return FALSE;
      }
  }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Goes over every row inside the caller's transaction. */
static gboolean
run_rows (Run                   *run,
          LdImportProgressFunc   progress,
          gpointer               progress_data,
          GCancellable          *cancellable,
          GError               **error)
{
  LdImportPlan *plan = run->plan;
  guint total = plan->rows->len;

  if (!units_load (run->vault, &run->units, error))
    return FALSE;
  run->row_units = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < total; i++)
    {
      const LdRosterRow *in = g_ptr_array_index (plan->parsed, i);
      LdImportRow *out = g_ptr_array_index (plan->rows, i);
      g_autoptr(LdImportRow) scratch = NULL;
      g_autoptr(GError) local = NULL;
      gboolean fatal = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && i > 0 && i % PROGRESS_STEP == 0)
        progress (i, total, progress_data);

      if (run->commit && out->action == LD_IMPORT_ROW_INVALID)
        {
          run->n_skipped++;
          continue;
        }
      if (!run->commit && in->has_errors)
        {
          out->action = LD_IMPORT_ROW_INVALID;
          continue;
        }
      /* The commit leaves the plan as it was. */
      if (run->commit)
        {
          scratch = g_new0 (LdImportRow, 1);
          out = scratch;
        }
      if (write_row (run, in, out, &fatal, &local))
        continue;
      if (fatal)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (run->commit)
        {
          /* Valid in the plan, refused now: the vault changed since. */
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Row %u: %s Nothing was imported. Check the file again and import it then."),
                       in->row_number, local->message);
          return FALSE;
        }
      out->action = LD_IMPORT_ROW_INVALID;
      g_clear_pointer (&out->unit_path, g_free);
      out->unit_path = g_strdup ("");
      out->cadre_id = 0;
      add_problem (plan->problems, in->row_number, LD_ROSTER_FIELD_NONE, LD_ROSTER_SEVERITY_ERROR, local->message);
    }
  if (progress != NULL && total > 0)
    progress (total, total, progress_data);
  return TRUE;
}

/* --- Plan ------------------------------------------------------------------- */

void
ld_import_plan_free (LdImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->sha256);
  g_clear_pointer (&plan->table, ld_table_free);
  g_clear_pointer (&plan->mapping, ld_roster_mapping_free);
  g_clear_pointer (&plan->parsed, g_ptr_array_unref);
  g_clear_pointer (&plan->rows, g_ptr_array_unref);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  g_clear_pointer (&plan->new_units, g_ptr_array_unref);
  g_free (plan);
}

static char *
read_setting (LdVault     *vault,
              const char  *key,
              GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (ld_sql_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  ld_sql_set_error (db, rc, error);
  return NULL;
}

/* The parent unit must be a unit of the session's scopes that is active. */
static gboolean
check_parent (LdVault   *vault,
              gint64     unit_id,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT retired_at IS NOT NULL, name FROM units WHERE id = ?2"
                                                    " AND id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, unit_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no unit number %lld in your scope. Choose the unit to import into from “unit list”."),
                   (long long) unit_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” is retired. Choose an active unit to import into."), ld_sql_column_text (stmt, 1));
      return FALSE;
    }
  return TRUE;
}

static LdRosterMapping *
choose_mapping (LdVault                *vault,
                const LdTable          *table,
                const LdImportOptions  *options,
                GError                **error)
{
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autoptr(LdRosterMapping) remembered = NULL;
  g_autofree char *stored = NULL;

  if (options->mapping != NULL)
    return ld_roster_mapping_copy (options->mapping);
  mapping = ld_roster_detect (table, error);
  if (mapping == NULL)
    return NULL;
  stored = read_setting (vault, LD_IMPORT_MAPPING_SETTING, error);
  if (stored == NULL)
    return NULL;
  /* A remembered mapping that no longer reads is ignored. */
  if (*stored != '\0' && (remembered = ld_roster_mapping_from_string (stored, NULL)) != NULL)
    ld_roster_mapping_apply (mapping, remembered);
  return g_steal_pointer (&mapping);
}

LdImportPlan *
ld_import_plan_new (LdVault                *vault,
                    const char             *path,
                    const LdImportOptions  *options,
                    GCancellable           *cancellable,
                    GError                **error)
{
  static const LdImportOptions defaults = { 0 };
  g_autoptr(LdImportPlan) plan = NULL;
  g_auto(Run) run = { 0 };
  gboolean ok;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return NULL;
  if (options->parent_unit_id > 0 && !check_parent (vault, options->parent_unit_id, error))
    return NULL;

  plan = g_new0 (LdImportPlan, 1);
  plan->path = g_strdup (path);
  plan->parent_unit_id = MAX (options->parent_unit_id, 0);
  plan->skip_invalid = options->skip_invalid;
  plan->new_units = g_ptr_array_new_with_free_func (g_free);
  plan->table = ld_table_read_file (path, cancellable, error);
  if (plan->table == NULL)
    return NULL;
  plan->sha256 = g_strdup (ld_table_get_sha256 (plan->table));
  plan->mapping = choose_mapping (vault, plan->table, options, error);
  if (plan->mapping == NULL)
    return NULL;
  plan->parsed = ld_roster_parse (plan->table, plan->mapping, &plan->problems);
  plan->rows = g_ptr_array_new_full (plan->parsed->len, (GDestroyNotify) import_row_free);
  for (guint i = 0; i < plan->parsed->len; i++)
    {
      const LdRosterRow *in = g_ptr_array_index (plan->parsed, i);
      LdImportRow *row = g_new0 (LdImportRow, 1);
      const char *name = ld_roster_row_get (in, LD_ROSTER_FIELD_NAME);
      const char *number = ld_roster_row_get (in, LD_ROSTER_FIELD_ID_NUMBER);

      row->row_number = in->row_number;
      row->action = LD_IMPORT_ROW_INVALID;
      row->name = g_strdup (name ? name : "");
      row->id_number = g_strdup (number ? number : "");
      row->unit_path = g_strdup ("");
      g_ptr_array_add (plan->rows, row);
    }

  /* The trial: every write, then rolled back. */
  run.vault = vault;
  run.plan = plan;
  run.commit = FALSE;
  if (!_ld_vault_begin (vault, error))
    return NULL;
  ok = run_rows (&run, NULL, NULL, cancellable, error);
  _ld_vault_rollback (vault);
  if (!ok)
    return NULL;
  g_ptr_array_sort (plan->problems, compare_problems);
  return g_steal_pointer (&plan);
}

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
  guint counts[LD_IMPORT_ROW_INVALID + 1] = { 0 };

  g_return_if_fail (plan != NULL);

  for (guint i = 0; i < plan->rows->len; i++)
    {
      const LdImportRow *row = g_ptr_array_index (plan->rows, i);
      counts[row->action]++;
    }
  if (n_create != NULL)
    *n_create = counts[LD_IMPORT_ROW_CREATE];
  if (n_update != NULL)
    *n_update = counts[LD_IMPORT_ROW_UPDATE];
  if (n_unchanged != NULL)
    *n_unchanged = counts[LD_IMPORT_ROW_UNCHANGED];
  if (n_invalid != NULL)
    *n_invalid = counts[LD_IMPORT_ROW_INVALID];
}

gboolean
ld_import_plan_can_commit (LdImportPlan *plan)
{
  guint n_invalid = 0;

  g_return_val_if_fail (plan != NULL, FALSE);

  ld_import_plan_get_counts (plan, NULL, NULL, NULL, &n_invalid);
  return n_invalid == 0 || plan->skip_invalid;
}

static const char *
row_label (const LdImportRow *row)
{
  return *row->name != '\0' ? row->name : row->id_number;
}

char *
ld_import_plan_format_report (LdImportPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *base = NULL;
  guint n_create, n_update, n_unchanged, n_invalid;
  guint n_changes = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  base = g_path_get_basename (plan->path);
  ld_import_plan_get_counts (plan, &n_create, &n_update, &n_unchanged, &n_invalid);
  /* Translators: file name, format ("xlsx" or "csv") and the number of data rows. */
  g_string_append_printf (out, ngettext ("File: %s (%s, %u row)\n", "File: %s (%s, %u rows)\n", plan->rows->len),
                          base, ld_table_get_format (plan->table), plan->rows->len);
  g_string_append_printf (out, _("SHA-256: %s\n"), plan->sha256);
  g_string_append_printf (out, _("Header row: %u\n"), ld_roster_mapping_get_header_row_number (plan->mapping));
  g_string_append_printf (out, _("New cadres: %u\n"), n_create);
  g_string_append_printf (out, _("Updated cadres: %u\n"), n_update);
  g_string_append_printf (out, _("Unchanged cadres: %u\n"), n_unchanged);
  g_string_append_printf (out, _("Rows with errors: %u\n"), n_invalid);

  if (plan->new_units->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", ngettext ("Unit to create:", "Units to create:", plan->new_units->len));
      for (guint i = 0; i < plan->new_units->len; i++)
        g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (plan->new_units, i));
    }

  if (plan->problems->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Problems:"));
      for (guint i = 0; i < plan->problems->len; i++)
        {
          const LdRosterProblem *problem = g_ptr_array_index (plan->problems, i);

          if (problem->severity == LD_ROSTER_SEVERITY_ERROR)
            /* Translators: row number and a message. */
            g_string_append_printf (out, _("  Row %u, error: %s\n"), problem->row_number, problem->message);
          else
            /* Translators: row number and a message. */
            g_string_append_printf (out, _("  Row %u, warning: %s\n"), problem->row_number, problem->message);
        }
    }

  for (guint i = 0; i < plan->rows->len; i++)
    {
      const LdImportRow *row = g_ptr_array_index (plan->rows, i);

      if (row->action != LD_IMPORT_ROW_UPDATE || row->changes == NULL)
        continue;
      if (n_changes++ == 0)
        g_string_append_printf (out, "\n%s\n", _("Changes to existing files:"));
      /* Translators: row number, the cadre's name and record number. */
      g_string_append_printf (out, _("  Row %u, %s (record %lld):\n"), row->row_number, row_label (row),
                              (long long) row->cadre_id);
      for (guint j = 0; j < row->changes->len; j++)
        g_string_append_printf (out, "    %s\n", (const char *) g_ptr_array_index (row->changes, j));
    }

  if (n_invalid > 0 && plan->skip_invalid)
    g_string_append_printf (out, "\n%s\n",
                            ngettext ("The row with errors will be left out.",
                                      "The rows with errors will be left out.", n_invalid));
  else if (n_invalid > 0)
    g_string_append_printf (out, "\n%s\n",
                            _("Nothing can be imported until the rows with errors are corrected or left out."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- Commit ----------------------------------------------------------------- */

/* Whether PATH still holds the bytes the plan read. */
static gboolean
check_unchanged (LdImportPlan  *plan,
                 GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sha256 = NULL;

  mapped = g_mapped_file_new (plan->path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file %s cannot be read any more (%s). Nothing was imported."), plan->path, local->message);
      return FALSE;
    }
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) g_mapped_file_get_contents (mapped),
                                        g_mapped_file_get_length (mapped));
  if (!g_str_equal (sha256, plan->sha256))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file %s changed after it was checked. Nothing was imported: check it again, then "
                     "import it."),
                   plan->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_mapping (LdVault          *vault,
              LdImportPlan     *plan,
              GError          **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *text = ld_roster_mapping_to_string (plan->mapping);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, LD_IMPORT_MAPPING_SETTING, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, stmt, error);
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
  g_auto(Run) run = { 0 };
  g_autofree char *base = NULL;
  g_autofree char *details = NULL;
  guint n_invalid = 0;

  g_return_val_if_fail (LD_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (n_created != NULL)
    *n_created = 0;
  if (n_updated != NULL)
    *n_updated = 0;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  ld_import_plan_get_counts (plan, NULL, NULL, NULL, &n_invalid);
  if (!ld_import_plan_can_commit (plan))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   ngettext ("%u row of the file has errors. Nothing was imported: correct the row, or leave "
                             "the rows with errors out.",
                             "%u rows of the file have errors. Nothing was imported: correct them, or leave the "
                             "rows with errors out.",
                             n_invalid),
                   n_invalid);
      return FALSE;
    }
  if (plan->parent_unit_id > 0 && !check_parent (vault, plan->parent_unit_id, error))
    return FALSE;
  if (!check_unchanged (plan, error))
    return FALSE;

  run.vault = vault;
  run.plan = plan;
  run.commit = TRUE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!run_rows (&run, progress, progress_data, cancellable, error)
      || !save_mapping (vault, plan, error))
    {
      _ld_vault_rollback (vault);
      return FALSE;
    }
  base = g_path_get_basename (plan->path);
  details = g_strdup_printf ("file=%s; sha256=%s; rows=%u; created=%u; updated=%u; unchanged=%u; skipped=%u;"
                             " units=%u",
                             base, plan->sha256, plan->rows->len, run.n_created, run.n_updated, run.n_unchanged,
                             run.n_skipped, run.n_units);
  if (!ld_audit_append (vault, LD_AUDIT_IMPORT_CADRES, "roster", base, LD_AUDIT_OUTCOME_OK, details, error))
    {
      _ld_vault_rollback (vault);
      return FALSE;
    }
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (n_created != NULL)
    *n_created = run.n_created;
  if (n_updated != NULL)
    *n_updated = run.n_updated;
  return TRUE;
}
