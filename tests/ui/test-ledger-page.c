/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledger-page"

#include "config.h"

#include "ld-ui-test-utils.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-ledger-item-dialog.h"
#include "dialogs/ld-recommendation-dialog.h"
#include "pages/ld-ledger-page.h"
#include "pages/ld-recommendations-page.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"

/* A unit, the case accounts plus a leader "lea" (all scoped to every
 * unit), two ledger items registered through the repository (one past
 * its deadline, one not started) and a draft recommendation. */
typedef struct
{
  char   *dir;
  gint64  unit_id;
  gint64  overdue_id;
  gint64  fresh_id;
  gint64  recommendation_id;
} Fixture;

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *past = days_from_today (-10);
  g_autofree char *future = days_from_today (30);
  LdUnitSpec unit = { 0 };
  LdVault *vault;

  f->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_case_vault (f->dir);
  ld_ui_test_add_account (f->dir, "lea", LD_ROLE_LEADER, "Initial-Pass-2024", FALSE);

  vault = ld_ui_test_open_vault (f->dir, "sec");
  ld_scope_grant (vault, "lea", 0, &error);
  g_assert_no_error (error);
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &f->unit_id, &error);
  g_assert_no_error (error);

  {
    g_auto(LdLedgerItemSpec) spec = { 0 };

    ld_ledger_item_spec_init (&spec);
    spec.unit_id = f->unit_id;
    ld_ledger_item_spec_set (&spec.source, "inspection");
    ld_ledger_item_spec_set (&spec.source_ref, "县委第二轮巡察");
    ld_ledger_item_spec_set (&spec.problem, "食堂超标准接待");
    ld_ledger_item_spec_set (&spec.measures, "清理接待台账，退还超标费用");
    ld_ledger_item_spec_set (&spec.leader, "王局长");
    ld_ledger_item_spec_set (&spec.person, "张三");
    ld_ledger_item_spec_set (&spec.deadline, past);
    ld_ledger_repository_create (vault, &spec, &f->overdue_id, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(LdLedgerItemSpec) spec = { 0 };

    ld_ledger_item_spec_init (&spec);
    spec.unit_id = f->unit_id;
    ld_ledger_item_spec_set (&spec.source, "audit");
    ld_ledger_item_spec_set (&spec.problem, "公务用车管理不规范");
    ld_ledger_item_spec_set (&spec.person, "李四");
    ld_ledger_item_spec_set (&spec.deadline, future);
    ld_ledger_repository_create (vault, &spec, &f->fresh_id, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_auto(LdRecommendationSpec) spec = { 0 };

    ld_recommendation_spec_init (&spec);
    spec.unit_id = f->unit_id;
    ld_recommendation_spec_set (&spec.kind, "joint");
    ld_recommendation_spec_set (&spec.title, "关于加强财务管理的纪检监察建议");
    ld_recommendation_spec_set (&spec.problem, "财务审批不严");
    ld_recommendation_repository_create (vault, &spec, &f->recommendation_id, NULL, &error);
    g_assert_no_error (error);
  }
  ld_ui_test_close_vault (vault);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
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
  return ld_ledger_repository_get (vault, *(gint64 *) data, error);
}

static LdLedgerItem *
read_item (LdVault *vault,
           gint64   id)
{
  return ld_ui_test_run_wait (vault, get_item_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static gpointer
get_recommendation_worker (LdVault       *vault,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return ld_recommendation_repository_get (vault, *(gint64 *) data, error);
}

static LdRecommendation *
read_recommendation (LdVault *vault,
                     gint64   id)
{
  return ld_ui_test_run_wait (vault, get_recommendation_worker, g_memdup2 (&id, sizeof id), g_free,
                              g_object_unref);
}

static gpointer
spawned_items_worker (LdVault       *vault,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LdLedgerFilter filter;

  ld_ledger_filter_init (&filter);
  filter.recommendation_id = *(gint64 *) data;
  return ld_ledger_repository_list (vault, &filter, error);
}

/* Completes and accepts an item as the investigator. */
static gpointer
complete_accept_worker (LdVault       *vault,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *today = ld_ui_test_today ();
  gint64 id = *(gint64 *) data;

  if (!ld_ledger_repository_complete (vault, id, today, "已全部整改", error)
      || !ld_ledger_repository_accept (vault, id, "李主任", "整改到位", error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static LdLedgerItem *
model_find_item (GListModel *model,
                 gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdLedgerItem) item = g_list_model_get_item (model, i);

      if (ld_ledger_item_get_id (item) == id)
        return item;   /* the model keeps its reference */
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
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GString) labels = g_string_new ("\n");

  collect_labels (widget, labels);
  return strstr (labels->str, text) != NULL;
}

/* Whether a label shown on screen (mapped) reads text. */
static gboolean
shows_mapped_label (GtkWidget  *widget,
                    const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_mapped_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
action_button_sensitive (GtkWidget  *page,
                         const char *action)
{
  GtkWidget *button = ld_ui_test_find_action_button (page, action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static gboolean
action_button_shown (GtkWidget  *page,
                     const char *action)
{
  GtkWidget *button = ld_ui_test_find_action_button (page, action);

  g_assert_nonnull (button);
  return gtk_widget_get_visible (button) && gtk_widget_get_visible (gtk_widget_get_parent (button));
}

/* Answers the message dialog the action opened: types texts[i] into
 * entry i (NULL leaves it as offered), then applies. */
static void
answer_prompt (const char * const *texts,
               guint               n_texts)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  for (guint i = 0; i < n_texts; i++)
    {
      g_autofree char *key = g_strdup_printf ("ld-entry-%u", i);
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);

      g_assert_nonnull (entry);
      if (texts[i] != NULL)
        gtk_editable_set_text (entry, texts[i]);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWindow *show_recommendations (LdRecommendationsPage *page);

static GtkWindow *
show_ledger (LdLedgerPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1280, 800);

  LD_UI_TEST_WAIT_FOR (!ld_ledger_page_get_loading (page), 10000);

  return window;
}

static void
wait_ledger (LdLedgerPage *page)
{
  ld_ui_test_flush ();
  LD_UI_TEST_WAIT_FOR (!ld_ledger_page_get_loading (page), 10000);
}

static void
on_toast_cb (LdPage    *page,
             AdwToast  *toast,
             char     **out)
{
  g_free (*out);
  *out = g_strdup (adw_toast_get_title (toast));
}

static void
on_saved_cb (GObject *dialog,
             gint64   id,
             gint64  *out)
{
  *out = id;
}

/* The investigator's ledger: items made through the repository are
 * listed, the overdue one says so and is found by the overdue filter,
 * progress moves a new item to in progress, completion and acceptance
 * go through, sign-off stays a leader's, and the dialog registers an
 * item (a bad deadline refused inline first). */
static void
test_ledger_page_investigator (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LdLedgerItem) stored = NULL;
  g_autofree char *future = days_from_today (20);
  g_autofree char *evidence = NULL;
  g_autoptr(GError) error = NULL;
  LdLedgerItem *overdue;
  LdVault *vault;
  LdLedgerPage *page;
  GtkWindow *window;
  GtkWidget *widget;
  gint64 saved_id = 0;

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  page = ld_ledger_page_new (vault);
  window = show_ledger (page);
  widget = GTK_WIDGET (page);

  g_assert_cmpstr (ld_page_get_title (LD_PAGE (page)), ==, "Rectification Ledger");
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 2);
  overdue = model_find_item (ld_ledger_page_get_model (page), f->overdue_id);
  g_assert_nonnull (overdue);
  g_assert_true (ld_ledger_item_is_overdue (overdue, NULL));
  g_assert_cmpint (ld_ledger_item_get_display_status (overdue, NULL), ==, LD_LEDGER_OVERDUE);
  g_assert_cmpstr (ld_ledger_item_get_display_status_label (overdue, NULL), ==,
                   ld_ledger_status_get_label (LD_LEDGER_OVERDUE));
  g_assert_false (ld_ledger_item_is_overdue (model_find_item (ld_ledger_page_get_model (page), f->fresh_id), NULL));

  /* The overdue item's detail says so, in its status too. */
  ld_ledger_page_show_record (page, f->overdue_id);
  wait_ledger (page);
  g_assert_cmpint (ld_ledger_page_get_shown_id (page), ==, f->overdue_id);
  g_assert_true (shows_text (widget, "Overdue: the deadline"));
  g_assert_true (shows_text (widget, ld_ledger_status_get_label (LD_LEDGER_OVERDUE)));
  g_assert_true (shows_text (widget, "食堂超标准接待"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "ledger-page");

  /* Filtering by overdue leaves the one item. */
  g_assert_true (ld_ledger_page_set_status_filter (page, "overdue"));
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 1);
  g_assert_nonnull (model_find_item (ld_ledger_page_get_model (page), f->overdue_id));
  g_assert_true (ld_ledger_page_set_status_filter (page, "done"));
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 0);
  g_assert_true (ld_ledger_page_set_status_filter (page, NULL));
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 2);
  ld_ledger_page_set_search (page, "公务用车");
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 1);
  ld_ledger_page_set_search (page, NULL);
  wait_ledger (page);

  /* Adding progress through the page moves not-started to in progress. */
  ld_ledger_page_show_record (page, f->fresh_id);
  wait_ledger (page);
  g_assert_cmpint (ld_ledger_page_get_shown_id (page), ==, f->fresh_id);
  g_assert_false (action_button_sensitive (widget, "ledger.accept"));
  g_assert_false (action_button_sensitive (widget, "ledger.sign-off"));
  g_assert_true (action_button_sensitive (widget, "ledger.add-progress"));
  g_assert_true (gtk_widget_activate_action (widget, "ledger.add-progress", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

    /* The note is required. */
    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "ledger-progress");
  }
  answer_prompt ((const char *[]) { NULL, "已召开专题会议部署整改" }, 2);
  wait_ledger (page);
  stored = read_item (vault, f->fresh_id);
  g_assert_cmpint (ld_ledger_item_get_status (stored), ==, LD_LEDGER_IN_PROGRESS);
  g_assert_cmpuint (ld_ledger_item_get_n_progress (stored), ==, 1);
  g_assert_true (shows_text (widget, "已召开专题会议部署整改"));
  g_assert_true (shows_text (widget, "Progress recorded"));

  /* Evidence: too big a file is refused with the limit in a toast, a
   * small one is attached and shown with its name. */
  {
    g_autofree char *big = g_build_filename (f->dir, "扫描件.pdf", NULL);
    g_autofree char *toast_title = NULL;
    gulong handler;
    int fd;

    fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, LD_ATTACHMENT_MAX_SIZE + 1), ==, 0);
    close (fd);
    handler = g_signal_connect (page, "add-toast", G_CALLBACK (on_toast_cb), &toast_title);
    ld_ledger_page_attach_file (page, big);
    wait_ledger (page);
    LD_UI_TEST_WAIT_FOR (toast_title != NULL, 10000);
    /* The message names the file and the limit. */
    {
      g_autofree char *limit = ld_attachment_format_size (LD_ATTACHMENT_MAX_SIZE);

      g_assert_nonnull (strstr (toast_title, "扫描件.pdf"));
      g_assert_nonnull (strstr (toast_title, limit));
    }
    g_assert_false (shows_text (widget, "扫描件.pdf"));
    g_clear_pointer (&toast_title, g_free);

    evidence = g_build_filename (f->dir, "整改报告.txt", NULL);
    g_assert_true (g_file_set_contents (evidence, "整改报告全文", -1, &error));
    g_assert_no_error (error);
    ld_ledger_page_attach_file (page, evidence);
    wait_ledger (page);
    LD_UI_TEST_WAIT_FOR (toast_title != NULL, 10000);
    g_assert_cmpstr (toast_title, ==, "Evidence attached");
    g_signal_handler_disconnect (page, handler);
  }
  wait_ledger (page);
  g_assert_true (shows_text (widget, "整改报告.txt"));
  g_assert_nonnull (ld_ui_test_find_action_button (widget, "ledger.open-attachment"));

  /* Complete and accept; sign-off stays insensitive for the investigator. */
  g_assert_true (action_button_sensitive (widget, "ledger.complete"));
  g_assert_true (gtk_widget_activate_action (widget, "ledger.complete", NULL));
  answer_prompt ((const char *[]) { NULL, "车辆已全部纳入平台管理" }, 2);
  wait_ledger (page);
  g_clear_object (&stored);
  stored = read_item (vault, f->fresh_id);
  g_assert_cmpint (ld_ledger_item_get_status (stored), ==, LD_LEDGER_DONE);
  g_assert_cmpstr (ld_ledger_item_get_completion (stored), ==, "车辆已全部纳入平台管理");
  g_assert_false (action_button_sensitive (widget, "ledger.complete"));
  g_assert_true (action_button_sensitive (widget, "ledger.accept"));
  g_assert_true (gtk_widget_activate_action (widget, "ledger.accept", NULL));
  answer_prompt ((const char *[]) { "李主任", "整改到位" }, 2);
  wait_ledger (page);
  g_clear_object (&stored);
  stored = read_item (vault, f->fresh_id);
  g_assert_cmpstr (ld_ledger_item_get_accepted_by (stored), ==, "李主任");
  g_assert_false (action_button_sensitive (widget, "ledger.sign-off"));
  g_assert_null (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

  /* Edit (Ctrl+E) opens the item filled in; the change is saved. */
  g_assert_true (gtk_widget_activate_action (widget, "ledger.edit", NULL));
  {
    LdLedgerItemDialog *dialog = LD_LEDGER_ITEM_DIALOG (ld_ui_test_find_window (LD_TYPE_LEDGER_ITEM_DIALOG));

    g_assert_nonnull (dialog);
    LD_UI_TEST_WAIT_FOR (!ld_ledger_item_dialog_get_loading (dialog), 10000);
    g_assert_true (ld_ledger_item_dialog_get_can_save (dialog));
    ld_ledger_item_dialog_fill (dialog, 0, NULL, NULL, NULL, "李四、周五");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ledger-item.save", NULL));
  }
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_LEDGER_ITEM_DIALOG) == NULL, 10000);
  wait_ledger (page);
  g_clear_object (&stored);
  stored = read_item (vault, f->fresh_id);
  g_assert_cmpstr (ld_ledger_item_get_person (stored), ==, "李四、周五");
  g_assert_cmpstr (ld_ledger_item_get_problem (stored), ==, "公务用车管理不规范");
  g_assert_cmpstr (ld_ledger_item_get_source (stored), ==, "audit");
  g_assert_cmpint (ld_ledger_item_get_status (stored), ==, LD_LEDGER_DONE);

  /* The item dialog: a bad deadline is refused inline, then it saves. */
  g_assert_true (gtk_widget_activate_action (widget, "ledger.new", NULL));
  {
    LdLedgerItemDialog *dialog = LD_LEDGER_ITEM_DIALOG (ld_ui_test_find_window (LD_TYPE_LEDGER_ITEM_DIALOG));

    g_assert_nonnull (dialog);
    g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);
    LD_UI_TEST_WAIT_FOR (!ld_ledger_item_dialog_get_loading (dialog), 10000);
    g_assert_false (ld_ledger_item_dialog_get_can_save (dialog));
    ld_ledger_item_dialog_fill (dialog, f->unit_id, "petition", "违规收受礼金问题整改", "2026-02-30", "王五");
    g_assert_false (ld_ledger_item_dialog_get_can_save (dialog));
    g_assert_nonnull (ld_ledger_item_dialog_get_error_message (dialog));
    ld_ledger_item_dialog_fill (dialog, 0, NULL, NULL, future, NULL);
    g_assert_true (ld_ledger_item_dialog_get_can_save (dialog));
    g_assert_null (ld_ledger_item_dialog_get_error_message (dialog));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "ledger-item-dialog");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ledger-item.save", NULL));
  }
  LD_UI_TEST_WAIT_FOR (saved_id != 0 && ld_ui_test_find_window (LD_TYPE_LEDGER_ITEM_DIALOG) == NULL, 10000);
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 3);
  g_assert_cmpint (ld_ledger_page_get_shown_id (page), ==, saved_id);
  g_clear_object (&stored);
  stored = read_item (vault, saved_id);
  g_assert_cmpstr (ld_ledger_item_get_source (stored), ==, "petition");
  g_assert_cmpstr (ld_ledger_item_get_deadline (stored), ==, future);
  g_assert_cmpstr (ld_ledger_item_get_person (stored), ==, "王五");
  g_assert_cmpint (ld_ledger_item_get_status (stored), ==, LD_LEDGER_NOT_STARTED);

  /* Retire asks for a reason; the item leaves the ledger, not the vault. */
  g_assert_true (gtk_widget_activate_action (widget, "ledger.retire", NULL));
  answer_prompt ((const char *[]) { "重复登记" }, 1);
  wait_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 2);
  g_clear_object (&stored);
  stored = read_item (vault, saved_id);
  g_assert_cmpint (ld_ledger_item_get_retired_at (stored), >, 0);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
}

