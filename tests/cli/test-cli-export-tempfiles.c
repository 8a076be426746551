/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-export-tempfiles"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ld-cli-test-utils.h"

/* SECURITY.md B34: while exporting, libxlsxwriter's temporary files (the
 * plaintext XML parts of the workbook) are created only under
 * $XDG_RUNTIME_DIR (a tmpfs on a desktop), never in $TMPDIR, /tmp or
 * /var/tmp, and none is left behind. The built liandang-cli runs under
 * `strace -f -e trace=open,openat,creat`; every file it creates is checked.
 * Skipped where strace is missing or may not trace (some containers). */

typedef struct
{
  CliFixture cli;
  char      *run;    /* $XDG_RUNTIME_DIR of the tool */
  char      *tmp;    /* $TMPDIR of the tool */
  char      *out;
  char      *cadre;
} Fixture;

static char *strace_path;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unit = NULL;

  cli_fixture_init (&f->cli, "liandang-cli-tempfiles-XXXXXX");
  f->run = g_build_filename (f->cli.dir, "run", NULL);
  f->tmp = g_build_filename (f->cli.dir, "tmp", NULL);
  f->out = g_build_filename (f->cli.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->run, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->tmp, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  setup_admins (&f->cli);
  add_account (&f->cli, "boss", "investigator");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "grant", "boss", "export", NULL));
  unit = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->cadre = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                 "11010519491231002X", "--unit", unit, NULL));
  g_free (run_ok (&f->cli, "boss", "cadre", "add", "--name", "王小明", "--id-number",
                  "110105197001010011", "--unit", unit, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->run);
  g_free (f->tmp);
  g_free (f->out);
  g_free (f->cadre);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  return g_dir_read_name (dir) == NULL;
}

/* The path of an open/openat/creat line of strace that creates a file
 * (O_CREAT or O_TMPFILE, or creat), or NULL. */
static char *
created_path (const char *line)
{
  const char *quote;
  const char *end;

  if (strstr (line, "creat(") == NULL && strstr (line, "O_CREAT") == NULL && strstr (line, "O_TMPFILE") == NULL)
    return NULL;
  if (strstr (line, "= -1") != NULL)
    return NULL;
  quote = strchr (line, '"');
  if (quote == NULL)
    return NULL;
  end = strchr (quote + 1, '"');
  if (end == NULL)
    return NULL;
  return g_strndup (quote + 1, end - quote - 1);
}

/* Runs `export ARGS…` as boss under strace and checks every file created. */
static void
export_traced (Fixture    *f,
               const char *out_name,
               ...)
{
  g_autofree char *trace = g_build_filename (f->cli.dir, "trace.txt", NULL);
  g_autofree char *out = g_build_filename (f->out, out_name, NULL);
  g_autofree char *env_run = g_strconcat ("XDG_RUNTIME_DIR=", f->run, NULL);
  g_autofree char *env_tmp = g_strconcat ("TMPDIR=", f->tmp, NULL);
  g_autofree char *input = g_strconcat (USER_PW, "\n", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  const char *env[] = { env_run, env_tmp, NULL };
  guint in_run = 0;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, strace_path);
  g_ptr_array_add (argv, (char *) "-f");
  g_ptr_array_add (argv, (char *) "-qq");
  g_ptr_array_add (argv, (char *) "-e");
  g_ptr_array_add (argv, (char *) "trace=open,openat,creat");
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, trace);
  g_ptr_array_add (argv, (char *) cli_path ());
  g_ptr_array_add (argv, (char *) "--vault");
  g_ptr_array_add (argv, f->cli.vault);
  g_ptr_array_add (argv, (char *) "--user");
  g_ptr_array_add (argv, (char *) "boss");
  g_ptr_array_add (argv, (char *) "export");
  va_start (args, out_name);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--purpose");
  g_ptr_array_add (argv, (char *) "临时文件检查");
  g_ptr_array_add (argv, (char *) "--out");
  g_ptr_array_add (argv, out);
  g_ptr_array_add (argv, NULL);

  result = run_argv_env ((const char * const *) argv->pdata, input, env);
  assert_status (result, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  g_assert_true (g_file_get_contents (trace, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = created_path (lines[i]);

      if (path == NULL)
        continue;
      g_test_message ("created: %s", path);
      /* The test's own folder (vault, output, runtime folder) may lie
       * below /tmp: only its tmp folder counts there. */
      if (g_str_has_prefix (path, f->tmp)
          || (!g_str_has_prefix (path, f->cli.dir)
              && (g_str_has_prefix (path, "/tmp/") || g_str_has_prefix (path, "/var/tmp/"))))
        g_error ("a file was created in an on-disk temporary folder: %s", lines[i]);
      if (g_str_has_prefix (path, f->run))
        in_run++;
    }
  /* libxlsxwriter wrote its parts in the runtime folder… */
  g_assert_cmpuint (in_run, >, 0);
  /* …and left nothing there or anywhere temporary. */
  g_assert_true (folder_is_empty (f->run));
  g_assert_true (folder_is_empty (f->tmp));
  g_unlink (trace);
}

static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  export_traced (f, "roster.xlsx", "roster", NULL);
}

static void
test_cadre_file (Fixture       *f,
                 gconstpointer  data)
{
  export_traced (f, "cadre.xlsx", "cadre", f->cadre, NULL);
}

/* Whether strace is installed and may trace a child here. */
static gboolean
strace_works (void)
{
  const char *argv[] = { NULL, "-qq", "-o", "/dev/null", "true", NULL };
  int status = -1;

  strace_path = g_find_program_in_path ("strace");
  if (strace_path == NULL)
    return FALSE;
  argv[0] = strace_path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!strace_works ())
    {
      g_test_skip ("strace is missing or may not trace here");
      return g_test_run ();
    }
  g_test_add ("/cli-export-tempfiles/roster", Fixture, NULL, fixture_setup, test_roster, fixture_teardown);
  g_test_add ("/cli-export-tempfiles/cadre-file", Fixture, NULL, fixture_setup, test_cadre_file,
              fixture_teardown);
  return g_test_run ();
}
