/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-audit-log"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ld-error.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"
#include "vault/ld-audit-log-private.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define HASH_BYTES 32

/* --- LdAuditEntry --------------------------------------------------------- */

struct _LdAuditEntry
{
  GObject parent_instance;

  gint64  seq;
  gint64  time;
  char   *account;
  char   *role;
  char   *event;
  char   *object_type;
  char   *object_id;
  char   *outcome;
  char   *details;
};

G_DEFINE_FINAL_TYPE (LdAuditEntry, ld_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME,
  PROP_TIME_TEXT,
  PROP_ACCOUNT,
  PROP_ROLE,
  PROP_ROLE_LABEL,
  PROP_EVENT,
  PROP_EVENT_LABEL,
  PROP_OBJECT_TYPE,
  PROP_OBJECT_ID,
  PROP_OUTCOME,
  PROP_OUTCOME_LABEL,
  PROP_DETAILS,
  PROP_OBJECT_LABEL,
  PROP_DETAILS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, LD_AUDIT_OUTCOME_OK) == 0)
    return C_("audit outcome", "OK");
  if (g_strcmp0 (outcome, LD_AUDIT_OUTCOME_DENIED) == 0)
    return C_("audit outcome", "Denied");
  if (g_strcmp0 (outcome, LD_AUDIT_OUTCOME_FAILED) == 0)
    return C_("audit outcome", "Failed");
  return outcome;
}

static char *
object_label (LdAuditEntry *self)
{
  const char *type = self->object_type;
  const char *id = self->object_id;

  if (g_strcmp0 (type, "vault") == 0)
    return g_strdup (C_("audit object", "Vault"));
  if (g_strcmp0 (type, "audit") == 0)
    return g_strdup (C_("audit object", "Audit trail"));
  if (g_strcmp0 (type, "account") == 0)
    /* Translators: %s is an account name. */
    return g_strdup_printf (C_("audit object", "Account %s"), id);
  if (g_strcmp0 (type, "unit") == 0)
    /* Translators: %s is a unit's record number. */
    return g_strdup_printf (C_("audit object", "Unit %s"), id);
  if (g_strcmp0 (type, "cadre") == 0 && g_strcmp0 (id, "*") != 0)
    /* Translators: %s is a cadre file's record number. */
    return g_strdup_printf (C_("audit object", "Cadre file %s"), id);
  if (g_strcmp0 (type, "policy") == 0)
    return g_strdup_printf ("%s", ld_policy_key_get_label (id)[0] ? ld_policy_key_get_label (id) : id);
  if (g_strcmp0 (type, "action") == 0)
    {
      for (int a = 0; a < LD_N_ACTIONS; a++)
        if (g_strcmp0 (ld_action_to_string (a), id) == 0)
          return g_strdup (ld_action_get_label (a));
    }
  if (type == NULL || *type == '\0')
    return g_strdup ("");
  return *id ? g_strdup_printf ("%s %s", type, id) : g_strdup (type);
}

static const char *
role_label_or_name (const char *name)
{
  LdRole role = ld_role_from_string (name);
  return role == LD_ROLE_NONE ? name : ld_role_get_label (role);
}

/* Details are stored in a fixed English form (they are part of the hash
 * chain); this shows the known forms in the user's language. */
