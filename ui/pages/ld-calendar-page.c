/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-calendar-page.h"

#include "ld-ui-utils.h"
#include "records/ld-calendar-repository.h"
#include "rules/ld-permissions.h"

/* --- One listed day (a row object) ------------------------------------------------ */

#define LD_TYPE_CALENDAR_DAY (ld_calendar_day_get_type ())
G_DECLARE_FINAL_TYPE (LdCalendarDay, ld_calendar_day, LD, CALENDAR_DAY, GObject)

struct _LdCalendarDay
{
  GObject    parent_instance;

  char      *day;        /* "YYYY-MM-DD" */
  char      *weekday;    /* translated */
  char      *name;
  LdDayKind  kind;
};

G_DEFINE_FINAL_TYPE (LdCalendarDay, ld_calendar_day, G_TYPE_OBJECT)

static void
ld_calendar_day_finalize (GObject *object)
{
  LdCalendarDay *self = (LdCalendarDay *)object;

  g_free (self->day);
  g_free (self->weekday);
  g_free (self->name);

  G_OBJECT_CLASS (ld_calendar_day_parent_class)->finalize (object);
}

static void
ld_calendar_day_class_init (LdCalendarDayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ld_calendar_day_finalize;
}

static void
ld_calendar_day_init (LdCalendarDay *self)
{
}

static const char *
weekday_label (GDateWeekday weekday)
{
  switch (weekday)
    {
    case G_DATE_MONDAY:    return _("Monday");
    case G_DATE_TUESDAY:   return _("Tuesday");
    case G_DATE_WEDNESDAY: return _("Wednesday");
    case G_DATE_THURSDAY:  return _("Thursday");
    case G_DATE_FRIDAY:    return _("Friday");
    case G_DATE_SATURDAY:  return _("Saturday");
    case G_DATE_SUNDAY:    return _("Sunday");
    case G_DATE_BAD_WEEKDAY:
    default:               return "";
    }
}

static LdCalendarDay *
ld_calendar_day_new (const LdCalendarRow *row)
{
  LdCalendarDay *self = g_object_new (LD_TYPE_CALENDAR_DAY, NULL);

  self->day = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&row->day), g_date_get_month (&row->day),
                               g_date_get_day (&row->day));
  self->weekday = g_strdup (weekday_label (g_date_get_weekday (&row->day)));
  self->name = g_strdup (row->name != NULL ? row->name : "");
  self->kind = row->kind;
  return self;
}

/* --- The page ----------------------------------------------------------------------- */

typedef enum
{
  CHANGE_SET,
  CHANGE_REMOVE,
  CHANGE_IMPORT,
} ChangeKind;

struct _LdCalendarPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSpinButton       *year_spin;
  GtkSpinner          *spinner;
  GtkButton           *import_button;
  GtkLabel            *read_only_label;
  AdwPreferencesGroup *add_group;
  GtkButton           *add_button;
  AdwEntryRow         *date_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  GtkLabel            *error_label;
  AdwPreferencesGroup *days_group;
  GtkListBox          *days_list;
  GtkLabel            *empty_label;

  /* Owned References */
  GListStore          *days;            /* LdCalendarDay */
  GtkFileChooserNative *chooser;
  char                *error_message;

  char                *change_day;

  ChangeKind           change_kind;
  guint                pending;
  gboolean             writing;
};

G_DEFINE_FINAL_TYPE (LdCalendarPage, ld_calendar_page, LD_TYPE_PAGE)

static gboolean
can_write (LdCalendarPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static void
show_error (LdCalendarPage *self,
            const char     *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);

  if (self->error_label == NULL)
    return;
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The one place that decides which calendar.* actions are enabled. */
static void
update_actions (LdCalendarPage *self)
{
  gboolean may = can_write (self);
  gboolean busy = ld_page_get_busy (LD_PAGE (self)) || self->writing;
  g_autofree char *date = NULL;

  if (self->date_row == NULL)
    return;

  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.add", may && !self->writing && date[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.remove", may && !self->writing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", may && !self->writing);

  gtk_widget_set_visible (GTK_WIDGET (self->add_group), may);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), may);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), !may);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static GtkWidget *
