/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-board-page"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ld-ui-test-utils.h"

#include "ld-window.h"
#include "dialogs/ld-export-dialog.h"
#include "exchange/ld-exchange-config.h"
#include "pages/ld-board-page.h"
#include "pages/ld-calendar-page.h"
#include "pages/ld-cadres-page.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-scope.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-file-view.h"

#define INITIAL "Initial-Pass-2024"

/* The calendar of the fixed dataset (as in tests/records/test-calendar-board.c). */
#define CALENDAR_CSV \
  "day,kind,name\n" \
  "2026-03-28,workday,调休上班\n" \
  "2026-04-03,holiday,清明节\n" \
  "2026-04-06,holiday,清明节\n"

typedef struct
{
  char    *dir;
  gint64   unit_a;
  gint64   unit_b;
  gint64   cadre_a;
  gint64   cadre_top;
  gint64   cadre_new;
  gint64   letter;
  gint64   other_unit;
  gint64   clue_handling;
  gint64   talk_written;
} Dataset;

static void
exec_sql (LdVault    *vault,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (vault), sql, &error);
  g_assert_no_error (error);
}

static gint64
insert_sql (LdVault    *vault,
            const char *sql)
{
  exec_sql (vault, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (vault));
}

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
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = make_id_number (serial);
  ld_cadre_repository_create (vault, &fields, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_petition (LdVault    *vault,
              const char *reg_no,
              gint64      unit,
              const char *received,
              gboolean    real_name,
              const char *status,
              const char *routing,
              const char *closed)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date,"
                                          " real_name, routing, status, accept_notice_date, closed_date,"
                                          " feedback_date, summary, account, created_at, updated_at)"
                                          " VALUES ('%s', %lld, 'accusation', 'CH_LETTER', '%s', %d, '%s', '%s',"
                                          " '%s', '%s', '', '反映问题', 'boss', 1, 1)",
                                          reg_no, (long long) unit, received, real_name ? 1 : 0, routing, status,
                                          closed[0] != '\0' ? "2026-03-05" : "", closed);

  return insert_sql (vault, sql);
}

/* Accounts sec, boss (investigator, every unit) and viewer (every unit);
 * with a dataset, units A and B and the records of the board tests. */
