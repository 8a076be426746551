/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rules/ld-id-number.h"

/* Drives `liandang-cli import cadres` (path in $LIANDANG_CLI) in a
 * temporary vault: the report, --dry-run, --skip-invalid, --unit, the exit
 * codes of the refusals, and that file content cannot drive the terminal. */

#define ADMIN       "root"
#define ADMIN_PW    "Admin#Pass2024"
#define INITIAL_PW  "Temp#Word1234"
#define USER_PW     "Good#Word4321"

typedef struct
{
  char *dir;
  char *vault;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_argv (const char * const *argv,
          const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  int fd;

  /* A file, not a pipe: the tool may exit before reading all of it. */
  fd = g_file_open_tmp ("liandang-cli-input-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (input_path, input != NULL ? input : "", -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_VAULT");
  g_subprocess_launcher_unsetenv (launcher, "LIANDANG_USER");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_unlink (input_path);
  if (!g_subprocess_get_if_exited (process))
    g_error ("liandang-cli did not exit normally; stderr: %s", result->err);
  result->status = g_subprocess_get_exit_status (process);
  {
    g_autofree char *line = g_strjoinv (" ", (char **) argv + 1);

    g_test_message ("$ liandang-cli %s → %d\n%s%s", line, result->status, result->out, result->err);
  }
  return result;
}

/* liandang-cli --vault <fixture vault> [--user USER] ARGS… */
static CliResult *
run_cli (Fixture    *f,
         const char *user,
         const char *input,
         ...) G_GNUC_NULL_TERMINATED;

static CliResult *
run_cli (Fixture    *f,
         const char *user,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIANDANG_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->vault);
  if (user != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, (gpointer) user);
    }
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return run_argv ((const char * const *) argv->pdata, input);
}

#define assert_status(result, expected)                                         \
  G_STMT_START {                                                                \
    if ((result)->status != (expected))                                         \
      g_error ("expected exit status %d, got %d\nstdout: %s\nstderr: %s",       \
               (expected), (result)->status, (result)->out, (result)->err);     \
  } G_STMT_END

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

/* Errors are one line "liandang-cli: <message>". */
static void
assert_error (CliResult *result)
{
  g_assert_true (g_str_has_prefix (result->err, "liandang-cli: "));
  g_assert_cmpuint (strlen (result->err), >, strlen ("liandang-cli: ") + 5);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
add_account (Fixture    *f,
             const char *name,
             const char *role)
{
  g_autofree char *add_input = g_strdup_printf ("%s\n%s\n", ADMIN_PW, INITIAL_PW);
  g_autofree char *change_input = g_strdup_printf ("%s\n%s\n", INITIAL_PW, USER_PW);
  g_autoptr(CliResult) added = run_cli (f, ADMIN, add_input, "user", "add", name, "--role", role, "--kdf",
                                        "interactive", NULL);
  g_autoptr(CliResult) changed = NULL;

  assert_status (added, 0);
  changed = run_cli (f, name, change_input, "user", "passwd", name, NULL);
  assert_status (changed, 0);
}

/* Runs a command as USER (password USER_PW) and returns its standard output. */
static char *
run_ok (Fixture    *f,
        const char *user,
        ...) G_GNUC_NULL_TERMINATED;

static char *
run_ok (Fixture    *f,
        const char *user,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIANDANG_CLI"));
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->vault);
  g_ptr_array_add (argv, (gpointer) "--user");
  g_ptr_array_add (argv, (gpointer) user);
  va_start (args, user);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  result = run_argv ((const char * const *) argv->pdata, USER_PW "\n");
  assert_status (result, 0);
  return g_steal_pointer (&result->out);
}

