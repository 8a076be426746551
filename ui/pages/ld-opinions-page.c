/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-opinions-page.h"

#include "brief/ld-opinion-letter.h"
#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-opinion-decision-dialog.h"
#include "dialogs/ld-opinion-request-dialog.h"
#include "ld-error.h"
#include "ld-print-operation.h"
#include "ld-ui-utils.h"
#include "records/ld-opinion-repository.h"
#include "rules/ld-opinion-rules.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-record-detail.h"

#define ITEM_ID_KEY "ld-opinion-item-id"

struct _LdOpinionsPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  AdwStatusPage       *error_status;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkLabel            *detail_info;
  GtkLabel            *detail_progress;
  GtkStack            *items_stack;
  GtkListBox          *items_list;

  /* Owned References */
  GListStore          *store;
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdOpinionRequest    *shown;            /* the request in the detail pane */
  GPtrArray           *items;            /* LdOpinionItem of shown */
  GPtrArray           *item_rows;        /* borrowed GtkWidget, one per item */
  GtkSizeGroup        *badge_group;      /* the badges line up the names */

  gint64               pending_id;       /* select once the list is there */
  guint                total;            /* requests in scope, unfiltered */
  guint                n_changes;        /* changes, saves and prints running */
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdOpinionsPage, ld_opinions_page, LD_TYPE_PAGE)

static void load_list   (LdOpinionsPage *self);
static void load_detail (LdOpinionsPage *self,
                         gint64          id);

/* The status filter: every request, then the two statuses. */
static const char *statuses[] = { NULL, LD_OPINION_REQUEST_OPEN, LD_OPINION_REQUEST_REPLIED };

/* The proposal badges: one tint per opinion, from the theme's colours. */
static const char badge_css[] =
  ".ld-opinion-badge { border-radius: 999px; padding: 2px 10px; font-size: smaller; font-weight: bold;"
  " background-color: alpha(@window_fg_color, 0.1); }\n"
  ".ld-opinion-badge.ld-opinion-ok { color: @success_color; background-color: alpha(@success_color, 0.15); }\n"
  ".ld-opinion-badge.ld-opinion-ok-note { color: @accent_color; background-color: alpha(@accent_bg_color, 0.15); }\n"
  ".ld-opinion-badge.ld-opinion-defer { color: @warning_color; background-color: alpha(@warning_color, 0.18); }\n"
  ".ld-opinion-badge.ld-opinion-no { color: @error_color; background-color: alpha(@error_color, 0.15); }\n"
  ".ld-opinion-decision.ld-opinion-changed { color: @warning_color; }\n"
  ".ld-opinion-decision.ld-opinion-approved { color: @success_color; }\n";

static void
install_css (void)
{
  static gboolean installed;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (installed || display == NULL)
    return;
  installed = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, badge_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* --- Columns --------------------------------------------------------------- */

typedef struct
{
  const char *property;   /* NULL: the progress column */
  const char *title;
  int         width;
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { "reg-no", NC_("opinion column", "Number"), 92, FALSE },
  { "requester", NC_("opinion column", "Requester"), 110, TRUE },
  { NULL, NC_("opinion column", "Progress"), 100, FALSE },
  { "status-label", NC_("opinion column", "Status"), 64, FALSE },
  { "request-date", NC_("opinion column", "Date"), 92, FALSE },
  { "purpose-label", NC_("opinion column", "Purpose"), 110, FALSE },
  { "due-date", NC_("opinion column", "Due"), 92, FALSE },
};

static char *
format_progress (LdOpinionRequest *request)
{
  /* Translators: progress of a request: cadres whose opinion is confirmed
   * (已确认) of all its cadres, e.g. "12/40 已确认" */
  return g_strdup_printf (_("%u/%u confirmed"), ld_opinion_request_get_n_decided (request),
                          ld_opinion_request_get_n_items (request));
}

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (info->property != NULL)
    g_object_get (item, info->property, &text, NULL);
  else
    text = format_progress (LD_OPINION_REQUEST (item));
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_widget_set_tooltip_text (inscription,
                               info->expand ? ld_opinion_request_get_cadre_names (LD_OPINION_REQUEST (item)) : NULL);
}

static void
setup_columns (LdOpinionsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "opinion column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      /* A click on the title sorts by the column; dates sort as text, the
       * progress by the confirmed count. */
      if (columns[i].property != NULL)
        sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (LD_TYPE_OPINION_REQUEST, NULL,
                                                                                 columns[i].property)));
      else
        sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (LD_TYPE_OPINION_REQUEST, NULL,
                                                                                  "n-decided")));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
allows (LdOpinionsPage *self,
        LdAction        action)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, action);
}

