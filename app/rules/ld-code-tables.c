/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-code-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rules/ld-code-tables.h"
#include "rules/ld-case-tables.h"

/* One row of a static table. level and principal only matter for the
 * post-level, leading-post, rank and staff-grade tables; current only for
 * the pre-2019 titles in the rank table. */
typedef struct
{
  const char *code;
  const char *label;     /* English source string, marked with NC_() */
  LdPostLevel level;
  gboolean    principal;
  const char *current;
} Row;

#define CTX_POST_LEVEL "post level"
#define CTX_LEADING_POST "leading post"
#define CTX_RANK "rank"
#define CTX_STAFF_GRADE "staff grade"
#define CTX_MANAGEMENT "management authority"
#define CTX_EMPLOYMENT "employment status"
#define CTX_POLITICAL "political status"
#define CTX_EDUCATION "education"
#define CTX_POST_TAG "post type"
#define CTX_UNIT_KIND "unit kind"
#define CTX_SUPERVISOR "supervisor"
#define CTX_SEX "sex"
#define CTX_ETHNICITY "ethnicity"
#define CTX_DEGREE "degree"

/* DOMAIN.md §11.2, highest first as rosters list them. */
static const Row post_levels[] = {
  { "guojia", NC_("post level", "State level"), LD_POST_LEVEL_GUOJIA },
  { "shengbu", NC_("post level", "Province or ministry level"), LD_POST_LEVEL_SHENGBU },
  { "tingju", NC_("post level", "Bureau or prefecture level"), LD_POST_LEVEL_TINGJU },
  { "xianchu", NC_("post level", "County or division level"), LD_POST_LEVEL_XIANCHU },
  { "xiangke", NC_("post level", "Township or section level"), LD_POST_LEVEL_XIANGKE },
};

/* 领导职务层次, DOMAIN.md §11.2. */
static const Row leading_posts[] = {
  { "L01", NC_("leading post", "State level, principal"), LD_POST_LEVEL_GUOJIA, TRUE },
  { "L02", NC_("leading post", "State level, deputy"), LD_POST_LEVEL_GUOJIA, FALSE },
  { "L03", NC_("leading post", "Province or ministry level, principal"), LD_POST_LEVEL_SHENGBU, TRUE },
  { "L04", NC_("leading post", "Province or ministry level, deputy"), LD_POST_LEVEL_SHENGBU, FALSE },
  { "L05", NC_("leading post", "Bureau or prefecture level, principal"), LD_POST_LEVEL_TINGJU, TRUE },
  { "L06", NC_("leading post", "Bureau or prefecture level, deputy"), LD_POST_LEVEL_TINGJU, FALSE },
  { "L07", NC_("leading post", "County or division level, principal"), LD_POST_LEVEL_XIANCHU, TRUE },
  { "L08", NC_("leading post", "County or division level, deputy"), LD_POST_LEVEL_XIANCHU, FALSE },
  { "L09", NC_("leading post", "Township or section level, principal"), LD_POST_LEVEL_XIANGKE, TRUE },
  { "L10", NC_("leading post", "Township or section level, deputy"), LD_POST_LEVEL_XIANGKE, FALSE },
};

/* 职级序列 with the usual equivalent level, then the pre-2019 non-leading
 * titles and the rank each was converted to in 2019 (巡视员 → 一级巡视员,
 * 副巡视员 → 二级巡视员, 调研员 → 二级调研员, 副调研员 → 四级调研员,
 * 主任科员 → 二级主任科员, 副主任科员 → 四级主任科员, 科员 → 一级科员,
 * 办事员 → 二级科员). */
static const Row ranks[] = {
  { "J01", NC_("rank", "Inspector, first class"), LD_POST_LEVEL_TINGJU, TRUE },
  { "J02", NC_("rank", "Inspector, second class"), LD_POST_LEVEL_TINGJU, FALSE },
  { "J03", NC_("rank", "Researcher, first class"), LD_POST_LEVEL_XIANCHU, TRUE },
  { "J04", NC_("rank", "Researcher, second class"), LD_POST_LEVEL_XIANCHU, TRUE },
  { "J05", NC_("rank", "Researcher, third class"), LD_POST_LEVEL_XIANCHU, FALSE },
  { "J06", NC_("rank", "Researcher, fourth class"), LD_POST_LEVEL_XIANCHU, FALSE },
  { "J07", NC_("rank", "Principal staff member, first class"), LD_POST_LEVEL_XIANGKE, TRUE },
  { "J08", NC_("rank", "Principal staff member, second class"), LD_POST_LEVEL_XIANGKE, TRUE },
  { "J09", NC_("rank", "Principal staff member, third class"), LD_POST_LEVEL_XIANGKE, FALSE },
  { "J10", NC_("rank", "Principal staff member, fourth class"), LD_POST_LEVEL_XIANGKE, FALSE },
  { "J11", NC_("rank", "Staff member, first class"), LD_POST_LEVEL_NONE, FALSE },
  { "J12", NC_("rank", "Staff member, second class"), LD_POST_LEVEL_NONE, FALSE },
  { "old-xunshiyuan", NC_("rank", "Inspector (title before 2019)"), LD_POST_LEVEL_TINGJU, TRUE, "J01" },
  { "old-fuxunshiyuan", NC_("rank", "Deputy inspector (title before 2019)"), LD_POST_LEVEL_TINGJU, FALSE,
    "J02" },
  { "old-diaoyanyuan", NC_("rank", "Researcher (title before 2019)"), LD_POST_LEVEL_XIANCHU, TRUE, "J04" },
  { "old-fudiaoyanyuan", NC_("rank", "Deputy researcher (title before 2019)"), LD_POST_LEVEL_XIANCHU, FALSE,
    "J06" },
  { "old-zhurenkeyuan", NC_("rank", "Principal staff member (title before 2019)"), LD_POST_LEVEL_XIANGKE, TRUE,
    "J08" },
  { "old-fuzhurenkeyuan", NC_("rank", "Deputy principal staff member (title before 2019)"),
    LD_POST_LEVEL_XIANGKE, FALSE, "J10" },
  { "old-keyuan", NC_("rank", "Staff member (title before 2019)"), LD_POST_LEVEL_NONE, FALSE, "J11" },
  { "old-banshiyuan", NC_("rank", "Clerk (title before 2019)"), LD_POST_LEVEL_NONE, FALSE, "J12" },
};

/* 事业单位职员等级 and their usual equivalent level [K]. */
static const Row staff_grades[] = {
  { "Z01", NC_("staff grade", "Staff grade 1"), LD_POST_LEVEL_SHENGBU, TRUE },
  { "Z02", NC_("staff grade", "Staff grade 2"), LD_POST_LEVEL_SHENGBU, FALSE },
  { "Z03", NC_("staff grade", "Staff grade 3"), LD_POST_LEVEL_TINGJU, TRUE },
  { "Z04", NC_("staff grade", "Staff grade 4"), LD_POST_LEVEL_TINGJU, FALSE },
  { "Z05", NC_("staff grade", "Staff grade 5"), LD_POST_LEVEL_XIANCHU, TRUE },
  { "Z06", NC_("staff grade", "Staff grade 6"), LD_POST_LEVEL_XIANCHU, FALSE },
  { "Z07", NC_("staff grade", "Staff grade 7"), LD_POST_LEVEL_XIANGKE, TRUE },
  { "Z08", NC_("staff grade", "Staff grade 8"), LD_POST_LEVEL_XIANGKE, FALSE },
  { "Z09", NC_("staff grade", "Staff grade 9"), LD_POST_LEVEL_NONE, FALSE },
  { "Z10", NC_("staff grade", "Staff grade 10"), LD_POST_LEVEL_NONE, FALSE },
};

/* 分级, DOMAIN.md §4.4. */
static const Row management[] = {
  { "central", NC_("management authority", "Centrally managed") },
  { "provincial", NC_("management authority", "Managed by the province") },
  { "municipal", NC_("management authority", "Managed by the city") },
  { "county", NC_("management authority", "Managed by the county") },
  { "unit", NC_("management authority", "Managed by the unit") },
};

static const Row employment[] = {
  { "active", NC_("employment status", "In post") },
  { "left-post", NC_("employment status", "Left post, not retired") },
  { "retired", NC_("employment status", "Retired") },
  { "transferred-out", NC_("employment status", "Transferred out") },
};

/* GB/T 4762-1984, DOMAIN.md §11.3. */
static const Row political[] = {
  { "01", NC_("political status", "Member of the Communist Party of China") },
  { "02", NC_("political status", "Probationary member of the Communist Party of China") },
  { "03", NC_("political status", "Member of the Communist Youth League") },
  { "04", NC_("political status", "Member of the Revolutionary Committee of the Chinese Kuomintang") },
  { "05", NC_("political status", "Member of the China Democratic League") },
  { "06", NC_("political status", "Member of the China National Democratic Construction Association") },
  { "07", NC_("political status", "Member of the China Association for Promoting Democracy") },
  { "08", NC_("political status", "Member of the Chinese Peasants’ and Workers’ Democratic Party") },
  { "09", NC_("political status", "Member of the China Zhi Gong Party") },
  { "10", NC_("political status", "Member of the Jiusan Society") },
  { "11", NC_("political status", "Member of the Taiwan Democratic Self-Government League") },
  { "12", NC_("political status", "Non-party democrat") },
  { "13", NC_("political status", "No party affiliation") },
};

/* GB/T 4658-2006, DOMAIN.md §11.4: the main codes, plus 11 and 14 because
 * rosters tell doctoral and master's graduates apart. */
static const Row education[] = {
  { "10", NC_("education", "Postgraduate") },
  { "11", NC_("education", "Doctoral postgraduate") },
  { "14", NC_("education", "Master’s postgraduate") },
  { "20", NC_("education", "University undergraduate") },
  { "30", NC_("education", "Junior college") },
  { "40", NC_("education", "Secondary vocational school") },
  { "60", NC_("education", "Senior high school") },
  { "70", NC_("education", "Junior high school") },
  { "80", NC_("education", "Primary school") },
  { "90", NC_("education", "Other education") },
};

