/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "exchange/ld-roster-parser.h"
#include "exchange/ld-table-reader.h"

G_BEGIN_DECLS

/* Importing the talk and petition ledgers investigators keep in Excel
 * (谈话台账, 信访举报台账), like the cadre roster import: a plan (read the
 * file, detect or apply the mapping, check every row, match the persons
 * to cadres in scope — writes nothing) and a commit (everything in one
 * transaction, or nothing). Used by `liandang-cli import talks|petitions`
 * and the import dialog.
 *
 * Persons are matched to the active cadres in the account's scope by ID
 * number, else by name and unit name. A talk needs its persons on file: a
 * person not found or named ambiguously is a row error. A petition may
 * name a person not on file (kept as text), but an ambiguous name is a row
 * error. Cadres outside the scope are never matched nor named.
 *
 * A row already on file is a row error, so that importing a ledger again
 * after it grew (with skip_invalid) adds only its new rows: a talk of the
 * same type with the same first person on the same day; a petition with
 * the same registration number and received date. A registration number
 * that is malformed, used twice in the file or taken by another petition
 * is replaced by the next free one (a warning).
 *
 * The reporter's columns (举报人, 举报人单位, 联系方式, 地址, 举报人身份证号) go to
 * the reporters table only: they never appear in the report, problems,
 * errors or the audit entry, and the preview shows them masked. */

#define LD_AUDIT_IMPORT_TALKS     "import.talks"
#define LD_AUDIT_IMPORT_PETITIONS "import.petitions"
/* The version event of each imported record. */
#define LD_AUDIT_TALK_IMPORTED     "talk.imported"
#define LD_AUDIT_PETITION_IMPORTED "petition.imported"
/* The settings keys of the remembered mappings (ld_ledger_mapping_to_string). */
#define LD_LEDGER_TALKS_MAPPING_SETTING     "import.talks.mapping"
#define LD_LEDGER_PETITIONS_MAPPING_SETTING "import.petitions.mapping"

typedef enum
{
  LD_LEDGER_TALKS,
  LD_LEDGER_PETITIONS,
} LdLedgerKind;

/* The columns of a talk ledger. Codes are stable (stored in remembered
 * mappings). */
typedef enum
{
  LD_TALK_COL_DATE = 0,          /* "date"             谈话日期 */
  LD_TALK_COL_TIME,              /* "time"             谈话时间 (a time, or the date) */
  LD_TALK_COL_TYPE,              /* "type"             谈话类型 / 谈话方式 */
  LD_TALK_COL_PERSON,            /* "person"           谈话对象 / 被谈话人 */
  LD_TALK_COL_ID_NUMBER,         /* "id-number"        身份证号 */
  LD_TALK_COL_UNIT,              /* "unit"             单位 */
  LD_TALK_COL_POST,              /* "post"             职务 */
  LD_TALK_COL_TALKERS,           /* "talkers"          谈话人 */
  LD_TALK_COL_RECORDER,          /* "recorder"         记录人 */
  LD_TALK_COL_PLACE,             /* "place"            地点 */
  LD_TALK_COL_REASON,            /* "reason"           事由 / 谈话原因 */
  LD_TALK_COL_CLUE,              /* "clue"             线索编号 */
  LD_TALK_COL_PROBLEMS,          /* "problems"         反映问题 */
  LD_TALK_COL_EXPLANATION,       /* "explanation"      本人说明 */
  LD_TALK_COL_ATTITUDE,          /* "attitude"         态度 */
  LD_TALK_COL_WRITTEN,           /* "written"          书面说明 (是/否/书面检查) */
  LD_TALK_COL_WRITTEN_DUE,       /* "written-due"      回复期限 */
  LD_TALK_COL_WRITTEN_RECEIVED,  /* "written-received" 回复日期 */
  LD_TALK_COL_FOLLOWUP,          /* "followup"         回访日期 */
  LD_TALK_COL_OUTCOME,           /* "outcome"          处理结果 */
  LD_TALK_COL_REMARKS,           /* "remarks"          备注 (added to the explanation) */
  LD_TALK_N_COLUMNS
} LdTalkColumn;

