/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-clue.h"

G_BEGIN_DECLS

/* The stored values of one clue, borrowed, for _ld_clue_new(). */
typedef struct
{
  gint64      id;
  const char *reg_no;
  gint64      unit_id;
  const char *unit_name;
  const char *source;
  gint64      petition_id;
  const char *petition_reg_no;
  gint64      cadre_id;
  const char *person;           /* the cadre's name, or person_name */
  const char *person_name;      /* the stored free-text name */
  const char *received_date;
  const char *summary;
  const char *categories;
  const char *status;
  const char *disposal;
  const char *approved_by;
  const char *approved_date;
  const char *due_date;
  const char *result;
  const char *closed_date;
  const char *clearing;
  const char *clearing_date;
  const char *next_review_date;
  gint64      retired_at;
  const char *retired_reason;
  gint64      created_at;
  gint64      updated_at;
} LdClueRow;

LdClue      *_ld_clue_new                (const LdClueRow  *row);
/* The stored free-text name (person_name column), "" for a cadre on file. */
const char  *_ld_clue_get_person_name    (LdClue           *self);

/* A date as typed ("2026-03-02", "2026/3/2", "2026.3.2", "2026年3月2日")
 * as "YYYY-MM-DD", or NULL with LD_ERROR_INVALID naming label. Empty text
 * gives "" unless required. */
char        *_ld_clue_normalise_date     (const char       *text,
                                          const char       *label,
                                          gboolean          required,
                                          GError          **error);

/* Validates like ld_clue_spec_validate() and fills OUT (initialised here)
 * with the stored forms: source code, "YYYY-MM-DD", trimmed texts, the
 * normal form of the categories (NULL stays NULL). With for_update, empty
 * fields are allowed (they keep the stored values). */
gboolean     _ld_clue_spec_clean         (const LdClueSpec *spec,
                                          gboolean          for_update,
                                          LdClueSpec       *out,
                                          char            **bad_key,
                                          GError          **error);

/* Inside the caller's transaction (after the permission and scope checks
 * of the caller): inserts a pending clue from a cleaned spec whose unit_id
 * is set, with its registration number, version, audit entry and "created"
 * step. petition_id 0 = none. */
gboolean     _ld_clue_insert_in_tx       (LdVault          *vault,
                                          const LdClueSpec *clean,
                                          gint64            petition_id,
                                          gint64           *out_id,
                                          GError          **error);

G_END_DECLS
