/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-units-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-units-page.h"

#ifdef LD_UI_HAVE_EXPORT_DIALOG
#include "dialogs/ld-export-dialog.h"
#endif
#include "dialogs/ld-import-dialog.h"
#include "dialogs/ld-unit-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-unit-node.h"
#include "widgets/ld-unit-picker.h"

struct _LdUnitsPage
{
  LdPage              parent_instance;

  /* Template Widgets */
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;

  /* Owned References */
  GListStore         *roots;       /* LdUnitNode */
  GHashTable         *nodes;       /* gint64 id → LdUnitNode (borrowed from the tree) */
  GPtrArray          *units;       /* LdUnit, tree order, as last loaded */
  char               *last_error;

  gint64              reselect;
  guint               show_retired : 1;
};

G_DEFINE_FINAL_TYPE (LdUnitsPage, ld_units_page, LD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SHOW_RETIRED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A unit job on the vault worker: plain copies, no widget. */
typedef struct
{
  gint64    id;
  gint64    other_id;
  char     *text;
  char     *name;
  gboolean  flag;
} UnitsJob;

static void
units_job_free (gpointer data)
{
  UnitsJob *job = data;

  g_free (job->text);
  g_free (job->name);
  g_free (job);
}

typedef struct
{
  GPtrArray *units;     /* LdUnit */
  GArray    *counts;    /* gint64 per unit, -1 = not counted */
  gboolean   has_scope;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->units, g_ptr_array_unref);
  g_clear_pointer (&result->counts, g_array_unref);
  g_free (result);
}

static LdUnitNode *
get_selected_node (LdUnitsPage *self)
{
  GtkTreeListRow *row;

  if (self->selection == NULL)
    return NULL;

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;

  return LD_UNIT_NODE (gtk_tree_list_row_get_item (row));
}

/* A new reference to the selected unit, or NULL. */
static LdUnit *
dup_selected_unit (LdUnitsPage *self)
{
  g_autoptr(LdUnitNode) node = get_selected_node (self);

  if (node == NULL)
    return NULL;

  return g_object_ref (ld_unit_node_get_unit (node));
}

static gboolean
can_write (LdUnitsPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

/* The one place that decides which units.* actions are enabled. */
static void
update_actions (LdUnitsPage *self)
{
  g_autoptr(LdUnit) unit = NULL;
  gboolean busy = ld_page_get_busy (LD_PAGE (self));
  gboolean write = can_write (self);
  gboolean active;

  /* Template children are gone once disposed. */
  if (self->selection == NULL)
    return;

  unit = dup_selected_unit (self);
  active = unit != NULL && ld_unit_get_retired_at (unit) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.new", !busy && write && (unit == NULL || active));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.edit", !busy && write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.move", !busy && write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.merge", !busy && write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.retire", !busy && write && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.import", !busy && write && active);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "units.export", !busy && unit != NULL);
#endif

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
on_selection_changed_cb (LdUnitsPage        *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  update_actions (self);
}

static void
on_activate_cb (LdUnitsPage   *self,
                guint          position,
                GtkColumnView *column_view)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "units.edit", NULL);
}

static char *
format_unit_name (gpointer    item,
                  const char *name,
                  gint64      retired_at)
{
  if (name == NULL)
    return NULL;

  if (retired_at != 0)
    /* Translators: a unit in the tree that was retired or merged; %s is its name. */
    return g_strdup_printf (_("%s (retired)"), name);

  return g_strdup (name);
}

static char *
format_supervisor (gpointer    item,
                   const char *kind,
                   const char *name)
{
  const char *label = kind != NULL && kind[0] != '\0' ? ld_unit_supervisor_kind_get_label (kind) : "";

  if (name != NULL && name[0] != '\0' && label[0] != '\0')
    /* Translators: a unit's supervisor: its kind, then its name. */
    return g_strdup_printf (_("%s: %s"), label, name);
  if (name != NULL && name[0] != '\0')
    return g_strdup (name);

  return g_strdup (label);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  GListModel *children = ld_unit_node_get_children (LD_UNIT_NODE (item));

  if (g_list_model_get_n_items (children) == 0)
    return NULL;

  return g_object_ref (children);
}

/* The position of the unit's row in the (expanded) tree, or
 * GTK_INVALID_LIST_POSITION. */
