/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sections of an integrity file (DOMAIN.md §4.2–4.3) and the fields of
 * their entries. Pure tables: no vault, no GTK. Section A (basic
 * information) is the cadre record itself (records/ld-cadre.h); F, G, H
 * and M (petitions, talks, measures, opinion replies) are filled by later
 * record kinds and have no entry fields here (has_entries FALSE); the
 * others (B C D E I J K L N Z) hold dated entries (LdFileEntry). */

typedef enum
{
  LD_ENTRY_FIELD_TEXT,        /* one line, ≤ 200 characters */
  LD_ENTRY_FIELD_LONG_TEXT,   /* several lines, ≤ 20,000 characters */
  LD_ENTRY_FIELD_DATE,        /* "YYYY-MM-DD" or "YYYY-MM" */
  LD_ENTRY_FIELD_YEAR,        /* "YYYY", 1900..2100 */
  LD_ENTRY_FIELD_INT,         /* whole number ≥ 0 */
  LD_ENTRY_FIELD_DECIMAL,     /* amount or score: "1234.5", ≥ 0, two decimals at most */
  LD_ENTRY_FIELD_BOOL,        /* "1" or "0" */
  LD_ENTRY_FIELD_CHOICE,      /* one of the field's choice codes */
} LdEntryFieldType;

typedef struct
{
  const char *code;           /* stable, stored ("omitted") */
  const char *label;          /* untranslated msgid; show with ld_file_section_gettext() */
} LdEntryChoice;

typedef struct
{
  const char          *key;          /* stable, stored ("relation") */
  const char          *label;        /* untranslated msgid */
  LdEntryFieldType     type;
  gboolean             required;
  const LdEntryChoice *choices;      /* CHOICE only; terminated by a NULL code */
  const char          *hint;         /* untranslated msgid shown under the field, or NULL */
} LdEntryFieldInfo;

typedef struct
{
  const char             *code;          /* "A" … "Z" */
  const char             *title;         /* untranslated msgid: "Family Members and Social Relations" */
  const char             *description;   /* untranslated msgid: what goes in it */
  gboolean                has_entries;   /* FALSE for A (the cadre record) and F G H M (later record kinds) */
  const char             *date_label;    /* untranslated msgid of the entry date ("Report year"), or NULL */
  LdEntryFieldType        date_type;     /* DATE or YEAR */
  const LdEntryChoice    *kinds;         /* sub-kinds (E: gift, wedding-funeral, pledge, outside-post,
                                          * passport, interference), NULL-code terminated, or NULL */
  const LdEntryFieldInfo *fields;
  guint                   n_fields;
  const char             *outcome_key;   /* the field copied into file_entries.outcome for statistics
                                          * (C: "verification", I: "grade"), or NULL */
  const char             *summary_keys;  /* comma-separated keys joined for the one-line summary */
} LdFileSectionInfo;

/* Every section in file order A B C D E F G H I J K L M N Z. */
const LdFileSectionInfo *ld_file_sections            (guint        *n_sections);
/* NULL for an unknown code. */
const LdFileSectionInfo *ld_file_section_lookup      (const char   *code);
const LdEntryFieldInfo  *ld_file_section_find_field  (const LdFileSectionInfo *section,
                                                      const char              *key);
/* The translated text of a label, title, description, hint or choice label
 * of these tables (they are msgids marked with N_()). */
const char              *ld_file_section_gettext     (const char   *msgid);
/* The translated label of a choice code of FIELD, or CODE itself when
 * unknown. */
const char              *ld_entry_field_choice_label (const LdEntryFieldInfo *field,
                                                      const char             *code);

/* Checks and normalises one value for FIELD (trims; NFKC for numbers and
 * dates; dates in the forms ld_parse_date() accepts). Returns the stored
 * form ("" for an empty optional value) or NULL with LD_ERROR_INVALID and
 * a translated message naming the field and how to write it. */
char                    *ld_entry_field_normalise    (const LdEntryFieldInfo *field,
                                                      const char             *value,
                                                      GError                **error);

/* Personal-matters report items (section C, DOMAIN.md §4.3): the 8 family
 * matters PM1…PM8 and the 6 property matters PA1…PA6, each with its
 * translated label via ld_file_section_gettext(). NULL-code terminated. */
const LdEntryChoice     *ld_personal_matters_items   (void);

/* Position of a section in file order (0 for A …), or the number of
 * sections for an unknown code. */
guint                    ld_file_section_index       (const char   *code);
/* The translated label of one of the section's sub-kinds, or KIND itself
 * when unknown. */
const char              *ld_file_section_kind_label  (const LdFileSectionInfo *section,
                                                      const char              *kind);
/* Whether entries of KIND use FIELD: a section with sub-kinds (E, L, D)
 * uses some fields for one kind only (E "item" for gifts, L "score" for
 * tests). Every field applies when KIND is NULL or "". */
gboolean                 ld_file_section_field_applies (const LdFileSectionInfo *section,
                                                        const LdEntryFieldInfo  *field,
                                                        const char              *kind);
/* A short translated description of what a field type accepts ("date
 * YYYY-MM-DD or YYYY-MM"), for help texts. */
const char              *ld_entry_field_type_hint    (LdEntryFieldType type);

/* For history views: describes one "name=value" line of a version written
 * for a file entry or an attachment ("C.verification" and "omitted" give
 * "Personal Matters Reports: Verification result" and "Omission"; kinds,
 * choices and yes/no fields are shown by their labels, other values as
 * stored). Returns FALSE, setting nothing, for a name that is not theirs. */
gboolean                 ld_file_section_describe_change (const char  *name,
                                                          const char  *value,
                                                          char       **out_label,
                                                          char       **out_value);

G_END_DECLS
