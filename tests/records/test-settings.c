/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-settings"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-settings-repository.h"
#include "vault/ld-audit-log.h"

typedef struct
{
  char    *dir;
  LdVault *vault;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_check (void)
{
  const char * const good[] = { "内部", "秘密", "秘密★10年", "机密★长期", "绝密★30年", "工作秘密", NULL };
  const char * const bad[] = { "", "公开", "秘密★", "★10年", "秘密 10年", "秘密★10年\n", "top secret",
                               "秘密★一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", NULL };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (ld_settings_check (LD_SETTING_CLASSIFICATION_MARK, good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ld_settings_check (LD_SETTING_CLASSIFICATION_MARK, bad[i], &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (ld_settings_check ("colour", "blue", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *long_name = g_strnfill (101, 'x');
    g_assert_false (ld_settings_check (LD_SETTING_ORGANISATION, long_name, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
  g_assert_true (ld_settings_check (LD_SETTING_ORGANISATION, "某市纪委监委", NULL));
  g_assert_cmpstr (ld_settings_key_get_label ("nonsense"), ==, "nonsense");
}

static void
test_defaults_and_change (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *org = NULL;
  gint64 before;

  ld_test_login (f->vault, "inv");
  mark = ld_settings_repository_get (f->vault, LD_SETTING_CLASSIFICATION_MARK, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mark, ==, "内部");
  org = ld_settings_repository_get (f->vault, LD_SETTING_ORGANISATION, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (org, ==, "");

  /* An investigator may not change the marking. */
  before = ld_test_audit_count (f->vault);
  g_assert_false (ld_settings_repository_set (f->vault, LD_SETTING_CLASSIFICATION_MARK, "秘密★10年", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, before + 1);

  ld_test_login (f->vault, "sec");
  g_assert_false (ld_settings_repository_set (f->vault, LD_SETTING_CLASSIFICATION_MARK, "公开", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  before = ld_test_audit_count (f->vault);
  g_assert_true (ld_settings_repository_set (f->vault, LD_SETTING_CLASSIFICATION_MARK, " 秘密★10年 ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, before + 1);
  /* Setting the same value again writes nothing. */
  g_assert_true (ld_settings_repository_set (f->vault, LD_SETTING_CLASSIFICATION_MARK, "秘密★10年", &error));
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, before + 1);
  g_assert_true (ld_settings_repository_set (f->vault, LD_SETTING_ORGANISATION, "某市纪委监委", &error));
  g_assert_no_error (error);

  /* Every account reads the new values, also after the vault reopens. */
  ld_test_login (f->vault, "inv");
  g_clear_pointer (&mark, g_free);
  mark = ld_settings_repository_get (f->vault, LD_SETTING_CLASSIFICATION_MARK, &error);
  g_assert_cmpstr (mark, ==, "秘密★10年");
  g_clear_pointer (&org, g_free);
  org = ld_settings_repository_get (f->vault, LD_SETTING_ORGANISATION, &error);
  g_assert_cmpstr (org, ==, "某市纪委监委");

  /* A locked vault reads nothing. */
  ld_vault_lock (f->vault, "manual");
  g_assert_null (ld_settings_repository_get (f->vault, LD_SETTING_CLASSIFICATION_MARK, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_LOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/settings/check", test_check);
  g_test_add ("/settings/defaults-and-change", Fixture, NULL, setup, test_defaults_and_change, teardown);
  return g_test_run ();
}
