/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"

G_BEGIN_DECLS

/* The vault's text settings (issue 6), kept in the settings table next to
 * the password policy:
 *   "classification-mark"  the 密级 mark printed on exports and PDFs
 *                          (default "内部"): 内部, 工作秘密, 秘密, 机密 or
 *                          绝密, optionally followed by ★ and a period
 *                          ("秘密★10年", "机密★长期"); at most 32 characters.
 *   "organisation"         the office's name (workbook "company", letters),
 *                          default "" (then the exported unit's name is
 *                          used); at most 100 characters, no control
 *                          characters.
 * Reading needs an open session (any role); changing needs
 * LD_ACTION_POLICY_CHANGE (the security administrator) and is audited
 * as LD_AUDIT_POLICY_CHANGED with the old and new value. */

#define LD_SETTING_CLASSIFICATION_MARK "classification-mark"
#define LD_SETTING_ORGANISATION        "organisation"

/* NULL-terminated keys. */
const char * const *ld_settings_keys          (void);
/* Translated label ("Classification mark" / 密级标志). */
const char  *ld_settings_key_get_label        (const char  *key);
/* Validates a value for key: FALSE with LD_ERROR_INVALID and a translated
 * message saying what is allowed. Pure. */
gboolean     ld_settings_check                (const char  *key,
                                               const char  *value,
                                               GError     **error);
/* The stored value or the default. Caller frees. NULL with an error when
 * the vault is locked. */
char        *ld_settings_repository_get       (LdVault     *vault,
                                               const char  *key,
                                               GError     **error);
gboolean     ld_settings_repository_set       (LdVault     *vault,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);

G_END_DECLS
