/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "rules/ld-categories.h"

G_BEGIN_DECLS

/* The editable category rules (young-cadre ages by post level, the
 * newly-promoted window, the high-risk post tags) kept in the vault's
 * category_rules table: an append-only history of values, each with its
 * source and valid-from date. The value in force at a date is the latest
 * row valid at that date, else the default (ld_category_rules_init_defaults).
 * Reading needs LD_ACTION_RECORD_READ; setting needs
 * LD_ACTION_RECORD_APPROVE (the leader: the rules are a business decision
 * of the discipline organ, not a system setting) and is audited. */

#define LD_AUDIT_RULE_SET "rule.set"

typedef struct
{
  gint64  id;
  char   *key;
  char   *value;
  char   *source;
  char   *valid_from;   /* "YYYY-MM-DD" or "" */
  char   *account;
  gint64  created_at;
} LdRuleRow;

void         ld_rule_row_free              (LdRuleRow        *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRuleRow, ld_rule_row_free)

/* Fills rules (zeroed or cleared) with the rules in force at reference
 * (NULL = today). */
gboolean     ld_rules_repository_load      (LdVault          *vault,
                                            const GDate      *reference,
                                            LdCategoryRules  *rules,
                                            GError          **error);
/* Every stored row, oldest first (LdRuleRow). */
GPtrArray   *ld_rules_repository_history   (LdVault          *vault,
                                            GError          **error);
/* Adds a row after checking key and value (ld_category_rules_set) and the
 * date; source is required (the regulation or decision). valid_from is
 * "YYYY-MM-DD" (may lie in the future); NULL or "" = today. The value is
 * stored in its normal form (post-type labels become codes). */
gboolean     ld_rules_repository_set       (LdVault          *vault,
                                            const char       *key,
                                            const char       *value,
                                            const char       *source,
                                            const char       *valid_from,
                                            GError          **error);

G_END_DECLS