/* A leader signs a completed and accepted item off; nothing else is
 * offered to the leader, and the signed-off item no longer changes. */
static void
test_ledger_page_leader_sign_off (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LdLedgerItem) stored = NULL;
  LdVault *vault;
  LdLedgerPage *page;
  GtkWindow *window;
  GtkWidget *widget;

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  g_assert_nonnull (ld_ui_test_run_wait (vault, complete_accept_worker, g_memdup2 (&f->fresh_id, sizeof (gint64)),
                                         g_free, NULL));
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f->dir, "lea");
  page = ld_ledger_page_new (vault);
  window = show_ledger (page);
  widget = GTK_WIDGET (page);
  g_assert_false (action_button_sensitive (widget, "ledger.new"));

  /* Not for an item still open. */
  ld_ledger_page_show_record (page, f->overdue_id);
  wait_ledger (page);
  g_assert_false (action_button_sensitive (widget, "ledger.sign-off"));

  ld_ledger_page_show_record (page, f->fresh_id);
  wait_ledger (page);
  g_assert_cmpint (ld_ledger_page_get_shown_id (page), ==, f->fresh_id);
  g_assert_false (action_button_sensitive (widget, "ledger.edit"));
  g_assert_false (action_button_sensitive (widget, "ledger.add-progress"));
  g_assert_true (action_button_sensitive (widget, "ledger.sign-off"));

  /* Cancelling the confirmation changes nothing. */
  g_assert_true (gtk_widget_activate_action (widget, "ledger.sign-off", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  wait_ledger (page);
  stored = read_item (vault, f->fresh_id);
  g_assert_false (ld_ledger_item_is_signed_off (stored));

  g_assert_true (gtk_widget_activate_action (widget, "ledger.sign-off", NULL));
  answer_prompt ((const char *[]) { NULL }, 1);
  wait_ledger (page);
  g_clear_object (&stored);
  stored = read_item (vault, f->fresh_id);
  g_assert_true (ld_ledger_item_is_signed_off (stored));
  g_assert_false (action_button_sensitive (widget, "ledger.sign-off"));
  g_assert_true (shows_text (widget, "Signed off"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "ledger-signed-off");

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
}

/* A viewer reads the ledger but changes nothing. */
static void
test_ledger_page_viewer (Fixture       *f,
                         gconstpointer  data)
{
  LdVault *vault;
  LdLedgerPage *page;
  GtkWindow *window;
  GtkWidget *widget;
  const char *actions[] = { "ledger.new", "ledger.edit", "ledger.add-progress", "ledger.complete",
                            "ledger.accept", "ledger.sign-off" };

  vault = ld_ui_test_open_vault (f->dir, "vic");
  page = ld_ledger_page_new (vault);
  window = show_ledger (page);
  widget = GTK_WIDGET (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 2);

  /* show_record selects the item in the list too. */
  ld_ledger_page_show_record (page, f->overdue_id);
  wait_ledger (page);
  g_assert_cmpint (ld_ledger_page_get_shown_id (page), ==, f->overdue_id);
  {
    LdLedgerItem *selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (ld_ledger_page_get_model (page)));

    g_assert_nonnull (selected);
    g_assert_cmpint (ld_ledger_item_get_id (selected), ==, f->overdue_id);
  }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (action_button_sensitive (widget, actions[i]));
  g_assert_false (gtk_widget_activate_action (widget, "ledger.add-progress", NULL)
                  && ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
}

/* Without any item or recommendation both pages say how to start; a
 * search that finds nothing offers to clear it. */
static void
test_ledger_page_empty (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  LdLedgerPage *page;
  LdRecommendationsPage *recommendations;
  GtkWindow *window;

  ld_ui_test_create_case_vault (dir);
  vault = ld_ui_test_open_vault (dir, "ivy");

  page = ld_ledger_page_new (vault);
  window = show_ledger (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_ledger_page_get_model (page)), ==, 0);
  ld_ui_test_flush ();
  g_assert_true (shows_mapped_label (GTK_WIDGET (page), "No Rectification Items Yet"));
  g_assert_false (shows_mapped_label (GTK_WIDGET (page), "No Matching Items"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (page), "ledger.new"));
  ld_ledger_page_set_search (page, "不存在的问题");
  wait_ledger (page);
  ld_ui_test_flush ();
  g_assert_true (shows_mapped_label (GTK_WIDGET (page), "No Matching Items"));
  g_assert_false (shows_mapped_label (GTK_WIDGET (page), "No Rectification Items Yet"));
  gtk_window_destroy (window);
  ld_ui_test_flush ();

  recommendations = ld_recommendations_page_new (vault);
  window = show_recommendations (recommendations);
  g_assert_cmpuint (g_list_model_get_n_items (ld_recommendations_page_get_model (recommendations)), ==, 0);
  ld_ui_test_flush ();
  g_assert_true (shows_mapped_label (GTK_WIDGET (recommendations), "No Recommendations Yet"));
  gtk_window_destroy (window);
  ld_ui_test_flush ();

  ld_ui_test_close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* --- Recommendations ------------------------------------------------------- */

static GtkWindow *
show_recommendations (LdRecommendationsPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1280, 800);

  LD_UI_TEST_WAIT_FOR (!ld_recommendations_page_get_loading (page), 10000);

  return window;
}

static void
wait_recommendations (LdRecommendationsPage *page)
{
  ld_ui_test_flush ();
  LD_UI_TEST_WAIT_FOR (!ld_recommendations_page_get_loading (page), 10000);
}

static gint64
selected_recommendation_id (LdRecommendationsPage *page)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (ld_recommendations_page_get_model (page));
  LdRecommendation *recommendation = gtk_single_selection_get_selected_item (selection);

  return recommendation != NULL ? ld_recommendation_get_id (recommendation) : 0;
}

