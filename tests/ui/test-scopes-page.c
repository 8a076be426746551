/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scopes-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "ld-window.h"
#include "pages/ld-scopes-page.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-vault.h"
#include "widgets/ld-unit-picker.h"

#define SECADMIN     "security"
#define INVESTIGATOR "ivan"
#define BUILDER      "bob"

static LdVault *
open_vault (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_vault_new (dir);

  g_assert_true (ld_vault_unlock (vault, name, LD_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  return vault;
}

/* The visible message dialog whose heading contains text, or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strstr_len (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), -1, text) != NULL)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static GArray *
list_scopes (const char *dir,
             const char *account)
{
  g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);
  g_autoptr(GError) error = NULL;
  GArray *scopes;

  scopes = ld_scope_list (vault, account, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  return scopes;
}

static void
test_scopes_page_grant_revoke (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(GArray) scopes = NULL;
  LdApplication *app;
  LdWindow *window;
  LdScopesPage *page;
  GListModel *accounts;
  AdwMessageDialog *dialog;
  LdUnitPicker *picker;
  gint64 unit_id = 0;

  /* A business account that creates the tree (scoped to every unit), and
   * an investigator without any scope. */
  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, BUILDER, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  {
    g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);
    g_autoptr(GError) error = NULL;

    g_assert_true (ld_scope_grant (vault, BUILDER, 0, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }
  {
    g_autoptr(LdVault) vault = open_vault (dir, BUILDER);
    g_autoptr(GError) error = NULL;
    LdUnitSpec top = { .name = "县委" };
    LdUnitSpec child = { .name = "组织部" };

    g_assert_true (ld_unit_repository_create (vault, &top, &child.parent_id, &error));
    g_assert_true (ld_unit_repository_create (vault, &child, &unit_id, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, SECADMIN, LD_TEST_PASSWORD));
  page = LD_SCOPES_PAGE (ld_window_get_page (window, "scopes"));
  g_assert_nonnull (page);
  accounts = ld_scopes_page_get_accounts (page);

  /* Business accounts only, with what they hold. */
  LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (accounts) == 2 && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_true (ld_scopes_page_has_scope (page, BUILDER, 0));
  g_assert_false (ld_scopes_page_has_scope (page, INVESTIGATOR, 0));
  g_assert_cmpint (ld_scopes_page_find_unit (page, "组织部"), ==, unit_id);

  /* Grant: choose 组织部 in the picker. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scopes.grant", "s", INVESTIGATOR));
  LD_UI_TEST_WAIT_FOR (find_message_dialog (INVESTIGATOR) != NULL, 10000);
  dialog = find_message_dialog (INVESTIGATOR);
  picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpuint (ld_unit_picker_get_n_items (picker), ==, 3);
  g_assert_cmpint (ld_unit_picker_get_selected_id (picker), ==, 0);
  g_assert_true (ld_unit_picker_set_selected_id (picker, unit_id));
  adw_message_dialog_response (dialog, "grant");
  LD_UI_TEST_WAIT_FOR (ld_scopes_page_has_scope (page, INVESTIGATOR, unit_id) && !ld_page_get_busy (LD_PAGE (page)), 10000);

  /* Revoke asks first; cancelling keeps the scope. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scopes.revoke", "(sx)", INVESTIGATOR, unit_id));
  LD_UI_TEST_WAIT_FOR (find_message_dialog ("Revoke") != NULL, 10000);
  adw_message_dialog_response (find_message_dialog ("Revoke"), "cancel");
  ld_ui_test_flush ();
  g_assert_false (ld_page_get_busy (LD_PAGE (page)));
  g_assert_true (ld_scopes_page_has_scope (page, INVESTIGATOR, unit_id));

  ld_ui_test_app_free (app);

  /* The vault has the scope. */
  scopes = list_scopes (dir, INVESTIGATOR);
  g_assert_cmpuint (scopes->len, ==, 1);
  g_assert_cmpint (g_array_index (scopes, gint64, 0), ==, unit_id);
  g_clear_pointer (&scopes, g_array_unref);

  /* Revoke it for real. */
  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, SECADMIN, LD_TEST_PASSWORD));
  page = LD_SCOPES_PAGE (ld_window_get_page (window, "scopes"));
  LD_UI_TEST_WAIT_FOR (ld_scopes_page_has_scope (page, INVESTIGATOR, unit_id) && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scopes.revoke", "(sx)", INVESTIGATOR, unit_id));
  LD_UI_TEST_WAIT_FOR (find_message_dialog ("Revoke") != NULL, 10000);
  adw_message_dialog_response (find_message_dialog ("Revoke"), "revoke");
  LD_UI_TEST_WAIT_FOR (!ld_scopes_page_has_scope (page, INVESTIGATOR, unit_id) && !ld_page_get_busy (LD_PAGE (page)), 10000);
  ld_ui_test_app_free (app);

  scopes = list_scopes (dir, INVESTIGATOR);
  g_assert_cmpuint (scopes->len, ==, 0);

  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/scopes-page/grant-revoke", test_scopes_page_grant_revoke);

  return g_test_run ();
}
