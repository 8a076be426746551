/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-ledger-item.h"
#include "records/ld-recommendation.h"

G_BEGIN_DECLS

/* Recommendations (纪检监察建议). A recommendation belongs to the unit it
 * is addressed to (recommendations.unit_id); it is visible only in the
 * session's unit scopes (others are "not found"). LD_ACTION_RECORD_READ
 * to read, LD_ACTION_RECORD_WRITE to draft, change and follow up,
 * LD_ACTION_RECORD_APPROVE to issue. Each change is one transaction with
 * a version in the record history (record_versions, type
 * "recommendation") and an audit entry (object "recommendation", its
 * record number); each lifecycle move and follow-up is also a row of
 * recommendation_events. Never deleted: retired with a reason; a retired
 * or closed recommendation is read-only. Registration numbers are "<year
 * of registration>-J<4 digits>". */

#ifndef LD_RECORD_TYPE_RECOMMENDATION
#define LD_RECORD_TYPE_RECOMMENDATION "recommendation"
#endif

#define LD_AUDIT_RECOMMENDATION_CREATED   "recommendation.create"
#define LD_AUDIT_RECOMMENDATION_UPDATED   "recommendation.update"
#define LD_AUDIT_RECOMMENDATION_RETIRED   "recommendation.retire"
/* A move: "recommendation." followed by the status moved to. */
#define LD_AUDIT_RECOMMENDATION_ISSUED    "recommendation.issue"
#define LD_AUDIT_RECOMMENDATION_DELIVERED "recommendation.deliver"
#define LD_AUDIT_RECOMMENDATION_REPLIED   "recommendation.reply"
#define LD_AUDIT_RECOMMENDATION_RECTIFYING "recommendation.rectify"
#define LD_AUDIT_RECOMMENDATION_VERIFIED  "recommendation.verify"
#define LD_AUDIT_RECOMMENDATION_CLOSED    "recommendation.close"
#define LD_AUDIT_RECOMMENDATION_ESCALATED "recommendation.escalate"
#define LD_AUDIT_RECOMMENDATION_EVENT     "recommendation.event"
#define LD_AUDIT_RECOMMENDATION_SPAWNED   "recommendation.spawn"

/* Validates and stores a draft. *out_id and *out_reg_no may be NULL. */
gboolean          ld_recommendation_repository_create  (LdVault                     *vault,
                                                        const LdRecommendationSpec  *spec,
                                                        gint64                      *out_id,
                                                        char                       **out_reg_no,
                                                        GError                     **error);
/* Replaces every field of SPEC. Refused once closed. Nothing changed =
 * nothing written. */
gboolean          ld_recommendation_repository_update  (LdVault                     *vault,
                                                        gint64                       recommendation_id,
                                                        const LdRecommendationSpec  *spec,
                                                        GError                     **error);
gboolean          ld_recommendation_repository_retire  (LdVault                     *vault,
                                                        gint64                       recommendation_id,
                                                        const char                  *reason,
                                                        GError                     **error);
LdRecommendation *ld_recommendation_repository_get     (LdVault                     *vault,
                                                        gint64                       recommendation_id,
                                                        GError                     **error);

/* What ld_recommendation_repository_list() returns. Strings are borrowed. */
typedef struct
{
  gint64        unit_id;          /* 0 = every unit in scope */
  gboolean      with_subunits;    /* default TRUE */
  const char   *status;           /* NULL = any; a status, or "reply-overdue" */
  const char   *kind;             /* NULL = any */
  const char   *text;             /* found in the registration number, document number,
                                   * title, problem, basis, content or reply */
  const GDate  *as_of;            /* the date "reply-overdue" is judged on; NULL = today */
  gboolean      include_retired;
  guint         offset;
  guint         limit;            /* 0 = no limit */
} LdRecommendationFilter;

void              ld_recommendation_filter_init         (LdRecommendationFilter      *filter);
/* Newest registration first. LdRecommendation objects. */
GPtrArray        *ld_recommendation_repository_list     (LdVault                     *vault,
                                                         const LdRecommendationFilter *filter,
                                                         GError                     **error);
