/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-talk.h"

G_BEGIN_DECLS

/* Talks (谈话). A talk belongs to a unit (talks.unit_id, by default the
 * unit of the first cadre talked to); it is visible only in the session's
 * unit scopes (others are "not found"), and every cadre talked to must be
 * visible when it is created or changed. LD_ACTION_RECORD_READ to read,
 * LD_ACTION_RECORD_WRITE to change. Each change is one transaction with a
 * version in the record history (record_versions, type "talk") and an
 * audit entry (object "talk", the talk's number; the details name the
 * registration number, the version and the changed fields, never their
 * contents). Talks are never deleted: they are retired with a reason; a
 * retired talk is read-only. Registration numbers are "<year of the talk
 * date>-T<4 digits>", unique and never given twice. */

#define LD_AUDIT_TALK_CREATED "talk.created"
#define LD_AUDIT_TALK_UPDATED "talk.updated"
#define LD_AUDIT_TALK_RETIRED "talk.retired"
/* A measure (issue 5) linked to the talk it came from. */
#define LD_AUDIT_TALK_MEASURE_LINKED "talk.measure-linked"

/* Validates (ld_talk_spec_validate()), checks the cadres, the unit and
 * the clue are in scope, and stores the talk. *out_id (may be NULL) gets
 * its record number, *out_reg_no (may be NULL) its registration number. */
gboolean     ld_talk_repository_create    (LdVault           *vault,
                                           const LdTalkSpec  *spec,
                                           gint64            *out_id,
                                           char             **out_reg_no,
                                           GError           **error);
/* Replaces every field of the talk with SPEC (start from
 * ld_talk_spec_init_from_talk()). The registration number stays, even
 * when the date moves to another year. Nothing changed = nothing written. */
gboolean     ld_talk_repository_update    (LdVault           *vault,
                                           gint64             talk_id,
                                           const LdTalkSpec  *spec,
                                           GError           **error);
gboolean     ld_talk_repository_retire    (LdVault           *vault,
                                           gint64             talk_id,
                                           const char        *reason,
                                           GError           **error);
LdTalk      *ld_talk_repository_get       (LdVault           *vault,
                                           gint64             talk_id,
                                           GError           **error);

/* What ld_talk_repository_list() returns. Strings are borrowed. */
typedef struct
{
  gint64       unit_id;          /* 0 = every unit in scope */
  gboolean     with_subunits;    /* with unit_id: also its sub-units (default TRUE) */
  const char  *type;             /* talk-type code or NULL */
  int          year;             /* 0 = any; else talk dates in that year */
  const char  *date_from;        /* "YYYY-MM-DD" or NULL; inclusive */
  const char  *date_to;          /* "YYYY-MM-DD" or NULL; inclusive */
  gint64       cadre_id;         /* 0 = any */
  gint64       clue_id;          /* 0 = any */
  const char  *text;             /* NULL or "": any; else found in the registration
                                  * number, place, talkers, recorder, reason,
                                  * problems, explanation, attitude, outcome or the
                                  * names of the persons talked to */
  gboolean     include_retired;
  guint        offset;
  guint        limit;            /* 0 = no limit */
} LdTalkFilter;

void         ld_talk_filter_init          (LdTalkFilter      *filter);
/* The talks matching FILTER (NULL = every active talk in scope), newest
 * talk date first (then the latest registered first). LdTalk objects. */
GPtrArray   *ld_talk_repository_list      (LdVault           *vault,
                                           const LdTalkFilter *filter,
                                           GError           **error);
/* How many talks match FILTER (offset and limit ignored). */
gboolean     ld_talk_repository_count     (LdVault           *vault,
                                           const LdTalkFilter *filter,
                                           guint             *out_count,
                                           GError           **error);
/* The talks a cadre was talked to in (the cadre must be in scope), newest
 * first. LdTalk objects. */
GPtrArray   *ld_talk_repository_list_for_cadre (LdVault      *vault,
                                                gint64        cadre_id,
                                                gboolean      include_retired,
                                                GError      **error);
/* The history of a talk, oldest first (LdCadreVersion, see
 * ld-cadre-repository.h; fields are the talks columns, "cadres" holds
 * the cadre numbers separated by commas, "talkers" one name a line). */
GPtrArray   *ld_talk_repository_versions  (LdVault           *vault,
                                           gint64             talk_id,
                                           GError           **error);

/* The link point of the measures issue: records that MEASURE_ID (a
 * measure's record number, 0 to unlink) came from the talk, and the
 * decided measure in OUTCOME (NULL = keep). Refused for a talk whose type
 * produces no first-form measure (ld_talk_type_form () == 0). Versioned
 * and audited like an update. */
gboolean     ld_talk_repository_link_measure (LdVault        *vault,
                                              gint64          talk_id,
                                              gint64          measure_id,
                                              const char     *outcome,
                                              GError        **error);

/* --- Coverage ---------------------------------------------------------------------- */

/* One line of the coverage table: the cadres of one unit (only cadres
 * directly in it; unit_id 0 = the total of every line). */
typedef struct
{
  gint64  unit_id;
  char   *unit_name;               /* "" for the total */
  /* Top leaders (cadres.principal = 1, serving, file not retired) and how
   * many of them had a supervision talk (T_SUPERVISE_TOP) dated in the
   * year. */
  guint   top_leaders;
  guint   top_leaders_talked;
  /* Newly promoted cadres (the category rules' newly-promoted window at
   * the reference date, serving, file not retired) and how many had a
   * pre-appointment integrity talk (T_PREAPPOINT) dated no earlier than
   * LD_TALK_PREAPPOINT_LEAD_MONTHS before the promotion and no later than
   * the reference date. */
  guint   newly_promoted;
  guint   newly_promoted_talked;
  /* Every active talk of the unit's cadres dated in the year, and the
   * cadres talked to at least once in it. */
  guint   talks;
  guint   cadres_talked;
} LdTalkCoverageRow;

/* How long before the promotion date a pre-appointment talk still counts
 * (the public-notice period and the approval come first). */
#define LD_TALK_PREAPPOINT_LEAD_MONTHS 3

void         ld_talk_coverage_row_free    (LdTalkCoverageRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdTalkCoverageRow, ld_talk_coverage_row_free)

/* The coverage of YEAR in the session's scopes: one row per unit that has
 * a top leader, a newly promoted cadre or a talk (by unit name), then the
 * total row (unit_id 0). The reference date is the end of YEAR, or
 * AS_OF when that is earlier (NULL = today). LdTalkCoverageRow. */
GPtrArray   *ld_talk_repository_coverage  (LdVault           *vault,
                                           int                year,
                                           const GDate       *as_of,
                                           GError           **error);

G_END_DECLS
