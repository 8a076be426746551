/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rules/ld-measure-tables.h"

/* ---- Citations ----------------------------------------------------------- */

/* The regulations are cited in Chinese and never translated: they are the
 * names the documents carry. */
#define SRC_INDICATORS "《纪检监察机关监督执纪“四种形态”统计指标体系（试行）》"
#define SRC_SELECTION "《党政领导干部选拔任用工作条例》第二十四条"
#define SRC_PARTY_WARN "《中国共产党纪律处分条例》第十条"
#define SRC_PARTY_POST "《中国共产党纪律处分条例》第十一条"
#define SRC_PARTY_PROBATION "《中国共产党纪律处分条例》第十二条"
#define SRC_PARTY_EXPEL "《中国共产党纪律处分条例》第十三条"
#define SRC_GOV "《公职人员政务处分法》第八条"
#define SRC_GOV_EXPEL "《公职人员政务处分法》第七条"
#define SRC_PUBLIC_INSTITUTION "《事业单位工作人员处分规定》"
#define SRC_ORG_HANDLING "《中国共产党组织处理规定（试行）》第三条"
#define SRC_ACCOUNTABILITY "《中国共产党问责条例》第八条"

/* ---- The table ----------------------------------------------------------- */

/* DOMAIN.md §1.2 (forms, from the CCDI 2016 indicator system) and §2.1–2.3
 * (periods). The first alias is the Chinese name; the others are the short
 * and variant forms found in offices' ledgers. 警告 alone, 警告处分,
 * 通报 and 责令检查 are not here: they name more than one code and are
 * resolved with the hint (ambiguous_aliases below). */