static guint
find_position (LdUnitsPage *self,
               gint64       unit_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(LdUnitNode) node = gtk_tree_list_row_get_item (row);

      if (ld_unit_node_get_id (node) == unit_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
show_refusal (LdUnitsPage *self,
              const char  *heading,
              const char  *message)
{
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  ld_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

/* Loading ------------------------------------------------------------------ */

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  UnitsJob *job = data;
  g_autoptr(GPtrArray) units = NULL;
  LoadResult *result;

  units = ld_unit_repository_list (vault, job->flag, error);
  if (units == NULL)
    return NULL;

  result = g_new0 (LoadResult, 1);
  result->counts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), units->len);

  for (guint i = 0; i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      LdCadreFilter filter = { .unit_id = ld_unit_get_id (unit) };
      g_autoptr(GError) local_error = NULL;
      gint64 count = -1;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (ld_unit_get_retired_at (unit) != 0)
        count = 0;
      else if (!ld_cadre_repository_count (vault, &filter, &count, &local_error))
        {
          g_debug ("Counting the cadres of unit %" G_GINT64_FORMAT ": %s",
                   ld_unit_get_id (unit), local_error->message);
          count = -1;
        }

      g_array_append_val (result->counts, count);
    }
  g_array_set_size (result->counts, units->len);

  /* An empty tree: is it empty, or is nothing granted? */
  result->has_scope = TRUE;
  if (units->len == 0 && job->name != NULL)
    {
      g_autoptr(GArray) scopes = ld_scope_list (vault, job->name, NULL);

      result->has_scope = scopes != NULL && scopes->len > 0;
    }

  result->units = g_steal_pointer (&units);

  return result;
}

