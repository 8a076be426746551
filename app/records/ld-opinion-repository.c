/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "exchange/ld-roster-parser.h"
#include "exchange/ld-table-reader.h"
#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-file-entry-private.h"
#include "records/ld-opinion-private.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-id-number.h"
#include "rules/ld-measure-tables.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MAX_REASON 2000
#define PERMANENT  "9999-12-31"
/* Rows searched for the header of an organisation department's list. */
#define HEADER_ROWS 10

/* --- Small helpers ---------------------------------------------------------------- */

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static char *
date_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return _ld_records_today_text ();
  return g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (date), (int) g_date_get_month (date),
                          (int) g_date_get_day (date));
}

/* "YYYY-MM-DD" → GDate (invalid when not a date). */
static GDate
parse_date (const char *text)
{
  GDate date;
  guint y, m, d;

  g_date_clear (&date, 1);
  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return date;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return date;
}

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

static void
set_request_not_found (GError **error,
                       gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no opinion request number %lld in your scope. Check the number with “opinion request list”."),
               (long long) id);
}

static void
set_item_not_found (GError **error,
                    gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no opinion item number %lld in your scope. Check the number with “opinion request show”."),
               (long long) id);
}

static gboolean
step_error (LdVault  *vault,
            int       rc,
            GError  **error)
{
  ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
  return FALSE;
}

/* --- Reading rows ------------------------------------------------------------------ */

#define REQUEST_COLUMNS \
  "r.id, r.reg_no, r.unit_id, u.name, r.requester, r.request_date, r.purpose, r.due_date, r.doc_no, r.note," \
  " r.status, r.replied_date," \
  " (SELECT count(*) FROM opinion_items i WHERE i.request_id = r.id)," \
  " (SELECT count(*) FROM opinion_items i WHERE i.request_id = r.id AND i.proposal <> '')," \
  " (SELECT count(*) FROM opinion_items i WHERE i.request_id = r.id AND i.decision <> '')," \
  " (SELECT count(*) FROM opinion_items i WHERE i.request_id = r.id AND i.approved_by <> '')," \
  " (SELECT group_concat (n, '、') FROM (SELECT c.name AS n FROM opinion_items i JOIN cadres c" \
  "   ON c.id = i.cadre_id WHERE i.request_id = r.id ORDER BY i.id))," \
  " r.account, ifnull (r.retired_at, 0), r.retired_reason, r.created_at, r.updated_at"

#define REQUEST_FROM " FROM opinion_requests r JOIN units u ON u.id = r.unit_id"

static LdOpinionRequest *
read_request (sqlite3_stmt *stmt)
{
  LdOpinionRequest *r = _ld_opinion_request_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  _ld_opinion_set_text (&r->reg_no, ld_sql_column_text (stmt, 1));
  r->unit_id = sqlite3_column_int64 (stmt, 2);
  _ld_opinion_set_text (&r->unit_name, ld_sql_column_text (stmt, 3));
  _ld_opinion_set_text (&r->requester, ld_sql_column_text (stmt, 4));
  _ld_opinion_set_text (&r->request_date, ld_sql_column_text (stmt, 5));
  _ld_opinion_set_text (&r->purpose, ld_sql_column_text (stmt, 6));
  _ld_opinion_set_text (&r->due_date, ld_sql_column_text (stmt, 7));
  _ld_opinion_set_text (&r->doc_no, ld_sql_column_text (stmt, 8));
  _ld_opinion_set_text (&r->note, ld_sql_column_text (stmt, 9));
  _ld_opinion_set_text (&r->status, ld_sql_column_text (stmt, 10));
  _ld_opinion_set_text (&r->replied_date, ld_sql_column_text (stmt, 11));
  r->n_items = (guint) sqlite3_column_int64 (stmt, 12);
  r->n_checked = (guint) sqlite3_column_int64 (stmt, 13);
  r->n_decided = (guint) sqlite3_column_int64 (stmt, 14);
  r->n_approved = (guint) sqlite3_column_int64 (stmt, 15);
  _ld_opinion_set_text (&r->cadre_names, ld_sql_column_text (stmt, 16));
  _ld_opinion_set_text (&r->account, ld_sql_column_text (stmt, 17));
  r->retired_at = sqlite3_column_int64 (stmt, 18);
  _ld_opinion_set_text (&r->retired_reason, ld_sql_column_text (stmt, 19));
  r->created_at = sqlite3_column_int64 (stmt, 20);
  r->updated_at = sqlite3_column_int64 (stmt, 21);
  return r;
}

#define ITEM_COLUMNS \
  "i.id, i.request_id, r.reg_no, i.cadre_id, c.name, c.id_number, cu.name, c.post, i.checked_date," \
  " i.proposal, i.reasons, i.decision, i.change_reason, i.reply_text, i.confirmed_by, i.approved_by," \
  " i.approved_date, i.valid_until, i.account, i.created_at, i.updated_at"

#define ITEM_FROM \
  " FROM opinion_items i JOIN opinion_requests r ON r.id = i.request_id" \
  " JOIN cadres c ON c.id = i.cadre_id JOIN units cu ON cu.id = c.unit_id"

static LdOpinionItem *
read_item (sqlite3_stmt *stmt)
{
  LdOpinionItem *i = _ld_opinion_item_new ();

  i->id = sqlite3_column_int64 (stmt, 0);
  i->request_id = sqlite3_column_int64 (stmt, 1);
  _ld_opinion_set_text (&i->request_reg_no, ld_sql_column_text (stmt, 2));
  i->cadre_id = sqlite3_column_int64 (stmt, 3);
  _ld_opinion_set_text (&i->cadre_name, ld_sql_column_text (stmt, 4));
  _ld_opinion_set_text (&i->cadre_id_number, ld_sql_column_text (stmt, 5));
  _ld_opinion_set_text (&i->cadre_unit_name, ld_sql_column_text (stmt, 6));
  _ld_opinion_set_text (&i->cadre_post, ld_sql_column_text (stmt, 7));
  _ld_opinion_set_text (&i->checked_date, ld_sql_column_text (stmt, 8));
  _ld_opinion_set_text (&i->proposal, ld_sql_column_text (stmt, 9));
  _ld_opinion_item_set_reasons (i, ld_sql_column_text (stmt, 10));
  _ld_opinion_set_text (&i->decision, ld_sql_column_text (stmt, 11));
  _ld_opinion_set_text (&i->change_reason, ld_sql_column_text (stmt, 12));
  _ld_opinion_set_text (&i->reply_text, ld_sql_column_text (stmt, 13));
  _ld_opinion_set_text (&i->confirmed_by, ld_sql_column_text (stmt, 14));
  _ld_opinion_set_text (&i->approved_by, ld_sql_column_text (stmt, 15));
  _ld_opinion_set_text (&i->approved_date, ld_sql_column_text (stmt, 16));
  _ld_opinion_set_text (&i->valid_until, ld_sql_column_text (stmt, 17));
  _ld_opinion_set_text (&i->account, ld_sql_column_text (stmt, 18));
  i->created_at = sqlite3_column_int64 (stmt, 19);
  i->updated_at = sqlite3_column_int64 (stmt, 20);
  return i;
}

/* The request if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is not retired. */
static LdOpinionRequest *
load_request (LdVault   *vault,
              gint64     request_id,
              gboolean   writable,
              GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " REQUEST_COLUMNS REQUEST_FROM
                                                             " WHERE r.id = ?2"
                                                             " AND r.unit_id IN (SELECT id FROM visible_units)",
                                                             request_id, &found, error);
  g_autoptr(LdOpinionRequest) request = NULL;

  if (stmt == NULL)
    {
      if (!found)
        set_request_not_found (error, request_id);
      return NULL;
    }
  request = read_request (stmt);
  if (writable && request->retired_at != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Opinion request %s is retired and cannot be changed. Register a new request instead."),
                   request->reg_no);
      return NULL;
    }
  return g_steal_pointer (&request);
}

static LdOpinionItem *
load_item (LdVault   *vault,
           gint64     item_id,
           GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " ITEM_COLUMNS ITEM_FROM
                                                             " WHERE i.id = ?2"
                                                             " AND r.unit_id IN (SELECT id FROM visible_units)",
                                                             item_id, &found, error);

  if (stmt == NULL)
    {
      if (!found)
        set_item_not_found (error, item_id);
      return NULL;
    }
  return read_item (stmt);
}

