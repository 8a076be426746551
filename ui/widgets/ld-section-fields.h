/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "records/ld-cadre.h"
#include "rules/ld-code-tables.h"

G_BEGIN_DECLS

/* Display helpers shared by the file view, the cadre dialog and the
 * History: the pick lists of section A's coded fields and their values as
 * translated labels. Not a widget. */

/* The choices of a coded section-A column ("political_status",
 * "ethnicity", "edu_fulltime", "edu_inservice", "degree_fulltime",
 * "degree_inservice", "post_level", "rank", "authority",
 * "status", "classification"), labels translated, in order; NULL (and
 * *n = 0) for a free-text column. The codes are the ones the cadre
 * repository stores. */
const LdCode *ld_section_a_choices      (const char          *column,
                                         guint               *n);
/* The translated label of one stored value of a section-A column: a code
 * as its label, "M"/"F" as the sex, "1"/"0" of a switch as Yes/No, post
 * tags as their labels; other values as they are. Free with g_free(). */
char         *ld_section_a_value_label  (const char          *column,
                                         const char          *value);
/* The stored text of a section-A column of fields ("" when unset). */
char         *ld_section_a_value_text   (const LdCadreFields *fields,
                                         const char          *column);
/* The translated label of a field named in a file's history: a section-A
 * column, or "<section>.<key>" of an entry field ("Family Members and
 * Social Relations · Full name"). Free with g_free(). */
char         *ld_history_field_label    (const char          *field);
/* A shorter label for a list of changed fields (the field without its
 * section), or NULL for a field not worth listing (entry and attachment
 * numbers, checksums). */
char         *ld_history_field_short_label (const char        *field);
/* The translated value of such a field (choice codes as labels). */
char         *ld_history_value_label    (const char          *field,
                                         const char          *value);
/* The translated name of a history event ("cadre.updated" → "Changed"). */
const char   *ld_history_event_label    (const char          *event);

G_END_DECLS
