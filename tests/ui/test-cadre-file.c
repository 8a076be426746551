/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cadre-file"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ld-ui-test-utils.h"

#include "dialogs/ld-cadre-dialog.h"
#include "dialogs/ld-entry-dialog.h"
#include "ld-error.h"
#include "ld-process.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-scope.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-vault.h"
#include "widgets/ld-cadre-file-view.h"

#define INITIAL "Initial-Pass-2024"

/* A vault with a unit, an investigator "ivy" whose scope is every unit, an
 * auditor "aud", and one cadre in a principal post (a top leader). */
static gint64
seed_vault (const char *dir,
            gint64     *out_unit_id)
{
  g_autoptr(LdVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  LdUnitSpec unit = { 0 };
  gint64 unit_id = 0;
  gint64 cadre_id = 0;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "sec", LD_ROLE_SECADMIN, INITIAL, FALSE);
  ld_ui_test_add_account (dir, "ivy", LD_ROLE_INVESTIGATOR, INITIAL, FALSE);
  ld_ui_test_add_account (dir, "aud", LD_ROLE_AUDITOR, INITIAL, FALSE);

  vault = ld_vault_new (dir);
  ld_vault_unlock (vault, "sec", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "ivy", 0, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  ld_vault_unlock (vault, "ivy", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  unit.name = "县财政局";
  ld_unit_repository_create (vault, &unit, &unit_id, &error);
  g_assert_no_error (error);

  fields.unit_id = unit_id;
  fields.name = g_strdup ("张三丰");
  fields.former_names = g_strdup ("");
  fields.id_number = g_strdup ("34052419800101001X");
  fields.sex = g_strdup ("");
  fields.birth_date = g_strdup ("");
  fields.ethnicity = g_strdup ("");
  fields.native_place = g_strdup ("");
  fields.political_status = g_strdup ("01");
  fields.party_joined = g_strdup ("2001-07");
  fields.party_full = g_strdup ("");
  fields.edu_fulltime = g_strdup ("");
  fields.degree_fulltime = g_strdup ("");
  fields.school_fulltime = g_strdup ("");
  fields.edu_inservice = g_strdup ("");
  fields.degree_inservice = g_strdup ("");
  fields.school_inservice = g_strdup ("");
  fields.post = g_strdup ("局长");
  fields.post_level = g_strdup ("L07");
  fields.rank = g_strdup ("");
  fields.post_since = g_strdup ("2020-05-01");
  fields.rank_since = g_strdup ("");
  fields.promoted_at = g_strdup ("");
  fields.authority = g_strdup ("county");
  fields.status = g_strdup ("serving");
  fields.post_tags = g_strdup ("finance");
  fields.principal = TRUE;
  fields.classification = g_strdup ("");
  ld_cadre_repository_create (vault, &fields, &cadre_id, &error);
  g_assert_no_error (error);

  /* A photo: a small PNG. */
  {
    guint8 pixels[48 * 64 * 3];
    g_autoptr(GBytes) data = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    g_autoptr(GBytes) png = NULL;

    for (guint i = 0; i < sizeof pixels; i += 3)
      {
        pixels[i] = 0x3a;
        pixels[i + 1] = 0x6e;
        pixels[i + 2] = (guint8) (0x90 + (i / (48 * 3)));
      }
    data = g_bytes_new (pixels, sizeof pixels);
    texture = gdk_memory_texture_new (48, 64, GDK_MEMORY_R8G8B8, data, 48 * 3);
    png = gdk_texture_save_to_png_bytes (texture);
    ld_cadre_repository_set_photo (vault, cadre_id, png, &error);
    g_assert_no_error (error);
  }

  /* A scanned form on the file. */
  {
    g_autofree char *path = g_build_filename (dir, "任职谈话记录.txt", NULL);

    g_file_set_contents (path, "任前廉政谈话记录\n", -1, &error);
    g_assert_no_error (error);
    ld_attachment_repository_add (vault, "cadre", cadre_id, path, NULL, &error);
    g_assert_no_error (error);
    g_unlink (path);
  }
  ld_vault_lock (vault, "exit");

  if (out_unit_id != NULL)
    *out_unit_id = unit_id;
  return cadre_id;
}

/* Runs func on the vault worker and waits for it (the worker owns the
 * connection). */
typedef struct
{
  gboolean  done;
  gpointer  result;
  GError   *error;
} SyncRun;

static void
sync_run_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyncRun *run = user_data;

  run->result = ld_vault_run_finish (LD_VAULT (object), result, &run->error);
  run->done = TRUE;
}

static gpointer
get_cadre_worker (LdVault       *vault,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &id, 1, error);

  if (cadres == NULL || cadres->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (cadres, 0));
}