static char *
details_label (LdAuditEntry *self)
{
  static const struct
  {
    const char *stored;
    const char *label;
  } fixed[] = {
    { "manual", N_("Locked by the user") },
    { "idle", N_("Locked after idle time") },
    { "session", N_("Locked with the desktop session") },
    { "exit", N_("Program closed") },
    { "wrong password", N_("Wrong password") },
    { "account locked out", N_("The account was locked out") },
    { "account disabled", N_("The account is disabled") },
    { "too many failed sign-ins", N_("Too many failed sign-ins") },
    { "password must be changed", N_("The password must be changed") },
    { "must change at next sign-in", N_("Must change the password at the next sign-in") },
  };
  const char *d = self->details;
  g_auto(GStrv) parts = NULL;
  long long n;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_str_equal (d, fixed[i].stored))
      return g_strdup (_(fixed[i].label));

  if (g_str_has_prefix (d, "role="))
    return g_strdup_printf (_("Role: %s"), role_label_or_name (d + 5));
  if (sscanf (d, "intact, %lld entries", &n) == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Intact, %lld entry checked", "Intact, %lld entries checked",
                                         (gulong) n), n);
  if (sscanf (d, "broken at entry %lld", &n) == 1)
    return g_strdup_printf (_("Broken at entry %lld"), n);
  if (g_str_has_suffix (d, ": granted") || g_str_has_suffix (d, ": revoked"))
    {
      g_autofree char *grant = g_strndup (d, strlen (d) - (g_str_has_suffix (d, ": granted") ? 9 : 9));
      const char *label = ld_grant_get_label (ld_grant_from_string (grant));
      return g_strdup_printf (g_str_has_suffix (d, ": granted") ? _("Granted: %s") : _("Revoked: %s"),
                              *label ? label : grant);
    }

  parts = g_strsplit (d, " -> ", 2);
  if (g_strv_length (parts) == 2)
    {
      const char *colon = strchr (parts[0], ':');
      if (colon != NULL && g_str_equal (self->event, LD_AUDIT_POLICY_CHANGED))
        {
          g_autofree char *key = g_strndup (parts[0], colon - parts[0]);
          /* Translators: a policy change: setting, old value, new value. */
          return g_strdup_printf (_("%s: %s → %s"), ld_policy_key_get_label (key), g_strstrip ((char *) colon + 1),
                                  parts[1]);
        }
      return g_strdup_printf ("%s → %s", role_label_or_name (parts[0]), role_label_or_name (parts[1]));
    }
  return g_strdup (d);
}