static gboolean
shown_active (LdOpinionsPage *self)
{
  return self->shown != NULL && ld_opinion_request_get_retired_at (self->shown) == 0;
}

static gboolean
shown_complete (LdOpinionsPage *self)
{
  guint n = self->shown != NULL ? ld_opinion_request_get_n_items (self->shown) : 0;

  return n > 0 && ld_opinion_request_get_n_approved (self->shown) == n;
}

static void
update_state (LdOpinionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading || self->n_changes > 0;
  gboolean write = allows (self, LD_ACTION_RECORD_WRITE) && self->n_changes == 0;
  gboolean approve = allows (self, LD_ACTION_RECORD_APPROVE) && self->n_changes == 0;
  gboolean print = allows (self, LD_ACTION_PRINT) && self->n_changes == 0;
  /* A PDF is a file leaving the vault: it takes the Export grant as well. */
  gboolean save = print && allows (self, LD_ACTION_EXPORT);
  gboolean active = shown_active (self);
  guint n_items = self->shown != NULL ? ld_opinion_request_get_n_items (self->shown) : 0;
  guint n_decided = self->shown != NULL ? ld_opinion_request_get_n_decided (self->shown) : 0;
  guint n_approved = self->shown != NULL ? ld_opinion_request_get_n_approved (self->shown) : 0;
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->content_stack, self->total > 0 ? "no-results" : "empty");
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.new", write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.check", write && active && n_approved < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.confirm", write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.confirm-focused", write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.change", write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.approve", approve && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.approve-all",
                                 approve && active && n_items > 0 && n_decided == n_items && n_approved < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.print", print && shown_complete (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.save-letter", save && shown_complete (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.save-table", save && shown_complete (self));
}

/* --- List ------------------------------------------------------------------ */

typedef struct
{
  const char *status;
  char       *text;
} ListJob;

typedef struct
{
  GPtrArray *requests;
  guint      total;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->requests, g_ptr_array_unref);
  g_free (result);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdOpinionRequestFilter filter;
  ListResult *result = g_new0 (ListResult, 1);

  ld_opinion_request_filter_init (&filter);
  filter.status = job->status;
  filter.text = job->text;
  result->requests = ld_opinion_repository_list_requests (vault, &filter, error);
  if (result->requests == NULL)
    {
      list_result_free (result);
      return NULL;
    }

  /* Whether nothing matches, or there is nothing at all. */
  result->total = result->requests->len;
  if (result->requests->len == 0)
    {
      LdOpinionRequestFilter all;

      ld_opinion_request_filter_init (&all);
      if (!ld_opinion_repository_count_requests (vault, &all, &result->total, NULL))
        result->total = 0;
    }

  return result;
}

static void
select_id (LdOpinionsPage *self,
           gint64          id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdOpinionRequest) request = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_opinion_request_get_id (request) == id)
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
  g_autoptr(LdOpinionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_opinion_request_get_id (self->shown) : 0;

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
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       result->requests->pdata, result->requests->len);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdOpinionsPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  job->status = status < G_N_ELEMENTS (statuses) ? statuses[status] : NULL;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdOpinionsPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail: the request and its cadres ---------------------------------------- */

static const char *
opinion_css_class (LdOpinion opinion)
{
  switch (opinion)
    {
    case LD_OPINION_OK:
      return "ld-opinion-ok";
    case LD_OPINION_OK_NOTE:
      return "ld-opinion-ok-note";
    case LD_OPINION_DEFER:
      return "ld-opinion-defer";
    case LD_OPINION_NO:
      return "ld-opinion-no";
    case LD_N_OPINIONS:
    default:
      return NULL;
    }
}

static GtkWidget *
new_badge (LdOpinion   opinion,
           const char *label)
{
  GtkWidget *badge = gtk_label_new (label);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "ld-opinion-badge");
  if (opinion_css_class (opinion) != NULL)
    gtk_widget_add_css_class (badge, opinion_css_class (opinion));

  return badge;
}

static GtkWidget *
new_row_button (const char *label,
                const char *tooltip,
                const char *action,
                gint64      item_id,
                gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (item_id));
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");

  return button;
}

static void
add_detail_row (AdwExpanderRow *expander,
                const char     *title,
                const char     *subtitle,
                GtkWidget      *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL && *subtitle != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_expander_row_add_row (expander, row);
}

/* One cadre: the name, unit and post; the proposal's badge; the decision;
 * Confirm, Change… and Approve; expanded, the reasons with links to their
 * records and the reason of a change. */
