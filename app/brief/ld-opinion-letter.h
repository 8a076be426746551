/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "brief/ld-pdf-document.h"
#include "ld-types.h"

G_BEGIN_DECLS

/* The reply letter of an integrity-opinion request (党风廉政意见回复,
 * DOMAIN.md §7) and its reply table, in the formal layout: the 密级 mark at
 * the top left, the title "关于XXX等同志党风廉政情况的意见回复", the
 * addressee (the requester), a sentence naming the request (date, document
 * number, purpose), one paragraph per cadre with the decision's wording and
 * the facts disclosed, the closing, the sender (the supervising organ named
 * for the request's unit or its nearest ancestor, else the unit) and the
 * date; then, when asked, the reply table (序号, 姓名, 单位职务, 身份证号,
 * 回复意见, 说明) on a new page. Only approved items go in; a request with an
 * item not approved yet is refused (LD_ERROR_INVALID naming the cadres). */

typedef struct
{
  const char  *classification;   /* NULL = the vault's setting (ld-settings-repository.h) */
  gboolean     with_table;       /* append the reply table */
  gboolean     table_only;       /* only the reply table */
  const GDate *date;             /* the letter's date; NULL = the latest approval */
} LdOpinionLetterOptions;

void           ld_opinion_letter_options_init (LdOpinionLetterOptions *options);

/* Builds the letter of a request in scope (LD_ACTION_RECORD_READ), without
 * writing or auditing anything. For the print operation: it checks
 * LD_ACTION_PRINT and audits the printing itself, then paginates and draws
 * the returned document (ld_pdf_document_paginate() / _draw_page(), with the
 * print context's cairo_t in points). */
LdPdfDocument *ld_opinion_letter_build        (LdVault                      *vault,
                                               gint64                        request_id,
                                               const LdOpinionLetterOptions *options,
                                               GError                      **error);
/* Builds and writes the letter as a PDF to PATH (all or nothing, see
 * ld_pdf_document_write()) and audits LD_AUDIT_OPINION_LETTER. A file
 * outside the vault is an export: needs LD_ACTION_EXPORT. */
gboolean       ld_opinion_letter_write_pdf    (LdVault                      *vault,
                                               gint64                        request_id,
                                               const LdOpinionLetterOptions *options,
                                               const char                   *path,
                                               GError                      **error);

G_END_DECLS
