/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-recommendation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-ledger-private.h"
#include "records/ld-recommendation.h"
#include "records/ld-records-util.h"
#include "vault/ld-statement.h"

/* Lengths in characters. */
#define MAX_SHORT_TEXT 200
#define MAX_LONG_TEXT  20000

struct _LdRecommendation
{
  GObject                 parent_instance;

  gint64                  id;
  char                   *reg_no;
  gint64                  unit_id;
  char                   *unit_name;
  char                   *kind;
  char                   *doc_no;
  char                   *title;
  char                   *problem;
  char                   *basis;
  char                   *content;
  char                   *source_type;
  gint64                  source_id;
  LdRecommendationStatus  status;
  char                   *issued_date;
  char                   *delivered_date;
  char                   *reply_due;
  char                   *replied_date;
  char                   *reply;
  char                   *verified_date;
  char                   *closed_date;
  char                   *next_visit_date;
  guint                   n_items;
  guint                   n_open_items;
  guint                   n_overdue_items;
  char                   *account;
  gint64                  retired_at;
  char                   *retired_reason;
  gint64                  created_at;
  gint64                  updated_at;
};

G_DEFINE_FINAL_TYPE (LdRecommendation, ld_recommendation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REG_NO,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_DOC_NO,
  PROP_TITLE,
  PROP_PROBLEM,
  PROP_BASIS,
  PROP_CONTENT,
  PROP_SOURCE_TYPE,
  PROP_SOURCE_ID,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_ISSUED_DATE,
  PROP_DELIVERED_DATE,
  PROP_REPLY_DUE,
  PROP_REPLIED_DATE,
  PROP_REPLY,
  PROP_VERIFIED_DATE,
  PROP_CLOSED_DATE,
  PROP_NEXT_VISIT_DATE,
  PROP_REPLY_OVERDUE,
  PROP_N_ITEMS,
  PROP_N_OPEN_ITEMS,
  PROP_N_OVERDUE_ITEMS,
  PROP_ACCOUNT,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_recommendation_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LdRecommendation *self = LD_RECOMMENDATION (object);

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
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, ld_recommendation_get_kind_label (self));
      break;
    case PROP_DOC_NO:
      g_value_set_string (value, self->doc_no);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_BASIS:
      g_value_set_string (value, self->basis);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;
    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, ld_recommendation_status_to_string (self->status));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ld_recommendation_status_get_label (self->status));
      break;
    case PROP_ISSUED_DATE:
      g_value_set_string (value, self->issued_date);
      break;
    case PROP_DELIVERED_DATE:
      g_value_set_string (value, self->delivered_date);
      break;
    case PROP_REPLY_DUE:
      g_value_set_string (value, self->reply_due);
      break;
    case PROP_REPLIED_DATE:
      g_value_set_string (value, self->replied_date);
      break;
    case PROP_REPLY:
      g_value_set_string (value, self->reply);
      break;
    case PROP_VERIFIED_DATE:
      g_value_set_string (value, self->verified_date);
      break;
    case PROP_CLOSED_DATE:
      g_value_set_string (value, self->closed_date);
      break;
    case PROP_NEXT_VISIT_DATE:
      g_value_set_string (value, self->next_visit_date);
      break;
    case PROP_REPLY_OVERDUE:
      g_value_set_boolean (value, ld_recommendation_is_reply_overdue (self, NULL));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_N_OPEN_ITEMS:
      g_value_set_uint (value, self->n_open_items);
      break;
    case PROP_N_OVERDUE_ITEMS:
      g_value_set_uint (value, self->n_overdue_items);
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
ld_recommendation_finalize (GObject *object)
{
  LdRecommendation *self = LD_RECOMMENDATION (object);

  g_free (self->reg_no);
  g_free (self->unit_name);
  g_free (self->kind);
  g_free (self->doc_no);
  g_free (self->title);
  g_free (self->problem);
  g_free (self->basis);
  g_free (self->content);
  g_free (self->source_type);
  g_free (self->issued_date);
  g_free (self->delivered_date);
  g_free (self->reply_due);
  g_free (self->replied_date);
  g_free (self->reply);
  g_free (self->verified_date);
  g_free (self->closed_date);
  g_free (self->next_visit_date);
  g_free (self->account);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_recommendation_parent_class)->finalize (object);
}

