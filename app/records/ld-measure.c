/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-measure"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-measure-private.h"
#include "records/ld-records-util.h"
#include "rules/ld-case-tables.h"

/* Lengths in characters. */
#define MAX_SHORT_TEXT  200
#define MAX_FACTS       20000

struct _LdMeasure
{
  GObject            parent_instance;

  gint64             id;
  char              *reg_no;
  gint64             cadre_id;
  char              *cadre_name;
  gint64             unit_id;
  char              *unit_name;
  char              *code;
  int                form;
  LdMeasureCategory  category;
  char              *decision_date;
  char              *effective_date;
  char              *authority;
  char              *doc_no;
  char              *source_type;
  gint64             source_id;
  char              *source_label;
  char              *categories;
  char              *facts;
  gboolean           accountability;
  int                extension_months;
  LdMeasureStatus    status;
  char              *status_date;
  gint64             replaced_by;
  char              *replaced_by_reg_no;
  gint64             replaces;
  char              *replaces_reg_no;
  char              *effect_end;
  char              *effect_end_label;
  char              *post_level;
  char              *groups;
  char              *account;
  gint64             retired_at;
  char              *retired_reason;
  gint64             created_at;
  gint64             updated_at;
};

G_DEFINE_FINAL_TYPE (LdMeasure, ld_measure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REG_NO,
  PROP_CADRE_ID,
  PROP_CADRE_NAME,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_CODE,
  PROP_CODE_LABEL,
  PROP_FORM,
  PROP_FORM_LABEL,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_DECISION_DATE,
  PROP_EFFECTIVE_DATE,
  PROP_AUTHORITY,
  PROP_DOC_NO,
  PROP_SOURCE_TYPE,
  PROP_SOURCE_ID,
  PROP_SOURCE_LABEL,
  PROP_CATEGORIES,
  PROP_FACTS,
  PROP_ACCOUNTABILITY,
  PROP_EXTENSION_MONTHS,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_STATUS_DATE,
  PROP_REPLACED_BY,
  PROP_REPLACED_BY_REG_NO,
  PROP_REPLACES,
  PROP_REPLACES_REG_NO,
  PROP_EFFECT_END,
  PROP_EFFECT_END_LABEL,
  PROP_POST_LEVEL,
  PROP_GROUPS,
  PROP_ACCOUNT,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_measure_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LdMeasure *self = LD_MEASURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REG_NO:
      g_value_set_string (value, self->reg_no);
      break;
    case PROP_CADRE_ID:
      g_value_set_int64 (value, self->cadre_id);
      break;
    case PROP_CADRE_NAME:
      g_value_set_string (value, self->cadre_name);
      break;
    case PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_CODE_LABEL:
      g_value_set_string (value, ld_measure_get_code_label (self));
      break;
    case PROP_FORM:
      g_value_set_int (value, self->form);
      break;
    case PROP_FORM_LABEL:
      g_value_set_string (value, ld_measure_get_form_label (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, ld_measure_get_category_code (self));
      break;
    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, ld_measure_get_category_label (self));
      break;
    case PROP_DECISION_DATE:
      g_value_set_string (value, self->decision_date);
      break;
    case PROP_EFFECTIVE_DATE:
      g_value_set_string (value, self->effective_date);
      break;
    case PROP_AUTHORITY:
      g_value_set_string (value, self->authority);
      break;
    case PROP_DOC_NO:
      g_value_set_string (value, self->doc_no);
      break;
    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;
    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;
    case PROP_SOURCE_LABEL:
      g_value_set_string (value, self->source_label);
      break;
    case PROP_CATEGORIES:
      g_value_set_string (value, self->categories);
      break;
    case PROP_FACTS:
      g_value_set_string (value, self->facts);
      break;
    case PROP_ACCOUNTABILITY:
      g_value_set_boolean (value, self->accountability);
      break;
    case PROP_EXTENSION_MONTHS:
      g_value_set_int (value, self->extension_months);
      break;
    case PROP_STATUS:
      g_value_set_string (value, ld_measure_get_status_code (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ld_measure_get_status_label (self));
      break;
    case PROP_STATUS_DATE:
      g_value_set_string (value, self->status_date);
      break;
    case PROP_REPLACED_BY:
      g_value_set_int64 (value, self->replaced_by);
      break;
    case PROP_REPLACED_BY_REG_NO:
      g_value_set_string (value, self->replaced_by_reg_no);
      break;
    case PROP_REPLACES:
      g_value_set_int64 (value, self->replaces);
      break;
    case PROP_REPLACES_REG_NO:
      g_value_set_string (value, self->replaces_reg_no);
      break;
    case PROP_EFFECT_END:
      g_value_set_string (value, self->effect_end);
      break;
    case PROP_EFFECT_END_LABEL:
      g_value_set_string (value, self->effect_end_label);
      break;
    case PROP_POST_LEVEL:
      g_value_set_string (value, self->post_level);
      break;
    case PROP_GROUPS:
      g_value_set_string (value, self->groups);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
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
install_properties (GObjectClass *object_class)
{
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REG_NO] =
    g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  properties[PROP_CADRE_ID] =
    g_param_spec_int64 ("cadre-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CADRE_NAME] =
    g_param_spec_string ("cadre-name", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_ID] =
    g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] =
    g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_CODE_LABEL] =
    g_param_spec_string ("code-label", NULL, NULL, NULL, flags);
  properties[PROP_FORM] =
    g_param_spec_int ("form", NULL, NULL, 0, 4, 0, flags);
  properties[PROP_FORM_LABEL] =
    g_param_spec_string ("form-label", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY_LABEL] =
    g_param_spec_string ("category-label", NULL, NULL, NULL, flags);
  properties[PROP_DECISION_DATE] =
    g_param_spec_string ("decision-date", NULL, NULL, NULL, flags);
  properties[PROP_EFFECTIVE_DATE] =
    g_param_spec_string ("effective-date", NULL, NULL, NULL, flags);
  properties[PROP_AUTHORITY] =
    g_param_spec_string ("authority", NULL, NULL, NULL, flags);
  properties[PROP_DOC_NO] =
    g_param_spec_string ("doc-no", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_TYPE] =
    g_param_spec_string ("source-type", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SOURCE_LABEL] =
    g_param_spec_string ("source-label", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORIES] =
    g_param_spec_string ("categories", NULL, NULL, NULL, flags);
  properties[PROP_FACTS] =
    g_param_spec_string ("facts", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNTABILITY] =
    g_param_spec_boolean ("accountability", NULL, NULL, FALSE, flags);
  properties[PROP_EXTENSION_MONTHS] =
    g_param_spec_int ("extension-months", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_DATE] =
    g_param_spec_string ("status-date", NULL, NULL, NULL, flags);
  properties[PROP_REPLACED_BY] =
    g_param_spec_int64 ("replaced-by", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REPLACED_BY_REG_NO] =
    g_param_spec_string ("replaced-by-reg-no", NULL, NULL, NULL, flags);
  properties[PROP_REPLACES] =
    g_param_spec_int64 ("replaces", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REPLACES_REG_NO] =
    g_param_spec_string ("replaces-reg-no", NULL, NULL, NULL, flags);
  properties[PROP_EFFECT_END] =
    g_param_spec_string ("effect-end", NULL, NULL, NULL, flags);
  properties[PROP_EFFECT_END_LABEL] =
    g_param_spec_string ("effect-end-label", NULL, NULL, NULL, flags);
  properties[PROP_POST_LEVEL] =
    g_param_spec_string ("post-level", NULL, NULL, NULL, flags);
  properties[PROP_GROUPS] =
    g_param_spec_string ("groups", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] =
    g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] =
    g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

