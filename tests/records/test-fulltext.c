/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fulltext"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-fulltext-repository.h"
#include "vault/ld-migrations.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_b;
  gint64   cadre_a;
  gint64   cadre_b;
} Fixture;

/* Admin, sec (secadmin), boss (investigator, every unit), inv
 * (investigator, unit A only), viewer (every unit); units A and B with one
 * cadre each; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
  f->cadre_a = ld_test_add_cadre (f->vault, f->unit_a, "张三", ID_F_1949);
  f->cadre_b = ld_test_add_cadre (f->vault, f->unit_b, "李四", ID_X_1980);
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

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error);
  g_assert_no_error (error);
}

/* Direct inserts into the step-4 tables (the case-record repositories
 * come from other work); the triggers index them all the same. */
static gint64
add_talk (Fixture    *f,
          gint64      unit,
          const char *reg_no,
          const char *reason,
          const char *problems)
{
  g_autofree char *sql = NULL;
  char *r = sqlite3_mprintf ("%Q", reason);
  char *p = sqlite3_mprintf ("%Q", problems);

  sql = g_strdup_printf ("INSERT INTO talks (reg_no, unit_id, type, talk_date, place, talkers, reason, problems,"
                         " account, created_at, updated_at) VALUES ('%s', %" G_GINT64_FORMAT ", 'remind',"
                         " '2026-03-02', '第三会议室', '王五\n赵六', %s, %s, 'boss', 0, 0)",
                         reg_no, unit, r, p);
  sqlite3_free (r);
  sqlite3_free (p);
  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
}

static gint64
add_petition (Fixture    *f,
              gint64      unit,
              const char *reg_no,
              const char *summary,
              const char *full_text)
{
  g_autofree char *sql = NULL;
  char *s = sqlite3_mprintf ("%Q", summary);
  char *t = sqlite3_mprintf ("%Q", full_text);

  sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, real_name, summary,"
                         " full_text, status, account, created_at, updated_at) VALUES ('%s', %" G_GINT64_FORMAT ","
                         " 'accusation', 'CH_LETTER', '2026-03-02', 1, %s, %s, 'registered', 'boss', 0, 0)",
                         reg_no, unit, s, t);
  sqlite3_free (s);
  sqlite3_free (t);
  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
}

static gint64
add_clue (Fixture    *f,
          gint64      unit,
          const char *reg_no,
          const char *summary,
          const char *person)
{
  g_autofree char *sql = NULL;
  char *s = sqlite3_mprintf ("%Q", summary);
  char *p = sqlite3_mprintf ("%Q", person);

  sql = g_strdup_printf ("INSERT INTO clues (reg_no, unit_id, source, received_date, summary, person_name, status,"
                         " account, created_at, updated_at) VALUES ('%s', %" G_GINT64_FORMAT ", 'SRC_AUDIT',"
                         " '2026-03-02', %s, %s, 'registered', 'boss', 0, 0)",
                         reg_no, unit, s, p);
  sqlite3_free (s);
  sqlite3_free (p);
  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
}

static GPtrArray *
search (Fixture    *f,
        const char *query,
        const char *kinds,
        guint      *total)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = ld_fulltext_search (f->vault, query, kinds, 0, 0, total, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The hits as "kind:id" joined by spaces, in order. */
static char *
describe (GPtrArray *hits)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      LdSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i > 0 ? " " : "", ld_search_kind_to_string (hit->kind),
                              hit->record_id);
    }
  return g_string_free (out, FALSE);
}

static char *
found (Fixture    *f,
       const char *query,
       const char *kinds)
{
  g_autoptr(GPtrArray) hits = search (f, query, kinds, NULL);

  return describe (hits);
}

#define assert_found(f, query, kinds, expected)                  \
  G_STMT_START {                                                 \
    g_autofree char *found__ = found ((f), (query), (kinds));    \
    g_assert_cmpstr (found__, ==, (expected));                   \
  } G_STMT_END

