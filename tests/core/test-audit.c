/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-user-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

typedef struct
{
  char    *tmp;
  LdVault *vault;
} Fixture;

/* A vault with an auditor and a dozen entries; left open as the auditor. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->tmp);
  ld_user_repository_add (f->vault, "viewer1", LD_ROLE_VIEWER, "Initial-Pass-1", LD_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_disabled (f->vault, "viewer1", TRUE, &error);
  g_assert_no_error (error);
  ld_user_repository_set_disabled (f->vault, "viewer1", FALSE, &error);
  g_assert_no_error (error);
  ld_vault_lock (f->vault, "manual");
  ld_test_login (f->vault, LD_TEST_ADMIN);
  ld_test_add_and_login (f->vault, "aud", LD_ROLE_AUDITOR);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->vault);
  ld_test_rmdir (f->tmp);
  g_free (f->tmp);
}

static gint64
verify (Fixture *f)
{
  LdAuditReport report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 bad;

  ld_audit_verify (f->vault, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, >, 0);
  bad = report.first_bad_seq;
  if (bad != 0)
    g_assert_nonnull (report.problem);
  ld_audit_report_clear (&report);
  return bad;
}

static void
raw (Fixture    *f,
     const char *sql)
{
  g_autoptr(GError) error = NULL;
  ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error);
  g_assert_no_error (error);
}

static void
test_intact (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = ld_test_audit_count (f->vault);

  g_assert_cmpint (verify (f), ==, 0);
  /* Verification is itself recorded. */
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, before + 1);
  entries = ld_audit_list (f->vault, &(LdAuditFilter) { .event = LD_AUDIT_AUDIT_VERIFIED }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ld_audit_entry_get_outcome (g_ptr_array_index (entries, 0)), ==, "ok");
  g_assert_cmpstr (ld_audit_entry_get_account (g_ptr_array_index (entries, 0)), ==, "aud");
  /* And again, still intact. */
  g_assert_cmpint (verify (f), ==, 0);
}