gint64
ld_measure_get_id (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->id;
}

const char *
ld_measure_get_reg_no (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->reg_no;
}

gint64
ld_measure_get_cadre_id (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->cadre_id;
}

const char *
ld_measure_get_cadre_name (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->cadre_name;
}

gint64
ld_measure_get_unit_id (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->unit_id;
}

const char *
ld_measure_get_unit_name (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->unit_name;
}

const char *
ld_measure_get_code (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->code;
}

int
ld_measure_get_form (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->form;
}

const char *
ld_measure_get_decision_date (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->decision_date;
}

const char *
ld_measure_get_effective_date (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->effective_date;
}

const char *
ld_measure_get_authority (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->authority;
}

const char *
ld_measure_get_doc_no (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->doc_no;
}

const char *
ld_measure_get_source_type (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->source_type;
}

gint64
ld_measure_get_source_id (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->source_id;
}

const char *
ld_measure_get_source_label (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->source_label;
}

const char *
ld_measure_get_categories (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->categories;
}

const char *
ld_measure_get_facts (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->facts;
}

gboolean
ld_measure_get_accountability (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), FALSE);
  return self->accountability;
}

int
ld_measure_get_extension_months (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->extension_months;
}

const char *
ld_measure_get_status_date (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->status_date;
}

gint64
ld_measure_get_replaced_by (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->replaced_by;
}

