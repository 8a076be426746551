/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-records"

#include "config.h"

#include <string.h>

#include "app/records/ld-records-config.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-migrations.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Valid numbers from DOMAIN.md §11.1. */
#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"
#define ID_M_1990 "440300199001011238"

typedef struct
{
  char    *dir;
  LdVault *vault;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Adds an account as the administrator and signs back in as admin. */

static gint64
add_unit (Fixture    *f,
          gint64      parent,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { .parent_id = parent, .name = name, .kind = "government-organ" };
  gint64 id = 0;

  ld_unit_repository_create (f->vault, &spec, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_cadre (Fixture    *f,
           gint64      unit,
           const char *name,
           const char *id_number,
           const char *post)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = g_strdup (id_number);
  fields.post = g_strdup (post);
  ld_cadre_repository_create (f->vault, &fields, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Sets up sec (secadmin) and boss (investigator with every unit). */
static void
setup_people (Fixture *f)
{
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_login (f->vault, "boss");
}

/* --- Migration ------------------------------------------------------------------ */

/* Drops every table a later schema step created (virtual tables first,
 * which takes their shadow tables along) and sets the version to 1. */
static void
drop_tables_after_schema_1 (sqlite3 *db)
{
  const char *kinds[] = { "sql LIKE 'CREATE VIRTUAL%'", "1" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat ('DROP TABLE \"' || name || '\";', ' ')"
                                              " FROM sqlite_master WHERE type = 'table'"
                                              " AND name NOT IN ('meta', 'settings', 'users', 'password_history',"
                                              " 'audit_log', 'audit_head') AND name NOT LIKE 'sqlite_%%' AND %s",
                                              kinds[k]);
      g_autofree char *drops = ld_sql_query_text (db, sql, NULL);

      if (drops != NULL && *drops != '\0')
        g_assert_true (ld_sql_exec (db, drops, NULL));
    }
  g_assert_true (ld_sql_exec (db, "PRAGMA user_version = 1", NULL));
}

static void
test_migration_1_to_2 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _ld_vault_get_db (f->vault);
  g_autoptr(GPtrArray) users = NULL;

  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  /* Make it a schema 1 vault, as the foundation wrote it. */
  db = _ld_vault_get_db (f->vault);
  drop_tables_after_schema_1 (db);
  ld_vault_lock (f->vault, "exit");

  ld_test_login (f->vault, LD_TEST_ADMIN);
  db = _ld_vault_get_db (f->vault);
  g_assert_cmpint (ld_test_count_rows (f->vault, "PRAGMA user_version"), ==, ld_migrations_latest ());
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM units"), ==, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres"), ==, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM sqlite_master WHERE name = 'cadres_id_number'"), ==, 1);
  users = ld_user_repository_list (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);

  /* The upgraded vault works: scopes and units can be written. */
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "inv", 0);
  ld_test_login (f->vault, "inv");
  add_unit (f, 0, "County");
}

/* --- Units ---------------------------------------------------------------------- */

static void
assert_refused (gboolean     ok,
                GError      *error,
                int          code)
{
  g_assert_false (ok);
  g_assert_error (error, LD_ERROR, code);
}

