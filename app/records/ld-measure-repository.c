/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-measure-private.h"
#include "records/ld-measure-repository.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-talk-private.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-categories.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MAX_NOTE   2000
#define MAX_REASON 200

/* The SELECT list of read_measure(). */
#define MEASURE_COLUMNS \
  "m.id, m.reg_no, m.cadre_id, c.name, m.unit_id, u.name, m.code, m.form, m.category, m.decision_date," \
  " m.effective_date, m.authority, m.doc_no, m.source_type, ifnull (m.source_id, 0)," \
  " ifnull (CASE m.source_type" \
  "   WHEN 'clue' THEN (SELECT s.reg_no FROM clues s WHERE s.id = m.source_id)" \
  "   WHEN 'petition' THEN (SELECT s.reg_no FROM petitions s WHERE s.id = m.source_id)" \
  "   WHEN 'talk' THEN (SELECT s.reg_no FROM talks s WHERE s.id = m.source_id) END, '')," \
  " m.categories, m.facts, m.accountability, m.extension_months, m.status, m.status_date," \
  " ifnull (m.replaced_by, 0), ifnull ((SELECT r.reg_no FROM measures r WHERE r.id = m.replaced_by), '')," \
  " ifnull (m.replaces, 0), ifnull ((SELECT r.reg_no FROM measures r WHERE r.id = m.replaces), '')," \
  " m.effect_end, m.post_level, m.groups, m.account, ifnull (m.retired_at, 0), m.retired_reason," \
  " m.created_at, m.updated_at"

#define MEASURE_FROM " FROM measures m JOIN cadres c ON c.id = m.cadre_id JOIN units u ON u.id = m.unit_id"

static LdMeasure *
read_measure (sqlite3_stmt *stmt)
{
  return _ld_measure_new (sqlite3_column_int64 (stmt, 0), ld_sql_column_text (stmt, 1),
                          sqlite3_column_int64 (stmt, 2), ld_sql_column_text (stmt, 3),
                          sqlite3_column_int64 (stmt, 4), ld_sql_column_text (stmt, 5),
                          ld_sql_column_text (stmt, 6), sqlite3_column_int (stmt, 7),
                          ld_sql_column_text (stmt, 8), ld_sql_column_text (stmt, 9),
                          ld_sql_column_text (stmt, 10), ld_sql_column_text (stmt, 11),
                          ld_sql_column_text (stmt, 12), ld_sql_column_text (stmt, 13),
                          sqlite3_column_int64 (stmt, 14), ld_sql_column_text (stmt, 15),
                          ld_sql_column_text (stmt, 16), ld_sql_column_text (stmt, 17),
                          sqlite3_column_int (stmt, 18) != 0, sqlite3_column_int (stmt, 19),
                          ld_sql_column_text (stmt, 20), ld_sql_column_text (stmt, 21),
                          sqlite3_column_int64 (stmt, 22), ld_sql_column_text (stmt, 23),
                          sqlite3_column_int64 (stmt, 24), ld_sql_column_text (stmt, 25),
                          ld_sql_column_text (stmt, 26), ld_sql_column_text (stmt, 27),
                          ld_sql_column_text (stmt, 28), ld_sql_column_text (stmt, 29),
                          sqlite3_column_int64 (stmt, 30), ld_sql_column_text (stmt, 31),
                          sqlite3_column_int64 (stmt, 32), sqlite3_column_int64 (stmt, 33));
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_measure_not_found (GError **error,
                       gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no measure number %lld in your scope. Check the number with “measure list”."),
               (long long) id);
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

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned y = 0, m = 0, d = 0;
  int end = 0;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &end) != 3 || text[end] != '\0'
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* The measure if its unit is in the session's scopes; when WRITABLE, also
 * checks that it is not retired. */
static LdMeasure *
load_measure (LdVault   *vault,
              gint64     measure_id,
              gboolean   writable,
              GError   **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT " MEASURE_COLUMNS MEASURE_FROM
                                                             " WHERE m.id = ?2"
                                                             " AND m.unit_id IN (SELECT id FROM visible_units)",
                                                             measure_id, &found, error);
  g_autoptr(LdMeasure) measure = NULL;

  if (stmt == NULL)
    {
      if (!found)
        set_measure_not_found (error, measure_id);
      return NULL;
    }
  measure = read_measure (stmt);
  if (writable && ld_measure_get_retired_at (measure) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Measure %s is retired and cannot be changed. Register a new measure instead."),
                   ld_measure_get_reg_no (measure));
      return NULL;
    }
  return g_steal_pointer (&measure);
}

/* --- References --------------------------------------------------------------------- */

/* The cadre must be in scope with an active file; *out_unit_id gets its
 * unit and *out_name (may be NULL) its name. */
static gboolean
check_cadre (LdVault     *vault,
             gint64       cadre_id,
             gint64      *out_unit_id,
             char       **out_name,
             GError     **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT c.unit_id, c.retired_at IS NOT NULL, c.name"
                                                             " FROM cadres c WHERE c.id = ?2"
                                                             " AND c.unit_id IN (SELECT id FROM visible_units)",
                                                             cadre_id, &found, error);

  if (stmt == NULL)
    {
      if (!found)
        _ld_records_set_cadre_not_found (error, cadre_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file of %s is retired: a measure for this person cannot be registered or changed."),
                   ld_sql_column_text (stmt, 2));
      return FALSE;
    }
  if (out_unit_id != NULL)
    *out_unit_id = sqlite3_column_int64 (stmt, 0);
  if (out_name != NULL)
    *out_name = g_strdup (ld_sql_column_text (stmt, 2));
  return TRUE;
}

/* The source record must exist in scope and concern the cadre: a clue
 * about the cadre, a petition reporting the cadre, a talk with the cadre. */