const char *
ld_measure_get_replaced_by_reg_no (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->replaced_by_reg_no;
}

gint64
ld_measure_get_replaces (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->replaces;
}

const char *
ld_measure_get_replaces_reg_no (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->replaces_reg_no;
}

const char *
ld_measure_get_effect_end (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->effect_end;
}

const char *
ld_measure_get_effect_end_label (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->effect_end_label;
}

const char *
ld_measure_get_post_level (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->post_level;
}

const char *
ld_measure_get_groups (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->groups;
}

const char *
ld_measure_get_account (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->account;
}

gint64
ld_measure_get_retired_at (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->retired_at;
}

const char *
ld_measure_get_retired_reason (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return self->retired_reason;
}

gint64
ld_measure_get_created_at (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->created_at;
}

gint64
ld_measure_get_updated_at (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), 0);
  return self->updated_at;
}


static void
ld_measure_finalize (GObject *object)
{
  LdMeasure *self = LD_MEASURE (object);

  g_free (self->reg_no);
  g_free (self->cadre_name);
  g_free (self->unit_name);
  g_free (self->code);
  g_free (self->decision_date);
  g_free (self->effective_date);
  g_free (self->authority);
  g_free (self->doc_no);
  g_free (self->source_type);
  g_free (self->source_label);
  g_free (self->categories);
  g_free (self->facts);
  g_free (self->status_date);
  g_free (self->replaced_by_reg_no);
  g_free (self->replaces_reg_no);
  g_free (self->effect_end);
  g_free (self->effect_end_label);
  g_free (self->post_level);
  g_free (self->groups);
  g_free (self->account);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_measure_parent_class)->finalize (object);
}

static void
ld_measure_class_init (LdMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ld_measure_get_property;
  object_class->finalize = ld_measure_finalize;
  install_properties (object_class);
}

static void
ld_measure_init (LdMeasure *self)
{
  self->form = 1;
  self->category = LD_MEASURE_CATEGORY_EDU;
  self->status = LD_MEASURE_IN_FORCE;
}

static char *
dup_or_empty (const char *s)
{
  return g_strdup (s != NULL ? s : "");
}

const char *
ld_measure_source_type_get_label (const char *source_type)
{
  if (g_strcmp0 (source_type, LD_MEASURE_SOURCE_CLUE) == 0)
    /* Translators: the kind of record a measure came from: 问题线索. */
    return C_("measure source", "Problem clue");
  if (g_strcmp0 (source_type, LD_MEASURE_SOURCE_PETITION) == 0)
    /* Translators: the kind of record a measure came from: 信访举报. */
    return C_("measure source", "Petition");
  if (g_strcmp0 (source_type, LD_MEASURE_SOURCE_TALK) == 0)
    /* Translators: the kind of record a measure came from: 谈话. */
    return C_("measure source", "Talk");
  return "";
}

