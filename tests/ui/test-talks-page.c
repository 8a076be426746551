/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-talks-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <string.h>

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-import-dialog.h"
#include "dialogs/ld-talk-dialog.h"
#include "exchange/ld-ledger-import.h"
#include "pages/ld-talks-page.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-scope.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

/* A unit with two cadres, an investigator "ivy" and a viewer "vic" (both
 * scoped to every unit), and one talk registered through the repository. */
static char *clue_reg_no;
static gint64 clue_id;

static void
seed_vault (const char *dir,
            gint64     *out_talk_id)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LdTalkSpec) spec = { 0 };
  g_autofree char *today = ld_ui_test_today ();
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  gint64 cadre_id;

  ld_ui_test_create_case_vault (dir);

  vault = ld_ui_test_open_vault (dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  cadre_id = ld_ui_test_add_cadre (vault, unit_id, "张三丰", "34052419800101001X", "局长", TRUE);
  ld_ui_test_add_cadre (vault, unit_id, "张无忌", "340524198501010016", "副局长", FALSE);

  ld_talk_spec_init (&spec);
  ld_talk_spec_set (&spec.type, "T_SUPERVISE_TOP");
  ld_talk_spec_set (&spec.talk_date, today);
  ld_talk_spec_set (&spec.place, "三楼会议室");
  ld_talk_spec_add_talker (&spec, "王书记");
  ld_talk_spec_add_cadre (&spec, cadre_id);
  ld_talk_spec_set (&spec.reason, "年度监督谈话");
  ld_talk_repository_create (vault, &spec, out_talk_id, NULL, &error);
  g_assert_no_error (error);

  /* A clue from an inspection tour, for a talk to serve. */
  {
    g_auto(LdClueSpec) clue = { 0 };
    g_autoptr(LdClue) stored = NULL;

    ld_clue_spec_init (&clue);
    clue.source = g_strdup ("SRC_INSPECTION");
    clue.received_date = g_strdup (today);
    clue.cadre_id = cadre_id;
    clue.summary = g_strdup ("巡察发现违规发放津贴");
    ld_clue_repository_create (vault, &clue, &clue_id, &error);
    g_assert_no_error (error);
    stored = ld_clue_repository_get (vault, clue_id, &error);
    g_assert_no_error (error);
    g_free (clue_reg_no);
    clue_reg_no = g_strdup (ld_clue_get_reg_no (stored));
  }
  ld_vault_lock (vault, "exit");
}

static gpointer
get_talk_worker (LdVault       *vault,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return ld_talk_repository_get (vault, *(gint64 *) data, error);
}

static LdTalk *
read_talk (LdVault *vault,
           gint64   id)
{
  return ld_ui_test_run_wait (vault, get_talk_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static GtkWindow *
show_page (LdTalksPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1200, 800);

  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);

  return window;
}

static GtkToggleButton *
find_toggle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found;

      if (GTK_IS_TOGGLE_BUTTON (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "C_overage") == 0)
        return GTK_TOGGLE_BUTTON (child);
      if ((found = find_toggle (child)) != NULL)
        return found;
    }

  return NULL;
}

