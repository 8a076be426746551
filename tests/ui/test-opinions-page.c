/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-opinions-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <string.h>

#include "ld-process.h"
#include "brief/ld-opinion-letter.h"
#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-opinion-decision-dialog.h"
#include "dialogs/ld-opinion-request-dialog.h"
#include "ld-window.h"
#include "pages/ld-opinions-page.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

/* A unit with three cadres: 张三丰 under a Party warning still in effect
 * (→ "no"), 李四 and 王五 with clean records (→ "ok"); one request for the
 * three, registered and checked through the repository. Accounts: "ivy"
 * (investigator), "vic" (viewer) and "lea" (leader), scoped to every unit;
 * ivy and lea may print, lea may also export (save a PDF). */
#define ID_ZHANG "340524199001010014"
#define ID_LI    "340524199202020024"
#define ID_WANG  "340524199303030037"

typedef struct
{
  char   *dir;
  gint64  request_id;
  gint64  zhang;
  gint64  li;
  gint64  wang;
} Fixture;

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* More cadres for the demonstration (name, ID number, post). */
static const char *extra_cadres[][3] = {
  { "赵敏", "340524198804040044", "办公室主任" },
  { "周芷若", "340524198905050057", "预算科科长" },
  { "宋青书", "340524199106060069", "国库科副科长" },
  { "殷离", "340524199407070076", "综合科科员" },
  { "杨逍", "340524198208080082", "副局长" },
};

