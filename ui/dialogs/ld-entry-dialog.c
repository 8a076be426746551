/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-entry-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-file-section.h"

/* One input of the form. */
typedef struct
{
  const LdEntryFieldInfo *info;
  GtkWidget              *row;     /* the row shown (and marked) */
  GtkWidget              *input;   /* AdwEntryRow, GtkTextView, GtkSwitch or AdwComboRow */
} LdEntryInput;

struct _LdEntryDialog
{
  AdwWindow                parent_instance;

  /* Template Widgets */
  AdwWindowTitle          *window_title;
  GtkButton               *save_button;
  GtkSpinner              *spinner;
  AdwPreferencesGroup     *head_group;
  AdwComboRow             *kind_row;
  AdwEntryRow             *date_row;
  AdwPreferencesGroup     *fields_group;
  GtkLabel                *error_label;

  /* Owned References */
  LdVault                 *vault;
  GCancellable            *cancellable;
  GArray                  *inputs;       /* LdEntryInput */
  GHashTable              *touched;      /* keys the user changed */
  char                    *error_key;
  char                    *error_message;

  /* Borrowed References */
  const LdFileSectionInfo *section;

  gint64                   cadre_id;
  gint64                   entry_id;
  gboolean                 valid;
  gboolean                 busy;
  gboolean                 dirty;
  gboolean                 filling;
};

G_DEFINE_FINAL_TYPE (LdEntryDialog, ld_entry_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void validate (LdEntryDialog *self);

/* --- Reading the form -------------------------------------------------------- */

static const char *
current_kind (LdEntryDialog *self)
{
  guint selected;

  if (self->section->kinds == NULL)
    return "";
  selected = adw_combo_row_get_selected (self->kind_row);
  for (guint i = 0; self->section->kinds[i].code != NULL; i++)
    if (i == selected)
      return self->section->kinds[i].code;
  return "";
}

static char *
input_get_text (const LdEntryInput *input)
{
  switch (input->info->type)
    {
    case LD_ENTRY_FIELD_LONG_TEXT:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input->input));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }
    case LD_ENTRY_FIELD_BOOL:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (input->input)) ? "1" : "0");
    case LD_ENTRY_FIELD_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (input->input));

        /* Position 0 is "not given". */
        for (guint i = 0; input->info->choices[i].code != NULL; i++)
          if (i + 1 == selected)
            return g_strdup (input->info->choices[i].code);
        return g_strdup ("");
      }
    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_DATE:
    case LD_ENTRY_FIELD_YEAR:
    case LD_ENTRY_FIELD_INT:
    case LD_ENTRY_FIELD_DECIMAL:
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input->input)));
    }
}

static void
input_set_text (const LdEntryInput *input,
                const char         *value)
{
  if (value == NULL)
    value = "";

  switch (input->info->type)
    {
    case LD_ENTRY_FIELD_LONG_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input->input)), value, -1);
      break;
    case LD_ENTRY_FIELD_BOOL:
      gtk_switch_set_active (GTK_SWITCH (input->input), g_str_equal (value, "1"));
      break;
    case LD_ENTRY_FIELD_CHOICE:
      {
        guint position = 0;

        for (guint i = 0; input->info->choices[i].code != NULL; i++)
          if (g_str_equal (input->info->choices[i].code, value))
            position = i + 1;
        adw_combo_row_set_selected (ADW_COMBO_ROW (input->input), position);
      }
      break;
    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_DATE:
    case LD_ENTRY_FIELD_YEAR:
    case LD_ENTRY_FIELD_INT:
    case LD_ENTRY_FIELD_DECIMAL:
    default:
      gtk_editable_set_text (GTK_EDITABLE (input->input), value);
      break;
    }
}

