/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-import-dialog.h"

#include "exchange/ld-ledger-import.h"
#include "exchange/ld-measure-import.h"
#include "exchange/ld-roster-import.h"
#include "records/ld-unit-repository.h"
#include "widgets/ld-unit-picker.h"


static gboolean
is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* gtk_widget_set_sensitive() that first moves the focus out of widget
 * (GTK 4.8 warns when a focused entry becomes insensitive). */
static void
set_sensitive (GtkWidget *widget,
               gboolean   sensitive)
{
  GtkRoot *root;

  if (!sensitive && (root = gtk_widget_get_root (widget)) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        gtk_root_set_focus (root, NULL);
    }

  gtk_widget_set_sensitive (widget, sensitive);
}

/* A preview lists at most this many problems and changed cadres; the
 * rest are counted. */
#define MAX_LISTED      300
#define PREVIEW_ROWS    8
#define PREVIEW_COLUMNS 12

struct _LdImportDialog
{
  AdwWindow        parent_instance;

  /* Template Widgets */
  AdwToastOverlay *toast_overlay;
  GtkButton       *cancel_button;
  GtkButton       *import_button;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  AdwStatusPage   *choose_page;
  AdwActionRow    *file_row;
  AdwActionRow    *parent_row;
  LdUnitPicker    *parent_picker;
  GtkBox          *planning_box;
  GtkSpinner      *planning_spinner;
  GtkButton       *preview_button;
  GtkLabel        *choose_error_label;
  AdwActionRow    *summary_file_row;
  AdwActionRow    *counts_row;
  GtkLabel        *blocked_label;
  GtkListBox      *mapping_list;
  AdwPreferencesGroup *units_group;
  GtkListBox      *units_list;
  AdwPreferencesGroup *problems_group;
  GtkListBox      *problems_list;
  AdwPreferencesGroup *changes_group;
  GtkListBox      *changes_list;
  AdwPreferencesGroup *rows_group;
  GtkGrid         *rows_grid;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *result_page;

  /* Owned References */
  LdVault         *vault;
  GFile           *file;
  LdImportPlan    *plan;
  LdRosterMapping *mapping;        /* the user's corrections, or NULL: detect */
  LdLedgerPlan    *ledger_plan;    /* talks and petitions: the plan instead of plan */
  LdLedgerMapping *ledger_mapping; /* talks and petitions: the user's corrections */
  LdMeasureImportPlan    *measure_plan;    /* measures: the plan instead of plan */
  LdMeasureImportMapping *measure_mapping; /* measures: the user's corrections */
  GPtrArray       *preview_texts;  /* char*: the texts of the first rows, as shown */
  GCancellable    *cancellable;    /* the dialog's lifetime */
  GCancellable    *plan_cancellable;
  GCancellable    *commit_cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray       *problem_lines;  /* char*, as shown */
  char            *counts_text;
  char            *blocked_reason;
  char            *pending_error;  /* a failed commit, shown with the next preview */

  gint64           parent_unit_id;
  LdImportKind     kind;
  guint            skip_invalid : 1;
  guint            planning : 1;
  guint            committing : 1;
  guint            done : 1;
  guint            populating : 1;
  guint            close_confirmed : 1;
};

G_DEFINE_FINAL_TYPE (LdImportDialog, ld_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SKIP_INVALID,
  PROP_KIND,
  N_PROPS
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_plan (LdImportDialog *self);

static gboolean
is_ledger (LdImportDialog *self)
{
  return self->kind != LD_IMPORT_KIND_CADRES;
}

static LdLedgerKind
ledger_kind (LdImportDialog *self)
{
  return self->kind == LD_IMPORT_KIND_PETITIONS ? LD_LEDGER_PETITIONS : LD_LEDGER_TALKS;
}

static gboolean
has_plan (LdImportDialog *self)
{
  return self->plan != NULL || self->ledger_plan != NULL || self->measure_plan != NULL;
}

/* The fields, mapping, rows and problems of a ledger plan: a talk or
 * petition ledger's, or a sanctions ledger's (the measures import keeps
 * its rows and problems in the ledger import's structs). */
static guint
ledger_n_fields (LdImportDialog *self)
{
  if (self->kind == LD_IMPORT_KIND_MEASURES)
    return ld_measure_import_n_fields ();
  return ld_ledger_n_fields (ledger_kind (self));
}

static const char *
ledger_field_label (LdImportDialog *self,
                    int             field)
{
  if (self->kind == LD_IMPORT_KIND_MEASURES)
    return ld_measure_import_field_get_label (field);
  return ld_ledger_field_get_label (ledger_kind (self), field);
}

static guint
ledger_n_columns (LdImportDialog *self)
{
  if (self->measure_plan != NULL)
    return ld_measure_import_mapping_get_n_columns (ld_measure_import_plan_get_mapping (self->measure_plan));
  return ld_ledger_mapping_get_n_columns (ld_ledger_plan_get_mapping (self->ledger_plan));
}

static const char *
ledger_header (LdImportDialog *self,
               guint           column)
{
  if (self->measure_plan != NULL)
    return ld_measure_import_mapping_get_header (ld_measure_import_plan_get_mapping (self->measure_plan), column);
  return ld_ledger_mapping_get_header (ld_ledger_plan_get_mapping (self->ledger_plan), column);
}

static int
ledger_field (LdImportDialog *self,
              guint           column)
{
  if (self->measure_plan != NULL)
    return ld_measure_import_mapping_get_field (ld_measure_import_plan_get_mapping (self->measure_plan), column);
  return ld_ledger_mapping_get_field (ld_ledger_plan_get_mapping (self->ledger_plan), column);
}

/* LdLedgerRow*. */
static GPtrArray *
ledger_rows (LdImportDialog *self)
{
  if (self->measure_plan != NULL)
    return ld_measure_import_plan_get_rows (self->measure_plan);
  return ld_ledger_plan_get_rows (self->ledger_plan);
}

static void
ledger_counts (LdImportDialog *self,
               guint          *n_valid,
               guint          *n_invalid)
{
  if (self->measure_plan != NULL)
    ld_measure_import_plan_get_counts (self->measure_plan, n_valid, n_invalid);
  else
    ld_ledger_plan_get_counts (self->ledger_plan, n_valid, n_invalid);
}

static void
plan_free (LdImportKind kind,
           gpointer     plan)
{
  if (kind == LD_IMPORT_KIND_MEASURES)
    ld_measure_import_plan_free (plan);
  else if (kind != LD_IMPORT_KIND_CADRES)
    ld_ledger_plan_free (plan);
  else
    ld_import_plan_free (plan);
}

/* State ---------------------------------------------------------------------- */

static gboolean
can_import (LdImportDialog *self)
{
  guint n_create = 0, n_update = 0, n_unchanged = 0, n_invalid = 0;

  if (!has_plan (self) || self->planning || self->committing || self->done)
    return FALSE;

  if (self->ledger_plan != NULL)
    return ld_ledger_plan_can_commit (self->ledger_plan);
  if (self->measure_plan != NULL)
    return ld_measure_import_plan_can_commit (self->measure_plan);

  if (!ld_import_plan_can_commit (self->plan))
    return FALSE;

  ld_import_plan_get_counts (self->plan, &n_create, &n_update, &n_unchanged, &n_invalid);

  return n_create + n_update > 0 || ld_import_plan_get_new_units (self->plan)->len > 0;
}

/* The one place that decides what is enabled and shown. */
static void
update_state (LdImportDialog *self)
{
  const char *step;
  gboolean busy;

  if (self->stack == NULL)
    return;

  step = gtk_stack_get_visible_child_name (self->stack);
  busy = self->planning || self->committing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit", can_import (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !self->committing && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", !self->committing && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.preview", has_plan (self) && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->committing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.skip-invalid", !self->committing && !self->done);

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), g_strcmp0 (step, "preview") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !self->done && !self->committing);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_button),
                          has_plan (self) && !busy && g_strcmp0 (step, "choose") == 0);

  gtk_spinner_set_spinning (self->spinner, self->planning && g_strcmp0 (step, "preview") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->planning && g_strcmp0 (step, "preview") == 0);
  gtk_spinner_set_spinning (self->planning_spinner, self->planning);
  gtk_widget_set_visible (GTK_WIDGET (self->planning_box), self->planning && g_strcmp0 (step, "choose") == 0);

  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), !is_ledger (self));
  set_sensitive (GTK_WIDGET (self->parent_picker), !busy);
  set_sensitive (GTK_WIDGET (self->mapping_list), !busy);
}

