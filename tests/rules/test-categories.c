/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-categories.h"

static GDate *
make_date (int y,
           int m,
           int d)
{
  return g_date_new_dmy (d, m, y);
}

/* Completed years; the birthday counts as the new age; 29 February births
 * age on 1 March in other years; an unknown day is the 1st. */
static const struct
{
  int by, bm, bd;
  int ry, rm, rd;
  int age;
} age_cases[] = {
  { 1992, 3, 1, 2026, 3, 1, 34 },
  { 1992, 3, 1, 2026, 2, 28, 33 },
  { 1992, 3, 1, 2026, 3, 2, 34 },
  { 1992, 3, 2, 2026, 3, 1, 33 },
  { 1991, 12, 31, 2026, 12, 31, 35 },
  { 1991, 12, 31, 2026, 12, 30, 34 },
  { 1992, 1, 1, 2026, 12, 31, 34 },
  { 2026, 3, 1, 2026, 3, 1, 0 },
  { 2026, 3, 2, 2026, 3, 1, -1 },   /* born after the reference date */
  /* 29 February. */
  { 1992, 2, 29, 2027, 2, 28, 34 },
  { 1992, 2, 29, 2027, 3, 1, 35 },
  { 1992, 2, 29, 2028, 2, 28, 35 },
  { 1992, 2, 29, 2028, 2, 29, 36 },
  { 1992, 2, 29, 2028, 3, 1, 36 },
  /* Reference date on 29 February. */
  { 1990, 3, 1, 2024, 2, 29, 33 },
  { 1990, 2, 28, 2024, 2, 29, 34 },
  /* Unknown day: the 1st. */
  { 1991, 3, 0, 2026, 3, 1, 35 },
  { 1991, 3, 0, 2026, 2, 28, 34 },
  /* Unknown or impossible. */
  { 0, 0, 0, 2026, 3, 1, -1 },
  { 1991, 0, 0, 2026, 3, 1, -1 },
  { 1991, 13, 1, 2026, 3, 1, -1 },
  { 1991, 2, 29, 2026, 3, 1, -1 },
  { 1991, 4, 31, 2026, 3, 1, -1 },
  { 1991, 4, -1, 2026, 3, 1, -1 },
  { 100000, 1, 1, 2026, 3, 1, -1 },
};

static void
test_age (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (age_cases); i++)
    {
      g_autoptr(GDate) ref = make_date (age_cases[i].ry, age_cases[i].rm, age_cases[i].rd);

      g_test_message ("born %d-%d-%d, at %d-%d-%d", age_cases[i].by, age_cases[i].bm, age_cases[i].bd,
                      age_cases[i].ry, age_cases[i].rm, age_cases[i].rd);
      g_assert_cmpint (ld_age_at (age_cases[i].by, age_cases[i].bm, age_cases[i].bd, ref), ==,
                       age_cases[i].age);
    }
}

