/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-board-page"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ld-board-page.h"

#include "dialogs/ld-export-dialog.h"
#include "ld-ui-utils.h"
#include "ld-window.h"
#include "pages/ld-calendar-page.h"
#include "records/ld-case-rules-repository.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-case-alerts.h"

struct _LdBoardPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkRevealer         *calendar_revealer;
  GtkLabel            *calendar_label;
  GtkButton           *calendar_button;
  GtkEntry            *as_of_entry;
  GtkMenuButton       *calendar_menu_button;
  GtkCalendar         *calendar;
  GtkSpinner          *spinner;
  GtkBox              *unit_filter_box;
  GtkLabel            *unit_filter_label;
  GtkStack            *state_stack;
  AdwStatusPage       *error_page;
  GtkLabel            *overdue_count_label;
  GtkLabel            *due_soon_count_label;
  GtkLabel            *later_count_label;
  AdwPreferencesGroup *overdue_group;
  AdwPreferencesGroup *due_soon_group;
  AdwPreferencesGroup *later_group;
  LdCaseAlerts        *overdue_alerts;
  LdCaseAlerts        *due_soon_alerts;
  LdCaseAlerts        *later_alerts;
  GtkGrid             *kinds_grid;
  GtkListBox          *units_list;

  /* Owned References */
  GListStore          *store;                          /* LdBoardItem */
  GtkFilterListModel  *level_models[LD_BOARD_N_LEVELS];
  GtkFilter           *filters[LD_BOARD_N_LEVELS];
  LdBoardSummary       summary;
  char                *as_of_text;
  char                *unit_name;

  GDate                as_of;
  gint64               unit_filter;
  guint                pending;                        /* loads queued */
  gboolean             loaded;
  gboolean             has_summary;
  gboolean             calendar_missing;
};

G_DEFINE_FINAL_TYPE (LdBoardPage, ld_board_page, LD_TYPE_PAGE)

/* --- Loading --------------------------------------------------------------- */

typedef struct
{
  GDate as_of;
} LoadJob;

typedef struct
{
  GPtrArray      *items;
  LdBoardSummary  summary;
  gboolean        missing;
  guint           due_soon_days;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->items, g_ptr_array_unref);
  ld_board_summary_clear (&result->summary);
  g_free (result);
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  LoadResult *result = g_new0 (LoadResult, 1);
  LdCaseRules rules;

  ld_case_rules_init_defaults (&rules);
  if (!ld_case_rules_repository_load (vault, &job->as_of, &rules, error) ||
      !ld_board_calendar_missing_year (vault, g_date_get_year (&job->as_of), &result->missing, error) ||
      (result->items = ld_board_list (vault, &job->as_of, error)) == NULL)
    {
      load_result_free (result);
      return NULL;
    }

  result->due_soon_days = rules.due_soon_days;
  ld_board_summarise (result->items, &result->summary);

  return result;
}

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
format_count (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
show_kinds (LdBoardPage *self)
{
  static const LdAlertLevel levels[] = { LD_ALERT_OVERDUE, LD_ALERT_DUE_SOON, LD_ALERT_LATER };
  int row = 1;

  clear_children (GTK_WIDGET (self->kinds_grid));

  gtk_grid_attach (self->kinds_grid, grid_label (C_("column", "Kind"), 0.0, "heading"), 0, 0, 1, 1);
  gtk_grid_attach (self->kinds_grid, grid_label (C_("board", "Overdue"), 1.0, "heading"), 1, 0, 1, 1);
  gtk_grid_attach (self->kinds_grid, grid_label (C_("board", "Due Soon"), 1.0, "heading"), 2, 0, 1, 1);
  gtk_grid_attach (self->kinds_grid, grid_label (C_("board", "Later This Month"), 1.0, "heading"), 3, 0, 1, 1);

  for (guint kind = 0; kind < LD_N_DEADLINE_KINDS; kind++)
    {
      GtkWidget *label;
      guint total = 0;

      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        total += self->summary.by_kind[kind][levels[l]];
      if (total == 0)
        continue;

      label = grid_label (ld_deadline_kind_get_label (kind), 0.0, NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->kinds_grid, label, 0, row, 1, 1);
      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          guint n = self->summary.by_kind[kind][levels[l]];
          g_autofree char *text = format_count (n);

          gtk_grid_attach (self->kinds_grid,
                           grid_label (text, 1.0, n > 0 ? ld_case_alerts_level_class (levels[l]) : "dim-label"),
                           1 + (int) l, row, 1, 1);
        }
      row++;
    }
}

