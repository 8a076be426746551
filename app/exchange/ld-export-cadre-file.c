/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-export-cadre-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "exchange/ld-export-private.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-private.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-file-section.h"
#include "records/ld-measure-repository.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-petition-repository.h"
#include "records/ld-talk-repository.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-effect-periods.h"

/* One cadre's complete integrity file (领导干部廉政档案) as a workbook:
 * the cover sheet laid out like the paper form, then one table sheet per
 * section B … Z in file order (F petitions, G talks, H measures and M
 * opinion replies come from their registers), then the file's history.
 *
 * Everything is read first, so the progress knows the number of rows and
 * a refusal (the cadre out of scope, a missing grant) writes nothing;
 * then the sheets are written. An empty section still gets its sheet,
 * with one row saying that nothing is recorded, as a clerk writes "无" on
 * the paper form. With a period (request from / to) the dated records
 * are those of the period; the cover and undated sections stay whole. */

/* The cover grid: three label/value pairs a row, the photo box in the
 * last column of the first COVER_PHOTO_ROWS rows. */
#define COVER_COLUMNS    7
#define COVER_PHOTO_COL  6
#define COVER_PHOTO_ROWS 4
#define COVER_FIRST_ROW  3

/* One table sheet, read before anything is written. */
typedef struct
{
  char      *name;
  char      *title;
  GArray    *columns;   /* LdXlsxColumn; headers are static translated strings */
  GPtrArray *rows;      /* char ** (GStrv) of columns->len values, "" = blank */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->title);
  g_array_unref (sheet->columns);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static Sheet *
sheet_new (LdCadre    *cadre,
           const char *name)
{
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->name = g_strdup (name);
  /* Translators: the title of a sheet of a cadre's file: the cadre's name
   * and the section, "张三 家庭成员及主要社会关系" */
  sheet->title = g_strdup_printf (C_("cadre file", "%s: %s"), ld_cadre_get_name (cadre), name);
  sheet->columns = g_array_new (FALSE, TRUE, sizeof (LdXlsxColumn));
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return sheet;
}

static void
sheet_add_column (Sheet      *sheet,
                  const char *header,
                  LdXlsxKind  kind)
{
  LdXlsxColumn column = { header, kind };

  g_array_append_val (sheet->columns, column);
}

/* Starts a row of blanks (""): fill it with row_set() and add it with
 * sheet_add_row(). A GStrv: free it with g_strfreev(). */
static char **
row_new (Sheet *sheet)
{
  char **values = g_new0 (char *, sheet->columns->len + 1);

  for (guint i = 0; i < sheet->columns->len; i++)
    values[i] = g_strdup ("");
  return values;
}

static void
row_set (char       **values,
         guint        column,
         const char  *value)
{
  g_free (values[column]);
  values[column] = g_strdup (value != NULL ? value : "");
}

static void
row_take (char **values,
          guint  column,
          char  *value)
{
  g_free (values[column]);
  values[column] = value != NULL ? value : g_strdup ("");
}

static void
sheet_add_row (Sheet  *sheet,
               char  **values)
{
  g_ptr_array_add (sheet->rows, values);
}

static const char *
yes_no (gboolean value)
{
  /* Translators: a yes/no cell of an exported sheet (是 / 否) */
  return value ? C_("cell", "Yes") : C_("cell", "No");
}