/* Key-position post types, DOMAIN.md §5. */
static const Row post_tags[] = {
  { "finance", NC_("post type", "Finance and fund management") },
  { "procurement", NC_("post type", "Procurement and tendering") },
  { "construction", NC_("post type", "Construction and project management") },
  { "approval", NC_("post type", "Administrative approval and licensing") },
  { "enforcement", NC_("post type", "Law enforcement and inspection") },
  { "personnel", NC_("post type", "Personnel and cadre selection") },
  { "state-assets", NC_("post type", "State assets and public resources") },
  { "special-funds", NC_("post type", "Special funds and subsidies") },
};

static const Row unit_kinds[] = {
  { "party-organ", NC_("unit kind", "Party organ") },
  { "government-organ", NC_("unit kind", "Government organ") },
  { "public-institution", NC_("unit kind", "Public institution") },
  { "soe", NC_("unit kind", "State-owned enterprise") },
  { "township", NC_("unit kind", "Township or subdistrict") },
  { "village", NC_("unit kind", "Village or community") },
  { "other", NC_("unit kind", "Other unit") },
};

static const Row supervisor_kinds[] = {
  { "same-level", NC_("supervisor", "Discipline commission at the same level") },
  { "stationed", NC_("supervisor", "Stationed discipline inspection group") },
};

static const Row sexes[] = {
  { "M", NC_("sex", "Male") },
  { "F", NC_("sex", "Female") },
};

/* GB/T 3304-1991 (DOMAIN.md §11.5). The labels are the usual English
 * names; the Chinese names are the first aliases of each code below. */
static const Row ethnicities[] = {
  /* Translators: GB/T 3304: 汉族 */
  { "01", NC_("ethnicity", "Han") },
  /* Translators: GB/T 3304: 蒙古族 */
  { "02", NC_("ethnicity", "Mongolian") },
  /* Translators: GB/T 3304: 回族 */
  { "03", NC_("ethnicity", "Hui") },
  /* Translators: GB/T 3304: 藏族 */
  { "04", NC_("ethnicity", "Tibetan") },
  /* Translators: GB/T 3304: 维吾尔族 */
  { "05", NC_("ethnicity", "Uyghur") },
  /* Translators: GB/T 3304: 苗族 */
  { "06", NC_("ethnicity", "Miao") },
  /* Translators: GB/T 3304: 彝族 */
  { "07", NC_("ethnicity", "Yi") },
  /* Translators: GB/T 3304: 壮族 */
  { "08", NC_("ethnicity", "Zhuang") },
  /* Translators: GB/T 3304: 布依族 */
  { "09", NC_("ethnicity", "Bouyei") },
  /* Translators: GB/T 3304: 朝鲜族 */
  { "10", NC_("ethnicity", "Korean") },
  /* Translators: GB/T 3304: 满族 */
  { "11", NC_("ethnicity", "Manchu") },
  /* Translators: GB/T 3304: 侗族 */
  { "12", NC_("ethnicity", "Dong") },
  /* Translators: GB/T 3304: 瑶族 */
  { "13", NC_("ethnicity", "Yao") },
  /* Translators: GB/T 3304: 白族 */
  { "14", NC_("ethnicity", "Bai") },
  /* Translators: GB/T 3304: 土家族 */
  { "15", NC_("ethnicity", "Tujia") },
  /* Translators: GB/T 3304: 哈尼族 */
  { "16", NC_("ethnicity", "Hani") },
  /* Translators: GB/T 3304: 哈萨克族 */
  { "17", NC_("ethnicity", "Kazakh") },
  /* Translators: GB/T 3304: 傣族 */
  { "18", NC_("ethnicity", "Dai") },
  /* Translators: GB/T 3304: 黎族 */
  { "19", NC_("ethnicity", "Li") },
  /* Translators: GB/T 3304: 傈僳族 */
  { "20", NC_("ethnicity", "Lisu") },
  /* Translators: GB/T 3304: 佤族 */
  { "21", NC_("ethnicity", "Va") },
  /* Translators: GB/T 3304: 畲族 */
  { "22", NC_("ethnicity", "She") },
  /* Translators: GB/T 3304: 高山族 */
  { "23", NC_("ethnicity", "Gaoshan") },
  /* Translators: GB/T 3304: 拉祜族 */
  { "24", NC_("ethnicity", "Lahu") },
  /* Translators: GB/T 3304: 水族 */
  { "25", NC_("ethnicity", "Sui") },
  /* Translators: GB/T 3304: 东乡族 */
  { "26", NC_("ethnicity", "Dongxiang") },
  /* Translators: GB/T 3304: 纳西族 */
  { "27", NC_("ethnicity", "Naxi") },
  /* Translators: GB/T 3304: 景颇族 */
  { "28", NC_("ethnicity", "Jingpo") },
  /* Translators: GB/T 3304: 柯尔克孜族 */
  { "29", NC_("ethnicity", "Kyrgyz") },
  /* Translators: GB/T 3304: 土族 */
  { "30", NC_("ethnicity", "Tu") },
  /* Translators: GB/T 3304: 达斡尔族 */
  { "31", NC_("ethnicity", "Daur") },
  /* Translators: GB/T 3304: 仫佬族 */
  { "32", NC_("ethnicity", "Mulao") },
  /* Translators: GB/T 3304: 羌族 */
  { "33", NC_("ethnicity", "Qiang") },
  /* Translators: GB/T 3304: 布朗族 */
  { "34", NC_("ethnicity", "Blang") },
  /* Translators: GB/T 3304: 撒拉族 */
  { "35", NC_("ethnicity", "Salar") },
  /* Translators: GB/T 3304: 毛南族 */
  { "36", NC_("ethnicity", "Maonan") },
  /* Translators: GB/T 3304: 仡佬族 */
  { "37", NC_("ethnicity", "Gelao") },
  /* Translators: GB/T 3304: 锡伯族 */
  { "38", NC_("ethnicity", "Xibe") },
  /* Translators: GB/T 3304: 阿昌族 */
  { "39", NC_("ethnicity", "Achang") },
  /* Translators: GB/T 3304: 普米族 */
  { "40", NC_("ethnicity", "Pumi") },
  /* Translators: GB/T 3304: 塔吉克族 */
  { "41", NC_("ethnicity", "Tajik") },
  /* Translators: GB/T 3304: 怒族 */
  { "42", NC_("ethnicity", "Nu") },
  /* Translators: GB/T 3304: 乌孜别克族 */
  { "43", NC_("ethnicity", "Uzbek") },
  /* Translators: GB/T 3304: 俄罗斯族 */
  { "44", NC_("ethnicity", "Russian") },
  /* Translators: GB/T 3304: 鄂温克族 */
  { "45", NC_("ethnicity", "Evenki") },
  /* Translators: GB/T 3304: 德昂族 */
  { "46", NC_("ethnicity", "De’ang") },
  /* Translators: GB/T 3304: 保安族 */
  { "47", NC_("ethnicity", "Bonan") },
  /* Translators: GB/T 3304: 裕固族 */
  { "48", NC_("ethnicity", "Yugur") },
  /* Translators: GB/T 3304: 京族 */
  { "49", NC_("ethnicity", "Jing") },
  /* Translators: GB/T 3304: 塔塔尔族 */
  { "50", NC_("ethnicity", "Tatar") },
  /* Translators: GB/T 3304: 独龙族 */
  { "51", NC_("ethnicity", "Derung") },
  /* Translators: GB/T 3304: 鄂伦春族 */
  { "52", NC_("ethnicity", "Oroqen") },
  /* Translators: GB/T 3304: 赫哲族 */
  { "53", NC_("ethnicity", "Hezhen") },
  /* Translators: GB/T 3304: 门巴族 */
  { "54", NC_("ethnicity", "Monba") },
  /* Translators: GB/T 3304: 珞巴族 */
  { "55", NC_("ethnicity", "Lhoba") },
  /* Translators: GB/T 3304: 基诺族 */
  { "56", NC_("ethnicity", "Jino") },
  /* Translators: GB/T 3304: 其他未识别民族 */
  { "97", NC_("ethnicity", "Unidentified ethnic group") },
  /* Translators: GB/T 3304: 外国血统中国籍人士 */
  { "98", NC_("ethnicity", "Chinese citizen of foreign origin") },
};

/* GB/T 6864-2003 (学位), the main codes; the detailed ones (201 哲学博士
 * …) are aliases of these. */
static const Row degrees[] = {
  /* Translators: GB/T 6864: 名誉博士 */
  { "1", NC_("degree", "Honorary doctorate") },
  /* Translators: GB/T 6864: 博士 */
  { "2", NC_("degree", "Doctorate") },
  /* Translators: GB/T 6864: 硕士 */
  { "3", NC_("degree", "Master’s degree") },
  /* Translators: GB/T 6864: 学士 */
  { "4", NC_("degree", "Bachelor’s degree") },
};

/* ---- The code tables of talks, petitions and clues (ld-case-tables.h) ---- */

#define CTX_TALK_TYPE "talk type"
#define CTX_PETITION_KIND "petition kind"
#define CTX_CHANNEL "channel"
#define CTX_PROBLEM "problem category"
#define CTX_ROUTING "routing"
#define CTX_DISPOSAL "disposal"
#define CTX_CLUE_RESULT "clue result"
#define CTX_PETITION_STATUS "petition status"
#define CTX_CLUE_STATUS "clue status"
#define CTX_WRITTEN_KIND "written kind"

