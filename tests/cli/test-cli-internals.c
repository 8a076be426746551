/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-internals"

#include "config.h"

#include "ld-cli-password.h"
#include "ld-cli-table.h"
#include "ld-error.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* The CLI's pieces that need no vault: text width and tables, and reading
 * passwords line by line without consuming what follows. */

static void
test_width (void)
{
  g_assert_cmpuint (ld_cli_text_width (""), ==, 0);
  g_assert_cmpuint (ld_cli_text_width (NULL), ==, 0);
  g_assert_cmpuint (ld_cli_text_width ("abc"), ==, 3);
  g_assert_cmpuint (ld_cli_text_width ("张伟"), ==, 4);
  g_assert_cmpuint (ld_cli_text_width ("系统管理员 x"), ==, 12);
  /* e + combining acute accent is one column. */
  g_assert_cmpuint (ld_cli_text_width ("e\xcc\x81"), ==, 1);
}

static void
test_sanitize (void)
{
  g_autofree char *plain = ld_cli_text_sanitize ("plain 文本");
  g_autofree char *controls = ld_cli_text_sanitize ("a\nb\tc\x1b[31m");
  g_autofree char *invalid = ld_cli_text_sanitize ("ab\xff");
  g_autofree char *bidi = ld_cli_text_sanitize ("x\xe2\x80\xaey");

  g_assert_cmpstr (plain, ==, "plain 文本");
  g_assert_cmpstr (controls, ==, "a\\nb\\tc\\u001B[31m");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "ab"));
  g_assert_cmpstr (bidi, ==, "x\\u202Ey");
}

static void
test_table (void)
{
  g_autoptr(LdCliTable) table = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  table = ld_cli_table_new (3, "Name", "N", "Role");
  ld_cli_table_set_right_aligned (table, 1);
  ld_cli_table_add_row (table, "张伟", "7", "viewer");
  ld_cli_table_add_row (table, "bob", "12", NULL);
  g_assert_cmpuint (ld_cli_table_get_n_rows (table), ==, 2);

  text = ld_cli_table_to_string (table);
  lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "Name   N  Role");
  g_assert_cmpstr (lines[1], ==, "----  --  ------");
  g_assert_cmpstr (lines[2], ==, "张伟   7  viewer");
  /* No trailing spaces for an empty last cell. */
  g_assert_cmpstr (lines[3], ==, "bob   12");
  g_assert_cmpstr (lines[4], ==, "");

  /* Columns line up on screen: the same display width before "Role". */
  g_assert_cmpuint (ld_cli_text_width ("张伟   7  "), ==, ld_cli_text_width ("Name   N  "));
}

static void
test_wrap (void)
{
  g_autofree char *prose = ld_cli_text_wrap ("one two three four five six", 13);
  g_autofree char *list = ld_cli_text_wrap ("  key    a long description here\n  k2     short", 24);
  g_autofree char *cjk = ld_cli_text_wrap ("密码从标准输入读取", 10);
  g_autofree char *kept = ld_cli_text_wrap ("short line\n\nnext", 40);

  g_assert_cmpstr (prose, ==, "one two three\nfour five six");
  /* Continuation lines of a "key  description" list start under the description. */
  g_assert_cmpstr (list, ==,
                   "  key    a long\n         description\n         here\n  k2     short");
  /* CJK text breaks between characters. */
  g_assert_cmpstr (cjk, ==, "密码从标准\n输入读取");
  g_assert_cmpstr (kept, ==, "short line\n\nnext");
}

static int
pipe_with (const char *data)
{
  int fds[2];

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], data, strlen (data)), ==, (gssize) strlen (data));
  close (fds[1]);

  return fds[0];
}

static void
test_read_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) first = NULL;
  g_autoptr(LdCliSecret) second = NULL;
  g_autoptr(LdCliSecret) third = NULL;
  g_autoptr(LdCliSecret) none = NULL;
  int fd = pipe_with ("old pass\r\nnew pass\nlast");

  first = ld_cli_secret_read_fd (fd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "old pass");

  second = ld_cli_secret_read_fd (fd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "new pass");

  /* The last line needs no newline. */
  third = ld_cli_secret_read_fd (fd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "last");

  none = ld_cli_secret_read_fd (fd, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_USAGE);
  g_assert_null (none);

  close (fd);
}

static void
test_read_empty_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) empty = NULL;
  int fd = pipe_with ("\n");

  empty = ld_cli_secret_read_fd (fd, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
  close (fd);
}

static void
test_read_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) secret = NULL;
  g_autoptr(LdCliSecret) next = NULL;
  g_autofree char *data = NULL;
  char *filler = g_strnfill (LD_CLI_SECRET_MAX + 1, 'x');
  int fds[2];

  data = g_strconcat (filler, "\nnext\n", NULL);
  g_free (filler);

  /* More than a pipe buffer may hold is not needed: 1 KiB fits. */
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], data, strlen (data)), ==, (gssize) strlen (data));
  close (fds[1]);

  secret = ld_cli_secret_read_fd (fds[0], &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_null (secret);
  g_clear_error (&error);

  /* The overlong line was consumed whole. */
  next = ld_cli_secret_read_fd (fds[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "next");
  close (fds[0]);
}

static void
test_read_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdCliSecret) secret = NULL;
  g_autoptr(LdCliSecret) missing = NULL;
  g_autoptr(LdCliSecret) empty = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ld-cli-internals-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pw", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing", NULL);

  g_assert_no_error (error);
  g_file_set_contents (path, "密码 Secret-1\nsecond line\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty_path, "", 0, &error);
  g_assert_no_error (error);

  secret = ld_cli_secret_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "密码 Secret-1");

  empty = ld_cli_secret_read_file (empty_path, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_USAGE);
  g_assert_null (empty);
  g_clear_error (&error);

  missing = ld_cli_secret_read_file (missing_path, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_FAILED);
  g_assert_null (missing);

  g_unlink (path);
  g_unlink (empty_path);
  g_rmdir (dir);
}

static void
test_equal (void)
{
  g_autoptr(LdCliSecret) a = NULL;
  g_autoptr(LdCliSecret) b = NULL;
  g_autoptr(LdCliSecret) c = NULL;
  int fd = pipe_with ("same\nsame\nsamE\n");

  a = ld_cli_secret_read_fd (fd, NULL);
  b = ld_cli_secret_read_fd (fd, NULL);
  c = ld_cli_secret_read_fd (fd, NULL);
  close (fd);

  g_assert_true (ld_cli_secret_equal (a, b));
  g_assert_false (ld_cli_secret_equal (a, c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/table/width", test_width);
  g_test_add_func ("/cli/table/sanitize", test_sanitize);
  g_test_add_func ("/cli/table/layout", test_table);
  g_test_add_func ("/cli/table/wrap", test_wrap);
  g_test_add_func ("/cli/password/read-lines", test_read_lines);
  g_test_add_func ("/cli/password/empty-line", test_read_empty_line);
  g_test_add_func ("/cli/password/too-long", test_read_too_long);
  g_test_add_func ("/cli/password/file", test_read_file);
  g_test_add_func ("/cli/password/equal", test_equal);

  return g_test_run ();
}
