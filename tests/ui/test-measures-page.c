/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-measures-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <string.h>

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-measure-dialog.h"
#include "dialogs/ld-measure-event-dialog.h"
#include "ld-window.h"
#include "pages/ld-measure-forms-page.h"
#include "pages/ld-measures-page.h"
#include "records/ld-clue-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"
#include "widgets/ld-cadre-file-view.h"
#include "widgets/ld-measure-section.h"

/* A unit with two cadres and two measures of 张三丰 registered through the
 * repository: 提醒谈话 (F1, 2026-03-02) and 留党察看一年 (F3, approved
 * 2026-08-31, so blocking far beyond today). */
typedef struct
{
  gint64 cadre_id;
  gint64 remind_id;
  gint64 probation_id;
  gint64 clue_id;
} Seed;

static void
add_measure (LdVault    *vault,
             gint64      cadre_id,
             const char *code,
             const char *decision,
             const char *effective,
             gint64     *out_id)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;

  ld_measure_spec_init (&spec);
  spec.cadre_id = cadre_id;
  ld_measure_spec_set (&spec.code, code);
  ld_measure_spec_set (&spec.decision_date, decision);
  ld_measure_spec_set (&spec.effective_date, effective);
  ld_measure_spec_set (&spec.authority, "县纪委");
  ld_measure_spec_set (&spec.facts, "违规发放津贴");
  ld_measure_repository_create (vault, &spec, out_id, NULL, &error);
  g_assert_no_error (error);
}

static void
seed_vault (const char *dir,
            Seed       *seed)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;

  ld_ui_test_create_case_vault (dir);

  vault = ld_ui_test_open_vault (dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  seed->cadre_id = ld_ui_test_add_cadre (vault, unit_id, "张三丰", "34052419800101001X", "局长", TRUE);
  ld_ui_test_add_cadre (vault, unit_id, "张无忌", "340524198501010016", "副局长", FALSE);

  /* A clue about 张三丰 the new measure can come from. */
  {
    g_auto(LdClueSpec) clue = { 0 };

    ld_clue_spec_init (&clue);
    clue.source = g_strdup ("SRC_INSPECTION");
    clue.received_date = g_strdup ("2026-02-10");
    clue.cadre_id = seed->cadre_id;
    clue.summary = g_strdup ("巡察发现违规发放津贴");
    ld_clue_repository_create (vault, &clue, &seed->clue_id, &error);
    g_assert_no_error (error);
  }

  add_measure (vault, seed->cadre_id, "F1_REMIND_TALK", "2026-03-02", "", &seed->remind_id);
  add_measure (vault, seed->cadre_id, "P4A", "2026-08-20", "2026-08-31", &seed->probation_id);
  ld_vault_lock (vault, "exit");
}

static gpointer
get_measure_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return ld_measure_repository_get (vault, *(gint64 *) data, error);
}

