/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measures-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-measures-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-measure-dialog.h"
#include "dialogs/ld-measure-event-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-measure-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-measure-section.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

#define N_YEARS 6

struct _LdMeasuresPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *year_dropdown;
  GtkStringList       *year_list;
  GtkDropDown         *form_dropdown;
  GtkStringList       *form_list;
  GtkDropDown         *category_dropdown;
  GtkStringList       *category_list;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  LdUnitPicker        *unit_picker;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  AdwStatusPage       *error_status;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkBox              *detail_box;

  /* Owned References */
  GListStore          *store;
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdMeasure           *shown;            /* the measure in the detail pane */
  int                  years[N_YEARS];

  gint64               pending_id;       /* select once the list is there */
  guint                total;            /* active measures in scope, unfiltered */
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdMeasuresPage, ld_measures_page, LD_TYPE_PAGE)

static void load_list   (LdMeasuresPage *self);
static void load_detail (LdMeasuresPage *self,
                         gint64          id);

/* --- Columns --------------------------------------------------------------- */

typedef enum
{
  CELL_TEXT,
  CELL_FORM,
  CELL_EFFECT_END,
} CellKind;

typedef struct
{
  const char *property;
  const char *title;
  int         width;
  gboolean    expand;
  CellKind    kind;
} ColumnInfo;

static const ColumnInfo columns[] = {
  /* Translators: 编号 */
  { "reg-no", NC_("measure column", "Number"), 96, FALSE, CELL_TEXT },
  /* Translators: 姓名 */
  { "cadre-name", NC_("measure column", "Name"), 70, FALSE, CELL_TEXT },
  /* Translators: 单位 */
  { "unit-name", NC_("measure column", "Unit"), 110, TRUE, CELL_TEXT },
  /* Translators: 措施 */
  { "code-label", NC_("measure column", "Measure"), 130, TRUE, CELL_TEXT },
  /* Translators: 形态 */
  { "form", NC_("measure column", "Form"), 44, FALSE, CELL_FORM },
  /* Translators: 决定日期 */
  { "decision-date", NC_("measure column", "Decided"), 90, FALSE, CELL_TEXT },
  /* Translators: 影响期至 */
  { "effect-end", NC_("measure column", "Effect Until"), 90, FALSE, CELL_EFFECT_END },
  /* Translators: 状态 */
  { "status-label", NC_("measure column", "Status"), 64, FALSE, CELL_TEXT },
};

static void
form_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = ld_form_badge_new (0);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  LdMeasure *measure = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (info->kind)
    {
    case CELL_FORM:
      ld_form_badge_set (child, ld_measure_get_form (measure));
      return;
    case CELL_EFFECT_END:
      text = ld_measure_effect_end_text (measure);
      break;
    case CELL_TEXT:
    default:
      g_object_get (measure, info->property, &text, NULL);
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
  gtk_widget_set_tooltip_text (child, info->expand ? text : NULL);
}

