/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/records/ld-records-config.h"
#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-categories.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#ifdef LD_HAVE_ID_NUMBER
#include "rules/ld-id-number.h"
#endif
#ifdef LD_HAVE_SEARCH_KEYS
#include "search/ld-search-keys.h"
#endif
#ifdef LD_HAVE_SEARCH_SQLITE
#include "search/ld-search-sqlite.h"
/* strstr() in ld_contains() is faster than SQLCipher 3.4's instr(). */
#define CONTAINS "ld_contains"
#else
#define CONTAINS "instr"
#endif

#define FIELD_PTR(fields, info, type) ((type *) (gpointer) ((guint8 *) (fields) + (info)->offset))

static const char * const authorities[] = { "central", "province", "city", "county", "unit", NULL };
static const char * const statuses[] = { "serving", "left", "retired", "transferred", NULL };
static const char * const classifications[] = { "internal", "secret", "confidential", NULL };
static const char * const date_fields[] = {
  "birth_date", "party_joined", "party_full", "post_since", "rank_since", "promoted_at", NULL,
};

/* "c.unit_id, c.name, …" in field-table order. */
static const char *
field_columns (const char *prefix)
{
  static char *with_prefix;
  static char *plain;
  char **slot = prefix[0] ? &with_prefix : &plain;

  if (g_once_init_enter (slot))
    {
      guint n;
      const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (s, "%s%s%s", i ? ", " : "", prefix, table[i].column);
      g_once_init_leave (slot, g_string_free (s, FALSE));
    }
  return *slot;
}

static void
read_fields (sqlite3_stmt  *stmt,
             int            first,
             LdCadreFields *fields)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);

  for (guint i = 0; i < n; i++)
    {
      int col = first + (int) i;
      switch (table[i].type)
        {
        case LD_CADRE_FIELD_TEXT:
          *FIELD_PTR (fields, &table[i], char *) = g_strdup (ld_sql_column_text (stmt, col));
          break;
        case LD_CADRE_FIELD_INT:
          *FIELD_PTR (fields, &table[i], int) = sqlite3_column_int (stmt, col);
          break;
        case LD_CADRE_FIELD_BOOL:
          *FIELD_PTR (fields, &table[i], gboolean) = sqlite3_column_int (stmt, col) != 0;
          break;
        case LD_CADRE_FIELD_ID:
          *FIELD_PTR (fields, &table[i], gint64) = sqlite3_column_int64 (stmt, col);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
bind_fields (sqlite3_stmt        *stmt,
             int                  first,
             const LdCadreFields *fields)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);

  for (guint i = 0; i < n; i++)
    {
      int idx = first + (int) i;
      switch (table[i].type)
        {
        case LD_CADRE_FIELD_TEXT:
          sqlite3_bind_text (stmt, idx, *FIELD_PTR (fields, &table[i], char *), -1, SQLITE_TRANSIENT);
          break;
        case LD_CADRE_FIELD_INT:
          sqlite3_bind_int (stmt, idx, *FIELD_PTR (fields, &table[i], int));
          break;
        case LD_CADRE_FIELD_BOOL:
          sqlite3_bind_int (stmt, idx, *FIELD_PTR (fields, &table[i], gboolean) ? 1 : 0);
          break;
        case LD_CADRE_FIELD_ID:
          sqlite3_bind_int64 (stmt, idx, *FIELD_PTR (fields, &table[i], gint64));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The SELECT list: record id, the fields, unit name, retirement, times,
 * the manual tags (separated by U+001F, which a tag never holds). */
static char *
select_sql (void)
{
  return g_strdup_printf ("SELECT c.id, %s, u.name, ifnull (c.retired_at, 0), c.retired_reason, c.created_at,"
                          " c.updated_at, ifnull ((SELECT group_concat (t.tag, char (31)) FROM cadre_tags t"
                          " WHERE t.cadre_id = c.id), '')"
                          " FROM cadres c JOIN units u ON u.id = c.unit_id",
                          field_columns ("c."));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_strings_ptr (gconstpointer a,
                     gconstpointer b)
{
  return compare_strings (a, b, NULL);
}

/* A cadre from a row of select_sql(); categories computed with rules at
 * reference. */
static LdCadre *
read_cadre (sqlite3_stmt          *stmt,
            const LdCategoryRules *rules,
            const GDate           *reference)
{
  guint n;
  g_auto(LdCadreFields) fields = { 0 };
  g_autofree char *categories = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *sorted_tags = NULL;
  LdCadre *cadre;
  int tail;

  _ld_cadre_field_table (&n);
  read_fields (stmt, 1, &fields);
  tail = 1 + (int) n;
  cadre = ld_cadre_new (sqlite3_column_int64 (stmt, 0), &fields, ld_sql_column_text (stmt, tail),
                        sqlite3_column_int64 (stmt, tail + 1), ld_sql_column_text (stmt, tail + 2),
                        sqlite3_column_int64 (stmt, tail + 3), sqlite3_column_int64 (stmt, tail + 4));
  categories = ld_categories_format (_ld_cadre_compute_categories (rules, &fields, reference, NULL));
  _ld_cadre_set_categories (cadre, categories);
  if (*ld_sql_column_text (stmt, tail + 5) != '\0')
    {
      tags = g_strsplit (ld_sql_column_text (stmt, tail + 5), "\x1f", -1);
      g_qsort_with_data (tags, (gint) g_strv_length (tags), sizeof (char *), compare_strings, NULL);
      sorted_tags = g_strjoinv (",", tags);
      _ld_cadre_set_tags (cadre, sorted_tags);
    }
  return cadre;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no cadre record number %lld in your scope. Check the number with “cadre list”."),
               (long long) id);
}

/* The cadre if it lies in the session's scopes. */
static LdCadre *
load_cadre (LdVault   *vault,
            gint64     id,
            GError   **error)
{
  g_autofree char *select = select_sql ();
  g_autofree char *sql = g_strconcat (select, " WHERE c.id = ?2 AND +c.unit_id IN (SELECT id FROM visible_units)", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LdCategoryRules *rules;
  GDate today;
  int rc;

  rules = _ld_cadre_get_rules (vault, NULL, error);
  if (rules == NULL)
    return NULL;
  _ld_cadre_today (&today);
  stmt = _ld_scope_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_cadre (stmt, rules, &today);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
  return NULL;
}

/* --- Validation --------------------------------------------------------------- */

static gboolean
valid_date (const char *text)
{
  int y, m, d = 1;
  gsize len = strlen (text);

  if (len == 7 && sscanf (text, "%4d-%2d", &y, &m) == 2 && text[4] == '-')
    return m >= 1 && m <= 12 && y >= 1900 && y <= 2100;
  if (len == 10 && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && text[4] == '-' && text[7] == '-')
    return g_date_valid_dmy (d, m, y) && y >= 1900 && y <= 2100;
  return FALSE;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
check_choice (const char          *value,
              const char * const  *choices,
              const char          *field,
              GError             **error)
{
  g_autofree char *names = NULL;

  if (*value == '\0' || g_strv_contains (choices, value))
    return TRUE;
  names = g_strjoinv (", ", (char **) choices);
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               /* Translators: %s are a field label, the value typed, and the allowed values. */
               _("%s: unknown value “%s”. Use one of: %s."), ld_cadre_field_get_label (field), value, names);
  return FALSE;
}

/* Cleans every text field, checks the ID number and derives sex and birth
 * date from it, checks dates and codes. out gets the stored form. */
static gboolean
clean_fields (const LdCadreFields  *in,
              LdCadreFields        *out,
              GError              **error)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);
  g_autofree char *now = today ();

  ld_cadre_fields_copy (in, out);
  for (guint i = 0; i < n; i++)
    {
      char **p;
      char *clean;
      gboolean required;
      guint max;

      if (table[i].type != LD_CADRE_FIELD_TEXT)
        continue;
      p = FIELD_PTR (out, &table[i], char *);
      required = g_str_equal (table[i].column, "name") || g_str_equal (table[i].column, "id_number");
      max = g_str_equal (table[i].column, "name") ? 50 : 200;
      clean = _ld_records_clean_text (*p, ld_cadre_field_get_label (table[i].column), max, required, error);
      if (clean == NULL)
        return FALSE;
      g_free (*p);
      *p = clean;
    }

  /* Sex codes are letters; accept them in either case. */
  {
    char *upper = g_ascii_strup (out->sex, -1);
    g_free (out->sex);
    out->sex = upper;
  }
  if (!g_str_equal (out->sex, "") && !g_str_equal (out->sex, "M") && !g_str_equal (out->sex, "F"))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Sex: use M (male) or F (female), not “%s”."), out->sex);
      return FALSE;
    }
  for (guint i = 0; date_fields[i] != NULL; i++)
    {
      const char *value = NULL;

      for (guint j = 0; j < n; j++)
        if (g_str_equal (table[j].column, date_fields[i]))
          value = *FIELD_PTR (out, &table[j], char *);
      if (*value != '\0' && !valid_date (value))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%s: “%s” is not a date. Write it as YYYY-MM-DD or YYYY-MM."),
                       ld_cadre_field_get_label (date_fields[i]), value);
          return FALSE;
        }
      if (*value != '\0' && strncmp (value, now, strlen (value)) > 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s: %s lies in the future."),
                       ld_cadre_field_get_label (date_fields[i]), value);
          return FALSE;
        }
    }

