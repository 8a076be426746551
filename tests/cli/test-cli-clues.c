/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-clues"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"

#include "ld-cli-test-utils.h"

/* Drives the built liandang-cli (path in $LIANDANG_CLI) through GSubprocess
 * for the clue commands, each test in its own temporary vault. Petitions
 * are put in the vault directly (their commands are another part's). */

typedef struct
{
  CliFixture cli;
  char      *unit_a;
  char      *unit_b;
  char      *cadre_a;
  char      *cadre_b;
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A), viewer
 * (every unit); units A and B with a cadre each. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cli_fixture_init (&f->cli, "liandang-cli-clues-XXXXXX");
  init_vault (&f->cli);
  add_account (&f->cli, "sec", "secadmin");
  add_account (&f->cli, "boss", "investigator");
  add_account (&f->cli, "inv", "investigator");
  add_account (&f->cli, "viewer", "viewer");
  g_free (run_ok (&f->cli, "sec", "user", "scope", "boss", "all", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "viewer", "all", NULL));
  f->unit_a = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "财政局", NULL));
  f->unit_b = g_strstrip (run_ok (&f->cli, "boss", "unit", "add", "教育局", NULL));
  g_free (run_ok (&f->cli, "sec", "user", "scope", "inv", f->unit_a, NULL));
  f->cadre_a = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "张三丰", "--id-number",
                                   "11010519491231002X", "--unit", f->unit_a, NULL));
  f->cadre_b = g_strstrip (run_ok (&f->cli, "boss", "cadre", "add", "--name", "李四", "--id-number",
                                   "34052419800101001X", "--unit", f->unit_b, NULL));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_clear (&f->cli);
  g_free (f->unit_a);
  g_free (f->unit_b);
  g_free (f->cadre_a);
  g_free (f->cadre_b);
}

/* Runs sql on the vault as the administrator, behind the tool's back; with
 * a query, returns the text of its first column (else NULL). */
static char *
vault_sql (Fixture    *f,
           const char *sql,
           gboolean    query)
{
  g_autoptr(LdVault) vault = ld_vault_new (f->cli.vault);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ld_vault_unlock (vault, ADMIN, ADMIN_PW, &error);
  g_assert_no_error (error);
  if (query)
    text = ld_sql_query_text (_ld_vault_get_db (vault), sql, &error);
  else
    ld_sql_exec (_ld_vault_get_db (vault), sql, &error);
  g_assert_no_error (error);
  ld_vault_lock (vault, "exit");
  return text;
}

static char *
add_petition (Fixture    *f,
              const char *reg_no,
              const char *unit,
              const char *cadre)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, real_name, categories, summary, status,"
    " account, created_at, updated_at) VALUES ('%s', %s, 'accusation', 'CH_LETTER', '2026-02-26', 1, 'INT',"
    " '反映违规收受礼金', 'registered', 'boss', 1, 1);"
    "INSERT INTO petition_persons (petition_id, cadre_id) VALUES (last_insert_rowid (), %s);",
    reg_no, unit, cadre);
  g_autofree char *query = g_strdup_printf ("SELECT id FROM petitions WHERE reg_no = '%s'", reg_no);

  g_free (vault_sql (f, sql, FALSE));
  return vault_sql (f, query, TRUE);
}

static char *
petition_state (Fixture    *f,
                const char *id)
{
  g_autofree char *query = g_strdup_printf ("SELECT status || ' ' || closed_date || ' ' || result FROM petitions"
                                            " WHERE id = %s", id);

  return vault_sql (f, query, TRUE);
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
  return NULL;
}

static guint
n_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  return n;
}

