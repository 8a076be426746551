/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-record-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-record-detail.h"

#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"

void
ld_record_detail_remove_children (GtkWidget *box)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* Appends a heading and a card to detail_box; returns the card's grid,
 * which the other functions take as "grid". */
GtkWidget *
ld_record_detail_new_group (GtkBox     *detail_box,
                            const char *title)
{
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *label;
  GtkWidget *card;
  GtkWidget *grid;

  g_return_val_if_fail (GTK_IS_BOX (detail_box), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (title);
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (heading), label);
  gtk_box_append (GTK_BOX (box), heading);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), grid);
  gtk_box_append (GTK_BOX (box), card);
  gtk_box_append (detail_box, box);
  g_object_set_data (G_OBJECT (grid), "ld-heading", heading);

  return grid;
}

/* Adds a key/value line; the value is a plain, non-markup label, "—"
 * when empty. Returns the value label. */
GtkWidget *
ld_record_detail_add_field (GtkWidget  *grid,
                            const char *title,
                            const char *value)
{
  int row;
  GtkWidget *key;
  GtkWidget *label;

  g_return_val_if_fail (GTK_IS_GRID (grid), NULL);

  row = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (grid), "ld-rows"));
  key = gtk_label_new (title);
  label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_label_set_yalign (GTK_LABEL (key), 0);
  gtk_label_set_wrap (GTK_LABEL (key), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (key), 16);
  gtk_label_set_width_chars (GTK_LABEL (key), 10);
  gtk_widget_set_valign (key, GTK_ALIGN_START);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_grid_attach (GTK_GRID (grid), key, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, row, 1, 1);
  g_object_set_data (G_OBJECT (grid), "ld-rows", GINT_TO_POINTER (row + 1));

  return label;
}

/* Puts widget at the end of the last line, in a box of the given
 * spacing made for the first one. */
void
ld_record_detail_field_add_suffix (GtkWidget *grid,
                                   GtkWidget *widget,
                                   int        spacing)
{
  int row;
  GtkWidget *box;

  g_return_if_fail (GTK_IS_GRID (grid));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  row = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (grid), "ld-rows")) - 1;
  box = gtk_grid_get_child_at (GTK_GRID (grid), 2, row);

  if (box == NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, spacing);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (grid), box, 2, row, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), widget);
}

/* Puts widget at the end of the group's heading. */
void
ld_record_detail_group_set_suffix (GtkWidget *grid,
                                   GtkWidget *widget)
{
  GtkWidget *heading;

  g_return_if_fail (GTK_IS_GRID (grid));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  heading = g_object_get_data (G_OBJECT (grid), "ld-heading");
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (heading), widget);
}

/* Puts a caption between the group's heading and its card. */
void
ld_record_detail_group_set_description (GtkWidget  *grid,
                                        const char *text)
{
  GtkWidget *card;
  GtkWidget *label;

  g_return_if_fail (GTK_IS_GRID (grid));

  card = gtk_widget_get_parent (grid);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (card)), label,
                              g_object_get_data (G_OBJECT (grid), "ld-heading"));
}

/* A flat icon button for an action; tooltip is also its accessible
 * label. target may be a floating GVariant or NULL. */
GtkWidget *
ld_record_detail_icon_button (const char *icon,
                              const char *tooltip,
                              const char *action,
                              GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

/* The keys of "key=value" lines, joined with ", ". */
char *
ld_record_detail_changed_keys (const char *before,
                               const char *after)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *texts[] = { after, before };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_auto(GStrv) lines = g_strsplit (texts[t] != NULL ? texts[t] : "", "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *eq = strchr (lines[i], '=');
          g_autofree char *key = NULL;
          gboolean seen = FALSE;

          if (eq == NULL)
            continue;
          key = g_strndup (lines[i], eq - lines[i]);
          for (guint k = 0; k < keys->len && !seen; k++)
            seen = g_strcmp0 (g_ptr_array_index (keys, k), key) == 0;
          if (!seen)
            g_ptr_array_add (keys, g_steal_pointer (&key));
        }
    }
  g_ptr_array_add (keys, NULL);

  return g_strjoinv (C_("list separator", ", "), (char **) keys->pdata);
}

/* Adds one line per version to grid, the newest first: the event, then
 * the account, the time and the fields it changed. */
void
ld_record_detail_add_history (GtkWidget                *grid,
                              GPtrArray                *versions,
                              LdRecordDetailEventLabel  event_label,
                              gboolean                  selectable)
{
  g_return_if_fail (GTK_IS_GRID (grid));
  g_return_if_fail (event_label != NULL);

  for (guint i = versions != NULL ? versions->len : 0; i > 0; i--)
    {
      LdCadreVersion *version = g_ptr_array_index (versions, i - 1);
      g_autofree char *when = ld_format_timestamp (version->time);
      g_autofree char *keys = ld_record_detail_changed_keys (version->before, version->after);
      g_autofree char *subtitle = NULL;
      GtkWidget *label;

      /* Translators: an account, a time and the fields changed, in the History */
      subtitle = g_strdup_printf (_("%s · %s — %s"), version->account ? version->account : "", when, keys);
      label = ld_record_detail_add_field (grid, event_label (version->event), subtitle);
      if (selectable)
        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    }
}
