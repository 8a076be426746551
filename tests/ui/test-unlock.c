/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-unlock"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-change-password-dialog.h"
#include "dialogs/ld-unlock-window-private.h"
#include "ld-window.h"
#include "vault/ld-vault.h"

/* A wrong password: the error is shown inline, the password field is
 * cleared, the vault stays locked and no main window appears. Then the right
 * password opens the main window. */
static void
test_unlock_wrong_then_right (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdUnlockWindow *unlock;
  LdVault *vault;
  GtkWindow *window;

  ld_ui_test_create_vault (dir);
  app = ld_ui_test_app_new (dir);
  vault = ld_application_get_vault (app);
  unlock = LD_UNLOCK_WINDOW (ld_application_get_unlock_window (app));
  g_assert_cmpstr (ld_unlock_window_get_mode (unlock), ==, "unlock");

  /* Empty fields are refused before any work. */
  _ld_unlock_window_fill (unlock, "", "", NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_false (ld_unlock_window_get_busy (unlock));

  _ld_unlock_window_fill (unlock, LD_TEST_ADMIN, "Wrong-Pass-2024", NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_true (ld_unlock_window_get_busy (unlock));
  LD_UI_TEST_WAIT_FOR (!ld_unlock_window_get_busy (unlock), 30000);

  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_cmpstr (_ld_unlock_window_get_password (unlock), ==, "");
  g_assert_false (ld_vault_is_open (vault));
  g_assert_null (ld_application_get_main_window (app));
  g_assert_true (ld_application_get_unlock_window (app) == GTK_WINDOW (unlock));

  /* An unknown account gets the same refusal. */
  _ld_unlock_window_fill (unlock, "nobody", LD_TEST_ADMIN_PASSWORD, NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_unlock_window_get_busy (unlock), 30000);
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_false (ld_vault_is_open (vault));

  window = ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD);
  g_assert_true (LD_IS_WINDOW (window));
  g_assert_true (ld_vault_is_open (vault));
  g_assert_cmpstr (ld_vault_get_session (vault)->name, ==, LD_TEST_ADMIN);
  g_assert_null (ld_application_get_unlock_window (app));

  /* Ctrl+L (app.lock): the window goes, the vault locks, the unlock
   * window comes back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_null (ld_application_get_main_window (app));
  g_assert_nonnull (ld_application_get_unlock_window (app));
  LD_UI_TEST_WAIT_FOR (!ld_vault_is_open (vault), 10000);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));

  /* And it unlocks again. */
  window = ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD);
  g_assert_true (ld_vault_is_open (vault));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* A reset password: the change-password dialog must be completed before
 * the main window opens; cancelling it locks the vault again. */
static void
test_unlock_must_change (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdUnlockWindow *unlock;
  LdVault *vault;
  LdChangePasswordDialog *dialog;
  LdWindow *window;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "alice", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", TRUE);

  app = ld_ui_test_app_new (dir);
  vault = ld_application_get_vault (app);
  unlock = LD_UNLOCK_WINDOW (ld_application_get_unlock_window (app));

  /* Cancel: locked again, still no main window. */
  _ld_unlock_window_fill (unlock, "alice", "Initial-Pass-2024", NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  LD_UI_TEST_WAIT_FOR (_ld_unlock_window_get_password_dialog (unlock) != NULL, 30000);
  g_assert_null (ld_application_get_main_window (app));
  dialog = LD_CHANGE_PASSWORD_DIALOG (_ld_unlock_window_get_password_dialog (unlock));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (!ld_vault_is_open (vault), 10000);
  g_assert_null (ld_application_get_main_window (app));
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));

  /* Complete it: weak and mismatching passwords are refused inline. */
  _ld_unlock_window_fill (unlock, "alice", "Initial-Pass-2024", NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  LD_UI_TEST_WAIT_FOR (_ld_unlock_window_get_password_dialog (unlock) != NULL, 30000);
  dialog = LD_CHANGE_PASSWORD_DIALOG (_ld_unlock_window_get_password_dialog (unlock));

  ld_change_password_dialog_fill (dialog, "weak", "weak");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.change", NULL));
  g_assert_nonnull (ld_change_password_dialog_get_error_message (dialog));

  ld_change_password_dialog_fill (dialog, LD_TEST_PASSWORD, "Other-Pass-2024");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.change", NULL));
  g_assert_nonnull (ld_change_password_dialog_get_error_message (dialog));
  g_assert_null (ld_application_get_main_window (app));

  ld_change_password_dialog_fill (dialog, LD_TEST_PASSWORD, LD_TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.change", NULL));
  LD_UI_TEST_WAIT_FOR (ld_application_get_main_window (app) != NULL, 30000);

  window = LD_WINDOW (ld_application_get_main_window (app));
  g_assert_false (ld_vault_get_session (vault)->must_change_password);
  /* A business role: the supervision board first, no administrator pages. */
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "board");
  g_assert_null (ld_window_get_page (window, "accounts"));
  g_assert_nonnull (ld_window_get_page (window, "account"));

  /* The new password works after a lock. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  LD_UI_TEST_WAIT_FOR (!ld_vault_is_open (vault), 10000);
  ld_ui_test_unlock (app, "alice", LD_TEST_PASSWORD);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/unlock/wrong-then-right", test_unlock_wrong_then_right);
  g_test_add_func ("/ui/unlock/must-change", test_unlock_must_change);

  return g_test_run ();
}
