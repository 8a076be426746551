/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-petitions-page"

#include "config.h"

#include <string.h>

#include "ld-ui-test-utils.h"

#include "dialogs/ld-export-dialog.h"
#include "dialogs/ld-import-dialog.h"
#include "dialogs/ld-petition-dialog.h"
#include "dialogs/ld-reporter-dialog.h"
#include "dialogs/ld-reveal-dialog.h"
#include "exchange/ld-exchange-config.h"
#include "exchange/ld-ledger-import.h"
#include "pages/ld-petitions-page.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-chooser.h"

#define INITIAL  "Initial-Pass-2024"
#define REPORTER "李秘密"
#define MASKED   "李**"
#define SUMMARY  "张三丰在工程招标中收受礼金"

typedef struct
{
  char   *dir;
  gint64  unit_id;
  gint64  cadre_id;
  gint64  petition_id;
} Fixture;

/* A unit with a cadre; "ivy" (investigator), "rex" (investigator with the
 * reporter-identity grant), "aud" (auditor), "vic" (viewer); one real-name petition
 * reporting the cadre, registered through the repository. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(LdReporter) reporter = NULL;
  g_autofree char *today = ld_ui_test_today ();
  LdUnitSpec unit = { 0 };

  f->dir = ld_ui_test_make_dir ();
  ld_ui_test_create_vault (f->dir);
  ld_ui_test_add_account (f->dir, "sec", LD_ROLE_SECADMIN, INITIAL, FALSE);
  ld_ui_test_add_account (f->dir, "ivy", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (f->dir, "rex", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (f->dir, "aud", LD_ROLE_AUDITOR, INITIAL, FALSE);
  ld_ui_test_add_account (f->dir, "vic", LD_ROLE_VIEWER, INITIAL, FALSE);

  vault = ld_vault_new (f->dir);
  ld_vault_unlock (vault, "sec", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "ivy", 0, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "rex", 0, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "vic", 0, &error);
  g_assert_no_error (error);
  ld_user_repository_set_grant (vault, "rex", LD_GRANT_REPORTER_IDENTITY, TRUE, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  ld_vault_unlock (vault, "ivy", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &f->unit_id, &error);
  g_assert_no_error (error);
  f->cadre_id = ld_ui_test_add_cadre (vault, f->unit_id, "张三丰", "34052419800101001X", "局长", TRUE);

  ld_petition_spec_init (&spec);
  spec.unit_id = f->unit_id;
  spec.kind = g_strdup ("accusation");
  spec.channel = g_strdup ("CH_LETTER");
  spec.received_date = g_strdup (today);
  spec.real_name = TRUE;
  reporter = ld_reporter_new (REPORTER, "某公司", "13900000000", "某街1号", NULL);
  ld_petition_spec_set_reporter (&spec, reporter);
  ld_petition_spec_add_cadre (&spec, f->cadre_id);
  spec.summary = g_strdup (SUMMARY);
  spec.full_text = g_strdup ("来信反映张三丰在工程招标中收受礼金。");
  ld_petition_repository_create (vault, &spec, &f->petition_id, NULL, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* $LD_TEST_KEEP_VAULT keeps the vault, to open it in the application. */
  if (g_getenv ("LD_TEST_KEEP_VAULT") != NULL)
    {
      g_test_message ("Vault kept in %s", f->dir);
      g_free (f->dir);
      return;
    }
  ld_ui_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gpointer
get_petition_worker (LdVault       *vault,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return ld_petition_repository_get (vault, *(gint64 *) data, error);
}

static LdPetition *
read_petition (LdVault *vault,
               gint64   id)
{
  return ld_ui_test_run_wait (vault, get_petition_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref);
}

static GtkWindow *
show_page (LdPetitionsPage *page)
{
  GtkWindow *window = ld_ui_test_show_in_window (GTK_WIDGET (page), 1280, 900);

  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);

  return window;
}