/* The columns of a petition ledger. */
typedef enum
{
  LD_PETITION_COL_REG_NO = 0,         /* "reg-no"           登记号 / 编号 */
  LD_PETITION_COL_RECEIVED,           /* "received"         收件日期 / 受理日期 */
  LD_PETITION_COL_CHANNEL,            /* "channel"          来源 / 渠道 / 方式 */
  LD_PETITION_COL_KIND,               /* "kind"             类别 / 性质 */
  LD_PETITION_COL_REAL_NAME,          /* "real-name"        是否实名 */
  LD_PETITION_COL_REPORTER,           /* "reporter"         举报人 (reporter) */
  LD_PETITION_COL_REPORTER_UNIT,      /* "reporter-unit"    举报人单位 (reporter) */
  LD_PETITION_COL_REPORTER_CONTACT,   /* "reporter-contact" 联系方式 (reporter) */
  LD_PETITION_COL_REPORTER_ADDRESS,   /* "reporter-address" 联系地址 (reporter) */
  LD_PETITION_COL_REPORTER_ID,        /* "reporter-id"      举报人身份证号 (reporter) */
  LD_PETITION_COL_PERSON,             /* "person"           被反映人 */
  LD_PETITION_COL_PERSON_UNIT,        /* "person-unit"      被反映人单位 */
  LD_PETITION_COL_PERSON_POST,        /* "person-post"      职务 */
  LD_PETITION_COL_ID_NUMBER,          /* "id-number"        身份证号 (of the person reported) */
  LD_PETITION_COL_CATEGORIES,         /* "categories"       问题类别 */
  LD_PETITION_COL_SUMMARY,            /* "summary"          反映问题摘要 */
  LD_PETITION_COL_FULL_TEXT,          /* "full-text"        内容 */
  LD_PETITION_COL_ROUTING,            /* "routing"          办理方式 / 去向 (本级 上报 转办) */
  LD_PETITION_COL_ROUTED_TO,          /* "routed-to"        转办单位 */
  LD_PETITION_COL_ROUTED_DATE,        /* "routed-date"      转办日期 */
  LD_PETITION_COL_STATUS,             /* "status"           办理状态 */
  LD_PETITION_COL_CLOSED,             /* "closed"           办结日期 */
  LD_PETITION_COL_RESULT,             /* "result"           办理结果 */
  LD_PETITION_COL_FEEDBACK,           /* "feedback"         反馈日期 (reported, not imported) */
  LD_PETITION_COL_REMARKS,            /* "remarks"          备注 (added to the content) */
  LD_PETITION_N_COLUMNS
} LdPetitionColumn;

/* Fields are ints: an LdTalkColumn or LdPetitionColumn, -1 = none. */
guint         ld_ledger_n_fields             (LdLedgerKind  kind);
const char   *ld_ledger_field_get_code       (LdLedgerKind  kind,
                                              int           field);
/* -1 for an unknown code. */
int           ld_ledger_field_from_code      (LdLedgerKind  kind,
                                              const char   *code);
/* Translated label for menus and messages. */
const char   *ld_ledger_field_get_label      (LdLedgerKind  kind,
                                              int           field);
/* Whether the field is part of the reporter's identity (shown masked). */
gboolean      ld_ledger_field_is_reporter    (LdLedgerKind  kind,
                                              int           field);
/* The field a column header names (tolerant of spaces, full-width
 * characters, "*" marks and notes in parentheses), or -1. */
int           ld_ledger_field_from_header    (LdLedgerKind  kind,
                                              const char   *header);
/* "import.talks.mapping" or "import.petitions.mapping". */
const char   *ld_ledger_mapping_setting      (LdLedgerKind  kind);

/* ---- Column mapping ------------------------------------------------------- */

typedef struct _LdLedgerMapping LdLedgerMapping;

/* Finds the header row (among the first 30 rows, the one with the most
 * recognised headers, at least two) and maps it. LD_ERROR_INVALID when
 * there is none. */
LdLedgerMapping *ld_ledger_detect                      (LdLedgerKind           kind,
                                                        const LdTable         *table,
                                                        GError               **error);
LdLedgerMapping *ld_ledger_mapping_new                 (LdLedgerKind           kind,
                                                        const LdTable         *table,
                                                        guint                  header_row);
LdLedgerMapping *ld_ledger_mapping_copy                (const LdLedgerMapping *mapping);
void             ld_ledger_mapping_free                (LdLedgerMapping       *mapping);
LdLedgerKind     ld_ledger_mapping_get_kind            (const LdLedgerMapping *mapping);
/* Table row index and file row number of the header row. */
guint            ld_ledger_mapping_get_header_row      (const LdLedgerMapping *mapping);
guint            ld_ledger_mapping_get_header_row_number (const LdLedgerMapping *mapping);
guint            ld_ledger_mapping_get_n_columns       (const LdLedgerMapping *mapping);
const char      *ld_ledger_mapping_get_header          (const LdLedgerMapping *mapping,
                                                        guint                  column);
int              ld_ledger_mapping_get_field           (const LdLedgerMapping *mapping,
                                                        guint                  column);
