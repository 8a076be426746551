/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-section"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-measure-section.h"

#include "rules/ld-measure-tables.h"

static char *
date_text (const GDate *date)
{
  char text[16];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static const char *
permanent_text (void)
{
  /* Translators: an effect period without end (长期) */
  return C_("effect end", "Permanent");
}

static const char *
until_lifted_text (void)
{
  /* Translators: an effect period running until the measure is lifted (至解除) */
  return C_("effect end", "Until lifted");
}

char *
ld_measure_effect_end_text (LdMeasure *measure)
{
  const char *end;
  const LdMeasureCode *code;

  g_return_val_if_fail (LD_IS_MEASURE (measure), NULL);

  end = ld_measure_get_effect_end (measure);
  if (end == NULL || *end == '\0')
    return g_strdup ("—");
  if (g_str_equal (end, LD_MEASURE_EFFECT_PERMANENT))
    {
      code = ld_measure_code_find (ld_measure_get_code (measure));
      if (code != NULL && code->effect == LD_EFFECT_UNTIL_LIFTED)
        return g_strdup (until_lifted_text ());
      return g_strdup (permanent_text ());
    }

  return g_strdup (end);
}

char *
ld_effect_period_describe (const LdEffectPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (!period->has_period)
    return g_strdup ("—");
  if (period->open_ended)
    return g_strdup (until_lifted_text ());
  if (period->permanent)
    return g_strdup (permanent_text ());
  return date_text (&period->end);
}

void
ld_form_badge_set (GtkWidget *label,
                   int        form)
{
  static const char * const tints[] = {
    "ld-badge-young", "ld-badge-top-leader", "ld-badge-newly-promoted", "ld-badge-key-position",
  };

  g_return_if_fail (GTK_IS_LABEL (label));

  for (guint i = 0; i < G_N_ELEMENTS (tints); i++)
    gtk_widget_remove_css_class (label, tints[i]);
  gtk_widget_remove_css_class (label, "ld-badge-warning");
  gtk_widget_remove_css_class (label, "ld-badge-category");
  gtk_widget_add_css_class (label, "ld-badge");
  if (form < 1 || form > 4)
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      gtk_widget_set_tooltip_text (label, NULL);
      return;
    }
  gtk_label_set_text (GTK_LABEL (label), ld_form_to_string (form));
  gtk_widget_set_tooltip_text (label, ld_form_get_label (form));
  gtk_widget_add_css_class (label, tints[form - 1]);
  /* Outside a table the pill takes the file view's tints. */
  gtk_widget_add_css_class (label, form >= 3 ? "ld-badge-warning" : "ld-badge-category");
}

GtkWidget *
ld_form_badge_new (int form)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  ld_form_badge_set (label, form);
  return label;
}

char *
ld_promotion_block_headline (const LdPromotionBlock *block)
{
  g_autofree char *until = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  if (!block->blocked)
    return NULL;
  if (block->permanent)
    /* Translators: a cadre's promotion block (提拔或进一步使用受限：长期) */
    return g_strdup (_("Promotion or further use restricted permanently"));
  if (block->open_ended || !g_date_valid (&block->until))
    /* Translators: a cadre's promotion block while 停职检查 runs (提拔或进一步使用受限至解除) */
    return g_strdup (_("Promotion or further use restricted until the measure is lifted"));

  until = date_text (&block->until);
  /* Translators: a cadre's promotion block (提拔或进一步使用受限至 2027-02-28); %s is the date */
  return g_strdup_printf (_("Promotion or further use restricted until %s"), until);
}

GtkWidget *
ld_promotion_block_banner_new (const LdPromotionBlock *block)
{
  GtkWidget *list;
  GtkWidget *row;
  g_autofree char *headline = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "ld-promotion-block");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Promotion block"), -1);

  headline = ld_promotion_block_headline (block);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), headline != NULL ? headline : "");
  if (block->no_leading_post && g_date_valid (&block->leading_until))
    {
      g_autofree char *date = date_text (&block->leading_until);
      /* Translators: 不得担任领导职务至 %s (责令辞职, 免职) */
      g_autofree char *subtitle = g_strdup_printf (_("No leading post until %s"), date);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (row, "warning");
  gtk_widget_add_css_class (row, "ld-promotion-block-headline");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  for (guint i = 0; block->reasons != NULL && i < block->reasons->len; i++)
    {
      LdBlockReason *reason = g_ptr_array_index (block->reasons, i);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason->text != NULL ? reason->text : "");
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Open the measure"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-record");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new ("(sx)", "measure", reason->measure_id));
      g_object_set_data_full (G_OBJECT (row), "ld-record-type", g_strdup ("measure"), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

static GtkWidget *
record_row (const char *record_type,
            gint64      id,
            const char *title,
            const char *subtitle,
            GtkWidget  *badge)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  if (badge != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-record");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new ("(sx)", record_type, id));
  g_object_set_data_full (G_OBJECT (row), "ld-record-type", g_strdup (record_type), g_free);

  return row;
}

GtkWidget *
ld_measure_row_new (LdMeasure *measure)
{
  GString *subtitle = g_string_new (NULL);
  g_autofree char *end = NULL;
  g_autofree char *effect = NULL;
  GtkWidget *row;

  g_return_val_if_fail (LD_IS_MEASURE (measure), NULL);

  end = ld_measure_effect_end_text (measure);
  append_part (subtitle, ld_measure_get_reg_no (measure));
  append_part (subtitle, ld_measure_get_decision_date (measure));
  if (!g_str_equal (end, "—"))
    {
      /* Translators: the end of a measure's effect period in a dense row (影响期至 %s) */
      effect = g_strdup_printf (_("effect until %s"), end);
      append_part (subtitle, effect);
    }
  append_part (subtitle, ld_measure_get_status_label (measure));

  row = record_row ("measure", ld_measure_get_id (measure), ld_measure_get_code_label (measure), subtitle->str,
                    ld_form_badge_new (ld_measure_get_form (measure)));
  g_string_free (subtitle, TRUE);
  return row;
}

GtkWidget *
ld_opinion_item_row_new (LdOpinionItem *item,
                         const char    *purpose_label)
{
  GString *subtitle = g_string_new (NULL);
  const char *label;
  g_autofree char *approved = NULL;
  g_autofree char *valid = NULL;
  GtkWidget *row;

  g_return_val_if_fail (LD_IS_OPINION_ITEM (item), NULL);

  label = ld_opinion_item_get_decision_label (item);
  if (label == NULL || *label == '\0')
    label = ld_opinion_item_get_proposal_label (item);
  if (label == NULL || *label == '\0')
    label = ld_opinion_item_get_state_label (item);

  append_part (subtitle, ld_opinion_item_get_request_reg_no (item));
  append_part (subtitle, purpose_label);
  if (*ld_opinion_item_get_approved_date (item) != '\0')
    {
      /* Translators: when an opinion reply was approved (批准 %s) */
      approved = g_strdup_printf (_("approved %s"), ld_opinion_item_get_approved_date (item));
      append_part (subtitle, approved);
    }
  if (*ld_opinion_item_get_valid_until (item) != '\0')
    {
      /* Translators: the end of an opinion reply's validity (有效期至 %s) */
      valid = g_strdup_printf (_("valid until %s"), ld_opinion_item_get_valid_until (item));
      append_part (subtitle, valid);
    }

  row = record_row ("opinion", ld_opinion_item_get_request_id (item), label != NULL ? label : "", subtitle->str, NULL);
  g_string_free (subtitle, TRUE);
  return row;
}