static gpointer
retire_clue_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (!ld_clue_repository_retire (vault, *(gint64 *) data, "重复登记", error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static LdMeasure *
read_measure (LdVault *vault,
              gint64   id)
{
  return ld_ui_test_run_wait (vault, get_measure_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static GtkWindow *
show_page (LdMeasuresPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1240, 820);

  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);

  return window;
}

/* Every label and row title shown under widget, one a line. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
      else if (GTK_IS_INSCRIPTION (child) && gtk_inscription_get_text (GTK_INSCRIPTION (child)) != NULL)
        g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (child)));
      collect_texts (child, out);
    }
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GString) texts = g_string_new ("\n");

  collect_texts (widget, texts);
  return strstr (texts->str, text) != NULL;
}

static GtkWidget *
find_css_class (GtkWidget  *widget,
                const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_css_class (child, css_class)) != NULL)
        return found;
    }

  return NULL;
}

static void
on_saved_cb (GObject *dialog,
             gint64   id,
             gint64  *out)
{
  *out = id;
}

static void
test_measures_page_list_filter_show (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdMeasuresPage *page;
  GtkWindow *window;
  GtkWidget *button;
  Seed seed = { 0 };

  seed_vault (dir, &seed);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_measures_page_new (vault);
  window = show_page (page);

  /* Both measures are listed, newest decision first. */
  g_assert_cmpuint (g_list_model_get_n_items (ld_measures_page_get_model (page)), ==, 2);
  g_assert_false (ld_measures_page_get_empty (page));
  g_assert_true (shows_text (GTK_WIDGET (page), "F3"));
  g_assert_true (shows_text (GTK_WIDGET (page), "2026-03-02"));

  /* The form filter keeps only form one. */
  ld_measures_page_set_form_filter (page, 1);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page)
                       && g_list_model_get_n_items (ld_measures_page_get_model (page)) == 1, 10000);
  {
    g_autoptr(LdMeasure) only = g_list_model_get_item (ld_measures_page_get_model (page), 0);

    g_assert_cmpint (ld_measure_get_id (only), ==, seed.remind_id);
    g_assert_cmpint (ld_measure_get_form (only), ==, 1);
  }
  ld_measures_page_set_form_filter (page, 4);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page)
                       && g_list_model_get_n_items (ld_measures_page_get_model (page)) == 0, 10000);
  g_assert_false (ld_measures_page_get_empty (page));   /* "no results", not "no measures" */
  ld_measures_page_set_form_filter (page, 0);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page)
                       && g_list_model_get_n_items (ld_measures_page_get_model (page)) == 2, 10000);

  /* show_record selects it and shows its effect period and events. */
  ld_measures_page_show_record (page, seed.probation_id);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);
  g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, seed.probation_id);
  {
    g_autoptr(LdMeasure) selected = NULL;
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (ld_measures_page_get_model (page));

    selected = g_object_ref (gtk_single_selection_get_selected_item (selection));
    g_assert_cmpint (ld_measure_get_id (selected), ==, seed.probation_id);
  }
  g_assert_true (shows_text (GTK_WIDGET (page), "2026-08-31"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "measures-page");

  /* The investigator may write; extension is offered for 留党察看. */
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "measures.new");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "measures.lift")));
  g_assert_nonnull (ld_ui_test_find_action_button (GTK_WIDGET (page), "win.import-measures"));

  /* Lift it through the event dialog: a date before the effective date
   * is refused inline, a good one is recorded. */
  {
    LdMeasureEventDialog *dialog;
    g_autoptr(LdMeasure) lifted = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.lift", NULL));
    dialog = LD_MEASURE_EVENT_DIALOG (ld_ui_test_find_window (LD_TYPE_MEASURE_EVENT_DIALOG));
    g_assert_nonnull (dialog);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
    ld_measure_event_dialog_fill (dialog, "2026-08-01", "期满解除");
    g_assert_false (ld_measure_event_dialog_get_can_save (dialog));
    g_assert_nonnull (ld_measure_event_dialog_get_error_message (dialog));
    ld_measure_event_dialog_fill (dialog, "2026-09-30", NULL);
    g_assert_true (ld_measure_event_dialog_get_can_save (dialog));
    g_assert_null (ld_measure_event_dialog_get_error_message (dialog));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "measure-event-dialog");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event.save", NULL));
    LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_MEASURE_EVENT_DIALOG) == NULL, 10000);
    LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);

    lifted = read_measure (vault, seed.probation_id);
    g_assert_cmpint (ld_measure_get_status (lifted), ==, LD_MEASURE_LIFTED);
    g_assert_cmpstr (ld_measure_get_status_date (lifted), ==, "2026-09-30");
    /* The page shows the event; lifting is no longer offered. */
    g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, seed.probation_id);
    g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "measures.lift")));
    g_assert_true (shows_text (GTK_WIDGET (page), "期满解除"));
  }

  /* Retire asks for a reason; the measure leaves the list. */
  {
    AdwMessageDialog *message;
    GtkWidget *entry;
    g_autoptr(LdMeasure) retired = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.retire", NULL));
    message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (message);
    g_assert_false (adw_message_dialog_get_response_enabled (message, "retire"));
    entry = adw_message_dialog_get_extra_child (message);
    gtk_editable_set_text (GTK_EDITABLE (entry), "重复录入");
    g_assert_true (adw_message_dialog_get_response_enabled (message, "retire"));
    adw_message_dialog_response (message, "retire");
    gtk_window_destroy (GTK_WINDOW (message));
    LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (ld_measures_page_get_model (page)) == 1
                         && !ld_measures_page_get_loading (page), 10000);
    g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, 0);
    retired = read_measure (vault, seed.probation_id);
    g_assert_cmpint (ld_measure_get_retired_at (retired), >, 0);
  }

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_measures_page_new_dialog (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(LdMeasure) saved = NULL;
  LdVault *vault;
  LdMeasuresPage *page;
  LdMeasureDialog *dialog;
  LdCadreChooser *chooser;
  GtkWindow *window;
  Seed seed = { 0 };
  gint64 saved_id = 0;

  seed_vault (dir, &seed);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_measures_page_new (vault);
  window = show_page (page);

  /* New (Ctrl+N) opens the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.new", NULL));
  dialog = LD_MEASURE_DIALOG (ld_ui_test_find_window (LD_TYPE_MEASURE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);

  g_assert_false (ld_measure_dialog_get_can_save (dialog));   /* no cadre yet */
  chooser = ld_measure_dialog_get_cadre_chooser (dialog);
  ld_cadre_chooser_search (chooser, "张三丰");
  LD_UI_TEST_WAIT_FOR (!ld_cadre_chooser_get_searching (chooser), 10000);
  g_assert_cmpuint (ld_cadre_chooser_get_n_matches (chooser), ==, 1);
  g_assert_true (ld_cadre_chooser_choose_match (chooser, 0));
  LD_UI_TEST_WAIT_FOR (!ld_measure_dialog_get_loading (dialog), 10000);
  /* The cadre's clue is offered as the source. */
  g_assert_cmpuint (ld_measure_dialog_get_n_sources (dialog), ==, 1);
  ld_measure_dialog_select_source (dialog, 1);

  /* 诫勉 from 31 August: six months end on 28 February. */
  ld_measure_dialog_fill (dialog, "F1_ADMONISH", "2026-08-25", "2026-08-31", "县纪委常委会", "县纪发〔2026〕12号");
  ld_measure_dialog_set_facts (dialog, "违规收受礼金");
  g_assert_true (ld_measure_dialog_get_can_save (dialog));
  g_assert_cmpstr (ld_measure_dialog_get_preview (dialog), ==, "Effect until 2027-02-28");

  /* Invalid input is refused inline and keeps the form. */
  ld_measure_dialog_fill (dialog, NULL, "2026-02-30", NULL, NULL, NULL);
  g_assert_false (ld_measure_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_measure_dialog_get_error_message (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL)
                  && saved_id != 0);
  ld_measure_dialog_fill (dialog, NULL, "2026-08-25", NULL, NULL, NULL);
  g_assert_true (ld_measure_dialog_get_can_save (dialog));
  g_assert_null (ld_measure_dialog_get_error_message (dialog));
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "measure-dialog");

  /* A refusal of the register shows inline and keeps the form: the clue
   * is retired meanwhile. */
  {
    gint64 clue_id = seed.clue_id;

    ld_ui_test_run_wait (vault, retire_clue_worker, g_memdup2 (&clue_id, sizeof clue_id), g_free, NULL);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_measure_dialog_get_busy (dialog), 10000);
  g_assert_cmpint (saved_id, ==, 0);
  g_assert_nonnull (ld_measure_dialog_get_error_message (dialog));
  g_assert_nonnull (ld_ui_test_find_window (LD_TYPE_MEASURE_DIALOG));
  g_assert_cmpstr (ld_measure_dialog_get_preview (dialog), ==, "Effect until 2027-02-28");
  ld_measure_dialog_select_source (dialog, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "measure.save", NULL));
  LD_UI_TEST_WAIT_FOR (saved_id != 0, 10000);
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_MEASURE_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page)
                       && g_list_model_get_n_items (ld_measures_page_get_model (page)) == 3, 10000);

  saved = read_measure (vault, saved_id);
  g_assert_cmpstr (ld_measure_get_code (saved), ==, "F1_ADMONISH");
  g_assert_cmpint (ld_measure_get_cadre_id (saved), ==, seed.cadre_id);
  g_assert_cmpstr (ld_measure_get_effective_date (saved), ==, "2026-08-31");
  g_assert_cmpstr (ld_measure_get_doc_no (saved), ==, "县纪发〔2026〕12号");
  g_assert_cmpstr (ld_measure_get_facts (saved), ==, "违规收受礼金");
  g_assert_cmpstr (ld_measure_get_source_type (saved), ==, "");
  g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, saved_id);

  /* Edit (Ctrl+E) opens it filled in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.edit", NULL));
  dialog = LD_MEASURE_DIALOG (ld_ui_test_find_window (LD_TYPE_MEASURE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (ld_measure_dialog_get_can_save (dialog));
  g_assert_cmpstr (ld_measure_dialog_get_preview (dialog), ==, "Effect until 2027-02-28");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_measures_page_viewer (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdMeasuresPage *page;
  GtkWindow *window;
  Seed seed = { 0 };
  const char *actions[] = { "measures.new", "measures.edit", "measures.lift", "measures.appeal" };

  seed_vault (dir, &seed);
  vault = ld_ui_test_open_vault (dir, "vic");
  page = ld_measures_page_new (vault);
  window = show_page (page);

  g_assert_cmpuint (g_list_model_get_n_items (ld_measures_page_get_model (page)), ==, 2);
  ld_measures_page_show_record (page, seed.probation_id);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);
  g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, seed.probation_id);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = ld_ui_test_find_action_button (GTK_WIDGET (page), actions[i]);

      g_assert_nonnull (button);
      g_assert_false (gtk_widget_is_sensitive (button));
    }
  /* The action itself does nothing for the viewer. */
  gtk_widget_activate_action (GTK_WIDGET (page), "measures.new", NULL);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_MEASURE_DIALOG));

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_measures_page_empty (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdMeasuresPage *page;
  GtkWindow *window;

  ld_ui_test_create_case_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_measures_page_new (vault);
  window = show_page (page);

  g_assert_cmpuint (g_list_model_get_n_items (ld_measures_page_get_model (page)), ==, 0);
  g_assert_true (ld_measures_page_get_empty (page));
  g_assert_true (shows_text (GTK_WIDGET (page), "No Measures Yet"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "measures-empty");

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* The appeal changes the decision: a new measure replaces the old one. */
static void
test_measures_page_appeal (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(LdMeasure) old = NULL;
  g_autoptr(LdMeasure) replacement = NULL;
  LdVault *vault;
  LdMeasuresPage *page;
  LdMeasureEventDialog *dialog;
  GtkWindow *window;
  Seed seed = { 0 };
  gint64 shown = 0;

  seed_vault (dir, &seed);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_measures_page_new (vault);
  window = show_page (page);

  ld_measures_page_show_record (page, seed.probation_id);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);

  /* First the probation is extended by six months. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.extend", NULL));
  dialog = LD_MEASURE_EVENT_DIALOG (ld_ui_test_find_window (LD_TYPE_MEASURE_EVENT_DIALOG));
  g_assert_nonnull (dialog);
  ld_measure_event_dialog_fill (dialog, "2026-10-01", NULL);
  ld_measure_event_dialog_set_months (dialog, 6);
  g_assert_true (ld_measure_event_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_MEASURE_EVENT_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);
  old = read_measure (vault, seed.probation_id);
  g_assert_cmpint (ld_measure_get_extension_months (old), ==, 6);
  g_clear_object (&old);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "measures.appeal", NULL));
  dialog = LD_MEASURE_EVENT_DIALOG (ld_ui_test_find_window (LD_TYPE_MEASURE_EVENT_DIALOG));
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &shown);
  ld_measure_event_dialog_set_outcome (dialog, "appeal-changed");
  ld_measure_event_dialog_fill (dialog, "2026-10-10", "申诉后改为严重警告");
  ld_measure_event_dialog_set_new_decision (dialog, "P2", "2026-10-10", "2026-10-12");
  g_assert_true (ld_measure_event_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event.save", NULL));
  LD_UI_TEST_WAIT_FOR (shown != 0, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (page), 10000);

  old = read_measure (vault, seed.probation_id);
  g_assert_cmpint (ld_measure_get_status (old), ==, LD_MEASURE_CHANGED);
  g_assert_cmpint (ld_measure_get_replaced_by (old), ==, shown);
  replacement = read_measure (vault, shown);
  g_assert_cmpstr (ld_measure_get_code (replacement), ==, "P2");
  g_assert_cmpint (ld_measures_page_get_shown_id (page), ==, shown);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_measure_forms_page (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(GError) error = NULL;
  LdVault *vault;
  LdMeasureFormsPage *page;
  GtkWindow *window;
  AdwMessageDialog *message;
  GtkWidget *box;
  GtkWidget *dropdown;
  GtkWidget *entry;

  ld_ui_test_create_case_vault (dir);
  vault = ld_vault_new (dir);
  ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

  page = ld_measure_forms_page_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1000, 800);
  LD_UI_TEST_WAIT_FOR (!ld_measure_forms_page_get_loading (page), 10000);
  g_assert_null (ld_measure_forms_page_get_error (page));
  g_assert_cmpuint (ld_measure_forms_page_get_n_codes (page), >, 30);
  g_assert_cmpint (ld_measure_forms_page_get_form (page, "G4"), ==, 2);
  g_assert_true (shows_text (GTK_WIDGET (page), ld_form_get_formula (4, TRUE)));
  g_assert_true (shows_text (GTK_WIDGET (page), ld_form_get_formula (4, FALSE)));
  ld_ui_test_screenshot (GTK_WIDGET (window), "measure-forms-page");

  /* Changing needs a reason; with it the current form changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "forms.change", "s", "G4"));
  message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (message);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "change"));
  box = adw_message_dialog_get_extra_child (message);
  dropdown = gtk_widget_get_first_child (box);
  entry = gtk_widget_get_next_sibling (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "按本地区统计口径");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "change"));
  adw_message_dialog_response (message, "change");
  gtk_window_destroy (GTK_WINDOW (message));
  LD_UI_TEST_WAIT_FOR (!ld_measure_forms_page_get_loading (page)
                       && ld_measure_forms_page_get_form (page, "G4") == 3, 10000);
  g_assert_true (shows_text (GTK_WIDGET (page), "按本地区统计口径"));

  /* Reset after the confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "forms.reset", "s", "G4"));
  message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (message);
  adw_message_dialog_response (message, "reset");
  gtk_window_destroy (GTK_WINDOW (message));
  LD_UI_TEST_WAIT_FOR (!ld_measure_forms_page_get_loading (page)
                       && ld_measure_forms_page_get_form (page, "G4") == 2, 10000);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* An investigator may read the form table but not change it. */
static void
test_measure_forms_page_refused (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdMeasureFormsPage *page;
  GtkWindow *window;

  ld_ui_test_create_case_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");
  page = ld_measure_forms_page_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1000, 800);
  LD_UI_TEST_WAIT_FOR (!ld_measure_forms_page_get_loading (page), 10000);
  g_assert_cmpuint (ld_measure_forms_page_get_n_codes (page), >, 30);
  g_assert_null (ld_ui_test_find_action_button (GTK_WIDGET (page), "forms.change"));
  gtk_widget_activate_action (GTK_WIDGET (page), "forms.change", "s", "G4");
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (ld_measure_forms_page_get_form (page, "G4"), ==, 2);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static gboolean
view_ready (LdCadreFileView *view)
{
  return ld_cadre_file_view_get_cadre (view) != NULL && !ld_cadre_file_view_get_busy (view);
}

/* The cadre's file shows the promotion block with its end date and every
 * reason, and lists the measures in section H. */
static void
test_cadre_file_block (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdCadreFileView *view;
  GtkWindow *window;
  Seed seed = { 0 };

  seed_vault (dir, &seed);
  vault = ld_ui_test_open_vault (dir, "ivy");
  /* An organisation department asked for an integrity opinion. */
  {
    g_auto(LdOpinionRequestSpec) spec = { 0 };
    g_autoptr(GError) error = NULL;

    ld_opinion_request_spec_init (&spec);
    ld_opinion_request_spec_set (&spec.requester, "县委组织部");
    ld_opinion_request_spec_set (&spec.request_date, "2026-11-02");
    ld_opinion_request_spec_set (&spec.purpose, "promotion");
    ld_opinion_request_spec_add_cadre (&spec, seed.cadre_id);
    ld_opinion_repository_create_request (vault, &spec, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  view = ld_cadre_file_view_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (view), 1100, 900);
  ld_cadre_file_view_load (view, seed.cadre_id);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);

  /* Section M lists the request with its purpose. */
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "opinion"), ==, 1);
  g_assert_true (shows_text (GTK_WIDGET (view), "Promotion or appointment"));

  /* 留党察看一年 approved 2026-08-31: 12 months' probation and 24 more. */
  g_assert_true (shows_text (GTK_WIDGET (view), "Promotion or further use restricted until 2029-08-31"));
  g_assert_true (shows_text (GTK_WIDGET (view), "2029-08-31"));
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "measure"), ==, 2);
  ld_ui_test_screenshot (GTK_WIDGET (window), "cadre-file-block");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.show-section", "s", "H"));
  for (guint i = 0; i < 5; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ld_ui_test_screenshot (GTK_WIDGET (window), "cadre-file-section-h");

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* In the window: a measure opens on the measures page, and its cadre's
 * file shows the block; the promotion block's reason opens the measure. */
static void
test_measures_page_window (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdApplication *app;
  GtkWindow *window;
  GtkWidget *page;
  Seed seed = { 0 };

  seed_vault (dir, &seed);
  app = ld_ui_test_app_new (dir);
  window = ld_ui_test_unlock (app, "ivy", LD_TEST_PASSWORD);
  gtk_window_set_default_size (window, 1280, 860);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "measure",
                                             seed.probation_id));
  g_assert_cmpstr (ld_window_get_page_name (LD_WINDOW (window)), ==, "measures");
  page = ld_window_get_page (LD_WINDOW (window), "measures");
  g_assert_true (LD_IS_MEASURES_PAGE (page));
  LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (LD_MEASURES_PAGE (page))
                       && ld_measures_page_get_shown_id (LD_MEASURES_PAGE (page)) == seed.probation_id, 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ld_ui_test_screenshot (GTK_WIDGET (window), "measures-window");
  /* The window's import of a sanctions ledger is offered to the investigator. */
  g_assert_true (gtk_widget_is_sensitive (ld_ui_test_find_action_button (page, "win.import-measures")));

  /* Open the cadre's file from the measure. */
  g_assert_true (gtk_widget_activate_action (page, "measures.open-cadre", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_widget (GTK_WIDGET (window), LD_TYPE_CADRE_FILE_VIEW) != NULL, 10000);
  {
    LdCadreFileView *view = LD_CADRE_FILE_VIEW (ld_ui_test_find_widget (GTK_WIDGET (window),
                                                                        LD_TYPE_CADRE_FILE_VIEW));

    LD_UI_TEST_WAIT_FOR (ld_cadre_file_view_get_cadre (view) != NULL && !ld_cadre_file_view_get_busy (view), 10000);
    g_assert_cmpint (ld_cadre_file_view_get_cadre_id (view), ==, seed.cadre_id);
    g_assert_true (shows_text (GTK_WIDGET (view), "Promotion or further use restricted until 2029-08-31"));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    ld_ui_test_screenshot (GTK_WIDGET (window), "measures-cadre-file");

    /* The reason is a link to its measure. */
    {
      GtkWidget *banner = find_css_class (GTK_WIDGET (view), "ld-promotion-block");
      GtkListBoxRow *reason;

      g_assert_nonnull (banner);
      reason = gtk_list_box_get_row_at_index (GTK_LIST_BOX (banner), 1);
      g_assert_nonnull (reason);
      g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (banner), 2));
      g_assert_true (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (reason)), "2026-M0002") != NULL);
      g_assert_true (gtk_widget_activate (GTK_WIDGET (reason)));
      g_assert_cmpstr (ld_window_get_page_name (LD_WINDOW (window)), ==, "measures");
      LD_UI_TEST_WAIT_FOR (!ld_measures_page_get_loading (LD_MEASURES_PAGE (page))
                           && ld_measures_page_get_shown_id (LD_MEASURES_PAGE (page)) == seed.probation_id, 10000);
    }
  }

  ld_ui_test_app_free (app);
  ld_ui_test_remove_dir (dir);
}

