/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-clue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-clue-private.h"
#include "records/ld-records-util.h"
#include "rules/ld-case-tables.h"

#define SUMMARY_MAX_CHARS 2000
#define PERSON_MAX_CHARS  100

/* The string values, kept in one array indexed like the properties. */
enum {
  S_REG_NO,
  S_UNIT_NAME,
  S_SOURCE,
  S_SOURCE_LABEL,
  S_PETITION_REG_NO,
  S_PERSON,
  S_PERSON_NAME,
  S_RECEIVED_DATE,
  S_SUMMARY,
  S_CATEGORIES,
  S_CATEGORIES_LABEL,
  S_STATUS,
  S_STATUS_LABEL,
  S_DISPOSAL,
  S_DISPOSAL_LABEL,
  S_APPROVED_BY,
  S_APPROVED_DATE,
  S_DUE_DATE,
  S_RESULT,
  S_RESULT_LABEL,
  S_CLOSED_DATE,
  S_CLEARING,
  S_CLEARING_DATE,
  S_NEXT_REVIEW_DATE,
  S_RETIRED_REASON,
  N_STRINGS
};

struct _LdClue
{
  GObject  parent_instance;

  gint64   id;
  gint64   unit_id;
  gint64   petition_id;
  gint64   cadre_id;
  gint64   retired_at;
  gint64   created_at;
  gint64   updated_at;
  char    *s[N_STRINGS];
};

G_DEFINE_FINAL_TYPE (LdClue, ld_clue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UNIT_ID,
  PROP_PETITION_ID,
  PROP_CADRE_ID,
  PROP_RETIRED_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_FIRST_STRING,
  N_PROPS = PROP_FIRST_STRING + N_STRINGS
};

/* Property names of the strings, in S_ order (S_PERSON_NAME is private
 * and has no property: NULL). */
static const char * const string_names[N_STRINGS] = {
  "reg-no", "unit-name", "source", "source-label", "petition-reg-no", "person", NULL,
  "received-date", "summary", "categories", "categories-label", "status", "status-label",
  "disposal", "disposal-label", "approved-by", "approved-date", "due-date", "result",
  "result-label", "closed-date", "clearing", "clearing-date", "next-review-date", "retired-reason",
};

static GParamSpec *properties[N_PROPS];