/* Every text shown under widget (labels and list cells), one a line. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
      else if (GTK_IS_INSCRIPTION (child) && gtk_inscription_get_text (GTK_INSCRIPTION (child)) != NULL)
        g_string_append_printf (out, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (child)));
      if (gtk_widget_get_tooltip_text (child) != NULL)
        g_string_append_printf (out, "%s\n", gtk_widget_get_tooltip_text (child));
      collect_texts (child, out);
    }
}

static gboolean
any_label_selectable (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_selectable (GTK_LABEL (child)))
        return TRUE;
      if (any_label_selectable (child))
        return TRUE;
    }

  return FALSE;
}

static gpointer
list_clues_worker (LdVault       *vault,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  LdClueFilter filter;

  ld_clue_filter_init (&filter);
  return ld_clue_repository_list (vault, &filter, error);
}

static GPtrArray *
read_clues (LdVault *vault)
{
  return ld_ui_test_run_wait (vault, list_clues_worker, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

/* The n-th text entry under widget (0 = the first). */
static GtkEditable *
find_entry (GtkWidget *widget,
            guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found;

      if (GTK_IS_ENTRY (child))
        {
          if (*n == 0)
            return GTK_EDITABLE (child);
          (*n)--;
          continue;
        }
      if ((found = find_entry (child, n)) != NULL)
        return found;
    }

  return NULL;
}

/* Activates a page action that asks in a message dialog, fills the n-th
 * entry with text (when not NULL) and answers "ok". */
static void
answer_form (LdPetitionsPage *page,
             const char      *action,
             GVariant        *param,
             guint            entry,
             const char      *text)
{
  AdwMessageDialog *message;

  if (param != NULL)
    g_variant_ref_sink (param);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, param));
  ld_ui_test_flush ();
  message = ADW_MESSAGE_DIALOG (ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (message);
  if (text != NULL)
    {
      GtkEditable *editable = find_entry (GTK_WIDGET (message), &entry);

      g_assert_nonnull (editable);
      gtk_editable_set_text (editable, text);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (message, "ok"));
  {
    g_autofree char *name = g_strdup_printf ("form-%s", param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_STRING)
                                                        ? g_variant_get_string (param, NULL) : action);

    ld_ui_test_screenshot (GTK_WIDGET (message), name);
  }
  adw_message_dialog_response (message, "ok");
  gtk_window_destroy (GTK_WINDOW (message));
  ld_ui_test_flush ();
  g_clear_pointer (&param, g_variant_unref);
}

/* Every text typed under widget, one a line. */
static void
collect_typed (GtkWidget *widget,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT (child))
        g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (child)));
      collect_typed (child, out);
    }
}

/* After the dialog's own close handler: no entry still holds the name. */
static gboolean
on_close_request_after_cb (GtkWindow *window,
                           gboolean  *checked)
{
  g_autoptr(GString) before = g_string_new (NULL);

  collect_typed (GTK_WIDGET (window), before);
  g_assert_null (strstr (before->str, "钱举报"));
  *checked = TRUE;

  return FALSE;
}

static void
on_saved_cb (LdPetitionDialog *dialog,
             gint64            id,
             gint64           *out)
{
  *out = id;
}

