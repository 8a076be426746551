/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cli-password"

#include "config.h"

#include "ld-cli-password.h"

#include "ld-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define SECRET_SIZE (LD_CLI_SECRET_MAX + 1)

static const int tty_signals[] = {
  SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM, SIGPIPE,
};

/* State the signal handler needs to put the terminal back. */
static volatile sig_atomic_t tty_restore_fd = -1;
static struct termios tty_saved_termios;
static struct sigaction tty_saved_actions[G_N_ELEMENTS (tty_signals)];

static LdCliSecret *
secret_new (GError **error)
{
  LdCliSecret *secret;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("The cryptography library could not be initialised."));
      return NULL;
    }

  secret = sodium_malloc (SECRET_SIZE);
  if (secret == NULL)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Not enough locked memory to hold a password."));
      return NULL;
    }
  sodium_memzero (secret, SECRET_SIZE);

  return secret;
}

void
ld_cli_secret_free (LdCliSecret *secret)
{
  if (secret == NULL)
    return;

  sodium_memzero (secret, SECRET_SIZE);
  sodium_free (secret);
}

gboolean
ld_cli_secret_equal (const LdCliSecret *a,
                     const LdCliSecret *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  /* Both buffers are SECRET_SIZE long and zero after the terminator. */
  return sodium_memcmp (a, b, SECRET_SIZE) == 0;
}

LdCliSecret *
ld_cli_secret_read_fd (int      fd,
                       GError **error)
{
  g_autoptr(LdCliSecret) secret = NULL;
  gsize len = 0;
  gboolean got_any = FALSE;
  gboolean too_long = FALSE;
  char c = 0;

  secret = secret_new (error);
  if (secret == NULL)
    return NULL;

  for (;;)
    {
      ssize_t n = read (fd, &c, 1);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                       _("Could not read the password: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;

      got_any = TRUE;
      if (c == '\n')
        break;
      if (len < LD_CLI_SECRET_MAX)
        secret[len++] = c;
      else
        too_long = TRUE;
    }
  sodium_memzero (&c, sizeof c);

  if (!got_any)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                           _("No password was given (the input ended)."));
      return NULL;
    }
  if (too_long)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The password is longer than %d bytes."), LD_CLI_SECRET_MAX);
      return NULL;
    }
  if (len > 0 && secret[len - 1] == '\r')
    secret[--len] = '\0';

  return g_steal_pointer (&secret);
}

LdCliSecret *
ld_cli_secret_read_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LdCliSecret *secret;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("Could not open the password file “%s”: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  secret = ld_cli_secret_read_fd (fd, &local_error);
  close (fd);

  if (secret == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (g_error_matches (local_error, LD_ERROR, LD_ERROR_USAGE))
        g_set_error (error, LD_ERROR, LD_ERROR_USAGE,
                     _("The password file “%s” is empty."), display);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
      return NULL;
    }

  return secret;
}

static void
tty_signal_cb (int signum)
{
  int fd = tty_restore_fd;

  if (fd >= 0)
    tcsetattr (fd, TCSAFLUSH, &tty_saved_termios);

  /* Put the previous disposition back and deliver the signal again once
   * this handler returns, so the process ends (or stops) as it would have. */
  for (guint i = 0; i < G_N_ELEMENTS (tty_signals); i++)
    {
      if (tty_signals[i] == signum)
        sigaction (signum, &tty_saved_actions[i], NULL);
    }
  raise (signum);
}

static void
tty_catch_signals (void)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_handler = tty_signal_cb;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (tty_signals); i++)
    sigaddset (&action.sa_mask, tty_signals[i]);

  for (guint i = 0; i < G_N_ELEMENTS (tty_signals); i++)
    sigaction (tty_signals[i], &action, &tty_saved_actions[i]);
}

static void
tty_release_signals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tty_signals); i++)
    sigaction (tty_signals[i], &tty_saved_actions[i], NULL);
}

static void
write_all (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return;
        }
      text += n;
      len -= (gsize) n;
    }
}

LdCliSecret *
ld_cli_secret_prompt (const char  *prompt,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LdCliSecret *secret;
  struct termios silent;
  gboolean restore = FALSE;
  int fd;

  g_return_val_if_fail (prompt != NULL, NULL);

  do
    fd = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE,
                           _("There is no terminal to ask for the password. Use "
                             "--password-file FILE or write the password to standard input."));
      return NULL;
    }

  if (tcgetattr (fd, &tty_saved_termios) == 0)
    {
      silent = tty_saved_termios;
      silent.c_lflag &= ~(tcflag_t) ECHO;
      silent.c_lflag |= ECHONL;

      tty_restore_fd = fd;
      tty_catch_signals ();
      if (tcsetattr (fd, TCSAFLUSH, &silent) == 0)
        restore = TRUE;
    }

  write_all (fd, prompt);
  secret = ld_cli_secret_read_fd (fd, &local_error);

  if (restore)
    {
      tcsetattr (fd, TCSAFLUSH, &tty_saved_termios);
      if (secret == NULL)
        write_all (fd, "\n");
    }
  if (tty_restore_fd >= 0)
    {
      tty_release_signals ();
      tty_restore_fd = -1;
    }
  close (fd);

  if (secret == NULL)
    {
      if (g_error_matches (local_error, LD_ERROR, LD_ERROR_USAGE))
        g_set_error_literal (error, LD_ERROR, LD_ERROR_USAGE, _("No password was entered."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return secret;
}
