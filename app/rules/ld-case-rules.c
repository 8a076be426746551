/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-case-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-case-rules.h"
#include "rules/ld-case-tables.h"

/* ---- State machines ------------------------------------------------------ */

static const char * const no_moves[] = { NULL };
static const char * const petition_from_registered[] = { "accepted", "routed", "filed", "not-accepted", NULL };
static const char * const petition_from_accepted[] = { "closed", NULL };
static const char * const clue_from_pending[] = { "handling", "held", "closed", NULL };
static const char * const clue_from_handling[] = { "handling", "held", "closed", NULL };
static const char * const clue_from_held[] = { "handling", "closed", NULL };

static const char * const handling_disposals[] = { "talk-letter", "verify", "case", NULL };

const char * const *
ld_petition_status_next (const char *from)
{
  if (g_strcmp0 (from, "registered") == 0)
    return petition_from_registered;
  if (g_strcmp0 (from, "accepted") == 0)
    return petition_from_accepted;
  return no_moves;
}

const char * const *
ld_clue_status_next (const char *from)
{
  if (g_strcmp0 (from, "pending") == 0)
    return clue_from_pending;
  if (g_strcmp0 (from, "handling") == 0)
    return clue_from_handling;
  if (g_strcmp0 (from, "held") == 0)
    return clue_from_held;
  return no_moves;
}

/* The translated labels of a NULL-terminated status list, joined with "、". */
static char *
format_statuses (const char         *table,
                 const char * const *statuses)
{
  g_autofree char *codes = g_strjoinv (",", (char **) statuses);

  return ld_code_list_format (table, codes);
}

gboolean
ld_petition_status_can_move (const char  *from,
                             const char  *to,
                             GError     **error)
{
  const char * const *next;
  const char *from_label = ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, from);
  const char *to_label = ld_code_get_label (LD_CODE_TABLE_PETITION_STATUS, to);
  g_autofree char *allowed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from_label == NULL || to_label == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a petition status. Choose one of the statuses of the list."),
                   from_label == NULL ? (from ? from : "") : (to ? to : ""));
      return FALSE;
    }
  next = ld_petition_status_next (from);
  if (g_strv_contains (next, to))
    return TRUE;
  if (next[0] == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The petition is “%s”, which is final: it cannot move to “%s”. Register new material "
                     "as a new petition."),
                   from_label, to_label);
      return FALSE;
    }
  allowed = format_statuses (LD_CODE_TABLE_PETITION_STATUS, next);
  g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
               _("A petition cannot move from “%s” to “%s”. From “%s” it can move to: %s."),
               from_label, to_label, from_label, allowed);
  return FALSE;
}

const char *
ld_clue_status_for_disposal (const char *disposal)
{
  if (disposal != NULL && g_strv_contains (handling_disposals, disposal))
    return "handling";
  if (g_strcmp0 (disposal, "hold") == 0)
    return "held";
  if (g_strcmp0 (disposal, "close") == 0)
    return "closed";
  return NULL;
}

gboolean
ld_clue_status_can_move (const char  *from,
                         const char  *to,
                         const char  *disposal,
                         GError     **error)
{
  const char * const *next;
  const char *from_label = ld_code_get_label (LD_CODE_TABLE_CLUE_STATUS, from);
  const char *to_label = ld_code_get_label (LD_CODE_TABLE_CLUE_STATUS, to);
  const char *disposal_label = NULL;
  const char *leads_to;
  g_autofree char *allowed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (disposal == NULL)
    disposal = "";
  if (from_label == NULL || to_label == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a clue status. Choose one of the statuses of the list."),
                   from_label == NULL ? (from ? from : "") : (to ? to : ""));
      return FALSE;
    }
  if (*disposal != '\0')
    {
      disposal_label = ld_code_get_label (LD_CODE_TABLE_DISPOSAL, disposal);
      if (disposal_label == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a disposal. Choose talk or letter inquiry, preliminary verification, "
                         "hold pending, close or transfer for case review."),
                       disposal);
          return FALSE;
        }
    }

  next = ld_clue_status_next (from);
  if (next[0] == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The clue is “%s”, which is final: it cannot move to “%s”. Register new material as a "
                     "new clue."),
                   from_label, to_label);
      return FALSE;
    }
  if (!g_strv_contains (next, to))
    {
      allowed = format_statuses (LD_CODE_TABLE_CLUE_STATUS, next);
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("A clue cannot move from “%s” to “%s”. From “%s” it can move to: %s."),
                   from_label, to_label, from_label, allowed);
      return FALSE;
    }

  /* The status is allowed; now the disposal must lead there. Closing a
   * clue that is being handled only needs its result. */
  if (g_str_equal (from, "handling") && g_str_equal (to, "closed") && *disposal == '\0')
    return TRUE;
  if (*disposal == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Moving a clue from “%s” to “%s” needs a disposal. Choose the disposal that was "
                     "approved."),
                   from_label, to_label);
      return FALSE;
    }
  leads_to = ld_clue_status_for_disposal (disposal);
  if (g_strcmp0 (leads_to, to) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The disposal “%s” leads to “%s”, not to “%s”. Choose a disposal that fits the new "
                     "status."),
                   disposal_label, ld_code_get_label (LD_CODE_TABLE_CLUE_STATUS, leads_to), to_label);
      return FALSE;
    }
  return TRUE;
}