/* Every label shown under widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
      collect_labels (child, out);
    }
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GString) labels = g_string_new ("\n");
  g_autofree char *line = g_strdup_printf ("\n%s\n", text);

  collect_labels (widget, labels);
  return strstr (labels->str, line) != NULL;
}

static void
on_saved_cb (LdTalkDialog *dialog,
             gint64        id,
             gint64       *out)
{
  *out = id;
}

static void
test_talks_page_list_and_dialog (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(LdTalk) saved = NULL;
  g_autoptr(LdTalk) first = NULL;
  LdVault *vault;
  LdTalksPage *page;
  LdTalkDialog *dialog;
  LdCadreChooser *chooser;
  GtkWindow *window;
  GtkWidget *button;
  gint64 talk_id = 0;
  gint64 saved_id = 0;

  seed_vault (dir, &talk_id);
  vault = ld_ui_test_open_vault (dir, "ivy");

  page = ld_talks_page_new (vault);
  window = show_page (page);

  /* The talk made through the repository is listed and can be shown. */
  g_assert_cmpuint (g_list_model_get_n_items (ld_talks_page_get_model (page)), ==, 1);
  first = g_list_model_get_item (ld_talks_page_get_model (page), 0);
  g_assert_cmpint (ld_talk_get_id (first), ==, talk_id);
  g_assert_cmpstr (ld_talk_get_cadre_names (first), ==, "张三丰");
  g_assert_cmpuint (ld_talks_page_get_n_coverage_rows (page), >=, 2);

  ld_talks_page_show_record (page, talk_id);
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);
  g_assert_cmpint (ld_talks_page_get_shown_id (page), ==, talk_id);
  ld_ui_test_screenshot (GTK_WIDGET (window), "talks-page");

  /* The coverage opens under the filters. */
  g_assert_nonnull (find_toggle (GTK_WIDGET (page)));
  gtk_toggle_button_set_active (find_toggle (GTK_WIDGET (page)), TRUE);
  ld_ui_test_screenshot (GTK_WIDGET (window), "talks-coverage");

  /* New is offered to the investigator. */
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "talks.new");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A discipline-organ talk with one talker warns but may be saved. */
  dialog = ld_talk_dialog_new (vault, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);

  g_assert_false (ld_talk_dialog_get_can_save (dialog));   /* nobody talked to yet */
  chooser = ld_talk_dialog_get_cadre_chooser (dialog);
  ld_cadre_chooser_search (chooser, "张");
  LD_UI_TEST_WAIT_FOR (!ld_cadre_chooser_get_searching (chooser), 10000);
  g_assert_cmpuint (ld_cadre_chooser_get_n_matches (chooser), ==, 2);
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "talk-dialog-matches");
  g_assert_true (ld_cadre_chooser_choose_match (chooser, 0));
  ld_cadre_chooser_search (chooser, "zhangwuji");
  LD_UI_TEST_WAIT_FOR (!ld_cadre_chooser_get_searching (chooser), 10000);
  g_assert_cmpuint (ld_cadre_chooser_get_n_matches (chooser), ==, 1);
  g_assert_true (ld_cadre_chooser_choose_match (chooser, 0));
  g_assert_cmpuint (ld_cadre_chooser_get_n_chosen (chooser), ==, 2);

  ld_talk_dialog_fill (dialog, "T_ADMONISH", NULL, "王书记");
  g_assert_nonnull (ld_talk_dialog_get_warning (dialog));
  g_assert_true (ld_talk_dialog_get_can_save (dialog));
  ld_talk_dialog_fill (dialog, NULL, NULL, "王书记、李主任");
  g_assert_null (ld_talk_dialog_get_warning (dialog));
  ld_talk_dialog_fill (dialog, NULL, NULL, "王书记");
  g_assert_nonnull (ld_talk_dialog_get_warning (dialog));

  /* A bad date is refused inline. */
  ld_talk_dialog_fill (dialog, NULL, "2026-02-30", NULL);
  g_assert_false (ld_talk_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_talk_dialog_get_error_message (dialog));
  ld_talk_dialog_fill (dialog, NULL, "2026-03-02", NULL);
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "talk-dialog");
  g_assert_true (ld_talk_dialog_get_can_save (dialog));

  /* An unknown clue number is refused as it is typed. */
  ld_talk_dialog_set_clue_number (dialog, "2026-X9999");
  LD_UI_TEST_WAIT_FOR (!ld_talk_dialog_get_checking (dialog), 10000);
  g_assert_false (ld_talk_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_talk_dialog_get_error_message (dialog));
  ld_talk_dialog_set_clue_number (dialog, clue_reg_no);
  LD_UI_TEST_WAIT_FOR (!ld_talk_dialog_get_checking (dialog), 10000);
  g_assert_true (ld_talk_dialog_get_can_save (dialog));
  g_assert_null (ld_talk_dialog_get_error_message (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "talk.save", NULL));
  LD_UI_TEST_WAIT_FOR (saved_id != 0, 10000);
  ld_ui_test_flush ();

  saved = read_talk (vault, saved_id);
  g_assert_cmpuint (ld_talk_get_n_cadres (saved), ==, 2);
  g_assert_cmpstr (ld_talk_get_type_code (saved), ==, "T_ADMONISH");
  g_assert_cmpuint (ld_talk_get_n_talkers (saved), ==, 1);
  g_assert_cmpint (ld_talk_get_clue_id (saved), ==, clue_id);

  /* The page shows every talk once the year filter allows it. */
  ld_talks_page_show_record (page, saved_id);
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);
  g_assert_cmpint (ld_talks_page_get_shown_id (page), ==, saved_id);

  /* Edit (Ctrl+E) opens the talk filled in; a second talker clears the
   * warning and the change is saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "talks.edit", NULL));
  dialog = LD_TALK_DIALOG (ld_ui_test_find_window (LD_TYPE_TALK_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (ld_cadre_chooser_get_n_chosen (ld_talk_dialog_get_cadre_chooser (dialog)), ==, 2);
  g_assert_nonnull (ld_talk_dialog_get_warning (dialog));
  ld_talk_dialog_fill (dialog, NULL, NULL, "王书记、李主任");
  g_assert_null (ld_talk_dialog_get_warning (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "talk.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_TALK_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);
  g_clear_object (&saved);
  saved = read_talk (vault, saved_id);
  g_assert_cmpuint (ld_talk_get_n_talkers (saved), ==, 2);
  g_assert_cmpuint (ld_talk_get_n_cadres (saved), ==, 2);

  /* Retire asks for a reason; the talk leaves the list, not the vault. */
  {
    AdwMessageDialog *message;
    GtkWidget *entry;
    guint before = g_list_model_get_n_items (ld_talks_page_get_model (page));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "talks.retire", NULL));
    message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (message);
    g_assert_false (adw_message_dialog_get_response_enabled (message, "retire"));
    entry = adw_message_dialog_get_extra_child (message);
    gtk_editable_set_text (GTK_EDITABLE (entry), "重复录入");
    g_assert_true (adw_message_dialog_get_response_enabled (message, "retire"));
    adw_message_dialog_response (message, "retire");
    gtk_window_destroy (GTK_WINDOW (message));
    LD_UI_TEST_WAIT_FOR (g_list_model_get_n_items (ld_talks_page_get_model (page)) == before - 1
                         && !ld_talks_page_get_loading (page), 10000);
    g_assert_cmpint (ld_talks_page_get_shown_id (page), ==, 0);
    g_clear_object (&saved);
    saved = read_talk (vault, saved_id);
    g_assert_cmpint (ld_talk_get_retired_at (saved), >, 0);
    g_assert_cmpstr (ld_talk_get_retired_reason (saved), ==, "重复录入");
  }

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
test_talks_page_viewer (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdTalksPage *page;
  GtkWindow *window;
  GtkWidget *button;
  gint64 talk_id = 0;

  seed_vault (dir, &talk_id);
  vault = ld_ui_test_open_vault (dir, "vic");

  page = ld_talks_page_new (vault);
  window = show_page (page);

  g_assert_cmpuint (g_list_model_get_n_items (ld_talks_page_get_model (page)), ==, 1);
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "talks.new");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  ld_talks_page_show_record (page, talk_id);
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);
  g_assert_cmpint (ld_talks_page_get_shown_id (page), ==, talk_id);
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "talks.edit");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

