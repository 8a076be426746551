/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rules-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-rule-dialog.h"
#include "ld-window.h"
#include "pages/ld-rules-page.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-categories.h"
#include "vault/ld-vault.h"

#define YOUNG_KEY "young-max-age-xiangke"
#define TAGS_KEY  "high-risk-post-tags"
#define ROUTING_KEY "case.routing-days"

/* Reads the rules in force through the vault worker, like the page. */
typedef struct
{
  gboolean  done;
  char     *value;
} ReadState;

static gpointer
read_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_auto(LdCategoryRules) rules = { 0 };

  if (!ld_rules_repository_load (vault, NULL, &rules, error))
    return NULL;

  return ld_category_rules_get (&rules, YOUNG_KEY);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->value = ld_vault_run_finish (LD_VAULT (object), result, &error);
  g_assert_no_error (error);
  state->done = TRUE;
}

static char *
read_young_value (LdVault *vault)
{
  ReadState state = { FALSE, NULL };

  ld_vault_run_async (vault, read_worker, NULL, NULL, g_free, NULL, read_cb, &state);
  LD_UI_TEST_WAIT_FOR (state.done, 10000);

  return state.value;
}

static LdRulesPage *
open_page (LdApplication *app,
           const char    *name)
{
  LdWindow *window = LD_WINDOW (ld_ui_test_unlock (app, name, LD_TEST_PASSWORD));
  LdRulesPage *page = LD_RULES_PAGE (ld_window_get_page (window, "rules"));

  g_assert_nonnull (page);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_rules_page_get_value (page, YOUNG_KEY) != NULL,
                       10000);

  return page;
}

static void
test_rules_page_leader (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *stored = NULL;
  LdApplication *app;
  LdRulesPage *page;
  LdRuleDialog *dialog;
  GtkWidget *button;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "lead", LD_ROLE_LEADER, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  page = open_page (app, "lead");

  /* Every rule has a row; the defaults are in force, nothing stored yet. */
  for (const char * const *key = ld_category_rules_keys (); *key != NULL; key++)
    g_assert_nonnull (ld_rules_page_get_row (page, *key));
  g_assert_cmpstr (ld_rules_page_get_value (page, YOUNG_KEY), ==, "35");
  g_assert_cmpuint (ld_rules_page_get_n_history (page), ==, 0);
  button = ld_rules_page_get_change_button (page, YOUNG_KEY);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* The dialog: a bad value and an empty source keep Save off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rules.change", "s", YOUNG_KEY));
  dialog = LD_RULE_DIALOG (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ld_rule_dialog_get_key (dialog), ==, YOUNG_KEY);
  g_assert_false (ld_rule_dialog_get_can_save (dialog));

  ld_rule_dialog_fill (dialog, "36", "", NULL);
  g_assert_false (ld_rule_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_rule_dialog_get_error_message (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rule.save", NULL) ||
                 !ld_rule_dialog_get_busy (dialog));
  g_assert_false (ld_rule_dialog_get_busy (dialog));

  ld_rule_dialog_fill (dialog, "thirty", "中纪发〔2026〕1号", NULL);
  g_assert_false (ld_rule_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_rule_dialog_get_error_message (dialog));

  ld_rule_dialog_fill (dialog, "36", NULL, "2026-02-30");
  g_assert_false (ld_rule_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_rule_dialog_get_error_message (dialog));

  ld_rule_dialog_fill (dialog, NULL, NULL, "2020-01-01");
  g_assert_true (ld_rule_dialog_get_can_save (dialog));
  g_assert_null (ld_rule_dialog_get_error_message (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rule.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG) == NULL, 10000);

  /* Stored in the vault; the page reloads with it and its history. */
  stored = read_young_value (ld_application_get_vault (app));
  g_assert_cmpstr (stored, ==, "36");
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_rules_page_get_n_history (page) == 1, 10000);
  g_assert_cmpstr (ld_rules_page_get_value (page, YOUNG_KEY), ==, "36");
  g_assert_cmpstr (ld_rules_page_get_history_value (page, 0), ==, "36");

  /* The post types as check buttons; Escape cancels without a write. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rules.change", "s", TAGS_KEY));
  dialog = LD_RULE_DIALOG (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  ld_rule_dialog_fill (dialog, "finance,procurement", "中纪发〔2026〕2号", NULL);
  g_assert_true (ld_rule_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG) == NULL, 10000);
  ld_ui_test_flush ();
  g_assert_cmpuint (ld_rules_page_get_n_history (page), ==, 1);

  /* The deadline and required-talk rules: a second group, changed the
   * same way, checked with the case rules' own limits. */
  for (const char * const *key = ld_case_rules_keys (); *key != NULL; key++)
    g_assert_nonnull (ld_rules_page_get_row (page, *key));
  g_assert_cmpstr (ld_rules_page_get_value (page, ROUTING_KEY), ==, "5");
  g_assert_cmpstr (ld_rules_page_get_value (page, "case.due-soon-days"), ==, "5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "rules.change", "s", ROUTING_KEY));
  dialog = LD_RULE_DIALOG (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (ld_rule_dialog_get_key (dialog), ==, ROUTING_KEY);
  ld_rule_dialog_fill (dialog, "400", "中纪发〔2026〕3号", "2020-01-01");
  g_assert_false (ld_rule_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_rule_dialog_get_error_message (dialog));
  ld_rule_dialog_fill (dialog, "7", NULL, NULL);
  g_assert_true (ld_rule_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rule.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_rules_page_get_n_history (page) == 2, 10000);
  g_assert_cmpstr (ld_rules_page_get_value (page, ROUTING_KEY), ==, "7");
  /* Newest first, both kinds in one history. */
  g_assert_cmpstr (ld_rules_page_get_history_value (page, 0), ==, "7");
  g_assert_cmpstr (ld_rules_page_get_history_value (page, 1), ==, "36");
  /* The category rule is untouched. */
  g_assert_cmpstr (ld_rules_page_get_value (page, YOUNG_KEY), ==, "36");

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static void
test_rules_page_investigator (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdRulesPage *page;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "alice", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  page = open_page (app, "alice");

  /* Reading is allowed, changing is not. */
  g_assert_cmpstr (ld_rules_page_get_value (page, YOUNG_KEY), ==, "35");
  for (const char * const *key = ld_category_rules_keys (); *key != NULL; key++)
    {
      GtkWidget *button = ld_rules_page_get_change_button (page, *key);

      g_assert_nonnull (button);
      g_assert_false (gtk_widget_get_sensitive (button));
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
    }
  for (const char * const *key = ld_case_rules_keys (); *key != NULL; key++)
    g_assert_false (gtk_widget_get_sensitive (ld_rules_page_get_change_button (page, *key)));
  gtk_widget_activate_action (GTK_WIDGET (page), "rules.change", "s", YOUNG_KEY);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_RULE_DIALOG));

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/rules-page/leader", test_rules_page_leader);
  g_test_add_func ("/rules-page/investigator", test_rules_page_investigator);

  return g_test_run ();
}