/* 停职检查 still running blocks until it is lifted; 开除 (government) for
 * good: the list and the banner say so instead of a date. */
static void
test_cadre_file_open_ended (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(GError) error = NULL;
  LdVault *vault;
  LdCadreFileView *view;
  GtkWindow *window;
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  gint64 suspended;
  gint64 dismissed;
  gint64 id;

  ld_ui_test_create_case_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  suspended = ld_ui_test_add_cadre (vault, unit_id, "张三丰", "34052419800101001X", "局长", TRUE);
  dismissed = ld_ui_test_add_cadre (vault, unit_id, "张无忌", "340524198501010016", "副局长", FALSE);
  add_measure (vault, suspended, "O_SUSPEND", "2026-10-08", "", &id);
  add_measure (vault, dismissed, "G6", "2026-06-01", "", &id);
  {
    g_autoptr(GPtrArray) measures = ld_measure_repository_list (vault, NULL, &error);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (measures->len, ==, 2);
    first = ld_measure_effect_end_text (g_ptr_array_index (measures, 0));
    second = ld_measure_effect_end_text (g_ptr_array_index (measures, 1));
    g_assert_cmpstr (first, ==, "Until lifted");
    g_assert_cmpstr (second, ==, "Permanent");
  }

  view = ld_cadre_file_view_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (view), 1100, 900);
  ld_cadre_file_view_load (view, suspended);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);
  g_assert_true (shows_text (GTK_WIDGET (view), "Promotion or further use restricted until the measure is lifted"));

  ld_cadre_file_view_load (view, dismissed);
  LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_cadre_id (view) == dismissed
                       && shows_text (GTK_WIDGET (view), "张无忌"), 10000);
  g_assert_true (shows_text (GTK_WIDGET (view), "Promotion or further use restricted permanently"));
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "measure"), ==, 1);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* A cadre without any measure shows no banner at all. */
static void
test_cadre_file_no_block (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(GError) error = NULL;
  LdVault *vault;
  LdCadreFileView *view;
  GtkWindow *window;
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  gint64 cadre_id;

  ld_ui_test_create_case_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  cadre_id = ld_ui_test_add_cadre (vault, unit_id, "张三丰", "34052419800101001X", "局长", TRUE);

  view = ld_cadre_file_view_new (vault);
  window = ld_ui_test_show_in_window (GTK_WIDGET (view), 1100, 900);
  ld_cadre_file_view_load (view, cadre_id);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);
  g_assert_null (find_css_class (GTK_WIDGET (view), "ld-promotion-block"));
  g_assert_false (shows_text (GTK_WIDGET (view), "Promotion or further use restricted"));
  g_assert_true (shows_text (GTK_WIDGET (view), "No measures were taken on this cadre"));
  g_assert_true (shows_text (GTK_WIDGET (view), "No integrity opinions were given on this cadre"));

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* --- Export (issue 6) ------------------------------------------------------ */

