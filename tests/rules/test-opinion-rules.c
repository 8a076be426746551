/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rules/ld-opinion-rules.h"

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

static char *
date_text (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static LdOpinionFact
fact (LdOpinionFactKind  kind,
      const char        *record_type,
      gint64             id,
      const char        *reg_no,
      const char        *iso,
      const char        *detail)
{
  LdOpinionFact f = { 0 };

  f.kind = kind;
  f.record_type = record_type;
  f.record_id = id;
  f.reg_no = reg_no;
  g_date_clear (&f.date, 1);
  if (iso != NULL)
    f.date = day (iso);
  f.detail = detail;
  return f;
}

/* --- Codes, labels, wordings ----------------------------------------------------------- */

static void
test_codes (void)
{
  static const char * const codes[] = { "ok", "ok-note", "defer", "no" };

  for (guint i = 0; i < LD_N_OPINIONS; i++)
    {
      g_assert_cmpstr (ld_opinion_to_string ((LdOpinion) i), ==, codes[i]);
      g_assert_cmpint (ld_opinion_from_string (codes[i]), ==, i);
      g_assert_cmpstr (ld_opinion_get_label ((LdOpinion) i), !=, "");
      g_assert_cmpstr (ld_opinion_get_wording ((LdOpinion) i), !=, "");
      /* The label is also accepted back. */
      g_assert_cmpint (ld_opinion_from_string (ld_opinion_get_label ((LdOpinion) i)), ==, i);
    }
  g_assert_cmpint (ld_opinion_from_string (" OK-NOTE "), ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (ld_opinion_from_string ("R_DEFER"), ==, LD_OPINION_DEFER);
  g_assert_cmpint (ld_opinion_from_string ("不宜提拔任用"), ==, LD_OPINION_NO);
  g_assert_cmpint (ld_opinion_from_string ("maybe"), ==, LD_N_OPINIONS);
  g_assert_cmpint (ld_opinion_from_string (""), ==, LD_N_OPINIONS);
  g_assert_cmpint (ld_opinion_from_string (NULL), ==, LD_N_OPINIONS);
  g_assert_cmpstr (ld_opinion_to_string (LD_N_OPINIONS), ==, "");
  /* Different wordings for different replies. */
  g_assert_cmpstr (ld_opinion_get_wording (LD_OPINION_OK), !=, ld_opinion_get_wording (LD_OPINION_NO));
}

/* --- Every fact kind and the opinion it leads to ---------------------------------------- */

static void
test_fact_kinds (void)
{
  static const struct
  {
    LdOpinionFactKind kind;
    const char       *code;
    LdOpinion         opinion;
  } cases[] = {
    { LD_OPINION_FACT_OPEN_PETITION, "open-petition", LD_OPINION_DEFER },
    { LD_OPINION_FACT_CLUE_PENDING, "clue-pending", LD_OPINION_DEFER },
    { LD_OPINION_FACT_CLUE_DISPOSAL, "clue-disposal", LD_OPINION_DEFER },
    { LD_OPINION_FACT_CLUE_HELD, "clue-held", LD_OPINION_DEFER },
    { LD_OPINION_FACT_OPEN_CASE, "open-case", LD_OPINION_NO },
    { LD_OPINION_FACT_VERIFIED_UNHANDLED, "verified-unhandled", LD_OPINION_NO },
    { LD_OPINION_FACT_EFFECT_RUNNING, "effect-running", LD_OPINION_NO },
    { LD_OPINION_FACT_ACCOUNTABILITY, "accountability", LD_OPINION_NO },
    { LD_OPINION_FACT_CONCEALMENT, "concealment", LD_OPINION_NO },
    { LD_OPINION_FACT_OMISSION, "omission", LD_OPINION_OK_NOTE },
    { LD_OPINION_FACT_PAST_MEASURE, "past-measure", LD_OPINION_OK_NOTE },
    { LD_OPINION_FACT_PAST_FIRST_FORM, "past-first-form", LD_OPINION_OK_NOTE },
    { LD_OPINION_FACT_CLOSED_MATTER, "closed-matter", LD_OPINION_OK_NOTE },
    { LD_OPINION_FACT_PAST_DECISION, "past-decision", LD_OPINION_OK_NOTE },
    { LD_OPINION_FACT_TRANSFERRED, "transferred", LD_OPINION_NO },
  };

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, LD_N_OPINION_FACTS);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LdOpinionFact f = fact (cases[i].kind, "clue", 7, "2026-X0007", "2026-03-02", NULL);
      g_autoptr(GPtrArray) reasons = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", cases[i].code);
      g_assert_cmpstr (ld_opinion_fact_kind_to_string (cases[i].kind), ==, cases[i].code);
      g_assert_cmpint (ld_opinion_fact_kind_opinion (cases[i].kind), ==, cases[i].opinion);
      /* A single fact proposes its own opinion, with its sentence. */
      g_assert_cmpint (ld_opinion_propose (&f, 1, &reasons), ==, cases[i].opinion);
      g_assert_cmpuint (reasons->len, ==, 1);
      text = ld_opinion_fact_describe (&f);
      g_assert_cmpstr (g_ptr_array_index (reasons, 0), ==, text);
      g_assert_nonnull (strstr (text, "2026-X0007"));
      /* Except for the effect kinds the sentence names the date. */
      g_assert_nonnull (strstr (text, "2026-03-02"));
    }
  g_assert_cmpstr (ld_opinion_fact_kind_to_string (LD_N_OPINION_FACTS), ==, "");
}

