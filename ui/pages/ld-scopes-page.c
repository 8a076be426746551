/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-scopes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-scopes-page.h"

#include "ld-ui-utils.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "records/ld-user-repository.h"
#include "records/ld-user.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-unit-picker.h"

struct _LdScopesPage
{
  LdPage         parent_instance;

  /* Template Widgets */
  GtkStack      *content_stack;
  GtkListBox    *list_box;
  GtkSpinner    *spinner;

  /* Owned References */
  GListStore    *accounts;   /* LdUser, business roles only */
  GHashTable    *scopes;     /* account name → GArray of gint64 */
  GHashTable    *units;      /* gint64 id → LdUnit */
  GPtrArray     *unit_list;  /* LdUnit in tree order */
  GHashTable    *expanded;   /* account names whose row is expanded */
};

G_DEFINE_FINAL_TYPE (LdScopesPage, ld_scopes_page, LD_TYPE_PAGE)

typedef struct
{
  GPtrArray  *users;      /* LdUser */
  GHashTable *scopes;     /* char* → GArray */
  GPtrArray  *units;      /* LdUnit */
} ScopesResult;

static void
scopes_result_free (gpointer data)
{
  ScopesResult *result = data;

  g_clear_pointer (&result->users, g_ptr_array_unref);
  g_clear_pointer (&result->scopes, g_hash_table_unref);
  g_clear_pointer (&result->units, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  char     *account;
  gint64    unit_id;
  gboolean  grant;
} ScopeJob;

static void
scope_job_free (gpointer data)
{
  ScopeJob *job = data;

  g_free (job->account);
  g_free (job);
}

static void
update_busy (LdScopesPage *self)
{
  gboolean busy = ld_page_get_busy (LD_PAGE (self));

  if (self->spinner == NULL)
    return;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scopes.grant", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scopes.revoke", !busy);
}

/* "县委 / 组织部" for a unit id; "All units" for 0. */
static char *
describe_unit (LdScopesPage *self,
               gint64        unit_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  LdUnit *unit;
  LdUnit *leaf;

  if (unit_id == 0)
    return g_strdup (_("All units"));

  leaf = g_hash_table_lookup (self->units, &unit_id);
  if (leaf == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, unit_id);

      /* Translators: a unit the page cannot name; %s is its number. */
      return g_strdup_printf (_("Unit number %s"), number);
    }

  for (unit = leaf; unit != NULL && names->len < 32; )
    {
      gint64 parent_id = ld_unit_get_parent_id (unit);

      g_ptr_array_insert (names, 0, (gpointer) ld_unit_get_name (unit));
      unit = parent_id != 0 ? g_hash_table_lookup (self->units, &parent_id) : NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (path, " / ");
      g_string_append (path, g_ptr_array_index (names, i));
    }

  if (ld_unit_get_retired_at (leaf) != 0)
    /* Translators: a granted unit that was retired or merged; %s is its path. */
    return g_strdup_printf (_("%s (retired: covers nothing)"), path->str);

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static char *
describe_scopes (GArray *scopes)
{
  guint n = scopes != NULL ? scopes->len : 0;

  if (n == 0)
    return g_strdup (_("No scope: sees nothing"));

  for (guint i = 0; i < n; i++)
    if (g_array_index (scopes, gint64, i) == 0)
      return g_strdup (_("All units"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit subtree", "%u unit subtrees", n), n);
}

static void
on_expanded_cb (LdScopesPage   *self,
                GParamSpec     *pspec,
                AdwExpanderRow *row)
{
  const char *account = g_object_get_data (G_OBJECT (row), "account");

  if (account == NULL)
    return;

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (account));
  else
    g_hash_table_remove (self->expanded, account);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  LdScopesPage *self = user_data;
  LdUser *user = item;
  const char *name = ld_user_get_name (user);
  GArray *scopes = g_hash_table_lookup (self->scopes, name);
  g_autofree char *summary = describe_scopes (scopes);
  g_autofree char *subtitle = NULL;
  AdwExpanderRow *row;
  GtkWidget *grant;

  row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: under an account name: its role, then what it may see. */
  subtitle = g_strdup_printf (_("%s · %s"), ld_role_get_label (ld_user_get_role (user)), summary);
  adw_expander_row_set_subtitle (row, subtitle);
  g_object_set_data_full (G_OBJECT (row), "account", g_strdup (name), g_free);

  grant = gtk_button_new_with_mnemonic (_("_Grant…"));
  gtk_widget_set_valign (grant, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (grant), "scopes.grant");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (grant), "s", name);
  gtk_widget_set_tooltip_text (grant, _("Let the account see a unit and the units below it"));
  adw_expander_row_add_action (row, grant);

  if (scopes == NULL || scopes->len == 0)
    {
      AdwActionRow *none = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No unit scope"));
      adw_action_row_set_subtitle (none, _("This account sees no cadres and no records until a scope is granted."));
      gtk_widget_add_css_class (GTK_WIDGET (none), "dim-label");
      adw_expander_row_add_row (row, GTK_WIDGET (none));
    }

  for (guint i = 0; scopes != NULL && i < scopes->len; i++)
    {
      gint64 unit_id = g_array_index (scopes, gint64, i);
      g_autofree char *title = describe_unit (self, unit_id);
      AdwActionRow *scope_row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *revoke;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scope_row), title);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (scope_row), FALSE);
      if (unit_id == 0)
        adw_action_row_set_subtitle (scope_row, _("Every unit, present and future"));
      else
        adw_action_row_set_subtitle (scope_row, _("This unit and every unit below it"));

      revoke = gtk_button_new_with_mnemonic (_("_Revoke…"));
      gtk_widget_set_valign (revoke, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (revoke, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (revoke), "scopes.revoke");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (revoke), "(sx)", name, unit_id);
      adw_action_row_add_suffix (scope_row, revoke);
      adw_expander_row_add_row (row, GTK_WIDGET (scope_row));
    }

  adw_expander_row_set_expanded (row, g_hash_table_contains (self->expanded, name));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (row);
}