/* Young cadres with the default thresholds (35 乡科级, 40 县处级, 45 厅局级). */
static const struct
{
  const char *level;
  int         by, bm, bd;
  int         ry, rm, rd;
  gboolean    young;
} young_cases[] = {
  /* 乡科级, 35: the 35th birthday is still young, the 36th is not. */
  { "xiangke", 1991, 3, 1, 2026, 3, 1, TRUE },
  { "xiangke", 1990, 3, 1, 2026, 2, 28, TRUE },
  { "xiangke", 1990, 3, 1, 2026, 3, 1, FALSE },
  { "xiangke", 1990, 3, 2, 2026, 3, 1, TRUE },
  { "xiangke", 2000, 1, 1, 2026, 3, 1, TRUE },
  /* Birthday on 29 February, turning 36 on a leap day. */
  { "xiangke", 1992, 2, 29, 2028, 2, 28, TRUE },
  { "xiangke", 1992, 2, 29, 2028, 2, 29, FALSE },
  /* Unknown day: the 1st of the month. */
  { "xiangke", 1990, 3, 0, 2026, 2, 28, TRUE },
  { "xiangke", 1990, 3, 0, 2026, 3, 1, FALSE },
  /* Ladder codes give their level. */
  { "L09", 1991, 3, 1, 2026, 3, 1, TRUE },
  { "L10", 1990, 3, 1, 2026, 3, 1, FALSE },
  { "J08", 1991, 3, 1, 2026, 3, 1, TRUE },
  { "old-fuzhurenkeyuan", 1991, 3, 1, 2026, 3, 1, TRUE },
  /* 县处级, 40; 29 February turning 41 in an ordinary year (on 1 March). */
  { "xianchu", 1986, 3, 1, 2026, 3, 1, TRUE },
  { "xianchu", 1985, 3, 1, 2026, 3, 1, FALSE },
  { "xianchu", 1988, 2, 29, 2029, 2, 28, TRUE },
  { "xianchu", 1988, 2, 29, 2029, 3, 1, FALSE },
  { "L07", 1986, 3, 1, 2026, 3, 1, TRUE },
  { "J06", 1985, 3, 1, 2026, 3, 1, FALSE },
  { "old-fudiaoyanyuan", 1986, 3, 1, 2026, 3, 1, TRUE },
  /* 厅局级, 45. */
  { "tingju", 1981, 3, 1, 2026, 3, 1, TRUE },
  { "tingju", 1980, 3, 1, 2026, 3, 1, FALSE },
  { "tingju", 1980, 3, 2, 2026, 3, 1, TRUE },
  { "L05", 1981, 3, 1, 2026, 3, 1, TRUE },
  /* No default threshold above 厅局级 or without a level. */
  { "shengbu", 1996, 1, 1, 2026, 3, 1, FALSE },
  { "guojia", 1996, 1, 1, 2026, 3, 1, FALSE },
  { "J11", 1996, 1, 1, 2026, 3, 1, FALSE },
  { NULL, 1996, 1, 1, 2026, 3, 1, FALSE },
  { "no-such-level", 1996, 1, 1, 2026, 3, 1, FALSE },
  /* Unknown or impossible birth dates never count. */
  { "xiangke", 0, 0, 0, 2026, 3, 1, FALSE },
  { "xiangke", 1996, 0, 0, 2026, 3, 1, FALSE },
  { "xiangke", 1995, 2, 29, 2026, 3, 1, FALSE },
  { "xiangke", 2027, 1, 1, 2026, 3, 1, FALSE },
};

static void
test_young (void)
{
  g_auto(LdCategoryRules) rules = { 0 };

  ld_category_rules_init_defaults (&rules);
  for (guint i = 0; i < G_N_ELEMENTS (young_cases); i++)
    {
      g_autoptr(GDate) ref = make_date (young_cases[i].ry, young_cases[i].rm, young_cases[i].rd);
      g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
      LdCadreFacts facts = {
        .birth_year = young_cases[i].by,
        .birth_month = young_cases[i].bm,
        .birth_day = young_cases[i].bd,
        .rank_level = young_cases[i].level,
      };
      LdCategory got;

      g_test_message ("%s born %d-%d-%d, at %d-%d-%d", young_cases[i].level, young_cases[i].by,
                      young_cases[i].bm, young_cases[i].bd, young_cases[i].ry, young_cases[i].rm,
                      young_cases[i].rd);
      got = ld_categories_compute (&rules, &facts, ref, why);
      g_assert_cmpint (got, ==, young_cases[i].young ? LD_CATEGORY_YOUNG : LD_CATEGORY_NONE);
      g_assert_cmpuint (why->len, ==, young_cases[i].young ? 1 : 0);
      g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, got);
    }
}

