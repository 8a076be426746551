/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "records/ld-cadre-private.h"
#include "rules/ld-code-tables.h"

#define TEXT(col, prop, label) { #col, prop, label, LD_CADRE_FIELD_TEXT, G_STRUCT_OFFSET (LdCadreFields, col) }

static const LdCadreFieldInfo field_table[] = {
  { "unit_id", "unit-id", NC_("cadre field", "Unit"), LD_CADRE_FIELD_ID, G_STRUCT_OFFSET (LdCadreFields, unit_id) },
  TEXT (name, "name", NC_("cadre field", "Name")),
  TEXT (former_names, "former-names", NC_("cadre field", "Former names")),
  TEXT (id_number, "id-number", NC_("cadre field", "ID number")),
  TEXT (sex, "sex", NC_("cadre field", "Sex")),
  TEXT (birth_date, "birth-date", NC_("cadre field", "Date of birth")),
  TEXT (ethnicity, "ethnicity", NC_("cadre field", "Ethnicity")),
  TEXT (native_place, "native-place", NC_("cadre field", "Native place")),
  TEXT (political_status, "political-status", NC_("cadre field", "Political status")),
  TEXT (party_joined, "party-joined", NC_("cadre field", "Joined the Party")),
  TEXT (party_full, "party-full", NC_("cadre field", "Full Party member since")),
  TEXT (edu_fulltime, "edu-fulltime", NC_("cadre field", "Full-time education")),
  TEXT (degree_fulltime, "degree-fulltime", NC_("cadre field", "Full-time degree")),
  TEXT (school_fulltime, "school-fulltime", NC_("cadre field", "Full-time school and major")),
  TEXT (edu_inservice, "edu-inservice", NC_("cadre field", "In-service education")),
  TEXT (degree_inservice, "degree-inservice", NC_("cadre field", "In-service degree")),
  TEXT (school_inservice, "school-inservice", NC_("cadre field", "In-service school and major")),
  TEXT (post, "post", NC_("cadre field", "Post")),
  TEXT (post_level, "post-level", NC_("cadre field", "Leading post level")),
  TEXT (rank, "rank", NC_("cadre field", "Rank")),
  { "grade", "grade", NC_("cadre field", "Grade"), LD_CADRE_FIELD_INT, G_STRUCT_OFFSET (LdCadreFields, grade) },
  TEXT (post_since, "post-since", NC_("cadre field", "In current post since")),
  TEXT (rank_since, "rank-since", NC_("cadre field", "At current rank since")),
  TEXT (promoted_at, "promoted-at", NC_("cadre field", "Latest promotion")),
  TEXT (authority, "authority", NC_("cadre field", "Management authority")),
  TEXT (status, "status", NC_("cadre field", "Employment status")),
  TEXT (post_tags, "post-tags", NC_("cadre field", "Post types")),
  { "principal", "principal", NC_("cadre field", "Principal post"), LD_CADRE_FIELD_BOOL, G_STRUCT_OFFSET (LdCadreFields, principal) },
  TEXT (classification, "classification", NC_("cadre field", "Classification")),
};

#undef TEXT

const LdCadreFieldInfo *
_ld_cadre_field_table (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (field_table);
  return field_table;
}

#define FIELD_PTR(fields, info, type) ((type *) (gpointer) ((guint8 *) (fields) + (info)->offset))

char *
_ld_cadre_field_to_text (const LdCadreFields    *fields,
                         const LdCadreFieldInfo *info)
{
  switch (info->type)
    {
    case LD_CADRE_FIELD_TEXT:
      {
        const char *s = *FIELD_PTR (fields, info, char *);
        return g_strdup (s ? s : "");
      }
    case LD_CADRE_FIELD_INT:
      return g_strdup_printf ("%d", *FIELD_PTR (fields, info, int));
    case LD_CADRE_FIELD_BOOL:
      return g_strdup (*FIELD_PTR (fields, info, gboolean) ? "1" : "0");
    case LD_CADRE_FIELD_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *FIELD_PTR (fields, info, gint64));
    default:
      g_assert_not_reached ();
    }
}

void
ld_cadre_fields_clear (LdCadreFields *fields)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
    if (field_table[i].type == LD_CADRE_FIELD_TEXT)
      g_clear_pointer (FIELD_PTR (fields, &field_table[i], char *), g_free);
  memset (fields, 0, sizeof *fields);
}

