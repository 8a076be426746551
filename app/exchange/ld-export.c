/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export"

#include "config.h"

#include "exchange/ld-export-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/exchange/ld-exchange-config.h"
#include "ld-error.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-settings-repository.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-vault-private.h"

#define MAX_PURPOSE_CHARS 200
#define TICK_UNKNOWN_STEP 250

typedef gboolean (*LdExportBuilder) (LdExportContext *ctx,
                                     GError         **error);

/* --- Kinds ---------------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *title;
  gboolean    has_reporters;
  gboolean    constant_memory;  /* stream rows: the large tables */
} kinds[LD_N_EXPORT_KINDS] = {
  /* Translators: 干部花名册 */
  [LD_EXPORT_ROSTER] = { "roster", N_("Cadre roster"), FALSE, TRUE },
  /* Translators: 干部廉政档案 */
  [LD_EXPORT_CADRE] = { "cadre", N_("Cadre integrity file"), TRUE, FALSE },
  /* Translators: 干部廉政档案（批量） */
  [LD_EXPORT_CADRES] = { "cadres", N_("Cadre integrity files"), TRUE, FALSE },
  /* Translators: 信访举报台账 */
  [LD_EXPORT_PETITIONS] = { "petitions", N_("Petitions and reports ledger"), TRUE, TRUE },
  /* Translators: 问题线索台账 */
  [LD_EXPORT_CLUES] = { "clues", N_("Problem clues ledger"), TRUE, TRUE },
  /* Translators: 谈话台账 */
  [LD_EXPORT_TALKS] = { "talks", N_("Talks ledger"), FALSE, TRUE },
  /* Translators: 处理处分台账 */
  [LD_EXPORT_MEASURES] = { "measures", N_("Measures and sanctions ledger"), FALSE, TRUE },
  /* Translators: 党风廉政意见回复台账 */
  [LD_EXPORT_OPINIONS] = { "opinions", N_("Integrity opinions ledger"), FALSE, FALSE },
  /* Translators: 整改台账 */
  [LD_EXPORT_LEDGER] = { "ledger", N_("Rectification ledger"), FALSE, FALSE },
  /* Translators: 纪检监察建议台账 */
  [LD_EXPORT_RECOMMENDATIONS] = { "recommendations", N_("Supervision recommendations ledger"), FALSE, FALSE },
  /* Translators: 监督看板 */
  [LD_EXPORT_BOARD] = { "board", N_("Supervision board"), FALSE, TRUE },
  /* Translators: 四种形态统计表 */
  [LD_EXPORT_FOUR_FORMS] = { "four-forms", N_("Four forms statistics"), FALSE, FALSE },
};

