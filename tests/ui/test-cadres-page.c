/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cadres-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <string.h>

#include "dialogs/ld-cadre-dialog.h"
#include "dialogs/ld-import-dialog.h"

#include "ld-window.h"
#include "models/ld-cadre-row.h"
#include "pages/ld-cadres-page.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-categories.h"
#include "rules/ld-id-number.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-file-view.h"

/* A roster of N_FILLER generated cadres plus a few named ones. The filler
 * names use surnames and given names whose initials never spell "zsf". */
#define N_FILLER     300
#define N_NAMED      5
#define N_TOP        3   /* principal posts among the filler */

static const char * const filler_surnames[] = { "王", "李", "刘", "陈", "杨" };
static const char * const filler_given[] = { "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇" };

typedef struct
{
  char          *dir;
  gint64         county;
  gint64         dept_a;     /* Finance Bureau: half the filler and 张三丰, 丁一 */
  gint64         zhang_id;   /* 张三丰 */
  LdApplication *app;
  LdWindow      *window;
  LdCadresPage  *page;
} Fixture;

/* A valid 18-digit ID number (GB 11643 check digit) for a birth date and a
 * sequence number; odd sequence numbers are men. */
static char *
make_id_number (int  year,
                int  month,
                int  day,
                guint seq)
{
  char first17[18];

  g_snprintf (first17, sizeof first17, "110105%04d%02d%02d%03u", year, month, day, seq % 1000);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

static gint64
add_cadre (LdVault    *vault,
           gint64      unit,
           const char *name,
           int         year,
           guint       seq,
           const char *post,
           const char *post_level,
           gboolean    principal)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = make_id_number (year, 1 + seq % 12, 1 + seq % 28, seq);
  fields.post = g_strdup (post);
  fields.post_level = g_strdup (post_level);
  fields.principal = principal;
  ld_cadre_repository_create (vault, &fields, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
add_unit (LdVault    *vault,
          gint64      parent,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { .parent_id = parent, .name = name, .kind = "government-organ" };
  gint64 id = 0;

  ld_unit_repository_create (vault, &spec, &id, &error);
  g_assert_no_error (error);

  return id;
}

static void
unlock (LdVault    *vault,
        const char *name)
{
  g_autoptr(GError) error = NULL;

  ld_vault_unlock (vault, name, LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
}

/* sec (security administrator), inv (investigator, every unit) and nobody
 * (investigator without a scope); inv's units and cadres. */
static void
seed_vault (Fixture *f)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dept_a, dept_b;

  ld_ui_test_create_vault (f->dir);
  ld_ui_test_add_account (f->dir, "sec", LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (f->dir, "inv", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (f->dir, "nobody", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);

  vault = ld_vault_new (f->dir);
  unlock (vault, "sec");
  ld_scope_grant (vault, "inv", 0, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  unlock (vault, "inv");
  f->county = add_unit (vault, 0, "County");
  f->dept_a = dept_a = add_unit (vault, f->county, "Finance Bureau");
  dept_b = add_unit (vault, f->county, "Water Bureau");

  for (guint i = 0; i < N_FILLER; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s%s",
                                               filler_surnames[i % G_N_ELEMENTS (filler_surnames)],
                                               filler_given[(i / 5) % G_N_ELEMENTS (filler_given)],
                                               filler_given[(i / 50) % G_N_ELEMENTS (filler_given)]);

      /* Born 1960-1979: too old to be young cadres. */
      add_cadre (vault, i % 2 ? dept_a : dept_b, name, 1960 + i % 20, 100 + i,
                 "科员", "", i < N_TOP);
    }

  f->zhang_id = add_cadre (vault, dept_a, "张三丰", 1970, 11, "局长", "L07", FALSE);
  add_cadre (vault, dept_a, "丁一", 1971, 13, "副局长", "L08", FALSE);
  add_cadre (vault, dept_b, "王小二", 1972, 15, "科长", "L09", FALSE);
  add_cadre (vault, dept_b, "陈晨", 1973, 17, "副科长", "L10", FALSE);
  add_cadre (vault, dept_b, "杨洋", 1974, 19, "科员", "", FALSE);

  ld_vault_lock (vault, "exit");
}

static void
open_window (Fixture    *f,
             const char *account)
{
  f->app = ld_ui_test_app_new (f->dir);
  f->window = LD_WINDOW (ld_ui_test_unlock (f->app, account, LD_TEST_PASSWORD));
  ld_window_set_page_name (f->window, "cadres");
  f->page = LD_CADRES_PAGE (ld_window_get_page (f->window, "cadres"));
  g_assert_nonnull (f->page);
  LD_UI_TEST_WAIT_FOR (!ld_cadres_page_get_loading (f->page), 20000);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_ui_test_make_dir ();
  seed_vault (f);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->app != NULL)
    ld_ui_test_app_free (f->app);
  ld_ui_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
page_idle (gpointer data)
{
  return !ld_cadres_page_get_loading (LD_CADRES_PAGE (data));
}

static void
wait_idle (Fixture *f)
{
  g_assert_true (ld_ui_test_wait (page_idle, f->page, 20000));
}

/* The row at position, waited for until its batch came back. */
static LdCadreRow *
row_at (Fixture *f,
        guint    position)
{
  GListModel *model = ld_cadres_page_get_model (f->page);
  g_autoptr(LdCadreRow) row = g_list_model_get_item (model, position);

  g_assert_nonnull (row);
  LD_UI_TEST_WAIT_FOR (ld_cadre_row_get_loaded (row), 20000);

  return row;   /* the model keeps its reference while the test looks */
}

static guint
position_of (Fixture    *f,
             const char *name)
{
  GListModel *model = ld_cadres_page_get_model (f->page);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdCadreRow) row = g_list_model_get_item (model, i);

      LD_UI_TEST_WAIT_FOR (ld_cadre_row_get_loaded (row), 20000);
      if (g_strcmp0 (ld_cadre_row_get_name (row), name) == 0)
        return i;
    }

  return G_MAXUINT;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_cadres_page_list (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *model;
  guint n = N_FILLER + N_NAMED;
  g_autofree char *count = g_strdup_printf ("%u cadres", n);

  open_window (f, "inv");
  model = ld_cadres_page_get_model (f->page);

  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpstr (ld_cadres_page_get_count_text (f->page), ==, count);

  /* Rows fill in from their batch; the last one too. */
  g_assert_cmpstr (ld_cadre_row_get_name (row_at (f, n - 1)), !=, "");
  g_assert_cmpstr (ld_cadre_row_get_name (row_at (f, 0)), !=, "");
}

static void
test_cadres_page_search (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *model;

  open_window (f, "inv");
  model = ld_cadres_page_get_model (f->page);

  /* Pinyin initials. */
  ld_cadres_page_set_search (f->page, "zsf");
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (ld_cadre_row_get_id (row_at (f, 0)), ==, f->zhang_id);
  g_assert_cmpstr (ld_cadre_row_get_name (row_at (f, 0)), ==, "张三丰");

  /* A newer search supersedes one in flight: only the last one counts. */
  ld_cadres_page_set_search (f->page, "wang");
  ld_cadres_page_set_search (f->page, "nothing-matches-this");
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "no-results");

  /* Clearing brings everyone back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.clear-filters", NULL));
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FILLER + N_NAMED);
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "list");

  /* Ctrl+F's action focuses the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.search", NULL));
  g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (f->window))));
}

static void
test_cadres_page_filter (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *model;

  open_window (f, "inv");
  model = ld_cadres_page_get_model (f->page);

  ld_cadres_page_set_category (f->page, LD_CATEGORY_TOP_LEADER);
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_TOP);
  for (guint i = 0; i < N_TOP; i++)
    g_assert_nonnull (strstr (ld_cadre_row_get_categories (row_at (f, i)), "top-leader"));

  ld_cadres_page_set_category (f->page, LD_CATEGORY_NONE);
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FILLER + N_NAMED);

  /* A unit subtree: the Finance Bureau holds every other filler cadre and
   * two named ones; the county holds everyone. */
  g_assert_true (ld_cadres_page_set_unit (f->page, f->dept_a));
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FILLER / 2 + 2);
  g_assert_true (ld_cadres_page_set_unit (f->page, f->county));
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FILLER + N_NAMED);

  /* Filters combine: top leaders of the Finance Bureau (filler 1 only). */
  g_assert_true (ld_cadres_page_set_unit (f->page, f->dept_a));
  ld_cadres_page_set_category (f->page, LD_CATEGORY_TOP_LEADER);
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.clear-filters", NULL));
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_FILLER + N_NAMED);
}

