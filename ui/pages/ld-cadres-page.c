/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadres-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-cadres-page.h"

#include "dialogs/ld-cadre-dialog.h"
#ifdef LD_UI_HAVE_EXPORT_DIALOG
#include "dialogs/ld-export-dialog.h"
#endif
#include "dialogs/ld-import-dialog.h"
#include "ld-application.h"
#include "ld-ui-utils.h"
#include "models/ld-cadre-list-model.h"
#include "models/ld-cadre-row.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-permissions.h"
#include "widgets/ld-cadre-file-view.h"

struct _LdCadresPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  GtkStack            *view_stack;
  GtkStack            *content_stack;
  GtkWidget           *toolbar;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *filter_button;
  GtkRevealer         *filter_revealer;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkDropDown         *unit_dropdown;
  GtkDropDown         *category_dropdown;
  GtkDropDown         *authority_dropdown;
  GtkDropDown         *level_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *tag_dropdown;
  GtkStringList       *unit_list;
  GtkStringList       *category_list;
  GtkStringList       *authority_list;
  GtkStringList       *level_list;
  GtkStringList       *status_list;
  GtkStringList       *tag_list;
  AdwStatusPage       *error_status;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *sex_column;
  GtkColumnViewColumn *birth_column;
  GtkColumnViewColumn *id_number_column;
  GtkColumnViewColumn *unit_column;
  GtkColumnViewColumn *post_column;
  GtkColumnViewColumn *rank_column;
  GtkColumnViewColumn *post_since_column;
  GtkColumnViewColumn *categories_column;
  GtkColumnViewColumn *tags_column;
  GtkColumnViewColumn *status_column;

  /* Borrowed References */
  GtkWidget           *file_view;

  /* Owned References */
  LdCadreListModel    *model;
  GSettings           *settings;
  GSimpleActionGroup  *column_actions;
  GArray              *unit_ids;         /* gint64 per unit_list row; 0 = every unit */
  GStrv                tags;             /* per tag_list row after "any tag" */
  char                *search;
  char                *order;            /* "name", "unit", "age", "rank", "post-since" */
  char                *name_order;       /* "stroke" or "pinyin" */
  char                *count_text;
  GError              *load_error;

  gint64               reselect_id;
  gint64               total;            /* cadres in scope, unfiltered */
  guint                descending : 1;
  guint                has_scope : 1;
  guint                context_loaded : 1;
  guint                context_loading : 1;
  guint                list_loaded : 1;
  guint                restoring : 1;    /* applying settings or filter lists: do not save or reload */
};

G_DEFINE_FINAL_TYPE (LdCadresPage, ld_cadres_page, LD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_NAME_ORDER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Columns ------------------------------------------------------------------ */

typedef struct
{
  const char *id;
  gsize       offset;   /* of the column in LdCadresPage */
  const char *order;    /* the cadre-list-order it sorts by, or NULL */
  const char *property; /* the LdCadreRow text shown, NULL for the badges */
  gboolean    tooltip;  /* whether long texts get a tooltip */
  const char *export[3]; /* the roster export's columns for it (ld_export_roster_columns()) */
} ColumnInfo;

static const ColumnInfo column_infos[] = {
  { "name", G_STRUCT_OFFSET (LdCadresPage, name_column), "name", "name", FALSE, { "name" } },
  { "sex", G_STRUCT_OFFSET (LdCadresPage, sex_column), NULL, "sex", FALSE, { "sex" } },
  { "birth", G_STRUCT_OFFSET (LdCadresPage, birth_column), "age", "birth-age", FALSE, { "birth_date", "age" } },
  { "id-number", G_STRUCT_OFFSET (LdCadresPage, id_number_column), NULL, "id-number", FALSE, { "id_number" } },
  { "unit", G_STRUCT_OFFSET (LdCadresPage, unit_column), "unit", "unit", TRUE, { "unit" } },
  { "post", G_STRUCT_OFFSET (LdCadresPage, post_column), NULL, "post", TRUE, { "post" } },
  { "rank", G_STRUCT_OFFSET (LdCadresPage, rank_column), "rank", "rank", FALSE, { "rank" } },
  { "post-since", G_STRUCT_OFFSET (LdCadresPage, post_since_column), "post-since", "post-since", FALSE, { "post_since" } },
  { "categories", G_STRUCT_OFFSET (LdCadresPage, categories_column), NULL, NULL, FALSE, { "categories" } },
  { "tags", G_STRUCT_OFFSET (LdCadresPage, tags_column), NULL, "tags", TRUE, { "tags" } },
  { "status", G_STRUCT_OFFSET (LdCadresPage, status_column), NULL, "status", FALSE, { "status" } },
};

static const char * const default_columns[] = {
  "name", "sex", "birth", "id-number", "unit", "post", "rank", "categories", "status", NULL,
};

/* The stored codes of the filter menus (LdCadreFields). */
static const char * const authority_codes[] = { "central", "province", "city", "county", "unit" };
static const char * const status_codes[] = { "serving", "left", "retired", "transferred" };
static const LdCategory category_flags[] = {
  LD_CATEGORY_TOP_LEADER, LD_CATEGORY_YOUNG, LD_CATEGORY_NEWLY_PROMOTED, LD_CATEGORY_KEY_POSITION,
};

static GtkColumnViewColumn *
column_of (LdCadresPage     *self,
           const ColumnInfo *info)
{
  return *(GtkColumnViewColumn **) (gpointer) ((guint8 *) self + info->offset);
}

static const ColumnInfo *
find_column_info (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (g_strcmp0 (column_infos[i].id, id) == 0)
      return &column_infos[i];

  return NULL;
}

static const ColumnInfo *
info_of_column (LdCadresPage        *self,
                GtkColumnViewColumn *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (column_of (self, &column_infos[i]) == column)
      return &column_infos[i];

  return NULL;
}

/* Categories --------------------------------------------------------------- */

static gboolean
has_category (gpointer    item,
              const char *categories,
              const char *code)
{
  g_auto(GStrv) parts = NULL;

  if (categories == NULL || categories[0] == '\0' || code == NULL)
    return FALSE;

  parts = g_strsplit (categories, ",", -1);

  return g_strv_contains ((const char * const *) parts, code);
}

static char *
format_categories (gpointer    item,
                   const char *categories)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  if (categories == NULL || categories[0] == '\0')
    return NULL;

  parts = g_strsplit (categories, ",", -1);
  labels = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      LdCategory category = ld_category_from_string (parts[i]);

      if (category != LD_CATEGORY_NONE)
        g_ptr_array_add (labels, (gpointer) ld_category_get_label (category));
    }
  g_ptr_array_add (labels, NULL);

  /* Translators: the separator between category names in a tooltip. */
  return g_strjoinv (_(", "), (char **) labels->pdata);
}