static const LdMeasureCode measure_codes[] = {
  /* Form one: criticism and education (not sanctions). */
  { "F1_CLOSE_TALKLETTER", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 谈话函询了结 (a measure of the first form). */
    N_("Closed after a talk or letter inquiry"), SRC_INDICATORS,
    "谈话函询了结|函询了结|谈话了结" },
  { "F1_CLOSE_F2F_VERIFY", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: “面对面”初步核实了结 (a measure of the first form). */
    N_("Closed after face-to-face preliminary verification"), SRC_INDICATORS,
    "“面对面”初步核实了结|面对面初步核实了结|面对面核实了结" },
  { "F1_REMIND_TALK", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 提醒谈话 (a measure of the first form). */
    N_("Reminder talk"), SRC_INDICATORS,
    "提醒谈话|谈话提醒" },
  { "F1_WARN_TALK", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 警示谈话 (a measure of the first form). */
    N_("Warning talk"), SRC_INDICATORS,
    "警示谈话" },
  { "F1_CRIT_EDU", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 批评教育 (a measure of the first form). */
    N_("Criticism and education"), SRC_INDICATORS,
    "批评教育" },
  { "F1_STOP_ORDER", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 纠正或者责令停止违纪行为 (a measure of the first form). */
    N_("Order to correct or stop the violation"), SRC_INDICATORS,
    "纠正或者责令停止违纪行为|责令停止违纪行为|纠正违纪行为|责令纠正" },
  { "F1_RETURN_GAINS", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 责成退出违纪所得 (a measure of the first form). */
    N_("Order to hand back the gains of the violation"), SRC_INDICATORS,
    "责成退出违纪所得|退出违纪所得|责令退出违纪所得" },
  { "F1_RECTIFY_DEADLINE", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 限期整改 (a measure of the first form). */
    N_("Rectification within a time limit"), SRC_INDICATORS,
    "限期整改|责令限期整改" },
  { "F1_SELF_EXAM", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 责令作出口头或者书面检查 (责令检查, a measure of the first form). */
    N_("Ordered oral or written self-examination"), SRC_INDICATORS,
    "责令作出口头或者书面检查|责令作出书面检查|责令作出口头检查|责令书面检查|责令口头检查" },
  { "F1_DLM_CRITIQUE", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 召开民主生活会批评帮助 (a measure of the first form). */
    N_("Criticism at a democratic-life meeting"), SRC_INDICATORS,
    "召开民主生活会批评帮助|民主生活会批评帮助" },
  { "F1_PUBLIC_APOLOGY", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 责令公开道歉（检讨） (a measure of the first form). */
    N_("Ordered public apology or self-criticism"), SRC_INDICATORS,
    "责令公开道歉（检讨）|责令公开道歉|责令公开检讨|公开道歉" },
  { "F1_CIRCULAR", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 通报（通报批评） (a measure of the first form). */
    N_("Circulated criticism"), SRC_INDICATORS,
    "通报（通报批评）|通报批评" },
  { "F1_ADMONISH", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_MONTHS, 6, 0, 0,
    /* Translators: 诫勉 (诫勉谈话 or 书面诫勉, a measure of the first form). */
    N_("Admonishment"), SRC_INDICATORS "；" SRC_SELECTION,
    "诫勉|诫勉谈话|书面诫勉|诫勉（诫勉谈话/书面诫勉）" },
  { "F1_OTHER_EDU", LD_MEASURE_CATEGORY_EDU, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 其他批评教育类措施 (a measure of the first form). */
    N_("Other criticism and education measure"), SRC_INDICATORS,
    "其他批评教育类措施|其他批评教育措施|其他批评教育" },

  /* Party sanctions. */
  { "P1", LD_MEASURE_CATEGORY_PARTY, 2, TRUE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0,
    /* Translators: 警告 as a Party sanction (党内警告). */
    N_("Warning (Party)"), SRC_PARTY_WARN,
    "党内警告|党纪警告|警告（党纪）|警告（党内）|党内警告处分" },
  { "P2", LD_MEASURE_CATEGORY_PARTY, 2, TRUE, FALSE, LD_EFFECT_MONTHS, 18, 0, 0,
    /* Translators: 严重警告 (a Party sanction). */
    N_("Serious warning (Party)"), SRC_PARTY_WARN,
    "严重警告|党内严重警告|党纪严重警告|严重警告处分|党内严重警告处分" },
  { "P3", LD_MEASURE_CATEGORY_PARTY, 3, TRUE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0,
    /* Translators: 撤销党内职务 (a Party sanction). */
    N_("Removal from Party posts"), SRC_PARTY_POST,
    "撤销党内职务|撤销党内职务处分" },
  { "P4A", LD_MEASURE_CATEGORY_PARTY, 3, TRUE, FALSE, LD_EFFECT_PROBATION, 12, 24, 0,
    /* Translators: 留党察看一年 (a Party sanction). */
    N_("Probation within the Party, one year"), SRC_PARTY_PROBATION,
    "留党察看一年|留党察看1年|留党察看（一年）|留党察看（1年）|留党察看一年处分" },
  { "P4B", LD_MEASURE_CATEGORY_PARTY, 3, TRUE, FALSE, LD_EFFECT_PROBATION, 24, 24, 0,
    /* Translators: 留党察看二年 (a Party sanction). */
    N_("Probation within the Party, two years"), SRC_PARTY_PROBATION,
    "留党察看二年|留党察看两年|留党察看2年|留党察看（二年）|留党察看（两年）|留党察看（2年）|留党察看二年处分" },
  { "P5", LD_MEASURE_CATEGORY_PARTY, 3, TRUE, FALSE, LD_EFFECT_BAR, 0, 60, 0,
    /* Translators: 开除党籍 (a Party sanction). */
    N_("Expulsion from the Party"), SRC_PARTY_EXPEL,
    "开除党籍|开除党籍处分" },

  /* Government sanctions. */
  { "G1", LD_MEASURE_CATEGORY_GOV, 2, TRUE, FALSE, LD_EFFECT_MONTHS, 6, 0, 0,
    /* Translators: 警告 as a government sanction (政务警告). */
    N_("Warning (government)"), SRC_GOV,
    "政务警告|行政警告|政纪警告|警告（政务）|警告（行政）|政务警告处分|行政警告处分" },
  { "G2", LD_MEASURE_CATEGORY_GOV, 2, TRUE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0,
    /* Translators: 记过 (a government sanction). */
    N_("Demerit"), SRC_GOV,
    "记过|政务记过|行政记过|记过处分|政务记过处分|行政记过处分" },
  { "G3", LD_MEASURE_CATEGORY_GOV, 2, TRUE, FALSE, LD_EFFECT_MONTHS, 18, 0, 0,
    /* Translators: 记大过 (a government sanction). */
    N_("Major demerit"), SRC_GOV,
    "记大过|政务记大过|行政记大过|记大过处分|政务记大过处分|行政记大过处分" },
  /* Light (F2) in the CCDI indicator system, heavy in many local guides
   * (DOMAIN.md §1.2): disputed, the administrator may override. */
  { "G4", LD_MEASURE_CATEGORY_GOV, 2, TRUE, TRUE, LD_EFFECT_MONTHS, 24, 0, 0,
    /* Translators: 降级 (a government sanction: downgrade of 级别). */
    N_("Downgrade"), SRC_GOV,
    "降级|政务降级|行政降级|降级处分|政务降级处分|行政降级处分" },
  { "G_PI_DOWNGRADE", LD_MEASURE_CATEGORY_GOV, 2, TRUE, TRUE, LD_EFFECT_MONTHS, 24, 0, 0,
    /* Translators: 降低岗位等级 (a sanction of public-institution staff). */
    N_("Lowering of post grade"), SRC_PUBLIC_INSTITUTION,
    "降低岗位等级|降低岗位等级处分" },
  { "G5", LD_MEASURE_CATEGORY_GOV, 3, TRUE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0,
    /* Translators: 撤职 (a government sanction). */
    N_("Dismissal from post"), SRC_GOV,
    "撤职|政务撤职|行政撤职|撤职处分|政务撤职处分|行政撤职处分" },
  { "G6", LD_MEASURE_CATEGORY_GOV, 3, TRUE, FALSE, LD_EFFECT_PERMANENT, 0, 0, 0,
    /* Translators: 开除 (开除公职, a government sanction). */
    N_("Expulsion from public employment"), SRC_GOV_EXPEL,
    "开除|开除公职|政务开除|行政开除|开除处分|开除公职处分" },

  /* Organisational handling (组织处理) and the other organisational
   * adjustments of the indicator system. */
  { "O_SUSPEND", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_UNTIL_LIFTED, 0, 0, 0,
    /* Translators: 停职检查 (organisational handling). */
    N_("Suspension from duty for examination"), SRC_ORG_HANDLING,
    "停职检查|停职（停职检查）|停职" },
  { "O_ADJUST", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_MONTHS, 12, 0, 0,
    /* Translators: 调整职务 (organisational handling). */
    N_("Post adjustment"), SRC_ORG_HANDLING,
    "调整职务|调整（调离）职务（岗位）|调离职务|调整岗位|调离岗位|调整职务（岗位）" },
  { "O_ORDER_RESIGN", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 12,
    /* Translators: 责令辞职 (organisational handling). */
    N_("Ordered resignation"), SRC_ORG_HANDLING,
    "责令辞职" },
  { "O_REMOVE", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 12,
    /* Translators: 免职 (organisational handling). */
    N_("Removal from post"), SRC_ORG_HANDLING,
    "免职|免去职务" },
  { "O_DEMOTE", LD_MEASURE_CATEGORY_ORG, 3, FALSE, FALSE, LD_EFFECT_MONTHS, 24, 0, 0,
    /* Translators: 降职 (organisational handling, a major post adjustment). */
    N_("Demotion"), SRC_ORG_HANDLING,
    "降职" },
  { "O_RESIGN_BLAME", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 引咎辞职 (an organisational adjustment). */
    N_("Resignation taking the blame"), SRC_INDICATORS,
    "引咎辞职" },
  { "O_NONLEADING", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 改任非领导职务 (an organisational adjustment). */
    N_("Moved to a non-leading post"), SRC_INDICATORS,
    "改任非领导职务|改任职级" },
  { "O_EARLY_RETIRE", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 安排提前退休 (an organisational adjustment). */
    N_("Early retirement arranged"), SRC_INDICATORS,
    "安排提前退休|提前退休" },
  { "O_REDUCE_PENSION", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 降低退休待遇 (an organisational adjustment). */
    N_("Retirement benefits reduced"), SRC_INDICATORS,
    "降低退休待遇" },
  { "O_REVOKE_HONOUR", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 取消荣誉称号 (an organisational adjustment). */
    N_("Honorary title revoked"), SRC_INDICATORS,
    "取消荣誉称号|撤销荣誉称号" },
  { "O_REMOVE_CPPCC", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 撤销政协委员资格 (an organisational adjustment). */
    N_("CPPCC membership removed"), SRC_INDICATORS,
    "撤销政协委员资格" },
  { "O_END_NPC", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 终止（罢免、撤销、责令辞去）人大代表资格 (an organisational adjustment). */
    N_("People’s congress deputy status ended"), SRC_INDICATORS,
    "终止（罢免、撤销、责令辞去）人大代表资格|终止人大代表资格|罢免人大代表|罢免人大代表资格"
    "|撤销人大代表资格|责令辞去人大代表职务" },
  { "O_CANCEL_PROBATIONARY", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 取消预备党员资格 (an organisational adjustment). */
    N_("Probationary Party membership cancelled"), SRC_INDICATORS,
    "取消预备党员资格" },
  { "O_CANCEL_ELECTION", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 取消（罢免）当选资格 (an organisational adjustment). */
    N_("Election cancelled"), SRC_INDICATORS,
    "取消（罢免）当选资格|取消当选资格|罢免当选资格" },
  { "O_END_PARTY_DEPUTY", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 终止党代表资格 (an organisational adjustment). */
    N_("Party congress deputy status ended"), SRC_INDICATORS,
    "终止党代表资格|终止党代表大会代表资格" },
  { "O_OTHER_ADJUST", LD_MEASURE_CATEGORY_ORG, 2, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 其他组织调整类措施 (an organisational adjustment). */
    N_("Other organisational adjustment"), SRC_INDICATORS,
    "其他组织调整类措施|其他组织调整|其他组织调整措施" },
  { "O_OTHER_MAJOR", LD_MEASURE_CATEGORY_ORG, 3, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 其他重大职务调整 (a major post adjustment of the third form). */
    N_("Other major post adjustment"), SRC_INDICATORS,
    "其他重大职务调整|重大职务调整" },

  /* Accountability (问责) forms with no code of their own elsewhere. */
  { "ACC_CIRCULAR", LD_MEASURE_CATEGORY_ACCOUNT, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 通报 as a form of accountability (问责通报). */
    N_("Accountability: circulated criticism"), SRC_ACCOUNTABILITY,
    "问责通报|通报问责|通报（问责）" },
  { "ACC_CHECK", LD_MEASURE_CATEGORY_ACCOUNT, 1, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 检查 as a form of accountability (问责：责令检查). */
    N_("Accountability: ordered self-examination"), SRC_ACCOUNTABILITY,
    "问责检查|检查（问责）|责令检查（问责）" },

  /* Form four. */
  { "C_TRANSFER", LD_MEASURE_CATEGORY_CRIMINAL, 4, FALSE, FALSE, LD_EFFECT_NONE, 0, 0, 0,
    /* Translators: 移送司法机关（审查起诉） (a measure of the fourth form). */
    N_("Transfer to the judicial organs"), SRC_INDICATORS,
    "移送司法机关（审查起诉）|移送司法机关|移送检察机关|移送审查起诉|移送检察机关审查起诉|移送司法机关处理"
    "|移送检察机关依法审查起诉" },
};