static void
test_cadres_page_sort (Fixture       *f,
                       gconstpointer  data)
{
  guint ding, wang, zhang, chen;
  g_autofree char *name_order = NULL;

  open_window (f, "inv");

  /* Surname strokes: 丁 (2) before 王 (4) before 张 (7). */
  ld_cadres_page_sort_by (f->page, "name", FALSE);
  g_object_set (f->page, "name-order", "stroke", NULL);
  wait_idle (f);
  ding = position_of (f, "丁一");
  wang = position_of (f, "王小二");
  zhang = position_of (f, "张三丰");
  chen = position_of (f, "陈晨");
  g_assert_cmpuint (ding, <, wang);
  g_assert_cmpuint (wang, <, zhang);
  g_assert_cmpuint (ding, <, chen);

  /* Pinyin: chen before ding. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.name-order", "s", "pinyin"));
  wait_idle (f);
  g_assert_cmpuint (position_of (f, "陈晨"), <, position_of (f, "丁一"));
  g_assert_cmpuint (position_of (f, "丁一"), <, position_of (f, "王小二"));
  name_order = g_settings_get_string (ld_application_get_settings (f->app), "cadre-list-name-order");
  g_assert_cmpstr (name_order, ==, "pinyin");

  /* Reversed by the header, as a second click would: ding before chen. */
  ld_cadres_page_sort_by (f->page, "name", TRUE);
  wait_idle (f);
  g_assert_cmpuint (position_of (f, "丁一"), <, position_of (f, "陈晨"));
  g_assert_cmpuint (position_of (f, "张三丰"), <, position_of (f, "丁一"));
  g_assert_true (g_settings_get_boolean (ld_application_get_settings (f->app), "cadre-list-descending"));

  /* Back to the default for the other tests. */
  g_object_set (f->page, "name-order", "stroke", NULL);
  ld_cadres_page_sort_by (f->page, "name", FALSE);
  wait_idle (f);
}