static GtkWidget *
build_item_row (LdOpinionsPage *self,
                LdOpinionItem  *item)
{
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  LdOpinionItemState state = ld_opinion_item_get_state (item);
  LdOpinion proposal = ld_opinion_item_get_proposal (item);
  gint64 id = ld_opinion_item_get_id (item);
  g_autofree char *subtitle = NULL;
  guint n_reasons = ld_opinion_item_get_n_reasons (item);

  g_object_set_data_full (G_OBJECT (row), ITEM_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ld_opinion_item_get_cadre_name (item));
  /* Translators: a cadre's unit and post under the name */
  subtitle = g_strdup_printf (_("%s %s"), ld_opinion_item_get_cadre_unit_name (item),
                              ld_opinion_item_get_cadre_post (item));
  adw_expander_row_set_subtitle (expander, g_strstrip (subtitle));

  {
    GtkWidget *badge = new_badge (proposal, proposal < LD_N_OPINIONS ? ld_opinion_item_get_proposal_label (item)
                                                                     : _("Not checked"));

    gtk_size_group_add_widget (self->badge_group, badge);
    adw_expander_row_add_prefix (expander, badge);
  }

  /* The row's actions are packed from the right: the main button first
   * (Confirm, or Approve once decided), then Change…, then the decision. */
  if (state == LD_OPINION_ITEM_CHECKED)
    adw_expander_row_add_action (expander,
                                 new_row_button (_("_Confirm"),
                                                 _("Take the proposal as the opinion (Ctrl+Return on the row)"),
                                                 "opinions.confirm", id, TRUE));
  if (state == LD_OPINION_ITEM_DECIDED)
    adw_expander_row_add_action (expander,
                                 new_row_button (_("A_pprove"), _("Approve this opinion (leaders)"),
                                                 "opinions.approve", id, FALSE));
  if (state == LD_OPINION_ITEM_CHECKED || state == LD_OPINION_ITEM_DECIDED)
    adw_expander_row_add_action (expander,
                                 new_row_button (_("C_hange…"), _("Decide otherwise, with a reason"),
                                                 "opinions.change", id, FALSE));
  if (state == LD_OPINION_ITEM_DECIDED || state == LD_OPINION_ITEM_APPROVED)
    {
      GtkWidget *decision;
      g_autofree char *text = NULL;

      if (state == LD_OPINION_ITEM_APPROVED)
        /* Translators: an approved decision (已审批) and the approving leader */
        text = g_strdup_printf (_("Approved: %s (%s)"), ld_opinion_item_get_decision_label (item),
                                ld_opinion_item_get_approved_by (item));
      else if (ld_opinion_item_get_changed (item))
        /* Translators: the investigator changed the proposal to this decision */
        text = g_strdup_printf (_("Changed to: %s"), ld_opinion_item_get_decision_label (item));
      else
        /* Translators: the investigator confirmed (已确认) the proposal */
        text = g_strdup_printf (_("Confirmed: %s"), ld_opinion_item_get_decision_label (item));
      decision = gtk_label_new (text);
      gtk_widget_set_valign (decision, GTK_ALIGN_CENTER);
      gtk_label_set_ellipsize (GTK_LABEL (decision), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (decision, "ld-opinion-decision");
      gtk_widget_add_css_class (decision, "caption-heading");
      if (state == LD_OPINION_ITEM_APPROVED)
        gtk_widget_add_css_class (decision, "ld-opinion-approved");
      else if (ld_opinion_item_get_changed (item))
        gtk_widget_add_css_class (decision, "ld-opinion-changed");
      adw_expander_row_add_action (expander, decision);
    }

  for (guint i = 0; i < n_reasons; i++)
    {
      const char *type = ld_opinion_item_get_reason_record_type (item, i);
      gint64 record_id = ld_opinion_item_get_reason_record_id (item, i);
      GtkWidget *link = NULL;

      if (type != NULL && *type != '\0' && record_id > 0)
        link = ld_record_detail_icon_button ("go-next-symbolic", _("Open the Record"), "win.show-record",
                                             g_variant_new ("(sx)", type, record_id));
      add_detail_row (expander, ld_opinion_item_get_reason_text (item, i), NULL, link);
    }
  if (n_reasons == 0)
    add_detail_row (expander, _("Not checked yet: run the check."), NULL, NULL);
  if (ld_opinion_item_get_changed (item) && *ld_opinion_item_get_change_reason (item) != '\0')
    add_detail_row (expander, _("Reason for the change"), ld_opinion_item_get_change_reason (item), NULL);
  if (state == LD_OPINION_ITEM_APPROVED && *ld_opinion_item_get_valid_until (item) != '\0')
    {
      g_autofree char *valid = NULL;

      /* Translators: the approval date and the end of the reply's validity */
      valid = g_strdup_printf (_("Approved %s, valid until %s"), ld_opinion_item_get_approved_date (item),
                               ld_opinion_item_get_valid_until (item));
      add_detail_row (expander, valid, NULL, NULL);
    }

  return row;
}

static void
show_header (LdOpinionsPage *self)
{
  LdOpinionRequest *request = self->shown;
  g_autoptr(GString) info = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *progress = NULL;

  /* Translators: the detail pane's title: the request's number and who asked */
  title = g_strdup_printf (_("%s · %s"), ld_opinion_request_get_reg_no (request),
                           ld_opinion_request_get_requester (request));
  gtk_label_set_label (self->detail_title, title);

  /* Translators: when the request came and its purpose */
  g_string_append_printf (info, _("Requested %s for %s"), ld_opinion_request_get_request_date (request),
                          ld_opinion_request_get_purpose_label (request));
  if (*ld_opinion_request_get_due_date (request) != '\0')
    /* Translators: the reply's due date, after the request date */
    g_string_append_printf (info, _(" · due %s"), ld_opinion_request_get_due_date (request));
  if (*ld_opinion_request_get_doc_no (request) != '\0')
    g_string_append_printf (info, " · %s", ld_opinion_request_get_doc_no (request));
  if (*ld_opinion_request_get_unit_name (request) != '\0')
    g_string_append_printf (info, " · %s", ld_opinion_request_get_unit_name (request));
  if (*ld_opinion_request_get_note (request) != '\0')
    g_string_append_printf (info, "\n%s", ld_opinion_request_get_note (request));
  if (ld_opinion_request_get_retired_at (request) != 0)
    g_string_append_printf (info, "\n%s", _("Retired: read only"));
  gtk_label_set_label (self->detail_info, info->str);

  /* Translators: the request's progress: confirmed and approved cadres and
   * its status (办理中 / 已回复) */
  progress = g_strdup_printf (_("%u/%u confirmed · %u/%u approved · %s"),
                              ld_opinion_request_get_n_decided (request), ld_opinion_request_get_n_items (request),
                              ld_opinion_request_get_n_approved (request), ld_opinion_request_get_n_items (request),
                              ld_opinion_request_get_status_label (request));
  gtk_label_set_label (self->detail_progress, progress);
}

static void
show_detail (LdOpinionsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);
  g_ptr_array_set_size (self->item_rows, 0);

  if (self->shown == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  show_header (self);
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      GtkWidget *row = build_item_row (self, g_ptr_array_index (self->items, i));

      gtk_list_box_append (self->items_list, row);
      g_ptr_array_add (self->item_rows, row);
    }
  gtk_stack_set_visible_child_name (self->items_stack,
                                    self->items != NULL && self->items->len > 0 ? "items" : "no-items");
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

typedef struct
{
  LdOpinionRequest *request;
  GPtrArray        *items;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->request);
  g_clear_pointer (&result->items, g_ptr_array_unref);
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
  g_autoptr(GError) local_error = NULL;

  result->request = ld_opinion_repository_get_request (vault, id, &local_error);
  if (result->request == NULL && g_error_matches (local_error, LD_ERROR, LD_ERROR_NOT_FOUND))
    {
      /* Not a request: perhaps one of its cadres' items. */
      g_autoptr(LdOpinionItem) item = ld_opinion_repository_get_item (vault, id, NULL);

      if (item != NULL)
        {
          g_clear_error (&local_error);
          result->request = ld_opinion_repository_get_request (vault, ld_opinion_item_get_request_id (item),
                                                               &local_error);
        }
    }
  if (result->request == NULL
      || (result->items = ld_opinion_repository_list_items (vault, ld_opinion_request_get_id (result->request),
                                                            &local_error)) == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdOpinionsPage) self = user_data;
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
      g_clear_pointer (&self->items, g_ptr_array_unref);
      show_detail (self);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The request could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->request);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&result->items);
  detail_result_free (result);
  show_detail (self);
  select_id (self, ld_opinion_request_get_id (self->shown));
  update_state (self);
}