static void
show_units (LdBoardPage *self)
{
  clear_children (GTK_WIDGET (self->units_list));

  for (guint i = 0; self->summary.units != NULL && i < self->summary.units->len; i++)
    {
      LdBoardUnitCount *count = g_ptr_array_index (self->summary.units, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *subtitle = NULL;
      g_autofree char *overdue = format_count (count->counts[LD_ALERT_OVERDUE]);
      g_autofree char *soon = format_count (count->counts[LD_ALERT_DUE_SOON]);
      g_autofree char *later = format_count (count->counts[LD_ALERT_LATER]);
      GtkWidget *label;

      /* Translators: the counts of one unit on the board. */
      subtitle = g_strdup_printf (_("%u overdue · %u due soon · %u later this month"),
                                  count->counts[LD_ALERT_OVERDUE], count->counts[LD_ALERT_DUE_SOON],
                                  count->counts[LD_ALERT_LATER]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     count->unit_name != NULL && count->unit_name[0] != '\0'
                                       ? count->unit_name : _("No unit"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "unit-id", g_memdup2 (&count->unit_id, sizeof count->unit_id), g_free);

      label = grid_label (overdue, 1.0, count->counts[LD_ALERT_OVERDUE] > 0 ? "error" : "dim-label");
      gtk_widget_set_tooltip_text (label, C_("board", "Overdue"));
      gtk_box_append (GTK_BOX (box), label);
      label = grid_label (soon, 1.0, count->counts[LD_ALERT_DUE_SOON] > 0 ? "warning" : "dim-label");
      gtk_widget_set_tooltip_text (label, C_("board", "Due Soon"));
      gtk_box_append (GTK_BOX (box), label);
      label = grid_label (later, 1.0, "dim-label");
      gtk_widget_set_tooltip_text (label, C_("board", "Later This Month"));
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (box, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

      gtk_list_box_append (self->units_list, row);
    }
}

static void
update_groups (LdBoardPage *self)
{
  guint n[LD_BOARD_N_LEVELS] = { 0 };
  g_autofree char *overdue = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *later = NULL;

  for (guint l = LD_ALERT_LATER; l < LD_BOARD_N_LEVELS; l++)
    n[l] = g_list_model_get_n_items (G_LIST_MODEL (self->level_models[l]));

  overdue = format_count (n[LD_ALERT_OVERDUE]);
  soon = format_count (n[LD_ALERT_DUE_SOON]);
  later = format_count (n[LD_ALERT_LATER]);
  gtk_label_set_label (self->overdue_count_label, overdue);
  gtk_label_set_label (self->due_soon_count_label, soon);
  gtk_label_set_label (self->later_count_label, later);

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_group), n[LD_ALERT_OVERDUE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->due_soon_group), n[LD_ALERT_DUE_SOON] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->later_group), n[LD_ALERT_LATER] > 0);
}

static void
update_state (LdBoardPage *self)
{
  const char *state;

  if (!self->loaded)
    return;

  state = g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 ? "board" : "empty";
  gtk_stack_set_visible_child_name (self->state_stack, state);
  update_groups (self);
}

