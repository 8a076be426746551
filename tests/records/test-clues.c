/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-clues"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-record-history.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;   /* below A */
  gint64   unit_b;
  gint64   cadre_a;
  gint64   cadre_b;
} Fixture;

/* --- Fixtures ---------------------------------------------------------------------- */

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ld_sql_exec (_ld_vault_get_db (f->vault), sql, &error);
  g_assert_no_error (error);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault), sql, &error);

  g_assert_no_error (error);
  return text;
}

/* Admin, sec (secadmin), boss (investigator, every unit), inv
 * (investigator, unit A and below), viewer (viewer, every unit); units A,
 * A1 (below A) and B with one cadre in A and one in B; signed in as boss. */
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
  f->unit_a1 = ld_test_add_unit (f->vault, f->unit_a, "Office A1");
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

/* A petition inserted directly (the petition repository is another
 * part's): status as given, one reported person (the cadre, or a name). */
static gint64
add_petition (Fixture    *f,
              const char *reg_no,
              gint64      unit,
              const char *status,
              gint64      cadre,
              const char *name)
{
  g_autofree char *sql = NULL;
  g_autofree char *person = NULL;
  gint64 id = 0;

  sql = g_strdup_printf ("INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, real_name, categories,"
                         " summary, status, account, created_at, updated_at)"
                         " VALUES ('%s', %" G_GINT64_FORMAT ", 'accusation', 'CH_LETTER', '2026-02-26', 1,"
                         " 'INT,HS1', '反映违规收受礼金', '%s', 'boss', 1, 1)",
                         reg_no, unit, status);
  exec_sql (f, sql);
  id = sqlite3_last_insert_rowid (_ld_vault_get_db (f->vault));
  if (cadre > 0)
    person = g_strdup_printf ("INSERT INTO petition_persons (petition_id, cadre_id) VALUES (%" G_GINT64_FORMAT
                              ", %" G_GINT64_FORMAT ")", id, cadre);
  else
    person = g_strdup_printf ("INSERT INTO petition_persons (petition_id, name) VALUES (%" G_GINT64_FORMAT ", '%s')",
                              id, name);
  exec_sql (f, person);
  return id;
}

