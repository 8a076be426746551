/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-rule-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-rule-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"

#define TAGS_KEY "high-risk-post-tags"

struct _LdRuleDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *value_group;
  AdwEntryRow         *value_row;
  GtkLabel            *unit_label;
  AdwPreferencesGroup *tags_group;
  GtkListBox          *tags_list;
  AdwEntryRow         *source_row;
  AdwEntryRow         *valid_from_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *save_button;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  GPtrArray           *tag_buttons;   /* GtkCheckButton, code in "code" data */
  char                *key;
  char                *error_message;

  guint                busy : 1;
  guint                can_save : 1;
  guint                source_touched : 1;
};

G_DEFINE_FINAL_TYPE (LdRuleDialog, ld_rule_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  char *key;
  char *value;
  char *source;
  char *valid_from;
} RuleJob;

static void
rule_job_free (gpointer data)
{
  RuleJob *job = data;

  g_free (job->key);
  g_free (job->value);
  g_free (job->source);
  g_free (job->valid_from);
  g_free (job);
}

static gboolean
is_tags (LdRuleDialog *self)
{
  return g_strcmp0 (self->key, TAGS_KEY) == 0;
}

/* A deadline or required-talk rule rather than a category rule. */
static gboolean
is_case (LdRuleDialog *self)
{
  return ld_case_rules_is_key (self->key);
}

static const char *
key_label (const char *key)
{
  if (ld_case_rules_is_key (key))
    return ld_case_rule_key_get_label (key);
  return ld_category_rule_key_get_label (key);
}

static void
show_error (LdRuleDialog *self,
            const char   *message)
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

static char *
get_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The value in its text form: the number typed, or the checked post-tag
 * codes separated by commas. */
static char *
get_value (LdRuleDialog *self)
{
  g_autoptr(GString) out = NULL;

  if (!is_tags (self))
    return get_stripped (self->value_row);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->tag_buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (self->tag_buttons, i);

      if (!gtk_check_button_get_active (button))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_object_get_data (G_OBJECT (button), "code"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checks the form with the core's own value rules (pure, no SQL), marks
 * the rows in error, shows the first problem and enables "rule.save".
 * TRUE when the form may be saved. */
static gboolean
validate (LdRuleDialog *self)
{
  g_auto(LdCategoryRules) scratch = { 0 };
  g_autoptr(GError) value_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *source = NULL;
  g_autofree char *valid_from = NULL;
  const char *message = NULL;
  gboolean value_ok, date_ok, source_ok;
  gint64 seconds;

  if (self->value_row == NULL)
    return FALSE;

  value = get_value (self);
  source = get_stripped (self->source_row);
  valid_from = get_stripped (self->valid_from_row);

  ld_category_rules_init_defaults (&scratch);
  if (!is_tags (self) && value[0] == '\0')
    {
      value_ok = FALSE;
      message = _("Enter the new value as a whole number.");
    }
  else if (is_case (self))
    {
      LdCaseRules case_scratch;

      ld_case_rules_init_defaults (&case_scratch);
      if (!(value_ok = ld_case_rules_set (&case_scratch, self->key, value, &value_error)))
        message = value_error->message;
    }
  else if (!(value_ok = ld_category_rules_set (&scratch, self->key, value, &value_error)))
    message = value_error->message;

  if (valid_from[0] == '\0')
    {
      date_ok = FALSE;
      if (message == NULL)
        message = _("Enter the day the value takes effect, as YYYY-MM-DD.");
    }
  else if (!(date_ok = ld_ui_parse_date (valid_from, FALSE, &seconds, &date_error)) && message == NULL)
    message = date_error->message;

  source_ok = source[0] != '\0';
  if (!source_ok && self->source_touched && message == NULL)
    message = _("Name the regulation or decision that sets the value, for example its document number.");

  ld_widget_set_error (GTK_WIDGET (self->value_row), !value_ok && !is_tags (self));
  ld_widget_set_error (GTK_WIDGET (self->valid_from_row), !date_ok);
  ld_widget_set_error (GTK_WIDGET (self->source_row), !source_ok && self->source_touched);
  show_error (self, message);

  self->can_save = !self->busy && value_ok && date_ok && source_ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.save", self->can_save);

  return value_ok && date_ok && source_ok;
}

static void
on_form_changed_cb (LdRuleDialog *self)
{
  validate (self);
}

static void
on_source_changed_cb (LdRuleDialog *self,
                      GtkEditable  *editable)
{
  self->source_touched = TRUE;
  validate (self);
}

static void
set_busy (LdRuleDialog *self,
          gboolean      busy)
{
  self->busy = !!busy;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->value_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->tags_list), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->source_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->valid_from_row), !busy);
  if (busy)
    {
      self->can_save = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.save", FALSE);
    }
  else
    validate (self);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RuleJob *job = data;

  if (ld_case_rules_is_key (job->key))
    {
      if (!ld_case_rules_repository_set (vault, job->key, job->value, job->source, job->valid_from, error))
        return NULL;
    }
  else if (!ld_rules_repository_set (vault, job->key, job->value, job->source, job->valid_from, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdRuleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gpointer ok;

  ok = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);

  if (ok == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The rule could not be saved."));
      return;
    }

  /* Translators: %s is the description of a category rule. */
  message = g_strdup_printf (_("Rule changed: %s"), key_label (self->key));
  g_signal_emit (self, signals [SIGNAL_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdRuleDialog *self = LD_RULE_DIALOG (widget);
  RuleJob *job;

  if (self->busy)
    return;

  self->source_touched = TRUE;
  if (!validate (self))
    return;

  job = g_new0 (RuleJob, 1);
  job->key = g_strdup (self->key);
  job->value = get_value (self);
  job->source = get_stripped (self->source_row);
  job->valid_from = get_stripped (self->valid_from_row);

  show_error (self, NULL);
  set_busy (self, TRUE);

  ld_vault_run_async (self->vault,
                      save_worker,
                      job, rule_job_free,
                      NULL,
                      self->cancellable,
                      save_cb,
                      g_object_ref (self));
}

static void
set_tags (LdRuleDialog *self,
          const char   *value)
{
  g_auto(GStrv) codes = g_strsplit (value != NULL ? value : "", ",", -1);

  for (guint i = 0; i < self->tag_buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (self->tag_buttons, i);
      const char *code = g_object_get_data (G_OBJECT (button), "code");
      gboolean active = FALSE;

      for (guint j = 0; codes[j] != NULL && !active; j++)
        active = g_strcmp0 (g_strstrip (codes[j]), code) == 0;

      gtk_check_button_set_active (button, active);
    }
}

/* The post types as rows with a check button: data, not layout. */
static void
build_tag_rows (LdRuleDialog *self)
{
  const LdCode *codes;
  guint n = 0;

  codes = ld_code_table_get (LD_CODE_TABLE_POST_TAG, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), codes[i].label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (codes[i].code), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->tags_list, row);
      g_ptr_array_add (self->tag_buttons, check);
    }
}

