/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rules/ld-code-tables.h"

G_BEGIN_DECLS

/* The key groups (分类) computed from a cadre's data, DOMAIN.md §4.4 and §5.
 * A cadre can be in several. */
typedef enum /*< flags >*/
{
  LD_CATEGORY_NONE           = 0,
  LD_CATEGORY_TOP_LEADER     = 1 << 0,  /* 一把手 */
  LD_CATEGORY_YOUNG          = 1 << 1,  /* 年轻干部 */
  LD_CATEGORY_NEWLY_PROMOTED = 1 << 2,  /* 新提拔干部 */
  LD_CATEGORY_KEY_POSITION   = 1 << 3,  /* 关键岗位干部 */
} LdCategory;

#define LD_CATEGORY_ALL (LD_CATEGORY_TOP_LEADER | LD_CATEGORY_YOUNG | LD_CATEGORY_NEWLY_PROMOTED | \
                         LD_CATEGORY_KEY_POSITION)

/* What the rules look at: a plain snapshot of a cadre, owned by the caller.
 * Dates are split into year, month and day; 0 means unknown. A birth or
 * promotion date with a year and month but no day (rosters often record
 * 出生年月 only) counts as the 1st of that month. */
typedef struct
{
  int                birth_year, birth_month, birth_day;
  const char        *rank_level;       /* post level code ("xiangke" …), or a leading-post,
                                        * rank or staff-grade code (ld_post_level_from_code()) */
  gboolean           principal_post;   /* holds the principal (一把手) post of a leadership team */
  int                promoted_year, promoted_month, promoted_day;  /* latest promotion; 0 = none */
  const char * const *post_tags;       /* NULL-terminated post-tag codes, or NULL */
} LdCadreFacts;

/* Where a rule value comes from. */
typedef struct
{
  char  *source;      /* owned; the regulation or decision, free text ("" when unknown) */
  GDate  valid_from;  /* cleared (not valid) = applies since always */
} LdRuleOrigin;

/* The keys of the rules, in the order of ld_category_rules_keys() and of
 * LdCategoryRules.origin. */
typedef enum
{
  LD_CATEGORY_RULE_YOUNG_XIANGKE,   /* "young-max-age-xiangke", years, default 35 */
  LD_CATEGORY_RULE_YOUNG_XIANCHU,   /* "young-max-age-xianchu", years, default 40 */
  LD_CATEGORY_RULE_YOUNG_TINGJU,    /* "young-max-age-tingju", years, default 45 */
  LD_CATEGORY_RULE_YOUNG_SHENGBU,   /* "young-max-age-shengbu", years, default 0 = not applied */
  LD_CATEGORY_RULE_YOUNG_GUOJIA,    /* "young-max-age-guojia", years, default 0 = not applied */
  LD_CATEGORY_RULE_YOUNG_OTHER,     /* "young-max-age-other", years, for cadres without a post level
                                     * (科员, 办事员, unknown); default 0 = not applied */
  LD_CATEGORY_RULE_NEWLY_PROMOTED,  /* "newly-promoted-months", months, default 12 */
  LD_CATEGORY_RULE_HIGH_RISK_TAGS,  /* "high-risk-post-tags", comma-separated post-tag codes */
  LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL,  /* "young-max-age-xianchu-zheng", years, for principal (正职)
                                              * posts and ranks at 县处级 (正处 ≤ 45 in some places);
                                              * default 0 = young-max-age-xianchu applies */
  LD_CATEGORY_RULE_YOUNG_TINGJU_PRINCIPAL,   /* "young-max-age-tingju-zheng", years, likewise at 厅局级
                                              * (正厅 ≤ 50); default 0 = young-max-age-tingju applies */
  LD_N_CATEGORY_RULES
} LdCategoryRule;

/* The editable thresholds. Keep them in the vault's rules table as one row
 * per key (key, value, unit, source, valid_from) and load them with
 * ld_category_rules_apply_row(). Clear with ld_category_rules_clear(). */
typedef struct
{
  int           young_max_age[LD_N_POST_LEVELS];  /* by LdPostLevel; 0 = no young-cadre category */
  int           young_max_age_principal[LD_N_POST_LEVELS];  /* by LdPostLevel, for principal (正职)
                                                            * posts and ranks
                                                            * (ld_code_is_principal_level());
                                                            * 0 = young_max_age applies */
  int           newly_promoted_months;            /* 1..120 */
  char        **high_risk_tags;                   /* owned, NULL-terminated post-tag codes */
  LdRuleOrigin  origin[LD_N_CATEGORY_RULES];
} LdCategoryRules;

/* Young: 35 乡科级, 40 县处级, 45 厅局级, no principal-post variants;
 * newly promoted: 12 months (the probation year); high-risk post tags:
 * finance, procurement, construction, approval, enforcement, personnel,
 * state-assets, special-funds. Each with
 * its source (DOMAIN.md §5) and no valid-from date. Overwrites rules
 * without freeing it: call on a zeroed or cleared struct. */
