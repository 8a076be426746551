/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-clue-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-clue-private.h"
#include "records/ld-clue-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define APPROVER_MAX_CHARS 50
#define NOTE_MAX_CHARS     2000
#define ACTION_MAX_CHARS   200
#define REASON_MAX_CHARS   200

/* The SELECT list of read_clue(): "k" is the clue, "u" its unit, "p" its
 * petition, "c" its cadre. */
#define CLUE_COLUMNS \
  "k.id, k.reg_no, k.unit_id, u.name, k.source, ifnull (k.petition_id, 0), ifnull (p.reg_no, '')," \
  " ifnull (k.cadre_id, 0), ifnull (c.name, k.person_name), k.person_name, k.received_date, k.summary," \
  " k.categories, k.status, k.disposal, k.approved_by, k.approved_date, k.due_date, k.result," \
  " k.closed_date, k.clearing, k.clearing_date, k.next_review_date, ifnull (k.retired_at, 0)," \
  " k.retired_reason, k.created_at, k.updated_at"
#define CLUE_FROM \
  " FROM clues k JOIN units u ON u.id = k.unit_id LEFT JOIN petitions p ON p.id = k.petition_id" \
  " LEFT JOIN cadres c ON c.id = k.cadre_id"

static LdClue *
read_clue (sqlite3_stmt *stmt)
{
  LdClueRow row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .reg_no = ld_sql_column_text (stmt, 1),
    .unit_id = sqlite3_column_int64 (stmt, 2),
    .unit_name = ld_sql_column_text (stmt, 3),
    .source = ld_sql_column_text (stmt, 4),
    .petition_id = sqlite3_column_int64 (stmt, 5),
    .petition_reg_no = ld_sql_column_text (stmt, 6),
    .cadre_id = sqlite3_column_int64 (stmt, 7),
    .person = ld_sql_column_text (stmt, 8),
    .person_name = ld_sql_column_text (stmt, 9),
    .received_date = ld_sql_column_text (stmt, 10),
    .summary = ld_sql_column_text (stmt, 11),
    .categories = ld_sql_column_text (stmt, 12),
    .status = ld_sql_column_text (stmt, 13),
    .disposal = ld_sql_column_text (stmt, 14),
    .approved_by = ld_sql_column_text (stmt, 15),
    .approved_date = ld_sql_column_text (stmt, 16),
    .due_date = ld_sql_column_text (stmt, 17),
    .result = ld_sql_column_text (stmt, 18),
    .closed_date = ld_sql_column_text (stmt, 19),
    .clearing = ld_sql_column_text (stmt, 20),
    .clearing_date = ld_sql_column_text (stmt, 21),
    .next_review_date = ld_sql_column_text (stmt, 22),
    .retired_at = sqlite3_column_int64 (stmt, 23),
    .retired_reason = ld_sql_column_text (stmt, 24),
    .created_at = sqlite3_column_int64 (stmt, 25),
    .updated_at = sqlite3_column_int64 (stmt, 26),
  };

  return _ld_clue_new (&row);
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_clue_not_found (GError **error,
                    gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no clue number %lld in your scope. Check the number with “clue list”."),
               (long long) id);
}

static gboolean
parse_gdate (const char *text,
             GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_gdate (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The code of table for text (a code, a label or a Chinese name). */
static const char *
find_code (const char *table,
           const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  if (ld_code_get_label (table, text) != NULL)
    {
      guint n = 0;
      const LdCode *codes = ld_code_table_get (table, &n);

      for (guint i = 0; i < n; i++)
        if (g_str_equal (codes[i].code, text))
          return codes[i].code;
    }
  return ld_code_find_by_label (table, text);
}

static void
replace_text (char       **text,
              const char  *value)
{
  g_free (*text);
  *text = g_strdup (value);
}

/* --- Loading and checks ----------------------------------------------------------- */

/* The clue if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is neither retired nor (unless CLOSED_OK) closed. */
static LdClue *
load_clue (LdVault   *vault,
           gint64     clue_id,
           gboolean   writable,
           gboolean   closed_ok,
           GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " CLUE_COLUMNS CLUE_FROM
                                                             " WHERE k.id = ?2"
                                                             " AND k.unit_id IN (SELECT id FROM visible_units)",
                                                             clue_id, &found, error);
  g_autoptr(LdClue) clue = NULL;

  if (stmt == NULL)
    {
      if (!found)
        set_clue_not_found (error, clue_id);
      return NULL;
    }
  clue = read_clue (stmt);
  if (writable && ld_clue_get_retired_at (clue) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clue %s is retired and cannot be changed. Register a new clue instead."),
                   ld_clue_get_reg_no (clue));
      return NULL;
    }
  if (writable && !closed_ok && g_str_equal (ld_clue_get_status (clue), "closed"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clue %s is closed and cannot be changed. Add a handling step to record what happened "
                     "afterwards."),
                   ld_clue_get_reg_no (clue));
      return NULL;
    }
  return g_steal_pointer (&clue);
}

/* Checks a cadre is in the session's scopes and active; its unit into
 * *unit_id, its name into *name (may be NULL). */
static gboolean
check_cadre (LdVault   *vault,
             gint64     cadre_id,
             gint64    *unit_id,
             char     **name,
             GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT c.retired_at IS NOT NULL, c.name, c.unit_id"
                                                             " FROM cadres c WHERE c.id = ?2"
                                                             " AND c.unit_id IN (SELECT id FROM visible_units)",
                                                             cadre_id, &found, error);

  if (stmt == NULL)
    {
      if (!found)
        _ld_records_set_cadre_not_found (error, cadre_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file of %s is retired. A clue can only name a cadre whose file is active."),
                   ld_sql_column_text (stmt, 1));
      return FALSE;
    }
  if (unit_id != NULL)
    *unit_id = sqlite3_column_int64 (stmt, 2);
  if (name != NULL)
    *name = g_strdup (ld_sql_column_text (stmt, 1));
  return TRUE;
}