LdMeasure *
_ld_measure_new (gint64       id,
                 const char  *reg_no,
                 gint64       cadre_id,
                 const char  *cadre_name,
                 gint64       unit_id,
                 const char  *unit_name,
                 const char  *code,
                 int          form,
                 const char  *category,
                 const char  *decision_date,
                 const char  *effective_date,
                 const char  *authority,
                 const char  *doc_no,
                 const char  *source_type,
                 gint64       source_id,
                 const char  *source_reg_no,
                 const char  *categories,
                 const char  *facts,
                 gboolean     accountability,
                 int          extension_months,
                 const char  *status,
                 const char  *status_date,
                 gint64       replaced_by,
                 const char  *replaced_by_reg_no,
                 gint64       replaces,
                 const char  *replaces_reg_no,
                 const char  *effect_end,
                 const char  *post_level,
                 const char  *groups,
                 const char  *account,
                 gint64       retired_at,
                 const char  *retired_reason,
                 gint64       created_at,
                 gint64       updated_at)
{
  LdMeasure *self = g_object_new (LD_TYPE_MEASURE, NULL);
  LdMeasureCategory cat = ld_measure_category_from_string (category);
  LdMeasureStatus st = ld_measure_status_from_string (status);

  self->id = id;
  self->reg_no = dup_or_empty (reg_no);
  self->cadre_id = cadre_id;
  self->cadre_name = dup_or_empty (cadre_name);
  self->unit_id = unit_id;
  self->unit_name = dup_or_empty (unit_name);
  self->code = dup_or_empty (code);
  self->form = CLAMP (form, 1, 4);
  self->category = cat < LD_N_MEASURE_CATEGORIES ? cat : LD_MEASURE_CATEGORY_EDU;
  self->decision_date = dup_or_empty (decision_date);
  self->effective_date = dup_or_empty (effective_date);
  self->authority = dup_or_empty (authority);
  self->doc_no = dup_or_empty (doc_no);
  self->source_type = dup_or_empty (source_type);
  self->source_id = source_id;
  if (*self->source_type != '\0')
    {
      const char *label = ld_measure_source_type_get_label (self->source_type);

      if (source_reg_no != NULL && *source_reg_no != '\0')
        /* Translators: the source of a measure: its kind and registration
         * number, e.g. "问题线索 2026-X0003". */
        self->source_label = g_strdup_printf (C_("measure source", "%s %s"), label, source_reg_no);
      else
        {
          g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, source_id);

          self->source_label = g_strdup_printf (C_("measure source", "%s %s"), label, number);
        }
    }
  else
    self->source_label = g_strdup ("");
  self->categories = dup_or_empty (categories);
  self->facts = dup_or_empty (facts);
  self->accountability = accountability != FALSE;
  self->extension_months = MAX (extension_months, 0);
  self->status = st < LD_N_MEASURE_STATUSES ? st : LD_MEASURE_IN_FORCE;
  self->status_date = dup_or_empty (status_date);
  self->replaced_by = replaced_by;
  self->replaced_by_reg_no = dup_or_empty (replaced_by_reg_no);
  self->replaces = replaces;
  self->replaces_reg_no = dup_or_empty (replaces_reg_no);
  self->effect_end = dup_or_empty (effect_end);
  if (*self->effect_end == '\0')
    self->effect_end_label = g_strdup ("—");
  else if (g_str_equal (self->effect_end, LD_MEASURE_EFFECT_PERMANENT))
    /* Translators: an effect period that never ends (开除) or lasts until
     * the measure is decided (停职检查): 长期. */
    self->effect_end_label = g_strdup (C_("effect end", "Permanent"));
  else
    self->effect_end_label = g_strdup (self->effect_end);
  self->post_level = dup_or_empty (post_level);
  self->groups = dup_or_empty (groups);
  self->account = dup_or_empty (account);
  self->retired_at = retired_at;
  self->retired_reason = dup_or_empty (retired_reason);
  self->created_at = created_at;
  self->updated_at = updated_at;
  return self;
}

const char *
ld_measure_get_code_label (LdMeasure *self)
{
  const LdMeasureCode *code;

  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  code = ld_measure_code_find (self->code);
  return code != NULL ? ld_measure_code_get_label (code) : self->code;
}

const char *
ld_measure_get_form_label (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return ld_form_get_label (self->form);
}

LdMeasureCategory
ld_measure_get_category (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), LD_MEASURE_CATEGORY_EDU);
  return self->category;
}

