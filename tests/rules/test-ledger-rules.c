/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-ledger-rules.h"

/* --- Helpers ------------------------------------------------------------------------ */

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

static GDate
no_day (void)
{
  GDate date;

  g_date_clear (&date, 1);
  return date;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *got = NULL;

  g_assert_true (g_date_valid (date));
  got = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  g_assert_cmpstr (got, ==, expected);
}

/* --- Ledger statuses ----------------------------------------------------------------- */

static void
test_ledger_status_codes (void)
{
  const char *ids[] = { "not-started", "in-progress", "done", "ongoing", "overdue" };

  for (guint i = 0; i < LD_N_LEDGER_STATUSES; i++)
    {
      g_assert_cmpstr (ld_ledger_status_to_string (i), ==, ids[i]);
      g_assert_cmpint (ld_ledger_status_from_string (ids[i]), ==, i);
      g_assert_nonnull (ld_ledger_status_get_label (i));
      g_assert_cmpstr (ld_ledger_status_get_label (i), !=, "");
      /* The label is accepted too. */
      g_assert_cmpint (ld_ledger_status_from_string (ld_ledger_status_get_label (i)), ==, i);
    }
  g_assert_cmpint (ld_ledger_status_from_string ("finished"), ==, LD_N_LEDGER_STATUSES);
  g_assert_cmpint (ld_ledger_status_from_string (""), ==, LD_N_LEDGER_STATUSES);
  g_assert_cmpint (ld_ledger_status_from_string (NULL), ==, LD_N_LEDGER_STATUSES);
}

/* Every pair of statuses: the allowed moves and nothing else; nothing at
 * all after sign-off. */
static void
test_ledger_moves (void)
{
  static const struct
  {
    LdLedgerStatus from;
    LdLedgerStatus to;
  } allowed[] = {
    { LD_LEDGER_NOT_STARTED, LD_LEDGER_IN_PROGRESS },
    { LD_LEDGER_NOT_STARTED, LD_LEDGER_DONE },
    { LD_LEDGER_NOT_STARTED, LD_LEDGER_ONGOING },
    { LD_LEDGER_IN_PROGRESS, LD_LEDGER_DONE },
    { LD_LEDGER_IN_PROGRESS, LD_LEDGER_ONGOING },
    { LD_LEDGER_ONGOING, LD_LEDGER_IN_PROGRESS },
    { LD_LEDGER_ONGOING, LD_LEDGER_DONE },
    { LD_LEDGER_DONE, LD_LEDGER_IN_PROGRESS },
  };
  guint n_allowed = 0;

  for (guint from = 0; from < LD_N_LEDGER_STATUSES; from++)
    for (guint to = 0; to < LD_N_LEDGER_STATUSES; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
          if (allowed[i].from == from && allowed[i].to == to)
            expected = TRUE;
        if (ld_ledger_can_move (from, to, FALSE) != expected)
          g_error ("%s → %s: expected %s", ld_ledger_status_to_string (from), ld_ledger_status_to_string (to),
                   expected ? "allowed" : "refused");
        n_allowed += expected;
        /* Nothing moves after sign-off. */
        g_assert_false (ld_ledger_can_move (from, to, TRUE));
      }
  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (allowed));

  /* Spelled out: the refusals that matter. */
  g_assert_false (ld_ledger_can_move (LD_LEDGER_IN_PROGRESS, LD_LEDGER_NOT_STARTED, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_DONE, LD_LEDGER_NOT_STARTED, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_DONE, LD_LEDGER_ONGOING, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_NOT_STARTED, LD_LEDGER_OVERDUE, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_IN_PROGRESS, LD_LEDGER_OVERDUE, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_OVERDUE, LD_LEDGER_DONE, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_DONE, LD_LEDGER_DONE, FALSE));
  g_assert_false (ld_ledger_can_move (LD_N_LEDGER_STATUSES, LD_LEDGER_DONE, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_DONE, LD_N_LEDGER_STATUSES, FALSE));
  g_assert_false (ld_ledger_can_move (LD_LEDGER_DONE, LD_LEDGER_IN_PROGRESS, TRUE));
}

