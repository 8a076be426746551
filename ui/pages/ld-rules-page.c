/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-rules-page"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "ld-rules-page.h"

#include "dialogs/ld-rule-dialog.h"
#include "ld-ui-utils.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-rules-repository.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-permissions.h"

#define TAGS_KEY "high-risk-post-tags"

typedef struct
{
  AdwActionRow *row;
  GtkLabel     *value_label;
  GtkButton    *button;
} RuleWidgets;

struct _LdRulesPage
{
  LdPage               parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *rules_group;
  AdwPreferencesGroup *case_rules_group;
  AdwPreferencesGroup *history_group;
  GtkListBox          *history_list;
  GtkLabel            *history_empty_label;
  GtkSpinner          *spinner;

  /* Owned References */
  GHashTable          *widgets;   /* key → RuleWidgets (borrowed widgets) */
  GHashTable          *values;    /* key → value in force, text form */
  GPtrArray           *history;   /* LdRuleRow, newest first */
};

G_DEFINE_FINAL_TYPE (LdRulesPage, ld_rules_page, LD_TYPE_PAGE)

typedef struct
{
  LdCategoryRules  rules;
  LdCaseRules      case_rules;
  GPtrArray       *history;        /* LdRuleRow of both kinds, oldest first */
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  ld_category_rules_clear (&result->rules);
  g_clear_pointer (&result->history, g_ptr_array_unref);
  g_free (result);
}

static gboolean
may_change (LdRulesPage *self)
{
  LdVault *vault = ld_page_get_vault (LD_PAGE (self));
  const LdSession *session = vault != NULL ? ld_vault_get_session (vault) : NULL;

  return session != NULL &&
         ld_permission_allows (session->role, session->grants, LD_ACTION_RECORD_APPROVE);
}

/* The one place that decides whether rules.change is enabled. */
static void
update_actions (LdRulesPage *self)
{
  gboolean busy = ld_page_get_busy (LD_PAGE (self));
  gboolean may = may_change (self);
  GHashTableIter iter;
  RuleWidgets *widgets;

  /* Template children are gone once disposed. */
  if (self->spinner == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.change", may && !busy && self->values != NULL);

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &widgets))
    gtk_widget_set_tooltip_text (GTK_WIDGET (widgets->button),
                                 may ? _("Change this rule")
                                     : _("Only the leader may change the rules."));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* Formatting --------------------------------------------------------------- */

/* The label of a category or case rule key, or NULL. */
static const char *
rule_label (const char *key)
{
  if (ld_case_rules_is_key (key))
    return ld_case_rule_key_get_label (key);
  return ld_category_rule_key_get_label (key);
}

static char *
format_case_value (const char *key,
                   const char *value)
{
  const char *unit = ld_case_rule_key_get_unit (key);
  int n;

  if (value == NULL)
    return g_strdup ("—");

  /* The core names the unit (translated); the value needs its plural. */
  n = atoi (value);
  if (g_strcmp0 (unit, C_("rule unit", "working days")) == 0)
    return g_strdup_printf (ngettext ("%d working day", "%d working days", n), n);
  if (g_strcmp0 (unit, C_("rule unit", "months")) == 0)
    return g_strdup_printf (ngettext ("%d month", "%d months", n), n);
  if (g_strcmp0 (unit, C_("rule unit", "days")) == 0)
    return g_strdup_printf (ngettext ("%d day", "%d days", n), n);

  /* Translators: a rule value and its unit, e.g. “15 working days”. */
  return g_strdup_printf (C_("rule value", "%s %s"), value, unit);
}

static char *
format_value (const char *key,
              const char *value)
{
  const char *unit;
  int n;

  if (ld_case_rules_is_key (key))
    return format_case_value (key, value);

  unit = ld_category_rule_key_get_unit (key);
  if (value == NULL)
    return g_strdup ("—");

  if (g_strcmp0 (key, TAGS_KEY) == 0)
    {
      g_auto(GStrv) codes = g_strsplit (value, ",", -1);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; codes[i] != NULL; i++)
        {
          const char *code = g_strstrip (codes[i]);
          const char *label;

          if (code[0] == '\0')
            continue;
          label = ld_code_get_label (LD_CODE_TABLE_POST_TAG, code);
          if (out->len > 0)
            /* Translators: separates the post types of a list. */
            g_string_append (out, C_("list separator", ", "));
          g_string_append (out, label != NULL ? label : code);
        }

      if (out->len == 0)
        return g_strdup (C_("post types", "None"));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  n = atoi (value);
  if (n == 0)
    {
      if (g_str_has_suffix (key, "-zheng"))
        return g_strdup (_("Level threshold"));
      return g_strdup (_("Not applied"));
    }

  if (g_strcmp0 (unit, "months") == 0)
    return g_strdup_printf (ngettext ("%d month", "%d months", n), n);

  return g_strdup_printf (ngettext ("%d year", "%d years", n), n);
}

