/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-rules-repository"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-rules-repository.h"

/* The deadline and talk rules kept beside the category rules. */

#define N_RULE_ROWS "SELECT count(*) FROM category_rules"
#define N_RULE_AUDITS "SELECT count(*) FROM audit_log WHERE event = 'rule.set'"

typedef struct
{
  char    *dir;
  LdVault *vault;
} Fixture;

/* Admin, sec, chief (leader), boss (investigator, every unit); signed in
 * as chief. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "chief", LD_ROLE_LEADER);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "chief", 0);
  ld_test_login (f->vault, "chief");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->vault != NULL)
    ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

static char *
date_text (int days_from_today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days_from_today);

  return g_date_time_format (then, "%Y-%m-%d");
}

static GDate
today_plus (int days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  if (days > 0)
    g_date_add_days (&date, days);
  return date;
}

static LdCaseRules
load (Fixture     *f,
      const GDate *reference)
{
  g_autoptr(GError) error = NULL;
  LdCaseRules rules;

  memset (&rules, 0xAB, sizeof rules);
  g_assert_true (ld_case_rules_repository_load (f->vault, reference, &rules, &error));
  g_assert_no_error (error);
  return rules;
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  LdCaseRules expected;
  LdCaseRules rules;

  ld_case_rules_init_defaults (&expected);
  rules = load (f, NULL);
  g_assert_cmpmem (&rules, sizeof rules, &expected, sizeof expected);

  history = ld_case_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);

  /* The investigator reads them too. */
  ld_test_login (f->vault, "boss");
  rules = load (f, NULL);
  g_assert_cmpuint (rules.verify_months, ==, 3);
}

static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *today = date_text (0);
  LdCaseRules rules;
  LdRuleRow *row;
  gint64 audits = ld_test_count_rows (f->vault, N_RULE_AUDITS);

  rules = load (f, NULL);   /* fills the cache */
  g_assert_cmpuint (rules.verify_months, ==, 3);

  g_assert_true (ld_case_rules_repository_set (f->vault, "case.verify-months", " 2 ", "县纪委〔2026〕5号", NULL,
                                               &error));
  g_assert_no_error (error);
  rules = load (f, NULL);
  g_assert_cmpuint (rules.verify_months, ==, 2);
  g_assert_cmpuint (rules.talk_letter_days, ==, 15);
  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_AUDITS), ==, audits + 1);

  g_assert_true (ld_case_rules_repository_set (f->vault, "talk.top-leader-months", "6", "Decision 7", "", &error));
  g_assert_no_error (error);
  rules = load (f, NULL);
  g_assert_cmpuint (rules.top_leader_months, ==, 6);
  g_assert_cmpuint (rules.verify_months, ==, 2);

  history = ld_case_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  row = g_ptr_array_index (history, 0);
  g_assert_cmpstr (row->key, ==, "case.verify-months");
  g_assert_cmpstr (row->value, ==, "2");
  g_assert_cmpstr (row->source, ==, "县纪委〔2026〕5号");
  g_assert_cmpstr (row->valid_from, ==, today);
  g_assert_cmpstr (row->account, ==, "chief");
  g_assert_cmpint (row->created_at, >, 0);
  row = g_ptr_array_index (history, 1);
  g_assert_cmpstr (row->key, ==, "talk.top-leader-months");

  /* Append-only: a second value keeps the first row. */
  g_assert_true (ld_case_rules_repository_set (f->vault, "case.verify-months", "4", "Decision 8", NULL, &error));
  g_assert_no_error (error);
  rules = load (f, NULL);
  g_assert_cmpuint (rules.verify_months, ==, 4);
  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_ROWS), ==, 3);
  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_AUDITS), ==, audits + 3);
  g_assert_cmpint (ld_test_count_rows (f->vault,
                                       "SELECT count(*) FROM audit_log WHERE event = 'rule.set'"
                                       " AND object_id = 'case.verify-months' AND account = 'chief'"),
                   ==, 2);
}

