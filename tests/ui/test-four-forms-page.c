/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-four-forms-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-ui-test-utils.h"

#include "ld-window.h"
#include "dialogs/ld-export-dialog.h"
#include "exchange/ld-exchange-config.h"
#include "pages/ld-four-forms-page.h"
#include "records/ld-four-forms.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "rules/ld-measure-tables.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"
#include "widgets/ld-chart-view.h"

/* The four-forms page on a fixed dataset written into the measures table
 * (exact forms, dates, levels and groups):
 *
 *   n  cadre unit form code            decided     source    level    groups
 *   1  c1    A    1    F1_REMIND_TALK  2026-01-10  clue      xiangke  young
 *   2  c1    A    1    F1_CRIT_EDU     2026-02-15  clue      xiangke  young
 *   3  c2    A    1    F1_ADMONISH     2026-03-01  clue      xianchu  top,key
 *   4  c3    A    2    P1              2026-03-20  clue      xianchu  new
 *   5  c4    B    3    G5              2026-02-01  petition  tingju   top
 *   6  c2    A    2    P1              2025-11-05  clue      xianchu  (previous quarter)
 *   7  c1    A    1    F1_CRIT_EDU     2025-02-10  clue      xiangke  (same quarter last year)
 *   8  c3    A    1    F1_SELF_EXAM    2026-02-20  none      ''       (no source: a check)
 *
 * 2026Q1: F1 4 person-times (m1 m2 m3 m8) of 3 persons (c1 c2 c3), F2 1
 * (m4), F3 1 (m5), F4 0; total 6 of 4 persons. A 谈话函询 clue closed
 * without a result is the other check. */

typedef struct
{
  char        *dir;
  LdVault     *vault;
  GtkWindow   *window;
  LdFourFormsPage *page;
  gint64       unit_a;
  gint64       unit_b;
  gint64       clue;
  gint64       letter;     /* the talk-letter clue without an outcome */
  gint64       m[9];
  /* win.show-record as the page asked for it. */
  char        *shown_type;
  gint64       shown_id;
} Fixture;

/* --- Dataset ------------------------------------------------------------------------ */

static char *
make_id_number (guint serial)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  g_autofree char *base = g_strdup_printf ("110105198001%02u%03u", 1 + serial % 28, 100 + serial);
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (base[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", base, checks[sum % 11]);
}

static gint64
insert_sql (LdVault    *vault,
            const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (vault), sql, &error);
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (vault));
}

static gint64
add_unit (LdVault    *vault,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { 0 };
  gint64 id = 0;

  spec.name = name;
  ld_unit_repository_create (vault, &spec, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_cadre (LdVault    *vault,
           gint64      unit,
           const char *name,
           guint       serial)
{
  g_autofree char *id_number = make_id_number (serial);

  return ld_ui_test_add_cadre (vault, unit, name, id_number, "科员", FALSE);
}

static void
add_measure (Fixture    *f,
             guint       n,
             gint64      cadre,
             gint64      unit,
             const char *code,
             int         form,
             const char *category,
             const char *decided,
             const char *source_type,
             gint64      source_id,
             const char *post_level,
             const char *groups)
{
  g_autofree char *sql = NULL;
  g_autofree char *source = source_id != 0 ? g_strdup_printf ("%lld", (long long) source_id) : g_strdup ("NULL");

  sql = g_strdup_printf ("INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category, decision_date,"
                         " effective_date, source_type, source_id, status, post_level, groups, account,"
                         " created_at, updated_at) VALUES ('%.4s-M%04u', %lld, %lld, '%s', %d, '%s', '%s', '%s',"
                         " '%s', %s, 'in-force', '%s', '%s', 'ivy', 1, 1)",
                         decided, n, (long long) cadre, (long long) unit, code, form, category, decided, decided,
                         source_type, source, post_level, groups);
  g_assert_cmpuint (n, <, G_N_ELEMENTS (f->m));
  f->m[n] = insert_sql (f->vault, sql);
}

static gint64
add_clue (LdVault    *vault,
          const char *reg_no,
          gint64      unit,
          gint64      cadre,
          const char *status,
          const char *disposal,
          const char *result,
          const char *closed)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date,"
                                          " status, disposal, due_date, result, closed_date, account, created_at,"
                                          " updated_at) VALUES ('%s', %lld, 'SRC_SUPERVISION', %lld, '2025-12-01',"
                                          " '%s', '%s', '', '%s', '%s', 'ivy', 1, 1)",
                                          reg_no, (long long) unit, (long long) cadre, status, disposal, result,
                                          closed);

  return insert_sql (vault, sql);
}

