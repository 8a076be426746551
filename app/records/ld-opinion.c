/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-opinion-private.h"
#include "records/ld-records-util.h"

/* Lengths in characters. */
#define MAX_REQUESTER  200
#define MAX_DOC_NO     100
#define MAX_NOTE       2000

/* --- States and statuses ----------------------------------------------------------- */

const char *
ld_opinion_item_state_to_string (LdOpinionItemState state)
{
  switch (state)
    {
    case LD_OPINION_ITEM_CHECKED:
      return "checked";
    case LD_OPINION_ITEM_DECIDED:
      return "decided";
    case LD_OPINION_ITEM_APPROVED:
      return "approved";
    case LD_OPINION_ITEM_UNCHECKED:
    default:
      return "unchecked";
    }
}

const char *
ld_opinion_item_state_get_label (LdOpinionItemState state)
{
  switch (state)
    {
    case LD_OPINION_ITEM_CHECKED:
      /* Translators: state of one cadre of an opinion request, 已核查（待确认） */
      return C_("opinion item", "Checked");
    case LD_OPINION_ITEM_DECIDED:
      /* Translators: 已确认（待审批） */
      return C_("opinion item", "Decided");
    case LD_OPINION_ITEM_APPROVED:
      /* Translators: 已审批 */
      return C_("opinion item", "Approved");
    case LD_OPINION_ITEM_UNCHECKED:
    default:
      /* Translators: 未核查 */
      return C_("opinion item", "Not checked");
    }
}

const char *
ld_opinion_request_status_get_label (const char *status)
{
  if (g_strcmp0 (status, LD_OPINION_REQUEST_OPEN) == 0)
    /* Translators: status of an opinion request, 办理中 */
    return C_("opinion request", "Open");
  if (g_strcmp0 (status, LD_OPINION_REQUEST_REPLIED) == 0)
    /* Translators: 已回复 */
    return C_("opinion request", "Replied");
  return status != NULL ? status : "";
}

void
_ld_opinion_set_text (char       **member,
                      const char  *value)
{
  g_return_if_fail (member != NULL);

  g_free (*member);
  *member = g_strdup (value != NULL ? value : "");
}

/* --- Reasons ---------------------------------------------------------------------- */

void
_ld_opinion_reason_free (LdOpinionReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->record_type);
  g_free (reason->text);
  g_free (reason);
}

static LdOpinionFactKind
fact_kind_from_string (const char *code)
{
  for (guint k = 0; k < LD_N_OPINION_FACTS; k++)
    if (g_strcmp0 (code, ld_opinion_fact_kind_to_string ((LdOpinionFactKind) k)) == 0)
      return (LdOpinionFactKind) k;
  return LD_N_OPINION_FACTS;
}

char *
_ld_opinion_reasons_format (GPtrArray *reasons)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      LdOpinionReason *r = g_ptr_array_index (reasons, i);
      g_autofree char *text = g_strdup (r->text != NULL ? r->text : "");

      g_strdelimit (text, "\r\n", ' ');
      g_string_append_printf (out, "%s|%s|%" G_GINT64_FORMAT "|%s\n",
                              r->kind < LD_N_OPINION_FACTS ? ld_opinion_fact_kind_to_string (r->kind) : "none",
                              r->record_type != NULL ? r->record_type : "", r->record_id, text);
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
_ld_opinion_reasons_parse (const char *stored)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) _ld_opinion_reason_free);
  g_auto(GStrv) lines = g_strsplit (stored != NULL ? stored : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      LdOpinionReason *r;

      if (*lines[i] == '\0')
        continue;
      parts = g_strsplit (lines[i], "|", 4);
      r = g_new0 (LdOpinionReason, 1);
      if (g_strv_length (parts) < 4)
        {
          /* Not in the stored form: keep the line as text. */
          r->kind = LD_N_OPINION_FACTS;
          r->record_type = g_strdup ("");
          r->text = g_strdup (lines[i]);
        }
      else
        {
          r->kind = fact_kind_from_string (parts[0]);
          r->record_type = g_strdup (parts[1]);
          r->record_id = g_ascii_strtoll (parts[2], NULL, 10);
          r->text = g_strdup (parts[3]);
        }
      g_ptr_array_add (out, r);
    }
  return out;
}

