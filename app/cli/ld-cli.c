/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli"

#include "config.h"

#include "ld-cli.h"

#include "ld-cli-table.h"
#include "ld-error.h"
#include "vault/ld-vault.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const LdCliCommand commands[] = {
  {
    NULL, "init",
    N_("--admin NAME [--kdf PROFILE]"),
    N_("Create a vault and its system administrator."),
    N_("Creates the vault directory with its encrypted database and key slots, and the system "
       "administrator account NAME, signed in right away.\n"
       "\n"
       "The administrator's password is read from --password-file, else from the first line of "
       "standard input when it is not a terminal, else asked twice without echo.\n"
       "\n"
       "PROFILE is the cost of turning a password into a key: interactive, moderate (the default) "
       "or sensitive. Higher costs resist password guessing better and take longer to sign in."),
    0, 0, ld_cli_init_run,
  },
  {
    "user", "add",
    N_("NAME --role ROLE"),
    N_("Create an account (system administrator)."),
    N_("ROLE is one of sysadmin, secadmin, auditor, investigator, leader, viewer. An account "
       "holds exactly one role, and each of sysadmin, secadmin and auditor is kept apart from "
       "the others.\n"
       "\n"
       "The initial password is read from --new-password-file, else from standard input when it "
       "is not a terminal (the line after your own password when that is read from standard "
       "input too), else asked twice without echo. The new account must change it at its first "
       "login."),
    1, 1, ld_cli_user_add_run,
  },
  {
    "user", "list",
    "",
    N_("List the accounts with their role, status, grants and last login."),
    NULL,
    0, 0, ld_cli_user_list_run,
  },
  {
    "user", "passwd",
    N_("NAME"),
    N_("Change your own password, or reset another account's (system administrator)."),
    N_("Changing your own password needs your current password, which is the one you sign in "
       "with. Resetting another account's password makes that account change it at its next "
       "login.\n"
       "\n"
       "The new password is read from --new-password-file, else from standard input when it is "
       "not a terminal (the line after your own password when that is read from standard input "
       "too), else asked twice without echo."),
    1, 1, ld_cli_user_passwd_run,
  },
  {
    "user", "disable",
    N_("NAME"),
    N_("Disable an account so that it cannot sign in (system administrator)."),
    NULL,
    1, 1, ld_cli_user_disable_run,
  },
  {
    "user", "enable",
    N_("NAME"),
    N_("Enable a disabled account again (system administrator)."),
    NULL,
    1, 1, ld_cli_user_enable_run,
  },
  {
    "user", "unlock",
    N_("NAME"),
    N_("Lift the lockout of an account after failed logins (security administrator)."),
    NULL,
    1, 1, ld_cli_user_unlock_run,
  },
  {
    "user", "grant",
    N_("NAME GRANT"),
    N_("Give a business account a grant (security administrator)."),
    N_("GRANT is one of export, print, reporter-identity."),
    2, 2, ld_cli_user_grant_run,
  },
  {
    "user", "revoke",
    N_("NAME GRANT"),
    N_("Take a grant away from an account (security administrator)."),
    N_("GRANT is one of export, print, reporter-identity."),
    2, 2, ld_cli_user_revoke_run,
  },
  {
    "user", "role",
    N_("NAME ROLE"),
    N_("Change the business role of an account (system administrator)."),
    N_("ROLE is one of investigator, leader, viewer. The roles sysadmin, secadmin and auditor "
       "are fixed when an account is created."),
    2, 2, ld_cli_user_role_run,
  },
  {
    "user", "scope",
    N_("NAME UNIT-ID|all"),
    N_("Let a business account see a unit and the units below it (security administrator)."),
    N_("An account sees and changes only the cadres and records of the units in its scopes; an "
       "account without a scope sees nothing. “all” grants every unit, including units added "
       "later. UNIT-ID is a number shown by “unit list”."),
    2, 2, ld_cli_user_scope_run,
  },
  {
    "user", "unscope",
    N_("NAME UNIT-ID|all"),
    N_("Take a unit scope away from an account (security administrator)."),
    N_("Only a unit that was granted can be taken away; the account keeps its other scopes."),
    2, 2, ld_cli_user_unscope_run,
  },
  {
    "unit", "add",
    N_("NAME [--parent ID] [--kind KIND] [--short NAME]"),
    N_("Add a unit to the unit tree and print its number."),
    N_("The parent must be in your scope; a unit at the top of the tree needs the scope of every "
       "unit."),
    1, 1, ld_cli_unit_add_run, ld_cli_unit_kinds_help,
  },
  {
    "unit", "list",
    N_("[--all]"),
    N_("List the units in your scope as a tree."),
    NULL,
    0, 0, ld_cli_unit_list_run,
  },
  {
    "unit", "move",
    N_("ID --parent ID|top"),
    N_("Move a unit, with everything below it, under another unit."),
    N_("A unit cannot move below itself or one of its own units."),
    1, 1, ld_cli_unit_move_run,
  },
  {
    "unit", "rename",
    N_("ID NAME"),
    N_("Rename a unit."),
    NULL,
    2, 2, ld_cli_unit_rename_run,
  },
  {
    "unit", "merge",
    N_("ID --into ID"),
    N_("Merge a unit into another: its cadres and units move there, and it is retired."),
    NULL,
    1, 1, ld_cli_unit_merge_run,
  },
  {
    "unit", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a unit that has no active cadres or units left. Units are never deleted."),
    NULL,
    1, 1, ld_cli_unit_retire_run,
  },
  {
    "cadre", "list",
    N_("[--unit ID] [--category CATEGORY] [--authority CODE] [--level CODE] [--status CODE] [--tag TAG] "
       "[--search TEXT] [--order ORDER] [--descending] [--header] [--all]"),
    N_("List the cadres in your scope, one tab-separated line each."),
    N_("Columns: record number, name, sex, date of birth, ID number, unit, post, categories. "
       "Cadres are in surname stroke order unless --order says otherwise. --unit includes the units below "
       "it; --search matches part of the name, its pinyin or initials, the ID number or the post; "
       "--category, repeatable, lists the cadres in any of the categories given."),
    0, 0, ld_cli_cadre_list_run,
  },
  {
    "cadre", "show",
    N_("ID [--history]"),
    N_("Print a cadre's whole file. Every opening is recorded in the audit trail."),
    NULL,
    1, 1, ld_cli_cadre_show_run,
  },
  {
    "cadre", "add",
    N_("--name NAME --id-number NUMBER --unit ID [--post TEXT] [--set FIELD=VALUE…]"),
    N_("Add a cadre's file and print its record number."),
    N_("Sex and date of birth are taken from the ID number. Dates are YYYY-MM-DD or YYYY-MM."),
    0, 0, ld_cli_cadre_add_run, ld_cli_cadre_fields_help,
  },
  {
    "cadre", "set",
    N_("ID FIELD=VALUE…"),
    N_("Change fields of a cadre's file; every change is kept in its history."),
    N_("Dates are YYYY-MM-DD or YYYY-MM; an empty VALUE clears a field. A new ID number gives a "
       "new sex and date of birth."),
    2, G_MAXUINT, ld_cli_cadre_set_run, ld_cli_cadre_fields_help,
  },
  {
    "cadre", "retire",
    N_("ID --reason TEXT"),
    N_("Retire a cadre's file. Files are never deleted."),
    NULL,
    1, 1, ld_cli_cadre_retire_run,
  },
  {
    "cadre", "tag",
    N_("ID TAG [--note TEXT]"),
    N_("Add a manual tag to a cadre (computed categories cannot be added by hand)."),
    NULL,
    2, 2, ld_cli_cadre_tag_run,
  },
  {
    "cadre", "untag",
    N_("ID TAG"),
    N_("Remove a manual tag from a cadre."),
    NULL,
    2, 2, ld_cli_cadre_untag_run,
  },
  {
    "cadre", "photo",
    N_("ID FILE|--remove"),
    N_("Set or remove a cadre's photo (JPEG or PNG, at most 2 MB)."),
    NULL,
    1, 2, ld_cli_cadre_photo_run,
  },
  {
    "rules", "list",
    "",
    N_("Show the category rules in force and their history."),
    NULL,
    0, 0, ld_cli_rules_list_run,
  },
  {
    "rules", "set",
    N_("KEY VALUE --source TEXT [--valid-from DATE]"),
    N_("Change a category rule (young-cadre ages, newly-promoted months, high-risk post tags)."),
    NULL,
    2, 2, ld_cli_rules_set_run, ld_cli_rules_keys_help,
  },
  {
    "entry", "add",
    N_("CADRE-ID SECTION [--kind KIND] [--date DATE] KEY=VALUE…"),
    N_("Add an entry to a section of a cadre's file and print its number."),
    NULL,
    2, G_MAXUINT, ld_cli_entry_add_run, ld_cli_sections_help,
  },
  {
    "entry", "set",
    N_("ENTRY-ID [--kind KIND] [--date DATE] KEY=VALUE…"),
    N_("Change an entry of a file section; every change is kept in the file's history."),
    NULL,
    1, G_MAXUINT, ld_cli_entry_set_run, ld_cli_sections_help,
  },
  {
    "entry", "list",
    N_("CADRE-ID [--section CODE] [--all]"),
    N_("List the entries of a cadre's file, one tab-separated line each."),
    NULL,
    1, 1, ld_cli_entry_list_run,
  },
  {
    "entry", "retire",
    N_("ENTRY-ID --reason TEXT"),
    N_("Retire an entry of a file section. Entries are never deleted."),
    NULL,
    1, 1, ld_cli_entry_retire_run,
  },
  {
    "attachment", "add",
    N_("cadre|entry ID FILE"),
    N_("Store a file (at most 20 MB) in the vault with a cadre's file or one of its entries."),
    NULL,
    3, 3, ld_cli_attachment_add_run,
  },
  {
    "attachment", "list",
    N_("cadre|entry ID [--all]"),
    N_("List the attachments of a file or an entry."),
    NULL,
    2, 2, ld_cli_attachment_list_run,
  },
  {
    "attachment", "save",
    N_("ATTACHMENT-ID --out FILE"),
    N_("Copy an attachment out of the vault (the copy is not encrypted)."),
    NULL,
    1, 1, ld_cli_attachment_save_run,
  },
  {
    "attachment", "retire",
    N_("ATTACHMENT-ID --reason TEXT"),
    N_("Retire an attachment. Attachments are never deleted."),
    NULL,
    1, 1, ld_cli_attachment_retire_run,
  },
  {
    "import", "cadres",
    N_("FILE [--unit ID] [--dry-run] [--skip-invalid]"),
    N_("Import a cadre roster from an Excel (.xlsx) or CSV file."),
    NULL,
    1, 1, ld_cli_import_cadres_run,
  },
  {
    "policy", "show",
    "",
    N_("Show the security policy."),
    NULL,
    0, 0, ld_cli_policy_show_run,
  },
  {
    "policy", "set",
    N_("KEY VALUE"),
    N_("Change one setting of the security policy (security administrator)."),
    NULL,
    2, 2, ld_cli_policy_set_run, ld_cli_policy_keys_help,
  },
  {
    "audit", "list",
    N_("[--since DATE] [--until DATE] [--account NAME] [--event EVENT] [--limit N]"),
    N_("List audit entries, newest first (auditor)."),
    N_("DATE is YYYY-MM-DD in local time, or “YYYY-MM-DD HH:MM[:SS]”. --since starts at the "
       "beginning of its day and --until includes the whole of its day."),
    0, 0, ld_cli_audit_list_run, ld_cli_audit_events_help,
  },
  {
    "audit", "verify",
    "",
    N_("Verify the hash chain and the MACs of the audit trail (auditor)."),
    N_("Prints the number of entries checked when the trail is intact. When it is not, prints "
       "the sequence number of the first bad entry and what is wrong with it, and exits with "
       "status 4."),
    0, 0, ld_cli_audit_verify_run,
  },
  {
    "vault", "info",
    "",
    N_("Show where the vault is, its versions and counts."),
    NULL,
    0, 0, ld_cli_vault_info_run,
  },
  { NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

const LdCliCommand *
ld_cli_get_commands (void)
{
  /* The case-record commands live in their own files, each joining the
   * build (and defining LD_CLI_HAVE_…) once the file exists. */
  static const LdCliCommand *(* const segments[]) (void) = {
#ifdef LD_CLI_HAVE_TALKS
    ld_cli_talk_commands,
#endif
#ifdef LD_CLI_HAVE_PETITIONS
    ld_cli_petition_commands,
#endif
#ifdef LD_CLI_HAVE_CLUES
    ld_cli_clue_commands,
#endif
#ifdef LD_CLI_HAVE_BOARD
    ld_cli_board_commands,
#endif
#ifdef LD_CLI_HAVE_LEDGER_IMPORT
    ld_cli_ledger_import_commands,
#endif
#ifdef LD_CLI_HAVE_SEARCH
    ld_cli_search_commands,
#endif
#ifdef LD_CLI_HAVE_MEASURES
    ld_cli_measure_commands,
#endif
#ifdef LD_CLI_HAVE_FOUR_FORMS
    ld_cli_four_forms_commands,
#endif
#ifdef LD_CLI_HAVE_OPINIONS
    ld_cli_opinion_commands,
#endif
#ifdef LD_CLI_HAVE_LEDGERS
    ld_cli_ledger_commands,
#endif
#ifdef LD_CLI_HAVE_MEASURE_IMPORT
    ld_cli_measure_import_commands,
#endif
#ifdef LD_CLI_HAVE_EXPORT
    ld_cli_export_commands,
#endif
#ifdef LD_CLI_HAVE_SETTINGS
    ld_cli_settings_commands,
#endif
    NULL,
  };
  static LdCliCommand *all = NULL;

  if (g_once_init_enter (&all))
    {
      g_autoptr(GArray) array = g_array_new (TRUE, TRUE, sizeof (LdCliCommand));

      for (const LdCliCommand *c = commands; c->name != NULL; c++)
        g_array_append_val (array, *c);
      for (guint i = 0; segments[i] != NULL; i++)
        for (const LdCliCommand *c = segments[i] (); c->name != NULL; c++)
          g_array_append_val (array, *c);
      g_once_init_leave (&all, (LdCliCommand *) g_array_free (g_steal_pointer (&array), FALSE));
    }
  return all;
}

char *
ld_cli_command_get_path (const LdCliCommand *command)
{
  g_return_val_if_fail (command != NULL, NULL);

  if (command->group == NULL)
    return g_strdup (command->name);

  return g_strdup_printf ("%s %s", command->group, command->name);
}

LdCli *
ld_cli_new (void)
{
  return g_new0 (LdCli, 1);
}

void
ld_cli_free (LdCli *self)
{
  if (self == NULL)
    return;

  if (self->vault != NULL)
    ld_vault_lock (self->vault, "exit");
  g_clear_object (&self->vault);
  g_clear_pointer (&self->password, ld_cli_secret_free);
  g_clear_pointer (&self->vault_dir, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->password_file, g_free);
  g_clear_pointer (&self->new_password_file, g_free);
  g_free (self);
}

static gboolean
global_option_cb (const char  *option_name,
                  const char  *value,
                  gpointer     data,
                  GError     **error)
{
  LdCli *self = data;
  char **target;

  if (g_str_equal (option_name, "--vault"))
    target = &self->vault_dir;
  else if (g_str_equal (option_name, "--user") || g_str_equal (option_name, "-u"))
    target = &self->user;
  else if (g_str_equal (option_name, "--password-file"))
    target = &self->password_file;
  else
    g_return_val_if_reached (FALSE);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The option %s needs a value."), option_name);
      return FALSE;
    }

  g_free (*target);
  *target = g_strdup (value);

  return TRUE;
}