static void
show_choose_error (LdImportDialog *self,
                   const char     *message)
{
  gtk_label_set_label (self->choose_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error_label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* "A", "B", … "Z", "AA" … for a 0-based column. */
static char *
column_letters (guint column)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;

  buf[i] = '\0';
  do
    {
      buf[--i] = 'A' + column % 26;
      column = column / 26;
    }
  while (column-- > 0 && i > 0);

  return g_strdup (buf + i);
}

/* Preview -------------------------------------------------------------------- */

static void
on_mapping_changed_cb (LdImportDialog *self,
                       GParamSpec     *pspec,
                       AdwComboRow    *row)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);
  LdRosterField field = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                        ? LD_ROSTER_FIELD_NONE
                        : (LdRosterField) (selected - 1);
  LdRosterMapping *mapping;

  if (self->populating || !has_plan (self))
    return;

  if (self->ledger_plan != NULL)
    {
      LdLedgerMapping *ledger = ld_ledger_mapping_copy (ld_ledger_plan_get_mapping (self->ledger_plan));

      ld_ledger_mapping_set (ledger, column,
                             selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
      g_clear_pointer (&self->ledger_mapping, ld_ledger_mapping_free);
      self->ledger_mapping = ledger;
      start_plan (self);
      return;
    }
  if (self->measure_plan != NULL)
    {
      const LdMeasureImportMapping *planned = ld_measure_import_plan_get_mapping (self->measure_plan);
      LdMeasureImportMapping *measures = ld_measure_import_mapping_copy (planned);

      ld_measure_import_mapping_set (measures, column,
                                     selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
      g_clear_pointer (&self->measure_mapping, ld_measure_import_mapping_free);
      self->measure_mapping = measures;
      start_plan (self);
      return;
    }

  mapping = ld_roster_mapping_copy (ld_import_plan_get_mapping (self->plan));
  ld_roster_mapping_set (mapping, column, field);
  g_clear_pointer (&self->mapping, ld_roster_mapping_free);
  self->mapping = mapping;

  start_plan (self);
}

static void
fill_ledger_mapping (LdImportDialog *self)
{
  guint n_columns = ledger_n_columns (self);

  clear_list (self->mapping_list);

  for (guint column = 0; column < n_columns; column++)
    {
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      g_autofree char *letters = column_letters (column);
      g_autofree char *subtitle = NULL;
      const char *header = ledger_header (self, column);
      int field = ledger_field (self, column);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      gtk_string_list_append (fields, C_("import column", "Ignore"));
      for (guint f = 0; f < ledger_n_fields (self); f++)
        gtk_string_list_append (fields, ledger_field_label (self, (int) f));

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     header != NULL && header[0] != '\0' ? header : _("(no header)"));
      subtitle = g_strdup_printf (_("Column %s"), letters);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, field < 0 ? 0 : (guint) field + 1);
      if (field < 0)
        gtk_widget_add_css_class (GTK_WIDGET (row), "ld-import-ignored");

      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_mapping_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->mapping_list, GTK_WIDGET (row));
    }
}

