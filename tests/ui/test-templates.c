/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-templates"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-add-account-dialog.h"
#include "dialogs/ld-change-password-dialog.h"
#include "dialogs/ld-change-role-dialog.h"
#include "dialogs/ld-preferences-window.h"
#include "dialogs/ld-reset-password-dialog.h"
#include "ld-window.h"
#include "pages/ld-account-page.h"
#include "pages/ld-accounts-page.h"
#include "pages/ld-audit-page.h"
#include "pages/ld-home-page.h"
#include "pages/ld-policy-page.h"
#include "vault/ld-vault.h"

/* Every .ui file must load at run time at least once: a class too new for
 * GTK 4.8 / libadwaita 1.2 only fails here (STYLE.md §7.5). The unlock
 * window, the main window and the sidebar rows load in the other tests and
 * again below. */

static void
show_and_destroy (GtkWindow *window)
{
  g_assert_true (GTK_IS_WINDOW (window));

  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_destroy (window);
  ld_ui_test_flush ();
}

static void
show_page (LdPage *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_assert_true (LD_IS_PAGE (page));
  g_assert_nonnull (ld_page_get_title (page));
  g_assert_nonnull (ld_page_get_icon_name (page));

  gtk_window_set_default_size (window, 900, 600);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Let its first load finish (a refusal for this role shows a toast). */
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (page), 10000);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
}

static void
test_templates_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_templates_all (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdVault *vault;
  GtkWindow *window;
  GtkWindow *about;

  ld_ui_test_create_vault (dir);
  app = ld_ui_test_app_new (dir);
  vault = ld_application_get_vault (app);

  /* The preferences window before unlocking (no policy known yet). */
  show_and_destroy (GTK_WINDOW (ld_preferences_window_new (app)));

  window = ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD);
  g_assert_true (LD_IS_WINDOW (window));

  /* Pages, each on its own. */
  show_page (LD_PAGE (ld_accounts_page_new (vault)));
  show_page (LD_PAGE (ld_policy_page_new (vault)));
  show_page (LD_PAGE (ld_audit_page_new (vault)));
  show_page (LD_PAGE (ld_home_page_new (vault)));
  show_page (LD_PAGE (ld_account_page_new (vault)));

  /* Dialogs. */
  show_and_destroy (GTK_WINDOW (ld_add_account_dialog_new (vault)));
  show_and_destroy (GTK_WINDOW (ld_reset_password_dialog_new (vault, "someone")));
  show_and_destroy (GTK_WINDOW (ld_change_role_dialog_new (vault, "someone", LD_ROLE_LEADER)));
  show_and_destroy (GTK_WINDOW (ld_change_password_dialog_new (vault, LD_TEST_ADMIN)));
  show_and_destroy (GTK_WINDOW (ld_preferences_window_new (app)));

  /* The same through the app.* actions of the primary menu. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  about = ld_ui_test_find_window (LD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (about);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ld_ui_test_find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  about = ld_ui_test_find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (about);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  gtk_widget_set_visible (GTK_WIDGET (about), FALSE);

  /* Ctrl+N on the Accounts page opens the new-account dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
  about = ld_ui_test_find_window (LD_TYPE_ADD_ACCOUNT_DIALOG);
  g_assert_nonnull (about);
  gtk_window_close (about);
  ld_ui_test_flush ();

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/templates/help-overlay", test_templates_help_overlay);
  g_test_add_func ("/ui/templates/all", test_templates_all);

  return g_test_run ();
}
