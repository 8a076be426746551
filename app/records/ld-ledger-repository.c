/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-ledger-private.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MAX_NAME      50
#define MAX_LONG_TEXT 20000

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_item_not_found (GError **error,
                    gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no ledger item number %lld in your scope. Check the number with “ledger list”."),
               (long long) id);
}

/* The item if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is neither retired nor signed off. */
static LdLedgerItem *
load_item (LdVault   *vault,
           gint64     item_id,
           gboolean   writable,
           GError   **error)
{
  gboolean found = FALSE;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " LD_LEDGER_COLUMNS LD_LEDGER_FROM
                                                             " WHERE l.id = ?2"
                                                             " AND l.unit_id IN (SELECT id FROM visible_units)",
                                                             item_id, &found, error);
  g_autoptr(LdLedgerItem) item = NULL;

  if (stmt == NULL)
    {
      if (!found && (error == NULL || *error == NULL))
        set_item_not_found (error, item_id);
      return NULL;
    }
  item = _ld_ledger_item_new_from_row (stmt);
  if (writable && ld_ledger_item_get_retired_at (item) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Ledger item %s is retired and cannot be changed. Register a new item instead."),
                   ld_ledger_item_get_reg_no (item));
      return NULL;
    }
  if (writable && ld_ledger_item_is_signed_off (item))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: 销号 */
                   _("Ledger item %s was signed off on %s: nothing of it changes any more. Register a new item "
                     "for new work."),
                   ld_ledger_item_get_reg_no (item), ld_ledger_item_get_signed_off_date (item));
      return NULL;
    }
  return g_steal_pointer (&item);
}

/* --- Version texts ------------------------------------------------------------------ */

enum {
  C_UNIT,
  C_SOURCE,
  C_SOURCE_REF,
  C_RECOMMENDATION,
  C_PROBLEM,
  C_MEASURES,
  C_STANDARD,
  C_LEADER,
  C_PERSON,
  C_DEADLINE,
  C_NOTE,
  N_SPEC_COLUMNS,
  C_STATUS = N_SPEC_COLUMNS,
  C_COMPLETION,
  C_COMPLETED_DATE,
  C_ACCEPTED_BY,
  C_ACCEPTANCE,
  C_SIGNED_OFF,
  N_COLUMNS
};

static const char * const columns[N_COLUMNS] = {
  "unit_id", "source", "source_ref", "recommendation_id", "problem", "measures", "standard", "leader", "person",
  "deadline", "note", "status", "completion", "completed_date", "accepted_by", "acceptance", "signed_off_date",
};

/* The stored fields of an item as texts, in the order of columns[]. */
typedef struct
{
  char *v[N_COLUMNS];
} ItemTexts;

static void
item_texts_clear (ItemTexts *texts)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&texts->v[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemTexts, item_texts_clear)

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

static void
texts_set (ItemTexts  *texts,
           guint       column,
           const char *value)
{
  g_free (texts->v[column]);
  texts->v[column] = g_strdup (value != NULL ? value : "");
}

static void
texts_take (ItemTexts *texts,
            guint      column,
            char      *value)
{
  g_free (texts->v[column]);
  texts->v[column] = value;
}

static void
texts_apply_spec (ItemTexts              *texts,
                  const LdLedgerItemSpec *clean)
{
  texts_take (texts, C_UNIT, id_text (clean->unit_id));
  texts_set (texts, C_SOURCE, clean->source);
  texts_set (texts, C_SOURCE_REF, clean->source_ref);
  texts_take (texts, C_RECOMMENDATION, id_text (clean->recommendation_id));
  texts_set (texts, C_PROBLEM, clean->problem);
  texts_set (texts, C_MEASURES, clean->measures);
  texts_set (texts, C_STANDARD, clean->standard);
  texts_set (texts, C_LEADER, clean->leader);
  texts_set (texts, C_PERSON, clean->person);
  texts_set (texts, C_DEADLINE, clean->deadline);
  texts_set (texts, C_NOTE, clean->note);
}

