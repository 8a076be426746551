/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-petition-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-petition-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-petition-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-tables.h"
#include "widgets/ld-unit-picker.h"

#define REPEAT_DELAY_MS 600

struct _LdPetitionDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  GtkRevealer         *repeat_revealer;
  GtkListBox          *repeat_list;
  AdwComboRow         *kind_row;
  GtkStringList       *kind_list;
  AdwComboRow         *channel_row;
  GtkStringList       *channel_list;
  AdwEntryRow         *date_row;
  LdUnitPicker        *unit_picker;
  AdwPreferencesGroup *reporter_group;
  GtkSwitch           *real_name_switch;
  AdwEntryRow         *reporter_name_row;
  AdwEntryRow         *reporter_unit_row;
  AdwEntryRow         *reporter_contact_row;
  AdwEntryRow         *reporter_address_row;
  AdwPreferencesGroup *persons_group;
  GtkListBox          *others_list;
  GtkEntry            *person_name_entry;
  GtkEntry            *person_unit_entry;
  GtkEntry            *person_post_entry;
  AdwPreferencesGroup *categories_group;
  AdwEntryRow         *summary_row;
  GtkTextView         *full_text_view;
  AdwComboRow         *routing_row;
  GtkStringList       *routing_list;
  AdwEntryRow         *routed_to_row;
  AdwEntryRow         *routed_date_row;

  /* Borrowed References */
  LdCadreChooser      *chooser;

  /* Owned References */
  LdVault             *vault;
  LdPetition          *petition;
  GCancellable        *cancellable;
  GCancellable        *repeat_cancellable;
  GPtrArray           *kind_codes;
  GPtrArray           *channel_codes;
  GPtrArray           *routing_codes;
  GPtrArray           *category_checks;   /* GtkCheckButton, "code" data */
  GPtrArray           *others;            /* LdPetitionPerson not on file */
  GPtrArray           *candidates;        /* LdPetition */
  GPtrArray           *candidate_checks;  /* GtkCheckButton per candidate */
  char                *error_message;

  guint                repeat_timeout;
  guint                busy : 1;
  guint                can_save : 1;
  guint                touched : 1;
  guint                filling : 1;
  guint                units_loaded : 1;
  guint                checking_repeats : 1;
};

