/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"

G_BEGIN_DECLS

/* One full-text search over cadres (name, former names, post), file
 * entries (their values), talks, petitions (with the free-text names of
 * the persons reported) and clues (schema step 5, search/ld-fts-tokenizer.h
 * for how text is cut). Needs LD_ACTION_RECORD_READ; finds only live
 * records whose unit is in the session's scopes. The reporters table is
 * never indexed, so a reporter's identity is never searchable nor shown.
 * A result list is not a view of a file: searching is not audited. */

typedef enum
{
  LD_SEARCH_KIND_CADRE    = 1,
  LD_SEARCH_KIND_ENTRY    = 2,
  LD_SEARCH_KIND_TALK     = 3,
  LD_SEARCH_KIND_PETITION = 4,
  LD_SEARCH_KIND_CLUE     = 5,
} LdSearchKind;

/* Around each match in LdSearchHit.snippet. The snippet never holds these
 * bytes otherwise. */
#define LD_SEARCH_MARK_START "\x02"
#define LD_SEARCH_MARK_END   "\x03"

/* Hits are ranked only among the first this many matching records you may
 * see (newest first); *total counts up to it. */
#define LD_FULLTEXT_MAX_RANKED 5000

typedef struct
{
  LdSearchKind  kind;
  gint64        record_id;
  gint64        cadre_id;    /* the cadre concerned, 0 if none (on file) */
  char         *title;       /* registration number, or the cadre's name */
  char         *snippet;     /* one line of the matching text, marked */
  double        score;       /* higher is better */
  gint64        unit_id;
  char         *unit_name;
} LdSearchHit;

void          ld_search_hit_free            (LdSearchHit        *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdSearchHit, ld_search_hit_free)

/* "cadre", "entry", "talk", "petition", "clue". */
const char   *ld_search_kind_to_string      (LdSearchKind        kind);
/* Translated ("Talk"). */
const char   *ld_search_kind_get_label      (LdSearchKind        kind);
/* A comma list of kind names (NULL or "" = all) as a mask of
 * 1 << LdSearchKind. LD_ERROR_INVALID names an unknown kind. */
gboolean      ld_search_kinds_parse         (const char         *kinds,
                                             guint              *mask,
                                             GError            **error);

/* The snippet as Pango markup: text escaped, matches in <b>…</b>. */
char         *ld_search_hit_get_markup      (const LdSearchHit  *hit);
/* The snippet with the markers replaced by open and close ("【", "】"). */
char         *ld_search_hit_format_snippet  (const LdSearchHit  *hit,
                                             const char         *open,
                                             const char         *close);

/* Searches for query (what the user typed; never passed to MATCH as is).
 * kinds: NULL for all, or a comma list "cadre,entry,talk,petition,clue".
 * Returns LdSearchHit structs, best first, from offset, at most limit
 * (0 = 20); total (may be NULL) gets the number of hits, counted up to
 * LD_FULLTEXT_MAX_RANKED. A query with no letter, digit or Chinese
 * character is LD_ERROR_INVALID. */
GPtrArray    *ld_fulltext_search            (LdVault            *vault,
                                             const char         *query,
                                             const char         *kinds,
                                             guint               limit,
                                             guint               offset,
                                             guint              *total,
                                             GError            **error);

G_END_DECLS