static void
load_detail (LdOpinionsPage *self,
             gint64          id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (id == 0)
    {
      self->detail_loading = FALSE;
      g_clear_object (&self->shown);
      g_clear_pointer (&self->items, g_ptr_array_unref);
      show_detail (self);
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
on_selection_changed_cb (LdOpinionsPage *self)
{
  LdOpinionRequest *request = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = request != NULL ? ld_opinion_request_get_id (request) : 0;

  if (id == 0)
    return;   /* keep the detail while the list reloads */
  if (self->shown != NULL && ld_opinion_request_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

static int
find_item (LdOpinionsPage *self,
           gint64          item_id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    if (ld_opinion_item_get_id (g_ptr_array_index (self->items, i)) == item_id)
      return (int) i;

  return -1;
}

static void
focus_row (GtkWidget *row)
{
  if (!gtk_widget_grab_focus (row))
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

/* Moves the focus to the first cadre after INDEX (wrapping) still waiting
 * for a decision: the next "one click". */
static void
focus_next_pending (LdOpinionsPage *self,
                    guint           index)
{
  guint n = self->items->len;

  for (guint k = 1; k <= n; k++)
    {
      guint i = (index + k) % n;

      if (ld_opinion_item_get_state (g_ptr_array_index (self->items, i)) == LD_OPINION_ITEM_CHECKED)
        {
          focus_row (g_ptr_array_index (self->item_rows, i));
          return;
        }
    }
}

/* Replaces one cadre's row in place, so the list does not jump. */
static void
replace_item (LdOpinionsPage *self,
              LdOpinionItem  *item,
              gboolean        move_focus)
{
  int index = find_item (self, ld_opinion_item_get_id (item));
  LdOpinionItem *old_item;
  GtkWidget *old;
  GtkWidget *row;
  gboolean expanded;

  if (index < 0)
    return;

  old = g_ptr_array_index (self->item_rows, index);
  expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old));
  old_item = g_ptr_array_index (self->items, index);
  g_ptr_array_index (self->items, index) = g_object_ref (item);
  g_object_unref (old_item);
  row = build_item_row (self, item);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
  gtk_list_box_insert (self->items_list, row, index);
  g_ptr_array_index (self->item_rows, index) = row;
  gtk_list_box_remove (self->items_list, old);
  if (move_focus)
    focus_next_pending (self, (guint) index);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_CONFIRM,
  CHANGE_APPROVE,
  CHANGE_REFRESH_ITEM,
  CHANGE_APPROVE_ALL,
  CHANGE_CHECK,
  CHANGE_SAVE_PDF,
  CHANGE_BUILD_LETTER,
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  gint64      id;           /* the item, or the request */
  gint64      request_id;
  char       *path;
  gboolean    table_only;
} ChangeJob;

typedef struct
{
  LdOpinionItem    *item;
  LdOpinionRequest *request;
  LdPdfDocument    *document;
} ChangeResult;

typedef struct
{
  LdOpinionsPage *self;
  ChangeKind      kind;
  char           *path;        /* where a PDF goes */
  gboolean        move_focus;
} ChangeContext;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
change_result_free (gpointer data)
{
  ChangeResult *result = data;

  g_clear_object (&result->item);
  g_clear_object (&result->request);
  g_clear_pointer (&result->document, ld_pdf_document_free);
  g_free (result);
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;
  ChangeResult *result = g_new0 (ChangeResult, 1);
  LdOpinionLetterOptions options;
  gboolean ok = TRUE;

  ld_opinion_letter_options_init (&options);
  switch (job->kind)
    {
    case CHANGE_CONFIRM:
      ok = ld_opinion_repository_confirm (vault, job->id, error);
      break;
    case CHANGE_APPROVE:
      ok = ld_opinion_repository_approve_item (vault, job->id, NULL, error);
      break;
    case CHANGE_REFRESH_ITEM:
      break;
    case CHANGE_APPROVE_ALL:
      ok = ld_opinion_repository_approve_request (vault, job->id, NULL, error);
      break;
    case CHANGE_CHECK:
      ok = ld_opinion_repository_check_request (vault, job->id, NULL, error);
      break;
    case CHANGE_SAVE_PDF:
      options.with_table = TRUE;
      options.table_only = job->table_only;
      ok = ld_opinion_letter_write_pdf (vault, job->id, &options, job->path, error);
      break;
    case CHANGE_BUILD_LETTER:
      options.with_table = TRUE;
      ok = (result->document = ld_opinion_letter_build (vault, job->id, &options, error)) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && (job->kind == CHANGE_CONFIRM || job->kind == CHANGE_APPROVE || job->kind == CHANGE_REFRESH_ITEM))
    ok = (result->item = ld_opinion_repository_get_item (vault, job->id, error)) != NULL;
  if (ok && job->request_id != 0)
    ok = (result->request = ld_opinion_repository_get_request (vault, job->request_id, error)) != NULL;
  if (!ok)
    {
      change_result_free (result);
      return NULL;
    }

  return result;
}

static GtkWindow *
parent_window (LdOpinionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void run_print (LdOpinionsPage *self, LdPdfDocument *document, const char *export_path);

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdOpinionsPage) self = context->self;
  g_autofree char *path = context->path;
  ChangeKind kind = context->kind;
  gboolean move_focus = context->move_focus;
  g_autoptr(GError) error = NULL;
  ChangeResult *result;

  g_free (context);
  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, change_result_free);
      return;
    }

  self->n_changes--;
  if (result == NULL)
    {
      if (kind == CHANGE_SAVE_PDF)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = NULL;

          /* Translators: %s is a file name, then the reason */
          message = g_strdup_printf (_("“%s” was not saved: %s"), name,
                                     error != NULL ? error->message : _("unknown error"));
          ld_page_show_toast (LD_PAGE (self), message);
        }
      else
        ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      update_state (self);
      return;
    }

  if (result->request != NULL && self->shown != NULL
      && ld_opinion_request_get_id (result->request) == ld_opinion_request_get_id (self->shown))
    {
      g_set_object (&self->shown, result->request);
      show_header (self);
    }

  switch (kind)
    {
    case CHANGE_CONFIRM:
    case CHANGE_APPROVE:
    case CHANGE_REFRESH_ITEM:
      replace_item (self, result->item, move_focus);
      load_list (self);
      break;
    case CHANGE_APPROVE_ALL:
    case CHANGE_CHECK:
      ld_page_show_toast (LD_PAGE (self), kind == CHANGE_CHECK
                                          ? _("The cadres were checked against the records")
                                          : _("Every opinion of the request is approved"));
      if (self->shown != NULL)
        load_detail (self, ld_opinion_request_get_id (self->shown));
      load_list (self);
      break;
    case CHANGE_SAVE_PDF:
      {
        g_autofree char *name = g_filename_display_basename (path);
        g_autofree char *message = NULL;

        /* Translators: %s is the name of the PDF file written */
        message = g_strdup_printf (_("Saved “%s”"), name);
        ld_page_show_toast (LD_PAGE (self), message);
      }
      break;
    case CHANGE_BUILD_LETTER:
      run_print (self, g_steal_pointer (&result->document), path);
      break;
    default:
      g_assert_not_reached ();
    }

  change_result_free (result);
  update_state (self);
}