/* Newly promoted: less than N months since the promotion. */
static const struct
{
  int      months;
  int      py, pm, pd;
  int      ry, rm, rd;
  gboolean newly;
} promoted_cases[] = {
  { 12, 2025, 3, 1, 2026, 2, 28, TRUE },
  { 12, 2025, 3, 1, 2026, 3, 1, FALSE },   /* exactly 12 months: the probation year is over */
  { 12, 2025, 3, 1, 2025, 3, 1, TRUE },    /* the day of the promotion */
  { 12, 2025, 3, 2, 2025, 3, 1, FALSE },   /* a promotion after the reference date */
  { 12, 2025, 3, 2, 2026, 3, 1, TRUE },
  { 12, 2025, 3, 2, 2026, 3, 2, FALSE },
  { 12, 2024, 12, 31, 2025, 12, 30, TRUE },
  { 12, 2024, 12, 31, 2025, 12, 31, FALSE },
  /* Promoted on 29 February: the year ends on 28 February. */
  { 12, 2024, 2, 29, 2025, 2, 27, TRUE },
  { 12, 2024, 2, 29, 2025, 2, 28, FALSE },
  /* 48 months from 29 February lands on 29 February again. */
  { 48, 2024, 2, 29, 2028, 2, 28, TRUE },
  { 48, 2024, 2, 29, 2028, 2, 29, FALSE },
  /* Promoted on the 31st, a 6-month window ends on the last day of February. */
  { 6, 2025, 8, 31, 2026, 2, 27, TRUE },
  { 6, 2025, 8, 31, 2026, 2, 28, FALSE },
  /* Unknown day: the 1st. */
  { 12, 2025, 3, 0, 2026, 2, 28, TRUE },
  { 12, 2025, 3, 0, 2026, 3, 1, FALSE },
  /* A longer window ("近三年新提拔"). */
  { 36, 2023, 3, 1, 2026, 2, 28, TRUE },
  { 36, 2023, 3, 1, 2026, 3, 1, FALSE },
  { 1, 2026, 2, 1, 2026, 2, 28, TRUE },
  { 1, 2026, 1, 31, 2026, 2, 28, FALSE },
  /* No or impossible promotion date. */
  { 12, 0, 0, 0, 2026, 3, 1, FALSE },
  { 12, 2025, 0, 0, 2026, 3, 1, FALSE },
  { 12, 2025, 2, 29, 2026, 1, 1, FALSE },
  { 12, 2025, 13, 1, 2026, 1, 1, FALSE },
};

static void
test_newly_promoted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (promoted_cases); i++)
    {
      g_auto(LdCategoryRules) rules = { 0 };
      g_autoptr(GDate) ref = make_date (promoted_cases[i].ry, promoted_cases[i].rm, promoted_cases[i].rd);
      g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *months = g_strdup_printf ("%d", promoted_cases[i].months);
      LdCadreFacts facts = {
        .promoted_year = promoted_cases[i].py,
        .promoted_month = promoted_cases[i].pm,
        .promoted_day = promoted_cases[i].pd,
      };

      ld_category_rules_init_defaults (&rules);
      g_assert_true (ld_category_rules_set (&rules, "newly-promoted-months", months, NULL));
      g_test_message ("%d months, promoted %d-%d-%d, at %d-%d-%d", promoted_cases[i].months,
                      promoted_cases[i].py, promoted_cases[i].pm, promoted_cases[i].pd,
                      promoted_cases[i].ry, promoted_cases[i].rm, promoted_cases[i].rd);
      g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==,
                       promoted_cases[i].newly ? LD_CATEGORY_NEWLY_PROMOTED : LD_CATEGORY_NONE);
      g_assert_cmpuint (why->len, ==, promoted_cases[i].newly ? 1 : 0);
    }
}

