/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-section-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ld-section-fields.h"

#include "records/ld-attachment-repository.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-file-section.h"

/* The repository stores its own codes for these three; their labels come
 * from ld_cadre_field_format_value(), "" has a label of its own. */
static const char * const authority_codes[] = { "central", "province", "city", "county", "unit" };
static const char * const status_codes[] = { "serving", "left", "retired", "transferred" };
static const char * const classification_codes[] = { "", "internal", "secret", "confidential" };

static const LdCode *
stored_choices (const char         *column,
                const char * const *codes,
                guint               n_codes,
                LdCode            **cache,
                guint              *n)
{
  if (*cache == NULL)
    {
      LdCode *table = g_new0 (LdCode, n_codes + 1);

      for (guint i = 0; i < n_codes; i++)
        {
          g_autofree char *label = ld_cadre_field_format_value (column, codes[i]);

          table[i].code = codes[i];
          /* Translators: 密级 of a file: none given */
          table[i].label = *codes[i] != '\0' ? g_intern_string (label) : C_("classification", "Not classified");
        }
      *cache = table;
    }
  *n = n_codes;
  return *cache;
}

const LdCode *
ld_section_a_choices (const char *column,
                      guint      *n)
{
  static LdCode *authorities, *statuses, *classifications;
  guint dummy;

  if (n == NULL)
    n = &dummy;
  *n = 0;

  if (g_strcmp0 (column, "political_status") == 0)
    return ld_code_table_get (LD_CODE_TABLE_POLITICAL_STATUS, n);
  if (g_strcmp0 (column, "edu_fulltime") == 0 || g_strcmp0 (column, "edu_inservice") == 0)
    return ld_code_table_get (LD_CODE_TABLE_EDUCATION, n);
  if (g_strcmp0 (column, "ethnicity") == 0)
    return ld_code_table_get (LD_CODE_TABLE_ETHNICITY, n);
  if (g_strcmp0 (column, "degree_fulltime") == 0 || g_strcmp0 (column, "degree_inservice") == 0)
    return ld_code_table_get (LD_CODE_TABLE_DEGREE, n);
  if (g_strcmp0 (column, "post_level") == 0)
    return ld_code_table_get (LD_CODE_TABLE_LEADING_POST, n);
  if (g_strcmp0 (column, "rank") == 0)
    return ld_code_table_get (LD_CODE_TABLE_RANK, n);
  if (g_strcmp0 (column, "authority") == 0)
    return stored_choices (column, authority_codes, G_N_ELEMENTS (authority_codes), &authorities, n);
  if (g_strcmp0 (column, "status") == 0)
    return stored_choices (column, status_codes, G_N_ELEMENTS (status_codes), &statuses, n);
  if (g_strcmp0 (column, "classification") == 0)
    return stored_choices (column, classification_codes, G_N_ELEMENTS (classification_codes), &classifications, n);

  return NULL;
}

static char *
post_tags_label (const char *value)
{
  g_auto(GStrv) tags = g_strsplit (value ? value : "", ",", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *label;

      g_strstrip (tags[i]);
      if (*tags[i] == '\0')
        continue;
      label = ld_code_get_label (LD_CODE_TABLE_POST_TAG, tags[i]);
      if (text->len > 0)
        /* Translators: separates the items of a short list */
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, label ? label : tags[i]);
    }

  return g_string_free (text, FALSE);
}

char *
ld_section_a_value_label (const char *column,
                          const char *value)
{
  const LdCode *choices;
  guint n = 0;

  if (value == NULL)
    value = "";

  if (g_strcmp0 (column, "sex") == 0)
    return g_strdup (ld_cadre_sex_get_label (value));
  if (g_strcmp0 (column, "principal") == 0)
    return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
  if (g_strcmp0 (column, "grade") == 0)
    return g_strdup (g_str_equal (value, "0") ? "" : value);
  if (g_strcmp0 (column, "post_tags") == 0)
    return post_tags_label (value);

  choices = ld_section_a_choices (column, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (choices[i].code, value))
      return g_strdup (choices[i].label);

  return g_strdup (value);
}

