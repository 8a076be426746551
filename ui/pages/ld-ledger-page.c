/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-ledger-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-ledger-item-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-ledger-rules.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

struct _LdLedgerPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  GtkDropDown         *source_dropdown;
  GtkStringList       *source_list;
  LdUnitPicker        *unit_picker;
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
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdLedgerItem        *shown;            /* the item in the detail pane */
  GPtrArray           *attachments;      /* LdAttachment of shown */
  GPtrArray           *temp_paths;       /* opened attachments */

  gint64               pending_id;       /* select once the list is there */
  guint                total;            /* active items in scope, unfiltered */
  guint                n_changes;        /* changes running on the worker */
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdLedgerPage, ld_ledger_page, LD_TYPE_PAGE)

static void load_list   (LdLedgerPage *self);
static void load_detail (LdLedgerPage *self,
                         gint64        id);

/* The status filter: NULL = every status, then the stored statuses and
 * the computed overdue. */
static const char *status_codes[] = { NULL, "not-started", "in-progress", "done", "ongoing", "overdue" };

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* --- Columns --------------------------------------------------------------- */

typedef struct
{
  const char *property;
  const char *title;
  int         width;
  gboolean    expand;
} ColumnInfo;

/* The columns of the ledger (DOMAIN.md §10.3). */
static const ColumnInfo columns[] = {
  /* Translators: 编号 */
  { "reg-no", NC_("ledger column", "Number"), 88, FALSE },
  /* Translators: 问题来源 */
  { "source-label", NC_("ledger column", "Source"), 80, FALSE },
  /* Translators: 问题描述 */
  { "problem", NC_("ledger column", "Problem"), 150, TRUE },
  /* Translators: 责任单位 */
  { "unit-name", NC_("ledger column", "Unit"), 90, TRUE },
  /* Translators: 责任人 */
  { "person", NC_("ledger column", "Responsible"), 64, FALSE },
  /* Translators: 时间节点 */
  { "deadline", NC_("ledger column", "Deadline"), 88, FALSE },
  /* Translators: 状态 */
  { "display-status-label", NC_("ledger column", "Status"), 84, FALSE },
  /* Translators: 销号日期 */
  { "signed-off-date", NC_("ledger column", "Signed Off"), 88, FALSE },
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

/* The status and the deadline of an overdue item show in red. */
static void
overdue_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 const ColumnInfo         *info)
{
  LdLedgerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);

  text_bind_cb (factory, list_item, info);
  if (ld_ledger_item_is_overdue (item, NULL))
    gtk_widget_add_css_class (inscription, "error");
  else
    gtk_widget_remove_css_class (inscription, "error");
}

static void
setup_columns (LdLedgerPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkStringSorter) sorter = NULL;
      gboolean marked = g_str_equal (columns[i].property, "display-status-label")
                        || g_str_equal (columns[i].property, "deadline");

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", marked ? G_CALLBACK (overdue_bind_cb) : G_CALLBACK (text_bind_cb),
                        (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "ledger column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      /* A click on the title sorts by the column; dates sort as text. */
      sorter = gtk_string_sorter_new (gtk_property_expression_new (LD_TYPE_LEDGER_ITEM, NULL,
                                                                   columns[i].property));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
session_allows (LdLedgerPage *self,
                LdAction      action)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, action);
}

static gboolean
can_write (LdLedgerPage *self)
{
  return session_allows (self, LD_ACTION_RECORD_WRITE);
}

/* Whether the shown item may still change (active, not signed off). */
static gboolean
shown_editable (LdLedgerPage *self)
{
  return self->shown != NULL && ld_ledger_item_is_editable (self->shown);
}

static gboolean
shown_writable (LdLedgerPage *self)
{
  return shown_editable (self) && can_write (self);
}

static gboolean
shown_can_move (LdLedgerPage   *self,
                LdLedgerStatus  to)
{
  return shown_writable (self) && ld_ledger_item_get_status (self->shown) != to
         && ld_ledger_can_move (ld_ledger_item_get_status (self->shown), to, FALSE);
}

static gboolean
shown_can_sign_off (LdLedgerPage *self)
{
  return shown_editable (self) && session_allows (self, LD_ACTION_RECORD_APPROVE)
         && ld_ledger_can_sign_off (ld_ledger_item_get_status (self->shown),
                                    ld_ledger_item_get_completed_date (self->shown),
                                    ld_ledger_item_get_accepted_by (self->shown), NULL);
}

static gboolean
is_filtered (LdLedgerPage *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) != 0
         || gtk_drop_down_get_selected (self->source_dropdown) != 0
         || ld_unit_picker_get_selected_id (self->unit_picker) > 0
         || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
