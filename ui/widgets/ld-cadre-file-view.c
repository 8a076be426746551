/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-file-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-cadre-file-view.h"

#include "dialogs/ld-cadre-dialog.h"
#include "dialogs/ld-entry-dialog.h"
#ifdef LD_UI_HAVE_EXPORT_DIALOG
#include "dialogs/ld-export-dialog.h"
#endif
#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-file-section.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"
#include "widgets/ld-case-alerts.h"
#include "widgets/ld-measure-section.h"
#include "widgets/ld-section-fields.h"

struct _LdCadreFileView
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkLabel            *title_label;
  GtkStack            *state_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *status_page;
  GtkStack            *view_stack;
  GtkListBox          *section_list;
  GtkScrolledWindow   *content_scroller;
  GtkBox              *content_box;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *post_label;
  GtkLabel            *facts_label;
  GtkFlowBox          *badge_box;
  GtkLabel            *explain_label;
  GtkEntry            *tag_entry;
  GtkBox              *block_box;
  AdwPreferencesGroup *alerts_group;
  LdCaseAlerts        *alerts_view;
  GtkListBox          *alerts_empty_list;
  AdwPreferencesGroup *file_attachments_group;
  GtkBox              *sections_box;
  GtkListBox          *history_list;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;        /* the view's jobs; cancelled in dispose */
  GCancellable        *load_cancellable;   /* the running load */
  LdCadre             *cadre;
  GPtrArray           *entries;            /* LdFileEntry */
  GHashTable          *attachments;        /* "cadre" or entry id string → GPtrArray of LdAttachment */
  GPtrArray           *versions;           /* LdCadreVersion */
  GPtrArray           *badges;             /* char*: category codes and tags shown */
  GPtrArray           *temp_paths;         /* opened attachments, removed at dispose */
  GPtrArray           *file_attachment_rows;
  GListStore          *alerts;             /* LdBoardItem */
  GPtrArray           *petitions;          /* LdPetition reporting the cadre (no reporter fields), or NULL */
  GPtrArray           *clues;              /* LdClue about the cadre, or NULL */
  GPtrArray           *talks;              /* LdTalk the cadre took part in, or NULL */
  char                *petitions_error;    /* why F could not be listed, or NULL */
  char                *talks_error;        /* why G could not be listed, or NULL */
  GPtrArray           *measures;           /* LdMeasure of the cadre (section H), or NULL */
  char                *measures_error;     /* why H could not be listed, or NULL */
  GPtrArray           *opinion_items;      /* LdOpinionItem of the cadre (section M), or NULL */
  GPtrArray           *opinion_purposes;   /* char*: the purpose label per opinion item */
  char                *opinions_error;     /* why M could not be listed, or NULL */

  gint64               cadre_id;
  gboolean             busy;
  gboolean             audited;            /* the opening was audited already */
};

G_DEFINE_FINAL_TYPE (LdCadreFileView, ld_cadre_file_view, ADW_TYPE_BIN)

enum {
  SIGNAL_CLOSE_REQUESTED,
  SIGNAL_CHANGED,
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void start_load (LdCadreFileView *self);

/* --- Small helpers ----------------------------------------------------------- */

static void
toast (LdCadreFileView *self,
       const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  g_signal_emit (self, signals [SIGNAL_ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWindow *
get_parent_window (LdCadreFileView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static LdFileEntry *
find_entry (LdCadreFileView *self,
            gint64           id)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    if (ld_file_entry_get_id (g_ptr_array_index (self->entries, i)) == id)
      return g_ptr_array_index (self->entries, i);
  return NULL;
}

static LdAttachment *
find_attachment (LdCadreFileView *self,
                 gint64           id)
{
  GHashTableIter iter;
  gpointer value;

  if (self->attachments == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, self->attachments);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;

      for (guint i = 0; i < list->len; i++)
        if (((LdAttachment *) g_ptr_array_index (list, i))->id == id)
          return g_ptr_array_index (list, i);
    }
  return NULL;
}

static gboolean
file_is_writable (LdCadreFileView *self)
{
  return self->cadre != NULL && ld_cadre_get_retired_at (self->cadre) == 0 && !self->busy;
}

static void
update_actions (LdCadreFileView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = file_is_writable (self);

  gtk_widget_action_set_enabled (widget, "file.edit", writable);
  gtk_widget_action_set_enabled (widget, "file.add-entry", writable);
  gtk_widget_action_set_enabled (widget, "file.edit-entry", writable);
  gtk_widget_action_set_enabled (widget, "file.retire-entry", writable);
  gtk_widget_action_set_enabled (widget, "file.attach", writable);
  gtk_widget_action_set_enabled (widget, "file.retire-attachment", writable);
  gtk_widget_action_set_enabled (widget, "file.add-tag", writable);
  gtk_widget_action_set_enabled (widget, "file.remove-tag", writable);
  gtk_widget_action_set_enabled (widget, "file.set-photo", writable);
  gtk_widget_action_set_enabled (widget, "file.remove-photo", writable);
  gtk_widget_action_set_enabled (widget, "file.open-attachment", self->cadre != NULL);
  gtk_widget_action_set_enabled (widget, "file.save-attachment", self->cadre != NULL);
  gtk_widget_action_set_enabled (widget, "file.show-history", self->cadre != NULL);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  gtk_widget_action_set_enabled (widget, "file.export", self->cadre != NULL);
#endif
  gtk_widget_action_set_enabled (widget, "file.reload", self->cadre_id != 0 && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_entry), writable);
}

/* --- Badges ------------------------------------------------------------------ */

static GtkWidget *
make_badge (const char *text,
            const char *style,
            const char *tooltip,
            const char *remove_tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "ld-badge");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (box, style);
  gtk_box_append (GTK_BOX (box), label);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (box, tooltip);

  if (remove_tag != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *button_tip = NULL;

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "ld-badge-remove");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "file.remove-tag");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (remove_tag));
      /* Translators: %s is a manual tag */
      button_tip = g_strdup_printf (_("Remove the tag “%s”"), remove_tag);
      gtk_widget_set_tooltip_text (button, button_tip);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static void
show_badges (LdCadreFileView *self,
             GPtrArray       *explanations)
{
  const char *category_text = ld_cadre_get_categories (self->cadre);
  const char *tag_text = ld_cadre_get_tags (self->cadre);
  g_auto(GStrv) categories = g_strsplit (category_text ? category_text : "", ",", -1);
  g_auto(GStrv) tags = g_strsplit (tag_text ? tag_text : "", ",", -1);
  GString *all = g_string_new (NULL);

  remove_all_children (GTK_WIDGET (self->badge_box));
  g_ptr_array_set_size (self->badges, 0);

  for (guint i = 0; explanations != NULL && i < explanations->len; i++)
    g_string_append_printf (all, "%s%s", all->len ? "\n" : "", (const char *) g_ptr_array_index (explanations, i));

  for (guint i = 0; categories[i] != NULL; i++)
    {
      LdCategory category = ld_category_from_string (g_strstrip (categories[i]));
      const char *label;
      g_autofree char *tooltip = NULL;
      const char *explanation = NULL;

      if (category == LD_CATEGORY_NONE)
        continue;
      label = ld_category_get_label (category);
      for (guint j = 0; explanations != NULL && j < explanations->len; j++)
        if (g_str_has_prefix (g_ptr_array_index (explanations, j), label))
          explanation = g_ptr_array_index (explanations, j);
      /* Translators: tooltip of a computed category badge; %s explains it */
      tooltip = g_strdup_printf (_("%s\nComputed from the file; it cannot be removed by hand."),
                                 explanation ? explanation : label);
      {
        GtkWidget *badge = make_badge (label, "ld-badge-category", tooltip, NULL);
        g_autofree char *style = g_strconcat ("ld-badge-", categories[i], NULL);

        /* The same tint per category as in the cadre list. */
        gtk_widget_add_css_class (badge, style);
        gtk_flow_box_append (self->badge_box, badge);
      }
      g_ptr_array_add (self->badges, g_strdup (categories[i]));
    }

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_strstrip (tags[i]);
      if (*tags[i] == '\0')
        continue;
      gtk_flow_box_append (self->badge_box,
                           make_badge (tags[i], "ld-badge-tag", _("A tag added by hand"),
                                       file_is_writable (self) ? tags[i] : NULL));
      g_ptr_array_add (self->badges, g_strdup (tags[i]));
    }

  gtk_label_set_text (self->explain_label, all->str);
  gtk_widget_set_visible (GTK_WIDGET (self->explain_label), all->len > 0);
  g_string_free (all, TRUE);
}

