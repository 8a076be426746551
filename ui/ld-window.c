/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-window-private.h"

#include "ld-ui-utils.h"
#include "pages/ld-account-page.h"
#include "pages/ld-accounts-page.h"
#include "pages/ld-audit-page.h"
#include "pages/ld-board-page.h"
#include "pages/ld-cadres-page.h"
#include "pages/ld-calendar-page.h"
#include "pages/ld-clues-page.h"
#include "pages/ld-home-page.h"
#include "pages/ld-page.h"
#include "pages/ld-petitions-page.h"
#include "pages/ld-policy-page.h"
#include "pages/ld-rules-page.h"
#include "pages/ld-scopes-page.h"
#include "pages/ld-search-page.h"
#include "pages/ld-talks-page.h"
#include "pages/ld-units-page.h"
#ifdef LD_UI_HAVE_MEASURES_PAGE
#include "pages/ld-measures-page.h"
#endif
#ifdef LD_UI_HAVE_MEASURE_FORMS_PAGE
#include "pages/ld-measure-forms-page.h"
#endif
#ifdef LD_UI_HAVE_FOUR_FORMS_PAGE
#include "pages/ld-four-forms-page.h"
#endif
#ifdef LD_UI_HAVE_OPINIONS_PAGE
#include "pages/ld-opinions-page.h"
#endif
#ifdef LD_UI_HAVE_LEDGER_PAGE
#include "pages/ld-ledger-page.h"
#endif
#ifdef LD_UI_HAVE_RECOMMENDATIONS_PAGE
#include "pages/ld-recommendations-page.h"
#endif
#include "records/ld-file-entry-repository.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-sidebar-row.h"