static void
setup_columns (LdMeasuresPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkSorter *sorter;
      GtkExpression *expression;

      if (columns[i].kind == CELL_FORM)
        g_signal_connect (factory, "setup", G_CALLBACK (form_setup_cb), NULL);
      else
        g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "measure column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      /* A click on the title sorts by the column; dates sort as text and
       * a permanent end ("9999-12-31") after every date. */
      expression = gtk_property_expression_new (LD_TYPE_MEASURE, NULL, columns[i].property);
      if (columns[i].kind == CELL_FORM)
        sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      else
        sorter = GTK_SORTER (gtk_string_sorter_new (expression));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
can_write (LdMeasuresPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static gboolean
shown_writable (LdMeasuresPage *self)
{
  return self->shown != NULL && ld_measure_get_retired_at (self->shown) == 0 && can_write (self);
}

static gboolean
shown_in_force (LdMeasuresPage *self)
{
  return shown_writable (self) && ld_measure_get_status (self->shown) == LD_MEASURE_IN_FORCE;
}

static gboolean
shown_on_probation (LdMeasuresPage *self)
{
  const char *code;

  if (!shown_in_force (self))
    return FALSE;
  code = ld_measure_get_code (self->shown);
  return (g_strcmp0 (code, "P4A") == 0 || g_strcmp0 (code, "P4B") == 0)
         && ld_measure_get_extension_months (self->shown) < LD_MEASURE_MAX_EXTENSION_MONTHS;
}

static void
update_state (LdMeasuresPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading;
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->content_stack, self->total > 0 ? "no-results" : "empty");
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.new", can_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.edit", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.retire", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.lift", shown_in_force (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.appeal", shown_in_force (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.extend", shown_on_probation (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.open-cadre", self->shown != NULL);
}

/* --- Filters ---------------------------------------------------------------- */

static void
fill_static_filters (LdMeasuresPage *self)
{
  self->filling = TRUE;
  ld_string_list_append_years (self->year_list, self->years, N_YEARS);
  gtk_drop_down_set_selected (self->year_dropdown, 0);

  gtk_string_list_append (self->form_list, _("All forms"));
  for (int form = 1; form <= 4; form++)
    {
      /* Translators: a form filter entry, "F1 第一种形态" */
      g_autofree char *text = g_strdup_printf (_("%s %s"), ld_form_to_string (form), ld_form_get_label (form));

      gtk_string_list_append (self->form_list, text);
    }

  gtk_string_list_append (self->category_list, _("All kinds"));
  for (int c = 0; c < LD_N_MEASURE_CATEGORIES; c++)
    gtk_string_list_append (self->category_list, ld_measure_category_get_label ((LdMeasureCategory) c));

  gtk_string_list_append (self->status_list, _("Any status"));
  for (int s = 0; s < LD_N_MEASURE_STATUSES; s++)
    gtk_string_list_append (self->status_list, ld_measure_status_get_label ((LdMeasureStatus) s));
  self->filling = FALSE;
}

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
  g_autoptr(LdMeasuresPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error))
    return;
  if (units != NULL)
    {
      self->filling = TRUE;
      ld_unit_picker_set_units (self->unit_picker, units, _("All units"), 0);
      ld_unit_picker_set_selected_id (self->unit_picker, 0);
      self->filling = FALSE;
      self->units_loaded = TRUE;
    }
}

/* --- List ------------------------------------------------------------------ */

typedef struct
{
  char      *date_from;
  char      *date_to;
  int        form;
  char      *category;
  char      *status;
  gint64     unit_id;
  char      *text;
} ListJob;

typedef struct
{
  GPtrArray *measures;
  guint      total;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->date_from);
  g_free (job->date_to);
  g_free (job->category);
  g_free (job->status);
  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->measures, g_ptr_array_unref);
  g_free (result);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdMeasureFilter filter;
  ListResult *result = g_new0 (ListResult, 1);

  ld_measure_filter_init (&filter);
  filter.date_from = job->date_from;
  filter.date_to = job->date_to;
  filter.form = job->form;
  filter.category = job->category;
  filter.status = job->status;
  filter.unit_id = job->unit_id;
  filter.text = job->text;

  result->measures = ld_measure_repository_list (vault, &filter, error);
  if (result->measures == NULL)
    {
      list_result_free (result);
      return NULL;
    }
  /* Whether nothing matches, or there is nothing at all. */
  result->total = result->measures->len;
  if (result->measures->len == 0)
    {
      LdMeasureFilter all;

      ld_measure_filter_init (&all);
      if (!ld_measure_repository_count (vault, &all, &result->total, NULL))
        result->total = 0;
    }

  return result;
}

static void
select_id (LdMeasuresPage *self,
           gint64          id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdMeasure) measure = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_measure_get_id (measure) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(LdMeasuresPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_measure_get_id (self->shown) : 0;

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, list_result_free);
      return;
    }

  self->list_loading = FALSE;
  self->list_loaded = TRUE;

  if (result == NULL)
    {
      g_list_store_remove_all (self->store);
      adw_status_page_set_description (self->error_status, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      update_state (self);
      return;
    }

  self->total = result->total;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       result->measures->pdata, result->measures->len);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdMeasuresPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint year_pos = gtk_drop_down_get_selected (self->year_dropdown);
  guint form_pos = gtk_drop_down_get_selected (self->form_dropdown);
  guint category_pos = gtk_drop_down_get_selected (self->category_dropdown);
  guint status_pos = gtk_drop_down_get_selected (self->status_dropdown);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  if (year_pos >= 1 && year_pos <= N_YEARS)
    {
      job->date_from = g_strdup_printf ("%04d-01-01", self->years[year_pos - 1]);
      job->date_to = g_strdup_printf ("%04d-12-31", self->years[year_pos - 1]);
    }
  job->form = form_pos >= 1 && form_pos <= 4 ? (int) form_pos : 0;
  if (category_pos >= 1 && category_pos <= LD_N_MEASURE_CATEGORIES)
    job->category = g_strdup (ld_measure_category_to_string ((LdMeasureCategory) (category_pos - 1)));
  if (status_pos >= 1 && status_pos <= LD_N_MEASURE_STATUSES)
    job->status = g_strdup (ld_measure_status_to_string ((LdMeasureStatus) (status_pos - 1)));
  job->unit_id = unit_id > 0 ? unit_id : 0;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdMeasuresPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdMeasure *measure;
  GPtrArray *events;
  GPtrArray *versions;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->measure);
  g_clear_pointer (&result->events, g_ptr_array_unref);
  g_clear_pointer (&result->versions, g_ptr_array_unref);
  g_free (result);
}

