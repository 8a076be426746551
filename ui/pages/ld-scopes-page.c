/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-scopes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-scopes-page.h"

/* SKELETON: replaced by the real page. */

struct _LdScopesPage
{
  LdPage         parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (LdScopesPage, ld_scopes_page, LD_TYPE_PAGE)

static void
ld_scopes_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_SCOPES_PAGE);

  G_OBJECT_CLASS (ld_scopes_page_parent_class)->dispose (object);
}

static void
ld_scopes_page_class_init (LdScopesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_scopes_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-scopes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdScopesPage, status_page);
}

static void
ld_scopes_page_init (LdScopesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdScopesPage *
ld_scopes_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_SCOPES_PAGE,
                       "vault", vault,
                       "title", _("Unit Scopes"),
                       "icon-name", "security-medium-symbolic",
                       NULL);
}
