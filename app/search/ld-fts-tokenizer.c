/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-fts-tokenizer"

#include "config.h"

#include "ld-fts-tokenizer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"

/* --- The FTS3 tokenizer interface (from SQLite 3.15.2 fts3_tokenizer.h,
 * which Debian does not install; the layout is part of SQLite's stable
 * interface for custom tokenizers). ------------------------------------- */

typedef struct sqlite3_tokenizer_module sqlite3_tokenizer_module;
typedef struct sqlite3_tokenizer sqlite3_tokenizer;
typedef struct sqlite3_tokenizer_cursor sqlite3_tokenizer_cursor;

struct sqlite3_tokenizer_module
{
  int iVersion;
  int (*xCreate) (int argc, const char * const *argv, sqlite3_tokenizer **ppTokenizer);
  int (*xDestroy) (sqlite3_tokenizer *pTokenizer);
  int (*xOpen) (sqlite3_tokenizer *pTokenizer, const char *pInput, int nBytes,
                sqlite3_tokenizer_cursor **ppCursor);
  int (*xClose) (sqlite3_tokenizer_cursor *pCursor);
  int (*xNext) (sqlite3_tokenizer_cursor *pCursor, const char **ppToken, int *pnBytes,
                int *piStartOffset, int *piEndOffset, int *piPosition);
  int (*xLanguageid) (sqlite3_tokenizer_cursor *pCsr, int iLangid);
};

struct sqlite3_tokenizer
{
  const sqlite3_tokenizer_module *pModule;
};

struct sqlite3_tokenizer_cursor
{
  sqlite3_tokenizer *pTokenizer;
};

/* --- Characters -------------------------------------------------------- */

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF)      /* CJK unified ideographs */
         || (c >= 0x3400 && c <= 0x4DBF)   /* extension A */
         || (c >= 0x20000 && c <= 0x3134F) /* extensions B … G */
         || (c >= 0xF900 && c <= 0xFAFF)   /* compatibility ideographs */
         || c == 0x3007                    /* 〇 */
         || (c >= 0x3040 && c <= 0x30FF)   /* kana */
         || (c >= 0x31F0 && c <= 0x31FF)
         || (c >= 0xAC00 && c <= 0xD7AF);  /* Hangul syllables */
}

/* Full-width ASCII letters and digits read as ASCII. */
static gunichar
fold_width (gunichar c)
{
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
    return c - 0xFEE0;
  return c;
}

static gboolean
is_word_char (gunichar c,
              gboolean in_word)
{
  /* LD_FTS_SCOPE_MARK starts a word, never continues one. */
  if (c == LD_FTS_SCOPE_MARK)
    return !in_word;
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  if (is_cjk (c))
    return FALSE;
  return g_unichar_isalnum (c) || (in_word && g_unichar_ismark (c));
}

/* Decodes the character at p (at most avail bytes). Invalid UTF-8 gives
 * (gunichar) -1 and a length of 1, so it is skipped byte by byte. */
static gunichar
next_char (const char *p,
           gssize      avail,
           int        *len)
{
  gunichar c = g_utf8_get_char_validated (p, avail);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *len = 1;
      return (gunichar) -1;
    }
  *len = g_utf8_skip[*(const guchar *) p];
  return c;
}

/* --- The scanner, shared by the FTS cursor and ld_fts_tokenize() ------- */

typedef struct
{
  const char *input;
  int         n;
  int         pos;        /* next byte to scan */
  int         cjk_start;  /* previous CJK character of the run, or -1 */
  int         cjk_end;
  gboolean    run_emitted;
  int         position;
  char        buf[LD_FTS_MAX_WORD_BYTES + 8];
  int         buf_len;
  /* A token of a CJK run ends here: the scanner then starts from it. */
} Scanner;

static void
scanner_init (Scanner    *s,
              const char *input,
              int         n)
{
  memset (s, 0, sizeof *s);
  s->input = input;
  s->n = n;
  s->cjk_start = -1;
}