static gboolean
may_enter_holidays (LdBoardPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *result;
  g_autofree char *message = NULL;

  result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  /* The worker runs jobs in order: a newer load is still coming. */
  if (self->pending > 0)
    self->pending--;
  if (self->pending > 0)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  self->calendar_missing = result->missing;
  if (may_enter_holidays (self))
    /* Translators: %d is a year. */
    message = g_strdup_printf (_("The working calendar has no holidays of %d yet: deadlines count only weekends as rest days. Enter this year's holidays and adjusted working days."),
                               g_date_get_year (&self->as_of));
  else
    /* Translators: %d is a year. */
    message = g_strdup_printf (_("The working calendar has no holidays of %d yet: deadlines count only weekends as rest days. Ask an investigator or leader to enter this year's holidays."),
                               g_date_get_year (&self->as_of));
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_button), may_enter_holidays (self));
  gtk_label_set_label (self->calendar_label, message);
  gtk_revealer_set_reveal_child (self->calendar_revealer, result->missing);

  {
    g_autofree char *soon = NULL;

    /* Translators: %u is the due-soon window of the case rules. */
    soon = g_strdup_printf (ngettext ("Due within %u working day.", "Due within %u working days.",
                                      result->due_soon_days),
                            result->due_soon_days);
    adw_preferences_group_set_description (self->due_soon_group, soon);
  }

  ld_board_summary_clear (&self->summary);
  self->summary = result->summary;
  memset (&result->summary, 0, sizeof result->summary);
  self->has_summary = TRUE;

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       result->items->pdata, result->items->len);
  self->loaded = TRUE;

  show_kinds (self);
  show_units (self);
  update_state (self);

  load_result_free (result);
}

static void
ld_board_page_refresh (LdPage *page)
{
  LdBoardPage *self = LD_BOARD_PAGE (page);
  LoadJob *job;

  job = g_new0 (LoadJob, 1);
  job->as_of = self->as_of;

  self->pending++;
  ld_page_set_busy (page, TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");

  ld_vault_run_async (ld_page_get_vault (page),
                      load_worker,
                      job, g_free,
                      load_result_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* --- The as-of date ---------------------------------------------------------- */

static gboolean
parse_date (const char *text,
            GDate      *out)
{
  int y, m, d;
  char rest;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &rest) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static void
set_date (LdBoardPage *self,
          const GDate *date)
{
  char text[16];

  self->as_of = *date;
  g_snprintf (text, sizeof text, "%04d-%02d-%02d",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  g_free (self->as_of_text);
  self->as_of_text = g_strdup (text);

  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry), text);
  ld_widget_set_error (GTK_WIDGET (self->as_of_entry), FALSE);

  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                     g_date_get_day (date), 12, 0, 0);
    g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    gtk_calendar_select_day (self->calendar, dt);
    g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  }

  ld_page_refresh (LD_PAGE (self));
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
on_as_of_activate_cb (LdBoardPage *self,
                      GtkEntry    *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GDate date;

  if (!parse_date (text, &date))
    {
      ld_widget_set_error (GTK_WIDGET (entry), TRUE);
      ld_page_show_toast (LD_PAGE (self), _("Enter the day as YYYY-MM-DD."));
      return;
    }

  set_date (self, &date);
}

static void
on_calendar_day_selected_cb (LdBoardPage *self,
                             GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  gtk_menu_button_popdown (self->calendar_menu_button);
  set_date (self, &date);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdBoardPage *self = LD_BOARD_PAGE (widget);
  GDate date;

  today (&date);
  set_date (self, &date);
}

static void
step_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdBoardPage *self = LD_BOARD_PAGE (widget);
  GDate date = self->as_of;

  if (g_str_equal (action_name, "board.next-day"))
    g_date_add_days (&date, 1);
  else
    g_date_subtract_days (&date, 1);
  set_date (self, &date);
}

/* Opens the working calendar on the as-of year. */
static void
enter_holidays_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LdBoardPage *self = LD_BOARD_PAGE (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, LD_TYPE_WINDOW);
  GtkWidget *calendar;

  if (window == NULL || (calendar = ld_window_get_page (LD_WINDOW (window), "calendar")) == NULL)
    return;

  ld_calendar_page_set_year (LD_CALENDAR_PAGE (calendar), g_date_get_year (&self->as_of));
  gtk_widget_activate_action (widget, "win.show-page", "s", "calendar");
}

