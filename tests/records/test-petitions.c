/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-petitions"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-petition-private.h"
#include "records/ld-petition-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-user-repository.h"
#include "rules/ld-case-rules.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"

/* The reporter of the protected petitions: none of these may show up
 * anywhere but in the audited reveal. */
#define R_NAME    "欧阳锋芒"
#define R_UNIT    "白驼山庄贸易公司"
#define R_CONTACT "13800138000"
#define R_ADDRESS "幸福路一号"
#define R_ID      "110105194912310021"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_a1;
  gint64   unit_b;
  gint64   cadre_a;
  gint64   cadre_b;
} Fixture;

/* Admin, sec (secadmin), boss (investigator, every unit, with the
 * reporter-identity grant), plain (investigator, every unit, no grant),
 * inv (investigator, unit B only), viewer (viewer, every unit); units A
 * (with A1 below it) and B with one cadre each; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "plain", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "plain", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_user_repository_set_grant (f->vault, "boss", LD_GRANT_REPORTER_IDENTITY, TRUE, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_a1 = ld_test_add_unit (f->vault, f->unit_a, "Office A1");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_b);
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

/* A spec of an anonymous letter about a cadre of unit A. */
static void
spec_init (LdPetitionSpec *spec,
           gint64          unit,
           const char     *received,
           const char     *summary)
{
  ld_petition_spec_init (spec);
  spec->unit_id = unit;
  spec->kind = g_strdup ("accusation");
  spec->channel = g_strdup ("CH_LETTER");
  spec->received_date = g_strdup (received);
  spec->summary = g_strdup (summary);
}

static gint64
create (Fixture        *f,
        LdPetitionSpec *spec,
        char          **reg_no)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ld_petition_repository_create (f->vault, spec, &id, reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A real-name letter with the protected reporter about cadre A. */
static gint64
create_protected (Fixture *f)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(LdReporter) reporter = ld_reporter_new (R_NAME, R_UNIT, R_CONTACT, R_ADDRESS, R_ID);

  spec_init (&spec, f->unit_a, "2026-03-02", "反映张三违规收受礼金");
  spec.full_text = g_strdup ("举报人称张三在节日期间收受下属礼金。\n第二段。");
  spec.real_name = TRUE;
  spec.categories = g_strdup ("HS1,INT");
  ld_petition_spec_set_reporter (&spec, reporter);
  ld_petition_spec_add_cadre (&spec, f->cadre_a);
  return create (f, &spec, NULL);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return ld_test_count_rows (f->vault, sql);
}

static gint64
count_versions (Fixture *f,
                gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM record_versions WHERE record_type = 'petition'"
                                          " AND record_id = %" G_GINT64_FORMAT, id);

  return count (f, sql);
}

static void
assert_no_secret (const char *text)
{
  static const char * const secrets[] = { "阳锋", R_UNIT, "贸易", R_CONTACT, R_ADDRESS, R_ID };

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("the reporter's “%s” shows in “%s”", secrets[i], text);
}

/* Every string property of the petition is free of the reporter. */
static void
assert_petition_masked (LdPetition *petition)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (petition), &n);
  g_assert_cmpuint (n, >=, 40);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspecs[i]->value_type != G_TYPE_STRING)
        continue;
      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (petition), pspecs[i]->name, &value);
      assert_no_secret (g_value_get_string (&value));
    }
}

/* --- Specs ---------------------------------------------------------------------------- */

static void
test_spec_validate (void)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdReporter) reporter = ld_reporter_new (R_NAME, NULL, NULL, NULL, NULL);
  g_autofree char *bad_key = NULL;

  spec_init (&spec, 1, "2026-03-02", "摘要");
  g_assert_true (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_no_error (error);
  g_assert_null (bad_key);

  /* Chinese names of the codes are accepted. */
  g_free (spec.kind);
  spec.kind = g_strdup ("检举控告");
  g_free (spec.channel);
  spec.channel = g_strdup ("12388");
  g_assert_true (ld_petition_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);

  g_free (spec.kind);
  spec.kind = g_strdup ("gossip");
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad_key, ==, "kind");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  g_free (spec.kind);
  spec.kind = g_strdup ("appeal");

  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026-02-30");
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad_key, ==, "received-date");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026/3/2");

  spec.categories = g_strdup ("HS1,NOPE");
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "categories");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  g_free (spec.categories);
  spec.categories = g_strdup ("HS1");

  /* Real-name needs the reporter; the error never names a value. */
  spec.real_name = TRUE;
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "reporter");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  ld_petition_spec_set_reporter (&spec, reporter);
  g_assert_true (ld_petition_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);
  g_free (spec.reporter->contact);
  spec.reporter->contact = g_strdup (R_CONTACT "\n");
  spec.reporter->contact[3] = '\t';
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "reporter");
  assert_no_secret (error->message);
  g_assert_null (strstr (error->message, R_NAME));
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  ld_petition_spec_set_reporter (&spec, reporter);

  /* A person reported is a cadre or a name. */
  ld_petition_spec_add_person (&spec, "  ", "某局", NULL);
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "persons");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  g_ptr_array_set_size (spec.persons, 0);

  /* Local routing has no destination. */
  spec.routed_to = g_strdup ("市纪委");
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "routing");
  g_clear_error (&error);
  g_clear_pointer (&bad_key, g_free);
  spec.routing = g_strdup ("up");
  g_assert_true (ld_petition_spec_validate (&spec, NULL, &error));
  g_assert_no_error (error);

  g_free (spec.summary);
  spec.summary = g_strdup ("  ");
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "summary");
  g_clear_error (&error);

  spec.unit_id = 0;
  g_clear_pointer (&bad_key, g_free);
  g_assert_false (ld_petition_spec_validate (&spec, &bad_key, &error));
  g_assert_cmpstr (bad_key, ==, "unit");
}

