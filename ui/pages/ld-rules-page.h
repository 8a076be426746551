/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_RULES_PAGE (ld_rules_page_get_type ())
G_DECLARE_FINAL_TYPE (LdRulesPage, ld_rules_page, LD, RULES_PAGE, LdPage)

/* The category rules (分类规则) and the deadline and required-talk rules
 * of the business roles, in two groups: one row per rule with the value
 * in force today, its source and valid-from date, and the
 * history of every stored change, newest first. The leader changes a rule
 * with the "rules.change" action (parameter: the rule key), which opens an
 * LdRuleDialog; other roles may only read. */
LdRulesPage *ld_rules_page_new                 (LdVault     *vault);

/* For tests. The value in force of key as stored ("35"), or NULL before
 * the first load. */
const char  *ld_rules_page_get_value           (LdRulesPage *self,
                                                const char  *key);
/* The row of key and its "Change…" button, or NULL. */
GtkWidget   *ld_rules_page_get_row             (LdRulesPage *self,
                                                const char  *key);
GtkWidget   *ld_rules_page_get_change_button   (LdRulesPage *self,
                                                const char  *key);
/* The number of stored changes listed in the history, and the value of
 * the nth one, newest first (NULL when out of range). */
guint        ld_rules_page_get_n_history       (LdRulesPage *self);
const char  *ld_rules_page_get_history_value   (LdRulesPage *self,
                                                guint        position);

G_END_DECLS
