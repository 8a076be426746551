/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-petitions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-petitions-page.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-petition-dialog.h"
#include "dialogs/ld-reporter-dialog.h"
#include "dialogs/ld-reveal-dialog.h"
#include "exchange/ld-ledger-import.h"
#include "ld-error.h"
#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-record-detail.h"
#include "widgets/ld-unit-picker.h"

#define N_YEARS 6

struct _LdPetitionsPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *year_dropdown;
  GtkStringList       *year_list;
  GtkDropDown         *status_dropdown;
  GtkStringList       *status_list;
  GtkDropDown         *kind_dropdown;
  GtkStringList       *kind_list;
  GtkDropDown         *channel_dropdown;
  GtkStringList       *channel_list;
  GtkDropDown         *repeats_dropdown;
  GtkStringList       *repeats_list;
  LdUnitPicker        *unit_picker;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  AdwStatusPage       *error_status;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkMenuButton       *move_button;
  GtkBox              *detail_box;

  /* Owned References */
  GListStore          *store;
  GCancellable        *list_cancellable;
  GCancellable        *detail_cancellable;
  LdPetition          *shown;
  GPtrArray           *status_codes;     /* const char * per list row after "any" */
  GPtrArray           *kind_codes;
  GPtrArray           *channel_codes;
  int                  years[N_YEARS];

  gint64               pending_id;
  gint64               total;            /* active petitions in scope, unfiltered */
  guint                units_loaded : 1;
  guint                list_loading : 1;
  guint                detail_loading : 1;
  guint                list_loaded : 1;
  guint                filling : 1;
};

G_DEFINE_FINAL_TYPE (LdPetitionsPage, ld_petitions_page, LD_TYPE_PAGE)

static void load_list   (LdPetitionsPage *self);
static void load_detail (LdPetitionsPage *self,
                         gint64           id);

/* --- Columns --------------------------------------------------------------- */

typedef char *(*ColumnText) (LdPetition *petition);

static char *
real_name_text (LdPetition *petition)
{
  return g_strdup (ld_petition_get_real_name (petition) ? C_("petition", "Real name") : C_("petition", "Anonymous"));
}

static char *
repeat_text (LdPetition *petition)
{
  if (ld_petition_is_repeat (petition))
    /* Translators: a repeat report and its first report's number */
    return g_strdup_printf (_("Repeat of %s"), ld_petition_get_repeat_of_reg_no (petition));
  if (ld_petition_get_n_repeats (petition) > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u repeat", "%u repeats",
                                         ld_petition_get_n_repeats (petition)),
                            ld_petition_get_n_repeats (petition));
  return g_strdup ("");
}

#define GETTER(fn) static char *fn##_text (LdPetition *p) { return g_strdup (ld_petition_get_##fn (p)); }
GETTER (reg_no)
GETTER (received_date)
GETTER (kind_label)
GETTER (channel_label)
GETTER (reporter_masked)
GETTER (persons_text)
GETTER (units)
GETTER (categories_label)
GETTER (status_label)
#undef GETTER

typedef struct
{
  ColumnText  text;
  const char *title;
  int         width;
  gboolean    expand;
  const char *sort_property;   /* the LdPetition text it sorts by, or NULL */
} ColumnInfo;

static const ColumnInfo columns[] = {
  { reg_no_text, NC_("petition column", "Number"), 90, FALSE, "reg-no" },
  { received_date_text, NC_("petition column", "Received"), 96, FALSE, "received-date" },
  { kind_label_text, NC_("petition column", "Kind"), 110, FALSE, "kind-label" },
  { channel_label_text, NC_("petition column", "Channel"), 80, FALSE, "channel-label" },
  { real_name_text, NC_("petition column", "Real Name"), 90, FALSE, NULL },
  { reporter_masked_text, NC_("petition column", "Reporter"), 70, FALSE, NULL },
  { persons_text_text, NC_("petition column", "Reported"), 150, TRUE, "persons" },
  { units_text, NC_("petition column", "Unit"), 120, TRUE, "units" },
  { categories_label_text, NC_("petition column", "Categories"), 120, TRUE, "categories-label" },
  { status_label_text, NC_("petition column", "Status"), 80, FALSE, "status-label" },
  { repeat_text, NC_("petition column", "Repeat"), 110, FALSE, NULL },
};

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  LdPetition *petition = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);
  g_autofree char *text = info->text (petition);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_widget_set_tooltip_text (inscription, info->expand ? text : NULL);
}

static void
setup_columns (LdPetitionsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (ld_inscription_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "petition column", columns[i].title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].sort_property != NULL)
        {
          g_autoptr(GtkStringSorter) sorter = NULL;

          sorter = gtk_string_sorter_new (gtk_property_expression_new (LD_TYPE_PETITION, NULL,
                                                                       columns[i].sort_property));
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* --- State ----------------------------------------------------------------- */

static const LdSession *
session_of (LdPetitionsPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));

  return vault != NULL ? ld_vault_get_session (vault) : NULL;
}

static gboolean
can_write (LdPetitionsPage *self)
{
  const LdSession *session = session_of (self);

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static gboolean
can_reveal (LdPetitionsPage *self)
{
  const LdSession *session = session_of (self);

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_REPORTER_IDENTITY);
}

