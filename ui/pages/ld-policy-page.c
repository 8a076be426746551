/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-policy-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-policy-page.h"

#include "ld-ui-utils.h"
#include "records/ld-settings-repository.h"
#include "records/ld-user-repository.h"
#include "records/ld-user.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-grant-row.h"
#include "widgets/ld-policy-row.h"

struct _LdPolicyPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *policy_group;
  AdwPreferencesGroup *accounts_group;
  GtkListBox          *accounts_list;
  GtkSpinner          *spinner;
  AdwEntryRow         *mark_row;
  AdwEntryRow         *organisation_row;
  GtkLabel            *marking_error_label;

  /* Owned References */
  GListStore          *accounts;
  GPtrArray           *policy_rows;
  char                *saved_mark;          /* the marking as the vault holds it, NULL until read */
  char                *saved_organisation;

  guint                filling_marking : 1; /* loading the rows: not the user's edits */
  guint                saving_marking : 1;
};

G_DEFINE_FINAL_TYPE (LdPolicyPage, ld_policy_page, LD_TYPE_PAGE)

typedef struct
{
  LdPolicy   policy;
  GPtrArray *users;
  char      *mark;
  char      *organisation;
} PolicyData;

static void
policy_data_free (PolicyData *data)
{
  g_clear_pointer (&data->users, g_ptr_array_unref);
  g_clear_pointer (&data->mark, g_free);
  g_clear_pointer (&data->organisation, g_free);
  g_free (data);
}

/* The marking as typed: a new string with the surrounding spaces cut. */
static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
can_change_marking (LdPolicyPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_POLICY_CHANGE);
}

static gboolean
marking_modified (LdPolicyPage *self)
{
  g_autofree char *mark = NULL;
  g_autofree char *organisation = NULL;

  if (self->mark_row == NULL || self->saved_mark == NULL)
    return FALSE;

  mark = dup_row_text (self->mark_row);
  organisation = dup_row_text (self->organisation_row);

  return g_strcmp0 (mark, self->saved_mark) != 0 ||
         g_strcmp0 (organisation, self->saved_organisation) != 0;
}

static gboolean
marking_valid (LdPolicyPage *self)
{
  g_autofree char *mark = dup_row_text (self->mark_row);
  g_autofree char *organisation = dup_row_text (self->organisation_row);

  return ld_settings_check (LD_SETTING_CLASSIFICATION_MARK, mark, NULL) &&
         ld_settings_check (LD_SETTING_ORGANISATION, organisation, NULL);
}

/* Checks both values as typed; on a problem shows the message under the
 * group, marks the row and returns FALSE. */
static gboolean
check_marking (LdPolicyPage *self)
{
  g_autofree char *mark = dup_row_text (self->mark_row);
  g_autofree char *organisation = dup_row_text (self->organisation_row);
  g_autoptr(GError) mark_error = NULL;
  g_autoptr(GError) organisation_error = NULL;
  GError *shown;

  ld_settings_check (LD_SETTING_CLASSIFICATION_MARK, mark, &mark_error);
  ld_settings_check (LD_SETTING_ORGANISATION, organisation, &organisation_error);

  ld_widget_set_error (GTK_WIDGET (self->mark_row), mark_error != NULL);
  ld_widget_set_error (GTK_WIDGET (self->organisation_row), organisation_error != NULL);

  shown = mark_error != NULL ? mark_error : organisation_error;
  gtk_label_set_label (self->marking_error_label, shown != NULL ? shown->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->marking_error_label), shown != NULL);

  return shown == NULL;
}

typedef struct
{
  GPtrArray *keys;
  GPtrArray *values;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  g_clear_pointer (&job->keys, g_ptr_array_unref);
  g_clear_pointer (&job->values, g_ptr_array_unref);
  g_free (job);
}