/* --- Attachments ------------------------------------------------------------- */

static GtkWidget *
make_attachment_row (LdAttachment *attachment,
                     gboolean      writable)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *size = ld_attachment_format_size (attachment->size);
  g_autofree char *type = g_content_type_get_description (attachment->content_type);
  g_autofree char *when = ld_format_timestamp (attachment->created_at);
  /* Translators: type, size, date and account of an attachment */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · added %s by %s"), type, size, when,
                                               attachment->account ? attachment->account : "");
  GVariant *target = g_variant_new_int64 (attachment->id);
  g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (attachment->content_type);
  GtkWidget *button;

  g_variant_ref_sink (target);
  /* User text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_gicon (icon));

  button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "file.open-attachment");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Save a Copy…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "file.save-attachment");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (writable)
    {
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Retire the Attachment…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "file.retire-attachment");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  g_variant_unref (target);
  return row;
}

static void
show_file_attachments (LdCadreFileView *self)
{
  GPtrArray *list = self->attachments ? g_hash_table_lookup (self->attachments, "cadre") : NULL;

  for (guint i = 0; i < self->file_attachment_rows->len; i++)
    adw_preferences_group_remove (self->file_attachments_group, g_ptr_array_index (self->file_attachment_rows, i));
  g_ptr_array_set_size (self->file_attachment_rows, 0);

  if (list == NULL || list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No attachments"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->file_attachments_group, row);
      g_ptr_array_add (self->file_attachment_rows, row);
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = make_attachment_row (g_ptr_array_index (list, i), file_is_writable (self));

      adw_preferences_group_add (self->file_attachments_group, row);
      g_ptr_array_add (self->file_attachment_rows, row);
    }
}

/* --- Sections ---------------------------------------------------------------- */

static GtkWidget *
make_header_button (const char *icon_name,
                    const char *label,
                    const char *action,
                    GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
make_value_row (const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (value != NULL && *value != '\0')
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      /* Short values stay on one line; long ones wrap at about 40. */
      gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (g_utf8_strlen (value, -1) * 2, 24));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *label = gtk_label_new ("—");

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
fill_section_a (LdCadreFileView     *self,
                AdwPreferencesGroup *group)
{
  const LdCadreFields *fields = ld_cadre_get_fields (self->cadre);
  const char * const *names = ld_cadre_field_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *raw = NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (names[i], "unit_id"))
        value = g_strdup (ld_cadre_get_unit_name (self->cadre));
      else
        {
          raw = ld_section_a_value_text (fields, names[i]);
          value = ld_section_a_value_label (names[i], raw);
        }
      adw_preferences_group_add (group, make_value_row (ld_cadre_field_get_label (names[i]), value));
    }
}

static gboolean
outcome_is_alarming (const char *section,
                     const char *outcome)
{
  static const char * const alarming[] = {
    "omitted", "concealed", "incompetent", "unqualified", "basically-competent", "basically-qualified", NULL,
  };

  return g_strcmp0 (section, "J") != 0 && g_strv_contains (alarming, outcome);
}

static GtkWidget *
make_entry_row (LdCadreFileView         *self,
                const LdFileSectionInfo *section,
                LdFileEntry             *entry)
{
  GtkWidget *row = adw_expander_row_new ();
  const char *summary = ld_file_entry_get_summary (entry);
  const char *kind = ld_file_entry_get_kind (entry);
  const char *date = ld_file_entry_get_entry_date (entry);
  const char *outcome = ld_file_entry_get_outcome (entry);
  GPtrArray *attachments;
  g_autofree char *id_key = g_strdup_printf ("%" G_GINT64_FORMAT, ld_file_entry_get_id (entry));
  GString *subtitle = g_string_new (NULL);
  gboolean writable = file_is_writable (self);
  GVariant *target = g_variant_ref_sink (g_variant_new_int64 (ld_file_entry_get_id (entry)));
  GtkWidget *actions;

  /* User text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 summary && *summary ? summary : _("(no summary)"));
  if (date != NULL && *date != '\0')
    g_string_append (subtitle, date);
  if (kind != NULL && *kind != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", ld_file_section_kind_label (section, kind));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  /* The outcome badge: 漏报 and 瞒报 and poor grades stand out. */
  if (outcome != NULL && *outcome != '\0' && section->outcome_key != NULL)
    {
      const LdEntryFieldInfo *field = ld_file_section_find_field (section, section->outcome_key);
      const char *label = field ? ld_entry_field_choice_label (field, outcome) : outcome;

      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   make_badge (label,
                                               outcome_is_alarming (section->code, outcome)
                                               ? "ld-badge-warning" : "ld-badge-outcome",
                                               field ? ld_file_section_gettext (field->label) : NULL, NULL));
    }
  if (ld_file_entry_get_n_attachments (entry) > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", ld_file_entry_get_n_attachments (entry));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_box_append (GTK_BOX (box), gtk_label_new (count));
      gtk_widget_add_css_class (box, "dim-label");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (box, _("Attachments"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), box);
    }

  /* The fields with a value. */
  for (guint i = 0; i < section->n_fields; i++)
    {
      const LdEntryFieldInfo *field = &section->fields[i];
      const char *value = ld_file_entry_get_value (entry, field->key);
      g_autofree char *shown = NULL;

      if (value == NULL || *value == '\0' || !ld_file_section_field_applies (section, field, kind))
        continue;
      if (field->type == LD_ENTRY_FIELD_CHOICE)
        shown = g_strdup (ld_entry_field_choice_label (field, value));
      else if (field->type == LD_ENTRY_FIELD_BOOL)
        shown = g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
      else
        shown = g_strdup (value);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                make_value_row (ld_file_section_gettext (field->label), shown));
    }

  attachments = self->attachments ? g_hash_table_lookup (self->attachments, id_key) : NULL;
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), make_attachment_row (g_ptr_array_index (attachments, i), writable));

  /* The entry's commands. */
  if (writable)
    {
      GtkWidget *action_row = adw_action_row_new ();

      actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_halign (actions, GTK_ALIGN_END);
      gtk_widget_set_hexpand (actions, TRUE);
      gtk_box_append (GTK_BOX (actions), make_header_button ("document-edit-symbolic", _("_Edit…"),
                                                             "file.edit-entry", target));
      gtk_box_append (GTK_BOX (actions), make_header_button ("mail-attachment-symbolic", _("_Attach…"),
                                                             "file.attach", target));
      gtk_box_append (GTK_BOX (actions), make_header_button ("user-trash-symbolic", _("_Retire…"),
                                                             "file.retire-entry", target));
      gtk_widget_add_css_class (gtk_widget_get_last_child (actions), "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), actions);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);
    }

  g_object_set_data (G_OBJECT (row), "ld-entry", entry);
  g_variant_unref (target);
  return row;
}

/* --- Sections F and G: the records about the cadre ------------------------------ */

/* The first line of a user text, for a dense row. */
static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  end = strchr (text, '\n');
  return g_strstrip (end != NULL ? g_strndup (text, end - text) : g_strdup (text));
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

/* One dense row of a record: the summary as title, then registration
 * number, date, kind and status; activating it opens the record
 * ("win.show-record" (sx)). Every text is user data: never markup. */
