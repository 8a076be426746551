/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-cadre-row.h"

#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"

#include <stdio.h>

struct _LdCadreRow
{
  GObject   parent_instance;

  gint64    id;
  LdCadre  *cadre;

  /* Display texts, NULL while not loaded. */
  char     *sex;
  char     *birth_age;
  char     *age;
  char     *rank;
  char     *status;
  char     *tags;
};

G_DEFINE_FINAL_TYPE (LdCadreRow, ld_cadre_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  PROP_CADRE,
  PROP_NAME,
  PROP_SEX,
  PROP_BIRTH_DATE,
  PROP_AGE,
  PROP_BIRTH_AGE,
  PROP_ID_NUMBER,
  PROP_UNIT,
  PROP_POST,
  PROP_RANK,
  PROP_POST_SINCE,
  PROP_CATEGORIES,
  PROP_TAGS,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The repository stores its own codes for these two; the code tables
 * hold the translated labels under their table codes. */
static const char *
stored_code_label (const char *field,
                   const char *stored)
{
  const char *table = NULL;
  const char *table_code;
  const char *label;

  if (stored == NULL || stored[0] == '\0')
    return "";
  table_code = ld_cadre_code_to_table (field, stored, &table);
  label = table_code != NULL ? ld_code_get_label (table, table_code) : NULL;
  return label != NULL ? label : stored;
}

const char *
ld_cadre_authority_get_label (const char *authority)
{
  return stored_code_label ("authority", authority);
}

const char *
ld_cadre_status_get_label (const char *status)
{
  return stored_code_label ("status", status);
}

const char *
ld_cadre_rank_get_label (const char *post_level,
                         const char *rank)
{
  const char *label;

  if (post_level != NULL && post_level[0] != '\0')
    {
      if ((label = ld_code_get_label (LD_CODE_TABLE_LEADING_POST, post_level)) != NULL ||
          (label = ld_code_get_label (LD_CODE_TABLE_POST_LEVEL, post_level)) != NULL ||
          (label = ld_code_get_label (LD_CODE_TABLE_STAFF_GRADE, post_level)) != NULL)
        return label;
      return post_level;
    }

  if (rank != NULL && rank[0] != '\0')
    {
      if ((label = ld_code_get_label (LD_CODE_TABLE_RANK, rank)) != NULL)
        return label;
      return rank;
    }

  return "";
}

static int
compute_age (const char *birth_date)
{
  g_autoptr(GDateTime) now = NULL;
  GDate today;
  int year = 0, month = 0, day = 0;

  if (birth_date == NULL || sscanf (birth_date, "%d-%d-%d", &year, &month, &day) < 2)
    return -1;

  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));

  return ld_age_at (year, month, day, &today);
}

static void
clear_texts (LdCadreRow *self)
{
  g_clear_pointer (&self->sex, g_free);
  g_clear_pointer (&self->birth_age, g_free);
  g_clear_pointer (&self->age, g_free);
  g_clear_pointer (&self->rank, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->tags, g_free);
}

static const char *
text_or_empty (const char *s)
{
  return s != NULL ? s : "";
}

static void
ld_cadre_row_finalize (GObject *object)
{
  LdCadreRow *self = (LdCadreRow *)object;

  clear_texts (self);
  g_clear_object (&self->cadre);

  G_OBJECT_CLASS (ld_cadre_row_parent_class)->finalize (object);
}

