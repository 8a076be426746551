/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-petition.h"

G_BEGIN_DECLS

/* Petitions and reports (信访举报). Every function works only inside the
 * session's unit scopes through the petition's unit (others are "not
 * found"); reading needs LD_ACTION_RECORD_READ, changing
 * LD_ACTION_RECORD_WRITE. Every change is one transaction with a version
 * (record_versions, LD_RECORD_TYPE_PETITION) and an audit entry; a refusal
 * writes nothing. Petitions are never deleted: they are retired with a
 * reason, and a retired petition cannot be changed.
 *
 * Reporter protection (DOMAIN.md 3.5, SECURITY.md §3.6): the identity is
 * kept in table reporters; every LdPetition returned holds masked forms
 * only; versions and audit entries say "reporter changed", never the
 * values; text filters never look at the reporter; the list for a
 * reported cadre holds no reporter field at all. Only
 * ld_petition_repository_reveal_reporter() reads the identity. */

#define LD_AUDIT_PETITION_CREATED           "petition.created"
#define LD_AUDIT_PETITION_UPDATED           "petition.updated"
#define LD_AUDIT_PETITION_MOVED             "petition.moved"
#define LD_AUDIT_PETITION_FEEDBACK          "petition.feedback"
#define LD_AUDIT_PETITION_REPEAT            "petition.repeat_marked"
#define LD_AUDIT_PETITION_RETIRED           "petition.retired"
#define LD_AUDIT_PETITION_REPORTER_CHANGED  "petition.reporter_changed"
#define LD_AUDIT_PETITION_REPORTER_REVEALED "petition.reporter_revealed"

typedef enum
{
  LD_PETITION_REPEATS_ANY,    /* first reports and repeats */
  LD_PETITION_REPEATS_ONLY,   /* confirmed repeats only */
  LD_PETITION_REPEATS_NONE,   /* without the repeats */
} LdPetitionRepeats;

typedef struct
{
  gint64             unit_id;        /* 0 = every visible unit; else this unit and the units below it
                                      * (the first unit or any further unit concerned) */
  const char        *status;         /* status code, NULL = any */
  int                year;           /* year of the received date, 0 = any */
  const char        *date_from;      /* received on or after "YYYY-MM-DD", NULL = any */
  const char        *date_to;        /* received on or before, NULL = any */
  const char        *kind;           /* kind code, NULL = any */
  const char        *channel;        /* channel code, NULL = any */
  gint64             cadre_id;       /* reported this cadre, 0 = any */
  LdPetitionRepeats  repeats;
  const char        *text;           /* substring of the registration number, summary, full text or the
                                      * persons reported (never the reporter); NULL = any */
  gboolean           include_retired;
  guint              offset;
  guint              limit;          /* 0 = no limit */
} LdPetitionFilter;

/* What a move along the state machine (ld_petition_status_can_move())
 * carries. Zero-initialise and set what the target status needs:
 *   accepted      date = the day the acceptance notice went to a real-name
 *                 reporter (optional; ld_petition_repository_set_accept_notice
 *                 sets it later)
 *   routed        routing = "up" or "down" (default: the stored routing
 *                 when not local), routed_to (default: the stored one;
 *                 required), date = routed date (required)
 *   filed         (repeat or no substance) nothing
 *   not-accepted  nothing
 *   closed        date = closing date (required), result = clue-result
 *                 code (required)
 * An illegal move fails with the state machine's message. */
typedef struct
{
  const char *status;
  const char *date;
  const char *routing;
  const char *routed_to;
  const char *result;
} LdPetitionMove;

/* Registers a petition with its reporter (when spec->reporter is set) and
 * persons; the registration number is the next of the received date's
 * year ("2026-0001"). *out_id and *out_reg_no (may be NULL) get them. */
gboolean     ld_petition_repository_create   (LdVault               *vault,
                                              const LdPetitionSpec  *spec,
                                              gint64                *out_id,
                                              char                 **out_reg_no,
                                              GError               **error);
/* Replaces the petition's fields, persons and units with spec (the
 * reporter is left alone; the registration number and the status do not
 * change). Writes nothing when nothing changed. */
gboolean     ld_petition_repository_update   (LdVault               *vault,
                                              gint64                 id,
                                              const LdPetitionSpec  *spec,
                                              GError               **error);
/* Replaces the reporter's identity (NULL or empty clears it). Needs
 * LD_ACTION_RECORD_WRITE only; the version and the audit entry say
 * "reporter changed" and nothing else. */
gboolean     ld_petition_repository_set_reporter (LdVault           *vault,
                                                  gint64             id,
                                                  const LdReporter  *reporter,
                                                  GError           **error);