static void
seed (Dataset  *d,
      gboolean  with_data)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint n = 0;

  d->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_vault (d->dir);
  ld_ui_test_add_account (d->dir, "sec", LD_ROLE_SECADMIN, INITIAL, FALSE);
  ld_ui_test_add_account (d->dir, "boss", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (d->dir, "viewer", LD_ROLE_VIEWER, INITIAL, FALSE);

  vault = ld_vault_new (d->dir);
  ld_vault_unlock (vault, "sec", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "boss", 0, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "viewer", 0, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  if (!with_data)
    return;

  ld_vault_unlock (vault, "boss", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_calendar_repository_import (vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  d->unit_a = add_unit (vault, "Dept A");
  d->unit_b = add_unit (vault, "Dept B");
  d->cadre_a = add_cadre (vault, d->unit_a, "张三", 1);
  d->cadre_top = add_cadre (vault, d->unit_a, "钱一把", 2);
  d->cadre_new = add_cadre (vault, d->unit_a, "孙新", 3);
  sql = g_strdup_printf ("UPDATE cadres SET principal = 1, post_since = '2025-01-15' WHERE id = %lld;"
                         "UPDATE cadres SET promoted_at = '2026-03-20' WHERE id = %lld;",
                         (long long) d->cadre_top, (long long) d->cadre_new);
  exec_sql (vault, sql);
  g_clear_pointer (&sql, g_free);

  /* A real-name letter (notice overdue on 04-14), one routed up (routing
   * overdue), a closed one (feedback later this month), one of unit B. */
  d->letter = add_petition (vault, "2026-0001", d->unit_a, "2026-03-20", TRUE, "registered", "local", "");
  add_petition (vault, "2026-0002", d->unit_a, "2026-04-01", FALSE, "registered", "up", "");
  add_petition (vault, "2026-0003", d->unit_a, "2026-03-02", TRUE, "closed", "local", "2026-03-31");
  d->other_unit = add_petition (vault, "2026-0005", d->unit_b, "2026-03-20", TRUE, "registered", "local", "");
  sql = g_strdup_printf ("INSERT INTO petition_persons (petition_id, cadre_id) VALUES (%lld, %lld);",
                         (long long) d->letter, (long long) d->cadre_a);
  exec_sql (vault, sql);
  g_clear_pointer (&sql, g_free);

  /* A pending clue (decision due soon), one in hand (limit overdue). */
  sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date, status, disposal,"
                         " due_date, closed_date, account, created_at, updated_at) VALUES"
                         " ('2026-X0001', %lld, 'SRC_SUPERVISION', %lld, '2026-04-08', 'pending', '', '', '', 'boss', 1, 1);",
                         (long long) d->unit_a, (long long) d->cadre_a);
  exec_sql (vault, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date, status, disposal,"
                         " due_date, closed_date, account, created_at, updated_at) VALUES"
                         " ('2026-X0002', %lld, 'SRC_SUPERVISION', %lld, '2026-03-02', 'handling', 'talk-letter',"
                         " '2026-04-10', '', 'boss', 1, 1);",
                         (long long) d->unit_a, (long long) d->cadre_a);
  d->clue_handling = insert_sql (vault, sql);
  g_clear_pointer (&sql, g_free);

  /* A talk whose written explanation is due soon; the top leader's last
   * supervision talk a year ago. */
  sql = g_strdup_printf ("INSERT INTO talks (reg_no, unit_id, type, talk_date, written_required, written_due,"
                         " written_received, account, created_at, updated_at) VALUES"
                         " ('2026-T0001', %lld, 'T_INQUIRY', '2026-04-07', 1, '2026-04-20', '', 'boss', 1, 1);",
                         (long long) d->unit_a);
  d->talk_written = insert_sql (vault, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO talk_persons (talk_id, cadre_id) VALUES (%lld, %lld);"
                         "INSERT INTO talks (reg_no, unit_id, type, talk_date, written_required, written_due,"
                         " written_received, account, created_at, updated_at) VALUES"
                         " ('2026-T0003', %lld, 'T_SUPERVISE_TOP', '2025-04-01', 0, '', '', 'boss', 1, 1);"
                         "INSERT INTO talk_persons (talk_id, cadre_id) VALUES (last_insert_rowid (), %lld);",
                         (long long) d->talk_written, (long long) d->cadre_a,
                         (long long) d->unit_a, (long long) d->cadre_top);
  exec_sql (vault, sql);

  ld_vault_lock (vault, "exit");
}

static void
dataset_clear (Dataset *d)
{
  ld_ui_test_remove_dir (d->dir);
  g_free (d->dir);
}

static LdBoardPage *
open_board (LdApplication *app,
            const char    *account,
            LdWindow     **out_window)
{
  LdWindow *window = LD_WINDOW (ld_ui_test_unlock (app, account, LD_TEST_PASSWORD));
  LdBoardPage *page;

  /* The board is the first page of the business roles. */
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "board");
  page = LD_BOARD_PAGE (ld_window_get_page (window, "board"));
  g_assert_nonnull (page);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_board_page_get_summary (page) != NULL, 20000);

  if (out_window != NULL)
    *out_window = window;
  return page;
}

static void
set_as_of (LdBoardPage *page,
           const char  *day)
{
  g_assert_true (ld_board_page_set_as_of (page, day));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 20000);
  ld_ui_test_flush ();
  g_assert_cmpstr (ld_board_page_get_as_of (page), ==, day);
}

/* Activates the first line of a level opening a record of type; FALSE
 * when there is none. */
static gboolean
activate_first_of (LdBoardPage *page,
                   LdAlertLevel level,
                   const char  *record_type)
{
  for (guint i = 0; i < ld_board_page_get_n_items (page, level); i++)
    if (g_str_equal (ld_board_item_get_record_type (ld_board_page_get_item (page, level, i)), record_type))
      return ld_board_page_activate_item (page, level, i);
  return FALSE;
}

