/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The supervision ledger (整改台账, DOMAIN.md §10.3) and recommendations
 * (纪检监察建议, §10.2): codes, state machines and overdue detection.
 * Pure. */

/* ---- Ledger items ------------------------------------------------------ */
typedef enum
{
  LD_LEDGER_NOT_STARTED,   /* 未启动 */
  LD_LEDGER_IN_PROGRESS,   /* 推进中 */
  LD_LEDGER_DONE,          /* 已完成 */
  LD_LEDGER_ONGOING,       /* 长期坚持 */
  LD_LEDGER_OVERDUE,       /* 逾期: never stored, computed by ld_ledger_display_status() */
  LD_N_LEDGER_STATUSES
} LdLedgerStatus;

/* "not-started", "in-progress", "done", "ongoing", "overdue" and labels. */
const char     *ld_ledger_status_to_string   (LdLedgerStatus status);
LdLedgerStatus  ld_ledger_status_from_string (const char    *str);   /* LD_N_LEDGER_STATUSES if unknown */
const char     *ld_ledger_status_get_label   (LdLedgerStatus status);

/* Stored moves: not-started → in-progress | done | ongoing;
 * in-progress → done | ongoing; ongoing → in-progress | done;
 * done → in-progress (reopened before sign-off). Nothing moves after
 * sign-off (销号). Overdue is never a target. */
gboolean        ld_ledger_can_move           (LdLedgerStatus from,
                                              LdLedgerStatus to,
                                              gboolean       signed_off);

/* What the ledger shows: overdue when the stored status is not-started or
 * in-progress, the deadline is valid and today > deadline, and it is not
 * signed off; else the stored status. */
LdLedgerStatus  ld_ledger_display_status     (LdLedgerStatus stored,
                                              const GDate   *deadline,
                                              gboolean       signed_off,
                                              const GDate   *today);

/* Sign-off (销号) needs status done, a completion date and an acceptance
 * (验收人); fills a translated LD_ERROR_INVALID message otherwise. */
gboolean        ld_ledger_can_sign_off       (LdLedgerStatus stored,
                                              const char    *completed_date,
                                              const char    *accepted_by,
                                              GError       **error);

/* Sources: "inspection" 巡视巡察, "audit" 审计, "analysis" 政治生态研判,
 * "recommendation" 纪检监察建议, "petition" 信访举报, "special" 专项检查,
 * "other" 其他. */
const char * const *ld_ledger_sources         (void);
const char         *ld_ledger_source_get_label (const char *source);   /* NULL if unknown */
const char         *ld_ledger_source_lookup    (const char *text);

/* ---- Recommendations -------------------------------------------------- */
typedef enum
{
  LD_RECOMMENDATION_DRAFT,
  LD_RECOMMENDATION_ISSUED,
  LD_RECOMMENDATION_DELIVERED,
  LD_RECOMMENDATION_REPLIED,
  LD_RECOMMENDATION_RECTIFYING,
  LD_RECOMMENDATION_VERIFIED,
  LD_RECOMMENDATION_CLOSED,
  LD_RECOMMENDATION_ESCALATED,   /* refused or ignored: escalated for accountability */
  LD_N_RECOMMENDATION_STATUSES
} LdRecommendationStatus;

const char             *ld_recommendation_status_to_string   (LdRecommendationStatus status);
LdRecommendationStatus  ld_recommendation_status_from_string (const char *str);
const char             *ld_recommendation_status_get_label   (LdRecommendationStatus status);

/* DRAFT → ISSUED → DELIVERED → REPLIED → RECTIFYING → VERIFIED → CLOSED;
 * ISSUED, DELIVERED, REPLIED, RECTIFYING → ESCALATED; ESCALATED →
 * RECTIFYING | CLOSED. */
gboolean                ld_recommendation_can_move (LdRecommendationStatus from,
                                                    LdRecommendationStatus to);

/* Kinds: "discipline" 纪律检查建议书, "supervision" 监察建议书,
 * "joint" 纪检监察建议书. */
const char * const *ld_recommendation_kinds          (void);
const char         *ld_recommendation_kind_get_label (const char *kind);   /* NULL if unknown */

/* Reply due: delivered (or issued when not yet delivered) + days calendar
 * days (default 30). */
#define LD_RECOMMENDATION_REPLY_DAYS 30
void                ld_recommendation_reply_due      (const GDate *delivered,
                                                      int          days,
                                                      GDate       *due);
/* Overdue on today: issued or delivered, reply due valid and passed. */
gboolean            ld_recommendation_reply_overdue  (LdRecommendationStatus status,
                                                      const GDate *reply_due,
                                                      const GDate *today);

/* Events other than moves in recommendation_events.kind: "revisit" 回访,
 * "lookback" 回头看, "onsite" 现场督办, "note". */
const char         *ld_recommendation_event_get_label (const char *kind);

G_END_DECLS