G_DEFINE_FINAL_TYPE (LdPetitionDialog, ld_petition_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void schedule_repeats (LdPetitionDialog *self);

static char *
get_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static char *
get_full_text (LdPetitionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->full_text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static const char *
code_at (GPtrArray *codes,
         guint      pos)
{
  return codes != NULL && pos < codes->len ? g_ptr_array_index (codes, pos) : "";
}

static void
show_error (LdPetitionDialog *self,
            const char       *message)
{
  if (g_strcmp0 (message, self->error_message) == 0)
    return;

  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
checked_categories (LdPetitionDialog *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      if (!gtk_check_button_get_active (check))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_object_get_data (G_OBJECT (check), "code"));
    }

  return g_string_free (out, FALSE);
}

/* Fills spec (initialised) from the form; with_reporter adds the identity. */
static void
build_spec (LdPetitionDialog *self,
            LdPetitionSpec   *spec,
            gboolean          with_reporter)
{
  g_autoptr(GArray) ids = ld_cadre_chooser_get_ids (self->chooser);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  spec->unit_id = unit_id > 0 ? unit_id : 0;
  g_free (spec->kind);
  spec->kind = g_strdup (code_at (self->kind_codes, adw_combo_row_get_selected (self->kind_row)));
  g_free (spec->channel);
  spec->channel = g_strdup (code_at (self->channel_codes, adw_combo_row_get_selected (self->channel_row)));
  g_free (spec->received_date);
  spec->received_date = get_stripped (self->date_row);
  spec->real_name = gtk_switch_get_active (self->real_name_switch);

  if (spec->persons != NULL)
    g_ptr_array_set_size (spec->persons, 0);
  for (guint i = 0; i < ids->len; i++)
    ld_petition_spec_add_cadre (spec, g_array_index (ids, gint64, i));
  for (guint i = 0; i < self->others->len; i++)
    {
      LdPetitionPerson *person = g_ptr_array_index (self->others, i);

      ld_petition_spec_add_person (spec, person->name, person->unit_text, person->post_text);
    }

  g_free (spec->categories);
  spec->categories = checked_categories (self);
  g_free (spec->summary);
  spec->summary = get_stripped (self->summary_row);
  g_free (spec->full_text);
  spec->full_text = get_full_text (self);
  g_free (spec->routing);
  spec->routing = g_strdup (code_at (self->routing_codes, adw_combo_row_get_selected (self->routing_row)));
  g_free (spec->routed_to);
  spec->routed_to = get_stripped (self->routed_to_row);
  g_free (spec->routed_date);
  spec->routed_date = get_stripped (self->routed_date_row);

  if (with_reporter && self->petition == NULL && spec->real_name)
    {
      g_autofree char *name = get_stripped (self->reporter_name_row);
      g_autofree char *unit = get_stripped (self->reporter_unit_row);
      g_autofree char *contact = get_stripped (self->reporter_contact_row);
      g_autofree char *address = get_stripped (self->reporter_address_row);
      g_autoptr(LdReporter) reporter = ld_reporter_new (name, unit, contact, address, NULL);

      ld_petition_spec_set_reporter (spec, reporter);
      /* Wipe the local copies too. */
      memset (name, 0, strlen (name));
      memset (unit, 0, strlen (unit));
      memset (contact, 0, strlen (contact));
      memset (address, 0, strlen (address));
    }
  else
    ld_petition_spec_set_reporter (spec, NULL);
}

static GtkWidget *
widget_for_key (LdPetitionDialog *self,
                const char       *key)
{
  if (key == NULL)
    return NULL;
  if (g_str_equal (key, "kind"))
    return GTK_WIDGET (self->kind_row);
  if (g_str_equal (key, "channel"))
    return GTK_WIDGET (self->channel_row);
  if (g_str_equal (key, "received-date"))
    return GTK_WIDGET (self->date_row);
  if (g_str_equal (key, "unit"))
    return GTK_WIDGET (self->unit_picker);
  if (g_str_equal (key, "summary"))
    return GTK_WIDGET (self->summary_row);
  if (g_str_equal (key, "full-text"))
    return GTK_WIDGET (self->full_text_view);
  if (g_str_equal (key, "routing"))
    return GTK_WIDGET (self->routing_row);
  if (g_str_equal (key, "routed-to"))
    return GTK_WIDGET (self->routed_to_row);
  if (g_str_equal (key, "routed-date"))
    return GTK_WIDGET (self->routed_date_row);
  if (g_str_equal (key, "reporter"))
    return GTK_WIDGET (self->reporter_name_row);
  if (g_str_equal (key, "persons"))
    return GTK_WIDGET (self->persons_group);
  if (g_str_equal (key, "categories"))
    return GTK_WIDGET (self->categories_group);

  return NULL;
}

static gboolean
validate (LdPetitionDialog *self)
{
  const char *keys[] = { "kind", "channel", "received-date", "unit", "summary", "full-text", "routing",
                         "routed-to", "routed-date", "reporter", "persons", "categories" };
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;
  gboolean real_name;
  gboolean forwarded;
  gboolean ok;

  if (self->chooser == NULL || self->kind_codes == NULL || self->routing_codes == NULL)
    return FALSE;

  real_name = gtk_switch_get_active (self->real_name_switch);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporter_name_row), real_name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporter_unit_row), real_name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporter_contact_row), real_name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reporter_address_row), real_name);
  forwarded = g_strcmp0 (code_at (self->routing_codes, adw_combo_row_get_selected (self->routing_row)), "local") != 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->routed_to_row), forwarded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->routed_date_row), forwarded);

  ld_petition_spec_init (&spec);
  build_spec (self, &spec, TRUE);
  /* An edit leaves the stored reporter alone: it is not asked for again. */
  if (self->petition != NULL && spec.real_name && ld_petition_get_real_name (self->petition))
    {
      g_autoptr(LdReporter) stored = ld_reporter_new ("*", NULL, NULL, NULL, NULL);

      ld_petition_spec_set_reporter (&spec, stored);
    }
  ok = ld_petition_spec_validate (&spec, &bad_key, &error);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    ld_widget_set_error (widget_for_key (self, keys[i]), FALSE);
  if (!ok && self->touched)
    {
      ld_widget_set_error (widget_for_key (self, bad_key), TRUE);
      show_error (self, error != NULL ? error->message : NULL);
    }
  else
    show_error (self, NULL);

  self->can_save = ok && !self->busy && self->units_loaded;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petition.save", self->can_save);

  return ok;
}

static void
on_form_changed_cb (LdPetitionDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  validate (self);
}