static void
test_describe (void)
{
  LdOpinionFact f;
  g_autofree char *text = NULL;
  g_autofree char *permanent = NULL;
  g_autofree char *no_date = NULL;
  g_autofree char *petition = NULL;
  g_autofree char *clue = NULL;

  /* The detail (the measure, the result) goes into the sentence. */
  f = fact (LD_OPINION_FACT_EFFECT_RUNNING, "measure", 3, "2026-M0003", "2027-03-01", "党内警告");
  text = ld_opinion_fact_describe (&f);
  g_assert_nonnull (strstr (text, "2026-M0003"));
  g_assert_nonnull (strstr (text, "2027-03-01"));
  g_assert_nonnull (strstr (text, "党内警告"));

  /* A permanent effect has no end date: a different sentence, no date. */
  f = fact (LD_OPINION_FACT_EFFECT_RUNNING, "measure", 4, "2026-M0004", NULL, NULL);
  permanent = ld_opinion_fact_describe (&f);
  g_assert_nonnull (strstr (permanent, "2026-M0004"));
  g_assert_null (strstr (permanent, "(until"));

  /* Missing number and date are still a sentence. */
  f = fact (LD_OPINION_FACT_OPEN_PETITION, "petition", 5, NULL, NULL, NULL);
  no_date = ld_opinion_fact_describe (&f);
  g_assert_nonnull (strstr (no_date, "—"));

  /* A closed petition and a closed clue read differently. */
  f = fact (LD_OPINION_FACT_CLOSED_MATTER, "petition", 6, "2025-0006", "2025-10-01", NULL);
  petition = ld_opinion_fact_describe (&f);
  f = fact (LD_OPINION_FACT_CLOSED_MATTER, "clue", 6, "2025-0006", "2025-10-01", NULL);
  clue = ld_opinion_fact_describe (&f);
  g_assert_cmpstr (petition, !=, clue);

  /* Regression: a measure without an effect period (移送司法机关, 引咎辞职)
   * was described as one whose "effect period is over". */
  {
    g_autofree char *past = NULL;
    g_autofree char *decided = NULL;
    g_autofree char *transferred = NULL;

    f = fact (LD_OPINION_FACT_PAST_MEASURE, "measure", 7, "2026-M0007", "2026-02-20", NULL);
    past = ld_opinion_fact_describe (&f);
    f = fact (LD_OPINION_FACT_PAST_DECISION, "measure", 7, "2026-M0007", "2026-02-20", "引咎辞职");
    decided = ld_opinion_fact_describe (&f);
    f = fact (LD_OPINION_FACT_TRANSFERRED, "measure", 7, "2026-M0007", "2026-02-20", NULL);
    transferred = ld_opinion_fact_describe (&f);
    g_assert_null (strstr (decided, "effect period"));
    g_assert_nonnull (strstr (decided, "decided on 2026-02-20"));
    g_assert_nonnull (strstr (decided, "引咎辞职"));
    g_assert_nonnull (strstr (transferred, "judicial organs"));
    g_assert_cmpstr (past, !=, decided);
  }
}

