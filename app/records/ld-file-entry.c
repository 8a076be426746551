/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-file-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-file-entry-private.h"

/* Characters of a long text shown in a one-line summary. */
#define SUMMARY_TEXT_CHARS 40

struct _LdFileEntry
{
  GObject     parent_instance;

  gint64      id;
  gint64      cadre_id;
  const LdFileSectionInfo *section;
  char       *kind;
  char       *entry_date;
  char       *outcome;
  GHashTable *values;
  char       *summary;
  guint       n_attachments;
  gint64      retired_at;
  char       *retired_reason;
  gint64      created_at;
  gint64      updated_at;
};

G_DEFINE_FINAL_TYPE (LdFileEntry, ld_file_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CADRE_ID,
  PROP_SECTION,
  PROP_KIND,
  PROP_ENTRY_DATE,
  PROP_OUTCOME,
  PROP_SUMMARY,
  PROP_N_ATTACHMENTS,
  PROP_RETIRED_AT,
  PROP_RETIRED_REASON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_file_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LdFileEntry *self = LD_FILE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CADRE_ID:
      g_value_set_int64 (value, self->cadre_id);
      break;
    case PROP_SECTION:
      g_value_set_string (value, ld_file_entry_get_section (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ENTRY_DATE:
      g_value_set_string (value, self->entry_date);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_N_ATTACHMENTS:
      g_value_set_uint (value, self->n_attachments);
      break;
    case PROP_RETIRED_AT:
      g_value_set_int64 (value, self->retired_at);
      break;
    case PROP_RETIRED_REASON:
      g_value_set_string (value, self->retired_reason);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_file_entry_finalize (GObject *object)
{
  LdFileEntry *self = LD_FILE_ENTRY (object);

  g_free (self->kind);
  g_free (self->entry_date);
  g_free (self->outcome);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_free (self->summary);
  g_free (self->retired_reason);
  G_OBJECT_CLASS (ld_file_entry_parent_class)->finalize (object);
}

static void
ld_file_entry_class_init (LdFileEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_file_entry_get_property;
  object_class->finalize = ld_file_entry_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CADRE_ID] = g_param_spec_int64 ("cadre-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_ENTRY_DATE] = g_param_spec_string ("entry-date", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_N_ATTACHMENTS] = g_param_spec_uint ("n-attachments", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RETIRED_AT] = g_param_spec_int64 ("retired-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RETIRED_REASON] = g_param_spec_string ("retired-reason", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_file_entry_init (LdFileEntry *self)
{
}

/* --- Stored fields --------------------------------------------------------------- */

void
_ld_file_entry_append_line (GString    *out,
                            const char *name,
                            const char *value)
{
  g_string_append (out, name);
  g_string_append_c (out, '=');
  for (const char *p = value ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
}

GHashTable *
_ld_file_entry_parse_fields (const char *text)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      GString *value;

      if (eq == NULL || eq == lines[i])
        continue;
      value = g_string_new (NULL);
      for (const char *p = eq + 1; *p != '\0'; p++)
        {
          if (*p == '\\' && p[1] == 'n')
            {
              g_string_append_c (value, '\n');
              p++;
            }
          else if (*p == '\\' && p[1] == '\\')
            {
              g_string_append_c (value, '\\');
              p++;
            }
          else
            g_string_append_c (value, *p);
        }
      if (value->len == 0)
        {
          g_string_free (value, TRUE);
          continue;
        }
      g_hash_table_replace (values, g_strndup (lines[i], (gsize) (eq - lines[i])),
                            g_string_free (value, FALSE));
    }
  return values;
}

char *
_ld_file_entry_format_fields (const LdFileSectionInfo *section,
                              GHashTable              *values)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < section->n_fields; i++)
    {
      const char *value = g_hash_table_lookup (values, section->fields[i].key);

      if (value != NULL && *value != '\0')
        _ld_file_entry_append_line (out, section->fields[i].key, value);
    }
  return g_string_free (out, FALSE);
}

/* One summary piece of a field value. */
static char *
summary_piece (const LdEntryFieldInfo *field,
               const char             *value)
{
  switch (field->type)
    {
    case LD_ENTRY_FIELD_CHOICE:
      return g_strdup (ld_entry_field_choice_label (field, value));
    case LD_ENTRY_FIELD_BOOL:
      /* Translators: a yes/no field in a one-line summary, e.g. "Rectified: yes". */
      return g_strdup_printf (_("%s: %s"), ld_file_section_gettext (field->label),
                              g_str_equal (value, "1") ? _("yes") : _("no"));
    case LD_ENTRY_FIELD_LONG_TEXT:
      {
        const char *nl = strchr (value, '\n');
        g_autofree char *line = nl ? g_strndup (value, (gsize) (nl - value)) : g_strdup (value);

        if (g_utf8_strlen (line, -1) > SUMMARY_TEXT_CHARS || nl != NULL)
          {
            g_autofree char *cut = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), SUMMARY_TEXT_CHARS));
            return g_strconcat (cut, "…", NULL);
          }
        return g_steal_pointer (&line);
      }
    case LD_ENTRY_FIELD_TEXT:
    case LD_ENTRY_FIELD_DATE:
    case LD_ENTRY_FIELD_YEAR:
    case LD_ENTRY_FIELD_INT:
    case LD_ENTRY_FIELD_DECIMAL:
    default:
      return g_strdup (value);
    }
}

