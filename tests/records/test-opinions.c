/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-opinions"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "brief/ld-opinion-letter.h"
#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-clue-repository.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Valid resident ID numbers (GB 11643 check digits). */
static const char * const ids[] = {
  "110105197001010011", "110105197102020024", "110105197203030037", "11010519730404004X",
  "110105197405050052", "110105197506060065", "110105197607070078", "110105197708080080",
  "110105197809090093", "110105197910100102",
};

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;    /* below A */
  gint64   unit_b;
  gint64   zhang;      /* 张三, A: nothing on file */
  gint64   li;         /* 李四, A */
  gint64   wang;       /* 王五, A1 */
  gint64   zhao;       /* 赵六, B */
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A only),
 * lead (leader, every unit); units A (with A1 below) and B; signed in as
 * boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "lead", LD_ROLE_LEADER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "lead", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_a1 = ld_test_add_unit (f->vault, f->unit_a, "Office A1");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
  f->zhang = ld_test_add_cadre (f->vault, f->unit_a, "张三", ids[0]);
  f->li = ld_test_add_cadre (f->vault, f->unit_a, "李四", ids[1]);
  f->wang = ld_test_add_cadre (f->vault, f->unit_a1, "王五", ids[2]);
  f->zhao = ld_test_add_cadre (f->vault, f->unit_b, "赵六", ids[3]);
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

static gint64
count (Fixture    *f,
       const char *sql)
{
  return ld_test_count_rows (f->vault, sql);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error));
  g_assert_no_error (error);
}

static GDate
day (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10), (GDateYear) g_ascii_strtoull (iso, NULL, 10));
  return date;
}

static gint64
add_clue (Fixture    *f,
          gint64      cadre,
          const char *received)
{
  g_auto(LdClueSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_clue_spec_init (&spec);
  spec.source = g_strdup ("SRC_INSPECTION");
  spec.received_date = g_strdup (received);
  spec.cadre_id = cadre;
  spec.summary = g_strdup ("反映违规收受礼金");
  g_assert_true (ld_clue_repository_create (f->vault, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* A measure row as the measures register stores it (code, form, dates
 * and the effect end its rules computed). */
static gint64
add_measure (Fixture    *f,
             gint64      cadre,
             const char *reg_no,
             const char *code,
             int         form,
             const char *category,
             const char *effective,
             const char *effect_end,
             gboolean    accountability)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category,"
                                          " decision_date, effective_date, effect_end, accountability, account,"
                                          " created_at, updated_at)"
                                          " SELECT '%s', id, unit_id, '%s', %d, '%s', '%s', '%s', '%s', %d, 'boss', 1, 1"
                                          " FROM cadres WHERE id = %" G_GINT64_FORMAT,
                                          reg_no, code, form, category, effective, effective, effect_end,
                                          accountability ? 1 : 0, cadre);

  exec_sql (f, sql);
  return sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
}

static LdOpinionCheck *
check (Fixture    *f,
       gint64      cadre,
       const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate date = day (as_of);
  LdOpinionCheck *c = ld_opinion_repository_check_cadre (f->vault, cadre, &date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->reasons->len, >=, 1);
  return c;
}

static LdOpinionReason *
reason (LdOpinionCheck *c,
        guint           i)
{
  g_assert_cmpuint (i, <, c->reasons->len);
  return g_ptr_array_index (c->reasons, i);
}

/* --- Every category through real records ------------------------------------------------ */

static void
test_nothing_found (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LdOpinionCheck) c = check (f, f->zhang, "2026-06-01");

  g_assert_cmpint (c->proposal, ==, LD_OPINION_OK);
  g_assert_cmpstr (c->cadre_name, ==, "张三");
  g_assert_cmpstr (c->id_number, ==, ids[0]);
  g_assert_cmpstr (c->as_of, ==, "2026-06-01");
  g_assert_cmpuint (c->reasons->len, ==, 1);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_N_OPINION_FACTS);
  g_assert_cmpstr (reason (c, 0)->text, ==, ld_opinion_nothing_found ());
  /* A check stores nothing. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM opinion_items"), ==, 0);
}

static void
test_closed_unfounded_clue (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionCheck) before = NULL;
  g_autoptr(LdOpinionCheck) after = NULL;
  gint64 clue = add_clue (f, f->li, "2026-02-01");

  /* A clue registered, no disposal yet: defer. */
  before = check (f, f->li, "2026-02-10");
  g_assert_cmpint (before->proposal, ==, LD_OPINION_DEFER);
  g_assert_cmpint (reason (before, 0)->kind, ==, LD_OPINION_FACT_CLUE_PENDING);

  g_assert_true (ld_clue_repository_close (f->vault, clue, "unfounded", "2026-03-20", NULL, NULL, "反映失实", &error));
  g_assert_no_error (error);
  after = check (f, f->li, "2026-06-01");
  g_assert_cmpint (after->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpuint (after->reasons->len, ==, 1);
  g_assert_cmpint (reason (after, 0)->kind, ==, LD_OPINION_FACT_CLOSED_MATTER);
  g_assert_cmpstr (reason (after, 0)->record_type, ==, "clue");
  g_assert_cmpint (reason (after, 0)->record_id, ==, clue);
  g_assert_nonnull (strstr (reason (after, 0)->text, "2026-03-20"));

  /* As of a day before the closing the clue was still pending. */
  g_clear_pointer (&before, ld_opinion_check_free);
  before = check (f, f->li, "2026-03-19");
  g_assert_cmpint (before->proposal, ==, LD_OPINION_DEFER);
}

static void
test_talk_letter_under_way (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionCheck) c = NULL;
  gint64 clue = add_clue (f, f->li, "2026-02-01");

  g_assert_true (ld_clue_repository_dispose (f->vault, clue, "talk-letter", "王书记", "2026-02-05", NULL, &error));
  g_assert_no_error (error);
  c = check (f, f->li, "2026-03-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_DEFER);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_CLUE_DISPOSAL);
  g_assert_cmpint (reason (c, 0)->record_id, ==, clue);

  /* A case opened on another clue wins: not suitable. */
  {
    gint64 other = add_clue (f, f->li, "2026-02-02");
    g_autoptr(LdOpinionCheck) c2 = NULL;

    g_assert_true (ld_clue_repository_dispose (f->vault, other, "case", "王书记", "2026-02-06", NULL, &error));
    g_assert_no_error (error);
    c2 = check (f, f->li, "2026-03-01");
    g_assert_cmpint (c2->proposal, ==, LD_OPINION_NO);
    g_assert_cmpint (reason (c2, 0)->kind, ==, LD_OPINION_FACT_OPEN_CASE);
    g_assert_cmpint (reason (c2, 1)->kind, ==, LD_OPINION_FACT_CLUE_DISPOSAL);
  }
}

static void
test_sanction_in_effect (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LdOpinionCheck) during = NULL;
  g_autoptr(LdOpinionCheck) ended = NULL;
  g_autoptr(LdOpinionCheck) before = NULL;
  gint64 m = add_measure (f, f->wang, "2026-M0001", "P1", 2, "party", "2026-01-10", "2027-01-10", FALSE);

  during = check (f, f->wang, "2026-06-01");
  g_assert_cmpint (during->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (during, 0)->kind, ==, LD_OPINION_FACT_EFFECT_RUNNING);
  g_assert_cmpstr (reason (during, 0)->record_type, ==, "measure");
  g_assert_cmpint (reason (during, 0)->record_id, ==, m);
  g_assert_nonnull (strstr (reason (during, 0)->text, "2026-M0001"));
  g_assert_nonnull (strstr (reason (during, 0)->text, "2027-01-10"));

  /* On the effect end the period is over. */
  ended = check (f, f->wang, "2027-01-10");
  g_assert_cmpint (ended->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (ended, 0)->kind, ==, LD_OPINION_FACT_PAST_MEASURE);

  /* Before its effective date it does not exist yet. */
  before = check (f, f->wang, "2025-12-31");
  g_assert_cmpint (before->proposal, ==, LD_OPINION_OK);
}