/* The value for the row's suffix: for the post types their number (the
 * list goes into the subtitle). */
static char *
format_short_value (const char *key,
                    const char *value)
{
  g_auto(GStrv) codes = NULL;
  guint n = 0;

  if (value == NULL || g_strcmp0 (key, TAGS_KEY) != 0)
    return format_value (key, value);

  codes = g_strsplit (value, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strstrip (codes[i])[0] != '\0')
      n++;

  if (n == 0)
    return g_strdup (C_("post types", "None"));
  return g_strdup_printf (ngettext ("%u post type", "%u post types", n), n);
}

/* The subtitle: the post types first (for that rule), then the rest. */
static char *
format_subtitle (const char *key,
                 const char *value,
                 const char *rest)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strcmp0 (key, TAGS_KEY) != 0)
    return g_strdup (rest);

  list = format_value (key, value);
  return g_strdup_printf ("%s\n%s", list, rest);
}

static char *
format_origin (const LdRuleOrigin *origin)
{
  const char *source;

  if (origin == NULL)
    return g_strdup ("");

  source = origin->source != NULL && origin->source[0] != '\0' ? origin->source : _("No source recorded");
  if (!g_date_valid (&origin->valid_from))
    return g_strdup (source);

  /* Translators: the first %s is the source of a rule (a regulation or a
   * document number), the second a date. */
  return g_strdup_printf (_("%s · valid from %04d-%02d-%02d"), source,
                          g_date_get_year (&origin->valid_from),
                          g_date_get_month (&origin->valid_from),
                          g_date_get_day (&origin->valid_from));
}

/* Rows --------------------------------------------------------------------- */

/* One row per rule key: the keys are data, fixed by the core. */
static void
build_rule_rows_of (LdRulesPage         *self,
                    const char * const  *keys,
                    AdwPreferencesGroup *group)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      RuleWidgets *widgets = g_new0 (RuleWidgets, 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new ("—");
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Change…"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule_label (keys[i]));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "rules.change");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (keys[i]));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);

      widgets->row = ADW_ACTION_ROW (row);
      widgets->value_label = GTK_LABEL (label);
      widgets->button = GTK_BUTTON (button);
      g_hash_table_insert (self->widgets, g_strdup (keys[i]), widgets);
    }
}

static void
build_rule_rows (LdRulesPage *self)
{
  build_rule_rows_of (self, ld_category_rules_keys (), self->rules_group);
  build_rule_rows_of (self, ld_case_rules_keys (), self->case_rules_group);
}

static void
clear_history_rows (LdRulesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
}

static GtkWidget *
create_history_row (const LdRuleRow *rule_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;
  g_autofree char *value = format_short_value (rule_row->key, rule_row->value);
  g_autofree char *details = NULL;
  g_autofree char *when = ld_format_timestamp (rule_row->created_at);
  g_autofree char *subtitle = NULL;
  const char *label_text = rule_label (rule_row->key);

  /* Translators: a stored change of a category rule: who, when, the
   * source (a regulation or document number) and the valid-from date. */
  details = g_strdup_printf (_("By %s on %s · %s · valid from %s"),
                              rule_row->account != NULL ? rule_row->account : "—",
                              when,
                              rule_row->source != NULL ? rule_row->source : "",
                              rule_row->valid_from != NULL && rule_row->valid_from[0] != '\0'
                                ? rule_row->valid_from : C_("rule valid from", "always"));
  subtitle = format_subtitle (rule_row->key, rule_row->value, details);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label_text != NULL ? label_text : rule_row->key);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* The origin of a case rule in force: its latest stored row valid today
 * (the case rules carry no origin of their own). */
static char *
case_origin (const char *key,
             GPtrArray  *history)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const LdRuleRow *found = NULL;

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const LdRuleRow *row = g_ptr_array_index (history, i);

      if (g_strcmp0 (row->key, key) != 0)
        continue;
      if (row->valid_from != NULL && row->valid_from[0] != '\0' && g_strcmp0 (row->valid_from, today) > 0)
        continue;
      if (found == NULL || g_strcmp0 (row->valid_from, found->valid_from) >= 0)
        found = row;
    }

  if (found == NULL)
    return g_strdup (_("Default"));

  /* Translators: the first %s is the source of a rule (a regulation or a
   * document number), the second a date. */
  return g_strdup_printf (_("%s · valid from %s"),
                          found->source != NULL && found->source[0] != '\0' ? found->source : _("No source recorded"),
                          found->valid_from != NULL && found->valid_from[0] != '\0'
                            ? found->valid_from : C_("rule valid from", "always"));
}

