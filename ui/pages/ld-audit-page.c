/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-audit-page.h"

#include "ld-ui-utils.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"

/* The newest entries shown at once; the filter narrows older ones down. */
#define LIST_LIMIT 5000

struct _LdAuditPage
{
  LdPage              parent_instance;

  /* Template Widgets */
  GtkEntry           *account_entry;
  GtkDropDown        *event_dropdown;
  GtkEntry           *since_entry;
  GtkEntry           *until_entry;
  GtkLabel           *filter_error_label;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkSortListModel   *sort_model;
  GListStore         *store;
  GtkImage           *verify_image;
  GtkLabel           *verify_label;
  GtkLabel           *count_label;
  GtkSpinner         *spinner;

  /* Owned References */
  char               *verify_result;
};

G_DEFINE_FINAL_TYPE (LdAuditPage, ld_audit_page, LD_TYPE_PAGE)

typedef struct
{
  char          *account;
  char          *event;
  LdAuditFilter  filter;
} ListJob;

static void
list_job_free (ListJob *job)
{
  g_free (job->account);
  g_free (job->event);
  g_free (job);
}

typedef struct
{
  gint64  n_entries;
  gint64  first_bad_seq;
  char   *problem;
} VerifyResult;

static void
verify_result_free (VerifyResult *result)
{
  g_free (result->problem);
  g_free (result);
}

/* The one place that decides which audit.* actions are enabled. */
static void
update_actions (LdAuditPage *self)
{
  gboolean busy = ld_page_get_busy (LD_PAGE (self));

  /* Template children are gone once disposed. */
  if (self->spinner == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.search", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", !busy);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* Cell formatters ---------------------------------------------------------- */

static char *
format_seq (gpointer item,
            gint64   seq)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, seq);
}

/* Loading ------------------------------------------------------------------ */

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;

  return ld_audit_list (vault, &job->filter, error);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdAuditPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  entries = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);
  update_actions (self);

  if (entries == NULL)
    {
      g_list_store_remove_all (self->store);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      gtk_label_set_label (self->count_label, "");
      ld_page_show_toast (LD_PAGE (self), error ? error->message : _("The audit trail could not be read."));
      return;
    }

  g_list_store_splice (self->store,
                       0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       entries->pdata,
                       entries->len);

  gtk_stack_set_visible_child_name (self->content_stack, entries->len > 0 ? "list" : "empty");

  if (entries->len >= LIST_LIMIT)
    count = g_strdup_printf (_("The newest %u entries; narrow the filter to see older ones"), entries->len);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", entries->len),
                             entries->len);
  gtk_label_set_label (self->count_label, count);
}

static void
ld_audit_page_refresh (LdPage *page)
{
  LdAuditPage *self = LD_AUDIT_PAGE (page);
  g_autoptr(GError) error = NULL;
  ListJob *job = g_new0 (ListJob, 1);
  const char * const *names = ld_audit_event_names ();
  g_autofree char *account = NULL;
  guint selected;

  account = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->account_entry))));
  job->account = account[0] != '\0' ? g_steal_pointer (&account) : NULL;

  /* Item 0 is “All events”. */
  selected = gtk_drop_down_get_selected (self->event_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && names != NULL &&
      selected - 1 < g_strv_length ((char **) names))
    job->event = g_strdup (names[selected - 1]);

  ld_widget_set_error (GTK_WIDGET (self->since_entry), FALSE);
  ld_widget_set_error (GTK_WIDGET (self->until_entry), FALSE);

  if (!ld_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->since_entry)), FALSE, &job->filter.since, &error))
    ld_widget_set_error (GTK_WIDGET (self->since_entry), TRUE);
  else if (!ld_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->until_entry)), TRUE, &job->filter.until, &error))
    ld_widget_set_error (GTK_WIDGET (self->until_entry), TRUE);

  gtk_label_set_label (self->filter_error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), error != NULL);

  if (error != NULL)
    {
      list_job_free (job);
      return;
    }

  job->filter.account = job->account;
  job->filter.event = job->event;
  job->filter.limit = LIST_LIMIT;

  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      list_worker,
                      job,
                      (GDestroyNotify) list_job_free,
                      (GDestroyNotify) g_ptr_array_unref,
                      ld_page_get_cancellable (page),
                      list_cb,
                      g_object_ref (self));
}

/* Verification ------------------------------------------------------------- */

static gpointer
verify_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LdAuditReport report = { 0 };
  VerifyResult *result;

  if (!ld_audit_verify (vault, &report, error))
    {
      ld_audit_report_clear (&report);
      return NULL;
    }

  result = g_new0 (VerifyResult, 1);
  result->n_entries = report.n_entries;
  result->first_bad_seq = report.first_bad_seq;
  result->problem = g_strdup (report.problem);
  ld_audit_report_clear (&report);

  return result;
}

