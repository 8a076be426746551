/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-talk-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-talk-private.h"
#include "records/ld-talk-repository.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Separators of the persons list in one column: never in a name (names
 * hold no control characters). */
#define SEP_FIELD  "\x1f"
#define SEP_RECORD "\x1e"

/* The SELECT list of read_talk(). */
#define TALK_COLUMNS \
  "t.id, t.reg_no, t.unit_id, u.name, t.type, t.talk_date, t.talk_time, t.place, t.talkers, t.recorder," \
  " t.reason, ifnull (t.clue_id, 0), ifnull ((SELECT cl.reg_no FROM clues cl WHERE cl.id = t.clue_id), '')," \
  " t.problems, t.explanation, t.attitude, t.written_required, t.written_due, t.written_received," \
  " t.followup_date, t.outcome, ifnull (t.measure_id, 0)," \
  " (SELECT group_concat (x, char(30)) FROM (SELECT p.cadre_id || char(31) || c.name AS x" \
  "   FROM talk_persons p JOIN cadres c ON c.id = p.cadre_id WHERE p.talk_id = t.id ORDER BY p.rowid))," \
  " (SELECT count(*) FROM attachments a WHERE a.owner_type = 'talk' AND a.owner_id = t.id" \
  "  AND a.retired_at IS NULL)," \
  " t.account, ifnull (t.retired_at, 0), t.retired_reason, t.created_at, t.updated_at"

#define TALK_FROM " FROM talks t JOIN units u ON u.id = t.unit_id"

static LdTalk *
read_talk (sqlite3_stmt *stmt)
{
  g_auto(GStrv) records = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *persons = ld_sql_column_text (stmt, 22);

  records = g_strsplit (persons, SEP_RECORD, -1);
  for (guint i = 0; records[i] != NULL; i++)
    {
      const char *sep = strchr (records[i], SEP_FIELD[0]);
      gint64 id;

      if (sep == NULL)
        continue;
      id = g_ascii_strtoll (records[i], NULL, 10);
      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (sep + 1));
    }
  g_ptr_array_add (names, NULL);

  return _ld_talk_new (sqlite3_column_int64 (stmt, 0), ld_sql_column_text (stmt, 1),
                       sqlite3_column_int64 (stmt, 2), ld_sql_column_text (stmt, 3),
                       ld_sql_column_text (stmt, 4), ld_sql_column_text (stmt, 5),
                       ld_sql_column_text (stmt, 6), ld_sql_column_text (stmt, 7),
                       ld_sql_column_text (stmt, 8), ld_sql_column_text (stmt, 9),
                       ld_sql_column_text (stmt, 10), sqlite3_column_int64 (stmt, 11),
                       ld_sql_column_text (stmt, 12), ld_sql_column_text (stmt, 13),
                       ld_sql_column_text (stmt, 14), ld_sql_column_text (stmt, 15),
                       sqlite3_column_int (stmt, 16), ld_sql_column_text (stmt, 17),
                       ld_sql_column_text (stmt, 18), ld_sql_column_text (stmt, 19),
                       ld_sql_column_text (stmt, 20), sqlite3_column_int64 (stmt, 21),
                       (const gint64 *) (gpointer) ids->data, (const char * const *) names->pdata, ids->len,
                       (guint) sqlite3_column_int64 (stmt, 23), ld_sql_column_text (stmt, 24),
                       sqlite3_column_int64 (stmt, 25), ld_sql_column_text (stmt, 26),
                       sqlite3_column_int64 (stmt, 27), sqlite3_column_int64 (stmt, 28));
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_talk_not_found (GError **error,
                    gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no talk number %lld in your scope. Check the number with “talk list”."),
               (long long) id);
}

/* The talk if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is not retired. */
static LdTalk *
load_talk (LdVault   *vault,
           gint64     talk_id,
           gboolean   writable,
           GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " TALK_COLUMNS TALK_FROM
                                                             " WHERE t.id = ?2"
                                                             " AND t.unit_id IN (SELECT id FROM visible_units)",
                                                             talk_id, &found, error);
  g_autoptr(LdTalk) talk = NULL;

  if (stmt == NULL)
    {
      if (!found)
        set_talk_not_found (error, talk_id);
      return NULL;
    }
  talk = read_talk (stmt);
  if (writable && ld_talk_get_retired_at (talk) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Talk %s is retired and cannot be changed. Register a new talk instead."),
                   ld_talk_get_reg_no (talk));
      return NULL;
    }
  return g_steal_pointer (&talk);
}