static gpointer
list_attachments_worker (LdVault       *vault,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return ld_attachment_repository_list (vault, "cadre", *(gint64 *) data, FALSE, error);
}

static LdCadre *
read_cadre (LdVault *vault,
            gint64   id)
{
  SyncRun run = { 0 };

  ld_vault_run_async (vault, get_cadre_worker, g_memdup2 (&id, sizeof id), g_free, g_object_unref, NULL,
                      sync_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  return run.result;
}

/* With $LD_TEST_SCREENSHOTS set to a directory, saves what a widget shows
 * there as NAME.png, to look at the layout (run with LANG=zh_CN.UTF-8 and
 * LIANDANG_LOCALEDIR=<build>/po for the Chinese one). */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("LD_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  gtk_test_widget_wait_for_draw (widget);
  ld_ui_test_flush ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The vault open as the investigator. The file view and the dialogs need
 * no main window, so the tests do not depend on the other pages. */
static LdVault *
open_vault (const char *dir)
{
  LdVault *vault = ld_vault_new (dir);
  g_autoptr(GError) error = NULL;

  ld_vault_unlock (vault, "ivy", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  return vault;
}

static void
close_vault (LdVault *vault)
{
  ld_ui_test_flush ();
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}

static void
on_toast_cb (LdCadreFileView *view,
             AdwToast        *toast)
{
  g_test_message ("Toast: %s", adw_toast_get_title (toast));
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static gboolean
view_ready (LdCadreFileView *view)
{
  return ld_cadre_file_view_get_cadre (view) != NULL && !ld_cadre_file_view_get_busy (view);
}

static void
test_cadre_file_view_and_edit (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  gint64 cadre_id = seed_vault (dir, NULL);
  LdVault *vault;
  GtkWindow *host;
  LdCadreFileView *view;
  GtkWindow *dialog;
  guint n_versions;
  guint n_closed = 0;

  vault = open_vault (dir);

  /* The file view in a window of its own. */
  host = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (host, 1100, 800);
  view = ld_cadre_file_view_new (vault);
  g_signal_connect (view, "add-toast", G_CALLBACK (on_toast_cb), NULL);
  gtk_window_set_child (host, GTK_WIDGET (view));
  gtk_window_present (host);
  ld_cadre_file_view_load (view, cadre_id);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (host));
  screenshot (GTK_WIDGET (host), "file-view");

  g_assert_cmpstr (ld_cadre_file_view_get_shown_name (view), ==, "张三丰");
  g_assert_true (ld_cadre_file_view_has_badge (view, "top-leader"));
  g_assert_cmpuint (ld_cadre_file_view_get_n_entries (view, "B"), ==, 0);
  g_assert_cmpuint (ld_cadre_file_view_get_n_attachments (view, 0), ==, 1);
  n_versions = ld_cadre_file_view_get_n_versions (view);
  g_assert_cmpuint (n_versions, >=, 1);

  /* A top leader in the post since 2020 with no supervision talk: the
   * required talk is overdue, shown in red at the top of the file. */
  g_assert_cmpuint (ld_cadre_file_view_get_n_alerts (view), ==, 1);
  {
    g_autoptr(LdBoardItem) alert = g_list_model_get_item (ld_cadre_file_view_get_alerts (view), 0);

    g_assert_cmpint (ld_board_item_get_kind (alert), ==, LD_DEADLINE_REQUIRED_TALK);
    g_assert_cmpint (ld_board_item_get_level (alert), ==, LD_ALERT_OVERDUE);
    g_assert_cmpint (ld_board_item_get_record_id (alert), ==, cadre_id);
  }

  /* Section A: a wrong check digit marks the ID number row and blocks Save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.edit", NULL));
  dialog = ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG);
  g_assert_nonnull (dialog);
  LD_UI_TEST_WAIT_FOR (ld_cadre_dialog_get_loaded (LD_CADRE_DIALOG (dialog)), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_false (ld_cadre_dialog_get_can_save (LD_CADRE_DIALOG (dialog)));

  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "id_number", "340524198001010011"));
  g_assert_cmpstr (ld_cadre_dialog_get_error_field (LD_CADRE_DIALOG (dialog)), ==, "id_number");
  g_assert_nonnull (ld_cadre_dialog_get_error_message (LD_CADRE_DIALOG (dialog)));
  g_assert_false (ld_cadre_dialog_get_can_save (LD_CADRE_DIALOG (dialog)));
  screenshot (GTK_WIDGET (dialog), "cadre-dialog-error");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "cadre.save", NULL);
  ld_ui_test_flush ();
  g_assert_true (ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG) == dialog);

  /* A bad date is caught the same way. */
  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "id_number", "34052419800101001X"));
  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "post_since", "2020-13-45"));
  g_assert_cmpstr (ld_cadre_dialog_get_error_field (LD_CADRE_DIALOG (dialog)), ==, "post_since");
  g_assert_false (ld_cadre_dialog_get_can_save (LD_CADRE_DIALOG (dialog)));
  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "post_since", "2021-03-01"));

  /* Fixed: saved on the worker, the dialog closes, the file reloads. */
  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "id_number", "340524 19800101 001x"));
  g_assert_null (ld_cadre_dialog_get_error_field (LD_CADRE_DIALOG (dialog)));
  g_assert_true (ld_cadre_dialog_set_field (LD_CADRE_DIALOG (dialog), "post", "局长、党组书记"));
  g_assert_true (ld_cadre_dialog_get_can_save (LD_CADRE_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "cadre.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_n_versions (view) > n_versions, 10000);
  g_assert_cmpstr (ld_cadre_get_post (ld_cadre_file_view_get_cadre (view)), ==, "局长、党组书记");
  {
    g_autoptr(LdCadre) stored = read_cadre (vault, cadre_id);

    g_assert_cmpstr (ld_cadre_get_post (stored), ==, "局长、党组书记");
    g_assert_cmpstr (ld_cadre_get_fields (stored)->post_since, ==, "2021-03-01");
  }
  n_versions = ld_cadre_file_view_get_n_versions (view);

  /* Section B: a missing required field is marked; completed, it is listed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.add-entry", "s", "B"));
  dialog = ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_false (ld_entry_dialog_get_can_save (LD_ENTRY_DIALOG (dialog)));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "relation", "spouse"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "name", "李"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "name", ""));
  g_assert_cmpstr (ld_entry_dialog_get_error_key (LD_ENTRY_DIALOG (dialog)), ==, "name");
  g_assert_nonnull (ld_entry_dialog_get_error_message (LD_ENTRY_DIALOG (dialog)));
  g_assert_false (ld_entry_dialog_get_can_save (LD_ENTRY_DIALOG (dialog)));
  screenshot (GTK_WIDGET (dialog), "entry-dialog-error");

  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "name", "李四"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "work_unit", "县人民医院"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "abroad", "0"));
  g_assert_null (ld_entry_dialog_get_error_key (LD_ENTRY_DIALOG (dialog)));
  g_assert_true (ld_entry_dialog_get_can_save (LD_ENTRY_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "entry.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_n_entries (view, "B") == 1, 10000);
  g_assert_cmpuint (ld_cadre_file_view_get_n_versions (view), >, n_versions);

  /* A section C report with a finding of concealment (瞒报). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.add-entry", "s", "C"));
  dialog = ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "kind", "annual"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "entry-date", "20x5"));
  g_assert_cmpstr (ld_entry_dialog_get_error_key (LD_ENTRY_DIALOG (dialog)), ==, "entry-date");
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "entry-date", "2025"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "verification", "concealed"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "PA3", "未报告配偶名下一套住房"));
  g_assert_true (ld_entry_dialog_get_can_save (LD_ENTRY_DIALOG (dialog)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "entry.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG) == NULL, 10000);
  LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_n_entries (view, "C") == 1, 10000);

  /* Section E: the fields follow the kind of entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.add-entry", "s", "E"));
  dialog = ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "kind", "outside-post"));
  g_assert_true (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "entry-date", "2024-06-01"));
  screenshot (GTK_WIDGET (dialog), "entry-dialog-e");
  g_assert_false (ld_entry_dialog_set_value (LD_ENTRY_DIALOG (dialog), "kind", "no-such-kind"));

  /* Escape with changes asks before discarding them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "entry.cancel", NULL));
  {
    GtkWindow *confirm = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (confirm);
    g_assert_true (ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG) == dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "discard");
    gtk_window_close (confirm);
  }
  LD_UI_TEST_WAIT_FOR (ld_ui_test_find_window (LD_TYPE_ENTRY_DIALOG) == NULL, 10000);
  g_assert_cmpuint (ld_cadre_file_view_get_n_entries (view, "E"), ==, 0);

  /* Retiring asks for a reason; the entry leaves the list. */
  {
    LdFileEntry *entry = ld_cadre_file_view_get_entry (view, "C", 0);
    GtkWidget *reason;

    g_assert_nonnull (entry);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.retire-entry", "x",
                                               ld_file_entry_get_id (entry)));
    dialog = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "retire"));
    reason = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    gtk_editable_set_text (GTK_EDITABLE (reason), "重复录入");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "retire"));
    /* A response given in code does not close the dialog as a click does. */
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retire");
    gtk_window_destroy (dialog);
    LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_n_entries (view, "C") == 0, 10000);
  }

  /* The file's attachment is retired the same way. */
  {
    SyncRun run = { 0 };
    GPtrArray *list;
    GtkWidget *reason;

    ld_vault_run_async (vault, list_attachments_worker, g_memdup2 (&cadre_id, sizeof cadre_id), g_free,
                        (GDestroyNotify) g_ptr_array_unref, NULL, sync_run_cb, &run);
    LD_UI_TEST_WAIT_FOR (run.done, 10000);
    g_assert_no_error (run.error);
    list = run.result;
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.retire-attachment", "x",
                                               ((LdAttachment *) g_ptr_array_index (list, 0))->id));
    g_ptr_array_unref (list);
    dialog = ld_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    reason = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    gtk_editable_set_text (GTK_EDITABLE (reason), "扫描件不清晰");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retire");
    gtk_window_destroy (dialog);
    LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_get_n_attachments (view, 0) == 0, 10000);
  }

  /* Manual tags: added and shown; computed ones cannot be added by hand. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.add-tag", "s", "重点关注"));
  LD_UI_TEST_WAIT_FOR (view_ready (view) && ld_cadre_file_view_has_badge (view, "重点关注"), 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.remove-tag", "s", "重点关注"));
  LD_UI_TEST_WAIT_FOR (view_ready (view) && !ld_cadre_file_view_has_badge (view, "重点关注"), 10000);
  g_assert_true (ld_cadre_file_view_has_badge (view, "top-leader"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.show-section", "s", "B"));
  screenshot (GTK_WIDGET (host), "file-view-b");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.show-section", "s", "F"));
  screenshot (GTK_WIDGET (host), "file-view-f");

  /* The History page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.show-history", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (host));
  screenshot (GTK_WIDGET (host), "file-history");

  /* Back asks the page to close the file. */
  g_signal_connect_swapped (view, "close-requested", G_CALLBACK (count_cb), &n_closed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "file.back", NULL));
  g_assert_cmpuint (n_closed, ==, 1);

  /* Nothing keeps the view alive once its window is gone. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (host);
  LD_UI_TEST_WAIT_FOR (view == NULL, 10000);
  close_vault (vault);

  /* The opening was an audited view. */
  {
    g_autoptr(LdVault) audit_vault = ld_vault_new (dir);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) entries = NULL;
    LdAuditFilter filter = { NULL, LD_AUDIT_CADRE_VIEWED, 0, 0, 0 };
    g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, cadre_id);
    gboolean found = FALSE;

    ld_vault_unlock (audit_vault, "aud", LD_TEST_PASSWORD, &error);
    g_assert_no_error (error);
    entries = ld_audit_list (audit_vault, &filter, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      if (g_strcmp0 (ld_audit_entry_get_object_id (g_ptr_array_index (entries, i)), object_id) == 0
          && g_strcmp0 (ld_audit_entry_get_account (g_ptr_array_index (entries, i)), "ivy") == 0)
        found = TRUE;
    g_assert_true (found);
    ld_vault_lock (audit_vault, "exit");
  }

  ld_ui_test_remove_dir (dir);
}