static void
seed_vault_with (Fixture  *f,
                 gboolean  with_request,
                 guint     n_extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = ld_ui_test_today ();
  g_autofree char *decided = days_ago (60);
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  LdVault *vault;

  f->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_case_vault (f->dir);
  ld_ui_test_add_account (f->dir, "lea", LD_ROLE_LEADER, "Initial-Pass-2024", FALSE);

  vault = ld_ui_test_open_vault (f->dir, "sec");
  ld_scope_grant (vault, "lea", 0, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "lea", LD_GRANT_PRINT, TRUE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "lea", LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "ivy", LD_GRANT_PRINT, TRUE, &error);
  g_assert_no_error (error);
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);
  f->zhang = ld_ui_test_add_cadre (vault, unit_id, "张三丰", ID_ZHANG, "局长", TRUE);
  f->li = ld_ui_test_add_cadre (vault, unit_id, "李四", ID_LI, "副局长", FALSE);
  f->wang = ld_ui_test_add_cadre (vault, unit_id, "王五", ID_WANG, "科长", FALSE);

  /* A Party warning two months ago: 12 months of effect still running. */
  {
    g_auto(LdMeasureSpec) measure = { 0 };

    ld_measure_spec_init (&measure);
    measure.cadre_id = f->zhang;
    ld_measure_spec_set (&measure.code, "P1");
    ld_measure_spec_set (&measure.decision_date, decided);
    ld_measure_spec_set (&measure.authority, "县纪委常委会");
    ld_measure_spec_set (&measure.facts, "违规发放津贴补贴");
    ld_measure_repository_create (vault, &measure, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  if (with_request)
    {
      g_auto(LdOpinionRequestSpec) spec = { 0 };

      ld_opinion_request_spec_init (&spec);
      ld_opinion_request_spec_set (&spec.requester, "县委组织部");
      ld_opinion_request_spec_set (&spec.request_date, today);
      ld_opinion_request_spec_set (&spec.purpose, "promotion");
      ld_opinion_request_spec_set (&spec.doc_no, "组干函〔2026〕12号");
      ld_opinion_request_spec_add_cadre (&spec, f->zhang);
      ld_opinion_request_spec_add_cadre (&spec, f->li);
      ld_opinion_request_spec_add_cadre (&spec, f->wang);
      for (guint i = 0; i < n_extra && i < G_N_ELEMENTS (extra_cadres); i++)
        ld_opinion_request_spec_add_cadre (&spec, ld_ui_test_add_cadre (vault, unit_id, extra_cadres[i][0],
                                                                        extra_cadres[i][1], extra_cadres[i][2],
                                                                        FALSE));
      ld_opinion_repository_create_request (vault, &spec, &f->request_id, NULL, &error);
      g_assert_no_error (error);
      ld_opinion_repository_check_request (vault, f->request_id, NULL, &error);
      g_assert_no_error (error);
    }
  ld_ui_test_close_vault (vault);
}

static void
seed_vault (Fixture  *f,
            gboolean  with_request)
{
  seed_vault_with (f, with_request, 0);
}

static void
fixture_clear (Fixture *f)
{
  ld_ui_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static gpointer
get_item_worker (LdVault       *vault,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return ld_opinion_repository_get_item (vault, *(gint64 *) data, error);
}

static LdOpinionItem *
read_item (LdVault *vault,
           gint64   id)
{
  return ld_ui_test_run_wait (vault, get_item_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static gpointer
get_request_worker (LdVault       *vault,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return ld_opinion_repository_get_request (vault, *(gint64 *) data, error);
}

static LdOpinionRequest *
read_request (LdVault *vault,
              gint64   id)
{
  return ld_ui_test_run_wait (vault, get_request_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static char *last_toast;

static void
on_add_toast_cb (LdPage   *page,
                 AdwToast *toast)
{
  g_free (last_toast);
  last_toast = g_strdup (adw_toast_get_title (toast));
  g_test_message ("toast: %s", last_toast);
}

static GtkWindow *
show_page (LdOpinionsPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1280, 860);

  g_signal_connect (page, "add-toast", G_CALLBACK (on_add_toast_cb), NULL);

  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);

  return window;
}

/* A click: the action of the button runs now (gtk_widget_activate()
 * would wait for the press animation). */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_idle (LdOpinionsPage *page)
{
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_busy (page), 20000);
  ld_ui_test_flush ();
}

/* The index of the shown cadre called name. */
static guint
item_index (LdOpinionsPage *page,
            const char     *name)
{
  for (guint i = 0; i < ld_opinions_page_get_n_items (page); i++)
    if (g_strcmp0 (ld_opinion_item_get_cadre_name (ld_opinions_page_get_item (page, i)), name) == 0)
      return i;

  g_assert_not_reached ();
  return 0;
}

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

/* Whether a label under widget contains text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GString) labels = g_string_new ("\n");

  collect_labels (widget, labels);
  return strstr (labels->str, text) != NULL;
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* The investigator: the rows show the proposals; Confirm takes one in a
 * click, Ctrl+Return on a focused row takes the next; Change refuses to
 * save without a reason and stores the reason; Approve stays disabled. */
static void
test_opinions_page_investigator (void)
{
  Fixture f = { 0 };
  g_autoptr(LdOpinionItem) stored = NULL;
  g_autoptr(LdOpinionItem) item_li = NULL;
  LdOpinionsPage *page;
  LdOpinionDecisionDialog *dialog;
  GtkWindow *window;
  GtkWidget *button;
  LdVault *vault;
  guint zhang, li, wang;
  gint64 id;

  seed_vault (&f, TRUE);
  vault = ld_ui_test_open_vault (f.dir, "ivy");
  page = ld_opinions_page_new (vault);
  window = show_page (page);

  g_assert_cmpuint (g_list_model_get_n_items (ld_opinions_page_get_model (page)), ==, 1);
  ld_opinions_page_show_record (page, f.request_id);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpint (ld_opinions_page_get_shown_id (page), ==, f.request_id);
  g_assert_cmpuint (ld_opinions_page_get_n_items (page), ==, 3);

  /* The proposals: the warning in effect says no, the clean ones ok. */
  zhang = item_index (page, "张三丰");
  li = item_index (page, "李四");
  wang = item_index (page, "王五");
  g_assert_cmpint (ld_opinion_item_get_proposal (ld_opinions_page_get_item (page, zhang)), ==, LD_OPINION_NO);
  g_assert_cmpint (ld_opinion_item_get_proposal (ld_opinions_page_get_item (page, li)), ==, LD_OPINION_OK);
  g_assert_cmpint (ld_opinion_item_get_proposal (ld_opinions_page_get_item (page, wang)), ==, LD_OPINION_OK);
  g_assert_true (shows_label (ld_opinions_page_get_item_row (page, zhang), ld_opinion_get_label (LD_OPINION_NO)));
  g_assert_true (shows_label (ld_opinions_page_get_item_row (page, li), ld_opinion_get_label (LD_OPINION_OK)));
  /* The reason links to the measure. */
  g_assert_nonnull (ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, zhang), "win.show-record"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ld_opinions_page_get_item_row (page, zhang)), TRUE);
  ld_ui_test_screenshot (GTK_WIDGET (window), "opinions-page");

  /* An item's id shows its request too. */
  item_li = g_object_ref (ld_opinions_page_get_item (page, li));
  ld_opinions_page_show_record (page, ld_opinion_item_get_id (item_li) + 1000);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  ld_opinions_page_show_record (page, ld_opinion_item_get_id (item_li));
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpint (ld_opinions_page_get_shown_id (page), ==, f.request_id);

  /* Approve is for leaders. */
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.approve-all")));

  /* One click: Confirm on 李四's row stores the proposal as the decision. */
  li = item_index (page, "李四");
  button = ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, li), "opinions.confirm");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);
  wait_idle (page);
  id = ld_opinion_item_get_id (item_li);
  stored = read_item (vault, id);
  g_assert_cmpint (ld_opinion_item_get_state (stored), ==, LD_OPINION_ITEM_DECIDED);
  g_assert_cmpint (ld_opinion_item_get_decision (stored), ==, LD_OPINION_OK);
  g_assert_false (ld_opinion_item_get_changed (stored));
  g_assert_cmpstr (ld_opinion_item_get_confirmed_by (stored), ==, "ivy");
  g_assert_null (ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, li), "opinions.confirm"));
  /* The focus moved on to the next cadre waiting: Ctrl+Return goes on. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *next = ld_opinions_page_get_item_row (page, item_index (page, "王五"));

    g_assert_nonnull (focus);
    g_assert_true (focus == next || gtk_widget_is_ancestor (focus, next));
  }
  /* The decided row offers Approve, disabled for the investigator. */
  button = ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, li), "opinions.approve");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  /* The keyboard: Ctrl+Return on 王五's focused row. */
  wang = item_index (page, "王五");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opinions.confirm-focused", NULL));
  wait_idle (page);
  g_clear_object (&stored);
  stored = read_item (vault, ld_opinion_item_get_id (ld_opinions_page_get_item (page, wang)));
  g_assert_cmpint (ld_opinion_item_get_decision (stored), ==, LD_OPINION_OK);

  /* Change 张三丰's "no" to "defer": Save waits for the reason. */
  zhang = item_index (page, "张三丰");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opinions.change", "x",
                                             ld_opinion_item_get_id (ld_opinions_page_get_item (page, zhang))));
  dialog = LD_OPINION_DECISION_DIALOG (ld_ui_test_find_window (LD_TYPE_OPINION_DECISION_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpint (ld_opinion_decision_dialog_get_decision (dialog), ==, LD_OPINION_NO);
  g_assert_true (ld_opinion_decision_dialog_get_can_save (dialog));   /* the proposal itself */
  ld_opinion_decision_dialog_set_decision (dialog, LD_OPINION_DEFER);
  g_assert_false (ld_opinion_decision_dialog_get_can_save (dialog));
  ld_opinion_decision_dialog_set_reason (dialog, "   ");
  g_assert_false (ld_opinion_decision_dialog_get_can_save (dialog));
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (dialog), "decision.save")));
  ld_opinion_decision_dialog_set_reason (dialog, "处分已报请解除，待核实后答复");
  g_assert_true (ld_opinion_decision_dialog_get_can_save (dialog));
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "opinion-decision-dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "decision.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_OPINION_DECISION_DIALOG) == NULL, 10000);
  wait_idle (page);
  g_clear_object (&stored);
  stored = read_item (vault, ld_opinion_item_get_id (ld_opinions_page_get_item (page, zhang)));
  g_assert_cmpint (ld_opinion_item_get_decision (stored), ==, LD_OPINION_DEFER);
  g_assert_true (ld_opinion_item_get_changed (stored));
  g_assert_cmpstr (ld_opinion_item_get_change_reason (stored), ==, "处分已报请解除，待核实后答复");
  g_assert_cmpint (ld_opinion_item_get_decision (ld_opinions_page_get_item (page, zhang)), ==, LD_OPINION_DEFER);

  /* Every cadre decided: approving is still not the investigator's. */
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.approve-all")));
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.print")));

  /* Run Check again asks first, since it clears the decisions taken. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opinions.check", NULL));
  {
    AdwMessageDialog *message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (message);
    adw_message_dialog_response (message, "check");
    gtk_window_destroy (GTK_WINDOW (message));
  }
  wait_idle (page);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_clear_object (&stored);
  stored = read_item (vault, id);
  g_assert_cmpint (ld_opinion_item_get_state (stored), ==, LD_OPINION_ITEM_CHECKED);
  g_assert_cmpint (ld_opinion_item_get_proposal (stored), ==, LD_OPINION_OK);
  g_assert_nonnull (ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, item_index (page, "李四")),
                                                   "opinions.confirm"));

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  fixture_clear (&f);
}

static gpointer
decide_all_worker (LdVault       *vault,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) items = ld_opinion_repository_list_items (vault, *(gint64 *) data, error);

  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    if (!ld_opinion_repository_confirm (vault, ld_opinion_item_get_id (g_ptr_array_index (items, i)), error))
      return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* The leader approves one cadre, then the rest; the letter and the table
 * are then saved as PDF and printed (exported) through the print
 * operation. */