/* Checks that every cadre of the (clean) spec is in scope with an active
 * file, the unit (or the first cadre's) is in scope and the clue too;
 * sets *out_unit_id. */
static gboolean
check_references (LdVault           *vault,
                  const LdTalkSpec  *clean,
                  gint64            *out_unit_id,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 unit_id = clean->unit_id;

  stmt = _ld_scope_prepare (vault,
                            "SELECT c.unit_id, c.retired_at IS NOT NULL, c.name FROM cadres c"
                            " WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < clean->cadre_ids->len; i++)
    {
      gint64 cadre_id = g_array_index (clean->cadre_ids, gint64, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, cadre_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          _ld_records_set_cadre_not_found (error, cadre_id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return FALSE;
        }
      if (sqlite3_column_int (stmt, 1))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The file of %s is retired: a talk with this person cannot be registered or changed."),
                       ld_sql_column_text (stmt, 2));
          return FALSE;
        }
      if (i == 0 && unit_id == 0)
        unit_id = sqlite3_column_int64 (stmt, 0);
    }

  if (clean->unit_id != 0)
    {
      gboolean visible = FALSE;

      if (!_ld_scope_unit_visible (vault, clean->unit_id, &visible, error))
        return FALSE;
      if (!visible)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no unit number %lld in your scope. Check the number with “unit list”."),
                       (long long) clean->unit_id);
          return FALSE;
        }
    }

  if (clean->clue_id != 0)
    {
      g_autoptr(sqlite3_stmt) clue = _ld_scope_prepare (vault,
                                                        "SELECT 1 FROM clues cl WHERE cl.id = ?2"
                                                        " AND cl.unit_id IN (SELECT id FROM visible_units)",
                                                        error);
      int rc;

      if (clue == NULL)
        return FALSE;
      sqlite3_bind_int64 (clue, 2, clean->clue_id);
      rc = sqlite3_step (clue);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no clue number %lld in your scope. Check the number with “clue list”."),
                       (long long) clean->clue_id);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return FALSE;
        }
    }
  *out_unit_id = unit_id;
  return TRUE;
}

/* --- Versions --------------------------------------------------------------------- */

static char *
join_talkers (GPtrArray *talkers)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; talkers != NULL && i < talkers->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (talkers, i));
    }
  return g_string_free (out, FALSE);
}

