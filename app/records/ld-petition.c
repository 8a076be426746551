/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-petition"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-petition-private.h"
#include "rules/ld-case-tables.h"

/* Lengths in characters. */
#define MAX_SUMMARY      500
#define MAX_FULL_TEXT    100000
#define MAX_ROUTED_TO    100
#define MAX_PERSON_NAME  50
#define MAX_PERSON_TEXT  100
#define MAX_REPORTER     200

struct _LdPetition
{
  GObject     parent_instance;

  gint64      id;
  char       *reg_no;
  gint64      unit_id;
  char       *unit_name;
  char       *units_text;
  GArray     *unit_ids;          /* gint64, the first unit first */
  char       *kind;
  char       *channel;
  char       *received_date;
  gboolean    real_name;
  /* Masked forms only: the identity never enters this object. */
  char       *reporter_masked;
  char       *reporter_unit_masked;
  char       *reporter_contact_masked;
  char       *reporter_address_masked;
  char       *categories;
  char       *categories_label;
  char       *summary;
  char       *full_text;
  char       *routing;
  char       *routed_to;
  char       *routed_date;
  char       *status;
  gint64      repeat_of;
  char       *repeat_of_reg_no;
  guint       n_repeats;
  char       *accept_notice_date;
  char       *closed_date;
  char       *result;
  char       *feedback_date;
  char       *feedback_mode;
  char       *objection_note;
  GPtrArray  *persons;           /* LdPetitionPerson */
  char       *persons_text;
  GArray     *person_cadre_ids;  /* gint64 */
  gint64      retired_at;
  char       *retired_reason;
  gint64      created_at;
  gint64      updated_at;
};

G_DEFINE_FINAL_TYPE (LdPetition, ld_petition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REG_NO,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_UNITS,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_CHANNEL,
  PROP_CHANNEL_LABEL,
  PROP_RECEIVED_DATE,
  PROP_REAL_NAME,
  PROP_REPORTER_MASKED,
  PROP_REPORTER_UNIT_MASKED,
  PROP_REPORTER_CONTACT_MASKED,
  PROP_REPORTER_ADDRESS_MASKED,
  PROP_CATEGORIES,
  PROP_CATEGORIES_LABEL,
  PROP_SUMMARY,
  PROP_FULL_TEXT,
  PROP_ROUTING,
  PROP_ROUTING_LABEL,
  PROP_ROUTED_TO,
  PROP_ROUTED_DATE,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_REPEAT_OF,
  PROP_REPEAT_OF_REG_NO,
  PROP_N_REPEATS,
  PROP_ACCEPT_NOTICE_DATE,
  PROP_CLOSED_DATE,
  PROP_RESULT,
  PROP_RESULT_LABEL,
  PROP_FEEDBACK_DATE,
  PROP_FEEDBACK_MODE,
  PROP_OBJECTION_NOTE,
  PROP_PERSONS,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The translated label of a code, or the code itself when the table does
 * not know it (a code written by a newer version). */
static const char *
label_of (const char *table,
          const char *code)
{
  const char *label;

  if (code == NULL || *code == '\0')
    return "";
  label = ld_code_get_label (table, code);
  return label != NULL ? label : code;
}

static void
ld_petition_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LdPetition *self = LD_PETITION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REG_NO:
      g_value_set_string (value, self->reg_no);
      break;
    case PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_UNITS:
      g_value_set_string (value, self->units_text);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, ld_petition_get_kind_label (self));
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    case PROP_CHANNEL_LABEL:
      g_value_set_string (value, ld_petition_get_channel_label (self));
      break;
    case PROP_RECEIVED_DATE:
      g_value_set_string (value, self->received_date);
      break;
    case PROP_REAL_NAME:
      g_value_set_boolean (value, self->real_name);
      break;
    case PROP_REPORTER_MASKED:
      g_value_set_string (value, self->reporter_masked);
      break;
    case PROP_REPORTER_UNIT_MASKED:
      g_value_set_string (value, self->reporter_unit_masked);
      break;
    case PROP_REPORTER_CONTACT_MASKED:
      g_value_set_string (value, self->reporter_contact_masked);
      break;
    case PROP_REPORTER_ADDRESS_MASKED:
      g_value_set_string (value, self->reporter_address_masked);
      break;
    case PROP_CATEGORIES:
      g_value_set_string (value, self->categories);
      break;
    case PROP_CATEGORIES_LABEL:
      g_value_set_string (value, self->categories_label);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_FULL_TEXT:
      g_value_set_string (value, self->full_text);
      break;
    case PROP_ROUTING:
      g_value_set_string (value, self->routing);
      break;
    case PROP_ROUTING_LABEL:
      g_value_set_string (value, ld_petition_get_routing_label (self));
      break;
    case PROP_ROUTED_TO:
      g_value_set_string (value, self->routed_to);
      break;
    case PROP_ROUTED_DATE:
      g_value_set_string (value, self->routed_date);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ld_petition_get_status_label (self));
      break;
    case PROP_REPEAT_OF:
      g_value_set_int64 (value, self->repeat_of);
      break;
    case PROP_REPEAT_OF_REG_NO:
      g_value_set_string (value, self->repeat_of_reg_no);
      break;
    case PROP_N_REPEATS:
      g_value_set_uint (value, self->n_repeats);
      break;
    case PROP_ACCEPT_NOTICE_DATE:
      g_value_set_string (value, self->accept_notice_date);
      break;
    case PROP_CLOSED_DATE:
      g_value_set_string (value, self->closed_date);
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_RESULT_LABEL:
      g_value_set_string (value, ld_petition_get_result_label (self));
      break;
    case PROP_FEEDBACK_DATE:
      g_value_set_string (value, self->feedback_date);
      break;
    case PROP_FEEDBACK_MODE:
      g_value_set_string (value, self->feedback_mode);
      break;
    case PROP_OBJECTION_NOTE:
      g_value_set_string (value, self->objection_note);
      break;
    case PROP_PERSONS:
      g_value_set_string (value, self->persons_text);
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
ld_petition_finalize (GObject *object)
{
  LdPetition *self = LD_PETITION (object);

  g_free (self->reg_no);
  g_free (self->unit_name);
  g_free (self->units_text);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_free (self->kind);
  g_free (self->channel);
  g_free (self->received_date);
  g_free (self->reporter_masked);
  g_free (self->reporter_unit_masked);
  g_free (self->reporter_contact_masked);
  g_free (self->reporter_address_masked);
  g_free (self->categories);
  g_free (self->categories_label);
  g_free (self->summary);
  g_free (self->full_text);
  g_free (self->routing);
  g_free (self->routed_to);
  g_free (self->routed_date);
  g_free (self->status);
  g_free (self->repeat_of_reg_no);
  g_free (self->accept_notice_date);
  g_free (self->closed_date);
  g_free (self->result);
  g_free (self->feedback_date);
  g_free (self->feedback_mode);
  g_free (self->objection_note);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_free (self->persons_text);
  g_clear_pointer (&self->person_cadre_ids, g_array_unref);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_petition_parent_class)->finalize (object);
}

