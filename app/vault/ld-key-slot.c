/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-key-slot"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "ld-error.h"
#include "rules/ld-permissions.h"
#include "vault/ld-key-slot.h"

#define SLOT_FORMAT       1
#define SLOT_AD_PREFIX    "liandang-slot-v1"
#define MAX_PENDING       1000
#define VAULT_GROUP       "vault"
#define PENDING_GROUP     "pending"
#define SLOT_GROUP_PREFIX "slot "

struct _LdKeySlots
{
  GKeyFile *kf;
  char     *vault_id;
};

gboolean
ld_crypto_init (void)
{
  static gsize result = 0;

  if (g_once_init_enter (&result))
    g_once_init_leave (&result, sodium_init () >= 0 ? 1 : 2);
  return result == 1;
}

guint8 *
ld_vault_key_new_random (void)
{
  guint8 *key;

  g_return_val_if_fail (ld_crypto_init (), NULL);
  key = sodium_malloc (LD_VAULT_KEY_BYTES);
  g_assert (key != NULL);
  randombytes_buf (key, LD_VAULT_KEY_BYTES);
  return key;
}

void
ld_vault_key_free (guint8 *key)
{
  if (key != NULL)
    sodium_free (key); /* sodium_free wipes before freeing. */
}

void
ld_pending_event_free (LdPendingEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->account);
  g_free (event->event);
  g_free (event->outcome);
  g_free (event->details);
  g_free (event);
}

static char *
slot_group (const char *account)
{
  return g_strconcat (SLOT_GROUP_PREFIX, account, NULL);
}

static void
profile_limits (LdKdfProfile  profile,
                guint64      *ops,
                gsize        *mem)
{
  switch (profile)
    {
    case LD_KDF_INTERACTIVE:
      *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case LD_KDF_SENSITIVE:
      *ops = crypto_pwhash_OPSLIMIT_SENSITIVE;
      *mem = crypto_pwhash_MEMLIMIT_SENSITIVE;
      break;
    case LD_KDF_MODERATE:
    default:
      *ops = crypto_pwhash_OPSLIMIT_MODERATE;
      *mem = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

LdKeySlots *
ld_key_slots_new (LdKdfProfile default_profile)
{
  LdKeySlots *slots = g_new0 (LdKeySlots, 1);
  guint8 id[16];
  g_autofree char *hex = NULL;

  ld_crypto_init ();
  randombytes_buf (id, sizeof id);
  hex = g_malloc (sizeof id * 2 + 1);
  sodium_bin2hex (hex, sizeof id * 2 + 1, id, sizeof id);

  slots->kf = g_key_file_new ();
  g_key_file_set_integer (slots->kf, VAULT_GROUP, "format", SLOT_FORMAT);
  g_key_file_set_string (slots->kf, VAULT_GROUP, "vault-id", hex);
  slots->vault_id = g_steal_pointer (&hex);
  g_key_file_set_string (slots->kf, VAULT_GROUP, "default-kdf", ld_kdf_profile_to_string (default_profile));
  g_key_file_set_int64 (slots->kf, VAULT_GROUP, "created", g_get_real_time () / G_USEC_PER_SEC);
  g_key_file_set_integer (slots->kf, VAULT_GROUP, "lockout-threshold", 5);
  g_key_file_set_integer (slots->kf, VAULT_GROUP, "lockout-minutes", 30);
  return slots;
}

static gboolean
not_a_vault (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_VAULT,
               _("%s is not a Liandang vault: its key-slot file is missing or unreadable. "
                 "Choose the right folder, or restore the vault from a backup."),
               dir);
  return FALSE;
}

LdKeySlots *
ld_key_slots_load (const char  *path,
                   GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  LdKeySlots *slots;

  ld_crypto_init ();
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local_error))
    {
      g_debug ("Cannot load %s: %s", path, local_error->message);
      not_a_vault (path, error);
      return NULL;
    }
  id = g_key_file_get_string (kf, VAULT_GROUP, "vault-id", NULL);
  if (g_key_file_get_integer (kf, VAULT_GROUP, "format", NULL) != SLOT_FORMAT
      || id == NULL || strlen (id) != 32)
    {
      not_a_vault (path, error);
      return NULL;
    }
  slots = g_new0 (LdKeySlots, 1);
  slots->kf = g_steal_pointer (&kf);
  slots->vault_id = g_steal_pointer (&id);
  return slots;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
