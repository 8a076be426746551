/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rules/ld-ledger-rules.h"

G_BEGIN_DECLS

#define LD_TYPE_RECOMMENDATION (ld_recommendation_get_type ())
G_DECLARE_FINAL_TYPE (LdRecommendation, ld_recommendation, LD, RECOMMENDATION, GObject)

/* One recommendation (纪检监察建议, DOMAIN.md §10.2) as read from the
 * vault. Read-only properties:
 *   "id", "unit-id", "source-id" (int64; 0 = none),
 *   "reg-no" ("2026-J0001"), "unit-name" (the unit it is addressed to),
 *   "kind" ("discipline", "supervision", "joint"), "kind-label"
 *   (translated: 纪律检查建议书 …), "doc-no" (文号), "title", "problem",
 *   "basis" (facts and legal basis), "content" (the recommendations and
 *   the reply requirements), "source-type" (free code of the record it
 *   came from, "" = none),
 *   "status" ("draft", "issued", "delivered", "replied", "rectifying",
 *   "verified", "closed", "escalated"), "status-label" (translated),
 *   "issued-date", "delivered-date", "reply-due", "replied-date", "reply"
 *   (the addressee's reply), "verified-date", "closed-date",
 *   "next-visit-date" (the planned 回访 / 回头看, "" = none) (dates
 *   "YYYY-MM-DD" or ""),
 *   "reply-overdue" (boolean, for today; ld_recommendation_is_reply_overdue()
 *   for another date),
 *   "n-items", "n-open-items", "n-overdue-items" (uint: its active ledger
 *   items; open = not signed off and not "ongoing"; overdue on the day the
 *   object was read),
 *   "account", "retired-at" (int64, 0 = active), "retired-reason",
 *   "created-at", "updated-at" (unix seconds). */
gint64        ld_recommendation_get_id               (LdRecommendation *self);
const char   *ld_recommendation_get_reg_no           (LdRecommendation *self);
gint64        ld_recommendation_get_unit_id          (LdRecommendation *self);
const char   *ld_recommendation_get_unit_name        (LdRecommendation *self);
const char   *ld_recommendation_get_kind             (LdRecommendation *self);
const char   *ld_recommendation_get_kind_label       (LdRecommendation *self);
const char   *ld_recommendation_get_doc_no           (LdRecommendation *self);
const char   *ld_recommendation_get_title            (LdRecommendation *self);
const char   *ld_recommendation_get_problem          (LdRecommendation *self);
const char   *ld_recommendation_get_basis            (LdRecommendation *self);
const char   *ld_recommendation_get_content          (LdRecommendation *self);
const char   *ld_recommendation_get_source_type      (LdRecommendation *self);
gint64        ld_recommendation_get_source_id        (LdRecommendation *self);
LdRecommendationStatus ld_recommendation_get_status  (LdRecommendation *self);
const char   *ld_recommendation_get_status_code      (LdRecommendation *self);
const char   *ld_recommendation_get_status_label     (LdRecommendation *self);
const char   *ld_recommendation_get_issued_date      (LdRecommendation *self);
const char   *ld_recommendation_get_delivered_date   (LdRecommendation *self);
const char   *ld_recommendation_get_reply_due        (LdRecommendation *self);
const char   *ld_recommendation_get_replied_date     (LdRecommendation *self);
const char   *ld_recommendation_get_reply            (LdRecommendation *self);
const char   *ld_recommendation_get_verified_date    (LdRecommendation *self);
const char   *ld_recommendation_get_closed_date      (LdRecommendation *self);
const char   *ld_recommendation_get_next_visit_date  (LdRecommendation *self);
/* ld_recommendation_reply_overdue() of the status and reply due on TODAY
 * (NULL = today). */
gboolean      ld_recommendation_is_reply_overdue     (LdRecommendation *self,
                                                      const GDate      *today);
guint         ld_recommendation_get_n_items          (LdRecommendation *self);
guint         ld_recommendation_get_n_open_items     (LdRecommendation *self);
guint         ld_recommendation_get_n_overdue_items  (LdRecommendation *self);
const char   *ld_recommendation_get_account          (LdRecommendation *self);
gint64        ld_recommendation_get_retired_at       (LdRecommendation *self);
const char   *ld_recommendation_get_retired_reason   (LdRecommendation *self);
gint64        ld_recommendation_get_created_at       (LdRecommendation *self);
gint64        ld_recommendation_get_updated_at       (LdRecommendation *self);
/* The translated label of a field name of the history (the
 * recommendations columns), or NULL. */
const char   *ld_recommendation_field_get_label      (const char *field);

/* What a caller fills in to draft or change a recommendation. Strings are
 * owned (NULL = ""). The status and its dates change through
 * ld_recommendation_repository_move(). */
typedef struct
{
  gint64  unit_id;        /* the addressee, required */
  char   *kind;           /* ld_recommendation_kinds() code or its label */
  char   *doc_no;
  char   *title;          /* required */
  char   *problem;
  char   *basis;
  char   *content;
  char   *source_type;    /* "" or a record type ("clue", "petition", "analysis" …) */
  gint64  source_id;      /* 0 = none */
} LdRecommendationSpec;

void          ld_recommendation_spec_init            (LdRecommendationSpec *spec);
void          ld_recommendation_spec_clear           (LdRecommendationSpec *spec);
void          ld_recommendation_spec_init_from_recommendation (LdRecommendationSpec *spec,
                                                               LdRecommendation     *recommendation);
void          ld_recommendation_spec_set             (char                **member,
                                                      const char           *value);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdRecommendationSpec, ld_recommendation_spec_clear)

/* Pure validation: a unit, a known kind, a title, texts within their
 * lengths. LD_ERROR_INVALID and the bad property name ("unit-id", "kind",
 * "title" …) in *bad_key (may be NULL). */
gboolean      ld_recommendation_spec_validate        (const LdRecommendationSpec *spec,
                                                      char                      **bad_key,
                                                      GError                    **error);

/* One row of recommendation_events: a lifecycle move (kind is the status
 * moved to: "issued" … "escalated") or "revisit" 回访, "lookback" 回头看,
 * "onsite" 现场督办, "note". */
typedef struct
{
  gint64  id;
  gint64  recommendation_id;
  char   *event_date;          /* "YYYY-MM-DD" */
  char   *kind;
  char   *kind_label;          /* translated */
  char   *note;
  char   *account;
  gint64  created_at;
} LdRecommendationEvent;

void          ld_recommendation_event_free           (LdRecommendationEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRecommendationEvent, ld_recommendation_event_free)

G_END_DECLS