/* ---- Rules ----------------------------------------------------------------- */

typedef enum
{
  UNIT_WORKING_DAYS,
  UNIT_MONTHS,
  UNIT_DAYS,
} Unit;

typedef struct
{
  const char *key;
  const char *label;   /* NC_("case rule", …) */
  Unit        unit;
  guint       min, max;
  guint       fallback;
  gsize       offset;
} Rule;

#define FIELD(f) G_STRUCT_OFFSET (LdCaseRules, f)

static const Rule rules_table[] = {
  { "case.accept-notice-days", NC_("case rule", "Acceptance notice to a real-name reporter"), UNIT_WORKING_DAYS,
    0, 366, 15, FIELD (accept_notice_days) },
  { "case.feedback-days", NC_("case rule", "Result feedback to a real-name reporter after closing"),
    UNIT_WORKING_DAYS, 0, 366, 15, FIELD (feedback_days) },
  { "case.routing-days", NC_("case rule", "Forwarding a report up or down"), UNIT_WORKING_DAYS, 0, 366, 5,
    FIELD (routing_days) },
  { "case.talk-letter-days", NC_("case rule", "Reply to a talk or letter inquiry"), UNIT_WORKING_DAYS, 0, 366,
    15, FIELD (talk_letter_days) },
  { "case.verify-months", NC_("case rule", "Preliminary verification"), UNIT_MONTHS, 0, 36, 3,
    FIELD (verify_months) },
  { "case.disposal-days", NC_("case rule", "Disposal decision on a new clue"), UNIT_WORKING_DAYS, 0, 366, 5,
    FIELD (disposal_days) },
  { "case.due-soon-days", NC_("case rule", "Warning before a deadline (yellow)"), UNIT_WORKING_DAYS, 1, 30, 5,
    FIELD (due_soon_days) },
  { "talk.top-leader-months", NC_("case rule", "Between supervision talks with a top leader"), UNIT_MONTHS, 0,
    36, 12, FIELD (top_leader_months) },
  { "talk.top-leader-first-months", NC_("case rule", "First supervision talk after taking the post"),
    UNIT_MONTHS, 0, 36, 1, FIELD (top_leader_first_months) },
  { "talk.preappoint-months", NC_("case rule", "Pre-appointment integrity talk after the promotion"),
    UNIT_MONTHS, 0, 36, 1, FIELD (preappoint_months) },
  { "talk.revisit-before-days", NC_("case rule", "Return-visit talk before a sanction’s effect period ends"),
    UNIT_DAYS, 0, 366, 30, FIELD (revisit_before_days) },
};

static const char * const rule_keys[] = {
  "case.accept-notice-days", "case.feedback-days", "case.routing-days", "case.talk-letter-days",
  "case.verify-months", "case.disposal-days", "case.due-soon-days", "talk.top-leader-months",
  "talk.top-leader-first-months", "talk.preappoint-months", "talk.revisit-before-days", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (rule_keys) == G_N_ELEMENTS (rules_table) + 1);

static const Rule *
find_rule (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (rules_table); i++)
    if (g_str_equal (rules_table[i].key, key))
      return &rules_table[i];
  return NULL;
}

static guint *
rule_field (LdCaseRules *rules,
            const Rule  *rule)
{
  return G_STRUCT_MEMBER_P (rules, rule->offset);
}

void
ld_case_rules_init_defaults (LdCaseRules *rules)
{
  g_return_if_fail (rules != NULL);

  memset (rules, 0, sizeof *rules);
  for (guint i = 0; i < G_N_ELEMENTS (rules_table); i++)
    *rule_field (rules, &rules_table[i]) = rules_table[i].fallback;
}

