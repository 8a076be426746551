/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "records/ld-opinion.h"

G_BEGIN_DECLS

/* Integrity-opinion requests (征求党风廉政意见) and replies, DOMAIN.md §7.
 *
 * A request belongs to a unit (opinion_requests.unit_id, by default the unit
 * of its first cadre); it is visible only in the session's unit scopes
 * (others are "not found"), and each of its cadres must be in the session's
 * scopes and in the request unit's subtree. LD_ACTION_RECORD_READ to read,
 * LD_ACTION_RECORD_WRITE to register, change, check and decide,
 * LD_ACTION_RECORD_APPROVE (a leader) to approve. Each change is one
 * transaction with a version in the record history (record_versions, type
 * LD_RECORD_TYPE_OPINION, the request's record number; item changes are
 * versions of their request with fields "item.<cadre id>.<column>") and an
 * audit entry (object "opinion", the request's number). Requests are never
 * deleted: they are retired with a reason; a retired request is read-only.
 * Once an item is approved it is final: it cannot be checked, decided or
 * removed again (a fresh check needs a new request). Registration numbers
 * are "<year of the request date>-Y<4 digits>". */

#define LD_RECORD_TYPE_OPINION "opinion"

#define LD_AUDIT_OPINION_REQUEST "opinion.request"   /* created, changed, cadres added/removed, retired */
#define LD_AUDIT_OPINION_CHECK   "opinion.check"
#define LD_AUDIT_OPINION_DECIDE  "opinion.decide"    /* confirmed or changed */
#define LD_AUDIT_OPINION_APPROVE "opinion.approve"
#define LD_AUDIT_OPINION_LETTER  "opinion.letter"    /* written by brief/ld-opinion-letter.c */

/* --- Requests ----------------------------------------------------------------------- */

/* Validates (ld_opinion_request_spec_validate()), checks the unit and every
 * cadre (active, in scope, in the unit's subtree; duplicates merged) and
 * stores the request with one item per cadre. */
gboolean     ld_opinion_repository_create_request (LdVault                    *vault,
                                                   const LdOpinionRequestSpec *spec,
                                                   gint64                     *out_id,
                                                   char                      **out_reg_no,
                                                   GError                    **error);
/* Replaces the request's fields with SPEC (its cadre_ids are ignored). The
 * unit may only change while no cadre falls outside the new unit's subtree.
 * Nothing changed = nothing written. */
gboolean     ld_opinion_repository_update_request (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   const LdOpinionRequestSpec *spec,
                                                   GError                    **error);
gboolean     ld_opinion_repository_retire_request (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   const char                 *reason,
                                                   GError                    **error);
/* Adds cadres (already listed ones are skipped; each must be active and in
 * scope, else nothing is added). *out_added (may be NULL) gets how many were
 * new. A replied request becomes open again when a cadre is added. */
gboolean     ld_opinion_repository_add_cadres     (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   const gint64               *cadre_ids,
                                                   guint                       n_cadres,
                                                   guint                      *out_added,
                                                   GError                    **error);
/* Removes a cadre's item; refused once it is approved. */
gboolean     ld_opinion_repository_remove_cadre   (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   gint64                      cadre_id,
                                                   GError                    **error);

LdOpinionRequest *ld_opinion_repository_get_request (LdVault                  *vault,
                                                     gint64                    request_id,
                                                     GError                  **error);

/* What ld_opinion_repository_list_requests() returns. Strings are borrowed. */
typedef struct
{
  gint64       unit_id;          /* 0 = every unit in scope */
  gboolean     with_subunits;    /* with unit_id: also its sub-units (default TRUE) */
  const char  *status;           /* NULL = any, "open", "replied" */
  int          year;             /* 0 = any; else request dates in that year */
  const char  *text;             /* NULL or "": any; else found in the registration
                                  * number, requester, document number, note or the
                                  * names of the cadres */
  gboolean     include_retired;
  guint        offset;
  guint        limit;            /* 0 = no limit */
} LdOpinionRequestFilter;

