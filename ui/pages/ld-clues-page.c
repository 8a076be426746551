/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-clues-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ld-clues-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-clue-dialog.h"
#include "dialogs/ld-dispose-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-case-alerts.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

#define N_YEARS 6

struct _LdCluesPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *year_dropdown;
  GtkStringList       *year_list;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  GtkDropDown         *disposal_dropdown;
  GtkStringList       *disposal_list;
  LdUnitPicker        *unit_picker;
  GtkToggleButton     *overdue_button;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  AdwStatusPage       *error_status;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkBox              *detail_box;

  /* Owned References */
  GListStore          *store;
  GHashTable          *levels;           /* gint64 * clue id → LdAlertLevel */
  GHashTable          *enabled;          /* action name → enabled (for tests) */
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdClue              *shown;            /* the clue in the detail pane */
  GPtrArray           *status_codes;     /* const char * per status_list row after "any" */
  GPtrArray           *disposal_codes;   /* const char * per disposal_list row after "any" */
  int                  years[N_YEARS];

  gint64               pending_id;       /* select once the list is there */
  LdAlertLevel         shown_level;
  guint                n_talks;
  guint                n_steps;
  guint                n_changes;        /* change jobs running */
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdCluesPage, ld_clues_page, LD_TYPE_PAGE)

static void load_list   (LdCluesPage *self);
static void load_detail (LdCluesPage *self,
                         gint64       id);

/* --- Dates ----------------------------------------------------------------- */

/* Strict "YYYY-MM-DD". */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y = 0, m = 0, d = 0;
  char tail = '\0';

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  return TRUE;
}

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The marking of an open clue's due date. */
static LdAlertLevel
clue_level (LdClue            *clue,
            const LdCaseRules *rules,
            LdWorkdays        *workdays,
            const GDate       *today)
{
  GDate due;

  if (!ld_clue_is_open (clue) || !parse_date (ld_clue_get_due_date (clue), &due))
    return LD_ALERT_NONE;

  return ld_alert_level (rules, workdays, &due, today);
}

/* --- Columns --------------------------------------------------------------- */

typedef struct
{
  const char *property;
  const char *title;
  int         width;
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { "reg-no", NC_("clue column", "Number"), 96, FALSE },
  { "received-date", NC_("clue column", "Received"), 92, FALSE },
  { "source-label", NC_("clue column", "Source"), 104, FALSE },
  { "person", NC_("clue column", "Person"), 64, TRUE },
  { "unit-name", NC_("clue column", "Unit"), 80, TRUE },
  { "status-label", NC_("clue column", "Status"), 84, FALSE },
  { "disposal-label", NC_("clue column", "Disposal"), 100, FALSE },
  { "due-date", NC_("clue column", "Due"), 92, FALSE },
  { "result-label", NC_("clue column", "Result"), 72, FALSE },
};

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  g_object_get (item, info->property, &text, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  /* Narrow columns ellipsize: the whole text is in the tooltip. */
  gtk_widget_set_tooltip_text (inscription, text != NULL && *text != '\0' ? text : NULL);
}

static void
due_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LdCluesPage              *self)
{
  LdClue *clue = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  gint64 id = ld_clue_get_id (clue);
  LdAlertLevel level = ld_clues_page_get_alert_level (self, id);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), ld_clue_get_due_date (clue));
  gtk_widget_remove_css_class (inscription, "error");
  gtk_widget_remove_css_class (inscription, "warning");
  if (level == LD_ALERT_OVERDUE || level == LD_ALERT_DUE_SOON)
    {
      gtk_widget_add_css_class (inscription, ld_case_alerts_level_class (level));
      gtk_widget_set_tooltip_text (inscription, ld_alert_level_get_label (level));
    }
  else
    gtk_widget_set_tooltip_text (inscription, NULL);
}

