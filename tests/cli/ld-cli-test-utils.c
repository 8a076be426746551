/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ld-cli-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

void
cli_fixture_init (CliFixture *f,
                  const char *tmpl)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp (tmpl != NULL ? tmpl : "liandang-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault = g_build_filename (f->dir, "vault", NULL);
}

void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
cli_fixture_clear (CliFixture *f)
{
  if (f->dir != NULL)
    remove_tree (f->dir);
  g_clear_pointer (&f->vault, g_free);
  g_clear_pointer (&f->dir, g_free);
}

void
cli_fixture_setup (CliFixture    *f,
                   gconstpointer  data)
{
  cli_fixture_init (f, NULL);
}

void
cli_fixture_teardown (CliFixture    *f,
                      gconstpointer  data)
{
  cli_fixture_clear (f);
}

const char *
cli_path (void)
{
  const char *path = g_getenv ("LIANDANG_CLI");

  g_assert_nonnull (path);
  return path;
}

GPtrArray *
cli_argv_new (CliFixture *f,
              const char *user)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli_path ());
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->vault);
  if (user != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, (gpointer) user);
    }

  return argv;
}

CliResult *
run_argv_env (const char * const *argv,
              const char         *input,
              const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  int fd;

  fd = g_file_open_tmp ("liandang-cli-input-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (input_path, input != NULL ? input : "", -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_VAULT");
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_USER");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *equals = strchr (env[i], '=');
      g_autofree char *name = NULL;

      g_assert_nonnull (equals);
      name = g_strndup (env[i], equals - env[i]);
      g_subprocess_launcher_setenv (launcher, name, equals + 1, TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_unlink (input_path);

  if (!g_subprocess_get_if_exited (process))
    g_error ("liandang-cli did not exit normally (signal %d); stderr: %s",
             g_subprocess_get_term_sig (process), result->err);
  result->status = g_subprocess_get_exit_status (process);

  {
    g_autofree char *line = g_strjoinv (" ", (char **) argv + 1);

    g_test_message ("$ liandang-cli %s → %d\n%s%s",
                    line, result->status, result->out, result->err);
  }

  return result;
}

CliResult *
run_argv (const char * const *argv,
          const char         *input)
{
  return run_argv_env (argv, input, NULL);
}

CliResult *
run_cli_va (CliFixture *f,
            const char *user,
            const char *input,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = cli_argv_new (f, user);
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  return run_argv ((const char * const *) argv->pdata, input);
}

CliResult *
run_cli (CliFixture *f,
         const char *user,
         const char *input,
         ...)
{
  CliResult *result;
  va_list args;

  va_start (args, input);
  result = run_cli_va (f, user, input, args);
  va_end (args);

  return result;
}

static CliResult *
run_as_va (CliFixture *f,
           int         status,
           const char *user,
           va_list     args)
{
  CliResult *result = run_cli_va (f, user, USER_PW "\n", args);

  assert_status (result, status);
  if (status != 0)
    g_assert_true (g_str_has_prefix (result->err, "liandang-cli: "));

  return result;
}

CliResult *
run_as (CliFixture *f,
        int         status,
        const char *user,
        ...)
{
  CliResult *result;
  va_list args;

  va_start (args, user);
  result = run_as_va (f, status, user, args);
  va_end (args);

  return result;
}

char *
run_ok (CliFixture *f,
        const char *user,
        ...)
{
  g_autoptr(CliResult) result = NULL;
  va_list args;

  va_start (args, user);
  result = run_as_va (f, 0, user, args);
  va_end (args);

  return g_steal_pointer (&result->out);
}

void
run_fails (CliFixture *f,
           const char *user,
           int         status,
           const char *needle,
           ...)
{
  g_autoptr(CliResult) result = NULL;
  va_list args;

  va_start (args, needle);
  result = run_cli_va (f, user, USER_PW "\n", args);
  va_end (args);

  assert_status (result, status);
  g_assert_true (g_str_has_prefix (result->err, "liandang-cli: "));
  if (needle != NULL && strstr (result->err, needle) == NULL)
    g_error ("stderr does not mention “%s”: %s", needle, result->err);
}

char *
input2 (const char *first,
        const char *second)
{
  return g_strdup_printf ("%s\n%s\n", first, second);
}

void
init_vault (CliFixture *f)
{
  g_autoptr(CliResult) result = NULL;

  result = run_cli (f, NULL, ADMIN_PW "\n",
                    "init", "--admin", ADMIN, "--kdf", "interactive", NULL);
  assert_status (result, 0);
}

void
add_account (CliFixture *f,
             const char *name,
             const char *role)
{
  g_autoptr(CliResult) added = NULL;
  g_autoptr(CliResult) changed = NULL;
  g_autofree char *add_input = input2 (ADMIN_PW, INITIAL_PW);
  g_autofree char *change_input = input2 (INITIAL_PW, USER_PW);

  added = run_cli (f, ADMIN, add_input,
                   "user", "add", name, "--role", role, "--kdf", "interactive", NULL);
  assert_status (added, 0);

  changed = run_cli (f, name, change_input, "user", "passwd", name, NULL);
  assert_status (changed, 0);
}

void
setup_admins (CliFixture *f)
{
  init_vault (f);
  add_account (f, "sec", "secadmin");
  add_account (f, "aud", "auditor");
}

void
assert_error_message (CliResult  *result,
                      const char *needle)
{
  g_assert_true (g_str_has_prefix (result->err, "liandang-cli: "));
  g_assert_cmpuint (strlen (result->err), >, strlen ("liandang-cli: ") + 5);
  if (needle != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (result->err, -1);
      g_autofree char *lower_needle = g_utf8_strdown (needle, -1);

      if (strstr (lower, lower_needle) == NULL)
        g_error ("stderr does not mention “%s”: %s", needle, result->err);
    }
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}
