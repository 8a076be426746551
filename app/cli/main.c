/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liandang-cli"

#include "config.h"

#include "ld-cli.h"
#include "ld-cli-table.h"
#include "ld-error.h"
#include "ld-process.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

static void
append_command_list (GString    *out,
                     const char *group)
{
  for (const LdCliCommand *command = ld_cli_get_commands (); command->name != NULL; command++)
    {
      g_autofree char *path = NULL;

      if (group != NULL && g_strcmp0 (group, command->group) != 0)
        continue;

      path = ld_cli_command_get_path (command);
      g_string_append_printf (out, "  %s", path);
      if (command->parameters[0] != '\0')
        g_string_append_printf (out, " %s", g_dgettext (GETTEXT_PACKAGE, command->parameters));
      g_string_append_printf (out, "\n      %s\n", g_dgettext (GETTEXT_PACKAGE, command->summary));
    }
}

static char *
build_description (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", _("Commands:"));
  append_command_list (out, NULL);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n\n",
                          _("Run “liandang-cli COMMAND --help” for the options of a command."));
  g_string_append_printf (out, "%s\n\n",
                          _("Passwords: the account's password is read from --password-file, else "
                            "from the first line of standard input when it is not a terminal, else "
                            "asked for without echo. A command that sets a password reads the new "
                            "one from --new-password-file, else from the next line of standard "
                            "input when it is not a terminal, else asks twice without echo."));
  g_string_append_printf (out, "%s\n",
                          _("Exit status: 0 success, 1 failure, 2 usage error, 3 authentication "
                            "refused (wrong password, locked or disabled account, password must "
                            "be changed), 4 vault damaged or not a vault, 5 permission denied, "
                            "6 input rejected."));

  return ld_cli_text_wrap (out->str, ld_cli_terminal_width ());
}

static void
print_library (const char *name,
               const char *running,
               const char *built)
{
  /* Translators: a library, the version in use and the version the tool was
   * built with, e.g. "GLib 2.74.6 (built with 2.74.6)". */
  g_print (_("%s %s (built with %s)\n"), name, running, built);
}

static void
print_version (void)
{
  g_autofree char *glib_running = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                                   glib_minor_version, glib_micro_version);
  g_autofree char *glib_built = g_strdup_printf ("%d.%d.%d", GLIB_MAJOR_VERSION,
                                                 GLIB_MINOR_VERSION, GLIB_MICRO_VERSION);

  g_print ("liandang-cli %s\n", PACKAGE_VERSION);
  print_library ("GLib", glib_running, glib_built);
  print_library ("libsodium", sodium_version_string (), SODIUM_VERSION_STRING);
  print_library ("SQLite", sqlite3_libversion (), SQLITE_VERSION);
}

static gboolean
is_group (const char *word)
{
  for (const LdCliCommand *command = ld_cli_get_commands (); command->name != NULL; command++)
    {
      if (g_strcmp0 (command->group, word) == 0)
        return TRUE;
    }

  return FALSE;
}

static const LdCliCommand *
find_command (const char *group,
              const char *name)
{
  for (const LdCliCommand *command = ld_cli_get_commands (); command->name != NULL; command++)
    {
      if (g_strcmp0 (command->group, group) == 0 && g_strcmp0 (command->name, name) == 0)
        return command;
    }

  return NULL;
}

static gboolean
is_help_word (const char *word)
{
  return g_strcmp0 (word, "--help") == 0 || g_strcmp0 (word, "-h") == 0
         || g_strcmp0 (word, "-?") == 0 || g_strcmp0 (word, "help") == 0;
}

static void
print_group_help (const char *group)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_string_append_printf (out, "%s\n  liandang-cli %s %s\n\n",
                          _("Usage:"), group, _("COMMAND [ARGUMENT…]"));
  g_string_append_printf (out, "%s\n", _("Commands:"));
  append_command_list (out, group);
  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          _("Run “liandang-cli %s COMMAND --help” for the options of a command."),
                          group);
  g_string_append_c (out, '\n');

  text = ld_cli_text_wrap (out->str, ld_cli_terminal_width ());
  g_print ("%s", text);
}

/* Takes args[first..] as the command's arguments, with its path first. */
static char **
command_args (const LdCliCommand  *command,
              char               **args,
              guint                first,
              gboolean             want_help)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = ld_cli_command_get_path (command);

  g_strv_builder_add (builder, path);
  for (guint i = first; args[i] != NULL; i++)
    g_strv_builder_add (builder, args[i]);
  if (want_help)
    g_strv_builder_add (builder, "--help");

  return g_strv_builder_end (builder);
}

static int
run (LdCli   *cli,
     char  ***args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) rest = NULL;
  const LdCliCommand *command = NULL;
  gboolean help = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };
  const char *word;
  guint first;

  context = g_option_context_new (N_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  /* Options after the command word belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context, N_("Manage a Liandang vault: accounts and policy, units and "
                                            "cadres' integrity files, talks, petitions and clues, the "
                                            "supervision board, search and the audit trail."));
  description = build_description ();
  g_option_context_set_description (context, description);
  g_option_context_set_main_group (context, ld_cli_global_options (cli));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    {
      g_autoptr(GError) usage = g_error_new_literal (LD_ERROR, LD_ERROR_USAGE, error->message);

      return ld_cli_report_error (cli, usage);
    }

  if (version)
    {
      print_version ();
      return 0;
    }

  word = (*args)[1];
  first = 2;
  if (g_strcmp0 (word, "help") == 0)
    {
      help = TRUE;
      word = (*args)[2];
      first = 3;
    }
  else if (g_strcmp0 (word, "--") == 0)
    {
      word = (*args)[2];
      first = 3;
    }

  if (word == NULL)
    {
      if (help)
        {
          g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

          g_print ("%s", text);
          return 0;
        }

      g_set_error_literal (&error, LD_ERROR, LD_ERROR_USAGE, _("No command was given."));
      return ld_cli_report_error (cli, error);
    }

  if (is_group (word))
    {
      const char *name = (*args)[first];

      if (name == NULL || is_help_word (name))
        {
          if (help || name != NULL)
            {
              print_group_help (word);
              return 0;
            }

          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                       _("“%s” needs a command. Run “liandang-cli %s --help” to list "
                         "them."),
                       word, word);
          return ld_cli_report_error (cli, error);
        }

      command = find_command (word, name);
      if (command == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (name, -1);

          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE,
                       _("Unknown command “%s %s”. Run “liandang-cli %s --help” to list "
                         "the commands."),
                       word, shown, word);
          return ld_cli_report_error (cli, error);
        }
      first++;
    }
  else
    {
      command = find_command (NULL, word);
      if (command == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (word, -1);

          g_set_error (&error, LD_ERROR, LD_ERROR_USAGE, _("Unknown command “%s”."), shown);
          return ld_cli_report_error (cli, error);
        }
    }

  rest = command_args (command, *args, first, help);

  return command->run (cli, command, &rest);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdCli) cli = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  /* umask 077, no core dumps, not dumpable: passwords and the vault key
   * live in this process. */
  ld_process_harden ();

  ld_i18n_init ();

  g_set_prgname ("liandang-cli");

  if (sodium_init () < 0)
    {
      g_printerr ("liandang-cli: %s\n", _("The cryptography library could not be initialised."));
      return 1;
    }

  cli = ld_cli_new ();
  args = g_strdupv (argv);
  status = run (cli, &args);

  /* Locks the vault ("exit") and wipes the password before leaving. */
  g_clear_pointer (&cli, ld_cli_free);

  return status;
}