static void
fill_mapping (LdImportDialog *self)
{
  const LdRosterMapping *mapping;
  guint n_columns;

  if (is_ledger (self))
    {
      fill_ledger_mapping (self);
      return;
    }

  mapping = ld_import_plan_get_mapping (self->plan);
  n_columns = ld_roster_mapping_get_n_columns (mapping);
  clear_list (self->mapping_list);

  for (guint column = 0; column < n_columns; column++)
    {
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      g_autofree char *letters = column_letters (column);
      g_autofree char *subtitle = NULL;
      const char *header = ld_roster_mapping_get_header (mapping, column);
      LdRosterField field = ld_roster_mapping_get_field (mapping, column);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      /* Translators: a column of the file that is not imported. */
      gtk_string_list_append (fields, C_("import column", "Ignore"));
      for (int f = 0; f < LD_ROSTER_N_FIELDS; f++)
        gtk_string_list_append (fields, ld_roster_field_get_label ((LdRosterField) f));

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     header != NULL && header[0] != '\0' ? header : _("(no header)"));
      /* Translators: %s is a spreadsheet column letter, such as "C". */
      subtitle = g_strdup_printf (_("Column %s"), letters);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, field == LD_ROSTER_FIELD_NONE ? 0 : (guint) field + 1);
      if (field == LD_ROSTER_FIELD_NONE)
        gtk_widget_add_css_class (GTK_WIDGET (row), "ld-import-ignored");

      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_mapping_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->mapping_list, GTK_WIDGET (row));
    }
}

static void
fill_units (LdImportDialog *self)
{
  GPtrArray *units;

  clear_list (self->units_list);
  if (is_ledger (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->units_group), FALSE);
      return;
    }
  units = ld_import_plan_get_new_units (self->plan);

  for (guint i = 0; i < units->len; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (units, i));
      adw_action_row_set_icon_name (row, "list-add-symbolic");
      gtk_list_box_append (self->units_list, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->units_group), units->len > 0);
}

/* A ledger's problems in the roster's form, for one way of listing them. */
static GPtrArray *
ledger_problems (LdImportDialog *self)
{
  GPtrArray *problems = self->measure_plan != NULL ? ld_measure_import_plan_get_problems (self->measure_plan)
                                                    : ld_ledger_plan_get_problems (self->ledger_plan);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_roster_problem_free);

  for (guint i = 0; i < problems->len; i++)
    {
      LdLedgerProblem *problem = g_ptr_array_index (problems, i);
      LdRosterProblem *copy = g_new0 (LdRosterProblem, 1);

      copy->row_number = problem->row_number;
      copy->field = (LdRosterField) problem->field;
      copy->severity = problem->severity;
      copy->message = g_strdup (problem->message);
      g_ptr_array_add (out, copy);
    }
  return out;
}

static const char *
problem_field_label (LdImportDialog        *self,
                     const LdRosterProblem *problem)
{
  if (is_ledger (self))
    return ledger_field_label (self, (int) problem->field);
  return ld_roster_field_get_label (problem->field);
}

static void
fill_problems (LdImportDialog *self)
{
  g_autoptr(GPtrArray) owned = is_ledger (self) ? ledger_problems (self) : NULL;
  GPtrArray *problems = owned != NULL ? owned : ld_import_plan_get_problems (self->plan);
  guint n_errors = 0, n_warnings = 0;
  g_autofree char *description = NULL;

  clear_list (self->problems_list);
  g_ptr_array_set_size (self->problem_lines, 0);

  for (guint i = 0; i < problems->len; i++)
    {
      LdRosterProblem *problem = g_ptr_array_index (problems, i);
      gboolean error = problem->severity == LD_ROSTER_SEVERITY_ERROR;
      g_autofree char *title = NULL;
      AdwActionRow *row;

      if (error)
        n_errors++;
      else
        n_warnings++;

      if (problem->field != LD_ROSTER_FIELD_NONE)
        /* Translators: a problem of the file: its row number, then the column's field. */
        title = g_strdup_printf (_("Row %u · %s"), problem->row_number, problem_field_label (self, problem));
      else
        /* Translators: a problem of the file: its row number. */
        title = g_strdup_printf (_("Row %u"), problem->row_number);

      g_ptr_array_add (self->problem_lines, g_strdup_printf ("%s: %s", title, problem->message));

      if (i >= MAX_LISTED)
        continue;

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, problem->message);
      adw_action_row_set_icon_name (row, error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (row), error ? "ld-import-error" : "ld-import-warning");
      gtk_list_box_append (self->problems_list, GTK_WIDGET (row));
    }

  if (problems->len > MAX_LISTED)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *more = NULL;

      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "… and %u more problem",
                                           "… and %u more problems",
                                           problems->len - MAX_LISTED),
                              problems->len - MAX_LISTED);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->problems_list, GTK_WIDGET (row));
    }

  /* Translators: the description of the problems of a file; the two
   * numbers are errors and warnings. */
  description = g_strdup_printf (_("Errors: %u · Warnings: %u. A row with an error is not imported; a warning is only a hint."),
                                 n_errors, n_warnings);
  adw_preferences_group_set_description (self->problems_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
}

static void
fill_changes (LdImportDialog *self)
{
  GPtrArray *rows;
  guint n_listed = 0, n_updates = 0;

  clear_list (self->changes_list);
  if (is_ledger (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->changes_group), FALSE);
      return;
    }
  rows = ld_import_plan_get_rows (self->plan);

  for (guint i = 0; i < rows->len; i++)
    {
      LdImportRow *import_row = g_ptr_array_index (rows, i);
      g_autofree char *subtitle = NULL;
      AdwExpanderRow *row;

      if (import_row->action != LD_IMPORT_ROW_UPDATE)
        continue;

      n_updates++;
      if (n_listed >= MAX_LISTED)
        continue;
      n_listed++;

      row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), import_row->name);
      /* Translators: under a cadre's name: the row of the file and the ID number. */
      subtitle = g_strdup_printf (_("Row %u · %s"), import_row->row_number, import_row->id_number);
      adw_expander_row_set_subtitle (row, subtitle);

      for (guint j = 0; import_row->changes != NULL && j < import_row->changes->len; j++)
        {
          AdwActionRow *change = ADW_ACTION_ROW (adw_action_row_new ());

          adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (change), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (change), g_ptr_array_index (import_row->changes, j));
          adw_expander_row_add_row (row, GTK_WIDGET (change));
        }

      gtk_list_box_append (self->changes_list, GTK_WIDGET (row));
    }

  if (n_updates > n_listed)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *more = NULL;

      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "… and %u more changed cadre",
                                           "… and %u more changed cadres",
                                           n_updates - n_listed),
                              n_updates - n_listed);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->changes_list, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), n_updates > 0);
}

