/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rules/ld-opinion-rules.h"

G_BEGIN_DECLS

/* Integrity-opinion requests (征求党风廉政意见, DOMAIN.md §7) and their items
 * (one per cadre), as read from the vault. */

/* The status of a request (opinion_requests.status). */
#define LD_OPINION_REQUEST_OPEN    "open"
#define LD_OPINION_REQUEST_REPLIED "replied"

/* The state of one item, derived from its columns: not checked yet; checked
 * (a proposal, no decision); decided (the investigator confirmed or changed
 * the proposal); approved (a leader approved the decision). */
typedef enum
{
  LD_OPINION_ITEM_UNCHECKED,
  LD_OPINION_ITEM_CHECKED,
  LD_OPINION_ITEM_DECIDED,
  LD_OPINION_ITEM_APPROVED,
} LdOpinionItemState;

/* "unchecked", "checked", "decided", "approved" and the translated label. */
const char  *ld_opinion_item_state_to_string (LdOpinionItemState state);
const char  *ld_opinion_item_state_get_label (LdOpinionItemState state);
/* The translated label of a request status ("open" → 办理中, "replied" →
 * 已回复); the code itself when unknown. */
const char  *ld_opinion_request_status_get_label (const char *status);

/* --- The request ------------------------------------------------------------------- */

#define LD_TYPE_OPINION_REQUEST (ld_opinion_request_get_type ())
G_DECLARE_FINAL_TYPE (LdOpinionRequest, ld_opinion_request, LD, OPINION_REQUEST, GObject)

/* Read-only properties:
 *   "id", "unit-id" (int64), "reg-no" ("2026-Y0001"), "unit-name",
 *   "requester" (组织部 …), "request-date", "due-date" ("YYYY-MM-DD", due ""
 *   = none), "purpose" (code of ld_opinion_purposes()), "purpose-label"
 *   (translated), "doc-no", "note", "status" ("open", "replied"),
 *   "status-label" (translated), "replied-date" ("" while open),
 *   "n-items", "n-checked" (with a proposal), "n-decided" (with a decision),
 *   "n-approved" (uint), "cadre-names" (the names of the cadres, in the
 *   order added, joined with "、"), "account" (who registered it),
 *   "retired-at" (int64, 0 = active), "retired-reason", "created-at",
 *   "updated-at" (unix seconds). */
gint64       ld_opinion_request_get_id             (LdOpinionRequest *self);
const char  *ld_opinion_request_get_reg_no         (LdOpinionRequest *self);
gint64       ld_opinion_request_get_unit_id        (LdOpinionRequest *self);
const char  *ld_opinion_request_get_unit_name      (LdOpinionRequest *self);
const char  *ld_opinion_request_get_requester      (LdOpinionRequest *self);
const char  *ld_opinion_request_get_request_date   (LdOpinionRequest *self);
const char  *ld_opinion_request_get_purpose        (LdOpinionRequest *self);
const char  *ld_opinion_request_get_purpose_label  (LdOpinionRequest *self);
const char  *ld_opinion_request_get_due_date       (LdOpinionRequest *self);
const char  *ld_opinion_request_get_doc_no         (LdOpinionRequest *self);
const char  *ld_opinion_request_get_note           (LdOpinionRequest *self);
const char  *ld_opinion_request_get_status         (LdOpinionRequest *self);
const char  *ld_opinion_request_get_status_label   (LdOpinionRequest *self);
gboolean     ld_opinion_request_is_replied         (LdOpinionRequest *self);
const char  *ld_opinion_request_get_replied_date   (LdOpinionRequest *self);
guint        ld_opinion_request_get_n_items        (LdOpinionRequest *self);
guint        ld_opinion_request_get_n_checked      (LdOpinionRequest *self);
guint        ld_opinion_request_get_n_decided      (LdOpinionRequest *self);
guint        ld_opinion_request_get_n_approved     (LdOpinionRequest *self);
const char  *ld_opinion_request_get_cadre_names    (LdOpinionRequest *self);
const char  *ld_opinion_request_get_account        (LdOpinionRequest *self);
gint64       ld_opinion_request_get_retired_at     (LdOpinionRequest *self);
const char  *ld_opinion_request_get_retired_reason (LdOpinionRequest *self);
gint64       ld_opinion_request_get_created_at     (LdOpinionRequest *self);
gint64       ld_opinion_request_get_updated_at     (LdOpinionRequest *self);

