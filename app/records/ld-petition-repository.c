/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-petition-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-petition-private.h"
#include "records/ld-petition-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MAX_REASON         200
#define MAX_FEEDBACK_MODE  50
#define MAX_OBJECTION      2000

/* What a read may show of the reporter. */
typedef enum
{
  SHOW_MASKED,       /* masked forms ("张*", "***") */
  SHOW_NOTHING,      /* a reported cadre's file: no reporter field at all */
} ReporterView;

/* The SELECT list of read_petition(); the reporter columns come last
 * (masked in C, never kept). */
#define PETITION_COLUMNS \
  "p.id, p.reg_no, p.unit_id, u.name, p.kind, p.channel, p.received_date, p.real_name," \
  " p.categories, p.summary, p.full_text, p.routing, p.routed_to, p.routed_date, p.status," \
  " ifnull (p.repeat_of, 0), ifnull (rp.reg_no, '')," \
  " (SELECT count(*) FROM petitions x WHERE x.repeat_of = p.id AND x.retired_at IS NULL)," \
  " p.accept_notice_date, p.closed_date, p.result, p.feedback_date, p.feedback_mode, p.objection_note," \
  " ifnull (p.retired_at, 0), p.retired_reason, p.created_at, p.updated_at"
#define REPORTER_COLUMNS ", r.name, r.unit, r.contact, r.address"
#define NO_REPORTER_COLUMNS ", NULL, NULL, NULL, NULL"
#define PETITION_FROM \
  " FROM petitions p JOIN units u ON u.id = p.unit_id LEFT JOIN petitions rp ON rp.id = p.repeat_of"
#define REPORTER_JOIN " LEFT JOIN reporters r ON r.petition_id = p.id"

enum {
  COL_ID, COL_REG_NO, COL_UNIT_ID, COL_UNIT_NAME, COL_KIND, COL_CHANNEL, COL_RECEIVED, COL_REAL_NAME,
  COL_CATEGORIES, COL_SUMMARY, COL_FULL_TEXT, COL_ROUTING, COL_ROUTED_TO, COL_ROUTED_DATE, COL_STATUS,
  COL_REPEAT_OF, COL_REPEAT_REG_NO, COL_N_REPEATS,
  COL_ACCEPT_NOTICE, COL_CLOSED, COL_RESULT, COL_FEEDBACK_DATE, COL_FEEDBACK_MODE, COL_OBJECTION,
  COL_RETIRED_AT, COL_RETIRED_REASON, COL_CREATED, COL_UPDATED,
  COL_R_NAME, COL_R_UNIT, COL_R_CONTACT, COL_R_ADDRESS,
};

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
               _("There is no petition number %lld in your scope. Check the number with “petition list”."),
               (long long) id);
}

/* --- Reading rows ----------------------------------------------------------------- */

/* The statements that fill in the persons and units of each row. */
typedef struct
{
  sqlite3_stmt *persons;
  sqlite3_stmt *units;
} Details;