char *
_ld_opinion_reply_text (const char *cadre_name,
                        LdOpinion   decision,
                        GPtrArray  *reasons,
                        const char *change_reason)
{
  GString *out = g_string_new (NULL);
  gboolean disclose = decision != LD_OPINION_OK;
  guint n = 0;

  /* Translators: the start of a cadre's paragraph of the reply letter,
   * "%s同志：" — the cadre's name */
  g_string_append_printf (out, _("Comrade %s: "), cadre_name != NULL ? cadre_name : "");
  g_string_append (out, ld_opinion_get_wording (decision));
  if (disclose && reasons != NULL)
    {
      for (guint i = 0; i < reasons->len; i++)
        {
          LdOpinionReason *r = g_ptr_array_index (reasons, i);

          if (r->kind >= LD_N_OPINION_FACTS)
            continue;
          /* Translators: before the first fact disclosed: "。经查，"; between facts "；" */
          g_string_append (out, n == 0 ? _(". On checking: ") : _("; "));
          g_string_append (out, r->text);
          n++;
        }
    }
  if (disclose && (reasons == NULL || n == 0) && change_reason != NULL && *change_reason != '\0')
    {
      g_string_append (out, _(". On checking: "));
      g_string_append (out, change_reason);
      /* The reason may end with its own full stop. */
      if (g_str_has_suffix (out->str, "。") || g_str_has_suffix (out->str, "."))
        return g_string_free (out, FALSE);
    }
  /* Translators: the end of a sentence of the reply letter, "。" */
  g_string_append (out, _("."));
  return g_string_free (out, FALSE);
}