/* Text cells --------------------------------------------------------------- */

/* The text columns use one GtkInscription per cell, set up and bound here:
 * a GtkBuilderListItemFactory builds each cell from its template, which
 * costs several times more when a new list replaces every visible row. */
static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const ColumnInfo         *info)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 2);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_list_item_set_child (list_item, inscription);
}

static void
text_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  GObject *row = gtk_list_item_get_item (list_item);
  GtkWidget *inscription = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (list_item), "ld-text",
                     g_object_bind_property (row, info->property, inscription, "text", G_BINDING_SYNC_CREATE));
  if (info->tooltip)
    g_object_set_data (G_OBJECT (list_item), "ld-tooltip",
                       g_object_bind_property (row, info->property, inscription, "tooltip-text",
                                               G_BINDING_SYNC_CREATE));
}

static void
text_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const ColumnInfo         *info)
{
  GBinding *binding;

  if ((binding = g_object_steal_data (G_OBJECT (list_item), "ld-text")) != NULL)
    g_binding_unbind (binding);
  if ((binding = g_object_steal_data (G_OBJECT (list_item), "ld-tooltip")) != NULL)
    g_binding_unbind (binding);
}

/* The category badges: four small labels, shown by the row's categories. */
static void
badges_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint i = 0; i < G_N_ELEMENTS (category_flags); i++)
    {
      const char *code = ld_category_to_string (category_flags[i]);
      g_autofree char *style = g_strconcat ("ld-badge-", code, NULL);
      GtkWidget *label = gtk_label_new (ld_category_get_label (category_flags[i]));

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "ld-badge");
      gtk_widget_add_css_class (label, style);
      gtk_widget_set_visible (label, FALSE);
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_list_item_set_child (list_item, box);
}

static void
update_badges (LdCadreRow  *row,
               GParamSpec  *pspec,
               GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const char *categories = ld_cadre_row_get_categories (row);
  g_autofree char *tooltip = format_categories (NULL, categories);
  GtkWidget *label = gtk_widget_get_first_child (box);

  for (guint i = 0; i < G_N_ELEMENTS (category_flags) && label != NULL; i++)
    {
      gtk_widget_set_visible (label, has_category (NULL, categories, ld_category_to_string (category_flags[i])));
      label = gtk_widget_get_next_sibling (label);
    }

  gtk_widget_set_tooltip_text (box, tooltip);
}

static void
badges_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  LdCadreRow *row = gtk_list_item_get_item (list_item);

  g_signal_connect_object (row, "notify::categories", G_CALLBACK (update_badges), list_item, 0);
  update_badges (row, NULL, list_item);
}

static void
badges_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  LdCadreRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update_badges, list_item);
}

static void
setup_factories (LdCadresPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    {
      const ColumnInfo *info = &column_infos[i];
      g_autoptr(GtkListItemFactory) factory = NULL;

      factory = gtk_signal_list_item_factory_new ();

      if (info->property == NULL)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (badges_setup_cb), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (badges_bind_cb), NULL);
          g_signal_connect (factory, "unbind", G_CALLBACK (badges_unbind_cb), NULL);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (text_setup_cb), (gpointer) info);
          g_signal_connect (factory, "bind", G_CALLBACK (text_bind_cb), (gpointer) info);
          g_signal_connect (factory, "unbind", G_CALLBACK (text_unbind_cb), (gpointer) info);
        }
      gtk_column_view_column_set_factory (column_of (self, info), factory);
    }
}

/* State -------------------------------------------------------------------- */

static gboolean
can_write (LdCadresPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL && ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_WRITE);
}

static gboolean
showing_file (LdCadresPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "file") == 0;
}

