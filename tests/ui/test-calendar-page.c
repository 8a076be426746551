/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar-page"

#include "config.h"

#include <string.h>

#include "ld-ui-test-utils.h"

#include "ld-window.h"
#include "pages/ld-calendar-page.h"
#include "records/ld-calendar-repository.h"
#include "vault/ld-vault.h"

#define INITIAL "Initial-Pass-2024"

#define GOOD_CSV \
  "day,kind,name\n" \
  "2026-03-28,workday,调休上班\n" \
  "2026-04-03,holiday,清明节\n" \
  "2026-04-06,休,清明节\n"

/* Line 3 names no kind the core knows. */
#define BAD_CSV \
  "2026-05-01,holiday,劳动节\n" \
  "2026-05-04,holiday,劳动节\n" \
  "2026-05-09,sometimes,调休\n"

static LdCalendarPage *
open_calendar (LdApplication *app,
               const char    *account)
{
  LdWindow *window = LD_WINDOW (ld_ui_test_unlock (app, account, LD_TEST_PASSWORD));
  LdCalendarPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calendar"));
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "calendar");
  page = LD_CALENDAR_PAGE (ld_window_get_page (window, "calendar"));
  ld_calendar_page_set_year (page, 2026);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 20000);
  ld_ui_test_flush ();
  return page;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_calendar_edit (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GFile) good_file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  LdApplication *app;
  LdCalendarPage *page;
  AdwMessageDialog *dialog;
  LdDayKind kind;
  const char *name = NULL;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "boss", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (dir, "viewer", LD_ROLE_VIEWER, INITIAL, FALSE);
  good = write_file (dir, "holidays.csv", GOOD_CSV);
  bad = write_file (dir, "bad.csv", BAD_CSV);
  good_file = g_file_new_for_path (good);
  bad_file = g_file_new_for_path (bad);

  app = ld_ui_test_app_new (dir);
  page = open_calendar (app, "boss");
  g_assert_true (ld_calendar_page_get_can_write (page));
  g_assert_cmpint (ld_calendar_page_get_year (page), ==, 2026);
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 0);

  /* Adding a holiday. */
  ld_calendar_page_fill (page, "2026-10-01", LD_DAY_HOLIDAY, "国庆节");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.add", NULL));
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_n_days (page) == 1 && !ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_cmpstr (ld_calendar_page_get_day (page, 0, &kind, &name), ==, "2026-10-01");
  g_assert_cmpint (kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpstr (name, ==, "国庆节");
  g_assert_null (ld_calendar_page_get_error_message (page));

  /* An impossible date is refused with the core's message. */
  ld_calendar_page_fill (page, "2026-02-30", LD_DAY_WORKDAY, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.add", NULL));
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_error_message (page) != NULL, 20000);
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 1);

  /* Importing a CSV on the worker. */
  ld_calendar_page_import_file (page, good_file);
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_n_days (page) == 4 && !ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_null (ld_calendar_page_get_error_message (page));
  g_assert_cmpstr (ld_calendar_page_get_day (page, 0, &kind, NULL), ==, "2026-03-28");
  g_assert_cmpint (kind, ==, LD_DAY_WORKDAY);

  /* A bad file: nothing stored, the line named. */
  ld_calendar_page_import_file (page, bad_file);
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_error_message (page) != NULL, 20000);
  g_assert_nonnull (strstr (ld_calendar_page_get_error_message (page), "3"));
  ld_calendar_page_set_year (page, 2026);
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 4);

  /* Removing asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.remove", "s", "2026-10-01"));
  dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  ld_ui_test_flush ();
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.remove", "s", "2026-10-01"));
  dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_n_days (page) == 3 && !ld_page_get_busy (LD_PAGE (page)), 20000);

  /* Another year is empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.next-year", NULL));
  LD_UI_TEST_WAIT_FOR (ld_calendar_page_get_year (page) == 2027 && !ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 0);

  /* A viewer reads only. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  LD_UI_TEST_WAIT_FOR (ld_application_get_main_window (app) == NULL, 10000);
  page = open_calendar (app, "viewer");
  g_assert_false (ld_calendar_page_get_can_write (page));
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 3);
  ld_calendar_page_fill (page, "2026-12-31", LD_DAY_HOLIDAY, "");
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.add", NULL);
  ld_calendar_page_import_file (page, good_file);
  ld_ui_test_flush ();
  LD_UI_TEST_WAIT_FOR (!ld_page_get_busy (LD_PAGE (page)), 20000);
  g_assert_cmpuint (ld_calendar_page_get_n_days (page), ==, 3);

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/calendar/edit", test_calendar_edit);

  return g_test_run ();
}
