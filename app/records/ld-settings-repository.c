/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-settings-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-settings-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define MARK_MAX_CHARS         32
#define ORGANISATION_MAX_CHARS 100

typedef struct
{
  const char *key;
  const char *label;
  const char *default_value;
} SettingInfo;

static const SettingInfo settings[] = {
  /* Translators: 密级标志 */
  { LD_SETTING_CLASSIFICATION_MARK, N_("Classification mark"), "内部" },
  /* Translators: 单位名称, the office that exports and prints */
  { LD_SETTING_ORGANISATION, N_("Organisation"), "" },
};

/* The levels a mark may start with, longest first so "工作秘密" is not
 * read as "秘密" with a prefix. */
static const char * const mark_levels[] = {
  "工作秘密", "内部", "秘密", "机密", "绝密", NULL,
};

static const SettingInfo *
find_setting (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].key, key) == 0)
      return &settings[i];
  return NULL;
}

const char * const *
ld_settings_keys (void)
{
  static const char * const keys[] = {
    LD_SETTING_CLASSIFICATION_MARK, LD_SETTING_ORGANISATION, NULL,
  };

  return keys;
}

const char *
ld_settings_key_get_label (const char *key)
{
  const SettingInfo *info = find_setting (key);

  return info != NULL ? _(info->label) : key;
}

static gboolean
has_control_chars (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
check_mark (const char  *value,
            GError     **error)
{
  const char *rest = NULL;

  for (guint i = 0; mark_levels[i] != NULL; i++)
    if (g_str_has_prefix (value, mark_levels[i]))
      {
        rest = value + strlen (mark_levels[i]);
        break;
      }
  if (rest == NULL || g_utf8_strlen (value, -1) > MARK_MAX_CHARS
      || (*rest != '\0' && !(g_str_has_prefix (rest, "★") && rest[strlen ("★")] != '\0')))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a classification mark. Write a level (内部, 工作秘密, 秘密, 机密 or 绝密), "
                     "optionally followed by ★ and the period, e.g. 秘密★10年; at most %d characters."),
                   value, MARK_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_settings_check (const char  *key,
                   const char  *value,
                   GError     **error)
{
  const SettingInfo *info = find_setting (key);
  g_autofree char *joined = NULL;

  if (info == NULL)
    {
      joined = g_strjoinv (", ", (char **) ld_settings_keys ());
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown setting “%s”. Use one of: %s."), key != NULL ? key : "", joined);
      return FALSE;
    }
  if (value == NULL || !g_utf8_validate (value, -1, NULL) || has_control_chars (value))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The value of “%s” must be plain text without control characters."),
                   ld_settings_key_get_label (key));
      return FALSE;
    }
  if (strcmp (key, LD_SETTING_CLASSIFICATION_MARK) == 0)
    return check_mark (value, error);
  if (g_utf8_strlen (value, -1) > ORGANISATION_MAX_CHARS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The organisation name is too long: at most %d characters."), ORGANISATION_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

static char *
read_value (LdVault     *vault,
            const char  *key,
            gboolean    *found,
            GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      return g_strdup (ld_sql_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_strdup ("");
}

char *
ld_settings_repository_get (LdVault     *vault,
                            const char  *key,
                            GError     **error)
{
  const SettingInfo *info = find_setting (key);
  g_autofree char *value = NULL;
  gboolean found;

  if (!_ld_vault_require_open (vault, error))
    return NULL;
  if (info == NULL)
    {
      ld_settings_check (key, "", error);
      return NULL;
    }
  value = read_value (vault, key, &found, error);
  if (value == NULL)
    return NULL;
  if (!found)
    return g_strdup (info->default_value);
  return g_steal_pointer (&value);
}

gboolean
ld_settings_repository_set (LdVault     *vault,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *details = NULL;
  g_autofree char *stripped = NULL;

  if (!ld_vault_check (vault, LD_ACTION_POLICY_CHANGE, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (!ld_settings_check (key, stripped, error))
    return FALSE;
  old = ld_settings_repository_get (vault, key, error);
  if (old == NULL)
    return FALSE;
  if (strcmp (old, stripped) == 0)
    return TRUE;

  db = _ld_vault_get_db (vault);
  details = g_strdup_printf ("%s: %s -> %s", key, old, stripped);
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  stmt = ld_sql_prepare (db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  if (!ld_sql_step_done (db, stmt, error)
      || !ld_audit_append (vault, LD_AUDIT_POLICY_CHANGED, "settings", key, LD_AUDIT_OUTCOME_OK, details, error)
      || !_ld_vault_commit (vault, error))
    goto fail;
  return TRUE;

fail:
  _ld_vault_rollback (vault);
  return FALSE;
}