/* The one place that decides what the page shows and which actions work. */
static void
update_state (LdCadresPage *self)
{
  guint n;
  gboolean loading;
  const char *child = "list";

  if (self->model == NULL || self->content_stack == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  loading = self->context_loading || ld_cadre_list_model_get_loading (self->model);

  if (self->context_loaded && !self->has_scope)
    child = "no-scope";
  else if (self->load_error != NULL && n == 0)
    child = "error";
  else if (n == 0 && self->list_loaded && self->context_loaded && !loading)
    child = self->total == 0 ? "empty" : "no-results";

  gtk_stack_set_visible_child_name (self->content_stack, child);

  g_clear_pointer (&self->count_text, g_free);
  if (self->list_loaded && self->has_scope)
    {
      /* The ' flag groups the thousands as the locale does. */
      g_autofree char *number = g_strdup_printf ("%'u", n);

      self->count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s cadre", "%s cadres", n), number);
    }
  gtk_label_set_label (self->count_label, self->count_text != NULL ? self->count_text : "");

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  ld_page_set_busy (LD_PAGE (self), loading);

  ld_widget_set_sensitive (GTK_WIDGET (self->search_entry), !self->context_loaded || self->has_scope);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), !self->context_loaded || self->has_scope);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadres.new", can_write (self) && self->has_scope);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadres.import", can_write (self) && self->has_scope);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadres.search", !self->context_loaded || self->has_scope);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  /* Whether the account may export is the dialog's to say. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadres.export", !self->context_loaded || self->has_scope);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cadres.export-selected",
                                 self->has_scope && gtk_single_selection_get_selected (self->selection) < n);
#endif
}

/* Filter ------------------------------------------------------------------- */

static LdCadreOrder
current_order (LdCadresPage *self)
{
  if (g_strcmp0 (self->order, "unit") == 0)
    return LD_CADRE_ORDER_UNIT;
  if (g_strcmp0 (self->order, "age") == 0)
    return LD_CADRE_ORDER_AGE;
  if (g_strcmp0 (self->order, "rank") == 0)
    return LD_CADRE_ORDER_RANK;
  if (g_strcmp0 (self->order, "post-since") == 0)
    return LD_CADRE_ORDER_POST_SINCE;
  if (g_strcmp0 (self->name_order, "pinyin") == 0)
    return LD_CADRE_ORDER_PINYIN;

  return LD_CADRE_ORDER_STROKE;
}

static const char *
post_level_code (guint index)
{
  guint n = 0;
  const LdCode *levels = ld_code_table_get (LD_CODE_TABLE_POST_LEVEL, &n);

  return index < n ? levels[index].code : NULL;
}

/* Reads the search, the filter menus and the order into filter (the
 * strings are borrowed from the page). */
static void
read_filter (LdCadresPage  *self,
             LdCadreFilter *out)
{
  LdCadreFilter filter = { 0 };
  guint i;

  filter.search = self->search != NULL && self->search[0] != '\0' ? self->search : NULL;
  filter.order = current_order (self);
  filter.descending = self->descending;

  i = gtk_drop_down_get_selected (self->unit_dropdown);
  if (self->unit_ids != NULL && i != GTK_INVALID_LIST_POSITION && i < self->unit_ids->len)
    filter.unit_id = g_array_index (self->unit_ids, gint64, i);

  i = gtk_drop_down_get_selected (self->category_dropdown);
  if (i != GTK_INVALID_LIST_POSITION && i >= 1 && i <= G_N_ELEMENTS (category_flags))
    filter.categories = category_flags[i - 1];

  i = gtk_drop_down_get_selected (self->authority_dropdown);
  if (i != GTK_INVALID_LIST_POSITION && i >= 1 && i <= G_N_ELEMENTS (authority_codes))
    filter.authority = authority_codes[i - 1];

  i = gtk_drop_down_get_selected (self->level_dropdown);
  if (i != GTK_INVALID_LIST_POSITION && i >= 1)
    filter.post_level = post_level_code (i - 1);

  i = gtk_drop_down_get_selected (self->status_dropdown);
  if (i != GTK_INVALID_LIST_POSITION && i >= 1 && i <= G_N_ELEMENTS (status_codes))
    filter.status = status_codes[i - 1];

  i = gtk_drop_down_get_selected (self->tag_dropdown);
  if (self->tags != NULL && i != GTK_INVALID_LIST_POSITION && i >= 1 && i <= g_strv_length (self->tags))
    filter.tag = self->tags[i - 1];

  *out = filter;
}

/* Reads the filter and loads it; the load in flight is superseded. */
static void
load_list (LdCadresPage *self)
{
  LdCadreFilter filter = { 0 };

  if (self->model == NULL || self->restoring)
    return;

  read_filter (self, &filter);

  g_clear_error (&self->load_error);
  ld_cadre_list_model_set_filter (self->model, &filter);
  update_state (self);
}

static void
on_filter_changed_cb (LdCadresPage *self,
                      GParamSpec   *pspec,
                      GtkDropDown  *dropdown)
{
  load_list (self);
}

static void
on_search_changed_cb (LdCadresPage   *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_strcmp0 (stripped, self->search != NULL ? self->search : "") == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  load_list (self);
}

