/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-application.h"
#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TEST_ADMIN          "admin"
#define LD_TEST_ADMIN_PASSWORD "Chief-Key-2024"
#define LD_TEST_PASSWORD       "Final-Pass-2024"

/* gtk_test_init() + adw_init(), with D-Bus kept out of the way. */
void           ld_ui_test_init          (int         *argc,
                                         char      ***argv);

/* A new temporary directory (caller frees and removes it). */
char          *ld_ui_test_make_dir      (void);
void           ld_ui_test_remove_dir    (const char  *dir);

/* Creates a vault in dir with the administrator LD_TEST_ADMIN (cheap KDF),
 * then locks it. */
void           ld_ui_test_create_vault  (const char  *dir);
/* Adds an account (as the administrator) whose first password change is
 * already done, so it unlocks with LD_TEST_PASSWORD. With
 * must_change TRUE it keeps the initial password `initial`. */
void           ld_ui_test_add_account   (const char  *dir,
                                         const char  *name,
                                         LdRole       role,
                                         const char  *initial,
                                         gboolean     must_change);

/* A registered, activated, non-unique application on dir. */
LdApplication *ld_ui_test_app_new       (const char  *dir);
/* Types name/password in the unlock window and submits; waits until the
 * main window is shown. */
GtkWindow     *ld_ui_test_unlock        (LdApplication *app,
                                         const char    *name,
                                         const char    *password);
/* Destroys every window and drops the application (locking the vault). */
void           ld_ui_test_app_free      (LdApplication *app);

/* Iterates the main context until cond (evaluated each time) holds or
 * timeout_ms pass. */
gboolean       ld_ui_test_wait          (gboolean   (*cond) (gpointer),
                                         gpointer     data,
                                         guint        timeout_ms);
/* Same with an expression. */
#define LD_UI_TEST_WAIT_FOR(expr, timeout_ms) \
  G_STMT_START { \
    gint64 __deadline = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(expr) && g_get_monotonic_time () < __deadline) \
      { \
        if (!g_main_context_iteration (NULL, FALSE)) \
          g_usleep (2000); \
      } \
    g_assert_true (expr); \
  } G_STMT_END

/* Runs until idle. */
void           ld_ui_test_flush         (void);
/* The first toplevel window of type (NULL if none). */
GtkWindow     *ld_ui_test_find_window   (GType        type);

G_END_DECLS