const char *
ld_export_kind_to_string (LdExportKind kind)
{
  g_return_val_if_fail ((guint) kind < LD_N_EXPORT_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
ld_export_kind_from_string (const char   *str,
                            LdExportKind *kind)
{
  for (guint i = 0; str != NULL && i < LD_N_EXPORT_KINDS; i++)
    if (g_str_equal (kinds[i].name, str))
      {
        if (kind != NULL)
          *kind = (LdExportKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ld_export_kind_get_title (LdExportKind kind)
{
  g_return_val_if_fail ((guint) kind < LD_N_EXPORT_KINDS, NULL);
  return _(kinds[kind].title);
}

gboolean
ld_export_kind_has_reporters (LdExportKind kind)
{
  g_return_val_if_fail ((guint) kind < LD_N_EXPORT_KINDS, FALSE);
  return kinds[kind].has_reporters;
}

static LdExportBuilder
kind_get_builder (LdExportKind kind)
{
  switch (kind)
    {
#ifdef LD_EXPORT_HAVE_ROSTER
    case LD_EXPORT_ROSTER: return _ld_export_roster;
#endif
#ifdef LD_EXPORT_HAVE_CADRE_FILE
    case LD_EXPORT_CADRE: return _ld_export_cadre_file;
    case LD_EXPORT_CADRES: return _ld_export_cadre_file;
#endif
#ifdef LD_EXPORT_HAVE_CASES
    case LD_EXPORT_PETITIONS: return _ld_export_petitions;
    case LD_EXPORT_CLUES: return _ld_export_clues;
    case LD_EXPORT_TALKS: return _ld_export_talks;
    case LD_EXPORT_BOARD: return _ld_export_board;
#endif
#ifdef LD_EXPORT_HAVE_LEDGERS
    case LD_EXPORT_MEASURES: return _ld_export_measures;
    case LD_EXPORT_OPINIONS: return _ld_export_opinions;
    case LD_EXPORT_LEDGER: return _ld_export_ledger;
    case LD_EXPORT_RECOMMENDATIONS: return _ld_export_recommendations;
    case LD_EXPORT_FOUR_FORMS: return _ld_export_four_forms;
#endif
    default:
      return NULL;
    }
}

/* --- Roster columns ------------------------------------------------------- */

static const char * const default_columns[] = {
  "name", "sex", "birth_date", "age", "ethnicity", "native_place", "political_status",
  "party_joined", "edu_fulltime", "degree_fulltime", "unit", "post", "post_level", "rank",
  "post_since", "promoted_at", "authority", "status", "id_number", "categories", NULL
};

const char * const *
ld_export_roster_columns (void)
{
  static const char **columns = NULL;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char * const *fields = ld_cadre_field_names ();
      guint n = g_strv_length ((char **) fields);
      guint k = 0;

      columns = g_new0 (const char *, n + 5);
      columns[k++] = "id";
      for (guint i = 0; i < n; i++)
        {
          columns[k++] = g_str_equal (fields[i], "unit_id") ? "unit" : fields[i];
          if (g_str_equal (fields[i], "birth_date"))
            columns[k++] = "age";
        }
      columns[k++] = "categories";
      columns[k++] = "tags";
      columns[k] = NULL;
      g_once_init_leave (&done, 1);
    }
  return columns;
}

const char * const *
ld_export_roster_default_columns (void)
{
  return default_columns;
}

const char *
ld_export_roster_column_get_label (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_equal (key, "id"))
    /* Translators: 档案编号 */
    return C_("roster column", "Record number");
  if (g_str_equal (key, "age"))
    /* Translators: 年龄 */
    return C_("roster column", "Age");
  if (g_str_equal (key, "categories"))
    /* Translators: 干部类别（一把手、年轻干部……） */
    return C_("roster column", "Categories");
  if (g_str_equal (key, "tags"))
    /* Translators: 标签 */
    return C_("roster column", "Tags");
  if (g_str_equal (key, "unit"))
    return ld_cadre_field_get_label ("unit_id");
  if (g_str_equal (key, "unit_id"))
    return NULL;
  return ld_cadre_field_get_label (key);
}

/* --- Request and result --------------------------------------------------- */

LdExportRequest *
ld_export_request_new (LdExportKind kind)
{
  LdExportRequest *request = g_new0 (LdExportRequest, 1);

  request->kind = kind;
  request->order = LD_CADRE_ORDER_UNIT;
  return request;
}

LdExportRequest *
ld_export_request_copy (const LdExportRequest *request)
{
  LdExportRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new0 (LdExportRequest, 1);
  *copy = *request;
  copy->purpose = g_strdup (request->purpose);
  copy->path = g_strdup (request->path);
  copy->from = g_strdup (request->from);
  copy->to = g_strdup (request->to);
  copy->search = g_strdup (request->search);
  copy->authority = g_strdup (request->authority);
  copy->post_level = g_strdup (request->post_level);
  copy->status = g_strdup (request->status);
  copy->tag = g_strdup (request->tag);
  copy->columns = g_strdupv (request->columns);
  copy->cadre_ids = NULL;
  if (request->cadre_ids != NULL)
    {
      copy->cadre_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), request->cadre_ids->len);
      g_array_append_vals (copy->cadre_ids, request->cadre_ids->data, request->cadre_ids->len);
    }
  return copy;
}

void
ld_export_request_free (LdExportRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->purpose);
  g_free (request->path);
  g_free (request->from);
  g_free (request->to);
  g_clear_pointer (&request->cadre_ids, g_array_unref);
  g_free (request->search);
  g_free (request->authority);
  g_free (request->post_level);
  g_free (request->status);
  g_free (request->tag);
  g_strfreev (request->columns);
  g_free (request);
}

void
ld_export_result_free (LdExportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->sha256);
  g_free (result);
}

/* --- Context helpers ------------------------------------------------------ */

void
_ld_export_add_columns (LdExportContext    *ctx,
                        const char         *sheet,
                        const LdXlsxColumn *columns,
                        guint               n_columns)
{
  if (ctx->columns == NULL)
    ctx->columns = g_string_new (NULL);
  if (ctx->columns->len > 0)
    g_string_append (ctx->columns, "; ");
  g_string_append_printf (ctx->columns, "%s: ", sheet != NULL ? sheet : "");
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append (ctx->columns, ", ");
      g_string_append (ctx->columns, columns[i].header);
    }
}

static void
report_progress (LdExportContext *ctx,
                 const char      *detail)
{
  if (ctx->progress != NULL)
    ctx->progress (ctx->done, ctx->total, detail, ctx->progress_data);
}