static void
on_stop_search_cb (LdCadresPage   *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_activate_cb (LdCadresPage   *self,
                       GtkSearchEntry *entry)
{
  /* Enter in the search entry opens the only match, or moves to the list. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 1)
    ld_cadres_page_open_cadre (self, ld_cadre_list_model_get_id (self->model, 0));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
fill_string_list (GtkStringList *list,
                  GPtrArray     *labels)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) labels->pdata);
}

static void
fill_static_filters (LdCadresPage *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  const LdCode *levels;
  guint n = 0;

  self->restoring = TRUE;

  labels = g_ptr_array_new ();
  g_ptr_array_add (labels, (gpointer) _("Any category"));
  for (guint i = 0; i < G_N_ELEMENTS (category_flags); i++)
    g_ptr_array_add (labels, (gpointer) ld_category_get_label (category_flags[i]));
  fill_string_list (self->category_list, labels);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, (gpointer) _("Any management authority"));
  for (guint i = 0; i < G_N_ELEMENTS (authority_codes); i++)
    g_ptr_array_add (labels, (gpointer) ld_cadre_authority_get_label (authority_codes[i]));
  fill_string_list (self->authority_list, labels);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, (gpointer) _("Any post level"));
  levels = ld_code_table_get (LD_CODE_TABLE_POST_LEVEL, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) levels[i].label);
  fill_string_list (self->level_list, labels);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, (gpointer) _("Any status"));
  for (guint i = 0; i < G_N_ELEMENTS (status_codes); i++)
    g_ptr_array_add (labels, (gpointer) ld_cadre_status_get_label (status_codes[i]));
  fill_string_list (self->status_list, labels);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, (gpointer) _("Every visible unit"));
  fill_string_list (self->unit_list, labels);
  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->unit_ids, 1);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, (gpointer) _("Any tag"));
  fill_string_list (self->tag_list, labels);

  self->restoring = FALSE;
}

/* Fills the unit and tag menus, keeping the chosen entries when they are
 * still there. */
static gboolean
fill_dynamic_filters (LdCadresPage *self,
                      GPtrArray    *units,
                      GStrv         tags)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 old_unit = 0;
  g_autofree char *old_tag = NULL;
  guint i, unit_pos = 0, tag_pos = 0;
  gboolean changed;

  i = gtk_drop_down_get_selected (self->unit_dropdown);
  if (self->unit_ids != NULL && i != GTK_INVALID_LIST_POSITION && i < self->unit_ids->len)
    old_unit = g_array_index (self->unit_ids, gint64, i);
  i = gtk_drop_down_get_selected (self->tag_dropdown);
  if (self->tags != NULL && i != GTK_INVALID_LIST_POSITION && i >= 1 && i <= g_strv_length (self->tags))
    old_tag = g_strdup (self->tags[i - 1]);

  self->restoring = TRUE;

  g_array_set_size (self->unit_ids, 1);
  g_array_index (self->unit_ids, gint64, 0) = 0;
  g_ptr_array_add (labels, g_strdup (_("Every visible unit")));
  for (i = 0; units != NULL && i < units->len; i++)
    {
      LdUnit *unit = g_ptr_array_index (units, i);
      gint64 id = ld_unit_get_id (unit);
      int depth = MAX (0, ld_unit_get_depth (unit));
      GString *label = g_string_new (NULL);

      /* Units in tree order, indented by depth with em spaces (U+2003),
       * which the button keeps visible too. */
      for (int d = 0; d < depth; d++)
        g_string_append (label, "\u2003");
      g_string_append (label, ld_unit_get_name (unit));
      g_ptr_array_add (labels, g_string_free (label, FALSE));
      g_array_append_val (self->unit_ids, id);
      if (id == old_unit)
        unit_pos = self->unit_ids->len - 1;
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->unit_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_list)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->unit_dropdown, unit_pos);

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (labels, g_strdup (_("Any tag")));
  for (i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_ptr_array_add (labels, g_strdup (tags[i]));
      if (g_strcmp0 (tags[i], old_tag) == 0)
        tag_pos = i + 1;
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->tag_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_list)),
                          (const char * const *) labels->pdata);
  g_strfreev (self->tags);
  self->tags = g_strdupv (tags);
  gtk_drop_down_set_selected (self->tag_dropdown, tag_pos);

  self->restoring = FALSE;

  /* The list must follow if a chosen unit or tag disappeared. */
  changed = (old_unit != 0 && unit_pos == 0) || (old_tag != NULL && tag_pos == 0);

  return changed;
}

/* Loading ------------------------------------------------------------------ */

typedef struct
{
  gboolean   has_scope;
  gint64     total;
  GPtrArray *units;
  GStrv      tags;
} Context;

static void
context_free (Context *context)
{
  g_clear_pointer (&context->units, g_ptr_array_unref);
  g_clear_pointer (&context->tags, g_strfreev);
  g_free (context);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Context, context_free)

static gpointer
context_worker (LdVault       *vault,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *account = data;
  g_autoptr(Context) context = g_new0 (Context, 1);
  g_autoptr(GArray) scopes = NULL;
  LdCadreFilter filter = { 0 };

  if ((scopes = ld_scope_list (vault, account, error)) == NULL)
    return NULL;

  context->has_scope = scopes->len > 0;
  if (!context->has_scope)
    return g_steal_pointer (&context);

  filter.order = LD_CADRE_ORDER_ID;
  if (!ld_cadre_repository_count (vault, &filter, &context->total, error))
    return NULL;
  if ((context->units = ld_unit_repository_list (vault, FALSE, error)) == NULL)
    return NULL;
  if ((context->tags = ld_cadre_repository_list_tags (vault, error)) == NULL)
    return NULL;

  return g_steal_pointer (&context);
}

