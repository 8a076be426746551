/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-case-scenario"

/* The "done when" of the talks-and-petitions issue, end to end through the
 * repositories: an investigator registers a real-name letter, the
 * petition is accepted, a clue is made from it and disposed of as 谈话函询,
 * the talk and the written explanation are recorded, the clue is closed
 * and the feedback sent — and on every step the board shows the deadline
 * turning yellow and red on the right working day, with a holiday and a
 * 调休 working Saturday in the calendar. A colleague without the
 * reporter-identity grant never sees the reporter's name anywhere. */

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-board.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-clue-repository.h"
#include "records/ld-fulltext-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "records/ld-user-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_ZHANG "11010519491231002X"

/* Parts of the reporter's identity: none may show up without the grant. */
static const char * const secrets[] = { "王小明", "小明", "明远科技", "13800138000", "幸福路" };

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit;
  gint64   cadre;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "ivy", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "col", LD_ROLE_INVESTIGATOR);
  ld_test_grant_scope (f->vault, "ivy", 0);
  ld_test_grant_scope (f->vault, "col", 0);
  /* Still signed in as sec: only ivy may see reporters. */
  ld_user_repository_set_grant (f->vault, "ivy", LD_GRANT_REPORTER_IDENTITY, TRUE, &error);
  g_assert_no_error (error);
  ld_test_login (f->vault, "ivy");
  f->unit = ld_test_add_unit (f->vault, 0, "财政局");
  f->cadre = ld_test_add_cadre (f->vault, f->unit, "张三", ID_ZHANG);

  /* A holiday on Tuesday 2026-03-10, a 调休 working Saturday 2026-03-28,
   * and 2026-05-01. */
  ld_calendar_repository_set (f->vault, "2026-03-10", LD_DAY_HOLIDAY, "测试假日", &error);
  g_assert_no_error (error);
  ld_calendar_repository_set (f->vault, "2026-03-28", LD_DAY_WORKDAY, "调休上班", &error);
  g_assert_no_error (error);
  ld_calendar_repository_set (f->vault, "2026-05-01", LD_DAY_HOLIDAY, "劳动节", &error);
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

/* The board level of the item of kind for record (type, id) on day
 * ("YYYY-MM-DD"), LD_ALERT_NONE when the board has no such item. Also
 * checks that no title on the board shows a secret. */
static LdAlertLevel
board_level (Fixture        *f,
             const char     *day,
             LdDeadlineKind  kind,
             const char     *record_type,
             gint64          record_id,
             char          **due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GDate date;
  LdAlertLevel level = LD_ALERT_NONE;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_assert_true (g_date_valid (&date));
  items = ld_board_list (f->vault, &date, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);

      for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
        g_assert_null (strstr (ld_board_item_get_title (item), secrets[s]));
      if (ld_board_item_get_kind (item) == kind
          && g_str_equal (ld_board_item_get_record_type (item), record_type)
          && ld_board_item_get_record_id (item) == record_id)
        {
          level = ld_board_item_get_level (item);
          if (due != NULL)
            *due = g_strdup (ld_board_item_get_due_date (item));
        }
    }
  return level;
}

static void
assert_levels (Fixture        *f,
               LdDeadlineKind  kind,
               const char     *record_type,
               gint64          record_id,
               const char     *expected_due,
               const char * const *days,
               const LdAlertLevel *levels,
               guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *due = NULL;
      LdAlertLevel level = board_level (f, days[i], kind, record_type, record_id, &due);

      g_test_message ("%s on %s: level %d, due %s", ld_deadline_kind_to_string (kind), days[i], level,
                      due != NULL ? due : "-");
      g_assert_cmpint (level, ==, levels[i]);
      if (level != LD_ALERT_NONE)
        g_assert_cmpstr (due, ==, expected_due);
    }
}

static char *
dump_texts (Fixture *f)
{
  /* Everything an account without the grant could read through the
   * audit trail and the case versions, as one text. */
  g_autoptr(GError) error = NULL;
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault),
                                  "SELECT group_concat (t, ' ') FROM ("
                                  " SELECT event || object_type || object_id || outcome || details AS t FROM audit_log"
                                  " UNION ALL SELECT before || after FROM record_versions"
                                  " UNION ALL SELECT title || body FROM fulltext)",
                                  &error);

  g_assert_no_error (error);
  return text;
}