/* The item and its request (not retired), for a change; refuses an
 * approved item. */
static gboolean
load_item_for_change (LdVault            *vault,
                      gint64              item_id,
                      LdOpinionItem     **out_item,
                      LdOpinionRequest  **out_request,
                      GError            **error)
{
  g_autoptr(LdOpinionItem) item = load_item (vault, item_id, error);
  g_autoptr(LdOpinionRequest) request = NULL;

  if (item == NULL)
    return FALSE;
  request = load_request (vault, item->request_id, TRUE, error);
  if (request == NULL)
    return FALSE;
  if (*item->approved_by != '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The reply for %s was approved on %s and is final. Register a new request for a fresh check."),
                   item->cadre_name, item->approved_date);
      return FALSE;
    }
  *out_item = g_steal_pointer (&item);
  *out_request = g_steal_pointer (&request);
  return TRUE;
}

/* --- Versions and audit ------------------------------------------------------------ */

static gint64
last_version (LdVault *vault,
              gint64   request_id)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT ifnull (max (seq), 0) FROM record_versions"
                                                 " WHERE record_type = ? AND record_id = ?",
                                                 NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, LD_RECORD_TYPE_OPINION, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, request_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* Version and audit entry of one change, in the caller's transaction. The
 * audit names the request, its registration number, the version and the
 * changed fields (and EXTRA), never their contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       request_id,
               const char  *reg_no,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *changed,
               const char  *extra,
               GError     **error)
{
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_OPINION, request_id, event, before, after, error))
    return FALSE;
  object_id = int_text (request_id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "%s%s%s%s", reg_no,
                             last_version (vault, request_id),
                             changed && *changed ? "; fields=" : "", changed && *changed ? changed : "",
                             extra && *extra ? "; " : "", extra && *extra ? extra : "");
  return ld_audit_append (vault, event, "opinion", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* Appends "item.<cadre>.<key>" to before/after/changed when the values differ. */
static void
diff_item_field (GString     *before,
                 GString     *after,
                 GString     *changed,
                 gint64       cadre_id,
                 const char  *key,
                 const char  *old_value,
                 const char  *new_value)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (old_value ? old_value : "", new_value ? new_value : "") == 0)
    return;
  name = g_strdup_printf ("item.%" G_GINT64_FORMAT ".%s", cadre_id, key);
  _ld_record_append_field (before, name, old_value);
  _ld_record_append_field (after, name, new_value);
  g_string_append_printf (changed, "%s%s", changed->len ? "," : "", key);
}

/* The cadre numbers of a request, in the order added, joined with ",". */
static char *
request_cadre_list (LdVault  *vault,
                    gint64    request_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT cadre_id FROM opinion_items WHERE request_id = ?"
                                                 " ORDER BY id",
                                                 error);
  GString *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request_id);
  out = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      g_string_free (out, TRUE);
      step_error (vault, rc, error);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* --- Cadres of a request ----------------------------------------------------------- */

/* The CTE of a unit's subtree (?3 = the unit). */
#define SUBTREE_CTE \
  ", request_units(id) AS (SELECT ?3 UNION SELECT c.id FROM units c JOIN request_units p ON c.parent_id = p.id) "

/* Checks that each cadre is active, in the session's scopes and in UNIT_ID's
 * subtree (0 = any unit in scope). */
static gboolean
check_cadres (LdVault       *vault,
              gint64         unit_id,
              const gint64  *ids,
              guint          n,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _ld_scope_prepare (vault,
                            SUBTREE_CTE
                            "SELECT c.retired_at IS NOT NULL, c.name, ?3 = 0 OR c.unit_id IN (SELECT id FROM request_units)"
                            " FROM cadres c WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      sqlite3_bind_int64 (stmt, 3, unit_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          _ld_records_set_cadre_not_found (error, ids[i]);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return step_error (vault, rc, error);
      if (sqlite3_column_int (stmt, 0))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The file of %s is retired: no integrity opinion can be asked for this person."),
                       ld_sql_column_text (stmt, 1));
          return FALSE;
        }
      if (!sqlite3_column_int (stmt, 2))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%s is not in the request's unit or its sub-units. Register the request for a unit "
                         "that holds every cadre asked about."),
                       ld_sql_column_text (stmt, 1));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
cadre_unit (LdVault  *vault,
            gint64    cadre_id,
            gint64   *out_unit,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT c.unit_id FROM cadres c WHERE c.id = ?2"
                                                    " AND c.unit_id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _ld_records_set_cadre_not_found (error, cadre_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return step_error (vault, rc, error);
  *out_unit = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
insert_items (LdVault       *vault,
              gint64         request_id,
              const gint64  *ids,
              guint          n,
              guint         *out_added,
              GError       **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "INSERT OR IGNORE INTO opinion_items (request_id, cadre_id, account,"
                                                 " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                                                 error);
  gint64 now = _ld_records_now ();
  guint added = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, request_id);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      bind_text (stmt, 3, ld_vault_get_session (vault)->name);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!ld_sql_step_done (db, stmt, error))
        return FALSE;
      added += (guint) sqlite3_changes (db);
    }
  if (out_added != NULL)
    *out_added = added;
  return TRUE;
}

/* --- Requests ------------------------------------------------------------------------ */

static void
append_request_fields (GString                    *out,
                       const LdOpinionRequestSpec *spec,
                       gint64                      unit_id)
{
  g_autofree char *unit = int_text (unit_id);

  _ld_record_append_field (out, "unit_id", unit);
  _ld_record_append_field (out, "requester", spec->requester);
  _ld_record_append_field (out, "request_date", spec->request_date);
  _ld_record_append_field (out, "purpose", spec->purpose);
  _ld_record_append_field (out, "due_date", spec->due_date);
  _ld_record_append_field (out, "doc_no", spec->doc_no);
  _ld_record_append_field (out, "note", spec->note);
}