static gboolean
check_unit (LdVault   *vault,
            gint64     unit_id,
            GError   **error)
{
  gboolean visible = FALSE;

  if (!_ld_scope_unit_visible (vault, unit_id, &visible, error))
    return FALSE;
  if (!visible)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no unit number %lld in your scope. Check the number with “unit list”."),
                   (long long) unit_id);
      return FALSE;
    }
  return TRUE;
}

/* --- Versions and audit ---------------------------------------------------------------- */

/* Appends key to before/after and changed when old and new differ. */
static void
diff_field (GString    *before,
            GString    *after,
            GString    *changed,
            const char *key,
            const char *old_value,
            const char *new_value)
{
  if (g_strcmp0 (old_value ? old_value : "", new_value ? new_value : "") == 0)
    return;
  _ld_record_append_field (before, key, old_value);
  _ld_record_append_field (after, key, new_value);
  if (changed != NULL)
    g_string_append_printf (changed, "%s%s", changed->len ? "," : "", key);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Version and audit entry of one change of a clue, in the caller's
 * transaction. The audit names the clue, its number and codes, never the
 * texts. */
static gboolean
record_change (LdVault     *vault,
               gint64       clue_id,
               const char  *reg_no,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *details,
               GError     **error)
{
  g_autofree char *object_id = id_text (clue_id);
  g_autofree char *full = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_CLUE, clue_id, event, before, after, error))
    return FALSE;
  full = g_strdup_printf ("reg_no=%s%s%s", reg_no, details ? "; " : "", details ? details : "");
  return ld_audit_append (vault, event, "clue", object_id, LD_AUDIT_OUTCOME_OK, full, error);
}