/* DOMAIN.md §6. */
static const Row talk_types[] = {
  /* Translators: 谈心谈话 */
  { "T_HEART", NC_("talk type", "Heart-to-heart talk") },
  /* Translators: 提醒谈话 (by a Party organisation) */
  { "T_REMIND", NC_("talk type", "Reminder talk") },
  /* Translators: 谈话提醒 (by a discipline organ) */
  { "T_REMIND_JJ", NC_("talk type", "Reminder talk by the discipline organ") },
  /* Translators: 诫勉谈话 */
  { "T_ADMONISH", NC_("talk type", "Admonishment talk") },
  /* Translators: 警示谈话 */
  { "T_WARN", NC_("talk type", "Warning talk") },
  /* Translators: 谈话函询 */
  { "T_INQUIRY", NC_("talk type", "Talk or letter inquiry") },
  /* Translators: 约谈 */
  { "T_SUMMON", NC_("talk type", "Summons talk") },
  /* Translators: 任前廉政谈话 */
  { "T_PREAPPOINT", NC_("talk type", "Pre-appointment integrity talk") },
  /* Translators: 任职谈话 */
  { "T_APPOINT", NC_("talk type", "Appointment talk") },
  /* Translators: 上级一把手对下级一把手监督谈话 */
  { "T_SUPERVISE_TOP", NC_("talk type", "Supervision talk with a top leader") },
  /* Translators: 回访教育谈话 */
  { "T_REVISIT", NC_("talk type", "Return-visit talk") },
};

static const Row petition_kinds[] = {
  /* Translators: 检举控告 */
  { "accusation", NC_("petition kind", "Report or accusation") },
  /* Translators: 申诉 */
  { "appeal", NC_("petition kind", "Appeal") },
  /* Translators: 批评建议 */
  { "suggestion", NC_("petition kind", "Criticism or suggestion") },
  /* Translators: 其他 */
  { "other", NC_("petition kind", "Other petition") },
};

/* DOMAIN.md §3.2. */
static const Row channels[] = {
  /* Translators: 来信 */
  { "CH_LETTER", NC_("channel", "Letter") },
  /* Translators: 来访 */
  { "CH_VISIT", NC_("channel", "Visit in person") },
  /* Translators: 来电 / 12388 */
  { "CH_PHONE", NC_("channel", "Phone (12388)") },
  /* Translators: 网络举报 */
  { "CH_WEB", NC_("channel", "Online report") },
  /* Translators: 上级交办 */
  { "SRC_SUPERIOR", NC_("channel", "Assigned by a higher organ") },
  /* Translators: 巡视巡察移交 */
  { "SRC_INSPECTION", NC_("channel", "Transferred by an inspection tour") },
  /* Translators: 审计移交 */
  { "SRC_AUDIT", NC_("channel", "Transferred by audit") },
  /* Translators: 司法机关/行政执法机关移交 */
  { "SRC_JUDICIAL", NC_("channel", "Transferred by a judicial or law-enforcement organ") },
  /* Translators: 日常监督中发现 */
  { "SRC_SUPERVISION", NC_("channel", "Found in daily supervision") },
  /* Translators: 审查调查中发现 */
  { "SRC_CASE", NC_("channel", "Found in another case") },
  /* Translators: 媒体 / 舆情 */
  { "SRC_MEDIA", NC_("channel", "Media or online opinion") },
  /* Translators: 下级报送 */
  { "SRC_LOWER", NC_("channel", "Reported by a lower organ") },
  /* Translators: 主动交代 */
  { "SRC_SELF", NC_("channel", "Self-confession") },
};

/* DOMAIN.md §9: the six disciplines, job-related illegality, the 四风 items. */
static const Row problem_categories[] = {
  /* Translators: 政治纪律 */
  { "POL", NC_("problem category", "Political discipline") },
  /* Translators: 组织纪律 */
  { "ORG", NC_("problem category", "Organisational discipline") },
  /* Translators: 廉洁纪律 */
  { "INT", NC_("problem category", "Integrity discipline") },
  /* Translators: 群众纪律 */
  { "MAS", NC_("problem category", "Discipline towards the public") },
  /* Translators: 工作纪律 */
  { "WRK", NC_("problem category", "Work discipline") },
  /* Translators: 生活纪律 */
  { "LIF", NC_("problem category", "Discipline of private life") },
  /* Translators: 职务违法犯罪 */
  { "LAW", NC_("problem category", "Job-related illegality or crime") },
  /* Translators: 四风 FB1: 贯彻党中央重大决策部署有令不行、有禁不止… */
  { "FB1", NC_("problem category", "Not carrying out the central decisions") },
  /* Translators: 四风 FB2: 在履职尽责…方面不担当、不作为、乱作为、假作为 */
  { "FB2", NC_("problem category", "Inaction or misconduct in performing duties") },
  /* Translators: 四风 FB3: 在联系服务群众中消极应付、冷硬横推、效率低下 */
  { "FB3", NC_("problem category", "Perfunctory or harsh service to the public") },
  /* Translators: 四风 FB4: 文山会海反弹回潮…给基层造成严重负担 */
  { "FB4", NC_("problem category", "Excess paperwork, meetings and inspections") },
  /* Translators: 四风 FB9: 其他形式主义、官僚主义问题 */
  { "FB9", NC_("problem category", "Other formalism or bureaucratism") },
  /* Translators: 四风 HS1: 违规收送名贵特产和礼品礼金 */
  { "HS1", NC_("problem category", "Improper gifts and cash gifts") },
  /* Translators: 四风 HS2: 违规吃喝 */
  { "HS2", NC_("problem category", "Improper eating and drinking") },
  /* Translators: 四风 HS3: 违规发放津补贴或福利 */
  { "HS3", NC_("problem category", "Improper allowances or benefits") },
  /* Translators: 四风 HS4: 违规操办婚丧喜庆 */
  { "HS4", NC_("problem category", "Improper weddings, funerals and celebrations") },
  /* Translators: 四风 HS5: 公款旅游以及违规接受管理和服务对象等旅游活动安排 */
  { "HS5", NC_("problem category", "Travel at public expense or paid by others") },
  /* Translators: 四风 HS6: 违规配备使用公务用车 */
  { "HS6", NC_("problem category", "Improper use of official cars") },
  /* Translators: 四风 HS7: 楼堂馆所违规问题 */
  { "HS7", NC_("problem category", "Improper office buildings and premises") },
  /* Translators: 四风 HS9: 其他享乐主义、奢靡之风问题 */
  { "HS9", NC_("problem category", "Other hedonism or extravagance") },
};

static const Row routings[] = {
  /* Translators: 本级办理 */
  { "local", NC_("routing", "Handled at this level") },
  /* Translators: 上报上级 */
  { "up", NC_("routing", "Forwarded to the higher organ") },
  /* Translators: 转交下级 */
  { "down", NC_("routing", "Forwarded to a lower organ") },
};

/* DOMAIN.md §3.4. */
static const Row disposals[] = {
  /* Translators: 谈话函询 */
  { "talk-letter", NC_("disposal", "Talk or letter inquiry") },
  /* Translators: 初步核实 */
  { "verify", NC_("disposal", "Preliminary verification") },
  /* Translators: 暂存待查 */
  { "hold", NC_("disposal", "Hold pending") },
  /* Translators: 予以了结 */
  { "close", NC_("disposal", "Close") },
  /* Translators: 移送审查调查 */
  { "case", NC_("disposal", "Transfer for case review") },
};

static const Row clue_results[] = {
  /* Translators: 查实 */
  { "founded", NC_("clue result", "Founded") },
  /* Translators: 部分属实 */
  { "partly", NC_("clue result", "Partly founded") },
  /* Translators: 失实 */
  { "unfounded", NC_("clue result", "Unfounded") },
  /* Translators: 无法查实 */
  { "uncheckable", NC_("clue result", "Cannot be verified") },
};

static const Row petition_statuses[] = {
  /* Translators: 已登记 */
  { "registered", NC_("petition status", "Registered") },
  /* Translators: 已受理 */
  { "accepted", NC_("petition status", "Accepted") },
  /* Translators: 已转办 */
  { "routed", NC_("petition status", "Forwarded") },
  /* Translators: 存档 (repeat report or no substance) */
  { "filed", NC_("petition status", "Kept on file") },
  /* Translators: 不予受理 */
  { "not-accepted", NC_("petition status", "Not accepted") },
  /* Translators: 已办结 */
  { "closed", NC_("petition status", "Closed") },
};

static const Row clue_statuses[] = {
  /* Translators: 待处置 */
  { "pending", NC_("clue status", "Awaiting disposal") },
  /* Translators: 处置中 */
  { "handling", NC_("clue status", "Being handled") },
  /* Translators: 暂存待查 */
  { "held", NC_("clue status", "Held pending") },
  /* Translators: 已办结 */
  { "closed", NC_("clue status", "Closed") },
};

static const Row written_kinds[] = {
  /* Translators: 无需书面材料 */
  { "0", NC_("written kind", "None required") },
  /* Translators: 书面说明 */
  { "1", NC_("written kind", "Written explanation") },
  /* Translators: 书面检查 */
  { "2", NC_("written kind", "Written self-examination") },
};

typedef struct
{
  const char *name;
  const char *context;
  const Row  *rows;
  guint       n_rows;
} Table;

#define TABLE(name, ctx, rows) { name, ctx, rows, G_N_ELEMENTS (rows) }