static gpointer
detail_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 id = *(gint64 *) data;
  DetailResult *result = g_new0 (DetailResult, 1);

  if ((result->measure = ld_measure_repository_get (vault, id, error)) == NULL
      || (result->events = ld_measure_repository_list_events (vault, id, error)) == NULL
      || (result->versions = ld_measure_repository_versions (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, LD_AUDIT_MEASURE_CREATED) == 0)
    return C_("history", "Measure registered");
  if (g_strcmp0 (event, LD_AUDIT_MEASURE_UPDATED) == 0)
    return C_("history", "Measure changed");
  if (g_strcmp0 (event, LD_AUDIT_MEASURE_EVENT) == 0)
    return C_("history", "Event recorded");
  if (g_strcmp0 (event, LD_AUDIT_MEASURE_RETIRED) == 0)
    return C_("history", "Measure retired");
  if (g_strcmp0 (event, LD_AUDIT_MEASURE_FORM) == 0)
    return C_("history", "Form changed by the administrator");

  return event != NULL ? event : "";
}

static char *
categories_text (const char *codes)
{
  g_auto(GStrv) parts = NULL;
  GString *text = g_string_new (NULL);

  parts = g_strsplit (codes != NULL ? codes : "", ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      label = ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, parts[i]);
      if (text->len > 0)
        g_string_append (text, "、");
      g_string_append (text, label != NULL ? label : parts[i]);
    }

  return g_string_free (text, FALSE);
}

static void
add_link (GtkWidget  *group,
          const char *tooltip,
          const char *record_type,
          gint64      id)
{
  GtkWidget *button = ld_record_detail_icon_button ("go-next-symbolic", tooltip, "win.show-record",
                                                    g_variant_new ("(sx)", record_type, id));

  ld_record_detail_field_add_suffix (group, button, 0);
}

