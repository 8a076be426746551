/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-home-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-home-page.h"

#include "rules/ld-permissions.h"

struct _LdHomePage
{
  LdPage         parent_instance;

  /* Template Widgets */
  AdwStatusPage *status_page;
  GtkLabel      *name_label;
  GtkLabel      *role_label;
  GtkLabel      *grants_label;
  GtkLabel      *vault_label;
};

G_DEFINE_FINAL_TYPE (LdHomePage, ld_home_page, LD_TYPE_PAGE)

static void
ld_home_page_refresh (LdPage *page)
{
  LdHomePage *self = LD_HOME_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *grants = NULL;

  if (session == NULL)
    return;

  /* Translators: %s is the account name. */
  title = g_strdup_printf (_("Welcome, %s"), session->name);
  /* Translators: %s is a role, e.g. “Investigator”. */
  description = g_strdup_printf (_("You are signed in as %s. Lock the vault with Ctrl+L whenever you leave the workstation; it also locks by itself when you are away."),
                                 ld_role_get_label (session->role));
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);

  grants = ld_grants_format (session->grants);
  gtk_label_set_label (self->name_label, session->name);
  gtk_label_set_label (self->role_label, ld_role_get_label (session->role));
  gtk_label_set_label (self->grants_label,
                       grants != NULL && grants[0] != '\0' ? grants : C_("grants", "None"));
  gtk_label_set_label (self->vault_label, ld_vault_get_dir (vault));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->vault_label), ld_vault_get_dir (vault));
}

static void
ld_home_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (ld_home_page_parent_class)->constructed (object);

  ld_page_refresh (LD_PAGE (object));
}

static void
ld_home_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_HOME_PAGE);

  G_OBJECT_CLASS (ld_home_page_parent_class)->dispose (object);
}

static void
ld_home_page_class_init (LdHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_home_page_constructed;
  object_class->dispose = ld_home_page_dispose;

  page_class->refresh = ld_home_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdHomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LdHomePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LdHomePage, role_label);
  gtk_widget_class_bind_template_child (widget_class, LdHomePage, grants_label);
  gtk_widget_class_bind_template_child (widget_class, LdHomePage, vault_label);
}

static void
ld_home_page_init (LdHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdHomePage *
ld_home_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_HOME_PAGE,
                       "vault", vault,
                       "title", _("Home"),
                       "icon-name", "user-home-symbolic",
                       NULL);
}
