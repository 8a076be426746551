/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-export"

#include "config.h"

#include "ld-cli.h"

#include "exchange/ld-export.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "rules/ld-categories.h"
#include "vault/ld-vault.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* `export roster|cadre ID|cadres|petitions|clues|talks|measures|opinions|
 * ledger|recommendations|board|four-forms`: one Excel workbook (a folder
 * of them for cadres) through ld_export_run(), with progress on a terminal
 * and Ctrl+C cancelling. */

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

/* The exit status of an export stopped by Ctrl+C (128 + SIGINT, as shells
 * report it). */
#define EXIT_CANCELLED 130

static const char * const authorities[] = { "central", "province", "city", "county", "unit", NULL };
static const char * const levels[] = { "xiangke", "xianchu", "tingju", "shengbu", "guojia", NULL };
static const char * const statuses[] = { "serving", "left", "retired", "transferred", NULL };

/* --- options ------------------------------------------------------------------------ */

typedef struct
{
  char     *purpose;
  char     *out;
  char     *dir;
  char     *unit;
  char     *from;
  char     *to;
  gboolean  include_reporters;
  char     *ids;
  /* roster */
  char     *search;
  char    **categories;
  char     *authority;
  char     *level;
  char     *status;
  char     *tag;
  char     *order;
  gboolean  descending;
  gboolean  include_retired;
  char    **columns;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->purpose);
  g_free (o->out);
  g_free (o->dir);
  g_free (o->unit);
  g_free (o->from);
  g_free (o->to);
  g_free (o->ids);
  g_free (o->search);
  g_strfreev (o->categories);
  g_free (o->authority);
  g_free (o->level);
  g_free (o->status);
  g_free (o->tag);
  g_free (o->order);
  g_strfreev (o->columns);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static void
add_entry (GArray       *entries,
           GOptionEntry  entry)
{
  g_array_append_val (entries, entry);
}

/* The options kind takes, pointing into o; terminated. */
static GArray *
export_entries (LdExportKind   kind,
                ExportOptions *o)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  gboolean ledger = kind != LD_EXPORT_ROSTER && kind != LD_EXPORT_CADRE && kind != LD_EXPORT_CADRES;

  add_entry (entries, (GOptionEntry) {
    "purpose", 'p', 0, G_OPTION_ARG_STRING, &o->purpose,
    N_("Why the data leaves the vault (required; recorded in the audit trail)"), N_("TEXT") });
  if (kind == LD_EXPORT_CADRES)
    add_entry (entries, (GOptionEntry) {
      "dir", 'd', 0, G_OPTION_ARG_FILENAME, &o->dir,
      N_("The folder that receives one workbook per cadre (required)"), N_("DIR") });
  else
    add_entry (entries, (GOptionEntry) {
      "out", 'o', 0, G_OPTION_ARG_FILENAME, &o->out, N_("The workbook to write (required)"), N_("FILE.xlsx") });
  if (kind != LD_EXPORT_CADRE)
    add_entry (entries, (GOptionEntry) {
      "unit", 'u', 0, G_OPTION_ARG_STRING, &o->unit, N_("Only this unit and the units below it"), N_("ID") });
  if (kind == LD_EXPORT_CADRES)
    add_entry (entries, (GOptionEntry) {
      "ids", 0, 0, G_OPTION_ARG_STRING, &o->ids,
      N_("These cadres instead of a unit: record numbers shown by “cadre list”, comma-separated"),
      N_("ID,ID,…") });
  if (ledger)
    {
      add_entry (entries, (GOptionEntry) {
        "from", 0, 0, G_OPTION_ARG_STRING, &o->from, N_("Only records dated on or after this day"),
        N_("YYYY-MM-DD") });
      add_entry (entries, (GOptionEntry) {
        "to", 0, 0, G_OPTION_ARG_STRING, &o->to, N_("Only records dated on or before this day"),
        N_("YYYY-MM-DD") });
    }
  if (ld_export_kind_has_reporters (kind))
    add_entry (entries, (GOptionEntry) {
      "include-reporters", 0, 0, G_OPTION_ARG_NONE, &o->include_reporters,
      N_("Show reporters' names, units and contacts (needs the reporter-identity grant; audited)"), NULL });
  if (kind == LD_EXPORT_ROSTER)
    {
      add_entry (entries, (GOptionEntry) {
        "search", 0, 0, G_OPTION_ARG_STRING, &o->search,
        N_("Only cadres whose name, pinyin, initials, ID number or post contain TEXT"), N_("TEXT") });
      add_entry (entries, (GOptionEntry) {
        "category", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &o->categories,
        N_("Only cadres in one of these computed categories: top-leader, young, newly-promoted, key-position "
           "(repeatable, or a comma-separated list)"),
        N_("CATEGORY") });
      add_entry (entries, (GOptionEntry) {
        "authority", 0, 0, G_OPTION_ARG_STRING, &o->authority,
        N_("Only cadres under this management authority: central, province, city, county or unit"),
        N_("CODE") });
      add_entry (entries, (GOptionEntry) {
        "level", 0, 0, G_OPTION_ARG_STRING, &o->level,
        N_("Only cadres at this post level: xiangke, xianchu, tingju, shengbu or guojia"), N_("CODE") });
      add_entry (entries, (GOptionEntry) {
        "status", 0, 0, G_OPTION_ARG_STRING, &o->status,
        N_("Only cadres with this employment status: serving, left, retired or transferred"), N_("CODE") });
      add_entry (entries, (GOptionEntry) {
        "tag", 0, 0, G_OPTION_ARG_STRING, &o->tag, N_("Only cadres with this manual tag"), N_("TAG") });
      add_entry (entries, (GOptionEntry) {
        "order", 0, 0, G_OPTION_ARG_STRING, &o->order,
        N_("Sort by stroke (surname strokes, the default), pinyin, unit, age (youngest first), rank (highest "
           "first), post-since (longest in the post first) or id"),
        N_("ORDER") });
      add_entry (entries, (GOptionEntry) {
        "descending", 0, 0, G_OPTION_ARG_NONE, &o->descending, N_("Reverse the order"), NULL });
      add_entry (entries, (GOptionEntry) {
        "include-retired", 0, 0, G_OPTION_ARG_NONE, &o->include_retired, N_("Also export retired files"),
        NULL });
      add_entry (entries, (GOptionEntry) {
        "columns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->columns,
        N_("The columns, in this order: keys listed below, comma-separated or repeated (default: 20 columns)"),
        N_("KEY,KEY,…") });
    }
  return entries;
}

/* --- checks ------------------------------------------------------------------------- */

static gboolean
require_option (gboolean     given,
                const char  *option,
                const char  *why,
                GError     **error)
{
  if (given)
    return TRUE;
  /* Translators: %s is an option with its argument, e.g. "--purpose TEXT", then a sentence saying why. */
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("The option %s is required. %s"), option, why);
  return FALSE;
}

static gboolean
parse_id (const char  *text,
          const char  *what_hint,
          gint64      *id,
          GError     **error)
{
  guint64 n = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    {
      g_autofree char *shown = ld_cli_text_sanitize (text ? text : "");

      /* Translators: the first %s is what was typed, the second a sentence saying where numbers are shown. */
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("“%s” is not a number. %s"), shown, what_hint);
      return FALSE;
    }
  *id = (gint64) n;
  return TRUE;
}

/* Text typed as an option arrives in the locale's encoding. */
static gboolean
to_utf8 (char        **text,
         const char   *option,
         GError      **error)
{
  char *utf8;

  if (*text == NULL)
    return TRUE;
  utf8 = g_locale_to_utf8 (*text, -1, NULL, NULL, NULL);
  if (utf8 == NULL)
    {
      /* Translators: %s is an option, e.g. --purpose. */
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("The value of %s is not text in the encoding of the current "
                                                      "locale."), option);
      return FALSE;
    }
  g_free (*text);
  *text = g_strstrip (utf8);
  return TRUE;
}

static gboolean
check_date (const char  *text,
            const char  *option,
            GError     **error)
{
  guint year = 0, month = 0, day = 0;
  char end = '\0';

  if (text == NULL)
    return TRUE;
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-'
      && sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TRUE;
  {
    g_autofree char *shown = ld_cli_text_sanitize (text);

    /* Translators: an option (--from or --to), then what was typed. */
    g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("%s: “%s” is not a date. Write it as YYYY-MM-DD, for example "
                                                    "2026-01-31."), option, shown);
  }
  return FALSE;
}

static gboolean
check_code (const char          *value,
            const char * const  *codes,
            const char          *option,
            GError             **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *known = NULL;

  if (value == NULL || g_strv_contains (codes, value))
    return TRUE;
  shown = ld_cli_text_sanitize (value);
  known = g_strjoinv (", ", (char **) codes);
  /* Translators: an option, the value typed and the values it takes. */
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("%s: unknown value “%s”. Use one of: %s."), option, shown, known);
  return FALSE;
}

/* --category given once or more, each a code or a comma-separated list. */
static gboolean
parse_categories (char    **values,
                  guint    *flags,
                  GError  **error)
{
  *flags = 0;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *code = g_strstrip (parts[j]);
          LdCategory category;

          if (*code == '\0')
            continue;
          category = ld_category_from_string (code);
          if (category == LD_CATEGORY_NONE)
            {
              g_autofree char *shown = ld_cli_text_sanitize (code);

              g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                           _("“%s” is not a category. Use top-leader, young, newly-promoted or key-position."),
                           shown);
              return FALSE;
            }
          *flags |= category;
        }
    }
  return TRUE;
}

static gboolean
parse_order (const char    *text,
             LdCadreOrder  *order,
             GError       **error)
{
  static const struct
  {
    const char   *name;
    LdCadreOrder  order;
  } orders[] = {
    { "stroke", LD_CADRE_ORDER_STROKE },
    { "pinyin", LD_CADRE_ORDER_PINYIN },
    { "unit", LD_CADRE_ORDER_UNIT },
    { "age", LD_CADRE_ORDER_AGE },
    { "rank", LD_CADRE_ORDER_RANK },
    { "post-since", LD_CADRE_ORDER_POST_SINCE },
    { "id", LD_CADRE_ORDER_ID },
  };
  g_autofree char *shown = NULL;

  *order = LD_CADRE_ORDER_STROKE;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (g_str_equal (orders[i].name, text))
      {
        *order = orders[i].order;
        return TRUE;
      }
  shown = ld_cli_text_sanitize (text);
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
               _("“%s” is not an order. Use stroke, pinyin, unit, age, rank, post-since or id."), shown);
  return FALSE;
}

/* --columns given once or more, each a key or a comma-separated list. */
static gboolean
parse_columns (char    **values,
               GStrv    *columns,
               GError  **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  const char * const *known = ld_export_roster_columns ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  *columns = NULL;
  if (values == NULL)
    return TRUE;
  builder = g_strv_builder_new ();
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          const char *key = g_strstrip (parts[j]);

          if (*key == '\0')
            continue;
          if (!g_strv_contains (known, key))
            {
              g_autofree char *shown = ld_cli_text_sanitize (key);

              g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                           _("“%s” is not a roster column. “liandang-cli export roster --help” lists the keys."),
                           shown);
              return FALSE;
            }
          if (g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
            continue;
          g_ptr_array_add (seen, g_strdup (key));
          g_strv_builder_add (builder, key);
        }
    }
  if (seen->len == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                           _("--columns names no column. Give keys such as name,id_number,unit."));
      return FALSE;
    }
  *columns = g_strv_builder_end (builder);
  return TRUE;
}

/* "--ids 3,4,5" (repeats dropped). */
static gboolean
parse_ids (const char  *text,
           GArray     **ids,
           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = 0;
      gboolean dup = FALSE;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (!parse_id (parts[i], _("Give the record numbers shown by “cadre list”."), &id, error))
        return FALSE;
      for (guint j = 0; j < array->len && !dup; j++)
        dup = g_array_index (array, gint64, j) == id;
      if (!dup)
        g_array_append_val (array, id);
    }
  if (array->len == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                           _("--ids names no cadre. Give record numbers shown by “cadre list”, e.g. --ids 3,4,5."));
      return FALSE;
    }
  *ids = g_steal_pointer (&array);
  return TRUE;
}

static gboolean
has_xlsx_suffix (const char *path)
{
  gsize len = strlen (path);

  return len > 5 && g_ascii_strcasecmp (path + len - 5, ".xlsx") == 0;
}

/* Checks the options and fills a request, before the password is asked. */
static LdExportRequest *
build_request (LdExportKind    kind,
               ExportOptions  *o,
               char          **args,
               GError        **error)
{
  g_autoptr(LdExportRequest) request = ld_export_request_new (kind);
  const char *unit_hint = _("Give the unit number shown by “unit list”.");

  if (!to_utf8 (&o->purpose, "--purpose", error)
      || !require_option (o->purpose != NULL && *o->purpose != '\0', "--purpose TEXT",
                          _("Say why the data leaves the vault, e.g. --purpose “年度考核”; it is recorded in the "
                            "audit trail."), error))
    return NULL;
  request->purpose = g_strdup (o->purpose);

  if (kind == LD_EXPORT_CADRES)
    {
      if (!require_option (o->dir != NULL && *o->dir != '\0', "--dir DIR",
                           _("Name the folder that receives the workbooks."), error))
        return NULL;
      request->path = g_strdup (o->dir);
      if (o->ids != NULL && o->unit != NULL)
        {
          g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                               _("Give either --unit or --ids, not both."));
          return NULL;
        }
      if (!require_option (o->ids != NULL || o->unit != NULL, "--unit ID",
                           _("Say which cadres: --unit ID (the unit and the units below it) or --ids 3,4,5."),
                           error))
        return NULL;
      if (o->ids != NULL && !parse_ids (o->ids, &request->cadre_ids, error))
        return NULL;
    }
  else
    {
      g_autofree char *shown = NULL;

      if (!require_option (o->out != NULL && *o->out != '\0', "--out FILE.xlsx",
                           _("Name the workbook to write."), error))
        return NULL;
      if (!has_xlsx_suffix (o->out))
        {
          shown = g_filename_display_name (o->out);
          g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                       _("The file “%s” must end in .xlsx: exports are Excel workbooks."), shown);
          return NULL;
        }
      request->path = g_strdup (o->out);
    }

  if (kind == LD_EXPORT_CADRE
      && !parse_id (args[0], _("Give the record number shown by “cadre list”."), &request->cadre_id, error))
    return NULL;
  if (o->unit != NULL && !parse_id (o->unit, unit_hint, &request->unit_id, error))
    return NULL;
  if (!check_date (o->from, "--from", error) || !check_date (o->to, "--to", error))
    return NULL;
  if (o->from != NULL && o->to != NULL && strcmp (o->from, o->to) > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("--from %s is after --to %s: the first day comes before the last."), o->from, o->to);
      return NULL;
    }
  request->from = g_strdup (o->from);
  request->to = g_strdup (o->to);
  request->include_reporters = o->include_reporters;

  if (kind == LD_EXPORT_ROSTER)
    {
      if (!to_utf8 (&o->search, "--search", error) || !to_utf8 (&o->tag, "--tag", error)
          || !parse_categories (o->categories, &request->categories, error)
          || !parse_order (o->order, &request->order, error)
          || !check_code (o->authority, authorities, "--authority", error)
          || !check_code (o->level, levels, "--level", error)
          || !check_code (o->status, statuses, "--status", error)
          || !parse_columns (o->columns, &request->columns, error))
        return NULL;
      if (o->search != NULL && *o->search != '\0')
        request->search = g_strdup (o->search);
      if (o->tag != NULL && *o->tag != '\0')
        request->tag = g_strdup (o->tag);
      request->authority = g_strdup (o->authority);
      request->post_level = g_strdup (o->level);
      request->status = g_strdup (o->status);
      request->descending = o->descending;
      request->include_retired = o->include_retired;
    }
  return g_steal_pointer (&request);
}

/* --- running ------------------------------------------------------------------------ */

/* What the progress line needs. The export's thread writes the line; the
 * main thread stops it on Ctrl+C and clears it at the end. */
typedef struct
{
  gboolean batch;
  gboolean tty;      /* progress is shown on standard error */
  gboolean shown;    /* a progress line is on the screen */
  gint     stopped;  /* atomic: finished or interrupted, show no more */
} Progress;

typedef struct
{
  LdVault               *vault;
  const LdExportRequest *request;
  GMainLoop             *loop;
  GCancellable          *cancellable;
  Progress               progress;
  LdExportResult        *result;
  GError                *error;
} ExportRun;

static guint
stderr_width (void)
{
  struct winsize size;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

static void
clear_progress (Progress *progress)
{
  if (!progress->shown)
    return;
  fputs ("\r\033[K", stderr);
  fflush (stderr);
  progress->shown = FALSE;
}

/* A single line on the terminal, rewritten in place. */
static void
on_progress (gint64      done,
             gint64      total,
             const char *detail,
             gpointer    user_data)
{
  Progress *progress = user_data;
  g_autoptr(GString) line = g_string_new (NULL);
  guint width;

  if (!progress->tty || g_atomic_int_get (&progress->stopped))
    return;
  if (progress->batch && total > 0)
    /* Translators: progress of a batch export: workbooks done, workbooks in all. */
    g_string_printf (line, _("Exporting: %lld of %lld files"), (long long) done, (long long) total);
  else if (progress->batch)
    g_string_printf (line, _("Exporting: %lld files"), (long long) done);
  else if (total > 0)
    /* Translators: progress of an export: rows done, rows in all, percent. */
    g_string_printf (line, _("Exporting: %lld of %lld rows (%d%%)"), (long long) done, (long long) total,
                     (int) (CLAMP (done, 0, total) * 100 / total));
  else
    g_string_printf (line, _("Exporting: %lld rows"), (long long) done);
  width = stderr_width ();
  if (detail != NULL && *detail != '\0')
    {
      g_autofree char *shown = ld_cli_text_sanitize (detail);

      if (ld_cli_text_width (line->str) + ld_cli_text_width (shown) + 4 < width)
        g_string_append_printf (line, " — %s", shown);
    }
  if (ld_cli_text_width (line->str) >= width)
    return;
  fprintf (stderr, "\r%s\033[K", line->str);
  fflush (stderr);
  progress->shown = TRUE;
}

static gboolean
on_signal (gpointer user_data)
{
  ExportRun *run = user_data;

  g_atomic_int_set (&run->progress.stopped, TRUE);
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_done (gpointer user_data)
{
  ExportRun *run = user_data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
export_thread (gpointer data)
{
  ExportRun *run = data;
  GSource *source = g_idle_source_new ();

  run->result = ld_export_run (run->vault, run->request, on_progress, &run->progress, run->cancellable,
                               &run->error);
  g_atomic_int_set (&run->progress.stopped, TRUE);
  /* Always through the loop: g_main_context_invoke() would call on_done
   * right here if the loop had not started yet, and the loop would then
   * never stop. */
  g_source_set_callback (source, on_done, run, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);
  return NULL;
}

/* Runs the export on a thread of its own while this thread waits in a main
 * loop for it and for Ctrl+C (SIGTERM and SIGHUP cancel too), so that a
 * cancelled export leaves no file. The vault is not used here meanwhile.
 * (Not ld_export_run_async(): its task drops the result of a batch stopped
 * by cancel, which keeps the workbooks already written.) */
static LdExportResult *
run_export (LdVault                *vault,
            const LdExportRequest  *request,
            GError                **error)
{
  ExportRun run = { 0 };
  const int signums[] = { SIGINT, SIGTERM, SIGHUP };
  guint signals[G_N_ELEMENTS (signums)];
  GThread *thread;

  run.vault = vault;
  run.request = request;
  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  run.progress.batch = request->kind == LD_EXPORT_CADRES;
  run.progress.tty = isatty (STDERR_FILENO);
  for (guint i = 0; i < G_N_ELEMENTS (signums); i++)
    signals[i] = g_unix_signal_add (signums[i], on_signal, &run);

  thread = g_thread_new ("export", export_thread, &run);
  g_main_loop_run (run.loop);
  g_thread_join (thread);

  for (guint i = 0; i < G_N_ELEMENTS (signums); i++)
    g_source_remove (signals[i]);
  clear_progress (&run.progress);
  g_main_loop_unref (run.loop);
  g_object_unref (run.cancellable);
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  return run.result;
}

static int
export_run (LdCli               *cli,
            const LdCliCommand  *command,
            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_auto(ExportOptions) o = { 0 };
  g_autoptr(GArray) entries = NULL;
  g_autoptr(LdExportRequest) request = NULL;
  g_autoptr(LdExportResult) result = NULL;
  g_autofree char *shown = NULL;
  LdExportKind kind = LD_EXPORT_ROSTER;

  if (!ld_export_kind_from_string (command->name, &kind))
    g_return_val_if_reached (1);
  entries = export_entries (kind, &o);
  PARSE_OR_RETURN (cli, command, (const GOptionEntry *) (gpointer) entries->data, args, error);
  request = build_request (kind, &o, *args, &error);
  REPORT_IF_FAILED (cli, request != NULL, error);

  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  result = run_export (cli->vault, request, &error);
  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && kind == LD_EXPORT_CADRES)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Cancelled after %u file.\n", "Cancelled after %u files.\n", 0), 0);
      return EXIT_CANCELLED;
    }
  if (result == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("liandang-cli: %s\n", _("The export was cancelled; no file was written."));
      return EXIT_CANCELLED;
    }
  REPORT_IF_FAILED (cli, result != NULL, error);

  shown = g_filename_display_name (result->path != NULL ? result->path : request->path);
  if (result->truncated > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "liandang-cli: warning: %u cell was longer than 32,767 characters, the most a cell "
                             "holds; it was cut and says so.\n",
                             "liandang-cli: warning: %u cells were longer than 32,767 characters, the most a cell "
                             "holds; they were cut and say so.\n",
                             result->truncated),
                result->truncated);
  if (kind == LD_EXPORT_CADRES)
    {
      if (result->cancelled)
        {
          g_print (g_dngettext (GETTEXT_PACKAGE, "Cancelled after %u file.\n", "Cancelled after %u files.\n",
                                result->files),
                   result->files);
          return EXIT_CANCELLED;
        }
      /* Translators: the first part counts workbooks, the second (in %s) rows;
       * e.g. "Wrote 12 files (340 rows) to /home/a/out." */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file (%lld rows) to %s.\n",
                            "Wrote %u files (%lld rows) to %s.\n", result->files),
               result->files, (long long) result->rows, shown);
      return 0;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %lld row to %s.\n",
                        "Exported %lld rows to %s.\n", (gulong) MAX (result->rows, 0)),
           (long long) result->rows, shown);
  g_print ("SHA-256: %s\n", result->sha256 != NULL ? result->sha256 : "");
  return 0;
}

/* --- help --------------------------------------------------------------------------- */

static char *
export_help (void)
{
  return g_strdup (_("Exports need the export grant, given by the security administrator with “user grant NAME "
                     "export”. --purpose says why the data leaves the vault. Only the units in your scope are "
                     "exported.\n"
                     "\n"
                     "Reporters' names, units and contacts are masked unless you hold the reporter-identity grant "
                     "and give --include-reporters; showing them is audited separately, with the registration "
                     "numbers of the petitions.\n"
                     "\n"
                     "Every sheet carries the classification mark of “settings show” in its page header and the "
                     "workbook's properties. The workbook is written under a temporary name in the target folder "
                     "and renamed when complete: an error or Ctrl+C leaves no file (exit status 130).\n"
                     "\n"
                     "The audit trail records export.done with the kind, the purpose, the file name, the number of "
                     "rows, the columns, the classification mark and the file's SHA-256, which is printed at the "
                     "end; a failed export is recorded as export.failed."));
}

static char *
roster_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *common = export_help ();
  const char * const *keys = ld_export_roster_columns ();
  const char * const *defaults = ld_export_roster_default_columns ();
  g_autofree char *default_list = g_strjoinv (",", (char **) defaults);
  guint width = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    width = MAX (width, ld_cli_text_width (keys[i]));
  g_string_append_printf (out, "%s\n\n%s\n", common, _("Columns (--columns):"));
  for (guint i = 0; keys[i] != NULL; i++)
    g_string_append_printf (out, "  %-*s  %s\n", (int) width, keys[i], ld_export_roster_column_get_label (keys[i]));
  g_string_append_printf (out, "\n%s\n  %s\n", _("Default columns:"), default_list);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
batch_help (void)
{
  g_autofree char *common = export_help ();

  return g_strconcat (common, "\n\n",
                      _("Each cadre gets a workbook named 单位-姓名-1234.xlsx (unit, name and the last four "
                        "characters of the ID number), and an audit entry of its own. Ctrl+C stops the batch: the "
                        "workbook being written is removed, the ones already finished stay, each complete and "
                        "audited, and the tool prints how many there are."),
                      NULL);
}

#define LEDGER_PARAMETERS N_("--purpose TEXT --out FILE.xlsx [--unit ID] [--from DATE] [--to DATE]")
#define REPORTER_LEDGER_PARAMETERS \
  N_("--purpose TEXT --out FILE.xlsx [--unit ID] [--from DATE] [--to DATE] [--include-reporters]")

static const LdCliCommand export_commands[] = {
  {
    "export", "roster",
    N_("--purpose TEXT --out FILE.xlsx [--unit ID] [--search TEXT] [--category CATEGORY…] [--authority CODE] "
       "[--level CODE] [--status CODE] [--tag TAG] [--order ORDER] [--descending] [--include-retired] "
       "[--columns KEY,…]"),
    N_("Export the cadre roster to an Excel workbook: the cadres “cadre list” shows with the same filters."),
    N_("ID numbers are written as text so that no digit is lost; dates are real dates."),
    0, 0, export_run, roster_help,
  },
  {
    "export", "cadre",
    N_("ID --purpose TEXT --out FILE.xlsx [--include-reporters]"),
    N_("Export one cadre's integrity file (廉政档案) to an Excel workbook: a cover sheet and one sheet per "
       "section."),
    N_("ID is the record number shown by “cadre list”. The petitions concerning the cadre have their reporters "
       "masked."),
    1, 1, export_run, export_help,
  },
  {
    "export", "cadres",
    N_("--unit ID|--ids ID,… --dir DIR --purpose TEXT [--include-reporters]"),
    N_("Export the integrity files of a unit's cadres, or of the cadres named, one workbook each into a "
       "folder."),
    NULL,
    0, 0, export_run, batch_help,
  },
  {
    "export", "petitions",
    REPORTER_LEDGER_PARAMETERS,
    N_("Export the petitions and reports ledger (信访举报台账) to an Excel workbook."),
    N_("--from and --to keep the petitions received in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "clues",
    REPORTER_LEDGER_PARAMETERS,
    N_("Export the problem clues ledger (问题线索台账) to an Excel workbook."),
    N_("--from and --to keep the clues registered in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "talks",
    LEDGER_PARAMETERS,
    N_("Export the talks ledger (谈话台账) to an Excel workbook."),
    N_("--from and --to keep the talks held in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "measures",
    LEDGER_PARAMETERS,
    N_("Export the measures and sanctions ledger (处理处分台账), with effect periods, to an Excel workbook."),
    N_("--from and --to keep the measures decided in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "opinions",
    LEDGER_PARAMETERS,
    N_("Export the integrity opinion replies ledger (党风廉政意见回复台账) to an Excel workbook."),
    N_("--from and --to keep the requests received in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "ledger",
    LEDGER_PARAMETERS,
    N_("Export the rectification ledger (整改台账) to an Excel workbook."),
    N_("--from and --to keep the items dated in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "recommendations",
    LEDGER_PARAMETERS,
    N_("Export the supervision recommendations ledger (纪检监察建议台账) to an Excel workbook."),
    N_("--from and --to keep the recommendations issued in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "board",
    LEDGER_PARAMETERS,
    N_("Export the supervision board (deadlines overdue, due soon and due later) to an Excel workbook."),
    N_("--from and --to keep the items dated in that period (both days included)."),
    0, 0, export_run, export_help,
  },
  {
    "export", "four-forms",
    LEDGER_PARAMETERS,
    N_("Export the four-forms statistics table to an Excel workbook."),
    N_("--from and --to give the period counted (both days included)."),
    0, 0, export_run, export_help,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_export_commands (void)
{
  return export_commands;
}
