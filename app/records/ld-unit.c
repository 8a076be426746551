/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-unit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "records/ld-unit.h"

static const char * const kinds[] = {
  "party-organ", "government-organ", "public-institution", "soe", "township", "village", NULL,
};
static const char * const kind_labels[] = {
  NC_("unit kind", "Party organ"),
  NC_("unit kind", "Government organ"),
  NC_("unit kind", "Public institution"),
  NC_("unit kind", "State-owned enterprise"),
  NC_("unit kind", "Township"),
  NC_("unit kind", "Village or community"),
};
static const char * const supervisor_kinds[] = { "same-level", "stationed", NULL };
static const char * const supervisor_labels[] = {
  NC_("unit supervisor", "Discipline commission at the same level"),
  NC_("unit supervisor", "Stationed discipline inspection group"),
};

const char * const *ld_unit_kinds (void) { return kinds; }
const char * const *ld_unit_supervisor_kinds (void) { return supervisor_kinds; }

const char *
ld_unit_kind_get_label (const char *kind)
{
  for (guint i = 0; kind != NULL && kinds[i] != NULL; i++)
    if (g_str_equal (kind, kinds[i]))
      return g_dpgettext2 (GETTEXT_PACKAGE, "unit kind", kind_labels[i]);
  return kind ? kind : "";
}

const char *
ld_unit_supervisor_kind_get_label (const char *kind)
{
  for (guint i = 0; kind != NULL && supervisor_kinds[i] != NULL; i++)
    if (g_str_equal (kind, supervisor_kinds[i]))
      return g_dpgettext2 (GETTEXT_PACKAGE, "unit supervisor", supervisor_labels[i]);
  return kind ? kind : "";
}

struct _LdUnit
{
  GObject  parent_instance;

  gint64   id;
  gint64   parent_id;
  char    *name;
  char    *short_name;
  char    *kind;
  char    *supervisor_kind;
  char    *supervisor_name;
  gint64   retired_at;
  char    *retired_reason;
  gint64   merged_into;
  gint64   created_at;
  gint64   updated_at;
  int      depth;
};

G_DEFINE_FINAL_TYPE (LdUnit, ld_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_SHORT_NAME,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_SUPERVISOR_KIND,
  PROP_SUPERVISOR_NAME,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_MERGED_INTO,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_unit_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LdUnit *self = LD_UNIT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_PARENT_ID: g_value_set_int64 (value, self->parent_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_SHORT_NAME: g_value_set_string (value, self->short_name); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_KIND_LABEL: g_value_set_string (value, ld_unit_kind_get_label (self->kind)); break;
    case PROP_SUPERVISOR_KIND: g_value_set_string (value, self->supervisor_kind); break;
    case PROP_SUPERVISOR_NAME: g_value_set_string (value, self->supervisor_name); break;
    case PROP_RETIRED_AT: g_value_set_int64 (value, self->retired_at); break;
    case PROP_RETIRED_REASON: g_value_set_string (value, self->retired_reason); break;
    case PROP_MERGED_INTO: g_value_set_int64 (value, self->merged_into); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_DEPTH: g_value_set_int (value, self->depth); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_unit_finalize (GObject *object)
{
  LdUnit *self = LD_UNIT (object);

  g_free (self->name);
  g_free (self->short_name);
  g_free (self->kind);
  g_free (self->supervisor_kind);
  g_free (self->supervisor_name);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_unit_parent_class)->finalize (object);
}

static void
ld_unit_class_init (LdUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_unit_get_property;
  object_class->finalize = ld_unit_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SHORT_NAME] = g_param_spec_string ("short-name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_SUPERVISOR_KIND] = g_param_spec_string ("supervisor-kind", NULL, NULL, NULL, flags);
  properties[PROP_SUPERVISOR_NAME] = g_param_spec_string ("supervisor-name", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_MERGED_INTO] = g_param_spec_int64 ("merged-into", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DEPTH] = g_param_spec_int ("depth", NULL, NULL, 0, G_MAXINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_unit_init (LdUnit *self)
{
}

LdUnit *
ld_unit_new (gint64      id,
             gint64      parent_id,
             const char *name,
             const char *short_name,
             const char *kind,
             const char *supervisor_kind,
             const char *supervisor_name,
             gint64      retired_at,
             const char *retired_reason,
             gint64      merged_into,
             gint64      created_at,
             gint64      updated_at)
{
  LdUnit *self = g_object_new (LD_TYPE_UNIT, NULL);

  self->id = id;
  self->parent_id = parent_id;
  self->name = g_strdup (name ? name : "");
  self->short_name = g_strdup (short_name ? short_name : "");
  self->kind = g_strdup (kind ? kind : "");
  self->supervisor_kind = g_strdup (supervisor_kind ? supervisor_kind : "");
  self->supervisor_name = g_strdup (supervisor_name ? supervisor_name : "");
  self->retired_at = retired_at;
  self->retired_reason = g_strdup (retired_reason ? retired_reason : "");
  self->merged_into = merged_into;
  self->created_at = created_at;
  self->updated_at = updated_at;
  return self;
}

#define GETTER(type, name, fallback) \
  type ld_unit_get_##name (LdUnit *self) { g_return_val_if_fail (LD_IS_UNIT (self), fallback); return self->name; }

GETTER (gint64, id, 0)
GETTER (gint64, parent_id, 0)
GETTER (const char *, name, NULL)
GETTER (const char *, short_name, NULL)
GETTER (const char *, kind, NULL)
GETTER (const char *, supervisor_kind, NULL)
GETTER (const char *, supervisor_name, NULL)
GETTER (gint64, retired_at, 0)
GETTER (const char *, retired_reason, NULL)
GETTER (gint64, merged_into, 0)
GETTER (gint64, created_at, 0)
GETTER (gint64, updated_at, 0)
GETTER (int, depth, 0)

void
_ld_unit_set_depth (LdUnit *self,
                    int     depth)
{
  self->depth = depth;
}
