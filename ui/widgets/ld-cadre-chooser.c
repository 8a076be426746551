/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-cadre-chooser.h"

#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-cadre.h"

#define MAX_MATCHES 20

struct _LdCadreChooser
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkListBox     *chosen_list;
  GtkSearchEntry *search_entry;
  GtkSpinner     *spinner;
  GtkLabel       *hint_label;
  GtkListBox     *match_list;

  /* Owned References */
  LdVault        *vault;
  GCancellable   *cancellable;      /* the running search */
  GArray         *ids;              /* gint64, chosen */
  GPtrArray      *labels;           /* char *, same order */
  GPtrArray      *matches;          /* LdCadre, offered */

  guint           multiple : 1;
  guint           searching : 1;
};

G_DEFINE_FINAL_TYPE (LdCadreChooser, ld_cadre_chooser, ADW_TYPE_BIN)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
describe_cadre (LdCadre *cadre)
{
  const char *unit = ld_cadre_get_unit_name (cadre);
  const char *post = ld_cadre_get_post (cadre);

  if (unit == NULL)
    unit = "";
  if (post == NULL)
    post = "";
  if (*unit == '\0' && *post == '\0')
    return g_strdup (ld_cadre_get_name (cadre));

  /* Translators: a cadre, their unit and post in a list of matches */
  return g_strdup_printf (_("%s（%s %s）"), ld_cadre_get_name (cadre), unit, post);
}

static void on_remove_clicked_cb (GtkButton *button, LdCadreChooser *self);

static void
show_chosen (LdCadreChooser *self)
{
  remove_all_rows (self->chosen_list);

  for (guint i = 0; i < self->ids->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      const char *label = g_ptr_array_index (self->labels, i);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_object_set_data_full (G_OBJECT (button), "ld-id", g_memdup2 (&g_array_index (self->ids, gint64, i), sizeof (gint64)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->chosen_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chosen_list), self->ids->len > 0);
}

static void
on_remove_clicked_cb (GtkButton      *button,
                      LdCadreChooser *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "ld-id");

  if (id != NULL)
    ld_cadre_chooser_remove (self, *id);
}

static void
show_matches (LdCadreChooser *self)
{
  guint n = self->matches != NULL ? self->matches->len : 0;

  remove_all_rows (self->match_list);

  for (guint i = 0; i < n; i++)
    {
      LdCadre *cadre = g_ptr_array_index (self->matches, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *label = describe_cadre (cadre);
      const char *id_number = ld_cadre_get_id_number (cadre);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      if (id_number != NULL && *id_number != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), id_number);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->match_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->match_list), n > 0);
}

static void
set_hint (LdCadreChooser *self,
          const char     *hint)
{
  gtk_label_set_label (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
}

static void
set_searching (LdCadreChooser *self,
               gboolean        searching)
{
  self->searching = !!searching;
  gtk_spinner_set_spinning (self->spinner, searching);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), searching);
}

static gpointer
search_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LdCadreFilter filter = { 0 };

  filter.search = data;
  filter.order = LD_CADRE_ORDER_STROKE;
  filter.limit = MAX_MATCHES;

  return ld_cadre_repository_list (vault, &filter, error);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LdCadreChooser) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *matches;

  matches = ld_vault_run_finish (LD_VAULT (object), result, &error);
  if (ld_error_is_cancelled (error))
    {
      g_clear_pointer (&matches, g_ptr_array_unref);
      return;
    }

  set_searching (self, FALSE);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = matches;

  if (matches == NULL)
    set_hint (self, error != NULL ? error->message : NULL);
  else if (matches->len == 0)
    set_hint (self, _("No cadre in your units matches."));
  else if (matches->len >= MAX_MATCHES)
    set_hint (self, _("Only the first matches are shown: type more of the name or the ID number."));
  else
    set_hint (self, NULL);

  show_matches (self);
}

