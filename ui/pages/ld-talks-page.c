/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-talks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-talks-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-talk-dialog.h"
#include "exchange/ld-ledger-import.h"
#include "ld-ui-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

#define N_YEARS 6

struct _LdTalksPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *year_dropdown;
  GtkStringList       *year_list;
  GtkDropDown         *type_dropdown;
  GtkStringList       *type_list;
  LdUnitPicker        *unit_picker;
  GtkToggleButton     *coverage_button;
  GtkGrid             *coverage_grid;
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
  LdTalk              *shown;            /* the talk in the detail pane */
  GPtrArray           *attachments;      /* LdAttachment of shown */
  GPtrArray           *temp_paths;       /* opened attachments */
  GPtrArray           *type_codes;       /* const char * per type_list row after "any" */
  int                  years[N_YEARS];

  gint64               pending_id;       /* select once the list is there */
  guint                total;            /* active talks in scope, unfiltered */
  gint64               loading_id;
  guint                n_coverage_rows;
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdTalksPage, ld_talks_page, LD_TYPE_PAGE)

static void load_list   (LdTalksPage *self);
static void load_detail (LdTalksPage *self,
                         gint64       id);

/* --- Columns --------------------------------------------------------------- */

typedef struct
{
  const char *property;
  const char *title;
  int         width;
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[] = {
  { "reg-no", NC_("talk column", "Number"), 100, FALSE },
  { "talk-date", NC_("talk column", "Date"), 96, FALSE },
  { "type-label", NC_("talk column", "Type"), 110, FALSE },
  { "cadre-names", NC_("talk column", "Talked To"), 140, TRUE },
  { "unit-name", NC_("talk column", "Unit"), 130, TRUE },
  { "talkers-text", NC_("talk column", "Talkers"), 120, FALSE },
  { "written-due", NC_("talk column", "Written Due"), 96, FALSE },
  { "written-received", NC_("talk column", "Received"), 96, FALSE },
  { "followup-date", NC_("talk column", "Follow-Up"), 96, FALSE },
};

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  g_object_get (item, info->property, &text, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_widget_set_tooltip_text (inscription, info->expand ? text : NULL);
}

static void
setup_columns (LdTalksPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkStringSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "talk column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      /* A click on the title sorts by the column; dates sort as text. */
      sorter = gtk_string_sorter_new (gtk_property_expression_new (LD_TYPE_TALK, NULL, columns[i].property));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static gboolean
can_write (LdTalksPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static gboolean
shown_writable (LdTalksPage *self)
{
  return self->shown != NULL && ld_talk_get_retired_at (self->shown) == 0 && can_write (self);
}

static void
update_state (LdTalksPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading;
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        {
          /* Without any talk in scope the page explains how to start. */
          gtk_stack_set_visible_child_name (self->content_stack, self->total > 0 ? "no-results" : "empty");
        }
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u talk", "%u talks", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  /* The detail pane is only worth its room next to a list. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.new", can_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.edit", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.retire", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.attach", shown_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.retire-attachment", shown_writable (self));
}

/* --- Context: units, years, types ---------------------------------------- */

static void
fill_static_filters (LdTalksPage *self)
{
  self->filling = TRUE;
  ld_string_list_append_years (self->year_list, self->years, N_YEARS);
  /* This year by default: the page shows the current work. */
  gtk_drop_down_set_selected (self->year_dropdown, 1);

  gtk_string_list_append (self->type_list, _("All types"));
  ld_string_list_append_codes (self->type_list, self->type_codes, LD_CODE_TABLE_TALK_TYPE);
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
  g_autoptr(LdTalksPage) self = user_data;
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
  int        year;
  int        coverage_year;
  char      *type;
  gint64     unit_id;
  char      *text;
} ListJob;

typedef struct
{
  GPtrArray *talks;
  GPtrArray *coverage;
  guint      total;
} ListResult;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->type);
  g_free (job->text);
  g_free (job);
}