static void
texts_from_item (ItemTexts    *texts,
                 LdLedgerItem *item)
{
  texts_take (texts, C_UNIT, id_text (ld_ledger_item_get_unit_id (item)));
  texts_set (texts, C_SOURCE, ld_ledger_item_get_source (item));
  texts_set (texts, C_SOURCE_REF, ld_ledger_item_get_source_ref (item));
  texts_take (texts, C_RECOMMENDATION, id_text (ld_ledger_item_get_recommendation_id (item)));
  texts_set (texts, C_PROBLEM, ld_ledger_item_get_problem (item));
  texts_set (texts, C_MEASURES, ld_ledger_item_get_measures (item));
  texts_set (texts, C_STANDARD, ld_ledger_item_get_standard (item));
  texts_set (texts, C_LEADER, ld_ledger_item_get_leader (item));
  texts_set (texts, C_PERSON, ld_ledger_item_get_person (item));
  texts_set (texts, C_DEADLINE, ld_ledger_item_get_deadline (item));
  texts_set (texts, C_NOTE, ld_ledger_item_get_note (item));
  texts_set (texts, C_STATUS, ld_ledger_item_get_status_code (item));
  texts_set (texts, C_COMPLETION, ld_ledger_item_get_completion (item));
  texts_set (texts, C_COMPLETED_DATE, ld_ledger_item_get_completed_date (item));
  texts_set (texts, C_ACCEPTED_BY, ld_ledger_item_get_accepted_by (item));
  texts_set (texts, C_ACCEPTANCE, ld_ledger_item_get_acceptance (item));
  texts_set (texts, C_SIGNED_OFF, ld_ledger_item_get_signed_off_date (item));
}

static void
texts_copy (ItemTexts       *to,
            const ItemTexts *from)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    texts_set (to, i, from->v[i]);
}

/* Version and audit entry of one change, in the caller's transaction. The
 * audit names the item, its registration number, the version and the
 * changed columns, never their contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       item_id,
               const char  *reg_no,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *changed,
               GError     **error)
{
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_LEDGER, item_id, event, before, after, error))
    return FALSE;
  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "%s%s", reg_no,
                             _ld_record_last_version (vault, LD_RECORD_TYPE_LEDGER, item_id),
                             changed && *changed ? "; fields=" : "", changed && *changed ? changed : "");
  return ld_audit_append (vault, event, LD_RECORD_TYPE_LEDGER, object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* --- Checks ------------------------------------------------------------------------- */

/* The unit must be in scope; the recommendation (when given and not
 * OLD_RECOMMENDATION_ID, which an update keeps) in scope, active, issued
 * and not closed. */
static gboolean
check_references (LdVault                 *vault,
                  const LdLedgerItemSpec  *clean,
                  gint64                   old_recommendation_id,
                  GError                 **error)
{
  gboolean visible = FALSE;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdRecommendationStatus status;
  int rc;

  if (!_ld_scope_unit_visible (vault, clean->unit_id, &visible, error))
    return FALSE;
  if (!visible)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no unit number %lld in your scope. Check the number with “unit list”."),
                   (long long) clean->unit_id);
      return FALSE;
    }
  if (clean->recommendation_id == 0 || clean->recommendation_id == old_recommendation_id)
    return TRUE;

  stmt = _ld_scope_prepare (vault,
                            "SELECT r.reg_no, r.status, r.retired_at IS NOT NULL FROM recommendations r"
                            " WHERE r.id = ?2 AND r.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, clean->recommendation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no recommendation number %lld in your scope. Check the number with "
                     "“recommendation list”."),
                   (long long) clean->recommendation_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  status = ld_recommendation_status_from_string (ld_sql_column_text (stmt, 1));
  if (sqlite3_column_int (stmt, 2))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is retired: no ledger item can be added to it."),
                   ld_sql_column_text (stmt, 0));
      return FALSE;
    }
  if (status == LD_RECOMMENDATION_DRAFT)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is still a draft. Issue it before registering ledger items for it."),
                   ld_sql_column_text (stmt, 0));
      return FALSE;
    }
  if (status == LD_RECOMMENDATION_CLOSED)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is closed: no ledger item can be added to it."),
                   ld_sql_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* --- Writes ------------------------------------------------------------------------ */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* Writes every column of TEXTS to the item. */
