/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-workdays.h"

/* The 2026 days used below, as a user enters them: 春节 15–23 February off
 * with Saturdays 14 and 28 February worked; 国庆 1–7 October off with
 * Sunday 20 September and Saturday 10 October worked. */

static GDate
day (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10), (GDateYear) g_ascii_strtoull (iso, NULL, 10));
  g_assert_true (g_date_valid (&date));
  return date;
}

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
set (LdWorkdays *w,
     const char *date,
     LdDayKind   kind)
{
  GDate d = day (date);

  ld_workdays_set_day (w, &d, kind);
}

static void
set_range (LdWorkdays *w,
           const char *first,
           guint       n_days,
           LdDayKind   kind)
{
  GDate d = day (first);

  for (guint i = 0; i < n_days; i++, g_date_add_days (&d, 1))
    ld_workdays_set_day (w, &d, kind);
}

static LdWorkdays *
calendar_2026 (void)
{
  LdWorkdays *w = ld_workdays_new ();

  set_range (w, "2026-02-15", 9, LD_DAY_HOLIDAY);
  set (w, "2026-02-14", LD_DAY_WORKDAY);
  set (w, "2026-02-28", LD_DAY_WORKDAY);
  set_range (w, "2026-10-01", 7, LD_DAY_HOLIDAY);
  set (w, "2026-09-20", LD_DAY_WORKDAY);
  set (w, "2026-10-10", LD_DAY_WORKDAY);
  return w;
}

static void
assert_add (LdWorkdays *w,
            const char *start,
            guint       n,
            const char *expected)
{
  GDate s = day (start);
  GDate out;
  g_autofree char *got = NULL;

  ld_workdays_add (w, &s, n, &out);
  got = iso (&out);
  g_assert_cmpstr (got, ==, expected);
  /* The count agrees with the addition. */
  g_assert_cmpuint (ld_workdays_count_between (w, &s, &out), ==, n);
}

static gboolean
working (LdWorkdays *w,
         const char *date)
{
  GDate d = day (date);

  return ld_workdays_is_working_day (w, &d);
}

static void
test_weekends (void)
{
  g_autoptr(LdWorkdays) w = ld_workdays_new ();

  g_assert_true (working (w, "2026-03-02"));   /* Monday */
  g_assert_true (working (w, "2026-03-06"));   /* Friday */
  g_assert_false (working (w, "2026-03-07"));  /* Saturday */
  g_assert_false (working (w, "2026-03-08"));  /* Sunday */

  /* The example of the header: a letter received on Monday 2 March. */
  assert_add (w, "2026-03-02", 15, "2026-03-23");
  assert_add (w, "2026-03-02", 0, "2026-03-02");
  assert_add (w, "2026-03-06", 1, "2026-03-09");   /* Friday + 1 = Monday */
  assert_add (w, "2026-03-07", 1, "2026-03-09");   /* Saturday + 1 = Monday */
  assert_add (w, "2026-03-08", 5, "2026-03-13");
  assert_add (w, "2026-12-31", 1, "2027-01-01");   /* across the year */
}

static void
test_holidays (void)
{
  g_autoptr(LdWorkdays) w = calendar_2026 ();

  /* 春节: Saturday 14 is worked, Monday 16 to Monday 23 are off. */
  g_assert_true (working (w, "2026-02-13"));
  g_assert_true (working (w, "2026-02-14"));
  g_assert_false (working (w, "2026-02-15"));
  g_assert_false (working (w, "2026-02-16"));
  g_assert_false (working (w, "2026-02-20"));
  g_assert_false (working (w, "2026-02-23"));
  g_assert_true (working (w, "2026-02-24"));
  g_assert_true (working (w, "2026-02-28"));
  g_assert_false (working (w, "2026-03-01"));

  assert_add (w, "2026-02-13", 1, "2026-02-14");
  assert_add (w, "2026-02-13", 2, "2026-02-24");
  assert_add (w, "2026-02-13", 5, "2026-02-27");
  assert_add (w, "2026-02-13", 6, "2026-02-28");
  assert_add (w, "2026-02-13", 7, "2026-03-02");
  /* 15 working days from Thursday 12 February: 13, 14, 24–28, 2–6, 9–11. */
  assert_add (w, "2026-02-12", 15, "2026-03-11");
  /* Received on the first day off: counting starts after the holiday. */
  assert_add (w, "2026-02-16", 1, "2026-02-24");

  /* 国庆: Sunday 20 September and Saturday 10 October are worked. */
  g_assert_true (working (w, "2026-09-20"));
  g_assert_false (working (w, "2026-10-01"));
  g_assert_false (working (w, "2026-10-07"));
  g_assert_true (working (w, "2026-10-08"));
  g_assert_true (working (w, "2026-10-10"));
  assert_add (w, "2026-09-30", 1, "2026-10-08");
  assert_add (w, "2026-09-30", 3, "2026-10-10");
  assert_add (w, "2026-09-30", 4, "2026-10-12");
  assert_add (w, "2026-09-18", 1, "2026-09-20");
  /* The routing limit of 5 working days over the golden week. */
  assert_add (w, "2026-09-29", 5, "2026-10-12");
}

static void
test_count_between (void)
{
  g_autoptr(LdWorkdays) w = calendar_2026 ();
  GDate a = day ("2026-02-13");
  GDate b = day ("2026-02-28");
  GDate c = day ("2026-03-02");
  GDate d = day ("2026-03-09");

  g_assert_cmpuint (ld_workdays_count_between (w, &a, &b), ==, 6);   /* 14, 24, 25, 26, 27, 28 */
  g_assert_cmpuint (ld_workdays_count_between (w, &b, &a), ==, 0);
  g_assert_cmpuint (ld_workdays_count_between (w, &a, &a), ==, 0);
  g_assert_cmpuint (ld_workdays_count_between (w, &c, &d), ==, 5);   /* Tuesday … Monday */
}