static void
list_result_free (gpointer data)
{
  ListResult *result = data;

  g_clear_pointer (&result->talks, g_ptr_array_unref);
  g_clear_pointer (&result->coverage, g_ptr_array_unref);
  g_free (result);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdTalkFilter filter;
  ListResult *result = g_new0 (ListResult, 1);

  ld_talk_filter_init (&filter);
  filter.year = job->year;
  filter.type = job->type;
  filter.unit_id = job->unit_id;
  filter.text = job->text;

  result->talks = ld_talk_repository_list (vault, &filter, error);
  if (result->talks == NULL)
    {
      list_result_free (result);
      return NULL;
    }
  /* The coverage is a side table: a failure leaves it empty. */
  result->coverage = ld_talk_repository_coverage (vault, job->coverage_year, NULL, NULL);
  /* Whether nothing matches, or there is nothing at all. */
  result->total = result->talks->len;
  if (result->talks->len == 0)
    {
      LdTalkFilter all;

      ld_talk_filter_init (&all);
      if (!ld_talk_repository_count (vault, &all, &result->total, NULL))
        result->total = 0;
    }

  return result;
}

static void
add_cell (GtkGrid    *grid,
          const char *text,
          int         column,
          int         row,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (heading && row == 0)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static char *
ratio (guint done,
       guint total)
{
  /* Translators: how many of how many (coverage) */
  return g_strdup_printf (_("%u / %u"), done, total);
}

static void
show_coverage (LdTalksPage *self,
               GPtrArray   *coverage,
               int          year)
{
  GtkWidget *child;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->coverage_grid))) != NULL)
    gtk_grid_remove (self->coverage_grid, child);
  self->n_coverage_rows = 0;

  /* Translators: the coverage table's first heading, %d is a year */
  title = g_strdup_printf (_("Coverage %d"), year);
  add_cell (self->coverage_grid, title, 0, 0, TRUE);
  add_cell (self->coverage_grid, _("Top leaders talked to"), 1, 0, TRUE);
  add_cell (self->coverage_grid, _("Newly promoted with a pre-appointment talk"), 2, 0, TRUE);
  add_cell (self->coverage_grid, _("Talks"), 3, 0, TRUE);
  add_cell (self->coverage_grid, _("Cadres talked to"), 4, 0, TRUE);

  for (guint i = 0; coverage != NULL && i < coverage->len; i++)
    {
      LdTalkCoverageRow *row = g_ptr_array_index (coverage, i);
      g_autofree char *top = ratio (row->top_leaders_talked, row->top_leaders);
      g_autofree char *promoted = ratio (row->newly_promoted_talked, row->newly_promoted);
      g_autofree char *talks = g_strdup_printf ("%u", row->talks);
      g_autofree char *cadres = g_strdup_printf ("%u", row->cadres_talked);
      gboolean total = row->unit_id == 0;
      int r = (int) i + 1;

      add_cell (self->coverage_grid, total ? _("Total") : row->unit_name, 0, r, total);
      add_cell (self->coverage_grid, top, 1, r, FALSE);
      add_cell (self->coverage_grid, promoted, 2, r, FALSE);
      add_cell (self->coverage_grid, talks, 3, r, FALSE);
      add_cell (self->coverage_grid, cadres, 4, r, FALSE);
      self->n_coverage_rows++;
    }
}

static int
chosen_year (LdTalksPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->year_dropdown);

  return pos >= 1 && pos <= N_YEARS ? self->years[pos - 1] : 0;
}

