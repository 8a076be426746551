/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-opinion-letter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "brief/ld-opinion-letter.h"
#include "ld-error.h"
#include "records/ld-opinion-repository.h"
#include "records/ld-settings-repository.h"
#include "records/ld-records-util.h"
#include "records/ld-unit-repository.h"
#include "records/ld-unit.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-vault-private.h"
#include "vault/ld-vault.h"

void
ld_opinion_letter_options_init (LdOpinionLetterOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
}

/* "2026-08-31" → the letter's date format (2026年8月31日). */
static char *
letter_date (const char *iso)
{
  guint y, m, d;

  if (iso == NULL || strlen (iso) < 10)
    return g_strdup (iso != NULL ? iso : "");
  y = (guint) g_ascii_strtoull (iso, NULL, 10);
  m = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (iso + 8, NULL, 10);
  /* Translators: the date in a formal letter, year, month and day:
   * "%1$u年%2$u月%3$u日" */
  return g_strdup_printf (C_("letter date", "%1$u-%2$02u-%3$02u"), y, m, d);
}

static gboolean
formal_date_cb (const GMatchInfo *match,
                GString          *result,
                gpointer          user_data)
{
  g_autofree char *iso = g_match_info_fetch (match, 1);
  g_autofree char *date = letter_date (iso);

  g_string_append (result, date);
  return FALSE;
}

/* The dates the check wrote as YYYY-MM-DD (received on, closed on, until)
 * in the letter's form, "2026年2月15日", as a formal document writes them;
 * registration numbers such as 2026-X0001 are left alone. */
static char *
formal_dates (const char *text)
{
  static GRegex *regex;
  char *out;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])", G_REGEX_OPTIMIZE,
                                            0, NULL));
  out = g_regex_replace_eval (regex, text, -1, 0, 0, formal_date_cb, NULL, NULL);
  return out != NULL ? out : g_strdup (text);
}

static char *
make_title (GPtrArray *items)
{
  LdOpinionItem *first = g_ptr_array_index (items, 0);

  if (items->len == 1)
    /* Translators: the title of the reply letter for one cadre, exactly
     * 关于%s同志党风廉政情况的意见回复 */
    return g_strdup_printf (_("Reply on the Integrity of Comrade %s"), ld_opinion_item_get_cadre_name (first));
  /* Translators: the title of the reply letter for several cadres, exactly
   * 关于%s等同志党风廉政情况的意见回复 — the first cadre's name */
  return g_strdup_printf (_("Reply on the Integrity of Comrade %s and Others"), ld_opinion_item_get_cadre_name (first));
}

static char *
make_intro (LdOpinionRequest *request)
{
  g_autofree char *date = letter_date (ld_opinion_request_get_request_date (request));
  const char *doc_no = ld_opinion_request_get_doc_no (request);
  const char *purpose = ld_opinion_request_get_purpose_label (request);

  if (*doc_no != '\0')
    /* Translators: the opening sentence of the reply letter:
     * "你单位%1$s（%2$s）收悉。现将拟%3$s的有关同志党风廉政情况回复如下：" —
     * the request's document number, its date and its purpose */
    return g_strdup_printf (_("We received your letter %1$s of %2$s asking for our opinion for %3$s. Having checked "
                              "the petitions and reports, the problem clues, the cases and the integrity files, we "
                              "reply on the integrity of the comrades concerned as follows:"),
                            doc_no, date, purpose);
  /* Translators: the same without a document number:
   * "你单位%1$s来函收悉。现将拟%2$s的有关同志党风廉政情况回复如下：" */
  return g_strdup_printf (_("We received your letter of %1$s asking for our opinion for %2$s. Having checked the "
                            "petitions and reports, the problem clues, the cases and the integrity files, we reply "
                            "on the integrity of the comrades concerned as follows:"),
                          date, purpose);
}

/* The explanation column of the reply table: the reasons, or the sentence
 * that nothing was found. */
static char *
item_explanation (LdOpinionItem *item)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ld_opinion_item_get_n_reasons (item); i++)
    {
      if (i > 0)
        /* Translators: between two facts in the reply table, "；" */
        g_string_append (out, _("; "));
      g_string_append (out, ld_opinion_item_get_reason_text (item, i));
    }
  if (ld_opinion_item_get_changed (item) && *ld_opinion_item_get_change_reason (item) != '\0')
    {
      if (out->len > 0)
        g_string_append (out, _("; "));
      g_string_append (out, ld_opinion_item_get_change_reason (item));
    }
  {
    g_autofree char *text = g_string_free (out, FALSE);

    return formal_dates (text);
  }
}