gboolean
_ld_export_tick (LdExportContext *ctx,
                 const char      *detail,
                 GError         **error)
{
  gint64 step;

  ctx->done++;
  if (ctx->progress != NULL)
    {
      step = ctx->total > 0 ? MIN (MAX (ctx->total / 100, 1), TICK_UNKNOWN_STEP) : TICK_UNKNOWN_STEP;
      if (ctx->done % step == 0 || ctx->done == ctx->total)
        report_progress (ctx, detail);
    }
  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

void
_ld_export_set_total (LdExportContext *ctx,
                      gint64           total)
{
  ctx->total = total;
}

gboolean
_ld_export_in_period (LdExportContext *ctx,
                      const char      *date)
{
  const char *from = ctx->request->from;
  const char *to = ctx->request->to;
  gboolean bounded = (from != NULL && *from != '\0') || (to != NULL && *to != '\0');
  char day[11];

  if (!bounded)
    return TRUE;
  if (date == NULL || strlen (date) < 7)
    return FALSE;
  /* "YYYY-MM" counts as the 1st of the month. */
  if (strlen (date) >= 10)
    g_strlcpy (day, date, sizeof day);
  else
    g_snprintf (day, sizeof day, "%.7s-01", date);
  if (from != NULL && *from != '\0' && strcmp (day, from) < 0)
    return FALSE;
  if (to != NULL && *to != '\0' && strcmp (day, to) > 0)
    return FALSE;
  return TRUE;
}

/* --- Checks --------------------------------------------------------------- */

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
check_request (const LdExportRequest *request,
               GError               **error)
{
  g_autofree char *purpose = g_strstrip (g_strdup (request->purpose != NULL ? request->purpose : ""));
  GDate from, to;
  gboolean has_from = request->from != NULL && *request->from != '\0';
  gboolean has_to = request->to != NULL && *request->to != '\0';

  if (*purpose == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("An export needs a purpose. Say why the data leaves the vault, e.g. “annual report to the county commission”."));
      return FALSE;
    }
  if (!g_utf8_validate (purpose, -1, NULL) || g_utf8_strlen (purpose, -1) > MAX_PURPOSE_CHARS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The purpose is too long. Shorten it to at most %d characters."), MAX_PURPOSE_CHARS);
      return FALSE;
    }
  if (has_from && !parse_day (request->from, &from))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid start date. Write it as YYYY-MM-DD."), request->from);
      return FALSE;
    }
  if (has_to && !parse_day (request->to, &to))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a valid end date. Write it as YYYY-MM-DD."), request->to);
      return FALSE;
    }
  if (has_from && has_to && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The period starts on %s, after its end on %s. Swap the dates."), request->from, request->to);
      return FALSE;
    }
  if (request->path == NULL || *request->path == '\0')
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   request->kind == LD_EXPORT_CADRES
                   ? _("Choose the folder to write the workbooks to.")
                   : _("Choose the file to write the workbook to."));
      return FALSE;
    }
  return TRUE;
}

/* --- Scope line and options ----------------------------------------------- */

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The scope ("某某局及下属单位", or the cadre's unit for a cadre's file),
 * the period and who exported when, joined by ideographic spaces. */
static char *
build_scope_line (LdVault               *vault,
                  const LdExportRequest *request,
                  const char            *unit_name)
{
  const LdSession *session = ld_vault_get_session (vault);
  g_autofree char *now = now_text ();
  g_autofree char *scope = NULL;
  g_autofree char *period = NULL;
  g_autofree char *exported = NULL;
  gboolean has_from = request->from != NULL && *request->from != '\0';
  gboolean has_to = request->to != NULL && *request->to != '\0';
  GString *line = g_string_new (NULL);

  if (request->kind == LD_EXPORT_CADRE || request->kind == LD_EXPORT_CADRES)
    /* Translators: 范围：%s */
    scope = g_strdup_printf (_("Scope: %s"), unit_name != NULL ? unit_name : "");
  else if (request->unit_id != 0 && unit_name != NULL)
    {
      /* Translators: %s 及下属单位 */
      g_autofree char *units = g_strdup_printf (_("%s and the units below it"), unit_name);

      scope = g_strdup_printf (_("Scope: %s"), units);
    }
  else
    /* Translators: 范围：权限内全部单位 */
    scope = g_strdup_printf (_("Scope: %s"), _("all units in your scope"));
  g_string_append (line, scope);

  if (has_from && has_to)
    /* Translators: 期间：2026-01-01 至 2026-03-31 */
    period = g_strdup_printf (_("Period: %s to %s"), request->from, request->to);
  else if (has_from)
    /* Translators: 期间：2026-01-01 起 */
    period = g_strdup_printf (_("Period: from %s"), request->from);
  else if (has_to)
    /* Translators: 期间：截至 2026-03-31 */
    period = g_strdup_printf (_("Period: until %s"), request->to);
  if (period != NULL)
    {
      g_string_append (line, "\u3000");
      g_string_append (line, period);
    }

  /* Translators: 导出：账号 时间 */
  exported = g_strdup_printf (_("Exported: %s %s"), session != NULL ? session->name : "", now);
  g_string_append (line, "\u3000");
  g_string_append (line, exported);
  return g_string_free (line, FALSE);
}