G_DEFINE_FINAL_TYPE (LdWindow, ld_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE_NAME,
  PROP_BANNER_REVEALED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void schedule_idle_lock (LdWindow *self);

/* Idle lock ---------------------------------------------------------------- */

static int
env_idle_seconds (void)
{
  static int seconds = -1;

  if (seconds < 0)
    {
      const char *env = g_getenv ("LIANDANG_IDLE_SECONDS");
      gint64 value = env != NULL ? g_ascii_strtoll (env, NULL, 10) : 0;

      seconds = value > 0 && value < G_MAXINT ? (int) value : 0;
    }

  return seconds;
}

int
_ld_window_get_idle_seconds (LdWindow *self)
{
  const LdPolicy *policy;
  int minutes = 5;
  int seconds;

  g_return_val_if_fail (LD_IS_WINDOW (self), 0);

  policy = ld_vault_get_policy (self->vault);
  if (policy != NULL)
    minutes = policy->idle_lock_minutes;

  /* The policy never turns the lock off. */
  minutes = CLAMP (minutes, 1, 24 * 60);
  seconds = minutes * 60;

  /* A test hook may shorten the delay, never lengthen it. */
  if (env_idle_seconds () > 0 && env_idle_seconds () < seconds)
    seconds = env_idle_seconds ();
  if (self->idle_seconds_override > 0 && self->idle_seconds_override < seconds)
    seconds = self->idle_seconds_override;

  return seconds;
}

static gboolean
on_idle_timeout_cb (gpointer user_data)
{
  LdWindow *self = user_data;
  gint64 idle_usec;
  GtkApplication *app;

  g_assert (LD_IS_WINDOW (self));

  self->idle_source = 0;

  idle_usec = g_get_monotonic_time () - self->last_activity;
  if (idle_usec < (gint64) _ld_window_get_idle_seconds (self) * G_USEC_PER_SEC)
    {
      schedule_idle_lock (self);
      return G_SOURCE_REMOVE;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (LD_IS_APPLICATION (app))
    ld_application_lock (LD_APPLICATION (app), "idle");

  return G_SOURCE_REMOVE;
}

static void
schedule_idle_lock (LdWindow *self)
{
  gint64 deadline;
  gint64 remaining_ms;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  deadline = self->last_activity + (gint64) _ld_window_get_idle_seconds (self) * G_USEC_PER_SEC;
  remaining_ms = (deadline - g_get_monotonic_time ()) / 1000 + 1;
  remaining_ms = CLAMP (remaining_ms, 1, G_MAXUINT);

  self->idle_source = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                          (guint) remaining_ms,
                                          on_idle_timeout_cb,
                                          self,
                                          NULL);
}

void
_ld_window_reset_idle (LdWindow *self)
{
  g_return_if_fail (LD_IS_WINDOW (self));

  /* Cheap: the timer checks the time when it fires and re-arms itself. */
  self->last_activity = g_get_monotonic_time ();
}

void
_ld_window_set_idle_seconds (LdWindow *self,
                             int       seconds)
{
  g_return_if_fail (LD_IS_WINDOW (self));

  self->idle_seconds_override = MAX (seconds, 0);
  _ld_window_reset_idle (self);
  schedule_idle_lock (self);
}

static gboolean
on_key_pressed_cb (LdWindow        *self,
                   guint            keyval,
                   guint            keycode,
                   GdkModifierType  state,
                   GtkEventControllerKey *controller)
{
  _ld_window_reset_idle (self);
  return FALSE;
}

static void
on_motion_cb (LdWindow                 *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  _ld_window_reset_idle (self);
}

static void
on_pressed_cb (LdWindow        *self,
               int              n_press,
               double           x,
               double           y,
               GtkGestureClick *gesture)
{
  _ld_window_reset_idle (self);
}

static gboolean
on_scroll_cb (LdWindow                 *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  _ld_window_reset_idle (self);
  return FALSE;
}

void
_ld_window_track_activity (LdWindow  *self,
                           GtkWidget *widget)
{
  GtkEventController *controller;

  g_return_if_fail (LD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (on_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);
}

/* Banner ------------------------------------------------------------------- */

typedef struct
{
  gboolean has_secadmin;
  gboolean has_auditor;
} RolesResult;

static gpointer
check_roles_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  RolesResult *result = g_new0 (RolesResult, 1);

  if (!ld_vault_admin_roles_complete (vault, &result->has_secadmin, &result->has_auditor, error))
    {
      g_free (result);
      return NULL;
    }

  return result;
}

static const char *
banner_text (gboolean has_secadmin,
             gboolean has_auditor,
             gboolean is_sysadmin)
{
  if (!has_secadmin && !has_auditor)
    return is_sysadmin
      ? _("There is no security administrator and no auditor yet. Separation of duties needs all three administrator roles: create both accounts now.")
      : _("There is no security administrator and no auditor yet. Separation of duties needs all three administrator roles: ask the system administrator to create both accounts.");

  if (!has_secadmin)
    return is_sysadmin
      ? _("There is no security administrator yet. Nobody can set the password policy, give grants or unlock accounts: create a security administrator account now.")
      : _("There is no security administrator yet. Nobody can set the password policy, give grants or unlock accounts: ask the system administrator to create one.");

  return is_sysadmin
    ? _("There is no auditor yet. Nobody can review or verify the audit trail: create an auditor account now.")
    : _("There is no auditor yet. Nobody can review or verify the audit trail: ask the system administrator to create one.");
}

static void
check_roles_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree RolesResult *roles = NULL;
  const LdSession *session;
  gboolean reveal;
  gboolean is_sysadmin;

  roles = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (roles == NULL)
    {
      g_warning ("Could not check the administrator roles: %s", error ? error->message : "?");
      return;
    }

  session = ld_vault_get_session (self->vault);
  is_sysadmin = session != NULL && session->role == LD_ROLE_SYSADMIN;
  reveal = !roles->has_secadmin || !roles->has_auditor;

  if (reveal)
    gtk_label_set_label (self->banner_label,
                         banner_text (roles->has_secadmin, roles->has_auditor, is_sysadmin));
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), is_sysadmin);

  if (gtk_revealer_get_reveal_child (self->banner_revealer) != reveal)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, reveal);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BANNER_REVEALED]);
    }
}

void
_ld_window_refresh_banner (LdWindow *self)
{
  g_return_if_fail (LD_IS_WINDOW (self));

  ld_vault_run_async (self->vault,
                      check_roles_worker,
                      NULL, NULL,
                      g_free,
                      self->cancellable,
                      check_roles_cb,
                      g_object_ref (self));
}

/* Pages -------------------------------------------------------------------- */