static void
on_content_changed_cb (LdPetitionDialog *self)
{
  on_form_changed_cb (self);
  schedule_repeats (self);
}

/* --- Persons not on file --------------------------------------------------- */

static void on_remove_person_cb (GtkButton *button, LdPetitionDialog *self);

static void
show_others (LdPetitionDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->others_list))) != NULL)
    gtk_list_box_remove (self->others_list, child);

  for (guint i = 0; i < self->others->len; i++)
    {
      LdPetitionPerson *person = g_ptr_array_index (self->others, i);
      g_autofree char *label = ld_petition_person_format (person);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not on file"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove"));
      g_object_set_data (G_OBJECT (button), "ld-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_person_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->others_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->others_list), self->others->len > 0);
}

static void
on_remove_person_cb (GtkButton        *button,
                     LdPetitionDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ld-index"));

  if (index < self->others->len)
    g_ptr_array_remove_index (self->others, index);
  show_others (self);
  on_content_changed_cb (self);
}

static void
on_add_person_cb (LdPetitionDialog *self)
{
  g_autofree char *name = get_stripped (self->person_name_entry);
  g_autofree char *unit = get_stripped (self->person_unit_entry);
  g_autofree char *post = get_stripped (self->person_post_entry);

  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->person_name_entry));
      return;
    }

  g_ptr_array_add (self->others, ld_petition_person_new_text (name, unit, post));
  gtk_editable_set_text (GTK_EDITABLE (self->person_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_unit_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_post_entry), "");
  show_others (self);
  on_content_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->person_name_entry));
}

/* --- Repeat candidates ----------------------------------------------------- */

typedef struct
{
  LdPetitionSpec spec;
  gint64         exclude_id;
} RepeatJob;

static void
repeat_job_free (gpointer data)
{
  RepeatJob *job = data;

  ld_petition_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
repeat_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RepeatJob *job = data;

  return ld_petition_repository_repeat_candidates_for_spec (vault, &job->spec, job->exclude_id, NULL, error);
}

static void
on_candidate_toggled_cb (GtkCheckButton   *check,
                         LdPetitionDialog *self)
{
  /* One first report at most. */
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < self->candidate_checks->len; i++)
    {
      GtkCheckButton *other = g_ptr_array_index (self->candidate_checks, i);

      if (other != check)
        gtk_check_button_set_active (other, FALSE);
    }
}

static void
show_candidates (LdPetitionDialog *self)
{
  GtkWidget *child;
  guint n = self->candidates != NULL ? self->candidates->len : 0;

  g_ptr_array_set_size (self->candidate_checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->repeat_list))) != NULL)
    gtk_list_box_remove (self->repeat_list, child);

  for (guint i = 0; i < n; i++)
    {
      LdPetition *candidate = g_ptr_array_index (self->candidates, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new_with_mnemonic (_("Mark as _repeat"));
      g_autofree char *title = NULL;

      /* Translators: a registered report the new one may repeat: number, received date */
      title = g_strdup_printf (_("Possible repeat of %s (received %s)"), ld_petition_get_reg_no (candidate),
                               ld_petition_get_received_date (candidate));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ld_petition_get_summary (candidate));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_candidate_toggled_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->repeat_list, row);
      g_ptr_array_add (self->candidate_checks, check);
    }

  gtk_revealer_set_reveal_child (self->repeat_revealer, n > 0);
}

static void
repeat_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdPetitionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *candidates = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&candidates, g_ptr_array_unref);
      return;
    }

  self->checking_repeats = FALSE;
  /* A failed lookup offers nothing; saving still works. */
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  self->candidates = candidates;
  show_candidates (self);
}