static GtkWidget *
grid_label (const char *text,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (header)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
attach_preview (LdImportDialog *self,
                GtkWidget      *label,
                int             column,
                int             line)
{
  g_ptr_array_add (self->preview_texts, g_strdup (gtk_label_get_label (GTK_LABEL (label))));
  gtk_grid_attach (self->rows_grid, label, column, line, 1, 1);
}

/* A ledger's first rows as planned: the mapped fields only, reporter
 * fields masked, and the persons as matched. Never the raw cells: an
 * ignored column may hold a reporter's identity. */
static void
fill_ledger_rows (LdImportDialog *self)
{
  GPtrArray *rows = ledger_rows (self);
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (int));
  int line = 1;

  for (guint c = 0; c < ledger_n_columns (self) && fields->len < PREVIEW_COLUMNS; c++)
    {
      int field = ledger_field (self, c);

      if (field >= 0)
        g_array_append_val (fields, field);
    }

  attach_preview (self, grid_label (C_("import preview", "Row"), TRUE), 0, 0);
  for (guint i = 0; i < fields->len; i++)
    attach_preview (self, grid_label (ledger_field_label (self, g_array_index (fields, int, i)), TRUE),
                    (int) i + 1, 0);
  /* Translators: a column of the preview: the persons as found among the cadres. */
  attach_preview (self, grid_label (C_("import preview", "Matched"), TRUE), (int) fields->len + 1, 0);

  for (guint r = 0; r < rows->len && line <= PREVIEW_ROWS; r++, line++)
    {
      LdLedgerRow *row = g_ptr_array_index (rows, r);
      g_autofree char *number = g_strdup_printf ("%u", row->row_number);
      GtkWidget *number_label = grid_label (number, FALSE);

      gtk_widget_add_css_class (number_label, "dim-label");
      if (!row->valid)
        gtk_widget_add_css_class (number_label, "error");
      attach_preview (self, number_label, 0, line);
      for (guint i = 0; i < fields->len; i++)
        attach_preview (self, grid_label (row->cells[g_array_index (fields, int, i)], FALSE), (int) i + 1, line);
      attach_preview (self, grid_label (row->persons, FALSE), (int) fields->len + 1, line);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), line > 1);
}

static void
fill_rows (LdImportDialog *self)
{
  const LdTable *table;
  const LdRosterMapping *mapping;
  guint header_row, n_columns, n_rows;
  GtkWidget *child;
  int line = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_grid))) != NULL)
    gtk_grid_remove (self->rows_grid, child);
  g_ptr_array_set_size (self->preview_texts, 0);

  if (is_ledger (self))
    {
      fill_ledger_rows (self);
      return;
    }

  table = ld_import_plan_get_table (self->plan);
  mapping = ld_import_plan_get_mapping (self->plan);
  header_row = ld_roster_mapping_get_header_row (mapping);
  n_columns = MIN (ld_roster_mapping_get_n_columns (mapping), PREVIEW_COLUMNS);
  n_rows = ld_table_get_n_rows (table);

  attach_preview (self, grid_label (C_("import preview", "Row"), TRUE), 0, 0);
  for (guint c = 0; c < n_columns; c++)
    attach_preview (self, grid_label (ld_roster_mapping_get_header (mapping, c), TRUE), (int) c + 1, 0);

  for (guint r = header_row + 1; r < n_rows && line <= PREVIEW_ROWS; r++, line++)
    {
      g_autofree char *number = g_strdup_printf ("%u", ld_table_get_row_number (table, r));
      GtkWidget *number_label = grid_label (number, FALSE);

      gtk_widget_add_css_class (number_label, "dim-label");
      attach_preview (self, number_label, 0, line);
      for (guint c = 0; c < n_columns; c++)
        attach_preview (self, grid_label (ld_table_get_cell (table, r, c), FALSE), (int) c + 1, line);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), line > 1);
}

static void
fill_preview (LdImportDialog *self)
{
  guint n_create = 0, n_update = 0, n_unchanged = 0, n_invalid = 0;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *path = g_file_get_path (self->file);

  self->populating = TRUE;

  adw_action_row_set_subtitle (self->summary_file_row, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_file_row), path);

  g_free (self->counts_text);
  if (is_ledger (self))
    {
      ledger_counts (self, &n_create, &n_invalid);
      /* Translators: the rows of a talk, petition or sanctions ledger: to import, with errors. */
      self->counts_text = g_strdup_printf (_("To import: %u · Invalid: %u"), n_create, n_invalid);
    }
  else
    {
      ld_import_plan_get_counts (self->plan, &n_create, &n_update, &n_unchanged, &n_invalid);
      /* Translators: the rows of a roster file by what the import does with them. */
      self->counts_text = g_strdup_printf (_("New: %u · Changed: %u · Unchanged: %u · Invalid: %u"),
                                           n_create, n_update, n_unchanged, n_invalid);
    }
  adw_action_row_set_subtitle (self->counts_row, self->counts_text);

  g_clear_pointer (&self->blocked_reason, g_free);
  if (self->pending_error != NULL)
    self->blocked_reason = g_steal_pointer (&self->pending_error);
  else if (n_invalid > 0 && !self->skip_invalid)
    self->blocked_reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u row has errors: fix the file or turn on Skip invalid rows.",
                                                         "%u rows have errors: fix the file or turn on Skip invalid rows.",
                                                         n_invalid),
                                            n_invalid);
  else if (!can_import (self))
    self->blocked_reason = g_strdup (_("There is nothing to import: every row is unchanged or left out."));

  gtk_label_set_label (self->blocked_label, self->blocked_reason != NULL ? self->blocked_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), self->blocked_reason != NULL);

  fill_mapping (self);
  fill_units (self);
  fill_problems (self);
  fill_changes (self);
  fill_rows (self);

  self->populating = FALSE;
}