static gboolean
check_source (LdVault              *vault,
              const LdMeasureSpec  *clean,
              const char           *cadre_name,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql;
  int rc;

  if (clean->source_type == NULL || *clean->source_type == '\0')
    return TRUE;
  /* The record's number, whether it concerns the cadre, and its date
   * (received, or the talk's day). */
  if (g_str_equal (clean->source_type, LD_MEASURE_SOURCE_CLUE))
    sql = "SELECT s.reg_no, ifnull (s.cadre_id, 0) = ?3, s.received_date FROM clues s WHERE s.id = ?2"
          " AND s.retired_at IS NULL AND s.unit_id IN (SELECT id FROM visible_units)";
  else if (g_str_equal (clean->source_type, LD_MEASURE_SOURCE_PETITION))
    sql = "SELECT s.reg_no, EXISTS (SELECT 1 FROM petition_persons pp WHERE pp.petition_id = s.id"
          " AND pp.cadre_id = ?3), s.received_date FROM petitions s WHERE s.id = ?2"
          " AND s.retired_at IS NULL AND s.unit_id IN (SELECT id FROM visible_units)";
  else
    sql = "SELECT s.reg_no, EXISTS (SELECT 1 FROM talk_persons tp WHERE tp.talk_id = s.id"
          " AND tp.cadre_id = ?3), s.talk_date FROM talks s WHERE s.id = ?2"
          " AND s.retired_at IS NULL AND s.unit_id IN (SELECT id FROM visible_units)";

  stmt = _ld_scope_prepare (vault, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, clean->source_id);
  sqlite3_bind_int64 (stmt, 3, clean->cadre_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   /* Translators: %s is the kind of record (问题线索, 信访举报, 谈话). */
                   _("There is no active %s number %lld in your scope. Check the record the measure came from."),
                   ld_measure_source_type_get_label (clean->source_type), (long long) clean->source_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1) == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: "问题线索 2026-X0003 is not about 张三. …" */
                   _("%s %s is not about %s. Choose the record this person's measure came from."),
                   ld_measure_source_type_get_label (clean->source_type), ld_sql_column_text (stmt, 0),
                   cadre_name);
      return FALSE;
    }
  /* A measure cannot come from a record that arrived after it was decided. */
  if (clean->decision_date != NULL && *ld_sql_column_text (stmt, 2) != '\0'
      && strcmp (clean->decision_date, ld_sql_column_text (stmt, 2)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: "决定日期 2025-08-20 早于其来源问题线索 2026-X0004 的日期（2026-01-14）：
                    * 措施不可能出自此后才收到的记录。请核对日期或来源。" */
                   _("The decision date %s is before the date of its source, %s %s (%s): a measure cannot come "
                     "from a record that arrived later. Check the dates or the source."),
                   clean->decision_date, ld_measure_source_type_get_label (clean->source_type),
                   ld_sql_column_text (stmt, 0), ld_sql_column_text (stmt, 2));
      return FALSE;
    }
  return TRUE;
}

/* --- Computed columns --------------------------------------------------------------- */

/* The current form of code: the administrator's override or the table's
 * default. */
