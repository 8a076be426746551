/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Whether a written explanation or self-examination was required after a
 * talk (talks.written_required, the codes "0", "1", "2" of
 * LD_CODE_TABLE_WRITTEN_KIND). */
typedef enum
{
  LD_TALK_WRITTEN_NONE = 0,             /* none required */
  LD_TALK_WRITTEN_EXPLANATION = 1,      /* 书面说明 */
  LD_TALK_WRITTEN_SELF_EXAMINATION = 2, /* 书面检查 */
} LdTalkWritten;

/* Command-line words: "none", "explanation", "self-examination". */
const char  *ld_talk_written_to_string   (LdTalkWritten  written);
/* Also accepts "0", "1", "2" and the labels; FALSE for anything else. */
gboolean     ld_talk_written_from_string (const char    *text,
                                          LdTalkWritten *written);
/* Translated label ("Written explanation"). */
const char  *ld_talk_written_get_label   (LdTalkWritten  written);

#define LD_TYPE_TALK (ld_talk_get_type ())
G_DECLARE_FINAL_TYPE (LdTalk, ld_talk, LD, TALK, GObject)

/* One talk (谈话, DOMAIN.md §6) as read from the vault. Read-only
 * properties:
 *   "id", "unit-id", "clue-id", "measure-id" (int64; 0 = none),
 *   "reg-no" ("2026-T0001"), "unit-name",
 *   "type" (code of LD_CODE_TABLE_TALK_TYPE, "T_INQUIRY"), "type-label"
 *   (translated), "talk-date" ("YYYY-MM-DD"), "talk-time" ("HH:MM" or ""),
 *   "place", "talkers" (GStrv), "talkers-text" (names joined with "、"),
 *   "recorder", "reason", "clue-reg-no" ("" without a clue), "problems",
 *   "explanation", "attitude", "written-required" (int, LdTalkWritten),
 *   "written-label" (translated), "written-due", "written-received",
 *   "followup-date" ("YYYY-MM-DD" or ""), "outcome" (the decided measure,
 *   "" = none yet), "n-cadres" (uint), "cadre-names" (the names of the
 *   persons talked to, in the order given, joined with "、"),
 *   "n-attachments" (uint), "account" (who registered it), "retired-at"
 *   (int64, 0 = active), "retired-reason", "created-at", "updated-at"
 *   (unix seconds). */
gint64       ld_talk_get_id               (LdTalk *self);
const char  *ld_talk_get_reg_no           (LdTalk *self);
gint64       ld_talk_get_unit_id          (LdTalk *self);
const char  *ld_talk_get_unit_name        (LdTalk *self);
/* The talk-type code (ld_talk_get_type() is the GType). */
const char  *ld_talk_get_type_code        (LdTalk *self);
const char  *ld_talk_get_type_label       (LdTalk *self);
const char  *ld_talk_get_talk_date        (LdTalk *self);
const char  *ld_talk_get_talk_time        (LdTalk *self);
const char  *ld_talk_get_place            (LdTalk *self);
/* NULL-terminated, never NULL (empty when nobody was named). */
const char * const *ld_talk_get_talkers   (LdTalk *self);
guint        ld_talk_get_n_talkers        (LdTalk *self);
const char  *ld_talk_get_talkers_text     (LdTalk *self);
const char  *ld_talk_get_recorder         (LdTalk *self);
const char  *ld_talk_get_reason           (LdTalk *self);
gint64       ld_talk_get_clue_id          (LdTalk *self);
const char  *ld_talk_get_clue_reg_no      (LdTalk *self);
const char  *ld_talk_get_problems         (LdTalk *self);
const char  *ld_talk_get_explanation      (LdTalk *self);
const char  *ld_talk_get_attitude         (LdTalk *self);
LdTalkWritten ld_talk_get_written_required (LdTalk *self);
const char  *ld_talk_get_written_due      (LdTalk *self);
const char  *ld_talk_get_written_received (LdTalk *self);
const char  *ld_talk_get_followup_date    (LdTalk *self);
const char  *ld_talk_get_outcome          (LdTalk *self);
gint64       ld_talk_get_measure_id       (LdTalk *self);
/* The cadres talked to, in the order given (the first is the talk's main
 * person), and their names (same order, same length). */