static void
show_case_values (LdRulesPage *self,
                  LoadResult  *result)
{
  const char * const *keys = ld_case_rules_keys ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RuleWidgets *widgets = g_hash_table_lookup (self->widgets, keys[i]);
      char *value = ld_case_rules_get (&result->case_rules, keys[i]);
      g_autofree char *text = format_case_value (keys[i], value);
      g_autofree char *origin = case_origin (keys[i], result->history);

      g_hash_table_insert (self->values, g_strdup (keys[i]), value);
      if (widgets == NULL)
        continue;
      gtk_label_set_label (widgets->value_label, text);
      adw_action_row_set_subtitle (widgets->row, origin);
    }
}

static void
show_result (LdRulesPage *self,
             LoadResult  *result)
{
  const char * const *keys = ld_category_rules_keys ();

  g_clear_pointer (&self->values, g_hash_table_unref);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RuleWidgets *widgets = g_hash_table_lookup (self->widgets, keys[i]);
      char *value = ld_category_rules_get (&result->rules, keys[i]);
      g_autofree char *text = format_short_value (keys[i], value);
      g_autofree char *origin = format_origin (ld_category_rules_get_origin (&result->rules, keys[i]));
      g_autofree char *subtitle = format_subtitle (keys[i], value, origin);

      g_hash_table_insert (self->values, g_strdup (keys[i]), value);
      if (widgets == NULL)
        continue;
      gtk_label_set_label (widgets->value_label, text);
      adw_action_row_set_subtitle (widgets->row, subtitle);
    }

  show_case_values (self, result);

  /* Newest first. */
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_rule_row_free);
  for (guint i = result->history->len; i > 0; i--)
    g_ptr_array_add (self->history, g_ptr_array_steal_index (result->history, i - 1));

  clear_history_rows (self);
  for (guint i = 0; i < self->history->len; i++)
    gtk_list_box_append (self->history_list, create_history_row (g_ptr_array_index (self->history, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), self->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty_label), self->history->len == 0);
}

/* Loading ------------------------------------------------------------------ */

static int
compare_rule_rows (gconstpointer a,
                   gconstpointer b)
{
  const LdRuleRow *ra = *(LdRuleRow * const *) a;
  const LdRuleRow *rb = *(LdRuleRow * const *) b;

  if (ra->created_at != rb->created_at)
    return ra->created_at < rb->created_at ? -1 : 1;
  return ra->id < rb->id ? -1 : ra->id > rb->id;
}

static gpointer
load_worker (LdVault       *vault,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GPtrArray) case_history = NULL;

  ld_case_rules_init_defaults (&result->case_rules);
  if (!ld_rules_repository_load (vault, NULL, &result->rules, error) ||
      !ld_case_rules_repository_load (vault, NULL, &result->case_rules, error) ||
      (result->history = ld_rules_repository_history (vault, error)) == NULL ||
      (case_history = ld_case_rules_repository_history (vault, error)) == NULL)
    {
      load_result_free (result);
      return NULL;
    }

  /* One history of both kinds, oldest first. */
  for (guint i = 0; i < case_history->len; i++)
    {
      LdRuleRow *row = g_ptr_array_index (case_history, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < result->history->len && !seen; j++)
        seen = ((LdRuleRow *) g_ptr_array_index (result->history, j))->id == row->id;
      if (!seen)
        g_ptr_array_add (result->history, g_ptr_array_steal_index (case_history, i--));
    }
  g_ptr_array_sort (result->history, compare_rule_rows);

  return result;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LdRulesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded;

  loaded = ld_vault_run_finish (LD_VAULT (object), result, &error);

  if (ld_error_is_cancelled (error) || g_cancellable_is_cancelled (ld_page_get_cancellable (LD_PAGE (self))))
    {
      g_clear_pointer (&loaded, load_result_free);
      return;
    }

  ld_page_set_busy (LD_PAGE (self), FALSE);

  if (loaded == NULL)
    ld_page_show_toast (LD_PAGE (self), error ? error->message : _("The category rules could not be read."));
  else
    {
      show_result (self, loaded);
      load_result_free (loaded);
    }

  update_actions (self);
}