static gboolean
shown_writable (LdPetitionsPage *self)
{
  return self->shown != NULL && ld_petition_get_retired_at (self->shown) == 0 && can_write (self);
}

static gboolean
shown_status_is (LdPetitionsPage *self,
                 const char      *status)
{
  return self->shown != NULL && g_strcmp0 (ld_petition_get_status (self->shown), status) == 0;
}

static gboolean
any_filter (LdPetitionsPage *self)
{
  return gtk_drop_down_get_selected (self->year_dropdown) != 0
         || gtk_drop_down_get_selected (self->status_dropdown) != 0
         || gtk_drop_down_get_selected (self->kind_dropdown) != 0
         || gtk_drop_down_get_selected (self->channel_dropdown) != 0
         || gtk_drop_down_get_selected (self->repeats_dropdown) != 0
         || ld_unit_picker_get_selected_id (self->unit_picker) > 0
         || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
update_state (LdPetitionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean loading = self->list_loading || self->detail_loading;
  gboolean writable = shown_writable (self);
  const char * const *next = self->shown != NULL ? ld_petition_status_next (ld_petition_get_status (self->shown)) : NULL;
  g_autofree char *count = NULL;

  if (self->list_loaded)
    {
      if (n > 0)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "error") != 0)
        gtk_stack_set_visible_child_name (self->content_stack,
                                          any_filter (self) && self->total > 0 ? "no-results" : "empty");
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u petition", "%u petitions", n), n);
    }
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
  /* The detail pane is only worth its room next to a list. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), n > 0 || self->shown != NULL);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.new", can_write (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.retire", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.correct-reporter", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.move", writable && next != NULL && next[0] != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), writable && next != NULL && next[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.feedback",
                                 writable && shown_status_is (self, "closed")
                                 && ld_petition_get_real_name (self->shown));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.accept-notice",
                                 writable && shown_status_is (self, "accepted")
                                 && ld_petition_get_real_name (self->shown));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.mark-repeat",
                                 writable && shown_status_is (self, "registered"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.create-clue",
                                 writable && (shown_status_is (self, "registered") || shown_status_is (self, "accepted")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.reveal",
                                 self->shown != NULL && can_reveal (self) && ld_petition_get_real_name (self->shown));
}

/* --- Filters --------------------------------------------------------------- */

static const char *
chosen_code (GtkDropDown *dropdown,
             GPtrArray   *codes)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  return pos >= 1 && pos - 1 < codes->len ? g_ptr_array_index (codes, pos - 1) : NULL;
}

static void
fill_static_filters (LdPetitionsPage *self)
{
  self->filling = TRUE;
  ld_string_list_append_years (self->year_list, self->years, N_YEARS);
  gtk_drop_down_set_selected (self->year_dropdown, 1);

  gtk_string_list_append (self->status_list, _("Any status"));
  ld_string_list_append_codes (self->status_list, self->status_codes, LD_CODE_TABLE_PETITION_STATUS);
  gtk_string_list_append (self->kind_list, _("Any kind"));
  ld_string_list_append_codes (self->kind_list, self->kind_codes, LD_CODE_TABLE_PETITION_KIND);
  gtk_string_list_append (self->channel_list, _("Any channel"));
  ld_string_list_append_codes (self->channel_list, self->channel_codes, LD_CODE_TABLE_CHANNEL);
  gtk_string_list_append (self->repeats_list, _("With repeats"));
  gtk_string_list_append (self->repeats_list, _("Repeats only"));
  gtk_string_list_append (self->repeats_list, _("Without repeats"));
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
  g_autoptr(LdPetitionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || units == NULL)
    return;

  self->filling = TRUE;
  ld_unit_picker_set_units (self->unit_picker, units, _("All units"), 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  self->units_loaded = TRUE;
}

/* --- List ------------------------------------------------------------------ */

typedef struct
{
  int                year;
  char              *status;
  char              *kind;
  char              *channel;
  LdPetitionRepeats  repeats;
  gint64             unit_id;
  char              *text;
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  g_free (job->status);
  g_free (job->kind);
  g_free (job->channel);
  g_free (job->text);
  g_free (job);
}

static gpointer
list_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ListJob *job = data;
  LdPetitionFilter filter = { 0 };

  filter.year = job->year;
  filter.status = job->status;
  filter.kind = job->kind;
  filter.channel = job->channel;
  filter.repeats = job->repeats;
  filter.unit_id = job->unit_id;
  filter.text = job->text != NULL && *job->text != '\0' ? job->text : NULL;

  return ld_petition_repository_list (vault, &filter, error);
}

static gpointer
count_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  LdPetitionFilter filter = { 0 };
  gint64 count = 0;

  if (!ld_petition_repository_count (vault, &filter, &count, error))
    return NULL;

  return g_memdup2 (&count, sizeof count);
}

static void
count_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(LdPetitionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *count = ld_vault_run_finish (LD_VAULT (object), res, &error);

  if (ld_error_is_cancelled (error) || count == NULL)
    return;
  self->total = *count;
  update_state (self);
}

