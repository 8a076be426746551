/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-process"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "ld-process.h"

void
ld_process_harden (void)
{
  struct rlimit none = { 0, 0 };

  umask (077);
  if (setrlimit (RLIMIT_CORE, &none) != 0)
    g_debug ("Could not disable core dumps");
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("Could not mark the process non-dumpable");
}

void
ld_i18n_init (void)
{
  const char *dir = g_getenv ("LIANDANG_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
