/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-measures"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-board.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-measure-private.h"
#include "records/ld-measure-repository.h"
#include "records/ld-four-forms.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-talk-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Valid resident ID numbers (GB 11643 check digits). */
static const char * const ids[] = {
  "110105197001010011", "110105197102020024", "110105197203030037", "11010519730404004X",
};

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_b;
  gint64   cadre_a;    /* 张三, unit A */
  gint64   cadre_b;    /* 李四, unit B */
  gint64   cadre_c;    /* 王五, unit A */
} Fixture;

/* sec, boss (investigator, every unit) and, when data is not NULL, inv
 * (investigator, unit A only) and viewer (every unit); the system
 * administrator is LD_TEST_ADMIN; units A and B; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  gboolean with_others = GPOINTER_TO_INT (data) != 0;

  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  if (with_others)
    {
      ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
      ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
    }
  ld_test_grant_scope (f->vault, "boss", 0);
  if (with_others)
    ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  if (with_others)
    {
      ld_test_grant_scope (f->vault, "inv", f->unit_a);
      ld_test_login (f->vault, "boss");
    }
  f->cadre_a = ld_test_add_cadre (f->vault, f->unit_a, "张三", ids[0]);
  f->cadre_b = ld_test_add_cadre (f->vault, f->unit_b, "李四", ids[1]);
  f->cadre_c = ld_test_add_cadre (f->vault, f->unit_a, "王五", ids[2]);
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

/* exec_sql() of a printf format. */
static void
exec_printf (Fixture    *f,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (Fixture    *f,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec_sql (f, sql);
}

static void
spec_init (LdMeasureSpec *spec,
           gint64         cadre_id,
           const char    *code,
           const char    *decided,
           const char    *effective)
{
  ld_measure_spec_init (spec);
  spec->cadre_id = cadre_id;
  spec->code = g_strdup (code);
  spec->decision_date = g_strdup (decided);
  spec->effective_date = g_strdup (effective);
}

static gint64
add_measure (Fixture    *f,
             gint64      cadre_id,
             const char *code,
             const char *decided,
             const char *effective)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  spec_init (&spec, cadre_id, code, decided, effective);
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static LdMeasure *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  LdMeasure *m = ld_measure_repository_get (f->vault, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
add_event (Fixture    *f,
           gint64      id,
           const char *kind,
           const char *date,
           int         months)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_measure_repository_add_event (f->vault, id, kind, date, months, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_effect_end (Fixture    *f,
                   gint64      id,
                   const char *end)
{
  g_autoptr(LdMeasure) m = get (f, id);

  g_assert_cmpstr (ld_measure_get_effect_end (m), ==, end);
}

static GDate *
date_new (const char *text)
{
  GDate *date = g_date_new ();

  g_date_set_parse (date, text);
  g_assert_true (g_date_valid (date));
  return date;
}

/* --- Create, read, update ------------------------------------------------------------- */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMeasure) m = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *reg_no = NULL;
  gint64 audit_before = ld_test_audit_count (f->vault);
  gint64 id = 0, id2;
  LdMeasureFilter filter;
  GDate *day;

  spec_init (&spec, f->cadre_a, "p1", "2026/03/01", "2026-03-10");
  spec.authority = g_strdup ("县纪委");
  spec.doc_no = g_strdup ("县纪发〔2026〕3号");
  spec.facts = g_strdup ("违规收受礼金");
  spec.categories = g_strdup ("INT");
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, &reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reg_no, ==, "2026-M0001");

  m = get (f, id);
  g_assert_cmpstr (ld_measure_get_reg_no (m), ==, "2026-M0001");
  g_assert_cmpstr (ld_measure_get_code (m), ==, "P1");
  g_assert_cmpint (ld_measure_get_form (m), ==, 2);
  g_assert_cmpstr (ld_measure_get_category_code (m), ==, "party");
  g_assert_cmpstr (ld_measure_get_decision_date (m), ==, "2026-03-01");
  g_assert_cmpstr (ld_measure_get_effective_date (m), ==, "2026-03-10");
  g_assert_cmpstr (ld_measure_get_cadre_name (m), ==, "张三");
  g_assert_cmpint (ld_measure_get_unit_id (m), ==, f->unit_a);
  g_assert_cmpstr (ld_measure_get_status_code (m), ==, "in-force");
  /* P1: 12 months from the approval. */
  g_assert_cmpstr (ld_measure_get_effect_end (m), ==, "2027-03-10");
  day = date_new ("2026-06-01");
  g_assert_true (ld_measure_in_effect_on (m, day));
  g_date_set_parse (day, "2027-03-10");
  g_assert_false (ld_measure_in_effect_on (m, day));
  g_date_free (day);
  g_assert_true (ld_measure_counts (m));

  versions = ld_measure_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.create'"), ==, 1);

  id2 = add_measure (f, f->cadre_b, "F1_REMIND_TALK", "2026-04-01", NULL);
  {
    g_autoptr(LdMeasure) m2 = get (f, id2);

    g_assert_cmpint (ld_measure_get_form (m2), ==, 1);
    g_assert_cmpstr (ld_measure_get_effective_date (m2), ==, "2026-04-01");
    g_assert_cmpstr (ld_measure_get_effect_end (m2), ==, "");
    g_assert_cmpstr (ld_measure_get_reg_no (m2), ==, "2026-M0002");
  }

  ld_measure_filter_init (&filter);
  filter.form = 2;
  list = ld_measure_repository_list (f->vault, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  ld_measure_filter_init (&filter);
  filter.unit_id = f->unit_b;
  list = ld_measure_repository_list (f->vault, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_measure_get_id (g_ptr_array_index (list, 0)), ==, id2);
  g_clear_pointer (&list, g_ptr_array_unref);
  ld_measure_filter_init (&filter);
  filter.text = "礼金";
  list = ld_measure_repository_list (f->vault, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The drill-down keeps the order given and leaves out unknown numbers. */
  {
    gint64 wanted[] = { id2, 999, id };

    list = ld_measure_repository_list_by_ids (f->vault, wanted, G_N_ELEMENTS (wanted), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpint (ld_measure_get_id (g_ptr_array_index (list, 0)), ==, id2);
    g_assert_cmpint (ld_measure_get_id (g_ptr_array_index (list, 1)), ==, id);
  }
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMeasure) m = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gint64 id = add_measure (f, f->cadre_a, "P1", "2026-03-01", "2026-03-10");
  LdCadreVersion *v;

  m = get (f, id);
  ld_measure_spec_init_from_measure (&spec, m);
  ld_measure_spec_set (&spec.code, "P2");
  ld_measure_spec_set (&spec.doc_no, "县纪发〔2026〕4号");
  g_assert_true (ld_measure_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  /* P2: 18 months. */
  assert_effect_end (f, id, "2027-09-10");

  /* Nothing changed: nothing written. */
  g_assert_true (ld_measure_repository_update (f->vault, id, &spec, &error));
  versions = ld_measure_repository_versions (f->vault, id, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = g_ptr_array_index (versions, 1);
  g_assert_cmpstr (v->event, ==, LD_AUDIT_MEASURE_UPDATED);
  g_assert_nonnull (strstr (v->after, "code=P2"));
  g_assert_nonnull (strstr (v->before, "code=P1"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.update'"
                             " AND details LIKE '%fields=code,doc_no%'"), ==, 1);

  /* Another cadre: refused. */
  spec.cadre_id = f->cadre_c;
  g_assert_false (ld_measure_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

/* --- Events ------------------------------------------------------------------------- */

static void
test_lift_and_extend (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(LdMeasure) m = NULL;
  gint64 p1 = add_measure (f, f->cadre_a, "P1", "2026-03-01", "2026-03-10");
  gint64 p4 = add_measure (f, f->cadre_c, "P4A", "2026-01-05", "2026-01-10");

  /* Lifted early: the period ends on the lifting date. */
  add_event (f, p1, "lift", "2026-09-01", 0);
  m = get (f, p1);
  g_assert_cmpint (ld_measure_get_status (m), ==, LD_MEASURE_LIFTED);
  g_assert_cmpstr (ld_measure_get_status_date (m), ==, "2026-09-01");
  g_assert_cmpstr (ld_measure_get_effect_end (m), ==, "2026-09-01");
  events = ld_measure_repository_list_events (f->vault, p1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((LdMeasureEvent *) g_ptr_array_index (events, 0))->kind, ==, "lift");
  /* A lifted measure takes notes only. */
  g_assert_false (ld_measure_repository_add_event (f->vault, p1, "lift", "2026-10-01", 0, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_measure_repository_add_event (f->vault, p1, "note", "2026-10-01", 0, "回访", NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  /* Before the measure took effect: refused. */
  g_assert_false (ld_measure_repository_add_event (f->vault, p1, "note", "2026-01-01", 0, "x", NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  /* An unknown event. */
  g_assert_false (ld_measure_repository_add_event (f->vault, p1, "pardon", "2026-10-01", 0, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* 留党察看一年: 12 months of probation + 24 months. */
  assert_effect_end (f, p4, "2029-01-10");
  add_event (f, p4, "extend", "2026-10-20", 6);
  assert_effect_end (f, p4, "2029-07-10");
  /* At most 12 months in all. */
  g_assert_false (ld_measure_repository_add_event (f->vault, p4, "extend", "2026-11-20", 7, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(LdMeasure) p = get (f, p4);

    g_assert_cmpint (ld_measure_get_extension_months (p), ==, 6);
  }
  /* Only 留党察看 is extended. */
  {
    gint64 g1 = add_measure (f, f->cadre_a, "G1", "2026-03-01", NULL);

    g_assert_false (ld_measure_repository_add_event (f->vault, g1, "extend", "2026-04-01", 3, NULL, NULL, NULL,
                                                     &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.event'"), ==, 3);
}

/* Regressions found by QA: an expulsion or a measure without a period
 * cannot be lifted, 留党察看二年 cannot be extended, and no date of a
 * measure or of its events lies in the future. */
static void
test_event_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *in_two_days = g_date_time_format (later, "%Y-%m-%d");
  gint64 p5 = add_measure (f, f->cadre_a, "P5", "2026-03-01", "2026-03-03");
  gint64 g6 = add_measure (f, f->cadre_a, "G6", "2026-03-01", NULL);
  gint64 edu = add_measure (f, f->cadre_b, "F1_CRIT_EDU", "2026-03-01", NULL);
  gint64 p4b = add_measure (f, f->cadre_c, "P4B", "2026-01-05", "2026-01-10");
  gint64 suspend = add_measure (f, f->cadre_b, "O_SUSPEND", "2026-02-01", NULL);
  gint64 unliftable[] = { p5, g6, edu };

  for (guint i = 0; i < G_N_ELEMENTS (unliftable); i++)
    {
      g_autoptr(LdMeasure) m = NULL;

      g_assert_false (ld_measure_repository_add_event (f->vault, unliftable[i], "lift", "2026-05-01", 0, NULL, NULL, NULL,
                                                       &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_clear_error (&error);
      m = get (f, unliftable[i]);
      g_assert_cmpint (ld_measure_get_status (m), ==, LD_MEASURE_IN_FORCE);
    }
  /* 停职检查 is lifted. */
  add_event (f, suspend, "lift", "2026-03-31", 0);

  /* 留党察看二年 is the longest probation: no extension at all. */
  g_assert_false (ld_measure_repository_add_event (f->vault, p4b, "extend", "2026-06-01", 6, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  assert_effect_end (f, p4b, "2030-01-10");
  spec_init (&spec, f->cadre_c, "P4B", "2026-03-01", NULL);
  spec.extension_months = 6;
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "extension-months");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_measure_spec_set (&spec.code, "P4A");
  spec.extension_months = 12;
  g_assert_true (ld_measure_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);

  /* Dates after today. */
  spec.extension_months = 0;
  ld_measure_spec_set (&spec.decision_date, in_two_days);
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "decision-date");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_measure_spec_set (&spec.decision_date, "2026-03-01");
  ld_measure_spec_set (&spec.effective_date, in_two_days);
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "effective-date");
  g_clear_error (&error);
  g_assert_false (ld_measure_repository_add_event (f->vault, p4b, "note", in_two_days, 0, "回访", NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_appeal (Fixture       *f,
             gconstpointer  data)
{
  g_auto(LdMeasureSpec) decision = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMeasure) old = NULL;
  g_autoptr(LdMeasure) now = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_auto(LdPromotionBlock) block = { 0 };
  gint64 p3 = add_measure (f, f->cadre_a, "P3", "2026-02-01", "2026-02-10");
  gint64 g1 = add_measure (f, f->cadre_c, "G1", "2026-02-01", NULL);
  gint64 new_id = 0;
  GDate *day;

  /* Changed on appeal: the new decision is registered and linked. */
  ld_measure_spec_init (&decision);
  decision.code = g_strdup ("P2");
  decision.decision_date = g_strdup ("2026-05-01");
  decision.effective_date = g_strdup ("2026-05-08");
  g_assert_true (ld_measure_repository_add_event (f->vault, p3, "appeal-changed", "2026-05-01", 0, "申诉改变",
                                                  &decision, &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, p3);
  old = get (f, p3);
  g_assert_cmpint (ld_measure_get_status (old), ==, LD_MEASURE_CHANGED);
  g_assert_cmpint (ld_measure_get_replaced_by (old), ==, new_id);
  g_assert_false (ld_measure_counts (old));
  /* The changed one's period stops on the appeal decision. */
  g_assert_cmpstr (ld_measure_get_effect_end (old), ==, "2026-05-01");
  now = get (f, new_id);
  g_assert_cmpint (ld_measure_get_replaces (now), ==, p3);
  g_assert_cmpstr (ld_measure_get_replaces_reg_no (now), ==, ld_measure_get_reg_no (old));
  g_assert_cmpint (ld_measure_get_cadre_id (now), ==, f->cadre_a);
  g_assert_cmpstr (ld_measure_get_effect_end (now), ==, "2027-11-08");
  events = ld_measure_repository_list_events (f->vault, p3, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((LdMeasureEvent *) g_ptr_array_index (events, 0))->new_measure_id, ==, new_id);
  /* A changed appeal needs the new decision. */
  g_assert_false (ld_measure_repository_add_event (f->vault, new_id, "appeal-changed", "2026-06-01", 0, NULL, NULL,
                                                   NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Revoked: no effect period, nothing blocks. */
  add_event (f, g1, "appeal-revoked", "2026-03-01", 0);
  assert_effect_end (f, g1, "");
  day = date_new ("2026-04-01");
  g_assert_true (ld_measure_repository_promotion_block (f->vault, f->cadre_c, day, &block, &error));
  g_assert_no_error (error);
  g_assert_false (block.blocked);
  g_date_free (day);
}

/* --- Effect ends and blocks ------------------------------------------------------------ */

static void
test_accumulation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 g2 = add_measure (f, f->cadre_a, "G2", "2025-01-01", NULL);
  gint64 g3;

  assert_effect_end (f, g2, "2026-01-01");
  /* 记大过 (18 months) during 记过's period: the rest of 记过's period
   * (2025-07-01 → 2026-01-01, six months) is added, in calendar months:
   * 2026-01-01 + 18 months. */
  g3 = add_measure (f, f->cadre_a, "G3", "2025-07-01", NULL);
  assert_effect_end (f, g3, "2027-07-01");
  assert_effect_end (f, g2, "2026-01-01");

  /* Retiring the first gives the second its own period back. */
  g_assert_true (ld_measure_repository_retire (f->vault, g2, "录入错误", &error));
  g_assert_no_error (error);
  assert_effect_end (f, g3, "2027-01-01");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.retire'"), ==, 1);
  /* Retired: read-only. */
  g_assert_false (ld_measure_repository_retire (f->vault, g2, "again", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
}

static void
test_promotion_block (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdPromotionBlock) block = { 0 };
  gint64 p1 = add_measure (f, f->cadre_a, "P1", "2026-03-01", "2026-03-10");
  gint64 adm = add_measure (f, f->cadre_a, "F1_ADMONISH", "2026-06-01", NULL);
  LdBlockReason *first, *second;
  GDate *day = date_new ("2026-07-01");

  g_assert_true (ld_measure_repository_promotion_block (f->vault, f->cadre_a, day, &block, &error));
  g_assert_no_error (error);
  g_assert_true (block.blocked);
  g_assert_false (block.permanent);
  g_assert_cmpint (g_date_get_year (&block.until), ==, 2027);
  g_assert_cmpint (g_date_get_month (&block.until), ==, 3);
  g_assert_cmpint (g_date_get_day (&block.until), ==, 10);
  g_assert_cmpuint (block.reasons->len, ==, 2);
  first = g_ptr_array_index (block.reasons, 0);
  second = g_ptr_array_index (block.reasons, 1);
  /* Longest first, each naming its measure. */
  g_assert_cmpint (first->measure_id, ==, p1);
  g_assert_cmpint (second->measure_id, ==, adm);
  g_assert_nonnull (strstr (first->text, "2026-M0001"));
  ld_promotion_block_clear (&block);

  g_date_set_parse (day, "2027-03-10");
  g_assert_true (ld_measure_repository_promotion_block (f->vault, f->cadre_a, day, &block, &error));
  g_assert_false (block.blocked);
  ld_promotion_block_clear (&block);

  /* Another unit's investigator does not see the cadre. */
  ld_test_login (f->vault, "inv");
  g_assert_false (ld_measure_repository_promotion_block (f->vault, f->cadre_b, day, &block, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_date_free (day);
}

/* --- The form table ---------------------------------------------------------------- */

static void
test_form_override (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 g4 = add_measure (f, f->cadre_a, "G4", "2026-03-01", NULL);
  gint64 later;
  LdMeasureFormRow *row = NULL;
  int form = 0;

  assert_effect_end (f, g4, "2028-03-01");
  {
    g_autoptr(LdMeasure) m = get (f, g4);

    g_assert_cmpint (ld_measure_get_form (m), ==, 2);
  }
  /* Not for an investigator. */
  g_assert_false (ld_measure_repository_set_form (f->vault, "G4", 3, "地方口径", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, LD_TEST_ADMIN);
  /* A reason is required, the form must be one of four. */
  g_assert_false (ld_measure_repository_set_form (f->vault, "G4", 3, "", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_measure_repository_set_form (f->vault, "G4", 5, "x", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_measure_repository_set_form (f->vault, "NOPE", 3, "x", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_measure_repository_set_form (f->vault, "G4", 3, "本省按重处分统计", &error));
  g_assert_no_error (error);
  /* The administrator sees the table without reading any record. */
  {
    g_autoptr(GPtrArray) admin_rows = ld_measure_repository_list_forms (f->vault, &error);

    g_assert_no_error (error);
    g_assert_nonnull (admin_rows);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE outcome = 'denied'"), ==, 1);
  }
  g_assert_cmpint (count (f, "SELECT form FROM measures WHERE code = 'G4'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.form'"), ==, 1);

  ld_test_login (f->vault, "boss");
  rows = ld_measure_repository_list_forms (f->vault, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((LdMeasureFormRow *) g_ptr_array_index (rows, i))->code, "G4"))
      row = g_ptr_array_index (rows, i);
  g_assert_nonnull (row);
  g_assert_cmpint (row->default_form, ==, 2);
  g_assert_cmpint (row->form, ==, 3);
  g_assert_true (row->overridden);
  g_assert_true (row->disputed);
  g_assert_cmpstr (row->reason, ==, "本省按重处分统计");
  g_assert_cmpstr (row->account, ==, LD_TEST_ADMIN);
  g_assert_true (ld_measure_repository_form_of (f->vault, "G4", &form, &error));
  g_assert_cmpint (form, ==, 3);
  /* A new measure of the code takes the override. */
  later = add_measure (f, f->cadre_c, "G4", "2026-04-01", NULL);
  {
    g_autoptr(LdMeasure) m = get (f, later);

    g_assert_cmpint (ld_measure_get_form (m), ==, 3);
  }

  ld_test_login (f->vault, LD_TEST_ADMIN);
  g_assert_true (ld_measure_repository_reset_form (f->vault, "G4", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures WHERE code = 'G4' AND form = 2"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measure_forms"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'measure.form'"), ==, 2);
}

/* --- Refusals ------------------------------------------------------------------------ */

static void
expect_create_error (Fixture             *f,
                     const LdMeasureSpec *spec,
                     int                  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_measure_repository_create (f->vault, spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, code);
}

static void
test_scope_and_roles (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 mine = add_measure (f, f->cadre_a, "P1", "2026-03-01", NULL);
  gint64 other = add_measure (f, f->cadre_b, "P1", "2026-03-01", NULL);
  g_autoptr(LdMeasure) m = NULL;

  ld_test_login (f->vault, "inv");
  m = ld_measure_repository_get (f->vault, other, &error);
  g_assert_null (m);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = ld_measure_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ld_measure_get_id (g_ptr_array_index (list, 0)), ==, mine);
  spec_init (&spec, f->cadre_b, "P2", "2026-03-01", NULL);
  expect_create_error (f, &spec, LD_ERROR_NOT_FOUND);
  g_assert_false (ld_measure_repository_add_event (f->vault, other, "lift", "2026-04-01", 0, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The viewer reads but never writes. */
  ld_test_login (f->vault, "viewer");
  m = ld_measure_repository_get (f->vault, other, &error);
  g_assert_no_error (error);
  spec.cadre_id = f->cadre_a;
  expect_create_error (f, &spec, LD_ERROR_PERMISSION_DENIED);
  g_assert_false (ld_measure_repository_retire (f->vault, mine, "x", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 2);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  gint64 audit_before;

  exec_printf (f, "INSERT INTO clues (reg_no, unit_id, source, cadre_id, received_date, status, account,"
                  " created_at, updated_at) VALUES ('2026-X0001', %lld, 'CH_LETTER', %lld, '2026-01-05', 'pending',"
                  " 'boss', 0, 0)",
               (long long) f->unit_b, (long long) f->cadre_b);

  spec_init (&spec, f->cadre_a, "P9", "2026-03-01", NULL);
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad, ==, "code");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);

  /* Effective before the decision. */
  ld_measure_spec_set (&spec.code, "留党察看一年");
  ld_measure_spec_set (&spec.effective_date, "2026-02-28");
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "effective-date");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_measure_spec_set (&spec.effective_date, "2026-02-30");
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "effective-date");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  ld_measure_spec_set (&spec.effective_date, "");

  /* 留党察看 extension: at most 12 months; none for other measures. */
  spec.extension_months = 13;
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "extension-months");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  spec.extension_months = 12;
  g_assert_true (ld_measure_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);
  ld_measure_spec_set (&spec.code, "P1");
  g_assert_false (ld_measure_spec_validate (&spec, &bad, &error));
  g_assert_cmpstr (bad, ==, "extension-months");
  g_clear_error (&error);
  g_clear_pointer (&bad, g_free);
  spec.extension_months = 0;

  /* Sources: known kind, existing record about the same cadre. */
  ld_measure_spec_set (&spec.source_type, "letter");
  spec.source_id = 1;
  expect_create_error (f, &spec, LD_ERROR_INVALID);
  ld_measure_spec_set (&spec.source_type, "clue");
  spec.source_id = 99;
  expect_create_error (f, &spec, LD_ERROR_NOT_FOUND);
  /* The clue is about 李四, not 张三. */
  spec.source_id = count (f, "SELECT id FROM clues");
  expect_create_error (f, &spec, LD_ERROR_INVALID);
  spec.cadre_id = f->cadre_b;
  /* Regression: decided before its source clue was received (2026-01-05). */
  ld_measure_spec_set (&spec.decision_date, "2026-01-04");
  expect_create_error (f, &spec, LD_ERROR_INVALID);
  ld_measure_spec_set (&spec.decision_date, "2026-01-05");
  {
    gint64 id = 0;

    g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, NULL, &error));
    g_assert_no_error (error);
    {
      g_autoptr(LdMeasure) m = get (f, id);

      g_assert_cmpstr (ld_measure_get_source_label (m), ==, "Problem clue 2026-X0001");
    }
  }

  /* A cadre whose file is retired. */
  {
    g_autoptr(GError) retire_error = NULL;

    g_assert_true (ld_cadre_repository_retire (f->vault, f->cadre_c, "调离", &retire_error));
    g_assert_no_error (retire_error);
  }
  audit_before = ld_test_audit_count (f->vault);
  spec.cadre_id = f->cadre_c;
  ld_measure_spec_set (&spec.source_type, "");
  spec.source_id = 0;
  expect_create_error (f, &spec, LD_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measures"), ==, 1);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audit_before);
}

static void
test_talk_link (Fixture       *f,
                gconstpointer  data)
{
  g_auto(LdTalkSpec) talk_spec = { 0 };
  g_auto(LdMeasureSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(LdMeasure) m = NULL;
  gint64 talk_id = 0, id = 0;

  ld_talk_spec_init (&talk_spec);
  talk_spec.type = g_strdup ("T_REMIND");
  talk_spec.talk_date = g_strdup ("2026-03-01");
  ld_talk_spec_add_cadre (&talk_spec, f->cadre_a);
  ld_talk_spec_add_talker (&talk_spec, "赵六");
  ld_talk_spec_add_talker (&talk_spec, "钱七");
  g_assert_true (ld_talk_repository_create (f->vault, &talk_spec, &talk_id, NULL, &error));
  g_assert_no_error (error);

  spec_init (&spec, f->cadre_a, "F1_REMIND_TALK", "2026-03-01", NULL);
  spec.source_type = g_strdup ("talk");
  spec.source_id = talk_id;
  g_assert_true (ld_measure_repository_create (f->vault, &spec, &id, NULL, &error));
  g_assert_no_error (error);
  talk = ld_talk_repository_get (f->vault, talk_id, &error);
  g_assert_cmpint (ld_talk_get_measure_id (talk), ==, id);
  g_assert_cmpstr (ld_talk_get_outcome (talk), ==, "F1_REMIND_TALK");
  m = get (f, id);
  g_assert_cmpstr (ld_measure_get_source_type (m), ==, "talk");
  g_assert_nonnull (strstr (ld_measure_get_source_label (m), ld_talk_get_reg_no (talk)));
  /* The talk is about 张三 only. */
  spec.cadre_id = f->cadre_c;
  expect_create_error (f, &spec, LD_ERROR_INVALID);

  /* Changing the source takes the link back, setting it again restores it. */
  {
    g_auto(LdMeasureSpec) edit = { 0 };

    ld_measure_spec_init_from_measure (&edit, m);
    ld_measure_spec_set (&edit.source_type, "");
    edit.source_id = 0;
    g_assert_true (ld_measure_repository_update (f->vault, id, &edit, &error));
    g_assert_no_error (error);
    g_clear_object (&talk);
    talk = ld_talk_repository_get (f->vault, talk_id, &error);
    g_assert_cmpint (ld_talk_get_measure_id (talk), ==, 0);
    ld_measure_spec_set (&edit.source_type, "talk");
    edit.source_id = talk_id;
    g_assert_true (ld_measure_repository_update (f->vault, id, &edit, &error));
    g_assert_no_error (error);
    g_clear_object (&talk);
    talk = ld_talk_repository_get (f->vault, talk_id, &error);
    g_assert_cmpint (ld_talk_get_measure_id (talk), ==, id);
  }

  /* Retiring the measure takes the link back. */
  g_assert_true (ld_measure_repository_retire (f->vault, id, "录错", &error));
  g_assert_no_error (error);
  g_clear_object (&talk);
  talk = ld_talk_repository_get (f->vault, talk_id, &error);
  g_assert_cmpint (ld_talk_get_measure_id (talk), ==, 0);
}

/* --- The board ------------------------------------------------------------------------ */

static LdBoardItem *
find_item (GPtrArray      *items,
           LdDeadlineKind  kind,
           const char     *record_type,
           gint64          record_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);

      if (ld_board_item_get_kind (item) == kind && g_str_equal (ld_board_item_get_record_type (item), record_type)
          && ld_board_item_get_record_id (item) == record_id)
        return item;
    }
  return NULL;
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cadre_items = NULL;
  GDate *today = date_new ("2026-07-10");
  gint64 admonish, sanction, far;
  LdBoardItem *item;

  /* 诫勉 from 2026-01-20: its 6 months end on 2026-07-20, this month. */
  admonish = add_measure (f, f->cadre_a, "F1_ADMONISH", "2026-01-20", NULL);
  /* 警告 approved 2025-07-25 ends 2026-07-25: the return visit was due a
   * month before. */
  sanction = add_measure (f, f->cadre_c, "P1", "2025-07-20", "2025-07-25");
  /* Far from its end: not on the board. */
  far = add_measure (f, f->cadre_b, "P2", "2026-06-01", NULL);
  exec_printf (f, "INSERT INTO ledger_items (id, reg_no, unit_id, source, problem, deadline, status, account,"
                  " created_at, updated_at) VALUES (1, '2026-L0001', %lld, 'inspection', '公务用车管理不规范',"
                  " '2026-07-01', 'in-progress', 'boss', 0, 0),"
                  " (2, '2026-L0002', %lld, 'inspection', '已完成', '2026-07-01', 'done', 'boss', 0, 0)",
               (long long) f->unit_a, (long long) f->unit_a);
  exec_printf (f, "INSERT INTO recommendations (id, reg_no, unit_id, kind, title, status, issued_date, reply_due,"
                  " account, created_at, updated_at) VALUES (1, '2026-J0001', %lld, 'supervision',"
                  " '关于加强财务管理的建议', 'delivered', '2026-05-20', '2026-06-20', 'boss', 0, 0)",
               (long long) f->unit_a);
  exec_printf (f, "INSERT INTO opinion_requests (id, reg_no, unit_id, requester, request_date, purpose, status,"
                  " replied_date, account, created_at, updated_at) VALUES"
                  " (1, '2026-Y0001', %lld, '组织部', '2026-03-01', 'promotion', 'replied', '2026-03-10', 'boss', 0, 0),"
                  " (2, '2026-Y0002', %lld, '组织部', '2026-04-01', 'promotion', 'replied', '2026-04-10', 'boss', 0, 0)",
               (long long) f->unit_a, (long long) f->unit_a);
  /* 张三's reply expired on 2026-07-01; 王五's too, but a newer one exists. */
  exec_printf (f, "INSERT INTO opinion_items (request_id, cadre_id, proposal, decision, valid_until, account,"
                  " created_at, updated_at) VALUES (1, %lld, 'ok', 'ok', '2026-07-01', 'boss', 0, 0),"
                  " (1, %lld, 'ok', 'ok', '2026-07-01', 'boss', 0, 0),"
                  " (2, %lld, 'ok', 'ok', '2026-10-01', 'boss', 0, 0)",
               (long long) f->cadre_a, (long long) f->cadre_c, (long long) f->cadre_c);

  items = ld_board_list (f->vault, today, &error);
  g_assert_no_error (error);

  item = find_item (items, LD_DEADLINE_EFFECT_PERIOD, LD_BOARD_RECORD_MEASURE, admonish);
  g_assert_nonnull (item);
  g_assert_cmpstr (ld_board_item_get_due_date (item), ==, "2026-07-20");
  g_assert_cmpint (ld_board_item_get_cadre_id (item), ==, f->cadre_a);
  g_assert_nonnull (strstr (ld_board_item_get_title (item), "张三"));
  g_assert_null (find_item (items, LD_DEADLINE_EFFECT_PERIOD, LD_BOARD_RECORD_MEASURE, far));
  /* 诫勉 is not a sanction: no return visit. */
  g_assert_null (find_item (items, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_MEASURE, admonish));
  item = find_item (items, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_MEASURE, sanction);
  g_assert_nonnull (item);
  g_assert_cmpint (ld_board_item_get_level (item), ==, LD_ALERT_OVERDUE);

  item = find_item (items, LD_DEADLINE_LEDGER, LD_BOARD_RECORD_LEDGER, 1);
  g_assert_nonnull (item);
  g_assert_cmpint (ld_board_item_get_level (item), ==, LD_ALERT_OVERDUE);
  g_assert_null (find_item (items, LD_DEADLINE_LEDGER, LD_BOARD_RECORD_LEDGER, 2));
  item = find_item (items, LD_DEADLINE_RECOMMENDATION_REPLY, LD_BOARD_RECORD_RECOMMENDATION, 1);
  g_assert_nonnull (item);
  g_assert_cmpint (ld_board_item_get_level (item), ==, LD_ALERT_OVERDUE);
  item = find_item (items, LD_DEADLINE_OPINION_RENEWAL, LD_BOARD_RECORD_OPINION, 1);
  g_assert_nonnull (item);
  g_assert_cmpint (ld_board_item_get_cadre_id (item), ==, f->cadre_a);
  {
    guint renewals = 0;

    for (guint i = 0; i < items->len; i++)
      if (ld_board_item_get_kind (g_ptr_array_index (items, i)) == LD_DEADLINE_OPINION_RENEWAL)
        renewals++;
    g_assert_cmpuint (renewals, ==, 1);
  }

  /* A held return-visit talk inside the period clears the item. */
  {
    g_auto(LdTalkSpec) talk_spec = { 0 };
    gint64 talk_id = 0;

    ld_talk_spec_init (&talk_spec);
    talk_spec.type = g_strdup ("T_REVISIT");
    talk_spec.talk_date = g_strdup ("2026-07-01");
    ld_talk_spec_add_cadre (&talk_spec, f->cadre_c);
    ld_talk_spec_add_talker (&talk_spec, "赵六");
    ld_talk_spec_add_talker (&talk_spec, "钱七");
    g_assert_true (ld_talk_repository_create (f->vault, &talk_spec, &talk_id, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ld_board_list (f->vault, today, &error);
  g_assert_null (find_item (items, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_MEASURE, sanction));

  /* The cadre's file shows its measure deadlines. */
  cadre_items = ld_board_list_for_cadre (f->vault, f->cadre_a, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (cadre_items, LD_DEADLINE_EFFECT_PERIOD, LD_BOARD_RECORD_MEASURE, admonish));
  g_assert_null (find_item (cadre_items, LD_DEADLINE_LEDGER, LD_BOARD_RECORD_LEDGER, 1));

  /* Another unit's investigator does not see unit A's measures. */
  ld_test_login (f->vault, "inv");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ld_board_list (f->vault, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (items, LD_DEADLINE_EFFECT_PERIOD, LD_BOARD_RECORD_MEASURE, admonish));
  g_date_free (today);
}

/* --- Scale (slow) ------------------------------------------------------------------- */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* 100 000 measures of 5 000 cadres over eight years, inserted with SQL:
 * the register's list, the board, the four forms with their checks and
 * the opinion check of a hundred cadres must stay interactive. Only with
 * -m slow (g_test_slow). */
static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  static const char * const codes[][3] = {
    { "F1_REMIND_TALK", "1", "edu" }, { "F1_CRIT_EDU", "1", "edu" }, { "F1_ADMONISH", "1", "edu" },
    { "P1", "2", "party" }, { "P2", "2", "party" }, { "G1", "2", "gov" }, { "G2", "2", "gov" },
    { "O_ADJUST", "2", "org" }, { "P3", "3", "party" }, { "G5", "3", "gov" }, { "C_TRANSFER", "4", "criminal" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(LdFourFormsStats) stats = NULL;
  gint64 first_cadre, start;
  LdPeriod year;
  GDate as_of;
  double t;

  if (!g_test_slow ())
    {
      g_test_skip ("a scale test: run with -m slow");
      return;
    }

  exec_sql (f, "BEGIN");
  for (int i = 0; i < 5000; i++)
    exec_printf (f, "INSERT INTO cadres (unit_id, name, id_number, created_at, updated_at)"
                    " VALUES (%" G_GINT64_FORMAT ", '干部%d', '9%017d', 1, 1)",
                 i % 2 ? f->unit_a : f->unit_b, i, i);
  first_cadre = count (f, "SELECT min(id) FROM cadres WHERE name LIKE '干部%'");
  for (int i = 0; i < 100000; i++)
    {
      const char * const *c = codes[i % G_N_ELEMENTS (codes)];
      int y = 2019 + i % 8, m = 1 + i % 12, d = 1 + i % 28;

      exec_printf (f, "INSERT INTO measures (reg_no, cadre_id, unit_id, code, form, category, decision_date,"
                      " effective_date, effect_end, account, created_at, updated_at)"
                      " SELECT 'S%06d', id, unit_id, '%s', %s, '%s', '%04d-%02d-%02d', '%04d-%02d-%02d',"
                      " '%04d-%02d-%02d', 'boss', 1, 1 FROM cadres WHERE id = %" G_GINT64_FORMAT,
                   i, c[0], c[1], c[2], y, m, d, y, m, d, y + 1, m, d, first_cadre + i % 5000);
    }
  exec_sql (f, "COMMIT");
  exec_sql (f, "ANALYZE");

  start = g_get_monotonic_time ();
  list = ld_measure_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  t = seconds_since (start);
  g_test_message ("measure list (%u): %.2f s", list->len, t);
  g_assert_cmpuint (list->len, ==, 100000);
  g_assert_cmpfloat (t, <, 10.0);

  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 15, 6, 2026);
  start = g_get_monotonic_time ();
  board = ld_board_list (f->vault, &as_of, &error);
  g_assert_no_error (error);
  t = seconds_since (start);
  g_test_message ("board (%u items): %.2f s", board->len, t);
  g_assert_cmpfloat (t, <, 3.0);

  ld_period_init_year (&year, 2024);
  start = g_get_monotonic_time ();
  stats = ld_four_forms_compute (f->vault, &year, 0, &error);
  g_assert_no_error (error);
  checks = ld_four_forms_checks (f->vault, &year, 0, &error);
  g_assert_no_error (error);
  t = seconds_since (start);
  g_test_message ("four forms 2024 (%u person-times) and checks (%u): %.2f s", stats->total.current.person_times,
                  checks->len, t);
  g_assert_cmpuint (stats->total.current.person_times, ==, 12500);
  g_assert_cmpfloat (t, <, 3.0);

  start = g_get_monotonic_time ();
  for (int i = 0; i < 100; i++)
    {
      g_autoptr(LdOpinionCheck) check = ld_opinion_repository_check_cadre (f->vault, first_cadre + i, &as_of, &error);

      g_assert_no_error (error);
      g_assert_nonnull (check);
    }
  t = seconds_since (start);
  g_test_message ("opinion check of 100 cadres: %.2f s", t);
  g_assert_cmpfloat (t, <, 3.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  /* The tests that sign in as inv or viewer get those accounts too. */
#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
#define ADD_ALL(path, fn) g_test_add (path, Fixture, GINT_TO_POINTER (1), setup, fn, teardown)
  ADD ("/measures/create", test_create);
  ADD ("/measures/update", test_update);
  ADD ("/measures/lift-and-extend", test_lift_and_extend);
  ADD ("/measures/event-refusals", test_event_refusals);
  ADD ("/measures/appeal", test_appeal);
  ADD ("/measures/accumulation", test_accumulation);
  ADD_ALL ("/measures/promotion-block", test_promotion_block);
  ADD ("/measures/form-override", test_form_override);
  ADD_ALL ("/measures/scope-and-roles", test_scope_and_roles);
  ADD ("/measures/validation", test_validation);
  ADD ("/measures/talk-link", test_talk_link);
  ADD_ALL ("/measures/board", test_board);
  ADD ("/measures/scale", test_scale);
#undef ADD
#undef ADD_ALL

  return g_test_run ();
}
