/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ld-application.h"
#include "ld-types.h"
#include "vault/ld-vault.h"

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

/* ld_ui_test_create_vault() plus the accounts of the case pages: "sec"
 * (security administrator), "ivy" (investigator) and "vic" (viewer), the
 * last two scoped to every unit. */
void           ld_ui_test_create_case_vault (const char *dir);

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

/* Today as YYYY-MM-DD, local time. */
char          *ld_ui_test_today         (void);

/* A serving cadre in unit_id (grade L07, county authority) with the given
 * name, identity number and post. */
gint64         ld_ui_test_add_cadre     (LdVault     *vault,
                                         gint64       unit_id,
                                         const char  *name,
                                         const char  *id_number,
                                         const char  *post,
                                         gboolean     principal);

/* A vault on dir unlocked by account with LD_TEST_PASSWORD. */
LdVault       *ld_ui_test_open_vault    (const char  *dir,
                                         const char  *account);
/* Runs until idle, locks and drops the vault. */
void           ld_ui_test_close_vault   (LdVault     *vault);

/* One ld_vault_run_async() call waited for: pass ld_ui_test_run_cb and a
 * zeroed LdUiTestRun, then wait for done. */
typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} LdUiTestRun;

void           ld_ui_test_run_cb        (GObject       *object,
                                         GAsyncResult  *result,
                                         gpointer       user_data);
/* Runs func on the vault's worker, waits (10 s at most) and asserts it did
 * not fail; returns its result. */
gpointer       ld_ui_test_run_wait      (LdVault        *vault,
                                         LdVaultWorkFunc func,
                                         gpointer        data,
                                         GDestroyNotify  data_free,
                                         GDestroyNotify  result_free);

/* With $LD_TEST_SCREENSHOTS set to a directory, saves what widget shows
 * there as NAME.png, to look at the layout. */
void           ld_ui_test_screenshot    (GtkWidget   *widget,
                                         const char  *name);
/* A new window of width x height holding child, presented and drawn. */
GtkWindow     *ld_ui_test_show_in_window (GtkWidget  *child,
                                          int         width,
                                          int         height);

/* The first button under widget whose action is action_name. */
GtkWidget     *ld_ui_test_find_action_button (GtkWidget  *widget,
                                              const char *action_name);
/* The first widget of type under widget (widget itself included). */
GtkWidget     *ld_ui_test_find_widget   (GtkWidget   *widget,
                                         GType        type);

G_END_DECLS