create_day_row (gpointer item,
                gpointer user_data)
{
  LdCalendarPage *self = user_data;
  LdCalendarDay *day = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *kind = gtk_label_new (day->kind == LD_DAY_HOLIDAY ? C_("calendar day", "Holiday")
                                                               : C_("calendar day", "Working day"));
  g_autofree char *title = NULL;

  /* Translators: a date and its weekday, e.g. “2026-10-01 Thursday”. */
  title = g_strdup_printf (C_("calendar day", "%s %s"), day->day, day->weekday);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day->name);

  gtk_widget_add_css_class (kind, day->kind == LD_DAY_HOLIDAY ? "accent" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), kind);

  if (can_write (self))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a date. */
      {
        g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), day->day);
        gtk_widget_set_tooltip_text (button, tooltip);
      }
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.remove");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (day->day));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

/* --- Loading ---------------------------------------------------------------------- */

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return ld_calendar_repository_list (vault, GPOINTER_TO_INT (data), error);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *title = NULL;
  g_autofree char *empty = NULL;
  int year;

  rows = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  if (self->pending > 0)
    self->pending--;
  if (self->pending > 0)
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);
  update_actions (self);

  if (rows == NULL)
    {
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The calendar could not be read."));
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, ld_calendar_day_new (g_ptr_array_index (rows, i)));
  g_list_store_splice (self->days, 0, g_list_model_get_n_items (G_LIST_MODEL (self->days)),
                       items->pdata, items->len);

  year = gtk_spin_button_get_value_as_int (self->year_spin);
  /* Translators: %d is a year. */
  title = g_strdup_printf (_("Days of %d"), year);
  adw_preferences_group_set_title (self->days_group, title);
  /* Translators: %d is a year. */
  empty = g_strdup_printf (_("No day of %d is listed: only Saturdays and Sundays are rest days. Enter the year's public holidays and adjusted working days, or import them."),
                           year);
  gtk_label_set_label (self->empty_label, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), items->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->days_list), items->len > 0);
}

static void
ld_calendar_page_refresh (LdPage *page)
{
  LdCalendarPage *self = LD_CALENDAR_PAGE (page);
  int year = gtk_spin_button_get_value_as_int (self->year_spin);

  self->pending++;
  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      list_worker,
                      GINT_TO_POINTER (year), NULL,
                      (GDestroyNotify) g_ptr_array_unref,
                      ld_page_get_cancellable (page),
                      list_cb,
                      g_object_ref (self));
}

static void
on_year_changed_cb (LdCalendarPage *self,
                    GtkSpinButton  *spin)
{
  ld_page_refresh (LD_PAGE (self));
}

/* --- Changes ------------------------------------------------------------------------- */

typedef struct
{
  ChangeKind  kind;
  char       *day;
  char       *name;
  GFile      *file;
  LdDayKind   day_kind;
  guint       n_days;
} ChangeJob;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->day);
  g_free (job->name);
  g_clear_object (&job->file);
  g_free (job);
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;
  g_autofree char *text = NULL;
  gsize length = 0;

  switch (job->kind)
    {
    case CHANGE_SET:
      if (!ld_calendar_repository_set (vault, job->day, job->day_kind, job->name, error))
        return NULL;
      break;

    case CHANGE_REMOVE:
      if (!ld_calendar_repository_remove (vault, job->day, error))
        return NULL;
      break;

    case CHANGE_IMPORT:
      if (!g_file_load_contents (job->file, cancellable, &text, &length, NULL, error) ||
          !ld_calendar_repository_import (vault, text, length, &job->n_days, error))
        return NULL;
      /* The number of days stored, plus one (NULL means failure). */
      return GUINT_TO_POINTER (job->n_days + 1);

    default:
      g_assert_not_reached ();
    }

  return GUINT_TO_POINTER (1);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gpointer ok;

  ok = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  self->writing = FALSE;

  if (ok == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The calendar could not be changed."));
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The calendar could not be changed."));
      update_actions (self);
      return;
    }

  show_error (self, NULL);
  switch (self->change_kind)
    {
    case CHANGE_SET:
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      /* Translators: %s is a date. */
      message = g_strdup_printf (_("%s added to the calendar"), self->change_day);
      break;

    case CHANGE_REMOVE:
      /* Translators: %s is a date. */
      message = g_strdup_printf (_("%s removed from the calendar"), self->change_day);
      break;

    case CHANGE_IMPORT:
    default:
      {
        guint n = GPOINTER_TO_UINT (ok) - 1;

        /* Translators: %u is a number of days. */
        message = g_strdup_printf (ngettext ("%u day imported", "%u days imported", n), n);
      }
      break;
    }
  ld_page_show_toast (LD_PAGE (self), message);
  ld_page_emit_changed (LD_PAGE (self));
  ld_page_refresh (LD_PAGE (self));
}

