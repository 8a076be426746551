/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-categories"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"

typedef enum
{
  KIND_YOUNG,
  KIND_MONTHS,
  KIND_TAGS,
} RuleKind;

typedef struct
{
  const char  *key;
  RuleKind     kind;
  const char  *label;
  const char  *unit;
  LdPostLevel  level;      /* KIND_YOUNG */
  const char  *threshold;  /* KIND_YOUNG: what the explanation names */
  int          min, max, def;
  gboolean     principal;  /* KIND_YOUNG: the variant for principal (正职) posts and ranks */
} RuleKey;

static const RuleKey rule_keys[LD_N_CATEGORY_RULES] = {
  [LD_CATEGORY_RULE_YOUNG_XIANGKE] = {
    "young-max-age-xiangke", KIND_YOUNG, N_("Young cadre: highest age at township or section level"), "years",
    LD_POST_LEVEL_XIANGKE, N_("township or section level"), 0, 100, 35 },
  [LD_CATEGORY_RULE_YOUNG_XIANCHU] = {
    "young-max-age-xianchu", KIND_YOUNG, N_("Young cadre: highest age at county or division level"), "years",
    LD_POST_LEVEL_XIANCHU, N_("county or division level"), 0, 100, 40 },
  [LD_CATEGORY_RULE_YOUNG_TINGJU] = {
    "young-max-age-tingju", KIND_YOUNG, N_("Young cadre: highest age at bureau or prefecture level"), "years",
    LD_POST_LEVEL_TINGJU, N_("bureau or prefecture level"), 0, 100, 45 },
  [LD_CATEGORY_RULE_YOUNG_SHENGBU] = {
    "young-max-age-shengbu", KIND_YOUNG, N_("Young cadre: highest age at province or ministry level (0 = none)"),
    "years", LD_POST_LEVEL_SHENGBU, N_("province or ministry level"), 0, 100, 0 },
  [LD_CATEGORY_RULE_YOUNG_GUOJIA] = {
    "young-max-age-guojia", KIND_YOUNG, N_("Young cadre: highest age at state level (0 = none)"), "years",
    LD_POST_LEVEL_GUOJIA, N_("state level"), 0, 100, 0 },
  [LD_CATEGORY_RULE_YOUNG_OTHER] = {
    "young-max-age-other", KIND_YOUNG, N_("Young cadre: highest age of cadres without a post level (0 = none)"),
    "years", LD_POST_LEVEL_NONE, N_("cadres without a post level"), 0, 100, 0 },
  [LD_CATEGORY_RULE_NEWLY_PROMOTED] = {
    "newly-promoted-months", KIND_MONTHS, N_("Newly promoted: months after the latest promotion"), "months",
    LD_POST_LEVEL_NONE, NULL, 1, 120, 12 },
  [LD_CATEGORY_RULE_HIGH_RISK_TAGS] = {
    "high-risk-post-tags", KIND_TAGS, N_("Key position: high-risk post types"), "post-tags",
    LD_POST_LEVEL_NONE, NULL, 0, 0, 0 },
  [LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL] = {
    "young-max-age-xianchu-zheng", KIND_YOUNG,
    N_("Young cadre: highest age in principal posts and ranks at county or division level "
       "(0 = the level’s threshold applies)"), "years",
    /* Translators: completes "threshold for %s" in "Young cadre: born
     * 1981-05-01, age 44 ≤ 45 (threshold for principal posts and ranks at
     * county or division level)"; 正处. */
    LD_POST_LEVEL_XIANCHU, N_("principal posts and ranks at county or division level"), 0, 100, 0, TRUE },
  [LD_CATEGORY_RULE_YOUNG_TINGJU_PRINCIPAL] = {
    "young-max-age-tingju-zheng", KIND_YOUNG,
    N_("Young cadre: highest age in principal posts and ranks at bureau or prefecture level "
       "(0 = the level’s threshold applies)"), "years",
    /* Translators: completes "threshold for %s"; 正厅. */
    LD_POST_LEVEL_TINGJU, N_("principal posts and ranks at bureau or prefecture level"), 0, 100, 0, TRUE },
};

static const char * const key_names[] = {
  "young-max-age-xiangke", "young-max-age-xianchu", "young-max-age-tingju", "young-max-age-shengbu",
  "young-max-age-guojia", "young-max-age-other", "newly-promoted-months", "high-risk-post-tags",
  "young-max-age-xianchu-zheng", "young-max-age-tingju-zheng", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (key_names) == LD_N_CATEGORY_RULES + 1);