static void
test_key_position (void)
{
  static const char * const finance[] = { "finance", NULL };
  static const char * const two[] = { "personnel", "other-duty", "finance", "finance", NULL };
  static const char * const harmless[] = { "archives", "canteen", NULL };
  static const char * const none[] = { NULL };
  g_auto(LdCategoryRules) rules = { 0 };
  g_autoptr(GDate) ref = make_date (2026, 3, 1);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  LdCadreFacts facts = { 0 };

  ld_category_rules_init_defaults (&rules);

  facts.post_tags = finance;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==, LD_CATEGORY_KEY_POSITION);
  g_assert_cmpuint (why->len, ==, 1);
  g_assert_cmpstr (why->pdata[0], ==, "Key position: the post involves Finance and fund management (a high-risk "
                                      "post type)");

  g_ptr_array_set_size (why, 0);
  facts.post_tags = two;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==, LD_CATEGORY_KEY_POSITION);
  g_assert_cmpstr (why->pdata[0], ==, "Key position: the post involves Personnel and cadre selection, Finance "
                                      "and fund management (high-risk post types)");

  facts.post_tags = harmless;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);
  facts.post_tags = none;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);
  facts.post_tags = NULL;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);

  /* The high-risk list is editable: a custom tag counts, finance no more. */
  g_assert_true (ld_category_rules_set (&rules, "high-risk-post-tags", "canteen, procurement", NULL));
  facts.post_tags = harmless;
  g_ptr_array_set_size (why, 0);
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==, LD_CATEGORY_KEY_POSITION);
  /* A tag without a label shows its code. */
  g_assert_cmpstr (why->pdata[0], ==, "Key position: the post involves canteen (a high-risk post type)");
  facts.post_tags = finance;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);

  /* An empty list: nobody holds a key position. */
  g_assert_true (ld_category_rules_set (&rules, "high-risk-post-tags", "", NULL));
  facts.post_tags = two;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);
}

static void
test_all_together (void)
{
  static const char * const tags[] = { "construction", NULL };
  g_auto(LdCategoryRules) rules = { 0 };
  g_autoptr(GDate) ref = make_date (2026, 3, 1);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  LdCadreFacts facts = {
    .birth_year = 1992, .birth_month = 3, .birth_day = 1,
    .rank_level = "xiangke",
    .principal_post = TRUE,
    .promoted_year = 2025, .promoted_month = 9, .promoted_day = 1,
    .post_tags = tags,
  };
  LdCategory got;

  ld_category_rules_init_defaults (&rules);
  got = ld_categories_compute (&rules, &facts, ref, why);
  g_assert_cmpint (got, ==, LD_CATEGORY_ALL);
  g_assert_cmpuint (why->len, ==, 4);
  g_assert_cmpstr (why->pdata[0], ==, "Top leader: holds the principal post of a leadership team");
  g_assert_cmpstr (why->pdata[1], ==, "Young cadre: born 1992-03-01, age 34 ≤ 35 (threshold for township or "
                                      "section level)");
  g_assert_cmpstr (why->pdata[2], ==, "Newly promoted: promoted on 2025-09-01, less than 12 months before "
                                      "2026-03-01");
  g_assert_cmpstr (why->pdata[3], ==, "Key position: the post involves Construction and project management (a "
                                      "high-risk post type)");

  /* Partial dates are shown as they are known. */
  facts.birth_day = 0;
  facts.promoted_day = 0;
  g_ptr_array_set_size (why, 0);
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==, LD_CATEGORY_ALL);
  g_assert_cmpstr (why->pdata[1], ==, "Young cadre: born 1992-03, age 34 ≤ 35 (threshold for township or "
                                      "section level)");
  g_assert_cmpstr (why->pdata[2], ==, "Newly promoted: promoted on 2025-09, less than 12 months before "
                                      "2026-03-01");

  /* Explanations are appended, not replaced. */
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, why), ==, LD_CATEGORY_ALL);
  g_assert_cmpuint (why->len, ==, 8);

  /* A top leader only by the post flag. */
  facts = (LdCadreFacts) { .principal_post = TRUE };
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_TOP_LEADER);
  facts.principal_post = FALSE;
  g_assert_cmpint (ld_categories_compute (&rules, &facts, ref, NULL), ==, LD_CATEGORY_NONE);
}

