/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-measure.h"

G_BEGIN_DECLS

/* For the measure repository and the measures importer. */

/* Validates like ld_measure_spec_validate() and fills OUT (initialised
 * here) with the stored forms: the code (a Chinese name resolved), the
 * normalised dates (effective = decision when empty), trimmed texts. */
gboolean     _ld_measure_spec_clean       (const LdMeasureSpec  *spec,
                                           LdMeasureSpec        *out,
                                           char                **bad_key,
                                           GError              **error);

/* Inside a transaction the caller opened with _ld_vault_begin() (and
 * commits or rolls back), without a permission check (the caller did it):
 * validates SPEC, checks the cadre and the source record, gives the
 * registration number, inserts the measure with its computed form,
 * category, post level and groups, recomputes the effect ends of the
 * cadre's measures, links a form-one talk source and adds version 1 with
 * EVENT (LD_AUDIT_MEASURE_CREATED, or the importer's own event name).
 * Appends a per-measure audit entry of EVENT only when AUDIT (an import
 * audits once for the whole file). *out_id and *out_reg_no may be NULL. */
gboolean     _ld_measure_insert_in_tx     (LdVault              *vault,
                                           const LdMeasureSpec  *spec,
                                           const char           *event,
                                           gboolean              audit,
                                           gint64               *out_id,
                                           char                **out_reg_no,
                                           GError              **error);

/* Inside the caller's transaction, without a permission check and
 * without an audit entry (the caller audits; a version is added): what
 * ld_measure_repository_add_event() does. A new decision of
 * "appeal-changed" is inserted without its own audit entry either. */
gboolean     _ld_measure_add_event_in_tx  (LdVault              *vault,
                                           gint64                measure_id,
                                           const char           *kind,
                                           const char           *event_date,
                                           int                   months,
                                           const char           *note,
                                           const LdMeasureSpec  *new_decision,
                                           gint64               *out_new_id,
                                           GError              **error);

/* Builds a measure from its parts (the repository's row reader). Takes
 * nothing: strings are copied. */
LdMeasure   *_ld_measure_new              (gint64       id,
                                           const char  *reg_no,
                                           gint64       cadre_id,
                                           const char  *cadre_name,
                                           gint64       unit_id,
                                           const char  *unit_name,
                                           const char  *code,
                                           int          form,
                                           const char  *category,
                                           const char  *decision_date,
                                           const char  *effective_date,
                                           const char  *authority,
                                           const char  *doc_no,
                                           const char  *source_type,
                                           gint64       source_id,
                                           const char  *source_reg_no,
                                           const char  *categories,
                                           const char  *facts,
                                           gboolean     accountability,
                                           int          extension_months,
                                           const char  *status,
                                           const char  *status_date,
                                           gint64       replaced_by,
                                           const char  *replaced_by_reg_no,
                                           gint64       replaces,
                                           const char  *replaces_reg_no,
                                           const char  *effect_end,
                                           const char  *post_level,
                                           const char  *groups,
                                           const char  *account,
                                           gint64       retired_at,
                                           const char  *retired_reason,
                                           gint64       created_at,
                                           gint64       updated_at);

G_END_DECLS