/* 14 form-one codes, 6 Party, 7 government, 17 organisational, 2
 * accountability, 1 judicial. */
G_STATIC_ASSERT (G_N_ELEMENTS (measure_codes) == 14 + 6 + 7 + 17 + 2 + 1);

/* Names that mean different codes under different categories. The hint
 * picks; without a hint (or with a hint that has no code here) the
 * fallback is used, NULL where no reading is safe. */
typedef struct
{
  const char *alias;
  const char *fallback;
  const char *by_category[LD_N_MEASURE_CATEGORIES];
} AmbiguousAlias;

static const AmbiguousAlias ambiguous_aliases[] = {
  { "警告", NULL, { [LD_MEASURE_CATEGORY_PARTY] = "P1", [LD_MEASURE_CATEGORY_GOV] = "G1" } },
  { "警告处分", NULL, { [LD_MEASURE_CATEGORY_PARTY] = "P1", [LD_MEASURE_CATEGORY_GOV] = "G1" } },
  /* One year or two: the ledger must say which. */
  { "留党察看", NULL, { NULL } },
  { "留党察看处分", NULL, { NULL } },
  /* 通报 and 责令检查 are form-one measures unless given as 问责. */
  { "通报", "F1_CIRCULAR", { [LD_MEASURE_CATEGORY_ACCOUNT] = "ACC_CIRCULAR" } },
  { "责令检查", "F1_SELF_EXAM", { [LD_MEASURE_CATEGORY_ACCOUNT] = "ACC_CHECK" } },
  { "检查", "F1_SELF_EXAM", { [LD_MEASURE_CATEGORY_ACCOUNT] = "ACC_CHECK" } },
};