#ifdef LD_UI_HAVE_EXPORT_DIALOG
#define EXPORT_ROUNDS 2   /* without the export grant, then with it */
#else
#define EXPORT_ROUNDS 1   /* the action is disabled: one look is enough */
#endif

/* Gives account the export grant (as the security administrator). */
static void
grant_export (const char *dir,
              const char *account)
{
  g_autoptr(GError) error = NULL;
  LdVault *vault = ld_ui_test_open_vault (dir, "sec");

  ld_user_repository_set_grant (vault, account, LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_ui_test_close_vault (vault);
}

static gboolean
trigger_has (GtkShortcutTrigger *trigger,
             GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_has (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted)
           || trigger_has (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted);

  return gtk_shortcut_trigger_equal (trigger, wanted);
}

/* Whether a shortcut of widget (of its template or its class) activates
 * action on accel ("<Control><Shift>e"). */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *action,
              const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (named)
              && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0
              && trigger_has (gtk_shortcut_get_trigger (shortcut), wanted))
            return TRUE;
        }
    }

  return FALSE;
}

/* Checks the page's Export… button (enabled once the build has the export
 * dialog) and its shortcut, and activates its action: without the export
 * grant a message explains the refusal and no export dialog opens; with
 * it the export dialog opens and is returned. NULL when refused or when
 * the build has no export dialog. */