static const char * const default_high_risk_tags[] = {
  "finance", "procurement", "construction", "approval", "enforcement", "personnel", "state-assets",
  "special-funds", NULL
};

static const struct
{
  LdCategory  category;
  const char *code;
  const char *label;
} categories[] = {
  { LD_CATEGORY_TOP_LEADER, "top-leader", NC_("category", "Top leader") },
  { LD_CATEGORY_YOUNG, "young", NC_("category", "Young cadre") },
  { LD_CATEGORY_NEWLY_PROMOTED, "newly-promoted", NC_("category", "Newly promoted") },
  { LD_CATEGORY_KEY_POSITION, "key-position", NC_("category", "Key position") },
};

/* Where the value of a KIND_YOUNG key lives. */
static int *
young_slot (LdCategoryRules *rules,
            int              i)
{
  if (rule_keys[i].principal)
    return &rules->young_max_age_principal[rule_keys[i].level];
  return &rules->young_max_age[rule_keys[i].level];
}

static int
young_get (const LdCategoryRules *rules,
           int                    i)
{
  if (rule_keys[i].principal)
    return rules->young_max_age_principal[rule_keys[i].level];
  return rules->young_max_age[rule_keys[i].level];
}

static int
find_key (const char *key)
{
  for (int i = 0; key != NULL && i < LD_N_CATEGORY_RULES; i++)
    if (g_str_equal (rule_keys[i].key, key))
      return i;
  return -1;
}

static const char *
default_source (int i)
{
  switch (rule_keys[i].kind)
    {
    case KIND_YOUNG:
      return _("Default: common local practice in young-cadre supervision");
    case KIND_MONTHS:
      return _("Default: the one-year probation of newly promoted leading cadres");
    case KIND_TAGS:
      return _("Default: posts with power over people, money, goods or approvals");
    default:
      g_assert_not_reached ();
    }
  return "";
}

void
ld_category_rules_init_defaults (LdCategoryRules *rules)
{
  g_return_if_fail (rules != NULL);

  memset (rules, 0, sizeof *rules);
  for (int i = 0; i < LD_N_CATEGORY_RULES; i++)
    {
      if (rule_keys[i].kind == KIND_YOUNG)
        *young_slot (rules, i) = rule_keys[i].def;
      else if (rule_keys[i].kind == KIND_MONTHS)
        rules->newly_promoted_months = rule_keys[i].def;
      rules->origin[i].source = g_strdup (default_source (i));
      g_date_clear (&rules->origin[i].valid_from, 1);
    }
  rules->high_risk_tags = g_strdupv ((char **) default_high_risk_tags);
}

void
ld_category_rules_clear (LdCategoryRules *rules)
{
  g_return_if_fail (rules != NULL);

  g_clear_pointer (&rules->high_risk_tags, g_strfreev);
  for (int i = 0; i < LD_N_CATEGORY_RULES; i++)
    g_clear_pointer (&rules->origin[i].source, g_free);
  memset (rules, 0, sizeof *rules);
}

void
ld_category_rules_copy (const LdCategoryRules *src,
                        LdCategoryRules       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *src;
  dest->high_risk_tags = g_strdupv (src->high_risk_tags);
  for (int i = 0; i < LD_N_CATEGORY_RULES; i++)
    dest->origin[i].source = g_strdup (src->origin[i].source);
}

const char * const *
ld_category_rules_keys (void)
{
  return key_names;
}

const char *
ld_category_rule_key_get_label (const char *key)
{
  int i = find_key (key);
  return i < 0 ? NULL : _(rule_keys[i].label);
}

const char *
ld_category_rule_key_get_unit (const char *key)
{
  int i = find_key (key);
  return i < 0 ? NULL : rule_keys[i].unit;
}

static gboolean
is_tag_code (const char *s)
{
  if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s))
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s) && *s != '-')
      return FALSE;
  return TRUE;
}

/* Parses a comma-separated tag list; codes, or labels and aliases of the
 * post-tag table ("财务, 采购" works too). */