static void
seed (Fixture *f)
{
  g_autoptr(LdVault) vault = ld_ui_test_open_vault (f->dir, "ivy");
  gint64 c1, c2, c3, c4;

  f->vault = vault;
  f->unit_a = add_unit (vault, "纪检一室");
  f->unit_b = add_unit (vault, "纪检二室");
  c1 = add_cadre (vault, f->unit_a, "张一", 1);
  c2 = add_cadre (vault, f->unit_a, "钱二", 2);
  c3 = add_cadre (vault, f->unit_a, "孙三", 3);
  c4 = add_cadre (vault, f->unit_b, "李四", 4);

  f->clue = add_clue (vault, "2025-X0001", f->unit_a, c1, "closed", "concluded", "concluded", "2025-12-20");
  f->letter = add_clue (vault, "2026-X0002", f->unit_a, c2, "closed", "talk-letter", "", "2026-02-10");

  add_measure (f, 1, c1, f->unit_a, "F1_REMIND_TALK", 1, "edu", "2026-01-10", "clue", f->clue, "xiangke", "young");
  add_measure (f, 2, c1, f->unit_a, "F1_CRIT_EDU", 1, "edu", "2026-02-15", "clue", f->clue, "xiangke", "young");
  add_measure (f, 3, c2, f->unit_a, "F1_ADMONISH", 1, "edu", "2026-03-01", "clue", f->clue, "xianchu", "top,key");
  add_measure (f, 4, c3, f->unit_a, "P1", 2, "party", "2026-03-20", "clue", f->clue, "xianchu", "new");
  add_measure (f, 5, c4, f->unit_b, "G5", 3, "gov", "2026-02-01", "petition", 1, "tingju", "top");
  add_measure (f, 6, c2, f->unit_a, "P1", 2, "party", "2025-11-05", "clue", f->clue, "xianchu", "");
  add_measure (f, 7, c1, f->unit_a, "F1_CRIT_EDU", 1, "edu", "2025-02-10", "clue", f->clue, "xiangke", "");
  add_measure (f, 8, c3, f->unit_a, "F1_SELF_EXAM", 1, "edu", "2026-02-20", "", 0, "", "");

  f->vault = NULL;
  ld_vault_lock (vault, "exit");
}

/* --- Fixture ------------------------------------------------------------------------- */

static void
on_show_record_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  Fixture *f = user_data;
  const char *type = NULL;

  g_variant_get (param, "(&sx)", &type, &f->shown_id);
  g_free (f->shown_type);
  f->shown_type = g_strdup (type);
}

static void
period_of (const char *text,
           LdPeriod   *period)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_period_parse (text, period, &error));
  g_assert_no_error (error);
}

static gboolean
shows_period (Fixture        *f,
              const LdPeriod *period)
{
  const LdFourFormsStats *stats = ld_four_forms_page_get_stats (f->page);

  return !ld_page_get_busy (LD_PAGE (f->page)) && stats != NULL && ld_period_equal (&stats->period, period) &&
         g_strcmp0 (ld_four_forms_page_get_state (f->page), "loading") != 0;
}

static void
wait_for_period (Fixture    *f,
                 const char *text)
{
  LdPeriod period;

  period_of (text, &period);
  LD_UI_TEST_WAIT_FOR (shows_period (f, &period), 20000);
  g_assert_true (ld_period_equal (ld_four_forms_page_get_period (f->page), &period));
}

static void
show_period (Fixture    *f,
             const char *text)
{
  LdPeriod period;

  period_of (text, &period);
  ld_four_forms_page_set_period (f->page, &period);
  wait_for_period (f, text);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-record", G_VARIANT_TYPE ("(sx)"));

  f->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_case_vault (f->dir);
  seed (f);

  f->vault = ld_ui_test_open_vault (f->dir, "ivy");
  f->page = ld_four_forms_page_new (f->vault);
  f->window = ld_ui_test_show_in_window (GTK_WIDGET (f->page), 1280, 960);

  /* The page opens records through win.show-record: record what it asks. */
  g_signal_connect (action, "activate", G_CALLBACK (on_show_record_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));

  show_period (f, "2026Q1");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_destroy (f->window);
  ld_ui_test_flush ();
  /* No job or handler keeps the page alive. */
  LD_UI_TEST_WAIT_FOR (f->page == NULL, 10000);
  ld_ui_test_close_vault (f->vault);
  ld_ui_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->shown_type);
}

static void
assert_cell (Fixture    *f,
             int         form,
             const char *column,
             const char *text)
{
  const char *shown = ld_four_forms_page_get_cell_text (f->page, form, column);

  if (g_strcmp0 (shown, text) != 0)
    g_error ("form %d, %s: expected “%s”, shown “%s”", form, column, text, shown);
}

/* Waits for the drill-down and checks it lists exactly the measures of
 * the dataset numbered in expected (0-ended), in that order. */