static void
test_cadres_page_columns (Fixture       *f,
                          gconstpointer  data)
{
  GSettings *settings;
  g_auto(GStrv) columns = NULL;
  GtkColumnViewColumn *sex;

  open_window (f, "inv");
  settings = ld_application_get_settings (f->app);
  g_assert_nonnull (settings);

  sex = ld_cadres_page_get_column (f->page, "sex");
  g_assert_true (gtk_column_view_column_get_visible (sex));

  /* The column chooser's check item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "columns.sex", NULL));
  g_assert_false (gtk_column_view_column_get_visible (sex));
  columns = g_settings_get_strv (settings, "cadre-list-columns");
  g_assert_false (g_strv_contains ((const char * const *) columns, "sex"));
  g_assert_true (g_strv_contains ((const char * const *) columns, "name"));

  /* A new window keeps the choice. */
  ld_ui_test_app_free (f->app);
  open_window (f, "inv");
  sex = ld_cadres_page_get_column (f->page, "sex");
  g_assert_false (gtk_column_view_column_get_visible (sex));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "columns.sex", NULL));
  g_assert_true (gtk_column_view_column_get_visible (sex));
  g_clear_pointer (&columns, g_strfreev);
  columns = g_settings_get_strv (ld_application_get_settings (f->app), "cadre-list-columns");
  g_assert_true (g_strv_contains ((const char * const *) columns, "sex"));
}