static void
show_detail (LdMeasuresPage *self,
             GPtrArray      *events)
{
  LdMeasure *measure = self->shown;
  GtkWidget *group;
  g_autofree char *title = NULL;
  g_autofree char *end = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *status = NULL;
  g_autofree char *form = NULL;
  g_autofree char *extension = NULL;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  if (measure == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  /* Translators: the detail pane's title: registration number, name and measure */
  title = g_strdup_printf (_("%s · %s · %s"), ld_measure_get_reg_no (measure), ld_measure_get_cadre_name (measure),
                           ld_measure_get_code_label (measure));
  gtk_label_set_label (self->detail_title, title);

  if (ld_measure_get_retired_at (measure) != 0)
    {
      GtkWidget *label;
      g_autofree char *text = NULL;

      /* Translators: %s is the reason a record was retired */
      text = g_strdup_printf (_("Retired: %s"), ld_measure_get_retired_reason (measure));
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->detail_box, label);
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Measure"));
  ld_record_detail_add_field (group, C_("measure field", "Registration number"), ld_measure_get_reg_no (measure));
  ld_record_detail_add_field (group, C_("measure field", "Cadre"), ld_measure_get_cadre_name (measure));
  add_link (group, _("Open the Cadre's File"), "cadre", ld_measure_get_cadre_id (measure));
  ld_record_detail_add_field (group, C_("measure field", "Unit"), ld_measure_get_unit_name (measure));
  ld_record_detail_add_field (group, C_("measure field", "Measure"), ld_measure_get_code_label (measure));
  ld_record_detail_add_field (group, C_("measure field", "Kind"), ld_measure_get_category_label (measure));
  /* Translators: a measure's form, "F2 第二种形态" */
  form = g_strdup_printf (_("%s %s"), ld_form_to_string (ld_measure_get_form (measure)),
                          ld_measure_get_form_label (measure));
  ld_record_detail_add_field (group, C_("measure field", "Form"), form);
  ld_record_detail_add_field (group, C_("measure field", "Given as accountability"),
                              ld_measure_get_accountability (measure) ? _("Yes") : _("No"));
  ld_record_detail_add_field (group, C_("measure field", "Decision date"), ld_measure_get_decision_date (measure));
  ld_record_detail_add_field (group, C_("measure field", "Effective date"), ld_measure_get_effective_date (measure));
  ld_record_detail_add_field (group, C_("measure field", "Deciding authority"), ld_measure_get_authority (measure));
  ld_record_detail_add_field (group, C_("measure field", "Document number"), ld_measure_get_doc_no (measure));
  if (ld_measure_get_extension_months (measure) > 0)
    {
      /* Translators: the extension of 留党察看 in months */
      extension = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months",
                                                ld_measure_get_extension_months (measure)),
                                   ld_measure_get_extension_months (measure));
      ld_record_detail_add_field (group, C_("measure field", "Probation extended by"), extension);
    }

  group = ld_record_detail_new_group (self->detail_box, _("Effect Period and Status"));
  end = ld_measure_effect_end_text (measure);
  ld_record_detail_add_field (group, C_("measure field", "Effect until"), end);
  if (*ld_measure_get_status_date (measure) != '\0')
    /* Translators: a status and its date, "已解除 2026-05-01" */
    status = g_strdup_printf (_("%s %s"), ld_measure_get_status_label (measure), ld_measure_get_status_date (measure));
  else
    status = g_strdup (ld_measure_get_status_label (measure));
  ld_record_detail_add_field (group, C_("measure field", "Status"), status);
  if (ld_measure_get_replaced_by (measure) != 0)
    {
      ld_record_detail_add_field (group, C_("measure field", "Replaced on appeal by"),
                                  ld_measure_get_replaced_by_reg_no (measure));
      add_link (group, _("Open the New Decision"), "measure", ld_measure_get_replaced_by (measure));
    }
  if (ld_measure_get_replaces (measure) != 0)
    {
      ld_record_detail_add_field (group, C_("measure field", "Replaces"), ld_measure_get_replaces_reg_no (measure));
      add_link (group, _("Open the Earlier Decision"), "measure", ld_measure_get_replaces (measure));
    }

  group = ld_record_detail_new_group (self->detail_box, _("Source and Facts"));
  ld_record_detail_add_field (group, C_("measure field", "Source"),
                              *ld_measure_get_source_label (measure) != '\0' ? ld_measure_get_source_label (measure)
                                                                               : _("None recorded"));
  if (ld_measure_get_source_id (measure) != 0 && *ld_measure_get_source_type (measure) != '\0')
    add_link (group, _("Open the Source Record"), ld_measure_get_source_type (measure),
              ld_measure_get_source_id (measure));
  categories = categories_text (ld_measure_get_categories (measure));
  ld_record_detail_add_field (group, C_("measure field", "Violation categories"), categories);
  ld_record_detail_add_field (group, C_("measure field", "Facts"), ld_measure_get_facts (measure));

  group = ld_record_detail_new_group (self->detail_box, _("Events"));
  if (events == NULL || events->len == 0)
    ld_record_detail_add_field (group, _("No events"), _("Lifting, extension and appeals are recorded here."));
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      LdMeasureEvent *event = g_ptr_array_index (events, i);
      g_autofree char *what = g_strdup_printf ("%s  %s", event->event_date, event->kind_label);
      GString *value = g_string_new (event->note);

      if (event->new_reg_no != NULL && *event->new_reg_no != '\0')
        {
          if (value->len > 0)
            g_string_append (value, " · ");
          /* Translators: the new decision of an appeal, with its number */
          g_string_append_printf (value, _("new decision %s"), event->new_reg_no);
        }
      ld_record_detail_add_field (group, what, value->str);
      if (event->new_measure_id != 0)
        add_link (group, _("Open the New Decision"), "measure", event->new_measure_id);
      g_string_free (value, TRUE);
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
show_history (LdMeasuresPage *self,
              GPtrArray      *versions)
{
  GtkWidget *group = ld_record_detail_new_group (self->detail_box, _("History"));

  ld_record_detail_add_history (group, versions, event_label, FALSE);
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdMeasuresPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DetailResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&result, detail_result_free);
      return;
    }

  self->detail_loading = FALSE;
  if (result == NULL)
    {
      g_clear_object (&self->shown);
      show_detail (self, NULL);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The measure could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->measure);
  show_detail (self, result->events);
  show_history (self, result->versions);
  detail_result_free (result);
  update_state (self);
}