static void
details_clear (Details *details)
{
  g_clear_pointer (&details->persons, sqlite3_finalize);
  g_clear_pointer (&details->units, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Details, details_clear)

static gboolean
details_prepare (sqlite3  *db,
                 Details  *details,
                 GError  **error)
{
  details->persons = ld_sql_prepare (db,
                                     "SELECT ifnull (pp.cadre_id, 0), ifnull (c.name, pp.name),"
                                     " CASE WHEN pp.cadre_id IS NULL THEN pp.unit_text ELSE ifnull (cu.name, '') END,"
                                     " CASE WHEN pp.cadre_id IS NULL THEN pp.post_text ELSE ifnull (c.post, '') END"
                                     " FROM petition_persons pp LEFT JOIN cadres c ON c.id = pp.cadre_id"
                                     " LEFT JOIN units cu ON cu.id = c.unit_id"
                                     " WHERE pp.petition_id = ? ORDER BY pp.id",
                                     error);
  if (details->persons == NULL)
    return FALSE;
  details->units = ld_sql_prepare (db,
                                   "SELECT pu.unit_id, u.name FROM petition_units pu JOIN units u ON u.id = pu.unit_id"
                                   " WHERE pu.petition_id = ? ORDER BY pu.rowid",
                                   error);
  return details->units != NULL;
}

static char *
mask_name_or_empty (const char *text)
{
  return text != NULL && *text != '\0' ? ld_mask_name (text) : g_strdup ("");
}

static char *
mask_text_or_empty (const char *text)
{
  return text != NULL && *text != '\0' ? ld_mask_text (text) : g_strdup ("");
}

/* Builds the petition of the current row of stmt (PETITION_COLUMNS then
 * four reporter columns). */
static LdPetition *
read_petition (sqlite3       *db,
               sqlite3_stmt  *stmt,
               Details       *details,
               ReporterView   view,
               GError       **error)
{
  LdPetitionData data = { 0 };
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  g_autoptr(GArray) unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) units_text = g_string_new (NULL);
  g_autofree char *reporter = NULL;
  g_autofree char *reporter_unit = NULL;
  g_autofree char *reporter_contact = NULL;
  g_autofree char *reporter_address = NULL;
  gint64 id = sqlite3_column_int64 (stmt, COL_ID);
  int rc;

  data.id = id;
  data.reg_no = ld_sql_column_text (stmt, COL_REG_NO);
  data.unit_id = sqlite3_column_int64 (stmt, COL_UNIT_ID);
  data.unit_name = ld_sql_column_text (stmt, COL_UNIT_NAME);
  data.kind = ld_sql_column_text (stmt, COL_KIND);
  data.channel = ld_sql_column_text (stmt, COL_CHANNEL);
  data.received_date = ld_sql_column_text (stmt, COL_RECEIVED);
  data.real_name = sqlite3_column_int (stmt, COL_REAL_NAME) != 0;
  data.categories = ld_sql_column_text (stmt, COL_CATEGORIES);
  data.summary = ld_sql_column_text (stmt, COL_SUMMARY);
  data.full_text = ld_sql_column_text (stmt, COL_FULL_TEXT);
  data.routing = ld_sql_column_text (stmt, COL_ROUTING);
  data.routed_to = ld_sql_column_text (stmt, COL_ROUTED_TO);
  data.routed_date = ld_sql_column_text (stmt, COL_ROUTED_DATE);
  data.status = ld_sql_column_text (stmt, COL_STATUS);
  data.repeat_of = sqlite3_column_int64 (stmt, COL_REPEAT_OF);
  data.repeat_of_reg_no = ld_sql_column_text (stmt, COL_REPEAT_REG_NO);
  data.n_repeats = (guint) sqlite3_column_int64 (stmt, COL_N_REPEATS);
  data.accept_notice_date = ld_sql_column_text (stmt, COL_ACCEPT_NOTICE);
  data.closed_date = ld_sql_column_text (stmt, COL_CLOSED);
  data.result = ld_sql_column_text (stmt, COL_RESULT);
  data.feedback_date = ld_sql_column_text (stmt, COL_FEEDBACK_DATE);
  data.feedback_mode = ld_sql_column_text (stmt, COL_FEEDBACK_MODE);
  data.objection_note = view == SHOW_NOTHING ? "" : ld_sql_column_text (stmt, COL_OBJECTION);
  data.retired_at = sqlite3_column_int64 (stmt, COL_RETIRED_AT);
  data.retired_reason = ld_sql_column_text (stmt, COL_RETIRED_REASON);
  data.created_at = sqlite3_column_int64 (stmt, COL_CREATED);
  data.updated_at = sqlite3_column_int64 (stmt, COL_UPDATED);

  if (view == SHOW_MASKED)
    {
      const char *name = ld_sql_column_text (stmt, COL_R_NAME);
      const char *unit = ld_sql_column_text (stmt, COL_R_UNIT);

      if (!data.real_name)
        reporter = g_strdup (_("Anonymous"));
      else if (*name != '\0')
        reporter = ld_mask_name (name);
      else
        reporter = mask_name_or_empty (unit);
      reporter_unit = mask_text_or_empty (unit);
      reporter_contact = mask_text_or_empty (ld_sql_column_text (stmt, COL_R_CONTACT));
      reporter_address = mask_text_or_empty (ld_sql_column_text (stmt, COL_R_ADDRESS));
    }
  data.reporter_masked = reporter;
  data.reporter_unit_masked = reporter_unit;
  data.reporter_contact_masked = reporter_contact;
  data.reporter_address_masked = reporter_address;

  /* Persons reported. */
  sqlite3_reset (details->persons);
  sqlite3_bind_int64 (details->persons, 1, id);
  while ((rc = sqlite3_step (details->persons)) == SQLITE_ROW)
    {
      LdPetitionPerson *person = ld_petition_person_new_text (ld_sql_column_text (details->persons, 1),
                                                              ld_sql_column_text (details->persons, 2),
                                                              ld_sql_column_text (details->persons, 3));

      person->cadre_id = sqlite3_column_int64 (details->persons, 0);
      g_ptr_array_add (persons, person);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  data.persons = persons;

  /* Units concerned, the petition's own first. */
  g_array_append_val (unit_ids, data.unit_id);
  g_string_append (units_text, data.unit_name);
  sqlite3_reset (details->units);
  sqlite3_bind_int64 (details->units, 1, id);
  while ((rc = sqlite3_step (details->units)) == SQLITE_ROW)
    {
      gint64 unit = sqlite3_column_int64 (details->units, 0);

      g_array_append_val (unit_ids, unit);
      /* Translators: separates the units concerned in one line. */
      g_string_append (units_text, C_("list separator", "、"));
      g_string_append (units_text, ld_sql_column_text (details->units, 1));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  data.unit_ids = (const gint64 *) (gpointer) unit_ids->data;
  data.n_unit_ids = unit_ids->len;
  data.units_text = units_text->str;

  return _ld_petition_new (&data);
}

/* The petition if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is not retired. */
static LdPetition *
load_petition (LdVault   *vault,
               gint64     id,
               gboolean   writable,
               GError   **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_auto(Details) details = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LdPetition) petition = NULL;
  int rc;

  stmt = _ld_scope_prepare (vault,
                            "SELECT " PETITION_COLUMNS REPORTER_COLUMNS PETITION_FROM REPORTER_JOIN
                            " WHERE p.id = ?2 AND p.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL || !details_prepare (db, &details, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  petition = read_petition (db, stmt, &details, SHOW_MASKED, error);
  if (petition == NULL)
    return NULL;
  if (writable && ld_petition_get_retired_at (petition) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is retired and cannot be changed."), ld_petition_get_reg_no (petition));
      return NULL;
    }
  return g_steal_pointer (&petition);
}

/* --- Checks ------------------------------------------------------------------------ */

static gboolean
check_unit (LdVault   *vault,
            gint64     unit_id,
            GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT retired_at IS NOT NULL, name FROM units"
                                                             " WHERE id = ?2 AND id IN (SELECT id FROM visible_units)",
                                                             unit_id, &found, error);

  if (stmt == NULL)
    {
      if (!found)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no unit record number %lld in your scope. Check the number with “unit list”."),
                     (long long) unit_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit %s is retired. Choose the unit that took over its work."),
                   ld_sql_column_text (stmt, 1));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_cadre (LdVault   *vault,
             gint64     cadre_id,
             GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT 1 FROM cadres c"
                                                             " WHERE c.id = ?2"
                                                             " AND c.unit_id IN (SELECT id FROM visible_units)",
                                                             cadre_id, &found, error);

  if (stmt == NULL && !found)
    _ld_records_set_cadre_not_found (error, cadre_id);
  return stmt != NULL;
}

/* The units and cadres a clean spec names are in scope. */
static gboolean
check_references (LdVault              *vault,
                  const LdPetitionSpec *clean,
                  GError              **error)
{
  if (!check_unit (vault, clean->unit_id, error))
    return FALSE;
  for (guint i = 0; i < clean->more_unit_ids->len; i++)
    if (!check_unit (vault, g_array_index (clean->more_unit_ids, gint64, i), error))
      return FALSE;
  for (guint i = 0; i < clean->persons->len; i++)
    {
      const LdPetitionPerson *person = g_ptr_array_index (clean->persons, i);

      if (person->cadre_id > 0 && !check_cadre (vault, person->cadre_id, error))
        return FALSE;
    }
  return TRUE;
}

/* A date of the petition's life: not in the future, not before the date
 * it follows (NULL = no bound). */
static gboolean
check_date_order (const char  *date,
                  const char  *label,
                  const char  *after,
                  const char  *after_label,
                  GError     **error)
{
  g_autofree char *today = _ld_records_today_text ();

  if (*date == '\0')
    return TRUE;
  if (strcmp (date, today) > 0)
    {
      /* Translators: %s are a date's label and the date. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is in the future. Check the date."), label, date);
      return FALSE;
    }
  if (after != NULL && *after != '\0' && strcmp (date, after) < 0)
    {
      /* Translators: %s are a date's label, the date, the other date's label and that date. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is before %s %s. Check both dates."), label, date,
                   after_label, after);
      return FALSE;
    }
  return TRUE;
}

/* --- Versions ---------------------------------------------------------------------- */

static char *
format_ids (GArray *ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

static char *
format_persons (GPtrArray *persons)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      const LdPetitionPerson *person = g_ptr_array_index (persons, i);

      if (i > 0)
        g_string_append (out, "; ");
      if (person->cadre_id > 0)
        g_string_append_printf (out, "cadre %" G_GINT64_FORMAT, person->cadre_id);
      else
        g_string_append_printf (out, "%s/%s/%s", person->name, person->unit_text, person->post_text);
    }
  return g_string_free (out, FALSE);
}

/* The stored fields of a clean spec as key → value (never the reporter). */
static GPtrArray *
spec_fields (const LdPetitionSpec *spec)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

#define ADD(key, value) G_STMT_START { g_ptr_array_add (fields, g_strdup (key)); \
                                       g_ptr_array_add (fields, (value)); } G_STMT_END
  ADD ("unit_id", g_strdup_printf ("%" G_GINT64_FORMAT, spec->unit_id));
  ADD ("more_units", format_ids (spec->more_unit_ids));
  ADD ("kind", g_strdup (spec->kind));
  ADD ("channel", g_strdup (spec->channel));
  ADD ("received_date", g_strdup (spec->received_date));
  ADD ("real_name", g_strdup (spec->real_name ? "1" : "0"));
  ADD ("persons", format_persons (spec->persons));
  ADD ("categories", g_strdup (spec->categories));
  ADD ("summary", g_strdup (spec->summary));
  ADD ("full_text", g_strdup (spec->full_text));
  ADD ("routing", g_strdup (spec->routing));
  ADD ("routed_to", g_strdup (spec->routed_to));
  ADD ("routed_date", g_strdup (spec->routed_date));
#undef ADD
  return fields;
}

