/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The measures register's code table (DOMAIN.md §1.2, §2.1–2.3): every
 * measure a cadre can receive, the form of the four forms it counts under
 * by default (the CCDI 2016 indicator system; government 降级 is F2 there
 * and flagged disputed), its category and its effect-period rule. Pure
 * data, no SQL: the administrator's overrides of the form live in the
 * vault (table measure_forms) and are applied by the measure repository.
 *
 * Codes are stable ASCII stored in the vault and typed on the command line:
 *   form one (EDU, 14): F1_CLOSE_TALKLETTER F1_CLOSE_F2F_VERIFY F1_REMIND_TALK
 *     F1_WARN_TALK F1_CRIT_EDU F1_STOP_ORDER F1_RETURN_GAINS
 *     F1_RECTIFY_DEADLINE F1_SELF_EXAM F1_DLM_CRITIQUE F1_PUBLIC_APOLOGY
 *     F1_CIRCULAR F1_ADMONISH (诫勉, 6 months) F1_OTHER_EDU
 *   Party sanctions (PARTY): P1 警告 P2 严重警告 P3 撤销党内职务
 *     P4A 留党察看一年 P4B 留党察看二年 P5 开除党籍
 *   government sanctions (GOV): G1 警告 G2 记过 G3 记大过 G4 降级 G5 撤职
 *     G6 开除; public-institution staff: G_PI_DOWNGRADE 降低岗位等级
 *   organisational handling / adjustment (ORG): O_SUSPEND 停职检查
 *     O_ADJUST 调整职务 O_ORDER_RESIGN 责令辞职 O_REMOVE 免职 O_DEMOTE 降职
 *     O_RESIGN_BLAME 引咎辞职 O_NONLEADING 改任非领导职务 O_EARLY_RETIRE
 *     O_REDUCE_PENSION O_REVOKE_HONOUR O_REMOVE_CPPCC O_END_NPC
 *     O_CANCEL_PROBATIONARY O_CANCEL_ELECTION O_END_PARTY_DEPUTY
 *     O_OTHER_ADJUST O_OTHER_MAJOR (其他重大职务调整, F3)
 *   accountability (ACCOUNT): ACC_CIRCULAR 问责通报, ACC_CHECK 责令检查 (问责)
 *     (问责诫勉, 组织处理 and 处分 given as 问责 use their own codes with the
 *     measure's accountability flag)
 *   judicial (CRIMINAL): C_TRANSFER 移送司法机关（审查起诉）, F4. */

typedef enum
{
  LD_MEASURE_CATEGORY_EDU,        /* 批评教育类处理 (form one) */
  LD_MEASURE_CATEGORY_PARTY,      /* 党纪处分 */
  LD_MEASURE_CATEGORY_GOV,        /* 政务处分 */
  LD_MEASURE_CATEGORY_ORG,        /* 组织处理 / 组织调整 */
  LD_MEASURE_CATEGORY_ACCOUNT,    /* 问责 */
  LD_MEASURE_CATEGORY_CRIMINAL,   /* 移送司法机关 */
  LD_N_MEASURE_CATEGORIES
} LdMeasureCategory;

/* How a code's effect period (影响期) is computed (ld-effect-periods.h). */
typedef enum
{
  LD_EFFECT_NONE,           /* no effect period */
  LD_EFFECT_MONTHS,         /* months after the effective date */
  LD_EFFECT_PROBATION,      /* 留党察看: probation months (+ extension) + after_months */
  LD_EFFECT_UNTIL_LIFTED,   /* 停职检查: until the measure is lifted or decided */
  LD_EFFECT_BAR,            /* 开除党籍: may not rejoin for after_months; counted as permanent for promotion */
  LD_EFFECT_PERMANENT,      /* 开除 (government): never again */
} LdEffectKind;

typedef struct
{
  const char        *code;
  LdMeasureCategory  category;
  int                form;               /* default form 1..4 */
  gboolean           is_sanction;        /* a 处分 (Party or government) */
  gboolean           disputed;           /* the form differs between sources (G4, G_PI_DOWNGRADE) */
  LdEffectKind       effect;
  int                months;             /* effect or probation months */
  int                after_months;       /* P4: 24 after rights restored; P5: 60 rejoin bar */
  int                no_leading_months;  /* O_ORDER_RESIGN, O_REMOVE: no leading post for 12 */
  const char        *name;               /* English msgid, shown translated (zh_CN: the Chinese name) */
  const char        *source;             /* the regulation, untranslated Chinese citation */
  const char        *aliases;            /* Chinese names for matching imports, '|'-separated */
} LdMeasureCode;

/* The whole table in display order (by category, then by weight), and its
 * length. */
const LdMeasureCode *ld_measure_codes             (guint             *n_codes);
/* NULL if code is unknown. */
const LdMeasureCode *ld_measure_code_find         (const char        *code);
/* By code, English label, translated label or Chinese name / alias
 * (警告 alone is ambiguous between P1 and G1: the import passes a hint
 * category; LD_N_MEASURE_CATEGORIES = no hint, then ambiguous → NULL). */
const LdMeasureCode *ld_measure_code_lookup       (const char        *text,
                                                   LdMeasureCategory  hint);
const char          *ld_measure_code_get_label    (const LdMeasureCode *code);   /* translated */
/* The months a measure's probation may still be extended by when it has
 * none yet: 12 for 留党察看一年 (once, by a year), 0 for 留党察看二年 (two
 * years is the longest probation) and for every other measure. */
int                  ld_measure_code_get_max_extension (const LdMeasureCode *code);
/* Whether a measure of this code can be lifted (解除) early: not an
 * expulsion (its effect is permanent) and not a measure without an effect
 * period (there is nothing to lift). */
gboolean             ld_measure_code_can_lift     (const LdMeasureCode *code);

/* "edu", "party", "gov", "org", "account", "criminal" and the translated
 * label (批评教育类, 党纪处分 …). */
const char          *ld_measure_category_to_string   (LdMeasureCategory category);
LdMeasureCategory    ld_measure_category_from_string (const char       *str);   /* LD_N_MEASURE_CATEGORIES if unknown */
const char          *ld_measure_category_get_label   (LdMeasureCategory category);

/* The forms: 1..4 → "F1".."F4"; the translated short label (第一种形态 …)
 * and the formula: current wording, or for form 4 with original = TRUE the
 * 2015–2016 wording (严重违纪涉嫌违法立案审查的成为极少数). */
const char          *ld_form_to_string            (int                form);
int                  ld_form_from_string          (const char        *str);  /* 0 if not F1..F4 / 1..4 */
const char          *ld_form_get_label            (int                form);
const char          *ld_form_get_formula          (int                form,
                                                   gboolean           original);

/* Measure statuses stored in measures.status: "in-force", "lifted",
 * "changed" (replaced on appeal by a new decision), "revoked" (annulled on
 * appeal); revoked and changed measures do not count in the statistics
 * (their replacement does). */
typedef enum
{
  LD_MEASURE_IN_FORCE,
  LD_MEASURE_LIFTED,
  LD_MEASURE_CHANGED,
  LD_MEASURE_REVOKED,
  LD_N_MEASURE_STATUSES
} LdMeasureStatus;

const char          *ld_measure_status_to_string  (LdMeasureStatus status);
LdMeasureStatus      ld_measure_status_from_string (const char      *str);   /* LD_N_MEASURE_STATUSES if unknown */
const char          *ld_measure_status_get_label  (LdMeasureStatus status);

/* Events of measure_events.kind: "lift", "extend", "appeal-upheld",
 * "appeal-changed", "appeal-revoked", "note" and their labels. */
const char * const  *ld_measure_event_kinds       (void);
const char          *ld_measure_event_get_label   (const char        *kind);

G_END_DECLS
