/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-application.h"

G_BEGIN_DECLS

#define LD_TYPE_WINDOW (ld_window_get_type ())
G_DECLARE_FINAL_TYPE (LdWindow, ld_window, LD, WINDOW, AdwApplicationWindow)

/* The main window for the signed-in account of the application's vault. */
LdWindow    *ld_window_new              (LdApplication *application);
/* The name of the visible page: "accounts", "policy", "audit", "home" or
 * "account". */
const char  *ld_window_get_page_name    (LdWindow      *self);
void         ld_window_set_page_name    (LdWindow      *self,
                                         const char    *name);
GtkWidget   *ld_window_get_page         (LdWindow      *self,
                                         const char    *name);
void         ld_window_add_toast        (LdWindow      *self,
                                         AdwToast      *toast);
/* Whether the banner about missing administrator roles is shown. */
gboolean     ld_window_get_banner_revealed (LdWindow   *self);

G_END_DECLS
