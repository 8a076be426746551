/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-cadre-repository.h"

G_BEGIN_DECLS

/* The version history and registration numbers shared by the case records
 * (talks, petitions, clues): table record_versions, table reg_counters.
 * A version's before/after are "field=value" lines of the fields that
 * changed, escaped like the cadre history; LdCadreVersion is reused as the
 * row type so the History views show both alike. */

#define LD_RECORD_TYPE_TALK     "talk"
#define LD_RECORD_TYPE_PETITION "petition"
#define LD_RECORD_TYPE_CLUE     "clue"

/* Inside the caller's transaction: appends version seq+1 of the record by
 * the session's account, now. */
gboolean     _ld_record_add_version      (LdVault     *vault,
                                          const char  *record_type,
                                          gint64       record_id,
                                          const char  *event,
                                          const char  *before,
                                          const char  *after,
                                          GError     **error);
/* The history, oldest first (LdCadreVersion). No permission or scope check:
 * the record's repository checks that the record is visible first. */
GPtrArray   *_ld_record_list_versions    (LdVault     *vault,
                                          const char  *record_type,
                                          gint64       record_id,
                                          GError     **error);
/* The seq of the record's latest version, 0 when it has none (or on a
 * failure to read it). For the "version=" of an audit entry. */
gint64       _ld_record_last_version     (LdVault     *vault,
                                          const char  *record_type,
                                          gint64       record_id);
/* Inside the caller's transaction: the next registration number of kind
 * for year, "<year>-<prefix><4 digits>" ("2026-0001" with prefix "",
 * "2026-T0001" with "T"); more than 9999 in a year widen the number. The
 * counter only moves forward: a committed number is never given again. */
char        *_ld_record_next_reg_no      (LdVault     *vault,
                                          const char  *kind,
                                          int          year,
                                          const char  *prefix,
                                          GError     **error);
/* Appends "key=value\n" to str with value escaped ("\n" → "\\n",
 * "\\" → "\\\\"); NULL value = "". For building before/after texts. */
void         _ld_record_append_field     (GString     *str,
                                          const char  *key,
                                          const char  *value);

/* Appends to before/after the "field=value" lines of the n_fields fields
 * (named by names) that differ between old_values (NULL for a new record:
 * its non-empty fields) and new_values, and their names, comma-separated,
 * to changed. NULL values count as "". */
void         _ld_record_diff_fields      (char * const        *old_values,
                                          char * const        *new_values,
                                          const char * const  *names,
                                          guint                n_fields,
                                          GString             *before,
                                          GString             *after,
                                          GString             *changed);

G_END_DECLS
