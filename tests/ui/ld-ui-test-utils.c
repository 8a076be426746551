/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ui-test"

#include "config.h"

#include <glib/gstdio.h>

#include "ld-ui-test-utils.h"

#include "dialogs/ld-unlock-window-private.h"
#include "ld-ui-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-user-repository.h"
#include "vault/ld-vault.h"

void
ld_ui_test_init (int    *argc,
                 char ***argv)
{
  /* No session bus: GApplication then runs as a plain local instance,
   * instead of autolaunching a bus per test under Xvfb. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/liandang-test-bus", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_unsetenv ("LIANDANG_IDLE_SECONDS");

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

char *
ld_ui_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liandang-ui-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursive (child);
          g_object_unref (info);
        }
    }

  g_file_delete (file, NULL, NULL);
}

void
ld_ui_test_remove_dir (const char *dir)
{
  g_autoptr(GFile) file = NULL;

  if (dir == NULL)
    return;

  file = g_file_new_for_path (dir);
  remove_recursive (file);
}

void
ld_ui_test_create_vault (const char *dir)
{
  g_autoptr(LdVault) vault = ld_vault_new (dir);
  g_autoptr(GError) error = NULL;

  ld_vault_create (vault, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD, LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
}

void
ld_ui_test_add_account (const char *dir,
                        const char *name,
                        LdRole      role,
                        const char *initial,
                        gboolean    must_change)
{
  g_autoptr(LdVault) vault = ld_vault_new (dir);
  g_autoptr(GError) error = NULL;

  ld_vault_unlock (vault, LD_TEST_ADMIN, LD_TEST_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  ld_user_repository_add (vault, name, role, initial, LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");

  if (must_change)
    return;

  ld_vault_unlock (vault, name, initial, &error);
  g_assert_no_error (error);
  g_assert_true (ld_vault_get_session (vault)->must_change_password);
  ld_user_repository_set_password (vault, name, initial, LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
}

LdApplication *
ld_ui_test_app_new (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdApplication *app;

  app = g_object_new (LD_TYPE_APPLICATION,
                      "application-id", "org.liandang.Liandang.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      "vault-dir", dir,
                      NULL);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_assert_nonnull (ld_application_get_unlock_window (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (ld_application_get_unlock_window (app)));

  return app;
}

GtkWindow *
ld_ui_test_unlock (LdApplication *app,
                   const char    *name,
                   const char    *password)
{
  LdUnlockWindow *window = LD_UNLOCK_WINDOW (ld_application_get_unlock_window (app));

  g_assert_nonnull (window);
  g_assert_cmpstr (ld_unlock_window_get_mode (window), ==, "unlock");

  _ld_unlock_window_fill (window, name, password, NULL, LD_KDF_INTERACTIVE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "unlock.submit", NULL));

  LD_UI_TEST_WAIT_FOR (ld_application_get_main_window (app) != NULL, 30000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (ld_application_get_main_window (app)));

  return ld_application_get_main_window (app);
}

void
ld_ui_test_app_free (LdApplication *app)
{
  GtkWindow *window;

  g_assert_true (LD_IS_APPLICATION (app));

  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL ||
         (window = ld_application_get_main_window (app)) != NULL ||
         (window = ld_application_get_unlock_window (app)) != NULL)
    {
      gtk_window_destroy (window);
      ld_ui_test_flush ();
    }

  /* What shutdown does at the end of g_application_run(), which the tests
   * do not use. The registration keeps a reference on the application
   * until that unregistration, so it is not finalized here: the vault must
   * be released explicitly (the next test may open the same directory). */
  ld_vault_lock_sync (ld_application_get_vault (app), "exit");
  g_assert_false (ld_vault_is_open (ld_application_get_vault (app)));
  ld_ui_test_flush ();
  g_object_unref (app);
  ld_ui_test_flush ();
}

