/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-four-forms"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "brief/ld-charts.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-board.h"
#include "records/ld-four-forms.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Four-forms statistics on a fixed dataset written straight into the
 * measures table (statistics fixtures need exact dates, forms, levels and
 * groups), the consistency checks on crafted and clean data, period
 * parsing, and the charts drawn to image and PDF surfaces. */

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;    /* below A */
  gint64   unit_b;
  gint64   c1, c2, c3, c4, c5;
  gint64   m[16];      /* measures by their number in the dataset */
  gint64   k_closed, k_overdue, k_b;
} Fixture;

/* --- Helpers ------------------------------------------------------------------------ */

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

/* A measure row as the repository would store it. */
static gint64
add_measure (Fixture    *f,
             guint       n,
             gint64      cadre,
             gint64      unit,
             const char *code,
             int         form,
             const char *decided,
             const char *source_type,
             const char *status,
             const char *effect_end,
             const char *post_level,
             const char *groups)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category,"
                                          " decision_date, effective_date, source_type, source_id, status,"
                                          " effect_end, post_level, groups, account, created_at, updated_at)"
                                          " VALUES ('2026-M%04u', %lld, %lld, '%s', %d, 'edu', '%s', '%s', '%s',"
                                          " %s, '%s', '%s', '%s', '%s', 'boss', 1, 1)",
                                          n, (long long) cadre, (long long) unit, code, form, decided, decided,
                                          source_type, *source_type != '\0' ? "1" : "NULL", status, effect_end,
                                          post_level, groups);

  g_assert_cmpuint (n, <, G_N_ELEMENTS (f->m));
  f->m[n] = insert_sql (f, sql);
  return f->m[n];
}

static gint64
add_clue (Fixture    *f,
          const char *reg_no,
          gint64      unit,
          gint64      cadre,
          const char *status,
          const char *disposal,
          const char *due,
          const char *result,
          const char *closed)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date,"
                                          " status, disposal, due_date, result, closed_date, account, created_at,"
                                          " updated_at) VALUES ('%s', %lld, 'SRC_SUPERVISION', %lld, '2019-12-01',"
                                          " '%s', '%s', '%s', '%s', '%s', 'boss', 1, 1)",
                                          reg_no, (long long) unit, (long long) cadre, status, disposal, due, result,
                                          closed);

  return insert_sql (f, sql);
}

static void
add_opinion (Fixture    *f,
             const char *reg_no,
             gint64      cadre,
             const char *decision,
             const char *approved)
{
  g_autofree char *request = g_strdup_printf ("INSERT INTO opinion_requests (reg_no, unit_id, requester,"
                                              " request_date, purpose, account, created_at, updated_at)"
                                              " VALUES ('%s', %lld, '组织部', '2026-05-20', 'promotion', 'boss',"
                                              " 1, 1)",
                                              reg_no, (long long) f->unit_a);
  gint64 request_id = insert_sql (f, request);
  g_autofree char *item = g_strdup_printf ("INSERT INTO opinion_items (request_id, cadre_id, decision,"
                                           " approved_date, account, created_at, updated_at)"
                                           " VALUES (%lld, %lld, '%s', '%s', 'boss', 1, 1)",
                                           (long long) request_id, (long long) cadre, decision, approved);

  exec_sql (f, item);
}

static void
parse_period (const char *text,
              LdPeriod   *period)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_period_parse (text, period, &error));
  g_assert_no_error (error);
}

static LdFourFormsStats *
compute (Fixture    *f,
         const char *period_text,
         gint64      unit)
{
  g_autoptr(GError) error = NULL;
  LdFourFormsStats *stats;
  LdPeriod period;

  parse_period (period_text, &period);
  stats = ld_four_forms_compute (f->vault, &period, unit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static void
assert_tally (const LdFormTally *tally,
              guint              person_times,
              guint              persons)
{
  g_assert_cmpuint (tally->person_times, ==, person_times);
  g_assert_cmpuint (tally->persons, ==, persons);
}

static GArray *
drill (Fixture              *f,
       const char           *period_text,
       gint64                unit,
       int                   form,
       LdFourFormsDimension  dimension,
       int                   value,
       gboolean              distinct)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;
  LdPeriod period;

  parse_period (period_text, &period);
  ids = ld_four_forms_drill (f->vault, &period, unit, form, dimension, value, distinct, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* ids equals the measures of the dataset numbered in expected (0-ended). */
static void
assert_ids (Fixture    *f,
            GArray     *ids,
            const guint expected[])
{
  guint n = 0;

  while (expected[n] != 0)
    n++;
  if (ids->len != n)
    g_error ("expected %u measures, got %u", n, ids->len);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, f->m[expected[i]]);
}

/* --- Fixtures ----------------------------------------------------------------------- */

/* The vault every test starts from, built once (creating accounts costs a
 * key derivation each) and copied per test. */
static char    *template_dir;
static Fixture  template_ids;

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        {
          copy_tree (source, target);
          continue;
        }
      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (target, contents, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600,
                                               NULL));
    }
}

/* Accounts sec, boss (every unit), inv (unit A and below); units A, A1
 * (below A) and B; five cadres. */