gboolean          ld_recommendation_repository_count    (LdVault                     *vault,
                                                         const LdRecommendationFilter *filter,
                                                         guint                       *out_count,
                                                         GError                     **error);
/* The history, oldest first (LdCadreVersion). */
GPtrArray        *ld_recommendation_repository_versions (LdVault                     *vault,
                                                         gint64                       recommendation_id,
                                                         GError                     **error);

/* --- Lifecycle --------------------------------------------------------------------- */

/* Moves the recommendation to STATUS on DATE ("YYYY-MM-DD", required, not
 * before the previous move) when ld_recommendation_can_move() allows it,
 * with a recommendation_events row (kind = the status code, NOTE may be
 * NULL) in the same transaction:
 *   ISSUED      needs LD_ACTION_RECORD_APPROVE; sets issued_date and the
 *               reply due: DUE when given, else DATE + LD_RECOMMENDATION_REPLY_DAYS;
 *   DELIVERED   sets delivered_date; the reply due moves to DATE +
 *               LD_RECOMMENDATION_REPLY_DAYS unless DUE is given or a due
 *               was given on issue;
 *   REPLIED     sets replied_date and the reply text REPLY (required);
 *   RECTIFYING  rectification under way;
 *   VERIFIED    sets verified_date;
 *   CLOSED      sets closed_date; refused with LD_ERROR_INVALID naming the
 *               open items unless every active ledger item of the
 *               recommendation is signed off or "ongoing";
 *   ESCALATED   refused or ignored: escalated for accountability.
 * DUE is ignored except for ISSUED and DELIVERED; REPLY except for REPLIED. */
gboolean          ld_recommendation_repository_move     (LdVault                     *vault,
                                                         gint64                       recommendation_id,
                                                         LdRecommendationStatus       status,
                                                         const char                  *date,
                                                         const char                  *note,
                                                         const char                  *reply,
                                                         const char                  *due,
                                                         GError                     **error);
/* Adds a follow-up event of KIND ("revisit", "lookback", "onsite",
 * "note") on DATE, with NOTE (may be NULL), to an active recommendation
 * that is no longer a draft (a closed one too: return visits go on after
 * closing). NEXT_VISIT: NULL keeps the planned next visit, "" clears it,
 * a date (not before DATE) plans it. Versioned (field "event") and
 * audited as LD_AUDIT_RECOMMENDATION_EVENT. */
gboolean          ld_recommendation_repository_add_event (LdVault                    *vault,
                                                          gint64                      recommendation_id,
                                                          const char                 *kind,
                                                          const char                 *date,
                                                          const char                 *note,
                                                          const char                 *next_visit,
                                                          GError                    **error);
/* LdRecommendationEvent, oldest date first. */
GPtrArray        *ld_recommendation_repository_list_events (LdVault                  *vault,
                                                            gint64                    recommendation_id,
                                                            GError                  **error);
/* Creates one ledger item per spec in SPECS (LdLedgerItemSpec*) in one
 * transaction (all or none), each with source "recommendation" and
 * recommendation_id set (the specs' own source and recommendation are
 * ignored); a spec's unit_id 0 means the recommendation's unit, an empty
 * source_ref the recommendation's document number. Refused for a draft,
 * a closed or a retired recommendation, and for an empty SPECS. *out_ids
 * (may be NULL) gets a GArray of gint64 record numbers in the order of
 * SPECS. LD_ACTION_RECORD_WRITE. Each item is audited as
 * LD_AUDIT_LEDGER_CREATED, the batch as LD_AUDIT_RECOMMENDATION_SPAWNED. */
gboolean          ld_recommendation_repository_spawn_ledger_items (LdVault           *vault,
                                                                   gint64             recommendation_id,
                                                                   GPtrArray         *specs,
                                                                   GArray           **out_ids,
                                                                   GError           **error);

G_END_DECLS
