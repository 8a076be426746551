/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ld-cli-password.h"
#include "ld-types.h"

G_BEGIN_DECLS

typedef struct _LdCli        LdCli;
typedef struct _LdCliCommand LdCliCommand;

/* Runs one command. args holds the words after the command name; the
 * function parses them with ld_cli_parse_options() and returns the exit
 * status. The vault opened with ld_cli_open_vault() is locked afterwards by
 * the caller. */
typedef int (*LdCliRunFunc) (LdCli              *cli,
                             const LdCliCommand *command,
                             char             ***args);

struct _LdCliCommand
{
  const char   *group;        /* "user", or NULL for a one-word command */
  const char   *name;         /* "add" */
  const char   *parameters;   /* translatable, e.g. N_("NAME --role ROLE") */
  const char   *summary;      /* translatable one-line summary */
  const char   *description;  /* translatable text under the options, or NULL */
  guint         min_args;
  guint         max_args;
  LdCliRunFunc  run;
  /* Builds more translated help text (lists of keys or events), or NULL. */
  char       *(*extra_help) (void);
};

struct _LdCli
{
  /* Global options. */
  char        *vault_dir;
  char        *user;
  char        *password_file;

  /* Set by commands that take it. */
  char        *new_password_file;

  const LdCliCommand *command;
  LdVault     *vault;
  /* The password the session was opened with. */
  LdCliSecret *password;
  /* Whether the account password came from standard input, so a new
   * password is read from the line after it. */
  gboolean     password_from_stdin;
};

LdCli       *ld_cli_new                 (void);
void         ld_cli_free                (LdCli              *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCli, ld_cli_free)

/* The commands, terminated by an entry whose name is NULL. */
const LdCliCommand *ld_cli_get_commands (void);
/* The command tables of the case records, each terminated by an entry
 * whose name is NULL (ld-cli-talks.c: "talk …"; ld-cli-petitions.c:
 * "petition …"; ld-cli-clues.c: "clue …"; ld-cli-board.c: "board",
 * "calendar …"; ld-cli-search.c: "search"; ld-cli-ledger-import.c:
 * "import talks", "import petitions"). */
const LdCliCommand *ld_cli_talk_commands          (void);
const LdCliCommand *ld_cli_petition_commands      (void);
const LdCliCommand *ld_cli_clue_commands          (void);
const LdCliCommand *ld_cli_board_commands         (void);
const LdCliCommand *ld_cli_ledger_import_commands (void);
const LdCliCommand *ld_cli_search_commands        (void);
/* issue 5: measure …; four-forms …; opinion …; ledger … and
 * recommendation …; import measures. */
const LdCliCommand *ld_cli_measure_commands        (void);
const LdCliCommand *ld_cli_four_forms_commands     (void);
const LdCliCommand *ld_cli_opinion_commands        (void);
const LdCliCommand *ld_cli_ledger_commands         (void);
const LdCliCommand *ld_cli_measure_import_commands (void);
/* issue 6: export …; settings show|set. */
const LdCliCommand *ld_cli_export_commands         (void);
const LdCliCommand *ld_cli_settings_commands       (void);
/* "user add", "init". Caller frees. */
char        *ld_cli_command_get_path    (const LdCliCommand *command);

/* The option group shared by the tool and every command: --vault, --user,
 * --password-file. */
GOptionGroup *ld_cli_global_options     (LdCli              *self);

/* Parses a command's options and leaves its positional arguments in *args
 * (without the program name, converted to UTF-8). Returns FALSE with error set on a usage
 * error, or FALSE without error after printing --help. */
gboolean     ld_cli_parse_options       (LdCli              *self,
                                         const LdCliCommand *command,
                                         const GOptionEntry *entries,
                                         char             ***args,
                                         GError            **error);

/* Prints "liandang-cli: message" on standard error and returns the exit
 * status the error maps to; usage errors add a hint to --help. */
int          ld_cli_report_error        (LdCli              *self,
                                         const GError       *error);

/* --vault, else $LIANDANG_VAULT, else $XDG_DATA_HOME/liandang. Caller frees. */
char        *ld_cli_get_vault_dir       (LdCli              *self);
/* --user, else $LIANDANG_USER, else $USER. NULL if none is known. */
const char  *ld_cli_get_user            (LdCli              *self);

/* Reads the account password (--password-file, else standard input when it
 * is not a terminal, else a prompt), unlocks the vault as the account and
 * keeps the vault open in self->vault. Unless allow_must_change, an account
 * that must change its password is refused with
 * LD_ERROR_PASSWORD_EXPIRED. */
gboolean     ld_cli_open_vault          (LdCli              *self,
                                         gboolean            allow_must_change,
                                         GError            **error);

/* A password that is about to be set: --new-password-file, else the next
 * line of standard input when it is not a terminal, else a prompt asked
 * twice. */
LdCliSecret *ld_cli_read_new_password   (LdCli              *self,
                                         const char         *account,
                                         GError            **error);
/* Like ld_cli_read_new_password() but from --password-file first (init). */
LdCliSecret *ld_cli_read_initial_password (LdCli            *self,
                                           const char       *account,
                                           GError          **error);

/* The error for a session that must change its password first. */
void         ld_cli_set_must_change_error (GError          **error,
                                           const char       *account);

/* Local time "YYYY-MM-DD HH:MM:SS" for unix seconds. */
char        *ld_cli_format_time         (gint64              unix_seconds);
/* Parses "YYYY-MM-DD" (local midnight, or the last second of that day when
 * end_of_day) or "YYYY-MM-DD HH:MM[:SS]" / ISO 8601 into unix seconds. */
gboolean     ld_cli_parse_time          (const char         *text,
                                         gboolean            end_of_day,
                                         gint64             *unix_seconds,
                                         GError            **error);

/* Extra help of `policy set` and `audit list`. */
char        *ld_cli_policy_keys_help    (void);
char        *ld_cli_audit_events_help   (void);

/* Commands. */
int          ld_cli_init_run            (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_add_run        (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_list_run       (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_passwd_run     (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_disable_run    (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_enable_run     (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_unlock_run     (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_grant_run      (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_revoke_run     (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_role_run       (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_policy_show_run     (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_policy_set_run      (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_audit_list_run      (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_audit_verify_run    (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_vault_info_run      (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);

int          ld_cli_user_scope_run  (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_user_unscope_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_add_run    (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_list_run   (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_move_run   (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_rename_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_merge_run  (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_unit_retire_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_list_run  (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_show_run  (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_add_run   (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_retire_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_set_run       (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
/* Extra help of `cadre add` and `cadre set`: the fields of section A. */
char        *ld_cli_cadre_fields_help   (void);
/* Extra help of `unit add`: the kinds of unit and of supervisor. */
char        *ld_cli_unit_kinds_help     (void);

int          ld_cli_cadre_tag_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_untag_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_cadre_photo_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_rules_list_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_rules_set_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
char        *ld_cli_rules_keys_help (void);
int          ld_cli_entry_add_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
char        *ld_cli_sections_help (void);
int          ld_cli_entry_set_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_entry_list_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_entry_retire_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_attachment_add_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_attachment_list_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_attachment_save_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_attachment_retire_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
int          ld_cli_import_cadres_run (LdCli              *cli,
                                         const LdCliCommand *command,
                                         char             ***args);
/* Appends the entries of file sections B … Z of a cadre (without
 * auditing: `cadre show` audits the opening) as text to out. */
gboolean     ld_cli_entries_append_text (LdVault   *vault,
                                         gint64     cadre_id,
                                         GString   *out,
                                         GError   **error);

G_END_DECLS