static char *
build_summary (LdFileEntry *self)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) keys = NULL;

  if (self->section->kinds != NULL && *self->kind != '\0')
    g_ptr_array_add (pieces, g_strdup (ld_file_section_kind_label (self->section, self->kind)));
  keys = g_strsplit (self->section->summary_keys ? self->section->summary_keys : "", ",", -1);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const LdEntryFieldInfo *field = ld_file_section_find_field (self->section, keys[i]);
      const char *value = g_hash_table_lookup (self->values, keys[i]);

      if (field != NULL && value != NULL && *value != '\0')
        g_ptr_array_add (pieces, summary_piece (field, value));
    }
  g_ptr_array_add (pieces, NULL);
  /* Translators: separates the parts of an entry's one-line summary. */
  return g_strjoinv (C_("summary separator", " · "), (char **) pieces->pdata);
}

LdFileEntry *
_ld_file_entry_new (gint64      id,
                    gint64      cadre_id,
                    const char *section,
                    const char *kind,
                    const char *entry_date,
                    const char *outcome,
                    const char *fields_text,
                    guint       n_attachments,
                    gint64      retired_at,
                    const char *retired_reason,
                    gint64      created_at,
                    gint64      updated_at)
{
  const LdFileSectionInfo *info = ld_file_section_lookup (section);
  LdFileEntry *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (LD_TYPE_FILE_ENTRY, NULL);
  self->id = id;
  self->cadre_id = cadre_id;
  self->section = info;
  self->kind = g_strdup (kind ? kind : "");
  self->entry_date = g_strdup (entry_date ? entry_date : "");
  self->outcome = g_strdup (outcome ? outcome : "");
  self->values = _ld_file_entry_parse_fields (fields_text);
  self->n_attachments = n_attachments;
  self->retired_at = retired_at;
  self->retired_reason = g_strdup (retired_reason ? retired_reason : "");
  self->created_at = created_at;
  self->updated_at = updated_at;
  self->summary = build_summary (self);
  return self;
}

GHashTable *
_ld_file_entry_get_values (LdFileEntry *self)
{
  g_return_val_if_fail (LD_IS_FILE_ENTRY (self), NULL);
  return self->values;
}

#define GETTER(type, name, expr, fallback) \
  type ld_file_entry_get_##name (LdFileEntry *self) \
  { g_return_val_if_fail (LD_IS_FILE_ENTRY (self), fallback); return expr; }

