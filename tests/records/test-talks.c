/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-talks"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-talk-private.h"
#include "records/ld-talk-repository.h"
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
  gint64   unit_b;
  gint64   cadre_a;    /* 张三, unit A */
  gint64   cadre_b;    /* 李四, unit B */
} Fixture;

/* sec, boss (investigator, every unit), inv (investigator, unit A only),
 * viewer (every unit); units A and B with one cadre each; signed in as
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
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
  f->cadre_a = ld_test_add_cadre (f->vault, f->unit_a, "张三", ids[0]);
  f->cadre_b = ld_test_add_cadre (f->vault, f->unit_b, "李四", ids[1]);
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

/* A spec of type on date for the cadre, with the talkers named. */
static void
spec_init (LdTalkSpec *spec,
           const char *type,
           const char *date,
           gint64      cadre_id,
           ...)
{
  va_list args;
  const char *talker;

  ld_talk_spec_init (spec);
  spec->type = g_strdup (type);
  spec->talk_date = g_strdup (date);
  ld_talk_spec_add_cadre (spec, cadre_id);
  va_start (args, cadre_id);
  while ((talker = va_arg (args, const char *)) != NULL)
    ld_talk_spec_add_talker (spec, talker);
  va_end (args);
}

static gint64
create_talk (Fixture          *f,
             const LdTalkSpec *spec,
             char            **reg_no)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ld_talk_repository_create (f->vault, spec, &id, reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_talk (Fixture    *f,
          const char *type,
          const char *date,
          gint64      cadre_id)
{
  g_auto(LdTalkSpec) spec = { 0 };

  spec_init (&spec, type, date, cadre_id, "王五", "赵六", NULL);
  return create_talk (f, &spec, NULL);
}

/* Asserts that nothing of a talk was written. */
static void
assert_nothing_written (Fixture *f,
                        gint64   audit_before)
{
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talk_persons"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions"), ==, 0);
  g_assert_cmpint (count (f, "SELECT ifnull (sum (last), 0) FROM reg_counters"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event LIKE 'talk.%'"), ==, 0);
  /* A refusal by permission is audited as a denial, nothing else. */
  g_assert_cmpint (ld_test_audit_count (f->vault) - audit_before, <=, 1);
}

/* --- Pure validation --------------------------------------------------------------- */

static void
test_validate (void)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_auto(LdTalkSpec) clean = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;

  spec_init (&spec, "t_inquiry", " 2026-3-5 ", 7, " 王五 ", "赵六", "王五", "", NULL);
  ld_talk_spec_add_cadre (&spec, 9);
  ld_talk_spec_add_cadre (&spec, 7);
  spec.talk_time = g_strdup ("9:05");
  spec.problems = g_strdup ("第一行\r\n第二行\n");
  spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
  spec.written_due = g_strdup ("2026/03/20");
  g_assert_true (ld_talk_spec_validate (&spec, &bad, &error));
  g_assert_no_error (error);
  g_assert_null (bad);
  g_assert_true (_ld_talk_spec_clean (&spec, &clean, NULL, &error));
  g_assert_cmpstr (clean.type, ==, "T_INQUIRY");
  g_assert_cmpstr (clean.talk_date, ==, "2026-03-05");
  g_assert_cmpstr (clean.talk_time, ==, "09:05");
  g_assert_cmpstr (clean.written_due, ==, "2026-03-20");
  g_assert_cmpstr (clean.problems, ==, "第一行\n第二行");
  g_assert_cmpuint (clean.talkers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (clean.talkers, 0), ==, "王五");
  g_assert_cmpstr (g_ptr_array_index (clean.talkers, 1), ==, "赵六");
  g_assert_cmpuint (clean.cadre_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (clean.cadre_ids, gint64, 0), ==, 7);
  g_assert_cmpint (g_array_index (clean.cadre_ids, gint64, 1), ==, 9);

  /* Each refusal names the bad field. */
  {
    static const struct { const char *member; const char *value; const char *key; } cases[] = {
      { "type", "", "type" },
      { "type", "T_CHAT", "type" },
      { "talk_date", "", "talk-date" },
      { "talk_date", "2026-02-30", "talk-date" },
      { "talk_date", "5 March", "talk-date" },
      { "talk_time", "25:00", "talk-time" },
      { "talk_time", "9", "talk-time" },
      { "written_due", "2026-03-04", "written-due" },
      { "written_received", "2026-13-01", "written-received" },
      { "followup_date", "2026-01-01", "followup-date" },
      { "place", "会议室\n二楼", "place" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(LdTalkSpec) s = { 0 };
        g_autoptr(GError) e = NULL;
        g_autofree char *key = NULL;
        char **member;

        spec_init (&s, "T_INQUIRY", "2026-03-05", 7, "王五", "赵六", NULL);
        s.written_required = LD_TALK_WRITTEN_EXPLANATION;
        if (g_str_equal (cases[i].member, "type"))
          member = &s.type;
        else if (g_str_equal (cases[i].member, "talk_date"))
          member = &s.talk_date;
        else if (g_str_equal (cases[i].member, "talk_time"))
          member = &s.talk_time;
        else if (g_str_equal (cases[i].member, "written_due"))
          member = &s.written_due;
        else if (g_str_equal (cases[i].member, "written_received"))
          member = &s.written_received;
        else if (g_str_equal (cases[i].member, "followup_date"))
          member = &s.followup_date;
        else
          member = &s.place;
        ld_talk_spec_set (member, cases[i].value);
        g_assert_false (ld_talk_spec_validate (&s, &key, &e));
        g_assert_error (e, LD_ERROR, LD_ERROR_INVALID);
        g_assert_cmpstr (key, ==, cases[i].key);
      }
  }

  /* No cadre; a due date without a written explanation required. */
  {
    g_auto(LdTalkSpec) s = { 0 };
    g_autoptr(GError) e = NULL;
    g_autofree char *key = NULL;

    ld_talk_spec_init (&s);
    s.type = g_strdup ("T_HEART");
    s.talk_date = g_strdup ("2026-03-05");
    g_assert_false (ld_talk_spec_validate (&s, &key, &e));
    g_assert_error (e, LD_ERROR, LD_ERROR_INVALID);
    g_assert_cmpstr (key, ==, "cadres");
    g_clear_error (&e);
    g_clear_pointer (&key, g_free);
    ld_talk_spec_add_cadre (&s, 3);
    s.written_due = g_strdup ("2026-03-20");
    g_assert_false (ld_talk_spec_validate (&s, &key, &e));
    g_assert_error (e, LD_ERROR, LD_ERROR_INVALID);
    g_assert_cmpstr (key, ==, "written-due");
  }

  /* History labels. */
  g_assert_cmpstr (ld_talk_field_get_label ("written_received"), ==, "Written explanation received");
  g_assert_cmpstr (ld_talk_field_get_label ("cadres"), ==, "Persons talked to");
  g_assert_null (ld_talk_field_get_label ("colour"));

  /* Written kinds. */
  {
    LdTalkWritten w = LD_TALK_WRITTEN_NONE;

    g_assert_true (ld_talk_written_from_string ("self-examination", &w));
    g_assert_cmpint (w, ==, LD_TALK_WRITTEN_SELF_EXAMINATION);
    g_assert_true (ld_talk_written_from_string ("书面说明", &w));
    g_assert_cmpint (w, ==, LD_TALK_WRITTEN_EXPLANATION);
    g_assert_true (ld_talk_written_from_string ("none", &w));
    g_assert_cmpint (w, ==, LD_TALK_WRITTEN_NONE);
    g_assert_false (ld_talk_written_from_string ("essay", &w));
    g_assert_cmpstr (ld_talk_written_to_string (LD_TALK_WRITTEN_EXPLANATION), ==, "explanation");
  }
}

static void
test_warnings (void)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_auto(GStrv) warnings = NULL;

  /* A discipline-organ talk with one talker: a warning, not a refusal. */
  spec_init (&spec, "T_INQUIRY", "2026-03-05", 7, "王五", " 王五 ", NULL);
  warnings = ld_talk_spec_check_warnings (&spec);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "two talkers"));
  g_assert_true (ld_talk_spec_validate (&spec, NULL, NULL));
  g_clear_pointer (&warnings, g_strfreev);

  ld_talk_spec_add_talker (&spec, "赵六");
  warnings = ld_talk_spec_check_warnings (&spec);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  g_clear_pointer (&warnings, g_strfreev);
  ld_talk_spec_clear (&spec);

  /* A heart-to-heart talk needs no second talker. */
  spec_init (&spec, "T_HEART", "2026-03-05", 7, "王五", NULL);
  warnings = ld_talk_spec_check_warnings (&spec);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  g_clear_pointer (&warnings, g_strfreev);
  ld_talk_spec_clear (&spec);

  /* Admonishment with nobody named, and a written explanation without a
   * due date: two warnings. */
  spec_init (&spec, "T_ADMONISH", "2026-03-05", 7, NULL);
  spec.written_required = LD_TALK_WRITTEN_SELF_EXAMINATION;
  warnings = ld_talk_spec_check_warnings (&spec);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
}