gboolean
ld_opinion_repository_create_request (LdVault                    *vault,
                                      const LdOpinionRequestSpec *spec,
                                      gint64                     *out_id,
                                      char                      **out_reg_no,
                                      GError                    **error)
{
  g_auto(LdOpinionRequestSpec) clean = { 0 };
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reg_no = NULL;
  g_autofree char *cadres = NULL;
  g_autofree char *extra = NULL;
  sqlite3 *db;
  gint64 unit_id, id, now = _ld_records_now ();

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_opinion_request_spec_clean (spec, &clean, NULL, error))
    return FALSE;
  unit_id = clean.unit_id;
  if (unit_id == 0)
    {
      if (clean.cadre_ids->len == 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("Give the unit of the request, or at least one cadre whose unit it takes."));
          return FALSE;
        }
      if (!cadre_unit (vault, g_array_index (clean.cadre_ids, gint64, 0), &unit_id, error))
        return FALSE;
    }
  else
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
    }
  if (!check_cadres (vault, unit_id, (const gint64 *) (gpointer) clean.cadre_ids->data, clean.cadre_ids->len,
                     error))
    return FALSE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  reg_no = _ld_record_next_reg_no (vault, LD_RECORD_TYPE_OPINION, (int) g_ascii_strtoll (clean.request_date, NULL, 10),
                                   "Y", error);
  if (reg_no == NULL)
    return fail (vault);
  stmt = ld_sql_prepare (db,
                         "INSERT INTO opinion_requests (reg_no, unit_id, requester, request_date, purpose, due_date,"
                         " doc_no, note, account, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  bind_text (stmt, 1, reg_no);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  bind_text (stmt, 3, clean.requester);
  bind_text (stmt, 4, clean.request_date);
  bind_text (stmt, 5, clean.purpose);
  bind_text (stmt, 6, clean.due_date);
  bind_text (stmt, 7, clean.doc_no);
  bind_text (stmt, 8, clean.note);
  bind_text (stmt, 9, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  id = sqlite3_last_insert_rowid (db);
  if (!insert_items (vault, id, (const gint64 *) (gpointer) clean.cadre_ids->data, clean.cadre_ids->len, NULL,
                     error))
    return fail (vault);

  cadres = request_cadre_list (vault, id, error);
  if (cadres == NULL)
    return fail (vault);
  _ld_record_append_field (after, "reg_no", reg_no);
  append_request_fields (after, &clean, unit_id);
  _ld_record_append_field (after, "cadres", cadres);
  extra = g_strdup_printf ("cadres=%u", clean.cadre_ids->len);
  if (!record_change (vault, id, reg_no, LD_AUDIT_OPINION_REQUEST, "", after->str, NULL, extra, error))
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
ld_opinion_repository_update_request (LdVault                    *vault,
                                      gint64                      request_id,
                                      const LdOpinionRequestSpec *spec,
                                      GError                    **error)
{
  g_auto(LdOpinionRequestSpec) clean = { 0 };
  g_auto(LdOpinionRequestSpec) old = { 0 };
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) old_lines = NULL;
  g_auto(GStrv) new_lines = NULL;
  sqlite3 *db;
  gint64 unit_id;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL || !_ld_opinion_request_spec_clean (spec, &clean, NULL, error))
    return FALSE;
  unit_id = clean.unit_id != 0 ? clean.unit_id : request->unit_id;
  if (unit_id != request->unit_id)
    {
      gboolean visible = FALSE;
      g_autoptr(sqlite3_stmt) ids = NULL;
      g_autoptr(GArray) cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc;

      if (!_ld_scope_unit_visible (vault, unit_id, &visible, error))
        return FALSE;
      if (!visible)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no unit number %lld in your scope. Check the number with “unit list”."),
                       (long long) unit_id);
          return FALSE;
        }
      ids = ld_sql_prepare (_ld_vault_get_db (vault), "SELECT cadre_id FROM opinion_items WHERE request_id = ?",
                            error);
      if (ids == NULL)
        return FALSE;
      sqlite3_bind_int64 (ids, 1, request_id);
      while ((rc = sqlite3_step (ids)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (ids, 0);

          g_array_append_val (cadre_ids, id);
        }
      if (rc != SQLITE_DONE)
        return step_error (vault, rc, error);
      if (!check_cadres (vault, unit_id, (const gint64 *) (gpointer) cadre_ids->data, cadre_ids->len, error))
        return FALSE;
    }

  ld_opinion_request_spec_init_from_request (&old, request);
  append_request_fields (old_text, &old, request->unit_id);
  append_request_fields (new_text, &clean, unit_id);
  old_lines = g_strsplit (old_text->str, "\n", -1);
  new_lines = g_strsplit (new_text->str, "\n", -1);
  for (guint i = 0; old_lines[i] != NULL && new_lines[i] != NULL; i++)
    if (!g_str_equal (old_lines[i], new_lines[i]))
      {
        const char *eq = strchr (new_lines[i], '=');

        g_string_append_printf (before, "%s\n", old_lines[i]);
        g_string_append_printf (after, "%s\n", new_lines[i]);
        if (eq != NULL)
          g_string_append_printf (changed, "%s%.*s", changed->len ? "," : "", (int) (eq - new_lines[i]),
                                  new_lines[i]);
      }
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE opinion_requests SET unit_id = ?1, requester = ?2, request_date = ?3, purpose = ?4,"
                         " due_date = ?5, doc_no = ?6, note = ?7, updated_at = ?8 WHERE id = ?9",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, clean.requester);
  bind_text (stmt, 3, clean.request_date);
  bind_text (stmt, 4, clean.purpose);
  bind_text (stmt, 5, clean.due_date);
  bind_text (stmt, 6, clean.doc_no);
  bind_text (stmt, 7, clean.note);
  sqlite3_bind_int64 (stmt, 8, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 9, request_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, request_id, request->reg_no, LD_AUDIT_OPINION_REQUEST, before->str, after->str,
                         changed->str, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_opinion_repository_retire_request (LdVault     *vault,
                                      gint64       request_id,
                                      const char  *reason,
                                      GError     **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
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
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL)
    return FALSE;

  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE opinion_requests SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  bind_text (stmt, 2, clean_reason);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, request_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, request_id, request->reg_no, LD_AUDIT_OPINION_REQUEST, before->str, after->str,
                         "retired_reason", "retired", error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* Sets the request's status from its items ("replied" on DATE once every
 * item is approved, else "open"), in the caller's transaction. Appends the
 * change to before/after. */
static gboolean
update_request_status (LdVault           *vault,
                       LdOpinionRequest  *request,
                       const char        *date,
                       GString           *before,
                       GString           *after,
                       GString           *changed,
                       GError           **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) count = ld_sql_prepare (db,
                                                  "SELECT count(*), sum (approved_by <> '') FROM opinion_items"
                                                  " WHERE request_id = ?",
                                                  error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *status;
  const char *replied;
  gint64 n, approved;
  int rc;

  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, request->id);
  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    return step_error (vault, rc, error);
  n = sqlite3_column_int64 (count, 0);
  approved = sqlite3_column_int64 (count, 1);
  if (n > 0 && approved == n)
    {
      status = LD_OPINION_REQUEST_REPLIED;
      replied = g_str_equal (request->status, LD_OPINION_REQUEST_REPLIED) ? request->replied_date : date;
    }
  else
    {
      status = LD_OPINION_REQUEST_OPEN;
      replied = "";
    }
  if (g_str_equal (status, request->status) && g_str_equal (replied, request->replied_date))
    return TRUE;

  stmt = ld_sql_prepare (db, "UPDATE opinion_requests SET status = ?, replied_date = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, status);
  bind_text (stmt, 2, replied);
  sqlite3_bind_int64 (stmt, 3, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 4, request->id);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  _ld_record_append_field (before, "status", request->status);
  _ld_record_append_field (after, "status", status);
  _ld_record_append_field (before, "replied_date", request->replied_date);
  _ld_record_append_field (after, "replied_date", replied);
  g_string_append_printf (changed, "%sstatus", changed->len ? "," : "");
  return TRUE;
}

static gboolean
add_cadres_in_tx (LdVault           *vault,
                  LdOpinionRequest  *request,
                  const gint64      *cadre_ids,
                  guint              n_cadres,
                  const char        *extra,
                  guint             *out_added,
                  GError           **error)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *old_list = NULL;
  g_autofree char *new_list = NULL;
  g_autofree char *details = NULL;
  g_autofree char *today = _ld_records_today_text ();
  guint added = 0;

  old_list = request_cadre_list (vault, request->id, error);
  if (old_list == NULL || !insert_items (vault, request->id, cadre_ids, n_cadres, &added, error))
    return FALSE;
  if (out_added != NULL)
    *out_added = added;
  if (added == 0)
    return TRUE;
  new_list = request_cadre_list (vault, request->id, error);
  if (new_list == NULL)
    return FALSE;
  _ld_record_append_field (before, "cadres", old_list);
  _ld_record_append_field (after, "cadres", new_list);
  g_string_append (changed, "cadres");
  if (!update_request_status (vault, request, today, before, after, changed, error))
    return FALSE;
  details = g_strdup_printf ("added=%u%s%s", added, extra ? "; " : "", extra ? extra : "");
  return record_change (vault, request->id, request->reg_no, LD_AUDIT_OPINION_REQUEST, before->str, after->str,
                        changed->str, details, error);
}