static gboolean
repeat_timeout_cb (gpointer user_data)
{
  LdPetitionDialog *self = user_data;
  RepeatJob *job;

  self->repeat_timeout = 0;

  g_cancellable_cancel (self->repeat_cancellable);
  g_clear_object (&self->repeat_cancellable);
  self->repeat_cancellable = g_cancellable_new ();

  job = g_new0 (RepeatJob, 1);
  ld_petition_spec_init (&job->spec);
  build_spec (self, &job->spec, FALSE);
  job->exclude_id = self->petition != NULL ? ld_petition_get_id (self->petition) : 0;

  if ((job->spec.persons == NULL || job->spec.persons->len == 0) || *job->spec.summary == '\0')
    {
      repeat_job_free (job);
      self->checking_repeats = FALSE;
      g_clear_pointer (&self->candidates, g_ptr_array_unref);
      show_candidates (self);
      return G_SOURCE_REMOVE;
    }

  ld_vault_run_async (self->vault, repeat_worker, job, repeat_job_free, (GDestroyNotify) g_ptr_array_unref,
                      self->repeat_cancellable, repeat_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_repeats (LdPetitionDialog *self)
{
  if (self->filling || self->vault == NULL)
    return;

  g_clear_handle_id (&self->repeat_timeout, g_source_remove);
  self->checking_repeats = TRUE;
  self->repeat_timeout = g_timeout_add (REPEAT_DELAY_MS, repeat_timeout_cb, self);
}

static gint64
chosen_repeat_of (LdPetitionDialog *self)
{
  for (guint i = 0; i < self->candidate_checks->len && self->candidates != NULL && i < self->candidates->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->candidate_checks, i)))
      return ld_petition_get_id (g_ptr_array_index (self->candidates, i));

  return 0;
}

/* --- Saving ---------------------------------------------------------------- */

static void
set_busy (LdPetitionDialog *self,
          gboolean          busy)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (gtk_widget_get_last_child (content), !busy);
  validate (self);
}

typedef struct
{
  gint64         id;
  gint64         repeat_of;
  LdPetitionSpec spec;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  ld_petition_spec_clear (&job->spec);
  g_free (job);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  gint64 id = job->id;

  if (id == 0)
    {
      if (!ld_petition_repository_create (vault, &job->spec, &id, NULL, error))
        return NULL;
    }
  else if (!ld_petition_repository_update (vault, id, &job->spec, error))
    return NULL;

  if (job->repeat_of != 0 && !ld_petition_repository_mark_repeat (vault, id, job->repeat_of, error))
    {
      /* The petition is stored; say so with the refusal. */
      g_prefix_error (error, "%s ", _("The petition was saved, but it could not be marked as a repeat:"));
      return NULL;
    }

  return g_memdup2 (&id, sizeof id);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdPetitionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);
  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The petition could not be saved."));
      return;
    }

  g_signal_emit (self, signals [SIGNAL_SAVED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdPetitionDialog *self = LD_PETITION_DIALOG (widget);
  SaveJob *job;

  if (self->busy)
    return;
  self->touched = TRUE;
  if (!validate (self) || !self->units_loaded)
    return;

  job = g_new0 (SaveJob, 1);
  job->id = self->petition != NULL ? ld_petition_get_id (self->petition) : 0;
  if (self->petition != NULL)
    ld_petition_spec_init_from_petition (&job->spec, self->petition);
  else
    ld_petition_spec_init (&job->spec);
  build_spec (self, &job->spec, TRUE);
  job->repeat_of = chosen_repeat_of (self);

  show_error (self, NULL);
  set_busy (self, TRUE);
  ld_vault_run_async (self->vault, save_worker, job, save_job_free, g_free, self->cancellable,
                      save_cb, g_object_ref (self));
}

/* --- Set-up ---------------------------------------------------------------- */

static gpointer
units_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return ld_unit_repository_list (vault, FALSE, error);
}

static void
units_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LdPetitionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;
  if (units == NULL)
    {
      show_error (self, error != NULL ? error->message : NULL);
      return;
    }

  self->filling = TRUE;
  ld_unit_picker_set_units (self->unit_picker, units, NULL, 0);
  if (self->petition != NULL)
    ld_unit_picker_set_selected_id (self->unit_picker, ld_petition_get_unit_id (self->petition));
  self->filling = FALSE;
  self->units_loaded = TRUE;
  validate (self);
}

static void
fill_codes (GtkStringList *list,
            GPtrArray     *codes,
            const char    *table)
{
  const LdCode *table_codes;
  guint n = 0;

  table_codes = ld_code_table_get (table, &n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (codes, (gpointer) table_codes[i].code);
      gtk_string_list_append (list, table_codes[i].label);
    }
}

static void
select_code (AdwComboRow *row,
             GPtrArray   *codes,
             const char  *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      adw_combo_row_set_selected (row, i);
}

static gboolean
is_discipline (const char *code)
{
  const char *disciplines[] = { "POL", "ORG", "INT", "MAS", "WRK", "LIF", NULL };

  return g_strv_contains (disciplines, code);
}