static void
assert_drilled (Fixture     *f,
                const guint  expected[])
{
  guint n = 0;

  LD_UI_TEST_WAIT_FOR (!ld_four_forms_page_get_drilling (f->page), 20000);
  while (expected[n] != 0)
    n++;
  if (ld_four_forms_page_get_n_drilled (f->page) != n)
    g_error ("expected %u measures, listed %u", n, ld_four_forms_page_get_n_drilled (f->page));
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ld_measure_get_id (ld_four_forms_page_get_drilled (f->page, i)), ==, f->m[expected[i]]);
}

static void
click_cell (Fixture    *f,
            int         form,
            const char *column)
{
  GtkWidget *cell = ld_four_forms_page_get_cell (f->page, form, column);

  g_assert_true (GTK_IS_BUTTON (cell));
  g_assert_true (gtk_widget_get_mapped (cell));
  g_signal_emit_by_name (cell, "clicked");
}

/* The index of the chart region of form (and group, for the bars). */
static guint
find_hit (LdChartView *view,
          int          form,
          int          group)
{
  LdChartHit hit;

  for (guint i = 0; ld_chart_view_get_hit (view, i, &hit); i++)
    if (hit.form == form && hit.group == group)
      return i;
  g_error ("no region of form %d, group %d", form, group);
  return 0;
}

/* The first event controller of type on widget. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_error ("no controller of type %s", g_type_name (type));
  return NULL;
}

/* --- Tests ----------------------------------------------------------------------------- */

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  const LdPeriod *period = ld_four_forms_page_get_period (f->page);
  LdPeriod q1;

  period_of ("2026Q1", &q1);
  g_assert_true (ld_period_equal (period, &q1));
  g_assert_cmpstr (ld_four_forms_page_get_state (f->page), ==, "stats");
  {
    g_autofree char *label = ld_period_get_label (&q1);

    g_assert_cmpstr (ld_four_forms_page_get_heading (f->page), ==, label);
  }

  /* Person-times count the measures, persons the cadres. */
  assert_cell (f, 1, "times", "4");
  assert_cell (f, 1, "persons", "3");
  assert_cell (f, 2, "times", "1");
  assert_cell (f, 3, "times", "1");
  assert_cell (f, 4, "times", "0");
  assert_cell (f, 0, "times", "6");
  assert_cell (f, 0, "persons", "4");
  /* Shares: 4 of 6; 3 of 3 + 1 + 1 persons. */
  assert_cell (f, 1, "share-times", "66.7%");
  assert_cell (f, 1, "share-persons", "60.0%");
  assert_cell (f, 4, "share-times", "0.0%");
  /* The previous quarter had no form one (a zero base: "—"), the same
   * quarter last year one. */
  assert_cell (f, 1, "previous", "0");
  assert_cell (f, 1, "vs-previous", "+4 (—)");
  assert_cell (f, 2, "previous", "1");
  assert_cell (f, 2, "vs-previous", "+0 (+0.0%)");
  assert_cell (f, 1, "last-year", "1");
  assert_cell (f, 1, "vs-last-year", "+3 (+300.0%)");

  /* The breakdown by post level, then by group. */
  assert_cell (f, 1, "level-xianchu-times", "1");
  assert_cell (f, 2, "level-xianchu-times", "1");
  assert_cell (f, 1, "level-xiangke-persons", "1");
  assert_cell (f, 0, "level-tingju-times", "1");
  g_assert_null (ld_four_forms_page_get_cell (f->page, 0, "group-top-times"));
  ld_four_forms_page_set_breakdown (f->page, LD_FOUR_FORMS_DIMENSION_GROUP);
  assert_cell (f, 0, "group-top-times", "2");
  assert_cell (f, 1, "group-young-times", "2");
  assert_cell (f, 1, "group-young-persons", "1");
  assert_cell (f, 4, "group-key-times", "0");
  g_assert_null (ld_four_forms_page_get_cell (f->page, 1, "level-xianchu-times"));

  /* Unit B alone: only its government sanction. */
  g_assert_true (ld_four_forms_page_set_unit (f->page, f->unit_b));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (f->page)) &&
                       ld_four_forms_page_get_stats (f->page)->unit_id == f->unit_b, 20000);
  assert_cell (f, 0, "times", "1");
  assert_cell (f, 3, "times", "1");
  assert_cell (f, 3, "share-times", "100.0%");
  {
    g_autofree char *label = ld_period_get_label (&q1);
    g_autofree char *heading = g_strdup_printf ("%s · %s", label, "纪检二室");

    g_assert_cmpstr (ld_four_forms_page_get_heading (f->page), ==, heading);
  }
  assert_cell (f, 1, "times", "0");

  ld_ui_test_screenshot (GTK_WIDGET (f->window), "four-forms-unit-b");
}

