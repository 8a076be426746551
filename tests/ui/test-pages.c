/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pages"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-change-role-dialog.h"
#include "dialogs/ld-reset-password-dialog.h"
#include "ld-window.h"
#include "pages/ld-account-page.h"
#include "pages/ld-accounts-page.h"
#include "pages/ld-audit-page.h"
#include "pages/ld-policy-page.h"
#include "records/ld-user.h"
#include "rules/ld-password-policy.h"
#include "vault/ld-audit-log.h"
#include "ld-error.h"
#include "vault/ld-vault.h"
#include "widgets/ld-grant-row.h"
#include "widgets/ld-policy-row.h"

static LdUser *
find_user (GListModel *model,
           const char *name)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdUser) user = g_list_model_get_item (model, i);

      if (g_strcmp0 (ld_user_get_name (user), name) == 0)
        return user;   /* the model keeps its reference */
    }

  return NULL;
}

static gboolean
user_disabled (GListModel *model,
               const char *name)
{
  LdUser *user = find_user (model, name);

  return user != NULL && ld_user_get_disabled (user);
}

static void
test_pages_accounts (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdAccountsPage *page;
  GListModel *model;
  GtkWindow *dialog;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "alice", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD));
  page = LD_ACCOUNTS_PAGE (ld_window_get_page (window, "accounts"));
  model = ld_accounts_page_get_model (page);
  LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (model) == 2, 10000);

  /* Oneself cannot be disabled or reset here. */
  g_assert_true (ld_accounts_page_select (page, LD_TEST_ADMIN));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.disable", NULL) &&
                  ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  g_assert_true (ld_accounts_page_select (page, "alice"));

  /* Disable asks first; cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.disable", NULL));
  dialog = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ld_ui_test_flush ();
  g_assert_false (user_disabled (model, "alice"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.disable", NULL));
  dialog = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "disable");
  LD_UI_TEST_WAIT_FOR (user_disabled (model, "alice"), 10000);

  /* The selection follows the account across the reload. */
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_true (ld_accounts_page_select (page, "alice"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.enable", NULL));
  LD_UI_TEST_WAIT_FOR (!user_disabled (model, "alice") && !ld_page_get_busy (LD_PAGE (page)), 10000);

  /* Change role: business roles only. */
  g_assert_true (ld_accounts_page_select (page, "alice"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.change-role", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_CHANGE_ROLE_DIALOG);
  g_assert_nonnull (dialog);
  ld_change_role_dialog_set_role (LD_CHANGE_ROLE_DIALOG (dialog), LD_ROLE_LEADER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "role.apply", NULL));
  LD_UI_TEST_WAIT_FOR (find_user (model, "alice") != NULL &&
                       ld_user_get_role (find_user (model, "alice")) == LD_ROLE_LEADER, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 10000);

  /* Reset password: alice must change it at the next sign-in. */
  g_assert_true (ld_accounts_page_select (page, "alice"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "accounts.reset-password", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_RESET_PASSWORD_DIALOG);
  g_assert_nonnull (dialog);
  ld_reset_password_dialog_fill (LD_RESET_PASSWORD_DIALOG (dialog), "Temporary-Pass-2024", "Temporary-Pass-2025");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.reset", NULL));
  g_assert_nonnull (ld_reset_password_dialog_get_error_message (LD_RESET_PASSWORD_DIALOG (dialog)));
  ld_reset_password_dialog_fill (LD_RESET_PASSWORD_DIALOG (dialog), "Temporary-Pass-2024", "Temporary-Pass-2024");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.reset", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_RESET_PASSWORD_DIALOG) == NULL, 30000);
  LD_UI_TEST_WAIT_FOR (find_user (model, "alice") != NULL &&
                       ld_user_get_must_change_password (find_user (model, "alice")), 10000);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static void
test_pages_policy (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdPolicyPage *page;
  GListModel *accounts;
  LdPolicyRow *row;
  GtkWidget *grant_row;
  LdUser *alice;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "security", LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, "alice", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, "bob", LD_ROLE_VIEWER, "Initial-Pass-2024", FALSE);

  /* Lock bob out with failed sign-ins. */
  {
    g_autoptr(LdVault) vault = ld_vault_new (dir);

    gboolean locked = FALSE;

    for (guint i = 0; i < 25 && !locked; i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (ld_vault_unlock (vault, "bob", "Wrong-Pass-2024", &error));
        locked = g_error_matches (error, LD_ERROR, LD_ERROR_ACCOUNT_LOCKED);
      }
    g_assert_true (locked);
  }

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "security", LD_TEST_PASSWORD));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "policy");
  g_assert_null (ld_window_get_page (window, "accounts"));
  page = LD_POLICY_PAGE (ld_window_get_page (window, "policy"));
  accounts = ld_policy_page_get_accounts (page);
  LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (accounts) == 4, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 10000);

  /* One row per policy key, loaded from the vault. */
  for (const char * const *key = ld_policy_keys (); *key != NULL; key++)
    g_assert_nonnull (ld_policy_page_get_row (page, *key));

  row = LD_POLICY_ROW (ld_policy_page_get_row (page, "min-length"));
  g_assert_false (ld_policy_row_get_modified (row));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "policy.apply", NULL) &&
                  ld_page_get_busy (LD_PAGE (page)));

  ld_policy_row_set_value (row, ld_policy_row_get_value (row) + 2);
  g_assert_true (ld_policy_row_get_modified (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "policy.apply", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && !ld_policy_row_get_modified (row), 10000);
  g_assert_cmpint (ld_policy_row_get_value (row), ==,
                   ld_vault_get_policy (ld_application_get_vault (app))->min_length);

  /* Grants: business accounts only. */
  g_assert_nonnull (ld_policy_page_get_grant_row (page, LD_TEST_ADMIN));
  grant_row = ld_policy_page_get_grant_row (page, "alice");
  g_assert_nonnull (grant_row);
  ld_grant_row_set_grant (LD_GRANT_ROW (grant_row), LD_GRANT_EXPORT, TRUE);
  LD_UI_TEST_WAIT_FOR ((alice = find_user (accounts, "alice")) != NULL &&
                       (ld_user_get_grants (alice) & LD_GRANT_EXPORT) != 0 &&
                       !ld_page_get_busy (LD_PAGE (page)), 10000);

  /* Unlock a locked-out account. */
  LD_UI_TEST_WAIT_FOR (find_user (accounts, "bob") != NULL, 10000);
  g_assert_true (ld_user_get_locked (find_user (accounts, "bob")));
  grant_row = ld_policy_page_get_grant_row (page, "bob");
  g_assert_nonnull (grant_row);
  g_assert_true (gtk_widget_activate_action (grant_row, "row.unlock", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) &&
                       find_user (accounts, "bob") != NULL &&
                       !ld_user_get_locked (find_user (accounts, "bob")), 10000);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static gboolean
all_events_are (GListModel *model,
                const char *event)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdAuditEntry) entry = g_list_model_get_item (model, i);

      if (g_strcmp0 (ld_audit_entry_get_event (entry), event) != 0)
        return FALSE;
    }

  return n > 0;
}