static void
test_petitions_page_masked (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LdPetition) first = NULL;
  g_autoptr(LdPetition) repeat = NULL;
  g_autoptr(LdPetition) moved = NULL;
  g_autoptr(GPtrArray) clues = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  LdVault *vault = ld_ui_test_open_vault (f->dir, "ivy");
  LdPetitionsPage *page = ld_petitions_page_new (vault);
  GtkWindow *window = show_page (page);
  LdPetitionDialog *dialog;
  LdRevealDialog *reveal;
  LdCadreChooser *chooser;
  GtkWidget *button;
  gint64 saved_id = 0;

  /* The list shows the masked reporter, never the name. */
  g_assert_cmpuint (g_list_model_get_n_items (ld_petitions_page_get_model (page)), ==, 1);
  first = g_list_model_get_item (ld_petitions_page_get_model (page), 0);
  g_assert_cmpint (ld_petition_get_id (first), ==, f->petition_id);
  ld_petitions_page_show_record (page, f->petition_id);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  g_assert_cmpint (ld_petitions_page_get_shown_id (page), ==, f->petition_id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  ld_ui_test_screenshot (GTK_WIDGET (window), "petitions-page");
  collect_texts (GTK_WIDGET (page), texts);
  g_assert_nonnull (strstr (texts->str, MASKED));
  g_assert_nonnull (strstr (texts->str, SUMMARY));
  g_assert_null (strstr (texts->str, REPORTER));
  g_assert_null (strstr (texts->str, "13900000000"));

  /* Without the grant the reveal is insensitive, and refused if asked. */
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "petitions.reveal");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  reveal = ld_reveal_dialog_new (vault, f->petition_id, "2026-0001");
  gtk_window_present (GTK_WINDOW (reveal));
  ld_reveal_dialog_set_reason (reveal, "核查线索");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reveal), "reveal.reveal", NULL));
  LD_UI_TEST_WAIT_FOR (!ld_reveal_dialog_get_busy (reveal), 10000);
  g_assert_false (ld_reveal_dialog_get_revealed (reveal));
  g_assert_nonnull (ld_reveal_dialog_get_error_message (reveal));
  ld_ui_test_screenshot (GTK_WIDGET (reveal), "reveal-refused");
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (reveal), texts);
  g_assert_null (strstr (texts->str, REPORTER));
  gtk_window_destroy (GTK_WINDOW (reveal));
  ld_ui_test_flush ();

  /* A second report on the same cadre with a similar text is offered as
   * a repeat and linked when saved. */
  dialog = ld_petition_dialog_new (vault, NULL);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  LD_UI_TEST_WAIT_FOR (ld_petition_dialog_get_ready (dialog), 10000);
  chooser = ld_petition_dialog_get_cadre_chooser (dialog);
  ld_cadre_chooser_search (chooser, "张三丰");
  LD_UI_TEST_WAIT_FOR (!ld_cadre_chooser_get_searching (chooser), 10000);
  g_assert_true (ld_cadre_chooser_choose_match (chooser, 0));
  ld_petition_dialog_fill (dialog, f->unit_id, TRUE, "王举报", SUMMARY);
  ld_petition_dialog_add_person (dialog, "赵六", "某公司", "经理");
  LD_UI_TEST_WAIT_FOR (!ld_petition_dialog_get_ready (dialog), 2000);
  LD_UI_TEST_WAIT_FOR (ld_petition_dialog_get_ready (dialog), 10000);
  g_assert_cmpuint (ld_petition_dialog_get_n_repeat_candidates (dialog), ==, 1);
  ld_petition_dialog_set_repeat_of (dialog, 0, TRUE);
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "petition-dialog");
  g_assert_true (ld_petition_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "petition.save", NULL));
  LD_UI_TEST_WAIT_FOR (saved_id != 0, 10000);
  ld_ui_test_flush ();
  repeat = read_petition (vault, saved_id);
  g_assert_cmpint (ld_petition_get_repeat_of (repeat), ==, f->petition_id);
  g_assert_cmpstr (ld_petition_get_reporter_masked (repeat), ==, "王**");

  /* The reporter typed leaves the entries when the dialog closes. */
  {
    gboolean checked = FALSE;

    dialog = ld_petition_dialog_new (vault, NULL);
    gtk_window_present (GTK_WINDOW (dialog));
    LD_UI_TEST_WAIT_FOR (ld_petition_dialog_get_ready (dialog), 10000);
    ld_petition_dialog_fill (dialog, 0, TRUE, "钱举报", NULL);
    {
      g_autoptr(GString) typed = g_string_new (NULL);

      collect_typed (GTK_WIDGET (dialog), typed);
      g_assert_nonnull (strstr (typed->str, "钱举报"));
    }
    g_signal_connect_after (dialog, "close-request", G_CALLBACK (on_close_request_after_cb), &checked);
    gtk_window_close (GTK_WINDOW (dialog));
    ld_ui_test_flush ();
    g_assert_true (checked);
  }

  /* A state move from the page lands in the vault. */
  ld_petitions_page_show_record (page, f->petition_id);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);

  /* Edit opens the petition filled in, without the reporter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "petitions.edit", NULL));
  dialog = LD_PETITION_DIALOG (ld_ui_test_find_window (LD_TYPE_PETITION_DIALOG));
  g_assert_nonnull (dialog);
  LD_UI_TEST_WAIT_FOR (ld_petition_dialog_get_ready (dialog), 10000);
  g_assert_cmpuint (ld_cadre_chooser_get_n_chosen (ld_petition_dialog_get_cadre_chooser (dialog)), ==, 1);
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (dialog), texts);
  g_assert_null (strstr (texts->str, REPORTER));
  ld_petition_dialog_fill (dialog, 0, TRUE, NULL, SUMMARY "（续）");
  g_assert_true (ld_petition_dialog_get_can_save (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "petition.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_PETITION_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  g_clear_object (&first);
  first = read_petition (vault, f->petition_id);
  g_assert_cmpstr (ld_petition_get_summary (first), ==, SUMMARY "（续）");
  g_assert_cmpstr (ld_petition_get_reporter_masked (first), ==, MASKED);
  g_assert_cmpstr (ld_petitions_page_get_shown_status (page), ==, "registered");
  answer_form (page, "petitions.move", g_variant_new_string ("accepted"), 0, NULL);
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_petitions_page_get_shown_status (page), "accepted") == 0
                       && !ld_petitions_page_get_loading (page), 10000);
  moved = read_petition (vault, f->petition_id);
  g_assert_cmpstr (ld_petition_get_status (moved), ==, "accepted");
  g_assert_cmpstr (ld_petition_get_accept_notice_date (moved), !=, "");

  /* A clue made from it. */
  answer_form (page, "petitions.create-clue", NULL, 0, NULL);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  clues = read_clues (vault);
  g_assert_cmpuint (clues->len, ==, 1);
  g_assert_cmpint (ld_clue_get_petition_id (g_ptr_array_index (clues, 0)), ==, f->petition_id);

  /* Closed with a result, then the feedback to the real-name reporter. */
  answer_form (page, "petitions.move", g_variant_new_string ("closed"), 0, NULL);
  LD_UI_TEST_WAIT_FOR (g_strcmp0 (ld_petitions_page_get_shown_status (page), "closed") == 0
                       && !ld_petitions_page_get_loading (page), 10000);
  answer_form (page, "petitions.feedback", NULL, 1, "电话");
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  g_clear_object (&moved);
  moved = read_petition (vault, f->petition_id);
  g_assert_cmpstr (ld_petition_get_status (moved), ==, "closed");
  g_assert_cmpstr (ld_petition_get_result (moved), !=, "");
  g_assert_cmpstr (ld_petition_get_feedback_mode (moved), ==, "电话");

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);
}

