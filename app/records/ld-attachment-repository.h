/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ld-types.h"

G_BEGIN_DECLS

/* Attachments (scanned forms, signed reports) stored inside the encrypted
 * vault, on a cadre's file (owner "cadre"), on one entry (owner "entry"),
 * on a talk (owner "talk": the signed talk record) or on a ledger item
 * (owner "ledger": the evidence 佐证材料, through the item's unit and
 * history like a talk's; refused once the item is signed off). At most
 * LD_ATTACHMENT_MAX_SIZE bytes each; the content type is sniffed from the
 * bytes (g_content_type_guess). Scope, permissions, versions and audit as
 * for file entries; a talk's attachments go through the talk's unit, its
 * history (record_versions) and audit object "talk", and have no cadre
 * (cadre_id 0). Never deleted, retired. */

#define LD_ATTACHMENT_MAX_SIZE (20 * 1024 * 1024)

#define LD_AUDIT_ATTACHMENT_ADDED   "attachment.added"
#define LD_AUDIT_ATTACHMENT_OPENED  "attachment.opened"
#define LD_AUDIT_ATTACHMENT_RETIRED "attachment.retired"
/* A copy saved outside the vault (an export: needs LD_ACTION_EXPORT). */
#define LD_AUDIT_ATTACHMENT_SAVED   "attachment.saved"

typedef struct
{
  gint64  id;
  char   *owner_type;      /* "cadre", "entry", "talk" or "ledger" */
  gint64  owner_id;
  gint64  cadre_id;        /* 0 for a talk's or a ledger item's attachment */
  char   *name;            /* file name as added */
  char   *content_type;
  gint64  size;
  char   *sha256;          /* hex */
  char   *account;
  gint64  created_at;
  gint64  retired_at;
} LdAttachment;

void          ld_attachment_free              (LdAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdAttachment, ld_attachment_free)
/* Translated "2.4 MB" style size. */
char         *ld_attachment_format_size       (gint64        size);

/* Reads the file (refusing more than the cap with LD_ERROR_INVALID and a
 * message giving the limit, or a file that cannot be read) and stores it. */
gboolean      ld_attachment_repository_add    (LdVault      *vault,
                                               const char   *owner_type,
                                               gint64        owner_id,
                                               const char   *path,
                                               gint64       *out_id,
                                               GError      **error);
/* Attachments of one owner (LdAttachment, oldest first), retired ones only
 * when asked. */
GPtrArray    *ld_attachment_repository_list   (LdVault      *vault,
                                               const char   *owner_type,
                                               gint64        owner_id,
                                               gboolean      include_retired,
                                               GError      **error);
/* Writes the content to a new private temporary file (0600, in a 0700
 * directory under $XDG_RUNTIME_DIR or the temp dir) named like the
 * attachment, audits the opening, and returns its path. The caller opens
 * it and removes it with ld_attachment_remove_temp() afterwards; every
 * left-over temporary file is removed by ld_attachment_clean_temp() (at
 * lock and exit). */
char         *ld_attachment_repository_open_temp (LdVault   *vault,
                                                  gint64     id,
                                                  GError   **error);
/* Copies the content to PATH (all or nothing: temp file + rename). */
gboolean      ld_attachment_repository_save_as (LdVault     *vault,
                                                gint64       id,
                                                const char  *path,
                                                GError     **error);
gboolean      ld_attachment_repository_retire (LdVault      *vault,
                                               gint64        id,
                                               const char   *reason,
                                               GError      **error);
/* Overwrites with zeros and removes one temporary file made above. */
void          ld_attachment_remove_temp       (const char   *path);
/* Removes every temporary attachment file of this user. */
void          ld_attachment_clean_temp        (void);

G_END_DECLS
