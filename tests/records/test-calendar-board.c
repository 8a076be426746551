/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar-board"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-board.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The calendar of the fixed dataset: two holidays around 清明 and an
 * adjusted working Saturday (调休上班). */
#define CALENDAR_CSV \
  "day,kind,name\n" \
  "2026-03-28,workday,调休上班\n" \
  "2026-04-03,holiday,清明节\n" \
  "2026-04-06,holiday,清明节\n"

#define REPORTER_NAME "王举报"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_b;
  gint64   cadre_a;        /* 张三, unit A, reported by the real-name letter */
  gint64   cadre_top;      /* 钱一把, unit A, top leader */
  gint64   cadre_new;      /* 孙新, unit A, newly promoted, no talk */
  gint64   cadre_new_done; /* 周已谈, unit A, newly promoted, talked to */
  gint64   cadre_old;      /* 吴老, unit A, promoted long ago, no talk */
  gint64   cadre_new_top;  /* 郑新任, unit A, top leader since 2026-03-10, never talked to */
  gint64   cadre_month;    /* 冯月, unit A, promoted in 2026-03 (no day known), no talk */
  gint64   cadre_b;        /* 李四, unit B */
  /* records */
  gint64   letter;         /* real-name letter about 张三, received 2026-03-20 */
  gint64   routed_up;      /* anonymous, to be forwarded up */
  gint64   closed;         /* real-name, closed 2026-03-31, no feedback */
  gint64   done;           /* real-name, notice and feedback sent */
  gint64   other_unit;     /* real-name letter of unit B */
  gint64   clue_pending;
  gint64   clue_handling;
  gint64   clue_closed;
  gint64   talk_written;
  gint64   talk_received;
} Fixture;

/* --- Helpers ------------------------------------------------------------------------ */

/* A valid resident ID number (GB 11643) for a serial number. */
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

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error);
  g_assert_no_error (error);
}

static gint64
insert_sql (Fixture    *f,
            const char *sql)
{
  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
}

static gint64
add_petition (Fixture    *f,
              const char *reg_no,
              gint64      unit,
              const char *received,
              gboolean    real_name,
              const char *status,
              const char *routing,
              const char *accept_notice,
              const char *closed,
              const char *feedback)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date,"
                                          " real_name, routing, status, accept_notice_date, closed_date,"
                                          " feedback_date, summary, account, created_at, updated_at)"
                                          " VALUES ('%s', %lld, 'accusation', 'CH_LETTER', '%s', %d, '%s', '%s',"
                                          " '%s', '%s', '%s', '" REPORTER_NAME "反映问题', 'boss', 1, 1)",
                                          reg_no, (long long) unit, received, real_name ? 1 : 0, routing, status,
                                          accept_notice, closed, feedback);
  gint64 id = insert_sql (f, sql);
  g_autofree char *reporter = g_strdup_printf ("INSERT INTO reporters (petition_id, name, contact)"
                                               " VALUES (%lld, '" REPORTER_NAME "', '13800000000')",
                                               (long long) id);

  exec_sql (f, reporter);
  return id;
}

static void
add_petition_person (Fixture    *f,
                     gint64      petition,
                     gint64      cadre,
                     const char *name)
{
  g_autofree char *sql = cadre != 0
    ? g_strdup_printf ("INSERT INTO petition_persons (petition_id, cadre_id) VALUES (%lld, %lld)",
                       (long long) petition, (long long) cadre)
    : g_strdup_printf ("INSERT INTO petition_persons (petition_id, name) VALUES (%lld, '%s')",
                       (long long) petition, name);

  exec_sql (f, sql);
}

static gint64
add_clue (Fixture    *f,
          const char *reg_no,
          gint64      unit,
          gint64      cadre,
          const char *received,
          const char *status,
          const char *due,
          const char *closed)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date,"
                                          " status, disposal, due_date, closed_date, account, created_at,"
                                          " updated_at) VALUES ('%s', %lld, 'SRC_SUPERVISION', %lld, '%s', '%s',"
                                          " '%s', '%s', '%s', 'boss', 1, 1)",
                                          reg_no, (long long) unit, (long long) cadre, received, status,
                                          *due ? "talk-letter" : "", due, closed);

  return insert_sql (f, sql);
}

static gint64
add_talk (Fixture    *f,
          const char *reg_no,
          gint64      unit,
          gint64      cadre,
          const char *type,
          const char *date,
          int         written_required,
          const char *written_due,
          const char *written_received)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO talks (reg_no, unit_id, type, talk_date, written_required,"
                                          " written_due, written_received, account, created_at, updated_at)"
                                          " VALUES ('%s', %lld, '%s', '%s', %d, '%s', '%s', 'boss', 1, 1)",
                                          reg_no, (long long) unit, type, date, written_required, written_due,
                                          written_received);
  gint64 id = insert_sql (f, sql);
  g_autofree char *person = g_strdup_printf ("INSERT INTO talk_persons (talk_id, cadre_id) VALUES (%lld, %lld)",
                                             (long long) id, (long long) cadre);

  exec_sql (f, person);
  return id;
}