static void
test_petitions_page_reveal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  LdAuditFilter filter = { 0 };
  LdVault *vault = ld_ui_test_open_vault (f->dir, "rex");
  LdPetitionsPage *page = ld_petitions_page_new (vault);
  GtkWindow *window = show_page (page);
  LdRevealDialog *reveal;
  GtkWidget *button;

  ld_petitions_page_show_record (page, f->petition_id);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  button = ld_ui_test_find_action_button (GTK_WIDGET (page), "petitions.reveal");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "petitions.reveal", NULL));
  reveal = LD_REVEAL_DIALOG (ld_ui_test_find_window (LD_TYPE_REVEAL_DIALOG));
  g_assert_nonnull (reveal);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (reveal));

  /* No reason, no reveal. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reveal), "reveal.reveal", NULL));
  g_assert_false (ld_reveal_dialog_get_busy (reveal));
  g_assert_false (ld_reveal_dialog_get_revealed (reveal));

  ld_reveal_dialog_set_reason (reveal, "约谈举报人核实情况");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reveal), "reveal.reveal", NULL));
  LD_UI_TEST_WAIT_FOR (ld_reveal_dialog_get_revealed (reveal), 10000);
  ld_ui_test_screenshot (GTK_WIDGET (reveal), "reveal-dialog");
  collect_texts (GTK_WIDGET (reveal), texts);
  g_assert_nonnull (strstr (texts->str, REPORTER));
  g_assert_false (any_label_selectable (GTK_WIDGET (reveal)));

  /* The page itself still shows the masked form only. */
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (page), texts);
  g_assert_null (strstr (texts->str, REPORTER));

  gtk_window_close (GTK_WINDOW (reveal));
  ld_ui_test_flush ();
  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  /* The reveal is in the audit trail, with the reason, never the name. */
  vault = ld_ui_test_open_vault (f->dir, "aud");
  filter.event = LD_AUDIT_PETITION_REPORTER_REVEALED;
  entries = ld_audit_list (vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ld_audit_entry_get_account (g_ptr_array_index (entries, 0)), ==, "rex");
  g_assert_null (strstr (ld_audit_entry_get_details (g_ptr_array_index (entries, 0)), REPORTER));
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}