static void
test_cadre_file_not_found (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  LdVault *vault;
  GtkWindow *host;
  LdCadreFileView *view;

  seed_vault (dir, NULL);
  vault = open_vault (dir);

  host = GTK_WINDOW (gtk_window_new ());
  view = ld_cadre_file_view_new (vault);
  gtk_window_set_child (host, GTK_WIDGET (view));
  gtk_window_present (host);
  ld_cadre_file_view_load (view, 999999);
  LD_UI_TEST_WAIT_FOR (!ld_cadre_file_view_get_busy (view), 10000);
  g_assert_null (ld_cadre_file_view_get_cadre (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (host));

  gtk_window_destroy (host);
  close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* --- Sections F and G ---------------------------------------------------- */

#define REPORTER_NAME    "欧阳锋芒"
#define REPORTER_UNIT    "县审计局某科"
#define REPORTER_CONTACT "13912345678"

/* A real-name petition about the cadre with a clue from it, and a talk
 * with the cadre, created through the repositories. */
static void
seed_records (const char *dir,
              gint64      unit_id,
              gint64      cadre_id,
              char      **out_petition_reg_no,
              char      **out_talk_reg_no)
{
  g_autoptr(LdVault) vault = ld_vault_new (dir);
  g_autoptr(GError) error = NULL;
  g_auto(LdPetitionSpec) petition = { 0 };
  g_auto(LdTalkSpec) talk = { 0 };
  g_autoptr(LdReporter) reporter = ld_reporter_new (REPORTER_NAME, REPORTER_UNIT, REPORTER_CONTACT,
                                                    "县城关镇某路 1 号", "340524199001011234");
  gint64 petition_id = 0, clue_id = 0, talk_id = 0;

  ld_vault_unlock (vault, "ivy", LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  ld_petition_spec_init (&petition);
  petition.unit_id = unit_id;
  petition.kind = g_strdup ("accusation");
  petition.channel = g_strdup ("CH_LETTER");
  petition.received_date = g_strdup ("2026-03-02");
  petition.summary = g_strdup ("反映张三丰违规收受礼金");
  petition.full_text = g_strdup ("举报人称其在节日期间收受下属礼金。");
  petition.real_name = TRUE;
  ld_petition_spec_set_reporter (&petition, reporter);
  ld_petition_spec_add_cadre (&petition, cadre_id);
  g_assert_true (ld_petition_repository_create (vault, &petition, &petition_id, out_petition_reg_no, &error));
  g_assert_no_error (error);

  g_assert_true (ld_clue_repository_create_from_petition (vault, petition_id, NULL, &clue_id, &error));
  g_assert_no_error (error);

  ld_talk_spec_init (&talk);
  talk.type = g_strdup ("T_INQUIRY");
  talk.talk_date = g_strdup ("2026-03-05");
  talk.reason = g_strdup ("就收受礼金问题谈话函询\n第二行不显示");
  ld_talk_spec_add_cadre (&talk, cadre_id);
  ld_talk_spec_add_talker (&talk, "王五");
  ld_talk_spec_add_talker (&talk, "赵六");
  g_assert_true (ld_talk_repository_create (vault, &talk, &talk_id, out_talk_reg_no, &error));
  g_assert_no_error (error);

  ld_vault_lock (vault, "exit");
}

/* Every text a widget tree shows: labels, row titles and subtitles,
 * tooltips. */
static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (texts, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_string_append_printf (texts, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget) && adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)))
    g_string_append_printf (texts, "%s\n", adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
  if (tooltip != NULL)
    g_string_append_printf (texts, "%s\n", tooltip);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* The group of a section (it carries "ld-section"). */
static GtkWidget *
find_section_group (GtkWidget  *widget,
                    const char *code)
{
  const char *section = g_object_get_data (G_OBJECT (widget), "ld-section");

  if (ADW_IS_PREFERENCES_GROUP (widget) && section != NULL && g_str_equal (section, code))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_section_group (child, code);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows opening a record of record_type under widget. */
static void
collect_record_rows (GtkWidget  *widget,
                     const char *record_type,
                     GPtrArray  *rows)
{
  const char *type = g_object_get_data (G_OBJECT (widget), "ld-record-type");

  if (GTK_IS_LIST_BOX_ROW (widget) && type != NULL && g_str_equal (type, record_type))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_record_rows (child, record_type, rows);
}

typedef struct
{
  char   *type;
  gint64  id;
  guint   count;
} ShownRecord;

static void
show_record_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ShownRecord *shown = user_data;

  g_clear_pointer (&shown->type, g_free);
  g_variant_get (parameter, "(sx)", &shown->type, &shown->id);
  shown->count++;
}

/* The dim-label class of a section's row in the jump list. */
static gboolean
section_row_is_dim (GtkWidget  *view,
                    GtkWidget  *group)
{
  GPtrArray *stack = g_ptr_array_new ();
  gboolean dim = FALSE, found = FALSE;

  g_ptr_array_add (stack, view);
  while (stack->len > 0 && !found)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "ld-group") == group)
        {
          dim = gtk_widget_has_css_class (widget, "dim-label");
          found = TRUE;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  g_assert_true (found);
  return dim;
}

static void
test_cadre_file_records (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *petition_reg_no = NULL;
  g_autofree char *talk_reg_no = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GSimpleActionGroup) win_actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show_record = NULL;
  ShownRecord shown = { 0 };
  gint64 unit_id = 0;
  gint64 cadre_id = seed_vault (dir, &unit_id);
  LdVault *vault;
  GtkWindow *host;
  LdCadreFileView *view;
  GtkWidget *group_f, *group_g, *group_h;

  seed_records (dir, unit_id, cadre_id, &petition_reg_no, &talk_reg_no);
  g_assert_nonnull (petition_reg_no);
  g_assert_nonnull (talk_reg_no);
  vault = open_vault (dir);

  host = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (host, 1100, 800);
  show_record = g_simple_action_new ("show-record", G_VARIANT_TYPE ("(sx)"));
  g_signal_connect (show_record, "activate", G_CALLBACK (show_record_cb), &shown);
  g_action_map_add_action (G_ACTION_MAP (win_actions), G_ACTION (show_record));
  gtk_widget_insert_action_group (GTK_WIDGET (host), "win", G_ACTION_GROUP (win_actions));
  view = ld_cadre_file_view_new (vault);
  g_signal_connect (view, "add-toast", G_CALLBACK (on_toast_cb), NULL);
  gtk_window_set_child (host, GTK_WIDGET (view));
  gtk_window_present (host);
  ld_cadre_file_view_load (view, cadre_id);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (host));
  screenshot (GTK_WIDGET (host), "file-view-records");

  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "petition"), ==, 1);
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "clue"), ==, 1);
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "talk"), ==, 1);

  /* F lists the petition and its clue, G the talk, one row each. */
  group_f = find_section_group (GTK_WIDGET (view), "F");
  group_g = find_section_group (GTK_WIDGET (view), "G");
  group_h = find_section_group (GTK_WIDGET (view), "H");
  g_assert_nonnull (group_f);
  g_assert_nonnull (group_g);
  g_assert_nonnull (group_h);

  collect_texts (group_f, texts);
  g_assert_nonnull (strstr (texts->str, petition_reg_no));
  g_assert_nonnull (strstr (texts->str, "反映张三丰违规收受礼金"));
  g_assert_nonnull (strstr (texts->str, "2026-03-02"));
  g_string_truncate (texts, 0);
  collect_texts (group_g, texts);
  g_assert_nonnull (strstr (texts->str, talk_reg_no));
  g_assert_nonnull (strstr (texts->str, "2026-03-05"));
  g_assert_nonnull (strstr (texts->str, "就收受礼金问题谈话函询"));
  g_assert_null (strstr (texts->str, "第二行不显示"));

  collect_record_rows (group_f, "petition", rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_ptr_array_set_size (rows, 0);
  collect_record_rows (group_f, "clue", rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_ptr_array_set_size (rows, 0);
  collect_record_rows (group_g, "talk", rows);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Activating the talk row opens it through the window. */
  gtk_widget_activate (g_ptr_array_index (rows, 0));
  ld_ui_test_flush ();
  g_assert_cmpuint (shown.count, ==, 1);
  g_assert_cmpstr (shown.type, ==, "talk");
  g_assert_cmpint (shown.id, >, 0);
  g_ptr_array_set_size (rows, 0);
  collect_record_rows (group_f, "petition", rows);
  gtk_widget_activate (g_ptr_array_index (rows, 0));
  ld_ui_test_flush ();
  g_assert_cmpuint (shown.count, ==, 2);
  g_assert_cmpstr (shown.type, ==, "petition");

  /* F and G have content: no longer greyed in the jump list; H still is. */
  g_assert_false (section_row_is_dim (GTK_WIDGET (view), group_f));
  g_assert_false (section_row_is_dim (GTK_WIDGET (view), group_g));
  g_assert_true (section_row_is_dim (GTK_WIDGET (view), group_h));

  /* The reporter appears nowhere in the file, not even masked. */
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (view), texts);
  g_assert_null (strstr (texts->str, REPORTER_NAME));
  g_assert_null (strstr (texts->str, "欧阳*"));
  g_assert_null (strstr (texts->str, "欧"));
  g_assert_null (strstr (texts->str, REPORTER_UNIT));
  g_assert_null (strstr (texts->str, REPORTER_CONTACT));
  g_assert_null (strstr (texts->str, "5678"));

  g_free (shown.type);
  gtk_window_destroy (host);
  close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

/* An empty F and G say so and stay greyed. */
static void
test_cadre_file_no_records (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autoptr(GString) texts = g_string_new (NULL);
  gint64 cadre_id = seed_vault (dir, NULL);
  LdVault *vault = open_vault (dir);
  GtkWindow *host;
  LdCadreFileView *view;
  GtkWidget *group_f, *group_g;

  host = GTK_WINDOW (gtk_window_new ());
  view = ld_cadre_file_view_new (vault);
  gtk_window_set_child (host, GTK_WIDGET (view));
  gtk_window_present (host);
  ld_cadre_file_view_load (view, cadre_id);
  LD_UI_TEST_WAIT_FOR (view_ready (view), 10000);

  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "petition"), ==, 0);
  g_assert_cmpuint (ld_cadre_file_view_get_n_records (view, "talk"), ==, 0);
  group_f = find_section_group (GTK_WIDGET (view), "F");
  group_g = find_section_group (GTK_WIDGET (view), "G");
  collect_texts (group_f, texts);
  g_assert_nonnull (strstr (texts->str, "No petitions or clues concern this cadre"));
  g_string_truncate (texts, 0);
  collect_texts (group_g, texts);
  g_assert_nonnull (strstr (texts->str, "No talks with this cadre"));
  g_assert_true (section_row_is_dim (GTK_WIDGET (view), group_f));
  g_assert_true (section_row_is_dim (GTK_WIDGET (view), group_g));

  gtk_window_destroy (host);
  close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

