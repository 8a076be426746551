/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-measure.h"
#include "rules/ld-effect-periods.h"

G_BEGIN_DECLS

/* The measures register (处分处理). A measure belongs to a cadre and is
 * registered under the cadre's unit (measures.unit_id); it is visible only
 * in the session's unit scopes (others are "not found"), and the cadre
 * must be visible with an active file when it is registered or changed.
 * LD_ACTION_RECORD_READ to read, LD_ACTION_RECORD_WRITE to change; the
 * form table needs LD_ACTION_SETTINGS_CHANGE to change. Each change is one
 * transaction with a version in the record history (record_versions, type
 * "measure") and an audit entry (object "measure", its record number; the
 * details name the registration number, the version and the changed
 * fields, never their contents). Measures are never deleted: they are
 * retired with a reason; a retired measure is read-only. Registration
 * numbers are "<year of the decision date>-M<4 digits>".
 *
 * On every write the repository recomputes with the pure rules the
 * measure's form (override in measure_forms or the code table's default),
 * category, the cadre's post level and groups on the decision date, and
 * the effect end of every measure of the cadre (ld_effect_periods_compute_all():
 * accumulation of government sanctions is kept in step). */

#ifndef LD_RECORD_TYPE_MEASURE
#define LD_RECORD_TYPE_MEASURE "measure"
#endif

#define LD_AUDIT_MEASURE_CREATED "measure.create"
#define LD_AUDIT_MEASURE_UPDATED "measure.update"
#define LD_AUDIT_MEASURE_EVENT   "measure.event"
#define LD_AUDIT_MEASURE_RETIRED "measure.retire"
#define LD_AUDIT_MEASURE_FORM    "measure.form"

/* Validates (ld_measure_spec_validate()), checks the cadre is in scope
 * with an active file and the source record exists in scope and concerns
 * the same cadre (a clue about the cadre, a petition reporting the cadre,
 * a talk with the cadre), and stores the measure. A form-one measure from
 * a talk is linked to the talk (ld_talk_repository_link_measure()) in
 * the same transaction. *out_id and *out_reg_no may be NULL. */
gboolean     ld_measure_repository_create      (LdVault              *vault,
                                                const LdMeasureSpec  *spec,
                                                gint64               *out_id,
                                                char                **out_reg_no,
                                                GError              **error);
/* Replaces every field of the measure with SPEC (start from
 * ld_measure_spec_init_from_measure()). The cadre cannot change (retire
 * the measure and register it anew); the registration number stays.
 * Nothing changed = nothing written. */
gboolean     ld_measure_repository_update      (LdVault              *vault,
                                                gint64                measure_id,
                                                const LdMeasureSpec  *spec,
                                                GError              **error);
/* Retires the measure with a reason (required); the cadre's other
 * measures' effect ends are recomputed without it. */
gboolean     ld_measure_repository_retire      (LdVault              *vault,
                                                gint64                measure_id,
                                                const char           *reason,
                                                GError              **error);
LdMeasure   *ld_measure_repository_get         (LdVault              *vault,
                                                gint64                measure_id,
                                                GError              **error);

/* What ld_measure_repository_list() returns. Strings are borrowed. */
typedef struct
{
  gint64       unit_id;             /* 0 = every unit in scope */
  gboolean     with_subunits;       /* with unit_id: also its sub-units (default TRUE) */
  gint64       cadre_id;            /* 0 = any */
  const char  *date_from;           /* decision date, "YYYY-MM-DD" or NULL; inclusive */
  const char  *date_to;             /* inclusive */
  int          form;                /* 0 = any, else 1..4 (the current form) */
  const char  *category;            /* "party" … or NULL */
  const char  *code;                /* measure code or NULL */
  const char  *status;              /* "in-force" … or NULL */
  gboolean     accountability_only; /* only those given as 问责 */
  const char  *text;                /* NULL or "": any; else found in the registration
                                     * number, the cadre's name, authority, document
                                     * number or facts */
  gboolean     include_retired;
  guint        offset;
  guint        limit;               /* 0 = no limit */
} LdMeasureFilter;

void         ld_measure_filter_init            (LdMeasureFilter      *filter);
/* The measures matching FILTER (NULL = every active measure in scope),
 * newest decision first (then the latest registered first). LdMeasure. */