/* ---- Lookup -------------------------------------------------------------- */

/* The form text is compared in (as ld-code-tables.c): no spaces, no
 * quotation marks, full-width ASCII made half width, ASCII lower case. */
static char *
matching_key (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000 || c == 0x00A0 || c == 0x200B || c == 0xFEFF)
        continue;
      if (c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019
          || c == 0x300C || c == 0x300D || c == 0xFF02)
        continue;
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* key → index into measure_codes + 1 (so 0 is "absent"); ambiguous keys
 * map to -(index into ambiguous_aliases + 1). */
static GHashTable *lookup_index;

static void
index_add (GHashTable *index,
           const char *text,
           int         value)
{
  char *key = matching_key (text);

  if (*key == '\0' || g_hash_table_contains (index, key))
    g_free (key);
  else
    g_hash_table_insert (index, key, GINT_TO_POINTER (value));
}

static GHashTable *
get_index (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* Ambiguous names first, so no alias or label can claim them; then
       * codes, Chinese names, English and translated labels. */
      for (guint i = 0; i < G_N_ELEMENTS (ambiguous_aliases); i++)
        index_add (index, ambiguous_aliases[i].alias, -(int) (i + 1));
      for (guint i = 0; i < G_N_ELEMENTS (measure_codes); i++)
        index_add (index, measure_codes[i].code, (int) (i + 1));
      for (guint i = 0; i < G_N_ELEMENTS (measure_codes); i++)
        {
          g_auto(GStrv) names = g_strsplit (measure_codes[i].aliases, "|", -1);

          for (guint j = 0; names[j] != NULL; j++)
            index_add (index, names[j], (int) (i + 1));
        }
      for (guint i = 0; i < G_N_ELEMENTS (measure_codes); i++)
        {
          index_add (index, measure_codes[i].name, (int) (i + 1));
          index_add (index, _(measure_codes[i].name), (int) (i + 1));
        }
      lookup_index = index;
      g_once_init_leave (&initialised, 1);
    }
  return lookup_index;
}

