/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-search-keys"

#include "config.h"

#include "ld-search-keys.h"
#include "ld-stroke-fixes.h"

#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* Field separator inside a search text. Queries never contain it, so a
 * match never spans two fields. */
#define SEPARATOR '\x1f'

/* Surname readings that differ from ICU Han-Latin's common reading, or that
 * are compound surnames. Compound surnames come first so they win over a
 * single character. Syllables are separated by spaces. 单于 is left out on
 * purpose: 单 + a given name starting with 于 is far more common. */
static const struct {
  const char *surname;
  const char *syllables;
} surnames[] = {
  { "尉迟", "yu chi" },
  { "万俟", "mo qi" },
  { "长孙", "zhang sun" },
  { "澹台", "tan tai" },
  { "单", "shan" },
  { "曾", "zeng" },
  { "解", "xie" },
  { "仇", "qiu" },
  { "区", "ou" },
  { "朴", "piao" },
  { "查", "zha" },
  { "盖", "ge" },
  { "乐", "yue" },
  { "覃", "qin" },
  { "缪", "miao" },
  { "翟", "zhai" },
  { "秘", "bi" },
  { "种", "chong" },
  { "召", "shao" },
  { "员", "yun" },
  { "繁", "po" },
  { "隗", "wei" },
  { "句", "gou" },
  { "薄", "bo" },
  { "都", "du" },
  { "洗", "xian" },
  { "粘", "nian" },
  { "折", "she" },
  { "长", "chang" },
  { "重", "chong" },
  { "黑", "he" },
  { "蔚", "yu" },
  { "角", "jue" },
  { "乜", "nie" },
  { "佴", "nai" },
  { "能", "nai" },
  { "阚", "kan" },
  { "祭", "zhai" },
  { "蕃", "pi" },
};

typedef struct
{
  UCollator       *stroke;
  UCollator       *pinyin;
  UTransliterator *han_latin;
  /* Code point → toneless syllable(s) ("" when ICU has none). One cache
   * per thread, so no lock. */
  GHashTable      *syllables;
  gboolean         stroke_opened;
  gboolean         pinyin_opened;
  gboolean         han_latin_opened;
} ThreadState;

static void
thread_state_free (gpointer data)
{
  ThreadState *state = data;

  g_clear_pointer (&state->stroke, ucol_close);
  g_clear_pointer (&state->pinyin, ucol_close);
  g_clear_pointer (&state->han_latin, utrans_close);
  g_clear_pointer (&state->syllables, g_hash_table_unref);
  g_free (state);
}

static GPrivate thread_state_key = G_PRIVATE_INIT (thread_state_free);
static GOnce stroke_once = G_ONCE_INIT;

/* ICU's zh@collation=stroke, with each character that ICU counts the
 * Taiwan way (艹 4 strokes, 阝 3) moved to the end of its mainland
 * stroke-count group (see gen-stroke-fixes.py). ICU marks the start of the
 * n-stroke group with the contraction U+FDD0 U+2800+n, so a character with
 * n mainland strokes goes just before the mark of group n + 1. Built once;
 * each thread clones it. */
static UCollator *
open_stroke_collator (void)
{
  g_autoptr(GString) rules = g_string_new ("[import zh-u-co-stroke]");
  g_autofree UChar *utf16 = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  UCollator *collator;
  glong len;

  for (gsize i = 0; i < G_N_ELEMENTS (stroke_fixes); i++)
    {
      g_string_append (rules, "&[before 1]'\xef\xb7\x90");
      g_string_append_unichar (rules, 0x2800 + stroke_fixes[i].strokes + 1);
      g_string_append (rules, "'<*");
      g_string_append (rules, stroke_fixes[i].chars);
    }

  utf16 = g_utf8_to_utf16 (rules->str, -1, NULL, &len, NULL);
  collator = ucol_openRules (utf16, len, UCOL_DEFAULT, UCOL_DEFAULT, &parse_error, &status);
  if (U_FAILURE (status))
    {
      g_warning ("Could not build the mainland stroke collation (%s, line %d, offset %d); "
                 "using ICU's zh@collation=stroke",
                 u_errorName (status), parse_error.line, parse_error.offset);
      g_clear_pointer (&collator, ucol_close);
    }
  return collator;
}

