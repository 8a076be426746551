/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-forms-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-measure-forms-page.h"

#include "ld-ui-utils.h"
#include "records/ld-measure-repository.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-measure-section.h"

struct _LdMeasureFormsPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkStack            *content_stack;
  GtkSpinner          *spinner;
  AdwActionRow        *current_row;
  AdwActionRow        *original_row;
  GtkBox              *groups_box;
  AdwStatusPage       *error_status;

  /* Owned References */
  GPtrArray           *rows;             /* LdMeasureFormRow */
  char                *error_message;

  guint                loading : 1;
};

G_DEFINE_FINAL_TYPE (LdMeasureFormsPage, ld_measure_forms_page, LD_TYPE_PAGE)

static void load (LdMeasureFormsPage *self);

static gboolean
can_change (LdMeasureFormsPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_SETTINGS_CHANGE);
}

static void
set_loading (LdMeasureFormsPage *self,
             gboolean            loading)
{
  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);
}

static LdMeasureFormRow *
find_row (LdMeasureFormsPage *self,
          const char         *code)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      LdMeasureFormRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->code, code) == 0)
        return row;
    }

  return NULL;
}

/* --- The table ------------------------------------------------------------------- */

static GtkWidget *
make_row (LdMeasureFormsPage *self,
          LdMeasureFormRow   *form_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = ld_form_badge_new (form_row->form);
  GString *subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: a measure in the form table: its name and code */
  title = g_strdup_printf (_("%s (%s)"), form_row->label, form_row->code);
  /* Translators: the default form of a measure in the form table */
  g_string_append_printf (subtitle, _("Default %s"), ld_form_to_string (form_row->default_form));
  if (form_row->disputed)
    /* Translators: a measure whose form differs between the sources (有争议) */
    g_string_append_printf (subtitle, " · %s", _("disputed"));
  if (form_row->source != NULL && *form_row->source != '\0')
    g_string_append_printf (subtitle, " · %s", form_row->source);
  if (form_row->overridden)
    {
      g_autofree char *when = ld_format_timestamp (form_row->changed_at);

      g_string_append_c (subtitle, '\n');
      /* Translators: an administrator's change of a measure's form: reason, account, time */
      g_string_append_printf (subtitle, _("Changed: %s — %s, %s"), form_row->reason, form_row->account, when);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
  if (form_row->disputed)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-question-symbolic");

      gtk_widget_set_tooltip_text (mark, _("The sources differ on this measure's form"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  if (can_change (self))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Change…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Count this measure under another form"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "forms.change");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (form_row->code));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      if (form_row->overridden)
        {
          button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Reset to the default form"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Reset to the default form"), -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "forms.reset");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (form_row->code));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }

  return row;
}

static void
show_rows (LdMeasureFormsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  for (int c = 0; c < LD_N_MEASURE_CATEGORIES; c++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
        {
          LdMeasureFormRow *form_row = g_ptr_array_index (self->rows, i);

          if ((int) form_row->category != c)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                               ld_measure_category_get_label ((LdMeasureCategory) c));
              gtk_box_append (self->groups_box, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), make_row (self, form_row));
        }
    }
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return ld_measure_repository_list_forms (vault, error);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdMeasureFormsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      return;
    }

  set_loading (self, FALSE);
  g_clear_pointer (&self->error_message, g_free);
  if (rows == NULL)
    {
      self->error_message = g_strdup (error != NULL ? error->message : _("The forms could not be read."));
      adw_status_page_set_description (self->error_status, self->error_message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  show_rows (self);
  gtk_stack_set_visible_child_name (self->content_stack, "table");
}

static void
load (LdMeasureFormsPage *self)
{
  set_loading (self, TRUE);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), load_worker, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, ld_page_get_cancellable (LD_PAGE (self)), load_cb,
                      g_object_ref (self));
}

/* --- Changes --------------------------------------------------------------------- */

typedef struct
{
  char *code;
  int   form;      /* 0 = reset */
  char *reason;
} ChangeJob;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->code);
  g_free (job->reason);
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

  if (job->form == 0)
    ok = ld_measure_repository_reset_form (vault, job->code, error);
  else
    ok = ld_measure_repository_set_form (vault, job->code, job->form, job->reason, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdMeasureFormsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ld_vault_run_finish (LD_VAULT (object), result, &error) == NULL)
    {
      if (ld_error_is_cancelled (error))
        return;
      set_loading (self, FALSE);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The form could not be changed."));
      return;
    }

  ld_page_show_toast (LD_PAGE (self), _("Form changed"));
  load (self);
}

static void
run_change (LdMeasureFormsPage *self,
            const char         *code,
            int                 form,
            const char         *reason)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);

  job->code = g_strdup (code);
  job->form = form;
  job->reason = g_strdup (reason);
  set_loading (self, TRUE);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, NULL,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, g_object_ref (self));
}

static GtkWindow *
parent_window (LdMeasureFormsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

typedef struct
{
  LdMeasureFormsPage *self;
  char               *code;
  GtkDropDown        *form;
  GtkEditable        *reason;
} ChangeRequest;

static void
change_request_free (gpointer  data,
                     GClosure *closure)
{
  ChangeRequest *request = data;

  g_clear_object (&request->self);
  g_free (request->code);
  g_free (request);
}

static void
on_change_input_cb (AdwMessageDialog *dialog)
{
  ChangeRequest *request = g_object_get_data (G_OBJECT (dialog), "ld-request");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));

  adw_message_dialog_set_response_enabled (dialog, "change", *reason != '\0');
}