static void
ld_recommendation_class_init (LdRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_recommendation_get_property;
  object_class->finalize = ld_recommendation_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REG_NO] = g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  properties[PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_DOC_NO] = g_param_spec_string ("doc-no", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  properties[PROP_BASIS] = g_param_spec_string ("basis", NULL, NULL, NULL, flags);
  properties[PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_TYPE] = g_param_spec_string ("source-type", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_ID] = g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_ISSUED_DATE] = g_param_spec_string ("issued-date", NULL, NULL, NULL, flags);
  properties[PROP_DELIVERED_DATE] = g_param_spec_string ("delivered-date", NULL, NULL, NULL, flags);
  properties[PROP_REPLY_DUE] = g_param_spec_string ("reply-due", NULL, NULL, NULL, flags);
  properties[PROP_REPLIED_DATE] = g_param_spec_string ("replied-date", NULL, NULL, NULL, flags);
  properties[PROP_REPLY] = g_param_spec_string ("reply", NULL, NULL, NULL, flags);
  properties[PROP_VERIFIED_DATE] = g_param_spec_string ("verified-date", NULL, NULL, NULL, flags);
  properties[PROP_CLOSED_DATE] = g_param_spec_string ("closed-date", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_VISIT_DATE] = g_param_spec_string ("next-visit-date", NULL, NULL, NULL, flags);
  properties[PROP_REPLY_OVERDUE] = g_param_spec_boolean ("reply-overdue", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_OPEN_ITEMS] = g_param_spec_uint ("n-open-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_OVERDUE_ITEMS] = g_param_spec_uint ("n-overdue-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_recommendation_init (LdRecommendation *self)
{
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup (ld_sql_column_text (stmt, col));
}

LdRecommendation *
_ld_recommendation_new_from_row (sqlite3_stmt *stmt)
{
  LdRecommendation *self = g_object_new (LD_TYPE_RECOMMENDATION, NULL);
  LdRecommendationStatus status;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->reg_no = column_dup (stmt, 1);
  self->unit_id = sqlite3_column_int64 (stmt, 2);
  self->unit_name = column_dup (stmt, 3);
  self->kind = column_dup (stmt, 4);
  self->doc_no = column_dup (stmt, 5);
  self->title = column_dup (stmt, 6);
  self->problem = column_dup (stmt, 7);
  self->basis = column_dup (stmt, 8);
  self->content = column_dup (stmt, 9);
  self->source_type = column_dup (stmt, 10);
  self->source_id = sqlite3_column_int64 (stmt, 11);
  status = ld_recommendation_status_from_string (ld_sql_column_text (stmt, 12));
  self->status = status < LD_N_RECOMMENDATION_STATUSES ? status : LD_RECOMMENDATION_DRAFT;
  self->issued_date = column_dup (stmt, 13);
  self->delivered_date = column_dup (stmt, 14);
  self->reply_due = column_dup (stmt, 15);
  self->replied_date = column_dup (stmt, 16);
  self->reply = column_dup (stmt, 17);
  self->verified_date = column_dup (stmt, 18);
  self->closed_date = column_dup (stmt, 19);
  self->next_visit_date = column_dup (stmt, 20);
  self->n_items = (guint) sqlite3_column_int64 (stmt, 21);
  self->n_open_items = (guint) sqlite3_column_int64 (stmt, 22);
  self->n_overdue_items = (guint) sqlite3_column_int64 (stmt, 23);
  self->account = column_dup (stmt, 24);
  self->retired_at = sqlite3_column_int64 (stmt, 25);
  self->retired_reason = column_dup (stmt, 26);
  self->created_at = sqlite3_column_int64 (stmt, 27);
  self->updated_at = sqlite3_column_int64 (stmt, 28);
  return self;
}

#define GETTER(type, name, field)                          \
  type                                                     \
  ld_recommendation_get_##name (LdRecommendation *self)    \
  {                                                        \
    g_return_val_if_fail (LD_IS_RECOMMENDATION (self), 0); \
    return self->field;                                    \
  }

GETTER (gint64, id, id)
GETTER (const char *, reg_no, reg_no)
GETTER (gint64, unit_id, unit_id)
GETTER (const char *, unit_name, unit_name)
GETTER (const char *, kind, kind)
GETTER (const char *, doc_no, doc_no)
GETTER (const char *, title, title)
GETTER (const char *, problem, problem)
GETTER (const char *, basis, basis)
GETTER (const char *, content, content)
GETTER (const char *, source_type, source_type)
GETTER (gint64, source_id, source_id)
GETTER (LdRecommendationStatus, status, status)
GETTER (const char *, issued_date, issued_date)
GETTER (const char *, delivered_date, delivered_date)
GETTER (const char *, reply_due, reply_due)
GETTER (const char *, replied_date, replied_date)
GETTER (const char *, reply, reply)
GETTER (const char *, verified_date, verified_date)
GETTER (const char *, closed_date, closed_date)
GETTER (const char *, next_visit_date, next_visit_date)
GETTER (guint, n_items, n_items)
GETTER (guint, n_open_items, n_open_items)
GETTER (guint, n_overdue_items, n_overdue_items)
GETTER (const char *, account, account)
GETTER (gint64, retired_at, retired_at)
GETTER (const char *, retired_reason, retired_reason)
GETTER (gint64, created_at, created_at)
GETTER (gint64, updated_at, updated_at)

#undef GETTER

const char *
ld_recommendation_get_kind_label (LdRecommendation *self)
{
  const char *label;

  g_return_val_if_fail (LD_IS_RECOMMENDATION (self), NULL);

  label = ld_recommendation_kind_get_label (self->kind);
  return label != NULL ? label : self->kind;
}

const char *
ld_recommendation_get_status_code (LdRecommendation *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATION (self), NULL);
  return ld_recommendation_status_to_string (self->status);
}