gboolean
ld_opinion_repository_add_cadres (LdVault       *vault,
                                  gint64         request_id,
                                  const gint64  *cadre_ids,
                                  guint          n_cadres,
                                  guint         *out_added,
                                  GError       **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;

  g_return_val_if_fail (cadre_ids != NULL || n_cadres == 0, FALSE);

  if (out_added != NULL)
    *out_added = 0;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL || !check_cadres (vault, request->unit_id, cadre_ids, n_cadres, error))
    return FALSE;
  if (n_cadres == 0)
    return TRUE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!add_cadres_in_tx (vault, request, cadre_ids, n_cadres, NULL, out_added, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_opinion_repository_remove_cadre (LdVault     *vault,
                                    gint64       request_id,
                                    gint64       cadre_id,
                                    GError     **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *old_list = NULL;
  g_autofree char *new_list = NULL;
  g_autofree char *today = _ld_records_today_text ();
  g_autofree char *name = NULL;
  sqlite3 *db;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL)
    return FALSE;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT i.approved_by, c.name FROM opinion_items i JOIN cadres c ON c.id = i.cadre_id"
                         " WHERE i.request_id = ? AND i.cadre_id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("Cadre number %lld is not on opinion request %s. Check the list with “opinion request show”."),
                   (long long) cadre_id, request->reg_no);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return step_error (vault, rc, error);
  name = g_strdup (ld_sql_column_text (stmt, 1));
  if (*ld_sql_column_text (stmt, 0) != '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The reply for %s is approved and stays on the request."), name);
      return FALSE;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  old_list = request_cadre_list (vault, request_id, error);
  del = ld_sql_prepare (db, "DELETE FROM opinion_items WHERE request_id = ? AND cadre_id = ?", error);
  if (old_list == NULL || del == NULL)
    return fail (vault);
  sqlite3_bind_int64 (del, 1, request_id);
  sqlite3_bind_int64 (del, 2, cadre_id);
  if (!ld_sql_step_done (db, del, error))
    return fail (vault);
  new_list = request_cadre_list (vault, request_id, error);
  if (new_list == NULL)
    return fail (vault);
  _ld_record_append_field (before, "cadres", old_list);
  _ld_record_append_field (after, "cadres", new_list);
  g_string_append (changed, "cadres");
  if (!update_request_status (vault, request, today, before, after, changed, error)
      || !record_change (vault, request_id, request->reg_no, LD_AUDIT_OPINION_REQUEST, before->str, after->str,
                         changed->str, "removed=1", error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ------------------------------------------------------------------------- */

LdOpinionRequest *
ld_opinion_repository_get_request (LdVault  *vault,
                                   gint64    request_id,
                                   GError  **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_request (vault, request_id, FALSE, error);
}

LdOpinionItem *
ld_opinion_repository_get_item (LdVault  *vault,
                                gint64    item_id,
                                GError  **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_item (vault, item_id, error);
}

void
ld_opinion_request_filter_init (LdOpinionRequestFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->with_subunits = TRUE;
}

#define FILTER_CTE \
  ", sub_units(id) AS (SELECT ?2 UNION SELECT c.id FROM units c JOIN sub_units p ON c.parent_id = p.id) "
#define FILTER_WHERE \
  " WHERE r.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR r.unit_id = ?2 OR (?3 AND r.unit_id IN (SELECT id FROM sub_units)))" \
  " AND (?4 IS NULL OR r.status = ?4)" \
  " AND (?5 IS NULL OR r.request_date >= ?5) AND (?6 IS NULL OR r.request_date <= ?6)" \
  " AND (?7 IS NULL OR r.reg_no LIKE ?7 ESCAPE '\\' OR r.requester LIKE ?7 ESCAPE '\\'" \
  "      OR r.doc_no LIKE ?7 ESCAPE '\\' OR r.note LIKE ?7 ESCAPE '\\'" \
  "      OR EXISTS (SELECT 1 FROM opinion_items i JOIN cadres c ON c.id = i.cadre_id" \
  "                 WHERE i.request_id = r.id AND c.name LIKE ?7 ESCAPE '\\'))" \
  " AND (?8 OR r.retired_at IS NULL)"

static gboolean
bind_filter (sqlite3_stmt                  *stmt,
             const LdOpinionRequestFilter  *filter,
             GError                       **error)
{
  g_autofree char *text = NULL;

  if (filter->status != NULL && *filter->status != '\0'
      && !g_str_equal (filter->status, LD_OPINION_REQUEST_OPEN)
      && !g_str_equal (filter->status, LD_OPINION_REQUEST_REPLIED))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a status of an opinion request. Use “open” or “replied”."), filter->status);
      return FALSE;
    }
  if (filter->year != 0 && (filter->year < 1900 || filter->year > 2999))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%d is not a year. Write the year with four digits."),
                   filter->year);
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
  if (filter->status != NULL && *filter->status != '\0')
    bind_text (stmt, 4, filter->status);
  else
    sqlite3_bind_null (stmt, 4);
  if (filter->year != 0)
    {
      g_autofree char *from = g_strdup_printf ("%04d-01-01", filter->year);
      g_autofree char *to = g_strdup_printf ("%04d-12-31", filter->year);

      bind_text (stmt, 5, from);
      bind_text (stmt, 6, to);
    }
  else
    {
      sqlite3_bind_null (stmt, 5);
      sqlite3_bind_null (stmt, 6);
    }
  if (text != NULL)
    bind_text (stmt, 7, text);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, filter->include_retired ? 1 : 0);
  return TRUE;
}