/* The next token: TRUE with its text in s->buf (s->buf_len bytes). */
static gboolean
scanner_next (Scanner *s,
              int     *start,
              int     *end)
{
  for (;;)
    {
      if (s->cjk_start >= 0)
        {
          int len = 0;
          gunichar c = s->cjk_end < s->n ? next_char (s->input + s->cjk_end, s->n - s->cjk_end, &len) : 0;

          if (s->cjk_end < s->n && c != (gunichar) -1 && is_cjk (c))
            {
              /* A bigram: the previous character and this one. */
              *start = s->cjk_start;
              *end = s->cjk_end + len;
              s->buf_len = *end - *start;
              memcpy (s->buf, s->input + *start, s->buf_len);
              s->cjk_start = s->cjk_end;
              s->cjk_end = *end;
              s->run_emitted = TRUE;
              return TRUE;
            }
          /* The run ends. A lone character is a token of its own. */
          s->pos = s->cjk_end;
          if (!s->run_emitted)
            {
              *start = s->cjk_start;
              *end = s->cjk_end;
              s->buf_len = *end - *start;
              memcpy (s->buf, s->input + *start, s->buf_len);
              s->cjk_start = -1;
              return TRUE;
            }
          s->cjk_start = -1;
        }

      if (s->pos >= s->n)
        return FALSE;

      {
        int len = 0;
        gunichar c = next_char (s->input + s->pos, s->n - s->pos, &len);

        if (c == (gunichar) -1)
          {
            s->pos += len;
            continue;
          }
        if (is_cjk (c))
          {
            s->cjk_start = s->pos;
            s->cjk_end = s->pos + len;
            s->run_emitted = FALSE;
            continue;
          }
        c = fold_width (c);
        if (!is_word_char (c, FALSE))
          {
            s->pos += len;
            continue;
          }

        /* A word. */
        *start = s->pos;
        s->buf_len = 0;
        while (s->pos < s->n)
          {
            gunichar w = next_char (s->input + s->pos, s->n - s->pos, &len);

            if (w == (gunichar) -1)
              break;
            w = fold_width (w);
            if (!is_word_char (w, s->pos > *start))
              break;
            w = g_unichar_tolower (w);
            if (s->buf_len + 6 <= LD_FTS_MAX_WORD_BYTES)
              s->buf_len += g_unichar_to_utf8 (w, s->buf + s->buf_len);
            s->pos += len;
          }
        *end = s->pos;
        return TRUE;
      }
    }
}

/* --- The SQLite module ------------------------------------------------- */

typedef struct
{
  sqlite3_tokenizer_cursor base;
  Scanner                  scanner;
} Cursor;

static int
tok_create (int                 argc,
            const char * const *argv,
            sqlite3_tokenizer **tokenizer)
{
  *tokenizer = sqlite3_malloc (sizeof (sqlite3_tokenizer));
  if (*tokenizer == NULL)
    return SQLITE_NOMEM;
  memset (*tokenizer, 0, sizeof (sqlite3_tokenizer));
  return SQLITE_OK;
}

static int
tok_destroy (sqlite3_tokenizer *tokenizer)
{
  sqlite3_free (tokenizer);
  return SQLITE_OK;
}

static int
tok_open (sqlite3_tokenizer         *tokenizer,
          const char                *input,
          int                        n,
          sqlite3_tokenizer_cursor **out)
{
  Cursor *cursor = sqlite3_malloc (sizeof (Cursor));

  if (cursor == NULL)
    return SQLITE_NOMEM;
  memset (cursor, 0, sizeof *cursor);
  if (input == NULL)
    n = 0;
  else if (n < 0)
    n = (int) strlen (input);
  scanner_init (&cursor->scanner, input, n);
  *out = &cursor->base;
  return SQLITE_OK;
}