static void
select_id (LdTalksPage *self,
           gint64       id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdTalk) talk = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_talk_get_id (talk) == id)
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
  g_autoptr(LdTalksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListResult *result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_talk_get_id (self->shown) : 0;

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
                       result->talks->pdata, result->talks->len);
  show_coverage (self, result->coverage, chosen_year (self) != 0 ? chosen_year (self) : self->years[0]);
  list_result_free (result);

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdTalksPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  ListJob *job = g_new0 (ListJob, 1);
  guint type_pos = gtk_drop_down_get_selected (self->type_dropdown);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  job->year = chosen_year (self);
  job->coverage_year = job->year != 0 ? job->year : self->years[0];
  if (type_pos >= 1 && type_pos - 1 < self->type_codes->len)
    job->type = g_strdup (g_ptr_array_index (self->type_codes, type_pos - 1));
  job->unit_id = unit_id > 0 ? unit_id : 0;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (vault, list_worker, job, list_job_free, list_result_free,
                      self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdTalksPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdTalk    *talk;
  GPtrArray *attachments;
  GPtrArray *versions;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->talk);
  g_clear_pointer (&result->attachments, g_ptr_array_unref);
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

  if ((result->talk = ld_talk_repository_get (vault, id, error)) == NULL
      || (result->attachments = ld_attachment_repository_list (vault, "talk", id, FALSE, error)) == NULL
      || (result->versions = ld_talk_repository_versions (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, LD_AUDIT_TALK_CREATED) == 0)
    return C_("history", "Talk registered");
  if (g_strcmp0 (event, LD_AUDIT_TALK_IMPORTED) == 0)
    return C_("history", "Imported from a talk ledger");
  if (g_strcmp0 (event, LD_AUDIT_TALK_UPDATED) == 0)
    return C_("history", "Talk changed");
  if (g_strcmp0 (event, LD_AUDIT_TALK_RETIRED) == 0)
    return C_("history", "Talk retired");
  if (g_strcmp0 (event, LD_AUDIT_TALK_MEASURE_LINKED) == 0)
    return C_("history", "Measure linked");
  if (g_strcmp0 (event, LD_AUDIT_ATTACHMENT_ADDED) == 0)
    return C_("history", "Attachment added");
  if (g_strcmp0 (event, LD_AUDIT_ATTACHMENT_RETIRED) == 0)
    return C_("history", "Attachment retired");

  return event != NULL ? event : "";
}