gboolean     ld_petition_repository_move     (LdVault               *vault,
                                              gint64                 id,
                                              const LdPetitionMove  *move,
                                              GError               **error);
/* Sets (or corrects) the date the acceptance notice was sent to the
 * real-name reporter, once the petition is accepted. */
gboolean     ld_petition_repository_set_accept_notice (LdVault      *vault,
                                                       gint64        id,
                                                       const char   *date,
                                                       GError      **error);
/* Records the feedback to the real-name reporter after closing: date
 * (required, not before the closing date), mode (how: "phone", "letter",
 * "in person" … free text, required), objection note (may be NULL). */
gboolean     ld_petition_repository_set_feedback (LdVault           *vault,
                                                  gint64             id,
                                                  const char        *date,
                                                  const char        *mode,
                                                  const char        *objection_note,
                                                  GError           **error);
gboolean     ld_petition_repository_retire   (LdVault               *vault,
                                              gint64                 id,
                                              const char            *reason,
                                              GError               **error);

LdPetition  *ld_petition_repository_get      (LdVault               *vault,
                                              gint64                 id,
                                              GError               **error);
/* The petition with this registration number ("2026-0001") in scope,
 * retired ones included; LD_ERROR_NOT_FOUND otherwise. */
LdPetition  *ld_petition_repository_find_by_reg_no (LdVault         *vault,
                                                    const char      *reg_no,
                                                    GError         **error);
/* LdPetition objects, newest received first (then newest registration). */
GPtrArray   *ld_petition_repository_list     (LdVault               *vault,
                                              const LdPetitionFilter *filter,
                                              GError               **error);
/* The number of petitions matching filter (offset and limit ignored). */
gboolean     ld_petition_repository_count    (LdVault               *vault,
                                              const LdPetitionFilter *filter,
                                              gint64                *count,
                                              GError               **error);
/* The active petitions reporting a cadre, newest first, for the cadre's
 * file: no reporter field at all (reporter-masked "", not even masked;
 * no objection note). */
GPtrArray   *ld_petition_repository_list_for_cadre (LdVault         *vault,
                                                    gint64           cadre_id,
                                                    GError         **error);

/* Repeat reports (重复件). Candidates are the active visible petitions
 * sharing a reported person with the spec (the same cadre, or the same
 * name of a person not on file) whose summary and full text are similar
 * (ld_text_similarity() ≥ LD_REPEAT_SIMILARITY), best first. exclude_id
 * (0 = none) is left out. When out_scores is not NULL it gets a GArray of
 * double, the similarity of each candidate. */
GPtrArray   *ld_petition_repository_repeat_candidates_for_spec (LdVault              *vault,
                                                                const LdPetitionSpec *spec,
                                                                gint64                exclude_id,
                                                                GArray              **out_scores,
                                                                GError              **error);
/* The same for a stored petition (itself and its own repeats left out). */
GPtrArray   *ld_petition_repository_repeat_candidates (LdVault     *vault,
                                                       gint64       id,
                                                       GArray     **out_scores,
                                                       GError     **error);
/* Confirms that id repeats first_id: links it to the first report of
 * first_id's group (repeat_of is always the root, never a chain; repeats
 * of id move to the root too) and moves it to "filed". Refused when the
 * move to filed is illegal, when first_id is id or one of its own
 * repeats, or when the first report was received after id. */
gboolean     ld_petition_repository_mark_repeat (LdVault     *vault,
                                                 gint64       id,
                                                 gint64       first_id,
                                                 GError     **error);
/* The number of active repeats linked to the first report of id's group. */
gboolean     ld_petition_repository_count_repeats (LdVault     *vault,
                                                   gint64       id,
                                                   guint       *count,
                                                   GError     **error);

/* The history, oldest first (LdCadreVersion); the reporter shows only as
 * "reporter=changed". */
GPtrArray   *ld_petition_repository_versions (LdVault               *vault,
                                              gint64                 id,
                                              GError               **error);

/* Reads the reporter's identity: needs the reporter-identity grant
 * (LD_ACTION_REPORTER_IDENTITY, else LD_ERROR_PERMISSION_DENIED) and a
 * non-empty reason (else LD_ERROR_INVALID); the read and the
 * "petition.reporter_revealed" audit entry (with the reason, never the
 * identity) are one transaction. *out is NULL without an error when no
 * identity is stored. */
gboolean     ld_petition_repository_reveal_reporter (LdVault       *vault,
                                                     gint64         id,
                                                     const char    *reason,
                                                     LdReporter   **out,
                                                     GError       **error);

G_END_DECLS
