/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rules/ld-opinion-rules.h"

/* --- Opinions --------------------------------------------------------------------- */

static const char * const opinion_codes[LD_N_OPINIONS] = { "ok", "ok-note", "defer", "no" };

const char *
ld_opinion_to_string (LdOpinion opinion)
{
  if ((guint) opinion >= LD_N_OPINIONS)
    return "";
  return opinion_codes[opinion];
}

LdOpinion
ld_opinion_from_string (const char *str)
{
  g_autofree char *clean = NULL;

  if (str == NULL)
    return LD_N_OPINIONS;
  clean = g_strstrip (g_strdup (str));
  for (guint i = 0; i < LD_N_OPINIONS; i++)
    if (g_ascii_strcasecmp (clean, opinion_codes[i]) == 0)
      return (LdOpinion) i;
  /* The codes of DOMAIN.md §7 and the Chinese short forms. */
  if (g_ascii_strcasecmp (clean, "R_OK") == 0 || g_str_equal (clean, "无问题")
      || g_str_equal (clean, "同意"))
    return LD_OPINION_OK;
  if (g_ascii_strcasecmp (clean, "R_OK_NOTE") == 0 || g_ascii_strcasecmp (clean, "ok_note") == 0
      || g_ascii_strcasecmp (clean, "oknote") == 0 || g_str_equal (clean, "如实说明情况")
      || g_str_equal (clean, "说明情况"))
    return LD_OPINION_OK_NOTE;
  if (g_ascii_strcasecmp (clean, "R_DEFER") == 0 || g_str_equal (clean, "暂缓"))
    return LD_OPINION_DEFER;
  if (g_ascii_strcasecmp (clean, "R_NO") == 0 || g_str_equal (clean, "不宜提拔任用")
      || g_str_equal (clean, "不同意"))
    return LD_OPINION_NO;
  for (guint i = 0; i < LD_N_OPINIONS; i++)
    if (g_str_equal (clean, ld_opinion_get_label ((LdOpinion) i)))
      return (LdOpinion) i;
  return LD_N_OPINIONS;
}

const char *
ld_opinion_get_label (LdOpinion opinion)
{
  switch (opinion)
    {
    case LD_OPINION_OK:
      /* Translators: short label of the reply 暂未发现问题 */
      return C_("opinion", "No problem found");
    case LD_OPINION_OK_NOTE:
      /* Translators: short label of the reply 无异议（如实说明情况） */
      return C_("opinion", "No objection, facts disclosed");
    case LD_OPINION_DEFER:
      /* Translators: short label of the reply 暂缓 */
      return C_("opinion", "Defer");
    case LD_OPINION_NO:
      /* Translators: short label of the reply 不宜提拔任用 */
      return C_("opinion", "Not suitable");
    case LD_N_OPINIONS:
    default:
      return "";
    }
}

const char *
ld_opinion_get_wording (LdOpinion opinion)
{
  switch (opinion)
    {
    case LD_OPINION_OK:
      /* Translators: the formal wording of the reply letter, exactly
       * 暂未发现影响提拔任用的问题 */
      return _("No problem affecting promotion or appointment has been found so far");
    case LD_OPINION_OK_NOTE:
      /* Translators: the formal wording of the reply letter, exactly
       * 无异议，现将有关情况如实说明如下 */
      return _("No objection; the relevant facts are stated as they are below");
    case LD_OPINION_DEFER:
      /* Translators: the formal wording of the reply letter, exactly
       * 建议暂缓，待查清问题后再作答复 */
      return _("We suggest deferring; a reply will follow once the matters are clarified");
    case LD_OPINION_NO:
      /* Translators: the formal wording of the reply letter, exactly
       * 不宜提拔任用 */
      return _("Not suitable for promotion or appointment");
    case LD_N_OPINIONS:
    default:
      return "";
    }
}

/* --- Facts ------------------------------------------------------------------------ */