static void
setup_columns (LdCluesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      if (g_str_equal (columns[i].property, "due-date"))
        g_signal_connect (factory, "bind", G_CALLBACK (due_bind_cb), self);
      else
        g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "clue column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
can_write (LdCluesPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static gboolean
shown_writable (LdCluesPage *self)
{
  return self->shown != NULL && ld_clue_get_retired_at (self->shown) == 0 && can_write (self);
}

/* Whether some disposal may be recorded from the shown clue's status. */
static gboolean
can_dispose (LdCluesPage *self)
{
  const LdCode *codes;
  guint n = 0;

  if (!shown_writable (self) || !ld_clue_is_open (self->shown))
    return FALSE;

  codes = ld_code_table_get (LD_CODE_TABLE_DISPOSAL, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *to = ld_clue_status_for_disposal (codes[i].code);

      if (!g_str_equal (codes[i].code, "close") && to != NULL
          && ld_clue_status_can_move (ld_clue_get_status (self->shown), to, codes[i].code, NULL))
        return TRUE;
    }

  return FALSE;
}

static gboolean
can_close (LdCluesPage *self)
{
  return shown_writable (self) && ld_clue_is_open (self->shown)
         && g_strv_contains (ld_clue_status_next (ld_clue_get_status (self->shown)), "closed");
}

static gboolean
is_filtered (LdCluesPage *self)
{
  return gtk_drop_down_get_selected (self->year_dropdown) != 0
         || gtk_drop_down_get_selected (self->status_dropdown) != 0
         || gtk_drop_down_get_selected (self->disposal_dropdown) != 0
         || ld_unit_picker_get_selected_id (self->unit_picker) > 0
         || gtk_toggle_button_get_active (self->overdue_button)
         || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
set_enabled (LdCluesPage *self,
             const char  *action_name,
             gboolean     enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, enabled);
  g_hash_table_insert (self->enabled, (gpointer) action_name, GINT_TO_POINTER (enabled));
}

static void
update_state (LdCluesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading || self->n_changes > 0;
  gboolean writable = shown_writable (self);
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->content_stack, is_filtered (self) ? "no-results" : "empty");
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clue", "%u clues", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  set_enabled (self, "clues.new", can_write (self));
  set_enabled (self, "clues.edit", writable && ld_clue_is_open (self->shown));
  set_enabled (self, "clues.dispose", can_dispose (self));
  set_enabled (self, "clues.close", can_close (self));
  set_enabled (self, "clues.review", writable && g_strcmp0 (ld_clue_get_status (self->shown), "held") == 0);
  set_enabled (self, "clues.clearing",
               writable && g_strcmp0 (ld_clue_get_status (self->shown), "closed") == 0
               && g_strcmp0 (ld_clue_get_result (self->shown), "unfounded") == 0);
  set_enabled (self, "clues.add-step", writable);
  set_enabled (self, "clues.retire", writable);
}

/* --- Context: units, years, statuses, disposals ---------------------------- */

static void
fill_static_filters (LdCluesPage *self)
{
  self->filling = TRUE;
  ld_string_list_append_years (self->year_list, self->years, N_YEARS);

  /* Open clues stay on the desk across the years: all years by default. */
  gtk_string_list_append (self->status_list, _("All statuses"));
  g_ptr_array_add (self->status_codes, (gpointer) "open");
  gtk_string_list_append (self->status_list, C_("clue status filter", "Open"));
  ld_string_list_append_codes (self->status_list, self->status_codes, LD_CODE_TABLE_CLUE_STATUS);

  gtk_string_list_append (self->disposal_list, _("All disposals"));
  ld_string_list_append_codes (self->disposal_list, self->disposal_codes, LD_CODE_TABLE_DISPOSAL);
  self->filling = FALSE;
}

static gpointer
units_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ld_unit_repository_list (vault, FALSE, error);
}

static void
units_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdCluesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;
  if (units != NULL)
    {
      self->filling = TRUE;
      ld_unit_picker_set_units (self->unit_picker, units, _("All units"), 0);
      ld_unit_picker_set_selected_id (self->unit_picker, 0);
      self->filling = FALSE;
      self->units_loaded = TRUE;
    }
}

/* --- List ------------------------------------------------------------------ */

typedef struct
{
  int        year;
  char      *status;
  char      *disposal;
  gint64     unit_id;
  char      *overdue_as_of;
  char      *text;
} ListJob;

typedef struct
{
  GPtrArray  *clues;
  GHashTable *levels;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->status);
  g_free (job->disposal);
  g_free (job->overdue_as_of);
  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->clues, g_ptr_array_unref);
  g_clear_pointer (&result->levels, g_hash_table_unref);
  g_free (result);
}