/* --- The request ----------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (LdOpinionRequest, ld_opinion_request, G_TYPE_OBJECT)

enum {
  REQ_PROP_0,
  REQ_PROP_ID,
  REQ_PROP_REG_NO,
  REQ_PROP_UNIT_ID,
  REQ_PROP_UNIT_NAME,
  REQ_PROP_REQUESTER,
  REQ_PROP_REQUEST_DATE,
  REQ_PROP_DUE_DATE,
  REQ_PROP_PURPOSE,
  REQ_PROP_PURPOSE_LABEL,
  REQ_PROP_DOC_NO,
  REQ_PROP_NOTE,
  REQ_PROP_STATUS,
  REQ_PROP_STATUS_LABEL,
  REQ_PROP_REPLIED_DATE,
  REQ_PROP_N_ITEMS,
  REQ_PROP_N_CHECKED,
  REQ_PROP_N_DECIDED,
  REQ_PROP_N_APPROVED,
  REQ_PROP_CADRE_NAMES,
  REQ_PROP_ACCOUNT,
  REQ_PROP_RETIRED_AT,
  REQ_PROP_RETIRED_REASON,
  REQ_PROP_CREATED_AT,
  REQ_PROP_UPDATED_AT,
  REQ_N_PROPS
};

static GParamSpec *request_properties[REQ_N_PROPS];

static void
ld_opinion_request_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LdOpinionRequest *self = LD_OPINION_REQUEST (object);

  switch (prop_id)
    {
    case REQ_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case REQ_PROP_REG_NO:
      g_value_set_string (value, self->reg_no);
      break;
    case REQ_PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;
    case REQ_PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case REQ_PROP_REQUESTER:
      g_value_set_string (value, self->requester);
      break;
    case REQ_PROP_REQUEST_DATE:
      g_value_set_string (value, self->request_date);
      break;
    case REQ_PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case REQ_PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case REQ_PROP_PURPOSE_LABEL:
      g_value_set_string (value, ld_opinion_request_get_purpose_label (self));
      break;
    case REQ_PROP_DOC_NO:
      g_value_set_string (value, self->doc_no);
      break;
    case REQ_PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case REQ_PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case REQ_PROP_STATUS_LABEL:
      g_value_set_string (value, ld_opinion_request_get_status_label (self));
      break;
    case REQ_PROP_REPLIED_DATE:
      g_value_set_string (value, self->replied_date);
      break;
    case REQ_PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case REQ_PROP_N_CHECKED:
      g_value_set_uint (value, self->n_checked);
      break;
    case REQ_PROP_N_DECIDED:
      g_value_set_uint (value, self->n_decided);
      break;
    case REQ_PROP_N_APPROVED:
      g_value_set_uint (value, self->n_approved);
      break;
    case REQ_PROP_CADRE_NAMES:
      g_value_set_string (value, self->cadre_names);
      break;
    case REQ_PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case REQ_PROP_RETIRED_AT:
      g_value_set_int64 (value, self->retired_at);
      break;
    case REQ_PROP_RETIRED_REASON:
      g_value_set_string (value, self->retired_reason);
      break;
    case REQ_PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case REQ_PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_opinion_request_finalize (GObject *object)
{
  LdOpinionRequest *self = LD_OPINION_REQUEST (object);

  g_free (self->reg_no);
  g_free (self->unit_name);
  g_free (self->requester);
  g_free (self->request_date);
  g_free (self->purpose);
  g_free (self->due_date);
  g_free (self->doc_no);
  g_free (self->note);
  g_free (self->status);
  g_free (self->replied_date);
  g_free (self->cadre_names);
  g_free (self->account);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_opinion_request_parent_class)->finalize (object);
}

static void
ld_opinion_request_class_init (LdOpinionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec **p = request_properties;

  object_class->get_property = ld_opinion_request_get_property;
  object_class->finalize = ld_opinion_request_finalize;

  p[REQ_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[REQ_PROP_REG_NO] = g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  p[REQ_PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[REQ_PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  p[REQ_PROP_REQUESTER] = g_param_spec_string ("requester", NULL, NULL, NULL, flags);
  p[REQ_PROP_REQUEST_DATE] = g_param_spec_string ("request-date", NULL, NULL, NULL, flags);
  p[REQ_PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, flags);
  p[REQ_PROP_PURPOSE] = g_param_spec_string ("purpose", NULL, NULL, NULL, flags);
  p[REQ_PROP_PURPOSE_LABEL] = g_param_spec_string ("purpose-label", NULL, NULL, NULL, flags);
  p[REQ_PROP_DOC_NO] = g_param_spec_string ("doc-no", NULL, NULL, NULL, flags);
  p[REQ_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  p[REQ_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  p[REQ_PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  p[REQ_PROP_REPLIED_DATE] = g_param_spec_string ("replied-date", NULL, NULL, NULL, flags);
  p[REQ_PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  p[REQ_PROP_N_CHECKED] = g_param_spec_uint ("n-checked", NULL, NULL, 0, G_MAXUINT, 0, flags);
  p[REQ_PROP_N_DECIDED] = g_param_spec_uint ("n-decided", NULL, NULL, 0, G_MAXUINT, 0, flags);
  p[REQ_PROP_N_APPROVED] = g_param_spec_uint ("n-approved", NULL, NULL, 0, G_MAXUINT, 0, flags);
  p[REQ_PROP_CADRE_NAMES] = g_param_spec_string ("cadre-names", NULL, NULL, NULL, flags);
  p[REQ_PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  p[REQ_PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[REQ_PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  p[REQ_PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[REQ_PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, REQ_N_PROPS, request_properties);
}

static void
ld_opinion_request_init (LdOpinionRequest *self)
{
  char **texts[] = {
    &self->reg_no, &self->unit_name, &self->requester, &self->request_date, &self->purpose, &self->due_date,
    &self->doc_no, &self->note, &self->status, &self->replied_date, &self->cadre_names, &self->account,
    &self->retired_reason,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = g_strdup ("");
}

LdOpinionRequest *
_ld_opinion_request_new (void)
{
  return g_object_new (LD_TYPE_OPINION_REQUEST, NULL);
}

#define REQUEST_GETTER(type, name, ret) \
  type \
  ld_opinion_request_get_##name (LdOpinionRequest *self) \
  { \
    g_return_val_if_fail (LD_IS_OPINION_REQUEST (self), ret); \
    return self->name; \
  }

REQUEST_GETTER (gint64, id, 0)
REQUEST_GETTER (const char *, reg_no, NULL)
REQUEST_GETTER (gint64, unit_id, 0)
REQUEST_GETTER (const char *, unit_name, NULL)
REQUEST_GETTER (const char *, requester, NULL)
REQUEST_GETTER (const char *, request_date, NULL)
REQUEST_GETTER (const char *, purpose, NULL)
REQUEST_GETTER (const char *, due_date, NULL)
REQUEST_GETTER (const char *, doc_no, NULL)
REQUEST_GETTER (const char *, note, NULL)
REQUEST_GETTER (const char *, status, NULL)
REQUEST_GETTER (const char *, replied_date, NULL)
REQUEST_GETTER (guint, n_items, 0)
REQUEST_GETTER (guint, n_checked, 0)
REQUEST_GETTER (guint, n_decided, 0)
REQUEST_GETTER (guint, n_approved, 0)
REQUEST_GETTER (const char *, cadre_names, NULL)
REQUEST_GETTER (const char *, account, NULL)
REQUEST_GETTER (gint64, retired_at, 0)
REQUEST_GETTER (const char *, retired_reason, NULL)
REQUEST_GETTER (gint64, created_at, 0)
REQUEST_GETTER (gint64, updated_at, 0)

const char *
ld_opinion_request_get_purpose_label (LdOpinionRequest *self)
{
  const char *label;

  g_return_val_if_fail (LD_IS_OPINION_REQUEST (self), NULL);

  label = ld_opinion_purpose_get_label (self->purpose);
  return label != NULL ? label : self->purpose;
}

const char *
ld_opinion_request_get_status_label (LdOpinionRequest *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST (self), NULL);

  return ld_opinion_request_status_get_label (self->status);
}

gboolean
ld_opinion_request_is_replied (LdOpinionRequest *self)
{
  g_return_val_if_fail (LD_IS_OPINION_REQUEST (self), FALSE);

  return g_str_equal (self->status, LD_OPINION_REQUEST_REPLIED);
}

/* --- The item ---------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (LdOpinionItem, ld_opinion_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_REQUEST_ID,
  ITEM_PROP_REQUEST_REG_NO,
  ITEM_PROP_CADRE_ID,
  ITEM_PROP_CADRE_NAME,
  ITEM_PROP_CADRE_ID_NUMBER,
  ITEM_PROP_CADRE_UNIT_NAME,
  ITEM_PROP_CADRE_POST,
  ITEM_PROP_CHECKED_DATE,
  ITEM_PROP_PROPOSAL,
  ITEM_PROP_PROPOSAL_LABEL,
  ITEM_PROP_REASONS,
  ITEM_PROP_REASONS_TEXT,
  ITEM_PROP_DECISION,
  ITEM_PROP_DECISION_LABEL,
  ITEM_PROP_CHANGED,
  ITEM_PROP_CHANGE_REASON,
  ITEM_PROP_REPLY_TEXT,
  ITEM_PROP_CONFIRMED_BY,
  ITEM_PROP_APPROVED_BY,
  ITEM_PROP_APPROVED_DATE,
  ITEM_PROP_VALID_UNTIL,
  ITEM_PROP_STATE,
  ITEM_PROP_STATE_LABEL,
  ITEM_PROP_ACCOUNT,
  ITEM_PROP_CREATED_AT,
  ITEM_PROP_UPDATED_AT,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
ld_opinion_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LdOpinionItem *self = LD_OPINION_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_REQUEST_ID:
      g_value_set_int64 (value, self->request_id);
      break;
    case ITEM_PROP_REQUEST_REG_NO:
      g_value_set_string (value, self->request_reg_no);
      break;
    case ITEM_PROP_CADRE_ID:
      g_value_set_int64 (value, self->cadre_id);
      break;
    case ITEM_PROP_CADRE_NAME:
      g_value_set_string (value, self->cadre_name);
      break;
    case ITEM_PROP_CADRE_ID_NUMBER:
      g_value_set_string (value, self->cadre_id_number);
      break;
    case ITEM_PROP_CADRE_UNIT_NAME:
      g_value_set_string (value, self->cadre_unit_name);
      break;
    case ITEM_PROP_CADRE_POST:
      g_value_set_string (value, self->cadre_post);
      break;
    case ITEM_PROP_CHECKED_DATE:
      g_value_set_string (value, self->checked_date);
      break;
    case ITEM_PROP_PROPOSAL:
      g_value_set_string (value, self->proposal);
      break;
    case ITEM_PROP_PROPOSAL_LABEL:
      g_value_set_string (value, ld_opinion_item_get_proposal_label (self));
      break;
    case ITEM_PROP_REASONS:
      g_value_set_boxed (value, self->reasons);
      break;
    case ITEM_PROP_REASONS_TEXT:
      g_value_set_string (value, self->reasons_text);
      break;
    case ITEM_PROP_DECISION:
      g_value_set_string (value, self->decision);
      break;
    case ITEM_PROP_DECISION_LABEL:
      g_value_set_string (value, ld_opinion_item_get_decision_label (self));
      break;
    case ITEM_PROP_CHANGED:
      g_value_set_boolean (value, ld_opinion_item_get_changed (self));
      break;
    case ITEM_PROP_CHANGE_REASON:
      g_value_set_string (value, self->change_reason);
      break;
    case ITEM_PROP_REPLY_TEXT:
      g_value_set_string (value, self->reply_text);
      break;
    case ITEM_PROP_CONFIRMED_BY:
      g_value_set_string (value, self->confirmed_by);
      break;
    case ITEM_PROP_APPROVED_BY:
      g_value_set_string (value, self->approved_by);
      break;
    case ITEM_PROP_APPROVED_DATE:
      g_value_set_string (value, self->approved_date);
      break;
    case ITEM_PROP_VALID_UNTIL:
      g_value_set_string (value, self->valid_until);
      break;
    case ITEM_PROP_STATE:
      g_value_set_int (value, ld_opinion_item_get_state (self));
      break;
    case ITEM_PROP_STATE_LABEL:
      g_value_set_string (value, ld_opinion_item_get_state_label (self));
      break;
    case ITEM_PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case ITEM_PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case ITEM_PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_opinion_item_finalize (GObject *object)
{
  LdOpinionItem *self = LD_OPINION_ITEM (object);

  g_free (self->request_reg_no);
  g_free (self->cadre_name);
  g_free (self->cadre_id_number);
  g_free (self->cadre_unit_name);
  g_free (self->cadre_post);
  g_free (self->checked_date);
  g_free (self->proposal);
  g_free (self->decision);
  g_free (self->change_reason);
  g_free (self->reply_text);
  g_free (self->confirmed_by);
  g_free (self->approved_by);
  g_free (self->approved_date);
  g_free (self->valid_until);
  g_free (self->account);
  g_clear_pointer (&self->reason_kinds, g_array_unref);
  g_strfreev (self->reason_types);
  g_clear_pointer (&self->reason_ids, g_array_unref);
  g_strfreev (self->reasons);
  g_free (self->reasons_text);
  G_OBJECT_CLASS (ld_opinion_item_parent_class)->finalize (object);
}

static void
ld_opinion_item_class_init (LdOpinionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamSpec **p = item_properties;

  object_class->get_property = ld_opinion_item_get_property;
  object_class->finalize = ld_opinion_item_finalize;

  p[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[ITEM_PROP_REQUEST_ID] = g_param_spec_int64 ("request-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[ITEM_PROP_REQUEST_REG_NO] = g_param_spec_string ("request-reg-no", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CADRE_ID] = g_param_spec_int64 ("cadre-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[ITEM_PROP_CADRE_NAME] = g_param_spec_string ("cadre-name", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CADRE_ID_NUMBER] = g_param_spec_string ("cadre-id-number", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CADRE_UNIT_NAME] = g_param_spec_string ("cadre-unit-name", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CADRE_POST] = g_param_spec_string ("cadre-post", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CHECKED_DATE] = g_param_spec_string ("checked-date", NULL, NULL, NULL, flags);
  p[ITEM_PROP_PROPOSAL] = g_param_spec_string ("proposal", NULL, NULL, NULL, flags);
  p[ITEM_PROP_PROPOSAL_LABEL] = g_param_spec_string ("proposal-label", NULL, NULL, NULL, flags);
  p[ITEM_PROP_REASONS] = g_param_spec_boxed ("reasons", NULL, NULL, G_TYPE_STRV, flags);
  p[ITEM_PROP_REASONS_TEXT] = g_param_spec_string ("reasons-text", NULL, NULL, NULL, flags);
  p[ITEM_PROP_DECISION] = g_param_spec_string ("decision", NULL, NULL, NULL, flags);
  p[ITEM_PROP_DECISION_LABEL] = g_param_spec_string ("decision-label", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CHANGED] = g_param_spec_boolean ("changed", NULL, NULL, FALSE, flags);
  p[ITEM_PROP_CHANGE_REASON] = g_param_spec_string ("change-reason", NULL, NULL, NULL, flags);
  p[ITEM_PROP_REPLY_TEXT] = g_param_spec_string ("reply-text", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CONFIRMED_BY] = g_param_spec_string ("confirmed-by", NULL, NULL, NULL, flags);
  p[ITEM_PROP_APPROVED_BY] = g_param_spec_string ("approved-by", NULL, NULL, NULL, flags);
  p[ITEM_PROP_APPROVED_DATE] = g_param_spec_string ("approved-date", NULL, NULL, NULL, flags);
  p[ITEM_PROP_VALID_UNTIL] = g_param_spec_string ("valid-until", NULL, NULL, NULL, flags);
  p[ITEM_PROP_STATE] = g_param_spec_int ("state", NULL, NULL, LD_OPINION_ITEM_UNCHECKED, LD_OPINION_ITEM_APPROVED,
                                         LD_OPINION_ITEM_UNCHECKED, flags);
  p[ITEM_PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  p[ITEM_PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  p[ITEM_PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  p[ITEM_PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
ld_opinion_item_init (LdOpinionItem *self)
{
  char **texts[] = {
    &self->request_reg_no, &self->cadre_name, &self->cadre_id_number, &self->cadre_unit_name, &self->cadre_post,
    &self->checked_date, &self->proposal, &self->decision, &self->change_reason, &self->reply_text,
    &self->confirmed_by, &self->approved_by, &self->approved_date, &self->valid_until, &self->account,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    *texts[i] = g_strdup ("");
  self->reason_kinds = g_array_new (FALSE, FALSE, sizeof (int));
  self->reason_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->reason_types = g_new0 (char *, 1);
  self->reasons = g_new0 (char *, 1);
  self->reasons_text = g_strdup ("");
}

LdOpinionItem *
_ld_opinion_item_new (void)
{
  return g_object_new (LD_TYPE_OPINION_ITEM, NULL);
}

void
_ld_opinion_item_set_reasons (LdOpinionItem *self,
                              const char    *stored)
{
  g_autoptr(GPtrArray) reasons = _ld_opinion_reasons_parse (stored);
  g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  g_return_if_fail (LD_IS_OPINION_ITEM (self));

  g_array_set_size (self->reason_kinds, 0);
  g_array_set_size (self->reason_ids, 0);
  for (guint i = 0; i < reasons->len; i++)
    {
      LdOpinionReason *r = g_ptr_array_index (reasons, i);
      int kind = r->kind;

      g_array_append_val (self->reason_kinds, kind);
      g_array_append_val (self->reason_ids, r->record_id);
      g_strv_builder_add (types, r->record_type);
      g_strv_builder_add (texts, r->text);
    }
  g_strfreev (self->reason_types);
  self->reason_types = g_strv_builder_end (types);
  g_strfreev (self->reasons);
  self->reasons = g_strv_builder_end (texts);
  g_free (self->reasons_text);
  self->reasons_text = g_strjoinv ("\n", self->reasons);
}

#define ITEM_GETTER(type, name, ret) \
  type \
  ld_opinion_item_get_##name (LdOpinionItem *self) \
  { \
    g_return_val_if_fail (LD_IS_OPINION_ITEM (self), ret); \
    return self->name; \
  }

ITEM_GETTER (gint64, id, 0)
ITEM_GETTER (gint64, request_id, 0)
ITEM_GETTER (const char *, request_reg_no, NULL)
ITEM_GETTER (gint64, cadre_id, 0)
ITEM_GETTER (const char *, cadre_name, NULL)
ITEM_GETTER (const char *, cadre_id_number, NULL)
ITEM_GETTER (const char *, cadre_unit_name, NULL)
ITEM_GETTER (const char *, cadre_post, NULL)
ITEM_GETTER (const char *, checked_date, NULL)
ITEM_GETTER (const char *, change_reason, NULL)
ITEM_GETTER (const char *, reply_text, NULL)
ITEM_GETTER (const char *, confirmed_by, NULL)
ITEM_GETTER (const char *, approved_by, NULL)
ITEM_GETTER (const char *, approved_date, NULL)
ITEM_GETTER (const char *, valid_until, NULL)
ITEM_GETTER (const char *, reasons_text, NULL)
ITEM_GETTER (const char *, account, NULL)
ITEM_GETTER (gint64, created_at, 0)
ITEM_GETTER (gint64, updated_at, 0)

LdOpinion
ld_opinion_item_get_proposal (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), LD_N_OPINIONS);

  return ld_opinion_from_string (self->proposal);
}

const char *
ld_opinion_item_get_proposal_code (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);

  return self->proposal;
}

const char *
ld_opinion_item_get_proposal_label (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);

  return ld_opinion_get_label (ld_opinion_from_string (self->proposal));
}

LdOpinion
ld_opinion_item_get_decision (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), LD_N_OPINIONS);

  return ld_opinion_from_string (self->decision);
}

const char *
ld_opinion_item_get_decision_code (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);

  return self->decision;
}

const char *
ld_opinion_item_get_decision_label (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);

  return ld_opinion_get_label (ld_opinion_from_string (self->decision));
}

gboolean
ld_opinion_item_get_changed (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), FALSE);

  return *self->decision != '\0' && !g_str_equal (self->decision, self->proposal);
}

LdOpinionItemState
ld_opinion_item_get_state (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), LD_OPINION_ITEM_UNCHECKED);

  if (*self->approved_by != '\0')
    return LD_OPINION_ITEM_APPROVED;
  if (*self->decision != '\0')
    return LD_OPINION_ITEM_DECIDED;
  if (*self->proposal != '\0')
    return LD_OPINION_ITEM_CHECKED;
  return LD_OPINION_ITEM_UNCHECKED;
}

const char *
ld_opinion_item_get_state_label (LdOpinionItem *self)
{
  return ld_opinion_item_state_get_label (ld_opinion_item_get_state (self));
}

gboolean
ld_opinion_item_is_expired (LdOpinionItem *self,
                            const GDate   *date)
{
  char today[16];

  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), FALSE);

  if (*self->approved_by == '\0' || *self->valid_until == '\0')
    return FALSE;
  if (date != NULL && g_date_valid (date))
    g_snprintf (today, sizeof today, "%04d-%02d-%02d", (int) g_date_get_year (date),
                (int) g_date_get_month (date), (int) g_date_get_day (date));
  else
    {
      g_autofree char *now = _ld_records_today_text ();

      g_strlcpy (today, now, sizeof today);
    }
  return strcmp (self->valid_until, today) < 0;
}

guint
ld_opinion_item_get_n_reasons (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), 0);

  return self->reason_kinds->len;
}

const char * const *
ld_opinion_item_get_reasons (LdOpinionItem *self)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);

  return (const char * const *) self->reasons;
}

LdOpinionFactKind
ld_opinion_item_get_reason_kind (LdOpinionItem *self,
                                 guint          i)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), LD_N_OPINION_FACTS);
  g_return_val_if_fail (i < self->reason_kinds->len, LD_N_OPINION_FACTS);

  return (LdOpinionFactKind) g_array_index (self->reason_kinds, int, i);
}

const char *
ld_opinion_item_get_reason_record_type (LdOpinionItem *self,
                                        guint          i)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);
  g_return_val_if_fail (i < self->reason_kinds->len, NULL);

  return self->reason_types[i];
}

gint64
ld_opinion_item_get_reason_record_id (LdOpinionItem *self,
                                      guint          i)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), 0);
  g_return_val_if_fail (i < self->reason_ids->len, 0);

  return g_array_index (self->reason_ids, gint64, i);
}

const char *
ld_opinion_item_get_reason_text (LdOpinionItem *self,
                                 guint          i)
{
  g_return_val_if_fail (LD_IS_OPINION_ITEM (self), NULL);
  g_return_val_if_fail (i < self->reason_kinds->len, NULL);

  return self->reasons[i];
}

/* --- The spec ---------------------------------------------------------------------- */