const gint64 *ld_talk_get_cadre_ids       (LdTalk *self,
                                           guint  *n_cadres);
const char * const *ld_talk_get_cadre_name_list (LdTalk *self);
guint        ld_talk_get_n_cadres         (LdTalk *self);
const char  *ld_talk_get_cadre_names      (LdTalk *self);
guint        ld_talk_get_n_attachments    (LdTalk *self);
const char  *ld_talk_get_account          (LdTalk *self);
gint64       ld_talk_get_retired_at       (LdTalk *self);
const char  *ld_talk_get_retired_reason   (LdTalk *self);
gint64       ld_talk_get_created_at       (LdTalk *self);
gint64       ld_talk_get_updated_at       (LdTalk *self);
/* The translated label of a field name of the talk's history (the
 * before/after texts of ld_talk_repository_versions(): "talk_date",
 * "cadres", "written_received", "attachment.name" …), or NULL for a name
 * this version does not know. */
const char  *ld_talk_field_get_label      (const char *field);

/* Whether the talk's type may produce a measure of the first form
 * (ld_talk_type_form () == 1) and none is linked yet: the measures page
 * offers "Register the measure" for it. */
gboolean     ld_talk_can_link_measure     (LdTalk *self);

/* What a caller fills in to add or change a talk. Strings are owned (NULL
 * = ""); dates are typed "YYYY-MM-DD" (normalised by the repository),
 * talk_time "HH:MM". measure_id is not here: the measures issue links a
 * measure with ld_talk_repository_link_measure(). */
typedef struct
{
  char          *type;              /* talk-type code (or its Chinese name) */
  char          *talk_date;
  char          *talk_time;         /* "" = unknown */
  char          *place;
  GPtrArray     *talkers;           /* char*, owned; the persons who talked */
  char          *recorder;
  GArray        *cadre_ids;         /* gint64: the cadres talked to, at least one */
  gint64         unit_id;           /* 0 = the unit of the first cadre */
  char          *reason;
  gint64         clue_id;           /* 0 = none */
  char          *problems;
  char          *explanation;
  char          *attitude;
  LdTalkWritten  written_required;
  char          *written_due;       /* "" unless written_required */
  char          *written_received;  /* "" = not yet */
  char          *followup_date;
  char          *outcome;           /* decided measure, free text or code; "" = none */
} LdTalkSpec;

void         ld_talk_spec_init            (LdTalkSpec   *spec);
void         ld_talk_spec_clear           (LdTalkSpec   *spec);
/* Initialises SPEC with everything of TALK, for an edit. */
void         ld_talk_spec_init_from_talk  (LdTalkSpec   *spec,
                                           LdTalk       *talk);
/* Replaces a string member: ld_talk_spec_set (&spec.place, "会议室"). */
void         ld_talk_spec_set             (char        **member,
                                           const char   *value);
void         ld_talk_spec_add_talker      (LdTalkSpec   *spec,
                                           const char   *name);
void         ld_talk_spec_add_cadre       (LdTalkSpec   *spec,
                                           gint64        cadre_id);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdTalkSpec, ld_talk_spec_clear)

/* Pure validation: known type code; talk date a real "YYYY-MM-DD" date;
 * time "HH:MM" or empty; at least one cadre (duplicates are merged); each
 * talker named once, at most 20; texts within their lengths; written due,
 * received and follow-up dates real dates not before the talk date; a due
 * or received date only when a written explanation is required. On
 * failure sets LD_ERROR_INVALID and, if bad_key is not NULL, the property
 * name of the first bad field ("type", "talk-date", "talk-time",
 * "cadres", "talkers", "written-due" …) so a dialog can mark it. */
gboolean     ld_talk_spec_validate        (const LdTalkSpec  *spec,
                                           char             **bad_key,
                                           GError           **error);
/* Warnings that do not stop saving, translated, NULL-terminated (empty
 * when there are none; never NULL): a discipline-organ talk
 * (ld_talk_type_needs_two_talkers()) with fewer than two talkers; a
 * required written explanation without a due date. Pure. */
GStrv        ld_talk_spec_check_warnings  (const LdTalkSpec  *spec);

G_END_DECLS