static void
ld_petition_class_init (LdPetitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_petition_get_property;
  object_class->finalize = ld_petition_finalize;

#define STRING_PROP(ID, name) properties[ID] = g_param_spec_string (name, NULL, NULL, NULL, flags)
#define INT64_PROP(ID, name) properties[ID] = g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, flags)
  INT64_PROP (PROP_ID, "id");
  STRING_PROP (PROP_REG_NO, "reg-no");
  INT64_PROP (PROP_UNIT_ID, "unit-id");
  STRING_PROP (PROP_UNIT_NAME, "unit-name");
  STRING_PROP (PROP_UNITS, "units");
  STRING_PROP (PROP_KIND, "kind");
  STRING_PROP (PROP_KIND_LABEL, "kind-label");
  STRING_PROP (PROP_CHANNEL, "channel");
  STRING_PROP (PROP_CHANNEL_LABEL, "channel-label");
  STRING_PROP (PROP_RECEIVED_DATE, "received-date");
  properties[PROP_REAL_NAME] = g_param_spec_boolean ("real-name", NULL, NULL, FALSE, flags);
  STRING_PROP (PROP_REPORTER_MASKED, "reporter-masked");
  STRING_PROP (PROP_REPORTER_UNIT_MASKED, "reporter-unit-masked");
  STRING_PROP (PROP_REPORTER_CONTACT_MASKED, "reporter-contact-masked");
  STRING_PROP (PROP_REPORTER_ADDRESS_MASKED, "reporter-address-masked");
  STRING_PROP (PROP_CATEGORIES, "categories");
  STRING_PROP (PROP_CATEGORIES_LABEL, "categories-label");
  STRING_PROP (PROP_SUMMARY, "summary");
  STRING_PROP (PROP_FULL_TEXT, "full-text");
  STRING_PROP (PROP_ROUTING, "routing");
  STRING_PROP (PROP_ROUTING_LABEL, "routing-label");
  STRING_PROP (PROP_ROUTED_TO, "routed-to");
  STRING_PROP (PROP_ROUTED_DATE, "routed-date");
  STRING_PROP (PROP_STATUS, "status");
  STRING_PROP (PROP_STATUS_LABEL, "status-label");
  INT64_PROP (PROP_REPEAT_OF, "repeat-of");
  STRING_PROP (PROP_REPEAT_OF_REG_NO, "repeat-of-reg-no");
  properties[PROP_N_REPEATS] = g_param_spec_uint ("n-repeats", NULL, NULL, 0, G_MAXUINT, 0, flags);
  STRING_PROP (PROP_ACCEPT_NOTICE_DATE, "accept-notice-date");
  STRING_PROP (PROP_CLOSED_DATE, "closed-date");
  STRING_PROP (PROP_RESULT, "result");
  STRING_PROP (PROP_RESULT_LABEL, "result-label");
  STRING_PROP (PROP_FEEDBACK_DATE, "feedback-date");
  STRING_PROP (PROP_FEEDBACK_MODE, "feedback-mode");
  STRING_PROP (PROP_OBJECTION_NOTE, "objection-note");
  STRING_PROP (PROP_PERSONS, "persons");
  INT64_PROP (PROP_RETIRED_AT, "retired-at");
  STRING_PROP (PROP_RETIRED_REASON, "retired-reason");
  INT64_PROP (PROP_CREATED_AT, "created-at");
  INT64_PROP (PROP_UPDATED_AT, "updated-at");
#undef STRING_PROP
#undef INT64_PROP
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_petition_init (LdPetition *self)
{
}

#define DUP(s) g_strdup ((s) != NULL ? (s) : "")

LdPetition *
_ld_petition_new (const LdPetitionData *data)
{
  LdPetition *self;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (LD_TYPE_PETITION, NULL);
  self->id = data->id;
  self->reg_no = DUP (data->reg_no);
  self->unit_id = data->unit_id;
  self->unit_name = DUP (data->unit_name);
  self->units_text = DUP (data->units_text);
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (data->unit_ids != NULL && data->n_unit_ids > 0)
    g_array_append_vals (self->unit_ids, data->unit_ids, data->n_unit_ids);
  else
    g_array_append_val (self->unit_ids, data->unit_id);
  self->kind = DUP (data->kind);
  self->channel = DUP (data->channel);
  self->received_date = DUP (data->received_date);
  self->real_name = data->real_name;
  self->reporter_masked = DUP (data->reporter_masked);
  self->reporter_unit_masked = DUP (data->reporter_unit_masked);
  self->reporter_contact_masked = DUP (data->reporter_contact_masked);
  self->reporter_address_masked = DUP (data->reporter_address_masked);
  self->categories = DUP (data->categories);
  self->categories_label = *self->categories != '\0'
                             ? ld_code_list_format (LD_CODE_TABLE_PROBLEM_CATEGORY, self->categories)
                             : NULL;
  if (self->categories_label == NULL)
    self->categories_label = g_strdup (self->categories);
  self->summary = DUP (data->summary);
  self->full_text = DUP (data->full_text);
  self->routing = g_strdup (data->routing != NULL && *data->routing != '\0' ? data->routing : "local");
  self->routed_to = DUP (data->routed_to);
  self->routed_date = DUP (data->routed_date);
  self->status = DUP (data->status);
  self->repeat_of = data->repeat_of;
  self->repeat_of_reg_no = DUP (data->repeat_of_reg_no);
  self->n_repeats = data->n_repeats;
  self->accept_notice_date = DUP (data->accept_notice_date);
  self->closed_date = DUP (data->closed_date);
  self->result = DUP (data->result);
  self->feedback_date = DUP (data->feedback_date);
  self->feedback_mode = DUP (data->feedback_mode);
  self->objection_note = DUP (data->objection_note);
  self->persons = data->persons != NULL ? g_ptr_array_ref (data->persons)
                                        : g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  self->person_cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->persons->len; i++)
    {
      LdPetitionPerson *person = g_ptr_array_index (self->persons, i);

      if (person->cadre_id > 0)
        g_array_append_val (self->person_cadre_ids, person->cadre_id);
      g_ptr_array_add (texts, ld_petition_person_format (person));
    }
  g_ptr_array_add (texts, NULL);
  /* Translators: separates the persons reported, or the units concerned, in one line. */
  self->persons_text = g_strjoinv (C_("list separator", "、"), (char **) texts->pdata);
  self->retired_at = data->retired_at;
  self->retired_reason = DUP (data->retired_reason);
  self->created_at = data->created_at;
  self->updated_at = data->updated_at;
  return self;
}