/* --- One cadre of a request ------------------------------------------------------ */

#define LD_TYPE_OPINION_ITEM (ld_opinion_item_get_type ())
G_DECLARE_FINAL_TYPE (LdOpinionItem, ld_opinion_item, LD, OPINION_ITEM, GObject)

/* Read-only properties:
 *   "id", "request-id", "cadre-id" (int64), "request-reg-no",
 *   "cadre-name", "cadre-id-number", "cadre-unit-name", "cadre-post",
 *   "checked-date" ("YYYY-MM-DD", "" = not checked),
 *   "proposal" ("", "ok", "ok-note", "defer", "no"), "proposal-label"
 *   (translated, "" when not checked),
 *   "reasons" (GStrv: the translated reasons, most severe first),
 *   "reasons-text" (the reasons one a line),
 *   "decision" ("" until confirmed, else like "proposal"),
 *   "decision-label" (translated), "changed" (boolean: the decision differs
 *   from the proposal), "change-reason", "reply-text" (the paragraph of the
 *   reply letter, written when the decision is taken), "confirmed-by",
 *   "approved-by" (accounts, "" = not yet), "approved-date", "valid-until"
 *   ("YYYY-MM-DD", "" until approved), "state" (int, LdOpinionItemState),
 *   "state-label" (translated), "account", "created-at", "updated-at". */
gint64       ld_opinion_item_get_id               (LdOpinionItem *self);
gint64       ld_opinion_item_get_request_id       (LdOpinionItem *self);
const char  *ld_opinion_item_get_request_reg_no   (LdOpinionItem *self);
gint64       ld_opinion_item_get_cadre_id         (LdOpinionItem *self);
const char  *ld_opinion_item_get_cadre_name       (LdOpinionItem *self);
const char  *ld_opinion_item_get_cadre_id_number  (LdOpinionItem *self);
const char  *ld_opinion_item_get_cadre_unit_name  (LdOpinionItem *self);
const char  *ld_opinion_item_get_cadre_post       (LdOpinionItem *self);
const char  *ld_opinion_item_get_checked_date     (LdOpinionItem *self);
/* LD_N_OPINIONS when not checked / not decided. */
LdOpinion    ld_opinion_item_get_proposal         (LdOpinionItem *self);
const char  *ld_opinion_item_get_proposal_code    (LdOpinionItem *self);
const char  *ld_opinion_item_get_proposal_label   (LdOpinionItem *self);
LdOpinion    ld_opinion_item_get_decision         (LdOpinionItem *self);
const char  *ld_opinion_item_get_decision_code    (LdOpinionItem *self);
const char  *ld_opinion_item_get_decision_label   (LdOpinionItem *self);
gboolean     ld_opinion_item_get_changed          (LdOpinionItem *self);
const char  *ld_opinion_item_get_change_reason    (LdOpinionItem *self);
const char  *ld_opinion_item_get_reply_text       (LdOpinionItem *self);
const char  *ld_opinion_item_get_confirmed_by     (LdOpinionItem *self);
const char  *ld_opinion_item_get_approved_by      (LdOpinionItem *self);
const char  *ld_opinion_item_get_approved_date    (LdOpinionItem *self);
const char  *ld_opinion_item_get_valid_until      (LdOpinionItem *self);
LdOpinionItemState ld_opinion_item_get_state      (LdOpinionItem *self);
const char  *ld_opinion_item_get_state_label      (LdOpinionItem *self);
/* Whether the item was approved and its validity ends before DATE (NULL =
 * today): the board asks for a fresh check. */
