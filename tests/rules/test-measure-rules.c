/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "rules/ld-effect-periods.h"
#include "rules/ld-measure-tables.h"

/* --- Helpers ------------------------------------------------------------------------ */

static GDate
day (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso == NULL)
    return date;
  g_assert_cmpuint (strlen (iso), ==, 10);
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10), (GDateYear) g_ascii_strtoull (iso, NULL, 10));
  g_assert_true (g_date_valid (&date));
  return date;
}

/* A date as YYYY-MM-DD, or NULL when invalid. */
static char *
iso (const GDate *date)
{
  if (!g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *got = iso (date);

  g_assert_cmpstr (got, ==, expected);
}

static LdMeasureFacts
facts (gint64           id,
       const char      *code,
       const char      *reg_no,
       const char      *effective,
       int              extension,
       LdMeasureStatus  status,
       const char      *status_date)
{
  LdMeasureFacts m = { 0 };

  m.id = id;
  m.code = code;
  m.reg_no = reg_no;
  m.effective = day (effective);
  m.extension_months = extension;
  m.status = status;
  m.status_date = day (status_date);
  return m;
}

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

/* --- Effect periods of one measure ---------------------------------------------------- */

#define IN_FORCE LD_MEASURE_IN_FORCE, NULL

typedef struct
{
  const char      *what;
  const char      *code;
  const char      *effective;
  int              extension;
  LdMeasureStatus  status;
  const char      *status_date;
  /* expected */
  gboolean         has_period;
  gboolean         permanent;
  gboolean         open_ended;
  const char      *end;           /* NULL: invalid */
  const char      *probation_end;
  const char      *rejoin_end;
  const char      *leading_end;
  const char      *end_text;
} PeriodCase;

static const PeriodCase period_cases[] = {
  /* The months of every code with a period, from DOMAIN.md §2. */
  { "诫勉 6 months", "F1_ADMONISH", "2026-03-10", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2026-09-10", NULL, NULL, NULL, "2026-09-10" },
  { "警告 (Party) 12 months", "P1", "2026-03-10", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-03-10", NULL, NULL, NULL, "2027-03-10" },
  { "严重警告 18 months", "P2", "2026-01-15", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-07-15", NULL, NULL, NULL, "2027-07-15" },
  { "撤销党内职务 24 months", "P3", "2026-05-15", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-05-15", NULL, NULL, NULL, "2028-05-15" },
  { "警告 (government) 6 months", "G1", "2026-03-10", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2026-09-10", NULL, NULL, NULL, "2026-09-10" },
  { "记过 12 months", "G2", "2026-03-10", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-03-10", NULL, NULL, NULL, "2027-03-10" },
  { "记大过 18 months", "G3", "2026-06-30", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-12-30", NULL, NULL, NULL, "2027-12-30" },
  { "降级 24 months", "G4", "2026-06-30", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-06-30", NULL, NULL, NULL, "2028-06-30" },
  { "降低岗位等级 24 months", "G_PI_DOWNGRADE", "2026-04-02", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-04-02", NULL, NULL, NULL, "2028-04-02" },
  { "撤职 24 months", "G5", "2026-04-02", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-04-02", NULL, NULL, NULL, "2028-04-02" },
  { "调整职务 12 months", "O_ADJUST", "2026-04-02", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-04-02", NULL, NULL, NULL, "2027-04-02" },
  { "责令辞职 24 months, no leading post 12", "O_ORDER_RESIGN", "2026-04-02", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-04-02", NULL, NULL, "2027-04-02", "2028-04-02" },
  { "免职 24 months, no leading post 12", "O_REMOVE", "2025-12-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-12-31", NULL, NULL, "2026-12-31", "2027-12-31" },
  { "降职 24 months", "O_DEMOTE", "2026-04-02", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-04-02", NULL, NULL, NULL, "2028-04-02" },

  /* 留党察看: probation (+ extension) + 24 months. */
  { "留党察看一年", "P4A", "2026-03-14", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2029-03-14", "2027-03-14", NULL, NULL, "2029-03-14" },
  { "留党察看二年", "P4B", "2026-03-14", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2030-03-14", "2028-03-14", NULL, NULL, "2030-03-14" },
  { "留党察看一年 extended by a year", "P4A", "2026-03-14", 12, IN_FORCE,
    TRUE, FALSE, FALSE, "2030-03-14", "2028-03-14", NULL, NULL, "2030-03-14" },
  { "留党察看一年 extended by 6 months", "P4A", "2026-03-14", 6, IN_FORCE,
    TRUE, FALSE, FALSE, "2029-09-14", "2027-09-14", NULL, NULL, "2029-09-14" },
  { "留党察看一年 extension capped at 12 months", "P4A", "2026-03-14", 18, IN_FORCE,
    TRUE, FALSE, FALSE, "2030-03-14", "2028-03-14", NULL, NULL, "2030-03-14" },
  { "留党察看二年 cannot be extended", "P4B", "2026-03-14", 12, IN_FORCE,
    TRUE, FALSE, FALSE, "2030-03-14", "2028-03-14", NULL, NULL, "2030-03-14" },
  { "留党察看一年, negative extension ignored", "P4A", "2026-03-14", -3, IN_FORCE,
    TRUE, FALSE, FALSE, "2029-03-14", "2027-03-14", NULL, NULL, "2029-03-14" },

  /* 开除党籍: 5-year rejoin bar, permanent for promotion; 开除: permanent. */
  { "开除党籍", "P5", "2026-04-01", 0, IN_FORCE,
    TRUE, TRUE, FALSE, NULL, NULL, "2031-04-01", NULL, "9999-12-31" },
  { "开除党籍 approved on 29 February", "P5", "2024-02-29", 0, IN_FORCE,
    TRUE, TRUE, FALSE, NULL, NULL, "2029-02-28", NULL, "9999-12-31" },
  { "开除", "G6", "2026-04-01", 0, IN_FORCE,
    TRUE, TRUE, FALSE, NULL, NULL, NULL, NULL, "9999-12-31" },

  /* 停职检查: open until lifted. */
  { "停职检查 in force", "O_SUSPEND", "2026-01-31", 0, IN_FORCE,
    TRUE, FALSE, TRUE, NULL, NULL, NULL, NULL, "9999-12-31" },
  { "停职检查 lifted", "O_SUSPEND", "2026-01-31", 0, LD_MEASURE_LIFTED, "2026-03-03",
    TRUE, FALSE, FALSE, "2026-03-03", NULL, NULL, NULL, "2026-03-03" },

  /* Month ends: the day is clamped to the shorter month. */
  { "approved 31 August + 6 months", "F1_ADMONISH", "2026-08-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-02-28", NULL, NULL, NULL, "2027-02-28" },
  { "government 31 August + 6 months", "G1", "2026-08-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-02-28", NULL, NULL, NULL, "2027-02-28" },
  { "29 February + 12 months", "P1", "2024-02-29", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2025-02-28", NULL, NULL, NULL, "2025-02-28" },
  { "29 February + 24 months", "G5", "2024-02-29", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2026-02-28", NULL, NULL, NULL, "2026-02-28" },
  /* The 24 months run from the day rights are restored (28 February). */
  { "留党察看二年 approved on 29 February", "P4B", "2024-02-29", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-02-28", "2026-02-28", NULL, NULL, "2028-02-28" },
  { "31 January + 18 months", "P2", "2026-01-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2027-07-31", NULL, NULL, NULL, "2027-07-31" },
  { "31 January, probation extended by 1 month", "P4A", "2026-01-31", 1, IN_FORCE,
    TRUE, FALSE, FALSE, "2029-02-28", "2027-02-28", NULL, NULL, "2029-02-28" },
  { "31 January + 12, no leading post", "O_ORDER_RESIGN", "2026-01-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2028-01-31", NULL, NULL, "2027-01-31", "2028-01-31" },
  { "31 March + 6 months", "G1", "2026-03-31", 0, IN_FORCE,
    TRUE, FALSE, FALSE, "2026-09-30", NULL, NULL, NULL, "2026-09-30" },

  /* Lifting ends early, never late; it cannot undo an expulsion. */
  { "警告 lifted early", "P1", "2026-03-10", 0, LD_MEASURE_LIFTED, "2026-09-01",
    TRUE, FALSE, FALSE, "2026-09-01", NULL, NULL, NULL, "2026-09-01" },
  { "警告 lifted after its end", "P1", "2026-03-10", 0, LD_MEASURE_LIFTED, "2027-06-01",
    TRUE, FALSE, FALSE, "2027-03-10", NULL, NULL, NULL, "2027-03-10" },
  { "lifted before it took effect", "P1", "2026-03-10", 0, LD_MEASURE_LIFTED, "2026-03-01",
    TRUE, FALSE, FALSE, "2026-03-10", NULL, NULL, NULL, "2026-03-10" },
  { "免职 lifted inside the no-leading year", "O_REMOVE", "2026-01-31", 0, LD_MEASURE_LIFTED, "2026-06-01",
    TRUE, FALSE, FALSE, "2026-06-01", NULL, NULL, "2026-06-01", "2026-06-01" },
  { "lifted without a date runs its course", "G2", "2026-03-10", 0, LD_MEASURE_LIFTED, NULL,
    TRUE, FALSE, FALSE, "2027-03-10", NULL, NULL, NULL, "2027-03-10" },
  { "开除 cannot be lifted", "G6", "2026-04-01", 0, LD_MEASURE_LIFTED, "2026-09-01",
    TRUE, TRUE, FALSE, NULL, NULL, NULL, NULL, "9999-12-31" },

  /* Appeals: revoked → no period; changed → ends on the status date. */
  { "记过 revoked on appeal", "G2", "2026-03-10", 0, LD_MEASURE_REVOKED, "2026-05-01",
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
  { "开除党籍 revoked on appeal", "P5", "2026-03-10", 0, LD_MEASURE_REVOKED, "2026-05-01",
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
  { "严重警告 changed on appeal", "P2", "2026-01-10", 0, LD_MEASURE_CHANGED, "2026-06-01",
    TRUE, FALSE, FALSE, "2026-06-01", NULL, NULL, NULL, "2026-06-01" },
  { "留党察看 changed during probation", "P4A", "2026-03-14", 0, LD_MEASURE_CHANGED, "2026-09-14",
    TRUE, FALSE, FALSE, "2026-09-14", "2026-09-14", NULL, NULL, "2026-09-14" },
  { "开除 changed on appeal", "G6", "2026-04-01", 0, LD_MEASURE_CHANGED, "2026-09-01",
    TRUE, FALSE, FALSE, "2026-09-01", NULL, NULL, NULL, "2026-09-01" },
  { "开除党籍 changed on appeal", "P5", "2026-04-01", 0, LD_MEASURE_CHANGED, "2026-09-01",
    TRUE, FALSE, FALSE, "2026-09-01", NULL, "2026-09-01", NULL, "2026-09-01" },

  /* Codes without a period. */
  { "批评教育", "F1_CRIT_EDU", "2026-03-10", 0, IN_FORCE,
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
  { "引咎辞职", "O_RESIGN_BLAME", "2026-03-10", 0, IN_FORCE,
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
  { "问责通报", "ACC_CIRCULAR", "2026-03-10", 0, IN_FORCE,
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
  { "移送司法机关", "C_TRANSFER", "2026-03-10", 0, IN_FORCE,
    FALSE, FALSE, FALSE, NULL, NULL, NULL, NULL, "" },
};

static void
test_period_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      LdMeasureFacts m = facts (i + 1, c->code, NULL, c->effective, c->extension, c->status, c->status_date);
      LdEffectPeriod p;
      g_autofree char *text = NULL;

      g_test_message ("case %u: %s", i, c->what);
      memset (&p, 0xAA, sizeof p);
      g_assert_true (ld_effect_period_compute (&m, &p));
      g_assert_cmpint (p.has_period, ==, c->has_period);
      g_assert_cmpint (p.permanent, ==, c->permanent);
      g_assert_cmpint (p.open_ended, ==, c->open_ended);
      assert_date (&p.end, c->end);
      assert_date (&p.probation_end, c->probation_end);
      assert_date (&p.rejoin_end, c->rejoin_end);
      assert_date (&p.leading_end, c->leading_end);
      text = ld_effect_period_end_text (&p);
      g_assert_cmpstr (text, ==, c->end_text);
    }
}

/* Every code of the table with months has them as a calendar period. */
static void
test_period_every_code (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_codes); i++)
    {
      LdMeasureFacts m = facts (1, expected_codes[i].code, NULL, "2026-01-15", 0, IN_FORCE);
      LdEffectPeriod p;
      GDate end = day ("2026-01-15");

      g_test_message ("code %s", expected_codes[i].code);
      g_assert_true (ld_effect_period_compute (&m, &p));
      g_assert_cmpint (p.has_period, ==, expected_codes[i].effect != LD_EFFECT_NONE);
      if (expected_codes[i].effect == LD_EFFECT_MONTHS)
        {
          g_date_add_months (&end, (guint) expected_codes[i].months);
          g_assert_cmpint (g_date_compare (&p.end, &end), ==, 0);
        }
      else if (expected_codes[i].effect == LD_EFFECT_PROBATION)
        {
          g_date_add_months (&end, (guint) (expected_codes[i].months + 24));
          g_assert_cmpint (g_date_compare (&p.end, &end), ==, 0);
        }
      else
        g_assert_false (g_date_valid (&p.end));
    }
}

static void
test_period_invalid (void)
{
  LdMeasureFacts m = facts (1, "P9", NULL, "2026-01-15", 0, IN_FORCE);
  LdEffectPeriod p;
  LdEffectPeriod untouched;

  memset (&p, 0x5A, sizeof p);
  untouched = p;
  g_assert_false (ld_effect_period_compute (&m, &p));
  g_assert_cmpmem (&p, sizeof p, &untouched, sizeof untouched);

  m = facts (1, NULL, NULL, "2026-01-15", 0, IN_FORCE);
  g_assert_false (ld_effect_period_compute (&m, &p));

  m = facts (1, "P1", NULL, NULL, 0, IN_FORCE);
  g_assert_false (ld_effect_period_compute (&m, &p));
  g_assert_cmpmem (&p, sizeof p, &untouched, sizeof untouched);
}

/* --- All of a cadre's measures: government accumulation ----------------------------- */

typedef struct
{
  const char *code;
  const char *effective;
  LdMeasureStatus status;
  const char *status_date;
  const char *end;        /* expected after the accumulation rule */
} AccItem;

typedef struct
{
  const char *what;
  AccItem     items[4];
} AccCase;

static const AccCase accumulation_cases[] = {
  /* 记过 runs until 2026-01-01; a 警告 on 2025-07-01 adds the six months
   * left: 6 + 6 months, not 184 days + 6 months. */
  { "remaining time added",
    { { "G2", "2025-01-01", IN_FORCE, "2026-01-01" },
      { "G1", "2025-07-01", IN_FORCE, "2026-07-01" } } },
  /* Regression: 记过 2025-12-01 (to 2026-12-01), 警告 2026-06-01: six
   * months left + six months = 2027-06-01, not 2027-06-02 (183 days). */
  { "remaining months in calendar months",
    { { "G2", "2025-12-01", IN_FORCE, "2026-12-01" },
      { "G1", "2026-06-01", IN_FORCE, "2027-06-01" } } },
  /* Month ends: 记过 2025-08-31 (to 2026-08-31), 警告 2026-02-28: the
   * running end + 6 months, clamped to 2027-02-28. */
  { "remaining months at a month end",
    { { "G2", "2025-08-31", IN_FORCE, "2026-08-31" },
      { "G1", "2026-02-28", IN_FORCE, "2027-02-28" } } },
  /* The order in the array does not matter. */
  { "order of the array",
    { { "G1", "2025-07-01", IN_FORCE, "2026-07-01" },
      { "G2", "2025-01-01", IN_FORCE, "2026-01-01" } } },
  /* A Party sanction running is not a government one. */
  { "Party sanction does not accumulate",
    { { "P2", "2025-01-01", IN_FORCE, "2026-07-01" },
      { "G1", "2025-07-01", IN_FORCE, "2026-01-01" } } },
  /* After the first period has ended nothing is added. */
  { "ended before",
    { { "G1", "2025-01-01", IN_FORCE, "2025-07-01" },
      { "G2", "2025-07-01", IN_FORCE, "2026-07-01" } } },
  /* Same day: one decision for several violations. */
  { "same day",
    { { "G2", "2025-01-01", IN_FORCE, "2026-01-01" },
      { "G1", "2025-01-01", IN_FORCE, "2025-07-01" } } },
  /* A revoked sanction was never running; a lifted one only until lifted. */
  { "revoked first sanction",
    { { "G2", "2025-01-01", LD_MEASURE_REVOKED, "2025-03-01", NULL },
      { "G1", "2025-07-01", IN_FORCE, "2026-01-01" } } },
  { "lifted first sanction",
    { { "G2", "2025-01-01", LD_MEASURE_LIFTED, "2025-09-01", "2025-09-01" },
      { "G1", "2025-07-01", IN_FORCE, "2026-03-01" } } },
  /* 开除 is permanent and has no time to add. */
  { "expulsion",
    { { "G6", "2025-01-01", IN_FORCE, NULL },
      { "G1", "2025-07-01", IN_FORCE, "2026-01-01" } } },
};

static void
test_accumulation_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (accumulation_cases); i++)
    {
      const AccCase *c = &accumulation_cases[i];
      LdMeasureFacts m[4];
      LdEffectPeriod p[4];
      guint n = 0;

      g_test_message ("case %s", c->what);
      for (; n < G_N_ELEMENTS (c->items) && c->items[n].code != NULL; n++)
        m[n] = facts (n + 1, c->items[n].code, NULL, c->items[n].effective, 0, c->items[n].status,
                      c->items[n].status_date);
      ld_effect_periods_compute_all (m, n, p);
      for (guint k = 0; k < n; k++)
        assert_date (&p[k].end, c->items[k].end);
    }
}

static void
test_accumulation_cap (void)
{
  /* A chain: 撤职 2024-01-01 → 2026-01-01. 记过 2024-01-02: the first's
   * end + 12 months = 2027-01-01, under its cap 2028-01-02. 降级
   * 2024-06-01: the lengthened second's end + 24 months = 2029-01-01, over
   * its cap of 48 months from its own effective date: 2028-06-01. */
  LdMeasureFacts m[] = {
    facts (1, "G5", NULL, "2024-01-01", 0, IN_FORCE),
    facts (2, "G2", NULL, "2024-01-02", 0, IN_FORCE),
    facts (3, "G4", NULL, "2024-06-01", 0, IN_FORCE),
    facts (4, "P1", NULL, "2024-06-01", 0, IN_FORCE),
  };
  LdEffectPeriod p[G_N_ELEMENTS (m)];

  ld_effect_periods_compute_all (m, G_N_ELEMENTS (m), p);
  assert_date (&p[0].end, "2026-01-01");
  assert_date (&p[1].end, "2027-01-01");
  assert_date (&p[2].end, "2028-06-01");
  assert_date (&p[3].end, "2025-06-01");

  /* Without the second, the third runs 24 months from the first's end. */
  ld_effect_periods_compute_all (m, 1, p);
  assert_date (&p[0].end, "2026-01-01");
  m[1] = m[2];
  ld_effect_periods_compute_all (m, 2, p);
  assert_date (&p[1].end, "2028-01-01");

  /* A second sanction lifted is clamped to its lifting date even after
   * the accumulation. */
  m[1].status = LD_MEASURE_LIFTED;
  m[1].status_date = day ("2027-01-01");
  ld_effect_periods_compute_all (m, 2, p);
  assert_date (&p[1].end, "2027-01-01");

  /* Unknown codes get no period and do not stop the others. */
  m[1] = facts (2, "XX", NULL, "2024-02-01", 0, IN_FORCE);
  ld_effect_periods_compute_all (m, 2, p);
  g_assert_false (p[1].has_period);
  assert_date (&p[0].end, "2026-01-01");
}

/* --- Promotion blocks ---------------------------------------------------------------- */

static const LdBlockReason *
reason_at (const LdPromotionBlock *block,
           guint                   i)
{
  g_assert_cmpuint (i, <, block->reasons->len);
  return g_ptr_array_index (block->reasons, i);
}

/* Four measures of one cadre: the longer period governs. */
static void
fill_overlapping (LdMeasureFacts *m)
{
  m[0] = facts (11, "F1_ADMONISH", "2026-J0001", "2026-01-10", 0, IN_FORCE);     /* → 2026-07-10 */
  m[1] = facts (12, "P4A", "2026-M0003", "2026-03-14", 0, IN_FORCE);             /* → 2029-03-14 */
  m[2] = facts (14, "O_REMOVE", "2026-Z0008", "2026-04-01", 0, IN_FORCE);        /* → 2028-04-01, leading 2027-04-01 */
  m[3] = facts (13, "G5", "2026-Z0007", "2026-04-01", 0, IN_FORCE);              /* → 2028-04-01 */
}

typedef struct
{
  const char *date;
  gboolean    blocked;
  const char *until;
  gboolean    no_leading;
  const char *leading_until;
  gint64      reasons[5];   /* measure ids, longest first, 0-terminated */
} BlockCase;

static const BlockCase overlapping_cases[] = {
  /* Before anything took effect. */
  { "2026-01-09", FALSE, NULL, FALSE, NULL, { 0 } },
  /* Only the admonishment so far. */
  { "2026-01-10", TRUE, "2026-07-10", FALSE, NULL, { 11, 0 } },
  { "2026-03-13", TRUE, "2026-07-10", FALSE, NULL, { 11, 0 } },
  /* 留党察看 governs from its approval. */
  { "2026-03-14", TRUE, "2029-03-14", FALSE, NULL, { 12, 11, 0 } },
  /* All four; ties of end by id. */
  { "2026-05-01", TRUE, "2029-03-14", TRUE, "2027-04-01", { 12, 13, 14, 11, 0 } },
  /* The admonishment: blocked on the day before its end, free on it. */
  { "2026-07-09", TRUE, "2029-03-14", TRUE, "2027-04-01", { 12, 13, 14, 11, 0 } },
  { "2026-07-10", TRUE, "2029-03-14", TRUE, "2027-04-01", { 12, 13, 14, 0 } },
  /* No leading post until 2027-04-01. */
  { "2027-03-31", TRUE, "2029-03-14", TRUE, "2027-04-01", { 12, 13, 14, 0 } },
  { "2027-04-01", TRUE, "2029-03-14", FALSE, NULL, { 12, 13, 14, 0 } },
  { "2028-03-31", TRUE, "2029-03-14", FALSE, NULL, { 12, 13, 14, 0 } },
  { "2028-04-01", TRUE, "2029-03-14", FALSE, NULL, { 12, 0 } },
  /* The last day of 留党察看's effect, then free. */
  { "2029-03-13", TRUE, "2029-03-14", FALSE, NULL, { 12, 0 } },
  { "2029-03-14", FALSE, NULL, FALSE, NULL, { 0 } },
};

static void
assert_block (const LdPromotionBlock *block,
              const BlockCase        *c)
{
  guint n = 0;

  g_assert_cmpint (block->blocked, ==, c->blocked);
  g_assert_false (block->permanent);
  g_assert_false (block->open_ended);
  assert_date (&block->until, c->until);
  g_assert_cmpint (block->no_leading_post, ==, c->no_leading);
  assert_date (&block->leading_until, c->leading_until);
  while (c->reasons[n] != 0)
    n++;
  g_assert_nonnull (block->reasons);
  g_assert_cmpuint (block->reasons->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (reason_at (block, i)->measure_id, ==, c->reasons[i]);
}

static void
test_block_overlapping (void)
{
  LdMeasureFacts m[4];

  fill_overlapping (m);
  for (guint i = 0; i < G_N_ELEMENTS (overlapping_cases); i++)
    {
      g_auto(LdPromotionBlock) block = { 0 };
      GDate date = day (overlapping_cases[i].date);

      g_test_message ("on %s", overlapping_cases[i].date);
      ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
      assert_block (&block, &overlapping_cases[i]);
    }
}

static void
test_block_reasons (void)
{
  LdMeasureFacts m[4];
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2026-05-01");
  const LdBlockReason *r;

  fill_overlapping (m);
  m[0].reg_no = NULL;
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_cmpuint (block.reasons->len, ==, 4);

  /* Each reason names the measure, its document number and end. */
  r = reason_at (&block, 0);
  g_assert_cmpstr (r->code, ==, "P4A");
  g_assert_cmpstr (r->reg_no, ==, "2026-M0003");
  g_assert_false (r->permanent);
  g_assert_false (r->open_ended);
  assert_date (&r->end, "2029-03-14");
  g_assert_nonnull (strstr (r->text, ld_measure_code_get_label (ld_measure_code_find ("P4A"))));
  g_assert_nonnull (strstr (r->text, "2026-M0003"));
  g_assert_nonnull (strstr (r->text, "2029-03-14"));

  r = reason_at (&block, 1);
  g_assert_cmpstr (r->code, ==, "G5");
  g_assert_nonnull (strstr (r->text, ld_measure_code_get_label (ld_measure_code_find ("G5"))));
  g_assert_nonnull (strstr (r->text, "2026-Z0007"));
  g_assert_nonnull (strstr (r->text, "2028-04-01"));

  /* Without a document number the text names the measure and end only. */
  r = reason_at (&block, 3);
  g_assert_cmpstr (r->code, ==, "F1_ADMONISH");
  g_assert_null (r->reg_no);
  g_assert_nonnull (strstr (r->text, ld_measure_code_get_label (ld_measure_code_find ("F1_ADMONISH"))));
  g_assert_nonnull (strstr (r->text, "2026-07-10"));
  g_assert_null (strstr (r->text, "()"));
}

static void
test_block_permanent (void)
{
  LdMeasureFacts m[] = {
    facts (1, "P1", "2026-M0001", "2026-01-10", 0, IN_FORCE),
    facts (2, "P5", "2026-M0009", "2026-04-01", 0, IN_FORCE),
    facts (3, "G6", "2026-Z0009", "2026-04-01", 0, IN_FORCE),
  };
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2040-01-01");
  const LdBlockReason *r;

  /* Expulsion blocks for good: no until, permanent reasons first. */
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.blocked);
  g_assert_true (block.permanent);
  g_assert_false (g_date_valid (&block.until));
  g_assert_cmpuint (block.reasons->len, ==, 2);
  r = reason_at (&block, 0);
  g_assert_cmpint (r->measure_id, ==, 2);
  g_assert_true (r->permanent);
  g_assert_false (g_date_valid (&r->end));
  /* The P5 reason gives the end of the 5-year rejoin bar. */
  g_assert_nonnull (strstr (r->text, "2031-04-01"));
  g_assert_nonnull (strstr (r->text, "2026-M0009"));
  r = reason_at (&block, 1);
  g_assert_cmpint (r->measure_id, ==, 3);
  g_assert_true (r->permanent);
  g_assert_nonnull (strstr (r->text, "2026-Z0009"));

  /* While the warning still runs it follows the permanent ones. */
  ld_promotion_block_clear (&block);
  date = day ("2026-05-01");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.permanent);
  g_assert_cmpuint (block.reasons->len, ==, 3);
  g_assert_cmpint (reason_at (&block, 2)->measure_id, ==, 1);
  assert_date (&reason_at (&block, 2)->end, "2027-01-10");
}

static void
test_block_suspension (void)
{
  LdMeasureFacts m[] = {
    facts (1, "G2", "2026-Z0001", "2026-01-31", 0, IN_FORCE),        /* → 2027-01-31 */
    facts (2, "O_SUSPEND", "2026-Z0002", "2026-01-31", 0, IN_FORCE),
  };
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2026-02-15");
  const LdBlockReason *r;

  /* Open until lifted: blocked with no end, the suspension first. */
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.blocked);
  g_assert_false (block.permanent);
  g_assert_true (block.open_ended);
  g_assert_false (g_date_valid (&block.until));
  r = reason_at (&block, 0);
  g_assert_cmpint (r->measure_id, ==, 2);
  g_assert_true (r->open_ended);
  g_assert_nonnull (strstr (r->text, "2026-Z0002"));
  g_assert_cmpint (reason_at (&block, 1)->measure_id, ==, 1);

  /* Years later, still not lifted: still blocked. */
  ld_promotion_block_clear (&block);
  date = day ("2030-01-01");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.blocked);
  g_assert_true (block.open_ended);
  g_assert_cmpuint (block.reasons->len, ==, 1);

  /* Lifted on 2026-03-03: it ends that day, the 记过 governs. */
  m[1].status = LD_MEASURE_LIFTED;
  m[1].status_date = day ("2026-03-03");
  ld_promotion_block_clear (&block);
  date = day ("2026-03-02");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_false (block.open_ended);
  assert_date (&block.until, "2027-01-31");
  g_assert_cmpuint (block.reasons->len, ==, 2);
  g_assert_cmpint (reason_at (&block, 0)->measure_id, ==, 1);
  g_assert_cmpint (reason_at (&block, 1)->measure_id, ==, 2);
  assert_date (&reason_at (&block, 1)->end, "2026-03-03");

  ld_promotion_block_clear (&block);
  date = day ("2026-03-03");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_cmpuint (block.reasons->len, ==, 1);
  g_assert_cmpint (reason_at (&block, 0)->measure_id, ==, 1);

  /* Once lifted alone: free on the lifting day. */
  ld_promotion_block_clear (&block);
  ld_promotion_block_compute (&m[1], 1, &date, &block);
  g_assert_false (block.blocked);
  g_assert_cmpuint (block.reasons->len, ==, 0);
}

static void
test_block_appeals (void)
{
  /* 严重警告 changed on appeal on 2026-06-01 into a 警告 from that day;
   * a 记过 revoked on appeal. */
  LdMeasureFacts m[] = {
    facts (1, "P2", "2026-M0001", "2026-01-10", 0, LD_MEASURE_CHANGED, "2026-06-01"),
    facts (2, "P1", "2026-M0002", "2026-06-01", 0, IN_FORCE),
    facts (3, "G2", "2026-Z0003", "2026-02-01", 0, LD_MEASURE_REVOKED, "2026-04-01"),
  };
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2026-03-01");

  /* Before the appeal decisions the register already says revoked: the
   * revoked measure never blocks; the changed one until its status date. */
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.blocked);
  assert_date (&block.until, "2026-06-01");
  g_assert_cmpuint (block.reasons->len, ==, 1);
  g_assert_cmpint (reason_at (&block, 0)->measure_id, ==, 1);

  ld_promotion_block_clear (&block);
  date = day ("2026-07-01");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  assert_date (&block.until, "2027-06-01");
  g_assert_cmpuint (block.reasons->len, ==, 1);
  g_assert_cmpint (reason_at (&block, 0)->measure_id, ==, 2);

  /* Only the revoked one: not blocked. */
  ld_promotion_block_clear (&block);
  ld_promotion_block_compute (&m[2], 1, &date, &block);
  g_assert_false (block.blocked);
  g_assert_false (g_date_valid (&block.until));
}

static void
test_block_accumulation (void)
{
  /* The accumulated government period decides the block's end. */
  LdMeasureFacts m[] = {
    facts (1, "G2", NULL, "2025-01-01", 0, IN_FORCE),
    facts (2, "G1", NULL, "2025-07-01", 0, IN_FORCE),
  };
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2026-06-30");

  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_true (block.blocked);
  assert_date (&block.until, "2026-07-01");
  g_assert_cmpuint (block.reasons->len, ==, 1);
  g_assert_cmpint (reason_at (&block, 0)->measure_id, ==, 2);
  g_assert_nonnull (strstr (reason_at (&block, 0)->text, "2026-07-01"));

  ld_promotion_block_clear (&block);
  date = day ("2026-07-01");
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_false (block.blocked);
}

static void
test_block_empty (void)
{
  g_auto(LdPromotionBlock) block = { 0 };
  GDate date = day ("2026-07-04");
  LdMeasureFacts m[] = {
    facts (1, "F1_CRIT_EDU", NULL, "2026-07-01", 0, IN_FORCE),
    facts (2, "C_TRANSFER", NULL, "2026-07-01", 0, IN_FORCE),
  };

  ld_promotion_block_compute (NULL, 0, &date, &block);
  g_assert_false (block.blocked);
  g_assert_nonnull (block.reasons);
  g_assert_cmpuint (block.reasons->len, ==, 0);
  g_assert_false (g_date_valid (&block.until));
  g_assert_false (g_date_valid (&block.leading_until));

  /* Measures without a period never block. */
  ld_promotion_block_clear (&block);
  ld_promotion_block_compute (m, G_N_ELEMENTS (m), &date, &block);
  g_assert_false (block.blocked);
  g_assert_cmpuint (block.reasons->len, ==, 0);

  ld_promotion_block_clear (&block);
  g_assert_null (block.reasons);
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
  g_test_add_func ("/measure-rules/period/cases", test_period_cases);
  g_test_add_func ("/measure-rules/period/every-code", test_period_every_code);
  g_test_add_func ("/measure-rules/period/invalid", test_period_invalid);
  g_test_add_func ("/measure-rules/period/accumulation", test_accumulation_cases);
  g_test_add_func ("/measure-rules/period/accumulation-cap", test_accumulation_cap);
  g_test_add_func ("/measure-rules/block/overlapping", test_block_overlapping);
  g_test_add_func ("/measure-rules/block/reasons", test_block_reasons);
  g_test_add_func ("/measure-rules/block/permanent", test_block_permanent);
  g_test_add_func ("/measure-rules/block/suspension", test_block_suspension);
  g_test_add_func ("/measure-rules/block/appeals", test_block_appeals);
  g_test_add_func ("/measure-rules/block/accumulation", test_block_accumulation);
  g_test_add_func ("/measure-rules/block/empty", test_block_empty);

  return g_test_run ();
}