GETTER (gint64, id, self->id, 0)
GETTER (gint64, cadre_id, self->cadre_id, 0)
GETTER (const char *, section, self->section->code, NULL)
GETTER (const LdFileSectionInfo *, section_info, self->section, NULL)
GETTER (const char *, kind, self->kind, NULL)
GETTER (const char *, entry_date, self->entry_date, NULL)
GETTER (const char *, outcome, self->outcome, NULL)
GETTER (const char *, summary, self->summary, NULL)
GETTER (guint, n_attachments, self->n_attachments, 0)
GETTER (gint64, retired_at, self->retired_at, 0)
GETTER (const char *, retired_reason, self->retired_reason, NULL)
GETTER (gint64, created_at, self->created_at, 0)
GETTER (gint64, updated_at, self->updated_at, 0)

#undef GETTER

const char *
ld_file_entry_get_value (LdFileEntry *self,
                         const char  *key)
{
  const char *value;

  g_return_val_if_fail (LD_IS_FILE_ENTRY (self), "");

  value = key ? g_hash_table_lookup (self->values, key) : NULL;
  return value ? value : "";
}

GStrv
ld_file_entry_dup_keys (LdFileEntry *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LD_IS_FILE_ENTRY (self), NULL);

  for (guint i = 0; i < self->section->n_fields; i++)
    {
      const char *value = g_hash_table_lookup (self->values, self->section->fields[i].key);

      if (value != NULL && *value != '\0')
        g_strv_builder_add (builder, self->section->fields[i].key);
    }
  return g_strv_builder_end (builder);
}

/* --- Specs ------------------------------------------------------------------------ */

void
ld_file_entry_spec_init (LdFileEntrySpec *spec,
                         const char      *section)
{
  g_return_if_fail (spec != NULL);

  memset (spec, 0, sizeof *spec);
  spec->section = g_strdup (section);
  spec->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
ld_file_entry_spec_clear (LdFileEntrySpec *spec)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->section, g_free);
  g_clear_pointer (&spec->kind, g_free);
  g_clear_pointer (&spec->entry_date, g_free);
  g_clear_pointer (&spec->values, g_hash_table_unref);
}

void
ld_file_entry_spec_init_from_entry (LdFileEntrySpec *spec,
                                    LdFileEntry     *entry)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (LD_IS_FILE_ENTRY (entry));

  ld_file_entry_spec_init (spec, entry->section->code);
  spec->kind = g_strdup (entry->kind);
  spec->entry_date = g_strdup (entry->entry_date);
  g_hash_table_iter_init (&iter, entry->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (spec->values, g_strdup (key), g_strdup (value));
}

void
ld_file_entry_spec_set (LdFileEntrySpec *spec,
                        const char      *key,
                        const char      *value)
{
  g_return_if_fail (spec != NULL && key != NULL);

  if (spec->values == NULL)
    spec->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (spec->values, g_strdup (key), g_strdup (value ? value : ""));
}

static gboolean
refuse (char       **bad_key,
        const char  *key)
{
  if (bad_key != NULL)
    {
      g_free (*bad_key);
      *bad_key = g_strdup (key);
    }
  return FALSE;
}

static char *
kind_codes (const LdFileSectionInfo *section)
{
  GString *codes = g_string_new (NULL);

  for (guint i = 0; section->kinds[i].code != NULL; i++)
    g_string_append_printf (codes, "%s%s", i ? ", " : "", section->kinds[i].code);
  return g_string_free (codes, FALSE);
}

static char *
field_keys (const LdFileSectionInfo *section,
            const char              *kind)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < section->n_fields; i++)
    if (ld_file_section_field_applies (section, &section->fields[i], kind))
      g_string_append_printf (keys, "%s%s", keys->len ? ", " : "", section->fields[i].key);
  return g_string_free (keys, FALSE);
}