static gpointer
stroke_collator_init (gpointer data)
{
  return open_stroke_collator ();
}

/* Spaces and punctuation are ignored ("shifted"), so "王　明" sorts with
 * "王明" and "买买提·艾力" with "买买提艾力". */
static UCollator *
prepare_collator (UCollator *collator)
{
  UErrorCode status = U_ZERO_ERROR;

  if (collator != NULL)
    ucol_setAttribute (collator, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &status);
  if (U_FAILURE (status))
    g_warning ("Could not make the ICU collator ignore punctuation: %s", u_errorName (status));
  return collator;
}

static UCollator *
open_collator (const char *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  UCollator *collator = ucol_open (locale, &status);

  if (U_FAILURE (status))
    {
      g_warning ("Could not open the ICU collator %s: %s", locale, u_errorName (status));
      g_clear_pointer (&collator, ucol_close);
    }
  return prepare_collator (collator);
}

static ThreadState *
get_thread_state (void)
{
  ThreadState *state = g_private_get (&thread_state_key);

  if (state == NULL)
    {
      state = g_new0 (ThreadState, 1);
      state->syllables = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_private_set (&thread_state_key, state);
    }
  return state;
}

/* Each ICU object is opened on first use only: the stroke collator costs
 * about 0.2 s to build, and search texts never need it. A failure is
 * reported once and then gives empty results. */
static UCollator *
get_stroke_collator (ThreadState *state)
{
  UErrorCode status = U_ZERO_ERROR;

  if (state->stroke_opened)
    return state->stroke;
  state->stroke_opened = TRUE;

  if (g_once (&stroke_once, stroke_collator_init, NULL) != NULL)
    state->stroke = ucol_clone (stroke_once.retval, &status);
  if (state->stroke == NULL || U_FAILURE (status))
    {
      g_clear_pointer (&state->stroke, ucol_close);
      state->stroke = open_collator ("zh@collation=stroke");
    }
  else
    {
      prepare_collator (state->stroke);
    }
  return state->stroke;
}

static UCollator *
get_pinyin_collator (ThreadState *state)
{
  if (!state->pinyin_opened)
    {
      state->pinyin_opened = TRUE;
      state->pinyin = open_collator ("zh@collation=pinyin");
    }
  return state->pinyin;
}

static UTransliterator *
get_han_latin (ThreadState *state)
{
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  UChar id[16];

  if (state->han_latin_opened)
    return state->han_latin;
  state->han_latin_opened = TRUE;

  u_uastrncpy (id, "Han-Latin", G_N_ELEMENTS (id));
  state->han_latin = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, &parse_error, &status);
  if (U_FAILURE (status))
    {
      g_warning ("Could not open the ICU transliterator Han-Latin: %s", u_errorName (status));
      g_clear_pointer (&state->han_latin, utrans_close);
    }
  return state->han_latin;
}

/* Sort keys */

