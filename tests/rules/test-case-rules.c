/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"

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
  g_autofree char *got = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                                          g_date_get_day (date));

  g_assert_cmpstr (got, ==, expected);
}

/* 国庆 2026: 1–7 October off, Sunday 20 September and Saturday 10 October
 * worked. */
static LdWorkdays *
calendar (void)
{
  LdWorkdays *w = ld_workdays_new ();
  GDate d = day ("2026-10-01");

  for (guint i = 0; i < 7; i++, g_date_add_days (&d, 1))
    ld_workdays_set_day (w, &d, LD_DAY_HOLIDAY);
  d = day ("2026-09-20");
  ld_workdays_set_day (w, &d, LD_DAY_WORKDAY);
  d = day ("2026-10-10");
  ld_workdays_set_day (w, &d, LD_DAY_WORKDAY);
  return w;
}

/* --- State machines ------------------------------------------------------------------- */

static const char * const petition_statuses[] = {
  "registered", "accepted", "routed", "filed", "not-accepted", "closed", NULL
};

static gboolean
petition_legal (const char *from,
                const char *to)
{
  if (g_str_equal (from, "registered"))
    return g_str_equal (to, "accepted") || g_str_equal (to, "routed") || g_str_equal (to, "filed")
           || g_str_equal (to, "not-accepted");
  if (g_str_equal (from, "accepted"))
    return g_str_equal (to, "closed");
  return FALSE;
}

static void
test_petition_moves (void)
{
  guint n_legal = 0;

  for (guint i = 0; petition_statuses[i] != NULL; i++)
    {
      const char * const *next = ld_petition_status_next (petition_statuses[i]);

      for (guint j = 0; petition_statuses[j] != NULL; j++)
        {
          g_autoptr(GError) error = NULL;
          const char *from = petition_statuses[i];
          const char *to = petition_statuses[j];
          gboolean legal = petition_legal (from, to);

          g_test_message ("%s → %s", from, to);
          g_assert_cmpint (ld_petition_status_can_move (from, to, &error), ==, legal);
          g_assert_cmpint (g_strv_contains (next, to), ==, legal);
          if (legal)
            {
              g_assert_no_error (error);
              n_legal++;
            }
          else
            {
              g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
              /* The message names both statuses. */
              g_assert_nonnull (strstr (error->message,
                                        ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, from)));
              g_assert_nonnull (strstr (error->message, ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, to)));
            }
        }
    }
  g_assert_cmpuint (n_legal, ==, 5);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ld_petition_status_can_move ("registered", "lost", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ld_petition_status_can_move (NULL, "accepted", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_null (ld_petition_status_next ("lost")[0]);
    g_assert_null (ld_petition_status_next ("closed")[0]);
  }
}

static const char * const clue_statuses[] = { "pending", "handling", "held", "closed", NULL };
static const char * const disposals[] = { "", "talk-letter", "verify", "hold", "close", "case", NULL };

/* The table of ld-case-rules.h, written out. */
static gboolean
clue_legal (const char *from,
            const char *to,
            const char *disposal)
{
  gboolean to_handling = g_str_equal (to, "handling")
                         && (g_str_equal (disposal, "talk-letter") || g_str_equal (disposal, "verify")
                             || g_str_equal (disposal, "case"));
  gboolean to_held = g_str_equal (to, "held") && g_str_equal (disposal, "hold");
  gboolean to_closed = g_str_equal (to, "closed") && g_str_equal (disposal, "close");

  if (g_str_equal (from, "pending"))
    return to_handling || to_held || to_closed;
  if (g_str_equal (from, "handling"))
    return to_handling || to_held || to_closed || (g_str_equal (to, "closed") && *disposal == '\0');
  if (g_str_equal (from, "held"))
    return to_handling || to_closed;
  return FALSE;
}