void
ld_opinion_request_spec_init (LdOpinionRequestSpec *spec)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
ld_opinion_request_spec_clear (LdOpinionRequestSpec *spec)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->requester, g_free);
  g_clear_pointer (&spec->request_date, g_free);
  g_clear_pointer (&spec->purpose, g_free);
  g_clear_pointer (&spec->due_date, g_free);
  g_clear_pointer (&spec->doc_no, g_free);
  g_clear_pointer (&spec->note, g_free);
  g_clear_pointer (&spec->cadre_ids, g_array_unref);
  spec->unit_id = 0;
}

void
ld_opinion_request_spec_init_from_request (LdOpinionRequestSpec *spec,
                                           LdOpinionRequest     *request)
{
  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_OPINION_REQUEST (request));

  ld_opinion_request_spec_init (spec);
  spec->unit_id = request->unit_id;
  spec->requester = g_strdup (request->requester);
  spec->request_date = g_strdup (request->request_date);
  spec->purpose = g_strdup (request->purpose);
  spec->due_date = g_strdup (request->due_date);
  spec->doc_no = g_strdup (request->doc_no);
  spec->note = g_strdup (request->note);
}

void
ld_opinion_request_spec_set (char       **member,
                             const char  *value)
{
  g_return_if_fail (member != NULL);

  g_free (*member);
  *member = g_strdup (value);
}

