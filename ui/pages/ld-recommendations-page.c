/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-recommendations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-recommendations-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-recommendation-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-ledger-rules.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

struct _LdRecommendationsPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  GtkDropDown         *kind_dropdown;
  GtkStringList       *kind_list;
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
  GtkWidget           *issue_button;
  GtkWidget           *deliver_button;
  GtkWidget           *reply_button;
  GtkWidget           *rectify_button;
  GtkWidget           *verify_button;
  GtkWidget           *close_button;
  GtkWidget           *escalate_button;

  /* Owned References */
  GListStore          *store;
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdRecommendation    *shown;
  GPtrArray           *status_codes;     /* const char * per status_list row (NULL = any) */

  gint64               pending_id;
  guint                total;
  guint                n_changes;
  guint                n_items;          /* ledger items of shown */
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdRecommendationsPage, ld_recommendations_page, LD_TYPE_PAGE)

static void load_list   (LdRecommendationsPage *self);
static void load_detail (LdRecommendationsPage *self,
                         gint64                 id);

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The lifecycle moves offered in the detail pane (DOMAIN.md §10.2). */
typedef struct
{
  const char             *action;
  LdRecommendationStatus  to;
  gsize                   button_offset;
  const char             *heading;
  const char             *body;
  const char             *apply;
  const char             *done;
} MoveInfo;

static const MoveInfo moves[] = {
  { "recommendations.issue", LD_RECOMMENDATION_ISSUED,
    G_STRUCT_OFFSET (LdRecommendationsPage, issue_button),
    N_("Issue the Recommendation?"),
    N_("Issued recommendations are numbered and sent. The reply is due 30 days after delivery unless a date is set."),
    N_("_Issue"), N_("Recommendation issued") },
  { "recommendations.deliver", LD_RECOMMENDATION_DELIVERED,
    G_STRUCT_OFFSET (LdRecommendationsPage, deliver_button),
    N_("Record the Delivery"),
    N_("The date the addressed unit received the recommendation. The reply is due 30 days later unless a date is set."),
    N_("_Record"), N_("Delivery recorded") },
  { "recommendations.reply", LD_RECOMMENDATION_REPLIED,
    G_STRUCT_OFFSET (LdRecommendationsPage, reply_button),
    N_("Record the Reply"),
    N_("The addressed unit’s written reply on how it will rectify."),
    N_("_Record"), N_("Reply recorded") },
  { "recommendations.rectify", LD_RECOMMENDATION_RECTIFYING,
    G_STRUCT_OFFSET (LdRecommendationsPage, rectify_button),
    N_("Mark the Rectification Under Way?"),
    N_("The addressed unit is rectifying; follow its ledger items."),
    N_("_Mark"), N_("Rectification under way") },
  { "recommendations.verify", LD_RECOMMENDATION_VERIFIED,
    G_STRUCT_OFFSET (LdRecommendationsPage, verify_button),
    N_("Record the Verification"),
    N_("The rectification was checked and found real (no “paper rectification”)."),
    N_("_Record"), N_("Verification recorded") },
  { "recommendations.close", LD_RECOMMENDATION_CLOSED,
    G_STRUCT_OFFSET (LdRecommendationsPage, close_button),
    N_("Close the Recommendation?"),
    N_("Closing (销账) needs every ledger item of the recommendation signed off or kept as a long-term task."),
    N_("C_lose"), N_("Recommendation closed") },
  { "recommendations.escalate", LD_RECOMMENDATION_ESCALATED,
    G_STRUCT_OFFSET (LdRecommendationsPage, escalate_button),
    N_("Escalate for Accountability?"),
    N_("The recommendation was refused or ignored without good reason: escalate it for accountability."),
    N_("_Escalate"), N_("Recommendation escalated") },
};

static const char *event_kinds[] = { "revisit", "lookback", "onsite", "note" };

/* --- Columns --------------------------------------------------------------- */

typedef struct
{
  const char *property;
  const char *title;
  int         width;
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  /* Translators: 编号 */
  { "reg-no", NC_("recommendation column", "Number"), 92, FALSE },
  /* Translators: 种类 */
  { "kind-label", NC_("recommendation column", "Kind"), 110, FALSE },
  /* Translators: 标题 */
  { "title", NC_("recommendation column", "Title"), 180, TRUE },
  /* Translators: 主送单位 */
  { "unit-name", NC_("recommendation column", "Addressed To"), 110, TRUE },
  /* Translators: 状态 */
  { "status-label", NC_("recommendation column", "Status"), 84, FALSE },
  /* Translators: 回复期限 */
  { "reply-due", NC_("recommendation column", "Reply Due"), 92, FALSE },
  /* Translators: 下次回访 */
  { "next-visit-date", NC_("recommendation column", "Next Visit"), 92, FALSE },
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
  gtk_widget_set_tooltip_text (inscription, text != NULL && *text != '\0' ? text : NULL);
}

