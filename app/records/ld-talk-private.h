/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-talk.h"

G_BEGIN_DECLS

/* For the talk repository and the ledger importer. */

/* Validates like ld_talk_spec_validate() and fills OUT (initialised here)
 * with the stored forms: type code, normalised dates and time, trimmed
 * texts, talkers and cadres without duplicates (order kept). */
gboolean     _ld_talk_spec_clean          (const LdTalkSpec  *spec,
                                           LdTalkSpec        *out,
                                           char             **bad_key,
                                           GError           **error);

/* Inside a transaction the caller opened with _ld_vault_begin() (and
 * commits or rolls back), without a permission check (the caller did it):
 * validates SPEC, checks every cadre, the unit and the clue are in the
 * session's scopes, gives the registration number, inserts the talk and
 * its persons and adds version 1 with EVENT (LD_AUDIT_TALK_CREATED, or
 * the importer's own event name). Appends a per-talk audit entry of EVENT
 * only when AUDIT (an import audits once for the whole file). *out_id and
 * *out_reg_no may be NULL. */
gboolean     _ld_talk_insert_in_tx        (LdVault           *vault,
                                           const LdTalkSpec  *spec,
                                           const char        *event,
                                           gboolean           audit,
                                           gint64            *out_id,
                                           char             **out_reg_no,
                                           GError           **error);

/* Inside the caller's transaction, no permission check: sets measure_id
 * (0 = none) and, when OUTCOME is not NULL, the outcome of an active talk
 * in scope, with a version and an audit entry (LD_AUDIT_TALK_MEASURE_LINKED). */
gboolean     _ld_talk_link_measure_in_tx  (LdVault           *vault,
                                           gint64             talk_id,
                                           gint64             measure_id,
                                           const char        *outcome,
                                           GError           **error);

/* Builds a talk from its parts (the repository's row reader). Takes
 * nothing: strings are copied. cadre_ids and cadre_names have n_cadres
 * items; talkers is "one name a line". */
LdTalk      *_ld_talk_new                 (gint64             id,
                                           const char        *reg_no,
                                           gint64             unit_id,
                                           const char        *unit_name,
                                           const char        *type,
                                           const char        *talk_date,
                                           const char        *talk_time,
                                           const char        *place,
                                           const char        *talkers,
                                           const char        *recorder,
                                           const char        *reason,
                                           gint64             clue_id,
                                           const char        *clue_reg_no,
                                           const char        *problems,
                                           const char        *explanation,
                                           const char        *attitude,
                                           int                written_required,
                                           const char        *written_due,
                                           const char        *written_received,
                                           const char        *followup_date,
                                           const char        *outcome,
                                           gint64             measure_id,
                                           const gint64      *cadre_ids,
                                           const char * const *cadre_names,
                                           guint              n_cadres,
                                           guint              n_attachments,
                                           const char        *account,
                                           gint64             retired_at,
                                           const char        *retired_reason,
                                           gint64             created_at,
                                           gint64             updated_at);

G_END_DECLS