void
ld_opinion_request_spec_add_cadre (LdOpinionRequestSpec *spec,
                                   gint64                cadre_id)
{
  g_return_if_fail (spec != NULL);

  if (spec->cadre_ids == NULL)
    spec->cadre_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (spec->cadre_ids, cadre_id);
}

/* "YYYY-MM-DD" (also "YYYY/M/D", "YYYY.M.D") into a normalised copy. */
static char *
normalise_date (const char *text)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) parts = NULL;
  guint y, m, d;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  g_strdelimit (clean, "/.", '-');
  parts = g_strsplit (clean, "-", -1);
  if (g_strv_length (parts) != 3)
    return NULL;
  for (guint i = 0; i < 3; i++)
    for (const char *p = parts[i]; *p != '\0'; p++)
      if (!g_ascii_isdigit (*p))
        return NULL;
  if (strlen (parts[0]) != 4 || strlen (parts[1]) < 1 || strlen (parts[1]) > 2
      || strlen (parts[2]) < 1 || strlen (parts[2]) > 2)
    return NULL;
  y = (guint) g_ascii_strtoull (parts[0], NULL, 10);
  m = (guint) g_ascii_strtoull (parts[1], NULL, 10);
  d = (guint) g_ascii_strtoull (parts[2], NULL, 10);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