/* Planning (on the vault worker) --------------------------------------------- */

typedef struct
{
  char            *path;
  gint64           parent_unit_id;
  gboolean         skip_invalid;
  LdRosterMapping *mapping;
  LdImportKind     kind;
  LdLedgerMapping *ledger_mapping;
  LdMeasureImportMapping *measure_mapping;
} PlanJob;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->mapping, ld_roster_mapping_free);
  g_clear_pointer (&job->ledger_mapping, ld_ledger_mapping_free);
  g_clear_pointer (&job->measure_mapping, ld_measure_import_mapping_free);
  g_free (job);
}

static gpointer
plan_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  PlanJob *job = data;
  LdImportOptions options = {
    .parent_unit_id = job->parent_unit_id,
    .skip_invalid = job->skip_invalid,
    .mapping = job->mapping,
  };
  LdLedgerOptions ledger_options = {
    .skip_invalid = job->skip_invalid,
    .mapping = job->ledger_mapping,
  };
  LdMeasureImportOptions measure_options = {
    .skip_invalid = job->skip_invalid,
    .mapping = job->measure_mapping,
  };

  if (job->kind == LD_IMPORT_KIND_MEASURES)
    return ld_measure_import_plan_new (vault, job->path, &measure_options, cancellable, error);
  if (job->kind != LD_IMPORT_KIND_CADRES)
    return ld_ledger_plan_new (vault, job->kind == LD_IMPORT_KIND_PETITIONS ? LD_LEDGER_PETITIONS : LD_LEDGER_TALKS,
                               job->path, &ledger_options, cancellable, error);
  return ld_import_plan_new (vault, job->path, &options, cancellable, error);
}

static void
plan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer plan;

  plan = ld_vault_run_finish (LD_VAULT (object), result, &error);

  /* A newer plan replaced this one, or the dialog went away. */
  if (is_cancelled (error) || self->vault == NULL)
    {
      if (plan != NULL)
        plan_free (self->kind, plan);
      return;
    }

  self->planning = FALSE;

  if (plan == NULL)
    {
      g_clear_pointer (&self->plan, ld_import_plan_free);
      g_clear_pointer (&self->ledger_plan, ld_ledger_plan_free);
      g_clear_pointer (&self->measure_plan, ld_measure_import_plan_free);
      gtk_stack_set_visible_child_name (self->stack, "choose");
      show_choose_error (self, error != NULL ? error->message : _("The file could not be read."));
      update_state (self);
      return;
    }

  g_clear_pointer (&self->plan, ld_import_plan_free);
  g_clear_pointer (&self->ledger_plan, ld_ledger_plan_free);
  g_clear_pointer (&self->measure_plan, ld_measure_import_plan_free);
  if (self->kind == LD_IMPORT_KIND_MEASURES)
    self->measure_plan = plan;
  else if (is_ledger (self))
    self->ledger_plan = plan;
  else
    self->plan = plan;

  show_choose_error (self, NULL);
  fill_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_state (self);
}

static void
start_plan (LdImportDialog *self)
{
  g_autofree char *path = NULL;
  PlanJob *job;

  if (self->file == NULL || self->committing || self->done)
    return;

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      show_choose_error (self, _("Only files on this computer can be imported. Copy the file to a folder here first."));
      return;
    }

  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  self->plan_cancellable = g_cancellable_new ();

  job = g_new0 (PlanJob, 1);
  job->path = g_steal_pointer (&path);
  job->parent_unit_id = self->parent_unit_id;
  job->skip_invalid = self->skip_invalid;
  job->mapping = self->mapping != NULL ? ld_roster_mapping_copy (self->mapping) : NULL;
  job->kind = self->kind;
  job->ledger_mapping = self->ledger_mapping != NULL ? ld_ledger_mapping_copy (self->ledger_mapping) : NULL;
  job->measure_mapping = self->measure_mapping != NULL ? ld_measure_import_mapping_copy (self->measure_mapping) : NULL;

  self->planning = TRUE;
  show_choose_error (self, NULL);
  update_state (self);

  ld_vault_run_async (self->vault,
                      plan_worker,
                      job, plan_job_free,
                      self->kind == LD_IMPORT_KIND_MEASURES ? (GDestroyNotify) ld_measure_import_plan_free
                      : is_ledger (self) ? (GDestroyNotify) ld_ledger_plan_free
                      : (GDestroyNotify) ld_import_plan_free,
                      self->plan_cancellable,
                      plan_cb,
                      g_object_ref (self));
}

/* Commit (on the vault worker) ----------------------------------------------- */

typedef struct
{
  LdImportPlan   *plan;
  LdLedgerPlan   *ledger_plan;
  LdMeasureImportPlan *measure_plan;
  GCancellable   *cancellable;
  GMainContext   *context;
  LdImportDialog *dialog;   /* a strong reference: unreffed on the main context */
} CommitJob;

static void
commit_job_free (gpointer data)
{
  CommitJob *job = data;

  g_clear_pointer (&job->plan, ld_import_plan_free);
  g_clear_pointer (&job->ledger_plan, ld_ledger_plan_free);
  g_clear_pointer (&job->measure_plan, ld_measure_import_plan_free);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->dialog);
  g_free (job);
}

typedef struct
{
  LdImportDialog *dialog;
  guint           done;
  guint           total;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_clear_object (&progress->dialog);
  g_free (progress);
}