static void
load_detail (LdMeasuresPage *self,
             gint64          id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (id == 0)
    {
      self->detail_loading = FALSE;
      g_clear_object (&self->shown);
      show_detail (self, NULL);
      update_state (self);
      return;
    }

  self->detail_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->detail_cancellable, G_CONNECT_SWAPPED);
  self->detail_loading = TRUE;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), detail_worker, g_memdup2 (&id, sizeof id), g_free,
                      detail_result_free, self->detail_cancellable, detail_cb, g_object_ref (self));
}

static void
on_selection_changed_cb (LdMeasuresPage *self)
{
  LdMeasure *measure = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = measure != NULL ? ld_measure_get_id (measure) : 0;

  if (id == 0)
    return;   /* keep the detail while the list reloads */
  if (self->shown != NULL && ld_measure_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Retire ---------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *reason;
} RetireJob;

static void
retire_job_free (gpointer data)
{
  RetireJob *job = data;

  g_free (job->reason);
  g_free (job);
}

static gpointer
retire_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  RetireJob *job = data;

  if (!ld_measure_repository_retire (vault, job->id, job->reason, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
retire_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdMeasuresPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ld_vault_run_finish (LD_VAULT (object), res, &error) == NULL)
    {
      if (!ld_error_is_cancelled (error))
        ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      return;
    }

  ld_page_show_toast (LD_PAGE (self), _("Measure retired"));
  g_clear_object (&self->shown);
  show_detail (self, NULL);
  load_list (self);
}

static GtkWindow *
parent_window (LdMeasuresPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

typedef struct
{
  LdMeasuresPage *self;
  gint64          id;
  GtkEditable    *reason;
} RetireRequest;

static void
retire_request_free (gpointer  data,
                     GClosure *closure)
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
                       RetireRequest    *request)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
  RetireJob *job;

  if (g_strcmp0 (response, "retire") != 0 || *reason == '\0')
    return;

  job = g_new0 (RetireJob, 1);
  job->id = request->id;
  job->reason = g_steal_pointer (&reason);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (request->self)), retire_worker, job, retire_job_free, NULL,
                      ld_page_get_cancellable (LD_PAGE (request->self)), retire_cb, g_object_ref (request->self));
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  RetireRequest *request;
  g_autofree char *body = NULL;

  if (!shown_writable (self))
    return;

  /* Translators: %s is a measure's registration number */
  body = g_strdup_printf (_("Measure %s leaves the register and no longer counts for the effect periods, "
                            "but stays in the vault with its history. Give the reason."),
                          ld_measure_get_reg_no (self->shown));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Retire the Measure?"), body));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason (required)"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "retire", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request = g_new0 (RetireRequest, 1);
  request->self = g_object_ref (self);
  request->id = ld_measure_get_id (self->shown);
  request->reason = GTK_EDITABLE (entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_response_cb), request,
                         retire_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  gtk_widget_grab_focus (entry);
}

/* --- Dialogs --------------------------------------------------------------- */