/* Refusals write nothing but the audit of a denial. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  static const struct
  {
    const char *key;
    const char *value;
    const char *source;
    const char *valid_from;
  } invalid[] = {
    { "case.verify-months", "99", "x", NULL },
    { "case.verify-months", "two", "x", NULL },
    { "case.verify-months", "", "x", NULL },
    { "case.due-soon-days", "0", "x", NULL },
    { "case.nonsense", "1", "x", NULL },
    { "young-max-age-xianchu", "35", "x", NULL },
    { "case.verify-months", "2", "", NULL },
    { "case.verify-months", "2", "   ", NULL },
    { "case.verify-months", "2", NULL, NULL },
    { "case.verify-months", "2", "x", "2026-02-30" },
    { "case.verify-months", "2", "x", "tomorrow" },
    { "case.verify-months", "2", "x", "2026-1-5" },
  };
  gint64 rows = ld_test_count_rows (f->vault, N_RULE_ROWS);
  gint64 audits = ld_test_count_rows (f->vault, N_RULE_AUDITS);
  LdCaseRules rules;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", invalid[i].key, invalid[i].value);
      g_assert_false (ld_case_rules_repository_set (f->vault, invalid[i].key, invalid[i].value, invalid[i].source,
                                                    invalid[i].valid_from, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }

  /* The investigator and the system administrator may not set them. */
  ld_test_login (f->vault, "boss");
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ld_case_rules_repository_set (f->vault, "case.verify-months", "2", "x", NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  }
  ld_test_login (f->vault, LD_TEST_ADMIN);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) history = NULL;

    g_assert_false (ld_case_rules_repository_set (f->vault, "case.verify-months", "2", "x", NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
    g_clear_error (&error);
    /* Nor read them: case content is not the system administrator's. */
    history = ld_case_rules_repository_history (f->vault, &error);
    g_assert_null (history);
    g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  }

  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_ROWS), ==, rows);
  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_AUDITS), ==, audits);
  ld_test_login (f->vault, "chief");
  rules = load (f, NULL);
  g_assert_cmpuint (rules.verify_months, ==, 3);
}

static void
test_valid_from (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tomorrow = date_text (1);
  GDate reference_tomorrow = today_plus (1);
  GDate old;
  LdCaseRules rules;

  /* From tomorrow: not in force today. */
  g_assert_true (ld_case_rules_repository_set (f->vault, "case.accept-notice-days", "10", "Local rule 3", tomorrow,
                                               &error));
  g_assert_no_error (error);
  rules = load (f, NULL);
  g_assert_cmpuint (rules.accept_notice_days, ==, 15);
  rules = load (f, &reference_tomorrow);
  g_assert_cmpuint (rules.accept_notice_days, ==, 10);

  /* A value from 2020 applies from then on; before, the default. */
  g_assert_true (ld_case_rules_repository_set (f->vault, "case.feedback-days", "20", "Old rule", "2020-01-01",
                                               &error));
  g_assert_no_error (error);
  g_date_clear (&old, 1);
  g_date_set_dmy (&old, 1, 6, 2021);
  rules = load (f, &old);
  g_assert_cmpuint (rules.feedback_days, ==, 20);
  g_assert_cmpuint (rules.accept_notice_days, ==, 15);
  g_date_set_dmy (&old, 31, 12, 2019);
  rules = load (f, &old);
  g_assert_cmpuint (rules.feedback_days, ==, 15);

  /* A later row with an earlier date does not override a newer date. */
  g_assert_true (ld_case_rules_repository_set (f->vault, "case.feedback-days", "25", "Older rule", "2019-01-01",
                                               &error));
  g_assert_no_error (error);
  rules = load (f, NULL);
  g_assert_cmpuint (rules.feedback_days, ==, 20);
  g_date_set_dmy (&old, 31, 12, 2019);
  rules = load (f, &old);
  g_assert_cmpuint (rules.feedback_days, ==, 25);
}

