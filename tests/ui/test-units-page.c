/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-units-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include "dialogs/ld-unit-dialog.h"
#include "ld-window.h"
#include "pages/ld-units-page.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-vault.h"
#include "widgets/ld-unit-picker.h"

#define SECADMIN     "security"
#define INVESTIGATOR "ivan"

/* Opens the vault in dir as name, runs nothing else. */
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

static gint64
create_unit (LdVault    *vault,
             gint64      parent_id,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { .parent_id = parent_id, .name = name };
  gint64 id = 0;

  g_assert_true (ld_unit_repository_create (vault, &spec, &id, &error));
  g_assert_no_error (error);

  return id;
}

static void
create_cadre (LdVault    *vault,
              gint64      unit_id,
              const char *name,
              const char *id_number)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit_id;
  fields.name = g_strdup (name);
  fields.id_number = g_strdup (id_number);

  g_assert_true (ld_cadre_repository_create (vault, &fields, &id, &error));
  g_assert_no_error (error);
}

/* A vault with a security administrator and an investigator scoped to
 * every unit, holding 县委 with 组织部 (two cadres) and 宣传部 below it. */
static void
seed (const char *dir)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  gint64 top, org;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  vault = open_vault (dir, SECADMIN);
  g_assert_true (ld_scope_grant (vault, INVESTIGATOR, 0, &error));
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
  g_clear_object (&vault);

  vault = open_vault (dir, INVESTIGATOR);
  top = create_unit (vault, 0, "县委");
  org = create_unit (vault, top, "组织部");
  create_unit (vault, top, "宣传部");
  create_cadre (vault, org, "张三", "11010519491231002X");
  create_cadre (vault, org, "李四", "34052419800101001X");
  ld_vault_lock (vault, "exit");
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

static AdwMessageDialog *
wait_message_dialog (const char *text)
{
  LD_UI_TEST_WAIT_FOR (find_message_dialog (text) != NULL, 10000);

  return find_message_dialog (text);
}