static void
ld_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdAuditEntry *self = LD_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_TIME_TEXT:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (self->time / G_USEC_PER_SEC);
        g_value_take_string (value, dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : NULL);
      }
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_ROLE_LABEL:
      {
        LdRole role = ld_role_from_string (self->role);
        g_value_set_string (value, role == LD_ROLE_NONE ? "" : ld_role_get_label (role));
      }
      break;
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;
    case PROP_EVENT_LABEL:
      g_value_set_string (value, ld_audit_event_get_label (self->event));
      break;
    case PROP_OBJECT_TYPE:
      g_value_set_string (value, self->object_type);
      break;
    case PROP_OBJECT_ID:
      g_value_set_string (value, self->object_id);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case PROP_OUTCOME_LABEL:
      g_value_set_string (value, outcome_label (self->outcome));
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_OBJECT_LABEL:
      g_value_take_string (value, object_label (self));
      break;
    case PROP_DETAILS_LABEL:
      g_value_take_string (value, details_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_audit_entry_finalize (GObject *object)
{
  LdAuditEntry *self = LD_AUDIT_ENTRY (object);

  g_free (self->account);
  g_free (self->role);
  g_free (self->event);
  g_free (self->object_type);
  g_free (self->object_id);
  g_free (self->outcome);
  g_free (self->details);
  G_OBJECT_CLASS (ld_audit_entry_parent_class)->finalize (object);
}

static void
ld_audit_entry_class_init (LdAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_audit_entry_get_property;
  object_class->finalize = ld_audit_entry_finalize;

  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TIME_TEXT] = g_param_spec_string ("time-text", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_ROLE_LABEL] = g_param_spec_string ("role-label", NULL, NULL, NULL, flags);
  properties[PROP_EVENT] = g_param_spec_string ("event", NULL, NULL, NULL, flags);
  properties[PROP_EVENT_LABEL] = g_param_spec_string ("event-label", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_TYPE] = g_param_spec_string ("object-type", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_ID] = g_param_spec_string ("object-id", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME_LABEL] = g_param_spec_string ("outcome-label", NULL, NULL, NULL, flags);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_LABEL] = g_param_spec_string ("object-label", NULL, NULL, NULL, flags);
  properties[PROP_DETAILS_LABEL] = g_param_spec_string ("details-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_audit_entry_init (LdAuditEntry *self)
{
}

gint64 ld_audit_entry_get_seq (LdAuditEntry *self) { return self->seq; }
gint64 ld_audit_entry_get_time (LdAuditEntry *self) { return self->time; }
const char *ld_audit_entry_get_account (LdAuditEntry *self) { return self->account; }
const char *ld_audit_entry_get_role (LdAuditEntry *self) { return self->role; }
const char *ld_audit_entry_get_event (LdAuditEntry *self) { return self->event; }
const char *ld_audit_entry_get_object_type (LdAuditEntry *self) { return self->object_type; }
const char *ld_audit_entry_get_object_id (LdAuditEntry *self) { return self->object_id; }
const char *ld_audit_entry_get_outcome (LdAuditEntry *self) { return self->outcome; }
const char *ld_audit_entry_get_details (LdAuditEntry *self) { return self->details; }

/* --- Event names ---------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *label;
} events[] = {
  { LD_AUDIT_VAULT_CREATED, NC_("audit event", "Vault created") },
  { LD_AUDIT_VAULT_OPENED, NC_("audit event", "Vault opened") },
  { LD_AUDIT_VAULT_LOCKED, NC_("audit event", "Vault locked") },
  { LD_AUDIT_LOGIN_OK, NC_("audit event", "Signed in") },
  { LD_AUDIT_LOGIN_FAILED, NC_("audit event", "Sign-in failed") },
  { LD_AUDIT_LOGIN_LOCKOUT, NC_("audit event", "Account locked out") },
  { LD_AUDIT_ACCOUNT_UNLOCKED, NC_("audit event", "Account unlocked") },
  { LD_AUDIT_PASSWORD_CHANGED, NC_("audit event", "Password changed") },
  { LD_AUDIT_PASSWORD_RESET, NC_("audit event", "Password reset") },
  { LD_AUDIT_ACCOUNT_CREATED, NC_("audit event", "Account created") },
  { LD_AUDIT_ACCOUNT_DISABLED, NC_("audit event", "Account disabled") },
  { LD_AUDIT_ACCOUNT_ENABLED, NC_("audit event", "Account enabled") },
  { LD_AUDIT_ROLE_CHANGED, NC_("audit event", "Role changed") },
  { LD_AUDIT_GRANT_CHANGED, NC_("audit event", "Grant changed") },
  { LD_AUDIT_POLICY_CHANGED, NC_("audit event", "Security policy changed") },
  { LD_AUDIT_AUDIT_VERIFIED, NC_("audit event", "Audit trail verified") },
  { LD_AUDIT_PERMISSION_DENIED, NC_("audit event", "Permission denied") },
  /* Records (names as defined by app/records). */
  { "scope.granted", NC_("audit event", "Unit scope granted") },
  { "scope.revoked", NC_("audit event", "Unit scope revoked") },
  { "unit.created", NC_("audit event", "Unit created") },
  { "unit.changed", NC_("audit event", "Unit changed") },
  { "unit.moved", NC_("audit event", "Unit moved") },
  { "unit.merged", NC_("audit event", "Units merged") },
  { "unit.retired", NC_("audit event", "Unit retired") },
  { "cadre.created", NC_("audit event", "Cadre file created") },
  { "cadre.updated", NC_("audit event", "Cadre file changed") },
  { "cadre.retired", NC_("audit event", "Cadre file retired") },
  { "cadre.viewed", NC_("audit event", "Cadre file viewed") },
  { "cadre.keys-rebuilt", NC_("audit event", "Search keys rebuilt") },
  { "cadre.tagged", NC_("audit event", "Cadre tag added") },
  { "cadre.untagged", NC_("audit event", "Cadre tag removed") },
  { "cadre.photo", NC_("audit event", "Cadre photo changed") },
  { "rule.set", NC_("audit event", "Rule changed") },
  { "cadre.imported", NC_("audit event", "Cadre file imported") },
  { "import.cadres", NC_("audit event", "Cadre roster imported") },
  { "entry.created", NC_("audit event", "File entry added") },
  { "entry.updated", NC_("audit event", "File entry changed") },
  { "entry.retired", NC_("audit event", "File entry retired") },
  { "attachment.added", NC_("audit event", "Attachment added") },
  { "attachment.opened", NC_("audit event", "Attachment opened") },
  { "attachment.saved", NC_("audit event", "Attachment saved outside the vault") },
  { "attachment.retired", NC_("audit event", "Attachment retired") },
  { "talk.created", NC_("audit event", "Talk recorded") },
  { "talk.updated", NC_("audit event", "Talk changed") },
  { "talk.retired", NC_("audit event", "Talk retired") },
  { "talk.measure-linked", NC_("audit event", "Measure linked to a talk") },
  { "petition.created", NC_("audit event", "Petition registered") },
  { "petition.updated", NC_("audit event", "Petition changed") },
  { "petition.moved", NC_("audit event", "Petition status changed") },
  { "petition.feedback", NC_("audit event", "Feedback to the reporter recorded") },
  { "petition.repeat_marked", NC_("audit event", "Petition marked as a repeat") },
  { "petition.retired", NC_("audit event", "Petition retired") },
  { "petition.reporter_changed", NC_("audit event", "Reporter identity changed") },
  { "petition.reporter_revealed", NC_("audit event", "Reporter identity viewed") },
  { "clue.created", NC_("audit event", "Clue registered") },
  { "clue.updated", NC_("audit event", "Clue changed") },
  { "clue.disposed", NC_("audit event", "Clue disposal decided") },
  { "clue.closed", NC_("audit event", "Clue closed") },
  { "clue.clearing", NC_("audit event", "Clearing recorded") },
  { "clue.review", NC_("audit event", "Clue review date set") },
  { "clue.step", NC_("audit event", "Clue handling step added") },
  { "clue.retired", NC_("audit event", "Clue retired") },
  { "calendar.changed", NC_("audit event", "Working calendar changed") },
  { "calendar.imported", NC_("audit event", "Holidays imported") },
  { "import.talks", NC_("audit event", "Talk ledger imported") },
  { "import.petitions", NC_("audit event", "Petition ledger imported") },
  { "measure.create", NC_("audit event", "Measure registered") },
  { "measure.update", NC_("audit event", "Measure changed") },
  { "measure.event", NC_("audit event", "Measure event recorded") },
  { "measure.retire", NC_("audit event", "Measure retired") },
  { "measure.form", NC_("audit event", "Form of a measure code changed") },
  { "import.measures", NC_("audit event", "Sanctions ledger imported") },
  { "opinion.request", NC_("audit event", "Opinion request registered or changed") },
  { "opinion.check", NC_("audit event", "Cadres checked for an opinion") },
  { "opinion.decide", NC_("audit event", "Opinion decided") },
  { "opinion.approve", NC_("audit event", "Opinion approved") },
  { "opinion.letter", NC_("audit event", "Opinion reply letter written") },
  { "ledger.create", NC_("audit event", "Ledger item registered") },
  { "ledger.update", NC_("audit event", "Ledger item changed") },
  { "ledger.retire", NC_("audit event", "Ledger item retired") },
  { "ledger.progress", NC_("audit event", "Ledger progress recorded") },
  { "ledger.status", NC_("audit event", "Ledger item status changed") },
  { "ledger.complete", NC_("audit event", "Ledger item completed") },
  { "ledger.accept", NC_("audit event", "Ledger item accepted") },
  { "ledger.sign-off", NC_("audit event", "Ledger item signed off") },
  { "recommendation.create", NC_("audit event", "Recommendation drafted") },
  { "recommendation.update", NC_("audit event", "Recommendation changed") },
  { "recommendation.retire", NC_("audit event", "Recommendation retired") },
  { "recommendation.issue", NC_("audit event", "Recommendation issued") },
  { "recommendation.deliver", NC_("audit event", "Recommendation delivered") },
  { "recommendation.reply", NC_("audit event", "Recommendation reply recorded") },
  { "recommendation.rectify", NC_("audit event", "Recommendation rectification started") },
  { "recommendation.verify", NC_("audit event", "Recommendation rectification verified") },
  { "recommendation.close", NC_("audit event", "Recommendation closed") },
  { "recommendation.escalate", NC_("audit event", "Recommendation escalated") },
  { "recommendation.event", NC_("audit event", "Recommendation follow-up recorded") },
  { "recommendation.spawn", NC_("audit event", "Ledger items spawned from a recommendation") },
  /* Translators: 导出 Excel 表格 */
  { "export.done", NC_("audit event", "Exported to Excel") },
  { "export.failed", NC_("audit event", "Excel export failed") },
  /* Translators: 导出中显示了举报人身份 */
  { "export.reporter-identity", NC_("audit event", "Reporter identities exported") },
};

