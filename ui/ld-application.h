/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_APPLICATION (ld_application_get_type ())
G_DECLARE_FINAL_TYPE (LdApplication, ld_application, LD, APPLICATION, AdwApplication)

LdApplication *ld_application_new             (void);
LdVault       *ld_application_get_vault       (LdApplication *self);
const char    *ld_application_get_vault_dir   (LdApplication *self);
/* NULL when the GSettings schema is not installed (running uninstalled). */
GSettings     *ld_application_get_settings    (LdApplication *self);
GtkWindow     *ld_application_get_main_window (LdApplication *self);
GtkWindow     *ld_application_get_unlock_window (LdApplication *self);
/* Destroys the main window and its dialogs, locks the vault (audited with
 * reason) and shows the unlock window again. */
void           ld_application_lock            (LdApplication *self,
                                               const char    *reason);

G_END_DECLS