const char *
ld_measure_get_category_code (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return ld_measure_category_to_string (self->category);
}

const char *
ld_measure_get_category_label (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return ld_measure_category_get_label (self->category);
}

LdMeasureStatus
ld_measure_get_status (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), LD_MEASURE_IN_FORCE);
  return self->status;
}

const char *
ld_measure_get_status_code (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return ld_measure_status_to_string (self->status);
}

const char *
ld_measure_get_status_label (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), NULL);
  return ld_measure_status_get_label (self->status);
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
ld_measure_in_effect_on (LdMeasure   *self,
                         const GDate *date)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (LD_IS_MEASURE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (self->retired_at != 0 || self->status == LD_MEASURE_REVOKED || *self->effect_end == '\0')
    return FALSE;
  day = date_text (date);
  /* Stored dates are "YYYY-MM-DD": text order is date order, and the
   * permanent end sorts after every day. */
  return strcmp (self->effective_date, day) <= 0 && strcmp (day, self->effect_end) < 0;
}

gboolean
ld_measure_counts (LdMeasure *self)
{
  g_return_val_if_fail (LD_IS_MEASURE (self), FALSE);
  return self->retired_at == 0 && self->status != LD_MEASURE_CHANGED && self->status != LD_MEASURE_REVOKED;
}

const char *
ld_measure_field_get_label (const char *field)
{
  /* Translators: names of the fields of a measure in its history. */
  static const struct { const char *field; const char *label; } labels[] = {
    { "reg_no", N_("Registration number") },
    { "cadre_id", N_("Cadre") },
    { "unit_id", N_("Unit") },
    { "code", N_("Measure") },
    { "form", N_("Form") },
    { "category", N_("Kind") },
    { "decision_date", N_("Decision date") },
    { "effective_date", N_("Effective date") },
    { "authority", N_("Deciding authority") },
    { "doc_no", N_("Document number") },
    { "source_type", N_("Source") },
    { "source_id", N_("Source record") },
    { "categories", N_("Violation categories") },
    { "facts", N_("Facts") },
    { "accountability", N_("Accountability") },
    { "extension_months", N_("Probation extended (months)") },
    { "status", N_("Status of the measure") },
    { "status_date", N_("Status date") },
    { "replaced_by", N_("Replaced by") },
    { "replaces", N_("Replaces") },
    { "effect_end", N_("Effect period ends") },
    { "retired_reason", N_("Reason for retiring") },
    { "event", N_("Event") },
    { "event_date", N_("Event date") },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return NULL;
}

/* --- LdMeasureEvent, LdMeasureFormRow ----------------------------------------------- */

void
ld_measure_event_free (LdMeasureEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event_date);
  g_free (event->kind);
  g_free (event->kind_label);
  g_free (event->note);
  g_free (event->new_reg_no);
  g_free (event->account);
  g_free (event);
}

void
ld_measure_form_row_free (LdMeasureFormRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->label);
  g_free (row->source);
  g_free (row->reason);
  g_free (row->account);
  g_free (row);
}

/* --- Spec ---------------------------------------------------------------------------- */

void
ld_measure_spec_init (LdMeasureSpec *spec)
{
  g_return_if_fail (spec != NULL);
  memset (spec, 0, sizeof *spec);
}

void
ld_measure_spec_clear (LdMeasureSpec *spec)
{
  if (spec == NULL)
    return;
  g_clear_pointer (&spec->code, g_free);
  g_clear_pointer (&spec->decision_date, g_free);
  g_clear_pointer (&spec->effective_date, g_free);
  g_clear_pointer (&spec->authority, g_free);
  g_clear_pointer (&spec->doc_no, g_free);
  g_clear_pointer (&spec->source_type, g_free);
  g_clear_pointer (&spec->categories, g_free);
  g_clear_pointer (&spec->facts, g_free);
  memset (spec, 0, sizeof *spec);
}

void
ld_measure_spec_set (char       **member,
                     const char  *value)
{
  g_return_if_fail (member != NULL);
  g_free (*member);
  *member = g_strdup (value);
}