/* The one place that decides which policy.* actions are enabled. */
static void
update_actions (LdPolicyPage *self)
{
  gboolean busy = ld_page_get_busy (LD_PAGE (self));
  gboolean modified = FALSE;

  /* Template children are gone once disposed. */
  if (self->spinner == NULL)
    return;

  for (guint i = 0; i < self->policy_rows->len; i++)
    modified |= ld_policy_row_get_modified (g_ptr_array_index (self->policy_rows, i));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.apply", !busy && modified);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.revert", !busy && modified);

  modified = marking_modified (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.save-marking",
                                 !busy && !self->saving_marking && modified && marking_valid (self) &&
                                 can_change_marking (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.revert-marking",
                                 !busy && !self->saving_marking && modified);
  ld_widget_set_sensitive (GTK_WIDGET (self->mark_row),
                           self->saved_mark != NULL && !self->saving_marking && can_change_marking (self));
  ld_widget_set_sensitive (GTK_WIDGET (self->organisation_row),
                           self->saved_mark != NULL && !self->saving_marking && can_change_marking (self));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* Loading ------------------------------------------------------------------ */

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PolicyData *result = g_new0 (PolicyData, 1);

  if (!ld_policy_repository_get (vault, &result->policy, error) ||
      !(result->users = ld_user_repository_list (vault, error)) ||
      !(result->mark = ld_settings_repository_get (vault, LD_SETTING_CLASSIFICATION_MARK, error)) ||
      !(result->organisation = ld_settings_repository_get (vault, LD_SETTING_ORGANISATION, error)))
    {
      policy_data_free (result);
      return NULL;
    }

  return result;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdPolicyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PolicyData *data;

  data = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&data, policy_data_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (data == NULL)
    {
      ld_page_show_toast (LD_PAGE (self), error ? error->message : _("The policy could not be read."));
      update_actions (self);
      return;
    }

  for (guint i = 0; i < self->policy_rows->len; i++)
    {
      LdPolicyRow *row = g_ptr_array_index (self->policy_rows, i);

      ld_policy_row_load (row, ld_policy_get (&data->policy, ld_policy_row_get_key (row)));
    }

  g_list_store_splice (self->accounts,
                       0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       data->users->pdata,
                       data->users->len);

  /* The marking as stored; what the user typed and did not save is
   * replaced, as the policy rows are. */
  g_free (self->saved_mark);
  self->saved_mark = g_steal_pointer (&data->mark);
  g_free (self->saved_organisation);
  self->saved_organisation = g_steal_pointer (&data->organisation);
  self->filling_marking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->mark_row), self->saved_mark);
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), self->saved_organisation);
  self->filling_marking = FALSE;
  check_marking (self);

  policy_data_free (data);
  update_actions (self);
}

static void
ld_policy_page_refresh (LdPage *page)
{
  LdPolicyPage *self = LD_POLICY_PAGE (page);

  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      load_worker,
                      NULL, NULL,
                      (GDestroyNotify) policy_data_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* Writes ------------------------------------------------------------------- */

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdPolicyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (message == NULL)
    ld_page_show_toast (LD_PAGE (self), error ? error->message : _("The change could not be saved."));
  else
    {
      ld_page_show_toast (LD_PAGE (self), message);
      ld_page_emit_changed (LD_PAGE (self));
    }

  /* Show what the vault now holds, also after a refusal. */
  ld_page_refresh (LD_PAGE (self));
}

static void
run_write (LdPolicyPage    *self,
           LdVaultWorkFunc  func,
           gpointer         data,
           GDestroyNotify   data_free)
{
  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      func,
                      data,
                      data_free,
                      g_free,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      write_cb,
                      g_object_ref (self));
}

static gpointer
apply_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ApplyJob *job = data;

  for (guint i = 0; i < job->keys->len; i++)
    if (!ld_policy_repository_set (vault,
                                   g_ptr_array_index (job->keys, i),
                                   g_ptr_array_index (job->values, i),
                                   error))
      return NULL;

  return g_strdup (_("The policy was saved"));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdPolicyPage *self = LD_POLICY_PAGE (widget);
  ApplyJob *job = g_new0 (ApplyJob, 1);

  job->keys = g_ptr_array_new_with_free_func (g_free);
  job->values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->policy_rows->len; i++)
    {
      LdPolicyRow *row = g_ptr_array_index (self->policy_rows, i);

      if (!ld_policy_row_get_modified (row))
        continue;

      g_ptr_array_add (job->keys, g_strdup (ld_policy_row_get_key (row)));
      g_ptr_array_add (job->values, g_strdup_printf ("%d", ld_policy_row_get_value (row)));
    }

  if (job->keys->len == 0)
    {
      apply_job_free (job);
      return;
    }

  run_write (self, apply_worker, job, (GDestroyNotify) apply_job_free);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

/* Marking ------------------------------------------------------------------ */

