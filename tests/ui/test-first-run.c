/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-first-run"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-add-account-dialog.h"
#include "dialogs/ld-unlock-window-private.h"
#include "ld-window.h"
#include "pages/ld-accounts-page.h"
#include "vault/ld-vault.h"

/* No vault yet: the unlock window explains and asks for the administrator;
 * invalid input is refused inline and creates nothing; valid input creates
 * the vault and opens the main window on the Accounts page, with the banner
 * about the missing security administrator and auditor. */
static void
test_first_run_create (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  LdApplication *app;
  LdUnlockWindow *unlock;
  LdWindow *window;
  GtkWidget *page;

  app = ld_ui_test_app_new (vault_dir);
  unlock = LD_UNLOCK_WINDOW (ld_application_get_unlock_window (app));
  g_assert_cmpstr (ld_unlock_window_get_mode (unlock), ==, "create");
  g_assert_null (ld_unlock_window_get_error_message (unlock));

  /* Confirmation differs: refused before any work. */
  _ld_unlock_window_fill (unlock, "chief", "Sturdy-Pass-2024", "Sturdy-Pass-2025", LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_false (ld_unlock_window_get_busy (unlock));
  g_assert_false (ld_vault_dir_is_vault (vault_dir));

  /* Too weak for the default policy. */
  _ld_unlock_window_fill (unlock, "chief", "short", "short", LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_false (ld_vault_dir_is_vault (vault_dir));

  /* An invalid account name. */
  _ld_unlock_window_fill (unlock, "a b", "Sturdy-Pass-2024", "Sturdy-Pass-2024", LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_nonnull (ld_unlock_window_get_error_message (unlock));
  g_assert_false (ld_vault_dir_is_vault (vault_dir));

  /* Valid: creates the vault and opens the main window. */
  _ld_unlock_window_fill (unlock, "chief", "Sturdy-Pass-2024", "Sturdy-Pass-2024", LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.submit", NULL));
  g_assert_true (ld_unlock_window_get_busy (unlock));
  g_assert_null (ld_unlock_window_get_error_message (unlock));

  LD_UI_TEST_WAIT_FOR (ld_application_get_main_window (app) != NULL, 30000);
  g_assert_null (ld_application_get_unlock_window (app));
  g_assert_true (ld_vault_dir_is_vault (vault_dir));
  g_assert_true (ld_vault_is_open (ld_application_get_vault (app)));
  g_assert_cmpstr (ld_vault_get_session (ld_application_get_vault (app))->name, ==, "chief");

  window = LD_WINDOW (ld_application_get_main_window (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "accounts");
  g_assert_nonnull (ld_window_get_page (window, "account"));
  g_assert_null (ld_window_get_page (window, "policy"));
  g_assert_null (ld_window_get_page (window, "audit"));

  /* 三员 incomplete: the banner shows. */
  LD_UI_TEST_WAIT_FOR (ld_window_get_banner_revealed (window), 10000);

  /* The account list holds the administrator. */
  page = ld_window_get_page (window, "accounts");
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (ld_accounts_page_get_model (LD_ACCOUNTS_PAGE (page))), ==, 1);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* Adding the security administrator and the auditor from the Accounts page
 * (Ctrl+N → the dialog) makes the banner go away. */
static void
test_first_run_complete_roles (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  GtkWidget *page;
  GListModel *model;
  static const struct {
    const char *name;
    LdRole      role;
  } accounts[] = {
    { "security", LD_ROLE_SECADMIN },
    { "auditor", LD_ROLE_AUDITOR },
  };

  ld_ui_test_create_vault (dir);
  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD));
  page = ld_window_get_page (window, "accounts");
  model = ld_accounts_page_get_model (LD_ACCOUNTS_PAGE (page));
  LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (model) == 1, 10000);
  LD_UI_TEST_WAIT_FOR (ld_window_get_banner_revealed (window), 10000);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      LdAddAccountDialog *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
      dialog = LD_ADD_ACCOUNT_DIALOG (ld_ui_test_find_window (LD_TYPE_ADD_ACCOUNT_DIALOG));
      g_assert_nonnull (dialog);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

      /* A mismatch is refused inline. */
      ld_add_account_dialog_fill (dialog, accounts[i].name, accounts[i].role, "Initial-Pass-2024", "Initial-Pass-2025");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.create", NULL));
      g_assert_nonnull (ld_add_account_dialog_get_error_message (dialog));

      ld_add_account_dialog_fill (dialog, accounts[i].name, accounts[i].role, "Initial-Pass-2024", "Initial-Pass-2024");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.create", NULL));

      LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_ADD_ACCOUNT_DIALOG) == NULL, 30000);
      LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (model) == i + 2, 10000);
    }

  LD_UI_TEST_WAIT_FOR (!ld_window_get_banner_revealed (window), 10000);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/first-run/create", test_first_run_create);
  g_test_add_func ("/ui/first-run/complete-roles", test_first_run_complete_roles);

  return g_test_run ();
}