static void
context_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LdCadresPage) self = user_data;
  g_autoptr(Context) context = NULL;
  g_autoptr(GError) error = NULL;

  context = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    return;

  self->context_loading = FALSE;
  self->context_loaded = TRUE;

  if (context == NULL)
    {
      self->has_scope = TRUE;
      ld_page_show_toast (LD_PAGE (self), error != NULL ? error->message : _("The cadres could not be read."));
      update_state (self);
      return;
    }

  self->has_scope = context->has_scope;
  self->total = context->total;

  if (fill_dynamic_filters (self, context->units, context->tags))
    load_list (self);

  update_state (self);
}

/* GTK 4.8 has no gtk_column_view_scroll_to() (4.12): the internal list
 * view's "list.scroll-to-item" action does it. */
static void
scroll_to_position (LdCadresPage *self,
                    guint         position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

static void
on_list_loaded_cb (LdCadresPage     *self,
                   const GError     *error,
                   LdCadreListModel *model)
{
  /* A new list starts at its top: the old scroll offset would point into
   * rows the list view has no widgets for (GTK 4.8 shows them blank). The
   * anchor is moved, not the adjustment, which needs an allocation. */
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    scroll_to_position (self, 0);

  self->list_loaded = TRUE;
  g_clear_error (&self->load_error);

  if (error != NULL)
    {
      self->load_error = g_error_copy (error);
      adw_status_page_set_description (self->error_status, error->message);
    }

  if (self->reselect_id != 0)
    {
      guint pos = ld_cadre_list_model_find (model, self->reselect_id);

      if (pos != G_MAXUINT)
        {
          gtk_single_selection_set_selected (self->selection, pos);
          scroll_to_position (self, pos);
        }
      self->reselect_id = 0;
    }

  update_state (self);
}

static void
on_model_loading_cb (LdCadresPage     *self,
                     GParamSpec       *pspec,
                     LdCadreListModel *model)
{
  update_state (self);
}

static void
ld_cadres_page_refresh (LdPage *page)
{
  LdCadresPage *self = LD_CADRES_PAGE (page);
  LdVault *vault = ld_page_get_vault (page);
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;
  LdCadreRow *row;

  if (session == NULL || self->model == NULL)
    return;

  /* Keep the selected cadre selected across the reload. */
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row != NULL)
    self->reselect_id = ld_cadre_row_get_id (row);

  self->context_loading = TRUE;
  ld_vault_run_async (vault,
                      context_worker,
                      g_strdup (session->name),
                      g_free,
                      (GDestroyNotify) context_free,
                      ld_page_get_cancellable (page),
                      context_cb,
                      g_object_ref (self));

  load_list (self);

  if (showing_file (self))
    ld_cadre_file_view_load (LD_CADRE_FILE_VIEW (self->file_view),
                             ld_cadre_file_view_get_cadre_id (LD_CADRE_FILE_VIEW (self->file_view)));
}

/* Sorting ------------------------------------------------------------------ */

/* GTK 4.8 has no getters for the sort column of a GtkColumnViewSorter
 * (4.10), so each sortable column gets a probe sorter: comparing two dummy
 * objects through the column view's sorter calls the primary column's
 * probe first, which records itself and answers "smaller"; the sign of the
 * result tells the direction. The vault does the real sorting. */
static const ColumnInfo *probe_hit;

static int
probe_sort_func (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  if (probe_hit == NULL)
    probe_hit = user_data;

  return GTK_ORDERING_SMALLER;
}

static const ColumnInfo *
probe_sort_column (LdCadresPage *self,
                   gboolean     *descending)
{
  static GObject *dummies[2];
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  if (dummies[0] == NULL)
    {
      dummies[0] = g_object_new (G_TYPE_OBJECT, NULL);
      dummies[1] = g_object_new (G_TYPE_OBJECT, NULL);
    }

  probe_hit = NULL;
  ordering = gtk_sorter_compare (sorter, dummies[0], dummies[1]);
  *descending = ordering == GTK_ORDERING_LARGER;

  return probe_hit;
}

static void
save_order (LdCadresPage *self)
{
  if (self->settings == NULL || self->restoring)
    return;

  g_settings_set_string (self->settings, "cadre-list-order", self->order);
  g_settings_set_boolean (self->settings, "cadre-list-descending", self->descending);
}

static void
on_sorter_changed_cb (LdCadresPage *self,
                      GtkSorterChange change,
                      GtkSorter    *sorter)
{
  const ColumnInfo *info;
  gboolean descending = FALSE;

  if (self->restoring)
    return;

  info = probe_sort_column (self, &descending);

  /* The vault sorts by one column: keep only that one in the sorter, so a
   * single header shows an arrow. GTK 4.8 tells only the column it sets or
   * the first it clears to redraw its arrow, so the previous column is set
   * and cleared on its own first. */
  self->restoring = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (column_infos[i].order != NULL && g_strcmp0 (column_infos[i].order, self->order) == 0 &&
        &column_infos[i] != info)
      gtk_column_view_sort_by_column (self->column_view, column_of (self, &column_infos[i]), GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  if (info != NULL)
    gtk_column_view_sort_by_column (self->column_view, column_of (self, info),
                                    descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->restoring = FALSE;

  g_free (self->order);
  self->order = g_strdup (info != NULL && info->order != NULL ? info->order : "name");
  self->descending = info != NULL && descending;

  save_order (self);
  load_list (self);
}

static void
apply_sort_column (LdCadresPage *self)
{
  GtkColumnViewColumn *column = self->name_column;

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (g_strcmp0 (column_infos[i].order, self->order) == 0)
      column = column_of (self, &column_infos[i]);

  self->restoring = TRUE;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view, column,
                                  self->descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->restoring = FALSE;
}

/* Column chooser ----------------------------------------------------------- */

static void
save_columns (LdCadresPage *self)
{
  GListModel *columns;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  guint n;

  if (self->settings == NULL || self->restoring)
    return;

  columns = gtk_column_view_get_columns (self->column_view);
  n = g_list_model_get_n_items (columns);
  builder = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ColumnInfo *info = info_of_column (self, column);

      if (info != NULL && gtk_column_view_column_get_visible (column))
        g_strv_builder_add (builder, info->id);
    }

  ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "cadre-list-columns", (const char * const *) ids);
}

