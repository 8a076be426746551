/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-cadre-dialog.h"

#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-section.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-id-number.h"
#include "widgets/ld-section-fields.h"

struct _LdCadreDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  AdwPreferencesPage  *page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *former_names_row;
  AdwEntryRow         *id_number_row;
  AdwActionRow        *id_info_row;
  GtkImage            *id_info_icon;
  AdwComboRow         *ethnicity_row;
  AdwEntryRow         *native_place_row;
  AdwComboRow         *political_status_row;
  AdwEntryRow         *party_joined_row;
  AdwEntryRow         *party_full_row;
  AdwComboRow         *edu_fulltime_row;
  AdwComboRow         *degree_fulltime_row;
  AdwEntryRow         *school_fulltime_row;
  AdwComboRow         *edu_inservice_row;
  AdwComboRow         *degree_inservice_row;
  AdwEntryRow         *school_inservice_row;
  AdwComboRow         *unit_id_row;
  AdwEntryRow         *post_row;
  AdwComboRow         *post_level_row;
  AdwComboRow         *rank_row;
  AdwActionRow        *grade_row;
  GtkSpinButton       *grade_spin;
  AdwEntryRow         *post_since_row;
  AdwEntryRow         *rank_since_row;
  AdwEntryRow         *promoted_at_row;
  AdwComboRow         *authority_row;
  AdwComboRow         *status_row;
  AdwActionRow        *principal_row;
  GtkSwitch           *principal_switch;
  AdwComboRow         *classification_row;
  AdwPreferencesGroup *post_tags_group;
  GtkLabel            *error_label;

  /* Owned References */
  LdVault             *vault;
  GCancellable        *cancellable;
  GPtrArray           *units;          /* LdUnit, as in the unit pick list after its first row */
  GPtrArray           *tag_checks;     /* GtkCheckButton, in post-tag table order */
  GHashTable          *touched;        /* columns the user changed */
  LdCadreFields        original;
  char                *error_field;
  char                *error_message;

  gint64               cadre_id;
  gint64               default_unit_id;
  gboolean             loaded;
  gboolean             load_failed;
  gboolean             valid;
  gboolean             busy;
  gboolean             dirty;
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (LdCadreDialog, ld_cadre_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef enum
{
  ROW_TEXT,
  ROW_DATE,
  ROW_CHOICE,
} RowKind;

/* The text and pick-list rows, in form order. */
static const struct
{
  const char *column;
  gsize       offset;
  RowKind     kind;
  gboolean    required;
} form_rows[] = {
  { "name", G_STRUCT_OFFSET (LdCadreDialog, name_row), ROW_TEXT, TRUE },
  { "former_names", G_STRUCT_OFFSET (LdCadreDialog, former_names_row), ROW_TEXT, FALSE },
  { "id_number", G_STRUCT_OFFSET (LdCadreDialog, id_number_row), ROW_TEXT, TRUE },
  { "ethnicity", G_STRUCT_OFFSET (LdCadreDialog, ethnicity_row), ROW_CHOICE, FALSE },
  { "native_place", G_STRUCT_OFFSET (LdCadreDialog, native_place_row), ROW_TEXT, FALSE },
  { "political_status", G_STRUCT_OFFSET (LdCadreDialog, political_status_row), ROW_CHOICE, FALSE },
  { "party_joined", G_STRUCT_OFFSET (LdCadreDialog, party_joined_row), ROW_DATE, FALSE },
  { "party_full", G_STRUCT_OFFSET (LdCadreDialog, party_full_row), ROW_DATE, FALSE },
  { "edu_fulltime", G_STRUCT_OFFSET (LdCadreDialog, edu_fulltime_row), ROW_CHOICE, FALSE },
  { "degree_fulltime", G_STRUCT_OFFSET (LdCadreDialog, degree_fulltime_row), ROW_CHOICE, FALSE },
  { "school_fulltime", G_STRUCT_OFFSET (LdCadreDialog, school_fulltime_row), ROW_TEXT, FALSE },
  { "edu_inservice", G_STRUCT_OFFSET (LdCadreDialog, edu_inservice_row), ROW_CHOICE, FALSE },
  { "degree_inservice", G_STRUCT_OFFSET (LdCadreDialog, degree_inservice_row), ROW_CHOICE, FALSE },
  { "school_inservice", G_STRUCT_OFFSET (LdCadreDialog, school_inservice_row), ROW_TEXT, FALSE },
  { "post", G_STRUCT_OFFSET (LdCadreDialog, post_row), ROW_TEXT, FALSE },
  { "post_level", G_STRUCT_OFFSET (LdCadreDialog, post_level_row), ROW_CHOICE, FALSE },
  { "rank", G_STRUCT_OFFSET (LdCadreDialog, rank_row), ROW_CHOICE, FALSE },
  { "post_since", G_STRUCT_OFFSET (LdCadreDialog, post_since_row), ROW_DATE, FALSE },
  { "rank_since", G_STRUCT_OFFSET (LdCadreDialog, rank_since_row), ROW_DATE, FALSE },
  { "promoted_at", G_STRUCT_OFFSET (LdCadreDialog, promoted_at_row), ROW_DATE, FALSE },
  { "authority", G_STRUCT_OFFSET (LdCadreDialog, authority_row), ROW_CHOICE, FALSE },
  { "status", G_STRUCT_OFFSET (LdCadreDialog, status_row), ROW_CHOICE, FALSE },
  { "classification", G_STRUCT_OFFSET (LdCadreDialog, classification_row), ROW_CHOICE, FALSE },
};

#define ROW_WIDGET(self, i) (*(GtkWidget **) (gpointer) ((guint8 *) (self) + form_rows[i].offset))

static void validate (LdCadreDialog *self);

/* --- Pick lists -------------------------------------------------------------- */

/* A pick list has a first "not given" row unless its table has an empty code. */
static gboolean
choices_have_none (const LdCode *choices,
                   guint         n)
{
  return !(n > 0 && *choices[0].code == '\0');
}

static void
setup_choice_row (AdwComboRow *row,
                  const char  *column)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = 0;
  const LdCode *choices = ld_section_a_choices (column, &n);

  if (choices_have_none (choices, n))
    /* Translators: the empty choice of a pick list */
    gtk_string_list_append (model, C_("choice", "Not given"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, choices[i].label);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static const char *
choice_get_code (AdwComboRow *row,
                 const char  *column)
{
  guint n = 0;
  const LdCode *choices = ld_section_a_choices (column, &n);
  guint selected = adw_combo_row_get_selected (row);
  guint offset = choices_have_none (choices, n) ? 1 : 0;

  const char *extra = g_object_get_data (G_OBJECT (row), "ld-extra-code");

  /* A stored value that is not in the table keeps its own last row. */
  if (extra != NULL && selected == offset + n)
    return extra;
  if (selected == GTK_INVALID_LIST_POSITION || selected < offset || selected - offset >= n)
    return "";
  return choices[selected - offset].code;
}

static gboolean
choice_set_code (AdwComboRow *row,
                 const char  *column,
                 const char  *code)
{
  guint n = 0;
  const LdCode *choices = ld_section_a_choices (column, &n);
  guint offset = choices_have_none (choices, n) ? 1 : 0;

  if (code == NULL || *code == '\0')
    {
      adw_combo_row_set_selected (row, 0);
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (g_str_equal (choices[i].code, code))
      {
        adw_combo_row_set_selected (row, i + offset);
        return TRUE;
      }
  if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "ld-extra-code"), code) == 0)
    {
      adw_combo_row_set_selected (row, n + offset);
      return TRUE;
    }
  return FALSE;
}