static char **
parse_tags (const char  *value,
            GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (value);
  g_auto(GStrv) parts = NULL;

  /* The Chinese list separators people type: 、 and ，. */
  g_string_replace (text, "、", ",", 0);
  g_string_replace (text, "，", ",", 0);
  parts = g_strsplit (text->str, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      const char *code;

      if (*part == '\0')
        continue;
      code = ld_code_find_by_label (LD_CODE_TABLE_POST_TAG, part);
      if (code == NULL)
        code = part;
      if (!is_tag_code (code))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a post type code: use lower-case letters, digits and hyphens, "
                         "such as “finance”, and separate the codes with commas."),
                       part);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (tags, code, g_str_equal, NULL))
        g_ptr_array_add (tags, g_strdup (code));
    }
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* Checks a value; on success stores it in rules if rules is not NULL. */
static gboolean
parse_value (LdCategoryRules  *rules,
             int               i,
             const char       *value,
             GError          **error)
{
  const RuleKey *rk = &rule_keys[i];
  gint64 v;

  if (value == NULL)
    value = "";

  if (rk->kind == KIND_TAGS)
    {
      char **tags = parse_tags (value, error);

      if (tags == NULL)
        return FALSE;
      if (rules == NULL)
        {
          g_strfreev (tags);
          return TRUE;
        }
      g_strfreev (rules->high_risk_tags);
      rules->high_risk_tags = tags;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (value, 10, rk->min, rk->max, &v, NULL))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid value for “%s”: enter a whole number from %d to %d."),
                   value, rk->key, rk->min, rk->max);
      return FALSE;
    }
  if (rules == NULL)
    return TRUE;
  if (rk->kind == KIND_YOUNG)
    *young_slot (rules, i) = (int) v;
  else
    rules->newly_promoted_months = (int) v;
  return TRUE;
}

static gboolean
unknown_key (const char  *key,
             GError     **error)
{
  g_autofree char *known = g_strjoinv (", ", (char **) key_names);

  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("Unknown category rule “%s”. Known rules: %s."), key ? key : "", known);
  return FALSE;
}

gboolean
ld_category_rules_set (LdCategoryRules  *rules,
                       const char       *key,
                       const char       *value,
                       GError          **error)
{
  int i = find_key (key);

  g_return_val_if_fail (rules != NULL, FALSE);

  if (i < 0)
    return unknown_key (key, error);
  return parse_value (rules, i, value, error);
}

char *
ld_category_rules_get (const LdCategoryRules *rules,
                       const char            *key)
{
  int i = find_key (key);

  g_return_val_if_fail (rules != NULL, NULL);

  if (i < 0)
    return NULL;
  switch (rule_keys[i].kind)
    {
    case KIND_YOUNG:
      return g_strdup_printf ("%d", young_get (rules, i));
    case KIND_MONTHS:
      return g_strdup_printf ("%d", rules->newly_promoted_months);
    case KIND_TAGS:
      return rules->high_risk_tags ? g_strjoinv (",", rules->high_risk_tags) : g_strdup ("");
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

const LdRuleOrigin *
ld_category_rules_get_origin (const LdCategoryRules *rules,
                              const char            *key)
{
  int i = find_key (key);

  g_return_val_if_fail (rules != NULL, NULL);
  return i < 0 ? NULL : &rules->origin[i];
}

/* Strict YYYY-MM-DD. */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
ld_category_rules_apply_row (LdCategoryRules  *rules,
                             const char       *key,
                             const char       *value,
                             const char       *source,
                             const char       *valid_from,
                             const GDate      *reference,
                             GError          **error)
{
  int i = find_key (key);
  GDate from;
  LdRuleOrigin *origin;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (reference == NULL || g_date_valid (reference), FALSE);

  if (i < 0)
    return unknown_key (key, error);

  g_date_clear (&from, 1);
  if (valid_from != NULL && *valid_from != '\0' && !parse_iso_date (valid_from, &from))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid date for when the rule “%s” takes effect: write it as "
                     "YYYY-MM-DD, for example 2024-01-01."),
                   valid_from, key);
      return FALSE;
    }
  if (!parse_value (NULL, i, value, error))
    return FALSE;

  /* Not valid yet at the reference date. */
  if (reference != NULL && g_date_valid (&from) && g_date_compare (&from, reference) > 0)
    return TRUE;
  /* Older than the value already loaded ("since always" is the oldest). */
  origin = &rules->origin[i];
  if (g_date_valid (&origin->valid_from)
      && (!g_date_valid (&from) || g_date_compare (&from, &origin->valid_from) < 0))
    return TRUE;

  parse_value (rules, i, value, NULL);
  g_free (origin->source);
  origin->source = g_strdup (source ? source : "");
  origin->valid_from = from;
  return TRUE;
}

