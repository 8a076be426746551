/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The "ldcjk" tokenizer of the full-text index (FTS4).
 *
 * Text is cut into runs of CJK characters (Han, kana, Hangul) and words
 * (letters and digits of any other script, including ones joined like
 * "abc123"); everything else (white space, punctuation, symbols, emoji,
 * invalid UTF-8) only separates tokens.
 *
 *  - A CJK run of two or more characters gives its overlapping bigrams:
 *    "收受礼金" → 收受 受礼 礼金. A query for "收受礼金" is the phrase of the
 *    same bigrams, so it matches the four characters in a row only.
 *  - A CJK run of one character (a single Han character between non-Han
 *    characters: "第3章", "5000元ABC") gives that character alone.
 *  - U+E000 (LD_FTS_SCOPE_MARK, private use) starts a word and never
 *    continues one: the index writes "\uE000<unit id>" in its scope
 *    column, and ld_fts_query_build() drops the mark, so what a user types
 *    never becomes such a token.
 *  - A word is lower-cased; full-width letters and digits are read as
 *    their ASCII forms ("ＡＢＣ２０２６" → "abc2026"). A word longer than
 *    LD_FTS_MAX_WORD_BYTES is cut there (the rest of it is skipped).
 *
 * Start and end offsets are byte offsets into the original text, so
 * offsets() point at what the user typed, full-width or not. The bigrams
 * of a run overlap, which FTS4's snippet() cannot render (it repeats text);
 * build highlights from offsets() and merge the overlapping spans.
 *
 * A one-character query ("张") is the prefix query 张*: it finds the
 * character standing alone and every bigram that starts with it (张三,
 * 张某), but not a bigram it ends (the 张 of 小张). Names and phrases of
 * two characters or more find every occurrence. */

#define LD_FTS_TOKENIZER_NAME "ldcjk"
#define LD_FTS_MAX_WORD_BYTES 64
#define LD_FTS_SCOPE_MARK 0xE000
/* Words and CJK runs a query may hold; the rest is ignored. */
#define LD_FTS_MAX_QUERY_TERMS 12
/* CJK characters of one run a query keeps. */
#define LD_FTS_MAX_QUERY_RUN 32

typedef struct
{
  char *text;      /* the token as indexed (UTF-8) */
  int   start;     /* byte offsets into the input */
  int   end;
  int   position;  /* 0, 1, 2 … */
} LdFtsToken;

/* Tokenizes text exactly as the index does. len < 0: NUL-terminated.
 * Returns a GArray of LdFtsToken (whose texts the array frees). */
GArray     *ld_fts_tokenize            (const char  *text,
                                        gssize       len);

/* Turns what a user typed into a safe FTS4 MATCH expression: every token
 * quoted, terms ANDed (FTS4's implicit AND), a CJK run becomes the phrase
 * of its bigrams, a single CJK character a prefix query. Operators, quotes,
 * column names and stars the user typed are plain text here (they either
 * vanish as punctuation or become quoted words). Returns NULL when the
 * query holds nothing to search for. */
char       *ld_fts_query_build         (const char  *query);

/* Registers on db (once per connection, right after keying):
 *   - the "ldcjk" FTS3/4 tokenizer, through fts3_tokenizer() with
 *     SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER switched on only for the call;
 *   - ld_fts_rank(matchinfo(t, 'pcy')[, column weights…]): a BM25-like
 *     score (higher is better) from this row's hits only (title 3, body 1,
 *     other columns 0 unless given);
 *   - ld_fts_fields_text(fields): the values of a "key=value" lines text
 *     (file entries), unescaped, one per line, for the index. */
gboolean    ld_fts_tokenizer_register  (sqlite3     *db,
                                        GError     **error);

G_END_DECLS
