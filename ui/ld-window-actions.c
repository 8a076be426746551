/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-window-actions"

#include "config.h"

#include "ld-window-private.h"

#include "pages/ld-page.h"

static void
ld_window_actions_back (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
ld_window_actions_refresh (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (LD_IS_PAGE (page))
    ld_page_refresh (LD_PAGE (page));

  _ld_window_refresh_banner (self);
}

static void
ld_window_actions_add_account (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "accounts");

  if (page == NULL)
    return;

  gtk_stack_set_visible_child (self->stack, page);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_activate_action (page, "accounts.add", NULL);
}

static void
ld_window_actions_show_page (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);

  ld_window_set_page_name (self, g_variant_get_string (param, NULL));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
ld_window_actions_show_record (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);
  const char *record_type = NULL;
  gint64 record_id = 0;

  g_variant_get (param, "(&sx)", &record_type, &record_id);
  _ld_window_show_record (self, record_type, record_id);
}

static void
ld_window_actions_search (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LdWindow *self = LD_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "search");

  if (page == NULL)
    return;

  gtk_stack_set_visible_child (self->stack, page);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_activate_action (page, "search.focus", NULL);
}

void
_ld_window_class_actions_init (LdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, ld_window_actions_back);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, ld_window_actions_refresh);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, ld_window_actions_add_account);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", ld_window_actions_show_page);
  gtk_widget_class_install_action (widget_class, "win.show-record", "(sx)", ld_window_actions_show_record);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, ld_window_actions_search);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
}

/* The one place that decides which win.* actions are enabled. */
void
_ld_window_actions_update (LdWindow *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-account",
                                 gtk_stack_get_child_by_name (self->stack, "accounts") != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", LD_IS_PAGE (visible));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 gtk_stack_get_child_by_name (self->stack, "search") != NULL);
}
