/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-recommendation-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-ledger-private.h"
#include "records/ld-ledger-repository.h"
#include "records/ld-recommendation-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MAX_LONG_TEXT 20000

/* The event kinds that are not moves. */
static const char * const follow_up_kinds[] = { "revisit", "lookback", "onsite", "note", NULL };

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no recommendation number %lld in your scope. Check the number with "
                 "“recommendation list”."),
               (long long) id);
}

/* The recommendation if its unit is in the session's scopes; when
 * WRITABLE, also checks that it is not retired. */
static LdRecommendation *
load_recommendation (LdVault   *vault,
                     gint64     id,
                     gboolean   writable,
                     GError   **error)
{
  gboolean found = FALSE;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " LD_RECOMMENDATION_COLUMNS
                                                             LD_RECOMMENDATION_FROM " WHERE r.id = ?2"
                                                             " AND r.unit_id IN (SELECT id FROM visible_units)",
                                                             id, &found, error);
  g_autoptr(LdRecommendation) recommendation = NULL;

  if (stmt == NULL)
    {
      if (!found && (error == NULL || *error == NULL))
        set_not_found (error, id);
      return NULL;
    }
  recommendation = _ld_recommendation_new_from_row (stmt);
  if (writable && ld_recommendation_get_retired_at (recommendation) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is retired and cannot be changed. Register a new one instead."),
                   ld_recommendation_get_reg_no (recommendation));
      return NULL;
    }
  return g_steal_pointer (&recommendation);
}

static gboolean
refuse_closed (LdRecommendation  *recommendation,
               GError           **error)
{
  if (ld_recommendation_get_status (recommendation) != LD_RECOMMENDATION_CLOSED)
    return TRUE;
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               /* Translators: 销账 */
               _("Recommendation %s was closed on %s: it cannot be changed any more."),
               ld_recommendation_get_reg_no (recommendation), ld_recommendation_get_closed_date (recommendation));
  return FALSE;
}

/* --- Version texts ------------------------------------------------------------------ */

enum {
  C_UNIT,
  C_KIND,
  C_DOC_NO,
  C_TITLE,
  C_PROBLEM,
  C_BASIS,
  C_CONTENT,
  C_SOURCE_TYPE,
  C_SOURCE_ID,
  N_SPEC_COLUMNS,
  C_STATUS = N_SPEC_COLUMNS,
  C_ISSUED,
  C_DELIVERED,
  C_REPLY_DUE,
  C_REPLIED,
  C_REPLY,
  C_VERIFIED,
  C_CLOSED,
  C_NEXT_VISIT,
  N_COLUMNS
};

static const char * const columns[N_COLUMNS] = {
  "unit_id", "kind", "doc_no", "title", "problem", "basis", "content", "source_type", "source_id", "status",
  "issued_date", "delivered_date", "reply_due", "replied_date", "reply", "verified_date", "closed_date",
  "next_visit_date",
};

typedef struct
{
  char *v[N_COLUMNS];
} RecTexts;