static void
test_previous_next (Fixture       *f,
                    gconstpointer  data)
{
  /* Alt+Left: 2025Q4 has one form-two measure. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.previous", NULL));
  wait_for_period (f, "2025Q4");
  g_assert_cmpstr (ld_four_forms_page_get_state (f->page), ==, "stats");
  assert_cell (f, 0, "times", "1");
  assert_cell (f, 2, "times", "1");
  assert_cell (f, 1, "times", "0");
  assert_cell (f, 2, "share-times", "100.0%");

  /* Alt+Right twice: back to 2026Q1, then the empty 2026Q2. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.next", NULL));
  wait_for_period (f, "2026Q1");
  assert_cell (f, 0, "times", "6");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.next", NULL));
  wait_for_period (f, "2026Q2");
  g_assert_cmpstr (ld_four_forms_page_get_state (f->page), ==, "empty");

  /* A month and a year through the entry's forms. */
  show_period (f, "2026-02");
  assert_cell (f, 0, "times", "3");
  assert_cell (f, 1, "times", "2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.previous", NULL));
  wait_for_period (f, "2026-01");
  assert_cell (f, 1, "times", "1");
  show_period (f, "2025");
  assert_cell (f, 0, "times", "2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.next", NULL));
  wait_for_period (f, "2026");
  assert_cell (f, 0, "times", "6");

  /* A custom period typed in the entry; the previous one has its length. */
  {
    GtkWidget *entry = ld_ui_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_ENTRY);
    GtkWidget *kind = ld_ui_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN);

    gtk_editable_set_text (GTK_EDITABLE (entry), "not a period");
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    wait_for_period (f, "2026");

    gtk_editable_set_text (GTK_EDITABLE (entry), "2026-02-10..2026-03-05");
    g_signal_emit_by_name (entry, "activate");
    wait_for_period (f, "2026-02-10..2026-03-05");
    g_assert_false (gtk_widget_has_css_class (entry, "error"));
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), ==, LD_PERIOD_CUSTOM);
    /* m2 (02-15), m3 (03-01), m8 (02-20). */
    assert_cell (f, 0, "times", "3");
    assert_cell (f, 1, "times", "3");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.previous", NULL));
    wait_for_period (f, "2026-01-17..2026-02-09");
    /* m5 (02-01). */
    assert_cell (f, 0, "times", "1");
    assert_cell (f, 3, "times", "1");

    /* Choosing a kind takes the period of that kind holding the first day. */
    gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), LD_PERIOD_MONTH);
    wait_for_period (f, "2026-01");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-01");
    assert_cell (f, 0, "times", "1");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), LD_PERIOD_QUARTER);
    wait_for_period (f, "2026Q1");
    assert_cell (f, 0, "times", "6");
  }
}