static GHashTable *
new_levels (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdClueFilter filter;
  ListResult *result = g_new0 (ListResult, 1);
  g_autoptr(LdWorkdays) workdays = NULL;
  LdCaseRules rules;
  GDate today;

  ld_clue_filter_init (&filter);
  filter.year = job->year;
  filter.status = job->status;
  filter.disposal = job->disposal;
  filter.unit_id = job->unit_id;
  filter.overdue_as_of = job->overdue_as_of;
  filter.text = job->text;

  result->clues = ld_clue_repository_list (vault, &filter, error);
  if (result->clues == NULL)
    {
      list_result_free (result);
      return NULL;
    }

  /* The marking follows the vault's rules and working-day calendar. */
  result->levels = new_levels ();
  ld_case_rules_init_defaults (&rules);
  get_today (&today);
  if (ld_case_rules_repository_load (vault, &today, &rules, NULL)
      && (workdays = ld_calendar_repository_load (vault, NULL)) != NULL)
    for (guint i = 0; i < result->clues->len; i++)
      {
        LdClue *clue = g_ptr_array_index (result->clues, i);
        LdAlertLevel level = clue_level (clue, &rules, workdays, &today);

        if (level != LD_ALERT_NONE)
          g_hash_table_insert (result->levels, g_memdup2 (&(gint64) { ld_clue_get_id (clue) }, sizeof (gint64)),
                               GINT_TO_POINTER (level));
      }

  return result;
}

static int
chosen_year (LdCluesPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->year_dropdown);

  return pos >= 1 && pos <= N_YEARS ? self->years[pos - 1] : 0;
}

static void
select_id (LdCluesPage *self,
           gint64       id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdClue) clue = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (ld_clue_get_id (clue) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdCluesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_clue_get_id (self->shown) : 0;

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, list_result_free);
      return;
    }

  self->list_loading = FALSE;
  self->list_loaded = TRUE;

  if (result == NULL)
    {
      g_list_store_remove_all (self->store);
      adw_status_page_set_description (self->error_status, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      update_state (self);
      return;
    }

  /* The levels first: the cells read them as they bind. */
  g_clear_pointer (&self->levels, g_hash_table_unref);
  self->levels = g_steal_pointer (&result->levels);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       result->clues->pdata, result->clues->len);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdCluesPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint status_pos = gtk_drop_down_get_selected (self->status_dropdown);
  guint disposal_pos = gtk_drop_down_get_selected (self->disposal_dropdown);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  job->year = chosen_year (self);
  if (status_pos >= 1 && status_pos - 1 < self->status_codes->len)
    job->status = g_strdup (g_ptr_array_index (self->status_codes, status_pos - 1));
  if (disposal_pos >= 1 && disposal_pos - 1 < self->disposal_codes->len)
    job->disposal = g_strdup (g_ptr_array_index (self->disposal_codes, disposal_pos - 1));
  job->unit_id = unit_id > 0 ? unit_id : 0;
  if (gtk_toggle_button_get_active (self->overdue_button))
    job->overdue_as_of = today_text ();
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdCluesPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdClue       *clue;
  GPtrArray    *steps;
  GPtrArray    *versions;
  GPtrArray    *talks;
  LdAlertLevel  level;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->clue);
  g_clear_pointer (&result->steps, g_ptr_array_unref);
  g_clear_pointer (&result->versions, g_ptr_array_unref);
  g_clear_pointer (&result->talks, g_ptr_array_unref);
  g_free (result);
}

static gpointer
detail_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 id = *(gint64 *) data;
  DetailResult *result = g_new0 (DetailResult, 1);
  g_autoptr(GArray) talk_ids = NULL;
  g_autoptr(LdWorkdays) workdays = NULL;
  LdCaseRules rules;
  GDate today;

  if ((result->clue = ld_clue_repository_get (vault, id, error)) == NULL
      || (result->steps = ld_clue_repository_list_steps (vault, id, error)) == NULL
      || (result->versions = ld_clue_repository_versions (vault, id, error)) == NULL
      || (talk_ids = ld_clue_repository_list_talk_ids (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  /* The talks serving the clue; one out of reach is left out. */
  result->talks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < talk_ids->len; i++)
    {
      LdTalk *talk = ld_talk_repository_get (vault, g_array_index (talk_ids, gint64, i), NULL);

      if (talk != NULL)
        g_ptr_array_add (result->talks, talk);
    }

  ld_case_rules_init_defaults (&rules);
  get_today (&today);
  if (ld_case_rules_repository_load (vault, &today, &rules, NULL)
      && (workdays = ld_calendar_repository_load (vault, NULL)) != NULL)
    result->level = clue_level (result->clue, &rules, workdays, &today);

  return result;
}

/* The clue pane's values can be selected, to copy a number or a name. */
static GtkWidget *
add_field (GtkWidget  *grid,
           const char *title,
           const char *value)
{
  GtkWidget *label = ld_record_detail_add_field (grid, title, value);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  return label;
}

/* A field that opens another record through the window. */
static void
add_link (GtkWidget  *grid,
          const char *tooltip,
          const char *record_type,
          gint64      record_id)
{
  GtkWidget *button;

  button = ld_record_detail_icon_button ("go-next-symbolic", tooltip, "win.show-record",
                                         g_variant_new ("(sx)", record_type, record_id));
  ld_record_detail_field_add_suffix (grid, button, 6);
}

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, LD_AUDIT_CLUE_CREATED) == 0)
    return C_("history", "Clue registered");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_UPDATED) == 0)
    return C_("history", "Clue changed");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_DISPOSED) == 0)
    return C_("history", "Disposal recorded");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_CLOSED) == 0)
    return C_("history", "Clue closed");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_CLEARING) == 0)
    return C_("history", "Clearing recorded");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_REVIEW) == 0)
    return C_("history", "Next review set");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_STEP) == 0)
    return C_("history", "Step added");
  if (g_strcmp0 (event, LD_AUDIT_CLUE_RETIRED) == 0)
    return C_("history", "Clue retired");

  return event != NULL ? event : "";
}