static const Table tables[] = {
  TABLE (LD_CODE_TABLE_POST_LEVEL, CTX_POST_LEVEL, post_levels),
  TABLE (LD_CODE_TABLE_LEADING_POST, CTX_LEADING_POST, leading_posts),
  TABLE (LD_CODE_TABLE_RANK, CTX_RANK, ranks),
  TABLE (LD_CODE_TABLE_STAFF_GRADE, CTX_STAFF_GRADE, staff_grades),
  TABLE (LD_CODE_TABLE_MANAGEMENT, CTX_MANAGEMENT, management),
  TABLE (LD_CODE_TABLE_EMPLOYMENT_STATUS, CTX_EMPLOYMENT, employment),
  TABLE (LD_CODE_TABLE_POLITICAL_STATUS, CTX_POLITICAL, political),
  TABLE (LD_CODE_TABLE_EDUCATION, CTX_EDUCATION, education),
  TABLE (LD_CODE_TABLE_POST_TAG, CTX_POST_TAG, post_tags),
  TABLE (LD_CODE_TABLE_UNIT_KIND, CTX_UNIT_KIND, unit_kinds),
  TABLE (LD_CODE_TABLE_SUPERVISOR_KIND, CTX_SUPERVISOR, supervisor_kinds),
  TABLE (LD_CODE_TABLE_SEX, CTX_SEX, sexes),
  TABLE (LD_CODE_TABLE_ETHNICITY, CTX_ETHNICITY, ethnicities),
  TABLE (LD_CODE_TABLE_DEGREE, CTX_DEGREE, degrees),
  TABLE (LD_CODE_TABLE_TALK_TYPE, CTX_TALK_TYPE, talk_types),
  TABLE (LD_CODE_TABLE_PETITION_KIND, CTX_PETITION_KIND, petition_kinds),
  TABLE (LD_CODE_TABLE_CHANNEL, CTX_CHANNEL, channels),
  TABLE (LD_CODE_TABLE_PROBLEM_CATEGORY, CTX_PROBLEM, problem_categories),
  TABLE (LD_CODE_TABLE_ROUTING, CTX_ROUTING, routings),
  TABLE (LD_CODE_TABLE_DISPOSAL, CTX_DISPOSAL, disposals),
  TABLE (LD_CODE_TABLE_CLUE_RESULT, CTX_CLUE_RESULT, clue_results),
  TABLE (LD_CODE_TABLE_PETITION_STATUS, CTX_PETITION_STATUS, petition_statuses),
  TABLE (LD_CODE_TABLE_CLUE_STATUS, CTX_CLUE_STATUS, clue_statuses),
  TABLE (LD_CODE_TABLE_WRITTEN_KIND, CTX_WRITTEN_KIND, written_kinds),
};

/* The twelve cadre tables: ld_code_table_names() leaves out the person
 * tables (ethnicity and degree) and the case tables, which
 * ld_case_code_table_names() lists. */
static const char * const table_names[] = {
  LD_CODE_TABLE_POST_LEVEL, LD_CODE_TABLE_LEADING_POST, LD_CODE_TABLE_RANK, LD_CODE_TABLE_STAFF_GRADE,
  LD_CODE_TABLE_MANAGEMENT, LD_CODE_TABLE_EMPLOYMENT_STATUS, LD_CODE_TABLE_POLITICAL_STATUS,
  LD_CODE_TABLE_EDUCATION, LD_CODE_TABLE_POST_TAG, LD_CODE_TABLE_UNIT_KIND, LD_CODE_TABLE_SUPERVISOR_KIND,
  LD_CODE_TABLE_SEX, NULL
};

#define N_CASE_TABLES 10
#define N_UNLISTED_TABLES (2 + N_CASE_TABLES)
G_STATIC_ASSERT (G_N_ELEMENTS (table_names) == G_N_ELEMENTS (tables) - N_UNLISTED_TABLES + 1);

/* Chinese names and the usual short forms found in imported rosters. They
 * are matched, never shown, so they are not translatable. */
typedef struct
{
  const char *table;
  const char *code;
  const char *alias;
} Alias;