static GtkWidget *
make_record_row (const char *record_type,
                 gint64      id,
                 const char *type_label,
                 const char *reg_no,
                 const char *date,
                 const char *kind,
                 const char *status,
                 const char *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *prefix = gtk_label_new (type_label);
  g_autofree char *title = first_line (summary);
  GString *subtitle = g_string_new (NULL);

  append_part (subtitle, reg_no);
  append_part (subtitle, date);
  append_part (subtitle, kind);
  append_part (subtitle, status);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title != '\0' ? title : _("(no summary)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  g_string_free (subtitle, TRUE);

  gtk_widget_add_css_class (prefix, "dim-label");
  gtk_widget_add_css_class (prefix, "caption");
  gtk_label_set_width_chars (GTK_LABEL (prefix), 6);
  gtk_label_set_xalign (GTK_LABEL (prefix), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-record");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new ("(sx)", record_type, id));
  g_object_set_data_full (G_OBJECT (row), "ld-record-type", g_strdup (record_type), g_free);
  return row;
}

static GtkWidget *
make_dim_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* Section F: the petitions reporting the cadre and the clues about the
 * cadre. The petitions come without any reporter field (the repository
 * never gives them to a cadre's file), and none is shown here either. */
static guint
fill_section_f (LdCadreFileView     *self,
                AdwPreferencesGroup *group)
{
  guint count = 0;

  if (self->petitions_error != NULL)
    {
      adw_preferences_group_add (group, make_dim_row (self->petitions_error));
      return 0;
    }

  for (guint i = 0; self->petitions != NULL && i < self->petitions->len; i++)
    {
      LdPetition *petition = g_ptr_array_index (self->petitions, i);
      const char *result = ld_petition_get_result_label (petition);
      g_autofree char *status = NULL;

      if (result != NULL && *result != '\0')
        status = g_strdup_printf ("%s (%s)", ld_petition_get_status_label (petition), result);
      else
        status = g_strdup (ld_petition_get_status_label (petition));
      adw_preferences_group_add (group,
                                 make_record_row ("petition", ld_petition_get_id (petition),
                                                  /* Translators: the kind of a row in a cadre's file */
                                                  C_("record", "Petition"),
                                                  ld_petition_get_reg_no (petition),
                                                  ld_petition_get_received_date (petition),
                                                  ld_petition_get_kind_label (petition),
                                                  status,
                                                  ld_petition_get_summary (petition)));
      count++;
    }

  for (guint i = 0; self->clues != NULL && i < self->clues->len; i++)
    {
      LdClue *clue = g_ptr_array_index (self->clues, i);
      const char *result = ld_clue_get_result_label (clue);
      g_autofree char *status = NULL;

      if (result != NULL && *result != '\0')
        status = g_strdup_printf ("%s (%s)", ld_clue_get_status_label (clue), result);
      else
        status = g_strdup (ld_clue_get_status_label (clue));
      adw_preferences_group_add (group,
                                 make_record_row ("clue", ld_clue_get_id (clue),
                                                  /* Translators: the kind of a row in a cadre's file */
                                                  C_("record", "Clue"),
                                                  ld_clue_get_reg_no (clue),
                                                  ld_clue_get_received_date (clue),
                                                  ld_clue_get_source_label (clue),
                                                  status,
                                                  ld_clue_get_summary (clue)));
      count++;
    }

  if (count == 0)
    adw_preferences_group_add (group, make_dim_row (_("No petitions or clues concern this cadre")));
  return count;
}

/* Section G: the talks the cadre took part in. */
static guint
fill_section_g (LdCadreFileView     *self,
                AdwPreferencesGroup *group)
{
  guint count = 0;

  if (self->talks_error != NULL)
    {
      adw_preferences_group_add (group, make_dim_row (self->talks_error));
      return 0;
    }

  for (guint i = 0; self->talks != NULL && i < self->talks->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (self->talks, i);
      const char *outcome = ld_talk_get_outcome (talk);
      const char *summary = ld_talk_get_reason (talk);

      if (summary == NULL || *summary == '\0')
        summary = ld_talk_get_problems (talk);
      adw_preferences_group_add (group,
                                 make_record_row ("talk", ld_talk_get_id (talk),
                                                  /* Translators: the kind of a row in a cadre's file */
                                                  C_("record", "Talk"),
                                                  ld_talk_get_reg_no (talk),
                                                  ld_talk_get_talk_date (talk),
                                                  ld_talk_get_type_label (talk),
                                                  outcome != NULL && *outcome != '\0' ? outcome : NULL,
                                                  summary));
      count++;
    }

  if (count == 0)
    adw_preferences_group_add (group, make_dim_row (_("No talks with this cadre")));
  return count;
}

/* Section H: the measures taken on the cadre (处分处理). */
static guint
fill_section_h (LdCadreFileView     *self,
                AdwPreferencesGroup *group)
{
  guint count = 0;

  if (self->measures_error != NULL)
    {
      adw_preferences_group_add (group, make_dim_row (self->measures_error));
      return 0;
    }

  for (guint i = 0; self->measures != NULL && i < self->measures->len; i++)
    {
      adw_preferences_group_add (group, ld_measure_row_new (g_ptr_array_index (self->measures, i)));
      count++;
    }

  if (count == 0)
    adw_preferences_group_add (group, make_dim_row (_("No measures were taken on this cadre")));
  return count;
}

/* Section M: the integrity opinions given on the cadre (党风廉政意见回复). */
static guint
fill_section_m (LdCadreFileView     *self,
                AdwPreferencesGroup *group)
{
  guint count = 0;

  if (self->opinions_error != NULL)
    {
      adw_preferences_group_add (group, make_dim_row (self->opinions_error));
      return 0;
    }

  for (guint i = 0; self->opinion_items != NULL && i < self->opinion_items->len; i++)
    {
      const char *purpose = self->opinion_purposes != NULL && i < self->opinion_purposes->len
                            ? g_ptr_array_index (self->opinion_purposes, i) : NULL;

      adw_preferences_group_add (group, ld_opinion_item_row_new (g_ptr_array_index (self->opinion_items, i),
                                                                 purpose));
      count++;
    }

  if (count == 0)
    adw_preferences_group_add (group, make_dim_row (_("No integrity opinions were given on this cadre")));
  return count;
}

static const char *
later_module_text (const char *code G_GNUC_UNUSED)
{
  return _("Records of this kind will appear here in a later version.");
}

static void
show_sections (LdCadreFileView *self)
{
  guint n_sections = 0;
  const LdFileSectionInfo *sections = ld_file_sections (&n_sections);
  gboolean writable = file_is_writable (self);

  remove_all_children (GTK_WIDGET (self->sections_box));
  remove_all_children (GTK_WIDGET (self->section_list));

  for (guint s = 0; s < n_sections; s++)
    {
      const LdFileSectionInfo *section = &sections[s];
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *title = g_strdup_printf ("%s  %s", section->code, ld_file_section_gettext (section->title));
      GtkWidget *list_row = gtk_list_box_row_new ();
      GtkWidget *list_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *code_label = gtk_label_new (section->code);
      GtkWidget *title_label = gtk_label_new (ld_file_section_gettext (section->title));
      GtkWidget *count_label = gtk_label_new (NULL);
      guint count = 0;

      adw_preferences_group_set_title (group, title);
      adw_preferences_group_set_description (group, ld_file_section_gettext (section->description));

      if (g_str_equal (section->code, "A"))
        {
          if (writable)
            adw_preferences_group_set_header_suffix (group, make_header_button ("document-edit-symbolic", _("_Edit…"),
                                                                                "file.edit", NULL));
          fill_section_a (self, group);
        }
      else if (g_str_equal (section->code, "F"))
        count = fill_section_f (self, group);
      else if (g_str_equal (section->code, "G"))
        count = fill_section_g (self, group);
      else if (g_str_equal (section->code, "H"))
        count = fill_section_h (self, group);
      else if (g_str_equal (section->code, "M"))
        count = fill_section_m (self, group);
      else if (section->has_entries)
        {
          if (writable)
            adw_preferences_group_set_header_suffix (group,
                                                     make_header_button ("list-add-symbolic", _("_Add…"),
                                                                         "file.add-entry",
                                                                         g_variant_new_string (section->code)));
          for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
            {
              LdFileEntry *entry = g_ptr_array_index (self->entries, i);

              if (!g_str_equal (ld_file_entry_get_section (entry), section->code)
                  || ld_file_entry_get_retired_at (entry) != 0)
                continue;
              adw_preferences_group_add (group, make_entry_row (self, section, entry));
              count++;
            }
          if (count == 0)
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No entries yet"));
              gtk_widget_add_css_class (row, "dim-label");
              adw_preferences_group_add (group, row);
            }
        }
      else
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), later_module_text (section->code));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_widget_add_css_class (row, "dim-label");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("content-loading-symbolic"));
          adw_preferences_group_add (group, row);
        }

      g_object_set_data (G_OBJECT (group), "ld-section", (gpointer) section->code);
      g_object_set_data (G_OBJECT (group), "ld-count", GUINT_TO_POINTER (count));
      gtk_box_append (self->sections_box, GTK_WIDGET (group));

      /* The jump list row. */
      gtk_widget_add_css_class (code_label, "heading");
      gtk_label_set_width_chars (GTK_LABEL (code_label), 2);
      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (title_label, TRUE);
      gtk_widget_set_tooltip_text (list_row, ld_file_section_gettext (section->title));
      gtk_box_append (GTK_BOX (list_box), code_label);
      gtk_box_append (GTK_BOX (list_box), title_label);
      if (count > 0)
        {
          g_autofree char *text = g_strdup_printf ("%u", count);

          gtk_label_set_text (GTK_LABEL (count_label), text);
          gtk_widget_add_css_class (count_label, "dim-label");
        }
      gtk_box_append (GTK_BOX (list_box), count_label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), list_box);
      g_object_set_data (G_OBJECT (list_row), "ld-group", group);
      /* Sections still waiting for their records stay greyed; F and G
       * (filled from the petitions, clues and talks) only while empty. */
      if (!section->has_entries && !g_str_equal (section->code, "A")
          && (!(g_str_equal (section->code, "F") || g_str_equal (section->code, "G")
                || g_str_equal (section->code, "H") || g_str_equal (section->code, "M")) || count == 0))
        gtk_widget_add_css_class (list_row, "dim-label");
      gtk_list_box_append (self->section_list, list_row);
    }
}