static void
test_replace_and_years (void)
{
  g_autoptr(LdWorkdays) w = ld_workdays_new ();
  g_autoptr(LdWorkdays) other = NULL;

  g_assert_false (ld_workdays_has_year (w, 2026));
  set (w, "2026-05-01", LD_DAY_HOLIDAY);
  g_assert_true (ld_workdays_has_year (w, 2026));
  g_assert_false (ld_workdays_has_year (w, 2027));
  g_assert_false (ld_workdays_has_year (w, 2025));
  g_assert_false (working (w, "2026-05-01"));

  /* A later call for the same day replaces the earlier. */
  set (w, "2026-05-01", LD_DAY_WORKDAY);
  g_assert_true (working (w, "2026-05-01"));
  set (w, "2026-05-09", LD_DAY_WORKDAY);
  g_assert_true (working (w, "2026-05-09"));
  set (w, "2026-05-09", LD_DAY_HOLIDAY);
  g_assert_false (working (w, "2026-05-09"));

  other = ld_workdays_ref (w);
  g_assert_true (other == w);
  ld_workdays_unref (other);
  other = NULL;
  g_assert_true (ld_workdays_has_year (w, 2026));
}

static GPtrArray *
parse (const char  *text,
       GError     **error)
{
  return ld_calendar_parse_csv (text, strlen (text), error);
}

static const LdCalendarRow *
row_at (GPtrArray *rows,
        guint      i)
{
  return g_ptr_array_index (rows, i);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *first = NULL;
  const char *text =
    "\xEF\xBB\xBF" "日期,类型,名称\r\n"
    "2026-02-16,休,春节\r\n"
    "2026-02-14,班,春节调休\r\n"
    "\r\n"
    "# comment\n"
    "2026-10-01\tholiday\t国庆节\n"
    "2026-10-10\tworkday\n"
    "2026/5/1，假，劳动节\n"
    "2026-09-20,补班,\"国庆, 中秋\"\n"
    "2026-01-01,节假日,元旦\n"
    "2026-01-04,调休上班,元旦\n";

  rows = parse (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 8);

  first = iso (&row_at (rows, 0)->day);
  g_assert_cmpstr (first, ==, "2026-02-16");
  g_assert_cmpint (row_at (rows, 0)->kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpstr (row_at (rows, 0)->name, ==, "春节");
  g_assert_cmpint (row_at (rows, 1)->kind, ==, LD_DAY_WORKDAY);
  g_assert_cmpint (row_at (rows, 2)->kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpstr (row_at (rows, 2)->name, ==, "国庆节");
  g_assert_cmpint (row_at (rows, 3)->kind, ==, LD_DAY_WORKDAY);
  g_assert_cmpstr (row_at (rows, 3)->name, ==, "");
  g_assert_cmpint (g_date_get_month (&row_at (rows, 4)->day), ==, 5);
  g_assert_cmpint (row_at (rows, 4)->kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpstr (row_at (rows, 4)->name, ==, "劳动节");
  g_assert_cmpint (row_at (rows, 5)->kind, ==, LD_DAY_WORKDAY);
  g_assert_cmpstr (row_at (rows, 5)->name, ==, "国庆, 中秋");
  g_assert_cmpint (row_at (rows, 6)->kind, ==, LD_DAY_HOLIDAY);
  g_assert_cmpint (row_at (rows, 7)->kind, ==, LD_DAY_WORKDAY);

  /* No header: the first line is data. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = parse ("2026-10-01,holiday,National Day\n2026-10-02,HOLIDAY", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_at (rows, 1)->name, ==, "");

  /* The same day twice with the same kind is harmless. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = parse ("2026-10-01,休\n2026-10-01,holiday\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
}

/* Every bad file is refused whole, naming the line. */
static void
test_csv_errors (void)
{
  static const struct
  {
    const char *text;
    const char *message;   /* part of the message */
  } cases[] = {
    { "date,kind\n2026-10-01,holiday\n2026-10-32,holiday\n", "Line 3" },
    { "2026-10-01,holiday\n2026-02-29,holiday\n", "Line 2" },
    { "2026-10-01,holiday\n2026-10-02,maybe\n", "Line 2" },
    { "2026-10-01,holiday\n2026-10-02\n", "Line 2" },
    { "2026-10-01,holiday\n2026-10-02,\n", "Line 2" },
    { "2026-10-01,holiday\n\n2026-10-01,workday\n", "Line 3" },
    { "2026-10-01,holiday\n1 October,holiday\n", "Line 2" },
    { "日期,类型\n", "no days" },
    { "", "no days" },
    { "2026-10-01,holiday,\xff\n", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_test_message ("case %u", i);
      rows = parse (cases[i].text, &error);
      g_assert_null (rows);
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* A NUL inside the given length is not text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = ld_calendar_parse_csv ("2026-10-01,holiday\0x", 20, &error);

    g_assert_null (rows);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workdays/weekends", test_weekends);
  g_test_add_func ("/workdays/holidays", test_holidays);
  g_test_add_func ("/workdays/count-between", test_count_between);
  g_test_add_func ("/workdays/replace-and-years", test_replace_and_years);
  g_test_add_func ("/workdays/csv", test_csv);
  g_test_add_func ("/workdays/csv-errors", test_csv_errors);

  return g_test_run ();
}
