/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-attachments"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"

/* The private runtime directory of this test program (XDG_RUNTIME_DIR). */
static char *runtime_dir;

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   cadre_a;
  gint64   cadre_b;
  gint64   entry_a;
} Fixture;

static gint64
add_unit (Fixture    *f,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  LdUnitSpec spec = { .parent_id = 0, .name = name, .kind = "government-organ" };
  gint64 id = 0;

  ld_unit_repository_create (f->vault, &spec, &id, &error);
  g_assert_no_error (error);
  return id;
}

/* A file of LEN pseudo-random bytes in the fixture's folder. */
static char *
write_file (Fixture    *f,
            const char *name,
            gsize       len)
{
  g_autofree guint8 *data = g_malloc (len + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  char *path = g_build_filename (f->dir, name, NULL);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, NULL));
  return path;
}

/* sec, boss (investigator, every unit), inv (investigator, unit A),
 * viewer; a cadre in A with one entry, a cadre in B; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 unit_a, unit_b;

  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  unit_a = add_unit (f, "Dept A");
  unit_b = add_unit (f, "Dept B");
  ld_test_grant_scope (f->vault, "inv", unit_a);
  ld_test_login (f->vault, "boss");
  f->cadre_a = ld_test_add_cadre (f->vault, unit_a, "张三", ID_F_1949);
  f->cadre_b = ld_test_add_cadre (f->vault, unit_b, "李四", ID_X_1980);
  ld_file_entry_spec_init (&spec, "Z");
  spec.entry_date = g_strdup ("2024-01-02");
  ld_file_entry_spec_set (&spec, "title", "Signed form");
  ld_file_entry_repository_create (f->vault, f->cadre_a, &spec, &f->entry_a, &error);
  g_assert_no_error (error);
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

static char *
temp_root (void)
{
  return g_build_filename (runtime_dir, "liandang-attachments", NULL);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(LdFileEntry) entry = NULL;
  g_autofree char *path = write_file (f, "scan.bin", 100000);
  g_autofree char *sum = ld_test_file_sha256 (path);
  g_autofree char *copy = g_build_filename (f->dir, "copy.bin", NULL);
  g_autofree char *copy_sum = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *after = NULL;
  g_autofree char *details = NULL;
  LdAttachment *a;
  gint64 id = 0, pdf_id = 0, n_versions;

  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
  g_assert_true (ld_attachment_repository_add (f->vault, "entry", f->entry_a, path, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions + 1);
  after = ld_sql_query_text (_ld_vault_get_db (f->vault),
                             "SELECT after FROM cadre_versions WHERE event = 'attachment.added'", NULL);
  g_assert_nonnull (strstr (after, "attachment.name=scan.bin\n"));
  details = ld_sql_query_text (_ld_vault_get_db (f->vault),
                               "SELECT details FROM audit_log WHERE event = 'attachment.added'", NULL);
  g_assert_nonnull (strstr (details, sum));
  g_assert_null (strstr (details, "scan.bin"));

  /* A PDF on the file itself is typed by its bytes. */
  pdf = g_build_filename (f->dir, "report", NULL);
  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", -1, NULL));
  g_assert_true (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, pdf, &pdf_id, &error));
  g_assert_no_error (error);

  list = ld_attachment_repository_list (f->vault, "entry", f->entry_a, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->id, ==, id);
  g_assert_cmpstr (a->owner_type, ==, "entry");
  g_assert_cmpint (a->owner_id, ==, f->entry_a);
  g_assert_cmpint (a->cadre_id, ==, f->cadre_a);
  g_assert_cmpstr (a->name, ==, "scan.bin");
  g_assert_cmpint (a->size, ==, 100000);
  g_assert_cmpstr (a->sha256, ==, sum);
  g_assert_cmpstr (a->account, ==, "boss");
  g_assert_cmpint (a->retired_at, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_attachment_repository_list (f->vault, "cadre", f->cadre_a, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((LdAttachment *) list->pdata[0])->content_type, ==, "application/pdf");
  g_clear_pointer (&list, g_ptr_array_unref);

  entry = ld_file_entry_repository_get (f->vault, f->entry_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_file_entry_get_n_attachments (entry), ==, 1);

  /* Saving a copy outside the vault is an export. */
  g_assert_false (ld_attachment_repository_save_as (f->vault, id, copy, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  ld_test_login (f->vault, "sec");
  ld_user_repository_set_grant (f->vault, "boss", LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
  g_assert_true (ld_attachment_repository_save_as (f->vault, id, copy, &error));
  g_assert_no_error (error);
  copy_sum = ld_test_file_sha256 (copy);
  g_assert_cmpstr (copy_sum, ==, sum);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'attachment.saved'"), ==, 1);

  /* Unknown owners. */
  g_assert_false (ld_attachment_repository_add (f->vault, "unit", 1, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "entry", 9999, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_size_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_build_filename (f->dir, "big.tif", NULL);
  g_autofree char *limit = ld_attachment_format_size (LD_ATTACHMENT_MAX_SIZE);
  gint64 n_audit, n_versions;
  int fd;

  /* A sparse file one byte over the cap: refused before reading it. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, LD_ATTACHMENT_MAX_SIZE + 1), ==, 0);
  close (fd);
  n_audit = ld_test_audit_count (f->vault);
  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, big, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, limit));
  g_clear_error (&error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);

  /* Exactly the cap is accepted. */
  g_assert_cmpint (truncate (big, LD_ATTACHMENT_MAX_SIZE), ==, 0);
  g_assert_true (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, big, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT max (size) FROM attachments"), ==, LD_ATTACHMENT_MAX_SIZE);
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *locked = write_file (f, "locked.pdf", 10);

  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, missing, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.pdf"));
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, f->dir, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  if (getuid () != 0)
    {
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, locked, NULL, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM attachments"), ==, 0);
}

static void
test_temp_copies (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "申报表.pdf", 5000);
  g_autofree char *original = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *second = NULL;
  g_autofree char *root = temp_root ();
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  struct stat st;
  gsize len, original_len;
  gint64 id = 0;

  g_assert_true (ld_attachment_repository_add (f->vault, "entry", f->entry_a, path, &id, &error));
  g_assert_no_error (error);

  temp = ld_attachment_repository_open_temp (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (temp);
  g_assert_true (g_str_has_prefix (temp, root));
  base = g_path_get_basename (temp);
  g_assert_cmpstr (base, ==, "申报表.pdf");
  g_assert_cmpint (g_stat (temp, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  parent = g_path_get_dirname (temp);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_get_contents (temp, &contents, &len, NULL));
  g_assert_true (g_file_get_contents (path, &original, &original_len, NULL));
  g_assert_cmpmem (contents, len, original, original_len);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'attachment.opened'"), ==, 1);

  /* remove_temp removes the file and its folder. */
  ld_attachment_remove_temp (temp);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));

  /* clean_temp removes every copy and the private folder. */
  g_clear_pointer (&temp, g_free);
  temp = ld_attachment_repository_open_temp (f->vault, id, &error);
  g_assert_no_error (error);
  second = ld_attachment_repository_open_temp (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (temp, !=, second);
  ld_attachment_clean_temp ();
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));

  /* Locking the vault cleans up too. */
  g_clear_pointer (&temp, g_free);
  temp = ld_attachment_repository_open_temp (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (temp, G_FILE_TEST_EXISTS));
  ld_vault_lock (f->vault, "idle");
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
  ld_test_login (f->vault, "boss");

  /* A path outside the private folder is never touched. */
  g_test_expect_message ("ld-attachment-repository", G_LOG_LEVEL_WARNING, "*not a temporary attachment copy*");
  ld_attachment_remove_temp (path);
  g_test_assert_expected_messages ();
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = write_file (f, "form.pdf", 1000);
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  g_autofree char *temp = NULL;
  gint64 in_b = 0, in_a = 0, n_versions;

  g_assert_true (ld_attachment_repository_add (f->vault, "cadre", f->cadre_b, path, &in_b, &error));
  g_assert_no_error (error);
  g_assert_true (ld_attachment_repository_add (f->vault, "entry", f->entry_a, path, &in_a, &error));
  g_assert_no_error (error);
  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");

  /* inv sees unit A only. */
  ld_test_login (f->vault, "inv");
  list = ld_attachment_repository_list (f->vault, "cadre", f->cadre_b, TRUE, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  temp = ld_attachment_repository_open_temp (f->vault, in_b, &error);
  g_assert_null (temp);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_retire (f->vault, in_b, "Not mine", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_save_as (f->vault, in_b, copy, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  list = ld_attachment_repository_list (f->vault, "entry", f->entry_a, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The viewer reads, never adds or retires. */
  ld_test_login (f->vault, "viewer");
  list = ld_attachment_repository_list (f->vault, "cadre", f->cadre_b, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_retire (f->vault, in_b, "No", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, "boss");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions);
}

static void
test_retire (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = write_file (f, "old.pdf", 100);
  g_autofree char *temp = NULL;
  gint64 id = 0, other = 0;

  g_assert_true (ld_attachment_repository_add (f->vault, "entry", f->entry_a, path, &id, &error));
  g_assert_no_error (error);
  g_assert_false (ld_attachment_repository_retire (f->vault, id, "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_attachment_repository_retire (f->vault, id, "Wrong file", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions WHERE event = 'attachment.retired'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'attachment.retired'"), ==, 1);
  g_assert_false (ld_attachment_repository_retire (f->vault, id, "Again", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  list = ld_attachment_repository_list (f->vault, "entry", f->entry_a, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_attachment_repository_list (f->vault, "entry", f->entry_a, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((LdAttachment *) list->pdata[0])->retired_at, >, 0);
  /* Kept in the vault and still readable. */
  temp = ld_attachment_repository_open_temp (f->vault, id, &error);
  g_assert_no_error (error);
  ld_attachment_remove_temp (temp);

  /* A retired entry and a retired file take no attachments. */
  g_assert_true (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, path, &other, &error));
  g_assert_true (ld_file_entry_repository_retire (f->vault, f->entry_a, "Duplicate", &error));
  g_assert_no_error (error);
  g_assert_false (ld_attachment_repository_add (f->vault, "entry", f->entry_a, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_cadre_repository_retire (f->vault, f->cadre_a, "Left", &error));
  g_assert_no_error (error);
  g_assert_false (ld_attachment_repository_add (f->vault, "cadre", f->cadre_a, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_retire (f->vault, other, "Tidy", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Temporary copies go under XDG_RUNTIME_DIR: give this run its own. */
  runtime_dir = g_dir_make_tmp ("liandang-runtime-XXXXXX", NULL);
  g_assert_nonnull (runtime_dir);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachments/round-trip", Fixture, NULL, setup, test_round_trip, teardown);
  g_test_add ("/attachments/size-cap", Fixture, NULL, setup, test_size_cap, teardown);
  g_test_add ("/attachments/unreadable", Fixture, NULL, setup, test_unreadable, teardown);
  g_test_add ("/attachments/temp-copies", Fixture, NULL, setup, test_temp_copies, teardown);
  g_test_add ("/attachments/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/attachments/retire", Fixture, NULL, setup, test_retire, teardown);

  status = g_test_run ();
  ld_test_rmdir (runtime_dir);
  g_free (runtime_dir);
  return status;
}