static void
ld_clue_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LdClue *self = LD_CLUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;
    case PROP_PETITION_ID:
      g_value_set_int64 (value, self->petition_id);
      break;
    case PROP_CADRE_ID:
      g_value_set_int64 (value, self->cadre_id);
      break;
    case PROP_RETIRED_AT:
      g_value_set_int64 (value, self->retired_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      if (prop_id >= PROP_FIRST_STRING && prop_id < N_PROPS)
        g_value_set_string (value, self->s[prop_id - PROP_FIRST_STRING]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_clue_finalize (GObject *object)
{
  LdClue *self = LD_CLUE (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->s[i]);
  G_OBJECT_CLASS (ld_clue_parent_class)->finalize (object);
}

static void
ld_clue_class_init (LdClueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_clue_get_property;
  object_class->finalize = ld_clue_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PETITION_ID] = g_param_spec_int64 ("petition-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CADRE_ID] = g_param_spec_int64 ("cadre-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  for (guint i = 0; i < N_STRINGS; i++)
    {
      if (string_names[i] == NULL)
        continue;
      properties[PROP_FIRST_STRING + i] = g_param_spec_string (string_names[i], NULL, NULL, NULL, flags);
      g_object_class_install_property (object_class, PROP_FIRST_STRING + i, properties[PROP_FIRST_STRING + i]);
    }
  for (guint i = PROP_ID; i < PROP_FIRST_STRING; i++)
    g_object_class_install_property (object_class, i, properties[i]);
}

static void
ld_clue_init (LdClue *self)
{
}

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

LdClue *
_ld_clue_new (const LdClueRow *row)
{
  LdClue *self = g_object_new (LD_TYPE_CLUE, NULL);
  const char *categories = row->categories != NULL ? row->categories : "";

  self->id = row->id;
  self->unit_id = row->unit_id;
  self->petition_id = row->petition_id;
  self->cadre_id = row->cadre_id;
  self->retired_at = row->retired_at;
  self->created_at = row->created_at;
  self->updated_at = row->updated_at;
  self->s[S_REG_NO] = g_strdup (row->reg_no);
  self->s[S_UNIT_NAME] = g_strdup (row->unit_name);
  self->s[S_SOURCE] = g_strdup (row->source);
  self->s[S_SOURCE_LABEL] = g_strdup (label_of (LD_CODE_TABLE_CHANNEL, row->source));
  self->s[S_PETITION_REG_NO] = g_strdup (row->petition_reg_no);
  self->s[S_PERSON] = g_strdup (row->person);
  self->s[S_PERSON_NAME] = g_strdup (row->person_name);
  self->s[S_RECEIVED_DATE] = g_strdup (row->received_date);
  self->s[S_SUMMARY] = g_strdup (row->summary);
  self->s[S_CATEGORIES] = g_strdup (categories);
  self->s[S_CATEGORIES_LABEL] = *categories != '\0'
                                ? ld_code_list_format (LD_CODE_TABLE_PROBLEM_CATEGORY, categories)
                                : g_strdup ("");
  self->s[S_STATUS] = g_strdup (row->status);
  self->s[S_STATUS_LABEL] = g_strdup (label_of (LD_CODE_TABLE_CLUE_STATUS, row->status));
  self->s[S_DISPOSAL] = g_strdup (row->disposal);
  self->s[S_DISPOSAL_LABEL] = g_strdup (label_of (LD_CODE_TABLE_DISPOSAL, row->disposal));
  self->s[S_APPROVED_BY] = g_strdup (row->approved_by);
  self->s[S_APPROVED_DATE] = g_strdup (row->approved_date);
  self->s[S_DUE_DATE] = g_strdup (row->due_date);
  self->s[S_RESULT] = g_strdup (row->result);
  self->s[S_RESULT_LABEL] = g_strdup (label_of (LD_CODE_TABLE_CLUE_RESULT, row->result));
  self->s[S_CLOSED_DATE] = g_strdup (row->closed_date);
  self->s[S_CLEARING] = g_strdup (row->clearing);
  self->s[S_CLEARING_DATE] = g_strdup (row->clearing_date);
  self->s[S_NEXT_REVIEW_DATE] = g_strdup (row->next_review_date);
  self->s[S_RETIRED_REASON] = g_strdup (row->retired_reason);
  for (guint i = 0; i < N_STRINGS; i++)
    if (self->s[i] == NULL)
      self->s[i] = g_strdup ("");
  return self;
}

#define STRING_GETTER(name, index) \
  const char * \
  ld_clue_get_##name (LdClue *self) \
  { \
    g_return_val_if_fail (LD_IS_CLUE (self), NULL); \
    return self->s[index]; \
  }

STRING_GETTER (reg_no, S_REG_NO)
STRING_GETTER (unit_name, S_UNIT_NAME)
STRING_GETTER (source, S_SOURCE)
STRING_GETTER (source_label, S_SOURCE_LABEL)
STRING_GETTER (petition_reg_no, S_PETITION_REG_NO)
STRING_GETTER (person, S_PERSON)
STRING_GETTER (received_date, S_RECEIVED_DATE)
STRING_GETTER (summary, S_SUMMARY)
STRING_GETTER (categories, S_CATEGORIES)
STRING_GETTER (categories_label, S_CATEGORIES_LABEL)
STRING_GETTER (status, S_STATUS)
STRING_GETTER (status_label, S_STATUS_LABEL)
STRING_GETTER (disposal, S_DISPOSAL)
STRING_GETTER (disposal_label, S_DISPOSAL_LABEL)
STRING_GETTER (approved_by, S_APPROVED_BY)
STRING_GETTER (approved_date, S_APPROVED_DATE)
STRING_GETTER (due_date, S_DUE_DATE)
STRING_GETTER (result, S_RESULT)
STRING_GETTER (result_label, S_RESULT_LABEL)
STRING_GETTER (closed_date, S_CLOSED_DATE)
STRING_GETTER (clearing, S_CLEARING)
STRING_GETTER (clearing_date, S_CLEARING_DATE)
STRING_GETTER (next_review_date, S_NEXT_REVIEW_DATE)
STRING_GETTER (retired_reason, S_RETIRED_REASON)

const char *
_ld_clue_get_person_name (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), NULL);
  return self->s[S_PERSON_NAME];
}

gint64
ld_clue_get_id (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->id;
}

gint64
ld_clue_get_unit_id (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->unit_id;
}

gint64
ld_clue_get_petition_id (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->petition_id;
}

gint64
ld_clue_get_cadre_id (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->cadre_id;
}

gint64
ld_clue_get_retired_at (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->retired_at;
}

gint64
ld_clue_get_created_at (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->created_at;
}

gint64
ld_clue_get_updated_at (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), 0);
  return self->updated_at;
}