/* --- The unit filter ----------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GtkCustomFilter *filter = user_data;
  LdBoardPage *self = g_object_get_data (G_OBJECT (filter), "page");
  LdAlertLevel level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "level"));
  LdBoardItem *board_item = item;

  if (ld_board_item_get_level (board_item) != level)
    return FALSE;
  return self->unit_filter == 0 || ld_board_item_get_unit_id (board_item) == self->unit_filter;
}

static void
set_unit_filter (LdBoardPage *self,
                 gint64       unit_id,
                 const char  *unit_name)
{
  g_autofree char *text = NULL;

  self->unit_filter = unit_id;

  if (unit_id != 0)
    {
      /* Translators: %s is a unit name; the board lists only its deadlines. */
      text = g_strdup_printf (_("Only %s"), unit_name != NULL ? unit_name : "");
      gtk_label_set_label (self->unit_filter_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unit_filter_box), unit_id != 0);

  for (guint l = LD_ALERT_LATER; l < LD_BOARD_N_LEVELS; l++)
    gtk_filter_changed (self->filters[l], GTK_FILTER_CHANGE_DIFFERENT);
  update_groups (self);
}

/* Export… (Ctrl+Shift+E or Ctrl+E): the board of the unit it is narrowed
 * to. The export lists the open deadlines as of today whatever day the
 * page shows (the request has no as-of day; its from/to would keep only
 * the deadlines due in that period). The dialog asks for the purpose and
 * the file, or says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdBoardPage *self = LD_BOARD_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_BOARD);

  request->unit_id = self->unit_filter;
  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
#endif
}

static void
show_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdBoardPage *self = LD_BOARD_PAGE (widget);
  gint64 unit_id = g_variant_get_int64 (param);
  const char *name = NULL;

  for (guint i = 0; unit_id != 0 && self->summary.units != NULL && i < self->summary.units->len; i++)
    {
      LdBoardUnitCount *count = g_ptr_array_index (self->summary.units, i);

      if (count->unit_id == unit_id)
        name = count->unit_name;
    }

  set_unit_filter (self, unit_id, name);
}

static void
on_unit_row_activated_cb (LdBoardPage   *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  gint64 *unit_id = g_object_get_data (G_OBJECT (row), "unit-id");

  if (unit_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "board.show-unit", "x", *unit_id);
}

/* --- GObject ---------------------------------------------------------------------- */

static void
on_map_cb (LdBoardPage *self)
{
  /* Records change on the other pages: show the board fresh. */
  if (self->loaded && !ld_page_get_busy (LD_PAGE (self)))
    ld_page_refresh (LD_PAGE (self));
}

static void
ld_board_page_constructed (GObject *object)
{
  LdBoardPage *self = (LdBoardPage *)object;
  GDate date;

  G_OBJECT_CLASS (ld_board_page_parent_class)->constructed (object);

  today (&date);
  set_date (self, &date);
}

static void
ld_board_page_dispose (GObject *object)
{
  LdBoardPage *self = (LdBoardPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_BOARD_PAGE);

  for (guint l = 0; l < LD_BOARD_N_LEVELS; l++)
    {
      g_clear_object (&self->level_models[l]);
      g_clear_object (&self->filters[l]);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ld_board_page_parent_class)->dispose (object);
}

static void
ld_board_page_finalize (GObject *object)
{
  LdBoardPage *self = (LdBoardPage *)object;

  ld_board_summary_clear (&self->summary);
  g_clear_pointer (&self->as_of_text, g_free);
  g_clear_pointer (&self->unit_name, g_free);

  G_OBJECT_CLASS (ld_board_page_parent_class)->finalize (object);
}

