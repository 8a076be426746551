/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-clue.h"

G_BEGIN_DECLS

/* Problem clues (问题线索, tables clues and clue_steps). Like the other
 * record repositories: only clues whose unit is in the session's scopes
 * (others are "not found"), LD_ACTION_RECORD_READ to read,
 * LD_ACTION_RECORD_WRITE to change; each change is one transaction with a
 * version (record_versions, LD_RECORD_TYPE_CLUE), an audit entry and, for
 * every move, a clue_steps row; clues are never deleted, they are retired
 * with a reason. Statuses move along the clue state machine
 * (ld_clue_status_can_move); an illegal move is refused with its message
 * and nothing is written. A closed or retired clue is read-only (a closed
 * one still takes clearing and free steps). */

#define LD_AUDIT_CLUE_CREATED  "clue.created"
#define LD_AUDIT_CLUE_UPDATED  "clue.updated"
#define LD_AUDIT_CLUE_DISPOSED "clue.disposed"
#define LD_AUDIT_CLUE_CLOSED   "clue.closed"
#define LD_AUDIT_CLUE_CLEARING "clue.clearing"
#define LD_AUDIT_CLUE_REVIEW   "clue.review"
#define LD_AUDIT_CLUE_STEP     "clue.step"
#define LD_AUDIT_CLUE_RETIRED  "clue.retired"

/* Registers a clue from a source other than a petition (status pending,
 * registration number "<year>-X0001" by the year of the received date). */
gboolean     ld_clue_repository_create        (LdVault           *vault,
                                               const LdClueSpec  *spec,
                                               gint64            *out_id,
                                               GError           **error);
/* Registers a clue from a petition that is registered or accepted; a
 * registered petition becomes accepted in the same transaction. The clue
 * takes the petition's channel, received date, unit, first reported person
 * and categories unless spec (may be NULL) gives them. */
gboolean     ld_clue_repository_create_from_petition (LdVault          *vault,
                                                      gint64            petition_id,
                                                      const LdClueSpec *spec,
                                                      gint64           *out_id,
                                                      GError          **error);
/* Changes the description: source, received date, person (cadre or name),
 * summary, categories (NULL or "" strings keep the stored value, except
 * categories: NULL keeps, "" clears). The unit follows a new cadre only
 * when spec->unit_id is 0. */
gboolean     ld_clue_repository_update        (LdVault           *vault,
                                               gint64             clue_id,
                                               const LdClueSpec  *spec,
                                               GError           **error);
/* Records an approved disposal (talk-letter, verify, hold, case; "close"
 * is done with ld_clue_repository_close): the status moves by
 * ld_clue_status_for_disposal; due_date becomes the limit of
 * ld_deadline_disposal (with the vault's rules and calendar) from the
 * approval date, or "" for a disposal without one. approved_by is the
 * approving leader's name as on the approval sheet. A "hold" clears the
 * due date and keeps next_review_date; any other disposal clears it. */
gboolean     ld_clue_repository_dispose       (LdVault      *vault,
                                               gint64        clue_id,
                                               const char   *disposal,
                                               const char   *approved_by,
                                               const char   *approved_date,
                                               const char   *note,
                                               GError      **error);
/* Closes the clue with its result and closing date (and, for an
 * unfounded one, optionally the clearing done). A pending or held clue is
 * closed as 予以了结 (disposal "close"). When the clue came from a
 * petition and was its last open clue, the petition moves to closed with
 * the same date and result in the same transaction. */
gboolean     ld_clue_repository_close         (LdVault      *vault,
                                               gint64        clue_id,
                                               const char   *result,
                                               const char   *closed_date,
                                               const char   *clearing,
                                               const char   *clearing_date,
                                               const char   *note,
                                               GError      **error);
/* Like ld_clue_repository_close(), also recording who approved closing a
 * pending or held clue (予以了结) and when (approved_by and approved_date
 * both given, or both NULL/""; the due date is cleared). A clue being
 * handled closes with its result only: an approval is refused. */
gboolean     ld_clue_repository_close_approved (LdVault    *vault,
                                                gint64      clue_id,
                                                const char *result,
                                                const char *closed_date,
                                                const char *approved_by,
                                                const char *approved_date,
                                                const char *clearing,
                                                const char *clearing_date,
                                                const char *note,
                                                GError    **error);
/* Records the clearing (澄清正名) done for a closed clue whose result is
 * unfounded (both required). */
gboolean     ld_clue_repository_set_clearing  (LdVault      *vault,
                                               gint64        clue_id,
                                               const char   *clearing,
                                               const char   *clearing_date,
                                               GError      **error);
/* The next review date of a held clue ("" or NULL clears it). */
gboolean     ld_clue_repository_set_next_review (LdVault    *vault,
                                                 gint64      clue_id,
                                                 const char *review_date,
                                                 GError    **error);
/* Adds a free handling step ("sent the inquiry letter"). */
gboolean     ld_clue_repository_add_step      (LdVault      *vault,
                                               gint64        clue_id,
                                               const char   *step_date,
                                               const char   *action,
                                               const char   *note,
                                               gint64       *out_id,
                                               GError      **error);
/* The steps, oldest first (by date, then entry order). LdClueStep. */
GPtrArray   *ld_clue_repository_list_steps    (LdVault      *vault,
                                               gint64        clue_id,
                                               GError      **error);
gboolean     ld_clue_repository_retire        (LdVault      *vault,
                                               gint64        clue_id,
                                               const char   *reason,
                                               GError      **error);
LdClue      *ld_clue_repository_get           (LdVault      *vault,
                                               gint64        clue_id,
                                               GError      **error);

/* Filters of ld_clue_repository_list (strings are borrowed). */
typedef struct
{
  gint64       unit_id;        /* 0 = every visible unit; else the unit and its subtree */
  const char  *status;         /* NULL = any; "open" = pending, handling or held */
  const char  *disposal;       /* NULL = any */
  int          year;           /* of the received date, 0 = any */
  gint64       cadre_id;       /* 0 = any */
  gint64       petition_id;    /* 0 = any */
  const char  *overdue_as_of;  /* "YYYY-MM-DD": open clues with due_date before it */
  const char  *text;           /* in reg no, summary, person, approved-by */
  gboolean     include_retired;
  guint        offset;
  guint        limit;          /* 0 = all */
} LdClueFilter;

void         ld_clue_filter_init              (LdClueFilter *filter);
/* Newest received first (then newest registration). LdClue objects. */
GPtrArray   *ld_clue_repository_list          (LdVault            *vault,
                                               const LdClueFilter *filter,
                                               GError            **error);
/* How many clues match (offset and limit ignored). */
gboolean     ld_clue_repository_count         (LdVault            *vault,
                                               const LdClueFilter *filter,
                                               guint              *count,
                                               GError            **error);
/* The active clues about a cadre, newest first (LdClue). */
GPtrArray   *ld_clue_repository_list_for_cadre (LdVault     *vault,
                                                gint64       cadre_id,
                                                GError     **error);
/* The history, oldest first (LdCadreVersion, see ld-record-history.h). */
GPtrArray   *ld_clue_repository_versions      (LdVault      *vault,
                                               gint64        clue_id,
                                               GError      **error);
/* The ids of the active talks serving the clue (talks.clue_id), by talk
 * date; gint64 elements. */
GArray      *ld_clue_repository_list_talk_ids (LdVault      *vault,
                                               gint64        clue_id,
                                               GError      **error);

G_END_DECLS