static void
on_page_add_toast_cb (LdWindow *self,
                      AdwToast *toast,
                      LdPage   *page)
{
  ld_window_add_toast (self, toast);
}

static void
on_page_changed_cb (LdWindow *self,
                    LdPage   *page)
{
  _ld_window_refresh_banner (self);

  /* The security administrator may have shortened the idle lock. */
  schedule_idle_lock (self);
}

static void
add_page (LdWindow   *self,
          LdPage     *page,
          const char *name)
{
  GtkStackPage *stack_page;

  stack_page = gtk_stack_add_titled (self->stack, GTK_WIDGET (page), name, ld_page_get_title (page));
  gtk_stack_page_set_icon_name (stack_page, ld_page_get_icon_name (page));
  g_object_bind_property (page, "title", stack_page, "title", G_BINDING_DEFAULT);

  g_signal_connect_object (page, "add-toast", G_CALLBACK (on_page_add_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "changed", G_CALLBACK (on_page_changed_cb), self, G_CONNECT_SWAPPED);
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  return ld_sidebar_row_new (GTK_STACK_PAGE (item));
}

static void
on_sidebar_row_selected_cb (LdWindow      *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list_box)
{
  GtkStackPage *page;

  if (row == NULL)
    return;

  page = ld_sidebar_row_get_page (LD_SIDEBAR_ROW (row));
  gtk_stack_set_visible_child (self->stack, gtk_stack_page_get_child (page));
}

static void
on_sidebar_row_activated_cb (LdWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list_box)
{
  on_sidebar_row_selected_cb (self, row, list_box);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_visible_child_changed_cb (LdWindow   *self,
                             GParamSpec *pspec,
                             GtkStack   *stack)
{
  GtkWidget *child = gtk_stack_get_visible_child (stack);
  GtkListBoxRow *row;

  if (child == NULL)
    return;

  if (LD_IS_PAGE (child))
    adw_window_title_set_title (self->content_title, ld_page_get_title (LD_PAGE (child)));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)) != NULL; i++)
    {
      GtkStackPage *page = ld_sidebar_row_get_page (LD_SIDEBAR_ROW (row));

      if (gtk_stack_page_get_child (page) == child)
        {
          if (gtk_list_box_get_selected_row (self->sidebar) != row)
            gtk_list_box_select_row (self->sidebar, row);
          break;
        }
    }

  _ld_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE_NAME]);
}

/* Records ------------------------------------------------------------------ */

static GtkWidget *
show_named_page (LdWindow   *self,
                 const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, name);

  if (page == NULL)
    return NULL;

  gtk_stack_set_visible_child (self->stack, page);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  return page;
}

static void
show_cadre (LdWindow *self,
            gint64    cadre_id)
{
  GtkWidget *page = show_named_page (self, "cadres");

  if (page != NULL && cadre_id > 0)
    ld_cadres_page_open_cadre (LD_CADRES_PAGE (page), cadre_id);
}

static gpointer
entry_cadre_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LdFileEntry) entry = ld_file_entry_repository_get (vault, *(gint64 *) data, error);
  gint64 *cadre_id;

  if (entry == NULL)
    return NULL;

  cadre_id = g_new (gint64, 1);
  *cadre_id = ld_file_entry_get_cadre_id (entry);
  return cadre_id;
}

static void
entry_cadre_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *cadre_id = NULL;

  cadre_id = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (cadre_id == NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (error != NULL ? error->message : _("The record cannot be opened."));

      ld_window_add_toast (self, toast);
      return;
    }

  show_cadre (self, *cadre_id);
}