GOptionGroup *
ld_cli_global_options (LdCli *self)
{
  static const GOptionEntry entries[] = {
    { "vault", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, global_option_cb,
      N_("The vault directory (default: $LIANDANG_VAULT, else $XDG_DATA_HOME/liandang)"),
      N_("DIR") },
    { "user", 'u', 0, G_OPTION_ARG_CALLBACK, global_option_cb,
      N_("The account to sign in as (default: $LIANDANG_USER, else $USER)"),
      N_("NAME") },
    { "password-file", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, global_option_cb,
      N_("Read the account's password from the first line of FILE"),
      N_("FILE") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("global", _("Global Options:"), _("Show the global options"),
                              self, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);

  return group;
}

/* Frees strv[index] and closes the gap. */
static void
strv_remove (char  **strv,
             guint   index)
{
  g_free (strv[index]);
  for (guint i = index; strv[i] != NULL; i++)
    strv[i] = strv[i + 1];
}

gboolean
ld_cli_parse_options (LdCli               *self,
                      const LdCliCommand  *command,
                      const GOptionEntry  *entries,
                      char              ***args,
                      GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prgname = NULL;
  g_autofree char *description = NULL;
  gboolean help = FALSE;
  const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show help for this command"), NULL },
    { NULL }
  };
  guint n_args;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (args != NULL && *args != NULL, FALSE);

  self->command = command;
  path = ld_cli_command_get_path (command);
  prgname = g_strconcat ("liandang-cli ", path, NULL);
  g_set_prgname (prgname);

  /* The context translates the parameter string, summary and description
   * through its translation domain. */
  context = g_option_context_new (command->parameters[0] != '\0' ? command->parameters : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, command->summary);
  if (command->description != NULL || command->extra_help != NULL)
    {
      g_autofree char *extra = command->extra_help != NULL ? command->extra_help () : NULL;
      g_autofree char *text = NULL;

      if (command->description != NULL && extra != NULL)
        text = g_strconcat (g_dgettext (GETTEXT_PACKAGE, command->description),
                            "\n\n", extra, NULL);
      else if (command->description != NULL)
        text = g_strdup (g_dgettext (GETTEXT_PACKAGE, command->description));
      else
        text = g_steal_pointer (&extra);

      /* Already translated; the context's own lookup finds nothing and keeps it. */
      description = ld_cli_text_wrap (text, ld_cli_terminal_width ());
      g_option_context_set_description (context, description);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, ld_cli_global_options (self));

  if (!g_option_context_parse_strv (context, args, &local_error))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE, local_error->message);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, FALSE, NULL);

      g_print ("%s", text);
      return FALSE;
    }

  /* Drop the program name and a "--" that ends the options. */
  for (guint i = 1; (*args)[i] != NULL; i++)
    {
      if (g_str_equal ((*args)[i], "--"))
        {
          strv_remove (*args, i);
          break;
        }
    }
  strv_remove (*args, 0);

  /* Positional arguments arrive in the locale's encoding. */
  for (guint i = 0; (*args)[i] != NULL; i++)
    {
      char *utf8 = g_locale_to_utf8 ((*args)[i], -1, NULL, NULL, NULL);

      if (utf8 == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Argument %u is not text in the encoding of the current locale."), i + 1);
          return FALSE;
        }
      g_free ((*args)[i]);
      (*args)[i] = utf8;
    }

  n_args = g_strv_length (*args);
  if (n_args < command->min_args)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                   _("Missing arguments. Usage: liandang-cli %s %s"), path,
                   command->parameters[0] != '\0'
                     ? g_dgettext (GETTEXT_PACKAGE, command->parameters) : "");
      return FALSE;
    }
  if (n_args > command->max_args)
    {
      g_autofree char *shown = ld_cli_text_sanitize ((*args)[command->max_args]);

      g_set_error (error, LD_ERROR, LD_ERROR_USAGE, _("Unexpected argument “%s”."), shown);
      return FALSE;
    }

  return TRUE;
}