static void
rec_texts_clear (RecTexts *texts)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_pointer (&texts->v[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecTexts, rec_texts_clear)

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

static void
texts_set (RecTexts   *texts,
           guint       column,
           const char *value)
{
  g_free (texts->v[column]);
  texts->v[column] = g_strdup (value != NULL ? value : "");
}

static void
texts_take (RecTexts *texts,
            guint     column,
            char     *value)
{
  g_free (texts->v[column]);
  texts->v[column] = value;
}

static void
texts_apply_spec (RecTexts                   *texts,
                  const LdRecommendationSpec *clean)
{
  texts_take (texts, C_UNIT, id_text (clean->unit_id));
  texts_set (texts, C_KIND, clean->kind);
  texts_set (texts, C_DOC_NO, clean->doc_no);
  texts_set (texts, C_TITLE, clean->title);
  texts_set (texts, C_PROBLEM, clean->problem);
  texts_set (texts, C_BASIS, clean->basis);
  texts_set (texts, C_CONTENT, clean->content);
  texts_set (texts, C_SOURCE_TYPE, clean->source_type);
  texts_take (texts, C_SOURCE_ID, id_text (clean->source_id));
}

static void
texts_from_recommendation (RecTexts         *texts,
                           LdRecommendation *r)
{
  texts_take (texts, C_UNIT, id_text (ld_recommendation_get_unit_id (r)));
  texts_set (texts, C_KIND, ld_recommendation_get_kind (r));
  texts_set (texts, C_DOC_NO, ld_recommendation_get_doc_no (r));
  texts_set (texts, C_TITLE, ld_recommendation_get_title (r));
  texts_set (texts, C_PROBLEM, ld_recommendation_get_problem (r));
  texts_set (texts, C_BASIS, ld_recommendation_get_basis (r));
  texts_set (texts, C_CONTENT, ld_recommendation_get_content (r));
  texts_set (texts, C_SOURCE_TYPE, ld_recommendation_get_source_type (r));
  texts_take (texts, C_SOURCE_ID, id_text (ld_recommendation_get_source_id (r)));
  texts_set (texts, C_STATUS, ld_recommendation_get_status_code (r));
  texts_set (texts, C_ISSUED, ld_recommendation_get_issued_date (r));
  texts_set (texts, C_DELIVERED, ld_recommendation_get_delivered_date (r));
  texts_set (texts, C_REPLY_DUE, ld_recommendation_get_reply_due (r));
  texts_set (texts, C_REPLIED, ld_recommendation_get_replied_date (r));
  texts_set (texts, C_REPLY, ld_recommendation_get_reply (r));
  texts_set (texts, C_VERIFIED, ld_recommendation_get_verified_date (r));
  texts_set (texts, C_CLOSED, ld_recommendation_get_closed_date (r));
  texts_set (texts, C_NEXT_VISIT, ld_recommendation_get_next_visit_date (r));
}

static void
texts_copy (RecTexts       *to,
            const RecTexts *from)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    texts_set (to, i, from->v[i]);
}

/* Version and audit entry of one change, in the caller's transaction;
 * the audit never holds the contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       id,
               const char  *reg_no,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *changed,
               GError     **error)
{
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_RECOMMENDATION, id, event, before, after, error))
    return FALSE;
  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "%s%s", reg_no,
                             _ld_record_last_version (vault, LD_RECORD_TYPE_RECOMMENDATION, id),
                             changed && *changed ? "; fields=" : "", changed && *changed ? changed : "");
  return ld_audit_append (vault, event, LD_RECORD_TYPE_RECOMMENDATION, object_id, LD_AUDIT_OUTCOME_OK, details,
                          error);
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
                 const char   *text)
{
  gint64 id = g_ascii_strtoll (text != NULL ? text : "", NULL, 10);

  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_recommendation (LdVault         *vault,
                      gint64           id,
                      const RecTexts  *texts,
                      GError         **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "UPDATE recommendations SET unit_id = ?1, kind = ?2, doc_no = ?3,"
                                                 " title = ?4, problem = ?5, basis = ?6, content = ?7,"
                                                 " source_type = ?8, source_id = ?9, status = ?10,"
                                                 " issued_date = ?11, delivered_date = ?12, reply_due = ?13,"
                                                 " replied_date = ?14, reply = ?15, verified_date = ?16,"
                                                 " closed_date = ?17, next_visit_date = ?18, updated_at = ?19"
                                                 " WHERE id = ?20",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_COLUMNS; i++)
    bind_text (stmt, (int) i + 1, texts->v[i]);
  sqlite3_bind_int64 (stmt, C_UNIT + 1, g_ascii_strtoll (texts->v[C_UNIT], NULL, 10));
  bind_id_or_null (stmt, C_SOURCE_ID + 1, texts->v[C_SOURCE_ID]);
  sqlite3_bind_int64 (stmt, 19, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 20, id);
  return ld_sql_step_done (db, stmt, error);
}

/* Writes NEW over OLD with a version and an audit entry of EVENT, in the
 * caller's transaction; EXTRA_FIELD / EXTRA_VALUE add a line that is not
 * a column. Nothing changed and no extra = nothing written. */
static gboolean
apply_change (LdVault          *vault,
              LdRecommendation *recommendation,
              const RecTexts   *old,
              const RecTexts   *new,
              const char       *event,
              const char       *extra_field,
              const char       *extra_value,
              GError          **error)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  const char *reg_no = ld_recommendation_get_reg_no (recommendation);
  gint64 id = ld_recommendation_get_id (recommendation);

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
  return write_recommendation (vault, id, new, error)
         && record_change (vault, id, reg_no, event, before->str, after->str, changed->str, error);
}

