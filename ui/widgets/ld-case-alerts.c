/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-case-alerts"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-case-alerts.h"

struct _LdCaseAlerts
{
  AdwBin      parent_instance;

  /* Owned widgets */
  GtkListBox *list_box;

  /* Owned References */
  GListModel *model;

  gboolean    show_unit;
};

G_DEFINE_FINAL_TYPE (LdCaseAlerts, ld_case_alerts, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SHOW_UNIT,
  N_PROPS
};

enum {
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

const char *
ld_case_alerts_level_class (LdAlertLevel level)
{
  switch (level)
    {
    case LD_ALERT_OVERDUE:
      return "error";
    case LD_ALERT_DUE_SOON:
      return "warning";
    case LD_ALERT_LATER:
    case LD_ALERT_NONE:
    default:
      return "dim-label";
    }
}

static const char *
level_icon (LdAlertLevel level)
{
  switch (level)
    {
    case LD_ALERT_OVERDUE:
      return "dialog-error-symbolic";
    case LD_ALERT_DUE_SOON:
      return "dialog-warning-symbolic";
    case LD_ALERT_LATER:
    case LD_ALERT_NONE:
    default:
      return "x-office-calendar-symbolic";
    }
}

char *
ld_case_alerts_format_days (LdBoardItem *item)
{
  int days;

  g_return_val_if_fail (LD_IS_BOARD_ITEM (item), NULL);

  days = ld_board_item_get_days_left (item);

  if (ld_board_item_get_level (item) == LD_ALERT_OVERDUE)
    {
      if (days >= 0)
        return g_strdup (_("Overdue"));
      /* Translators: %d is a number of working days. */
      return g_strdup_printf (ngettext ("Overdue by %d working day", "Overdue by %d working days", -days), -days);
    }

  if (days <= 0)
    return g_strdup (_("Due today"));

  /* Translators: %d is a number of working days. */
  return g_strdup_printf (ngettext ("%d working day left", "%d working days left", days), days);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LdCaseAlerts *self = user_data;
  LdBoardItem *board_item = item;
  LdAlertLevel level = ld_board_item_get_level (board_item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (level_icon (level));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *due_label;
  GtkWidget *days_label;
  g_autoptr(GString) subtitle = g_string_new (ld_board_item_get_kind_label (board_item));
  g_autofree char *days = ld_case_alerts_format_days (board_item);
  const char *reg_no = ld_board_item_get_reg_no (board_item);
  const char *unit = ld_board_item_get_unit_name (board_item);
  const char *title = ld_board_item_get_title (board_item);

  if (reg_no != NULL && reg_no[0] != '\0')
    {
      /* Translators: separates the parts of an alert's description. */
      g_string_append (subtitle, C_("alert separator", " · "));
      g_string_append (subtitle, reg_no);
    }
  if (self->show_unit && unit != NULL && unit[0] != '\0')
    {
      g_string_append (subtitle, C_("alert separator", " · "));
      g_string_append (subtitle, unit);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title != NULL && title[0] != '\0' ? title : ld_board_item_get_kind_label (board_item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "ld-alert");
  gtk_widget_add_css_class (row, level == LD_ALERT_OVERDUE ? "ld-alert-overdue"
                                 : level == LD_ALERT_DUE_SOON ? "ld-alert-due-soon" : "ld-alert-later");

  gtk_widget_add_css_class (icon, ld_case_alerts_level_class (level));
  gtk_widget_set_tooltip_text (icon, ld_board_item_get_level_label (board_item));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  due_label = gtk_label_new (ld_board_item_get_due_date (board_item));
  gtk_label_set_xalign (GTK_LABEL (due_label), 1.0);
  gtk_widget_add_css_class (due_label, "numeric");
  days_label = gtk_label_new (days);
  gtk_label_set_xalign (GTK_LABEL (days_label), 1.0);
  gtk_widget_add_css_class (days_label, "caption");
  gtk_widget_add_css_class (days_label, ld_case_alerts_level_class (level));
  gtk_box_append (GTK_BOX (box), due_label);
  gtk_box_append (GTK_BOX (box), days_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "board-item", g_object_ref (board_item), g_object_unref);

  return row;
}

static void
on_row_activated_cb (LdCaseAlerts  *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list_box)
{
  LdBoardItem *item = g_object_get_data (G_OBJECT (row), "board-item");

  if (item == NULL)
    return;

  g_object_ref (item);
  g_signal_emit (self, signals [SIGNAL_ITEM_ACTIVATED], 0, item);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)",
                              ld_board_item_get_record_type (item),
                              ld_board_item_get_record_id (item));
  g_object_unref (item);
}

static void
ld_case_alerts_dispose (GObject *object)
{
  LdCaseAlerts *self = (LdCaseAlerts *)object;

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  self->list_box = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ld_case_alerts_parent_class)->dispose (object);
}

static void
ld_case_alerts_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdCaseAlerts *self = LD_CASE_ALERTS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SHOW_UNIT:
      g_value_set_boolean (value, self->show_unit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_case_alerts_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdCaseAlerts *self = LD_CASE_ALERTS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ld_case_alerts_set_model (self, g_value_get_object (value));
      break;

    case PROP_SHOW_UNIT:
      ld_case_alerts_set_show_unit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_case_alerts_class_init (LdCaseAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_case_alerts_dispose;
  object_class->get_property = ld_case_alerts_get_property;
  object_class->set_property = ld_case_alerts_set_property;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SHOW_UNIT] =
    g_param_spec_boolean ("show-unit", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LD_TYPE_BOARD_ITEM);

  gtk_widget_class_set_css_name (widget_class, "ld-case-alerts");
}

static void
ld_case_alerts_init (LdCaseAlerts *self)
{
  self->show_unit = TRUE;

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alerts"),
                                  -1);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list_box));
}

LdCaseAlerts *
ld_case_alerts_new (void)
{
  return g_object_new (LD_TYPE_CASE_ALERTS, NULL);
}

static void
rebind (LdCaseAlerts *self)
{
  if (self->list_box == NULL)
    return;

  gtk_list_box_bind_model (self->list_box, self->model, self->model != NULL ? create_row : NULL,
                           self->model != NULL ? self : NULL, NULL);
}

void
ld_case_alerts_set_model (LdCaseAlerts *self,
                          GListModel   *model)
{
  g_return_if_fail (LD_IS_CASE_ALERTS (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

GListModel *
ld_case_alerts_get_model (LdCaseAlerts *self)
{
  g_return_val_if_fail (LD_IS_CASE_ALERTS (self), NULL);

  return self->model;
}

void
ld_case_alerts_set_show_unit (LdCaseAlerts *self,
                              gboolean      show_unit)
{
  g_return_if_fail (LD_IS_CASE_ALERTS (self));

  show_unit = !!show_unit;
  if (self->show_unit == show_unit)
    return;

  self->show_unit = show_unit;
  rebind (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_UNIT]);
}

gboolean
ld_case_alerts_activate (LdCaseAlerts *self,
                         guint         position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (LD_IS_CASE_ALERTS (self), FALSE);

  if (self->list_box == NULL ||
      (row = gtk_list_box_get_row_at_index (self->list_box, (int) position)) == NULL)
    return FALSE;

  g_signal_emit_by_name (self->list_box, "row-activated", row);
  return TRUE;
}