const char *
ld_recommendation_get_status_label (LdRecommendation *self)
{
  g_return_val_if_fail (LD_IS_RECOMMENDATION (self), NULL);
  return ld_recommendation_status_get_label (self->status);
}

gboolean
ld_recommendation_is_reply_overdue (LdRecommendation *self,
                                    const GDate      *today)
{
  GDate due, now;

  g_return_val_if_fail (LD_IS_RECOMMENDATION (self), FALSE);

  if (self->retired_at != 0)
    return FALSE;
  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }
  _ld_ledger_parse_date (self->reply_due, &due);
  return ld_recommendation_reply_overdue (self->status, &due, today);
}

const char *
ld_recommendation_field_get_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "reg_no", N_("Registration number") },
    { "unit_id", N_("Addressed to") },
    { "kind", N_("Kind") },
    { "doc_no", N_("Document number") },
    { "title", N_("Title") },
    { "problem", N_("Problem") },
    { "basis", N_("Facts and basis") },
    { "content", N_("Recommendations") },
    { "source_type", N_("Source") },
    { "source_id", N_("Source record") },
    { "status", N_("Status of the recommendation") },
    { "issued_date", N_("Issued on") },
    { "delivered_date", N_("Delivered on") },
    { "reply_due", N_("Reply due") },
    { "replied_date", N_("Replied on") },
    { "reply", N_("Reply") },
    { "verified_date", N_("Verified on") },
    { "closed_date", N_("Closed on") },
    { "next_visit_date", N_("Next return visit") },
    { "retired_reason", N_("Reason for retiring") },
    { "ledger_items", N_("Ledger items") },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return NULL;
}

/* --- The spec ----------------------------------------------------------------------- */

void
ld_recommendation_spec_init (LdRecommendationSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
}

void
ld_recommendation_spec_clear (LdRecommendationSpec *spec)
{
  if (spec == NULL)
    return;
  g_clear_pointer (&spec->kind, g_free);
  g_clear_pointer (&spec->doc_no, g_free);
  g_clear_pointer (&spec->title, g_free);
  g_clear_pointer (&spec->problem, g_free);
  g_clear_pointer (&spec->basis, g_free);
  g_clear_pointer (&spec->content, g_free);
  g_clear_pointer (&spec->source_type, g_free);
  spec->unit_id = 0;
  spec->source_id = 0;
}

void
ld_recommendation_spec_init_from_recommendation (LdRecommendationSpec *spec,
                                                 LdRecommendation     *recommendation)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_RECOMMENDATION (recommendation));

  ld_recommendation_spec_init (spec);
  spec->unit_id = recommendation->unit_id;
  spec->kind = g_strdup (recommendation->kind);
  spec->doc_no = g_strdup (recommendation->doc_no);
  spec->title = g_strdup (recommendation->title);
  spec->problem = g_strdup (recommendation->problem);
  spec->basis = g_strdup (recommendation->basis);
  spec->content = g_strdup (recommendation->content);
  spec->source_type = g_strdup (recommendation->source_type);
  spec->source_id = recommendation->source_id;
}

