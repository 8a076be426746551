/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_PAGE (ld_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (LdPage, ld_page, LD, PAGE, AdwBin)

struct _LdPageClass
{
  AdwBinClass parent_class;

  /* Reloads the page's data from the vault (asynchronously). */
  void (*refresh) (LdPage *self);

  gpointer _reserved[8];
};

LdVault      *ld_page_get_vault        (LdPage      *self);
const char   *ld_page_get_title        (LdPage      *self);
void          ld_page_set_title        (LdPage      *self,
                                        const char  *title);
const char   *ld_page_get_icon_name    (LdPage      *self);
void          ld_page_set_icon_name    (LdPage      *self,
                                        const char  *icon_name);
gboolean      ld_page_get_busy         (LdPage      *self);
void          ld_page_set_busy         (LdPage      *self,
                                        gboolean     busy);
/* Cancelled when the page is disposed; every job of the page uses it. */
GCancellable *ld_page_get_cancellable  (LdPage      *self);
void          ld_page_refresh          (LdPage      *self);
void          ld_page_add_toast        (LdPage      *self,
                                        AdwToast    *toast);
void          ld_page_show_toast       (LdPage      *self,
                                        const char  *message);
/* Tells the window that accounts or policy changed (the banner may change). */
void          ld_page_emit_changed     (LdPage      *self);

G_END_DECLS