int
ld_cli_report_error (LdCli        *self,
                     const GError *error)
{
  int status;

  g_return_val_if_fail (error != NULL, 1);

  status = ld_error_exit_code (error);
  g_printerr ("liandang-cli: %s\n", error->message);

  if (status == 2)
    {
      if (self != NULL && self->command != NULL)
        {
          g_autofree char *path = ld_cli_command_get_path (self->command);

          g_printerr (_("Try “liandang-cli %s --help” for more information.\n"), path);
        }
      else
        g_printerr (_("Try “liandang-cli --help” for more information.\n"));
    }

  return status;
}

char *
ld_cli_get_vault_dir (LdCli *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->vault_dir != NULL)
    return g_strdup (self->vault_dir);

  return ld_vault_default_dir ();
}

const char *
ld_cli_get_user (LdCli *self)
{
  const char *user;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->user != NULL)
    return self->user;

  user = g_getenv ("LIANDANG_USER");
  if (user != NULL && *user != '\0')
    return user;

  user = g_getenv ("USER");
  if (user != NULL && *user != '\0')
    return user;

  return NULL;
}

static LdCliSecret *
read_stdin_line (const char  *missing_message,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LdCliSecret *secret;

  secret = ld_cli_secret_read_fd (STDIN_FILENO, &local_error);
  if (secret == NULL)
    {
      if (g_error_matches (local_error, LD_ERROR, LD_ERROR_USAGE))
        g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE, missing_message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return secret;
}

/* Reads a password file, warning when other users could read it too. */
static LdCliSecret *
read_password_file (const char  *path,
                    GError     **error)
{
  LdCliSecret *secret;
  GStatBuf st;

  secret = ld_cli_secret_read_file (path, error);
  if (secret != NULL && g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0077) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_printerr (_("liandang-cli: warning: other users can read the password file “%s”. "
                    "Make it readable only by you (chmod 600).\n"),
                  display);
    }

  return secret;
}