static gboolean
progress_main_cb (gpointer data)
{
  Progress *progress = data;
  LdImportDialog *self = progress->dialog;
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL || !self->committing)
    return G_SOURCE_REMOVE;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 progress->total > 0 ? (double) progress->done / progress->total : 0.0);
  /* Translators: rows written so far and in all. */
  text = g_strdup_printf (_("%u of %u rows"), progress->done, progress->total);
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hands the numbers to the main loop. */
static void
progress_worker_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  CommitJob *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (job->dialog);
  progress->done = done;
  progress->total = total;

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_main_cb, progress, progress_free);
}

static gpointer
commit_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  CommitJob *job = data;

  guint *counts = g_new0 (guint, 2);

  if (job->ledger_plan != NULL)
    {
      if (!ld_ledger_plan_commit (vault, job->ledger_plan, progress_worker_cb, job, job->cancellable, &counts[0],
                                  error))
        {
          g_free (counts);
          return NULL;
        }
      return counts;
    }
  if (job->measure_plan != NULL)
    {
      if (!ld_measure_import_plan_commit (vault, job->measure_plan, progress_worker_cb, job, job->cancellable,
                                          &counts[0], error))
        {
          g_free (counts);
          return NULL;
        }
      return counts;
    }

  if (!ld_import_plan_commit (vault, job->plan,
                              progress_worker_cb, job,
                              job->cancellable,
                              &counts[0], &counts[1],
                              error))
    {
      g_free (counts);
      return NULL;
    }

  return counts;
}

static void
commit_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  g_autofree char *description = NULL;
  guint n_created, n_updated;

  counts = ld_vault_run_finish (LD_VAULT (object), result, &error);

  self->committing = FALSE;
  g_clear_object (&self->commit_cancellable);

  if (self->vault == NULL)
    return;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled: nothing was written")));
      else
        {
          g_free (self->pending_error);
          self->pending_error = g_strdup (error->message);
        }

      /* Back to the preview, planned again from the file. */
      start_plan (self);
      return;
    }

  n_created = counts != NULL ? counts[0] : 0;
  n_updated = counts != NULL ? counts[1] : 0;
  self->done = TRUE;

  if (self->kind == LD_IMPORT_KIND_TALKS)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u talk imported. The import is recorded in the audit trail.",
                                                "%u talks imported. The import is recorded in the audit trail.",
                                                n_created),
                                   n_created);
  else if (self->kind == LD_IMPORT_KIND_PETITIONS)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u petition imported. The import is recorded in the audit trail. "
                                                "The ledger file still holds the reporters in plain text: keep it "
                                                "or destroy it as the rules for reporter material require.",
                                                "%u petitions imported. The import is recorded in the audit trail. "
                                                "The ledger file still holds the reporters in plain text: keep it "
                                                "or destroy it as the rules for reporter material require.",
                                                n_created),
                                   n_created);
  else if (self->kind == LD_IMPORT_KIND_MEASURES)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u measure imported. The import is recorded in the audit trail.",
                                                "%u measures imported. The import is recorded in the audit trail.",
                                                n_created),
                                   n_created);
  else
    /* Translators: the result of an import: cadres added, then updated. */
    description = g_strdup_printf (_("Cadres added: %u. Cadres updated: %u. The import is recorded in the audit trail."),
                                   n_created, n_updated);
  adw_status_page_set_description (self->result_page, description);
  gtk_stack_set_visible_child_name (self->stack, "result");
  update_state (self);

  g_signal_emit (self, signals [SIGNAL_IMPORTED], 0, (gint64) n_created, (gint64) n_updated);
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (widget);
  CommitJob *job;

  if (!can_import (self))
    return;

  /* The user's mapping survives a cancelled or failed commit. */
  if (self->ledger_plan != NULL && self->ledger_mapping == NULL)
    self->ledger_mapping = ld_ledger_mapping_copy (ld_ledger_plan_get_mapping (self->ledger_plan));
  else if (self->measure_plan != NULL && self->measure_mapping == NULL)
    self->measure_mapping = ld_measure_import_mapping_copy (ld_measure_import_plan_get_mapping (self->measure_plan));
  else if (self->plan != NULL && self->mapping == NULL)
    self->mapping = ld_roster_mapping_copy (ld_import_plan_get_mapping (self->plan));

  self->commit_cancellable = g_cancellable_new ();

  job = g_new0 (CommitJob, 1);
  job->plan = g_steal_pointer (&self->plan);
  job->ledger_plan = g_steal_pointer (&self->ledger_plan);
  job->measure_plan = g_steal_pointer (&self->measure_plan);
  job->cancellable = g_object_ref (self->commit_cancellable);
  job->context = g_main_context_ref_thread_default ();
  job->dialog = g_object_ref (self);

  self->committing = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_state (self);

  /* Not the dialog's cancellable: a finished commit must report success. */
  ld_vault_run_async (self->vault,
                      commit_worker,
                      job, commit_job_free,
                      g_free,
                      NULL,
                      commit_cb,
                      g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (widget);

  if (self->commit_cancellable != NULL)
    g_cancellable_cancel (self->commit_cancellable);
}

/* Choosing ------------------------------------------------------------------- */

static void
on_chooser_response_cb (LdImportDialog       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    ld_import_dialog_set_file (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) rosters = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  if (is_ledger (self))
    gtk_file_filter_set_name (rosters, _("Ledgers (.xlsx, .csv)"));
  else
    gtk_file_filter_set_name (rosters, _("Rosters (.xlsx, .csv)"));
  gtk_file_filter_add_pattern (rosters, "*.xlsx");
  gtk_file_filter_add_pattern (rosters, "*.XLSX");
  gtk_file_filter_add_pattern (rosters, "*.csv");
  gtk_file_filter_add_pattern (rosters, "*.CSV");
  gtk_file_filter_add_mime_type (rosters, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_mime_type (rosters, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (is_ledger (self) ? _("Choose a Ledger") : _("Choose a Roster"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), rosters);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), rosters);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "choose");
  update_state (self);
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (widget);

  if (!has_plan (self))
    return;

  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_state (self);
}