static gint64
add_cadre (Fixture    *f,
           gint64      unit,
           const char *name,
           guint       serial)
{
  g_autofree char *id_number = make_id_number (serial);

  return ld_test_add_cadre (f->vault, unit, name, id_number);
}

static void
set_date (GDate      *date,
          const char *text)
{
  int y, m, d;

  g_assert_cmpint (sscanf (text, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
}

static GPtrArray *
board_on (Fixture    *f,
          const char *day)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  GDate date;

  set_date (&date, day);
  items = ld_board_list (f->vault, &date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static LdBoardItem *
find_item (GPtrArray      *items,
           const char     *record_type,
           gint64          record_id,
           LdDeadlineKind  kind)
{
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (ld_board_item_get_record_type (item), record_type)
          && ld_board_item_get_record_id (item) == record_id && ld_board_item_get_kind (item) == kind)
        return item;
    }
  return NULL;
}

static void
assert_item (GPtrArray      *items,
             const char     *record_type,
             gint64          record_id,
             LdDeadlineKind  kind,
             LdAlertLevel    level,
             const char     *due,
             int             days_left)
{
  LdBoardItem *item = find_item (items, record_type, record_id, kind);

  if (item == NULL)
    g_error ("no %s item for %s %lld", ld_deadline_kind_to_string (kind), record_type, (long long) record_id);
  g_assert_cmpint (ld_board_item_get_level (item), ==, level);
  g_assert_cmpstr (ld_board_item_get_due_date (item), ==, due);
  g_assert_cmpint (ld_board_item_get_days_left (item), ==, days_left);
}

/* --- Fixtures ----------------------------------------------------------------------- */

/* Admin, sec (secadmin), boss (investigator, every unit), inv
 * (investigator, unit A only), viewer (viewer, every unit); units A and B;
 * signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
}

/* The fixed dataset of the board tests (direct SQL into the step-4
 * tables) with the calendar of CALENDAR_CSV. */
static void
setup_dataset (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint n = 0;

  setup (f, data);
  ld_calendar_repository_import (f->vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  f->cadre_a = add_cadre (f, f->unit_a, "张三", 1);
  f->cadre_top = add_cadre (f, f->unit_a, "钱一把", 2);
  f->cadre_new = add_cadre (f, f->unit_a, "孙新", 3);
  f->cadre_new_done = add_cadre (f, f->unit_a, "周已谈", 4);
  f->cadre_old = add_cadre (f, f->unit_a, "吴老", 5);
  f->cadre_b = add_cadre (f, f->unit_b, "李四", 6);
  f->cadre_new_top = add_cadre (f, f->unit_a, "郑新任", 7);
  f->cadre_month = add_cadre (f, f->unit_a, "冯月", 8);
  sql = g_strdup_printf ("UPDATE cadres SET principal = 1, post_since = '2025-01-15' WHERE id = %lld;"
                         "UPDATE cadres SET promoted_at = '2026-03-20' WHERE id IN (%lld, %lld);"
                         "UPDATE cadres SET promoted_at = '2024-01-02' WHERE id = %lld;"
                         "UPDATE cadres SET principal = 1, post_since = '2026-03-10' WHERE id = %lld;"
                         "UPDATE cadres SET promoted_at = '2026-03' WHERE id = %lld;",
                         (long long) f->cadre_top, (long long) f->cadre_new, (long long) f->cadre_new_done,
                         (long long) f->cadre_old, (long long) f->cadre_new_top, (long long) f->cadre_month);
  exec_sql (f, sql);

  /* Petitions. */
  f->letter = add_petition (f, "2026-0001", f->unit_a, "2026-03-20", TRUE, "registered", "local", "", "", "");
  add_petition_person (f, f->letter, f->cadre_a, NULL);
  add_petition_person (f, f->letter, 0, "赵六");
  f->routed_up = add_petition (f, "2026-0002", f->unit_a, "2026-04-01", FALSE, "registered", "up", "", "", "");
  add_petition_person (f, f->routed_up, 0, "赵六");
  f->closed = add_petition (f, "2026-0003", f->unit_a, "2026-03-02", TRUE, "closed", "local", "2026-03-05",
                            "2026-03-31", "");
  f->done = add_petition (f, "2026-0004", f->unit_a, "2026-03-02", TRUE, "closed", "local", "2026-03-05",
                          "2026-03-10", "2026-03-12");
  f->other_unit = add_petition (f, "2026-0005", f->unit_b, "2026-03-20", TRUE, "registered", "local", "", "", "");
  add_petition_person (f, f->other_unit, f->cadre_b, NULL);

  /* Clues. */
  f->clue_pending = add_clue (f, "2026-X0001", f->unit_a, f->cadre_a, "2026-04-08", "pending", "", "");
  f->clue_handling = add_clue (f, "2026-X0002", f->unit_a, f->cadre_a, "2026-03-02", "handling", "2026-04-10", "");
  f->clue_closed = add_clue (f, "2026-X0003", f->unit_a, f->cadre_a, "2026-03-02", "closed", "2026-04-10",
                             "2026-04-01");

  /* Talks. */
  f->talk_written = add_talk (f, "2026-T0001", f->unit_a, f->cadre_a, "T_INQUIRY", "2026-04-07", 1, "2026-04-20",
                              "");
  f->talk_received = add_talk (f, "2026-T0002", f->unit_a, f->cadre_a, "T_INQUIRY", "2026-04-07", 1,
                               "2026-04-20", "2026-04-09");
  add_talk (f, "2026-T0003", f->unit_a, f->cadre_top, "T_SUPERVISE_TOP", "2025-04-01", 0, "", "");
  add_talk (f, "2026-T0004", f->unit_a, f->cadre_new_done, "T_PREAPPOINT", "2026-03-10", 0, "", "");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

/* --- The calendar ------------------------------------------------------------------- */

static void
test_calendar_set_remove (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LdWorkdays) before = NULL;
  g_autoptr(LdWorkdays) after = NULL;
  gint64 audit = ld_test_audit_count (f->vault);
  gboolean missing = FALSE;
  LdCalendarRow *row;
  GDate day;

  /* Shipped with weekends only. */
  before = ld_calendar_repository_load (f->vault, &error);
  g_assert_no_error (error);
  set_date (&day, "2026-10-01");
  g_assert_true (ld_workdays_is_working_day (before, &day));
  g_assert_true (ld_board_calendar_missing_year (f->vault, 2026, &missing, &error));
  g_assert_no_error (error);
  g_assert_true (missing);

  g_assert_true (ld_calendar_repository_set (f->vault, "2026-10-01", LD_DAY_HOLIDAY, "国庆节", &error));
  g_assert_no_error (error);
  g_assert_true (ld_calendar_repository_set (f->vault, " 2026-10-10 ", LD_DAY_WORKDAY, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit + 2);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM audit_log WHERE event = 'calendar.changed'"),
                   ==, 2);

  /* The cached calendar follows the change. */
  after = ld_calendar_repository_load (f->vault, &error);
  g_assert_no_error (error);
  g_assert_false (ld_workdays_is_working_day (after, &day));
  set_date (&day, "2026-10-10");
  g_assert_true (ld_workdays_is_working_day (after, &day));
  g_assert_true (ld_board_calendar_missing_year (f->vault, 2026, &missing, &error));
  g_assert_false (missing);
  g_assert_true (ld_board_calendar_missing_year (f->vault, 2027, &missing, &error));
  g_assert_true (missing);

  /* Replacing a day keeps one row. */
  g_assert_true (ld_calendar_repository_set (f->vault, "2026-10-01", LD_DAY_HOLIDAY, "国庆节 中秋节", &error));
  g_assert_no_error (error);
  rows = ld_calendar_repository_list (f->vault, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (g_date_get_day (&row->day), ==, 1);
  g_assert_cmpint (row->kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpstr (row->name, ==, "国庆节 中秋节");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->kind, ==, LD_DAY_WORKDAY);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ld_calendar_repository_list (f->vault, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Refusals write nothing. */
  audit = ld_test_audit_count (f->vault);
  g_assert_false (ld_calendar_repository_set (f->vault, "2026-02-30", LD_DAY_HOLIDAY, "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_calendar_repository_set (f->vault, "tomorrow", LD_DAY_HOLIDAY, "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_calendar_repository_remove (f->vault, "2026-10-02", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit);

  /* Removing. */
  g_assert_true (ld_calendar_repository_remove (f->vault, "2026-10-01", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, ld_workdays_unref);
  after = ld_calendar_repository_load (f->vault, &error);
  set_date (&day, "2026-10-01");
  g_assert_true (ld_workdays_is_working_day (after, &day));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM calendar_days"), ==, 1);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit + 1);
}

static void
test_calendar_import (Fixture       *f,
                      gconstpointer  data)
{
  static const char bad[] = "2026-05-01,holiday,劳动节\n2026-05-02,holiday,劳动节\n2026-05-0x,休,oops\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 audit;
  guint n = 99;

  /* A bad line refuses the whole file, naming the line. */
  audit = ld_test_audit_count (f->vault);
  g_assert_false (ld_calendar_repository_import (f->vault, bad, strlen (bad), &n, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM calendar_days"), ==, 0);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit);

  /* An empty file stores nothing either. */
  g_assert_false (ld_calendar_repository_import (f->vault, "", 0, &n, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit);

  g_assert_true (ld_calendar_repository_import (f->vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit + 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM audit_log WHERE event = 'calendar.imported'"),
                   ==, 1);
  rows = ld_calendar_repository_list (f->vault, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((LdCalendarRow *) g_ptr_array_index (rows, 0))->kind, ==, LD_DAY_WORKDAY);
  g_assert_cmpstr (((LdCalendarRow *) g_ptr_array_index (rows, 1))->name, ==, "清明节");

  /* Importing again replaces the same days. */
  g_assert_true (ld_calendar_repository_import (f->vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM calendar_days"), ==, 3);
}

static void
test_calendar_permissions (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  g_assert_true (ld_calendar_repository_set (f->vault, "2026-10-01", LD_DAY_HOLIDAY, "国庆节", &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "viewer");
  /* The viewer reads the calendar and the board ... */
  rows = ld_calendar_repository_list (f->vault, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  /* ... but changes nothing. */
  g_assert_false (ld_calendar_repository_set (f->vault, "2026-10-02", LD_DAY_HOLIDAY, "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_calendar_repository_remove (f->vault, "2026-10-01", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_calendar_repository_import (f->vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM calendar_days"), ==, 1);
  /* Refusals are audited by the permission check; nothing else is. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM audit_log WHERE event LIKE 'calendar.%'"),
                   ==, 1);

  /* The system administrator reads no case content. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ld_calendar_repository_list (f->vault, 2026, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (rows);
  g_clear_error (&error);
  g_assert_null (ld_board_list (f->vault, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
}

/* --- The board ---------------------------------------------------------------------- */

/* The real-name letter received on Friday 2026-03-20: 15 working days
 * with the 调休 Saturday 03-28 and the holidays 04-03 and 04-06 give
 * Monday 2026-04-13 (without the calendar: Friday 04-10). */
static void
test_board_accept_notice (Fixture       *f,
                          gconstpointer  data)
{
  struct
  {
    const char   *day;
    LdAlertLevel  level;
    int           days_left;
  } steps[] = {
    { "2026-03-25", LD_ALERT_NONE, 0 },       /* due next month */
    { "2026-04-01", LD_ALERT_LATER, 6 },      /* this month, 6 working days */
    { "2026-04-02", LD_ALERT_DUE_SOON, 5 },   /* the holidays bring it within 5 */
    { "2026-04-10", LD_ALERT_DUE_SOON, 1 },
    { "2026-04-13", LD_ALERT_DUE_SOON, 0 },   /* due today */
    { "2026-04-14", LD_ALERT_OVERDUE, -1 },
    { "2026-04-20", LD_ALERT_OVERDUE, -5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GPtrArray) items = board_on (f, steps[i].day);
      LdBoardItem *item = find_item (items, LD_BOARD_RECORD_PETITION, f->letter, LD_DEADLINE_ACCEPT_NOTICE);

      g_test_message ("as of %s", steps[i].day);
      if (steps[i].level == LD_ALERT_NONE)
        {
          g_assert_null (item);
          continue;
        }
      g_assert_nonnull (item);
      g_assert_cmpint (ld_board_item_get_level (item), ==, steps[i].level);
      g_assert_cmpstr (ld_board_item_get_due_date (item), ==, "2026-04-13");
      g_assert_cmpint (ld_board_item_get_days_left (item), ==, steps[i].days_left);
      g_assert_cmpstr (ld_board_item_get_reg_no (item), ==, "2026-0001");
      g_assert_cmpint (ld_board_item_get_unit_id (item), ==, f->unit_a);
      g_assert_cmpstr (ld_board_item_get_unit_name (item), ==, "Dept A");
      g_assert_cmpint (ld_board_item_get_cadre_id (item), ==, f->cadre_a);
      g_assert_nonnull (strstr (ld_board_item_get_title (item), "张三"));
      g_assert_nonnull (strstr (ld_board_item_get_title (item), "赵六"));
    }

  /* Without the adjusted working Saturday the limit moves a day on: on
   * 04-14 the notice is due today, not overdue (the cache follows). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) items = NULL;

    g_assert_true (ld_calendar_repository_remove (f->vault, "2026-03-28", &error));
    g_assert_no_error (error);
    items = board_on (f, "2026-04-14");
    assert_item (items, LD_BOARD_RECORD_PETITION, f->letter, LD_DEADLINE_ACCEPT_NOTICE, LD_ALERT_DUE_SOON,
                 "2026-04-14", 0);
  }

  /* Once the notice is sent, the line goes. */
  exec_sql (f, "UPDATE petitions SET accept_notice_date = '2026-04-09' WHERE reg_no = '2026-0001'");
  {
    g_autoptr(GPtrArray) items = board_on (f, "2026-04-14");

    g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->letter, LD_DEADLINE_ACCEPT_NOTICE));
  }
}

static void
test_board_contents (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) items = board_on (f, "2026-04-14");
  g_auto(LdBoardSummary) summary = { 0 };
  LdBoardItem *item;
  guint n_unit_a = 0;

  /* Routing up: 5 working days after 04-01 is 04-10 (holidays skipped). */
  assert_item (items, LD_BOARD_RECORD_PETITION, f->routed_up, LD_DEADLINE_ROUTING, LD_ALERT_OVERDUE, "2026-04-10",
               -2);
  /* Anonymous: no acceptance notice. */
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->routed_up, LD_DEADLINE_ACCEPT_NOTICE));
  /* Feedback 15 working days after closing on 03-31: 04-23. */
  assert_item (items, LD_BOARD_RECORD_PETITION, f->closed, LD_DEADLINE_FEEDBACK, LD_ALERT_LATER, "2026-04-23", 7);
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->closed, LD_DEADLINE_ACCEPT_NOTICE));
  /* Notice and feedback done: nothing. */
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->done, LD_DEADLINE_ACCEPT_NOTICE));
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->done, LD_DEADLINE_FEEDBACK));
  /* Clues: the disposal decision 5 working days after 04-08, the limit of
   * the disposal in hand, nothing for the closed one. */
  assert_item (items, LD_BOARD_RECORD_CLUE, f->clue_pending, LD_DEADLINE_DISPOSAL_DECISION, LD_ALERT_DUE_SOON,
               "2026-04-15", 1);
  assert_item (items, LD_BOARD_RECORD_CLUE, f->clue_handling, LD_DEADLINE_DISPOSAL, LD_ALERT_OVERDUE, "2026-04-10",
               -2);
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, f->clue_closed, LD_DEADLINE_DISPOSAL));
  item = find_item (items, LD_BOARD_RECORD_CLUE, f->clue_handling, LD_DEADLINE_DISPOSAL);
  g_assert_cmpint (ld_board_item_get_cadre_id (item), ==, f->cadre_a);
  g_assert_nonnull (strstr (ld_board_item_get_title (item), "张三"));
  /* The written explanation still owed; not the one received. */
  assert_item (items, LD_BOARD_RECORD_TALK, f->talk_written, LD_DEADLINE_WRITTEN, LD_ALERT_DUE_SOON, "2026-04-20",
               4);
  g_assert_null (find_item (items, LD_BOARD_RECORD_TALK, f->talk_received, LD_DEADLINE_WRITTEN));
  /* Required talks: the top leader's yearly supervision talk (last on
   * 2025-04-01), the newly promoted cadre's pre-appointment talk (one
   * month after 2026-03-20); not for the one talked to in the notice
   * period, nor for one promoted long ago. */
  assert_item (items, LD_BOARD_RECORD_CADRE, f->cadre_top, LD_DEADLINE_REQUIRED_TALK, LD_ALERT_OVERDUE,
               "2026-04-01", -7);
  assert_item (items, LD_BOARD_RECORD_CADRE, f->cadre_new, LD_DEADLINE_REQUIRED_TALK, LD_ALERT_DUE_SOON,
               "2026-04-20", 4);
  item = find_item (items, LD_BOARD_RECORD_CADRE, f->cadre_new, LD_DEADLINE_REQUIRED_TALK);
  g_assert_cmpint (ld_board_item_get_cadre_id (item), ==, f->cadre_new);
  g_assert_nonnull (strstr (ld_board_item_get_title (item), "孙新"));
  g_assert_null (find_item (items, LD_BOARD_RECORD_CADRE, f->cadre_new_done, LD_DEADLINE_REQUIRED_TALK));
  /* A top leader never talked to: a month after taking the post. A
   * promotion month without a day counts from the 1st. */
  assert_item (items, LD_BOARD_RECORD_CADRE, f->cadre_new_top, LD_DEADLINE_REQUIRED_TALK, LD_ALERT_OVERDUE,
               "2026-04-10", -2);
  assert_item (items, LD_BOARD_RECORD_CADRE, f->cadre_month, LD_DEADLINE_REQUIRED_TALK, LD_ALERT_OVERDUE,
               "2026-04-01", -7);
  g_assert_null (find_item (items, LD_BOARD_RECORD_CADRE, f->cadre_old, LD_DEADLINE_REQUIRED_TALK));
  /* Unit B's letter, seen with every unit in scope. */
  assert_item (items, LD_BOARD_RECORD_PETITION, f->other_unit, LD_DEADLINE_ACCEPT_NOTICE, LD_ALERT_OVERDUE,
               "2026-04-13", -1);

  /* Overdue first, then by due date; never the reporter. */
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *it = g_ptr_array_index (items, i);
      g_autofree char *title = NULL;

      g_object_get (it, "title", &title, NULL);
      g_assert_null (strstr (title, REPORTER_NAME));
      g_assert_null (strstr (title, "13800000000"));
      g_assert_cmpint (ld_board_item_get_level (it), !=, LD_ALERT_NONE);
      if (i > 0)
        {
          LdBoardItem *prev = g_ptr_array_index (items, i - 1);
          GDate a, b;

          if (ld_board_item_get_level (prev) == ld_board_item_get_level (it)
              || (ld_board_item_get_level (prev) != LD_ALERT_OVERDUE
                  && ld_board_item_get_level (it) != LD_ALERT_OVERDUE))
            {
              ld_board_item_get_due (prev, &a);
              ld_board_item_get_due (it, &b);
              g_assert_cmpint (g_date_compare (&a, &b), <=, 0);
            }
          else
            g_assert_cmpint (ld_board_item_get_level (prev), ==, LD_ALERT_OVERDUE);
        }
      if (ld_board_item_get_unit_id (it) == f->unit_a)
        n_unit_a++;
    }
  g_assert_cmpuint (items->len, ==, 11);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (ld_board_item_get_level (item), ==, LD_ALERT_OVERDUE);
  g_assert_cmpint (ld_board_item_get_record_id (item), ==, f->cadre_top);

  /* Counts per kind and per unit. */
  ld_board_summarise (items, &summary);
  g_assert_cmpuint (summary.total, ==, 11);
  g_assert_cmpuint (summary.by_level[LD_ALERT_OVERDUE], ==, 7);
  g_assert_cmpuint (summary.by_level[LD_ALERT_DUE_SOON], ==, 3);
  g_assert_cmpuint (summary.by_level[LD_ALERT_LATER], ==, 1);
  g_assert_cmpuint (summary.by_kind[LD_DEADLINE_REQUIRED_TALK][LD_ALERT_OVERDUE], ==, 3);
  g_assert_cmpuint (summary.by_kind[LD_DEADLINE_REQUIRED_TALK][LD_ALERT_DUE_SOON], ==, 1);
  g_assert_cmpuint (summary.by_kind[LD_DEADLINE_ACCEPT_NOTICE][LD_ALERT_OVERDUE], ==, 2);
  g_assert_cmpuint (summary.by_kind[LD_DEADLINE_FEEDBACK][LD_ALERT_LATER], ==, 1);
  g_assert_cmpuint (summary.units->len, ==, 2);
  {
    LdBoardUnitCount *a = g_ptr_array_index (summary.units, 0);
    LdBoardUnitCount *b = g_ptr_array_index (summary.units, 1);

    g_assert_cmpint (a->unit_id, ==, f->unit_a);
    g_assert_cmpuint (a->total, ==, n_unit_a);
    g_assert_cmpuint (a->counts[LD_ALERT_OVERDUE], ==, 6);
    g_assert_cmpint (b->unit_id, ==, f->unit_b);
    g_assert_cmpstr (b->unit_name, ==, "Dept B");
    g_assert_cmpuint (b->total, ==, 1);
  }

  /* Retired records leave the board. */
  exec_sql (f, "UPDATE clues SET retired_at = 5, retired_reason = 'duplicate' WHERE reg_no = '2026-X0002'");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-14");
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, f->clue_handling, LD_DEADLINE_DISPOSAL));
  g_assert_cmpuint (items->len, ==, 10);
}