static void
build_categories (LdPetitionDialog *self)
{
  GtkWidget *groups[3];
  const char *titles[3] = { N_("The Six Disciplines"), N_("Four Undesirable Work Styles (四风)"),
                            N_("Job-Related Illegality and Other") };
  const LdCode *codes;
  guint n = 0;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      groups[g] = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (groups[g]), _(titles[g]));
      adw_preferences_group_add (self->categories_group, groups[g]);
    }

  codes = ld_code_table_get (LD_CODE_TABLE_PROBLEM_CATEGORY, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      guint g = is_discipline (codes[i].code) ? 0 : ld_problem_category_is_sifeng (codes[i].code) ? 1 : 2;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), codes[i].label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (codes[i].code), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (groups[g]), row);
      g_ptr_array_add (self->category_checks, check);
    }
}

static void
fill_from_petition (LdPetitionDialog *self,
                    LdPetition       *petition)
{
  GPtrArray *persons = ld_petition_get_persons (petition);
  const char *codes = ld_petition_get_categories (petition);
  g_auto(GStrv) categories = g_strsplit (codes != NULL ? codes : "", ",", -1);

  select_code (self->kind_row, self->kind_codes, ld_petition_get_kind (petition));
  select_code (self->channel_row, self->channel_codes, ld_petition_get_channel (petition));
  select_code (self->routing_row, self->routing_codes, ld_petition_get_routing (petition));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), ld_petition_get_received_date (petition));
  gtk_switch_set_active (self->real_name_switch, ld_petition_get_real_name (petition));
  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), ld_petition_get_summary (petition));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->full_text_view), ld_petition_get_full_text (petition), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->routed_to_row), ld_petition_get_routed_to (petition));
  gtk_editable_set_text (GTK_EDITABLE (self->routed_date_row), ld_petition_get_routed_date (petition));

  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      LdPetitionPerson *person = g_ptr_array_index (persons, i);

      if (person->cadre_id > 0)
        {
          g_autofree char *label = ld_petition_person_format (person);

          ld_cadre_chooser_add (self->chooser, person->cadre_id, label);
        }
      else
        g_ptr_array_add (self->others, ld_petition_person_copy (person));
    }
  show_others (self);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) categories,
                                                           g_object_get_data (G_OBJECT (check), "code")));
    }
}

/* The identity typed leaves the entries when the dialog closes. */
static void
clear_reporter (LdPetitionDialog *self)
{
  AdwEntryRow *rows[4] = { self->reporter_name_row, self->reporter_unit_row,
                           self->reporter_contact_row, self->reporter_address_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
}

static gboolean
ld_petition_dialog_close_request (GtkWindow *window)
{
  LdPetitionDialog *self = LD_PETITION_DIALOG (window);

  if (self->busy)
    return TRUE;

  self->filling = TRUE;
  clear_reporter (self);

  return GTK_WINDOW_CLASS (ld_petition_dialog_parent_class)->close_request (window);
}

static void
ld_petition_dialog_dispose (GObject *object)
{
  LdPetitionDialog *self = (LdPetitionDialog *)object;

  self->filling = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->repeat_cancellable);
  g_clear_handle_id (&self->repeat_timeout, g_source_remove);
  clear_reporter (self);
  if (self->candidate_checks != NULL)
    g_ptr_array_set_size (self->candidate_checks, 0);
  if (self->category_checks != NULL)
    g_ptr_array_set_size (self->category_checks, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_PETITION_DIALOG);
  self->chooser = NULL;

  g_clear_object (&self->vault);
  g_clear_object (&self->petition);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->repeat_cancellable);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_petition_dialog_parent_class)->dispose (object);
}

static void
ld_petition_dialog_finalize (GObject *object)
{
  LdPetitionDialog *self = (LdPetitionDialog *)object;

  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->channel_codes, g_ptr_array_unref);
  g_clear_pointer (&self->routing_codes, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->candidate_checks, g_ptr_array_unref);
  g_clear_pointer (&self->others, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_petition_dialog_parent_class)->finalize (object);
}