static GtkWindow *
activate_export (GtkWidget  *page,
                 const char *action,
                 gboolean    granted)
{
  GtkWidget *button = ld_ui_test_find_action_button (page, action);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Export to Excel (Ctrl+Shift+E)");
  g_assert_true (has_shortcut (page, action, "<Control><Shift>e"));
#ifdef LD_UI_HAVE_EXPORT_DIALOG
  {
    GtkWindow *message;
    GtkWindow *dialog;

    g_assert_true (gtk_widget_is_sensitive (button));
    g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_true (gtk_widget_activate_action (page, action, NULL));
    ld_ui_test_flush ();
    message = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    dialog = ld_ui_test_find_window (LD_TYPE_EXPORT_DIALOG);
    if (!granted)
      {
        g_assert_null (dialog);
        g_assert_nonnull (message);
        gtk_window_destroy (message);
        ld_ui_test_flush ();
        return NULL;
      }
    g_assert_null (message);
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (gtk_widget_get_root (page)));
    return dialog;
  }
#else
  g_assert_false (gtk_widget_is_sensitive (button));
  return NULL;
#endif
}

/* Export… (issue 6): the toolbar button and its action; without the
 * export grant the refusal is explained and no export dialog opens, with
 * it the export dialog opens. */
static void
test_measures_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();

  ld_ui_test_create_case_vault (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdMeasuresPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_measures_page_new (vault);
      window = show_page (page);
      dialog = activate_export (GTK_WIDGET (page), "measures.export", granted);
      if (dialog != NULL)
        gtk_window_destroy (dialog);
      gtk_window_destroy (window);
      ld_ui_test_flush ();
      ld_ui_test_close_vault (vault);
    }
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/measures-page/list-filter-show", test_measures_page_list_filter_show);
  g_test_add_func ("/measures-page/new-dialog", test_measures_page_new_dialog);
  g_test_add_func ("/measures-page/viewer", test_measures_page_viewer);
  g_test_add_func ("/measures-page/empty", test_measures_page_empty);
  g_test_add_func ("/measures-page/appeal", test_measures_page_appeal);
  g_test_add_func ("/measures-page/window", test_measures_page_window);
  g_test_add_func ("/measures-page/export", test_measures_page_export);
  g_test_add_func ("/measure-forms-page/change", test_measure_forms_page);
  g_test_add_func ("/measure-forms-page/refused", test_measure_forms_page_refused);
  g_test_add_func ("/cadre-file/promotion-block", test_cadre_file_block);
  g_test_add_func ("/cadre-file/open-ended-block", test_cadre_file_open_ended);
  g_test_add_func ("/cadre-file/no-block", test_cadre_file_no_block);

  return g_test_run ();
}
