/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-password-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "ld-error.h"
#include "rules/ld-password-policy.h"

typedef struct
{
  const char *key;
  const char *label;
  int         min;
  int         max;
  int         def;
  gsize       offset;
} PolicyKey;

static const PolicyKey policy_keys[] = {
  { "min-length", N_("Minimum password length"), 8, 64, 10, G_STRUCT_OFFSET (LdPolicy, min_length) },
  { "min-classes", N_("Character classes required (of upper case, lower case, digits, symbols)"), 1, 4, 3,
    G_STRUCT_OFFSET (LdPolicy, min_classes) },
  { "expiry-days", N_("Password expiry in days (0 = never)"), 0, 3650, 90, G_STRUCT_OFFSET (LdPolicy, expiry_days) },
  { "history", N_("Previous passwords that may not be reused"), 0, 24, 5, G_STRUCT_OFFSET (LdPolicy, history) },
  { "lockout-threshold", N_("Failed sign-ins before the account locks"), 3, 20, 5,
    G_STRUCT_OFFSET (LdPolicy, lockout_threshold) },
  { "lockout-minutes", N_("Minutes until a locked account unlocks itself (0 = only the security administrator)"),
    0, 10080, 30, G_STRUCT_OFFSET (LdPolicy, lockout_minutes) },
  { "idle-lock-minutes", N_("Minutes without input before the window locks"), 1, 60, 5,
    G_STRUCT_OFFSET (LdPolicy, idle_lock_minutes) },
};

static const char * const key_names[] = {
  "min-length", "min-classes", "expiry-days", "history",
  "lockout-threshold", "lockout-minutes", "idle-lock-minutes", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (key_names) == G_N_ELEMENTS (policy_keys) + 1);

static const PolicyKey *
find_key (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (policy_keys); i++)
    if (g_str_equal (policy_keys[i].key, key))
      return &policy_keys[i];
  return NULL;
}

#define FIELD(policy, pk) (*(int *) ((char *) (policy) + (pk)->offset))

void
ld_policy_init_defaults (LdPolicy *policy)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_keys); i++)
    FIELD (policy, &policy_keys[i]) = policy_keys[i].def;
}

const char * const *
ld_policy_keys (void)
{
  return key_names;
}

const char *
ld_policy_key_get_label (const char *key)
{
  const PolicyKey *pk = find_key (key);
  return pk ? _(pk->label) : "";
}

gboolean
ld_policy_key_get_range (const char *key,
                         int        *min,
                         int        *max)
{
  const PolicyKey *pk = find_key (key);

  if (pk == NULL)
    return FALSE;
  if (min)
    *min = pk->min;
  if (max)
    *max = pk->max;
  return TRUE;
}

int
ld_policy_get (const LdPolicy *policy,
               const char     *key)
{
  const PolicyKey *pk = find_key (key);
  g_return_val_if_fail (pk != NULL, -1);
  return FIELD (policy, pk);
}

gboolean
ld_policy_set (LdPolicy    *policy,
               const char  *key,
               const char  *value,
               GError     **error)
{
  const PolicyKey *pk = find_key (key);
  gint64 v;

  if (pk == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) key_names);
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Unknown policy setting “%s”. Known settings: %s."), key ? key : "", known);
      return FALSE;
    }
  if (value == NULL || !g_ascii_string_to_signed (value, 10, pk->min, pk->max, &v, NULL))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid value for “%s”: enter a whole number from %d to %d."),
                   value ? value : "", key, pk->min, pk->max);
      return FALSE;
    }
  FIELD (policy, pk) = (int) v;
  return TRUE;
}

static int
count_classes (const char *password)
{
  gboolean upper = FALSE, lower = FALSE, digit = FALSE, other = FALSE;

  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }
  return upper + lower + digit + other;
}

gboolean
ld_password_check (const LdPolicy *policy,
                   const char     *account,
                   const char     *password,
                   GError        **error)
{
  glong len;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The password contains invalid characters."));
      return FALSE;
    }
  len = g_utf8_strlen (password, -1);
  if (len < policy->min_length)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password is too short: use at least %d character.",
                                "The password is too short: use at least %d characters.",
                                policy->min_length),
                   policy->min_length);
      return FALSE;
    }
  if (len > 256)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The password is too long: use at most 256 characters."));
      return FALSE;
    }
  if (count_classes (password) < policy->min_classes)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The password is too simple: mix at least %d of upper-case letters, "
                     "lower-case letters, digits and symbols."),
                   policy->min_classes);
      return FALSE;
    }
  if (account != NULL && *account != '\0')
    {
      g_autofree char *lp = g_utf8_casefold (password, -1);
      g_autofree char *la = g_utf8_casefold (account, -1);
      if (strstr (lp, la) != NULL)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("The password must not contain the account name."));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ld_password_is_expired (const LdPolicy *policy,
                        gint64          changed_at,
                        gint64          now)
{
  if (policy->expiry_days <= 0)
    return FALSE;
  return now - changed_at >= (gint64) policy->expiry_days * 86400;
}

gboolean
ld_account_name_check (const char  *name,
                       GError     **error)
{
  glong len;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    goto bad;
  len = g_utf8_strlen (name, -1);
  if (len < 2 || len > 32)
    goto bad;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c) || c == '.' || c == '_' || c == '-')
        continue;
      goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("“%s” is not a valid account name: use 2 to 32 letters, digits, dots, "
                 "hyphens or underscores."),
               name ? name : "");
  return FALSE;
}