static void
on_columns_changed_cb (LdCadresPage *self,
                       guint         position,
                       guint         removed,
                       guint         added,
                       GListModel   *columns)
{
  /* The user dragged a column header. */
  save_columns (self);
}

static void
set_column_visible (LdCadresPage *self,
                    const char   *id,
                    gboolean      visible)
{
  const ColumnInfo *info = find_column_info (id);
  GAction *action;

  if (info == NULL)
    return;

  /* The name says whose row it is: it always stays. */
  if (g_str_equal (id, "name"))
    visible = TRUE;

  gtk_column_view_column_set_visible (column_of (self, info), visible);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->column_actions), id);
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (visible));
}

static void
on_column_action_cb (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  LdCadresPage *self = user_data;

  set_column_visible (self, g_action_get_name (G_ACTION (action)), g_variant_get_boolean (state));
  save_columns (self);
}

/* Shows the columns of ids in their order, the others hidden after them. */
static void
apply_columns (LdCadresPage       *self,
               const char * const *ids)
{
  guint pos = 0;

  self->restoring = TRUE;

  if (ids == NULL || !g_strv_contains (ids, "name"))
    gtk_column_view_insert_column (self->column_view, pos++, self->name_column);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const ColumnInfo *info = find_column_info (ids[i]);

      if (info == NULL)
        continue;

      gtk_column_view_insert_column (self->column_view, pos++, column_of (self, info));
      set_column_visible (self, info->id, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (ids == NULL || !g_strv_contains (ids, column_infos[i].id))
      set_column_visible (self, column_infos[i].id, g_str_equal (column_infos[i].id, "name"));

  self->restoring = FALSE;
}

static void
setup_columns (LdCadresPage *self)
{
  g_auto(GStrv) ids = NULL;

  self->column_actions = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    {
      const ColumnInfo *info = &column_infos[i];
      g_autoptr(GSimpleAction) action = NULL;

      if (g_str_equal (info->id, "name"))
        continue;

      action = g_simple_action_new_stateful (info->id, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_action_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->column_actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (self->column_actions));

  /* Sorting by the vault: the sorters only make the headers clickable. */
  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (column_infos[i].order != NULL)
      {
        g_autoptr(GtkSorter) sorter = NULL;

        sorter = GTK_SORTER (gtk_custom_sorter_new (probe_sort_func, (gpointer) &column_infos[i], NULL));
        gtk_column_view_column_set_sorter (column_of (self, &column_infos[i]), sorter);
      }

  if (self->settings != NULL)
    {
      ids = g_settings_get_strv (self->settings, "cadre-list-columns");
      self->order = g_settings_get_string (self->settings, "cadre-list-order");
      self->descending = g_settings_get_boolean (self->settings, "cadre-list-descending");
      self->name_order = g_settings_get_string (self->settings, "cadre-list-name-order");
    }
  else
    {
      ids = g_strdupv ((char **) default_columns);
      self->order = g_strdup ("name");
      self->name_order = g_strdup ("stroke");
    }

  apply_columns (self, (const char * const *) ids);
  apply_sort_column (self);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_columns (self->column_view), "items-changed",
                           G_CALLBACK (on_columns_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
set_name_order (LdCadresPage *self,
                const char   *name_order)
{
  if (g_strcmp0 (name_order, "pinyin") != 0)
    name_order = "stroke";

  if (g_strcmp0 (self->name_order, name_order) == 0)
    return;

  g_free (self->name_order);
  self->name_order = g_strdup (name_order);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "cadre-list-name-order", name_order);

  if (g_strcmp0 (self->order, "name") == 0)
    load_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME_ORDER]);
}

/* The file ----------------------------------------------------------------- */

static void
on_row_activated_cb (LdCadresPage  *self,
                     guint          position,
                     GtkColumnView *column_view)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  gtk_single_selection_set_selected (self->selection, position);
  ld_cadres_page_open_cadre (self, ld_cadre_list_model_get_id (self->model, position));
}

static void
on_file_close_requested_cb (LdCadresPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_file_changed_cb (LdCadresPage *self,
                    gint64        cadre_id)
{
  ld_cadre_list_model_refresh_cadre (self->model, cadre_id);
}

static void
on_file_add_toast_cb (LdCadresPage *self,
                      AdwToast     *toast)
{
  ld_page_add_toast (LD_PAGE (self), toast);
}

/* Actions ------------------------------------------------------------------ */

static gint64
chosen_unit (LdCadresPage *self)
{
  guint i = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->unit_ids != NULL && i != GTK_INVALID_LIST_POSITION && i < self->unit_ids->len)
    return g_array_index (self->unit_ids, gint64, i);

  return 0;
}

