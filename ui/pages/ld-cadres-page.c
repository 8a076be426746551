/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadres-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-cadres-page.h"

/* SKELETON: replaced by the real page. */

struct _LdCadresPage
{
  LdPage         parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (LdCadresPage, ld_cadres_page, LD_TYPE_PAGE)

static void
ld_cadres_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CADRES_PAGE);

  G_OBJECT_CLASS (ld_cadres_page_parent_class)->dispose (object);
}

static void
ld_cadres_page_class_init (LdCadresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_cadres_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-cadres-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, status_page);
}

static void
ld_cadres_page_init (LdCadresPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdCadresPage *
ld_cadres_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_CADRES_PAGE,
                       "vault", vault,
                       "title", _("Cadres"),
                       "icon-name", "system-users-symbolic",
                       NULL);
}
