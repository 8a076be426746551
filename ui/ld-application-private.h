/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-application.h"

G_BEGIN_DECLS

struct _LdApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *vault_dir;
  LdVault        *vault;
  GSettings      *settings;

  /* Borrowed References (weak pointers) */
  GtkWindow      *main_window;
  GtkWindow      *unlock_window;
};

void _ld_application_actions_init   (LdApplication *self);
void _ld_application_actions_update (LdApplication *self);

G_END_DECLS