static void
test_pages_audit (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdAuditPage *page;
  GListModel *entries;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "auditor", LD_ROLE_AUDITOR, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "auditor", LD_TEST_PASSWORD));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "audit");
  page = LD_AUDIT_PAGE (ld_window_get_page (window, "audit"));
  entries = ld_audit_page_get_model (page);
  LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (entries) > 0 && !ld_page_get_busy (LD_PAGE (page)), 10000);

  /* Filter by event. */
  ld_audit_page_set_filter (page, NULL, LD_AUDIT_LOGIN_OK, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.search", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && all_events_are (entries, LD_AUDIT_LOGIN_OK), 10000);

  /* A bad date is refused without a search. */
  ld_audit_page_set_filter (page, NULL, NULL, "2024-13-45", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.search", NULL));
  g_assert_false (ld_page_get_busy (LD_PAGE (page)));

  /* A date range in the future matches nothing. */
  ld_audit_page_set_filter (page, NULL, NULL, "2999-01-01", "2999-12-31");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.search", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && g_list_model_get_n_items (entries) == 0, 10000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.clear-filter", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && g_list_model_get_n_items (entries) > 0, 10000);

  /* Verify: the result is shown, and recorded in the trail. */
  g_assert_null (ld_audit_page_get_verify_result (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.verify", NULL));
  LD_UI_TEST_WAIT_FOR (ld_audit_page_get_verify_result (page) != NULL, 30000);
  g_assert_nonnull (strstr (ld_audit_page_get_verify_result (page), "intact"));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 10000);
  ld_audit_page_set_filter (page, NULL, LD_AUDIT_AUDIT_VERIFIED, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.search", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && all_events_are (entries, LD_AUDIT_AUDIT_VERIFIED), 10000);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static void
test_pages_my_account (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdAccountPage *page;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "alice", LD_ROLE_VIEWER, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "alice", LD_TEST_PASSWORD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "account"));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "account");
  page = LD_ACCOUNT_PAGE (ld_window_get_page (window, "account"));

  /* A viewer's pages: the supervision board first, in the order of the
   * work (the case-record pages appear once they are built). */
  {
    static const char * const order[] = { "board", "cadres", "talks", "petitions", "clues", "measures",
                                          "four-forms", "opinions", "ledger", "recommendations", "search",
                                          "units", "calendar", "rules", "home", "account" };
    GtkStack *stack = GTK_STACK (gtk_widget_get_parent (ld_window_get_page (window, "account")));
    g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));
    guint next = 0;

    for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
      {
        g_autoptr(GObject) stack_page = g_list_model_get_item (pages, i);
        const char *name = gtk_stack_page_get_name (GTK_STACK_PAGE (stack_page));

        while (next < G_N_ELEMENTS (order) && g_strcmp0 (order[next], name) != 0)
          next++;
        g_assert_cmpuint (next, <, G_N_ELEMENTS (order));
      }
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      if (g_str_equal (order[i], "board") || g_str_equal (order[i], "search") ||
          g_str_equal (order[i], "calendar"))
        g_assert_nonnull (ld_window_get_page (window, order[i]));
    g_assert_null (ld_window_get_page (window, "accounts"));
  }

  /* A wrong current password is refused by the vault. */
  ld_account_page_fill (page, "Not-My-Pass-2024", "Second-Pass-2024", "Second-Pass-2024");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.change-password", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 30000);
  g_assert_nonnull (ld_account_page_get_error_message (page));

  ld_account_page_fill (page, LD_TEST_PASSWORD, "Second-Pass-2024", "Second-Pass-2024");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "account.change-password", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 30000);
  g_assert_null (ld_account_page_get_error_message (page));

  /* The new password unlocks. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  LD_UI_TEST_WAIT_FOR (!ld_vault_is_open (ld_application_get_vault (app)), 10000);
  ld_ui_test_unlock (app, "alice", "Second-Pass-2024");

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/pages/accounts", test_pages_accounts);
  g_test_add_func ("/ui/pages/policy", test_pages_policy);
  g_test_add_func ("/ui/pages/audit", test_pages_audit);
  g_test_add_func ("/ui/pages/my-account", test_pages_my_account);

  return g_test_run ();
}