static void
test_masks (void)
{
  g_autoptr(LdPetitionPerson) cadre = ld_petition_person_new_cadre (7);
  g_autoptr(LdPetitionPerson) text = ld_petition_person_new_text ("王五", "某局", "局长");
  g_autoptr(LdPetitionPerson) unit_only = ld_petition_person_new_text ("王五", "某局", NULL);
  g_autofree char *a = ld_petition_person_format (text);
  g_autofree char *b = ld_petition_person_format (unit_only);
  g_autofree char *c = ld_petition_person_format (cadre);
  g_autoptr(LdReporter) empty = ld_reporter_new (NULL, " ", "", NULL, NULL);

  g_assert_cmpstr (a, ==, "王五（某局 局长）");
  g_assert_cmpstr (b, ==, "王五（某局）");
  g_assert_nonnull (strstr (c, "7"));
  g_assert_true (ld_reporter_is_empty (empty));
  g_assert_true (ld_reporter_is_empty (NULL));
}

/* --- Registration ----------------------------------------------------------------------- */

static void
test_registration (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL;
  gint64 id1, id2, id3;
  guint n = 0;
  const gint64 *ids;

  spec_init (&spec, f->unit_a, "2025-12-30", "第一件");
  id1 = create (f, &spec, &r1);
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026-01-04");
  id2 = create (f, &spec, &r2);
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2025-06-01");
  ld_petition_spec_add_unit (&spec, f->unit_b);
  ld_petition_spec_add_cadre (&spec, f->cadre_a);
  ld_petition_spec_add_person (&spec, "王五", "某局", "局长");
  id3 = create (f, &spec, &r3);
  g_assert_cmpstr (r1, ==, "2025-0001");
  g_assert_cmpstr (r2, ==, "2026-0001");
  g_assert_cmpstr (r3, ==, "2025-0002");
  g_assert_cmpint (id1, !=, id2);

  petition = ld_petition_repository_get (f->vault, id3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_petition_get_reg_no (petition), ==, "2025-0002");
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "registered");
  g_assert_cmpstr (ld_petition_get_kind (petition), ==, "accusation");
  g_assert_cmpstr (ld_petition_get_channel (petition), ==, "CH_LETTER");
  g_assert_cmpstr (ld_petition_get_routing (petition), ==, "local");
  g_assert_cmpstr (ld_petition_get_reporter_masked (petition), ==, "Anonymous");
  g_assert_cmpstr (ld_petition_get_unit_name (petition), ==, "Dept A");
  g_assert_cmpstr (ld_petition_get_units (petition), ==, "Dept A、Dept B");
  ids = ld_petition_get_unit_ids (petition, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (ids[0], ==, f->unit_a);
  g_assert_cmpint (ids[1], ==, f->unit_b);
  ids = ld_petition_get_person_cadre_ids (petition, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ids[0], ==, f->cadre_a);
  g_assert_cmpstr (ld_petition_get_persons_text (petition), ==, "张三（Dept A）、王五（某局 局长）");
  g_assert_cmpuint (ld_petition_get_persons (petition)->len, ==, 2);

  {
    g_autoptr(LdPetition) found = ld_petition_repository_find_by_reg_no (f->vault, "2025-0002", &error);

    g_assert_no_error (error);
    g_assert_cmpint (ld_petition_get_id (found), ==, id3);
    g_assert_null (ld_petition_repository_find_by_reg_no (f->vault, "2025-0009", &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* One version and one audit entry per registration. */
  g_assert_cmpint (count_versions (f, id3), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'petition.created'"), ==, 3);

  /* A future date and an unknown cadre are refused, nothing written. */
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2999-01-01");
  g_assert_false (ld_petition_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026-01-05");
  ld_petition_spec_add_cadre (&spec, 999);
  g_assert_false (ld_petition_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 3);
  g_assert_cmpint (count (f, "SELECT last FROM reg_counters WHERE kind = 'petition' AND year = 2026"), ==, 1);

  /* The next number after the refusals is still the next one. */
  g_ptr_array_set_size (spec.persons, 0);
  {
    g_autofree char *r4 = NULL;

    create (f, &spec, &r4);
    g_assert_cmpstr (r4, ==, "2026-0002");
  }
}

static void
test_update_and_retire (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gint64 id;

  spec_init (&spec, f->unit_a, "2026-03-02", "原摘要");
  id = create (f, &spec, NULL);
  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_no_error (error);

  ld_petition_spec_clear (&spec);
  ld_petition_spec_init_from_petition (&spec, petition);
  g_free (spec.summary);
  spec.summary = g_strdup ("新摘要");
  ld_petition_spec_add_person (&spec, "赵六", NULL, NULL);
  g_assert_true (ld_petition_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  /* Nothing changed: nothing written. */
  g_assert_true (ld_petition_repository_update (f->vault, id, &spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_versions (f, id), ==, 2);

  /* Real-name without a stored reporter is refused. */
  spec.real_name = TRUE;
  g_assert_false (ld_petition_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  spec.real_name = FALSE;

  g_clear_object (&petition);
  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_cmpstr (ld_petition_get_summary (petition), ==, "新摘要");
  g_assert_cmpstr (ld_petition_get_persons_text (petition), ==, "赵六");
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "registered");

  versions = ld_petition_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_nonnull (strstr (((LdCadreVersion *) versions->pdata[1])->before, "summary=原摘要"));
  g_assert_nonnull (strstr (((LdCadreVersion *) versions->pdata[1])->after, "summary=新摘要"));

  /* Retire needs a reason; a retired petition is read-only and not listed. */
  g_assert_false (ld_petition_repository_retire (f->vault, id, " ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_petition_repository_retire (f->vault, id, "Registered twice", &error));
  g_assert_no_error (error);
  g_assert_false (ld_petition_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) list = ld_petition_repository_list (f->vault, NULL, &error);
    LdPetitionFilter all = { .include_retired = TRUE };
    g_autoptr(GPtrArray) with_retired = ld_petition_repository_list (f->vault, &all, &error);

    g_assert_cmpuint (list->len, ==, 0);
    g_assert_cmpuint (with_retired->len, ==, 1);
    g_assert_cmpint (ld_petition_get_retired_at (with_retired->pdata[0]), >, 0);
    g_assert_cmpstr (ld_petition_get_retired_reason (with_retired->pdata[0]), ==, "Registered twice");
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 1);
}

/* --- State machine ---------------------------------------------------------------------- */

static void
assert_move_refused (Fixture              *f,
                     gint64                id,
                     const LdPetitionMove *move,
                     const char           *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  gint64 versions = count_versions (f, id);
  gint64 audits = ld_test_audit_count (f->vault);

  g_assert_false (ld_petition_repository_move (f->vault, id, move, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_cmpint (count_versions (f, id), ==, versions);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audits);
  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_petition_get_status (petition), ==, status);
}

static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  gint64 id = create_protected (f);
  gint64 routed, anonymous;

  /* Illegal: straight to closed. */
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "closed", .date = "2026-03-20", .result = "founded" },
                       "registered");
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "no-such-status" }, "registered");
  /* Accepted, with the notice date before the receipt: refused. */
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "accepted", .date = "2026-03-01" }, "registered");

  g_assert_true (ld_petition_repository_move (f->vault, id,
                                              &(LdPetitionMove) { .status = "accepted" }, &error));
  g_assert_no_error (error);
  /* The notice date may come later. */
  g_assert_true (ld_petition_repository_set_accept_notice (f->vault, id, "2026-03-10", &error));
  g_assert_no_error (error);

  assert_move_refused (f, id, &(LdPetitionMove) { .status = "routed", .routing = "up", .routed_to = "省纪委",
                                                  .date = "2026-03-05" }, "accepted");
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "registered" }, "accepted");
  /* Closing needs a result and a date. */
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "closed", .date = "2026-04-01" }, "accepted");
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "closed", .result = "founded" }, "accepted");
  /* Feedback before closing is refused. */
  g_assert_false (ld_petition_repository_set_feedback (f->vault, id, "2026-04-02", "phone", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ld_petition_repository_move (f->vault, id,
                                              &(LdPetitionMove) { .status = "closed", .date = "2026-04-01",
                                                                  .result = "partly" }, &error));
  g_assert_no_error (error);
  assert_move_refused (f, id, &(LdPetitionMove) { .status = "accepted" }, "closed");

  /* Feedback: not before the closing. */
  g_assert_false (ld_petition_repository_set_feedback (f->vault, id, "2026-03-31", "phone", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_petition_repository_set_feedback (f->vault, id, "2026-04-08", "当面告知",
                                                      "对处理结果有异议\n要求复查", &error));
  g_assert_no_error (error);

  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "closed");
  g_assert_cmpstr (ld_petition_get_accept_notice_date (petition), ==, "2026-03-10");
  g_assert_cmpstr (ld_petition_get_closed_date (petition), ==, "2026-04-01");
  g_assert_cmpstr (ld_petition_get_result (petition), ==, "partly");
  g_assert_cmpstr (ld_petition_get_feedback_date (petition), ==, "2026-04-08");
  g_assert_cmpstr (ld_petition_get_feedback_mode (petition), ==, "当面告知");
  g_assert_cmpstr (ld_petition_get_objection_note (petition), ==, "对处理结果有异议\n要求复查");
  /* create, accept, notice, close, feedback. */
  g_assert_cmpint (count_versions (f, id), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'petition.moved'"), ==, 2);

  /* Routing up: needs the organ and the date. */
  spec_init (&spec, f->unit_a, "2026-05-06", "反映省管干部问题");
  routed = create (f, &spec, NULL);
  assert_move_refused (f, routed, &(LdPetitionMove) { .status = "routed", .routing = "up",
                                                      .date = "2026-05-07" }, "registered");
  assert_move_refused (f, routed, &(LdPetitionMove) { .status = "routed", .routing = "up",
                                                      .routed_to = "省纪委" }, "registered");
  assert_move_refused (f, routed, &(LdPetitionMove) { .status = "routed", .routed_to = "省纪委",
                                                      .date = "2026-05-07" }, "registered");
  g_assert_true (ld_petition_repository_move (f->vault, routed,
                                              &(LdPetitionMove) { .status = "routed", .routing = "up",
                                                                  .routed_to = "省纪委", .date = "2026-05-08" },
                                              &error));
  g_assert_no_error (error);
  g_clear_object (&petition);
  petition = ld_petition_repository_get (f->vault, routed, &error);
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "routed");
  g_assert_cmpstr (ld_petition_get_routing (petition), ==, "up");
  g_assert_cmpstr (ld_petition_get_routed_to (petition), ==, "省纪委");
  g_assert_cmpstr (ld_petition_get_routed_date (petition), ==, "2026-05-08");

  /* Anonymous: no acceptance notice, no feedback. */
  g_free (spec.received_date);
  spec.received_date = g_strdup ("2026-05-07");
  anonymous = create (f, &spec, NULL);
  assert_move_refused (f, anonymous, &(LdPetitionMove) { .status = "accepted", .date = "2026-05-08" },
                       "registered");
  g_assert_true (ld_petition_repository_move (f->vault, anonymous, &(LdPetitionMove) { .status = "not-accepted" },
                                              &error));
  g_assert_no_error (error);
  assert_move_refused (f, anonymous, &(LdPetitionMove) { .status = "closed", .date = "2026-05-09",
                                                         .result = "unfounded" }, "not-accepted");
}