static const struct
{
  const char *code;
  LdOpinion   opinion;
} fact_kinds[LD_N_OPINION_FACTS] = {
  [LD_OPINION_FACT_OPEN_PETITION] = { "open-petition", LD_OPINION_DEFER },
  [LD_OPINION_FACT_CLUE_PENDING] = { "clue-pending", LD_OPINION_DEFER },
  [LD_OPINION_FACT_CLUE_DISPOSAL] = { "clue-disposal", LD_OPINION_DEFER },
  [LD_OPINION_FACT_CLUE_HELD] = { "clue-held", LD_OPINION_DEFER },
  [LD_OPINION_FACT_OPEN_CASE] = { "open-case", LD_OPINION_NO },
  [LD_OPINION_FACT_VERIFIED_UNHANDLED] = { "verified-unhandled", LD_OPINION_NO },
  [LD_OPINION_FACT_EFFECT_RUNNING] = { "effect-running", LD_OPINION_NO },
  [LD_OPINION_FACT_ACCOUNTABILITY] = { "accountability", LD_OPINION_NO },
  [LD_OPINION_FACT_CONCEALMENT] = { "concealment", LD_OPINION_NO },
  [LD_OPINION_FACT_OMISSION] = { "omission", LD_OPINION_OK_NOTE },
  [LD_OPINION_FACT_PAST_MEASURE] = { "past-measure", LD_OPINION_OK_NOTE },
  [LD_OPINION_FACT_PAST_FIRST_FORM] = { "past-first-form", LD_OPINION_OK_NOTE },
  [LD_OPINION_FACT_CLOSED_MATTER] = { "closed-matter", LD_OPINION_OK_NOTE },
  [LD_OPINION_FACT_PAST_DECISION] = { "past-decision", LD_OPINION_OK_NOTE },
  [LD_OPINION_FACT_TRANSFERRED] = { "transferred", LD_OPINION_NO },
};

const char *
ld_opinion_fact_kind_to_string (LdOpinionFactKind kind)
{
  if ((guint) kind >= LD_N_OPINION_FACTS)
    return "";
  return fact_kinds[kind].code;
}

LdOpinion
ld_opinion_fact_kind_opinion (LdOpinionFactKind kind)
{
  if ((guint) kind >= LD_N_OPINION_FACTS)
    return LD_OPINION_OK;
  return fact_kinds[kind].opinion;
}

static char *
format_date (const GDate *date)
{
  char buf[16];

  if (date == NULL || !g_date_valid (date))
    /* Translators: a record's date that is not known, 日期不详 */
    return g_strdup (C_("opinion fact", "date unknown"));
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              (int) g_date_get_year (date), (int) g_date_get_month (date), (int) g_date_get_day (date));
  return g_strdup (buf);
}

static gboolean
is_petition (const LdOpinionFact *fact)
{
  return g_strcmp0 (fact->record_type, "petition") == 0;
}