const LdMeasureCode *
ld_measure_codes (guint *n_codes)
{
  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (measure_codes);
  return measure_codes;
}

const LdMeasureCode *
ld_measure_code_find (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (measure_codes); i++)
    if (g_str_equal (measure_codes[i].code, code))
      return &measure_codes[i];
  return NULL;
}

const LdMeasureCode *
ld_measure_code_lookup (const char        *text,
                        LdMeasureCategory  hint)
{
  g_autofree char *key = NULL;
  const LdMeasureCode *exact;
  int value;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  exact = ld_measure_code_find (text);
  if (exact != NULL)
    return exact;

  key = matching_key (text);
  value = GPOINTER_TO_INT (g_hash_table_lookup (get_index (), key));
  if (value > 0)
    return &measure_codes[value - 1];
  if (value < 0)
    {
      const AmbiguousAlias *alias = &ambiguous_aliases[-value - 1];
      const char *code = NULL;

      if ((guint) hint < LD_N_MEASURE_CATEGORIES)
        code = alias->by_category[hint];
      return ld_measure_code_find (code != NULL ? code : alias->fallback);
    }
  return NULL;
}

const char *
ld_measure_code_get_label (const LdMeasureCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return _(code->name);
}

/* No probation lasts more than two years (《中国共产党纪律处分条例》第十二条). */
#define MAX_PROBATION_MONTHS 24