typedef struct
{
  char   *path;
  gint64  talk_id;
} AttachJob;

static gpointer
import_ledger_worker (LdVault       *vault,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(LdLedgerPlan) plan = NULL;
  LdLedgerOptions options = { 0 };
  guint n_imported = 0;

  plan = ld_ledger_plan_new (vault, LD_LEDGER_TALKS, data, &options, cancellable, error);
  if (plan == NULL || !ld_ledger_plan_commit (vault, plan, NULL, NULL, cancellable, &n_imported, error))
    return NULL;

  return GUINT_TO_POINTER (n_imported);
}

static gpointer
attach_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  AttachJob *job = data;
  gint64 id = 0;

  if (!ld_attachment_repository_add (vault, "talk", job->talk_id, job->path, &id, error))
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static gpointer
list_attachments_worker (LdVault       *vault,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return ld_attachment_repository_list (vault, "talk", *(gint64 *) data, TRUE, error);
}

static gpointer
find_imported_worker (LdVault       *vault,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LdTalkFilter filter;
  g_autoptr(GPtrArray) talks = NULL;

  ld_talk_filter_init (&filter);
  filter.text = data;
  talks = ld_talk_repository_list (vault, &filter, error);
  if (talks == NULL)
    return NULL;
  g_assert_cmpuint (talks->len, ==, 1);

  return g_object_ref (g_ptr_array_index (talks, 0));
}