static void
test_petition_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *petition = NULL;
  g_autofree char *clue = NULL;
  g_autofree char *out = NULL;
  g_autofree char *state = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;

  /* A holiday inside the 15 working days after Monday 2026-03-02. */
  g_free (run_ok (&f->cli, "boss", "calendar", "set", "2026-03-10", "holiday", "--name", "测试假日", NULL));

  petition = add_petition (f, "2026-0001", f->unit_a, f->cadre_a);
  clue = g_strstrip (run_ok (&f->cli, "boss", "clue", "from-petition", petition, NULL));
  state = petition_state (f, petition);
  g_assert_cmpstr (state, ==, "accepted  ");

  out = run_ok (&f->cli, "boss", "clue", "dispose", clue, "talk-letter", "--approved-by", "王书记",
                "--approved-date", "2026-03-02", "--note", "经集体研究", NULL);
  assert_contains (out, "2026-03-24");
  g_clear_pointer (&out, g_free);

  g_free (run_ok (&f->cli, "boss", "clue", "step", clue, "--date", "2026-03-03", "--action", "寄送函询通知书", NULL));
  g_free (run_ok (&f->cli, "boss", "clue", "step", clue, "--date", "2026-03-16", "--action", "收到书面说明",
                  "--note", "已签字", NULL));

  /* Overdue on the 25th, not on the 24th. */
  out = run_ok (&f->cli, "boss", "clue", "list", "--overdue", "2026-03-24", NULL);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "clue", "list", "--overdue", "2026-03-25", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);

  /* The clearing needs its date. */
  run_fails (&f->cli, "boss", 2, "--clearing-date", "clue", "close", clue, "--result", "unfounded", "--date",
             "2026-03-20", "--clearing", "会上澄清", NULL);
  g_free (run_ok (&f->cli, "boss", "clue", "close", clue, "--result", "unfounded", "--date", "2026-03-20",
                  "--clearing", "在单位会议上澄清正名", "--clearing-date", "2026-03-25", NULL));
  g_clear_pointer (&state, g_free);
  state = petition_state (f, petition);
  g_assert_cmpstr (state, ==, "closed 2026-03-20 unfounded");

  out = run_ok (&f->cli, "boss", "clue", "list", NULL);
  line = line_of (out, clue);
  g_assert_nonnull (line);
  expected = g_strconcat (clue, "\t2026-X0001\t2026-02-26\t财政局\t张三丰\tCH_LETTER\tclosed\ttalk-letter\t2026-03-24"
                          "\tunfounded\tactive", NULL);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&out, g_free);

  out = run_ok (&f->cli, "boss", "clue", "show", clue, NULL);
  assert_contains (out, "2026-X0001");
  assert_contains (out, "2026-0001");
  assert_contains (out, "王书记");
  assert_contains (out, "2026-03-24");
  assert_contains (out, "寄送函询通知书");
  assert_contains (out, "已签字");
  assert_contains (out, "在单位会议上澄清正名");
  assert_contains (out, "clue.disposed");
  assert_contains (out, "clue.closed");
  g_clear_pointer (&out, g_free);

  /* Closed is final: refused, exit 6. */
  run_fails (&f->cli, "boss", 6, NULL, "clue", "dispose", clue, "verify", "--approved-by", "王书记",
             "--approved-date", "2026-04-01", NULL);
  run_fails (&f->cli, "boss", 6, NULL, "clue", "close", clue, "--result", "founded", "--date", "2026-04-01", NULL);
  /* A closed petition takes no new clue. */
  run_fails (&f->cli, "boss", 6, NULL, "clue", "from-petition", petition, NULL);
  out = run_ok (&f->cli, "boss", "clue", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
}

static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *clue = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;

  clue = g_strstrip (run_ok (&f->cli, "boss", "clue", "add", "--source", "SRC_INSPECTION", "--received",
                             "2026-03-20", "--cadre", f->cadre_a, "--summary", "巡察移交：违规公款吃喝",
                             "--category", "HS1", NULL));
  out = run_ok (&f->cli, "boss", "clue", "dispose", clue, "verify", "--approved-by", "王书记", "--approved-date",
                "2026-03-31", NULL);
  assert_contains (out, "2026-06-30");
  g_clear_pointer (&out, g_free);

  g_free (run_ok (&f->cli, "boss", "clue", "dispose", clue, "hold", "--approved-by", "王书记", "--approved-date",
                  "2026-04-10", NULL));
  g_free (run_ok (&f->cli, "boss", "clue", "review", clue, "--date", "2026-10-01", NULL));
  out = run_ok (&f->cli, "boss", "clue", "list", "--status", "held", NULL);
  line = line_of (out, clue);
  g_assert_nonnull (line);
  assert_contains (line, "\theld\thold\t\t\tactive");
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "clue", "show", clue, NULL);
  assert_contains (out, "2026-10-01");
  g_clear_pointer (&out, g_free);

  /* Illegal: hold a held clue; 予以了结 by dispose; unknown mode. */
  run_fails (&f->cli, "boss", 6, NULL, "clue", "dispose", clue, "hold", "--approved-by", "王书记",
             "--approved-date", "2026-05-01", NULL);
  run_fails (&f->cli, "boss", 6, "clue close", "clue", "dispose", clue, "close", "--approved-by", "王书记",
             "--approved-date", "2026-05-01", NULL);
  run_fails (&f->cli, "boss", 6, "sideways", "clue", "dispose", clue, "sideways", "--approved-by", "王书记",
             "--approved-date", "2026-05-01", NULL);
  /* Usage errors. */
  run_fails (&f->cli, "boss", 2, "--approved-by", "clue", "dispose", clue, "verify", "--approved-date", "2026-05-01",
             NULL);
  run_fails (&f->cli, "boss", 2, NULL, "clue", "dispose", "x", "verify", "--approved-by", "王书记",
             "--approved-date", "2026-05-01", NULL);
  run_fails (&f->cli, "boss", 2, "--cadre", "clue", "add", "--source", "SRC_AUDIT", "--received", "2026-03-20",
             "--summary", "无人", NULL);
  run_fails (&f->cli, "boss", 6, "2026-02-30", "clue", "add", "--source", "SRC_AUDIT", "--received", "2026-02-30",
             "--person", "王五", "--unit", f->unit_a, "--summary", "日期错", NULL);
  out = run_ok (&f->cli, "boss", "clue", "list", "--status", "held", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);

  /* Reactivated, then closed founded. */
  g_free (run_ok (&f->cli, "boss", "clue", "dispose", clue, "谈话函询", "--approved-by", "李书记", "--approved-date",
                  "2026-09-01", NULL));
  g_free (run_ok (&f->cli, "boss", "clue", "close", clue, "--result", "founded", "--date", "2026-10-15", NULL));
  out = run_ok (&f->cli, "boss", "clue", "list", "--status", "closed", NULL);
  g_clear_pointer (&line, g_free);
  line = line_of (out, clue);
  g_assert_nonnull (line);
  assert_contains (line, "\tclosed\ttalk-letter\t");
  assert_contains (line, "\tfounded\tactive");
}

