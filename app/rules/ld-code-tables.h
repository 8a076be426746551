/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Code tables of DOMAIN.md §4 and §11.2–11.5. Codes are stable ASCII
 * strings, stored in the vault and used on the command line; labels are
 * English source strings shown translated (po/zh_CN.po). */
typedef struct
{
  const char *code;
  const char *label;  /* translated */
} LdCode;

/* Table names. Codes: post-level guojia, shengbu, tingju, xianchu,
 * xiangke; leading-post L01..L10 (领导职务); rank J01..J12 (职级) then the
 * pre-2019 titles old-*; staff-grade Z01..Z10 (事业单位职员等级); management
 * central, provincial, municipal, county, unit; employment-status active,
 * left-post, retired, transferred-out; political-status 01..13 (GB/T
 * 4762); education 10, 11, 14, 20, 30, 40, 60, 70, 80, 90 (GB/T 4658);
 * post-tag finance, procurement, construction, approval, enforcement,
 * personnel, state-assets, special-funds; unit-kind party-organ,
 * government-organ, public-institution, soe, township, village, other;
 * supervisor-kind same-level, stationed; sex M, F (as LdIdInfo.sex). */
#define LD_CODE_TABLE_POST_LEVEL        "post-level"
#define LD_CODE_TABLE_LEADING_POST      "leading-post"
#define LD_CODE_TABLE_RANK              "rank"
#define LD_CODE_TABLE_STAFF_GRADE       "staff-grade"
#define LD_CODE_TABLE_MANAGEMENT        "management"
#define LD_CODE_TABLE_EMPLOYMENT_STATUS "employment-status"
#define LD_CODE_TABLE_POLITICAL_STATUS  "political-status"
#define LD_CODE_TABLE_EDUCATION         "education"
#define LD_CODE_TABLE_POST_TAG          "post-tag"
#define LD_CODE_TABLE_UNIT_KIND         "unit-kind"
#define LD_CODE_TABLE_SUPERVISOR_KIND   "supervisor-kind"
#define LD_CODE_TABLE_SEX               "sex"

/* The person code lists of section A. Every function below works with
 * them, but ld_code_table_names() does not list them (it keeps the twelve
 * tables above). Codes: ethnicity "01".."56" (GB/T 3304-1991, 01 汉族 …
 * 56 基诺族), "97" (其他未识别民族) and "98" (外国血统中国籍人士); degree
 * "1" (名誉博士), "2" (博士), "3" (硕士) and "4" (学士), the main codes of
 * GB/T 6864-2003. Looking up text also finds the Chinese names with or
 * without 族 (汉, 汉族, 维吾尔族), the GB/T 3304 letter codes and
 * romanisations (HA, Uygur), and, for degrees, the detailed codes (301 →
 * 3) and the forms with a discipline or a professional field (法学学士 →
 * 4, 工学硕士学位 → 3, 管理学博士 → 2, 工商管理硕士(MBA), 公共管理硕士
 * and 法律硕士 → 3). The Chinese names are matched in any locale. */
#define LD_CODE_TABLE_ETHNICITY         "ethnicity"
#define LD_CODE_TABLE_DEGREE            "degree"

/* Post levels (领导职务层次), lowest first. The codes are the strings of
 * LD_CODE_TABLE_POST_LEVEL. */
typedef enum
{
  LD_POST_LEVEL_NONE = 0,  /* unknown or below 乡科级 (科员, 办事员) */
  LD_POST_LEVEL_XIANGKE,   /* 乡科级 township/section */
  LD_POST_LEVEL_XIANCHU,   /* 县处级 county/division */
  LD_POST_LEVEL_TINGJU,    /* 厅局级 bureau/prefecture */
  LD_POST_LEVEL_SHENGBU,   /* 省部级 province/ministry */
  LD_POST_LEVEL_GUOJIA,    /* 国家级 state */
  LD_N_POST_LEVELS
} LdPostLevel;

/* The table's rows in order (NULL and *n = 0 for an unknown table). The
 * labels are translated once, at the first call: call it after setlocale(). */
const LdCode *ld_code_table_get       (const char *table,
                                       guint      *n);
/* All table names, NULL-terminated. */
const char * const *ld_code_table_names (void);
/* The translated label of a code, or NULL if the table has no such code. */
const char   *ld_code_get_label       (const char *table,
                                       const char *code);
/* The code for text found in imported data: the code itself, the English or
 * translated label, the Chinese name or a common alias (中共党员 and 党员
 * → 01, 大学本科 and 本科 → 20, 正科 and 正科级 → L09, 副调研员 →
 * old-fudiaoyanyuan).
 * Spaces and full-width forms are ignored, ASCII case too. NULL if nothing
 * matches. */
const char   *ld_code_find_by_label   (const char *table,
                                       const char *label_or_alias);
/* The Chinese name of a code as rosters and forms write it, whatever the
 * locale: the first of its Chinese aliases (汉族 for ethnicity 01, 学士
 * for degree 4, 中国共产党党员 for political status 01), for exports that
 * must be in Chinese. NULL for an unknown code or a code without one. */
const char   *ld_code_get_chinese_name (const char *table,
                                        const char *code);

/* The level code ("xiangke" …) for a post level, and back. from_code also
 * accepts the codes of the leading-post, rank (old titles included) and
 * staff-grade tables and returns the level they belong to or are
 * equivalent to; LD_POST_LEVEL_NONE for anything else. */
const char   *ld_post_level_to_code   (LdPostLevel level);
LdPostLevel   ld_post_level_from_code (const char *code);
/* Whether a leading-post or staff-grade code is a principal (正职) one. */
gboolean      ld_code_is_principal_level (const char *code);

/* For a pre-2019 non-leading title (old-* in LD_CODE_TABLE_RANK) the rank it
 * was converted to in 2019 (副调研员 → J06 四级调研员); any other known rank
 * code is returned as it is; NULL for an unknown code. */
const char   *ld_rank_get_current     (const char *rank_code);

G_END_DECLS
