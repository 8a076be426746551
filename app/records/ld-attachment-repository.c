/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-attachment-repository"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ld-error.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-private.h"
#include "records/ld-file-entry-private.h"
#include "records/ld-record-history.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define READ_CHUNK (64 * 1024)

#define ATTACHMENT_COLUMNS \
  "a.id, a.owner_type, a.owner_id, a.cadre_id, a.name, a.content_type, a.size, a.sha256, a.account," \
  " a.created_at, ifnull (a.retired_at, 0)"

/* THE scope condition of an attachment "a": through its cadre's unit, or
 * for a talk's (a ledger item's) attachment through the talk's (the
 * item's) unit. */
#define ATTACHMENT_IN_SCOPE \
  " ((a.owner_type NOT IN ('talk', 'ledger') AND EXISTS (SELECT 1 FROM cadres c WHERE c.id = a.cadre_id" \
  "   AND c.unit_id IN (SELECT id FROM visible_units)))" \
  "  OR (a.owner_type = 'talk' AND EXISTS (SELECT 1 FROM talks t WHERE t.id = a.owner_id" \
  "   AND t.unit_id IN (SELECT id FROM visible_units)))" \
  "  OR (a.owner_type = 'ledger' AND EXISTS (SELECT 1 FROM ledger_items l WHERE l.id = a.owner_id" \
  "   AND l.unit_id IN (SELECT id FROM visible_units))))"

void
ld_attachment_free (LdAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->owner_type);
  g_free (attachment->name);
  g_free (attachment->content_type);
  g_free (attachment->sha256);
  g_free (attachment->account);
  g_free (attachment);
}

char *
ld_attachment_format_size (gint64 size)
{
  return g_format_size ((guint64) MAX (size, 0));
}

static LdAttachment *
read_attachment (sqlite3_stmt *stmt)
{
  LdAttachment *a = g_new0 (LdAttachment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->owner_type = g_strdup (ld_sql_column_text (stmt, 1));
  a->owner_id = sqlite3_column_int64 (stmt, 2);
  a->cadre_id = sqlite3_column_int64 (stmt, 3);
  a->name = g_strdup (ld_sql_column_text (stmt, 4));
  a->content_type = g_strdup (ld_sql_column_text (stmt, 5));
  a->size = sqlite3_column_int64 (stmt, 6);
  a->sha256 = g_strdup (ld_sql_column_text (stmt, 7));
  a->account = g_strdup (ld_sql_column_text (stmt, 8));
  a->created_at = sqlite3_column_int64 (stmt, 9);
  a->retired_at = sqlite3_column_int64 (stmt, 10);
  return a;
}

static gboolean
fail (LdVault *vault)
{
  _ld_vault_rollback (vault);
  return FALSE;
}

/* --- Owners ------------------------------------------------------------------------ */

/* The cadre of an owner in the session's scopes (0 for a talk or a ledger
 * item, which are scoped through their own unit); when WRITABLE, also
 * checks that the cadre's file (and the entry, the talk or the ledger
 * item) are not retired, and that a ledger item is not signed off. */
static gboolean
resolve_owner (LdVault     *vault,
               const char  *owner_type,
               gint64       owner_id,
               gboolean     writable,
               gint64      *out_cadre_id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean entry = FALSE, talk = FALSE, ledger = FALSE;
  int rc;

  if (g_strcmp0 (owner_type, "cadre") == 0)
    entry = FALSE;
  else if (g_strcmp0 (owner_type, "entry") == 0)
    entry = TRUE;
  else if (g_strcmp0 (owner_type, "talk") == 0)
    talk = TRUE;
  else if (g_strcmp0 (owner_type, "ledger") == 0)
    ledger = TRUE;
  else
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Attachments belong to a cadre's file, an entry, a talk or a ledger item: write “cadre”, "
                     "“entry”, “talk” or “ledger”, not “%s”."),
                   owner_type ? owner_type : "");
      return FALSE;
    }

  if (ledger)
    stmt = _ld_scope_prepare (vault,
                              "SELECT 0, 0, l.reg_no, l.retired_at IS NOT NULL, l.signed_off_date FROM ledger_items l"
                              " WHERE l.id = ?2 AND l.unit_id IN (SELECT id FROM visible_units)",
                              error);
  else if (talk)
    stmt = _ld_scope_prepare (vault,
                              "SELECT 0, 0, t.reg_no, t.retired_at IS NOT NULL FROM talks t"
                              " WHERE t.id = ?2 AND t.unit_id IN (SELECT id FROM visible_units)",
                              error);
  else if (entry)
    stmt = _ld_scope_prepare (vault,
                              "SELECT e.cadre_id, c.retired_at IS NOT NULL, c.name, e.retired_at IS NOT NULL"
                              " FROM file_entries e JOIN cadres c ON c.id = e.cadre_id"
                              " WHERE e.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                              error);
  else
    stmt = _ld_scope_prepare (vault,
                              "SELECT c.id, c.retired_at IS NOT NULL, c.name, 0 FROM cadres c"
                              " WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, owner_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (ledger)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no ledger item number %lld in your scope. Check the number with “ledger list”."),
                     (long long) owner_id);
      else if (talk)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no talk number %lld in your scope. Check the number with “talk list”."),
                     (long long) owner_id);
      else if (entry)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no file entry number %lld in your scope. Check the number with “entry list”."),
                     (long long) owner_id);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no cadre record number %lld in your scope. Check the number with “cadre list”."),
                     (long long) owner_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return FALSE;
    }
  if (writable && sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The file of %s is retired and cannot be changed."), ld_sql_column_text (stmt, 2));
      return FALSE;
    }
  if (writable && ledger && sqlite3_column_int (stmt, 3))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Ledger item %s is retired and cannot be changed. Register a new item instead."),
                   ld_sql_column_text (stmt, 2));
      return FALSE;
    }
  if (writable && ledger && *ld_sql_column_text (stmt, 4) != '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: 销号 */
                   _("Ledger item %s was signed off on %s: nothing of it changes any more. Register a new item "
                     "for new work."),
                   ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 4));
      return FALSE;
    }
  if (writable && talk && sqlite3_column_int (stmt, 3))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Talk %s is retired and cannot be changed. Register a new talk instead."),
                   ld_sql_column_text (stmt, 2));
      return FALSE;
    }
  if (writable && sqlite3_column_int (stmt, 3))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Entry number %lld is retired and cannot be changed. Add a new entry instead."),
                   (long long) owner_id);
      return FALSE;
    }
  if (out_cadre_id != NULL)
    *out_cadre_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The attachment's record if its cadre is in the session's scopes. */
