/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "records/ld-file-section.h"

G_BEGIN_DECLS

#define LD_TYPE_FILE_ENTRY (ld_file_entry_get_type ())
G_DECLARE_FINAL_TYPE (LdFileEntry, ld_file_entry, LD, FILE_ENTRY, GObject)

/* One dated entry of a file section (B … Z) as read from the vault.
 * Read-only properties: "id", "cadre-id" (int64), "section" ("B"),
 * "kind" (sub-kind code or ""), "entry-date" ("YYYY-MM-DD", "YYYY-MM",
 * "YYYY" or ""), "outcome" (code or ""), "summary" (translated one-line
 * summary built from the section's summary keys, choice codes as labels),
 * "n-attachments" (uint), "retired-at" (int64, 0 = active),
 * "retired-reason", "created-at", "updated-at". */
gint64       ld_file_entry_get_id            (LdFileEntry *self);
gint64       ld_file_entry_get_cadre_id      (LdFileEntry *self);
const char  *ld_file_entry_get_section       (LdFileEntry *self);
const LdFileSectionInfo *ld_file_entry_get_section_info (LdFileEntry *self);
const char  *ld_file_entry_get_kind          (LdFileEntry *self);
const char  *ld_file_entry_get_entry_date    (LdFileEntry *self);
const char  *ld_file_entry_get_outcome       (LdFileEntry *self);
const char  *ld_file_entry_get_summary       (LdFileEntry *self);
guint        ld_file_entry_get_n_attachments (LdFileEntry *self);
gint64       ld_file_entry_get_retired_at    (LdFileEntry *self);
const char  *ld_file_entry_get_retired_reason (LdFileEntry *self);
gint64       ld_file_entry_get_created_at    (LdFileEntry *self);
gint64       ld_file_entry_get_updated_at    (LdFileEntry *self);
/* The stored value of a field key ("" when unset). */
const char  *ld_file_entry_get_value         (LdFileEntry *self,
                                              const char  *key);
/* The field keys that have a value, in the section's field order. */
GStrv        ld_file_entry_dup_keys          (LdFileEntry *self);

/* What a caller fills in to add or change an entry. values maps field
 * key → text (owned strings); unknown keys are an error. */
typedef struct
{
  char       *section;
  char       *kind;         /* NULL or "" when the section has no kinds */
  char       *entry_date;   /* text as typed; normalised by the repository */
  GHashTable *values;       /* char* → char*, owned */
} LdFileEntrySpec;

void         ld_file_entry_spec_init         (LdFileEntrySpec *spec,
                                              const char      *section);
void         ld_file_entry_spec_clear        (LdFileEntrySpec *spec);
/* Initialises SPEC with the section, kind, date and values of ENTRY, for
 * an edit that changes some of them. */
void         ld_file_entry_spec_init_from_entry (LdFileEntrySpec *spec,
                                                 LdFileEntry     *entry);
void         ld_file_entry_spec_set          (LdFileEntrySpec *spec,
                                              const char      *key,
                                              const char      *value);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdFileEntrySpec, ld_file_entry_spec_clear)

/* Validates a spec against its section: known section with entries, kind
 * among the section's kinds, date, every field (ld_entry_field_normalise),
 * required fields present. On failure sets LD_ERROR_INVALID and, if
 * bad_key is not NULL, the key of the first bad field ("entry-date" for
 * the date, "kind" for the kind) so a dialog can mark it. Pure. */
gboolean     ld_file_entry_spec_validate     (const LdFileEntrySpec *spec,
                                              char                 **bad_key,
                                              GError               **error);

G_END_DECLS