/* The status and the reply due show the overdue reply in red. */
static void
overdue_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 const ColumnInfo         *info)
{
  LdRecommendation *recommendation = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);

  text_bind_cb (factory, list_item, info);
  if (ld_recommendation_is_reply_overdue (recommendation, NULL))
    {
      gtk_widget_add_css_class (inscription, "error");
      if (g_str_equal (info->property, "status-label"))
        {
          g_autofree char *text = NULL;

          /* Translators: a recommendation's status and 回复逾期 */
          text = g_strdup_printf (_("%s · reply overdue"), ld_recommendation_get_status_label (recommendation));
          gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
          gtk_widget_set_tooltip_text (inscription, text);
        }
    }
  else
    gtk_widget_remove_css_class (inscription, "error");
}

static void
setup_columns (LdRecommendationsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkStringSorter) sorter = NULL;
      gboolean marked = g_str_equal (columns[i].property, "status-label")
                        || g_str_equal (columns[i].property, "reply-due");

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", marked ? G_CALLBACK (overdue_bind_cb) : G_CALLBACK (text_bind_cb),
                        (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "recommendation column",
                                                         columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      sorter = gtk_string_sorter_new (gtk_property_expression_new (LD_TYPE_RECOMMENDATION, NULL,
                                                                   columns[i].property));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
session_allows (LdRecommendationsPage *self,
                LdAction               action)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, action);
}

static gboolean
can_write (LdRecommendationsPage *self)
{
  return session_allows (self, LD_ACTION_RECORD_WRITE);
}

static gboolean
shown_active (LdRecommendationsPage *self)
{
  return self->shown != NULL && ld_recommendation_get_retired_at (self->shown) == 0;
}

/* Whether the shown recommendation may change (active, not closed). */
static gboolean
shown_writable (LdRecommendationsPage *self)
{
  return shown_active (self) && can_write (self)
         && ld_recommendation_get_status (self->shown) != LD_RECOMMENDATION_CLOSED;
}

/* Whether the rules let the shown recommendation move to TO. */
static gboolean
shown_may_move (LdRecommendationsPage  *self,
                LdRecommendationStatus  to)
{
  return shown_active (self) && ld_recommendation_can_move (ld_recommendation_get_status (self->shown), to);
}

/* Whether the session may make that move: issuing is for leaders. */
static gboolean
shown_can_move (LdRecommendationsPage  *self,
                LdRecommendationStatus  to)
{
  if (!shown_may_move (self, to))
    return FALSE;

  return session_allows (self, to == LD_RECOMMENDATION_ISSUED ? LD_ACTION_RECORD_APPROVE : LD_ACTION_RECORD_WRITE);
}

/* Follow-up and spawning need an issued, open recommendation. */
static gboolean
shown_followable (LdRecommendationsPage *self)
{
  return shown_writable (self) && ld_recommendation_get_status (self->shown) != LD_RECOMMENDATION_DRAFT;
}

static gboolean
is_filtered (LdRecommendationsPage *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) != 0
         || gtk_drop_down_get_selected (self->kind_dropdown) != 0
         || ld_unit_picker_get_selected_id (self->unit_picker) > 0
         || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
update_state (LdRecommendationsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading || self->n_changes > 0;
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->content_stack,
                                          self->total > 0 || is_filtered (self) ? "no-results" : "empty");
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recommendation", "%u recommendations", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.new", can_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.edit", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.retire", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.add-event", shown_followable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.spawn", shown_followable (self));

  /* The row of moves shows the next ones the rules allow; a move the
   * account may not make (issuing, for an investigator) stays visible
   * but insensitive. */
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      GtkWidget *button = *(GtkWidget **) (gpointer) ((guint8 *) self + moves[i].button_offset);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), moves[i].action, shown_can_move (self, moves[i].to));
      if (button != NULL)
        gtk_widget_set_visible (button, shown_may_move (self, moves[i].to));
    }
}

/* --- Context --------------------------------------------------------------- */