update_state (LdLedgerPage *self)
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
        {
          /* Without any item in scope the page explains how to start. */
          gtk_stack_set_visible_child_name (self->content_stack,
                                            self->total > 0 || is_filtered (self) ? "no-results" : "empty");
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  /* The detail pane is only worth its room next to a list. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.new", can_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.add-progress", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.complete",
                                 shown_can_move (self, LD_LEDGER_DONE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.accept",
                                 writable && ld_ledger_item_get_status (self->shown) == LD_LEDGER_DONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.sign-off", shown_can_sign_off (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.mark-in-progress",
                                 shown_can_move (self, LD_LEDGER_IN_PROGRESS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.mark-ongoing",
                                 shown_can_move (self, LD_LEDGER_ONGOING));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.retire", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.attach", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.retire-attachment", writable);
}

/* --- Context: units, statuses, sources ------------------------------------- */

static void
fill_static_filters (LdLedgerPage *self)
{
  const char * const *sources = ld_ledger_sources ();

  self->filling = TRUE;
  gtk_string_list_append (self->status_list, _("All statuses"));
  for (guint i = 1; i < G_N_ELEMENTS (status_codes); i++)
    gtk_string_list_append (self->status_list,
                            ld_ledger_status_get_label (ld_ledger_status_from_string (status_codes[i])));

  gtk_string_list_append (self->source_list, _("All sources"));
  for (guint i = 0; sources[i] != NULL; i++)
    gtk_string_list_append (self->source_list, ld_ledger_source_get_label (sources[i]));
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
  g_autoptr(LdLedgerPage) self = user_data;
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
  char   *status;
  char   *source;
  gint64  unit_id;
  char   *text;
} ListJob;

typedef struct
{
  GPtrArray *items;
  guint      total;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->status);
  g_free (job->source);
  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_free (result);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdLedgerFilter filter;
  ListResult *result = g_new0 (ListResult, 1);

  ld_ledger_filter_init (&filter);
  filter.status = job->status;
  filter.source = job->source;
  filter.unit_id = job->unit_id;
  filter.text = job->text;

  result->items = ld_ledger_repository_list (vault, &filter, error);
  if (result->items == NULL)
    {
      list_result_free (result);
      return NULL;
    }
  /* Whether nothing matches, or there is nothing at all. */
  result->total = result->items->len;
  if (result->items->len == 0)
    {
      LdLedgerFilter all;

      ld_ledger_filter_init (&all);
      if (!ld_ledger_repository_count (vault, &all, &result->total, NULL))
        result->total = 0;
    }

  return result;
}

static void
select_id (LdLedgerPage *self,
           gint64        id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_ledger_item_get_id (item) == id)
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
  g_autoptr(LdLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_ledger_item_get_id (self->shown) : 0;

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

  self->total = result->total;
  gtk_stack_set_visible_child_name (self->content_stack, "list");
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       result->items->pdata, result->items->len);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdLedgerPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint status_pos = gtk_drop_down_get_selected (self->status_dropdown);
  guint source_pos = gtk_drop_down_get_selected (self->source_dropdown);
  const char * const *sources = ld_ledger_sources ();
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  if (status_pos < G_N_ELEMENTS (status_codes))
    job->status = g_strdup (status_codes[status_pos]);
  if (source_pos >= 1 && source_pos - 1 < g_strv_length ((char **) sources))
    job->source = g_strdup (sources[source_pos - 1]);
  job->unit_id = unit_id > 0 ? unit_id : 0;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdLedgerPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdLedgerItem *item;
  GPtrArray    *progress;
  GPtrArray    *attachments;
  GPtrArray    *versions;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->item);
  g_clear_pointer (&result->progress, g_ptr_array_unref);
  g_clear_pointer (&result->attachments, g_ptr_array_unref);
  g_clear_pointer (&result->versions, g_ptr_array_unref);
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

  if ((result->item = ld_ledger_repository_get (vault, id, error)) == NULL
      || (result->progress = ld_ledger_repository_list_progress (vault, id, error)) == NULL
      || (result->attachments = ld_attachment_repository_list (vault, "ledger", id, FALSE, error)) == NULL
      || (result->versions = ld_ledger_repository_versions (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_CREATED) == 0)
    return C_("history", "Item registered");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_UPDATED) == 0)
    return C_("history", "Item changed");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_RETIRED) == 0)
    return C_("history", "Item retired");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_PROGRESS) == 0)
    return C_("history", "Progress recorded");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_STATUS) == 0)
    return C_("history", "Status changed");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_COMPLETED) == 0)
    return C_("history", "Completion recorded");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_ACCEPTED) == 0)
    return C_("history", "Acceptance recorded");
  if (g_strcmp0 (event, LD_AUDIT_LEDGER_SIGNED_OFF) == 0)
    return C_("history", "Signed off");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_SPAWNED) == 0)
    return C_("history", "Spawned from a recommendation");
  if (g_strcmp0 (event, LD_AUDIT_ATTACHMENT_ADDED) == 0)
    return C_("history", "Attachment added");
  if (g_strcmp0 (event, LD_AUDIT_ATTACHMENT_RETIRED) == 0)
    return C_("history", "Attachment retired");

  return event != NULL ? event : "";
}