static GtkWindow *
parent_window (LdCadresPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_cadre_saved_cb (LdCadresPage *self,
                   gint64        cadre_id,
                   GtkWindow    *dialog)
{
  ld_page_refresh (LD_PAGE (self));
  self->reselect_id = cadre_id;
  ld_cadres_page_open_cadre (self, cadre_id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);
  LdCadreDialog *dialog;

  dialog = ld_cadre_dialog_new (parent_window (self), ld_page_get_vault (LD_PAGE (self)), 0, chosen_unit (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_cadre_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
on_imported_cb (LdCadresPage *self,
                gint64        n_created,
                gint64        n_updated,
                GtkWindow    *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: the counts of cadres added and changed by an import. */
  message = g_strdup_printf (_("Roster imported: %d new, %d updated"), (int) n_created, (int) n_updated);
  ld_page_show_toast (LD_PAGE (self), message);
  ld_page_refresh (LD_PAGE (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);
  LdImportDialog *dialog;

  dialog = ld_import_dialog_new (parent_window (self), ld_page_get_vault (LD_PAGE (self)), chosen_unit (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ld_page_refresh (LD_PAGE (widget));
}

#ifdef LD_UI_HAVE_EXPORT_DIALOG
/* The export columns of the visible columns, in the order shown. */
static GStrv
dup_export_columns (LdCadresPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ColumnInfo *info = info_of_column (self, column);

      if (info == NULL || !gtk_column_view_column_get_visible (column))
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (info->export) && info->export[k] != NULL; k++)
        g_strv_builder_add (builder, info->export[k]);
    }

  return g_strv_builder_end (builder);
}

/* Exports what the list shows: its filter, search, order and columns; in
 * the file, the file. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);
  g_autoptr(LdExportRequest) request = NULL;
  LdCadreFilter filter = { 0 };

  if (showing_file (self))
    {
      gtk_widget_activate_action (self->file_view, "file.export", NULL);
      return;
    }

  read_filter (self, &filter);

  request = ld_export_request_new (LD_EXPORT_ROSTER);
  request->unit_id = filter.unit_id;
  request->search = g_strdup (filter.search);
  request->order = filter.order;
  request->descending = filter.descending;
  request->include_retired = filter.include_retired;
  request->categories = filter.categories;
  request->authority = g_strdup (filter.authority);
  request->post_level = g_strdup (filter.post_level);
  request->status = g_strdup (filter.status);
  request->tag = g_strdup (filter.tag);
  request->columns = dup_export_columns (self);

  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
}

/* The selected cadre's file (the list selects one row), as a batch into
 * a folder. */
static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);
  g_autoptr(LdExportRequest) request = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);
  gint64 id;

  if (position == GTK_INVALID_LIST_POSITION
      || position >= g_list_model_get_n_items (G_LIST_MODEL (self->model))
      || (id = ld_cadre_list_model_get_id (self->model, position)) <= 0)
    return;

  request = ld_export_request_new (LD_EXPORT_CADRES);
  request->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (request->cadre_ids, id);

  ld_export_dialog_present_for (widget, ld_page_get_vault (LD_PAGE (self)), request);
}
#endif

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LdCadresPage *self = LD_CADRES_PAGE (widget);

  self->restoring = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search, g_free);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->authority_dropdown, 0);
  gtk_drop_down_set_selected (self->level_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  self->restoring = FALSE;

  load_list (self);
}

/* GObject ------------------------------------------------------------------ */