/* Keeps a stored value the table does not know (typed before the table
 * existed, or imported) as a last row, so saving does not drop it. */
static void
choice_keep_unknown (AdwComboRow *row,
                     const char  *code)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n = g_list_model_get_n_items (model);

  if (g_object_get_data (G_OBJECT (row), "ld-extra-code") != NULL)
    gtk_string_list_remove (GTK_STRING_LIST (model), n - 1);
  g_object_set_data_full (G_OBJECT (row), "ld-extra-code", g_strdup (code), g_free);
  gtk_string_list_append (GTK_STRING_LIST (model), code);
}

static gint64
get_unit_id (LdCadreDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->unit_id_row);

  if (self->units == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->units->len)
    return 0;
  return ld_unit_get_id (g_ptr_array_index (self->units, selected - 1));
}

static gboolean
set_unit_id (LdCadreDialog *self,
             gint64         unit_id)
{
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    if (ld_unit_get_id (g_ptr_array_index (self->units, i)) == unit_id)
      {
        adw_combo_row_set_selected (self->unit_id_row, i + 1);
        return TRUE;
      }
  adw_combo_row_set_selected (self->unit_id_row, 0);
  return unit_id == 0;
}

static char *
get_post_tags (LdCadreDialog *self)
{
  GString *tags = g_string_new (NULL);
  guint n = 0;
  const LdCode *codes = ld_code_table_get (LD_CODE_TABLE_POST_TAG, &n);

  for (guint i = 0; i < n && i < self->tag_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->tag_checks, i)))
      g_string_append_printf (tags, "%s%s", tags->len ? "," : "", codes[i].code);

  return g_string_free (tags, FALSE);
}

