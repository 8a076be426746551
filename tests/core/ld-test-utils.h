/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TEST_ADMIN    "admin"
#define LD_TEST_PASSWORD "Correct-Horse-42"

/* A fresh temporary directory; removed by ld_test_rmdir(). */
char     *ld_test_tmpdir      (void);
void      ld_test_rmdir       (const char *dir);
/* Creates a vault (interactive KDF, so tests stay fast) in dir/vault and
 * returns it open as the system administrator. */
LdVault  *ld_test_vault_new   (const char *dir);
/* Adds an account (as the open session) and signs in as it, changing the
 * initial password to ld_test_password_for (name). Leaves the vault open as
 * the new account. */
void      ld_test_add_and_login (LdVault    *vault,
                                 const char *name,
                                 LdRole      role);
char     *ld_test_password_for (const char *name);
/* Signs in (asserting success). */
void      ld_test_login       (LdVault    *vault,
                               const char *name);
/* SHA-256 of a file, hex. */
char     *ld_test_file_sha256 (const char *path);
/* Number of audit entries, read directly (no permission check). */
gint64    ld_test_audit_count (LdVault    *vault);

/* Record fixtures for the repository tests. Each asserts success. */

/* Adds an account as the system administrator and leaves the vault open
 * as LD_TEST_ADMIN again. */
void      ld_test_add_account (LdVault    *vault,
                               const char *name,
                               LdRole      role);
/* Signs in as the security administrator "sec" (add it first) and grants
 * account the scope of unit_id (0 = every unit). */
void      ld_test_grant_scope (LdVault    *vault,
                               const char *account,
                               gint64      unit_id);
/* Adds a government-organ unit below parent (0 = top) as the open session. */
gint64    ld_test_add_unit    (LdVault    *vault,
                               gint64      parent,
                               const char *name);
/* Adds a cadre with only unit, name and ID number as the open session. */
gint64    ld_test_add_cadre   (LdVault    *vault,
                               gint64      unit,
                               const char *name,
                               const char *id_number);
/* The first column of the first row of sql, read directly. */
gint64    ld_test_count_rows  (LdVault    *vault,
                               const char *sql);

G_END_DECLS
