/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-fulltext-repository"

#include "config.h"

#include "records/ld-fulltext-repository.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-file-section.h"
#include "records/ld-records-util.h"
#include "records/ld-scope-private.h"
#include "search/ld-fts-tokenizer.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define DEFAULT_LIMIT   20
#define MAX_LIMIT       500
#define MAX_QUERY_CHARS 200
/* Units of a scope listed in the MATCH expression, at most. */
#define MAX_SCOPE_TERMS 256
/* Characters of context before the first match, and in all. */
#define SNIPPET_BEFORE  16
#define SNIPPET_CHARS   64

static const char * const kind_names[] = { NULL, "cadre", "entry", "talk", "petition", "clue" };

void
ld_search_hit_free (LdSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit->unit_name);
  g_free (hit);
}

const char *
ld_search_kind_to_string (LdSearchKind kind)
{
  g_return_val_if_fail (kind >= LD_SEARCH_KIND_CADRE && kind <= LD_SEARCH_KIND_CLUE, NULL);
  return kind_names[kind];
}

const char *
ld_search_kind_get_label (LdSearchKind kind)
{
  switch (kind)
    {
    case LD_SEARCH_KIND_CADRE:
      return _("Cadre");
    case LD_SEARCH_KIND_ENTRY:
      return _("File entry");
    case LD_SEARCH_KIND_TALK:
      return _("Talk");
    case LD_SEARCH_KIND_PETITION:
      return _("Petition");
    case LD_SEARCH_KIND_CLUE:
      return _("Clue");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ld_search_kinds_parse (const char  *kinds,
                       guint       *mask,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint result = 0;

  g_return_val_if_fail (mask != NULL, FALSE);

  if (kinds == NULL || *kinds == '\0')
    {
      for (guint k = LD_SEARCH_KIND_CADRE; k <= LD_SEARCH_KIND_CLUE; k++)
        result |= 1u << k;
      *mask = result;
      return TRUE;
    }
  parts = g_strsplit (kinds, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      guint k;

      if (*part == '\0')
        continue;
      for (k = LD_SEARCH_KIND_CADRE; k <= LD_SEARCH_KIND_CLUE; k++)
        if (g_ascii_strcasecmp (part, kind_names[k]) == 0)
          break;
      if (k > LD_SEARCH_KIND_CLUE)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                       _("Unknown kind of record “%s”. Use cadre, entry, talk, petition or clue, "
                         "separated by commas."),
                       part);
          return FALSE;
        }
      result |= 1u << k;
    }
  if (result == 0)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("No kind of record to search. Use cadre, entry, talk, petition or clue, "
                             "separated by commas."));
      return FALSE;
    }
  *mask = result;
  return TRUE;
}

/* --- Snippets ----------------------------------------------------------- */

static char *
replace_marks (const char *snippet,
               const char *open,
               const char *close,
               gboolean    markup)
{
  GString *out = g_string_new (NULL);
  const char *p = snippet != NULL ? snippet : "";

  while (*p != '\0')
    {
      const char *mark = strpbrk (p, LD_SEARCH_MARK_START LD_SEARCH_MARK_END);
      gsize n = mark != NULL ? (gsize) (mark - p) : strlen (p);

      if (markup)
        {
          g_autofree char *escaped = g_markup_escape_text (p, (gssize) n);

          g_string_append (out, escaped);
        }
      else
        g_string_append_len (out, p, (gssize) n);
      if (mark == NULL)
        break;
      g_string_append (out, *mark == LD_SEARCH_MARK_START[0] ? open : close);
      p = mark + 1;
    }
  return g_string_free (out, FALSE);
}

char *
ld_search_hit_get_markup (const LdSearchHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);
  return replace_marks (hit->snippet, "<b>", "</b>", TRUE);
}