static gboolean
set_post_tags (LdCadreDialog *self,
               const char    *value)
{
  g_auto(GStrv) tags = g_strsplit (value ? value : "", ",", -1);
  guint n = 0;
  const LdCode *codes = ld_code_table_get (LD_CODE_TABLE_POST_TAG, &n);

  for (guint i = 0; i < n && i < self->tag_checks->len; i++)
    {
      gboolean on = FALSE;

      for (guint j = 0; tags[j] != NULL; j++)
        if (g_str_equal (g_strstrip (tags[j]), codes[i].code))
          on = TRUE;
      gtk_check_button_set_active (g_ptr_array_index (self->tag_checks, i), on);
    }

  return TRUE;
}

/* --- Reading and filling the form ------------------------------------------------ */

static void
read_form (LdCadreDialog *self,
           LdCadreFields *fields)
{
  memset (fields, 0, sizeof *fields);

  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    {
      GtkWidget *row = ROW_WIDGET (self, i);
      g_autofree char *text = NULL;

      if (form_rows[i].kind == ROW_CHOICE)
        text = g_strdup (choice_get_code (ADW_COMBO_ROW (row), form_rows[i].column));
      else
        text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      ld_cadre_fields_set (fields, form_rows[i].column, text);
    }

  fields->unit_id = get_unit_id (self);
  fields->grade = gtk_spin_button_get_value_as_int (self->grade_spin);
  fields->principal = gtk_switch_get_active (self->principal_switch);
  fields->post_tags = get_post_tags (self);
  /* Derived from the ID number by the repository. */
  fields->sex = g_strdup ("");
  fields->birth_date = g_strdup ("");
}

static void
fill_form (LdCadreDialog       *self,
           const LdCadreFields *fields)
{
  self->filling = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    {
      GtkWidget *row = ROW_WIDGET (self, i);
      g_autofree char *text = ld_section_a_value_text (fields, form_rows[i].column);

      if (form_rows[i].kind == ROW_CHOICE)
        {
          if (!choice_set_code (ADW_COMBO_ROW (row), form_rows[i].column, text))
            {
              choice_keep_unknown (ADW_COMBO_ROW (row), text);
              choice_set_code (ADW_COMBO_ROW (row), form_rows[i].column, text);
            }
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (row), text);
    }

  set_unit_id (self, fields->unit_id);
  gtk_spin_button_set_value (self->grade_spin, fields->grade);
  gtk_switch_set_active (self->principal_switch, fields->principal);
  set_post_tags (self, fields->post_tags);

  self->filling = FALSE;
}

/* --- Validation -------------------------------------------------------------- */

static GtkWidget *
row_for_field (LdCadreDialog *self,
               const char    *column)
{
  if (g_strcmp0 (column, "unit_id") == 0)
    return GTK_WIDGET (self->unit_id_row);
  if (g_strcmp0 (column, "grade") == 0)
    return GTK_WIDGET (self->grade_row);
  if (g_strcmp0 (column, "principal") == 0)
    return GTK_WIDGET (self->principal_row);
  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    if (g_strcmp0 (form_rows[i].column, column) == 0)
      return ROW_WIDGET (self, i);
  return NULL;
}

