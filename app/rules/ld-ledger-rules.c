/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ledger-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "rules/ld-ledger-rules.h"

/* ---- Ledger statuses ---------------------------------------------------- */

static const struct
{
  const char *id;
  const char *label;   /* NC_("ledger status", …) */
} ledger_statuses[] = {
  /* Translators: 未启动 */
  { "not-started", NC_("ledger status", "Not started") },
  /* Translators: 推进中 */
  { "in-progress", NC_("ledger status", "In progress") },
  /* Translators: 已完成 */
  { "done", NC_("ledger status", "Done") },
  /* Translators: 长期坚持 */
  { "ongoing", NC_("ledger status", "Ongoing") },
  /* Translators: 逾期 */
  { "overdue", NC_("ledger status", "Overdue") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (ledger_statuses) == LD_N_LEDGER_STATUSES);

const char *
ld_ledger_status_to_string (LdLedgerStatus status)
{
  g_return_val_if_fail (status < LD_N_LEDGER_STATUSES, NULL);
  return ledger_statuses[status].id;
}

LdLedgerStatus
ld_ledger_status_from_string (const char *str)
{
  if (str == NULL)
    return LD_N_LEDGER_STATUSES;
  for (guint i = 0; i < G_N_ELEMENTS (ledger_statuses); i++)
    if (g_strcmp0 (str, ledger_statuses[i].id) == 0
        || g_strcmp0 (str, g_dpgettext2 (GETTEXT_PACKAGE, "ledger status", ledger_statuses[i].label)) == 0)
      return (LdLedgerStatus) i;
  return LD_N_LEDGER_STATUSES;
}

const char *
ld_ledger_status_get_label (LdLedgerStatus status)
{
  g_return_val_if_fail (status < LD_N_LEDGER_STATUSES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "ledger status", ledger_statuses[status].label);
}

gboolean
ld_ledger_can_move (LdLedgerStatus from,
                    LdLedgerStatus to,
                    gboolean       signed_off)
{
  if (signed_off || from >= LD_LEDGER_OVERDUE || to >= LD_LEDGER_OVERDUE || from == to)
    return FALSE;

  switch (from)
    {
    case LD_LEDGER_NOT_STARTED:
      return to == LD_LEDGER_IN_PROGRESS || to == LD_LEDGER_DONE || to == LD_LEDGER_ONGOING;
    case LD_LEDGER_IN_PROGRESS:
      return to == LD_LEDGER_DONE || to == LD_LEDGER_ONGOING;
    case LD_LEDGER_ONGOING:
      return to == LD_LEDGER_IN_PROGRESS || to == LD_LEDGER_DONE;
    case LD_LEDGER_DONE:
      return to == LD_LEDGER_IN_PROGRESS;
    case LD_LEDGER_OVERDUE:
    case LD_N_LEDGER_STATUSES:
    default:
      return FALSE;
    }
}

LdLedgerStatus
ld_ledger_display_status (LdLedgerStatus stored,
                          const GDate   *deadline,
                          gboolean       signed_off,
                          const GDate   *today)
{
  if (!signed_off
      && (stored == LD_LEDGER_NOT_STARTED || stored == LD_LEDGER_IN_PROGRESS)
      && deadline != NULL && g_date_valid (deadline)
      && today != NULL && g_date_valid (today)
      && g_date_compare (today, deadline) > 0)
    return LD_LEDGER_OVERDUE;
  return stored;
}

gboolean
ld_ledger_can_sign_off (LdLedgerStatus   stored,
                        const char      *completed_date,
                        const char      *accepted_by,
                        GError         **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stored != LD_LEDGER_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   /* Translators: 销号 needs 已完成 */
                   _("The item is “%s”: only a done item can be signed off. Record its completion first."),
                   stored < LD_N_LEDGER_STATUSES ? ld_ledger_status_get_label (stored) : "");
      return FALSE;
    }
  if (completed_date == NULL || *completed_date == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The item has no completion date. Record its completion before signing it off."));
      return FALSE;
    }
  if (accepted_by == NULL || *accepted_by == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           /* Translators: 验收 */
                           _("The item has not been accepted. Record who accepted the work before signing it off."));
      return FALSE;
    }
  return TRUE;
}

/* ---- Ledger sources ----------------------------------------------------- */

static const char * const ledger_source_ids[] = {
  "inspection", "audit", "analysis", "recommendation", "petition", "special", "other", NULL
};