/* Loading ------------------------------------------------------------------ */

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) users = NULL;
  ScopesResult *result;

  users = ld_user_repository_list (vault, error);
  if (users == NULL)
    return NULL;

  result = g_new0 (ScopesResult, 1);
  result->users = g_ptr_array_new_with_free_func (g_object_unref);
  result->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < users->len; i++)
    {
      LdUser *user = g_ptr_array_index (users, i);
      g_autoptr(GError) local_error = NULL;
      GArray *scopes;

      if (!ld_role_is_business (ld_user_get_role (user)))
        continue;

      scopes = ld_scope_list (vault, ld_user_get_name (user), &local_error);
      if (scopes == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          scopes_result_free (result);
          return NULL;
        }

      g_ptr_array_add (result->users, g_object_ref (user));
      g_hash_table_insert (result->scopes, g_strdup (ld_user_get_name (user)), scopes);
    }

  result->units = ld_unit_repository_list (vault, TRUE, error);
  if (result->units == NULL)
    {
      scopes_result_free (result);
      return NULL;
    }

  return result;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdScopesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ScopesResult *loaded;

  loaded = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&loaded, scopes_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);
  update_busy (self);

  if (loaded == NULL)
    {
      g_list_store_remove_all (self->accounts);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The unit scopes could not be read."));
      return;
    }

  g_hash_table_remove_all (self->units);
  for (guint i = 0; i < loaded->units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (loaded->units, i);

      g_hash_table_insert (self->units,
                           g_memdup2 (&(gint64) { ld_unit_get_id (unit) }, sizeof (gint64)),
                           g_object_ref (unit));
    }
  g_clear_pointer (&self->unit_list, g_ptr_array_unref);
  self->unit_list = g_ptr_array_ref (loaded->units);

  g_clear_pointer (&self->scopes, g_hash_table_unref);
  self->scopes = g_hash_table_ref (loaded->scopes);

  g_list_store_splice (self->accounts, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       loaded->users->pdata, loaded->users->len);

  gtk_stack_set_visible_child_name (self->content_stack, loaded->users->len > 0 ? "list" : "empty");

  scopes_result_free (loaded);
}

static void
ld_scopes_page_refresh (LdPage *page)
{
  LdScopesPage *self = LD_SCOPES_PAGE (page);

  ld_page_set_busy (page, TRUE);
  update_busy (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      load_worker,
                      NULL, NULL,
                      scopes_result_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* Writes ------------------------------------------------------------------- */

static gpointer
scope_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ScopeJob *job = data;

  if (job->grant)
    {
      if (!ld_scope_grant (vault, job->account, job->unit_id, error))
        return NULL;

      /* Translators: %s is an account name. */
      return g_strdup_printf (_("Scope granted to “%s”"), job->account);
    }

  if (!ld_scope_revoke (vault, job->account, job->unit_id, error))
    return NULL;

  /* Translators: %s is an account name. */
  return g_strdup_printf (_("Scope of “%s” revoked"), job->account);
}

static void
scope_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdScopesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (error != NULL)
    ld_page_show_toast (LD_PAGE (self), error->message);
  else if (message != NULL)
    ld_page_show_toast (LD_PAGE (self), message);

  ld_page_refresh (LD_PAGE (self));
}

static void
run_scope_job (LdScopesPage *self,
               const char   *account,
               gint64        unit_id,
               gboolean      grant)
{
  ScopeJob *job = g_new0 (ScopeJob, 1);

  job->account = g_strdup (account);
  job->unit_id = unit_id;
  job->grant = grant;

  /* A granted account's row opens, to show its scopes. */
  if (grant)
    g_hash_table_add (self->expanded, g_strdup (account));

  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_busy (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      scope_worker,
                      job, scope_job_free,
                      g_free,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      scope_cb,
                      g_object_ref (self));
}

