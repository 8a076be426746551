/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-page.h"
#include "records/ld-opinion.h"

G_BEGIN_DECLS

#define LD_TYPE_OPINIONS_PAGE (ld_opinions_page_get_type ())
G_DECLARE_FINAL_TYPE (LdOpinionsPage, ld_opinions_page, LD, OPINIONS_PAGE, LdPage)

/* Integrity-opinion replies (党风廉政意见回复, DOMAIN.md §7): the requests of
 * the organisation department on the left (filtered by status and
 * searched), and on the right the selected request with one row per
 * cadre: the check's proposal as a coloured badge, the reasons with links
 * to their records, the decision, and Confirm (one click, or Ctrl+Return
 * on the focused row), Change… and, for a leader, Approve. The reply
 * letter and the reply table are printed or saved as PDF once every cadre
 * is approved. Every read and write runs on the vault worker. */
LdOpinionsPage *ld_opinions_page_new            (LdVault        *vault);
/* Shows request ID (the "opinion" records of the board and the cadre
 * file); an item's id is accepted too (its request is shown). */
void            ld_opinions_page_show_record    (LdOpinionsPage *self,
                                                 gint64          id);

/* For tests. */
GListModel     *ld_opinions_page_get_model      (LdOpinionsPage *self);
gboolean        ld_opinions_page_get_loading    (LdOpinionsPage *self);
gint64          ld_opinions_page_get_shown_id   (LdOpinionsPage *self);
guint           ld_opinions_page_get_n_items    (LdOpinionsPage *self);
/* The cadre at INDEX of the shown request (borrowed), and its row. */
LdOpinionItem  *ld_opinions_page_get_item       (LdOpinionsPage *self,
                                                 guint           index);
GtkWidget      *ld_opinions_page_get_item_row   (LdOpinionsPage *self,
                                                 guint           index);
void            ld_opinions_page_set_search     (LdOpinionsPage *self,
                                                 const char     *text);
/* Writes the shown request's reply letter (or only its reply table) as a
 * PDF to PATH on the worker, as Save Letter as PDF… does after its file
 * chooser; a toast tells how it went. */
void            ld_opinions_page_save_pdf       (LdOpinionsPage *self,
                                                 const char     *path,
                                                 gboolean        table_only);
/* Runs the print operation of the shown request's letter, exporting to
 * PATH (a PDF) instead of showing the print dialog. */
void            ld_opinions_page_print_to_file  (LdOpinionsPage *self,
                                                 const char     *path);
/* Whether a change, a save or a print is running. */
gboolean        ld_opinions_page_get_busy       (LdOpinionsPage *self);

G_END_DECLS
