/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rules/ld-measure-tables.h"

/* --- The code table ------------------------------------------------------------------ */

/* Written out from DOMAIN.md §1.2 and §2.1–2.3, independently of the table:
 * code, form, category, sanction, disputed, effect kind, months, after,
 * no-leading months. */
static const struct
{
  const char        *code;
  int                form;
  LdMeasureCategory  category;
  gboolean           sanction;
  gboolean           disputed;
  LdEffectKind       effect;
  int                months;
  int                after;
  int                no_leading;
} expected_codes[] = {
  { "F1_CLOSE_TALKLETTER", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_CLOSE_F2F_VERIFY", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_REMIND_TALK", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_WARN_TALK", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_CRIT_EDU", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_STOP_ORDER", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_RETURN_GAINS", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_RECTIFY_DEADLINE", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_SELF_EXAM", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_DLM_CRITIQUE", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_PUBLIC_APOLOGY", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_CIRCULAR", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "F1_ADMONISH", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_MONTHS, 6, 0, 0 },
  { "F1_OTHER_EDU", 1, LD_MEASURE_CATEGORY_EDU, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "P1", 2, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0 },
  { "P2", 2, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_MONTHS, 18, 0, 0 },
  { "P3", 3, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0 },
  { "P4A", 3, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_PROBATION, 12, 24, 0 },
  { "P4B", 3, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_PROBATION, 24, 24, 0 },
  { "P5", 3, LD_MEASURE_CATEGORY_PARTY, TRUE, FALSE, LD_EFFECT_BAR, 0, 60, 0 },
  { "G1", 2, LD_MEASURE_CATEGORY_GOV, TRUE, FALSE, LD_EFFECT_MONTHS, 6, 0, 0 },
  { "G2", 2, LD_MEASURE_CATEGORY_GOV, TRUE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0 },
  { "G3", 2, LD_MEASURE_CATEGORY_GOV, TRUE, FALSE, LD_EFFECT_MONTHS, 18, 0, 0 },
  { "G4", 2, LD_MEASURE_CATEGORY_GOV, TRUE, TRUE, LD_EFFECT_MONTHS, 24, 0, 0 },
  { "G_PI_DOWNGRADE", 2, LD_MEASURE_CATEGORY_GOV, TRUE, TRUE, LD_EFFECT_MONTHS, 24, 0, 0 },
  { "G5", 3, LD_MEASURE_CATEGORY_GOV, TRUE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0 },
  { "G6", 3, LD_MEASURE_CATEGORY_GOV, TRUE, FALSE, LD_EFFECT_PERMANENT, 0, 0, 0 },
  { "O_SUSPEND", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_UNTIL_LIFTED, 0, 0, 0 },
  { "O_ADJUST", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0 },
  { "O_ORDER_RESIGN", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 12 },
  { "O_REMOVE", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 12 },
  { "O_DEMOTE", 3, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0 },
  { "O_RESIGN_BLAME", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_NONLEADING", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_EARLY_RETIRE", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_REDUCE_PENSION", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_REVOKE_HONOUR", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_REMOVE_CPPCC", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_END_NPC", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_CANCEL_PROBATIONARY", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_CANCEL_ELECTION", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_END_PARTY_DEPUTY", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_OTHER_ADJUST", 2, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "O_OTHER_MAJOR", 3, LD_MEASURE_CATEGORY_ORG, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "ACC_CIRCULAR", 1, LD_MEASURE_CATEGORY_ACCOUNT, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "ACC_CHECK", 1, LD_MEASURE_CATEGORY_ACCOUNT, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
  { "C_TRANSFER", 4, LD_MEASURE_CATEGORY_CRIMINAL, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0 },
};

static void
test_table_every_code (void)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (codes);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_codes));

  for (guint i = 0; i < G_N_ELEMENTS (expected_codes); i++)
    {
      const LdMeasureCode *c = ld_measure_code_find (expected_codes[i].code);

      g_test_message ("code %s", expected_codes[i].code);
      g_assert_nonnull (c);
      g_assert_cmpstr (c->code, ==, expected_codes[i].code);
      g_assert_cmpint (c->form, ==, expected_codes[i].form);
      g_assert_cmpint (c->category, ==, expected_codes[i].category);
      g_assert_cmpint (c->is_sanction, ==, expected_codes[i].sanction);
      g_assert_cmpint (c->disputed, ==, expected_codes[i].disputed);
      g_assert_cmpint (c->effect, ==, expected_codes[i].effect);
      g_assert_cmpint (c->months, ==, expected_codes[i].months);
      g_assert_cmpint (c->after_months, ==, expected_codes[i].after);
      g_assert_cmpint (c->no_leading_months, ==, expected_codes[i].no_leading);
      /* A name, a translated label, a Chinese citation and a Chinese name. */
      g_assert_nonnull (c->name);
      g_assert_cmpstr (ld_measure_code_get_label (c), !=, "");
      g_assert_true (g_str_has_prefix (c->source, "《"));
      g_assert_nonnull (c->aliases);
      g_assert_cmpuint ((guchar) c->aliases[0], >=, 0x80);
      /* Every code is found again through its own name and first alias. */
      g_assert_true (ld_measure_code_lookup (c->name, LD_N_MEASURE_CATEGORIES) == c);
      g_assert_true (ld_measure_code_lookup (c->code, LD_N_MEASURE_CATEGORIES) == c);
      g_assert_false (g_hash_table_contains (seen, c->code));
      g_hash_table_add (seen, (gpointer) c->code);
    }

  /* The table's display order keeps the categories together. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (codes[i - 1].category, <=, codes[i].category);
}

/* The four forms as the CCDI indicator system counts them: 14 form-one
 * measures, 2 + 4 light sanctions and 15 organisational adjustments in form
 * two, 3 + 2 heavy sanctions and the major post adjustments in form three. */