typedef struct
{
  char *mark;
  char *organisation;
} MarkingJob;

static void
marking_job_free (MarkingJob *job)
{
  g_free (job->mark);
  g_free (job->organisation);
  g_free (job);
}

static gpointer
marking_worker (LdVault       *vault,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  MarkingJob *job = data;

  if (job->mark != NULL && !ld_settings_repository_set (vault, LD_SETTING_CLASSIFICATION_MARK, job->mark, error))
    return NULL;
  if (job->organisation != NULL && !ld_settings_repository_set (vault, LD_SETTING_ORGANISATION, job->organisation, error))
    return NULL;

  return g_strdup (_("The marking was saved"));
}

static void
marking_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LdPolicyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  self->saving_marking = FALSE;

  if (message == NULL)
    {
      /* Shown where the values are, which keep what was typed. */
      gtk_label_set_label (self->marking_error_label,
                           error != NULL ? error->message : _("The marking could not be saved."));
      gtk_widget_set_visible (GTK_WIDGET (self->marking_error_label), TRUE);
      update_actions (self);
      return;
    }

  ld_page_show_toast (LD_PAGE (self), message);
  ld_page_refresh (LD_PAGE (self));
}

static void
save_marking_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdPolicyPage *self = LD_POLICY_PAGE (widget);
  g_autofree char *mark = NULL;
  g_autofree char *organisation = NULL;
  MarkingJob *job;

  if (self->saving_marking || !marking_modified (self) || !check_marking (self))
    return;

  mark = dup_row_text (self->mark_row);
  organisation = dup_row_text (self->organisation_row);

  /* Only what changed: each change is its own audit entry. */
  job = g_new0 (MarkingJob, 1);
  if (g_strcmp0 (mark, self->saved_mark) != 0)
    job->mark = g_steal_pointer (&mark);
  if (g_strcmp0 (organisation, self->saved_organisation) != 0)
    job->organisation = g_steal_pointer (&organisation);

  self->saving_marking = TRUE;
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      marking_worker,
                      job,
                      (GDestroyNotify) marking_job_free,
                      g_free,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      marking_cb,
                      g_object_ref (self));
}

static void
revert_marking_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LdPolicyPage *self = LD_POLICY_PAGE (widget);

  if (self->saved_mark == NULL)
    return;

  self->filling_marking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->mark_row), self->saved_mark);
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), self->saved_organisation);
  self->filling_marking = FALSE;
  check_marking (self);
  update_actions (self);
}

static void
on_marking_changed_cb (LdPolicyPage *self,
                       GtkEditable  *editable)
{
  if (self->filling_marking)
    return;

  check_marking (self);
  update_actions (self);
}

static void
on_marking_activated_cb (LdPolicyPage *self,
                         AdwEntryRow  *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "policy.save-marking", NULL);
}

static gpointer
grant_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_set_grant (vault, job->name, job->grant, job->flag, error))
    return NULL;

  if (job->flag)
    /* Translators: the first %s is a grant (e.g. “Export”), the second an account name. */
    return g_strdup_printf (_("Granted “%s” to “%s”"), ld_grant_get_label (job->grant), job->name);
  else
    /* Translators: the first %s is a grant (e.g. “Export”), the second an account name. */
    return g_strdup_printf (_("Revoked “%s” from “%s”"), ld_grant_get_label (job->grant), job->name);
}

static void
on_grant_changed_cb (LdPolicyPage *self,
                     guint         grant,
                     gboolean      granted,
                     LdGrantRow   *row)
{
  LdAccountJob *job = ld_account_job_new (ld_user_get_name (ld_grant_row_get_user (row)));

  job->grant = grant;
  job->flag = granted;

  run_write (self, grant_worker, job, (GDestroyNotify) ld_account_job_free);
}

static gpointer
unlock_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_unlock (vault, job->name, error))
    return NULL;

  /* Translators: %s is an account name. */
  return g_strdup_printf (_("“%s” is unlocked and can sign in again"), job->name);
}

static void
on_unlock_requested_cb (LdPolicyPage *self,
                        LdGrantRow   *row)
{
  LdAccountJob *job = ld_account_job_new (ld_user_get_name (ld_grant_row_get_user (row)));

  run_write (self, unlock_worker, job, (GDestroyNotify) ld_account_job_free);
}