static void
on_parent_changed_cb (LdImportDialog *self,
                      GParamSpec     *pspec,
                      LdUnitPicker   *picker)
{
  gint64 id = ld_unit_picker_get_selected_id (picker);

  if (self->populating || id < 0 || id == self->parent_unit_id)
    return;

  self->parent_unit_id = id;
  start_plan (self);
}

static gboolean
on_drop_cb (LdImportDialog *self,
            const GValue   *value,
            double          x,
            double          y,
            GtkDropTarget  *target)
{
  GFile *file;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->committing || self->done)
    return FALSE;

  file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;

  ld_import_dialog_set_file (self, file);
  return TRUE;
}

/* The units for the parent picker -------------------------------------------- */

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
  g_autoptr(LdImportDialog) self = user_data;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;

  units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (is_cancelled (error) || self->vault == NULL)
    return;

  if (units == NULL)
    {
      g_debug ("Listing the units: %s", error != NULL ? error->message : "?");
      return;
    }

  self->populating = TRUE;
  ld_unit_picker_set_units (self->parent_picker, units, _("None: use the units named in the file"), 0);
  if (!ld_unit_picker_set_selected_id (self->parent_picker, self->parent_unit_id))
    ld_unit_picker_set_selected_id (self->parent_picker, 0);
  self->populating = FALSE;
}

/* Closing -------------------------------------------------------------------- */

static gboolean
close_confirmed_cb (gpointer data)
{
  LdImportDialog *self = data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (LdImportDialog   *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Not from inside the response: the question is transient for the
   * dialog and would go with it while it still closes itself. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_confirmed_cb, g_object_ref (self), g_object_unref);
}

static gboolean
ld_import_dialog_close_request (GtkWindow *window)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (window);

  /* The rows are being written: Cancel Import rolls them back first. */
  if (self->committing)
    return TRUE;

  if (has_plan (self) && !self->done && !self->close_confirmed)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window,
                                                           _("Discard This Import?"),
                                                           _("The preview is lost and nothing is written to the vault.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Keep Checking"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ld_import_dialog_parent_class)->close_request (window);
}

/* GObject -------------------------------------------------------------------- */

static void
ld_import_dialog_dispose (GObject *object)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
  if (self->commit_cancellable != NULL)
    g_cancellable_cancel (self->commit_cancellable);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->file);
  g_clear_object (&self->plan_cancellable);
  g_clear_object (&self->commit_cancellable);
  g_clear_pointer (&self->plan, ld_import_plan_free);
  g_clear_pointer (&self->mapping, ld_roster_mapping_free);
  g_clear_pointer (&self->ledger_plan, ld_ledger_plan_free);
  g_clear_pointer (&self->ledger_mapping, ld_ledger_mapping_free);
  g_clear_pointer (&self->measure_plan, ld_measure_import_plan_free);
  g_clear_pointer (&self->measure_mapping, ld_measure_import_mapping_free);

  G_OBJECT_CLASS (ld_import_dialog_parent_class)->dispose (object);
}

static void
ld_import_dialog_finalize (GObject *object)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problem_lines, g_ptr_array_unref);
  g_clear_pointer (&self->preview_texts, g_ptr_array_unref);
  g_clear_pointer (&self->counts_text, g_free);
  g_clear_pointer (&self->blocked_reason, g_free);
  g_clear_pointer (&self->pending_error, g_free);

  G_OBJECT_CLASS (ld_import_dialog_parent_class)->finalize (object);
}

static void
ld_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SKIP_INVALID:
      g_value_set_boolean (value, ld_import_dialog_get_skip_invalid (self));
      break;

    case PROP_KIND:
      g_value_set_int (value, (int) self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SKIP_INVALID:
      ld_import_dialog_set_skip_invalid (self, g_value_get_boolean (value));
      break;

    case PROP_KIND:
      self->kind = (LdImportKind) g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_import_dialog_class_init (LdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_import_dialog_dispose;
  object_class->finalize = ld_import_dialog_finalize;
  object_class->get_property = ld_import_dialog_get_property;
  object_class->set_property = ld_import_dialog_set_property;
  window_class->close_request = ld_import_dialog_close_request;

  properties [PROP_SKIP_INVALID] =
    g_param_spec_boolean ("skip-invalid", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What the dialog imports (LdImportKind): cadres, talks, petitions or measures. */
  properties [PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      LD_IMPORT_KIND_CADRES, LD_IMPORT_KIND_MEASURES, LD_IMPORT_KIND_CADRES,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, choose_page);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, parent_picker);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, planning_box);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, planning_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, preview_button);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, choose_error_label);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, summary_file_row);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, counts_row);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, units_group);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, units_list);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, rows_group);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, result_page);
  gtk_widget_class_bind_template_callback (widget_class, on_parent_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_property_action (widget_class, "import.skip-invalid", "skip-invalid");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
ld_import_dialog_init (LdImportDialog *self)
{
  GtkDropTarget *target;

  self->cancellable = g_cancellable_new ();
  self->problem_lines = g_ptr_array_new_with_free_func (g_free);
  self->preview_texts = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Drop a file anywhere on the dialog. */
  target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_state (self);
}

LdImportDialog *
ld_import_dialog_new (GtkWindow *parent,
                      LdVault   *vault,
                      gint64     parent_unit_id)
{
  LdImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  self = g_object_new (LD_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  self->vault = g_object_ref (vault);
  self->parent_unit_id = MAX (parent_unit_id, 0);

  ld_vault_run_async (vault,
                      units_worker,
                      NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref,
                      self->cancellable,
                      units_cb,
                      g_object_ref (self));

  return self;
}

void
ld_import_dialog_set_file (LdImportDialog *self,
                           GFile          *file)
{
  g_autofree char *basename = NULL;

  g_return_if_fail (LD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->committing || self->done)
    return;

  g_set_object (&self->file, file);

  /* A new file gets its own mapping, detected or remembered. */
  g_clear_pointer (&self->mapping, ld_roster_mapping_free);
  g_clear_pointer (&self->ledger_mapping, ld_ledger_mapping_free);
  g_clear_pointer (&self->measure_mapping, ld_measure_import_mapping_free);
  g_clear_pointer (&self->pending_error, g_free);

  basename = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, basename);

  start_plan (self);
}

gboolean
ld_import_dialog_get_skip_invalid (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), FALSE);

  return self->skip_invalid;
}