static void
start_change (LdCalendarPage *self,
              ChangeJob      *job)
{
  self->writing = TRUE;
  self->change_kind = job->kind;
  g_free (self->change_day);
  self->change_day = g_strdup (job->day);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      change_worker,
                      job, change_job_free,
                      NULL,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      change_cb,
                      g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdCalendarPage *self = LD_CALENDAR_PAGE (widget);
  ChangeJob *job;

  if (!can_write (self) || self->writing)
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_SET;
  job->day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  job->day_kind = adw_combo_row_get_selected (self->kind_row) == 1 ? LD_DAY_WORKDAY : LD_DAY_HOLIDAY;

  if (job->day[0] == '\0')
    {
      show_error (self, _("Enter the day as YYYY-MM-DD."));
      change_job_free (job);
      return;
    }

  start_change (self, job);
}

static void
on_form_activated_cb (LdCalendarPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "calendar.add", NULL);
}

static void
on_form_changed_cb (LdCalendarPage *self)
{
  ld_widget_set_error (GTK_WIDGET (self->date_row), FALSE);
  update_actions (self);
}

static void
on_remove_response_cb (LdCalendarPage   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *day = g_object_get_data (G_OBJECT (dialog), "day");
  ChangeJob *job;

  if (g_strcmp0 (response, "remove") != 0 || day == NULL || !can_write (self) || self->writing)
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_REMOVE;
  job->day = g_strdup (day);
  start_change (self, job);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCalendarPage *self = LD_CALENDAR_PAGE (widget);
  const char *day = g_variant_get_string (param, NULL);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (!can_write (self))
    return;

  /* Translators: %s is a date. */
  heading = g_strdup_printf (_("Remove %s From the Calendar?"), day);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading,
                                                       _("The day becomes an ordinary day again (a rest day only on a weekend), and every deadline counting over it moves.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "day", g_strdup (day), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_chooser_response_cb (LdCalendarPage       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    ld_calendar_page_import_file (self, file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCalendarPage *self = LD_CALENDAR_PAGE (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL || !can_write (self))
    return;

  gtk_file_filter_set_name (csv, _("Holiday lists (.csv, .txt)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Import Holidays"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
step_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdCalendarPage *self = LD_CALENDAR_PAGE (widget);
  int year = gtk_spin_button_get_value_as_int (self->year_spin);

  ld_calendar_page_set_year (self, g_str_equal (action_name, "calendar.next-year") ? year + 1 : year - 1);
}

/* --- GObject -------------------------------------------------------------------------- */

static void
ld_calendar_page_constructed (GObject *object)
{
  LdCalendarPage *self = (LdCalendarPage *)object;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  G_OBJECT_CLASS (ld_calendar_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->days_list, G_LIST_MODEL (self->days), create_day_row, self, NULL);

  g_signal_handlers_block_by_func (self->year_spin, on_year_changed_cb, self);
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  g_signal_handlers_unblock_by_func (self->year_spin, on_year_changed_cb, self);

  update_actions (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_calendar_page_dispose (GObject *object)
{
  LdCalendarPage *self = (LdCalendarPage *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->days_list != NULL)
    gtk_list_box_bind_model (self->days_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CALENDAR_PAGE);

  g_clear_object (&self->days);

  G_OBJECT_CLASS (ld_calendar_page_parent_class)->dispose (object);
}

static void
ld_calendar_page_finalize (GObject *object)
{
  LdCalendarPage *self = (LdCalendarPage *)object;

  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->change_day, g_free);

  G_OBJECT_CLASS (ld_calendar_page_parent_class)->finalize (object);
}

static void
ld_calendar_page_class_init (LdCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_calendar_page_constructed;
  object_class->dispose = ld_calendar_page_dispose;
  object_class->finalize = ld_calendar_page_finalize;

  page_class->refresh = ld_calendar_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, add_group);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, days_group);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, days_list);
  gtk_widget_class_bind_template_child (widget_class, LdCalendarPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "calendar.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "calendar.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous-year", NULL, step_year_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-year", NULL, step_year_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "calendar.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "calendar.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "calendar.previous-year", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "calendar.next-year", NULL);
}

static void
ld_calendar_page_init (LdCalendarPage *self)
{
  self->days = g_list_store_new (LD_TYPE_CALENDAR_DAY);

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdCalendarPage *
ld_calendar_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_CALENDAR_PAGE,
                       "vault", vault,
                       "title", _("Working Calendar"),
                       "icon-name", "x-office-calendar-symbolic",
                       NULL);
}