static void
test_table_form_counts (void)
{
  guint n = 0;
  const LdMeasureCode *codes = ld_measure_codes (&n);
  guint edu = 0, f2_party = 0, f2_gov = 0, f2_org = 0, f3_party = 0, f3_gov = 0, f3_org = 0, f4 = 0;

  for (guint i = 0; i < n; i++)
    {
      const LdMeasureCode *c = &codes[i];

      if (c->category == LD_MEASURE_CATEGORY_EDU)
        {
          g_assert_cmpint (c->form, ==, 1);
          edu++;
        }
      else if (c->form == 2 && c->category == LD_MEASURE_CATEGORY_PARTY)
        f2_party++;
      else if (c->form == 2 && c->category == LD_MEASURE_CATEGORY_GOV && g_str_has_prefix (c->code, "G")
               && strlen (c->code) == 2)
        f2_gov++;
      else if (c->form == 2 && c->category == LD_MEASURE_CATEGORY_ORG)
        f2_org++;
      else if (c->form == 3 && c->category == LD_MEASURE_CATEGORY_PARTY)
        f3_party++;
      else if (c->form == 3 && c->category == LD_MEASURE_CATEGORY_GOV)
        f3_gov++;
      else if (c->form == 3 && c->category == LD_MEASURE_CATEGORY_ORG)
        f3_org++;
      else if (c->form == 4)
        f4++;
    }
  g_assert_cmpuint (edu, ==, 14);
  g_assert_cmpuint (f2_party, ==, 2);
  g_assert_cmpuint (f2_gov, ==, 4);
  g_assert_cmpuint (f2_org, ==, 15);
  /* P3, P4A, P4B, P5 (留党察看 is one indicator, kept as two codes). */
  g_assert_cmpuint (f3_party, ==, 4);
  g_assert_cmpuint (f3_gov, ==, 2);
  g_assert_cmpuint (f3_org, ==, 2);
  g_assert_cmpuint (f4, ==, 1);
}

