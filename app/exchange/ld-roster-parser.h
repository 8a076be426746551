/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "exchange/ld-table-reader.h"

G_BEGIN_DECLS

/* The roster fields a column can map to. Codes are stable: they are stored
 * in remembered mappings. */
typedef enum
{
  LD_ROSTER_FIELD_NONE = -1,
  LD_ROSTER_FIELD_NAME = 0,              /* "name"                 姓名 */
  LD_ROSTER_FIELD_SEX,                   /* "sex"                  性别: 男 or 女 */
  LD_ROSTER_FIELD_ID_NUMBER,             /* "id-number"            身份证号 */
  LD_ROSTER_FIELD_BIRTH_DATE,            /* "birth-date"           出生年月 (date) */
  LD_ROSTER_FIELD_ETHNICITY,             /* "ethnicity"            民族 */
  LD_ROSTER_FIELD_NATIVE_PLACE,          /* "native-place"         籍贯 */
  LD_ROSTER_FIELD_POLITICAL_STATUS,      /* "political-status"     政治面貌 */
  LD_ROSTER_FIELD_PARTY_DATE,            /* "party-date"           入党时间 (date) */
  LD_ROSTER_FIELD_EDUCATION,             /* "education"            学历 */
  LD_ROSTER_FIELD_EDUCATION_FULL_TIME,   /* "education-full-time"  全日制学历 */
  LD_ROSTER_FIELD_EDUCATION_IN_SERVICE,  /* "education-in-service" 在职学历 */
  LD_ROSTER_FIELD_DEGREE,                /* "degree"               学位 */
  LD_ROSTER_FIELD_UNIT,                  /* "unit"                 工作单位 */
  LD_ROSTER_FIELD_POST,                  /* "post"                 职务 */
  LD_ROSTER_FIELD_RANK,                  /* "rank"                 职级 */
  LD_ROSTER_FIELD_POST_DATE,             /* "post-date"            任现职时间 (date) */
  LD_ROSTER_FIELD_RANK_DATE,             /* "rank-date"            任现职级时间 (date) */
  LD_ROSTER_FIELD_PROMOTION_DATE,        /* "promotion-date"       最近提拔时间 (date) */
  LD_ROSTER_FIELD_AUTHORITY,             /* "authority"            管理权限 */
  LD_ROSTER_FIELD_STATUS,                /* "status"               在职状态 */
  LD_ROSTER_N_FIELDS
} LdRosterField;

/* The stable code of FIELD ("id-number"), or NULL for NONE. */
const char      *ld_roster_field_get_code    (LdRosterField  field);
/* LD_ROSTER_FIELD_NONE for an unknown code. */
LdRosterField    ld_roster_field_from_code   (const char    *code);
/* The translated label ("ID number" / "身份证号") for menus. */
const char      *ld_roster_field_get_label   (LdRosterField  field);
/* Whether the field holds a date (parsed with ld_parse_date()). */
gboolean         ld_roster_field_is_date     (LdRosterField  field);
/* The field a column header names, tolerant of spaces, full-width
 * characters, "*" marks and notes in parentheses such as
 * 出生年月（年.月）; LD_ROSTER_FIELD_NONE when not recognised. */
LdRosterField    ld_roster_field_from_header (const char    *header);

/* ---- Column mapping ---------------------------------------------------- */

typedef struct _LdRosterMapping LdRosterMapping;

/* Finds the header row (the one among the first 30 rows with the most
 * recognised column names, at least two; title rows and merged title cells
 * above it are skipped) and maps its columns. A header row with a merged
 * cell (学历) over sub-headers in the next row (全日制 / 在职) is read as two
 * header rows. Fails with LD_ERROR_INVALID when no header row is found. */
LdRosterMapping *ld_roster_detect            (const LdTable *table,
                                              GError       **error);
/* A mapping for TABLE with the header at table row index HEADER_ROW, mapped
 * from the header names (for a user who picks the header row). */
LdRosterMapping *ld_roster_mapping_new       (const LdTable *table,
                                              guint          header_row);
void             ld_roster_mapping_free      (LdRosterMapping *mapping);
LdRosterMapping *ld_roster_mapping_copy      (const LdRosterMapping *mapping);

/* The table row index and file row number of the (last) header row; data
 * starts at the next row index. */
guint            ld_roster_mapping_get_header_row        (const LdRosterMapping *mapping);
guint            ld_roster_mapping_get_header_row_number (const LdRosterMapping *mapping);
guint            ld_roster_mapping_get_n_columns         (const LdRosterMapping *mapping);
/* The column's header as written in the file ("" when none). */
const char      *ld_roster_mapping_get_header            (const LdRosterMapping *mapping,
                                                          guint                  column);
