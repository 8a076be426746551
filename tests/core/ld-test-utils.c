/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-test-utils"

#include "config.h"

#include <glib/gstdio.h>

#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

char *
ld_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liandang-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ld_test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    {
      g_unlink (dir);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        ld_test_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

LdVault *
ld_test_vault_new (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "vault", NULL);
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_vault_new (path);

  ld_vault_create (vault, LD_TEST_ADMIN, LD_TEST_PASSWORD, LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_is_open (vault));
  return vault;
}

char *
ld_test_password_for (const char *name)
{
  if (g_str_equal (name, LD_TEST_ADMIN))
    return g_strdup (LD_TEST_PASSWORD);
  return g_strdup_printf ("Tq-%u-Zk!", g_str_hash (name));
}

void
ld_test_login (LdVault    *vault,
               const char *name)
{
  g_autofree char *password = ld_test_password_for (name);
  g_autoptr(GError) error = NULL;

  ld_vault_unlock (vault, name, password, &error);
  g_assert_no_error (error);
}

void
ld_test_add_and_login (LdVault    *vault,
                       const char *name,
                       LdRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = ld_test_password_for (name);

  ld_user_repository_add (vault, name, role, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_vault_unlock (vault, name, "Initial-Pass-1", &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (vault)->must_change_password);
  ld_user_repository_set_password (vault, name, "Initial-Pass-1", password, &error);
  g_assert_no_error (error);
  g_assert_false (ld_vault_get_session (vault)->must_change_password);
}

char *
ld_test_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return g_strdup ("");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

gint64
ld_test_audit_count (LdVault *vault)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  ld_sql_query_int64 (_ld_vault_get_db (vault), "SELECT count(*) FROM audit_log", 0, &n, &error);
  g_assert_no_error (error);
  return n;
}

/* --- Record fixtures ----------------------------------------------------- */

void
ld_test_add_account (LdVault    *vault,
                     const char *name,
                     LdRole      role)
{
  ld_test_login (vault, LD_TEST_ADMIN);
  ld_test_add_and_login (vault, name, role);
  ld_test_login (vault, LD_TEST_ADMIN);
}

void
ld_test_grant_scope (LdVault    *vault,
                     const char *account,
                     gint64      unit_id)
{
  g_autoptr(GError) error = NULL;

  ld_test_login (vault, "sec");
  ld_scope_grant (vault, account, unit_id, &error);
  g_assert_no_error (error);
}

gint64
ld_test_add_unit (LdVault    *vault,
                  gint64      parent,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { .parent_id = parent, .name = name, .kind = "government-organ" };
  gint64 id = 0;

  ld_unit_repository_create (vault, &spec, &id, &error);
  g_assert_no_error (error);
  return id;
}

gint64
ld_test_add_cadre (LdVault    *vault,
                   gint64      unit,
                   const char *name,
                   const char *id_number)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = g_strdup (id_number);
  ld_cadre_repository_create (vault, &fields, &id, &error);
  g_assert_no_error (error);
  return id;
}

gint64
ld_test_count_rows (LdVault    *vault,
                    const char *sql)
{
  gint64 n = -1;
  g_autoptr(GError) error = NULL;

  ld_sql_query_int64 (_ld_vault_get_db (vault), sql, 0, &n, &error);
  g_assert_no_error (error);
  return n;
}
