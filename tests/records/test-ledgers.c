/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ledgers"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;   /* below A */
  gint64   unit_b;
} Fixture;

/* --- Fixtures ---------------------------------------------------------------------- */

/* Admin, sec (secadmin), boss (investigator, every unit), inv
 * (investigator, unit A and below), lead (leader, every unit), viewer
 * (viewer, every unit); units A, A1 (below A) and B; signed in as boss. */
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
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "lead", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_a1 = ld_test_add_unit (f->vault, f->unit_a, "Office A1");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
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

static GDate
day (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  g_assert_true (g_date_valid (&date));
  return date;
}

static gint64
add_item (Fixture    *f,
          gint64      unit,
          const char *source,
          const char *problem,
          const char *deadline)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_ledger_item_spec_init (&spec);
  spec.unit_id = unit;
  spec.source = g_strdup (source);
  spec.problem = g_strdup (problem);
  spec.deadline = g_strdup (deadline);
  g_assert_true (ld_ledger_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LdLedgerItem *
get_item (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  LdLedgerItem *item = ld_ledger_repository_get (f->vault, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static gint64
add_recommendation (Fixture    *f,
                    gint64      unit,
                    const char *title)
{
  g_auto(LdRecommendationSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_recommendation_spec_init (&spec);
  spec.unit_id = unit;
  spec.kind = g_strdup ("supervision");
  spec.title = g_strdup (title);
  spec.problem = g_strdup ("公务用车管理不规范");
  spec.doc_no = g_strdup ("监建〔2026〕3号");
  g_assert_true (ld_recommendation_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static LdRecommendation *
get_recommendation (Fixture *f,
                    gint64   id)
{
  g_autoptr(GError) error = NULL;
  LdRecommendation *r = ld_recommendation_repository_get (f->vault, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
move (Fixture                *f,
      gint64                  id,
      LdRecommendationStatus  status,
      const char             *date,
      const char             *reply,
      const char             *due)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_recommendation_repository_move (f->vault, id, status, date, NULL, reply, due, &error));
  g_assert_no_error (error);
}

static void
issue (Fixture    *f,
       gint64      id,
       const char *date)
{
  ld_test_login (f->vault, "lead");
  move (f, id, LD_RECOMMENDATION_ISSUED, date, NULL, NULL);
  ld_test_login (f->vault, "boss");
}

/* Done, accepted and signed off by the leader; leaves boss signed in. */
static void
finish_item (Fixture    *f,
             gint64      id,
             const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_ledger_repository_complete (f->vault, id, date, "已整改到位", &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_accept (f->vault, id, "王验收", "同意销号", &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "lead");
  g_assert_true (ld_ledger_repository_sign_off (f->vault, id, date, &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return ld_test_count_rows (f->vault, sql);
}

static guint
list_count (Fixture              *f,
            const LdLedgerFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ld_ledger_repository_list (f->vault, filter, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_true (ld_ledger_repository_count (f->vault, filter, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, items->len);
  return items->len;
}

/* --- Tests ------------------------------------------------------------------------- */

static void
test_spec_validate (void)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_auto(LdRecommendationSpec) rspec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  ld_ledger_item_spec_init (&spec);
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "unit-id");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  spec.unit_id = 3;
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "source");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  ld_ledger_item_spec_set (&spec.source, "街谈巷议");
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "source");
  g_assert_nonnull (strstr (error->message, "街谈巷议"));
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  ld_ledger_item_spec_set (&spec.source, "审计");
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "problem");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  ld_ledger_item_spec_set (&spec.problem, "  三公经费超支  ");
  ld_ledger_item_spec_set (&spec.deadline, "2026-02-30");
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "deadline");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  ld_ledger_item_spec_set (&spec.deadline, "2026/6/30");
  g_assert_true (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_no_error (error);

  /* An item from a recommendation has that source. */
  spec.recommendation_id = 5;
  g_assert_false (ld_ledger_item_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "source");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_ledger_item_spec_set (&spec.source, NULL);
  g_assert_true (ld_ledger_item_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);

  ld_recommendation_spec_init (&rspec);
  rspec.unit_id = 1;
  ld_recommendation_spec_set (&rspec.title, "关于加强公车管理的监察建议");
  g_assert_false (ld_recommendation_spec_validate (&rspec, &bad, &error));
  g_assert_cmpstr (bad, ==, "kind");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_recommendation_spec_set (&rspec.kind, "纪检监察建议书");
  g_assert_true (ld_recommendation_spec_validate (&rspec, NULL, &error));
  g_assert_no_error (error);
  ld_recommendation_spec_set (&rspec.title, " ");
  g_assert_false (ld_recommendation_spec_validate (&rspec, &bad, &error));
  g_assert_cmpstr (bad, ==, "title");
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  g_autoptr(LdLedgerItem) again = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *reg_no = NULL;
  g_autofree char *expected = g_strdup_printf ("%d-L0001", g_date_time_get_year (now));
  g_autofree char *status = NULL;
  gint64 id = 0;

  ld_ledger_item_spec_init (&spec);
  spec.unit_id = f->unit_a;
  spec.source = g_strdup ("巡察");
  spec.source_ref = g_strdup ("2026年第一轮巡察");
  spec.problem = g_strdup ("  三公经费超支  ");
  spec.measures = g_strdup ("压减开支");
  spec.standard = g_strdup ("不超预算");
  spec.leader = g_strdup ("张书记");
  spec.person = g_strdup ("李科长");
  spec.deadline = g_strdup ("2026-6-30");
  g_assert_true (ld_ledger_repository_create (f->vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reg_no, ==, expected);

  item = get_item (f, id);
  g_assert_cmpstr (ld_ledger_item_get_reg_no (item), ==, expected);
  g_assert_cmpint (ld_ledger_item_get_unit_id (item), ==, f->unit_a);
  g_assert_cmpstr (ld_ledger_item_get_unit_name (item), ==, "Dept A");
  g_assert_cmpstr (ld_ledger_item_get_source (item), ==, "inspection");
  g_assert_nonnull (ld_ledger_item_get_source_label (item));
  g_assert_cmpstr (ld_ledger_item_get_problem (item), ==, "三公经费超支");
  g_assert_cmpstr (ld_ledger_item_get_deadline (item), ==, "2026-06-30");
  g_assert_cmpint (ld_ledger_item_get_status (item), ==, LD_LEDGER_NOT_STARTED);
  g_assert_cmpstr (ld_ledger_item_get_status_code (item), ==, "not-started");
  g_assert_cmpstr (ld_ledger_item_get_account (item), ==, "boss");
  g_assert_cmpuint (ld_ledger_item_get_n_progress (item), ==, 0);
  g_assert_true (ld_ledger_item_is_editable (item));
  g_object_get (item, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "not-started");

  /* Second number. */
  add_item (f, f->unit_b, "audit", "账目不清", "");
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_items WHERE reg_no LIKE '%-L0002'"), ==, 1);

  /* Update: one field changed → one more version; nothing changed → none. */
  ld_ledger_item_spec_clear (&spec);
  ld_ledger_item_spec_init_from_item (&spec, item);
  ld_ledger_item_spec_set (&spec.person, "赵科长");
  g_assert_true (ld_ledger_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  again = get_item (f, id);
  g_assert_cmpstr (ld_ledger_item_get_person (again), ==, "赵科长");
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'ledger'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.update'"), ==, 1);

  /* Unknown number. */
  g_assert_null (ld_ledger_repository_get (f->vault, 9999, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
}

/* Regression: progress, completion, sign-off and the steps and visits of a
 * recommendation were accepted with dates after today. Deadlines and
 * planned visits may lie ahead. */
static void
test_future_dates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *ahead = g_date_time_format (later, "%Y-%m-%d");
  gint64 id = add_item (f, f->unit_a, "inspection", "制度不健全", ahead);
  gint64 r = add_recommendation (f, f->unit_a, "关于规范公务用车的监察建议");

  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, ahead, "已起草制度", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_complete (f->vault, id, ahead, "已完成", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_ledger_repository_complete (f->vault, id, "2026-03-20", "已完成", &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_accept (f->vault, id, "王验收", "同意销号", &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, ahead, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, r, LD_RECOMMENDATION_ISSUED, ahead, NULL, NULL, NULL,
                                                     &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  move (f, r, LD_RECOMMENDATION_ISSUED, "2026-03-01", NULL, NULL);
  ld_test_login (f->vault, "boss");
  g_assert_false (ld_recommendation_repository_add_event (f->vault, r, "revisit", ahead, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* A visit done today may plan the next one ahead. */
  {
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_true (ld_recommendation_repository_add_event (f->vault, r, "revisit", today, NULL, ahead, &error));
    g_assert_no_error (error);
  }
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  gint64 id = add_item (f, f->unit_a, "inspection", "制度不健全", "2026-06-30");
  gint64 pid = 0;

  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, "", "已起草制度", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, "2026-04-01", "  ", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ld_ledger_repository_add_progress (f->vault, id, "2026-04-10", "已召开专题会", &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pid, >, 0);
  item = get_item (f, id);
  g_assert_cmpint (ld_ledger_item_get_status (item), ==, LD_LEDGER_IN_PROGRESS);
  g_clear_object (&item);

  g_assert_true (ld_ledger_repository_add_progress (f->vault, id, "2026/4/1", "已起草制度", NULL, &error));
  g_assert_no_error (error);
  item = get_item (f, id);
  g_assert_cmpint (ld_ledger_item_get_status (item), ==, LD_LEDGER_IN_PROGRESS);
  g_assert_cmpuint (ld_ledger_item_get_n_progress (item), ==, 2);

  progress = ld_ledger_repository_list_progress (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress->len, ==, 2);
  g_assert_cmpstr (((LdLedgerProgress *) progress->pdata[0])->progress_date, ==, "2026-04-01");
  g_assert_cmpstr (((LdLedgerProgress *) progress->pdata[1])->note, ==, "已召开专题会");
  g_assert_cmpstr (((LdLedgerProgress *) progress->pdata[1])->account, ==, "boss");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.progress'"), ==, 2);
  /* The first progress changed the status and the version says so. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'ledger'"
                             " AND event = 'ledger.progress' AND after LIKE '%status=in-progress%'"), ==, 1);
}

static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  LdLedgerFilter filter;
  GDate on_deadline = day ("2026-03-31");
  GDate day_after = day ("2026-04-01");
  gint64 open = add_item (f, f->unit_a, "audit", "未按期清理", "2026-03-31");
  gint64 going = add_item (f, f->unit_a, "audit", "持续整治", "2026-03-31");
  gint64 done = add_item (f, f->unit_a1, "audit", "已整改", "2026-03-31");
  gint64 no_deadline = add_item (f, f->unit_a, "audit", "无时限", "");
  gint64 later = add_item (f, f->unit_b, "audit", "下半年", "2026-09-30");
  gint64 retired = add_item (f, f->unit_b, "audit", "重复登记", "2026-01-31");

  g_assert_true (ld_ledger_repository_set_status (f->vault, going, LD_LEDGER_ONGOING, &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_complete (f->vault, done, "2026-03-20", "已完成", &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_retire (f->vault, retired, "重复登记", &error));
  g_assert_no_error (error);

  item = get_item (f, open);
  g_assert_cmpint (ld_ledger_item_get_display_status (item, &on_deadline), ==, LD_LEDGER_NOT_STARTED);
  g_assert_cmpint (ld_ledger_item_get_display_status (item, &day_after), ==, LD_LEDGER_OVERDUE);
  g_assert_true (ld_ledger_item_is_overdue (item, &day_after));
  g_assert_false (ld_ledger_item_is_overdue (item, &on_deadline));
  g_clear_object (&item);
  item = get_item (f, going);
  g_assert_cmpint (ld_ledger_item_get_display_status (item, &day_after), ==, LD_LEDGER_ONGOING);
  g_clear_object (&item);
  item = get_item (f, done);
  g_assert_cmpint (ld_ledger_item_get_display_status (item, &day_after), ==, LD_LEDGER_DONE);
  g_clear_object (&item);

  /* Progress does not stop the clock. */
  g_assert_true (ld_ledger_repository_add_progress (f->vault, open, "2026-03-15", "推进中", NULL, &error));
  g_assert_no_error (error);
  item = get_item (f, open);
  g_assert_cmpint (ld_ledger_item_get_display_status (item, &day_after), ==, LD_LEDGER_OVERDUE);
  g_clear_object (&item);

  /* The list judges on the given day. */
  ld_ledger_filter_init (&filter);
  filter.status = "overdue";
  filter.as_of = &on_deadline;
  g_assert_cmpuint (list_count (f, &filter), ==, 0);
  filter.as_of = &day_after;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  /* An overdue item is not listed under its stored status. */
  filter.status = "in-progress";
  g_assert_cmpuint (list_count (f, &filter), ==, 0);
  filter.as_of = &on_deadline;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.status = "ongoing";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.status = "finished";
  g_assert_null (ld_ledger_repository_list (f->vault, &filter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Due before: the items still to do, with a deadline. */
  ld_ledger_filter_init (&filter);
  filter.due_before = "2026-10-01";
  g_assert_cmpuint (list_count (f, &filter), ==, 2);   /* open and later */
  filter.due_before = "2026-04-01";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.due_before = "2026-03-31";
  g_assert_cmpuint (list_count (f, &filter), ==, 0);

  /* Unit subtree, retired, source. */
  ld_ledger_filter_init (&filter);
  g_assert_cmpuint (list_count (f, &filter), ==, 5);
  filter.include_retired = TRUE;
  g_assert_cmpuint (list_count (f, &filter), ==, 6);
  filter.include_retired = FALSE;
  filter.unit_id = f->unit_a;
  g_assert_cmpuint (list_count (f, &filter), ==, 4);
  filter.with_subunits = FALSE;
  g_assert_cmpuint (list_count (f, &filter), ==, 3);
  ld_ledger_filter_init (&filter);
  filter.source = "inspection";
  g_assert_cmpuint (list_count (f, &filter), ==, 0);
  filter.source = "审计";
  g_assert_cmpuint (list_count (f, &filter), ==, 5);
  ld_ledger_filter_init (&filter);
  filter.text = "持续";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);

  /* The retired item is not overdue even though its deadline passed. */
  ld_ledger_filter_init (&filter);
  filter.status = "overdue";
  filter.include_retired = TRUE;
  filter.as_of = &day_after;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);

  /* The same condition as the supervision board's. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_items WHERE retired_at IS NULL AND signed_off_date = ''"
                             " AND status IN ('not-started', 'in-progress') AND deadline <> ''"
                             " AND deadline < '2026-04-01'"), ==, 1);
  (void) no_deadline;
  (void) later;
}

static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  gint64 id = add_item (f, f->unit_a, "petition", "反映问题", "2026-05-01");

  /* Refused: the same status, overdue as a target, an unknown status. */
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_NOT_STARTED, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_OVERDUE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_N_LEDGER_STATUSES, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_IN_PROGRESS, &error));
  g_assert_no_error (error);
  /* Back to not started: refused, naming where it can go. */
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_NOT_STARTED, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ld_ledger_status_get_label (LD_LEDGER_DONE)));
  g_clear_error (&error);

  g_assert_true (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_ONGOING, &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_IN_PROGRESS, &error));
  g_assert_no_error (error);

  /* Accepting needs done work. */
  g_assert_false (ld_ledger_repository_accept (f->vault, id, "王验收", "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ld_ledger_repository_complete (f->vault, id, "2026-04-20", "已完成", &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_accept (f->vault, id, "王验收", "合格", &error));
  g_assert_no_error (error);
  /* Done → ongoing is not a move. */
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_ONGOING, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopening clears the completion date and the acceptance. */
  g_assert_true (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_IN_PROGRESS, &error));
  g_assert_no_error (error);
  item = get_item (f, id);
  g_assert_cmpint (ld_ledger_item_get_status (item), ==, LD_LEDGER_IN_PROGRESS);
  g_assert_cmpstr (ld_ledger_item_get_completed_date (item), ==, "");
  g_assert_cmpstr (ld_ledger_item_get_accepted_by (item), ==, "");
  g_assert_cmpstr (ld_ledger_item_get_acceptance (item), ==, "");
  g_assert_cmpstr (ld_ledger_item_get_completion (item), ==, "已完成");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.status'"), ==, 4);
}

static void
test_sign_off (Fixture       *f,
               gconstpointer  data)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *path = g_build_filename (f->dir, "evidence.pdf", NULL);
  gint64 id = add_item (f, f->unit_a, "inspection", "违规发放津贴", "2026-06-30");
  gint64 versions;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 evidence", -1, NULL));

  /* An investigator cannot sign off. */
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-05-01", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The leader: not before done … */
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-05-01", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* … and a leader does not do the investigators' work. */
  g_assert_false (ld_ledger_repository_complete (f->vault, id, "2026-04-20", "已退还", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, "boss");
  g_assert_true (ld_ledger_repository_complete (f->vault, id, "2026-04-20", "已退还", &error));
  g_assert_no_error (error);
  /* … not before the acceptance. */
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-05-01", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  ld_test_login (f->vault, "boss");
  g_assert_true (ld_ledger_repository_accept (f->vault, id, "王验收", "同意", &error));
  g_assert_no_error (error);
  ld_test_login (f->vault, "lead");
  /* Not before the completion date. */
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-04-19", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_ledger_repository_sign_off (f->vault, id, "2026-05-01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.sign-off' AND account = 'lead'"),
                   ==, 1);

  item = get_item (f, id);
  g_assert_cmpstr (ld_ledger_item_get_signed_off_date (item), ==, "2026-05-01");
  g_assert_true (ld_ledger_item_is_signed_off (item));
  g_assert_false (ld_ledger_item_is_editable (item));

  /* Nothing changes after sign-off. */
  versions = count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'ledger'");
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-05-02", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ld_test_login (f->vault, "boss");
  ld_ledger_item_spec_init_from_item (&spec, item);
  ld_ledger_item_spec_set (&spec.note, "补充说明");
  g_assert_false (ld_ledger_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, "2026-05-03", "再推进", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_IN_PROGRESS, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_complete (f->vault, id, "2026-05-03", "再完成", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_accept (f->vault, id, "另一人", "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_retire (f->vault, id, "误登", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "ledger", id, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions WHERE record_type = 'ledger'"), ==, versions);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_progress"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_items WHERE signed_off_date = '2026-05-01'"
                             " AND status = 'done' AND note = '' AND retired_at IS NULL"), ==, 1);
}

static void
test_recommendation_lifecycle (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(LdRecommendationSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected = g_strdup_printf ("%d-J0001", g_date_time_get_year (now));
  gint64 id = add_recommendation (f, f->unit_a, "关于规范公务用车管理的监察建议");
  gint64 item;
  const char *kinds[] = { "issued", "delivered", "replied", "rectifying", "verified", "closed" };

  r = get_recommendation (f, id);
  g_assert_cmpstr (ld_recommendation_get_reg_no (r), ==, expected);
  g_assert_cmpint (ld_recommendation_get_status (r), ==, LD_RECOMMENDATION_DRAFT);
  g_assert_cmpstr (ld_recommendation_get_kind (r), ==, "supervision");
  g_assert_cmpstr (ld_recommendation_get_unit_name (r), ==, "Dept A");
  g_clear_object (&r);

  /* A draft can be changed. */
  r = get_recommendation (f, id);
  ld_recommendation_spec_init_from_recommendation (&spec, r);
  g_clear_object (&r);
  ld_recommendation_spec_set (&spec.content, "建议建立公车使用登记制度");
  g_assert_true (ld_recommendation_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);

  /* Issuing is the leader's; a draft does not skip to delivered. */
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_ISSUED, "2026-03-02", NULL, NULL,
                                                     NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_DELIVERED, "2026-03-02", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* No ledger items for a draft. */
  g_assert_false (ld_recommendation_repository_add_event (f->vault, id, "revisit", "2026-03-02", NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  issue (f, id, "2026-03-02");
  r = get_recommendation (f, id);
  g_assert_cmpint (ld_recommendation_get_status (r), ==, LD_RECOMMENDATION_ISSUED);
  g_assert_cmpstr (ld_recommendation_get_issued_date (r), ==, "2026-03-02");
  g_assert_cmpstr (ld_recommendation_get_reply_due (r), ==, "2026-04-01");
  g_clear_object (&r);

  /* Delivered later: the default term runs from delivery. */
  move (f, id, LD_RECOMMENDATION_DELIVERED, "2026-03-05", NULL, NULL);
  r = get_recommendation (f, id);
  g_assert_cmpstr (ld_recommendation_get_delivered_date (r), ==, "2026-03-05");
  g_assert_cmpstr (ld_recommendation_get_reply_due (r), ==, "2026-04-04");
  g_clear_object (&r);

  /* A date before the last step, a skip, a reply without text. */
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_REPLIED, "2026-03-04", NULL,
                                                     "已整改", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_RECTIFYING, "2026-03-20", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_REPLIED, "2026-03-20", NULL,
                                                     "", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_DRAFT, "2026-03-20", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  move (f, id, LD_RECOMMENDATION_REPLIED, "2026-03-20", "已制定整改方案", NULL);
  item = add_item (f, f->unit_a, "recommendation", "公车私用", "2026-05-31");
  {
    g_auto(LdLedgerItemSpec) ispec = { 0 };
    g_autoptr(LdLedgerItem) it = get_item (f, item);

    ld_ledger_item_spec_init_from_item (&ispec, it);
    ispec.recommendation_id = id;
    g_assert_true (ld_ledger_repository_update (f->vault, item, &ispec, &error));
    g_assert_no_error (error);
  }
  move (f, id, LD_RECOMMENDATION_RECTIFYING, "2026-03-25", NULL, NULL);
  move (f, id, LD_RECOMMENDATION_VERIFIED, "2026-06-01", NULL, NULL);

  /* Closing waits for the open item, and names it. */
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_CLOSED, "2026-06-05", NULL, NULL,
                                                     NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  {
    g_autoptr(LdLedgerItem) it = get_item (f, item);

    g_assert_nonnull (strstr (error->message, ld_ledger_item_get_reg_no (it)));
  }
  g_clear_error (&error);
  r = get_recommendation (f, id);
  g_assert_cmpuint (ld_recommendation_get_n_items (r), ==, 1);
  g_assert_cmpuint (ld_recommendation_get_n_open_items (r), ==, 1);
  g_clear_object (&r);

  finish_item (f, item, "2026-06-02");
  move (f, id, LD_RECOMMENDATION_CLOSED, "2026-06-05", NULL, NULL);
  r = get_recommendation (f, id);
  g_assert_cmpint (ld_recommendation_get_status (r), ==, LD_RECOMMENDATION_CLOSED);
  g_assert_cmpstr (ld_recommendation_get_closed_date (r), ==, "2026-06-05");
  g_assert_cmpstr (ld_recommendation_get_verified_date (r), ==, "2026-06-01");
  g_assert_cmpstr (ld_recommendation_get_replied_date (r), ==, "2026-03-20");
  g_assert_cmpstr (ld_recommendation_get_reply (r), ==, "已制定整改方案");
  g_assert_cmpuint (ld_recommendation_get_n_open_items (r), ==, 0);
  g_clear_object (&r);

  /* Closed: final. */
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_ESCALATED, "2026-06-06", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* A return visit after closing is still recorded. */
  g_assert_true (ld_recommendation_repository_add_event (f->vault, id, "revisit", "2026-09-01", "整改成果巩固", NULL,
                                                         &error));
  g_assert_no_error (error);

  events = ld_recommendation_repository_list_events (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (kinds) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LdRecommendationEvent *e = events->pdata[i];

      g_assert_cmpstr (e->kind, ==, kinds[i]);
      g_assert_cmpstr (e->kind_label, ==, ld_recommendation_event_get_label (kinds[i]));
    }
  g_assert_cmpstr (((LdRecommendationEvent *) events->pdata[6])->kind, ==, "revisit");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'recommendation.issue' AND account = 'lead'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'recommendation.close'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event LIKE 'recommendation.%'"), ==, 9);
}

static void
test_escalate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  gint64 id = add_recommendation (f, f->unit_b, "关于落实整改的纪检监察建议");
  gint64 other = add_recommendation (f, f->unit_b, "第二份建议");

  issue (f, id, "2026-03-02");
  move (f, id, LD_RECOMMENDATION_ESCALATED, "2026-04-10", NULL, NULL);
  /* Escalated → rectifying, then on to the end. */
  g_assert_false (ld_recommendation_repository_move (f->vault, id, LD_RECOMMENDATION_REPLIED, "2026-04-11", NULL,
                                                     "回复", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  move (f, id, LD_RECOMMENDATION_RECTIFYING, "2026-04-11", NULL, NULL);
  r = get_recommendation (f, id);
  g_assert_cmpint (ld_recommendation_get_status (r), ==, LD_RECOMMENDATION_RECTIFYING);
  g_clear_object (&r);

  /* Escalated → closed directly (no items). */
  issue (f, other, "2026-03-02");
  move (f, other, LD_RECOMMENDATION_DELIVERED, "2026-03-03", NULL, NULL);
  move (f, other, LD_RECOMMENDATION_ESCALATED, "2026-04-10", NULL, NULL);
  move (f, other, LD_RECOMMENDATION_CLOSED, "2026-04-20", NULL, NULL);
  r = get_recommendation (f, other);
  g_assert_cmpint (ld_recommendation_get_status (r), ==, LD_RECOMMENDATION_CLOSED);
}

static void
test_reply_due (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  LdRecommendationFilter filter;
  GDate on_due = day ("2026-02-15");
  GDate day_after = day ("2026-02-16");
  gint64 given = add_recommendation (f, f->unit_a, "限期十五日回复");
  gint64 month_end = add_recommendation (f, f->unit_a, "一月底制发");
  gint64 draft = add_recommendation (f, f->unit_a, "草稿");
  g_autoptr(GPtrArray) list = NULL;

  /* A due date given on issue stays through delivery. */
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_recommendation_repository_move (f->vault, given, LD_RECOMMENDATION_ISSUED, "2026-01-31", NULL,
                                                     NULL, "2026-01-30", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  move (f, given, LD_RECOMMENDATION_ISSUED, "2026-01-31", NULL, "2026-02-15");
  move (f, month_end, LD_RECOMMENDATION_ISSUED, "2026-01-31", NULL, NULL);
  ld_test_login (f->vault, "boss");
  move (f, given, LD_RECOMMENDATION_DELIVERED, "2026-02-02", NULL, NULL);
  r = get_recommendation (f, given);
  g_assert_cmpstr (ld_recommendation_get_reply_due (r), ==, "2026-02-15");
  g_assert_false (ld_recommendation_is_reply_overdue (r, &on_due));
  g_assert_true (ld_recommendation_is_reply_overdue (r, &day_after));
  g_clear_object (&r);

  /* 31 January + 30 days across a short February. */
  r = get_recommendation (f, month_end);
  g_assert_cmpstr (ld_recommendation_get_reply_due (r), ==, "2026-03-02");
  g_clear_object (&r);

  ld_recommendation_filter_init (&filter);
  filter.status = "reply-overdue";
  filter.as_of = &day_after;
  list = ld_recommendation_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_recommendation_get_id (list->pdata[0]), ==, given);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Replied: no longer owed. */
  move (f, given, LD_RECOMMENDATION_REPLIED, "2026-02-20", "已回复", NULL);
  list = ld_recommendation_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  ld_recommendation_filter_init (&filter);
  filter.status = "draft";
  list = ld_recommendation_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_recommendation_get_id (list->pdata[0]), ==, draft);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter.status = "sent";
  g_assert_null (ld_recommendation_repository_list (f->vault, &filter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

static void
test_spawn (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  g_autoptr(LdLedgerItem) first = NULL;
  g_autoptr(LdLedgerItem) second = NULL;
  LdLedgerItemSpec a, b, bad;
  LdLedgerFilter filter;
  GDate later = day ("2027-01-01");
  gint64 id = add_recommendation (f, f->unit_a, "关于加强资金监管的监察建议");
  gint64 items_before;

  ld_ledger_item_spec_init (&a);
  ld_ledger_item_spec_init (&b);
  ld_ledger_item_spec_init (&bad);
  a.problem = g_strdup ("专项资金拨付滞后");
  a.deadline = g_strdup ("2026-06-30");
  b.problem = g_strdup ("台账不全");
  b.unit_id = f->unit_a1;
  b.person = g_strdup ("李会计");
  g_ptr_array_add (specs, &a);
  g_ptr_array_add (specs, &b);

  /* Not from a draft. */
  g_assert_false (ld_recommendation_repository_spawn_ledger_items (f->vault, id, specs, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  issue (f, id, "2026-03-02");

  /* All or nothing: a bad third spec stores none. */
  g_ptr_array_add (specs, &bad);
  items_before = count (f, "SELECT count(*) FROM ledger_items");
  g_assert_false (ld_recommendation_repository_spawn_ledger_items (f->vault, id, specs, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_items"), ==, items_before);
  g_ptr_array_remove_index (specs, 2);

  g_assert_true (ld_recommendation_repository_spawn_ledger_items (f->vault, id, specs, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  first = get_item (f, g_array_index (ids, gint64, 0));
  second = get_item (f, g_array_index (ids, gint64, 1));
  g_assert_cmpstr (ld_ledger_item_get_source (first), ==, "recommendation");
  g_assert_cmpint (ld_ledger_item_get_recommendation_id (first), ==, id);
  g_assert_cmpint (ld_ledger_item_get_unit_id (first), ==, f->unit_a);
  g_assert_cmpstr (ld_ledger_item_get_source_ref (first), ==, "监建〔2026〕3号");
  g_assert_cmpint (ld_ledger_item_get_unit_id (second), ==, f->unit_a1);
  g_assert_cmpstr (ld_ledger_item_get_person (second), ==, "李会计");

  r = get_recommendation (f, id);
  g_assert_nonnull (strstr (ld_ledger_item_get_recommendation_reg_no (first), "-J0001"));
  g_assert_cmpuint (ld_recommendation_get_n_items (r), ==, 2);
  g_assert_cmpuint (ld_recommendation_get_n_open_items (r), ==, 2);

  ld_ledger_filter_init (&filter);
  filter.recommendation_id = id;
  g_assert_cmpuint (list_count (f, &filter), ==, 2);
  filter.status = "overdue";
  filter.as_of = &later;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);

  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'recommendation.spawn'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.create'"), ==, 2);

  /* An empty batch is refused. */
  g_ptr_array_set_size (specs, 0);
  g_assert_false (ld_recommendation_repository_spawn_ledger_items (f->vault, id, specs, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  ld_ledger_item_spec_clear (&a);
  ld_ledger_item_spec_clear (&b);
  ld_ledger_item_spec_clear (&bad);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdRecommendation) r = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id = add_recommendation (f, f->unit_b, "关于加强廉政风险防控的建议");

  issue (f, id, "2026-03-02");
  g_assert_false (ld_recommendation_repository_add_event (f->vault, id, "party", "2026-04-01", NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_add_event (f->vault, id, "revisit", "2026-04-01", NULL, "2026-03-01",
                                                          &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ld_recommendation_repository_add_event (f->vault, id, "revisit", "2026-04-01", "回访座谈",
                                                         "2026-07-01", &error));
  g_assert_no_error (error);
  r = get_recommendation (f, id);
  g_assert_cmpstr (ld_recommendation_get_next_visit_date (r), ==, "2026-07-01");
  g_clear_object (&r);

  /* NULL keeps the planned visit. */
  g_assert_true (ld_recommendation_repository_add_event (f->vault, id, "onsite", "2026-05-10", "现场督办", NULL,
                                                         &error));
  g_assert_no_error (error);
  r = get_recommendation (f, id);
  g_assert_cmpstr (ld_recommendation_get_next_visit_date (r), ==, "2026-07-01");
  g_clear_object (&r);

  /* "" clears it. */
  g_assert_true (ld_recommendation_repository_add_event (f->vault, id, "lookback", "2026-07-01", "回头看", "",
                                                         &error));
  g_assert_no_error (error);
  r = get_recommendation (f, id);
  g_assert_cmpstr (ld_recommendation_get_next_visit_date (r), ==, "");

  events = ld_recommendation_repository_list_events (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (((LdRecommendationEvent *) events->pdata[1])->kind, ==, "revisit");
  g_assert_cmpstr (((LdRecommendationEvent *) events->pdata[1])->note, ==, "回访座谈");
  g_assert_cmpstr (((LdRecommendationEvent *) events->pdata[2])->kind, ==, "onsite");
  g_assert_cmpstr (((LdRecommendationEvent *) events->pdata[3])->kind_label, ==,
                   ld_recommendation_event_get_label ("lookback"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'recommendation.event'"), ==, 3);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) recs = NULL;
  gint64 in_a1 = add_item (f, f->unit_a1, "audit", "甲单位问题", "2026-06-30");
  gint64 in_b = add_item (f, f->unit_b, "audit", "乙单位问题", "2026-06-30");
  gint64 rec_b = add_recommendation (f, f->unit_b, "致乙单位");

  ld_test_login (f->vault, "inv");
  items = ld_ledger_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (ld_ledger_item_get_id (items->pdata[0]), ==, in_a1);

  g_assert_null (ld_ledger_repository_get (f->vault, in_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_add_progress (f->vault, in_b, "2026-04-01", "越权", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_ledger_repository_versions (f->vault, in_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ld_ledger_item_spec_init (&spec);
  spec.unit_id = f->unit_b;
  spec.source = g_strdup ("audit");
  spec.problem = g_strdup ("越权登记");
  g_assert_false (ld_ledger_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nor an item of A tied to B's recommendation. */
  spec.unit_id = f->unit_a;
  ld_ledger_item_spec_set (&spec.source, "recommendation");
  spec.recommendation_id = rec_b;
  g_assert_false (ld_ledger_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (ld_recommendation_repository_get (f->vault, rec_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, rec_b, LD_RECOMMENDATION_DELIVERED, "2026-04-01", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  recs = ld_recommendation_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recs->len, ==, 0);
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdLedgerItemSpec) spec = { 0 };
  g_auto(LdRecommendationSpec) rspec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  gint64 id = add_item (f, f->unit_a, "audit", "查阅测试", "2026-06-30");
  gint64 rec = add_recommendation (f, f->unit_a, "查阅测试建议");

  ld_test_login (f->vault, "viewer");
  item = ld_ledger_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_object_unref (ld_recommendation_repository_get (f->vault, rec, &error));
  g_assert_no_error (error);

  ld_ledger_item_spec_init_from_item (&spec, item);
  g_assert_false (ld_ledger_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, "2026-04-01", "查看", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_set_status (f->vault, id, LD_LEDGER_ONGOING, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_ledger_repository_sign_off (f->vault, id, "2026-04-01", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_recommendation_spec_init (&rspec);
  rspec.unit_id = f->unit_a;
  rspec.kind = g_strdup ("joint");
  rspec.title = g_strdup ("越权起草");
  g_assert_false (ld_recommendation_repository_create (f->vault, &rspec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_recommendation_repository_move (f->vault, rec, LD_RECOMMENDATION_ISSUED, "2026-04-01", NULL,
                                                     NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The leader issues but does not draft. */
  ld_test_login (f->vault, "lead");
  g_assert_false (ld_recommendation_repository_create (f->vault, &rspec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger_progress"), ==, 0);
}

static void
test_versions_audit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  LdCadreVersion *v;
  gint64 id = add_item (f, f->unit_a, "analysis", "选人用人把关不严", "2026-06-30");
  gint64 rec = add_recommendation (f, f->unit_b, "版本测试");

  g_assert_true (ld_ledger_repository_add_progress (f->vault, id, "2026-04-01", "已谈话提醒", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_ledger_repository_retire (f->vault, id, "并入他项", &error));
  g_assert_no_error (error);

  versions = ld_ledger_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  v = versions->pdata[0];
  g_assert_cmpint (v->seq, ==, 1);
  g_assert_cmpstr (v->event, ==, "ledger.create");
  g_assert_cmpstr (v->account, ==, "boss");
  g_assert_nonnull (strstr (v->after, "problem=选人用人把关不严"));
  v = versions->pdata[1];
  g_assert_cmpstr (v->event, ==, "ledger.progress");
  g_assert_nonnull (strstr (v->before, "status=not-started"));
  g_assert_nonnull (strstr (v->after, "status=in-progress"));
  g_assert_nonnull (strstr (v->after, "progress=2026-04-01 已谈话提醒"));
  v = versions->pdata[2];
  g_assert_cmpstr (v->event, ==, "ledger.retire");
  g_assert_nonnull (strstr (v->after, "retired_reason=并入他项"));
  g_clear_pointer (&versions, g_ptr_array_unref);

  g_assert_true (ld_ledger_item_field_get_label ("signed_off_date") != NULL);
  g_assert_true (ld_ledger_item_field_get_label ("progress") != NULL);
  g_assert_null (ld_ledger_item_field_get_label ("nonsense"));
  g_assert_nonnull (ld_recommendation_field_get_label ("reply_due"));

  /* Retired: read-only, and out of the default list. */
  g_assert_false (ld_ledger_repository_add_progress (f->vault, id, "2026-04-02", "再推进", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  issue (f, rec, "2026-03-02");
  versions = ld_recommendation_repository_versions (f->vault, rec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = versions->pdata[1];
  g_assert_cmpstr (v->event, ==, "recommendation.issue");
  g_assert_cmpstr (v->account, ==, "lead");
  g_assert_nonnull (strstr (v->after, "status=issued"));
  g_assert_nonnull (strstr (v->after, "reply_due=2026-04-01"));

  /* Audit rows name the record and the fields, never the contents. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.create'"
                             " AND object_type = 'ledger'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.retire'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'recommendation.create'"
                             " AND object_type = 'recommendation'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE details LIKE '%选人用人%'"
                             " OR details LIKE '%谈话提醒%' OR details LIKE '%版本测试%'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'ledger.progress'"
                             " AND details LIKE '%fields=status,progress%'"), ==, 1);
}

static void
test_attachment (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *path = g_build_filename (f->dir, "整改报告.pdf", NULL);
  gint64 id = add_item (f, f->unit_a, "inspection", "佐证材料测试", "2026-06-30");
  gint64 in_b = add_item (f, f->unit_b, "inspection", "乙单位", "2026-06-30");
  gint64 attachment = 0;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 rectification report", -1, NULL));
  g_assert_true (ld_attachment_repository_add (f->vault, "ledger", id, path, &attachment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attachment, >, 0);

  item = get_item (f, id);
  g_assert_cmpuint (ld_ledger_item_get_n_attachments (item), ==, 1);
  list = ld_attachment_repository_list (f->vault, "ledger", id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((LdAttachment *) list->pdata[0])->owner_type, ==, "ledger");
  g_assert_cmpint (((LdAttachment *) list->pdata[0])->cadre_id, ==, 0);
  g_assert_cmpstr (((LdAttachment *) list->pdata[0])->name, ==, "整改报告.pdf");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* In the item's history and audited on the item. */
  versions = ld_ledger_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((LdCadreVersion *) versions->pdata[1])->event, ==, LD_AUDIT_ATTACHMENT_ADDED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'attachment.added'"
                             " AND object_type = 'ledger'"), ==, 1);

  /* Unknown item, and out of scope: not found. */
  g_assert_false (ld_attachment_repository_add (f->vault, "ledger", 9999, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ld_test_login (f->vault, "inv");
  g_assert_null (ld_attachment_repository_list (f->vault, "ledger", in_b, FALSE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "ledger", in_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = ld_attachment_repository_list (f->vault, "ledger", id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  /* Retiring it goes through the item too. */
  ld_test_login (f->vault, "boss");
  g_assert_true (ld_attachment_repository_retire (f->vault, attachment, "扫描不清", &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  item = get_item (f, id);
  g_assert_cmpuint (ld_ledger_item_get_n_attachments (item), ==, 0);
}

/* Each vault takes a while to set up: the tests below share one where
 * they do not disturb each other's counts. */
static void
test_progress_moves (Fixture       *f,
                     gconstpointer  data)
{
  test_progress (f, data);
  test_moves (f, data);
}

static void
test_sign_off_evidence (Fixture       *f,
                        gconstpointer  data)
{
  test_sign_off (f, data);
  test_attachment (f, data);
}

static void
test_lifecycle_escalate (Fixture       *f,
                         gconstpointer  data)
{
  test_recommendation_lifecycle (f, data);
  test_escalate (f, data);
}

static void
test_reply_due_events (Fixture       *f,
                       gconstpointer  data)
{
  test_reply_due (f, data);
  test_events (f, data);
}

static void
test_spawn_viewer (Fixture       *f,
                   gconstpointer  data)
{
  test_spawn (f, data);
  test_viewer (f, data);
}

static void
test_versions_scope (Fixture       *f,
                     gconstpointer  data)
{
  test_versions_audit (f, data);
  test_scope (f, data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledgers/spec-validate", test_spec_validate);
  g_test_add ("/ledgers/create", Fixture, NULL, setup, test_create, teardown);
  g_test_add ("/ledgers/progress-moves", Fixture, NULL, setup, test_progress_moves, teardown);
  g_test_add ("/ledgers/future-dates", Fixture, NULL, setup, test_future_dates, teardown);
  g_test_add ("/ledgers/overdue", Fixture, NULL, setup, test_overdue, teardown);
  g_test_add ("/ledgers/sign-off-evidence", Fixture, NULL, setup, test_sign_off_evidence, teardown);
  g_test_add ("/ledgers/lifecycle-escalate", Fixture, NULL, setup, test_lifecycle_escalate, teardown);
  g_test_add ("/ledgers/reply-due-events", Fixture, NULL, setup, test_reply_due_events, teardown);
  g_test_add ("/ledgers/spawn-viewer", Fixture, NULL, setup, test_spawn_viewer, teardown);
  g_test_add ("/ledgers/versions-scope", Fixture, NULL, setup, test_versions_scope, teardown);

  return g_test_run ();
}