static void
fill_tree (LdUnitsPage *self,
           LoadResult  *result)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_hash_table_remove_all (self->nodes);

  for (guint i = 0; i < result->units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (result->units, i);
      gint64 count = g_array_index (result->counts, gint64, i);
      guint depth = (guint) MAX (0, ld_unit_get_depth (unit));
      LdUnitNode *node = ld_unit_node_new (unit, count);

      if (depth > stack->len)
        depth = stack->len;
      g_ptr_array_set_size (stack, depth);

      if (depth == 0)
        g_ptr_array_add (roots, g_object_ref (node));
      else
        ld_unit_node_append_child (g_ptr_array_index (stack, depth - 1), node);

      g_ptr_array_add (stack, node);
      g_hash_table_insert (self->nodes, g_memdup2 (&(gint64) { ld_unit_get_id (unit) }, sizeof (gint64)), node);
      /* The tree keeps the node alive. */
      g_object_unref (node);
    }

  g_list_store_splice (self->roots, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       roots->pdata, roots->len);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdUnitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;
  guint position;

  loaded = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&loaded, load_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (loaded == NULL)
    {
      g_hash_table_remove_all (self->nodes);
      g_list_store_remove_all (self->roots);
      g_clear_pointer (&self->units, g_ptr_array_unref);
      adw_status_page_set_description (self->error_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      update_actions (self);
      return;
    }

  fill_tree (self, loaded);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  self->units = g_ptr_array_ref (loaded->units);

  if (loaded->units->len > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->content_stack, loaded->has_scope ? "empty" : "no-scope");

  if (self->reselect != 0 &&
      (position = find_position (self, self->reselect)) != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  self->reselect = 0;

  load_result_free (loaded);
  update_actions (self);
}

static void
ld_units_page_refresh (LdPage *page)
{
  LdUnitsPage *self = LD_UNITS_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);
  const LdSession *session = ld_vault_get_session (vault);
  g_autoptr(LdUnitNode) node = get_selected_node (self);
  UnitsJob *job;

  if (node != NULL && self->reselect == 0)
    self->reselect = ld_unit_node_get_id (node);

  job = g_new0 (UnitsJob, 1);
  job->flag = self->show_retired;
  job->name = session != NULL ? g_strdup (session->name) : NULL;

  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (vault,
                      load_worker,
                      job, units_job_free,
                      load_result_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* Writes ------------------------------------------------------------------- */

/* job->flag: 0 move, 1 merge, 2 retire. */
static gpointer
write_worker (LdVault       *vault,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  UnitsJob *job = data;
  gboolean ok;

  switch (job->flag)
    {
    case 0:
      ok = ld_unit_repository_move (vault, job->id, job->other_id, error);
      break;

    case 1:
      ok = ld_unit_repository_merge (vault, job->id, job->other_id, error);
      break;

    default:
      ok = ld_unit_repository_retire (vault, job->id, job->text, error);
      break;
    }

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* Runs a move (kind 0), merge (1) or retire (2) on the worker. */
typedef struct
{
  LdUnitsPage *self;
  char        *heading;
  char        *done;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *wd = data;

  g_clear_object (&wd->self);
  g_free (wd->heading);
  g_free (wd->done);
  g_free (wd);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteData *wd = user_data;
  LdUnitsPage *self = wd->self;
  g_autoptr(GError) error = NULL;

  ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (!ld_error_is_cancelled (error) && !g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      ld_page_set_busy (LD_PAGE (self), FALSE);

      if (error != NULL)
        show_refusal (self, wd->heading, error->message);
      else
        ld_page_show_toast (LD_PAGE (self), wd->done);

      ld_page_refresh (LD_PAGE (self));
    }

  write_data_free (wd);
}

static void
run_write (LdUnitsPage *self,
           UnitsJob    *job,
           const char  *heading,
           const char  *done)
{
  WriteData *wd = g_new0 (WriteData, 1);

  wd->self = g_object_ref (self);
  wd->heading = g_strdup (heading);
  wd->done = g_strdup (done);

  self->reselect = job->flag == 1 ? job->other_id : job->id;
  ld_page_set_busy (LD_PAGE (self), TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (LD_PAGE (self)),
                      write_worker,
                      job, units_job_free,
                      NULL,
                      ld_page_get_cancellable (LD_PAGE (self)),
                      write_done_cb,
                      wd);
}

/* Actions ------------------------------------------------------------------ */

static void
on_unit_saved_cb (LdUnitsPage  *self,
                  gint64        unit_id,
                  const char   *message,
                  LdUnitDialog *dialog)
{
  self->reselect = unit_id;

  if (message != NULL)
    ld_page_show_toast (LD_PAGE (self), message);

  ld_page_refresh (LD_PAGE (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) parent = dup_selected_unit (self);
  LdUnitDialog *dialog;

  if (parent != NULL && ld_unit_get_retired_at (parent) != 0)
    g_clear_object (&parent);

  dialog = ld_unit_dialog_new (ld_page_get_vault (LD_PAGE (self)),
                               NULL,
                               parent != NULL ? ld_unit_get_id (parent) : 0,
                               parent != NULL ? ld_unit_get_name (parent) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_unit_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  LdUnitDialog *dialog;

  if (unit == NULL || ld_unit_get_retired_at (unit) != 0)
    return;

  dialog = ld_unit_dialog_new (ld_page_get_vault (LD_PAGE (self)), unit, 0, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_unit_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_move_response_cb (LdUnitsPage      *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  LdUnitPicker *picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (dialog));
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "unit-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "unit-name");
  g_autofree char *done = NULL;
  UnitsJob *job;

  if (g_strcmp0 (response, "move") != 0 || ld_unit_picker_get_selected_id (picker) < 0)
    return;

  job = g_new0 (UnitsJob, 1);
  job->id = unit_id;
  job->other_id = ld_unit_picker_get_selected_id (picker);
  job->flag = 0;

  /* Translators: %s is a unit name. */
  done = g_strdup_printf (_("Unit “%s” moved"), name);
  run_write (self, job, _("The Unit Could Not Be Moved"), done);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  LdUnitPicker *picker;

  if (unit == NULL || ld_unit_get_retired_at (unit) != 0)
    return;

  /* Translators: %s is a unit name. */
  heading = g_strdup_printf (_("Move “%s”"), ld_unit_get_name (unit));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading,
                                                       _("Choose the unit it goes below. Its cadres and the units below it move with it.")));
  picker = ld_unit_picker_new ();
  ld_unit_picker_set_units (picker, self->units, _("Top of the tree"), ld_unit_get_id (unit));
  ld_unit_picker_set_selected_id (picker, ld_unit_get_parent_id (unit));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (picker));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "unit-id", GSIZE_TO_POINTER ((gsize) ld_unit_get_id (unit)));
  g_object_set_data_full (G_OBJECT (dialog), "unit-name", g_strdup (ld_unit_get_name (unit)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_merge_response_cb (LdUnitsPage      *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  LdUnitPicker *picker = LD_UNIT_PICKER (adw_message_dialog_get_extra_child (dialog));
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "unit-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "unit-name");
  g_autofree char *done = NULL;
  UnitsJob *job;

  if (g_strcmp0 (response, "merge") != 0 || ld_unit_picker_get_selected_id (picker) <= 0)
    return;

  job = g_new0 (UnitsJob, 1);
  job->id = unit_id;
  job->other_id = ld_unit_picker_get_selected_id (picker);
  job->flag = 1;

  /* Translators: %s is a unit name. */
  done = g_strdup_printf (_("Unit “%s” merged"), name);
  run_write (self, job, _("The Units Could Not Be Merged"), done);
}

static void
on_merge_target_changed_cb (AdwMessageDialog *dialog,
                            GParamSpec       *pspec,
                            LdUnitPicker     *picker)
{
  adw_message_dialog_set_response_enabled (dialog, "merge", ld_unit_picker_get_selected_id (picker) > 0);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  LdUnitPicker *picker;

  if (unit == NULL || ld_unit_get_retired_at (unit) != 0)
    return;

  /* Translators: %s is a unit name. */
  heading = g_strdup_printf (_("Merge “%s” Into Another Unit?"), ld_unit_get_name (unit));
  /* Translators: %s is a unit name. */
  body = g_strdup_printf (_("Its cadres and the units below it move to the unit you choose, and “%s” is retired as merged. "
                            "Scopes granted on it then cover nothing: the security administrator decides who sees the "
                            "target. This cannot be undone."),
                          ld_unit_get_name (unit));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, body));
  picker = ld_unit_picker_new ();
  ld_unit_picker_set_units (picker, self->units, NULL, ld_unit_get_id (unit));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (picker));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "merge", ld_unit_picker_get_selected_id (picker) > 0);
  g_signal_connect_object (picker, "notify::selected-id", G_CALLBACK (on_merge_target_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (dialog), "unit-id", GSIZE_TO_POINTER ((gsize) ld_unit_get_id (unit)));
  g_object_set_data_full (G_OBJECT (dialog), "unit-name", g_strdup (ld_unit_get_name (unit)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_retire_response_cb (LdUnitsPage      *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 unit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "unit-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "unit-name");
  g_autofree char *done = NULL;
  UnitsJob *job;

  if (g_strcmp0 (response, "retire") != 0)
    return;

  job = g_new0 (UnitsJob, 1);
  job->id = unit_id;
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  job->flag = 2;

  /* Translators: %s is a unit name. */
  done = g_strdup_printf (_("Unit “%s” retired"), name);
  run_write (self, job, _("The Unit Could Not Be Retired"), done);
}

static void
on_reason_changed_cb (AdwMessageDialog *dialog,
                      GtkEditable      *entry)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "retire", reason[0] != '\0');
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (unit == NULL || ld_unit_get_retired_at (unit) != 0)
    return;

  /* Translators: %s is a unit name. */
  heading = g_strdup_printf (_("Retire “%s”?"), ld_unit_get_name (unit));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading,
                                                       _("A retired unit stays in the records but takes no new cadres. "
                                                         "A unit can be retired only when no active cadres or units remain in it. "
                                                         "Give the reason.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, for example “abolished in the 2024 reform”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "retire", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (dialog), "unit-id", GSIZE_TO_POINTER ((gsize) ld_unit_get_id (unit)));
  g_object_set_data_full (G_OBJECT (dialog), "unit-name", g_strdup (ld_unit_get_name (unit)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_imported_cb (LdUnitsPage    *self,
                gint64          n_created,
                gint64          n_updated,
                LdImportDialog *dialog)
{
  ld_page_refresh (LD_PAGE (self));
  ld_page_emit_changed (LD_PAGE (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  LdImportDialog *dialog;

  if (unit == NULL || ld_unit_get_retired_at (unit) != 0)
    return;

  dialog = ld_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 ld_page_get_vault (LD_PAGE (self)),
                                 ld_unit_get_id (unit));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

#ifdef LD_UI_HAVE_EXPORT_DIALOG
/* The cadre files of the selected unit and the units below it, one
 * workbook per cadre into a folder. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdUnitsPage *self = LD_UNITS_PAGE (widget);
  g_autoptr(LdUnit) unit = dup_selected_unit (self);
  g_autoptr(LdExportRequest) request = NULL;

  if (unit == NULL)
    return;

  request = ld_export_request_new (LD_EXPORT_CADRES);
  request->unit_id = ld_unit_get_id (unit);
  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
}
#endif

/* GObject ------------------------------------------------------------------ */

static void
ld_units_page_constructed (GObject *object)
{
  LdUnitsPage *self = (LdUnitsPage *)object;

  G_OBJECT_CLASS (ld_units_page_parent_class)->constructed (object);

  ld_page_refresh (LD_PAGE (self));
}

static void
ld_units_page_dispose (GObject *object)
{
  LdUnitsPage *self = (LdUnitsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_UNITS_PAGE);

  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->units, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_units_page_parent_class)->dispose (object);
}

static void
ld_units_page_finalize (GObject *object)
{
  LdUnitsPage *self = (LdUnitsPage *)object;

  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (ld_units_page_parent_class)->finalize (object);
}

static void
ld_units_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LdUnitsPage *self = LD_UNITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_RETIRED:
      g_value_set_boolean (value, ld_units_page_get_show_retired (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_units_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LdUnitsPage *self = LD_UNITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_RETIRED:
      ld_units_page_set_show_retired (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_units_page_class_init (LdUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_units_page_constructed;
  object_class->dispose = ld_units_page_dispose;
  object_class->finalize = ld_units_page_finalize;
  object_class->get_property = ld_units_page_get_property;
  object_class->set_property = ld_units_page_set_property;

  page_class->refresh = ld_units_page_refresh;

  properties [PROP_SHOW_RETIRED] =
    g_param_spec_boolean ("show-retired", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LD_TYPE_UNIT);
  g_type_ensure (LD_TYPE_UNIT_NODE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdUnitsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdUnitsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdUnitsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdUnitsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdUnitsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_unit_name);
  gtk_widget_class_bind_template_callback (widget_class, format_supervisor);

  gtk_widget_class_install_action (widget_class, "units.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "units.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "units.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "units.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "units.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "units.import", NULL, import_action);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  gtk_widget_class_install_action (widget_class, "units.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "units.export", NULL);
#endif
  gtk_widget_class_install_property_action (widget_class, "units.show-retired", "show-retired");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "units.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "units.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "units.retire", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "units.retire", NULL);
}

static void
ld_units_page_init (LdUnitsPage *self)
{
  GtkTreeListModel *tree;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->roots = g_list_store_new (LD_TYPE_UNIT_NODE);

  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)),
                                  FALSE, TRUE,
                                  create_child_model, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  g_object_unref (tree);
}

LdUnitsPage *
ld_units_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_UNITS_PAGE,
                       "vault", vault,
                       "title", _("Units"),
                       "icon-name", "network-workgroup-symbolic",
                       NULL);
}

gboolean
ld_units_page_get_show_retired (LdUnitsPage *self)
{
  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), FALSE);

  return self->show_retired;
}

void
ld_units_page_set_show_retired (LdUnitsPage *self,
                                gboolean     show_retired)
{
  g_return_if_fail (LD_IS_UNITS_PAGE (self));

  show_retired = !!show_retired;
  if (self->show_retired == show_retired)
    return;

  self->show_retired = show_retired;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_RETIRED]);

  if (ld_page_get_vault (LD_PAGE (self)) != NULL)
    ld_page_refresh (LD_PAGE (self));
}

guint
ld_units_page_get_n_units (LdUnitsPage *self)
{
  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), 0);

  return self->nodes != NULL ? g_hash_table_size (self->nodes) : 0;
}

gint64
ld_units_page_find_unit (LdUnitsPage *self,
                         const char  *name)
{
  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (self->units, i);

      if (g_strcmp0 (ld_unit_get_name (unit), name) == 0)
        return ld_unit_get_id (unit);
    }

  return 0;
}

gint64
ld_units_page_get_n_cadres (LdUnitsPage *self,
                            gint64       unit_id)
{
  LdUnitNode *node;

  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), -1);

  node = self->nodes != NULL ? g_hash_table_lookup (self->nodes, &unit_id) : NULL;

  return node != NULL ? ld_unit_node_get_n_cadres (node) : -1;
}

gboolean
ld_units_page_select_unit (LdUnitsPage *self,
                           gint64       unit_id)
{
  guint position;

  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), FALSE);

  position = find_position (self, unit_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  update_actions (self);

  return TRUE;
}

const char *
ld_units_page_get_state (LdUnitsPage *self)
{
  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

const char *
ld_units_page_get_last_error (LdUnitsPage *self)
{
  g_return_val_if_fail (LD_IS_UNITS_PAGE (self), NULL);

  return self->last_error;
}
