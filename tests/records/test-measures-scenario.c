/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-measures-scenario"

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "brief/ld-charts.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-four-forms.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-opinion-rules.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Issue 5's "done when", end to end through the core: an investigator
 * enters a year of an office's measures; the four-forms statistics of
 * each quarter add up to what was entered, the pyramid is drawn with a
 * band per form and every number drills down to exactly the measures
 * behind it; an organisation department's request for 40 cadres is
 * answered with one confirmation per cadre and approved by a leader; and
 * every promotion block states its reason and end date. The expected
 * numbers are computed here from the entered data, independently of the
 * rules and the repository. */

#define N_CADRES      40
#define N_SANCTIONED  30   /* cadres 0..29 get two measures each, 30..39 none */
#define N_MEASURES    (2 * N_SANCTIONED)
#define AS_OF         "2026-01-15"

typedef struct
{
  const char *code;
  int         form;     /* default form of the code table */
  int         months;   /* effect months, 0 = no period */
} Plan;

/* The office's mix: mostly form one, some light, a few heavy sanctions. */
static const Plan plans[10] = {
  { "F1_REMIND_TALK", 1, 0 },
  { "F1_CRIT_EDU", 1, 0 },
  { "F1_ADMONISH", 1, 6 },
  { "F1_REMIND_TALK", 1, 0 },
  { "F1_CRIT_EDU", 1, 0 },
  { "F1_ADMONISH", 1, 6 },
  { "P1", 2, 12 },
  { "G2", 2, 12 },
  { "O_ADJUST", 2, 12 },
  { "P3", 3, 24 },
};

typedef struct
{
  gint64      cadre;     /* index into Fixture.cadres */
  const Plan *plan;
  char        date[11];
  int         quarter;   /* 0..3 */
  gint64      id;
} Entered;

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   office;
  gint64   depts[4];
  gint64   cadres[N_CADRES];
  Entered  entered[N_MEASURES + 1];   /* + one transfer to the judicial organs */
  guint    n_entered;
} Fixture;

/* A valid resident ID number (GB 11643 check digit) for person n. */
static char *
make_id_number (guint n)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  char body[18];
  int sum = 0;

  g_snprintf (body, sizeof body, "110105%04u%02u%02u%03u", 1970 + n % 20, 1 + n % 12, 1 + n % 28, 100 + n);
  for (guint i = 0; i < 17; i++)
    sum += (body[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", body, checks[sum % 11]);
}

static void
date_of (const char *iso,
         GDate      *date)
{
  g_date_clear (date, 1);
  g_date_set_parse (date, iso);
  g_assert_true (g_date_valid (date));
}

/* effective + months, clamped to the month's end (written out here, not
 * taken from the rules). */
static void
add_months (const char *iso,
            int         months,
            char        out[11])
{
  int y = atoi (iso), m = atoi (iso + 5), d = atoi (iso + 8);
  int total = (m - 1) + months;

  y += total / 12;
  m = total % 12 + 1;
  d = MIN (d, g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
}

static void
enter (Fixture    *f,
       guint       cadre,
       const Plan *plan,
       const char *date)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  Entered *e = &f->entered[f->n_entered++];

  ld_measure_spec_init (&spec);
  spec.cadre_id = f->cadres[cadre];
  ld_measure_spec_set (&spec.code, plan->code);
  ld_measure_spec_set (&spec.decision_date, date);
  ld_measure_spec_set (&spec.effective_date, date);
  ld_measure_spec_set (&spec.authority, "县纪委常委会");
  ld_measure_spec_set (&spec.facts, "违规收受礼金");
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &e->id, NULL, &error));
  g_assert_no_error (error);
  e->cadre = cadre;
  e->plan = plan;
  g_strlcpy (e->date, date, sizeof e->date);
  e->quarter = (atoi (date + 5) - 1) / 3;
}

