/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-entries"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the file-section and attachment commands, each test in its own
 * temporary vault. */

#define ADMIN       "root"
#define ADMIN_PW    "Admin#Pass2024"
#define INITIAL_PW  "Temp#Word1234"
#define USER_PW     "Good#Word4321"

typedef struct
{
  char *dir;
  char *vault;
  char *cadre;
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

static const char *
cli_path (void)
{
  const char *path = g_getenv ("LIANDANG_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs the tool with argv and input on standard input (from a file, so an
 * early exit cannot lose output to EPIPE). */
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
    g_error ("liandang-cli did not exit normally (signal %d); stderr: %s",
             g_subprocess_get_term_sig (process), result->err);
  result->status = g_subprocess_get_exit_status (process);
  {
    g_autofree char *line = g_strjoinv (" ", (char **) argv + 1);

    g_test_message ("$ liandang-cli %s → %d\n%s%s", line, result->status, result->out, result->err);
  }
  return result;
}

/* liandang-cli --vault <fixture vault> --user USER ARGS…, with PASSWORD
 * lines on standard input. */
static CliResult *
run_va (Fixture    *f,
        const char *user,
        const char *input,
        va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) cli_path ());
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->vault);
  if (user != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, (gpointer) user);
    }
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return run_argv ((const char * const *) argv->pdata, input);
}

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
  CliResult *result;
  va_list args;

  va_start (args, input);
  result = run_va (f, user, input, args);
  va_end (args);
  return result;
}

#define assert_status(result, expected)                                         \
  G_STMT_START {                                                                \
    if ((result)->status != (expected))                                         \
      g_error ("expected exit status %d, got %d\nstdout: %s\nstderr: %s",       \
               (expected), (result)->status, (result)->out, (result)->err);     \
  } G_STMT_END

/* Runs as USER with USER_PW, asserts exit 0 and returns standard output. */
static char *
run_ok (Fixture    *f,
        const char *user,
        ...) G_GNUC_NULL_TERMINATED;

static char *
run_ok (Fixture    *f,
        const char *user,
        ...)
{
  g_autoptr(CliResult) result = NULL;
  va_list args;

  va_start (args, user);
  result = run_va (f, user, USER_PW "\n", args);
  va_end (args);
  assert_status (result, 0);
  return g_steal_pointer (&result->out);
}

/* Runs as USER with USER_PW and asserts the exit status and that standard
 * error names NEEDLE (when not NULL). */
static void
run_fails (Fixture    *f,
           const char *user,
           int         status,
           const char *needle,
           ...) G_GNUC_NULL_TERMINATED;

static void
run_fails (Fixture    *f,
           const char *user,
           int         status,
           const char *needle,
           ...)
{
  g_autoptr(CliResult) result = NULL;
  va_list args;

  va_start (args, needle);
  result = run_va (f, user, USER_PW "\n", args);
  va_end (args);
  assert_status (result, status);
  g_assert_true (g_str_has_prefix (result->err, "liandang-cli: "));
  if (needle != NULL && strstr (result->err, needle) == NULL)
    g_error ("stderr does not mention “%s”: %s", needle, result->err);
}

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
  g_autoptr(CliResult) added = NULL;
  g_autoptr(CliResult) changed = NULL;

  added = run_cli (f, ADMIN, ADMIN_PW "\n" INITIAL_PW "\n",
                   "user", "add", name, "--role", role, "--kdf", "interactive", NULL);
  assert_status (added, 0);
  changed = run_cli (f, name, INITIAL_PW "\n" USER_PW "\n", "user", "passwd", name, NULL);
  assert_status (changed, 0);
}

