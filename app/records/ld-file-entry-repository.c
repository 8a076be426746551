/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-file-entry-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-cadre-private.h"
#include "records/ld-file-entry-private.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* The SELECT list of read_entry(); "c" is the cadre of the entry. */
#define ENTRY_COLUMNS \
  "e.id, e.cadre_id, e.section, e.kind, e.entry_date, e.outcome, e.fields, ifnull (e.retired_at, 0)," \
  " e.retired_reason, e.created_at, e.updated_at," \
  " (SELECT count(*) FROM attachments a WHERE a.owner_type = 'entry' AND a.owner_id = e.id" \
  " AND a.retired_at IS NULL), c.retired_at IS NOT NULL, c.name"

/* NULL for a section this version does not know (written by a newer one). */
static LdFileEntry *
read_entry (sqlite3_stmt *stmt)
{
  if (ld_file_section_lookup (ld_sql_column_text (stmt, 2)) == NULL)
    return NULL;
  return _ld_file_entry_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                             ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 3),
                             ld_sql_column_text (stmt, 4), ld_sql_column_text (stmt, 5),
                             ld_sql_column_text (stmt, 6), (guint) sqlite3_column_int64 (stmt, 11),
                             sqlite3_column_int64 (stmt, 7), ld_sql_column_text (stmt, 8),
                             sqlite3_column_int64 (stmt, 9), sqlite3_column_int64 (stmt, 10));
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

static void
set_cadre_not_found (GError **error,
                     gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no cadre record number %lld in your scope. Check the number with “cadre list”."),
               (long long) id);
}

static void
set_entry_not_found (GError **error,
                     gint64   id)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
               _("There is no file entry number %lld in your scope. Check the number with “entry list”."),
               (long long) id);
}

static void
set_cadre_retired (GError     **error,
                   const char  *name)
{
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("The file of %s is retired and cannot be changed."), name);
}

/* Whether the cadre is in the session's scopes; when WRITABLE, also that
 * the file is not retired. */
static gboolean
check_cadre (LdVault   *vault,
             gint64     cadre_id,
             gboolean   writable,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT c.retired_at IS NOT NULL, c.name FROM cadres c"
                                                    " WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                                                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_cadre_not_found (error, cadre_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (writable && sqlite3_column_int (stmt, 0))
    {
      set_cadre_retired (error, ld_sql_column_text (stmt, 1));
      return FALSE;
    }
  return TRUE;
}

/* The entry if its cadre is in the session's scopes; when WRITABLE, also
 * checks that neither the cadre's file nor the entry is retired. */
static LdFileEntry *
load_entry (LdVault   *vault,
            gint64     entry_id,
            gboolean   writable,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT " ENTRY_COLUMNS " FROM file_entries e"
                                                    " JOIN cadres c ON c.id = e.cadre_id"
                                                    " WHERE e.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                                                    error);
  g_autoptr(LdFileEntry) entry = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, entry_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_entry_not_found (error, entry_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  entry = read_entry (stmt);
  if (entry == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Entry number %lld belongs to a file section this version of Liandang does not know. "
                     "Install the newer version that wrote it."),
                   (long long) entry_id);
      return NULL;
    }
  if (writable && sqlite3_column_int (stmt, 12))
    {
      set_cadre_retired (error, ld_sql_column_text (stmt, 13));
      return NULL;
    }
  if (writable && ld_file_entry_get_retired_at (entry) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Entry number %lld is retired and cannot be changed. Add a new entry instead."),
                   (long long) entry_id);
      return NULL;
    }
  return g_steal_pointer (&entry);
}

/* --- Versions --------------------------------------------------------------------- */

static void
append_field (GString    *out,
              const char *section,
              const char *key,
              const char *value)
{
  g_autofree char *name = g_strconcat (section, ".", key, NULL);

  _ld_file_entry_append_line (out, name, value);
}

static const char *
lookup_value (GHashTable *values,
              const char *key)
{
  const char *value = values ? g_hash_table_lookup (values, key) : NULL;

  return value ? value : "";
}

/* Fills before/after with the lines of what changed between OLD (NULL for
 * a new entry) and NEW, each "<section>.<key>=value", and names the keys in
 * changed. The first line names the entry. */
