/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "records/ld-file-entry.h"

G_BEGIN_DECLS

/* For the repository: builds an entry from a stored row. fields_text holds
 * the "key=value" lines of file_entries.fields. */
LdFileEntry *_ld_file_entry_new           (gint64                 id,
                                           gint64                 cadre_id,
                                           const char            *section,
                                           const char            *kind,
                                           const char            *entry_date,
                                           const char            *outcome,
                                           const char            *fields_text,
                                           guint                  n_attachments,
                                           gint64                 retired_at,
                                           const char            *retired_reason,
                                           gint64                 created_at,
                                           gint64                 updated_at);
/* The values of the entry (key → value, non-empty only). */
GHashTable  *_ld_file_entry_get_values    (LdFileEntry           *self);

/* "key=value" lines ("\n" and "\\" escaped) ↔ key → value. */
GHashTable  *_ld_file_entry_parse_fields  (const char            *text);
/* Lines of the non-empty values in the section's field order. */
char        *_ld_file_entry_format_fields (const LdFileSectionInfo *section,
                                           GHashTable              *values);
/* Appends "name=value\n" with value escaped like the version texts. */
void         _ld_file_entry_append_line   (GString               *out,
                                           const char            *name,
                                           const char            *value);

/* Validates like ld_file_entry_spec_validate() and fills OUT (initialised
 * here) with the stored forms: section code, kind code or "", normalised
 * date, and only the non-empty values. */
gboolean     _ld_file_entry_spec_clean    (const LdFileEntrySpec *spec,
                                           LdFileEntrySpec       *out,
                                           char                 **bad_key,
                                           GError               **error);

G_END_DECLS
