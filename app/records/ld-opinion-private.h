/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "records/ld-opinion-repository.h"
#include "records/ld-opinion.h"

G_BEGIN_DECLS

/* For the opinion repository: the instance structs, filled from rows. */

struct _LdOpinionRequest
{
  GObject     parent_instance;

  gint64      id;
  char       *reg_no;
  gint64      unit_id;
  char       *unit_name;
  char       *requester;
  char       *request_date;
  char       *purpose;
  char       *due_date;
  char       *doc_no;
  char       *note;
  char       *status;
  char       *replied_date;
  guint       n_items;
  guint       n_checked;
  guint       n_decided;
  guint       n_approved;
  char       *cadre_names;
  char       *account;
  gint64      retired_at;
  char       *retired_reason;
  gint64      created_at;
  gint64      updated_at;
};

struct _LdOpinionItem
{
  GObject     parent_instance;

  gint64      id;
  gint64      request_id;
  char       *request_reg_no;
  gint64      cadre_id;
  char       *cadre_name;
  char       *cadre_id_number;
  char       *cadre_unit_name;
  char       *cadre_post;
  char       *checked_date;
  char       *proposal;
  char       *decision;
  char       *change_reason;
  char       *reply_text;
  char       *confirmed_by;
  char       *approved_by;
  char       *approved_date;
  char       *valid_until;
  char       *account;
  gint64      created_at;
  gint64      updated_at;

  /* Parsed from the reasons column. */
  GArray     *reason_kinds;      /* LdOpinionFactKind (int) */
  GStrv       reason_types;
  GArray     *reason_ids;        /* gint64 */
  GStrv       reasons;
  char       *reasons_text;
};

/* New empty objects; every string member starts as "" (never NULL). */
LdOpinionRequest *_ld_opinion_request_new   (void);
LdOpinionItem    *_ld_opinion_item_new      (void);
/* Replaces a string member (NULL = ""). */
void              _ld_opinion_set_text      (char       **member,
                                             const char  *value);
/* Fills the item's reasons from the stored column text. */
void              _ld_opinion_item_set_reasons (LdOpinionItem *self,
                                                const char    *stored);

/* Validates like ld_opinion_request_spec_validate() and fills OUT
 * (initialised here) with the stored forms: trimmed texts, normalised
 * dates, the purpose code, cadres without duplicates (order kept). */
gboolean          _ld_opinion_request_spec_clean (const LdOpinionRequestSpec  *spec,
                                                  LdOpinionRequestSpec        *out,
                                                  char                       **bad_key,
                                                  GError                     **error);

/* The reasons column: one line per reason, "kind|record_type|record_id|text"
 * (kind the fact-kind code, "none" for the nothing-found sentence; line
 * breaks in the text become spaces). */
char             *_ld_opinion_reasons_format (GPtrArray *reasons);   /* LdOpinionReason */
GPtrArray        *_ld_opinion_reasons_parse  (const char *stored);   /* LdOpinionReason */
void              _ld_opinion_reason_free    (LdOpinionReason *reason);

/* The paragraph of the reply letter for one cadre: the decision's wording
 * and, except for a plain "no problem found", the reasons disclosed. When
 * the check found nothing to disclose, the investigator's reason for the
 * decision (change_reason, may be NULL) is stated instead, so "facts
 * stated below" or "not suitable" is never left without its ground. */
char             *_ld_opinion_reply_text     (const char *cadre_name,
                                              LdOpinion   decision,
                                              GPtrArray  *reasons,        /* LdOpinionReason */
                                              const char *change_reason);

G_END_DECLS