static void
test_drill_cells (Fixture       *f,
                  gconstpointer  data)
{
  static const guint f1_persons[] = { 3, 8, 2, 0 };
  static const guint f1_times[] = { 3, 8, 2, 1, 0 };
  static const guint previous_f2[] = { 6, 0 };
  static const guint xianchu[] = { 4, 3, 0 };
  static const guint top[] = { 3, 5, 0 };
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  LdPeriod q1;

  g_assert_null (ld_four_forms_page_get_drill_title (f->page));

  /* Form one, persons: the newest measure of each cadre. */
  click_cell (f, 1, "persons");
  assert_drilled (f, f1_persons);
  period_of ("2026Q1", &q1);
  period = ld_period_get_label (&q1);
  title = g_strdup_printf ("%s · %s · %s", period, ld_form_get_label (1), C_("four-forms", "Persons"));
  g_assert_cmpstr (ld_four_forms_page_get_drill_title (f->page), ==, title);

  /* Person-times: every measure. */
  click_cell (f, 1, "times");
  assert_drilled (f, f1_times);
  g_assert_true (g_str_has_suffix (ld_four_forms_page_get_drill_title (f->page), C_("four-forms", "Person-times")));

  /* The previous quarter's number drills into that quarter. */
  click_cell (f, 2, "previous");
  assert_drilled (f, previous_f2);

  /* The breakdown: every form of county level; top leaders. */
  click_cell (f, 0, "level-xianchu-times");
  assert_drilled (f, xianchu);
  ld_four_forms_page_set_breakdown (f->page, LD_FOUR_FORMS_DIMENSION_GROUP);
  click_cell (f, 0, "group-top-times");
  assert_drilled (f, top);

  /* A listed measure opens its record. */
  g_assert_true (ld_four_forms_page_activate_drilled (f->page, 1));
  g_assert_cmpstr (f->shown_type, ==, "measure");
  g_assert_cmpint (f->shown_id, ==, f->m[5]);

  /* Clearing the list, and a new period clears it too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.clear-drill", NULL));
  g_assert_null (ld_four_forms_page_get_drill_title (f->page));
  g_assert_cmpuint (ld_four_forms_page_get_n_drilled (f->page), ==, 0);
  click_cell (f, 0, "times");
  LD_UI_TEST_WAIT_FOR (!ld_four_forms_page_get_drilling (f->page), 20000);
  g_assert_cmpuint (ld_four_forms_page_get_n_drilled (f->page), ==, 6);
  show_period (f, "2025Q4");
  g_assert_null (ld_four_forms_page_get_drill_title (f->page));
}

typedef struct
{
  int   form;
  int   group;
  guint n;
} Activation;

static void
on_activated_cb (LdChartView *view,
                 int          form,
                 int          group,
                 Activation  *activation)
{
  activation->form = form;
  activation->group = group;
  activation->n++;
}

static void
test_drill_charts (Fixture       *f,
                   gconstpointer  data)
{
  static const guint f1_times[] = { 3, 8, 2, 1, 0 };
  static const guint f1_persons[] = { 3, 8, 2, 0 };
  static const guint previous_f2[] = { 6, 0 };
  LdChartView *pyramid = ld_four_forms_page_get_pyramid (f->page);
  LdChartView *trend = ld_four_forms_page_get_trend (f->page);
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *label = NULL;
  Activation activation = { 0 };
  LdChartHit hit;
  LdPeriod q4;
  guint i;

  LD_UI_TEST_WAIT_FOR (ld_chart_view_get_n_hits (pyramid) == 4 && ld_chart_view_get_n_hits (trend) > 0, 10000);
  g_signal_connect (pyramid, "activated", G_CALLBACK (on_activated_cb), &activation);
  g_signal_connect (trend, "activated", G_CALLBACK (on_activated_cb), &activation);

  /* The band of form one says what it counts, and so does the summary. */
  i = find_hit (pyramid, 1, -1);
  tooltip = ld_chart_view_describe_hit (pyramid, i);
  expected = g_strdup_printf (C_("chart", "%s · %u%s · %s"), ld_form_get_label (1), 4,
                              C_("chart unit", " person-times"), "66.7%");
  g_assert_cmpstr (tooltip, ==, expected);
  g_assert_nonnull (strstr (ld_chart_view_get_summary (pyramid), expected));
  g_assert_true (ld_chart_view_get_hit (pyramid, i, &hit));
  g_assert_cmpfloat (hit.width, >, 0);
  g_assert_cmpfloat (hit.height, >, 0);

  /* Activating the band as a click or Enter does drills the same as the
   * table's number. */
  ld_chart_view_set_focus_index (pyramid, (int) i);
  g_assert_cmpint (ld_chart_view_get_focus_index (pyramid), ==, (int) i);
  g_assert_true (ld_chart_view_activate_hit (pyramid, i));
  g_assert_cmpuint (activation.n, ==, 1);
  g_assert_cmpint (activation.form, ==, 1);
  g_assert_cmpint (activation.group, ==, -1);
  assert_drilled (f, f1_times);

  /* The keyboard: Up climbs the pyramid, Enter activates. */
  {
    GtkEventController *keys = find_controller (GTK_WIDGET (pyramid), GTK_TYPE_EVENT_CONTROLLER_KEY);
    gboolean handled = FALSE;

    ld_chart_view_set_focus_index (pyramid, (int) find_hit (pyramid, 1, -1));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Up, 0, 0, &handled);
    g_assert_true (handled);
    g_assert_cmpint (ld_chart_view_get_focus_index (pyramid), ==, (int) find_hit (pyramid, 2, -1));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    g_assert_cmpuint (activation.n, ==, 2);
    g_assert_cmpint (activation.form, ==, 2);
    LD_UI_TEST_WAIT_FOR (!ld_four_forms_page_get_drilling (f->page), 20000);
    g_assert_cmpuint (ld_four_forms_page_get_n_drilled (f->page), ==, 1);
    g_assert_cmpint (ld_measure_get_id (ld_four_forms_page_get_drilled (f->page, 0)), ==, f->m[4]);
  }

  /* A click at the centre of the band of form three. */
  {
    GtkEventController *click = find_controller (GTK_WIDGET (pyramid), GTK_TYPE_GESTURE_CLICK);

    g_assert_true (ld_chart_view_get_hit (pyramid, find_hit (pyramid, 3, -1), &hit));
    g_signal_emit_by_name (click, "released", 1, hit.x + hit.width / 2, hit.y + hit.height / 2);
    g_assert_cmpuint (activation.n, ==, 3);
    g_assert_cmpint (activation.form, ==, 3);
    LD_UI_TEST_WAIT_FOR (!ld_four_forms_page_get_drilling (f->page), 20000);
    g_assert_cmpuint (ld_four_forms_page_get_n_drilled (f->page), ==, 1);
    g_assert_cmpint (ld_measure_get_id (ld_four_forms_page_get_drilled (f->page, 0)), ==, f->m[5]);
    /* Outside every band nothing happens. */
    g_signal_emit_by_name (click, "released", 1, 1.0, 1.0);
    g_assert_cmpuint (activation.n, ==, 3);
  }

  /* Counting persons, the band drills the persons. */
  ld_four_forms_page_set_chart_persons (f->page, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  LD_UI_TEST_WAIT_FOR (ld_chart_view_get_n_hits (pyramid) == 4, 10000);
  g_clear_pointer (&tooltip, g_free);
  tooltip = ld_chart_view_describe_hit (pyramid, find_hit (pyramid, 1, -1));
  g_assert_nonnull (strstr (tooltip, "60.0%"));
  g_assert_true (ld_chart_view_activate_hit (pyramid, find_hit (pyramid, 1, -1)));
  assert_drilled (f, f1_persons);
  ld_four_forms_page_set_chart_persons (f->page, FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  /* A bar of the trend: form two in 2025Q4, the seventh of 8 quarters. */
  LD_UI_TEST_WAIT_FOR (ld_chart_view_get_n_hits (trend) > 0, 10000);
  i = find_hit (trend, 2, 6);
  g_assert_true (ld_chart_view_activate_hit (trend, i));
  g_assert_cmpint (activation.form, ==, 2);
  g_assert_cmpint (activation.group, ==, 6);
  assert_drilled (f, previous_f2);
  period_of ("2025Q4", &q4);
  label = ld_period_get_label (&q4);
  g_assert_true (g_str_has_prefix (ld_four_forms_page_get_drill_title (f->page), label));

  ld_ui_test_screenshot (GTK_WIDGET (f->window), "four-forms");
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  gboolean no_source = FALSE, no_outcome = FALSE;

  g_assert_cmpuint (ld_four_forms_page_get_n_checks (f->page), >=, 2);
  for (guint i = 0; i < ld_four_forms_page_get_n_checks (f->page); i++)
    {
      const LdConsistencyIssue *issue = ld_four_forms_page_get_check (f->page, i);

      if (issue->kind == LD_CONSISTENCY_MEASURE_NO_SOURCE)
        {
          /* Only the measure without a source. */
          g_assert_cmpint (issue->record_id, ==, f->m[8]);
          g_assert_false (no_source);
          no_source = TRUE;

          g_assert_true (ld_four_forms_page_activate_check (f->page, i));
          g_assert_cmpstr (f->shown_type, ==, "measure");
          g_assert_cmpint (f->shown_id, ==, f->m[8]);
        }
      else if (issue->kind == LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME)
        {
          g_assert_cmpint (issue->record_id, ==, f->letter);
          no_outcome = TRUE;

          g_assert_true (ld_four_forms_page_activate_check (f->page, i));
          g_assert_cmpstr (f->shown_type, ==, "clue");
          g_assert_cmpint (f->shown_id, ==, f->letter);
        }
    }
  g_assert_true (no_source);
  g_assert_true (no_outcome);

  /* The checks do not depend on the period. */
  show_period (f, "2026Q2");
  g_assert_cmpstr (ld_four_forms_page_get_state (f->page), ==, "empty");
  g_assert_cmpuint (ld_four_forms_page_get_n_checks (f->page), >=, 2);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  LdChartView *pyramid = ld_four_forms_page_get_pyramid (f->page);

  show_period (f, "2024Q3");
  g_assert_cmpstr (ld_four_forms_page_get_state (f->page), ==, "empty");
  assert_cell (f, 0, "times", "0");
  assert_cell (f, 1, "share-times", "—");
  /* Nothing to click in an empty pyramid. */
  g_assert_cmpuint (ld_chart_view_get_n_hits (pyramid), ==, 0);

  /* The current period is the default and Alt+Home goes back to it. */
  show_period (f, "2026Q1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "four-forms.current", NULL));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    LdPeriod current;
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    ld_period_init_quarter_of (&current, &date);
    LD_UI_TEST_WAIT_FOR (shows_period (f, &current), 20000);
  }
}

/* The page in the window of an investigator, opening a check's clue. */
static void
test_in_window (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  Fixture f = { 0 };
  LdApplication *app;
  LdWindow *window;
  LdFourFormsPage *page;
  LdPeriod q1;

  f.dir = dir;
  ld_ui_test_create_case_vault (dir);
  seed (&f);

  app = ld_ui_test_app_new (dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "ivy", LD_TEST_PASSWORD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "four-forms"));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "four-forms");
  page = LD_FOUR_FORMS_PAGE (ld_window_get_page (window, "four-forms"));
  g_assert_nonnull (page);
  g_assert_cmpstr (ld_page_get_title (LD_PAGE (page)), ==, _("Four Forms"));

  period_of ("2026Q1", &q1);
  ld_four_forms_page_set_period (page, &q1);
  f.page = page;
  LD_UI_TEST_WAIT_FOR (shows_period (&f, &q1), 20000);
  assert_cell (&f, 0, "times", "6");

  for (guint i = 0; i < ld_four_forms_page_get_n_checks (page); i++)
    if (ld_four_forms_page_get_check (page, i)->kind == LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME)
      {
        g_assert_true (ld_four_forms_page_activate_check (page, i));
        break;
      }
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "clues");

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* --- Export (issue 6) ------------------------------------------------------ */