static LdCliSecret *
read_account_password (LdCli       *self,
                       const char  *account,
                       GError     **error)
{
  g_autofree char *prompt = NULL;

  if (self->password_file != NULL)
    return read_password_file (self->password_file, error);

  if (!isatty (STDIN_FILENO))
    {
      self->password_from_stdin = TRUE;
      return read_stdin_line (_("No password on standard input. Write it as the first line, "
                                "or use --password-file FILE."),
                              error);
    }

  prompt = g_strdup_printf (_("Password for %s: "), account);
  return ld_cli_secret_prompt (prompt, error);
}

static LdCliSecret *
prompt_twice (const char  *account,
              GError     **error)
{
  g_autoptr(LdCliSecret) first = NULL;
  g_autoptr(LdCliSecret) second = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *again = NULL;

  prompt = g_strdup_printf (_("New password for %s: "), account);
  first = ld_cli_secret_prompt (prompt, error);
  if (first == NULL)
    return NULL;

  again = g_strdup_printf (_("Repeat the new password for %s: "), account);
  second = ld_cli_secret_prompt (again, error);
  if (second == NULL)
    return NULL;

  if (!ld_cli_secret_equal (first, second))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The two passwords do not match. Nothing was changed."));
      return NULL;
    }

  return g_steal_pointer (&first);
}