static void
test_rules_defaults (void)
{
  static const struct
  {
    const char *key;
    const char *value;
    const char *unit;
  } defaults[] = {
    { "young-max-age-xiangke", "35", "years" },
    { "young-max-age-xianchu", "40", "years" },
    { "young-max-age-tingju", "45", "years" },
    { "young-max-age-shengbu", "0", "years" },
    { "young-max-age-guojia", "0", "years" },
    { "young-max-age-other", "0", "years" },
    { "newly-promoted-months", "12", "months" },
    { "high-risk-post-tags",
      "finance,procurement,construction,approval,enforcement,personnel,state-assets,special-funds", "post-tags" },
    { "young-max-age-xianchu-zheng", "0", "years" },
    { "young-max-age-tingju-zheng", "0", "years" },
  };
  const char * const *keys = ld_category_rules_keys ();
  g_auto(LdCategoryRules) rules = { 0 };
  guint n = 0;

  ld_category_rules_init_defaults (&rules);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANGKE], ==, 35);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANCHU], ==, 40);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_TINGJU], ==, 45);
  g_assert_cmpint (rules.newly_promoted_months, ==, 12);

  for (; keys[n] != NULL; n++)
    {
      g_autofree char *value = ld_category_rules_get (&rules, keys[n]);
      const LdRuleOrigin *origin = ld_category_rules_get_origin (&rules, keys[n]);

      g_assert_cmpstr (keys[n], ==, defaults[n].key);
      g_assert_cmpstr (value, ==, defaults[n].value);
      g_assert_cmpstr (ld_category_rule_key_get_unit (keys[n]), ==, defaults[n].unit);
      g_assert_nonnull (ld_category_rule_key_get_label (keys[n]));
      g_assert_nonnull (origin);
      g_assert_cmpstr (origin->source, !=, "");
      g_assert_false (g_date_valid (&origin->valid_from));
      g_assert_true (origin == &rules.origin[n]);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (defaults));
  g_assert_cmpuint (n, ==, LD_N_CATEGORY_RULES);

  g_assert_null (ld_category_rules_get (&rules, "nope"));
  g_assert_null (ld_category_rules_get_origin (&rules, "nope"));
  g_assert_null (ld_category_rule_key_get_label ("nope"));
  g_assert_null (ld_category_rule_key_get_unit (NULL));
}

static const struct
{
  const char *key;
  const char *value;
  const char *stored;  /* NULL: rejected */
} set_cases[] = {
  { "young-max-age-xiangke", "30", "30" },
  { "young-max-age-xiangke", "0", "0" },
  { "young-max-age-xiangke", "100", "100" },
  { "young-max-age-xiangke", "101", NULL },
  { "young-max-age-xiangke", "-1", NULL },
  { "young-max-age-xiangke", "35.5", NULL },
  { "young-max-age-xiangke", "", NULL },
  { "young-max-age-xiangke", NULL, NULL },
  { "newly-promoted-months", "1", "1" },
  { "newly-promoted-months", "36", "36" },
  { "newly-promoted-months", "120", "120" },
  { "newly-promoted-months", "0", NULL },
  { "newly-promoted-months", "121", NULL },
  { "newly-promoted-months", "twelve", NULL },
  { "high-risk-post-tags", "finance, procurement", "finance,procurement" },
  { "high-risk-post-tags", " finance ,, finance ", "finance" },
  { "high-risk-post-tags", "财务、招投标，工程建设", "finance,procurement,construction" },
  { "high-risk-post-tags", "Finance", "finance" },
  { "high-risk-post-tags", "canteen-2", "canteen-2" },
  { "high-risk-post-tags", "", "" },
  { "high-risk-post-tags", NULL, "" },
  { "high-risk-post-tags", "finance, bad tag", NULL },
  { "high-risk-post-tags", "-finance", NULL },
  { "high-risk-post-tags", "食堂", NULL },
  { "no-such-key", "1", NULL },
  { NULL, "1", NULL },
};

static void
test_rules_set (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (set_cases); i++)
    {
      g_auto(LdCategoryRules) rules = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ld_category_rules_init_defaults (&rules);
      g_test_message ("set %s = %s", set_cases[i].key, set_cases[i].value);
      ok = ld_category_rules_set (&rules, set_cases[i].key, set_cases[i].value, &error);
      if (set_cases[i].stored != NULL)
        {
          g_autofree char *got = ld_category_rules_get (&rules, set_cases[i].key);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (got, ==, set_cases[i].stored);
        }
      else
        {
          g_auto(LdCategoryRules) defaults = { 0 };

          g_assert_false (ok);
          g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
          g_test_message ("  → %s", error->message);
          /* Nothing changed. */
          ld_category_rules_init_defaults (&defaults);
          for (const char * const *k = ld_category_rules_keys (); *k; k++)
            {
              g_autofree char *a = ld_category_rules_get (&rules, *k);
              g_autofree char *b = ld_category_rules_get (&defaults, *k);
              g_assert_cmpstr (a, ==, b);
            }
        }
    }
}