static void
ld_cadre_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LdCadreRow *self = LD_CADRE_ROW (object);
  const LdCadreFields *f = self->cadre != NULL ? ld_cadre_get_fields (self->cadre) : NULL;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->cadre != NULL);
      break;

    case PROP_CADRE:
      g_value_set_object (value, self->cadre);
      break;

    case PROP_NAME:
      g_value_set_string (value, ld_cadre_row_get_name (self));
      break;

    case PROP_SEX:
      g_value_set_string (value, text_or_empty (self->sex));
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, f != NULL ? text_or_empty (f->birth_date) : "");
      break;

    case PROP_AGE:
      g_value_set_string (value, text_or_empty (self->age));
      break;

    case PROP_BIRTH_AGE:
      g_value_set_string (value, text_or_empty (self->birth_age));
      break;

    case PROP_ID_NUMBER:
      g_value_set_string (value, f != NULL ? text_or_empty (f->id_number) : "");
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->cadre != NULL ? text_or_empty (ld_cadre_get_unit_name (self->cadre)) : "");
      break;

    case PROP_POST:
      g_value_set_string (value, f != NULL ? text_or_empty (f->post) : "");
      break;

    case PROP_RANK:
      g_value_set_string (value, text_or_empty (self->rank));
      break;

    case PROP_POST_SINCE:
      g_value_set_string (value, f != NULL ? text_or_empty (f->post_since) : "");
      break;

    case PROP_CATEGORIES:
      g_value_set_string (value, ld_cadre_row_get_categories (self));
      break;

    case PROP_TAGS:
      g_value_set_string (value, text_or_empty (self->tags));
      break;

    case PROP_STATUS:
      g_value_set_string (value, text_or_empty (self->status));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadre_row_class_init (LdCadreRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ld_cadre_row_finalize;
  object_class->get_property = ld_cadre_row_get_property;

  properties [PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties [PROP_CADRE] = g_param_spec_object ("cadre", NULL, NULL, LD_TYPE_CADRE, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties [PROP_SEX] = g_param_spec_string ("sex", NULL, NULL, "", flags);
  properties [PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, "", flags);
  properties [PROP_AGE] = g_param_spec_string ("age", NULL, NULL, "", flags);
  properties [PROP_BIRTH_AGE] = g_param_spec_string ("birth-age", NULL, NULL, "", flags);
  properties [PROP_ID_NUMBER] = g_param_spec_string ("id-number", NULL, NULL, "", flags);
  properties [PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, "", flags);
  properties [PROP_POST] = g_param_spec_string ("post", NULL, NULL, "", flags);
  properties [PROP_RANK] = g_param_spec_string ("rank", NULL, NULL, "", flags);
  properties [PROP_POST_SINCE] = g_param_spec_string ("post-since", NULL, NULL, "", flags);
  properties [PROP_CATEGORIES] = g_param_spec_string ("categories", NULL, NULL, "", flags);
  properties [PROP_TAGS] = g_param_spec_string ("tags", NULL, NULL, "", flags);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_cadre_row_init (LdCadreRow *self)
{
}

LdCadreRow *
ld_cadre_row_new (gint64 id)
{
  LdCadreRow *self = g_object_new (LD_TYPE_CADRE_ROW, NULL);

  self->id = id;

  return self;
}

gint64
ld_cadre_row_get_id (LdCadreRow *self)
{
  g_return_val_if_fail (LD_IS_CADRE_ROW (self), 0);

  return self->id;
}

gboolean
ld_cadre_row_get_loaded (LdCadreRow *self)
{
  g_return_val_if_fail (LD_IS_CADRE_ROW (self), FALSE);

  return self->cadre != NULL;
}

LdCadre *
ld_cadre_row_get_cadre (LdCadreRow *self)
{
  g_return_val_if_fail (LD_IS_CADRE_ROW (self), NULL);

  return self->cadre;
}

const char *
ld_cadre_row_get_name (LdCadreRow *self)
{
  g_return_val_if_fail (LD_IS_CADRE_ROW (self), "");

  return self->cadre != NULL ? text_or_empty (ld_cadre_get_name (self->cadre)) : "";
}

const char *
ld_cadre_row_get_categories (LdCadreRow *self)
{
  g_return_val_if_fail (LD_IS_CADRE_ROW (self), "");

  return self->cadre != NULL ? text_or_empty (ld_cadre_get_categories (self->cadre)) : "";
}

void
ld_cadre_row_set_cadre (LdCadreRow *self,
                        LdCadre    *cadre)
{
  const LdCadreFields *f;
  int age;

  g_return_if_fail (LD_IS_CADRE_ROW (self));
  g_return_if_fail (cadre == NULL || LD_IS_CADRE (cadre));
  g_return_if_fail (cadre == NULL || ld_cadre_get_id (cadre) == self->id);

  if (cadre == self->cadre)
    return;

  g_set_object (&self->cadre, cadre);
  clear_texts (self);

  if (cadre != NULL)
    {
      f = ld_cadre_get_fields (cadre);
      age = compute_age (f->birth_date);

      self->sex = g_strdup (ld_cadre_sex_get_label (f->sex));
      self->age = age >= 0 ? g_strdup_printf ("%d", age) : g_strdup ("");
      if (age >= 0)
        /* Translators: a birth date and the age in years, in a list cell. */
        self->birth_age = g_strdup_printf (_("%s (%d)"), text_or_empty (f->birth_date), age);
      else
        self->birth_age = g_strdup (text_or_empty (f->birth_date));
      self->rank = g_strdup (ld_cadre_rank_get_label (f->post_level, f->rank));
      self->status = g_strdup (ld_cadre_status_get_label (f->status));

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (cadre), "tags") != NULL)
        {
          g_autofree char *tags = NULL;
          g_auto(GStrv) parts = NULL;

          g_object_get (cadre, "tags", &tags, NULL);
          parts = g_strsplit (text_or_empty (tags), ",", -1);
          /* Translators: the separator between manual tags in a list cell. */
          self->tags = g_strjoinv (_(", "), parts);
        }
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_LOADED; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties [i]);
  g_object_thaw_notify (G_OBJECT (self));
}
