/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "vault/ld-migrations.h"
#include "vault/ld-statement.h"

/* Step 5: the documents of the full-text index. Each source selects, for
 * the live records of one kind, id, docid, unit_id, title and body (plus
 * what a trigger filters on); the triggers and the initial fill read the
 * records back through it, so the indexed text is written once. The
 * functions and the "ldcjk" tokenizer come from ld_fts_tokenizer_register(),
 * which the vault calls on its connection before migrating. */
#define FT_NL " || char (10) || "
/* The scope column: U+E000 and the unit id, one token the tokenizer makes
 * only there (a query never holds U+E000), so a search can narrow the
 * index to the units of a scope before checking fulltext_docs. */
#define FT_SCOPE "char (57344) || unit_id"
#define FT_CADRE_SOURCE                                                         \
  "SELECT c.id AS id, c.id * 8 + 1 AS docid, c.unit_id AS unit_id,"            \
  " c.name AS title, c.former_names" FT_NL "c.post AS body"                    \
  " FROM cadres c WHERE c.retired_at IS NULL"
#define FT_ENTRY_SOURCE                                                         \
  "SELECT e.id AS id, e.id * 8 + 2 AS docid, c.unit_id AS unit_id,"            \
  " e.cadre_id AS cadre_id, '' AS title, ld_fts_fields_text (e.fields) AS body" \
  " FROM file_entries e JOIN cadres c ON c.id = e.cadre_id"                    \
  " WHERE e.retired_at IS NULL AND c.retired_at IS NULL"
#define FT_TALK_SOURCE                                                          \
  "SELECT t.id AS id, t.id * 8 + 3 AS docid, t.unit_id AS unit_id,"            \
  " t.reg_no AS title, t.reason" FT_NL "t.problems" FT_NL "t.explanation"      \
  FT_NL "t.attitude" FT_NL "t.place" FT_NL "t.talkers AS body"                 \
  " FROM talks t WHERE t.retired_at IS NULL"
#define FT_PETITION_SOURCE                                                      \
  "SELECT p.id AS id, p.id * 8 + 4 AS docid, p.unit_id AS unit_id,"            \
  " p.reg_no AS title, p.summary" FT_NL "p.full_text" FT_NL                    \
  " ifnull ((SELECT group_concat (pp.name || ' ' || pp.unit_text || ' ' || pp.post_text, char (10))" \
  "   FROM petition_persons pp WHERE pp.petition_id = p.id), '') AS body"       \
  " FROM petitions p WHERE p.retired_at IS NULL"
#define FT_CLUE_SOURCE                                                          \
  "SELECT x.id AS id, x.id * 8 + 5 AS docid, x.unit_id AS unit_id,"            \
  " x.reg_no AS title, x.summary" FT_NL "x.person_name AS body"                \
  " FROM clues x WHERE x.retired_at IS NULL"
/* Indexes record id if it is live. A new record only needs this: a
 * DELETE on the FTS table would flush FTS4's pending terms on every row of
 * an import. */
#define FT_INDEX(source, id)                                                    \
  "  INSERT INTO fulltext (docid, title, body, scope)"                          \
  "   SELECT docid, title, body, " FT_SCOPE " FROM (" source ") WHERE id = (" id ");" \
  "  INSERT INTO fulltext_docs (docid, unit_id)"                                \
  "   SELECT docid, unit_id FROM (" source ") WHERE id = (" id ");"
/* Removes record id's document of kind and indexes it again if live. */
#define FT_REBUILD(kind, source, id)                                            \
  "  DELETE FROM fulltext WHERE docid = (" id ") * 8 + " #kind ";"             \
  "  DELETE FROM fulltext_docs WHERE docid = (" id ") * 8 + " #kind ";"        \
  FT_INDEX (source, id)
#define FT_TRIGGERS(kind, name, table, columns, source)                         \
  "CREATE TRIGGER fulltext_" name "_ai AFTER INSERT ON " table " BEGIN"         \
  FT_INDEX (source, "new.id")                                                   \
  " END;"                                                                       \
  "CREATE TRIGGER fulltext_" name "_au AFTER UPDATE OF " columns " ON " table " BEGIN" \
  FT_REBUILD (kind, source, "old.id")                                           \
  FT_REBUILD (kind, source, "new.id")                                           \
  " END;"                                                                       \
  "CREATE TRIGGER fulltext_" name "_ad AFTER DELETE ON " table " BEGIN"         \
  "  DELETE FROM fulltext WHERE docid = old.id * 8 + " #kind ";"               \
  "  DELETE FROM fulltext_docs WHERE docid = old.id * 8 + " #kind ";"          \
  " END;"