void
ld_cadre_fields_copy (const LdCadreFields *src,
                      LdCadreFields       *dest)
{
  *dest = *src;
  for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
    if (field_table[i].type == LD_CADRE_FIELD_TEXT)
      {
        char **p = FIELD_PTR (dest, &field_table[i], char *);
        *p = g_strdup (*p);
      }
}

static const LdCadreFieldInfo *
find_field (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_table); i++)
    if (g_str_equal (field, field_table[i].column) || g_str_equal (field, field_table[i].property))
      return &field_table[i];
  return NULL;
}

gboolean
ld_cadre_fields_set (LdCadreFields *fields,
                     const char    *field,
                     const char    *value)
{
  const LdCadreFieldInfo *info = find_field (field);
  gint64 n = 0;

  if (info == NULL || value == NULL)
    return FALSE;
  if (info->type == LD_CADRE_FIELD_TEXT)
    {
      char **p = FIELD_PTR (fields, info, char *);
      g_free (*p);
      *p = g_strdup (value);
      return TRUE;
    }
  if (info->type == LD_CADRE_FIELD_BOOL && (g_ascii_strcasecmp (value, "yes") == 0 || g_ascii_strcasecmp (value, "true") == 0))
    n = 1;
  else if (info->type == LD_CADRE_FIELD_BOOL && (g_ascii_strcasecmp (value, "no") == 0 || g_ascii_strcasecmp (value, "false") == 0))
    n = 0;
  else if (*value == '\0')
    n = 0;
  else if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &n, NULL))
    return FALSE;
  switch (info->type)
    {
    case LD_CADRE_FIELD_INT:
      if (n > G_MAXINT)
        return FALSE;
      *FIELD_PTR (fields, info, int) = (int) n;
      break;
    case LD_CADRE_FIELD_BOOL:
      *FIELD_PTR (fields, info, gboolean) = n != 0;
      break;
    case LD_CADRE_FIELD_ID:
      *FIELD_PTR (fields, info, gint64) = n;
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

const char * const *
ld_cadre_field_names (void)
{
  static const char *names[G_N_ELEMENTS (field_table) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
      names[i] = field_table[i].column;
  return names;
}

const char *
ld_cadre_field_get_label (const char *field)
{
  const LdCadreFieldInfo *info = find_field (field);

  /* Not columns of section A, but named in a file's history. */
  if (g_strcmp0 (field, "tags") == 0)
    return C_("cadre field", "Manual tags");
  if (g_strcmp0 (field, "photo") == 0)
    return C_("cadre field", "Photo");
  if (info == NULL)
    return field;
  return g_dpgettext2 (GETTEXT_PACKAGE, "cadre field", info->label);
}

const char *
ld_cadre_sex_get_label (const char *sex)
{
  if (g_strcmp0 (sex, "M") == 0)
    return C_("sex", "Male");
  if (g_strcmp0 (sex, "F") == 0)
    return C_("sex", "Female");
  return "";
}

/* The record spells management authority and employment status its own
 * way; these are the code-table codes for them. */
static const struct
{
  const char *field;
  const char *stored;
  const char *table;
  const char *table_code;
} stored_codes[] = {
  { "authority", "central", LD_CODE_TABLE_MANAGEMENT, "central" },
  { "authority", "province", LD_CODE_TABLE_MANAGEMENT, "provincial" },
  { "authority", "city", LD_CODE_TABLE_MANAGEMENT, "municipal" },
  { "authority", "county", LD_CODE_TABLE_MANAGEMENT, "county" },
  { "authority", "unit", LD_CODE_TABLE_MANAGEMENT, "unit" },
  { "status", "serving", LD_CODE_TABLE_EMPLOYMENT_STATUS, "active" },
  { "status", "left", LD_CODE_TABLE_EMPLOYMENT_STATUS, "left-post" },
  { "status", "retired", LD_CODE_TABLE_EMPLOYMENT_STATUS, "retired" },
  { "status", "transferred", LD_CODE_TABLE_EMPLOYMENT_STATUS, "transferred-out" },
};

const char *
ld_cadre_code_to_table (const char  *field,
                        const char  *stored,
                        const char **table)
{
  for (guint i = 0; field != NULL && stored != NULL && i < G_N_ELEMENTS (stored_codes); i++)
    if (g_str_equal (stored_codes[i].field, field) && g_str_equal (stored_codes[i].stored, stored))
      {
        if (table != NULL)
          *table = stored_codes[i].table;
        return stored_codes[i].table_code;
      }
  return NULL;
}

const char *
ld_cadre_code_from_table (const char *field,
                          const char *table_code)
{
  for (guint i = 0; field != NULL && table_code != NULL && i < G_N_ELEMENTS (stored_codes); i++)
    if (g_str_equal (stored_codes[i].field, field) && g_str_equal (stored_codes[i].table_code, table_code))
      return stored_codes[i].stored;
  return NULL;
}

static const char *
code_label (const char *table,
            const char *code)
{
  const char *label = ld_code_get_label (table, code);

  return label != NULL && *label != '\0' ? label : NULL;
}

char *
ld_cadre_field_format_value (const char *field,
                             const char *value)
{
  const char *label = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");
  if (g_str_equal (field, "ethnicity"))
    label = code_label (LD_CODE_TABLE_ETHNICITY, value);
  else if (g_str_equal (field, "political_status"))
    label = code_label (LD_CODE_TABLE_POLITICAL_STATUS, value);
  else if (g_str_equal (field, "edu_fulltime") || g_str_equal (field, "edu_inservice"))
    label = code_label (LD_CODE_TABLE_EDUCATION, value);
  else if (g_str_equal (field, "degree_fulltime") || g_str_equal (field, "degree_inservice"))
    label = code_label (LD_CODE_TABLE_DEGREE, value);
  else if (g_str_equal (field, "post_level"))
    {
      if ((label = code_label (LD_CODE_TABLE_LEADING_POST, value)) == NULL)
        label = code_label (LD_CODE_TABLE_POST_LEVEL, value);
    }
  else if (g_str_equal (field, "rank"))
    {
      if ((label = code_label (LD_CODE_TABLE_RANK, value)) == NULL)
        label = code_label (LD_CODE_TABLE_STAFF_GRADE, value);
    }
  else if (g_str_equal (field, "authority") || g_str_equal (field, "status"))
    {
      const char *table = NULL;
      const char *table_code = ld_cadre_code_to_table (field, value, &table);

      if (table_code != NULL)
        label = code_label (table, table_code);
    }
  else if (g_str_equal (field, "classification"))
    {
      /* Translators: 密级: 内部 */
      if (g_str_equal (value, "internal"))
        label = C_("classification", "Internal");
      /* Translators: 密级: 秘密 */
      else if (g_str_equal (value, "secret"))
        label = C_("classification", "Secret");
      /* Translators: 密级: 机密 */
      else if (g_str_equal (value, "confidential"))
        label = C_("classification", "Confidential");
    }
  else if (g_str_equal (field, "post_tags"))
    {
      g_auto(GStrv) tags = g_strsplit (value, ",", -1);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; tags[i] != NULL; i++)
        {
          const char *tag = code_label (LD_CODE_TABLE_POST_TAG, tags[i]);

          g_ptr_array_add (labels, (gpointer) (tag != NULL ? tag : tags[i]));
        }
      g_ptr_array_add (labels, NULL);
      return g_strjoinv (C_("list separator", ", "), (char **) labels->pdata);
    }
  return g_strdup (label != NULL ? label : value);
}

/* --- The object ------------------------------------------------------------ */

struct _LdCadre
{
  GObject        parent_instance;

  gint64         id;
  LdCadreFields  fields;
  char          *unit_name;
  char          *categories;
  char          *tags;
  gint64         retired_at;
  char          *retired_reason;
  gint64         created_at;
  gint64         updated_at;
};

G_DEFINE_FINAL_TYPE (LdCadre, ld_cadre, G_TYPE_OBJECT)

/* Properties after the fields (PROP_FIELD_0 + i is field_table[i]). */
enum {
  PROP_0,
  PROP_ID,
  PROP_UNIT_NAME,
  PROP_SEX_LABEL,
  PROP_CATEGORIES,
  PROP_TAGS,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_FIELD_0,
  N_PROPS = PROP_FIELD_0 + G_N_ELEMENTS (field_table)
};

static GParamSpec *properties[N_PROPS];

static void
ld_cadre_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LdCadre *self = LD_CADRE (object);

  if (prop_id >= PROP_FIELD_0 && prop_id < N_PROPS)
    {
      const LdCadreFieldInfo *info = &field_table[prop_id - PROP_FIELD_0];

      switch (info->type)
        {
        case LD_CADRE_FIELD_TEXT:
          g_value_set_string (value, *FIELD_PTR (&self->fields, info, char *));
          break;
        case LD_CADRE_FIELD_INT:
          g_value_set_int (value, *FIELD_PTR (&self->fields, info, int));
          break;
        case LD_CADRE_FIELD_BOOL:
          g_value_set_boolean (value, *FIELD_PTR (&self->fields, info, gboolean));
          break;
        case LD_CADRE_FIELD_ID:
          g_value_set_int64 (value, *FIELD_PTR (&self->fields, info, gint64));
          break;
        default:
          g_assert_not_reached ();
        }
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_SEX_LABEL:
      g_value_set_string (value, ld_cadre_sex_get_label (self->fields.sex));
      break;
    case PROP_CATEGORIES:
      g_value_set_string (value, self->categories);
      break;
    case PROP_TAGS:
      g_value_set_string (value, self->tags);
      break;
    case PROP_RETIRED_AT:
      g_value_set_int64 (value, self->retired_at);
      break;
    case PROP_RETIRED_REASON:
      g_value_set_string (value, self->retired_reason);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadre_finalize (GObject *object)
{
  LdCadre *self = LD_CADRE (object);

  ld_cadre_fields_clear (&self->fields);
  g_free (self->unit_name);
  g_free (self->categories);
  g_free (self->tags);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_cadre_parent_class)->finalize (object);
}

static void
ld_cadre_class_init (LdCadreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_cadre_get_property;
  object_class->finalize = ld_cadre_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_SEX_LABEL] = g_param_spec_string ("sex-label", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORIES] = g_param_spec_string ("categories", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_string ("tags", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
    {
      const LdCadreFieldInfo *info = &field_table[i];
      GParamSpec *spec = NULL;

      switch (info->type)
        {
        case LD_CADRE_FIELD_TEXT:
          spec = g_param_spec_string (info->property, NULL, NULL, NULL, flags);
          break;
        case LD_CADRE_FIELD_INT:
          spec = g_param_spec_int (info->property, NULL, NULL, 0, G_MAXINT, 0, flags);
          break;
        case LD_CADRE_FIELD_BOOL:
          spec = g_param_spec_boolean (info->property, NULL, NULL, FALSE, flags);
          break;
        case LD_CADRE_FIELD_ID:
          spec = g_param_spec_int64 (info->property, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      properties[PROP_FIELD_0 + i] = spec;
    }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_cadre_init (LdCadre *self)
{
}

LdCadre *
ld_cadre_new (gint64               id,
              const LdCadreFields *fields,
              const char          *unit_name,
              gint64               retired_at,
              const char          *retired_reason,
              gint64               created_at,
              gint64               updated_at)
{
  LdCadre *self = g_object_new (LD_TYPE_CADRE, NULL);

  self->id = id;
  ld_cadre_fields_copy (fields, &self->fields);
  for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
    if (field_table[i].type == LD_CADRE_FIELD_TEXT)
      {
        char **p = FIELD_PTR (&self->fields, &field_table[i], char *);
        if (*p == NULL)
          *p = g_strdup ("");
      }
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  self->categories = g_strdup ("");
  self->tags = g_strdup ("");
  self->retired_at = retired_at;
  self->retired_reason = g_strdup (retired_reason ? retired_reason : "");
  self->created_at = created_at;
  self->updated_at = updated_at;
  return self;
}

#define GETTER(type, name, expr, fallback) \
  type ld_cadre_get_##name (LdCadre *self) { g_return_val_if_fail (LD_IS_CADRE (self), fallback); return expr; }

GETTER (gint64, id, self->id, 0)
GETTER (const LdCadreFields *, fields, &self->fields, NULL)
GETTER (gint64, unit_id, self->fields.unit_id, 0)
GETTER (const char *, unit_name, self->unit_name, NULL)
GETTER (const char *, name, self->fields.name, NULL)
GETTER (const char *, id_number, self->fields.id_number, NULL)
GETTER (const char *, sex, self->fields.sex, NULL)
GETTER (const char *, birth_date, self->fields.birth_date, NULL)
GETTER (const char *, post, self->fields.post, NULL)
GETTER (const char *, categories, self->categories, NULL)
GETTER (const char *, tags, self->tags, NULL)
GETTER (gint64, retired_at, self->retired_at, 0)
GETTER (const char *, retired_reason, self->retired_reason, NULL)
GETTER (gint64, created_at, self->created_at, 0)
GETTER (gint64, updated_at, self->updated_at, 0)

void
_ld_cadre_set_categories (LdCadre    *self,
                          const char *categories)
{
  g_return_if_fail (LD_IS_CADRE (self));
  g_free (self->categories);
  self->categories = g_strdup (categories ? categories : "");
}

void
_ld_cadre_set_tags (LdCadre    *self,
                    const char *tags)
{
  g_return_if_fail (LD_IS_CADRE (self));
  g_free (self->tags);
  self->tags = g_strdup (tags ? tags : "");
}