static const Alias aliases[] = {
  { LD_CODE_TABLE_POST_LEVEL, "guojia", "国家级" },
  { LD_CODE_TABLE_POST_LEVEL, "shengbu", "省部级" },
  { LD_CODE_TABLE_POST_LEVEL, "tingju", "厅局级" },
  { LD_CODE_TABLE_POST_LEVEL, "tingju", "地厅级" },
  { LD_CODE_TABLE_POST_LEVEL, "xianchu", "县处级" },
  { LD_CODE_TABLE_POST_LEVEL, "xiangke", "乡科级" },

  { LD_CODE_TABLE_LEADING_POST, "L01", "国家级正职" },
  { LD_CODE_TABLE_LEADING_POST, "L02", "国家级副职" },
  { LD_CODE_TABLE_LEADING_POST, "L03", "省部级正职" },
  { LD_CODE_TABLE_LEADING_POST, "L03", "正部级" },
  { LD_CODE_TABLE_LEADING_POST, "L03", "正部" },
  { LD_CODE_TABLE_LEADING_POST, "L03", "正省级" },
  { LD_CODE_TABLE_LEADING_POST, "L03", "正省部级" },
  { LD_CODE_TABLE_LEADING_POST, "L04", "省部级副职" },
  { LD_CODE_TABLE_LEADING_POST, "L04", "副部级" },
  { LD_CODE_TABLE_LEADING_POST, "L04", "副部" },
  { LD_CODE_TABLE_LEADING_POST, "L04", "副省级" },
  { LD_CODE_TABLE_LEADING_POST, "L04", "副省部级" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "厅局级正职" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "正厅级" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "正厅" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "正局级" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "正厅局级" },
  { LD_CODE_TABLE_LEADING_POST, "L05", "正地级" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "厅局级副职" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "副厅级" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "副厅" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "副局级" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "副厅局级" },
  { LD_CODE_TABLE_LEADING_POST, "L06", "副地级" },
  { LD_CODE_TABLE_LEADING_POST, "L07", "县处级正职" },
  { LD_CODE_TABLE_LEADING_POST, "L07", "正处级" },
  { LD_CODE_TABLE_LEADING_POST, "L07", "正处" },
  { LD_CODE_TABLE_LEADING_POST, "L07", "正县级" },
  { LD_CODE_TABLE_LEADING_POST, "L07", "正县处级" },
  { LD_CODE_TABLE_LEADING_POST, "L08", "县处级副职" },
  { LD_CODE_TABLE_LEADING_POST, "L08", "副处级" },
  { LD_CODE_TABLE_LEADING_POST, "L08", "副处" },
  { LD_CODE_TABLE_LEADING_POST, "L08", "副县级" },
  { LD_CODE_TABLE_LEADING_POST, "L08", "副县处级" },
  { LD_CODE_TABLE_LEADING_POST, "L09", "乡科级正职" },
  { LD_CODE_TABLE_LEADING_POST, "L09", "正科级" },
  { LD_CODE_TABLE_LEADING_POST, "L09", "正科" },
  { LD_CODE_TABLE_LEADING_POST, "L09", "正乡科级" },
  { LD_CODE_TABLE_LEADING_POST, "L10", "乡科级副职" },
  { LD_CODE_TABLE_LEADING_POST, "L10", "副科级" },
  { LD_CODE_TABLE_LEADING_POST, "L10", "副科" },
  { LD_CODE_TABLE_LEADING_POST, "L10", "副乡科级" },

  { LD_CODE_TABLE_RANK, "J01", "一级巡视员" },
  { LD_CODE_TABLE_RANK, "J02", "二级巡视员" },
  { LD_CODE_TABLE_RANK, "J03", "一级调研员" },
  { LD_CODE_TABLE_RANK, "J04", "二级调研员" },
  { LD_CODE_TABLE_RANK, "J05", "三级调研员" },
  { LD_CODE_TABLE_RANK, "J06", "四级调研员" },
  { LD_CODE_TABLE_RANK, "J07", "一级主任科员" },
  { LD_CODE_TABLE_RANK, "J08", "二级主任科员" },
  { LD_CODE_TABLE_RANK, "J09", "三级主任科员" },
  { LD_CODE_TABLE_RANK, "J10", "四级主任科员" },
  { LD_CODE_TABLE_RANK, "J11", "一级科员" },
  { LD_CODE_TABLE_RANK, "J12", "二级科员" },
  { LD_CODE_TABLE_RANK, "old-xunshiyuan", "巡视员" },
  { LD_CODE_TABLE_RANK, "old-fuxunshiyuan", "副巡视员" },
  { LD_CODE_TABLE_RANK, "old-diaoyanyuan", "调研员" },
  { LD_CODE_TABLE_RANK, "old-fudiaoyanyuan", "副调研员" },
  { LD_CODE_TABLE_RANK, "old-zhurenkeyuan", "主任科员" },
  { LD_CODE_TABLE_RANK, "old-fuzhurenkeyuan", "副主任科员" },
  { LD_CODE_TABLE_RANK, "old-keyuan", "科员" },
  { LD_CODE_TABLE_RANK, "old-banshiyuan", "办事员" },

  { LD_CODE_TABLE_STAFF_GRADE, "Z01", "一级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z02", "二级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z03", "三级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z04", "四级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z05", "五级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z06", "六级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z07", "七级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z08", "八级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z09", "九级职员" },
  { LD_CODE_TABLE_STAFF_GRADE, "Z10", "十级职员" },

  { LD_CODE_TABLE_MANAGEMENT, "central", "中管" },
  { LD_CODE_TABLE_MANAGEMENT, "central", "中管干部" },
  { LD_CODE_TABLE_MANAGEMENT, "provincial", "省管" },
  { LD_CODE_TABLE_MANAGEMENT, "provincial", "省管干部" },
  { LD_CODE_TABLE_MANAGEMENT, "municipal", "市管" },
  { LD_CODE_TABLE_MANAGEMENT, "municipal", "市管干部" },
  { LD_CODE_TABLE_MANAGEMENT, "county", "县管" },
  { LD_CODE_TABLE_MANAGEMENT, "county", "县管干部" },
  { LD_CODE_TABLE_MANAGEMENT, "county", "区管" },
  { LD_CODE_TABLE_MANAGEMENT, "county", "区管干部" },
  { LD_CODE_TABLE_MANAGEMENT, "unit", "单位自管" },
  { LD_CODE_TABLE_MANAGEMENT, "unit", "自管" },
  { LD_CODE_TABLE_MANAGEMENT, "unit", "单位管理" },

  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "active", "在职" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "active", "在岗" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "left-post", "离任未退休" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "left-post", "离任" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "retired", "退休" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "retired", "已退休" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "transferred-out", "调出" },
  { LD_CODE_TABLE_EMPLOYMENT_STATUS, "transferred-out", "调离" },

  { LD_CODE_TABLE_POLITICAL_STATUS, "01", "中国共产党党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "01", "中共党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "01", "党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "02", "中国共产党预备党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "02", "中共预备党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "02", "预备党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "03", "中国共产主义青年团团员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "03", "共青团员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "03", "团员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "04", "中国国民党革命委员会会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "04", "民革会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "04", "民革" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "05", "中国民主同盟盟员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "05", "民盟盟员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "05", "民盟" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "06", "中国民主建国会会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "06", "民建会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "06", "民建" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "07", "中国民主促进会会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "07", "民进会员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "07", "民进" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "08", "中国农工民主党党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "08", "农工党党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "08", "农工党" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "09", "中国致公党党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "09", "致公党党员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "09", "致公党" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "10", "九三学社社员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "10", "九三学社" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "11", "台湾民主自治同盟盟员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "11", "台盟盟员" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "11", "台盟" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "12", "无党派民主人士" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "12", "无党派人士" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "12", "无党派" },
  { LD_CODE_TABLE_POLITICAL_STATUS, "13", "群众" },

  { LD_CODE_TABLE_EDUCATION, "10", "研究生" },
  { LD_CODE_TABLE_EDUCATION, "10", "研究生教育" },
  { LD_CODE_TABLE_EDUCATION, "10", "研究生毕业" },
  { LD_CODE_TABLE_EDUCATION, "11", "博士研究生" },
  { LD_CODE_TABLE_EDUCATION, "11", "博士研究生毕业" },
  { LD_CODE_TABLE_EDUCATION, "11", "博士" },
  { LD_CODE_TABLE_EDUCATION, "14", "硕士研究生" },
  { LD_CODE_TABLE_EDUCATION, "14", "硕士研究生毕业" },
  { LD_CODE_TABLE_EDUCATION, "14", "硕士" },
  { LD_CODE_TABLE_EDUCATION, "20", "大学本科" },
  { LD_CODE_TABLE_EDUCATION, "20", "本科" },
  { LD_CODE_TABLE_EDUCATION, "20", "大学本科毕业" },
  { LD_CODE_TABLE_EDUCATION, "20", "大学" },
  { LD_CODE_TABLE_EDUCATION, "30", "大学专科" },
  { LD_CODE_TABLE_EDUCATION, "30", "专科" },
  { LD_CODE_TABLE_EDUCATION, "30", "大专" },
  { LD_CODE_TABLE_EDUCATION, "30", "专科教育" },
  { LD_CODE_TABLE_EDUCATION, "30", "大学专科毕业" },
  { LD_CODE_TABLE_EDUCATION, "40", "中等职业教育" },
  { LD_CODE_TABLE_EDUCATION, "40", "中专" },
  { LD_CODE_TABLE_EDUCATION, "40", "中等专科" },
  { LD_CODE_TABLE_EDUCATION, "40", "职业高中" },
  { LD_CODE_TABLE_EDUCATION, "40", "职高" },
  { LD_CODE_TABLE_EDUCATION, "40", "技工学校" },
  { LD_CODE_TABLE_EDUCATION, "40", "技校" },
  { LD_CODE_TABLE_EDUCATION, "60", "普通高级中学教育" },
  { LD_CODE_TABLE_EDUCATION, "60", "普通高中" },
  { LD_CODE_TABLE_EDUCATION, "60", "高中" },
  { LD_CODE_TABLE_EDUCATION, "70", "初级中学教育" },
  { LD_CODE_TABLE_EDUCATION, "70", "初中" },
  { LD_CODE_TABLE_EDUCATION, "80", "小学教育" },
  { LD_CODE_TABLE_EDUCATION, "80", "小学" },
  { LD_CODE_TABLE_EDUCATION, "90", "其他" },

  { LD_CODE_TABLE_POST_TAG, "finance", "财务" },
  { LD_CODE_TABLE_POST_TAG, "finance", "资金管理" },
  { LD_CODE_TABLE_POST_TAG, "finance", "财务管理" },
  { LD_CODE_TABLE_POST_TAG, "finance", "财务、资金管理" },
  { LD_CODE_TABLE_POST_TAG, "procurement", "采购" },
  { LD_CODE_TABLE_POST_TAG, "procurement", "招投标" },
  { LD_CODE_TABLE_POST_TAG, "procurement", "招标采购" },
  { LD_CODE_TABLE_POST_TAG, "procurement", "采购、招投标" },
  { LD_CODE_TABLE_POST_TAG, "construction", "工程建设" },
  { LD_CODE_TABLE_POST_TAG, "construction", "工程项目" },
  { LD_CODE_TABLE_POST_TAG, "construction", "项目管理" },
  { LD_CODE_TABLE_POST_TAG, "approval", "行政审批" },
  { LD_CODE_TABLE_POST_TAG, "approval", "审批" },
  { LD_CODE_TABLE_POST_TAG, "approval", "行政许可" },
  { LD_CODE_TABLE_POST_TAG, "enforcement", "行政执法" },
  { LD_CODE_TABLE_POST_TAG, "enforcement", "执法" },
  { LD_CODE_TABLE_POST_TAG, "enforcement", "执法检查" },
  { LD_CODE_TABLE_POST_TAG, "personnel", "人事" },
  { LD_CODE_TABLE_POST_TAG, "personnel", "干部选任" },
  { LD_CODE_TABLE_POST_TAG, "personnel", "人事管理" },
  { LD_CODE_TABLE_POST_TAG, "personnel", "招录" },
  { LD_CODE_TABLE_POST_TAG, "state-assets", "国有资产" },
  { LD_CODE_TABLE_POST_TAG, "state-assets", "国资" },
  { LD_CODE_TABLE_POST_TAG, "state-assets", "公共资源交易" },
  { LD_CODE_TABLE_POST_TAG, "state-assets", "土地" },
  { LD_CODE_TABLE_POST_TAG, "special-funds", "专项资金" },
  { LD_CODE_TABLE_POST_TAG, "special-funds", "惠民补贴" },
  { LD_CODE_TABLE_POST_TAG, "special-funds", "专项资金、惠民补贴" },

  { LD_CODE_TABLE_UNIT_KIND, "party-organ", "党的机关" },
  { LD_CODE_TABLE_UNIT_KIND, "party-organ", "党委机关" },
  { LD_CODE_TABLE_UNIT_KIND, "party-organ", "党委部门" },
  { LD_CODE_TABLE_UNIT_KIND, "government-organ", "政府机关" },
  { LD_CODE_TABLE_UNIT_KIND, "government-organ", "行政机关" },
  { LD_CODE_TABLE_UNIT_KIND, "government-organ", "政府部门" },
  { LD_CODE_TABLE_UNIT_KIND, "public-institution", "事业单位" },
  { LD_CODE_TABLE_UNIT_KIND, "soe", "国有企业" },
  { LD_CODE_TABLE_UNIT_KIND, "soe", "国企" },
  { LD_CODE_TABLE_UNIT_KIND, "township", "乡镇" },
  { LD_CODE_TABLE_UNIT_KIND, "township", "街道" },
  { LD_CODE_TABLE_UNIT_KIND, "township", "乡镇（街道）" },
  { LD_CODE_TABLE_UNIT_KIND, "township", "乡镇街道" },
  { LD_CODE_TABLE_UNIT_KIND, "village", "村" },
  { LD_CODE_TABLE_UNIT_KIND, "village", "社区" },
  { LD_CODE_TABLE_UNIT_KIND, "village", "村（社区）" },
  { LD_CODE_TABLE_UNIT_KIND, "village", "村社区" },
  { LD_CODE_TABLE_UNIT_KIND, "other", "其他" },

  { LD_CODE_TABLE_SUPERVISOR_KIND, "same-level", "本级纪委" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "same-level", "本级纪委监委" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "same-level", "纪委监委" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "same-level", "纪委" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "stationed", "派驻纪检组" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "stationed", "派驻纪检监察组" },
  { LD_CODE_TABLE_SUPERVISOR_KIND, "stationed", "派驻组" },

  { LD_CODE_TABLE_SEX, "M", "男" },
  { LD_CODE_TABLE_SEX, "M", "男性" },
  { LD_CODE_TABLE_SEX, "M", "1" },  /* GB/T 2261.1 */
  { LD_CODE_TABLE_SEX, "F", "女" },
  { LD_CODE_TABLE_SEX, "F", "女性" },
  { LD_CODE_TABLE_SEX, "F", "2" },

  /* The names of GB/T 3304; the forms without 族 are added when the index
   * is built (ethnicity_forms ()). */
  { LD_CODE_TABLE_ETHNICITY, "01", "汉族" },
  { LD_CODE_TABLE_ETHNICITY, "02", "蒙古族" },
  { LD_CODE_TABLE_ETHNICITY, "03", "回族" },
  { LD_CODE_TABLE_ETHNICITY, "04", "藏族" },
  { LD_CODE_TABLE_ETHNICITY, "05", "维吾尔族" },
  { LD_CODE_TABLE_ETHNICITY, "06", "苗族" },
  { LD_CODE_TABLE_ETHNICITY, "07", "彝族" },
  { LD_CODE_TABLE_ETHNICITY, "08", "壮族" },
  { LD_CODE_TABLE_ETHNICITY, "09", "布依族" },
  { LD_CODE_TABLE_ETHNICITY, "10", "朝鲜族" },
  { LD_CODE_TABLE_ETHNICITY, "11", "满族" },
  { LD_CODE_TABLE_ETHNICITY, "12", "侗族" },
  { LD_CODE_TABLE_ETHNICITY, "13", "瑶族" },
  { LD_CODE_TABLE_ETHNICITY, "14", "白族" },
  { LD_CODE_TABLE_ETHNICITY, "15", "土家族" },
  { LD_CODE_TABLE_ETHNICITY, "16", "哈尼族" },
  { LD_CODE_TABLE_ETHNICITY, "17", "哈萨克族" },
  { LD_CODE_TABLE_ETHNICITY, "18", "傣族" },
  { LD_CODE_TABLE_ETHNICITY, "19", "黎族" },
  { LD_CODE_TABLE_ETHNICITY, "20", "傈僳族" },
  { LD_CODE_TABLE_ETHNICITY, "21", "佤族" },
  { LD_CODE_TABLE_ETHNICITY, "22", "畲族" },
  { LD_CODE_TABLE_ETHNICITY, "23", "高山族" },
  { LD_CODE_TABLE_ETHNICITY, "24", "拉祜族" },
  { LD_CODE_TABLE_ETHNICITY, "25", "水族" },
  { LD_CODE_TABLE_ETHNICITY, "26", "东乡族" },
  { LD_CODE_TABLE_ETHNICITY, "27", "纳西族" },
  { LD_CODE_TABLE_ETHNICITY, "28", "景颇族" },
  { LD_CODE_TABLE_ETHNICITY, "29", "柯尔克孜族" },
  { LD_CODE_TABLE_ETHNICITY, "30", "土族" },
  { LD_CODE_TABLE_ETHNICITY, "31", "达斡尔族" },
  { LD_CODE_TABLE_ETHNICITY, "32", "仫佬族" },
  { LD_CODE_TABLE_ETHNICITY, "33", "羌族" },
  { LD_CODE_TABLE_ETHNICITY, "34", "布朗族" },
  { LD_CODE_TABLE_ETHNICITY, "35", "撒拉族" },
  { LD_CODE_TABLE_ETHNICITY, "36", "毛南族" },
  { LD_CODE_TABLE_ETHNICITY, "37", "仡佬族" },
  { LD_CODE_TABLE_ETHNICITY, "38", "锡伯族" },
  { LD_CODE_TABLE_ETHNICITY, "39", "阿昌族" },
  { LD_CODE_TABLE_ETHNICITY, "40", "普米族" },
  { LD_CODE_TABLE_ETHNICITY, "41", "塔吉克族" },
  { LD_CODE_TABLE_ETHNICITY, "42", "怒族" },
  { LD_CODE_TABLE_ETHNICITY, "43", "乌孜别克族" },
  { LD_CODE_TABLE_ETHNICITY, "44", "俄罗斯族" },
  { LD_CODE_TABLE_ETHNICITY, "45", "鄂温克族" },
  { LD_CODE_TABLE_ETHNICITY, "46", "德昂族" },
  { LD_CODE_TABLE_ETHNICITY, "47", "保安族" },
  { LD_CODE_TABLE_ETHNICITY, "48", "裕固族" },
  { LD_CODE_TABLE_ETHNICITY, "49", "京族" },
  { LD_CODE_TABLE_ETHNICITY, "50", "塔塔尔族" },
  { LD_CODE_TABLE_ETHNICITY, "51", "独龙族" },
  { LD_CODE_TABLE_ETHNICITY, "52", "鄂伦春族" },
  { LD_CODE_TABLE_ETHNICITY, "53", "赫哲族" },
  { LD_CODE_TABLE_ETHNICITY, "54", "门巴族" },
  { LD_CODE_TABLE_ETHNICITY, "55", "珞巴族" },
  { LD_CODE_TABLE_ETHNICITY, "56", "基诺族" },
  { LD_CODE_TABLE_ETHNICITY, "97", "其他未识别民族" },
  { LD_CODE_TABLE_ETHNICITY, "97", "未识别民族" },
  { LD_CODE_TABLE_ETHNICITY, "97", "其他民族" },
  { LD_CODE_TABLE_ETHNICITY, "97", "其他" },
  { LD_CODE_TABLE_ETHNICITY, "97", "未识别" },
  { LD_CODE_TABLE_ETHNICITY, "97", "穿青人" },
  { LD_CODE_TABLE_ETHNICITY, "97", "僜人" },
  { LD_CODE_TABLE_ETHNICITY, "97", "夏尔巴人" },
  { LD_CODE_TABLE_ETHNICITY, "98", "外国血统中国籍人士" },
  { LD_CODE_TABLE_ETHNICITY, "98", "外国血统中国籍" },
  { LD_CODE_TABLE_ETHNICITY, "98", "外国血统" },
  { LD_CODE_TABLE_ETHNICITY, "98", "加入中国籍" },
  /* Short forms in everyday use, and names before the 1980s renamings. */
  { LD_CODE_TABLE_ETHNICITY, "02", "蒙族" },
  { LD_CODE_TABLE_ETHNICITY, "05", "维族" },
  { LD_CODE_TABLE_ETHNICITY, "36", "毛难族" },
  { LD_CODE_TABLE_ETHNICITY, "36", "毛难" },
  { LD_CODE_TABLE_ETHNICITY, "46", "崩龙族" },
  { LD_CODE_TABLE_ETHNICITY, "46", "崩龙" },
  { LD_CODE_TABLE_ETHNICITY, "46", "De'ang" },
  { LD_CODE_TABLE_ETHNICITY, "05", "Uighur" },
  { LD_CODE_TABLE_ETHNICITY, "21", "Wa" },
  { LD_CODE_TABLE_ETHNICITY, "25", "Shui" },

  /* The forms with a discipline or a professional field are added when the
   * index is built (degree_forms ()). */
  { LD_CODE_TABLE_DEGREE, "1", "名誉博士" },
  { LD_CODE_TABLE_DEGREE, "1", "名誉博士学位" },
  { LD_CODE_TABLE_DEGREE, "1", "荣誉博士" },
  { LD_CODE_TABLE_DEGREE, "1", "荣誉博士学位" },
  { LD_CODE_TABLE_DEGREE, "2", "博士" },
  { LD_CODE_TABLE_DEGREE, "2", "博士学位" },
  { LD_CODE_TABLE_DEGREE, "2", "博士专业学位" },
  { LD_CODE_TABLE_DEGREE, "2", "PhD" },
  { LD_CODE_TABLE_DEGREE, "2", "Ph.D." },
  { LD_CODE_TABLE_DEGREE, "2", "Ph.D" },
  { LD_CODE_TABLE_DEGREE, "2", "Doctor" },
  { LD_CODE_TABLE_DEGREE, "3", "硕士" },
  { LD_CODE_TABLE_DEGREE, "3", "硕士学位" },
  { LD_CODE_TABLE_DEGREE, "3", "硕士专业学位" },
  { LD_CODE_TABLE_DEGREE, "3", "Master" },
  { LD_CODE_TABLE_DEGREE, "3", "MBA" },
  { LD_CODE_TABLE_DEGREE, "3", "EMBA" },
  { LD_CODE_TABLE_DEGREE, "3", "MPA" },
  { LD_CODE_TABLE_DEGREE, "3", "MPAcc" },
  { LD_CODE_TABLE_DEGREE, "3", "JM" },
  { LD_CODE_TABLE_DEGREE, "4", "学士" },
  { LD_CODE_TABLE_DEGREE, "4", "学士学位" },
  { LD_CODE_TABLE_DEGREE, "4", "学士专业学位" },
  { LD_CODE_TABLE_DEGREE, "4", "Bachelor" },

  /* The case tables (ld-case-tables.h): the Chinese names of DOMAIN.md §3,
   * §6 and §9 first (ld_code_get_chinese_name ()), then common short forms. */
  { LD_CODE_TABLE_TALK_TYPE, "T_HEART", "谈心谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_HEART", "谈心" },
  { LD_CODE_TABLE_TALK_TYPE, "T_REMIND", "提醒谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_REMIND_JJ", "谈话提醒" },
  { LD_CODE_TABLE_TALK_TYPE, "T_ADMONISH", "诫勉谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_ADMONISH", "诫勉" },
  { LD_CODE_TABLE_TALK_TYPE, "T_WARN", "警示谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_WARN", "警示教育谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_INQUIRY", "谈话函询" },
  { LD_CODE_TABLE_TALK_TYPE, "T_INQUIRY", "函询" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUMMON", "约谈" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUMMON", "主体责任约谈" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUMMON", "廉政约谈" },
  { LD_CODE_TABLE_TALK_TYPE, "T_PREAPPOINT", "任前廉政谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_PREAPPOINT", "任前谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_PREAPPOINT", "任前廉政" },
  { LD_CODE_TABLE_TALK_TYPE, "T_APPOINT", "任职谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUPERVISE_TOP", "上级一把手对下级一把手监督谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUPERVISE_TOP", "一把手监督谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_SUPERVISE_TOP", "监督谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_REVISIT", "回访教育谈话" },
  { LD_CODE_TABLE_TALK_TYPE, "T_REVISIT", "回访教育" },
  { LD_CODE_TABLE_TALK_TYPE, "T_REVISIT", "回访谈话" },
  { LD_CODE_TABLE_PETITION_KIND, "accusation", "检举控告" },
  { LD_CODE_TABLE_PETITION_KIND, "accusation", "检举" },
  { LD_CODE_TABLE_PETITION_KIND, "accusation", "控告" },
  { LD_CODE_TABLE_PETITION_KIND, "accusation", "举报" },
  { LD_CODE_TABLE_PETITION_KIND, "appeal", "申诉" },
  { LD_CODE_TABLE_PETITION_KIND, "suggestion", "批评建议" },
  { LD_CODE_TABLE_PETITION_KIND, "suggestion", "批评" },
  { LD_CODE_TABLE_PETITION_KIND, "suggestion", "建议" },
  { LD_CODE_TABLE_PETITION_KIND, "other", "其他" },
  { LD_CODE_TABLE_PETITION_KIND, "other", "一般信访" },
  { LD_CODE_TABLE_CHANNEL, "CH_LETTER", "来信" },
  { LD_CODE_TABLE_CHANNEL, "CH_LETTER", "信件" },
  { LD_CODE_TABLE_CHANNEL, "CH_VISIT", "来访" },
  { LD_CODE_TABLE_CHANNEL, "CH_VISIT", "走访" },
  { LD_CODE_TABLE_CHANNEL, "CH_PHONE", "来电" },
  { LD_CODE_TABLE_CHANNEL, "CH_PHONE", "12388" },
  { LD_CODE_TABLE_CHANNEL, "CH_PHONE", "电话" },
  { LD_CODE_TABLE_CHANNEL, "CH_PHONE", "电话举报" },
  { LD_CODE_TABLE_CHANNEL, "CH_WEB", "网络举报" },
  { LD_CODE_TABLE_CHANNEL, "CH_WEB", "12388平台" },
  { LD_CODE_TABLE_CHANNEL, "CH_WEB", "网络" },
  { LD_CODE_TABLE_CHANNEL, "CH_WEB", "网上举报" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERIOR", "上级交办" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERIOR", "领导批办" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERIOR", "交办" },
  { LD_CODE_TABLE_CHANNEL, "SRC_INSPECTION", "巡视巡察移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_INSPECTION", "巡视移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_INSPECTION", "巡察移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_INSPECTION", "巡视巡察" },
  { LD_CODE_TABLE_CHANNEL, "SRC_AUDIT", "审计移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_AUDIT", "审计" },
  { LD_CODE_TABLE_CHANNEL, "SRC_JUDICIAL", "司法机关移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_JUDICIAL", "行政执法机关移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_JUDICIAL", "司法机关/行政执法机关移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_JUDICIAL", "司法移交" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERVISION", "日常监督中发现" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERVISION", "日常监督" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SUPERVISION", "监督检查中发现" },
  { LD_CODE_TABLE_CHANNEL, "SRC_CASE", "审查调查中发现" },
  { LD_CODE_TABLE_CHANNEL, "SRC_CASE", "涉案人员检举揭发" },
  { LD_CODE_TABLE_CHANNEL, "SRC_MEDIA", "媒体" },
  { LD_CODE_TABLE_CHANNEL, "SRC_MEDIA", "舆情" },
  { LD_CODE_TABLE_CHANNEL, "SRC_MEDIA", "媒体舆情" },
  { LD_CODE_TABLE_CHANNEL, "SRC_LOWER", "下级报送" },
  { LD_CODE_TABLE_CHANNEL, "SRC_SELF", "主动交代" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "POL", "政治纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "POL", "违反政治纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "ORG", "组织纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "ORG", "违反组织纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "INT", "廉洁纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "INT", "违反廉洁纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "MAS", "群众纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "MAS", "违反群众纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "WRK", "工作纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "WRK", "违反工作纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "LIF", "生活纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "LIF", "违反生活纪律" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "LAW", "职务违法犯罪" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "LAW", "违法犯罪" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "LAW", "职务违法" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB1", "贯彻党中央重大决策部署有令不行、有禁不止，或者表态多调门高、行动少落实差，脱离实际、脱离群众，造成严重后果" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB1", "贯彻党中央重大决策部署有令不行、有禁不止" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB2", "在履职尽责、服务经济社会发展和生态环境保护方面不担当、不作为、乱作为、假作为，严重影响高质量发展" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB2", "不担当、不作为、乱作为、假作为" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB3", "在联系服务群众中消极应付、冷硬横推、效率低下，损害群众利益，群众反映强烈" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB3", "在联系服务群众中消极应付、冷硬横推、效率低下" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB4", "文山会海反弹回潮，文风会风不实不正，督查检查考核过多过频、过度留痕，给基层造成严重负担" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB4", "文山会海反弹回潮" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "FB9", "其他形式主义、官僚主义问题" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS1", "违规收送名贵特产和礼品礼金" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS1", "违规收送礼品礼金" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS2", "违规吃喝" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS2", "违规公款吃喝" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS3", "违规发放津补贴或福利" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS4", "违规操办婚丧喜庆" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS4", "大办婚丧喜庆" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS5", "公款旅游以及违规接受管理和服务对象等旅游活动安排" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS5", "公款旅游" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS6", "违规配备使用公务用车" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS6", "公车私用" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS7", "楼堂馆所违规问题" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS9", "其他享乐主义、奢靡之风问题" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS9", "提供或接受超标准接待" },
  { LD_CODE_TABLE_PROBLEM_CATEGORY, "HS9", "违规出入私人会所" },
  { LD_CODE_TABLE_ROUTING, "local", "本级办理" },
  { LD_CODE_TABLE_ROUTING, "local", "本级" },
  { LD_CODE_TABLE_ROUTING, "up", "上报上级" },
  { LD_CODE_TABLE_ROUTING, "up", "上级" },
  { LD_CODE_TABLE_ROUTING, "up", "报上级" },
  { LD_CODE_TABLE_ROUTING, "down", "转交下级" },
  { LD_CODE_TABLE_ROUTING, "down", "下级" },
  { LD_CODE_TABLE_ROUTING, "down", "转下级" },
  { LD_CODE_TABLE_DISPOSAL, "talk-letter", "谈话函询" },
  { LD_CODE_TABLE_DISPOSAL, "talk-letter", "D_TALKLETTER" },
  { LD_CODE_TABLE_DISPOSAL, "verify", "初步核实" },
  { LD_CODE_TABLE_DISPOSAL, "verify", "初核" },
  { LD_CODE_TABLE_DISPOSAL, "verify", "D_VERIFY" },
  { LD_CODE_TABLE_DISPOSAL, "hold", "暂存待查" },
  { LD_CODE_TABLE_DISPOSAL, "hold", "D_HOLD" },
  { LD_CODE_TABLE_DISPOSAL, "close", "予以了结" },
  { LD_CODE_TABLE_DISPOSAL, "close", "了结" },
  { LD_CODE_TABLE_DISPOSAL, "close", "D_CLOSE" },
  { LD_CODE_TABLE_DISPOSAL, "case", "移送审查调查" },
  { LD_CODE_TABLE_DISPOSAL, "case", "拟立案" },
  { LD_CODE_TABLE_DISPOSAL, "case", "D_CASE" },
  { LD_CODE_TABLE_CLUE_RESULT, "founded", "查实" },
  { LD_CODE_TABLE_CLUE_RESULT, "founded", "属实" },
  { LD_CODE_TABLE_CLUE_RESULT, "partly", "部分属实" },
  { LD_CODE_TABLE_CLUE_RESULT, "partly", "部分查实" },
  { LD_CODE_TABLE_CLUE_RESULT, "unfounded", "失实" },
  { LD_CODE_TABLE_CLUE_RESULT, "unfounded", "不属实" },
  { LD_CODE_TABLE_CLUE_RESULT, "uncheckable", "无法查实" },
  { LD_CODE_TABLE_CLUE_RESULT, "uncheckable", "无法核实" },
  { LD_CODE_TABLE_PETITION_STATUS, "registered", "已登记" },
  { LD_CODE_TABLE_PETITION_STATUS, "registered", "登记" },
  { LD_CODE_TABLE_PETITION_STATUS, "accepted", "已受理" },
  { LD_CODE_TABLE_PETITION_STATUS, "accepted", "受理" },
  { LD_CODE_TABLE_PETITION_STATUS, "routed", "已转办" },
  { LD_CODE_TABLE_PETITION_STATUS, "routed", "转办" },
  { LD_CODE_TABLE_PETITION_STATUS, "filed", "存档" },
  { LD_CODE_TABLE_PETITION_STATUS, "filed", "重复件存档" },
  { LD_CODE_TABLE_PETITION_STATUS, "not-accepted", "不予受理" },
  { LD_CODE_TABLE_PETITION_STATUS, "closed", "已办结" },
  { LD_CODE_TABLE_PETITION_STATUS, "closed", "办结" },
  { LD_CODE_TABLE_CLUE_STATUS, "pending", "待处置" },
  { LD_CODE_TABLE_CLUE_STATUS, "handling", "处置中" },
  { LD_CODE_TABLE_CLUE_STATUS, "held", "暂存待查" },
  { LD_CODE_TABLE_CLUE_STATUS, "closed", "已办结" },
  { LD_CODE_TABLE_CLUE_STATUS, "closed", "办结" },
  { LD_CODE_TABLE_WRITTEN_KIND, "0", "无" },
  { LD_CODE_TABLE_WRITTEN_KIND, "0", "无需书面材料" },
  { LD_CODE_TABLE_WRITTEN_KIND, "1", "书面说明" },
  { LD_CODE_TABLE_WRITTEN_KIND, "2", "书面检查" },
  { LD_CODE_TABLE_WRITTEN_KIND, "2", "检查" },
};

/* GB/T 3304 letter codes and romanisations where they differ from the
 * English label. */
static const struct
{
  const char *code;
  const char *letters;
  const char *romanised;
} ethnicity_romanised[] = {
  { "01", "HA", NULL },
  { "02", "MG", "Mongol" },
  { "03", "HU", NULL },
  { "04", "ZA", "Zang" },
  { "05", "UG", "Uygur" },
  { "06", "MH", NULL },
  { "07", "YI", NULL },
  { "08", "ZH", NULL },
  { "09", "BY", "Buyei" },
  { "10", "CS", "Chosen" },
  { "11", "MA", "Man" },
  { "12", "DO", NULL },
  { "13", "YA", NULL },
  { "14", "BA", NULL },
  { "15", "TJ", NULL },
  { "16", "HN", NULL },
  { "17", "KZ", "Kazak" },
  { "18", "DA", NULL },
  { "19", "LI", NULL },
  { "20", "LS", NULL },
  { "21", "VA", NULL },
  { "22", "SH", NULL },
  { "23", "GS", NULL },
  { "24", "LH", NULL },
  { "25", "SU", NULL },
  { "26", "DX", NULL },
  { "27", "NX", NULL },
  { "28", "JP", NULL },
  { "29", "KG", "Kirgiz" },
  { "30", "TU", NULL },
  { "31", "DU", NULL },
  { "32", "ML", "Mulam" },
  { "33", "QI", NULL },
  { "34", "BL", NULL },
  { "35", "SL", NULL },
  { "36", "MN", NULL },
  { "37", "GL", NULL },
  { "38", "XB", NULL },
  { "39", "AC", NULL },
  { "40", "PM", NULL },
  { "41", "TA", NULL },
  { "42", "NU", NULL },
  { "43", "UZ", NULL },
  { "44", "RS", "Russ" },
  { "45", "EW", "Ewenki" },
  { "46", "DE", "Deang" },
  { "47", "BN", NULL },
  { "48", "YG", NULL },
  { "49", "GI", "Gin" },
  { "50", "TT", NULL },
  { "51", "DR", NULL },
  { "52", "OR", NULL },
  { "53", "HZ", NULL },
  { "54", "MB", NULL },
  { "55", "LB", NULL },
  { "56", "JN", NULL },
};

/* What comes before 博士, 硕士 or 学士 in a degree's name: the disciplines
 * of the degree catalogue (学科门类) and the fields of the professional
 * degrees (专业学位). Each is followed by the level, and optionally by 学位
 * or 专业学位 (法学学士, 法学学士学位, 法律硕士专业学位). */
static const char * const disciplines[] = {
  "哲学", "经济学", "法学", "教育学", "文学", "历史学", "理学", "工学", "农学", "医学", "军事学", "管理学",
  "艺术学", "交叉学科", NULL
};

static const char * const professional_doctorates[] = {
  "临床医学", "兽医", "口腔医学", "教育", "工程", "中医", NULL
};

static const char * const professional_masters[] = {
  "法律", "教育", "工程", "建筑学", "建筑", "临床医学", "工商管理", "高级管理人员工商管理", "农业推广", "农业",
  "兽医", "公共管理", "口腔医学", "公共卫生", "军事", "会计", "体育", "艺术", "风景园林", "汉语国际教育",
  "国际中文教育", "翻译", "社会工作", "金融", "应用统计", "税务", "国际商务", "保险", "资产评估", "警务",
  "应用心理", "新闻与传播", "出版", "文物与博物馆", "城市规划", "城乡规划", "林业", "护理", "药学", "中药学",
  "中医", "旅游管理", "图书情报", "工程管理", "审计", "电子信息", "机械", "材料与化工", "资源与环境",
  "能源动力", "土木水利", "生物与医药", "交通运输", "气象", NULL
};

static const char * const professional_bachelors[] = {
  "建筑学", NULL
};

/* The detailed codes of GB/T 6864-2003 and the main code each belongs to. */
static const struct
{
  int         first, last;
  const char *code;
} degree_code_ranges[] = {
  { 201, 212, "2" }, { 245, 250, "2" }, { 301, 312, "3" }, { 341, 352, "3" }, { 401, 412, "4" },
  { 444, 444, "4" },
};

/* The translated rows and the lookup index of every table, built once. */
typedef struct
{
  LdCode     *codes;
  GHashTable *index;  /* matching key → code */
} Cache;

static Cache caches[G_N_ELEMENTS (tables)];

static int
find_table (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].name, name))
      return (int) i;
  return -1;
}

/* The form text is compared in: no spaces, full-width ASCII made half
 * width, ASCII lower case. */
static char *
matching_key (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000 || c == 0x00A0 || c == 0x200B || c == 0xFEFF)
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

static void
index_add (GHashTable *index,
           const char *text,
           const char *code)
{
  char *key = matching_key (text);

  if (*key == '\0' || g_hash_table_contains (index, key))
    g_free (key);
  else
    g_hash_table_insert (index, key, (gpointer) code);
}

/* 汉 for 汉族 …, the letter codes and romanisations, and 1 for 01 (a
 * spreadsheet that took the code for a number). */
static void
ethnicity_forms (GHashTable *index)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].table, LD_CODE_TABLE_ETHNICITY) && g_str_has_suffix (aliases[i].alias, "族"))
      {
        g_autofree char *bare = g_strndup (aliases[i].alias, strlen (aliases[i].alias) - strlen ("族"));
        index_add (index, bare, aliases[i].code);
      }
  for (guint i = 0; i < G_N_ELEMENTS (ethnicity_romanised); i++)
    {
      index_add (index, ethnicity_romanised[i].letters, ethnicity_romanised[i].code);
      if (ethnicity_romanised[i].romanised != NULL)
        index_add (index, ethnicity_romanised[i].romanised, ethnicity_romanised[i].code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ethnicities); i++)
    if (ethnicities[i].code[0] == '0')
      index_add (index, ethnicities[i].code + 1, ethnicities[i].code);
}