#undef DUP

#define GETTER(type, name, expr, fallback) \
  type ld_petition_get_##name (LdPetition *self) \
  { g_return_val_if_fail (LD_IS_PETITION (self), fallback); return expr; }

GETTER (gint64, id, self->id, 0)
GETTER (const char *, reg_no, self->reg_no, NULL)
GETTER (gint64, unit_id, self->unit_id, 0)
GETTER (const char *, unit_name, self->unit_name, NULL)
GETTER (const char *, units, self->units_text, NULL)
GETTER (const char *, kind, self->kind, NULL)
GETTER (const char *, kind_label, label_of (LD_CODE_TABLE_PETITION_KIND, self->kind), NULL)
GETTER (const char *, channel, self->channel, NULL)
GETTER (const char *, channel_label, label_of (LD_CODE_TABLE_CHANNEL, self->channel), NULL)
GETTER (const char *, received_date, self->received_date, NULL)
GETTER (gboolean, real_name, self->real_name, FALSE)
GETTER (const char *, reporter_masked, self->reporter_masked, NULL)
GETTER (const char *, reporter_unit_masked, self->reporter_unit_masked, NULL)
GETTER (const char *, reporter_contact_masked, self->reporter_contact_masked, NULL)
GETTER (const char *, reporter_address_masked, self->reporter_address_masked, NULL)
GETTER (const char *, categories, self->categories, NULL)
GETTER (const char *, categories_label, self->categories_label, NULL)
GETTER (const char *, summary, self->summary, NULL)
GETTER (const char *, full_text, self->full_text, NULL)
GETTER (const char *, routing, self->routing, NULL)
GETTER (const char *, routing_label, label_of (LD_CODE_TABLE_ROUTING, self->routing), NULL)
GETTER (const char *, routed_to, self->routed_to, NULL)
GETTER (const char *, routed_date, self->routed_date, NULL)
GETTER (const char *, status, self->status, NULL)
GETTER (const char *, status_label, label_of (LD_CODE_TABLE_PETITION_STATUS, self->status), NULL)
GETTER (gint64, repeat_of, self->repeat_of, 0)
GETTER (const char *, repeat_of_reg_no, self->repeat_of_reg_no, NULL)
GETTER (guint, n_repeats, self->n_repeats, 0)
GETTER (const char *, accept_notice_date, self->accept_notice_date, NULL)
GETTER (const char *, closed_date, self->closed_date, NULL)
GETTER (const char *, result, self->result, NULL)
GETTER (const char *, result_label, label_of (LD_CODE_TABLE_CLUE_RESULT, self->result), NULL)
GETTER (const char *, feedback_date, self->feedback_date, NULL)
GETTER (const char *, feedback_mode, self->feedback_mode, NULL)
GETTER (const char *, objection_note, self->objection_note, NULL)
GETTER (const char *, persons_text, self->persons_text, NULL)
GETTER (GPtrArray *, persons, self->persons, NULL)
GETTER (gint64, retired_at, self->retired_at, 0)
GETTER (const char *, retired_reason, self->retired_reason, NULL)
GETTER (gint64, created_at, self->created_at, 0)
GETTER (gint64, updated_at, self->updated_at, 0)