/* --- The proposal ---------------------------------------------------------------------- */

static void
test_propose_none (void)
{
  g_autoptr(GPtrArray) reasons = NULL;

  g_assert_cmpint (ld_opinion_propose (NULL, 0, &reasons), ==, LD_OPINION_OK);
  g_assert_cmpuint (reasons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (reasons, 0), ==, ld_opinion_nothing_found ());
  /* Without reasons asked for. */
  g_assert_cmpint (ld_opinion_propose (NULL, 0, NULL), ==, LD_OPINION_OK);
}

/* Every category reached, and the most severe fact wins with its reason
 * listed first. */
static void
test_propose_mixed (void)
{
  static const struct
  {
    LdOpinionFactKind kinds[4];
    guint             n;
    LdOpinion         expected;
  } cases[] = {
    { { LD_OPINION_FACT_CLOSED_MATTER }, 1, LD_OPINION_OK_NOTE },
    { { LD_OPINION_FACT_PAST_MEASURE, LD_OPINION_FACT_OMISSION }, 2, LD_OPINION_OK_NOTE },
    { { LD_OPINION_FACT_CLOSED_MATTER, LD_OPINION_FACT_CLUE_DISPOSAL }, 2, LD_OPINION_DEFER },
    { { LD_OPINION_FACT_OPEN_PETITION, LD_OPINION_FACT_PAST_FIRST_FORM, LD_OPINION_FACT_CLUE_HELD }, 3,
      LD_OPINION_DEFER },
    { { LD_OPINION_FACT_CLUE_PENDING, LD_OPINION_FACT_EFFECT_RUNNING }, 2, LD_OPINION_NO },
    { { LD_OPINION_FACT_PAST_MEASURE, LD_OPINION_FACT_CLUE_DISPOSAL, LD_OPINION_FACT_CONCEALMENT,
        LD_OPINION_FACT_CLOSED_MATTER }, 4, LD_OPINION_NO },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      LdOpinionFact facts[4];
      char reg_nos[4][16];
      g_autoptr(GPtrArray) reasons = NULL;
      LdOpinion last = LD_N_OPINIONS;

      for (guint i = 0; i < cases[c].n; i++)
        {
          g_snprintf (reg_nos[i], sizeof reg_nos[i], "2026-R%04u", i + 1);
          facts[i] = fact (cases[c].kinds[i], "clue", i + 1, reg_nos[i], "2026-01-15", NULL);
        }
      g_assert_cmpint (ld_opinion_propose (facts, cases[c].n, &reasons), ==, cases[c].expected);
      g_assert_cmpuint (reasons->len, ==, cases[c].n);
      /* Reasons sorted most severe first: the first reason is that of a fact of the
       * proposal's opinion, and the opinions never rise along the list. */
      for (guint r = 0; r < reasons->len; r++)
        {
          const char *text = g_ptr_array_index (reasons, r);
          LdOpinion o = LD_N_OPINIONS;

          for (guint i = 0; i < cases[c].n; i++)
            if (strstr (text, reg_nos[i]) != NULL)
              o = ld_opinion_fact_kind_opinion (facts[i].kind);
          g_assert_cmpint (o, !=, LD_N_OPINIONS);
          if (r == 0)
            g_assert_cmpint (o, ==, cases[c].expected);
          else
            g_assert_cmpint (o, <=, last);
          last = o;
        }
    }
}