/* A talk imported from a ledger shows "Imported from a talk ledger" in
 * its History, never the raw event name; an attachment of a talk is
 * retired with a typed reason and leaves the detail, not the vault. */
static void
test_talks_page_imported_and_attachment (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *csv = NULL;
  g_autofree char *scan = NULL;
  g_autofree char *ledger = NULL;
  g_autofree char *today = ld_ui_test_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) imported = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  LdUiTestRun run = { 0 };
  AttachJob attach = { 0 };
  gint64 attachment_id;
  LdVault *vault;
  LdTalksPage *page;
  GtkWindow *window;
  GtkWidget *button;
  gint64 talk_id = 0;

  seed_vault (dir, &talk_id);
  vault = ld_ui_test_open_vault (dir, "ivy");

  csv = g_build_filename (dir, "谈话台账.csv", NULL);
  ledger = g_strdup_printf ("谈话日期,谈话类型,谈话对象,身份证号,单位,谈话人,事由\n"
                            "%s,提醒谈话,张无忌,340524198501010016,县财政局,刘书记、王主任,台账导入的提醒谈话\n",
                            today);
  g_assert_true (g_file_set_contents (csv, ledger, -1, &error));
  g_assert_no_error (error);
  ld_vault_run_async (vault, import_ledger_worker, g_strdup (csv), g_free, NULL, NULL, ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 20000);
  g_assert_no_error (run.error);
  g_assert_cmpuint (GPOINTER_TO_UINT (run.result), ==, 1);

  memset (&run, 0, sizeof run);
  ld_vault_run_async (vault, find_imported_worker, g_strdup ("台账导入"), g_free, g_object_unref, NULL,
                      ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  imported = run.result;

  scan = g_build_filename (dir, "谈话笔录.txt", NULL);
  g_assert_true (g_file_set_contents (scan, "签字的谈话笔录", -1, &error));
  g_assert_no_error (error);
  attach.path = scan;
  attach.talk_id = ld_talk_get_id (imported);
  memset (&run, 0, sizeof run);
  ld_vault_run_async (vault, attach_worker, &attach, NULL, g_free, NULL, ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  attachment_id = *(gint64 *) run.result;
  g_free (run.result);

  page = ld_talks_page_new (vault);
  window = show_page (page);
  ld_talks_page_show_record (page, ld_talk_get_id (imported));
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page), 10000);
  g_assert_cmpint (ld_talks_page_get_shown_id (page), ==, ld_talk_get_id (imported));

  /* The version events read as words. */
  g_assert_true (shows_label (GTK_WIDGET (page), "Imported from a talk ledger"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Attachment added"));
  g_assert_false (shows_label (GTK_WIDGET (page), LD_AUDIT_TALK_IMPORTED));
  g_assert_false (shows_label (GTK_WIDGET (page), LD_AUDIT_ATTACHMENT_ADDED));
  g_assert_true (shows_label (GTK_WIDGET (page), "谈话笔录.txt"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "talks-imported");

  /* Retiring the attachment asks for the reason first. */
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "talks.retire-attachment");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "talks.retire-attachment", "x", attachment_id));
  {
    AdwMessageDialog *message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *entry;

    g_assert_nonnull (message);
    ld_ui_test_screenshot (GTK_WIDGET (message), "talk-retire-attachment");
    g_assert_false (adw_message_dialog_get_response_enabled (message, "retire"));
    entry = adw_message_dialog_get_extra_child (message);
    gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
    g_assert_false (adw_message_dialog_get_response_enabled (message, "retire"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "误传的扫描件");
    g_assert_true (adw_message_dialog_get_response_enabled (message, "retire"));
    adw_message_dialog_response (message, "retire");
    gtk_window_destroy (GTK_WINDOW (message));
  }
  LD_UI_TEST_WAIT_FOR (!ld_talks_page_get_loading (page)
                       && ld_ui_test_find_action_button (GTK_WIDGET (page), "talks.retire-attachment") == NULL, 10000);
  g_assert_false (shows_label (GTK_WIDGET (page), "谈话笔录.txt"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Attachment retired"));
  g_assert_false (shows_label (GTK_WIDGET (page), LD_AUDIT_ATTACHMENT_RETIRED));

  memset (&run, 0, sizeof run);
  talk_id = ld_talk_get_id (imported);
  ld_vault_run_async (vault, list_attachments_worker, g_memdup2 (&talk_id, sizeof talk_id), g_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL, ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  attachments = run.result;
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpint (((LdAttachment *) g_ptr_array_index (attachments, 0))->retired_at, >, 0);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* The Import Ledger… button of the talks page in the main window: it
 * follows win.import-talks, so it opens the talk ledger import for an
 * investigator and is insensitive for a viewer. */
static void
test_talks_page_import_ledger (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  const char *accounts[] = { "ivy", "vic" };
  gint64 talk_id = 0;

  seed_vault (dir, &talk_id);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      gboolean writer = i == 0;
      LdApplication *app = ld_ui_test_app_new (dir);
      GtkWindow *window = ld_ui_test_unlock (app, accounts[i], LD_TEST_PASSWORD);
      GtkWidget *page;
      GtkWidget *button;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "talks"));
      ld_ui_test_flush ();
      page = ld_ui_test_find_widget (GTK_WIDGET (window), LD_TYPE_TALKS_PAGE);
      g_assert_nonnull (page);
      button = ld_ui_test_find_action_button (page, "win.import-talks");
      g_assert_nonnull (button);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Import Ledger…");
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
      g_assert_true (gtk_widget_is_sensitive (button) == writer);

      if (writer)
        {
          LdImportDialog *dialog;

          g_assert_true (gtk_widget_activate (button));
          LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG) != NULL, 10000);
          dialog = LD_IMPORT_DIALOG (ld_ui_test_find_window (LD_TYPE_IMPORT_DIALOG));
          g_assert_cmpint (ld_import_dialog_get_kind (dialog), ==, LD_IMPORT_KIND_TALKS);
          gtk_window_destroy (GTK_WINDOW (dialog));
          ld_ui_test_flush ();
        }

      ld_ui_test_app_free (app);
    }

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
test_talks_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();

  ld_ui_test_create_case_vault (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdTalksPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_talks_page_new (vault);
      window = show_page (page);
      /* Ctrl+E keeps editing the talk shown. */
      g_assert_true (has_shortcut (GTK_WIDGET (page), "talks.edit", "<Control>e"));
      g_assert_false (has_shortcut (GTK_WIDGET (page), "talks.export", "<Control>e"));
      dialog = activate_export (GTK_WIDGET (page), "talks.export", granted);
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
  int ret;

  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/talks-page/list-and-dialog", test_talks_page_list_and_dialog);
  g_test_add_func ("/ui/talks-page/viewer", test_talks_page_viewer);
  g_test_add_func ("/ui/talks-page/imported-and-attachment", test_talks_page_imported_and_attachment);
  g_test_add_func ("/ui/talks-page/import-ledger", test_talks_page_import_ledger);
  g_test_add_func ("/ui/talks-page/export", test_talks_page_export);

  ret = g_test_run ();
  g_clear_pointer (&clue_reg_no, g_free);

  return ret;
}