const char * const *
ld_case_rules_keys (void)
{
  return rule_keys;
}

gboolean
ld_case_rules_is_key (const char *key)
{
  return find_rule (key) != NULL;
}

const char *
ld_case_rule_key_get_label (const char *key)
{
  const Rule *rule = find_rule (key);

  return rule ? g_dpgettext2 (GETTEXT_PACKAGE, "case rule", rule->label) : NULL;
}

const char *
ld_case_rule_key_get_unit (const char *key)
{
  const Rule *rule = find_rule (key);

  if (rule == NULL)
    return NULL;
  switch (rule->unit)
    {
    case UNIT_WORKING_DAYS:
      return C_("rule unit", "working days");
    case UNIT_MONTHS:
      return C_("rule unit", "months");
    case UNIT_DAYS:
    default:
      return C_("rule unit", "days");
    }
}

gboolean
ld_case_rules_set (LdCaseRules  *rules,
                   const char   *key,
                   const char   *value,
                   GError      **error)
{
  const Rule *rule = find_rule (key);
  g_autofree char *clean = NULL;
  guint64 number = 0;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rule == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a deadline or talk rule. The rules are listed by “rules list”."),
                   key ? key : "");
      return FALSE;
    }
  clean = g_strstrip (g_strdup (value ? value : ""));
  if (*clean == '\0' || strlen (clean) > 4 || !g_ascii_string_to_unsigned (clean, 10, 0, G_MAXUINT, &number, NULL)
      || number < rule->min || number > rule->max)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid value for “%s”: write a whole number of %s from %u to %u."),
                   value ? value : "", ld_case_rule_key_get_label (key), ld_case_rule_key_get_unit (key),
                   rule->min, rule->max);
      return FALSE;
    }
  *rule_field (rules, rule) = (guint) number;
  return TRUE;
}

char *
ld_case_rules_get (const LdCaseRules *rules,
                   const char        *key)
{
  const Rule *rule = find_rule (key);

  g_return_val_if_fail (rules != NULL, NULL);

  if (rule == NULL)
    return NULL;
  return g_strdup_printf ("%u", *rule_field ((LdCaseRules *) rules, rule));
}

/* ---- Deadlines ------------------------------------------------------------- */

static const struct
{
  const char *id;
  const char *label;
} deadline_kinds[] = {
  { "accept-notice", NC_("deadline", "Acceptance notice") },
  { "routing", NC_("deadline", "Forwarding") },
  { "feedback", NC_("deadline", "Result feedback") },
  { "disposal-decision", NC_("deadline", "Disposal decision") },
  { "disposal", NC_("deadline", "Disposal limit") },
  { "written", NC_("deadline", "Written explanation") },
  { "required-talk", NC_("deadline", "Required talk") },
  { "effect-period", NC_("deadline", "Effect period") },
  { "ledger", NC_("deadline", "Ledger item") },
  { "review", NC_("deadline", "Review of a held clue") },
  { "recommendation-reply", NC_("deadline", "Reply to a recommendation") },
  { "revisit", NC_("deadline", "Return visit") },
  { "opinion-reply", NC_("deadline", "Integrity opinion due") },
  { "opinion-renewal", NC_("deadline", "Integrity opinion expired") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (deadline_kinds) == LD_N_DEADLINE_KINDS);

const char *
ld_deadline_kind_to_string (LdDeadlineKind kind)
{
  g_return_val_if_fail (kind < LD_N_DEADLINE_KINDS, NULL);
  return deadline_kinds[kind].id;
}

const char *
ld_deadline_kind_get_label (LdDeadlineKind kind)
{
  g_return_val_if_fail (kind < LD_N_DEADLINE_KINDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "deadline", deadline_kinds[kind].label);
}

gboolean
ld_deadline_accept_notice (const LdCaseRules *rules,
                           LdWorkdays        *workdays,
                           const GDate       *received,
                           gboolean           real_name,
                           gboolean           repeat,
                           GDate             *due)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL && due != NULL, FALSE);

  if (!real_name || repeat || received == NULL || !g_date_valid (received))
    return FALSE;
  ld_workdays_add (workdays, received, rules->accept_notice_days, due);
  return TRUE;
}

