/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ld-types.h"
#include "records/ld-ledger-item.h"
#include "records/ld-recommendation.h"

G_BEGIN_DECLS

/* Shared by the ledger and recommendation repositories. */

/* The SELECT list read by _ld_ledger_item_new_from_row(), over
 * "ledger_items l JOIN units u". */
#define LD_LEDGER_COLUMNS \
  "l.id, l.reg_no, l.unit_id, u.name, l.source, l.source_ref, ifnull (l.recommendation_id, 0)," \
  " ifnull ((SELECT r.reg_no FROM recommendations r WHERE r.id = l.recommendation_id), '')," \
  " l.problem, l.measures, l.standard, l.leader, l.person, l.deadline, l.status, l.completion," \
  " l.completed_date, l.accepted_by, l.acceptance, l.signed_off_date, l.note," \
  " (SELECT count(*) FROM ledger_progress p WHERE p.item_id = l.id)," \
  " (SELECT count(*) FROM attachments a WHERE a.owner_type = 'ledger' AND a.owner_id = l.id" \
  "  AND a.retired_at IS NULL)," \
  " l.account, ifnull (l.retired_at, 0), l.retired_reason, l.created_at, l.updated_at"
#define LD_LEDGER_FROM " FROM ledger_items l JOIN units u ON u.id = l.unit_id"

/* THE overdue condition of an item "l" on the date bound to parameter
 * DAY ("?6"), the same as the supervision board's. */
#define LD_LEDGER_OVERDUE_SQL(day) \
  "(l.retired_at IS NULL AND l.signed_off_date = '' AND l.status IN ('not-started', 'in-progress')" \
  " AND l.deadline <> '' AND l.deadline < " day ")"

/* An item still open for closing its recommendation: active, not signed
 * off, not "ongoing". */
#define LD_LEDGER_OPEN_SQL \
  "(l.retired_at IS NULL AND l.signed_off_date = '' AND l.status <> 'ongoing')"

/* The SELECT list read by _ld_recommendation_new_from_row(), over
 * "recommendations r JOIN units u". */
#define LD_RECOMMENDATION_COLUMNS \
  "r.id, r.reg_no, r.unit_id, u.name, r.kind, r.doc_no, r.title, r.problem, r.basis, r.content," \
  " r.source_type, ifnull (r.source_id, 0), r.status, r.issued_date, r.delivered_date, r.reply_due," \
  " r.replied_date, r.reply, r.verified_date, r.closed_date, r.next_visit_date," \
  " (SELECT count(*) FROM ledger_items l WHERE l.recommendation_id = r.id AND l.retired_at IS NULL)," \
  " (SELECT count(*) FROM ledger_items l WHERE l.recommendation_id = r.id AND " LD_LEDGER_OPEN_SQL ")," \
  " (SELECT count(*) FROM ledger_items l WHERE l.recommendation_id = r.id AND " \
  LD_LEDGER_OVERDUE_SQL ("date ('now', 'localtime')") ")," \
  " r.account, ifnull (r.retired_at, 0), r.retired_reason, r.created_at, r.updated_at"
#define LD_RECOMMENDATION_FROM " FROM recommendations r JOIN units u ON u.id = r.unit_id"

LdLedgerItem     *_ld_ledger_item_new_from_row     (sqlite3_stmt *stmt);
LdRecommendation *_ld_recommendation_new_from_row  (sqlite3_stmt *stmt);

/* "YYYY-MM-DD" (also "YYYY/M/D", "YYYY.MM.DD", "YYYYMMDD") in its normal
 * form; "" stays "" unless REQUIRED. NULL with LD_ERROR_INVALID naming
 * LABEL otherwise. */
char             *_ld_ledger_clean_date            (const char   *text,
                                                    const char   *label,
                                                    gboolean      required,
                                                    GError      **error);
/* As _ld_ledger_clean_date() (required), and refusing a date after today:
 * for what has happened (progress, completion, sign-off, the steps and
 * follow-ups of a recommendation), not for deadlines. */
char             *_ld_ledger_clean_past_date       (const char   *text,
                                                    const char   *label,
                                                    GError      **error);
/* Parses a normal "YYYY-MM-DD" into DATE (cleared when empty or bad). */
void              _ld_ledger_parse_date            (const char   *text,
                                                    GDate        *date);

/* The stored forms of a spec (validated like ld_ledger_item_spec_validate()):
 * source code (from a label too; "recommendation" when a recommendation
 * is given and no source), normalised deadline, trimmed texts. */
gboolean          _ld_ledger_item_spec_clean       (const LdLedgerItemSpec *spec,
                                                    LdLedgerItemSpec       *out,
                                                    char                  **bad_key,
                                                    GError                **error);
gboolean          _ld_recommendation_spec_clean    (const LdRecommendationSpec *spec,
                                                    LdRecommendationSpec       *out,
                                                    char                      **bad_key,
                                                    GError                    **error);

/* Inside the caller's transaction, after the permission check: checks
 * the unit and the recommendation are in scope (the recommendation
 * active and issued), gives the registration number, inserts the item
 * with version 1 and an audit entry of EVENT. */
gboolean          _ld_ledger_insert_in_tx          (LdVault                *vault,
                                                    const LdLedgerItemSpec *spec,
                                                    const char             *event,
                                                    gint64                 *out_id,
                                                    char                  **out_reg_no,
                                                    GError                **error);

G_END_DECLS