static const char * const ledger_source_labels[] = {
  /* Translators: 巡视巡察 */
  NC_("ledger source", "Inspection tour"),
  /* Translators: 审计 */
  NC_("ledger source", "Audit"),
  /* Translators: 政治生态研判 */
  NC_("ledger source", "Political-ecology analysis"),
  /* Translators: 纪检监察建议 */
  NC_("ledger source", "Recommendation"),
  /* Translators: 信访举报 */
  NC_("ledger source", "Petition"),
  /* Translators: 专项检查 */
  NC_("ledger source", "Special inspection"),
  /* Translators: 其他 */
  NC_("ledger source", "Other"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (ledger_source_ids) == G_N_ELEMENTS (ledger_source_labels) + 1);

const char * const *
ld_ledger_sources (void)
{
  return ledger_source_ids;
}

const char *
ld_ledger_source_get_label (const char *source)
{
  if (source == NULL)
    return NULL;
  for (guint i = 0; ledger_source_ids[i] != NULL; i++)
    if (g_strcmp0 (source, ledger_source_ids[i]) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "ledger source", ledger_source_labels[i]);
  return NULL;
}

/* The Chinese names used in spreadsheets, whatever the interface language. */
static const struct
{
  const char *name;
  const char *source;
} ledger_source_names[] = {
  { "巡视巡察", "inspection" },
  { "巡视", "inspection" },
  { "巡察", "inspection" },
  { "审计", "audit" },
  { "研判", "analysis" },
  { "政治生态研判", "analysis" },
  { "建议书", "recommendation" },
  { "纪检监察建议", "recommendation" },
  { "信访", "petition" },
  { "信访举报", "petition" },
  { "专项检查", "special" },
  { "其他", "other" },
};

const char *
ld_ledger_source_lookup (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;
  for (guint i = 0; ledger_source_ids[i] != NULL; i++)
    if (g_ascii_strcasecmp (trimmed, ledger_source_ids[i]) == 0
        || g_strcmp0 (trimmed, ld_ledger_source_get_label (ledger_source_ids[i])) == 0)
      return ledger_source_ids[i];
  for (guint i = 0; i < G_N_ELEMENTS (ledger_source_names); i++)
    if (g_strcmp0 (trimmed, ledger_source_names[i].name) == 0)
      return ledger_source_names[i].source;
  return NULL;
}

/* ---- Recommendations ----------------------------------------------------- */

static const struct
{
  const char *id;
  const char *label;   /* NC_("recommendation status", …) */
} recommendation_statuses[] = {
  /* Translators: 起草 */
  { "draft", NC_("recommendation status", "Draft") },
  /* Translators: 已制发 */
  { "issued", NC_("recommendation status", "Issued") },
  /* Translators: 已送达 */
  { "delivered", NC_("recommendation status", "Delivered") },
  /* Translators: 已回复 */
  { "replied", NC_("recommendation status", "Replied") },
  /* Translators: 整改中 */
  { "rectifying", NC_("recommendation status", "Rectifying") },
  /* Translators: 已核查 */
  { "verified", NC_("recommendation status", "Verified") },
  /* Translators: 已销账 */
  { "closed", NC_("recommendation status", "Closed") },
  /* Translators: 已提级督办 (refused or ignored, escalated for accountability) */
  { "escalated", NC_("recommendation status", "Escalated") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (recommendation_statuses) == LD_N_RECOMMENDATION_STATUSES);

const char *
ld_recommendation_status_to_string (LdRecommendationStatus status)
{
  g_return_val_if_fail (status < LD_N_RECOMMENDATION_STATUSES, NULL);
  return recommendation_statuses[status].id;
}

LdRecommendationStatus
ld_recommendation_status_from_string (const char *str)
{
  if (str == NULL)
    return LD_N_RECOMMENDATION_STATUSES;
  for (guint i = 0; i < G_N_ELEMENTS (recommendation_statuses); i++)
    if (g_strcmp0 (str, recommendation_statuses[i].id) == 0
        || g_strcmp0 (str, g_dpgettext2 (GETTEXT_PACKAGE, "recommendation status",
                                         recommendation_statuses[i].label)) == 0)
      return (LdRecommendationStatus) i;
  return LD_N_RECOMMENDATION_STATUSES;
}

const char *
ld_recommendation_status_get_label (LdRecommendationStatus status)
{
  g_return_val_if_fail (status < LD_N_RECOMMENDATION_STATUSES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "recommendation status", recommendation_statuses[status].label);
}

gboolean
ld_recommendation_can_move (LdRecommendationStatus from,
                            LdRecommendationStatus to)
{
  if (from >= LD_N_RECOMMENDATION_STATUSES || to >= LD_N_RECOMMENDATION_STATUSES)
    return FALSE;

  switch (from)
    {
    case LD_RECOMMENDATION_DRAFT:
      return to == LD_RECOMMENDATION_ISSUED;
    case LD_RECOMMENDATION_ISSUED:
      return to == LD_RECOMMENDATION_DELIVERED || to == LD_RECOMMENDATION_ESCALATED;
    case LD_RECOMMENDATION_DELIVERED:
      return to == LD_RECOMMENDATION_REPLIED || to == LD_RECOMMENDATION_ESCALATED;
    case LD_RECOMMENDATION_REPLIED:
      return to == LD_RECOMMENDATION_RECTIFYING || to == LD_RECOMMENDATION_ESCALATED;
    case LD_RECOMMENDATION_RECTIFYING:
      return to == LD_RECOMMENDATION_VERIFIED || to == LD_RECOMMENDATION_ESCALATED;
    case LD_RECOMMENDATION_VERIFIED:
      return to == LD_RECOMMENDATION_CLOSED;
    case LD_RECOMMENDATION_ESCALATED:
      return to == LD_RECOMMENDATION_RECTIFYING || to == LD_RECOMMENDATION_CLOSED;
    case LD_RECOMMENDATION_CLOSED:
    case LD_N_RECOMMENDATION_STATUSES:
    default:
      return FALSE;
    }
}

static const char * const recommendation_kind_ids[] = { "discipline", "supervision", "joint", NULL };

static const char * const recommendation_kind_labels[] = {
  /* Translators: 纪律检查建议书 */
  NC_("recommendation kind", "Discipline inspection recommendation"),
  /* Translators: 监察建议书 */
  NC_("recommendation kind", "Supervision recommendation"),
  /* Translators: 纪检监察建议书 */
  NC_("recommendation kind", "Discipline and supervision recommendation"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (recommendation_kind_ids) == G_N_ELEMENTS (recommendation_kind_labels) + 1);

const char * const *
ld_recommendation_kinds (void)
{
  return recommendation_kind_ids;
}

const char *
ld_recommendation_kind_get_label (const char *kind)
{
  if (kind == NULL)
    return NULL;
  for (guint i = 0; recommendation_kind_ids[i] != NULL; i++)
    if (g_strcmp0 (kind, recommendation_kind_ids[i]) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "recommendation kind", recommendation_kind_labels[i]);
  return NULL;
}

void
ld_recommendation_reply_due (const GDate *delivered,
                             int          days,
                             GDate       *due)
{
  g_return_if_fail (due != NULL);

  g_date_clear (due, 1);
  if (delivered == NULL || !g_date_valid (delivered))
    return;
  if (days <= 0)
    days = LD_RECOMMENDATION_REPLY_DAYS;
  *due = *delivered;
  g_date_add_days (due, (guint) days);
}

gboolean
ld_recommendation_reply_overdue (LdRecommendationStatus  status,
                                 const GDate            *reply_due,
                                 const GDate            *today)
{
  return (status == LD_RECOMMENDATION_ISSUED || status == LD_RECOMMENDATION_DELIVERED)
         && reply_due != NULL && g_date_valid (reply_due)
         && today != NULL && g_date_valid (today)
         && g_date_compare (today, reply_due) > 0;
}

static const struct
{
  const char *id;
  const char *label;   /* NC_("recommendation event", …) */
} recommendation_events[] = {
  /* Translators: 回访 */
  { "revisit", NC_("recommendation event", "Return visit") },
  /* Translators: 回头看 */
  { "lookback", NC_("recommendation event", "Look-back check") },
  /* Translators: 现场督办 */
  { "onsite", NC_("recommendation event", "On-site supervision") },
  /* Translators: 备注 */
  { "note", NC_("recommendation event", "Note") },
};

const char *
ld_recommendation_event_get_label (const char *kind)
{
  LdRecommendationStatus status;

  if (kind == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (recommendation_events); i++)
    if (g_strcmp0 (kind, recommendation_events[i].id) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "recommendation event", recommendation_events[i].label);
  /* A lifecycle move is recorded under the status moved to. */
  status = ld_recommendation_status_from_string (kind);
  if (status < LD_N_RECOMMENDATION_STATUSES && g_strcmp0 (kind, ld_recommendation_status_to_string (status)) == 0)
    return ld_recommendation_status_get_label (status);
  return NULL;
}