static void
build_spec (LdEntryDialog   *self,
            LdFileEntrySpec *spec)
{
  const char *kind = current_kind (self);

  ld_file_entry_spec_init (spec, self->section->code);
  g_free (spec->kind);
  spec->kind = g_strdup (kind);
  g_free (spec->entry_date);
  spec->entry_date = g_strdup (self->section->date_label != NULL
                               ? gtk_editable_get_text (GTK_EDITABLE (self->date_row)) : "");

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const LdEntryInput *input = &g_array_index (self->inputs, LdEntryInput, i);
      g_autofree char *text = NULL;

      if (!ld_file_section_field_applies (self->section, input->info, kind))
        continue;
      text = input_get_text (input);
      ld_file_entry_spec_set (spec, input->info->key, text);
    }
}

/* --- State ------------------------------------------------------------------- */

static void
update_actions (LdEntryDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entry.save", self->valid && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
show_message (LdEntryDialog *self,
              const char    *message,
              gboolean       is_error)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "ld-inline-error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "ld-inline-error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "dim-label");
    }
}

static void
validate (LdEntryDialog *self)
{
  g_auto(LdFileEntrySpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  const char *kind;
  gboolean marked = FALSE;

  if (self->filling)
    return;

  build_spec (self, &spec);
  self->valid = ld_file_entry_spec_validate (&spec, &bad_key, &error);
  g_clear_pointer (&self->error_key, g_free);
  g_clear_pointer (&self->error_message, g_free);

  if (!self->valid)
    {
      self->error_message = g_strdup (error ? error->message : _("The entry is not complete."));
      /* Only a row the user has touched is marked; an untouched empty form
       * just explains what is missing. */
      if (bad_key != NULL && g_hash_table_contains (self->touched, bad_key))
        {
          self->error_key = g_strdup (bad_key);
          marked = TRUE;
        }
    }

  /* Rows: show the fields of the kind, mark the bad one. */
  kind = current_kind (self);
  ld_widget_set_error (GTK_WIDGET (self->date_row), marked && g_strcmp0 (self->error_key, "entry-date") == 0);
  ld_widget_set_error (GTK_WIDGET (self->kind_row), marked && g_strcmp0 (self->error_key, "kind") == 0);
  for (guint i = 0; i < self->inputs->len; i++)
    {
      const LdEntryInput *input = &g_array_index (self->inputs, LdEntryInput, i);

      gtk_widget_set_visible (input->row, ld_file_section_field_applies (self->section, input->info, kind));
      ld_widget_set_error (input->row, marked && g_strcmp0 (self->error_key, input->info->key) == 0);
    }

  show_message (self, self->error_message, marked);
  update_actions (self);
}

static void
touch (LdEntryDialog *self,
       const char    *key)
{
  if (self->filling)
    return;
  g_hash_table_add (self->touched, g_strdup (key));
  self->dirty = TRUE;
  validate (self);
}

static void
on_input_changed_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (user_data);

  touch (self, g_object_get_data (object, "ld-key"));
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      gpointer       user_data)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (user_data);

  touch (self, g_object_get_data (G_OBJECT (buffer), "ld-key"));
}

/* --- Building the form ------------------------------------------------------- */

static char *
field_title (const LdEntryFieldInfo *info)
{
  const char *label = ld_file_section_gettext (info->label);

  if (info->required)
    /* Translators: the title of a field that must be filled in */
    return g_strdup_printf (_("%s (required)"), label);
  return g_strdup (label);
}