/* Scrolls to a group once it has its place: right after a reload the new
 * groups are not allocated yet, so this waits for a frame. */
static gboolean
scroll_to_group_tick_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  GtkWidget *group = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->content_scroller);
  graphene_point_t point;

  if (gtk_widget_get_parent (group) == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (group) == 0)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_compute_point (group, GTK_WIDGET (self->content_box), &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y);
  return G_SOURCE_REMOVE;
}

static void
on_section_activated_cb (LdCadreFileView *self,
                         GtkListBoxRow   *row)
{
  GtkWidget *group = g_object_get_data (G_OBJECT (row), "ld-group");

  if (group == NULL)
    return;
  gtk_stack_set_visible_child_name (self->view_stack, "file");
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_group_tick_cb, g_object_ref (group), g_object_unref);
}

static void
show_section (LdCadreFileView *self,
              const char      *code)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->section_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *group = g_object_get_data (G_OBJECT (row), "ld-group");

      if (group != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (group), "ld-section"), code) == 0)
        {
          gtk_list_box_select_row (self->section_list, GTK_LIST_BOX_ROW (row));
          on_section_activated_cb (self, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

/* --- History ----------------------------------------------------------------- */

static char *
unescape_value (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else if (*p == '\\' && p[1] == '\\')
        {
          g_string_append_c (out, '\\');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "field=value" lines into a table and the field order. */
static GHashTable *
parse_fields (const char *text,
              GPtrArray  *order)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      g_autofree char *field = NULL;

      if (eq == NULL)
        continue;
      field = g_strndup (lines[i], eq - lines[i]);
      if (!g_hash_table_contains (table, field))
        {
          gboolean known = FALSE;

          for (guint j = 0; j < order->len; j++)
            if (g_str_equal (g_ptr_array_index (order, j), field))
              known = TRUE;
          if (!known)
            g_ptr_array_add (order, g_strdup (field));
        }
      g_hash_table_replace (table, g_steal_pointer (&field), unescape_value (eq + 1));
    }

  return table;
}

static void
show_history (LdCadreFileView *self)
{
  remove_all_children (GTK_WIDGET (self->history_list));

  for (guint i = self->versions ? self->versions->len : 0; i > 0; i--)
    {
      LdCadreVersion *version = g_ptr_array_index (self->versions, i - 1);
      g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) before = parse_fields (version->before, order);
      g_autoptr(GHashTable) after = parse_fields (version->after, order);
      g_autofree char *when = ld_format_timestamp (version->time);
      /* Translators: an account and a time in the History */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), version->account ? version->account : "", when);
      GtkWidget *row = adw_expander_row_new ();
      GString *labels = g_string_new (NULL);
      guint shown = 0;
      guint n_listed = 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ld_history_event_label (version->event));

      for (guint j = 0; j < order->len; j++)
        {
          const char *field = g_ptr_array_index (order, j);
          g_autofree char *label = NULL;
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;
          g_autofree char *change = NULL;
          GtkWidget *field_row;

          if (g_str_has_suffix (field, ".entry"))
            continue;
          label = ld_history_field_label (field);
          a = ld_history_value_label (field, g_hash_table_lookup (before, field));
          b = ld_history_value_label (field, g_hash_table_lookup (after, field));
          /* Translators: a value before and after a change; — stands for empty */
          change = g_strdup_printf (_("%s → %s"), *a ? a : "—", *b ? b : "—");
          field_row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row), label);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field_row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (field_row), change);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (field_row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row);
          shown++;

          /* The subtitle names the first few fields. */
          {
            g_autofree char *short_label = ld_history_field_short_label (field);

            if (short_label != NULL && n_listed < 4)
              /* Translators: separates the items of a short list */
              g_string_append_printf (labels, "%s%s", n_listed ? C_("list separator", ", ") : "", short_label);
            else if (short_label != NULL && n_listed == 4)
              g_string_append (labels, "…");
            if (short_label != NULL)
              n_listed++;
          }
        }

      if (labels->len > 0)
        {
          g_autofree char *text = NULL;

          /* Translators: who and when, then the fields changed, in the History */
          text = g_strdup_printf (_("%s — %s"), subtitle, labels->str);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
        }
      else
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      g_string_free (labels, TRUE);
      /* The newest change is open. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == self->versions->len && shown > 0);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (shown == 0)
        adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
      gtk_list_box_append (self->history_list, row);
    }

  if (self->versions == NULL || self->versions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes recorded"));
      gtk_list_box_append (self->history_list, row);
    }
}

/* --- Header ------------------------------------------------------------------ */

static void
show_header (LdCadreFileView *self,
             GBytes          *photo)
{
  const LdCadreFields *fields = ld_cadre_get_fields (self->cadre);
  GString *post = g_string_new (NULL);
  GString *facts = g_string_new (NULL);
  const char *rank_label = NULL;

  gtk_label_set_text (self->title_label, ld_cadre_get_name (self->cadre));
  gtk_label_set_text (self->name_label, ld_cadre_get_name (self->cadre));
  adw_avatar_set_text (self->avatar, ld_cadre_get_name (self->cadre));

  if (photo != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (photo, &error);

      if (texture == NULL)
        g_debug ("The photo could not be shown: %s", error->message);
      adw_avatar_set_custom_image (self->avatar, texture ? GDK_PAINTABLE (texture) : NULL);
    }
  else
    adw_avatar_set_custom_image (self->avatar, NULL);

  g_string_append (post, ld_cadre_get_unit_name (self->cadre));
  if (fields->post != NULL && *fields->post != '\0')
    g_string_append_printf (post, "%s%s", post->len ? " · " : "", fields->post);
  gtk_label_set_text (self->post_label, post->str);

  if (fields->sex != NULL && *fields->sex != '\0')
    g_string_append (facts, ld_cadre_sex_get_label (fields->sex));
  if (fields->birth_date != NULL && *fields->birth_date != '\0')
    /* Translators: the date of birth in the file header */
    g_string_append_printf (facts, "%s%s", facts->len ? " · " : "", fields->birth_date);
  if (fields->post_level != NULL && *fields->post_level != '\0')
    rank_label = ld_code_get_label (LD_CODE_TABLE_LEADING_POST, fields->post_level);
  if (rank_label == NULL && fields->rank != NULL && *fields->rank != '\0')
    rank_label = ld_code_get_label (LD_CODE_TABLE_RANK, fields->rank);
  if (rank_label != NULL)
    g_string_append_printf (facts, "%s%s", facts->len ? " · " : "", rank_label);
  if (fields->id_number != NULL && *fields->id_number != '\0')
    g_string_append_printf (facts, "%s%s", facts->len ? " · " : "", fields->id_number);
  if (ld_cadre_get_retired_at (self->cadre) != 0)
    {
      /* Translators: %s is the reason a file was retired */
      g_autofree char *retired = g_strdup_printf (_("Retired file (read-only): %s"),
                                                  ld_cadre_get_retired_reason (self->cadre));

      g_string_append_printf (facts, "%s%s", facts->len ? "\n" : "", retired);
    }
  gtk_label_set_text (self->facts_label, facts->str);

  g_string_free (post, TRUE);
  g_string_free (facts, TRUE);
}