GPtrArray *
ld_opinion_repository_list_requests (LdVault                       *vault,
                                     const LdOpinionRequestFilter  *filter,
                                     GError                       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdOpinionRequestFilter all;
  int rc;

  if (filter == NULL)
    {
      ld_opinion_request_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " REQUEST_COLUMNS REQUEST_FROM FILTER_WHERE
                            " ORDER BY r.request_date DESC, r.id DESC LIMIT ?9 OFFSET ?10",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 9, filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 10, filter->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_request (stmt));
  if (rc != SQLITE_DONE)
    {
      step_error (vault, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
ld_opinion_repository_count_requests (LdVault                       *vault,
                                      const LdOpinionRequestFilter  *filter,
                                      guint                         *out_count,
                                      GError                       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdOpinionRequestFilter all;
  int rc;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter == NULL)
    {
      ld_opinion_request_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM opinion_requests r" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_error (vault, rc, error);
  *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static GPtrArray *
list_items_where (LdVault     *vault,
                  const char  *where,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strconcat ("SELECT " ITEM_COLUMNS ITEM_FROM
                                      " WHERE r.unit_id IN (SELECT id FROM visible_units) AND ", where, NULL);
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_item (stmt));
  if (rc != SQLITE_DONE)
    {
      step_error (vault, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
ld_opinion_repository_list_items (LdVault  *vault,
                                  gint64    request_id,
                                  GError  **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  request = load_request (vault, request_id, FALSE, error);
  if (request == NULL)
    return NULL;
  return list_items_where (vault, "i.request_id = ?2 ORDER BY i.id", request_id, error);
}

GPtrArray *
ld_opinion_repository_list_for_cadre (LdVault  *vault,
                                      gint64    cadre_id,
                                      GError  **error)
{
  gint64 unit = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !cadre_unit (vault, cadre_id, &unit, error))
    return NULL;
  return list_items_where (vault, "i.cadre_id = ?2 AND r.retired_at IS NULL"
                                  " ORDER BY r.request_date DESC, r.id DESC",
                           cadre_id, error);
}

GPtrArray *
ld_opinion_repository_versions (LdVault  *vault,
                                gint64    request_id,
                                GError  **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  request = load_request (vault, request_id, FALSE, error);
  if (request == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_OPINION, request_id, error);
}

/* --- The organisation department's list ------------------------------------------------ */

const char *
ld_opinion_unmatched_why_get_label (LdOpinionUnmatchedWhy why)
{
  switch (why)
    {
    case LD_OPINION_UNMATCHED_NOT_ON_FILE:
      /* Translators: why a row of the list was not matched: 系统中无此身份证号的干部 */
      return _("no cadre on file has this ID number");
    case LD_OPINION_UNMATCHED_OUT_OF_SCOPE:
      /* Translators: 不在本次征求意见的单位范围内 */
      return _("the cadre is outside the request's unit or your scope");
    case LD_OPINION_UNMATCHED_INVALID_ID:
      /* Translators: 身份证号缺失或无效 */
      return _("the ID number is missing or not valid");
    case LD_OPINION_UNMATCHED_DUPLICATE:
    default:
      /* Translators: 与前面的行重复 */
      return _("the same cadre is on an earlier row");
    }
}

static void
unmatched_row_free (LdOpinionUnmatchedRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->id_number);
  g_free (row);
}

void
ld_opinion_cadre_match_free (LdOpinionCadreMatch *match)
{
  if (match == NULL)
    return;
  g_clear_pointer (&match->cadre_ids, g_array_unref);
  g_clear_pointer (&match->unmatched, g_ptr_array_unref);
  g_free (match->sha256);
  g_free (match);
}

static char *
header_key (const char *header)
{
  g_autofree char *norm = ld_normalise_text (header != NULL ? header : "");
  GString *out = g_string_new (NULL);

  for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '*' && c != ':' && !g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_id_header (const char *key)
{
  static const char * const names[] = { "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证",
                                        "idnumber", "id" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (key, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_name_header (const char *key)
{
  return g_str_equal (key, "姓名") || g_str_equal (key, "干部姓名") || g_ascii_strcasecmp (key, "name") == 0;
}

static void
add_unmatched (LdOpinionCadreMatch   *match,
               guint                  row_number,
               const char            *name,
               const char            *id_number,
               LdOpinionUnmatchedWhy  why)
{
  LdOpinionUnmatchedRow *row = g_new0 (LdOpinionUnmatchedRow, 1);

  row->row_number = row_number;
  row->name = g_strdup (name != NULL ? name : "");
  row->id_number = g_strdup (id_number != NULL ? id_number : "");
  row->why = why;
  g_ptr_array_add (match->unmatched, row);
}

LdOpinionCadreMatch *
ld_opinion_repository_match_file (LdVault       *vault,
                                  const char    *path,
                                  gint64         unit_id,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(LdTable) table = NULL;
  g_autoptr(LdOpinionCadreMatch) match = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int id_column = -1, name_column = -1;
  guint header_row = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  table = ld_table_read_file (path, cancellable, error);
  if (table == NULL)
    return NULL;

  for (guint r = 0; r < ld_table_get_n_rows (table) && r < HEADER_ROWS && id_column < 0; r++)
    {
      for (guint c = 0; c < ld_table_get_n_columns (table, r); c++)
        {
          g_autofree char *key = header_key (ld_table_get_cell (table, r, c));

          if (id_column < 0 && is_id_header (key))
            id_column = (int) c;
          else if (name_column < 0 && is_name_header (key))
            name_column = (int) c;
        }
      if (id_column >= 0)
        header_row = r;
      else
        name_column = -1;
    }
  if (id_column < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("No column of ID numbers was found in the first %d rows of %s. The list needs a header "
                     "“身份证号” (or “公民身份号码”) above the ID numbers."),
                   HEADER_ROWS, path);
      return NULL;
    }

  stmt = _ld_scope_prepare (vault,
                            SUBTREE_CTE
                            "SELECT c.id, c.unit_id IN (SELECT id FROM visible_units)"
                            " AND (?3 = 0 OR c.unit_id IN (SELECT id FROM request_units))"
                            " FROM cadres c WHERE c.id_number = ?2 AND c.retired_at IS NULL",
                            error);
  if (stmt == NULL)
    return NULL;

  match = g_new0 (LdOpinionCadreMatch, 1);
  match->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  match->unmatched = g_ptr_array_new_with_free_func ((GDestroyNotify) unmatched_row_free);
  match->sha256 = g_strdup (ld_table_get_sha256 (table));

  for (guint r = header_row + 1; r < ld_table_get_n_rows (table); r++)
    {
      const char *raw_id = ld_table_get_cell (table, r, (guint) id_column);
      const char *name = name_column >= 0 ? ld_table_get_cell (table, r, (guint) name_column) : "";
      g_autofree char *clean_name = g_strstrip (g_strdup (name));
      g_autofree char *clean_id = g_strstrip (g_strdup (raw_id));
      guint row_number = ld_table_get_row_number (table, r);
      LdIdInfo info = { 0 };
      gint64 cadre_id;
      int rc;

      match->n_rows++;
      if (*clean_id == '\0' || !ld_id_number_parse (clean_id, &info, NULL))
        {
          add_unmatched (match, row_number, clean_name, clean_id, LD_OPINION_UNMATCHED_INVALID_ID);
          continue;
        }
      sqlite3_reset (stmt);
      bind_text (stmt, 2, info.number);
      sqlite3_bind_int64 (stmt, 3, MAX (unit_id, 0));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          add_unmatched (match, row_number, clean_name, clean_id, LD_OPINION_UNMATCHED_NOT_ON_FILE);
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          step_error (vault, rc, error);
          return NULL;
        }
      if (!sqlite3_column_int (stmt, 1))
        {
          add_unmatched (match, row_number, clean_name, clean_id, LD_OPINION_UNMATCHED_OUT_OF_SCOPE);
          continue;
        }
      cadre_id = sqlite3_column_int64 (stmt, 0);
      if (g_hash_table_contains (seen, &cadre_id))
        {
          add_unmatched (match, row_number, clean_name, clean_id, LD_OPINION_UNMATCHED_DUPLICATE);
          continue;
        }
      g_array_append_val (match->cadre_ids, cadre_id);
      g_hash_table_add (seen, g_memdup2 (&cadre_id, sizeof cadre_id));
    }
  return g_steal_pointer (&match);
}

gboolean
ld_opinion_repository_import_cadres (LdVault               *vault,
                                     gint64                 request_id,
                                     const char            *path,
                                     LdOpinionCadreMatch  **out_match,
                                     GCancellable          *cancellable,
                                     GError               **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(LdOpinionCadreMatch) match = NULL;
  g_autofree char *extra = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL)
    return FALSE;
  match = ld_opinion_repository_match_file (vault, path, request->unit_id, cancellable, error);
  if (match == NULL)
    return FALSE;
  if (match->cadre_ids->len > 0)
    {
      if (!check_cadres (vault, request->unit_id, (const gint64 *) (gpointer) match->cadre_ids->data,
                         match->cadre_ids->len, error))
        return FALSE;
      extra = g_strdup_printf ("file_sha256=%s; rows=%u; unmatched=%u", match->sha256, match->n_rows,
                               match->unmatched->len);
      if (!_ld_vault_begin (vault, error))
        return FALSE;
      if (!add_cadres_in_tx (vault, request, (const gint64 *) (gpointer) match->cadre_ids->data,
                             match->cadre_ids->len, extra, NULL, error))
        return fail (vault);
      if (!_ld_vault_commit (vault, error))
        return FALSE;
    }
  if (out_match != NULL)
    *out_match = g_steal_pointer (&match);
  return TRUE;
}

/* --- Checking ------------------------------------------------------------------------ */

static void
reason_free (gpointer data)
{
  _ld_opinion_reason_free (data);
}

void
ld_opinion_check_free (LdOpinionCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->cadre_name);
  g_free (check->id_number);
  g_free (check->unit_name);
  g_free (check->post);
  g_free (check->as_of);
  g_clear_pointer (&check->reasons, g_ptr_array_unref);
  g_free (check);
}

/* The facts gathered, with the strings they point to. */
typedef struct
{
  GArray    *facts;     /* LdOpinionFact */
  GPtrArray *strings;   /* owned strings the facts point to */
} Facts;

static void
facts_clear (Facts *f)
{
  g_clear_pointer (&f->facts, g_array_unref);
  g_clear_pointer (&f->strings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Facts, facts_clear)

static const char *
keep (Facts      *f,
      const char *text)
{
  char *copy;

  if (text == NULL || *text == '\0')
    return NULL;
  copy = g_strdup (text);
  g_ptr_array_add (f->strings, copy);
  return copy;
}

static void
add_fact (Facts             *f,
          LdOpinionFactKind  kind,
          const char        *record_type,
          gint64             record_id,
          const char        *reg_no,
          const GDate       *date,
          const char        *detail)
{
  LdOpinionFact fact = { 0 };

  fact.kind = kind;
  fact.record_type = record_type;
  fact.record_id = record_id;
  fact.reg_no = keep (f, reg_no);
  g_date_clear (&fact.date, 1);
  if (date != NULL && g_date_valid (date))
    fact.date = *date;
  fact.detail = keep (f, detail);
  g_array_append_val (f->facts, fact);
}

static const char *
code_label (const char *table,
            const char *code)
{
  const char *label;

  if (code == NULL || *code == '\0')
    return NULL;
  label = ld_code_get_label (table, code);
  return label != NULL ? label : code;
}

static gboolean
gather_petitions (LdVault     *vault,
                  gint64       cadre_id,
                  const char  *as_of,
                  Facts       *f,
                  GError     **error)
{
  /* Petitions naming the cadre, received by AS_OF, that did not become a
   * clue about the cadre (the clue tells the rest). */
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT p.id, p.reg_no, p.received_date, p.status, p.closed_date,"
                                                    " p.result FROM petitions p"
                                                    " WHERE p.retired_at IS NULL AND p.received_date <= ?3"
                                                    " AND p.unit_id IN (SELECT id FROM visible_units)"
                                                    " AND EXISTS (SELECT 1 FROM petition_persons pp"
                                                    "   WHERE pp.petition_id = p.id AND pp.cadre_id = ?2)"
                                                    " AND NOT EXISTS (SELECT 1 FROM clues cl WHERE cl.petition_id = p.id"
                                                    "   AND cl.cadre_id = ?2 AND cl.retired_at IS NULL)"
                                                    " ORDER BY p.received_date, p.id",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  bind_text (stmt, 3, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = ld_sql_column_text (stmt, 3);
      const char *closed = ld_sql_column_text (stmt, 4);
      GDate received = parse_date (ld_sql_column_text (stmt, 2));
      GDate closed_date = parse_date (closed);
      gboolean is_closed = (g_str_equal (status, "closed") || g_str_equal (status, "filed"))
                           && (*closed == '\0' || strcmp (closed, as_of) <= 0);

      if (g_str_equal (status, "not-accepted"))
        continue;
      if (is_closed)
        add_fact (f, LD_OPINION_FACT_CLOSED_MATTER, "petition", sqlite3_column_int64 (stmt, 0),
                  ld_sql_column_text (stmt, 1), &closed_date,
                  code_label (LD_CODE_TABLE_CLUE_RESULT, ld_sql_column_text (stmt, 5)));
      else
        add_fact (f, LD_OPINION_FACT_OPEN_PETITION, "petition", sqlite3_column_int64 (stmt, 0),
                  ld_sql_column_text (stmt, 1), &received, NULL);
    }
  if (rc != SQLITE_DONE)
    return step_error (vault, rc, error);
  return TRUE;
}

static gboolean
gather_clues (LdVault     *vault,
              gint64       cadre_id,
              const char  *as_of,
              Facts       *f,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT cl.id, cl.reg_no, cl.received_date, cl.status,"
                                                    " cl.disposal, cl.result, cl.closed_date,"
                                                    " (SELECT count(*) FROM measures m WHERE m.source_type = 'clue'"
                                                    "   AND m.source_id = cl.id AND m.retired_at IS NULL)"
                                                    " FROM clues cl WHERE cl.cadre_id = ?2 AND cl.retired_at IS NULL"
                                                    " AND cl.received_date <= ?3"
                                                    " AND cl.unit_id IN (SELECT id FROM visible_units)"
                                                    " ORDER BY cl.received_date, cl.id",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  bind_text (stmt, 3, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *reg_no = ld_sql_column_text (stmt, 1);
      GDate received = parse_date (ld_sql_column_text (stmt, 2));
      const char *status = ld_sql_column_text (stmt, 3);
      const char *disposal = ld_sql_column_text (stmt, 4);
      const char *result = ld_sql_column_text (stmt, 5);
      const char *closed = ld_sql_column_text (stmt, 6);
      GDate closed_date = parse_date (closed);
      gint64 n_measures = sqlite3_column_int64 (stmt, 7);

      if (g_str_equal (status, "closed") && (*closed == '\0' || strcmp (closed, as_of) <= 0))
        {
          if (g_str_equal (result, "founded"))
            {
              if (n_measures == 0)
                add_fact (f, LD_OPINION_FACT_VERIFIED_UNHANDLED, "clue", id, reg_no, &closed_date, NULL);
              /* else: the measure itself is a fact. */
            }
          else
            add_fact (f, LD_OPINION_FACT_CLOSED_MATTER, "clue", id, reg_no, &closed_date,
                      code_label (LD_CODE_TABLE_CLUE_RESULT, result));
        }
      else if (g_str_equal (status, "pending"))
        add_fact (f, LD_OPINION_FACT_CLUE_PENDING, "clue", id, reg_no, &received, NULL);
      else if (g_str_equal (status, "held") || g_str_equal (disposal, "hold"))
        add_fact (f, LD_OPINION_FACT_CLUE_HELD, "clue", id, reg_no, &received, NULL);
      else if (g_str_equal (disposal, "case"))
        add_fact (f, LD_OPINION_FACT_OPEN_CASE, "clue", id, reg_no, &received, NULL);
      else
        add_fact (f, LD_OPINION_FACT_CLUE_DISPOSAL, "clue", id, reg_no, &received,
                  code_label (LD_CODE_TABLE_DISPOSAL, disposal));
    }
  if (rc != SQLITE_DONE)
    return step_error (vault, rc, error);
  return TRUE;
}

static gboolean
gather_measures (LdVault     *vault,
                 gint64       cadre_id,
                 const char  *as_of,
                 const char  *recent_from,
                 Facts       *f,
                 GError     **error)
{
  /* Active measures in force or lifted by AS_OF; a measure changed on
   * appeal is followed by its replacement, a revoked one is void. */
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT m.id, m.reg_no, m.code, m.form, m.effective_date,"
                                                    " m.effect_end, m.accountability FROM measures m"
                                                    " WHERE m.cadre_id = ?2 AND m.retired_at IS NULL"
                                                    " AND m.status NOT IN ('changed', 'revoked')"
                                                    " AND m.effective_date <= ?3"
                                                    " AND m.unit_id IN (SELECT id FROM visible_units)"
                                                    " ORDER BY m.effective_date, m.id",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  bind_text (stmt, 3, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *reg_no = ld_sql_column_text (stmt, 1);
      const LdMeasureCode *code = ld_measure_code_find (ld_sql_column_text (stmt, 2));
      const char *label = code != NULL ? ld_measure_code_get_label (code) : ld_sql_column_text (stmt, 2);
      int form = sqlite3_column_int (stmt, 3);
      const char *effective = ld_sql_column_text (stmt, 4);
      GDate effective_date = parse_date (effective);
      const char *end = ld_sql_column_text (stmt, 5);
      GDate end_date = parse_date (end);
      gboolean accountability = sqlite3_column_int (stmt, 6) != 0;

      if (*end != '\0')
        {
          if (strcmp (end, as_of) > 0)
            {
              GDate shown = end_date;

              if (g_str_equal (end, PERMANENT))
                g_date_clear (&shown, 1);
              add_fact (f, accountability ? LD_OPINION_FACT_ACCOUNTABILITY : LD_OPINION_FACT_EFFECT_RUNNING,
                        "measure", id, reg_no, &shown, label);
            }
          else
            add_fact (f, LD_OPINION_FACT_PAST_MEASURE, "measure", id, reg_no, &end_date, label);
        }
      else if (accountability && strcmp (effective, recent_from) > 0)
        {
          /* 问责 without an effect period counts for the recent months. */
          GDate until = effective_date;

          if (g_date_valid (&until))
            g_date_add_months (&until, LD_OPINION_RECENT_MONTHS);
          add_fact (f, LD_OPINION_FACT_ACCOUNTABILITY, "measure", id, reg_no, &until, label);
        }
      else if (code != NULL && code->category == LD_MEASURE_CATEGORY_CRIMINAL)
        add_fact (f, LD_OPINION_FACT_TRANSFERRED, "measure", id, reg_no, &effective_date, label);
      else if (form == 1)
        add_fact (f, LD_OPINION_FACT_PAST_FIRST_FORM, "measure", id, reg_no, &effective_date, label);
      else
        /* No effect period (引咎辞职, 取消荣誉称号 …): decided, not "ended". */
        add_fact (f, LD_OPINION_FACT_PAST_DECISION, "measure", id, reg_no, &effective_date, label);
    }
  if (rc != SQLITE_DONE)
    return step_error (vault, rc, error);
  return TRUE;
}

static gboolean
gather_personal_matters (LdVault     *vault,
                         gint64       cadre_id,
                         const char  *as_of,
                         const char  *recent_from,
                         Facts       *f,
                         GError     **error)
{
  /* Section C: the verification result is copied into file_entries.outcome
   * ("omitted" 漏报, "concealed" 隐瞒不报); the date of the verification is
   * the field "verified" (else the report year's end). */
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT e.id, e.entry_date, e.outcome, e.fields FROM file_entries e"
                                                 " WHERE e.cadre_id = ? AND e.section = 'C' AND e.retired_at IS NULL"
                                                 " AND e.outcome IN ('omitted', 'concealed')"
                                                 " ORDER BY e.entry_date, e.id",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entry_date = ld_sql_column_text (stmt, 1);
      g_autoptr(GHashTable) values = _ld_file_entry_parse_fields (ld_sql_column_text (stmt, 3));
      const char *verified = g_hash_table_lookup (values, "verified");
      g_autofree char *when = NULL;
      g_autofree char *year = NULL;
      GDate date;

      if (verified != NULL && *verified != '\0')
        when = g_strdup (verified);
      else if (strlen (entry_date) == 4)
        when = g_strdup_printf ("%s-12-31", entry_date);
      else
        when = g_strdup (entry_date);
      if (strcmp (when, as_of) > 0 || strcmp (when, recent_from) <= 0)
        continue;
      date = parse_date (when);
      year = g_strndup (entry_date, 4);
      add_fact (f, g_str_equal (ld_sql_column_text (stmt, 2), "concealed")
                   ? LD_OPINION_FACT_CONCEALMENT : LD_OPINION_FACT_OMISSION,
                "entry", sqlite3_column_int64 (stmt, 0), year, &date, NULL);
    }
  if (rc != SQLITE_DONE)
    return step_error (vault, rc, error);
  return TRUE;
}

/* Checks a cadre in scope as of AS_OF (a date). */
static LdOpinionCheck *
check_cadre (LdVault      *vault,
             gint64        cadre_id,
             const GDate  *as_of,
             GError      **error)
{
  g_auto(Facts) f = { 0 };
  g_autoptr(LdOpinionCheck) check = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(sqlite3_stmt) cadre = NULL;
  g_autofree char *recent_from = NULL;
  GDate recent;
  int rc;

  check = g_new0 (LdOpinionCheck, 1);
  check->cadre_id = cadre_id;
  check->as_of = date_text (as_of);
  recent = parse_date (check->as_of);
  g_date_subtract_months (&recent, LD_OPINION_RECENT_MONTHS);
  recent_from = date_text (&recent);

  cadre = _ld_scope_prepare (vault,
                             "SELECT c.name, c.id_number, u.name, c.post FROM cadres c JOIN units u ON u.id = c.unit_id"
                             " WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                             error);
  if (cadre == NULL)
    return NULL;
  sqlite3_bind_int64 (cadre, 2, cadre_id);
  rc = sqlite3_step (cadre);
  if (rc == SQLITE_DONE)
    {
      _ld_records_set_cadre_not_found (error, cadre_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      step_error (vault, rc, error);
      return NULL;
    }
  check->cadre_name = g_strdup (ld_sql_column_text (cadre, 0));
  check->id_number = g_strdup (ld_sql_column_text (cadre, 1));
  check->unit_name = g_strdup (ld_sql_column_text (cadre, 2));
  check->post = g_strdup (ld_sql_column_text (cadre, 3));

  f.facts = g_array_new (FALSE, TRUE, sizeof (LdOpinionFact));
  f.strings = g_ptr_array_new_with_free_func (g_free);
  if (!gather_petitions (vault, cadre_id, check->as_of, &f, error)
      || !gather_clues (vault, cadre_id, check->as_of, &f, error)
      || !gather_measures (vault, cadre_id, check->as_of, recent_from, &f, error)
      || !gather_personal_matters (vault, cadre_id, check->as_of, recent_from, &f, error))
    return NULL;

  check->proposal = ld_opinion_propose ((const LdOpinionFact *) (gpointer) f.facts->data, f.facts->len, &texts);
  check->reasons = g_ptr_array_new_with_free_func (reason_free);
  if (f.facts->len == 0)
    {
      LdOpinionReason *r = g_new0 (LdOpinionReason, 1);

      r->kind = LD_N_OPINION_FACTS;
      r->record_type = g_strdup ("");
      r->text = g_strdup (g_ptr_array_index (texts, 0));
      g_ptr_array_add (check->reasons, r);
    }
  else
    {
      /* The same order as ld_opinion_propose() sorts the texts: the most
       * severe opinion first, the given order inside one. */
      guint t = 0;

      for (int o = LD_N_OPINIONS - 1; o >= 0; o--)
        for (guint i = 0; i < f.facts->len; i++)
          {
            const LdOpinionFact *fact = &g_array_index (f.facts, LdOpinionFact, i);
            LdOpinionReason *r;

            if ((int) ld_opinion_fact_kind_opinion (fact->kind) != o)
              continue;
            r = g_new0 (LdOpinionReason, 1);
            r->kind = fact->kind;
            r->record_type = g_strdup (fact->record_type);
            r->record_id = fact->record_id;
            r->text = g_strdup (g_ptr_array_index (texts, t++));
            g_ptr_array_add (check->reasons, r);
          }
    }
  return g_steal_pointer (&check);
}

LdOpinionCheck *
ld_opinion_repository_check_cadre (LdVault      *vault,
                                   gint64        cadre_id,
                                   const GDate  *as_of,
                                   GError      **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return check_cadre (vault, cadre_id, as_of, error);
}

/* Checks ITEM and stores the outcome, in the caller's transaction; the
 * changes go to before/after/changed. */
static gboolean
check_item_in_tx (LdVault        *vault,
                  LdOpinionItem  *item,
                  const GDate    *as_of,
                  GString        *before,
                  GString        *after,
                  GString        *changed,
                  GError        **error)
{
  g_autoptr(LdOpinionCheck) check = check_cadre (vault, item->cadre_id, as_of, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reasons = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  const char *proposal;

  if (check == NULL)
    return FALSE;
  reasons = _ld_opinion_reasons_format (check->reasons);
  proposal = ld_opinion_to_string (check->proposal);
  stmt = ld_sql_prepare (db,
                         "UPDATE opinion_items SET checked_date = ?1, proposal = ?2, reasons = ?3, decision = '',"
                         " change_reason = '', reply_text = '', confirmed_by = '', updated_at = ?4 WHERE id = ?5",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, check->as_of);
  bind_text (stmt, 2, proposal);
  bind_text (stmt, 3, reasons);
  sqlite3_bind_int64 (stmt, 4, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 5, item->id);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  diff_item_field (before, after, changed, item->cadre_id, "checked_date", item->checked_date, check->as_of);
  diff_item_field (before, after, changed, item->cadre_id, "proposal", item->proposal, proposal);
  {
    g_autofree char *old_reasons = NULL;
    g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (reason_free);

    for (guint i = 0; i < ld_opinion_item_get_n_reasons (item); i++)
      {
        LdOpinionReason *r = g_new0 (LdOpinionReason, 1);

        r->kind = ld_opinion_item_get_reason_kind (item, i);
        r->record_type = g_strdup (ld_opinion_item_get_reason_record_type (item, i));
        r->record_id = ld_opinion_item_get_reason_record_id (item, i);
        r->text = g_strdup (ld_opinion_item_get_reason_text (item, i));
        g_ptr_array_add (old, r);
      }
    old_reasons = _ld_opinion_reasons_format (old);
    diff_item_field (before, after, changed, item->cadre_id, "reasons", old_reasons, reasons);
  }
  diff_item_field (before, after, changed, item->cadre_id, "decision", item->decision, "");
  diff_item_field (before, after, changed, item->cadre_id, "change_reason", item->change_reason, "");
  diff_item_field (before, after, changed, item->cadre_id, "reply_text", item->reply_text, "");
  diff_item_field (before, after, changed, item->cadre_id, "confirmed_by", item->confirmed_by, "");
  return TRUE;
}

gboolean
ld_opinion_repository_check_item (LdVault      *vault,
                                  gint64        item_id,
                                  const GDate  *as_of,
                                  GError      **error)
{
  g_autoptr(LdOpinionItem) item = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *extra = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !load_item_for_change (vault, item_id, &item, &request, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!check_item_in_tx (vault, item, as_of, before, after, changed, error))
    return fail (vault);
  extra = g_strdup_printf ("cadre=%" G_GINT64_FORMAT, item->cadre_id);
  if (!record_change (vault, request->id, request->reg_no, LD_AUDIT_OPINION_CHECK, before->str, after->str,
                      changed->str, extra, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_opinion_repository_check_request (LdVault      *vault,
                                     gint64        request_id,
                                     const GDate  *as_of,
                                     GError      **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *extra = NULL;
  guint checked = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL)
    return FALSE;
  items = list_items_where (vault, "i.request_id = ?2 ORDER BY i.id", request_id, error);
  if (items == NULL)
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      g_autoptr(GString) item_changed = g_string_new (NULL);

      if (*item->approved_by != '\0')
        continue;
      if (!check_item_in_tx (vault, item, as_of, before, after, item_changed, error))
        return fail (vault);
      checked++;
    }
  if (checked == 0)
    {
      _ld_vault_rollback (vault);
      return TRUE;
    }
  g_string_append (changed, "proposal,reasons");
  extra = g_strdup_printf ("items=%u", checked);
  if (!record_change (vault, request_id, request->reg_no, LD_AUDIT_OPINION_CHECK, before->str, after->str,
                      changed->str, extra, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Deciding and approving ------------------------------------------------------------ */

static gboolean
decide (LdVault     *vault,
        gint64       item_id,
        gboolean     confirm,
        LdOpinion    decision,
        const char  *reason,
        GError     **error)
{
  g_autoptr(LdOpinionItem) item = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *extra = NULL;
  const char *account = NULL;
  const char *code;
  LdOpinion proposal;
  sqlite3 *db;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !load_item_for_change (vault, item_id, &item, &request, error))
    return FALSE;
  proposal = ld_opinion_item_get_proposal (item);
  if (proposal >= LD_N_OPINIONS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("%s has not been checked yet. Run the check first (“opinion run”)."), item->cadre_name);
      return FALSE;
    }
  if (confirm)
    decision = proposal;
  if ((guint) decision >= LD_N_OPINIONS)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The decision is not one of ok, ok-note, defer or no."));
      return FALSE;
    }
  clean_reason = _ld_records_clean_long_text (confirm ? "" : reason, _("The reason for the change"), MAX_REASON,
                                              FALSE, error);
  if (clean_reason == NULL)
    return FALSE;
  if (ld_opinion_change_needs_reason (proposal, decision) && *clean_reason == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The decision for %s differs from the proposal (“%s”). Give the reason for the change."),
                   item->cadre_name, ld_opinion_get_label (proposal));
      return FALSE;
    }

  account = ld_vault_get_session (vault)->name;
  code = ld_opinion_to_string (decision);
  reasons = _ld_opinion_reasons_parse (NULL);
  for (guint i = 0; i < ld_opinion_item_get_n_reasons (item); i++)
    {
      LdOpinionReason *r = g_new0 (LdOpinionReason, 1);

      r->kind = ld_opinion_item_get_reason_kind (item, i);
      r->record_type = g_strdup (ld_opinion_item_get_reason_record_type (item, i));
      r->record_id = ld_opinion_item_get_reason_record_id (item, i);
      r->text = g_strdup (ld_opinion_item_get_reason_text (item, i));
      g_ptr_array_add (reasons, r);
    }
  reply = _ld_opinion_reply_text (item->cadre_name, decision, reasons, clean_reason);

  diff_item_field (before, after, changed, item->cadre_id, "decision", item->decision, code);
  diff_item_field (before, after, changed, item->cadre_id, "change_reason", item->change_reason, clean_reason);
  diff_item_field (before, after, changed, item->cadre_id, "reply_text", item->reply_text, reply);
  diff_item_field (before, after, changed, item->cadre_id, "confirmed_by", item->confirmed_by, account);
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE opinion_items SET decision = ?1, change_reason = ?2, reply_text = ?3,"
                         " confirmed_by = ?4, updated_at = ?5 WHERE id = ?6",
                         error);
  if (stmt == NULL)
    return fail (vault);
  bind_text (stmt, 1, code);
  bind_text (stmt, 2, clean_reason);
  bind_text (stmt, 3, reply);
  bind_text (stmt, 4, account);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 6, item_id);
  extra = g_strdup_printf ("cadre=%" G_GINT64_FORMAT "; %s", item->cadre_id,
                           decision == proposal ? "confirmed" : "changed");
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, request->id, request->reg_no, LD_AUDIT_OPINION_DECIDE, before->str, after->str,
                         changed->str, extra, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_opinion_repository_confirm (LdVault  *vault,
                               gint64    item_id,
                               GError  **error)
{
  return decide (vault, item_id, TRUE, LD_N_OPINIONS, NULL, error);
}

gboolean
ld_opinion_repository_decide (LdVault     *vault,
                              gint64       item_id,
                              LdOpinion    decision,
                              const char  *reason,
                              GError     **error)
{
  return decide (vault, item_id, FALSE, decision, reason, error);
}

/* Approves ITEM (decided, not approved) on DATE, in the caller's transaction. */
static gboolean
approve_in_tx (LdVault        *vault,
               LdOpinionItem  *item,
               const GDate    *date,
               GString        *before,
               GString        *after,
               GString        *changed,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *approved = date_text (date);
  g_autofree char *until_text = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  const char *account = ld_vault_get_session (vault)->name;
  GDate approved_date = parse_date (approved);
  GDate until;

  ld_opinion_valid_until (&approved_date, LD_OPINION_VALIDITY_MONTHS, &until);
  until_text = date_text (&until);
  stmt = ld_sql_prepare (db,
                         "UPDATE opinion_items SET approved_by = ?1, approved_date = ?2, valid_until = ?3,"
                         " updated_at = ?4 WHERE id = ?5",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, account);
  bind_text (stmt, 2, approved);
  bind_text (stmt, 3, until_text);
  sqlite3_bind_int64 (stmt, 4, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 5, item->id);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  diff_item_field (before, after, changed, item->cadre_id, "approved_by", item->approved_by, account);
  diff_item_field (before, after, changed, item->cadre_id, "approved_date", item->approved_date, approved);
  diff_item_field (before, after, changed, item->cadre_id, "valid_until", item->valid_until, until_text);
  return TRUE;
}

static gboolean
check_decided (LdOpinionItem  *item,
               GError        **error)
{
  if (*item->decision == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The reply for %s has not been decided yet. Confirm or change the proposal first."),
                   item->cadre_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_opinion_repository_approve_item (LdVault      *vault,
                                    gint64        item_id,
                                    const GDate  *date,
                                    GError      **error)
{
  g_autoptr(LdOpinionItem) item = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *day = date_text (date);
  g_autofree char *extra = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_APPROVE, error)
      || !load_item_for_change (vault, item_id, &item, &request, error)
      || !check_decided (item, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  extra = g_strdup_printf ("cadre=%" G_GINT64_FORMAT, item->cadre_id);
  if (!approve_in_tx (vault, item, date, before, after, changed, error)
      || !update_request_status (vault, request, day, before, after, changed, error)
      || !record_change (vault, request->id, request->reg_no, LD_AUDIT_OPINION_APPROVE, before->str, after->str,
                         changed->str, extra, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_opinion_repository_approve_request (LdVault      *vault,
                                       gint64        request_id,
                                       const GDate  *date,
                                       GError      **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GString) undecided = g_string_new (NULL);
  g_autofree char *day = date_text (date);
  g_autofree char *extra = NULL;
  guint approved = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_APPROVE, error))
    return FALSE;
  request = load_request (vault, request_id, TRUE, error);
  if (request == NULL)
    return FALSE;
  items = list_items_where (vault, "i.request_id = ?2 ORDER BY i.id", request_id, error);
  if (items == NULL)
    return FALSE;
  if (items->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Opinion request %s lists no cadre. Add the cadres first."), request->reg_no);
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);

      if (*item->approved_by == '\0' && *item->decision == '\0')
        g_string_append_printf (undecided, "%s%s", undecided->len ? "、" : "", item->cadre_name);
    }
  if (undecided->len > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The replies for %s have not been decided yet. Confirm or change their proposals first."),
                   undecided->str);
      return FALSE;
    }

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);

      if (*item->approved_by != '\0')
        continue;
      if (!approve_in_tx (vault, item, date, before, after, changed, error))
        return fail (vault);
      approved++;
    }
  if (approved == 0)
    {
      _ld_vault_rollback (vault);
      return TRUE;
    }
  extra = g_strdup_printf ("items=%u", approved);
  if (!update_request_status (vault, request, day, before, after, changed, error)
      || !record_change (vault, request_id, request->reg_no, LD_AUDIT_OPINION_APPROVE, before->str, after->str,
                         changed->str, extra, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}
