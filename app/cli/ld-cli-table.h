/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A plain text table for terminals: columns are padded to the widest cell,
 * counting East Asian wide characters as two columns. Control characters in
 * cells are shown escaped, so stored text cannot drive the terminal. */
typedef struct _LdCliTable LdCliTable;

LdCliTable  *ld_cli_table_new          (guint        n_columns,
                                        ...);
void         ld_cli_table_free         (LdCliTable  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCliTable, ld_cli_table_free)

void         ld_cli_table_set_right_aligned (LdCliTable *self,
                                             guint       column);
/* Takes n_columns strings; NULL shows as an empty cell. */
void         ld_cli_table_add_row      (LdCliTable  *self,
                                        ...);
void         ld_cli_table_add_rowv     (LdCliTable  *self,
                                        const char * const *cells);
guint        ld_cli_table_get_n_rows   (LdCliTable  *self);
char        *ld_cli_table_to_string    (LdCliTable  *self);

/* Terminal columns a UTF-8 string takes (wide characters count 2,
 * combining marks 0). */
guint        ld_cli_text_width         (const char  *text);
/* Makes text safe to print: invalid UTF-8 replaced, control characters
 * written as \n, \t or \uXXXX. */
char        *ld_cli_text_sanitize      (const char  *text);

/* Wraps each line of text at width columns (spaces and CJK characters are
 * break points); continuation lines keep the line's leading indent. */
char        *ld_cli_text_wrap          (const char  *text,
                                        guint        width);
/* Columns of the terminal on standard output, else 80 (40..120). */
guint        ld_cli_terminal_width     (void);

G_END_DECLS
