/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-search-sqlite"

#include "config.h"

#include "ld-search-sqlite.h"

#include "ld-error.h"
#include "ld-search-keys.h"

#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uversion.h>

/* Bump when the surname table, the stroke fixes or the search text format
 * change. */
#define TABLES_VERSION 1

enum { KEY_STROKE = 1, KEY_PINYIN };

static void
contains_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  const char *haystack = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int (context,
                      haystack != NULL && needle != NULL && strstr (haystack, needle) != NULL);
}

static void
search_text_func (sqlite3_context *context,
                  int              argc,
                  sqlite3_value  **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  const char *id_number = (const char *) sqlite3_value_text (argv[1]);
  const char *post = (const char *) sqlite3_value_text (argv[2]);
  char *text = ld_search_text (name != NULL ? name : "", id_number, post);

  sqlite3_result_text (context, text, -1, g_free);
}

static void
key_func (sqlite3_context *context,
          int              argc,
          sqlite3_value  **argv)
{
  gboolean stroke = GPOINTER_TO_INT (sqlite3_user_data (context)) == KEY_STROKE;
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const void *data;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  bytes = stroke ? ld_sort_key_stroke (text) : ld_sort_key_pinyin (text);
  data = g_bytes_get_data (bytes, &len);
  sqlite3_result_blob (context, len > 0 ? data : "", (int) len, SQLITE_TRANSIENT);
}

gboolean
ld_search_sqlite_register (sqlite3  *db,
                           GError  **error)
{
  static const struct
  {
    const char *name;
    int         n_args;
    void       *user_data;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "ld_contains", 2, NULL, contains_func },
    { "ld_search_text", 3, NULL, search_text_func },
    { "ld_stroke_key", 1, GINT_TO_POINTER (KEY_STROKE), key_func },
    { "ld_pinyin_key", 1, GINT_TO_POINTER (KEY_PINYIN), key_func },
  };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function (db, functions[i].name, functions[i].n_args,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                        functions[i].user_data, functions[i].func, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                       "Could not register the SQL function %s: %s",
                       functions[i].name, sqlite3_errstr (rc));
          return FALSE;
        }
    }
  return TRUE;
}

static char *
collator_version (const char *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open (locale, &status);
  UVersionInfo version = { 0 };
  char text[U_MAX_VERSION_STRING_LENGTH] = "";

  if (U_SUCCESS (status))
    {
      ucol_getVersion (collator, version);
      u_versionToString (version, text);
    }
  g_clear_pointer (&collator, ucol_close);
  return g_strdup (text);
}

static gpointer
keys_version_init (gpointer data)
{
  g_autofree char *stroke = collator_version ("zh@collation=stroke");
  g_autofree char *pinyin = collator_version ("zh@collation=pinyin");

  return g_strdup_printf ("stroke=%s pinyin=%s icu=%s tables=%d",
                          stroke, pinyin, U_ICU_VERSION, TABLES_VERSION);
}

const char *
ld_search_keys_version (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, keys_version_init, NULL);
}