static gboolean
write_item (LdVault          *vault,
            gint64            item_id,
            const ItemTexts  *texts,
            GError          **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "UPDATE ledger_items SET unit_id = ?1, source = ?2,"
                                                 " source_ref = ?3, recommendation_id = ?4, problem = ?5,"
                                                 " measures = ?6, standard = ?7, leader = ?8, person = ?9,"
                                                 " deadline = ?10, note = ?11, status = ?12, completion = ?13,"
                                                 " completed_date = ?14, accepted_by = ?15, acceptance = ?16,"
                                                 " signed_off_date = ?17, updated_at = ?18 WHERE id = ?19",
                                                 error);
  gint64 recommendation_id;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_COLUMNS; i++)
    bind_text (stmt, (int) i + 1, texts->v[i]);
  sqlite3_bind_int64 (stmt, C_UNIT + 1, g_ascii_strtoll (texts->v[C_UNIT], NULL, 10));
  recommendation_id = g_ascii_strtoll (texts->v[C_RECOMMENDATION], NULL, 10);
  if (recommendation_id > 0)
    sqlite3_bind_int64 (stmt, C_RECOMMENDATION + 1, recommendation_id);
  else
    sqlite3_bind_null (stmt, C_RECOMMENDATION + 1);
  sqlite3_bind_int64 (stmt, 18, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 19, item_id);
  return ld_sql_step_done (db, stmt, error);
}

/* Writes NEW over the item's OLD texts with a version and an audit entry
 * of EVENT, in the caller's transaction; EXTRA_BEFORE / EXTRA_AFTER (may
 * be NULL) add lines that are not columns (a progress entry). Nothing
 * changed and no extra = nothing written. */
static gboolean
apply_change (LdVault          *vault,
              LdLedgerItem     *item,
              const ItemTexts  *old,
              const ItemTexts  *new,
              const char       *event,
              const char       *extra_field,
              const char       *extra_value,
              GError          **error)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  const char *reg_no = ld_ledger_item_get_reg_no (item);

  _ld_record_append_field (before, "reg_no", reg_no);
  _ld_record_append_field (after, "reg_no", reg_no);
  _ld_record_diff_fields (old != NULL ? old->v : NULL, new->v, columns, N_COLUMNS, before, after, changed);
  if (extra_field != NULL)
    {
      _ld_record_append_field (after, extra_field, extra_value);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", extra_field);
    }
  if (changed->len == 0)
    return TRUE;
  return write_item (vault, ld_ledger_item_get_id (item), new, error)
         && record_change (vault, ld_ledger_item_get_id (item), reg_no, event, before->str, after->str,
                           changed->str, error);
}

