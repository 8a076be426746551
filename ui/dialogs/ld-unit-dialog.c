/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-unit-dialog.h"

#include "ld-ui-utils.h"
#include "records/ld-unit-repository.h"

struct _LdUnitDialog
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *unit_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *short_name_row;
  AdwComboRow         *kind_row;
  GtkStringList       *kind_labels;
  AdwComboRow         *supervisor_kind_row;
  GtkStringList       *supervisor_labels;
  AdwEntryRow         *supervisor_name_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *save_button;

  /* Owned References */
  LdVault             *vault;
  LdUnit              *unit;
  GCancellable        *cancellable;
  char                *error_message;

  gint64               parent_id;
  guint                busy : 1;
  guint                name_touched : 1;
};

G_DEFINE_FINAL_TYPE (LdUnitDialog, ld_unit_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  gint64  id;          /* 0 = create */
  gint64  parent_id;
  char   *name;
  char   *short_name;
  char   *kind;
  char   *supervisor_kind;
  char   *supervisor_name;
} UnitJob;

static void
unit_job_free (gpointer data)
{
  UnitJob *job = data;

  g_free (job->name);
  g_free (job->short_name);
  g_free (job->kind);
  g_free (job->supervisor_kind);
  g_free (job->supervisor_name);
  g_free (job);
}

static void
show_error (LdUnitDialog *self,
            const char   *message)
{
  g_clear_pointer (&self->error_message, g_free);
  self->error_message = g_strdup (message);

  if (self->error_label == NULL)
    return;

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (LdUnitDialog *self,
          gboolean      busy)
{
  self->busy = !!busy;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->short_name_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->supervisor_kind_row), !busy);
  ld_widget_set_sensitive (GTK_WIDGET (self->supervisor_name_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unit.save", !busy);
}

/* The code of the selected entry of a combo whose first entry is "not
 * recorded", followed by codes. */
static const char *
selected_code (AdwComboRow        *row,
               const char * const *codes)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return "";

  for (guint i = 1; *codes != NULL; codes++, i++)
    if (i == selected)
      return *codes;

  return "";
}

static void
select_code (AdwComboRow        *row,
             const char * const *codes,
             const char         *code)
{
  guint i = 1;

  adw_combo_row_set_selected (row, 0);

  if (code == NULL || code[0] == '\0')
    return;

  for (; *codes != NULL; codes++, i++)
    if (g_strcmp0 (*codes, code) == 0)
      adw_combo_row_set_selected (row, i);
}

/* The inline check of the name; TRUE when it may be saved. */
static gboolean
validate_name (LdUnitDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (name[0] == '\0')
    {
      ld_widget_set_error (GTK_WIDGET (self->name_row), TRUE);
      show_error (self, _("Enter the unit’s name."));
      return FALSE;
    }

  ld_widget_set_error (GTK_WIDGET (self->name_row), FALSE);
  show_error (self, NULL);
  return TRUE;
}

static void
on_name_changed_cb (LdUnitDialog *self,
                    GtkEditable  *editable)
{
  const char *text = gtk_editable_get_text (editable);

  if (text[0] != '\0')
    self->name_touched = TRUE;

  if (self->name_touched)
    validate_name (self);
}

static gpointer
save_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  UnitJob *job = data;
  LdUnitSpec spec = {
    .parent_id = job->parent_id,
    .name = job->name,
    .short_name = job->short_name,
    .kind = job->kind,
    .supervisor_kind = job->supervisor_kind,
    .supervisor_name = job->supervisor_name,
  };
  gint64 *id = g_new0 (gint64, 1);

  if (job->id == 0)
    {
      if (!ld_unit_repository_create (vault, &spec, id, error))
        return (g_free (id), NULL);
    }
  else
    {
      if (!ld_unit_repository_update (vault, job->id, &spec, error))
        return (g_free (id), NULL);
      *id = job->id;
    }

  return id;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdUnitDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  id = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, FALSE);

  if (id == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The unit could not be saved."));
      return;
    }

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (self->unit == NULL)
    /* Translators: %s is a unit name. */
    message = g_strdup_printf (_("Unit “%s” created"), name);
  else
    /* Translators: %s is a unit name. */
    message = g_strdup_printf (_("Unit “%s” saved"), name);

  g_signal_emit (self, signals [SIGNAL_SAVED], 0, *id, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdUnitDialog *self = LD_UNIT_DIALOG (widget);
  UnitJob *job;

  if (self->busy)
    return;

  self->name_touched = TRUE;
  if (!validate_name (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  job = g_new0 (UnitJob, 1);
  job->id = self->unit != NULL ? ld_unit_get_id (self->unit) : 0;
  job->parent_id = self->parent_id;
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  job->short_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->short_name_row))));
  job->kind = g_strdup (selected_code (self->kind_row, ld_unit_kinds ()));
  job->supervisor_kind = g_strdup (selected_code (self->supervisor_kind_row, ld_unit_supervisor_kinds ()));
  job->supervisor_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supervisor_name_row))));

  show_error (self, NULL);
  set_busy (self, TRUE);

  ld_vault_run_async (self->vault,
                      save_worker,
                      job, unit_job_free,
                      g_free,
                      self->cancellable,
                      save_cb,
                      g_object_ref (self));
}