static LdRecommendationStatus
stored_status (LdVault *vault,
               gint64   id)
{
  g_autoptr(LdRecommendation) recommendation = read_recommendation (vault, id);

  return ld_recommendation_get_status (recommendation);
}

/* The lifecycle through the page: issuing is a leader's, the
 * investigator delivers, records the reply, spawns two ledger items,
 * follows up, moves on, and closing with items still open is refused
 * with the message naming them. */
static void
test_recommendations_page_lifecycle (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *visit = days_from_today (14);
  g_autoptr(GPtrArray) spawned = NULL;
  g_autoptr(LdRecommendation) stored = NULL;
  LdVault *vault;
  LdRecommendationsPage *page;
  GtkWindow *window;
  GtkWidget *widget;

  /* The investigator sees it but may not issue it. */
  vault = ld_ui_test_open_vault (f->dir, "ivy");
  page = ld_recommendations_page_new (vault);
  window = show_recommendations (page);
  widget = GTK_WIDGET (page);
  g_assert_cmpstr (ld_page_get_title (LD_PAGE (page)), ==, "Recommendations");
  g_assert_cmpuint (g_list_model_get_n_items (ld_recommendations_page_get_model (page)), ==, 1);
  ld_recommendations_page_show_record (page, f->recommendation_id);
  wait_recommendations (page);
  g_assert_cmpint (ld_recommendations_page_get_shown_id (page), ==, f->recommendation_id);
  g_assert_cmpint (selected_recommendation_id (page), ==, f->recommendation_id);
  g_assert_true (action_button_shown (widget, "recommendations.issue"));
  g_assert_false (action_button_sensitive (widget, "recommendations.issue"));
  g_assert_false (action_button_shown (widget, "recommendations.deliver"));
  g_assert_false (action_button_sensitive (widget, "recommendations.spawn"));
  g_assert_true (action_button_sensitive (widget, "recommendations.edit"));
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  /* The leader issues it. */
  vault = ld_ui_test_open_vault (f->dir, "lea");
  page = ld_recommendations_page_new (vault);
  window = show_recommendations (page);
  widget = GTK_WIDGET (page);
  ld_recommendations_page_show_record (page, f->recommendation_id);
  wait_recommendations (page);
  g_assert_true (action_button_sensitive (widget, "recommendations.issue"));
  g_assert_false (action_button_sensitive (widget, "recommendations.edit"));
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.issue", NULL));
  answer_prompt ((const char *[]) { NULL, NULL, "经常委会研究" }, 3);
  wait_recommendations (page);
  g_assert_cmpint (stored_status (vault, f->recommendation_id), ==, LD_RECOMMENDATION_ISSUED);
  g_assert_false (action_button_shown (widget, "recommendations.issue"));
  /* Delivering is the investigator's. */
  g_assert_true (action_button_shown (widget, "recommendations.deliver"));
  g_assert_false (action_button_sensitive (widget, "recommendations.deliver"));
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  page = ld_recommendations_page_new (vault);
  window = show_recommendations (page);
  widget = GTK_WIDGET (page);
  ld_recommendations_page_show_record (page, f->recommendation_id);
  wait_recommendations (page);

  /* Deliver, then record the reply (required). */
  g_assert_true (action_button_sensitive (widget, "recommendations.deliver"));
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.deliver", NULL));
  answer_prompt ((const char *[]) { NULL }, 1);
  wait_recommendations (page);
  g_assert_cmpint (stored_status (vault, f->recommendation_id), ==, LD_RECOMMENDATION_DELIVERED);
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.reply", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  }
  answer_prompt ((const char *[]) { NULL, "已制定整改方案，限期整改" }, 2);
  wait_recommendations (page);
  stored = read_recommendation (vault, f->recommendation_id);
  g_assert_cmpint (ld_recommendation_get_status (stored), ==, LD_RECOMMENDATION_REPLIED);
  g_assert_cmpstr (ld_recommendation_get_reply (stored), ==, "已制定整改方案，限期整改");

  /* Spawn two ledger items in one go. */
  g_assert_true (action_button_sensitive (widget, "recommendations.spawn"));
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.spawn", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_autofree char *deadline = days_from_today (60);

    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ld-problem-0"), "完善财务审批制度");
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ld-deadline-0"), deadline);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ld-person-0"), "赵六");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
    g_signal_emit_by_name (g_object_get_data (G_OBJECT (dialog), "ld-add-row"), "clicked");
    g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), "ld-problem-1"));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ld-person-1"), "钱七");
    /* A row without its problem is not accepted. */
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "ld-problem-1"), "清退违规报销费用");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "recommendation-spawn");
    adw_message_dialog_response (dialog, "apply");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  wait_recommendations (page);
  g_assert_cmpuint (ld_recommendations_page_get_n_items (page), ==, 2);
  spawned = ld_ui_test_run_wait (vault, spawned_items_worker, g_memdup2 (&f->recommendation_id, sizeof (gint64)),
                                 g_free, (GDestroyNotify) g_ptr_array_unref);
  g_assert_cmpuint (spawned->len, ==, 2);
  g_assert_cmpstr (ld_ledger_item_get_source (g_ptr_array_index (spawned, 0)), ==, "recommendation");
  g_assert_cmpint (ld_ledger_item_get_unit_id (g_ptr_array_index (spawned, 0)), ==, f->unit_id);
  g_assert_true (shows_text (widget, "完善财务审批制度"));
  /* Each spawned item opens the ledger. */
  {
    GtkWidget *button = ld_ui_test_find_action_button (widget, "win.show-record");
    GVariant *target;

    g_assert_nonnull (button);
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
    g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE ("(sx)")));
  }

  /* A return visit plans the next one. */
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.add-event", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (dialog);
    g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), "ld-kind"));
    gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (dialog), "ld-kind"), 0);
  }
  answer_prompt ((const char *[]) { NULL, "整改方案已落实到科室", visit }, 3);
  wait_recommendations (page);
  g_clear_object (&stored);
  stored = read_recommendation (vault, f->recommendation_id);
  g_assert_cmpstr (ld_recommendation_get_next_visit_date (stored), ==, visit);
  g_assert_true (shows_text (widget, "整改方案已落实到科室"));

  /* Rectifying, verified, then closing is refused with the open items. */
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.rectify", NULL));
  answer_prompt ((const char *[]) { NULL }, 1);
  wait_recommendations (page);
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.verify", NULL));
  answer_prompt ((const char *[]) { NULL }, 1);
  wait_recommendations (page);
  g_assert_cmpint (stored_status (vault, f->recommendation_id), ==, LD_RECOMMENDATION_VERIFIED);
  g_assert_true (action_button_shown (widget, "recommendations.close"));
  g_assert_true (gtk_widget_activate_action (widget, "recommendations.close", NULL));
  answer_prompt ((const char *[]) { NULL }, 1);
  wait_recommendations (page);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    const char *reg_no = ld_ledger_item_get_reg_no (g_ptr_array_index (spawned, 0));

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Move Was Refused");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), reg_no));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "recommendation-close-refused");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpint (stored_status (vault, f->recommendation_id), ==, LD_RECOMMENDATION_VERIFIED);
  ld_ui_test_screenshot (GTK_WIDGET (window), "recommendations-page");

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
}