static void
fill_static_filters (LdRecommendationsPage *self)
{
  const char * const *kinds = ld_recommendation_kinds ();

  self->filling = TRUE;
  gtk_string_list_append (self->status_list, _("All statuses"));
  g_ptr_array_add (self->status_codes, NULL);
  for (int s = LD_RECOMMENDATION_DRAFT; s < LD_N_RECOMMENDATION_STATUSES; s++)
    {
      gtk_string_list_append (self->status_list, ld_recommendation_status_get_label ((LdRecommendationStatus) s));
      g_ptr_array_add (self->status_codes, (gpointer) ld_recommendation_status_to_string ((LdRecommendationStatus) s));
    }
  /* Translators: a status filter: recommendations whose reply is late (回复逾期) */
  gtk_string_list_append (self->status_list, _("Reply overdue"));
  g_ptr_array_add (self->status_codes, (gpointer) "reply-overdue");

  gtk_string_list_append (self->kind_list, _("All kinds"));
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (self->kind_list, ld_recommendation_kind_get_label (kinds[i]));
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
  g_autoptr(LdRecommendationsPage) self = user_data;
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
  char   *kind;
  gint64  unit_id;
  char   *text;
} ListJob;

typedef struct
{
  GPtrArray *recommendations;
  guint      total;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->status);
  g_free (job->kind);
  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->recommendations, g_ptr_array_unref);
  g_free (result);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdRecommendationFilter filter;
  ListResult *result = g_new0 (ListResult, 1);

  ld_recommendation_filter_init (&filter);
  filter.status = job->status;
  filter.kind = job->kind;
  filter.unit_id = job->unit_id;
  filter.text = job->text;

  result->recommendations = ld_recommendation_repository_list (vault, &filter, error);
  if (result->recommendations == NULL)
    {
      list_result_free (result);
      return NULL;
    }
  result->total = result->recommendations->len;
  if (result->recommendations->len == 0)
    {
      LdRecommendationFilter all;

      ld_recommendation_filter_init (&all);
      if (!ld_recommendation_repository_count (vault, &all, &result->total, NULL))
        result->total = 0;
    }

  return result;
}