gboolean
_ld_ledger_insert_in_tx (LdVault                 *vault,
                         const LdLedgerItemSpec  *spec,
                         const char              *event,
                         gint64                  *out_id,
                         char                   **out_reg_no,
                         GError                 **error)
{
  g_auto(LdLedgerItemSpec) clean = { 0 };
  g_auto(ItemTexts) texts = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now_local = g_date_time_new_now_local ();
  g_autofree char *reg_no = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 id, now = _ld_records_now ();

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!_ld_ledger_item_spec_clean (spec, &clean, NULL, error)
      || !check_references (vault, &clean, 0, error))
    return FALSE;
  reg_no = _ld_record_next_reg_no (vault, LD_RECORD_TYPE_LEDGER, g_date_time_get_year (now_local), "L", error);
  if (reg_no == NULL)
    return FALSE;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO ledger_items (unit_id, source, source_ref, recommendation_id, problem,"
                         " measures, standard, leader, person, deadline, note, status, reg_no, account,"
                         " created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'not-started', ?12, ?13, ?14, ?14)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, clean.unit_id);
  bind_text (stmt, 2, clean.source);
  bind_text (stmt, 3, clean.source_ref);
  if (clean.recommendation_id > 0)
    sqlite3_bind_int64 (stmt, 4, clean.recommendation_id);
  else
    sqlite3_bind_null (stmt, 4);
  bind_text (stmt, 5, clean.problem);
  bind_text (stmt, 6, clean.measures);
  bind_text (stmt, 7, clean.standard);
  bind_text (stmt, 8, clean.leader);
  bind_text (stmt, 9, clean.person);
  bind_text (stmt, 10, clean.deadline);
  bind_text (stmt, 11, clean.note);
  bind_text (stmt, 12, reg_no);
  bind_text (stmt, 13, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 14, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);

  texts_apply_spec (&texts, &clean);
  texts_set (&texts, C_STATUS, ld_ledger_status_to_string (LD_LEDGER_NOT_STARTED));
  _ld_record_append_field (after, "reg_no", reg_no);
  _ld_record_diff_fields (NULL, texts.v, columns, N_COLUMNS, before, after, changed);
  if (!record_change (vault, id, reg_no, event, before->str, after->str, NULL, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

gboolean
ld_ledger_repository_create (LdVault                 *vault,
                             const LdLedgerItemSpec  *spec,
                             gint64                  *out_id,
                             char                   **out_reg_no,
                             GError                 **error)
{
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !ld_ledger_item_spec_validate (spec, NULL, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_ledger_insert_in_tx (vault, spec, LD_AUDIT_LEDGER_CREATED, &id, &reg_no, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

gboolean
ld_ledger_repository_update (LdVault                 *vault,
                             gint64                   item_id,
                             const LdLedgerItemSpec  *spec,
                             GError                 **error)
{
  g_auto(LdLedgerItemSpec) clean = { 0 };
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };
  g_autoptr(LdLedgerItem) item = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL
      || !_ld_ledger_item_spec_clean (spec, &clean, NULL, error)
      || !check_references (vault, &clean, ld_ledger_item_get_recommendation_id (item), error))
    return FALSE;

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  texts_apply_spec (&new, &clean);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_UPDATED, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_ledger_repository_retire (LdVault     *vault,
                             gint64       item_id,
                             const char  *reason,
                             GError     **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
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
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL)
    return FALSE;

  _ld_record_append_field (before, "reg_no", ld_ledger_item_get_reg_no (item));
  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "reg_no", ld_ledger_item_get_reg_no (item));
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE ledger_items SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, item_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, item_id, ld_ledger_item_get_reg_no (item), LD_AUDIT_LEDGER_RETIRED, before->str,
                         after->str, "retired_reason", error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Moves ------------------------------------------------------------------------- */

gboolean
ld_ledger_repository_add_progress (LdVault     *vault,
                                   gint64       item_id,
                                   const char  *date,
                                   const char  *note,
                                   gint64      *out_id,
                                   GError     **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *line = NULL;
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gint64 id;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_date = _ld_ledger_clean_past_date (date, _("The date of the progress"), error);
  if (clean_date == NULL)
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The progress"), MAX_LONG_TEXT, TRUE, error);
  if (clean_note == NULL)
    return FALSE;
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL)
    return FALSE;

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  /* The first progress starts the work. */
  if (ld_ledger_item_get_status (item) == LD_LEDGER_NOT_STARTED)
    texts_set (&new, C_STATUS, ld_ledger_status_to_string (LD_LEDGER_IN_PROGRESS));
  line = g_strdup_printf ("%s %s", clean_date, clean_note);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO ledger_progress (item_id, progress_date, note, account, created_at)"
                         " VALUES (?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, item_id);
  bind_text (stmt, 2, clean_date);
  bind_text (stmt, 3, clean_note);
  bind_text (stmt, 4, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  id = sqlite3_last_insert_rowid (db);
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_PROGRESS, "progress", line, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

GPtrArray *
ld_ledger_repository_list_progress (LdVault     *vault,
                                    gint64       item_id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_ledger_progress_free);
  g_autoptr(LdLedgerItem) item = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  item = load_item (vault, item_id, FALSE, error);
  if (item == NULL)
    return NULL;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT id, item_id, progress_date, note, account, created_at FROM ledger_progress"
                         " WHERE item_id = ? ORDER BY progress_date, id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdLedgerProgress *p = g_new0 (LdLedgerProgress, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->item_id = sqlite3_column_int64 (stmt, 1);
      p->progress_date = g_strdup (ld_sql_column_text (stmt, 2));
      p->note = g_strdup (ld_sql_column_text (stmt, 3));
      p->account = g_strdup (ld_sql_column_text (stmt, 4));
      p->created_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Refuses a move the state machine does not allow, naming the moves that
 * are. */
static gboolean
check_move (LdLedgerItem    *item,
            LdLedgerStatus   to,
            GError         **error)
{
  LdLedgerStatus from = ld_ledger_item_get_status (item);
  g_autoptr(GString) allowed = g_string_new (NULL);

  if (ld_ledger_can_move (from, to, ld_ledger_item_is_signed_off (item)))
    return TRUE;
  for (LdLedgerStatus s = 0; s < LD_LEDGER_OVERDUE; s++)
    if (ld_ledger_can_move (from, s, FALSE))
      g_string_append_printf (allowed, "%s%s", allowed->len ? "、" : "", ld_ledger_status_get_label (s));
  if (to >= LD_LEDGER_OVERDUE)
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                 _("“%s” is not a status an item is moved to: it follows from the deadline. From “%s” the item "
                   "can move to: %s."),
                 ld_ledger_status_get_label (LD_LEDGER_OVERDUE), ld_ledger_status_get_label (from), allowed->str);
  else if (from == to)
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Ledger item %s is already “%s”."),
                 ld_ledger_item_get_reg_no (item), ld_ledger_status_get_label (from));
  else
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                 _("A ledger item cannot move from “%s” to “%s”. From “%s” it can move to: %s."),
                 ld_ledger_status_get_label (from), ld_ledger_status_get_label (to),
                 ld_ledger_status_get_label (from), allowed->str);
  return FALSE;
}

gboolean
ld_ledger_repository_set_status (LdVault          *vault,
                                 gint64            item_id,
                                 LdLedgerStatus    status,
                                 GError          **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (status >= LD_N_LEDGER_STATUSES)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Unknown ledger status. Choose not-started, in-progress, done or ongoing."));
      return FALSE;
    }
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL || !check_move (item, status, error))
    return FALSE;

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  texts_set (&new, C_STATUS, ld_ledger_status_to_string (status));
  /* Reopened: the completion must be recorded and accepted again. */
  if (ld_ledger_item_get_status (item) == LD_LEDGER_DONE)
    {
      texts_set (&new, C_COMPLETED_DATE, "");
      texts_set (&new, C_ACCEPTED_BY, "");
      texts_set (&new, C_ACCEPTANCE, "");
    }
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_STATUS, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_ledger_repository_complete (LdVault     *vault,
                               gint64       item_id,
                               const char  *date,
                               const char  *completion,
                               GError     **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_completion = NULL;
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_date = _ld_ledger_clean_past_date (date, _("The completion date"), error);
  if (clean_date == NULL)
    return FALSE;
  /* Translators: 完成情况 */
  clean_completion = _ld_records_clean_long_text (completion, _("The completion"), MAX_LONG_TEXT, TRUE, error);
  if (clean_completion == NULL)
    return FALSE;
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL)
    return FALSE;
  if (ld_ledger_item_get_status (item) != LD_LEDGER_DONE && !check_move (item, LD_LEDGER_DONE, error))
    return FALSE;

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  texts_set (&new, C_STATUS, ld_ledger_status_to_string (LD_LEDGER_DONE));
  texts_set (&new, C_COMPLETED_DATE, clean_date);
  texts_set (&new, C_COMPLETION, clean_completion);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_COMPLETED, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_ledger_repository_accept (LdVault     *vault,
                             gint64       item_id,
                             const char  *accepted_by,
                             const char  *acceptance,
                             GError     **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *clean_by = NULL;
  g_autofree char *clean_acceptance = NULL;
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  /* Translators: 验收人 */
  clean_by = _ld_records_clean_text (accepted_by, _("Who accepted the work"), MAX_NAME, TRUE, error);
  if (clean_by == NULL)
    return FALSE;
  /* Translators: 验收意见 */
  clean_acceptance = _ld_records_clean_long_text (acceptance, _("The acceptance opinion"), MAX_LONG_TEXT, FALSE,
                                                  error);
  if (clean_acceptance == NULL)
    return FALSE;
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL)
    return FALSE;
  if (ld_ledger_item_get_status (item) != LD_LEDGER_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Ledger item %s is “%s”: only done work can be accepted. Record its completion first."),
                   ld_ledger_item_get_reg_no (item), ld_ledger_item_get_status_label (item));
      return FALSE;
    }

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  texts_set (&new, C_ACCEPTED_BY, clean_by);
  texts_set (&new, C_ACCEPTANCE, clean_acceptance);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_ACCEPTED, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_ledger_repository_sign_off (LdVault     *vault,
                               gint64       item_id,
                               const char  *date,
                               GError     **error)
{
  g_autoptr(LdLedgerItem) item = NULL;
  g_autofree char *clean_date = NULL;
  g_auto(ItemTexts) old = { 0 };
  g_auto(ItemTexts) new = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_APPROVE, error))
    return FALSE;
  /* Translators: 销号日期 */
  clean_date = _ld_ledger_clean_past_date (date, _("The sign-off date"), error);
  if (clean_date == NULL)
    return FALSE;
  item = load_item (vault, item_id, TRUE, error);
  if (item == NULL
      || !ld_ledger_can_sign_off (ld_ledger_item_get_status (item), ld_ledger_item_get_completed_date (item),
                                  ld_ledger_item_get_accepted_by (item), error))
    return FALSE;
  if (strcmp (clean_date, ld_ledger_item_get_completed_date (item)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The sign-off date %s is before the completion date %s. Check both dates."), clean_date,
                   ld_ledger_item_get_completed_date (item));
      return FALSE;
    }

  texts_from_item (&old, item);
  texts_copy (&new, &old);
  texts_set (&new, C_SIGNED_OFF, clean_date);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, item, &old, &new, LD_AUDIT_LEDGER_SIGNED_OFF, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ------------------------------------------------------------------------- */