static void
show_detail (LdTalksPage *self)
{
  LdTalk *talk = self->shown;
  GtkWidget *group;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  const char *clue_reg_no;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  if (talk == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  /* Translators: the detail pane's title: registration number and type */
  title = g_strdup_printf (_("%s · %s"), ld_talk_get_reg_no (talk), ld_talk_get_type_label (talk));
  gtk_label_set_label (self->detail_title, title);

  if (ld_talk_get_retired_at (talk) != 0)
    {
      GtkWidget *label;
      g_autofree char *text = NULL;

      /* Translators: %s is the reason a record was retired */
      text = g_strdup_printf (_("Retired: %s"), ld_talk_get_retired_reason (talk));
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->detail_box, label);
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Talk"));
  ld_record_detail_add_field (group, C_("talk field", "Registration number"), ld_talk_get_reg_no (talk));
  ld_record_detail_add_field (group, C_("talk field", "Type"), ld_talk_get_type_label (talk));
  if (*ld_talk_get_talk_time (talk) != '\0')
    /* Translators: a date and a time */
    when = g_strdup_printf (_("%s %s"), ld_talk_get_talk_date (talk), ld_talk_get_talk_time (talk));
  else
    when = g_strdup (ld_talk_get_talk_date (talk));
  ld_record_detail_add_field (group, C_("talk field", "Date and time"), when);
  ld_record_detail_add_field (group, C_("talk field", "Place"), ld_talk_get_place (talk));
  ld_record_detail_add_field (group, C_("talk field", "Talkers"), ld_talk_get_talkers_text (talk));
  ld_record_detail_add_field (group, C_("talk field", "Recorder"), ld_talk_get_recorder (talk));
  ld_record_detail_add_field (group, C_("talk field", "Persons talked to"), ld_talk_get_cadre_names (talk));
  ld_record_detail_add_field (group, C_("talk field", "Unit"), ld_talk_get_unit_name (talk));

  group = ld_record_detail_new_group (self->detail_box, _("Reason and Content"));
  ld_record_detail_add_field (group, C_("talk field", "Reason"), ld_talk_get_reason (talk));
  clue_reg_no = ld_talk_get_clue_reg_no (talk);
  ld_record_detail_add_field (group, C_("talk field", "Clue served"), clue_reg_no);
  if (ld_talk_get_clue_id (talk) != 0)
    {
      GtkWidget *button = ld_record_detail_icon_button ("go-next-symbolic", _("Open the Clue"), "win.show-record",
                                                        g_variant_new ("(sx)", "clue", ld_talk_get_clue_id (talk)));

      ld_record_detail_field_add_suffix (group, button, 0);
    }
  ld_record_detail_add_field (group, C_("talk field", "Problems raised"), ld_talk_get_problems (talk));
  ld_record_detail_add_field (group, C_("talk field", "Explanation"), ld_talk_get_explanation (talk));
  ld_record_detail_add_field (group, C_("talk field", "Attitude"), ld_talk_get_attitude (talk));
  ld_record_detail_add_field (group, C_("talk field", "Outcome"), ld_talk_get_outcome (talk));

  group = ld_record_detail_new_group (self->detail_box, _("Written Explanation and Follow-Up"));
  ld_record_detail_add_field (group, C_("talk field", "Required in writing"), ld_talk_written_get_label (ld_talk_get_written_required (talk)));
  ld_record_detail_add_field (group, C_("talk field", "Due"), ld_talk_get_written_due (talk));
  ld_record_detail_add_field (group, C_("talk field", "Received"), ld_talk_get_written_received (talk));
  ld_record_detail_add_field (group, C_("talk field", "Follow-up date"), ld_talk_get_followup_date (talk));

  group = ld_record_detail_new_group (self->detail_box, _("Attachments"));
  if (shown_writable (self))
    ld_record_detail_group_set_suffix (group,
                                       ld_record_detail_icon_button ("mail-attachment-symbolic", _("Attach a File…"),
                                                                     "talks.attach", NULL));
  if (self->attachments == NULL || self->attachments->len == 0)
    ld_record_detail_add_field (group, _("No attachments"), _("Attach the signed talk record when it is ready."));
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      LdAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autofree char *size = ld_attachment_format_size (attachment->size);
      g_autofree char *added = ld_format_timestamp (attachment->created_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *button;

      /* Translators: size, date and account of an attachment */
      subtitle = g_strdup_printf (_("%s · added %s by %s"), size, added, attachment->account ? attachment->account : "");
      ld_record_detail_add_field (group, attachment->name, subtitle);
      button = ld_record_detail_icon_button ("document-open-symbolic", _("Open"), "talks.open-attachment",
                                             g_variant_new_int64 (attachment->id));
      ld_record_detail_field_add_suffix (group, button, 0);
      button = ld_record_detail_icon_button ("document-save-as-symbolic", _("Save a Copy…"), "talks.save-attachment",
                                             g_variant_new_int64 (attachment->id));
      ld_record_detail_field_add_suffix (group, button, 0);
      if (shown_writable (self))
        {
          button = ld_record_detail_icon_button ("user-trash-symbolic", _("Retire the Attachment…"),
                                                 "talks.retire-attachment", g_variant_new_int64 (attachment->id));
          ld_record_detail_field_add_suffix (group, button, 0);
        }
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
show_history (LdTalksPage *self,
              GPtrArray   *versions)
{
  GtkWidget *group = ld_record_detail_new_group (self->detail_box, _("History"));

  ld_record_detail_add_history (group, versions, event_label, FALSE);
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdTalksPage) self = user_data;
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
      show_detail (self);
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The talk could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->talk);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  self->attachments = g_steal_pointer (&result->attachments);
  show_detail (self);
  show_history (self, result->versions);
  detail_result_free (result);
  update_state (self);
}

static void
load_detail (LdTalksPage *self,
             gint64       id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);

  if (id == 0)
    {
      self->detail_loading = FALSE;
      g_clear_object (&self->shown);
      show_detail (self);
      update_state (self);
      return;
    }

  self->detail_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->detail_cancellable, G_CONNECT_SWAPPED);
  self->loading_id = id;
  self->detail_loading = TRUE;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), detail_worker, g_memdup2 (&id, sizeof id), g_free,
                      detail_result_free, self->detail_cancellable, detail_cb, g_object_ref (self));
}

