/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_RULE_DIALOG (ld_rule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdRuleDialog, ld_rule_dialog, LD, RULE_DIALOG, AdwWindow)

/* Changes one category rule or one deadline / required-talk rule
 * (ld_case_rules_keys()): the new value (a whole number of years, months
 * or working days, or the high-risk post types as check buttons), its source (the
 * regulation or decision, required) and the day it takes effect
 * (YYYY-MM-DD, today by default). Value and date are checked as you type
 * with the core's own rules; the "rule.save" action (Ctrl+S) is enabled
 * only when the form is complete and writes on the vault worker; the
 * core's refusal is shown under the form. Escape cancels.
 *
 * Signal "saved" (const char *message): after the write, just before the
 * dialog closes. */
LdRuleDialog *ld_rule_dialog_new               (LdVault      *vault,
                                                const char   *key,
                                                const char   *current_value);
const char   *ld_rule_dialog_get_key           (LdRuleDialog *self);
/* For tests: types into the fields (NULL leaves a field alone). For
 * high-risk-post-tags, value is a comma-separated list of post-tag codes
 * and sets the check buttons. */
void          ld_rule_dialog_fill              (LdRuleDialog *self,
                                                const char   *value,
                                                const char   *source,
                                                const char   *valid_from);
/* Whether "rule.save" is enabled (the form is complete and valid). */
gboolean      ld_rule_dialog_get_can_save      (LdRuleDialog *self);
/* The message shown under the form, or NULL. */
const char   *ld_rule_dialog_get_error_message (LdRuleDialog *self);
gboolean      ld_rule_dialog_get_busy          (LdRuleDialog *self);

G_END_DECLS