#define FT_FILL(source)                                                         \
  "INSERT INTO fulltext (docid, title, body, scope) SELECT docid, title, body, " FT_SCOPE " FROM (" source ");" \
  "INSERT INTO fulltext_docs (docid, unit_id) SELECT docid, unit_id FROM (" source ");"

/* Append-only: never edit a step once released; add a new one. SQLite
 * 3.15.2 has no DROP/RENAME COLUMN, so a step that needs one creates the new
 * table, copies the rows, drops the old table and renames the new one. */
static const char * const steps[] = {
  /* 1: accounts, settings, the audit trail. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  role TEXT NOT NULL CHECK (role IN ('sysadmin','secadmin','auditor','investigator','leader','viewer')),"
  "  grants INTEGER NOT NULL DEFAULT 0,"
  "  disabled INTEGER NOT NULL DEFAULT 0,"
  "  must_change INTEGER NOT NULL DEFAULT 0,"
  "  password_changed_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  last_login_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE password_history ("
  "  id INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  hash TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL);"
  "CREATE INDEX password_history_user ON password_history (user_id, id);"
  "CREATE TABLE audit_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  ts_utc INTEGER NOT NULL,"
  "  ts_boot INTEGER NOT NULL,"
  "  boot_id TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  event TEXT NOT NULL,"
  "  object_type TEXT NOT NULL,"
  "  object_id TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  details TEXT NOT NULL,"
  "  prev_hash BLOB NOT NULL,"
  "  entry_hash BLOB NOT NULL,"
  "  mac BLOB NOT NULL);"
  "CREATE INDEX audit_log_ts ON audit_log (ts_utc);"
  "CREATE INDEX audit_log_account ON audit_log (account, seq);"
  "CREATE INDEX audit_log_event ON audit_log (event, seq);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TABLE audit_head ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  seq INTEGER NOT NULL,"
  "  entry_hash BLOB NOT NULL,"
  "  mac BLOB NOT NULL);",

  /* 2: units, unit scopes, cadres (file section A) and their versions.
   * Dates are text "YYYY-MM-DD" or "YYYY-MM" ('' = unknown); codes are the
   * stable English or GB codes, labels come from the code tables. */
  "CREATE TABLE units ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES units (id),"
  "  name TEXT NOT NULL,"
  "  short_name TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT '',"
  "  supervisor_kind TEXT NOT NULL DEFAULT '',"
  "  supervisor_name TEXT NOT NULL DEFAULT '',"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  merged_into INTEGER REFERENCES units (id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (parent_id IS NULL OR parent_id <> id));"
  "CREATE INDEX units_parent ON units (parent_id);"
  "CREATE UNIQUE INDEX units_sibling_name ON units (ifnull (parent_id, 0), name) WHERE retired_at IS NULL;"
  "CREATE TABLE user_scopes ("
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  unit_id INTEGER NOT NULL," /* 0 = every unit */
  "  granted_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, unit_id));"
  "CREATE TABLE cadres ("
  "  id INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  name TEXT NOT NULL,"
  "  former_names TEXT NOT NULL DEFAULT '',"
  "  id_number TEXT NOT NULL,"
  "  sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),"
  "  birth_date TEXT NOT NULL DEFAULT '',"
  "  ethnicity TEXT NOT NULL DEFAULT '',"
  "  native_place TEXT NOT NULL DEFAULT '',"
  "  political_status TEXT NOT NULL DEFAULT '',"
  "  party_joined TEXT NOT NULL DEFAULT '',"
  "  party_full TEXT NOT NULL DEFAULT '',"
  "  edu_fulltime TEXT NOT NULL DEFAULT '',"
  "  degree_fulltime TEXT NOT NULL DEFAULT '',"
  "  school_fulltime TEXT NOT NULL DEFAULT '',"
  "  edu_inservice TEXT NOT NULL DEFAULT '',"
  "  degree_inservice TEXT NOT NULL DEFAULT '',"
  "  school_inservice TEXT NOT NULL DEFAULT '',"
  "  post TEXT NOT NULL DEFAULT '',"
  "  post_level TEXT NOT NULL DEFAULT '',"
  "  rank TEXT NOT NULL DEFAULT '',"
  "  grade INTEGER NOT NULL DEFAULT 0,"
  "  post_since TEXT NOT NULL DEFAULT '',"
  "  rank_since TEXT NOT NULL DEFAULT '',"
  "  promoted_at TEXT NOT NULL DEFAULT '',"
  "  authority TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'serving',"
  "  post_tags TEXT NOT NULL DEFAULT '',"
  "  principal INTEGER NOT NULL DEFAULT 0,"
  "  classification TEXT NOT NULL DEFAULT '',"
  "  photo BLOB,"
  "  stroke_key BLOB,"
  "  pinyin_key BLOB,"
  "  search_text TEXT NOT NULL DEFAULT '',"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX cadres_unit ON cadres (unit_id, retired_at);"
  "CREATE UNIQUE INDEX cadres_id_number ON cadres (id_number) WHERE retired_at IS NULL;"
  "CREATE INDEX cadres_id_number_all ON cadres (id_number);"
  "CREATE INDEX cadres_stroke ON cadres (stroke_key, id);"
  "CREATE INDEX cadres_pinyin ON cadres (pinyin_key, id);"
  "CREATE TABLE cadre_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  seq INTEGER NOT NULL,"
  "  account TEXT NOT NULL,"
  "  ts_utc INTEGER NOT NULL,"
  "  event TEXT NOT NULL,"
  "  before TEXT NOT NULL,"
  "  after TEXT NOT NULL,"
  "  UNIQUE (cadre_id, seq));",

  /* 3: the other file sections (B … Z) as dated entries, attachments,
   * the editable category rules, manual tags. Entry fields are
   * "key=value" lines (values escaped "\\n" and "\\\\"); outcome holds the
   * one coded result a section has (the verification result of a
   * personal-matters report, an appraisal grade) so statistics can count it. */
  "CREATE TABLE file_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  section TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT '',"
  "  entry_date TEXT NOT NULL DEFAULT '',"
  "  outcome TEXT NOT NULL DEFAULT '',"
  "  fields TEXT NOT NULL DEFAULT '',"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX file_entries_cadre ON file_entries (cadre_id, section, entry_date);"
  "CREATE INDEX file_entries_outcome ON file_entries (section, outcome, entry_date);"
  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  owner_type TEXT NOT NULL,"   /* "cadre", "entry"; later record kinds add theirs */
  "  owner_id INTEGER NOT NULL,"
  "  cadre_id INTEGER REFERENCES cadres (id),"
  "  name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  data BLOB NOT NULL,"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);"
  "CREATE INDEX attachments_cadre ON attachments (cadre_id);"
  "CREATE TABLE category_rules ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  source TEXT NOT NULL DEFAULT '',"
  "  valid_from TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX category_rules_key ON category_rules (key, valid_from);"
  "CREATE TABLE cadre_tags ("
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  tag TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (cadre_id, tag));",

  /* 4: talks, petitions (信访举报) with the reporter apart, problem clues,
   * the working-day calendar, registration counters and one version
   * history for these records. Every record carries the unit it belongs
   * to (unit_id): the scope check goes through it. Dates are "YYYY-MM-DD"
   * text ('' = not yet); code columns hold the codes of the case tables
   * (rules/ld-case-tables.h); multi-valued codes are comma-separated. */
  "CREATE TABLE calendar_days ("
  "  day TEXT PRIMARY KEY,"                         /* YYYY-MM-DD */
  "  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),"
  "  name TEXT NOT NULL DEFAULT '',"                /* 春节, 国庆节调休 … */
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE reg_counters ("
  "  kind TEXT NOT NULL,"                           /* "petition", "clue", "talk" */
  "  year INTEGER NOT NULL,"
  "  last INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, year));"
  "CREATE TABLE record_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  record_type TEXT NOT NULL,"                    /* "talk", "petition", "clue" */
  "  record_id INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  account TEXT NOT NULL,"
  "  ts_utc INTEGER NOT NULL,"
  "  event TEXT NOT NULL,"
  "  before TEXT NOT NULL,"
  "  after TEXT NOT NULL,"
  "  UNIQUE (record_type, record_id, seq));"
  "CREATE TABLE talks ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-T0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  type TEXT NOT NULL,"                           /* talk-type code */
  "  talk_date TEXT NOT NULL,"
  "  talk_time TEXT NOT NULL DEFAULT '',"           /* HH:MM */
  "  place TEXT NOT NULL DEFAULT '',"
  "  talkers TEXT NOT NULL DEFAULT '',"             /* one name per line */
  "  recorder TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  clue_id INTEGER REFERENCES clues (id),"
  "  problems TEXT NOT NULL DEFAULT '',"
  "  explanation TEXT NOT NULL DEFAULT '',"
  "  attitude TEXT NOT NULL DEFAULT '',"
  "  written_required INTEGER NOT NULL DEFAULT 0,"  /* 0 none, 1 written explanation, 2 self-examination */
  "  written_due TEXT NOT NULL DEFAULT '',"
  "  written_received TEXT NOT NULL DEFAULT '',"
  "  followup_date TEXT NOT NULL DEFAULT '',"
  "  outcome TEXT NOT NULL DEFAULT '',"             /* decided measure code (issue 5 links measures) */
  "  measure_id INTEGER,"                          /* the measure it produced (issue 5) */
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX talks_unit ON talks (unit_id, talk_date);"
  "CREATE INDEX talks_date ON talks (talk_date);"
  "CREATE INDEX talks_clue ON talks (clue_id);"
  "CREATE TABLE talk_persons ("
  "  talk_id INTEGER NOT NULL REFERENCES talks (id),"
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  PRIMARY KEY (talk_id, cadre_id));"
  "CREATE INDEX talk_persons_cadre ON talk_persons (cadre_id, talk_id);"
  "CREATE TABLE petitions ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  kind TEXT NOT NULL,"                           /* accusation, appeal, suggestion, other */
  "  channel TEXT NOT NULL,"                        /* CH_LETTER … SRC_SELF */
  "  received_date TEXT NOT NULL,"
  "  real_name INTEGER NOT NULL DEFAULT 0,"
  "  categories TEXT NOT NULL DEFAULT '',"          /* POL,INT,HS1,… */
  "  summary TEXT NOT NULL DEFAULT '',"
  "  full_text TEXT NOT NULL DEFAULT '',"
  "  routing TEXT NOT NULL DEFAULT 'local',"        /* local, up, down */
  "  routed_to TEXT NOT NULL DEFAULT '',"
  "  routed_date TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL,"                         /* petition state machine */
  "  repeat_of INTEGER REFERENCES petitions (id),"
  "  accept_notice_date TEXT NOT NULL DEFAULT '',"
  "  closed_date TEXT NOT NULL DEFAULT '',"
  "  result TEXT NOT NULL DEFAULT '',"              /* founded, partly, unfounded, uncheckable */
  "  feedback_date TEXT NOT NULL DEFAULT '',"
  "  feedback_mode TEXT NOT NULL DEFAULT '',"
  "  objection_note TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX petitions_unit ON petitions (unit_id, received_date);"
  "CREATE INDEX petitions_received ON petitions (received_date);"
  "CREATE INDEX petitions_status ON petitions (status, received_date);"
  "CREATE INDEX petitions_repeat ON petitions (repeat_of);"
  /* The reporter's identity, apart from the report (DOMAIN.md 3.5): read
   * only through the audited reveal of the petition repository. */
  "CREATE TABLE reporters ("
  "  petition_id INTEGER PRIMARY KEY REFERENCES petitions (id),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  contact TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  id_number TEXT NOT NULL DEFAULT '');"
  /* The persons reported: a cadre on file, or a name (and unit, post) of
   * someone not yet on file. */
  "CREATE TABLE petition_persons ("
  "  id INTEGER PRIMARY KEY,"
  "  petition_id INTEGER NOT NULL REFERENCES petitions (id),"
  "  cadre_id INTEGER REFERENCES cadres (id),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  unit_text TEXT NOT NULL DEFAULT '',"
  "  post_text TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX petition_persons_petition ON petition_persons (petition_id);"
  "CREATE INDEX petition_persons_cadre ON petition_persons (cadre_id);"
  "CREATE INDEX petition_persons_name ON petition_persons (name);"
  /* Further units concerned (the petition's own unit_id is the first). */
  "CREATE TABLE petition_units ("
  "  petition_id INTEGER NOT NULL REFERENCES petitions (id),"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  PRIMARY KEY (petition_id, unit_id));"
  "CREATE TABLE clues ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-X0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  source TEXT NOT NULL,"                         /* channel/source code */
  "  petition_id INTEGER REFERENCES petitions (id),"
  "  cadre_id INTEGER REFERENCES cadres (id),"
  "  person_name TEXT NOT NULL DEFAULT '',"         /* when not on file */
  "  received_date TEXT NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  categories TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL,"                         /* clue state machine */
  "  disposal TEXT NOT NULL DEFAULT '',"            /* talk-letter, verify, hold, close, case */
  "  approved_by TEXT NOT NULL DEFAULT '',"
  "  approved_date TEXT NOT NULL DEFAULT '',"
  "  due_date TEXT NOT NULL DEFAULT '',"            /* disposal limit, computed when approved */
  "  result TEXT NOT NULL DEFAULT '',"              /* founded, partly, unfounded, uncheckable */
  "  closed_date TEXT NOT NULL DEFAULT '',"
  "  clearing TEXT NOT NULL DEFAULT '',"            /* 澄清正名 done for unfounded reports */
  "  clearing_date TEXT NOT NULL DEFAULT '',"
  "  next_review_date TEXT NOT NULL DEFAULT '',"    /* for held clues */
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX clues_unit ON clues (unit_id, received_date);"
  "CREATE INDEX clues_status ON clues (status, due_date);"
  "CREATE INDEX clues_petition ON clues (petition_id);"
  "CREATE INDEX clues_cadre ON clues (cadre_id);"
  "CREATE TABLE clue_steps ("
  "  id INTEGER PRIMARY KEY,"
  "  clue_id INTEGER NOT NULL REFERENCES clues (id),"
  "  step_date TEXT NOT NULL,"
  "  action TEXT NOT NULL,"                         /* state-machine move or a free step */
  "  note TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX clue_steps_clue ON clue_steps (clue_id, step_date);",

  /* 5: full-text search (search/ld-fts-tokenizer.h): one FTS4 index over
   * cadres, file entries, talks, petitions and clues, kept in step by
   * triggers inside the writing transaction. docid = record id * 8 + kind
   * (1 cadre, 2 file entry, 3 talk, 4 petition, 5 clue); retired records
   * (and the entries of a retired cadre) leave the index. The index is
   * kept newest first (order=DESC): a search reads the doclist of a common
   * term incrementally in that order and stops at its cap. (FTS4's
   * 'integrity-check' command of 3.15.2 wrongly reports such a table as
   * malformed; queries, merges and 'optimize' work as on an ASC table.) fulltext_docs
   * holds each indexed record's unit, so a search checks scopes without
   * reading the records. The reporters table is never indexed. FTS3/4 of
   * SQLite 3.15.2 has the "Magellan" bugs (SECURITY.md §1.1): acceptable
   * here because only a crafted database or SQL run on our connection can
   * reach them, and every page is encrypted and authenticated (HMAC), the
   * tokenizer is registered on our own connection only (see
   * ld_fts_tokenizer_register()). */
  "CREATE VIRTUAL TABLE fulltext USING fts4 (title, body, scope, tokenize=ldcjk, order=DESC);"
  "CREATE TABLE fulltext_docs ("
  "  docid INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL);"
  FT_TRIGGERS (1, "cadre", "cadres",
               "id, name, former_names, post, unit_id, retired_at", FT_CADRE_SOURCE)
  FT_TRIGGERS (2, "entry", "file_entries",
               "id, cadre_id, fields, retired_at", FT_ENTRY_SOURCE)
  FT_TRIGGERS (3, "talk", "talks",
               "id, reg_no, unit_id, reason, problems, explanation, attitude, place, talkers, retired_at",
               FT_TALK_SOURCE)
  FT_TRIGGERS (4, "petition", "petitions",
               "id, reg_no, unit_id, summary, full_text, retired_at", FT_PETITION_SOURCE)
  FT_TRIGGERS (5, "clue", "clues",
               "id, reg_no, unit_id, summary, person_name, retired_at", FT_CLUE_SOURCE)
  /* The entries follow their cadre's unit and retirement. */
  "CREATE TRIGGER fulltext_cadre_entries AFTER UPDATE OF unit_id, retired_at ON cadres"
  "  WHEN old.unit_id IS NOT new.unit_id OR old.retired_at IS NOT new.retired_at BEGIN"
  "  DELETE FROM fulltext WHERE docid IN (SELECT e.id * 8 + 2 FROM file_entries e WHERE e.cadre_id = new.id);"
  "  DELETE FROM fulltext_docs WHERE docid IN (SELECT e.id * 8 + 2 FROM file_entries e WHERE e.cadre_id = new.id);"
  "  INSERT INTO fulltext (docid, title, body, scope) SELECT docid, title, body, " FT_SCOPE " FROM (" FT_ENTRY_SOURCE ")"
  "   WHERE cadre_id = new.id;"
  "  INSERT INTO fulltext_docs (docid, unit_id) SELECT docid, unit_id FROM (" FT_ENTRY_SOURCE ")"
  "   WHERE cadre_id = new.id;"
  " END;"
  /* Reported persons' free-text names belong to their petition. */
  "CREATE TRIGGER fulltext_petition_person_ai AFTER INSERT ON petition_persons BEGIN"
  FT_REBUILD (4, FT_PETITION_SOURCE, "new.petition_id")
  " END;"
  "CREATE TRIGGER fulltext_petition_person_au AFTER UPDATE ON petition_persons BEGIN"
  FT_REBUILD (4, FT_PETITION_SOURCE, "old.petition_id")
  FT_REBUILD (4, FT_PETITION_SOURCE, "new.petition_id")
  " END;"
  "CREATE TRIGGER fulltext_petition_person_ad AFTER DELETE ON petition_persons BEGIN"
  FT_REBUILD (4, FT_PETITION_SOURCE, "old.petition_id")
  " END;"
  /* Fill the index from the records already there. */
  FT_FILL (FT_CADRE_SOURCE)
  FT_FILL (FT_ENTRY_SOURCE)
  FT_FILL (FT_TALK_SOURCE)
  FT_FILL (FT_PETITION_SOURCE)
  FT_FILL (FT_CLUE_SOURCE),

  /* 6: partial indexes for the supervision board (records/ld-board.c):
   * the closed real-name petitions still owing a notice or the feedback,
   * and the talks still owed a written explanation, so the board reads a
   * few rows instead of the whole table. The board's queries repeat these
   * WHERE terms word for word (SQLite uses a partial index only then). */
  "CREATE INDEX petitions_owing ON petitions (closed_date)"
  " WHERE status = 'closed' AND real_name <> 0 AND retired_at IS NULL"
  " AND (feedback_date = '' OR accept_notice_date = '');"
  "CREATE INDEX talks_written_owed ON talks (written_due)"
  " WHERE written_required > 0 AND written_received = '' AND retired_at IS NULL;",

  /* 7: measures (处分处理) and the four forms, integrity-opinion requests
   * (党风廉政意见回复), the supervision ledger (整改台账) and recommendations
   * (纪检监察建议). Codes are those of rules/ld-measure-tables.h and
   * rules/ld-ledger-rules.h. A measure carries what the statistics and the
   * board group by, kept in step by its repository: its form (the default
   * of the code table or the administrator's override in measure_forms,
   * rewritten for every measure of a code when the override changes), the
   * cadre's post level and key groups on the decision date, and its effect
   * period (effect_end '' = none, '9999-12-31' = permanent) recomputed by
   * the rules after every event. */
  "CREATE TABLE measure_forms ("
  "  code TEXT PRIMARY KEY,"                        /* measure code */
  "  form INTEGER NOT NULL CHECK (form BETWEEN 1 AND 4),"
  "  reason TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL);"
  "CREATE TABLE measures ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-M0001 */
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  unit_id INTEGER NOT NULL REFERENCES units (id)," /* the cadre's unit on registration */
  "  code TEXT NOT NULL,"
  "  form INTEGER NOT NULL CHECK (form BETWEEN 1 AND 4),"
  "  category TEXT NOT NULL,"                       /* edu, party, gov, org, account, criminal */
  "  decision_date TEXT NOT NULL,"
  "  effective_date TEXT NOT NULL,"                 /* approval (Party) / effect of the decision (government) */
  "  authority TEXT NOT NULL DEFAULT '',"
  "  doc_no TEXT NOT NULL DEFAULT '',"
  "  source_type TEXT NOT NULL DEFAULT '',"         /* '', clue, petition, talk */
  "  source_id INTEGER,"
  "  categories TEXT NOT NULL DEFAULT '',"          /* violation categories (problem-category codes) */
  "  facts TEXT NOT NULL DEFAULT '',"
  "  accountability INTEGER NOT NULL DEFAULT 0,"    /* given as 问责 */
  "  extension_months INTEGER NOT NULL DEFAULT 0,"  /* 留党察看 probation extended */
  "  status TEXT NOT NULL DEFAULT 'in-force',"      /* in-force, lifted, changed, revoked */
  "  status_date TEXT NOT NULL DEFAULT '',"         /* date of the lifting / appeal decision */
  "  replaced_by INTEGER REFERENCES measures (id)," /* the new decision after an appeal */
  "  replaces INTEGER REFERENCES measures (id),"
  "  effect_end TEXT NOT NULL DEFAULT '',"          /* computed; '' none, '9999-12-31' permanent */
  "  post_level TEXT NOT NULL DEFAULT '',"          /* the cadre's, on the decision date */
  "  groups TEXT NOT NULL DEFAULT '',"              /* top,young,new,key on the decision date */
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX measures_cadre ON measures (cadre_id, effective_date);"
  "CREATE INDEX measures_unit ON measures (unit_id, effective_date);"
  "CREATE INDEX measures_date ON measures (decision_date, form);"
  "CREATE INDEX measures_code ON measures (code);"
  "CREATE INDEX measures_effect ON measures (effect_end) WHERE retired_at IS NULL AND effect_end <> '';"
  "CREATE INDEX measures_source ON measures (source_type, source_id);"
  "CREATE TABLE measure_events ("
  "  id INTEGER PRIMARY KEY,"
  "  measure_id INTEGER NOT NULL REFERENCES measures (id),"
  "  event_date TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"                           /* lift, extend, appeal-upheld, appeal-changed, appeal-revoked, note */
  "  note TEXT NOT NULL DEFAULT '',"
  "  new_measure_id INTEGER REFERENCES measures (id),"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX measure_events_measure ON measure_events (measure_id, event_date);"
  "CREATE TABLE opinion_requests ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-Y0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id)," /* the unit whose scope holds the request */
  "  requester TEXT NOT NULL,"                      /* 组织部, a unit … */
  "  request_date TEXT NOT NULL,"
  "  purpose TEXT NOT NULL,"                        /* opinion purpose code */
  "  due_date TEXT NOT NULL DEFAULT '',"
  "  doc_no TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'open',"          /* open, replied */
  "  replied_date TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX opinion_requests_unit ON opinion_requests (unit_id, request_date);"
  "CREATE TABLE opinion_items ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL REFERENCES opinion_requests (id),"
  "  cadre_id INTEGER NOT NULL REFERENCES cadres (id),"
  "  checked_date TEXT NOT NULL DEFAULT '',"        /* the as-of date of the check */
  "  proposal TEXT NOT NULL DEFAULT '',"            /* ok, ok-note, defer, no */
  "  reasons TEXT NOT NULL DEFAULT '',"             /* one reason per line: kind|record-type|id|text */
  "  decision TEXT NOT NULL DEFAULT '',"            /* the investigator's, '' until confirmed */
  "  change_reason TEXT NOT NULL DEFAULT '',"
  "  reply_text TEXT NOT NULL DEFAULT '',"
  "  confirmed_by TEXT NOT NULL DEFAULT '',"
  "  approved_by TEXT NOT NULL DEFAULT '',"
  "  approved_date TEXT NOT NULL DEFAULT '',"
  "  valid_until TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (request_id, cadre_id));"
  "CREATE INDEX opinion_items_cadre ON opinion_items (cadre_id, valid_until);"
  "CREATE TABLE recommendations ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-J0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id)," /* the unit it is addressed to */
  "  kind TEXT NOT NULL,"                           /* discipline, supervision, joint */
  "  doc_no TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL,"
  "  problem TEXT NOT NULL DEFAULT '',"
  "  basis TEXT NOT NULL DEFAULT '',"
  "  content TEXT NOT NULL DEFAULT '',"
  "  source_type TEXT NOT NULL DEFAULT '',"
  "  source_id INTEGER,"
  "  status TEXT NOT NULL DEFAULT 'draft',"         /* draft, issued, delivered, replied, rectifying, verified, closed, escalated */
  "  issued_date TEXT NOT NULL DEFAULT '',"
  "  delivered_date TEXT NOT NULL DEFAULT '',"
  "  reply_due TEXT NOT NULL DEFAULT '',"
  "  replied_date TEXT NOT NULL DEFAULT '',"
  "  reply TEXT NOT NULL DEFAULT '',"
  "  verified_date TEXT NOT NULL DEFAULT '',"
  "  closed_date TEXT NOT NULL DEFAULT '',"
  "  next_visit_date TEXT NOT NULL DEFAULT '',"     /* 回访 / 回头看 planned */
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX recommendations_unit ON recommendations (unit_id, issued_date);"
  "CREATE INDEX recommendations_status ON recommendations (status, reply_due);"
  "CREATE TABLE recommendation_events ("
  "  id INTEGER PRIMARY KEY,"
  "  recommendation_id INTEGER NOT NULL REFERENCES recommendations (id),"
  "  event_date TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"                           /* a lifecycle move, revisit, lookback, note */
  "  note TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX recommendation_events_rec ON recommendation_events (recommendation_id, event_date);"
  "CREATE TABLE ledger_items ("
  "  id INTEGER PRIMARY KEY,"
  "  reg_no TEXT NOT NULL UNIQUE,"                  /* 2026-L0001 */
  "  unit_id INTEGER NOT NULL REFERENCES units (id)," /* the responsible unit */
  "  source TEXT NOT NULL,"                         /* inspection, audit, analysis, recommendation, petition, other */
  "  source_ref TEXT NOT NULL DEFAULT '',"
  "  recommendation_id INTEGER REFERENCES recommendations (id),"
  "  problem TEXT NOT NULL,"
  "  measures TEXT NOT NULL DEFAULT '',"
  "  standard TEXT NOT NULL DEFAULT '',"
  "  leader TEXT NOT NULL DEFAULT '',"
  "  person TEXT NOT NULL DEFAULT '',"
  "  deadline TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'not-started',"   /* not-started, in-progress, done, ongoing (逾期 is computed) */
  "  completion TEXT NOT NULL DEFAULT '',"
  "  completed_date TEXT NOT NULL DEFAULT '',"
  "  accepted_by TEXT NOT NULL DEFAULT '',"
  "  acceptance TEXT NOT NULL DEFAULT '',"
  "  signed_off_date TEXT NOT NULL DEFAULT '',"     /* 销号 */
  "  note TEXT NOT NULL DEFAULT '',"
  "  account TEXT NOT NULL,"
  "  retired_at INTEGER,"
  "  retired_reason TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX ledger_items_unit ON ledger_items (unit_id, deadline);"
  "CREATE INDEX ledger_items_open ON ledger_items (deadline)"
  " WHERE retired_at IS NULL AND signed_off_date = '' AND status <> 'ongoing';"
  "CREATE INDEX ledger_items_recommendation ON ledger_items (recommendation_id);"
  "CREATE TABLE ledger_progress ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES ledger_items (id),"
  "  progress_date TEXT NOT NULL,"
  "  note TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX ledger_progress_item ON ledger_progress (item_id, progress_date);",
};

int
ld_migrations_latest (void)
{
  return G_N_ELEMENTS (steps);
}

gboolean
ld_migrations_run (sqlite3  *db,
                   GError  **error)
{
  gint64 version;

  if (!ld_sql_query_int64 (db, "PRAGMA user_version", 0, &version, error))
    return FALSE;

  if (version > ld_migrations_latest ())
    {
      g_set_error (error, LD_ERROR, LD_ERROR_FAILED,
                   _("The vault was written by a newer version of Liandang (schema %d, this version knows %d). "
                     "Install the newer version to open it."),
                   (int) version, ld_migrations_latest ());
      return FALSE;
    }

  for (gint64 v = version; v < ld_migrations_latest (); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", (int) v + 1);

      if (!ld_sql_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!ld_sql_exec (db, steps[v], error) || !ld_sql_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Upgrading the vault to schema %d failed: "), (int) v + 1);
          return FALSE;
        }
      if (!ld_sql_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated vault schema to %d", (int) v + 1);
    }
  return TRUE;
}