/* --- Promotion block ----------------------------------------------------------- */

/* At the top of the file: whether promotion or further use is blocked
 * today, until when, and every reason as a link to its measure. Nothing
 * when not blocked. */
static void
show_block (LdCadreFileView        *self,
            const LdPromotionBlock *block)
{
  remove_all_children (GTK_WIDGET (self->block_box));
  gtk_widget_set_visible (GTK_WIDGET (self->block_box), block != NULL && block->blocked);
  if (block == NULL || !block->blocked)
    return;

  gtk_box_append (self->block_box, ld_promotion_block_banner_new (block));
}

/* --- Alerts ------------------------------------------------------------------ */

static void
show_alerts (LdCadreFileView *self,
             GPtrArray       *alerts)
{
  guint n[LD_BOARD_N_LEVELS] = { 0 };
  guint len = alerts != NULL ? alerts->len : 0;
  g_autofree char *description = NULL;

  g_list_store_splice (self->alerts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->alerts)),
                       alerts != NULL ? alerts->pdata : NULL, len);

  for (guint i = 0; i < len; i++)
    n[ld_board_item_get_level (g_ptr_array_index (alerts, i))]++;

  if (len > 0)
    /* Translators: the counts of a cadre's open deadlines. */
    description = g_strdup_printf (_("%u overdue · %u due soon · %u later this month"),
                                   n[LD_ALERT_OVERDUE], n[LD_ALERT_DUE_SOON], n[LD_ALERT_LATER]);
  adw_preferences_group_set_description (self->alerts_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_view), len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_empty_list), len == 0);
}

/* --- Loading ----------------------------------------------------------------- */

typedef struct
{
  gint64    cadre_id;
  gboolean  audit;
} LoadJob;

typedef struct
{
  LdCadre    *cadre;
  GPtrArray  *explanations;
  GPtrArray  *entries;
  GHashTable *attachments;
  GPtrArray  *versions;
  GPtrArray  *alerts;
  GPtrArray  *petitions;
  GPtrArray  *clues;
  GPtrArray  *talks;
  char       *petitions_error;
  char       *talks_error;
  GPtrArray  *measures;
  char       *measures_error;
  LdPromotionBlock *block;      /* NULL when it could not be computed */
  GPtrArray  *opinion_items;
  GPtrArray  *opinion_purposes;
  char       *opinions_error;
  GBytes     *photo;
} LoadResult;

static void
promotion_block_free (LdPromotionBlock *block)
{
  ld_promotion_block_clear (block);
  g_free (block);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->cadre);
  g_clear_pointer (&result->explanations, g_ptr_array_unref);
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_pointer (&result->attachments, g_hash_table_unref);
  g_clear_pointer (&result->versions, g_ptr_array_unref);
  g_clear_pointer (&result->alerts, g_ptr_array_unref);
  g_clear_pointer (&result->petitions, g_ptr_array_unref);
  g_clear_pointer (&result->clues, g_ptr_array_unref);
  g_clear_pointer (&result->talks, g_ptr_array_unref);
  g_clear_pointer (&result->petitions_error, g_free);
  g_clear_pointer (&result->talks_error, g_free);
  g_clear_pointer (&result->measures, g_ptr_array_unref);
  g_clear_pointer (&result->measures_error, g_free);
  g_clear_pointer (&result->block, promotion_block_free);
  g_clear_pointer (&result->opinion_items, g_ptr_array_unref);
  g_clear_pointer (&result->opinion_purposes, g_ptr_array_unref);
  g_clear_pointer (&result->opinions_error, g_free);
  g_clear_pointer (&result->photo, g_bytes_unref);
  g_free (result);
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadJob *job = data;
  LoadResult *result = g_new0 (LoadResult, 1);
  GPtrArray *list;

  if (job->audit)
    result->cadre = ld_cadre_repository_get (vault, job->cadre_id, error);
  else
    {
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &job->cadre_id, 1, error);

      if (cadres != NULL && cadres->len > 0)
        result->cadre = g_object_ref (g_ptr_array_index (cadres, 0));
      else if (cadres != NULL)
        g_set_error_literal (error, LD_ERROR, LD_ERROR_NOT_FOUND, _("There is no such cadre."));
    }
  if (result->cadre == NULL)
    goto failed;

  if ((result->explanations = ld_cadre_repository_explain_categories (vault, job->cadre_id, error)) == NULL
      || (result->entries = ld_file_entry_repository_list (vault, job->cadre_id, NULL, FALSE, error)) == NULL
      || (result->versions = ld_cadre_repository_versions (vault, job->cadre_id, error)) == NULL)
    goto failed;

  result->photo = ld_cadre_repository_get_photo (vault, job->cadre_id, error);
  if (result->photo == NULL && error != NULL && *error != NULL)
    goto failed;

  /* The open deadlines concerning the cadre; the file opens without them
   * when they cannot be computed. */
  {
    g_autoptr(GError) alerts_error = NULL;

    result->alerts = ld_board_list_for_cadre (vault, job->cadre_id, NULL, &alerts_error);
    if (result->alerts == NULL)
      g_debug ("No alerts for the file: %s", alerts_error != NULL ? alerts_error->message : "?");
  }

  /* Sections F and G: the petitions (without any reporter field), clues
   * and talks concerning the cadre. The file opens without them when they
   * cannot be listed (for instance a role that may not read them); the
   * section says why. */
  {
    g_autoptr(GError) records_error = NULL;

    result->petitions = ld_petition_repository_list_for_cadre (vault, job->cadre_id, &records_error);
    if (result->petitions != NULL)
      result->clues = ld_clue_repository_list_for_cadre (vault, job->cadre_id, &records_error);
    if (result->petitions == NULL || result->clues == NULL)
      {
        result->petitions_error = g_strdup (records_error != NULL ? records_error->message
                                                                  : _("The petitions cannot be listed."));
        g_clear_error (&records_error);
      }

    result->talks = ld_talk_repository_list_for_cadre (vault, job->cadre_id, FALSE, &records_error);
    if (result->talks == NULL)
      result->talks_error = g_strdup (records_error != NULL ? records_error->message
                                                            : _("The talks cannot be listed."));
  }

  /* Section H and the promotion block: the measures taken on the cadre;
   * section M: the integrity opinions given on the cadre with their
   * requests' purposes. The file opens without them, the section says why. */
  {
    g_autoptr(GError) records_error = NULL;
    g_autoptr(GHashTable) purposes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

    result->measures = ld_measure_repository_list_for_cadre (vault, job->cadre_id, FALSE, &records_error);
    if (result->measures == NULL)
      {
        result->measures_error = g_strdup (records_error != NULL ? records_error->message
                                                                  : _("The measures cannot be listed."));
        g_clear_error (&records_error);
      }
    else
      {
        result->block = g_new0 (LdPromotionBlock, 1);
        if (!ld_measure_repository_promotion_block (vault, job->cadre_id, NULL, result->block, &records_error))
          {
            g_debug ("No promotion block for the file: %s", records_error != NULL ? records_error->message : "?");
            g_clear_pointer (&result->block, promotion_block_free);
            g_clear_error (&records_error);
          }
      }

    result->opinion_items = ld_opinion_repository_list_for_cadre (vault, job->cadre_id, &records_error);
    if (result->opinion_items == NULL)
      result->opinions_error = g_strdup (records_error != NULL ? records_error->message
                                                               : _("The integrity opinions cannot be listed."));
    result->opinion_purposes = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; result->opinion_items != NULL && i < result->opinion_items->len; i++)
      {
        gint64 request_id = ld_opinion_item_get_request_id (g_ptr_array_index (result->opinion_items, i));
        const char *purpose = g_hash_table_lookup (purposes, &request_id);

        if (purpose == NULL)
          {
            g_autoptr(LdOpinionRequest) request = ld_opinion_repository_get_request (vault, request_id, NULL);

            purpose = request != NULL ? ld_opinion_request_get_purpose_label (request) : "";
            g_hash_table_insert (purposes, g_memdup2 (&request_id, sizeof request_id), g_strdup (purpose));
            purpose = g_hash_table_lookup (purposes, &request_id);
          }
        g_ptr_array_add (result->opinion_purposes, g_strdup (purpose));
      }
  }

  result->attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  list = ld_attachment_repository_list (vault, "cadre", job->cadre_id, FALSE, error);
  if (list == NULL)
    goto failed;
  g_hash_table_insert (result->attachments, g_strdup ("cadre"), list);
  for (guint i = 0; i < result->entries->len; i++)
    {
      LdFileEntry *entry = g_ptr_array_index (result->entries, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (ld_file_entry_get_n_attachments (entry) == 0)
        continue;
      list = ld_attachment_repository_list (vault, "entry", ld_file_entry_get_id (entry), FALSE, error);
      if (list == NULL)
        goto failed;
      g_hash_table_insert (result->attachments,
                           g_strdup_printf ("%" G_GINT64_FORMAT, ld_file_entry_get_id (entry)), list);
    }

  return result;

failed:
  load_result_free (result);
  return NULL;
}