static void
test_units_page_tree (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdUnitsPage *page;
  GtkWindow *dialog;
  AdwMessageDialog *message;
  LdUnitPicker *picker;
  gint64 top, org, propaganda, created;

  seed (dir);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD));
  page = LD_UNITS_PAGE (ld_window_get_page (window, "units"));
  g_assert_nonnull (page);

  /* The tree with the cadres counted per unit (and below it). */
  LD_UI_TEST_WAIT_FOR (ld_units_page_get_n_units (page) == 3 && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_cmpstr (ld_units_page_get_state (page), ==, "list");
  top = ld_units_page_find_unit (page, "县委");
  org = ld_units_page_find_unit (page, "组织部");
  propaganda = ld_units_page_find_unit (page, "宣传部");
  g_assert_cmpint (top, >, 0);
  g_assert_cmpint (org, >, 0);
  g_assert_cmpint (propaganda, >, 0);
  g_assert_cmpint (ld_units_page_get_n_cadres (page, org), ==, 2);
  g_assert_cmpint (ld_units_page_get_n_cadres (page, top), ==, 2);
  g_assert_cmpint (ld_units_page_get_n_cadres (page, propaganda), ==, 0);

  /* New unit below the selected one: an empty name is refused inline. */
  g_assert_true (ld_units_page_select_unit (page, top));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.new", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_UNIT_DIALOG);
  g_assert_nonnull (dialog);
  ld_unit_dialog_fill (LD_UNIT_DIALOG (dialog), "   ", NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unit.save", NULL));
  g_assert_nonnull (ld_unit_dialog_get_error_message (LD_UNIT_DIALOG (dialog)));
  g_assert_false (ld_unit_dialog_get_busy (LD_UNIT_DIALOG (dialog)));
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_UNIT_DIALOG));

  /* Typing a name clears the error; saving creates the unit. */
  ld_unit_dialog_fill (LD_UNIT_DIALOG (dialog), "办公室", "办", NULL);
  g_assert_null (ld_unit_dialog_get_error_message (LD_UNIT_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unit.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_UNIT_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (ld_units_page_find_unit (page, "办公室") != 0 && !ld_page_get_busy (LD_PAGE (page)), 10000);
  created = ld_units_page_find_unit (page, "办公室");
  g_assert_cmpint (ld_units_page_get_n_units (page), ==, 4);
  g_assert_cmpint (ld_units_page_get_n_cadres (page, created), ==, 0);

  /* Retiring a unit with cadres: the core refuses and the page says why. */
  g_assert_true (ld_units_page_select_unit (page, org));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.retire", NULL));
  message = wait_message_dialog ("Retire “组织部”");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (message)), "机构改革");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "retire"));
  adw_message_dialog_response (message, "retire");
  LD_UI_TEST_WAIT_FOR (ld_units_page_get_last_error (page) != NULL && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_nonnull (g_strstr_len (ld_units_page_get_last_error (page), -1, "组织部"));
  message = wait_message_dialog ("Could Not");
  adw_message_dialog_response (message, "close");
  ld_ui_test_flush ();
  g_assert_cmpint (ld_units_page_find_unit (page, "组织部"), ==, org);

  /* Move 办公室 below 组织部: the picker leaves out the unit itself. */
  g_assert_true (ld_units_page_select_unit (page, created));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.move", NULL));
  message = wait_message_dialog ("Move “办公室”");
  picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (message));
  g_assert_cmpint (ld_unit_picker_get_selected_id (picker), ==, top);
  g_assert_false (ld_unit_picker_set_selected_id (picker, created));
  g_assert_true (ld_unit_picker_set_selected_id (picker, org));
  adw_message_dialog_response (message, "move");
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_units_page_select_unit (page, created), 10000);
  g_assert_cmpint (ld_units_page_get_n_units (page), ==, 4);

  /* Merge 组织部 into 宣传部: its cadres and 办公室 go along. */
  g_assert_true (ld_units_page_select_unit (page, org));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.merge", NULL));
  message = wait_message_dialog ("Merge “组织部”");
  picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (message));
  g_assert_false (ld_unit_picker_set_selected_id (picker, created));
  g_assert_true (ld_unit_picker_set_selected_id (picker, propaganda));
  g_assert_true (adw_message_dialog_get_response_enabled (message, "merge"));
  adw_message_dialog_response (message, "merge");
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_units_page_find_unit (page, "组织部") == 0, 10000);
  g_assert_cmpint (ld_units_page_get_n_cadres (page, propaganda), ==, 2);
  g_assert_true (ld_units_page_select_unit (page, created));

  /* A unit without cadres retires and leaves the tree… */
  LD_UI_TEST_WAIT_FOR (ld_units_page_select_unit (page, created), 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.retire", NULL));
  message = wait_message_dialog ("Retire “办公室”");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "retire"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (message)), "撤并");
  adw_message_dialog_response (message, "retire");
  LD_UI_TEST_WAIT_FOR (ld_units_page_find_unit (page, "办公室") == 0 && !ld_page_get_busy (LD_PAGE (page)), 10000);

  /* …and comes back with "Show retired", unable to change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.show-retired", NULL));
  g_assert_true (ld_units_page_get_show_retired (page));
  LD_UI_TEST_WAIT_FOR (ld_units_page_find_unit (page, "办公室") == created && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_true (ld_units_page_select_unit (page, created));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "units.edit", NULL) &&
                  ld_ui_test_find_window (LD_TYPE_UNIT_DIALOG) != NULL);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static void
test_units_page_no_scope (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdUnitsPage *page;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD));
  page = LD_UNITS_PAGE (ld_window_get_page (window, "units"));
  g_assert_nonnull (page);

  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_units_page_get_state (page), "no-scope") == 0, 10000);
  g_assert_cmpint (ld_units_page_get_n_units (page), ==, 0);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

static void
test_units_page_first_unit (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  LdWindow *window;
  LdUnitsPage *page;
  GtkWindow *dialog;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, SECADMIN, LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, INVESTIGATOR, LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  {
    g_autoptr(LdVault) vault = open_vault (dir, SECADMIN);
    g_autoptr(GError) error = NULL;

    g_assert_true (ld_scope_grant (vault, INVESTIGATOR, 0, &error));
    g_assert_no_error (error);
    ld_vault_lock (vault, "exit");
  }

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, INVESTIGATOR, LD_TEST_PASSWORD));
  page = LD_UNITS_PAGE (ld_window_get_page (window, "units"));

  /* Scoped to every unit, with none yet: "Create the first unit". */
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_units_page_get_state (page), "empty") == 0, 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "units.new", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_UNIT_DIALOG);
  g_assert_nonnull (dialog);
  ld_unit_dialog_fill (LD_UNIT_DIALOG (dialog), "某县县委", NULL, "县纪委");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "unit.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_units_page_find_unit (page, "某县县委") != 0 && !ld_page_get_busy (LD_PAGE (page)), 10000);
  g_assert_cmpstr (ld_units_page_get_state (page), ==, "list");

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/units-page/tree", test_units_page_tree);
  g_test_add_func ("/ui/units-page/no-scope", test_units_page_no_scope);
  g_test_add_func ("/ui/units-page/first-unit", test_units_page_first_unit);

  return g_test_run ();
}
