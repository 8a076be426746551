/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liandang"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "ld-application.h"

/* Hardening that must happen before any secret is in memory
 * (SECURITY.md A14, §1.5): new files private to the user, no core dumps,
 * no ptrace attach by other processes of the same user. */
static void
harden_process (void)
{
  struct rlimit no_core = { 0, 0 };

  umask (077);

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not disable core dumps: %s", g_strerror (errno));

  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not make the process non-dumpable: %s", g_strerror (errno));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdApplication) app = NULL;

  harden_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Liandang"));

  app = ld_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