/* Checks the ID number and shows what it gives under it. */
static gboolean
check_id_number (LdCadreDialog *self,
                 const char    *text,
                 GError       **error)
{
  LdIdInfo info;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *birth = NULL;
  g_autofree char *subtitle = NULL;

  if (*text == '\0')
    {
      adw_action_row_set_subtitle (self->id_info_row,
                                   _("Sex and date of birth appear when the number is complete"));
      gtk_image_set_from_icon_name (self->id_info_icon, "contact-new-symbolic");
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The ID number is required: type the 18-character resident ID number."));
      return FALSE;
    }

  if (!ld_id_number_parse (text, &info, error))
    {
      adw_action_row_set_subtitle (self->id_info_row, (*error)->message);
      gtk_image_set_from_icon_name (self->id_info_icon, "dialog-warning-symbolic");
      return FALSE;
    }

  birth = g_strdup_printf ("%04d-%02d-%02d", info.birth_year, info.birth_month, info.birth_day);
  if (g_strcmp0 (birth, today) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The ID number gives a date of birth in the future (%s). Check the number."), birth);
      adw_action_row_set_subtitle (self->id_info_row, (*error)->message);
      gtk_image_set_from_icon_name (self->id_info_icon, "dialog-warning-symbolic");
      return FALSE;
    }

  if (info.converted_from_15)
    /* Translators: sex, date of birth and the 18-digit form of an old 15-digit ID number */
    subtitle = g_strdup_printf (_("%s, born %s; stored as %s"),
                                ld_cadre_sex_get_label (info.sex == 'M' ? "M" : "F"), birth, info.number);
  else
    /* Translators: sex and date of birth derived from an ID number */
    subtitle = g_strdup_printf (_("%s, born %s"), ld_cadre_sex_get_label (info.sex == 'M' ? "M" : "F"), birth);
  adw_action_row_set_subtitle (self->id_info_row, subtitle);
  gtk_image_set_from_icon_name (self->id_info_icon, "emblem-ok-symbolic");
  return TRUE;
}

static void
update_actions (LdCadreDialog *self)
{
  gboolean spinning = self->busy || (!self->loaded && !self->load_failed);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadre.save",
                                 ld_cadre_dialog_get_can_save (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spinning);
  gtk_spinner_set_spinning (self->spinner, spinning);
}

static void
show_message (LdCadreDialog *self,
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
validate (LdCadreDialog *self)
{
  g_autoptr(GError) first_error = NULL;
  g_autofree char *first_field = NULL;
  g_autoptr(GError) id_error = NULL;
  g_autofree char *name = NULL;
  const char *marked_field = NULL;

  if (self->filling)
    return;

  /* In form order, the first problem wins. */
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    {
      first_field = g_strdup ("name");
      g_set_error_literal (&first_error, LD_ERROR, LD_ERROR_INVALID, _("The name is required."));
    }

  {
    g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_number_row))));

    if (!check_id_number (self, id, &id_error) && first_error == NULL)
      {
        first_field = g_strdup ("id_number");
        first_error = g_error_copy (id_error);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (form_rows) && first_error == NULL; i++)
    {
      GtkWidget *row = ROW_WIDGET (self, i);
      g_autofree char *clean = NULL;
      LdEntryFieldInfo date_field = { form_rows[i].column, ld_cadre_field_get_label (form_rows[i].column),
                                      LD_ENTRY_FIELD_DATE, FALSE, NULL, NULL };

      if (form_rows[i].kind != ROW_DATE)
        continue;
      clean = ld_entry_field_normalise (&date_field, gtk_editable_get_text (GTK_EDITABLE (row)), &first_error);
      if (clean == NULL)
        first_field = g_strdup (form_rows[i].column);
    }

  if (first_error == NULL && self->loaded && get_unit_id (self) == 0)
    {
      first_field = g_strdup ("unit_id");
      g_set_error_literal (&first_error, LD_ERROR, LD_ERROR_INVALID, _("Choose the unit the cadre works in."));
    }

  self->valid = first_error == NULL;
  g_clear_pointer (&self->error_field, g_free);
  g_clear_pointer (&self->error_message, g_free);
  if (first_error != NULL)
    {
      self->error_message = g_strdup (first_error->message);
      /* Only a row the user changed is marked; an untouched empty form
       * just says what is missing. */
      if (g_hash_table_contains (self->touched, first_field))
        {
          self->error_field = g_strdup (first_field);
          marked_field = self->error_field;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    {
      gboolean bad = g_strcmp0 (marked_field, form_rows[i].column) == 0;

      ld_widget_set_error (ROW_WIDGET (self, i), bad);
      /* The message also shows on the row itself. */
      if (bad)
        gtk_widget_set_tooltip_text (ROW_WIDGET (self, i), self->error_message);
      else if (form_rows[i].kind == ROW_DATE)
        gtk_widget_set_tooltip_text (ROW_WIDGET (self, i), ld_entry_field_type_hint (LD_ENTRY_FIELD_DATE));
      else
        gtk_widget_set_tooltip_text (ROW_WIDGET (self, i), NULL);
    }
  ld_widget_set_error (GTK_WIDGET (self->unit_id_row), g_strcmp0 (marked_field, "unit_id") == 0);
  /* A wrong ID number is marked as soon as it is typed, even when another
   * field comes first. */
  if (id_error != NULL && g_hash_table_contains (self->touched, "id_number"))
    {
      ld_widget_set_error (GTK_WIDGET (self->id_number_row), TRUE);
      ld_widget_set_error (GTK_WIDGET (self->id_info_row), TRUE);
      if (marked_field == NULL)
        {
          self->error_field = g_strdup ("id_number");
          marked_field = self->error_field;
        }
    }
  else
    ld_widget_set_error (GTK_WIDGET (self->id_info_row), FALSE);

  show_message (self, self->error_message, marked_field != NULL);
  update_actions (self);
}

static void
touch (LdCadreDialog *self,
       const char    *column)
{
  if (self->filling || !self->loaded)
    return;
  g_hash_table_add (self->touched, g_strdup (column));
  self->dirty = TRUE;
  validate (self);
}

static void
on_row_changed_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  touch (LD_CADRE_DIALOG (user_data), g_object_get_data (object, "ld-column"));
}

