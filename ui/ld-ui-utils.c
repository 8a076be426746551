/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-ui-utils"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "ld-ui-utils.h"
#include "ld-window-private.h"
#include "records/ld-user-repository.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-password-policy.h"

char *
ld_secret_dup (const char *secret)
{
  size_t len;
  char *copy;

  if (secret == NULL)
    return NULL;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  len = strlen (secret);
  copy = sodium_malloc (len + 1);
  if (copy == NULL)
    g_error ("Out of guarded memory");
  memcpy (copy, secret, len + 1);

  return copy;
}

void
ld_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  /* sodium_free() wipes the memory before releasing it. */
  sodium_free (secret);
}

char *
ld_format_timestamp (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return g_strdup (C_("timestamp", "Never"));

  dt = g_date_time_new_from_unix_local (unix_seconds);
  if (dt == NULL)
    return g_strdup ("—");

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

gboolean
ld_ui_parse_date (const char  *text,
               gboolean     end_of_day,
               gint64      *unix_seconds,
               GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *stripped = NULL;
  int year, month, day;
  char tail;

  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  *unix_seconds = 0;

  if (text == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return TRUE;

  if (sscanf (stripped, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date. Write dates as YYYY-MM-DD, for example 2024-03-31."),
                   stripped);
      return FALSE;
    }

  tz = g_time_zone_new_local ();
  dt = g_date_time_new (tz, year, month, day, 0, 0, 0);
  if (dt == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date. Write dates as YYYY-MM-DD, for example 2024-03-31."),
                   stripped);
      return FALSE;
    }

  if (end_of_day)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (dt, 1);
      *unix_seconds = g_date_time_to_unix (next);
    }
  else
    *unix_seconds = g_date_time_to_unix (dt);

  return TRUE;
}

char *
ld_policy_describe (const LdPolicy *policy)
{
  LdPolicy defaults;

  if (policy == NULL)
    {
      ld_policy_init_defaults (&defaults);
      policy = &defaults;
    }

  if (policy->min_classes <= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "At least %d character, and not the account name.",
                                         "At least %d characters, and not the account name.",
                                         policy->min_length),
                            policy->min_length);

  /* Translators: the first %d is a length, the second a number of character
   * classes (1 to 4). */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "At least %d characters, using %d of: upper-case letters, lower-case letters, digits and symbols; not the account name.",
                                       "At least %d characters, using %d of: upper-case letters, lower-case letters, digits and symbols; not the account name.",
                                       policy->min_length),
                          policy->min_length, policy->min_classes);
}

void
ld_widget_set_error (GtkWidget *widget,
                     gboolean   error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

gboolean
ld_error_is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_parent_destroy_cb (GtkWindow *dialog,
                      GtkWidget *parent)
{
  /* Not GtkWindow:destroy-with-parent: on GTK 4.8 it leaves the dialog
   * pointing at its finalized parent when a pending job still holds the
   * dialog, and the dialog's last unref then crashes. */
  gtk_window_set_transient_for (dialog, NULL);
  gtk_window_destroy (dialog);
}

void
ld_present_dialog (GtkWindow *dialog,
                   GtkWidget *parent)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
      gtk_window_set_modal (dialog, TRUE);
      g_signal_connect_object (root, "destroy", G_CALLBACK (on_parent_destroy_cb), dialog, G_CONNECT_SWAPPED);

      if (LD_IS_WINDOW (root))
        _ld_window_track_activity (LD_WINDOW (root), GTK_WIDGET (dialog));
    }

  gtk_window_present (dialog);
}

LdAccountJob *
ld_account_job_new (const char *name)
{
  LdAccountJob *job = g_new0 (LdAccountJob, 1);

  job->name = g_strdup (name);

  return job;
}

void
ld_account_job_free (LdAccountJob *job)
{
  if (job == NULL)
    return;

  g_clear_pointer (&job->name, g_free);
  g_clear_pointer (&job->old_password, ld_secret_free);
  g_clear_pointer (&job->new_password, ld_secret_free);
  g_free (job);
}

gpointer
ld_account_job_set_password (LdVault       *vault,
                             gpointer       data,
                             GCancellable  *cancellable,
                             GError       **error)
{
  LdAccountJob *job = data;

  if (!ld_user_repository_set_password (vault, job->name, job->old_password, job->new_password, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
lock_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  ld_vault_run_finish (LD_VAULT (object), result, NULL);
  *done = TRUE;
}

void
ld_vault_lock_sync (LdVault    *vault,
                    const char *reason)
{
  gboolean done = FALSE;

  g_return_if_fail (LD_IS_VAULT (vault));

  ld_vault_lock_async (vault, reason, NULL, lock_sync_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
ld_widget_set_sensitive (GtkWidget *widget,
                         gboolean   sensitive)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!sensitive && (root = gtk_widget_get_root (widget)) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        gtk_root_set_focus (root, NULL);
    }

  gtk_widget_set_sensitive (widget, sensitive);
}

void
ld_inscription_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 2);
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_list_item_set_child (list_item, inscription);
}

void
ld_string_list_append_years (GtkStringList *list,
                             int           *years,
                             guint          n_years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  g_return_if_fail (GTK_IS_STRING_LIST (list));
  g_return_if_fail (years != NULL || n_years == 0);

  gtk_string_list_append (list, _("All years"));
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", year - (int) i);

      years[i] = year - (int) i;
      gtk_string_list_append (list, text);
    }
}

void
ld_string_list_append_codes (GtkStringList *list,
                             GPtrArray     *codes,
                             const char    *table)
{
  const LdCode *table_codes;
  guint n = 0;

  g_return_if_fail (GTK_IS_STRING_LIST (list));
  g_return_if_fail (codes != NULL);

  table_codes = ld_code_table_get (table, &n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (codes, (gpointer) table_codes[i].code);
      gtk_string_list_append (list, table_codes[i].label);
    }
}