/* --- Create, update, retire ---------------------------------------------------------- */

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_auto(LdTalkSpec) edit = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *reg_no = NULL;
  g_autofree char *sql = NULL;
  LdCadreVersion *v;
  gint64 id, audit;

  spec_init (&spec, "T_INQUIRY", "2026-03-05", f->cadre_a, "王五", "赵六", NULL);
  spec.talk_time = g_strdup ("14:30");
  spec.place = g_strdup ("纪委谈话室");
  spec.recorder = g_strdup ("钱七");
  spec.reason = g_strdup ("反映其违规收受礼金");
  spec.problems = g_strdup ("春节期间收受礼金");
  spec.explanation = g_strdup ("已退还");
  spec.attitude = g_strdup ("态度端正");
  spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
  spec.written_due = g_strdup ("2026-03-20");
  spec.followup_date = g_strdup ("2026-06-01");
  audit = ld_test_audit_count (f->vault);
  id = create_talk (f, &spec, &reg_no);
  g_assert_cmpstr (reg_no, ==, "2026-T0001");
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit + 1);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = 'talk.created' AND object_type = 'talk'"
                         " AND object_id = '%" G_GINT64_FORMAT "' AND details LIKE 'reg_no=2026-T0001; version=1%%'"
                         " AND details NOT LIKE '%%礼金%%'",
                         id);
  g_assert_cmpint (count (f, sql), ==, 1);

  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_talk_get_id (talk), ==, id);
  g_assert_cmpstr (ld_talk_get_reg_no (talk), ==, "2026-T0001");
  g_assert_cmpint (ld_talk_get_unit_id (talk), ==, f->unit_a);
  g_assert_cmpstr (ld_talk_get_unit_name (talk), ==, "Dept A");
  g_assert_cmpstr (ld_talk_get_type_code (talk), ==, "T_INQUIRY");
  g_assert_cmpstr (ld_talk_get_type_label (talk), ==, "Talk or letter inquiry");
  g_assert_cmpstr (ld_talk_get_talk_date (talk), ==, "2026-03-05");
  g_assert_cmpstr (ld_talk_get_talk_time (talk), ==, "14:30");
  g_assert_cmpstr (ld_talk_get_place (talk), ==, "纪委谈话室");
  g_assert_cmpuint (ld_talk_get_n_talkers (talk), ==, 2);
  g_assert_cmpstr (ld_talk_get_talkers (talk)[1], ==, "赵六");
  g_assert_cmpstr (ld_talk_get_talkers_text (talk), ==, "王五、赵六");
  g_assert_cmpstr (ld_talk_get_recorder (talk), ==, "钱七");
  g_assert_cmpstr (ld_talk_get_problems (talk), ==, "春节期间收受礼金");
  g_assert_cmpint (ld_talk_get_written_required (talk), ==, LD_TALK_WRITTEN_EXPLANATION);
  g_assert_cmpstr (ld_talk_get_written_due (talk), ==, "2026-03-20");
  g_assert_cmpstr (ld_talk_get_written_received (talk), ==, "");
  g_assert_cmpstr (ld_talk_get_followup_date (talk), ==, "2026-06-01");
  g_assert_cmpuint (ld_talk_get_n_cadres (talk), ==, 1);
  g_assert_cmpstr (ld_talk_get_cadre_names (talk), ==, "张三");
  g_assert_cmpstr (ld_talk_get_account (talk), ==, "boss");
  g_assert_cmpint (ld_talk_get_retired_at (talk), ==, 0);
  g_assert_cmpint (ld_talk_get_clue_id (talk), ==, 0);
  g_assert_cmpint (ld_talk_get_measure_id (talk), ==, 0);
  g_assert_true (ld_talk_can_link_measure (talk));
  /* The properties are the getters. */
  {
    g_autofree char *type_label = NULL;
    g_auto(GStrv) talkers = NULL;
    guint n_cadres = 0;

    g_object_get (talk, "type-label", &type_label, "talkers", &talkers, "n-cadres", &n_cadres, NULL);
    g_assert_cmpstr (type_label, ==, "Talk or letter inquiry");
    g_assert_cmpuint (g_strv_length (talkers), ==, 2);
    g_assert_cmpuint (n_cadres, ==, 1);
  }

  /* Update: the written explanation arrived. */
  ld_talk_spec_init_from_talk (&edit, talk);
  ld_talk_spec_set (&edit.written_received, "2026-03-18");
  ld_talk_spec_set (&edit.attitude, "认识深刻");
  ld_talk_repository_update (f->vault, id, &edit, &error);
  g_assert_no_error (error);
  g_clear_object (&talk);
  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_cmpstr (ld_talk_get_written_received (talk), ==, "2026-03-18");
  g_assert_cmpstr (ld_talk_get_attitude (talk), ==, "认识深刻");
  g_assert_cmpstr (ld_talk_get_reg_no (talk), ==, "2026-T0001");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'talk.updated'"
                             " AND details LIKE '%version=2; fields=attitude,written_received'"), ==, 1);

  /* Nothing changed: nothing written. */
  audit = ld_test_audit_count (f->vault);
  ld_talk_repository_update (f->vault, id, &edit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit);

  versions = ld_talk_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = g_ptr_array_index (versions, 0);
  g_assert_cmpstr (v->event, ==, LD_AUDIT_TALK_CREATED);
  g_assert_cmpstr (v->account, ==, "boss");
  g_assert_nonnull (strstr (v->after, "reg_no=2026-T0001\n"));
  g_assert_nonnull (strstr (v->after, "talkers=王五\\n赵六\n"));
  v = g_ptr_array_index (versions, 1);
  g_assert_cmpstr (v->event, ==, LD_AUDIT_TALK_UPDATED);
  g_assert_nonnull (strstr (v->before, "written_received=\n"));
  g_assert_nonnull (strstr (v->after, "written_received=2026-03-18\n"));
  g_assert_null (strstr (v->after, "problems="));
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* Retire: a reason is required; afterwards the talk is read-only. */
  g_assert_false (ld_talk_repository_retire (f->vault, id, "  ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_talk_repository_retire (f->vault, id, "Entered twice", &error));
  g_assert_no_error (error);
  g_clear_object (&talk);
  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_cmpint (ld_talk_get_retired_at (talk), >, 0);
  g_assert_cmpstr (ld_talk_get_retired_reason (talk), ==, "Entered twice");
  g_assert_false (ld_talk_can_link_measure (talk));
  ld_talk_spec_set (&edit.place, "别处");
  g_assert_false (ld_talk_repository_update (f->vault, id, &edit, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_talk_repository_retire (f->vault, id, "again", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  versions = ld_talk_repository_versions (f->vault, id, &error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 2))->event, ==, LD_AUDIT_TALK_RETIRED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'talk.retired'"), ==, 1);

  /* Lists leave retired talks out unless asked. */
  list = ld_talk_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    LdTalkFilter filter;

    ld_talk_filter_init (&filter);
    filter.include_retired = TRUE;
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_cmpuint (list->len, ==, 1);
  }
}

static void
test_measure_link (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  gint64 admonish = add_talk (f, "T_ADMONISH", "2026-04-01", f->cadre_a);
  gint64 heart = add_talk (f, "T_HEART", "2026-04-02", f->cadre_a);

  g_assert_true (ld_talk_repository_link_measure (f->vault, admonish, 42, "admonish", &error));
  g_assert_no_error (error);
  talk = ld_talk_repository_get (f->vault, admonish, &error);
  g_assert_cmpint (ld_talk_get_measure_id (talk), ==, 42);
  g_assert_cmpstr (ld_talk_get_outcome (talk), ==, "admonish");
  g_assert_false (ld_talk_can_link_measure (talk));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'talk.measure-linked'"), ==, 1);

  g_assert_false (ld_talk_repository_link_measure (f->vault, heart, 43, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE measure_id IS NOT NULL"), ==, 1);
}

static void
test_collective (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_auto(LdTalkSpec) edit = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 cadres[5], id;
  guint n = 0;
  const gint64 *got;

  cadres[0] = f->cadre_b;
  cadres[1] = f->cadre_a;
  for (guint i = 2; i < G_N_ELEMENTS (cadres); i++)
    {
      g_autofree char *name = g_strdup_printf ("新干部%u", i);

      cadres[i] = ld_test_add_cadre (f->vault, f->unit_a, name, ids[i]);
    }
  spec_init (&spec, "T_PREAPPOINT", "2026-05-10", cadres[0], "纪委书记", NULL);
  for (guint i = 1; i < G_N_ELEMENTS (cadres); i++)
    ld_talk_spec_add_cadre (&spec, cadres[i]);
  ld_talk_spec_add_cadre (&spec, cadres[1]);   /* named twice: counted once */
  id = create_talk (f, &spec, NULL);

  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  /* The unit is the first cadre's; the persons keep their order. */
  g_assert_cmpint (ld_talk_get_unit_id (talk), ==, f->unit_b);
  got = ld_talk_get_cadre_ids (talk, &n);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (got[i], ==, cadres[i]);
  g_assert_cmpstr (ld_talk_get_cadre_names (talk), ==, "李四、张三、新干部2、新干部3、新干部4");
  g_assert_cmpstr (ld_talk_get_cadre_name_list (talk)[2], ==, "新干部2");
  g_assert_cmpint (count (f, "SELECT count(*) FROM talk_persons"), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (cadres); i++)
    {
      g_autoptr(GPtrArray) mine = ld_talk_repository_list_for_cadre (f->vault, cadres[i], FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (mine->len, ==, 1);
      g_assert_cmpint (ld_talk_get_id (g_ptr_array_index (mine, 0)), ==, id);
    }

  /* Drop one person, hold it at unit A. */
  ld_talk_spec_init_from_talk (&edit, talk);
  g_array_remove_index (edit.cadre_ids, 3);
  edit.unit_id = f->unit_a;
  g_assert_true (ld_talk_repository_update (f->vault, id, &edit, &error));
  g_assert_no_error (error);
  g_clear_object (&talk);
  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_cmpuint (ld_talk_get_n_cadres (talk), ==, 4);
  g_assert_cmpint (ld_talk_get_unit_id (talk), ==, f->unit_a);
  g_assert_cmpstr (ld_talk_get_cadre_names (talk), ==, "李四、张三、新干部2、新干部4");
  list = ld_talk_repository_list_for_cadre (f->vault, cadres[3], FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'talk.updated'"
                             " AND details LIKE '%fields=unit_id,cadres'"), ==, 1);

  /* Text search finds a person's name. */
  {
    LdTalkFilter filter;

    ld_talk_filter_init (&filter);
    filter.text = "新干部4";
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);
    filter.text = "新干部3";
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  gint64 audit = ld_test_audit_count (f->vault);
  struct { const char *type; const char *date; gint64 cadre; int code; } cases[] = {
    { "T_CHAT", "2026-01-01", f->cadre_a, LD_ERROR_INVALID },
    { "T_HEART", "2026-02-30", f->cadre_a, LD_ERROR_INVALID },
    { "T_HEART", "2026-01-01", 9999, LD_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LdTalkSpec) spec = { 0 };
      g_autoptr(GError) error = NULL;
      gint64 id = 0;

      spec_init (&spec, cases[i].type, cases[i].date, cases[i].cadre, "王五", "赵六", NULL);
      g_assert_false (ld_talk_repository_create (f->vault, &spec, &id, NULL, &error));
      g_assert_error (error, LD_ERROR, cases[i].code);
      g_assert_cmpint (id, ==, 0);
    }
  /* A second cadre that does not exist: nothing of the talk stays. */
  {
    g_auto(LdTalkSpec) spec = { 0 };
    g_autoptr(GError) error = NULL;

    spec_init (&spec, "T_HEART", "2026-01-01", f->cadre_a, NULL);
    ld_talk_spec_add_cadre (&spec, 9999);
    g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  }
  /* A clue that does not exist. */
  {
    g_auto(LdTalkSpec) spec = { 0 };
    g_autoptr(GError) error = NULL;

    spec_init (&spec, "T_INQUIRY", "2026-01-01", f->cadre_a, "王五", "赵六", NULL);
    spec.clue_id = 77;
    g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  }
  /* A retired file. */
  {
    g_auto(LdTalkSpec) spec = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_true (ld_cadre_repository_retire (f->vault, f->cadre_b, "Left", &error));
    g_assert_no_error (error);
    audit = ld_test_audit_count (f->vault);
    spec_init (&spec, "T_HEART", "2026-01-01", f->cadre_b, NULL);
    g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
  assert_nothing_written (f, audit);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 in_b = add_talk (f, "T_HEART", "2026-02-01", f->cadre_b);
  gint64 in_a = add_talk (f, "T_HEART", "2026-02-02", f->cadre_a);
  gint64 talks_before = count (f, "SELECT count(*) FROM talks");
  guint n = 0;

  ld_test_login (f->vault, "inv");
  talk = ld_talk_repository_get (f->vault, in_b, &error);
  g_assert_null (talk);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = ld_talk_repository_versions (f->vault, in_b, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_talk_repository_retire (f->vault, in_b, "Not mine", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = ld_talk_repository_list_for_cadre (f->vault, f->cadre_b, FALSE, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = ld_talk_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_talk_get_id (g_ptr_array_index (list, 0)), ==, in_a);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (ld_talk_repository_count (f->vault, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 1);

  /* A talk with a cadre out of scope cannot be registered, alone or with
   * one in scope. */
  {
    g_auto(LdTalkSpec) spec = { 0 };

    spec_init (&spec, "T_HEART", "2026-02-03", f->cadre_a, NULL);
    ld_talk_spec_add_cadre (&spec, f->cadre_b);
    g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
    ld_talk_spec_clear (&spec);
    spec_init (&spec, "T_HEART", "2026-02-03", f->cadre_a, NULL);
    spec.unit_id = f->unit_b;
    g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, talks_before);

  /* In scope: allowed. */
  add_talk (f, "T_REMIND", "2026-02-04", f->cadre_a);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE account = 'inv'"), ==, 1);
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdTalkSpec) spec = { 0 };
  g_auto(LdTalkSpec) edit = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  gint64 id = add_talk (f, "T_HEART", "2026-02-01", f->cadre_a);
  gint64 audit;

  ld_test_login (f->vault, "viewer");
  talk = ld_talk_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (talk);
  audit = count (f, "SELECT count(*) FROM record_versions");

  spec_init (&spec, "T_HEART", "2026-02-05", f->cadre_a, NULL);
  g_assert_false (ld_talk_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  ld_talk_spec_init_from_talk (&edit, talk);
  ld_talk_spec_set (&edit.place, "别处");
  g_assert_false (ld_talk_repository_update (f->vault, id, &edit, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_talk_repository_retire (f->vault, id, "No", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_talk_repository_link_measure (f->vault, id, 1, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions"), ==, audit);
  g_assert_cmpint (count (f, "SELECT count(*) FROM talks WHERE place = '别处'"), ==, 0);
}

static void
test_reg_numbers (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const dates[] = {
    "2025-12-30", "2026-01-02", "2025-03-01", "2026-12-31", "2025-07-07",
  };
  static const char * const expected[] = {
    "2025-T0001", "2026-T0001", "2025-T0002", "2026-T0002", "2025-T0003",
  };
  g_autoptr(GError) error = NULL;
  gint64 first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_auto(LdTalkSpec) spec = { 0 };
      g_auto(LdTalkSpec) bad = { 0 };
      g_autofree char *reg_no = NULL;
      gint64 id;

      spec_init (&spec, "T_HEART", dates[i], f->cadre_a, NULL);
      id = create_talk (f, &spec, &reg_no);
      if (first == 0)
        first = id;
      g_assert_cmpstr (reg_no, ==, expected[i]);
      /* A refused talk in between takes no number. */
      spec_init (&bad, "T_HEART", dates[i], 9999, NULL);
      g_assert_false (ld_talk_repository_create (f->vault, &bad, NULL, NULL, &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (count (f, "SELECT count(DISTINCT reg_no) FROM talks"), ==, 5);

  /* Moving the date to another year keeps the number. */
  {
    g_autoptr(LdTalk) talk = ld_talk_repository_get (f->vault, first, &error);
    g_auto(LdTalkSpec) edit = { 0 };
    g_autoptr(LdTalk) again = NULL;

    ld_talk_spec_init_from_talk (&edit, talk);
    ld_talk_spec_set (&edit.talk_date, "2024-12-30");
    g_assert_true (ld_talk_repository_update (f->vault, first, &edit, &error));
    again = ld_talk_repository_get (f->vault, first, &error);
    g_assert_cmpstr (ld_talk_get_reg_no (again), ==, "2025-T0001");
  }

  /* Filters by year and newest first. */
  {
    g_autoptr(GPtrArray) list = NULL;
    LdTalkFilter filter;

    ld_talk_filter_init (&filter);
    filter.year = 2025;
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpstr (ld_talk_get_talk_date (g_ptr_array_index (list, 0)), ==, "2025-07-07");
    g_assert_cmpstr (ld_talk_get_talk_date (g_ptr_array_index (list, 1)), ==, "2025-03-01");
    g_clear_pointer (&list, g_ptr_array_unref);

    ld_talk_filter_init (&filter);
    filter.limit = 2;
    filter.offset = 1;
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpstr (ld_talk_get_talk_date (g_ptr_array_index (list, 0)), ==, "2026-01-02");
    g_assert_cmpstr (ld_talk_get_talk_date (g_ptr_array_index (list, 1)), ==, "2025-07-07");
    g_clear_pointer (&list, g_ptr_array_unref);

    ld_talk_filter_init (&filter);
    filter.unit_id = f->unit_b;
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_cmpuint (list->len, ==, 0);
    g_clear_pointer (&list, g_ptr_array_unref);

    ld_talk_filter_init (&filter);
    filter.type = "T_NOPE";
    list = ld_talk_repository_list (f->vault, &filter, &error);
    g_assert_null (list);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
}

/* --- Coverage ------------------------------------------------------------------------ */

static gint64
add_cadre_with (Fixture    *f,
                gint64      unit,
                const char *name,
                guint       id_index,
                gboolean    principal,
                const char *promoted_at)
{
  gint64 id = ld_test_add_cadre (f->vault, unit, name, ids[id_index]);
  g_autofree char *sql = g_strdup_printf ("UPDATE cadres SET principal = %d, promoted_at = '%s' WHERE id = %"
                                          G_GINT64_FORMAT,
                                          principal ? 1 : 0, promoted_at, id);

  exec_sql (f, sql);
  return id;
}

static void
test_coverage (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_JUNE, 2026);
  LdTalkCoverageRow *a, *b, *total;
  gint64 ta1, ta2, ta3, tb1, nb1, nb2, nb3, retired_talk;

  /* Unit A: three top leaders, one of them retired. */
  ta1 = add_cadre_with (f, f->unit_a, "甲一", 2, TRUE, "");
  ta2 = add_cadre_with (f, f->unit_a, "甲二", 3, TRUE, "");
  ta3 = add_cadre_with (f, f->unit_a, "甲三", 4, TRUE, "");
  /* Unit B: a top leader, three promotions (2025-06-15 and 2025-03 are
   * newly promoted at the end of 2025 with the default 12 months;
   * 2024-01-10 is not). */
  tb1 = add_cadre_with (f, f->unit_b, "乙一", 5, TRUE, "");
  nb1 = add_cadre_with (f, f->unit_b, "乙二", 6, FALSE, "2025-06-15");
  nb2 = add_cadre_with (f, f->unit_b, "乙三", 7, FALSE, "2025-03");
  nb3 = add_cadre_with (f, f->unit_b, "乙四", 8, FALSE, "2024-01-10");

  add_talk (f, "T_SUPERVISE_TOP", "2025-05-01", ta1);
  add_talk (f, "T_SUPERVISE_TOP", "2025-05-02", ta1);      /* twice: one leader */
  add_talk (f, "T_SUPERVISE_TOP", "2024-11-30", ta2);      /* last year */
  add_talk (f, "T_SUPERVISE_TOP", "2025-05-01", ta3);
  retired_talk = add_talk (f, "T_SUPERVISE_TOP", "2025-04-01", tb1);
  add_talk (f, "T_PREAPPOINT", "2025-06-01", nb1);         /* two weeks before */
  add_talk (f, "T_PREAPPOINT", "2024-10-01", nb2);         /* five months before */
  add_talk (f, "T_PREAPPOINT", "2024-01-05", nb3);
  {
    g_auto(LdTalkSpec) spec = { 0 };

    /* A collective heart-to-heart talk across both units. */
    spec_init (&spec, "T_HEART", "2025-09-01", ta1, NULL);
    ld_talk_spec_add_cadre (&spec, tb1);
    create_talk (f, &spec, NULL);
  }
  g_assert_true (ld_talk_repository_retire (f->vault, retired_talk, "Wrong person", &error));
  g_assert_true (ld_cadre_repository_retire (f->vault, ta3, "Transferred", &error));
  g_assert_no_error (error);

  rows = ld_talk_repository_coverage (f->vault, 2025, as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  a = g_ptr_array_index (rows, 0);
  b = g_ptr_array_index (rows, 1);
  total = g_ptr_array_index (rows, 2);
  g_assert_cmpint (a->unit_id, ==, f->unit_a);
  g_assert_cmpstr (a->unit_name, ==, "Dept A");
  g_assert_cmpuint (a->top_leaders, ==, 2);
  g_assert_cmpuint (a->top_leaders_talked, ==, 1);
  g_assert_cmpuint (a->newly_promoted, ==, 0);
  g_assert_cmpuint (a->newly_promoted_talked, ==, 0);
  g_assert_cmpuint (a->talks, ==, 3);
  g_assert_cmpuint (a->cadres_talked, ==, 1);
  g_assert_cmpint (b->unit_id, ==, f->unit_b);
  g_assert_cmpuint (b->top_leaders, ==, 1);
  g_assert_cmpuint (b->top_leaders_talked, ==, 0);
  g_assert_cmpuint (b->newly_promoted, ==, 2);
  g_assert_cmpuint (b->newly_promoted_talked, ==, 1);
  g_assert_cmpuint (b->talks, ==, 2);
  g_assert_cmpuint (b->cadres_talked, ==, 2);
  g_assert_cmpint (total->unit_id, ==, 0);
  g_assert_cmpuint (total->top_leaders, ==, 3);
  g_assert_cmpuint (total->top_leaders_talked, ==, 1);
  g_assert_cmpuint (total->newly_promoted, ==, 2);
  g_assert_cmpuint (total->newly_promoted_talked, ==, 1);
  g_assert_cmpuint (total->talks, ==, 4);
  g_assert_cmpuint (total->cadres_talked, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* 2024: ta2 was talked to; nb3 (promoted 2024-01-10) newly promoted,
   * its talk five days before. */
  rows = ld_talk_repository_coverage (f->vault, 2024, NULL, &error);
  g_assert_no_error (error);
  total = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpuint (total->top_leaders, ==, 3);
  g_assert_cmpuint (total->top_leaders_talked, ==, 1);
  g_assert_cmpuint (total->newly_promoted, ==, 1);
  g_assert_cmpuint (total->newly_promoted_talked, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Scoped to unit A, the investigator sees A and the total of A. */
  ld_test_login (f->vault, "inv");
  rows = ld_talk_repository_coverage (f->vault, 2025, as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  total = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (total->top_leaders, ==, 2);
  g_assert_cmpuint (total->newly_promoted, ==, 0);
  /* The collective talk is in unit A (its first cadre's). */
  g_assert_cmpuint (total->talks, ==, 3);
}

/* --- Attachments ----------------------------------------------------------------------- */

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *path = g_build_filename (f->dir, "谈话笔录.pdf", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *sql = NULL;
  gint64 in_b = add_talk (f, "T_INQUIRY", "2026-03-01", f->cadre_b);
  gint64 in_a = add_talk (f, "T_INQUIRY", "2026-03-02", f->cadre_a);
  gint64 attachment = 0;
  LdAttachment *a;

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 signed record", -1, NULL));
  g_assert_true (ld_attachment_repository_add (f->vault, "talk", in_b, path, &attachment, &error));
  g_assert_no_error (error);
  talk = ld_talk_repository_get (f->vault, in_b, &error);
  g_assert_cmpuint (ld_talk_get_n_attachments (talk), ==, 1);
  list = ld_attachment_repository_list (f->vault, "talk", in_b, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpint (a->id, ==, attachment);
  g_assert_cmpstr (a->owner_type, ==, "talk");
  g_assert_cmpint (a->owner_id, ==, in_b);
  g_assert_cmpint (a->cadre_id, ==, 0);
  g_assert_cmpstr (a->name, ==, "谈话笔录.pdf");
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Kept in the talk's history and audited on the talk. */
  versions = ld_talk_repository_versions (f->vault, in_b, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, 1))->event, ==, LD_AUDIT_ATTACHMENT_ADDED);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE event = 'attachment.added' AND object_type = 'talk'"
                         " AND object_id = '%" G_GINT64_FORMAT "'", in_b);
  g_assert_cmpint (count (f, sql), ==, 1);
  /* Nothing on the cadre's file. */
  list = ld_attachment_repository_list (f->vault, "cadre", f->cadre_b, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  copy = ld_attachment_repository_open_temp (f->vault, attachment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  ld_attachment_remove_temp (copy);

  /* Scope through the talk's unit. */
  ld_test_login (f->vault, "inv");
  list = ld_attachment_repository_list (f->vault, "talk", in_b, FALSE, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_attachment_repository_open_temp (f->vault, attachment, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "talk", in_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ld_attachment_repository_add (f->vault, "talk", in_a, path, NULL, &error));
  g_assert_no_error (error);

  /* A retired talk takes no attachment; its attachments can be retired
   * by whoever sees it. */
  ld_test_login (f->vault, "boss");
  g_assert_true (ld_attachment_repository_retire (f->vault, attachment, "Wrong scan", &error));
  g_assert_no_error (error);
  g_assert_true (ld_talk_repository_retire (f->vault, in_b, "Entered twice", &error));
  g_assert_false (ld_attachment_repository_add (f->vault, "talk", in_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_attachment_repository_add (f->vault, "petition", in_b, path, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attachments"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/talks/validate", test_validate);
  g_test_add_func ("/talks/warnings", test_warnings);
  g_test_add ("/talks/lifecycle", Fixture, NULL, setup, test_lifecycle, teardown);
  g_test_add ("/talks/measure-link", Fixture, NULL, setup, test_measure_link, teardown);
  g_test_add ("/talks/collective", Fixture, NULL, setup, test_collective, teardown);
  g_test_add ("/talks/refusals", Fixture, NULL, setup, test_refusals, teardown);
  g_test_add ("/talks/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/talks/viewer", Fixture, NULL, setup, test_viewer, teardown);
  g_test_add ("/talks/reg-numbers", Fixture, NULL, setup, test_reg_numbers, teardown);
  g_test_add ("/talks/coverage", Fixture, NULL, setup, test_coverage, teardown);
  g_test_add ("/talks/attachments", Fixture, NULL, setup, test_attachments, teardown);
  return g_test_run ();
}