static gboolean
current_form (LdVault              *vault,
              const LdMeasureCode  *code,
              int                  *out_form,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT form FROM measure_forms WHERE code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code->code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_form = sqlite3_column_int (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_form = code->form;
  else
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return TRUE;
}

/* "top,young,new,key" of the key groups (the stored form of
 * measures.groups). */
static char *
groups_text (LdCategory categories)
{
  GString *out = g_string_new (NULL);
  static const struct
  {
    LdCategory  flag;
    const char *word;
  } words[] = {
    { LD_CATEGORY_TOP_LEADER, "top" },
    { LD_CATEGORY_YOUNG, "young" },
    { LD_CATEGORY_NEWLY_PROMOTED, "new" },
    { LD_CATEGORY_KEY_POSITION, "key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if ((categories & words[i].flag) != 0)
      g_string_append_printf (out, "%s%s", out->len ? "," : "", words[i].word);
  return g_string_free (out, FALSE);
}

/* The cadre's post level and key groups on the decision date (the
 * category rules valid then, applied to the file). */
static gboolean
cadre_groups (LdVault      *vault,
              gint64        cadre_id,
              const char   *decision_date,
              char        **out_post_level,
              char        **out_groups,
              GError      **error)
{
  g_auto(LdCategoryRules) rules = { 0 };
  g_autofree char *rules_text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  GDate reference;
  int rc;

  if (!parse_date (decision_date, &reference))
    _ld_cadre_today (&reference);
  if (!_ld_cadre_sql_register (db, error) || !_ld_cadre_rules_load (vault, &reference, &rules, error))
    return FALSE;
  rules_text = _ld_cadre_rules_to_text (&rules);
  stmt = ld_sql_prepare (db,
                         "SELECT ifnull (ld_post_level (c.post_level, c.rank), ''),"
                         " ld_categories (c.birth_date, c.post_level, c.rank, c.principal, c.promoted_at,"
                         " c.post_tags, ?2, ?3) FROM cadres c WHERE c.id = ?1",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_text (stmt, 2, rules_text, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 3, decision_date);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_post_level = g_strdup (ld_sql_column_text (stmt, 0));
      *out_groups = groups_text ((LdCategory) sqlite3_column_int64 (stmt, 1));
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *out_post_level = g_strdup ("");
      *out_groups = g_strdup ("");
      return TRUE;
    }
  ld_sql_set_error (db, rc, error);
  return FALSE;
}

/* The facts of the cadre's active measures for the rules; strings are
 * kept in strings. */
typedef struct
{
  GArray    *facts;     /* LdMeasureFacts */
  GPtrArray *strings;
  GArray    *stored;    /* gchar*: the stored effect_end of each (owned by strings) */
} CadreFacts;

static void
cadre_facts_clear (CadreFacts *facts)
{
  g_clear_pointer (&facts->facts, g_array_unref);
  g_clear_pointer (&facts->strings, g_ptr_array_unref);
  g_clear_pointer (&facts->stored, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CadreFacts, cadre_facts_clear)

static gboolean
load_cadre_facts (LdVault     *vault,
                  gint64       cadre_id,
                  CadreFacts  *out,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  int rc;

  out->facts = g_array_new (FALSE, TRUE, sizeof (LdMeasureFacts));
  out->strings = g_ptr_array_new_with_free_func (g_free);
  out->stored = g_array_new (FALSE, TRUE, sizeof (char *));
  stmt = ld_sql_prepare (db,
                         "SELECT id, code, reg_no, effective_date, extension_months, status, status_date, effect_end"
                         " FROM measures WHERE cadre_id = ? AND retired_at IS NULL"
                         " ORDER BY effective_date, id",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdMeasureFacts facts = { 0 };
      char *code = g_strdup (ld_sql_column_text (stmt, 1));
      char *reg_no = g_strdup (ld_sql_column_text (stmt, 2));
      char *stored = g_strdup (ld_sql_column_text (stmt, 7));
      LdMeasureStatus status = ld_measure_status_from_string (ld_sql_column_text (stmt, 5));

      g_ptr_array_add (out->strings, code);
      g_ptr_array_add (out->strings, reg_no);
      g_ptr_array_add (out->strings, stored);
      facts.id = sqlite3_column_int64 (stmt, 0);
      facts.code = code;
      facts.reg_no = reg_no;
      parse_date (ld_sql_column_text (stmt, 3), &facts.effective);
      facts.extension_months = sqlite3_column_int (stmt, 4);
      facts.status = status < LD_N_MEASURE_STATUSES ? status : LD_MEASURE_IN_FORCE;
      parse_date (ld_sql_column_text (stmt, 6), &facts.status_date);
      g_array_append_val (out->facts, facts);
      g_array_append_val (out->stored, stored);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Recomputes and stores the effect end of every active measure of the
 * cadre (accumulation of government sanctions included), in the caller's
 * transaction. */
static gboolean
update_effect_ends (LdVault  *vault,
                    gint64    cadre_id,
                    GError  **error)
{
  g_auto(CadreFacts) facts = { 0 };
  g_autofree LdEffectPeriod *periods = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);

  if (!load_cadre_facts (vault, cadre_id, &facts, error))
    return FALSE;
  if (facts.facts->len == 0)
    return TRUE;
  periods = g_new0 (LdEffectPeriod, facts.facts->len);
  ld_effect_periods_compute_all ((const LdMeasureFacts *) (gpointer) facts.facts->data, facts.facts->len, periods);
  stmt = ld_sql_prepare (db, "UPDATE measures SET effect_end = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < facts.facts->len; i++)
    {
      const LdMeasureFacts *f = &g_array_index (facts.facts, LdMeasureFacts, i);
      g_autofree char *end = ld_effect_period_end_text (&periods[i]);

      if (g_strcmp0 (end, g_array_index (facts.stored, char *, i)) == 0)
        continue;
      sqlite3_reset (stmt);
      bind_text (stmt, 1, end);
      sqlite3_bind_int64 (stmt, 2, f->id);
      if (!ld_sql_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* --- Versions --------------------------------------------------------------------- */

static const char * const text_columns[] = {
  "cadre_id", "unit_id", "code", "form", "category", "decision_date", "effective_date", "authority", "doc_no",
  "source_type", "source_id", "categories", "facts", "accountability", "extension_months", "status",
  "status_date", "replaced_by", "replaces",
};

#define N_TEXTS G_N_ELEMENTS (text_columns)

typedef struct
{
  char *values[N_TEXTS];
} MeasureTexts;

static void
measure_texts_clear (MeasureTexts *texts)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&texts->values[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MeasureTexts, measure_texts_clear)

static char *
id_text (gint64 id)
{
  return id > 0 ? int_text (id) : g_strdup ("");
}

static void
texts_from_spec (MeasureTexts        *texts,
                 const LdMeasureSpec *clean,
                 gint64               unit_id,
                 int                  form,
                 const char          *category,
                 const char          *status,
                 const char          *status_date,
                 gint64               replaced_by,
                 gint64               replaces)
{
  texts->values[0] = int_text (clean->cadre_id);
  texts->values[1] = int_text (unit_id);
  texts->values[2] = g_strdup (clean->code);
  texts->values[3] = int_text (form);
  texts->values[4] = g_strdup (category);
  texts->values[5] = g_strdup (clean->decision_date);
  texts->values[6] = g_strdup (clean->effective_date);
  texts->values[7] = g_strdup (clean->authority);
  texts->values[8] = g_strdup (clean->doc_no);
  texts->values[9] = g_strdup (clean->source_type);
  texts->values[10] = id_text (clean->source_id);
  texts->values[11] = g_strdup (clean->categories);
  texts->values[12] = g_strdup (clean->facts);
  texts->values[13] = int_text (clean->accountability ? 1 : 0);
  texts->values[14] = int_text (clean->extension_months);
  texts->values[15] = g_strdup (status);
  texts->values[16] = g_strdup (status_date);
  texts->values[17] = id_text (replaced_by);
  texts->values[18] = id_text (replaces);
}

static void
texts_from_measure (MeasureTexts *texts,
                    LdMeasure    *m)
{
  g_auto(LdMeasureSpec) spec = { 0 };

  ld_measure_spec_init_from_measure (&spec, m);
  texts_from_spec (texts, &spec, ld_measure_get_unit_id (m), ld_measure_get_form (m),
                   ld_measure_get_category_code (m), ld_measure_get_status_code (m),
                   ld_measure_get_status_date (m), ld_measure_get_replaced_by (m), ld_measure_get_replaces (m));
}

/* Lines of what changed between OLD (NULL for a new measure) and NEW; the
 * names of the changed columns in changed. */
static void
diff_texts (const MeasureTexts *old,
            const MeasureTexts *new,
            GString            *before,
            GString            *after,
            GString            *changed)
{
  for (guint i = 0; i < N_TEXTS; i++)
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
}

/* Version and (when AUDIT) audit entry of one change, in the caller's
 * transaction. The audit names the measure, its registration number, the
 * version and the changed columns (EXTRA: "kind=lift"), never their
 * contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       measure_id,
               const char  *reg_no,
               const char  *event,
               gboolean     audit,
               const char  *before,
               const char  *after,
               const char  *changed,
               const char  *extra,
               GError     **error)
{
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  if (!_ld_record_add_version (vault, LD_RECORD_TYPE_MEASURE, measure_id, event, before, after, error))
    return FALSE;
  if (!audit)
    return TRUE;
  object_id = int_text (measure_id);
  details = g_strdup_printf ("reg_no=%s; version=%" G_GINT64_FORMAT "%s%s%s%s", reg_no,
                             _ld_record_last_version (vault, LD_RECORD_TYPE_MEASURE, measure_id),
                             extra && *extra ? "; " : "", extra && *extra ? extra : "",
                             changed && *changed ? "; fields=" : "", changed && *changed ? changed : "");
  return ld_audit_append (vault, event, "measure", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* --- Writes ------------------------------------------------------------------------ */

/* A form-one measure from a talk is recorded on the talk (when the talk's
 * type leads to form one and no other measure is linked yet). */
static gboolean
link_talk (LdVault              *vault,
           const LdMeasureSpec  *clean,
           gint64                measure_id,
           int                   form,
           GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (form != 1 || g_strcmp0 (clean->source_type, LD_MEASURE_SOURCE_TALK) != 0)
    return TRUE;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT type, ifnull (measure_id, 0) FROM talks WHERE id = ? AND retired_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, clean->source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (ld_talk_type_form (ld_sql_column_text (stmt, 0)) != 1)
    return TRUE;
  if (sqlite3_column_int64 (stmt, 1) != 0 && sqlite3_column_int64 (stmt, 1) != measure_id)
    return TRUE;
  return _ld_talk_link_measure_in_tx (vault, clean->source_id, measure_id, clean->code, error);
}

/* Takes back the link of a talk to MEASURE_ID (the measure is retired or
 * no longer comes from it). */
static gboolean
unlink_talk (LdVault  *vault,
             gint64    talk_id,
             gint64    measure_id,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT 1 FROM talks WHERE id = ? AND measure_id = ?"
                                                 " AND retired_at IS NULL",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, talk_id);
  sqlite3_bind_int64 (stmt, 2, measure_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  return _ld_talk_link_measure_in_tx (vault, talk_id, 0, NULL, error);
}

/* Binds the 15 shared columns from ?1 (the order of the INSERT and the
 * UPDATE below). */
static void
bind_spec (sqlite3_stmt        *stmt,
           const LdMeasureSpec *clean,
           int                  form,
           const char          *category,
           const char          *post_level,
           const char          *groups)
{
  bind_text (stmt, 1, clean->code);
  sqlite3_bind_int (stmt, 2, form);
  bind_text (stmt, 3, category);
  bind_text (stmt, 4, clean->decision_date);
  bind_text (stmt, 5, clean->effective_date);
  bind_text (stmt, 6, clean->authority);
  bind_text (stmt, 7, clean->doc_no);
  bind_text (stmt, 8, clean->source_type);
  bind_id_or_null (stmt, 9, clean->source_id);
  bind_text (stmt, 10, clean->categories);
  bind_text (stmt, 11, clean->facts);
  sqlite3_bind_int (stmt, 12, clean->accountability ? 1 : 0);
  sqlite3_bind_int (stmt, 13, clean->extension_months);
  bind_text (stmt, 14, post_level);
  bind_text (stmt, 15, groups);
}

gboolean
_ld_measure_insert_in_tx (LdVault              *vault,
                          const LdMeasureSpec  *spec,
                          const char           *event,
                          gboolean              audit,
                          gint64               *out_id,
                          char                **out_reg_no,
                          GError              **error)
{
  g_auto(LdMeasureSpec) clean = { 0 };
  g_auto(MeasureTexts) texts = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reg_no = NULL;
  g_autofree char *cadre_name = NULL;
  g_autofree char *post_level = NULL;
  g_autofree char *groups = NULL;
  const LdMeasureCode *code;
  const char *category;
  sqlite3 *db = _ld_vault_get_db (vault);
  gint64 unit_id = 0, id, now = _ld_records_now ();
  int form = 1;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!_ld_measure_spec_clean (spec, &clean, NULL, error)
      || !check_cadre (vault, clean.cadre_id, &unit_id, &cadre_name, error)
      || !check_source (vault, &clean, cadre_name, error))
    return FALSE;
  code = ld_measure_code_find (clean.code);
  g_assert (code != NULL);
  category = ld_measure_category_to_string (code->category);
  if (!current_form (vault, code, &form, error)
      || !cadre_groups (vault, clean.cadre_id, clean.decision_date, &post_level, &groups, error))
    return FALSE;
  reg_no = _ld_record_next_reg_no (vault, LD_RECORD_TYPE_MEASURE,
                                   (int) g_ascii_strtoll (clean.decision_date, NULL, 10), "M", error);
  if (reg_no == NULL)
    return FALSE;

  stmt = ld_sql_prepare (db,
                         "INSERT INTO measures (code, form, category, decision_date, effective_date, authority,"
                         " doc_no, source_type, source_id, categories, facts, accountability, extension_months,"
                         " post_level, groups, reg_no, cadre_id, unit_id, account, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                         " ?18, ?19, ?20, ?20)",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_spec (stmt, &clean, form, category, post_level, groups);
  bind_text (stmt, 16, reg_no);
  sqlite3_bind_int64 (stmt, 17, clean.cadre_id);
  sqlite3_bind_int64 (stmt, 18, unit_id);
  bind_text (stmt, 19, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 20, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  if (!update_effect_ends (vault, clean.cadre_id, error) || !link_talk (vault, &clean, id, form, error))
    return FALSE;

  _ld_record_append_field (after, "reg_no", reg_no);
  texts_from_spec (&texts, &clean, unit_id, form, category, ld_measure_status_to_string (LD_MEASURE_IN_FORCE),
                   "", 0, 0);
  diff_texts (NULL, &texts, before, after, changed);
  if (!record_change (vault, id, reg_no, event, audit, before->str, after->str, NULL, NULL, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  if (out_reg_no != NULL)
    *out_reg_no = g_steal_pointer (&reg_no);
  return TRUE;
}

gboolean
ld_measure_repository_create (LdVault              *vault,
                              const LdMeasureSpec  *spec,
                              gint64               *out_id,
                              char                **out_reg_no,
                              GError              **error)
{
  g_autofree char *reg_no = NULL;
  gint64 id = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  /* Check the input before opening a transaction. */
  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !ld_measure_spec_validate (spec, NULL, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_measure_insert_in_tx (vault, spec, LD_AUDIT_MEASURE_CREATED, TRUE, &id, &reg_no, error))
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
ld_measure_repository_update (LdVault              *vault,
                              gint64                measure_id,
                              const LdMeasureSpec  *spec,
                              GError              **error)
{
  g_auto(LdMeasureSpec) clean = { 0 };
  g_auto(MeasureTexts) old_texts = { 0 };
  g_auto(MeasureTexts) new_texts = { 0 };
  g_autoptr(LdMeasure) measure = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cadre_name = NULL;
  g_autofree char *post_level = NULL;
  g_autofree char *groups = NULL;
  const LdMeasureCode *code;
  const char *category;
  int form = 1;
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  measure = load_measure (vault, measure_id, TRUE, error);
  if (measure == NULL || !_ld_measure_spec_clean (spec, &clean, NULL, error))
    return FALSE;
  if (clean.cadre_id != ld_measure_get_cadre_id (measure))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Measure %s belongs to %s and cannot be moved to another cadre. Retire it and register "
                     "the measure for the right person."),
                   ld_measure_get_reg_no (measure), ld_measure_get_cadre_name (measure));
      return FALSE;
    }
  if (!check_cadre (vault, clean.cadre_id, NULL, &cadre_name, error)
      || !check_source (vault, &clean, cadre_name, error))
    return FALSE;
  code = ld_measure_code_find (clean.code);
  g_assert (code != NULL);
  category = ld_measure_category_to_string (code->category);
  if (!current_form (vault, code, &form, error))
    return FALSE;

  texts_from_measure (&old_texts, measure);
  texts_from_spec (&new_texts, &clean, ld_measure_get_unit_id (measure), form, category,
                   ld_measure_get_status_code (measure), ld_measure_get_status_date (measure),
                   ld_measure_get_replaced_by (measure), ld_measure_get_replaces (measure));
  _ld_record_append_field (before, "reg_no", ld_measure_get_reg_no (measure));
  _ld_record_append_field (after, "reg_no", ld_measure_get_reg_no (measure));
  diff_texts (&old_texts, &new_texts, before, after, changed);
  if (changed->len == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!cadre_groups (vault, clean.cadre_id, clean.decision_date, &post_level, &groups, error))
    return fail (vault);
  stmt = ld_sql_prepare (db,
                         "UPDATE measures SET code = ?1, form = ?2, category = ?3, decision_date = ?4,"
                         " effective_date = ?5, authority = ?6, doc_no = ?7, source_type = ?8, source_id = ?9,"
                         " categories = ?10, facts = ?11, accountability = ?12, extension_months = ?13,"
                         " post_level = ?14, groups = ?15, updated_at = ?16 WHERE id = ?17",
                         error);
  if (stmt == NULL)
    return fail (vault);
  bind_spec (stmt, &clean, form, category, post_level, groups);
  sqlite3_bind_int64 (stmt, 16, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 17, measure_id);
  if (!ld_sql_step_done (db, stmt, error) || !update_effect_ends (vault, clean.cadre_id, error))
    return fail (vault);
  /* The talk it came from: take back the old link, record the new one. */
  if (g_str_equal (ld_measure_get_source_type (measure), LD_MEASURE_SOURCE_TALK)
      && (g_strcmp0 (clean.source_type, LD_MEASURE_SOURCE_TALK) != 0
          || clean.source_id != ld_measure_get_source_id (measure) || form != 1)
      && !unlink_talk (vault, ld_measure_get_source_id (measure), measure_id, error))
    return fail (vault);
  if (!link_talk (vault, &clean, measure_id, form, error)
      || !record_change (vault, measure_id, ld_measure_get_reg_no (measure), LD_AUDIT_MEASURE_UPDATED, TRUE,
                         before->str, after->str, changed->str, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_measure_repository_retire (LdVault     *vault,
                              gint64       measure_id,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(LdMeasure) measure = NULL;
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
  measure = load_measure (vault, measure_id, TRUE, error);
  if (measure == NULL)
    return FALSE;

  _ld_record_append_field (before, "reg_no", ld_measure_get_reg_no (measure));
  _ld_record_append_field (before, "retired_reason", "");
  _ld_record_append_field (after, "reg_no", ld_measure_get_reg_no (measure));
  _ld_record_append_field (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE measures SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, measure_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !update_effect_ends (vault, ld_measure_get_cadre_id (measure), error))
    return fail (vault);
  if (g_str_equal (ld_measure_get_source_type (measure), LD_MEASURE_SOURCE_TALK)
      && !unlink_talk (vault, ld_measure_get_source_id (measure), measure_id, error))
    return fail (vault);
  if (!record_change (vault, measure_id, ld_measure_get_reg_no (measure), LD_AUDIT_MEASURE_RETIRED, TRUE,
                      before->str, after->str, NULL, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Events ------------------------------------------------------------------------- */

static gboolean
known_event_kind (const char *kind)
{
  const char * const *kinds = ld_measure_event_kinds ();

  for (guint i = 0; kind != NULL && kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      return TRUE;
  return FALSE;
}

static gboolean
clean_event_date (const char  *text,
                  char       **out,
                  GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned y = 0, m = 0, d = 0;
  char s1 = 0, s2 = 0;
  int end = 0;

  if (*copy == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The date of the event is required. Fill it in as YYYY-MM-DD."));
      return FALSE;
    }
  if (sscanf (copy, "%4u%c%2u%c%2u%n", &y, &s1, &m, &s2, &d, &end) != 5 || copy[end] != '\0'
      || s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.')
      || y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The date of the event is not a date. Write it as YYYY-MM-DD, for example 2026-03-05."));
      return FALSE;
    }
  *out = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  {
    g_autofree char *today = _ld_records_today_text ();

    if (strcmp (*out, today) > 0)
      {
        /* Translators: %s are a date's label and the date. */
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is in the future. Check the date."),
                     _("The date of the event"), *out);
        g_clear_pointer (out, g_free);
        return FALSE;
      }
  }
  return TRUE;
}

/* The event in the caller's transaction, without a permission check;
 * audited per event only when AUDIT. */
static gboolean
add_event_in_tx (LdVault              *vault,
                 gint64                measure_id,
                 const char           *kind,
                 const char           *event_date,
                 int                   months,
                 const char           *note,
                 const LdMeasureSpec  *new_decision,
                 gboolean              audit,
                 gint64               *out_new_id,
                 GError              **error)
{
  g_autoptr(LdMeasure) measure = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *new_reg_no = NULL;
  g_autofree char *extra = NULL;
  g_auto(MeasureTexts) old_texts = { 0 };
  g_auto(MeasureTexts) new_texts = { 0 };
  g_auto(LdMeasureSpec) decision = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LdMeasureCode *code;
  const char *status = NULL;
  gint64 new_id = 0;
  int extension;
  sqlite3 *db;

  if (!known_event_kind (kind))
    {
      g_autofree char *list = g_strjoinv (", ", (GStrv) ld_measure_event_kinds ());

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not an event of a measure. Choose one of: %s."), kind ? kind : "", list);
      return FALSE;
    }
  if (!clean_event_date (event_date, &date, error))
    return FALSE;
  clean_note = _ld_records_clean_long_text (note, _("The note"), MAX_NOTE, g_str_equal (kind, "note"), error);
  if (clean_note == NULL)
    return FALSE;
  measure = load_measure (vault, measure_id, TRUE, error);
  if (measure == NULL)
    return FALSE;
  if (strcmp (date, ld_measure_get_effective_date (measure)) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The event date %s is before measure %s took effect (%s). Correct the date."),
                   date, ld_measure_get_reg_no (measure), ld_measure_get_effective_date (measure));
      return FALSE;
    }
  if (!g_str_equal (kind, "note") && ld_measure_get_status (measure) != LD_MEASURE_IN_FORCE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Measure %s is no longer in force (%s on %s): only a note can be added to it."),
                   ld_measure_get_reg_no (measure), ld_measure_get_status_label (measure),
                   ld_measure_get_status_date (measure));
      return FALSE;
    }
  code = ld_measure_code_find (ld_measure_get_code (measure));
  extension = ld_measure_get_extension_months (measure);
  if (g_str_equal (kind, "extend"))
    {
      if (code == NULL || code->effect != LD_EFFECT_PROBATION)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Only probation within the Party (留党察看) can be extended, not %s."),
                       ld_measure_get_code_label (measure));
          return FALSE;
        }
      if (ld_measure_code_get_max_extension (code) == 0)
        {
          /* 留党察看二年 is already the longest probation there is. */
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       /* Translators: 留党察看二年不能延长：留党察看期最长为二年。 */
                       _("%s cannot be extended: a probation within the Party lasts two years at most."),
                       ld_measure_get_code_label (measure));
          return FALSE;
        }
      if (months < 1 || extension + months > LD_MEASURE_MAX_EXTENSION_MONTHS)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("A probation can be extended by at most %d months in all; measure %s has %d already. "
                         "Give 1 to %d months."),
                       LD_MEASURE_MAX_EXTENSION_MONTHS, ld_measure_get_reg_no (measure), extension,
                       MAX (LD_MEASURE_MAX_EXTENSION_MONTHS - extension, 1));
          return FALSE;
        }
      extension += months;
    }
  else if (g_str_equal (kind, "lift"))
    {
      if (code == NULL || !ld_measure_code_can_lift (code))
        {
          /* Nothing lifts an expulsion, and a measure without an effect
           * period has nothing to lift. */
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       /* Translators: 开除党籍不能解除：只有有影响期的措施才能解除。 */
                       _("%s cannot be lifted: only a measure with an effect period can be."),
                       ld_measure_get_code_label (measure));
          return FALSE;
        }
      status = ld_measure_status_to_string (LD_MEASURE_LIFTED);
    }
  else if (g_str_equal (kind, "appeal-revoked"))
    status = ld_measure_status_to_string (LD_MEASURE_REVOKED);
  else if (g_str_equal (kind, "appeal-changed"))
    {
      if (new_decision == NULL)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("An appeal that changed the measure needs the new decision. Give its measure "
                                 "code and dates."));
          return FALSE;
        }
      if (new_decision->cadre_id != 0 && new_decision->cadre_id != ld_measure_get_cadre_id (measure))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The new decision must be for %s, the person of measure %s."),
                       ld_measure_get_cadre_name (measure), ld_measure_get_reg_no (measure));
          return FALSE;
        }
      decision = *new_decision;
      decision.cadre_id = ld_measure_get_cadre_id (measure);
      /* Borrowed strings: copy them so the cleanup frees our own. */
      decision.code = g_strdup (new_decision->code);
      decision.decision_date = g_strdup (new_decision->decision_date && *new_decision->decision_date
                                         ? new_decision->decision_date : date);
      decision.effective_date = g_strdup (new_decision->effective_date);
      decision.authority = g_strdup (new_decision->authority);
      decision.doc_no = g_strdup (new_decision->doc_no);
      decision.source_type = g_strdup (new_decision->source_type && *new_decision->source_type
                                       ? new_decision->source_type : ld_measure_get_source_type (measure));
      if (new_decision->source_type == NULL || *new_decision->source_type == '\0')
        decision.source_id = ld_measure_get_source_id (measure);
      decision.categories = g_strdup (new_decision->categories && *new_decision->categories
                                      ? new_decision->categories : ld_measure_get_categories (measure));
      decision.facts = g_strdup (new_decision->facts && *new_decision->facts
                                 ? new_decision->facts : ld_measure_get_facts (measure));
      if (!ld_measure_spec_validate (&decision, NULL, error))
        return FALSE;
      status = ld_measure_status_to_string (LD_MEASURE_CHANGED);
    }

  db = _ld_vault_get_db (vault);
  texts_from_measure (&old_texts, measure);
  if (g_str_equal (kind, "appeal-changed"))
    {
      g_autoptr(sqlite3_stmt) link = NULL;

      if (!_ld_measure_insert_in_tx (vault, &decision, LD_AUDIT_MEASURE_CREATED, audit, &new_id, &new_reg_no, error))
        return FALSE;
      link = ld_sql_prepare (db, "UPDATE measures SET replaces = ? WHERE id = ?", error);
      if (link == NULL)
        return FALSE;
      sqlite3_bind_int64 (link, 1, measure_id);
      sqlite3_bind_int64 (link, 2, new_id);
      if (!ld_sql_step_done (db, link, error))
        return FALSE;
    }
  stmt = ld_sql_prepare (db,
                         "UPDATE measures SET status = ifnull (?1, status),"
                         " status_date = CASE WHEN ?1 IS NULL THEN status_date ELSE ?2 END,"
                         " extension_months = ?3, replaced_by = ifnull (?4, replaced_by), updated_at = ?5"
                         " WHERE id = ?6",
                         error);
  if (stmt == NULL)
    return FALSE;
  _ld_records_bind_optional_text (stmt, 1, status);
  bind_text (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, extension);
  bind_id_or_null (stmt, 4, new_id);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 6, measure_id);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = ld_sql_prepare (db,
                         "INSERT INTO measure_events (measure_id, event_date, kind, note, new_measure_id, account,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, measure_id);
  bind_text (stmt, 2, date);
  bind_text (stmt, 3, kind);
  bind_text (stmt, 4, clean_note);
  bind_id_or_null (stmt, 5, new_id);
  bind_text (stmt, 6, ld_vault_get_session (vault)->name);
  sqlite3_bind_int64 (stmt, 7, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error)
      || !update_effect_ends (vault, ld_measure_get_cadre_id (measure), error))
    return FALSE;

  {
    g_auto(LdMeasureSpec) spec = { 0 };

    ld_measure_spec_init_from_measure (&spec, measure);
    spec.extension_months = extension;
    texts_from_spec (&new_texts, &spec, ld_measure_get_unit_id (measure), ld_measure_get_form (measure),
                     ld_measure_get_category_code (measure),
                     status ? status : ld_measure_get_status_code (measure),
                     status ? date : ld_measure_get_status_date (measure),
                     new_id ? new_id : ld_measure_get_replaced_by (measure), ld_measure_get_replaces (measure));
  }
  _ld_record_append_field (before, "reg_no", ld_measure_get_reg_no (measure));
  _ld_record_append_field (after, "reg_no", ld_measure_get_reg_no (measure));
  diff_texts (&old_texts, &new_texts, before, after, changed);
  _ld_record_append_field (after, "event", kind);
  _ld_record_append_field (after, "event_date", date);
  extra = g_strdup_printf ("kind=%s", kind);
  if (!record_change (vault, measure_id, ld_measure_get_reg_no (measure), LD_AUDIT_MEASURE_EVENT, audit,
                      before->str, after->str, changed->str, extra, error))
    return FALSE;
  if (out_new_id != NULL)
    *out_new_id = new_id;
  return TRUE;
}

gboolean
_ld_measure_add_event_in_tx (LdVault              *vault,
                             gint64                measure_id,
                             const char           *kind,
                             const char           *event_date,
                             int                   months,
                             const char           *note,
                             const LdMeasureSpec  *new_decision,
                             gint64               *out_new_id,
                             GError              **error)
{
  return add_event_in_tx (vault, measure_id, kind, event_date, months, note, new_decision, FALSE, out_new_id,
                          error);
}

gboolean
ld_measure_repository_add_event (LdVault              *vault,
                                 gint64                measure_id,
                                 const char           *kind,
                                 const char           *event_date,
                                 int                   months,
                                 const char           *note,
                                 const LdMeasureSpec  *new_decision,
                                 gint64               *out_new_id,
                                 GError              **error)
{
  gint64 new_id = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!add_event_in_tx (vault, measure_id, kind, event_date, months, note, new_decision, TRUE, &new_id, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_new_id != NULL)
    *out_new_id = new_id;
  return TRUE;
}

GPtrArray *
ld_measure_repository_list_events (LdVault   *vault,
                                   gint64     measure_id,
                                   GError   **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_measure_event_free);
  g_autoptr(LdMeasure) measure = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  measure = load_measure (vault, measure_id, FALSE, error);
  if (measure == NULL)
    return NULL;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT e.id, e.event_date, e.kind, e.note, ifnull (e.new_measure_id, 0),"
                         " ifnull ((SELECT n.reg_no FROM measures n WHERE n.id = e.new_measure_id), ''),"
                         " e.account, e.created_at FROM measure_events e WHERE e.measure_id = ?"
                         " ORDER BY e.event_date, e.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, measure_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdMeasureEvent *event = g_new0 (LdMeasureEvent, 1);
      const char *label;

      event->id = sqlite3_column_int64 (stmt, 0);
      event->measure_id = measure_id;
      event->event_date = g_strdup (ld_sql_column_text (stmt, 1));
      event->kind = g_strdup (ld_sql_column_text (stmt, 2));
      label = ld_measure_event_get_label (event->kind);
      event->kind_label = g_strdup (label != NULL ? label : event->kind);
      event->note = g_strdup (ld_sql_column_text (stmt, 3));
      event->new_measure_id = sqlite3_column_int64 (stmt, 4);
      event->new_reg_no = g_strdup (ld_sql_column_text (stmt, 5));
      event->account = g_strdup (ld_sql_column_text (stmt, 6));
      event->created_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* --- Reads ------------------------------------------------------------------------- */

LdMeasure *
ld_measure_repository_get (LdVault   *vault,
                           gint64     measure_id,
                           GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_measure (vault, measure_id, FALSE, error);
}

void
ld_measure_filter_init (LdMeasureFilter *filter)
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
  " WHERE m.unit_id IN (SELECT id FROM visible_units)" \
  " AND (?2 = 0 OR m.unit_id = ?2 OR (?3 AND m.unit_id IN (SELECT id FROM sub_units)))" \
  " AND (?4 = 0 OR m.cadre_id = ?4)" \
  " AND (?5 IS NULL OR m.decision_date >= ?5) AND (?6 IS NULL OR m.decision_date <= ?6)" \
  " AND (?7 = 0 OR m.form = ?7)" \
  " AND (?8 IS NULL OR m.category = ?8)" \
  " AND (?9 IS NULL OR m.code = ?9)" \
  " AND (?10 IS NULL OR m.status = ?10)" \
  " AND (?11 = 0 OR m.accountability <> 0)" \
  " AND (?12 IS NULL OR m.reg_no LIKE ?12 ESCAPE '\\' OR m.authority LIKE ?12 ESCAPE '\\'" \
  "      OR m.doc_no LIKE ?12 ESCAPE '\\' OR m.facts LIKE ?12 ESCAPE '\\'" \
  "      OR EXISTS (SELECT 1 FROM cadres fc WHERE fc.id = m.cadre_id AND fc.name LIKE ?12 ESCAPE '\\'))" \
  " AND (?13 OR m.retired_at IS NULL)"

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

/* Checks a filter and binds ?2 … ?13. */
static gboolean
bind_filter (sqlite3_stmt           *stmt,
             const LdMeasureFilter  *filter,
             GError                **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;
  const char *code = NULL;
  const char *category = NULL;
  const char *status = NULL;

  if (filter->form < 0 || filter->form > 4)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("%d is not one of the four forms. Give F1, F2, F3 or F4."), filter->form);
      return FALSE;
    }
  if (filter->category != NULL && *filter->category != '\0')
    {
      LdMeasureCategory c = ld_measure_category_from_string (filter->category);

      if (c >= LD_N_MEASURE_CATEGORIES)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a kind of measure. Give edu, party, gov, org, account or criminal."),
                       filter->category);
          return FALSE;
        }
      category = ld_measure_category_to_string (c);
    }
  if (filter->code != NULL && *filter->code != '\0')
    {
      g_autofree char *upper = g_ascii_strup (filter->code, -1);
      const LdMeasureCode *found = ld_measure_code_find (upper);

      if (found == NULL)
        found = ld_measure_code_lookup (filter->code, LD_N_MEASURE_CATEGORIES);
      if (found == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a measure. Choose one of the measure codes (see “measure forms”)."),
                       filter->code);
          return FALSE;
        }
      code = found->code;
    }
  if (filter->status != NULL && *filter->status != '\0')
    {
      LdMeasureStatus s = ld_measure_status_from_string (filter->status);

      if (s >= LD_N_MEASURE_STATUSES)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a status of a measure. Give in-force, lifted, changed or revoked."),
                       filter->status);
          return FALSE;
        }
      status = ld_measure_status_to_string (s);
    }
  if (filter->date_from != NULL && *filter->date_from != '\0')
    from = g_strdup (filter->date_from);
  if (filter->date_to != NULL && *filter->date_to != '\0')
    to = g_strdup (filter->date_to);
  if (filter->text != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (filter->text));

      if (*clean != '\0')
        text = like_pattern (clean);
    }

  sqlite3_bind_int64 (stmt, 2, MAX (filter->unit_id, 0));
  sqlite3_bind_int (stmt, 3, filter->with_subunits ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, MAX (filter->cadre_id, 0));
  _ld_records_bind_optional_text (stmt, 5, from);
  _ld_records_bind_optional_text (stmt, 6, to);
  sqlite3_bind_int (stmt, 7, filter->form);
  _ld_records_bind_optional_text (stmt, 8, category);
  _ld_records_bind_optional_text (stmt, 9, code);
  _ld_records_bind_optional_text (stmt, 10, status);
  sqlite3_bind_int (stmt, 11, filter->accountability_only ? 1 : 0);
  _ld_records_bind_optional_text (stmt, 12, text);
  sqlite3_bind_int (stmt, 13, filter->include_retired ? 1 : 0);
  return TRUE;
}