static void
add_table (LdPdfDocument *doc,
           GPtrArray     *items)
{
  const char *headers[] = {
    /* Translators: columns of the reply table: 序号 */
    C_("reply table", "No."),
    /* Translators: 姓名 */
    C_("reply table", "Name"),
    /* Translators: 单位职务 */
    C_("reply table", "Unit and post"),
    /* Translators: 身份证号 */
    C_("reply table", "ID number"),
    /* Translators: 回复意见 */
    C_("reply table", "Opinion"),
    /* Translators: 说明 */
    C_("reply table", "Explanation"),
  };
  static const double widths[] = { 0.8, 1.0, 1.8, 2.7, 1.8, 2.9 };

  ld_pdf_document_add_table (doc, headers, widths, G_N_ELEMENTS (headers));
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *unit_post = NULL;
      g_autofree char *explanation = item_explanation (item);
      const char *row[6];

      if (*ld_opinion_item_get_cadre_post (item) != '\0')
        unit_post = g_strdup_printf ("%s %s", ld_opinion_item_get_cadre_unit_name (item),
                                     ld_opinion_item_get_cadre_post (item));
      else
        unit_post = g_strdup (ld_opinion_item_get_cadre_unit_name (item));
      row[0] = number;
      row[1] = ld_opinion_item_get_cadre_name (item);
      row[2] = unit_post;
      row[3] = ld_opinion_item_get_cadre_id_number (item);
      row[4] = ld_opinion_get_label (ld_opinion_item_get_decision (item));
      row[5] = explanation;
      ld_pdf_document_add_table_row (doc, row);
    }
}

/* The reply comes from the discipline organ, not from the unit the
 * cadres work in: the supervising organ (监督机构名称) of the request's unit
 * or of its nearest ancestor in scope that names one; the unit's name only
 * when none does. */
static char *
letter_sender (LdVault          *vault,
               LdOpinionRequest *request)
{
  gint64 unit_id = ld_opinion_request_get_unit_id (request);

  for (guint depth = 0; unit_id > 0 && depth < 64; depth++)
    {
      g_autoptr(LdUnit) unit = ld_unit_repository_get (vault, unit_id, NULL);
      const char *name;

      if (unit == NULL)
        break;
      name = ld_unit_get_supervisor_name (unit);
      if (name != NULL && *name != '\0')
        return g_strdup (name);
      unit_id = ld_unit_get_parent_id (unit);
    }
  return g_strdup (ld_opinion_request_get_unit_name (request));
}

