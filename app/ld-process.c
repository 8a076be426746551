/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-process"

#include "config.h"

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