static void
degree_prefixed_forms (GHashTable         *index,
                       const char * const *prefixes,
                       const char         *level,
                       const char         *code)
{
  static const char * const suffixes[] = { "", "学位", "专业学位" };

  for (guint i = 0; prefixes[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *form = g_strconcat (prefixes[i], level, suffixes[j], NULL);
        index_add (index, form, code);
      }
}

static void
degree_forms (GHashTable *index)
{
  degree_prefixed_forms (index, disciplines, "博士", "2");
  degree_prefixed_forms (index, disciplines, "硕士", "3");
  degree_prefixed_forms (index, disciplines, "学士", "4");
  degree_prefixed_forms (index, professional_doctorates, "博士", "2");
  degree_prefixed_forms (index, professional_masters, "硕士", "3");
  degree_prefixed_forms (index, professional_bachelors, "学士", "4");
  for (guint i = 0; i < G_N_ELEMENTS (degree_code_ranges); i++)
    for (int c = degree_code_ranges[i].first; c <= degree_code_ranges[i].last; c++)
      {
        char text[8];

        g_snprintf (text, sizeof text, "%d", c);
        index_add (index, text, degree_code_ranges[i].code);
      }
}

static void
build_caches (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const Table *table = &tables[t];
      Cache *cache = &caches[t];

      cache->codes = g_new0 (LdCode, table->n_rows);
      cache->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < table->n_rows; i++)
        {
          cache->codes[i].code = table->rows[i].code;
          cache->codes[i].label = g_dpgettext2 (GETTEXT_PACKAGE, table->context, table->rows[i].label);
        }

      /* Codes first, then the Chinese aliases, then the labels, so a label
       * never hides a code or an alias. */
      for (guint i = 0; i < table->n_rows; i++)
        index_add (cache->index, table->rows[i].code, table->rows[i].code);
      for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
        if (g_str_equal (aliases[i].table, table->name))
          index_add (cache->index, aliases[i].alias, aliases[i].code);
      if (g_str_equal (table->name, LD_CODE_TABLE_ETHNICITY))
        ethnicity_forms (cache->index);
      else if (g_str_equal (table->name, LD_CODE_TABLE_DEGREE))
        degree_forms (cache->index);
      for (guint i = 0; i < table->n_rows; i++)
        {
          index_add (cache->index, table->rows[i].label, table->rows[i].code);
          index_add (cache->index, cache->codes[i].label, table->rows[i].code);
        }
    }
}