static void
test_scope_roles (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;
  g_autofree char *out = NULL;

  in_a = g_strstrip (run_ok (&f->cli, "boss", "clue", "add", "--source", "SRC_AUDIT", "--received", "2026-03-02",
                             "--person", "王五", "--unit", f->unit_a, "--summary", "审计移交", NULL));
  in_b = g_strstrip (run_ok (&f->cli, "boss", "clue", "add", "--source", "审计移交", "--received", "2026-03-03",
                             "--cadre", f->cadre_b, "--summary", "B 的线索", NULL));

  /* inv sees unit A only. */
  out = run_ok (&f->cli, "inv", "clue", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_assert_true (g_str_has_prefix (out, in_a));
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "inv", 6, NULL, "clue", "show", in_b, NULL);
  run_fails (&f->cli, "inv", 6, NULL, "clue", "step", in_b, "--date", "2026-03-05", "--action", "越权", NULL);
  run_fails (&f->cli, "inv", 6, NULL, "clue", "add", "--source", "SRC_AUDIT", "--received", "2026-03-02",
             "--cadre", f->cadre_b, "--summary", "越权", NULL);

  /* The viewer reads but does not write. */
  out = run_ok (&f->cli, "viewer", "clue", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 2);
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "viewer", 5, NULL, "clue", "dispose", in_a, "verify", "--approved-by", "王书记",
             "--approved-date", "2026-03-04", NULL);
  run_fails (&f->cli, "viewer", 5, NULL, "clue", "retire", in_a, "--reason", "不要", NULL);

  /* Retire: gone from the list, back with --all. */
  run_fails (&f->cli, "boss", 2, "--reason", "clue", "retire", in_a, NULL);
  g_free (run_ok (&f->cli, "boss", "clue", "retire", in_a, "--reason", "重复登记", NULL));
  out = run_ok (&f->cli, "boss", "clue", "list", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_ok (&f->cli, "boss", "clue", "list", "--all", "--text", "审计", NULL);
  g_assert_cmpuint (n_lines (out), ==, 1);
  assert_contains (out, "\tretired");
  g_clear_pointer (&out, g_free);
  run_fails (&f->cli, "boss", 6, NULL, "clue", "dispose", in_a, "verify", "--approved-by", "王书记",
             "--approved-date", "2026-03-04", NULL);

  /* A pending clue closed (予以了结) with its approval. */
  run_fails (&f->cli, "boss", 2, "--approved-date", "clue", "close", in_b, "--result", "uncheckable", "--date",
             "2026-03-10", "--approved-by", "王书记", NULL);
  g_free (run_ok (&f->cli, "boss", "clue", "close", in_b, "--result", "uncheckable", "--date", "2026-03-10",
                  "--approved-by", "王书记", "--approved-date", "2026-03-09", NULL));
  out = run_ok (&f->cli, "boss", "clue", "show", in_b, NULL);
  assert_contains (out, "王书记");
  assert_contains (out, "2026-03-09");
  assert_contains (out, "(close)");
  g_clear_pointer (&out, g_free);

  /* Codes without a vault session. */
  out = run_ok (&f->cli, "boss", "clue", "codes", NULL);
  assert_contains (out, "SRC_INSPECTION");
  assert_contains (out, "talk-letter");
  assert_contains (out, "uncheckable");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-clues/petition-path", Fixture, NULL, fixture_setup, test_petition_path, fixture_teardown);
  g_test_add ("/cli-clues/moves", Fixture, NULL, fixture_setup, test_moves, fixture_teardown);
  g_test_add ("/cli-clues/scope-roles", Fixture, NULL, fixture_setup, test_scope_roles, fixture_teardown);

  return g_test_run ();
}