static void
run_change (LdOpinionsPage *self,
            ChangeKind      kind,
            gint64          id,
            const char     *path,
            gboolean        table_only,
            gboolean        move_focus)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);
  ChangeContext *context = g_new0 (ChangeContext, 1);

  job->kind = kind;
  job->id = id;
  job->request_id = self->shown != NULL ? ld_opinion_request_get_id (self->shown) : 0;
  job->path = g_strdup (path);
  job->table_only = table_only;
  context->self = g_object_ref (self);
  context->kind = kind;
  context->path = g_strdup (path);
  context->move_focus = move_focus;
  self->n_changes++;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, change_result_free,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Printing ------------------------------------------------------------------ */

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  LdOpinionsPage          *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The letter could not be printed."));
    }
  self->n_changes--;
  update_state (self);
  g_object_unref (operation);
  g_object_unref (self);
}

static void
run_print (LdOpinionsPage *self,
           LdPdfDocument  *document,
           const char     *export_path)
{
  LdPrintOperation *operation;
  g_autofree char *job_name = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  /* Translators: the print job's name, %s is the request's number */
  job_name = g_strdup_printf (_("Opinion reply %s"), self->shown != NULL ? ld_opinion_request_get_reg_no (self->shown) : "");
  operation = ld_print_operation_new (document, job_name);
  self->n_changes++;
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), g_object_ref (self));

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), export_path);
      result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        parent_window (self), &error);
    }
  else
    {
      gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
      result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        parent_window (self), &error);
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    ld_page_show_toast (LD_PAGE (self), error->message);
}