static void
test_other_measures (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LdOpinionCheck) c = NULL;
  g_autoptr(LdOpinionCheck) later = NULL;
  g_autoptr(LdOpinionCheck) revoked = NULL;

  /* A form-one measure without a period: facts disclosed. */
  add_measure (f, f->zhang, "2026-M0002", "F1_CRITICISM", 1, "edu", "2026-02-01", "", FALSE);
  c = check (f, f->zhang, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_PAST_FIRST_FORM);

  /* 问责 without a period counts for 12 months. */
  add_measure (f, f->zhang, "2026-M0003", "F1_CRITICISM", 1, "account", "2026-03-01", "", TRUE);
  g_clear_pointer (&c, ld_opinion_check_free);
  c = check (f, f->zhang, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_ACCOUNTABILITY);
  later = check (f, f->zhang, "2027-03-02");
  g_assert_cmpint (later->proposal, ==, LD_OPINION_OK_NOTE);

  /* A permanent one, and a revoked one that does not count. */
  add_measure (f, f->li, "2026-M0004", "G6", 4, "gov", "2026-01-01", "9999-12-31", FALSE);
  exec_sql (f, "UPDATE measures SET status = 'revoked' WHERE reg_no = '2026-M0004'");
  revoked = check (f, f->li, "2026-06-01");
  g_assert_cmpint (revoked->proposal, ==, LD_OPINION_OK);
  exec_sql (f, "UPDATE measures SET status = 'in-force' WHERE reg_no = '2026-M0004'");
  g_clear_pointer (&revoked, ld_opinion_check_free);
  revoked = check (f, f->li, "2040-06-01");
  g_assert_cmpint (revoked->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (revoked, 0)->kind, ==, LD_OPINION_FACT_EFFECT_RUNNING);
}

