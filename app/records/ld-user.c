/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-user"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "records/ld-user.h"
#include "rules/ld-permissions.h"

struct _LdUser
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  LdRole   role;
  LdGrant  grants;
  gboolean disabled;
  gboolean locked;
  gboolean must_change_password;
  gint64   password_changed_at;
  gint64   created_at;
  gint64   last_login_at;
};

G_DEFINE_FINAL_TYPE (LdUser, ld_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_ROLE_LABEL,
  PROP_GRANTS,
  PROP_GRANTS_LABEL,
  PROP_DISABLED,
  PROP_LOCKED,
  PROP_MUST_CHANGE_PASSWORD,
  PROP_PASSWORD_CHANGED_AT,
  PROP_CREATED_AT,
  PROP_LAST_LOGIN_AT,
  PROP_LAST_LOGIN_TEXT,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return g_strdup (C_("last sign-in", "Never"));
  dt = g_date_time_new_from_unix_local (t);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static const char *
status_label (LdUser *self)
{
  if (self->disabled)
    return C_("account status", "Disabled");
  if (self->locked)
    return C_("account status", "Locked");
  if (self->must_change_password)
    return C_("account status", "Must change password");
  return C_("account status", "Active");
}

static void
ld_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LdUser *self = LD_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_ROLE_LABEL:
      g_value_set_string (value, ld_role_get_label (self->role));
      break;
    case PROP_GRANTS:
      g_value_set_uint (value, self->grants);
      break;
    case PROP_GRANTS_LABEL:
      g_value_take_string (value, ld_grants_format (self->grants));
      break;
    case PROP_DISABLED:
      g_value_set_boolean (value, self->disabled);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_MUST_CHANGE_PASSWORD:
      g_value_set_boolean (value, self->must_change_password);
      break;
    case PROP_PASSWORD_CHANGED_AT:
      g_value_set_int64 (value, self->password_changed_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_LOGIN_AT:
      g_value_set_int64 (value, self->last_login_at);
      break;
    case PROP_LAST_LOGIN_TEXT:
      g_value_take_string (value, format_time (self->last_login_at));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, status_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_user_finalize (GObject *object)
{
  LdUser *self = LD_USER (object);

  g_free (self->name);
  G_OBJECT_CLASS (ld_user_parent_class)->finalize (object);
}

static void
ld_user_class_init (LdUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_user_get_property;
  object_class->finalize = ld_user_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, 0, LD_N_ROLES - 1, 0, flags);
  properties[PROP_ROLE_LABEL] = g_param_spec_string ("role-label", NULL, NULL, NULL, flags);
  properties[PROP_GRANTS] = g_param_spec_uint ("grants", NULL, NULL, 0, LD_GRANT_ALL, 0, flags);
  properties[PROP_GRANTS_LABEL] = g_param_spec_string ("grants-label", NULL, NULL, NULL, flags);
  properties[PROP_DISABLED] = g_param_spec_boolean ("disabled", NULL, NULL, FALSE, flags);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, flags);
  properties[PROP_MUST_CHANGE_PASSWORD] = g_param_spec_boolean ("must-change-password", NULL, NULL, FALSE, flags);
  properties[PROP_PASSWORD_CHANGED_AT] = g_param_spec_int64 ("password-changed-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_LOGIN_AT] = g_param_spec_int64 ("last-login-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_LOGIN_TEXT] = g_param_spec_string ("last-login-text", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_user_init (LdUser *self)
{
}

LdUser *
ld_user_new (gint64      id,
             const char *name,
             LdRole      role,
             LdGrant     grants,
             gboolean    disabled,
             gboolean    locked,
             gboolean    must_change_password,
             gint64      password_changed_at,
             gint64      created_at,
             gint64      last_login_at)
{
  LdUser *self = g_object_new (LD_TYPE_USER, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->role = role;
  self->grants = grants;
  self->disabled = disabled;
  self->locked = locked;
  self->must_change_password = must_change_password;
  self->password_changed_at = password_changed_at;
  self->created_at = created_at;
  self->last_login_at = last_login_at;
  return self;
}

gint64 ld_user_get_id (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->id; }
const char *ld_user_get_name (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), NULL); return self->name; }
LdRole ld_user_get_role (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->role; }
LdGrant ld_user_get_grants (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->grants; }
gboolean ld_user_get_disabled (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), FALSE); return self->disabled; }
gboolean ld_user_get_locked (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), FALSE); return self->locked; }
gboolean ld_user_get_must_change_password (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), FALSE); return self->must_change_password; }
gint64 ld_user_get_password_changed_at (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->password_changed_at; }
gint64 ld_user_get_created_at (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->created_at; }
gint64 ld_user_get_last_login_at (LdUser *self) { g_return_val_if_fail (LD_IS_USER (self), 0); return self->last_login_at; }
