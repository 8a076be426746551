/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rules/ld-workdays.h"

G_BEGIN_DECLS

/* Pure rules of the case records: the state machines of petitions and
 * clues, the deadlines (in working days, from editable rules), required
 * talks, alert colours, reporter masking and repeat detection. No SQL, no
 * IO, no clock: "today" is always a parameter. */

/* ---- State machines ---------------------------------------------------
 * Petition statuses (LD_CODE_TABLE_PETITION_STATUS):
 *   registered   → accepted | routed | filed | not-accepted
 *   accepted     → closed
 *   routed, filed, not-accepted, closed: final
 * Clue statuses (LD_CODE_TABLE_CLUE_STATUS) and the disposal that moves:
 *   pending  → handling (talk-letter, verify, case) | held (hold) | closed (close)
 *   handling → handling (a new disposal: another talk-letter, verify, case)
 *            | held (hold) | closed (result)
 *   held     → handling (reactivated with a disposal) | closed (close)
 *   closed: final
 * A move to closed needs a result (clue-result) and a closing date. */
gboolean     ld_petition_status_can_move (const char  *from,
                                          const char  *to,
                                          GError     **error);
/* disposal is the disposal code chosen with the move ("" for a move that
 * only closes with a result). Illegal moves set LD_ERROR_INVALID with a
 * translated message naming both statuses and what is allowed instead. */
gboolean     ld_clue_status_can_move     (const char  *from,
                                          const char  *to,
                                          const char  *disposal,
                                          GError     **error);
/* The status a disposal leads to ("handling", "held" or "closed"). */
const char  *ld_clue_status_for_disposal (const char  *disposal);
/* The statuses a status may move to, NULL-terminated, for menus. */
const char * const *ld_petition_status_next (const char *from);
const char * const *ld_clue_status_next     (const char *from);

/* ---- Deadline rules (editable: stored like the category rules) --------
 * Keys and defaults:
 *   case.accept-notice-days   15  working days after receipt (real-name)
 *   case.feedback-days        15  working days after closing (real-name)
 *   case.routing-days          5  working days after receipt (up/down)
 *   case.talk-letter-days     15  working days after approval (谈话函询)
 *   case.verify-months         3  months after approval (初步核实)
 *   case.disposal-days         5  working days from receipt of a clue to
 *                                 the disposal decision (处置意见)
 *   case.due-soon-days         5  working days: yellow on the board
 *   talk.top-leader-months    12  months between supervision talks with a
 *                                 top leader (first one within
 *                                 talk.top-leader-first-months of taking
 *                                 the post)
 *   talk.top-leader-first-months 1
 *   talk.preappoint-months     1  months after the promotion date
 *   talk.revisit-before-days  30  days before a sanction's effect period
 *                                 ends: the return visit is due by then
 */
typedef struct
{
  guint accept_notice_days;
  guint feedback_days;
  guint routing_days;
  guint talk_letter_days;
  guint verify_months;
  guint disposal_days;
  guint due_soon_days;
  guint top_leader_months;
  guint top_leader_first_months;
  guint preappoint_months;
  guint revisit_before_days;
} LdCaseRules;

void         ld_case_rules_init_defaults (LdCaseRules *rules);
/* NULL-terminated keys in display order. */
const char * const *ld_case_rules_keys   (void);
gboolean     ld_case_rules_is_key        (const char  *key);
/* Translated label and unit ("working days", "months", "days"). */
const char  *ld_case_rule_key_get_label  (const char  *key);
const char  *ld_case_rule_key_get_unit   (const char  *key);
/* Checks and applies a value (a whole number 0–366; months 0–36; the
 * due-soon window 1–30); LD_ERROR_INVALID otherwise. */
gboolean     ld_case_rules_set           (LdCaseRules *rules,
                                          const char  *key,
                                          const char  *value,
                                          GError     **error);
char        *ld_case_rules_get           (const LdCaseRules *rules,
                                          const char  *key);

/* ---- Deadlines -------------------------------------------------------- */
typedef enum
{
  LD_DEADLINE_ACCEPT_NOTICE,   /* petition: tell the real-name reporter */
  LD_DEADLINE_ROUTING,         /* petition: forward up or down */
  LD_DEADLINE_FEEDBACK,        /* petition: result feedback after closing */
  LD_DEADLINE_DISPOSAL_DECISION, /* clue: decide the disposal */
  LD_DEADLINE_DISPOSAL,        /* clue: the limit of the approved disposal */
  LD_DEADLINE_WRITTEN,         /* talk: written explanation due */
  LD_DEADLINE_REQUIRED_TALK,   /* cadre: a required talk */
  LD_DEADLINE_EFFECT_PERIOD,   /* measure: its effect period ends (and the return visit before) */
  LD_DEADLINE_LEDGER,          /* ledger item: its deadline */
  LD_DEADLINE_REVIEW,          /* clue held pending (暂存待查): its next review */
  LD_DEADLINE_RECOMMENDATION_REPLY, /* recommendation: the addressee's reply */
  LD_DEADLINE_REVISIT,         /* recommendation: the planned return visit / look-back */
  LD_DEADLINE_OPINION_REPLY,   /* opinion request: our reply is due */
  LD_DEADLINE_OPINION_RENEWAL, /* opinion reply: its validity window ended */
  LD_N_DEADLINE_KINDS
} LdDeadlineKind;