static void
test_events_recorded (Fixture       *f,
                      gconstpointer  data)
{
  const char *expected[] = { "vault.created", "account.created", "account.disabled", "account.enabled",
                             "vault.locked", "vault.opened", "login.ok", "password.changed" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ld_audit_list (f->vault, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;
      for (guint j = 0; j < all->len && !found; j++)
        found = g_str_equal (ld_audit_entry_get_event (g_ptr_array_index (all, j)), expected[i]);
      if (!found)
        g_error ("event %s missing from the trail", expected[i]);
      g_assert_cmpstr (ld_audit_event_get_label (expected[i]), !=, expected[i]);
    }
  /* Newest first, contiguous. */
  for (guint j = 1; j < all->len; j++)
    g_assert_cmpint (ld_audit_entry_get_seq (g_ptr_array_index (all, j - 1)), ==,
                     ld_audit_entry_get_seq (g_ptr_array_index (all, j)) + 1);

  /* Filters. */
  {
    g_autoptr(GPtrArray) mine = ld_audit_list (f->vault, &(LdAuditFilter) { .account = "AUD" }, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, >, 0);
    for (guint j = 0; j < mine->len; j++)
      g_assert_cmpstr (ld_audit_entry_get_account (g_ptr_array_index (mine, j)), ==, "aud");
  }
  {
    g_autoptr(GPtrArray) two = ld_audit_list (f->vault, &(LdAuditFilter) { .limit = 2 }, &error);
    g_assert_cmpuint (two->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) future = ld_audit_list (f->vault,
                                                 &(LdAuditFilter) { .since = g_get_real_time () / G_USEC_PER_SEC + 3600 },
                                                 &error);
    g_assert_cmpuint (future->len, ==, 0);
  }
}

static void
test_triggers_refuse (Fixture       *f,
                      gconstpointer  data)
{
  sqlite3 *db = _ld_vault_get_db (f->vault);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET details = 'x' WHERE seq = 2", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE seq = 2", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (verify (f), ==, 0);
}

static void
test_edited_entry (Fixture       *f,
                   gconstpointer  data)
{
  raw (f, "DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET details = 'role=viewer (edited)' WHERE seq = 3");
  g_assert_cmpint (verify (f), ==, 3);
}

static void
test_edited_time (Fixture       *f,
                  gconstpointer  data)
{
  raw (f, "DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET ts_utc = ts_utc - 86400000000 WHERE seq = 5");
  g_assert_cmpint (verify (f), ==, 5);
}

static void
test_deleted_entry (Fixture       *f,
                    gconstpointer  data)
{
  raw (f, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4");
  g_assert_cmpint (verify (f), ==, 4);
}

static void
test_deleted_and_renumbered (Fixture       *f,
                             gconstpointer  data)
{
  /* Deleting 4 and closing the gap by renumbering breaks the links. */
  raw (f, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;"
          "DELETE FROM audit_log WHERE seq = 4;"
          "UPDATE audit_log SET seq = seq - 1 WHERE seq > 4");
  g_assert_cmpint (verify (f), ==, 4);
}

static void
test_reordered (Fixture       *f,
                gconstpointer  data)
{
  /* Swap the contents of entries 2 and 3 (hashes travel with them). */
  raw (f, "DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET seq = -2 WHERE seq = 2;"
          "UPDATE audit_log SET seq = 2 WHERE seq = 3;"
          "UPDATE audit_log SET seq = 3 WHERE seq = -2");
  g_assert_cmpint (verify (f), ==, 2);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  gint64 last = 0;

  ld_sql_query_int64 (_ld_vault_get_db (f->vault), "SELECT max(seq) FROM audit_log", 0, &last, NULL);
  raw (f, "DROP TRIGGER audit_log_no_delete;"
          "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)");
  g_assert_cmpint (verify (f), ==, last - 2);
  /* Later entries do not hide the cut: the gap stays. */
  g_assert_cmpint (verify (f), ==, last - 2);
}

static void
test_forged_without_key (Fixture       *f,
                         gconstpointer  data)
{
  /* Rewrite entry 3 and recompute a plausible hash chain from it on, but
   * without the vault's MAC key: the seal gives it away. */
  sqlite3 *db = _ld_vault_get_db (f->vault);
  guint8 fake_mac[32];

  memset (fake_mac, 0xab, sizeof fake_mac);
  raw (f, "DROP TRIGGER audit_log_no_update;");
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    stmt = ld_sql_prepare (db, "UPDATE audit_log SET mac = ? WHERE seq = 3", NULL);
    sqlite3_bind_blob (stmt, 1, fake_mac, sizeof fake_mac, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  }
  g_assert_cmpint (verify (f), ==, 3);
}

static void
test_head_tampered (Fixture       *f,
                    gconstpointer  data)
{
  raw (f, "UPDATE audit_head SET seq = seq - 2");
  g_assert_cmpint (verify (f), !=, 0);
}

static const char *
label_of (GPtrArray  *entries,
          const char *event,
          const char *property)
{
  static char buf[256];

  for (guint i = 0; i < entries->len; i++)
    {
      LdAuditEntry *e = g_ptr_array_index (entries, i);
      if (g_str_equal (ld_audit_entry_get_event (e), event))
        {
          g_autofree char *value = NULL;
          g_object_get (e, property, &value, NULL);
          g_strlcpy (buf, value, sizeof buf);
          return buf;
        }
    }
  return NULL;
}

static void
test_display_labels (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *intact = NULL;
  LdAuditReport report = { 0 };

  g_assert_true (ld_audit_verify (f->vault, &report, &error));
  intact = g_strdup_printf ("Intact, %lld entries checked", (long long) report.n_entries);
  ld_audit_report_clear (&report);
  all = ld_audit_list (f->vault, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (label_of (all, "account.created", "details"), ==, "role=auditor");
  g_assert_cmpstr (label_of (all, "account.created", "details-label"), ==, "Role: Auditor");
  g_assert_cmpstr (label_of (all, "account.created", "object-label"), ==, "Account aud");
  g_assert_cmpstr (label_of (all, "vault.locked", "details-label"), ==, "Program closed");
  g_assert_cmpstr (label_of (all, "vault.locked", "object-label"), ==, "Vault");
  g_assert_cmpstr (label_of (all, "audit.verified", "details-label"), ==, intact);
  g_assert_cmpstr (label_of (all, "login.ok", "outcome-label"), ==, "OK");
  g_assert_cmpstr (label_of (all, "login.ok", "role-label"), ==, "Auditor");
  g_assert_cmpstr (label_of (all, "login.ok", "event-label"), ==, "Signed in");
}

static void
test_only_auditor (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { LD_TEST_ADMIN, "viewer1" };
  g_autoptr(GError) error = NULL;

  ld_vault_lock (f->vault, "manual");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LdAuditReport report = { 0 };

      if (i == 0)
        ld_test_login (f->vault, names[i]);
      else
        {
          g_autofree char *pw = ld_test_password_for (names[i]);
          ld_vault_unlock (f->vault, names[i], "Initial-Pass-1", &error);
          g_assert_no_error (error);
          ld_user_repository_set_password (f->vault, names[i], "Initial-Pass-1", pw, &error);
          g_assert_no_error (error);
        }
      g_assert_null (ld_audit_list (f->vault, NULL, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_false (ld_audit_verify (f->vault, &report, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      ld_vault_lock (f->vault, "manual");
    }
  /* The denials themselves are on record. */
  ld_test_login (f->vault, "aud");
  {
    g_autoptr(GPtrArray) denied = ld_audit_list (f->vault, &(LdAuditFilter) { .event = LD_AUDIT_PERMISSION_DENIED },
                                                 &error);
    g_assert_no_error (error);
    g_assert_cmpuint (denied->len, ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/audit/intact", test_intact);
  ADD ("/audit/events-recorded", test_events_recorded);
  ADD ("/audit/triggers-refuse", test_triggers_refuse);
  ADD ("/audit/edited-entry", test_edited_entry);
  ADD ("/audit/edited-time", test_edited_time);
  ADD ("/audit/deleted-entry", test_deleted_entry);
  ADD ("/audit/deleted-and-renumbered", test_deleted_and_renumbered);
  ADD ("/audit/reordered", test_reordered);
  ADD ("/audit/truncated", test_truncated);
  ADD ("/audit/forged-without-key", test_forged_without_key);
  ADD ("/audit/head-tampered", test_head_tampered);
  ADD ("/audit/only-auditor", test_only_auditor);
  ADD ("/audit/display-labels", test_display_labels);
#undef ADD
  return g_test_run ();
}