static void
add_note (GtkBox     *box,
          const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static void
show_detail (LdLedgerPage *self,
             GPtrArray    *progress)
{
  LdLedgerItem *item = self->shown;
  GtkWidget *group;
  GtkWidget *label;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  gboolean overdue;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  overdue = ld_ledger_item_is_overdue (item, NULL);
  /* Translators: the detail pane's title: registration number and status */
  title = g_strdup_printf (_("%s · %s"), ld_ledger_item_get_reg_no (item),
                           ld_ledger_item_get_display_status_label (item, NULL));
  gtk_label_set_label (self->detail_title, title);

  if (ld_ledger_item_get_retired_at (item) != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason a record was retired */
      text = g_strdup_printf (_("Retired: %s"), ld_ledger_item_get_retired_reason (item));
      add_note (self->detail_box, text, "warning");
    }
  else if (overdue)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the deadline (时间节点) an item missed: 逾期 */
      text = g_strdup_printf (_("Overdue: the deadline %s has passed."), ld_ledger_item_get_deadline (item));
      add_note (self->detail_box, text, "error");
    }
  else if (ld_ledger_item_is_signed_off (item))
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the sign-off date (销号日期) */
      text = g_strdup_printf (_("Signed off on %s: the item no longer changes."),
                              ld_ledger_item_get_signed_off_date (item));
      add_note (self->detail_box, text, "success");
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Problem"));
  ld_record_detail_add_field (group, C_("ledger field", "Registration number"), ld_ledger_item_get_reg_no (item));
  if (*ld_ledger_item_get_source_ref (item) != '\0')
    /* Translators: a source of a problem and its reference (巡察 · 第二轮) */
    source = g_strdup_printf (_("%s · %s"), ld_ledger_item_get_source_label (item),
                              ld_ledger_item_get_source_ref (item));
  else
    source = g_strdup (ld_ledger_item_get_source_label (item));
  ld_record_detail_add_field (group, C_("ledger field", "Source"), source);
  if (ld_ledger_item_get_recommendation_id (item) != 0)
    {
      GtkWidget *button;

      ld_record_detail_add_field (group, C_("ledger field", "Recommendation"),
                                  ld_ledger_item_get_recommendation_reg_no (item));
      button = ld_record_detail_icon_button ("go-next-symbolic", _("Open the Recommendation"), "win.show-record",
                                             g_variant_new ("(sx)", "recommendation",
                                                            ld_ledger_item_get_recommendation_id (item)));
      ld_record_detail_field_add_suffix (group, button, 0);
    }
  ld_record_detail_add_field (group, C_("ledger field", "Problem"), ld_ledger_item_get_problem (item));
  ld_record_detail_add_field (group, C_("ledger field", "Rectification measures"),
                              ld_ledger_item_get_measures (item));
  ld_record_detail_add_field (group, C_("ledger field", "Standard or goal"), ld_ledger_item_get_standard (item));

  group = ld_record_detail_new_group (self->detail_box, _("Responsibility and Deadline"));
  ld_record_detail_add_field (group, C_("ledger field", "Responsible leader"), ld_ledger_item_get_leader (item));
  ld_record_detail_add_field (group, C_("ledger field", "Responsible unit"), ld_ledger_item_get_unit_name (item));
  ld_record_detail_add_field (group, C_("ledger field", "Responsible person"), ld_ledger_item_get_person (item));
  label = ld_record_detail_add_field (group, C_("ledger field", "Deadline"), ld_ledger_item_get_deadline (item));
  if (overdue && label != NULL)
    gtk_widget_add_css_class (label, "error");
  label = ld_record_detail_add_field (group, C_("ledger field", "Status"),
                                     ld_ledger_item_get_display_status_label (item, NULL));
  if (overdue && label != NULL)
    gtk_widget_add_css_class (label, "error");

  group = ld_record_detail_new_group (self->detail_box, _("Progress"));
  if (shown_writable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("list-add-symbolic", _("Add Progress…"),
                                                                     "ledger.add-progress", NULL));
  if (progress == NULL || progress->len == 0)
    ld_record_detail_add_field (group, _("No progress yet"),
                                _("Record each step of the rectification with its date."));
  for (guint i = 0; progress != NULL && i < progress->len; i++)
    {
      LdLedgerProgress *entry = g_ptr_array_index (progress, i);
      g_autofree char *text = NULL;

      /* Translators: a progress entry's note and the account that recorded it */
      text = g_strdup_printf (_("%s — %s"), entry->note != NULL ? entry->note : "",
                              entry->account != NULL ? entry->account : "");
      ld_record_detail_add_field (group, entry->progress_date, text);
    }

  group = ld_record_detail_new_group (self->detail_box, _("Completion, Acceptance and Sign-Off"));
  ld_record_detail_add_field (group, C_("ledger field", "Completion"), ld_ledger_item_get_completion (item));
  ld_record_detail_add_field (group, C_("ledger field", "Completion date"),
                              ld_ledger_item_get_completed_date (item));
  ld_record_detail_add_field (group, C_("ledger field", "Accepted by"), ld_ledger_item_get_accepted_by (item));
  ld_record_detail_add_field (group, C_("ledger field", "Acceptance opinion"), ld_ledger_item_get_acceptance (item));
  ld_record_detail_add_field (group, C_("ledger field", "Sign-off date"),
                              ld_ledger_item_get_signed_off_date (item));
  ld_record_detail_add_field (group, C_("ledger field", "Note"), ld_ledger_item_get_note (item));

  group = ld_record_detail_new_group (self->detail_box, _("Evidence"));
  if (shown_writable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("mail-attachment-symbolic",
                                                                     _("Attach Evidence…"), "ledger.attach", NULL));
  if (self->attachments == NULL || self->attachments->len == 0)
    ld_record_detail_add_field (group, _("No evidence"),
                                _("Attach the documents that prove the rectification (佐证材料)."));
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      LdAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autofree char *size = ld_attachment_format_size (attachment->size);
      g_autofree char *added = ld_format_timestamp (attachment->created_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *button;

      /* Translators: size, date and account of an attachment */
      subtitle = g_strdup_printf (_("%s · added %s by %s"), size, added,
                                  attachment->account != NULL ? attachment->account : "");
      ld_record_detail_add_field (group, attachment->name, subtitle);
      button = ld_record_detail_icon_button ("document-open-symbolic", _("Open"), "ledger.open-attachment",
                                             g_variant_new_int64 (attachment->id));
      ld_record_detail_field_add_suffix (group, button, 0);
      button = ld_record_detail_icon_button ("document-save-as-symbolic", _("Save a Copy…"),
                                             "ledger.save-attachment", g_variant_new_int64 (attachment->id));
      ld_record_detail_field_add_suffix (group, button, 0);
      if (shown_writable (self))
        {
          button = ld_record_detail_icon_button ("user-trash-symbolic", _("Retire the Attachment…"),
                                                 "ledger.retire-attachment", g_variant_new_int64 (attachment->id));
          ld_record_detail_field_add_suffix (group, button, 0);
        }
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DetailResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  GtkWidget *group;

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
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The item could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->item);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  self->attachments = g_steal_pointer (&result->attachments);
  /* The actions first: the detail offers only what is allowed. */
  update_state (self);
  show_detail (self, result->progress);
  group = ld_record_detail_new_group (self->detail_box, _("History"));
  ld_record_detail_add_history (group, result->versions, event_label, FALSE);
  detail_result_free (result);
}