/* Lines of what changed between OLD (NULL for a new petition) and NEW;
 * names the changed keys in changed. */
static void
diff_specs (const LdPetitionSpec *old,
            const LdPetitionSpec *new,
            GString              *before,
            GString              *after,
            GString              *changed)
{
  g_autoptr(GPtrArray) a = old != NULL ? spec_fields (old) : NULL;
  g_autoptr(GPtrArray) b = spec_fields (new);

  for (guint i = 0; i < b->len; i += 2)
    {
      const char *key = g_ptr_array_index (b, i);
      const char *x = a != NULL ? g_ptr_array_index (a, i + 1) : "";
      const char *y = g_ptr_array_index (b, i + 1);

      if (old != NULL && g_str_equal (x, y))
        continue;
      if (old == NULL && *y == '\0')
        continue;
      if (old != NULL)
        _ld_record_append_field (before, key, x);
      _ld_record_append_field (after, key, y);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", key);
    }
}

/* Version and audit entry of one change, in the caller's transaction. The
 * audit names the petition and the changed keys, never their contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       id,
               const char  *reg_no,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *extra,
               gboolean     audit,
               GError     **error)
{
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_PETITION, id, event, before, after, error))
    return FALSE;
  if (!audit)
    return TRUE;
  details = g_strdup_printf ("reg_no=%s%s%s", reg_no, extra != NULL && *extra != '\0' ? "; " : "",
                             extra != NULL ? extra : "");
  return ld_audit_append (vault, event, "petition", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* --- Writes ------------------------------------------------------------------------ */