#ifdef LD_UI_HAVE_EXPORT_DIALOG
#define EXPORT_ROUNDS 2   /* without the export grant, then with it */
#else
#define EXPORT_ROUNDS 1   /* the action is disabled: one look is enough */
#endif

#ifdef LD_UI_HAVE_EXPORT_DIALOG
/* Gives account the export grant (as the security administrator). */
static void
grant_export (const char *dir,
              const char *account)
{
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_ui_test_open_vault (dir, "sec");

  ld_user_repository_set_grant (vault, account, LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_ui_test_close_vault (vault);
}
#endif

static gboolean
trigger_has (GtkShortcutTrigger *trigger,
             GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_has (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted)
           || trigger_has (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted);

  return gtk_shortcut_trigger_equal (trigger, wanted);
}

/* Whether a shortcut of widget (of its template or its class) activates
 * action on accel ("<Control><Shift>e"). */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *action,
              const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (named)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0
              && trigger_has (gtk_shortcut_get_trigger (shortcut), wanted))
            return TRUE;
        }
    }

  return FALSE;
}

/* Checks the page's Export… button (enabled once the build has the export
 * dialog) and its shortcut, and activates its action: without the export
 * grant a message explains the refusal and no export dialog opens; with
 * it the export dialog opens and is returned. NULL when refused or when
 * the build has no export dialog. */
