/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-talk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-records-util.h"
#include "records/ld-talk-private.h"
#include "rules/ld-case-tables.h"

/* Lengths in characters. */
#define MAX_SHORT_TEXT  200
#define MAX_NAME        50
#define MAX_REASON      2000
#define MAX_LONG_TEXT   20000
#define MAX_TALKERS     20
#define MAX_CADRES      500

/* --- Written explanation ------------------------------------------------------------ */

static const char * const written_words[] = { "none", "explanation", "self-examination" };

const char *
ld_talk_written_to_string (LdTalkWritten written)
{
  if ((guint) written >= G_N_ELEMENTS (written_words))
    return written_words[0];
  return written_words[written];
}

gboolean
ld_talk_written_from_string (const char    *text,
                             LdTalkWritten *written)
{
  g_autofree char *clean = NULL;
  const char *code;

  g_return_val_if_fail (written != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    {
      *written = LD_TALK_WRITTEN_NONE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (written_words); i++)
    if (g_ascii_strcasecmp (clean, written_words[i]) == 0)
      {
        *written = (LdTalkWritten) i;
        return TRUE;
      }
  code = ld_code_find_by_label (LD_CODE_TABLE_WRITTEN_KIND, clean);
  if (code == NULL)
    {
      /* The Chinese names as ledgers write them. */
      if (g_str_equal (clean, "书面说明") || g_str_equal (clean, "说明"))
        code = "1";
      else if (g_str_equal (clean, "书面检查") || g_str_equal (clean, "检查") || g_str_equal (clean, "自查"))
        code = "2";
      else if (g_str_equal (clean, "无") || g_str_equal (clean, "否"))
        code = "0";
    }
  if (code == NULL || code[0] < '0' || code[0] > '2' || code[1] != '\0')
    return FALSE;
  *written = (LdTalkWritten) (code[0] - '0');
  return TRUE;
}

const char *
ld_talk_written_get_label (LdTalkWritten written)
{
  static const char codes[][2] = { "0", "1", "2" };
  const char *label;

  if ((guint) written >= G_N_ELEMENTS (codes))
    written = LD_TALK_WRITTEN_NONE;
  label = ld_code_get_label (LD_CODE_TABLE_WRITTEN_KIND, codes[written]);
  if (label != NULL)
    return label;
  switch (written)
    {
    case LD_TALK_WRITTEN_EXPLANATION:
      return C_("written kind", "Written explanation");
    case LD_TALK_WRITTEN_SELF_EXAMINATION:
      return C_("written kind", "Written self-examination");
    case LD_TALK_WRITTEN_NONE:
    default:
      return C_("written kind", "None required");
    }
}

/* --- The record ------------------------------------------------------------------ */

struct _LdTalk
{
  GObject     parent_instance;

  gint64      id;
  char       *reg_no;
  gint64      unit_id;
  char       *unit_name;
  char       *type;
  char       *talk_date;
  char       *talk_time;
  char       *place;
  GStrv       talkers;
  char       *talkers_text;
  char       *recorder;
  char       *reason;
  gint64      clue_id;
  char       *clue_reg_no;
  char       *problems;
  char       *explanation;
  char       *attitude;
  LdTalkWritten written_required;
  char       *written_due;
  char       *written_received;
  char       *followup_date;
  char       *outcome;
  gint64      measure_id;
  GArray     *cadre_ids;
  GStrv       cadre_name_list;
  char       *cadre_names;
  guint       n_attachments;
  char       *account;
  gint64      retired_at;
  char       *retired_reason;
  gint64      created_at;
  gint64      updated_at;
};

G_DEFINE_FINAL_TYPE (LdTalk, ld_talk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REG_NO,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_TYPE,
  PROP_TYPE_LABEL,
  PROP_TALK_DATE,
  PROP_TALK_TIME,
  PROP_PLACE,
  PROP_TALKERS,
  PROP_TALKERS_TEXT,
  PROP_RECORDER,
  PROP_REASON,
  PROP_CLUE_ID,
  PROP_CLUE_REG_NO,
  PROP_PROBLEMS,
  PROP_EXPLANATION,
  PROP_ATTITUDE,
  PROP_WRITTEN_REQUIRED,
  PROP_WRITTEN_LABEL,
  PROP_WRITTEN_DUE,
  PROP_WRITTEN_RECEIVED,
  PROP_FOLLOWUP_DATE,
  PROP_OUTCOME,
  PROP_MEASURE_ID,
  PROP_N_CADRES,
  PROP_CADRE_NAMES,
  PROP_N_ATTACHMENTS,
  PROP_ACCOUNT,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_talk_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LdTalk *self = LD_TALK (object);

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
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, ld_talk_get_type_label (self));
      break;
    case PROP_TALK_DATE:
      g_value_set_string (value, self->talk_date);
      break;
    case PROP_TALK_TIME:
      g_value_set_string (value, self->talk_time);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_TALKERS:
      g_value_set_boxed (value, self->talkers);
      break;
    case PROP_TALKERS_TEXT:
      g_value_set_string (value, self->talkers_text);
      break;
    case PROP_RECORDER:
      g_value_set_string (value, self->recorder);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_CLUE_ID:
      g_value_set_int64 (value, self->clue_id);
      break;
    case PROP_CLUE_REG_NO:
      g_value_set_string (value, self->clue_reg_no);
      break;
    case PROP_PROBLEMS:
      g_value_set_string (value, self->problems);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    case PROP_ATTITUDE:
      g_value_set_string (value, self->attitude);
      break;
    case PROP_WRITTEN_REQUIRED:
      g_value_set_int (value, self->written_required);
      break;
    case PROP_WRITTEN_LABEL:
      g_value_set_string (value, ld_talk_written_get_label (self->written_required));
      break;
    case PROP_WRITTEN_DUE:
      g_value_set_string (value, self->written_due);
      break;
    case PROP_WRITTEN_RECEIVED:
      g_value_set_string (value, self->written_received);
      break;
    case PROP_FOLLOWUP_DATE:
      g_value_set_string (value, self->followup_date);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case PROP_MEASURE_ID:
      g_value_set_int64 (value, self->measure_id);
      break;
    case PROP_N_CADRES:
      g_value_set_uint (value, self->cadre_ids->len);
      break;
    case PROP_CADRE_NAMES:
      g_value_set_string (value, self->cadre_names);
      break;
    case PROP_N_ATTACHMENTS:
      g_value_set_uint (value, self->n_attachments);
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
ld_talk_finalize (GObject *object)
{
  LdTalk *self = LD_TALK (object);

  g_free (self->reg_no);
  g_free (self->unit_name);
  g_free (self->type);
  g_free (self->talk_date);
  g_free (self->talk_time);
  g_free (self->place);
  g_strfreev (self->talkers);
  g_free (self->talkers_text);
  g_free (self->recorder);
  g_free (self->reason);
  g_free (self->clue_reg_no);
  g_free (self->problems);
  g_free (self->explanation);
  g_free (self->attitude);
  g_free (self->written_due);
  g_free (self->written_received);
  g_free (self->followup_date);
  g_free (self->outcome);
  g_clear_pointer (&self->cadre_ids, g_array_unref);
  g_strfreev (self->cadre_name_list);
  g_free (self->cadre_names);
  g_free (self->account);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_talk_parent_class)->finalize (object);
}

