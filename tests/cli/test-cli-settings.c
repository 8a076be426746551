/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-settings"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for `settings show` and `settings set`, each test in its own temporary
 * vault. */

/* sec, aud and inv (an investigator). */
static void
fixture_setup (CliFixture    *f,
               gconstpointer  data)
{
  cli_fixture_init (f, "liandang-cli-settings-XXXXXX");
  setup_admins (f);
  add_account (f, "inv", "investigator");
}

/* The line of `settings show` for key, or NULL. */
static char *
line_of (const char *out,
         const char *key)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, " ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  return NULL;
}

/* The value column of key's line: the words between the key and the label. */
static char *
value_of (const char *out,
          const char *key,
          const char *label)
{
  g_autofree char *line = line_of (out, key);
  const char *end;

  g_assert_nonnull (line);
  end = strstr (line, label);
  g_assert_nonnull (end);
  return g_strstrip (g_strndup (line + strlen (key), end - line - strlen (key)));
}

static void
test_show_defaults (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *org = NULL;
  g_autofree char *help = NULL;

  /* Any signed-in role reads the settings. */
  out = run_ok (f, "inv", "settings", "show", NULL);
  assert_contains (out, "Key");
  assert_contains (out, "Value");
  mark = value_of (out, "classification-mark", "Classification mark");
  g_assert_cmpstr (mark, ==, "内部");
  org = value_of (out, "organisation", "Organisation");
  g_assert_cmpstr (org, ==, "");
  g_clear_pointer (&out, g_free);
  out = run_ok (f, "aud", "settings", "show", NULL);
  assert_contains (out, "内部");

  /* The help lists the keys with their labels. */
  help = run_ok (f, NULL, "settings", "set", "--help", NULL);
  assert_contains (help, "classification-mark");
  assert_contains (help, "Classification mark");
  assert_contains (help, "organisation");
  assert_contains (help, "秘密★10年");
}

static void
test_set (CliFixture    *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *mark = NULL;
  g_autofree char *org = NULL;
  g_autofree char *audit = NULL;

  out = run_ok (f, "sec", "settings", "set", "classification-mark", "秘密★10年", NULL);
  g_assert_cmpstr (out, ==, "Setting changed: classification-mark is now 秘密★10年.\n");
  g_clear_pointer (&out, g_free);
  /* Surrounding blanks are dropped. */
  out = run_ok (f, "sec", "settings", "set", "organisation", "  某市纪委监委第三监督检查室 ", NULL);
  g_assert_cmpstr (out, ==, "Setting changed: organisation is now 某市纪委监委第三监督检查室.\n");
  g_clear_pointer (&out, g_free);

  out = run_ok (f, "inv", "settings", "show", NULL);
  mark = value_of (out, "classification-mark", "Classification mark");
  g_assert_cmpstr (mark, ==, "秘密★10年");
  org = value_of (out, "organisation", "Organisation");
  g_assert_cmpstr (org, ==, "某市纪委监委第三监督检查室");
  g_clear_pointer (&out, g_free);

  /* Clearing the organisation. */
  out = run_ok (f, "sec", "settings", "set", "organisation", "", NULL);
  g_assert_cmpstr (out, ==, "Setting changed: organisation is now empty.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&org, g_free);
  out = run_ok (f, "inv", "settings", "show", NULL);
  org = value_of (out, "organisation", "Organisation");
  g_assert_cmpstr (org, ==, "");

  /* The changes are audited with the old and the new value. */
  audit = run_ok (f, "aud", "audit", "list", "--event", "policy.changed", NULL);
  assert_contains (audit, "classification-mark: 内部 -> 秘密★10年");
  assert_contains (audit, "organisation:  -> 某市纪委监委第三监督检查室");
  assert_contains (audit, "sec");
}

static void
test_refusals (CliFixture    *f,
               gconstpointer  data)
{
  g_autoptr(CliResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *audit = NULL;

  /* Not the security administrator: refused, nothing changed. */
  result = run_cli (f, "inv", USER_PW "\n", "settings", "set", "classification-mark", "机密★20年", NULL);
  assert_status (result, 5);
  assert_error_message (result, NULL);
  g_clear_pointer (&result, cli_result_free);
  result = run_cli (f, ADMIN, ADMIN_PW "\n", "settings", "set", "classification-mark", "机密★20年", NULL);
  assert_status (result, 5);
  g_clear_pointer (&result, cli_result_free);

  /* Invalid values say what is allowed. */
  run_fails (f, "sec", 6, "is not a classification mark", "settings", "set", "classification-mark", "顶级机密",
             NULL);
  run_fails (f, "sec", 6, "秘密★10年", "settings", "set", "classification-mark", "秘密★", NULL);
  run_fails (f, "sec", 6, "Unknown setting", "settings", "set", "colour", "red", NULL);
  run_fails (f, "sec", 6, "control characters", "settings", "set", "organisation", "纪委\t监委", NULL);
  /* Missing value: a usage error. */
  run_fails (f, "sec", 2, "Missing arguments", "settings", "set", "classification-mark", NULL);

  out = run_ok (f, "inv", "settings", "show", NULL);
  assert_contains (out, "内部");
  assert_not_contains (out, "机密");
  assert_not_contains (out, "顶级");

  /* The refusal is in the audit trail, no change is. */
  audit = run_ok (f, "aud", "audit", "list", NULL);
  assert_not_contains (audit, "机密★20年");
  g_clear_pointer (&audit, g_free);
  audit = run_ok (f, "aud", "audit", "list", "--event", "policy.changed", NULL);
  assert_contains (audit, "No audit entries match.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-settings/show-defaults", CliFixture, NULL, fixture_setup, test_show_defaults,
              cli_fixture_teardown);
  g_test_add ("/cli-settings/set", CliFixture, NULL, fixture_setup, test_set, cli_fixture_teardown);
  g_test_add ("/cli-settings/refusals", CliFixture, NULL, fixture_setup, test_refusals, cli_fixture_teardown);

  return g_test_run ();
}
