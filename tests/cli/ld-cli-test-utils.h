/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The fixture shared by the liandang-cli test programs (test-cli,
 * test-cli-import, test-cli-entries, test-cli-cadres): each test gets a
 * temporary folder with a vault path in it, and runs the built tool (path
 * in $LIANDANG_CLI) through GSubprocess against that vault.
 *
 * A program that needs more state per test embeds CliFixture as a member
 * of its own fixture and passes its address to the helpers. */

/* The accounts the helpers create: the system administrator made by
 * init_vault(), and the password every account made by add_account() ends
 * up with. INITIAL_PW is the one the administrator hands out, OTHER_PW a
 * second valid password for tests that change one. */
#define ADMIN       "root"
#define ADMIN_PW    "Admin#Pass2024"
#define INITIAL_PW  "Temp#Word1234"
#define USER_PW     "Good#Word4321"
#define OTHER_PW    "Next#Word5678"

typedef struct
{
  char *dir;    /* the test's temporary folder, removed at teardown */
  char *vault;  /* dir/vault, not created until the tool is asked to */
} CliFixture;

/* What one run of the tool left behind. */
typedef struct
{
  int   status;  /* exit status (a signal ends the test instead) */
  char *out;     /* standard output */
  char *err;     /* standard error */
} CliResult;

void cli_result_free (CliResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Fixture. */

/* Makes f->dir (a new folder from the template tmpl, e.g.
 * "liandang-cli-XXXXXX"; NULL means that one) and sets f->vault. */
void cli_fixture_init (CliFixture *f,
                       const char *tmpl);

/* Removes f->dir with everything in it and frees the fields. */
void cli_fixture_clear (CliFixture *f);

/* cli_fixture_init() with the default template and cli_fixture_clear(), in
 * the form g_test_add() wants. */
void cli_fixture_setup    (CliFixture    *f,
                           gconstpointer  data);
void cli_fixture_teardown (CliFixture    *f,
                           gconstpointer  data);

/* Removes path and, if it is a folder, everything below it (links are
 * removed, not followed). */
void remove_tree (const char *path);

/* Running the tool. */

/* $LIANDANG_CLI, asserted to be set. */
const char *cli_path (void);

/* A new argument vector holding the tool's path, --vault f->vault and, if
 * user is not NULL, --user USER. The caller appends the rest and the
 * terminating NULL (or hands it to run_cli_va(), which does both). */
GPtrArray *cli_argv_new (CliFixture *f,
                         const char *user);

/* Runs argv (NULL-terminated, argv[0] the tool) with input on standard
 * input and returns what it did. Standard input is never a terminal: it is
 * a file holding input (NULL gives an empty one), not a pipe, since the
 * tool may exit before reading it all and a pipe would then fail the write
 * with EPIPE and lose the output. $LIANDANG_VAULT and $LIANDANG_USER are
 * removed from the tool's environment; env (NULL-terminated "NAME=VALUE"
 * strings, or NULL) is then set on top. The command line and its output go
 * to g_test_message(); a tool killed by a signal fails the test. */
CliResult *run_argv_env (const char * const *argv,
                         const char         *input,
                         const char * const *env);

/* run_argv_env() without extra environment. */
CliResult *run_argv (const char * const *argv,
                     const char         *input);

/* liandang-cli --vault <f->vault> [--user USER] ARGS…, the arguments
 * NULL-terminated, with input on standard input as in run_argv(). */
CliResult *run_cli    (CliFixture *f,
                       const char *user,
                       const char *input,
                       ...) G_GNUC_NULL_TERMINATED;
CliResult *run_cli_va (CliFixture *f,
                       const char *user,
                       const char *input,
                       va_list     args);

/* Runs ARGS… as user with USER_PW on standard input and asserts the exit
 * status; when status is not 0, also that standard error is an error
 * message ("liandang-cli: …"). */
CliResult *run_as (CliFixture *f,
                   int         status,
                   const char *user,
                   ...) G_GNUC_NULL_TERMINATED;

/* Runs ARGS… as user with USER_PW, asserts exit status 0 and returns the
 * standard output (free it). */
char *run_ok (CliFixture *f,
              const char *user,
              ...) G_GNUC_NULL_TERMINATED;

/* Runs ARGS… as user with USER_PW and asserts the exit status, that
 * standard error is an error message and, when needle is not NULL, that it
 * contains needle (case matters). */
void run_fails (CliFixture *f,
                const char *user,
                int         status,
                const char *needle,
                ...) G_GNUC_NULL_TERMINATED;

/* Vaults and accounts. */

/* "first\nsecond\n": two answers for standard input. */
char *input2 (const char *first,
              const char *second);

/* `init` of f->vault with the administrator ADMIN (password ADMIN_PW). */
void init_vault (CliFixture *f);

/* Creates the account name with role as ADMIN (initial password
 * INITIAL_PW), then signs in once as name to replace it with USER_PW. */
void add_account (CliFixture *f,
                  const char *name,
                  const char *role);

/* init_vault() plus the security administrator "sec" and the auditor
 * "aud", both with USER_PW. */
void setup_admins (CliFixture *f);

/* Assertions. */

#define assert_status(result, expected)                                         \
  G_STMT_START {                                                                \
    if ((result)->status != (expected))                                         \
      g_error ("expected exit status %d, got %d\nstdout: %s\nstderr: %s",       \
               (expected), (result)->status, (result)->out, (result)->err);     \
  } G_STMT_END

/* Standard error is one error line "liandang-cli: <message>" (plus a hint
 * for usage errors) and, when needle is not NULL, mentions needle (case
 * does not matter). */
void assert_error_message (CliResult  *result,
                           const char *needle);

void assert_contains     (const char *haystack,
                          const char *needle);
void assert_not_contains (const char *haystack,
                          const char *needle);

G_END_DECLS
