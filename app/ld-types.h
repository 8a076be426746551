/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdVault      LdVault;
typedef struct _LdUser       LdUser;
typedef struct _LdAuditEntry LdAuditEntry;
typedef struct _LdSession    LdSession;
typedef struct _LdPolicy     LdPolicy;

/* One role per account (三员分立 plus the business roles). */
typedef enum
{
  LD_ROLE_NONE = 0,
  LD_ROLE_SYSADMIN,      /* 系统管理员 */
  LD_ROLE_SECADMIN,      /* 安全保密管理员 */
  LD_ROLE_AUDITOR,       /* 安全审计员 */
  LD_ROLE_INVESTIGATOR,  /* 办案人员 */
  LD_ROLE_LEADER,        /* 领导 */
  LD_ROLE_VIEWER,        /* 查阅人员 */
  LD_N_ROLES
} LdRole;

/* Per-account grants, given by the security administrator. */
typedef enum /*< flags >*/
{
  LD_GRANT_NONE              = 0,
  LD_GRANT_EXPORT            = 1 << 0,
  LD_GRANT_PRINT             = 1 << 1,
  LD_GRANT_REPORTER_IDENTITY = 1 << 2,
} LdGrant;

#define LD_GRANT_ALL (LD_GRANT_EXPORT | LD_GRANT_PRINT | LD_GRANT_REPORTER_IDENTITY)

/* Key-derivation cost of a key slot (libsodium presets). */
typedef enum
{
  LD_KDF_INTERACTIVE,
  LD_KDF_MODERATE,
  LD_KDF_SENSITIVE,
} LdKdfProfile;

/* Every operation that needs permission. Later issues append here and add
 * one row to the matrix in rules/ld-permissions.c. */
typedef enum
{
  LD_ACTION_ACCOUNT_LIST,
  LD_ACTION_ACCOUNT_CREATE,
  LD_ACTION_ACCOUNT_DISABLE,       /* disable and enable */
  LD_ACTION_ACCOUNT_RESET_PASSWORD,
  LD_ACTION_ACCOUNT_CHANGE_ROLE,
  LD_ACTION_ACCOUNT_UNLOCK,
  LD_ACTION_GRANT_CHANGE,
  LD_ACTION_SCOPE_CHANGE,
  LD_ACTION_POLICY_VIEW,
  LD_ACTION_POLICY_CHANGE,
  LD_ACTION_AUDIT_VIEW,
  LD_ACTION_AUDIT_VERIFY,
  LD_ACTION_VAULT_INFO,
  LD_ACTION_BACKUP,
  LD_ACTION_SETTINGS_CHANGE,
  LD_ACTION_RECORD_READ,
  LD_ACTION_RECORD_WRITE,
  LD_ACTION_RECORD_APPROVE,
  LD_ACTION_EXPORT,
  LD_ACTION_PRINT,
  LD_ACTION_REPORTER_IDENTITY,
  LD_N_ACTIONS
} LdAction;

G_END_DECLS