/* A clue held pending (暂存待查) comes back on its review date; without
 * one, or once reactivated, it has no line. */
static void
test_board_held_review (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  gint64 held = add_clue (f, "2026-X0101", f->unit_a, f->cadre_a, "2026-03-02", "held", "", "");
  gint64 undated = add_clue (f, "2026-X0102", f->unit_a, f->cadre_a, "2026-03-02", "held", "", "");
  g_autofree char *sql = g_strdup_printf ("UPDATE clues SET next_review_date = '2026-04-16' WHERE id = %lld",
                                          (long long) held);

  exec_sql (f, sql);
  items = board_on (f, "2026-04-14");
  assert_item (items, LD_BOARD_RECORD_CLUE, held, LD_DEADLINE_REVIEW, LD_ALERT_DUE_SOON, "2026-04-16", 2);
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, undated, LD_DEADLINE_REVIEW));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-17");
  assert_item (items, LD_BOARD_RECORD_CLUE, held, LD_DEADLINE_REVIEW, LD_ALERT_OVERDUE, "2026-04-16", -1);
  g_clear_pointer (&items, g_ptr_array_unref);

  g_free (sql);
  sql = g_strdup_printf ("UPDATE clues SET status = 'handling', disposal = 'verify' WHERE id = %lld",
                         (long long) held);
  exec_sql (f, sql);
  items = board_on (f, "2026-04-17");
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, held, LD_DEADLINE_REVIEW));
}