/* The dialog drafts a recommendation; a viewer may not. */
static void
test_recommendations_page_dialog (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LdRecommendation) stored = NULL;
  LdVault *vault;
  LdRecommendationsPage *page;
  GtkWindow *window;
  gint64 saved_id = 0;

  vault = ld_ui_test_open_vault (f->dir, "vic");
  page = ld_recommendations_page_new (vault);
  window = show_recommendations (page);
  g_assert_false (action_button_sensitive (GTK_WIDGET (page), "recommendations.new"));
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  vault = ld_ui_test_open_vault (f->dir, "ivy");
  page = ld_recommendations_page_new (vault);
  window = show_recommendations (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recommendations.new", NULL));
  {
    LdRecommendationDialog *dialog;

    dialog = LD_RECOMMENDATION_DIALOG (ld_ui_test_find_window (LD_TYPE_RECOMMENDATION_DIALOG));
    g_assert_nonnull (dialog);
    g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);
    LD_UI_TEST_WAIT_FOR (!ld_recommendation_dialog_get_loading (dialog), 10000);
    g_assert_false (ld_recommendation_dialog_get_can_save (dialog));
    ld_recommendation_dialog_fill (dialog, f->unit_id, "supervision", "");
    g_assert_false (ld_recommendation_dialog_get_can_save (dialog));
    g_assert_nonnull (ld_recommendation_dialog_get_error_message (dialog));
    ld_recommendation_dialog_fill (dialog, 0, NULL, "关于规范公务用车管理的监察建议");
    g_assert_true (ld_recommendation_dialog_get_can_save (dialog));
    ld_ui_test_screenshot (GTK_WIDGET (dialog), "recommendation-dialog");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "recommendation.save", NULL));
  }
  LD_UI_TEST_WAIT_FOR (saved_id != 0 && ld_ui_test_find_window (LD_TYPE_RECOMMENDATION_DIALOG) == NULL, 10000);
  wait_recommendations (page);
  g_assert_cmpuint (g_list_model_get_n_items (ld_recommendations_page_get_model (page)), ==, 2);
  g_assert_cmpint (ld_recommendations_page_get_shown_id (page), ==, saved_id);
  stored = read_recommendation (vault, saved_id);
  g_assert_cmpstr (ld_recommendation_get_kind (stored), ==, "supervision");
  g_assert_cmpint (ld_recommendation_get_status (stored), ==, LD_RECOMMENDATION_DRAFT);

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
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
test_ledger_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();

  ld_ui_test_create_case_vault (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdLedgerPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_ledger_page_new (vault);
      window = show_ledger (page);
      dialog = activate_export (GTK_WIDGET (page), "ledger.export", granted);
      if (dialog != NULL)
        gtk_window_destroy (dialog);
      gtk_window_destroy (window);
      ld_ui_test_flush ();
      ld_ui_test_close_vault (vault);
    }
  ld_ui_test_remove_dir (dir);
}