static const Plan transfer = { "C_TRANSFER", 4, 0 };

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "lead", LD_ROLE_LEADER);
  ld_test_grant_scope (f->vault, "inv", 0);
  ld_test_grant_scope (f->vault, "lead", 0);
  ld_test_login (f->vault, "inv");
  f->office = ld_test_add_unit (f->vault, 0, "县纪委监委");
  for (guint u = 0; u < G_N_ELEMENTS (f->depts); u++)
    {
      g_autofree char *name = g_strdup_printf ("第%u监督检查室", u + 1);

      f->depts[u] = ld_test_add_unit (f->vault, f->office, name);
    }
  for (guint c = 0; c < N_CADRES; c++)
    {
      g_autofree char *id_number = make_id_number (c);
      g_autofree char *name = g_strdup_printf ("干部%02u", c);

      f->cadres[c] = ld_test_add_cadre (f->vault, f->depts[c % 4], name, id_number);
    }

  /* A year of measures: cadre i % 30, a different code for its second
   * measure, decisions spread over every month of 2025. */
  for (guint i = 0; i < N_MEASURES; i++)
    {
      char date[11];
      int month = 1 + (int) ((i % 4) * 3 + (i / 4) % 3);

      g_snprintf (date, sizeof date, "2025-%02d-%02u", month, 1 + i % 27);
      enter (f, i % N_SANCTIONED, &plans[(i + i / N_SANCTIONED) % G_N_ELEMENTS (plans)], date);
    }
  /* And one case transferred to the judicial organs. */
  enter (f, 5, &transfer, "2025-11-20");
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

static gboolean
in_effect (const Entered *e,
           const char    *as_of)
{
  char end[11];

  if (e->plan->months == 0)
    return FALSE;
  add_months (e->date, e->plan->months, end);
  return strcmp (e->date, as_of) <= 0 && strcmp (as_of, end) < 0;
}