static GtkWindow *
activate_export (GtkWidget  *page,
                 const char *action,
                 gboolean    granted)
{
  GtkWidget *button = ld_ui_test_find_action_button (page, action);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Export to Excel (Ctrl+Shift+E)");
  g_assert_true (has_shortcut (page, action, "<Control><Shift>e"));
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  {
    GtkWindow *message;
    GtkWindow *dialog;

    g_assert_true (gtk_widget_is_sensitive (button));
    g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_true (gtk_widget_activate_action (page, action, NULL));
    ld_ui_test_flush ();
    message = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    dialog = ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG);
    if (!granted)
      {
        g_assert_null (dialog);
        g_assert_nonnull (message);
        gtk_window_destroy (message);
        ld_ui_test_flush ();
        return NULL;
      }
    g_assert_null (message);
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (gtk_widget_get_root (page)));
    return dialog;
  }
#else
  g_assert_false (gtk_widget_is_sensitive (button));
  return NULL;
#endif
}

#if defined (LD_UI_HAVE_EXPORT_DIALOG) && defined (LD_EXPORT_HAVE_LEDGERS)
static void
on_exported_cb (LdExportDialog *dialog,
                gpointer        result,
                gboolean       *done)
{
  *done = TRUE;
}

/* Exports through the open export dialog into dir/name, waits for the
 * outcome, closes the dialog and returns the file's path. */
static char *
run_export_dialog (GtkWindow  *dialog,
                   const char *dir,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gboolean done = FALSE;
  gulong handler;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  handler = g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &done);
  ld_export_dialog_set_purpose (LD_EXPORT_DIALOG (dialog), "年度党风廉政建设检查");
  ld_export_dialog_set_path (LD_EXPORT_DIALOG (dialog), path);
  ld_export_dialog_start (LD_EXPORT_DIALOG (dialog));
  LD_UI_TEST_WAIT_FOR (done, 30000);
  ld_ui_test_flush ();
  if (dialog != NULL)
    {
      g_signal_handler_disconnect (dialog, handler);
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (dialog);
      ld_ui_test_flush ();
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_steal_pointer (&path);
}

/* The workbook read back by tests/exchange/xlsx-inspect.py --flat: leaf
 * key ("sheets.0.rows.0.0.v") → value. NULL, with the test skipped, when
 * the reader or python3-openpyxl is missing. */
static GHashTable *
inspect_workbook (const char *path)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *facts;
  const char *data;
  const char *end;
  gsize size;

  if (root != NULL)
    script = g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
  if (script == NULL || !g_file_test (script, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("tests/exchange/xlsx-inspect.py not found ($LIANDANG_SOURCE_ROOT)");
      return NULL;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "python3", script, "--flat", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return NULL;
    }
  g_assert_true (g_subprocess_get_successful (process));

  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data = g_bytes_get_data (out, &size);
  end = data + size;
  while (data < end)
    {
      gsize key_len = strnlen (data, end - data);
      const char *value = data + key_len + 1;
      gsize value_len;

      if (value >= end)
        break;
      value_len = strnlen (value, end - value);
      g_hash_table_insert (facts, g_strndup (data, key_len), g_strndup (value, value_len));
      data = value + value_len + 1;
    }

  return facts;
}