static gboolean
insert_details (sqlite3               *db,
                gint64                 id,
                const LdPetitionSpec  *clean,
                GError               **error)
{
  g_autoptr(sqlite3_stmt) person = NULL;
  g_autoptr(sqlite3_stmt) unit = NULL;

  person = ld_sql_prepare (db,
                           "INSERT INTO petition_persons (petition_id, cadre_id, name, unit_text, post_text)"
                           " VALUES (?, ?, ?, ?, ?)",
                           error);
  if (person == NULL)
    return FALSE;
  for (guint i = 0; i < clean->persons->len; i++)
    {
      const LdPetitionPerson *p = g_ptr_array_index (clean->persons, i);

      sqlite3_reset (person);
      sqlite3_bind_int64 (person, 1, id);
      if (p->cadre_id > 0)
        {
          sqlite3_bind_int64 (person, 2, p->cadre_id);
          sqlite3_bind_text (person, 3, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (person, 4, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (person, 5, "", -1, SQLITE_STATIC);
        }
      else
        {
          sqlite3_bind_null (person, 2);
          sqlite3_bind_text (person, 3, p->name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (person, 4, p->unit_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (person, 5, p->post_text, -1, SQLITE_TRANSIENT);
        }
      if (!ld_sql_step_done (db, person, error))
        return FALSE;
    }
  unit = ld_sql_prepare (db, "INSERT INTO petition_units (petition_id, unit_id) VALUES (?, ?)", error);
  if (unit == NULL)
    return FALSE;
  for (guint i = 0; i < clean->more_unit_ids->len; i++)
    {
      sqlite3_reset (unit);
      sqlite3_bind_int64 (unit, 1, id);
      sqlite3_bind_int64 (unit, 2, g_array_index (clean->more_unit_ids, gint64, i));
      if (!ld_sql_step_done (db, unit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_reporter (sqlite3           *db,
                gint64             id,
                const LdReporter  *reporter,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  del = ld_sql_prepare (db, "DELETE FROM reporters WHERE petition_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!ld_sql_step_done (db, del, error))
    return FALSE;
  if (reporter == NULL)
    return TRUE;
  ins = ld_sql_prepare (db,
                        "INSERT INTO reporters (petition_id, name, unit, contact, address, id_number)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  sqlite3_bind_text (ins, 2, reporter->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 3, reporter->unit, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 4, reporter->contact, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 5, reporter->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 6, reporter->id_number, -1, SQLITE_STATIC);
  return ld_sql_step_done (db, ins, error);
}

static gboolean
reg_no_taken (sqlite3     *db,
              const char  *reg_no,
              gboolean    *taken,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT 1 FROM petitions WHERE reg_no = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reg_no, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_reg_no (sqlite3     *db,
              const char  *reg_no,
              GError     **error)
{
  const char *dash = strchr (reg_no, '-');
  gboolean taken = FALSE;

  if (dash == NULL || dash - reg_no != 4 || strspn (reg_no, "0123456789") != 4 || strlen (dash + 1) < 4
      || strspn (dash + 1, "0123456789") != strlen (dash + 1))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a registration number. Write it as the year, “-” and four digits, "
                     "for example 2026-0001."),
                   reg_no);
      return FALSE;
    }
  if (!reg_no_taken (db, reg_no, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The registration number %s is already taken by another petition. Leave it out to take "
                     "the next free number."),
                   reg_no);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ld_petition_insert_in_tx (LdVault               *vault,
                           const LdPetitionSpec  *spec,
                           const char            *reg_no,
                           const char            *event,
                           gboolean               audit,
                           gint64                *out_id,
                           char                 **out_reg_no,
                           GError               **error)
{
  g_auto(LdPetitionSpec) clean = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *number = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 id, now = _ld_records_now ();

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!_ld_petition_spec_clean (spec, &clean, NULL, error)
      || !check_date_order (clean.received_date, _("The received date"), NULL, NULL, error)
      || !check_date_order (clean.routed_date, _("The forwarding date"), NULL, NULL, error)
      || !check_references (vault, &clean, error))
    return FALSE;

  if (reg_no != NULL && *reg_no != '\0')
    {
      if (!check_reg_no (db, reg_no, error))
        return FALSE;
      number = g_strdup (reg_no);
    }
  else
    {
      int year = atoi (clean.received_date);
      gboolean taken = TRUE;

      /* An imported ledger may have used numbers the counter has not
       * given yet: skip them. */
      while (taken)
        {
          g_free (number);
          number = _ld_record_next_reg_no (vault, "petition", year, "", error);
          if (number == NULL || !reg_no_taken (db, number, &taken, error))
            return FALSE;
        }
    }

  stmt = ld_sql_prepare (db,
                         "INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, real_name, categories,"
                         " summary, full_text, routing, routed_to, routed_date, status, account, created_at,"
                         " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, clean.unit_id);
  sqlite3_bind_text (stmt, 3, clean.kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, clean.channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, clean.received_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, clean.real_name ? 1 : 0);
  sqlite3_bind_text (stmt, 7, clean.categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, clean.summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, clean.full_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, clean.routing, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, clean.routed_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, clean.routed_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 14, now);
  sqlite3_bind_int64 (stmt, 15, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (!insert_details (db, id, &clean, error)
      || !write_reporter (db, id, clean.reporter, error))
    return FALSE;

  _ld_record_append_field (after, "reg_no", number);
  _ld_record_append_field (after, "status", "registered");
  diff_specs (NULL, &clean, before, after, changed);
  if (clean.reporter != NULL)
    _ld_record_append_field (after, "reporter", "changed");
  if (!record_change (vault, id, number, event, before->str, after->str, NULL, audit, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&number);
  return TRUE;
}

gboolean
ld_petition_repository_create (LdVault               *vault,
                               const LdPetitionSpec  *spec,
                               gint64                *out_id,
                               char                 **out_reg_no,
                               GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !ld_petition_spec_validate (spec, NULL, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_petition_insert_in_tx (vault, spec, NULL, LD_AUDIT_PETITION_CREATED, TRUE, &id, &reg_no, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

/* Whether the stored reporter has a name or a unit. */
static gboolean
reporter_is_named (LdVault   *vault,
                   gint64     id,
                   gboolean  *named,
                   GError   **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT count(*) FROM reporters WHERE petition_id = ?"
                                                 " AND (name <> '' OR unit <> '')",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *named = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

gboolean
ld_petition_repository_update (LdVault               *vault,
                               gint64                 id,
                               const LdPetitionSpec  *spec,
                               GError               **error)
{
  g_auto(LdPetitionSpec) clean = { 0 };
  g_auto(LdPetitionSpec) stored = { 0 };
  g_auto(LdPetitionSpec) stored_clean = { 0 };
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *extra = NULL;
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;
  {
    /* The stored reporter stays; a real-name report must have one. */
    LdPetitionSpec in = *spec;

    in.reporter = NULL;
    in.real_name = FALSE;
    if (!_ld_petition_spec_clean (&in, &clean, NULL, error))
      return FALSE;
    clean.real_name = spec->real_name;
    if (clean.real_name)
      {
        gboolean named = FALSE;

        if (!reporter_is_named (vault, id, &named, error))
          return FALSE;
        if (!named)
          {
            g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                                 _("A real-name report names its reporter: fill in the reporter's name or unit "
                                   "first, or keep the report anonymous."));
            return FALSE;
          }
      }
  }
  if (!check_date_order (clean.received_date, _("The received date"), NULL, NULL, error)
      || !check_date_order (clean.routed_date, _("The forwarding date"), NULL, NULL, error)
      || !check_references (vault, &clean, error))
    return FALSE;

  ld_petition_spec_init_from_petition (&stored, petition);
  /* The stored reporter is not in the spec: check the rest only. */
  stored.real_name = FALSE;
  if (_ld_petition_spec_clean (&stored, &stored_clean, NULL, NULL))
    stored_clean.real_name = ld_petition_get_real_name (petition);
  else
    {
      /* A stored value this version no longer accepts: compare as stored. */
      ld_petition_spec_clear (&stored_clean);
      ld_petition_spec_init_from_petition (&stored_clean, petition);
    }
  diff_specs (&stored_clean, &clean, before, after, changed);
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE petitions SET unit_id = ?, kind = ?, channel = ?, received_date = ?, real_name = ?,"
                         " categories = ?, summary = ?, full_text = ?, routing = ?, routed_to = ?, routed_date = ?,"
                         " updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, clean.unit_id);
  sqlite3_bind_text (stmt, 2, clean.kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, clean.channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, clean.received_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, clean.real_name ? 1 : 0);
  sqlite3_bind_text (stmt, 6, clean.categories, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, clean.summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, clean.full_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, clean.routing, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, clean.routed_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, clean.routed_date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 13, id);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  {
    g_autoptr(sqlite3_stmt) del_p = ld_sql_prepare (db, "DELETE FROM petition_persons WHERE petition_id = ?", error);
    g_autoptr(sqlite3_stmt) del_u = NULL;

    if (del_p == NULL)
      return fail (vault);
    sqlite3_bind_int64 (del_p, 1, id);
    if (!ld_sql_step_done (db, del_p, error))
      return fail (vault);
    del_u = ld_sql_prepare (db, "DELETE FROM petition_units WHERE petition_id = ?", error);
    if (del_u == NULL)
      return fail (vault);
    sqlite3_bind_int64 (del_u, 1, id);
    if (!ld_sql_step_done (db, del_u, error))
      return fail (vault);
  }
  extra = g_strdup_printf ("fields=%s", changed->str);
  if (!insert_details (db, id, &clean, error)
      || !record_change (vault, id, ld_petition_get_reg_no (petition), LD_AUDIT_PETITION_UPDATED, before->str,
                         after->str, extra, TRUE, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_petition_repository_set_reporter (LdVault           *vault,
                                     gint64             id,
                                     const LdReporter  *reporter,
                                     GError           **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(LdReporter) clean = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL || !_ld_petition_reporter_clean (reporter, &clean, error))
    return FALSE;
  if (ld_petition_get_real_name (petition) && (clean == NULL || (*clean->name == '\0' && *clean->unit == '\0')))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A real-name report names its reporter: fill in the reporter's name or unit, "
                             "or register the report as anonymous."));
      return FALSE;
    }
  _ld_record_append_field (before, "reporter", "");
  _ld_record_append_field (after, "reporter", "changed");
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!write_reporter (_ld_vault_get_db (vault), id, clean, error)
      || !record_change (vault, id, ld_petition_get_reg_no (petition), LD_AUDIT_PETITION_REPORTER_CHANGED,
                         before->str, after->str, "reporter changed", TRUE, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* One column set by a move, with its old value for the version. */
typedef struct
{
  const char *column;
  const char *old;
  char       *new;
} Change;

static void
change_clear (Change *change)
{
  g_free (change->new);
}

static const char *
status_code (const char *text)
{
  static const char * const statuses[] = {
    "registered", "accepted", "routed", "filed", "not-accepted", "closed",
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (text, statuses[i]))
      return statuses[i];
  if (text != NULL)
    {
      const char *code = ld_code_find_by_label (LD_CODE_TABLE_PETITION_STATUS, text);

      for (guint i = 0; code != NULL && i < G_N_ELEMENTS (statuses); i++)
        if (g_str_equal (code, statuses[i]))
          return statuses[i];
    }
  return NULL;
}

/* Applies the changes (the status first) to the petition and versions
 * them, in the caller's transaction. */
static gboolean
apply_changes (LdVault     *vault,
               LdPetition  *petition,
               GArray      *changes,
               const char  *event,
               const char  *extra,
               gboolean     audit,
               GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(GString) sql = g_string_new ("UPDATE petitions SET updated_at = ?");
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = 1;

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_string_append_printf (sql, ", %s = ?", c->column);
      _ld_record_append_field (before, c->column, c->old);
      _ld_record_append_field (after, c->column, c->new);
    }
  g_string_append (sql, " WHERE id = ?");
  stmt = ld_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, n++, _ld_records_now ());
  for (guint i = 0; i < changes->len; i++)
    sqlite3_bind_text (stmt, n++, g_array_index (changes, Change, i).new, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, n, ld_petition_get_id (petition));
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  return record_change (vault, ld_petition_get_id (petition), ld_petition_get_reg_no (petition), event,
                        before->str, after->str, extra, audit, error);
}

static void
add_change (GArray     *changes,
            const char *column,
            const char *old,
            const char *new)
{
  Change c = { column, old, g_strdup (new) };

  if (g_str_equal (old, new))
    {
      g_free (c.new);
      return;
    }
  g_array_append_val (changes, c);
}

gboolean
_ld_petition_move_in_tx (LdVault               *vault,
                         gint64                 id,
                         const LdPetitionMove  *move,
                         gboolean               audit,
                         GError               **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autofree char *date = NULL;
  g_autofree char *extra = NULL;
  const char *from, *to;

  g_return_val_if_fail (move != NULL, FALSE);
  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);

  to = status_code (move->status);
  if (to == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a petition status. Use one of: registered, accepted, routed, filed, "
                     "not-accepted, closed."),
                   move->status != NULL ? move->status : "");
      return FALSE;
    }
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;
  from = ld_petition_get_status (petition);
  if (!ld_petition_status_can_move (from, to, error))
    return FALSE;

  date = _ld_petition_clean_date (move->date, _("The date"), FALSE, error);
  if (date == NULL)
    return FALSE;
  add_change (changes, "status", from, to);

  if (g_str_equal (to, "accepted"))
    {
      if (*date != '\0' && !ld_petition_get_real_name (petition))
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("An anonymous report gets no acceptance notice. Leave the date out."));
          return FALSE;
        }
      if (!check_date_order (date, _("The acceptance notice date"), ld_petition_get_received_date (petition),
                             _("the received date"), error))
        return FALSE;
      if (*date != '\0')
        add_change (changes, "accept_notice_date", ld_petition_get_accept_notice_date (petition), date);
    }
  else if (g_str_equal (to, "routed"))
    {
      const char *routing = move->routing != NULL && *move->routing != '\0' ? move->routing
                                                                             : ld_petition_get_routing (petition);
      g_autofree char *routed_to = NULL;

      if (!g_str_equal (routing, "up") && !g_str_equal (routing, "down"))
        {
          const char *code = ld_code_find_by_label (LD_CODE_TABLE_ROUTING, routing);

          if (code == NULL || g_str_equal (code, "local"))
            {
              g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                                   _("Say where the petition is forwarded: up to a higher organ or down to a "
                                     "lower one."));
              return FALSE;
            }
          routing = code;
        }
      routed_to = _ld_petition_clean_text (move->routed_to != NULL && *move->routed_to != '\0'
                                             ? move->routed_to : ld_petition_get_routed_to (petition),
                                           _("The organ it is forwarded to"), 100, TRUE, FALSE, error);
      if (routed_to == NULL)
        return FALSE;
      if (*date == '\0')
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("Give the date the petition was forwarded."));
          return FALSE;
        }
      if (!check_date_order (date, _("The forwarding date"), ld_petition_get_received_date (petition),
                             _("the received date"), error))
        return FALSE;
      add_change (changes, "routing", ld_petition_get_routing (petition), routing);
      add_change (changes, "routed_to", ld_petition_get_routed_to (petition), routed_to);
      add_change (changes, "routed_date", ld_petition_get_routed_date (petition), date);
    }
  else if (g_str_equal (to, "closed"))
    {
      const char *result = NULL;

      if (move->result != NULL && *move->result != '\0')
        result = ld_code_get_label (LD_CODE_TABLE_CLUE_RESULT, move->result) != NULL
                   ? move->result : ld_code_find_by_label (LD_CODE_TABLE_CLUE_RESULT, move->result);
      if (result == NULL)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("Give the result of the petition to close it: founded, partly, unfounded or "
                                 "uncheckable."));
          return FALSE;
        }
      if (*date == '\0')
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID, _("Give the closing date."));
          return FALSE;
        }
      if (!check_date_order (date, _("The closing date"), ld_petition_get_received_date (petition),
                             _("the received date"), error))
        return FALSE;
      add_change (changes, "closed_date", ld_petition_get_closed_date (petition), date);
      add_change (changes, "result", ld_petition_get_result (petition), result);
    }
  else if (*date != '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("This move carries no date. Leave the date out."));
      return FALSE;
    }

  extra = g_strdup_printf ("from=%s; to=%s", from, to);
  return apply_changes (vault, petition, changes, LD_AUDIT_PETITION_MOVED, extra, audit, error);
}

gboolean
ld_petition_repository_move (LdVault               *vault,
                             gint64                 id,
                             const LdPetitionMove  *move,
                             GError               **error)
{
  g_return_val_if_fail (move != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_petition_move_in_tx (vault, id, move, TRUE, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_petition_repository_set_accept_notice (LdVault     *vault,
                                          gint64       id,
                                          const char  *date,
                                          GError     **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autofree char *clean = NULL;
  const char *status;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;
  clean = _ld_petition_clean_date (date, _("The acceptance notice date"), TRUE, error);
  if (clean == NULL)
    return FALSE;
  if (!ld_petition_get_real_name (petition))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("An anonymous report gets no acceptance notice."));
      return FALSE;
    }
  status = ld_petition_get_status (petition);
  if (!g_str_equal (status, "accepted") && !g_str_equal (status, "closed"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is not accepted (it is “%s”): the acceptance notice is sent once it is "
                     "accepted."),
                   ld_petition_get_reg_no (petition), ld_petition_get_status_label (petition));
      return FALSE;
    }
  if (!check_date_order (clean, _("The acceptance notice date"), ld_petition_get_received_date (petition),
                         _("the received date"), error))
    return FALSE;
  add_change (changes, "accept_notice_date", ld_petition_get_accept_notice_date (petition), clean);
  if (changes->len == 0)
    return TRUE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_changes (vault, petition, changes, LD_AUDIT_PETITION_UPDATED, "fields=accept_notice_date", TRUE,
                      error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_petition_repository_set_feedback (LdVault     *vault,
                                     gint64       id,
                                     const char  *date,
                                     const char  *mode,
                                     const char  *objection_note,
                                     GError     **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autofree char *clean_date = NULL;
  g_autofree char *clean_mode = NULL;
  g_autofree char *clean_note = NULL;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;
  if ((clean_date = _ld_petition_clean_date (date, _("The feedback date"), TRUE, error)) == NULL
      || (clean_mode = _ld_petition_clean_text (mode, _("The way the feedback was given"), MAX_FEEDBACK_MODE, TRUE,
                                                FALSE, error)) == NULL
      || (clean_note = _ld_petition_clean_text (objection_note, _("The objection note"), MAX_OBJECTION, FALSE, TRUE,
                                                error)) == NULL)
    return FALSE;
  if (!ld_petition_get_real_name (petition))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("An anonymous report gets no result feedback."));
      return FALSE;
    }
  if (!g_str_equal (ld_petition_get_status (petition), "closed"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is not closed (it is “%s”): the result feedback follows the closing."),
                   ld_petition_get_reg_no (petition), ld_petition_get_status_label (petition));
      return FALSE;
    }
  if (!check_date_order (clean_date, _("The feedback date"), ld_petition_get_closed_date (petition),
                         _("the closing date"), error))
    return FALSE;
  add_change (changes, "feedback_date", ld_petition_get_feedback_date (petition), clean_date);
  add_change (changes, "feedback_mode", ld_petition_get_feedback_mode (petition), clean_mode);
  add_change (changes, "objection_note", ld_petition_get_objection_note (petition), clean_note);
  if (changes->len == 0)
    return TRUE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!apply_changes (vault, petition, changes, LD_AUDIT_PETITION_FEEDBACK, NULL, TRUE, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_petition_repository_retire (LdVault     *vault,
                               gint64       id,
                               const char  *reason,
                               GError     **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autofree char *clean_reason = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gint64 now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason"), MAX_REASON, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;

  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE petitions SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, id, ld_petition_get_reg_no (petition), LD_AUDIT_PETITION_RETIRED, before->str,
                         after->str, NULL, TRUE, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ------------------------------------------------------------------------- */

LdPetition *
ld_petition_repository_get (LdVault   *vault,
                            gint64     id,
                            GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_petition (vault, id, FALSE, error);
}

LdPetition *
ld_petition_repository_find_by_reg_no (LdVault     *vault,
                                       const char  *reg_no,
                                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (reg_no != NULL ? reg_no : ""));
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            "SELECT p.id FROM petitions p"
                            " WHERE p.reg_no = ?2 AND p.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no petition with the registration number %s in your scope. Check it with "
                     "“petition list”."),
                   clean);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return load_petition (vault, sqlite3_column_int64 (stmt, 0), FALSE, error);
}

/* The filter's conditions; parameters from ?2 (see bind_filter()). */
#define FILTER_CTE \
  ", sub(id) AS (SELECT ?2 UNION SELECT u2.id FROM units u2 JOIN sub ON u2.parent_id = sub.id) "
#define FILTER_WHERE \
  " WHERE p.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR p.unit_id IN (SELECT id FROM sub)" \
  "      OR EXISTS (SELECT 1 FROM petition_units pu WHERE pu.petition_id = p.id AND pu.unit_id IN (SELECT id FROM sub)))" \
  " AND (?3 IS NULL OR p.status = ?3)" \
  " AND (?4 IS NULL OR substr (p.received_date, 1, 4) = ?4)" \
  " AND (?5 IS NULL OR p.received_date >= ?5)" \
  " AND (?6 IS NULL OR p.received_date <= ?6)" \
  " AND (?7 IS NULL OR p.kind = ?7)" \
  " AND (?8 IS NULL OR p.channel = ?8)" \
  " AND (?9 = 0 OR EXISTS (SELECT 1 FROM petition_persons pp WHERE pp.petition_id = p.id AND pp.cadre_id = ?9))" \
  " AND (?10 = 0 OR (?10 = 1 AND p.repeat_of IS NOT NULL) OR (?10 = 2 AND p.repeat_of IS NULL))" \
  " AND (?11 IS NULL OR instr (lower (p.reg_no), ?11) > 0 OR instr (lower (p.summary), ?11) > 0" \
  "      OR instr (lower (p.full_text), ?11) > 0" \
  "      OR EXISTS (SELECT 1 FROM petition_persons pp LEFT JOIN cadres c ON c.id = pp.cadre_id" \
  "                 WHERE pp.petition_id = p.id AND (instr (lower (pp.name), ?11) > 0" \
  "                 OR instr (lower (pp.unit_text), ?11) > 0 OR instr (lower (pp.post_text), ?11) > 0" \
  "                 OR instr (lower (ifnull (c.name, '')), ?11) > 0)))" \
  " AND (?12 OR p.retired_at IS NULL)"

static gboolean
bind_filter (sqlite3_stmt           *stmt,
             const LdPetitionFilter *filter,
             GError                **error)
{
  LdPetitionFilter empty = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *year = NULL;
  g_autofree char *text = NULL;

  if (filter == NULL)
    filter = &empty;
  if ((from = _ld_petition_clean_date (filter->date_from, _("The first date"), FALSE, error)) == NULL
      || (to = _ld_petition_clean_date (filter->date_to, _("The last date"), FALSE, error)) == NULL)
    return FALSE;
  if (filter->year != 0)
    year = g_strdup_printf ("%04d", filter->year);
  if (filter->text != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (filter->text));

      text = g_ascii_strdown (trimmed, -1);
    }
  sqlite3_bind_int64 (stmt, 2, filter->unit_id);
  _ld_records_bind_optional_text (stmt, 3, filter->status);
  _ld_records_bind_optional_text (stmt, 4, year);
  _ld_records_bind_optional_text (stmt, 5, from);
  _ld_records_bind_optional_text (stmt, 6, to);
  _ld_records_bind_optional_text (stmt, 7, filter->kind);
  _ld_records_bind_optional_text (stmt, 8, filter->channel);
  sqlite3_bind_int64 (stmt, 9, filter->cadre_id);
  sqlite3_bind_int (stmt, 10, (int) filter->repeats);
  _ld_records_bind_optional_text (stmt, 11, text);
  sqlite3_bind_int (stmt, 12, filter->include_retired ? 1 : 0);
  return TRUE;
}