static void
select_id (LdPetitionsPage *self,
           gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdPetition) petition = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (ld_petition_get_id (petition) == id)
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
  g_autoptr(LdPetitionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) petitions = ld_vault_run_finish (LD_VAULT (object), res, &error);
  gint64 keep = self->shown != NULL ? ld_petition_get_id (self->shown) : 0;

  if (ld_error_is_cancelled (error))
    return;

  self->list_loading = FALSE;
  self->list_loaded = TRUE;

  if (petitions == NULL)
    {
      g_list_store_remove_all (self->store);
      adw_status_page_set_description (self->error_status, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      update_state (self);
      return;
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       petitions->pdata, petitions->len);
  /* Whether nothing matches, or there is nothing at all. */
  if (petitions->len > 0)
    self->total = MAX (self->total, (gint64) petitions->len);
  else
    ld_vault_run_async (LD_VAULT (object), count_worker, NULL, NULL, g_free, self->list_cancellable,
                        count_cb, g_object_ref (self));

  if (self->pending_id != 0)
    keep = self->pending_id;
  self->pending_id = 0;
  if (keep != 0)
    select_id (self, keep);

  update_state (self);
}

static void
load_list (LdPetitionsPage *self)
{
  ListJob *job = g_new0 (ListJob, 1);
  guint year_pos = gtk_drop_down_get_selected (self->year_dropdown);
  gint64 unit_id = ld_unit_picker_get_selected_id (self->unit_picker);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_signal_connect_object (ld_page_get_cancellable (LD_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->list_cancellable, G_CONNECT_SWAPPED);

  job->year = year_pos >= 1 && year_pos <= N_YEARS ? self->years[year_pos - 1] : 0;
  job->status = g_strdup (chosen_code (self->status_dropdown, self->status_codes));
  job->kind = g_strdup (chosen_code (self->kind_dropdown, self->kind_codes));
  job->channel = g_strdup (chosen_code (self->channel_dropdown, self->channel_codes));
  switch (gtk_drop_down_get_selected (self->repeats_dropdown))
    {
    case 1:
      job->repeats = LD_PETITION_REPEATS_ONLY;
      break;
    case 2:
      job->repeats = LD_PETITION_REPEATS_NONE;
      break;
    default:
      job->repeats = LD_PETITION_REPEATS_ANY;
    }
  job->unit_id = unit_id > 0 ? unit_id : 0;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  self->list_loading = TRUE;
  update_state (self);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), list_worker, job, list_job_free,
                      (GDestroyNotify) g_ptr_array_unref, self->list_cancellable, list_cb, g_object_ref (self));
}

static void
on_filter_changed_cb (LdPetitionsPage *self)
{
  if (self->filling || self->store == NULL)
    return;
  load_list (self);
}

/* --- Detail ---------------------------------------------------------------- */

typedef struct
{
  LdPetition *petition;
  GPtrArray  *versions;
} DetailResult;

static void
detail_result_free (gpointer data)
{
  DetailResult *result = data;

  g_clear_object (&result->petition);
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

  if ((result->petition = ld_petition_repository_get (vault, id, error)) == NULL
      || (result->versions = ld_petition_repository_versions (vault, id, error)) == NULL)
    {
      detail_result_free (result);
      return NULL;
    }

  return result;
}