GPtrArray *
ld_measure_repository_list (LdVault                *vault,
                            const LdMeasureFilter  *filter,
                            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdMeasureFilter all;

  if (filter == NULL)
    {
      ld_measure_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            FILTER_CTE "SELECT " MEASURE_COLUMNS MEASURE_FROM FILTER_WHERE
                            " ORDER BY m.decision_date DESC, m.id DESC LIMIT ?14 OFFSET ?15",
                            error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return NULL;
  return _ld_records_list_page (vault, stmt, 14, filter->limit, filter->offset,
                                (LdRecordsRowFunc) read_measure, error);
}

gboolean
ld_measure_repository_count (LdVault                *vault,
                             const LdMeasureFilter  *filter,
                             guint                  *out_count,
                             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LdMeasureFilter all;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (filter == NULL)
    {
      ld_measure_filter_init (&all);
      filter = &all;
    }
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  stmt = _ld_scope_prepare (vault, FILTER_CTE "SELECT count(*) FROM measures m" FILTER_WHERE, error);
  if (stmt == NULL || !bind_filter (stmt, filter, error))
    return FALSE;
  return _ld_records_step_count (vault, stmt, out_count, error);
}

/* The cadre must be in scope (its file may be retired). */
static gboolean
cadre_visible (LdVault  *vault,
               gint64    cadre_id,
               GError  **error)
{
  gboolean found;
  g_autoptr(sqlite3_stmt) stmt = _ld_records_fetch_in_scope (vault,
                                                             "SELECT 1 FROM cadres c WHERE c.id = ?2"
                                                             " AND c.unit_id IN (SELECT id FROM visible_units)",
                                                             cadre_id, &found, error);

  if (stmt == NULL)
    {
      if (!found)
        _ld_records_set_cadre_not_found (error, cadre_id);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
ld_measure_repository_list_for_cadre (LdVault   *vault,
                                      gint64     cadre_id,
                                      gboolean   include_retired,
                                      GError   **error)
{
  LdMeasureFilter filter;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error) || !cadre_visible (vault, cadre_id, error))
    return NULL;
  ld_measure_filter_init (&filter);
  filter.cadre_id = cadre_id;
  filter.include_retired = include_retired;
  return ld_measure_repository_list (vault, &filter, error);
}

GPtrArray *
ld_measure_repository_list_by_ids (LdVault       *vault,
                                   const gint64  *ids,
                                   guint          n_ids,
                                   GError       **error)
{
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  if (n_ids == 0)
    return g_steal_pointer (&measures);
  stmt = _ld_scope_prepare (vault,
                            "SELECT " MEASURE_COLUMNS MEASURE_FROM
                            " WHERE m.id = ?2 AND m.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (measures, read_measure (stmt));
      else if (rc != SQLITE_DONE)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&measures);
}

GPtrArray *
ld_measure_repository_versions (LdVault   *vault,
                                gint64     measure_id,
                                GError   **error)
{
  g_autoptr(LdMeasure) measure = NULL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  measure = load_measure (vault, measure_id, FALSE, error);
  if (measure == NULL)
    return NULL;
  return _ld_record_list_versions (vault, LD_RECORD_TYPE_MEASURE, measure_id, error);
}

/* --- Promotion block -------------------------------------------------------------- */

gboolean
ld_measure_repository_promotion_block (LdVault           *vault,
                                       gint64             cadre_id,
                                       const GDate       *date,
                                       LdPromotionBlock  *block,
                                       GError           **error)
{
  g_auto(CadreFacts) facts = { 0 };
  GDate day;

  g_return_val_if_fail (block != NULL, FALSE);
  g_return_val_if_fail (date == NULL || g_date_valid (date), FALSE);

  memset (block, 0, sizeof *block);
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error) || !cadre_visible (vault, cadre_id, error))
    return FALSE;
  if (date != NULL)
    day = *date;
  else
    _ld_cadre_today (&day);
  if (!load_cadre_facts (vault, cadre_id, &facts, error))
    return FALSE;
  ld_promotion_block_compute ((const LdMeasureFacts *) (gpointer) facts.facts->data, facts.facts->len, &day, block);
  return TRUE;
}