static void
test_ledger_overdue (void)
{
  GDate deadline = day ("2026-03-31");
  GDate on_deadline = day ("2026-03-31");
  GDate day_after = day ("2026-04-01");
  GDate day_before = day ("2026-03-30");
  GDate year_later = day ("2027-03-31");
  GDate none = no_day ();

  /* Open statuses: overdue from the day after the deadline. */
  for (LdLedgerStatus s = LD_LEDGER_NOT_STARTED; s <= LD_LEDGER_IN_PROGRESS; s++)
    {
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, &day_before), ==, s);
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, &on_deadline), ==, s);
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, &day_after), ==, LD_LEDGER_OVERDUE);
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, &year_later), ==, LD_LEDGER_OVERDUE);
      /* Signed off: never overdue (a signed-off item is done, but whatever
       * the stored status says, the sign-off wins). */
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, TRUE, &day_after), ==, s);
      /* No deadline, or no date to judge on: never overdue. */
      g_assert_cmpint (ld_ledger_display_status (s, &none, FALSE, &day_after), ==, s);
      g_assert_cmpint (ld_ledger_display_status (s, NULL, FALSE, &day_after), ==, s);
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, NULL), ==, s);
      g_assert_cmpint (ld_ledger_display_status (s, &deadline, FALSE, &none), ==, s);
    }

  /* Ongoing (长期坚持) and done are never overdue. */
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_ONGOING, &deadline, FALSE, &day_after), ==,
                   LD_LEDGER_ONGOING);
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_ONGOING, &deadline, FALSE, &year_later), ==,
                   LD_LEDGER_ONGOING);
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_DONE, &deadline, FALSE, &day_after), ==, LD_LEDGER_DONE);
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_DONE, &deadline, TRUE, &year_later), ==, LD_LEDGER_DONE);

  /* Month and year ends. */
  deadline = day ("2026-12-31");
  on_deadline = day ("2027-01-01");
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_IN_PROGRESS, &deadline, FALSE, &on_deadline), ==,
                   LD_LEDGER_OVERDUE);
  deadline = day ("2028-02-29");
  on_deadline = day ("2028-02-29");
  day_after = day ("2028-03-01");
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_NOT_STARTED, &deadline, FALSE, &on_deadline), ==,
                   LD_LEDGER_NOT_STARTED);
  g_assert_cmpint (ld_ledger_display_status (LD_LEDGER_NOT_STARTED, &deadline, FALSE, &day_after), ==,
                   LD_LEDGER_OVERDUE);
}

