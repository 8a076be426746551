/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rules/ld-measure-tables.h"

G_BEGIN_DECLS

/* Where a measure came from (measures.source_type): "" none, or one of
 * these record types; source_id is then that record's number. */
#define LD_MEASURE_SOURCE_CLUE     "clue"
#define LD_MEASURE_SOURCE_PETITION "petition"
#define LD_MEASURE_SOURCE_TALK     "talk"

/* The stored effect end of a permanent or open-ended period. */
#define LD_MEASURE_EFFECT_PERMANENT "9999-12-31"

/* The longest 留党察看 extension in months. */
#define LD_MEASURE_MAX_EXTENSION_MONTHS 12

#define LD_TYPE_MEASURE (ld_measure_get_type ())
G_DECLARE_FINAL_TYPE (LdMeasure, ld_measure, LD, MEASURE, GObject)

/* One measure of the register (处分处理, DOMAIN.md §1.2, §2) as read from
 * the vault. Read-only properties:
 *   "id", "cadre-id", "unit-id", "source-id", "replaced-by", "replaces"
 *   (int64; 0 = none),
 *   "reg-no" ("2026-M0001"), "cadre-name", "unit-name" (the unit it is
 *   registered under: the cadre's unit on registration),
 *   "code" (ld-measure-tables.h code, "P1"), "code-label" (translated),
 *   "form" (int 1..4, the current form: the administrator's override or
 *   the code table's default), "form-label" (translated, 第一种形态),
 *   "category" ("edu", "party", "gov", "org", "account", "criminal"),
 *   "category-label" (translated),
 *   "decision-date", "effective-date" ("YYYY-MM-DD"), "authority",
 *   "doc-no", "source-type" ("", "clue", "petition", "talk"),
 *   "source-label" (translated, "问题线索 2026-X0003"; "" without a source),
 *   "categories" (violation categories, codes separated by commas),
 *   "facts", "accountability" (boolean: given as 问责),
 *   "extension-months" (int), "status" ("in-force", "lifted", "changed",
 *   "revoked"), "status-label" (translated), "status-date" ("" while in
 *   force), "replaced-by-reg-no", "replaces-reg-no" ("" = none),
 *   "effect-end" (stored: "" no effect period, "9999-12-31" permanent or
 *   open-ended, else the first free day "YYYY-MM-DD"),
 *   "effect-end-label" (translated: "—", "permanent", or the date),
 *   "post-level", "groups" (the cadre's post level and key groups
 *   "top,young,new,key" on the decision date),
 *   "account" (who registered it), "retired-at" (int64, 0 = active),
 *   "retired-reason", "created-at", "updated-at" (unix seconds). */
gint64       ld_measure_get_id                 (LdMeasure *self);
const char  *ld_measure_get_reg_no             (LdMeasure *self);
gint64       ld_measure_get_cadre_id           (LdMeasure *self);
const char  *ld_measure_get_cadre_name         (LdMeasure *self);
gint64       ld_measure_get_unit_id            (LdMeasure *self);
const char  *ld_measure_get_unit_name          (LdMeasure *self);
const char  *ld_measure_get_code               (LdMeasure *self);
const char  *ld_measure_get_code_label         (LdMeasure *self);
int          ld_measure_get_form               (LdMeasure *self);
const char  *ld_measure_get_form_label         (LdMeasure *self);
LdMeasureCategory ld_measure_get_category      (LdMeasure *self);
const char  *ld_measure_get_category_code      (LdMeasure *self);
const char  *ld_measure_get_category_label     (LdMeasure *self);
const char  *ld_measure_get_decision_date      (LdMeasure *self);
const char  *ld_measure_get_effective_date     (LdMeasure *self);
const char  *ld_measure_get_authority          (LdMeasure *self);
const char  *ld_measure_get_doc_no             (LdMeasure *self);
const char  *ld_measure_get_source_type        (LdMeasure *self);
gint64       ld_measure_get_source_id          (LdMeasure *self);
const char  *ld_measure_get_source_label       (LdMeasure *self);
const char  *ld_measure_get_categories         (LdMeasure *self);
const char  *ld_measure_get_facts              (LdMeasure *self);
gboolean     ld_measure_get_accountability     (LdMeasure *self);
int          ld_measure_get_extension_months   (LdMeasure *self);
LdMeasureStatus ld_measure_get_status          (LdMeasure *self);
const char  *ld_measure_get_status_code        (LdMeasure *self);
const char  *ld_measure_get_status_label       (LdMeasure *self);
const char  *ld_measure_get_status_date        (LdMeasure *self);
gint64       ld_measure_get_replaced_by        (LdMeasure *self);
const char  *ld_measure_get_replaced_by_reg_no (LdMeasure *self);
gint64       ld_measure_get_replaces           (LdMeasure *self);
const char  *ld_measure_get_replaces_reg_no    (LdMeasure *self);
const char  *ld_measure_get_effect_end         (LdMeasure *self);
const char  *ld_measure_get_effect_end_label   (LdMeasure *self);
const char  *ld_measure_get_post_level         (LdMeasure *self);
const char  *ld_measure_get_groups             (LdMeasure *self);
const char  *ld_measure_get_account            (LdMeasure *self);
gint64       ld_measure_get_retired_at         (LdMeasure *self);
const char  *ld_measure_get_retired_reason     (LdMeasure *self);
gint64       ld_measure_get_created_at         (LdMeasure *self);
gint64       ld_measure_get_updated_at         (LdMeasure *self);