gboolean
ld_clue_is_open (LdClue *self)
{
  g_return_val_if_fail (LD_IS_CLUE (self), FALSE);
  return self->retired_at == 0 && g_strcmp0 (self->s[S_STATUS], "closed") != 0;
}

/* --- Dates ------------------------------------------------------------------------- */

static gboolean
parse_part (const char *text,
            guint       max_digits,
            int        *out)
{
  guint64 n = 0;
  gsize len = strlen (text);

  if (len == 0 || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 9999, &n, NULL))
    return FALSE;
  *out = (int) n;
  return TRUE;
}

char *
_ld_clue_normalise_date (const char  *text,
                         const char  *label,
                         gboolean     required,
                         GError     **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  int y = 0, m = 0, d = 0;

  folded = g_strstrip (g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC));
  if (folded == NULL)
    folded = g_strdup ("");   /* invalid UTF-8: reported below */
  if (*folded == '\0' && (text == NULL || g_utf8_validate (text, -1, NULL)))
    {
      if (!required)
        return g_strdup ("");
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s is required. Write it as YYYY-MM-DD."), label);
      return NULL;
    }
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x5E74 || c == 0x6708 || c == '/' || c == '.')   /* 年 月 */
        g_string_append_c (ascii, '-');
      else if (c == 0x65E5)                                       /* 日 */
        continue;
      else if (c < 0x80)
        g_string_append_c (ascii, (char) c);
      else
        {
          g_string_truncate (ascii, 0);
          break;
        }
    }
  parts = g_strsplit (ascii->str, "-", -1);
  if (g_strv_length (parts) != 3
      || strlen (parts[0]) != 4 || !parse_part (parts[0], 4, &y)
      || !parse_part (parts[1], 2, &m) || !parse_part (parts[2], 2, &d)
      || y < 1900 || y > 2100
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("%s: “%s” is not a date. Write it as YYYY-MM-DD, for example 2026-03-02."),
                   label, text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* --- Specs ------------------------------------------------------------------------- */

void
ld_clue_spec_init (LdClueSpec *spec)
{
  g_return_if_fail (spec != NULL);
  memset (spec, 0, sizeof *spec);
}

void
ld_clue_spec_clear (LdClueSpec *spec)
{
  g_return_if_fail (spec != NULL);
  g_free (spec->source);
  g_free (spec->received_date);
  g_free (spec->person_name);
  g_free (spec->summary);
  g_free (spec->categories);
  memset (spec, 0, sizeof *spec);
}

void
ld_clue_spec_init_from_clue (LdClueSpec *spec,
                             LdClue     *clue)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_CLUE (clue));
  ld_clue_spec_init (spec);
  spec->source = g_strdup (ld_clue_get_source (clue));
  spec->received_date = g_strdup (ld_clue_get_received_date (clue));
  spec->unit_id = ld_clue_get_unit_id (clue);
  spec->cadre_id = ld_clue_get_cadre_id (clue);
  spec->person_name = g_strdup (_ld_clue_get_person_name (clue));
  spec->summary = g_strdup (ld_clue_get_summary (clue));
  spec->categories = g_strdup (ld_clue_get_categories (clue));
}

static gboolean
fail_key (char       **bad_key,
          const char  *key)
{
  if (bad_key != NULL)
    *bad_key = g_strdup (key);
  return FALSE;
}