static void
test_table_unknown (void)
{
  g_assert_null (ld_measure_code_find (NULL));
  g_assert_null (ld_measure_code_find (""));
  g_assert_null (ld_measure_code_find ("P6"));
  g_assert_null (ld_measure_code_find ("p1"));
  g_assert_null (ld_measure_code_lookup (NULL, LD_N_MEASURE_CATEGORIES));
  g_assert_null (ld_measure_code_lookup ("", LD_N_MEASURE_CATEGORIES));
  g_assert_null (ld_measure_code_lookup ("双开", LD_N_MEASURE_CATEGORIES));
  g_assert_null (ld_measure_code_lookup ("双开", LD_MEASURE_CATEGORY_PARTY));
  g_assert_null (ld_measure_code_lookup ("罚款", LD_MEASURE_CATEGORY_GOV));
  g_assert_null (ld_measure_code_lookup ("\xff\xfe", LD_N_MEASURE_CATEGORIES));
}

static const struct
{
  const char        *text;
  LdMeasureCategory  hint;
  const char        *code;  /* NULL: no match */
} lookups[] = {
  /* 警告 alone names two sanctions: only the hint decides. */
  { "警告", LD_N_MEASURE_CATEGORIES, NULL },
  { "警告", LD_MEASURE_CATEGORY_PARTY, "P1" },
  { "警告", LD_MEASURE_CATEGORY_GOV, "G1" },
  { " 警告 ", LD_MEASURE_CATEGORY_GOV, "G1" },
  { "警告", LD_MEASURE_CATEGORY_ORG, NULL },
  { "警告处分", LD_MEASURE_CATEGORY_PARTY, "P1" },
  { "警告处分", LD_N_MEASURE_CATEGORIES, NULL },
  { "党内警告", LD_N_MEASURE_CATEGORIES, "P1" },
  { "党内警告", LD_MEASURE_CATEGORY_GOV, "P1" },
  { "政务警告", LD_N_MEASURE_CATEGORIES, "G1" },
  { "行政警告", LD_N_MEASURE_CATEGORIES, "G1" },
  { "政务警告", LD_MEASURE_CATEGORY_PARTY, "G1" },
  { "严重警告", LD_N_MEASURE_CATEGORIES, "P2" },
  { "撤销党内职务", LD_N_MEASURE_CATEGORIES, "P3" },
  { "留党察看一年", LD_N_MEASURE_CATEGORIES, "P4A" },
  { "留党察看1年", LD_N_MEASURE_CATEGORIES, "P4A" },
  { "留党察看（一年）", LD_N_MEASURE_CATEGORIES, "P4A" },
  { "留党察看二年", LD_N_MEASURE_CATEGORIES, "P4B" },
  { "留党察看两年", LD_N_MEASURE_CATEGORIES, "P4B" },
  { "留党察看", LD_MEASURE_CATEGORY_PARTY, NULL },
  { "开除党籍", LD_N_MEASURE_CATEGORIES, "P5" },
  { "记过", LD_N_MEASURE_CATEGORIES, "G2" },
  { "记大过", LD_N_MEASURE_CATEGORIES, "G3" },
  { "降级", LD_N_MEASURE_CATEGORIES, "G4" },
  { "降低岗位等级", LD_N_MEASURE_CATEGORIES, "G_PI_DOWNGRADE" },
  { "撤职", LD_N_MEASURE_CATEGORIES, "G5" },
  { "开除", LD_N_MEASURE_CATEGORIES, "G6" },
  { "开除公职", LD_N_MEASURE_CATEGORIES, "G6" },
  { "诫勉", LD_N_MEASURE_CATEGORIES, "F1_ADMONISH" },
  { "诫勉谈话", LD_N_MEASURE_CATEGORIES, "F1_ADMONISH" },
  { "书面诫勉", LD_N_MEASURE_CATEGORIES, "F1_ADMONISH" },
  { "提醒谈话", LD_N_MEASURE_CATEGORIES, "F1_REMIND_TALK" },
  { "谈话提醒", LD_N_MEASURE_CATEGORIES, "F1_REMIND_TALK" },
  { "谈话函询了结", LD_N_MEASURE_CATEGORIES, "F1_CLOSE_TALKLETTER" },
  { "“面对面”初步核实了结", LD_N_MEASURE_CATEGORIES, "F1_CLOSE_F2F_VERIFY" },
  { "\"面对面\"初步核实了结", LD_N_MEASURE_CATEGORIES, "F1_CLOSE_F2F_VERIFY" },
  { "通报批评", LD_N_MEASURE_CATEGORIES, "F1_CIRCULAR" },
  { "通报", LD_N_MEASURE_CATEGORIES, "F1_CIRCULAR" },
  { "通报", LD_MEASURE_CATEGORY_ACCOUNT, "ACC_CIRCULAR" },
  { "责令检查", LD_N_MEASURE_CATEGORIES, "F1_SELF_EXAM" },
  { "责令检查", LD_MEASURE_CATEGORY_ACCOUNT, "ACC_CHECK" },
  { "问责通报", LD_N_MEASURE_CATEGORIES, "ACC_CIRCULAR" },
  { "停职检查", LD_N_MEASURE_CATEGORIES, "O_SUSPEND" },
  { "调整职务", LD_N_MEASURE_CATEGORIES, "O_ADJUST" },
  { "责令辞职", LD_N_MEASURE_CATEGORIES, "O_ORDER_RESIGN" },
  { "免职", LD_N_MEASURE_CATEGORIES, "O_REMOVE" },
  { "降职", LD_N_MEASURE_CATEGORIES, "O_DEMOTE" },
  { "引咎辞职", LD_N_MEASURE_CATEGORIES, "O_RESIGN_BLAME" },
  { "移送司法机关", LD_N_MEASURE_CATEGORIES, "C_TRANSFER" },
  { "移送审查起诉", LD_N_MEASURE_CATEGORIES, "C_TRANSFER" },
  /* Codes in any case, English labels, full-width letters. */
  { "p4a", LD_N_MEASURE_CATEGORIES, "P4A" },
  { "Ｇ６", LD_N_MEASURE_CATEGORIES, "G6" },
  { "Warning (Party)", LD_N_MEASURE_CATEGORIES, "P1" },
  { "warning (government)", LD_N_MEASURE_CATEGORIES, "G1" },
  { "Admonishment", LD_N_MEASURE_CATEGORIES, "F1_ADMONISH" },
};