static void
add_banner (LdCluesPage *self,
            const char  *text,
            const char  *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->detail_box, label);
}

static void
show_detail (LdCluesPage *self,
             DetailResult *result)
{
  LdClue *clue = self->shown;
  GtkWidget *group;
  g_autofree char *title = NULL;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  self->n_talks = 0;
  self->n_steps = 0;
  if (clue == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  /* Translators: the detail pane's title: registration number and person */
  title = g_strdup_printf (_("%s · %s"), ld_clue_get_reg_no (clue), ld_clue_get_person (clue));
  gtk_label_set_label (self->detail_title, title);

  if (ld_clue_get_retired_at (clue) != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason a record was retired */
      text = g_strdup_printf (_("Retired: %s"), ld_clue_get_retired_reason (clue));
      add_banner (self, text, "warning");
    }
  else if (self->shown_level == LD_ALERT_OVERDUE || self->shown_level == LD_ALERT_DUE_SOON)
    {
      g_autofree char *text = NULL;

      /* Translators: the alert level ("Overdue") and the due date */
      text = g_strdup_printf (_("%s: the disposal was due on %s."), ld_alert_level_get_label (self->shown_level),
                              ld_clue_get_due_date (clue));
      add_banner (self, text, ld_case_alerts_level_class (self->shown_level));
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Clue"));
  add_field (group, C_("clue field", "Registration number"), ld_clue_get_reg_no (clue));
  add_field (group, C_("clue field", "Source"), ld_clue_get_source_label (clue));
  add_field (group, C_("clue field", "Received"), ld_clue_get_received_date (clue));
  add_field (group, C_("clue field", "Person"), ld_clue_get_person (clue));
  if (ld_clue_get_cadre_id (clue) != 0)
    add_link (group, _("Open the Cadre’s File"), "cadre", ld_clue_get_cadre_id (clue));
  add_field (group, C_("clue field", "Unit"), ld_clue_get_unit_name (clue));
  add_field (group, C_("clue field", "Summary"), ld_clue_get_summary (clue));
  add_field (group, C_("clue field", "Problem categories"), ld_clue_get_categories_label (clue));
  add_field (group, C_("clue field", "From petition"),
                   ld_clue_get_petition_id (clue) != 0 ? ld_clue_get_petition_reg_no (clue)
                                                       : _("None: registered from another source"));
  if (ld_clue_get_petition_id (clue) != 0)
    add_link (group, _("Open the Petition"), "petition", ld_clue_get_petition_id (clue));

  group = ld_record_detail_new_group (self->detail_box, _("Disposal"));
  add_field (group, C_("clue field", "Status"), ld_clue_get_status_label (clue));
  add_field (group, C_("clue field", "Disposal mode"), ld_clue_get_disposal_label (clue));
  add_field (group, C_("clue field", "Approved by"), ld_clue_get_approved_by (clue));
  add_field (group, C_("clue field", "Approval date"), ld_clue_get_approved_date (clue));
  add_field (group, C_("clue field", "Due date"), ld_clue_get_due_date (clue));
  if (self->shown_level == LD_ALERT_OVERDUE || self->shown_level == LD_ALERT_DUE_SOON)
    {
      GtkWidget *label = gtk_label_new (ld_alert_level_get_label (self->shown_level));

      gtk_widget_add_css_class (label, ld_case_alerts_level_class (self->shown_level));
      gtk_widget_add_css_class (label, "heading");
      ld_record_detail_field_add_suffix (group, label, 6);
    }
  if (g_strcmp0 (ld_clue_get_status (clue), "held") == 0 || *ld_clue_get_next_review_date (clue) != '\0')
    add_field (group, C_("clue field", "Next review"), ld_clue_get_next_review_date (clue));

  group = ld_record_detail_new_group (self->detail_box, _("Result"));
  add_field (group, C_("clue field", "Result"), ld_clue_get_result_label (clue));
  add_field (group, C_("clue field", "Closing date"), ld_clue_get_closed_date (clue));
  if (g_strcmp0 (ld_clue_get_result (clue), "unfounded") == 0)
    {
      add_field (group, C_("clue field", "Clearing (澄清正名)"), ld_clue_get_clearing (clue));
      add_field (group, C_("clue field", "Clearing date"), ld_clue_get_clearing_date (clue));
    }

  group = ld_record_detail_new_group (self->detail_box, _("Talks Serving the Clue"));
  for (guint i = 0; result != NULL && result->talks != NULL && i < result->talks->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (result->talks, i);
      g_autofree char *subtitle = NULL;

      /* Translators: a talk's type and date */
      subtitle = g_strdup_printf (_("%s · %s"), ld_talk_get_type_label (talk), ld_talk_get_talk_date (talk));
      add_field (group, ld_talk_get_reg_no (talk), subtitle);
      add_link (group, _("Open the Talk"), "talk", ld_talk_get_id (talk));
      self->n_talks++;
    }
  if (self->n_talks == 0)
    add_field (group, _("No talks yet"), _("A talk registered for this clue shows here."));

  group = ld_record_detail_new_group (self->detail_box, _("Handling Steps"));
  if (shown_writable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("list-add-symbolic",
                                                                     _("Add a Handling Step… (Ctrl+T)"),
                                                                     "clues.add-step", NULL));
  for (guint i = 0; result != NULL && result->steps != NULL && i < result->steps->len; i++)
    {
      LdClueStep *step = g_ptr_array_index (result->steps, i);
      g_autofree char *label = ld_clue_step_action_get_label (step->action);
      g_autofree char *subtitle = NULL;

      if (step->note != NULL && *step->note != '\0')
        /* Translators: a step's action, its note and the account that entered it */
        subtitle = g_strdup_printf (_("%s: %s — %s"), label, step->note, step->account != NULL ? step->account : "");
      else
        /* Translators: a step's action and the account that entered it */
        subtitle = g_strdup_printf (_("%s — %s"), label, step->account != NULL ? step->account : "");
      add_field (group, step->step_date, subtitle);
      self->n_steps++;
    }
  if (self->n_steps == 0)
    add_field (group, _("No steps yet"), NULL);

  group = ld_record_detail_new_group (self->detail_box, _("History"));
  ld_record_detail_add_history (group, result != NULL ? result->versions : NULL, event_label, TRUE);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdCluesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DetailResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, detail_result_free);
      return;
    }

  self->detail_loading = FALSE;
  if (result == NULL)
    {
      g_clear_object (&self->shown);
      show_detail (self, NULL);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The clue could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->clue);
  self->shown_level = result->level;
  show_detail (self, result);
  detail_result_free (result);
  update_state (self);
}