LdCliSecret *
ld_cli_read_new_password (LdCli       *self,
                          const char  *account,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);

  if (self->new_password_file != NULL)
    return read_password_file (self->new_password_file, error);

  if (!isatty (STDIN_FILENO))
    {
      if (self->password_from_stdin)
        return read_stdin_line (_("No new password on standard input. Write it on the line "
                                  "after the account password, or use --new-password-file FILE."),
                                error);
      return read_stdin_line (_("No new password on standard input. Write it as the first line, "
                                "or use --new-password-file FILE."),
                              error);
    }

  return prompt_twice (account, error);
}

LdCliSecret *
ld_cli_read_initial_password (LdCli       *self,
                              const char  *account,
                              GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (account != NULL, NULL);

  if (self->password_file != NULL)
    return read_password_file (self->password_file, error);

  if (!isatty (STDIN_FILENO))
    return read_stdin_line (_("No password on standard input. Write it as the first line, "
                              "or use --password-file FILE."),
                            error);

  return prompt_twice (account, error);
}

gboolean
ld_cli_open_vault (LdCli     *self,
                   gboolean   allow_must_change,
                   GError   **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(LdCliSecret) password = NULL;
  g_autoptr(LdVault) vault = NULL;
  const LdSession *session;
  const char *user;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->vault == NULL, FALSE);

  user = ld_cli_get_user (self);
  if (user == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                           _("No account name is known. Give one with --user NAME "
                             "or set LIANDANG_USER."));
      return FALSE;
    }

  /* Do not ask for a password when there is nothing to open. */
  dir = ld_cli_get_vault_dir (self);
  if (!ld_vault_dir_is_vault (dir))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_VAULT,
                   _("There is no Liandang vault in “%s”. Create one with "
                     "“liandang-cli init --admin NAME”, or name the vault with --vault DIR."),
                   display);
      return FALSE;
    }

  password = read_account_password (self, user, error);
  if (password == NULL)
    return FALSE;

  vault = ld_vault_new (dir);
  if (!ld_vault_unlock (vault, user, password, error))
    return FALSE;

  self->vault = g_steal_pointer (&vault);
  self->password = g_steal_pointer (&password);

  session = ld_vault_get_session (self->vault);
  if (session == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_LOCKED,
                           _("The vault opened without a session."));
      return FALSE;
    }

  if (session->must_change_password && !allow_must_change)
    {
      ld_cli_set_must_change_error (error, session->name);
      return FALSE;
    }

  return TRUE;
}