static void
test_ledger_sign_off (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_ledger_can_sign_off (LD_LEDGER_DONE, "2026-05-01", "张三", &error));
  g_assert_no_error (error);

  for (LdLedgerStatus s = LD_LEDGER_NOT_STARTED; s < LD_N_LEDGER_STATUSES; s++)
    {
      if (s == LD_LEDGER_DONE)
        continue;
      g_assert_false (ld_ledger_can_sign_off (s, "2026-05-01", "张三", &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, ld_ledger_status_get_label (s)));
      g_clear_error (&error);
    }

  g_assert_false (ld_ledger_can_sign_off (LD_LEDGER_DONE, "", "张三", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_can_sign_off (LD_LEDGER_DONE, NULL, "张三", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_can_sign_off (LD_LEDGER_DONE, "2026-05-01", "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_can_sign_off (LD_LEDGER_DONE, "2026-05-01", NULL, NULL));
}

static void
test_ledger_sources (void)
{
  const char * const *sources = ld_ledger_sources ();
  const char *expected[] = { "inspection", "audit", "analysis", "recommendation", "petition", "special", "other",
                             NULL };

  g_assert_cmpstrv (sources, expected);
  for (guint i = 0; sources[i] != NULL; i++)
    {
      const char *label = ld_ledger_source_get_label (sources[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (ld_ledger_source_lookup (sources[i]), ==, sources[i]);
      g_assert_cmpstr (ld_ledger_source_lookup (label), ==, sources[i]);
    }
  g_assert_null (ld_ledger_source_get_label ("tour"));
  g_assert_null (ld_ledger_source_get_label (NULL));
  /* The Chinese names of spreadsheets, trimmed; codes in any case. */
  g_assert_cmpstr (ld_ledger_source_lookup ("巡察"), ==, "inspection");
  g_assert_cmpstr (ld_ledger_source_lookup (" 审计 "), ==, "audit");
  g_assert_cmpstr (ld_ledger_source_lookup ("建议书"), ==, "recommendation");
  g_assert_cmpstr (ld_ledger_source_lookup ("信访举报"), ==, "petition");
  g_assert_cmpstr (ld_ledger_source_lookup ("AUDIT"), ==, "audit");
  g_assert_null (ld_ledger_source_lookup (""));
  g_assert_null (ld_ledger_source_lookup ("  "));
  g_assert_null (ld_ledger_source_lookup (NULL));
  g_assert_null (ld_ledger_source_lookup ("街谈巷议"));
}

/* --- Recommendations ---------------------------------------------------------------- */

static void
test_recommendation_status_codes (void)
{
  const char *ids[] = { "draft", "issued", "delivered", "replied", "rectifying", "verified", "closed",
                        "escalated" };

  for (guint i = 0; i < LD_N_RECOMMENDATION_STATUSES; i++)
    {
      g_assert_cmpstr (ld_recommendation_status_to_string (i), ==, ids[i]);
      g_assert_cmpint (ld_recommendation_status_from_string (ids[i]), ==, i);
      g_assert_nonnull (ld_recommendation_status_get_label (i));
      g_assert_cmpint (ld_recommendation_status_from_string (ld_recommendation_status_get_label (i)), ==, i);
    }
  g_assert_cmpint (ld_recommendation_status_from_string ("sent"), ==, LD_N_RECOMMENDATION_STATUSES);
  g_assert_cmpint (ld_recommendation_status_from_string (NULL), ==, LD_N_RECOMMENDATION_STATUSES);
}

static void
test_recommendation_moves (void)
{
  static const struct
  {
    LdRecommendationStatus from;
    LdRecommendationStatus to;
  } allowed[] = {
    { LD_RECOMMENDATION_DRAFT, LD_RECOMMENDATION_ISSUED },
    { LD_RECOMMENDATION_ISSUED, LD_RECOMMENDATION_DELIVERED },
    { LD_RECOMMENDATION_DELIVERED, LD_RECOMMENDATION_REPLIED },
    { LD_RECOMMENDATION_REPLIED, LD_RECOMMENDATION_RECTIFYING },
    { LD_RECOMMENDATION_RECTIFYING, LD_RECOMMENDATION_VERIFIED },
    { LD_RECOMMENDATION_VERIFIED, LD_RECOMMENDATION_CLOSED },
    { LD_RECOMMENDATION_ISSUED, LD_RECOMMENDATION_ESCALATED },
    { LD_RECOMMENDATION_DELIVERED, LD_RECOMMENDATION_ESCALATED },
    { LD_RECOMMENDATION_REPLIED, LD_RECOMMENDATION_ESCALATED },
    { LD_RECOMMENDATION_RECTIFYING, LD_RECOMMENDATION_ESCALATED },
    { LD_RECOMMENDATION_ESCALATED, LD_RECOMMENDATION_RECTIFYING },
    { LD_RECOMMENDATION_ESCALATED, LD_RECOMMENDATION_CLOSED },
  };
  guint n_allowed = 0;

  for (guint from = 0; from < LD_N_RECOMMENDATION_STATUSES; from++)
    for (guint to = 0; to < LD_N_RECOMMENDATION_STATUSES; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
          if (allowed[i].from == from && allowed[i].to == to)
            expected = TRUE;
        if (ld_recommendation_can_move (from, to) != expected)
          g_error ("%s → %s: expected %s", ld_recommendation_status_to_string (from),
                   ld_recommendation_status_to_string (to), expected ? "allowed" : "refused");
        n_allowed += expected;
      }
  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (allowed));

  /* The whole lifecycle in order. */
  for (LdRecommendationStatus s = LD_RECOMMENDATION_DRAFT; s < LD_RECOMMENDATION_CLOSED; s++)
    g_assert_true (ld_recommendation_can_move (s, s + 1));
  /* Skips, backward moves, and anything from closed are refused. */
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_DRAFT, LD_RECOMMENDATION_DELIVERED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_DRAFT, LD_RECOMMENDATION_ESCALATED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_ISSUED, LD_RECOMMENDATION_REPLIED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_RECTIFYING, LD_RECOMMENDATION_CLOSED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_DELIVERED, LD_RECOMMENDATION_ISSUED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_VERIFIED, LD_RECOMMENDATION_ESCALATED));
  g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_ESCALATED, LD_RECOMMENDATION_ESCALATED));
  for (guint to = 0; to < LD_N_RECOMMENDATION_STATUSES; to++)
    g_assert_false (ld_recommendation_can_move (LD_RECOMMENDATION_CLOSED, to));
  g_assert_false (ld_recommendation_can_move (LD_N_RECOMMENDATION_STATUSES, LD_RECOMMENDATION_ISSUED));
}

static void
test_recommendation_kinds (void)
{
  const char *expected[] = { "discipline", "supervision", "joint", NULL };
  const char * const *kinds = ld_recommendation_kinds ();

  g_assert_cmpstrv (kinds, expected);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_nonnull (ld_recommendation_kind_get_label (kinds[i]));
  g_assert_cmpstr (ld_recommendation_kind_get_label ("discipline"), !=,
                   ld_recommendation_kind_get_label ("joint"));
  g_assert_null (ld_recommendation_kind_get_label ("advice"));
  g_assert_null (ld_recommendation_kind_get_label (NULL));
}