static char *
expect (const char *kind,
        gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

/* --- Tests ------------------------------------------------------------------------ */

static void
test_cadres (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *a = expect ("cadre", f->cadre_a);
  g_autofree char *b = expect ("cadre", f->cadre_b);
  const char *names[] = { "post", "former-names", NULL };
  const char *values[] = { "县财政局局长", "张叁", NULL };
  LdSearchHit *hit;
  guint total = 0;
  gint64 n_audit;

  /* Created through the repository: found by name, nothing else. */
  n_audit = ld_test_audit_count (f->vault);
  hits = search (f, "张三", NULL, &total);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (total, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, LD_SEARCH_KIND_CADRE);
  g_assert_cmpint (hit->record_id, ==, f->cadre_a);
  g_assert_cmpint (hit->cadre_id, ==, f->cadre_a);
  g_assert_cmpstr (hit->title, ==, "张三");
  g_assert_cmpint (hit->unit_id, ==, f->unit_a);
  g_assert_cmpstr (hit->unit_name, ==, "Dept A");
  g_assert_cmpfloat (hit->score, >, 0);
  g_assert_cmpstr (hit->snippet, ==, LD_SEARCH_MARK_START "张三" LD_SEARCH_MARK_END);
  /* A result list is not a file view: searching is not audited. */
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);
  assert_found (f, "李四", NULL, b);
  assert_found (f, "财政局", NULL, "");

  /* An update follows: the post and the former name are found. */
  g_assert_true (ld_cadre_repository_set_fields (f->vault, f->cadre_a, names, values, &error));
  g_assert_no_error (error);
  assert_found (f, "财政局", NULL, a);
  assert_found (f, "张叁", NULL, a);
  assert_found (f, "局长", "cadre", a);
  assert_found (f, "局长", "talk,clue", "");

  /* Retired: gone from the index. */
  g_assert_true (ld_cadre_repository_retire (f->vault, f->cadre_a, "duplicate record", &error));
  g_assert_no_error (error);
  assert_found (f, "财政局", NULL, "");
  assert_found (f, "张三", NULL, "");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext_docs"), ==, 1);
}

static gint64
add_entry (Fixture     *f,
           gint64       cadre,
           const char  *gift,
           GError     **error)
{
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 id = 0;

  ld_file_entry_spec_init (&spec, "C");
  spec.kind = g_strdup ("annual");
  spec.entry_date = g_strdup ("2025");
  ld_file_entry_spec_set (&spec, "PM1", "已婚");
  ld_file_entry_spec_set (&spec, "PA3", gift);
  ld_file_entry_spec_set (&spec, "verification", "omitted");
  ld_file_entry_spec_set (&spec, "verification_kind", "random");
  ld_file_entry_repository_create (f->vault, cadre, &spec, &id, error);
  return id;
}

static void
test_entries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *expected = NULL;
  LdSearchHit *hit;
  gint64 id;

  id = add_entry (f, f->cadre_a, "住房一套，120平方米\n车库一个", &error);
  g_assert_no_error (error);
  expected = expect ("entry", id);
  hits = search (f, "车库", NULL, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, LD_SEARCH_KIND_ENTRY);
  g_assert_cmpint (hit->record_id, ==, id);
  g_assert_cmpint (hit->cadre_id, ==, f->cadre_a);
  g_assert_true (g_str_has_prefix (hit->title, "张三 · "));
  g_assert_cmpstr (hit->unit_name, ==, "Dept A");
  /* Values only: the stored keys and their escapes are not text. */
  g_assert_null (strstr (hit->snippet, "PA3"));
  g_assert_null (strstr (hit->snippet, "\\n"));
  g_assert_nonnull (strstr (hit->snippet, LD_SEARCH_MARK_START "车库" LD_SEARCH_MARK_END));
  assert_found (f, "120", NULL, expected);
  assert_found (f, "PA3", NULL, "");

  /* Update: the new text replaces the old. */
  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "C");
    spec.kind = g_strdup ("annual");
    spec.entry_date = g_strdup ("2025");
    ld_file_entry_spec_set (&spec, "PA3", "商铺两间");
    ld_file_entry_spec_set (&spec, "verification", "omitted");
    ld_file_entry_spec_set (&spec, "verification_kind", "random");
    g_assert_true (ld_file_entry_repository_update (f->vault, id, &spec, &error));
    g_assert_no_error (error);
  }
  assert_found (f, "车库", NULL, "");
  assert_found (f, "商铺", NULL, expected);

  /* The entries of a retired cadre leave with it and come back with it. */
  exec_sql (f, "UPDATE cadres SET retired_at = 1 WHERE id = 1");
  assert_found (f, "商铺", NULL, "");
  exec_sql (f, "UPDATE cadres SET retired_at = NULL WHERE id = 1");
  assert_found (f, "商铺", NULL, expected);

  /* Retired through the repository: gone. */
  g_assert_true (ld_file_entry_repository_retire (f->vault, id, "entered twice", &error));
  g_assert_no_error (error);
  assert_found (f, "商铺", NULL, "");
}