/* --- Repeats ---------------------------------------------------------------------------- */

static void
test_repeats (Fixture       *f,
              gconstpointer  data)
{
  g_auto(LdPetitionSpec) first = { 0 };
  g_auto(LdPetitionSpec) second = { 0 };
  g_auto(LdPetitionSpec) third = { 0 };
  g_auto(LdPetitionSpec) other = { 0 };
  g_auto(LdPetitionSpec) named = { 0 };
  g_auto(LdPetitionSpec) named_again = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autoptr(LdPetition) petition = NULL;
  gint64 a, b, c, d;
  guint n = 0;

  spec_init (&first, f->unit_a, "2026-02-01", "反映张三在工程招标中收受好处费");
  first.full_text = g_strdup ("张三利用职务便利在道路工程招标中收受承包商好处费五万元。");
  ld_petition_spec_add_cadre (&first, f->cadre_a);
  a = create (f, &first, NULL);

  /* Same cadre, similar text: offered before saving. */
  spec_init (&second, f->unit_a, "2026-03-01", "再次反映张三在工程招标中收受好处费");
  second.full_text = g_strdup ("张三在道路工程招标中收受承包商好处费。");
  ld_petition_spec_add_cadre (&second, f->cadre_a);
  candidates = ld_petition_repository_repeat_candidates_for_spec (f->vault, &second, 0, &scores, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpint (ld_petition_get_id (candidates->pdata[0]), ==, a);
  g_assert_cmpuint (scores->len, ==, 1);
  g_assert_cmpfloat (g_array_index (scores, double, 0), >=, LD_REPEAT_SIMILARITY);
  g_clear_pointer (&candidates, g_ptr_array_unref);
  g_clear_pointer (&scores, g_array_unref);
  b = create (f, &second, NULL);

  /* Same cadre, unrelated text: none. */
  spec_init (&other, f->unit_a, "2026-03-02", "反映张三家属经商");
  other.full_text = g_strdup ("其配偶开办公司承揽本单位物业服务。");
  ld_petition_spec_add_cadre (&other, f->cadre_a);
  candidates = ld_petition_repository_repeat_candidates_for_spec (f->vault, &other, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 0);
  g_clear_pointer (&candidates, g_ptr_array_unref);
  /* Similar text but another cadre: none. */
  g_ptr_array_set_size (second.persons, 0);
  ld_petition_spec_add_cadre (&second, f->cadre_b);
  candidates = ld_petition_repository_repeat_candidates_for_spec (f->vault, &second, 0, NULL, &error);
  g_assert_cmpuint (candidates->len, ==, 0);
  g_clear_pointer (&candidates, g_ptr_array_unref);

  /* The same free-text name of a person not on file. */
  spec_init (&named, f->unit_b, "2026-01-10", "反映王五违规使用公车");
  named.full_text = g_strdup ("王五长期私用单位公务用车接送子女。");
  ld_petition_spec_add_person (&named, "王五", "某局", NULL);
  c = create (f, &named, NULL);
  spec_init (&named_again, f->unit_b, "2026-04-10", "反映王五私用公车");
  named_again.full_text = g_strdup ("王五私用单位公务用车接送子女上学。");
  ld_petition_spec_add_person (&named_again, "王五", NULL, NULL);
  candidates = ld_petition_repository_repeat_candidates_for_spec (f->vault, &named_again, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpint (ld_petition_get_id (candidates->pdata[0]), ==, c);
  g_clear_pointer (&candidates, g_ptr_array_unref);

  /* For a stored petition. */
  candidates = ld_petition_repository_repeat_candidates (f->vault, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpint (ld_petition_get_id (candidates->pdata[0]), ==, a);
  g_clear_pointer (&candidates, g_ptr_array_unref);

  /* Confirm: b repeats a; then d repeats b and links to a (the root). */
  g_assert_true (ld_petition_repository_mark_repeat (f->vault, b, a, &error));
  g_assert_no_error (error);
  spec_init (&third, f->unit_a, "2026-05-01", "三次反映张三收受好处费");
  ld_petition_spec_add_cadre (&third, f->cadre_a);
  d = create (f, &third, NULL);
  g_assert_true (ld_petition_repository_mark_repeat (f->vault, d, b, &error));
  g_assert_no_error (error);
  petition = ld_petition_repository_get (f->vault, d, &error);
  g_assert_cmpint (ld_petition_get_repeat_of (petition), ==, a);
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "filed");
  g_assert_cmpstr (ld_petition_get_repeat_of_reg_no (petition), ==, "2026-0001");
  g_assert_true (ld_petition_is_repeat (petition));
  g_clear_object (&petition);
  petition = ld_petition_repository_get (f->vault, a, &error);
  g_assert_cmpuint (ld_petition_get_n_repeats (petition), ==, 2);
  g_assert_false (ld_petition_is_repeat (petition));
  g_assert_true (ld_petition_repository_count_repeats (f->vault, a, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (ld_petition_repository_count_repeats (f->vault, d, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions WHERE repeat_of IS NOT NULL AND repeat_of <> (SELECT min (id) FROM petitions)"), ==, 0);

  /* Refusals: the root cannot repeat its own repeat; a later report is not
   * the first; nothing written. */
  {
    gint64 versions = count_versions (f, a);

    g_assert_false (ld_petition_repository_mark_repeat (f->vault, a, b, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ld_petition_repository_mark_repeat (f->vault, c, b, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count_versions (f, a), ==, versions);
  }

  /* A filed repeat cannot be accepted: the state machine says so. */
  {
    g_auto(LdPetitionSpec) accepted = { 0 };
    gint64 e;

    spec_init (&accepted, f->unit_a, "2026-06-01", "四次反映张三");
    e = create (f, &accepted, NULL);
    g_assert_true (ld_petition_repository_move (f->vault, e, &(LdPetitionMove) { .status = "accepted" }, &error));
    g_assert_false (ld_petition_repository_mark_repeat (f->vault, e, a, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Filters. */
  {
    LdPetitionFilter only = { .repeats = LD_PETITION_REPEATS_ONLY };
    LdPetitionFilter none = { .repeats = LD_PETITION_REPEATS_NONE };
    LdPetitionFilter cadre = { .cadre_id = f->cadre_a };
    g_autoptr(GPtrArray) repeats = ld_petition_repository_list (f->vault, &only, &error);
    g_autoptr(GPtrArray) firsts = ld_petition_repository_list (f->vault, &none, &error);
    g_autoptr(GPtrArray) about = ld_petition_repository_list (f->vault, &cadre, &error);
    gint64 total = 0;

    g_assert_cmpuint (repeats->len, ==, 2);
    g_assert_cmpint (ld_petition_get_id (repeats->pdata[0]), ==, d);   /* newest first */
    g_assert_cmpint (ld_petition_get_id (repeats->pdata[1]), ==, b);
    g_assert_cmpuint (firsts->len, ==, 3);
    g_assert_cmpuint (about->len, ==, 3);
    g_assert_true (ld_petition_repository_count (f->vault, &only, &total, &error));
    g_assert_cmpint (total, ==, 2);
  }
}

/* --- Lists ------------------------------------------------------------------------------ */

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 in_a1, in_b, phone;

  spec_init (&spec, f->unit_a1, "2025-11-03", "反映科室问题");
  in_a1 = create (f, &spec, NULL);
  ld_petition_spec_clear (&spec);
  spec_init (&spec, f->unit_b, "2026-02-03", "反映B单位 Road 工程");
  ld_petition_spec_add_person (&spec, "钱七", "某公司", "经理");
  in_b = create (f, &spec, NULL);
  ld_petition_spec_clear (&spec);
  spec_init (&spec, f->unit_b, "2026-02-04", "电话反映");
  g_free (spec.channel);
  spec.channel = g_strdup ("CH_PHONE");
  g_free (spec.kind);
  spec.kind = g_strdup ("suggestion");
  ld_petition_spec_add_unit (&spec, f->unit_a);
  phone = create (f, &spec, NULL);

  {
    LdPetitionFilter subtree = { .unit_id = f->unit_a };
    LdPetitionFilter year = { .year = 2025 };
    LdPetitionFilter range = { .date_from = "2026-02-04", .date_to = "2026-12-31" };
    LdPetitionFilter channel = { .channel = "CH_PHONE" };
    LdPetitionFilter kind = { .kind = "suggestion" };
    LdPetitionFilter person = { .text = "钱七" };
    LdPetitionFilter latin = { .text = "road" };
    LdPetitionFilter page = { .limit = 1, .offset = 1 };
    LdPetitionFilter status = { .status = "accepted" };
    g_autoptr(GPtrArray) l1 = ld_petition_repository_list (f->vault, &subtree, &error);
    g_autoptr(GPtrArray) l2 = ld_petition_repository_list (f->vault, &year, &error);
    g_autoptr(GPtrArray) l3 = ld_petition_repository_list (f->vault, &range, &error);
    g_autoptr(GPtrArray) l4 = ld_petition_repository_list (f->vault, &channel, &error);
    g_autoptr(GPtrArray) l5 = ld_petition_repository_list (f->vault, &kind, &error);
    g_autoptr(GPtrArray) l6 = ld_petition_repository_list (f->vault, &person, &error);
    g_autoptr(GPtrArray) l7 = ld_petition_repository_list (f->vault, &latin, &error);
    g_autoptr(GPtrArray) l8 = ld_petition_repository_list (f->vault, &page, &error);
    g_autoptr(GPtrArray) l9 = ld_petition_repository_list (f->vault, &status, &error);

    g_assert_no_error (error);
    /* A and below, and the petition that names A as a further unit. */
    g_assert_cmpuint (l1->len, ==, 2);
    g_assert_cmpint (ld_petition_get_id (l1->pdata[0]), ==, phone);
    g_assert_cmpint (ld_petition_get_id (l1->pdata[1]), ==, in_a1);
    g_assert_cmpuint (l2->len, ==, 1);
    g_assert_cmpint (ld_petition_get_id (l2->pdata[0]), ==, in_a1);
    g_assert_cmpuint (l3->len, ==, 1);
    g_assert_cmpuint (l4->len, ==, 1);
    g_assert_cmpuint (l5->len, ==, 1);
    g_assert_cmpuint (l6->len, ==, 1);
    g_assert_cmpint (ld_petition_get_id (l6->pdata[0]), ==, in_b);
    g_assert_cmpuint (l7->len, ==, 1);
    g_assert_cmpuint (l8->len, ==, 1);
    g_assert_cmpint (ld_petition_get_id (l8->pdata[0]), ==, in_b);
    g_assert_cmpuint (l9->len, ==, 0);
  }
}

/* --- Reporter protection ----------------------------------------------------------------- */

static void
test_masking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(LdReporter) changed = ld_reporter_new ("欧阳锋芒", R_UNIT, R_CONTACT "1", NULL, NULL);
  gint64 id = create_protected (f);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* A correction of the identity needs only the write permission. */
  ld_test_login (f->vault, "plain");
  g_assert_true (ld_petition_repository_set_reporter (f->vault, id, changed, &error));
  g_assert_no_error (error);

  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_petition_get_reporter_masked (petition), ==, "欧**");
  g_assert_cmpstr (ld_petition_get_reporter_contact_masked (petition), ==, "***");
  g_assert_cmpstr (ld_petition_get_reporter_unit_masked (petition), ==, "***");
  g_assert_cmpstr (ld_petition_get_reporter_address_masked (petition), ==, "");
  g_assert_true (ld_petition_get_real_name (petition));
  assert_petition_masked (petition);

  list = ld_petition_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  assert_petition_masked (list->pdata[0]);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Text filters never look at the reporter. */
  {
    static const char * const probes[] = { "锋芒", R_UNIT, R_CONTACT, "收受" };
    static const guint expected[] = { 0, 0, 0, 1 };

    for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
      {
        LdPetitionFilter filter = { .text = probes[i] };
        gint64 n = -1;

        list = ld_petition_repository_list (f->vault, &filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (list->len, ==, expected[i]);
        g_clear_pointer (&list, g_ptr_array_unref);
        g_assert_true (ld_petition_repository_count (f->vault, &filter, &n, &error));
        g_assert_cmpint (n, ==, expected[i]);
      }
  }

  /* A reported cadre's file: no reporter field at all. */
  list = ld_petition_repository_list_for_cadre (f->vault, f->cadre_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (ld_petition_get_reporter_masked (list->pdata[0]), ==, "");
  g_assert_cmpstr (ld_petition_get_reporter_contact_masked (list->pdata[0]), ==, "");
  g_assert_cmpstr (ld_petition_get_reporter_unit_masked (list->pdata[0]), ==, "");
  assert_petition_masked (list->pdata[0]);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_petition_repository_list_for_cadre (f->vault, f->cadre_b, &error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Versions say "reporter changed", never the values. */
  versions = ld_petition_repository_versions (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  for (guint i = 0; i < versions->len; i++)
    {
      LdCadreVersion *v = versions->pdata[i];

      assert_no_secret (v->before);
      assert_no_secret (v->after);
      g_assert_nonnull (strstr (v->after, "reporter=changed"));
    }
  g_assert_cmpstr (((LdCadreVersion *) versions->pdata[1])->event, ==, LD_AUDIT_PETITION_REPORTER_CHANGED);

  /* The whole audit trail and every version, read directly. */
  stmt = ld_sql_prepare (_ld_vault_get_db (f->vault),
                         "SELECT event || ' ' || object_id || ' ' || details FROM audit_log"
                         " UNION ALL SELECT before || after FROM record_versions",
                         &error);
  g_assert_no_error (error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    assert_no_secret (ld_sql_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  /* Editing a real-name report keeps its reporter; the version names only
   * what changed. */
  {
    g_auto(LdPetitionSpec) edit = { 0 };
    g_autoptr(GPtrArray) after_edit = NULL;
    g_autoptr(LdPetition) edited = NULL;
    LdCadreVersion *last;

    ld_petition_spec_init_from_petition (&edit, petition);
    g_free (edit.summary);
    edit.summary = g_strdup ("反映张三收受礼金（补充）");
    g_assert_true (ld_petition_repository_update (f->vault, id, &edit, &error));
    g_assert_no_error (error);
    after_edit = ld_petition_repository_versions (f->vault, id, &error);
    g_assert_cmpuint (after_edit->len, ==, 3);
    last = after_edit->pdata[2];
    g_assert_cmpstr (last->after, ==, "summary=反映张三收受礼金（补充）\n");
    edited = ld_petition_repository_get (f->vault, id, &error);
    g_assert_cmpstr (ld_petition_get_reporter_masked (edited), ==, "欧**");
    g_assert_true (ld_petition_get_real_name (edited));
  }

  /* Anonymous reports say so. */
  {
    g_auto(LdPetitionSpec) spec = { 0 };
    g_autoptr(LdPetition) anonymous = NULL;
    gint64 anon_id;

    spec_init (&spec, f->unit_a, "2026-03-03", "匿名信");
    anon_id = create (f, &spec, NULL);
    anonymous = ld_petition_repository_get (f->vault, anon_id, &error);
    g_assert_cmpstr (ld_petition_get_reporter_masked (anonymous), ==, "Anonymous");
  }
}

static gint64
count_reveals (Fixture *f)
{
  return count (f, "SELECT count(*) FROM audit_log WHERE event = 'petition.reporter_revealed'");
}

static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdReporter) reporter = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = create_protected (f);
  gint64 denied;

  /* Without the grant: permission denied, audited as a denial, no reveal. */
  ld_test_login (f->vault, "plain");
  denied = count (f, "SELECT count(*) FROM audit_log WHERE event = 'permission.denied'");
  g_assert_false (ld_petition_repository_reveal_reporter (f->vault, id, "核实举报内容", &reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_assert_null (reporter);
  g_clear_error (&error);
  g_assert_cmpint (count_reveals (f), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE event = 'permission.denied'"), ==, denied + 1);

  /* A viewer has no such permission either. */
  ld_test_login (f->vault, "viewer");
  g_assert_false (ld_petition_repository_reveal_reporter (f->vault, id, "核实举报内容", &reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* With the grant but without a reason: refused, nothing audited. */
  ld_test_login (f->vault, "boss");
  g_assert_false (ld_petition_repository_reveal_reporter (f->vault, id, "   ", &reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_null (reporter);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_reveal_reporter (f->vault, id, NULL, &reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_reveals (f), ==, 0);

  /* Out of range: not found, nothing audited. */
  g_assert_false (ld_petition_repository_reveal_reporter (f->vault, id + 100, "核实", &reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_reveals (f), ==, 0);

  g_assert_true (ld_petition_repository_reveal_reporter (f->vault, id, "需电话核实举报内容", &reporter, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reporter);
  g_assert_cmpstr (reporter->name, ==, R_NAME);
  g_assert_cmpstr (reporter->unit, ==, R_UNIT);
  g_assert_cmpstr (reporter->contact, ==, R_CONTACT);
  g_assert_cmpstr (reporter->address, ==, R_ADDRESS);
  g_assert_cmpstr (reporter->id_number, ==, R_ID);
  g_assert_cmpint (count_reveals (f), ==, 1);

  stmt = ld_sql_prepare (_ld_vault_get_db (f->vault),
                         "SELECT account, object_id, details FROM audit_log"
                         " WHERE event = 'petition.reporter_revealed'",
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (ld_sql_column_text (stmt, 0), ==, "boss");
  g_assert_cmpint (g_ascii_strtoll (ld_sql_column_text (stmt, 1), NULL, 10), ==, id);
  g_assert_nonnull (strstr (ld_sql_column_text (stmt, 2), "需电话核实举报内容"));
  assert_no_secret (ld_sql_column_text (stmt, 2));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* An anonymous report without identity: nothing, but still audited. */
  {
    g_auto(LdPetitionSpec) spec = { 0 };
    g_autoptr(LdReporter) none = NULL;
    gint64 anon;

    spec_init (&spec, f->unit_a, "2026-03-03", "匿名信");
    anon = create (f, &spec, NULL);
    g_assert_true (ld_petition_repository_reveal_reporter (f->vault, anon, "核实", &none, &error));
    g_assert_no_error (error);
    g_assert_null (none);
    g_assert_cmpint (count_reveals (f), ==, 2);
  }
}

/* --- Scope and roles -------------------------------------------------------------------- */

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  guint n = 0;
  gint64 id = create_protected (f);
  gint64 audits;

  ld_test_login (f->vault, "inv");
  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_assert_null (petition);
  g_clear_error (&error);
  list = ld_petition_repository_list (f->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  audits = ld_test_audit_count (f->vault);
  g_assert_false (ld_petition_repository_move (f->vault, id, &(LdPetitionMove) { .status = "accepted" }, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_retire (f->vault, id, "Not mine", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ld_petition_repository_versions (f->vault, id, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_count_repeats (f->vault, id, &n, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audits);

  /* Registering for a unit outside the scope, or naming a cadre there. */
  spec_init (&spec, f->unit_a, "2026-03-03", "越权");
  g_assert_false (ld_petition_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  spec.unit_id = f->unit_b;
  ld_petition_spec_add_cadre (&spec, f->cadre_a);
  g_assert_false (ld_petition_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 1);

  /* Its own unit works. */
  g_ptr_array_set_size (spec.persons, 0);
  create (f, &spec, NULL);
  list = ld_petition_repository_list (f->vault, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(LdReporter) reporter = ld_reporter_new ("张三", NULL, NULL, NULL, NULL);
  gint64 id = create_protected (f);
  gint64 rows;

  ld_test_login (f->vault, "viewer");
  petition = ld_petition_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  assert_petition_masked (petition);
  rows = count (f, "SELECT count(*) FROM record_versions");

  spec_init (&spec, f->unit_a, "2026-03-03", "查阅人员登记");
  g_assert_false (ld_petition_repository_create (f->vault, &spec, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_move (f->vault, id, &(LdPetitionMove) { .status = "accepted" }, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_set_reporter (f->vault, id, reporter, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_retire (f->vault, id, "No", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_petition_repository_mark_repeat (f->vault, id, id, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM petitions"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM record_versions"), ==, rows);
}

/* --- The importer's entry point ----------------------------------------------------------- */

static void
test_insert_in_tx (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autofree char *reg_no = NULL;
  gint64 id = 0, audits = ld_test_audit_count (f->vault);

  spec_init (&spec, f->unit_a, "2024-05-06", "台账导入");
  g_assert_true (_ld_vault_begin (f->vault, &error));
  g_assert_true (_ld_petition_insert_in_tx (f->vault, &spec, "2024-0107", "petition.imported", FALSE, &id,
                                            &reg_no, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reg_no, ==, "2024-0107");
  g_assert_true (_ld_petition_move_in_tx (f->vault, id, &(LdPetitionMove) { .status = "accepted" }, FALSE,
                                          &error));
  g_assert_no_error (error);
  /* A taken number is refused. */
  g_assert_false (_ld_petition_insert_in_tx (f->vault, &spec, "2024-0107", "petition.imported", FALSE, NULL,
                                             NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (_ld_petition_insert_in_tx (f->vault, &spec, "24-7", "petition.imported", FALSE, NULL, NULL,
                                             &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (_ld_petition_insert_in_tx (f->vault, &spec, "2024-0001", "petition.imported", FALSE, NULL, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (_ld_vault_commit (f->vault, &error));
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, audits);
  g_assert_cmpint (count_versions (f, id), ==, 2);

  /* The next number skips what the ledger used. */
  {
    g_autofree char *next = NULL;

    create (f, &spec, &next);
    g_assert_cmpstr (next, ==, "2024-0002");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/petitions/spec-validate", test_spec_validate);
  g_test_add_func ("/petitions/masks", test_masks);
  g_test_add ("/petitions/registration", Fixture, NULL, setup, test_registration, teardown);
  g_test_add ("/petitions/update-retire", Fixture, NULL, setup, test_update_and_retire, teardown);
  g_test_add ("/petitions/moves", Fixture, NULL, setup, test_moves, teardown);
  g_test_add ("/petitions/repeats", Fixture, NULL, setup, test_repeats, teardown);
  g_test_add ("/petitions/list-filters", Fixture, NULL, setup, test_list_filters, teardown);
  g_test_add ("/petitions/masking", Fixture, NULL, setup, test_masking, teardown);
  g_test_add ("/petitions/reveal", Fixture, NULL, setup, test_reveal, teardown);
  g_test_add ("/petitions/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/petitions/viewer", Fixture, NULL, setup, test_viewer, teardown);
  g_test_add ("/petitions/insert-in-tx", Fixture, NULL, setup, test_insert_in_tx, teardown);

  return g_test_run ();
}