static void
ld_talk_class_init (LdTalkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_talk_get_property;
  object_class->finalize = ld_talk_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REG_NO] = g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_LABEL] = g_param_spec_string ("type-label", NULL, NULL, NULL, flags);
  properties[PROP_TALK_DATE] = g_param_spec_string ("talk-date", NULL, NULL, NULL, flags);
  properties[PROP_TALK_TIME] = g_param_spec_string ("talk-time", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  properties[PROP_TALKERS] = g_param_spec_boxed ("talkers", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TALKERS_TEXT] = g_param_spec_string ("talkers-text", NULL, NULL, NULL, flags);
  properties[PROP_RECORDER] = g_param_spec_string ("recorder", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_CLUE_ID] = g_param_spec_int64 ("clue-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CLUE_REG_NO] = g_param_spec_string ("clue-reg-no", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEMS] = g_param_spec_string ("problems", NULL, NULL, NULL, flags);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);
  properties[PROP_ATTITUDE] = g_param_spec_string ("attitude", NULL, NULL, NULL, flags);
  properties[PROP_WRITTEN_REQUIRED] = g_param_spec_int ("written-required", NULL, NULL, 0, 2, 0, flags);
  properties[PROP_WRITTEN_LABEL] = g_param_spec_string ("written-label", NULL, NULL, NULL, flags);
  properties[PROP_WRITTEN_DUE] = g_param_spec_string ("written-due", NULL, NULL, NULL, flags);
  properties[PROP_WRITTEN_RECEIVED] = g_param_spec_string ("written-received", NULL, NULL, NULL, flags);
  properties[PROP_FOLLOWUP_DATE] = g_param_spec_string ("followup-date", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  properties[PROP_MEASURE_ID] = g_param_spec_int64 ("measure-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_CADRES] = g_param_spec_uint ("n-cadres", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CADRE_NAMES] = g_param_spec_string ("cadre-names", NULL, NULL, NULL, flags);
  properties[PROP_N_ATTACHMENTS] = g_param_spec_uint ("n-attachments", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_talk_init (LdTalk *self)
{
  self->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static char *
dup_or_empty (const char *s)
{
  return g_strdup (s != NULL ? s : "");
}

/* "a\nb\n" → { "a", "b" }, empty lines dropped. */
static GStrv
split_lines (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

LdTalk *
_ld_talk_new (gint64              id,
              const char         *reg_no,
              gint64              unit_id,
              const char         *unit_name,
              const char         *type,
              const char         *talk_date,
              const char         *talk_time,
              const char         *place,
              const char         *talkers,
              const char         *recorder,
              const char         *reason,
              gint64              clue_id,
              const char         *clue_reg_no,
              const char         *problems,
              const char         *explanation,
              const char         *attitude,
              int                 written_required,
              const char         *written_due,
              const char         *written_received,
              const char         *followup_date,
              const char         *outcome,
              gint64              measure_id,
              const gint64       *cadre_ids,
              const char * const *cadre_names,
              guint               n_cadres,
              guint               n_attachments,
              const char         *account,
              gint64              retired_at,
              const char         *retired_reason,
              gint64              created_at,
              gint64              updated_at)
{
  LdTalk *self = g_object_new (LD_TYPE_TALK, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  self->id = id;
  self->reg_no = dup_or_empty (reg_no);
  self->unit_id = unit_id;
  self->unit_name = dup_or_empty (unit_name);
  self->type = dup_or_empty (type);
  self->talk_date = dup_or_empty (talk_date);
  self->talk_time = dup_or_empty (talk_time);
  self->place = dup_or_empty (place);
  self->talkers = split_lines (talkers);
  self->talkers_text = g_strjoinv ("、", self->talkers);
  self->recorder = dup_or_empty (recorder);
  self->reason = dup_or_empty (reason);
  self->clue_id = clue_id;
  self->clue_reg_no = dup_or_empty (clue_reg_no);
  self->problems = dup_or_empty (problems);
  self->explanation = dup_or_empty (explanation);
  self->attitude = dup_or_empty (attitude);
  self->written_required = CLAMP (written_required, 0, 2);
  self->written_due = dup_or_empty (written_due);
  self->written_received = dup_or_empty (written_received);
  self->followup_date = dup_or_empty (followup_date);
  self->outcome = dup_or_empty (outcome);
  self->measure_id = measure_id;
  if (n_cadres > 0)
    g_array_append_vals (self->cadre_ids, cadre_ids, n_cadres);
  for (guint i = 0; i < n_cadres; i++)
    g_strv_builder_add (names, cadre_names != NULL && cadre_names[i] != NULL ? cadre_names[i] : "");
  self->cadre_name_list = g_strv_builder_end (names);
  self->cadre_names = g_strjoinv ("、", self->cadre_name_list);
  self->n_attachments = n_attachments;
  self->account = dup_or_empty (account);
  self->retired_at = retired_at;
  self->retired_reason = dup_or_empty (retired_reason);
  self->created_at = created_at;
  self->updated_at = updated_at;
  return self;
}

#define GETTER(type, name, field)          \
  type                                     \
  ld_talk_get_##name (LdTalk *self)        \
  {                                        \
    g_return_val_if_fail (LD_IS_TALK (self), 0); \
    return self->field;                    \
  }

GETTER (gint64, id, id)
GETTER (const char *, reg_no, reg_no)
GETTER (gint64, unit_id, unit_id)
GETTER (const char *, unit_name, unit_name)
GETTER (const char *, type_code, type)
GETTER (const char *, talk_date, talk_date)
GETTER (const char *, talk_time, talk_time)
GETTER (const char *, place, place)
GETTER (const char *, talkers_text, talkers_text)
GETTER (const char *, recorder, recorder)
GETTER (const char *, reason, reason)
GETTER (gint64, clue_id, clue_id)
GETTER (const char *, clue_reg_no, clue_reg_no)
GETTER (const char *, problems, problems)
GETTER (const char *, explanation, explanation)
GETTER (const char *, attitude, attitude)
GETTER (LdTalkWritten, written_required, written_required)
GETTER (const char *, written_due, written_due)
GETTER (const char *, written_received, written_received)
GETTER (const char *, followup_date, followup_date)
GETTER (const char *, outcome, outcome)
GETTER (gint64, measure_id, measure_id)
GETTER (const char *, cadre_names, cadre_names)
GETTER (guint, n_attachments, n_attachments)
GETTER (const char *, account, account)
GETTER (gint64, retired_at, retired_at)
GETTER (const char *, retired_reason, retired_reason)
GETTER (gint64, created_at, created_at)
GETTER (gint64, updated_at, updated_at)

#undef GETTER

const char *
ld_talk_get_type_label (LdTalk *self)
{
  const char *label;

  g_return_val_if_fail (LD_IS_TALK (self), NULL);

  label = ld_code_get_label (LD_CODE_TABLE_TALK_TYPE, self->type);
  return label != NULL ? label : self->type;
}

const char * const *
ld_talk_get_talkers (LdTalk *self)
{
  g_return_val_if_fail (LD_IS_TALK (self), NULL);

  return (const char * const *) self->talkers;
}

guint
ld_talk_get_n_talkers (LdTalk *self)
{
  g_return_val_if_fail (LD_IS_TALK (self), 0);

  return g_strv_length (self->talkers);
}

const gint64 *
ld_talk_get_cadre_ids (LdTalk *self,
                       guint  *n_cadres)
{
  g_return_val_if_fail (LD_IS_TALK (self), NULL);

  if (n_cadres != NULL)
    *n_cadres = self->cadre_ids->len;
  return (const gint64 *) (gpointer) self->cadre_ids->data;
}

const char * const *
ld_talk_get_cadre_name_list (LdTalk *self)
{
  g_return_val_if_fail (LD_IS_TALK (self), NULL);

  return (const char * const *) self->cadre_name_list;
}

guint
ld_talk_get_n_cadres (LdTalk *self)
{
  g_return_val_if_fail (LD_IS_TALK (self), 0);

  return self->cadre_ids->len;
}

gboolean
ld_talk_can_link_measure (LdTalk *self)
{
  g_return_val_if_fail (LD_IS_TALK (self), FALSE);

  return self->retired_at == 0 && self->measure_id == 0 && ld_talk_type_form (self->type) == 1;
}

const char *
ld_talk_field_get_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "reg_no", N_("Registration number") },
    { "type", N_("Type") },
    { "talk_date", N_("Date") },
    { "talk_time", N_("Time") },
    { "place", N_("Place") },
    { "talkers", N_("Talkers") },
    { "recorder", N_("Recorder") },
    { "unit_id", N_("Unit") },
    { "cadres", N_("Persons talked to") },
    { "reason", N_("Reason") },
    { "clue_id", N_("Clue") },
    { "problems", N_("Problems raised") },
    { "explanation", N_("Explanation") },
    { "attitude", N_("Attitude") },
    { "written_required", N_("Written explanation required") },
    { "written_due", N_("Written explanation due") },
    { "written_received", N_("Written explanation received") },
    { "followup_date", N_("Follow-up date") },
    { "outcome", N_("Decided measure") },
    { "measure_id", N_("Measure") },
    { "retired_reason", N_("Reason for retiring") },
    { "attachment.id", N_("Attachment") },
    { "attachment.owner", N_("Attachment: owner") },
    { "attachment.name", N_("Attachment: file name") },
    { "attachment.size", N_("Attachment: size") },
    { "attachment.sha256", N_("Attachment: SHA-256") },
    { "attachment.retired_reason", N_("Attachment: reason for retiring") },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return NULL;
}

/* --- The spec ----------------------------------------------------------------------- */

void
ld_talk_spec_init (LdTalkSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->talkers = g_ptr_array_new_with_free_func (g_free);
  spec->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
ld_talk_spec_clear (LdTalkSpec *spec)
{
  if (spec == NULL)
    return;
  g_clear_pointer (&spec->type, g_free);
  g_clear_pointer (&spec->talk_date, g_free);
  g_clear_pointer (&spec->talk_time, g_free);
  g_clear_pointer (&spec->place, g_free);
  g_clear_pointer (&spec->talkers, g_ptr_array_unref);
  g_clear_pointer (&spec->recorder, g_free);
  g_clear_pointer (&spec->cadre_ids, g_array_unref);
  g_clear_pointer (&spec->reason, g_free);
  g_clear_pointer (&spec->problems, g_free);
  g_clear_pointer (&spec->explanation, g_free);
  g_clear_pointer (&spec->attitude, g_free);
  g_clear_pointer (&spec->written_due, g_free);
  g_clear_pointer (&spec->written_received, g_free);
  g_clear_pointer (&spec->followup_date, g_free);
  g_clear_pointer (&spec->outcome, g_free);
  spec->unit_id = 0;
  spec->clue_id = 0;
  spec->written_required = LD_TALK_WRITTEN_NONE;
}

void
ld_talk_spec_set (char       **member,
                  const char  *value)
{
  g_return_if_fail (member != NULL);

  if (*member == value)
    return;
  g_free (*member);
  *member = g_strdup (value);
}

void
ld_talk_spec_add_talker (LdTalkSpec *spec,
                         const char *name)
{
  g_return_if_fail (spec != NULL);

  if (spec->talkers == NULL)
    spec->talkers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (spec->talkers, g_strdup (name != NULL ? name : ""));
}

void
ld_talk_spec_add_cadre (LdTalkSpec *spec,
                        gint64      cadre_id)
{
  g_return_if_fail (spec != NULL);

  if (spec->cadre_ids == NULL)
    spec->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (spec->cadre_ids, cadre_id);
}

void
ld_talk_spec_init_from_talk (LdTalkSpec *spec,
                             LdTalk     *talk)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_TALK (talk));

  ld_talk_spec_init (spec);
  spec->type = g_strdup (talk->type);
  spec->talk_date = g_strdup (talk->talk_date);
  spec->talk_time = g_strdup (talk->talk_time);
  spec->place = g_strdup (talk->place);
  for (guint i = 0; talk->talkers[i] != NULL; i++)
    ld_talk_spec_add_talker (spec, talk->talkers[i]);
  spec->recorder = g_strdup (talk->recorder);
  if (talk->cadre_ids->len > 0)
    g_array_append_vals (spec->cadre_ids, talk->cadre_ids->data, talk->cadre_ids->len);
  spec->unit_id = talk->unit_id;
  spec->reason = g_strdup (talk->reason);
  spec->clue_id = talk->clue_id;
  spec->problems = g_strdup (talk->problems);
  spec->explanation = g_strdup (talk->explanation);
  spec->attitude = g_strdup (talk->attitude);
  spec->written_required = talk->written_required;
  spec->written_due = g_strdup (talk->written_due);
  spec->written_received = g_strdup (talk->written_received);
  spec->followup_date = g_strdup (talk->followup_date);
  spec->outcome = g_strdup (talk->outcome);
}

/* --- Validation --------------------------------------------------------------------- */

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
                   /* Translators: %s is the field, e.g. "The talk date". */
                   _("%s is not a date. Write it as YYYY-MM-DD, for example 2026-03-05."), label);
      return FALSE;
    }
  *out = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return TRUE;
}

static gboolean
clean_time (const char  *text,
            char       **out,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned h = 0, m = 0;
  int end = 0;

  if (*copy == '\0')
    {
      *out = g_strdup ("");
      return TRUE;
    }
  if (sscanf (copy, "%2u:%2u%n", &h, &m, &end) != 2 || copy[end] != '\0' || h > 23 || m > 59
      || !g_ascii_isdigit (copy[0]) || strlen (copy) < 4)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The time of the talk is not a time. Write it as HH:MM, for example 09:30."));
      return FALSE;
    }
  *out = g_strdup_printf ("%02u:%02u", h, m);
  return TRUE;
}

/* A text of several lines: line breaks and tabs allowed, "\r\n" becomes
 * "\n", other control characters refused. */
static char *
clean_long_text (const char  *text,
                 const char  *label,
                 guint        max_chars,
                 GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *copy = NULL;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is not valid text. Type it again."), label);
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          continue;
        }
      if (g_unichar_iscntrl (c) && c != '\n' && c != '\t')
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%s contains a control character. Remove it."), label);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }
  copy = g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
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

static const char *
clean_type (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *code;

  if (*copy == '\0')
    return NULL;
  /* The code in any ASCII case, the label or the Chinese name. */
  code = ld_code_find_by_label (LD_CODE_TABLE_TALK_TYPE, copy);
  return code;
}

gboolean
_ld_talk_spec_clean (const LdTalkSpec  *spec,
                     LdTalkSpec        *out,
                     char             **bad_key,
                     GError           **error)
{
  g_auto(LdTalkSpec) clean = { 0 };
  const char *type;
  GDate talk_date;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ld_talk_spec_init (&clean);

  type = clean_type (spec->type);
  if (type == NULL)
    {
      g_autofree char *shown = g_strstrip (g_strdup (spec->type != NULL ? spec->type : ""));

      if (*shown == '\0')
        g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                             _("The type of talk is required. Choose one of the talk types."));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("“%s” is not a type of talk. Choose one of the talk types (see “talk types”)."), shown);
      return set_bad (bad_key, "type");
    }
  clean.type = g_strdup (type);

  if (!clean_date (spec->talk_date, _("The talk date"), TRUE, &clean.talk_date, error))
    return set_bad (bad_key, "talk-date");
  g_date_clear (&talk_date, 1);
  g_date_set_parse (&talk_date, clean.talk_date);
  if (!clean_time (spec->talk_time, &clean.talk_time, error))
    return set_bad (bad_key, "talk-time");

  clean.place = _ld_records_clean_text (spec->place, _("The place"), MAX_SHORT_TEXT, FALSE, error);
  if (clean.place == NULL)
    return set_bad (bad_key, "place");

  /* Talkers: named once each, in the order given. */
  for (guint i = 0; spec->talkers != NULL && i < spec->talkers->len; i++)
    {
      g_autofree char *name = _ld_records_clean_text (g_ptr_array_index (spec->talkers, i), _("A talker's name"),
                                                      MAX_NAME, FALSE, error);
      gboolean seen = FALSE;

      if (name == NULL)
        return set_bad (bad_key, "talkers");
      if (*name == '\0')
        continue;
      for (guint j = 0; j < clean.talkers->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (clean.talkers, j), name);
      if (!seen)
        g_ptr_array_add (clean.talkers, g_steal_pointer (&name));
    }
  if (clean.talkers->len > MAX_TALKERS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A talk has at most %u talker. Name only those who took part.",
                                "A talk has at most %u talkers. Name only those who took part.", MAX_TALKERS),
                   MAX_TALKERS);
      return set_bad (bad_key, "talkers");
    }
  clean.recorder = _ld_records_clean_text (spec->recorder, _("The recorder"), MAX_NAME, FALSE, error);
  if (clean.recorder == NULL)
    return set_bad (bad_key, "recorder");

  /* Cadres: at least one, each once, in the order given. */
  for (guint i = 0; spec->cadre_ids != NULL && i < spec->cadre_ids->len; i++)
    {
      gint64 id = g_array_index (spec->cadre_ids, gint64, i);
      gboolean seen = FALSE;

      if (id <= 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%lld is not a cadre record number. Check the number with “cadre list”."), (long long) id);
          return set_bad (bad_key, "cadres");
        }
      for (guint j = 0; j < clean.cadre_ids->len && !seen; j++)
        seen = g_array_index (clean.cadre_ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (clean.cadre_ids, id);
    }
  if (clean.cadre_ids->len == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A talk needs at least one person talked to. Choose the cadre (or cadres) first."));
      return set_bad (bad_key, "cadres");
    }
  if (clean.cadre_ids->len > MAX_CADRES)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A talk has at most %u person talked to. Split the talk.",
                                "A talk has at most %u persons talked to. Split the talk.", MAX_CADRES),
                   MAX_CADRES);
      return set_bad (bad_key, "cadres");
    }
  if (spec->unit_id < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The unit number of the talk is not valid. Check it with “unit list”."));
      return set_bad (bad_key, "unit-id");
    }
  clean.unit_id = spec->unit_id;
  if (spec->clue_id < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The clue number of the talk is not valid. Check it with “clue list”."));
      return set_bad (bad_key, "clue-id");
    }
  clean.clue_id = spec->clue_id;

  clean.reason = clean_long_text (spec->reason, _("The reason"), MAX_REASON, error);
  if (clean.reason == NULL)
    return set_bad (bad_key, "reason");
  clean.problems = clean_long_text (spec->problems, _("The problems raised"), MAX_LONG_TEXT, error);
  if (clean.problems == NULL)
    return set_bad (bad_key, "problems");
  clean.explanation = clean_long_text (spec->explanation, _("The explanation"), MAX_LONG_TEXT, error);
  if (clean.explanation == NULL)
    return set_bad (bad_key, "explanation");
  clean.attitude = clean_long_text (spec->attitude, _("The attitude"), MAX_REASON, error);
  if (clean.attitude == NULL)
    return set_bad (bad_key, "attitude");

  if ((guint) spec->written_required > LD_TALK_WRITTEN_SELF_EXAMINATION)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("Choose whether a written explanation or a self-examination was required."));
      return set_bad (bad_key, "written-required");
    }
  clean.written_required = spec->written_required;

  {
    struct { const char *text; const char *label; const char *key; char **out; } dates[] = {
      { spec->written_due, _("The due date of the written explanation"), "written-due", &clean.written_due },
      { spec->written_received, _("The date the written explanation was received"), "written-received",
        &clean.written_received },
      { spec->followup_date, _("The follow-up date"), "followup-date", &clean.followup_date },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        if (!clean_date (dates[i].text, dates[i].label, FALSE, dates[i].out, error))
          return set_bad (bad_key, dates[i].key);
        if (**dates[i].out != '\0' && strcmp (*dates[i].out, clean.talk_date) < 0)
          {
            g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                         /* Translators: the first %s is a field, the second the talk date. */
                         _("%s is before the talk date %s. Check both dates."), dates[i].label, clean.talk_date);
            return set_bad (bad_key, dates[i].key);
          }
      }
  }
  if (clean.written_required == LD_TALK_WRITTEN_NONE
      && (*clean.written_due != '\0' || *clean.written_received != '\0'))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A due or received date is given but no written explanation was required. "
                             "Choose the kind of written explanation, or clear the dates."));
      return set_bad (bad_key, *clean.written_due != '\0' ? "written-due" : "written-received");
    }

  clean.outcome = _ld_records_clean_text (spec->outcome, _("The decided measure"), MAX_SHORT_TEXT, FALSE, error);
  if (clean.outcome == NULL)
    return set_bad (bad_key, "outcome");

  *out = clean;
  memset (&clean, 0, sizeof clean);
  return TRUE;
}