void         ld_opinion_request_filter_init       (LdOpinionRequestFilter       *filter);
/* Newest request date first (then the latest registered first).
 * LdOpinionRequest objects. */
GPtrArray   *ld_opinion_repository_list_requests  (LdVault                      *vault,
                                                   const LdOpinionRequestFilter *filter,
                                                   GError                      **error);
gboolean     ld_opinion_repository_count_requests (LdVault                      *vault,
                                                   const LdOpinionRequestFilter *filter,
                                                   guint                        *out_count,
                                                   GError                      **error);
/* The items of a request in the order added. LdOpinionItem objects. */
GPtrArray   *ld_opinion_repository_list_items     (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   GError                    **error);
LdOpinionItem *ld_opinion_repository_get_item     (LdVault                    *vault,
                                                   gint64                      item_id,
                                                   GError                    **error);
/* The items of one cadre over every active request (the cadre's file,
 * section M), newest request first. The cadre must be in scope. */
GPtrArray   *ld_opinion_repository_list_for_cadre (LdVault                    *vault,
                                                   gint64                      cadre_id,
                                                   GError                    **error);
/* The history of a request and its items, oldest first (LdCadreVersion). */
GPtrArray   *ld_opinion_repository_versions       (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   GError                    **error);

/* --- The organisation department's list ------------------------------------------------ */

typedef enum
{
  LD_OPINION_UNMATCHED_NOT_ON_FILE,   /* no active cadre has this ID number */
  LD_OPINION_UNMATCHED_OUT_OF_SCOPE,  /* a cadre outside the session's (or the request unit's) scope */
  LD_OPINION_UNMATCHED_INVALID_ID,    /* empty or not a valid ID number */
  LD_OPINION_UNMATCHED_DUPLICATE,     /* the same cadre on an earlier row */
} LdOpinionUnmatchedWhy;

/* The translated reason, e.g. "no cadre on file has this ID number". */
const char  *ld_opinion_unmatched_why_get_label   (LdOpinionUnmatchedWhy why);

typedef struct
{
  guint                  row_number;   /* as Excel shows it */
  char                  *name;         /* as written in the file ("" if none) */
  char                  *id_number;    /* as written in the file */
  LdOpinionUnmatchedWhy  why;
} LdOpinionUnmatchedRow;

typedef struct
{
  GArray     *cadre_ids;   /* gint64: the matched cadres, in file order, no duplicates */
  GPtrArray  *unmatched;   /* LdOpinionUnmatchedRow, in file order */
  guint       n_rows;      /* data rows read (below the header) */
  char       *sha256;      /* of the file */
} LdOpinionCadreMatch;

void         ld_opinion_cadre_match_free          (LdOpinionCadreMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdOpinionCadreMatch, ld_opinion_cadre_match_free)

/* Reads the list (xlsx or csv, ld_table_read_file()): the header row is the
 * first row within the first 10 that has an ID-number column (身份证号,
 * 公民身份号码, 身份证号码, 身份证) and, if any, a name column (姓名); each row
 * below it is matched by ID number against the active cadres visible to the
 * session and, when UNIT_ID is not 0, in that unit's subtree. Nothing is
 * stored. Fails (LD_ERROR_INVALID) for a file that cannot be read or has no
 * ID-number column. */