static void
load_detail (LdLedgerPage *self,
             gint64        id)
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
on_selection_changed_cb (LdLedgerPage *self)
{
  LdLedgerItem *item = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = item != NULL ? ld_ledger_item_get_id (item) : 0;

  if (id == 0)
    return;   /* keep the detail while the list reloads */
  if (self->shown != NULL && ld_ledger_item_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_RETIRE,
  CHANGE_RETIRE_ATTACHMENT,
  CHANGE_ATTACH,
  CHANGE_OPEN,
  CHANGE_SAVE_COPY,
  CHANGE_PROGRESS,
  CHANGE_COMPLETE,
  CHANGE_ACCEPT,
  CHANGE_SIGN_OFF,
  CHANGE_STATUS,
} ChangeKind;

typedef struct
{
  ChangeKind      kind;
  gint64          id;
  LdLedgerStatus  status;
  char           *text[2];
} ChangeJob;

typedef struct
{
  LdLedgerPage *self;
  ChangeKind    kind;
  char         *done;
} ChangeContext;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->text[0]);
  g_free (job->text[1]);
  g_free (job);
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;
  gboolean ok;

  switch (job->kind)
    {
    case CHANGE_RETIRE:
      ok = ld_ledger_repository_retire (vault, job->id, job->text[0], error);
      break;
    case CHANGE_RETIRE_ATTACHMENT:
      ok = ld_attachment_repository_retire (vault, job->id, job->text[0], error);
      break;
    case CHANGE_ATTACH:
      /* The file is read here, on the worker; too big a file is refused. */
      ok = ld_attachment_repository_add (vault, "ledger", job->id, job->text[0], NULL, error);
      break;
    case CHANGE_OPEN:
      return ld_attachment_repository_open_temp (vault, job->id, error);
    case CHANGE_SAVE_COPY:
      ok = ld_attachment_repository_save_as (vault, job->id, job->text[0], error);
      break;
    case CHANGE_PROGRESS:
      ok = ld_ledger_repository_add_progress (vault, job->id, job->text[0], job->text[1], NULL, error);
      break;
    case CHANGE_COMPLETE:
      ok = ld_ledger_repository_complete (vault, job->id, job->text[0], job->text[1], error);
      break;
    case CHANGE_ACCEPT:
      ok = ld_ledger_repository_accept (vault, job->id, job->text[0], job->text[1], error);
      break;
    case CHANGE_SIGN_OFF:
      ok = ld_ledger_repository_sign_off (vault, job->id, job->text[0], error);
      break;
    case CHANGE_STATUS:
      ok = ld_ledger_repository_set_status (vault, job->id, job->status, error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? g_strdup ("") : NULL;
}

static void
remove_temp_files_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  GPtrArray *paths = task_data;

  for (guint i = 0; i < paths->len; i++)
    ld_attachment_remove_temp (g_ptr_array_index (paths, i));
}