static gboolean
check_unit (LdVault  *vault,
            gint64    unit_id,
            GError  **error)
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

/* --- Writes ------------------------------------------------------------------------ */

gboolean
ld_recommendation_repository_create (LdVault                     *vault,
                                     const LdRecommendationSpec  *spec,
                                     gint64                      *out_id,
                                     char                       **out_reg_no,
                                     GError                     **error)
{
  g_auto(LdRecommendationSpec) clean = { 0 };
  g_auto(RecTexts) texts = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now_local = g_date_time_new_now_local ();
  g_autofree char *reg_no = NULL;
  sqlite3 *db;
  gint64 id, now = _ld_records_now ();

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_recommendation_spec_clean (spec, &clean, NULL, error)
      || !check_unit (vault, clean.unit_id, error))
    return FALSE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  reg_no = _ld_record_next_reg_no (vault, LD_RECORD_TYPE_RECOMMENDATION, g_date_time_get_year (now_local), "J",
                                   error);
  if (reg_no == NULL)
    return fail (vault);
  stmt = ld_sql_prepare (db,
                         "INSERT INTO recommendations (unit_id, kind, doc_no, title, problem, basis, content,"
                         " source_type, source_id, status, reg_no, account, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'draft', ?10, ?11, ?12, ?12)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, clean.unit_id);
  bind_text (stmt, 2, clean.kind);
  bind_text (stmt, 3, clean.doc_no);
  bind_text (stmt, 4, clean.title);
  bind_text (stmt, 5, clean.problem);
  bind_text (stmt, 6, clean.basis);
  bind_text (stmt, 7, clean.content);
  bind_text (stmt, 8, clean.source_type);
  if (clean.source_id > 0)
    sqlite3_bind_int64 (stmt, 9, clean.source_id);
  else
    sqlite3_bind_null (stmt, 9);
  bind_text (stmt, 10, reg_no);
  bind_text (stmt, 11, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 12, now);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  id = sqlite3_last_insert_rowid (db);

  texts_apply_spec (&texts, &clean);
  texts_set (&texts, C_STATUS, ld_recommendation_status_to_string (LD_RECOMMENDATION_DRAFT));
  _ld_record_append_field (after, "reg_no", reg_no);
  _ld_record_diff_fields (NULL, texts.v, columns, N_COLUMNS, before, after, changed);
  if (!record_change (vault, id, reg_no, LD_AUDIT_RECOMMENDATION_CREATED, before->str, after->str, NULL, error))
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
ld_recommendation_repository_update (LdVault                     *vault,
                                     gint64                       recommendation_id,
                                     const LdRecommendationSpec  *spec,
                                     GError                     **error)
{
  g_auto(LdRecommendationSpec) clean = { 0 };
  g_auto(RecTexts) old = { 0 };
  g_auto(RecTexts) new = { 0 };
  g_autoptr(LdRecommendation) recommendation = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  recommendation = load_recommendation (vault, recommendation_id, TRUE, error);
  if (recommendation == NULL
      || !refuse_closed (recommendation, error)
      || !_ld_recommendation_spec_clean (spec, &clean, NULL, error)
      || !check_unit (vault, clean.unit_id, error))
    return FALSE;

  texts_from_recommendation (&old, recommendation);
  texts_copy (&new, &old);
  texts_apply_spec (&new, &clean);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_change (vault, recommendation, &old, &new, LD_AUDIT_RECOMMENDATION_UPDATED, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_recommendation_repository_retire (LdVault     *vault,
                                     gint64       recommendation_id,
                                     const char  *reason,
                                     GError     **error)
{
  g_autoptr(LdRecommendation) recommendation = NULL;
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
  recommendation = load_recommendation (vault, recommendation_id, TRUE, error);
  if (recommendation == NULL)
    return FALSE;

  _ld_record_append_field (before, "reg_no", ld_recommendation_get_reg_no (recommendation));
  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "reg_no", ld_recommendation_get_reg_no (recommendation));
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE recommendations SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, recommendation_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, recommendation_id, ld_recommendation_get_reg_no (recommendation),
                         LD_AUDIT_RECOMMENDATION_RETIRED, before->str, after->str, "retired_reason", error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Lifecycle --------------------------------------------------------------------- */

static gboolean
insert_event (LdVault     *vault,
              gint64       recommendation_id,
              const char  *date,
              const char  *kind,
              const char  *note,
              GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "INSERT INTO recommendation_events (recommendation_id, event_date,"
                                                 " kind, note, account, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  bind_text (stmt, 2, date);
  bind_text (stmt, 3, kind);
  bind_text (stmt, 4, note);
  bind_text (stmt, 5, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 6, _ld_records_now ());
  return ld_sql_step_done (db, stmt, error);
}

/* The date of the latest move ("" before the first). */
static char *
last_move_date (LdVault  *vault,
                gint64    recommendation_id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT ifnull (max (event_date), '') FROM recommendation_events"
                                                 " WHERE recommendation_id = ? AND kind IN ('issued', 'delivered',"
                                                 " 'replied', 'rectifying', 'verified', 'closed', 'escalated')",
                                                 error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_strdup (ld_sql_column_text (stmt, 0));
}

/* The registration numbers of the ledger items still open (active, not
 * signed off, not "ongoing"), joined with "、"; "" when none. */
static char *
open_items (LdVault  *vault,
            gint64    recommendation_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT l.reg_no FROM ledger_items l WHERE l.recommendation_id = ?"
                                                 " AND " LD_LEDGER_OPEN_SQL " ORDER BY l.reg_no",
                                                 error);
  g_autoptr(GString) out = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s", out->len ? "、" : "", ld_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
add_days (const char *date,
          int         days)
{
  GDate start, due;

  _ld_ledger_parse_date (date, &start);
  ld_recommendation_reply_due (&start, days, &due);
  if (!g_date_valid (&due))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&due), g_date_get_month (&due), g_date_get_day (&due));
}

static const char *
move_event (LdRecommendationStatus status)
{
  switch (status)
    {
    case LD_RECOMMENDATION_ISSUED:
      return LD_AUDIT_RECOMMENDATION_ISSUED;
    case LD_RECOMMENDATION_DELIVERED:
      return LD_AUDIT_RECOMMENDATION_DELIVERED;
    case LD_RECOMMENDATION_REPLIED:
      return LD_AUDIT_RECOMMENDATION_REPLIED;
    case LD_RECOMMENDATION_RECTIFYING:
      return LD_AUDIT_RECOMMENDATION_RECTIFYING;
    case LD_RECOMMENDATION_VERIFIED:
      return LD_AUDIT_RECOMMENDATION_VERIFIED;
    case LD_RECOMMENDATION_CLOSED:
      return LD_AUDIT_RECOMMENDATION_CLOSED;
    case LD_RECOMMENDATION_ESCALATED:
      return LD_AUDIT_RECOMMENDATION_ESCALATED;
    case LD_RECOMMENDATION_DRAFT:
    case LD_N_RECOMMENDATION_STATUSES:
    default:
      return NULL;
    }
}

static gboolean
check_move (LdRecommendation        *recommendation,
            LdRecommendationStatus   to,
            GError                 **error)
{
  LdRecommendationStatus from = ld_recommendation_get_status (recommendation);
  g_autoptr(GString) allowed = g_string_new (NULL);

  if (ld_recommendation_can_move (from, to))
    return TRUE;
  for (LdRecommendationStatus s = 0; s < LD_N_RECOMMENDATION_STATUSES; s++)
    if (ld_recommendation_can_move (from, s))
      g_string_append_printf (allowed, "%s%s", allowed->len ? "、" : "", ld_recommendation_status_get_label (s));
  if (allowed->len == 0)
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                 _("Recommendation %s is “%s”, which is final: it cannot move to “%s”."),
                 ld_recommendation_get_reg_no (recommendation), ld_recommendation_status_get_label (from),
                 ld_recommendation_status_get_label (to));
  else
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                 _("A recommendation cannot move from “%s” to “%s”. From “%s” it can move to: %s."),
                 ld_recommendation_status_get_label (from), ld_recommendation_status_get_label (to),
                 ld_recommendation_status_get_label (from), allowed->str);
  return FALSE;
}