static LdAttachment *
load_attachment (LdVault   *vault,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (vault,
                                                    "SELECT " ATTACHMENT_COLUMNS " FROM attachments a"
                                                    " WHERE a.id = ?2 AND" ATTACHMENT_IN_SCOPE,
                                                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_attachment (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                 _("There is no attachment number %lld in your scope. Check the number with “attachment list”."),
                 (long long) id);
  else
    ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
  return NULL;
}

/* Where a change of an attachment is kept: the talk's (the ledger
 * item's) history for a talk's (a ledger item's) attachment, else the
 * cadre's file history. Sets the audit object
 * (type and number) and the version's number. In the caller's
 * transaction. */
static gboolean
add_owner_version (LdVault      *vault,
                   const char   *owner_type,
                   gint64        owner_id,
                   gint64        cadre_id,
                   const char   *event,
                   const char   *before,
                   const char   *after,
                   gint64       *out_seq,
                   const char  **object_type,
                   char        **object_id,
                   GError      **error)
{
  if (g_strcmp0 (owner_type, "talk") == 0 || g_strcmp0 (owner_type, "ledger") == 0)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      /* The record types of the history are the owner types. */
      const char *record_type = g_strcmp0 (owner_type, "talk") == 0 ? LD_RECORD_TYPE_TALK : "ledger";

      if (!_ld_record_add_version (vault, record_type, owner_id, event, before, after, error))
        return FALSE;
      stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                             "SELECT max (seq) FROM record_versions WHERE record_type = ? AND record_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, owner_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), SQLITE_CORRUPT, error);
          return FALSE;
        }
      *out_seq = sqlite3_column_int64 (stmt, 0);
      *object_type = record_type;
      *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, owner_id);
      return TRUE;
    }
  if (!_ld_cadre_add_version (vault, cadre_id, event, before, after, out_seq, error))
    return FALSE;
  *object_type = "cadre";
  *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, cadre_id);
  return TRUE;
}

/* The content of an attachment already checked with load_attachment(),
 * verified against its SHA-256. */
static GBytes *
load_data (LdVault       *vault,
           LdAttachment  *attachment,
           GError       **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT data FROM attachments WHERE id = ?", error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sum = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attachment->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sum, attachment->sha256) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_VAULT_DAMAGED,
                   _("The stored copy of “%s” does not match its checksum. The vault may be damaged: "
                     "restore it from a backup."),
                   attachment->name);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* --- Reading the file -------------------------------------------------------------- */

static char *
size_limit_text (void)
{
  return ld_attachment_format_size (LD_ATTACHMENT_MAX_SIZE);
}