LdPdfDocument *
ld_opinion_letter_build (LdVault                      *vault,
                         gint64                        request_id,
                         const LdOpinionLetterOptions *options,
                         GError                      **error)
{
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LdPdfDocument) doc = NULL;
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *addressee = NULL;
  g_autofree char *date = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *sender = NULL;
  LdOpinionLetterOptions defaults;
  const char *latest = "";
  const char *earliest_until = NULL;

  if (options == NULL)
    {
      ld_opinion_letter_options_init (&defaults);
      options = &defaults;
    }
  request = ld_opinion_repository_get_request (vault, request_id, error);
  if (request == NULL)
    return NULL;
  items = ld_opinion_repository_list_items (vault, request_id, error);
  if (items == NULL)
    return NULL;
  if (items->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("Opinion request %s lists no cadre: there is nothing to reply. Add the cadres first."),
                   ld_opinion_request_get_reg_no (request));
      return NULL;
    }
  for (guint i = 0; i < items->len; i++)
    {
      LdOpinionItem *item = g_ptr_array_index (items, i);
      const char *approved = ld_opinion_item_get_approved_date (item);
      const char *until = ld_opinion_item_get_valid_until (item);

      if (ld_opinion_item_get_state (item) != LD_OPINION_ITEM_APPROVED)
        {
          g_string_append_printf (pending, "%s%s", pending->len ? "、" : "", ld_opinion_item_get_cadre_name (item));
          continue;
        }
      if (strcmp (approved, latest) > 0)
        latest = approved;
      if (earliest_until == NULL || strcmp (until, earliest_until) < 0)
        earliest_until = until;
    }
  if (pending->len > 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The replies for %s are not approved yet. A leader approves them before the letter is "
                     "written."),
                   pending->str);
      return NULL;
    }

  doc = ld_pdf_document_new ();
  title = make_title (items);
  if (options->classification != NULL && *options->classification != '\0')
    ld_pdf_document_set_classification (doc, options->classification);
  else
    {
      /* The mark the security administrator set for the vault. */
      g_autofree char *mark = ld_settings_repository_get (vault, LD_SETTING_CLASSIFICATION_MARK, NULL);

      ld_pdf_document_set_classification (doc, mark != NULL ? mark : LD_PDF_DEFAULT_CLASSIFICATION);
    }
  ld_pdf_document_set_header_text (doc, ld_opinion_request_get_reg_no (request));
  ld_pdf_document_set_footer (doc, ld_vault_get_session (vault)->name, _ld_records_now ());
  ld_pdf_document_set_pdf_title (doc, title);

  if (options->date != NULL && g_date_valid (options->date))
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (options->date),
                                              (int) g_date_get_month (options->date),
                                              (int) g_date_get_day (options->date));

      date = letter_date (iso);
    }
  else
    date = letter_date (latest);

  if (!options->table_only)
    {
      ld_pdf_document_add_title (doc, title);
      /* Translators: the addressee line of a letter, "%s：" */
      addressee = g_strdup_printf (_("%s:"), ld_opinion_request_get_requester (request));
      ld_pdf_document_add_paragraph (doc, addressee, LD_PDF_ALIGN_LEFT, FALSE);
      intro = make_intro (request);
      ld_pdf_document_add_paragraph (doc, intro, LD_PDF_ALIGN_LEFT, TRUE);
      for (guint i = 0; i < items->len; i++)
        {
          LdOpinionItem *item = g_ptr_array_index (items, i);
          g_autofree char *paragraph = NULL;
          g_autofree char *reply = formal_dates (ld_opinion_item_get_reply_text (item));

          /* Translators: a numbered paragraph of the reply letter, "%u．%s" */
          paragraph = g_strdup_printf (_("%u. %s"), i + 1, reply);
          ld_pdf_document_add_paragraph (doc, paragraph, LD_PDF_ALIGN_LEFT, TRUE);
        }
      if (earliest_until != NULL && *earliest_until != '\0')
        {
          g_autofree char *until = letter_date (earliest_until);

          /* Translators: 本意见有效期至%s，逾期请重新征求意见。 */
          validity = g_strdup_printf (_("This opinion is valid until %s; after that please ask again."), until);
          ld_pdf_document_add_paragraph (doc, validity, LD_PDF_ALIGN_LEFT, TRUE);
        }
      /* Translators: the closing of a reply letter, exactly 特此函复。 */
      ld_pdf_document_add_paragraph (doc, _("We hereby reply."), LD_PDF_ALIGN_LEFT, TRUE);
      ld_pdf_document_add_space (doc, 36);
      sender = letter_sender (vault, request);
      {
        /* The signature and its date stay together on one page. */
        g_autofree char *signature = g_strdup_printf ("%s\n%s", sender, date);

        ld_pdf_document_add_paragraph (doc, signature, LD_PDF_ALIGN_RIGHT, FALSE);
      }
    }

  if (options->with_table || options->table_only)
    {
      if (!options->table_only)
        ld_pdf_document_add_page_break (doc);
      /* Translators: the title of the reply table, 党风廉政意见回复表 */
      ld_pdf_document_add_title (doc, _("Reply Table of Integrity Opinions"));
      {
        g_autofree char *line = NULL;

        /* Translators: the line above the reply table: 征求意见单位：%s　来函文号：%s　回复日期：%s */
        line = g_strdup_printf (_("Requested by: %s    Document: %s    Replied on: %s"),
                                ld_opinion_request_get_requester (request), ld_opinion_request_get_doc_no (request),
                                date);
        ld_pdf_document_add_paragraph (doc, line, LD_PDF_ALIGN_LEFT, FALSE);
      }
      add_table (doc, items);
    }
  return g_steal_pointer (&doc);
}

gboolean
ld_opinion_letter_write_pdf (LdVault                      *vault,
                             gint64                        request_id,
                             const LdOpinionLetterOptions *options,
                             const char                   *path,
                             GError                      **error)
{
  g_autoptr(LdPdfDocument) doc = NULL;
  g_autoptr(LdOpinionRequest) request = NULL;
  g_autofree char *object_id = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A PDF outside the vault is not encrypted: an export. */
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error)
      || !ld_vault_check (vault, LD_ACTION_EXPORT, error))
    return FALSE;
  request = ld_opinion_repository_get_request (vault, request_id, error);
  if (request == NULL)
    return FALSE;
  doc = ld_opinion_letter_build (vault, request_id, options, error);
  if (doc == NULL || !ld_pdf_document_write (doc, path, error))
    return FALSE;

  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, request_id);
  details = g_strdup_printf ("reg_no=%s; items=%u; table=%s; format=pdf", ld_opinion_request_get_reg_no (request),
                             ld_opinion_request_get_n_items (request),
                             options != NULL && (options->with_table || options->table_only) ? "yes" : "no");
  if (!_ld_vault_begin (vault, error))
    {
      g_unlink (path);
      return FALSE;
    }
  if (!ld_audit_append (vault, LD_AUDIT_OPINION_LETTER, "opinion", object_id, LD_AUDIT_OUTCOME_OK, details, error))
    {
      _ld_vault_rollback (vault);
      g_unlink (path);
      return FALSE;
    }
  if (!_ld_vault_commit (vault, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}