#ifdef LD_HAVE_ID_NUMBER
  {
    LdIdInfo info;
    g_autofree char *birth = NULL;
    char sex[2] = { 0 };

    if (!ld_id_number_parse (out->id_number, &info, error))
      return FALSE;
    birth = g_strdup_printf ("%04d-%02d-%02d", info.birth_year, info.birth_month, info.birth_day);
    sex[0] = info.sex;
    if (strcmp (birth, now) > 0)
      {
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("The ID number gives a date of birth in the future (%s). Check the number."), birth);
        return FALSE;
      }
    if (*out->sex != '\0' && !g_str_equal (out->sex, sex))
      {
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("The sex given (%s) does not match the ID number, which says %s. Check both."),
                     ld_cadre_sex_get_label (out->sex), ld_cadre_sex_get_label (sex));
        return FALSE;
      }
    if (*out->birth_date != '\0' && !g_str_has_prefix (birth, out->birth_date))
      {
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("The date of birth given (%s) does not match the ID number, which says %s. Check both."),
                     out->birth_date, birth);
        return FALSE;
      }
    g_free (out->id_number);
    out->id_number = g_strdup (info.number);
    g_free (out->sex);
    out->sex = g_strdup (sex);
    g_free (out->birth_date);
    out->birth_date = g_steal_pointer (&birth);
  }
#else
  {
    GString *number = g_string_new (NULL);

    for (const char *p = out->id_number; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        g_string_append_c (number, g_ascii_toupper (*p));
    g_free (out->id_number);
    out->id_number = g_string_free (number, FALSE);
    if (strlen (out->id_number) != 18 && strlen (out->id_number) != 15)
      {
        g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                             _("An ID number has 18 characters (or 15 for an old one). Check the number."));
        return FALSE;
      }
  }
#endif

  if (out->grade < 0 || out->grade > 27)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Grade: %d is not a grade; grades go from 1 to 27."),
                   out->grade);
      return FALSE;
    }
  if (*out->status == '\0')
    {
      g_free (out->status);
      out->status = g_strdup ("serving");
    }
  if (!check_choice (out->authority, authorities, "authority", error)
      || !check_choice (out->status, statuses, "status", error)
      || !check_choice (out->classification, classifications, "classification", error))
    return FALSE;

  /* Post types: comma-separated codes, spaces and repeats dropped. */
  {
    g_auto(GStrv) tags = g_strsplit (out->post_tags, ",", -1);
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    GString *kept = g_string_new (NULL);

    for (guint i = 0; tags[i] != NULL; i++)
      {
        g_strstrip (tags[i]);
        if (*tags[i] == '\0' || !g_hash_table_add (seen, tags[i]))
          continue;
        if (kept->len > 0)
          g_string_append_c (kept, ',');
        g_string_append (kept, tags[i]);
      }
    g_free (out->post_tags);
    out->post_tags = g_string_free (kept, FALSE);
  }
  return TRUE;
}

/* Units found active and in scope during the current transaction: an
 * import of many rows into few units checks each unit once. */
typedef struct
{
  guint64     tx_serial;
  GHashTable *units;
} CheckedUnits;

static void
checked_units_free (gpointer data)
{
  CheckedUnits *checked = data;

  g_hash_table_unref (checked->units);
  g_free (checked);
}