/* Both sets of rules live in category_rules; neither sees the other. */
static void
test_side_by_side (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) category_history = NULL;
  g_autoptr(GPtrArray) case_history = NULL;
  g_auto(LdCategoryRules) category = { 0 };
  LdCaseRules rules;

  g_assert_true (ld_rules_repository_set (f->vault, "young-max-age-xianchu", "35", "县纪委〔2026〕3号", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_case_rules_repository_set (f->vault, "case.routing-days", "3", "县纪委〔2026〕4号", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_case_rules_repository_set (f->vault, "talk.preappoint-months", "2", "县委组织部", NULL, &error));
  g_assert_no_error (error);

  /* The category rules refuse a case key, and the other way round. */
  g_assert_false (ld_rules_repository_set (f->vault, "case.routing-days", "3", "x", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_case_rules_repository_set (f->vault, "newly-promoted-months", "3", "x", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_count_rows (f->vault, N_RULE_ROWS), ==, 3);

  /* Loading the category rules meets no case key (an unknown key would
   * warn, which fails this test). */
  g_assert_true (ld_rules_repository_load (f->vault, NULL, &category, &error));
  g_assert_no_error (error);
  g_assert_cmpint (category.young_max_age[LD_POST_LEVEL_XIANCHU], ==, 35);
  category_history = ld_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (category_history->len, ==, 1);
  g_assert_cmpstr (((LdRuleRow *) g_ptr_array_index (category_history, 0))->key, ==, "young-max-age-xianchu");

  rules = load (f, NULL);
  g_assert_cmpuint (rules.routing_days, ==, 3);
  g_assert_cmpuint (rules.preappoint_months, ==, 2);
  case_history = ld_case_rules_repository_history (f->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (case_history->len, ==, 2);
  for (guint i = 0; i < case_history->len; i++)
    g_assert_true (ld_case_rules_is_key (((LdRuleRow *) g_ptr_array_index (case_history, i))->key));
}

/* The rules change on the command line too (when the tool is built). */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *root = g_getenv ("LIANDANG_BUILD_ROOT");
  g_autofree char *cli = root ? g_build_filename (root, "app", "cli", "liandang-cli", NULL) : NULL;
  g_autofree char *vault_path = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *password = ld_test_password_for ("chief");
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autofree char *boss_input = NULL;
  g_autofree char *boss_password = ld_test_password_for ("boss");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("liandang-cli is not built");
      return;
    }
  boss_input = g_strdup_printf ("%s\n", boss_password);
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);

  {
    const char *set_argv[] = { cli, "--vault", vault_path, "--user", "chief", "rules", "set", "case.verify-months",
                               "2", "--source", "县纪委〔2026〕5号", NULL };
    const char *bad_argv[] = { cli, "--vault", vault_path, "--user", "chief", "rules", "set", "case.verify-months",
                               "99", "--source", "x", NULL };
    const char *denied_argv[] = { cli, "--vault", vault_path, "--user", "boss", "rules", "set",
                                  "case.verify-months", "5", "--source", "x", NULL };
    const char *list_argv[] = { cli, "--vault", vault_path, "--user", "boss", "rules", "list", NULL };
    struct
    {
      const char **argv;
      const char  *input;
      int          status;
    } runs[] = {
      { set_argv, input, 0 },
      { bad_argv, input, 6 },
      { denied_argv, boss_input, 5 },
      { list_argv, boss_input, 0 },
    };
    g_autofree char *list = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      {
        g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                                             | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);
        g_autoptr(GSubprocess) process = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;

        g_subprocess_launcher_unsetenv (launcher, "LIANDANG_VAULT");
        g_subprocess_launcher_unsetenv (launcher, "LIANDANG_USER");
        process = g_subprocess_launcher_spawnv (launcher, runs[i].argv, &error);
        g_assert_no_error (error);
        g_subprocess_communicate_utf8 (process, runs[i].input, NULL, &out, &err, &error);
        g_assert_no_error (error);
        g_test_message ("%s %s → %d\n%s%s", runs[i].argv[5], runs[i].argv[6], g_subprocess_get_exit_status (process),
                        out, err);
        g_assert_true (g_subprocess_get_if_exited (process));
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, runs[i].status);
        if (runs[i].argv == list_argv)
          list = g_steal_pointer (&out);
      }

    g_assert_nonnull (strstr (list, "young-max-age-xianchu"));
    g_assert_nonnull (strstr (list, "case.verify-months"));
    g_assert_nonnull (strstr (list, "县纪委〔2026〕5号"));
    g_assert_nonnull (strstr (list, "working days"));
    {
      g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
      gboolean found = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "case.verify-months "))
          {
            g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
            guint w = 1;

            while (words[w] != NULL && *words[w] == '\0')
              w++;
            g_assert_cmpstr (words[w], ==, "2");
            g_assert_nonnull (strstr (lines[i], "months"));
            found = TRUE;
          }
      g_assert_true (found);
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-rules-repository/defaults", Fixture, NULL, setup, test_defaults, teardown);
  g_test_add ("/case-rules-repository/set", Fixture, NULL, setup, test_set, teardown);
  g_test_add ("/case-rules-repository/refusals", Fixture, NULL, setup, test_refusals, teardown);
  g_test_add ("/case-rules-repository/valid-from", Fixture, NULL, setup, test_valid_from, teardown);
  g_test_add ("/case-rules-repository/side-by-side", Fixture, NULL, setup, test_side_by_side, teardown);
  g_test_add ("/case-rules-repository/cli", Fixture, NULL, setup, test_cli, teardown);

  return g_test_run ();
}