/* Removes opened attachment files off the main thread (each is
 * overwritten first); takes paths. */
static void
remove_temp_files (GPtrArray *paths)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, paths, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, remove_temp_files_thread);
}

typedef struct
{
  LdLedgerPage *self;
  char         *path;
} LaunchContext;

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LaunchContext *launch = user_data;
  g_autoptr(LdLedgerPage) self = launch->self;
  g_autofree char *path = launch->path;
  g_autoptr(GError) error = NULL;
  GPtrArray *paths;

  g_free (launch);
  if (g_app_info_launch_default_for_uri_finish (result, &error) && self->temp_paths != NULL)
    {
      /* Removed when the page goes away. */
      g_ptr_array_add (self->temp_paths, g_steal_pointer (&path));
      return;
    }

  /* Nothing opened it: no plain copy stays behind. */
  paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (paths, g_steal_pointer (&path));
  remove_temp_files (paths);
  if (!ld_error_is_cancelled (error))
    ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("No application can open this attachment."));
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdLedgerPage) self = context->self;
  g_autofree char *done = context->done;
  ChangeKind kind = context->kind;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  g_free (context);
  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    return;

  self->n_changes--;
  update_state (self);
  if (result == NULL)
    {
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      return;
    }

  if (kind == CHANGE_OPEN)
    {
      g_autofree char *uri = g_filename_to_uri (result, NULL, NULL);
      LaunchContext *launch = g_new0 (LaunchContext, 1);

      launch->self = g_object_ref (self);
      launch->path = g_steal_pointer (&result);
      g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, launch);
      return;
    }

  if (done != NULL)
    ld_page_show_toast (LD_PAGE (self), done);
  if (kind == CHANGE_RETIRE)
    {
      g_clear_object (&self->shown);
      show_detail (self, NULL);
      load_list (self);
    }
  else if (kind != CHANGE_SAVE_COPY && self->shown != NULL)
    {
      load_detail (self, ld_ledger_item_get_id (self->shown));
      load_list (self);
    }
}

static void
run_change (LdLedgerPage   *self,
            ChangeKind      kind,
            gint64          id,
            LdLedgerStatus  status,
            const char     *text0,
            const char     *text1,
            const char     *done)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);
  ChangeContext *context = g_new0 (ChangeContext, 1);

  job->kind = kind;
  job->id = id;
  job->status = status;
  job->text[0] = g_strdup (text0);
  job->text[1] = g_strdup (text1);
  context->self = g_object_ref (self);
  context->kind = kind;
  context->done = g_strdup (done);
  self->n_changes++;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, g_free,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Prompts --------------------------------------------------------------- */