/* Whether a label under widget reads exactly text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gpointer
import_ledger_worker (LdVault       *vault,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(LdLedgerPlan) plan = NULL;
  LdLedgerOptions options = { 0 };
  guint n_imported = 0;

  plan = ld_ledger_plan_new (vault, LD_LEDGER_PETITIONS, data, &options, cancellable, error);
  if (plan == NULL || !ld_ledger_plan_commit (vault, plan, NULL, NULL, cancellable, &n_imported, error))
    return NULL;

  return GUINT_TO_POINTER (n_imported);
}

static gpointer
find_petition_worker (LdVault       *vault,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LdPetitionFilter filter = { 0 };
  g_autoptr(GPtrArray) found = NULL;

  filter.text = data;
  found = ld_petition_repository_list (vault, &filter, error);
  if (found == NULL)
    return NULL;
  g_assert_cmpuint (found->len, ==, 1);

  return g_object_ref (g_ptr_array_index (found, 0));
}

static gpointer
reveal_worker (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LdReporter *reporter = NULL;

  if (!ld_petition_repository_reveal_reporter (vault, *(gint64 *) data, "核对更正后的举报人", &reporter, error))
    return NULL;

  return reporter;
}

/* Whether every entry under widget is empty. */
static gboolean
all_entries_empty (GtkWidget *widget)
{
  g_autoptr(GString) typed = g_string_new (NULL);

  collect_typed (widget, typed);
  for (const char *p = typed->str; *p != '\0'; p++)
    if (*p != '\n')
      return FALSE;

  return TRUE;
}

static gboolean
on_reporter_close_after_cb (GtkWindow *window,
                            gboolean  *checked)
{
  *checked = all_entries_empty (GTK_WIDGET (window));

  return FALSE;
}

#define ANONYMOUS_SUMMARY "匿名反映张三丰公车私用"
#define NAMED "孙实名"

/* An anonymous petition imported from a ledger: its History names the
 * import; the page says how to make it real-name; Correct Reporter… starts
 * empty, asks for the name once real-name is switched on, stores the
 * identity and makes the report real-name in one flow; opened again it
 * still starts empty and clears what was typed when it closes. */
