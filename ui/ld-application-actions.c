/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-application-private.h"
#include "dialogs/ld-preferences-window.h"
#include "ld-ui-utils.h"

static GtkWindow *
get_parent_window (LdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = self->main_window != NULL ? self->main_window : self->unlock_window;

  return window;
}

static void
ld_application_actions_preferences (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  LdApplication *self = user_data;
  LdPreferencesWindow *window;

  g_assert (LD_IS_APPLICATION (self));

  window = ld_preferences_window_new (self);
  ld_present_dialog (GTK_WINDOW (window), GTK_WIDGET (get_parent_window (self)));
}

static void
ld_application_actions_shortcuts (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  LdApplication *self = user_data;
  GtkWindow *window;

  g_assert (LD_IS_APPLICATION (self));

  /* GtkApplication gives every GtkApplicationWindow the overlay from
   * gtk/help-overlay.ui and the win.show-help-overlay action. */
  window = get_parent_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
ld_application_actions_about (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  LdApplication *self = user_data;
  static const char *developers[] = { "The Liandang developers", NULL };

  g_assert (LD_IS_APPLICATION (self));

  adw_show_about_window (get_parent_window (self),
                         "application-name", _("Liandang"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Liandang developers"),
                         "developers", developers,
                         "comments", _("Integrity files, talks, petitions and disciplinary measures in one encrypted vault on a standalone workstation."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
ld_application_actions_lock (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  LdApplication *self = user_data;

  g_assert (LD_IS_APPLICATION (self));

  ld_application_lock (self, "manual");
}

static void
ld_application_actions_quit (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  LdApplication *self = user_data;

  g_assert (LD_IS_APPLICATION (self));

  /* shutdown() locks the vault with the reason "exit". */
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "preferences", ld_application_actions_preferences },
  { "shortcuts", ld_application_actions_shortcuts },
  { "about", ld_application_actions_about },
  { "lock", ld_application_actions_lock },
  { "quit", ld_application_actions_quit },
};

void
_ld_application_actions_init (LdApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.lock", { "<Control>l", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
  };

  g_assert (LD_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);
}

/* The one place that decides which app.* actions are enabled. */
void
_ld_application_actions_update (LdApplication *self)
{
  GAction *action;

  g_assert (LD_IS_APPLICATION (self));

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->main_window != NULL);
}