/* --- The form table ---------------------------------------------------------------- */

static const LdMeasureCode *
find_code (const char  *text,
           GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *upper = g_ascii_strup (copy, -1);
  const LdMeasureCode *code = ld_measure_code_find (upper);

  if (code == NULL && *copy != '\0')
    code = ld_measure_code_lookup (copy, LD_N_MEASURE_CATEGORIES);
  if (code == NULL)
    g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                 _("“%s” is not a measure. Choose one of the measure codes (see “measure forms”)."), copy);
  return code;
}

/* The form table is read by those who read records and by the system
 * administrator who changes it (without a denied read audited first). */
static gboolean
check_forms_read (LdVault  *vault,
                  GError  **error)
{
  const LdSession *session = ld_vault_is_open (vault) ? ld_vault_get_session (vault) : NULL;

  if (session != NULL && ld_permission_check (session->role, session->grants, LD_ACTION_SETTINGS_CHANGE, NULL))
    return ld_vault_check (vault, LD_ACTION_SETTINGS_CHANGE, error);
  return ld_vault_check (vault, LD_ACTION_RECORD_READ, error);
}

GPtrArray *
ld_measure_repository_list_forms (LdVault   *vault,
                                  GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_measure_form_row_free);
  g_autoptr(GHashTable) overrides = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LdMeasureCode *codes;
  guint n_codes = 0;
  int rc;

  if (!check_forms_read (vault, error))
    return NULL;
  stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                         "SELECT code, form, reason, account, changed_at FROM measure_forms", error);
  if (stmt == NULL)
    return NULL;
  codes = ld_measure_codes (&n_codes);
  for (guint i = 0; i < n_codes; i++)
    {
      LdMeasureFormRow *row = g_new0 (LdMeasureFormRow, 1);

      row->code = g_strdup (codes[i].code);
      row->label = g_strdup (ld_measure_code_get_label (&codes[i]));
      row->category = codes[i].category;
      row->default_form = codes[i].form;
      row->form = codes[i].form;
      row->disputed = codes[i].disputed;
      row->source = g_strdup (codes[i].source != NULL ? codes[i].source : "");
      row->reason = g_strdup ("");
      row->account = g_strdup ("");
      g_ptr_array_add (rows, row);
      g_hash_table_insert (overrides, row->code, row);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdMeasureFormRow *row = g_hash_table_lookup (overrides, ld_sql_column_text (stmt, 0));

      if (row == NULL)
        continue;
      row->form = CLAMP (sqlite3_column_int (stmt, 1), 1, 4);
      row->overridden = TRUE;
      g_free (row->reason);
      row->reason = g_strdup (ld_sql_column_text (stmt, 2));
      g_free (row->account);
      row->account = g_strdup (ld_sql_column_text (stmt, 3));
      row->changed_at = sqlite3_column_int64 (stmt, 4);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
ld_measure_repository_form_of (LdVault     *vault,
                               const char  *code,
                               int         *out_form,
                               GError     **error)
{
  const LdMeasureCode *found;

  g_return_val_if_fail (out_form != NULL, FALSE);

  if (!check_forms_read (vault, error))
    return FALSE;
  found = find_code (code, error);
  return found != NULL && current_form (vault, found, out_form, error);
}

/* Stores (FORM 1..4) or removes (FORM 0) the override of CODE and rewrites
 * the form of its measures, audited, in one transaction. */
static gboolean
change_form (LdVault              *vault,
             const LdMeasureCode  *code,
             int                   form,
             const char           *reason,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  int old_form = code->form;
  int new_form = form != 0 ? form : code->form;

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!current_form (vault, code, &old_form, error))
    return fail (vault);
  del = ld_sql_prepare (db, "DELETE FROM measure_forms WHERE code = ?", error);
  if (del == NULL)
    return fail (vault);
  sqlite3_bind_text (del, 1, code->code, -1, SQLITE_STATIC);
  if (!ld_sql_step_done (db, del, error))
    return fail (vault);
  if (form != 0)
    {
      ins = ld_sql_prepare (db,
                            "INSERT INTO measure_forms (code, form, reason, account, changed_at)"
                            " VALUES (?, ?, ?, ?, ?)",
                            error);
      if (ins == NULL)
        return fail (vault);
      sqlite3_bind_text (ins, 1, code->code, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 2, form);
      bind_text (ins, 3, reason);
      bind_text (ins, 4, ld_vault_get_session (vault)->name);
      sqlite3_bind_int64 (ins, 5, _ld_records_now ());
      if (!ld_sql_step_done (db, ins, error))
        return fail (vault);
    }
  /* The stored form of every measure of the code stays in step. */
  upd = ld_sql_prepare (db, "UPDATE measures SET form = ? WHERE code = ?", error);
  if (upd == NULL)
    return fail (vault);
  sqlite3_bind_int (upd, 1, new_form);
  sqlite3_bind_text (upd, 2, code->code, -1, SQLITE_STATIC);
  if (!ld_sql_step_done (db, upd, error))
    return fail (vault);
  details = g_strdup_printf ("code=%s; form=%d; was=%d; default=%d; measures=%d%s", code->code, new_form, old_form,
                             code->form, sqlite3_changes (db), form == 0 ? "; reset" : "");
  if (!ld_audit_append (vault, LD_AUDIT_MEASURE_FORM, "measure-form", code->code, LD_AUDIT_OUTCOME_OK, details,
                        error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_measure_repository_set_form (LdVault     *vault,
                                const char  *code,
                                int          form,
                                const char  *reason,
                                GError     **error)
{
  g_autofree char *clean_reason = NULL;
  const LdMeasureCode *found;

  if (!ld_vault_check (vault, LD_ACTION_SETTINGS_CHANGE, error))
    return FALSE;
  found = find_code (code, error);
  if (found == NULL)
    return FALSE;
  if (form < 1 || form > 4)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("%d is not one of the four forms. Give F1, F2, F3 or F4."), form);
      return FALSE;
    }
  clean_reason = _ld_records_clean_text (reason, _("The reason"), MAX_REASON, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  return change_form (vault, found, form, clean_reason, error);
}

gboolean
ld_measure_repository_reset_form (LdVault     *vault,
                                  const char  *code,
                                  GError     **error)
{
  const LdMeasureCode *found;

  if (!ld_vault_check (vault, LD_ACTION_SETTINGS_CHANGE, error))
    return FALSE;
  found = find_code (code, error);
  if (found == NULL)
    return FALSE;
  return change_form (vault, found, 0, NULL, error);
}