static void
show_error (LdCadreFileView *self,
            const GError    *error)
{
  if (g_error_matches (error, LD_ERROR, LD_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->status_page, _("File Not Found"));
      adw_status_page_set_description (self->status_page,
                                       _("This cadre does not exist or is outside your units (知悉范围). "
                                         "The security administrator grants units."));
    }
  else if (g_error_matches (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED))
    {
      adw_status_page_set_title (self->status_page, _("Not Allowed"));
      adw_status_page_set_description (self->status_page, error->message);
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("The File Cannot Be Opened"));
      adw_status_page_set_description (self->status_page, error ? error->message : NULL);
    }
  gtk_label_set_text (self->title_label, "");
  gtk_stack_set_visible_child_name (self->state_stack, "error");
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdCadreFileView) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);

  if (result == NULL)
    {
      g_clear_object (&self->cadre);
      show_error (self, error);
      update_actions (self);
      return;
    }

  self->audited = TRUE;
  g_set_object (&self->cadre, result->cadre);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&result->entries);
  g_clear_pointer (&self->attachments, g_hash_table_unref);
  self->attachments = g_steal_pointer (&result->attachments);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_steal_pointer (&result->versions);
  g_clear_pointer (&self->petitions, g_ptr_array_unref);
  self->petitions = g_steal_pointer (&result->petitions);
  g_clear_pointer (&self->clues, g_ptr_array_unref);
  self->clues = g_steal_pointer (&result->clues);
  g_clear_pointer (&self->talks, g_ptr_array_unref);
  self->talks = g_steal_pointer (&result->talks);
  g_free (self->petitions_error);
  self->petitions_error = g_steal_pointer (&result->petitions_error);
  g_free (self->talks_error);
  self->talks_error = g_steal_pointer (&result->talks_error);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  self->measures = g_steal_pointer (&result->measures);
  g_free (self->measures_error);
  self->measures_error = g_steal_pointer (&result->measures_error);
  g_clear_pointer (&self->opinion_items, g_ptr_array_unref);
  self->opinion_items = g_steal_pointer (&result->opinion_items);
  g_clear_pointer (&self->opinion_purposes, g_ptr_array_unref);
  self->opinion_purposes = g_steal_pointer (&result->opinion_purposes);
  g_free (self->opinions_error);
  self->opinions_error = g_steal_pointer (&result->opinions_error);

  update_actions (self);
  show_header (self, result->photo);
  show_block (self, result->block);
  show_alerts (self, result->alerts);
  show_badges (self, result->explanations);
  show_file_attachments (self);
  show_sections (self);
  show_history (self);
  gtk_stack_set_visible_child_name (self->state_stack, "file");

  load_result_free (result);
}

static void
start_load (LdCadreFileView *self)
{
  LoadJob *job;

  if (self->cadre_id == 0)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->cadre_id = self->cadre_id;
  job->audit = !self->audited;

  self->busy = TRUE;
  update_actions (self);
  if (self->cadre == NULL)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
    }
  ld_vault_run_async (self->vault, load_worker, job, g_free, load_result_free, self->load_cancellable,
                      load_cb, g_object_ref (self));
}

/* --- Changes (worker jobs) --------------------------------------------------- */

typedef enum
{
  CHANGE_RETIRE_ENTRY,
  CHANGE_ADD_ATTACHMENT,
  CHANGE_RETIRE_ATTACHMENT,
  CHANGE_ADD_TAG,
  CHANGE_REMOVE_TAG,
  CHANGE_SET_PHOTO,
  CHANGE_OPEN_ATTACHMENT,
  CHANGE_SAVE_ATTACHMENT,
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  gint64      cadre_id;
  gint64      id;
  char       *text;      /* reason, tag, owner type */
  char       *path;      /* file to add / save to / photo; NULL photo = remove */
  char       *done;      /* the toast on success */
} ChangeJob;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->text);
  g_free (job->path);
  g_free (job->done);
  g_free (job);
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;

  switch (job->kind)
    {
    case CHANGE_RETIRE_ENTRY:
      if (!ld_file_entry_repository_retire (vault, job->id, job->text, error))
        return NULL;
      break;
    case CHANGE_ADD_ATTACHMENT:
      if (!ld_attachment_repository_add (vault, job->text, job->id, job->path, NULL, error))
        return NULL;
      break;
    case CHANGE_RETIRE_ATTACHMENT:
      if (!ld_attachment_repository_retire (vault, job->id, job->text, error))
        return NULL;
      break;
    case CHANGE_ADD_TAG:
      if (!ld_cadre_repository_add_tag (vault, job->cadre_id, job->text, NULL, error))
        return NULL;
      break;
    case CHANGE_REMOVE_TAG:
      if (!ld_cadre_repository_remove_tag (vault, job->cadre_id, job->text, error))
        return NULL;
      break;
    case CHANGE_SET_PHOTO:
      {
        g_autoptr(GBytes) photo = NULL;

        if (job->path != NULL)
          {
            g_autoptr(GFile) file = g_file_new_for_path (job->path);

            photo = g_file_load_bytes (file, cancellable, NULL, error);
            if (photo == NULL)
              return NULL;
          }
        if (!ld_cadre_repository_set_photo (vault, job->cadre_id, photo, error))
          return NULL;
      }
      break;
    case CHANGE_OPEN_ATTACHMENT:
      return ld_attachment_repository_open_temp (vault, job->id, error);
    case CHANGE_SAVE_ATTACHMENT:
      if (!ld_attachment_repository_save_as (vault, job->id, job->path, error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  return g_strdup ("");
}

typedef struct
{
  LdCadreFileView *self;
  ChangeKind       kind;
  char            *done;
} ChangeContext;

typedef struct
{
  LdCadreFileView *self;
  char            *path;
} LaunchContext;

static void remove_temp_files_thread (GTask        *task,
                                      gpointer      source_object,
                                      gpointer      task_data,
                                      GCancellable *cancellable);

/* Removes opened attachment files off the main thread (each is
 * overwritten first). */
static void
remove_temp_files (GPtrArray *paths)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, paths, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, remove_temp_files_thread);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LaunchContext *launch = user_data;
  g_autoptr(LdCadreFileView) self = launch->self;
  g_autofree char *path = launch->path;
  g_autoptr(GError) error = NULL;

  g_free (launch);
  if (g_app_info_launch_default_for_uri_finish (result, &error) && self->temp_paths != NULL)
    {
      /* Removed when the view goes away (or the vault locks). */
      g_ptr_array_add (self->temp_paths, g_steal_pointer (&path));
      return;
    }

  /* Nothing opened it: no plain copy stays behind. */
  {
    GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (paths, g_steal_pointer (&path));
    remove_temp_files (paths);
  }
  if (!ld_error_is_cancelled (error))
    toast (self, error ? error->message : _("No application can open this attachment."));
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdCadreFileView) self = context->self;
  g_autofree char *done = context->done;
  ChangeKind kind = context->kind;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  g_free (context);
  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    return;

  if (result == NULL)
    {
      toast (self, error ? error->message : _("The change could not be made."));
      return;
    }

  if (kind == CHANGE_OPEN_ATTACHMENT)
    {
      g_autofree char *uri = g_filename_to_uri (result, NULL, NULL);
      LaunchContext *launch = g_new0 (LaunchContext, 1);

      launch->self = g_object_ref (self);
      launch->path = g_steal_pointer (&result);
      g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, launch_cb, launch);
      return;
    }

  if (done != NULL)
    toast (self, done);
  if (kind != CHANGE_SAVE_ATTACHMENT)
    {
      g_signal_emit (self, signals [SIGNAL_CHANGED], 0, self->cadre_id);
      start_load (self);
    }
}