static const Cache *
get_cache (int table)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      build_caches ();
      g_once_init_leave (&initialised, 1);
    }
  return &caches[table];
}

static const Row *
find_row (int         table,
          const char *code)
{
  for (guint i = 0; code != NULL && i < tables[table].n_rows; i++)
    if (g_str_equal (tables[table].rows[i].code, code))
      return &tables[table].rows[i];
  return NULL;
}

const char * const *
ld_code_table_names (void)
{
  return table_names;
}

const LdCode *
ld_code_table_get (const char *table,
                   guint      *n)
{
  int t = find_table (table);

  if (t < 0)
    {
      if (n)
        *n = 0;
      return NULL;
    }
  if (n)
    *n = tables[t].n_rows;
  return get_cache (t)->codes;
}

const char *
ld_code_get_label (const char *table,
                   const char *code)
{
  int t = find_table (table);

  if (t < 0 || code == NULL)
    return NULL;
  for (guint i = 0; i < tables[t].n_rows; i++)
    if (g_str_equal (tables[t].rows[i].code, code))
      return get_cache (t)->codes[i].label;
  return NULL;
}

/* Degrees are often written with a note in brackets: 工商管理硕士(MBA),
 * MBA(工商管理硕士), 法学学士（双学位）. The key has ASCII brackets
 * (matching_key ()). The part before the brackets decides, or else the part
 * inside them. */