static char *
unit_name_of (LdVault  *vault,
              gint64    unit_id,
              GError  **error)
{
  g_autoptr(LdUnit) unit = NULL;

  if (unit_id == 0)
    return NULL;
  unit = ld_unit_repository_get (vault, unit_id, error);
  if (unit == NULL)
    return NULL;
  return g_strdup (ld_unit_get_name (unit));
}

typedef struct
{
  char *classification;
  char *organisation;
} Settings;

static void
settings_clear (Settings *settings)
{
  g_clear_pointer (&settings->classification, g_free);
  g_clear_pointer (&settings->organisation, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Settings, settings_clear)

static gboolean
settings_load (LdVault  *vault,
               Settings *settings,
               GError  **error)
{
  settings->classification = ld_settings_repository_get (vault, LD_SETTING_CLASSIFICATION_MARK, error);
  if (settings->classification == NULL)
    return FALSE;
  settings->organisation = ld_settings_repository_get (vault, LD_SETTING_ORGANISATION, error);
  return settings->organisation != NULL;
}

/* --- Audit ---------------------------------------------------------------- */

static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

static gboolean
audit_done (LdExportContext *ctx,
            const Settings  *settings,
            const char      *path,
            const char      *sha256,
            gint64           rows,
            guint            truncated,
            GError         **error)
{
  const LdExportRequest *request = ctx->request;
  const char *kind = kinds[request->kind].name;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *purpose = one_line (g_strstrip (g_strdup (request->purpose)));
  g_autofree char *columns = one_line (ctx->columns != NULL ? ctx->columns->str : "");
  g_autofree char *details = NULL;
  g_autofree char *cadre = NULL;
  const char *object_id = kind;

  if (request->kind == LD_EXPORT_CADRES || request->kind == LD_EXPORT_CADRE)
    cadre = g_strdup_printf ("; cadre=%" G_GINT64_FORMAT, ctx->cadre_id);
  details = g_strdup_printf ("kind=%s; purpose=%s; file=%s%s; rows=%" G_GINT64_FORMAT
                             "; columns=%s; classification=%s; sha256=%s; truncated=%u%s",
                             kind, purpose, base, cadre != NULL ? cadre : "", rows, columns,
                             settings->classification, sha256, truncated,
                             ctx->reveal_reporters ? "; reporters=revealed" : "");

  if (!_ld_vault_begin (ctx->vault, error))
    return FALSE;
  if (!ld_audit_append (ctx->vault, LD_AUDIT_EXPORT_DONE, "export", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    goto fail;
  if (ctx->reveal_reporters && ctx->revealed != NULL && ctx->revealed->len > 0)
    {
      GString *numbers = g_string_new (NULL);
      g_autofree char *reveal = NULL;

      for (guint i = 0; i < ctx->revealed->len; i++)
        {
          if (i > 0)
            g_string_append (numbers, ", ");
          g_string_append (numbers, g_ptr_array_index (ctx->revealed, i));
        }
      reveal = g_strdup_printf ("kind=%s; file=%s; sha256=%s; petitions=%s", kind, base, sha256, numbers->str);
      g_string_free (numbers, TRUE);
      if (!ld_audit_append (ctx->vault, LD_AUDIT_EXPORT_REPORTERS, "export", object_id, LD_AUDIT_OUTCOME_OK,
                            reveal, error))
        goto fail;
    }
  if (!_ld_vault_commit (ctx->vault, error))
    goto fail;
  return TRUE;

fail:
  _ld_vault_rollback (ctx->vault);
  return FALSE;
}

/* Best effort: the failure is recorded in its own transaction; a failure
 * to record it is only logged. */
static void
audit_failed (LdVault               *vault,
              const LdExportRequest *request,
              const char            *path,
              const GError          *reason)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : g_strdup ("");
  g_autofree char *purpose = one_line (request->purpose);
  g_autofree char *why = NULL;
  g_autofree char *details = NULL;

  if (reason != NULL && g_error_matches (reason, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    why = g_strdup ("cancelled");
  else
    why = one_line (reason != NULL ? reason->message : "unknown");
  details = g_strdup_printf ("kind=%s; purpose=%s; file=%s; reason=%s",
                             kinds[request->kind].name, purpose, base, why);
  if (!_ld_vault_begin (vault, &local_error))
    goto out;
  if (!ld_audit_append (vault, LD_AUDIT_EXPORT_FAILED, "export", kinds[request->kind].name,
                        LD_AUDIT_OUTCOME_FAILED, details, &local_error)
      || !_ld_vault_commit (vault, &local_error))
    _ld_vault_rollback (vault);

out:
  if (local_error != NULL)
    g_warning ("Could not record the failed export: %s", local_error->message);
}

/* --- One workbook --------------------------------------------------------- */

static void
context_clear (LdExportContext *ctx)
{
  g_clear_pointer (&ctx->revealed, g_ptr_array_unref);
  g_clear_pointer (&ctx->scope_line, g_free);
  if (ctx->columns != NULL)
    g_string_free (ctx->columns, TRUE);
  ctx->columns = NULL;
}

/* Writes one workbook at path with builder: writer, builder, close,
 * audit, commit. On failure nothing is left at path (and nothing was
 * audited as done). */
static gboolean
write_workbook (LdExportContext *ctx,
                LdExportBuilder  builder,
                const Settings  *settings,
                const char      *path,
                const char      *title,
                const char      *company,
                gint64          *rows,
                guint           *truncated,
                char           **sha256,
                GError         **error)
{
  const LdExportRequest *request = ctx->request;
  const LdSession *session = ld_vault_get_session (ctx->vault);
  g_autofree char *comments = g_strdup_printf (_("Liandang export: %s"), ld_export_kind_get_title (request->kind));
  g_autoptr(LdXlsxWriter) writer = NULL;
  g_autofree char *digest = NULL;
  gint64 start = g_get_monotonic_time (), built = 0, closed = 0, audited = 0;
  LdXlsxOptions options = {
    .title = title,
    .subject = ld_export_kind_get_title (request->kind),
    .author = session != NULL ? session->name : NULL,
    .company = company,
    .classification = settings->classification,
    .comments = comments,
    .created = 0,
    .constant_memory = kinds[request->kind].constant_memory,
  };

  writer = ld_xlsx_writer_new (path, &options, error);
  if (writer == NULL)
    return FALSE;
  ctx->writer = writer;
  if (!builder (ctx, error))
    goto fail;
  /* The last step, whatever the builder's ticks reported. */
  report_progress (ctx, NULL);
  built = g_get_monotonic_time ();
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    goto fail;
  if (!ld_xlsx_writer_close (writer, &digest, error))
    goto fail;
  closed = g_get_monotonic_time ();
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    goto fail;
  *rows = ld_xlsx_writer_get_rows (writer);
  *truncated = ld_xlsx_writer_get_truncated (writer);
  /* The audit first: if it cannot be written, the file never appears. */
  if (!audit_done (ctx, settings, path, digest, *rows, *truncated, error))
    goto fail;
  audited = g_get_monotonic_time ();
  if (!ld_xlsx_writer_commit (writer, error))
    goto fail;
  g_debug ("%s: %" G_GINT64_FORMAT " rows; build %.2f s, close %.2f s, audit %.2f s, commit %.2f s",
           kinds[request->kind].name, *rows, (built - start) / 1e6, (closed - built) / 1e6,
           (audited - closed) / 1e6, (g_get_monotonic_time () - audited) / 1e6);
  ctx->writer = NULL;
  *sha256 = g_steal_pointer (&digest);
  return TRUE;

fail:
  ctx->writer = NULL;
  return FALSE;
}

static LdExportResult *
run_single (LdVault               *vault,
            const LdExportRequest *request,
            LdExportBuilder        builder,
            gboolean               reveal,
            const Settings        *settings,
            LdExportProgressFunc   progress,
            gpointer               progress_data,
            GCancellable          *cancellable,
            GError               **error)
{
  LdExportContext ctx = { 0 };
  g_autoptr(LdExportResult) result = g_new0 (LdExportResult, 1);
  g_autofree char *unit_name = NULL;
  g_autofree char *title = NULL;
  const char *company;
  gboolean ok;

  if (request->kind == LD_EXPORT_CADRE)
    {
      gint64 id = request->cadre_id;
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &id, 1, error);

      if (cadres != NULL && cadres->len == 0)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                     _("There is no cadre with record number %lld in your units. Check the number."),
                     (long long) id);
      if (cadres == NULL || cadres->len == 0)
        {
          audit_failed (vault, request, request->path, *error);
          return NULL;
        }
      unit_name = g_strdup (ld_cadre_get_unit_name (g_ptr_array_index (cadres, 0)));
      /* Translators: 干部廉政档案：张三 */
      title = g_strdup_printf (_("%s: %s"), ld_export_kind_get_title (request->kind),
                               ld_cadre_get_name (g_ptr_array_index (cadres, 0)));
    }
  else
    {
      if (request->unit_id != 0)
        {
          unit_name = unit_name_of (vault, request->unit_id, error);
          if (unit_name == NULL)
            {
              audit_failed (vault, request, request->path, *error);
              return NULL;
            }
        }
      title = g_strdup (ld_export_kind_get_title (request->kind));
    }
  company = settings->organisation[0] != '\0' ? settings->organisation : unit_name;

  ctx.vault = vault;
  ctx.request = request;
  ctx.reveal_reporters = reveal;
  ctx.revealed = g_ptr_array_new_with_free_func (g_free);
  ctx.scope_line = build_scope_line (vault, request, unit_name);
  ctx.columns = g_string_new (NULL);
  ctx.cadre_id = request->cadre_id;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;

  ok = write_workbook (&ctx, builder, settings, request->path, title, company,
                       &result->rows, &result->truncated, &result->sha256, error);
  context_clear (&ctx);
  if (!ok)
    {
      audit_failed (vault, request, request->path, *error);
      return NULL;
    }
  result->path = g_strdup (request->path);
  result->files = 1;
  return g_steal_pointer (&result);
}

/* --- Batch of cadre files ------------------------------------------------- */

static char *
sanitise_name (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
          || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  /* No hidden or relative names. */
  if (out->len > 0 && out->str[0] == '.')
    out->str[0] = '_';
  return g_string_free (out, FALSE);
}

/* At most max_bytes of text, cut at a character boundary. */
static char *
utf8_cut (const char *text,
          gsize       max_bytes)
{
  const char *end = text;

  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) <= max_bytes)
    return g_strdup (text);
  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if ((gsize) (next - text) > max_bytes)
        break;
      end = next;
    }
  return g_strndup (text, end - text);
}

