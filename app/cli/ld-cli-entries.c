/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-entries"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "records/ld-attachment-repository.h"
#include "records/ld-file-entry-repository.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <string.h>

#define REPORT_IF_FAILED(cli, ok, error) \
  G_STMT_START { if (!(ok)) return ld_cli_report_error ((cli), (error)); } G_STMT_END

#define PARSE_OR_RETURN(cli, command, entries, args, error)                          \
  G_STMT_START {                                                                     \
    if (!ld_cli_parse_options ((cli), (command), (entries), (args), &(error)))       \
      return (error) != NULL ? ld_cli_report_error ((cli), (error)) : 0;             \
  } G_STMT_END

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

static gboolean
require_option (const char  *value,
                const char  *option,
                GError     **error)
{
  if (value != NULL)
    return TRUE;
  /* Translators: %s is an option with its argument, e.g. "--reason TEXT". */
  g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("The option %s is required."), option);
  return FALSE;
}

/* Tab-separated output: a cell never holds a tab or a line break. */
static void
append_cell (GString    *line,
             const char *text)
{
  g_autofree char *safe = ld_cli_text_sanitize (text ? text : "");

  if (line->len > 0)
    g_string_append_c (line, '\t');
  g_string_append (line, safe);
}

/* --- Help ------------------------------------------------------------------------ */

static void
append_choices (GString             *out,
                const LdEntryChoice *choices,
                const char          *indent)
{
  for (guint i = 0; choices[i].code != NULL; i++)
    g_string_append_printf (out, "%s%-22s %s\n", indent, choices[i].code,
                            ld_file_section_gettext (choices[i].label));
}

char *
ld_cli_sections_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const LdFileSectionInfo *sections;
  guint n;

  g_string_append_printf (out, "%s\n", _("Sections, their kinds and their fields (KEY=VALUE; an empty value clears a "
                                         "field when changing an entry):"));
  sections = ld_file_sections (&n);
  for (guint i = 0; i < n; i++)
    {
      const LdFileSectionInfo *s = &sections[i];

      if (!s->has_entries)
        continue;
      g_string_append_printf (out, "\n%s  %s\n", s->code, ld_file_section_gettext (s->title));
      if (s->date_label != NULL)
        /* Translators: --date, then the date's label and what it accepts. */
        g_string_append_printf (out, _("  --date: %s (%s, required)\n"), ld_file_section_gettext (s->date_label),
                                ld_entry_field_type_hint (s->date_type));
      if (s->kinds != NULL)
        {
          g_string_append_printf (out, "%s\n", _("  --kind (required):"));
          append_choices (out, s->kinds, "    ");
        }
      for (guint j = 0; j < s->n_fields; j++)
        {
          const LdEntryFieldInfo *field = &s->fields[j];
          g_autoptr(GString) kinds = g_string_new (NULL);
          guint n_kinds = 0, n_applies = 0;

          for (guint k = 0; s->kinds != NULL && s->kinds[k].code != NULL; k++, n_kinds++)
            if (ld_file_section_field_applies (s, field, s->kinds[k].code))
              {
                g_string_append_printf (kinds, "%s%s", kinds->len ? ", " : "", s->kinds[k].code);
                n_applies++;
              }
          g_string_append_printf (out, "  %-20s %s (%s%s)\n", field->key, ld_file_section_gettext (field->label),
                                  ld_entry_field_type_hint (field->type),
                                  field->required ? _(", required") : "");
          if (n_applies < n_kinds)
            /* Translators: the kinds of entry a field belongs to. */
            g_string_append_printf (out, _("      only for: %s\n"), kinds->str);
          if (field->choices != NULL)
            append_choices (out, field->choices, "      ");
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- entry add / set ------------------------------------------------------------- */

/* KEY=VALUE words into the spec. */
static gboolean
parse_values (char            **words,
              LdFileEntrySpec  *spec,
              GError          **error)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *eq = strchr (words[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == words[i])
        {
          g_autofree char *shown = ld_cli_text_sanitize (words[i]);

          g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                       _("“%s” is not KEY=VALUE. Write each field as its key, “=”, and the value, "
                         "for example relation=spouse."),
                       shown);
          return FALSE;
        }
      key = g_strndup (words[i], (gsize) (eq - words[i]));
      ld_file_entry_spec_set (spec, key, eq + 1);
    }
  return TRUE;
}