static gboolean
ld_rule_dialog_close_request (GtkWindow *window)
{
  LdRuleDialog *self = LD_RULE_DIALOG (window);

  /* The rule is being written; let it finish. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_rule_dialog_parent_class)->close_request (window);
}

static void
ld_rule_dialog_dispose (GObject *object)
{
  LdRuleDialog *self = (LdRuleDialog *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->tag_buttons != NULL)
    g_ptr_array_set_size (self->tag_buttons, 0);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_RULE_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_rule_dialog_parent_class)->dispose (object);
}

static void
ld_rule_dialog_finalize (GObject *object)
{
  LdRuleDialog *self = (LdRuleDialog *)object;

  g_clear_pointer (&self->tag_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_rule_dialog_parent_class)->finalize (object);
}

static void
ld_rule_dialog_class_init (LdRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_rule_dialog_dispose;
  object_class->finalize = ld_rule_dialog_finalize;
  window_class->close_request = ld_rule_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-rule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, value_group);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, tags_group);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, tags_list);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdRuleDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_changed_cb);

  gtk_widget_class_install_action (widget_class, "rule.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "rule.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_rule_dialog_init (LdRuleDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->tag_buttons = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdRuleDialog *
ld_rule_dialog_new (LdVault    *vault,
                    const char *key,
                    const char *current_value)
{
  LdRuleDialog *self;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  const char *unit;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (key_label (key) != NULL, NULL);

  self = g_object_new (LD_TYPE_RULE_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->key = g_strdup (key);

  adw_preferences_group_set_title (self->value_group, key_label (key));
  unit = is_case (self) ? NULL : ld_category_rule_key_get_unit (key);

  if (is_case (self))
    {
      gtk_label_set_label (self->unit_label, ld_case_rule_key_get_unit (key));
      adw_preferences_group_set_description (self->value_group,
                                             _("A whole number. Deadlines already shown move with the new value; records keep their history."));
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), current_value != NULL ? current_value : "");
    }
  else if (is_tags (self))
    {
      build_tag_rows (self);
      set_tags (self, current_value);
      adw_preferences_group_set_title (self->tags_group, ld_category_rule_key_get_label (key));
      gtk_widget_set_visible (GTK_WIDGET (self->value_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_group), TRUE);
    }
  else
    {
      const char *description;

      if (g_strcmp0 (unit, "months") == 0)
        {
          gtk_label_set_label (self->unit_label, C_("rule unit", "months"));
          description = _("A whole number of months.");
        }
      else
        {
          gtk_label_set_label (self->unit_label, C_("rule unit", "years"));
          if (g_str_has_suffix (key, "-zheng"))
            description = _("A whole number of years; 0 means the threshold of the level applies.");
          else
            description = _("A whole number of years; 0 means no cadre at this level counts as young.");
        }
      adw_preferences_group_set_description (self->value_group, description);
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), current_value != NULL ? current_value : "");
    }

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->valid_from_row), today);

  validate (self);

  if (is_tags (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->value_row));

  return self;
}

const char *
ld_rule_dialog_get_key (LdRuleDialog *self)
{
  g_return_val_if_fail (LD_IS_RULE_DIALOG (self), NULL);

  return self->key;
}

void
ld_rule_dialog_fill (LdRuleDialog *self,
                     const char   *value,
                     const char   *source,
                     const char   *valid_from)
{
  g_return_if_fail (LD_IS_RULE_DIALOG (self));

  if (value != NULL)
    {
      if (is_tags (self))
        set_tags (self, value);
      else
        gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
    }
  if (source != NULL)
    {
      self->source_touched = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), source);
    }
  if (valid_from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->valid_from_row), valid_from);

  validate (self);
}

gboolean
ld_rule_dialog_get_can_save (LdRuleDialog *self)
{
  g_return_val_if_fail (LD_IS_RULE_DIALOG (self), FALSE);

  return self->can_save;
}

const char *
ld_rule_dialog_get_error_message (LdRuleDialog *self)
{
  g_return_val_if_fail (LD_IS_RULE_DIALOG (self), NULL);

  return self->error_message;
}

gboolean
ld_rule_dialog_get_busy (LdRuleDialog *self)
{
  g_return_val_if_fail (LD_IS_RULE_DIALOG (self), FALSE);

  return self->busy;
}
