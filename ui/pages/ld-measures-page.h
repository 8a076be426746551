/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_MEASURES_PAGE (ld_measures_page_get_type ())
G_DECLARE_FINAL_TYPE (LdMeasuresPage, ld_measures_page, LD, MEASURES_PAGE, LdPage)

/* The measures register (处分处理) of the session's unit scopes: a dense
 * list filtered by year of the decision, form (F1–F4), category, status
 * and unit and searched on the vault worker; beside it the selected
 * measure's every field, its source record and cadre as links, its effect
 * period, events and history. Actions: measures.new (Ctrl+N),
 * measures.edit (Ctrl+E), measures.lift, measures.extend (留党察看 only),
 * measures.appeal, measures.retire (with a typed reason),
 * measures.open-cadre, measures.search (Ctrl+F), measures.refresh (F5),
 * measures.clear-filters; the toolbar's Import… activates
 * win.import-measures. Writing needs LD_ACTION_RECORD_WRITE. */
LdMeasuresPage *ld_measures_page_new            (LdVault        *vault);
/* Selects the measure and shows it (whatever the filters). */
void            ld_measures_page_show_record    (LdMeasuresPage *self,
                                                 gint64          id);

/* For tests. */
GListModel     *ld_measures_page_get_model      (LdMeasuresPage *self);
gboolean        ld_measures_page_get_loading    (LdMeasuresPage *self);
gint64          ld_measures_page_get_shown_id   (LdMeasuresPage *self);
void            ld_measures_page_set_search     (LdMeasuresPage *self,
                                                 const char     *text);
/* Chooses the form filter: 0 = any, else 1..4. */
void            ld_measures_page_set_form_filter (LdMeasuresPage *self,
                                                  int             form);
/* Whether the empty state ("no measures yet") is shown. */
gboolean        ld_measures_page_get_empty      (LdMeasuresPage *self);

G_END_DECLS