static void
test_opinions_page_leader (void)
{
  Fixture f = { 0 };
  g_autoptr(LdOpinionItem) stored = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *table = NULL;
  g_autofree char *printed = NULL;
  LdOpinionsPage *page;
  GtkWindow *window;
  GtkWidget *button;
  LdVault *vault;
  gint64 id;

  seed_vault (&f, TRUE);
  vault = ld_ui_test_open_vault (f.dir, "ivy");
  ld_ui_test_run_wait (vault, decide_all_worker, g_memdup2 (&f.request_id, sizeof f.request_id), g_free, NULL);
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f.dir, "lea");
  page = ld_opinions_page_new (vault);
  window = show_page (page);
  ld_opinions_page_show_record (page, f.request_id);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpuint (ld_opinions_page_get_n_items (page), ==, 3);

  /* A leader neither registers nor confirms. */
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.new")));
  g_assert_null (ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, 0), "opinions.confirm"));
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.print")));

  /* Approve one. */
  button = ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, 0), "opinions.approve");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  id = ld_opinion_item_get_id (ld_opinions_page_get_item (page, 0));
  click (button);
  wait_idle (page);
  stored = read_item (vault, id);
  g_assert_cmpint (ld_opinion_item_get_state (stored), ==, LD_OPINION_ITEM_APPROVED);
  g_assert_cmpstr (ld_opinion_item_get_approved_by (stored), ==, "lea");
  g_assert_cmpstr (ld_opinion_item_get_valid_until (stored), !=, "");
  g_assert_null (ld_opinions_page_get_item_row (page, 0) != NULL
                 ? ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, 0), "opinions.approve")
                 : NULL);

  /* Approve the rest: the request is replied. */
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.approve-all");
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);
  wait_idle (page);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  request = read_request (vault, f.request_id);
  g_assert_true (ld_opinion_request_is_replied (request));
  g_assert_cmpuint (ld_opinion_request_get_n_approved (request), ==, 3);
  g_assert_true (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.print")));
  g_assert_true (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.save-letter")));
  ld_ui_test_screenshot (GTK_WIDGET (window), "opinions-page-approved");

  /* The letter and the table as PDF; a folder that does not exist fails
   * without leaving anything. */
  letter = g_build_filename (f.dir, "意见回复函.pdf", NULL);
  ld_opinions_page_save_pdf (page, letter, FALSE);
  wait_idle (page);
  assert_pdf (letter);
  table = g_build_filename (f.dir, "意见回复表.pdf", NULL);
  ld_opinions_page_save_pdf (page, table, TRUE);
  wait_idle (page);
  assert_pdf (table);
  {
    g_autofree char *bad = g_build_filename (f.dir, "no-such-folder", "x.pdf", NULL);

    ld_opinions_page_save_pdf (page, bad, FALSE);
    wait_idle (page);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }

  /* Printing draws the same pages (exported to a file here). */
  printed = g_build_filename (f.dir, "printed.pdf", NULL);
  ld_opinions_page_print_to_file (page, printed);
  wait_idle (page);
  assert_pdf (printed);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  fixture_clear (&f);
}

/* The viewer reads only. */
static void
test_opinions_page_viewer (void)
{
  Fixture f = { 0 };
  LdOpinionsPage *page;
  GtkWindow *window;
  GtkWidget *button;
  LdVault *vault;

  seed_vault (&f, TRUE);
  vault = ld_ui_test_open_vault (f.dir, "vic");
  page = ld_opinions_page_new (vault);
  window = show_page (page);
  ld_opinions_page_show_record (page, f.request_id);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpuint (ld_opinions_page_get_n_items (page), ==, 3);

  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.new")));
  g_assert_false (gtk_widget_is_sensitive (ld_ui_test_find_action_button (GTK_WIDGET (page), "opinions.check")));
  button = ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, 0), "opinions.confirm");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  button = ld_ui_test_find_action_button (ld_opinions_page_get_item_row (page, 0), "opinions.change");
  g_assert_false (gtk_widget_is_sensitive (button));

  /* The filters: nothing replied yet, and a search for a stranger. */
  ld_opinions_page_set_search (page, "不存在的人");
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (ld_opinions_page_get_model (page)), ==, 0);
  g_assert_true (shows_label (GTK_WIDGET (page), "No Matching Requests"));
  ld_opinions_page_set_search (page, "李四");
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (ld_opinions_page_get_model (page)), ==, 1);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  fixture_clear (&f);
}