/* Whether the measure's stored effect period covers DATE (effective date
 * ≤ date < effect end; a permanent one from its effective date on). FALSE
 * for a retired or revoked measure and one without an effect period. */
gboolean     ld_measure_in_effect_on           (LdMeasure   *self,
                                                const GDate *date);
/* Whether it counts in the statistics: active and not changed or revoked
 * on appeal (its replacement counts instead). */
gboolean     ld_measure_counts                 (LdMeasure   *self);

/* The translated label of a field name of the measure's history (the
 * before/after texts of ld_measure_repository_versions(): "code",
 * "decision_date", "status" …), or NULL for an unknown name. */
const char  *ld_measure_field_get_label        (const char  *field);
/* The translated name of a source record type ("clue" → 问题线索). */
const char  *ld_measure_source_type_get_label  (const char  *source_type);

/* What a caller fills in to register or change a measure. Strings are
 * owned (NULL = ""); dates are typed "YYYY-MM-DD" (normalised by the
 * repository). The form, category, effect end, post level and groups are
 * not here: the repository computes them. */
typedef struct
{
  gint64    cadre_id;
  char     *code;              /* ld-measure-tables.h code (or its Chinese name) */
  char     *decision_date;
  char     *effective_date;    /* "" = the decision date */
  char     *authority;
  char     *doc_no;
  char     *source_type;       /* "", "clue", "petition", "talk" */
  gint64    source_id;         /* 0 with source_type "" */
  char     *categories;        /* violation categories, codes separated by commas */
  char     *facts;
  gboolean  accountability;
  int       extension_months;  /* 留党察看 only, 0..12 */
} LdMeasureSpec;

void         ld_measure_spec_init              (LdMeasureSpec   *spec);
void         ld_measure_spec_clear             (LdMeasureSpec   *spec);
/* Initialises SPEC with everything of MEASURE, for an edit. */
void         ld_measure_spec_init_from_measure (LdMeasureSpec   *spec,
                                                LdMeasure       *measure);
/* Replaces a string member: ld_measure_spec_set (&spec.doc_no, "…"). */
void         ld_measure_spec_set               (char           **member,
                                                const char      *value);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdMeasureSpec, ld_measure_spec_clear)

/* Pure validation: a cadre; a known code; decision date a real date and
 * the effective date (when given) a real date not before it; source type
 * one of the known ones with a record number (or none at all); extension
 * only for 留党察看 (P4A, P4B) and at most 12 months; texts within their
 * lengths. On failure sets LD_ERROR_INVALID and, if bad_key is not NULL,
 * the property name of the first bad field ("cadre-id", "code",
 * "decision-date", "effective-date", "source-type", "source-id",
 * "extension-months", "authority", "doc-no", "categories", "facts"). */
gboolean     ld_measure_spec_validate          (const LdMeasureSpec  *spec,
                                                char                **bad_key,
                                                GError              **error);

/* One event of a measure (measure_events), oldest first. */
typedef struct
{
  gint64  id;
  gint64  measure_id;
  char   *event_date;        /* "YYYY-MM-DD" */
  char   *kind;              /* ld_measure_event_kinds() */
  char   *kind_label;        /* translated */
  char   *note;
  gint64  new_measure_id;    /* appeal-changed: the new decision, else 0 */
  char   *new_reg_no;        /* its registration number, "" */
  char   *account;
  gint64  created_at;
} LdMeasureEvent;

void         ld_measure_event_free             (LdMeasureEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMeasureEvent, ld_measure_event_free)

/* One line of the form table (ld_measure_repository_list_forms()). */
typedef struct
{
  char              *code;
  char              *label;          /* translated name of the code */
  LdMeasureCategory  category;
  int                default_form;   /* the code table's */
  int                form;           /* current: the override or the default */
  gboolean           overridden;     /* an administrator's override is stored */
  gboolean           disputed;       /* the sources differ (government 降级) */
  char              *source;         /* the regulation cited by the code table */
  char              *reason;         /* the override's reason, "" */
  char              *account;        /* who set it, "" */
  gint64             changed_at;     /* when, 0 */
} LdMeasureFormRow;

void         ld_measure_form_row_free          (LdMeasureFormRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMeasureFormRow, ld_measure_form_row_free)

G_END_DECLS
