/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ld-types.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

/* Copies of passwords handed to the vault worker live in guarded,
 * non-swappable memory (libsodium) and are wiped when freed. */
char        *ld_secret_dup              (const char   *secret);
void         ld_secret_free             (char         *secret);

/* "YYYY-MM-DD HH:MM" in local time, or a translated "Never" for 0. */
char        *ld_format_timestamp        (gint64        unix_seconds);

/* Parses "YYYY-MM-DD" (local time). Empty text gives 0. With end_of_day the
 * result is the first second of the following day (an exclusive bound). */
gboolean     ld_ui_parse_date              (const char   *text,
                                         gboolean      end_of_day,
                                         gint64       *unix_seconds,
                                         GError      **error);

/* A translated sentence describing the default or current password policy,
 * for hints under password fields. */
char        *ld_policy_describe         (const LdPolicy *policy);

/* Adds or removes the "error" style class. */
void         ld_widget_set_error        (GtkWidget    *widget,
                                         gboolean      error);

/* Whether error is a cancellation (the view went away). */
gboolean     ld_error_is_cancelled      (const GError *error);

/* Presents a transient modal dialog for parent: destroyed with the parent,
 * so locking the window closes every dialog, and counts input in the dialog as
 * activity for the idle lock of the main window. */
void         ld_present_dialog          (GtkWindow    *dialog,
                                         GtkWidget    *parent);

G_END_DECLS

G_BEGIN_DECLS

/* Inputs of an account job on the vault worker: plain copies, the passwords
 * in guarded memory. No widget crosses into the worker. */
typedef struct
{
  char     *name;
  char     *old_password;
  char     *new_password;
  int       role;
  int       kdf_profile;
  guint     grant;
  gboolean  flag;
} LdAccountJob;

LdAccountJob *ld_account_job_new   (const char   *name);
void          ld_account_job_free  (LdAccountJob *job);

/* ld_vault_run_async() wrappers for the account operations; each returns
 * GINT_TO_POINTER (TRUE) or NULL with an error. */
gpointer      ld_account_job_set_password (LdVault      *vault,
                                           gpointer      data,
                                           GCancellable *cancellable,
                                           GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdAccountJob, ld_account_job_free)

G_END_DECLS

G_BEGIN_DECLS

/* Locks the vault on its worker thread: the worker owns the connection, so
 * the lock is ordered after any job already queued and before any later
 * one (an unlock typed meanwhile). */
void          ld_vault_lock_sync   (LdVault            *vault,
                                    const char         *reason);

G_END_DECLS

G_BEGIN_DECLS

/* gtk_widget_set_sensitive() that first moves the focus out of widget:
 * GTK 4.8 warns when a focused text entry becomes insensitive (gtk#5845). */
void          ld_widget_set_sensitive (GtkWidget *widget,
                                       gboolean   sensitive);

/* A GtkSignalListItemFactory "setup" handler for a text column: a
 * GtkInscription that ellipsizes at the end and takes the free width. */
void          ld_inscription_setup_cb (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       gpointer                  user_data);

/* Appends "All years" and the n_years last years, the newest first, to
 * list, and stores those years in years. */
void          ld_string_list_append_years (GtkStringList *list,
                                           int           *years,
                                           guint          n_years);
/* Appends the labels of a code table to list and its codes to codes. */
void          ld_string_list_append_codes (GtkStringList *list,
                                           GPtrArray     *codes,
                                           const char    *table);

G_END_DECLS
