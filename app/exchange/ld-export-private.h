/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "exchange/ld-export.h"
#include "exchange/ld-xlsx-writer.h"

G_BEGIN_DECLS

/* Shared between ld-export.c (checks, writer, audit, batch) and the
 * builders that fill a workbook for one kind:
 *   ld-export-roster.c      _ld_export_roster          (LD_EXPORT_HAVE_ROSTER)
 *   ld-export-cadre-file.c  _ld_export_cadre_file      (LD_EXPORT_HAVE_CADRE_FILE)
 *   ld-export-cases.c       petitions, clues, talks, board (LD_EXPORT_HAVE_CASES)
 *   ld-export-ledgers.c     measures, opinions, ledger, recommendations,
 *                           four forms                 (LD_EXPORT_HAVE_LEDGERS)
 * ld-export.c includes "app/exchange/ld-exchange-config.h" and calls a
 * builder only when its define is set (#ifdef; else: LD_ERROR_FAILED, "not available
 * in this build"), so each file joins the build on its own.
 * A builder reads through the record repositories (scope, masking and
 * permissions are theirs), writes sheets with ctx->writer, calls
 * _ld_export_add_columns() once per table sheet (for the audit) and
 * _ld_export_tick() every row (progress + cancel). */

typedef struct
{
  LdVault               *vault;
  const LdExportRequest *request;
  LdXlsxWriter          *writer;
  /* Whether reporters' identities are shown (checked: grant AND tick). */
  gboolean               reveal_reporters;
  /* Registration numbers of the petitions whose reporters were shown,
   * for the separate audit entry (builders append). */
  GPtrArray             *revealed;
  /* "scope: …; period: …; exported by … at …" for row 2 of every sheet,
   * translated (built by ld-export.c). */
  char                  *scope_line;
  /* The sheets' column headers, "sheet: a, b, c; sheet2: …" (audit). */
  GString               *columns;
  /* Cadre file builder: the cadre (a batch sets it per workbook). */
  gint64                 cadre_id;

  LdExportProgressFunc   progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
  gint64                 done;
  gint64                 total;
} LdExportContext;

/* Records a table sheet's columns for the audit entry. */
void      _ld_export_add_columns    (LdExportContext     *ctx,
                                     const char          *sheet,
                                     const LdXlsxColumn  *columns,
                                     guint                n_columns);
/* One more unit of work done: reports progress (at most every 1% or 250
 * units) and returns FALSE with G_IO_ERROR_CANCELLED when cancelled. */
gboolean  _ld_export_tick           (LdExportContext     *ctx,
                                     const char          *detail,
                                     GError             **error);
/* The whole amount of work, when known before writing. */
void      _ld_export_set_total      (LdExportContext     *ctx,
                                     gint64               total);
/* Whether a date "YYYY-MM-DD…" lies in the request's from/to period
 * (open ends allowed; "" is outside a bounded period). */
gboolean  _ld_export_in_period      (LdExportContext     *ctx,
                                     const char          *date);

/* The builders. Each writes its sheets into ctx->writer. */
gboolean  _ld_export_roster         (LdExportContext *ctx, GError **error);
gboolean  _ld_export_cadre_file     (LdExportContext *ctx, GError **error);
gboolean  _ld_export_petitions      (LdExportContext *ctx, GError **error);
gboolean  _ld_export_clues          (LdExportContext *ctx, GError **error);
gboolean  _ld_export_talks          (LdExportContext *ctx, GError **error);
gboolean  _ld_export_measures       (LdExportContext *ctx, GError **error);
gboolean  _ld_export_opinions       (LdExportContext *ctx, GError **error);
gboolean  _ld_export_ledger         (LdExportContext *ctx, GError **error);
gboolean  _ld_export_recommendations (LdExportContext *ctx, GError **error);
gboolean  _ld_export_board          (LdExportContext *ctx, GError **error);
gboolean  _ld_export_four_forms     (LdExportContext *ctx, GError **error);

G_END_DECLS