void
ld_import_dialog_set_skip_invalid (LdImportDialog *self,
                                   gboolean        skip_invalid)
{
  g_return_if_fail (LD_IS_IMPORT_DIALOG (self));

  skip_invalid = !!skip_invalid;
  if (self->skip_invalid == skip_invalid)
    return;

  self->skip_invalid = skip_invalid;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SKIP_INVALID]);

  /* Whether invalid rows block the import is part of the plan. */
  if (has_plan (self) || self->planning)
    start_plan (self);
}

const char *
ld_import_dialog_get_step (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), NULL);

  return self->stack != NULL ? gtk_stack_get_visible_child_name (self->stack) : NULL;
}

gboolean
ld_import_dialog_get_busy (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), FALSE);

  return self->planning || self->committing;
}

gboolean
ld_import_dialog_get_can_import (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), FALSE);

  return can_import (self);
}

const char *
ld_import_dialog_get_counts_text (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), NULL);

  return self->counts_text;
}

const char *
ld_import_dialog_get_blocked_reason (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), NULL);

  return self->blocked_reason;
}

GStrv
ld_import_dialog_dup_problems (LdImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->problem_lines->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->problem_lines, i));

  return g_strv_builder_end (builder);
}

int
ld_import_dialog_get_column_field (LdImportDialog *self,
                                   guint           column)
{
  const LdRosterMapping *mapping;

  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), -2);

  if (self->ledger_plan != NULL || self->measure_plan != NULL)
    {
      if (column >= ledger_n_columns (self))
        return -2;
      return ledger_field (self, column);
    }

  if (self->plan == NULL)
    return -2;

  mapping = ld_import_plan_get_mapping (self->plan);
  if (column >= ld_roster_mapping_get_n_columns (mapping))
    return -2;

  return (int) ld_roster_mapping_get_field (mapping, column);
}

void
ld_import_dialog_set_column_field (LdImportDialog *self,
                                   guint           column,
                                   int             field)
{
  GtkListBoxRow *row;

  g_return_if_fail (LD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (field >= -1
                    && field < (is_ledger (self) ? (int) ledger_n_fields (self) : LD_ROSTER_N_FIELDS));

  row = gtk_list_box_get_row_at_index (self->mapping_list, (int) column);
  if (row == NULL || !ADW_IS_COMBO_ROW (row))
    return;

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) (field + 1));
}

LdImportDialog *
ld_import_dialog_new_ledger (GtkWindow    *parent,
                             LdVault      *vault,
                             LdImportKind  kind)
{
  LdImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (kind == LD_IMPORT_KIND_TALKS || kind == LD_IMPORT_KIND_PETITIONS
                        || kind == LD_IMPORT_KIND_MEASURES, NULL);

  self = g_object_new (LD_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "kind", (int) kind,
                       NULL);
  self->vault = g_object_ref (vault);

  if (kind == LD_IMPORT_KIND_TALKS)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Import Talk Ledger"));
      adw_status_page_set_title (self->choose_page, _("Import a Talk Ledger"));
      adw_status_page_set_description (self->choose_page,
                                       _("Choose an Excel workbook (.xlsx) or a CSV file with one talk a row, or "
                                         "drop it here. The persons talked to are found among the cadres in your "
                                         "scope by ID number, or by name and unit. Nothing is written until you "
                                         "have checked the preview and pressed Import."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Ledger file"));
      adw_status_page_set_title (self->result_page, _("Talk Ledger Imported"));
    }
  else if (kind == LD_IMPORT_KIND_MEASURES)
    {
      /* Translators: 处分处理台账. */
      gtk_window_set_title (GTK_WINDOW (self), _("Import Sanctions Ledger"));
      adw_status_page_set_title (self->choose_page, _("Import a Sanctions Ledger"));
      adw_status_page_set_description (self->choose_page,
                                       _("Choose an Excel workbook (.xlsx) or a CSV file with one measure a row "
                                         "(处分处理台账), or drop it here. The persons are found among the cadres in "
                                         "your scope by ID number, or by name and unit; write 党内警告 or 政务警告, "
                                         "not 警告 alone. Nothing is written until you have checked the preview and "
                                         "pressed Import."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Ledger file"));
      adw_status_page_set_title (self->result_page, _("Sanctions Ledger Imported"));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Import Petition Ledger"));
      adw_status_page_set_title (self->choose_page, _("Import a Petition Ledger"));
      adw_status_page_set_description (self->choose_page,
                                       _("Choose an Excel workbook (.xlsx) or a CSV file with one petition a row, "
                                         "or drop it here. Reporters go to the protected reporter records only and "
                                         "are shown masked. Nothing is written until you have checked the preview "
                                         "and pressed Import."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Ledger file"));
      adw_status_page_set_title (self->result_page, _("Petition Ledger Imported"));
    }
  update_state (self);

  return self;
}

LdImportKind
ld_import_dialog_get_kind (LdImportDialog *self)
{
  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), LD_IMPORT_KIND_CADRES);

  return self->kind;
}

GStrv
ld_import_dialog_dup_preview_texts (LdImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LD_IS_IMPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->preview_texts->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->preview_texts, i));

  return g_strv_builder_end (builder);
}