static gboolean
bad (char      **bad_key,
     const char *key)
{
  if (bad_key != NULL)
    *bad_key = g_strdup (key);
  return FALSE;
}

/* Validates SPEC and fills OUT (initialised here) with the stored forms. */
gboolean
_ld_opinion_request_spec_clean (const LdOpinionRequestSpec  *spec,
                                LdOpinionRequestSpec        *out,
                                char                       **bad_key,
                                GError                     **error)
{
  g_autofree char *due = NULL;
  const char *purpose;

  ld_opinion_request_spec_init (out);
  out->unit_id = spec->unit_id;

  out->requester = _ld_records_clean_text (spec->requester, _("The requester"), MAX_REQUESTER, TRUE, error);
  if (out->requester == NULL)
    return bad (bad_key, "requester");

  out->request_date = normalise_date (spec->request_date);
  if (out->request_date == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a date. Write the request date as YYYY-MM-DD."),
                   spec->request_date != NULL ? spec->request_date : "");
      return bad (bad_key, "request-date");
    }
  {
    g_autofree char *today = _ld_records_today_text ();

    /* A request is registered when it has arrived; its year also numbers it. */
    if (strcmp (out->request_date, today) > 0)
      {
        /* Translators: %s are a date's label and the date. */
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("%s %s is in the future. Check the date."),
                     C_("opinion field", "Request date"), out->request_date);
        return bad (bad_key, "request-date");
      }
  }

  purpose = ld_opinion_purpose_lookup (spec->purpose);
  if (purpose == NULL)
    {
      g_autofree char *codes = g_strjoinv (", ", (GStrv) ld_opinion_purposes ());

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a purpose of an opinion request. Use one of: %s."),
                   spec->purpose != NULL ? spec->purpose : "", codes);
      return bad (bad_key, "purpose");
    }
  out->purpose = g_strdup (purpose);

  due = g_strstrip (g_strdup (spec->due_date != NULL ? spec->due_date : ""));
  if (*due != '\0')
    {
      out->due_date = normalise_date (due);
      if (out->due_date == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a date. Write the due date as YYYY-MM-DD."), due);
          return bad (bad_key, "due-date");
        }
      if (strcmp (out->due_date, out->request_date) < 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("The due date %s is before the request date %s. Correct one of them."),
                       out->due_date, out->request_date);
          return bad (bad_key, "due-date");
        }
    }
  else
    out->due_date = g_strdup ("");

  out->doc_no = _ld_records_clean_text (spec->doc_no, _("The document number"), MAX_DOC_NO, FALSE, error);
  if (out->doc_no == NULL)
    return bad (bad_key, "doc-no");
  out->note = _ld_records_clean_long_text (spec->note, _("The note"), MAX_NOTE, FALSE, error);
  if (out->note == NULL)
    return bad (bad_key, "note");

  /* Cadres without duplicates, order kept. */
  for (guint i = 0; spec->cadre_ids != NULL && i < spec->cadre_ids->len; i++)
    {
      gint64 id = g_array_index (spec->cadre_ids, gint64, i);
      gboolean seen = FALSE;

      if (id <= 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("%lld is not a cadre number. Check the number with “cadre list”."), (long long) id);
          return bad (bad_key, "cadres");
        }
      for (guint j = 0; j < out->cadre_ids->len && !seen; j++)
        seen = g_array_index (out->cadre_ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (out->cadre_ids, id);
    }
  return TRUE;
}