static gint64
add_clue (Fixture    *f,
          gint64      cadre,
          const char *person,
          gint64      unit,
          const char *received,
          const char *summary)
{
  g_auto(LdClueSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ld_clue_spec_init (&spec);
  spec.source = g_strdup ("SRC_INSPECTION");
  spec.received_date = g_strdup (received);
  spec.cadre_id = cadre;
  spec.person_name = g_strdup (person);
  spec.unit_id = unit;
  spec.summary = g_strdup (summary);
  g_assert_true (ld_clue_repository_create (f->vault, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LdClue *
get_clue (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  LdClue *clue = ld_clue_repository_get (f->vault, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (clue);
  return clue;
}

/* Everything a refused write must leave as it was. */
typedef struct
{
  gint64  versions;
  gint64  audit;
  gint64  steps;
  gint64  clues;
  char   *rows;
  char   *petitions;
} Snapshot;

static void
snapshot_take (Fixture  *f,
               Snapshot *s)
{
  s->versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions");
  s->audit = ld_test_audit_count (f->vault);
  s->steps = ld_test_count_rows (f->vault, "SELECT count(*) FROM clue_steps");
  s->clues = ld_test_count_rows (f->vault, "SELECT count(*) FROM clues");
  s->rows = query_text (f, "SELECT ifnull (group_concat (id || status || disposal || due_date || result || closed_date"
                           " || clearing || next_review_date || updated_at, '|'), '') FROM clues");
  s->petitions = query_text (f, "SELECT ifnull (group_concat (id || status || closed_date || result, '|'), '')"
                                " FROM petitions");
}

static void
snapshot_assert_same (Fixture  *f,
                      Snapshot *s)
{
  Snapshot now = { 0 };

  snapshot_take (f, &now);
  g_assert_cmpint (now.versions, ==, s->versions);
  g_assert_cmpint (now.audit, ==, s->audit);
  g_assert_cmpint (now.steps, ==, s->steps);
  g_assert_cmpint (now.clues, ==, s->clues);
  g_assert_cmpstr (now.rows, ==, s->rows);
  g_assert_cmpstr (now.petitions, ==, s->petitions);
  g_free (now.rows);
  g_free (now.petitions);
  g_free (s->rows);
  g_free (s->petitions);
}

/* --- Pure ----------------------------------------------------------------------------- */

static void
test_spec_validate (void)
{
  g_auto(LdClueSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  ld_clue_spec_init (&spec);
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "source");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  spec.source = g_strdup ("nowhere");
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "source");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  g_free (spec.source);
  spec.source = g_strdup ("SRC_AUDIT");
  spec.received_date = g_strdup ("2026-02-30");
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "received-date");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026年3月2日");
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "person");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  spec.person_name = g_strdup ("王五");
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "summary");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  spec.summary = g_strdup ("审计发现违规发放津贴");
  spec.categories = g_strdup ("HS1,XYZ");
  g_assert_false (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "categories");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  g_free (spec.categories);
  spec.categories = g_strdup ("HS1, INT");
  g_assert_true (ld_clue_spec_validate (&spec, &bad, &error));
  g_assert_no_error (error);
  g_assert_null (bad);

  /* Step actions: moves are labelled, free text is kept. */
  {
    g_autofree char *free_text = ld_clue_step_action_get_label ("寄送函询通知书");
    g_autofree char *move = ld_clue_step_action_get_label ("disposed:talk-letter");
    LdClueStep step = { .action = (char *) "closed:unfounded" };

    g_assert_cmpstr (free_text, ==, "寄送函询通知书");
    g_assert_cmpstr (move, !=, "disposed:talk-letter");
    g_assert_true (ld_clue_step_is_move (&step));
    step.action = (char *) "closed:nonsense";
    g_assert_false (ld_clue_step_is_move (&step));
  }
}

/* --- The full path ------------------------------------------------------------------------ */

static void
test_petition_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *status = NULL;
  gint64 petition, id = 0, step_id = 0;

  /* A holiday on Tuesday 2026-03-10 moves the 15-working-day limit of an
   * approval on Monday 2026-03-02 from 03-23 to 03-24. */
  g_assert_true (ld_calendar_repository_set (f->vault, "2026-03-10", LD_DAY_HOLIDAY, "test holiday", &error));
  g_assert_no_error (error);

  petition = add_petition (f, "2026-0001", f->unit_a, "registered", f->cadre_a, NULL);
  g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, NULL, &id, &error));
  g_assert_no_error (error);

  /* The petition became accepted, versioned, in the same transaction. */
  status = query_text (f, "SELECT status FROM petitions WHERE reg_no = '2026-0001'");
  g_assert_cmpstr (status, ==, "accepted");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions WHERE record_type = 'petition'"
                                                 " AND after LIKE '%status=accepted%'"), ==, 1);

  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_reg_no (clue), ==, "2026-X0001");
  g_assert_cmpint (ld_clue_get_unit_id (clue), ==, f->unit_a);
  g_assert_cmpstr (ld_clue_get_unit_name (clue), ==, "Dept A");
  g_assert_cmpint (ld_clue_get_petition_id (clue), ==, petition);
  g_assert_cmpstr (ld_clue_get_petition_reg_no (clue), ==, "2026-0001");
  g_assert_cmpint (ld_clue_get_cadre_id (clue), ==, f->cadre_a);
  g_assert_cmpstr (ld_clue_get_person (clue), ==, "张三");
  g_assert_cmpstr (ld_clue_get_categories (clue), ==, "INT,HS1");
  g_assert_cmpstr (ld_clue_get_source (clue), ==, "CH_LETTER");
  g_assert_cmpstr (ld_clue_get_received_date (clue), ==, "2026-02-26");
  g_assert_cmpstr (ld_clue_get_summary (clue), ==, "反映违规收受礼金");
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "pending");
  g_assert_cmpstr (ld_clue_get_status_label (clue), !=, "");
  g_assert_true (ld_clue_is_open (clue));
  g_clear_object (&clue);

  /* Dispose: talk and letter inquiry, approved. */
  g_assert_true (ld_clue_repository_dispose (f->vault, id, "talk-letter", "王书记", "2026-03-02", "经集体研究",
                                             &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "handling");
  g_assert_cmpstr (ld_clue_get_disposal (clue), ==, "talk-letter");
  g_assert_cmpstr (ld_clue_get_approved_by (clue), ==, "王书记");
  g_assert_cmpstr (ld_clue_get_approved_date (clue), ==, "2026-03-02");
  g_assert_cmpstr (ld_clue_get_due_date (clue), ==, "2026-03-24");
  g_clear_object (&clue);

  /* Overdue on 03-25, not on 03-24. */
  {
    LdClueFilter filter;
    g_autoptr(GPtrArray) late = NULL;

    ld_clue_filter_init (&filter);
    filter.overdue_as_of = "2026-03-24";
    late = ld_clue_repository_list (f->vault, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (late->len, ==, 0);
    g_clear_pointer (&late, g_ptr_array_unref);
    filter.overdue_as_of = "2026-03-25";
    late = ld_clue_repository_list (f->vault, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (late->len, ==, 1);
  }

  /* Free steps. */
  g_assert_true (ld_clue_repository_add_step (f->vault, id, "2026-03-03", "寄送函询通知书", NULL, &step_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (step_id, >, 0);
  g_assert_true (ld_clue_repository_add_step (f->vault, id, "2026-03-16", "收到书面说明", "说明已签字", NULL, &error));
  g_assert_no_error (error);

  /* Close unfounded with the clearing: the petition closes too. */
  g_assert_true (ld_clue_repository_close (f->vault, id, "unfounded", "2026-03-20", "在单位会议上澄清正名",
                                           "2026-03-25", "反映问题失实", &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "closed");
  g_assert_cmpstr (ld_clue_get_result (clue), ==, "unfounded");
  g_assert_cmpstr (ld_clue_get_result_label (clue), !=, "");
  g_assert_cmpstr (ld_clue_get_closed_date (clue), ==, "2026-03-20");
  g_assert_cmpstr (ld_clue_get_clearing (clue), ==, "在单位会议上澄清正名");
  g_assert_cmpstr (ld_clue_get_clearing_date (clue), ==, "2026-03-25");
  g_assert_false (ld_clue_is_open (clue));
  g_clear_pointer (&status, g_free);
  status = query_text (f, "SELECT status || ' ' || closed_date || ' ' || result FROM petitions WHERE reg_no = '2026-0001'");
  g_assert_cmpstr (status, ==, "closed 2026-03-20 unfounded");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions WHERE record_type = 'petition'"), ==, 2);

  /* Steps in order, moves recognised. */
  steps = ld_clue_repository_list_steps (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 6);
  {
    const char *actions[] = { "created", "disposed:talk-letter", "寄送函询通知书", "收到书面说明", "closed:unfounded",
                              "clearing" };

    for (guint i = 0; i < steps->len; i++)
      {
        LdClueStep *step = g_ptr_array_index (steps, i);

        g_assert_cmpstr (step->action, ==, actions[i]);
        g_assert_cmpstr (step->account, ==, "boss");
        g_assert_cmpint (ld_clue_step_is_move (step), ==, i != 2 && i != 3);
      }
    g_assert_cmpstr (((LdClueStep *) g_ptr_array_index (steps, 1))->step_date, ==, "2026-03-02");
    g_assert_cmpstr (((LdClueStep *) g_ptr_array_index (steps, 1))->note, ==, "经集体研究");
    g_assert_cmpstr (((LdClueStep *) g_ptr_array_index (steps, 3))->note, ==, "说明已签字");
  }

  /* Versions and audit. */
  versions = ld_clue_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 5);   /* created, disposed, 2 steps, closed */
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 0))->event, ==, LD_AUDIT_CLUE_CREATED);
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 1))->event, ==, LD_AUDIT_CLUE_DISPOSED);
  g_assert_nonnull (strstr (((LdCadreVersion *) g_ptr_array_index (versions, 1))->after, "due_date=2026-03-24"));
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 4))->event, ==, LD_AUDIT_CLUE_CLOSED);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.created'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.disposed'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.step'"), ==, 2);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.closed'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'petition.moved'"
                                                 " AND object_type = 'petition' AND details LIKE 'reg_no=2026-0001;%'"
                                                 " AND details LIKE '%clue=2026-X0001'"), ==, 2);
  /* The audit names codes, never the texts. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE details LIKE '%礼金%'"
                                                 " OR details LIKE '%澄清%'"), ==, 0);

  /* A closed unfounded clue still takes a free step and a new clearing. */
  g_assert_true (ld_clue_repository_set_clearing (f->vault, id, "书面通报澄清", "2026-03-30", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.clearing'"), ==, 1);
}

static void
test_petition_two_clues (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autofree char *status = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  gint64 petition, first = 0, second = 0;

  petition = add_petition (f, "2026-0007", f->unit_a, "accepted", 0, "赵六");
  g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, NULL, &first, &error));
  g_assert_no_error (error);
  clue = get_clue (f, first);
  g_assert_cmpint (ld_clue_get_cadre_id (clue), ==, 0);
  g_assert_cmpstr (ld_clue_get_person (clue), ==, "赵六");
  g_clear_object (&clue);
  /* An accepted petition stays accepted: no version. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions WHERE record_type = 'petition'"), ==, 0);

  /* The second clue gives its own summary, cadre and categories. */
  ld_clue_spec_init (&spec);
  spec.summary = g_strdup ("另一问题");
  spec.cadre_id = f->cadre_a;
  spec.categories = g_strdup ("LAW");
  g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, &spec, &second, &error));
  g_assert_no_error (error);
  clue = get_clue (f, second);
  g_assert_cmpstr (ld_clue_get_summary (clue), ==, "另一问题");
  g_assert_cmpint (ld_clue_get_cadre_id (clue), ==, f->cadre_a);
  g_assert_cmpstr (ld_clue_get_categories (clue), ==, "LAW");
  g_assert_cmpstr (ld_clue_get_reg_no (clue), ==, "2026-X0002");
  g_clear_object (&clue);

  /* Closing the first (a pending one: 予以了结, approved) leaves the
   * petition open. An approval after the closing is refused. */
  g_assert_false (ld_clue_repository_close_approved (f->vault, first, "uncheckable", "2026-03-05", "王书记",
                                                     "2026-03-06", NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_clue_repository_close_approved (f->vault, first, "uncheckable", "2026-03-05", "王书记",
                                                     NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_clue_repository_close_approved (f->vault, first, "uncheckable", "2026-03-05", "王书记",
                                                    "2026-03-04", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  clue = get_clue (f, first);
  g_assert_cmpstr (ld_clue_get_disposal (clue), ==, "close");
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "closed");
  g_assert_cmpstr (ld_clue_get_approved_by (clue), ==, "王书记");
  g_assert_cmpstr (ld_clue_get_approved_date (clue), ==, "2026-03-04");
  g_clear_object (&clue);
  status = query_text (f, "SELECT status FROM petitions WHERE id = (SELECT max (id) FROM petitions)");
  g_assert_cmpstr (status, ==, "accepted");

  /* A retired clue does not keep the petition open. */
  {
    gint64 third = 0;

    g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, NULL, &third, &error));
    g_assert_true (ld_clue_repository_retire (f->vault, third, "重复登记", &error));
    g_assert_no_error (error);
  }

  g_assert_true (ld_clue_repository_dispose (f->vault, second, "verify", "王书记", "2026-03-04", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_close (f->vault, second, "founded", "2026-04-01", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = query_text (f, "SELECT status || ' ' || result FROM petitions WHERE id = (SELECT max (id) FROM petitions)");
  g_assert_cmpstr (status, ==, "closed founded");

  /* A closed petition takes no new clue; nothing is written. */
  {
    Snapshot s = { 0 };
    gint64 counter = ld_test_count_rows (f->vault, "SELECT last FROM reg_counters WHERE kind = 'clue'");

    snapshot_take (f, &s);
    g_assert_false (ld_clue_repository_create_from_petition (f->vault, petition, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    snapshot_assert_same (f, &s);
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT last FROM reg_counters WHERE kind = 'clue'"), ==, counter);
  }
}

/* --- Verify, hold, reactivate ------------------------------------------------------------- */

static void
test_verify_hold (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  gint64 id;

  id = add_clue (f, f->cadre_a, NULL, 0, "2026-03-20", "巡察移交：违规公款吃喝");
  clue = get_clue (f, id);
  g_assert_cmpint (ld_clue_get_unit_id (clue), ==, f->unit_a);   /* the cadre's unit */
  g_assert_cmpstr (ld_clue_get_source (clue), ==, "SRC_INSPECTION");
  g_assert_cmpstr (ld_clue_get_petition_reg_no (clue), ==, "");
  g_clear_object (&clue);

  /* Verify: three months, clamped to the end of June. */
  g_assert_true (ld_clue_repository_dispose (f->vault, id, "verify", "王书记", "2026-03-31", NULL, &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_due_date (clue), ==, "2026-06-30");
  g_clear_object (&clue);

  /* Hold: held, no limit, a next review date. */
  g_assert_true (ld_clue_repository_dispose (f->vault, id, "hold", "王书记", "2026-04-10", "证据不足", &error));
  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_set_next_review (f->vault, id, "2026-10-01", &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "held");
  g_assert_cmpstr (ld_clue_get_due_date (clue), ==, "");
  g_assert_cmpstr (ld_clue_get_next_review_date (clue), ==, "2026-10-01");
  g_clear_object (&clue);

  /* Holding a held clue again is an illegal move. */
  {
    Snapshot s = { 0 };

    snapshot_take (f, &s);
    g_assert_false (ld_clue_repository_dispose (f->vault, id, "hold", "王书记", "2026-05-10", NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    snapshot_assert_same (f, &s);
  }

  /* Reactivated with a talk-letter inquiry. */
  g_assert_true (ld_clue_repository_dispose (f->vault, id, "谈话函询", "李书记", "2026-09-01", NULL, &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "handling");
  g_assert_cmpstr (ld_clue_get_disposal (clue), ==, "talk-letter");
  g_assert_cmpstr (ld_clue_get_approved_by (clue), ==, "李书记");
  g_assert_cmpstr (ld_clue_get_next_review_date (clue), ==, "");
  g_assert_cmpstr (ld_clue_get_due_date (clue), !=, "");
  g_clear_object (&clue);

  /* Transfer for case review: no limit. */
  g_assert_true (ld_clue_repository_dispose (f->vault, id, "case", "李书记", "2026-09-10", NULL, &error));
  g_assert_no_error (error);
  clue = get_clue (f, id);
  g_assert_cmpstr (ld_clue_get_due_date (clue), ==, "");
  g_clear_object (&clue);
  g_assert_true (ld_clue_repository_close (f->vault, id, "founded", "2026-12-01", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.disposed'"), ==, 4);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.review'"), ==, 1);
}

/* --- Refusals ------------------------------------------------------------------------------ */

static void
test_illegal_moves (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Snapshot s = { 0 };
  gint64 pending, closed;

  pending = add_clue (f, 0, "王五", f->unit_a, "2026-03-02", "匿名反映");
  closed = add_clue (f, f->cadre_a, NULL, 0, "2026-03-02", "审计移交");
  g_assert_true (ld_clue_repository_dispose (f->vault, closed, "verify", "王书记", "2026-03-03", NULL, &error));
  g_assert_true (ld_clue_repository_close (f->vault, closed, "partly", "2026-04-01", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

#define REFUSED(call, code) \
  G_STMT_START { \
    snapshot_take (f, &s); \
    g_assert_false (call); \
    g_assert_error (error, LD_ERROR, code); \
    g_assert_cmpstr (error->message, !=, ""); \
    g_clear_error (&error); \
    snapshot_assert_same (f, &s); \
  } G_STMT_END

  /* A closed clue is final. */
  REFUSED (ld_clue_repository_dispose (f->vault, closed, "talk-letter", "王书记", "2026-04-02", NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_close (f->vault, closed, "founded", "2026-04-02", NULL, NULL, NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_set_next_review (f->vault, closed, "2026-05-01", &error), LD_ERROR_INVALID);
  /* Clearing is for unfounded results only. */
  REFUSED (ld_clue_repository_set_clearing (f->vault, closed, "澄清", "2026-04-05", &error), LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_close (f->vault, pending, "founded", "2026-04-02", "澄清", "2026-04-03", NULL, &error),
           LD_ERROR_INVALID);
  /* A clearing date without the clearing. */
  REFUSED (ld_clue_repository_close (f->vault, pending, "unfounded", "2026-04-02", NULL, "2026-04-03", NULL, &error),
           LD_ERROR_INVALID);
  /* 予以了结 goes through close with a result. */
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "close", "王书记", "2026-03-03", NULL, &error),
           LD_ERROR_INVALID);
  /* A clue being handled closes without an approval of its own. */
  {
    gint64 handling = add_clue (f, f->cadre_a, NULL, 0, "2026-03-02", "核实中");

    g_assert_true (ld_clue_repository_dispose (f->vault, handling, "verify", "王书记", "2026-03-03", NULL, &error));
    g_assert_no_error (error);
    REFUSED (ld_clue_repository_close_approved (f->vault, handling, "founded", "2026-04-02", "王书记", "2026-04-01",
                                                NULL, NULL, NULL, &error),
             LD_ERROR_INVALID);
  }
  /* Unknown codes, missing approval, dates before receipt. */
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "nothing", "王书记", "2026-03-03", NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "verify", "", "2026-03-03", NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "verify", "王书记", "", NULL, &error), LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "verify", "王书记", "2026-03-01", NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_close (f->vault, pending, "maybe", "2026-04-02", NULL, NULL, NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_close (f->vault, pending, "founded", "2026-02-01", NULL, NULL, NULL, &error),
           LD_ERROR_INVALID);
  /* Only a held clue has a review date. */
  REFUSED (ld_clue_repository_set_next_review (f->vault, pending, "2026-05-01", &error), LD_ERROR_INVALID);
  /* Free steps may not pretend to be moves. */
  REFUSED (ld_clue_repository_add_step (f->vault, pending, "2026-03-05", "closed:founded", NULL, NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_add_step (f->vault, pending, "2026-03-05", "", NULL, NULL, &error), LD_ERROR_INVALID);
  /* Unknown clue. */
  REFUSED (ld_clue_repository_dispose (f->vault, 9999, "verify", "王书记", "2026-03-03", NULL, &error),
           LD_ERROR_NOT_FOUND);
  /* A description change of a closed clue. */
  {
    g_auto(LdClueSpec) spec = { 0 };

    ld_clue_spec_init (&spec);
    spec.summary = g_strdup ("改");
    REFUSED (ld_clue_repository_update (f->vault, closed, &spec, &error), LD_ERROR_INVALID);
  }
  /* A clue in a unit of nobody's without a cadre or unit. */
  {
    g_auto(LdClueSpec) spec = { 0 };

    ld_clue_spec_init (&spec);
    spec.source = g_strdup ("SRC_AUDIT");
    spec.received_date = g_strdup ("2026-03-02");
    spec.person_name = g_strdup ("某某");
    spec.summary = g_strdup ("无单位");
    REFUSED (ld_clue_repository_create (f->vault, &spec, NULL, &error), LD_ERROR_INVALID);
  }
  /* Retired: read-only. */
  g_assert_true (ld_clue_repository_retire (f->vault, pending, "误登记", &error));
  g_assert_no_error (error);
  REFUSED (ld_clue_repository_dispose (f->vault, pending, "verify", "王书记", "2026-03-03", NULL, &error),
           LD_ERROR_INVALID);
  REFUSED (ld_clue_repository_retire (f->vault, pending, "again", &error), LD_ERROR_INVALID);
#undef REFUSED
}

/* --- Scope and permissions ------------------------------------------------------------------ */

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(LdClue) clue = NULL;
  gint64 in_a, in_a1, in_b, petition_b;
  g_auto(LdClueSpec) spec = { 0 };
  Snapshot s = { 0 };
  guint count = 0;

  in_a = add_clue (f, f->cadre_a, NULL, 0, "2026-03-02", "A 的线索");
  in_a1 = add_clue (f, 0, "钱七", f->unit_a1, "2025-12-01", "A1 的线索");
  in_b = add_clue (f, f->cadre_b, NULL, 0, "2026-03-05", "B 的线索");
  petition_b = add_petition (f, "2026-0002", f->unit_b, "registered", f->cadre_b, NULL);

  ld_test_login (f->vault, "inv");
  list = ld_clue_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ld_clue_get_id (g_ptr_array_index (list, 0)), ==, in_a);   /* newest first */
  g_assert_cmpint (ld_clue_get_id (g_ptr_array_index (list, 1)), ==, in_a1);
  g_assert_true (ld_clue_repository_count (f->vault, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 2);

  g_assert_null (ld_clue_repository_get (f->vault, in_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_clue_repository_list_steps (f->vault, in_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_clue_repository_versions (f->vault, in_b, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  snapshot_take (f, &s);
  g_assert_false (ld_clue_repository_dispose (f->vault, in_b, "verify", "王书记", "2026-03-06", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_clue_repository_create_from_petition (f->vault, petition_b, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ld_clue_spec_init (&spec);
  spec.source = g_strdup ("SRC_AUDIT");
  spec.received_date = g_strdup ("2026-03-02");
  spec.cadre_id = f->cadre_b;
  spec.summary = g_strdup ("越权");
  g_assert_false (ld_clue_repository_create (f->vault, &spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  spec.cadre_id = 0;
  spec.person_name = g_strdup ("某人");
  spec.unit_id = f->unit_b;
  g_assert_false (ld_clue_repository_create (f->vault, &spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  snapshot_assert_same (f, &s);

  /* Within the scope the investigator works normally. */
  g_assert_true (ld_clue_repository_dispose (f->vault, in_a1, "talk-letter", "王书记", "2026-03-02", NULL, &error));
  g_assert_no_error (error);
  clue = get_clue (f, in_a1);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "handling");
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  gint64 id, versions, steps_before, clues;

  id = add_clue (f, f->cadre_a, NULL, 0, "2026-03-02", "线索");
  ld_test_login (f->vault, "viewer");
  clue = get_clue (f, id);
  steps = ld_clue_repository_list_steps (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 1);

  versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions");
  steps_before = ld_test_count_rows (f->vault, "SELECT count(*) FROM clue_steps");
  clues = ld_test_count_rows (f->vault, "SELECT count(*) FROM clues");
  g_assert_false (ld_clue_repository_dispose (f->vault, id, "verify", "王书记", "2026-03-03", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_clue_repository_add_step (f->vault, id, "2026-03-03", "看看", NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_clue_repository_retire (f->vault, id, "不要", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_clue_spec_init (&spec);
  spec.source = g_strdup ("SRC_AUDIT");
  spec.received_date = g_strdup ("2026-03-02");
  spec.cadre_id = f->cadre_a;
  spec.summary = g_strdup ("查阅人员登记");
  g_assert_false (ld_clue_repository_create (f->vault, &spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM record_versions"), ==, versions);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM clue_steps"), ==, steps_before);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM clues"), ==, clues);
  g_assert_cmpstr (ld_clue_get_status (clue), ==, "pending");
}

/* --- Lists, edits, talks -------------------------------------------------------------------- */

static guint
list_count (Fixture      *f,
            LdClueFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ld_clue_repository_list (f->vault, filter, &error);
  guint count = 0;

  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_count (f->vault, filter, &count, &error));
  g_assert_no_error (error);
  if (filter->limit == 0 && filter->offset == 0)
    g_assert_cmpuint (count, ==, list->len);
  return list->len;
}

static void
test_list_update (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GArray) talks = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_auto(LdClueSpec) spec = { 0 };
  LdClueFilter filter;
  gint64 a, a1, b, petition, from_petition = 0;

  a = add_clue (f, f->cadre_a, NULL, 0, "2026-03-02", "公车私用");
  a1 = add_clue (f, 0, "钱七", f->unit_a1, "2025-12-01", "违规发放补贴");
  b = add_clue (f, f->cadre_b, NULL, 0, "2026-03-05", "收受礼品 50%");
  petition = add_petition (f, "2026-0003", f->unit_b, "registered", f->cadre_b, NULL);
  g_assert_true (ld_clue_repository_create_from_petition (f->vault, petition, NULL, &from_petition, &error));
  g_assert_no_error (error);
  g_assert_true (ld_clue_repository_dispose (f->vault, a, "talk-letter", "王书记", "2026-03-02", NULL, &error));
  g_assert_true (ld_clue_repository_dispose (f->vault, b, "hold", "王书记", "2026-03-06", NULL, &error));
  g_assert_no_error (error);

  ld_clue_filter_init (&filter);
  g_assert_cmpuint (list_count (f, &filter), ==, 4);
  filter.unit_id = f->unit_a;            /* subtree */
  g_assert_cmpuint (list_count (f, &filter), ==, 2);
  filter.unit_id = f->unit_a1;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  ld_clue_filter_init (&filter);
  filter.status = "handling";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.status = "open";
  g_assert_cmpuint (list_count (f, &filter), ==, 4);
  filter.status = "nonsense";
  {
    g_autoptr(GPtrArray) none = ld_clue_repository_list (f->vault, &filter, &error);

    g_assert_null (none);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
  }
  ld_clue_filter_init (&filter);
  filter.disposal = "hold";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  ld_clue_filter_init (&filter);
  filter.year = 2025;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  ld_clue_filter_init (&filter);
  filter.cadre_id = f->cadre_b;
  g_assert_cmpuint (list_count (f, &filter), ==, 2);
  ld_clue_filter_init (&filter);
  filter.petition_id = petition;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  ld_clue_filter_init (&filter);
  filter.text = "50%";                  /* LIKE wildcards are literal */
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.text = "钱七";                  /* the person */
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  filter.text = "2026-X0001";
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  ld_clue_filter_init (&filter);
  filter.limit = 2;
  filter.offset = 3;
  g_assert_cmpuint (list_count (f, &filter), ==, 1);
  {
    g_autoptr(GPtrArray) mine = ld_clue_repository_list_for_cadre (f->vault, f->cadre_b, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, ==, 2);
  }

  /* Update: summary, categories, the person (a new cadre moves the unit). */
  ld_clue_spec_init (&spec);
  spec.summary = g_strdup ("公车私用（补充）");
  spec.categories = g_strdup ("HS4");
  g_assert_true (ld_clue_repository_update (f->vault, a1, &spec, &error));
  g_assert_no_error (error);
  ld_clue_spec_clear (&spec);
  spec.cadre_id = f->cadre_a;
  g_assert_true (ld_clue_repository_update (f->vault, a1, &spec, &error));
  g_assert_no_error (error);
  clue = get_clue (f, a1);
  g_assert_cmpstr (ld_clue_get_summary (clue), ==, "公车私用（补充）");
  g_assert_cmpstr (ld_clue_get_categories (clue), ==, "HS4");
  g_assert_cmpint (ld_clue_get_cadre_id (clue), ==, f->cadre_a);
  g_assert_cmpstr (ld_clue_get_person (clue), ==, "张三");
  g_assert_cmpint (ld_clue_get_unit_id (clue), ==, f->unit_a);
  g_clear_object (&clue);
  versions = ld_clue_repository_versions (f->vault, a1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_nonnull (strstr (((LdCadreVersion *) g_ptr_array_index (versions, 1))->before, "summary=违规发放补贴"));
  /* Nothing changed: no version. */
  ld_clue_spec_clear (&spec);
  spec.categories = g_strdup ("HS4");
  g_assert_true (ld_clue_repository_update (f->vault, a1, &spec, &error));
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'clue.updated'"), ==, 2);

  /* Retired clues leave the default list. */
  g_assert_true (ld_clue_repository_retire (f->vault, a1, "重复", &error));
  g_assert_no_error (error);
  ld_clue_filter_init (&filter);
  g_assert_cmpuint (list_count (f, &filter), ==, 3);
  filter.include_retired = TRUE;
  g_assert_cmpuint (list_count (f, &filter), ==, 4);

  /* Talks serving the clue. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO talks (reg_no, unit_id, type, talk_date, clue_id, account,"
                                            " created_at, updated_at) VALUES ('2026-T0001', %" G_GINT64_FORMAT
                                            ", 'T_INQUIRY', '2026-03-10', %" G_GINT64_FORMAT ", 'boss', 1, 1),"
                                            " ('2026-T0002', %" G_GINT64_FORMAT ", 'T_INQUIRY', '2026-03-05', %"
                                            G_GINT64_FORMAT ", 'boss', 1, 1)",
                                            f->unit_a, a, f->unit_a, a);

    exec_sql (f, sql);
  }
  talks = ld_clue_repository_list_talk_ids (f->vault, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (talks->len, ==, 2);
  g_assert_cmpint (g_array_index (talks, gint64, 0), >, g_array_index (talks, gint64, 1));   /* by date */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clues/spec-validate", test_spec_validate);
  g_test_add ("/clues/petition-path", Fixture, NULL, setup, test_petition_path, teardown);
  g_test_add ("/clues/petition-two-clues", Fixture, NULL, setup, test_petition_two_clues, teardown);
  g_test_add ("/clues/verify-hold", Fixture, NULL, setup, test_verify_hold, teardown);
  g_test_add ("/clues/illegal-moves", Fixture, NULL, setup, test_illegal_moves, teardown);
  g_test_add ("/clues/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/clues/viewer", Fixture, NULL, setup, test_viewer, teardown);
  g_test_add ("/clues/list-update", Fixture, NULL, setup, test_list_update, teardown);

  return g_test_run ();
}
