/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-unlock-window.h"
#include "ld-types.h"

G_BEGIN_DECLS

/* For tests: fill the form of the current mode (confirm and profile are
 * used in create mode only). Submit with the "unlock.submit" action. */
void        _ld_unlock_window_fill          (LdUnlockWindow *self,
                                             const char     *name,
                                             const char     *password,
                                             const char     *confirm,
                                             LdKdfProfile    profile);
const char *_ld_unlock_window_get_password  (LdUnlockWindow *self);
/* The forced change-password dialog while it is shown, else NULL. */
GtkWindow  *_ld_unlock_window_get_password_dialog (LdUnlockWindow *self);

G_END_DECLS