const char *
ld_audit_event_get_label (const char *event)
{
  for (guint i = 0; event != NULL && i < G_N_ELEMENTS (events); i++)
    if (g_str_equal (events[i].name, event))
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit event", events[i].label);
  return event;
}

const char * const *
ld_audit_event_names (void)
{
  static const char *names[G_N_ELEMENTS (events) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        names[i] = events[i].name;
      names[G_N_ELEMENTS (events)] = NULL;
      g_once_init_leave (&done, 1);
    }
  return names;
}

/* --- The chain ------------------------------------------------------------ */

typedef struct
{
  gint64      seq;
  gint64      ts_utc;
  gint64      ts_boot;
  const char *boot_id;
  const char *account;
  const char *role;
  const char *event;
  const char *object_type;
  const char *object_id;
  const char *outcome;
  const char *details;
} Fields;

static void
hash_str (crypto_generichash_state *st,
          const char               *s)
{
  guint32 len = GUINT32_TO_LE ((guint32) strlen (s));
  crypto_generichash_update (st, (const guint8 *) &len, sizeof len);
  crypto_generichash_update (st, (const guint8 *) s, strlen (s));
}

static void
hash_int (crypto_generichash_state *st,
          gint64                    v)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
  hash_str (st, buf);
}

/* entry_hash = BLAKE2b-256 (prev_hash ‖ canonical fields), each field
 * length-prefixed so no two field lists hash alike. */