static void
load_detail (LdCluesPage *self,
             gint64       id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (id == 0)
    {
      self->detail_loading = FALSE;
      g_clear_object (&self->shown);
      show_detail (self, NULL);
      update_state (self);
      return;
    }

  self->detail_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->detail_cancellable, G_CONNECT_SWAPPED);
  self->detail_loading = TRUE;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), detail_worker, g_memdup2 (&id, sizeof id), g_free,
                      detail_result_free, self->detail_cancellable, detail_cb, g_object_ref (self));
}

static void
on_selection_changed_cb (LdCluesPage *self)
{
  LdClue *clue = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = clue != NULL ? ld_clue_get_id (clue) : 0;

  if (id == 0)
    return;   /* keep the detail while the list reloads */
  if (self->shown != NULL && ld_clue_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_RETIRE,
  CHANGE_REVIEW,
  CHANGE_STEP,
  CHANGE_CLEARING,
} ChangeKind;

#define N_TEXTS 3

typedef struct
{
  ChangeKind kind;
  gint64     id;
  char      *texts[N_TEXTS];
} ChangeJob;

typedef struct
{
  LdCluesPage *self;
  ChangeKind   kind;
  char        *done;
} ChangeContext;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (job->texts[i]);
  g_free (job);
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case CHANGE_RETIRE:
      ok = ld_clue_repository_retire (vault, job->id, job->texts[0], error);
      break;
    case CHANGE_REVIEW:
      ok = ld_clue_repository_set_next_review (vault, job->id, job->texts[0], error);
      break;
    case CHANGE_STEP:
      ok = ld_clue_repository_add_step (vault, job->id, job->texts[0], job->texts[1], job->texts[2], NULL, error);
      break;
    case CHANGE_CLEARING:
      ok = ld_clue_repository_set_clearing (vault, job->id, job->texts[0], job->texts[1], error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdCluesPage) self = context->self;
  g_autofree char *done = context->done;
  ChangeKind kind = context->kind;
  g_autoptr(GError) error = NULL;
  gpointer result;

  g_free (context);
  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (self->n_changes > 0)
    self->n_changes--;
  if (ld_error_is_cancelled (error))
    return;
  update_state (self);

  if (result == NULL)
    {
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      return;
    }

  if (done != NULL)
    ld_page_show_toast (LD_PAGE (self), done);
  if (kind == CHANGE_RETIRE)
    {
      g_clear_object (&self->shown);
      show_detail (self, NULL);
    }
  else if (self->shown != NULL)
    load_detail (self, ld_clue_get_id (self->shown));
  load_list (self);
}