static GtkWidget *
create_grant_row (gpointer item,
                  gpointer user_data)
{
  LdPolicyPage *self = user_data;
  GtkWidget *row = ld_grant_row_new (LD_USER (item));

  g_signal_connect_object (row, "grant-changed", G_CALLBACK (on_grant_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "unlock-requested", G_CALLBACK (on_unlock_requested_cb), self, G_CONNECT_SWAPPED);

  return row;
}

/* GObject ------------------------------------------------------------------ */

static void
ld_policy_page_constructed (GObject *object)
{
  LdPolicyPage *self = (LdPolicyPage *)object;
  const char * const *keys = ld_policy_keys ();

  G_OBJECT_CLASS (ld_policy_page_parent_class)->constructed (object);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      GtkWidget *row = ld_policy_row_new (keys[i]);

      adw_preferences_group_add (self->policy_group, row);
      g_ptr_array_add (self->policy_rows, row);
      g_signal_connect_object (row, "notify::modified", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }

  gtk_list_box_bind_model (self->accounts_list,
                           G_LIST_MODEL (self->accounts),
                           create_grant_row,
                           self,
                           NULL);

  ld_page_refresh (LD_PAGE (self));
}

static void
ld_policy_page_dispose (GObject *object)
{
  LdPolicyPage *self = (LdPolicyPage *)object;

  if (self->accounts_list != NULL)
    gtk_list_box_bind_model (self->accounts_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_POLICY_PAGE);

  g_clear_object (&self->accounts);
  if (self->policy_rows != NULL)
    g_ptr_array_set_size (self->policy_rows, 0);

  G_OBJECT_CLASS (ld_policy_page_parent_class)->dispose (object);
}

static void
ld_policy_page_finalize (GObject *object)
{
  LdPolicyPage *self = (LdPolicyPage *)object;

  g_clear_pointer (&self->policy_rows, g_ptr_array_unref);
  g_clear_pointer (&self->saved_mark, g_free);
  g_clear_pointer (&self->saved_organisation, g_free);

  G_OBJECT_CLASS (ld_policy_page_parent_class)->finalize (object);
}

static void
ld_policy_page_class_init (LdPolicyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_policy_page_constructed;
  object_class->dispose = ld_policy_page_dispose;
  object_class->finalize = ld_policy_page_finalize;

  page_class->refresh = ld_policy_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-policy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, policy_group);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, mark_row);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, LdPolicyPage, marking_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_marking_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_marking_activated_cb);

  gtk_widget_class_install_action (widget_class, "policy.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "policy.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "policy.save-marking", NULL, save_marking_action);
  gtk_widget_class_install_action (widget_class, "policy.revert-marking", NULL, revert_marking_action);

  g_type_ensure (LD_TYPE_POLICY_ROW);
  g_type_ensure (LD_TYPE_GRANT_ROW);
}

static void
ld_policy_page_init (LdPolicyPage *self)
{
  /* Borrowed rows: the policy group owns them. */
  self->policy_rows = g_ptr_array_new ();
  self->accounts = g_list_store_new (LD_TYPE_USER);

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdPolicyPage *
ld_policy_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_POLICY_PAGE,
                       "vault", vault,
                       "title", _("Security Policy"),
                       "icon-name", "security-high-symbolic",
                       NULL);
}

GtkWidget *
ld_policy_page_get_row (LdPolicyPage *self,
                        const char   *key)
{
  g_return_val_if_fail (LD_IS_POLICY_PAGE (self), NULL);

  for (guint i = 0; i < self->policy_rows->len; i++)
    {
      LdPolicyRow *row = g_ptr_array_index (self->policy_rows, i);

      if (g_strcmp0 (ld_policy_row_get_key (row), key) == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

GListModel *
ld_policy_page_get_accounts (LdPolicyPage *self)
{
  g_return_val_if_fail (LD_IS_POLICY_PAGE (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

GtkWidget *
ld_policy_page_get_grant_row (LdPolicyPage *self,
                              const char   *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (LD_IS_POLICY_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->accounts_list, i)) != NULL; i++)
    if (LD_IS_GRANT_ROW (row) &&
        g_strcmp0 (ld_user_get_name (ld_grant_row_get_user (LD_GRANT_ROW (row))), name) == 0)
      return GTK_WIDGET (row);

  return NULL;
}
