/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-application.h"

G_BEGIN_DECLS

#define LD_TYPE_UNLOCK_WINDOW (ld_unlock_window_get_type ())
G_DECLARE_FINAL_TYPE (LdUnlockWindow, ld_unlock_window, LD, UNLOCK_WINDOW, AdwApplicationWindow)

/* Unlocks the application's vault, or creates it on first run. Emits
 * "unlocked" once the vault is open and any forced password change is done. */
LdUnlockWindow *ld_unlock_window_new               (LdApplication  *application);
/* "unlock" or "create". */
const char     *ld_unlock_window_get_mode          (LdUnlockWindow *self);
gboolean        ld_unlock_window_get_busy          (LdUnlockWindow *self);
/* The inline error shown, or NULL. */
const char     *ld_unlock_window_get_error_message (LdUnlockWindow *self);

G_END_DECLS