int
ld_measure_code_get_max_extension (const LdMeasureCode *code)
{
  g_return_val_if_fail (code != NULL, 0);

  if (code->effect != LD_EFFECT_PROBATION)
    return 0;
  return CLAMP (MAX_PROBATION_MONTHS - code->months, 0, 12);
}

gboolean
ld_measure_code_can_lift (const LdMeasureCode *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  return code->effect == LD_EFFECT_MONTHS || code->effect == LD_EFFECT_PROBATION
         || code->effect == LD_EFFECT_UNTIL_LIFTED;
}

/* ---- Categories ---------------------------------------------------------- */

static const struct
{
  const char *string;
  const char *label;
} categories[] = {
  /* Translators: 批评教育类处理, the measures of the first form. */
  { "edu", NC_("measure category", "Criticism and education measures") },
  /* Translators: 党纪处分. */
  { "party", NC_("measure category", "Party sanction") },
  /* Translators: 政务处分. */
  { "gov", NC_("measure category", "Government sanction") },
  /* Translators: 组织处理 / 组织调整. */
  { "org", NC_("measure category", "Organisational handling") },
  /* Translators: 问责. */
  { "account", NC_("measure category", "Accountability") },
  /* Translators: 移送司法机关. */
  { "criminal", NC_("measure category", "Transfer to the judicial organs") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (categories) == LD_N_MEASURE_CATEGORIES);

const char *
ld_measure_category_to_string (LdMeasureCategory category)
{
  if ((guint) category >= LD_N_MEASURE_CATEGORIES)
    return NULL;
  return categories[category].string;
}

LdMeasureCategory
ld_measure_category_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].string, str))
      return (LdMeasureCategory) i;
  return LD_N_MEASURE_CATEGORIES;
}

const char *
ld_measure_category_get_label (LdMeasureCategory category)
{
  if ((guint) category >= LD_N_MEASURE_CATEGORIES)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "measure category", categories[category].label);
}

/* ---- The four forms ------------------------------------------------------ */

static const char * const form_strings[] = { "F1", "F2", "F3", "F4" };

static const char * const form_labels[] = {
  /* Translators: 第一种形态 of the four forms (四种形态). */
  NC_("four forms", "First form"),
  /* Translators: 第二种形态. */
  NC_("four forms", "Second form"),
  /* Translators: 第三种形态. */
  NC_("four forms", "Third form"),
  /* Translators: 第四种形态. */
  NC_("four forms", "Fourth form"),
};

/* DOMAIN.md §1.1: the current wording (Party Constitution 2022 Art. 40). */
static const char * const form_formulas[] = {
  /* Translators: 经常开展批评和自我批评，及时进行谈话提醒、批评教育、责令检查等或者予以诫勉，
   * 让“红红脸、出出汗”成为常态 */
  N_("Criticism and self-criticism are practised often, reminder talks, criticism and education, ordered "
     "self-examination or admonishment come in good time, and “blushing and sweating” becomes the norm"),
  /* Translators: 党纪轻处分、组织调整成为违纪处理的大多数 */
  N_("Light Party sanctions and organisational adjustments become the majority of disciplinary handling"),
  /* Translators: 党纪重处分、重大职务调整的成为少数 */
  N_("Heavy Party sanctions and major post adjustments become a minority"),
  /* Translators: 严重违纪涉嫌犯罪追究刑事责任的成为极少数 */
  N_("Serious violations suspected of crimes and pursued for criminal liability become a tiny minority"),
};