/* "accept-notice", "routing", … and the translated label. */
const char  *ld_deadline_kind_to_string  (LdDeadlineKind kind);
const char  *ld_deadline_kind_get_label  (LdDeadlineKind kind);

/* Each computes the due date into due and returns TRUE, or FALSE when the
 * rule does not apply (anonymous report, local routing, repeat report,
 * a disposal without a limit). */
gboolean     ld_deadline_accept_notice   (const LdCaseRules *rules,
                                          LdWorkdays  *workdays,
                                          const GDate *received,
                                          gboolean     real_name,
                                          gboolean     repeat,
                                          GDate       *due);
gboolean     ld_deadline_routing         (const LdCaseRules *rules,
                                          LdWorkdays  *workdays,
                                          const GDate *received,
                                          const char  *routing,
                                          GDate       *due);
gboolean     ld_deadline_feedback        (const LdCaseRules *rules,
                                          LdWorkdays  *workdays,
                                          const GDate *closed,
                                          gboolean     real_name,
                                          GDate       *due);
gboolean     ld_deadline_disposal_decision (const LdCaseRules *rules,
                                            LdWorkdays  *workdays,
                                            const GDate *received,
                                            GDate       *due);
/* talk-letter: working days; verify: months (same day of month, clamped
 * to the month's end); hold, close, case: no limit. */
gboolean     ld_deadline_disposal        (const LdCaseRules *rules,
                                          LdWorkdays  *workdays,
                                          const char  *disposal,
                                          const GDate *approved,
                                          GDate       *due);

/* ---- Alerts ------------------------------------------------------------ */
typedef enum
{
  LD_ALERT_NONE,      /* done, or due after the end of this month */
  LD_ALERT_LATER,     /* due later this month (beyond the due-soon window) */
  LD_ALERT_DUE_SOON,  /* yellow: due within due_soon_days working days */
  LD_ALERT_OVERDUE,   /* red: due date passed and not done */
} LdAlertLevel;

/* The level of an open deadline on today: overdue when today > due;
 * due soon when the working days in (today, due] are ≤ due_soon_days
 * (due today counts as due soon); later when due falls in today's month;
 * else none. */
LdAlertLevel ld_alert_level              (const LdCaseRules *rules,
                                          LdWorkdays  *workdays,
                                          const GDate *due,
                                          const GDate *today);
const char  *ld_alert_level_to_string    (LdAlertLevel level);   /* "overdue" … */
const char  *ld_alert_level_get_label    (LdAlertLevel level);   /* translated */

/* ---- Required talks ------------------------------------------------------
 * What one cadre needs, from its facts; dates as GDate (invalid = unknown).
 * Each returns TRUE and the due date when a talk is required and not yet
 * held, FALSE when none is required now. */
/* The next supervision talk is due talk.top-leader-months after the last
 * one held in this post (a talk before post_since does not count), or
 * talk.top-leader-first-months after post_since when none was held (today
 * when post_since is unknown too). It is required now when that date has
 * passed or falls within a month from today; a leader talked to last month
 * gives FALSE. */
gboolean     ld_required_talk_top_leader (const LdCaseRules *rules,
                                          gboolean     is_top_leader,
                                          const GDate *post_since,
                                          const GDate *last_supervision_talk,
                                          const GDate *today,
                                          GDate       *due);
/* promoted: the promotion date; held: the first pre-appointment talk on
 * or after promoted minus talk.preappoint-months (talks before the
 * promotion, in the public-notice period, count). */
gboolean     ld_required_talk_preappoint (const LdCaseRules *rules,
                                          const GDate *promoted,
                                          const GDate *held,
                                          GDate       *due);
/* effect_end: the end of a sanction's effect period (issue 5); held: the
 * latest return-visit talk inside the period (invalid = none). */
gboolean     ld_required_talk_revisit    (const LdCaseRules *rules,
                                          const GDate *effect_start,
                                          const GDate *effect_end,
                                          const GDate *held,
                                          GDate       *due);

/* ---- Reporter protection -------------------------------------------------- */
/* The masked form of a name: first character then "*" per remaining
 * character up to two ("张三" → "张*", "欧阳修远" → "欧**", "" → "");
 * Latin names keep the first letter ("Li Ming" → "L**"). Contacts and
 * addresses mask to "***" whatever their length. */
char        *ld_mask_name                (const char  *name);
char        *ld_mask_text                (const char  *text);

/* ---- Repeat reports ----------------------------------------------------------- */
/* Similarity of two report texts in [0, 1]: Dice coefficient over the
 * character bigrams of their Han characters, letters and digits
 * (punctuation and spaces ignored). */
double       ld_text_similarity          (const char  *a,
                                          const char  *b);
/* The threshold above which a report of the same person is offered as a
 * repeat candidate. */
#define LD_REPEAT_SIMILARITY 0.35

G_END_DECLS
