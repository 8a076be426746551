/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liandang"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-application.h"
#include "ld-process.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdApplication) app = NULL;

  /* Before any secret is in memory: umask 077, no core dumps, not
   * dumpable (SECURITY.md A14). */
  ld_process_harden ();

  /* setlocale, bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR, or
   * $LIANDANG_LOCALEDIR in a build tree), bind_textdomain_codeset and
   * textdomain. */
  ld_i18n_init ();

  g_set_application_name (_("Liandang"));

  app = ld_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