static void
test_clue_moves (void)
{
  guint n_legal = 0;

  for (guint i = 0; clue_statuses[i] != NULL; i++)
    for (guint j = 0; clue_statuses[j] != NULL; j++)
      for (guint k = 0; disposals[k] != NULL; k++)
        {
          g_autoptr(GError) error = NULL;
          const char *from = clue_statuses[i];
          const char *to = clue_statuses[j];
          gboolean legal = clue_legal (from, to, disposals[k]);

          g_test_message ("%s → %s (%s)", from, to, disposals[k]);
          g_assert_cmpint (ld_clue_status_can_move (from, to, disposals[k], &error), ==, legal);
          if (legal)
            {
              g_assert_no_error (error);
              g_assert_true (g_strv_contains (ld_clue_status_next (from), to));
              n_legal++;
            }
          else
            {
              g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
              g_assert_cmpstr (error->message, !=, "");
            }
        }
  /* pending 5, handling 6, held 4. */
  g_assert_cmpuint (n_legal, ==, 15);

  g_assert_cmpuint (g_strv_length ((char **) ld_clue_status_next ("pending")), ==, 3);
  g_assert_cmpuint (g_strv_length ((char **) ld_clue_status_next ("handling")), ==, 3);
  g_assert_cmpuint (g_strv_length ((char **) ld_clue_status_next ("held")), ==, 2);
  g_assert_false (g_strv_contains (ld_clue_status_next ("held"), "held"));
  g_assert_null (ld_clue_status_next ("closed")[0]);

  g_assert_cmpstr (ld_clue_status_for_disposal ("talk-letter"), ==, "handling");
  g_assert_cmpstr (ld_clue_status_for_disposal ("verify"), ==, "handling");
  g_assert_cmpstr (ld_clue_status_for_disposal ("case"), ==, "handling");
  g_assert_cmpstr (ld_clue_status_for_disposal ("hold"), ==, "held");
  g_assert_cmpstr (ld_clue_status_for_disposal ("close"), ==, "closed");
  g_assert_null (ld_clue_status_for_disposal (""));
  g_assert_null (ld_clue_status_for_disposal ("lost"));

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ld_clue_status_can_move ("pending", "handling", "interrogate", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ld_clue_status_can_move ("pending", "archived", "close", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    /* A NULL disposal is a move without one. */
    g_assert_true (ld_clue_status_can_move ("handling", "closed", NULL, &error));
    g_assert_no_error (error);
    g_assert_false (ld_clue_status_can_move ("closed", "handling", "verify", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
}

/* --- Rules ------------------------------------------------------------------------- */

static void
test_rules (void)
{
  const char * const *keys = ld_case_rules_keys ();
  LdCaseRules rules;
  static const struct
  {
    const char *key;
    const char *value;
    gboolean    ok;
  } values[] = {
    { "case.accept-notice-days", "10", TRUE },
    { "case.accept-notice-days", " 20 ", TRUE },
    { "case.accept-notice-days", "0", TRUE },
    { "case.accept-notice-days", "366", TRUE },
    { "case.accept-notice-days", "367", FALSE },
    { "case.accept-notice-days", "-1", FALSE },
    { "case.accept-notice-days", "1.5", FALSE },
    { "case.accept-notice-days", "ten", FALSE },
    { "case.accept-notice-days", "", FALSE },
    { "case.verify-months", "36", TRUE },
    { "case.verify-months", "37", FALSE },
    { "case.due-soon-days", "0", FALSE },
    { "case.due-soon-days", "1", TRUE },
    { "case.due-soon-days", "30", TRUE },
    { "case.due-soon-days", "31", FALSE },
    { "talk.top-leader-months", "6", TRUE },
    { "talk.revisit-before-days", "60", TRUE },
    { "young-max-age-xianchu", "35", FALSE },
    { "case.unknown", "1", FALSE },
  };

  ld_case_rules_init_defaults (&rules);
  g_assert_cmpuint (rules.accept_notice_days, ==, 15);
  g_assert_cmpuint (rules.feedback_days, ==, 15);
  g_assert_cmpuint (rules.routing_days, ==, 5);
  g_assert_cmpuint (rules.talk_letter_days, ==, 15);
  g_assert_cmpuint (rules.verify_months, ==, 3);
  g_assert_cmpuint (rules.disposal_days, ==, 5);
  g_assert_cmpuint (rules.due_soon_days, ==, 5);
  g_assert_cmpuint (rules.top_leader_months, ==, 12);
  g_assert_cmpuint (rules.top_leader_first_months, ==, 1);
  g_assert_cmpuint (rules.preappoint_months, ==, 1);
  g_assert_cmpuint (rules.revisit_before_days, ==, 30);

  g_assert_cmpuint (g_strv_length ((char **) keys), ==, 11);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = ld_case_rules_get (&rules, keys[i]);

      g_assert_true (ld_case_rules_is_key (keys[i]));
      g_assert_true (g_str_has_prefix (keys[i], "case.") || g_str_has_prefix (keys[i], "talk."));
      g_assert_cmpstr (ld_case_rule_key_get_label (keys[i]), !=, "");
      g_assert_nonnull (ld_case_rule_key_get_unit (keys[i]));
      g_assert_nonnull (value);
    }
  g_assert_cmpstr (ld_case_rule_key_get_unit ("case.feedback-days"), ==, "working days");
  g_assert_cmpstr (ld_case_rule_key_get_unit ("case.verify-months"), ==, "months");
  g_assert_cmpstr (ld_case_rule_key_get_unit ("talk.revisit-before-days"), ==, "days");
  g_assert_false (ld_case_rules_is_key ("young-max-age-xianchu"));
  g_assert_false (ld_case_rules_is_key (NULL));
  g_assert_null (ld_case_rule_key_get_label ("case.unknown"));
  g_assert_null (ld_case_rules_get (&rules, "case.unknown"));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      LdCaseRules copy = rules;
      g_autofree char *got = NULL;

      g_test_message ("%s = “%s”", values[i].key, values[i].value);
      g_assert_cmpint (ld_case_rules_set (&copy, values[i].key, values[i].value, &error), ==, values[i].ok);
      if (values[i].ok)
        {
          g_autofree char *expected = g_strstrip (g_strdup (values[i].value));

          g_assert_no_error (error);
          got = ld_case_rules_get (&copy, values[i].key);
          g_assert_cmpstr (got, ==, expected);
        }
      else
        {
          g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
          /* Nothing changed. */
          g_assert_cmpmem (&copy, sizeof copy, &rules, sizeof rules);
        }
    }
}

/* --- Deadlines ------------------------------------------------------------------------- */

static void
test_deadlines (void)
{
  g_autoptr(LdWorkdays) w = calendar ();
  GDate received = day ("2026-03-02");
  GDate due;
  LdCaseRules rules;

  ld_case_rules_init_defaults (&rules);

  /* Acceptance notice: real-name first reports only. */
  g_assert_true (ld_deadline_accept_notice (&rules, w, &received, TRUE, FALSE, &due));
  assert_date (&due, "2026-03-23");
  g_assert_false (ld_deadline_accept_notice (&rules, w, &received, FALSE, FALSE, &due));
  g_assert_false (ld_deadline_accept_notice (&rules, w, &received, TRUE, TRUE, &due));
  received = day ("2026-09-25");
  g_assert_true (ld_deadline_accept_notice (&rules, w, &received, TRUE, FALSE, &due));
  /* 28, 29, 30, 8, 9, 10 (Saturday worked), 12–16, 19–22. */
  assert_date (&due, "2026-10-22");

  /* Routing: up or down, not local. */
  received = day ("2026-09-29");
  g_assert_true (ld_deadline_routing (&rules, w, &received, "up", &due));
  assert_date (&due, "2026-10-12");
  g_assert_true (ld_deadline_routing (&rules, w, &received, "down", &due));
  assert_date (&due, "2026-10-12");
  g_assert_false (ld_deadline_routing (&rules, w, &received, "local", &due));
  g_assert_false (ld_deadline_routing (&rules, w, &received, NULL, &due));

  /* Feedback after closing, real-name only. */
  {
    GDate closed = day ("2026-03-02");

    g_assert_true (ld_deadline_feedback (&rules, w, &closed, TRUE, &due));
    assert_date (&due, "2026-03-23");
    g_assert_false (ld_deadline_feedback (&rules, w, &closed, FALSE, &due));
    closed = no_day ();
    g_assert_false (ld_deadline_feedback (&rules, w, &closed, TRUE, &due));
  }

  /* Disposal decision on a clue: 5 working days. */
  received = day ("2026-03-06");
  g_assert_true (ld_deadline_disposal_decision (&rules, w, &received, &due));
  assert_date (&due, "2026-03-13");

  /* Disposal limits. */
  {
    GDate approved = day ("2026-03-02");

    g_assert_true (ld_deadline_disposal (&rules, w, "talk-letter", &approved, &due));
    assert_date (&due, "2026-03-23");
    g_assert_true (ld_deadline_disposal (&rules, w, "verify", &approved, &due));
    assert_date (&due, "2026-06-02");
    approved = day ("2026-11-30");
    g_assert_true (ld_deadline_disposal (&rules, w, "verify", &approved, &due));
    assert_date (&due, "2027-02-28");
    approved = day ("2027-11-30");
    g_assert_true (ld_deadline_disposal (&rules, w, "verify", &approved, &due));
    assert_date (&due, "2028-02-29");
    approved = day ("2026-08-31");
    g_assert_true (ld_deadline_disposal (&rules, w, "verify", &approved, &due));
    assert_date (&due, "2026-11-30");
    g_assert_false (ld_deadline_disposal (&rules, w, "hold", &approved, &due));
    g_assert_false (ld_deadline_disposal (&rules, w, "close", &approved, &due));
    g_assert_false (ld_deadline_disposal (&rules, w, "case", &approved, &due));
    g_assert_false (ld_deadline_disposal (&rules, w, "", &approved, &due));
  }

  /* Edited rules apply. */
  g_assert_true (ld_case_rules_set (&rules, "case.talk-letter-days", "10", NULL));
  g_assert_true (ld_case_rules_set (&rules, "case.verify-months", "2", NULL));
  g_assert_true (ld_case_rules_set (&rules, "case.accept-notice-days", "10", NULL));
  {
    GDate approved = day ("2026-09-28");

    g_assert_true (ld_deadline_disposal (&rules, w, "talk-letter", &approved, &due));
    /* 29, 30, 8, 9, 10, 12, 13, 14, 15, 16. */
    assert_date (&due, "2026-10-16");
    approved = day ("2026-12-31");
    g_assert_true (ld_deadline_disposal (&rules, w, "verify", &approved, &due));
    assert_date (&due, "2027-02-28");
    g_assert_true (ld_deadline_accept_notice (&rules, w, &approved, TRUE, FALSE, &due));
    assert_date (&due, "2027-01-14");
  }

  for (guint k = 0; k < LD_N_DEADLINE_KINDS; k++)
    {
      g_assert_nonnull (ld_deadline_kind_to_string (k));
      g_assert_cmpstr (ld_deadline_kind_get_label (k), !=, "");
    }
  g_assert_cmpstr (ld_deadline_kind_to_string (LD_DEADLINE_ACCEPT_NOTICE), ==, "accept-notice");
  g_assert_cmpstr (ld_deadline_kind_to_string (LD_DEADLINE_REQUIRED_TALK), ==, "required-talk");
}

/* --- Alerts ----------------------------------------------------------------------------- */

static LdAlertLevel
level_on (const LdCaseRules *rules,
          LdWorkdays        *w,
          const char        *due,
          const char        *today)
{
  GDate d = day (due);
  GDate t = day (today);

  return ld_alert_level (rules, w, &d, &t);
}

static void
test_alerts (void)
{
  g_autoptr(LdWorkdays) w = calendar ();
  LdCaseRules rules;

  ld_case_rules_init_defaults (&rules);

  /* Due Monday 23 March: yellow from Monday 16 (5 working days left), not
   * over the weekend before, red from Tuesday 24. */
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-01"), ==, LD_ALERT_LATER);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-13"), ==, LD_ALERT_LATER);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-14"), ==, LD_ALERT_LATER);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-15"), ==, LD_ALERT_LATER);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-16"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-21"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-23"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-24"), ==, LD_ALERT_OVERDUE);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2027-01-01"), ==, LD_ALERT_OVERDUE);

  /* Due after this month and beyond the window: nothing yet. */
  g_assert_cmpint (level_on (&rules, w, "2026-04-20", "2026-03-16"), ==, LD_ALERT_NONE);
  /* The window crosses the month's end. */
  g_assert_cmpint (level_on (&rules, w, "2026-04-01", "2026-03-27"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-04-03", "2026-03-26"), ==, LD_ALERT_NONE);

  /* Over 国庆: due Friday 9 October turns yellow on Friday 25 September
   * (28, 29, 30, 8, 9 left), not on Thursday 24. */
  g_assert_cmpint (level_on (&rules, w, "2026-10-09", "2026-09-24"), ==, LD_ALERT_NONE);
  g_assert_cmpint (level_on (&rules, w, "2026-10-09", "2026-09-25"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-10-09", "2026-10-05"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-10-09", "2026-10-10"), ==, LD_ALERT_OVERDUE);
  /* Due Monday 12 October, Saturday 10 worked: yellow from Tuesday 29
   * September (30, 8, 9, 10, 12 left), not on Monday 28 (six left). */
  g_assert_cmpint (level_on (&rules, w, "2026-10-12", "2026-09-28"), ==, LD_ALERT_NONE);
  g_assert_cmpint (level_on (&rules, w, "2026-10-12", "2026-09-29"), ==, LD_ALERT_DUE_SOON);
  g_assert_cmpint (level_on (&rules, w, "2026-10-12", "2026-10-02"), ==, LD_ALERT_DUE_SOON);

  /* A narrower window. */
  g_assert_true (ld_case_rules_set (&rules, "case.due-soon-days", "2", NULL));
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-18"), ==, LD_ALERT_LATER);
  g_assert_cmpint (level_on (&rules, w, "2026-03-23", "2026-03-19"), ==, LD_ALERT_DUE_SOON);

  g_assert_cmpstr (ld_alert_level_to_string (LD_ALERT_OVERDUE), ==, "overdue");
  g_assert_cmpstr (ld_alert_level_to_string (LD_ALERT_DUE_SOON), ==, "due-soon");
  g_assert_cmpstr (ld_alert_level_to_string (LD_ALERT_LATER), ==, "later");
  g_assert_cmpstr (ld_alert_level_to_string (LD_ALERT_NONE), ==, "none");
  g_assert_cmpstr (ld_alert_level_get_label (LD_ALERT_OVERDUE), !=, ld_alert_level_get_label (LD_ALERT_DUE_SOON));
}

/* --- Required talks ------------------------------------------------------------------------ */

static void
test_required_talks (void)
{
  LdCaseRules rules;
  GDate today = day ("2026-03-16");
  GDate since = day ("2025-01-10");
  GDate none = no_day ();
  GDate talk, due;

  ld_case_rules_init_defaults (&rules);

  /* Not a top leader: nothing. */
  g_assert_false (ld_required_talk_top_leader (&rules, FALSE, &since, &none, &today, &due));
  /* Never talked to: the first talk was due a month after taking the post. */
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &since, &none, &today, &due));
  assert_date (&due, "2025-02-10");
  /* Talked to 13 months ago: overdue since a month. */
  talk = day ("2025-02-16");
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &since, &talk, &today, &due));
  assert_date (&due, "2026-02-16");
  /* Talked to last month: the next is a year away. */
  talk = day ("2026-02-16");
  g_assert_false (ld_required_talk_top_leader (&rules, TRUE, &since, &talk, &today, &due));
  /* Due within a month: shown. */
  talk = day ("2025-04-10");
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &since, &talk, &today, &due));
  assert_date (&due, "2026-04-10");
  /* A talk before taking this post does not count. */
  since = day ("2026-03-01");
  talk = day ("2025-12-01");
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &since, &talk, &today, &due));
  assert_date (&due, "2026-04-01");
  /* Start unknown, never talked to: required now. */
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &none, &none, &today, &due));
  assert_date (&due, "2026-03-16");
  /* Every six months by an edited rule. */
  g_assert_true (ld_case_rules_set (&rules, "talk.top-leader-months", "6", NULL));
  since = day ("2025-01-10");
  talk = day ("2025-10-01");
  g_assert_true (ld_required_talk_top_leader (&rules, TRUE, &since, &talk, &today, &due));
  assert_date (&due, "2026-04-01");

  ld_case_rules_init_defaults (&rules);
  {
    GDate promoted = day ("2026-03-10");
    GDate held;
    LdWorkdays *w = ld_workdays_new ();

    /* Not held: due a month after the promotion, red the day after. */
    g_assert_true (ld_required_talk_preappoint (&rules, &promoted, &none, &due));
    assert_date (&due, "2026-04-10");
    g_assert_cmpint (level_on (&rules, w, "2026-04-10", "2026-04-10"), ==, LD_ALERT_DUE_SOON);
    g_assert_cmpint (level_on (&rules, w, "2026-04-10", "2026-04-11"), ==, LD_ALERT_OVERDUE);
    /* Held on time. */
    held = day ("2026-03-20");
    g_assert_false (ld_required_talk_preappoint (&rules, &promoted, &held, &due));
    /* Held late: held all the same, nothing more is required. */
    held = day ("2026-05-06");
    g_assert_false (ld_required_talk_preappoint (&rules, &promoted, &held, &due));
    /* Held before the promotion, in the public-notice period: counts. */
    held = day ("2026-02-25");
    g_assert_false (ld_required_talk_preappoint (&rules, &promoted, &held, &due));
    held = day ("2026-02-10");
    g_assert_false (ld_required_talk_preappoint (&rules, &promoted, &held, &due));
    /* Long before: an earlier promotion's talk, does not count. */
    held = day ("2026-01-05");
    g_assert_true (ld_required_talk_preappoint (&rules, &promoted, &held, &due));
    assert_date (&due, "2026-04-10");
    /* No promotion date: nothing. */
    g_assert_false (ld_required_talk_preappoint (&rules, &none, &none, &due));
    ld_workdays_unref (w);
  }

  {
    GDate start = day ("2026-01-01");
    GDate end = day ("2026-12-31");
    GDate held;

    g_assert_true (ld_required_talk_revisit (&rules, &start, &end, &none, &due));
    assert_date (&due, "2026-12-01");
    held = day ("2026-11-20");
    g_assert_false (ld_required_talk_revisit (&rules, &start, &end, &held, &due));
    held = day ("2026-12-31");
    g_assert_false (ld_required_talk_revisit (&rules, &start, &end, &held, &due));
    /* Before the period or after it: not a return visit of this sanction. */
    held = day ("2025-12-20");
    g_assert_true (ld_required_talk_revisit (&rules, &start, &end, &held, &due));
    held = day ("2027-01-05");
    g_assert_true (ld_required_talk_revisit (&rules, &start, &end, &held, &due));
    /* A short period: due no earlier than its start. */
    start = day ("2026-12-15");
    g_assert_true (ld_required_talk_revisit (&rules, &start, &end, &none, &due));
    assert_date (&due, "2026-12-15");
    g_assert_false (ld_required_talk_revisit (&rules, &start, &none, &none, &due));
  }
}