static void
select_id (LdRecommendationsPage *self,
           gint64                 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdRecommendation) recommendation = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_recommendation_get_id (recommendation) == id)
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
  g_autoptr(LdRecommendationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_recommendation_get_id (self->shown) : 0;

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
                       result->recommendations->pdata, result->recommendations->len);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdRecommendationsPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint status_pos = gtk_drop_down_get_selected (self->status_dropdown);
  guint kind_pos = gtk_drop_down_get_selected (self->kind_dropdown);
  const char * const *kinds = ld_recommendation_kinds ();
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  if (status_pos < self->status_codes->len)
    job->status = g_strdup (g_ptr_array_index (self->status_codes, status_pos));
  if (kind_pos >= 1 && kind_pos - 1 < g_strv_length ((char **) kinds))
    job->kind = g_strdup (kinds[kind_pos - 1]);
  job->unit_id = unit_id > 0 ? unit_id : 0;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdRecommendationsPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdRecommendation *recommendation;
  GPtrArray        *events;
  GPtrArray        *items;
  GPtrArray        *versions;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->recommendation);
  g_clear_pointer (&result->events, g_ptr_array_unref);
  g_clear_pointer (&result->items, g_ptr_array_unref);
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
  LdLedgerFilter filter;

  ld_ledger_filter_init (&filter);
  filter.recommendation_id = id;
  if ((result->recommendation = ld_recommendation_repository_get (vault, id, error)) == NULL
      || (result->events = ld_recommendation_repository_list_events (vault, id, error)) == NULL
      || (result->items = ld_ledger_repository_list (vault, &filter, error)) == NULL
      || (result->versions = ld_recommendation_repository_versions (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_CREATED) == 0)
    return C_("history", "Recommendation drafted");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_UPDATED) == 0)
    return C_("history", "Recommendation changed");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_RETIRED) == 0)
    return C_("history", "Recommendation retired");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_ISSUED) == 0)
    return C_("history", "Issued");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_DELIVERED) == 0)
    return C_("history", "Delivered");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_REPLIED) == 0)
    return C_("history", "Reply recorded");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_RECTIFYING) == 0)
    return C_("history", "Rectification under way");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_VERIFIED) == 0)
    return C_("history", "Verified");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_CLOSED) == 0)
    return C_("history", "Closed");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_ESCALATED) == 0)
    return C_("history", "Escalated");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_EVENT) == 0)
    return C_("history", "Follow-up recorded");
  if (g_strcmp0 (event, LD_AUDIT_RECOMMENDATION_SPAWNED) == 0)
    return C_("history", "Ledger items spawned");

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
show_detail (LdRecommendationsPage *self,
             DetailResult          *result)
{
  LdRecommendation *recommendation = self->shown;
  GtkWidget *group;
  GtkWidget *label;
  g_autofree char *title = NULL;
  gboolean overdue;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  if (recommendation == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  overdue = ld_recommendation_is_reply_overdue (recommendation, NULL);
  /* Translators: the detail pane's title: registration number and status */
  title = g_strdup_printf (_("%s · %s"), ld_recommendation_get_reg_no (recommendation),
                           ld_recommendation_get_status_label (recommendation));
  gtk_label_set_label (self->detail_title, title);

  if (ld_recommendation_get_retired_at (recommendation) != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reason a record was retired */
      text = g_strdup_printf (_("Retired: %s"), ld_recommendation_get_retired_reason (recommendation));
      add_note (self->detail_box, text, "warning");
    }
  else if (overdue)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the reply due date (回复期限) that passed */
      text = g_strdup_printf (_("Reply overdue: it was due on %s."), ld_recommendation_get_reply_due (recommendation));
      add_note (self->detail_box, text, "error");
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Recommendation"));
  ld_record_detail_add_field (group, C_("recommendation field", "Registration number"),
                              ld_recommendation_get_reg_no (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Kind"),
                              ld_recommendation_get_kind_label (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Document number"),
                              ld_recommendation_get_doc_no (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Title"), ld_recommendation_get_title (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Addressed to"),
                              ld_recommendation_get_unit_name (recommendation));
  label = ld_record_detail_add_field (group, C_("recommendation field", "Status"),
                                     ld_recommendation_get_status_label (recommendation));
  if (overdue && label != NULL)
    gtk_widget_add_css_class (label, "error");

  group = ld_record_detail_new_group (self->detail_box, _("Content"));
  ld_record_detail_add_field (group, C_("recommendation field", "Problem"),
                              ld_recommendation_get_problem (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Facts and basis"),
                              ld_recommendation_get_basis (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Recommendations"),
                              ld_recommendation_get_content (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Reply"), ld_recommendation_get_reply (recommendation));

  group = ld_record_detail_new_group (self->detail_box, _("Lifecycle"));
  ld_record_detail_add_field (group, C_("recommendation field", "Issued"),
                              ld_recommendation_get_issued_date (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Delivered"),
                              ld_recommendation_get_delivered_date (recommendation));
  label = ld_record_detail_add_field (group, C_("recommendation field", "Reply due"),
                                     ld_recommendation_get_reply_due (recommendation));
  if (overdue && label != NULL)
    gtk_widget_add_css_class (label, "error");
  ld_record_detail_add_field (group, C_("recommendation field", "Replied"),
                              ld_recommendation_get_replied_date (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Verified"),
                              ld_recommendation_get_verified_date (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Closed"),
                              ld_recommendation_get_closed_date (recommendation));
  ld_record_detail_add_field (group, C_("recommendation field", "Next visit"),
                              ld_recommendation_get_next_visit_date (recommendation));

  group = ld_record_detail_new_group (self->detail_box, _("Ledger Items"));
  if (shown_followable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("list-add-symbolic", _("Spawn Ledger Items…"),
                                                                     "recommendations.spawn", NULL));
  if (result == NULL || result->items->len == 0)
    ld_record_detail_add_field (group, _("No ledger items"),
                                _("Spawn one ledger item per problem to follow its rectification."));
  for (guint i = 0; result != NULL && i < result->items->len; i++)
    {
      LdLedgerItem *item = g_ptr_array_index (result->items, i);
      g_autofree char *text = NULL;
      GtkWidget *button;

      /* Translators: a ledger item's status and problem */
      text = g_strdup_printf (_("%s · %s"), ld_ledger_item_get_display_status_label (item, NULL),
                              ld_ledger_item_get_problem (item));
      label = ld_record_detail_add_field (group, ld_ledger_item_get_reg_no (item), text);
      if (ld_ledger_item_is_overdue (item, NULL) && label != NULL)
        gtk_widget_add_css_class (label, "error");
      button = ld_record_detail_icon_button ("go-next-symbolic", _("Open the Ledger Item"), "win.show-record",
                                             g_variant_new ("(sx)", "ledger", ld_ledger_item_get_id (item)));
      ld_record_detail_field_add_suffix (group, button, 0);
    }

  group = ld_record_detail_new_group (self->detail_box, _("Events"));
  if (shown_followable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("list-add-symbolic", _("Add Event…"),
                                                                     "recommendations.add-event", NULL));
  if (result == NULL || result->events->len == 0)
    ld_record_detail_add_field (group, _("No events"), _("Moves, return visits and look-back checks show here."));
  for (guint i = 0; result != NULL && i < result->events->len; i++)
    {
      LdRecommendationEvent *event = g_ptr_array_index (result->events, i);
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;

      /* Translators: an event's date and kind (回访, 回头看 …) */
      key = g_strdup_printf (_("%s %s"), event->event_date, event->kind_label != NULL ? event->kind_label : "");
      /* Translators: an event's note and the account that recorded it */
      text = g_strdup_printf (_("%s — %s"), event->note != NULL && *event->note != '\0' ? event->note : "—",
                              event->account != NULL ? event->account : "");
      ld_record_detail_add_field (group, key, text);
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdRecommendationsPage) self = user_data;
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
      self->n_items = 0;
      show_detail (self, NULL);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The recommendation could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->recommendation);
  self->n_items = result->items->len;
  update_state (self);
  show_detail (self, result);
  group = ld_record_detail_new_group (self->detail_box, _("History"));
  ld_record_detail_add_history (group, result->versions, event_label, FALSE);
  detail_result_free (result);
}

static void
load_detail (LdRecommendationsPage *self,
             gint64                 id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (id == 0)
    {
      self->detail_loading = FALSE;
      g_clear_object (&self->shown);
      self->n_items = 0;
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
on_selection_changed_cb (LdRecommendationsPage *self)
{
  LdRecommendation *recommendation = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = recommendation != NULL ? ld_recommendation_get_id (recommendation) : 0;

  if (id == 0)
    return;
  if (self->shown != NULL && ld_recommendation_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_MOVE,
  CHANGE_EVENT,
  CHANGE_SPAWN,
  CHANGE_RETIRE,
} ChangeKind;

#define N_TEXTS 4

typedef struct
{
  ChangeKind              kind;
  gint64                  id;
  LdRecommendationStatus  status;
  char                   *text[N_TEXTS];
  GPtrArray              *specs;      /* LdLedgerItemSpec * for a spawn */
} ChangeJob;

typedef struct
{
  LdRecommendationsPage *self;
  ChangeKind             kind;
  char                  *done;
} ChangeContext;

static void
spec_free (gpointer data)
{
  LdLedgerItemSpec *spec = data;

  ld_ledger_item_spec_clear (spec);
  g_free (spec);
}

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (job->text[i]);
  g_clear_pointer (&job->specs, g_ptr_array_unref);
  g_free (job);
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
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
    case CHANGE_MOVE:
      /* text: date, note, reply, due */
      ok = ld_recommendation_repository_move (vault, job->id, job->status, job->text[0],
                                              empty_to_null (job->text[1]), empty_to_null (job->text[2]),
                                              empty_to_null (job->text[3]), error);
      break;
    case CHANGE_EVENT:
      /* text: kind, date, note, next visit ("" clears it) */
      ok = ld_recommendation_repository_add_event (vault, job->id, job->text[0], job->text[1],
                                                   empty_to_null (job->text[2]),
                                                   job->text[3] != NULL ? job->text[3] : "", error);
      break;
    case CHANGE_SPAWN:
      ok = ld_recommendation_repository_spawn_ledger_items (vault, job->id, job->specs, NULL, error);
      break;
    case CHANGE_RETIRE:
      ok = ld_recommendation_repository_retire (vault, job->id, job->text[0], error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? g_strdup ("") : NULL;
}

static GtkWindow *
parent_window (LdRecommendationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A refused move says why in full (the open items, say): a message
 * dialog, not a toast that fades. */
static void
show_refusal (LdRecommendationsPage *self,
              const char            *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("The Move Was Refused"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdRecommendationsPage) self = context->self;
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
      const char *message = error != NULL ? error->message : _("The change could not be made.");

      if (kind == CHANGE_MOVE)
        show_refusal (self, message);
      else
        ld_page_show_toast (LD_PAGE (self), message);
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
    load_detail (self, ld_recommendation_get_id (self->shown));
  load_list (self);
}

static void
run_change (LdRecommendationsPage  *self,
            ChangeJob              *job,
            const char             *done)
{
  ChangeContext *context = g_new0 (ChangeContext, 1);

  context->self = g_object_ref (self);
  context->kind = job->kind;
  context->done = g_strdup (done);
  self->n_changes++;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, g_free,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Prompts --------------------------------------------------------------- */

typedef struct
{
  const char *label;
  const char *initial;
  gboolean    required;
  int         slot;       /* the job text it fills */
} PromptField;

typedef struct
{
  LdRecommendationsPage  *self;
  ChangeKind              kind;
  gint64                  id;
  LdRecommendationStatus  status;
  char                   *done;
  guint                   n_fields;
  GtkEditable            *entries[N_TEXTS];
  gboolean                required[N_TEXTS];
  int                     slots[N_TEXTS];
  GtkDropDown            *kind_dropdown;   /* an event's kind, or NULL */
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
  ChangeJob *job;

  if (g_strcmp0 (response, "apply") != 0 || !prompt_complete (prompt))
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = prompt->kind;
  job->id = prompt->id;
  job->status = prompt->status;
  for (guint i = 0; i < prompt->n_fields; i++)
    {
      g_free (job->text[prompt->slots[i]]);
      job->text[prompt->slots[i]] = entry_text (prompt->entries[i]);
    }
  if (prompt->kind_dropdown != NULL)
    {
      guint pos = gtk_drop_down_get_selected (prompt->kind_dropdown);

      g_free (job->text[0]);
      job->text[0] = g_strdup (event_kinds[pos < G_N_ELEMENTS (event_kinds) ? pos : 0]);
    }
  run_change (prompt->self, job, prompt->done);
}

static GtkWidget *
add_labelled (GtkBox     *box,
              const char *title,
              GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (box, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (box, widget);

  return widget;
}

/* Asks for the fields in a message dialog, then makes the change. */
static void
ask (LdRecommendationsPage  *self,
     ChangeKind              kind,
     LdRecommendationStatus  status,
     const char             *heading,
     const char             *body,
     const char             *apply_label,
     gboolean                destructive,
     gboolean                with_event_kind,
     const PromptField      *fields,
     guint                   n_fields,
     const char             *done)
{
  AdwMessageDialog *dialog;
  GtkWidget *box;
  Prompt *prompt;

  g_assert (n_fields > 0 && n_fields <= N_TEXTS);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  prompt = g_new0 (Prompt, 1);
  prompt->self = g_object_ref (self);
  prompt->kind = kind;
  prompt->id = ld_recommendation_get_id (self->shown);
  prompt->status = status;
  prompt->done = g_strdup (done);
  prompt->n_fields = n_fields;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (with_event_kind)
    {
      GtkStringList *kinds = gtk_string_list_new (NULL);
      GtkWidget *dropdown;

      for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
        gtk_string_list_append (kinds, ld_recommendation_event_get_label (event_kinds[i]));
      dropdown = gtk_drop_down_new (G_LIST_MODEL (kinds), NULL);
      add_labelled (GTK_BOX (box), _("Kind"), dropdown);
      prompt->kind_dropdown = GTK_DROP_DOWN (dropdown);
      g_object_set_data (G_OBJECT (dialog), "ld-kind", dropdown);
    }
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *key = g_strdup_printf ("ld-entry-%u", i);

      gtk_editable_set_text (GTK_EDITABLE (entry), fields[i].initial != NULL ? fields[i].initial : "");
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      add_labelled (GTK_BOX (box), fields[i].label, entry);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_prompt_changed_cb), dialog, G_CONNECT_SWAPPED);
      prompt->entries[i] = GTK_EDITABLE (entry);
      prompt->required[i] = fields[i].required;
      prompt->slots[i] = fields[i].slot;
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
on_saved_cb (LdRecommendationsPage *self,
             gint64                 id)
{
  ld_page_show_toast (LD_PAGE (self), _("Recommendation saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
open_dialog (LdRecommendationsPage *self,
             LdRecommendation      *recommendation)
{
  LdRecommendationDialog *dialog = ld_recommendation_dialog_new (ld_page_get_vault (LD_PAGE (self)), recommendation);

  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);

  if (can_write (self))
    open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);

  if (shown_writable (self))
    open_dialog (self, self->shown);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);
  g_autofree char *today = today_text ();
  const MoveInfo *move = NULL;
  PromptField fields[3];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (moves[i].action, action_name))
      move = &moves[i];
  if (move == NULL || !shown_can_move (self, move->to))
    return;

  fields[n++] = (PromptField) { _("Date (YYYY-MM-DD)"), today, TRUE, 0 };
  if (move->to == LD_RECOMMENDATION_REPLIED)
    fields[n++] = (PromptField) { _("The reply (required)"), NULL, TRUE, 2 };
  if (move->to == LD_RECOMMENDATION_ISSUED || move->to == LD_RECOMMENDATION_DELIVERED)
    fields[n++] = (PromptField) { _("Reply due (YYYY-MM-DD, empty = 30 days after delivery)"), NULL, FALSE, 3 };
  fields[n++] = (PromptField) { _("Note"), NULL, FALSE, 1 };

  ask (self, CHANGE_MOVE, move->to, _(move->heading), _(move->body), _(move->apply),
       move->to == LD_RECOMMENDATION_ESCALATED, FALSE, fields, n, _(move->done));
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);
  g_autofree char *today = today_text ();
  PromptField fields[3];

  if (!shown_followable (self))
    return;

  fields[0] = (PromptField) { _("Date (YYYY-MM-DD)"), today, TRUE, 1 };
  fields[1] = (PromptField) { _("What was found"), NULL, FALSE, 2 };
  fields[2] = (PromptField) { _("Next visit (YYYY-MM-DD, empty = none)"),
                              ld_recommendation_get_next_visit_date (self->shown), FALSE, 3 };
  ask (self, CHANGE_EVENT, LD_RECOMMENDATION_DRAFT, _("Add an Event"),
       _("A return visit (回访), a look-back check (回头看), on-site supervision (现场督办) or a note."),
       _("_Add"), FALSE, TRUE, fields, G_N_ELEMENTS (fields), _("Event recorded"));
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);
  g_autofree char *body = NULL;
  PromptField fields[] = {
    { _("Reason (required)"), NULL, TRUE, 0 },
  };

  if (!shown_writable (self))
    return;

  /* Translators: %s is a recommendation's registration number */
  body = g_strdup_printf (_("Recommendation %s leaves the list but stays in the vault with its history. Give the reason."),
                          ld_recommendation_get_reg_no (self->shown));
  ask (self, CHANGE_RETIRE, LD_RECOMMENDATION_DRAFT, _("Retire the Recommendation?"), body, _("_Retire"), TRUE,
       FALSE, fields, G_N_ELEMENTS (fields), _("Recommendation retired"));
}

/* --- Spawning ledger items ------------------------------------------------- */

typedef struct
{
  LdRecommendationsPage *self;
  gint64                 id;
  GtkBox                *rows;
  GPtrArray             *problems;   /* GtkEditable, borrowed */
  GPtrArray             *deadlines;
  GPtrArray             *persons;
} Spawn;

static void
spawn_free (gpointer  data,
            GClosure *closure)
{
  Spawn *spawn = data;

  g_clear_object (&spawn->self);
  g_clear_pointer (&spawn->problems, g_ptr_array_unref);
  g_clear_pointer (&spawn->deadlines, g_ptr_array_unref);
  g_clear_pointer (&spawn->persons, g_ptr_array_unref);
  g_free (spawn);
}

/* At least one problem, and every row with a problem. */
static gboolean
spawn_complete (Spawn *spawn)
{
  guint n_problems = 0;

  for (guint i = 0; i < spawn->problems->len; i++)
    {
      g_autofree char *problem = entry_text (g_ptr_array_index (spawn->problems, i));
      g_autofree char *deadline = entry_text (g_ptr_array_index (spawn->deadlines, i));
      g_autofree char *person = entry_text (g_ptr_array_index (spawn->persons, i));

      if (*problem != '\0')
        n_problems++;
      else if (*deadline != '\0' || *person != '\0')
        return FALSE;
    }

  return n_problems > 0;
}

static void
on_spawn_changed_cb (AdwMessageDialog *dialog)
{
  Spawn *spawn = g_object_get_data (G_OBJECT (dialog), "ld-spawn");

  adw_message_dialog_set_response_enabled (dialog, "apply", spawn_complete (spawn));
}

static GtkWidget *
spawn_entry (AdwMessageDialog *dialog,
             const char       *placeholder,
             const char       *key_format,
             guint             row)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *key = g_strdup_printf (key_format, row);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_spawn_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (dialog), key, entry);

  return entry;
}

static void
spawn_add_row (AdwMessageDialog *dialog)
{
  Spawn *spawn = g_object_get_data (G_OBJECT (dialog), "ld-spawn");
  guint row = spawn->problems->len;
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *problem = spawn_entry (dialog, _("Problem"), "ld-problem-%u", row);
  GtkWidget *deadline = spawn_entry (dialog, _("Deadline (YYYY-MM-DD)"), "ld-deadline-%u", row);
  GtkWidget *person = spawn_entry (dialog, _("Responsible person"), "ld-person-%u", row);

  gtk_widget_set_hexpand (problem, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (deadline), 11);
  gtk_editable_set_width_chars (GTK_EDITABLE (person), 8);
  gtk_box_append (GTK_BOX (line), problem);
  gtk_box_append (GTK_BOX (line), deadline);
  gtk_box_append (GTK_BOX (line), person);
  gtk_box_append (spawn->rows, line);
  g_ptr_array_add (spawn->problems, problem);
  g_ptr_array_add (spawn->deadlines, deadline);
  g_ptr_array_add (spawn->persons, person);
  gtk_widget_grab_focus (problem);
  on_spawn_changed_cb (dialog);
}

static void
on_spawn_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Spawn            *spawn)
{
  ChangeJob *job;

  if (g_strcmp0 (response, "apply") != 0 || !spawn_complete (spawn))
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_SPAWN;
  job->id = spawn->id;
  job->specs = g_ptr_array_new_with_free_func (spec_free);
  for (guint i = 0; i < spawn->problems->len; i++)
    {
      g_autofree char *problem = entry_text (g_ptr_array_index (spawn->problems, i));
      LdLedgerItemSpec *spec;

      if (*problem == '\0')
        continue;
      spec = g_new0 (LdLedgerItemSpec, 1);
      ld_ledger_item_spec_init (spec);
      /* Unit 0: the recommendation's own unit. */
      spec->unit_id = 0;
      ld_ledger_item_spec_set (&spec->source, "recommendation");
      ld_ledger_item_spec_set (&spec->problem, problem);
      g_free (spec->deadline);
      spec->deadline = entry_text (g_ptr_array_index (spawn->deadlines, i));
      g_free (spec->person);
      spec->person = entry_text (g_ptr_array_index (spawn->persons, i));
      g_ptr_array_add (job->specs, spec);
    }
  run_change (spawn->self, job, _("Ledger items created"));
}

static void
spawn_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *add;
  Spawn *spawn;

  if (!shown_followable (self))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Spawn Ledger Items"),
                                                       _("One ledger item per problem, for the addressed unit, with "
                                                         "its deadline and responsible person. All are created in "
                                                         "one go, or none.")));
  spawn = g_new0 (Spawn, 1);
  spawn->self = g_object_ref (self);
  spawn->id = ld_recommendation_get_id (self->shown);
  spawn->problems = g_ptr_array_new ();
  spawn->deadlines = g_ptr_array_new ();
  spawn->persons = g_ptr_array_new ();
  g_object_set_data (G_OBJECT (dialog), "ld-spawn", spawn);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  spawn->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (spawn->rows));
  add = gtk_button_new_with_mnemonic (_("Add _Another Problem"));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_object (add, "clicked", G_CALLBACK (spawn_add_row), dialog, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), add);
  g_object_set_data (G_OBJECT (dialog), "ld-add-row", add);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Create Items"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_spawn_response_cb), spawn, spawn_free, 0);
  spawn_add_row (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LD_RECOMMENDATIONS_PAGE (widget)->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the recommendation ledger of the
 * unit the filter shows. The dialog asks for the purpose and the file, or
 * says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_RECOMMENDATIONS);

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
ld_recommendations_page_refresh (LdPage *page)
{
  LdRecommendationsPage *self = LD_RECOMMENDATIONS_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);

  if (!self->units_loaded)
    ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_recommendation_get_id (self->shown));
}

static void
ld_recommendations_page_constructed (GObject *object)
{
  LdRecommendationsPage *self = (LdRecommendationsPage *)object;
  GtkSortListModel *sorted;

  G_OBJECT_CLASS (ld_recommendations_page_parent_class)->constructed (object);

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
ld_recommendations_page_dispose (GObject *object)
{
  LdRecommendationsPage *self = (LdRecommendationsPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_RECOMMENDATIONS_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ld_recommendations_page_parent_class)->dispose (object);
}

static void
ld_recommendations_page_finalize (GObject *object)
{
  LdRecommendationsPage *self = (LdRecommendationsPage *)object;

  g_clear_pointer (&self->status_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_recommendations_page_parent_class)->finalize (object);
}

static void
ld_recommendations_page_class_init (LdRecommendationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_recommendations_page_constructed;
  object_class->dispose = ld_recommendations_page_dispose;
  object_class->finalize = ld_recommendations_page_finalize;
  page_class->refresh = ld_recommendations_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/pages/ld-recommendations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, kind_list);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, issue_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, deliver_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, reply_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, rectify_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, LdRecommendationsPage, escalate_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "recommendations.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "recommendations.edit", NULL, edit_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_install_action (widget_class, moves[i].action, NULL, move_action);
  gtk_widget_class_install_action (widget_class, "recommendations.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "recommendations.spawn", NULL, spawn_action);
  gtk_widget_class_install_action (widget_class, "recommendations.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "recommendations.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "recommendations.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "recommendations.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "recommendations.export", NULL, export_action);
}

static void
ld_recommendations_page_init (LdRecommendationsPage *self)
{
  self->store = g_list_store_new (LD_TYPE_RECOMMENDATION);
  self->status_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.export", FALSE);
#endif
}

LdRecommendationsPage *
ld_recommendations_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_RECOMMENDATIONS_PAGE,
                       "vault", vault,
                       /* Translators: the page of discipline-inspection and supervision recommendations, 纪检监察建议 */
                       "title", _("Recommendations"),
                       "icon-name", "mail-send-symbolic",
                       NULL);
}

void
ld_recommendations_page_show_record (LdRecommendationsPage *self,
                                     gint64                 id)
{
  g_return_if_fail (LD_IS_RECOMMENDATIONS_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_recommendations_page_get_model (LdRecommendationsPage *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_recommendations_page_get_loading (LdRecommendationsPage *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATIONS_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || self->n_changes > 0 || !self->list_loaded;
}

gint64
ld_recommendations_page_get_shown_id (LdRecommendationsPage *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATIONS_PAGE (self), 0);

  return self->shown != NULL ? ld_recommendation_get_id (self->shown) : 0;
}

guint
ld_recommendations_page_get_n_items (LdRecommendationsPage *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATIONS_PAGE (self), 0);

  return self->n_items;
}