static gpointer
list_items_worker (LdVault       *vault,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return ld_opinion_repository_list_items (vault, *(gint64 *) data, error);
}

static void
on_saved_cb (LdOpinionRequestDialog *dialog,
             gint64                  id,
             gint64                 *out)
{
  *out = id;
}

/* No request yet: the page says how to start. The request dialog takes
 * picked cadres and the matched rows of the organisation department's
 * list (the unmatched ones reported), registers the request and checks
 * it. */
static void
test_opinions_page_request_dialog (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  LdOpinionRequestDialog *dialog;
  LdCadreChooser *chooser;
  LdOpinionsPage *page;
  GtkWindow *window;
  LdVault *vault;
  gint64 saved_id = 0;

  seed_vault (&f, FALSE);
  vault = ld_ui_test_open_vault (f.dir, "ivy");
  page = ld_opinions_page_new (vault);
  window = show_page (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_opinions_page_get_model (page)), ==, 0);
  g_assert_true (shows_label (GTK_WIDGET (page), "No Opinion Requests Yet"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "opinions-empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opinions.new", NULL));
  dialog = LD_OPINION_REQUEST_DIALOG (ld_ui_test_find_window (LD_TYPE_OPINION_REQUEST_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);
  g_assert_false (ld_opinion_request_dialog_get_can_save (dialog));

  ld_opinion_request_dialog_fill (dialog, "县委组织部", NULL, "promotion", NULL, "组干函〔2026〕30号");
  g_assert_false (ld_opinion_request_dialog_get_can_save (dialog));   /* no cadre yet */

  /* Pick one. */
  chooser = ld_opinion_request_dialog_get_cadre_chooser (dialog);
  ld_cadre_chooser_search (chooser, "张三丰");
  LD_UI_TEST_WAIT_FOR (!ld_cadre_chooser_get_searching (chooser), 10000);
  g_assert_cmpuint (ld_cadre_chooser_get_n_matches (chooser), ==, 1);
  g_assert_true (ld_cadre_chooser_choose_match (chooser, 0));
  g_assert_true (ld_opinion_request_dialog_get_can_save (dialog));

  /* Import the list: one row matches, one has an unknown ID number. */
  csv = g_build_filename (f.dir, "干部名单.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "序号,姓名,身份证号\n1,李四," ID_LI "\n2,赵六,110101199001011237\n",
                                      -1, &error));
  g_assert_no_error (error);
  ld_opinion_request_dialog_import_file (dialog, csv);
  LD_UI_TEST_WAIT_FOR (!ld_opinion_request_dialog_get_importing (dialog), 10000);
  g_assert_cmpuint (ld_opinion_request_dialog_get_n_matched (dialog), ==, 1);
  g_assert_cmpuint (ld_opinion_request_dialog_get_n_unmatched (dialog), ==, 1);
  g_assert_cmpuint (ld_cadre_chooser_get_n_chosen (chooser), ==, 1);   /* not added before asked */
  g_assert_true (shows_text (GTK_WIDGET (dialog), "赵六"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Row 3"));
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "opinion-request-dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "request.add-matched", NULL));
  g_assert_cmpuint (ld_cadre_chooser_get_n_chosen (chooser), ==, 2);

  /* A due date before the request is refused inline. */
  ld_opinion_request_dialog_fill (dialog, NULL, "2026-03-10", NULL, "2026-03-01", NULL);
  g_assert_false (ld_opinion_request_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_opinion_request_dialog_get_error_message (dialog));
  ld_opinion_request_dialog_fill (dialog, NULL, NULL, NULL, "2026-03-13", NULL);
  g_assert_true (ld_opinion_request_dialog_get_can_save (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "request.save", NULL));
  LD_UI_TEST_WAIT_FOR (saved_id != 0, 20000);
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_OPINION_REQUEST_DIALOG) == NULL, 10000);

  /* Stored and checked: the page shows it. */
  items = ld_ui_test_run_wait (vault, list_items_worker, g_memdup2 (&saved_id, sizeof saved_id), g_free,
                               (GDestroyNotify) g_ptr_array_unref);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (ld_opinion_item_get_state (g_ptr_array_index (items, i)), ==, LD_OPINION_ITEM_CHECKED);
  LD_UI_TEST_WAIT_FOR (ld_opinions_page_get_shown_id (page) == saved_id && !ld_opinions_page_get_loading (page),
                       10000);
  g_assert_cmpuint (ld_opinions_page_get_n_items (page), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ld_opinions_page_get_model (page)), ==, 1);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
  fixture_clear (&f);
}