static void
diff_entry (gint64                 entry_id,
            LdFileEntry           *old,
            const LdFileEntrySpec *new,
            GString               *before,
            GString               *after,
            GString               *changed)
{
  const LdFileSectionInfo *section = ld_file_section_lookup (new->section);
  GHashTable *old_values = old ? _ld_file_entry_get_values (old) : NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  struct { const char *key; const char *a; const char *b; } head[] = {
    { "kind", old ? ld_file_entry_get_kind (old) : "", new->kind },
    { "entry_date", old ? ld_file_entry_get_entry_date (old) : "", new->entry_date },
  };

  if (old != NULL)
    append_field (before, section->code, "entry", id);
  append_field (after, section->code, "entry", id);
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    {
      if (g_str_equal (head[i].a, head[i].b))
        continue;
      if (old != NULL)
        append_field (before, section->code, head[i].key, head[i].a);
      append_field (after, section->code, head[i].key, head[i].b);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", head[i].key);
    }
  for (guint i = 0; i < section->n_fields; i++)
    {
      const char *key = section->fields[i].key;
      const char *a = lookup_value (old_values, key);
      const char *b = lookup_value (new->values, key);

      if (g_str_equal (a, b))
        continue;
      if (old != NULL)
        append_field (before, section->code, key, a);
      append_field (after, section->code, key, b);
      g_string_append_printf (changed, "%s%s", changed->len ? "," : "", key);
    }
}

static const char *
outcome_of (const LdFileEntrySpec *clean)
{
  const LdFileSectionInfo *section = ld_file_section_lookup (clean->section);

  if (section->outcome_key == NULL)
    return "";
  return lookup_value (clean->values, section->outcome_key);
}

/* Version and audit entry of one change, in the caller's transaction.
 * The audit names the entry, its section, the version and the changed
 * keys, never their contents. */
static gboolean
record_change (LdVault     *vault,
               gint64       cadre_id,
               gint64       entry_id,
               const char  *section,
               const char  *event,
               const char  *before,
               const char  *after,
               const char  *changed,
               GError     **error)
{
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, cadre_id);
  g_autofree char *details = NULL;
  gint64 seq = 0;

  if (!_ld_cadre_add_version (vault, cadre_id, event, before, after, &seq, error))
    return FALSE;
  details = g_strdup_printf ("entry=%" G_GINT64_FORMAT "; section=%s; version=%" G_GINT64_FORMAT "%s%s",
                             entry_id, section, seq, changed ? "; fields=" : "", changed ? changed : "");
  return ld_audit_append (vault, event, "cadre", object_id, LD_AUDIT_OUTCOME_OK, details, error);
}

/* --- Writes ------------------------------------------------------------------------ */