static void
test_petitions_page_correct_reporter (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *today = ld_ui_test_today ();
  g_autofree char *csv = g_build_filename (f->dir, "信访台账.csv", NULL);
  g_autofree char *ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) anonymous = NULL;
  g_autoptr(LdPetition) named = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  LdVault *vault = ld_ui_test_open_vault (f->dir, "ivy");
  LdPetitionsPage *page;
  LdReporterDialog *dialog;
  GtkWindow *window;
  LdUiTestRun run = { 0 };
  gint64 id;

  ledger = g_strdup_printf ("收件日期,来源,类别,是否实名,被反映人,被反映人单位,反映问题摘要\n"
                            "%s,来信,检举控告,否,张三丰,县财政局," ANONYMOUS_SUMMARY "\n", today);
  g_assert_true (g_file_set_contents (csv, ledger, -1, &error));
  g_assert_no_error (error);
  ld_vault_run_async (vault, import_ledger_worker, g_strdup (csv), g_free, NULL, NULL, ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 20000);
  g_assert_no_error (run.error);
  g_assert_cmpuint (GPOINTER_TO_UINT (run.result), ==, 1);
  memset (&run, 0, sizeof run);
  ld_vault_run_async (vault, find_petition_worker, g_strdup (ANONYMOUS_SUMMARY), g_free, g_object_unref, NULL,
                      ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  anonymous = run.result;
  id = ld_petition_get_id (anonymous);
  g_assert_false (ld_petition_get_real_name (anonymous));

  page = ld_petitions_page_new (vault);
  window = show_page (page);
  ld_petitions_page_show_record (page, id);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
  g_assert_cmpint (ld_petitions_page_get_shown_id (page), ==, id);

  /* The History reads the import as words; the page says what to do for
   * a reporter who gave their name. */
  g_assert_true (shows_label (GTK_WIDGET (page), "Imported from a petition ledger"));
  g_assert_false (shows_label (GTK_WIDGET (page), LD_AUDIT_PETITION_IMPORTED));
  collect_texts (GTK_WIDGET (page), texts);
  g_assert_nonnull (strstr (texts->str, "use Correct Reporter… in the More Actions menu"));
  ld_ui_test_screenshot (GTK_WIDGET (window), "petitions-anonymous");

  /* The dialog starts empty: nothing to save while the report stays
   * anonymous, and the switch alone is not enough. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "petitions.correct-reporter", NULL));
  dialog = LD_REPORTER_DIALOG (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_true (all_entries_empty (GTK_WIDGET (dialog)));
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (dialog), texts);
  g_assert_nonnull (strstr (texts->str, "These fields start empty"));
  g_assert_false (ld_reporter_dialog_get_can_save (dialog));
  g_assert_nonnull (strstr (ld_reporter_dialog_get_message (dialog), "switch on Real-Name Report"));
  ld_reporter_dialog_fill (dialog, TRUE, NULL, NULL);
  g_assert_false (ld_reporter_dialog_get_can_save (dialog));
  g_assert_nonnull (strstr (ld_reporter_dialog_get_message (dialog), "type the name or the unit"));
  ld_reporter_dialog_fill (dialog, TRUE, NAMED, "县交通局");
  g_assert_true (ld_reporter_dialog_get_can_save (dialog));
  ld_ui_test_screenshot (GTK_WIDGET (dialog), "reporter-dialog");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "reporter.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);

  named = read_petition (vault, id);
  g_assert_true (ld_petition_get_real_name (named));
  g_assert_cmpstr (ld_petition_get_reporter_masked (named), ==, "孙**");
  g_assert_true (shows_label (GTK_WIDGET (page), "Reporter changed"));
  g_assert_true (shows_label (GTK_WIDGET (page), "Petition changed"));
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (page), texts);
  g_assert_null (strstr (texts->str, NAMED));
  g_assert_nonnull (strstr (texts->str, "孙**"));

  /* Opened again for the real-name report it still shows nothing stored,
   * and what was typed leaves the entries when it closes. */
  {
    gboolean checked = FALSE;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "petitions.correct-reporter", NULL));
    dialog = LD_REPORTER_DIALOG (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_true (all_entries_empty (GTK_WIDGET (dialog)));
    g_assert_false (ld_reporter_dialog_get_can_save (dialog));
    ld_reporter_dialog_fill (dialog, TRUE, "钱更正", NULL);
    g_assert_true (ld_reporter_dialog_get_can_save (dialog));
    g_assert_false (all_entries_empty (GTK_WIDGET (dialog)));
    g_signal_connect_after (dialog, "close-request", G_CALLBACK (on_reporter_close_after_cb), &checked);
    gtk_window_close (GTK_WINDOW (dialog));
    ld_ui_test_flush ();
    g_assert_true (checked);
    g_assert_null (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG));
  }

  /* Switched off, a real-name report becomes anonymous and keeps no
   * identity. */
  {
    g_autoptr(LdPetition) first = NULL;

    ld_petitions_page_show_record (page, f->petition_id);
    LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "petitions.correct-reporter", NULL));
    dialog = LD_REPORTER_DIALOG (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_true (all_entries_empty (GTK_WIDGET (dialog)));
    ld_reporter_dialog_fill (dialog, FALSE, NULL, NULL);
    g_assert_true (ld_reporter_dialog_get_can_save (dialog));
    g_assert_nonnull (strstr (ld_reporter_dialog_get_message (dialog), "clears the stored identity"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "reporter.save", NULL));
    LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG) == NULL, 10000);
    LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (page), 10000);
    first = read_petition (vault, f->petition_id);
    g_assert_false (ld_petition_get_real_name (first));
    g_assert_cmpstr (ld_petition_get_reporter_masked (first), !=, MASKED);
  }

  gtk_window_destroy (window);
  ld_ui_test_flush ();
  ld_ui_test_close_vault (vault);

  /* The identity typed is the one stored (read with the audited reveal). */
  {
    g_autoptr(LdReporter) reporter = NULL;

    vault = ld_ui_test_open_vault (f->dir, "rex");
    memset (&run, 0, sizeof run);
    ld_vault_run_async (vault, reveal_worker, g_memdup2 (&id, sizeof id), g_free,
                        (GDestroyNotify) ld_reporter_free, NULL, ld_ui_test_run_cb, &run);
    LD_UI_TEST_WAIT_FOR (run.done, 10000);
    g_assert_no_error (run.error);
    reporter = run.result;
    g_assert_nonnull (reporter);
    g_assert_cmpstr (reporter->name, ==, NAMED);
    g_assert_cmpstr (reporter->unit, ==, "县交通局");

    memset (&run, 0, sizeof run);
    ld_vault_run_async (vault, reveal_worker, g_memdup2 (&f->petition_id, sizeof f->petition_id), g_free,
                        (GDestroyNotify) ld_reporter_free, NULL, ld_ui_test_run_cb, &run);
    LD_UI_TEST_WAIT_FOR (run.done, 10000);
    g_assert_no_error (run.error);
    g_assert_null (run.result);
    ld_ui_test_close_vault (vault);
  }
}

