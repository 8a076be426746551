/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LD_TYPE_CLUE (ld_clue_get_type ())
G_DECLARE_FINAL_TYPE (LdClue, ld_clue, LD, CLUE, GObject)

/* One problem clue (问题线索) as read from the vault (table clues).
 * Read-only properties: "id" (int64), "reg-no" ("2026-X0001"), "unit-id"
 * (int64), "unit-name", "source" (channel code, LD_CODE_TABLE_CHANNEL),
 * "source-label" (translated), "petition-id" (int64, 0 = none),
 * "petition-reg-no" ("" = none), "cadre-id" (int64, 0 = not on file),
 * "person" (the cadre's name or the free-text name), "received-date",
 * "summary", "categories" (comma-separated problem-category codes),
 * "status" (LD_CODE_TABLE_CLUE_STATUS), "status-label", "disposal"
 * (LD_CODE_TABLE_DISPOSAL or ""), "disposal-label", "approved-by",
 * "approved-date", "due-date" (the limit of the approved disposal, or ""),
 * "result" (LD_CODE_TABLE_CLUE_RESULT or ""), "result-label",
 * "closed-date", "clearing" (澄清正名 done), "clearing-date",
 * "next-review-date" (held clues), "retired-at" (int64, 0 = active),
 * "retired-reason", "created-at", "updated-at" (int64, Unix seconds).
 * Dates are "YYYY-MM-DD" or "" (not yet); labels are "" for "". */
gint64       ld_clue_get_id               (LdClue *self);
const char  *ld_clue_get_reg_no           (LdClue *self);
gint64       ld_clue_get_unit_id          (LdClue *self);
const char  *ld_clue_get_unit_name        (LdClue *self);
const char  *ld_clue_get_source           (LdClue *self);
const char  *ld_clue_get_source_label     (LdClue *self);
gint64       ld_clue_get_petition_id      (LdClue *self);
const char  *ld_clue_get_petition_reg_no  (LdClue *self);
gint64       ld_clue_get_cadre_id         (LdClue *self);
const char  *ld_clue_get_person           (LdClue *self);
const char  *ld_clue_get_received_date    (LdClue *self);
const char  *ld_clue_get_summary          (LdClue *self);
const char  *ld_clue_get_categories       (LdClue *self);
/* Translated labels of the categories joined with "、" (ld_code_list_format). */
const char  *ld_clue_get_categories_label (LdClue *self);
const char  *ld_clue_get_status           (LdClue *self);
const char  *ld_clue_get_status_label     (LdClue *self);
const char  *ld_clue_get_disposal         (LdClue *self);
const char  *ld_clue_get_disposal_label   (LdClue *self);
const char  *ld_clue_get_approved_by      (LdClue *self);
const char  *ld_clue_get_approved_date    (LdClue *self);
const char  *ld_clue_get_due_date         (LdClue *self);
const char  *ld_clue_get_result           (LdClue *self);
const char  *ld_clue_get_result_label     (LdClue *self);
const char  *ld_clue_get_closed_date      (LdClue *self);
const char  *ld_clue_get_clearing         (LdClue *self);
const char  *ld_clue_get_clearing_date    (LdClue *self);
const char  *ld_clue_get_next_review_date (LdClue *self);
gint64       ld_clue_get_retired_at       (LdClue *self);
const char  *ld_clue_get_retired_reason   (LdClue *self);
gint64       ld_clue_get_created_at       (LdClue *self);
gint64       ld_clue_get_updated_at       (LdClue *self);
/* Whether the clue is still open (not closed, not retired). */
gboolean     ld_clue_is_open              (LdClue *self);

/* What a caller fills in to register a clue or change its description.
 * Strings are owned (g_free'd by ld_clue_spec_clear). */
typedef struct
{
  char   *source;        /* channel or source code (SRC_INSPECTION …) or its
                          * label / Chinese name; NULL or "" = keep (update) */
  char   *received_date; /* as typed; normalised to "YYYY-MM-DD" */
  gint64  unit_id;       /* 0 = the cadre's unit (or the petition's) */
  gint64  cadre_id;      /* 0 = not on file: person_name names the person */
  char   *person_name;
  char   *summary;
  char   *categories;    /* comma-separated problem-category codes, or NULL */
} LdClueSpec;

void         ld_clue_spec_init            (LdClueSpec  *spec);
void         ld_clue_spec_clear           (LdClueSpec  *spec);
/* Initialises SPEC from the clue's current values, for an edit. */
void         ld_clue_spec_init_from_clue  (LdClueSpec  *spec,
                                           LdClue      *clue);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdClueSpec, ld_clue_spec_clear)

/* Validates a spec for a new clue (pure): a known source, a valid
 * received date, a cadre or a person name, a summary (at most 2000
 * characters), known category codes. On failure LD_ERROR_INVALID and, if
 * bad_key is not NULL, the key of the first bad field ("source",
 * "received-date", "person", "summary", "categories") so a dialog can mark
 * it. */
gboolean     ld_clue_spec_validate        (const LdClueSpec *spec,
                                           char            **bad_key,
                                           GError          **error);

/* A handling step (table clue_steps): either a move recorded by the
 * repository (action "created", "updated", "disposed:<disposal>",
 * "closed:<result>", "clearing", "review", "retired") or a free step typed
 * by the investigator ("sent the inquiry letter"); a free step may not
 * spell a move's code. */
typedef struct
{
  gint64  id;
  gint64  clue_id;
  char   *step_date;   /* YYYY-MM-DD */
  char   *action;
  char   *note;
  char   *account;
  gint64  created_at;
} LdClueStep;

void         ld_clue_step_free            (LdClueStep *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdClueStep, ld_clue_step_free)
/* Whether the step is a move recorded by the repository (not free text). */
gboolean     ld_clue_step_is_move         (const LdClueStep *step);
/* The text to show for an action: the translated description of a move
 * ("Disposed: talk and inquiry letter") or the free text itself. Caller
 * frees. */
char        *ld_clue_step_action_get_label (const char *action);

G_END_DECLS