static void
run_change (LdCluesPage  *self,
            ChangeKind    kind,
            gint64        id,
            const char  **texts,
            const char   *done)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);
  ChangeContext *context = g_new0 (ChangeContext, 1);

  job->kind = kind;
  job->id = id;
  for (guint i = 0; i < N_TEXTS; i++)
    job->texts[i] = g_strdup (texts[i] != NULL ? texts[i] : "");
  context->self = g_object_ref (self);
  context->kind = kind;
  context->done = g_strdup (done);
  self->n_changes++;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, NULL,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Small forms in a message dialog (step, review, clearing, retire) ------ */

typedef struct
{
  LdCluesPage *self;
  ChangeKind   kind;
  gint64       id;
  const char  *response;
  const char  *done;
  GtkEditable *entries[N_TEXTS];
  guint        n_entries;
  guint        required;   /* bit i: entry i must not be empty */
  guint        dates;      /* bit i: entry i is a date (or empty) */
} FormRequest;

static void
form_request_free (gpointer  data,
                   GClosure *closure)
{
  FormRequest *request = data;

  g_clear_object (&request->self);
  g_free (request);
}

static gboolean
form_valid (FormRequest *request)
{
  for (guint i = 0; i < request->n_entries; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (request->entries[i])));
      gboolean bad = FALSE;
      GDate date;

      if (*text == '\0')
        bad = (request->required & (1u << i)) != 0;
      else if ((request->dates & (1u << i)) != 0)
        bad = !parse_date (text, &date);
      ld_widget_set_error (GTK_WIDGET (request->entries[i]), bad && *text != '\0');
      if (bad)
        return FALSE;
    }

  return TRUE;
}

static void
on_form_entry_changed_cb (AdwMessageDialog *dialog,
                          GtkEditable      *editable)
{
  FormRequest *request = g_object_get_data (G_OBJECT (dialog), "ld-form-request");

  adw_message_dialog_set_response_enabled (dialog, request->response, form_valid (request));
}

static void
on_form_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FormRequest      *request)
{
  char *texts[N_TEXTS] = { NULL };

  if (g_strcmp0 (response, request->response) != 0 || !form_valid (request))
    return;
  for (guint i = 0; i < request->n_entries; i++)
    texts[i] = g_strstrip (g_strdup (gtk_editable_get_text (request->entries[i])));
  run_change (request->self, request->kind, request->id, (const char **) texts, request->done);
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&texts[i], g_free);
}

static GtkWindow *
parent_window (LdCluesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* fields: n_fields pairs of placeholder and initial text. */
static AdwMessageDialog *
run_form (LdCluesPage *self,
          ChangeKind   kind,
          const char  *heading,
          const char  *body,
          const char  *response,
          const char  *response_label,
          gboolean     destructive,
          const char  *done,
          guint        required,
          guint        dates,
          guint        n_fields,
          const char  *const *fields)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  FormRequest *request = g_new0 (FormRequest, 1);

  g_assert (n_fields <= N_TEXTS);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  request->self = g_object_ref (self);
  request->kind = kind;
  request->id = ld_clue_get_id (self->shown);
  request->response = response;
  request->done = done;
  request->required = required;
  request->dates = dates;
  request->n_entries = n_fields;
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), fields[2 * i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, fields[2 * i], -1);
      gtk_editable_set_text (GTK_EDITABLE (entry), fields[2 * i + 1] != NULL ? fields[2 * i + 1] : "");
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_box_append (GTK_BOX (box), entry);
      request->entries[i] = GTK_EDITABLE (entry);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_form_entry_changed_cb), dialog, G_CONNECT_SWAPPED);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response,
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "ld-form-request", request);
  adw_message_dialog_set_response_enabled (dialog, response, form_valid (request));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_form_response_cb), request, form_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  if (n_fields > 0)
    gtk_widget_grab_focus (GTK_WIDGET (request->entries[n_fields > 1 && kind == CHANGE_STEP ? 1 : 0]));

  return dialog;
}