static void
add_input (LdEntryDialog          *self,
           const LdEntryFieldInfo *info)
{
  g_autofree char *title = field_title (info);
  LdEntryInput input = { info, NULL, NULL };
  const char *hint = info->hint ? ld_file_section_gettext (info->hint) : NULL;

  switch (info->type)
    {
    case LD_ENTRY_FIELD_LONG_TEXT:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        GtkWidget *label = gtk_label_new (title);
        GtkWidget *scrolled = gtk_scrolled_window_new ();
        GtkWidget *view = gtk_text_view_new ();

        input.row = adw_preferences_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (input.row), title);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (input.row), FALSE);
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_widget_set_margin_top (box, 8);
        gtk_widget_set_margin_bottom (box, 8);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "caption-heading");
        gtk_box_append (GTK_BOX (box), label);
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 4);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
        gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
        gtk_box_append (GTK_BOX (box), scrolled);
        if (hint != NULL)
          {
            GtkWidget *hint_label = gtk_label_new (hint);

            gtk_label_set_xalign (GTK_LABEL (hint_label), 0);
            gtk_label_set_wrap (GTK_LABEL (hint_label), TRUE);
            gtk_widget_add_css_class (hint_label, "dim-label");
            gtk_widget_add_css_class (hint_label, "caption");
            gtk_box_append (GTK_BOX (box), hint_label);
          }
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (input.row), box);
        input.input = view;
        g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))), "ld-key", (gpointer) info->key);
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                 G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_DEFAULT);
      }
      break;

    case LD_ENTRY_FIELD_BOOL:
      input.row = adw_action_row_new ();
      input.input = gtk_switch_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (input.row), title);
      if (hint != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (input.row), hint);
      gtk_widget_set_valign (input.input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (input.row), input.input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (input.row), input.input);
      g_object_set_data (G_OBJECT (input.input), "ld-key", (gpointer) info->key);
      g_signal_connect_object (input.input, "notify::active", G_CALLBACK (on_input_changed_cb), self,
                               G_CONNECT_DEFAULT);
      break;

    case LD_ENTRY_FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

        /* Translators: the empty choice of a pick list */
        gtk_string_list_append (model, C_("choice", "Not given"));
        for (guint i = 0; info->choices[i].code != NULL; i++)
          gtk_string_list_append (model, ld_file_section_gettext (info->choices[i].label));
        input.row = adw_combo_row_new ();
        input.input = input.row;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (input.row), title);
        if (hint != NULL)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (input.row), hint);
        adw_combo_row_set_model (ADW_COMBO_ROW (input.row), G_LIST_MODEL (model));
        g_object_set_data (G_OBJECT (input.input), "ld-key", (gpointer) info->key);
        g_signal_connect_object (input.input, "notify::selected", G_CALLBACK (on_input_changed_cb), self,
                                 G_CONNECT_DEFAULT);
      }
      break;

    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_DATE:
    case LD_ENTRY_FIELD_YEAR:
    case LD_ENTRY_FIELD_INT:
    case LD_ENTRY_FIELD_DECIMAL:
    default:
      {
        input.row = adw_entry_row_new ();
        input.input = input.row;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (input.row), title);
        if (hint != NULL)
          gtk_widget_set_tooltip_text (input.row, hint);
        else if (info->type != LD_ENTRY_FIELD_TEXT)
          gtk_widget_set_tooltip_text (input.row, ld_entry_field_type_hint (info->type));
        g_object_set_data (G_OBJECT (input.input), "ld-key", (gpointer) info->key);
        g_signal_connect_object (input.input, "notify::text", G_CALLBACK (on_input_changed_cb), self,
                                 G_CONNECT_DEFAULT);
      }
      break;
    }

  adw_preferences_group_add (self->fields_group, input.row);
  g_array_append_val (self->inputs, input);
}

static void
build_form (LdEntryDialog *self)
{
  const LdFileSectionInfo *section = self->section;

  adw_window_title_set_title (self->window_title,
                              self->entry_id == 0 ? _("New Entry") : _("Change Entry"));
  adw_window_title_set_subtitle (self->window_title, ld_file_section_gettext (section->title));
  gtk_window_set_title (GTK_WINDOW (self), ld_file_section_gettext (section->title));
  adw_preferences_group_set_title (self->head_group, ld_file_section_gettext (section->title));
  adw_preferences_group_set_description (self->head_group, ld_file_section_gettext (section->description));

  if (section->kinds != NULL)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

      for (guint i = 0; section->kinds[i].code != NULL; i++)
        gtk_string_list_append (model, ld_file_section_gettext (section->kinds[i].label));
      adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (model));
      gtk_widget_set_visible (GTK_WIDGET (self->kind_row), TRUE);
      g_object_set_data (G_OBJECT (self->kind_row), "ld-key", (gpointer) "kind");
      g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_input_changed_cb), self,
                               G_CONNECT_DEFAULT);
    }

  if (section->date_label != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s (required)"), ld_file_section_gettext (section->date_label));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), title);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), ld_entry_field_type_hint (section->date_type));
      gtk_widget_set_visible (GTK_WIDGET (self->date_row), TRUE);
      g_object_set_data (G_OBJECT (self->date_row), "ld-key", (gpointer) "entry-date");
      g_signal_connect_object (self->date_row, "notify::text", G_CALLBACK (on_input_changed_cb), self,
                               G_CONNECT_DEFAULT);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->head_group), TRUE);

  for (guint i = 0; i < section->n_fields; i++)
    add_input (self, &section->fields[i]);
}