#undef GETTER

const gint64 *
ld_petition_get_unit_ids (LdPetition *self,
                          guint      *n_ids)
{
  g_return_val_if_fail (LD_IS_PETITION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->unit_ids->len;
  return (const gint64 *) (gpointer) self->unit_ids->data;
}

const gint64 *
ld_petition_get_person_cadre_ids (LdPetition *self,
                                  guint      *n_ids)
{
  g_return_val_if_fail (LD_IS_PETITION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->person_cadre_ids->len;
  return (const gint64 *) (gpointer) self->person_cadre_ids->data;
}

gboolean
ld_petition_is_repeat (LdPetition *self)
{
  g_return_val_if_fail (LD_IS_PETITION (self), FALSE);

  return self->repeat_of != 0;
}

/* --- Persons and reporters ---------------------------------------------------------- */

LdPetitionPerson *
ld_petition_person_new_cadre (gint64 cadre_id)
{
  LdPetitionPerson *person = g_new0 (LdPetitionPerson, 1);

  person->cadre_id = cadre_id;
  person->name = g_strdup ("");
  person->unit_text = g_strdup ("");
  person->post_text = g_strdup ("");
  return person;
}

LdPetitionPerson *
ld_petition_person_new_text (const char *name,
                             const char *unit_text,
                             const char *post_text)
{
  LdPetitionPerson *person = g_new0 (LdPetitionPerson, 1);

  person->name = g_strdup (name != NULL ? name : "");
  person->unit_text = g_strdup (unit_text != NULL ? unit_text : "");
  person->post_text = g_strdup (post_text != NULL ? post_text : "");
  return person;
}

LdPetitionPerson *
ld_petition_person_copy (const LdPetitionPerson *person)
{
  LdPetitionPerson *copy;

  g_return_val_if_fail (person != NULL, NULL);

  copy = ld_petition_person_new_text (person->name, person->unit_text, person->post_text);
  copy->cadre_id = person->cadre_id;
  return copy;
}

void
ld_petition_person_free (LdPetitionPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->unit_text);
  g_free (person->post_text);
  g_free (person);
}

char *
ld_petition_person_format (const LdPetitionPerson *person)
{
  const char *name, *unit, *post;

  g_return_val_if_fail (person != NULL, NULL);

  name = person->name != NULL ? person->name : "";
  unit = person->unit_text != NULL ? person->unit_text : "";
  post = person->post_text != NULL ? person->post_text : "";
  if (*name == '\0' && person->cadre_id > 0)
    /* Translators: a person reported whose cadre record is not readable. */
    return g_strdup_printf (_("cadre record %lld"), (long long) person->cadre_id);
  if (*unit == '\0' && *post == '\0')
    return g_strdup (name);
  if (*unit != '\0' && *post != '\0')
    /* Translators: a person reported, with unit and post: "王五（某局 局长）". */
    return g_strdup_printf (C_("person reported", "%s（%s %s）"), name, unit, post);
  /* Translators: a person reported, with a unit or a post: "王五（某局）". */
  return g_strdup_printf (C_("person reported", "%s（%s）"), name, *unit != '\0' ? unit : post);
}

static char *
dup_or_empty (const char *text)
{
  return g_strdup (text != NULL ? text : "");
}

LdReporter *
ld_reporter_new (const char *name,
                 const char *unit,
                 const char *contact,
                 const char *address,
                 const char *id_number)
{
  LdReporter *reporter = g_new0 (LdReporter, 1);

  reporter->name = dup_or_empty (name);
  reporter->unit = dup_or_empty (unit);
  reporter->contact = dup_or_empty (contact);
  reporter->address = dup_or_empty (address);
  reporter->id_number = dup_or_empty (id_number);
  return reporter;
}

LdReporter *
ld_reporter_copy (const LdReporter *reporter)
{
  g_return_val_if_fail (reporter != NULL, NULL);

  return ld_reporter_new (reporter->name, reporter->unit, reporter->contact, reporter->address,
                          reporter->id_number);
}

static void
wipe (char *text)
{
  if (text == NULL)
    return;
  /* volatile so the compiler keeps the overwrite of memory about to be freed. */
  for (volatile char *p = text; *p != '\0'; p++)
    *p = '\0';
  g_free (text);
}

void
ld_reporter_free (LdReporter *reporter)
{
  if (reporter == NULL)
    return;
  wipe (reporter->name);
  wipe (reporter->unit);
  wipe (reporter->contact);
  wipe (reporter->address);
  wipe (reporter->id_number);
  g_free (reporter);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
ld_reporter_is_empty (const LdReporter *reporter)
{
  return reporter == NULL
         || (is_blank (reporter->name) && is_blank (reporter->unit) && is_blank (reporter->contact)
             && is_blank (reporter->address) && is_blank (reporter->id_number));
}

/* --- Specs -------------------------------------------------------------------------- */

void
ld_petition_spec_init (LdPetitionSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  spec->more_unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
ld_petition_spec_clear (LdPetitionSpec *spec)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->more_unit_ids, g_array_unref);
  g_clear_pointer (&spec->kind, g_free);
  g_clear_pointer (&spec->channel, g_free);
  g_clear_pointer (&spec->received_date, g_free);
  g_clear_pointer (&spec->reporter, ld_reporter_free);
  g_clear_pointer (&spec->persons, g_ptr_array_unref);
  g_clear_pointer (&spec->categories, g_free);
  g_clear_pointer (&spec->summary, g_free);
  g_clear_pointer (&spec->full_text, g_free);
  g_clear_pointer (&spec->routing, g_free);
  g_clear_pointer (&spec->routed_to, g_free);
  g_clear_pointer (&spec->routed_date, g_free);
  spec->unit_id = 0;
  spec->real_name = FALSE;
}

void
ld_petition_spec_init_from_petition (LdPetitionSpec *spec,
                                     LdPetition     *petition)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_PETITION (petition));

  ld_petition_spec_init (spec);
  spec->unit_id = petition->unit_id;
  for (guint i = 1; i < petition->unit_ids->len; i++)
    g_array_append_val (spec->more_unit_ids, g_array_index (petition->unit_ids, gint64, i));
  spec->kind = g_strdup (petition->kind);
  spec->channel = g_strdup (petition->channel);
  spec->received_date = g_strdup (petition->received_date);
  spec->real_name = petition->real_name;
  for (guint i = 0; i < petition->persons->len; i++)
    {
      const LdPetitionPerson *person = g_ptr_array_index (petition->persons, i);

      /* A cadre on file is named by its record; its name comes from the file. */
      if (person->cadre_id > 0)
        g_ptr_array_add (spec->persons, ld_petition_person_new_cadre (person->cadre_id));
      else
        g_ptr_array_add (spec->persons, ld_petition_person_copy (person));
    }
  spec->categories = g_strdup (petition->categories);
  spec->summary = g_strdup (petition->summary);
  spec->full_text = g_strdup (petition->full_text);
  spec->routing = g_strdup (petition->routing);
  spec->routed_to = g_strdup (petition->routed_to);
  spec->routed_date = g_strdup (petition->routed_date);
}