static void
on_tag_toggled_cb (GtkCheckButton *button,
                   gpointer        user_data)
{
  touch (LD_CADRE_DIALOG (user_data), "post_tags");
}

/* --- Loading ----------------------------------------------------------------- */

typedef struct
{
  GPtrArray *units;
  LdCadre   *cadre;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->units, g_ptr_array_unref);
  g_clear_object (&result->cadre);
  g_free (result);
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 cadre_id = *(gint64 *) data;
  g_autoptr(GPtrArray) units = NULL;
  LoadResult *result;

  units = ld_unit_repository_list (vault, FALSE, error);
  if (units == NULL)
    return NULL;

  result = g_new0 (LoadResult, 1);
  result->units = g_steal_pointer (&units);

  if (cadre_id != 0)
    {
      /* Not an audited view: the file itself was opened before. */
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &cadre_id, 1, error);

      if (cadres == NULL)
        return (load_result_free (result), NULL);
      if (cadres->len == 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                               _("This cadre is not in your units. Ask the security administrator about your scope."));
          return (load_result_free (result), NULL);
        }
      result->cadre = g_object_ref (g_ptr_array_index (cadres, 0));
    }

  return result;
}

static void
load_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdCadreDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  LoadResult *result;

  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    return;

  if (result == NULL)
    {
      self->loaded = FALSE;
      self->load_failed = TRUE;
      show_message (self, error ? error->message : _("The file could not be read."), TRUE);
      update_actions (self);
      return;
    }

  self->units = g_steal_pointer (&result->units);
  /* Translators: the first row of the unit pick list */
  gtk_string_list_append (model, _("Choose a unit"));
  for (guint i = 0; i < self->units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (self->units, i);
      g_autofree char *indent = g_strnfill (MIN (ld_unit_get_depth (unit), 8) * 2, ' ');
      g_autofree char *label = g_strconcat (indent, ld_unit_get_name (unit), NULL);

      gtk_string_list_append (model, label);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->unit_id_row, G_LIST_MODEL (model));
  self->filling = FALSE;

  if (result->cadre != NULL)
    {
      ld_cadre_fields_clear (&self->original);
      ld_cadre_fields_copy (ld_cadre_get_fields (result->cadre), &self->original);
      fill_form (self, &self->original);
      adw_window_title_set_subtitle (self->window_title, ld_cadre_get_name (result->cadre));
    }
  else
    {
      self->filling = TRUE;
      set_unit_id (self, self->default_unit_id);
      choice_set_code (self->status_row, "status", "serving");
      self->filling = FALSE;
    }
  load_result_free (result);

  self->loaded = TRUE;
  ld_widget_set_sensitive (GTK_WIDGET (self->page), TRUE);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