/* The Import Ledger… button of the petitions page in the main window: it
 * follows win.import-petitions, so it opens the petition ledger import
 * for an investigator and is insensitive for a viewer. */
static void
test_petitions_page_import_ledger (Fixture       *f,
                                   gconstpointer  data)
{
  const char *accounts[] = { "ivy", "vic" };

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      gboolean writer = i == 0;
      LdApplication *app = ld_ui_test_app_new (f->dir);
      GtkWindow *window = ld_ui_test_unlock (app, accounts[i], LD_TEST_PASSWORD);
      GtkWidget *page;
      GtkWidget *button;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "petitions"));
      ld_ui_test_flush ();
      page = ld_ui_test_find_widget (GTK_WIDGET (window), LD_TYPE_PETITIONS_PAGE);
      g_assert_nonnull (page);
      button = ld_ui_test_find_action_button (page, "win.import-petitions");
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
          g_assert_cmpint (ld_import_dialog_get_kind (dialog), ==, LD_IMPORT_KIND_PETITIONS);
          gtk_window_destroy (GTK_WINDOW (dialog));
          ld_ui_test_flush ();
        }
      else
        {
          /* Nor may a viewer correct the reporter. */
          ld_petitions_page_show_record (LD_PETITIONS_PAGE (page), f->petition_id);
          LD_UI_TEST_WAIT_FOR (!ld_petitions_page_get_loading (LD_PETITIONS_PAGE (page)), 10000);
          g_assert_cmpint (ld_petitions_page_get_shown_id (LD_PETITIONS_PAGE (page)), ==, f->petition_id);
          gtk_widget_activate_action (page, "petitions.correct-reporter", NULL);
          ld_ui_test_flush ();
          g_assert_null (ld_ui_test_find_window (LD_TYPE_REPORTER_DIALOG));
        }

      ld_ui_test_app_free (app);
    }
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

#if defined (LD_UI_HAVE_EXPORT_DIALOG) && defined (LD_EXPORT_HAVE_CASES)
static void
on_exported_cb (LdExportDialog *dialog,
                gpointer        result,
                gboolean       *done)
{
  *done = TRUE;
}

/* Exports through the open export dialog into dir/name, waits for the
 * outcome, closes the dialog and returns the file's path. */
static char *
run_export_dialog (GtkWindow  *dialog,
                   const char *dir,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gboolean done = FALSE;
  gulong handler;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  handler = g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &done);
  ld_export_dialog_set_purpose (LD_EXPORT_DIALOG (dialog), "年度党风廉政建设检查");
  ld_export_dialog_set_path (LD_EXPORT_DIALOG (dialog), path);
  ld_export_dialog_start (LD_EXPORT_DIALOG (dialog));
  LD_UI_TEST_WAIT_FOR (done, 30000);
  ld_ui_test_flush ();
  if (dialog != NULL)
    {
      g_signal_handler_disconnect (dialog, handler);
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (dialog);
      ld_ui_test_flush ();
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_steal_pointer (&path);
}

/* The workbook read back by tests/exchange/xlsx-inspect.py --flat: leaf
 * key ("sheets.0.rows.0.0.v") → value. NULL, with the test skipped, when
 * the reader or python3-openpyxl is missing. */
static GHashTable *
inspect_workbook (const char *path)
{
  const char *root = g_getenv ("LIANDANG_SOURCE_ROOT");
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *facts;
  const char *data;
  const char *end;
  gsize size;

  if (root != NULL)
    script = g_build_filename (root, "tests", "exchange", "xlsx-inspect.py", NULL);
  if (script == NULL || !g_file_test (script, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("tests/exchange/xlsx-inspect.py not found ($LIANDANG_SOURCE_ROOT)");
      return NULL;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "python3", script, "--flat", path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return NULL;
    }
  g_assert_true (g_subprocess_get_successful (process));

  facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data = g_bytes_get_data (out, &size);
  end = data + size;
  while (data < end)
    {
      gsize key_len = strnlen (data, end - data);
      const char *value = data + key_len + 1;
      gsize value_len;

      if (value >= end)
        break;
      value_len = strnlen (value, end - value);
      g_hash_table_insert (facts, g_strndup (data, key_len), g_strndup (value, value_len));
      data = value + value_len + 1;
    }

  return facts;
}

/* Whether a cell of sheet (-1: any) in the rows first..last (0-based)
 * holds text. */
static gboolean
workbook_has (GHashTable *facts,
              int         sheet,
              guint       first,
              guint       last,
              const char *text)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, facts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, ".", -1);
      guint64 row;

      /* sheets.S.rows.R.C.v */
      if (g_strv_length (parts) != 6 || g_strcmp0 (parts[0], "sheets") != 0 || g_strcmp0 (parts[2], "rows") != 0
          || g_strcmp0 (parts[5], "v") != 0)
        continue;
      if (sheet >= 0 && g_ascii_strtoull (parts[1], NULL, 10) != (guint64) sheet)
        continue;
      row = g_ascii_strtoull (parts[3], NULL, 10);
      if (row >= first && row <= last && strstr (value, text) != NULL)
        return TRUE;
    }

  return FALSE;
}
#endif