int
ld_age_at (int          birth_year,
           int          birth_month,
           int          birth_day,
           const GDate *reference)
{
  int ry, rm, rd, age;
  GDate birth;

  g_return_val_if_fail (reference != NULL && g_date_valid (reference), -1);

  if (birth_year <= 0 || birth_month < 1 || birth_month > 12 || birth_day < 0)
    return -1;
  if (birth_day == 0)
    birth_day = 1;
  if (birth_year > G_MAXUINT16 || !g_date_valid_dmy (birth_day, birth_month, birth_year))
    return -1;
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, birth_day, birth_month, birth_year);
  if (g_date_compare (&birth, reference) > 0)
    return -1;

  ry = g_date_get_year (reference);
  rm = g_date_get_month (reference);
  rd = g_date_get_day (reference);

  /* Comparing (month, day) pairs makes a 29 February birthday fall after
   * 28 February, so in other years the new age starts on 1 March. */
  age = ry - birth_year;
  if (rm < birth_month || (rm == birth_month && rd < birth_day))
    age--;
  return age;
}

static char *
format_partial_date (int y,
                     int m,
                     int d)
{
  if (d > 0)
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_strdup_printf ("%04d-%02d", y, m);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
check_young (const LdCategoryRules *rules,
             const LdCadreFacts    *facts,
             const GDate           *reference,
             GPtrArray             *explanations)
{
  LdPostLevel level = ld_post_level_from_code (facts->rank_level);
  gboolean principal = FALSE;
  int max = rules->young_max_age[level];
  int age;

  /* The principal-post variant of the level, when set, replaces its
   * threshold for 正职 posts and ranks. */
  if (rules->young_max_age_principal[level] > 0 && ld_code_is_principal_level (facts->rank_level))
    {
      principal = TRUE;
      max = rules->young_max_age_principal[level];
    }

  if (max <= 0)
    return FALSE;
  age = ld_age_at (facts->birth_year, facts->birth_month, facts->birth_day, reference);
  if (age < 0 || age > max)
    return FALSE;

  if (explanations != NULL)
    {
      g_autofree char *born = format_partial_date (facts->birth_year, facts->birth_month, facts->birth_day);
      const char *threshold = NULL;

      for (int i = 0; i < LD_N_CATEGORY_RULES; i++)
        if (rule_keys[i].kind == KIND_YOUNG && rule_keys[i].level == level
            && rule_keys[i].principal == principal)
          threshold = _(rule_keys[i].threshold);
      g_assert (threshold != NULL);

      /* Translators: "Young cadre: born 1992-03-01, age 34 ≤ 35 (threshold for
       * township or section level)". */
      g_ptr_array_add (explanations,
                       g_strdup_printf (_("Young cadre: born %s, age %d ≤ %d (threshold for %s)"),
                                        born, age, max, threshold));
    }
  return TRUE;
}

static gboolean
check_newly_promoted (const LdCategoryRules *rules,
                      const LdCadreFacts    *facts,
                      const GDate           *reference,
                      GPtrArray             *explanations)
{
  int y = facts->promoted_year, m = facts->promoted_month, d = facts->promoted_day;
  GDate promoted, end;

  if (rules->newly_promoted_months <= 0)
    return FALSE;
  if (y <= 0 || y > G_MAXUINT16 || m < 1 || m > 12 || d < 0)
    return FALSE;
  if (!g_date_valid_dmy (d > 0 ? d : 1, m, y))
    return FALSE;

  g_date_clear (&promoted, 1);
  g_date_set_dmy (&promoted, d > 0 ? d : 1, m, y);
  if (g_date_compare (&promoted, reference) > 0)
    return FALSE;
  end = promoted;
  g_date_add_months (&end, rules->newly_promoted_months);
  if (g_date_compare (reference, &end) >= 0)
    return FALSE;

  if (explanations != NULL)
    {
      g_autofree char *when = format_partial_date (y, m, d);
      g_autofree char *ref = format_date (reference);

      /* Translators: "Newly promoted: promoted on 2025-09-01, less than 12 months
       * before 2026-03-01". */
      g_ptr_array_add (explanations,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Newly promoted: promoted on %s, less than %d month "
                                                     "before %s",
                                                     "Newly promoted: promoted on %s, less than %d months "
                                                     "before %s",
                                                     rules->newly_promoted_months),
                                        when, rules->newly_promoted_months, ref));
    }
  return TRUE;
}