static void
build_template (void)
{
  g_autofree char *id1 = make_id_number (1), *id2 = make_id_number (2), *id3 = make_id_number (3);
  g_autofree char *id4 = make_id_number (4), *id5 = make_id_number (5);
  Fixture *t = &template_ids;

  template_dir = ld_test_tmpdir ();
  t->vault = ld_test_vault_new (template_dir);
  ld_test_add_account (t->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (t->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (t->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (t->vault, "boss", 0);
  ld_test_login (t->vault, "boss");
  t->unit_a = ld_test_add_unit (t->vault, 0, "Dept A");
  t->unit_a1 = ld_test_add_unit (t->vault, t->unit_a, "Office A1");
  t->unit_b = ld_test_add_unit (t->vault, 0, "Dept B");
  ld_test_grant_scope (t->vault, "inv", t->unit_a);
  ld_test_login (t->vault, "boss");
  t->c1 = ld_test_add_cadre (t->vault, t->unit_a, "张一", id1);
  t->c2 = ld_test_add_cadre (t->vault, t->unit_a, "钱二", id2);
  t->c3 = ld_test_add_cadre (t->vault, t->unit_a1, "孙三", id3);
  t->c4 = ld_test_add_cadre (t->vault, t->unit_b, "李四", id4);
  t->c5 = ld_test_add_cadre (t->vault, t->unit_a, "周五", id5);
  ld_vault_lock (t->vault, "exit");
  g_clear_object (&t->vault);
}

/* A copy of the template, signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (template_dir == NULL)
    build_template ();
  *f = template_ids;
  f->dir = ld_test_tmpdir ();
  from = g_build_filename (template_dir, "vault", NULL);
  to = g_build_filename (f->dir, "vault", NULL);
  copy_tree (from, to);
  f->vault = ld_vault_new (to);
  ld_test_login (f->vault, "boss");
}

/* The measures of 2026Q1 (and the comparison periods):
 *
 *   n   cadre unit form code           decided     status   source  level    groups
 *   1   c1    A    1    F1_REMIND_TALK 2026-01-10  in-force talk    xiangke  young
 *   2   c1    A    1    F1_CRIT_EDU    2026-02-15  in-force clue    xiangke  young
 *   3   c2    A    1    F1_ADMONISH    2026-03-01  in-force clue    xianchu  top,key  (effect to 2026-09-01)
 *   4   c3    A1   2    P1             2026-03-20  in-force clue    xianchu  new      (effect to 2027-03-20)
 *   5   c4    B    3    G5             2026-02-01  in-force petition tingju top-leader (category spelling)
 *   6   c5    A    2    P1             2026-01-20  changed  —       (replaced on appeal: not counted)
 *   7   c5    A    1    F1_SELF_EXAM   2026-02-20  in-force ''      ''       ''       (its replacement; no source)
 *   8   c2    A    2    P2             2026-02-02  revoked          (not counted)
 *   9   c1    A    1    F1_WARN_TALK   2026-01-05  retired          (not counted)
 *   10  c1    A    1    F1_CIRCULAR    2026-03-31  lifted   clue    xiangke  ''       (last day counts)
 *   11  c4    B    1    F1_CRIT_EDU    2026-04-01  next quarter
 *   12  c2    A    2    P1             2025-11-05  previous quarter
 *   13  c1    A    1    F1_CRIT_EDU    2025-02-10  same quarter last year
 *   14  c3    A1   1    F1_CRIT_EDU    2025-03-05  same quarter last year
 *
 * 2026Q1: F1 5 person-times (m1 m2 m3 m7 m10), 3 persons (c1 c2 c5); F2 1
 * (c3); F3 1 (c4); F4 0; in all 7 person-times, 5 persons. */
static void
setup_dataset (Fixture       *f,
               gconstpointer  data)
{
  setup (f, data);
  add_measure (f, 1, f->c1, f->unit_a, "F1_REMIND_TALK", 1, "2026-01-10", "talk", "in-force", "", "xiangke",
               "young");
  add_measure (f, 2, f->c1, f->unit_a, "F1_CRIT_EDU", 1, "2026-02-15", "clue", "in-force", "", "xiangke", "young");
  add_measure (f, 3, f->c2, f->unit_a, "F1_ADMONISH", 1, "2026-03-01", "clue", "in-force", "2026-09-01", "xianchu",
               "top,key");
  add_measure (f, 4, f->c3, f->unit_a1, "P1", 2, "2026-03-20", "clue", "in-force", "2027-03-20", "xianchu", "new");
  add_measure (f, 5, f->c4, f->unit_b, "G5", 3, "2026-02-01", "petition", "in-force", "2028-02-01", "tingju",
               "top-leader");
  add_measure (f, 6, f->c5, f->unit_a, "P1", 2, "2026-01-20", "", "changed", "", "xiangke", "");
  add_measure (f, 7, f->c5, f->unit_a, "F1_SELF_EXAM", 1, "2026-02-20", "", "in-force", "", "", "");
  add_measure (f, 8, f->c2, f->unit_a, "P2", 2, "2026-02-02", "clue", "revoked", "", "xianchu", "top");
  add_measure (f, 9, f->c1, f->unit_a, "F1_WARN_TALK", 1, "2026-01-05", "", "in-force", "", "xiangke", "young");
  add_measure (f, 10, f->c1, f->unit_a, "F1_CIRCULAR", 1, "2026-03-31", "clue", "lifted", "", "xiangke", "");
  add_measure (f, 11, f->c4, f->unit_b, "F1_CRIT_EDU", 1, "2026-04-01", "clue", "in-force", "", "tingju", "");
  add_measure (f, 12, f->c2, f->unit_a, "P1", 2, "2025-11-05", "clue", "in-force", "2026-11-05", "xianchu", "");
  add_measure (f, 13, f->c1, f->unit_a, "F1_CRIT_EDU", 1, "2025-02-10", "clue", "in-force", "", "xiangke", "");
  add_measure (f, 14, f->c3, f->unit_a1, "F1_CRIT_EDU", 1, "2025-03-05", "clue", "in-force", "", "xianchu", "");
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE measures SET retired_at = 5, retired_reason = 'duplicate'"
                                            " WHERE id = %lld;"
                                            "UPDATE measures SET replaced_by = %lld WHERE id = %lld;"
                                            "UPDATE measures SET replaces = %lld WHERE id = %lld",
                                            (long long) f->m[9], (long long) f->m[7], (long long) f->m[6],
                                            (long long) f->m[6], (long long) f->m[7]);

    exec_sql (f, sql);
  }
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

/* --- Periods ------------------------------------------------------------------------- */

static void
assert_period (const LdPeriod *period,
               LdPeriodKind    kind,
               const char     *from,
               const char     *to)
{
  char from_text[11], to_text[11];

  ld_period_get_bounds_text (period, from_text, to_text);
  g_assert_cmpint (period->kind, ==, kind);
  g_assert_cmpstr (from_text, ==, from);
  g_assert_cmpstr (to_text, ==, to);
}

static void
test_period_parse (void)
{
  static const struct
  {
    const char   *text;
    LdPeriodKind  kind;
    const char   *from;
    const char   *to;
    const char   *string;   /* ld_period_to_string */
  } cases[] = {
    { "2026-03", LD_PERIOD_MONTH, "2026-03-01", "2026-03-31", "2026-03" },
    { "2024-02", LD_PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02" },
    { " 2026-3 ", LD_PERIOD_MONTH, "2026-03-01", "2026-03-31", "2026-03" },
    { "2026年3月", LD_PERIOD_MONTH, "2026-03-01", "2026-03-31", "2026-03" },
    { "2026Q1", LD_PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026Q1" },
    { "2026-Q2", LD_PERIOD_QUARTER, "2026-04-01", "2026-06-30", "2026Q2" },
    { "2026q3", LD_PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026Q3" },
    { "2026年第一季度", LD_PERIOD_QUARTER, "2026-01-01", "2026-03-31", "2026Q1" },
    { "2026年第4季度", LD_PERIOD_QUARTER, "2026-10-01", "2026-12-31", "2026Q4" },
    { "2026年三季度", LD_PERIOD_QUARTER, "2026-07-01", "2026-09-30", "2026Q3" },
    { "2026", LD_PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
    { "2026年", LD_PERIOD_YEAR, "2026-01-01", "2026-12-31", "2026" },
    { "2026-01-01..2026-03-31", LD_PERIOD_CUSTOM, "2026-01-01", "2026-03-31", "2026-01-01..2026-03-31" },
    { "2026-02-10 .. 2026-02-10", LD_PERIOD_CUSTOM, "2026-02-10", "2026-02-10", "2026-02-10..2026-02-10" },
  };
  static const char * const invalid[] = {
    "", "   ", "abc", "2026Q5", "2026Q0", "2026-13", "2026-00", "26", "20261", "2026-Q", "2026年第五季度",
    "2026年13月", "2026-02-30..2026-03-01", "2026-01-01..", "..2026-01-01",
    "2026-01-01", "1800", "2026-03-x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *string = NULL;
      LdPeriod period, again;

      g_test_message ("%s", cases[i].text);
      g_assert_true (ld_period_parse (cases[i].text, &period, &error));
      g_assert_no_error (error);
      assert_period (&period, cases[i].kind, cases[i].from, cases[i].to);
      string = ld_period_to_string (&period);
      g_assert_cmpstr (string, ==, cases[i].string);
      parse_period (string, &again);
      g_assert_true (ld_period_equal (&period, &again));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      LdPeriod period;

      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (ld_period_parse (invalid[i], &period, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "2026Q1"));
    }
  {
    g_autoptr(GError) error = NULL;
    LdPeriod period;

    /* A reversed range says what to do. */
    g_assert_false (ld_period_parse ("2026-03-31..2026-01-01", &period, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "earlier date first"));
  }
}

static void
test_period_arithmetic (void)
{
  static const struct
  {
    const char *text;
    const char *prev_from, *prev_to;
    const char *year_from, *year_to;
    guint       days;
  } cases[] = {
    { "2026Q1", "2025-10-01", "2025-12-31", "2025-01-01", "2025-03-31", 90 },
    { "2026Q3", "2026-04-01", "2026-06-30", "2025-07-01", "2025-09-30", 92 },
    { "2026-01", "2025-12-01", "2025-12-31", "2025-01-01", "2025-01-31", 31 },
    { "2026-03", "2026-02-01", "2026-02-28", "2025-03-01", "2025-03-31", 31 },
    { "2024-02", "2024-01-01", "2024-01-31", "2023-02-01", "2023-02-28", 29 },
    { "2026", "2025-01-01", "2025-12-31", "2025-01-01", "2025-12-31", 365 },
    { "2026-01-10..2026-01-19", "2025-12-31", "2026-01-09", "2025-01-10", "2025-01-19", 10 },
    { "2024-02-29..2024-03-10", "2024-02-18", "2024-02-28", "2023-02-28", "2023-03-10", 11 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LdPeriod period, previous, last_year;

      g_test_message ("%s", cases[i].text);
      parse_period (cases[i].text, &period);
      g_assert_cmpuint (ld_period_get_days (&period), ==, cases[i].days);
      ld_period_previous (&period, &previous);
      ld_period_year_before (&period, &last_year);
      assert_period (&previous, period.kind, cases[i].prev_from, cases[i].prev_to);
      assert_period (&last_year, period.kind, cases[i].year_from, cases[i].year_to);
    }
}

static void
test_period_labels (void)
{
  static const struct
  {
    const char *text;
    const char *label;
    const char *short_label;
  } cases[] = {
    { "2026Q1", "Q1 2026", "2026Q1" },
    { "2026Q4", "Q4 2026", "2026Q4" },
    { "2026-03", "2026-03", "2026-03" },
    { "2026", "Year 2026", "2026" },
    { "2026-01-01..2026-02-15", "2026-01-01 to 2026-02-15", "2026-01-01 to 2026-02-15" },
  };
  LdPeriod period;
  GDate day;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *short_label = NULL;

      parse_period (cases[i].text, &period);
      label = ld_period_get_label (&period);
      short_label = ld_period_get_short_label (&period);
      g_assert_cmpstr (label, ==, cases[i].label);
      g_assert_cmpstr (short_label, ==, cases[i].short_label);
    }

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 8, 2026);
  ld_period_init_quarter_of (&period, &day);
  assert_period (&period, LD_PERIOD_QUARTER, "2026-07-01", "2026-09-30");
  g_assert_true (ld_period_contains (&period, &day));
  g_date_set_dmy (&day, 1, 10, 2026);
  g_assert_false (ld_period_contains (&period, &day));
}

static void
test_formatting (void)
{
  LdShare share = { 0.625, TRUE };
  LdShare none = { 0.0, FALSE };
  LdChange up = { 3, 1.5, TRUE };
  LdChange down = { -2, -0.4, TRUE };
  LdChange from_zero = { 3, 0.0, FALSE };
  g_autofree char *a = ld_share_format (&share);
  g_autofree char *b = ld_share_format (&none);
  g_autofree char *c = ld_change_format (&up);
  g_autofree char *d = ld_change_format (&down);
  g_autofree char *e = ld_change_format (&from_zero);

  g_assert_cmpstr (a, ==, "62.5%");
  g_assert_cmpstr (b, ==, "—");
  g_assert_cmpstr (c, ==, "+3 (+150.0%)");
  g_assert_cmpstr (d, ==, "-2 (-40.0%)");
  g_assert_cmpstr (e, ==, "+3 (—)");

  g_assert_cmpint (ld_four_forms_group_from_string ("young"), ==, LD_FOUR_FORMS_GROUP_YOUNG);
  g_assert_cmpint (ld_four_forms_group_from_string ("top-leader"), ==, LD_FOUR_FORMS_GROUP_TOP);
  g_assert_cmpint (ld_four_forms_group_from_string ("new"), ==, LD_FOUR_FORMS_GROUP_NEW);
  g_assert_cmpint (ld_four_forms_group_from_string ("key-position"), ==, LD_FOUR_FORMS_GROUP_KEY);
  g_assert_cmpint (ld_four_forms_group_from_string ("old"), ==, LD_FOUR_FORMS_N_GROUPS);
  g_assert_cmpstr (ld_four_forms_group_to_string (LD_FOUR_FORMS_GROUP_KEY), ==, "key");
  for (guint g = 0; g < LD_FOUR_FORMS_N_GROUPS; g++)
    g_assert_nonnull (ld_four_forms_group_get_label (g));
}

/* --- Statistics ---------------------------------------------------------------------- */

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LdFourFormsStats) stats = compute (f, "2026Q1", 0);
  const LdFourFormsRow *f1 = &stats->forms[0];
  const LdFourFormsRow *f2 = &stats->forms[1];
  const LdFourFormsRow *f4 = &stats->forms[3];

  /* Person-times against distinct persons: c1 has three F1 measures. */
  assert_tally (&f1->current, 5, 3);
  assert_tally (&f2->current, 1, 1);
  assert_tally (&stats->forms[2].current, 1, 1);
  assert_tally (&f4->current, 0, 0);
  assert_tally (&stats->total.current, 7, 5);

  /* Shares: of 7 person-times; of 5 persons (the sum of the forms). */
  g_assert_true (f1->share_times.has_base);
  g_assert_cmpfloat_with_epsilon (f1->share_times.value, 5.0 / 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (f1->share_persons.value, 3.0 / 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (f2->share_times.value, 1.0 / 7.0, 1e-9);
  g_assert_true (f4->share_times.has_base);
  g_assert_cmpfloat (f4->share_times.value, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (stats->total.share_times.value, 1.0, 1e-9);

  /* The previous quarter (2025Q4): F2 1 (m12), F1 nothing. */
  assert_tally (&f1->previous, 0, 0);
  assert_tally (&f2->previous, 1, 1);
  g_assert_false (f1->times_vs_previous.has_base);
  g_assert_cmpint (f1->times_vs_previous.delta, ==, 5);
  g_assert_true (f2->times_vs_previous.has_base);
  g_assert_cmpint (f2->times_vs_previous.delta, ==, 0);
  g_assert_cmpfloat (f2->times_vs_previous.ratio, ==, 0.0);
  g_assert_true (f1->previous_share_times.has_base);
  g_assert_cmpfloat (f2->previous_share_times.value, ==, 1.0);

  /* The same quarter last year (2025Q1): F1 2 (c1, c3), F2 nothing. */
  assert_tally (&f1->last_year, 2, 2);
  assert_tally (&f2->last_year, 0, 0);
  g_assert_true (f1->times_vs_last_year.has_base);
  g_assert_cmpint (f1->times_vs_last_year.delta, ==, 3);
  g_assert_cmpfloat_with_epsilon (f1->times_vs_last_year.ratio, 1.5, 1e-9);
  g_assert_cmpint (f1->persons_vs_last_year.delta, ==, 1);
  g_assert_cmpfloat_with_epsilon (f1->persons_vs_last_year.ratio, 0.5, 1e-9);
  g_assert_false (f2->times_vs_last_year.has_base);
  g_assert_false (f2->persons_vs_last_year.has_base);
  assert_tally (&stats->total.last_year, 2, 2);
  {
    g_autofree char *text = ld_change_format (&f2->times_vs_last_year);

    g_assert_cmpstr (text, ==, "+1 (—)");
  }

  /* A period without any measure: every share has no base. */
  {
    g_autoptr(LdFourFormsStats) empty = compute (f, "2030Q1", 0);

    for (guint i = 0; i < LD_FOUR_FORMS_N; i++)
      {
        g_autofree char *text = ld_share_format (&empty->forms[i].share_times);

        g_assert_false (empty->forms[i].share_times.has_base);
        g_assert_false (empty->forms[i].share_persons.has_base);
        g_assert_cmpstr (text, ==, "—");
      }
    g_assert_false (empty->total.share_times.has_base);
    assert_tally (&empty->total.current, 0, 0);
  }

  /* The next quarter holds m11 only; a month and a custom range. */
  {
    g_autoptr(LdFourFormsStats) q2 = compute (f, "2026Q2", 0);
    g_autoptr(LdFourFormsStats) march = compute (f, "2026-03", 0);
    g_autoptr(LdFourFormsStats) range = compute (f, "2026-02-15..2026-03-01", 0);
    g_autoptr(LdFourFormsStats) year = compute (f, "2026", 0);

    assert_tally (&q2->total.current, 1, 1);
    assert_tally (&q2->forms[0].previous, 5, 3);
    /* March: m3 (c2), m4 (c3), m10 (c1). */
    assert_tally (&march->total.current, 3, 3);
    assert_tally (&march->forms[0].current, 2, 2);
    /* 02-15 … 03-01 inclusive: m2, m7, m3. */
    assert_tally (&range->forms[0].current, 3, 3);
    g_assert_cmpint (range->previous.kind, ==, LD_PERIOD_CUSTOM);
    assert_tally (&year->total.current, 8, 5);
    assert_tally (&year->total.last_year, 3, 3);
  }

  /* A custom period longer than a year overlaps the year before: m13 and
   * m14 count in both. */
  {
    g_autoptr(LdFourFormsStats) long_range = compute (f, "2025-01-01..2026-06-30", 0);

    assert_tally (&long_range->total.current, 11, 5);
    assert_tally (&long_range->total.last_year, 2, 2);
    assert_tally (&long_range->forms[0].last_year, 2, 2);
    assert_tally (&long_range->total.previous, 0, 0);
    assert_tally (&long_range->forms[1].current, 2, 2);   /* m4, m12 */
  }
}

static void
test_breakdown (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LdFourFormsStats) stats = compute (f, "2026Q1", 0);
  const LdFourFormsRow *f1 = &stats->forms[0];

  /* By post level on the decision date. */
  assert_tally (&f1->by_level[LD_POST_LEVEL_XIANGKE], 3, 1);   /* m1 m2 m10, all c1 */
  assert_tally (&f1->by_level[LD_POST_LEVEL_XIANCHU], 1, 1);   /* m3 */
  assert_tally (&f1->by_level[LD_POST_LEVEL_NONE], 1, 1);      /* m7 */
  assert_tally (&f1->by_level[LD_POST_LEVEL_TINGJU], 0, 0);
  assert_tally (&stats->forms[1].by_level[LD_POST_LEVEL_XIANCHU], 1, 1);
  assert_tally (&stats->forms[2].by_level[LD_POST_LEVEL_TINGJU], 1, 1);
  assert_tally (&stats->total.by_level[LD_POST_LEVEL_XIANCHU], 2, 2);   /* m3 c2, m4 c3 */
  assert_tally (&stats->total.by_level[LD_POST_LEVEL_XIANGKE], 3, 1);
  {
    guint times = 0;

    for (guint l = 0; l < LD_N_POST_LEVELS; l++)
      times += stats->total.by_level[l].person_times;
    g_assert_cmpuint (times, ==, stats->total.current.person_times);
  }

  /* By group (a measure can be in several, or none). */
  assert_tally (&f1->by_group[LD_FOUR_FORMS_GROUP_YOUNG], 2, 1);   /* m1 m2 */
  assert_tally (&f1->by_group[LD_FOUR_FORMS_GROUP_TOP], 1, 1);     /* m3 */
  assert_tally (&f1->by_group[LD_FOUR_FORMS_GROUP_KEY], 1, 1);     /* m3 */
  assert_tally (&f1->by_group[LD_FOUR_FORMS_GROUP_NEW], 0, 0);
  assert_tally (&stats->forms[1].by_group[LD_FOUR_FORMS_GROUP_NEW], 1, 1);   /* m4 */
  assert_tally (&stats->forms[2].by_group[LD_FOUR_FORMS_GROUP_TOP], 1, 1);   /* m5, "top-leader" */
  assert_tally (&stats->total.by_group[LD_FOUR_FORMS_GROUP_TOP], 2, 2);
  assert_tally (&stats->total.by_group[LD_FOUR_FORMS_GROUP_YOUNG], 2, 1);
}

static void
test_excluded (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LdFourFormsStats) before = compute (f, "2026Q1", 0);
  g_autoptr(LdFourFormsStats) after = NULL;
  g_autofree char *sql = NULL;

  /* m6 (changed), m8 (revoked) and m9 (retired) are not counted: F2 has
   * m4 only. Reviving m8 adds it; revoking m4 on appeal removes it. */
  assert_tally (&before->forms[1].current, 1, 1);
  sql = g_strdup_printf ("UPDATE measures SET status = 'in-force' WHERE id = %lld;"
                         "UPDATE measures SET status = 'revoked' WHERE id = %lld;"
                         "UPDATE measures SET retired_at = NULL WHERE id = %lld",
                         (long long) f->m[8], (long long) f->m[4], (long long) f->m[9]);
  exec_sql (f, sql);
  after = compute (f, "2026Q1", 0);
  assert_tally (&after->forms[1].current, 1, 1);
  g_assert_cmpuint (after->forms[1].by_group[LD_FOUR_FORMS_GROUP_TOP].person_times, ==, 1);   /* m8 */
  g_assert_cmpuint (after->forms[1].by_group[LD_FOUR_FORMS_GROUP_NEW].person_times, ==, 0);
  assert_tally (&after->forms[0].current, 6, 3);   /* m9 back */
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LdPeriod period;

  parse_period ("2026Q1", &period);

  /* Unit A and the unit below it. */
  {
    g_autoptr(LdFourFormsStats) a = compute (f, "2026Q1", f->unit_a);
    g_autoptr(LdFourFormsStats) a1 = compute (f, "2026Q1", f->unit_a1);
    g_autoptr(LdFourFormsStats) b = compute (f, "2026Q1", f->unit_b);

    assert_tally (&a->forms[0].current, 5, 3);
    assert_tally (&a->forms[1].current, 1, 1);
    assert_tally (&a->forms[2].current, 0, 0);
    assert_tally (&a->total.current, 6, 4);
    g_assert_cmpint (a->unit_id, ==, f->unit_a);
    assert_tally (&a1->total.current, 1, 1);
    assert_tally (&a1->forms[1].current, 1, 1);
    assert_tally (&a1->forms[0].last_year, 1, 1);   /* m14 */
    assert_tally (&b->total.current, 1, 1);
    assert_tally (&b->forms[2].current, 1, 1);
  }

  /* inv sees unit A and below only; B is refused as not found. */
  ld_test_login (f->vault, "inv");
  {
    g_autoptr(LdFourFormsStats) all = compute (f, "2026Q1", 0);

    assert_tally (&all->total.current, 6, 4);
    assert_tally (&all->forms[2].current, 0, 0);
  }
  g_assert_null (ld_four_forms_compute (f->vault, &period, f->unit_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_compute (f->vault, &period, 9999, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_trend (f->vault, &period, 8, f->unit_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_drill (f->vault, &period, f->unit_b, 0, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE,
                                      &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_checks (f->vault, NULL, f->unit_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The system administrator reads no records. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  g_assert_null (ld_four_forms_compute (f->vault, &period, 0, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_checks (f->vault, &period, 0, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
}

static void
test_trend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) trend = NULL;
  LdPeriod period;

  /* Any period: the quarters up to the one holding its last day. */
  parse_period ("2026-05", &period);
  trend = ld_four_forms_trend (f->vault, &period, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      const LdFourFormsTrendPoint *point = &g_array_index (trend, LdFourFormsTrendPoint, i);
      g_autofree char *label = ld_period_to_string (&point->quarter);
      static const char * const quarters[] = {
        "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2",
      };

      g_assert_cmpstr (label, ==, quarters[i]);
      g_assert_cmpint (point->quarter.kind, ==, LD_PERIOD_QUARTER);
    }
#define POINT(i) (&g_array_index (trend, LdFourFormsTrendPoint, (i)))
  g_assert_cmpuint (POINT (2)->person_times[0], ==, 2);   /* 2025Q1: m13 m14 */
  g_assert_cmpuint (POINT (5)->person_times[1], ==, 1);   /* 2025Q4: m12 */
  g_assert_cmpuint (POINT (6)->person_times[0], ==, 5);   /* 2026Q1 */
  g_assert_cmpuint (POINT (6)->persons[0], ==, 3);
  g_assert_cmpuint (POINT (6)->person_times[1], ==, 1);
  g_assert_cmpuint (POINT (6)->person_times[2], ==, 1);
  g_assert_cmpuint (POINT (6)->person_times[3], ==, 0);
  g_assert_cmpuint (POINT (7)->person_times[0], ==, 1);   /* 2026Q2: m11 */
  g_assert_cmpuint (POINT (0)->person_times[0], ==, 0);
#undef POINT
  g_clear_pointer (&trend, g_array_unref);

  /* The quarters match ld_four_forms_compute() for each quarter. */
  parse_period ("2026Q1", &period);
  trend = ld_four_forms_trend (f->vault, &period, 3, f->unit_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, 3);
  for (guint i = 0; i < trend->len; i++)
    {
      const LdFourFormsTrendPoint *point = &g_array_index (trend, LdFourFormsTrendPoint, i);
      g_autofree char *text = ld_period_to_string (&point->quarter);
      g_autoptr(LdFourFormsStats) stats = compute (f, text, f->unit_a);

      for (guint form = 0; form < LD_FOUR_FORMS_N; form++)
        {
          g_assert_cmpuint (point->person_times[form], ==, stats->forms[form].current.person_times);
          g_assert_cmpuint (point->persons[form], ==, stats->forms[form].current.persons);
        }
    }
}

static void
test_drill (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdFourFormsStats) stats = compute (f, "2026Q1", 0);
  LdPeriod period;

  /* Newest first; one measure per cadre with distinct persons. */
  {
    g_autoptr(GArray) ids = drill (f, "2026Q1", 0, 1, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE);
    g_autoptr(GArray) persons = drill (f, "2026Q1", 0, 1, LD_FOUR_FORMS_DIMENSION_NONE, 0, TRUE);
    static const guint all[] = { 10, 3, 7, 2, 1, 0 };
    static const guint newest[] = { 10, 3, 7, 0 };

    assert_ids (f, ids, all);
    assert_ids (f, persons, newest);
    g_assert_cmpuint (ids->len, ==, stats->forms[0].current.person_times);
    g_assert_cmpuint (persons->len, ==, stats->forms[0].current.persons);
  }
  {
    g_autoptr(GArray) ids = drill (f, "2026Q1", 0, 1, LD_FOUR_FORMS_DIMENSION_LEVEL, LD_POST_LEVEL_XIANGKE, FALSE);
    g_autoptr(GArray) none = drill (f, "2026Q1", 0, 1, LD_FOUR_FORMS_DIMENSION_LEVEL, LD_POST_LEVEL_NONE, FALSE);
    g_autoptr(GArray) young = drill (f, "2026Q1", 0, 0, LD_FOUR_FORMS_DIMENSION_GROUP, LD_FOUR_FORMS_GROUP_YOUNG,
                                     FALSE);
    g_autoptr(GArray) top = drill (f, "2026Q1", 0, 0, LD_FOUR_FORMS_DIMENSION_GROUP, LD_FOUR_FORMS_GROUP_TOP, TRUE);
    static const guint xiangke[] = { 10, 2, 1, 0 };
    static const guint unknown[] = { 7, 0 };
    static const guint young_ids[] = { 2, 1, 0 };
    static const guint top_ids[] = { 3, 5, 0 };

    assert_ids (f, ids, xiangke);
    assert_ids (f, none, unknown);
    assert_ids (f, young, young_ids);
    assert_ids (f, top, top_ids);
  }

  /* Every number of the table has as many measures behind it. */
  for (int form = 0; form <= LD_FOUR_FORMS_N; form++)
    {
      const LdFourFormsRow *row = form == 0 ? &stats->total : &stats->forms[form - 1];

      for (int persons = 0; persons < 2; persons++)
        {
          g_autoptr(GArray) ids = drill (f, "2026Q1", 0, form, LD_FOUR_FORMS_DIMENSION_NONE, 0, persons);

          g_assert_cmpuint (ids->len, ==, persons ? row->current.persons : row->current.person_times);
          for (guint l = 0; l < LD_N_POST_LEVELS; l++)
            {
              g_autoptr(GArray) by_level = drill (f, "2026Q1", 0, form, LD_FOUR_FORMS_DIMENSION_LEVEL, l, persons);

              g_assert_cmpuint (by_level->len, ==,
                                persons ? row->by_level[l].persons : row->by_level[l].person_times);
            }
          for (guint g = 0; g < LD_FOUR_FORMS_N_GROUPS; g++)
            {
              g_autoptr(GArray) by_group = drill (f, "2026Q1", 0, form, LD_FOUR_FORMS_DIMENSION_GROUP, g, persons);

              g_assert_cmpuint (by_group->len, ==,
                                persons ? row->by_group[g].persons : row->by_group[g].person_times);
            }
        }
    }

  /* Scope: unit A1 has m4 only. */
  {
    g_autoptr(GArray) ids = drill (f, "2026Q1", f->unit_a1, 0, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE);
    static const guint a1[] = { 4, 0 };

    assert_ids (f, ids, a1);
  }

  /* Refusals. */
  parse_period ("2026Q1", &period);
  g_assert_null (ld_four_forms_drill (f->vault, &period, 0, 5, LD_FOUR_FORMS_DIMENSION_NONE, 0, FALSE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_drill (f->vault, &period, 0, 1, LD_FOUR_FORMS_DIMENSION_GROUP,
                                      LD_FOUR_FORMS_N_GROUPS, FALSE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ld_four_forms_drill (f->vault, &period, 0, 1, LD_FOUR_FORMS_DIMENSION_LEVEL, LD_N_POST_LEVELS,
                                      FALSE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

/* --- Consistency checks -------------------------------------------------------------- */

static GPtrArray *
checks (Fixture    *f,
        const char *period_text,
        gint64      unit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *issues;
  LdPeriod period;

  if (period_text != NULL)
    parse_period (period_text, &period);
  issues = ld_four_forms_checks (f->vault, period_text != NULL ? &period : NULL, unit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (issues);
  return issues;
}

static const LdConsistencyIssue *
find_issue (GPtrArray         *issues,
            LdConsistencyKind  kind,
            gint64             record_id,
            const char        *date)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const LdConsistencyIssue *issue = g_ptr_array_index (issues, i);

      if (issue->kind == kind && issue->record_id == record_id && g_strcmp0 (issue->date, date) == 0)
        return issue;
    }
  return NULL;
}

static guint
count_kind (GPtrArray         *issues,
            LdConsistencyKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < issues->len; i++)
    if (((LdConsistencyIssue *) g_ptr_array_index (issues, i))->kind == kind)
      n++;
  return n;
}

/* The dataset plus crafted cases for every check. */
static void
add_check_cases (Fixture *f)
{
  g_autofree char *sql = NULL;

  /* (a) 谈话函询 clues: closed without a result; past the limit without
   * one; and clean ones: with a result, limit not reached, another
   * disposal. */
  f->k_closed = add_clue (f, "2026-X0001", f->unit_a, f->c1, "closed", "talk-letter", "2026-03-20", "",
                          "2026-03-10");
  f->k_overdue = add_clue (f, "2026-X0002", f->unit_a, f->c2, "handling", "talk-letter", "2020-01-01", "", "");
  add_clue (f, "2026-X0003", f->unit_a, f->c1, "closed", "talk-letter", "2026-03-20", "unfounded", "2026-03-12");
  add_clue (f, "2026-X0004", f->unit_a, f->c1, "handling", "talk-letter", "2999-01-01", "", "");
  add_clue (f, "2026-X0005", f->unit_a, f->c1, "closed", "verify", "2026-03-20", "", "2026-03-11");
  f->k_b = add_clue (f, "2026-X0006", f->unit_b, f->c4, "closed", "talk-letter", "2026-03-20", "", "2026-03-15");
  sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, received_date, status, disposal, due_date,"
                         " result, closed_date, account, created_at, updated_at, retired_at) VALUES ('2026-X0007',"
                         " %lld, 'SRC_SUPERVISION', '2026-01-01', 'closed', 'talk-letter', '', '', '2026-03-01',"
                         " 'boss', 1, 1, 5)",
                         (long long) f->unit_a);
  exec_sql (f, sql);
  g_clear_pointer (&sql, g_free);

  /* (c) c2 promoted in May 2026 (day unknown) inside m3's 诫勉 period
   * (2026-03-01 … 2026-09-01) and m12's warning (2025-11-05 …
   * 2026-11-05); c3 cleared by an approved opinion on
   * 2026-06-01 inside m4's period; c3 also deferred (not an approval);
   * c4 promoted after m5's period; c1's measures have no effect period. */
  sql = g_strdup_printf ("UPDATE cadres SET promoted_at = '2026-05' WHERE id = %lld;"
                         "UPDATE cadres SET promoted_at = '2028-02-01' WHERE id = %lld;"
                         "UPDATE cadres SET promoted_at = '2026-02-01' WHERE id = %lld",
                         (long long) f->c2, (long long) f->c4, (long long) f->c1);
  exec_sql (f, sql);
  add_opinion (f, "2026-Y0001", f->c3, "ok", "2026-06-01");
  add_opinion (f, "2026-Y0002", f->c3, "defer", "2026-06-02");
  add_opinion (f, "2026-Y0003", f->c1, "ok-note", "2026-06-01");
  add_opinion (f, "2026-Y0004", f->c3, "ok", "");
}

static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) q1 = NULL;
  g_autoptr(GPtrArray) q2 = NULL;
  g_autoptr(GPtrArray) scoped = NULL;
  const LdConsistencyIssue *issue;

  add_check_cases (f);
  all = checks (f, NULL, 0);
  g_assert_cmpuint (count_kind (all, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME), ==, 3);
  issue = find_issue (all, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, f->k_closed, "2026-03-10");
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->record_type, ==, LD_BOARD_RECORD_CLUE);
  g_assert_cmpstr (issue->reg_no, ==, "2026-X0001");
  g_assert_nonnull (strstr (issue->text, "2026-X0001"));
  g_assert_nonnull (strstr (issue->text, "张一"));
  g_assert_nonnull (find_issue (all, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, f->k_overdue, "2020-01-01"));
  g_assert_nonnull (find_issue (all, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, f->k_b, "2026-03-15"));

  /* (b) m7 names no source (m6 is replaced, m9 retired: not listed). */
  g_assert_cmpuint (count_kind (all, LD_CONSISTENCY_MEASURE_NO_SOURCE), ==, 1);
  issue = find_issue (all, LD_CONSISTENCY_MEASURE_NO_SOURCE, f->m[7], "2026-02-20");
  g_assert_nonnull (issue);
  g_assert_cmpstr (issue->record_type, ==, LD_BOARD_RECORD_MEASURE);
  g_assert_cmpstr (issue->reg_no, ==, "2026-M0007");
  g_assert_nonnull (strstr (issue->text, "周五"));

  /* (c) the promotion (inside two effect periods) and the approval. */
  g_assert_cmpuint (count_kind (all, LD_CONSISTENCY_APPROVAL_IN_EFFECT), ==, 3);
  g_assert_nonnull (find_issue (all, LD_CONSISTENCY_APPROVAL_IN_EFFECT, f->m[12], "2026-05-01"));
  issue = find_issue (all, LD_CONSISTENCY_APPROVAL_IN_EFFECT, f->m[3], "2026-05-01");
  g_assert_nonnull (issue);
  g_assert_nonnull (strstr (issue->text, "钱二"));
  g_assert_nonnull (strstr (issue->text, "2026-M0003"));
  issue = find_issue (all, LD_CONSISTENCY_APPROVAL_IN_EFFECT, f->m[4], "2026-06-01");
  g_assert_nonnull (issue);
  g_assert_nonnull (strstr (issue->text, "孙三"));
  g_assert_cmpuint (all->len, ==, 7);
  for (guint i = 0; i < all->len; i++)
    {
      const LdConsistencyIssue *one = g_ptr_array_index (all, i);

      g_assert_nonnull (ld_consistency_kind_get_label (one->kind));
      g_assert_true (i == 0 || one->kind >= ((LdConsistencyIssue *) g_ptr_array_index (all, i - 1))->kind);
    }

  /* A period keeps the issues dated inside it. */
  q1 = checks (f, "2026Q1", 0);
  g_assert_cmpuint (q1->len, ==, 3);   /* k_closed, k_b, m7 */
  g_assert_nonnull (find_issue (q1, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, f->k_closed, "2026-03-10"));
  g_assert_nonnull (find_issue (q1, LD_CONSISTENCY_MEASURE_NO_SOURCE, f->m[7], "2026-02-20"));
  q2 = checks (f, "2026Q2", 0);
  g_assert_cmpuint (q2->len, ==, 3);
  g_assert_cmpuint (count_kind (q2, LD_CONSISTENCY_APPROVAL_IN_EFFECT), ==, 3);

  /* The scope: unit B's clue is not in unit A's list. */
  scoped = checks (f, NULL, f->unit_a);
  g_assert_cmpuint (scoped->len, ==, 6);
  g_assert_null (find_issue (scoped, LD_CONSISTENCY_TALK_LETTER_NO_OUTCOME, f->k_b, "2026-03-15"));
  g_clear_pointer (&scoped, g_ptr_array_unref);
  ld_test_login (f->vault, "inv");
  scoped = checks (f, NULL, 0);
  g_assert_cmpuint (scoped->len, ==, 6);
  ld_test_login (f->vault, "boss");

  /* Fixing each case clears it. */
  {
    g_autoptr(GPtrArray) clean = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE clues SET result = 'founded' WHERE disposal = 'talk-letter';"
                                            "UPDATE measures SET source_type = 'talk', source_id = 1 WHERE id = %lld;"
                                            "UPDATE cadres SET promoted_at = '2026-12-01' WHERE id = %lld;"
                                            "UPDATE opinion_items SET decision = 'defer' WHERE cadre_id = %lld",
                                            (long long) f->m[7], (long long) f->c2, (long long) f->c3);

    exec_sql (f, sql);
    clean = checks (f, NULL, 0);
    g_assert_cmpuint (clean->len, ==, 0);
  }
}

static void
test_checks_clean (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) issues = checks (f, NULL, 0);

  g_assert_cmpuint (issues->len, ==, 0);
  /* A clean register: every measure with a source, no approval inside an
   * effect period. */
  add_measure (f, 1, f->c1, f->unit_a, "P1", 2, "2026-01-10", "clue", "in-force", "2027-01-10", "xiangke", "");
  add_clue (f, "2026-X0001", f->unit_a, f->c1, "closed", "talk-letter", "2026-03-20", "founded", "2026-03-10");
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = checks (f, NULL, 0);
  g_assert_cmpuint (issues->len, ==, 0);
  /* A revoked sanction does not block: the promotion inside its former
   * period is fine. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE measures SET status = 'revoked' WHERE id = %lld;"
                                            "UPDATE cadres SET promoted_at = '2026-06-01' WHERE id = %lld",
                                            (long long) f->m[1], (long long) f->c1);

    exec_sql (f, sql);
  }
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = checks (f, NULL, 0);
  g_assert_cmpuint (issues->len, ==, 0);
  /* A permanent one does, at any later date. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE measures SET status = 'in-force', effect_end = '9999-12-31'"
                                            " WHERE id = %lld",
                                            (long long) f->m[1]);

    exec_sql (f, sql);
  }
  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = checks (f, NULL, 0);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_nonnull (find_issue (issues, LD_CONSISTENCY_APPROVAL_IN_EFFECT, f->m[1], "2026-06-01"));
}

/* --- Speed --------------------------------------------------------------------------- */

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  static const char * const levels[] = { "xiangke", "xianchu", "tingju", "" };
  static const char * const groups[] = { "young", "top,key", "", "new" };
  sqlite3 *db = _ld_vault_get_db (f->vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cadres[5] = { f->c1, f->c2, f->c3, f->c4, f->c5 };
  gint64 units[5] = { f->unit_a, f->unit_a, f->unit_a1, f->unit_b, f->unit_a };
  gint64 start;
  double seconds;

  if (!g_test_slow ())
    {
      g_test_skip ("100 000 measures: run with -m slow");
      return;
    }
  exec_sql (f, "BEGIN");
  stmt = ld_sql_prepare (db, "INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category,"
                             " decision_date, effective_date, source_type, status, post_level, groups, account,"
                             " created_at, updated_at) VALUES (?, ?, ?, 'F1_CRIT_EDU', ?, 'edu', ?, ?, 'clue',"
                             " 'in-force', ?, ?, 'boss', 1, 1)", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *reg_no = g_strdup_printf ("X-%06u", i);
      g_autofree char *day = g_strdup_printf ("%04u-%02u-%02u", 2019 + i % 8, 1 + i % 12, 1 + i % 28);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, reg_no, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, cadres[i % 5]);
      sqlite3_bind_int64 (stmt, 3, units[i % 5]);
      sqlite3_bind_int (stmt, 4, 1 + (i % 7) % 4);
      sqlite3_bind_text (stmt, 5, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, levels[i % 4], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, groups[(i / 3) % 4], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  exec_sql (f, "COMMIT");

  start = g_get_monotonic_time ();
  {
    g_autoptr(LdFourFormsStats) stats = compute (f, "2026", 0);
    g_autoptr(GArray) trend = NULL;
    LdPeriod period;

    g_assert_cmpuint (stats->total.current.person_times, >, 10000);
    parse_period ("2026Q4", &period);
    trend = ld_four_forms_trend (f->vault, &period, 8, 0, &error);
    g_assert_no_error (error);
  }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("statistics and trend over 100 000 measures: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 5.0);
}

/* --- Charts -------------------------------------------------------------------------- */

static void
assert_hit_inside (const LdChartHit *hit,
                   double            width,
                   double            height)
{
  g_assert_cmpfloat (hit->x, >=, 0);
  g_assert_cmpfloat (hit->y, >=, 0);
  g_assert_cmpfloat (hit->width, >, 0);
  g_assert_cmpfloat (hit->height, >, 0);
  g_assert_cmpfloat (hit->x + hit->width, <=, width + 1e-6);
  g_assert_cmpfloat (hit->y + hit->height, <=, height + 1e-6);
}

static void
test_chart_pyramid (void)
{
  LdChartPyramid data = {
    .title = "四种形态 2026年第一季度",
    .labels = { "第一种形态", "第二种形态", "第三种形态", "第四种形态" },
    .counts = { 5, 1, 1, 0 },
    .shares = { 5.0 / 7, 1.0 / 7, 1.0 / 7, 0 },
    .has_base = TRUE,
    .unit_suffix = "人次",
    .empty_text = "本期无数据",
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(LdChartHits) hits = ld_chart_hits_new ();
  const LdChartHit *hit;

  ld_chart_draw_pyramid (cr, 800, 600, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      hit = ld_chart_hits_get (hits, i);
      assert_hit_inside (hit, 800, 600);
      g_assert_cmpint (hit->form, ==, (int) i + 1);
      g_assert_cmpint (hit->group, ==, -1);
      if (i > 0)
        {
          const LdChartHit *below = ld_chart_hits_get (hits, i - 1);

          /* F1 at the bottom and widest; each form above the one before. */
          g_assert_cmpfloat (hit->y, <, below->y);
          g_assert_cmpfloat (hit->width, <, below->width);
        }
    }

  /* A click in the middle of the base band finds F1, and the band is
   * painted in the first colour. */
  hit = ld_chart_hits_get (hits, 0);
  {
    const LdChartHit *found = ld_chart_hits_lookup (hits, hit->x + hit->width / 2, hit->y + hit->height * 0.9);
    unsigned char *pixels;
    int stride;
    guint32 pixel;
    double r, g, b;
    int px = (int) (hit->x + hit->width * 0.1 + 4), py = (int) (hit->y + hit->height * 0.8);

    g_assert_nonnull (found);
    g_assert_cmpint (found->form, ==, 1);
    g_assert_null (ld_chart_hits_lookup (hits, 799, 1));
    cairo_surface_flush (surface);
    pixels = cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface);
    pixel = *(guint32 *) (pixels + py * stride + px * 4);
    ld_chart_get_series_color (0, &r, &g, &b);
    g_assert_cmpint (ABS ((int) ((pixel >> 16) & 0xff) - (int) (r * 255 + 0.5)), <=, 1);
    g_assert_cmpint (ABS ((int) ((pixel >> 8) & 0xff) - (int) (g * 255 + 0.5)), <=, 1);
    g_assert_cmpint (ABS ((int) (pixel & 0xff) - (int) (b * 255 + 0.5)), <=, 1);
  }

  /* Empty data: the caller's text, nothing to click; no base: still drawn. */
  ld_chart_hits_clear (hits);
  memset (data.counts, 0, sizeof data.counts);
  data.has_base = FALSE;
  ld_chart_draw_pyramid (cr, 800, 600, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 0);
  /* Tiny and degenerate sizes do not fail. */
  data.counts[0] = 1;
  ld_chart_draw_pyramid (cr, 20, 10, &data, NULL);
  ld_chart_draw_pyramid (cr, 0, 0, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_chart_bars (void)
{
  static const char * const quarters[] = {
    "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2",
  };
  guint values[8 * 4] = { 0 };
  LdChartBars data = {
    .title = "各季度人次",
    .n_groups = 8,
    .group_labels = quarters,
    .values = values,
    .series_labels = { "第一种形态", "第二种形态", "第三种形态", "第四种形态" },
    .empty_text = "无数据",
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 500);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(LdChartHits) hits = ld_chart_hits_new ();

  for (guint g = 0; g < 8; g++)
    for (guint s = 0; s < 4; s++)
      values[g * 4 + s] = (g + 1) * (4 - s) + (s == 3 ? 0 : 1);
  values[2 * 4 + 3] = 0;   /* a zero bar has no region */

  ld_chart_draw_bars (cr, 900, 500, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 8 * 4 - 1);
  for (guint i = 0; i < ld_chart_hits_get_n (hits); i++)
    {
      const LdChartHit *hit = ld_chart_hits_get (hits, i);

      assert_hit_inside (hit, 900, 500);
      g_assert_cmpint (hit->form, >=, 1);
      g_assert_cmpint (hit->form, <=, 4);
      g_assert_cmpint (hit->group, >=, 0);
      g_assert_cmpint (hit->group, <, 8);
      if (i > 0)
        {
          const LdChartHit *before = ld_chart_hits_get (hits, i - 1);

          /* Groups left to right, forms side by side within a group. */
          g_assert_cmpfloat (hit->x, >, before->x);
          g_assert_cmpint (hit->group, >=, before->group);
        }
    }
  {
    /* Taller bars for bigger values: F1 of the last quarter against the first. */
    const LdChartHit *first = ld_chart_hits_get (hits, 0);
    const LdChartHit *last = ld_chart_hits_get (hits, ld_chart_hits_get_n (hits) - 4);
    const LdChartHit *found = ld_chart_hits_lookup (hits, last->x + last->width / 2, last->y + last->height / 2);

    g_assert_cmpint (first->form, ==, 1);
    g_assert_cmpint (first->group, ==, 0);
    g_assert_cmpint (last->form, ==, 1);
    g_assert_cmpint (last->group, ==, 7);
    g_assert_cmpfloat (last->height, >, first->height);
    g_assert_nonnull (found);
    g_assert_cmpint (found->group, ==, 7);
  }

  /* Stacked: one column per quarter, F1 at the bottom. */
  ld_chart_hits_clear (hits);
  data.stacked = TRUE;
  ld_chart_draw_bars (cr, 900, 500, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 8 * 4 - 1);
  {
    const LdChartHit *f1 = ld_chart_hits_get (hits, 0);
    const LdChartHit *f2 = ld_chart_hits_get (hits, 1);

    g_assert_cmpint (f1->form, ==, 1);
    g_assert_cmpint (f2->form, ==, 2);
    g_assert_cmpfloat (f2->y + f2->height, <=, f1->y + 1e-6);
    g_assert_cmpfloat (f1->x, ==, f2->x);
  }

  /* All zero: the empty text, no regions. */
  ld_chart_hits_clear (hits);
  memset (values, 0, sizeof values);
  ld_chart_draw_bars (cr, 900, 500, &data, hits);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 0);
  data.n_groups = 0;
  ld_chart_draw_bars (cr, 900, 500, &data, hits);
  g_assert_cmpuint (ld_chart_hits_get_n (hits), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_chart_pdf (void)
{
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *contents = NULL;
  static const char * const quarters[] = { "2025Q4", "2026Q1" };
  guint values[] = { 3, 1, 0, 0, 5, 1, 1, 0 };
  LdChartPyramid pyramid = {
    .counts = { 5, 1, 1, 0 },
    .shares = { 5.0 / 7, 1.0 / 7, 1.0 / 7, 0 },
    .has_base = TRUE,
  };
  LdChartBars bars = { .n_groups = 2, .group_labels = quarters, .values = values };
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize length = 0;

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  ld_chart_draw_pyramid (cr, 595, 400, &pyramid, NULL);
  cairo_translate (cr, 0, 420);
  ld_chart_draw_bars (cr, 595, 400, &bars, NULL);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_unlink (path);
  ld_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/four-forms/period/parse", test_period_parse);
  g_test_add_func ("/four-forms/period/arithmetic", test_period_arithmetic);
  g_test_add_func ("/four-forms/period/labels", test_period_labels);
  g_test_add_func ("/four-forms/formatting", test_formatting);
  g_test_add ("/four-forms/counts", Fixture, NULL, setup_dataset, test_counts, teardown);
  g_test_add ("/four-forms/breakdown", Fixture, NULL, setup_dataset, test_breakdown, teardown);
  g_test_add ("/four-forms/excluded", Fixture, NULL, setup_dataset, test_excluded, teardown);
  g_test_add ("/four-forms/scope", Fixture, NULL, setup_dataset, test_scope, teardown);
  g_test_add ("/four-forms/trend", Fixture, NULL, setup_dataset, test_trend, teardown);
  g_test_add ("/four-forms/drill", Fixture, NULL, setup_dataset, test_drill, teardown);
  g_test_add ("/four-forms/checks", Fixture, NULL, setup_dataset, test_checks, teardown);
  g_test_add ("/four-forms/checks-clean", Fixture, NULL, setup, test_checks_clean, teardown);
  g_test_add ("/four-forms/large", Fixture, NULL, setup, test_large, teardown);
  g_test_add_func ("/four-forms/chart/pyramid", test_chart_pyramid);
  g_test_add_func ("/four-forms/chart/bars", test_chart_bars);
  g_test_add_func ("/four-forms/chart/pdf", test_chart_pdf);

  status = g_test_run ();
  if (template_dir != NULL)
    ld_test_rmdir (template_dir);
  g_free (template_dir);
  return status;
}