/* The 2015–2016 wording of form four, kept for older reports. */
static const char *form_four_original =
  /* Translators: the 2015–2016 wording of the fourth form:
   * 严重违纪涉嫌违法立案审查的成为极少数 */
  N_("Serious violations suspected of illegality and placed on file for review become a tiny minority");

const char *
ld_form_to_string (int form)
{
  if (form < 1 || form > 4)
    return NULL;
  return form_strings[form - 1];
}

int
ld_form_from_string (const char *str)
{
  g_autofree char *key = NULL;

  if (str == NULL || !g_utf8_validate (str, -1, NULL))
    return 0;
  key = matching_key (str);
  for (int form = 1; form <= 4; form++)
    {
      g_autofree char *label = matching_key (ld_form_get_label (form));
      g_autofree char *english = matching_key (form_labels[form - 1]);
      static const char * const chinese[] = { "第一种形态", "第二种形态", "第三种形态", "第四种形态" };
      char digits[2] = { (char) ('0' + form), '\0' };

      if (g_ascii_strcasecmp (key, form_strings[form - 1]) == 0 || g_str_equal (key, digits)
          || g_str_equal (key, chinese[form - 1]) || g_str_equal (key, label) || g_str_equal (key, english))
        return form;
    }
  return 0;
}

const char *
ld_form_get_label (int form)
{
  if (form < 1 || form > 4)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "four forms", form_labels[form - 1]);
}

const char *
ld_form_get_formula (int      form,
                     gboolean original)
{
  if (form < 1 || form > 4)
    return NULL;
  if (form == 4 && original)
    return _(form_four_original);
  return _(form_formulas[form - 1]);
}

/* ---- Statuses and events ------------------------------------------------- */

static const struct
{
  const char *string;
  const char *label;
} statuses[] = {
  /* Translators: the status of a measure still in force (有效). */
  { "in-force", NC_("measure status", "In force") },
  /* Translators: 已解除. */
  { "lifted", NC_("measure status", "Lifted") },
  /* Translators: 申诉后变更, replaced by a new decision on appeal. */
  { "changed", NC_("measure status", "Changed on appeal") },
  /* Translators: 申诉后撤销. */
  { "revoked", NC_("measure status", "Revoked on appeal") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == LD_N_MEASURE_STATUSES);

const char *
ld_measure_status_to_string (LdMeasureStatus status)
{
  if ((guint) status >= LD_N_MEASURE_STATUSES)
    return NULL;
  return statuses[status].string;
}

LdMeasureStatus
ld_measure_status_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i].string, str))
      return (LdMeasureStatus) i;
  return LD_N_MEASURE_STATUSES;
}

const char *
ld_measure_status_get_label (LdMeasureStatus status)
{
  if ((guint) status >= LD_N_MEASURE_STATUSES)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "measure status", statuses[status].label);
}

static const char * const event_kinds[] = {
  "lift", "extend", "appeal-upheld", "appeal-changed", "appeal-revoked", "note", NULL
};

static const char * const event_labels[] = {
  /* Translators: an event of a measure: 解除. */
  NC_("measure event", "Lifting"),
  /* Translators: 延长留党察看期. */
  NC_("measure event", "Probation extended"),
  /* Translators: 申诉：维持原处理. */
  NC_("measure event", "Appeal: decision upheld"),
  /* Translators: 申诉：变更处理. */
  NC_("measure event", "Appeal: decision changed"),
  /* Translators: 申诉：撤销处理. */
  NC_("measure event", "Appeal: decision revoked"),
  /* Translators: 备注. */
  NC_("measure event", "Note"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (event_kinds) == G_N_ELEMENTS (event_labels) + 1);

const char * const *
ld_measure_event_kinds (void)
{
  return event_kinds;
}

const char *
ld_measure_event_get_label (const char *kind)
{
  for (guint i = 0; kind != NULL && event_kinds[i] != NULL; i++)
    if (g_str_equal (event_kinds[i], kind))
      return g_dpgettext2 (GETTEXT_PACKAGE, "measure event", event_labels[i]);
  return NULL;
}
