/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-file-section"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-file-section.h"
#include "records/ld-records-util.h"

/* The section tables of DOMAIN.md §4.2–4.3. Every label is an English
 * msgid marked N_(); the translator comments give the Chinese term the
 * official forms use, so the zh_CN translation can render it exactly. */

#define FIELD(key, label, type, required, choices, hint) { key, label, type, required, choices, hint }
#define END_CHOICES { NULL, NULL }

/* --- B: family members and main social relations ------------------------- */

static const LdEntryChoice relations[] = {
  /* Translators: 配偶 */
  { "spouse", N_("Spouse") },
  /* Translators: 儿子 */
  { "son", N_("Son") },
  /* Translators: 女儿 */
  { "daughter", N_("Daughter") },
  /* Translators: 父亲 */
  { "father", N_("Father") },
  /* Translators: 母亲 */
  { "mother", N_("Mother") },
  /* Translators: 女婿 */
  { "son-in-law", N_("Son-in-law") },
  /* Translators: 儿媳 */
  { "daughter-in-law", N_("Daughter-in-law") },
  /* Translators: 兄弟姐妹 */
  { "sibling", N_("Brother or sister") },
  /* Translators: 其他社会关系 */
  { "other", N_("Other relation") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_b[] = {
  /* Translators: 称谓 (relation to the cadre) */
  FIELD ("relation", N_("Relation"), LD_ENTRY_FIELD_CHOICE, TRUE, relations, NULL),
  /* Translators: 姓名 of a family member */
  FIELD ("name", N_("Full name"), LD_ENTRY_FIELD_TEXT, TRUE, NULL, NULL),
  /* Translators: 出生年月 */
  FIELD ("birth_date", N_("Born"), LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL),
  /* Translators: 政治面貌 */
  FIELD ("political_status", N_("Political affiliation"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 政治面貌 */
         N_("For example: CPC member, masses")),
  /* Translators: 工作单位 */
  FIELD ("work_unit", N_("Work unit"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 职务 of a family member */
  FIELD ("post", N_("Post held"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 是否在境外定居或长期居住 */
  FIELD ("abroad", N_("Lives abroad"), LD_ENTRY_FIELD_BOOL, FALSE, NULL, NULL),
  /* Translators: 居住地或国籍 */
  FIELD ("residence", N_("Residence or nationality"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 居住地或国籍 */
         N_("Country and city of residence; foreign nationality or permanent residence if any")),
};

/* --- C: personal-matters reports ----------------------------------------- */

static const LdEntryChoice report_kinds[] = {
  /* Translators: 年度集中报告 */
  { "annual", N_("Annual report") },
  /* Translators: 事后报告 (报告期内变化) */
  { "change", N_("Change report") },
  END_CHOICES
};

static const LdEntryChoice verifications[] = {
  /* Translators: 未查核 */
  { "not-checked", N_("Not checked") },
  /* Translators: 一致 (查核结果与报告一致) */
  { "consistent", N_("Consistent with the report") },
  /* Translators: 漏报 */
  { "omitted", N_("Omission") },
  /* Translators: 隐瞒不报 */
  { "concealed", N_("Concealment") },
  END_CHOICES
};

static const LdEntryChoice verification_kinds[] = {
  /* Translators: 随机抽查 */
  { "random", N_("Random check") },
  /* Translators: 重点查核 */
  { "targeted", N_("Targeted check") },
  /* Translators: 提拔前查核 (拟提拔考察对象查核) */
  { "pre-promotion", N_("Check before promotion") },
  /* Translators: 其他查核 */
  { "other", N_("Other check") },
  END_CHOICES
};

/* Translators: 本人婚姻情况 */
#define PM1_LABEL N_("Own marital status")
/* Translators: 本人持有普通护照以及因私出国的情况 */
#define PM2_LABEL N_("Ordinary passports held and private trips abroad")
/* Translators: 本人持有往来港澳通行证、因私持有大陆居民往来台湾通行证以及因私往来港澳、台湾的情况 */
#define PM3_LABEL N_("Hong Kong, Macao and Taiwan travel permits and private trips there")
/* Translators: 子女与外国人、无国籍人通婚的情况 */
#define PM4_LABEL N_("Children married to foreigners or stateless persons")
/* Translators: 子女与港澳以及台湾居民通婚的情况 */
#define PM5_LABEL N_("Children married to residents of Hong Kong, Macao or Taiwan")
/* Translators: 配偶、子女移居国（境）外的情况；或者虽未移居但连续在国（境）外工作、生活一年以上的情况 */
#define PM6_LABEL N_("Spouse or children emigrated, or working or living abroad for a year or more")
/* Translators: 配偶、子女及其配偶的从业情况，含受聘担任私营企业、外商投资企业等的高级职务，在国（境）外的从业情况和职务情况 */
#define PM7_LABEL N_("Employment of spouse, children and their spouses")
/* Translators: 配偶、子女及其配偶被司法机关追究刑事责任的情况 */
#define PM8_LABEL N_("Spouse, children or their spouses prosecuted for crimes")
/* Translators: 本人的工资及各类奖金、津贴、补贴等 */
#define PA1_LABEL N_("Own salary, bonuses, allowances and subsidies")
/* Translators: 本人从事讲学、写作、咨询、审稿、书画等劳务所得 */
#define PA2_LABEL N_("Own income from lecturing, writing, consulting, reviewing, calligraphy and painting")
/* Translators: 本人、配偶、共同生活的子女为所有权人或者共有人的房产情况 */
#define PA3_LABEL N_("Real estate owned or co-owned by self, spouse and co-resident children")
/* Translators: 本人、配偶、共同生活的子女投资或者以其他方式持有股票、基金、投资型保险等的情况 */
#define PA4_LABEL N_("Stocks, funds and investment insurance of self, spouse and co-resident children")
/* Translators: 配偶、子女及其配偶经商办企业的情况 */
#define PA5_LABEL N_("Businesses run by spouse, children and their spouses")
/* Translators: 本人、配偶、共同生活的子女在国（境）外的存款和投资情况 */
#define PA6_LABEL N_("Deposits and investments abroad of self, spouse and co-resident children")

static const LdEntryChoice matters[] = {
  { "PM1", PM1_LABEL },
  { "PM2", PM2_LABEL },
  { "PM3", PM3_LABEL },
  { "PM4", PM4_LABEL },
  { "PM5", PM5_LABEL },
  { "PM6", PM6_LABEL },
  { "PM7", PM7_LABEL },
  { "PM8", PM8_LABEL },
  { "PA1", PA1_LABEL },
  { "PA2", PA2_LABEL },
  { "PA3", PA3_LABEL },
  { "PA4", PA4_LABEL },
  { "PA5", PA5_LABEL },
  { "PA6", PA6_LABEL },
  END_CHOICES
};

#define MATTER(code, label) FIELD (code, label, LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL)

static const LdEntryFieldInfo fields_c[] = {
  /* Translators: 报告时间 */
  FIELD ("submitted", N_("Submitted on"), LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL),
  MATTER ("PM1", PM1_LABEL),
  MATTER ("PM2", PM2_LABEL),
  MATTER ("PM3", PM3_LABEL),
  MATTER ("PM4", PM4_LABEL),
  MATTER ("PM5", PM5_LABEL),
  MATTER ("PM6", PM6_LABEL),
  MATTER ("PM7", PM7_LABEL),
  MATTER ("PM8", PM8_LABEL),
  MATTER ("PA1", PA1_LABEL),
  MATTER ("PA2", PA2_LABEL),
  MATTER ("PA3", PA3_LABEL),
  MATTER ("PA4", PA4_LABEL),
  MATTER ("PA5", PA5_LABEL),
  MATTER ("PA6", PA6_LABEL),
  /* Translators: 查核结果 */
  FIELD ("verification", N_("Verification result"), LD_ENTRY_FIELD_CHOICE, FALSE, verifications,
         /* Translators: hint under 查核结果; 漏报 and 隐瞒不报 */
         N_("An omission is a detail left out; concealment hides a whole matter and is handled more severely")),
  /* Translators: 查核方式 */
  FIELD ("verification_kind", N_("Kind of verification"), LD_ENTRY_FIELD_CHOICE, FALSE, verification_kinds, NULL),
  /* Translators: 查核时间 */
  FIELD ("verified", N_("Verified on"), LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL),
  /* Translators: 查核发现的问题 */
  FIELD ("findings", N_("Discrepancies found"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
  /* Translators: 处理情况 */
  FIELD ("handling", N_("How it was handled"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

#undef MATTER

/* --- D: duty and integrity reports, democratic appraisal ------------------ */

static const LdEntryChoice report_d_kinds[] = {
  /* Translators: 述职述廉 */
  { "duty-report", N_("Report on duties and integrity") },
  /* Translators: 述责述廉 */
  { "integrity-report", N_("Report on responsibilities and integrity") },
  /* Translators: 民主测评 */
  { "democratic-appraisal", N_("Democratic appraisal") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_d[] = {
  /* Translators: 测评得分 */
  FIELD ("score", N_("Appraisal score"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 测评等次 */
  FIELD ("grade", N_("Appraisal rating"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 测评等次 */
         N_("For example: good, fairly good, average, poor")),
  /* Translators: 报告内容 */
  FIELD ("text", N_("Content of the report"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

/* --- E: self-discipline ---------------------------------------------------- */

static const LdEntryChoice discipline_kinds[] = {
  /* Translators: 礼品礼金上交登记 */
  { "gift-handed-in", N_("Gift or cash handed in") },
  /* Translators: 婚丧喜庆事宜报告 */
  { "wedding-funeral", N_("Wedding or funeral reported") },
  /* Translators: 廉政承诺书 */
  { "pledge", N_("Integrity pledge") },
  /* Translators: 兼职情况 */
  { "outside-post", N_("Outside post") },
  /* Translators: 因私出入境证件集中保管 */
  { "passport-custody", N_("Private travel documents in custody") },
  /* Translators: 插手干预重大事项记录 */
  { "interference-record", N_("Interference in a major matter recorded") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_e[] = {
  /* Translators: 送礼人类别 (上交礼品礼金登记) */
  FIELD ("giver_type", N_("Kind of giver"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 送礼人类别 */
         N_("For example: subordinate, business contact, managed party")),
  /* Translators: 礼品礼金名称 */
  FIELD ("item", N_("Gift or cash"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 价值（元） */
  FIELD ("value", N_("Value (yuan)"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 处理方式 (礼品礼金) */
  FIELD ("gift_handling", N_("Handling of the gift"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 处理方式 */
         N_("For example: handed in to the discipline commission, returned, auctioned")),
  /* Translators: 婚丧喜庆事由 */
  FIELD ("event", N_("Occasion"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 宴请人数 */
  FIELD ("guests", N_("Number of guests"), LD_ENTRY_FIELD_INT, FALSE, NULL, NULL),
  /* Translators: 收受礼金（元） */
  FIELD ("gifts_value", N_("Gift money received (yuan)"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 报告时间 (婚丧喜庆) */
  FIELD ("reported", N_("Reported on"), LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL),
  /* Translators: 承诺内容 */
  FIELD ("pledge_text", N_("Text of the pledge"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
  /* Translators: 兼职单位 */
  FIELD ("organisation", N_("Organisation"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 兼任职务 */
  FIELD ("outside_post", N_("Post there"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 是否取酬 */
  FIELD ("paid", N_("Paid"), LD_ENTRY_FIELD_BOOL, FALSE, NULL, NULL),
  /* Translators: 审批机关 */
  FIELD ("approved_by", N_("Approved by"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 证件名称及号码 */
  FIELD ("document", N_("Travel document and number"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 保管单位 */
  FIELD ("custodian", N_("Kept by"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 干预事项 */
  FIELD ("matter", N_("Matter interfered in"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 干预人 */
  FIELD ("who", N_("Who interfered"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 记录方式 (全程留痕) */
  FIELD ("how_recorded", N_("How it was recorded"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
};

/* --- I: appraisal ----------------------------------------------------------- */

static const LdEntryChoice appraisal_kinds[] = {
  /* Translators: 年度考核 */
  { "annual", N_("Annual appraisal") },
  /* Translators: 党风廉政建设责任制考核 */
  { "responsibility", N_("Appraisal under the integrity responsibility system") },
  END_CHOICES
};

static const LdEntryChoice grades[] = {
  /* Translators: 优秀 (考核等次) */
  { "excellent", N_("Excellent") },
  /* Translators: 称职 (公务员考核等次) */
  { "competent", N_("Competent") },
  /* Translators: 基本称职 */
  { "basically-competent", N_("Basically competent") },
  /* Translators: 不称职 */
  { "incompetent", N_("Incompetent") },
  /* Translators: 合格 (事业单位考核等次) */
  { "qualified", N_("Qualified") },
  /* Translators: 基本合格 */
  { "basically-qualified", N_("Basically qualified") },
  /* Translators: 不合格 */
  { "unqualified", N_("Unqualified") },
  /* Translators: 不定等次 */
  { "not-graded", N_("Not graded") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_i[] = {
  /* Translators: 考核等次 */
  FIELD ("grade", N_("Appraisal grade"), LD_ENTRY_FIELD_CHOICE, TRUE, grades,
         /* Translators: hint under 考核等次 */
         N_("Civil servants: excellent, competent, basically competent, incompetent; "
            "public institutions: excellent, qualified, basically qualified, unqualified")),
  /* Translators: 考核评语 */
  FIELD ("comments", N_("Appraisal comments"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

/* --- J: economic-responsibility audits ------------------------------------ */

static const LdEntryChoice audit_kinds[] = {
  /* Translators: 任中经济责任审计 */
  { "term", N_("Audit during the term") },
  /* Translators: 离任经济责任审计 */
  { "departure", N_("Audit on leaving the post") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_j[] = {
  /* Translators: 审计机关 */
  FIELD ("auditor", N_("Audit office"), LD_ENTRY_FIELD_TEXT, TRUE, NULL, NULL),
  /* Translators: 审计期间 */
  FIELD ("period", N_("Period audited"), LD_ENTRY_FIELD_TEXT, FALSE, NULL,
         /* Translators: hint under 审计期间 */
         N_("For example: 2019-01 to 2023-12")),
  /* Translators: 审计发现的问题 */
  FIELD ("findings", N_("Audit findings"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
  /* Translators: 涉及金额（元） */
  FIELD ("amount", N_("Amount involved (yuan)"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 整改情况 */
  FIELD ("rectification", N_("Rectification"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

/* --- K: inspection tours and special checks -------------------------------- */

static const LdEntryChoice inspection_kinds[] = {
  /* Translators: 巡视 (by the central or provincial Party committee) */
  { "inspection-tour", N_("Inspection tour") },
  /* Translators: 巡察 (by a city or county Party committee) */
  { "local-inspection", N_("Local inspection tour") },
  /* Translators: 专项检查 */
  { "special-check", N_("Special check") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_k[] = {
  /* Translators: 发现的问题 (巡视巡察) */
  FIELD ("finding", N_("Problem found"), LD_ENTRY_FIELD_LONG_TEXT, TRUE, NULL, NULL),
  /* Translators: 整改措施 */
  FIELD ("rectification", N_("Rectification measures"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
  /* Translators: 是否整改到位 */
  FIELD ("rectified", N_("Rectified"), LD_ENTRY_FIELD_BOOL, FALSE, NULL, NULL),
  /* Translators: 整改时限 */
  FIELD ("due", N_("Rectify by"), LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL),
};

/* --- L: integrity education ------------------------------------------------ */

static const LdEntryChoice education_kinds[] = {
  /* Translators: 任前廉政谈话 */
  { "pre-appointment-talk", N_("Integrity talk before appointment") },
  /* Translators: 廉政法规测试 */
  { "integrity-test", N_("Test on integrity rules") },
  /* Translators: 廉政教育培训 */
  { "training", N_("Integrity training") },
  END_CHOICES
};

static const LdEntryFieldInfo fields_l[] = {
  /* Translators: 谈话人 */
  FIELD ("talked_by", N_("Talk given by"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 测试成绩 */
  FIELD ("score", N_("Test score"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 培训课程 */
  FIELD ("course", N_("Course"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 培训学时 */
  FIELD ("hours", N_("Training hours"), LD_ENTRY_FIELD_DECIMAL, FALSE, NULL, NULL),
  /* Translators: 备注 */
  FIELD ("note", N_("Notes"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

/* --- N: rewards -------------------------------------------------------------- */

static const LdEntryFieldInfo fields_n[] = {
  /* Translators: 奖励名称 */
  FIELD ("name", N_("Reward"), LD_ENTRY_FIELD_TEXT, TRUE, NULL,
         /* Translators: hint under 奖励名称 */
         N_("For example: third-class merit, outstanding Party member")),
  /* Translators: 奖励级别 */
  FIELD ("level", N_("Level of the reward"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 批准机关 */
  FIELD ("issuer", N_("Awarded by"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
  /* Translators: 文号 */
  FIELD ("document_number", N_("Document number"), LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL),
};

/* --- Z: other ---------------------------------------------------------------- */

static const LdEntryFieldInfo fields_z[] = {
  /* Translators: 标题 */
  FIELD ("title", N_("Title"), LD_ENTRY_FIELD_TEXT, TRUE, NULL, NULL),
  /* Translators: 内容 */
  FIELD ("text", N_("Content"), LD_ENTRY_FIELD_LONG_TEXT, FALSE, NULL, NULL),
};

#undef FIELD

/* --- The sections -------------------------------------------------------------- */

#define ENTRIES(fields) fields, G_N_ELEMENTS (fields)

static const LdFileSectionInfo sections[] = {
  { "A",
    /* Translators: 基本信息 */
    N_("Basic Information"),
    N_("Name, ID number, education, unit, post, rank and the categories computed from them."),
    FALSE, NULL, LD_ENTRY_FIELD_DATE, NULL, NULL, 0, NULL, NULL },
  { "B",
    /* Translators: 家庭成员及主要社会关系 */
    N_("Family Members and Social Relations"),
    N_("Spouse, children, parents and other close relations: where they work and whether they live abroad."),
    TRUE, NULL, LD_ENTRY_FIELD_DATE, NULL, ENTRIES (fields_b), NULL, "relation,name,work_unit,post" },
  { "C",
    /* Translators: 个人有关事项报告 */
    N_("Personal Matters Reports"),
    N_("The yearly reports on 8 family matters and 6 property matters and the result of their verification."),
    /* Translators: 报告年度 */
    TRUE, N_("Report year"), LD_ENTRY_FIELD_YEAR, report_kinds, ENTRIES (fields_c), "verification",
    "verification,verification_kind" },
  { "D",
    /* Translators: 述责述廉、述职述廉及民主测评 */
    N_("Duty and Integrity Reports"),
    N_("Reports on duties and integrity and the democratic appraisal of them."),
    /* Translators: 年度 */
    TRUE, N_("Year"), LD_ENTRY_FIELD_YEAR, report_d_kinds, ENTRIES (fields_d), NULL, "score,grade" },
  { "E",
    /* Translators: 廉洁自律 */
    N_("Self-Discipline"),
    N_("Gifts handed in, weddings and funerals reported, pledges, outside posts, "
       "travel documents in custody and interference in major matters."),
    /* Translators: 日期 (登记日期) */
    TRUE, N_("Date"), LD_ENTRY_FIELD_DATE, discipline_kinds, ENTRIES (fields_e), NULL,
    "item,value,event,guests,organisation,outside_post,document,matter" },
  { "F",
    /* Translators: 信访举报及处理 */
    N_("Petitions and Reports"),
    N_("Petitions and reports about the cadre, how they were disposed of and their conclusions."),
    FALSE, NULL, LD_ENTRY_FIELD_DATE, NULL, NULL, 0, NULL, NULL },
  { "G",
    /* Translators: 谈话函询 */
    N_("Talks and Letters of Inquiry"),
    N_("Talks and written inquiries, the cadre's explanations and their results."),
    FALSE, NULL, LD_ENTRY_FIELD_DATE, NULL, NULL, 0, NULL, NULL },
  { "H",
    /* Translators: 处分处理 */
    N_("Sanctions and Measures"),
    N_("Party and government sanctions, organisational measures, accountability and admonitions."),
    FALSE, NULL, LD_ENTRY_FIELD_DATE, NULL, NULL, 0, NULL, NULL },
  { "I",
    /* Translators: 考核评价 */
    N_("Appraisals"),
    N_("Annual appraisal grades and appraisals under the integrity responsibility system."),
    TRUE, N_("Year"), LD_ENTRY_FIELD_YEAR, appraisal_kinds, ENTRIES (fields_i), "grade", "grade" },
  { "J",
    /* Translators: 经济责任审计 */
    N_("Economic Responsibility Audits"),
    N_("Audits during the term and on leaving the post, their findings and rectification."),
    /* Translators: 审计时间 */
    TRUE, N_("Audit date"), LD_ENTRY_FIELD_DATE, audit_kinds, ENTRIES (fields_j), NULL, "auditor,amount" },
  { "K",
    /* Translators: 巡视巡察及专项检查 */
    N_("Inspection Findings"),
    N_("Problems found by inspection tours and special checks and their rectification."),
    TRUE, N_("Date"), LD_ENTRY_FIELD_DATE, inspection_kinds, ENTRIES (fields_k), NULL, "finding,rectified" },
  { "L",
    /* Translators: 廉政教育 */
    N_("Integrity Education"),
    N_("The integrity talk before appointment, tests on integrity rules and training."),
    TRUE, N_("Date"), LD_ENTRY_FIELD_DATE, education_kinds, ENTRIES (fields_l), NULL, "talked_by,score,course,hours" },
  { "M",
    /* Translators: 党风廉政意见回复 */
    N_("Integrity Opinion Replies"),
    N_("Requests for an opinion on the cadre's integrity and the replies given."),
    FALSE, NULL, LD_ENTRY_FIELD_DATE, NULL, NULL, 0, NULL, NULL },
  { "N",
    /* Translators: 奖励表彰 */
    N_("Rewards and Honours"),
    N_("Rewards and honours, who gave them and the document that did."),
    TRUE, N_("Date"), LD_ENTRY_FIELD_DATE, NULL, ENTRIES (fields_n), NULL, "name,level,issuer" },
  { "Z",
    /* Translators: 其他 */
    N_("Other Records"),
    N_("Anything else that belongs in the file."),
    TRUE, N_("Date"), LD_ENTRY_FIELD_DATE, NULL, ENTRIES (fields_z), NULL, "title" },
};

#undef ENTRIES

/* Fields of sections with sub-kinds that only some kinds use; fields not
 * listed here apply to every kind. */
typedef struct
{
  const char *section;
  const char *key;
  const char *kinds;   /* comma-separated */
} FieldKinds;

static const FieldKinds field_kinds[] = {
  { "D", "score", "democratic-appraisal" },
  { "D", "grade", "democratic-appraisal" },
  { "E", "giver_type", "gift-handed-in" },
  { "E", "item", "gift-handed-in" },
  { "E", "value", "gift-handed-in" },
  { "E", "gift_handling", "gift-handed-in" },
  { "E", "event", "wedding-funeral" },
  { "E", "guests", "wedding-funeral" },
  { "E", "gifts_value", "wedding-funeral" },
  { "E", "reported", "wedding-funeral" },
  { "E", "pledge_text", "pledge" },
  { "E", "organisation", "outside-post" },
  { "E", "outside_post", "outside-post" },
  { "E", "paid", "outside-post" },
  { "E", "approved_by", "outside-post" },
  { "E", "document", "passport-custody" },
  { "E", "custodian", "passport-custody" },
  { "E", "matter", "interference-record" },
  { "E", "who", "interference-record" },
  { "E", "how_recorded", "interference-record" },
  { "L", "talked_by", "pre-appointment-talk" },
  { "L", "score", "integrity-test" },
  { "L", "course", "training" },
  { "L", "hours", "training" },
};

const LdFileSectionInfo *
ld_file_sections (guint *n_sections)
{
  if (n_sections != NULL)
    *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const LdFileSectionInfo *
ld_file_section_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_ascii_strcasecmp (sections[i].code, code) == 0)
      return &sections[i];
  return NULL;
}

guint
ld_file_section_index (const char *code)
{
  const LdFileSectionInfo *section = ld_file_section_lookup (code);

  return section ? (guint) (section - sections) : G_N_ELEMENTS (sections);
}

const LdEntryFieldInfo *
ld_file_section_find_field (const LdFileSectionInfo *section,
                            const char              *key)
{
  g_return_val_if_fail (section != NULL, NULL);

  if (key == NULL)
    return NULL;
  for (guint i = 0; i < section->n_fields; i++)
    if (g_str_equal (section->fields[i].key, key))
      return &section->fields[i];
  return NULL;
}

const char *
ld_file_section_gettext (const char *msgid)
{
  if (msgid == NULL || *msgid == '\0')
    return "";
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static const LdEntryChoice *
find_choice (const LdEntryChoice *choices,
             const char          *code)
{
  for (guint i = 0; choices != NULL && code != NULL && choices[i].code != NULL; i++)
    if (g_str_equal (choices[i].code, code))
      return &choices[i];
  return NULL;
}

const char *
ld_entry_field_choice_label (const LdEntryFieldInfo *field,
                             const char             *code)
{
  const LdEntryChoice *choice;

  g_return_val_if_fail (field != NULL, code);

  choice = find_choice (field->choices, code);
  return choice ? ld_file_section_gettext (choice->label) : code;
}

const char *
ld_file_section_kind_label (const LdFileSectionInfo *section,
                            const char              *kind)
{
  const LdEntryChoice *choice;

  g_return_val_if_fail (section != NULL, kind);

  choice = find_choice (section->kinds, kind);
  return choice ? ld_file_section_gettext (choice->label) : kind;
}

gboolean
ld_file_section_field_applies (const LdFileSectionInfo *section,
                               const LdEntryFieldInfo  *field,
                               const char              *kind)
{
  g_return_val_if_fail (section != NULL && field != NULL, FALSE);

  if (kind == NULL || *kind == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    {
      g_auto(GStrv) kinds = NULL;

      if (!g_str_equal (field_kinds[i].section, section->code) || !g_str_equal (field_kinds[i].key, field->key))
        continue;
      kinds = g_strsplit (field_kinds[i].kinds, ",", -1);
      return g_strv_contains ((const char * const *) kinds, kind);
    }
  return TRUE;
}

const LdEntryChoice *
ld_personal_matters_items (void)
{
  return matters;
}

/* --- Values ------------------------------------------------------------------- */

static char *
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static char *
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (LD_ERROR, LD_ERROR_INVALID, format, args);
  va_end (args);
  return NULL;
}

/* NFKC (full-width digits and punctuation to ASCII), surrounding space
 * dropped. */
static char *
fold (const char *value)
{
  g_autofree char *norm = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);

  return g_strstrip (g_steal_pointer (&norm));
}

static gboolean
parse_number (const char *text,
              guint       max_digits,
              int        *out)
{
  guint64 n;
  gsize len = strlen (text);

  if (len == 0 || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &n, NULL))
    return FALSE;
  *out = (int) n;
  return TRUE;
}

/* "YYYY-MM-DD", "YYYY-MM", "YYYY/M/D", "YYYY.MM", "YYYY年M月D日", in
 * ASCII after folding; the stored form is "YYYY-MM-DD" or "YYYY-MM". */
static char *
normalise_date (const char *folded)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  guint n;
  int y = 0, m = 0, d = 0;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x5E74 || c == 0x6708)   /* 年 月 */
        g_string_append_c (text, '-');
      else if (c == 0x65E5)              /* 日 */
        continue;
      else if (c == '/' || c == '.')
        g_string_append_c (text, '-');
      else if (c < 0x80)
        g_string_append_c (text, (char) c);
      else
        return NULL;
    }
  while (text->len > 0 && text->str[text->len - 1] == '-')
    g_string_truncate (text, text->len - 1);
  parts = g_strsplit (text->str, "-", -1);
  n = g_strv_length (parts);
  if (n < 2 || n > 3
      || strlen (parts[0]) != 4 || !parse_number (parts[0], 4, &y)
      || !parse_number (parts[1], 2, &m)
      || (n == 3 && !parse_number (parts[2], 2, &d)))
    return NULL;
  if (y < 1900 || y > 2100 || m < 1 || m > 12)
    return NULL;
  if (n == 2)
    return g_strdup_printf ("%04d-%02d", y, m);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static char *
normalise_decimal (const char *folded)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *dot = NULL;
  guint n_int = 0, n_frac = 0;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == ',' && dot == NULL && digits->len > 0)
        continue;   /* thousands separator */
      if (*p == '.' && dot == NULL && digits->len > 0)
        {
          dot = p;
          g_string_append_c (digits, '.');
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return NULL;
      if (dot == NULL)
        n_int++;
      else
        n_frac++;
      g_string_append_c (digits, *p);
    }
  if (n_int == 0 || n_int > 13 || n_frac > 2 || (dot != NULL && n_frac == 0))
    return NULL;
  /* Drop leading zeros of the whole part and trailing zeros of the
   * fraction: "0012.50" → "12.5". */
  while (digits->len > 1 && digits->str[0] == '0' && digits->str[1] != '.')
    g_string_erase (digits, 0, 1);
  if (dot != NULL)
    {
      while (digits->str[digits->len - 1] == '0')
        g_string_truncate (digits, digits->len - 1);
      if (digits->str[digits->len - 1] == '.')
        g_string_truncate (digits, digits->len - 1);
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static char *
normalise_long_text (const char  *value,
                     const char  *label,
                     GError     **error)
{
  g_autoptr(GString) text = NULL;
  char *copy;

  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not valid text. Type it again."), label);
  /* Line ends to "\n"; no other control character but tabs. */
  text = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (text, '\n');
          continue;
        }
      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        return invalid (error, _("%s contains a control character. Remove it."), label);
      g_string_append_unichar (text, c);
    }
  copy = g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
  if (g_utf8_strlen (copy, -1) > 20000)
    {
      g_free (copy);
      return invalid (error, _("%s is too long: at most 20,000 characters are allowed. "
                               "Shorten it or attach the full text as a file."), label);
    }
  return copy;
}

char *
ld_entry_field_normalise (const LdEntryFieldInfo  *field,
                          const char              *value,
                          GError                 **error)
{
  const char *label;
  g_autofree char *folded = NULL;
  char *result = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  label = ld_file_section_gettext (field->label);
  if (value == NULL)
    value = "";

  if (field->type == LD_ENTRY_FIELD_TEXT)
    return _ld_records_clean_text (value, label, 200, field->required, error);
  if (field->type == LD_ENTRY_FIELD_LONG_TEXT)
    {
      result = normalise_long_text (value, label, error);
      if (result != NULL && field->required && *result == '\0')
        {
          g_free (result);
          return invalid (error, _("%s is required. Fill it in."), label);
        }
      return result;
    }

  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not valid text. Type it again."), label);
  folded = fold (value);
  if (*folded == '\0')
    {
      if (field->required)
        return invalid (error, _("%s is required. Fill it in."), label);
      return g_strdup ("");
    }

  switch (field->type)
    {
    case LD_ENTRY_FIELD_DATE:
      result = normalise_date (folded);
      if (result == NULL)
        return invalid (error,
                        /* Translators: %s are a field label and the value typed. */
                        _("%s: “%s” is not a date. Write it as YYYY-MM-DD or YYYY-MM, for example 2024-03-15."),
                        label, value);
      return result;

    case LD_ENTRY_FIELD_YEAR:
      {
        int y = 0;
        gsize len = strlen (folded);

        /* "2023年" */
        if (len > 4 && g_str_has_suffix (folded, "年"))
          folded[len - strlen ("年")] = '\0';
        if (strlen (folded) != 4 || !parse_number (folded, 4, &y) || y < 1900 || y > 2100)
          return invalid (error,
                          _("%s: “%s” is not a year. Write four digits between 1900 and 2100, for example 2023."),
                          label, value);
        return g_strdup_printf ("%04d", y);
      }

    case LD_ENTRY_FIELD_INT:
      {
        int n = 0;

        if (!parse_number (folded, 9, &n))
          return invalid (error, _("%s: “%s” is not a whole number. Write digits only, for example 12."),
                          label, value);
        return g_strdup_printf ("%d", n);
      }

    case LD_ENTRY_FIELD_DECIMAL:
      result = normalise_decimal (folded);
      if (result == NULL)
        return invalid (error,
                        _("%s: “%s” is not an amount. Write a number with at most two decimals, for example 1200.50."),
                        label, value);
      return result;

    case LD_ENTRY_FIELD_BOOL:
      if (g_str_equal (folded, "1") || g_ascii_strcasecmp (folded, "yes") == 0
          || g_ascii_strcasecmp (folded, "true") == 0 || g_str_equal (folded, "是"))
        return g_strdup ("1");
      if (g_str_equal (folded, "0") || g_ascii_strcasecmp (folded, "no") == 0
          || g_ascii_strcasecmp (folded, "false") == 0 || g_str_equal (folded, "否"))
        return g_strdup ("0");
      return invalid (error, _("%s: “%s” is not yes or no. Write 1 for yes or 0 for no."), label, value);

    case LD_ENTRY_FIELD_CHOICE:
      {
        g_autoptr(GString) codes = g_string_new (NULL);

        for (guint i = 0; field->choices != NULL && field->choices[i].code != NULL; i++)
          {
            const LdEntryChoice *choice = &field->choices[i];

            if (g_ascii_strcasecmp (choice->code, folded) == 0
                || g_str_equal (ld_file_section_gettext (choice->label), folded))
              return g_strdup (choice->code);
            g_string_append_printf (codes, "%s%s", i ? ", " : "", choice->code);
          }
        return invalid (error,
                        /* Translators: %s are a field label, the value typed, and the allowed codes. */
                        _("%s: unknown value “%s”. Use one of: %s."), label, value, codes->str);
      }

    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_LONG_TEXT:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

const char *
ld_entry_field_type_hint (LdEntryFieldType type)
{
  switch (type)
    {
    case LD_ENTRY_FIELD_TEXT:
      return _("text");
    case LD_ENTRY_FIELD_LONG_TEXT:
      return _("long text");
    case LD_ENTRY_FIELD_DATE:
      return _("date YYYY-MM-DD or YYYY-MM");
    case LD_ENTRY_FIELD_YEAR:
      return _("year YYYY");
    case LD_ENTRY_FIELD_INT:
      return _("whole number");
    case LD_ENTRY_FIELD_DECIMAL:
      return _("number, two decimals at most");
    case LD_ENTRY_FIELD_BOOL:
      return _("1 for yes, 0 for no");
    case LD_ENTRY_FIELD_CHOICE:
      return _("one of the codes");
    default:
      return "";
    }
}

gboolean
ld_file_section_describe_change (const char  *name,
                                 const char  *value,
                                 char       **out_label,
                                 char       **out_value)
{
  static const struct { const char *key; const char *label; } attachment_keys[] = {
    { "id", N_("Attachment number") },
    { "owner", N_("Attached to") },
    { "name", N_("File name") },
    { "size", N_("Size in bytes") },
    { "sha256", N_("SHA-256 checksum") },
    { "retired_reason", N_("Reason for retiring") },
  };
  const LdFileSectionInfo *section;
  const LdEntryFieldInfo *field;
  const char *dot, *key, *label = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (out_label != NULL && out_value != NULL, FALSE);

  if (name == NULL || (dot = strchr (name, '.')) == NULL)
    return FALSE;
  key = dot + 1;
  value = value ? value : "";
  code = g_strndup (name, (gsize) (dot - name));
  if (g_str_equal (code, "attachment"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (attachment_keys); i++)
        if (g_str_equal (attachment_keys[i].key, key))
          {
            /* Translators: a change in a file's history: "Attachment: File name". */
            *out_label = g_strdup_printf (_("Attachment: %s"), _(attachment_keys[i].label));
            *out_value = g_strdup (value);
            return TRUE;
          }
      return FALSE;
    }
  section = ld_file_section_lookup (code);
  if (section == NULL || !section->has_entries)
    return FALSE;
  if (g_str_equal (key, "entry"))
    label = _("Entry number");
  else if (g_str_equal (key, "kind"))
    {
      label = _("Kind of entry");
      if (section->kinds != NULL && *value != '\0')
        shown = g_strdup (ld_file_section_kind_label (section, value));
    }
  else if (g_str_equal (key, "entry_date"))
    label = section->date_label ? ld_file_section_gettext (section->date_label) : _("Date");
  else if (g_str_equal (key, "retired_reason"))
    label = _("Reason for retiring");
  else if ((field = ld_file_section_find_field (section, key)) != NULL)
    {
      label = ld_file_section_gettext (field->label);
      if (field->type == LD_ENTRY_FIELD_CHOICE && *value != '\0')
        shown = g_strdup (ld_entry_field_choice_label (field, value));
      else if (field->type == LD_ENTRY_FIELD_BOOL && *value != '\0')
        shown = g_strdup (g_str_equal (value, "1") ? _("yes") : _("no"));
    }
  else
    return FALSE;
  /* Translators: a change in a file's history: a section title and a field label. */
  *out_label = g_strdup_printf (_("%s: %s"), ld_file_section_gettext (section->title), label);
  *out_value = shown ? g_steal_pointer (&shown) : g_strdup (value);
  return TRUE;
}