gboolean
ld_recommendation_repository_move (LdVault                 *vault,
                                   gint64                   recommendation_id,
                                   LdRecommendationStatus   status,
                                   const char              *date,
                                   const char              *note,
                                   const char              *reply,
                                   const char              *due,
                                   GError                 **error)
{
  g_autoptr(LdRecommendation) recommendation = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *clean_reply = NULL;
  g_autofree char *clean_due = NULL;
  g_autofree char *last = NULL;
  g_auto(RecTexts) old = { 0 };
  g_auto(RecTexts) new = { 0 };
  const char *event = move_event (status);

  if (event == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Unknown move. Choose issue, deliver, reply, rectify, verify, close or escalate."));
      return FALSE;
    }
  /* Issuing is the leader's decision; the rest is the investigators' work. */
  if (!ld_vault_check (vault, status == LD_RECOMMENDATION_ISSUED ? LD_ACTION_RECORD_APPROVE : LD_ACTION_RECORD_WRITE,
                       error))
    return FALSE;
  clean_date = _ld_ledger_clean_past_date (date, _("The date"), error);
  if (clean_date == NULL)
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The note"), MAX_LONG_TEXT, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  if (status == LD_RECOMMENDATION_REPLIED)
    {
      /* Translators: the unit's reply (回复) to the recommendation */
      clean_reply = _ld_records_clean_long_text (reply, _("The reply"), MAX_LONG_TEXT, TRUE, error);
      if (clean_reply == NULL)
        return FALSE;
    }
  if (status == LD_RECOMMENDATION_ISSUED || status == LD_RECOMMENDATION_DELIVERED)
    {
      clean_due = _ld_ledger_clean_date (due, _("The reply due date"), FALSE, error);
      if (clean_due == NULL)
        return FALSE;
      if (*clean_due != '\0' && strcmp (clean_due, clean_date) < 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The reply due date %s is before %s. Check both dates."), clean_due, clean_date);
          return FALSE;
        }
    }
  recommendation = load_recommendation (vault, recommendation_id, TRUE, error);
  if (recommendation == NULL || !check_move (recommendation, status, error))
    return FALSE;
  last = last_move_date (vault, recommendation_id, error);
  if (last == NULL)
    return FALSE;
  if (strcmp (clean_date, last) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The date %s is before the last step of the recommendation on %s. Check the date."),
                   clean_date, last);
      return FALSE;
    }
  if (status == LD_RECOMMENDATION_CLOSED)
    {
      g_autofree char *open = open_items (vault, recommendation_id, error);

      if (open == NULL)
        return FALSE;
      if (*open != '\0')
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       /* Translators: %s are a registration number and a list of ledger item numbers. */
                       _("Recommendation %s cannot be closed: its ledger items %s are still open. Sign them off "
                         "(or mark long-term work as ongoing) first."),
                       ld_recommendation_get_reg_no (recommendation), open);
          return FALSE;
        }
    }

  texts_from_recommendation (&old, recommendation);
  texts_copy (&new, &old);
  texts_set (&new, C_STATUS, ld_recommendation_status_to_string (status));
  switch (status)
    {
    case LD_RECOMMENDATION_ISSUED:
      texts_set (&new, C_ISSUED, clean_date);
      if (*clean_due != '\0')
        texts_set (&new, C_REPLY_DUE, clean_due);
      else
        texts_take (&new, C_REPLY_DUE, add_days (clean_date, LD_RECOMMENDATION_REPLY_DAYS));
      break;
    case LD_RECOMMENDATION_DELIVERED:
      texts_set (&new, C_DELIVERED, clean_date);
      if (*clean_due != '\0')
        texts_set (&new, C_REPLY_DUE, clean_due);
      else
        {
          /* The default term runs from delivery; a term set on issue stays. */
          g_autofree char *issue_default = add_days (ld_recommendation_get_issued_date (recommendation),
                                                     LD_RECOMMENDATION_REPLY_DAYS);

          if (*old.v[C_REPLY_DUE] == '\0' || g_str_equal (old.v[C_REPLY_DUE], issue_default))
            texts_take (&new, C_REPLY_DUE, add_days (clean_date, LD_RECOMMENDATION_REPLY_DAYS));
        }
      break;
    case LD_RECOMMENDATION_REPLIED:
      texts_set (&new, C_REPLIED, clean_date);
      texts_set (&new, C_REPLY, clean_reply);
      break;
    case LD_RECOMMENDATION_VERIFIED:
      texts_set (&new, C_VERIFIED, clean_date);
      break;
    case LD_RECOMMENDATION_CLOSED:
      texts_set (&new, C_CLOSED, clean_date);
      break;
    case LD_RECOMMENDATION_RECTIFYING:
    case LD_RECOMMENDATION_ESCALATED:
    case LD_RECOMMENDATION_DRAFT:
    case LD_N_RECOMMENDATION_STATUSES:
    default:
      break;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!insert_event (vault, recommendation_id, clean_date, ld_recommendation_status_to_string (status), clean_note,
                     error)
      || !apply_change (vault, recommendation, &old, &new, event, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_recommendation_repository_add_event (LdVault     *vault,
                                        gint64       recommendation_id,
                                        const char  *kind,
                                        const char  *date,
                                        const char  *note,
                                        const char  *next_visit,
                                        GError     **error)
{
  g_autoptr(LdRecommendation) recommendation = NULL;
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *clean_next = NULL;
  g_autofree char *line = NULL;
  g_auto(RecTexts) old = { 0 };
  g_auto(RecTexts) new = { 0 };

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (kind == NULL || !g_strv_contains (follow_up_kinds, kind))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a follow-up of a recommendation. Choose revisit, lookback, onsite or note."),
                   kind != NULL ? kind : "");
      return FALSE;
    }
  clean_date = _ld_ledger_clean_past_date (date, _("The date"), error);
  if (clean_date == NULL)
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The note"), MAX_LONG_TEXT, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  if (next_visit != NULL)
    {
      /* Translators: 下次回访 */
      clean_next = _ld_ledger_clean_date (next_visit, _("The next return visit"), FALSE, error);
      if (clean_next == NULL)
        return FALSE;
      if (*clean_next != '\0' && strcmp (clean_next, clean_date) < 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The next return visit %s is before %s. Check both dates."), clean_next, clean_date);
          return FALSE;
        }
    }
  recommendation = load_recommendation (vault, recommendation_id, TRUE, error);
  if (recommendation == NULL)
    return FALSE;
  if (ld_recommendation_get_status (recommendation) == LD_RECOMMENDATION_DRAFT)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is still a draft: there is nothing to follow up. Issue it first."),
                   ld_recommendation_get_reg_no (recommendation));
      return FALSE;
    }

  texts_from_recommendation (&old, recommendation);
  texts_copy (&new, &old);
  if (clean_next != NULL)
    texts_set (&new, C_NEXT_VISIT, clean_next);
  line = *clean_note != '\0' ? g_strdup_printf ("%s %s %s", kind, clean_date, clean_note)
                             : g_strdup_printf ("%s %s", kind, clean_date);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!insert_event (vault, recommendation_id, clean_date, kind, clean_note, error)
      || !apply_change (vault, recommendation, &old, &new, LD_AUDIT_RECOMMENDATION_EVENT, "event", line, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

GPtrArray *
ld_recommendation_repository_list_events (LdVault  *vault,
                                          gint64    recommendation_id,
                                          GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_recommendation_event_free);
  g_autoptr(LdRecommendation) recommendation = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  recommendation = load_recommendation (vault, recommendation_id, FALSE, error);
  if (recommendation == NULL)
    return NULL;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT id, recommendation_id, event_date, kind, note, account, created_at"
                         " FROM recommendation_events WHERE recommendation_id = ? ORDER BY event_date, id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdRecommendationEvent *e = g_new0 (LdRecommendationEvent, 1);
      const char *label;

      e->id = sqlite3_column_int64 (stmt, 0);
      e->recommendation_id = sqlite3_column_int64 (stmt, 1);
      e->event_date = g_strdup (ld_sql_column_text (stmt, 2));
      e->kind = g_strdup (ld_sql_column_text (stmt, 3));
      label = ld_recommendation_event_get_label (e->kind);
      e->kind_label = g_strdup (label != NULL ? label : e->kind);
      e->note = g_strdup (ld_sql_column_text (stmt, 4));
      e->account = g_strdup (ld_sql_column_text (stmt, 5));
      e->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
ld_recommendation_repository_spawn_ledger_items (LdVault    *vault,
                                                 gint64      recommendation_id,
                                                 GPtrArray  *specs,
                                                 GArray    **out_ids,
                                                 GError    **error)
{
  g_autoptr(LdRecommendation) recommendation = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) reg_nos = g_string_new (NULL);
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (specs == NULL || specs->len == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Give at least one problem to register as a ledger item."));
      return FALSE;
    }
  recommendation = load_recommendation (vault, recommendation_id, TRUE, error);
  if (recommendation == NULL || !refuse_closed (recommendation, error))
    return FALSE;
  if (ld_recommendation_get_status (recommendation) == LD_RECOMMENDATION_DRAFT)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Recommendation %s is still a draft. Issue it before registering ledger items for it."),
                   ld_recommendation_get_reg_no (recommendation));
      return FALSE;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  for (guint i = 0; i < specs->len; i++)
    {
      const LdLedgerItemSpec *given = g_ptr_array_index (specs, i);
      g_auto(LdLedgerItemSpec) spec = { 0 };
      g_autofree char *reg_no = NULL;
      gint64 id = 0;

      spec.unit_id = given->unit_id > 0 ? given->unit_id : ld_recommendation_get_unit_id (recommendation);
      spec.source = g_strdup ("recommendation");
      spec.source_ref = g_strdup (given->source_ref != NULL && *given->source_ref != '\0'
                                  ? given->source_ref : ld_recommendation_get_doc_no (recommendation));
      spec.recommendation_id = recommendation_id;
      spec.problem = g_strdup (given->problem);
      spec.measures = g_strdup (given->measures);
      spec.standard = g_strdup (given->standard);
      spec.leader = g_strdup (given->leader);
      spec.person = g_strdup (given->person);
      spec.deadline = g_strdup (given->deadline);
      spec.note = g_strdup (given->note);
      if (!_ld_ledger_insert_in_tx (vault, &spec, LD_AUDIT_LEDGER_CREATED, &id, &reg_no, error))
        {
          if (specs->len > 1)
            g_prefix_error (error, _("Item %u: "), i + 1);
          return fail (vault);
        }
      g_array_append_val (ids, id);
      g_string_append_printf (reg_nos, "%s%s", reg_nos->len ? "," : "", reg_no);
    }

  {
    g_autoptr(GString) after = g_string_new (NULL);

    _ld_record_append_field (after, "reg_no", ld_recommendation_get_reg_no (recommendation));
    _ld_record_append_field (after, "ledger_items", reg_nos->str);
    if (!_ld_record_add_version (vault, LD_RECORD_TYPE_RECOMMENDATION, recommendation_id,
                                 LD_AUDIT_RECOMMENDATION_SPAWNED, "", after->str, error))
      return fail (vault);
  }
  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, recommendation_id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "; items=%u",
                             ld_recommendation_get_reg_no (recommendation),
                             _ld_record_last_version (vault, LD_RECORD_TYPE_RECOMMENDATION, recommendation_id),
                             ids->len);
  if (!ld_audit_append (vault, LD_AUDIT_RECOMMENDATION_SPAWNED, LD_RECORD_TYPE_RECOMMENDATION, object_id,
                        LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_ids != NULL)
    *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* --- Reads ------------------------------------------------------------------------- */

LdRecommendation *
ld_recommendation_repository_get (LdVault   *vault,
                                  gint64     recommendation_id,
                                  GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_recommendation (vault, recommendation_id, FALSE, error);
}

void
ld_recommendation_filter_init (LdRecommendationFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->with_subunits = TRUE;
}

#define FILTER_CTE \
  ", sub_units(id) AS (SELECT ?2 UNION SELECT c.id FROM units c JOIN sub_units p ON c.parent_id = p.id) "
#define REPLY_OVERDUE_SQL \
  "(r.retired_at IS NULL AND r.status IN ('issued', 'delivered') AND r.reply_due <> '' AND r.reply_due < ?5)"
#define FILTER_WHERE \
  " WHERE r.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR r.unit_id = ?2 OR (?3 AND r.unit_id IN (SELECT id FROM sub_units)))" \
  " AND (?4 IS NULL OR (?4 = 'reply-overdue' AND " REPLY_OVERDUE_SQL ") OR r.status = ?4)" \
  " AND (?6 IS NULL OR r.kind = ?6)" \
  " AND (?7 IS NULL OR r.reg_no LIKE ?7 ESCAPE '\\' OR r.doc_no LIKE ?7 ESCAPE '\\'" \
  "      OR r.title LIKE ?7 ESCAPE '\\' OR r.problem LIKE ?7 ESCAPE '\\' OR r.basis LIKE ?7 ESCAPE '\\'" \
  "      OR r.content LIKE ?7 ESCAPE '\\' OR r.reply LIKE ?7 ESCAPE '\\')" \
  " AND (?8 OR r.retired_at IS NULL)"

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

static gboolean
bind_filter (sqlite3_stmt                  *stmt,
             const LdRecommendationFilter  *filter,
             GError                       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *as_of = NULL;
  const char *status = NULL;
  const char *kind = NULL;

  if (filter->status != NULL && *filter->status != '\0')
    {
      if (g_str_equal (filter->status, "reply-overdue"))
        status = "reply-overdue";
      else
        {
          LdRecommendationStatus s = ld_recommendation_status_from_string (filter->status);

          if (s >= LD_N_RECOMMENDATION_STATUSES)
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           _("“%s” is not a status of recommendations. Choose draft, issued, delivered, replied, "
                             "rectifying, verified, closed, escalated or reply-overdue."),
                           filter->status);
              return FALSE;
            }
          status = ld_recommendation_status_to_string (s);
        }
    }
  if (filter->kind != NULL && *filter->kind != '\0')
    {
      if (ld_recommendation_kind_get_label (filter->kind) == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a kind of recommendation. Choose discipline, supervision or joint."),
                       filter->kind);
          return FALSE;
        }
      kind = filter->kind;
    }
  if (filter->text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (filter->text));

      if (*clean != '\0')
        text = like_pattern (clean);
    }
  if (filter->as_of != NULL && g_date_valid (filter->as_of))
    as_of = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (filter->as_of), g_date_get_month (filter->as_of),
                             g_date_get_day (filter->as_of));
  else
    as_of = _ld_records_today_text ();

  sqlite3_bind_int64 (stmt, 2, MAX (filter->unit_id, 0));
  sqlite3_bind_int (stmt, 3, filter->with_subunits ? 1 : 0);
  _ld_records_bind_optional_text (stmt, 4, status);
  sqlite3_bind_text (stmt, 5, as_of, -1, SQLITE_TRANSIENT);
  _ld_records_bind_optional_text (stmt, 6, kind);
  _ld_records_bind_optional_text (stmt, 7, text);
  sqlite3_bind_int (stmt, 8, filter->include_retired ? 1 : 0);
  return TRUE;
}