static GtkWindow *
parent_window (LdLedgerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* One entry of a prompt. */
typedef struct
{
  const char *label;
  const char *initial;
  gboolean    required;
} PromptField;

#define MAX_FIELDS 2

typedef struct
{
  LdLedgerPage *self;
  ChangeKind    kind;
  gint64        id;
  char         *done;
  guint         n_fields;
  GtkEditable  *entries[MAX_FIELDS];
  gboolean      required[MAX_FIELDS];
} Prompt;

static void
prompt_free (gpointer  data,
             GClosure *closure)
{
  Prompt *prompt = data;

  g_clear_object (&prompt->self);
  g_free (prompt->done);
  g_free (prompt);
}

static char *
entry_text (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static gboolean
prompt_complete (Prompt *prompt)
{
  for (guint i = 0; i < prompt->n_fields; i++)
    {
      g_autofree char *text = entry_text (prompt->entries[i]);

      if (prompt->required[i] && *text == '\0')
        return FALSE;
    }

  return TRUE;
}

static void
on_prompt_changed_cb (AdwMessageDialog *dialog)
{
  Prompt *prompt = g_object_get_data (G_OBJECT (dialog), "ld-prompt");

  adw_message_dialog_set_response_enabled (dialog, "apply", prompt_complete (prompt));
}

static void
on_prompt_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Prompt           *prompt)
{
  g_autofree char *text0 = NULL;
  g_autofree char *text1 = NULL;

  if (g_strcmp0 (response, "apply") != 0 || !prompt_complete (prompt))
    return;

  if (prompt->n_fields > 0)
    text0 = entry_text (prompt->entries[0]);
  if (prompt->n_fields > 1)
    text1 = entry_text (prompt->entries[1]);
  run_change (prompt->self, prompt->kind, prompt->id, LD_LEDGER_NOT_STARTED, text0, text1, prompt->done);
}

/* Asks for the fields in a message dialog, then makes the change. */
static void
ask (LdLedgerPage      *self,
     ChangeKind         kind,
     gint64             id,
     const char        *heading,
     const char        *body,
     const char        *apply_label,
     gboolean           destructive,
     const PromptField *fields,
     guint              n_fields,
     const char        *done)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  Prompt *prompt;

  g_assert (n_fields > 0 && n_fields <= MAX_FIELDS);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  prompt = g_new0 (Prompt, 1);
  prompt->self = g_object_ref (self);
  prompt->kind = kind;
  prompt->id = id;
  prompt->done = g_strdup (done);
  prompt->n_fields = n_fields;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *label = gtk_label_new (fields[i].label);
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *key = g_strdup_printf ("ld-entry-%u", i);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (box), label);
      gtk_editable_set_text (GTK_EDITABLE (entry), fields[i].initial != NULL ? fields[i].initial : "");
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, fields[i].label, -1);
      gtk_box_append (GTK_BOX (box), entry);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_prompt_changed_cb), dialog, G_CONNECT_SWAPPED);
      prompt->entries[i] = GTK_EDITABLE (entry);
      prompt->required[i] = fields[i].required;
      g_object_set_data (G_OBJECT (dialog), key, entry);
    }
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "ld-prompt", prompt);
  adw_message_dialog_set_response_enabled (dialog, "apply", prompt_complete (prompt));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_prompt_response_cb), prompt, prompt_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  /* The first field still to fill takes the focus. */
  for (guint i = 0; i < n_fields; i++)
    if (i + 1 == n_fields || *gtk_editable_get_text (prompt->entries[i]) == '\0')
      {
        gtk_widget_grab_focus (GTK_WIDGET (prompt->entries[i]));
        break;
      }
}

/* --- Actions --------------------------------------------------------------- */

static void
on_item_saved_cb (LdLedgerPage *self,
                  gint64        id)
{
  ld_page_show_toast (LD_PAGE (self), _("Ledger item saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
open_dialog (LdLedgerPage *self,
             LdLedgerItem *item)
{
  LdLedgerItemDialog *dialog = ld_ledger_item_dialog_new (ld_page_get_vault (LD_PAGE (self)), item);

  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_item_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  if (can_write (self))
    open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  if (shown_writable (self))
    open_dialog (self, self->shown);
}

static void
add_progress_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  g_autofree char *today = today_text ();
  g_autofree char *body = NULL;
  PromptField fields[] = {
    { _("Date (YYYY-MM-DD)"), today, TRUE },
    { _("What was done (required)"), NULL, TRUE },
  };

  if (!shown_writable (self))
    return;

  /* Translators: %s is a ledger item's registration number */
  body = g_strdup_printf (_("A progress entry (阶段进度) of item %s. An item not started moves to in progress."),
                          ld_ledger_item_get_reg_no (self->shown));
  ask (self, CHANGE_PROGRESS, ld_ledger_item_get_id (self->shown), _("Add Progress"), body, _("_Add"), FALSE,
       fields, G_N_ELEMENTS (fields), _("Progress recorded"));
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  g_autofree char *today = today_text ();
  PromptField fields[] = {
    { _("Completion date (YYYY-MM-DD)"), today, TRUE },
    { _("Completion (完成情况, required)"), NULL, TRUE },
  };

  if (!shown_can_move (self, LD_LEDGER_DONE))
    return;

  ask (self, CHANGE_COMPLETE, ld_ledger_item_get_id (self->shown), _("Complete the Item?"),
       _("Record how the problem was rectified. The item is then done and waits for acceptance."),
       _("_Complete"), FALSE, fields, G_N_ELEMENTS (fields), _("Item completed"));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  PromptField fields[] = {
    { _("Accepted by (验收人, required)"), NULL, TRUE },
    { _("Acceptance opinion (验收意见)"), NULL, FALSE },
  };

  if (!shown_writable (self) || ld_ledger_item_get_status (self->shown) != LD_LEDGER_DONE)
    return;

  ask (self, CHANGE_ACCEPT, ld_ledger_item_get_id (self->shown), _("Record the Acceptance"),
       _("Who checked the rectification, and what they found. A leader can then sign the item off."),
       _("_Record"), FALSE, fields, G_N_ELEMENTS (fields), _("Acceptance recorded"));
}

static void
sign_off_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  g_autofree char *today = today_text ();
  g_autofree char *body = NULL;
  PromptField fields[] = {
    { _("Sign-off date (YYYY-MM-DD)"), today, TRUE },
  };

  if (!shown_can_sign_off (self))
    return;

  /* Translators: %s is a ledger item's registration number; 销号 */
  body = g_strdup_printf (_("Item %s is signed off (销号) and no longer changes. This cannot be undone."),
                          ld_ledger_item_get_reg_no (self->shown));
  ask (self, CHANGE_SIGN_OFF, ld_ledger_item_get_id (self->shown), _("Sign the Item Off?"), body,
       _("_Sign Off"), FALSE, fields, G_N_ELEMENTS (fields), _("Item signed off"));
}

static void
mark_in_progress_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  if (shown_can_move (self, LD_LEDGER_IN_PROGRESS))
    run_change (self, CHANGE_STATUS, ld_ledger_item_get_id (self->shown), LD_LEDGER_IN_PROGRESS, NULL, NULL,
                _("Item in progress"));
}

