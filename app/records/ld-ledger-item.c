/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-item"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-ledger-item.h"
#include "records/ld-ledger-private.h"
#include "records/ld-records-util.h"
#include "vault/ld-statement.h"

/* Lengths in characters. */
#define MAX_SHORT_TEXT 200
#define MAX_NAME       50
#define MAX_LONG_TEXT  20000

/* --- Dates ------------------------------------------------------------------------- */

char *
_ld_ledger_clean_date (const char  *text,
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

char *
_ld_ledger_clean_past_date (const char  *text,
                            const char  *label,
                            GError     **error)
{
  g_autofree char *date = _ld_ledger_clean_date (text, label, TRUE, error);
  g_autofree char *today = NULL;

  if (date == NULL)
    return NULL;
  today = _ld_records_today_text ();
  if (strcmp (date, today) > 0)
    {
      /* Translators: %s are a date's label and the date. */
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is in the future. Check the date."), label, date);
      return NULL;
    }
  return g_steal_pointer (&date);
}

void
_ld_ledger_parse_date (const char *text,
                       GDate      *date)
{
  unsigned int y = 0, m = 0, d = 0;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* --- The record -------------------------------------------------------------------- */

struct _LdLedgerItem
{
  GObject         parent_instance;

  gint64          id;
  char           *reg_no;
  gint64          unit_id;
  char           *unit_name;
  char           *source;
  char           *source_ref;
  gint64          recommendation_id;
  char           *recommendation_reg_no;
  char           *problem;
  char           *measures;
  char           *standard;
  char           *leader;
  char           *person;
  char           *deadline;
  LdLedgerStatus  status;
  char           *completion;
  char           *completed_date;
  char           *accepted_by;
  char           *acceptance;
  char           *signed_off_date;
  char           *note;
  guint           n_progress;
  guint           n_attachments;
  char           *account;
  gint64          retired_at;
  char           *retired_reason;
  gint64          created_at;
  gint64          updated_at;
};

G_DEFINE_FINAL_TYPE (LdLedgerItem, ld_ledger_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REG_NO,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_SOURCE,
  PROP_SOURCE_LABEL,
  PROP_SOURCE_REF,
  PROP_RECOMMENDATION_ID,
  PROP_RECOMMENDATION_REG_NO,
  PROP_PROBLEM,
  PROP_MEASURES,
  PROP_STANDARD,
  PROP_LEADER,
  PROP_PERSON,
  PROP_DEADLINE,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_DISPLAY_STATUS,
  PROP_DISPLAY_STATUS_LABEL,
  PROP_COMPLETION,
  PROP_COMPLETED_DATE,
  PROP_ACCEPTED_BY,
  PROP_ACCEPTANCE,
  PROP_SIGNED_OFF_DATE,
  PROP_NOTE,
  PROP_N_PROGRESS,
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
ld_ledger_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdLedgerItem *self = LD_LEDGER_ITEM (object);

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
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_SOURCE_LABEL:
      g_value_set_string (value, ld_ledger_item_get_source_label (self));
      break;
    case PROP_SOURCE_REF:
      g_value_set_string (value, self->source_ref);
      break;
    case PROP_RECOMMENDATION_ID:
      g_value_set_int64 (value, self->recommendation_id);
      break;
    case PROP_RECOMMENDATION_REG_NO:
      g_value_set_string (value, self->recommendation_reg_no);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_MEASURES:
      g_value_set_string (value, self->measures);
      break;
    case PROP_STANDARD:
      g_value_set_string (value, self->standard);
      break;
    case PROP_LEADER:
      g_value_set_string (value, self->leader);
      break;
    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;
    case PROP_DEADLINE:
      g_value_set_string (value, self->deadline);
      break;
    case PROP_STATUS:
      g_value_set_string (value, ld_ledger_status_to_string (self->status));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ld_ledger_status_get_label (self->status));
      break;
    case PROP_DISPLAY_STATUS:
      g_value_set_string (value, ld_ledger_status_to_string (ld_ledger_item_get_display_status (self, NULL)));
      break;
    case PROP_DISPLAY_STATUS_LABEL:
      g_value_set_string (value, ld_ledger_item_get_display_status_label (self, NULL));
      break;
    case PROP_COMPLETION:
      g_value_set_string (value, self->completion);
      break;
    case PROP_COMPLETED_DATE:
      g_value_set_string (value, self->completed_date);
      break;
    case PROP_ACCEPTED_BY:
      g_value_set_string (value, self->accepted_by);
      break;
    case PROP_ACCEPTANCE:
      g_value_set_string (value, self->acceptance);
      break;
    case PROP_SIGNED_OFF_DATE:
      g_value_set_string (value, self->signed_off_date);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_N_PROGRESS:
      g_value_set_uint (value, self->n_progress);
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
ld_ledger_item_finalize (GObject *object)
{
  LdLedgerItem *self = LD_LEDGER_ITEM (object);

  g_free (self->reg_no);
  g_free (self->unit_name);
  g_free (self->source);
  g_free (self->source_ref);
  g_free (self->recommendation_reg_no);
  g_free (self->problem);
  g_free (self->measures);
  g_free (self->standard);
  g_free (self->leader);
  g_free (self->person);
  g_free (self->deadline);
  g_free (self->completion);
  g_free (self->completed_date);
  g_free (self->accepted_by);
  g_free (self->acceptance);
  g_free (self->signed_off_date);
  g_free (self->note);
  g_free (self->account);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_ledger_item_parent_class)->finalize (object);
}

static void
ld_ledger_item_class_init (LdLedgerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_ledger_item_get_property;
  object_class->finalize = ld_ledger_item_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REG_NO] = g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_LABEL] = g_param_spec_string ("source-label", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_REF] = g_param_spec_string ("source-ref", NULL, NULL, NULL, flags);
  properties[PROP_RECOMMENDATION_ID] = g_param_spec_int64 ("recommendation-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                           flags);
  properties[PROP_RECOMMENDATION_REG_NO] = g_param_spec_string ("recommendation-reg-no", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  properties[PROP_MEASURES] = g_param_spec_string ("measures", NULL, NULL, NULL, flags);
  properties[PROP_STANDARD] = g_param_spec_string ("standard", NULL, NULL, NULL, flags);
  properties[PROP_LEADER] = g_param_spec_string ("leader", NULL, NULL, NULL, flags);
  properties[PROP_PERSON] = g_param_spec_string ("person", NULL, NULL, NULL, flags);
  properties[PROP_DEADLINE] = g_param_spec_string ("deadline", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_STATUS] = g_param_spec_string ("display-status", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_STATUS_LABEL] = g_param_spec_string ("display-status-label", NULL, NULL, NULL, flags);
  properties[PROP_COMPLETION] = g_param_spec_string ("completion", NULL, NULL, NULL, flags);
  properties[PROP_COMPLETED_DATE] = g_param_spec_string ("completed-date", NULL, NULL, NULL, flags);
  properties[PROP_ACCEPTED_BY] = g_param_spec_string ("accepted-by", NULL, NULL, NULL, flags);
  properties[PROP_ACCEPTANCE] = g_param_spec_string ("acceptance", NULL, NULL, NULL, flags);
  properties[PROP_SIGNED_OFF_DATE] = g_param_spec_string ("signed-off-date", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_N_PROGRESS] = g_param_spec_uint ("n-progress", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ATTACHMENTS] = g_param_spec_uint ("n-attachments", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_ledger_item_init (LdLedgerItem *self)
{
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup (ld_sql_column_text (stmt, col));
}

LdLedgerItem *
_ld_ledger_item_new_from_row (sqlite3_stmt *stmt)
{
  LdLedgerItem *self = g_object_new (LD_TYPE_LEDGER_ITEM, NULL);
  LdLedgerStatus status;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->reg_no = column_dup (stmt, 1);
  self->unit_id = sqlite3_column_int64 (stmt, 2);
  self->unit_name = column_dup (stmt, 3);
  self->source = column_dup (stmt, 4);
  self->source_ref = column_dup (stmt, 5);
  self->recommendation_id = sqlite3_column_int64 (stmt, 6);
  self->recommendation_reg_no = column_dup (stmt, 7);
  self->problem = column_dup (stmt, 8);
  self->measures = column_dup (stmt, 9);
  self->standard = column_dup (stmt, 10);
  self->leader = column_dup (stmt, 11);
  self->person = column_dup (stmt, 12);
  self->deadline = column_dup (stmt, 13);
  status = ld_ledger_status_from_string (ld_sql_column_text (stmt, 14));
  self->status = status < LD_LEDGER_OVERDUE ? status : LD_LEDGER_NOT_STARTED;
  self->completion = column_dup (stmt, 15);
  self->completed_date = column_dup (stmt, 16);
  self->accepted_by = column_dup (stmt, 17);
  self->acceptance = column_dup (stmt, 18);
  self->signed_off_date = column_dup (stmt, 19);
  self->note = column_dup (stmt, 20);
  self->n_progress = (guint) sqlite3_column_int64 (stmt, 21);
  self->n_attachments = (guint) sqlite3_column_int64 (stmt, 22);
  self->account = column_dup (stmt, 23);
  self->retired_at = sqlite3_column_int64 (stmt, 24);
  self->retired_reason = column_dup (stmt, 25);
  self->created_at = sqlite3_column_int64 (stmt, 26);
  self->updated_at = sqlite3_column_int64 (stmt, 27);
  return self;
}

#define GETTER(type, name, field)                         \
  type                                                    \
  ld_ledger_item_get_##name (LdLedgerItem *self)          \
  {                                                       \
    g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), 0);   \
    return self->field;                                   \
  }

GETTER (gint64, id, id)
GETTER (const char *, reg_no, reg_no)
GETTER (gint64, unit_id, unit_id)
GETTER (const char *, unit_name, unit_name)
GETTER (const char *, source, source)
GETTER (const char *, source_ref, source_ref)
GETTER (gint64, recommendation_id, recommendation_id)
GETTER (const char *, recommendation_reg_no, recommendation_reg_no)
GETTER (const char *, problem, problem)
GETTER (const char *, measures, measures)
GETTER (const char *, standard, standard)
GETTER (const char *, leader, leader)
GETTER (const char *, person, person)
GETTER (const char *, deadline, deadline)
GETTER (LdLedgerStatus, status, status)
GETTER (const char *, completion, completion)
GETTER (const char *, completed_date, completed_date)
GETTER (const char *, accepted_by, accepted_by)
GETTER (const char *, acceptance, acceptance)
GETTER (const char *, signed_off_date, signed_off_date)
GETTER (const char *, note, note)
GETTER (guint, n_progress, n_progress)
GETTER (guint, n_attachments, n_attachments)
GETTER (const char *, account, account)
GETTER (gint64, retired_at, retired_at)
GETTER (const char *, retired_reason, retired_reason)
GETTER (gint64, created_at, created_at)
GETTER (gint64, updated_at, updated_at)

#undef GETTER

const char *
ld_ledger_item_get_source_label (LdLedgerItem *self)
{
  const char *label;

  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), NULL);

  label = ld_ledger_source_get_label (self->source);
  return label != NULL ? label : self->source;
}

