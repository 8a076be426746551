/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LD_ERROR (ld_error_quark ())

/* Every failure the core reports carries one of these codes, so the CLI can
 * map it to an exit code and the UI can pick a message or a recovery path. */
typedef enum
{
  LD_ERROR_FAILED,             /* exit 1: anything else (I/O, SQL, disk full) */
  LD_ERROR_USAGE,              /* exit 2: bad command line */
  LD_ERROR_WRONG_PASSWORD,     /* exit 3: unknown account or wrong password */
  LD_ERROR_ACCOUNT_LOCKED,     /* exit 3: too many failures */
  LD_ERROR_ACCOUNT_DISABLED,   /* exit 3: disabled by the system administrator */
  LD_ERROR_PASSWORD_EXPIRED,   /* exit 3: must change the password first */
  LD_ERROR_VAULT_DAMAGED,      /* exit 4: slot opened, database NOTADB/CORRUPT */
  LD_ERROR_NOT_A_VAULT,        /* exit 4: no slot file / not a Liandang vault */
  LD_ERROR_VAULT_IN_USE,       /* exit 1: another process holds the vault */
  LD_ERROR_VAULT_EXISTS,       /* exit 6: init over an existing vault */
  LD_ERROR_SELF_TEST,          /* exit 4: SQLCipher missing or misconfigured */
  LD_ERROR_PERMISSION_DENIED,  /* exit 5: role or grant does not allow it */
  LD_ERROR_INVALID,            /* exit 6: input rejected by validation */
  LD_ERROR_NOT_FOUND,          /* exit 6: the named object does not exist */
  LD_ERROR_LOCKED,             /* exit 1: the vault is locked (no session) */
  LD_ERROR_AUDIT,              /* exit 4: audit trail failed verification */
} LdError;

GQuark ld_error_quark     (void);
int    ld_error_exit_code (const GError *error);

G_END_DECLS