static void
mark_ongoing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  if (shown_can_move (self, LD_LEDGER_ONGOING))
    run_change (self, CHANGE_STATUS, ld_ledger_item_get_id (self->shown), LD_LEDGER_ONGOING, NULL, NULL,
                _("Item kept as a long-term task"));
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  g_autofree char *body = NULL;
  PromptField fields[] = {
    { _("Reason (required)"), NULL, TRUE },
  };

  if (!shown_writable (self))
    return;

  /* Translators: %s is a ledger item's registration number */
  body = g_strdup_printf (_("Item %s leaves the ledger but stays in the vault with its history. Give the reason."),
                          ld_ledger_item_get_reg_no (self->shown));
  ask (self, CHANGE_RETIRE, ld_ledger_item_get_id (self->shown), _("Retire the Item?"), body, _("_Retire"), TRUE,
       fields, G_N_ELEMENTS (fields), _("Item retired"));
}

typedef struct
{
  LdLedgerPage *self;
  ChangeKind    kind;
  gint64        id;
} ChooserRequest;

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ChooserRequest  *request)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    run_change (request->self, request->kind, request->id, LD_LEDGER_NOT_STARTED, path, NULL,
                request->kind == CHANGE_ATTACH ? _("Evidence attached") : _("Copy saved"));

  g_object_unref (request->self);
  g_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_chooser (LdLedgerPage         *self,
             ChangeKind            kind,
             gint64                id,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *current_name)
{
  GtkFileChooserNative *chooser;
  ChooserRequest *request = g_new0 (ChooserRequest, 1);

  chooser = gtk_file_chooser_native_new (title, parent_window (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  request->self = g_object_ref (self);
  request->kind = kind;
  request->id = id;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  if (shown_writable (self))
    run_chooser (self, CHANGE_ATTACH, ld_ledger_item_get_id (self->shown), _("Attach Evidence"),
                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
}

static LdAttachment *
find_attachment (LdLedgerPage *self,
                 gint64        id)
{
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      LdAttachment *attachment = g_ptr_array_index (self->attachments, i);

      if (attachment->id == id)
        return attachment;
    }

  return NULL;
}

static void
open_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  run_change (LD_LEDGER_PAGE (widget), CHANGE_OPEN, g_variant_get_int64 (param), LD_LEDGER_NOT_STARTED,
              NULL, NULL, NULL);
}

static void
save_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));

  if (attachment != NULL)
    run_chooser (self, CHANGE_SAVE_COPY, attachment->id, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 _("_Save"), attachment->name);
}