static void
test_quarters (Fixture       *f,
               gconstpointer  data)
{
  guint year_total = 0;

  for (int q = 0; q < 4; q++)
    {
      g_autofree char *text = g_strdup_printf ("2025Q%d", q + 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(LdFourFormsStats) stats = NULL;
      g_autoptr(LdChartHits) hits = ld_chart_hits_new ();
      LdChartPyramid pyramid = { 0 };
      guint times[4] = { 0 }, persons[4] = { 0 };
      cairo_surface_t *surface;
      cairo_t *cr;
      LdPeriod period;

      g_assert_true (ld_period_parse (text, &period, &error));
      g_assert_no_error (error);

      /* What was entered in the quarter, per form: person-times and
       * distinct persons. */
      for (int form = 1; form <= 4; form++)
        {
          gboolean seen[N_CADRES] = { FALSE };

          for (guint i = 0; i < f->n_entered; i++)
            {
              const Entered *e = &f->entered[i];

              if (e->quarter != q || e->plan->form != form)
                continue;
              times[form - 1]++;
              if (!seen[e->cadre])
                persons[form - 1]++;
              seen[e->cadre] = TRUE;
            }
        }

      stats = ld_four_forms_compute (f->vault, &period, 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (stats);
      for (int form = 1; form <= 4; form++)
        {
          const LdFourFormsRow *row = &stats->forms[form - 1];

          g_test_message ("%s F%d: %u person-times, %u persons", text, form,
                          row->current.person_times, row->current.persons);
          g_assert_cmpuint (row->current.person_times, ==, times[form - 1]);
          g_assert_cmpuint (row->current.persons, ==, persons[form - 1]);
          pyramid.counts[form - 1] = row->current.person_times;
          pyramid.shares[form - 1] = row->share_times.value;
          pyramid.has_base = row->share_times.has_base;
        }
      g_assert_cmpuint (stats->total.current.person_times, ==, times[0] + times[1] + times[2] + times[3]);
      year_total += stats->total.current.person_times;
      /* 2024 had nothing: the change on last year has no base. */
      g_assert_false (stats->total.times_vs_last_year.has_base);

      /* The pyramid: one band per form, F1 the widest, at the base. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
      cr = cairo_create (surface);
      ld_chart_draw_pyramid (cr, 640, 400, &pyramid, hits);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 4);
      {
        const LdChartHit *base = NULL, *top = NULL;

        for (guint h = 0; h < 4; h++)
          {
            const LdChartHit *hit = ld_chart_hits_get (hits, h);

            if (hit->form == 1)
              base = hit;
            if (hit->form == 4)
              top = hit;
          }
        g_assert_nonnull (base);
        g_assert_nonnull (top);
        g_assert_cmpfloat (base->width, >, top->width);
        g_assert_cmpfloat (base->y, >, top->y);
      }

      /* Every number drills down to exactly the measures behind it. */
      for (int form = 1; form <= 4; form++)
        for (int distinct = 0; distinct <= 1; distinct++)
          {
            g_autoptr(GArray) ids = ld_four_forms_drill (f->vault, &period, 0, form, LD_FOUR_FORMS_DIMENSION_NONE,
                                                         0, distinct, &error);
            g_autoptr(GPtrArray) measures = NULL;

            g_assert_no_error (error);
            g_assert_cmpuint (ids->len, ==, distinct ? persons[form - 1] : times[form - 1]);
            measures = ld_measure_repository_list_by_ids (f->vault, (const gint64 *) (gpointer) ids->data, ids->len,
                                                          &error);
            g_assert_no_error (error);
            g_assert_cmpuint (measures->len, ==, ids->len);
            for (guint m = 0; m < measures->len; m++)
              {
                LdMeasure *measure = g_ptr_array_index (measures, m);
                const char *decided = ld_measure_get_decision_date (measure);

                g_assert_cmpint (ld_measure_get_form (measure), ==, form);
                g_assert_cmpint ((atoi (decided + 5) - 1) / 3, ==, q);
              }
          }
    }
  g_assert_cmpuint (year_total, ==, f->n_entered);
}

static void
test_opinion_request (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  guint n_no = 0, n_ok = 0, n_note = 0;
  gint64 request_id = 0;
  GDate as_of, approved;

  date_of (AS_OF, &as_of);
  ld_opinion_request_spec_init (&spec);
  spec.unit_id = f->office;
  ld_opinion_request_spec_set (&spec.requester, "县委组织部");
  ld_opinion_request_spec_set (&spec.request_date, "2026-01-12");
  ld_opinion_request_spec_set (&spec.purpose, "提拔任用");
  ld_opinion_request_spec_set (&spec.due_date, "2026-01-16");
  ld_opinion_request_spec_set (&spec.doc_no, "组干函〔2026〕3号");
  for (guint c = 0; c < N_CADRES; c++)
    ld_opinion_request_spec_add_cadre (&spec, f->cadres[c]);
  g_assert_true (ld_opinion_repository_create_request (f->vault, &spec, &request_id, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (ld_opinion_repository_check_request (f->vault, request_id, &as_of, &error));
  g_assert_no_error (error);
  items = ld_opinion_repository_list_items (f->vault, request_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, N_CADRES);

  /* One click per cadre: the proposal becomes the decision. */
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);

      g_assert_true (ld_opinion_repository_confirm (f->vault, ld_opinion_item_get_id (item), &error));
      g_assert_no_error (error);
    }

  /* The leader approves the whole reply. */
  ld_vault_lock (f->vault, "exit");
  ld_test_login (f->vault, "lead");
  date_of ("2026-01-16", &approved);
  g_assert_true (ld_opinion_repository_approve_request (f->vault, request_id, &approved, &error));
  g_assert_no_error (error);
  request = ld_opinion_repository_get_request (f->vault, request_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, "replied");
  g_assert_cmpuint (ld_opinion_request_get_n_approved (request), ==, N_CADRES);

  g_clear_pointer (&items, g_ptr_array_unref);
  items = ld_opinion_repository_list_items (f->vault, request_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      gint64 cadre_id = ld_opinion_item_get_cadre_id (item);
      gboolean running = FALSE, any = FALSE;
      LdOpinion expected;

      for (guint m = 0; m < f->n_entered; m++)
        if (f->cadres[f->entered[m].cadre] == cadre_id)
          {
            any = TRUE;
            running |= in_effect (&f->entered[m], AS_OF);
          }
      expected = running ? LD_OPINION_NO : any ? LD_OPINION_OK_NOTE : LD_OPINION_OK;
      g_assert_cmpint (ld_opinion_item_get_proposal (item), ==, expected);
      g_assert_cmpint (ld_opinion_item_get_decision (item), ==, expected);
      g_assert_cmpstr (ld_opinion_item_get_approved_date (item), ==, "2026-01-16");
      g_assert_cmpstr (ld_opinion_item_get_valid_until (item), ==, "2026-04-16");
      g_assert_cmpuint (ld_opinion_item_get_n_reasons (item), >=, 1);
      n_no += expected == LD_OPINION_NO;
      n_ok += expected == LD_OPINION_OK;
      n_note += expected == LD_OPINION_OK_NOTE;
    }
  /* The data reach all three answers a clean office gives. */
  g_assert_cmpuint (n_no, >, 0);
  g_assert_cmpuint (n_note, >, 0);
  g_assert_cmpuint (n_ok, ==, N_CADRES - N_SANCTIONED);
}

static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  GDate as_of;
  guint n_blocked = 0;

  date_of (AS_OF, &as_of);
  for (guint c = 0; c < N_CADRES; c++)
    {
      g_auto(LdPromotionBlock) block = { 0 };
      g_autoptr(GError) error = NULL;
      char latest[11] = "";
      guint n_running = 0;

      g_assert_true (ld_measure_repository_promotion_block (f->vault, f->cadres[c], &as_of, &block, &error));
      g_assert_no_error (error);

      for (guint m = 0; m < f->n_entered; m++)
        {
          const Entered *e = &f->entered[m];
          char end[11];

          if (e->cadre != c || !in_effect (e, AS_OF))
            continue;
          n_running++;
          add_months (e->date, e->plan->months, end);
          if (strcmp (end, latest) > 0)
            g_strlcpy (latest, end, sizeof latest);
        }

      g_assert_cmpint (block.blocked, ==, n_running > 0);
      g_assert_cmpuint (block.reasons->len, ==, n_running);
      if (!block.blocked)
        continue;
      n_blocked++;

      /* Until the latest end ("the longer period governs")… */
      {
        char until[11];

        g_date_strftime (until, sizeof until, "%Y-%m-%d", &block.until);
        g_assert_cmpstr (until, ==, latest);
      }
      /* …and every reason names its measure and its end date. */
      for (guint r = 0; r < block.reasons->len; r++)
        {
          LdBlockReason *reason = g_ptr_array_index (block.reasons, r);
          char end[11];

          g_assert_true (g_date_valid (&reason->end));
          g_date_strftime (end, sizeof end, "%Y-%m-%d", &reason->end);
          g_assert_nonnull (reason->reg_no);
          g_assert_nonnull (strstr (reason->text, end));
          g_assert_nonnull (strstr (reason->text, reason->reg_no));
          g_assert_cmpint (reason->measure_id, >, 0);
        }
    }
  g_assert_cmpuint (n_blocked, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/measures-scenario/quarters", Fixture, NULL, setup, test_quarters, teardown);
  g_test_add ("/measures-scenario/opinion-request", Fixture, NULL, setup, test_opinion_request, teardown);
  g_test_add ("/measures-scenario/blocks", Fixture, NULL, setup, test_blocks, teardown);

  return g_test_run ();
}
