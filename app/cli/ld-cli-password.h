/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest password accepted, in bytes. */
#define LD_CLI_SECRET_MAX 1024

/* A NUL-terminated password kept in guarded memory (sodium_malloc), never
 * swapped out in plain heap and wiped when freed. */
typedef char LdCliSecret;

void         ld_cli_secret_free      (LdCliSecret       *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCliSecret, ld_cli_secret_free)

/* Reads one line (the trailing "\n" or "\r\n" stripped) byte by byte, so
 * nothing after it is consumed. Fails with LD_ERROR_USAGE at end of file. */
LdCliSecret *ld_cli_secret_read_fd   (int                fd,
                                      GError           **error);
/* The first line of a file. */
LdCliSecret *ld_cli_secret_read_file (const char        *path,
                                      GError           **error);
/* Asks on the controlling terminal with echo turned off; the terminal is
 * restored on return and when a signal ends the process. */
LdCliSecret *ld_cli_secret_prompt    (const char        *prompt,
                                      GError           **error);
gboolean     ld_cli_secret_equal     (const LdCliSecret *a,
                                      const LdCliSecret *b);

G_END_DECLS