void
ld_petition_spec_add_cadre (LdPetitionSpec *spec,
                            gint64          cadre_id)
{
  g_return_if_fail (spec != NULL);

  if (spec->persons == NULL)
    spec->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  g_ptr_array_add (spec->persons, ld_petition_person_new_cadre (cadre_id));
}

void
ld_petition_spec_add_person (LdPetitionSpec *spec,
                             const char     *name,
                             const char     *unit_text,
                             const char     *post_text)
{
  g_return_if_fail (spec != NULL);

  if (spec->persons == NULL)
    spec->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_petition_person_free);
  g_ptr_array_add (spec->persons, ld_petition_person_new_text (name, unit_text, post_text));
}

void
ld_petition_spec_add_unit (LdPetitionSpec *spec,
                           gint64          unit_id)
{
  g_return_if_fail (spec != NULL);

  if (spec->unit_id == 0)
    {
      spec->unit_id = unit_id;
      return;
    }
  if (spec->more_unit_ids == NULL)
    spec->more_unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (spec->more_unit_ids, unit_id);
}

void
ld_petition_spec_set_reporter (LdPetitionSpec   *spec,
                               const LdReporter *reporter)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->reporter, ld_reporter_free);
  if (reporter != NULL)
    spec->reporter = ld_reporter_copy (reporter);
}