static char *
time_text (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Whether a record dated DATE belongs in the file: all do without a
 * period; with one, those dated in it (_ld_export_in_period()), and a
 * report year when it overlaps the period. */
static gboolean
in_period (LdExportContext *ctx,
           const char      *date)
{
  const char *from = ctx->request->from;
  const char *to = ctx->request->to;

  if (date != NULL && strlen (date) == 4)
    {
      g_autofree char *first = g_strdup_printf ("%s-01-01", date);
      g_autofree char *last = g_strdup_printf ("%s-12-31", date);

      return (from == NULL || *from == '\0' || strcmp (last, from) >= 0)
             && (to == NULL || *to == '\0' || strcmp (first, to) <= 0);
    }
  return _ld_export_in_period (ctx, date);
}

/* --- Sections B … Z (dated entries) ----------------------------------------------- */

static LdXlsxKind
field_kind (LdEntryFieldType type)
{
  switch (type)
    {
    case LD_ENTRY_FIELD_LONG_TEXT:
      return LD_XLSX_LONG_TEXT;
    case LD_ENTRY_FIELD_DATE:
      return LD_XLSX_DATE;
    case LD_ENTRY_FIELD_YEAR:
    case LD_ENTRY_FIELD_INT:
      return LD_XLSX_INTEGER;
    case LD_ENTRY_FIELD_DECIMAL:
      return LD_XLSX_DECIMAL;
    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_BOOL:
    case LD_ENTRY_FIELD_CHOICE:
    default:
      return LD_XLSX_TEXT;
    }
}

static guint
choice_index (const LdEntryFieldInfo *field,
              const char             *code)
{
  guint i;

  for (i = 0; field != NULL && field->choices != NULL && field->choices[i].code != NULL; i++)
    if (g_strcmp0 (field->choices[i].code, code) == 0)
      return i;
  return i;
}

/* By the relation's place in its choice list, then in the order entered. */
static int
compare_relation (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LdEntryFieldInfo *field = user_data;
  LdFileEntry *ea = *(LdFileEntry * const *) a;
  LdFileEntry *eb = *(LdFileEntry * const *) b;
  guint ia = choice_index (field, ld_file_entry_get_value (ea, "relation"));
  guint ib = choice_index (field, ld_file_entry_get_value (eb, "relation"));
  gint64 da = ld_file_entry_get_id (ea);
  gint64 db = ld_file_entry_get_id (eb);

  if (ia != ib)
    return ia < ib ? -1 : 1;
  return da < db ? -1 : da > db;
}

static Sheet *
read_entries (LdExportContext         *ctx,
              LdCadre                 *cadre,
              const LdFileSectionInfo *section,
              GPtrArray               *entries,
              guint                   *next)
{
  g_autoptr(Sheet) sheet = sheet_new (cadre, ld_file_section_gettext (section->title));
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();

  if (section->date_label != NULL)
    sheet_add_column (sheet, ld_file_section_gettext (section->date_label),
                      section->date_type == LD_ENTRY_FIELD_YEAR ? LD_XLSX_INTEGER : LD_XLSX_DATE);
  if (section->kinds != NULL)
    /* Translators: column of a file section's sheet: the sub-kind of an entry (类别) */
    sheet_add_column (sheet, C_("cadre file", "Kind"), LD_XLSX_TEXT);
  for (guint f = 0; f < section->n_fields; f++)
    sheet_add_column (sheet, ld_file_section_gettext (section->fields[f].label), field_kind (section->fields[f].type));

  /* The entries come by section in file order, newest first. */
  for (; *next < entries->len; (*next)++)
    {
      LdFileEntry *entry = g_ptr_array_index (entries, *next);

      if (g_strcmp0 (ld_file_entry_get_section (entry), section->code) != 0)
        break;
      /* Undated sections (family) are always whole. */
      if (section->date_label == NULL || in_period (ctx, ld_file_entry_get_entry_date (entry)))
        g_ptr_array_add (mine, entry);
    }
  /* Family members as the forms list them: spouse, children, parents … */
  if (g_str_equal (section->code, "B"))
    g_ptr_array_sort_with_data (mine, compare_relation, (gpointer) ld_file_section_find_field (section, "relation"));

  for (guint e = 0; e < mine->len; e++)
    {
      LdFileEntry *entry = g_ptr_array_index (mine, e);
      char **values;
      guint col = 0;

      values = row_new (sheet);
      if (section->date_label != NULL)
        row_set (values, col++, ld_file_entry_get_entry_date (entry));
      if (section->kinds != NULL)
        row_set (values, col++, ld_file_section_kind_label (section, ld_file_entry_get_kind (entry)));
      for (guint f = 0; f < section->n_fields; f++)
        {
          const LdEntryFieldInfo *field = &section->fields[f];
          const char *value = ld_file_entry_get_value (entry, field->key);

          if (*value != '\0' && field->type == LD_ENTRY_FIELD_CHOICE)
            value = ld_entry_field_choice_label (field, value);
          else if (*value != '\0' && field->type == LD_ENTRY_FIELD_BOOL)
            value = yes_no (g_str_equal (value, "1"));
          row_set (values, col++, value);
        }
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- F: petitions concerning the cadre -------------------------------------------- */

static Sheet *
read_petitions (LdExportContext          *ctx,
                LdCadre                  *cadre,
                const LdFileSectionInfo  *section,
                GError                  **error)
{
  g_autoptr(Sheet) sheet = sheet_new (cadre, ld_file_section_gettext (section->title));
  g_autoptr(GPtrArray) petitions = NULL;
  g_autofree char *reason = NULL;

  petitions = ld_petition_repository_list_for_cadre (ctx->vault, ld_cadre_get_id (cadre), error);
  if (petitions == NULL)
    return NULL;

  /* Translators: columns of the petitions sheet of a cadre's file */
  sheet_add_column (sheet, C_("petition column", "Registration number"), LD_XLSX_CODE);
  /* Translators: 收件日期 */
  sheet_add_column (sheet, C_("petition column", "Received"), LD_XLSX_DATE);
  /* Translators: 信访类别 */
  sheet_add_column (sheet, C_("petition column", "Kind"), LD_XLSX_TEXT);
  /* Translators: 来源渠道 */
  sheet_add_column (sheet, C_("petition column", "Channel"), LD_XLSX_TEXT);
  /* Translators: 是否实名 */
  sheet_add_column (sheet, C_("petition column", "Real name"), LD_XLSX_TEXT);
  /* Translators: 反映人 */
  sheet_add_column (sheet, C_("petition column", "Reporter"), LD_XLSX_TEXT);
  /* Translators: 反映人单位 */
  sheet_add_column (sheet, C_("petition column", "Reporter's unit"), LD_XLSX_TEXT);
  /* Translators: 反映人联系方式 */
  sheet_add_column (sheet, C_("petition column", "Reporter's contact"), LD_XLSX_TEXT);
  /* Translators: 主要问题摘要 */
  sheet_add_column (sheet, C_("petition column", "Summary"), LD_XLSX_LONG_TEXT);
  /* Translators: 问题类别 */
  sheet_add_column (sheet, C_("petition column", "Problem categories"), LD_XLSX_TEXT);
  /* Translators: 办理状态 */
  sheet_add_column (sheet, C_("petition column", "Status"), LD_XLSX_TEXT);
  /* Translators: 办结日期 */
  sheet_add_column (sheet, C_("petition column", "Closed on"), LD_XLSX_DATE);
  /* Translators: 办理结果 (查实/部分属实/失实 …) */
  sheet_add_column (sheet, C_("petition column", "Result"), LD_XLSX_TEXT);
  /* Translators: 重复件所属首件 */
  sheet_add_column (sheet, C_("petition column", "Repeat of"), LD_XLSX_CODE);

  if (ctx->reveal_reporters)
    /* Translators: the reason recorded when an export shows reporters'
     * identities; %s is the export's purpose */
    reason = g_strdup_printf (_("Export of a cadre's file: %s"), ctx->request->purpose);

  for (guint i = 0; i < petitions->len; i++)
    {
      LdPetition *petition = g_ptr_array_index (petitions, i);
      char **values;
      gboolean real_name = ld_petition_get_real_name (petition);

      if (!in_period (ctx, ld_petition_get_received_date (petition)))
        continue;
      values = row_new (sheet);

      row_set (values, 0, ld_petition_get_reg_no (petition));
      row_set (values, 1, ld_petition_get_received_date (petition));
      row_set (values, 2, ld_petition_get_kind_label (petition));
      row_set (values, 3, ld_petition_get_channel_label (petition));
      row_set (values, 4, yes_no (real_name));
      if (!real_name)
        /* Translators: the reporter of an anonymous petition (匿名) */
        row_set (values, 5, C_("petition", "Anonymous"));
      else if (ctx->reveal_reporters)
        {
          g_autoptr(LdReporter) reporter = NULL;

          /* Audited per petition by the repository; the export's own
           * entry lists the registration numbers. */
          if (!ld_petition_repository_reveal_reporter (ctx->vault, ld_petition_get_id (petition), reason,
                                                       &reporter, error))
            {
              g_strfreev (values);
              return NULL;
            }
          if (reporter != NULL)
            {
              row_set (values, 5, reporter->name);
              row_set (values, 6, reporter->unit);
              row_set (values, 7, reporter->contact);
              g_ptr_array_add (ctx->revealed, g_strdup (ld_petition_get_reg_no (petition)));
            }
        }
      else
        {
          /* Translators: a real-name reporter's identity left out of an
           * export (已隐去) */
          row_set (values, 5, C_("reporter", "Withheld"));
          row_set (values, 6, "***");
          row_set (values, 7, "***");
        }
      row_set (values, 8, ld_petition_get_summary (petition));
      row_set (values, 9, ld_petition_get_categories_label (petition));
      row_set (values, 10, ld_petition_get_status_label (petition));
      row_set (values, 11, ld_petition_get_closed_date (petition));
      row_set (values, 12, ld_petition_get_result_label (petition));
      row_set (values, 13, ld_petition_get_repeat_of_reg_no (petition));
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- G: talks with the cadre -------------------------------------------------------- */

static Sheet *
read_talks (LdExportContext          *ctx,
            LdCadre                  *cadre,
            const LdFileSectionInfo  *section,
            GError                  **error)
{
  static const struct { const char *field; LdXlsxKind kind; } columns[] = {
    { "reg_no", LD_XLSX_CODE },
    { "talk_date", LD_XLSX_DATE },
    { "type", LD_XLSX_TEXT },
    { "place", LD_XLSX_TEXT },
    { "talkers", LD_XLSX_TEXT },
    { "recorder", LD_XLSX_TEXT },
    { "reason", LD_XLSX_LONG_TEXT },
    { "problems", LD_XLSX_LONG_TEXT },
    { "explanation", LD_XLSX_LONG_TEXT },
    { "attitude", LD_XLSX_TEXT },
    { "written_required", LD_XLSX_TEXT },
    { "written_received", LD_XLSX_DATE },
    { "outcome", LD_XLSX_TEXT },
  };
  g_autoptr(Sheet) sheet = sheet_new (cadre, ld_file_section_gettext (section->title));
  g_autoptr(GPtrArray) talks = NULL;

  talks = ld_talk_repository_list_for_cadre (ctx->vault, ld_cadre_get_id (cadre), FALSE, error);
  if (talks == NULL)
    return NULL;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    sheet_add_column (sheet, ld_talk_field_get_label (columns[c].field), columns[c].kind);

  for (guint i = 0; i < talks->len; i++)
    {
      LdTalk *talk = g_ptr_array_index (talks, i);
      char **values;

      if (!in_period (ctx, ld_talk_get_talk_date (talk)))
        continue;
      values = row_new (sheet);

      row_set (values, 0, ld_talk_get_reg_no (talk));
      row_set (values, 1, ld_talk_get_talk_date (talk));
      row_set (values, 2, ld_talk_get_type_label (talk));
      row_set (values, 3, ld_talk_get_place (talk));
      row_set (values, 4, ld_talk_get_talkers_text (talk));
      row_set (values, 5, ld_talk_get_recorder (talk));
      row_set (values, 6, ld_talk_get_reason (talk));
      row_set (values, 7, ld_talk_get_problems (talk));
      row_set (values, 8, ld_talk_get_explanation (talk));
      row_set (values, 9, ld_talk_get_attitude (talk));
      row_set (values, 10, ld_talk_written_get_label (ld_talk_get_written_required (talk)));
      row_set (values, 11, ld_talk_get_written_received (talk));
      row_set (values, 12, ld_talk_get_outcome (talk));
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- H: measures with their effect periods ------------------------------------------ */

static char *
block_headline (const LdPromotionBlock *block)
{
  g_autofree char *until = NULL;

  if (!block->blocked)
    /* Translators: the promotion block on a cadre's cover sheet: none (无) */
    return g_strdup (C_("promotion block", "None"));
  if (block->permanent)
    /* Translators: a cadre's promotion block (提拔或进一步使用受限：长期) */
    return g_strdup (_("Promotion or further use restricted permanently"));
  if (block->open_ended || !g_date_valid (&block->until))
    /* Translators: a cadre's promotion block while 停职检查 runs (提拔或进一步使用受限至解除) */
    return g_strdup (_("Promotion or further use restricted until the measure is lifted"));
  until = date_text (&block->until);
  /* Translators: a cadre's promotion block (提拔或进一步使用受限至 2027-02-28); %s is the date */
  return g_strdup_printf (_("Promotion or further use restricted until %s"), until);
}

static Sheet *
read_measures (LdExportContext          *ctx,
               LdCadre                  *cadre,
               const LdFileSectionInfo  *section,
               const LdPromotionBlock   *block,
               GError                  **error)
{
  g_autoptr(Sheet) sheet = sheet_new (cadre, ld_file_section_gettext (section->title));
  g_autoptr(GPtrArray) measures = NULL;

  measures = ld_measure_repository_list_for_cadre (ctx->vault, ld_cadre_get_id (cadre), FALSE, error);
  if (measures == NULL)
    return NULL;

  sheet_add_column (sheet, ld_measure_field_get_label ("reg_no"), LD_XLSX_CODE);
  sheet_add_column (sheet, ld_measure_field_get_label ("code"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_measure_field_get_label ("form"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_measure_field_get_label ("category"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_measure_field_get_label ("decision_date"), LD_XLSX_DATE);
  /* Translators: column of the measures sheet: 影响期起 (the effective date) */
  sheet_add_column (sheet, C_("measure column", "Effect period from"), LD_XLSX_DATE);
  /* Translators: column of the measures sheet: 影响期至 (the first free day) */
  sheet_add_column (sheet, C_("measure column", "Effect period until"), LD_XLSX_DATE);
  sheet_add_column (sheet, ld_measure_field_get_label ("status"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_measure_field_get_label ("status_date"), LD_XLSX_DATE);
  sheet_add_column (sheet, ld_measure_field_get_label ("authority"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_measure_field_get_label ("doc_no"), LD_XLSX_CODE);
  sheet_add_column (sheet, ld_measure_field_get_label ("facts"), LD_XLSX_LONG_TEXT);
  /* Translators: column of the measures sheet: what the measure blocks today (影响期内提拔使用限制) */
  sheet_add_column (sheet, C_("measure column", "Promotion block"), LD_XLSX_LONG_TEXT);

  for (guint i = 0; i < measures->len; i++)
    {
      LdMeasure *measure = g_ptr_array_index (measures, i);
      const char *end = ld_measure_get_effect_end (measure);
      char **values;

      if (!in_period (ctx, ld_measure_get_decision_date (measure)))
        continue;
      values = row_new (sheet);

      row_set (values, 0, ld_measure_get_reg_no (measure));
      row_set (values, 1, ld_measure_get_code_label (measure));
      row_set (values, 2, ld_measure_get_form_label (measure));
      row_set (values, 3, ld_measure_get_category_label (measure));
      row_set (values, 4, ld_measure_get_decision_date (measure));
      if (*end != '\0')
        {
          row_set (values, 5, ld_measure_get_effective_date (measure));
          row_set (values, 6, g_str_equal (end, LD_MEASURE_EFFECT_PERMANENT)
                              ? ld_measure_get_effect_end_label (measure) : end);
        }
      row_set (values, 7, ld_measure_get_status_label (measure));
      row_set (values, 8, ld_measure_get_status_date (measure));
      row_set (values, 9, ld_measure_get_authority (measure));
      row_set (values, 10, ld_measure_get_doc_no (measure));
      row_set (values, 11, ld_measure_get_facts (measure));
      for (guint r = 0; block->reasons != NULL && r < block->reasons->len; r++)
        {
          LdBlockReason *reason = g_ptr_array_index (block->reasons, r);

          if (reason->measure_id == ld_measure_get_id (measure))
            row_set (values, 12, reason->text);
        }
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- M: opinion replies about the cadre --------------------------------------------- */

static Sheet *
read_opinions (LdExportContext          *ctx,
               LdCadre                  *cadre,
               const LdFileSectionInfo  *section,
               GError                  **error)
{
  g_autoptr(Sheet) sheet = sheet_new (cadre, ld_file_section_gettext (section->title));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) requests = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  items = ld_opinion_repository_list_for_cadre (ctx->vault, ld_cadre_get_id (cadre), error);
  if (items == NULL)
    return NULL;

  sheet_add_column (sheet, ld_opinion_field_get_label ("reg_no"), LD_XLSX_CODE);
  sheet_add_column (sheet, ld_opinion_field_get_label ("request_date"), LD_XLSX_DATE);
  sheet_add_column (sheet, ld_opinion_field_get_label ("requester"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_opinion_field_get_label ("purpose"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_opinion_field_get_label ("checked_date"), LD_XLSX_DATE);
  sheet_add_column (sheet, ld_opinion_field_get_label ("decision"), LD_XLSX_TEXT);
  sheet_add_column (sheet, ld_opinion_field_get_label ("reply_text"), LD_XLSX_LONG_TEXT);
  sheet_add_column (sheet, ld_opinion_field_get_label ("approved_date"), LD_XLSX_DATE);
  sheet_add_column (sheet, ld_opinion_field_get_label ("valid_until"), LD_XLSX_DATE);
  /* Translators: column of the opinion replies sheet: 办理进度 of one cadre's reply */
  sheet_add_column (sheet, C_("opinion column", "Progress"), LD_XLSX_TEXT);

  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      gint64 request_id = ld_opinion_item_get_request_id (item);
      LdOpinionRequest *request = g_hash_table_lookup (requests, &request_id);
      char **values;

      if (request == NULL)
        {
          request = ld_opinion_repository_get_request (ctx->vault, request_id, error);
          if (request == NULL)
            return NULL;
          g_hash_table_insert (requests, g_memdup2 (&request_id, sizeof request_id), request);
        }
      if (!in_period (ctx, ld_opinion_request_get_request_date (request)))
        continue;
      values = row_new (sheet);
      row_set (values, 0, ld_opinion_request_get_reg_no (request));
      row_set (values, 1, ld_opinion_request_get_request_date (request));
      row_set (values, 2, ld_opinion_request_get_requester (request));
      row_set (values, 3, ld_opinion_request_get_purpose_label (request));
      row_set (values, 4, ld_opinion_item_get_checked_date (item));
      row_set (values, 5, ld_opinion_item_get_decision_label (item));
      row_set (values, 6, ld_opinion_item_get_reply_text (item));
      row_set (values, 7, ld_opinion_item_get_approved_date (item));
      row_set (values, 8, ld_opinion_item_get_valid_until (item));
      row_set (values, 9, ld_opinion_item_get_state_label (item));
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- History -------------------------------------------------------------------------- */

static const char *
event_label (const char *event)
{
  static const struct { const char *event; const char *label; } events[] = {
    /* Translators: events in a file's History */
    { LD_AUDIT_CADRE_CREATED, NC_("history", "File created") },
    { LD_AUDIT_CADRE_UPDATED, NC_("history", "Basic information changed") },
    { LD_AUDIT_CADRE_RETIRED, NC_("history", "File retired") },
    { LD_AUDIT_CADRE_TAGGED, NC_("history", "Tag added") },
    { LD_AUDIT_CADRE_UNTAGGED, NC_("history", "Tag removed") },
    { LD_AUDIT_CADRE_PHOTO, NC_("history", "Photo changed") },
    { LD_AUDIT_CADRE_IMPORTED, NC_("history", "Imported") },
    { LD_AUDIT_ENTRY_CREATED, NC_("history", "Entry added") },
    { LD_AUDIT_ENTRY_UPDATED, NC_("history", "Entry changed") },
    { LD_AUDIT_ENTRY_RETIRED, NC_("history", "Entry retired") },
    { LD_AUDIT_ATTACHMENT_ADDED, NC_("history", "Attachment added") },
    { LD_AUDIT_ATTACHMENT_RETIRED, NC_("history", "Attachment retired") },
    { "unit.merged", NC_("history", "Unit merged") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    if (g_strcmp0 (events[i].event, event) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "history", events[i].label);
  return event != NULL ? event : "";
}

/* A version value as stored: "\n" and "\\" escaped. */
static char *
unescape_value (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else if (p[0] == '\\' && p[1] == '\\')
        {
          g_string_append_c (out, '\\');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "name=value" lines into name → unescaped value; the names not seen
 * yet are appended to NAMES, in order. */
static void
parse_fields (const char  *text,
              GPtrArray   *names,
              GHashTable  *values)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      char *name;

      if (eq == NULL)
        continue;
      name = g_strndup (lines[i], eq - lines[i]);
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
      g_hash_table_replace (values, name, unescape_value (eq + 1));
    }
}

/* The name of the unit with record number TEXT, or TEXT when it is not
 * visible (any more). */
static char *
unit_name (LdExportContext *ctx,
           const char      *text)
{
  g_autoptr(LdUnit) unit = NULL;
  gint64 id = 0;

  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL)
      || (unit = ld_unit_repository_get (ctx->vault, id, NULL)) == NULL)
    return g_strdup (text);
  return g_strdup (ld_unit_get_name (unit));
}

/* How a changed field reads: its label and the value's label. */
static void
describe_field (LdExportContext  *ctx,
                const char       *field,
                const char       *value,
                char            **label,
                char            **shown)
{
  if (ld_file_section_describe_change (field, value, label, shown))
    return;
  *label = g_strdup (ld_cadre_field_get_label (field));
  if (g_str_equal (field, "unit_id"))
    *shown = unit_name (ctx, value);
  else if (g_str_equal (field, "sex"))
    *shown = g_strdup (ld_cadre_sex_get_label (value));
  else if (g_str_equal (field, "principal"))
    *shown = g_strdup (*value == '\0' ? "" : yes_no (g_str_equal (value, "1")));
  else
    *shown = ld_cadre_field_format_value (field, value);
}

/* "Post: 副局长 → 局长" one a line. */
static char *
version_changes (LdExportContext      *ctx,
                 const LdCadreVersion *version)
{
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  parse_fields (version->after, names, after);
  parse_fields (version->before, names, before);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *old = g_hash_table_lookup (before, name);
      const char *new = g_hash_table_lookup (after, name);
      g_autofree char *label = NULL;
      g_autofree char *old_shown = NULL;
      g_autofree char *new_shown = NULL;
      g_autofree char *ignored = NULL;

      describe_field (ctx, name, new != NULL ? new : "", &label, &new_shown);
      if (old != NULL)
        describe_field (ctx, name, old, &ignored, &old_shown);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (old != NULL && *old != '\0')
        /* Translators: a changed field in a file's history: label, old value, new value */
        g_string_append_printf (text, _("%s: %s → %s"), label, old_shown, new_shown);
      else
        /* Translators: a field set in a file's history: label, value */
        g_string_append_printf (text, C_("history", "%s: %s"), label, new_shown);
    }
  return g_string_free (text, FALSE);
}

static Sheet *
read_history (LdExportContext  *ctx,
              LdCadre          *cadre,
              GError          **error)
{
  /* Translators: the last sheet of a cadre's file (变更记录) */
  g_autoptr(Sheet) sheet = sheet_new (cadre, C_("cadre file", "History"));
  g_autoptr(GPtrArray) versions = NULL;

  versions = ld_cadre_repository_versions (ctx->vault, ld_cadre_get_id (cadre), error);
  if (versions == NULL)
    return NULL;

  /* Translators: columns of the history sheet of a cadre's file: 序号, 时间, 操作人, 事项, 变更内容 */
  sheet_add_column (sheet, C_("history column", "No."), LD_XLSX_INTEGER);
  sheet_add_column (sheet, C_("history column", "Time"), LD_XLSX_DATE);
  sheet_add_column (sheet, C_("history column", "Account"), LD_XLSX_TEXT);
  sheet_add_column (sheet, C_("history column", "Event"), LD_XLSX_TEXT);
  sheet_add_column (sheet, C_("history column", "Changes"), LD_XLSX_LONG_TEXT);

  for (guint i = 0; i < versions->len; i++)
    {
      LdCadreVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *when = time_text (version->time);
      char **values;

      if (!in_period (ctx, when))
        continue;
      values = row_new (sheet);
      row_take (values, 0, g_strdup_printf ("%" G_GINT64_FORMAT, version->seq));
      row_set (values, 1, when);
      row_set (values, 2, version->account);
      row_set (values, 3, event_label (version->event));
      row_take (values, 4, version_changes (ctx, version));
      sheet_add_row (sheet, values);
    }
  return g_steal_pointer (&sheet);
}

/* --- The cover sheet ----------------------------------------------------------------- */

typedef struct
{
  LdExportContext *ctx;
  guint            row;
} Cover;

/* The stored text of a section-A field. */
static char *
field_text (LdCadre    *cadre,
            const char *field)
{
  const LdCadreFieldInfo *table;
  guint n;

  table = _ld_cadre_field_table (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (table[i].column, field))
      return _ld_cadre_field_to_text (ld_cadre_get_fields (cadre), &table[i]);
  g_return_val_if_reached (g_strdup (""));
}

/* How a section-A field reads on the cover, and the kind of its cell. */
static char *
field_shown (LdCadre     *cadre,
             const char  *field,
             LdXlsxKind  *kind)
{
  g_autofree char *value = field_text (cadre, field);

  *kind = LD_XLSX_TEXT;
  if (g_str_equal (field, "unit_id"))
    return g_strdup (ld_cadre_get_unit_name (cadre));
  if (g_str_equal (field, "id_number"))
    {
      *kind = LD_XLSX_CODE;
      return g_steal_pointer (&value);
    }
  if (g_str_equal (field, "sex"))
    return g_strdup (ld_cadre_sex_get_label (value));
  if (g_str_equal (field, "principal"))
    return g_strdup (yes_no (g_str_equal (value, "1")));
  if (g_str_equal (field, "grade"))
    return g_strdup (g_str_equal (value, "0") ? "" : value);
  /* A full date is a real date; "1980-03" stays as written. */
  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-')
    {
      *kind = LD_XLSX_DATE;
      return g_steal_pointer (&value);
    }
  return ld_cadre_field_format_value (field, value);
}

/* Label and value of FIELD at column COL, the value spanning SPAN. */
static gboolean
cover_field (Cover       *cover,
             LdCadre     *cadre,
             guint        col,
             guint        span,
             const char  *field,
             GError     **error)
{
  LdXlsxKind kind;
  g_autofree char *value = field_shown (cadre, field, &kind);

  return ld_xlsx_writer_form_label (cover->ctx->writer, cover->row, col, 1, ld_cadre_field_get_label (field), error)
         && ld_xlsx_writer_form_value (cover->ctx->writer, cover->row, col + 1, span, kind, value, error);
}

/* A row of three fields; a NULL field leaves its pair empty, the last
 * value spans LAST_SPAN columns. */
static gboolean
cover_row (Cover       *cover,
           LdCadre     *cadre,
           const char  *a,
           const char  *b,
           const char  *c,
           guint        last_span,
           GError     **error)
{
  const char *fields[] = { a, b, c };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      guint span = i == 2 ? last_span : 1;

      if (fields[i] == NULL)
        {
          if (!ld_xlsx_writer_form_label (cover->ctx->writer, cover->row, i * 2, 1, "", error)
              || !ld_xlsx_writer_form_value (cover->ctx->writer, cover->row, i * 2 + 1, span, LD_XLSX_TEXT, "",
                                             error))
            return FALSE;
        }
      else if (!cover_field (cover, cadre, i * 2, span, fields[i], error))
        return FALSE;
    }
  cover->row++;
  return TRUE;
}

/* A label and a value across the rest of the row. */
static gboolean
cover_wide (Cover       *cover,
            const char  *label,
            LdXlsxKind   kind,
            const char  *value,
            GError     **error)
{
  if (!ld_xlsx_writer_form_label (cover->ctx->writer, cover->row, 0, 1, label, error)
      || !ld_xlsx_writer_form_value (cover->ctx->writer, cover->row, 1, COVER_COLUMNS - 1, kind, value, error))
    return FALSE;
  cover->row++;
  return TRUE;
}

/* A label and several lines, one row each: merged cells do not grow with
 * their text in Excel, so a list is never put into one cell. */
static gboolean
cover_lines (Cover       *cover,
             const char  *label,
             GPtrArray   *lines,
             GError     **error)
{
  for (guint i = 0; i < lines->len; i++)
    if (!cover_wide (cover, i == 0 ? label : "", LD_XLSX_TEXT, g_ptr_array_index (lines, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
cover_wide_field (Cover       *cover,
                  LdCadre     *cadre,
                  const char  *field,
                  GError     **error)
{
  LdXlsxKind kind;
  g_autofree char *value = field_shown (cadre, field, &kind);

  return cover_wide (cover, ld_cadre_field_get_label (field), kind, value, error);
}

static gboolean
write_cover (LdExportContext         *ctx,
             LdCadre                 *cadre,
             GBytes                  *photo,
             GPtrArray               *explanations,
             const LdPromotionBlock  *block,
             GError                 **error)
{
  static const double widths[COVER_COLUMNS] = { 14, 21, 14, 21, 14, 21, 16 };
  Cover cover = { ctx, COVER_FIRST_ROW };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tags = NULL;

  /* Translators: the cover sheet's name and title: 领导干部廉政档案 */
  if (!ld_xlsx_writer_begin_form (ctx->writer, C_("cadre file", "Cover"),
                                  _("Integrity File of a Leading Cadre"), COVER_COLUMNS, error))
    return FALSE;
  for (guint i = 0; i < COVER_COLUMNS; i++)
    if (!ld_xlsx_writer_form_column (ctx->writer, i, widths[i], error))
      return FALSE;

  /* The photo box: the top right of the grid, as on the paper form. */
  if (!cover_row (&cover, cadre, "name", "sex", "birth_date", 1, error)
      || !cover_row (&cover, cadre, "former_names", "ethnicity", "native_place", 1, error)
      || !cover_row (&cover, cadre, "political_status", "party_joined", "party_full", 1, error)
      || !cover_row (&cover, cadre, "id_number", "status", "authority", 1, error))
    return FALSE;
  /* The box is framed with or without a photo. */
  for (guint r = 0; r < COVER_PHOTO_ROWS; r++)
    /* Translators: the empty photo box on a cadre's cover sheet (照片) */
    if (!ld_xlsx_writer_form_value (ctx->writer, COVER_FIRST_ROW + r, COVER_PHOTO_COL, 1, LD_XLSX_TEXT,
                                    r == 0 && photo == NULL ? C_("cadre file", "(no photo)") : "", error))
      return FALSE;
  if (photo != NULL
      && !ld_xlsx_writer_form_image (ctx->writer, COVER_FIRST_ROW, COVER_PHOTO_COL, 1, COVER_PHOTO_ROWS, photo, error))
    return FALSE;

  if (!cover_row (&cover, cadre, "edu_fulltime", "degree_fulltime", "school_fulltime", 2, error)
      || !cover_row (&cover, cadre, "edu_inservice", "degree_inservice", "school_inservice", 2, error)
      || !cover_wide_field (&cover, cadre, "unit_id", error)
      || !cover_wide_field (&cover, cadre, "post", error)
      || !cover_row (&cover, cadre, "post_level", "rank", "grade", 2, error)
      || !cover_row (&cover, cadre, "post_since", "rank_since", "promoted_at", 2, error)
      || !cover_row (&cover, cadre, "principal", "classification", NULL, 2, error)
      || !cover_wide_field (&cover, cadre, "post_tags", error))
    return FALSE;

  /* The computed categories, each with why. */
  for (guint i = 0; i < explanations->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (explanations, i)));
  if (lines->len == 0)
    /* Translators: no computed category (无) */
    g_ptr_array_add (lines, g_strdup (C_("categories", "None")));
  if (!cover_lines (&cover, _("Categories (computed)"), lines, error))
    return FALSE;

  {
    g_auto(GStrv) list = g_strsplit (ld_cadre_get_tags (cadre), ",", -1);

    tags = g_strjoinv (C_("list separator", ", "), list);
  }
  if (!cover_wide (&cover, ld_cadre_field_get_label ("tags"), LD_XLSX_TEXT, tags, error))
    return FALSE;

  /* The promotion block and the measures that make it. */
  g_ptr_array_set_size (lines, 0);
  g_ptr_array_add (lines, block_headline (block));
  for (guint i = 0; block->reasons != NULL && i < block->reasons->len; i++)
    {
      LdBlockReason *reason = g_ptr_array_index (block->reasons, i);

      g_ptr_array_add (lines, g_strdup (reason->text != NULL ? reason->text : ""));
    }
  /* Translators: the promotion block line of a cadre's cover sheet (提拔使用限制) */
  if (!cover_lines (&cover, _("Promotion block"), lines, error))
    return FALSE;

  if (ld_cadre_get_retired_at (cadre) != 0)
    {
      g_autofree char *when = time_text (ld_cadre_get_retired_at (cadre));
      /* Translators: a retired file on its cover sheet: date, reason (档案已注销) */
      g_autofree char *text = g_strdup_printf (_("Retired on %s: %s"), when, ld_cadre_get_retired_reason (cadre));

      /* Translators: label on the cover sheet of a retired file (档案状态) */
      if (!cover_wide (&cover, C_("cadre file", "File status"), LD_XLSX_TEXT, text, error))
        return FALSE;
    }

  /* The export line at the bottom, below a blank row. */
  cover.row++;
  return ld_xlsx_writer_form_value (ctx->writer, cover.row, 0, COVER_COLUMNS, LD_XLSX_TEXT,
                                    ctx->scope_line != NULL ? ctx->scope_line : "", error);
}

/* --- The workbook ----------------------------------------------------------------------- */

static gboolean
write_sheet (LdExportContext  *ctx,
             Sheet            *sheet,
             const char       *detail,
             GError          **error)
{
  const LdXlsxColumn *columns = (const LdXlsxColumn *) (gpointer) sheet->columns->data;
  guint n_columns = sheet->columns->len;

  if (!ld_xlsx_writer_begin_sheet (ctx->writer, sheet->name, sheet->title, ctx->scope_line, columns, n_columns,
                                   LD_XLSX_SHEET_NONE, error))
    return FALSE;
  _ld_export_add_columns (ctx, sheet->name, columns, n_columns);

  if (sheet->rows->len == 0)
    {
      g_autofree char **values = g_new0 (char *, n_columns + 1);

      /* Translators: the only row of an empty section's sheet (无记录) */
      values[0] = (char *) C_("cadre file", "None recorded");
      return ld_xlsx_writer_add_row (ctx->writer, (const char * const *) values, error);
    }
  for (guint i = 0; i < sheet->rows->len; i++)
    if (!ld_xlsx_writer_add_row (ctx->writer, g_ptr_array_index (sheet->rows, i), error)
        || !_ld_export_tick (ctx, detail, error))
      return FALSE;
  return TRUE;
}

gboolean
_ld_export_cadre_file (LdExportContext  *ctx,
                       GError          **error)
{
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(LdCadre) cadre = NULL;
  g_autoptr(GBytes) photo = NULL;
  g_autoptr(GPtrArray) explanations = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  g_auto(LdPromotionBlock) block = { 0 };
  g_autoptr(GError) local_error = NULL;
  const LdFileSectionInfo *sections;
  guint n_sections;
  guint next = 0;
  gint64 total = 0;
  gint64 id;

  g_return_val_if_fail (ctx != NULL && ctx->writer != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  /* The export is audited as such: no "viewed" entry on top of it. A
   * cadre outside the session's scopes is not found. */
  id = ctx->cadre_id;
  cadres = ld_cadre_repository_get_many (ctx->vault, &id, 1, error);
  if (cadres == NULL)
    return FALSE;
  if (cadres->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no cadre with record number %lld in your units. Check the number."),
                   (long long) id);
      return FALSE;
    }
  cadre = g_object_ref (g_ptr_array_index (cadres, 0));

  photo = ld_cadre_repository_get_photo (ctx->vault, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((explanations = ld_cadre_repository_explain_categories (ctx->vault, id, error)) == NULL
      || !ld_measure_repository_promotion_block (ctx->vault, id, NULL, &block, error)
      || (entries = ld_file_entry_repository_list (ctx->vault, id, NULL, FALSE, error)) == NULL)
    return FALSE;

  sections = ld_file_sections (&n_sections);
  for (guint i = 0; i < n_sections; i++)
    {
      const LdFileSectionInfo *section = &sections[i];
      Sheet *sheet = NULL;

      if (g_str_equal (section->code, "A"))
        continue;
      if (section->has_entries)
        sheet = read_entries (ctx, cadre, section, entries, &next);
      else if (g_str_equal (section->code, "F"))
        sheet = read_petitions (ctx, cadre, section, error);
      else if (g_str_equal (section->code, "G"))
        sheet = read_talks (ctx, cadre, section, error);
      else if (g_str_equal (section->code, "H"))
        sheet = read_measures (ctx, cadre, section, &block, error);
      else if (g_str_equal (section->code, "M"))
        sheet = read_opinions (ctx, cadre, section, error);
      else
        continue;
      if (sheet == NULL)
        return FALSE;
      g_ptr_array_add (sheets, sheet);
    }
  {
    Sheet *history = read_history (ctx, cadre, error);

    if (history == NULL)
      return FALSE;
    g_ptr_array_add (sheets, history);
  }

  /* One file: the rows are the work. A batch counts cadres. */
  for (guint i = 0; i < sheets->len; i++)
    total += ((Sheet *) g_ptr_array_index (sheets, i))->rows->len;
  if (ctx->request->kind == LD_EXPORT_CADRE)
    _ld_export_set_total (ctx, total);

  if (!write_cover (ctx, cadre, photo, explanations, &block, error))
    return FALSE;
  for (guint i = 0; i < sheets->len; i++)
    if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error)
        || !write_sheet (ctx, g_ptr_array_index (sheets, i), ld_cadre_get_name (cadre), error))
      return FALSE;
  return TRUE;
}