/* "单位-姓名-1234": the unit and the name cut so that the file name, its
 * " (2)" and the writer's temporary ".NAME.XXXXXX.part" stay within the
 * 255 bytes a file name may have. */
#define STEM_UNIT_BYTES 120
#define STEM_NAME_BYTES 60

static char *
cadre_file_stem (LdCadre *cadre)
{
  const char *id_number = ld_cadre_get_id_number (cadre);
  gsize len = id_number != NULL ? strlen (id_number) : 0;
  g_autofree char *unit = utf8_cut (ld_cadre_get_unit_name (cadre), STEM_UNIT_BYTES);
  g_autofree char *name = utf8_cut (ld_cadre_get_name (cadre), STEM_NAME_BYTES);
  g_autofree char *raw = g_strdup_printf ("%s-%s-%s", unit, name,
                                          len >= 4 ? id_number + len - 4 : (id_number != NULL ? id_number : ""));

  return sanitise_name (raw);
}

static gboolean
check_folder (const char  *path,
              GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The folder “%s” does not exist. Choose an existing folder."), path);
      return FALSE;
    }
  if (g_access (path, W_OK | X_OK) != 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The folder “%s” cannot be written to. Choose a folder you may write to."), path);
      return FALSE;
    }
  return TRUE;
}

/* A name not used in this batch and not on disk before the batch. */
static char *
unique_path (const char *folder,
             const char *stem,
             GHashTable *used)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.xlsx", stem)
                                     : g_strdup_printf ("%s (%u).xlsx", stem, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_hash_table_contains (used, name) || g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      g_hash_table_add (used, g_steal_pointer (&name));
      return g_steal_pointer (&path);
    }
}