void
ld_measure_spec_init_from_measure (LdMeasureSpec *spec,
                                   LdMeasure     *measure)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_MEASURE (measure));

  ld_measure_spec_init (spec);
  spec->cadre_id = measure->cadre_id;
  spec->code = g_strdup (measure->code);
  spec->decision_date = g_strdup (measure->decision_date);
  spec->effective_date = g_strdup (measure->effective_date);
  spec->authority = g_strdup (measure->authority);
  spec->doc_no = g_strdup (measure->doc_no);
  spec->source_type = g_strdup (measure->source_type);
  spec->source_id = measure->source_id;
  spec->categories = g_strdup (measure->categories);
  spec->facts = g_strdup (measure->facts);
  spec->accountability = measure->accountability;
  spec->extension_months = measure->extension_months;
}

/* --- Validation ---------------------------------------------------------------------- */

static gboolean
set_bad (char       **bad_key,
         const char  *key)
{
  if (bad_key != NULL && *bad_key == NULL)
    *bad_key = g_strdup (key);
  return FALSE;
}

/* "YYYY-MM-DD" (also "YYYY-M-D", "YYYY/MM/DD", "YYYY.MM.DD") → normal
 * form; "" stays "" unless required. */
static gboolean
clean_date (const char  *text,
            const char  *label,
            gboolean     required,
            char       **out,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned y = 0, m = 0, d = 0;
  char s1 = 0, s2 = 0;
  int end = 0;

  if (*copy == '\0')
    {
      if (required)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Fill it in as YYYY-MM-DD."), label);
          return FALSE;
        }
      *out = g_strdup ("");
      return TRUE;
    }
  if (sscanf (copy, "%4u%c%2u%c%2u%n", &y, &s1, &m, &s2, &d, &end) != 5 || copy[end] != '\0'
      || s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.')
      || y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: %s is the field, e.g. "The decision date". */
                   _("%s is not a date. Write it as YYYY-MM-DD, for example 2026-03-05."), label);
      return FALSE;
    }
  *out = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return TRUE;
}