/* --- Actions --------------------------------------------------------------- */

static void
on_request_saved_cb (LdOpinionsPage *self,
                     gint64          id)
{
  ld_page_show_toast (LD_PAGE (self), _("Request registered and checked"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  LdOpinionRequestDialog *dialog;

  if (!allows (self, LD_ACTION_RECORD_WRITE))
    return;

  dialog = ld_opinion_request_dialog_new (ld_page_get_vault (LD_PAGE (self)));
  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_request_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

/* One click per cadre: the proposal becomes the opinion. */
static void
confirm_item (LdOpinionsPage *self,
              gint64          item_id)
{
  int index = find_item (self, item_id);

  if (index < 0 || !allows (self, LD_ACTION_RECORD_WRITE)
      || ld_opinion_item_get_state (g_ptr_array_index (self->items, index)) != LD_OPINION_ITEM_CHECKED)
    return;
  run_change (self, CHANGE_CONFIRM, item_id, NULL, FALSE, TRUE);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  confirm_item (LD_OPINIONS_PAGE (widget), g_variant_get_int64 (param));
}

/* Ctrl+Return: confirms the cadre whose row holds the focus. */
static void
confirm_focused_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != widget; focus = gtk_widget_get_parent (focus))
    {
      gint64 *id = g_object_get_data (G_OBJECT (focus), ITEM_ID_KEY);

      if (id != NULL)
        {
          confirm_item (self, *id);
          return;
        }
    }
}

static void
on_decision_saved_cb (LdOpinionsPage *self,
                      gint64          item_id)
{
  ld_page_show_toast (LD_PAGE (self), _("Opinion changed"));
  run_change (self, CHANGE_REFRESH_ITEM, item_id, NULL, FALSE, TRUE);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  int index = find_item (self, g_variant_get_int64 (param));
  LdOpinionDecisionDialog *dialog;

  if (index < 0 || !allows (self, LD_ACTION_RECORD_WRITE))
    return;

  dialog = ld_opinion_decision_dialog_new (ld_page_get_vault (LD_PAGE (self)), g_ptr_array_index (self->items, index));
  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_decision_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  gint64 item_id = g_variant_get_int64 (param);

  if (find_item (self, item_id) < 0 || !allows (self, LD_ACTION_RECORD_APPROVE))
    return;
  run_change (self, CHANGE_APPROVE, item_id, NULL, FALSE, FALSE);
}

static void
approve_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);

  if (self->shown != NULL && allows (self, LD_ACTION_RECORD_APPROVE))
    run_change (self, CHANGE_APPROVE_ALL, ld_opinion_request_get_id (self->shown), NULL, FALSE, FALSE);
}

