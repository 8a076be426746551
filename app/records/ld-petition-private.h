/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-petition-repository.h"

G_BEGIN_DECLS

/* For the repository: builds a petition from stored values. The reporter
 * strings given here are the MASKED forms. */
typedef struct
{
  gint64       id;
  const char  *reg_no;
  gint64       unit_id;
  const char  *unit_name;
  const char  *units_text;
  const gint64 *unit_ids;
  guint        n_unit_ids;
  const char  *kind;
  const char  *channel;
  const char  *received_date;
  gboolean     real_name;
  const char  *reporter_masked;
  const char  *reporter_unit_masked;
  const char  *reporter_contact_masked;
  const char  *reporter_address_masked;
  const char  *categories;
  const char  *summary;
  const char  *full_text;
  const char  *routing;
  const char  *routed_to;
  const char  *routed_date;
  const char  *status;
  gint64       repeat_of;
  const char  *repeat_of_reg_no;
  guint        n_repeats;
  const char  *accept_notice_date;
  const char  *closed_date;
  const char  *result;
  const char  *feedback_date;
  const char  *feedback_mode;
  const char  *objection_note;
  GPtrArray   *persons;          /* LdPetitionPerson, taken */
  gint64       retired_at;
  const char  *retired_reason;
  gint64       created_at;
  gint64       updated_at;
} LdPetitionData;

LdPetition  *_ld_petition_new              (const LdPetitionData *data);

/* Validates like ld_petition_spec_validate() and fills OUT (initialised
 * here) with the stored forms: codes, normalised dates and categories,
 * trimmed texts, persons without duplicates, units without duplicates
 * (and without the first unit), reporter trimmed (NULL when empty). */
gboolean     _ld_petition_spec_clean       (const LdPetitionSpec *spec,
                                            LdPetitionSpec       *out,
                                            char                **bad_key,
                                            GError              **error);
/* "YYYY-MM-DD" normalised from "YYYY-MM-DD", "YYYY/M/D", "YYYY.M.D" or
 * "YYYYMMDD"; NULL with LD_ERROR_INVALID naming label otherwise; "" for an
 * empty text when not required. */
char        *_ld_petition_clean_date       (const char  *text,
                                            const char  *label,
                                            gboolean     required,
                                            GError     **error);

/* Trimmed reporter fields into *out (NULL when every field is empty);
 * errors name the field, never its value. */
gboolean     _ld_petition_reporter_clean   (const LdReporter     *reporter,
                                            LdReporter          **out,
                                            GError              **error);
/* Trimmed text without control characters (line breaks and tabs allowed
 * when multiline); NULL with LD_ERROR_INVALID naming label otherwise. */
char        *_ld_petition_clean_text       (const char  *text,
                                            const char  *label,
                                            guint        max_chars,
                                            gboolean     required,
                                            gboolean     multiline,
                                            GError     **error);

/* For the ledger importer: inside a transaction the caller opened with
 * _ld_vault_begin() (no permission check: the caller did). Validates the
 * spec, checks the units and cadres are in scope, inserts the petition,
 * its reporter, persons and units with a version of EVENT (an audit event
 * name, e.g. "petition.imported"); appends a per-petition audit entry of
 * EVENT only when AUDIT. reg_no NULL takes the next number of the
 * received date's year; a given one must be unused ("YYYY-NNNN"). */
gboolean     _ld_petition_insert_in_tx     (LdVault              *vault,
                                            const LdPetitionSpec *spec,
                                            const char           *reg_no,
                                            const char           *event,
                                            gboolean              audit,
                                            gint64               *out_id,
                                            char                **out_reg_no,
                                            GError              **error);
/* Inside the caller's transaction: a move like
 * ld_petition_repository_move() (state machine checked, version added,
 * audited only when AUDIT). For importing a ledger's later steps. */
gboolean     _ld_petition_move_in_tx       (LdVault              *vault,
                                            gint64                id,
                                            const LdPetitionMove *move,
                                            gboolean              audit,
                                            GError              **error);

G_END_DECLS