start_load (LdCadreDialog *self)
{
  gint64 *id = g_new (gint64, 1);

  *id = self->cadre_id;
  ld_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
  update_actions (self);
  ld_vault_run_async (self->vault, load_worker, id, g_free, load_result_free, self->cancellable,
                      load_cb, g_object_ref (self));
}

/* --- Saving ------------------------------------------------------------------ */

typedef struct
{
  gint64        cadre_id;
  LdCadreFields fields;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_cadre_fields_clear (&job->fields);
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

  if (job->cadre_id == 0)
    {
      if (!ld_cadre_repository_create (vault, &job->fields, id, error))
        return (g_free (id), NULL);
    }
  else
    {
      if (!ld_cadre_repository_update (vault, job->cadre_id, &job->fields, error))
        return (g_free (id), NULL);
      *id = job->cadre_id;
    }

  return id;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdCadreDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error))
    return;

  self->busy = FALSE;
  ld_widget_set_sensitive (GTK_WIDGET (self->page), TRUE);

  if (id == NULL)
    {
      /* A refusal of the core (a duplicate ID number, a disagreeing date)
       * stays in the dialog so nothing typed is lost. */
      g_clear_pointer (&self->error_message, g_free);
      self->error_message = g_strdup (error ? error->message : _("The basic information could not be saved."));
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
  LdCadreDialog *self = LD_CADRE_DIALOG (widget);
  SaveJob *job;

  validate (self);
  if (!ld_cadre_dialog_get_can_save (self))
    return;

  job = g_new0 (SaveJob, 1);
  job->cadre_id = self->cadre_id;
  read_form (self, &job->fields);

  self->busy = TRUE;
  ld_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
  update_actions (self);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- Cancelling -------------------------------------------------------------- */

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
on_discard_response_cb (LdCadreDialog *self,
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
  LdCadreDialog *self = LD_CADRE_DIALOG (widget);
  AdwMessageDialog *dialog;

  if (self->busy)
    return;
  if (!self->dirty)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                                       _("What you changed in the basic information will be lost.")));
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
ld_cadre_dialog_close_request (GtkWindow *window)
{
  LdCadreDialog *self = LD_CADRE_DIALOG (window);

  if (self->dirty || self->busy)
    {
      cancel_action (GTK_WIDGET (self), "cadre.cancel", NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ld_cadre_dialog_parent_class)->close_request (window);
}

/* --- GObject ----------------------------------------------------------------- */

static void
ld_cadre_dialog_dispose (GObject *object)
{
  LdCadreDialog *self = LD_CADRE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CADRE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->tag_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_cadre_dialog_parent_class)->dispose (object);
}

static void
ld_cadre_dialog_finalize (GObject *object)
{
  LdCadreDialog *self = LD_CADRE_DIALOG (object);

  ld_cadre_fields_clear (&self->original);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->error_field, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_cadre_dialog_parent_class)->finalize (object);
}

static void
ld_cadre_dialog_class_init (LdCadreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_cadre_dialog_dispose;
  object_class->finalize = ld_cadre_dialog_finalize;
  window_class->close_request = ld_cadre_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-cadre-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, page);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, former_names_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, id_info_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, id_info_icon);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, ethnicity_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, native_place_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, political_status_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, party_joined_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, party_full_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, edu_fulltime_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, degree_fulltime_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, school_fulltime_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, edu_inservice_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, degree_inservice_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, school_inservice_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, unit_id_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, post_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, post_level_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, rank_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, grade_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, grade_spin);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, post_since_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, rank_since_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, promoted_at_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, authority_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, principal_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, principal_switch);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, classification_row);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, post_tags_group);
  gtk_widget_class_bind_template_child (widget_class, LdCadreDialog, error_label);

  gtk_widget_class_install_action (widget_class, "cadre.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "cadre.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "cadre.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "cadre.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "cadre.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "cadre.cancel", NULL);
}