static void
on_selection_changed_cb (LdTalksPage *self)
{
  LdTalk *talk = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = talk != NULL ? ld_talk_get_id (talk) : 0;

  if (id == 0)
    return;   /* keep the detail while the list reloads */
  if (self->shown != NULL && ld_talk_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_RETIRE,
  CHANGE_RETIRE_ATTACHMENT,
  CHANGE_ATTACH,
  CHANGE_OPEN,
  CHANGE_SAVE_COPY,
} ChangeKind;

typedef struct
{
  ChangeKind kind;
  gint64     id;
  char      *text;
} ChangeJob;

typedef struct
{
  LdTalksPage *self;
  ChangeKind   kind;
  char        *done;
} ChangeContext;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->text);
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
    case CHANGE_RETIRE:
      if (!ld_talk_repository_retire (vault, job->id, job->text, error))
        return NULL;
      break;
    case CHANGE_RETIRE_ATTACHMENT:
      if (!ld_attachment_repository_retire (vault, job->id, job->text, error))
        return NULL;
      break;
    case CHANGE_ATTACH:
      if (!ld_attachment_repository_add (vault, "talk", job->id, job->text, NULL, error))
        return NULL;
      break;
    case CHANGE_OPEN:
      return ld_attachment_repository_open_temp (vault, job->id, error);
    case CHANGE_SAVE_COPY:
      if (!ld_attachment_repository_save_as (vault, job->id, job->text, error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  return g_strdup ("");
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *path = user_data;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* Nothing opened it: no plain copy stays behind. */
      ld_attachment_remove_temp (path);
    }
  g_free (path);
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdTalksPage) self = context->self;
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
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      return;
    }

  if (kind == CHANGE_OPEN)
    {
      g_autofree char *uri = g_filename_to_uri (result, NULL, NULL);

      g_ptr_array_add (self->temp_paths, g_strdup (result));
      g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, g_strdup (result));
      return;
    }

  if (done != NULL)
    ld_page_show_toast (LD_PAGE (self), done);
  if (kind == CHANGE_RETIRE)
    {
      g_clear_object (&self->shown);
      show_detail (self);
      load_list (self);
    }
  else if ((kind == CHANGE_ATTACH || kind == CHANGE_RETIRE_ATTACHMENT) && self->shown != NULL)
    {
      load_detail (self, ld_talk_get_id (self->shown));
      load_list (self);
    }
}