static const char *
event_label (const char *event)
{
  static const struct { const char *event; const char *label; } events[] = {
    { LD_AUDIT_PETITION_CREATED, NC_("history", "Petition registered") },
    { LD_AUDIT_PETITION_IMPORTED, NC_("history", "Imported from a petition ledger") },
    { LD_AUDIT_PETITION_UPDATED, NC_("history", "Petition changed") },
    { LD_AUDIT_PETITION_MOVED, NC_("history", "Status changed") },
    { LD_AUDIT_PETITION_FEEDBACK, NC_("history", "Feedback recorded") },
    { LD_AUDIT_PETITION_REPEAT, NC_("history", "Marked as a repeat") },
    { LD_AUDIT_PETITION_RETIRED, NC_("history", "Petition retired") },
    { LD_AUDIT_PETITION_REPORTER_CHANGED, NC_("history", "Reporter changed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    if (g_strcmp0 (events[i].event, event) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "history", events[i].label);

  return event != NULL ? event : "";
}

static void
update_move_menu (LdPetitionsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char * const *next = self->shown != NULL ? ld_petition_status_next (ld_petition_get_status (self->shown))
                                                 : NULL;

  for (guint i = 0; next != NULL && next[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, next[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "petitions.move", g_variant_new_string (next[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (menu));
}

static void
show_detail (LdPetitionsPage *self,
             GPtrArray       *versions)
{
  LdPetition *petition = self->shown;
  GtkWidget *group;
  GtkWidget *button;
  g_autofree char *title = NULL;
  g_autofree char *repeat = NULL;

  ld_record_detail_remove_children (GTK_WIDGET (self->detail_box));
  update_move_menu (self);
  if (petition == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  /* Translators: the detail pane's title: registration number and status */
  title = g_strdup_printf (_("%s · %s"), ld_petition_get_reg_no (petition), ld_petition_get_status_label (petition));
  gtk_label_set_label (self->detail_title, title);

  if (ld_petition_get_retired_at (petition) != 0)
    {
      g_autofree char *text = g_strdup_printf (_("Retired: %s"), ld_petition_get_retired_reason (petition));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->detail_box, label);
    }

  group = ld_record_detail_new_group (self->detail_box, _("The Petition"));
  ld_record_detail_add_field (group, C_("petition field", "Registration number"), ld_petition_get_reg_no (petition));
  ld_record_detail_add_field (group, C_("petition field", "Received"), ld_petition_get_received_date (petition));
  ld_record_detail_add_field (group, C_("petition field", "Kind"), ld_petition_get_kind_label (petition));
  ld_record_detail_add_field (group, C_("petition field", "Channel"), ld_petition_get_channel_label (petition));
  ld_record_detail_add_field (group, C_("petition field", "Status"), ld_petition_get_status_label (petition));
  repeat = repeat_text (petition);
  ld_record_detail_add_field (group, C_("petition field", "Repeat"), repeat);

  group = ld_record_detail_new_group (self->detail_box, _("Reporter"));
  if (ld_petition_get_real_name (petition) || !shown_writable (self))
    ld_record_detail_group_set_description (group,
                                            _("The reporter's identity is protected: it is shown masked, and every reveal is audited."));
  else
    ld_record_detail_group_set_description (group,
                                            _("An anonymous report. If the reporter gave their name, use Correct Reporter… in the More Actions menu to make it a real-name report; the edit dialog does not ask for the identity."));
  ld_record_detail_add_field (group, C_("petition field", "Reporter"), ld_petition_get_reporter_masked (petition));
  button = gtk_button_new_with_mnemonic (_("Re_veal…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "petitions.reveal");
  gtk_widget_set_tooltip_text (button, can_reveal (self) ? _("Show the identity, with a reason that is audited")
                                                         : _("Needs the reporter-identity grant"));
  ld_record_detail_field_add_suffix (group, button, 0);
  ld_record_detail_add_field (group, C_("petition field", "Reporter's unit"), ld_petition_get_reporter_unit_masked (petition));
  ld_record_detail_add_field (group, C_("petition field", "Contact"), ld_petition_get_reporter_contact_masked (petition));
  ld_record_detail_add_field (group, C_("petition field", "Address"), ld_petition_get_reporter_address_masked (petition));

  group = ld_record_detail_new_group (self->detail_box, _("Persons and Problems"));
  ld_record_detail_add_field (group, C_("petition field", "Persons reported"), ld_petition_get_persons_text (petition));
  ld_record_detail_add_field (group, C_("petition field", "Units concerned"), ld_petition_get_units (petition));
  ld_record_detail_add_field (group, C_("petition field", "Problem categories"), ld_petition_get_categories_label (petition));
  ld_record_detail_add_field (group, C_("petition field", "Summary"), ld_petition_get_summary (petition));
  ld_record_detail_add_field (group, C_("petition field", "Full text"), ld_petition_get_full_text (petition));

  group = ld_record_detail_new_group (self->detail_box, _("Handling"));
  ld_record_detail_add_field (group, C_("petition field", "Routing"), ld_petition_get_routing_label (petition));
  ld_record_detail_add_field (group, C_("petition field", "Routed to"), ld_petition_get_routed_to (petition));
  ld_record_detail_add_field (group, C_("petition field", "Routed on"), ld_petition_get_routed_date (petition));
  ld_record_detail_add_field (group, C_("petition field", "Acceptance notice sent"), ld_petition_get_accept_notice_date (petition));
  ld_record_detail_add_field (group, C_("petition field", "Closed"), ld_petition_get_closed_date (petition));
  ld_record_detail_add_field (group, C_("petition field", "Result"), ld_petition_get_result_label (petition));
  ld_record_detail_add_field (group, C_("petition field", "Feedback given"), ld_petition_get_feedback_date (petition));
  ld_record_detail_add_field (group, C_("petition field", "Feedback by"), ld_petition_get_feedback_mode (petition));
  ld_record_detail_add_field (group, C_("petition field", "Objection"), ld_petition_get_objection_note (petition));

  group = ld_record_detail_new_group (self->detail_box, _("History"));
  ld_record_detail_add_history (group, versions, event_label, FALSE);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
detail_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LdPetitionsPage) self = user_data;
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
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The petition could not be read."));
      update_state (self);
      return;
    }

  g_set_object (&self->shown, result->petition);
  show_detail (self, result->versions);
  detail_result_free (result);
  update_state (self);
}

static void
load_detail (LdPetitionsPage *self,
             gint64           id)
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
on_selection_changed_cb (LdPetitionsPage *self)
{
  LdPetition *petition = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = petition != NULL ? ld_petition_get_id (petition) : 0;

  if (id == 0)
    return;
  if (self->shown != NULL && ld_petition_get_id (self->shown) == id && !self->detail_loading)
    return;
  load_detail (self, id);
}

/* --- Changes --------------------------------------------------------------- */

typedef enum
{
  CHANGE_MOVE,
  CHANGE_ACCEPT_NOTICE,
  CHANGE_FEEDBACK,
  CHANGE_MARK_REPEAT,
  CHANGE_CREATE_CLUE,
  CHANGE_RETIRE,
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  gint64      id;
  char       *a;        /* status, date, reg no, reason */
  char       *b;
  char       *c;
  char       *d;
  char       *e;
} ChangeJob;

typedef struct
{
  LdPetitionsPage *self;
  ChangeKind       kind;
  gint64           id;
  char            *done;
} ChangeContext;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->a);
  g_free (job->b);
  g_free (job->c);
  g_free (job->d);
  g_free (job->e);
  g_free (job);
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gpointer
change_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ChangeJob *job = data;
  gint64 result = job->id;

  switch (job->kind)
    {
    case CHANGE_MOVE:
      {
        LdPetitionMove move = { 0 };

        move.status = job->a;
        move.date = or_null (job->b);
        move.routing = or_null (job->c);
        move.routed_to = or_null (job->d);
        move.result = or_null (job->e);
        if (!ld_petition_repository_move (vault, job->id, &move, error))
          return NULL;
      }
      break;
    case CHANGE_ACCEPT_NOTICE:
      if (!ld_petition_repository_set_accept_notice (vault, job->id, job->a, error))
        return NULL;
      break;
    case CHANGE_FEEDBACK:
      if (!ld_petition_repository_set_feedback (vault, job->id, job->a, job->b, or_null (job->c), error))
        return NULL;
      break;
    case CHANGE_MARK_REPEAT:
      {
        LdPetitionFilter filter = { 0 };
        g_autoptr(GPtrArray) found = NULL;
        gint64 first_id = 0;

        filter.text = job->a;
        found = ld_petition_repository_list (vault, &filter, error);
        if (found == NULL)
          return NULL;
        for (guint i = 0; i < found->len && first_id == 0; i++)
          if (g_strcmp0 (ld_petition_get_reg_no (g_ptr_array_index (found, i)), job->a) == 0)
            first_id = ld_petition_get_id (g_ptr_array_index (found, i));
        if (first_id == 0)
          {
            g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                         _("No petition in your units has the registration number “%s”."), job->a);
            return NULL;
          }
        if (!ld_petition_repository_mark_repeat (vault, job->id, first_id, error))
          return NULL;
      }
      break;
    case CHANGE_CREATE_CLUE:
      if (!ld_clue_repository_create_from_petition (vault, job->id, NULL, &result, error))
        return NULL;
      break;
    case CHANGE_RETIRE:
      if (!ld_petition_repository_retire (vault, job->id, job->a, error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  return g_memdup2 (&result, sizeof result);
}

static void
change_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  ChangeContext *context = user_data;
  g_autoptr(LdPetitionsPage) self = context->self;
  g_autofree char *done = context->done;
  ChangeKind kind = context->kind;
  gint64 id = context->id;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *result = NULL;

  g_free (context);
  result = ld_vault_run_finish (LD_VAULT (object), res, &error);
  if (ld_error_is_cancelled (error))
    return;

  if (result == NULL)
    {
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The change could not be made."));
      return;
    }

  if (done != NULL)
    ld_page_show_toast (LD_PAGE (self), done);

  if (kind == CHANGE_RETIRE)
    load_detail (self, 0);
  else
    load_detail (self, id);
  load_list (self);

  if (kind == CHANGE_CREATE_CLUE)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", "clue", *result);
}

static void
run_change (LdPetitionsPage *self,
            ChangeJob       *job,
            const char      *done)
{
  ChangeContext *context = g_new0 (ChangeContext, 1);

  context->self = g_object_ref (self);
  context->kind = job->kind;
  context->id = job->id;
  context->done = g_strdup (done);
  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)), change_worker, job, change_job_free, g_free,
                      ld_page_get_cancellable (LD_PAGE (self)), change_cb, context);
}

/* --- Small forms in message dialogs --------------------------------------- */

static GtkWindow *
parent_window (LdPetitionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

typedef struct
{
  LdPetitionsPage *self;
  ChangeKind       kind;
  gint64           id;
  char            *status;
  char            *done;
  GPtrArray       *fields;      /* GtkWidget: GtkEntry or GtkDropDown, in order a..e */
  GPtrArray       *codes;       /* per drop-down: const char * const * codes (borrowed) */
  GPtrArray       *required;    /* GINT_TO_POINTER: whether the field must be filled */
} FormRequest;

static void
form_request_free (gpointer  data,
                   GClosure *closure)
{
  FormRequest *request = data;

  g_clear_object (&request->self);
  g_free (request->status);
  g_free (request->done);
  g_ptr_array_unref (request->fields);
  g_ptr_array_unref (request->codes);
  g_ptr_array_unref (request->required);
  g_free (request);
}

static char *
field_value (FormRequest *request,
             guint        i)
{
  GtkWidget *widget = g_ptr_array_index (request->fields, i);

  if (GTK_IS_DROP_DOWN (widget))
    {
      GPtrArray *codes = g_ptr_array_index (request->codes, i);
      guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));

      return codes != NULL && pos < codes->len ? g_strdup (g_ptr_array_index (codes, pos)) : NULL;
    }

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
}

static void
on_form_field_changed_cb (GtkWidget        *widget,
                          AdwMessageDialog *dialog)
{
  FormRequest *request = g_object_get_data (G_OBJECT (dialog), "ld-request");
  gboolean ok = TRUE;

  for (guint i = 0; request != NULL && i < request->fields->len; i++)
    if (GPOINTER_TO_INT (g_ptr_array_index (request->required, i)))
      {
        g_autofree char *value = field_value (request, i);

        ok = ok && value != NULL && *value != '\0';
      }

  adw_message_dialog_set_response_enabled (dialog, "ok", ok);
}

static void
on_form_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FormRequest      *request)
{
  ChangeJob *job;
  char **slots[5];

  if (g_strcmp0 (response, "ok") != 0)
    return;

  job = g_new0 (ChangeJob, 1);
  job->kind = request->kind;
  job->id = request->id;
  slots[0] = &job->a;
  slots[1] = &job->b;
  slots[2] = &job->c;
  slots[3] = &job->d;
  slots[4] = &job->e;

  /* A move carries its status first; its fields follow. */
  {
    guint offset = 0;

    if (request->kind == CHANGE_MOVE)
      {
        job->a = g_strdup (request->status);
        offset = 1;
      }
    for (guint i = 0; i < request->fields->len && i + offset < G_N_ELEMENTS (slots); i++)
      *slots[i + offset] = field_value (request, i);
  }

  run_change (request->self, job, request->done);
}

static FormRequest *
form_new (LdPetitionsPage *self,
          ChangeKind       kind,
          const char      *done)
{
  FormRequest *request = g_new0 (FormRequest, 1);

  request->self = g_object_ref (self);
  request->kind = kind;
  request->id = ld_petition_get_id (self->shown);
  request->done = g_strdup (done);
  request->fields = g_ptr_array_new ();
  request->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  request->required = g_ptr_array_new ();

  return request;
}

/* A small caption above a field: placeholders vanish once there is text. */
static void
form_add_caption (GtkBox     *box,
                  const char *label,
                  GtkWidget  *field)
{
  GtkWidget *caption = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), field);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  if (gtk_widget_get_first_child (GTK_WIDGET (box)) != NULL)
    gtk_widget_set_margin_top (caption, 6);
  gtk_box_append (box, caption);
  g_object_set_data (G_OBJECT (field), "ld-caption", caption);
}