static void
compute_entry_hash (const guint8 *prev_hash,
                    const Fields *f,
                    guint8       *out)
{
  crypto_generichash_state st;

  crypto_generichash_init (&st, NULL, 0, HASH_BYTES);
  crypto_generichash_update (&st, (const guint8 *) "liandang-audit-v1", 17);
  crypto_generichash_update (&st, prev_hash, HASH_BYTES);
  hash_int (&st, f->seq);
  hash_int (&st, f->ts_utc);
  hash_int (&st, f->ts_boot);
  hash_str (&st, f->boot_id);
  hash_str (&st, f->account);
  hash_str (&st, f->role);
  hash_str (&st, f->event);
  hash_str (&st, f->object_type);
  hash_str (&st, f->object_id);
  hash_str (&st, f->outcome);
  hash_str (&st, f->details);
  crypto_generichash_final (&st, out, HASH_BYTES);
}

static void
compute_mac (const guint8 *mac_key,
             const char   *label,
             gint64        seq,
             const guint8 *hash,
             guint8       *out)
{
  crypto_generichash_state st;
  gint64 le = GINT64_TO_LE (seq);

  crypto_generichash_init (&st, mac_key, 32, HASH_BYTES);
  crypto_generichash_update (&st, (const guint8 *) label, strlen (label));
  crypto_generichash_update (&st, (const guint8 *) &le, sizeof le);
  crypto_generichash_update (&st, hash, HASH_BYTES);
  crypto_generichash_final (&st, out, HASH_BYTES);
}

static const char *
boot_id (void)
{
  static char id[64];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autofree char *contents = NULL;
      if (g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
        g_strlcpy (id, g_strstrip (contents), sizeof id);
      else
        g_strlcpy (id, "unknown", sizeof id);
      g_once_init_leave (&done, 1);
    }
  return id;
}

static gint64
boot_time_ns (void)
{
  struct timespec ts;
  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static gboolean
read_head (sqlite3  *db,
           gint64   *seq,
           guint8   *hash,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* The chain goes on after the higher of the head row and the table's
   * last row: entries cut off the tail then stay visible as a gap, and a
   * damaged head row cannot make sequence numbers collide. */
  stmt = ld_sql_prepare (db,
                         "SELECT seq, entry_hash FROM ("
                         " SELECT seq, entry_hash, 0 AS pref FROM audit_head WHERE id = 1"
                         " UNION ALL SELECT * FROM (SELECT seq, entry_hash, 1 FROM audit_log ORDER BY seq DESC LIMIT 1))"
                         " ORDER BY seq DESC, pref LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *seq = 0;
      memset (hash, 0, HASH_BYTES);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  *seq = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_bytes (stmt, 1) != HASH_BYTES)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_AUDIT,
                           _("The audit trail is damaged: its last entry has no valid hash. "
                             "Ask the auditor to verify it."));
      return FALSE;
    }
  memcpy (hash, sqlite3_column_blob (stmt, 1), HASH_BYTES);
  return TRUE;
}