static void
test_board_scope (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) unit_items = NULL;
  g_autoptr(GPtrArray) cadre_items = NULL;
  GDate day;

  /* inv sees unit A only. */
  ld_test_login (f->vault, "inv");
  items = board_on (f, "2026-04-14");
  g_assert_cmpuint (items->len, ==, 10);
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, f->other_unit, LD_DEADLINE_ACCEPT_NOTICE));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (ld_board_item_get_unit_id (g_ptr_array_index (items, i)), ==, f->unit_a);

  set_date (&day, "2026-04-14");
  g_assert_null (ld_board_list_for_unit (f->vault, f->unit_b, &day, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_board_list_for_cadre (f->vault, f->cadre_b, &day, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* boss, per unit and per cadre. */
  ld_test_login (f->vault, "boss");
  unit_items = ld_board_list_for_unit (f->vault, f->unit_b, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unit_items->len, ==, 1);
  g_assert_cmpint (ld_board_item_get_record_id (g_ptr_array_index (unit_items, 0)), ==, f->other_unit);

  /* 张三's file: the clues about him and the written explanation of his
   * talk; not the letters reporting him. */
  cadre_items = ld_board_list_for_cadre (f->vault, f->cadre_a, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadre_items->len, ==, 3);
  g_assert_nonnull (find_item (cadre_items, LD_BOARD_RECORD_CLUE, f->clue_pending, LD_DEADLINE_DISPOSAL_DECISION));
  g_assert_nonnull (find_item (cadre_items, LD_BOARD_RECORD_CLUE, f->clue_handling, LD_DEADLINE_DISPOSAL));
  g_assert_nonnull (find_item (cadre_items, LD_BOARD_RECORD_TALK, f->talk_written, LD_DEADLINE_WRITTEN));
  g_clear_pointer (&cadre_items, g_ptr_array_unref);

  cadre_items = ld_board_list_for_cadre (f->vault, f->cadre_top, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadre_items->len, ==, 1);
  g_assert_nonnull (find_item (cadre_items, LD_BOARD_RECORD_CADRE, f->cadre_top, LD_DEADLINE_REQUIRED_TALK));
  g_clear_pointer (&cadre_items, g_ptr_array_unref);

  /* A cadre who left is not owed a talk any more. */
  exec_sql (f, "UPDATE cadres SET status = 'left' WHERE name = '钱一把'");
  cadre_items = ld_board_list_for_cadre (f->vault, f->cadre_top, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cadre_items->len, ==, 0);
}

/* The "done when", through the repositories: a real-name letter
 * registered, a clue decided (谈话函询), the talk and its written
 * explanation, the clue closed and the feedback sent; each deadline shows
 * on the right working day and goes once done. */
static void
test_board_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  g_auto(LdTalkSpec) talk_spec = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdTalk) talk = NULL;
  gint64 petition = 0, clue = 0, talk_id = 0;
  guint n = 0;

  ld_calendar_repository_import (f->vault, CALENDAR_CSV, strlen (CALENDAR_CSV), &n, &error);
  g_assert_no_error (error);
  f->cadre_a = add_cadre (f, f->unit_a, "张三", 1);

  ld_petition_spec_init (&spec);
  spec.unit_id = f->unit_a;
  spec.kind = g_strdup ("accusation");
  spec.channel = g_strdup ("CH_LETTER");
  spec.received_date = g_strdup ("2026-03-20");
  spec.real_name = TRUE;
  spec.reporter = ld_reporter_new (REPORTER_NAME, "某局", "13800000000", "", "");
  spec.summary = g_strdup ("反映张三收受礼金");
  ld_petition_spec_add_cadre (&spec, f->cadre_a);
  g_assert_true (ld_petition_repository_create (f->vault, &spec, &petition, NULL, &error));
  g_assert_no_error (error);

  /* The acceptance notice turns yellow on 04-02. */
  items = board_on (f, "2026-04-01");
  assert_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_ACCEPT_NOTICE, LD_ALERT_LATER, "2026-04-13",
               6);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-02");
  assert_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_ACCEPT_NOTICE, LD_ALERT_DUE_SOON,
               "2026-04-13", 5);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A clue from the letter: its disposal decision was due 5 working days
   * after receipt (late by 5 with the working Saturday 03-28). */
  g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, NULL, &clue, &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-04-02");
  assert_item (items, LD_BOARD_RECORD_CLUE, clue, LD_DEADLINE_DISPOSAL_DECISION, LD_ALERT_OVERDUE, "2026-03-27",
               -5);
  assert_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_ACCEPT_NOTICE, LD_ALERT_DUE_SOON,
               "2026-04-13", 5);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* 谈话函询 approved on 04-01: 15 working days, 04-24. */
  g_assert_true (ld_clue_repository_dispose (f->vault, clue, "talk-letter", "李书记", "2026-04-01", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_petition_repository_set_accept_notice (f->vault, petition, "2026-04-09", &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-04-14");
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, clue, LD_DEADLINE_DISPOSAL_DECISION));
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_ACCEPT_NOTICE));
  assert_item (items, LD_BOARD_RECORD_CLUE, clue, LD_DEADLINE_DISPOSAL, LD_ALERT_LATER, "2026-04-24", 8);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-27");
  assert_item (items, LD_BOARD_RECORD_CLUE, clue, LD_DEADLINE_DISPOSAL, LD_ALERT_OVERDUE, "2026-04-24", -1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The talk, with a written explanation due on 04-20. */
  ld_talk_spec_init (&talk_spec);
  ld_talk_spec_set (&talk_spec.type, "T_INQUIRY");
  ld_talk_spec_set (&talk_spec.talk_date, "2026-04-08");
  ld_talk_spec_add_talker (&talk_spec, "王纪检");
  ld_talk_spec_add_talker (&talk_spec, "赵纪检");
  ld_talk_spec_add_cadre (&talk_spec, f->cadre_a);
  talk_spec.clue_id = clue;
  talk_spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
  ld_talk_spec_set (&talk_spec.written_due, "2026-04-20");
  g_assert_true (ld_talk_repository_create (f->vault, &talk_spec, &talk_id, NULL, &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-04-14");
  assert_item (items, LD_BOARD_RECORD_TALK, talk_id, LD_DEADLINE_WRITTEN, LD_ALERT_DUE_SOON, "2026-04-20", 4);
  g_assert_cmpint (ld_board_item_get_cadre_id (find_item (items, LD_BOARD_RECORD_TALK, talk_id,
                                                          LD_DEADLINE_WRITTEN)), ==, f->cadre_a);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-21");
  assert_item (items, LD_BOARD_RECORD_TALK, talk_id, LD_DEADLINE_WRITTEN, LD_ALERT_OVERDUE, "2026-04-20", -1);
  g_clear_pointer (&items, g_ptr_array_unref);
  talk = ld_talk_repository_get (f->vault, talk_id, &error);
  g_assert_no_error (error);
  ld_talk_spec_clear (&talk_spec);
  ld_talk_spec_init_from_talk (&talk_spec, talk);
  ld_talk_spec_set (&talk_spec.written_received, "2026-04-17");
  g_assert_true (ld_talk_repository_update (f->vault, talk_id, &talk_spec, &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-04-21");
  g_assert_null (find_item (items, LD_BOARD_RECORD_TALK, talk_id, LD_DEADLINE_WRITTEN));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Closing the clue closes the letter: feedback within 15 working days
   * (05-06), yellow from 04-30. */
  g_assert_true (ld_clue_repository_close (f->vault, clue, "unfounded", "2026-04-15", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-04-20");
  g_assert_null (find_item (items, LD_BOARD_RECORD_CLUE, clue, LD_DEADLINE_DISPOSAL));
  g_assert_null (find_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_FEEDBACK));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = board_on (f, "2026-04-30");
  assert_item (items, LD_BOARD_RECORD_PETITION, petition, LD_DEADLINE_FEEDBACK, LD_ALERT_DUE_SOON, "2026-05-06", 4);
  for (guint i = 0; i < items->len; i++)
    g_assert_null (strstr (ld_board_item_get_title (g_ptr_array_index (items, i)), REPORTER_NAME));
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_true (ld_petition_repository_set_feedback (f->vault, petition, "2026-04-30", "letter", NULL, &error));
  g_assert_no_error (error);
  items = board_on (f, "2026-05-07");
  g_assert_cmpuint (items->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/calendar/set-remove", Fixture, NULL, setup, test_calendar_set_remove, teardown);
  g_test_add ("/calendar/import", Fixture, NULL, setup, test_calendar_import, teardown);
  g_test_add ("/calendar/permissions", Fixture, NULL, setup, test_calendar_permissions, teardown);
  g_test_add ("/board/accept-notice", Fixture, NULL, setup_dataset, test_board_accept_notice, teardown);
  g_test_add ("/board/contents", Fixture, NULL, setup_dataset, test_board_contents, teardown);
  g_test_add ("/board/scope", Fixture, NULL, setup_dataset, test_board_scope, teardown);
  g_test_add ("/board/held-review", Fixture, NULL, setup_dataset, test_board_held_review, teardown);
  g_test_add ("/board/lifecycle", Fixture, NULL, setup, test_board_lifecycle, teardown);

  return g_test_run ();
}