static void
test_board_levels (void)
{
  Dataset d = { 0 };
  LdApplication *app;
  LdWindow *window = NULL;
  LdBoardPage *page;
  const LdBoardSummary *summary;
  LdBoardItem *item;
  GtkWidget *cadres;

  seed (&d, TRUE);
  app = ld_ui_test_app_new (d.dir);
  page = open_board (app, "boss", &window);

  /* On 2026-04-14 (the calendar of 2026 is entered: no prompt). */
  set_as_of (page, "2026-04-14");
  g_assert_cmpstr (ld_board_page_get_state (page), ==, "board");
  g_assert_false (ld_board_page_get_calendar_prompt (page));

  /* Overdue: the top leader's supervision talk (due 2026-04-01), the clue's
   * talk-letter limit, the routing up, the two real-name notices. */
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_OVERDUE), ==, 5);
  /* Due soon: the pending clue's decision, the written explanation, the
   * newly promoted cadre's pre-appointment talk. */
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_DUE_SOON), ==, 3);
  /* Later this month: the feedback of the closed letter. */
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_LATER), ==, 1);

  item = ld_board_page_get_item (page, LD_ALERT_OVERDUE, 0);
  g_assert_cmpstr (ld_board_item_get_record_type (item), ==, LD_BOARD_RECORD_CADRE);
  g_assert_cmpint (ld_board_item_get_record_id (item), ==, d.cadre_top);
  item = ld_board_page_get_item (page, LD_ALERT_LATER, 0);
  g_assert_cmpint (ld_board_item_get_kind (item), ==, LD_DEADLINE_FEEDBACK);
  g_assert_cmpstr (ld_board_item_get_due_date (item), ==, "2026-04-23");
  for (guint i = 0; i < ld_board_page_get_n_items (page, LD_ALERT_DUE_SOON); i++)
    g_assert_cmpint (ld_board_item_get_level (ld_board_page_get_item (page, LD_ALERT_DUE_SOON, i)), ==,
                     LD_ALERT_DUE_SOON);

  /* Counts per kind and per unit. */
  summary = ld_board_page_get_summary (page);
  g_assert_cmpuint (summary->total, ==, 9);
  g_assert_cmpuint (summary->by_kind[LD_DEADLINE_ACCEPT_NOTICE][LD_ALERT_OVERDUE], ==, 2);
  g_assert_cmpuint (summary->by_kind[LD_DEADLINE_REQUIRED_TALK][LD_ALERT_DUE_SOON], ==, 1);
  g_assert_cmpuint (summary->units->len, ==, 2);
  g_assert_cmpint (((LdBoardUnitCount *) g_ptr_array_index (summary->units, 0))->unit_id, ==, d.unit_a);
  g_assert_cmpuint (((LdBoardUnitCount *) g_ptr_array_index (summary->units, 0))->counts[LD_ALERT_OVERDUE], ==, 4);

  /* Only unit B: its letter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.show-unit", "x", d.unit_b));
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_OVERDUE), ==, 1);
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_DUE_SOON), ==, 0);
  g_assert_cmpint (ld_board_item_get_record_id (ld_board_page_get_item (page, LD_ALERT_OVERDUE, 0)), ==,
                   d.other_unit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.show-unit", "x", (gint64) 0));
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_OVERDUE), ==, 5);

  /* A week earlier the written explanation was not due soon yet and the
   * clue's limit had not passed. */
  set_as_of (page, "2026-04-08");
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_OVERDUE) + ld_board_page_get_n_items (page, LD_ALERT_DUE_SOON)
                    + ld_board_page_get_n_items (page, LD_ALERT_LATER), >, 0);
  for (guint i = 0; i < ld_board_page_get_n_items (page, LD_ALERT_OVERDUE); i++)
    {
      item = ld_board_page_get_item (page, LD_ALERT_OVERDUE, i);
      g_assert_false (g_str_equal (ld_board_item_get_record_type (item), LD_BOARD_RECORD_CLUE) &&
                      ld_board_item_get_record_id (item) == d.clue_handling);
    }

  /* Activating a line opens its record: the top leader's file. */
  set_as_of (page, "2026-04-14");
  g_assert_true (ld_board_page_activate_item (page, LD_ALERT_OVERDUE, 0));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "cadres");
  cadres = ld_window_get_page (window, "cadres");
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_cadres_page_get_state (LD_CADRES_PAGE (cadres)), "file") == 0, 20000);
  g_assert_cmpint (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (ld_cadres_page_get_file_view (LD_CADRES_PAGE (cadres)))),
                   ==, d.cadre_top);

  /* The same through the window action, for a cadre. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "board");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "cadre", d.cadre_new));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "cadres");
  LD_UI_TEST_WAIT_FOR (ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (ld_cadres_page_get_file_view (LD_CADRES_PAGE (cadres)))) == d.cadre_new,
                       20000);

  /* The lines of talks, petitions and clues open their pages. */
  {
    static const struct { LdAlertLevel level; const char *type; const char *page; } opens[] = {
      { LD_ALERT_OVERDUE, LD_BOARD_RECORD_CLUE, "clues" },
      { LD_ALERT_DUE_SOON, LD_BOARD_RECORD_TALK, "talks" },
      { LD_ALERT_LATER, LD_BOARD_RECORD_PETITION, "petitions" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
      {
        if (ld_window_get_page (window, opens[i].page) == NULL)
          continue;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
        g_assert_true (activate_first_of (page, opens[i].level, opens[i].type));
        g_assert_cmpstr (ld_window_get_page_name (window), ==, opens[i].page);
        ld_ui_test_flush ();
      }
  }

  /* The next year has no holidays yet: the prompt, whose button opens the
   * calendar page when there is one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "board"));
  set_as_of (page, "2027-01-05");
  g_assert_true (ld_board_page_get_calendar_prompt (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.enter-holidays", NULL));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "calendar");
  g_assert_cmpint (ld_calendar_page_get_year (LD_CALENDAR_PAGE (ld_window_get_page (window, "calendar"))), ==, 2027);

  ld_ui_test_app_free (app);
  dataset_clear (&d);
}

static void
test_board_empty (void)
{
  Dataset d = { 0 };
  LdApplication *app;
  LdBoardPage *page;

  seed (&d, FALSE);
  app = ld_ui_test_app_new (d.dir);

  /* A viewer of an empty vault: nothing is due, and the calendar has no
   * holiday of any year. */
  page = open_board (app, "viewer", NULL);
  set_as_of (page, "2026-04-14");
  g_assert_cmpstr (ld_board_page_get_state (page), ==, "empty");
  g_assert_cmpuint (ld_board_page_get_n_items (page, LD_ALERT_OVERDUE), ==, 0);
  g_assert_true (ld_board_page_get_calendar_prompt (page));

  /* A bad date is refused. */
  g_assert_false (ld_board_page_set_as_of (page, "2026-02-30"));
  g_assert_cmpstr (ld_board_page_get_as_of (page), ==, "2026-04-14");

  /* Stepping a day. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "board.next-day", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_cmpstr (ld_board_page_get_as_of (page), ==, "2026-04-15");

  ld_ui_test_app_free (app);
  dataset_clear (&d);
}

/* --- Export (issue 6) ------------------------------------------------------ */

#ifdef LD_UI_HAVE_EXPORT_DIALOG
#define EXPORT_ROUNDS 2   /* without the export grant, then with it */
#else
#define EXPORT_ROUNDS 1   /* the action is disabled: one look is enough */
#endif

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

/* The board page on its own in a window, loaded. */
static GtkWindow *
show_board (LdBoardPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1280, 800);

  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)) && ld_board_page_get_summary (page) != NULL, 20000);

  return window;
}