static void
set_too_large (GError     **error,
               const char  *name)
{
  g_autofree char *limit = size_limit_text ();

  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               /* Translators: %s are a file name and a size such as "21.0 MB". */
               _("“%s” is larger than %s, the most an attachment may hold. Scan it at a lower resolution "
                 "or split it into several files."),
               name, limit);
}

static void
set_unreadable (GError     **error,
                const char  *name,
                GError      *cause)
{
  int code = g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? LD_ERROR_NOT_FOUND : LD_ERROR_INVALID;

  g_set_error (error, LD_ERROR, code,
               _("Cannot read “%s”: %s. Check the file name and that you may read the file."),
               name, cause->message);
}

/* Reads at most LD_ATTACHMENT_MAX_SIZE bytes of path, checking the size
 * before reading anything and again while reading (the file may grow). */
static GBytes *
read_file (const char  *path,
           char       **out_name,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_basename (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      set_unreadable (error, display, local);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a regular file. Choose a document or a scanned image."), display);
      return NULL;
    }
  if (g_file_info_get_size (info) > LD_ATTACHMENT_MAX_SIZE)
    {
      set_too_large (error, display);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      set_unreadable (error, display, local);
      return NULL;
    }
  data = g_byte_array_sized_new ((guint) g_file_info_get_size (info) + 1);
  for (;;)
    {
      guint8 chunk[READ_CHUNK];
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), chunk, sizeof chunk, &n, NULL, &local))
        {
          set_unreadable (error, display, local);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + n > LD_ATTACHMENT_MAX_SIZE)
        {
          set_too_large (error, display);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  *out_name = g_steal_pointer (&display);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static char *
guess_content_type (const char *name,
                    GBytes     *bytes)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  g_autofree char *type = g_content_type_guess (name, data, MIN (len, 4096), NULL);
  char *mime = type ? g_content_type_get_mime_type (type) : NULL;

  return mime ? mime : g_strdup ("application/octet-stream");
}

/* --- Writes -------------------------------------------------------------------------- */