GPtrArray *
ld_recommendation_repository_list (LdVault                       *vault,
                                   const LdRecommendationFilter  *filter,
                                   GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdRecommendationFilter all;

  if (filter == NULL)
    {
      ld_recommendation_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " LD_RECOMMENDATION_COLUMNS LD_RECOMMENDATION_FROM FILTER_WHERE
                            " ORDER BY r.created_at DESC, r.id DESC LIMIT ?9 OFFSET ?10",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  return _ld_records_list_page (vault, stmt, 9, filter->limit, filter->offset,
                                (LdRecordsRowFunc) _ld_recommendation_new_from_row, error);
}

gboolean
ld_recommendation_repository_count (LdVault                       *vault,
                                    const LdRecommendationFilter  *filter,
                                    guint                         *out_count,
                                    GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdRecommendationFilter all;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter == NULL)
    {
      ld_recommendation_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM recommendations r" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  return _ld_records_step_count (vault, stmt, out_count, error);
}

GPtrArray *
ld_recommendation_repository_versions (LdVault   *vault,
                                       gint64     recommendation_id,
                                       GError   **error)
{
  g_autoptr(LdRecommendation) recommendation = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  recommendation = load_recommendation (vault, recommendation_id, FALSE, error);
  if (recommendation == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_RECOMMENDATION, recommendation_id, error);
}