static void
on_saved_cb (gint64 *out,
             gint64  id)
{
  *out = id;
}

static void
test_cadre_dialog_new (void)
{
  g_autofree char *dir = ld_ui_test_make_dir ();
  g_autofree char *unit = NULL;
  LdVault *vault;
  GtkWindow *window;
  LdCadreDialog *dialog;
  gint64 unit_id = 0;
  gint64 saved_id = 0;

  seed_vault (dir, &unit_id);
  unit = g_strdup_printf ("%" G_GINT64_FORMAT, unit_id);
  vault = open_vault (dir);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (window);

  dialog = ld_cadre_dialog_new (window, vault, 0, 0);
  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (on_saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (dialog));
  LD_UI_TEST_WAIT_FOR (ld_cadre_dialog_get_loaded (dialog), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* An empty form says what is missing without marking anything. */
  g_assert_false (ld_cadre_dialog_get_can_save (dialog));
  g_assert_nonnull (ld_cadre_dialog_get_error_message (dialog));
  g_assert_null (ld_cadre_dialog_get_error_field (dialog));

  g_assert_true (ld_cadre_dialog_set_field (dialog, "name", "王五"));
  g_assert_true (ld_cadre_dialog_set_field (dialog, "id_number", "34052419800101001X"));
  g_assert_false (ld_cadre_dialog_get_can_save (dialog));
  g_assert_false (ld_cadre_dialog_set_field (dialog, "unit_id", "987654"));
  g_assert_cmpstr (ld_cadre_dialog_get_error_field (dialog), ==, "unit_id");
  g_assert_true (ld_cadre_dialog_set_field (dialog, "unit_id", unit));
  g_assert_true (ld_cadre_dialog_set_field (dialog, "political_status", "01"));
  g_assert_true (ld_cadre_dialog_set_field (dialog, "post_tags", "procurement,personnel"));
  g_assert_true (ld_cadre_dialog_get_can_save (dialog));
  screenshot (GTK_WIDGET (dialog), "cadre-dialog-new");

  /* The seeded cadre has this ID number: the core refuses it, and the
   * dialog stays open with the message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "cadre.save", NULL));
  LD_UI_TEST_WAIT_FOR (ld_cadre_dialog_get_can_save (dialog), 10000);
  g_assert_nonnull (strstr (ld_cadre_dialog_get_error_message (dialog), "34052419800101001X"));
  g_assert_cmpint (saved_id, ==, 0);

  /* Another number goes in. */
  g_assert_true (ld_cadre_dialog_set_field (dialog, "id_number", "11010519491231002X"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "cadre.save", NULL));
  LD_UI_TEST_WAIT_FOR (saved_id != 0, 10000);
  ld_ui_test_flush ();
  g_assert_null (ld_ui_test_find_window (LD_TYPE_CADRE_DIALOG));
  {
    g_autoptr(LdCadre) stored = read_cadre (vault, saved_id);

    g_assert_cmpstr (ld_cadre_get_name (stored), ==, "王五");
    g_assert_cmpstr (ld_cadre_get_sex (stored), ==, "F");
    g_assert_cmpstr (ld_cadre_get_fields (stored)->post_tags, ==, "procurement,personnel");
  }

  gtk_window_destroy (window);
  close_vault (vault);
  ld_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ld_i18n_init ();
  ld_ui_test_init (&argc, &argv);

  /* $LD_TEST_SEED_VAULT=DIR only makes the test vault in DIR (to try the
   * application on it: sign in as ivy with LD_TEST_PASSWORD). */
  if (g_getenv ("LD_TEST_SEED_VAULT") != NULL)
    {
      seed_vault (g_getenv ("LD_TEST_SEED_VAULT"), NULL);
      return 0;
    }
  if (g_getenv ("LD_TEST_SCREENSHOTS") != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add_func ("/ui/cadre-file/view-and-edit", test_cadre_file_view_and_edit);
  g_test_add_func ("/ui/cadre-file/not-found", test_cadre_file_not_found);
  g_test_add_func ("/ui/cadre-file/records", test_cadre_file_records);
  g_test_add_func ("/ui/cadre-file/no-records", test_cadre_file_no_records);
  g_test_add_func ("/ui/cadre-file/new-cadre", test_cadre_dialog_new);

  return g_test_run ();
}