gboolean
ld_attachment_repository_add (LdVault     *vault,
                              const char  *owner_type,
                              gint64       owner_id,
                              const char  *path,
                              gint64      *out_id,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *raw_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *size_text = NULL;
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  const char *object_type = "cadre";
  gint64 cadre_id = 0, id, seq = 0;
  gsize len;
  gconstpointer data;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error)
      || !resolve_owner (vault, owner_type, owner_id, TRUE, &cadre_id, error))
    return FALSE;
  bytes = read_file (path, &raw_name, error);
  if (bytes == NULL)
    return FALSE;
  name = _ld_records_clean_text (raw_name, _("The file name"), 255, TRUE, error);
  if (name == NULL)
    return FALSE;
  content_type = guess_content_type (name, bytes);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  data = g_bytes_get_data (bytes, &len);

  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db,
                         "INSERT INTO attachments (owner_type, owner_id, cadre_id, name, content_type, size, sha256,"
                         " data, account, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_text (stmt, 1, owner_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, owner_id);
  if (cadre_id > 0)
    sqlite3_bind_int64 (stmt, 3, cadre_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, content_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, (gint64) len);
  sqlite3_bind_text (stmt, 7, sha256, -1, SQLITE_TRANSIENT);
  if (len > 0)
    sqlite3_bind_blob (stmt, 8, data, (int) len, SQLITE_STATIC);
  else
    sqlite3_bind_zeroblob (stmt, 8, 0);
  sqlite3_bind_text (stmt, 9, ld_vault_get_session (vault)->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, _ld_records_now ());
  if (!ld_sql_step_done (db, stmt, error))
    return fail (vault);
  id = sqlite3_last_insert_rowid (db);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  owner = g_strdup_printf ("%s %" G_GINT64_FORMAT, owner_type, owner_id);
  size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, len);
  _ld_file_entry_append_line (after, "attachment.id", id_text);
  _ld_file_entry_append_line (after, "attachment.owner", owner);
  _ld_file_entry_append_line (after, "attachment.name", name);
  _ld_file_entry_append_line (after, "attachment.size", size_text);
  _ld_file_entry_append_line (after, "attachment.sha256", sha256);
  if (!add_owner_version (vault, owner_type, owner_id, cadre_id, LD_AUDIT_ATTACHMENT_ADDED, "", after->str, &seq,
                          &object_type, &object_id, error))
    return fail (vault);
  details = g_strdup_printf ("attachment=%" G_GINT64_FORMAT "; owner=%s; size=%" G_GSIZE_FORMAT "; sha256=%s;"
                             " version=%" G_GINT64_FORMAT,
                             id, owner, len, sha256, seq);
  if (!ld_audit_append (vault, LD_AUDIT_ATTACHMENT_ADDED, object_type, object_id, LD_AUDIT_OUTCOME_OK, details,
                        error))
    return fail (vault);
  if (!_ld_vault_commit (vault, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

gboolean
ld_attachment_repository_retire (LdVault     *vault,
                                 gint64       id,
                                 const char  *reason,
                                 GError     **error)
{
  g_autoptr(LdAttachment) attachment = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *object_type = "cadre";
  sqlite3 *db;
  gint64 seq = 0, now = _ld_records_now ();

  if (!ld_vault_check (vault, LD_ACTION_RECORD_WRITE, error))
    return FALSE;
  clean_reason = _ld_records_clean_text (reason, _("The reason"), 200, TRUE, error);
  if (clean_reason == NULL)
    return FALSE;
  attachment = load_attachment (vault, id, error);
  if (attachment == NULL
      || !resolve_owner (vault, attachment->owner_type, attachment->owner_id, TRUE, NULL, error))
    return FALSE;
  if (attachment->retired_at != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("Attachment number %lld is already retired."),
                   (long long) id);
      return FALSE;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  _ld_file_entry_append_line (before, "attachment.id", id_text);
  _ld_file_entry_append_line (before, "attachment.retired_reason", "");
  _ld_file_entry_append_line (after, "attachment.id", id_text);
  _ld_file_entry_append_line (after, "attachment.retired_reason", clean_reason);
  db = _ld_vault_get_db (vault);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "UPDATE attachments SET retired_at = ?, retired_reason = ? WHERE id = ?", error);
  if (stmt == NULL)
    return fail (vault);
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, clean_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ld_sql_step_done (db, stmt, error)
      || !add_owner_version (vault, attachment->owner_type, attachment->owner_id, attachment->cadre_id,
                             LD_AUDIT_ATTACHMENT_RETIRED, before->str, after->str, &seq, &object_type, &object_id,
                             error))
    return fail (vault);
  details = g_strdup_printf ("attachment=%" G_GINT64_FORMAT "; version=%" G_GINT64_FORMAT, id, seq);
  if (!ld_audit_append (vault, LD_AUDIT_ATTACHMENT_RETIRED, object_type, object_id, LD_AUDIT_OUTCOME_OK, details,
                        error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Reads ----------------------------------------------------------------------------- */

GPtrArray *
ld_attachment_repository_list (LdVault     *vault,
                               const char  *owner_type,
                               gint64       owner_id,
                               gboolean     include_retired,
                               GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_attachment_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !resolve_owner (vault, owner_type, owner_id, FALSE, NULL, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            "SELECT " ATTACHMENT_COLUMNS " FROM attachments a"
                            " WHERE a.owner_type = ?2 AND a.owner_id = ?3 AND" ATTACHMENT_IN_SCOPE
                            " AND (?4 OR a.retired_at IS NULL) ORDER BY a.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, owner_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, owner_id);
  sqlite3_bind_int (stmt, 4, include_retired ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_attachment (stmt));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Audits one read of an attachment's content out of the vault. */
static gboolean
audit_read (LdVault       *vault,
            LdAttachment  *attachment,
            const char    *event,
            GError       **error)
{
  gboolean talk = g_strcmp0 (attachment->owner_type, "talk") == 0;
  gboolean ledger = g_strcmp0 (attachment->owner_type, "ledger") == 0;
  g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, talk || ledger ? attachment->owner_id
                                                                                  : attachment->cadre_id);
  g_autofree char *details = g_strdup_printf ("attachment=%" G_GINT64_FORMAT, attachment->id);

  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!ld_audit_append (vault, event, talk ? "talk" : ledger ? "ledger" : "cadre", object_id, LD_AUDIT_OUTCOME_OK,
                        details, error))
    return fail (vault);
  return _ld_vault_commit (vault, error);
}

/* --- Temporary copies ---------------------------------------------------------------- */

/* The private directory of temporary copies: under $XDG_RUNTIME_DIR (a
 * tmpfs private to the user) when there is one, else in the temp dir. Read
 * from the environment each time, not cached. */
static char *
temp_root_path (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (runtime != NULL && g_path_is_absolute (runtime) && g_file_test (runtime, G_FILE_TEST_IS_DIR))
    return g_build_filename (runtime, "liandang-attachments", NULL);
  return g_strdup_printf ("%s/liandang-attachments-%u", g_get_tmp_dir (), (guint) getuid ());
}

/* Creates the directory (0700) and checks it is ours: a directory, not a
 * link, owned by this user, closed to others. */
static char *
ensure_temp_root (GError **error)
{
  g_autofree char *root = temp_root_path ();
  struct stat st;

  if (g_mkdir (root, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot create the folder for temporary copies %s: %s."), root, g_strerror (saved));
      return NULL;
    }
  if (g_lstat (root, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The folder for temporary copies %s is not a private folder of yours. Remove it and "
                     "try again."),
                   root);
      return NULL;
    }
  if ((st.st_mode & 0777) != 0700 && g_chmod (root, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot make the folder for temporary copies %s private: %s."), root, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* A file name safe to create: no directories, no hidden files. */
static char *
safe_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name && *name ? name : "attachment");
  GString *out = g_string_new (NULL);

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (out, '_');
      else if (out->len < 200)
        g_string_append_unichar (out, c);
    }
  if (out->len == 0 || out->str[0] == '.')
    g_string_prepend_c (out, '_');
  return g_string_free (out, FALSE);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

char *
ld_attachment_repository_open_temp (LdVault   *vault,
                                    gint64     id,
                                    GError   **error)
{
  g_autoptr(LdAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *root = NULL;
  g_autofree char *template = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const guint8 *data;
  gsize len;
  int fd;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  attachment = load_attachment (vault, id, error);
  if (attachment == NULL)
    return NULL;
  bytes = load_data (vault, attachment, error);
  if (bytes == NULL)
    return NULL;
  root = ensure_temp_root (error);
  if (root == NULL)
    return NULL;

  /* One private folder per opening, so the file keeps its own name. */
  template = g_build_filename (root, "open-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved = errno;
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot create a temporary copy in %s: %s."), root, g_strerror (saved));
      return NULL;
    }
  name = safe_name (attachment->name);
  path = g_build_filename (template, name, NULL);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_rmdir (template);
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot create a temporary copy in %s: %s."), root, g_strerror (saved));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  if (!write_all (fd, data, len) || close (fd) != 0)
    {
      int saved = errno;
      ld_attachment_remove_temp (path);
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot write the temporary copy of “%s”: %s. Free some space and try again."),
                   attachment->name, g_strerror (saved));
      return NULL;
    }
  if (!audit_read (vault, attachment, LD_AUDIT_ATTACHMENT_OPENED, error))
    {
      ld_attachment_remove_temp (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

gboolean
ld_attachment_repository_save_as (LdVault     *vault,
                                  gint64       id,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(LdAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A copy outside the vault is not encrypted: an export. */
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !ld_vault_check (vault, LD_ACTION_EXPORT, error))
    return FALSE;
  attachment = load_attachment (vault, id, error);
  if (attachment == NULL)
    return FALSE;
  bytes = load_data (vault, attachment, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  /* Written to a temporary file beside PATH, then renamed over it. */
  if (!g_file_set_contents_full (path, data ? data : "", (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Cannot save the attachment: %s. Choose another place."), local->message);
      return FALSE;
    }
  if (!audit_read (vault, attachment, LD_AUDIT_ATTACHMENT_SAVED, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
inside (const char *path,
        const char *dir)
{
  gsize n = strlen (dir);

  return strncmp (path, dir, n) == 0 && path[n] == G_DIR_SEPARATOR;
}

static void
wipe_file (const char *path)
{
  struct stat st;
  int fd = open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);

  if (fd >= 0)
    {
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
        {
          static const guint8 zeros[READ_CHUNK];
          off_t left = st.st_size;

          while (left > 0)
            {
              gsize n = (gsize) MIN (left, (off_t) sizeof zeros);

              if (!write_all (fd, zeros, n))
                break;
              left -= (off_t) n;
            }
          fsync (fd);
        }
      close (fd);
    }
  g_unlink (path);
}

void
ld_attachment_remove_temp (const char *path)
{
  g_autofree char *root = temp_root_path ();
  g_autofree char *parent = NULL;

  if (path == NULL || !inside (path, root))
    {
      g_warning ("Not removing %s: it is not a temporary attachment copy", path ? path : "(null)");
      return;
    }
  wipe_file (path);
  parent = g_path_get_dirname (path);
  if (inside (parent, root))
    g_rmdir (parent);
}

static void
wipe_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          wipe_tree (path);
          g_rmdir (path);
        }
      else if (S_ISREG (st.st_mode))
        wipe_file (path);
      else
        g_unlink (path);
    }
}

void
ld_attachment_clean_temp (void)
{
  g_autofree char *root = temp_root_path ();
  struct stat st;

  if (g_lstat (root, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
    return;
  wipe_tree (root);
  g_rmdir (root);
}