gboolean
ld_ui_test_wait (gboolean (*cond) (gpointer),
                 gpointer   data,
                 guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return cond (data);
}

void
ld_ui_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWindow *
ld_ui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }

  return NULL;
}

char *
ld_ui_test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gint64
ld_ui_test_add_cadre (LdVault    *vault,
                      gint64      unit_id,
                      const char *name,
                      const char *id_number,
                      const char *post,
                      gboolean    principal)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit_id;
  fields.name = g_strdup (name);
  fields.former_names = g_strdup ("");
  fields.id_number = g_strdup (id_number);
  fields.sex = g_strdup ("");
  fields.birth_date = g_strdup ("");
  fields.ethnicity = g_strdup ("");
  fields.native_place = g_strdup ("");
  fields.political_status = g_strdup ("01");
  fields.party_joined = g_strdup ("");
  fields.party_full = g_strdup ("");
  fields.edu_fulltime = g_strdup ("");
  fields.degree_fulltime = g_strdup ("");
  fields.school_fulltime = g_strdup ("");
  fields.edu_inservice = g_strdup ("");
  fields.degree_inservice = g_strdup ("");
  fields.school_inservice = g_strdup ("");
  fields.post = g_strdup (post);
  fields.post_level = g_strdup ("L07");
  fields.rank = g_strdup ("");
  fields.post_since = g_strdup ("2020-05-01");
  fields.rank_since = g_strdup ("");
  fields.promoted_at = g_strdup ("");
  fields.authority = g_strdup ("county");
  fields.status = g_strdup ("serving");
  fields.post_tags = g_strdup ("");
  fields.principal = principal;
  fields.classification = g_strdup ("");
  ld_cadre_repository_create (vault, &fields, &id, &error);
  g_assert_no_error (error);

  return id;
}

LdVault *
ld_ui_test_open_vault (const char *dir,
                       const char *account)
{
  LdVault *vault = ld_vault_new (dir);
  g_autoptr(GError) error = NULL;

  ld_vault_unlock (vault, account, LD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  return vault;
}

void
ld_ui_test_close_vault (LdVault *vault)
{
  ld_ui_test_flush ();
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}

void
ld_ui_test_run_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LdUiTestRun *run = user_data;

  run->result = ld_vault_run_finish (LD_VAULT (object), result, &run->error);
  run->done = TRUE;
}

gpointer
ld_ui_test_run_wait (LdVault        *vault,
                     LdVaultWorkFunc func,
                     gpointer        data,
                     GDestroyNotify  data_free,
                     GDestroyNotify  result_free)
{
  LdUiTestRun run = { 0 };

  ld_vault_run_async (vault, func, data, data_free, result_free, NULL, ld_ui_test_run_cb, &run);
  LD_UI_TEST_WAIT_FOR (run.done, 10000);
  g_assert_no_error (run.error);
  return run.result;
}

void
ld_ui_test_screenshot (GtkWidget  *widget,
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

GtkWindow *
ld_ui_test_show_in_window (GtkWidget *child,
                           int        width,
                           int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

GtkWidget *
ld_ui_test_find_action_button (GtkWidget  *widget,
                               const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = ld_ui_test_find_action_button (child, action_name)) != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ld_ui_test_find_widget (GtkWidget *widget,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ld_ui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
ld_ui_test_create_case_vault (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdVault *vault;

  ld_ui_test_create_vault (dir);
  ld_ui_test_add_account (dir, "sec", LD_ROLE_SECADMIN, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, "ivy", LD_ROLE_INVESTIGATOR, "Initial-Pass-2024", FALSE);
  ld_ui_test_add_account (dir, "vic", LD_ROLE_VIEWER, "Initial-Pass-2024", FALSE);

  vault = ld_ui_test_open_vault (dir, "sec");
  ld_scope_grant (vault, "ivy", 0, &error);
  g_assert_no_error (error);
  ld_scope_grant (vault, "vic", 0, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
  g_object_unref (vault);
}