/* Exports the petition ledger through the open dialog and reads it back:
 * the title row, the period of the page's year filter (this year), the
 * petition, and no trace of the reporter. Closes the dialog. */
static void
check_petitions_workbook (Fixture   *f,
                          LdVault   *vault,
                          GtkWindow *dialog)
{
#if defined (LD_UI_HAVE_EXPORT_DIALOG) && defined (LD_EXPORT_HAVE_CASES)
  g_autoptr(LdPetition) petition = read_petition (vault, f->petition_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *first = g_strdup_printf ("%d-01-01", g_date_time_get_year (now));
  g_autofree char *last = g_strdup_printf ("%d-12-31", g_date_time_get_year (now));
  g_autofree char *path = run_export_dialog (dialog, f->dir, "petitions.xlsx");
  g_autoptr(GHashTable) facts = inspect_workbook (path);

  if (facts == NULL)
    return;
  g_assert_true (workbook_has (facts, 0, 0, 1, ld_export_kind_get_title (LD_EXPORT_PETITIONS)));
  g_assert_true (workbook_has (facts, 0, 1, 2, first));
  g_assert_true (workbook_has (facts, 0, 1, 2, last));
  g_assert_true (workbook_has (facts, 0, 3, G_MAXUINT, ld_petition_get_reg_no (petition)));
  g_assert_false (workbook_has (facts, -1, 0, G_MAXUINT, REPORTER));
  g_assert_false (workbook_has (facts, -1, 0, G_MAXUINT, "13900000000"));
#else
  g_test_message ("This build cannot export the petition ledger yet");
  gtk_window_destroy (dialog);
  ld_ui_test_flush ();
#endif
}

/* Export… (issue 6): the toolbar button and its action; without the
 * export grant the refusal is explained and no export dialog opens; with
 * it the dialog writes the ledger of what the page shows, masked. */
static void
test_petitions_page_export (Fixture       *f,
                            gconstpointer  data)
{
  for (guint granted = 0; granted < EXPORT_ROUNDS; granted++)
    {
      LdVault *vault;
      LdPetitionsPage *page;
      GtkWindow *window;
      GtkWindow *dialog;

      if (granted)
        grant_export (f->dir, "ivy");
      vault = ld_ui_test_open_vault (f->dir, "ivy");
      page = ld_petitions_page_new (vault);
      window = show_page (page);
      dialog = activate_export (GTK_WIDGET (page), "petitions.export", granted);
      if (dialog != NULL)
        check_petitions_workbook (f, vault, dialog);
      gtk_window_destroy (window);
      ld_ui_test_flush ();
      ld_ui_test_close_vault (vault);
    }
}

int
main (int   argc,
      char *argv[])
{
  ld_ui_test_init (&argc, &argv);

  g_test_add ("/ui/petitions-page/masked", Fixture, NULL, fixture_setup, test_petitions_page_masked, fixture_teardown);
  g_test_add ("/ui/petitions-page/reveal", Fixture, NULL, fixture_setup, test_petitions_page_reveal, fixture_teardown);
  g_test_add ("/ui/petitions-page/correct-reporter", Fixture, NULL, fixture_setup,
              test_petitions_page_correct_reporter, fixture_teardown);
  g_test_add ("/ui/petitions-page/import-ledger", Fixture, NULL, fixture_setup,
              test_petitions_page_import_ledger, fixture_teardown);
  g_test_add ("/ui/petitions-page/export", Fixture, NULL, fixture_setup, test_petitions_page_export,
              fixture_teardown);

  return g_test_run ();
}