/* Reads every row of stmt into an array of petitions. */
static GPtrArray *
read_all (LdVault       *vault,
          sqlite3_stmt  *stmt,
          ReporterView   view,
          GError       **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Details) details = { 0 };
  int rc;

  if (!details_prepare (db, &details, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdPetition *petition = read_petition (db, stmt, &details, view, error);

      if (petition == NULL)
        return NULL;
      g_ptr_array_add (list, petition);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
ld_petition_repository_list (LdVault                 *vault,
                             const LdPetitionFilter  *filter,
                             GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " PETITION_COLUMNS REPORTER_COLUMNS PETITION_FROM REPORTER_JOIN
                            FILTER_WHERE " ORDER BY p.received_date DESC, p.id DESC LIMIT ?13 OFFSET ?14",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 13, filter != NULL && filter->limit > 0 ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 14, filter != NULL ? (gint64) filter->offset : 0);
  return read_all (vault, stmt, SHOW_MASKED, error);
}

gboolean
ld_petition_repository_count (LdVault                 *vault,
                              const LdPetitionFilter  *filter,
                              gint64                  *count,
                              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (count != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM petitions p" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
ld_petition_repository_list_for_cadre (LdVault   *vault,
                                       gint64     cadre_id,
                                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !check_cadre (vault, cadre_id, error))
    return NULL;
  /* No join with reporters at all. */
  stmt = _ld_scope_prepare (vault,
                            "SELECT " PETITION_COLUMNS NO_REPORTER_COLUMNS PETITION_FROM
                            " WHERE p.unit_id IN (SELECT id FROM visible_units) AND p.retired_at IS NULL"
                            " AND EXISTS (SELECT 1 FROM petition_persons pp WHERE pp.petition_id = p.id"
                            "             AND pp.cadre_id = ?2)"
                            " ORDER BY p.received_date DESC, p.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  return read_all (vault, stmt, SHOW_NOTHING, error);
}

/* --- Repeats ----------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  double score;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static char *
report_text (const char *summary,
             const char *full_text)
{
  return g_strconcat (summary != NULL ? summary : "", "\n", full_text != NULL ? full_text : "", NULL);
}

/* Candidates for persons and text; exclude_id and the repeats of
 * exclude_root (0 = none) left out. */
static GPtrArray *
find_candidates (LdVault     *vault,
                 GPtrArray   *persons,
                 const char  *summary,
                 const char  *full_text,
                 gint64       exclude_id,
                 gint64       exclude_root,
                 GArray     **out_scores,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = report_text (summary, full_text);

  stmt = _ld_scope_prepare (vault,
                            "SELECT DISTINCT p.id, p.summary, p.full_text FROM petitions p"
                            " JOIN petition_persons pp ON pp.petition_id = p.id"
                            " WHERE p.unit_id IN (SELECT id FROM visible_units) AND p.retired_at IS NULL"
                            " AND p.id <> ?2 AND (?3 = 0 OR ifnull (p.repeat_of, 0) <> ?3)"
                            " AND ((?4 > 0 AND pp.cadre_id = ?4) OR (?4 = 0 AND pp.cadre_id IS NULL AND pp.name = ?5))",
                            error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      const LdPetitionPerson *person = g_ptr_array_index (persons, i);
      g_autofree char *name = g_strstrip (g_strdup (person->name != NULL ? person->name : ""));
      int rc;

      if (person->cadre_id <= 0 && *name == '\0')
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, exclude_id);
      sqlite3_bind_int64 (stmt, 3, exclude_root);
      sqlite3_bind_int64 (stmt, 4, MAX (person->cadre_id, 0));
      sqlite3_bind_text (stmt, 5, name, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_autofree char *other = NULL;
          Candidate c = { id, 0 };

          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          other = report_text (ld_sql_column_text (stmt, 1), ld_sql_column_text (stmt, 2));
          c.score = ld_text_similarity (text, other);
          if (c.score >= LD_REPEAT_SIMILARITY)
            g_array_append_val (found, c);
        }
      if (rc != SQLITE_DONE)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return NULL;
        }
    }
  g_array_sort (found, compare_candidates);
  for (guint i = 0; i < found->len; i++)
    {
      Candidate *c = &g_array_index (found, Candidate, i);
      LdPetition *petition = load_petition (vault, c->id, FALSE, error);

      if (petition == NULL)
        return NULL;
      g_ptr_array_add (list, petition);
      g_array_append_val (scores, c->score);
    }
  if (out_scores != NULL)
    *out_scores = g_steal_pointer (&scores);
  return g_steal_pointer (&list);
}

GPtrArray *
ld_petition_repository_repeat_candidates_for_spec (LdVault               *vault,
                                                   const LdPetitionSpec  *spec,
                                                   gint64                 exclude_id,
                                                   GArray               **out_scores,
                                                   GError               **error)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (out_scores != NULL)
    *out_scores = NULL;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return find_candidates (vault, spec->persons, spec->summary, spec->full_text, exclude_id, 0, out_scores, error);
}