static void
ld_cadres_page_constructed (GObject *object)
{
  LdCadresPage *self = (LdCadresPage *)object;
  GApplication *app = g_application_get_default ();
  LdVault *vault;

  G_OBJECT_CLASS (ld_cadres_page_parent_class)->constructed (object);

  vault = ld_page_get_vault (LD_PAGE (self));

  if (LD_IS_APPLICATION (app) && ld_application_get_settings (LD_APPLICATION (app)) != NULL)
    self->settings = g_object_ref (ld_application_get_settings (LD_APPLICATION (app)));

  fill_static_filters (self);
  setup_factories (self);
  setup_columns (self);

  self->model = ld_cadre_list_model_new (vault);
  g_signal_connect_object (self->model, "loaded", G_CALLBACK (on_list_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_model_loading_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  self->file_view = GTK_WIDGET (ld_cadre_file_view_new (vault));
  gtk_stack_add_named (self->view_stack, self->file_view, "file");
  g_signal_connect_object (self->file_view, "close-requested", G_CALLBACK (on_file_close_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->file_view, "changed", G_CALLBACK (on_file_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->file_view, "add-toast", G_CALLBACK (on_file_add_toast_cb), self, G_CONNECT_SWAPPED);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  /* Exporting the selected file needs a selection. */
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
#endif

  /* Typing in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  update_state (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_cadres_page_dispose (GObject *object)
{
  LdCadresPage *self = (LdCadresPage *)object;

  /* Removing the columns below changes the sorter and the column list:
   * neither is a user's choice to save. */
  self->restoring = TRUE;

  if (self->model != NULL)
    ld_cadre_list_model_cancel (self->model);

  if (self->column_actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_CADRES_PAGE);
  self->file_view = NULL;

  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->column_actions);

  G_OBJECT_CLASS (ld_cadres_page_parent_class)->dispose (object);
}

static void
ld_cadres_page_finalize (GObject *object)
{
  LdCadresPage *self = (LdCadresPage *)object;

  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->name_order, g_free);
  g_clear_pointer (&self->count_text, g_free);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (ld_cadres_page_parent_class)->finalize (object);
}

static void
ld_cadres_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdCadresPage *self = LD_CADRES_PAGE (object);

  switch (prop_id)
    {
    case PROP_NAME_ORDER:
      g_value_set_string (value, self->name_order != NULL ? self->name_order : "stroke");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadres_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdCadresPage *self = LD_CADRES_PAGE (object);

  switch (prop_id)
    {
    case PROP_NAME_ORDER:
      set_name_order (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadres_page_class_init (LdCadresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_cadres_page_constructed;
  object_class->dispose = ld_cadres_page_dispose;
  object_class->finalize = ld_cadres_page_finalize;
  object_class->get_property = ld_cadres_page_get_property;
  object_class->set_property = ld_cadres_page_set_property;

  page_class->refresh = ld_cadres_page_refresh;

  /* "stroke" (surname strokes, the order of official rosters) or "pinyin". */
  properties [PROP_NAME_ORDER] =
    g_param_spec_string ("name-order", NULL, NULL,
                         "stroke",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LD_TYPE_CADRE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-cadres-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, authority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, unit_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, authority_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, level_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, tag_list);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, sex_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, birth_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, id_number_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, unit_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, post_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, rank_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, post_since_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, categories_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, tags_column);
  gtk_widget_class_bind_template_child (widget_class, LdCadresPage, status_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "cadres.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "cadres.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "cadres.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "cadres.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "cadres.clear-filters", NULL, clear_filters_action);
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  gtk_widget_class_install_action (widget_class, "cadres.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "cadres.export-selected", NULL, export_selected_action);
#endif
  gtk_widget_class_install_property_action (widget_class, "cadres.name-order", "name-order");
}

static void
ld_cadres_page_init (LdCadresPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdCadresPage *
ld_cadres_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_CADRES_PAGE,
                       "vault", vault,
                       "title", _("Cadres"),
                       "icon-name", "system-users-symbolic",
                       NULL);
}

void
ld_cadres_page_open_cadre (LdCadresPage *self,
                           gint64        cadre_id)
{
  g_return_if_fail (LD_IS_CADRES_PAGE (self));
  g_return_if_fail (cadre_id > 0);

  ld_cadre_file_view_load (LD_CADRE_FILE_VIEW (self->file_view), cadre_id);
  gtk_stack_set_visible_child_name (self->view_stack, "file");
  gtk_widget_grab_focus (self->file_view);
}

const char *
ld_cadres_page_get_state (LdCadresPage *self)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), NULL);

  if (showing_file (self))
    return "file";

  return gtk_stack_get_visible_child_name (self->content_stack);
}

GListModel *
ld_cadres_page_get_model (LdCadresPage *self)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
ld_cadres_page_get_loading (LdCadresPage *self)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), FALSE);

  return !self->context_loaded || self->context_loading || !self->list_loaded ||
         ld_cadre_list_model_get_loading (self->model);
}

void
ld_cadres_page_set_search (LdCadresPage *self,
                           const char   *text)
{
  g_return_if_fail (LD_IS_CADRES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Skip the typing delay. */
  on_search_changed_cb (self, self->search_entry);
}

void
ld_cadres_page_set_category (LdCadresPage *self,
                             guint         category)
{
  guint pos = 0;

  g_return_if_fail (LD_IS_CADRES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (category_flags); i++)
    if (category_flags[i] == category)
      pos = i + 1;

  gtk_drop_down_set_selected (self->category_dropdown, pos);
}

gboolean
ld_cadres_page_set_unit (LdCadresPage *self,
                         gint64        unit_id)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), FALSE);

  for (guint i = 0; self->unit_ids != NULL && i < self->unit_ids->len; i++)
    if (g_array_index (self->unit_ids, gint64, i) == unit_id)
      {
        gtk_drop_down_set_selected (self->unit_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

void
ld_cadres_page_sort_by (LdCadresPage *self,
                        const char   *order,
                        gboolean      descending)
{
  GtkColumnViewColumn *column = NULL;

  g_return_if_fail (LD_IS_CADRES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (column_infos); i++)
    if (g_strcmp0 (column_infos[i].order, order) == 0)
      column = column_of (self, &column_infos[i]);

  g_return_if_fail (column != NULL);

  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

GtkColumnViewColumn *
ld_cadres_page_get_column (LdCadresPage *self,
                           const char   *id)
{
  const ColumnInfo *info;

  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), NULL);

  info = find_column_info (id);

  return info != NULL ? column_of (self, info) : NULL;
}

GtkWidget *
ld_cadres_page_get_file_view (LdCadresPage *self)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), NULL);

  return self->file_view;
}

const char *
ld_cadres_page_get_count_text (LdCadresPage *self)
{
  g_return_val_if_fail (LD_IS_CADRES_PAGE (self), NULL);

  return self->count_text != NULL ? self->count_text : "";
}