static LdExportResult *
run_batch (LdVault               *vault,
           const LdExportRequest *request,
           LdExportBuilder        builder,
           gboolean               reveal,
           const Settings        *settings,
           LdExportProgressFunc   progress,
           gpointer               progress_data,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(LdExportResult) result = g_new0 (LdExportResult, 1);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!check_folder (request->path, error))
    {
      audit_failed (vault, request, request->path, *error);
      return NULL;
    }
  if (request->cadre_ids != NULL)
    ids = g_array_ref (request->cadre_ids);
  else
    {
      LdCadreFilter filter = { .unit_id = request->unit_id, .order = LD_CADRE_ORDER_UNIT };

      ids = ld_cadre_repository_list_ids (vault, &filter, error);
      if (ids == NULL)
        {
          audit_failed (vault, request, request->path, *error);
          return NULL;
        }
    }
  if (ids->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("There are no cadres to export. Choose a unit with cadres or select some cadres."));
      audit_failed (vault, request, request->path, *error);
      return NULL;
    }

  result->path = g_strdup (request->path);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) cadres = NULL;
      LdCadre *cadre;
      LdExportContext ctx = { 0 };
      g_autofree char *stem = NULL;
      g_autofree char *path = NULL;
      g_autofree char *title = NULL;
      g_autofree char *sha256 = NULL;
      const char *company;
      gint64 rows = 0;
      guint truncated = 0;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      cadres = ld_cadre_repository_get_many (vault, &id, 1, &local_error);
      if (cadres == NULL)
        break;
      if (cadres->len == 0)
        {
          g_set_error (&local_error, LD_ERROR, LD_ERROR_NOT_FOUND,
                       _("There is no cadre with record number %lld in your units. Check the number."),
                       (long long) id);
          break;
        }
      cadre = g_ptr_array_index (cadres, 0);
      stem = cadre_file_stem (cadre);
      path = unique_path (request->path, stem, used);
      title = g_strdup_printf (_("%s: %s"), ld_export_kind_get_title (LD_EXPORT_CADRE), ld_cadre_get_name (cadre));
      company = settings->organisation[0] != '\0' ? settings->organisation : ld_cadre_get_unit_name (cadre);

      if (progress != NULL)
        progress (i, ids->len, ld_cadre_get_name (cadre), progress_data);

      ctx.vault = vault;
      ctx.request = request;
      ctx.reveal_reporters = reveal;
      ctx.revealed = g_ptr_array_new_with_free_func (g_free);
      ctx.scope_line = build_scope_line (vault, request, ld_cadre_get_unit_name (cadre));
      ctx.columns = g_string_new (NULL);
      ctx.cadre_id = id;
      /* Progress is per cadre; the builder's ticks only check cancel. */
      ctx.progress = NULL;
      ctx.cancellable = cancellable;

      ok = write_workbook (&ctx, builder, settings, path, title, company, &rows, &truncated, &sha256, &local_error);
      context_clear (&ctx);
      if (!ok)
        {
          audit_failed (vault, request, path, local_error);
          break;
        }
      result->files++;
      result->rows += rows;
      result->truncated += truncated;
    }

  if (local_error == NULL)
    {
      if (progress != NULL)
        progress (ids->len, ids->len, NULL, progress_data);
      return g_steal_pointer (&result);
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && result->files > 0)
    {
      result->cancelled = TRUE;
      return g_steal_pointer (&result);
    }
  if (local_error->domain == LD_ERROR && result->files > 0)
    g_prefix_error (&local_error, g_dngettext (GETTEXT_PACKAGE, "%u workbook was written before the error. ",
                                               "%u workbooks were written before the error. ", result->files),
                    result->files);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* --- Run ------------------------------------------------------------------ */

