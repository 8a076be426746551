/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-error"

#include "config.h"

#include "ld-error.h"

G_DEFINE_QUARK (ld-error-quark, ld_error)

/* Exit codes of DESIGN.md: 0 success, 1 failure, 2 usage, 3 authentication
 * refused, 4 vault damaged or not a vault, 5 permission denied, 6 input
 * rejected. */
int
ld_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != LD_ERROR)
    return 1;

  switch ((LdError) error->code)
    {
    case LD_ERROR_USAGE:
      return 2;
    case LD_ERROR_WRONG_PASSWORD:
    case LD_ERROR_ACCOUNT_LOCKED:
    case LD_ERROR_ACCOUNT_DISABLED:
    case LD_ERROR_PASSWORD_EXPIRED:
      return 3;
    case LD_ERROR_VAULT_DAMAGED:
    case LD_ERROR_NOT_A_VAULT:
    case LD_ERROR_SELF_TEST:
    case LD_ERROR_AUDIT:
      return 4;
    case LD_ERROR_PERMISSION_DENIED:
      return 5;
    case LD_ERROR_INVALID:
    case LD_ERROR_NOT_FOUND:
    case LD_ERROR_VAULT_EXISTS:
      return 6;
    case LD_ERROR_FAILED:
    case LD_ERROR_VAULT_IN_USE:
    case LD_ERROR_LOCKED:
    default:
      return 1;
    }
}