ld_key_slots_save (LdKeySlots  *slots,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  gsize len;
  int fd, dfd, saved;

  data = g_key_file_to_data (slots->kf, &len, NULL);

  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    goto fail;
  if (!write_all (fd, data, len) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (tmp);
      errno = saved;
      goto fail;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      errno = saved;
      goto fail;
    }
  dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  return TRUE;

fail:
  saved = errno;
  g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
               saved == ENOSPC ? _("Cannot save the key-slot file %s: the disk is full. Free some space and try again.")
                               : _("Cannot save the key-slot file %s: %s."),
               path, g_strerror (saved));
  return FALSE;
}

void
ld_key_slots_free (LdKeySlots *slots)
{
  if (slots == NULL)
    return;
  g_key_file_unref (slots->kf);
  g_free (slots->vault_id);
  g_free (slots);
}

const char *
ld_key_slots_get_vault_id (LdKeySlots *slots)
{
  return slots->vault_id;
}

LdKdfProfile
ld_key_slots_get_default_profile (LdKeySlots *slots)
{
  g_autofree char *name = g_key_file_get_string (slots->kf, VAULT_GROUP, "default-kdf", NULL);
  LdKdfProfile profile = LD_KDF_MODERATE;

  ld_kdf_profile_from_string (name, &profile);
  return profile;
}

guint
ld_key_slots_get_n_slots (LdKeySlots *slots)
{
  g_auto(GStrv) groups = g_key_file_get_groups (slots->kf, NULL);
  guint n = 0;

  for (guint i = 0; groups[i]; i++)
    if (g_str_has_prefix (groups[i], SLOT_GROUP_PREFIX))
      n++;
  return n;
}

gboolean
ld_key_slots_has (LdKeySlots *slots,
                  const char *account)
{
  g_autofree char *group = slot_group (account);
  return g_key_file_has_group (slots->kf, group);
}