static gboolean
refuse (char       **bad_key,
        const char  *key)
{
  if (bad_key != NULL)
    {
      g_free (*bad_key);
      *bad_key = g_strdup (key);
    }
  return FALSE;
}

/* Trimmed text, single line unless multiline; NULL with an error naming
 * label (never the text itself: it may be the reporter's). */
static char *
clean_text (const char  *text,
            const char  *label,
            guint        max_chars,
            gboolean     required,
            gboolean     multiline,
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

      if (multiline && (c == '\n' || c == '\t'))
        continue;
      if (multiline && c == '\r')
        continue;
      if (g_unichar_iscntrl (c))
        {
          if (multiline)
            g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                         _("%s contains a control character. Remove it."), label);
          else
            g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                         _("%s contains a line break or another control character. Remove it."), label);
          return NULL;
        }
    }
  if (multiline && strchr (copy, '\r') != NULL)
    {
      /* Store line breaks as "\n" only. */
      GString *out = g_string_new (NULL);

      for (const char *p = copy; *p != '\0'; p++)
        {
          if (*p == '\r' && p[1] == '\n')
            continue;
          g_string_append_c (out, *p == '\r' ? '\n' : *p);
        }
      g_free (copy);
      copy = g_string_free (out, FALSE);
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

char *
_ld_petition_clean_text (const char  *text,
                         const char  *label,
                         guint        max_chars,
                         gboolean     required,
                         gboolean     multiline,
                         GError     **error)
{
  return clean_text (text, label, max_chars, required, multiline, error);
}

char *
_ld_petition_clean_date (const char  *text,
                         const char  *label,
                         gboolean     required,
                         GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned int y = 0, m = 0, d = 0;
  char sep1 = 0, sep2 = 0, rest = 0;
  gboolean parsed = FALSE;

  if (*copy == '\0')
    {
      if (!required)
        return g_strdup ("");
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Give it as YYYY-MM-DD."), label);
      return NULL;
    }
  if (strlen (copy) == 8 && strspn (copy, "0123456789") == 8)
    parsed = sscanf (copy, "%4u%2u%2u", &y, &m, &d) == 3;
  else if (sscanf (copy, "%u%c%u%c%u%c", &y, &sep1, &m, &sep2, &d, &rest) == 5
           && sep1 == sep2 && (sep1 == '-' || sep1 == '/' || sep1 == '.'))
    parsed = TRUE;
  if (!parsed || y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      /* Translators: %s are a field label and what was typed. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s “%s” is not a date. Give it as YYYY-MM-DD."), label,
                   copy);
      return NULL;
    }
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* The code of a table for a code or one of its names. */
static char *
clean_code (const char  *table,
            const char  *text,
            const char  *label,
            gboolean     required,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *code;

  if (*copy == '\0')
    {
      if (!required)
        return g_strdup ("");
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Choose one."), label);
      return NULL;
    }
  code = ld_code_get_label (table, copy) != NULL ? copy : ld_code_find_by_label (table, copy);
  if (code == NULL)
    {
      g_autoptr(GString) codes = g_string_new (NULL);
      const LdCode *rows;
      guint n = 0;

      rows = ld_code_table_get (table, &n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (codes, "%s%s", i ? ", " : "", rows[i].code);
      /* Translators: %s are a field label, what was typed and the codes allowed. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s “%s” is unknown. Use one of: %s."), label, copy,
                   codes->str);
      return NULL;
    }
  return g_strdup (code);
}

gboolean
_ld_petition_reporter_clean (const LdReporter  *reporter,
                             LdReporter       **out,
                             GError           **error)
{
  g_autoptr(LdReporter) clean = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (ld_reporter_is_empty (reporter))
    return TRUE;
  /* Errors name the field, never the value. */
  clean = g_new0 (LdReporter, 1);
  if ((clean->name = clean_text (reporter->name, _("The reporter's name"), MAX_PERSON_NAME, FALSE, FALSE,
                                 error)) == NULL
      || (clean->unit = clean_text (reporter->unit, _("The reporter's unit"), MAX_REPORTER, FALSE, FALSE,
                                    error)) == NULL
      || (clean->contact = clean_text (reporter->contact, _("The reporter's contact"), MAX_REPORTER, FALSE, FALSE,
                                       error)) == NULL
      || (clean->address = clean_text (reporter->address, _("The reporter's address"), MAX_REPORTER, FALSE, FALSE,
                                       error)) == NULL
      || (clean->id_number = clean_text (reporter->id_number, _("The reporter's ID number"), 30, FALSE, FALSE,
                                         error)) == NULL)
    return FALSE;
  *out = g_steal_pointer (&clean);
  return TRUE;
}

gboolean
_ld_petition_spec_clean (const LdPetitionSpec  *spec,
                         LdPetitionSpec        *out,
                         char                 **bad_key,
                         GError               **error)
{
  g_return_val_if_fail (spec != NULL && out != NULL, FALSE);

  ld_petition_spec_init (out);

  if (spec->unit_id <= 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Choose the unit the petition concerns: it decides who may read it."));
      return refuse (bad_key, "unit");
    }
  out->unit_id = spec->unit_id;
  for (guint i = 0; spec->more_unit_ids != NULL && i < spec->more_unit_ids->len; i++)
    {
      gint64 unit = g_array_index (spec->more_unit_ids, gint64, i);
      gboolean seen = unit == out->unit_id;

      if (unit <= 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("A further unit concerned has no record number. Choose the unit again."));
          return refuse (bad_key, "unit");
        }
      for (guint j = 0; !seen && j < out->more_unit_ids->len; j++)
        seen = g_array_index (out->more_unit_ids, gint64, j) == unit;
      if (!seen)
        g_array_append_val (out->more_unit_ids, unit);
    }

  out->kind = clean_code (LD_CODE_TABLE_PETITION_KIND, spec->kind, _("The kind of petition"), TRUE, error);
  if (out->kind == NULL)
    return refuse (bad_key, "kind");
  out->channel = clean_code (LD_CODE_TABLE_CHANNEL, spec->channel, _("The channel"), TRUE, error);
  if (out->channel == NULL)
    return refuse (bad_key, "channel");
  out->received_date = _ld_petition_clean_date (spec->received_date, _("The received date"), TRUE, error);
  if (out->received_date == NULL)
    return refuse (bad_key, "received-date");

  if (spec->categories != NULL && !is_blank (spec->categories))
    {
      out->categories = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, spec->categories, error);
      if (out->categories == NULL)
        return refuse (bad_key, "categories");
    }
  else
    out->categories = g_strdup ("");

  out->summary = clean_text (spec->summary, _("The summary"), MAX_SUMMARY, TRUE, FALSE, error);
  if (out->summary == NULL)
    return refuse (bad_key, "summary");
  out->full_text = clean_text (spec->full_text, _("The full text"), MAX_FULL_TEXT, FALSE, TRUE, error);
  if (out->full_text == NULL)
    return refuse (bad_key, "full-text");

  out->routing = clean_code (LD_CODE_TABLE_ROUTING, spec->routing != NULL && !is_blank (spec->routing)
                                                      ? spec->routing : "local",
                             _("The routing"), TRUE, error);
  if (out->routing == NULL)
    return refuse (bad_key, "routing");
  out->routed_to = clean_text (spec->routed_to, _("The organ it is forwarded to"), MAX_ROUTED_TO, FALSE, FALSE,
                               error);
  if (out->routed_to == NULL)
    return refuse (bad_key, "routed-to");
  out->routed_date = _ld_petition_clean_date (spec->routed_date, _("The forwarding date"), FALSE, error);
  if (out->routed_date == NULL)
    return refuse (bad_key, "routed-date");
  if (g_str_equal (out->routing, "local") && (*out->routed_to != '\0' || *out->routed_date != '\0'))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A petition handled at this level is not forwarded: leave the organ and the "
                             "forwarding date empty, or choose forwarding up or down."));
      return refuse (bad_key, "routing");
    }
  if (*out->routed_date != '\0' && strcmp (out->routed_date, out->received_date) < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The forwarding date is before the received date. Check both dates."));
      return refuse (bad_key, "routed-date");
    }

  for (guint i = 0; spec->persons != NULL && i < spec->persons->len; i++)
    {
      const LdPetitionPerson *person = g_ptr_array_index (spec->persons, i);
      g_autoptr(LdPetitionPerson) clean = NULL;
      gboolean seen = FALSE;

      if (person->cadre_id < 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               _("A person reported has an invalid cadre record number. Choose the cadre again."));
          return refuse (bad_key, "persons");
        }
      if (person->cadre_id > 0)
        clean = ld_petition_person_new_cadre (person->cadre_id);
      else
        {
          g_autofree char *name = NULL;
          g_autofree char *unit = NULL;
          g_autofree char *post = NULL;

          name = clean_text (person->name, _("The name of a person reported"), MAX_PERSON_NAME, TRUE, FALSE,
                             error);
          if (name == NULL)
            return refuse (bad_key, "persons");
          unit = clean_text (person->unit_text, _("The unit of a person reported"), MAX_PERSON_TEXT, FALSE, FALSE,
                             error);
          if (unit == NULL)
            return refuse (bad_key, "persons");
          post = clean_text (person->post_text, _("The post of a person reported"), MAX_PERSON_TEXT, FALSE, FALSE,
                             error);
          if (post == NULL)
            return refuse (bad_key, "persons");
          clean = ld_petition_person_new_text (name, unit, post);
        }
      for (guint j = 0; !seen && j < out->persons->len; j++)
        {
          const LdPetitionPerson *other = g_ptr_array_index (out->persons, j);

          seen = clean->cadre_id > 0 ? other->cadre_id == clean->cadre_id
                                     : other->cadre_id == 0 && g_str_equal (other->name, clean->name)
                                       && g_str_equal (other->unit_text, clean->unit_text);
        }
      if (!seen)
        g_ptr_array_add (out->persons, g_steal_pointer (&clean));
    }

  out->real_name = spec->real_name;
  if (!_ld_petition_reporter_clean (spec->reporter, &out->reporter, error))
    return refuse (bad_key, "reporter");
  if (out->real_name && (out->reporter == NULL || (*out->reporter->name == '\0' && *out->reporter->unit == '\0')))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A real-name report names its reporter: fill in the reporter's name or unit, "
                             "or register the report as anonymous."));
      return refuse (bad_key, "reporter");
    }
  return TRUE;
}

gboolean
ld_petition_spec_validate (const LdPetitionSpec  *spec,
                           char                 **bad_key,
                           GError               **error)
{
  g_auto(LdPetitionSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  if (bad_key != NULL)
    *bad_key = NULL;
  return _ld_petition_spec_clean (spec, &clean, bad_key, error);
}