LdExportResult *
ld_export_run (LdVault               *vault,
               const LdExportRequest *request,
               LdExportProgressFunc   progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_auto(Settings) settings = { 0 };
  g_autoptr(GError) local_error = NULL;
  LdExportResult *result;
  LdExportBuilder builder;
  gboolean reveal = FALSE;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail ((guint) request->kind < LD_N_EXPORT_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ld_vault_check (vault, LD_ACTION_EXPORT, error))
    return NULL;
  if (!check_request (request, error))
    return NULL;
  if (request->include_reporters && kinds[request->kind].has_reporters)
    {
      if (!ld_vault_check (vault, LD_ACTION_REPORTER_IDENTITY, error))
        return NULL;
      reveal = TRUE;
    }
  builder = kind_get_builder (request->kind);
  if (builder == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The export “%s” is not available in this build of Liandang."),
                   ld_export_kind_get_title (request->kind));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!settings_load (vault, &settings, error))
    return NULL;

  /* Never NULL below: a failure's reason goes into its audit entry. */
  if (request->kind == LD_EXPORT_CADRES)
    result = run_batch (vault, request, builder, reveal, &settings, progress, progress_data, cancellable,
                        &local_error);
  else
    result = run_single (vault, request, builder, reveal, &settings, progress, progress_data, cancellable,
                         &local_error);
  if (result == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

/* --- File names ----------------------------------------------------------- */

char *
ld_export_suggest_filename (LdVault               *vault,
                            const LdExportRequest *request)
{
  g_autofree char *today = today_text ();
  g_autofree char *stem = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  if (request->kind == LD_EXPORT_CADRES)
    return sanitise_name (ld_export_kind_get_title (request->kind));
  if (request->kind == LD_EXPORT_CADRE && vault != NULL && request->cadre_id > 0)
    {
      gint64 id = request->cadre_id;
      g_autoptr(GPtrArray) cadres = ld_cadre_repository_get_many (vault, &id, 1, NULL);

      if (cadres != NULL && cadres->len == 1)
        {
          stem = cadre_file_stem (g_ptr_array_index (cadres, 0));
          return g_strdup_printf ("%s.xlsx", stem);
        }
    }
  stem = sanitise_name (ld_export_kind_get_title (request->kind));
  return g_strdup_printf ("%s-%s.xlsx", stem, today);
}

/* --- Async ---------------------------------------------------------------- */

/* Shared between the worker and the caller's main context; progress calls
 * are coalesced: at most one is pending, carrying the latest values. */
typedef struct
{
  GMainContext         *context;
  LdExportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_free;
  GMutex                mutex;
  gboolean              pending;
  gint64                done;
  gint64                total;
  char                 *detail;
} ProgressRelay;

static void
progress_relay_free (gpointer data)
{
  ProgressRelay *relay = data;

  if (relay->progress_data_free != NULL)
    relay->progress_data_free (relay->progress_data);
  g_main_context_unref (relay->context);
  g_mutex_clear (&relay->mutex);
  g_free (relay->detail);
}

static void
progress_relay_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_relay_free);
}