GPtrArray *
ld_petition_repository_repeat_candidates (LdVault   *vault,
                                          gint64     id,
                                          GArray   **out_scores,
                                          GError   **error)
{
  g_autoptr(LdPetition) petition = NULL;

  if (out_scores != NULL)
    *out_scores = NULL;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  petition = load_petition (vault, id, FALSE, error);
  if (petition == NULL)
    return NULL;
  return find_candidates (vault, ld_petition_get_persons (petition), ld_petition_get_summary (petition),
                          ld_petition_get_full_text (petition), id, id, out_scores, error);
}

gboolean
ld_petition_repository_mark_repeat (LdVault     *vault,
                                    gint64       id,
                                    gint64       first_id,
                                    GError     **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(LdPetition) first = NULL;
  g_autoptr(LdPetition) root = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autoptr(GArray) relinked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *root_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *extra = NULL;
  sqlite3 *db;
  gint64 root_id;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  petition = load_petition (vault, id, TRUE, error);
  if (petition == NULL)
    return FALSE;
  first = load_petition (vault, first_id, FALSE, error);
  if (first == NULL)
    return FALSE;
  root_id = ld_petition_is_repeat (first) ? ld_petition_get_repeat_of (first) : first_id;
  if (root_id == id)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s cannot repeat itself or one of its own repeats. Choose an earlier report."),
                   ld_petition_get_reg_no (petition));
      return FALSE;
    }
  if (root_id != first_id)
    {
      root = load_petition (vault, root_id, FALSE, error);
      if (root == NULL)
        return FALSE;
    }
  else
    root = g_object_ref (first);
  if (ld_petition_get_retired_at (root) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s is retired; a repeat cannot be linked to it."), ld_petition_get_reg_no (root));
      return FALSE;
    }
  if (ld_petition_get_repeat_of (petition) == root_id)
    return TRUE;
  if (strcmp (ld_petition_get_received_date (root), ld_petition_get_received_date (petition)) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Petition %s was received on %s, after %s (received on %s): a repeat links to the first "
                     "report. Mark the later one as the repeat instead."),
                   ld_petition_get_reg_no (root), ld_petition_get_received_date (root),
                   ld_petition_get_reg_no (petition), ld_petition_get_received_date (petition));
      return FALSE;
    }
  if (!g_str_equal (ld_petition_get_status (petition), "filed")
      && !ld_petition_status_can_move (ld_petition_get_status (petition), "filed", error))
    return FALSE;

  root_text = g_strdup_printf ("%" G_GINT64_FORMAT, root_id);
  old_text = ld_petition_is_repeat (petition)
               ? g_strdup_printf ("%" G_GINT64_FORMAT, ld_petition_get_repeat_of (petition)) : g_strdup ("");
  add_change (changes, "status", ld_petition_get_status (petition), "filed");
  add_change (changes, "repeat_of", old_text, root_text);
  extra = g_strdup_printf ("first=%s", ld_petition_get_reg_no (root));

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  {
    /* The repeats of this one move to the root: never a chain. */
    g_autoptr(sqlite3_stmt) q = ld_sql_prepare (db, "SELECT id FROM petitions WHERE repeat_of = ?", error);
    g_autoptr(sqlite3_stmt) relink = NULL;
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    int rc;

    if (q == NULL)
      return fail (vault);
    sqlite3_bind_int64 (q, 1, id);
    while ((rc = sqlite3_step (q)) == SQLITE_ROW)
      {
        gint64 other = sqlite3_column_int64 (q, 0);

        g_array_append_val (relinked, other);
      }
    if (rc != SQLITE_DONE)
      {
        ld_sql_set_error (db, rc, error);
        return fail (vault);
      }
    relink = ld_sql_prepare (db, "UPDATE petitions SET repeat_of = ?, updated_at = ? WHERE id = ?", error);
    if (relink == NULL)
      return fail (vault);
    for (guint i = 0; i < relinked->len; i++)
      {
        gint64 other = g_array_index (relinked, gint64, i);
        g_autoptr(GString) before = g_string_new (NULL);
        g_autoptr(GString) after = g_string_new (NULL);

        sqlite3_reset (relink);
        sqlite3_bind_int64 (relink, 1, root_id);
        sqlite3_bind_int64 (relink, 2, _ld_records_now ());
        sqlite3_bind_int64 (relink, 3, other);
        _ld_record_append_field (before, "repeat_of", id_text);
        _ld_record_append_field (after, "repeat_of", root_text);
        if (!ld_sql_step_done (db, relink, error)
            || !_ld_record_add_version (vault, LD_RECORD_TYPE_PETITION, other, LD_AUDIT_PETITION_REPEAT,
                                        before->str, after->str, error))
          return fail (vault);
      }
  }
  {
    /* repeat_of is an integer column: bind it as one. */
    g_autoptr(sqlite3_stmt) set = ld_sql_prepare (db, "UPDATE petitions SET repeat_of = ? WHERE id = ?", error);

    if (set == NULL)
      return fail (vault);
    sqlite3_bind_int64 (set, 1, root_id);
    sqlite3_bind_int64 (set, 2, id);
    if (!ld_sql_step_done (db, set, error))
      return fail (vault);
  }
  /* apply_changes() writes text; repeat_of is set above, keep only the version. */
  {
    g_autoptr(GArray) status_only = g_array_new (FALSE, TRUE, sizeof (Change));
    g_autoptr(GString) before = g_string_new (NULL);
    g_autoptr(GString) after = g_string_new (NULL);
    g_autoptr(sqlite3_stmt) set = NULL;

    g_array_set_clear_func (status_only, (GDestroyNotify) change_clear);
    set = ld_sql_prepare (db, "UPDATE petitions SET status = 'filed', updated_at = ? WHERE id = ?", error);
    if (set == NULL)
      return fail (vault);
    sqlite3_bind_int64 (set, 1, _ld_records_now ());
    sqlite3_bind_int64 (set, 2, id);
    if (!ld_sql_step_done (db, set, error))
      return fail (vault);
    for (guint i = 0; i < changes->len; i++)
      {
        Change *c = &g_array_index (changes, Change, i);

        _ld_record_append_field (before, c->column, c->old);
        _ld_record_append_field (after, c->column, c->new);
      }
    if (relinked->len > 0)
      {
        g_autofree char *ids = format_ids (relinked);

        _ld_record_append_field (after, "repeats_moved_to_first", ids);
      }
    if (!record_change (vault, id, ld_petition_get_reg_no (petition), LD_AUDIT_PETITION_REPEAT, before->str,
                        after->str, extra, TRUE, error))
      return fail (vault);
  }
  return _ld_vault_commit (vault, error);
}