static void
test_table_lookup (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      const LdMeasureCode *c = ld_measure_code_lookup (lookups[i].text, lookups[i].hint);

      g_test_message ("lookup “%s” hint %d", lookups[i].text, lookups[i].hint);
      g_assert_cmpstr (c ? c->code : NULL, ==, lookups[i].code);
    }
}

static void
test_table_categories (void)
{
  static const char * const strings[] = { "edu", "party", "gov", "org", "account", "criminal" };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_assert_cmpstr (ld_measure_category_to_string ((LdMeasureCategory) i), ==, strings[i]);
      g_assert_cmpint (ld_measure_category_from_string (strings[i]), ==, i);
      g_assert_nonnull (ld_measure_category_get_label ((LdMeasureCategory) i));
    }
  g_assert_cmpuint (G_N_ELEMENTS (strings), ==, LD_N_MEASURE_CATEGORIES);
  g_assert_cmpint (ld_measure_category_from_string ("sanction"), ==, LD_N_MEASURE_CATEGORIES);
  g_assert_cmpint (ld_measure_category_from_string (NULL), ==, LD_N_MEASURE_CATEGORIES);
  g_assert_null (ld_measure_category_to_string (LD_N_MEASURE_CATEGORIES));
  g_assert_null (ld_measure_category_get_label (LD_N_MEASURE_CATEGORIES));
}