static gboolean
progress_relay_dispatch (gpointer data)
{
  ProgressRelay *relay = data;
  g_autofree char *detail = NULL;
  gint64 done, total;

  g_mutex_lock (&relay->mutex);
  relay->pending = FALSE;
  done = relay->done;
  total = relay->total;
  detail = g_steal_pointer (&relay->detail);
  g_mutex_unlock (&relay->mutex);

  relay->progress (done, total, detail, relay->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker. */
static void
progress_relay_report (gint64      done,
                       gint64      total,
                       const char *detail,
                       gpointer    data)
{
  ProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->mutex);
  relay->done = done;
  relay->total = total;
  g_free (relay->detail);
  relay->detail = g_strdup (detail);
  schedule = !relay->pending;
  relay->pending = TRUE;
  g_mutex_unlock (&relay->mutex);

  if (schedule)
    g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_relay_dispatch,
                                g_atomic_rc_box_acquire (relay), progress_relay_release);
}

static gboolean
progress_relay_nothing (gpointer data)
{
  return G_SOURCE_REMOVE;
}

typedef struct
{
  LdExportRequest *request;
  ProgressRelay   *relay;        /* NULL without a progress callback */
  GCancellable    *cancellable;  /* the caller's, or NULL */
} AsyncJob;

static void
async_job_free (gpointer data)
{
  AsyncJob *job = data;

  ld_export_request_free (job->request);
  g_clear_object (&job->cancellable);
  /* The last reference may be dropped on the worker: hand it to the
   * caller's context so progress_data_free runs there, after any pending
   * progress call. */
  if (job->relay != NULL)
    g_main_context_invoke_full (job->relay->context, G_PRIORITY_DEFAULT, progress_relay_nothing,
                                job->relay, progress_relay_release);
  g_free (job);
}

static gpointer
async_job_run (LdVault       *vault,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  AsyncJob *job = data;

  return ld_export_run (vault, job->request,
                        job->relay != NULL ? progress_relay_report : NULL, job->relay,
                        job->cancellable, error);
}

void
ld_export_run_async (LdVault               *vault,
                     const LdExportRequest *request,
                     LdExportProgressFunc   progress,
                     gpointer               progress_data,
                     GDestroyNotify         progress_data_free,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  AsyncJob *job;

  g_return_if_fail (LD_IS_VAULT (vault));
  g_return_if_fail (request != NULL);

  job = g_new0 (AsyncJob, 1);
  job->request = ld_export_request_copy (request);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  if (progress != NULL)
    {
      job->relay = g_atomic_rc_box_new0 (ProgressRelay);
      job->relay->context = g_main_context_ref_thread_default ();
      job->relay->progress = progress;
      job->relay->progress_data = progress_data;
      job->relay->progress_data_free = progress_data_free;
      g_mutex_init (&job->relay->mutex);
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);

  /* The export checks the cancellable itself: handing it to the task
   * would turn a batch cancelled after some finished workbooks (a result,
   * cancelled = TRUE) into a bare "cancelled" error. */
  ld_vault_run_async (vault, async_job_run, job, async_job_free, (GDestroyNotify) ld_export_result_free,
                      NULL, callback, user_data);
}

LdExportResult *
ld_export_run_finish (LdVault       *vault,
                      GAsyncResult  *result,
                      GError       **error)
{
  return ld_vault_run_finish (vault, result, error);
}