static void
start_search (LdCadreChooser *self,
              const char     *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (*query == '\0' || self->vault == NULL)
    {
      set_searching (self, FALSE);
      g_clear_pointer (&self->matches, g_ptr_array_unref);
      set_hint (self, NULL);
      show_matches (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  ld_vault_run_async (self->vault, search_worker, g_steal_pointer (&query), g_free,
                      (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                      search_cb, g_object_ref (self));
}

static void
on_search_changed_cb (LdCadreChooser *self,
                      GtkSearchEntry *entry)
{
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (LdCadreChooser *self,
                       GtkSearchEntry *entry)
{
  /* Enter takes the only match. */
  if (self->matches != NULL && self->matches->len == 1)
    ld_cadre_chooser_choose_match (self, 0);
}

static void
on_match_activated_cb (LdCadreChooser *self,
                       GtkListBoxRow  *row,
                       GtkListBox     *list)
{
  ld_cadre_chooser_choose_match (self, (guint) gtk_list_box_row_get_index (row));
}

static void
ld_cadre_chooser_dispose (GObject *object)
{
  LdCadreChooser *self = (LdCadreChooser *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CADRE_CHOOSER);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_cadre_chooser_parent_class)->dispose (object);
}

static void
ld_cadre_chooser_finalize (GObject *object)
{
  LdCadreChooser *self = (LdCadreChooser *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_cadre_chooser_parent_class)->finalize (object);
}

static void
ld_cadre_chooser_class_init (LdCadreChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_cadre_chooser_dispose;
  object_class->finalize = ld_cadre_chooser_finalize;

  signals [SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-cadre-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadreChooser, chosen_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadreChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdCadreChooser, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCadreChooser, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadreChooser, match_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_match_activated_cb);
}

static void
ld_cadre_chooser_init (LdCadreChooser *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->multiple = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_list), FALSE);
}

LdCadreChooser *
ld_cadre_chooser_new (LdVault *vault)
{
  LdCadreChooser *self;

  g_return_val_if_fail (vault == NULL || LD_IS_VAULT (vault), NULL);

  self = g_object_new (LD_TYPE_CADRE_CHOOSER, NULL);
  g_set_object (&self->vault, vault);

  return self;
}

void
ld_cadre_chooser_set_multiple (LdCadreChooser *self,
                               gboolean        multiple)
{
  g_return_if_fail (LD_IS_CADRE_CHOOSER (self));

  self->multiple = !!multiple;
}

gboolean
ld_cadre_chooser_get_multiple (LdCadreChooser *self)
{
  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), FALSE);

  return self->multiple;
}

GArray *
ld_cadre_chooser_get_ids (LdCadreChooser *self)
{
  GArray *ids;

  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->ids->len);
  g_array_append_vals (ids, self->ids->data, self->ids->len);

  return ids;
}

guint
ld_cadre_chooser_get_n_chosen (LdCadreChooser *self)
{
  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), 0);

  return self->ids->len;
}

void
ld_cadre_chooser_add (LdCadreChooser *self,
                      gint64          cadre_id,
                      const char     *label)
{
  g_return_if_fail (LD_IS_CADRE_CHOOSER (self));
  g_return_if_fail (cadre_id > 0);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == cadre_id)
      return;

  if (!self->multiple)
    {
      g_array_set_size (self->ids, 0);
      g_ptr_array_set_size (self->labels, 0);
    }

  g_array_append_val (self->ids, cadre_id);
  if (label != NULL && *label != '\0')
    g_ptr_array_add (self->labels, g_strdup (label));
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, cadre_id);

      /* Translators: a cadre known only by the record number */
      g_ptr_array_add (self->labels, g_strdup_printf (_("Cadre %s"), number));
    }

  show_chosen (self);
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
}

void
ld_cadre_chooser_remove (LdCadreChooser *self,
                         gint64          cadre_id)
{
  g_return_if_fail (LD_IS_CADRE_CHOOSER (self));

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == cadre_id)
      {
        g_array_remove_index (self->ids, i);
        g_ptr_array_remove_index (self->labels, i);
        show_chosen (self);
        g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
        return;
      }
}

void
ld_cadre_chooser_clear (LdCadreChooser *self)
{
  g_return_if_fail (LD_IS_CADRE_CHOOSER (self));

  if (self->ids->len == 0)
    return;

  g_array_set_size (self->ids, 0);
  g_ptr_array_set_size (self->labels, 0);
  show_chosen (self);
  g_signal_emit (self, signals [SIGNAL_CHANGED], 0);
}

char *
ld_cadre_chooser_get_names (LdCadreChooser *self)
{
  GString *out;

  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const char *label = g_ptr_array_index (self->labels, i);
      const char *paren = strstr (label, "（");

      if (i > 0)
        g_string_append (out, "、");
      if (paren != NULL)
        g_string_append_len (out, label, paren - label);
      else
        g_string_append (out, label);
    }

  return g_string_free (out, FALSE);
}

void
ld_cadre_chooser_search (LdCadreChooser *self,
                         const char     *text)
{
  g_return_if_fail (LD_IS_CADRE_CHOOSER (self));

  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  start_search (self, text);
}

gboolean
ld_cadre_chooser_get_searching (LdCadreChooser *self)
{
  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), FALSE);

  return self->searching;
}

guint
ld_cadre_chooser_get_n_matches (LdCadreChooser *self)
{
  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), 0);

  return self->matches != NULL ? self->matches->len : 0;
}

gboolean
ld_cadre_chooser_choose_match (LdCadreChooser *self,
                               guint           index)
{
  LdCadre *cadre;
  g_autofree char *label = NULL;

  g_return_val_if_fail (LD_IS_CADRE_CHOOSER (self), FALSE);

  if (self->matches == NULL || index >= self->matches->len)
    return FALSE;

  cadre = g_object_ref (g_ptr_array_index (self->matches, index));
  label = describe_cadre (cadre);

  /* The match is taken: clear the search for the next one. */
  ld_cadre_chooser_search (self, "");
  ld_cadre_chooser_add (self, ld_cadre_get_id (cadre), label);
  g_object_unref (cadre);

  return TRUE;
}