static char *
join_ids (const gint64 *ids,
          guint         n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  return g_string_free (out, FALSE);
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* The stored fields of a talk, as version texts: (column, value) pairs. */
typedef struct
{
  char *values[17];
} TalkTexts;

static const char * const text_columns[17] = {
  "type", "talk_date", "talk_time", "place", "talkers", "recorder", "unit_id", "cadres", "reason", "clue_id",
  "problems", "explanation", "attitude", "written_required", "written_due", "written_received", "followup_date",
};

static void
talk_texts_clear (TalkTexts *texts)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts->values); i++)
    g_clear_pointer (&texts->values[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TalkTexts, talk_texts_clear)

static void
texts_from_spec (TalkTexts        *texts,
                 const LdTalkSpec *spec,
                 gint64            unit_id)
{
  texts->values[0] = g_strdup (spec->type);
  texts->values[1] = g_strdup (spec->talk_date);
  texts->values[2] = g_strdup (spec->talk_time);
  texts->values[3] = g_strdup (spec->place);
  texts->values[4] = join_talkers (spec->talkers);
  texts->values[5] = g_strdup (spec->recorder);
  texts->values[6] = int_text (unit_id);
  texts->values[7] = join_ids ((const gint64 *) (gpointer) spec->cadre_ids->data, spec->cadre_ids->len);
  texts->values[8] = g_strdup (spec->reason);
  texts->values[9] = spec->clue_id ? int_text (spec->clue_id) : g_strdup ("");
  texts->values[10] = g_strdup (spec->problems);
  texts->values[11] = g_strdup (spec->explanation);
  texts->values[12] = g_strdup (spec->attitude);
  texts->values[13] = int_text (spec->written_required);
  texts->values[14] = g_strdup (spec->written_due);
  texts->values[15] = g_strdup (spec->written_received);
  texts->values[16] = g_strdup (spec->followup_date);
}

static void
texts_from_talk (TalkTexts *texts,
                 LdTalk    *talk)
{
  guint n = 0;
  const gint64 *ids = ld_talk_get_cadre_ids (talk, &n);

  texts->values[0] = g_strdup (ld_talk_get_type_code (talk));
  texts->values[1] = g_strdup (ld_talk_get_talk_date (talk));
  texts->values[2] = g_strdup (ld_talk_get_talk_time (talk));
  texts->values[3] = g_strdup (ld_talk_get_place (talk));
  texts->values[4] = g_strjoinv ("\n", (GStrv) ld_talk_get_talkers (talk));
  texts->values[5] = g_strdup (ld_talk_get_recorder (talk));
  texts->values[6] = int_text (ld_talk_get_unit_id (talk));
  texts->values[7] = join_ids (ids, n);
  texts->values[8] = g_strdup (ld_talk_get_reason (talk));
  texts->values[9] = ld_talk_get_clue_id (talk) ? int_text (ld_talk_get_clue_id (talk)) : g_strdup ("");
  texts->values[10] = g_strdup (ld_talk_get_problems (talk));
  texts->values[11] = g_strdup (ld_talk_get_explanation (talk));
  texts->values[12] = g_strdup (ld_talk_get_attitude (talk));
  texts->values[13] = int_text (ld_talk_get_written_required (talk));
  texts->values[14] = g_strdup (ld_talk_get_written_due (talk));
  texts->values[15] = g_strdup (ld_talk_get_written_received (talk));
  texts->values[16] = g_strdup (ld_talk_get_followup_date (talk));
}

/* Lines of what changed between OLD (NULL for a new talk) and NEW; the
 * names of the changed columns in changed. */
static void
diff_texts (const TalkTexts *old,
            const TalkTexts *new,
            const char      *old_outcome,
            const char      *new_outcome,
            GString         *before,
            GString         *after,
            GString         *changed)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      const char *a = old ? old->values[i] : "";
      const char *b = new->values[i];

      if (old != NULL && g_strcmp0 (a, b) == 0)
        continue;
      if (old == NULL && (b == NULL || *b == '\0'))
        continue;
      if (old != NULL)
        _ld_record_append_field (before, text_columns[i], a);
      _ld_record_append_field (after, text_columns[i], b);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", text_columns[i]);
    }
  if (g_strcmp0 (old_outcome ? old_outcome : "", new_outcome ? new_outcome : "") != 0)
    {
      if (old != NULL)
        _ld_record_append_field (before, "outcome", old_outcome);
      _ld_record_append_field (after, "outcome", new_outcome);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", "outcome");
    }
}

/* Version and (when AUDIT) audit entry of one change, in the caller's
 * transaction. The audit names the talk, its registration number, the
 * version and the changed columns, never their contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       talk_id,
               const char  *reg_no,
               const char  *event,
               gboolean     audit,
               const char  *before,
               const char  *after,
               const char  *changed,
               GError     **error)
{
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_TALK, talk_id, event, before, after, error))
    return FALSE;
  if (!audit)
    return TRUE;
  object_id = int_text (talk_id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "%s%s", reg_no,
                             _ld_record_last_version (vault, LD_RECORD_TYPE_TALK, talk_id),
                             changed && *changed ? "; fields=" : "", changed && *changed ? changed : "");
  return ld_audit_append (vault, event, "talk", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* --- Writes ------------------------------------------------------------------------ */