static void
form_add_entry (FormRequest *request,
                GtkBox      *box,
                const char  *label,
                const char  *text,
                gboolean     required)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  form_add_caption (box, label, entry);
  gtk_box_append (box, entry);
  g_ptr_array_add (request->fields, entry);
  g_ptr_array_add (request->codes, g_ptr_array_new ());
  g_ptr_array_add (request->required, GINT_TO_POINTER (required));
}

static void
form_add_codes (FormRequest *request,
                GtkBox      *box,
                const char  *label,
                const char  *table,
                const char  *skip)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new ();
  const LdCode *table_codes;
  GtkWidget *dropdown;
  guint n = 0;

  table_codes = ld_code_table_get (table, &n);
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (table_codes[i].code, skip) == 0)
        continue;
      g_ptr_array_add (codes, (gpointer) table_codes[i].code);
      gtk_string_list_append (list, table_codes[i].label);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (list), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  form_add_caption (box, label, dropdown);
  gtk_box_append (box, dropdown);
  g_ptr_array_add (request->fields, dropdown);
  g_ptr_array_add (request->codes, codes);
  g_ptr_array_add (request->required, GINT_TO_POINTER (TRUE));
}

static void
form_present (LdPetitionsPage *self,
              FormRequest     *request,
              GtkWidget       *box,
              const char      *heading,
              const char      *body,
              const char      *ok_label,
              gboolean         destructive)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  if (box != NULL)
    adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                                        : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "ld-request", request);
  for (guint i = 0; i < request->fields->len; i++)
    {
      GtkWidget *field = g_ptr_array_index (request->fields, i);

      if (GTK_IS_DROP_DOWN (field))
        g_signal_connect_object (field, "notify::selected", G_CALLBACK (on_form_field_changed_cb), dialog, 0);
      else
        g_signal_connect_object (field, "changed", G_CALLBACK (on_form_field_changed_cb), dialog, 0);
    }
  on_form_field_changed_cb (NULL, dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_form_response_cb), request, form_request_free, 0);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
  if (request->fields->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (request->fields, 0));
}