typedef struct
{
  const char *value;
  const char *source;
  const char *valid_from;
} Row;

/* The latest row valid at the reference date wins, whatever the order. */
static void
test_rules_apply_rows (void)
{
  static const Row rows[] = {
    { "33", "Local rule 2019", "" },
    { "30", "Local rule 2024", "2024-01-01" },
    { "28", "Local rule 2027", "2027-01-01" },
    { "32", "Local rule 2020", "2020-06-30" },
  };
  /* Every order of the four rows. */
  static const int orders[][4] = {
    { 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 1, 0, 3, 2 }, { 2, 3, 0, 1 }, { 1, 2, 0, 3 }, { 3, 0, 2, 1 },
  };
  static const struct
  {
    int         ry, rm, rd;   /* 0: no reference date */
    const char *value;
    const char *source;
    const char *valid_from;
  } expect[] = {
    { 2026, 3, 1, "30", "Local rule 2024", "2024-01-01" },
    { 2024, 1, 1, "30", "Local rule 2024", "2024-01-01" },
    { 2023, 12, 31, "32", "Local rule 2020", "2020-06-30" },
    { 2020, 6, 29, "33", "Local rule 2019", NULL },
    { 2027, 1, 1, "28", "Local rule 2027", "2027-01-01" },
    { 0, 0, 0, "28", "Local rule 2027", "2027-01-01" },
  };

  for (guint e = 0; e < G_N_ELEMENTS (expect); e++)
    for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
      {
        g_auto(LdCategoryRules) rules = { 0 };
        g_autoptr(GDate) ref = expect[e].ry ? make_date (expect[e].ry, expect[e].rm, expect[e].rd) : NULL;
        g_autofree char *value = NULL;
        const LdRuleOrigin *origin;

        ld_category_rules_init_defaults (&rules);
        for (guint i = 0; i < 4; i++)
          {
            const Row *row = &rows[orders[o][i]];
            g_autoptr(GError) error = NULL;

            g_assert_true (ld_category_rules_apply_row (&rules, "young-max-age-xiangke", row->value, row->source,
                                                        row->valid_from, ref, &error));
            g_assert_no_error (error);
          }
        value = ld_category_rules_get (&rules, "young-max-age-xiangke");
        origin = ld_category_rules_get_origin (&rules, "young-max-age-xiangke");
        g_assert_cmpstr (value, ==, expect[e].value);
        g_assert_cmpstr (origin->source, ==, expect[e].source);
        if (expect[e].valid_from == NULL)
          g_assert_false (g_date_valid (&origin->valid_from));
        else
          {
            char text[16];
            g_date_strftime (text, sizeof text, "%Y-%m-%d", &origin->valid_from);
            g_assert_cmpstr (text, ==, expect[e].valid_from);
          }
        /* Other keys keep their defaults. */
        g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANCHU], ==, 40);
      }
}