static int
tok_close (sqlite3_tokenizer_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
tok_next (sqlite3_tokenizer_cursor  *base,
          const char               **token,
          int                       *n_bytes,
          int                       *start,
          int                       *end,
          int                       *position)
{
  Cursor *cursor = (Cursor *) base;
  Scanner *s = &cursor->scanner;

  if (!scanner_next (s, start, end))
    return SQLITE_DONE;
  *token = s->buf;
  *n_bytes = s->buf_len;
  *position = s->position++;
  return SQLITE_OK;
}

static const sqlite3_tokenizer_module ldcjk_module = {
  0,
  tok_create,
  tok_destroy,
  tok_open,
  tok_close,
  tok_next,
  NULL,
};

/* --- Pure helpers ------------------------------------------------------ */

static void
clear_token (gpointer data)
{
  LdFtsToken *token = data;

  g_free (token->text);
}

GArray *
ld_fts_tokenize (const char *text,
                 gssize      len)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (LdFtsToken));
  Scanner s;
  int start, end;

  g_array_set_clear_func (tokens, clear_token);
  if (text == NULL)
    return tokens;
  if (len < 0)
    len = (gssize) strlen (text);
  scanner_init (&s, text, (int) MIN (len, G_MAXINT));
  while (scanner_next (&s, &start, &end))
    {
      LdFtsToken token = { g_strndup (s.buf, s.buf_len), start, end, s.position++ };

      g_array_append_val (tokens, token);
    }
  return tokens;
}

char *
ld_fts_query_build (const char *query)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  const char *limit;
  guint terms = 0;

  if (query == NULL)
    return NULL;
  limit = query + strlen (query);

  /* Walk the text in words and CJK runs (the scanner's units), writing
   * each as one quoted term. Only letters, digits and CJK characters go
   * into a term, so nothing the user typed can close a quote or form an
   * operator. */
  p = query;
  while (p < limit && terms < LD_FTS_MAX_QUERY_TERMS)
    {
      int len = 0;
      gunichar c = next_char (p, limit - p, &len);

      if (c != (gunichar) -1 && is_cjk (c))
        {
          const char *run = p;
          const char *run_end;
          guint n_chars = 0;

          while (p < limit)
            {
              c = next_char (p, limit - p, &len);
              if (c == (gunichar) -1 || !is_cjk (c))
                break;
              p += len;
              n_chars++;
            }
          /* A long run: its first characters make the phrase. */
          run_end = p;
          if (n_chars > LD_FTS_MAX_QUERY_RUN)
            {
              run_end = run;
              for (guint k = 0; k < LD_FTS_MAX_QUERY_RUN; k++)
                run_end = g_utf8_next_char (run_end);
              n_chars = LD_FTS_MAX_QUERY_RUN;
            }
          if (terms > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, '"');
          g_string_append_len (out, run, run_end - run);
          /* One character: every bigram it starts, or itself alone. */
          g_string_append (out, n_chars == 1 ? "*\"" : "\"");
          terms++;
          continue;
        }
      if (c != (gunichar) -1 && c != LD_FTS_SCOPE_MARK && is_word_char (fold_width (c), FALSE))
        {
          Scanner s;
          int start, end;

          /* Let the scanner read the word (folded and lower-cased). */
          scanner_init (&s, p, (int) MIN (limit - p, G_MAXINT));
          if (scanner_next (&s, &start, &end))
            {
              if (terms > 0)
                g_string_append_c (out, ' ');
              g_string_append_c (out, '"');
              g_string_append_len (out, s.buf, s.buf_len);
              g_string_append_c (out, '"');
              terms++;
              p += end;
              continue;
            }
        }
      p += len;
    }

  if (terms == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- SQL functions ----------------------------------------------------- */

/* ld_fts_rank(matchinfo(t, 'pcy') [, weight of column 0, 1, 2 …]): for
 * each phrase and column with tf hits in this row, a BM25-like saturated
 * term weight tf * 2.2 / (tf + 1.2) times the column weight (title 3,
 * body 1, any further column 0 by default), summed. It reads no global
 * statistics ('x', 'n', 'l'), which would make FTS4 read the whole
 * doclist of every term on the first row: the queries are ANDs, so every
 * hit holds every phrase anyway. */
static void
rank_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  const guint32 *info = sqlite3_value_blob (argv[0]);
  int n_bytes = sqlite3_value_bytes (argv[0]);
  double score = 0.0;
  guint32 n_phrases, n_cols;

  if (info == NULL || n_bytes < (int) (2 * sizeof (guint32)))
    {
      sqlite3_result_double (context, 0.0);
      return;
    }
  n_phrases = info[0];
  n_cols = info[1];
  if ((gsize) n_bytes < (2 + (gsize) n_phrases * n_cols) * sizeof (guint32))
    {
      sqlite3_result_error (context, "ld_fts_rank: wrong matchinfo format (use 'pcy')", -1);
      return;
    }
  for (guint32 j = 0; j < n_cols; j++)
    {
      double weight = j == 0 ? 3.0 : j == 1 ? 1.0 : 0.0;

      if ((int) j + 1 < argc)
        weight = sqlite3_value_double (argv[j + 1]);
      if (weight == 0.0)
        continue;
      for (guint32 i = 0; i < n_phrases; i++)
        {
          double tf = info[2 + i * n_cols + j];

          if (tf > 0)
            score += weight * (tf * 2.2 / (tf + 1.2));
        }
    }
  sqlite3_result_double (context, score);
}