static GtkBox *
form_box (void)
{
  return GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
}

/* --- Actions --------------------------------------------------------------- */

static void
on_petition_saved_cb (LdPetitionsPage *self,
                      gint64           id)
{
  ld_page_show_toast (LD_PAGE (self), _("Petition saved"));
  self->pending_id = id;
  load_detail (self, id);
  load_list (self);
}

static void
open_dialog (LdPetitionsPage *self,
             LdPetition      *petition)
{
  LdPetitionDialog *dialog = ld_petition_dialog_new (ld_page_get_vault (LD_PAGE (self)), petition);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_petition_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);

  if (can_write (self))
    open_dialog (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);

  if (shown_writable (self))
    open_dialog (self, self->shown);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  const char *status = g_variant_get_string (param, NULL);
  const char *label = ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, status);
  g_autofree char *heading = NULL;
  g_autofree char *today = today_text ();
  g_autoptr(GError) error = NULL;
  FormRequest *request;
  GtkBox *box = form_box ();
  const char *body = NULL;

  if (!shown_writable (self))
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      return;
    }
  if (!ld_petition_status_can_move (ld_petition_get_status (self->shown), status, &error))
    {
      ld_page_show_toast (LD_PAGE (self), error->message);
      g_object_ref_sink (box);
      g_object_unref (box);
      return;
    }

  /* Translators: %s is the status a petition moves to */
  heading = g_strdup_printf (_("Move to “%s”?"), label != NULL ? label : status);
  request = form_new (self, CHANGE_MOVE, _("Status changed"));
  request->status = g_strdup (status);

  if (g_strcmp0 (status, "accepted") == 0)
    {
      body = ld_petition_get_real_name (self->shown)
             ? _("A real-name reporter gets an acceptance notice within 15 working days. Give the day it was sent, if it was.")
             : _("The report is accepted for handling here.");
      form_add_entry (request, box, _("Acceptance notice sent (YYYY-MM-DD, optional)"),
                      ld_petition_get_real_name (self->shown) ? today : "", FALSE);
    }
  else if (g_strcmp0 (status, "routed") == 0)
    {
      body = _("Forward the report to the level that handles it, within 5 working days of receipt.");
      form_add_entry (request, box, _("Routed on (YYYY-MM-DD)"), today, TRUE);
      form_add_codes (request, box, _("Direction"), LD_CODE_TABLE_ROUTING, "local");
      form_add_entry (request, box, _("Forwarded to"), ld_petition_get_routed_to (self->shown), TRUE);
    }
  else if (g_strcmp0 (status, "closed") == 0)
    {
      body = _("Give the closing date and the result. A real-name reporter gets the feedback within 15 working days.");
      form_add_entry (request, box, _("Closed on (YYYY-MM-DD)"), today, TRUE);
      /* b = date; routing and routed_to stay empty; the result is e. */
      form_add_entry (request, box, _("Routing (unused)"), "", FALSE);
      form_add_entry (request, box, _("Forwarded to (unused)"), "", FALSE);
      for (guint i = 1; i <= 2; i++)
        {
          GtkWidget *field = g_ptr_array_index (request->fields, i);

          gtk_widget_set_visible (field, FALSE);
          gtk_widget_set_visible (g_object_get_data (G_OBJECT (field), "ld-caption"), FALSE);
        }
      form_add_codes (request, box, _("Result"), LD_CODE_TABLE_CLUE_RESULT, NULL);
    }
  else if (g_strcmp0 (status, "filed") == 0)
    body = _("The report is filed: a repeat or without substance. It needs no further handling.");
  else
    body = _("The report is not accepted. It needs no further handling.");

  form_present (self, request, GTK_WIDGET (box), heading, body, _("_Move"), FALSE);
}

