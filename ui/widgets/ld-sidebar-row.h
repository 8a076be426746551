/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LD_TYPE_SIDEBAR_ROW (ld_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (LdSidebarRow, ld_sidebar_row, LD, SIDEBAR_ROW, GtkListBoxRow)

/* One page in the window's sidebar, following a GtkStackPage. */
GtkWidget  *ld_sidebar_row_new            (GtkStackPage *page);
GtkStackPage *ld_sidebar_row_get_page     (LdSidebarRow *self);

G_END_DECLS