/* Export… (issue 6): the toolbar button and its action; without the
 * export grant the refusal is explained and no export dialog opens, with
 * it the export dialog opens. */
static void
test_recommendations_page_export (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();

  ld_ui_test_create_case_vault (dir);
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdRecommendationsPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (dir, "ivy");
      vault = ld_ui_test_open_vault (dir, "ivy");
      page = ld_recommendations_page_new (vault);
      window = show_recommendations (page);
      dialog = activate_export (GTK_WIDGET (page), "recommendations.export", granted);
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

  g_test_add ("/ui/ledger-page/investigator", Fixture, NULL,
              fixture_setup, test_ledger_page_investigator, fixture_teardown);
  g_test_add ("/ui/ledger-page/leader-sign-off", Fixture, NULL,
              fixture_setup, test_ledger_page_leader_sign_off, fixture_teardown);
  g_test_add ("/ui/ledger-page/viewer", Fixture, NULL,
              fixture_setup, test_ledger_page_viewer, fixture_teardown);
  g_test_add_func ("/ui/ledger-page/empty", test_ledger_page_empty);
  g_test_add_func ("/ui/ledger-page/export", test_ledger_page_export);
  g_test_add ("/ui/recommendations-page/lifecycle", Fixture, NULL,
              fixture_setup, test_recommendations_page_lifecycle, fixture_teardown);
  g_test_add ("/ui/recommendations-page/dialog", Fixture, NULL,
              fixture_setup, test_recommendations_page_dialog, fixture_teardown);
  g_test_add_func ("/ui/recommendations-page/export", test_recommendations_page_export);

  return g_test_run ();
}