static void
test_letter_to_feedback (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdPetitionSpec) spec = { 0 };
  g_autoptr(LdReporter) reporter = NULL;
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(LdTalk) talk = NULL;
  g_auto(LdTalkSpec) talk_spec = { 0 };
  g_auto(LdClueSpec) clue_spec = { 0 };
  g_autofree char *reg_no = NULL;
  g_autofree char *texts = NULL;
  LdPetitionMove move = { 0 };
  gint64 petition_id = 0, clue_id = 0, talk_id = 0;

  /* 1. A real-name letter, received on Monday 2026-03-02. */
  ld_petition_spec_init (&spec);
  spec.unit_id = f->unit;
  spec.kind = g_strdup ("accusation");
  spec.channel = g_strdup ("CH_LETTER");
  spec.received_date = g_strdup ("2026-03-02");
  spec.real_name = TRUE;
  reporter = ld_reporter_new ("王小明", "明远科技", "13800138000", "幸福路1号", NULL);
  ld_petition_spec_set_reporter (&spec, reporter);
  ld_petition_spec_add_cadre (&spec, f->cadre);
  spec.categories = g_strdup ("INT,HS1");
  spec.summary = g_strdup ("反映张三春节期间收受管理对象礼金");
  spec.full_text = g_strdup ("张三在2026年春节期间收受管理对象礼金5000元。");
  ld_petition_repository_create (f->vault, &spec, &petition_id, &reg_no, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_no, ==, "2026-0001");

  /* The acceptance notice: 15 working days after receipt, one more for the
   * holiday of 03-10 → Tuesday 03-24. Yellow from 03-17 (five working
   * days left), red from 03-25. */
  {
    const char *days[] = { "2026-03-02", "2026-03-16", "2026-03-17", "2026-03-24", "2026-03-25" };
    const LdAlertLevel levels[] = { LD_ALERT_LATER, LD_ALERT_LATER, LD_ALERT_DUE_SOON, LD_ALERT_DUE_SOON,
                                    LD_ALERT_OVERDUE };

    assert_levels (f, LD_DEADLINE_ACCEPT_NOTICE, "petition", petition_id, "2026-03-24", days, levels,
                   G_N_ELEMENTS (days));
  }

  /* 2. Accepted at this level, the notice sent on 03-12: the line goes. */
  move.status = "accepted";
  move.date = "2026-03-12";
  ld_petition_repository_move (f->vault, petition_id, &move, &error);
  g_assert_no_error (error);
  g_assert_cmpint (board_level (f, "2026-03-25", LD_DEADLINE_ACCEPT_NOTICE, "petition", petition_id, NULL), ==,
                   LD_ALERT_NONE);

  /* 3. A clue for the supervision department, received there on 03-12:
   * the disposal decision is due five working days later (03-19). */
  ld_clue_spec_init (&clue_spec);
  clue_spec.received_date = g_strdup ("2026-03-12");
  ld_clue_repository_create_from_petition (f->vault, petition_id, &clue_spec, &clue_id, &error);
  g_assert_no_error (error);
  {
    const char *days[] = { "2026-03-12", "2026-03-19", "2026-03-20" };
    const LdAlertLevel levels[] = { LD_ALERT_DUE_SOON, LD_ALERT_DUE_SOON, LD_ALERT_OVERDUE };

    assert_levels (f, LD_DEADLINE_DISPOSAL_DECISION, "clue", clue_id, "2026-03-19", days, levels,
                   G_N_ELEMENTS (days));
  }

  /* 4. 谈话函询, approved on Friday 03-13: the reply is due 15 working days
   * later; the 调休 Saturday 03-28 counts → Thursday 04-02. On 03-26 it
   * is six working days away and in next month (not on the board); on
   * 03-27 yellow; on 04-03 red. */
  ld_clue_repository_dispose (f->vault, clue_id, "talk-letter", "赵书记", "2026-03-13", NULL, &error);
  g_assert_no_error (error);
  clue = ld_clue_repository_get (f->vault, clue_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_clue_get_due_date (clue), ==, "2026-04-02");
  g_assert_cmpint (board_level (f, "2026-03-20", LD_DEADLINE_DISPOSAL_DECISION, "clue", clue_id, NULL), ==,
                   LD_ALERT_NONE);
  {
    const char *days[] = { "2026-03-26", "2026-03-27", "2026-04-02", "2026-04-03" };
    const LdAlertLevel levels[] = { LD_ALERT_NONE, LD_ALERT_DUE_SOON, LD_ALERT_DUE_SOON, LD_ALERT_OVERDUE };

    assert_levels (f, LD_DEADLINE_DISPOSAL, "clue", clue_id, "2026-04-02", days, levels, G_N_ELEMENTS (days));
  }

  /* 5. The talk on 03-20 by two staff, a written explanation due Friday
   * 04-10: yellow from 04-03, red from 04-13. */
  ld_talk_spec_init (&talk_spec);
  ld_talk_spec_set (&talk_spec.type, "T_INQUIRY");
  ld_talk_spec_set (&talk_spec.talk_date, "2026-03-20");
  ld_talk_spec_set (&talk_spec.talk_time, "09:30");
  ld_talk_spec_set (&talk_spec.place, "第一谈话室");
  ld_talk_spec_add_talker (&talk_spec, "钱一");
  ld_talk_spec_add_talker (&talk_spec, "孙二");
  ld_talk_spec_add_cadre (&talk_spec, f->cadre);
  talk_spec.clue_id = clue_id;
  ld_talk_spec_set (&talk_spec.reason, "函询反映收受礼金问题");
  talk_spec.written_required = LD_TALK_WRITTEN_EXPLANATION;
  ld_talk_spec_set (&talk_spec.written_due, "2026-04-10");
  {
    g_auto(GStrv) warnings = ld_talk_spec_check_warnings (&talk_spec);

    g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  }
  ld_talk_repository_create (f->vault, &talk_spec, &talk_id, NULL, &error);
  g_assert_no_error (error);
  {
    const char *days[] = { "2026-04-02", "2026-04-03", "2026-04-10", "2026-04-13" };
    const LdAlertLevel levels[] = { LD_ALERT_LATER, LD_ALERT_DUE_SOON, LD_ALERT_DUE_SOON, LD_ALERT_OVERDUE };

    assert_levels (f, LD_DEADLINE_WRITTEN, "talk", talk_id, "2026-04-10", days, levels, G_N_ELEMENTS (days));
  }

  /* The written explanation arrives on 04-08: the line goes. */
  talk = ld_talk_repository_get (f->vault, talk_id, &error);
  g_assert_no_error (error);
  ld_talk_spec_clear (&talk_spec);
  ld_talk_spec_init_from_talk (&talk_spec, talk);
  ld_talk_spec_set (&talk_spec.written_received, "2026-04-08");
  ld_talk_repository_update (f->vault, talk_id, &talk_spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (board_level (f, "2026-04-13", LD_DEADLINE_WRITTEN, "talk", talk_id, NULL), ==, LD_ALERT_NONE);

  /* 6. The clue closes on Wednesday 04-15 as unfounded, with the clearing:
   * the petition closes with it, and the feedback is due 15 working days
   * later, one more for 05-01 → Thursday 05-07: not on the board on
   * 04-28, yellow from 04-29, red from 05-08. */
  ld_clue_repository_close (f->vault, clue_id, "unfounded", "2026-04-15", "在局党组会上予以澄清", "2026-04-20", NULL,
                            &error);
  g_assert_no_error (error);
  g_clear_object (&petition);
  petition = ld_petition_repository_get (f->vault, petition_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_petition_get_status (petition), ==, "closed");
  g_assert_cmpstr (ld_petition_get_closed_date (petition), ==, "2026-04-15");
  g_assert_cmpint (board_level (f, "2026-04-03", LD_DEADLINE_DISPOSAL, "clue", clue_id, NULL), ==, LD_ALERT_NONE);
  {
    const char *days[] = { "2026-04-28", "2026-04-29", "2026-05-07", "2026-05-08" };
    const LdAlertLevel levels[] = { LD_ALERT_NONE, LD_ALERT_DUE_SOON, LD_ALERT_DUE_SOON, LD_ALERT_OVERDUE };

    assert_levels (f, LD_DEADLINE_FEEDBACK, "petition", petition_id, "2026-05-07", days, levels,
                   G_N_ELEMENTS (days));
  }

  /* 7. The feedback by phone on 05-06: nothing of this case is left. */
  ld_petition_repository_set_feedback (f->vault, petition_id, "2026-05-06", "电话", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (board_level (f, "2026-05-08", LD_DEADLINE_FEEDBACK, "petition", petition_id, NULL), ==,
                   LD_ALERT_NONE);

  /* 8. The colleague without the grant: masked in the petition, absent
   * from the cadre's file, the board, the search, the history and the
   * audit trail; the reveal is refused. */
  ld_test_login (f->vault, "col");
  {
    g_autoptr(LdPetition) seen = ld_petition_repository_get (f->vault, petition_id, &error);
    g_autoptr(GPtrArray) for_cadre = NULL;
    g_autoptr(GPtrArray) hits = NULL;
    g_autoptr(GPtrArray) versions = NULL;
    g_autoptr(GPtrArray) board = NULL;
    LdPetitionFilter filter = { 0 };
    g_autoptr(GPtrArray) found = NULL;
    LdReporter *revealed = NULL;
    guint total = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (ld_petition_get_reporter_masked (seen), ==, "王**");
    for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
      {
        g_assert_null (strstr (ld_petition_get_reporter_unit_masked (seen), secrets[s]));
        g_assert_null (strstr (ld_petition_get_reporter_contact_masked (seen), secrets[s]));
        g_assert_null (strstr (ld_petition_get_reporter_address_masked (seen), secrets[s]));
      }

    for_cadre = ld_petition_repository_list_for_cadre (f->vault, f->cadre, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (for_cadre->len, ==, 1);
    g_assert_cmpstr (ld_petition_get_reporter_masked (g_ptr_array_index (for_cadre, 0)), ==, "");

    filter.text = "王小明";
    found = ld_petition_repository_list (f->vault, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);

    hits = ld_fulltext_search (f->vault, "王小明", NULL, 20, 0, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = ld_fulltext_search (f->vault, "收受管理对象", "petition", 20, 0, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);

    versions = ld_petition_repository_versions (f->vault, petition_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, >=, 4);

    board = ld_board_list_for_cadre (f->vault, f->cadre, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < board->len; i++)
      g_assert_cmpstr (ld_board_item_get_record_type (g_ptr_array_index (board, i)), !=, "petition");

    g_assert_false (ld_petition_repository_reveal_reporter (f->vault, petition_id, "好奇", &revealed, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
    g_assert_null (revealed);
    g_clear_error (&error);
  }
  texts = dump_texts (f);
  for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
    g_assert_null (strstr (texts, secrets[s]));

  /* 9. ivy holds the grant: the reveal needs a reason and is audited with
   * it, never with the name. */
  ld_test_login (f->vault, "ivy");
  {
    g_autoptr(LdReporter) revealed = NULL;
    gint64 before = ld_test_count_rows (f->vault, "SELECT count (*) FROM audit_log"
                                                  " WHERE event = 'petition.reporter_revealed'");

    g_assert_false (ld_petition_repository_reveal_reporter (f->vault, petition_id, "  ", &revealed, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
    ld_petition_repository_reveal_reporter (f->vault, petition_id, "向实名举报人反馈核查结果", &revealed, &error);
    g_assert_no_error (error);
    g_assert_nonnull (revealed);
    g_assert_cmpstr (revealed->name, ==, "王小明");
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count (*) FROM audit_log"
                                                   " WHERE event = 'petition.reporter_revealed'"
                                                   " AND details LIKE '%向实名举报人反馈核查结果%'"),
                     ==, before + 1);
  }
  g_free (texts);
  texts = dump_texts (f);
  for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
    g_assert_null (strstr (texts, secrets[s]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-scenario/letter-to-feedback", Fixture, NULL, setup, test_letter_to_feedback, teardown);

  return g_test_run ();
}