LdRosterField    ld_roster_mapping_get_field             (const LdRosterMapping *mapping,
                                                          guint                  column);
/* The column mapped to FIELD, or -1. */
int              ld_roster_mapping_find_column           (const LdRosterMapping *mapping,
                                                          LdRosterField          field);
/* Maps COLUMN to FIELD (NONE = ignore the column). A field maps to one
 * column only: a column that had FIELD before is set to NONE. Columns past
 * the header's width are added. */
void             ld_roster_mapping_set                   (LdRosterMapping       *mapping,
                                                          guint                  column,
                                                          LdRosterField          field);

/* A text form to remember a mapping (one line per mapped column:
 * "<column> <field-code> <header>"), and back. from_string() fails with
 * LD_ERROR_INVALID on text it did not write. */
char            *ld_roster_mapping_to_string             (const LdRosterMapping *mapping);
LdRosterMapping *ld_roster_mapping_from_string           (const char            *text,
                                                          GError               **error);
/* Applies a remembered mapping to a freshly detected one: every column
 * whose header (normalised) equals a remembered column's header gets that
 * column's field. Returns how many columns changed. */
guint            ld_roster_mapping_apply                 (LdRosterMapping       *mapping,
                                                          const LdRosterMapping *remembered);

/* ---- Values -------------------------------------------------------------- */

/* NFKC (full-width → half-width), trimmed, inner runs of white space
 * collapsed to one space, invisible format characters removed. */
char            *ld_normalise_text           (const char    *text);
/* Parses the date forms people type: Excel serial numbers (1900 date
 * system), 1980-01-05, 1980/1/5, 1980.01.05, 1980.01, 1980.1, 1980-1,
 * 1980年1月, 1980年1月5日, 198001, 19800105, also with full-width digits,
 * stray spaces or a trailing time. *DAY is 0 when only year and month are
 * given. Years 1900..2100. Fails with LD_ERROR_INVALID and a translated
 * message saying how to write the date. */
gboolean         ld_parse_date               (const char    *text,
                                              int           *year,
                                              int           *month,
                                              int           *day,
                                              GError       **error);
/* "男" or "女" for 男, 女, 男性, 女性, M, F, male, female (any case), or
 * NULL with LD_ERROR_INVALID. */
const char      *ld_parse_sex                (const char    *text,
                                              GError       **error);
/* The ID number normalised (NFKC, no spaces, x → X, a leading ' removed);
 * not checksum-validated (see rules/ld-id-number). Fails with
 * LD_ERROR_INVALID when Excel turned it into a number and lost digits
 * (3.40524E+17). */
char            *ld_normalise_id_number      (const char    *text,
                                              GError       **error);

/* ---- Rows ---------------------------------------------------------------- */

typedef struct
{
  int year;   /* 0 when not set */
  int month;
  int day;    /* 0 when only year and month were given */
} LdRosterDate;

typedef struct
{
  guint        row_number;                     /* 1-based row in the file */
  /* Normalised text per field; NULL when empty, not mapped or invalid. Date
   * fields hold "1980-01-05" or "1980-01"; sex holds 男 or 女. */
  char        *values[LD_ROSTER_N_FIELDS];
  LdRosterDate dates[LD_ROSTER_N_FIELDS];      /* date fields only */
  gboolean     has_errors;                     /* a problem of severity error */
} LdRosterRow;

typedef enum
{
  LD_ROSTER_SEVERITY_WARNING,
  LD_ROSTER_SEVERITY_ERROR,
} LdRosterSeverity;

typedef struct
{
  guint            row_number;  /* 1-based row in the file */
  LdRosterField    field;       /* NONE for a problem of the whole row */
  LdRosterSeverity severity;
  char            *message;     /* translated, names the value and what to do */
} LdRosterProblem;

void             ld_roster_row_free          (LdRosterRow     *row);
void             ld_roster_problem_free      (LdRosterProblem *problem);
const char      *ld_roster_row_get           (const LdRosterRow *row,
                                              LdRosterField      field);

/* Parses every data row below the header: skips fully empty rows,
 * normalises each mapped field and records problems (missing name, bad
 * date, bad sex, ID number that lost digits, missing ID number (warning),
 * the same ID number on an earlier row). Rows with errors are still
 * returned, with has_errors set. Returns LdRosterRow*, in file order;
 * *PROBLEMS (if not NULL) gets LdRosterProblem*, ordered by row. Both
 * arrays free their elements. */
GPtrArray       *ld_roster_parse             (const LdTable         *table,
                                              const LdRosterMapping *mapping,
                                              GPtrArray            **problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRosterMapping, ld_roster_mapping_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRosterRow, ld_roster_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRosterProblem, ld_roster_problem_free)

G_END_DECLS