char *
ld_opinion_fact_describe (const LdOpinionFact *fact)
{
  g_autofree char *date = NULL;
  g_autofree char *base = NULL;
  const char *reg_no;
  gboolean has_date;

  g_return_val_if_fail (fact != NULL, NULL);

  reg_no = fact->reg_no != NULL && *fact->reg_no != '\0' ? fact->reg_no : "—";
  has_date = g_date_valid (&fact->date);
  date = format_date (&fact->date);

  switch (fact->kind)
    {
    case LD_OPINION_FACT_OPEN_PETITION:
      /* Translators: 信访件%s（%s收到）尚未办结 — a registration number and a date */
      base = g_strdup_printf (_("Petition %s (received on %s) has not been closed yet"), reg_no, date);
      break;
    case LD_OPINION_FACT_CLUE_PENDING:
      /* Translators: 问题线索%s（%s受理）尚未作出处置决定 */
      base = g_strdup_printf (_("Problem clue %s (received on %s) is awaiting a disposal decision"), reg_no, date);
      break;
    case LD_OPINION_FACT_CLUE_DISPOSAL:
      /* Translators: 问题线索%s（%s受理）正在谈话函询或初步核实中 */
      base = g_strdup_printf (_("Problem clue %s (received on %s) is under talk-letter inquiry or preliminary verification"),
                              reg_no, date);
      break;
    case LD_OPINION_FACT_CLUE_HELD:
      /* Translators: 问题线索%s（%s受理）暂存待查 */
      base = g_strdup_printf (_("Problem clue %s (received on %s) is held pending further checks"), reg_no, date);
      break;
    case LD_OPINION_FACT_OPEN_CASE:
      /* Translators: 问题线索%s（%s受理）已立案审查调查，尚未结案 */
      base = g_strdup_printf (_("Problem clue %s (received on %s) is under case review and the case is not closed"),
                              reg_no, date);
      break;
    case LD_OPINION_FACT_VERIFIED_UNHANDLED:
      /* Translators: 问题线索%s（%s办结）反映问题属实，尚未作出处理 */
      base = g_strdup_printf (_("Problem clue %s (closed on %s) was found true and no measure has been taken yet"),
                              reg_no, date);
      break;
    case LD_OPINION_FACT_EFFECT_RUNNING:
      if (has_date)
        /* Translators: 处分处理%s尚在影响期内（至%s） — the date is the first day it no longer applies */
        base = g_strdup_printf (_("Measure %s is still in its effect period (until %s)"), reg_no, date);
      else
        /* Translators: 处分处理%s长期影响使用 */
        base = g_strdup_printf (_("Measure %s affects use permanently"), reg_no);
      break;
    case LD_OPINION_FACT_ACCOUNTABILITY:
      if (has_date)
        /* Translators: 问责%s尚在影响期内（至%s） */
        base = g_strdup_printf (_("Accountability measure %s is still in its effect period (until %s)"), reg_no, date);
      else
        /* Translators: 问责%s长期影响使用 */
        base = g_strdup_printf (_("Accountability measure %s affects use permanently"), reg_no);
      break;
    case LD_OPINION_FACT_CONCEALMENT:
      /* Translators: 个人有关事项报告（%s）经查核存在隐瞒不报情形（%s查核） — the report year and the date */
      base = g_strdup_printf (_("Personal-matters report %s: concealment found by the verification of %s"), reg_no, date);
      break;
    case LD_OPINION_FACT_OMISSION:
      /* Translators: 个人有关事项报告（%s）经查核存在漏报情形（%s查核） */
      base = g_strdup_printf (_("Personal-matters report %s: an omission found by the verification of %s"), reg_no, date);
      break;
    case LD_OPINION_FACT_PAST_MEASURE:
      /* Translators: 处分处理%s影响期已满（自%s起不再影响使用） */
      base = g_strdup_printf (_("Measure %s: its effect period is over (no longer affects use from %s)"), reg_no, date);
      break;
    case LD_OPINION_FACT_PAST_FIRST_FORM:
      /* Translators: 第一种形态处理%s（%s作出） */
      base = g_strdup_printf (_("First-form handling %s (decided on %s)"), reg_no, date);
      break;
    case LD_OPINION_FACT_CLOSED_MATTER:
      if (is_petition (fact))
        /* Translators: 信访件%s已于%s办结 */
        base = g_strdup_printf (_("Petition %s was closed on %s"), reg_no, date);
      else
        /* Translators: 问题线索%s已于%s了结 */
        base = g_strdup_printf (_("Problem clue %s was closed on %s"), reg_no, date);
      break;
    case LD_OPINION_FACT_PAST_DECISION:
      /* A measure without an effect period: nothing "ended".
       * Translators: 处分处理%s（%s作出） */
      base = g_strdup_printf (_("Measure %s (decided on %s)"), reg_no, date);
      break;
    case LD_OPINION_FACT_TRANSFERRED:
      /* Translators: 处分处理%s：已于%s移送司法机关 */
      base = g_strdup_printf (_("Measure %s: transferred to the judicial organs on %s"), reg_no, date);
      break;
    case LD_N_OPINION_FACTS:
    default:
      base = g_strdup (reg_no);
      break;
    }

  if (fact->detail != NULL && *fact->detail != '\0')
    /* Translators: a reason and its detail (the measure, the result), 原因（详情） */
    return g_strdup_printf (C_("opinion fact", "%s (%s)"), base, fact->detail);
  return g_steal_pointer (&base);
}

/* --- The proposal -------------------------------------------------------------------- */