/* Whether a cell of sheet (-1: any) in the rows first..last (0-based)
 * holds text. */
static gboolean
workbook_has (GHashTable *facts,
              int         sheet,
              guint       first,
              guint       last,
              const char *text)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, facts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, ".", -1);
      guint64 row;

      /* sheets.S.rows.R.C.v */
      if (g_strv_length (parts) != 6 || g_strcmp0 (parts[0], "sheets") != 0 || g_strcmp0 (parts[2], "rows") != 0
          || g_strcmp0 (parts[5], "v") != 0)
        continue;
      if (sheet >= 0 && g_ascii_strtoull (parts[1], NULL, 10) != (guint64) sheet)
        continue;
      row = g_ascii_strtoull (parts[3], NULL, 10);
      if (row >= first && row <= last && strstr (value, text) != NULL)
        return TRUE;
    }

  return FALSE;
}
#endif

/* Export… (issue 6): the button and its action; without the export grant
 * the refusal is explained and no export dialog opens; with it (the page
 * opened anew) the dialog writes the table of the period and the unit
 * shown. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  /* Nothing else here owns Ctrl+E, so it exports too. */
  g_assert_true (has_shortcut (GTK_WIDGET (f->page), "four-forms.export", "<Control>e"));
  g_assert_null (activate_export (GTK_WIDGET (f->page), "four-forms.export", FALSE));
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  {
    GtkWindow *dialog;

    g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
    gtk_window_destroy (f->window);
    ld_ui_test_flush ();
    LD_UI_TEST_WAIT_FOR (f->page == NULL, 10000);
    ld_ui_test_close_vault (f->vault);

    grant_export (f->dir, "ivy");
    f->vault = ld_ui_test_open_vault (f->dir, "ivy");
    f->page = ld_four_forms_page_new (f->vault);
    f->window = ld_ui_test_show_in_window (GTK_WIDGET (f->page), 1280, 960);
    show_period (f, "2026Q1");
    LD_UI_TEST_WAIT_FOR (ld_four_forms_page_set_unit (f->page, f->unit_a), 10000);
    wait_for_period (f, "2026Q1");
    g_assert_cmpint (ld_four_forms_page_get_unit (f->page), ==, f->unit_a);

    dialog = activate_export (GTK_WIDGET (f->page), "four-forms.export", TRUE);
#ifdef LD_EXPORT_HAVE_LEDGERS
    {
      g_autofree char *path = run_export_dialog (dialog, f->dir, "four-forms.xlsx");
      g_autoptr(GHashTable) facts = inspect_workbook (path);

      if (facts != NULL)
        {
          g_assert_true (workbook_has (facts, 0, 0, 1, ld_export_kind_get_title (LD_EXPORT_FOUR_FORMS)));
          g_assert_true (workbook_has (facts, 0, 1, 2, "2026-01-01"));
          g_assert_true (workbook_has (facts, 0, 1, 2, "2026-03-31"));
          g_assert_true (workbook_has (facts, 0, 1, 2, "纪检一室"));
          /* The total of 纪检一室 alone: m1 m2 m3 m8 and m4 (m5 is 纪检二室's). */
          for (guint row = 3;; row++)
            {
              g_autofree char *label_key = g_strdup_printf ("sheets.0.rows.%u.0.v", row);
              g_autofree char *times_key = g_strdup_printf ("sheets.0.rows.%u.1.v", row);
              const char *label = g_hash_table_lookup (facts, label_key);

              g_assert_nonnull (label);
              if (g_strcmp0 (label, C_("four forms", "Total")) != 0)
                continue;
              g_assert_cmpstr (g_hash_table_lookup (facts, times_key), ==, "5");
              break;
            }
        }
    }
#else
    g_test_message ("This build cannot export the four-forms table yet");
    gtk_window_destroy (dialog);
    ld_ui_test_flush ();
#endif
  }
#endif
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add ("/ui/four-forms/counts", Fixture, NULL, setup, test_counts, teardown);
  g_test_add ("/ui/four-forms/previous-next", Fixture, NULL, setup, test_previous_next, teardown);
  g_test_add ("/ui/four-forms/drill-cells", Fixture, NULL, setup, test_drill_cells, teardown);
  g_test_add ("/ui/four-forms/drill-charts", Fixture, NULL, setup, test_drill_charts, teardown);
  g_test_add ("/ui/four-forms/checks", Fixture, NULL, setup, test_checks, teardown);
  g_test_add ("/ui/four-forms/empty", Fixture, NULL, setup, test_empty, teardown);
  g_test_add ("/ui/four-forms/export", Fixture, NULL, setup, test_export, teardown);
  g_test_add_func ("/ui/four-forms/in-window", test_in_window);

  return g_test_run ();
}