static gboolean
ld_unit_dialog_close_request (GtkWindow *window)
{
  LdUnitDialog *self = LD_UNIT_DIALOG (window);

  /* The unit is being written; let it finish. */
  if (self->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (ld_unit_dialog_parent_class)->close_request (window);
}

static void
ld_unit_dialog_dispose (GObject *object)
{
  LdUnitDialog *self = (LdUnitDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_UNIT_DIALOG);

  g_clear_object (&self->vault);
  g_clear_object (&self->unit);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ld_unit_dialog_parent_class)->dispose (object);
}

static void
ld_unit_dialog_finalize (GObject *object)
{
  LdUnitDialog *self = (LdUnitDialog *)object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (ld_unit_dialog_parent_class)->finalize (object);
}

static void
ld_unit_dialog_class_init (LdUnitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ld_unit_dialog_dispose;
  object_class->finalize = ld_unit_dialog_finalize;
  window_class->close_request = ld_unit_dialog_close_request;

  signals [SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-unit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, unit_group);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, short_name_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, kind_labels);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, supervisor_kind_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, supervisor_labels);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, supervisor_name_row);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdUnitDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "unit.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_unit_dialog_init (LdUnitDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the kind or supervisor of a unit is not recorded. */
  gtk_string_list_append (self->kind_labels, C_("unit kind", "Not recorded"));
  for (const char * const *kind = ld_unit_kinds (); *kind != NULL; kind++)
    gtk_string_list_append (self->kind_labels, ld_unit_kind_get_label (*kind));

  gtk_string_list_append (self->supervisor_labels, C_("unit supervisor", "Not recorded"));
  for (const char * const *kind = ld_unit_supervisor_kinds (); *kind != NULL; kind++)
    gtk_string_list_append (self->supervisor_labels, ld_unit_supervisor_kind_get_label (*kind));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

LdUnitDialog *
ld_unit_dialog_new (LdVault    *vault,
                    LdUnit     *unit,
                    gint64      parent_id,
                    const char *parent_name)
{
  LdUnitDialog *self;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (unit == NULL || LD_IS_UNIT (unit), NULL);

  self = g_object_new (LD_TYPE_UNIT_DIALOG, NULL);
  self->vault = g_object_ref (vault);
  self->parent_id = parent_id;

  if (unit != NULL)
    {
      self->unit = g_object_ref (unit);
      self->parent_id = ld_unit_get_parent_id (unit);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Unit"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), ld_unit_get_name (unit));
      gtk_editable_set_text (GTK_EDITABLE (self->short_name_row), ld_unit_get_short_name (unit));
      gtk_editable_set_text (GTK_EDITABLE (self->supervisor_name_row), ld_unit_get_supervisor_name (unit));
      select_code (self->kind_row, ld_unit_kinds (), ld_unit_get_kind (unit));
      select_code (self->supervisor_kind_row, ld_unit_supervisor_kinds (), ld_unit_get_supervisor_kind (unit));
    }
  else if (parent_id != 0 && parent_name != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is the name of the unit the new one goes below. */
      description = g_strdup_printf (_("The new unit goes below “%s”."), parent_name);
      adw_preferences_group_set_description (self->unit_group, description);
    }
  else
    adw_preferences_group_set_description (self->unit_group, _("The new unit goes at the top of the tree."));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

void
ld_unit_dialog_fill (LdUnitDialog *self,
                     const char   *name,
                     const char   *short_name,
                     const char   *supervisor_name)
{
  g_return_if_fail (LD_IS_UNIT_DIALOG (self));

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (short_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->short_name_row), short_name);
  if (supervisor_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->supervisor_name_row), supervisor_name);
}

const char *
ld_unit_dialog_get_error_message (LdUnitDialog *self)
{
  g_return_val_if_fail (LD_IS_UNIT_DIALOG (self), NULL);

  return self->error_message;
}

gboolean
ld_unit_dialog_get_busy (LdUnitDialog *self)
{
  g_return_val_if_fail (LD_IS_UNIT_DIALOG (self), FALSE);

  return self->busy;
}