/* Regression: a transfer to the judicial organs proposed "ok-note" as a
 * measure whose "effect period is over"; 引咎辞职 (no period) read the
 * same. */
static void
test_measures_without_period (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LdOpinionCheck) transferred = NULL;
  g_autoptr(LdOpinionCheck) resigned = NULL;

  add_measure (f, f->zhang, "2026-M0005", "C_TRANSFER", 4, "criminal", "2026-02-20", "", FALSE);
  transferred = check (f, f->zhang, "2026-06-01");
  g_assert_cmpint (transferred->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (transferred, 0)->kind, ==, LD_OPINION_FACT_TRANSFERRED);
  g_assert_null (strstr (reason (transferred, 0)->text, "effect period"));

  add_measure (f, f->li, "2026-M0006", "O_RESIGN_BLAME", 2, "org", "2026-02-20", "", FALSE);
  resigned = check (f, f->li, "2026-06-01");
  g_assert_cmpint (resigned->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (resigned, 0)->kind, ==, LD_OPINION_FACT_PAST_DECISION);
  g_assert_null (strstr (reason (resigned, 0)->text, "effect period"));
  g_assert_nonnull (strstr (reason (resigned, 0)->text, "2026-02-20"));
}

/* The same through the measures register, which computes the effect end:
 * a Party warning approved on 31 August blocks for 12 months. */
static void
test_measure_register (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionCheck) during = NULL;
  g_autoptr(LdOpinionCheck) after = NULL;
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  ld_measure_spec_init (&spec);
  spec.cadre_id = f->li;
  spec.code = g_strdup ("P1");
  spec.decision_date = g_strdup ("2026-08-31");
  spec.effective_date = g_strdup ("2026-08-31");
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);

  during = check (f, f->li, "2027-08-30");
  g_assert_cmpint (during->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (during, 0)->kind, ==, LD_OPINION_FACT_EFFECT_RUNNING);
  g_assert_cmpint (reason (during, 0)->record_id, ==, id);
  g_assert_nonnull (strstr (reason (during, 0)->text, reg_no));
  after = check (f, f->li, "2027-09-01");
  g_assert_cmpint (after->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (after, 0)->kind, ==, LD_OPINION_FACT_PAST_MEASURE);
}