gboolean
ld_petition_repository_count_repeats (LdVault   *vault,
                                      gint64     id,
                                      guint     *count,
                                      GError   **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 root;
  int rc;

  g_return_val_if_fail (count != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  petition = load_petition (vault, id, FALSE, error);
  if (petition == NULL)
    return FALSE;
  root = ld_petition_is_repeat (petition) ? ld_petition_get_repeat_of (petition) : id;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT count(*) FROM petitions WHERE repeat_of = ? AND retired_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, root);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
ld_petition_repository_versions (LdVault   *vault,
                                 gint64     id,
                                 GError   **error)
{
  g_autoptr(LdPetition) petition = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  petition = load_petition (vault, id, FALSE, error);
  if (petition == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_PETITION, id, error);
}

/* --- Reveal ------------------------------------------------------------------------ */

gboolean
ld_petition_repository_reveal_reporter (LdVault      *vault,
                                        gint64        id,
                                        const char   *reason,
                                        LdReporter  **out,
                                        GError      **error)
{
  g_autoptr(LdPetition) petition = NULL;
  g_autoptr(LdReporter) reporter = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !ld_vault_check (vault, LD_ACTION_REPORTER_IDENTITY, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason for revealing the reporter"), MAX_REASON, TRUE,
                                         error);
  if (clean_reason == NULL)
    return FALSE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  petition = load_petition (vault, id, FALSE, error);
  if (petition == NULL)
    return fail (vault);
  stmt = ld_sql_prepare (db, "SELECT name, unit, contact, address, id_number FROM reporters WHERE petition_id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reporter = ld_reporter_new (ld_sql_column_text (stmt, 0), ld_sql_column_text (stmt, 1),
                                ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 3),
                                ld_sql_column_text (stmt, 4));
  else if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return fail (vault);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* The reason, never the identity. */
  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  details = g_strdup_printf ("reg_no=%s; reason=%s", ld_petition_get_reg_no (petition), clean_reason);
  if (!ld_audit_append (vault, LD_AUDIT_PETITION_REPORTER_REVEALED, "petition", object_id, LD_AUDIT_OUTCOME_OK,
                        details, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  *out = g_steal_pointer (&reporter);
  return TRUE;
}