void
_ld_window_show_record (LdWindow   *self,
                        const char *record_type,
                        gint64      record_id)
{
  GtkWidget *page = NULL;

  g_return_if_fail (LD_IS_WINDOW (self));
  g_return_if_fail (record_type != NULL);

  if (g_str_equal (record_type, "cadre"))
    {
      show_cadre (self, record_id);
      return;
    }

  if (g_str_equal (record_type, "entry"))
    {
      gint64 *id = g_new (gint64, 1);

      *id = record_id;
      ld_vault_run_async (self->vault, entry_cadre_worker, id, g_free, g_free,
                          self->cancellable, entry_cadre_cb, g_object_ref (self));
      return;
    }

  if (g_str_equal (record_type, "talk") && (page = show_named_page (self, "talks")) != NULL)
    {
      ld_talks_page_show_record (LD_TALKS_PAGE (page), record_id);
      return;
    }

  if (g_str_equal (record_type, "petition") && (page = show_named_page (self, "petitions")) != NULL)
    {
      ld_petitions_page_show_record (LD_PETITIONS_PAGE (page), record_id);
      return;
    }

  if (g_str_equal (record_type, "clue") && (page = show_named_page (self, "clues")) != NULL)
    {
      ld_clues_page_show_record (LD_CLUES_PAGE (page), record_id);
      return;
    }

#ifdef LD_UI_HAVE_MEASURES_PAGE
  if (g_str_equal (record_type, "measure") && (page = show_named_page (self, "measures")) != NULL)
    {
      ld_measures_page_show_record (LD_MEASURES_PAGE (page), record_id);
      return;
    }
#endif
#ifdef LD_UI_HAVE_OPINIONS_PAGE
  if (g_str_equal (record_type, "opinion") && (page = show_named_page (self, "opinions")) != NULL)
    {
      ld_opinions_page_show_record (LD_OPINIONS_PAGE (page), record_id);
      return;
    }
#endif
#ifdef LD_UI_HAVE_LEDGER_PAGE
  if (g_str_equal (record_type, "ledger") && (page = show_named_page (self, "ledger")) != NULL)
    {
      ld_ledger_page_show_record (LD_LEDGER_PAGE (page), record_id);
      return;
    }
#endif
#ifdef LD_UI_HAVE_RECOMMENDATIONS_PAGE
  if (g_str_equal (record_type, "recommendation") && (page = show_named_page (self, "recommendations")) != NULL)
    {
      ld_recommendations_page_show_record (LD_RECOMMENDATIONS_PAGE (page), record_id);
      return;
    }
#endif

  if (page == NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("This kind of record cannot be opened here."));

      ld_window_add_toast (self, toast);
    }
}

/* Construction ------------------------------------------------------------- */

/* GtkWindow:application is not a construct property, so the window is set
 * up once it is known, from ld_window_new(). */