static const char *
find_degree_with_note (GHashTable *index,
                       const char *key)
{
  const char *open = strchr (key, '(');
  gsize len = strlen (key);
  g_autofree char *before = NULL;
  g_autofree char *inside = NULL;
  const char *code;

  if (open == NULL || open == key || len < 2 || key[len - 1] != ')')
    return NULL;
  before = g_strndup (key, open - key);
  code = g_hash_table_lookup (index, before);
  if (code != NULL)
    return code;
  inside = g_strndup (open + 1, key + len - 1 - (open + 1));
  return g_hash_table_lookup (index, inside);
}

const char *
ld_code_find_by_label (const char *table,
                       const char *label_or_alias)
{
  g_autofree char *key = NULL;
  const char *code;
  int t = find_table (table);

  if (t < 0 || label_or_alias == NULL || !g_utf8_validate (label_or_alias, -1, NULL))
    return NULL;
  key = matching_key (label_or_alias);
  code = g_hash_table_lookup (get_cache (t)->index, key);
  if (code == NULL && g_str_equal (tables[t].name, LD_CODE_TABLE_DEGREE))
    code = find_degree_with_note (get_cache (t)->index, key);
  return code;
}

const char *
ld_code_get_chinese_name (const char *table,
                          const char *code)
{
  int t = find_table (table);

  if (t < 0 || code == NULL || find_row (t, code) == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].table, tables[t].name) && g_str_equal (aliases[i].code, code))
      return aliases[i].alias;
  return NULL;
}

const char *
ld_post_level_to_code (LdPostLevel level)
{
  for (guint i = 0; i < G_N_ELEMENTS (post_levels); i++)
    if (post_levels[i].level == level)
      return post_levels[i].code;
  return NULL;
}

/* The row of a code in the tables that carry a level. */
static const Row *
find_level_row (const char *code)
{
  static const char * const level_tables[] = {
    LD_CODE_TABLE_POST_LEVEL, LD_CODE_TABLE_LEADING_POST, LD_CODE_TABLE_RANK, LD_CODE_TABLE_STAFF_GRADE,
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (level_tables); i++)
    {
      const Row *row = find_row (find_table (level_tables[i]), code);
      if (row != NULL)
        return row;
    }
  return NULL;
}

LdPostLevel
ld_post_level_from_code (const char *code)
{
  const Row *row = find_level_row (code);
  return row ? row->level : LD_POST_LEVEL_NONE;
}

gboolean
ld_code_is_principal_level (const char *code)
{
  const Row *row = find_level_row (code);
  return row ? row->principal : FALSE;
}

const char *
ld_rank_get_current (const char *rank_code)
{
  const Row *row = find_row (find_table (LD_CODE_TABLE_RANK), rank_code);

  if (row == NULL)
    return NULL;
  return row->current ? row->current : row->code;
}