static void
run_change (LdCadreFileView *self,
            ChangeJob       *job)
{
  ChangeContext *context = g_new0 (ChangeContext, 1);

  job->cadre_id = self->cadre_id;
  context->self = g_object_ref (self);
  context->kind = job->kind;
  context->done = g_strdup (job->done);
  ld_vault_run_async (self->vault, change_worker, job, change_job_free, g_free, self->cancellable,
                      change_cb, context);
}

/* --- Actions ----------------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  g_signal_emit (widget, signals [SIGNAL_CLOSE_REQUESTED], 0);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  start_load (LD_CADRE_FILE_VIEW (widget));
}

#ifdef LD_UI_HAVE_EXPORT_DIALOG
/* The whole file as one workbook (cover and sections). */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  g_autoptr(LdExportRequest) request = NULL;

  if (self->cadre == NULL || self->cadre_id <= 0)
    return;

  request = ld_export_request_new (LD_EXPORT_CADRE);
  request->cadre_id = self->cadre_id;
  ld_export_dialog_present_for (widget, self->vault, request);
}
#endif

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  show_section (LD_CADRE_FILE_VIEW (widget), g_variant_get_string (param, NULL));
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  gtk_stack_set_visible_child_name (LD_CADRE_FILE_VIEW (widget)->view_stack, "history");
}

static void
on_cadre_saved_cb (LdCadreFileView *self,
                   gint64           cadre_id)
{
  toast (self, _("Basic information saved"));
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0, self->cadre_id);
  start_load (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  LdCadreDialog *dialog;

  if (!file_is_writable (self))
    return;
  dialog = ld_cadre_dialog_new (get_parent_window (self), self->vault, self->cadre_id, 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_cadre_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_entry_saved_cb (LdCadreFileView *self,
                   gint64           entry_id)
{
  toast (self, _("Entry saved"));
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0, self->cadre_id);
  start_load (self);
}

static void
open_entry_dialog (LdCadreFileView *self,
                   const char      *section,
                   LdFileEntry     *entry)
{
  LdEntryDialog *dialog;

  if (!file_is_writable (self))
    return;
  dialog = ld_entry_dialog_new (get_parent_window (self), self->vault, self->cadre_id, section, entry);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_entry_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
add_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  open_entry_dialog (LD_CADRE_FILE_VIEW (widget), g_variant_get_string (param, NULL), NULL);
}

static void
edit_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  LdFileEntry *entry = find_entry (self, g_variant_get_int64 (param));

  if (entry != NULL)
    open_entry_dialog (self, NULL, entry);
}

/* Asks for a reason before retiring (records are never deleted). */
typedef struct
{
  LdCadreFileView *self;
  ChangeKind       kind;
  gint64           id;
  GtkEntry        *reason;
} RetireRequest;

static void
retire_request_free (gpointer data)
{
  RetireRequest *request = data;

  g_clear_object (&request->self);
  g_free (request);
}

static void
on_reason_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "retire", *reason != '\0');
}

static void
on_retire_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  RetireRequest *request = user_data;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (request->reason))));
  ChangeJob *job;

  if (g_strcmp0 (response, "retire") != 0 || *reason == '\0')
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = request->kind;
  job->id = request->id;
  job->text = g_steal_pointer (&reason);
  job->done = g_strdup (request->kind == CHANGE_RETIRE_ENTRY ? _("Entry retired") : _("Attachment retired"));
  run_change (request->self, job);
}

static void
ask_retire (LdCadreFileView *self,
            ChangeKind       kind,
            gint64           id,
            const char      *what)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  RetireRequest *request = g_new0 (RetireRequest, 1);
  g_autofree char *body = NULL;

  /* Translators: %s names the entry or attachment to retire */
  body = g_strdup_printf (_("“%s” leaves the file but stays in the vault and its History. Give the reason."), what);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       kind == CHANGE_RETIRE_ENTRY ? _("Retire the Entry?")
                                                                                  : _("Retire the Attachment?"),
                                                       body));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "retire", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request->self = g_object_ref (self);
  request->kind = kind;
  request->id = id;
  request->reason = GTK_ENTRY (entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, G_CONNECT_DEFAULT);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_response_cb), request,
                         (GClosureNotify) (void (*) (void)) retire_request_free, G_CONNECT_DEFAULT);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  gtk_widget_grab_focus (entry);
}

static void
retire_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  LdFileEntry *entry = find_entry (self, g_variant_get_int64 (param));

  if (entry != NULL && file_is_writable (self))
    ask_retire (self, CHANGE_RETIRE_ENTRY, ld_file_entry_get_id (entry), ld_file_entry_get_summary (entry));
}

static void
retire_attachment_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));

  if (attachment != NULL && file_is_writable (self))
    ask_retire (self, CHANGE_RETIRE_ATTACHMENT, attachment->id, attachment->name);
}

/* File choosers (GtkFileChooserNative: GtkFileDialog is GTK 4.10). */
typedef struct
{
  LdCadreFileView *self;
  ChangeKind       kind;
  gint64           id;
  char            *owner_type;
} ChooserRequest;

static void
chooser_request_free (ChooserRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->owner_type);
  g_free (request);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  ChooserRequest *request = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      ChangeJob *job = g_new0 (ChangeJob, 1);

      job->kind = request->kind;
      job->id = request->id;
      job->text = g_strdup (request->owner_type);
      job->path = g_steal_pointer (&path);
      switch (request->kind)
        {
        case CHANGE_ADD_ATTACHMENT:
          job->done = g_strdup (_("Attachment added"));
          break;
        case CHANGE_SAVE_ATTACHMENT:
          job->done = g_strdup (_("Copy saved"));
          break;
        case CHANGE_SET_PHOTO:
          job->done = g_strdup (_("Photo set"));
          break;
        case CHANGE_RETIRE_ENTRY:
        case CHANGE_RETIRE_ATTACHMENT:
        case CHANGE_ADD_TAG:
        case CHANGE_REMOVE_TAG:
        case CHANGE_OPEN_ATTACHMENT:
        default:
          break;
        }
      run_change (request->self, job);
    }

  chooser_request_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_chooser (LdCadreFileView      *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *current_name,
             GtkFileFilter        *filter,
             ChooserRequest       *request)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, get_parent_window (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  request->self = g_object_ref (self);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  gint64 entry_id = param ? g_variant_get_int64 (param) : 0;
  ChooserRequest *request;

  if (!file_is_writable (self))
    return;
  request = g_new0 (ChooserRequest, 1);
  request->kind = CHANGE_ADD_ATTACHMENT;
  request->id = entry_id != 0 ? entry_id : self->cadre_id;
  request->owner_type = g_strdup (entry_id != 0 ? "entry" : "cadre");
  run_chooser (self, _("Attach a File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL, NULL, request);
}

static void
save_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));
  ChooserRequest *request;

  if (attachment == NULL)
    return;
  request = g_new0 (ChooserRequest, 1);
  request->kind = CHANGE_SAVE_ATTACHMENT;
  request->id = attachment->id;
  run_chooser (self, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), attachment->name, NULL, request);
}

static void
open_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  ChangeJob *job = g_new0 (ChangeJob, 1);

  job->kind = CHANGE_OPEN_ATTACHMENT;
  job->id = g_variant_get_int64 (param);
  run_change (self, job);
}