static gboolean
insert_step (LdVault     *vault,
             gint64       clue_id,
             const char  *step_date,
             const char  *action,
             const char  *note,
             gint64      *out_id,
             GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO clue_steps (clue_id, step_date, action, note, account, created_at)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, clue_id);
  sqlite3_bind_text (stmt, 2, step_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* --- Creating ------------------------------------------------------------------------ */

gboolean
_ld_clue_insert_in_tx (LdVault           *vault,
                       const LdClueSpec  *clean,
                       gint64             petition_id,
                       gint64            *out_id,
                       GError           **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *reg_no = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *cadre = NULL;
  g_autofree char *petition = NULL;
  g_autofree char *details = NULL;
  GDate received;
  gint64 id, now = _ld_records_now ();

  g_return_val_if_fail (clean != NULL && clean->unit_id > 0, FALSE);
  if (!parse_gdate (clean->received_date, &received))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The received date is required. Write it as YYYY-MM-DD."));
      return FALSE;
    }
  reg_no = _ld_record_next_reg_no (vault, "clue", g_date_get_year (&received), "X", error);
  if (reg_no == NULL)
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO clues (reg_no, unit_id, source, petition_id, cadre_id, person_name,"
                         " received_date, summary, categories, status, account, created_at, updated_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reg_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, clean->unit_id);
  sqlite3_bind_text (stmt, 3, clean->source, -1, SQLITE_TRANSIENT);
  if (petition_id > 0)
    sqlite3_bind_int64 (stmt, 4, petition_id);
  else
    sqlite3_bind_null (stmt, 4);
  if (clean->cadre_id > 0)
    sqlite3_bind_int64 (stmt, 5, clean->cadre_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, clean->cadre_id > 0 || clean->person_name == NULL ? "" : clean->person_name, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, clean->received_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, clean->summary != NULL ? clean->summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, clean->categories != NULL ? clean->categories : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, now);
  sqlite3_bind_int64 (stmt, 12, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);

  unit = id_text (clean->unit_id);
  cadre = clean->cadre_id > 0 ? id_text (clean->cadre_id) : g_strdup ("");
  petition = petition_id > 0 ? id_text (petition_id) : g_strdup ("");
  _ld_record_append_field (after, "reg_no", reg_no);
  _ld_record_append_field (after, "unit_id", unit);
  _ld_record_append_field (after, "source", clean->source);
  if (petition_id > 0)
    _ld_record_append_field (after, "petition_id", petition);
  if (clean->cadre_id > 0)
    _ld_record_append_field (after, "cadre_id", cadre);
  else
    _ld_record_append_field (after, "person_name", clean->person_name);
  _ld_record_append_field (after, "received_date", clean->received_date);
  _ld_record_append_field (after, "summary", clean->summary);
  if (clean->categories != NULL && *clean->categories != '\0')
    _ld_record_append_field (after, "categories", clean->categories);
  _ld_record_append_field (after, "status", "pending");
  details = g_strdup_printf ("unit=%s; source=%s%s%s", unit, clean->source,
                             petition_id > 0 ? "; petition=" : "", petition_id > 0 ? petition : "");
  if (!insert_step (vault, id, clean->received_date, "created", NULL, NULL, error)
      || !record_change (vault, id, reg_no, LD_AUDIT_CLUE_CREATED, "", after->str, details, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* Resolves the person and unit of a cleaned spec: checks the cadre and
 * the unit are in scope, takes the cadre's unit when none is given. */
static gboolean
resolve_unit (LdVault     *vault,
              LdClueSpec  *clean,
              GError     **error)
{
  if (clean->cadre_id > 0)
    {
      gint64 cadre_unit = 0;

      if (!check_cadre (vault, clean->cadre_id, &cadre_unit, NULL, error))
        return FALSE;
      if (clean->unit_id == 0)
        clean->unit_id = cadre_unit;
    }
  if (clean->unit_id <= 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Choose the unit the clue belongs to: the person is not on file, so the unit cannot be "
                     "taken from the cadre."));
      return FALSE;
    }
  return check_unit (vault, clean->unit_id, error);
}

/* One transaction: sets the columns of set_sql (values ?1 and, when
 * value2 is not NULL, ?2) with updated_at, adds the handling step and
 * records the change (version and audit entry). */
static gboolean
write_fields (LdVault     *vault,
              LdClue      *clue,
              const char  *set_sql,
              const char  *value1,
              const char  *value2,
              const char  *step_date,
              const char  *step_action,
              const char  *step_note,
              const char  *event,
              GString     *before,
              GString     *after,
              GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE clues SET %s, updated_at = ?3 WHERE id = ?4", set_sql);
  gint64 clue_id = ld_clue_get_id (clue);

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, sql, error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, value1, -1, SQLITE_TRANSIENT);
  if (value2 != NULL)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 4, clue_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !insert_step (vault, clue_id, step_date, step_action, step_note, NULL, error)
      || !record_change (vault, clue_id, ld_clue_get_reg_no (clue), event, before->str, after->str, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_clue_repository_create (LdVault           *vault,
                           const LdClueSpec  *spec,
                           gint64            *out_id,
                           GError           **error)
{
  g_auto(LdClueSpec) clean = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_clue_spec_clean (spec, FALSE, &clean, NULL, error)
      || !resolve_unit (vault, &clean, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_clue_insert_in_tx (vault, &clean, 0, &id, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* Moves the petition to status (with the closing date and result when
 * closing) in the caller's transaction, versioned and audited. */
static gboolean
move_petition_in_tx (LdVault     *vault,
                     gint64       petition_id,
                     const char  *reg_no,
                     const char  *from,
                     const char  *to,
                     const char  *closed_date,
                     const char  *result,
                     GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *object_id = id_text (petition_id);
  g_autofree char *details = NULL;
  g_autofree char *petition_reg_no = NULL;
  gboolean closing = g_str_equal (to, "closed");

  if (!ld_petition_status_can_move (from, to, error))
    return FALSE;
  if (closing)
    stmt = ld_sql_prepare (db,
                           "UPDATE petitions SET status = ?1, closed_date = ?2, result = ?3, updated_at = ?4"
                           " WHERE id = ?5",
                           error);
  else
    stmt = ld_sql_prepare (db, "UPDATE petitions SET status = ?1, updated_at = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
  if (closing)
    {
      sqlite3_bind_text (stmt, 2, closed_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, result, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 4, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 5, petition_id);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  _ld_record_append_field (before, "status", from);
  _ld_record_append_field (after, "status", to);
  if (closing)
    {
      _ld_record_append_field (before, "closed_date", "");
      _ld_record_append_field (after, "closed_date", closed_date);
      _ld_record_append_field (before, "result", "");
      _ld_record_append_field (after, "result", result);
    }
  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_PETITION, petition_id, "petition.moved", before->str,
                               after->str, error))
    return FALSE;
  {
    g_autofree char *sql = g_strdup_printf ("SELECT reg_no FROM petitions WHERE id = %" G_GINT64_FORMAT,
                                            petition_id);

    petition_reg_no = ld_sql_query_text (db, sql, error);
    if (petition_reg_no == NULL)
      return FALSE;
  }
  /* Like the petition repository's own moves, plus the clue that moved it. */
  details = g_strdup_printf ("reg_no=%s; from=%s; to=%s; clue=%s", petition_reg_no, from, to, reg_no);
  return ld_audit_append (vault, "petition.moved", "petition", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

gboolean
ld_clue_repository_create_from_petition (LdVault           *vault,
                                         gint64             petition_id,
                                         const LdClueSpec  *spec,
                                         gint64            *out_id,
                                         GError           **error)
{
  g_auto(LdClueSpec) given = { 0 };
  g_auto(LdClueSpec) merged = { 0 };
  g_auto(LdClueSpec) clean = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *status = NULL;
  g_autofree char *petition_reg_no = NULL;
  gboolean retired;
  gint64 id = 0;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (spec != NULL && !_ld_clue_spec_clean (spec, TRUE, &given, NULL, error))
    return FALSE;

  stmt = _ld_scope_prepare (vault,
                            "SELECT p.reg_no, p.unit_id, p.channel, p.received_date, p.summary, p.categories,"
                            " p.status, p.retired_at IS NOT NULL,"
                            " (SELECT pp.cadre_id FROM petition_persons pp WHERE pp.petition_id = p.id"
                            "  ORDER BY pp.id LIMIT 1),"
                            " (SELECT pp.name FROM petition_persons pp WHERE pp.petition_id = p.id"
                            "  ORDER BY pp.id LIMIT 1)"
                            " FROM petitions p WHERE p.id = ?2 AND p.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, petition_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no petition number %lld in your scope. Check the number with “petition list”."),
                   (long long) petition_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  petition_reg_no = g_strdup (ld_sql_column_text (stmt, 0));
  ld_clue_spec_init (&merged);
  merged.unit_id = sqlite3_column_int64 (stmt, 1);
  merged.source = g_strdup (ld_sql_column_text (stmt, 2));
  merged.received_date = g_strdup (ld_sql_column_text (stmt, 3));
  merged.summary = g_strdup (ld_sql_column_text (stmt, 4));
  merged.categories = g_strdup (ld_sql_column_text (stmt, 5));
  status = g_strdup (ld_sql_column_text (stmt, 6));
  retired = sqlite3_column_int (stmt, 7) != 0;
  merged.cadre_id = sqlite3_column_int64 (stmt, 8);
  merged.person_name = g_strdup (ld_sql_column_text (stmt, 9));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (retired)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is retired; a clue cannot be registered from it."), petition_reg_no);
      return FALSE;
    }
  if (!g_str_equal (status, "registered") && !g_str_equal (status, "accepted"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is “%s”; a clue can only be registered from a petition that is registered "
                     "or accepted."),
                   petition_reg_no, ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, status) != NULL
                                    ? ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, status) : status);
      return FALSE;
    }

  /* What the caller gives replaces what the petition says. */
  if (spec != NULL)
    {
      if (given.source != NULL)
        replace_text (&merged.source, given.source);
      if (given.received_date != NULL)
        replace_text (&merged.received_date, given.received_date);
      if (given.summary != NULL && *given.summary != '\0')
        replace_text (&merged.summary, given.summary);
      if (given.categories != NULL)
        replace_text (&merged.categories, given.categories);
      if (given.cadre_id > 0 || (given.person_name != NULL && *given.person_name != '\0'))
        {
          merged.cadre_id = given.cadre_id;
          g_free (merged.person_name);
          merged.person_name = g_strdup (given.person_name);
        }
      if (given.unit_id > 0)
        merged.unit_id = given.unit_id;
    }
  if (merged.summary == NULL || *merged.summary == '\0')
    {
      g_free (merged.summary);
      /* Translators: the summary of a clue registered from a petition without one; %s is its number */
      merged.summary = g_strdup_printf (_("From petition %s"), petition_reg_no);
    }
  if (merged.cadre_id <= 0 && (merged.person_name == NULL || *merged.person_name == '\0'))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s names no reported person. Say whom the clue is about: a cadre on file or "
                     "a person’s name."),
                   petition_reg_no);
      return FALSE;
    }
  if (!_ld_clue_spec_clean (&merged, FALSE, &clean, NULL, error))
    return FALSE;
  if (!check_unit (vault, clean.unit_id, error))
    return FALSE;
  if (spec != NULL && given.cadre_id > 0 && !check_cadre (vault, given.cadre_id, NULL, NULL, error))
    return FALSE;

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_clue_insert_in_tx (vault, &clean, petition_id, &id, error))
    return fail (vault);
  if (g_str_equal (status, "registered"))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT reg_no FROM clues WHERE id = %" G_GINT64_FORMAT, id);
      g_autofree char *reg_no = ld_sql_query_text (_ld_vault_get_db (vault), sql, NULL);

      if (!move_petition_in_tx (vault, petition_id, reg_no ? reg_no : "", "registered", "accepted", NULL, NULL,
                                error))
        return fail (vault);
    }
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* --- Changing ------------------------------------------------------------------------- */