static void
feedback_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  g_autofree char *today = today_text ();
  FormRequest *request;
  GtkBox *box;

  if (!shown_writable (self))
    return;

  box = form_box ();
  request = form_new (self, CHANGE_FEEDBACK, _("Feedback recorded"));
  form_add_entry (request, box, _("Feedback given on (YYYY-MM-DD)"), today, TRUE);
  form_add_entry (request, box, _("How (phone, letter, in person)"), ld_petition_get_feedback_mode (self->shown), TRUE);
  form_add_entry (request, box, _("The reporter's objection, if any"), ld_petition_get_objection_note (self->shown), FALSE);
  form_present (self, request, GTK_WIDGET (box), _("Record the Feedback"),
                _("The result was fed back to the real-name reporter."), _("_Record"), FALSE);
}

static void
accept_notice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  g_autofree char *today = today_text ();
  const char *date;
  FormRequest *request;
  GtkBox *box;

  if (!shown_writable (self))
    return;

  date = ld_petition_get_accept_notice_date (self->shown);
  box = form_box ();
  request = form_new (self, CHANGE_ACCEPT_NOTICE, _("Acceptance notice recorded"));
  form_add_entry (request, box, _("Notice sent on (YYYY-MM-DD)"), *date != '\0' ? date : today, TRUE);
  form_present (self, request, GTK_WIDGET (box), _("Record the Acceptance Notice"),
                _("The real-name reporter was told that the report is accepted."), _("_Record"), FALSE);
}

static void
mark_repeat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  FormRequest *request;
  GtkBox *box;

  if (!shown_writable (self))
    return;

  box = form_box ();
  request = form_new (self, CHANGE_MARK_REPEAT, _("Marked as a repeat"));
  form_add_entry (request, box, _("Registration number of the first report (e.g. 2026-0003)"), "", TRUE);
  form_present (self, request, GTK_WIDGET (box), _("Mark as a Repeat?"),
                _("The report is linked to the first report of the same matter and filed."), _("_Mark"), FALSE);
}

static void
create_clue_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  FormRequest *request;

  if (!shown_writable (self))
    return;

  request = form_new (self, CHANGE_CREATE_CLUE, _("Clue created"));
  form_present (self, request, NULL, _("Create a Clue?"),
                _("A problem clue is registered from this report with its persons, unit and categories; a registered report is accepted at the same time."),
                _("C_reate"), FALSE);
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  g_autofree char *body = NULL;
  FormRequest *request;
  GtkBox *box;

  if (!shown_writable (self))
    return;

  /* Translators: %s is a petition's registration number */
  body = g_strdup_printf (_("Petition %s leaves the list but stays in the vault with its history. Give the reason."),
                          ld_petition_get_reg_no (self->shown));
  box = form_box ();
  request = form_new (self, CHANGE_RETIRE, _("Petition retired"));
  form_add_entry (request, box, _("Reason (required)"), "", TRUE);
  form_present (self, request, GTK_WIDGET (box), _("Retire the Petition?"), body, _("_Retire"), TRUE);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  LdRevealDialog *dialog;

  if (self->shown == NULL || !can_reveal (self))
    return;

  dialog = ld_reveal_dialog_new (ld_page_get_vault (LD_PAGE (self)), ld_petition_get_id (self->shown),
                                 ld_petition_get_reg_no (self->shown));
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_reporter_saved_cb (LdPetitionsPage *self,
                      gint64           id)
{
  ld_page_show_toast (LD_PAGE (self), _("Reporter corrected"));
  load_detail (self, id);
  load_list (self);
}