static gboolean
insert_persons (sqlite3     *db,
                gint64       talk_id,
                GArray      *cadre_ids,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "INSERT INTO talk_persons (talk_id, cadre_id) VALUES (?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < cadre_ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, talk_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (cadre_ids, gint64, i));
      if (!ld_sql_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Binds the 17 shared columns from ?1 (the order of the INSERT and the
 * UPDATE below). */
static void
bind_spec (sqlite3_stmt     *stmt,
           const LdTalkSpec *clean,
           gint64            unit_id)
{
  g_autofree char *talkers = join_talkers (clean->talkers);

  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, clean->type);
  bind_text (stmt, 3, clean->talk_date);
  bind_text (stmt, 4, clean->talk_time);
  bind_text (stmt, 5, clean->place);
  bind_text (stmt, 6, talkers);
  bind_text (stmt, 7, clean->recorder);
  bind_text (stmt, 8, clean->reason);
  bind_id_or_null (stmt, 9, clean->clue_id);
  bind_text (stmt, 10, clean->problems);
  bind_text (stmt, 11, clean->explanation);
  bind_text (stmt, 12, clean->attitude);
  sqlite3_bind_int (stmt, 13, clean->written_required);
  bind_text (stmt, 14, clean->written_due);
  bind_text (stmt, 15, clean->written_received);
  bind_text (stmt, 16, clean->followup_date);
  bind_text (stmt, 17, clean->outcome);
}

gboolean
_ld_talk_insert_in_tx (LdVault           *vault,
                       const LdTalkSpec  *spec,
                       const char        *event,
                       gboolean           audit,
                       gint64            *out_id,
                       char             **out_reg_no,
                       GError           **error)
{
  g_auto(LdTalkSpec) clean = { 0 };
  g_auto(TalkTexts) texts = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reg_no = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 unit_id = 0, id, now = _ld_records_now ();
  int year;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!_ld_talk_spec_clean (spec, &clean, NULL, error)
      || !check_references (vault, &clean, &unit_id, error))
    return FALSE;
  year = (int) g_ascii_strtoll (clean.talk_date, NULL, 10);
  reg_no = _ld_record_next_reg_no (vault, LD_RECORD_TYPE_TALK, year, "T", error);
  if (reg_no == NULL)
    return FALSE;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO talks (unit_id, type, talk_date, talk_time, place, talkers, recorder, reason,"
                         " clue_id, problems, explanation, attitude, written_required, written_due,"
                         " written_received, followup_date, outcome, reg_no, account, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                         " ?18, ?19, ?20, ?20)",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_spec (stmt, &clean, unit_id);
  bind_text (stmt, 18, reg_no);
  bind_text (stmt, 19, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 20, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (!insert_persons (db, id, clean.cadre_ids, error))
    return FALSE;

  _ld_record_append_field (after, "reg_no", reg_no);
  texts_from_spec (&texts, &clean, unit_id);
  diff_texts (NULL, &texts, NULL, clean.outcome, before, after, changed);
  if (!record_change (vault, id, reg_no, event, audit, before->str, after->str, NULL, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

gboolean
ld_talk_repository_create (LdVault           *vault,
                           const LdTalkSpec  *spec,
                           gint64            *out_id,
                           char             **out_reg_no,
                           GError           **error)
{
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  /* Check the input before opening a transaction. */
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !ld_talk_spec_validate (spec, NULL, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_talk_insert_in_tx (vault, spec, LD_AUDIT_TALK_CREATED, TRUE, &id, &reg_no, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

static gboolean
same_ids (GArray       *a,
          const gint64 *b,
          guint         n)
{
  if (a->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_array_index (a, gint64, i) != b[i])
      return FALSE;
  return TRUE;
}

gboolean
ld_talk_repository_update (LdVault           *vault,
                           gint64             talk_id,
                           const LdTalkSpec  *spec,
                           GError           **error)
{
  g_auto(LdTalkSpec) clean = { 0 };
  g_auto(TalkTexts) old_texts = { 0 };
  g_auto(TalkTexts) new_texts = { 0 };
  g_autoptr(LdTalk) talk = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const gint64 *old_ids;
  guint n_old = 0;
  gint64 unit_id = 0;
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  talk = load_talk (vault, talk_id, TRUE, error);
  if (talk == NULL
      || !_ld_talk_spec_clean (spec, &clean, NULL, error)
      || !check_references (vault, &clean, &unit_id, error))
    return FALSE;

  texts_from_talk (&old_texts, talk);
  texts_from_spec (&new_texts, &clean, unit_id);
  _ld_record_append_field (before, "reg_no", ld_talk_get_reg_no (talk));
  _ld_record_append_field (after, "reg_no", ld_talk_get_reg_no (talk));
  diff_texts (&old_texts, &new_texts, ld_talk_get_outcome (talk), clean.outcome, before, after, changed);
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE talks SET unit_id = ?1, type = ?2, talk_date = ?3, talk_time = ?4, place = ?5,"
                         " talkers = ?6, recorder = ?7, reason = ?8, clue_id = ?9, problems = ?10,"
                         " explanation = ?11, attitude = ?12, written_required = ?13, written_due = ?14,"
                         " written_received = ?15, followup_date = ?16, outcome = ?17, updated_at = ?18"
                         " WHERE id = ?19",
                         error);
  if (stmt == NULL)
    return fail (vault);
  bind_spec (stmt, &clean, unit_id);
  sqlite3_bind_int64 (stmt, 18, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 19, talk_id);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  old_ids = ld_talk_get_cadre_ids (talk, &n_old);
  if (!same_ids (clean.cadre_ids, old_ids, n_old))
    {
      g_autoptr(sqlite3_stmt) del = ld_sql_prepare (db, "DELETE FROM talk_persons WHERE talk_id = ?", error);

      if (del == NULL)
        return fail (vault);
      sqlite3_bind_int64 (del, 1, talk_id);
      if (!ld_sql_step_done (db, del, error) || !insert_persons (db, talk_id, clean.cadre_ids, error))
        return fail (vault);
    }
  if (!record_change (vault, talk_id, ld_talk_get_reg_no (talk), LD_AUDIT_TALK_UPDATED, TRUE, before->str,
                      after->str, changed->str, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_talk_repository_retire (LdVault     *vault,
                           gint64       talk_id,
                           const char  *reason,
                           GError     **error)
{
  g_autoptr(LdTalk) talk = NULL;
  g_autofree char *clean_reason = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gint64 now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason"), 200, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  talk = load_talk (vault, talk_id, TRUE, error);
  if (talk == NULL)
    return FALSE;

  _ld_record_append_field (before, "reg_no", ld_talk_get_reg_no (talk));
  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "reg_no", ld_talk_get_reg_no (talk));
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE talks SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, talk_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, talk_id, ld_talk_get_reg_no (talk), LD_AUDIT_TALK_RETIRED, TRUE, before->str,
                         after->str, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
_ld_talk_link_measure_in_tx (LdVault     *vault,
                             gint64       talk_id,
                             gint64       measure_id,
                             const char  *outcome,
                             GError     **error)
{
  g_autoptr(LdTalk) talk = NULL;
  g_autofree char *clean_outcome = NULL;
  g_autofree char *old_measure = NULL;
  g_autofree char *new_measure = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);

  if (measure_id < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID, _("The measure number is not valid."));
      return FALSE;
    }
  talk = load_talk (vault, talk_id, TRUE, error);
  if (talk == NULL)
    return FALSE;
  if (measure_id != 0 && ld_talk_type_form (ld_talk_get_type_code (talk)) != 1)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("A %s does not lead to a measure of the first form. Register the measure on its own."),
                   ld_talk_get_type_label (talk));
      return FALSE;
    }
  if (outcome != NULL)
    {
      clean_outcome = _ld_records_clean_text (outcome, _("The decided measure"), 200, FALSE, error);
      if (clean_outcome == NULL)
        return FALSE;
    }
  else
    clean_outcome = g_strdup (ld_talk_get_outcome (talk));

  old_measure = ld_talk_get_measure_id (talk) ? int_text (ld_talk_get_measure_id (talk)) : g_strdup ("");
  new_measure = measure_id ? int_text (measure_id) : g_strdup ("");
  _ld_record_append_field (before, "reg_no", ld_talk_get_reg_no (talk));
  _ld_record_append_field (after, "reg_no", ld_talk_get_reg_no (talk));
  if (!g_str_equal (old_measure, new_measure))
    {
      _ld_record_append_field (before, "measure_id", old_measure);
      _ld_record_append_field (after, "measure_id", new_measure);
      g_string_append (changed, "measure_id");
    }
  if (!g_str_equal (clean_outcome, ld_talk_get_outcome (talk)))
    {
      _ld_record_append_field (before, "outcome", ld_talk_get_outcome (talk));
      _ld_record_append_field (after, "outcome", clean_outcome);
      g_string_append_printf (changed, "%soutcome", changed->len ? "," : "");
    }
  if (changed->len == 0)
    return TRUE;
  stmt = ld_sql_prepare (db, "UPDATE talks SET measure_id = ?, outcome = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_id_or_null (stmt, 1, measure_id);
  bind_text (stmt, 2, clean_outcome);
  sqlite3_bind_int64 (stmt, 3, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 4, talk_id);
  return ld_sql_step_done (db, stmt, error)
         && record_change (vault, talk_id, ld_talk_get_reg_no (talk), LD_AUDIT_TALK_MEASURE_LINKED, TRUE,
                           before->str, after->str, changed->str, error);
}

gboolean
ld_talk_repository_link_measure (LdVault     *vault,
                                 gint64       talk_id,
                                 gint64       measure_id,
                                 const char  *outcome,
                                 GError     **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_talk_link_measure_in_tx (vault, talk_id, measure_id, outcome, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ------------------------------------------------------------------------- */

LdTalk *
ld_talk_repository_get (LdVault   *vault,
                        gint64     talk_id,
                        GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_talk (vault, talk_id, FALSE, error);
}

void
ld_talk_filter_init (LdTalkFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->with_subunits = TRUE;
}

/* The common table expression and WHERE clause of a filter; parameters
 * from ?2 (see bind_filter). */
#define FILTER_CTE \
  ", sub_units(id) AS (SELECT ?2 UNION SELECT c.id FROM units c JOIN sub_units p ON c.parent_id = p.id) "
#define FILTER_WHERE \
  " WHERE t.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR t.unit_id = ?2 OR (?3 AND t.unit_id IN (SELECT id FROM sub_units)))" \
  " AND (?4 IS NULL OR t.type = ?4)" \
  " AND (?5 IS NULL OR t.talk_date >= ?5) AND (?6 IS NULL OR t.talk_date <= ?6)" \
  " AND (?7 = 0 OR EXISTS (SELECT 1 FROM talk_persons p WHERE p.talk_id = t.id AND p.cadre_id = ?7))" \
  " AND (?8 = 0 OR t.clue_id = ?8)" \
  " AND (?9 IS NULL OR t.reg_no LIKE ?9 ESCAPE '\\' OR t.place LIKE ?9 ESCAPE '\\'" \
  "      OR t.talkers LIKE ?9 ESCAPE '\\' OR t.recorder LIKE ?9 ESCAPE '\\' OR t.reason LIKE ?9 ESCAPE '\\'" \
  "      OR t.problems LIKE ?9 ESCAPE '\\' OR t.explanation LIKE ?9 ESCAPE '\\'" \
  "      OR t.attitude LIKE ?9 ESCAPE '\\' OR t.outcome LIKE ?9 ESCAPE '\\'" \
  "      OR EXISTS (SELECT 1 FROM talk_persons p JOIN cadres c ON c.id = p.cadre_id" \
  "                 WHERE p.talk_id = t.id AND c.name LIKE ?9 ESCAPE '\\'))" \
  " AND (?10 OR t.retired_at IS NULL)"

static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* Checks a filter and binds ?2 … ?10. */
static gboolean
bind_filter (sqlite3_stmt        *stmt,
             const LdTalkFilter  *filter,
             GError             **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  const char *type = NULL;

  if (filter->type != NULL && *filter->type != '\0')
    {
      type = ld_code_find_by_label (LD_CODE_TABLE_TALK_TYPE, filter->type);
      if (type == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a type of talk. Choose one of the talk types (see “talk types”)."),
                       filter->type);
          return FALSE;
        }
    }
  if (filter->year != 0 && (filter->year < 1900 || filter->year > 2999))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%d is not a year. Write the year with four digits."),
                   filter->year);
      return FALSE;
    }
  if (filter->date_from != NULL && *filter->date_from != '\0')
    from = g_strdup (filter->date_from);
  if (filter->date_to != NULL && *filter->date_to != '\0')
    to = g_strdup (filter->date_to);
  if (filter->year != 0)
    {
      g_autofree char *y_from = g_strdup_printf ("%04d-01-01", filter->year);
      g_autofree char *y_to = g_strdup_printf ("%04d-12-31", filter->year);

      if (from == NULL || strcmp (y_from, from) > 0)
        {
          g_free (from);
          from = g_steal_pointer (&y_from);
        }
      if (to == NULL || strcmp (y_to, to) < 0)
        {
          g_free (to);
          to = g_steal_pointer (&y_to);
        }
    }
  if (filter->text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (filter->text));

      if (*clean != '\0')
        text = like_pattern (clean);
    }

  sqlite3_bind_int64 (stmt, 2, MAX (filter->unit_id, 0));
  sqlite3_bind_int (stmt, 3, filter->with_subunits ? 1 : 0);
  if (type != NULL)
    sqlite3_bind_text (stmt, 4, type, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  if (from != NULL)
    sqlite3_bind_text (stmt, 5, from, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  if (to != NULL)
    sqlite3_bind_text (stmt, 6, to, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int64 (stmt, 7, MAX (filter->cadre_id, 0));
  sqlite3_bind_int64 (stmt, 8, MAX (filter->clue_id, 0));
  if (text != NULL)
    sqlite3_bind_text (stmt, 9, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int (stmt, 10, filter->include_retired ? 1 : 0);
  return TRUE;
}

GPtrArray *
ld_talk_repository_list (LdVault             *vault,
                         const LdTalkFilter  *filter,
                         GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdTalkFilter all;

  if (filter == NULL)
    {
      ld_talk_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " TALK_COLUMNS TALK_FROM FILTER_WHERE
                            " ORDER BY t.talk_date DESC, t.talk_time DESC, t.id DESC LIMIT ?11 OFFSET ?12",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  return _ld_records_list_page (vault, stmt, 11, filter->limit, filter->offset,
                                (LdRecordsRowFunc) read_talk, error);
}

gboolean
ld_talk_repository_count (LdVault             *vault,
                          const LdTalkFilter  *filter,
                          guint               *out_count,
                          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdTalkFilter all;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter == NULL)
    {
      ld_talk_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM talks t" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  return _ld_records_step_count (vault, stmt, out_count, error);
}

GPtrArray *
ld_talk_repository_list_for_cadre (LdVault     *vault,
                                   gint64       cadre_id,
                                   gboolean     include_retired,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdTalkFilter filter;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  /* The cadre itself must be in scope. */
  stmt = _ld_scope_prepare (vault,
                            "SELECT 1 FROM cadres c WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _ld_records_set_cadre_not_found (error, cadre_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  ld_talk_filter_init (&filter);
  filter.cadre_id = cadre_id;
  filter.include_retired = include_retired;
  return ld_talk_repository_list (vault, &filter, error);
}

GPtrArray *
ld_talk_repository_versions (LdVault   *vault,
                             gint64     talk_id,
                             GError   **error)
{
  g_autoptr(LdTalk) talk = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  talk = load_talk (vault, talk_id, FALSE, error);
  if (talk == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_TALK, talk_id, error);
}

/* --- Coverage ---------------------------------------------------------------------- */

void
ld_talk_coverage_row_free (LdTalkCoverageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->unit_name);
  g_free (row);
}

/* ?2 rules text, ?3 reference date, ?4 first day of the year, ?5 last
 * day of the year, ?6 the newly-promoted flag, ?7 the lead ("-3 months");
 * the cadres counted are serving with an active file. */
#define COVERAGE_SQL \
  ", base AS (SELECT c.id, c.unit_id, c.principal, c.promoted_at," \
  "   ld_categories (c.birth_date, c.post_level, c.rank, c.principal, c.promoted_at, c.post_tags, ?2, ?3) AS cat" \
  "   FROM cadres c WHERE c.unit_id IN (SELECT id FROM visible_units) AND c.retired_at IS NULL" \
  "   AND c.status = 'serving')," \
  " live_talks AS (SELECT t.id, t.type, t.talk_date FROM talks t WHERE t.retired_at IS NULL" \
  "   AND t.unit_id IN (SELECT id FROM visible_units)) " \
  "SELECT b.unit_id, u.name," \
  " sum (b.principal = 1)," \
  " sum (b.principal = 1 AND EXISTS (SELECT 1 FROM talk_persons p JOIN live_talks t ON t.id = p.talk_id" \
  "      WHERE p.cadre_id = b.id AND t.type = 'T_SUPERVISE_TOP' AND t.talk_date BETWEEN ?4 AND ?5))," \
  " sum ((b.cat & ?6) != 0)," \
  " sum ((b.cat & ?6) != 0 AND EXISTS (SELECT 1 FROM talk_persons p JOIN live_talks t ON t.id = p.talk_id" \
  "      WHERE p.cadre_id = b.id AND t.type = 'T_PREAPPOINT' AND t.talk_date <= ?3" \
  "      AND t.talk_date >= date (CASE WHEN length (b.promoted_at) = 7 THEN b.promoted_at || '-01'" \
  "                                    ELSE b.promoted_at END, ?7)))," \
  " sum (EXISTS (SELECT 1 FROM talk_persons p JOIN live_talks t ON t.id = p.talk_id" \
  "      WHERE p.cadre_id = b.id AND t.talk_date BETWEEN ?4 AND ?5))" \
  " FROM base b JOIN units u ON u.id = b.unit_id GROUP BY b.unit_id ORDER BY u.name, u.id"

/* The talks of the year with a counted cadre: per unit of the cadres
 * (?4 = 1), or in all (a collective talk across units counts once). ?2
 * and ?3 are the first and last day of the year. */
#define COVERAGE_TALKS_SQL \
  "SELECT CASE WHEN ?4 THEN c.unit_id ELSE 0 END AS unit, count (DISTINCT t.id)" \
  " FROM talks t JOIN talk_persons p ON p.talk_id = t.id JOIN cadres c ON c.id = p.cadre_id" \
  " WHERE t.retired_at IS NULL AND t.unit_id IN (SELECT id FROM visible_units)" \
  " AND t.talk_date BETWEEN ?2 AND ?3" \
  " AND c.unit_id IN (SELECT id FROM visible_units) AND c.retired_at IS NULL AND c.status = 'serving'" \
  " GROUP BY unit"

/* Talks per unit (unit id → count; key 0 = all units). */
static GHashTable *
count_talks (LdVault     *vault,
             const char  *from,
             const char  *to,
             gboolean     per_unit,
             GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault, COVERAGE_TALKS_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, per_unit ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

GPtrArray *
ld_talk_repository_coverage (LdVault      *vault,
                             int           year,
                             const GDate  *as_of,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_talk_coverage_row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) unit_talks = NULL;
  g_autoptr(GHashTable) all_talks = NULL;
  g_auto(LdCategoryRules) rules = { 0 };
  g_autofree char *rules_text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *lead = NULL;
  g_autoptr(LdTalkCoverageRow) total = NULL;
  char reference[16];
  GDate ref, end;
  sqlite3 *db;
  gint64 all_key = 0;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  if (year < 1900 || year > 2999)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%d is not a year. Write the year with four digits."), year);
      return NULL;
    }
  if (as_of != NULL && g_date_valid (as_of))
    ref = *as_of;
  else
    _ld_cadre_today (&ref);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, (GDateYear) year);
  if (g_date_compare (&ref, &end) > 0)
    ref = end;
  g_snprintf (reference, sizeof reference, "%04d-%02d-%02d", g_date_get_year (&ref), g_date_get_month (&ref),
              g_date_get_day (&ref));
  from = g_strdup_printf ("%04d-01-01", year);
  to = g_strdup_printf ("%04d-12-31", year);
  lead = g_strdup_printf ("-%d months", LD_TALK_PREAPPOINT_LEAD_MONTHS);

  db = _ld_vault_get_db (vault);
  if (!_ld_cadre_sql_register (db, error) || !_ld_cadre_rules_load (vault, &ref, &rules, error))
    return NULL;
  rules_text = _ld_cadre_rules_to_text (&rules);
  unit_talks = count_talks (vault, from, to, TRUE, error);
  if (unit_talks == NULL)
    return NULL;
  all_talks = count_talks (vault, from, to, FALSE, error);
  if (all_talks == NULL)
    return NULL;

  total = g_new0 (LdTalkCoverageRow, 1);
  total->unit_name = g_strdup ("");
  total->talks = GPOINTER_TO_UINT (g_hash_table_lookup (all_talks, &all_key));
  stmt = _ld_scope_prepare (vault, COVERAGE_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, rules_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, LD_CATEGORY_NEWLY_PROMOTED);
  sqlite3_bind_text (stmt, 7, lead, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdTalkCoverageRow *row = g_new0 (LdTalkCoverageRow, 1);

      row->unit_id = sqlite3_column_int64 (stmt, 0);
      row->unit_name = g_strdup (ld_sql_column_text (stmt, 1));
      row->top_leaders = (guint) sqlite3_column_int64 (stmt, 2);
      row->top_leaders_talked = (guint) sqlite3_column_int64 (stmt, 3);
      row->newly_promoted = (guint) sqlite3_column_int64 (stmt, 4);
      row->newly_promoted_talked = (guint) sqlite3_column_int64 (stmt, 5);
      row->cadres_talked = (guint) sqlite3_column_int64 (stmt, 6);
      row->talks = GPOINTER_TO_UINT (g_hash_table_lookup (unit_talks, &row->unit_id));
      total->top_leaders += row->top_leaders;
      total->top_leaders_talked += row->top_leaders_talked;
      total->newly_promoted += row->newly_promoted;
      total->newly_promoted_talked += row->newly_promoted_talked;
      total->cadres_talked += row->cadres_talked;
      if (row->top_leaders == 0 && row->newly_promoted == 0 && row->talks == 0)
        ld_talk_coverage_row_free (row);
      else
        g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  g_ptr_array_add (rows, g_steal_pointer (&total));
  return g_steal_pointer (&rows);
}
