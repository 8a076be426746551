/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LD_TYPE_POLICY_ROW (ld_policy_row_get_type ())
G_DECLARE_FINAL_TYPE (LdPolicyRow, ld_policy_row, LD, POLICY_ROW, AdwActionRow)

/* One key of the security policy with a spin button. "modified" tells
 * whether the value differs from the one last loaded from the vault. */
GtkWidget   *ld_policy_row_new          (const char  *key);
const char  *ld_policy_row_get_key      (LdPolicyRow *self);
int          ld_policy_row_get_value    (LdPolicyRow *self);
void         ld_policy_row_set_value    (LdPolicyRow *self,
                                         int          value);
/* Sets the value and takes it as the unmodified state. */
void         ld_policy_row_load         (LdPolicyRow *self,
                                         int          value);
gboolean     ld_policy_row_get_modified (LdPolicyRow *self);

G_END_DECLS