/* A vault with sec, boss (investigator, every unit) and a cadre. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) init = NULL;
  g_autofree char *unit = NULL;

  f->dir = g_dir_make_tmp ("liandang-cli-entries-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault = g_build_filename (f->dir, "vault", NULL);
  init = run_cli (f, NULL, ADMIN_PW "\n", "init", "--admin", ADMIN, "--kdf", "interactive", NULL);
  assert_status (init, 0);
  add_account (f, "sec", "secadmin");
  add_account (f, "boss", "investigator");
  g_free (run_ok (f, "sec", "user", "scope", "boss", "all", NULL));
  unit = g_strstrip (run_ok (f, "boss", "unit", "add", "财政局", NULL));
  f->cadre = g_strstrip (run_ok (f, "boss", "cadre", "add", "--name", "张三丰", "--id-number", "11010519491231002X",
                                 "--unit", unit, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->vault);
  g_free (f->dir);
  g_free (f->cadre);
}

/* The line of tab-separated output whose first cell is id. */
static char *
line_of (const char *out,
         const char *id)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (id, "\t", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  g_error ("no line for %s in:\n%s", id, out);
  return NULL;
}

static void
test_entries (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *family = NULL;
  g_autofree char *report = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;

  family = g_strstrip (run_ok (f, "boss", "entry", "add", f->cadre, "B", "relation=spouse", "name=王芳",
                               "work_unit=县医院", "abroad=no", NULL));
  report = g_strstrip (run_ok (f, "boss", "entry", "add", f->cadre, "C", "--kind", "annual", "--date", "2023",
                               "PM1=已婚", "PA3=住房一套", "verification=omitted", NULL));
  g_assert_cmpstr (family, !=, report);

  list = run_ok (f, "boss", "entry", "list", f->cadre, NULL);
  line = line_of (list, family);
  expected = g_strconcat (family, "\tB\t\t\t\tSpouse · 王芳 · 县医院\t0\tactive", NULL);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  line = line_of (list, report);
  assert_contains (line, "\tC\tannual\t2023\tomitted\tAnnual report · Omission\t0\tactive");
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&list, g_free);

  /* Change one field; the others stay. */
  g_free (run_ok (f, "boss", "entry", "set", report, "verification=concealed", "findings=未报告车库", NULL));
  list = run_ok (f, "boss", "entry", "list", f->cadre, "--section", "C", NULL);
  line = line_of (list, report);
  assert_contains (line, "\tC\tannual\t2023\tconcealed\t");
  assert_not_contains (list, "Spouse");
  g_clear_pointer (&list, g_free);

  /* Refusals: unknown key and bad values exit 6, bad usage 2, and
   * nothing is written. */
  run_fails (f, "boss", 6, "colour", "entry", "add", f->cadre, "B", "relation=spouse", "name=某", "colour=blue",
             NULL);
  run_fails (f, "boss", 6, "cousin", "entry", "add", f->cadre, "B", "relation=cousin", "name=某", NULL);
  run_fails (f, "boss", 6, NULL, "entry", "add", f->cadre, "C", "--date", "2023", "PM1=x", NULL);
  run_fails (f, "boss", 6, "2023-13", "entry", "add", f->cadre, "C", "--kind", "annual", "--date", "2023-13", NULL);
  run_fails (f, "boss", 6, NULL, "entry", "add", f->cadre, "Q", "x=y", NULL);
  run_fails (f, "boss", 6, "hidden", "entry", "set", report, "verification=hidden", NULL);
  run_fails (f, "boss", 6, NULL, "entry", "add", "999", "B", "relation=son", "name=某", NULL);
  run_fails (f, "boss", 2, "KEY=VALUE", "entry", "add", f->cadre, "B", "relation", NULL);
  run_fails (f, "boss", 2, NULL, "entry", "add", "x", "B", "relation=son", NULL);
  run_fails (f, "boss", 2, "--reason", "entry", "retire", family, NULL);
  run_fails (f, "boss", 2, NULL, "entry", "set", report, NULL);
  list = run_ok (f, "boss", "entry", "list", f->cadre, NULL);
  lines = g_strsplit (list, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_clear_pointer (&list, g_free);

  /* Retire. */
  g_free (run_ok (f, "boss", "entry", "retire", family, "--reason", "Entered twice", NULL));
  list = run_ok (f, "boss", "entry", "list", f->cadre, NULL);
  assert_not_contains (list, "Spouse");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "entry", "list", f->cadre, "--all", NULL);
  g_clear_pointer (&line, g_free);
  line = line_of (list, family);
  assert_contains (line, "\tretired");
  run_fails (f, "boss", 6, NULL, "entry", "set", family, "name=别人", NULL);

  /* The help lists sections, kinds and keys. */
  {
    g_autoptr(CliResult) result = run_cli (f, NULL, NULL, "entry", "add", "--help", NULL);

    assert_status (result, 0);
    assert_contains (result->out, "verification");
    assert_contains (result->out, "concealed");
    assert_contains (result->out, "PA6");
    assert_contains (result->out, "gift-handed-in");
  }
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *entry = NULL;
  g_autofree char *file = g_build_filename (f->dir, "申报表.pdf", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *list = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *n = NULL;
  static const char pdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

  g_assert_true (g_file_set_contents (file, pdf, -1, NULL));
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf, -1);
  entry = g_strstrip (run_ok (f, "boss", "entry", "add", f->cadre, "Z", "--date", "2024-05-01", "title=签字表",
                              NULL));

  id = g_strstrip (run_ok (f, "boss", "attachment", "add", "entry", entry, file, NULL));
  list = run_ok (f, "boss", "attachment", "list", "entry", entry, NULL);
  line = line_of (list, id);
  assert_contains (line, "\t申报表.pdf\tapplication/pdf\t");
  assert_contains (line, sum);
  assert_contains (line, "\tboss\tactive");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "entry", "list", f->cadre, NULL);
  assert_contains (list, "\t签字表\t1\tactive");
  g_clear_pointer (&list, g_free);

  /* Saving outside the vault is an export: denied until granted. */
  run_fails (f, "boss", 5, NULL, "attachment", "save", id, "--out", copy, NULL);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_free (run_ok (f, "sec", "user", "grant", "boss", "export", NULL));
  g_free (run_ok (f, "boss", "attachment", "save", id, "--out", copy, NULL));
  g_assert_true (g_file_get_contents (copy, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, pdf);

  /* Refusals. */
  run_fails (f, "boss", 6, "missing.pdf", "attachment", "add", "cadre", f->cadre, missing, NULL);
  run_fails (f, "boss", 2, NULL, "attachment", "add", "unit", "1", file, NULL);
  run_fails (f, "boss", 6, NULL, "attachment", "add", "entry", "999", file, NULL);
  run_fails (f, "boss", 2, "--out", "attachment", "save", id, NULL);
  run_fails (f, "boss", 2, "--reason", "attachment", "retire", id, NULL);

  /* Retire. */
  g_free (run_ok (f, "boss", "attachment", "retire", id, "--reason", "Wrong scan", NULL));
  list = run_ok (f, "boss", "attachment", "list", "entry", entry, NULL);
  g_assert_cmpstr (list, ==, "");
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "attachment", "list", "entry", entry, "--all", NULL);
  assert_contains (list, "\tretired");
  run_fails (f, "boss", 6, NULL, "attachment", "retire", id, "--reason", "Again", NULL);

  /* File-level attachments. */
  n = g_strstrip (run_ok (f, "boss", "attachment", "add", "cadre", f->cadre, file, NULL));
  g_clear_pointer (&list, g_free);
  list = run_ok (f, "boss", "attachment", "list", "cadre", f->cadre, NULL);
  g_clear_pointer (&line, g_free);
  line = line_of (list, n);
  assert_contains (line, "申报表.pdf");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime = NULL;
  int status;

  /* The tool cleans its temporary copies under XDG_RUNTIME_DIR at lock:
   * give it a folder of its own. */
  runtime = g_dir_make_tmp ("liandang-cli-runtime-XXXXXX", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-entries/entries", Fixture, NULL, fixture_setup, test_entries, fixture_teardown);
  g_test_add ("/cli-entries/attachments", Fixture, NULL, fixture_setup, test_attachments, fixture_teardown);

  status = g_test_run ();
  remove_tree (runtime);
  return status;
}