gboolean     ld_opinion_item_is_expired           (LdOpinionItem *self,
                                                   const GDate   *date);
const char  *ld_opinion_item_get_account          (LdOpinionItem *self);
gint64       ld_opinion_item_get_created_at       (LdOpinionItem *self);
gint64       ld_opinion_item_get_updated_at       (LdOpinionItem *self);

/* The reasons found by the last check, most severe first. Each has its
 * fact kind, the record it comes from ("petition", "clue", "measure",
 * "entry"; "" and 0 for the sentence that says nothing was found) so the
 * UI can link it, and the translated text. */
guint        ld_opinion_item_get_n_reasons        (LdOpinionItem *self);
const char * const *ld_opinion_item_get_reasons   (LdOpinionItem *self);
const char  *ld_opinion_item_get_reasons_text     (LdOpinionItem *self);
/* I < ld_opinion_item_get_n_reasons(). LD_N_OPINION_FACTS for the "nothing
 * found" sentence. */
LdOpinionFactKind ld_opinion_item_get_reason_kind (LdOpinionItem *self,
                                                   guint          i);
const char  *ld_opinion_item_get_reason_record_type (LdOpinionItem *self,
                                                     guint          i);
gint64       ld_opinion_item_get_reason_record_id (LdOpinionItem *self,
                                                   guint          i);
const char  *ld_opinion_item_get_reason_text      (LdOpinionItem *self,
                                                   guint          i);

/* --- What a caller fills in --------------------------------------------------------- */

/* To register or change a request. Strings are owned (NULL = ""); dates
 * are typed "YYYY-MM-DD" (normalised by the repository). cadre_ids is
 * used by ld_opinion_repository_create_request() only (changes of the
 * list go through add_cadres / remove_cadre). */
typedef struct
{
  gint64    unit_id;        /* 0 = the unit of the first cadre */
  char     *requester;      /* required */
  char     *request_date;   /* required */
  char     *purpose;        /* purpose code, label or Chinese name; required */
  char     *due_date;       /* "" = none given (the board then counts
                             * LD_OPINION_REPLY_WORKDAYS working days) */
  char     *doc_no;
  char     *note;
  GArray   *cadre_ids;      /* gint64, may be empty */
} LdOpinionRequestSpec;

void         ld_opinion_request_spec_init        (LdOpinionRequestSpec *spec);
void         ld_opinion_request_spec_clear       (LdOpinionRequestSpec *spec);
/* Initialises SPEC with everything of REQUEST (no cadres), for an edit. */
void         ld_opinion_request_spec_init_from_request (LdOpinionRequestSpec *spec,
                                                        LdOpinionRequest     *request);
/* Replaces a string member: ld_opinion_request_spec_set (&spec.doc_no, "…"). */
void         ld_opinion_request_spec_set         (char                **member,
                                                  const char           *value);
void         ld_opinion_request_spec_add_cadre   (LdOpinionRequestSpec *spec,
                                                  gint64                cadre_id);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdOpinionRequestSpec, ld_opinion_request_spec_clear)

/* Pure validation: requester given (at most 200 characters); request date
 * a real date; purpose known (ld_opinion_purpose_lookup()); due date a real
 * date not before the request date, or empty; texts within their lengths.
 * On failure sets LD_ERROR_INVALID and, if bad_key is not NULL, the
 * property name of the first bad field ("requester", "request-date",
 * "purpose", "due-date", "doc-no", "note"). */
gboolean     ld_opinion_request_spec_validate    (const LdOpinionRequestSpec  *spec,
                                                  char                       **bad_key,
                                                  GError                     **error);

/* The translated label of a field name of the request's history ("requester",
 * "purpose", "cadres", "item.<cadre id>.decision" …), or NULL. */
const char  *ld_opinion_field_get_label          (const char *field);

G_END_DECLS
