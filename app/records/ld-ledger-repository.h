/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-ledger-item.h"

G_BEGIN_DECLS

/* The supervision ledger (整改台账). An item belongs to its responsible
 * unit (ledger_items.unit_id); it is visible only in the session's unit
 * scopes (others are "not found"). LD_ACTION_RECORD_READ to read,
 * LD_ACTION_RECORD_WRITE to change, LD_ACTION_RECORD_APPROVE to sign off
 * (销号). Each change is one transaction with a version in the record
 * history (record_versions, type "ledger") and an audit entry (object
 * "ledger", its record number; the details name the registration number,
 * the version and the changed fields, never their contents). Items are
 * never deleted: they are retired with a reason; a retired or signed-off
 * item is read-only. Registration numbers are "<year of registration>-L<4
 * digits>". Evidence (佐证材料) is attached with
 * ld_attachment_repository_add (vault, "ledger", item_id, path, …).
 *
 * Overdue (逾期) is never stored: an item is overdue on a date when it is
 * active, not signed off, its status is "not-started" or "in-progress",
 * and its deadline is before that date (the supervision board reads the
 * same condition from the table). */

#ifndef LD_RECORD_TYPE_LEDGER
#define LD_RECORD_TYPE_LEDGER "ledger"
#endif

#define LD_AUDIT_LEDGER_CREATED   "ledger.create"
#define LD_AUDIT_LEDGER_UPDATED   "ledger.update"
#define LD_AUDIT_LEDGER_RETIRED   "ledger.retire"
#define LD_AUDIT_LEDGER_PROGRESS  "ledger.progress"
#define LD_AUDIT_LEDGER_STATUS    "ledger.status"
#define LD_AUDIT_LEDGER_COMPLETED "ledger.complete"
#define LD_AUDIT_LEDGER_ACCEPTED  "ledger.accept"
#define LD_AUDIT_LEDGER_SIGNED_OFF "ledger.sign-off"

/* Validates (ld_ledger_item_spec_validate()), checks the unit and the
 * recommendation (when given: active, in scope, not a draft) are in scope,
 * and stores the item as "not-started". *out_id and *out_reg_no may be
 * NULL. */
gboolean      ld_ledger_repository_create        (LdVault                 *vault,
                                                  const LdLedgerItemSpec  *spec,
                                                  gint64                  *out_id,
                                                  char                   **out_reg_no,
                                                  GError                 **error);
/* Replaces every field of SPEC (start from
 * ld_ledger_item_spec_init_from_item()). Refused after sign-off. Nothing
 * changed = nothing written. */
gboolean      ld_ledger_repository_update        (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const LdLedgerItemSpec  *spec,
                                                  GError                 **error);
gboolean      ld_ledger_repository_retire        (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const char              *reason,
                                                  GError                 **error);
LdLedgerItem *ld_ledger_repository_get           (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  GError                 **error);

/* What ld_ledger_repository_list() returns. Strings are borrowed. */
typedef struct
{
  gint64        unit_id;             /* 0 = every unit in scope */
  gboolean      with_subunits;       /* with unit_id: also its sub-units (default TRUE) */
  const char   *status;              /* NULL = any; a stored status, or "overdue" */
  const char   *source;              /* source code or NULL */
  gint64        recommendation_id;   /* 0 = any */
  const char   *text;                /* NULL or "": any; else found in the registration
                                      * number, problem, measures, standard, leader,
                                      * person, source reference or note */
  const char   *due_before;          /* "YYYY-MM-DD" or NULL: items still to do (not signed
                                      * off, "not-started" or "in-progress") with a
                                      * deadline before this date (the due-soon list) */
  const GDate  *as_of;               /* the date "overdue" is judged on; NULL = today */
  gboolean      include_retired;
  guint         offset;
  guint         limit;               /* 0 = no limit */
} LdLedgerFilter;

void          ld_ledger_filter_init              (LdLedgerFilter          *filter);
/* The items matching FILTER (NULL = every active item in scope): items
 * with a deadline first, earliest deadline first, then by registration
 * number. LdLedgerItem objects. */
GPtrArray    *ld_ledger_repository_list          (LdVault                 *vault,
                                                  const LdLedgerFilter    *filter,
                                                  GError                 **error);
/* How many items match FILTER (offset and limit ignored). */
gboolean      ld_ledger_repository_count         (LdVault                 *vault,
                                                  const LdLedgerFilter    *filter,
                                                  guint                   *out_count,
                                                  GError                 **error);
/* The history, oldest first (LdCadreVersion, see ld-cadre-repository.h;
 * fields are the ledger_items columns and "progress"). */
GPtrArray    *ld_ledger_repository_versions      (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  GError                 **error);

/* --- Moves ------------------------------------------------------------------------- */

/* Adds a progress entry (阶段进度) dated DATE ("YYYY-MM-DD", required)
 * with NOTE (required). A "not-started" item moves to "in-progress" in
 * the same transaction. Refused after sign-off. *out_id may be NULL. */
gboolean      ld_ledger_repository_add_progress  (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const char              *date,
                                                  const char              *note,
                                                  gint64                  *out_id,
                                                  GError                 **error);
/* LdLedgerProgress of the item, oldest date first. */
GPtrArray    *ld_ledger_repository_list_progress (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  GError                 **error);
/* Moves the stored status (ld_ledger_can_move(); "overdue" is never a
 * target). Moving away from "done" (reopening) clears the completion
 * date and the acceptance. */
gboolean      ld_ledger_repository_set_status    (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  LdLedgerStatus           status,
                                                  GError                 **error);
/* Records the completion (完成情况, required) on DATE (required) and moves
 * the item to "done" (from any status that may move there). */
gboolean      ld_ledger_repository_complete      (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const char              *date,
                                                  const char              *completion,
                                                  GError                 **error);
/* Records who accepted the work (验收人, required) and the acceptance
 * opinion (验收意见, may be empty). Only a "done" item. */
gboolean      ld_ledger_repository_accept        (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const char              *accepted_by,
                                                  const char              *acceptance,
                                                  GError                 **error);
/* Signs the item off (销号) on DATE (required, not before the completion
 * date) when ld_ledger_can_sign_off() allows it. LD_ACTION_RECORD_APPROVE.
 * Afterwards nothing of the item changes. */
gboolean      ld_ledger_repository_sign_off      (LdVault                 *vault,
                                                  gint64                   item_id,
                                                  const char              *date,
                                                  GError                 **error);

G_END_DECLS
