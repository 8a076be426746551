/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rules/ld-code-tables.h"

G_BEGIN_DECLS

/* The code tables of talks, petitions and clues (DOMAIN.md §3, §6, §9).
 * Read them with ld_code_table_get(), ld_code_get_label() and
 * ld_code_lookup() like the tables of ld-code-tables.h (these names are
 * served there too; ld_case_code_table_names() lists them, while
 * ld_code_table_names() keeps its twelve cadre tables). Codes are stable
 * ASCII, stored in the vault and typed on the command line; labels are
 * English source strings shown translated. ld_code_lookup() also matches
 * the Chinese names of DOMAIN.md (来信, 12388, 谈话函询, 检举控告 …). */

/* T_HEART 谈心谈话, T_REMIND 提醒谈话, T_REMIND_JJ 谈话提醒, T_ADMONISH 诫勉谈话,
 * T_WARN 警示谈话, T_INQUIRY 谈话函询, T_SUMMON 约谈, T_PREAPPOINT 任前廉政谈话,
 * T_APPOINT 任职谈话, T_SUPERVISE_TOP 上级一把手对下级一把手监督谈话,
 * T_REVISIT 回访教育谈话. */
#define LD_CODE_TABLE_TALK_TYPE        "talk-type"
/* accusation 检举控告, appeal 申诉, suggestion 批评建议, other 其他. */
#define LD_CODE_TABLE_PETITION_KIND    "petition-kind"
/* The channels and clue sources of DOMAIN.md 3.2: CH_LETTER, CH_VISIT,
 * CH_PHONE, CH_WEB, SRC_SUPERIOR, SRC_INSPECTION, SRC_AUDIT, SRC_JUDICIAL,
 * SRC_SUPERVISION, SRC_CASE, SRC_MEDIA, SRC_LOWER, SRC_SELF. */
#define LD_CODE_TABLE_CHANNEL          "channel"
/* Problem categories: the six disciplines POL ORG INT MAS WRK LIF, LAW
 * (job-related illegality), the 四风 items FB1 FB2 FB3 FB4 FB9 HS1 … HS7
 * HS9 (DOMAIN.md §9.1). */
#define LD_CODE_TABLE_PROBLEM_CATEGORY "problem-category"
/* local 本级办理, up 上报上级, down 转交下级. */
#define LD_CODE_TABLE_ROUTING          "routing"
/* talk-letter 谈话函询, verify 初步核实, hold 暂存待查, close 予以了结,
 * case 移送审查调查. */
#define LD_CODE_TABLE_DISPOSAL         "disposal"
/* founded 查实, partly 部分属实, unfounded 失实, uncheckable 无法查实. */
#define LD_CODE_TABLE_CLUE_RESULT      "clue-result"
/* Petition statuses (ld-case-rules.h): registered, accepted, routed,
 * filed (存档: repeat or no substance), not-accepted, closed. */
#define LD_CODE_TABLE_PETITION_STATUS  "petition-status"
/* Clue statuses: pending 待处置, handling 处置中, held 暂存待查, closed 已办结. */
#define LD_CODE_TABLE_CLUE_STATUS      "clue-status"
/* written-required of a talk: 0 none, 1 written explanation 书面说明,
 * 2 self-examination 书面检查. */
#define LD_CODE_TABLE_WRITTEN_KIND     "written-kind"

/* The ten table names above, NULL-terminated, in the order above. */
const char * const *ld_case_code_table_names (void);
/* The code for a code, a label (English or translated) or a Chinese name
 * (来信 → CH_LETTER, 12388 → CH_PHONE, 谈话函询 → talk-letter in the
 * disposal table): ld_code_find_by_label () under the name the case code
 * uses. NULL if nothing matches. */
const char  *ld_code_lookup                 (const char *table,
                                             const char *text);

/* Whether a talk type is one a discipline organ holds, which needs at least
 * two talkers (T_REMIND_JJ, T_ADMONISH, T_WARN, T_INQUIRY). */
gboolean     ld_talk_type_needs_two_talkers (const char *type);
/* The form of the four forms a talk type may produce a measure in (1 for
 * the F1 types of DOMAIN.md §6), else 0. The measures issue links the
 * measure through talks.measure_id. */
int          ld_talk_type_form              (const char *type);
/* Whether a problem-category code is a 四风 item (FB*, HS*). */
gboolean     ld_problem_category_is_sifeng  (const char *code);
/* Checks a comma-separated list of codes of table (duplicates and spaces
 * removed, order of the table); returns the normal form or NULL with
 * LD_ERROR_INVALID naming the unknown code. Items may also be labels or
 * Chinese names (ld_code_lookup ()), separated by "," "，" "、" or ";";
 * an empty list gives "". */
char        *ld_code_list_normalise         (const char  *table,
                                             const char  *codes,
                                             GError     **error);
/* Translated labels of a comma-separated code list, joined with "、". */
char        *ld_code_list_format            (const char  *table,
                                             const char  *codes);

G_END_DECLS