gboolean
ld_deadline_routing (const LdCaseRules *rules,
                     LdWorkdays        *workdays,
                     const GDate       *received,
                     const char        *routing,
                     GDate             *due)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL && due != NULL, FALSE);

  if (g_strcmp0 (routing, "up") != 0 && g_strcmp0 (routing, "down") != 0)
    return FALSE;
  if (received == NULL || !g_date_valid (received))
    return FALSE;
  ld_workdays_add (workdays, received, rules->routing_days, due);
  return TRUE;
}

gboolean
ld_deadline_feedback (const LdCaseRules *rules,
                      LdWorkdays        *workdays,
                      const GDate       *closed,
                      gboolean           real_name,
                      GDate             *due)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL && due != NULL, FALSE);

  if (!real_name || closed == NULL || !g_date_valid (closed))
    return FALSE;
  ld_workdays_add (workdays, closed, rules->feedback_days, due);
  return TRUE;
}

gboolean
ld_deadline_disposal_decision (const LdCaseRules *rules,
                               LdWorkdays        *workdays,
                               const GDate       *received,
                               GDate             *due)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL && due != NULL, FALSE);

  if (received == NULL || !g_date_valid (received))
    return FALSE;
  ld_workdays_add (workdays, received, rules->disposal_days, due);
  return TRUE;
}

/* date plus months, clamped to the end of the month (g_date_add_months ()
 * clamps 30 November + 3 months to 28 February). */
static void
add_months (const GDate *date,
            guint        months,
            GDate       *out)
{
  *out = *date;
  g_date_add_months (out, months);
}

gboolean
ld_deadline_disposal (const LdCaseRules *rules,
                      LdWorkdays        *workdays,
                      const char        *disposal,
                      const GDate       *approved,
                      GDate             *due)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL && due != NULL, FALSE);

  if (approved == NULL || !g_date_valid (approved))
    return FALSE;
  if (g_strcmp0 (disposal, "talk-letter") == 0)
    {
      ld_workdays_add (workdays, approved, rules->talk_letter_days, due);
      return TRUE;
    }
  if (g_strcmp0 (disposal, "verify") == 0)
    {
      add_months (approved, rules->verify_months, due);
      return TRUE;
    }
  return FALSE;
}

/* ---- Alerts ---------------------------------------------------------------- */

LdAlertLevel
ld_alert_level (const LdCaseRules *rules,
                LdWorkdays        *workdays,
                const GDate       *due,
                const GDate       *today)
{
  g_return_val_if_fail (rules != NULL && workdays != NULL, LD_ALERT_NONE);
  g_return_val_if_fail (due != NULL && g_date_valid (due), LD_ALERT_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), LD_ALERT_NONE);

  if (g_date_compare (today, due) > 0)
    return LD_ALERT_OVERDUE;
  if (ld_workdays_count_between (workdays, today, due) <= rules->due_soon_days)
    return LD_ALERT_DUE_SOON;
  if (g_date_get_year (due) == g_date_get_year (today) && g_date_get_month (due) == g_date_get_month (today))
    return LD_ALERT_LATER;
  return LD_ALERT_NONE;
}

const char *
ld_alert_level_to_string (LdAlertLevel level)
{
  switch (level)
    {
    case LD_ALERT_LATER:
      return "later";
    case LD_ALERT_DUE_SOON:
      return "due-soon";
    case LD_ALERT_OVERDUE:
      return "overdue";
    case LD_ALERT_NONE:
    default:
      return "none";
    }
}

const char *
ld_alert_level_get_label (LdAlertLevel level)
{
  switch (level)
    {
    case LD_ALERT_LATER:
      return C_("alert", "Due later this month");
    case LD_ALERT_DUE_SOON:
      return C_("alert", "Due soon");
    case LD_ALERT_OVERDUE:
      return C_("alert", "Overdue");
    case LD_ALERT_NONE:
    default:
      return C_("alert", "No alert");
    }
}

/* ---- Required talks -------------------------------------------------------- */