static void
on_check_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LdOpinionsPage   *self)
{
  if (g_strcmp0 (response, "check") == 0 && self->shown != NULL)
    run_change (self, CHANGE_CHECK, ld_opinion_request_get_id (self->shown), NULL, FALSE, FALSE);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  AdwMessageDialog *dialog;
  guint undone;

  if (self->shown == NULL || !allows (self, LD_ACTION_RECORD_WRITE))
    return;

  /* A new check clears the decisions not approved yet: ask first. */
  undone = ld_opinion_request_get_n_decided (self->shown) - ld_opinion_request_get_n_approved (self->shown);
  if (undone == 0)
    {
      run_change (self, CHANGE_CHECK, ld_opinion_request_get_id (self->shown), NULL, FALSE, FALSE);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Check Again?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The check proposes anew from today's records and clears %u decision not approved yet.",
                                               "The check proposes anew from today's records and clears %u decisions not approved yet.",
                                               undone),
                                  undone);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "check", _("_Check Again"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "check", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_check_response_cb), self, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);

  if (self->shown != NULL && shown_complete (self))
    run_change (self, CHANGE_BUILD_LETTER, ld_opinion_request_get_id (self->shown), NULL, FALSE, FALSE);
}

typedef struct
{
  LdOpinionsPage *self;
  gboolean        table_only;
} SaveRequest;

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveRequest     *request)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    ld_opinions_page_save_pdf (request->self, path, request->table_only);

  g_object_unref (request->self);
  g_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_save_chooser (LdOpinionsPage *self,
                  gboolean        table_only)
{
  GtkFileChooserNative *chooser;
  SaveRequest *request;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->shown == NULL || !shown_complete (self))
    return;

  chooser = gtk_file_chooser_native_new (table_only ? _("Save the Reply Table as PDF") : _("Save the Reply Letter as PDF"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (table_only)
    /* Translators: file name of the reply table (意见回复表), %s is the request's number */
    name = g_strdup_printf (_("Reply table %s.pdf"), ld_opinion_request_get_reg_no (self->shown));
  else
    /* Translators: file name of the reply letter (意见回复函), %s is the request's number */
    name = g_strdup_printf (_("Reply letter %s.pdf"), ld_opinion_request_get_reg_no (self->shown));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->table_only = table_only;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  run_save_chooser (LD_OPINIONS_PAGE (widget), FALSE);
}

static void
save_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  run_save_chooser (LD_OPINIONS_PAGE (widget), TRUE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LD_OPINIONS_PAGE (widget)->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E or Ctrl+E): the opinion reply ledger of every unit
 * in the account's scopes (the page has no unit or date filter). The dialog
 * asks for the purpose and the file, or says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdOpinionsPage *self = LD_OPINIONS_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_OPINIONS);

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
ld_opinions_page_refresh (LdPage *page)
{
  LdOpinionsPage *self = LD_OPINIONS_PAGE (page);

  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_opinion_request_get_id (self->shown));
}

