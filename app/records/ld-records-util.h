/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ld-types.h"

G_BEGIN_DECLS

/* Shared checks of the record repositories. */

/* A copy of text without surrounding white space; NULL gives "". Sets
 * LD_ERROR_INVALID (naming label) for invalid UTF-8, control characters,
 * more than max_chars characters, or an empty text when required. */
char        *_ld_records_clean_text   (const char  *text,
                                       const char  *label,
                                       guint        max_chars,
                                       gboolean     required,
                                       GError     **error);
/* Whether the session may read every unit (the security administrator,
 * who grants scopes), without auditing anything. */
gboolean     _ld_records_sees_all_units (LdVault   *vault);
gint64       _ld_records_now          (void);

G_END_DECLS