void        ld_category_rules_init_defaults (LdCategoryRules *rules);
void        ld_category_rules_clear         (LdCategoryRules *rules);
void        ld_category_rules_copy          (const LdCategoryRules *src,
                                             LdCategoryRules       *dest);

/* All keys, NULL-terminated. */
const char * const *ld_category_rules_keys  (void);
/* The translated description of a key ("Young cadre: highest age at
 * township or section level"), or NULL for an unknown key. */
const char *ld_category_rule_key_get_label  (const char *key);
/* The unit stored with a key's value: "years", "months" or "post-tags". */
const char *ld_category_rule_key_get_unit   (const char *key);

/* Sets a value from its text form (a whole number, or for
 * high-risk-post-tags a comma-separated list of post-tag codes). Leaves the
 * origin alone. LD_ERROR_INVALID for an unknown key or a bad value. */
gboolean    ld_category_rules_set           (LdCategoryRules *rules,
                                             const char      *key,
                                             const char      *value,
                                             GError         **error);
/* The text form of a value. Free with g_free(). NULL for an unknown key. */
char       *ld_category_rules_get           (const LdCategoryRules *rules,
                                             const char            *key);
const LdRuleOrigin *ld_category_rules_get_origin (const LdCategoryRules *rules,
                                                  const char            *key);

/* Loads one stored row. valid_from is "YYYY-MM-DD", or NULL or "" for
 * "since always". A row that is not yet valid at reference (when reference
 * is given), or that is older than the value already loaded for its key, is
 * checked and then skipped, so the rows can come in any order and the
 * latest one valid at the reference date wins (on a tie, the later call).
 * Returns FALSE with LD_ERROR_INVALID for an unknown key or a bad value or
 * date. */
gboolean    ld_category_rules_apply_row     (LdCategoryRules *rules,
                                             const char      *key,
                                             const char      *value,
                                             const char      *source,
                                             const char      *valid_from,
                                             const GDate     *reference,
                                             GError         **error);

/* Age in completed years at reference: the birthday itself counts as the
 * new age; someone born on 29 February becomes a year older on 1 March in
 * other years. An unknown day counts as the 1st. -1 if the year or month is
 * unknown, the date is impossible or after reference. */
int         ld_age_at                       (int          birth_year,
                                             int          birth_month,
                                             int          birth_day,
                                             const GDate *reference);

/* The categories the facts put a cadre in at the reference date. If
 * explanations is not NULL, one translated line per category found is
 * appended to it ("Young cadre: born 1992-03-01, age 34 ≤ 35 (township or
 * section level threshold)"), as newly allocated strings: create it with
 * g_ptr_array_new_with_free_func (g_free).
 *
 * Young means an age at the reference date up to the threshold of the
 * level of rank_level. For a principal (正职) leading post, rank or staff
 * grade (L07, J03, J04, 调研员, Z05 at 县处级) the level's principal-post
 * variant is used instead when it is set (young-max-age-xianchu-zheng …),
 * and the explanation says so ("age 44 ≤ 45 (threshold for principal posts
 * and ranks at county or division level)").
 *
 * Newly promoted means promoted less than newly-promoted-months before the
 * reference date: with 12 months, someone promoted on 2025-03-01 is newly
 * promoted up to 2026-02-28 and no longer on 2026-03-01, when the one-year
 * probation (任职试用期) counted from the appointment is over. When the
 * end month is shorter, the window closes on its last day (g_date_add_months()):
 * promoted on 2024-02-29, newly promoted up to 2025-02-27 only. A promotion
 * after the reference date does not count. */
LdCategory  ld_categories_compute           (const LdCategoryRules *rules,
                                             const LdCadreFacts    *facts,
                                             const GDate           *reference,
                                             GPtrArray             *explanations);

/* Single categories: translated label ("Young cadre"), code ("young"). */
const char *ld_category_get_label           (LdCategory  category);
const char *ld_category_to_string           (LdCategory  category);
/* LD_CATEGORY_NONE for an unknown code. */
LdCategory  ld_category_from_string         (const char *s);
/* A set as comma-separated codes in a fixed order ("top-leader,young");
 * "" for none. Free with g_free(). */
char       *ld_categories_format            (LdCategory  categories);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdCategoryRules, ld_category_rules_clear)

/* What a post title (职务) as written in a roster says about the principal
 * (一把手) flag: YES when one of its parts ("党组书记、局长" has two) is the
 * head of a leadership team or unit — a Party secretary (书记, not 副书记)
 * or the head of a unit (局长, 主任, 镇长, 乡长, 县长, 院长, 校长, 总经理,
 * 董事长 …) without 副; NO when every part is a deputy (副…) or an
 * internal post (科长, 股长, 科员 …); UNKNOWN otherwise (the file keeps
 * what it had). Pure; rosters rarely have a column for it. */
typedef enum
{
  LD_PRINCIPAL_UNKNOWN,
  LD_PRINCIPAL_YES,
  LD_PRINCIPAL_NO,
} LdPrincipalGuess;

LdPrincipalGuess ld_post_title_guess_principal (const char *post);

G_END_DECLS