static void
ld_cadre_dialog_init (LdCadreDialog *self)
{
  guint n_tags = 0;
  const LdCode *tags;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tag_checks = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (form_rows); i++)
    {
      GtkWidget *row = ROW_WIDGET (self, i);

      g_object_set_data (G_OBJECT (row), "ld-column", (gpointer) form_rows[i].column);
      if (form_rows[i].kind == ROW_CHOICE)
        {
          setup_choice_row (ADW_COMBO_ROW (row), form_rows[i].column);
          g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_changed_cb), self, G_CONNECT_DEFAULT);
        }
      else
        {
          if (form_rows[i].kind == ROW_DATE)
            gtk_widget_set_tooltip_text (row, ld_entry_field_type_hint (LD_ENTRY_FIELD_DATE));
          g_signal_connect_object (row, "notify::text", G_CALLBACK (on_row_changed_cb), self, G_CONNECT_DEFAULT);
        }
    }

  g_object_set_data (G_OBJECT (self->unit_id_row), "ld-column", (gpointer) "unit_id");
  g_signal_connect_object (self->unit_id_row, "notify::selected", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_object_set_data (G_OBJECT (self->grade_spin), "ld-column", (gpointer) "grade");
  g_signal_connect_object (self->grade_spin, "notify::value", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_object_set_data (G_OBJECT (self->principal_switch), "ld-column", (gpointer) "principal");
  g_signal_connect_object (self->principal_switch, "notify::active", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_DEFAULT);

  /* One check row per post type. */
  tags = ld_code_table_get (LD_CODE_TABLE_POST_TAG, &n_tags);
  for (guint i = 0; i < n_tags; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tags[i].label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->post_tags_group, row);
      g_ptr_array_add (self->tag_checks, check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_tag_toggled_cb), self, G_CONNECT_DEFAULT);
    }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdCadreDialog *
ld_cadre_dialog_new (GtkWindow *parent,
                     LdVault   *vault,
                     gint64     cadre_id,
                     gint64     default_unit_id)
{
  LdCadreDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  self = g_object_new (LD_TYPE_CADRE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  self->vault = g_object_ref (vault);
  self->cadre_id = cadre_id;
  self->default_unit_id = default_unit_id;

  adw_window_title_set_title (self->window_title, cadre_id == 0 ? _("New Cadre") : _("Basic Information"));
  gtk_window_set_title (GTK_WINDOW (self), cadre_id == 0 ? _("New Cadre") : _("Basic Information"));
  start_load (self);

  return self;
}

gboolean
ld_cadre_dialog_set_field (LdCadreDialog *self,
                           const char    *field,
                           const char    *value)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (LD_IS_CADRE_DIALOG (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL)
    value = "";

  if (g_str_equal (field, "unit_id"))
    {
      gint64 id = g_ascii_strtoll (value, NULL, 10);

      ok = set_unit_id (self, id);
    }
  else if (g_str_equal (field, "grade"))
    gtk_spin_button_set_value (self->grade_spin, g_ascii_strtod (value, NULL));
  else if (g_str_equal (field, "principal"))
    gtk_switch_set_active (self->principal_switch, g_str_equal (value, "1"));
  else if (g_str_equal (field, "post_tags"))
    ok = set_post_tags (self, value);
  else
    {
      GtkWidget *row = row_for_field (self, field);
      guint i;

      if (row == NULL)
        return FALSE;
      for (i = 0; i < G_N_ELEMENTS (form_rows); i++)
        if (g_str_equal (form_rows[i].column, field))
          break;
      if (form_rows[i].kind == ROW_CHOICE)
        ok = choice_set_code (ADW_COMBO_ROW (row), field, value);
      else
        gtk_editable_set_text (GTK_EDITABLE (row), value);
    }

  touch (self, field);
  return ok;
}

gboolean
ld_cadre_dialog_get_loaded (LdCadreDialog *self)
{
  g_return_val_if_fail (LD_IS_CADRE_DIALOG (self), FALSE);

  return self->loaded;
}

gboolean
ld_cadre_dialog_get_can_save (LdCadreDialog *self)
{
  g_return_val_if_fail (LD_IS_CADRE_DIALOG (self), FALSE);

  return self->loaded && self->valid && !self->busy && (self->dirty || self->cadre_id == 0);
}

const char *
ld_cadre_dialog_get_error_field (LdCadreDialog *self)
{
  g_return_val_if_fail (LD_IS_CADRE_DIALOG (self), NULL);

  return self->error_field;
}

const char *
ld_cadre_dialog_get_error_message (LdCadreDialog *self)
{
  g_return_val_if_fail (LD_IS_CADRE_DIALOG (self), NULL);

  return self->error_message;
}