static void
on_grant_response_cb (LdScopesPage     *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  LdUnitPicker *picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (dialog));
  const char *account = g_object_get_data (G_OBJECT (dialog), "account");
  gint64 unit_id = ld_unit_picker_get_selected_id (picker);

  if (g_strcmp0 (response, "grant") != 0 || account == NULL || unit_id < 0)
    return;

  run_scope_job (self, account, unit_id, TRUE);
}

static void
grant_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdScopesPage *self = LD_SCOPES_PAGE (widget);
  const char *account = g_variant_get_string (param, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  LdUnitPicker *picker;

  /* Translators: %s is an account name. */
  heading = g_strdup_printf (_("Grant a Unit Scope to “%s”"), account);
  /* Translators: %s is an account name. */
  body = g_strdup_printf (_("“%s” will see and work on the cadres and records of the unit you choose and of every unit below it."),
                          account);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, body));
  picker = ld_unit_picker_new ();
  ld_unit_picker_set_units (picker, self->unit_list, _("All units (present and future)"), 0);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (picker));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "grant", _("_Grant"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "grant", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "grant");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account", g_strdup (account), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_grant_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_revoke_response_cb (LdScopesPage     *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *account = g_object_get_data (G_OBJECT (dialog), "account");
  gint64 *unit_id = g_object_get_data (G_OBJECT (dialog), "unit-id");

  if (g_strcmp0 (response, "revoke") != 0 || account == NULL || unit_id == NULL)
    return;

  run_scope_job (self, account, *unit_id, FALSE);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdScopesPage *self = LD_SCOPES_PAGE (widget);
  const char *account = NULL;
  gint64 unit_id = 0;
  g_autofree char *unit = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_variant_get (param, "(&sx)", &account, &unit_id);
  unit = describe_unit (self, unit_id);

  /* Translators: the first %s is an account name, the second a unit or "All units". */
  heading = g_strdup_printf (_("Revoke the Scope of “%s” on “%s”?"), account, unit);
  /* Translators: %s is an account name. */
  body = g_strdup_printf (_("“%s” will no longer see the cadres and records of this scope, unless another of its scopes covers them."),
                          account);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "account", g_strdup (account), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "unit-id", g_memdup2 (&unit_id, sizeof unit_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revoke_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

/* GObject ------------------------------------------------------------------ */

static void
ld_scopes_page_constructed (GObject *object)
{
  LdScopesPage *self = (LdScopesPage *)object;

  G_OBJECT_CLASS (ld_scopes_page_parent_class)->constructed (object);

  ld_page_refresh (LD_PAGE (self));
}

static void
ld_scopes_page_dispose (GObject *object)
{
  LdScopesPage *self = (LdScopesPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_SCOPES_PAGE);

  g_clear_object (&self->accounts);
  g_clear_pointer (&self->unit_list, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_scopes_page_parent_class)->dispose (object);
}

static void
ld_scopes_page_finalize (GObject *object)
{
  LdScopesPage *self = (LdScopesPage *)object;

  g_clear_pointer (&self->scopes, g_hash_table_unref);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (ld_scopes_page_parent_class)->finalize (object);
}

static void
ld_scopes_page_class_init (LdScopesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_scopes_page_constructed;
  object_class->dispose = ld_scopes_page_dispose;
  object_class->finalize = ld_scopes_page_finalize;

  page_class->refresh = ld_scopes_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-scopes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdScopesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdScopesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, LdScopesPage, spinner);

  gtk_widget_class_install_action (widget_class, "scopes.grant", "s", grant_action);
  gtk_widget_class_install_action (widget_class, "scopes.revoke", "(sx)", revoke_action);
}

static void
ld_scopes_page_init (LdScopesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->accounts = g_list_store_new (LD_TYPE_USER);
  self->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->accounts), create_account_row, self, NULL);
}

LdScopesPage *
ld_scopes_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_SCOPES_PAGE,
                       "vault", vault,
                       "title", _("Unit Scopes"),
                       "icon-name", "security-medium-symbolic",
                       NULL);
}

GListModel *
ld_scopes_page_get_accounts (LdScopesPage *self)
{
  g_return_val_if_fail (LD_IS_SCOPES_PAGE (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

gboolean
ld_scopes_page_has_scope (LdScopesPage *self,
                          const char   *account,
                          gint64        unit_id)
{
  GArray *scopes;

  g_return_val_if_fail (LD_IS_SCOPES_PAGE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  scopes = self->scopes != NULL ? g_hash_table_lookup (self->scopes, account) : NULL;

  for (guint i = 0; scopes != NULL && i < scopes->len; i++)
    if (g_array_index (scopes, gint64, i) == unit_id)
      return TRUE;

  return FALSE;
}

gint64
ld_scopes_page_find_unit (LdScopesPage *self,
                          const char   *name)
{
  g_return_val_if_fail (LD_IS_SCOPES_PAGE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; self->unit_list != NULL && i < self->unit_list->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (self->unit_list, i);

      if (g_strcmp0 (ld_unit_get_name (unit), name) == 0)
        return ld_unit_get_id (unit);
    }

  return 0;
}