/* --- Actions --------------------------------------------------------------- */

static void
on_clue_saved_cb (LdCluesPage *self,
                  gint64       id)
{
  ld_page_show_toast (LD_PAGE (self), _("Clue saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
present (LdCluesPage *self,
         GtkWindow   *dialog)
{
  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (dialog, parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_clue_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (dialog, GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);

  if (can_write (self))
    present (self, GTK_WINDOW (ld_clue_dialog_new (ld_page_get_vault (LD_PAGE (self)), NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);

  if (shown_writable (self) && ld_clue_is_open (self->shown))
    present (self, GTK_WINDOW (ld_clue_dialog_new (ld_page_get_vault (LD_PAGE (self)), self->shown)));
}

static void
dispose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);

  if (can_dispose (self))
    present (self, GTK_WINDOW (ld_dispose_dialog_new (ld_page_get_vault (LD_PAGE (self)), self->shown,
                                                      LD_DISPOSE_MODE_DISPOSE)));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);

  if (can_close (self))
    present (self, GTK_WINDOW (ld_dispose_dialog_new (ld_page_get_vault (LD_PAGE (self)), self->shown,
                                                      LD_DISPOSE_MODE_CLOSE)));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);
  const char *fields[] = { _("Next review (YYYY-MM-DD; empty clears it)"), NULL };

  if (!shown_writable (self) || g_strcmp0 (ld_clue_get_status (self->shown), "held") != 0)
    return;
  fields[1] = ld_clue_get_next_review_date (self->shown);
  run_form (self, CHANGE_REVIEW, _("Set the Next Review?"),
            _("A held clue (暂存待查) is looked at again on this date."),
            "set", _("_Set"), FALSE, _("Next review set"), 0, 1u << 0, 1, fields);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);
  g_autofree char *today = today_text ();
  const char *fields[] = {
    _("Date (YYYY-MM-DD)"), NULL,
    _("What was done (required)"), "",
    _("Note (optional)"), "",
  };

  if (!shown_writable (self))
    return;
  fields[1] = today;
  run_form (self, CHANGE_STEP, _("Add a Handling Step?"),
            _("Record what was done for the clue, such as sending the inquiry letter."),
            "add", _("_Add"), FALSE, _("Step added"), (1u << 0) | (1u << 1), 1u << 0, 3, fields);
}

static void
clearing_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);
  g_autofree char *today = today_text ();
  const char *fields[] = {
    _("Clearing done (required)"), NULL,
    _("Clearing date (YYYY-MM-DD)"), NULL,
  };

  if (!shown_writable (self) || g_strcmp0 (ld_clue_get_result (self->shown), "unfounded") != 0)
    return;
  fields[1] = ld_clue_get_clearing (self->shown);
  fields[3] = *ld_clue_get_clearing_date (self->shown) != '\0' ? ld_clue_get_clearing_date (self->shown) : today;
  run_form (self, CHANGE_CLEARING, _("Record the Clearing?"),
            _("What was done to clear the name (澄清正名) of the person wrongly reported."),
            "record", _("_Record"), FALSE, _("Clearing recorded"), (1u << 0) | (1u << 1), 1u << 1, 2, fields);
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);
  g_autofree char *body = NULL;
  const char *fields[] = { _("Reason (required)"), "" };

  if (!shown_writable (self))
    return;

  /* Translators: %s is a clue's registration number */
  body = g_strdup_printf (_("Clue %s leaves the list but stays in the vault with its history. Give the reason."),
                          ld_clue_get_reg_no (self->shown));
  run_form (self, CHANGE_RETIRE, _("Retire the Clue?"), body, "retire", _("_Retire"), TRUE, _("Clue retired"),
            1u << 0, 0, 1, fields);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCluesPage *self = LD_CLUES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the clue ledger of the unit and the
 * year the filters show. The dialog asks for the purpose and the file, or
 * says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdCluesPage *self = LD_CLUES_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_CLUES);
  int year = chosen_year (self);

  request->unit_id = ld_unit_picker_get_selected_id (self->unit_picker);
  if (year != 0)
    {
      request->from = g_strdup_printf ("%04d-01-01", year);
      request->to = g_strdup_printf ("%04d-12-31", year);
    }
  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
