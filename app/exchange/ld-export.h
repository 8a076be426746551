/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"
#include "records/ld-cadre-repository.h"

G_BEGIN_DECLS

/* Excel exports (issue 6): what can be exported, checked, written through
 * LdXlsxWriter and audited. No GTK here: the GUI and the CLI both call
 * ld_export_run() (the GUI through ld_export_run_async()).
 *
 * Every export
 * - needs LD_ACTION_EXPORT (role and the export grant; a denial is audited
 *   by ld_vault_check) and a purpose (non-empty, at most 200 characters);
 * - reads only what the session's unit scopes show;
 * - masks reporters' identities unless include_reporters is set AND the
 *   session may LD_ACTION_REPORTER_IDENTITY (else LD_ERROR_PERMISSION_DENIED,
 *   nothing written); a reveal is audited separately
 *   (LD_AUDIT_EXPORT_REPORTERS, with the petition registration numbers);
 * - takes the 密级 mark and organisation from the settings
 *   (ld-settings-repository.h) into the sheets and workbook properties;
 * - writes to a temporary file in the target folder; the audit entry
 *   (LD_AUDIT_EXPORT_DONE: kind, purpose, file name, rows, columns, 密级,
 *   SHA-256) is committed before the file is renamed into place; when the
 *   audit cannot be written nothing is left; any failure or cancel leaves
 *   no file and records LD_AUDIT_EXPORT_FAILED (kind, file name, reason;
 *   best effort).
 * A batch (LD_EXPORT_CADRES) writes one workbook per cadre into a folder,
 * named "单位-姓名-身份证后4位.xlsx" (characters not allowed in file
 * names replaced by "_", a " (2)" suffix when two cadres share a name),
 * one audit entry per workbook; cancel keeps the workbooks already
 * finished (each is complete and audited) and leaves no partial file. */

#define LD_AUDIT_EXPORT_DONE      "export.done"
#define LD_AUDIT_EXPORT_FAILED    "export.failed"
#define LD_AUDIT_EXPORT_REPORTERS "export.reporter-identity"

typedef enum
{
  LD_EXPORT_ROSTER,           /* the cadre roster: a filter + columns */
  LD_EXPORT_CADRE,            /* one cadre's complete file: cover + sections */
  LD_EXPORT_CADRES,           /* a batch of cadre files into a folder */
  LD_EXPORT_PETITIONS,        /* 信访举报台账 */
  LD_EXPORT_CLUES,            /* 问题线索台账 */
  LD_EXPORT_TALKS,            /* 谈话台账 */
  LD_EXPORT_MEASURES,         /* 处理处分台账, with effect periods */
  LD_EXPORT_OPINIONS,         /* 党风廉政意见回复台账 */
  LD_EXPORT_LEDGER,           /* 整改台账 (ledger items) */
  LD_EXPORT_RECOMMENDATIONS,  /* 纪检监察建议台账 */
  LD_EXPORT_BOARD,            /* the supervision board */
  LD_EXPORT_FOUR_FORMS,       /* the four-forms statistics table */
  LD_N_EXPORT_KINDS
} LdExportKind;

/* "roster", "cadre", "cadres", "petitions", "clues", "talks", "measures",
 * "opinions", "ledger", "recommendations", "board", "four-forms". */
const char   *ld_export_kind_to_string   (LdExportKind kind);
gboolean      ld_export_kind_from_string (const char   *str,
                                          LdExportKind *kind);
/* Translated title, e.g. "Petitions and reports ledger" (信访举报台账);
 * also the default file name stem. */
const char   *ld_export_kind_get_title   (LdExportKind kind);
/* Whether the kind can carry reporters' identities (petitions, clues,
 * cadre files). */
gboolean      ld_export_kind_has_reporters (LdExportKind kind);

/* The roster columns: key, translated header. Keys: the section-A field
 * names of ld_cadre_field_names() with "unit_id" replaced by "unit" (the
 * unit's name), plus "id" (record number), "age", "categories" (labels)
 * and "tags". NULL-terminated. */
const char * const *ld_export_roster_columns         (void);
/* The 20 columns exported when none are chosen. */
const char * const *ld_export_roster_default_columns (void);
const char   *ld_export_roster_column_get_label      (const char *key);

typedef struct
{
  LdExportKind  kind;
  char         *purpose;           /* required */
  char         *path;              /* the .xlsx file; the folder for CADRES */
  gint64        unit_id;           /* 0 = every unit in scope; else the subtree */
  char         *from;              /* "YYYY-MM-DD" or NULL: first day included */
  char         *to;                /* "YYYY-MM-DD" or NULL: last day included */
  gint64        cadre_id;          /* CADRE */
  GArray       *cadre_ids;         /* CADRES: gint64 record numbers; NULL = the unit subtree */
  gboolean      include_reporters; /* ticked in the dialog / --include-reporters */
  /* ROSTER: the list view's filter (unit_id above wins when set) and its
   * visible columns (keys of ld_export_roster_columns(); NULL = default). */
  char         *search;
  LdCadreOrder  order;
  gboolean      descending;
  gboolean      include_retired;
  guint         categories;
  char         *authority;
  char         *post_level;
  char         *status;
  char         *tag;
  GStrv         columns;
} LdExportRequest;

LdExportRequest *ld_export_request_new   (LdExportKind            kind);
LdExportRequest *ld_export_request_copy  (const LdExportRequest  *request);
void             ld_export_request_free  (LdExportRequest        *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdExportRequest, ld_export_request_free)

typedef struct
{
  char    *path;        /* the file written (the folder for CADRES) */
  char    *sha256;      /* of the file (NULL for CADRES) */
  gint64   rows;        /* data rows over all sheets (all files for CADRES) */
  guint    files;       /* workbooks written */
  guint    truncated;   /* cells cut at 32,767 characters */
  gboolean cancelled;   /* CADRES: stopped by cancel after `files` workbooks */
} LdExportResult;

void          ld_export_result_free      (LdExportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdExportResult, ld_export_result_free)

/* Called on the thread that runs the export: done of total units of work
 * (rows, or cadres in a batch; total 0 = unknown), and a translated
 * detail ("张三" …) or NULL. */
typedef void (*LdExportProgressFunc) (gint64      done,
                                      gint64      total,
                                      const char *detail,
                                      gpointer    user_data);

/* The suggested file name, e.g. "信访举报台账-2026-11-26.xlsx"; for a
 * cadre's file "单位-姓名-1234.xlsx". Caller frees. */
char           *ld_export_suggest_filename (LdVault               *vault,
                                            const LdExportRequest *request);

/* Runs the export on the calling thread (the vault's worker in the GUI).
 * Cancel (G_IO_ERROR_CANCELLED, except for a batch: see above) and every
 * failure leave no partial file. Errors: PERMISSION_DENIED, INVALID (no
 * purpose, bad dates, unknown column), NOT_FOUND (cadre, unit), FAILED
 * (folder missing or not writable, disk full) with a translated message
 * saying what to do. */
LdExportResult *ld_export_run            (LdVault               *vault,
                                          const LdExportRequest *request,
                                          LdExportProgressFunc   progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          GError               **error);

/* ld_export_run() on the vault's worker; progress is delivered on the
 * thread-default main context of the caller. */
void            ld_export_run_async      (LdVault               *vault,
                                          const LdExportRequest *request,
                                          LdExportProgressFunc   progress,
                                          gpointer               progress_data,
                                          GDestroyNotify         progress_data_free,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
LdExportResult *ld_export_run_finish     (LdVault               *vault,
                                          GAsyncResult          *result,
                                          GError               **error);

G_END_DECLS