static void
test_recommendation_reply_due (void)
{
  static const struct
  {
    const char *delivered;
    int         days;
    const char *due;
  } cases[] = {
    { "2026-03-02", LD_RECOMMENDATION_REPLY_DAYS, "2026-04-01" },
    { "2026-03-02", 0, "2026-04-01" },              /* 0 = the default 30 */
    { "2026-01-31", 30, "2026-03-02" },             /* across a short February */
    { "2028-01-31", 30, "2028-03-01" },             /* leap year */
    { "2026-02-28", 30, "2026-03-30" },
    { "2026-08-31", 30, "2026-09-30" },
    { "2026-12-15", 30, "2027-01-14" },             /* year end */
    { "2026-12-31", 30, "2027-01-30" },
    { "2026-05-10", 15, "2026-05-25" },             /* a shorter term set in the document */
    { "2026-05-10", 60, "2026-07-09" },
  };
  GDate none = no_day ();
  GDate due;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate delivered = day (cases[i].delivered);

      ld_recommendation_reply_due (&delivered, cases[i].days, &due);
      assert_date (&due, cases[i].due);
    }

  ld_recommendation_reply_due (&none, 30, &due);
  g_assert_false (g_date_valid (&due));
  ld_recommendation_reply_due (NULL, 30, &due);
  g_assert_false (g_date_valid (&due));
}

static void
test_recommendation_reply_overdue (void)
{
  GDate due = day ("2026-04-01");
  GDate on_due = day ("2026-04-01");
  GDate day_after = day ("2026-04-02");
  GDate before = day ("2026-03-15");
  GDate none = no_day ();

  for (LdRecommendationStatus s = LD_RECOMMENDATION_ISSUED; s <= LD_RECOMMENDATION_DELIVERED; s++)
    {
      g_assert_false (ld_recommendation_reply_overdue (s, &due, &before));
      g_assert_false (ld_recommendation_reply_overdue (s, &due, &on_due));
      g_assert_true (ld_recommendation_reply_overdue (s, &due, &day_after));
      g_assert_false (ld_recommendation_reply_overdue (s, &none, &day_after));
      g_assert_false (ld_recommendation_reply_overdue (s, NULL, &day_after));
      g_assert_false (ld_recommendation_reply_overdue (s, &due, NULL));
    }
  /* Replied or later, a draft, escalated: no reply is owed any more (or yet). */
  for (LdRecommendationStatus s = 0; s < LD_N_RECOMMENDATION_STATUSES; s++)
    if (s != LD_RECOMMENDATION_ISSUED && s != LD_RECOMMENDATION_DELIVERED)
      g_assert_false (ld_recommendation_reply_overdue (s, &due, &day_after));
}

static void
test_recommendation_event_labels (void)
{
  const char *kinds[] = { "revisit", "lookback", "onsite", "note" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_nonnull (ld_recommendation_event_get_label (kinds[i]));
  g_assert_cmpstr (ld_recommendation_event_get_label ("revisit"), !=, ld_recommendation_event_get_label ("lookback"));
  /* Moves are recorded under the status moved to and labelled alike. */
  for (LdRecommendationStatus s = 0; s < LD_N_RECOMMENDATION_STATUSES; s++)
    g_assert_cmpstr (ld_recommendation_event_get_label (ld_recommendation_status_to_string (s)), ==,
                     ld_recommendation_status_get_label (s));
  g_assert_null (ld_recommendation_event_get_label ("party"));
  g_assert_null (ld_recommendation_event_get_label (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger-rules/status-codes", test_ledger_status_codes);
  g_test_add_func ("/ledger-rules/moves", test_ledger_moves);
  g_test_add_func ("/ledger-rules/overdue", test_ledger_overdue);
  g_test_add_func ("/ledger-rules/sign-off", test_ledger_sign_off);
  g_test_add_func ("/ledger-rules/sources", test_ledger_sources);
  g_test_add_func ("/ledger-rules/recommendation-status-codes", test_recommendation_status_codes);
  g_test_add_func ("/ledger-rules/recommendation-moves", test_recommendation_moves);
  g_test_add_func ("/ledger-rules/recommendation-kinds", test_recommendation_kinds);
  g_test_add_func ("/ledger-rules/reply-due", test_recommendation_reply_due);
  g_test_add_func ("/ledger-rules/reply-overdue", test_recommendation_reply_overdue);
  g_test_add_func ("/ledger-rules/event-labels", test_recommendation_event_labels);

  return g_test_run ();
}
