/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-code-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rules/ld-code-tables.h"

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
};

static const char * const table_names[] = {
  LD_CODE_TABLE_POST_LEVEL, LD_CODE_TABLE_LEADING_POST, LD_CODE_TABLE_RANK, LD_CODE_TABLE_STAFF_GRADE,
  LD_CODE_TABLE_MANAGEMENT, LD_CODE_TABLE_EMPLOYMENT_STATUS, LD_CODE_TABLE_POLITICAL_STATUS,
  LD_CODE_TABLE_EDUCATION, LD_CODE_TABLE_POST_TAG, LD_CODE_TABLE_UNIT_KIND, LD_CODE_TABLE_SUPERVISOR_KIND,
  LD_CODE_TABLE_SEX, NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_names) == G_N_ELEMENTS (tables) + 1);

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

const char *
ld_code_find_by_label (const char *table,
                       const char *label_or_alias)
{
  g_autofree char *key = NULL;
  int t = find_table (table);

  if (t < 0 || label_or_alias == NULL || !g_utf8_validate (label_or_alias, -1, NULL))
    return NULL;
  key = matching_key (label_or_alias);
  return g_hash_table_lookup (get_cache (t)->index, key);
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