static GBytes *
sort_key (UCollator  *collator,
          const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *utf16 = NULL;
  g_autofree uint8_t *key = NULL;
  int32_t utf16_len = 0;
  int32_t key_len;
  int32_t capacity;

  if (collator == NULL || !g_utf8_validate (text, -1, NULL))
    return g_bytes_new (NULL, 0);

  /* Preflight, then convert. */
  u_strFromUTF8 (NULL, 0, &utf16_len, text, -1, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_bytes_new (NULL, 0);
  status = U_ZERO_ERROR;
  utf16 = g_new (UChar, utf16_len + 1);
  u_strFromUTF8 (utf16, utf16_len + 1, NULL, text, -1, &status);
  if (U_FAILURE (status))
    return g_bytes_new (NULL, 0);

  capacity = 8 * utf16_len + 16;
  key = g_malloc (capacity);
  key_len = ucol_getSortKey (collator, utf16, utf16_len, key, capacity);
  if (key_len > capacity)
    {
      capacity = key_len;
      key = g_realloc (key, capacity);
      key_len = ucol_getSortKey (collator, utf16, utf16_len, key, capacity);
    }
  if (key_len <= 0 || key_len > capacity)
    return g_bytes_new (NULL, 0);

  /* Drop the trailing NUL: keys never contain a zero byte before it, so
   * memcmp order is unchanged. */
  return g_bytes_new (key, key_len - 1);
}

GBytes *
ld_sort_key_stroke (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return sort_key (get_stroke_collator (get_thread_state ()), text);
}

GBytes *
ld_sort_key_pinyin (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return sort_key (get_pinyin_collator (get_thread_state ()), text);
}

/* Pinyin */

static gboolean
is_han (gunichar c)
{
  UErrorCode status = U_ZERO_ERROR;

  if (c < 0x2E80)
    return FALSE;
  return uscript_getScript ((UChar32) c, &status) == USCRIPT_HAN && U_SUCCESS (status);
}

/* Han-Latin output ("zhāng", "lǚ") → "zhang", "lv". Anything that is not
 * a Latin letter after decomposition (spaces, an untransliterated
 * character) is dropped. */
static char *
strip_tones (const char *latin)
{
  g_autofree char *nfd = g_utf8_normalize (latin, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isalpha (c))
        g_string_append_c (out, g_ascii_tolower (c));
      else if (c == 0x0308 && out->len > 0 && out->str[out->len - 1] == 'u')
        out->str[out->len - 1] = 'v';
    }
  return g_string_free (out, FALSE);
}

static const char *
han_syllables (ThreadState *state,
               gunichar     c)
{
  UErrorCode status = U_ZERO_ERROR;
  UTransliterator *han_latin;
  char *syllables;
  UChar buf[64];
  char latin[256];
  int32_t len = 0;
  int32_t limit;

  syllables = g_hash_table_lookup (state->syllables, GUINT_TO_POINTER (c));
  if (syllables != NULL)
    return syllables;

  han_latin = get_han_latin (state);
  if (han_latin != NULL)
    {
      u_strFromUTF32 (buf, G_N_ELEMENTS (buf), &len, (const UChar32 *) &c, 1, &status);
      limit = len;
      utrans_transUChars (han_latin, buf, &len, G_N_ELEMENTS (buf), 0, &limit, &status);
      u_strToUTF8 (latin, sizeof latin, NULL, buf, len, &status);
    }
  syllables = U_SUCCESS (status) && han_latin != NULL ? strip_tones (latin) : g_strdup ("");
  g_hash_table_insert (state->syllables, GUINT_TO_POINTER (c), syllables);
  return syllables;
}

static void
append_syllables (GString    *out,
                  const char *syllables,
                  gboolean    initials)
{
  gboolean word_start = TRUE;

  for (const char *p = syllables; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          word_start = TRUE;
          continue;
        }
      if (!initials || word_start)
        g_string_append_c (out, *p);
      word_start = FALSE;
    }
}

/* Appends the full pinyin and the initials of `nfkc` (valid UTF-8,
 * already NFKC) to `full` and `initials`; either may be NULL. */
