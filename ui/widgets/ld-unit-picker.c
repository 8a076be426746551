/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unit-picker"

#include "config.h"

#include "ld-unit-picker.h"

#include "records/ld-unit.h"

struct _LdUnitPicker
{
  AdwBin         parent_instance;

  /* Template Widgets */
  GtkDropDown   *drop_down;
  GtkStringList *labels;

  /* Owned References */
  GArray        *ids;   /* gint64, one per label */
};

G_DEFINE_FINAL_TYPE (LdUnitPicker, ld_unit_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
on_selected_cb (LdUnitPicker *self,
                GParamSpec   *pspec,
                GtkDropDown  *drop_down)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_ID]);
}

static void
ld_unit_picker_dispose (GObject *object)
{
  /* The drop-down is both AdwBin's child and a template child: let AdwBin
   * unparent it first, or both would (GTK 4.8). */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_UNIT_PICKER);

  G_OBJECT_CLASS (ld_unit_picker_parent_class)->dispose (object);
}

static void
ld_unit_picker_finalize (GObject *object)
{
  LdUnitPicker *self = (LdUnitPicker *)object;

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (ld_unit_picker_parent_class)->finalize (object);
}

static void
ld_unit_picker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdUnitPicker *self = LD_UNIT_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, ld_unit_picker_get_selected_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_unit_picker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdUnitPicker *self = LD_UNIT_PICKER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      ld_unit_picker_set_selected_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_unit_picker_class_init (LdUnitPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_unit_picker_dispose;
  object_class->finalize = ld_unit_picker_finalize;
  object_class->get_property = ld_unit_picker_get_property;
  object_class->set_property = ld_unit_picker_set_property;

  properties [PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-unit-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, LdUnitPicker, drop_down);
  gtk_widget_class_bind_template_child (widget_class, LdUnitPicker, labels);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_cb);
}

static void
ld_unit_picker_init (LdUnitPicker *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}

LdUnitPicker *
ld_unit_picker_new (void)
{
  return g_object_new (LD_TYPE_UNIT_PICKER, NULL);
}

void
ld_unit_picker_set_units (LdUnitPicker *self,
                          GPtrArray    *units,
                          const char   *none_label,
                          gint64        exclude_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  int exclude_depth = -1;
  gint64 selected;

  g_return_if_fail (LD_IS_UNIT_PICKER (self));

  selected = ld_unit_picker_get_selected_id (self);
  g_array_set_size (self->ids, 0);

  if (none_label != NULL)
    {
      gint64 zero = 0;

      g_strv_builder_add (builder, none_label);
      g_array_append_val (self->ids, zero);
    }

  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      int depth = ld_unit_get_depth (unit);
      gint64 id = ld_unit_get_id (unit);
      g_autoptr(GString) label = NULL;

      /* Units listed after the excluded one at a greater depth are its
       * descendants (the list is in depth-first order). */
      if (exclude_depth >= 0 && depth > exclude_depth)
        continue;
      exclude_depth = -1;

      if (exclude_id != 0 && id == exclude_id)
        {
          exclude_depth = depth;
          continue;
        }

      if (ld_unit_get_retired_at (unit) != 0)
        continue;

      label = g_string_new (NULL);
      for (int d = 0; d < depth; d++)
        g_string_append (label, "\u2003");
      g_string_append (label, ld_unit_get_name (unit));

      g_strv_builder_add (builder, label->str);
      g_array_append_val (self->ids, id);
    }

  strings = g_strv_builder_end (builder);
  gtk_string_list_splice (self->labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                          (const char * const *) strings);

  if (selected < 0 || !ld_unit_picker_set_selected_id (self, selected))
    gtk_drop_down_set_selected (self->drop_down, self->ids->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
}

gint64
ld_unit_picker_get_selected_id (LdUnitPicker *self)
{
  guint selected;

  g_return_val_if_fail (LD_IS_UNIT_PICKER (self), -1);

  if (self->drop_down == NULL)
    return -1;

  selected = gtk_drop_down_get_selected (self->drop_down);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->ids->len)
    return -1;

  return g_array_index (self->ids, gint64, selected);
}

gboolean
ld_unit_picker_set_selected_id (LdUnitPicker *self,
                                gint64        id)
{
  g_return_val_if_fail (LD_IS_UNIT_PICKER (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (self->drop_down, i);
        return TRUE;
      }

  return FALSE;
}

guint
ld_unit_picker_get_n_items (LdUnitPicker *self)
{
  g_return_val_if_fail (LD_IS_UNIT_PICKER (self), 0);

  return self->ids->len;
}
