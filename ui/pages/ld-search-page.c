/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-search-page.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-fulltext-repository.h"

#define RESULT_LIMIT 200

/* --- One result (a row object) ------------------------------------------------------- */

#define LD_TYPE_SEARCH_PAGE_RESULT (ld_search_page_result_get_type ())
G_DECLARE_FINAL_TYPE (LdSearchPageResult, ld_search_page_result, LD, SEARCH_PAGE_RESULT, GObject)

struct _LdSearchPageResult
{
  GObject  parent_instance;

  char    *record_type;
  char    *title;
  char    *details;
  char    *markup;
  char    *icon_name;
  gint64   record_id;
};

enum {
  RESULT_PROP_0,
  RESULT_PROP_TITLE,
  RESULT_PROP_DETAILS,
  RESULT_PROP_MARKUP,
  RESULT_PROP_ICON_NAME,
  RESULT_N_PROPS
};

static GParamSpec *result_properties [RESULT_N_PROPS];

G_DEFINE_FINAL_TYPE (LdSearchPageResult, ld_search_page_result, G_TYPE_OBJECT)

static void
ld_search_page_result_finalize (GObject *object)
{
  LdSearchPageResult *self = (LdSearchPageResult *)object;

  g_free (self->record_type);
  g_free (self->title);
  g_free (self->details);
  g_free (self->markup);
  g_free (self->icon_name);

  G_OBJECT_CLASS (ld_search_page_result_parent_class)->finalize (object);
}

static void
ld_search_page_result_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LdSearchPageResult *self = LD_SEARCH_PAGE_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case RESULT_PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;

    case RESULT_PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;

    case RESULT_PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_search_page_result_class_init (LdSearchPageResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_search_page_result_finalize;
  object_class->get_property = ld_search_page_result_get_property;

  result_properties [RESULT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  result_properties [RESULT_PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  result_properties [RESULT_PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  result_properties [RESULT_PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
ld_search_page_result_init (LdSearchPageResult *self)
{
}

static const char *
kind_icon (LdSearchKind kind)
{
  switch (kind)
    {
    case LD_SEARCH_KIND_CADRE:    return "avatar-default-symbolic";
    case LD_SEARCH_KIND_ENTRY:    return "x-office-document-symbolic";
    case LD_SEARCH_KIND_TALK:     return "user-available-symbolic";
    case LD_SEARCH_KIND_PETITION: return "mail-unread-symbolic";
    case LD_SEARCH_KIND_CLUE:     return "emblem-documents-symbolic";
    default:                      return "text-x-generic-symbolic";
    }
}

/* Built on the worker from a hit: plain strings only. */
static LdSearchPageResult *
ld_search_page_result_new (const LdSearchHit *hit)
{
  LdSearchPageResult *self = g_object_new (LD_TYPE_SEARCH_PAGE_RESULT, NULL);
  const char *label = ld_search_kind_get_label (hit->kind);

  self->record_type = g_strdup (ld_search_kind_to_string (hit->kind));
  self->record_id = hit->record_id;
  self->title = g_strdup (hit->title != NULL ? hit->title : "");
  if (hit->unit_name != NULL && hit->unit_name[0] != '\0')
    /* Translators: the kind of a search result and its unit, e.g. “Talk · 县财政局”. */
    self->details = g_strdup_printf (C_("search result", "%s · %s"), label, hit->unit_name);
  else
    self->details = g_strdup (label);
  self->markup = ld_search_hit_get_markup (hit);
  self->icon_name = g_strdup (kind_icon (hit->kind));
  return self;
}

/* --- The page --------------------------------------------------------------------------- */

static const char * const kind_names[] = { "", "cadre", "entry", "talk", "petition", "clue" };

struct _LdSearchPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkSpinner          *spinner;
  GtkStack            *state_stack;
  AdwStatusPage       *error_page;
  GtkLabel            *count_label;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;

  /* Owned References */
  GListStore          *results;          /* LdSearchPageResult */
  GCancellable        *search_cancellable;
  char                *shown_query;

  gboolean             searching;
};

G_DEFINE_FINAL_TYPE (LdSearchPage, ld_search_page, LD_TYPE_PAGE)

typedef struct
{
  char *query;
  char *kinds;
} SearchJob;

typedef struct
{
  char      *query;
  GPtrArray *results;   /* LdSearchPageResult */
  guint      total;
} SearchResult;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->query);
  g_free (job->kinds);
  g_free (job);
}

static void
search_result_free (gpointer data)
{
  SearchResult *result = data;

  g_free (result->query);
  g_clear_pointer (&result->results, g_ptr_array_unref);
  g_free (result);
}

static gpointer
search_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  SearchJob *job = data;
  g_autoptr(GPtrArray) hits = NULL;
  SearchResult *result;

  /* A newer keystroke already replaced this search. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  hits = ld_fulltext_search (vault, job->query, job->kinds[0] != '\0' ? job->kinds : NULL,
                             RESULT_LIMIT, 0, NULL, error);
  if (hits == NULL)
    return NULL;

  result = g_new0 (SearchResult, 1);
  result->query = g_strdup (job->query);
  result->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (result->results, ld_search_page_result_new (g_ptr_array_index (hits, i)));

  /* The total counted up to the ranking limit. */
  result->total = hits->len;
  {
    g_autoptr(GPtrArray) more = NULL;
    guint total = 0;

    if (hits->len == RESULT_LIMIT &&
        (more = ld_fulltext_search (vault, job->query, job->kinds[0] != '\0' ? job->kinds : NULL,
                                    1, 0, &total, NULL)) != NULL)
      result->total = total;
  }

  return result;
}

static void
set_searching (LdSearchPage *self,
               gboolean      searching)
{
  self->searching = searching;
  ld_page_set_busy (LD_PAGE (self), searching);
  gtk_spinner_set_spinning (self->spinner, searching);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), searching);
}