void
ld_calendar_page_set_year (LdCalendarPage *self,
                           int             year)
{
  g_return_if_fail (LD_IS_CALENDAR_PAGE (self));

  if (gtk_spin_button_get_value_as_int (self->year_spin) == year)
    ld_page_refresh (LD_PAGE (self));
  else
    gtk_spin_button_set_value (self->year_spin, year);
}

int
ld_calendar_page_get_year (LdCalendarPage *self)
{
  g_return_val_if_fail (LD_IS_CALENDAR_PAGE (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
ld_calendar_page_import_file (LdCalendarPage *self,
                              GFile          *file)
{
  ChangeJob *job;

  g_return_if_fail (LD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!can_write (self) || self->writing)
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_IMPORT;
  job->file = g_object_ref (file);
  start_change (self, job);
}

gboolean
ld_calendar_page_get_can_write (LdCalendarPage *self)
{
  g_return_val_if_fail (LD_IS_CALENDAR_PAGE (self), FALSE);

  return can_write (self);
}

guint
ld_calendar_page_get_n_days (LdCalendarPage *self)
{
  g_return_val_if_fail (LD_IS_CALENDAR_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->days));
}

const char *
ld_calendar_page_get_day (LdCalendarPage *self,
                          guint           position,
                          LdDayKind      *kind,
                          const char    **name)
{
  g_autoptr(LdCalendarDay) day = NULL;

  g_return_val_if_fail (LD_IS_CALENDAR_PAGE (self), NULL);

  day = g_list_model_get_item (G_LIST_MODEL (self->days), position);
  if (day == NULL)
    return NULL;

  if (kind != NULL)
    *kind = day->kind;
  if (name != NULL)
    *name = day->name;
  /* The store keeps the day alive. */
  return day->day;
}

void
ld_calendar_page_fill (LdCalendarPage *self,
                       const char     *day,
                       LdDayKind       kind,
                       const char     *name)
{
  g_return_if_fail (LD_IS_CALENDAR_PAGE (self));

  if (day != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
  adw_combo_row_set_selected (self->kind_row, kind == LD_DAY_WORKDAY ? 1 : 0);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  update_actions (self);
}

const char *
ld_calendar_page_get_error_message (LdCalendarPage *self)
{
  g_return_val_if_fail (LD_IS_CALENDAR_PAGE (self), NULL);

  return self->error_message;
}