static void
run_change (LdTalksPage *self,
            ChangeKind   kind,
            gint64       id,
            const char  *text,
            const char  *done)
{
  ChangeJob *job = g_new0 (ChangeJob, 1);
  ChangeContext *context = g_new0 (ChangeContext, 1);

  job->kind = kind;
  job->id = id;
  job->text = g_strdup (text);
  context->self = g_object_ref (self);
  context->kind = kind;
  context->done = g_strdup (done);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, g_free,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Actions --------------------------------------------------------------- */

static GtkWindow *
parent_window (LdTalksPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_talk_saved_cb (LdTalksPage *self,
                  gint64       id)
{
  ld_page_show_toast (LD_PAGE (self), _("Talk saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
open_dialog (LdTalksPage *self,
             LdTalk      *talk)
{
  LdTalkDialog *dialog = ld_talk_dialog_new (ld_page_get_vault (LD_PAGE (self)), talk);

  if (parent_window (self) != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_talk_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);

  if (can_write (self))
    open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);

  if (shown_writable (self))
    open_dialog (self, self->shown);
}

typedef struct
{
  LdTalksPage *self;
  ChangeKind   kind;
  gint64       id;
  GtkEditable *reason;
} RetireRequest;

static void
retire_request_free (gpointer data,
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

  if (g_strcmp0 (response, "retire") != 0 || *reason == '\0')
    return;
  run_change (request->self, request->kind, request->id, reason,
              request->kind == CHANGE_RETIRE ? _("Talk retired") : _("Attachment retired"));
}

/* Asks for the reason (required) in a message dialog, then retires. */
static void
ask_retire (LdTalksPage *self,
            ChangeKind   kind,
            gint64       id,
            const char  *heading,
            const char  *body)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  RetireRequest *request;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
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
  request->kind = kind;
  request->id = id;
  request->reason = GTK_EDITABLE (entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_response_cb), request,
                         retire_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  gtk_widget_grab_focus (entry);
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);
  g_autofree char *body = NULL;

  if (!shown_writable (self))
    return;

  /* Translators: %s is a talk's registration number */
  body = g_strdup_printf (_("Talk %s leaves the list but stays in the vault with its history. Give the reason."),
                          ld_talk_get_reg_no (self->shown));
  ask_retire (self, CHANGE_RETIRE, ld_talk_get_id (self->shown), _("Retire the Talk?"), body);
}

typedef struct
{
  LdTalksPage *self;
  ChangeKind   kind;
  gint64       id;
} ChooserRequest;

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ChooserRequest  *request)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    run_change (request->self, request->kind, request->id, path,
                request->kind == CHANGE_ATTACH ? _("Attachment added") : _("Copy saved"));

  g_object_unref (request->self);
  g_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_chooser (LdTalksPage          *self,
             ChangeKind            kind,
             gint64                id,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *current_name)
{
  GtkFileChooserNative *chooser;
  ChooserRequest *request = g_new0 (ChooserRequest, 1);

  chooser = gtk_file_chooser_native_new (title, parent_window (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  request->self = g_object_ref (self);
  request->kind = kind;
  request->id = id;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);

  if (shown_writable (self))
    run_chooser (self, CHANGE_ATTACH, ld_talk_get_id (self->shown), _("Attach a File"),
                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
}

static LdAttachment *
find_attachment (LdTalksPage *self,
                 gint64       id)
{
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      LdAttachment *attachment = g_ptr_array_index (self->attachments, i);

      if (attachment->id == id)
        return attachment;
    }

  return NULL;
}

static void
open_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  run_change (LD_TALKS_PAGE (widget), CHANGE_OPEN, g_variant_get_int64 (param), NULL, NULL);
}

static void
save_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));

  if (attachment != NULL)
    run_chooser (self, CHANGE_SAVE_COPY, attachment->id, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 _("_Save"), attachment->name);
}

static void
retire_attachment_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);
  LdAttachment *attachment = find_attachment (self, g_variant_get_int64 (param));
  g_autofree char *body = NULL;

  if (attachment == NULL || !shown_writable (self))
    return;

  /* Translators: %s is an attachment's file name */
  body = g_strdup_printf (_("“%s” leaves the talk but stays in the vault and its history. Give the reason."),
                          attachment->name);
  ask_retire (self, CHANGE_RETIRE_ATTACHMENT, attachment->id, _("Retire the Attachment?"), body);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdTalksPage *self = LD_TALKS_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the talk ledger of the unit and the
 * year the filters show. The dialog asks for the purpose and the file, or
 * says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdTalksPage *self = LD_TALKS_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_TALKS);
  int year = chosen_year (self);

  request->unit_id = ld_unit_picker_get_selected_id (self->unit_picker);
  if (year != 0)
    {
      request->from = g_strdup_printf ("%04d-01-01", year);
      request->to = g_strdup_printf ("%04d-12-31", year);
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
ld_talks_page_refresh (LdPage *page)
{
  LdTalksPage *self = LD_TALKS_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);

  if (!self->units_loaded)
    ld_vault_run_async (vault, units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_talk_get_id (self->shown));
}