gboolean
ld_file_entry_repository_create (LdVault                *vault,
                                 gint64                  cadre_id,
                                 const LdFileEntrySpec  *spec,
                                 gint64                 *out_id,
                                 GError                **error)
{
  g_auto(LdFileEntrySpec) clean = { 0 };
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fields = NULL;
  sqlite3 *db;
  gint64 id, now = _ld_records_now ();

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !_ld_file_entry_spec_clean (spec, &clean, NULL, error)
      || !check_cadre (vault, cadre_id, TRUE, error))
    return FALSE;

  fields = _ld_file_entry_format_fields (ld_file_section_lookup (clean.section), clean.values);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO file_entries (cadre_id, section, kind, entry_date, outcome, fields,"
                         " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, cadre_id);
  sqlite3_bind_text (stmt, 2, clean.section, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, clean.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, clean.entry_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, outcome_of (&clean), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  id = sqlite3_last_insert_rowid (db);
  diff_entry (id, NULL, &clean, before, after, changed);
  if (!record_change (vault, cadre_id, id, clean.section, LD_AUDIT_ENTRY_CREATED, before->str, after->str, NULL,
                      error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gboolean
ld_file_entry_repository_update (LdVault                *vault,
                                 gint64                  entry_id,
                                 const LdFileEntrySpec  *spec,
                                 GError                **error)
{
  g_auto(LdFileEntrySpec) clean = { 0 };
  g_autoptr(LdFileEntry) entry = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fields = NULL;
  sqlite3 *db;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  entry = load_entry (vault, entry_id, TRUE, error);
  if (entry == NULL)
    return FALSE;
  if (spec->section != NULL && *spec->section != '\0'
      && g_ascii_strcasecmp (spec->section, ld_file_entry_get_section (entry)) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Entry number %lld belongs to section %s; an entry cannot move to another section. "
                     "Retire it and add a new entry there."),
                   (long long) entry_id, ld_file_entry_get_section (entry));
      return FALSE;
    }
  {
    LdFileEntrySpec in = *spec;

    in.section = (char *) ld_file_entry_get_section (entry);
    if (!_ld_file_entry_spec_clean (&in, &clean, NULL, error))
      return FALSE;
  }
  diff_entry (entry_id, entry, &clean, before, after, changed);
  if (changed->len == 0)
    return TRUE;

  fields = _ld_file_entry_format_fields (ld_file_section_lookup (clean.section), clean.values);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "UPDATE file_entries SET kind = ?, entry_date = ?, outcome = ?, fields = ?, updated_at = ?"
                         " WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, clean.kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean.entry_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, outcome_of (&clean), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, _ld_records_now ());
  sqlite3_bind_int64 (stmt, 6, entry_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, ld_file_entry_get_cadre_id (entry), entry_id, clean.section, LD_AUDIT_ENTRY_UPDATED,
                         before->str, after->str, changed->str, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

gboolean
ld_file_entry_repository_retire (LdVault     *vault,
                                 gint64       entry_id,
                                 const char  *reason,
                                 GError     **error)
{
  g_autoptr(LdFileEntry) entry = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *section;
  sqlite3 *db;
  gint64 now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason"), 200, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  entry = load_entry (vault, entry_id, TRUE, error);
  if (entry == NULL)
    return FALSE;

  section = ld_file_entry_get_section (entry);
  append_field (before, section, "entry", id);
  append_field (before, section, "retired_reason", "");
  append_field (after, section, "entry", id);
  append_field (after, section, "retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE file_entries SET retired_at = ?, retired_reason = ?, updated_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, entry_id);
  if (!ld_sql_step_done (db, stmt, error)
      || !record_change (vault, ld_file_entry_get_cadre_id (entry), entry_id, section, LD_AUDIT_ENTRY_RETIRED,
                         before->str, after->str, NULL, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ------------------------------------------------------------------------- */

LdFileEntry *
ld_file_entry_repository_get (LdVault   *vault,
                              gint64     entry_id,
                              GError   **error)
{
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  return load_entry (vault, entry_id, FALSE, error);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  LdFileEntry *x = *(LdFileEntry **) a;
  LdFileEntry *y = *(LdFileEntry **) b;
  guint sx = ld_file_section_index (ld_file_entry_get_section (x));
  guint sy = ld_file_section_index (ld_file_entry_get_section (y));
  int cmp;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  /* Newest date first; "2023-05" after "2023" sorts as later. */
  cmp = strcmp (ld_file_entry_get_entry_date (y), ld_file_entry_get_entry_date (x));
  if (cmp != 0)
    return cmp;
  if (ld_file_entry_get_id (x) != ld_file_entry_get_id (y))
    return ld_file_entry_get_id (x) > ld_file_entry_get_id (y) ? -1 : 1;
  return 0;
}

GPtrArray *
ld_file_entry_repository_list (LdVault     *vault,
                               gint64       cadre_id,
                               const char  *section,
                               gboolean     include_retired,
                               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LdFileSectionInfo *info = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  if (section != NULL && *section != '\0')
    {
      info = ld_file_section_lookup (section);
      if (info == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a file section. The sections are A to N and Z; see “entry add --help”."),
                       section);
          return NULL;
        }
    }
  if (!check_cadre (vault, cadre_id, FALSE, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            "SELECT " ENTRY_COLUMNS " FROM file_entries e JOIN cadres c ON c.id = e.cadre_id"
                            " WHERE e.cadre_id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)"
                            " AND (?3 IS NULL OR e.section = ?3) AND (?4 OR e.retired_at IS NULL)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  if (info != NULL)
    sqlite3_bind_text (stmt, 3, info->code, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, include_retired ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdFileEntry *entry = read_entry (stmt);

      /* A section a newer version wrote is skipped, not fatal. */
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}