static gboolean
check_key_position (const LdCategoryRules *rules,
                    const LdCadreFacts    *facts,
                    GPtrArray             *explanations)
{
  g_autoptr(GPtrArray) found = NULL;

  if (facts->post_tags == NULL || rules->high_risk_tags == NULL)
    return FALSE;

  found = g_ptr_array_new ();
  for (guint i = 0; facts->post_tags[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) rules->high_risk_tags, facts->post_tags[i])
        && !g_ptr_array_find_with_equal_func (found, facts->post_tags[i], g_str_equal, NULL))
      g_ptr_array_add (found, (gpointer) facts->post_tags[i]);
  if (found->len == 0)
    return FALSE;

  if (explanations != NULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        {
          const char *label = ld_code_get_label (LD_CODE_TABLE_POST_TAG, found->pdata[i]);

          /* Translators: separates the items of a list ("A, B"). */
          if (i > 0)
            g_string_append (list, C_("list separator", ", "));
          g_string_append (list, label ? label : found->pdata[i]);
        }
      g_ptr_array_add (explanations,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Key position: the post involves %s (a high-risk "
                                                     "post type)",
                                                     "Key position: the post involves %s (high-risk "
                                                     "post types)",
                                                     found->len),
                                        list->str));
    }
  return TRUE;
}

LdCategory
ld_categories_compute (const LdCategoryRules *rules,
                       const LdCadreFacts    *facts,
                       const GDate           *reference,
                       GPtrArray             *explanations)
{
  LdCategory result = LD_CATEGORY_NONE;

  g_return_val_if_fail (rules != NULL, LD_CATEGORY_NONE);
  g_return_val_if_fail (facts != NULL, LD_CATEGORY_NONE);
  g_return_val_if_fail (reference != NULL && g_date_valid (reference), LD_CATEGORY_NONE);

  if (facts->principal_post)
    {
      result |= LD_CATEGORY_TOP_LEADER;
      if (explanations != NULL)
        g_ptr_array_add (explanations,
                         g_strdup (_("Top leader: holds the principal post of a leadership team")));
    }
  if (check_young (rules, facts, reference, explanations))
    result |= LD_CATEGORY_YOUNG;
  if (check_newly_promoted (rules, facts, reference, explanations))
    result |= LD_CATEGORY_NEWLY_PROMOTED;
  if (check_key_position (rules, facts, explanations))
    result |= LD_CATEGORY_KEY_POSITION;
  return result;
}

const char *
ld_category_get_label (LdCategory category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (categories[i].category == category)
      return g_dpgettext2 (GETTEXT_PACKAGE, "category", categories[i].label);
  return NULL;
}

const char *
ld_category_to_string (LdCategory category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (categories[i].category == category)
      return categories[i].code;
  return NULL;
}

LdCategory
ld_category_from_string (const char *s)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].code, s))
      return categories[i].category;
  return LD_CATEGORY_NONE;
}

char *
ld_categories_format (LdCategory set)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (set & categories[i].category)
      {
        if (out->len > 0)
          g_string_append_c (out, ',');
        g_string_append (out, categories[i].code);
      }
  return g_string_free (out, FALSE);
}

/* --- The principal post from a title ------------------------------------------ */

static const char * const principal_titles[] = {
  "书记", "局长", "主任", "镇长", "乡长", "县长", "区长", "市长", "州长", "旗长", "院长", "校长", "所长",
  "站长", "厂长", "总经理", "董事长", "社长", "馆长", "部长", "主席", "检察长", "行长", "总队长",
  "大队长", "队长", "会长", "理事长", "署长", "办主任", "委员长", "主任委员", "园长", "处长", NULL,
};

static const char * const internal_titles[] = {
  "科长", "股长", "科员", "办事员", "职员", "干事", "组长", "主任科员", "调研员", "巡视员", NULL,
};

static gboolean
ends_with_any (const char         *text,
               const char * const *titles)
{
  for (guint i = 0; titles[i] != NULL; i++)
    if (g_str_has_suffix (text, titles[i]))
      return TRUE;
  return FALSE;
}

LdPrincipalGuess
ld_post_title_guess_principal (const char *post)
{
  g_auto(GStrv) parts = NULL;
  gboolean all_not = TRUE;
  guint n = 0;

  if (post == NULL || *post == '\0')
    return LD_PRINCIPAL_UNKNOWN;
  parts = g_regex_split_simple ("[、，,;；/／\\s]+|兼", post, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (*part == '\0')
        continue;
      n++;
      if (strstr (part, "副") != NULL || strstr (part, "助理") != NULL || ends_with_any (part, internal_titles))
        continue;
      all_not = FALSE;
      if (ends_with_any (part, principal_titles))
        return LD_PRINCIPAL_YES;
    }
  return n > 0 && all_not ? LD_PRINCIPAL_NO : LD_PRINCIPAL_UNKNOWN;
}
