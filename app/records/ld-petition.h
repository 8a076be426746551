/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A petition or report (信访举报, DOMAIN.md §3) as read from the vault.
 *
 * The reporter's identity never lives in this object: the repository
 * fills in MASKED forms only ("张*", "***"), and the list for a reported
 * cadre not even those. The identity itself is read with
 * ld_petition_repository_reveal_reporter() into an LdReporter.
 *
 * Read-only properties:
 *   "id" (int64), "reg-no" ("2026-0001"), "unit-id" (int64, the first unit
 *   concerned, which owns the record for scopes), "unit-name", "units"
 *   (display text of every unit concerned, joined with "、"), "kind"
 *   (LD_CODE_TABLE_PETITION_KIND code), "kind-label", "channel"
 *   (LD_CODE_TABLE_CHANNEL code), "channel-label", "received-date"
 *   ("YYYY-MM-DD"), "real-name" (boolean), "reporter-masked" ("张*", the
 *   translated "Anonymous" when not real-name, "" in a cadre's list),
 *   "reporter-unit-masked", "reporter-contact-masked",
 *   "reporter-address-masked" ("***" or ""), "categories" (comma-separated
 *   LD_CODE_TABLE_PROBLEM_CATEGORY codes), "categories-label", "summary",
 *   "full-text", "routing" (local, up, down), "routing-label",
 *   "routed-to", "routed-date", "status" (LD_CODE_TABLE_PETITION_STATUS
 *   code), "status-label", "repeat-of" (int64, the first report, 0 = not a
 *   repeat), "repeat-of-reg-no", "n-repeats" (uint, repeats linked to this
 *   one), "accept-notice-date", "closed-date", "result"
 *   (LD_CODE_TABLE_CLUE_RESULT code), "result-label", "feedback-date",
 *   "feedback-mode", "objection-note", "persons" (display text of the
 *   persons reported, joined with "、": "王五（某局 局长）"), "retired-at"
 *   (int64, 0 = active), "retired-reason", "created-at", "updated-at"
 *   (unix seconds).
 * Dates not yet known are "". */
#define LD_TYPE_PETITION (ld_petition_get_type ())
G_DECLARE_FINAL_TYPE (LdPetition, ld_petition, LD, PETITION, GObject)

/* A person reported: a cadre on file (cadre_id > 0; name, unit_text and
 * post_text are then filled in from the file when read), or someone not
 * on file (cadre_id 0, name required, unit_text and post_text optional). */
typedef struct
{
  gint64  cadre_id;
  char   *name;
  char   *unit_text;
  char   *post_text;
} LdPetitionPerson;

LdPetitionPerson *ld_petition_person_new_cadre (gint64                  cadre_id);
LdPetitionPerson *ld_petition_person_new_text  (const char             *name,
                                                const char             *unit_text,
                                                const char             *post_text);
LdPetitionPerson *ld_petition_person_copy      (const LdPetitionPerson *person);
void              ld_petition_person_free      (LdPetitionPerson       *person);
/* "王五（某局 局长）", or the name alone. */
char             *ld_petition_person_format    (const LdPetitionPerson *person);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdPetitionPerson, ld_petition_person_free)

/* The reporter's identity (table reporters). Only ever filled in by the
 * caller (to register or correct it) or by the audited reveal. Its free
 * function overwrites the strings before freeing them. */
typedef struct
{
  char *name;
  char *unit;
  char *contact;
  char *address;
  char *id_number;
} LdReporter;

LdReporter  *ld_reporter_new                 (const char   *name,
                                              const char   *unit,
                                              const char   *contact,
                                              const char   *address,
                                              const char   *id_number);
LdReporter  *ld_reporter_copy                (const LdReporter *reporter);
void         ld_reporter_free                (LdReporter   *reporter);
/* Whether every field is empty (NULL or ""). */
gboolean     ld_reporter_is_empty            (const LdReporter *reporter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdReporter, ld_reporter_free)

gint64       ld_petition_get_id              (LdPetition   *self);
const char  *ld_petition_get_reg_no          (LdPetition   *self);
gint64       ld_petition_get_unit_id         (LdPetition   *self);
const char  *ld_petition_get_unit_name       (LdPetition   *self);
const char  *ld_petition_get_units           (LdPetition   *self);
/* Every unit concerned, the first one first. */
const gint64 *ld_petition_get_unit_ids       (LdPetition   *self,
                                              guint        *n_ids);