gboolean
ld_clue_repository_update (LdVault           *vault,
                           gint64             clue_id,
                           const LdClueSpec  *spec,
                           GError           **error)
{
  g_auto(LdClueSpec) clean = { 0 };
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_unit = NULL;
  g_autofree char *new_unit = NULL;
  g_autofree char *old_cadre = NULL;
  g_autofree char *new_cadre = NULL;
  g_autofree char *details = NULL;
  g_autofree char *today = _ld_records_today_text ();
  const char *source, *received, *summary, *categories, *person_name;
  gint64 cadre_id, unit_id;
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_clue_spec_clean (spec, TRUE, &clean, NULL, error))
    return FALSE;
  clue = load_clue (vault, clue_id, TRUE, FALSE, error);
  if (clue == NULL)
    return FALSE;

  source = clean.source != NULL ? clean.source : ld_clue_get_source (clue);
  received = clean.received_date != NULL ? clean.received_date : ld_clue_get_received_date (clue);
  summary = clean.summary != NULL && *clean.summary != '\0' ? clean.summary : ld_clue_get_summary (clue);
  categories = clean.categories != NULL ? clean.categories : ld_clue_get_categories (clue);
  cadre_id = ld_clue_get_cadre_id (clue);
  person_name = _ld_clue_get_person_name (clue);
  unit_id = clean.unit_id > 0 ? clean.unit_id : ld_clue_get_unit_id (clue);
  if (clean.cadre_id > 0)
    {
      gint64 cadre_unit = 0;

      if (clean.cadre_id != cadre_id && !check_cadre (vault, clean.cadre_id, &cadre_unit, NULL, error))
        return FALSE;
      if (clean.cadre_id != cadre_id && clean.unit_id == 0)
        unit_id = cadre_unit;
      cadre_id = clean.cadre_id;
      person_name = "";
    }
  else if (clean.person_name != NULL && *clean.person_name != '\0')
    {
      cadre_id = 0;
      person_name = clean.person_name;
    }
  if (unit_id != ld_clue_get_unit_id (clue) && !check_unit (vault, unit_id, error))
    return FALSE;
  if (ld_clue_get_approved_date (clue)[0] != '\0' && strcmp (received, ld_clue_get_approved_date (clue)) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The received date %s is after the approval of the disposal (%s). Check the date."),
                   received, ld_clue_get_approved_date (clue));
      return FALSE;
    }

  old_unit = id_text (ld_clue_get_unit_id (clue));
  new_unit = id_text (unit_id);
  old_cadre = ld_clue_get_cadre_id (clue) > 0 ? id_text (ld_clue_get_cadre_id (clue)) : g_strdup ("");
  new_cadre = cadre_id > 0 ? id_text (cadre_id) : g_strdup ("");
  diff_field (before, after, changed, "unit_id", old_unit, new_unit);
  diff_field (before, after, changed, "source", ld_clue_get_source (clue), source);
  diff_field (before, after, changed, "cadre_id", old_cadre, new_cadre);
  diff_field (before, after, changed, "person_name", _ld_clue_get_person_name (clue), person_name);
  diff_field (before, after, changed, "received_date", ld_clue_get_received_date (clue), received);
  diff_field (before, after, changed, "summary", ld_clue_get_summary (clue), summary);
  diff_field (before, after, changed, "categories", ld_clue_get_categories (clue), categories);
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE clues SET unit_id = ?, source = ?, cadre_id = ?, person_name = ?, received_date = ?,"
                         " summary = ?, categories = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  if (cadre_id > 0)
    sqlite3_bind_int64 (stmt, 3, cadre_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, person_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, received, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, summary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, categories, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 9, clue_id);
  details = g_strdup_printf ("fields=%s", changed->str);
  if (!ld_sql_step_done (db, stmt, error)
      || !insert_step (vault, clue_id, today, "updated", changed->str, NULL, error)
      || !record_change (vault, clue_id, ld_clue_get_reg_no (clue), LD_AUDIT_CLUE_UPDATED, before->str, after->str,
                         details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* The limit of DISPOSAL approved on APPROVED ("" when it has none). */
static gboolean
compute_due (LdVault     *vault,
             const char  *disposal,
             const char  *approved,
             char       **due_text,
             GError     **error)
{
  g_autoptr(LdWorkdays) workdays = NULL;
  LdCaseRules rules;
  GDate approved_date, due;

  if (!parse_gdate (approved, &approved_date))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The approval date is required. Write it as YYYY-MM-DD."));
      return FALSE;
    }
  ld_case_rules_init_defaults (&rules);
  if (!ld_case_rules_repository_load (vault, &approved_date, &rules, error))
    return FALSE;
  workdays = ld_calendar_repository_load (vault, error);
  if (workdays == NULL)
    return FALSE;
  g_date_clear (&due, 1);
  if (ld_deadline_disposal (&rules, workdays, disposal, &approved_date, &due) && g_date_valid (&due))
    *due_text = format_gdate (&due);
  else
    *due_text = g_strdup ("");
  return TRUE;
}

gboolean
ld_clue_repository_dispose (LdVault      *vault,
                            gint64        clue_id,
                            const char   *disposal,
                            const char   *approved_by,
                            const char   *approved_date,
                            const char   *note,
                            GError      **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *approver = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *due = NULL;
  g_autofree char *action = NULL;
  g_autofree char *details = NULL;
  const char *code, *from, *to, *review;
  sqlite3 *db;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  code = find_code (LD_CODE_TABLE_DISPOSAL, disposal);
  if (code == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a disposal mode. Use talk-letter, verify, hold, close or case."),
                   disposal != NULL ? disposal : "");
      return FALSE;
    }
  if (g_str_equal (code, "close"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Closing a clue (予以了结) needs its result. Close it with its result and closing date "
                     "instead (“clue close ID --result R --date D”)."));
      return FALSE;
    }
  approver = _ld_records_clean_text (approved_by, _("The approving leader"), APPROVER_MAX_CHARS, TRUE, error);
  if (approver == NULL)
    return FALSE;
  approved = _ld_clue_normalise_date (approved_date, _("The approval date"), TRUE, error);
  if (approved == NULL)
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The note"), NOTE_MAX_CHARS, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  /* A closed clue is refused by the state machine, with its message. */
  clue = load_clue (vault, clue_id, TRUE, TRUE, error);
  if (clue == NULL)
    return FALSE;
  from = ld_clue_get_status (clue);
  to = ld_clue_status_for_disposal (code);
  if (to == NULL || !ld_clue_status_can_move (from, to, code, error))
    {
      if (to == NULL)
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("“%s” is not a disposal mode."), code);
      return FALSE;
    }
  if (strcmp (approved, ld_clue_get_received_date (clue)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The approval date %s is before the clue was received (%s). Check the date."),
                   approved, ld_clue_get_received_date (clue));
      return FALSE;
    }
  if (!compute_due (vault, code, approved, &due, error))
    return FALSE;
  review = g_str_equal (to, "held") ? ld_clue_get_next_review_date (clue) : "";

  diff_field (before, after, NULL, "status", from, to);
  diff_field (before, after, NULL, "disposal", ld_clue_get_disposal (clue), code);
  diff_field (before, after, NULL, "approved_by", ld_clue_get_approved_by (clue), approver);
  diff_field (before, after, NULL, "approved_date", ld_clue_get_approved_date (clue), approved);
  diff_field (before, after, NULL, "due_date", ld_clue_get_due_date (clue), due);
  diff_field (before, after, NULL, "next_review_date", ld_clue_get_next_review_date (clue), review);
  if (*clean_note != '\0')
    _ld_record_append_field (after, "note", clean_note);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE clues SET status = ?, disposal = ?, approved_by = ?, approved_date = ?, due_date = ?,"
                         " next_review_date = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, approver, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, approved, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, review, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 8, clue_id);
  action = g_strconcat ("disposed:", code, NULL);
  details = g_strdup_printf ("from=%s; to=%s; disposal=%s; due=%s", from, to, code, due);
  if (!ld_sql_step_done (db, stmt, error)
      || !insert_step (vault, clue_id, approved, action, clean_note, NULL, error)
      || !record_change (vault, clue_id, ld_clue_get_reg_no (clue), LD_AUDIT_CLUE_DISPOSED, before->str, after->str,
                         details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* Checks a clearing and its date: both or neither; only for unfounded
 * results; the date not before the clue was received. */
static gboolean
clean_clearing (LdClue      *clue,
                const char  *result,
                const char  *clearing,
                const char  *clearing_date,
                gboolean     required,
                char       **out_clearing,
                char       **out_date,
                GError     **error)
{
  g_autofree char *text = _ld_records_clean_long_text (clearing, _("The clearing"), NOTE_MAX_CHARS, required, error);
  g_autofree char *date = NULL;

  if (text == NULL)
    return FALSE;
  date = _ld_clue_normalise_date (clearing_date, _("The clearing date"), required || *text != '\0', error);
  if (date == NULL)
    return FALSE;
  if (*text == '\0' && *date != '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("A clearing date was given without the clearing. Say what was done to clear the person’s "
                     "name."));
      return FALSE;
    }
  if (*text != '\0' && !g_str_equal (result, "unfounded"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clearing (澄清正名) is recorded only for a clue found unfounded; this one is “%s”."),
                   ld_code_get_label (LD_CODE_TABLE_CLUE_RESULT, result) != NULL
                   ? ld_code_get_label (LD_CODE_TABLE_CLUE_RESULT, result) : result);
      return FALSE;
    }
  if (*date != '\0' && strcmp (date, ld_clue_get_received_date (clue)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The clearing date %s is before the clue was received (%s). Check the date."),
                   date, ld_clue_get_received_date (clue));
      return FALSE;
    }
  *out_clearing = g_steal_pointer (&text);
  *out_date = g_steal_pointer (&date);
  return TRUE;
}