/* --- Masking and similarity ------------------------------------------------------------------ */

static void
test_masking (void)
{
  static const struct
  {
    const char *name;
    const char *masked;
  } names[] = {
    { "张三", "张*" },
    { "张三丰", "张**" },
    { "欧阳修远", "欧**" },
    { "司马光", "司**" },
    { "诸葛亮", "诸**" },
    { "王", "王*" },
    { " 李四 ", "李*" },
    { "Li Ming", "L**" },
    { "Smith", "S**" },
    { "", "" },
    { "   ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *masked = ld_mask_name (names[i].name);

      g_assert_cmpstr (masked, ==, names[i].masked);
    }
  {
    g_autofree char *null_name = ld_mask_name (NULL);
    g_autofree char *phone = ld_mask_text ("13800138000");
    g_autofree char *address = ld_mask_text ("北京市东城区某某街道一号院三单元四零二");
    g_autofree char *short_text = ld_mask_text ("1");
    g_autofree char *empty = ld_mask_text ("");
    g_autofree char *null_text = ld_mask_text (NULL);

    g_assert_cmpstr (null_name, ==, "");
    g_assert_cmpstr (phone, ==, "***");
    g_assert_cmpstr (address, ==, "***");
    g_assert_cmpstr (short_text, ==, "***");
    g_assert_cmpstr (empty, ==, "");
    g_assert_cmpstr (null_text, ==, "");
  }
}

static void
test_similarity (void)
{
  const char *report = "反映某局局长张三在2025年工程招标中收受承包商礼金五万元，并违规安排亲属承揽项目。";
  const char *repeat = "举报张三局长2025年工程招标时收受承包商五万元礼金，还违规安排亲属承揽工程项目！";
  const char *other = "群众反映李四经常在工作时间打麻将，作风散漫。";

  g_assert_cmpfloat (ld_text_similarity (report, report), ==, 1.0);
  /* Punctuation, spaces, width and case do not count. */
  g_assert_cmpfloat (ld_text_similarity ("张三，收受礼金！ABC", "张三 收受礼金ａｂｃ"), ==, 1.0);
  g_assert_cmpfloat (ld_text_similarity ("张三收受礼金", "李四打麻将"), ==, 0.0);
  g_assert_cmpfloat (ld_text_similarity ("abc", "xyz"), ==, 0.0);
  g_assert_cmpfloat (ld_text_similarity ("", ""), ==, 0.0);
  g_assert_cmpfloat (ld_text_similarity (NULL, report), ==, 0.0);
  g_assert_cmpfloat (ld_text_similarity (report, repeat), >, LD_REPEAT_SIMILARITY);
  g_assert_cmpfloat (ld_text_similarity (repeat, report), ==, ld_text_similarity (report, repeat));
  g_assert_cmpfloat (ld_text_similarity (report, other), <, LD_REPEAT_SIMILARITY);
  g_assert_cmpfloat (ld_text_similarity (repeat, other), <, LD_REPEAT_SIMILARITY);
  g_assert_cmpfloat (ld_text_similarity (report, other), >=, 0.0);
}

/* --- Code tables ------------------------------------------------------------------------------ */

static void
test_code_tables (void)
{
  const char * const *names = ld_case_code_table_names ();
  static const struct
  {
    const char *table;
    const char *text;
    const char *code;
  } lookups[] = {
    { LD_CODE_TABLE_CHANNEL, "来信", "CH_LETTER" },
    { LD_CODE_TABLE_CHANNEL, "来访", "CH_VISIT" },
    { LD_CODE_TABLE_CHANNEL, "来电", "CH_PHONE" },
    { LD_CODE_TABLE_CHANNEL, "12388", "CH_PHONE" },
    { LD_CODE_TABLE_CHANNEL, "网络举报", "CH_WEB" },
    { LD_CODE_TABLE_CHANNEL, "上级交办", "SRC_SUPERIOR" },
    { LD_CODE_TABLE_CHANNEL, "巡视巡察移交", "SRC_INSPECTION" },
    { LD_CODE_TABLE_CHANNEL, "审计移交", "SRC_AUDIT" },
    { LD_CODE_TABLE_CHANNEL, "ch_letter", "CH_LETTER" },
    { LD_CODE_TABLE_DISPOSAL, "谈话函询", "talk-letter" },
    { LD_CODE_TABLE_DISPOSAL, "初步核实", "verify" },
    { LD_CODE_TABLE_DISPOSAL, "暂存待查", "hold" },
    { LD_CODE_TABLE_DISPOSAL, "予以了结", "close" },
    { LD_CODE_TABLE_DISPOSAL, "D_TALKLETTER", "talk-letter" },
    { LD_CODE_TABLE_PETITION_KIND, "检举控告", "accusation" },
    { LD_CODE_TABLE_PETITION_KIND, "申诉", "appeal" },
    { LD_CODE_TABLE_PETITION_KIND, "批评建议", "suggestion" },
    { LD_CODE_TABLE_CLUE_RESULT, "查实", "founded" },
    { LD_CODE_TABLE_CLUE_RESULT, "部分属实", "partly" },
    { LD_CODE_TABLE_CLUE_RESULT, "失实", "unfounded" },
    { LD_CODE_TABLE_CLUE_RESULT, "无法查实", "uncheckable" },
    { LD_CODE_TABLE_TALK_TYPE, "诫勉谈话", "T_ADMONISH" },
    { LD_CODE_TABLE_TALK_TYPE, "任前廉政谈话", "T_PREAPPOINT" },
    { LD_CODE_TABLE_TALK_TYPE, "谈话函询", "T_INQUIRY" },
    { LD_CODE_TABLE_TALK_TYPE, "回访教育谈话", "T_REVISIT" },
    { LD_CODE_TABLE_PROBLEM_CATEGORY, "违规吃喝", "HS2" },
    { LD_CODE_TABLE_PROBLEM_CATEGORY, "Improper eating and drinking", "HS2" },
    { LD_CODE_TABLE_PROBLEM_CATEGORY, "廉洁纪律", "INT" },
    { LD_CODE_TABLE_PROBLEM_CATEGORY, "违规收送名贵特产和礼品礼金", "HS1" },
    { LD_CODE_TABLE_ROUTING, "本级办理", "local" },
    { LD_CODE_TABLE_ROUTING, "上报上级", "up" },
    { LD_CODE_TABLE_PETITION_STATUS, "不予受理", "not-accepted" },
    { LD_CODE_TABLE_CLUE_STATUS, "暂存待查", "held" },
    { LD_CODE_TABLE_WRITTEN_KIND, "书面检查", "2" },
  };

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 10);
  /* ld_code_table_names () keeps its twelve cadre tables. */
  g_assert_false (g_strv_contains (ld_code_table_names (), LD_CODE_TABLE_CHANNEL));
  for (guint t = 0; names[t] != NULL; t++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = 0;
      const LdCode *codes = ld_code_table_get (names[t], &n);

      g_test_message ("table %s", names[t]);
      g_assert_nonnull (codes);
      g_assert_cmpuint (n, >, 1);
      for (guint i = 0; i < n; i++)
        {
          const char *chinese = ld_code_get_chinese_name (names[t], codes[i].code);

          g_assert_true (g_hash_table_add (seen, (gpointer) codes[i].code));
          g_assert_cmpstr (codes[i].label, !=, "");
          g_assert_cmpstr (ld_code_get_label (names[t], codes[i].code), ==, codes[i].label);
          g_assert_cmpstr (ld_code_lookup (names[t], codes[i].code), ==, codes[i].code);
          g_assert_cmpstr (ld_code_lookup (names[t], codes[i].label), ==, codes[i].code);
          /* Every code has its Chinese name, which finds it back. */
          g_assert_nonnull (chinese);
          g_assert_cmpstr (ld_code_lookup (names[t], chinese), ==, codes[i].code);
        }
    }
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_test_message ("%s: %s", lookups[i].table, lookups[i].text);
      g_assert_cmpstr (ld_code_lookup (lookups[i].table, lookups[i].text), ==, lookups[i].code);
    }
  g_assert_null (ld_code_lookup (LD_CODE_TABLE_CHANNEL, "飞鸽传书"));
  g_assert_null (ld_code_lookup (LD_CODE_TABLE_CHANNEL, NULL));
  g_assert_cmpuint (ld_code_table_get (LD_CODE_TABLE_TALK_TYPE, NULL) != NULL, ==, TRUE);
  {
    guint n = 0;

    ld_code_table_get (LD_CODE_TABLE_TALK_TYPE, &n);
    g_assert_cmpuint (n, ==, 11);
    ld_code_table_get (LD_CODE_TABLE_CHANNEL, &n);
    g_assert_cmpuint (n, ==, 13);
    ld_code_table_get (LD_CODE_TABLE_PROBLEM_CATEGORY, &n);
    g_assert_cmpuint (n, ==, 7 + 5 + 8);
  }

  g_assert_true (ld_talk_type_needs_two_talkers ("T_ADMONISH"));
  g_assert_true (ld_talk_type_needs_two_talkers ("T_INQUIRY"));
  g_assert_true (ld_talk_type_needs_two_talkers ("T_REMIND_JJ"));
  g_assert_true (ld_talk_type_needs_two_talkers ("T_WARN"));
  g_assert_false (ld_talk_type_needs_two_talkers ("T_HEART"));
  g_assert_false (ld_talk_type_needs_two_talkers ("T_PREAPPOINT"));
  g_assert_false (ld_talk_type_needs_two_talkers (NULL));
  g_assert_cmpint (ld_talk_type_form ("T_ADMONISH"), ==, 1);
  g_assert_cmpint (ld_talk_type_form ("T_REMIND"), ==, 1);
  g_assert_cmpint (ld_talk_type_form ("T_HEART"), ==, 0);
  g_assert_cmpint (ld_talk_type_form ("T_PREAPPOINT"), ==, 0);
  g_assert_cmpint (ld_talk_type_form ("T_REVISIT"), ==, 0);
  g_assert_cmpint (ld_talk_type_form ("nonsense"), ==, 0);
  g_assert_true (ld_problem_category_is_sifeng ("HS2"));
  g_assert_true (ld_problem_category_is_sifeng ("FB9"));
  g_assert_false (ld_problem_category_is_sifeng ("INT"));
  g_assert_false (ld_problem_category_is_sifeng ("HS8"));
  g_assert_false (ld_problem_category_is_sifeng (NULL));

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *normal = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, " HS2, 违规吃喝，LAW、POL ,", &error);
    g_autofree char *empty = NULL;
    g_autofree char *bad = NULL;
    g_autofree char *formatted = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (normal, ==, "POL,LAW,HS2");
    empty = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, "", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (empty, ==, "");
    bad = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, "POL,XYZ", &error);
    g_assert_null (bad);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "XYZ"));
    g_clear_error (&error);
    g_assert_null (ld_code_list_normalise ("no-such-table", "POL", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);

    formatted = ld_code_list_format (LD_CODE_TABLE_PROBLEM_CATEGORY, "POL,HS2");
    g_assert_cmpstr (formatted, ==, "Political discipline、Improper eating and drinking");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-rules/petition-moves", test_petition_moves);
  g_test_add_func ("/case-rules/clue-moves", test_clue_moves);
  g_test_add_func ("/case-rules/rules", test_rules);
  g_test_add_func ("/case-rules/deadlines", test_deadlines);
  g_test_add_func ("/case-rules/alerts", test_alerts);
  g_test_add_func ("/case-rules/required-talks", test_required_talks);
  g_test_add_func ("/case-rules/masking", test_masking);
  g_test_add_func ("/case-rules/similarity", test_similarity);
  g_test_add_func ("/case-rules/code-tables", test_code_tables);

  return g_test_run ();
}