char *
ld_section_a_value_text (const LdCadreFields *f,
                         const char          *column)
{
  struct { const char *column; const char *value; } texts[] = {
    { "name", f->name }, { "former_names", f->former_names }, { "id_number", f->id_number },
    { "sex", f->sex }, { "birth_date", f->birth_date }, { "ethnicity", f->ethnicity },
    { "native_place", f->native_place }, { "political_status", f->political_status },
    { "party_joined", f->party_joined }, { "party_full", f->party_full },
    { "edu_fulltime", f->edu_fulltime }, { "degree_fulltime", f->degree_fulltime },
    { "school_fulltime", f->school_fulltime }, { "edu_inservice", f->edu_inservice },
    { "degree_inservice", f->degree_inservice }, { "school_inservice", f->school_inservice },
    { "post", f->post }, { "post_level", f->post_level }, { "rank", f->rank },
    { "post_since", f->post_since }, { "rank_since", f->rank_since },
    { "promoted_at", f->promoted_at }, { "authority", f->authority }, { "status", f->status },
    { "post_tags", f->post_tags }, { "classification", f->classification },
  };

  if (g_strcmp0 (column, "unit_id") == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, f->unit_id);
  if (g_strcmp0 (column, "grade") == 0)
    return g_strdup_printf ("%d", f->grade);
  if (g_strcmp0 (column, "principal") == 0)
    return g_strdup (f->principal ? "1" : "0");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (texts[i].column, column) == 0)
      return g_strdup (texts[i].value ? texts[i].value : "");

  return g_strdup ("");
}

/* "B.relation" → section B and its field. */
static gboolean
split_entry_field (const char               *field,
                   const LdFileSectionInfo **section,
                   const char              **key)
{
  const char *dot = field ? strchr (field, '.') : NULL;
  g_autofree char *code = NULL;

  if (dot == NULL)
    return FALSE;
  code = g_strndup (field, dot - field);
  *section = ld_file_section_lookup (code);
  *key = dot + 1;
  return *section != NULL;
}

char *
ld_history_field_label (const char *field)
{
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;

  if (ld_file_section_describe_change (field, "", &label, &value))
    return g_steal_pointer (&label);
  return g_strdup (ld_cadre_field_get_label (field));
}

char *
ld_history_field_short_label (const char *field)
{
  const LdFileSectionInfo *section;
  const LdEntryFieldInfo *info;
  const char *key;

  if (g_str_has_prefix (field, "attachment."))
    {
      if (g_str_equal (field, "attachment.name") || g_str_equal (field, "attachment.retired_reason"))
        return ld_history_field_label (field);
      return NULL;
    }
  if (!split_entry_field (field, &section, &key))
    return g_strdup (ld_cadre_field_get_label (field));

  if (g_str_equal (key, "entry"))
    return NULL;
  if (g_str_equal (key, "kind"))
    return g_strdup (_("Kind of entry"));
  if (g_str_equal (key, "retired_reason"))
    return g_strdup (_("Reason for retiring"));
  if (g_str_equal (key, "entry_date"))
    return g_strdup (section->date_label ? ld_file_section_gettext (section->date_label) : _("Date"));
  if ((info = ld_file_section_find_field (section, key)) != NULL)
    return g_strdup (ld_file_section_gettext (info->label));
  return ld_history_field_label (field);
}

char *
ld_history_value_label (const char *field,
                        const char *value)
{
  g_autofree char *label = NULL;
  g_autofree char *shown = NULL;

  if (ld_file_section_describe_change (field, value, &label, &shown))
    return g_steal_pointer (&shown);
  return ld_section_a_value_label (field, value);
}

const char *
ld_history_event_label (const char *event)
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

  return event ? event : "";
}