#if defined (LD_UI_HAVE_EXPORT_DIALOG) && defined (LD_EXPORT_HAVE_CASES)
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

/* A talk today asking for a written explanation due tomorrow: a deadline
 * still to come (due soon). Returns the talk's registration number. */
static char *
seed_talk (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdTalkSpec) spec = { 0 };
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *due = g_date_time_format (tomorrow, "%Y-%m-%d");
  LdVault *vault = ld_ui_test_open_vault (dir, "ivy");
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  gint64 id = 0;
  char *reg_no;

  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  ld_talk_spec_init (&spec);
  ld_talk_spec_set (&spec.type, "T_ADMONISH");
  ld_talk_spec_set (&spec.talk_date, today);
  ld_talk_spec_add_talker (&spec, "王书记");
  ld_talk_spec_add_talker (&spec, "李主任");
  ld_talk_spec_add_cadre (&spec, ld_ui_test_add_cadre (vault, unit_id, "张无忌", "340524198501010016", "副局长", FALSE));
  ld_talk_spec_set (&spec.reason, "反映问题核实");
  spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
  ld_talk_spec_set (&spec.written_due, due);
  ld_talk_repository_create (vault, &spec, &id, NULL, &error);
  g_assert_no_error (error);
  talk = ld_talk_repository_get (vault, id, &error);
  g_assert_no_error (error);
  reg_no = g_strdup (ld_talk_get_reg_no (talk));
  ld_ui_test_close_vault (vault);

  return reg_no;
}

/* Export… (issue 6): the toolbar button and its action; without the
 * export grant the refusal is explained and no export dialog opens; with
 * it the dialog writes the board, deadlines still to come included. */
static void
test_board_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *reg_no = NULL;

  ld_ui_test_create_case_vault (dir);
  reg_no = seed_talk (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdBoardPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_board_page_new (vault);
      window = show_board (page);
      ld_ui_test_screenshot (GTK_WIDGET (window), "board-export");
      /* Nothing else here owns Ctrl+E, so it exports too. */
      g_assert_true (has_shortcut (GTK_WIDGET (page), "board.export", "<Control>e"));
      dialog = activate_export (GTK_WIDGET (page), "board.export", granted);
      if (dialog != NULL)
        {
#if defined (LD_UI_HAVE_EXPORT_DIALOG) && defined (LD_EXPORT_HAVE_CASES)
          g_autofree char *path = run_export_dialog (dialog, dir, "board.xlsx");
          g_autoptr(GHashTable) facts = inspect_workbook (path);

          if (facts != NULL)
            {
              g_assert_true (workbook_has (facts, 0, 0, 1, ld_export_kind_get_title (LD_EXPORT_BOARD)));
              /* The explanation is due tomorrow: on the board, so in the export. */
              g_assert_true (workbook_has (facts, 0, 3, G_MAXUINT, reg_no));
            }
#else
          gtk_window_destroy (dialog);
#endif
        }
      gtk_window_destroy (window);
      ld_ui_test_flush ();
      ld_ui_test_close_vault (vault);
    }
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/board/levels", test_board_levels);
  g_test_add_func ("/ui/board/empty", test_board_empty);
  g_test_add_func ("/ui/board/export", test_board_page_export);

  return g_test_run ();
}