const char *
ld_ledger_item_get_status_code (LdLedgerItem *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), NULL);
  return ld_ledger_status_to_string (self->status);
}

const char *
ld_ledger_item_get_status_label (LdLedgerItem *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), NULL);
  return ld_ledger_status_get_label (self->status);
}

LdLedgerStatus
ld_ledger_item_get_display_status (LdLedgerItem *self,
                                   const GDate  *today)
{
  GDate deadline, now;

  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), LD_LEDGER_NOT_STARTED);

  /* A retired item is out of the ledger: it shows what it was. */
  if (self->retired_at != 0)
    return self->status;
  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }
  _ld_ledger_parse_date (self->deadline, &deadline);
  return ld_ledger_display_status (self->status, &deadline, *self->signed_off_date != '\0', today);
}

const char *
ld_ledger_item_get_display_status_label (LdLedgerItem *self,
                                         const GDate  *today)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), NULL);
  return ld_ledger_status_get_label (ld_ledger_item_get_display_status (self, today));
}

gboolean
ld_ledger_item_is_overdue (LdLedgerItem *self,
                           const GDate  *today)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), FALSE);
  return ld_ledger_item_get_display_status (self, today) == LD_LEDGER_OVERDUE;
}

gboolean
ld_ledger_item_is_signed_off (LdLedgerItem *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), FALSE);
  return *self->signed_off_date != '\0';
}