static void
search_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  SearchResult *result;
  g_autofree char *count = NULL;

  result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  /* Replaced by a newer search, or the page went away. */
  if (ld_error_is_cancelled (error) || g_task_get_cancellable (G_TASK (res)) != self->search_cancellable)
    {
      g_clear_pointer (&result, search_result_free);
      return;
    }

  set_searching (self, FALSE);

  if (result == NULL)
    {
      g_list_store_remove_all (self->results);
      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_free (self->shown_query);
  self->shown_query = g_strdup (result->query);

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       result->results->pdata, result->results->len);

  if (result->results->len < result->total)
    /* Translators: the first %u is the number of results shown, the second all found. */
    count = g_strdup_printf (_("The best %u of %u results"), result->results->len, result->total);
  else
    count = g_strdup_printf (ngettext ("%u result", "%u results", result->total), result->total);
  gtk_label_set_label (self->count_label, count);

  gtk_stack_set_visible_child_name (self->state_stack, result->results->len > 0 ? "results" : "empty");

  search_result_free (result);
}

static void
start_search (LdSearchPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  SearchJob *job;

  /* Each keystroke cancels the search before. */
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (query[0] == '\0')
    {
      set_searching (self, FALSE);
      g_clear_pointer (&self->shown_query, g_free);
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->state_stack, "start");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->search_cancellable, G_CONNECT_SWAPPED);

  job = g_new0 (SearchJob, 1);
  job->query = g_steal_pointer (&query);
  job->kinds = g_strdup (kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "");

  set_searching (self, TRUE);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      search_worker,
                      job, search_job_free,
                      search_result_free,
                      self->search_cancellable,
                      search_cb,
                      g_object_ref (self));
}

static void
ld_search_page_refresh (LdPage *page)
{
  start_search (LD_SEARCH_PAGE (page));
}

static void
on_search_changed_cb (LdSearchPage   *self,
                      GtkSearchEntry *entry)
{
  start_search (self);
}