static void
test_unit_tree (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(LdUnit) unit = NULL;
  gint64 county, a, office, b, n_audit;
  gboolean ok;

  setup_people (f);
  county = add_unit (f, 0, "County");
  a = add_unit (f, county, "Dept A");
  office = add_unit (f, a, "Office");
  b = add_unit (f, county, "Dept B");

  units = ld_unit_repository_list (f->vault, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 4);
  g_assert_cmpstr (ld_unit_get_name (units->pdata[0]), ==, "County");
  g_assert_cmpint (ld_unit_get_depth (units->pdata[0]), ==, 0);
  g_assert_cmpstr (ld_unit_get_name (units->pdata[1]), ==, "Dept A");
  g_assert_cmpstr (ld_unit_get_name (units->pdata[2]), ==, "Office");
  g_assert_cmpint (ld_unit_get_depth (units->pdata[2]), ==, 2);
  g_assert_cmpstr (ld_unit_get_name (units->pdata[3]), ==, "Dept B");
  g_clear_pointer (&units, g_ptr_array_unref);

  /* Refusals change nothing, not even the audit trail. */
  n_audit = ld_test_audit_count (f->vault);
  ok = ld_unit_repository_move (f->vault, a, office, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_unit_repository_move (f->vault, a, a, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_unit_repository_move (f->vault, county, office, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  {
    LdUnitSpec spec = { .parent_id = county, .name = "Dept A" };
    ok = ld_unit_repository_create (f->vault, &spec, NULL, &error);
    assert_refused (ok, error, LD_ERROR_INVALID);
    g_clear_error (&error);
    spec.name = "  ";
    ok = ld_unit_repository_create (f->vault, &spec, NULL, &error);
    assert_refused (ok, error, LD_ERROR_INVALID);
    g_clear_error (&error);
    spec.name = "Dept C";
    spec.kind = "bakery";
    ok = ld_unit_repository_create (f->vault, &spec, NULL, &error);
    assert_refused (ok, error, LD_ERROR_INVALID);
    g_clear_error (&error);
  }
  ok = ld_unit_repository_merge (f->vault, a, office, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_unit_repository_merge (f->vault, a, a, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM units"), ==, 4);

  /* Move the office to B, rename it. */
  g_assert_true (ld_unit_repository_move (f->vault, office, b, &error));
  g_assert_no_error (error);
  g_assert_true (ld_unit_repository_rename (f->vault, office, "Front office", &error));
  g_assert_no_error (error);
  unit = ld_unit_repository_get (f->vault, office, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_unit_get_parent_id (unit), ==, b);
  g_assert_cmpstr (ld_unit_get_name (unit), ==, "Front office");
  g_clear_object (&unit);

  /* Merge B (with a cadre and the office) into A. */
  {
    gint64 cadre = add_cadre (f, b, "王五", ID_M_1990, "Director");
    g_autoptr(LdCadre) c = NULL;
    g_autoptr(GPtrArray) versions = NULL;

    g_assert_true (ld_unit_repository_merge (f->vault, b, a, &error));
    g_assert_no_error (error);
    c = ld_cadre_repository_get (f->vault, cadre, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ld_cadre_get_unit_id (c), ==, a);
    versions = ld_cadre_repository_versions (f->vault, cadre, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 2);
    g_assert_cmpstr (((LdCadreVersion *) versions->pdata[1])->event, ==, "unit.merged");
  }
  unit = ld_unit_repository_get (f->vault, office, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_unit_get_parent_id (unit), ==, a);
  g_clear_object (&unit);
  unit = ld_unit_repository_get (f->vault, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_unit_get_merged_into (unit), ==, a);
  g_assert_cmpint (ld_unit_get_retired_at (unit), >, 0);
  g_clear_object (&unit);

  units = ld_unit_repository_list (f->vault, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 3);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = ld_unit_repository_list (f->vault, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 4);
  g_clear_pointer (&units, g_ptr_array_unref);

  /* A retires only when empty; it is never deleted. */
  ok = ld_unit_repository_retire (f->vault, a, "reorganised", &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_unit_repository_retire (f->vault, office, "", &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_unit_repository_retire (f->vault, office, "closed", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM units"), ==, 4);
  ok = ld_unit_repository_rename (f->vault, office, "Back office", &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
}

/* --- Scopes --------------------------------------------------------------------- */

static void
test_scope_isolation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(LdCadre) cadre = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  LdCadreFilter filter = { 0 };
  gint64 county, a, a1, b, in_a, in_a1, in_b, n = -1, n_audit;
  gboolean ok;

  setup_people (f);
  county = add_unit (f, 0, "County");
  a = add_unit (f, county, "Dept A");
  a1 = add_unit (f, a, "Office A1");
  b = add_unit (f, county, "Dept B");
  in_a = add_cadre (f, a, "张三", ID_F_1949, "Head");
  in_a1 = add_cadre (f, a1, "李四", ID_X_1980, "Clerk");
  in_b = add_cadre (f, b, "王五", ID_M_1990, "Director");

  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "idle", LD_ROLE_LEADER);
  ld_test_grant_scope (f->vault, "inv", a);

  /* Only the security administrator grants; only business accounts get scopes. */
  ld_test_login (f->vault, "boss");
  ok = ld_scope_grant (f->vault, "boss", b, &error);
  assert_refused (ok, error, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_test_login (f->vault, "sec");
  ok = ld_scope_grant (f->vault, LD_TEST_ADMIN, a, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_scope_grant (f->vault, "inv", 9999, &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ok = ld_scope_revoke (f->vault, "inv", a1, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* inv sees A and A1, never B, through every function. */
  ld_test_login (f->vault, "inv");
  list = ld_cadre_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (ld_cadre_get_id (list->pdata[i]), !=, in_b);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (ld_cadre_repository_count (f->vault, NULL, &n, &error));
  g_assert_cmpint (n, ==, 2);
  filter.search = "王五";
  list = ld_cadre_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.search = ID_M_1990;
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 0);
  filter.search = NULL;
  filter.unit_id = b;
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 0);
  filter.unit_id = county;
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 2);
  filter.unit_id = a1;
  list = ld_cadre_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_cadre_get_id (list->pdata[0]), ==, in_a1);
  g_clear_pointer (&list, g_ptr_array_unref);

  n_audit = ld_test_audit_count (f->vault);
  cadre = ld_cadre_repository_get (f->vault, in_b, &error);
  g_assert_null (cadre);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = ld_cadre_repository_versions (f->vault, in_b, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ok = ld_cadre_repository_retire (f->vault, in_b, "moved away", &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  fields.unit_id = a;
  fields.name = g_strdup ("王五");
  fields.id_number = g_strdup (ID_M_1990);
  ok = ld_cadre_repository_update (f->vault, in_b, &fields, &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    const char *names[] = { "post", NULL };
    const char *values[] = { "Spy", NULL };
    ok = ld_cadre_repository_set_fields (f->vault, in_b, names, values, &error);
    assert_refused (ok, error, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* Nor can a cadre be put into B, or moved there. */
  fields.unit_id = b;
  g_free (fields.id_number);
  fields.id_number = g_strdup ("11010519491231002X");
  ok = ld_cadre_repository_update (f->vault, in_a, &fields, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  ok = ld_cadre_repository_create (f->vault, &fields, NULL, &error);
  assert_refused (ok, error, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);
  /* Its own scopes only (asking for another's is a denial, audited). */
  {
    g_autoptr(GArray) scopes = ld_scope_list (f->vault, "inv", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (scopes->len, ==, 1);
    g_assert_cmpint (g_array_index (scopes, gint64, 0), ==, a);
    g_assert_null (ld_scope_list (f->vault, "boss", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
  }

  /* Units: only the subtree; no unit at the top, none outside. */
  list = ld_unit_repository_list (f->vault, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ld_unit_get_id (list->pdata[0]), ==, a);
  g_assert_cmpint (ld_unit_get_depth (list->pdata[0]), ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    g_autoptr(LdUnit) unit = ld_unit_repository_get (f->vault, b, &error);
    g_assert_null (unit);
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  ok = ld_unit_repository_rename (f->vault, b, "Mine", &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ok = ld_unit_repository_move (f->vault, a1, b, &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ok = ld_unit_repository_merge (f->vault, a1, b, &error);
  assert_refused (ok, error, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ok = ld_unit_repository_move (f->vault, a, 0, &error);
  assert_refused (ok, error, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  {
    LdUnitSpec spec = { .parent_id = 0, .name = "Elsewhere" };
    ok = ld_unit_repository_create (f->vault, &spec, NULL, &error);
    assert_refused (ok, error, LD_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
  }

  /* No scope, nothing seen. */
  ld_test_login (f->vault, "idle");
  list = ld_cadre_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_unit_repository_list (f->vault, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The administrators never read files. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  list = ld_cadre_repository_list (f->vault, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_test_login (f->vault, "sec");
  cadre = ld_cadre_repository_get (f->vault, in_a, &error);
  g_assert_null (cadre);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  /* … but the security administrator sees every unit to grant them. */
  list = ld_unit_repository_list (f->vault, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Revoking takes it all away. */
  g_assert_true (ld_scope_revoke (f->vault, "inv", a, &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "inv");
  g_assert_true (ld_cadre_repository_count (f->vault, NULL, &n, &error));
  g_assert_cmpint (n, ==, 0);
}

/* --- Cadres --------------------------------------------------------------------- */

static void
test_cadre_versions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  LdAuditFilter audit_filter = { .event = LD_AUDIT_CADRE_VIEWED };
  LdCadreFilter filter = { 0 };
  LdCadreVersion *v;
  gint64 unit, id, n_audit, n = 0;

  setup_people (f);
  unit = add_unit (f, 0, "County");
  id = add_cadre (f, unit, "张三", "110105 19491231 002x", "Head");

  cadre = ld_cadre_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_id_number (cadre), ==, ID_F_1949);
#ifdef LD_HAVE_ID_NUMBER
  /* Derived from the number. */
  g_assert_cmpstr (ld_cadre_get_sex (cadre), ==, "F");
  g_assert_cmpstr (ld_cadre_get_birth_date (cadre), ==, "1949-12-31");
#endif
  g_assert_cmpstr (ld_cadre_get_unit_name (cadre), ==, "County");

  /* Update: one version with the changed fields only. */
  ld_cadre_fields_copy (ld_cadre_get_fields (cadre), &fields);
  g_assert_true (ld_cadre_fields_set (&fields, "post", "Deputy head"));
  g_assert_true (ld_cadre_fields_set (&fields, "grade", "12"));
  g_assert_true (ld_cadre_repository_update (f->vault, id, &fields, &error));
  g_assert_no_error (error);
  /* The same again writes nothing. */
  n_audit = ld_test_audit_count (f->vault);
  g_assert_true (ld_cadre_repository_update (f->vault, id, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);

  versions = ld_cadre_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = versions->pdata[0];
  g_assert_cmpint (v->seq, ==, 1);
  g_assert_cmpstr (v->event, ==, LD_AUDIT_CADRE_CREATED);
  g_assert_cmpstr (v->account, ==, "boss");
  g_assert_nonnull (strstr (v->after, "name=张三\n"));
  v = versions->pdata[1];
  g_assert_cmpstr (v->before, ==, "post=Head\ngrade=0\n");
  g_assert_cmpstr (v->after, ==, "post=Deputy head\ngrade=12\n");
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* Refusals change nothing. */
  n_audit = ld_test_audit_count (f->vault);
  {
    g_auto(LdCadreFields) bad = { 0 };
    static const struct { const char *field, *value; } cases[] = {
#ifdef LD_HAVE_ID_NUMBER
      { "id_number", "110105194912310021" },  /* wrong check character */
      { "sex", "M" },                         /* the number says female */
      { "birth_date", "1950-01-01" },
#endif
      { "id_number", "12345" },
      { "sex", "X" },
      { "birth_date", "2999-01-01" },
      { "name", "" },
      { "post_since", "2020-13-01" },
      { "authority", "galactic" },
      { "grade", "28" },
      { "id_number", ID_M_1990 },             /* already on file below */
    };

    add_cadre (f, unit, "王五", ID_M_1990, "Director");
    n_audit = ld_test_audit_count (f->vault);
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        gboolean ok;

        ld_cadre_fields_clear (&bad);
        ld_cadre_fields_copy (&fields, &bad);
        g_assert_true (ld_cadre_fields_set (&bad, cases[i].field, cases[i].value));
        if (g_str_equal (cases[i].value, ID_M_1990))
          {
            /* Leave sex and birth date to be derived. */
            g_assert_true (ld_cadre_fields_set (&bad, "sex", ""));
            g_assert_true (ld_cadre_fields_set (&bad, "birth_date", ""));
          }
        ok = ld_cadre_repository_update (f->vault, id, &bad, &error);
        g_test_message ("%s=%s: %s", cases[i].field, cases[i].value, error ? error->message : "accepted");
        assert_refused (ok, error, LD_ERROR_INVALID);
        g_clear_error (&error);
        bad.unit_id = unit;
        ok = ld_cadre_repository_create (f->vault, &bad, NULL, &error);
        assert_refused (ok, error, LD_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres"), ==, 2);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, 3);

  /* Retire instead of delete. */
  g_assert_false (ld_cadre_repository_retire (f->vault, id, " ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_cadre_repository_retire (f->vault, id, "Left the county", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres"), ==, 2);
  g_assert_true (ld_cadre_repository_count (f->vault, NULL, &n, &error));
  g_assert_cmpint (n, ==, 1);
  filter.include_retired = TRUE;
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 2);
  g_assert_false (ld_cadre_repository_update (f->vault, id, &fields, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  versions = ld_cadre_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((LdCadreVersion *) versions->pdata[2])->after, ==, "retired_reason=Left the county\n");
  /* A retired number may come back as a new file. */
  add_cadre (f, unit, "张三", ID_F_1949, "Adviser");

  /* Every opening was audited; the auditor sees it, without the content. */
  ld_test_add_account (f->vault, "aud", LD_ROLE_AUDITOR);
  ld_test_login (f->vault, "aud");
  entries = ld_audit_list (f->vault, &audit_filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ld_audit_entry_get_object_id (entries->pdata[0]), ==, "1");
  g_clear_pointer (&entries, g_ptr_array_unref);
  {
    LdAuditFilter updates = { .event = LD_AUDIT_CADRE_UPDATED };
    entries = ld_audit_list (f->vault, &updates, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (ld_audit_entry_get_details (entries->pdata[0]), ==, "version=2; fields=post,grade");
  }
  {
    LdAuditReport report = { 0 };
    g_assert_true (ld_audit_verify (f->vault, &report, &error));
    g_assert_cmpint (report.first_bad_seq, ==, 0);
    ld_audit_report_clear (&report);
  }
}

static void
test_search_and_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  LdCadreFilter filter = { .order = LD_CADRE_ORDER_ID };
  gint64 unit, n = 0;

  setup_people (f);
  unit = add_unit (f, 0, "County");
  add_cadre (f, unit, "张三丰", ID_F_1949, "Finance bureau head");
  add_cadre (f, unit, "李四", ID_X_1980, "Clerk");
  add_cadre (f, unit, "王五", ID_M_1990, "Director");

  filter.search = "finance";
  list = ld_cadre_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (ld_cadre_get_name (list->pdata[0]), ==, "张三丰");
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.search = "3405241980";
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 1);
  filter.search = "李";
  g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
  g_assert_cmpint (n, ==, 1);

  filter.search = NULL;
  filter.limit = 2;
  filter.offset = 1;
  list = ld_cadre_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (ld_cadre_get_name (list->pdata[0]), ==, "李四");
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.limit = 0;
  filter.offset = 0;
  filter.order = LD_CADRE_ORDER_STROKE;
  list = ld_cadre_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

#if defined (LD_HAVE_SEARCH_KEYS) && defined (LD_HAVE_SEARCH_SQLITE)
  /* Stale keys (as after an ICU upgrade) are rebuilt once. */
  {
    gboolean rebuilt = FALSE;

    g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault),
                                "UPDATE cadres SET search_text = '', stroke_key = NULL", NULL));
    g_assert_true (ld_cadre_repository_refresh_keys (f->vault, &rebuilt, &error));
    g_assert_no_error (error);
    g_assert_true (rebuilt);
    g_assert_true (ld_cadre_repository_refresh_keys (f->vault, &rebuilt, &error));
    g_assert_false (rebuilt);
    g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault),
                                "UPDATE meta SET value = 'old' WHERE key = 'search-keys-version'", NULL));
    g_assert_true (ld_cadre_repository_refresh_keys (f->vault, &rebuilt, &error));
    g_assert_true (rebuilt);
    filter.search = "zsf";
    g_assert_true (ld_cadre_repository_count (f->vault, &filter, &n, &error));
    g_assert_cmpint (n, ==, 1);
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres WHERE stroke_key IS NULL"), ==, 0);
  }
#endif
}

static void
test_set_fields (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCadre) cadre = NULL;
  const char *bad_names[] = { "colour", NULL };
  const char *bad_values[] = { "red", NULL };
  const char *names[] = { "id_number", "post_since", NULL };
  const char *values[] = { ID_M_1990, "2020-05", NULL };
  gint64 unit, id;

  setup_people (f);
  unit = add_unit (f, 0, "County");
  id = add_cadre (f, unit, "张三", ID_F_1949, "Head");

  g_assert_false (ld_cadre_repository_set_fields (f->vault, id, bad_names, bad_values, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_cadre_repository_set_fields (f->vault, id, names, values, &error));
  g_assert_no_error (error);
  cadre = ld_cadre_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_cadre_get_id_number (cadre), ==, ID_M_1990);
  g_assert_cmpstr (ld_cadre_get_fields (cadre)->post_since, ==, "2020-05");
  g_assert_cmpstr (ld_cadre_get_post (cadre), ==, "Head");
#ifdef LD_HAVE_ID_NUMBER
  g_assert_cmpstr (ld_cadre_get_sex (cadre), ==, "M");
  g_assert_cmpstr (ld_cadre_get_birth_date (cadre), ==, "1990-01-01");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/records/migration-1-to-2", Fixture, NULL, setup, test_migration_1_to_2, teardown);
  g_test_add ("/records/unit-tree", Fixture, NULL, setup, test_unit_tree, teardown);
  g_test_add ("/records/scope-isolation", Fixture, NULL, setup, test_scope_isolation, teardown);
  g_test_add ("/records/cadre-versions", Fixture, NULL, setup, test_cadre_versions, teardown);
  g_test_add ("/records/set-fields", Fixture, NULL, setup, test_set_fields, teardown);
  g_test_add ("/records/search-and-pages", Fixture, NULL, setup, test_search_and_pages, teardown);

  return g_test_run ();
}