static void
ld_board_page_class_init (LdBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_board_page_constructed;
  object_class->dispose = ld_board_page_dispose;
  object_class->finalize = ld_board_page_finalize;

  page_class->refresh = ld_board_page_refresh;

  g_type_ensure (LD_TYPE_CASE_ALERTS);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, calendar_revealer);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, calendar_label);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, calendar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, unit_filter_box);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, unit_filter_label);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, overdue_count_label);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, due_soon_count_label);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, later_count_label);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, due_soon_group);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, later_group);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, overdue_alerts);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, due_soon_alerts);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, later_alerts);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, kinds_grid);
  gtk_widget_class_bind_template_child (widget_class, LdBoardPage, units_list);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "board.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "board.previous-day", NULL, step_day_action);
  gtk_widget_class_install_action (widget_class, "board.next-day", NULL, step_day_action);
  gtk_widget_class_install_action (widget_class, "board.show-unit", "x", show_unit_action);
  gtk_widget_class_install_action (widget_class, "board.enter-holidays", NULL, enter_holidays_action);
  gtk_widget_class_install_action (widget_class, "board.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "board.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "board.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "board.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "board.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "board.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "board.export", NULL);
}

static void
ld_board_page_init (LdBoardPage *self)
{
  LdCaseAlerts *alerts[LD_BOARD_N_LEVELS] = { NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.export", FALSE);
#endif

  alerts[LD_ALERT_OVERDUE] = self->overdue_alerts;
  alerts[LD_ALERT_DUE_SOON] = self->due_soon_alerts;
  alerts[LD_ALERT_LATER] = self->later_alerts;

  self->store = g_list_store_new (LD_TYPE_BOARD_ITEM);
  for (guint l = LD_ALERT_LATER; l < LD_BOARD_N_LEVELS; l++)
    {
      GtkCustomFilter *filter = gtk_custom_filter_new (NULL, NULL, NULL);

      g_object_set_data (G_OBJECT (filter), "page", self);
      g_object_set_data (G_OBJECT (filter), "level", GINT_TO_POINTER (l));
      gtk_custom_filter_set_filter_func (filter, filter_func, filter, NULL);
      self->filters[l] = GTK_FILTER (filter);
      self->level_models[l] = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                         g_object_ref (self->filters[l]));
      ld_case_alerts_set_model (alerts[l], G_LIST_MODEL (self->level_models[l]));
    }

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

LdBoardPage *
ld_board_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_BOARD_PAGE,
                       "vault", vault,
                       "title", _("Supervision Board"),
                       "icon-name", "view-list-bullet-symbolic",
                       NULL);
}

gboolean
ld_board_page_set_as_of (LdBoardPage *self,
                         const char  *date)
{
  GDate parsed;

  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), FALSE);

  if (!parse_date (date, &parsed))
    return FALSE;

  set_date (self, &parsed);
  return TRUE;
}

const char *
ld_board_page_get_as_of (LdBoardPage *self)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), NULL);

  return self->as_of_text;
}

const char *
ld_board_page_get_state (LdBoardPage *self)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

guint
ld_board_page_get_n_items (LdBoardPage  *self,
                           LdAlertLevel  level)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), 0);
  g_return_val_if_fail (level > LD_ALERT_NONE && level < LD_BOARD_N_LEVELS, 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->level_models[level]));
}

LdBoardItem *
ld_board_page_get_item (LdBoardPage  *self,
                        LdAlertLevel  level,
                        guint         position)
{
  g_autoptr(LdBoardItem) item = NULL;

  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), NULL);
  g_return_val_if_fail (level > LD_ALERT_NONE && level < LD_BOARD_N_LEVELS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->level_models[level]), position);
  /* The store keeps it alive. */
  return item;
}

gboolean
ld_board_page_activate_item (LdBoardPage  *self,
                             LdAlertLevel  level,
                             guint         position)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), FALSE);

  switch (level)
    {
    case LD_ALERT_OVERDUE:
      return ld_case_alerts_activate (self->overdue_alerts, position);
    case LD_ALERT_DUE_SOON:
      return ld_case_alerts_activate (self->due_soon_alerts, position);
    case LD_ALERT_LATER:
      return ld_case_alerts_activate (self->later_alerts, position);
    case LD_ALERT_NONE:
    default:
      return FALSE;
    }
}

const LdBoardSummary *
ld_board_page_get_summary (LdBoardPage *self)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), NULL);

  return self->has_summary ? &self->summary : NULL;
}

gboolean
ld_board_page_get_calendar_prompt (LdBoardPage *self)
{
  g_return_val_if_fail (LD_IS_BOARD_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->calendar_revealer);
}