gboolean
ld_talk_spec_validate (const LdTalkSpec  *spec,
                       char             **bad_key,
                       GError           **error)
{
  g_auto(LdTalkSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  return _ld_talk_spec_clean (spec, &clean, bad_key, error);
}

GStrv
ld_talk_spec_check_warnings (const LdTalkSpec *spec)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *type;
  guint n_talkers = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  type = clean_type (spec->type);
  for (guint i = 0; spec->talkers != NULL && i < spec->talkers->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (spec->talkers, i)));
      gboolean seen = FALSE;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < i && !seen; j++)
        {
          g_autofree char *other = g_strstrip (g_strdup (g_ptr_array_index (spec->talkers, j)));
          seen = g_str_equal (other, name);
        }
      if (!seen)
        n_talkers++;
    }
  if (type != NULL && ld_talk_type_needs_two_talkers (type) && n_talkers < 2)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "A talk of type “%s” needs at least two talkers from the "
                                                            "discipline organ, but %u is named. Add the second "
                                                            "talker.",
                                                            "A talk of type “%s” needs at least two talkers from the "
                                                            "discipline organ, but %u are named. Add the second "
                                                            "talker.",
                                                            n_talkers),
                                               ld_code_get_label (LD_CODE_TABLE_TALK_TYPE, type), n_talkers);

      g_strv_builder_add (builder, text);
    }
  if (spec->written_required != LD_TALK_WRITTEN_NONE
      && (spec->written_due == NULL || *spec->written_due == '\0')
      && (spec->written_received == NULL || *spec->written_received == '\0'))
    g_strv_builder_add (builder, _("A written explanation is required but has no due date. Set the due date so "
                                   "the supervision board can remind you."));
  return g_strv_builder_end (builder);
}