static void
test_rules_apply_bad_rows (void)
{
  static const struct
  {
    const char *key;
    const char *value;
    const char *valid_from;
  } bad[] = {
    { "young-max-age-xiangke", "35", "2024/01/01" },
    { "young-max-age-xiangke", "35", "2023-02-29" },
    { "young-max-age-xiangke", "35", "24-01-01" },
    { "young-max-age-xiangke", "35", "2024-1-1" },
    { "young-max-age-xiangke", "35", "2024-01-01x" },
    { "young-max-age-xiangke", "abc", "2024-01-01" },
    /* A bad value is reported even when the row would be skipped. */
    { "young-max-age-xiangke", "abc", "2099-01-01" },
    { "newly-promoted-months", "0", NULL },
    { "high-risk-post-tags", "bad tag", NULL },
    { "unknown", "1", NULL },
  };
  g_autoptr(GDate) ref = make_date (2026, 3, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(LdCategoryRules) rules = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      ld_category_rules_init_defaults (&rules);
      g_test_message ("row %s = %s from %s", bad[i].key, bad[i].value, bad[i].valid_from);
      g_assert_false (ld_category_rules_apply_row (&rules, bad[i].key, bad[i].value, "x", bad[i].valid_from, ref,
                                                   &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      value = ld_category_rules_get (&rules, "young-max-age-xiangke");
      g_assert_cmpstr (value, ==, "35");
    }
}

static void
test_rules_copy (void)
{
  g_auto(LdCategoryRules) a = { 0 };
  g_auto(LdCategoryRules) b = { 0 };
  g_autofree char *tags = NULL;

  ld_category_rules_init_defaults (&a);
  g_assert_true (ld_category_rules_apply_row (&a, "high-risk-post-tags", "finance", "Decision 7", "2025-01-01",
                                              NULL, NULL));
  ld_category_rules_copy (&a, &b);
  ld_category_rules_clear (&a);
  g_assert_null (a.high_risk_tags);
  ld_category_rules_clear (&a);  /* twice is fine */

  tags = ld_category_rules_get (&b, "high-risk-post-tags");
  g_assert_cmpstr (tags, ==, "finance");
  g_assert_cmpstr (b.origin[LD_CATEGORY_RULE_HIGH_RISK_TAGS].source, ==, "Decision 7");
  g_assert_cmpint (b.young_max_age[LD_POST_LEVEL_TINGJU], ==, 45);
}

static void
test_category_names (void)
{
  static const struct
  {
    LdCategory  category;
    const char *code;
    const char *label;
  } names[] = {
    { LD_CATEGORY_TOP_LEADER, "top-leader", "Top leader" },
    { LD_CATEGORY_YOUNG, "young", "Young cadre" },
    { LD_CATEGORY_NEWLY_PROMOTED, "newly-promoted", "Newly promoted" },
    { LD_CATEGORY_KEY_POSITION, "key-position", "Key position" },
  };
  g_autofree char *all = ld_categories_format (LD_CATEGORY_ALL);
  g_autofree char *none = ld_categories_format (LD_CATEGORY_NONE);
  g_autofree char *two = ld_categories_format (LD_CATEGORY_KEY_POSITION | LD_CATEGORY_YOUNG);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (ld_category_to_string (names[i].category), ==, names[i].code);
      g_assert_cmpstr (ld_category_get_label (names[i].category), ==, names[i].label);
      g_assert_cmpint (ld_category_from_string (names[i].code), ==, names[i].category);
    }
  g_assert_null (ld_category_to_string (LD_CATEGORY_NONE));
  g_assert_null (ld_category_to_string (LD_CATEGORY_ALL));
  g_assert_null (ld_category_get_label (LD_CATEGORY_YOUNG | LD_CATEGORY_TOP_LEADER));
  g_assert_cmpint (ld_category_from_string ("old"), ==, LD_CATEGORY_NONE);
  g_assert_cmpint (ld_category_from_string (NULL), ==, LD_CATEGORY_NONE);
  g_assert_cmpstr (all, ==, "top-leader,young,newly-promoted,key-position");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (two, ==, "young,key-position");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/categories/age", test_age);
  g_test_add_func ("/rules/categories/young", test_young);
  g_test_add_func ("/rules/categories/newly-promoted", test_newly_promoted);
  g_test_add_func ("/rules/categories/key-position", test_key_position);
  g_test_add_func ("/rules/categories/all-together", test_all_together);
  g_test_add_func ("/rules/categories/names", test_category_names);
  g_test_add_func ("/rules/category-rules/defaults", test_rules_defaults);
  g_test_add_func ("/rules/category-rules/set", test_rules_set);
  g_test_add_func ("/rules/category-rules/apply-rows", test_rules_apply_rows);
  g_test_add_func ("/rules/category-rules/apply-bad-rows", test_rules_apply_bad_rows);
  g_test_add_func ("/rules/category-rules/copy", test_rules_copy);
  return g_test_run ();
}
