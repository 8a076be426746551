/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-window.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

struct _LdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwWindowTitle       *content_title;
  AdwWindowTitle       *sidebar_title;
  GtkLabel             *account_name_label;
  GtkLabel             *account_role_label;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;

  /* Owned References */
  LdVault              *vault;
  GCancellable         *cancellable;
  GSettings            *settings;

  /* Idle lock */
  gint64                last_activity;   /* monotonic, µs */
  guint                 idle_source;
  int                   idle_seconds_override;
};

/* Counts key and pointer input in widget (a dialog of this window, or the
 * window itself) as activity that postpones the idle lock. */
void  _ld_window_track_activity     (LdWindow   *self,
                                     GtkWidget  *widget);
/* For tests: lock after seconds of inactivity when that is shorter than the
 * policy (it never lengthens the policy). 0 restores the policy. */
void  _ld_window_set_idle_seconds   (LdWindow   *self,
                                     int         seconds);
int   _ld_window_get_idle_seconds   (LdWindow   *self);
void  _ld_window_reset_idle         (LdWindow   *self);
void  _ld_window_refresh_banner     (LdWindow   *self);
/* Switches to the page of a record and opens it: record_type "talk",
 * "petition", "clue", "cadre" (the cadre's file) or "entry" (the file of
 * the entry's cadre). Backs the "win.show-record" action ((sx)). */
void  _ld_window_show_record        (LdWindow   *self,
                                     const char *record_type,
                                     gint64      record_id);

void  _ld_window_class_actions_init (LdWindowClass *klass);
void  _ld_window_actions_update     (LdWindow      *self);

G_END_DECLS