static void
test_case_records (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *talk = NULL;
  g_autofree char *petition = NULL;
  g_autofree char *clue = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  LdSearchHit *hit;
  gint64 talk_id, petition_id, clue_id;
  g_autofree char *sql = NULL;

  talk_id = add_talk (f, f->unit_a, "2026-T0001", "了解收受礼金问题", "春节期间收受礼金5000元");
  petition_id = add_petition (f, f->unit_b, "2026-0001", "反映违规吃喝", "某局长多次违规吃喝，用公款报销");
  clue_id = add_clue (f, f->unit_b, "2026-X0001", "审计发现账外资金", "钱七");
  talk = expect ("talk", talk_id);
  petition = expect ("petition", petition_id);
  clue = expect ("clue", clue_id);

  /* Created: each found by its text, with its registration number. */
  hits = search (f, "收受礼金", NULL, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->kind, ==, LD_SEARCH_KIND_TALK);
  g_assert_cmpstr (hit->title, ==, "2026-T0001");
  g_assert_cmpstr (hit->unit_name, ==, "Dept A");
  g_assert_cmpint (hit->cadre_id, ==, 0);
  assert_found (f, "第三会议室", NULL, talk);
  assert_found (f, "赵六", NULL, talk);
  assert_found (f, "公款", NULL, petition);
  assert_found (f, "账外资金", NULL, clue);
  assert_found (f, "钱七", NULL, clue);
  assert_found (f, "2026-X0001", NULL, clue);

  /* The talk is about a cadre on file: the hit names the cadre. */
  sql = g_strdup_printf ("INSERT INTO talk_persons (talk_id, cadre_id) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         talk_id, f->cadre_a);
  exec_sql (f, sql);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "收受礼金", NULL, NULL);
  g_assert_cmpint (((LdSearchHit *) g_ptr_array_index (hits, 0))->cadre_id, ==, f->cadre_a);

  /* The reporter's identity is never indexed; the persons reported are. */
  exec_sql (f, "INSERT INTO reporters (petition_id, name, unit, contact) VALUES (1, '周举报', '某某公司', '13800000000')");
  exec_sql (f, "INSERT INTO petition_persons (petition_id, name, unit_text, post_text) VALUES (1, '孙八', '某局', '副局长')");
  assert_found (f, "周举报", NULL, "");
  assert_found (f, "13800000000", NULL, "");
  assert_found (f, "孙八", NULL, petition);
  assert_found (f, "公款", NULL, petition);
  exec_sql (f, "UPDATE reporters SET name = '吴举报'");
  assert_found (f, "吴举报", NULL, "");
  exec_sql (f, "UPDATE petition_persons SET name = '郑九'");
  assert_found (f, "孙八", NULL, "");
  assert_found (f, "郑九", NULL, petition);
  assert_found (f, "公款", NULL, petition);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext WHERE body LIKE '%举报%'"), ==, 0);

  /* Updates follow; other columns leave the index alone. */
  exec_sql (f, "UPDATE talks SET problems = '操办婚宴收受红包' WHERE id = 1");
  assert_found (f, "5000", NULL, "");
  assert_found (f, "红包", NULL, talk);
  assert_found (f, "收受礼金", NULL, talk);
  exec_sql (f, "UPDATE petitions SET status = 'accepted', full_text = '公车私用' WHERE id = 1");
  assert_found (f, "公款", NULL, "");
  assert_found (f, "公车私用", NULL, petition);
  exec_sql (f, "UPDATE clues SET summary = '违规发放津贴' WHERE id = 1");
  assert_found (f, "账外资金", NULL, "");
  assert_found (f, "津贴", NULL, clue);

  /* Retired records leave the index. */
  exec_sql (f, "UPDATE talks SET retired_at = 1, retired_reason = 'test' WHERE id = 1");
  exec_sql (f, "UPDATE petitions SET retired_at = 1, retired_reason = 'test' WHERE id = 1");
  exec_sql (f, "UPDATE clues SET retired_at = 1, retired_reason = 'test' WHERE id = 1");
  assert_found (f, "红包", NULL, "");
  assert_found (f, "公车私用", NULL, "");
  assert_found (f, "郑九", NULL, "");
  assert_found (f, "津贴", NULL, "");
  /* A person added to a retired petition does not bring it back. */
  exec_sql (f, "INSERT INTO petition_persons (petition_id, name) VALUES (1, '冯十')");
  assert_found (f, "冯十", NULL, "");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext"), ==, 2);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext_docs"), ==, 2);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  guint total = 99;
  gint64 talk_a, talk_b, petition_b, clue_b;

  talk_a = add_talk (f, f->unit_a, "2026-T0001", "违规吃喝", "");
  talk_b = add_talk (f, f->unit_b, "2026-T0002", "违规吃喝", "");
  petition_b = add_petition (f, f->unit_b, "2026-0001", "违规吃喝", "");
  clue_b = add_clue (f, f->unit_b, "2026-X0001", "违规吃喝", "");
  g_assert_cmpint (talk_b * petition_b * clue_b, >, 0);

  hits = search (f, "违规吃喝", NULL, &total);
  g_assert_cmpuint (hits->len, ==, 4);
  g_assert_cmpuint (total, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Scoped to unit A: nothing of unit B, in the hits or in the count. */
  ld_test_login (f->vault, "inv");
  hits = search (f, "违规吃喝", NULL, &total);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((LdSearchHit *) g_ptr_array_index (hits, 0))->record_id, ==, talk_a);
  g_assert_cmpint (((LdSearchHit *) g_ptr_array_index (hits, 0))->unit_id, ==, f->unit_a);
  g_clear_pointer (&hits, g_ptr_array_unref);
  assert_found (f, "李四", NULL, "");

  /* Text that spells unit A's scope token does not bring a record of unit
   * B into the scope: the token narrows, fulltext_docs decides. */
  {
    g_autofree char *spoof = g_strdup_printf ("伪造\xee\x80\x80%" G_GINT64_FORMAT, f->unit_a);

    ld_test_login (f->vault, "boss");
    add_talk (f, f->unit_b, "2026-T0009", spoof, "");
    ld_test_login (f->vault, "inv");
    assert_found (f, "伪造", NULL, "");
    ld_test_login (f->vault, "boss");
    hits = search (f, "伪造", NULL, &total);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
    /* Typed into a query, the mark is dropped: no match on the scope column. */
    hits = search (f, spoof + strlen ("伪造"), NULL, &total);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    exec_sql (f, "UPDATE talks SET retired_at = 1 WHERE reg_no = '2026-T0009'");
    ld_test_login (f->vault, "inv");
  }
  g_assert_cmpuint (((GPtrArray *) (hits = search (f, "张三", NULL, &total)))->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A unit moved out of the scope takes its records along. */
  ld_test_login (f->vault, "boss");
  exec_sql (f, "UPDATE talks SET unit_id = 2 WHERE id = 1");
  ld_test_login (f->vault, "inv");
  hits = search (f, "违规吃喝", NULL, &total);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The viewer reads every unit; the security administrator reads none. */
  ld_test_login (f->vault, "viewer");
  hits = search (f, "违规吃喝", NULL, &total);
  g_assert_cmpuint (hits->len, ==, 4);
  g_clear_pointer (&hits, g_ptr_array_unref);
  ld_test_login (f->vault, "sec");
  hits = ld_fulltext_search (f->vault, "违规吃喝", NULL, 0, 0, &total, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (hits);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  gint64 once, twice, other;

  /* Filler, so the term is not in most documents. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *reg_no = g_strdup_printf ("2026-X%04u", 100 + i);

      add_clue (f, f->unit_a, reg_no, "其他事项", "");
    }
  once = add_talk (f, f->unit_a, "2026-T0001", "谈到公车私用", "");
  twice = add_talk (f, f->unit_a, "2026-T0002", "公车私用问题", "再次公车私用，公车私用");
  other = add_clue (f, f->unit_a, "2026-X0001", "无关", "");

  /* More occurrences first; the older one with one match last. */
  hits = search (f, "公车私用", NULL, NULL);
  order = describe (hits);
  expected = g_strdup_printf ("talk:%" G_GINT64_FORMAT " talk:%" G_GINT64_FORMAT, twice, once);
  g_assert_cmpstr (order, ==, expected);
  g_assert_cmpfloat (((LdSearchHit *) g_ptr_array_index (hits, 0))->score, >,
                     ((LdSearchHit *) g_ptr_array_index (hits, 1))->score);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&expected, g_free);

  /* A match in the title (a cadre's name) outranks one in a text, even a
   * newer one. */
  add_talk (f, f->unit_a, "2026-T0003", "与张三谈话", "");
  hits = search (f, "张三", NULL, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (((LdSearchHit *) g_ptr_array_index (hits, 0))->kind, ==, LD_SEARCH_KIND_CADRE);
  g_assert_cmpint (((LdSearchHit *) g_ptr_array_index (hits, 1))->kind, ==, LD_SEARCH_KIND_TALK);
  g_assert_cmpint (other, >, 0);
}

static void
test_highlight (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *long_text = NULL;
  LdSearchHit *hit;
  GString *text = g_string_new (NULL);

  add_petition (f, f->unit_a, "2026-0001", "a<b>&c 收受礼金\n第二行", "");
  hits = search (f, "收受礼金", NULL, NULL);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->snippet, ==, "a<b>&c " LD_SEARCH_MARK_START "收受礼金" LD_SEARCH_MARK_END " 第二行");
  markup = ld_search_hit_get_markup (hit);
  g_assert_cmpstr (markup, ==, "a&lt;b&gt;&amp;c <b>收受礼金</b> 第二行");
  plain = ld_search_hit_format_snippet (hit, "【", "】");
  g_assert_cmpstr (plain, ==, "a<b>&c 【收受礼金】 第二行");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Two terms, one of them Latin; a long text is cut around the match. */
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "无关内容");
  g_string_append (text, "某ABC公司送礼金");
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "其他内容");
  long_text = g_string_free (text, FALSE);
  add_clue (f, f->unit_a, "2026-X0001", long_text, "");
  hits = search (f, "abc 礼金", "clue", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_true (g_str_has_prefix (hit->snippet, "…"));
  g_assert_true (g_str_has_suffix (hit->snippet, "…"));
  g_assert_nonnull (strstr (hit->snippet, "某" LD_SEARCH_MARK_START "ABC" LD_SEARCH_MARK_END "公司送"
                                          LD_SEARCH_MARK_START "礼金" LD_SEARCH_MARK_END "其他"));
  g_assert_cmpuint (g_utf8_strlen (hit->snippet, -1), <=, 64 + 2 + 4);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint total = 0;
  guint mask = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *reg_no = g_strdup_printf ("2026-T%04u", i + 1);

      add_talk (f, i % 2 ? f->unit_a : f->unit_b, reg_no, "谈心谈话", "");
    }

  /* Paging: 20 by default, the total counts all. */
  hits = search (f, "谈心", NULL, &total);
  g_assert_cmpuint (hits->len, ==, 20);
  g_assert_cmpuint (total, ==, 25);
  page = ld_fulltext_search (f->vault, "谈心", "talk", 10, 20, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
  g_assert_cmpuint (total, ==, 25);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = ld_fulltext_search (f->vault, "谈心", NULL, 10, 30, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Hostile text is only words: no error, no match. */
  assert_found (f, "谈心\" OR \"张三", NULL, "");
  assert_found (f, "body:谈心 NOT x", NULL, "");
  assert_found (f, "*) OR (", NULL, "");

  /* Refusals. */
  page = ld_fulltext_search (f->vault, "*** \"\" ()", NULL, 0, 0, &total, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_null (page);
  g_clear_error (&error);
  page = ld_fulltext_search (f->vault, "   ", NULL, 0, 0, &total, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  page = ld_fulltext_search (f->vault, "谈心", "talk,reporter", 0, 0, &total, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "reporter"));
  g_clear_error (&error);

  g_assert_true (ld_search_kinds_parse ("Talk, clue", &mask, &error));
  g_assert_cmpuint (mask, ==, (1u << LD_SEARCH_KIND_TALK) | (1u << LD_SEARCH_KIND_CLUE));
  g_assert_false (ld_search_kinds_parse (",", &mask, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  assert_found (f, "谈心", "petition,cadre", "");

  /* Locked: refused. */
  ld_vault_lock (f->vault, "manual");
  page = ld_fulltext_search (f->vault, "谈心", NULL, 0, 0, &total, &error);
  g_assert_nonnull (error);
  g_assert_null (page);
}

static void
test_upgrade_fills (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *drops = NULL;
  g_autofree char *talk = NULL;
  g_autofree char *cadre = NULL;
  gint64 entry;

  /* A schema 4 vault with records: step 5 indexes them all. */
  talk = expect ("talk", add_talk (f, f->unit_a, "2026-T0001", "填充索引", ""));
  cadre = expect ("cadre", f->cadre_b);
  entry = add_entry (f, f->cadre_a, "别墅一栋", &error);
  g_assert_no_error (error);
  add_talk (f, f->unit_a, "2026-T0002", "填充索引", "");
  exec_sql (f, "UPDATE talks SET retired_at = 1 WHERE reg_no = '2026-T0002'");
  drops = ld_sql_query_text (_ld_vault_get_db (f->vault),
                             "SELECT group_concat ('DROP TRIGGER \"' || name || '\";', ' ') FROM sqlite_master"
                             " WHERE type = 'trigger' AND name LIKE 'fulltext%'", &error);
  g_assert_no_error (error);
  exec_sql (f, drops);
  /* Back to schema 4: without the index and what later steps added. */
  exec_sql (f, "DROP TABLE fulltext; DROP TABLE fulltext_docs; DROP INDEX petitions_owing;"
               " DROP INDEX talks_written_owed;"
               " DROP TABLE ledger_progress; DROP TABLE ledger_items; DROP TABLE recommendation_events;"
               " DROP TABLE recommendations; DROP TABLE opinion_items; DROP TABLE opinion_requests;"
               " DROP TABLE measure_events; DROP TABLE measures; DROP TABLE measure_forms;"
               " PRAGMA user_version = 4");
  ld_vault_lock (f->vault, "exit");

  ld_test_login (f->vault, "boss");
  g_assert_cmpint (ld_test_count_rows (f->vault, "PRAGMA user_version"), ==, ld_migrations_latest ());
  assert_found (f, "填充索引", NULL, talk);
  assert_found (f, "李四", NULL, cadre);
  {
    g_autofree char *expected = expect ("entry", entry);

    assert_found (f, "别墅", NULL, expected);
  }
  /* The triggers are back too. */
  exec_sql (f, "UPDATE talks SET reason = '新的理由' WHERE reg_no = '2026-T0001'");
  assert_found (f, "填充索引", NULL, "");
  assert_found (f, "新的理由", NULL, talk);
  /* The index and its units agree after all the trigger work (FTS4's own
   * 'integrity-check' of SQLite 3.15.2 misreports order=DESC tables). */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext"), ==,
                   ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext_docs"));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM fulltext_docs d"
                                                 " WHERE NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.docid = d.docid)"),
                   ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fulltext/cadres", Fixture, NULL, setup, test_cadres, teardown);
  g_test_add ("/fulltext/entries", Fixture, NULL, setup, test_entries, teardown);
  g_test_add ("/fulltext/case-records", Fixture, NULL, setup, test_case_records, teardown);
  g_test_add ("/fulltext/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/fulltext/ranking", Fixture, NULL, setup, test_ranking, teardown);
  g_test_add ("/fulltext/highlight", Fixture, NULL, setup, test_highlight, teardown);
  g_test_add ("/fulltext/queries", Fixture, NULL, setup, test_queries, teardown);
  g_test_add ("/fulltext/upgrade-fills", Fixture, NULL, setup, test_upgrade_fills, teardown);

  return g_test_run ();
}