static void
on_change_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ChangeRequest    *request)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
  int form = (int) gtk_drop_down_get_selected (request->form) + 1;

  if (g_strcmp0 (response, "change") != 0 || *reason == '\0' || form < 1 || form > 4)
    return;
  run_change (request->self, request->code, form, reason);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdMeasureFormsPage *self = LD_MEASURE_FORMS_PAGE (widget);
  LdMeasureFormRow *form_row = find_row (self, g_variant_get_string (param, NULL));
  g_autoptr(GtkStringList) forms = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  ChangeRequest *request;
  GtkWidget *box;
  GtkWidget *dropdown;
  GtkWidget *entry;

  if (form_row == NULL || !can_change (self))
    return;

  for (int form = 1; form <= 4; form++)
    {
      /* Translators: a form in the change dialog, "F1 第一种形态" */
      g_autofree char *text = g_strdup_printf (_("%s %s"), ld_form_to_string (form), ld_form_get_label (form));

      gtk_string_list_append (forms, text);
    }

  /* Translators: %s is the name of a measure */
  heading = g_strdup_printf (_("Change the Form of “%s”?"), form_row->label);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading,
                                                       _("Every measure of this kind is counted under the new form "
                                                         "from now on, in all statistics. Give the reason.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (forms)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) (form_row->form - 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Form"), -1);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason (required)"), -1);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "change", _("C_hange"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "change", FALSE);
  adw_message_dialog_set_default_response (dialog, "change");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request = g_new0 (ChangeRequest, 1);
  request->self = g_object_ref (self);
  request->code = g_strdup (form_row->code);
  request->form = GTK_DROP_DOWN (dropdown);
  request->reason = GTK_EDITABLE (entry);
  g_object_set_data (G_OBJECT (dialog), "ld-request", request);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_change_input_cb), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_change_response_cb), request,
                         change_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  gtk_widget_grab_focus (entry);
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ChangeRequest    *request)
{
  if (g_strcmp0 (response, "reset") == 0)
    run_change (request->self, request->code, 0, NULL);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdMeasureFormsPage *self = LD_MEASURE_FORMS_PAGE (widget);
  LdMeasureFormRow *form_row = find_row (self, g_variant_get_string (param, NULL));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  ChangeRequest *request;

  if (form_row == NULL || !form_row->overridden || !can_change (self))
    return;

  /* Translators: %s is the name of a measure */
  heading = g_strdup_printf (_("Reset the Form of “%s”?"), form_row->label);
  /* Translators: %s is a form, "F2" */
  body = g_strdup_printf (_("Every measure of this kind counts under its default form %s again."),
                          ld_form_to_string (form_row->default_form));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reset", _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request = g_new0 (ChangeRequest, 1);
  request->self = g_object_ref (self);
  request->code = g_strdup (form_row->code);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_reset_response_cb), request,
                         change_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

/* --- GObject --------------------------------------------------------------------- */

static void
ld_measure_forms_page_refresh (LdPage *page)
{
  load (LD_MEASURE_FORMS_PAGE (page));
}

static void
ld_measure_forms_page_constructed (GObject *object)
{
  LdMeasureFormsPage *self = (LdMeasureFormsPage *)object;

  G_OBJECT_CLASS (ld_measure_forms_page_parent_class)->constructed (object);

  adw_action_row_set_subtitle (self->current_row, ld_form_get_formula (4, FALSE));
  adw_action_row_set_subtitle (self->original_row, ld_form_get_formula (4, TRUE));
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_measure_forms_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_MEASURE_FORMS_PAGE);

  G_OBJECT_CLASS (ld_measure_forms_page_parent_class)->dispose (object);
}

static void
ld_measure_forms_page_finalize (GObject *object)
{
  LdMeasureFormsPage *self = (LdMeasureFormsPage *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_measure_forms_page_parent_class)->finalize (object);
}

static void
ld_measure_forms_page_class_init (LdMeasureFormsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_measure_forms_page_constructed;
  object_class->dispose = ld_measure_forms_page_dispose;
  object_class->finalize = ld_measure_forms_page_finalize;
  page_class->refresh = ld_measure_forms_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/liandang/Liandang/ui/pages/ld-measure-forms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, original_row);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, LdMeasureFormsPage, error_status);

  gtk_widget_class_install_action (widget_class, "forms.change", "s", change_action);
  gtk_widget_class_install_action (widget_class, "forms.reset", "s", reset_action);
  gtk_widget_class_install_action (widget_class, "forms.refresh", NULL, refresh_action);
}

static void
ld_measure_forms_page_init (LdMeasureFormsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdMeasureFormsPage *
ld_measure_forms_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_MEASURE_FORMS_PAGE,
                       "vault", vault,
                       /* Translators: the page of the measures' forms (四种形态归类) */
                       "title", _("Forms of Measures"),
                       "icon-name", "view-list-symbolic",
                       NULL);
}

gboolean
ld_measure_forms_page_get_loading (LdMeasureFormsPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_FORMS_PAGE (self), FALSE);

  return self->loading;
}

guint
ld_measure_forms_page_get_n_codes (LdMeasureFormsPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_FORMS_PAGE (self), 0);

  return self->rows != NULL ? self->rows->len : 0;
}

int
ld_measure_forms_page_get_form (LdMeasureFormsPage *self,
                                const char         *code)
{
  LdMeasureFormRow *row;

  g_return_val_if_fail (LD_IS_MEASURE_FORMS_PAGE (self), 0);

  row = find_row (self, code);
  return row != NULL ? row->form : 0;
}

const char *
ld_measure_forms_page_get_error (LdMeasureFormsPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURE_FORMS_PAGE (self), NULL);

  return self->error_message;
}