int              ld_ledger_mapping_find_column         (const LdLedgerMapping *mapping,
                                                        int                    field);
/* Maps COLUMN to FIELD (-1 = ignore); a field maps to one column only. */
void             ld_ledger_mapping_set                 (LdLedgerMapping       *mapping,
                                                        guint                  column,
                                                        int                    field);
/* "<column> <field-code> <header>" per mapped column, and back. */
char            *ld_ledger_mapping_to_string           (const LdLedgerMapping *mapping);
LdLedgerMapping *ld_ledger_mapping_from_string         (LdLedgerKind           kind,
                                                        const char            *text,
                                                        GError               **error);
/* Gives every column whose header equals a remembered column's header the
 * remembered field. Returns how many columns changed. */
guint            ld_ledger_mapping_apply               (LdLedgerMapping       *mapping,
                                                        const LdLedgerMapping *remembered);

/* ---- Plan and commit ------------------------------------------------------ */

typedef struct
{
  guint      row_number;  /* 1-based row in the file */
  gboolean   valid;       /* no errors: it would be imported */
  /* Display text per field (n_fields items, NULL = empty); reporter
   * fields masked with ld_mask_name() / ld_mask_text(). */
  char     **cells;
  /* The persons as matched: "张三（县财政局）" for a cadre on file, the name
   * followed by "(not on file)" for a petition's free-text person. */
  char      *persons;
} LdLedgerRow;

typedef struct
{
  guint             row_number;
  int               field;      /* -1 for a problem of the whole row */
  LdRosterSeverity  severity;
  char             *message;    /* translated; never a reporter's value */
} LdLedgerProblem;

typedef struct _LdLedgerPlan LdLedgerPlan;

typedef struct
{
  gboolean               skip_invalid;  /* import the valid rows only */
  const LdLedgerMapping *mapping;       /* NULL = detect, then apply the remembered one */
} LdLedgerOptions;

/* Reads and plans. Needs LD_ACTION_RECORD_WRITE. Fails (LD_ERROR_INVALID)
 * only when the file cannot be read or has no header row; row problems
 * are in the plan. Runs on the vault's worker. */
LdLedgerPlan    *ld_ledger_plan_new            (LdVault                *vault,
                                                LdLedgerKind            kind,
                                                const char             *path,
                                                const LdLedgerOptions  *options,
                                                GCancellable           *cancellable,
                                                GError                **error);
void             ld_ledger_plan_free           (LdLedgerPlan           *plan);
LdLedgerKind     ld_ledger_plan_get_kind       (LdLedgerPlan           *plan);
const char      *ld_ledger_plan_get_path       (LdLedgerPlan           *plan);
const char      *ld_ledger_plan_get_sha256     (LdLedgerPlan           *plan);
const LdLedgerMapping *ld_ledger_plan_get_mapping (LdLedgerPlan        *plan);
const LdTable   *ld_ledger_plan_get_table      (LdLedgerPlan           *plan);
/* LdLedgerRow*, in file order. */
GPtrArray       *ld_ledger_plan_get_rows       (LdLedgerPlan           *plan);
/* LdLedgerProblem*, ordered by row. */
GPtrArray       *ld_ledger_plan_get_problems   (LdLedgerPlan           *plan);
void             ld_ledger_plan_get_counts     (LdLedgerPlan           *plan,
                                                guint                  *n_valid,
                                                guint                  *n_invalid);
gboolean         ld_ledger_plan_can_commit     (LdLedgerPlan           *plan);
/* Counts and every problem with its row number. Translated. */
char            *ld_ledger_plan_format_report  (LdLedgerPlan           *plan);

/* Writes the valid rows in one transaction through the talk and petition
 * repositories, remembers the mapping and appends one audit entry
 * (LD_AUDIT_IMPORT_TALKS / _PETITIONS) with the file name, SHA-256 and
 * counts. Refuses (LD_ERROR_INVALID, nothing written) when the plan
 * cannot commit or the file changed since the plan. progress (may be
 * NULL) is called every 50 rows on the calling thread; cancelling, or any
 * failure, rolls everything back. */
gboolean         ld_ledger_plan_commit         (LdVault                *vault,
                                                LdLedgerPlan           *plan,
                                                void                  (*progress) (guint    done,
                                                                                   guint    total,
                                                                                   gpointer user_data),
                                                gpointer                progress_data,
                                                GCancellable           *cancellable,
                                                guint                  *n_imported,
                                                GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdLedgerMapping, ld_ledger_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdLedgerPlan, ld_ledger_plan_free)

G_END_DECLS