static void
fill_from_entry (LdEntryDialog *self,
                 LdFileEntry   *entry)
{
  const char *kind = ld_file_entry_get_kind (entry);

  self->filling = TRUE;
  if (self->section->kinds != NULL)
    for (guint i = 0; self->section->kinds[i].code != NULL; i++)
      if (g_strcmp0 (self->section->kinds[i].code, kind) == 0)
        adw_combo_row_set_selected (self->kind_row, i);
  if (self->section->date_label != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), ld_file_entry_get_entry_date (entry));
  for (guint i = 0; i < self->inputs->len; i++)
    {
      const LdEntryInput *input = &g_array_index (self->inputs, LdEntryInput, i);

      input_set_text (input, ld_file_entry_get_value (entry, input->info->key));
    }
  self->filling = FALSE;
}

/* --- Saving ------------------------------------------------------------------ */

typedef struct
{
  gint64          cadre_id;
  gint64          entry_id;
  LdFileEntrySpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_file_entry_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 *id = g_new0 (gint64, 1);

  if (job->entry_id == 0)
    {
      if (!ld_file_entry_repository_create (vault, job->cadre_id, &job->spec, id, error))
        return (g_free (id), NULL);
    }
  else
    {
      if (!ld_file_entry_repository_update (vault, job->entry_id, &job->spec, error))
        return (g_free (id), NULL);
      *id = job->entry_id;
    }

  return id;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdEntryDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error))
    return;

  self->busy = FALSE;
  ld_widget_set_sensitive (GTK_WIDGET (self->fields_group), TRUE);
  ld_widget_set_sensitive (GTK_WIDGET (self->head_group), TRUE);

  if (id == NULL)
    {
      g_clear_pointer (&self->error_message, g_free);
      self->error_message = g_strdup (error ? error->message : _("The entry could not be saved."));
      show_message (self, self->error_message, TRUE);
      update_actions (self);
      return;
    }

  self->dirty = FALSE;
  g_signal_emit (self, signals [SIGNAL_SAVED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (widget);
  SaveJob *job;

  validate (self);
  if (!self->valid || self->busy)
    return;

  job = g_new0 (SaveJob, 1);
  job->cadre_id = self->cadre_id;
  job->entry_id = self->entry_id;
  build_spec (self, &job->spec);

  self->busy = TRUE;
  update_actions (self);
  ld_widget_set_sensitive (GTK_WIDGET (self->fields_group), FALSE);
  ld_widget_set_sensitive (GTK_WIDGET (self->head_group), FALSE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- Cancelling ------------------------------------------------------------- */

/* After the confirmation has closed: destroying the dialog from inside
 * the confirmation's response would destroy the confirmation (a transient
 * of it) while it is still emitting. */
static void
destroy_later_cb (gpointer data)
{
  g_autoptr(GtkWindow) window = data;

  gtk_window_destroy (window);
}

static void
on_discard_response_cb (LdEntryDialog *self,
                        const char    *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      g_idle_add_once (destroy_later_cb, g_object_ref (self));
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty || self->busy)
    {
      if (!self->busy)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                                       _("What you typed in this entry will be lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
ld_entry_dialog_close_request (GtkWindow *window)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (window);

  if (self->dirty || self->busy)
    {
      cancel_action (GTK_WIDGET (self), "entry.cancel", NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ld_entry_dialog_parent_class)->close_request (window);
}

/* --- GObject ----------------------------------------------------------------- */

static void
ld_entry_dialog_dispose (GObject *object)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_ENTRY_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (ld_entry_dialog_parent_class)->dispose (object);
}

static void
ld_entry_dialog_finalize (GObject *object)
{
  LdEntryDialog *self = LD_ENTRY_DIALOG (object);

  g_clear_pointer (&self->inputs, g_array_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->error_key, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_entry_dialog_parent_class)->finalize (object);
}

static void
ld_entry_dialog_class_init (LdEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_entry_dialog_dispose;
  object_class->finalize = ld_entry_dialog_finalize;
  window_class->close_request = ld_entry_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, head_group);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, LdEntryDialog, error_label);

  gtk_widget_class_install_action (widget_class, "entry.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "entry.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "entry.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "entry.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "entry.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "entry.cancel", NULL);
}

static void
ld_entry_dialog_init (LdEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->inputs = g_array_new (FALSE, TRUE, sizeof (LdEntryInput));
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdEntryDialog *
ld_entry_dialog_new (GtkWindow   *parent,
                     LdVault     *vault,
                     gint64       cadre_id,
                     const char  *section,
                     LdFileEntry *entry)
{
  LdEntryDialog *self;
  const LdFileSectionInfo *info;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (entry == NULL || LD_IS_FILE_ENTRY (entry), NULL);

  info = ld_file_section_lookup (entry != NULL ? ld_file_entry_get_section (entry) : section);
  g_return_val_if_fail (info != NULL && info->has_entries, NULL);

  self = g_object_new (LD_TYPE_ENTRY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->vault = g_object_ref (vault);
  self->section = info;
  self->cadre_id = entry != NULL ? ld_file_entry_get_cadre_id (entry) : cadre_id;
  self->entry_id = entry != NULL ? ld_file_entry_get_id (entry) : 0;

  build_form (self);
  if (entry != NULL)
    fill_from_entry (self, entry);
  validate (self);

  /* Typing starts in the first field. */
  if (info->kinds != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
  else if (info->date_label != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
  else if (self->inputs->len > 0)
    gtk_widget_grab_focus (g_array_index (self->inputs, LdEntryInput, 0).input);

  return self;
}

gboolean
ld_entry_dialog_set_value (LdEntryDialog *self,
                           const char    *key,
                           const char    *value)
{
  g_return_val_if_fail (LD_IS_ENTRY_DIALOG (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_str_equal (key, "kind"))
    {
      if (self->section->kinds == NULL)
        return FALSE;
      for (guint i = 0; self->section->kinds[i].code != NULL; i++)
        if (g_strcmp0 (self->section->kinds[i].code, value) == 0)
          {
            adw_combo_row_set_selected (self->kind_row, i);
            touch (self, "kind");
            return TRUE;
          }
      return FALSE;
    }

  if (g_str_equal (key, "entry-date"))
    {
      if (self->section->date_label == NULL)
        return FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), value ? value : "");
      touch (self, "entry-date");
      return TRUE;
    }

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const LdEntryInput *input = &g_array_index (self->inputs, LdEntryInput, i);

      if (g_str_equal (input->info->key, key))
        {
          input_set_text (input, value);
          touch (self, key);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
ld_entry_dialog_get_can_save (LdEntryDialog *self)
{
  g_return_val_if_fail (LD_IS_ENTRY_DIALOG (self), FALSE);

  return self->valid && !self->busy;
}

const char *
ld_entry_dialog_get_error_key (LdEntryDialog *self)
{
  g_return_val_if_fail (LD_IS_ENTRY_DIALOG (self), NULL);

  return self->error_key;
}

const char *
ld_entry_dialog_get_error_message (LdEntryDialog *self)
{
  g_return_val_if_fail (LD_IS_ENTRY_DIALOG (self), NULL);

  return self->error_message;
}