gboolean
_ld_audit_append_as (LdVault     *vault,
                     gint64       time,
                     const char  *account,
                     const char  *role,
                     const char  *event,
                     const char  *object_type,
                     const char  *object_id,
                     const char  *outcome,
                     const char  *details,
                     GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  const guint8 *mac_key = _ld_vault_get_mac_key (vault);
  guint8 prev[HASH_BYTES], hash[HASH_BYTES], mac[HASH_BYTES], head_mac[HASH_BYTES];
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  gint64 last_seq;
  Fields f;

  g_return_val_if_fail (event != NULL, FALSE);

  if (db == NULL || mac_key == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_LOCKED, _("The vault is locked. Sign in again."));
      return FALSE;
    }
  if (sqlite3_get_autocommit (db))
    {
      g_critical ("ld_audit_append() called outside a transaction for event %s", event);
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED, _("Internal error: audit entry outside a transaction."));
      return FALSE;
    }
  if (!read_head (db, &last_seq, prev, error))
    return FALSE;

  f.seq = last_seq + 1;
  f.ts_utc = time > 0 ? time : g_get_real_time ();
  f.ts_boot = boot_time_ns ();
  f.boot_id = boot_id ();
  f.account = account ? account : "";
  f.role = role ? role : "";
  f.event = event;
  f.object_type = object_type ? object_type : "";
  f.object_id = object_id ? object_id : "";
  f.outcome = outcome ? outcome : LD_AUDIT_OUTCOME_OK;
  f.details = details ? details : "";

  compute_entry_hash (prev, &f, hash);
  compute_mac (mac_key, "entry", f.seq, hash, mac);
  compute_mac (mac_key, "head", f.seq, hash, head_mac);

  stmt = ld_sql_prepare (db,
                         "INSERT INTO audit_log (seq, ts_utc, ts_boot, boot_id, account, role, event, object_type,"
                         " object_id, outcome, details, prev_hash, entry_hash, mac)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f.seq);
  sqlite3_bind_int64 (stmt, 2, f.ts_utc);
  sqlite3_bind_int64 (stmt, 3, f.ts_boot);
  sqlite3_bind_text (stmt, 4, f.boot_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, f.account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, f.role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, f.event, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, f.object_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, f.object_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, f.outcome, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, f.details, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 12, prev, HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 13, hash, HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 14, mac, HASH_BYTES, SQLITE_TRANSIENT);
  if (!ld_sql_step_done (db, stmt, error))
    return FALSE;

  head = ld_sql_prepare (db, "INSERT OR REPLACE INTO audit_head (id, seq, entry_hash, mac) VALUES (1, ?, ?, ?)", error);
  if (head == NULL)
    return FALSE;
  sqlite3_bind_int64 (head, 1, f.seq);
  sqlite3_bind_blob (head, 2, hash, HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (head, 3, head_mac, HASH_BYTES, SQLITE_TRANSIENT);
  return ld_sql_step_done (db, head, error);
}

gboolean
ld_audit_append (LdVault     *vault,
                 const char  *event,
                 const char  *object_type,
                 const char  *object_id,
                 const char  *outcome,
                 const char  *details,
                 GError     **error)
{
  const LdSession *session = ld_vault_get_session (vault);

  if (session == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_LOCKED, _("The vault is locked. Sign in again."));
      return FALSE;
    }
  return _ld_audit_append_as (vault, 0, session->name, ld_role_to_string (session->role), event, object_type,
                              object_id, outcome, details, error);
}

/* --- Listing -------------------------------------------------------------- */