static void
test_change_needs_reason (void)
{
  for (guint p = 0; p < LD_N_OPINIONS; p++)
    for (guint d = 0; d < LD_N_OPINIONS; d++)
      g_assert_cmpint (ld_opinion_change_needs_reason ((LdOpinion) p, (LdOpinion) d), ==, p != d);
}

/* --- Purposes ---------------------------------------------------------------------------- */

static void
test_purposes (void)
{
  const char * const *codes = ld_opinion_purposes ();
  static const struct
  {
    const char *text;
    const char *code;
  } lookups[] = {
    { "promotion", "promotion" },
    { " Award ", "award" },
    { "提拔任用", "promotion" },
    { "进一步使用", "further-use" },
    { "重要岗位任职", "key-post" },
    { "评先评优", "award" },
    { "换届选举", "election" },
    { "推荐代表委员", "election" },
    { "公务员登记", "civil-servant" },
    { "交流调任", "transfer" },
    { "试用期满", "probation" },
    { "其他", "other" },
    { "调任", "transfer" },
    { "出国", NULL },
    { "", NULL },
  };

  g_assert_cmpuint (g_strv_length ((GStrv) codes), ==, 9);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *label = ld_opinion_purpose_get_label (codes[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (ld_opinion_purpose_lookup (codes[i]), ==, codes[i]);
      g_assert_cmpstr (ld_opinion_purpose_lookup (label), ==, codes[i]);
    }
  g_assert_null (ld_opinion_purpose_get_label ("holiday"));
  g_assert_null (ld_opinion_purpose_get_label (NULL));
  g_assert_null (ld_opinion_purpose_lookup (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    g_assert_cmpstr (ld_opinion_purpose_lookup (lookups[i].text), ==, lookups[i].code);
}

/* --- Validity ------------------------------------------------------------------------------ */

static void
test_valid_until (void)
{
  static const struct
  {
    const char *approved;
    int         months;
    const char *until;
  } cases[] = {
    { "2026-08-31", 3, "2026-11-30" },
    { "2026-11-30", 3, "2027-02-28" },
    { "2027-11-30", 3, "2028-02-29" },
    { "2026-01-15", 3, "2026-04-15" },
    { "2026-10-31", 6, "2027-04-30" },
    { "2026-12-31", 3, "2027-03-31" },
    { "2026-03-01", 0, "2026-03-01" },
  };
  GDate until;
  GDate invalid;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate approved = day (cases[i].approved);
      g_autofree char *got = NULL;

      ld_opinion_valid_until (&approved, cases[i].months, &until);
      got = date_text (&until);
      g_assert_cmpstr (got, ==, cases[i].until);
    }
  g_assert_cmpint (LD_OPINION_VALIDITY_MONTHS, ==, 3);

  /* No approval date: no validity. */
  g_date_clear (&invalid, 1);
  ld_opinion_valid_until (&invalid, 3, &until);
  g_assert_false (g_date_valid (&until));
  ld_opinion_valid_until (NULL, 3, &until);
  g_assert_false (g_date_valid (&until));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opinion-rules/codes", test_codes);
  g_test_add_func ("/opinion-rules/fact-kinds", test_fact_kinds);
  g_test_add_func ("/opinion-rules/describe", test_describe);
  g_test_add_func ("/opinion-rules/propose-none", test_propose_none);
  g_test_add_func ("/opinion-rules/propose-mixed", test_propose_mixed);
  g_test_add_func ("/opinion-rules/change-needs-reason", test_change_needs_reason);
  g_test_add_func ("/opinion-rules/purposes", test_purposes);
  g_test_add_func ("/opinion-rules/valid-until", test_valid_until);

  return g_test_run ();
}