gboolean
ld_clue_repository_close_approved (LdVault      *vault,
                                   gint64        clue_id,
                                   const char   *result,
                                   const char   *closed_date,
                                   const char   *approved_by,
                                   const char   *approved_date,
                                   const char   *clearing,
                                   const char   *clearing_date,
                                   const char   *note,
                                   GError      **error)
{
  g_autofree char *approver = NULL;
  g_autofree char *approved = NULL;
  gboolean with_approval;
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *clear_text = NULL;
  g_autofree char *clear_date = NULL;
  g_autofree char *action = NULL;
  g_autofree char *details = NULL;
  g_autofree char *petition_status = NULL;
  const char *code, *from, *disposal;
  sqlite3 *db;
  gint64 open_siblings = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  code = find_code (LD_CODE_TABLE_CLUE_RESULT, result);
  if (code == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a result. Use founded, partly, unfounded or uncheckable."),
                   result != NULL ? result : "");
      return FALSE;
    }
  closed = _ld_clue_normalise_date (closed_date, _("The closing date"), TRUE, error);
  if (closed == NULL)
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The note"), NOTE_MAX_CHARS, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  with_approval = (approved_by != NULL && *approved_by != '\0') || (approved_date != NULL && *approved_date != '\0');
  if (with_approval)
    {
      approver = _ld_records_clean_text (approved_by, _("The approving leader"), APPROVER_MAX_CHARS, TRUE, error);
      if (approver == NULL)
        return FALSE;
      approved = _ld_clue_normalise_date (approved_date, _("The approval date"), TRUE, error);
      if (approved == NULL)
        return FALSE;
      if (strcmp (approved, closed) > 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The approval date %s is after the closing date %s. Check the dates."), approved, closed);
          return FALSE;
        }
    }
  /* A closed clue is refused by the state machine, with its message. */
  clue = load_clue (vault, clue_id, TRUE, TRUE, error);
  if (clue == NULL)
    return FALSE;
  if (!clean_clearing (clue, code, clearing, clearing_date, FALSE, &clear_text, &clear_date, error))
    return FALSE;
  from = ld_clue_get_status (clue);
  /* A clue being handled closes with its result; a pending or held one is
   * closed as 予以了结. */
  disposal = g_str_equal (from, "handling") ? ld_clue_get_disposal (clue) : "close";
  if (!ld_clue_status_can_move (from, "closed", g_str_equal (from, "handling") ? "" : "close", error))
    return FALSE;
  if (with_approval && g_str_equal (from, "handling"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clue %s is being handled under an approved disposal; it closes with its result only. An "
                     "approval is recorded when a pending or held clue is closed (予以了结)."),
                   ld_clue_get_reg_no (clue));
      return FALSE;
    }
  if (with_approval && strcmp (approved, ld_clue_get_received_date (clue)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The approval date %s is before the clue was received (%s). Check the date."),
                   approved, ld_clue_get_received_date (clue));
      return FALSE;
    }
  if (strcmp (closed, ld_clue_get_received_date (clue)) < 0
      || (ld_clue_get_approved_date (clue)[0] != '\0' && strcmp (closed, ld_clue_get_approved_date (clue)) < 0))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The closing date %s is before the clue was received or its disposal approved. Check the "
                     "date."),
                   closed);
      return FALSE;
    }

  db = _ld_vault_get_db (vault);
  if (ld_clue_get_petition_id (clue) > 0)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM clues WHERE petition_id = %" G_GINT64_FORMAT
                                              " AND id <> %" G_GINT64_FORMAT " AND status <> 'closed'"
                                              " AND retired_at IS NULL",
                                              ld_clue_get_petition_id (clue), clue_id);
      g_autofree char *status_sql = g_strdup_printf ("SELECT status FROM petitions WHERE id = %" G_GINT64_FORMAT
                                                     " AND retired_at IS NULL",
                                                     ld_clue_get_petition_id (clue));

      if (!ld_sql_query_int64 (db, sql, 0, &open_siblings, error))
        return FALSE;
      petition_status = ld_sql_query_text (db, status_sql, NULL);
    }

  diff_field (before, after, NULL, "status", from, "closed");
  diff_field (before, after, NULL, "disposal", ld_clue_get_disposal (clue), disposal);
  if (with_approval)
    {
      diff_field (before, after, NULL, "approved_by", ld_clue_get_approved_by (clue), approver);
      diff_field (before, after, NULL, "approved_date", ld_clue_get_approved_date (clue), approved);
      diff_field (before, after, NULL, "due_date", ld_clue_get_due_date (clue), "");
    }
  diff_field (before, after, NULL, "result", ld_clue_get_result (clue), code);
  diff_field (before, after, NULL, "closed_date", ld_clue_get_closed_date (clue), closed);
  diff_field (before, after, NULL, "clearing", ld_clue_get_clearing (clue), clear_text);
  diff_field (before, after, NULL, "clearing_date", ld_clue_get_clearing_date (clue), clear_date);
  diff_field (before, after, NULL, "next_review_date", ld_clue_get_next_review_date (clue), "");
  if (*clean_note != '\0')
    _ld_record_append_field (after, "note", clean_note);

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE clues SET status = 'closed', disposal = ?, result = ?, closed_date = ?, clearing = ?,"
                         " clearing_date = ?, next_review_date = '', updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, disposal, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, closed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clear_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, clear_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 7, clue_id);
  action = g_strconcat ("closed:", code, NULL);
  details = g_strdup_printf ("from=%s; result=%s", from, code);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  if (with_approval)
    {
      g_autoptr(sqlite3_stmt) approval = ld_sql_prepare (db,
                                                         "UPDATE clues SET approved_by = ?, approved_date = ?,"
                                                         " due_date = '' WHERE id = ?",
                                                         error);

      if (approval == NULL)
        return fail (vault);
      sqlite3_bind_text (approval, 1, approver, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (approval, 2, approved, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (approval, 3, clue_id);
      if (!ld_sql_step_done (db, approval, error))
        return fail (vault);
    }
  if (!insert_step (vault, clue_id, closed, action, clean_note, NULL, error)
      || (*clear_text != '\0' && !insert_step (vault, clue_id, clear_date, "clearing", clear_text, NULL, error))
      || !record_change (vault, clue_id, ld_clue_get_reg_no (clue), LD_AUDIT_CLUE_CLOSED, before->str, after->str,
                         details, error))
    return fail (vault);
  /* The last open clue of an accepted petition closes the petition. */
  if (petition_status != NULL && open_siblings == 0 && g_str_equal (petition_status, "accepted")
      && !move_petition_in_tx (vault, ld_clue_get_petition_id (clue), ld_clue_get_reg_no (clue), "accepted",
                               "closed", closed, code, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_clue_repository_close (LdVault      *vault,
                          gint64        clue_id,
                          const char   *result,
                          const char   *closed_date,
                          const char   *clearing,
                          const char   *clearing_date,
                          const char   *note,
                          GError      **error)
{
  return ld_clue_repository_close_approved (vault, clue_id, result, closed_date, NULL, NULL, clearing, clearing_date,
                                            note, error);
}

gboolean
ld_clue_repository_set_clearing (LdVault      *vault,
                                 gint64        clue_id,
                                 const char   *clearing,
                                 const char   *clearing_date,
                                 GError      **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *clear_text = NULL;
  g_autofree char *clear_date = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clue = load_clue (vault, clue_id, TRUE, TRUE, error);
  if (clue == NULL)
    return FALSE;
  if (!g_str_equal (ld_clue_get_status (clue), "closed"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clue %s is not closed yet. Record the clearing when you close it as unfounded."),
                   ld_clue_get_reg_no (clue));
      return FALSE;
    }
  if (!clean_clearing (clue, ld_clue_get_result (clue), clearing, clearing_date, TRUE, &clear_text, &clear_date,
                       error))
    return FALSE;
  diff_field (before, after, NULL, "clearing", ld_clue_get_clearing (clue), clear_text);
  diff_field (before, after, NULL, "clearing_date", ld_clue_get_clearing_date (clue), clear_date);
  if (after->len == 0)
    return TRUE;

  return write_fields (vault, clue, "clearing = ?1, clearing_date = ?2", clear_text, clear_date,
                       clear_date, "clearing", clear_text, LD_AUDIT_CLUE_CLEARING, before, after, error);
}

gboolean
ld_clue_repository_set_next_review (LdVault     *vault,
                                    gint64       clue_id,
                                    const char  *review_date,
                                    GError     **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *today = _ld_records_today_text ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  date = _ld_clue_normalise_date (review_date, _("The next review date"), FALSE, error);
  if (date == NULL)
    return FALSE;
  clue = load_clue (vault, clue_id, TRUE, FALSE, error);
  if (clue == NULL)
    return FALSE;
  if (!g_str_equal (ld_clue_get_status (clue), "held"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Clue %s is not held (暂存待查): only a held clue has a next review date."),
                   ld_clue_get_reg_no (clue));
      return FALSE;
    }
  if (*date != '\0' && strcmp (date, ld_clue_get_received_date (clue)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The next review date %s is before the clue was received (%s). Check the date."),
                   date, ld_clue_get_received_date (clue));
      return FALSE;
    }
  diff_field (before, after, NULL, "next_review_date", ld_clue_get_next_review_date (clue), date);
  if (after->len == 0)
    return TRUE;

  return write_fields (vault, clue, "next_review_date = ?1", date, NULL,
                       today, "review", date, LD_AUDIT_CLUE_REVIEW, before, after, error);
}

gboolean
ld_clue_repository_add_step (LdVault      *vault,
                             gint64        clue_id,
                             const char   *step_date,
                             const char   *action,
                             const char   *note,
                             gint64       *out_id,
                             GError      **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *clean_action = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *details = NULL;
  LdClueStep probe = { 0 };
  gint64 step_id = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  date = _ld_clue_normalise_date (step_date, _("The date of the step"), TRUE, error);
  if (date == NULL)
    return FALSE;
  clean_action = _ld_records_clean_text (action, _("The step"), ACTION_MAX_CHARS, TRUE, error);
  if (clean_action == NULL)
    return FALSE;
  probe.action = clean_action;
  if (ld_clue_step_is_move (&probe))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is recorded by the disposal and closing commands. Describe the step in words "
                     "(“sent the inquiry letter”)."),
                   clean_action);
      return FALSE;
    }
  clean_note = _ld_records_clean_long_text (note, _("The note"), NOTE_MAX_CHARS, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  clue = load_clue (vault, clue_id, TRUE, TRUE, error);
  if (clue == NULL)
    return FALSE;
  if (strcmp (date, ld_clue_get_received_date (clue)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The date of the step %s is before the clue was received (%s). Check the date."),
                   date, ld_clue_get_received_date (clue));
      return FALSE;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!insert_step (vault, clue_id, date, clean_action, clean_note, &step_id, error))
    return fail (vault);
  _ld_record_append_field (after, "step.date", date);
  _ld_record_append_field (after, "step.action", clean_action);
  if (*clean_note != '\0')
    _ld_record_append_field (after, "step.note", clean_note);
  details = g_strdup_printf ("step=%" G_GINT64_FORMAT, step_id);
  if (!record_change (vault, clue_id, ld_clue_get_reg_no (clue), LD_AUDIT_CLUE_STEP, "", after->str, details,
                      error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = step_id;
  return TRUE;
}

gboolean
ld_clue_repository_retire (LdVault      *vault,
                           gint64        clue_id,
                           const char   *reason,
                           GError      **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *today = _ld_records_today_text ();
  sqlite3 *db;
  gint64 now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason"), REASON_MAX_CHARS, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  clue = load_clue (vault, clue_id, TRUE, TRUE, error);
  if (clue == NULL)
    return FALSE;
  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "retired_reason", clean_reason);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE clues SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, clue_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !insert_step (vault, clue_id, today, "retired", clean_reason, NULL, error)
      || !record_change (vault, clue_id, ld_clue_get_reg_no (clue), LD_AUDIT_CLUE_RETIRED, before->str, after->str,
                         NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reading -------------------------------------------------------------------------- */

LdClue *
ld_clue_repository_get (LdVault   *vault,
                        gint64     clue_id,
                        GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_clue (vault, clue_id, FALSE, TRUE, error);
}

GPtrArray *
ld_clue_repository_list_steps (LdVault   *vault,
                               gint64     clue_id,
                               GError   **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_clue_step_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  clue = load_clue (vault, clue_id, FALSE, TRUE, error);
  if (clue == NULL)
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT id, clue_id, step_date, action, note, account, created_at FROM clue_steps"
                         " WHERE clue_id = ? ORDER BY step_date, id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, clue_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdClueStep *step = g_new0 (LdClueStep, 1);

      step->id = sqlite3_column_int64 (stmt, 0);
      step->clue_id = sqlite3_column_int64 (stmt, 1);
      step->step_date = g_strdup (ld_sql_column_text (stmt, 2));
      step->action = g_strdup (ld_sql_column_text (stmt, 3));
      step->note = g_strdup (ld_sql_column_text (stmt, 4));
      step->account = g_strdup (ld_sql_column_text (stmt, 5));
      step->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (steps, step);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&steps);
}

void
ld_clue_filter_init (LdClueFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
}

/* The filter conditions; parameters ?2 … ?10 (bind_filter). "sub" is the
 * unit subtree of ?2. */
#define FILTER_CTE \
  ", sub(id) AS (SELECT ?2 UNION SELECT u2.id FROM units u2 JOIN sub ON u2.parent_id = sub.id) "
#define FILTER_WHERE \
  " WHERE k.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR k.unit_id IN (SELECT id FROM sub))" \
  " AND (?3 IS NULL OR k.status = ?3 OR (?3 = 'open' AND k.status IN ('pending', 'handling', 'held')))" \
  " AND (?4 IS NULL OR k.disposal = ?4)" \
  " AND (?5 IS NULL OR substr (k.received_date, 1, 4) = ?5)" \
  " AND (?6 = 0 OR k.cadre_id = ?6)" \
  " AND (?7 = 0 OR k.petition_id = ?7)" \
  " AND (?8 IS NULL OR (k.status IN ('pending', 'handling') AND k.due_date <> '' AND k.due_date < ?8))" \
  " AND (?9 IS NULL OR k.reg_no LIKE ?9 ESCAPE '\\' OR k.summary LIKE ?9 ESCAPE '\\'" \
  "      OR ifnull (c.name, k.person_name) LIKE ?9 ESCAPE '\\' OR k.approved_by LIKE ?9 ESCAPE '\\')" \
  " AND (?10 OR k.retired_at IS NULL)"

static gboolean
bind_filter (sqlite3_stmt        *stmt,
             const LdClueFilter  *filter,
             GError             **error)
{
  LdClueFilter none;
  g_autofree char *overdue = NULL;
  g_autofree char *trimmed = NULL;

  if (filter == NULL)
    {
      ld_clue_filter_init (&none);
      filter = &none;
    }
  if (filter->overdue_as_of != NULL && *filter->overdue_as_of != '\0')
    {
      overdue = _ld_clue_normalise_date (filter->overdue_as_of, _("The overdue date"), TRUE, error);
      if (overdue == NULL)
        return FALSE;
    }
  sqlite3_bind_int64 (stmt, 2, filter->unit_id);
  _ld_records_bind_optional_text (stmt, 3, filter->status);
  _ld_records_bind_optional_text (stmt, 4, filter->disposal);
  if (filter->year > 0)
    {
      g_autofree char *year = g_strdup_printf ("%04d", filter->year);

      sqlite3_bind_text (stmt, 5, year, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, filter->cadre_id);
  sqlite3_bind_int64 (stmt, 7, filter->petition_id);
  _ld_records_bind_optional_text (stmt, 8, overdue);
  trimmed = g_strstrip (g_strdup (filter->text != NULL ? filter->text : ""));
  if (*trimmed != '\0')
    {
      g_autoptr(GString) pattern = g_string_new ("%");

      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      sqlite3_bind_text (stmt, 9, pattern->str, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int (stmt, 10, filter->include_retired ? 1 : 0);
  return TRUE;
}

static gboolean
check_filter (const LdClueFilter  *filter,
              GError             **error)
{
  if (filter == NULL)
    return TRUE;
  if (filter->status != NULL && *filter->status != '\0' && !g_str_equal (filter->status, "open")
      && ld_code_get_label (LD_CODE_TABLE_CLUE_STATUS, filter->status) == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a clue status. Use pending, handling, held, closed or open."), filter->status);
      return FALSE;
    }
  if (filter->disposal != NULL && *filter->disposal != '\0'
      && ld_code_get_label (LD_CODE_TABLE_DISPOSAL, filter->disposal) == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a disposal mode. Use talk-letter, verify, hold, close or case."),
                   filter->disposal);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ld_clue_repository_list (LdVault             *vault,
                         const LdClueFilter  *filter,
                         GError             **error)
{
  g_autoptr(GPtrArray) clues = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error) || !check_filter (filter, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " CLUE_COLUMNS CLUE_FROM FILTER_WHERE
                            " ORDER BY k.received_date DESC, k.id DESC LIMIT ?11 OFFSET ?12",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 11, filter != NULL && filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 12, filter != NULL ? (gint64) filter->offset : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clues, read_clue (stmt));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&clues);
}

gboolean
ld_clue_repository_count (LdVault             *vault,
                          const LdClueFilter  *filter,
                          guint               *count,
                          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error) || !check_filter (filter, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*)" CLUE_FROM FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (count != NULL)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
ld_clue_repository_list_for_cadre (LdVault   *vault,
                                   gint64     cadre_id,
                                   GError   **error)
{
  LdClueFilter filter;

  ld_clue_filter_init (&filter);
  if (cadre_id <= 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The cadre record number must be positive."));
      return NULL;
    }
  filter.cadre_id = cadre_id;
  return ld_clue_repository_list (vault, &filter, error);
}

GPtrArray *
ld_clue_repository_versions (LdVault   *vault,
                             gint64     clue_id,
                             GError   **error)
{
  g_autoptr(LdClue) clue = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  clue = load_clue (vault, clue_id, FALSE, TRUE, error);
  if (clue == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_CLUE, clue_id, error);
}

GArray *
ld_clue_repository_list_talk_ids (LdVault   *vault,
                                  gint64     clue_id,
                                  GError   **error)
{
  g_autoptr(LdClue) clue = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  clue = load_clue (vault, clue_id, FALSE, TRUE, error);
  if (clue == NULL)
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            "SELECT t.id FROM talks t WHERE t.clue_id = ?2 AND t.retired_at IS NULL"
                            " AND t.unit_id IN (SELECT id FROM visible_units) ORDER BY t.talk_date, t.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, clue_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