static void
ld_opinions_page_constructed (GObject *object)
{
  LdOpinionsPage *self = (LdOpinionsPage *)object;
  g_autoptr(GtkSortListModel) sorted = NULL;

  G_OBJECT_CLASS (ld_opinions_page_parent_class)->constructed (object);

  install_css ();
  self->filling = TRUE;
  gtk_string_list_append (self->status_list, _("All statuses"));
  gtk_string_list_append (self->status_list, ld_opinion_request_status_get_label (LD_OPINION_REQUEST_OPEN));
  gtk_string_list_append (self->status_list, ld_opinion_request_status_get_label (LD_OPINION_REQUEST_REPLIED));
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  self->filling = FALSE;

  setup_columns (self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (sorted));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_opinions_page_dispose (GObject *object)
{
  LdOpinionsPage *self = (LdOpinionsPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_OPINIONS_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->item_rows != NULL)
    g_ptr_array_set_size (self->item_rows, 0);

  G_OBJECT_CLASS (ld_opinions_page_parent_class)->dispose (object);
}

static void
ld_opinions_page_finalize (GObject *object)
{
  LdOpinionsPage *self = (LdOpinionsPage *)object;

  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_object (&self->badge_group);

  G_OBJECT_CLASS (ld_opinions_page_parent_class)->finalize (object);
}

static void
ld_opinions_page_class_init (LdOpinionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_opinions_page_constructed;
  object_class->dispose = ld_opinions_page_dispose;
  object_class->finalize = ld_opinions_page_finalize;
  page_class->refresh = ld_opinions_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-opinions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, detail_info);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, detail_progress);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, items_stack);
  gtk_widget_class_bind_template_child (widget_class, LdOpinionsPage, items_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "opinions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "opinions.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "opinions.confirm", "x", confirm_action);
  gtk_widget_class_install_action (widget_class, "opinions.confirm-focused", NULL, confirm_focused_action);
  gtk_widget_class_install_action (widget_class, "opinions.change", "x", change_action);
  gtk_widget_class_install_action (widget_class, "opinions.approve", "x", approve_action);
  gtk_widget_class_install_action (widget_class, "opinions.approve-all", NULL, approve_all_action);
  gtk_widget_class_install_action (widget_class, "opinions.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "opinions.save-letter", NULL, save_letter_action);
  gtk_widget_class_install_action (widget_class, "opinions.save-table", NULL, save_table_action);
  gtk_widget_class_install_action (widget_class, "opinions.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "opinions.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "opinions.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "opinions.export", NULL, export_action);
}

static void
ld_opinions_page_init (LdOpinionsPage *self)
{
  self->store = g_list_store_new (LD_TYPE_OPINION_REQUEST);
  self->item_rows = g_ptr_array_new ();
  self->badge_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "opinions.export", FALSE);
#endif
}

LdOpinionsPage *
ld_opinions_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_OPINIONS_PAGE,
                       "vault", vault,
                       /* Translators: the page of integrity-opinion replies (意见回复) */
                       "title", _("Opinion Replies"),
                       "icon-name", "mail-replied-symbolic",
                       NULL);
}

void
ld_opinions_page_show_record (LdOpinionsPage *self,
                              gint64          id)
{
  g_return_if_fail (LD_IS_OPINIONS_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_opinions_page_get_model (LdOpinionsPage *self)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_opinions_page_get_loading (LdOpinionsPage *self)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || !self->list_loaded;
}

gint64
ld_opinions_page_get_shown_id (LdOpinionsPage *self)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), 0);

  return self->shown != NULL ? ld_opinion_request_get_id (self->shown) : 0;
}

guint
ld_opinions_page_get_n_items (LdOpinionsPage *self)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), 0);

  return self->items != NULL ? self->items->len : 0;
}

LdOpinionItem *
ld_opinions_page_get_item (LdOpinionsPage *self,
                           guint           index)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), NULL);
  g_return_val_if_fail (self->items != NULL && index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

GtkWidget *
ld_opinions_page_get_item_row (LdOpinionsPage *self,
                               guint           index)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->item_rows->len, NULL);

  return g_ptr_array_index (self->item_rows, index);
}

void
ld_opinions_page_set_search (LdOpinionsPage *self,
                             const char     *text)
{
  g_return_if_fail (LD_IS_OPINIONS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  load_list (self);
}

void
ld_opinions_page_save_pdf (LdOpinionsPage *self,
                           const char     *path,
                           gboolean        table_only)
{
  g_return_if_fail (LD_IS_OPINIONS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->shown != NULL)
    run_change (self, CHANGE_SAVE_PDF, ld_opinion_request_get_id (self->shown), path, table_only, FALSE);
}

void
ld_opinions_page_print_to_file (LdOpinionsPage *self,
                                const char     *path)
{
  g_return_if_fail (LD_IS_OPINIONS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->shown != NULL)
    run_change (self, CHANGE_BUILD_LETTER, ld_opinion_request_get_id (self->shown), path, FALSE, FALSE);
}

gboolean
ld_opinions_page_get_busy (LdOpinionsPage *self)
{
  g_return_val_if_fail (LD_IS_OPINIONS_PAGE (self), FALSE);

  return self->n_changes > 0 || self->list_loading || self->detail_loading;
}