static void
set_verify_result (LdAuditPage *self,
                   const char  *message,
                   gboolean     ok)
{
  g_free (self->verify_result);
  self->verify_result = g_strdup (message);

  gtk_label_set_label (self->verify_label, message);
  gtk_image_set_from_icon_name (self->verify_image, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->verify_image), TRUE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), ok ? "ld-verify-bad" : "ld-verify-ok");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), ok ? "ld-verify-ok" : "ld-verify-bad");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_image), ok ? "ld-verify-bad" : "ld-verify-ok");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_image), ok ? "ld-verify-ok" : "ld-verify-bad");
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  VerifyResult *report;

  report = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&report, verify_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);
  update_actions (self);

  if (report == NULL)
    {
      /* Translators: %s is an error message. */
      message = g_strdup_printf (_("The audit trail could not be verified: %s"), error ? error->message : "?");
      set_verify_result (self, message, FALSE);
    }
  else if (report->first_bad_seq == 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The audit trail is intact: %lld entry checked.",
                                              "The audit trail is intact: %lld entries checked.",
                                              (gulong) report->n_entries),
                                 (long long) report->n_entries);
      set_verify_result (self, message, TRUE);
    }
  else
    {
      /* Translators: %s is a translated description of the problem. */
      message = g_strdup_printf (_("The audit trail is broken at entry %lld: %s"),
                                 (long long) report->first_bad_seq,
                                 report->problem ? report->problem : "");
      set_verify_result (self, message, FALSE);
    }

  ld_page_show_toast (LD_PAGE (self), message);
  g_clear_pointer (&report, verify_result_free);

  /* The verification itself is now in the trail. */
  ld_page_refresh (LD_PAGE (self));
}

/* Actions ------------------------------------------------------------------ */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdAuditPage *self = LD_AUDIT_PAGE (widget);

  ld_audit_page_set_filter (self, NULL, NULL, NULL, NULL);
  ld_page_refresh (LD_PAGE (self));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdAuditPage *self = LD_AUDIT_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->account_entry));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdAuditPage *self = LD_AUDIT_PAGE (widget);

  if (ld_page_get_busy (LD_PAGE (self)))
    return;

  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_actions (self);
  gtk_label_set_label (self->verify_label, _("Verifying the audit trail…"));

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      verify_worker,
                      NULL, NULL,
                      (GDestroyNotify) verify_result_free,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      verify_cb,
                      g_object_ref (self));
}

static void
on_filter_activate_cb (LdAuditPage *self,
                       GtkEntry    *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "audit.search", NULL);
}

/* GObject ------------------------------------------------------------------ */

static void
ld_audit_page_constructed (GObject *object)
{
  LdAuditPage *self = (LdAuditPage *)object;
  g_autoptr(GtkStringList) events = gtk_string_list_new (NULL);
  const char * const *names = ld_audit_event_names ();
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) first = NULL;

  G_OBJECT_CLASS (ld_audit_page_parent_class)->constructed (object);

  gtk_string_list_append (events, _("All events"));
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_string_list_append (events, ld_audit_event_get_label (names[i]));
  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (events));
  gtk_drop_down_set_selected (self->event_dropdown, 0);

  /* Newest first, as the trail is read. */
  columns = gtk_column_view_get_columns (self->column_view);
  first = g_list_model_get_item (columns, 0);
  gtk_column_view_sort_by_column (self->column_view, first, GTK_SORT_DESCENDING);

  ld_page_refresh (LD_PAGE (self));
}

static void
ld_audit_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_AUDIT_PAGE);

  G_OBJECT_CLASS (ld_audit_page_parent_class)->dispose (object);
}

static void
ld_audit_page_finalize (GObject *object)
{
  LdAuditPage *self = (LdAuditPage *)object;

  g_clear_pointer (&self->verify_result, g_free);

  G_OBJECT_CLASS (ld_audit_page_parent_class)->finalize (object);
}

static void
ld_audit_page_class_init (LdAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_audit_page_constructed;
  object_class->dispose = ld_audit_page_dispose;
  object_class->finalize = ld_audit_page_finalize;

  page_class->refresh = ld_audit_page_refresh;

  g_type_ensure (LD_TYPE_AUDIT_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, account_entry);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, filter_error_label);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, store);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, verify_image);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdAuditPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_seq);

  gtk_widget_class_install_action (widget_class, "audit.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "audit.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "audit.focus-filter", NULL, focus_filter_action);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
}

static void
ld_audit_page_init (LdAuditPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdAuditPage *
ld_audit_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_AUDIT_PAGE,
                       "vault", vault,
                       "title", _("Audit Trail"),
                       "icon-name", "document-open-recent-symbolic",
                       NULL);
}

GListModel *
ld_audit_page_get_model (LdAuditPage *self)
{
  g_return_val_if_fail (LD_IS_AUDIT_PAGE (self), NULL);

  return G_LIST_MODEL (self->store);
}

const char *
ld_audit_page_get_verify_result (LdAuditPage *self)
{
  g_return_val_if_fail (LD_IS_AUDIT_PAGE (self), NULL);

  return self->verify_result;
}

void
ld_audit_page_set_filter (LdAuditPage *self,
                          const char  *account,
                          const char  *event,
                          const char  *since,
                          const char  *until)
{
  const char * const *names = ld_audit_event_names ();
  guint selected = 0;

  g_return_if_fail (LD_IS_AUDIT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->account_entry), account ? account : "");
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), since ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), until ? until : "");

  for (guint i = 0; event != NULL && names != NULL && names[i] != NULL; i++)
    if (g_strcmp0 (names[i], event) == 0)
      selected = i + 1;

  gtk_drop_down_set_selected (self->event_dropdown, selected);
}