static void
retire_attachment_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));
  g_autofree char *body = NULL;
  PromptField fields[] = {
    { _("Reason (required)"), NULL, TRUE },
  };

  if (attachment == NULL || !shown_writable (self))
    return;

  /* Translators: %s is an attachment's file name */
  body = g_strdup_printf (_("“%s” leaves the item but stays in the vault and its history. Give the reason."),
                          attachment->name);
  ask (self, CHANGE_RETIRE_ATTACHMENT, attachment->id, _("Retire the Attachment?"), body, _("_Retire"), TRUE,
       fields, G_N_ELEMENTS (fields), _("Attachment retired"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LD_LEDGER_PAGE (widget)->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->source_dropdown, 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the rectification ledger of the unit
 * the filter shows. The dialog asks for the purpose and the file, or says
 * why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdLedgerPage *self = LD_LEDGER_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_LEDGER);

  request->unit_id = ld_unit_picker_get_selected_id (self->unit_picker);
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
ld_ledger_page_refresh (LdPage *page)
{
  LdLedgerPage *self = LD_LEDGER_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);

  if (!self->units_loaded)
    ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_ledger_item_get_id (self->shown));
}

static void
ld_ledger_page_constructed (GObject *object)
{
  LdLedgerPage *self = (LdLedgerPage *)object;
  GtkSortListModel *sorted;

  G_OBJECT_CLASS (ld_ledger_page_parent_class)->constructed (object);

  fill_static_filters (self);
  setup_columns (self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (sorted));
  g_object_unref (sorted);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_ledger_page_dispose (GObject *object)
{
  LdLedgerPage *self = (LdLedgerPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_LEDGER_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);
  if (self->temp_paths != NULL && self->temp_paths->len > 0)
    remove_temp_files (g_steal_pointer (&self->temp_paths));

  G_OBJECT_CLASS (ld_ledger_page_parent_class)->dispose (object);
}

static void
ld_ledger_page_finalize (GObject *object)
{
  LdLedgerPage *self = (LdLedgerPage *)object;

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->temp_paths, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_ledger_page_parent_class)->finalize (object);
}

static void
ld_ledger_page_class_init (LdLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_ledger_page_constructed;
  object_class->dispose = ld_ledger_page_dispose;
  object_class->finalize = ld_ledger_page_finalize;
  page_class->refresh = ld_ledger_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, source_list);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdLedgerPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "ledger.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "ledger.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "ledger.add-progress", NULL, add_progress_action);
  gtk_widget_class_install_action (widget_class, "ledger.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "ledger.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "ledger.sign-off", NULL, sign_off_action);
  gtk_widget_class_install_action (widget_class, "ledger.mark-in-progress", NULL, mark_in_progress_action);
  gtk_widget_class_install_action (widget_class, "ledger.mark-ongoing", NULL, mark_ongoing_action);
  gtk_widget_class_install_action (widget_class, "ledger.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "ledger.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "ledger.open-attachment", "x", open_attachment_action);
  gtk_widget_class_install_action (widget_class, "ledger.save-attachment", "x", save_attachment_action);
  gtk_widget_class_install_action (widget_class, "ledger.retire-attachment", "x", retire_attachment_action);
  gtk_widget_class_install_action (widget_class, "ledger.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "ledger.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "ledger.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "ledger.export", NULL, export_action);
}

static void
ld_ledger_page_init (LdLedgerPage *self)
{
  self->store = g_list_store_new (LD_TYPE_LEDGER_ITEM);
  self->temp_paths = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export", FALSE);
#endif
}

LdLedgerPage *
ld_ledger_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_LEDGER_PAGE,
                       "vault", vault,
                       /* Translators: the page of the rectification ledger, 整改台账 */
                       "title", _("Rectification Ledger"),
                       "icon-name", "view-list-bullet-symbolic",
                       NULL);
}

void
ld_ledger_page_show_record (LdLedgerPage *self,
                            gint64        id)
{
  g_return_if_fail (LD_IS_LEDGER_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_ledger_page_get_model (LdLedgerPage *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_ledger_page_get_loading (LdLedgerPage *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || self->n_changes > 0 || !self->list_loaded;
}

gint64
ld_ledger_page_get_shown_id (LdLedgerPage *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_PAGE (self), 0);

  return self->shown != NULL ? ld_ledger_item_get_id (self->shown) : 0;
}

void
ld_ledger_page_set_search (LdLedgerPage *self,
                           const char   *text)
{
  g_return_if_fail (LD_IS_LEDGER_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  load_list (self);
}

gboolean
ld_ledger_page_set_status_filter (LdLedgerPage *self,
                                  const char   *status)
{
  g_return_val_if_fail (LD_IS_LEDGER_PAGE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_codes); i++)
    if (g_strcmp0 (status_codes[i], status) == 0)
      {
        if (gtk_drop_down_get_selected (self->status_dropdown) == i)
          load_list (self);
        else
          gtk_drop_down_set_selected (self->status_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

void
ld_ledger_page_attach_file (LdLedgerPage *self,
                            const char   *path)
{
  g_return_if_fail (LD_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);

  if (shown_writable (self))
    run_change (self, CHANGE_ATTACH, ld_ledger_item_get_id (self->shown), LD_LEDGER_NOT_STARTED, path, NULL,
                _("Evidence attached"));
}