static void
test_table_statuses_events (void)
{
  static const char * const strings[] = { "in-force", "lifted", "changed", "revoked" };
  const char * const *kinds = ld_measure_event_kinds ();
  static const char * const expected_kinds[] = {
    "lift", "extend", "appeal-upheld", "appeal-changed", "appeal-revoked", "note", NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_assert_cmpstr (ld_measure_status_to_string ((LdMeasureStatus) i), ==, strings[i]);
      g_assert_cmpint (ld_measure_status_from_string (strings[i]), ==, i);
      g_assert_nonnull (ld_measure_status_get_label ((LdMeasureStatus) i));
    }
  g_assert_cmpint (ld_measure_status_from_string ("expired"), ==, LD_N_MEASURE_STATUSES);
  g_assert_null (ld_measure_status_to_string (LD_N_MEASURE_STATUSES));

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, g_strv_length ((char **) expected_kinds));
  for (guint i = 0; expected_kinds[i] != NULL; i++)
    {
      g_assert_cmpstr (kinds[i], ==, expected_kinds[i]);
      g_assert_nonnull (ld_measure_event_get_label (kinds[i]));
    }
  g_assert_null (ld_measure_event_get_label ("appeal"));
  g_assert_null (ld_measure_event_get_label (NULL));
}

static void
test_table_forms (void)
{
  static const char * const strings[] = { "F1", "F2", "F3", "F4" };

  for (int form = 1; form <= 4; form++)
    {
      char digit[2] = { (char) ('0' + form), '\0' };
      g_autofree char *lower = g_ascii_strdown (strings[form - 1], -1);

      g_assert_cmpstr (ld_form_to_string (form), ==, strings[form - 1]);
      g_assert_cmpint (ld_form_from_string (strings[form - 1]), ==, form);
      g_assert_cmpint (ld_form_from_string (lower), ==, form);
      g_assert_cmpint (ld_form_from_string (digit), ==, form);
      g_assert_cmpint (ld_form_from_string (ld_form_get_label (form)), ==, form);
      g_assert_nonnull (ld_form_get_formula (form, FALSE));
      /* Only form four changed its wording. */
      if (form < 4)
        g_assert_cmpstr (ld_form_get_formula (form, TRUE), ==, ld_form_get_formula (form, FALSE));
    }
  g_assert_cmpint (ld_form_from_string ("第一种形态"), ==, 1);
  g_assert_cmpint (ld_form_from_string ("第四种形态"), ==, 4);
  g_assert_cmpint (ld_form_from_string ("F5"), ==, 0);
  g_assert_cmpint (ld_form_from_string ("0"), ==, 0);
  g_assert_cmpint (ld_form_from_string (""), ==, 0);
  g_assert_cmpint (ld_form_from_string (NULL), ==, 0);
  g_assert_null (ld_form_to_string (0));
  g_assert_null (ld_form_to_string (5));
  g_assert_null (ld_form_get_label (5));
  g_assert_null (ld_form_get_formula (0, FALSE));

  /* Form four: the current wording (criminal liability) and the original
   * (placed on file for review). */
  g_assert_cmpstr (ld_form_get_formula (4, FALSE), !=, ld_form_get_formula (4, TRUE));
  g_assert_nonnull (strstr (ld_form_get_formula (4, FALSE), "criminal liability"));
  g_assert_null (strstr (ld_form_get_formula (4, FALSE), "placed on file"));
  g_assert_nonnull (strstr (ld_form_get_formula (4, TRUE), "placed on file for review"));
  g_assert_nonnull (strstr (ld_form_get_formula (2, FALSE), "majority"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measure-rules/table/every-code", test_table_every_code);
  g_test_add_func ("/measure-rules/table/form-counts", test_table_form_counts);
  g_test_add_func ("/measure-rules/table/unknown", test_table_unknown);
  g_test_add_func ("/measure-rules/table/lookup", test_table_lookup);
  g_test_add_func ("/measure-rules/table/categories", test_table_categories);
  g_test_add_func ("/measure-rules/table/statuses-events", test_table_statuses_events);
  g_test_add_func ("/measure-rules/table/forms", test_table_forms);

  return g_test_run ();
}