LdOpinionCadreMatch *ld_opinion_repository_match_file (LdVault              *vault,
                                                       const char           *path,
                                                       gint64                unit_id,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
/* Matches the file against the request's unit and adds the matched cadres
 * (ld_opinion_repository_add_cadres()); the unmatched rows are only
 * reported. All or nothing: when the file cannot be read or the adding
 * fails nothing is added. *out_match (may be NULL) gets the match. */
gboolean     ld_opinion_repository_import_cadres  (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   const char                 *path,
                                                   LdOpinionCadreMatch       **out_match,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);

/* --- Checking ------------------------------------------------------------------------ */

/* One reason of a check. */
typedef struct
{
  LdOpinionFactKind  kind;          /* LD_N_OPINION_FACTS for "nothing found" */
  char              *record_type;   /* "petition", "clue", "measure", "entry", "" */
  gint64             record_id;
  char              *text;          /* translated */
} LdOpinionReason;

/* The outcome of checking one cadre. */
typedef struct
{
  gint64      cadre_id;
  char       *cadre_name;
  char       *id_number;
  char       *unit_name;
  char       *post;
  char       *as_of;       /* "YYYY-MM-DD" */
  LdOpinion   proposal;
  GPtrArray  *reasons;     /* LdOpinionReason, most severe first, at least one */
} LdOpinionCheck;

void         ld_opinion_check_free                (LdOpinionCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdOpinionCheck, ld_opinion_check_free)

/* Gathers the facts about a cadre in scope from the records as of AS_OF
 * (NULL = today) and proposes an opinion (ld_opinion_propose()): open
 * petitions naming the cadre; the cadre's clues by status and disposal
 * (pending, held, talk-letter / verification under way, case open; closed
 * as founded without a measure; closed as unfounded or partly founded);
 * measures in their effect period on AS_OF (accountability ones as 问责),
 * ended ones, form-one ones without a period; personal-matters findings
 * (漏报 / 瞒报) of the last LD_OPINION_RECENT_MONTHS; closed petitions.
 * Records count as they stood on AS_OF (received / effective by then, a
 * record closed later counts as open). Petitions, clues and measures are
 * read in the session's scopes like everywhere else: an account that
 * answers requests needs the scope of the units that register them.
 * Stores nothing; needs LD_ACTION_RECORD_READ. */
LdOpinionCheck *ld_opinion_repository_check_cadre (LdVault                    *vault,
                                                   gint64                      cadre_id,
                                                   const GDate                *as_of,
                                                   GError                    **error);
/* Checks one item (or every item of a request that is not approved yet)
 * and stores the proposal, the reasons and the checked date. A new check
 * clears an earlier decision of the item (it was taken on other facts). */
gboolean     ld_opinion_repository_check_item     (LdVault                    *vault,
                                                   gint64                      item_id,
                                                   const GDate                *as_of,
                                                   GError                    **error);
gboolean     ld_opinion_repository_check_request  (LdVault                    *vault,
                                                   gint64                      request_id,
                                                   const GDate                *as_of,
                                                   GError                    **error);

/* --- Deciding and approving ------------------------------------------------------------ */

/* "One click per cadre": takes a checked item's proposal as the decision
 * and writes the reply text. */
gboolean     ld_opinion_repository_confirm        (LdVault                    *vault,
                                                   gint64                      item_id,
                                                   GError                    **error);
/* Sets the decision of a checked item; a decision other than the proposal
 * (ld_opinion_change_needs_reason()) is refused without a reason
 * (LD_ERROR_INVALID). */
gboolean     ld_opinion_repository_decide         (LdVault                    *vault,
                                                   gint64                      item_id,
                                                   LdOpinion                   decision,
                                                   const char                 *reason,
                                                   GError                    **error);
/* A leader approves a decided item, or every decided item of a request not
 * approved yet (refused while an item of it is undecided): approved_by the
 * session's account, approved_date DATE (NULL = today) and valid_until
 * ld_opinion_valid_until (date, LD_OPINION_VALIDITY_MONTHS). When every
 * item of the request is approved it becomes "replied" on that date. */
gboolean     ld_opinion_repository_approve_item   (LdVault                    *vault,
                                                   gint64                      item_id,
                                                   const GDate                *date,
                                                   GError                    **error);
gboolean     ld_opinion_repository_approve_request (LdVault                   *vault,
                                                    gint64                     request_id,
                                                    const GDate               *date,
                                                    GError                   **error);

G_END_DECLS
