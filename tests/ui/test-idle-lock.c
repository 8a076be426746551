/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-idle-lock"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "ld-window-private.h"
#include "rules/ld-password-policy.h"
#include "vault/ld-vault.h"

/* The test hook shortens the policy's delay, never lengthens it. */
static void
test_idle_lock_hook_bounds (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  int policy_seconds;

  ld_ui_test_create_vault (dir);
  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD));

  policy_seconds = ld_vault_get_policy (ld_application_get_vault (app))->idle_lock_minutes * 60;
  g_assert_cmpint (policy_seconds, >, 0);
  g_assert_cmpint (_ld_window_get_idle_seconds (window), ==, policy_seconds);

  _ld_window_set_idle_seconds (window, policy_seconds * 10);
  g_assert_cmpint (_ld_window_get_idle_seconds (window), ==, policy_seconds);

  _ld_window_set_idle_seconds (window, 7);
  g_assert_cmpint (_ld_window_get_idle_seconds (window), ==, 7);

  _ld_window_set_idle_seconds (window, 0);
  g_assert_cmpint (_ld_window_get_idle_seconds (window), ==, policy_seconds);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* No input for the (shortened) idle delay: the main window is destroyed,
 * the vault is locked and the unlock window is back. Activity postpones
 * the lock. */
static void
test_idle_lock_locks (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdVault *vault;
  gint64 start;

  ld_ui_test_create_vault (dir);
  app = ld_ui_test_app_new (dir);
  vault = ld_application_get_vault (app);
  window = LD_WINDOW (ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD));
  g_assert_true (ld_vault_is_open (vault));

  _ld_window_set_idle_seconds (window, 2);

  /* Activity during 3 s keeps the window open. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      _ld_window_reset_idle (window);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50000);
    }
  g_assert_true (ld_application_get_main_window (app) == GTK_WINDOW (window));
  g_assert_true (ld_vault_is_open (vault));

  /* Then nothing: locked within the delay plus a margin. */
  LD_UI_TEST_WAIT_FOR (ld_application_get_main_window (app) == NULL, 6000);
  g_assert_nonnull (ld_application_get_unlock_window (app));
  LD_UI_TEST_WAIT_FOR (!ld_vault_is_open (vault), 6000);
  g_assert_null (ld_vault_get_session (vault));

  /* Unlocking needs the password again. */
  ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD);
  g_assert_true (ld_vault_is_open (vault));

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/idle-lock/hook-bounds", test_idle_lock_hook_bounds);
  g_test_add_func ("/ui/idle-lock/locks", test_idle_lock_locks);

  return g_test_run ();
}
