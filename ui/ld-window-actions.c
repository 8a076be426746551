/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-window-actions"

#include "config.h"

#include "ld-window-private.h"

#include "dialogs/ld-import-dialog.h"
#include "pages/ld-page.h"
#include "rules/ld-permissions.h"

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

/* Talk and petition ledgers (the import dialog's ledger kinds): the
 * talks and petitions pages call these from their menus. */
static gboolean
can_write_records (LdWindow *self)
{
  const LdSession *session = self->vault != NULL ? ld_vault_get_session (self->vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static void
on_ledger_imported_cb (LdWindow       *self,
                       gint64          n_imported,
                       gint64          unused,
                       LdImportDialog *dialog)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (LD_IS_PAGE (page))
    ld_page_refresh (LD_PAGE (page));
}

static void
import_ledger (LdWindow     *self,
               LdImportKind  kind)
{
  LdImportDialog *dialog;

  if (self->vault == NULL || !can_write_records (self))
    return;

  dialog = ld_import_dialog_new_ledger (GTK_WINDOW (self), self->vault, kind);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_ledger_imported_cb), self, G_CONNECT_SWAPPED);
  _ld_window_track_activity (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ld_window_actions_import_talks (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  import_ledger (LD_WINDOW (widget), LD_IMPORT_KIND_TALKS);
}

static void
ld_window_actions_import_petitions (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  import_ledger (LD_WINDOW (widget), LD_IMPORT_KIND_PETITIONS);
}

/* A sanctions ledger (处分处理台账) into the measures register: the
 * measures page calls this from its Import button. */
static void
ld_window_actions_import_measures (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  import_ledger (LD_WINDOW (widget), LD_IMPORT_KIND_MEASURES);
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
  gtk_widget_class_install_action (widget_class, "win.import-talks", NULL, ld_window_actions_import_talks);
  gtk_widget_class_install_action (widget_class, "win.import-petitions", NULL, ld_window_actions_import_petitions);
  gtk_widget_class_install_action (widget_class, "win.import-measures", NULL, ld_window_actions_import_measures);

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-talks", can_write_records (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-petitions", can_write_records (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-measures", can_write_records (self));
}