/* The board and the cadre file open "opinion" records through the window:
 * the opinions page comes up with the request. */
static void
test_opinions_page_window (void)
{
  Fixture f = { 0 };
  LdApplication *app;
  LdWindow *window;
  LdOpinionsPage *page;

  seed_vault (&f, TRUE);
  app = ld_ui_test_app_new (f.dir);
  window = LD_WINDOW (ld_ui_test_unlock (app, "ivy", LD_TEST_PASSWORD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)", "opinion",
                                             f.request_id));
  ld_ui_test_flush ();
  g_assert_cmpstr (ld_window_get_page_name (window), ==, "opinions");
  page = LD_OPINIONS_PAGE (ld_window_get_page (window, "opinions"));
  g_assert_cmpstr (ld_page_get_title (LD_PAGE (page)), ==, "Opinion Replies");
  LD_UI_TEST_WAIT_FOR (ld_opinions_page_get_shown_id (page) == f.request_id
                       && !ld_opinions_page_get_loading (page), 10000);
  g_assert_cmpuint (ld_opinions_page_get_n_items (page), ==, 3);

  ld_ui_test_app_free (app);
  fixture_clear (&f);
}

static gpointer
approve_and_write_worker (LdVault       *vault,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gint64 request_id = *(gint64 *) data;
  const char *dir = g_getenv ("LD_TEST_DEMO_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "opinion-letter.pdf", NULL);
  LdOpinionLetterOptions options;

  ld_opinion_letter_options_init (&options);
  options.with_table = TRUE;
  if (!ld_opinion_repository_approve_request (vault, request_id, NULL, error)
      || !ld_opinion_letter_write_pdf (vault, request_id, &options, path, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* Only with $LD_TEST_DEMO_MS: a request of eight cadres shown for that
 * long (to look at it, e.g. with `import -window root`), then decided,
 * approved and written as a letter into $LD_TEST_DEMO_DIR. */
static void
test_opinions_page_demo (void)
{
  const char *pause = g_getenv ("LD_TEST_DEMO_MS");
  Fixture f = { 0 };
  LdOpinionsPage *page;
  GtkWindow *window;
  LdVault *vault;
  gint64 deadline;

  if (pause == NULL)
    {
      g_test_skip ("set LD_TEST_DEMO_MS to look at the page");
      return;
    }

  seed_vault_with (&f, TRUE, G_N_ELEMENTS (extra_cadres));
  vault = ld_ui_test_open_vault (f.dir, "ivy");
  ld_ui_test_run_wait (vault, decide_all_worker, g_memdup2 (&f.request_id, sizeof f.request_id), g_free, NULL);
  page = ld_opinions_page_new (vault);
  window = show_page (page);
  gtk_window_maximize (window);
  ld_opinions_page_show_record (page, f.request_id);
  LD_UI_TEST_WAIT_FOR (!ld_opinions_page_get_loading (page), 10000);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ld_opinions_page_get_item_row (page, 0)), TRUE);

  ld_ui_test_flush ();
  g_test_message ("demo: showing the page");
  deadline = g_get_monotonic_time () + g_ascii_strtoll (pause, NULL, 10) * 1000;
  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f.dir, "lea");
  ld_ui_test_run_wait (vault, approve_and_write_worker, g_memdup2 (&f.request_id, sizeof f.request_id), g_free,
                       NULL);
  ld_ui_test_close_vault (vault);
  fixture_clear (&f);
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
test_opinions_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();

  ld_ui_test_create_case_vault (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdOpinionsPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_opinions_page_new (vault);
      window = show_page (page);
      /* Nothing else here owns Ctrl+E, so it exports too. */
      g_assert_true (has_shortcut (GTK_WIDGET (page), "opinions.export", "<Control>e"));
      dialog = activate_export (GTK_WIDGET (page), "opinions.export", granted);
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
  /* The demonstration shows the page in the locale of the environment. */
  if (g_getenv ("LD_TEST_DEMO_MS") != NULL)
    ld_i18n_init ();
  ld_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/opinions-page/investigator", test_opinions_page_investigator);
  g_test_add_func ("/ui/opinions-page/leader", test_opinions_page_leader);
  g_test_add_func ("/ui/opinions-page/viewer", test_opinions_page_viewer);
  g_test_add_func ("/ui/opinions-page/request-dialog", test_opinions_page_request_dialog);
  g_test_add_func ("/ui/opinions-page/window", test_opinions_page_window);
  g_test_add_func ("/ui/opinions-page/demo", test_opinions_page_demo);
  g_test_add_func ("/ui/opinions-page/export", test_opinions_page_export);

  return g_test_run ();
}