GPtrArray *
ld_audit_list (LdVault             *vault,
               const LdAuditFilter *filter,
               GError             **error)
{
  sqlite3 *db;
  g_autoptr(GString) sql = g_string_new ("SELECT seq, ts_utc, account, role, event, object_type, object_id,"
                                         " outcome, details FROM audit_log WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  LdAuditFilter none = { 0 };
  int idx = 1, rc;

  if (!ld_vault_check (vault, LD_ACTION_AUDIT_VIEW, error))
    return NULL;
  db = _ld_vault_get_db (vault);
  if (filter == NULL)
    filter = &none;

  if (filter->account && *filter->account)
    g_string_append (sql, " AND account = ?");
  if (filter->event && *filter->event)
    g_string_append (sql, " AND event = ?");
  if (filter->since > 0)
    g_string_append (sql, " AND ts_utc >= ?");
  if (filter->until > 0)
    g_string_append (sql, " AND ts_utc < ?");
  g_string_append (sql, " ORDER BY seq DESC");
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  stmt = ld_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (filter->account && *filter->account)
    {
      g_autofree char *lower = g_ascii_strdown (filter->account, -1);
      sqlite3_bind_text (stmt, idx++, lower, -1, SQLITE_TRANSIENT);
    }
  if (filter->event && *filter->event)
    sqlite3_bind_text (stmt, idx++, filter->event, -1, SQLITE_TRANSIENT);
  if (filter->since > 0)
    sqlite3_bind_int64 (stmt, idx++, filter->since * G_USEC_PER_SEC);
  if (filter->until > 0)
    sqlite3_bind_int64 (stmt, idx++, filter->until * G_USEC_PER_SEC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdAuditEntry *e = g_object_new (LD_TYPE_AUDIT_ENTRY, NULL);
      e->seq = sqlite3_column_int64 (stmt, 0);
      e->time = sqlite3_column_int64 (stmt, 1);
      e->account = g_strdup (ld_sql_column_text (stmt, 2));
      e->role = g_strdup (ld_sql_column_text (stmt, 3));
      e->event = g_strdup (ld_sql_column_text (stmt, 4));
      e->object_type = g_strdup (ld_sql_column_text (stmt, 5));
      e->object_id = g_strdup (ld_sql_column_text (stmt, 6));
      e->outcome = g_strdup (ld_sql_column_text (stmt, 7));
      e->details = g_strdup (ld_sql_column_text (stmt, 8));
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* --- Verification --------------------------------------------------------- */

void
ld_audit_report_clear (LdAuditReport *report)
{
  g_clear_pointer (&report->problem, g_free);
  report->n_entries = 0;
  report->first_bad_seq = 0;
}

static void
report_bad (LdAuditReport *report,
            gint64         seq,
            char          *problem)
{
  if (report->first_bad_seq != 0)
    {
      g_free (problem);
      return;
    }
  report->first_bad_seq = seq;
  report->problem = problem;
}

/* Walks the whole chain in sequence order. Does not write. */
static gboolean
verify_chain (LdVault       *vault,
              LdAuditReport *report,
              GError       **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  const guint8 *mac_key = _ld_vault_get_mac_key (vault);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) head = NULL;
  guint8 prev[HASH_BYTES] = { 0 };
  guint8 hash[HASH_BYTES], mac[HASH_BYTES];
  gint64 expected = 1;
  int rc;

  stmt = ld_sql_prepare (db,
                         "SELECT seq, ts_utc, ts_boot, boot_id, account, role, event, object_type, object_id,"
                         " outcome, details, prev_hash, entry_hash, mac FROM audit_log ORDER BY seq",
                         error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Fields f;
      const void *stored_prev = sqlite3_column_blob (stmt, 11);
      const void *stored_hash = sqlite3_column_blob (stmt, 12);
      const void *stored_mac = sqlite3_column_blob (stmt, 13);

      f.seq = sqlite3_column_int64 (stmt, 0);
      f.ts_utc = sqlite3_column_int64 (stmt, 1);
      f.ts_boot = sqlite3_column_int64 (stmt, 2);
      f.boot_id = ld_sql_column_text (stmt, 3);
      f.account = ld_sql_column_text (stmt, 4);
      f.role = ld_sql_column_text (stmt, 5);
      f.event = ld_sql_column_text (stmt, 6);
      f.object_type = ld_sql_column_text (stmt, 7);
      f.object_id = ld_sql_column_text (stmt, 8);
      f.outcome = ld_sql_column_text (stmt, 9);
      f.details = ld_sql_column_text (stmt, 10);
      report->n_entries++;

      if (f.seq != expected)
        {
          report_bad (report, expected,
                      g_strdup_printf (_("Entry %lld is missing: the trail jumps from %lld to %lld (entries deleted)."),
                                       (long long) expected, (long long) expected - 1, (long long) f.seq));
          return TRUE;
        }
      compute_entry_hash (prev, &f, hash);
      if (sqlite3_column_bytes (stmt, 11) != HASH_BYTES || sodium_memcmp (stored_prev, prev, HASH_BYTES) != 0)
        {
          report_bad (report, f.seq,
                      g_strdup_printf (_("Entry %lld does not follow the entry before it "
                                         "(entries deleted, inserted or reordered)."), (long long) f.seq));
          return TRUE;
        }
      if (sqlite3_column_bytes (stmt, 12) != HASH_BYTES || sodium_memcmp (stored_hash, hash, HASH_BYTES) != 0)
        {
          report_bad (report, f.seq,
                      g_strdup_printf (_("Entry %lld has been altered: its content does not "
                                         "match its hash."), (long long) f.seq));
          return TRUE;
        }
      compute_mac (mac_key, "entry", f.seq, hash, mac);
      if (sqlite3_column_bytes (stmt, 13) != HASH_BYTES || sodium_memcmp (stored_mac, mac, HASH_BYTES) != 0)
        {
          report_bad (report, f.seq,
                      g_strdup_printf (_("Entry %lld carries a seal that was not made with this "
                                         "vault's key (forged or rewritten)."), (long long) f.seq));
          return TRUE;
        }
      memcpy (prev, hash, HASH_BYTES);
      expected++;
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }

  /* The head row, written with every entry, catches a cut-off tail. */
  head = ld_sql_prepare (db, "SELECT seq, entry_hash, mac FROM audit_head WHERE id = 1", error);
  if (head == NULL)
    return FALSE;
  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    {
      gint64 head_seq = sqlite3_column_int64 (head, 0);

      if (sqlite3_column_bytes (head, 1) != HASH_BYTES || sqlite3_column_bytes (head, 2) != HASH_BYTES)
        {
          report_bad (report, expected, g_strdup (_("The record of the last entry is damaged.")));
          return TRUE;
        }
      compute_mac (mac_key, "head", head_seq, sqlite3_column_blob (head, 1), mac);
      if (sodium_memcmp (mac, sqlite3_column_blob (head, 2), HASH_BYTES) != 0)
        report_bad (report, MIN (head_seq, expected),
                    g_strdup (_("The record of the last entry carries a seal that was not made with this vault's key.")));
      else if (head_seq > expected - 1)
        report_bad (report, expected,
                    g_strdup_printf (_("The trail was cut off: it should end at entry %lld but ends at %lld."),
                                     (long long) head_seq, (long long) expected - 1));
      else if (head_seq < expected - 1 || sodium_memcmp (sqlite3_column_blob (head, 1), prev, HASH_BYTES) != 0)
        report_bad (report, head_seq + 1,
                    g_strdup_printf (_("Entries after %lld were added outside Liandang."), (long long) head_seq));
    }
  else if (rc == SQLITE_DONE)
    {
      if (expected > 1)
        report_bad (report, 1, g_strdup (_("The record of the last entry is missing.")));
    }
  else
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ld_audit_verify (LdVault       *vault,
                 LdAuditReport *report,
                 GError       **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (report != NULL, FALSE);

  ld_audit_report_clear (report);
  if (!ld_vault_check (vault, LD_ACTION_AUDIT_VERIFY, error))
    return FALSE;
  if (!verify_chain (vault, report, error))
    return FALSE;

  if (report->first_bad_seq == 0)
    details = g_strdup_printf ("intact, %" G_GINT64_FORMAT " entries", report->n_entries);
  else
    details = g_strdup_printf ("broken at entry %" G_GINT64_FORMAT, report->first_bad_seq);

  /* Record the verification itself. A broken chain is still recorded: the
   * new entry links to the last stored one. */
  if (!_ld_vault_begin (vault, error))
    return FALSE;
  if (!ld_audit_append (vault, LD_AUDIT_AUDIT_VERIFIED, "audit", "",
                        report->first_bad_seq == 0 ? LD_AUDIT_OUTCOME_OK : LD_AUDIT_OUTCOME_FAILED,
                        details, error)
      || !_ld_vault_commit (vault, error))
    {
      _ld_vault_rollback (vault);
      return FALSE;
    }
  return TRUE;
}
