/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-records-util"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-records-util.h"
#include "rules/ld-permissions.h"
#include "vault/ld-vault.h"

char *
_ld_records_clean_text (const char  *text,
                        const char  *label,
                        guint        max_chars,
                        gboolean     required,
                        GError     **error)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is not valid text. Type it again."), label);
      return NULL;
    }
  copy = g_strstrip (g_strdup (text));
  for (const char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%s contains a line break or another control character. Remove it."), label);
          return NULL;
        }
    }
  if (required && *copy == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Fill it in."), label);
      return NULL;
    }
  if (g_utf8_strlen (copy, -1) > (glong) max_chars)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s is too long: at most %u character is allowed.",
                                "%s is too long: at most %u characters are allowed.", max_chars),
                   label, max_chars);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

gboolean
_ld_records_sees_all_units (LdVault *vault)
{
  const LdSession *session = ld_vault_get_session (vault);

  return session != NULL && !session->must_change_password
         && ld_permission_allows (session->role, session->grants, LD_ACTION_SCOPE_CHANGE);
}

gint64
_ld_records_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