static GBytes *
get_b64 (GKeyFile   *kf,
         const char *group,
         const char *key,
         gsize       expected)
{
  g_autofree char *str = g_key_file_get_string (kf, group, key, NULL);
  guchar *data;
  gsize len;

  if (str == NULL)
    return NULL;
  data = g_base64_decode (str, &len);
  if (expected != 0 && len != expected)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

static void
set_b64 (GKeyFile     *kf,
         const char   *group,
         const char   *key,
         const guint8 *data,
         gsize         len)
{
  g_autofree char *str = g_base64_encode (data, len);
  g_key_file_set_string (kf, group, key, str);
}

static GBytes *
make_ad (LdKeySlots *slots,
         const char *account)
{
  GByteArray *ad = g_byte_array_new ();
  const char *id = ld_key_slots_get_vault_id (slots);

  g_byte_array_append (ad, (const guint8 *) SLOT_AD_PREFIX, sizeof SLOT_AD_PREFIX);
  g_byte_array_append (ad, (const guint8 *) id, strlen (id) + 1);
  g_byte_array_append (ad, (const guint8 *) account, strlen (account) + 1);
  return g_byte_array_free_to_bytes (ad);
}

static gboolean
derive_kek (const char   *password,
            const guint8 *salt,
            guint64       ops,
            gsize         mem,
            guint8       *kek)
{
  return crypto_pwhash (kek, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
                        password, strlen (password), salt,
                        ops, mem, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

gboolean
ld_key_slots_set (LdKeySlots    *slots,
                  const char    *account,
                  const char    *password,
                  const guint8  *key,
                  LdKdfProfile   profile,
                  GError       **error)
{
  g_autofree char *group = slot_group (account);
  g_autoptr(GBytes) ad = make_ad (slots, account);
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[LD_VAULT_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
  guint8 *kek;
  guint64 ops;
  gsize mem;
  gsize ad_len;
  const guint8 *ad_data = g_bytes_get_data (ad, &ad_len);
  int failures;
  gboolean locked;
  gint64 locked_until;

  profile_limits (profile, &ops, &mem);
  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);

  kek = sodium_malloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (kek == NULL || !derive_kek (password, salt, ops, mem, kek))
    {
      if (kek)
        sodium_free (kek);
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Not enough memory to protect the password. Close other programs and try again."));
      return FALSE;
    }
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, key, LD_VAULT_KEY_BYTES,
                                              ad_data, ad_len, NULL, nonce, kek);
  sodium_free (kek);

  /* A new password keeps the lockout state: unlocking is a separate act. */
  failures = g_key_file_get_integer (slots->kf, group, "failures", NULL);
  locked = g_key_file_get_boolean (slots->kf, group, "locked", NULL);
  locked_until = g_key_file_get_int64 (slots->kf, group, "locked-until", NULL);

  g_key_file_remove_group (slots->kf, group, NULL);
  g_key_file_set_string (slots->kf, group, "kdf", ld_kdf_profile_to_string (profile));
  g_key_file_set_uint64 (slots->kf, group, "opslimit", ops);
  g_key_file_set_uint64 (slots->kf, group, "memlimit", mem);
  set_b64 (slots->kf, group, "salt", salt, sizeof salt);
  set_b64 (slots->kf, group, "nonce", nonce, sizeof nonce);
  set_b64 (slots->kf, group, "key", wrapped, sizeof wrapped);
  g_key_file_set_integer (slots->kf, group, "failures", failures);
  g_key_file_set_boolean (slots->kf, group, "locked", locked);
  g_key_file_set_int64 (slots->kf, group, "locked-until", locked_until);
  return TRUE;
}

LdKeySlots *
ld_key_slots_copy (LdKeySlots *slots)
{
  LdKeySlots *copy = g_new0 (LdKeySlots, 1);
  g_autofree char *data = g_key_file_to_data (slots->kf, NULL, NULL);

  copy->kf = g_key_file_new ();
  g_key_file_load_from_data (copy->kf, data, -1, G_KEY_FILE_NONE, NULL);
  copy->vault_id = g_strdup (slots->vault_id);
  return copy;
}

void
ld_key_slots_remove (LdKeySlots *slots,
                     const char *account)
{
  g_autofree char *group = slot_group (account);
  g_key_file_remove_group (slots->kf, group, NULL);
}

static void
wrong_password (GError **error)
{
  g_set_error_literal (error, LD_ERROR, LD_ERROR_WRONG_PASSWORD,
                       _("Wrong account name or password."));
}

guint8 *
ld_key_slots_open (LdKeySlots  *slots,
                   const char  *account,
                   const char  *password,
                   GError     **error)
{
  g_autofree char *group = slot_group (account);
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) ad = NULL;
  guint8 *kek, *key;
  guint64 ops;
  gsize mem, ad_len;
  const guint8 *ad_data;
  int rc;

  ld_crypto_init ();
  salt = get_b64 (slots->kf, group, "salt", crypto_pwhash_SALTBYTES);
  nonce = get_b64 (slots->kf, group, "nonce", crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  wrapped = get_b64 (slots->kf, group, "key", LD_VAULT_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  ops = g_key_file_get_uint64 (slots->kf, group, "opslimit", NULL);
  mem = g_key_file_get_uint64 (slots->kf, group, "memlimit", NULL);

  kek = sodium_malloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  key = sodium_malloc (LD_VAULT_KEY_BYTES);
  g_assert (kek != NULL && key != NULL);

  if (salt == NULL || nonce == NULL || wrapped == NULL
      || ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_MAX
      || mem < crypto_pwhash_MEMLIMIT_MIN || mem > ((gsize) 4 << 30))
    {
      /* Unknown account or damaged slot: spend the same time as a real try
       * so that account names cannot be probed by timing. */
      guint8 dummy_salt[crypto_pwhash_SALTBYTES] = { 0 };
      profile_limits (ld_key_slots_get_default_profile (slots), &ops, &mem);
      derive_kek (password, dummy_salt, ops, mem, kek);
      sodium_free (kek);
      sodium_free (key);
      wrong_password (error);
      return NULL;
    }

  if (!derive_kek (password, g_bytes_get_data (salt, NULL), ops, mem, kek))
    {
      sodium_free (kek);
      sodium_free (key);
      g_set_error_literal (error, LD_ERROR, LD_ERROR_FAILED,
                           _("Not enough memory to check the password. Close other programs and try again."));
      return NULL;
    }

  ad = make_ad (slots, account);
  ad_data = g_bytes_get_data (ad, &ad_len);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (key, NULL, NULL,
                                                   g_bytes_get_data (wrapped, NULL),
                                                   g_bytes_get_size (wrapped),
                                                   ad_data, ad_len,
                                                   g_bytes_get_data (nonce, NULL), kek);
  sodium_free (kek);
  if (rc != 0)
    {
      sodium_free (key);
      wrong_password (error);
      return NULL;
    }
  return key;
}

LdKdfProfile
ld_key_slots_get_profile (LdKeySlots *slots,
                          const char *account)
{
  g_autofree char *group = slot_group (account);
  g_autofree char *name = g_key_file_get_string (slots->kf, group, "kdf", NULL);
  LdKdfProfile profile = ld_key_slots_get_default_profile (slots);

  ld_kdf_profile_from_string (name, &profile);
  return profile;
}

void
ld_key_slots_set_lockout_policy (LdKeySlots *slots,
                                 int         threshold,
                                 int         minutes)
{
  g_key_file_set_integer (slots->kf, VAULT_GROUP, "lockout-threshold", threshold);
  g_key_file_set_integer (slots->kf, VAULT_GROUP, "lockout-minutes", minutes);
}

int
ld_key_slots_get_failures (LdKeySlots *slots,
                           const char *account)
{
  g_autofree char *group = slot_group (account);
  return g_key_file_get_integer (slots->kf, group, "failures", NULL);
}

gboolean
ld_key_slots_is_locked (LdKeySlots *slots,
                        const char *account,
                        gint64      now,
                        gint64     *until)
{
  g_autofree char *group = slot_group (account);
  gint64 locked_until;

  if (until)
    *until = 0;
  if (!g_key_file_get_boolean (slots->kf, group, "locked", NULL))
    return FALSE;
  locked_until = g_key_file_get_int64 (slots->kf, group, "locked-until", NULL);
  if (until)
    *until = locked_until;
  return locked_until == 0 || now < locked_until;
}

gboolean
ld_key_slots_record_failure (LdKeySlots *slots,
                             const char *account,
                             gint64      now)
{
  g_autofree char *group = slot_group (account);
  int threshold, minutes, failures;

  if (!g_key_file_has_group (slots->kf, group))
    return FALSE;

  threshold = g_key_file_get_integer (slots->kf, VAULT_GROUP, "lockout-threshold", NULL);
  minutes = g_key_file_get_integer (slots->kf, VAULT_GROUP, "lockout-minutes", NULL);
  if (threshold <= 0)
    threshold = 5;

  /* A lock that timed out starts a fresh count. */
  if (g_key_file_get_boolean (slots->kf, group, "locked", NULL)
      && !ld_key_slots_is_locked (slots, account, now, NULL))
    {
      g_key_file_set_boolean (slots->kf, group, "locked", FALSE);
      g_key_file_set_integer (slots->kf, group, "failures", 0);
    }

  failures = g_key_file_get_integer (slots->kf, group, "failures", NULL) + 1;
  g_key_file_set_integer (slots->kf, group, "failures", failures);
  if (failures >= threshold && !g_key_file_get_boolean (slots->kf, group, "locked", NULL))
    {
      g_key_file_set_boolean (slots->kf, group, "locked", TRUE);
      g_key_file_set_int64 (slots->kf, group, "locked-until",
                            minutes > 0 ? now + (gint64) minutes * 60 : 0);
      return TRUE;
    }
  return FALSE;
}

gboolean
ld_key_slots_clear_failures (LdKeySlots *slots,
                             const char *account)
{
  g_autofree char *group = slot_group (account);

  if (!g_key_file_has_group (slots->kf, group))
    return FALSE;
  if (g_key_file_get_integer (slots->kf, group, "failures", NULL) == 0
      && !g_key_file_get_boolean (slots->kf, group, "locked", NULL))
    return FALSE;
  g_key_file_set_integer (slots->kf, group, "failures", 0);
  g_key_file_set_boolean (slots->kf, group, "locked", FALSE);
  g_key_file_set_int64 (slots->kf, group, "locked-until", 0);
  return TRUE;
}

void
ld_key_slots_add_pending (LdKeySlots *slots,
                          const char *account,
                          const char *event,
                          const char *outcome,
                          const char *details)
{
  int n = g_key_file_get_integer (slots->kf, PENDING_GROUP, "n", NULL);
  g_autofree char *key = NULL;
  g_autofree char *record = NULL;
  g_autofree char *b64 = NULL;

  if (n >= MAX_PENDING)
    {
      /* Do not let a password-guessing run grow the file without bound. */
      int dropped = g_key_file_get_integer (slots->kf, PENDING_GROUP, "dropped", NULL);
      g_key_file_set_integer (slots->kf, PENDING_GROUP, "dropped", dropped + 1);
      return;
    }
  record = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s",
                            g_get_real_time (), account ? account : "", event,
                            outcome ? outcome : "", details ? details : "");
  b64 = g_base64_encode ((const guchar *) record, strlen (record));
  key = g_strdup_printf ("e%d", n);
  g_key_file_set_string (slots->kf, PENDING_GROUP, key, b64);
  g_key_file_set_integer (slots->kf, PENDING_GROUP, "n", n + 1);
}

GPtrArray *
ld_key_slots_take_pending (LdKeySlots *slots)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_pending_event_free);
  int n = g_key_file_get_integer (slots->kf, PENDING_GROUP, "n", NULL);
  int dropped = g_key_file_get_integer (slots->kf, PENDING_GROUP, "dropped", NULL);

  for (int i = 0; i < n && i < MAX_PENDING; i++)
    {
      g_autofree char *key = g_strdup_printf ("e%d", i);
      g_autofree char *b64 = g_key_file_get_string (slots->kf, PENDING_GROUP, key, NULL);
      g_autofree guchar *raw = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *record = NULL;
      gsize len;
      LdPendingEvent *ev;

      if (b64 == NULL)
        continue;
      raw = g_base64_decode (b64, &len);
      record = g_strndup ((const char *) raw, len);
      parts = g_strsplit (record, "\x1f", 5);
      if (g_strv_length (parts) != 5 || !g_utf8_validate (record, -1, NULL))
        continue;
      ev = g_new0 (LdPendingEvent, 1);
      ev->time = g_ascii_strtoll (parts[0], NULL, 10);
      ev->account = g_strdup (parts[1]);
      ev->event = g_strdup (parts[2]);
      ev->outcome = g_strdup (parts[3]);
      ev->details = g_strdup (parts[4]);
      g_ptr_array_add (events, ev);
    }
  if (dropped > 0)
    {
      LdPendingEvent *ev = g_new0 (LdPendingEvent, 1);
      ev->time = g_get_real_time ();
      ev->account = g_strdup ("");
      ev->event = g_strdup ("login.failed");
      ev->outcome = g_strdup ("failed");
      ev->details = g_strdup_printf ("%d further failed sign-ins were not recorded one by one", dropped);
      g_ptr_array_add (events, ev);
    }
  g_key_file_remove_group (slots->kf, PENDING_GROUP, NULL);
  return events;
}