void
ld_recommendation_spec_set (char       **member,
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

/* The kind code for a code (any ASCII case) or a label. */
static const char *
lookup_kind (const char *text)
{
  const char * const *kinds = ld_recommendation_kinds ();
  static const struct { const char *name; const char *kind; } names[] = {
    { "纪律检查建议书", "discipline" },
    { "纪律检查建议", "discipline" },
    { "监察建议书", "supervision" },
    { "监察建议", "supervision" },
    { "纪检监察建议书", "joint" },
    { "纪检监察建议", "joint" },
  };

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, kinds[i]) == 0
        || g_strcmp0 (text, ld_recommendation_kind_get_label (kinds[i])) == 0)
      return kinds[i];
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i].name) == 0)
      return names[i].kind;
  return NULL;
}

gboolean
_ld_recommendation_spec_clean (const LdRecommendationSpec  *spec,
                               LdRecommendationSpec        *out,
                               char                       **bad_key,
                               GError                     **error)
{
  g_auto(LdRecommendationSpec) clean = { 0 };
  g_autofree char *kind_text = NULL;
  const char *kind;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (spec->unit_id <= 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("A recommendation is addressed to a unit. Choose the unit (see “unit list”)."));
      return set_bad (bad_key, "unit-id");
    }
  clean.unit_id = spec->unit_id;

  kind_text = g_strstrip (g_strdup (spec->kind != NULL ? spec->kind : ""));
  kind = *kind_text != '\0' ? lookup_kind (kind_text) : NULL;
  if (kind == NULL)
    {
      if (*kind_text == '\0')
        g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                             _("The kind of recommendation is required. Choose discipline, supervision or joint."));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("“%s” is not a kind of recommendation. Choose discipline, supervision or joint."),
                     kind_text);
      return set_bad (bad_key, "kind");
    }
  clean.kind = g_strdup (kind);

  clean.doc_no = _ld_records_clean_text (spec->doc_no, _("The document number"), MAX_SHORT_TEXT, FALSE, error);
  if (clean.doc_no == NULL)
    return set_bad (bad_key, "doc-no");
  clean.title = _ld_records_clean_text (spec->title, _("The title"), MAX_SHORT_TEXT, TRUE, error);
  if (clean.title == NULL)
    return set_bad (bad_key, "title");
  clean.problem = _ld_records_clean_long_text (spec->problem, _("The problem"), MAX_LONG_TEXT, FALSE, error);
  if (clean.problem == NULL)
    return set_bad (bad_key, "problem");
  clean.basis = _ld_records_clean_long_text (spec->basis, _("The facts and basis"), MAX_LONG_TEXT, FALSE, error);
  if (clean.basis == NULL)
    return set_bad (bad_key, "basis");
  clean.content = _ld_records_clean_long_text (spec->content, _("The recommendations"), MAX_LONG_TEXT, FALSE,
                                               error);
  if (clean.content == NULL)
    return set_bad (bad_key, "content");
  clean.source_type = _ld_records_clean_text (spec->source_type, _("The source"), 50, FALSE, error);
  if (clean.source_type == NULL)
    return set_bad (bad_key, "source-type");
  if (spec->source_id < 0 || (spec->source_id > 0 && *clean.source_type == '\0'))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The source record is not valid: give the kind of record and its number, or neither."));
      return set_bad (bad_key, "source-id");
    }
  clean.source_id = spec->source_id;

  *out = clean;
  memset (&clean, 0, sizeof clean);
  return TRUE;
}

gboolean
ld_recommendation_spec_validate (const LdRecommendationSpec  *spec,
                                 char                       **bad_key,
                                 GError                     **error)
{
  g_auto(LdRecommendationSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  return _ld_recommendation_spec_clean (spec, &clean, bad_key, error);
}

/* --- Events ------------------------------------------------------------------------ */

void
ld_recommendation_event_free (LdRecommendationEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event_date);
  g_free (event->kind);
  g_free (event->kind_label);
  g_free (event->note);
  g_free (event->account);
  g_free (event);
}
