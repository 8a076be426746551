/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-case-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-case-tables.h"

/* The rows, labels and Chinese aliases live in ld-code-tables.c with the
 * other tables, so one lookup index serves them all. */

static const char * const case_table_names[] = {
  LD_CODE_TABLE_TALK_TYPE, LD_CODE_TABLE_PETITION_KIND, LD_CODE_TABLE_CHANNEL,
  LD_CODE_TABLE_PROBLEM_CATEGORY, LD_CODE_TABLE_ROUTING, LD_CODE_TABLE_DISPOSAL,
  LD_CODE_TABLE_CLUE_RESULT, LD_CODE_TABLE_PETITION_STATUS, LD_CODE_TABLE_CLUE_STATUS,
  LD_CODE_TABLE_WRITTEN_KIND, NULL
};

const char * const *
ld_case_code_table_names (void)
{
  return case_table_names;
}

const char *
ld_code_lookup (const char *table,
                const char *text)
{
  return ld_code_find_by_label (table, text);
}

gboolean
ld_talk_type_needs_two_talkers (const char *type)
{
  static const char * const organ_types[] = {
    "T_REMIND_JJ", "T_ADMONISH", "T_WARN", "T_INQUIRY", NULL
  };

  return type != NULL && g_strv_contains (organ_types, type);
}

int
ld_talk_type_form (const char *type)
{
  /* DOMAIN.md §6: the talks that may end in a first-form measure (约谈
   * sometimes does, so it may carry one too). */
  static const char * const form_one[] = {
    "T_REMIND", "T_REMIND_JJ", "T_ADMONISH", "T_WARN", "T_INQUIRY", "T_SUMMON", NULL
  };

  return type != NULL && g_strv_contains (form_one, type) ? 1 : 0;
}

gboolean
ld_problem_category_is_sifeng (const char *code)
{
  if (code == NULL || ld_code_get_label (LD_CODE_TABLE_PROBLEM_CATEGORY, code) == NULL)
    return FALSE;
  return g_str_has_prefix (code, "FB") || g_str_has_prefix (code, "HS");
}

/* The items of a list: separated by ASCII or full-width commas, 、 or
 * semicolons; blanks dropped. */
static GPtrArray *
split_list (const char *codes)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  GString *item = g_string_new (NULL);

  for (const char *p = codes ? codes : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || c == ',' || c == ';' || c == 0xFF0C || c == 0x3001 || c == 0xFF1B)
        {
          g_autofree char *text = g_strstrip (g_string_free (item, FALSE));

          item = NULL;
          if (*text != '\0')
            g_ptr_array_add (items, g_steal_pointer (&text));
          if (c == 0)
            break;
          item = g_string_new (NULL);
        }
      else
        g_string_append_unichar (item, c);
    }
  return items;
}

char *
ld_code_list_normalise (const char  *table,
                        const char  *codes,
                        GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GString) out = NULL;
  const LdCode *rows;
  guint n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rows = ld_code_table_get (table, &n);
  if (rows == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID, _("There is no code table named “%s”."),
                   table ? table : "");
      return NULL;
    }
  if (codes != NULL && !g_utf8_validate (codes, -1, NULL))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The list of codes is not valid UTF-8 text. Save the file as UTF-8 and try again."));
      return NULL;
    }

  items = split_list (codes);
  found = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < items->len; i++)
    {
      const char *text = g_ptr_array_index (items, i);
      const char *code = ld_code_lookup (table, text);

      if (code == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("“%s” is not a known code. Use one of the codes or names of the list “%s”."),
                       text, table);
          return NULL;
        }
      g_hash_table_add (found, (gpointer) code);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    if (g_hash_table_contains (found, rows[i].code))
      {
        if (out->len > 0)
          g_string_append_c (out, ',');
        g_string_append (out, rows[i].code);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ld_code_list_format (const char *table,
                     const char *codes)
{
  g_autoptr(GPtrArray) items = split_list (codes);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const char *code = g_ptr_array_index (items, i);
      const char *label = ld_code_get_label (table, code);

      if (out->len > 0)
        g_string_append (out, "、");
      g_string_append (out, label ? label : code);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