static void
correct_reporter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  LdReporterDialog *dialog;

  if (!shown_writable (self))
    return;

  dialog = ld_reporter_dialog_new (ld_page_get_vault (LD_PAGE (self)), ld_petition_get_id (self->shown),
                                   ld_petition_get_reg_no (self->shown), ld_petition_get_real_name (self->shown));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_reporter_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LD_PETITIONS_PAGE (widget)->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->channel_dropdown, 0);
  gtk_drop_down_set_selected (self->repeats_dropdown, 0);
  ld_unit_picker_set_selected_id (self->unit_picker, 0);
  self->filling = FALSE;
  load_list (self);
}

/* Export… (Ctrl+Shift+E; Ctrl+E edits): the petition ledger of the unit and
 * the year the filters show. The dialog asks for the purpose and the file,
 * or says why the account may not export. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  LdPetitionsPage *self = LD_PETITIONS_PAGE (widget);
  g_autoptr(LdExportRequest) request = ld_export_request_new (LD_EXPORT_PETITIONS);
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
ld_petitions_page_refresh (LdPage *page)
{
  LdPetitionsPage *self = LD_PETITIONS_PAGE (page);

  if (!self->units_loaded)
    ld_vault_run_async (ld_page_get_vault (page), units_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        ld_page_get_cancellable (page), units_cb, g_object_ref (self));
  load_list (self);
  if (self->shown != NULL)
    load_detail (self, ld_petition_get_id (self->shown));
}

static void
ld_petitions_page_constructed (GObject *object)
{
  LdPetitionsPage *self = (LdPetitionsPage *)object;

  G_OBJECT_CLASS (ld_petitions_page_parent_class)->constructed (object);

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
ld_petitions_page_dispose (GObject *object)
{
  LdPetitionsPage *self = (LdPetitionsPage *)object;

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_PETITIONS_PAGE);

  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ld_petitions_page_parent_class)->dispose (object);
}

static void
ld_petitions_page_finalize (GObject *object)
{
  LdPetitionsPage *self = (LdPetitionsPage *)object;

  g_clear_pointer (&self->status_codes, g_ptr_array_unref);
  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->channel_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_petitions_page_parent_class)->finalize (object);
}

static void
ld_petitions_page_class_init (LdPetitionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_petitions_page_constructed;
  object_class->dispose = ld_petitions_page_dispose;
  object_class->finalize = ld_petitions_page_finalize;
  page_class->refresh = ld_petitions_page_refresh;

  g_type_ensure (LD_TYPE_UNIT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-petitions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, kind_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, channel_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, repeats_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, repeats_list);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, unit_picker);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, LdPetitionsPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "petitions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "petitions.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "petitions.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "petitions.accept-notice", NULL, accept_notice_action);
  gtk_widget_class_install_action (widget_class, "petitions.feedback", NULL, feedback_action);
  gtk_widget_class_install_action (widget_class, "petitions.mark-repeat", NULL, mark_repeat_action);
  gtk_widget_class_install_action (widget_class, "petitions.create-clue", NULL, create_clue_action);
  gtk_widget_class_install_action (widget_class, "petitions.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "petitions.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "petitions.correct-reporter", NULL, correct_reporter_action);
  gtk_widget_class_install_action (widget_class, "petitions.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "petitions.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "petitions.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "petitions.export", NULL, export_action);
}

static void
ld_petitions_page_init (LdPetitionsPage *self)
{
  self->store = g_list_store_new (LD_TYPE_PETITION);
  self->status_codes = g_ptr_array_new ();
  self->kind_codes = g_ptr_array_new ();
  self->channel_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
#ifndef LD_UI_HAVE_EXPORT_DIALOG
  /* This build has no export dialog. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "petitions.export", FALSE);
#endif
}

LdPetitionsPage *
ld_petitions_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_PETITIONS_PAGE,
                       "vault", vault,
                       "title", _("Petitions"),
                       "icon-name", "mail-unread-symbolic",
                       NULL);
}

void
ld_petitions_page_show_record (LdPetitionsPage *self,
                               gint64           id)
{
  g_return_if_fail (LD_IS_PETITIONS_PAGE (self));
  g_return_if_fail (id > 0);

  self->pending_id = self->list_loading ? id : 0;
  select_id (self, id);
  load_detail (self, id);
}

GListModel *
ld_petitions_page_get_model (LdPetitionsPage *self)
{
  g_return_val_if_fail (LD_IS_PETITIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_petitions_page_get_loading (LdPetitionsPage *self)
{
  g_return_val_if_fail (LD_IS_PETITIONS_PAGE (self), FALSE);

  return self->list_loading || self->detail_loading || !self->list_loaded;
}

gint64
ld_petitions_page_get_shown_id (LdPetitionsPage *self)
{
  g_return_val_if_fail (LD_IS_PETITIONS_PAGE (self), 0);

  return self->shown != NULL ? ld_petition_get_id (self->shown) : 0;
}

const char *
ld_petitions_page_get_shown_status (LdPetitionsPage *self)
{
  g_return_val_if_fail (LD_IS_PETITIONS_PAGE (self), NULL);

  return self->shown != NULL ? ld_petition_get_status (self->shown) : NULL;
}