static void
on_measure_saved_cb (LdMeasuresPage *self,
                     gint64          id)
{
  ld_page_show_toast (LD_PAGE (self), _("Measure saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
open_dialog (LdMeasuresPage *self,
             LdMeasure      *measure)
{
  LdMeasureDialog *dialog = ld_measure_dialog_new (ld_page_get_vault (LD_PAGE (self)), measure);

  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_measure_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
open_event_dialog (LdMeasuresPage           *self,
                   LdMeasureEventDialogKind  kind)
{
  LdMeasureEventDialog *dialog = ld_measure_event_dialog_new (ld_page_get_vault (LD_PAGE (self)), self->shown, kind);

  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_measure_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (can_write (self))
    open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (shown_writable (self))
    open_dialog (self, self->shown);
}

static void
lift_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (shown_in_force (self))
    open_event_dialog (self, LD_MEASURE_EVENT_DIALOG_LIFT);
}

static void
extend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (shown_on_probation (self))
    open_event_dialog (self, LD_MEASURE_EVENT_DIALOG_EXTEND);
}

static void
appeal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (shown_in_force (self))
    open_event_dialog (self, LD_MEASURE_EVENT_DIALOG_APPEAL);
}

static void
open_cadre_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  if (self->shown != NULL)
    gtk_widget_activate_action (widget, "win.show-record", "(sx)", "cadre", ld_measure_get_cadre_id (self->shown));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LD_MEASURES_PAGE (widget)->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  gtk_drop_down_set_selected (self->form_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the measures ledger of the unit and
 * the year the filters show. The dialog asks for the purpose and the file,
 * or says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdMeasuresPage *self = LD_MEASURES_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_MEASURES);
  guint year_pos = gtk_drop_down_get_selected (self->year_dropdown);

  request->unit_id = ld_unit_picker_get_selected_id (self->unit_picker);
  if (year_pos >= 1 && year_pos <= N_YEARS)
    {
      request->from = g_strdup_printf ("%04d-01-01", self->years[year_pos - 1]);
      request->to = g_strdup_printf ("%04d-12-31", self->years[year_pos - 1]);
    }
  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
#endif
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

/* --- GObject --------------------------------------------------------------- */

static void
ld_measures_page_refresh (LdPage *page)
{
  LdMeasuresPage *self = LD_MEASURES_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);

  if (!self->units_loaded)
    ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_measure_get_id (self->shown));
}

static void
ld_measures_page_constructed (GObject *object)
{
  LdMeasuresPage *self = (LdMeasuresPage *)object;
  GtkSortListModel *sorted;

  G_OBJECT_CLASS (ld_measures_page_parent_class)->constructed (object);

  fill_static_filters (self);
  setup_columns (self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (sorted));
  g_object_unref (sorted);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_measures_page_dispose (GObject *object)
{
  LdMeasuresPage *self = (LdMeasuresPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_MEASURES_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ld_measures_page_parent_class)->dispose (object);
}

static void
ld_measures_page_class_init (LdMeasuresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_measures_page_constructed;
  object_class->dispose = ld_measures_page_dispose;
  page_class->refresh = ld_measures_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-measures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, form_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdMeasuresPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "measures.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "measures.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "measures.lift", NULL, lift_action);
  gtk_widget_class_install_action (widget_class, "measures.extend", NULL, extend_action);
  gtk_widget_class_install_action (widget_class, "measures.appeal", NULL, appeal_action);
  gtk_widget_class_install_action (widget_class, "measures.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "measures.open-cadre", NULL, open_cadre_action);
  gtk_widget_class_install_action (widget_class, "measures.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "measures.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "measures.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "measures.export", NULL, export_action);
}

static void
ld_measures_page_init (LdMeasuresPage *self)
{
  self->store = g_list_store_new (LD_TYPE_MEASURE);

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "measures.export", FALSE);
#endif
}

LdMeasuresPage *
ld_measures_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_MEASURES_PAGE,
                       "vault", vault,
                       /* Translators: the measures register's page (处分处理) */
                       "title", _("Measures"),
                       "icon-name", "emblem-important-symbolic",
                       NULL);
}

void
ld_measures_page_show_record (LdMeasuresPage *self,
                              gint64          id)
{
  g_return_if_fail (LD_IS_MEASURES_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_measures_page_get_model (LdMeasuresPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURES_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_measures_page_get_loading (LdMeasuresPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURES_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || !self->list_loaded;
}

gint64
ld_measures_page_get_shown_id (LdMeasuresPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURES_PAGE (self), 0);

  return self->shown != NULL ? ld_measure_get_id (self->shown) : 0;
}

void
ld_measures_page_set_search (LdMeasuresPage *self,
                             const char     *text)
{
  g_return_if_fail (LD_IS_MEASURES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  load_list (self);
}

void
ld_measures_page_set_form_filter (LdMeasuresPage *self,
                                  int             form)
{
  g_return_if_fail (LD_IS_MEASURES_PAGE (self));
  g_return_if_fail (form >= 0 && form <= 4);

  gtk_drop_down_set_selected (self->form_dropdown, (guint) form);
}

gboolean
ld_measures_page_get_empty (LdMeasuresPage *self)
{
  g_return_val_if_fail (LD_IS_MEASURES_PAGE (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0;
}