char *
ld_search_hit_format_snippet (const LdSearchHit *hit,
                              const char        *open,
                              const char        *close)
{
  g_return_val_if_fail (hit != NULL, NULL);
  return replace_marks (hit->snippet, open != NULL ? open : "", close != NULL ? close : "", FALSE);
}

typedef struct
{
  int start;
  int end;
} Span;

static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start != y->start ? (x->start < y->start ? -1 : 1) : (x->end < y->end ? -1 : x->end > y->end);
}

/* Appends text[from, to) on one line: white space and control characters
 * (our markers among them) become one space. */
static void
append_flat (GString    *out,
             const char *text,
             int         from,
             int         to)
{
  for (int i = from; i < to; i++)
    {
      guchar c = (guchar) text[i];

      if (c < 0x20 || c == 0x7f)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, (char) c);
    }
}

/* Moves a byte offset back to the start of a UTF-8 character. */
static int
char_start (const char *text,
            int         i)
{
  while (i > 0 && ((guchar) text[i] & 0xC0) == 0x80)
    i--;
  return i;
}

/* The snippet of one column from FTS4 offsets() ("col term start size"
 * quadruples). The bigrams of a CJK run overlap, which FTS4's snippet()
 * renders as repeated text, so the spans are merged here. */
static char *
build_snippet (const char *offsets,
               const char *title,
               const char *body)
{
  g_autoptr(GArray) title_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) body_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *spans[2] = { title_spans, body_spans };
  g_auto(GStrv) numbers = g_strsplit (offsets != NULL ? offsets : "", " ", -1);
  const char *texts[2] = { title != NULL ? title : "", body != NULL ? body : "" };
  int lengths[2] = { (int) strlen (texts[0]), (int) strlen (texts[1]) };
  GString *out = g_string_new (NULL);
  const char *text;
  GArray *list;
  guint col;
  int from, to, pos;

  for (guint i = 0; numbers[i] != NULL && numbers[i + 1] != NULL && numbers[i + 2] != NULL
                    && numbers[i + 3] != NULL; i += 4)
    {
      guint64 c = g_ascii_strtoull (numbers[i], NULL, 10);
      Span span;

      span.start = (int) g_ascii_strtoll (numbers[i + 2], NULL, 10);
      span.end = span.start + (int) g_ascii_strtoll (numbers[i + 3], NULL, 10);
      if (c > 1 || span.start < 0 || span.end > lengths[c] || span.end <= span.start)
        continue;
      g_array_append_val (spans[c], span);
    }
  /* The body when it matches, else the title. */
  col = spans[1]->len > 0 || spans[0]->len == 0 ? 1 : 0;
  text = texts[col];
  list = spans[col];
  g_array_sort (list, span_compare);

  /* A window of about SNIPPET_CHARS characters from a little before the
   * first match. */
  from = list->len > 0 ? g_array_index (list, Span, 0).start : 0;
  for (int n = 0; n < SNIPPET_BEFORE && from > 0; n++)
    from = char_start (text, from - 1);
  to = from;
  for (int n = 0; n < SNIPPET_CHARS && to < lengths[col]; n++)
    to = (int) (g_utf8_next_char (text + to) - text);
  if (to > lengths[col])
    to = lengths[col];

  if (from > 0)
    g_string_append (out, "…");
  pos = from;
  for (guint i = 0; i < list->len; i++)
    {
      Span span = g_array_index (list, Span, i);

      /* Merge the spans that overlap or touch this one. */
      while (i + 1 < list->len && g_array_index (list, Span, i + 1).start <= span.end)
        {
          span.end = MAX (span.end, g_array_index (list, Span, i + 1).end);
          i++;
        }
      if (span.start >= to)
        break;
      span.start = MAX (span.start, pos);
      span.end = MIN (span.end, to);
      if (span.end <= span.start)
        continue;
      append_flat (out, text, pos, span.start);
      g_string_append (out, LD_SEARCH_MARK_START);
      append_flat (out, text, span.start, span.end);
      g_string_append (out, LD_SEARCH_MARK_END);
      pos = span.end;
    }
  append_flat (out, text, pos, to);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (to < lengths[col])
    g_string_append (out, "…");

  /* Stored text is valid UTF-8; a damaged record must not break a view. */
  if (!g_utf8_validate (out->str, (gssize) out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, (gssize) out->len);

      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}