/* A vault with sec, aud and boss (an investigator who sees every unit)
 * and the unit 县委 (number 1). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) init = NULL;
  g_autofree char *unit = NULL;

  f->dir = g_dir_make_tmp ("liandang-cli-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault = g_build_filename (f->dir, "vault", NULL);
  init = run_cli (f, NULL, ADMIN_PW "\n", "init", "--admin", ADMIN, "--kdf", "interactive", NULL);
  assert_status (init, 0);
  add_account (f, "sec", "secadmin");
  add_account (f, "aud", "auditor");
  add_account (f, "boss", "investigator");
  g_free (run_ok (f, "sec", "user", "scope", "boss", "all", NULL));
  unit = g_strstrip (run_ok (f, "boss", "unit", "add", "县委", NULL));
  g_assert_cmpstr (unit, ==, "1");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->vault);
  g_free (f->dir);
}

/* A valid ID number for person N (born 1970 + N, Jan 1; odd N male). */
static char *
make_id (guint n)
{
  g_autofree char *first17 = g_strdup_printf ("110105%04u0101%03u", 1970 + n, n);

  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Two good rows (one in a unit to be created, one in the unit chosen with
 * --unit) and one with a wrong check character. */
static char *
write_roster (Fixture *f)
{
  g_autofree char *id1 = make_id (1), *id2 = make_id (2), *bad = make_id (3);
  g_autofree char *csv = NULL;

  bad[17] = bad[17] == '1' ? '2' : '1';
  csv = g_strdup_printf ("姓名,性别,身份证号,工作单位,职务\n"
                         "张三,男,%s,新设办公室,主任\n"
                         "李四,女,%s,,科员\n"
                         "王五,男,%s,,科员\n",
                         id1, id2, bad);
  return write_file (f, "roster.csv", csv);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_roster (f);
  g_autofree char *list = NULL;
  g_autofree char *units = NULL;
  g_autofree char *audit = NULL;

  /* Rows with errors block the import, dry run or not. */
  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                        "--dry-run", NULL);

    assert_status (dry, 6);
    assert_error (dry);
    assert_contains (dry->out, "roster.csv");
    assert_contains (dry->out, "New cadres: 2");
    assert_contains (dry->out, "Row 4");
  }
  {
    g_autoptr(CliResult) refused = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1", NULL);

    assert_status (refused, 6);
    assert_error (refused);
    assert_not_contains (refused->out, "Imported:");
  }
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_not_contains (list, "张三");

  /* A dry run leaving them out writes nothing either. */
  {
    g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                        "--dry-run", "--skip-invalid", NULL);

    assert_status (dry, 0);
    assert_contains (dry->out, "Dry run: nothing was written.");
    assert_contains (dry->out, "新设办公室");
  }
  g_free (list);
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_not_contains (list, "张三");
  units = run_ok (f, "boss", "unit", "list", NULL);
  assert_not_contains (units, "新设办公室");

  /* The import itself. */
  {
    g_autoptr(CliResult) done = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                         "--skip-invalid", NULL);

    assert_status (done, 0);
    assert_contains (done->out, "Imported: 2 new cadres, 0 updated.");
  }
  g_free (list);
  list = run_ok (f, "boss", "cadre", "list", NULL);
  assert_contains (list, "张三");
  assert_contains (list, "李四");
  assert_not_contains (list, "王五");
  g_free (units);
  units = run_ok (f, "boss", "unit", "list", NULL);
  assert_contains (units, "新设办公室");
  audit = run_ok (f, "aud", "audit", "list", "--event", "import.cadres", NULL);
  assert_contains (audit, "roster.csv");

  /* Again: nothing changes. */
  {
    g_autoptr(CliResult) again = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                          "--skip-invalid", NULL);

    assert_status (again, 0);
    assert_contains (again->out, "Unchanged cadres: 2");
    assert_contains (again->out, "Imported: 0 new cadres, 0 updated.");
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = write_roster (f);
  g_autofree char *junk = write_file (f, "junk.xlsx", "PK\003\004 this is not a workbook");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);

  {
    g_autoptr(CliResult) no_file = run_cli (f, "boss", USER_PW "\n", "import", "cadres", NULL);

    assert_status (no_file, 2);
  }
  {
    g_autoptr(CliResult) bad_unit = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "x", NULL);

    assert_status (bad_unit, 2);
    assert_error (bad_unit);
  }
  {
    g_autoptr(CliResult) no_such_unit = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "99",
                                                 "--skip-invalid", NULL);

    assert_status (no_such_unit, 6);
    assert_error (no_such_unit);
  }
  {
    g_autoptr(CliResult) damaged = run_cli (f, "boss", USER_PW "\n", "import", "cadres", junk, "--unit", "1", NULL);

    assert_status (damaged, 6);
    assert_error (damaged);
  }
  {
    g_autoptr(CliResult) gone = run_cli (f, "boss", USER_PW "\n", "import", "cadres", missing, "--unit", "1", NULL);

    g_assert_cmpint (gone->status, !=, 0);
    assert_error (gone);
  }

  /* Roles that may not write records. */
  add_account (f, "view", "viewer");
  g_free (run_ok (f, "sec", "user", "scope", "view", "all", NULL));
  {
    g_autoptr(CliResult) viewer = run_cli (f, "view", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                           "--skip-invalid", NULL);

    assert_status (viewer, 5);
    assert_error (viewer);
  }
  {
    g_autoptr(CliResult) auditor = run_cli (f, "aud", USER_PW "\n", "import", "cadres", path, "--unit", "1",
                                            "--skip-invalid", NULL);

    assert_status (auditor, 5);
  }
  {
    g_autofree char *list = run_ok (f, "boss", "cadre", "list", NULL);

    assert_not_contains (list, "张三");
  }
}

/* Names and values from the file are printed with control characters
 * escaped: a roster cannot drive the terminal. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id1 = make_id (5);
  g_autofree char *csv = g_strdup_printf ("姓名,身份证号,职务\n张\033[31m三,%s,科员\n赵六,%s,\"主任\033]0;title\007\"\n",
                                          id1, id1);
  g_autofree char *path = write_file (f, "hostile.csv", csv);
  g_autoptr(CliResult) dry = run_cli (f, "boss", USER_PW "\n", "import", "cadres", path, "--unit", "1", "--dry-run",
                                      "--skip-invalid", NULL);

  g_assert_cmpint (dry->status, ==, 0);
  assert_not_contains (dry->out, "\033");
  assert_not_contains (dry->out, "\007");
  assert_not_contains (dry->err, "\033");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-import/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/cli-import/refusals", Fixture, NULL, fixture_setup, test_refusals, fixture_teardown);
  g_test_add ("/cli-import/hostile-text", Fixture, NULL, fixture_setup, test_hostile_text, fixture_teardown);

  return g_test_run ();
}