static void
on_kind_changed_cb (LdSearchPage *self,
                    GParamSpec   *pspec,
                    GtkDropDown  *dropdown)
{
  start_search (self);
}

static void
open_result (LdSearchPage *self,
             guint         position)
{
  g_autoptr(LdSearchPageResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (result == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)",
                              result->record_type, result->record_id);
}

static void
on_search_activate_cb (LdSearchPage   *self,
                       GtkSearchEntry *entry)
{
  /* Enter in the entry opens the best result. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0 && !self->searching)
    open_result (self, 0);
}

static void
on_list_activate_cb (LdSearchPage *self,
                     guint         position,
                     GtkListView  *list_view)
{
  open_result (self, position);
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdSearchPage *self = LD_SEARCH_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_result (LD_SEARCH_PAGE (widget), g_variant_get_uint32 (param));
}

/* --- GObject ------------------------------------------------------------------------------ */

static void
ld_search_page_dispose (GObject *object)
{
  LdSearchPage *self = (LdSearchPage *)object;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_SEARCH_PAGE);

  g_clear_object (&self->results);

  G_OBJECT_CLASS (ld_search_page_parent_class)->dispose (object);
}

static void
ld_search_page_finalize (GObject *object)
{
  LdSearchPage *self = (LdSearchPage *)object;

  g_clear_pointer (&self->shown_query, g_free);

  G_OBJECT_CLASS (ld_search_page_parent_class)->finalize (object);
}

static void
ld_search_page_class_init (LdSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->dispose = ld_search_page_dispose;
  object_class->finalize = ld_search_page_finalize;

  page_class->refresh = ld_search_page_refresh;

  g_type_ensure (LD_TYPE_SEARCH_PAGE_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LdSearchPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "search.focus", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "search.open", "u", open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "search.focus", NULL);
}

static void
ld_search_page_init (LdSearchPage *self)
{
  self->results = g_list_store_new (LD_TYPE_SEARCH_PAGE_RESULT);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->results));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

LdSearchPage *
ld_search_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_SEARCH_PAGE,
                       "vault", vault,
                       "title", _("Search"),
                       "icon-name", "system-search-symbolic",
                       NULL);
}

void
ld_search_page_set_query (LdSearchPage *self,
                          const char   *text)
{
  g_return_if_fail (LD_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

void
ld_search_page_set_kind (LdSearchPage *self,
                         const char   *kind)
{
  g_return_if_fail (LD_IS_SEARCH_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], kind != NULL ? kind : "") == 0)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
}

const char *
ld_search_page_get_state (LdSearchPage *self)
{
  g_return_val_if_fail (LD_IS_SEARCH_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

gboolean
ld_search_page_get_searching (LdSearchPage *self)
{
  g_return_val_if_fail (LD_IS_SEARCH_PAGE (self), FALSE);

  return self->searching;
}

const char *
ld_search_page_get_shown_query (LdSearchPage *self)
{
  g_return_val_if_fail (LD_IS_SEARCH_PAGE (self), NULL);

  return self->shown_query;
}

guint
ld_search_page_get_n_results (LdSearchPage *self)
{
  g_return_val_if_fail (LD_IS_SEARCH_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->results));
}

gboolean
ld_search_page_get_result (LdSearchPage  *self,
                           guint          position,
                           const char   **record_type,
                           gint64        *record_id,
                           const char   **title,
                           const char   **markup)
{
  g_autoptr(LdSearchPageResult) result = NULL;

  g_return_val_if_fail (LD_IS_SEARCH_PAGE (self), FALSE);

  result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (result == NULL)
    return FALSE;

  /* The store keeps the strings alive. */
  if (record_type != NULL)
    *record_type = result->record_type;
  if (record_id != NULL)
    *record_id = result->record_id;
  if (title != NULL)
    *title = result->title;
  if (markup != NULL)
    *markup = result->markup;
  return TRUE;
}
