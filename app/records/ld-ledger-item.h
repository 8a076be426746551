/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rules/ld-ledger-rules.h"

G_BEGIN_DECLS

#define LD_TYPE_LEDGER_ITEM (ld_ledger_item_get_type ())
G_DECLARE_FINAL_TYPE (LdLedgerItem, ld_ledger_item, LD, LEDGER_ITEM, GObject)

/* One item of the supervision ledger (整改台账, DOMAIN.md §10.3) as read
 * from the vault. Read-only properties:
 *   "id", "unit-id", "recommendation-id" (int64; 0 = none),
 *   "reg-no" ("2026-L0001"), "unit-name" (the responsible unit 责任部门),
 *   "source" (ld_ledger_sources() code, "inspection"), "source-label"
 *   (translated), "source-ref" (free text: the inspection round, audit
 *   report …), "recommendation-reg-no" ("" without a recommendation),
 *   "problem" (问题描述), "measures" (整改措施), "standard" (任务标准/目标),
 *   "leader" (责任领导), "person" (责任人), "deadline" (时间节点,
 *   "YYYY-MM-DD" or ""),
 *   "status" (the stored status: "not-started", "in-progress", "done",
 *   "ongoing"), "status-label" (translated),
 *   "display-status" / "display-status-label" (with 逾期 computed for
 *   today; use ld_ledger_item_get_display_status() for another date),
 *   "completion" (完成情况), "completed-date", "accepted-by" (验收人),
 *   "acceptance" (验收意见), "signed-off-date" (销号日期, "" = not signed off),
 *   "note" (备注), "n-progress" (uint: progress entries), "n-attachments"
 *   (uint: active evidence attachments, 佐证材料), "account" (who registered
 *   it), "retired-at" (int64, 0 = active), "retired-reason", "created-at",
 *   "updated-at" (unix seconds). */
gint64          ld_ledger_item_get_id                    (LdLedgerItem *self);
const char     *ld_ledger_item_get_reg_no                (LdLedgerItem *self);
gint64          ld_ledger_item_get_unit_id               (LdLedgerItem *self);
const char     *ld_ledger_item_get_unit_name             (LdLedgerItem *self);
const char     *ld_ledger_item_get_source                (LdLedgerItem *self);
const char     *ld_ledger_item_get_source_label          (LdLedgerItem *self);
const char     *ld_ledger_item_get_source_ref            (LdLedgerItem *self);
gint64          ld_ledger_item_get_recommendation_id     (LdLedgerItem *self);
const char     *ld_ledger_item_get_recommendation_reg_no (LdLedgerItem *self);
const char     *ld_ledger_item_get_problem               (LdLedgerItem *self);
const char     *ld_ledger_item_get_measures              (LdLedgerItem *self);
const char     *ld_ledger_item_get_standard              (LdLedgerItem *self);
const char     *ld_ledger_item_get_leader                (LdLedgerItem *self);
const char     *ld_ledger_item_get_person                (LdLedgerItem *self);
const char     *ld_ledger_item_get_deadline              (LdLedgerItem *self);
/* The stored status (never LD_LEDGER_OVERDUE). */
LdLedgerStatus  ld_ledger_item_get_status                (LdLedgerItem *self);
const char     *ld_ledger_item_get_status_code           (LdLedgerItem *self);
const char     *ld_ledger_item_get_status_label          (LdLedgerItem *self);
/* What the ledger shows on TODAY (NULL = the local date today):
 * ld_ledger_display_status() of the stored status, deadline and sign-off. */
LdLedgerStatus  ld_ledger_item_get_display_status        (LdLedgerItem *self,
                                                          const GDate  *today);
const char     *ld_ledger_item_get_display_status_label  (LdLedgerItem *self,
                                                          const GDate  *today);
/* Whether the item shows as overdue on TODAY (NULL = today). */
gboolean        ld_ledger_item_is_overdue                (LdLedgerItem *self,
                                                          const GDate  *today);
const char     *ld_ledger_item_get_completion            (LdLedgerItem *self);
const char     *ld_ledger_item_get_completed_date        (LdLedgerItem *self);
const char     *ld_ledger_item_get_accepted_by           (LdLedgerItem *self);
const char     *ld_ledger_item_get_acceptance            (LdLedgerItem *self);
const char     *ld_ledger_item_get_signed_off_date       (LdLedgerItem *self);
gboolean        ld_ledger_item_is_signed_off             (LdLedgerItem *self);
const char     *ld_ledger_item_get_note                  (LdLedgerItem *self);
guint           ld_ledger_item_get_n_progress            (LdLedgerItem *self);
guint           ld_ledger_item_get_n_attachments         (LdLedgerItem *self);
const char     *ld_ledger_item_get_account               (LdLedgerItem *self);
gint64          ld_ledger_item_get_retired_at            (LdLedgerItem *self);
const char     *ld_ledger_item_get_retired_reason        (LdLedgerItem *self);
gint64          ld_ledger_item_get_created_at            (LdLedgerItem *self);
gint64          ld_ledger_item_get_updated_at            (LdLedgerItem *self);
/* Whether the fields may still change: active and not signed off. */
gboolean        ld_ledger_item_is_editable               (LdLedgerItem *self);
/* The translated label of a field name of the item's history (the
 * ledger_items columns, "progress", "attachment.name" …), or NULL. */
const char     *ld_ledger_item_field_get_label           (const char   *field);

/* What a caller fills in to add or change a ledger item. Strings are owned
 * (NULL = ""). The status, completion, acceptance and sign-off are not
 * here: they change through the repository's moves. */
typedef struct
{
  gint64  unit_id;             /* the responsible unit, required */
  char   *source;              /* ld_ledger_sources() code or its label */
  char   *source_ref;
  gint64  recommendation_id;   /* 0 = none; with it the source is "recommendation" */
  char   *problem;             /* required */
  char   *measures;
  char   *standard;
  char   *leader;
  char   *person;
  char   *deadline;            /* "YYYY-MM-DD" or "" */
  char   *note;
} LdLedgerItemSpec;

void            ld_ledger_item_spec_init                 (LdLedgerItemSpec *spec);
void            ld_ledger_item_spec_clear                (LdLedgerItemSpec *spec);
/* Initialises SPEC with everything of ITEM, for an edit. */
void            ld_ledger_item_spec_init_from_item       (LdLedgerItemSpec *spec,
                                                          LdLedgerItem     *item);
/* Replaces a string member: ld_ledger_item_spec_set (&spec.problem, "…"). */
void            ld_ledger_item_spec_set                  (char            **member,
                                                          const char       *value);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdLedgerItemSpec, ld_ledger_item_spec_clear)

/* Pure validation: a unit; a known source; a problem; a deadline that is
 * a real date or empty; texts within their lengths. On failure sets
 * LD_ERROR_INVALID and, if bad_key is not NULL, the property name of the
 * first bad field ("unit-id", "source", "problem", "deadline" …). */
gboolean        ld_ledger_item_spec_validate             (const LdLedgerItemSpec *spec,
                                                          char                  **bad_key,
                                                          GError                **error);

/* One progress entry (阶段进度) of a ledger item. */
typedef struct
{
  gint64  id;
  gint64  item_id;
  char   *progress_date;       /* "YYYY-MM-DD" */
  char   *note;
  char   *account;
  gint64  created_at;
} LdLedgerProgress;

void            ld_ledger_progress_free                  (LdLedgerProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdLedgerProgress, ld_ledger_progress_free)

G_END_DECLS