static CheckedUnits *
get_checked_units (LdVault *vault)
{
  CheckedUnits *checked = g_object_get_data (G_OBJECT (vault), "ld-checked-units");
  guint64 serial = _ld_vault_get_tx_serial (vault);

  if (sqlite3_get_autocommit (_ld_vault_get_db (vault)))
    return NULL;
  if (checked == NULL)
    {
      checked = g_new0 (CheckedUnits, 1);
      checked->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (vault), "ld-checked-units", checked, checked_units_free);
    }
  if (checked->tx_serial != serial)
    {
      g_hash_table_remove_all (checked->units);
      checked->tx_serial = serial;
    }
  return checked;
}

static gboolean
check_unit (LdVault   *vault,
            gint64     unit_id,
            GError   **error)
{
  CheckedUnits *checked = get_checked_units (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (checked != NULL && g_hash_table_contains (checked->units, &unit_id))
    return TRUE;
  stmt = _ld_scope_prepare (vault,
                            "SELECT retired_at IS NOT NULL, name FROM units WHERE id = ?2"
                            " AND id IN (SELECT id FROM visible_units)",
                            error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, unit_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("There is no unit number %lld in your scope. Choose the cadre's unit from “unit list”."),
                   (long long) unit_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The unit “%s” is retired. Choose an active unit."), ld_sql_column_text (stmt, 1));
      return FALSE;
    }
  if (checked != NULL)
    g_hash_table_add (checked->units, g_memdup2 (&unit_id, sizeof unit_id));
  return TRUE;
}

static gboolean
check_unique_id_number (LdVault     *vault,
                        const char  *id_number,
                        gint64       except_id,
                        GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db,
                                                 "SELECT count(*) FROM cadres WHERE id_number = ? AND id <> ?"
                                                 " AND retired_at IS NULL",
                                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Another cadre on file already has the ID number %s. Each person has one file: "
                     "update that file instead."), id_number);
      return FALSE;
    }
  return TRUE;
}

/* --- Versions ------------------------------------------------------------------ */

static void
append_line (GString    *out,
             const char *column,
             const char *value)
{
  g_string_append (out, column);
  g_string_append_c (out, '=');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
}

/* Fills before/after with the changed fields (old NULL = a new file) and
 * names them in changed ("name,post"). */
static void
diff_fields (const LdCadreFields *old,
             const LdCadreFields *new,
             GString             *before,
             GString             *after,
             GString             *changed)
{
  guint n;
  const LdCadreFieldInfo *table = _ld_cadre_field_table (&n);
  LdCadreFields empty = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = _ld_cadre_field_to_text (old ? old : &empty, &table[i]);
      g_autofree char *b = _ld_cadre_field_to_text (new, &table[i]);

      if (g_str_equal (a, b))
        continue;
      if (old != NULL)
        append_line (before, table[i].column, a);
      append_line (after, table[i].column, b);
      if (changed->len > 0)
        g_string_append_c (changed, ',');
      g_string_append (changed, table[i].column);
    }
}

gboolean
_ld_cadre_add_version (LdVault     *vault,
                       gint64       cadre_id,
                       const char  *event,
                       const char  *before,
                       const char  *after,
                       gint64      *out_seq,
                       GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 seq = 0;
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull (max (seq), 0) + 1 FROM cadre_versions WHERE cadre_id = %"
                                          G_GINT64_FORMAT, cadre_id);

  if (!ld_sql_query_int64 (db, sql, 1, &seq, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO cadre_versions (cadre_id, seq, account, ts_utc, event, before, after)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _ld_records_now ());
  sqlite3_bind_text (stmt, 5, event, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, after, -1, SQLITE_TRANSIENT);
  *out_seq = seq;
  return ld_sql_step_done (db, stmt, error);
}

/* --- Search keys ---------------------------------------------------------------- */

static void
bind_keys (sqlite3_stmt        *stmt,
           int                  first,
           const LdCadreFields *fields)
{
#ifdef LD_HAVE_SEARCH_KEYS
  g_autoptr(GBytes) stroke = ld_sort_key_stroke (fields->name);
  g_autoptr(GBytes) pinyin = ld_sort_key_pinyin (fields->name);
  g_autofree char *text = ld_search_text (fields->name, fields->id_number, fields->post);
  gsize len;
  gconstpointer data;

  data = stroke ? g_bytes_get_data (stroke, &len) : NULL;
  if (data != NULL)
    sqlite3_bind_blob (stmt, first, data, (int) len, SQLITE_TRANSIENT);
  else
    sqlite3_bind_zeroblob (stmt, first, 0);
  data = pinyin ? g_bytes_get_data (pinyin, &len) : NULL;
  if (data != NULL)
    sqlite3_bind_blob (stmt, first + 1, data, (int) len, SQLITE_TRANSIENT);
  else
    sqlite3_bind_zeroblob (stmt, first + 1, 0);
  sqlite3_bind_text (stmt, first + 2, text ? text : "", -1, SQLITE_TRANSIENT);
#else
  g_autofree char *joined = g_strjoin ("\x1f", fields->name, fields->id_number, fields->post, NULL);
  g_autofree char *text = g_utf8_casefold (joined, -1);

  sqlite3_bind_null (stmt, first);
  sqlite3_bind_null (stmt, first + 1);
  sqlite3_bind_text (stmt, first + 2, text, -1, SQLITE_TRANSIENT);
#endif
}

static char *
normalise_query (const char *query)
{
#ifdef LD_HAVE_SEARCH_KEYS
  return ld_search_normalise_query (query);
#else
  g_autofree char *copy = g_strstrip (g_strdup (query));
  return g_utf8_casefold (copy, -1);
#endif
}

/* --- Writes --------------------------------------------------------------------- */

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

