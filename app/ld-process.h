/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call first thing in main(): files are created 0600/0700 (umask 077), no
 * core dumps, and the process is not dumpable (no ptrace by other users'
 * tools, no /proc/PID/mem reads), so decrypted records and keys do not leak
 * to disk through a crash (SECURITY.md A10, A14). */
void ld_process_harden (void);

/* setlocale and gettext set-up. Translations come from
 * $LIANDANG_LOCALEDIR when set (build-aux/run points it at the build tree),
 * else from the installed locale directory. */
void ld_i18n_init      (void);

G_END_DECLS