int
ld_cli_entry_add_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *date = NULL;
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 cadre_id = 0, id = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("The kind of entry (listed below)"), N_("KIND") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The entry's date or year"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the record number shown by “cadre list”."), &cadre_id,
                                   &error), error);
  ld_file_entry_spec_init (&spec, (*args)[1]);
  spec.kind = g_steal_pointer (&kind);
  spec.entry_date = g_steal_pointer (&date);
  REPORT_IF_FAILED (cli, parse_values (*args + 2, &spec, &error), error);
  /* Check the input before asking for the password. */
  REPORT_IF_FAILED (cli, ld_file_entry_spec_validate (&spec, NULL, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_file_entry_repository_create (cli->vault, cadre_id, &spec, &id, &error), error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

int
ld_cli_entry_set_run (LdCli               *cli,
                      const LdCliCommand  *command,
                      char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *date = NULL;
  g_autoptr(LdFileEntry) entry = NULL;
  g_auto(LdFileEntrySpec) spec = { 0 };
  g_auto(LdFileEntrySpec) changes = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("A new kind of entry"), N_("KIND") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("A new date or year"), N_("DATE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the entry number shown by “entry list”."), &id, &error),
                    error);
  ld_file_entry_spec_init (&changes, NULL);
  REPORT_IF_FAILED (cli, parse_values (*args + 1, &changes, &error), error);
  if (kind == NULL && date == NULL && g_hash_table_size (changes.values) == 0)
    {
      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE,
                           _("Nothing to change: give --kind, --date or KEY=VALUE."));
      return ld_cli_report_error (cli, error);
    }
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  entry = ld_file_entry_repository_get (cli->vault, id, &error);
  REPORT_IF_FAILED (cli, entry != NULL, error);

  /* The stored entry with the changes on top. */
  ld_file_entry_spec_init_from_entry (&spec, entry);
  if (kind != NULL)
    {
      g_free (spec.kind);
      spec.kind = g_steal_pointer (&kind);
    }
  if (date != NULL)
    {
      g_free (spec.entry_date);
      spec.entry_date = g_steal_pointer (&date);
    }
  g_hash_table_iter_init (&iter, changes.values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    ld_file_entry_spec_set (&spec, key, value);
  REPORT_IF_FAILED (cli, ld_file_entry_repository_update (cli->vault, id, &spec, &error), error);
  return 0;
}

/* --- entry list / retire -------------------------------------------------------- */

