/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-permissions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "rules/ld-permissions.h"

/* The role × action matrix: the one place that says who may do what.
 * Columns follow LdRole: sysadmin, secadmin, auditor, investigator, leader,
 * viewer. The three administrators (三员) never touch case content; the
 * business roles never administer. */
typedef struct
{
  LdAction    action;
  const char *name;
  const char *label;
  LdGrant     grant;
  gboolean    allowed[LD_N_ROLES];
} ActionRow;

#define ROLES(sa, se, au, in, le, vi) { FALSE, sa, se, au, in, le, vi }

static const ActionRow matrix[LD_N_ACTIONS] = {
  { LD_ACTION_ACCOUNT_LIST, "account-list", N_("list accounts"),
    LD_GRANT_NONE, ROLES (TRUE, TRUE, TRUE, FALSE, FALSE, FALSE) },
  { LD_ACTION_ACCOUNT_CREATE, "account-create", N_("create accounts"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_ACCOUNT_DISABLE, "account-disable", N_("disable or enable accounts"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_ACCOUNT_RESET_PASSWORD, "account-reset-password", N_("reset passwords of other accounts"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_ACCOUNT_CHANGE_ROLE, "account-change-role", N_("change account roles"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_ACCOUNT_UNLOCK, "account-unlock", N_("unlock locked accounts"),
    LD_GRANT_NONE, ROLES (FALSE, TRUE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_GRANT_CHANGE, "grant-change", N_("change grants"),
    LD_GRANT_NONE, ROLES (FALSE, TRUE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_SCOPE_CHANGE, "scope-change", N_("change unit scopes"),
    LD_GRANT_NONE, ROLES (FALSE, TRUE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_POLICY_VIEW, "policy-view", N_("view the security policy"),
    LD_GRANT_NONE, ROLES (TRUE, TRUE, TRUE, FALSE, FALSE, FALSE) },
  { LD_ACTION_POLICY_CHANGE, "policy-change", N_("change the security policy"),
    LD_GRANT_NONE, ROLES (FALSE, TRUE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_AUDIT_VIEW, "audit-view", N_("read the audit trail"),
    LD_GRANT_NONE, ROLES (FALSE, FALSE, TRUE, FALSE, FALSE, FALSE) },
  { LD_ACTION_AUDIT_VERIFY, "audit-verify", N_("verify the audit trail"),
    LD_GRANT_NONE, ROLES (FALSE, FALSE, TRUE, FALSE, FALSE, FALSE) },
  { LD_ACTION_VAULT_INFO, "vault-info", N_("view vault information"),
    LD_GRANT_NONE, ROLES (TRUE, TRUE, TRUE, TRUE, TRUE, TRUE) },
  { LD_ACTION_BACKUP, "backup", N_("back up and restore the vault"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_SETTINGS_CHANGE, "settings-change", N_("change system settings"),
    LD_GRANT_NONE, ROLES (TRUE, FALSE, FALSE, FALSE, FALSE, FALSE) },
  { LD_ACTION_RECORD_READ, "record-read", N_("read records"),
    LD_GRANT_NONE, ROLES (FALSE, FALSE, FALSE, TRUE, TRUE, TRUE) },
  { LD_ACTION_RECORD_WRITE, "record-write", N_("change records"),
    LD_GRANT_NONE, ROLES (FALSE, FALSE, FALSE, TRUE, FALSE, FALSE) },
  { LD_ACTION_RECORD_APPROVE, "record-approve", N_("approve records"),
    LD_GRANT_NONE, ROLES (FALSE, FALSE, FALSE, FALSE, TRUE, FALSE) },
  { LD_ACTION_EXPORT, "export", N_("export to files"),
    LD_GRANT_EXPORT, ROLES (FALSE, FALSE, FALSE, TRUE, TRUE, TRUE) },
  { LD_ACTION_PRINT, "print", N_("print"),
    LD_GRANT_PRINT, ROLES (FALSE, FALSE, FALSE, TRUE, TRUE, TRUE) },
  { LD_ACTION_REPORTER_IDENTITY, "reporter-identity", N_("see reporters' identities"),
    LD_GRANT_REPORTER_IDENTITY, ROLES (FALSE, FALSE, FALSE, TRUE, TRUE, FALSE) },
};

#undef ROLES

static const ActionRow *
lookup (LdAction action)
{
  g_return_val_if_fail (action >= 0 && action < LD_N_ACTIONS, NULL);
  g_assert (matrix[action].action == action);
  return &matrix[action];
}

gboolean
ld_permission_allows (LdRole   role,
                      LdGrant  grants,
                      LdAction action)
{
  const ActionRow *row = lookup (action);

  if (row == NULL || role <= LD_ROLE_NONE || role >= LD_N_ROLES)
    return FALSE;
  if (!row->allowed[role])
    return FALSE;
  return (grants & row->grant) == row->grant;
}

gboolean
ld_permission_check (LdRole    role,
                     LdGrant   grants,
                     LdAction  action,
                     GError  **error)
{
  const ActionRow *row = lookup (action);

  if (ld_permission_allows (role, grants, action))
    return TRUE;

  if (row != NULL && row->allowed[role] && row->grant != LD_GRANT_NONE)
    g_set_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED,
                 /* Translators: the first %s is an action such as "export to files",
                  * the second a grant such as "Export". */
                 _("Permission denied: to %s you need the “%s” grant. Ask the security administrator."),
                 _(row->label), ld_grant_get_label (row->grant));
  else
    g_set_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED,
                 /* Translators: the first %s is a role such as "Auditor", the second
                  * an action such as "create accounts". */
                 _("Permission denied: the role “%s” may not %s."),
                 ld_role_get_label (role), row ? _(row->label) : "?");
  return FALSE;
}

LdGrant
ld_action_required_grant (LdAction action)
{
  const ActionRow *row = lookup (action);
  return row ? row->grant : LD_GRANT_NONE;
}

gboolean
ld_role_is_admin (LdRole role)
{
  return role == LD_ROLE_SYSADMIN || role == LD_ROLE_SECADMIN || role == LD_ROLE_AUDITOR;
}

gboolean
ld_role_is_business (LdRole role)
{
  return role == LD_ROLE_INVESTIGATOR || role == LD_ROLE_LEADER || role == LD_ROLE_VIEWER;
}

static const struct
{
  const char *name;
  const char *label;
} roles[LD_N_ROLES] = {
  [LD_ROLE_NONE] = { "none", NC_("role", "None") },
  [LD_ROLE_SYSADMIN] = { "sysadmin", NC_("role", "System administrator") },
  [LD_ROLE_SECADMIN] = { "secadmin", NC_("role", "Security administrator") },
  [LD_ROLE_AUDITOR] = { "auditor", NC_("role", "Auditor") },
  [LD_ROLE_INVESTIGATOR] = { "investigator", NC_("role", "Investigator") },
  [LD_ROLE_LEADER] = { "leader", NC_("role", "Leader") },
  [LD_ROLE_VIEWER] = { "viewer", NC_("role", "Viewer") },
};

const char *
ld_role_to_string (LdRole role)
{
  g_return_val_if_fail (role >= 0 && role < LD_N_ROLES, "none");
  return roles[role].name;
}

LdRole
ld_role_from_string (const char *str)
{
  if (str == NULL)
    return LD_ROLE_NONE;
  for (int i = LD_ROLE_NONE + 1; i < LD_N_ROLES; i++)
    if (g_str_equal (str, roles[i].name))
      return (LdRole) i;
  return LD_ROLE_NONE;
}

const char *
ld_role_get_label (LdRole role)
{
  g_return_val_if_fail (role >= 0 && role < LD_N_ROLES, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "role", roles[role].label);
}

static const struct
{
  LdGrant     grant;
  const char *name;
  const char *label;
} grants_table[] = {
  { LD_GRANT_EXPORT, "export", NC_("grant", "Export") },
  { LD_GRANT_PRINT, "print", NC_("grant", "Print") },
  { LD_GRANT_REPORTER_IDENTITY, "reporter-identity", NC_("grant", "Reporter identity") },
};

const char *
ld_grant_to_string (LdGrant grant)
{
  for (guint i = 0; i < G_N_ELEMENTS (grants_table); i++)
    if (grants_table[i].grant == grant)
      return grants_table[i].name;
  return NULL;
}

LdGrant
ld_grant_from_string (const char *str)
{
  if (str == NULL)
    return LD_GRANT_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (grants_table); i++)
    if (g_str_equal (str, grants_table[i].name))
      return grants_table[i].grant;
  return LD_GRANT_NONE;
}

const char *
ld_grant_get_label (LdGrant grant)
{
  for (guint i = 0; i < G_N_ELEMENTS (grants_table); i++)
    if (grants_table[i].grant == grant)
      return g_dpgettext2 (GETTEXT_PACKAGE, "grant", grants_table[i].label);
  return "";
}

char *
ld_grants_format (LdGrant grants)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (grants_table); i++)
    {
      if ((grants & grants_table[i].grant) == 0)
        continue;
      if (str->len > 0)
        /* Translators: separator between grant names in a list. */
        g_string_append (str, C_("list separator", ", "));
      g_string_append (str, ld_grant_get_label (grants_table[i].grant));
    }
  return g_string_free (str, FALSE);
}

const char *
ld_action_to_string (LdAction action)
{
  const ActionRow *row = lookup (action);
  return row ? row->name : NULL;
}

const char *
ld_action_get_label (LdAction action)
{
  const ActionRow *row = lookup (action);
  return row ? _(row->label) : "";
}

static const char *kdf_names[] = { "interactive", "moderate", "sensitive" };

const char *
ld_kdf_profile_to_string (LdKdfProfile profile)
{
  g_return_val_if_fail (profile <= LD_KDF_SENSITIVE, "moderate");
  return kdf_names[profile];
}

gboolean
ld_kdf_profile_from_string (const char   *str,
                            LdKdfProfile *profile)
{
  for (guint i = 0; i < G_N_ELEMENTS (kdf_names); i++)
    if (str != NULL && g_str_equal (str, kdf_names[i]))
      {
        *profile = (LdKdfProfile) i;
        return TRUE;
      }
  return FALSE;
}