GPtrArray   *ld_measure_repository_list        (LdVault              *vault,
                                                const LdMeasureFilter *filter,
                                                GError              **error);
/* How many measures match FILTER (offset and limit ignored). */
gboolean     ld_measure_repository_count       (LdVault              *vault,
                                                const LdMeasureFilter *filter,
                                                guint                *out_count,
                                                GError              **error);
/* The measures of a cadre (the cadre must be in scope), newest first. */
GPtrArray   *ld_measure_repository_list_for_cadre (LdVault           *vault,
                                                   gint64             cadre_id,
                                                   gboolean           include_retired,
                                                   GError           **error);
/* The measures with these record numbers in the order given (the
 * four-forms drill-down); numbers not found in scope are left out. */
GPtrArray   *ld_measure_repository_list_by_ids (LdVault              *vault,
                                                const gint64         *ids,
                                                guint                 n_ids,
                                                GError              **error);
/* The history, oldest first (LdCadreVersion, see ld-cadre-repository.h;
 * fields are the measures columns). */
GPtrArray   *ld_measure_repository_versions    (LdVault              *vault,
                                                gint64                measure_id,
                                                GError              **error);

/* --- Events ------------------------------------------------------------------------- */

/* Adds an event of KIND (ld_measure_event_kinds()) on EVENT_DATE to an
 * in-force, active measure, in one transaction:
 *   "lift"           解除: status "lifted" on the date;
 *   "extend"         留党察看 extended by MONTHS (P4A/P4B, total ≤ 12);
 *   "appeal-upheld"  申诉维持: the measure stays;
 *   "appeal-changed" 申诉变更: NEW_DECISION (required, same cadre) is
 *                    registered as a new measure (*out_new_id), the old one
 *                    gets status "changed", replaced_by / replaces linked;
 *   "appeal-revoked" 申诉撤销: status "revoked";
 *   "note"           a note only (allowed on any active measure).
 * The date may not be before the effective date. MONTHS is ignored except
 * for "extend", NEW_DECISION except for "appeal-changed". */
gboolean     ld_measure_repository_add_event   (LdVault              *vault,
                                                gint64                measure_id,
                                                const char           *kind,
                                                const char           *event_date,
                                                int                   months,
                                                const char           *note,
                                                const LdMeasureSpec  *new_decision,
                                                gint64               *out_new_id,
                                                GError              **error);
/* LdMeasureEvent, oldest first. */
GPtrArray   *ld_measure_repository_list_events (LdVault              *vault,
                                                gint64                measure_id,
                                                GError              **error);

/* --- Promotion block -------------------------------------------------------------- */

/* Whether the cadre (in scope) is blocked from promotion or further use on
 * DATE (NULL = today), until when and why (ld_promotion_block_compute()
 * over the cadre's active measures). Fills BLOCK (clear it with
 * ld_promotion_block_clear()). */
gboolean     ld_measure_repository_promotion_block (LdVault          *vault,
                                                    gint64            cadre_id,
                                                    const GDate      *date,
                                                    LdPromotionBlock *block,
                                                    GError          **error);

/* --- The form table ---------------------------------------------------------------- */

/* Every code of ld_measure_codes() in its order with its default and
 * current form (LdMeasureFormRow). Needs LD_ACTION_RECORD_READ, or
 * LD_ACTION_SETTINGS_CHANGE (the system administrator who changes it);
 * so does ld_measure_repository_form_of(). */
GPtrArray   *ld_measure_repository_list_forms  (LdVault              *vault,
                                                GError              **error);
/* The current form of CODE (the override or the default) into *out_form. */
gboolean     ld_measure_repository_form_of     (LdVault              *vault,
                                                const char           *code,
                                                int                  *out_form,
                                                GError              **error);
/* Overrides the form of CODE with FORM (1..4) for a reason (required) and
 * rewrites the form of every measure of that code, in one audited
 * transaction. LD_ACTION_SETTINGS_CHANGE. */
gboolean     ld_measure_repository_set_form    (LdVault              *vault,
                                                const char           *code,
                                                int                   form,
                                                const char           *reason,
                                                GError              **error);
/* Removes the override: CODE counts under its default form again. */
gboolean     ld_measure_repository_reset_form  (LdVault              *vault,
                                                const char           *code,
                                                GError              **error);

G_END_DECLS