LdLedgerItem *
ld_ledger_repository_get (LdVault   *vault,
                          gint64     item_id,
                          GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_item (vault, item_id, FALSE, error);
}

void
ld_ledger_filter_init (LdLedgerFilter *filter)
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
  " WHERE l.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR l.unit_id = ?2 OR (?3 AND l.unit_id IN (SELECT id FROM sub_units)))" \
  " AND (?4 IS NULL OR (?4 = 'overdue' AND " LD_LEDGER_OVERDUE_SQL ("?5") ")" \
  "      OR (?4 <> 'overdue' AND l.status = ?4 AND NOT " LD_LEDGER_OVERDUE_SQL ("?5") "))" \
  " AND (?6 IS NULL OR l.source = ?6)" \
  " AND (?7 = 0 OR l.recommendation_id = ?7)" \
  " AND (?8 IS NULL OR l.reg_no LIKE ?8 ESCAPE '\\' OR l.problem LIKE ?8 ESCAPE '\\'" \
  "      OR l.measures LIKE ?8 ESCAPE '\\' OR l.standard LIKE ?8 ESCAPE '\\' OR l.leader LIKE ?8 ESCAPE '\\'" \
  "      OR l.person LIKE ?8 ESCAPE '\\' OR l.source_ref LIKE ?8 ESCAPE '\\' OR l.note LIKE ?8 ESCAPE '\\')" \
  " AND (?9 IS NULL OR (l.signed_off_date = '' AND l.status IN ('not-started', 'in-progress')" \
  "      AND l.deadline <> '' AND l.deadline < ?9))" \
  " AND (?10 OR l.retired_at IS NULL)"

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