#endif
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

/* --- GObject --------------------------------------------------------------- */

static void
ld_clues_page_refresh (LdPage *page)
{
  LdCluesPage *self = LD_CLUES_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);

  if (!self->units_loaded)
    ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_clue_get_id (self->shown));
}

static void
ld_clues_page_constructed (GObject *object)
{
  LdCluesPage *self = (LdCluesPage *)object;

  G_OBJECT_CLASS (ld_clues_page_parent_class)->constructed (object);

  fill_static_filters (self);
  setup_columns (self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->store));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_clues_page_dispose (GObject *object)
{
  LdCluesPage *self = (LdCluesPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CLUES_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ld_clues_page_parent_class)->dispose (object);
}

static void
ld_clues_page_finalize (GObject *object)
{
  LdCluesPage *self = (LdCluesPage *)object;

  g_clear_pointer (&self->levels, g_hash_table_unref);
  g_clear_pointer (&self->enabled, g_hash_table_unref);
  g_clear_pointer (&self->status_codes, g_ptr_array_unref);
  g_clear_pointer (&self->disposal_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_clues_page_parent_class)->finalize (object);
}

static void
ld_clues_page_class_init (LdCluesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_clues_page_constructed;
  object_class->dispose = ld_clues_page_dispose;
  object_class->finalize = ld_clues_page_finalize;
  page_class->refresh = ld_clues_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-clues-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, disposal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, disposal_list);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdCluesPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "clues.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "clues.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "clues.dispose", NULL, dispose_action);
  gtk_widget_class_install_action (widget_class, "clues.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "clues.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "clues.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "clues.clearing", NULL, clearing_action);
  gtk_widget_class_install_action (widget_class, "clues.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "clues.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "clues.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "clues.export", NULL, export_action);
}

static void
ld_clues_page_init (LdCluesPage *self)
{
  self->store = g_list_store_new (LD_TYPE_CLUE);
  self->levels = new_levels ();
  self->enabled = g_hash_table_new (g_str_hash, g_str_equal);
  self->status_codes = g_ptr_array_new ();
  self->disposal_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clues.export", FALSE);
#endif
}

LdCluesPage *
ld_clues_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_CLUES_PAGE,
                       "vault", vault,
                       "title", _("Clues"),
                       "icon-name", "emblem-documents-symbolic",
                       NULL);
}

void
ld_clues_page_show_record (LdCluesPage *self,
                           gint64       id)
{
  g_return_if_fail (LD_IS_CLUES_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_clues_page_get_model (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_clues_page_get_loading (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || self->n_changes > 0 || !self->list_loaded;
}

gint64
ld_clues_page_get_shown_id (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), 0);

  return self->shown != NULL ? ld_clue_get_id (self->shown) : 0;
}

GObject *
ld_clues_page_get_shown (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), NULL);

  return G_OBJECT (self->shown);
}

LdAlertLevel
ld_clues_page_get_alert_level (LdCluesPage *self,
                               gint64       id)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), LD_ALERT_NONE);

  if (self->levels == NULL)
    return LD_ALERT_NONE;

  return (LdAlertLevel) GPOINTER_TO_INT (g_hash_table_lookup (self->levels, &id));
}

gboolean
ld_clues_page_get_action_enabled (LdCluesPage *self,
                                  const char  *action_name)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), FALSE);
  g_return_val_if_fail (action_name != NULL, FALSE);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->enabled, action_name));
}

guint
ld_clues_page_get_n_talks (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), 0);

  return self->n_talks;
}

guint
ld_clues_page_get_n_steps (LdCluesPage *self)
{
  g_return_val_if_fail (LD_IS_CLUES_PAGE (self), 0);

  return self->n_steps;
}

void
ld_clues_page_set_search (LdCluesPage *self,
                          const char  *text)
{
  g_return_if_fail (LD_IS_CLUES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  load_list (self);
}

void
ld_clues_page_set_overdue_only (LdCluesPage *self,
                                gboolean     overdue_only)
{
  g_return_if_fail (LD_IS_CLUES_PAGE (self));

  gtk_toggle_button_set_active (self->overdue_button, overdue_only);
}
