/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"

G_BEGIN_DECLS

#define LD_TYPE_AUDIT_PAGE (ld_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (LdAuditPage, ld_audit_page, LD, AUDIT_PAGE, LdPage)

/* The auditor's page: the audit trail with filters, and its verification. */
LdAuditPage *ld_audit_page_new               (LdVault     *vault);
/* For tests. */
GListModel  *ld_audit_page_get_model         (LdAuditPage *self);
/* The last verification result shown, or NULL before the first one. */
const char  *ld_audit_page_get_verify_result (LdAuditPage *self);
/* Fills the filter (NULL leaves a field empty, event is a stored event name);
 * run it with the "audit.search" action. */
void         ld_audit_page_set_filter        (LdAuditPage *self,
                                              const char  *account,
                                              const char  *event,
                                              const char  *since,
                                              const char  *until);

G_END_DECLS