gboolean
ld_opinion_request_spec_validate (const LdOpinionRequestSpec  *spec,
                                  char                       **bad_key,
                                  GError                     **error)
{
  g_auto(LdOpinionRequestSpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  return _ld_opinion_request_spec_clean (spec, &clean, bad_key, error);
}

const char *
ld_opinion_field_get_label (const char *field)
{
  const char *dot;

  if (field == NULL)
    return NULL;
  /* "item.<cadre id>.<column>": the column's label. */
  if (g_str_has_prefix (field, "item.") && (dot = strchr (field + 5, '.')) != NULL)
    field = dot + 1;

  if (g_str_equal (field, "reg_no"))
    /* Translators: 登记号 */
    return C_("opinion field", "Registration number");
  if (g_str_equal (field, "unit_id"))
    /* Translators: 所属单位 */
    return C_("opinion field", "Unit");
  if (g_str_equal (field, "requester"))
    /* Translators: 征求意见单位 */
    return C_("opinion field", "Requester");
  if (g_str_equal (field, "request_date"))
    /* Translators: 来函日期 */
    return C_("opinion field", "Request date");
  if (g_str_equal (field, "purpose"))
    /* Translators: 征求意见事由 */
    return C_("opinion field", "Purpose");
  if (g_str_equal (field, "due_date"))
    /* Translators: 回复期限 */
    return C_("opinion field", "Due date");
  if (g_str_equal (field, "doc_no"))
    /* Translators: 来函文号 */
    return C_("opinion field", "Document number");
  if (g_str_equal (field, "note"))
    /* Translators: 备注 */
    return C_("opinion field", "Note");
  if (g_str_equal (field, "status"))
    /* Translators: 办理状态 */
    return C_("opinion field", "Status");
  if (g_str_equal (field, "replied_date"))
    /* Translators: 回复日期 */
    return C_("opinion field", "Replied on");
  if (g_str_equal (field, "cadres") || g_str_equal (field, "cadre"))
    /* Translators: 征求意见对象 */
    return C_("opinion field", "Cadres");
  if (g_str_equal (field, "retired_reason"))
    /* Translators: 作废原因 */
    return C_("opinion field", "Reason for retiring");
  if (g_str_equal (field, "checked_date"))
    /* Translators: 核查基准日 */
    return C_("opinion field", "Checked as of");
  if (g_str_equal (field, "proposal"))
    /* Translators: 系统建议意见 */
    return C_("opinion field", "Proposal");
  if (g_str_equal (field, "reasons"))
    /* Translators: 核查情况 */
    return C_("opinion field", "Facts found");
  if (g_str_equal (field, "decision"))
    /* Translators: 回复意见 */
    return C_("opinion field", "Decision");
  if (g_str_equal (field, "change_reason"))
    /* Translators: 改变建议意见的理由 */
    return C_("opinion field", "Reason for the change");
  if (g_str_equal (field, "reply_text"))
    /* Translators: 回复内容 */
    return C_("opinion field", "Reply text");
  if (g_str_equal (field, "confirmed_by"))
    /* Translators: 经办人 */
    return C_("opinion field", "Confirmed by");
  if (g_str_equal (field, "approved_by"))
    /* Translators: 审批人 */
    return C_("opinion field", "Approved by");
  if (g_str_equal (field, "approved_date"))
    /* Translators: 审批日期 */
    return C_("opinion field", "Approved on");
  if (g_str_equal (field, "valid_until"))
    /* Translators: 有效期至 */
    return C_("opinion field", "Valid until");
  return NULL;
}