gboolean
_ld_file_entry_spec_clean (const LdFileEntrySpec  *spec,
                           LdFileEntrySpec        *out,
                           char                  **bad_key,
                           GError                **error)
{
  const LdFileSectionInfo *section;
  const char *kind = spec->kind ? spec->kind : "";
  const char *date = spec->entry_date ? spec->entry_date : "";
  g_autofree char *clean_kind = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (spec != NULL && out != NULL, FALSE);

  ld_file_entry_spec_init (out, NULL);
  section = ld_file_section_lookup (spec->section);
  if (section == NULL || !section->has_entries)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a file section with entries. Use one of B, C, D, E, I, J, K, L, N or Z."),
                   spec->section ? spec->section : "");
      return refuse (bad_key, "section");
    }
  out->section = g_strdup (section->code);

  /* The kind. */
  {
    g_autofree char *folded = g_strstrip (g_strdup (kind));

    if (section->kinds == NULL && *folded != '\0')
      {
        g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                     _("Entries of section %s have no kind. Leave the kind out."), section->code);
        return refuse (bad_key, "kind");
      }
    if (section->kinds != NULL)
      {
        for (guint i = 0; section->kinds[i].code != NULL; i++)
          if (g_ascii_strcasecmp (section->kinds[i].code, folded) == 0
              || g_str_equal (ld_file_section_gettext (section->kinds[i].label), folded))
            clean_kind = g_strdup (section->kinds[i].code);
        if (clean_kind == NULL)
          {
            g_autofree char *codes = kind_codes (section);

            if (*folded == '\0')
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           /* Translators: %s are a section title and the kind codes. */
                           _("%s: choose the kind of entry, one of: %s."),
                           ld_file_section_gettext (section->title), codes);
            else
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           /* Translators: %s are a section title, the kind typed and the kind codes. */
                           _("%s: unknown kind “%s”. Use one of: %s."),
                           ld_file_section_gettext (section->title), folded, codes);
            return refuse (bad_key, "kind");
          }
      }
    out->kind = clean_kind ? g_steal_pointer (&clean_kind) : g_strdup ("");
  }

  /* The date. */
  if (section->date_label == NULL)
    {
      g_autofree char *folded = g_strstrip (g_strdup (date));

      if (*folded != '\0')
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Entries of section %s have no date. Leave the date out."), section->code);
          return refuse (bad_key, "entry-date");
        }
      out->entry_date = g_strdup ("");
    }
  else
    {
      LdEntryFieldInfo date_field = { "entry-date", section->date_label, section->date_type, TRUE, NULL, NULL };

      out->entry_date = ld_entry_field_normalise (&date_field, date, error);
      if (out->entry_date == NULL)
        return refuse (bad_key, "entry-date");
    }

  /* The values, in the section's field order for a stable first error. */
  if (spec->values != NULL)
    {
      g_hash_table_iter_init (&iter, spec->values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (ld_file_section_find_field (section, key) == NULL)
          {
            g_autofree char *keys = field_keys (section, out->kind);

            g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                         /* Translators: %s are a field key, a section title, and the section's field keys. */
                         _("“%s” is not a field of %s. Its fields are: %s."),
                         (const char *) key, ld_file_section_gettext (section->title), keys);
            return refuse (bad_key, key);
          }
    }
  for (guint i = 0; i < section->n_fields; i++)
    {
      const LdEntryFieldInfo *field = &section->fields[i];
      const char *typed = spec->values ? g_hash_table_lookup (spec->values, field->key) : NULL;
      g_autofree char *clean = NULL;

      if (!ld_file_section_field_applies (section, field, out->kind))
        {
          g_autofree char *folded = g_strstrip (g_strdup (typed ? typed : ""));

          if (*folded != '\0')
            {
              g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                           /* Translators: %s are a field label and a kind of entry. */
                           _("%s does not belong to an entry of the kind “%s”. Leave it empty or choose "
                             "another kind."),
                           ld_file_section_gettext (field->label),
                           ld_file_section_kind_label (section, out->kind));
              return refuse (bad_key, field->key);
            }
          continue;
        }
      clean = ld_entry_field_normalise (field, typed, error);
      if (clean == NULL)
        return refuse (bad_key, field->key);
      if (*clean != '\0')
        g_hash_table_replace (out->values, g_strdup (field->key), g_steal_pointer (&clean));
    }
  return TRUE;
}

gboolean
ld_file_entry_spec_validate (const LdFileEntrySpec  *spec,
                             char                  **bad_key,
                             GError                **error)
{
  g_auto(LdFileEntrySpec) clean = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);

  if (bad_key != NULL)
    *bad_key = NULL;
  return _ld_file_entry_spec_clean (spec, &clean, bad_key, error);
}