gboolean
_ld_clue_spec_clean (const LdClueSpec  *spec,
                     gboolean           for_update,
                     LdClueSpec        *out,
                     char             **bad_key,
                     GError           **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ld_clue_spec_init (out);
  out->unit_id = spec->unit_id;
  out->cadre_id = spec->cadre_id;

  if (spec->source != NULL && *spec->source != '\0')
    {
      g_autofree char *text = g_strstrip (g_strdup (spec->source));
      const char *code = ld_code_get_label (LD_CODE_TABLE_CHANNEL, text) != NULL
                         ? text : ld_code_find_by_label (LD_CODE_TABLE_CHANNEL, text);

      if (code == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a clue source. Use one of the codes of “clue codes”, for example "
                         "SRC_INSPECTION or CH_LETTER."),
                       spec->source);
          return fail_key (bad_key, "source");
        }
      out->source = g_strdup (code);
    }
  else if (!for_update)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The source of the clue is required. Choose where it came from (inspection tour, audit …)."));
      return fail_key (bad_key, "source");
    }

  if (spec->received_date != NULL && *spec->received_date != '\0')
    {
      out->received_date = _ld_clue_normalise_date (spec->received_date, _("The received date"), TRUE, error);
      if (out->received_date == NULL)
        return fail_key (bad_key, "received-date");
    }
  else if (!for_update)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The received date is required. Write it as YYYY-MM-DD."));
      return fail_key (bad_key, "received-date");
    }

  out->person_name = _ld_records_clean_text (spec->person_name, _("The name of the person"),
                                             PERSON_MAX_CHARS, FALSE, error);
  if (out->person_name == NULL)
    return fail_key (bad_key, "person");
  if (spec->cadre_id < 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The cadre record number must be positive."));
      return fail_key (bad_key, "person");
    }
  if (spec->cadre_id > 0)
    {
      g_free (out->person_name);
      out->person_name = g_strdup ("");
    }
  else if (*out->person_name == '\0' && !for_update)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Say whom the clue is about: choose a cadre on file or type the person’s name."));
      return fail_key (bad_key, "person");
    }

  if (spec->summary != NULL)
    {
      g_autofree char *summary = g_strstrip (g_strdup (spec->summary));

      if (!g_utf8_validate (summary, -1, NULL))
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("The summary is not valid text. Type it again."));
          return fail_key (bad_key, "summary");
        }
      if (g_utf8_strlen (summary, -1) > SUMMARY_MAX_CHARS)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE, "The summary is too long: at most %u character is allowed.",
                                    "The summary is too long: at most %u characters are allowed.",
                                    SUMMARY_MAX_CHARS),
                       (guint) SUMMARY_MAX_CHARS);
          return fail_key (bad_key, "summary");
        }
      out->summary = g_steal_pointer (&summary);
    }
  if ((out->summary == NULL || *out->summary == '\0') && !for_update)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The summary is required. Say in a sentence what the clue reports."));
      return fail_key (bad_key, "summary");
    }

  if (spec->categories != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (spec->categories));

      if (*trimmed == '\0')
        out->categories = g_strdup ("");
      else
        {
          out->categories = ld_code_list_normalise (LD_CODE_TABLE_PROBLEM_CATEGORY, spec->categories, error);
          if (out->categories == NULL)
            return fail_key (bad_key, "categories");
        }
    }
  return TRUE;
}

gboolean
ld_clue_spec_validate (const LdClueSpec  *spec,
                       char             **bad_key,
                       GError           **error)
{
  g_auto(LdClueSpec) clean = { 0 };

  return _ld_clue_spec_clean (spec, FALSE, &clean, bad_key, error);
}

/* --- Steps ------------------------------------------------------------------------- */

void
ld_clue_step_free (LdClueStep *step)
{
  if (step == NULL)
    return;
  g_free (step->step_date);
  g_free (step->action);
  g_free (step->note);
  g_free (step->account);
  g_free (step);
}

static gboolean
action_is_move (const char *action)
{
  static const char * const plain[] = { "created", "updated", "clearing", "review", "retired", NULL };

  if (action == NULL)
    return FALSE;
  if (g_strv_contains (plain, action))
    return TRUE;
  if (g_str_has_prefix (action, "disposed:"))
    return ld_code_get_label (LD_CODE_TABLE_DISPOSAL, action + strlen ("disposed:")) != NULL;
  if (g_str_has_prefix (action, "closed:"))
    return ld_code_get_label (LD_CODE_TABLE_CLUE_RESULT, action + strlen ("closed:")) != NULL;
  return FALSE;
}

gboolean
ld_clue_step_is_move (const LdClueStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);
  return action_is_move (step->action);
}

char *
ld_clue_step_action_get_label (const char *action)
{
  if (action == NULL)
    return g_strdup ("");
  if (!action_is_move (action))
    return g_strdup (action);
  if (g_str_equal (action, "created"))
    return g_strdup (_("Registered"));
  if (g_str_equal (action, "updated"))
    return g_strdup (_("Description changed"));
  if (g_str_equal (action, "clearing"))
    return g_strdup (_("Clearing recorded"));
  if (g_str_equal (action, "review"))
    return g_strdup (_("Next review date set"));
  if (g_str_equal (action, "retired"))
    return g_strdup (_("Retired"));
  if (g_str_has_prefix (action, "disposed:"))
    /* Translators: a step of a clue; %s is the disposal (谈话函询 …) */
    return g_strdup_printf (_("Disposal approved: %s"),
                            ld_code_get_label (LD_CODE_TABLE_DISPOSAL, action + strlen ("disposed:")));
  /* Translators: a step of a clue; %s is the result (查实 …) */
  return g_strdup_printf (_("Closed: %s"),
                          ld_code_get_label (LD_CODE_TABLE_CLUE_RESULT, action + strlen ("closed:")));
}