static void
test_founded_unhandled_and_petitions (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionCheck) c = NULL;
  g_autofree char *sql = NULL;
  gint64 clue = add_clue (f, f->li, "2026-02-01");
  gint64 petition;

  g_assert_true (ld_clue_repository_dispose (f->vault, clue, "verify", "王书记", "2026-02-05", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_close (f->vault, clue, "founded", "2026-04-01", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  c = check (f, f->li, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_VERIFIED_UNHANDLED);

  /* Once a measure comes from the clue, the measure is the fact. */
  add_measure (f, f->li, "2026-M0005", "F1_CRITICISM", 1, "edu", "2026-04-10", "", FALSE);
  sql = g_strdup_printf ("UPDATE measures SET source_type = 'clue', source_id = %" G_GINT64_FORMAT
                         " WHERE reg_no = '2026-M0005'", clue);
  exec_sql (f, sql);
  g_clear_pointer (&c, ld_opinion_check_free);
  c = check (f, f->li, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_PAST_FIRST_FORM);

  /* An open petition naming the cadre: defer; once closed: disclosed. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, status, account,"
                         " created_at, updated_at) VALUES ('2026-0009', %" G_GINT64_FORMAT ", 'accusation',"
                         " 'CH_LETTER', '2026-05-02', 'accepted', 'boss', 1, 1)", f->unit_a);
  exec_sql (f, sql);
  petition = sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO petition_persons (petition_id, cadre_id) VALUES (%" G_GINT64_FORMAT ", %"
                         G_GINT64_FORMAT ")", petition, f->li);
  exec_sql (f, sql);
  g_clear_pointer (&c, ld_opinion_check_free);
  c = check (f, f->li, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_DEFER);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_OPEN_PETITION);
  g_assert_cmpstr (reason (c, 0)->record_type, ==, "petition");
  g_assert_cmpint (reason (c, 0)->record_id, ==, petition);
  exec_sql (f, "UPDATE petitions SET status = 'closed', closed_date = '2026-05-20', result = 'unfounded'");
  g_clear_pointer (&c, ld_opinion_check_free);
  c = check (f, f->li, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpuint (c->reasons->len, ==, 2);
}

static void
test_personal_matters (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LdOpinionCheck) c = NULL;
  g_autoptr(LdOpinionCheck) old = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO file_entries (cadre_id, section, kind, entry_date, outcome, fields,"
                         " created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", 'C', 'annual', '2025', 'omitted',"
                         " 'verification=omitted\nverified=2026-03-01\n', 1, 1)", f->zhang);
  exec_sql (f, sql);
  c = check (f, f->zhang, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_OK_NOTE);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_OMISSION);
  g_assert_cmpstr (reason (c, 0)->record_type, ==, "entry");

  exec_sql (f, "UPDATE file_entries SET outcome = 'concealed'");
  g_clear_pointer (&c, ld_opinion_check_free);
  c = check (f, f->zhang, "2026-06-01");
  g_assert_cmpint (c->proposal, ==, LD_OPINION_NO);
  g_assert_cmpint (reason (c, 0)->kind, ==, LD_OPINION_FACT_CONCEALMENT);

  /* More than 12 months after the verification it no longer counts. */
  old = check (f, f->zhang, "2027-03-02");
  g_assert_cmpint (old->proposal, ==, LD_OPINION_OK);
}

/* --- Requests ---------------------------------------------------------------------------- */

static gint64
create_request (Fixture  *f,
                gint64    unit,
                ...)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reg_no = NULL;
  va_list args;
  gint64 cadre, id = 0;

  ld_opinion_request_spec_init (&spec);
  spec.unit_id = unit;
  spec.requester = g_strdup ("区委组织部");
  spec.request_date = g_strdup ("2026-08-20");
  spec.purpose = g_strdup ("提拔任用");
  spec.doc_no = g_strdup ("组函〔2026〕12号");
  va_start (args, unit);
  while ((cadre = va_arg (args, gint64)) != 0)
    ld_opinion_request_spec_add_cadre (&spec, cadre);
  va_end (args);
  g_assert_true (ld_opinion_repository_create_request (f->vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reg_no, ==, "2026-Y0001");
  return id;
}

static GPtrArray *
items_of (Fixture *f,
          gint64   request)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = ld_opinion_repository_list_items (f->vault, request, &error);

  g_assert_no_error (error);
  return items;
}

static void
test_request_flow (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(LdOpinionItem) item = NULL;
  g_autoptr(GPtrArray) for_cadre = NULL;
  g_autoptr(GPtrArray) list = NULL;
  LdOpinionRequestFilter filter;
  GDate as_of = day ("2026-08-25");
  GDate approved = day ("2026-08-31");
  gint64 id, zhang_item, wang_item;

  add_measure (f, f->wang, "2026-M0001", "P1", 2, "party", "2026-01-10", "2027-01-10", FALSE);
  id = create_request (f, f->unit_a, f->zhang, f->wang, f->zhang, (gint64) 0);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_opinion_request_get_purpose (request), ==, "promotion");
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, LD_OPINION_REQUEST_OPEN);
  g_assert_cmpuint (ld_opinion_request_get_n_items (request), ==, 2);
  g_assert_cmpstr (ld_opinion_request_get_cadre_names (request), ==, "张三、王五");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.request'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'opinion'"), ==, 1);

  /* Confirming before a check is refused. */
  items = items_of (f, id);
  zhang_item = ld_opinion_item_get_id (g_ptr_array_index (items, 0));
  wang_item = ld_opinion_item_get_id (g_ptr_array_index (items, 1));
  g_assert_cmpint (ld_opinion_item_get_state (g_ptr_array_index (items, 0)), ==, LD_OPINION_ITEM_UNCHECKED);
  g_assert_false (ld_opinion_repository_confirm (f->vault, zhang_item, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Check every cadre at once. */
  g_assert_true (ld_opinion_repository_check_request (f->vault, id, &as_of, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = items_of (f, id);
  item = g_object_ref (g_ptr_array_index (items, 0));
  g_assert_cmpstr (ld_opinion_item_get_checked_date (item), ==, "2026-08-25");
  g_assert_cmpint (ld_opinion_item_get_proposal (item), ==, LD_OPINION_OK);
  g_assert_cmpint (ld_opinion_item_get_proposal (g_ptr_array_index (items, 1)), ==, LD_OPINION_NO);
  g_assert_cmpuint (ld_opinion_item_get_n_reasons (g_ptr_array_index (items, 1)), ==, 1);
  g_assert_cmpstr (ld_opinion_item_get_reason_record_type (g_ptr_array_index (items, 1), 0), ==, "measure");
  g_assert_cmpint (ld_opinion_item_get_reason_kind (g_ptr_array_index (items, 1), 0), ==,
                   LD_OPINION_FACT_EFFECT_RUNNING);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.check'"), ==, 1);

  /* One click per cadre. */
  g_assert_true (ld_opinion_repository_confirm (f->vault, zhang_item, &error));
  g_assert_no_error (error);
  /* A change without a reason is refused; with one it is kept. */
  g_assert_false (ld_opinion_repository_decide (f->vault, wang_item, LD_OPINION_DEFER, "  ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_opinion_repository_decide (f->vault, wang_item, LD_N_OPINIONS, "x", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_opinion_repository_decide (f->vault, wang_item, LD_OPINION_NO, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.decide'"), ==, 2);
  g_clear_object (&item);
  item = ld_opinion_repository_get_item (f->vault, wang_item, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_opinion_item_get_decision (item), ==, LD_OPINION_NO);
  g_assert_false (ld_opinion_item_get_changed (item));
  g_assert_cmpstr (ld_opinion_item_get_confirmed_by (item), ==, "boss");
  g_assert_nonnull (strstr (ld_opinion_item_get_reply_text (item), "王五"));
  g_assert_nonnull (strstr (ld_opinion_item_get_reply_text (item), "2026-M0001"));

  /* An investigator cannot approve. */
  g_assert_false (ld_opinion_repository_approve_request (f->vault, id, &approved, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The leader approves one item, then the rest. */
  ld_test_login (f->vault, "lead");
  g_assert_true (ld_opinion_repository_approve_item (f->vault, zhang_item, &approved, &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, LD_OPINION_REQUEST_OPEN);
  g_assert_cmpuint (ld_opinion_request_get_n_approved (request), ==, 1);
  g_assert_true (ld_opinion_repository_approve_request (f->vault, id, &approved, &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, LD_OPINION_REQUEST_REPLIED);
  g_assert_cmpstr (ld_opinion_request_get_replied_date (request), ==, "2026-08-31");
  g_clear_object (&item);
  item = ld_opinion_repository_get_item (f->vault, wang_item, &error);
  g_assert_cmpstr (ld_opinion_item_get_approved_by (item), ==, "lead");
  g_assert_cmpstr (ld_opinion_item_get_approved_date (item), ==, "2026-08-31");
  /* Validity: 31 August + 3 months = 30 November. */
  g_assert_cmpstr (ld_opinion_item_get_valid_until (item), ==, "2026-11-30");
  {
    GDate in = day ("2026-11-30");
    GDate out = day ("2026-12-01");

    g_assert_false (ld_opinion_item_is_expired (item, &in));
    g_assert_true (ld_opinion_item_is_expired (item, &out));
  }
  g_assert_cmpint (ld_opinion_item_get_state (item), ==, LD_OPINION_ITEM_APPROVED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.approve'"), ==, 2);

  /* Approved replies are final. */
  ld_test_login (f->vault, "boss");
  g_assert_false (ld_opinion_repository_check_item (f->vault, wang_item, &as_of, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_opinion_repository_remove_cadre (f->vault, id, f->wang, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* The cadre's file and the list. */
  for_cadre = ld_opinion_repository_list_for_cadre (f->vault, f->wang, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_cadre->len, ==, 1);
  ld_opinion_request_filter_init (&filter);
  filter.status = LD_OPINION_REQUEST_REPLIED;
  filter.text = "王五";
  list = ld_opinion_repository_list_requests (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.status = LD_OPINION_REQUEST_OPEN;
  list = ld_opinion_repository_list_requests (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Adding a cadre opens the request again. */
  g_assert_true (ld_opinion_repository_add_cadres (f->vault, id, &f->li, 1, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, LD_OPINION_REQUEST_OPEN);
  g_assert_true (ld_opinion_repository_remove_cadre (f->vault, id, f->li, &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpstr (ld_opinion_request_get_status (request), ==, LD_OPINION_REQUEST_REPLIED);
}

static void
test_update_retire (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = create_request (f, f->unit_a, f->zhang, (gint64) 0);
  gint64 n_versions;

  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_no_error (error);
  ld_opinion_request_spec_init_from_request (&spec, request);
  n_versions = count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'opinion'");
  /* Nothing changed: nothing written. */
  g_assert_true (ld_opinion_repository_update_request (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'opinion'"), ==, n_versions);

  ld_opinion_request_spec_set (&spec.purpose, "评先评优");
  ld_opinion_request_spec_set (&spec.due_date, "2026-08-25");
  g_assert_true (ld_opinion_repository_update_request (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  g_clear_object (&request);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpstr (ld_opinion_request_get_purpose (request), ==, "award");
  g_assert_cmpstr (ld_opinion_request_get_due_date (request), ==, "2026-08-25");

  /* A due date before the request date is refused. */
  ld_opinion_request_spec_set (&spec.due_date, "2026-08-01");
  g_assert_false (ld_opinion_repository_update_request (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* Moving to unit B would leave 张三 outside: refused. */
  ld_opinion_request_spec_set (&spec.due_date, "");
  spec.unit_id = f->unit_b;
  g_assert_false (ld_opinion_repository_update_request (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  versions = ld_opinion_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);

  /* Retired: read-only and out of the default list. */
  g_assert_false (ld_opinion_repository_retire_request (f->vault, id, "  ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_opinion_repository_retire_request (f->vault, id, "重复登记", &error));
  g_assert_no_error (error);
  g_assert_false (ld_opinion_repository_add_cadres (f->vault, id, &f->li, 1, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  list = ld_opinion_repository_list_requests (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_change_with_reason (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdOpinionItem) item = NULL;
  gint64 id = create_request (f, f->unit_a, f->zhang, (gint64) 0);
  gint64 item_id;

  items = items_of (f, id);
  item_id = ld_opinion_item_get_id (g_ptr_array_index (items, 0));
  g_assert_true (ld_opinion_repository_check_item (f->vault, item_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ld_opinion_repository_decide (f->vault, item_id, LD_OPINION_DEFER, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_opinion_repository_decide (f->vault, item_id, LD_OPINION_DEFER, "另有举报正在初核", &error));
  g_assert_no_error (error);
  item = ld_opinion_repository_get_item (f->vault, item_id, &error);
  g_assert_cmpint (ld_opinion_item_get_decision (item), ==, LD_OPINION_DEFER);
  g_assert_true (ld_opinion_item_get_changed (item));
  g_assert_cmpstr (ld_opinion_item_get_change_reason (item), ==, "另有举报正在初核");
  /* Regression: nothing was found, so the letter's "defer" stated no ground
   * at all; the investigator's reason is stated instead. */
  g_assert_nonnull (strstr (ld_opinion_item_get_reply_text (item), "另有举报正在初核"));
  g_assert_true (g_str_has_suffix (ld_opinion_item_get_reply_text (item), "另有举报正在初核."));
  /* A new check clears the decision. */
  g_assert_true (ld_opinion_repository_check_item (f->vault, item_id, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  item = ld_opinion_repository_get_item (f->vault, item_id, &error);
  g_assert_cmpint (ld_opinion_item_get_state (item), ==, LD_OPINION_ITEM_CHECKED);
  g_assert_cmpstr (ld_opinion_item_get_change_reason (item), ==, "");
  /* A viewer-like leader cannot decide; an investigator cannot approve an undecided item. */
  g_assert_false (ld_opinion_repository_approve_item (f->vault, item_id, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_opinion_repository_approve_item (f->vault, item_id, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_opinion_repository_confirm (f->vault, item_id, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_auto(LdOpinionRequestSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_opinion_request_spec_init (&spec);
  spec.requester = g_strdup ("区委组织部");
  spec.request_date = g_strdup ("2026-08-20");
  spec.purpose = g_strdup ("award");

  /* Regression: a request dated after today (it was numbered 2027-Y0001). */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
    g_autofree char *bad_key = NULL;

    g_free (spec.request_date);
    spec.request_date = g_date_time_format (later, "%Y-%m-%d");
    spec.unit_id = f->unit_a;
    ld_opinion_request_spec_add_cadre (&spec, f->zhang);
    g_assert_false (ld_opinion_request_spec_validate (&spec, &bad_key, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_cmpstr (bad_key, ==, "request-date");
    g_clear_error (&error);
    g_assert_false (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    g_free (spec.request_date);
    spec.request_date = g_strdup ("2026-08-20");
    g_array_set_size (spec.cadre_ids, 0);
  }

  /* A cadre outside the request's unit. */
  spec.unit_id = f->unit_a;
  ld_opinion_request_spec_add_cadre (&spec, f->zhao);
  g_assert_false (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* inv sees unit A only: 赵六 of unit B is "not found". */
  ld_test_login (f->vault, "inv");
  spec.unit_id = 0;
  g_assert_false (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_opinion_repository_check_cadre (f->vault, f->zhao, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  spec.unit_id = f->unit_b;
  g_array_set_size (spec.cadre_ids, 0);
  g_assert_false (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM opinion_requests"), ==, 0);

  /* In scope: the sub-unit's cadre belongs to A's subtree. */
  spec.unit_id = 0;
  ld_opinion_request_spec_add_cadre (&spec, f->zhang);
  ld_opinion_request_spec_add_cadre (&spec, f->wang);
  g_assert_true (ld_opinion_repository_create_request (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);

  /* boss's request of unit B is invisible to inv. */
  ld_test_login (f->vault, "boss");
  {
    g_auto(LdOpinionRequestSpec) other = { 0 };
    gint64 other_id = 0;
    g_autoptr(LdOpinionRequest) r = NULL;

    ld_opinion_request_spec_init (&other);
    other.requester = g_strdup ("市委组织部");
    other.request_date = g_strdup ("2026-08-21");
    other.purpose = g_strdup ("election");
    ld_opinion_request_spec_add_cadre (&other, f->zhao);
    g_assert_true (ld_opinion_repository_create_request (f->vault, &other, &other_id, NULL, &error));
    g_assert_no_error (error);
    ld_test_login (f->vault, "inv");
    r = ld_opinion_repository_get_request (f->vault, other_id, &error);
    g_assert_null (r);
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Validation. */
  g_free (spec.purpose);
  spec.purpose = g_strdup ("出国");
  g_assert_false (ld_opinion_request_spec_validate (&spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
}

/* --- Importing the list ------------------------------------------------------------------- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdOpinionCadreMatch) match = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  gint64 id = create_request (f, f->unit_a, (gint64) 0);
  gint64 items_before;
  LdOpinionUnmatchedRow *row;

  contents = g_strdup_printf ("关于征求干部党风廉政意见的函,,\n"
                              "序号,姓名,身份证号\n"
                              "1,张三,%s\n"
                              "2,王五, %s \n"
                              "3,赵六,%s\n"
                              "4,孙八,110105198001010016\n"
                              "5,周九,12345\n"
                              "6,张三,%s\n",
                              ids[0], ids[2], ids[3], ids[0]);
  csv = write_file (f, "list.csv", contents);

  /* Dry match against unit A. */
  match = ld_opinion_repository_match_file (f->vault, csv, f->unit_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (match->n_rows, ==, 6);
  g_assert_cmpuint (match->cadre_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (match->cadre_ids, gint64, 0), ==, f->zhang);
  g_assert_cmpint (g_array_index (match->cadre_ids, gint64, 1), ==, f->wang);
  g_assert_cmpuint (match->unmatched->len, ==, 4);
  row = g_ptr_array_index (match->unmatched, 0);
  g_assert_cmpuint (row->row_number, ==, 5);
  g_assert_cmpstr (row->name, ==, "赵六");
  g_assert_cmpint (row->why, ==, LD_OPINION_UNMATCHED_OUT_OF_SCOPE);
  row = g_ptr_array_index (match->unmatched, 1);
  g_assert_cmpstr (row->name, ==, "孙八");
  g_assert_cmpint (row->why, ==, LD_OPINION_UNMATCHED_NOT_ON_FILE);
  row = g_ptr_array_index (match->unmatched, 2);
  g_assert_cmpint (row->why, ==, LD_OPINION_UNMATCHED_INVALID_ID);
  row = g_ptr_array_index (match->unmatched, 3);
  g_assert_cmpint (row->why, ==, LD_OPINION_UNMATCHED_DUPLICATE);
  g_assert_cmpstr (ld_opinion_unmatched_why_get_label (row->why), !=, "");
  g_assert_cmpint (count (f, "SELECT count(*) FROM opinion_items"), ==, 0);
  g_clear_pointer (&match, ld_opinion_cadre_match_free);

  /* Unreadable file, file without an ID column: nothing added. */
  items_before = count (f, "SELECT count(*) FROM opinion_items");
  missing = g_build_filename (f->dir, "no-such.xlsx", NULL);
  g_assert_false (ld_opinion_repository_import_cadres (f->vault, id, missing, &match, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (match);
  bad = write_file (f, "bad.csv", "姓名,单位\n张三,Dept A\n");
  g_assert_false (ld_opinion_repository_import_cadres (f->vault, id, bad, &match, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM opinion_items"), ==, items_before);

  /* The import adds the matched cadres and reports the rest. */
  g_assert_true (ld_opinion_repository_import_cadres (f->vault, id, csv, &match, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (match->unmatched->len, ==, 4);
  request = ld_opinion_repository_get_request (f->vault, id, &error);
  g_assert_cmpuint (ld_opinion_request_get_n_items (request), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.request'"
                             " AND details LIKE '%file_sha256=%'"), ==, 1);
}

/* --- The letter ---------------------------------------------------------------------------- */

static void
test_letter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "reply.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing-folder", "reply.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  LdOpinionLetterOptions options;
  gsize length = 0;
  gint64 id = create_request (f, f->unit_a, f->zhang, f->wang, (gint64) 0);
  const char *name;

  add_measure (f, f->wang, "2026-M0001", "P1", 2, "party", "2026-01-10", "2027-01-10", FALSE);
  ld_opinion_letter_options_init (&options);
  options.with_table = TRUE;
  /* The reply is signed by the discipline organ supervising the unit, not
   * by the unit (regression). */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE units SET supervisor_name = '中共某某县纪委' WHERE id = %"
                                            G_GINT64_FORMAT, f->unit_a);

    exec_sql (f, sql);
  }

  ld_test_login (f->vault, "sec");
  ld_user_repository_set_grant (f->vault, "boss", LD_GRANT_EXPORT, TRUE, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");

  /* Not approved yet: refused, nothing written. */
  g_assert_true (ld_opinion_repository_check_request (f->vault, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ld_opinion_letter_write_pdf (f->vault, id, &options, pdf, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  items = items_of (f, id);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_true (ld_opinion_repository_confirm (f->vault, ld_opinion_item_get_id (g_ptr_array_index (items, i)),
                                                    &error));
      g_assert_no_error (error);
    }
  ld_test_login (f->vault, "lead");
  g_assert_true (ld_opinion_repository_approve_request (f->vault, id, NULL, &error));
  g_assert_no_error (error);

  /* A leader without the export grant may not write it. */
  g_assert_false (ld_opinion_letter_write_pdf (f->vault, id, &options, pdf, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, "boss");
  /* A missing folder: error and no file at all. */
  g_assert_false (ld_opinion_letter_write_pdf (f->vault, id, &options, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  g_assert_true (ld_opinion_letter_write_pdf (f->vault, id, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'opinion.letter'"), ==, 1);
  /* No temporary file left beside it. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".reply.pdf") || strstr (name, ".tmp") != NULL);

  if (pdftotext != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                                   &error));
      g_assert_no_error (error);
      g_test_message ("%s", out);
      if (g_getenv ("LD_TEST_KEEP_PDF") != NULL)
        g_assert_true (g_file_set_contents (g_getenv ("LD_TEST_KEEP_PDF"), contents, (gssize) length, NULL));
      g_assert_nonnull (strstr (out, "张三"));
      g_assert_nonnull (strstr (out, "王五"));
      g_assert_nonnull (strstr (out, "2026-M0001"));
      g_assert_nonnull (strstr (out, ids[2]));
      g_assert_nonnull (strstr (out, "中共某某县纪委"));
    }
  else
    g_test_message ("pdftotext not found: the text of the PDF is not checked");

  /* Regression: the table was set in Noto Sans CJK SC Regular, whose PDF
   * subset draws 如 (and other glyphs) blank: 无异议（ 实说明情况）. */
  {
    g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");

    if (pdffonts != NULL)
      {
        g_autofree char *fonts = NULL;
        const char *argv[] = { pdffonts, pdf, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &fonts, NULL, NULL,
                                     &error));
        g_assert_no_error (error);
        g_test_message ("%s", fonts);
        g_assert_null (strstr (fonts, "NotoSansCJKsc-Regular"));
      }
  }
}

/* The document writer on its own: a long table continues on more pages
 * with its header row repeated; drawing onto a caller's cairo_t (as the
 * print operation does) gives the same pages. */
static void
test_pdf_document (void)
{
  g_autoptr(LdPdfDocument) doc = ld_pdf_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ld_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "table.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *headers[] = { "No.", "Name", "Remark" };
  const double widths[] = { 1, 2, 4 };
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  ld_pdf_document_set_classification (doc, LD_PDF_DEFAULT_CLASSIFICATION);
  ld_pdf_document_set_footer (doc, "boss", 1790000000);
  ld_pdf_document_add_title (doc, "Table test");
  ld_pdf_document_add_paragraph (doc, "A paragraph before the table.", LD_PDF_ALIGN_LEFT, TRUE);
  ld_pdf_document_add_table (doc, headers, widths, 3);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      const char *row[] = { number, "张三", "a remark long enough to take some room in its cell" };

      ld_pdf_document_add_table_row (doc, row);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 850);
  cr = cairo_create (surface);
  n_pages = ld_pdf_document_paginate (doc, cr, LD_PDF_PAGE_WIDTH, LD_PDF_PAGE_HEIGHT);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (ld_pdf_document_get_n_pages (doc), ==, n_pages);
  for (guint page = 0; page < n_pages; page++)
    ld_pdf_document_draw_page (doc, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (ld_pdf_document_write (doc, pdf, &error));
  g_assert_no_error (error);
  if (pdftotext != NULL)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) pages = NULL;
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                                   NULL, &error));
      g_assert_no_error (error);
      pages = g_strsplit (out, "\f", -1);
      g_assert_cmpuint (g_strv_length (pages), >=, n_pages);
      for (guint page = 0; page < n_pages; page++)
        {
          g_autofree char *number = g_strdup_printf ("Page %u of %u", page + 1, n_pages);

          g_assert_nonnull (strstr (pages[page], "Remark"));
          g_assert_nonnull (strstr (pages[page], number));
          g_assert_nonnull (strstr (pages[page], "boss"));
        }
      g_assert_nonnull (strstr (pages[n_pages - 1], "120"));
    }
  ld_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/opinions/nothing-found", test_nothing_found);
  ADD ("/opinions/closed-unfounded-clue", test_closed_unfounded_clue);
  ADD ("/opinions/talk-letter-under-way", test_talk_letter_under_way);
  ADD ("/opinions/sanction-in-effect", test_sanction_in_effect);
  ADD ("/opinions/other-measures", test_other_measures);
  ADD ("/opinions/measure-register", test_measure_register);
  ADD ("/opinions/measures-without-period", test_measures_without_period);
  ADD ("/opinions/founded-unhandled-and-petitions", test_founded_unhandled_and_petitions);
  ADD ("/opinions/personal-matters", test_personal_matters);
  ADD ("/opinions/request-flow", test_request_flow);
  ADD ("/opinions/change-with-reason", test_change_with_reason);
  ADD ("/opinions/update-retire", test_update_retire);
  ADD ("/opinions/scope", test_scope);
  ADD ("/opinions/import", test_import);
  ADD ("/opinions/letter", test_letter);
  g_test_add_func ("/opinions/pdf-document", test_pdf_document);
#undef ADD

  return g_test_run ();
}