/* --- The search ----------------------------------------------------------- */

typedef struct
{
  gint64 docid;
  double score;
} Candidate;

static int
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->docid > y->docid ? -1 : x->docid < y->docid;
}

static char *
kinds_condition (guint mask)
{
  GString *sql;

  if (mask == ((1u << (LD_SEARCH_KIND_CLUE + 1)) - (1u << LD_SEARCH_KIND_CADRE)))
    return g_strdup ("");
  sql = g_string_new (" AND f.docid % 8 IN (");
  for (guint k = LD_SEARCH_KIND_CADRE; k <= LD_SEARCH_KIND_CLUE; k++)
    if (mask & (1u << k))
      g_string_append_printf (sql, "%s%u", sql->str[sql->len - 1] == '(' ? "" : ", ", k);
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* The MATCH expression narrowed to the session's units: the scope tokens
 * ("\uE000<unit id>", written by the index in its scope column) ORed,
 * which FTS4's standard syntax binds tighter than the implicit AND. NULL
 * with *none set when the session sees no unit; the query itself when it
 * sees every unit or too many to list (fulltext_docs still decides). */
static char *
scoped_match (LdVault     *vault,
              const char  *match,
              gboolean    *none,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = NULL;
  gboolean all = FALSE;
  guint n = 0;
  int rc;

  *none = FALSE;
  if (!_ld_scope_has_all (vault, &all, error))
    return NULL;
  if (all)
    return g_strdup (match);
  stmt = _ld_scope_prepare (vault, "SELECT DISTINCT id FROM visible_units", error);
  if (stmt == NULL)
    return NULL;
  out = g_string_new (match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char mark[8] = { 0 };

      if (++n > MAX_SCOPE_TERMS)
        return g_strdup (match);
      g_unichar_to_utf8 (LD_FTS_SCOPE_MARK, mark);
      g_string_append_printf (out, "%s\"%s%" G_GINT64_FORMAT "\"", n == 1 ? " " : " OR ", mark,
                              (gint64) sqlite3_column_int64 (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  if (n == 0)
    {
      *none = TRUE;
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The matching documents the session may see, newest first, at most
 * LD_FULLTEXT_MAX_RANKED, with their scores. The index is the outer loop
 * (CROSS JOIN) read in its own order (newest first, so FTS4 reads the
 * doclist of a single common term only as far as the cap); the unit of
 * each candidate comes from the small fulltext_docs table, never from the
 * records. */
static GArray *
find_candidates (LdVault     *vault,
                 const char  *match,
                 guint        mask,
                 GError     **error)
{
  g_autofree char *kinds = kinds_condition (mask);
  g_autofree char *sql = NULL;
  g_autofree char *narrowed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gboolean none = FALSE;
  int rc;

  narrowed = scoped_match (vault, match, &none, error);
  if (none)
    return g_steal_pointer (&candidates);
  if (narrowed == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT f.docid, ld_fts_rank (matchinfo (f.fulltext, 'pcy'))"
                         " FROM fulltext f CROSS JOIN fulltext_docs d"
                         " WHERE f.fulltext MATCH ?2 AND d.docid = f.docid"
                         " AND d.unit_id IN (SELECT id FROM visible_units)%s"
                         " ORDER BY f.docid DESC LIMIT %d",
                         kinds, LD_FULLTEXT_MAX_RANKED);
  stmt = _ld_scope_prepare (vault, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, narrowed, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (candidates, c);
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return g_steal_pointer (&candidates);
}

static char *
docid_list (GPtrArray *hits,
            gint       kind)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      LdSearchHit *hit = g_ptr_array_index (hits, i);

      if (kind == 0 || (gint) hit->kind == kind)
        g_string_append_printf (list, "%s%" G_GINT64_FORMAT, list->len > 0 ? ", " : "",
                                kind == 0 ? hit->record_id * 8 + hit->kind : hit->record_id);
    }
  return g_string_free (list, FALSE);
}

static LdSearchHit *
find_hit (GPtrArray *hits,
          gint64     docid)
{
  for (guint i = 0; i < hits->len; i++)
    {
      LdSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->record_id * 8 + hit->kind == docid)
        return hit;
    }
  return NULL;
}

/* Fills the snippets of hits: one MATCH over the page's documents only. */
static gboolean
load_snippets (LdVault     *vault,
               const char  *match,
               GPtrArray   *hits,
               GError     **error)
{
  sqlite3 *db = _ld_vault_get_db (vault);
  g_autofree char *ids = docid_list (hits, 0);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 first = G_MAXINT64, last = 0;
  int rc;

  /* The docid range lets FTS4 stop reading a doclist (newest first) once
   * it is past the page's oldest hit. */
  for (guint i = 0; i < hits->len; i++)
    {
      const LdSearchHit *hit = g_ptr_array_index (hits, i);
      gint64 docid = hit->record_id * 8 + hit->kind;

      first = MIN (first, docid);
      last = MAX (last, docid);
    }
  sql = g_strdup_printf ("SELECT f.docid, offsets (f.fulltext), f.title, f.body FROM fulltext f"
                         " WHERE f.fulltext MATCH ?1 AND f.docid >= %" G_GINT64_FORMAT
                         " AND f.docid <= %" G_GINT64_FORMAT " AND f.docid IN (%s)"
                         " ORDER BY f.docid DESC",
                         first, last, ids);
  stmt = ld_sql_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LdSearchHit *hit = find_hit (hits, sqlite3_column_int64 (stmt, 0));

      if (hit == NULL)
        continue;
      g_free (hit->snippet);
      hit->snippet = build_snippet (ld_sql_column_text (stmt, 1), ld_sql_column_text (stmt, 2),
                                    ld_sql_column_text (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Per kind: id, title, unit id, unit name, cadre id of the live records
 * in ?2's list that the session may see. %s is the id list. */
static const char * const details_sql[] = {
  NULL,
  /* cadre */
  " SELECT c.id, c.name, c.unit_id, u.name, c.id FROM cadres c JOIN units u ON u.id = c.unit_id"
  " WHERE c.id IN (%s) AND c.retired_at IS NULL AND c.unit_id IN (SELECT id FROM visible_units)",
  /* entry: the title is the cadre's name; the section is added below */
  " SELECT e.id, c.name, c.unit_id, u.name, c.id, e.section FROM file_entries e"
  " JOIN cadres c ON c.id = e.cadre_id JOIN units u ON u.id = c.unit_id"
  " WHERE e.id IN (%s) AND e.retired_at IS NULL AND c.retired_at IS NULL"
  " AND c.unit_id IN (SELECT id FROM visible_units)",
  /* talk */
  " SELECT t.id, t.reg_no, t.unit_id, u.name,"
  " ifnull ((SELECT min (tp.cadre_id) FROM talk_persons tp WHERE tp.talk_id = t.id), 0)"
  " FROM talks t JOIN units u ON u.id = t.unit_id"
  " WHERE t.id IN (%s) AND t.retired_at IS NULL AND t.unit_id IN (SELECT id FROM visible_units)",
  /* petition */
  " SELECT p.id, p.reg_no, p.unit_id, u.name,"
  " ifnull ((SELECT min (pp.cadre_id) FROM petition_persons pp WHERE pp.petition_id = p.id), 0)"
  " FROM petitions p JOIN units u ON u.id = p.unit_id"
  " WHERE p.id IN (%s) AND p.retired_at IS NULL AND p.unit_id IN (SELECT id FROM visible_units)",
  /* clue */
  " SELECT x.id, x.reg_no, x.unit_id, u.name, ifnull (x.cadre_id, 0)"
  " FROM clues x JOIN units u ON u.id = x.unit_id"
  " WHERE x.id IN (%s) AND x.retired_at IS NULL AND x.unit_id IN (SELECT id FROM visible_units)",
};

/* Reads title, unit and cadre of the page's hits from their records,
 * checking the scope again against the records themselves; a hit the
 * session may not see (or a stale index row) is dropped. */
static gboolean
load_details (LdVault     *vault,
              GPtrArray   *hits,
              GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (gint kind = LD_SEARCH_KIND_CADRE; kind <= LD_SEARCH_KIND_CLUE; kind++)
    {
      g_autofree char *ids = docid_list (hits, kind);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (*ids == '\0')
        continue;
      sql = g_strdup_printf (details_sql[kind], ids);
      stmt = _ld_scope_prepare (vault, sql, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LdSearchHit *hit = find_hit (hits, sqlite3_column_int64 (stmt, 0) * 8 + kind);

          if (hit == NULL)
            continue;
          hit->title = g_strdup (ld_sql_column_text (stmt, 1));
          hit->unit_id = sqlite3_column_int64 (stmt, 2);
          hit->unit_name = g_strdup (ld_sql_column_text (stmt, 3));
          hit->cadre_id = sqlite3_column_int64 (stmt, 4);
          if (kind == LD_SEARCH_KIND_ENTRY)
            {
              const LdFileSectionInfo *section = ld_file_section_lookup (ld_sql_column_text (stmt, 5));

              if (section != NULL)
                {
                  char *title = g_strdup_printf ("%s · %s", hit->title, ld_file_section_gettext (section->title));

                  g_free (hit->title);
                  hit->title = title;
                }
            }
          g_hash_table_add (seen, hit);
        }
      if (rc != SQLITE_DONE)
        {
          ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
          return FALSE;
        }
    }

  for (guint i = hits->len; i > 0; i--)
    if (!g_hash_table_contains (seen, g_ptr_array_index (hits, i - 1)))
      g_ptr_array_remove_index (hits, i - 1);
  return TRUE;
}

GPtrArray *
ld_fulltext_search (LdVault     *vault,
                    const char  *query,
                    const char  *kinds,
                    guint        limit,
                    guint        offset,
                    guint       *total,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *match = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_search_hit_free);
  guint mask = 0;

  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  if (total != NULL)
    *total = 0;
  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  text = _ld_records_clean_text (query, _("Search text"), MAX_QUERY_CHARS, TRUE, error);
  if (text == NULL || !ld_search_kinds_parse (kinds, &mask, error))
    return NULL;
  match = ld_fts_query_build (text);
  if (match == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” holds no letter, digit or Chinese character to search for. "
                     "Type a name, a word or a number."),
                   text);
      return NULL;
    }
  if (limit == 0)
    limit = DEFAULT_LIMIT;
  limit = MIN (limit, MAX_LIMIT);

  candidates = find_candidates (vault, match, mask, error);
  if (candidates == NULL)
    return NULL;
  if (total != NULL)
    *total = candidates->len;
  if (offset >= candidates->len)
    return g_steal_pointer (&hits);

  g_array_sort (candidates, candidate_compare);
  for (guint i = offset; i < candidates->len && i < offset + limit; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      LdSearchHit *hit = g_new0 (LdSearchHit, 1);

      hit->kind = (LdSearchKind) (c->docid % 8);
      hit->record_id = c->docid / 8;
      hit->score = c->score;
      g_ptr_array_add (hits, hit);
    }

  if (!load_details (vault, hits, error) || (hits->len > 0 && !load_snippets (vault, match, hits, error)))
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      LdSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->snippet == NULL)
        hit->snippet = g_strdup ("");
    }
  return g_steal_pointer (&hits);
}