gboolean
ld_ledger_item_is_editable (LdLedgerItem *self)
{
  g_return_val_if_fail (LD_IS_LEDGER_ITEM (self), FALSE);
  return self->retired_at == 0 && *self->signed_off_date == '\0';
}

const char *
ld_ledger_item_field_get_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "reg_no", N_("Registration number") },
    { "unit_id", N_("Responsible unit") },
    { "source", N_("Source") },
    { "source_ref", N_("Source reference") },
    { "recommendation_id", N_("Recommendation") },
    { "problem", N_("Problem") },
    { "measures", N_("Rectification measures") },
    { "standard", N_("Standard or goal") },
    { "leader", N_("Responsible leader") },
    { "person", N_("Responsible person") },
    { "deadline", N_("Deadline") },
    { "status", N_("Status") },
    { "completion", N_("Completion") },
    { "completed_date", N_("Completion date") },
    { "accepted_by", N_("Accepted by") },
    { "acceptance", N_("Acceptance opinion") },
    { "signed_off_date", N_("Sign-off date") },
    { "note", N_("Note") },
    { "progress", N_("Progress") },
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
ld_ledger_item_spec_init (LdLedgerItemSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
}

void
ld_ledger_item_spec_clear (LdLedgerItemSpec *spec)
{
  if (spec == NULL)
    return;
  g_clear_pointer (&spec->source, g_free);
  g_clear_pointer (&spec->source_ref, g_free);
  g_clear_pointer (&spec->problem, g_free);
  g_clear_pointer (&spec->measures, g_free);
  g_clear_pointer (&spec->standard, g_free);
  g_clear_pointer (&spec->leader, g_free);
  g_clear_pointer (&spec->person, g_free);
  g_clear_pointer (&spec->deadline, g_free);
  g_clear_pointer (&spec->note, g_free);
  spec->unit_id = 0;
  spec->recommendation_id = 0;
}