static void
ld_rules_page_refresh (LdPage *page)
{
  LdRulesPage *self = LD_RULES_PAGE (page);

  ld_page_set_busy (page, TRUE);
  update_actions (self);

  ld_vault_run_async (ld_page_get_vault (page),
                      load_worker,
                      NULL, NULL,
                      load_result_free,
                      ld_page_get_cancellable (page),
                      load_cb,
                      g_object_ref (self));
}

/* Actions ------------------------------------------------------------------ */

static void
on_rule_saved_cb (LdRulesPage  *self,
                  const char   *message,
                  LdRuleDialog *dialog)
{
  if (message != NULL)
    ld_page_show_toast (LD_PAGE (self), message);

  ld_page_refresh (LD_PAGE (self));
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LdRulesPage *self = LD_RULES_PAGE (widget);
  const char *key = g_variant_get_string (param, NULL);
  LdRuleDialog *dialog;

  if (!may_change (self) || self->values == NULL || rule_label (key) == NULL)
    return;

  dialog = ld_rule_dialog_new (ld_page_get_vault (LD_PAGE (self)), key,
                               g_hash_table_lookup (self->values, key));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_rule_saved_cb), self, G_CONNECT_SWAPPED);
  ld_present_dialog (GTK_WINDOW (dialog), widget);
}

/* GObject ------------------------------------------------------------------ */

static void
ld_rules_page_constructed (GObject *object)
{
  LdRulesPage *self = (LdRulesPage *)object;

  G_OBJECT_CLASS (ld_rules_page_parent_class)->constructed (object);

  build_rule_rows (self);
  update_actions (self);
  ld_page_refresh (LD_PAGE (self));
}

static void
ld_rules_page_dispose (GObject *object)
{
  LdRulesPage *self = (LdRulesPage *)object;

  if (self->widgets != NULL)
    g_hash_table_remove_all (self->widgets);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_RULES_PAGE);

  G_OBJECT_CLASS (ld_rules_page_parent_class)->dispose (object);
}

static void
ld_rules_page_finalize (GObject *object)
{
  LdRulesPage *self = (LdRulesPage *)object;

  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (ld_rules_page_parent_class)->finalize (object);
}

static void
ld_rules_page_class_init (LdRulesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LdPageClass *page_class = LD_PAGE_CLASS (klass);

  object_class->constructed = ld_rules_page_constructed;
  object_class->dispose = ld_rules_page_dispose;
  object_class->finalize = ld_rules_page_finalize;

  page_class->refresh = ld_rules_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/pages/ld-rules-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, case_rules_group);
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, history_empty_label);
  gtk_widget_class_bind_template_child (widget_class, LdRulesPage, spinner);

  gtk_widget_class_install_action (widget_class, "rules.change", "s", change_action);
}

static void
ld_rules_page_init (LdRulesPage *self)
{
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->history_list), FALSE);
}

LdRulesPage *
ld_rules_page_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_RULES_PAGE,
                       "vault", vault,
                       "title", _("Rules"),
                       "icon-name", "emblem-system-symbolic",
                       NULL);
}

const char *
ld_rules_page_get_value (LdRulesPage *self,
                         const char  *key)
{
  g_return_val_if_fail (LD_IS_RULES_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return self->values != NULL ? g_hash_table_lookup (self->values, key) : NULL;
}

GtkWidget *
ld_rules_page_get_row (LdRulesPage *self,
                       const char  *key)
{
  RuleWidgets *widgets;

  g_return_val_if_fail (LD_IS_RULES_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  widgets = g_hash_table_lookup (self->widgets, key);
  return widgets != NULL ? GTK_WIDGET (widgets->row) : NULL;
}

GtkWidget *
ld_rules_page_get_change_button (LdRulesPage *self,
                                 const char  *key)
{
  RuleWidgets *widgets;

  g_return_val_if_fail (LD_IS_RULES_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  widgets = g_hash_table_lookup (self->widgets, key);
  return widgets != NULL ? GTK_WIDGET (widgets->button) : NULL;
}

guint
ld_rules_page_get_n_history (LdRulesPage *self)
{
  g_return_val_if_fail (LD_IS_RULES_PAGE (self), 0);

  return self->history != NULL ? self->history->len : 0;
}

const char *
ld_rules_page_get_history_value (LdRulesPage *self,
                                 guint        position)
{
  LdRuleRow *row;

  g_return_val_if_fail (LD_IS_RULES_PAGE (self), NULL);

  if (self->history == NULL || position >= self->history->len)
    return NULL;

  row = g_ptr_array_index (self->history, position);
  return row->value;
}