LdOpinion
ld_opinion_propose (const LdOpinionFact  *facts,
                    guint                 n_facts,
                    GPtrArray           **reasons)
{
  LdOpinion proposal = LD_OPINION_OK;

  g_return_val_if_fail (facts != NULL || n_facts == 0, LD_OPINION_OK);

  for (guint i = 0; i < n_facts; i++)
    {
      LdOpinion o = ld_opinion_fact_kind_opinion (facts[i].kind);

      if (o > proposal)
        proposal = o;
    }

  if (reasons != NULL)
    {
      GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

      /* The most severe first, in the given order within one opinion. */
      for (int o = LD_N_OPINIONS - 1; o >= 0; o--)
        for (guint i = 0; i < n_facts; i++)
          if ((int) ld_opinion_fact_kind_opinion (facts[i].kind) == o)
            g_ptr_array_add (out, ld_opinion_fact_describe (&facts[i]));
      if (out->len == 0)
        g_ptr_array_add (out, g_strdup (ld_opinion_nothing_found ()));
      *reasons = out;
    }

  return proposal;
}

const char *
ld_opinion_nothing_found (void)
{
  /* Translators: the reason when nothing was found, exactly
   * 未发现信访举报、问题线索和处分处理记录 */
  return _("No petitions, problem clues, sanctions or handling records were found");
}

gboolean
ld_opinion_change_needs_reason (LdOpinion proposal,
                                LdOpinion decision)
{
  return proposal != decision;
}

/* --- Purposes ----------------------------------------------------------------------- */

static const struct
{
  const char *code;
  const char *label;
  const char *names;   /* the Chinese names an organisation department writes, "|" separated */
} purposes[] = {
  /* Translators: 提拔任用 */
  { "promotion", N_("Promotion or appointment"), "提拔任用|提拔|拟提拔|任用|提拔使用" },
  /* Translators: 进一步使用 (重用) */
  { "further-use", N_("Further use"), "进一步使用|重用" },
  /* Translators: 重要岗位任职 */
  { "key-post", N_("Appointment to a key post"), "重要岗位任职|重要岗位|关键岗位任职" },
  /* Translators: 评先评优 */
  { "award", N_("Awards and commendations"), "评先评优|评优评先|表彰|表彰奖励|评优" },
  /* Translators: 换届选举、推荐代表委员 */
  { "election", N_("Election or nomination as a deputy"), "换届选举|换届|选举|推荐代表委员|代表委员|人大代表|政协委员|党代表" },
  /* Translators: 公务员登记、转任 */
  { "civil-servant", N_("Civil-servant registration or transfer"), "公务员登记|转任|参公登记|公务员转任|登记" },
  /* Translators: 交流调任 */
  { "transfer", N_("Exchange or transfer"), "交流调任|交流|调任|轮岗交流" },
  /* Translators: 试用期满 */
  { "probation", N_("End of probation"), "试用期满|试用期满考核|转正" },
  /* Translators: 其他 */
  { "other", N_("Other"), "其他|其它" },
};

static const char * const purpose_codes[] = {
  "promotion", "further-use", "key-post", "award", "election", "civil-servant", "transfer",
  "probation", "other", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (purpose_codes) == G_N_ELEMENTS (purposes) + 1);

const char * const *
ld_opinion_purposes (void)
{
  return purpose_codes;
}

const char *
ld_opinion_purpose_get_label (const char *purpose)
{
  if (purpose == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    if (g_str_equal (purpose, purposes[i].code))
      return g_dgettext (GETTEXT_PACKAGE, purposes[i].label);
  return NULL;
}

const char *
ld_opinion_purpose_lookup (const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    if (g_ascii_strcasecmp (clean, purposes[i].code) == 0
        || g_str_equal (clean, purposes[i].label)
        || g_str_equal (clean, g_dgettext (GETTEXT_PACKAGE, purposes[i].label)))
      return purposes[i].code;
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      g_auto(GStrv) names = g_strsplit (purposes[i].names, "|", -1);

      for (guint j = 0; names[j] != NULL; j++)
        if (g_str_equal (clean, names[j]))
          return purposes[i].code;
    }
  return NULL;
}

/* --- Validity ----------------------------------------------------------------------- */

void
ld_opinion_valid_until (const GDate *approved,
                        int          months,
                        GDate       *until)
{
  g_return_if_fail (until != NULL);

  g_date_clear (until, 1);
  if (approved == NULL || !g_date_valid (approved) || months < 0)
    return;
  *until = *approved;
  /* g_date_add_months() keeps the day when the target month has it and
   * clamps to its last day otherwise (31 August + 3 months = 30 November). */
  g_date_add_months (until, (guint) months);
}