int
ld_cli_entry_list_run (LdCli               *cli,
                       const LdCliCommand  *command,
                       char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *section = NULL;
  gboolean all = FALSE;
  gint64 cadre_id = 0;
  const GOptionEntry entries[] = {
    { "section", 's', 0, G_OPTION_ARG_STRING, &section, N_("Only this section (B … Z)"), N_("CODE") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired entries"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the record number shown by “cadre list”."), &cadre_id,
                                   &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_file_entry_repository_list (cli->vault, cadre_id, section, all, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Entry, section, kind, date, outcome, summary, attachments, status. */
  for (guint i = 0; i < list->len; i++)
    {
      LdFileEntry *entry = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) ld_file_entry_get_id (entry));
      g_autofree char *n = g_strdup_printf ("%u", ld_file_entry_get_n_attachments (entry));

      append_cell (line, id);
      append_cell (line, ld_file_entry_get_section (entry));
      append_cell (line, ld_file_entry_get_kind (entry));
      append_cell (line, ld_file_entry_get_entry_date (entry));
      append_cell (line, ld_file_entry_get_outcome (entry));
      append_cell (line, ld_file_entry_get_summary (entry));
      append_cell (line, n);
      append_cell (line, ld_file_entry_get_retired_at (entry) ? C_("entry status", "retired")
                                                                : C_("entry status", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

int
ld_cli_entry_retire_run (LdCli               *cli,
                         const LdCliCommand  *command,
                         char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is retired (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the entry number shown by “entry list”."), &id, &error),
                    error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_file_entry_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- attachment ------------------------------------------------------------------ */

static gboolean
parse_owner (char      **args,
             gint64     *owner_id,
             GError    **error)
{
  if (!g_str_equal (args[0], "cadre") && !g_str_equal (args[0], "entry"))
    {
      g_autofree char *shown = ld_cli_text_sanitize (args[0]);

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("“%s” is not “cadre” or “entry”. Attach files to a cadre's file or to one of its entries."),
                   shown);
      return FALSE;
    }
  return parse_id (args[1], g_str_equal (args[0], "cadre") ? _("Give the record number shown by “cadre list”.")
                                                             : _("Give the entry number shown by “entry list”."),
                   owner_id, error);
}

int
ld_cli_attachment_add_run (LdCli               *cli,
                           const LdCliCommand  *command,
                           char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 owner_id = 0, id = 0;

  PARSE_OR_RETURN (cli, command, NULL, args, error);
  REPORT_IF_FAILED (cli, parse_owner (*args, &owner_id, &error), error);
  path = g_filename_from_utf8 ((*args)[2], -1, NULL, NULL, NULL);
  if (path == NULL)
    path = g_strdup ((*args)[2]);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_attachment_repository_add (cli->vault, (*args)[0], owner_id, path, &id, &error),
                    error);
  g_print ("%lld\n", (long long) id);
  return 0;
}

int
ld_cli_attachment_list_run (LdCli               *cli,
                            const LdCliCommand  *command,
                            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean all = FALSE;
  gint64 owner_id = 0;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also list retired attachments"), NULL },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_owner (*args, &owner_id, &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  list = ld_attachment_repository_list (cli->vault, (*args)[0], owner_id, all, &error);
  REPORT_IF_FAILED (cli, list != NULL, error);

  /* Attachment, name, type, size in bytes, SHA-256, added, by, status. */
  for (guint i = 0; i < list->len; i++)
    {
      LdAttachment *a = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) a->id);
      g_autofree char *size = g_strdup_printf ("%lld", (long long) a->size);
      g_autofree char *when = ld_cli_format_time (a->created_at);

      append_cell (line, id);
      append_cell (line, a->name);
      append_cell (line, a->content_type);
      append_cell (line, size);
      append_cell (line, a->sha256);
      append_cell (line, when);
      append_cell (line, a->account);
      append_cell (line, a->retired_at ? C_("attachment status", "retired") : C_("attachment status", "active"));
      g_print ("%s\n", line->str);
    }
  return 0;
}

int
ld_cli_attachment_save_run (LdCli               *cli,
                            const LdCliCommand  *command,
                            char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the copy (required)"), N_("FILE") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the attachment number shown by “attachment list”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, require_option (out, "--out FILE", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_attachment_repository_save_as (cli->vault, id, out, &error), error);
  path = g_filename_display_name (out);
  g_printerr (_("Saved to %s. This copy is not encrypted: delete it when you no longer need it.\n"), path);
  return 0;
}

int
ld_cli_attachment_retire_run (LdCli               *cli,
                              const LdCliCommand  *command,
                              char              ***args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is retired (required)"), N_("TEXT") },
    { NULL }
  };

  PARSE_OR_RETURN (cli, command, entries, args, error);
  REPORT_IF_FAILED (cli, parse_id ((*args)[0], _("Give the attachment number shown by “attachment list”."), &id,
                                   &error), error);
  REPORT_IF_FAILED (cli, require_option (reason, "--reason TEXT", &error), error);
  REPORT_IF_FAILED (cli, ld_cli_open_vault (cli, FALSE, &error), error);
  REPORT_IF_FAILED (cli, ld_attachment_repository_retire (cli->vault, id, reason, &error), error);
  return 0;
}

/* --- cadre show ---------------------------------------------------------------------- */

/* "    Label: value", continuation lines of a long text indented. */
static void
append_value (GString    *out,
              const char *label,
              const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *safe = ld_cli_text_sanitize (lines[i]);

      if (i == 0)
        g_string_append_printf (out, "    %s: %s\n", label, safe);
      else
        g_string_append_printf (out, "      %s\n", safe);
    }
}