static void
pinyin_append (const char *nfkc,
               gboolean    as_name,
               GString    *full,
               GString    *initials)
{
  ThreadState *state = get_thread_state ();
  const char *p = nfkc;

  if (as_name)
    {
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      for (size_t i = 0; i < G_N_ELEMENTS (surnames); i++)
        if (g_str_has_prefix (p, surnames[i].surname))
          {
            if (full != NULL)
              append_syllables (full, surnames[i].syllables, FALSE);
            if (initials != NULL)
              append_syllables (initials, surnames[i].syllables, TRUE);
            p += strlen (surnames[i].surname);
            break;
          }
    }

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_han (c))
        {
          const char *syllables = han_syllables (state, c);

          /* strip_tones() leaves no spaces, so the initial of a Han
           * character is the first letter of its syllables. */
          if (full != NULL)
            g_string_append (full, syllables);
          if (initials != NULL && syllables[0] != '\0')
            g_string_append_c (initials, syllables[0]);
        }
      else if (g_unichar_isalnum (c))
        {
          c = g_unichar_tolower (c);
          if (full != NULL)
            g_string_append_unichar (full, c);
          if (initials != NULL)
            g_string_append_unichar (initials, c);
        }
    }
}

static char *
pinyin (const char *text,
        gboolean    initials,
        gboolean    as_name)
{
  g_autofree char *nfkc = NULL;
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  out = g_string_new (NULL);
  pinyin_append (nfkc, as_name, initials ? NULL : out, initials ? out : NULL);
  return g_string_free (out, FALSE);
}

char *
ld_pinyin_full (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return pinyin (text, FALSE, FALSE);
}

char *
ld_pinyin_initials (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return pinyin (text, TRUE, FALSE);
}

char *
ld_pinyin_full_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return pinyin (name, FALSE, TRUE);
}

char *
ld_pinyin_initials_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return pinyin (name, TRUE, TRUE);
}

/* Search texts */

/* NFKC + lowercase; control characters (including the separator) are
 * dropped and whitespace runs become one space, except between two Han
 * characters, where they go: rosters pad two-character names to three
 * ("王　明"), and "王明" must still find them. NULL or invalid UTF-8 gives
 * "". */
static char *
normalise (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = FALSE;
  gunichar previous = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  lower = g_utf8_strdown (nfkc, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (space && out->len > 0 && !(is_han (previous) && is_han (c)))
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      previous = c;
    }
  return g_string_free (out, FALSE);
}

static void
append_field (GString    *out,
              const char *field)
{
  if (out->len > 0)
    g_string_append_c (out, SEPARATOR);
  g_string_append (out, field);
}

static void
append_alternative (GString    *out,
                    const char *alternative,
                    const char *main)
{
  if (g_strcmp0 (alternative, main) != 0 && *alternative != '\0')
    append_field (out, alternative);
}

char *
ld_search_text (const char *name,
                const char *id_number,
                const char *post)
{
  g_autofree char *norm_name = normalise (name);
  g_autofree char *norm_id = normalise (id_number);
  g_autofree char *norm_post = normalise (post);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GString) initials = g_string_new (NULL);
  g_autoptr(GString) common_full = g_string_new (NULL);
  g_autoptr(GString) common_initials = g_string_new (NULL);
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  /* normalise() output is NFKC already. */
  pinyin_append (norm_name, TRUE, full, initials);
  pinyin_append (norm_name, FALSE, common_full, common_initials);

  out = g_string_sized_new (3 * strlen (norm_name) + strlen (norm_id) + strlen (norm_post) + 8);
  g_string_append (out, norm_name);
  g_string_append_c (out, SEPARATOR);
  g_string_append (out, full->str);
  g_string_append_c (out, SEPARATOR);
  g_string_append (out, initials->str);
  append_alternative (out, common_full->str, full->str);
  append_alternative (out, common_initials->str, initials->str);

  /* "lv" is how input methods spell lü; people also type "lu". */
  if (strchr (full->str, 'v') != NULL)
    {
      g_autofree char *u_spelling = g_strdup (full->str);

      g_strdelimit (u_spelling, "v", 'u');
      append_field (out, u_spelling);
    }

  g_string_append_c (out, SEPARATOR);
  g_string_append (out, norm_id);
  g_string_append_c (out, SEPARATOR);
  g_string_append (out, norm_post);
  return g_string_free (out, FALSE);
}

char *
ld_search_normalise_query (const char *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return normalise (query);
}