/* The values of "key=value" lines ("\\n" and "\\\\" escaped), one a line. */
static void
fields_text_func (sqlite3_context *context,
                  int              argc,
                  sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  GString *out;

  if (text == NULL)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }
  out = g_string_sized_new (strlen (text));
  while (*text != '\0')
    {
      const char *eol = strchr (text, '\n');
      const char *eq;

      if (eol == NULL)
        eol = text + strlen (text);
      eq = memchr (text, '=', eol - text);
      if (eq != NULL && eq + 1 < eol)
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          for (const char *p = eq + 1; p < eol; p++)
            {
              if (*p == '\\' && p + 1 < eol && (p[1] == 'n' || p[1] == '\\'))
                {
                  g_string_append_c (out, p[1] == 'n' ? '\n' : '\\');
                  p++;
                }
              else
                g_string_append_c (out, *p);
            }
        }
      text = *eol != '\0' ? eol + 1 : eol;
    }
  sqlite3_result_text (context, out->str, (int) out->len, g_free);
  g_string_free (out, FALSE);
}

gboolean
ld_fts_tokenizer_register (sqlite3  *db,
                           GError  **error)
{
  const sqlite3_tokenizer_module *module = &ldcjk_module;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  /* SQLite 3.15.2 (SQLCipher 3.4.1) has the FTS3 "Magellan" bugs fixed
   * only in 3.26: a crafted FTS shadow table can corrupt memory, and
   * fts3_tokenizer() can hand SQL a function pointer. Both need an
   * attacker who can write the database file or run SQL on this
   * connection. Neither is possible here: every page of the vault is
   * encrypted and authenticated (HMAC), so a modified file fails to open
   * instead of reaching FTS, and only this process runs SQL on its own
   * connection. We still switch fts3_tokenizer()'s two-argument form on
   * only for the registration below and off again right after; FTS keeps
   * the registered module. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 1, NULL);
  rc = sqlite3_prepare_v2 (db, "SELECT fts3_tokenizer (?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, LD_FTS_TOKENIZER_NAME, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, &module, sizeof module, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_ROW ? SQLITE_OK : sqlite3_reset (stmt);
    }
  if (rc != SQLITE_OK)
    g_set_error (error, LD_ERROR, LD_ERROR_SELF_TEST,
                 _("Liandang refuses to run: the full-text tokenizer cannot be registered (%s). "
                   "The SQLCipher library may be built without FTS4."),
                 sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
  if (rc != SQLITE_OK)
    return FALSE;

  if (sqlite3_create_function (db, "ld_fts_rank", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                               rank_func, NULL, NULL) != SQLITE_OK
      || sqlite3_create_function (db, "ld_fts_fields_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  fields_text_func, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_SELF_TEST,
                   _("Liandang refuses to run: the full-text functions cannot be registered (%s)."),
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}