static void
set_photo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  ChooserRequest *request;

  if (!file_is_writable (self))
    return;
  gtk_file_filter_set_name (filter, _("JPEG or PNG Images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  request = g_new0 (ChooserRequest, 1);
  request->kind = CHANGE_SET_PHOTO;
  run_chooser (self, _("Choose a Photo"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL, filter, request);
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  ChangeJob *job;

  if (!file_is_writable (self))
    return;
  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_SET_PHOTO;
  job->done = g_strdup (_("Photo removed"));
  run_change (self, job);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  g_autofree char *tag = g_strstrip (g_variant_dup_string (param, NULL));
  ChangeJob *job;

  if (*tag == '\0' || !file_is_writable (self))
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_ADD_TAG;
  /* Translators: %s is a manual tag */
  job->done = g_strdup_printf (_("Tag “%s” added"), tag);
  job->text = g_steal_pointer (&tag);
  run_change (self, job);
}

static void
on_tag_entry_activate_cb (LdCadreFileView *self,
                          GtkEntry        *entry)
{
  g_autofree char *tag = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_activate_action (GTK_WIDGET (self), "file.add-tag", "s", tag);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (widget);
  ChangeJob *job;

  if (!file_is_writable (self))
    return;
  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_REMOVE_TAG;
  job->text = g_variant_dup_string (param, NULL);
  /* Translators: %s is a manual tag */
  job->done = g_strdup_printf (_("Tag “%s” removed"), job->text);
  run_change (self, job);
}

/* --- GObject ----------------------------------------------------------------- */

static void
remove_temp_files_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  GPtrArray *paths = task_data;

  for (guint i = 0; i < paths->len; i++)
    ld_attachment_remove_temp (g_ptr_array_index (paths, i));
  g_task_return_boolean (task, TRUE);
}

static void
ld_cadre_file_view_dispose (GObject *object)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  /* Opened attachments leave no plain copy behind (off the main thread:
   * each is overwritten first). */
  if (self->temp_paths != NULL && self->temp_paths->len > 0)
    remove_temp_files (g_steal_pointer (&self->temp_paths));
  g_clear_pointer (&self->temp_paths, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CADRE_FILE_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->vault);
  g_clear_object (&self->cadre);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_hash_table_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->badges, g_ptr_array_unref);
  g_clear_pointer (&self->file_attachment_rows, g_ptr_array_unref);
  g_clear_object (&self->alerts);
  g_clear_pointer (&self->petitions, g_ptr_array_unref);
  g_clear_pointer (&self->clues, g_ptr_array_unref);
  g_clear_pointer (&self->talks, g_ptr_array_unref);
  g_clear_pointer (&self->petitions_error, g_free);
  g_clear_pointer (&self->talks_error, g_free);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  g_clear_pointer (&self->measures_error, g_free);
  g_clear_pointer (&self->opinion_items, g_ptr_array_unref);
  g_clear_pointer (&self->opinion_purposes, g_ptr_array_unref);
  g_clear_pointer (&self->opinions_error, g_free);

  G_OBJECT_CLASS (ld_cadre_file_view_parent_class)->dispose (object);
}

static void
ld_cadre_file_view_class_init (LdCadreFileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (LD_TYPE_CASE_ALERTS);

  object_class->dispose = ld_cadre_file_view_dispose;

  signals [SIGNAL_CLOSE_REQUESTED] =
    g_signal_new ("close-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals [SIGNAL_ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-cadre-file-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, status_page);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, section_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, content_scroller);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, content_box);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, avatar);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, name_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, post_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, facts_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, badge_box);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, explain_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, block_box);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, alerts_group);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, alerts_view);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, alerts_empty_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, file_attachments_group);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_section_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "file.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "file.reload", NULL, reload_action);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  gtk_widget_class_install_action (widget_class, "file.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "file.export", NULL);
#endif
  gtk_widget_class_install_action (widget_class, "file.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "file.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "file.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "file.add-entry", "s", add_entry_action);
  gtk_widget_class_install_action (widget_class, "file.edit-entry", "x", edit_entry_action);
  gtk_widget_class_install_action (widget_class, "file.retire-entry", "x", retire_entry_action);
  gtk_widget_class_install_action (widget_class, "file.attach", "x", attach_action);
  gtk_widget_class_install_action (widget_class, "file.open-attachment", "x", open_attachment_action);
  gtk_widget_class_install_action (widget_class, "file.save-attachment", "x", save_attachment_action);
  gtk_widget_class_install_action (widget_class, "file.retire-attachment", "x", retire_attachment_action);
  gtk_widget_class_install_action (widget_class, "file.add-tag", "s", add_tag_action);
  gtk_widget_class_install_action (widget_class, "file.remove-tag", "s", remove_tag_action);
  gtk_widget_class_install_action (widget_class, "file.set-photo", NULL, set_photo_action);
  gtk_widget_class_install_action (widget_class, "file.remove-photo", NULL, remove_photo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "file.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "file.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "file.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "file.reload", NULL);
}

static void
ld_cadre_file_view_init (LdCadreFileView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->badges = g_ptr_array_new_with_free_func (g_free);
  self->temp_paths = g_ptr_array_new_with_free_func (g_free);
  self->file_attachment_rows = g_ptr_array_new ();
  self->alerts = g_list_store_new (LD_TYPE_BOARD_ITEM);
  ld_case_alerts_set_model (self->alerts_view, G_LIST_MODEL (self->alerts));
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_view), FALSE);
  update_actions (self);
}

LdCadreFileView *
ld_cadre_file_view_new (LdVault *vault)
{
  LdCadreFileView *self;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  self = g_object_new (LD_TYPE_CADRE_FILE_VIEW, NULL);
  self->vault = g_object_ref (vault);
  return self;
}

void
ld_cadre_file_view_load (LdCadreFileView *self,
                         gint64           cadre_id)
{
  g_return_if_fail (LD_IS_CADRE_FILE_VIEW (self));

  if (cadre_id != self->cadre_id)
    {
      /* Another file: a new audited opening, from the top. */
      self->cadre_id = cadre_id;
      self->audited = FALSE;
      g_clear_object (&self->cadre);
      gtk_stack_set_visible_child_name (self->view_stack, "file");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->content_scroller), 0);
    }
  start_load (self);
}

gint64
ld_cadre_file_view_get_cadre_id (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);

  return self->cadre_id;
}

LdCadre *
ld_cadre_file_view_get_cadre (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), NULL);

  return self->cadre;
}

gboolean
ld_cadre_file_view_get_busy (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), FALSE);

  return self->busy;
}

const char *
ld_cadre_file_view_get_shown_name (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), NULL);

  return gtk_label_get_text (self->name_label);
}

gboolean
ld_cadre_file_view_has_badge (LdCadreFileView *self,
                              const char      *code_or_tag)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), FALSE);

  for (guint i = 0; i < self->badges->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->badges, i), code_or_tag) == 0)
      return TRUE;
  return FALSE;
}

guint
ld_cadre_file_view_get_n_entries (LdCadreFileView *self,
                                  const char      *section)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "ld-section"), section) == 0)
      return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "ld-count"));
  return 0;
}

guint
ld_cadre_file_view_get_n_versions (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);

  return self->versions ? self->versions->len : 0;
}

guint
ld_cadre_file_view_get_n_records (LdCadreFileView *self,
                                  const char      *record_type)
{
  GPtrArray *records = NULL;

  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);
  g_return_val_if_fail (record_type != NULL, 0);

  if (g_str_equal (record_type, "petition"))
    records = self->petitions;
  else if (g_str_equal (record_type, "clue"))
    records = self->clues;
  else if (g_str_equal (record_type, "talk"))
    records = self->talks;
  else if (g_str_equal (record_type, "measure"))
    records = self->measures;
  else if (g_str_equal (record_type, "opinion"))
    records = self->opinion_items;
  return records != NULL ? records->len : 0;
}

LdFileEntry *
ld_cadre_file_view_get_entry (LdCadreFileView *self,
                              const char      *section,
                              guint            index)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), NULL);

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      LdFileEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (ld_file_entry_get_section (entry), section) != 0 || ld_file_entry_get_retired_at (entry) != 0)
        continue;
      if (index-- == 0)
        return entry;
    }
  return NULL;
}

guint
ld_cadre_file_view_get_n_attachments (LdCadreFileView *self,
                                      gint64           entry_id)
{
  g_autofree char *key = NULL;
  GPtrArray *list;

  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);

  if (self->attachments == NULL)
    return 0;
  key = entry_id == 0 ? g_strdup ("cadre") : g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  list = g_hash_table_lookup (self->attachments, key);
  return list ? list->len : 0;
}

guint
ld_cadre_file_view_get_n_alerts (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), 0);

  return self->alerts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->alerts)) : 0;
}

GListModel *
ld_cadre_file_view_get_alerts (LdCadreFileView *self)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), NULL);

  return G_LIST_MODEL (self->alerts);
}

gboolean
ld_cadre_file_view_activate_alert (LdCadreFileView *self,
                                   guint            position)
{
  g_return_val_if_fail (LD_IS_CADRE_FILE_VIEW (self), FALSE);

  return ld_case_alerts_activate (self->alerts_view, position);
}