void
ld_ledger_item_spec_init_from_item (LdLedgerItemSpec *spec,
                                    LdLedgerItem     *item)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_LEDGER_ITEM (item));

  ld_ledger_item_spec_init (spec);
  spec->unit_id = item->unit_id;
  spec->source = g_strdup (item->source);
  spec->source_ref = g_strdup (item->source_ref);
  spec->recommendation_id = item->recommendation_id;
  spec->problem = g_strdup (item->problem);
  spec->measures = g_strdup (item->measures);
  spec->standard = g_strdup (item->standard);
  spec->leader = g_strdup (item->leader);
  spec->person = g_strdup (item->person);
  spec->deadline = g_strdup (item->deadline);
  spec->note = g_strdup (item->note);
}

void
ld_ledger_item_spec_set (char       **member,
                         const char  *value)
{
  g_return_if_fail (member != NULL);

  if (*member == value)
    return;
  g_free (*member);
  *member = g_strdup (value);
}

static gboolean
set_bad (char       **bad_key,
         const char  *key)
{
  if (bad_key != NULL && *bad_key == NULL)
    *bad_key = g_strdup (key);
  return FALSE;
}

gboolean
_ld_ledger_item_spec_clean (const LdLedgerItemSpec  *spec,
                            LdLedgerItemSpec        *out,
                            char                   **bad_key,
                            GError                 **error)
{
  g_auto(LdLedgerItemSpec) clean = { 0 };
  g_autofree char *source_text = NULL;
  const char *source = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (spec->unit_id <= 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           /* Translators: 责任部门 */
                           _("A ledger item needs its responsible unit. Choose the unit (see “unit list”)."));
      return set_bad (bad_key, "unit-id");
    }
  clean.unit_id = spec->unit_id;
  if (spec->recommendation_id < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The recommendation number is not valid. Check it with “recommendation list”."));
      return set_bad (bad_key, "recommendation-id");
    }
  clean.recommendation_id = spec->recommendation_id;

  source_text = g_strstrip (g_strdup (spec->source != NULL ? spec->source : ""));
  if (*source_text == '\0')
    {
      if (clean.recommendation_id == 0)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                               /* Translators: 问题来源 */
                               _("The source of the problem is required. Choose inspection, audit, analysis, "
                                 "recommendation, petition, special or other."));
          return set_bad (bad_key, "source");
        }
      source = "recommendation";
    }
  else
    {
      source = ld_ledger_source_lookup (source_text);
      if (source == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a source of ledger items. Choose inspection, audit, analysis, "
                         "recommendation, petition, special or other."),
                       source_text);
          return set_bad (bad_key, "source");
        }
    }
  if (clean.recommendation_id != 0 && g_strcmp0 (source, "recommendation") != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("An item that comes from a recommendation has the source “%s”, not “%s”. Change the source "
                     "or remove the recommendation."),
                   ld_ledger_source_get_label ("recommendation"), ld_ledger_source_get_label (source));
      return set_bad (bad_key, "source");
    }
  clean.source = g_strdup (source);

  clean.source_ref = _ld_records_clean_text (spec->source_ref, _("The source reference"), MAX_SHORT_TEXT, FALSE,
                                             error);
  if (clean.source_ref == NULL)
    return set_bad (bad_key, "source-ref");
  clean.problem = _ld_records_clean_long_text (spec->problem, _("The problem"), MAX_LONG_TEXT, TRUE, error);
  if (clean.problem == NULL)
    return set_bad (bad_key, "problem");
  clean.measures = _ld_records_clean_long_text (spec->measures, _("The rectification measures"), MAX_LONG_TEXT,
                                                FALSE, error);
  if (clean.measures == NULL)
    return set_bad (bad_key, "measures");
  clean.standard = _ld_records_clean_long_text (spec->standard, _("The standard or goal"), MAX_LONG_TEXT, FALSE,
                                                error);
  if (clean.standard == NULL)
    return set_bad (bad_key, "standard");
  clean.leader = _ld_records_clean_text (spec->leader, _("The responsible leader"), MAX_NAME, FALSE, error);
  if (clean.leader == NULL)
    return set_bad (bad_key, "leader");
  clean.person = _ld_records_clean_text (spec->person, _("The responsible person"), MAX_NAME, FALSE, error);
  if (clean.person == NULL)
    return set_bad (bad_key, "person");
  clean.deadline = _ld_ledger_clean_date (spec->deadline, _("The deadline"), FALSE, error);
  if (clean.deadline == NULL)
    return set_bad (bad_key, "deadline");
  clean.note = _ld_records_clean_long_text (spec->note, _("The note"), MAX_LONG_TEXT, FALSE, error);
  if (clean.note == NULL)
    return set_bad (bad_key, "note");

  *out = clean;
  memset (&clean, 0, sizeof clean);
  return TRUE;
}

gboolean
ld_ledger_item_spec_validate (const LdLedgerItemSpec  *spec,
                              char                   **bad_key,
                              GError                 **error)
{
  g_auto(LdLedgerItemSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  return _ld_ledger_item_spec_clean (spec, &clean, bad_key, error);
}

/* --- Progress ---------------------------------------------------------------------- */

void
ld_ledger_progress_free (LdLedgerProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->progress_date);
  g_free (progress->note);
  g_free (progress->account);
  g_free (progress);
}