static void
test_cadres_page_open (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *column_view;
  GtkWidget *file_view;
  gint64 id;

  open_window (f, "inv");
  column_view = find_descendant (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (column_view);

  id = ld_cadre_row_get_id (row_at (f, 2));
  g_signal_emit_by_name (column_view, "activate", 2);
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "file");
  file_view = ld_cadres_page_get_file_view (f->page);
  g_assert_cmpint (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (file_view)), ==, id);

  /* Back keeps the selection. */
  g_signal_emit_by_name (file_view, "close-requested");
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "list");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (ld_cadres_page_get_model (f->page))),
                    ==, 2);

  /* A change in the file refreshes its row in place. */
  g_signal_emit_by_name (file_view, "changed", id);
  ld_ui_test_flush ();
  wait_idle (f);
  g_assert_cmpint (ld_cadre_row_get_id (row_at (f, 2)), ==, id);

  ld_cadres_page_open_cadre (f->page, f->zhang_id);
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "file");
  g_assert_cmpint (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (file_view)), ==, f->zhang_id);
}

static void
test_cadres_page_actions (Fixture       *f,
                          gconstpointer  data)
{
  GtkWindow *dialog;

  open_window (f, "inv");

  /* New Cadre… opens the dialog; a save reloads the list and opens the
   * file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.new", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (dialog, "saved", f->zhang_id);
  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "file");
  g_assert_cmpint (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (ld_cadres_page_get_file_view (f->page))),
                   ==, f->zhang_id);
  gtk_window_destroy (dialog);
  wait_idle (f);

  /* Import Roster… opens the import dialog; an import reloads the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.import", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (dialog, "imported", (gint64) 2, (gint64) 1);
  g_assert_true (ld_cadres_page_get_loading (f->page));
  gtk_window_destroy (dialog);
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (ld_cadres_page_get_model (f->page)), ==, N_FILLER + N_NAMED);

  /* Refresh keeps the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.refresh", NULL));
  wait_idle (f);
  g_assert_cmpuint (g_list_model_get_n_items (ld_cadres_page_get_model (f->page)), ==, N_FILLER + N_NAMED);
}

static void
test_cadres_page_no_scope (Fixture       *f,
                           gconstpointer  data)
{
  open_window (f, "nobody");

  g_assert_cmpstr (ld_cadres_page_get_state (f->page), ==, "no-scope");
  g_assert_cmpuint (g_list_model_get_n_items (ld_cadres_page_get_model (f->page)), ==, 0);

  /* Nothing can be added without a scope. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "cadres.new", NULL);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add ("/ui/cadres-page/list", Fixture, NULL, setup, test_cadres_page_list, teardown);
  g_test_add ("/ui/cadres-page/search", Fixture, NULL, setup, test_cadres_page_search, teardown);
  g_test_add ("/ui/cadres-page/filter", Fixture, NULL, setup, test_cadres_page_filter, teardown);
  g_test_add ("/ui/cadres-page/sort", Fixture, NULL, setup, test_cadres_page_sort, teardown);
  g_test_add ("/ui/cadres-page/columns", Fixture, NULL, setup, test_cadres_page_columns, teardown);
  g_test_add ("/ui/cadres-page/open", Fixture, NULL, setup, test_cadres_page_open, teardown);
  g_test_add ("/ui/cadres-page/actions", Fixture, NULL, setup, test_cadres_page_actions, teardown);
  g_test_add ("/ui/cadres-page/no-scope", Fixture, NULL, setup, test_cadres_page_no_scope, teardown);

  return g_test_run ();
}