static void
ld_petition_dialog_class_init (LdPetitionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_petition_dialog_dispose;
  object_class->finalize = ld_petition_dialog_finalize;
  window_class->close_request = ld_petition_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-petition-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, repeat_revealer);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, repeat_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, kind_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, channel_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, reporter_group);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, real_name_switch);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, reporter_name_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, reporter_unit_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, reporter_contact_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, reporter_address_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, persons_group);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, others_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, person_name_entry);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, person_unit_entry);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, person_post_entry);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, categories_group);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, full_text_view);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, routing_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, routing_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, routed_to_row);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionDialog, routed_date_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_content_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_person_cb);

  gtk_widget_class_install_action (widget_class, "petition.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "petition.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_petition_dialog_init (LdPetitionDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->kind_codes = g_ptr_array_new ();
  self->channel_codes = g_ptr_array_new ();
  self->routing_codes = g_ptr_array_new ();
  self->category_checks = g_ptr_array_new ();
  self->candidate_checks = g_ptr_array_new ();
  self->others = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  self->filling = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  /* No undo history keeps the reporter's identity after it is cleared. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->reporter_name_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->reporter_unit_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->reporter_contact_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->reporter_address_row), FALSE);
}

LdPetitionDialog *
ld_petition_dialog_new (LdVault    *vault,
                        LdPetition *petition)
{
  LdPetitionDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (petition == NULL || LD_IS_PETITION (petition), NULL);

  self = g_object_new (LD_TYPE_PETITION_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  g_set_object (&self->petition, petition);

  fill_codes (self->kind_list, self->kind_codes, LD_CODE_TABLE_PETITION_KIND);
  fill_codes (self->channel_list, self->channel_codes, LD_CODE_TABLE_CHANNEL);
  fill_codes (self->routing_list, self->routing_codes, LD_CODE_TABLE_ROUTING);
  build_categories (self);

  self->chooser = ld_cadre_chooser_new (vault);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->chooser), 6);
  /* The chooser goes first in the group, above the people not on file. */
  adw_preferences_group_add (self->persons_group, GTK_WIDGET (self->chooser));
  {
    GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->chooser));

    gtk_box_reorder_child_after (GTK_BOX (box), GTK_WIDGET (self->chooser), NULL);
  }
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (on_content_changed_cb), self, G_CONNECT_SWAPPED);

  if (petition != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Edit Petition %s"), ld_petition_get_reg_no (petition));

      gtk_window_set_title (GTK_WINDOW (self), title);
      fill_from_petition (self, petition);
      /* The reporter is kept apart and changed on its own. */
      gtk_widget_set_visible (GTK_WIDGET (self->reporter_group), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), _("Save the changes (Ctrl+S)"));
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      units_cb, g_object_ref (self));

  self->filling = FALSE;
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));

  return self;
}

LdCadreChooser *
ld_petition_dialog_get_cadre_chooser (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), NULL);

  return self->chooser;
}

void
ld_petition_dialog_fill (LdPetitionDialog *self,
                         gint64            unit_id,
                         gboolean          real_name,
                         const char       *reporter_name,
                         const char       *summary)
{
  g_return_if_fail (LD_IS_PETITION_DIALOG (self));

  if (unit_id > 0)
    ld_unit_picker_set_selected_id (self->unit_picker, unit_id);
  gtk_switch_set_active (self->real_name_switch, real_name);
  if (reporter_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->reporter_name_row), reporter_name);
  if (summary != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->summary_row), summary);

  validate (self);
}

void
ld_petition_dialog_add_person (LdPetitionDialog *self,
                               const char       *name,
                               const char       *unit_text,
                               const char       *post_text)
{
  g_return_if_fail (LD_IS_PETITION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->person_name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_unit_entry), unit_text != NULL ? unit_text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_post_entry), post_text != NULL ? post_text : "");
  on_add_person_cb (self);
}

gboolean
ld_petition_dialog_get_can_save (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), FALSE);

  return self->can_save;
}

gboolean
ld_petition_dialog_get_busy (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), FALSE);

  return self->busy;
}

const char *
ld_petition_dialog_get_error_message (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), NULL);

  return self->error_message;
}

gboolean
ld_petition_dialog_get_ready (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), FALSE);

  return self->units_loaded && !self->checking_repeats;
}

guint
ld_petition_dialog_get_n_repeat_candidates (LdPetitionDialog *self)
{
  g_return_val_if_fail (LD_IS_PETITION_DIALOG (self), 0);

  return self->candidates != NULL ? self->candidates->len : 0;
}

void
ld_petition_dialog_set_repeat_of (LdPetitionDialog *self,
                                  guint             index,
                                  gboolean          repeat)
{
  g_return_if_fail (LD_IS_PETITION_DIALOG (self));
  g_return_if_fail (index < self->candidate_checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->candidate_checks, index), repeat);
}