static void
ld_talks_page_constructed (GObject *object)
{
  LdTalksPage *self = (LdTalksPage *)object;

  G_OBJECT_CLASS (ld_talks_page_parent_class)->constructed (object);

  fill_static_filters (self);
  setup_columns (self);
  {
    GtkSortListModel *sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                                        g_object_ref (gtk_column_view_get_sorter (self->column_view)));

    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (sorted));
    g_object_unref (sorted);
  }
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_talks_page_dispose (GObject *object)
{
  LdTalksPage *self = (LdTalksPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_TALKS_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);
  if (self->temp_paths != NULL)
    {
      for (guint i = 0; i < self->temp_paths->len; i++)
        ld_attachment_remove_temp (g_ptr_array_index (self->temp_paths, i));
      g_ptr_array_set_size (self->temp_paths, 0);
    }

  G_OBJECT_CLASS (ld_talks_page_parent_class)->dispose (object);
}

static void
ld_talks_page_finalize (GObject *object)
{
  LdTalksPage *self = (LdTalksPage *)object;

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->temp_paths, g_ptr_array_unref);
  g_clear_pointer (&self->type_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_talks_page_parent_class)->finalize (object);
}

static void
ld_talks_page_class_init (LdTalksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_talks_page_constructed;
  object_class->dispose = ld_talks_page_dispose;
  object_class->finalize = ld_talks_page_finalize;
  page_class->refresh = ld_talks_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-talks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, type_list);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, coverage_button);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, coverage_grid);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdTalksPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "talks.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "talks.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "talks.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "talks.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "talks.open-attachment", "x", open_attachment_action);
  gtk_widget_class_install_action (widget_class, "talks.save-attachment", "x", save_attachment_action);
  gtk_widget_class_install_action (widget_class, "talks.retire-attachment", "x", retire_attachment_action);
  gtk_widget_class_install_action (widget_class, "talks.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "talks.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "talks.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "talks.export", NULL, export_action);
}

static void
ld_talks_page_init (LdTalksPage *self)
{
  self->store = g_list_store_new (LD_TYPE_TALK);
  self->temp_paths = g_ptr_array_new_with_free_func (g_free);
  self->type_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "talks.export", FALSE);
#endif
}

LdTalksPage *
ld_talks_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_TALKS_PAGE,
                       "vault", vault,
                       "title", _("Talks"),
                       "icon-name", "user-available-symbolic",
                       NULL);
}

void
ld_talks_page_show_record (LdTalksPage *self,
                           gint64       id)
{
  g_return_if_fail (LD_IS_TALKS_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_talks_page_get_model (LdTalksPage *self)
{
  g_return_val_if_fail (LD_IS_TALKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_talks_page_get_loading (LdTalksPage *self)
{
  g_return_val_if_fail (LD_IS_TALKS_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || !self->list_loaded;
}

gint64
ld_talks_page_get_shown_id (LdTalksPage *self)
{
  g_return_val_if_fail (LD_IS_TALKS_PAGE (self), 0);

  return self->shown != NULL ? ld_talk_get_id (self->shown) : 0;
}

guint
ld_talks_page_get_n_coverage_rows (LdTalksPage *self)
{
  g_return_val_if_fail (LD_IS_TALKS_PAGE (self), 0);

  return self->n_coverage_rows;
}

void
ld_talks_page_set_search (LdTalksPage *self,
                          const char  *text)
{
  g_return_if_fail (LD_IS_TALKS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  load_list (self);
}
