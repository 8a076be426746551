/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_MEASURE_FORMS_PAGE (ld_measure_forms_page_get_type ())
G_DECLARE_FINAL_TYPE (LdMeasureFormsPage, ld_measure_forms_page, LD, MEASURE_FORMS_PAGE, LdPage)

/* The measures' code table for the system administrator (四种形态 归类):
 * every code with its label, category, default and current form, the
 * disputed flag, the regulation it comes from and the override's reason,
 * account and time. forms.change (s: the code) asks for a form and a
 * reason (required); forms.reset (s) removes the override after a
 * confirmation; forms.refresh (F5). Both wordings of form four (current
 * and original) are shown above the table. Changing needs
 * LD_ACTION_SETTINGS_CHANGE. */
LdMeasureFormsPage *ld_measure_forms_page_new       (LdVault            *vault);

/* For tests. */
gboolean            ld_measure_forms_page_get_loading (LdMeasureFormsPage *self);
guint               ld_measure_forms_page_get_n_codes (LdMeasureFormsPage *self);
/* The current form of code as shown (0 if not listed). */
int                 ld_measure_forms_page_get_form    (LdMeasureFormsPage *self,
                                                       const char         *code);
/* The error shown instead of the table, or NULL. */
const char         *ld_measure_forms_page_get_error   (LdMeasureFormsPage *self);

G_END_DECLS
