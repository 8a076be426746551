/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-case-rules.h"

G_BEGIN_DECLS

/* The editable deadline and required-talk rules (ld_case_rules_keys()),
 * stored in the same append-only history as the category rules
 * (category_rules: key, value, source, valid_from) and read and changed
 * the same way: reading needs LD_ACTION_RECORD_READ, setting
 * LD_ACTION_RECORD_APPROVE, audited as LD_AUDIT_RULE_SET. The category
 * rules ignore these keys and these ignore theirs. */

/* Fills rules with the values in force at reference (NULL = today); cached
 * per vault until a rule changes. */
gboolean     ld_case_rules_repository_load    (LdVault     *vault,
                                               const GDate *reference,
                                               LdCaseRules *rules,
                                               GError     **error);
/* The stored rows of the case keys, oldest first (LdRuleRow). */
GPtrArray   *ld_case_rules_repository_history (LdVault     *vault,
                                               GError     **error);
gboolean     ld_case_rules_repository_set     (LdVault     *vault,
                                               const char  *key,
                                               const char  *value,
                                               const char  *source,
                                               const char  *valid_from,
                                               GError     **error);

G_END_DECLS