const char  *ld_petition_get_kind            (LdPetition   *self);
const char  *ld_petition_get_kind_label      (LdPetition   *self);
const char  *ld_petition_get_channel         (LdPetition   *self);
const char  *ld_petition_get_channel_label   (LdPetition   *self);
const char  *ld_petition_get_received_date   (LdPetition   *self);
gboolean     ld_petition_get_real_name       (LdPetition   *self);
const char  *ld_petition_get_reporter_masked (LdPetition   *self);
const char  *ld_petition_get_reporter_unit_masked    (LdPetition *self);
const char  *ld_petition_get_reporter_contact_masked (LdPetition *self);
const char  *ld_petition_get_reporter_address_masked (LdPetition *self);
const char  *ld_petition_get_categories      (LdPetition   *self);
const char  *ld_petition_get_categories_label (LdPetition  *self);
const char  *ld_petition_get_summary         (LdPetition   *self);
const char  *ld_petition_get_full_text       (LdPetition   *self);
const char  *ld_petition_get_routing         (LdPetition   *self);
const char  *ld_petition_get_routing_label   (LdPetition   *self);
const char  *ld_petition_get_routed_to       (LdPetition   *self);
const char  *ld_petition_get_routed_date     (LdPetition   *self);
const char  *ld_petition_get_status          (LdPetition   *self);
const char  *ld_petition_get_status_label    (LdPetition   *self);
gint64       ld_petition_get_repeat_of       (LdPetition   *self);
const char  *ld_petition_get_repeat_of_reg_no (LdPetition  *self);
guint        ld_petition_get_n_repeats       (LdPetition   *self);
const char  *ld_petition_get_accept_notice_date (LdPetition *self);
const char  *ld_petition_get_closed_date     (LdPetition   *self);
const char  *ld_petition_get_result          (LdPetition   *self);
const char  *ld_petition_get_result_label    (LdPetition   *self);
const char  *ld_petition_get_feedback_date   (LdPetition   *self);
const char  *ld_petition_get_feedback_mode   (LdPetition   *self);
const char  *ld_petition_get_objection_note  (LdPetition   *self);
const char  *ld_petition_get_persons_text    (LdPetition   *self);
/* The persons reported (LdPetitionPerson, owned by the petition). */
GPtrArray   *ld_petition_get_persons         (LdPetition   *self);
/* The record numbers of the cadres reported (persons on file only). */
const gint64 *ld_petition_get_person_cadre_ids (LdPetition *self,
                                                guint      *n_ids);
gint64       ld_petition_get_retired_at      (LdPetition   *self);
const char  *ld_petition_get_retired_reason  (LdPetition   *self);
gint64       ld_petition_get_created_at      (LdPetition   *self);
gint64       ld_petition_get_updated_at      (LdPetition   *self);
/* Whether the report is a confirmed repeat (repeat-of != 0). */
gboolean     ld_petition_is_repeat           (LdPetition   *self);

/* What a caller fills in to register or change a petition. Strings are
 * owned (g_free'd by ld_petition_spec_clear()); NULL and "" mean "none".
 * The reporter is used by create only (ld_petition_repository_set_reporter
 * corrects it later); update leaves the stored reporter alone. */
typedef struct
{
  gint64      unit_id;        /* the first unit concerned: required */
  GArray     *more_unit_ids;  /* gint64: further units concerned, or NULL */
  char       *kind;           /* code or its Chinese / English name */
  char       *channel;        /* code or its Chinese / English name */
  char       *received_date;  /* "YYYY-MM-DD" */
  gboolean    real_name;
  LdReporter *reporter;       /* owned, or NULL */
  GPtrArray  *persons;        /* LdPetitionPerson, owned */
  char       *categories;     /* comma-separated codes, or NULL */
  char       *summary;        /* required, one line */
  char       *full_text;      /* may span lines */
  char       *routing;        /* local (default), up, down */
  char       *routed_to;
  char       *routed_date;
} LdPetitionSpec;

void         ld_petition_spec_init           (LdPetitionSpec   *spec);
void         ld_petition_spec_clear          (LdPetitionSpec   *spec);
/* Initialises SPEC with the stored fields of PETITION (no reporter: the
 * petition holds none), for an edit that changes some of them. */
void         ld_petition_spec_init_from_petition (LdPetitionSpec *spec,
                                                  LdPetition     *petition);
void         ld_petition_spec_add_cadre      (LdPetitionSpec   *spec,
                                              gint64            cadre_id);
void         ld_petition_spec_add_person     (LdPetitionSpec   *spec,
                                              const char       *name,
                                              const char       *unit_text,
                                              const char       *post_text);
void         ld_petition_spec_add_unit       (LdPetitionSpec   *spec,
                                              gint64            unit_id);
/* Takes a copy of reporter (NULL clears it). */
void         ld_petition_spec_set_reporter   (LdPetitionSpec   *spec,
                                              const LdReporter *reporter);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdPetitionSpec, ld_petition_spec_clear)

/* Validates a spec without the vault: unit given, kind, channel, date,
 * categories, routing and its date, summary and text lengths, persons
 * (a cadre or a name), reporter field lengths, a real-name report names
 * its reporter (name or unit). On failure sets LD_ERROR_INVALID and, if
 * bad_key is not NULL, the key of the first bad field ("unit", "kind",
 * "channel", "received-date", "categories", "summary", "full-text",
 * "routing", "routed-to", "routed-date", "persons", "reporter") so a
 * dialog can mark it. Never names the reporter's values. Pure. */
gboolean     ld_petition_spec_validate       (const LdPetitionSpec *spec,
                                              char                **bad_key,
                                              GError              **error);

G_END_DECLS
