/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Integrity-opinion replies (党风廉政意见回复), DOMAIN.md §7. Pure: the
 * opinion repository gathers the facts about a cadre from the records and
 * these rules turn them into a proposal with its reasons. */

typedef enum
{
  LD_OPINION_OK,        /* R_OK 暂未发现影响提拔任用的问题 */
  LD_OPINION_OK_NOTE,   /* R_OK_NOTE 无异议，如实说明情况 */
  LD_OPINION_DEFER,     /* R_DEFER 建议暂缓，待查清问题后再作答复 */
  LD_OPINION_NO,        /* R_NO 不宜提拔任用 */
  LD_N_OPINIONS
} LdOpinion;

/* "ok", "ok-note", "defer", "no" (stored in opinion_items.proposal and
 * .decision, typed on the command line), the translated short label and
 * the formal wording used in the reply letter. */
const char *ld_opinion_to_string     (LdOpinion opinion);
LdOpinion   ld_opinion_from_string   (const char *str);   /* LD_N_OPINIONS if unknown */
const char *ld_opinion_get_label     (LdOpinion opinion);
const char *ld_opinion_get_wording   (LdOpinion opinion);

/* What the check found. Each kind leads to one opinion (the proposal is the
 * most severe over all facts; no facts → LD_OPINION_OK). */
typedef enum
{
  LD_OPINION_FACT_OPEN_PETITION,      /* a petition reporting the cadre, not closed → defer */
  LD_OPINION_FACT_CLUE_PENDING,       /* a clue registered, disposal not yet decided → defer */
  LD_OPINION_FACT_CLUE_DISPOSAL,      /* talk-letter or preliminary verification under way → defer */
  LD_OPINION_FACT_CLUE_HELD,          /* a clue held pending (暂存待查) → defer */
  LD_OPINION_FACT_OPEN_CASE,          /* a clue moved to case review, not closed → no */
  LD_OPINION_FACT_VERIFIED_UNHANDLED, /* a clue closed as founded without any measure → no */
  LD_OPINION_FACT_EFFECT_RUNNING,     /* sanction / 诫勉 / organisational handling in its effect period → no */
  LD_OPINION_FACT_ACCOUNTABILITY,     /* 问责 within its effect period (or within 12 months when it has none) → no */
  LD_OPINION_FACT_CONCEALMENT,        /* personal-matters 瞒报 finding within the last 12 months → no */
  LD_OPINION_FACT_OMISSION,           /* personal-matters 漏报 finding within the last 12 months → ok-note */
  LD_OPINION_FACT_PAST_MEASURE,       /* a sanction or handling whose effect period has ended → ok-note */
  LD_OPINION_FACT_PAST_FIRST_FORM,    /* a form-one measure (no period) → ok-note */
  LD_OPINION_FACT_CLOSED_MATTER,      /* a clue closed as unfounded / partly founded, a petition closed → ok-note */
  LD_OPINION_FACT_PAST_DECISION,      /* a measure of form two or more without an effect period (引咎辞职 …) → ok-note */
  LD_OPINION_FACT_TRANSFERRED,        /* transferred to the judicial organs (移送司法机关) → no */
  LD_N_OPINION_FACTS
} LdOpinionFactKind;

typedef struct
{
  LdOpinionFactKind  kind;
  const char        *record_type;   /* "petition", "clue", "measure", "entry" */
  gint64             record_id;
  const char        *reg_no;        /* the record's number, may be NULL */
  GDate              date;          /* the record's date (received, decided, effect end …), may be invalid */
  const char        *detail;        /* untranslated data: measure name, disposal, summary; may be NULL */
} LdOpinionFact;

/* "open-petition", … and the opinion each kind leads to. */
const char *ld_opinion_fact_kind_to_string (LdOpinionFactKind kind);
LdOpinion   ld_opinion_fact_kind_opinion   (LdOpinionFactKind kind);
/* One translated sentence for the reply and the screen, e.g.
 * "信访件 2026-0012（2026-03-02 收到）尚未办结". */
char       *ld_opinion_fact_describe       (const LdOpinionFact *fact);

/* The proposal for the facts, and the reasons (translated strings, the
 * most severe first; "未发现信访举报、问题线索和处分处理记录" when there are none)
 * into *reasons when reasons is not NULL. */
LdOpinion   ld_opinion_propose             (const LdOpinionFact *facts,
                                            guint                n_facts,
                                            GPtrArray          **reasons);

/* Whether the investigator's decision differs from the proposal in a way
 * that needs a written reason (any change does). */
gboolean    ld_opinion_change_needs_reason (LdOpinion proposal,
                                            LdOpinion decision);

/* Purposes of a request: "promotion" 提拔任用, "further-use" 进一步使用,
 * "key-post" 重要岗位任职, "award" 评先评优, "election" 换届选举/推荐代表委员,
 * "civil-servant" 公务员登记/转任, "transfer" 交流调任, "probation" 试用期满,
 * "other" 其他. */
const char * const *ld_opinion_purposes      (void);
const char         *ld_opinion_purpose_get_label (const char *purpose);   /* NULL if unknown */
const char         *ld_opinion_purpose_lookup    (const char *text);      /* code by code, label or Chinese name */

/* Defaults (DOMAIN.md §7, local practice): a reply is valid 3 months; a
 * request is answered within 3 working days; facts count as recent within
 * 12 months. */
#define LD_OPINION_VALIDITY_MONTHS   3
#define LD_OPINION_REPLY_WORKDAYS    3
#define LD_OPINION_RECENT_MONTHS     12

/* The end of a reply's validity: approved + months (clamped to month end). */
void        ld_opinion_valid_until         (const GDate *approved,
                                            int          months,
                                            GDate       *until);

/* The translated sentence given as the only reason when no fact was found
 * ("未发现信访举报、问题线索和处分处理记录"). */
const char *ld_opinion_nothing_found       (void);

G_END_DECLS