static gboolean
date_ok (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

/* A talk is required now when its due date has passed or falls within a
 * month from today, so the board can colour it (yellow within the due-soon
 * window, or due later this month). */
static gboolean
due_within_a_month (const GDate *due,
                    const GDate *today)
{
  GDate horizon;

  add_months (today, 1, &horizon);
  return g_date_compare (due, &horizon) <= 0;
}

gboolean
ld_required_talk_top_leader (const LdCaseRules *rules,
                             gboolean           is_top_leader,
                             const GDate       *post_since,
                             const GDate       *last_supervision_talk,
                             const GDate       *today,
                             GDate             *due)
{
  g_return_val_if_fail (rules != NULL && due != NULL, FALSE);
  g_return_val_if_fail (date_ok (today), FALSE);

  if (!is_top_leader)
    return FALSE;
  /* A talk held before the leader took this post does not count. */
  if (date_ok (last_supervision_talk)
      && (!date_ok (post_since) || g_date_compare (last_supervision_talk, post_since) >= 0))
    add_months (last_supervision_talk, rules->top_leader_months, due);
  else if (date_ok (post_since))
    add_months (post_since, rules->top_leader_first_months, due);
  else
    *due = *today;
  return due_within_a_month (due, today);
}

gboolean
ld_required_talk_preappoint (const LdCaseRules *rules,
                             const GDate       *promoted,
                             const GDate       *held,
                             GDate             *due)
{
  GDate window_start;

  g_return_val_if_fail (rules != NULL && due != NULL, FALSE);

  if (!date_ok (promoted))
    return FALSE;
  window_start = *promoted;
  g_date_subtract_months (&window_start, rules->preappoint_months);
  if (date_ok (held) && g_date_compare (held, &window_start) >= 0)
    return FALSE;
  add_months (promoted, rules->preappoint_months, due);
  return TRUE;
}

gboolean
ld_required_talk_revisit (const LdCaseRules *rules,
                          const GDate       *effect_start,
                          const GDate       *effect_end,
                          const GDate       *held,
                          GDate             *due)
{
  g_return_val_if_fail (rules != NULL && due != NULL, FALSE);

  if (!date_ok (effect_end))
    return FALSE;
  if (date_ok (held) && g_date_compare (held, effect_end) <= 0
      && (!date_ok (effect_start) || g_date_compare (held, effect_start) >= 0))
    return FALSE;
  *due = *effect_end;
  if (rules->revisit_before_days > 0)
    g_date_subtract_days (due, rules->revisit_before_days);
  if (date_ok (effect_start) && g_date_compare (due, effect_start) < 0)
    *due = *effect_start;
  return TRUE;
}

/* ---- Reporter protection --------------------------------------------------- */

char *
ld_mask_name (const char *name)
{
  g_autofree char *clean = NULL;
  GString *out;
  glong n_chars;
  const char *p;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    return g_strdup ("");
  n_chars = g_utf8_strlen (clean, -1);
  out = g_string_new (NULL);
  p = clean;
  g_string_append_unichar (out, g_utf8_get_char (p));
  /* At least one star, so even a one-character name is not shown whole. */
  for (glong i = 0; i < CLAMP (n_chars - 1, 1, 2); i++)
    g_string_append_c (out, '*');
  return g_string_free (out, FALSE);
}

char *
ld_mask_text (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  return g_strdup (*clean == '\0' ? "" : "***");
}

/* ---- Repeat reports -------------------------------------------------------- */

/* The characters that count: Han characters, letters and digits, full
 * width made half width and ASCII lower case. */
static GArray *
significant_chars (const char *text)
{
  GArray *chars = g_array_new (FALSE, FALSE, sizeof (gunichar));

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return chars;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (!g_unichar_isalnum (c))
        continue;
      if (c < 0x80)
        c = g_ascii_tolower ((char) c);
      g_array_append_val (chars, c);
    }
  return chars;
}

/* Bigram → count. */
static GHashTable *
bigrams (GArray *chars,
         guint  *total)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  *total = 0;
  for (guint i = 0; i + 1 < chars->len; i++)
    {
      gint64 key = ((gint64) g_array_index (chars, gunichar, i) << 32) | g_array_index (chars, gunichar, i + 1);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (table, &key));

      g_hash_table_replace (table, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (count + 1));
      (*total)++;
    }
  return table;
}

double
ld_text_similarity (const char *a,
                    const char *b)
{
  g_autoptr(GArray) ca = significant_chars (a);
  g_autoptr(GArray) cb = significant_chars (b);
  g_autoptr(GHashTable) ba = NULL;
  g_autoptr(GHashTable) bb = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint na, nb, shared = 0;

  /* One character each: equal or not. */
  if (ca->len < 2 || cb->len < 2)
    {
      if (ca->len == 1 && cb->len == 1)
        return g_array_index (ca, gunichar, 0) == g_array_index (cb, gunichar, 0) ? 1.0 : 0.0;
      return 0.0;
    }
  ba = bigrams (ca, &na);
  bb = bigrams (cb, &nb);
  g_hash_table_iter_init (&iter, ba);
  while (g_hash_table_iter_next (&iter, &key, &value))
    shared += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (bb, key)));
  return 2.0 * shared / (double) (na + nb);
}