/* A measure is recorded after it was decided: refuses a date after today. */
static gboolean
check_not_future (const char  *date,
                  const char  *label,
                  GError     **error)
{
  g_autofree char *today = _ld_records_today_text ();

  if (*date != '\0' && strcmp (date, today) > 0)
    {
      /* Translators: %s are a date's label and the date. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is in the future. Check the date."), label, date);
      return FALSE;
    }
  return TRUE;
}

static const LdMeasureCode *
clean_code (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *upper = NULL;
  const LdMeasureCode *code;

  if (*copy == '\0')
    return NULL;
  upper = g_ascii_strup (copy, -1);
  code = ld_measure_code_find (upper);
  if (code == NULL)
    code = ld_measure_code_lookup (copy, LD_N_MEASURE_CATEGORIES);
  return code;
}

gboolean
_ld_measure_spec_clean (const LdMeasureSpec  *spec,
                        LdMeasureSpec        *out,
                        char                **bad_key,
                        GError              **error)
{
  g_auto(LdMeasureSpec) clean = { 0 };
  const LdMeasureCode *code;
  g_autofree char *source_type = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (spec->cadre_id <= 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A measure needs the cadre it was given to. Give the cadre's record number."));
      return set_bad (bad_key, "cadre-id");
    }
  clean.cadre_id = spec->cadre_id;

  code = clean_code (spec->code);
  if (code == NULL)
    {
      g_autofree char *typed = g_strstrip (g_strdup (spec->code != NULL ? spec->code : ""));

      if (*typed == '\0')
        g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                             _("The measure is required. Choose one of the measure codes (see “measure forms”)."));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("“%s” is not a measure. Choose one of the measure codes (see “measure forms”)."),
                     spec->code);
      return set_bad (bad_key, "code");
    }
  clean.code = g_strdup (code->code);

  if (!clean_date (spec->decision_date, _("The decision date"), TRUE, &clean.decision_date, error))
    return set_bad (bad_key, "decision-date");
  if (!clean_date (spec->effective_date, _("The effective date"), FALSE, &clean.effective_date, error))
    return set_bad (bad_key, "effective-date");
  if (!check_not_future (clean.decision_date, _("The decision date"), error))
    return set_bad (bad_key, "decision-date");
  if (!check_not_future (clean.effective_date, _("The effective date"), error))
    return set_bad (bad_key, "effective-date");
  if (*clean.effective_date == '\0')
    ld_measure_spec_set (&clean.effective_date, clean.decision_date);
  else if (strcmp (clean.effective_date, clean.decision_date) < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The effective date %s is before the decision date %s. A Party sanction runs from its "
                     "approval and a government sanction from the decision taking effect, never earlier: "
                     "correct one of the dates."),
                   clean.effective_date, clean.decision_date);
      return set_bad (bad_key, "effective-date");
    }

  clean.authority = _ld_records_clean_text (spec->authority, _("The deciding authority"), MAX_SHORT_TEXT, FALSE,
                                            error);
  if (clean.authority == NULL)
    return set_bad (bad_key, "authority");
  clean.doc_no = _ld_records_clean_text (spec->doc_no, _("The document number"), MAX_SHORT_TEXT, FALSE, error);
  if (clean.doc_no == NULL)
    return set_bad (bad_key, "doc-no");

  {
    g_autofree char *stripped = g_strstrip (g_strdup (spec->source_type != NULL ? spec->source_type : ""));

    source_type = g_ascii_strdown (stripped, -1);
  }
  if (*source_type == '\0')
    {
      if (spec->source_id != 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("A source record number is given without its kind. Say whether it is a clue, "
                                 "a petition or a talk."));
          return set_bad (bad_key, "source-type");
        }
    }
  else if (!g_str_equal (source_type, LD_MEASURE_SOURCE_CLUE) && !g_str_equal (source_type, LD_MEASURE_SOURCE_PETITION)
           && !g_str_equal (source_type, LD_MEASURE_SOURCE_TALK))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a kind of source. A measure comes from a clue, a petition or a talk."),
                   source_type);
      return set_bad (bad_key, "source-type");
    }
  else if (spec->source_id <= 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The source record number is missing. Give the number of the clue, petition or talk "
                             "the measure came from."));
      return set_bad (bad_key, "source-id");
    }
  clean.source_type = g_steal_pointer (&source_type);
  clean.source_id = *clean.source_type != '\0' ? spec->source_id : 0;

  clean.categories = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY,
                                             spec->categories != NULL ? spec->categories : "", &local);
  if (clean.categories == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return set_bad (bad_key, "categories");
    }
  clean.facts = _ld_records_clean_long_text (spec->facts, _("The facts"), MAX_FACTS, FALSE, error);
  if (clean.facts == NULL)
    return set_bad (bad_key, "facts");
  clean.accountability = spec->accountability != FALSE;

  if (spec->extension_months != 0)
    {
      if (code->effect != LD_EFFECT_PROBATION)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Only probation within the Party (留党察看) can be extended, not %s."),
                       ld_measure_code_get_label (code));
          return set_bad (bad_key, "extension-months");
        }
      if (spec->extension_months < 0 || spec->extension_months > LD_MEASURE_MAX_EXTENSION_MONTHS)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("A probation can be extended by 1 to %d months, not %d."),
                       LD_MEASURE_MAX_EXTENSION_MONTHS, spec->extension_months);
          return set_bad (bad_key, "extension-months");
        }
      if (spec->extension_months > ld_measure_code_get_max_extension (code))
        {
          /* 留党察看二年 is already the longest probation there is. */
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       /* Translators: 留党察看二年不能延长：留党察看期最长为二年。 */
                       _("%s cannot be extended: a probation within the Party lasts two years at most."),
                       ld_measure_code_get_label (code));
          return set_bad (bad_key, "extension-months");
        }
    }
  clean.extension_months = spec->extension_months;

  *out = clean;
  memset (&clean, 0, sizeof clean);
  return TRUE;
}

gboolean
ld_measure_spec_validate (const LdMeasureSpec  *spec,
                          char                **bad_key,
                          GError              **error)
{
  g_auto(LdMeasureSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  return _ld_measure_spec_clean (spec, &clean, bad_key, error);
}