static void
ld_window_setup (LdWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  const LdSession *session;
  GtkApplication *app;
  g_autofree char *subtitle = NULL;

  app = gtk_window_get_application (GTK_WINDOW (self));
  g_return_if_fail (LD_IS_APPLICATION (app));

  self->vault = g_object_ref (ld_application_get_vault (LD_APPLICATION (app)));
  session = ld_vault_get_session (self->vault);
  g_return_if_fail (session != NULL);

  gtk_label_set_label (self->account_name_label, session->name);
  gtk_label_set_label (self->account_role_label, ld_role_get_label (session->role));

  if ((self->settings = ld_application_get_settings (LD_APPLICATION (app))) != NULL)
    {
      g_object_ref (self->settings);
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  /* Pages by role: the 三员 each get their own tool; business roles start
   * on the supervision board. Everyone can change their own password. */
  switch (session->role)
    {
    case LD_ROLE_SYSADMIN:
      add_page (self, LD_PAGE (ld_accounts_page_new (self->vault)), "accounts");
#ifdef LD_UI_HAVE_MEASURE_FORMS_PAGE
      /* The form mapping of the measures' code table (四种形态 归类). */
      add_page (self, LD_PAGE (ld_measure_forms_page_new (self->vault)), "measure-forms");
#endif
      break;

    case LD_ROLE_SECADMIN:
      add_page (self, LD_PAGE (ld_policy_page_new (self->vault)), "policy");
      add_page (self, LD_PAGE (ld_scopes_page_new (self->vault)), "scopes");
      break;

    case LD_ROLE_AUDITOR:
      add_page (self, LD_PAGE (ld_audit_page_new (self->vault)), "audit");
      break;

    case LD_ROLE_INVESTIGATOR:
    case LD_ROLE_LEADER:
    case LD_ROLE_VIEWER:
    case LD_ROLE_NONE:
    case LD_N_ROLES:
    default:
      add_page (self, LD_PAGE (ld_board_page_new (self->vault)), "board");
      add_page (self, LD_PAGE (ld_cadres_page_new (self->vault)), "cadres");
      add_page (self, LD_PAGE (ld_talks_page_new (self->vault)), "talks");
      add_page (self, LD_PAGE (ld_petitions_page_new (self->vault)), "petitions");
      add_page (self, LD_PAGE (ld_clues_page_new (self->vault)), "clues");
#ifdef LD_UI_HAVE_MEASURES_PAGE
      add_page (self, LD_PAGE (ld_measures_page_new (self->vault)), "measures");
#endif
#ifdef LD_UI_HAVE_FOUR_FORMS_PAGE
      add_page (self, LD_PAGE (ld_four_forms_page_new (self->vault)), "four-forms");
#endif
#ifdef LD_UI_HAVE_OPINIONS_PAGE
      add_page (self, LD_PAGE (ld_opinions_page_new (self->vault)), "opinions");
#endif
#ifdef LD_UI_HAVE_LEDGER_PAGE
      add_page (self, LD_PAGE (ld_ledger_page_new (self->vault)), "ledger");
#endif
#ifdef LD_UI_HAVE_RECOMMENDATIONS_PAGE
      add_page (self, LD_PAGE (ld_recommendations_page_new (self->vault)), "recommendations");
#endif
      add_page (self, LD_PAGE (ld_search_page_new (self->vault)), "search");
      add_page (self, LD_PAGE (ld_units_page_new (self->vault)), "units");
      add_page (self, LD_PAGE (ld_calendar_page_new (self->vault)), "calendar");
      add_page (self, LD_PAGE (ld_rules_page_new (self->vault)), "rules");
      add_page (self, LD_PAGE (ld_home_page_new (self->vault)), "home");
      break;
    }

  add_page (self, LD_PAGE (ld_account_page_new (self->vault)), "account");

  pages = gtk_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar, G_LIST_MODEL (pages), create_sidebar_row, self, NULL);
  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, 0));
  on_visible_child_changed_cb (self, NULL, self->stack);

  /* Translators: the window title while an account is signed in. */
  subtitle = g_strdup_printf (_("Liandang — %s"), session->name);
  gtk_window_set_title (GTK_WINDOW (self), subtitle);

  _ld_window_track_activity (self, GTK_WIDGET (self));
  _ld_window_reset_idle (self);
  schedule_idle_lock (self);

  _ld_window_refresh_banner (self);
  _ld_window_actions_update (self);
}

static void
ld_window_dispose (GObject *object)
{
  LdWindow *self = (LdWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_window_parent_class)->dispose (object);
}

static void
ld_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LdWindow *self = LD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE_NAME:
      g_value_set_string (value, ld_window_get_page_name (self));
      break;

    case PROP_BANNER_REVEALED:
      g_value_set_boolean (value, ld_window_get_banner_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LdWindow *self = LD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE_NAME:
      ld_window_set_page_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_window_class_init (LdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_window_dispose;
  object_class->get_property = ld_window_get_property;
  object_class->set_property = ld_window_set_property;

  properties [PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BANNER_REVEALED] =
    g_param_spec_boolean ("banner-revealed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/ld-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, account_name_label);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, account_role_label);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LdWindow, banner_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_changed_cb);

  _ld_window_class_actions_init (klass);
}

static void
ld_window_init (LdWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdWindow *
ld_window_new (LdApplication *application)
{
  LdWindow *self;

  g_return_val_if_fail (LD_IS_APPLICATION (application), NULL);

  self = g_object_new (LD_TYPE_WINDOW,
                       "application", application,
                       NULL);
  ld_window_setup (self);

  return self;
}

const char *
ld_window_get_page_name (LdWindow *self)
{
  g_return_val_if_fail (LD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
ld_window_set_page_name (LdWindow   *self,
                         const char *name)
{
  g_return_if_fail (LD_IS_WINDOW (self));

  if (name != NULL && gtk_stack_get_child_by_name (self->stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
ld_window_get_page (LdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (LD_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

void
ld_window_add_toast (LdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (LD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

gboolean
ld_window_get_banner_revealed (LdWindow *self)
{
  g_return_val_if_fail (LD_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}