static char *
date_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return _ld_records_today_text ();
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Checks a filter and binds ?2 … ?10. */
static gboolean
bind_filter (sqlite3_stmt          *stmt,
             const LdLedgerFilter  *filter,
             GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *due_before = NULL;
  g_autofree char *as_of = date_text (filter->as_of);
  const char *status = NULL;
  const char *source = NULL;

  if (filter->status != NULL && *filter->status != '\0')
    {
      LdLedgerStatus s = ld_ledger_status_from_string (filter->status);

      if (s >= LD_N_LEDGER_STATUSES)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a ledger status. Choose not-started, in-progress, done, ongoing or overdue."),
                       filter->status);
          return FALSE;
        }
      status = ld_ledger_status_to_string (s);
    }
  if (filter->source != NULL && *filter->source != '\0')
    {
      source = ld_ledger_source_lookup (filter->source);
      if (source == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a source of ledger items. Choose inspection, audit, analysis, "
                         "recommendation, petition, special or other."),
                       filter->source);
          return FALSE;
        }
    }
  if (filter->due_before != NULL && *filter->due_before != '\0')
    {
      due_before = _ld_ledger_clean_date (filter->due_before, _("The date"), TRUE, error);
      if (due_before == NULL)
        return FALSE;
    }
  if (filter->text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (filter->text));

      if (*clean != '\0')
        text = like_pattern (clean);
    }

  sqlite3_bind_int64 (stmt, 2, MAX (filter->unit_id, 0));
  sqlite3_bind_int (stmt, 3, filter->with_subunits ? 1 : 0);
  _ld_records_bind_optional_text (stmt, 4, status);
  sqlite3_bind_text (stmt, 5, as_of, -1, SQLITE_TRANSIENT);
  _ld_records_bind_optional_text (stmt, 6, source);
  sqlite3_bind_int64 (stmt, 7, MAX (filter->recommendation_id, 0));
  _ld_records_bind_optional_text (stmt, 8, text);
  _ld_records_bind_optional_text (stmt, 9, due_before);
  sqlite3_bind_int (stmt, 10, filter->include_retired ? 1 : 0);
  return TRUE;
}

GPtrArray *
ld_ledger_repository_list (LdVault               *vault,
                           const LdLedgerFilter  *filter,
                           GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdLedgerFilter all;

  if (filter == NULL)
    {
      ld_ledger_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " LD_LEDGER_COLUMNS LD_LEDGER_FROM FILTER_WHERE
                            " ORDER BY l.deadline = '', l.deadline, l.reg_no LIMIT ?11 OFFSET ?12",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  return _ld_records_list_page (vault, stmt, 11, filter->limit, filter->offset,
                                (LdRecordsRowFunc) _ld_ledger_item_new_from_row, error);
}

gboolean
ld_ledger_repository_count (LdVault               *vault,
                            const LdLedgerFilter  *filter,
                            guint                 *out_count,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdLedgerFilter all;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter == NULL)
    {
      ld_ledger_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM ledger_items l" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  return _ld_records_step_count (vault, stmt, out_count, error);
}

GPtrArray *
ld_ledger_repository_versions (LdVault   *vault,
                               gint64     item_id,
                               GError   **error)
{
  g_autoptr(LdLedgerItem) item = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  item = load_item (vault, item_id, FALSE, error);
  if (item == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_LEDGER, item_id, error);
}