void
ld_cli_set_must_change_error (GError     **error,
                              const char  *account)
{
  g_set_error (error, LD_ERROR, LD_ERROR_PASSWORD_EXPIRED,
               _("The password of “%s” has expired or was reset, and must be changed before "
                 "anything else. Run “liandang-cli --user %s user passwd %s”."),
               account, account, account);
}

char *
ld_cli_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = NULL;

  time = g_date_time_new_from_unix_local (unix_seconds);
  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

gboolean
ld_cli_parse_time (const char  *text,
                   gboolean     end_of_day,
                   gint64      *unix_seconds,
                   GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  int year, month, day;
  char end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  zone = g_time_zone_new_local ();

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3
      && strlen (text) == 10)
    {
      if (g_date_valid_dmy (day, month, year))
        time = g_date_time_new (zone, year, month, day, 0, 0, 0);
      if (time != NULL && end_of_day)
        {
          g_autoptr(GDateTime) next = g_date_time_add_days (time, 1);

          if (next == NULL)
            g_clear_pointer (&time, g_date_time_unref);
          else
            {
              *unix_seconds = g_date_time_to_unix (next) - 1;
              return TRUE;
            }
        }
    }
  else
    {
      g_autofree char *iso = g_strdup (text);
      char *space = strchr (iso, ' ');

      if (space != NULL)
        *space = 'T';
      time = g_date_time_new_from_iso8601 (iso, zone);
    }

  if (time == NULL)
    {
      g_autofree char *shown = ld_cli_text_sanitize (text);

      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a date. Write it as YYYY-MM-DD or “YYYY-MM-DD HH:MM”."),
                   shown);
      return FALSE;
    }

  *unix_seconds = g_date_time_to_unix (time);

  return TRUE;
}