gboolean
_ld_cadre_insert_in_tx (LdVault             *vault,
                        const LdCadreFields *fields,
                        const char          *event,
                        gboolean             audit,
                        gint64              *out_id,
                        GError             **error)
{
  g_auto(LdCadreFields) clean = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db = _ld_vault_get_db (vault);
  guint n;
  gint64 id, seq = 0, now = _ld_records_now ();

  g_return_val_if_fail (fields != NULL, FALSE);

  if (!clean_fields (fields, &clean, error)
      || !check_unit (vault, clean.unit_id, error)
      || !check_unique_id_number (vault, clean.id_number, 0, error))
    return FALSE;

  _ld_cadre_field_table (&n);
  g_string_append_printf (sql, "INSERT INTO cadres (%s, stroke_key, pinyin_key, search_text, created_at, updated_at)"
                               " VALUES (", field_columns (""));
  for (guint i = 0; i < n + 5; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append_c (sql, ')');

  stmt = ld_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, 1, &clean);
  bind_keys (stmt, (int) n + 1, &clean);
  sqlite3_bind_int64 (stmt, (int) n + 4, now);
  sqlite3_bind_int64 (stmt, (int) n + 5, now);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  diff_fields (NULL, &clean, before, after, changed);
  if (!_ld_cadre_add_version (vault, id, event, before->str, after->str, &seq, error))
    return FALSE;
  if (audit)
    {
      object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      details = g_strdup_printf ("version=%" G_GINT64_FORMAT "; unit=%" G_GINT64_FORMAT, seq, clean.unit_id);
      if (!ld_audit_append (vault, event, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error))
        return FALSE;
    }
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gboolean
ld_cadre_repository_create (LdVault             *vault,
                            const LdCadreFields *fields,
                            gint64              *out_id,
                            GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (fields != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_cadre_insert_in_tx (vault, fields, LD_AUDIT_CADRE_CREATED, TRUE, &id, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

static LdCadre *
load_writable (LdVault   *vault,
               gint64     id,
               GError   **error)
{
  g_autoptr(LdCadre) cadre = load_cadre (vault, id, error);

  if (cadre == NULL)
    return NULL;
  if (ld_cadre_get_retired_at (cadre) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file of %s is retired and cannot be changed."), ld_cadre_get_name (cadre));
      return NULL;
    }
  return g_steal_pointer (&cadre);
}

gboolean
_ld_cadre_update_in_tx (LdVault             *vault,
                        gint64               id,
                        const LdCadreFields *fields,
                        const char          *event,
                        gboolean             audit,
                        gboolean            *out_changed,
                        GError             **error)
{
  g_auto(LdCadreFields) clean = { 0 };
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new ("UPDATE cadres SET ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  const LdCadreFieldInfo *table;
  sqlite3 *db = _ld_vault_get_db (vault);
  guint n;
  gint64 seq = 0;

  g_return_val_if_fail (fields != NULL, FALSE);

  if (out_changed != NULL)
    *out_changed = FALSE;
  cadre = load_writable (vault, id, error);
  if (cadre == NULL || !clean_fields (fields, &clean, error))
    return FALSE;
  if (clean.unit_id != ld_cadre_get_unit_id (cadre) && !check_unit (vault, clean.unit_id, error))
    return FALSE;
  if (!check_unique_id_number (vault, clean.id_number, id, error))
    return FALSE;
  diff_fields (ld_cadre_get_fields (cadre), &clean, before, after, changed);
  if (changed->len == 0)
    return TRUE;

  table = _ld_cadre_field_table (&n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s = ?, ", table[i].column);
  g_string_append (sql, "stroke_key = ?, pinyin_key = ?, search_text = ?, updated_at = ? WHERE id = ?");

  stmt = ld_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, 1, &clean);
  bind_keys (stmt, (int) n + 1, &clean);
  sqlite3_bind_int64 (stmt, (int) n + 4, _ld_records_now ());
  sqlite3_bind_int64 (stmt, (int) n + 5, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !_ld_cadre_add_version (vault, id, event, before->str, after->str, &seq, error))
    return FALSE;
  if (audit)
    {
      /* Field names only: the auditor reads the trail, not the file. */
      object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      details = g_strdup_printf ("version=%" G_GINT64_FORMAT "; fields=%s", seq, changed->str);
      if (!ld_audit_append (vault, event, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error))
        return FALSE;
    }
  if (out_changed != NULL)
    *out_changed = TRUE;
  return TRUE;
}

gboolean
ld_cadre_repository_update (LdVault             *vault,
                            gint64               id,
                            const LdCadreFields *fields,
                            GError             **error)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_vault_begin (vault, error))
    return FALSE;
  if (!_ld_cadre_update_in_tx (vault, id, fields, LD_AUDIT_CADRE_UPDATED, TRUE, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_cadre_repository_set_fields (LdVault             *vault,
                                gint64               id,
                                const char * const  *names,
                                const char * const  *values,
                                GError             **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gboolean new_number = FALSE;

  g_return_val_if_fail (names != NULL && values != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  cadre = load_writable (vault, id, error);
  if (cadre == NULL)
    return FALSE;
  ld_cadre_fields_copy (ld_cadre_get_fields (cadre), &fields);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "id_number") || g_str_equal (names[i], "id-number"))
      new_number = TRUE;
  if (new_number)
    {
      ld_cadre_fields_set (&fields, "sex", "");
      ld_cadre_fields_set (&fields, "birth_date", "");
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (values[i] == NULL || !ld_cadre_fields_set (&fields, names[i], values[i]))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) ld_cadre_field_names ());
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a field of the file or “%s” is not a value for it. The fields are: %s."),
                       names[i], values[i] ? values[i] : "", known);
          return FALSE;
        }
    }
  return ld_cadre_repository_update (vault, id, &fields, error);
}

gboolean
ld_cadre_repository_retire (LdVault     *vault,
                            gint64       id,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  gint64 seq = 0, now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, C_("cadre field", "The reason"), 200, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  cadre = load_writable (vault, id, error);
  if (cadre == NULL)
    return FALSE;

  append_line (after, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE cadres SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !_ld_cadre_add_version (vault, id, LD_AUDIT_CADRE_RETIRED, "retired_reason=\n", after->str, &seq, error))
    return fail (vault);
  details = g_strdup_printf ("version=%" G_GINT64_FORMAT, seq);
  if (!ld_audit_append (vault, LD_AUDIT_CADRE_RETIRED, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ---------------------------------------------------------------------- */

LdCadre *
ld_cadre_repository_get (LdVault   *vault,
                         gint64     id,
                         GError   **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  cadre = load_cadre (vault, id, error);
  if (cadre == NULL)
    return NULL;
  if (!_ld_vault_begin (vault, error))
    return NULL;
  if (!ld_audit_append (vault, LD_AUDIT_CADRE_VIEWED, "cadre", object_id, LD_AUDIT_OUTCOME_OK, "", error))
    {
      _ld_vault_rollback (vault);
      return NULL;
    }
  if (!_ld_vault_commit (vault, error))
    return NULL;
  return g_steal_pointer (&cadre);
}

/* The unit tree order of "unit list" in temp.ld_unit_order, for
 * LD_CADRE_ORDER_UNIT. */
static gboolean
fill_unit_order (LdVault   *vault,
                 GError   **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(GPtrArray) units = ld_unit_repository_list (vault, TRUE, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (units == NULL)
    return FALSE;
  if (!ld_sql_exec (db,
                    "CREATE TEMP TABLE IF NOT EXISTS ld_unit_order (unit_id INTEGER PRIMARY KEY, pos INTEGER NOT NULL);"
                    "DELETE FROM temp.ld_unit_order",
                    error))
    return FALSE;
  stmt = ld_sql_prepare (db, "INSERT INTO temp.ld_unit_order (unit_id, pos) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ld_unit_get_id (g_ptr_array_index (units, i)));
      sqlite3_bind_int64 (stmt, 2, i);
      if (!ld_sql_step_done (db, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Appends "term [DESC], …" for the order, every term reversed when
 * descending. Terms are "expression" or "-expression" (descending by
 * default). */
static void
append_order (GString             *sql,
              const char * const  *terms,
              gboolean             descending)
{
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; terms[i] != NULL; i++)
    {
      gboolean desc = terms[i][0] == '-';

      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, desc ? terms[i] + 1 : terms[i]);
      if (desc != descending)
        g_string_append (sql, " DESC");
    }
}

/* The query of list, list_ids and count. Parameters: ?1 the account
 * (scope), ?2 unit (0 = all), ?3 search text (NULL = all), ?4 limit, ?5
 * offset, ?6 the rules' text and ?7 today (for ld_categories()), ?8
 * category flags, ?9 authority, ?10 post level, ?11 status, ?12 tag. */
static sqlite3_stmt *
prepare_filtered (LdVault              *vault,
                  const LdCadreFilter  *filter,
                  const char           *select,
                  gboolean              ordered,
                  GError              **error)
{
  g_autoptr(GString) sql = g_string_new (", sub(id) AS (SELECT ?2 UNION SELECT u.id FROM units u"
                                         " JOIN sub ON u.parent_id = sub.id) ");
  g_autofree char *query = NULL;
  g_autofree char *reference = NULL;
  const char *rules_text = NULL;
  sqlite3_stmt *stmt;
  GDate today;
  gboolean all = FALSE;
  gboolean searching, filtering, scan;
  guint categories = filter->categories & LD_CATEGORY_ALL;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
#ifdef LD_HAVE_SEARCH_SQLITE
  /* The vault owns the connection and may reopen it. Registering again
   * would expire every prepared statement (and fail while one runs), so
   * only when the functions are missing. */
  {
    sqlite3_stmt *probe = NULL;

    if (sqlite3_prepare_v2 (_ld_vault_get_db (vault), "SELECT ld_contains ('', '')", -1, &probe, NULL) != SQLITE_OK
        && !ld_search_sqlite_register (_ld_vault_get_db (vault), error))
      {
        sqlite3_finalize (probe);
        return NULL;
      }
    sqlite3_finalize (probe);
  }
#endif
  if (!_ld_cadre_sql_register (_ld_vault_get_db (vault), error))
    return NULL;
  if (categories != 0 && _ld_cadre_get_rules (vault, &rules_text, error) == NULL)
    return NULL;
  if (ordered && filter->order == LD_CADRE_ORDER_UNIT && !fill_unit_order (vault, error))
    return NULL;
  if (filter->search != NULL)
    query = normalise_query (filter->search);
  if (!_ld_scope_has_all (vault, &all, error))
    return NULL;
  searching = query != NULL && *query != '\0';
  filtering = searching || categories != 0 || filter->authority != NULL || filter->post_level != NULL
              || filter->status != NULL || filter->tag != NULL;
  g_string_append (sql, select);
  if (ordered && filter->order == LD_CADRE_ORDER_UNIT)
    g_string_append (sql, " LEFT JOIN temp.ld_unit_order o ON o.unit_id = c.unit_id");
  /* Query plans on an encrypted vault, where reading a page costs its
   * decryption: a search or a filter on other columns reads the whole
   * table in page order ("+" keeps SQLite from going through an index in
   * another order), and sorts the matches; without them, the unit index
   * serves counts and, with every unit in scope, the sort-key index serves
   * a page and stops at its end. A search below a unit goes through the
   * unit index: a subtree is usually small. */
  scan = filtering && filter->unit_id == 0;
  if (all && filter->unit_id == 0 && (filtering || ordered))
    g_string_append (sql, " WHERE 1");
  else if (scan)
    g_string_append (sql, " WHERE +c.unit_id IN (SELECT id FROM visible_units)");
  else
    g_string_append (sql, " WHERE c.unit_id IN (SELECT id FROM visible_units)");
  g_string_append (sql, scan ? " AND (?2 = 0 OR +c.unit_id IN (SELECT id FROM sub))"
                                  : " AND (?2 = 0 OR c.unit_id IN (SELECT id FROM sub))");
  g_string_append (sql, " AND (?3 IS NULL OR " CONTAINS " (c.search_text, ?3) > 0)");
  /* "+" also keeps SQLite from walking the partial index on ID numbers,
   * whose condition this matches, and reading the table out of order. */
  if (!filter->include_retired)
    g_string_append (sql, scan ? " AND +c.retired_at IS NULL" : " AND c.retired_at IS NULL");
  if (filter->authority != NULL)
    g_string_append (sql, " AND c.authority = ?9");
  if (filter->status != NULL)
    g_string_append (sql, " AND c.status = ?11");
  if (filter->post_level != NULL)
    g_string_append (sql, " AND ld_post_level (c.post_level, c.rank) = ?10");
  if (filter->tag != NULL)
    g_string_append (sql, " AND c.id IN (SELECT cadre_id FROM cadre_tags WHERE tag = ?12)");
  if (categories != 0)
    g_string_append (sql, " AND (ld_categories (c.birth_date, c.post_level, c.rank, c.principal, c.promoted_at,"
                          " c.post_tags, ?6, ?7) & ?8) <> 0");
  if (ordered)
    {
      static const char * const stroke[] = { "c.stroke_key", "c.id", NULL };
      static const char * const stroke_scan[] = { "+c.stroke_key", "c.id", NULL };
      static const char * const pinyin[] = { "c.pinyin_key", "c.id", NULL };
      static const char * const pinyin_scan[] = { "+c.pinyin_key", "c.id", NULL };
      static const char * const by_id[] = { "c.id", NULL };
      static const char * const unit[] = { "o.pos", "c.stroke_key", "c.id", NULL };
      /* Youngest first; unknown dates last. */
      static const char * const age[] = { "c.birth_date = ''", "-c.birth_date", "c.stroke_key", "c.id", NULL };
      static const char * const rank[] = { "-ld_rank_order (c.post_level, c.rank)", "c.stroke_key", "c.id", NULL };
      /* Longest in the post first; unknown dates last. */
      static const char * const post_since[] = { "c.post_since = ''", "c.post_since", "c.stroke_key", "c.id",
                                                  NULL };
      const char * const *terms;

      switch (filter->order)
        {
        case LD_CADRE_ORDER_PINYIN:
          terms = scan ? pinyin_scan : pinyin;
          break;
        case LD_CADRE_ORDER_ID:
          terms = by_id;
          break;
        case LD_CADRE_ORDER_UNIT:
          terms = unit;
          break;
        case LD_CADRE_ORDER_AGE:
          terms = age;
          break;
        case LD_CADRE_ORDER_RANK:
          terms = rank;
          break;
        case LD_CADRE_ORDER_POST_SINCE:
          terms = post_since;
          break;
        case LD_CADRE_ORDER_STROKE:
        default:
          terms = scan ? stroke_scan : stroke;
          break;
        }
      append_order (sql, terms, filter->descending);
      g_string_append (sql, " LIMIT ?4 OFFSET ?5");
    }
  stmt = _ld_scope_prepare (vault, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, filter->unit_id);
  if (query != NULL && *query != '\0')
    sqlite3_bind_text (stmt, 3, query, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  if (ordered)
    {
      sqlite3_bind_int64 (stmt, 4, filter->limit ? (gint64) filter->limit : -1);
      sqlite3_bind_int64 (stmt, 5, filter->offset);
    }
  if (categories != 0)
    {
      _ld_cadre_today (&today);
      reference = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today), g_date_get_month (&today),
                                   g_date_get_day (&today));
      sqlite3_bind_text (stmt, 6, rules_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, reference, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 8, (int) categories);
    }
  if (filter->authority != NULL)
    sqlite3_bind_text (stmt, 9, filter->authority, -1, SQLITE_TRANSIENT);
  if (filter->post_level != NULL)
    sqlite3_bind_text (stmt, 10, filter->post_level, -1, SQLITE_TRANSIENT);
  if (filter->status != NULL)
    sqlite3_bind_text (stmt, 11, filter->status, -1, SQLITE_TRANSIENT);
  if (filter->tag != NULL)
    sqlite3_bind_text (stmt, 12, filter->tag, -1, SQLITE_TRANSIENT);
  return stmt;
}

GPtrArray *
ld_cadre_repository_list (LdVault              *vault,
                          const LdCadreFilter  *filter,
                          GError              **error)
{
  static const LdCadreFilter all = { 0 };
  g_autofree char *select = select_sql ();
  g_autoptr(sqlite3_stmt) stmt = prepare_filtered (vault, filter ? filter : &all, select, TRUE, error);
  g_autoptr(GPtrArray) cadres = g_ptr_array_new_with_free_func (g_object_unref);
  const LdCategoryRules *rules;
  GDate today;
  int rc;

  if (stmt == NULL)
    return NULL;
  rules = _ld_cadre_get_rules (vault, NULL, error);
  if (rules == NULL)
    return NULL;
  _ld_cadre_today (&today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cadres, read_cadre (stmt, rules, &today));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&cadres);
}

GArray *
ld_cadre_repository_list_ids (LdVault              *vault,
                              const LdCadreFilter  *filter,
                              GError              **error)
{
  static const LdCadreFilter all = { 0 };
  g_autoptr(sqlite3_stmt) stmt = prepare_filtered (vault, filter ? filter : &all, "SELECT c.id FROM cadres c",
                                                   TRUE, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
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

/* SQLite 3.15 allows 999 parameters; ?1 is the account. */
#define GET_MANY_CHUNK 900

GPtrArray *
ld_cadre_repository_get_many (LdVault       *vault,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(GPtrArray) cadres = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) found = NULL;
  g_autofree char *select = NULL;
  const LdCategoryRules *rules;
  GDate today;

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  if (n_ids == 0)
    return g_steal_pointer (&cadres);
  rules = _ld_cadre_get_rules (vault, NULL, error);
  if (rules == NULL)
    return NULL;
  _ld_cadre_today (&today);
  select = select_sql ();
  found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint first = 0; first < n_ids; first += GET_MANY_CHUNK)
    {
      guint n = MIN (GET_MANY_CHUNK, n_ids - first);
      g_autoptr(GString) sql = g_string_new (select);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      g_string_append (sql, " WHERE c.id IN (");
      for (guint i = 0; i < n; i++)
        g_string_append (sql, i ? ", ?" : "?");
      /* "+": look the ids up by row number, not every cadre of the
       * visible units through the unit index. */
      g_string_append (sql, ") AND +c.unit_id IN (SELECT id FROM visible_units)");
      stmt = _ld_scope_prepare (vault, sql->str, error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, (int) i + 2, ids[first + i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LdCadre *cadre = read_cadre (stmt, rules, &today);
          gint64 id = ld_cadre_get_id (cadre);

          g_hash_table_replace (found, g_memdup2 (&id, sizeof id), cadre);
        }
      if (rc != SQLITE_DONE)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return NULL;
        }
    }
  for (guint i = 0; i < n_ids; i++)
    {
      LdCadre *cadre = g_hash_table_lookup (found, &ids[i]);

      if (cadre != NULL)
        g_ptr_array_add (cadres, g_object_ref (cadre));
    }
  return g_steal_pointer (&cadres);
}

gboolean
ld_cadre_repository_count (LdVault              *vault,
                           const LdCadreFilter  *filter,
                           gint64               *count,
                           GError              **error)
{
  static const LdCadreFilter all = { 0 };
  g_autoptr(sqlite3_stmt) stmt = prepare_filtered (vault, filter ? filter : &all, "SELECT count(*) FROM cadres c",
                                                   FALSE, error);
  int rc;

  if (stmt == NULL)
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

void
ld_cadre_version_free (LdCadreVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->account);
  g_free (version->event);
  g_free (version->before);
  g_free (version->after);
  g_free (version);
}

GPtrArray *
ld_cadre_repository_versions (LdVault   *vault,
                              gint64     id,
                              GError   **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_cadre_version_free);
  sqlite3 *db;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  cadre = load_cadre (vault, id, error);
  if (cadre == NULL)
    return NULL;
  db = _ld_vault_get_db (vault);
  stmt = ld_sql_prepare (db,
                         "SELECT seq, account, ts_utc, event, before, after FROM cadre_versions"
                         " WHERE cadre_id = ? ORDER BY seq",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdCadreVersion *v = g_new0 (LdCadreVersion, 1);

      v->seq = sqlite3_column_int64 (stmt, 0);
      v->account = g_strdup (ld_sql_column_text (stmt, 1));
      v->time = sqlite3_column_int64 (stmt, 2);
      v->event = g_strdup (ld_sql_column_text (stmt, 3));
      v->before = g_strdup (ld_sql_column_text (stmt, 4));
      v->after = g_strdup (ld_sql_column_text (stmt, 5));
      g_ptr_array_add (versions, v);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

gboolean
ld_cadre_repository_refresh_keys (LdVault   *vault,
                                  gboolean  *rebuilt,
                                  GError   **error)
{
#if defined (LD_HAVE_SEARCH_KEYS) && defined (LD_HAVE_SEARCH_SQLITE)
  sqlite3 *db;
  g_autofree char *stored = NULL;
  g_autofree char *details = NULL;
  g_autoptr(sqlite3_stmt) meta = NULL;
  const char *current = ld_search_keys_version ();
  gint64 n = 0;

  if (rebuilt != NULL)
    *rebuilt = FALSE;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  db = _ld_vault_get_db (vault);
  if (!ld_sql_query_int64 (db, "SELECT count(*) FROM meta WHERE key = 'search-keys-version'", 0, &n, error))
    return FALSE;
  if (n > 0)
    {
      stored = ld_sql_query_text (db, "SELECT value FROM meta WHERE key = 'search-keys-version'", error);
      if (stored == NULL)
        return FALSE;
      if (g_str_equal (stored, current))
        return TRUE;
    }
  if (!ld_search_sqlite_register (db, error))
    return FALSE;
  if (!ld_sql_query_int64 (db, "SELECT count(*) FROM cadres", 0, &n, error))
    return FALSE;
  details = g_strdup_printf ("version: %s -> %s; cadres=%" G_GINT64_FORMAT, stored ? stored : "-", current, n);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  meta = ld_sql_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('search-keys-version', ?)", error);
  if (meta == NULL)
    return fail (vault);
  sqlite3_bind_text (meta, 1, current, -1, SQLITE_TRANSIENT);
  if (!ld_sql_exec (db,
                    "UPDATE cadres SET stroke_key = ld_stroke_key (name), pinyin_key = ld_pinyin_key (name),"
                    " search_text = ld_search_text (name, id_number, post)",
                    error)
      || !ld_sql_step_done (db, meta, error)
      || !ld_audit_append (vault, LD_AUDIT_CADRE_KEYS_REBUILT, "cadre", "*", LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (rebuilt != NULL)
    *rebuilt = TRUE;
  return TRUE;
#else
  if (rebuilt != NULL)
    *rebuilt = FALSE;
  return ld_vault_check (vault, LD_ACTION_RECORD_READ, error);
#endif
}

/* --- Categories explained ------------------------------------------------------ */

GPtrArray *
ld_cadre_repository_explain_categories (LdVault   *vault,
                                        gint64     id,
                                        GError   **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const LdCategoryRules *rules;
  GDate today;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  cadre = load_cadre (vault, id, error);
  if (cadre == NULL)
    return NULL;
  rules = _ld_cadre_get_rules (vault, NULL, error);
  if (rules == NULL)
    return NULL;
  _ld_cadre_today (&today);
  _ld_cadre_compute_categories (rules, ld_cadre_get_fields (cadre), &today, lines);
  return g_steal_pointer (&lines);
}

/* --- Manual tags ------------------------------------------------------------------ */

#define TAG_MAX_CHARS 20

/* Whether tag names a computed category: its code, its label, or the
 * Chinese name in DOMAIN.md §5 (whatever the language of the session). */
static gboolean
is_category_name (const char *tag)
{
  static const char * const chinese[] = {
    "一把手", "年轻干部", "新提拔干部", "新提拔", "关键岗位干部", "关键岗位", NULL
  };
  g_autofree char *folded = g_utf8_casefold (tag, -1);

  if (g_strv_contains (chinese, tag))
    return TRUE;
  for (guint bit = 1; bit & LD_CATEGORY_ALL; bit <<= 1)
    {
      g_autofree char *code = g_utf8_casefold (ld_category_to_string (bit), -1);
      g_autofree char *label = g_utf8_casefold (ld_category_get_label (bit), -1);

      if (g_str_equal (folded, code) || g_str_equal (folded, label))
        return TRUE;
    }
  return FALSE;
}

static char *
clean_tag (const char  *tag,
           GError     **error)
{
  g_autofree char *clean = _ld_records_clean_text (tag, C_("cadre field", "The tag"), TAG_MAX_CHARS, TRUE, error);

  if (clean == NULL)
    return NULL;
  if (strchr (clean, ',') != NULL || strstr (clean, "，") != NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("A tag cannot contain a comma: “%s”. Add each tag on its own."), clean);
      return NULL;
    }
  if (is_category_name (clean))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is a category computed from the file (top leader, young, newly promoted, key "
                     "position) and cannot be added by hand. Change the file's data or the category rules "
                     "instead."),
                   clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Writes the version and audit entry of a tag change and touches the file. */
static gboolean
record_tag_change (LdVault     *vault,
                   gint64       id,
                   const char  *event,
                   const char  *old_tags,
                   const char  *new_tags,
                   GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;
  gint64 seq = 0;

  append_line (before, "tags", old_tags);
  append_line (after, "tags", new_tags);
  stmt = ld_sql_prepare (db, "UPDATE cadres SET updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !_ld_cadre_add_version (vault, id, event, before->str, after->str, &seq, error))
    return FALSE;
  /* The version number only: the auditor reads the trail, not the file. */
  details = g_strdup_printf ("version=%" G_GINT64_FORMAT, seq);
  return ld_audit_append (vault, event, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

static char *
tags_with (const char *tags,
           const char *tag,
           gboolean    add)
{
  g_auto(GStrv) list = g_strsplit (tags, ",", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; list[i] != NULL; i++)
    if (*list[i] != '\0' && !g_str_equal (list[i], tag))
      g_ptr_array_add (kept, list[i]);
  if (add)
    g_ptr_array_add (kept, (gpointer) tag);
  g_ptr_array_sort (kept, (GCompareFunc) compare_strings_ptr);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (",", (char **) kept->pdata);
}

gboolean
ld_cadre_repository_add_tag (LdVault     *vault,
                             gint64       id,
                             const char  *tag,
                             const char  *note,
                             GError     **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *clean_note = NULL;
  g_autofree char *new_tags = NULL;
  g_auto(GStrv) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean = clean_tag (tag, error);
  if (clean == NULL)
    return FALSE;
  clean_note = _ld_records_clean_text (note, C_("cadre field", "The note"), 200, FALSE, error);
  if (clean_note == NULL)
    return FALSE;
  cadre = load_writable (vault, id, error);
  if (cadre == NULL)
    return FALSE;
  current = g_strsplit (ld_cadre_get_tags (cadre), ",", -1);
  if (g_strv_contains ((const char * const *) current, clean))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The file of %s already has the tag “%s”."),
                   ld_cadre_get_name (cadre), clean);
      return FALSE;
    }
  new_tags = tags_with (ld_cadre_get_tags (cadre), clean, TRUE);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO cadre_tags (cadre_id, tag, note, account, created_at) VALUES (?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean_note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error)
      || !record_tag_change (vault, id, LD_AUDIT_CADRE_TAGGED, ld_cadre_get_tags (cadre), new_tags, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_cadre_repository_remove_tag (LdVault     *vault,
                                gint64       id,
                                const char  *tag,
                                GError     **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *new_tags = NULL;
  g_auto(GStrv) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean = _ld_records_clean_text (tag, C_("cadre field", "The tag"), 200, TRUE, error);
  if (clean == NULL)
    return FALSE;
  cadre = load_writable (vault, id, error);
  if (cadre == NULL)
    return FALSE;
  current = g_strsplit (ld_cadre_get_tags (cadre), ",", -1);
  if (!g_strv_contains ((const char * const *) current, clean))
    {
      if (is_category_name (clean))
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("“%s” is a category computed from the file and cannot be removed by hand. Change the "
                       "file's data or the category rules instead."),
                     clean);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("The file of %s has no tag “%s”. Its tags are shown by “cadre show”."),
                     ld_cadre_get_name (cadre), clean);
      return FALSE;
    }
  new_tags = tags_with (ld_cadre_get_tags (cadre), clean, FALSE);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "DELETE FROM cadre_tags WHERE cadre_id = ? AND tag = ?", error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_tag_change (vault, id, LD_AUDIT_CADRE_UNTAGGED, ld_cadre_get_tags (cadre), new_tags, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

GStrv
ld_cadre_repository_list_tags (LdVault   *vault,
                               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            " SELECT DISTINCT t.tag FROM cadre_tags t JOIN cadres c ON c.id = t.cadre_id"
                            " WHERE c.unit_id IN (SELECT id FROM visible_units) AND c.retired_at IS NULL"
                            " ORDER BY t.tag",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, g_strdup (ld_sql_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  g_ptr_array_add (tags, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

/* --- Photo ------------------------------------------------------------------------- */

#define PHOTO_MAX_BYTES (2 * 1024 * 1024)

static gboolean
is_image (GBytes *bytes)
{
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return (len > sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
         || (len > sizeof png && memcmp (data, png, sizeof png) == 0);
}

/* "123456 bytes, SHA-256 …" or "" for none. */
static char *
describe_photo (GBytes *bytes)
{
  g_autofree char *sha = NULL;

  if (bytes == NULL)
    return g_strdup ("");
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return g_strdup_printf ("%" G_GSIZE_FORMAT " bytes, SHA-256 %s", g_bytes_get_size (bytes), sha);
}

static GBytes *
read_photo (LdVault   *vault,
            gint64     id,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    " SELECT c.photo FROM cadres c WHERE c.id = ?2"
                                                    " AND +c.unit_id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  if (stmt == NULL)
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
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

gboolean
ld_cadre_repository_set_photo (LdVault     *vault,
                               gint64       id,
                               GBytes      *photo,
                               GError     **error)
{
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *details = NULL;
  sqlite3 *db;
  gint64 seq = 0;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  if (photo != NULL && g_bytes_get_size (photo) > PHOTO_MAX_BYTES)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The photo is %.1f MB; at most 2 MB is allowed. Save it smaller or at a lower quality."),
                   g_bytes_get_size (photo) / (1024.0 * 1024.0));
      return FALSE;
    }
  if (photo != NULL && !is_image (photo))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The photo is not a JPEG or PNG image. Save it as JPEG or PNG and try again."));
      return FALSE;
    }
  cadre = load_writable (vault, id, error);
  if (cadre == NULL)
    return FALSE;
  old = read_photo (vault, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  old_text = describe_photo (old);
  new_text = describe_photo (photo);
  if (g_str_equal (old_text, new_text))
    return TRUE;
  append_line (before, "photo", old_text);
  append_line (after, "photo", new_text);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE cadres SET photo = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return fail (vault);
  if (photo != NULL)
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (photo, NULL), (int) g_bytes_get_size (photo), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !_ld_cadre_add_version (vault, id, LD_AUDIT_CADRE_PHOTO, before->str, after->str, &seq, error))
    return fail (vault);
  details = g_strdup_printf ("version=%" G_GINT64_FORMAT "; %s", seq, photo ? "set" : "removed");
  if (!ld_audit_append (vault, LD_AUDIT_CADRE_PHOTO, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

GBytes *
ld_cadre_repository_get_photo (LdVault   *vault,
                               gint64     id,
                               GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return read_photo (vault, id, error);
}