static gboolean
append_attachments (LdVault     *vault,
                    const char  *owner_type,
                    gint64       owner_id,
                    const char  *indent,
                    GString     *out,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = ld_attachment_repository_list (vault, owner_type, owner_id, FALSE, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      LdAttachment *a = g_ptr_array_index (list, i);
      g_autofree char *name = ld_cli_text_sanitize (a->name);
      g_autofree char *size = ld_attachment_format_size (a->size);

      /* Translators: an attachment: its number, file name, size and content type. */
      g_string_append_printf (out, _("%sAttachment %lld: %s (%s, %s)\n"), indent, (long long) a->id, name, size,
                              a->content_type);
    }
  return TRUE;
}

gboolean
ld_cli_entries_append_text (LdVault   *vault,
                            gint64     cadre_id,
                            GString   *out,
                            GError   **error)
{
  g_autoptr(GPtrArray) entries = ld_file_entry_repository_list (vault, cadre_id, NULL, FALSE, error);
  const LdFileSectionInfo *sections;
  guint n, next = 0;

  if (entries == NULL)
    return FALSE;
  sections = ld_file_sections (&n);
  for (guint i = 0; i < n; i++)
    {
      const LdFileSectionInfo *s = &sections[i];
      gboolean any = FALSE;

      if (g_str_equal (s->code, "A"))
        continue;
      g_string_append_printf (out, "\n%s. %s\n", s->code, ld_file_section_gettext (s->title));
      for (; next < entries->len; next++)
        {
          LdFileEntry *entry = g_ptr_array_index (entries, next);
          g_auto(GStrv) keys = NULL;
          g_autofree char *summary = NULL;

          if (!g_str_equal (ld_file_entry_get_section (entry), s->code))
            break;
          any = TRUE;
          summary = ld_cli_text_sanitize (ld_file_entry_get_summary (entry));
          if (*ld_file_entry_get_entry_date (entry) != '\0')
            /* Translators: an entry of a file section: its number, date and summary. */
            g_string_append_printf (out, _("  Entry %lld  %s  %s\n"), (long long) ld_file_entry_get_id (entry),
                                    ld_file_entry_get_entry_date (entry), summary);
          else
            /* Translators: an entry of a file section: its number and summary. */
            g_string_append_printf (out, _("  Entry %lld  %s\n"), (long long) ld_file_entry_get_id (entry), summary);
          if (s->kinds != NULL)
            append_value (out, _("Kind"), ld_file_section_kind_label (s, ld_file_entry_get_kind (entry)));
          if (s->date_label != NULL)
            append_value (out, ld_file_section_gettext (s->date_label), ld_file_entry_get_entry_date (entry));
          keys = ld_file_entry_dup_keys (entry);
          for (guint k = 0; keys[k] != NULL; k++)
            {
              const LdEntryFieldInfo *field = ld_file_section_find_field (s, keys[k]);
              const char *value = ld_file_entry_get_value (entry, keys[k]);

              if (field->type == LD_ENTRY_FIELD_CHOICE)
                value = ld_entry_field_choice_label (field, value);
              else if (field->type == LD_ENTRY_FIELD_BOOL)
                value = g_str_equal (value, "1") ? _("yes") : _("no");
              append_value (out, ld_file_section_gettext (field->label), value);
            }
          if (ld_file_entry_get_n_attachments (entry) > 0
              && !append_attachments (vault, "entry", ld_file_entry_get_id (entry), "    ", out, error))
            return FALSE;
        }
      if (!any)
        g_string_append_printf (out, "  %s\n", _("(no entries)"));
    }

  /* Attachments of the file as a whole. */
  {
    g_autoptr(GString) files = g_string_new (NULL);

    if (!append_attachments (vault, "cadre", cadre_id, "  ", files, error))
      return FALSE;
    if (files->len > 0)
      g_string_append_printf (out, "\n%s\n%s", _("Attachments of the file"), files->str);
  }
  return TRUE;
}
