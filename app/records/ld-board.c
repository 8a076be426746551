/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-board"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "records/ld-board.h"
#include "records/ld-cadre-private.h"
#include "records/ld-calendar-repository.h"
#include "records/ld-case-rules-repository.h"
#include "records/ld-rules-repository.h"
#include "records/ld-scope-private.h"
#include "rules/ld-case-tables.h"
#include "rules/ld-categories.h"
#include "rules/ld-measure-tables.h"
#include "rules/ld-permissions.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* ---- LdBoardItem ------------------------------------------------------------ */

struct _LdBoardItem
{
  GObject         parent_instance;

  LdAlertLevel    level;
  LdDeadlineKind  kind;
  const char     *record_type;   /* static */
  gint64          record_id;
  char           *reg_no;
  char           *title;
  gint64          cadre_id;
  gint64          unit_id;
  char           *unit_name;
  GDate           due;
  char           *due_date;
  int             days_left;
};

G_DEFINE_FINAL_TYPE (LdBoardItem, ld_board_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_LEVEL_LABEL,
  PROP_RECORD_TYPE,
  PROP_RECORD_ID,
  PROP_REG_NO,
  PROP_TITLE,
  PROP_CADRE_ID,
  PROP_UNIT_ID,
  PROP_UNIT_NAME,
  PROP_DUE_DATE,
  PROP_DAYS_LEFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ld_board_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LdBoardItem *self = LD_BOARD_ITEM (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, ld_board_item_get_kind_label (self));
      break;
    case PROP_LEVEL_LABEL:
      g_value_set_string (value, ld_board_item_get_level_label (self));
      break;
    case PROP_RECORD_TYPE:
      g_value_set_string (value, self->record_type);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_REG_NO:
      g_value_set_string (value, self->reg_no);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CADRE_ID:
      g_value_set_int64 (value, self->cadre_id);
      break;
    case PROP_UNIT_ID:
      g_value_set_int64 (value, self->unit_id);
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_DAYS_LEFT:
      g_value_set_int (value, self->days_left);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_board_item_finalize (GObject *object)
{
  LdBoardItem *self = LD_BOARD_ITEM (object);

  g_free (self->reg_no);
  g_free (self->title);
  g_free (self->unit_name);
  g_free (self->due_date);
  G_OBJECT_CLASS (ld_board_item_parent_class)->finalize (object);
}

static void
ld_board_item_class_init (LdBoardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ld_board_item_get_property;
  object_class->finalize = ld_board_item_finalize;

  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, LD_ALERT_NONE, LD_ALERT_OVERDUE, LD_ALERT_NONE,
                                             flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, LD_N_DEADLINE_KINDS - 1, 0, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL_LABEL] = g_param_spec_string ("level-label", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_TYPE] = g_param_spec_string ("record-type", NULL, NULL, NULL, flags);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REG_NO] = g_param_spec_string ("reg-no", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CADRE_ID] = g_param_spec_int64 ("cadre-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_ID] = g_param_spec_int64 ("unit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, flags);
  properties[PROP_DAYS_LEFT] = g_param_spec_int ("days-left", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_board_item_init (LdBoardItem *self)
{
  g_date_clear (&self->due, 1);
}

LdAlertLevel
ld_board_item_get_level (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), LD_ALERT_NONE);
  return self->level;
}

LdDeadlineKind
ld_board_item_get_kind (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), 0);
  return self->kind;
}

const char *
ld_board_item_get_kind_label (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return ld_deadline_kind_get_label (self->kind);
}

const char *
ld_board_item_get_level_label (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return ld_alert_level_get_label (self->level);
}

const char *
ld_board_item_get_record_type (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return self->record_type;
}

gint64
ld_board_item_get_record_id (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), 0);
  return self->record_id;
}

const char *
ld_board_item_get_reg_no (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return self->reg_no;
}

const char *
ld_board_item_get_title (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return self->title;
}

gint64
ld_board_item_get_cadre_id (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), 0);
  return self->cadre_id;
}

gint64
ld_board_item_get_unit_id (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), 0);
  return self->unit_id;
}

const char *
ld_board_item_get_unit_name (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return self->unit_name;
}

const char *
ld_board_item_get_due_date (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), NULL);
  return self->due_date;
}

void
ld_board_item_get_due (LdBoardItem *self,
                       GDate       *due)
{
  g_return_if_fail (LD_IS_BOARD_ITEM (self));
  g_return_if_fail (due != NULL);
  *due = self->due;
}

int
ld_board_item_get_days_left (LdBoardItem *self)
{
  g_return_val_if_fail (LD_IS_BOARD_ITEM (self), 0);
  return self->days_left;
}

/* ---- Building the list ------------------------------------------------------- */

typedef struct
{
  LdVault      *vault;
  sqlite3      *db;
  LdCaseRules   rules;
  LdWorkdays   *workdays;
  GDate         today;
  char          today_text[11];
  gint64        cadre_id;    /* 0 = the whole board */
  GPtrArray    *items;
  /* Working days before today, counted once for every overdue item:
   * late[i] = working days in (first_julian + i, today]. */
  guint         first_julian;
  GArray       *late;
} Board;

/* Working days in (due, today] for a due date before today, from a table
 * counted once (an item overdue for years would otherwise walk every day
 * of those years, for each item). */
static guint
board_working_days_late (Board       *board,
                         const GDate *due)
{
  guint today = g_date_get_julian (&board->today);
  guint julian = g_date_get_julian (due);

  if (julian >= today)
    return 0;
  if (board->late == NULL || julian < board->first_julian)
    {
      guint first = julian;
      guint count = 0;
      GDate day;

      /* Grow a year at a time past the earliest date asked for. */
      if (board->late != NULL && board->first_julian > 366)
        first = MIN (first, board->first_julian - 366);
      if (board->late == NULL)
        board->late = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_set_size (board->late, today - first + 1);
      g_date_clear (&day, 1);
      for (guint j = today; ; j--)
        {
          g_array_index (board->late, guint, j - first) = count;
          if (j == first)
            break;
          g_date_set_julian (&day, j);
          if (ld_workdays_is_working_day (board->workdays, &day))
            count++;
        }
      board->first_julian = first;
    }
  return g_array_index (board->late, guint, julian - board->first_julian);
}

/* "YYYY-MM-DD", or "YYYY-MM" (the 1st of the month, as rosters write
 * promotion dates); FALSE for '' and anything else. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y = 0, m = 0, d = 1;
  char end;
  gsize len = text ? strlen (text) : 0;

  g_date_clear (date, 1);
  if (len == 10)
    {
      if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
        return FALSE;
    }
  else if (len == 7)
    {
      if (sscanf (text, "%4d-%2d%c", &y, &m, &end) != 2)
        return FALSE;
    }
  else
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
date_to_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* Adds an item for the deadline due unless it is not on the board (level
 * none). Takes title. */
static void
board_add (Board          *board,
           LdDeadlineKind  kind,
           const char     *record_type,
           gint64          record_id,
           const char     *reg_no,
           char           *title,
           gint64          cadre_id,
           gint64          unit_id,
           const char     *unit_name,
           const GDate    *due)
{
  LdAlertLevel level = ld_alert_level (&board->rules, board->workdays, due, &board->today);
  LdBoardItem *item;
  int cmp;

  if (level == LD_ALERT_NONE)
    {
      g_free (title);
      return;
    }
  item = g_object_new (LD_TYPE_BOARD_ITEM, NULL);
  item->level = level;
  item->kind = kind;
  item->record_type = record_type;
  item->record_id = record_id;
  item->reg_no = g_strdup (reg_no ? reg_no : "");
  item->title = title;
  item->cadre_id = cadre_id;
  item->unit_id = unit_id;
  item->unit_name = g_strdup (unit_name ? unit_name : "");
  item->due = *due;
  item->due_date = date_to_text (due);
  cmp = g_date_compare (due, &board->today);
  if (cmp > 0)
    item->days_left = (int) ld_workdays_count_between (board->workdays, &board->today, due);
  else if (cmp < 0)
    /* Overdue by at least one: a deadline on Friday is late on Saturday. */
    item->days_left = -MAX (1, (int) board_working_days_late (board, due));
  else
    item->days_left = 0;
  g_ptr_array_add (board->items, item);
}

static char *
make_title (const char *what,
            const char *who)
{
  if (who == NULL || *who == '\0')
    return g_strdup (what);
  /* Translators: the title of a line of the supervision board: what the
   * record is (检举控告, 问题线索, a talk type) and the persons it is about,
   * e.g. "检举控告 · 反映 张三". */
  return g_strdup_printf (C_("board title", "%s · about %s"), what, who);
}

static char *
make_talk_title (const char *talk_type,
                 const char *who)
{
  const char *label = ld_code_get_label (LD_CODE_TABLE_TALK_TYPE, talk_type);

  if (label == NULL)
    label = talk_type;
  if (who == NULL || *who == '\0')
    return g_strdup (label);
  /* Translators: a talk on the supervision board: its type and the persons
   * talked to, e.g. "任前廉政谈话 · 王五". */
  return g_strdup_printf (C_("board title", "%s · %s"), label, who);
}

static gboolean
step_failed (Board  *board,
             int     rc,
             GError **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  ld_sql_set_error (board->db, rc, error);
  return TRUE;
}

/* The persons a petition reports: names only (the cadre's current name
 * when on file). Never the reporter: the reporters table is not read. */
#define PETITION_PERSONS \
  "(SELECT group_concat (ifnull (pc.name, pp.name), '、') FROM petition_persons pp" \
  " LEFT JOIN cadres pc ON pc.id = pp.cadre_id WHERE pp.petition_id = p.id)"
#define PETITION_CADRE \
  "ifnull ((SELECT min (pp.cadre_id) FROM petition_persons pp WHERE pp.petition_id = p.id), 0)"

/* The columns of a petition read by add_petition_row(). */
#define PETITION_COLUMNS \
  "p.id, p.reg_no, p.kind, p.received_date, p.real_name, p.repeat_of IS NOT NULL, p.status, p.routing," \
  " p.routed_date, p.accept_notice_date, p.closed_date, p.feedback_date, p.unit_id, u.name, " \
  PETITION_PERSONS ", " PETITION_CADRE

static void
add_petition_row (Board        *board,
                  sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *reg_no = ld_sql_column_text (stmt, 1);
  const char *kind = ld_sql_column_text (stmt, 2);
  gboolean real_name = sqlite3_column_int (stmt, 4) != 0;
  gboolean repeat = sqlite3_column_int (stmt, 5) != 0;
  const char *status = ld_sql_column_text (stmt, 6);
  const char *routing = ld_sql_column_text (stmt, 7);
  gint64 unit_id = sqlite3_column_int64 (stmt, 12);
  const char *unit_name = ld_sql_column_text (stmt, 13);
  const char *persons = ld_sql_column_text (stmt, 14);
  gint64 cadre_id = sqlite3_column_int64 (stmt, 15);
  const char *kind_label = ld_code_get_label (LD_CODE_TABLE_PETITION_KIND, kind);
  GDate received, closed, due;

  if (kind_label == NULL)
    kind_label = kind;
  if (!parse_date (ld_sql_column_text (stmt, 3), &received))
    return;
  /* The acceptance notice of a real-name report (not for a repeat, nor
   * once it is filed, not accepted or forwarded elsewhere). */
  if (real_name && !repeat && !g_str_equal (status, "routed") && !g_str_equal (status, "filed")
      && !g_str_equal (status, "not-accepted") && *ld_sql_column_text (stmt, 9) == '\0'
      && ld_deadline_accept_notice (&board->rules, board->workdays, &received, real_name, repeat, &due))
    board_add (board, LD_DEADLINE_ACCEPT_NOTICE, LD_BOARD_RECORD_PETITION, id, reg_no,
               make_title (kind_label, persons), cadre_id, unit_id, unit_name, &due);
  /* Forwarding up or down. */
  if (*ld_sql_column_text (stmt, 8) == '\0'
      && ld_deadline_routing (&board->rules, board->workdays, &received, routing, &due))
    board_add (board, LD_DEADLINE_ROUTING, LD_BOARD_RECORD_PETITION, id, reg_no,
               make_title (kind_label, persons), cadre_id, unit_id, unit_name, &due);
  /* The result fed back to a real-name reporter after closing. */
  if (real_name && *ld_sql_column_text (stmt, 11) == '\0' && parse_date (ld_sql_column_text (stmt, 10), &closed)
      && ld_deadline_feedback (&board->rules, board->workdays, &closed, real_name, &due))
    board_add (board, LD_DEADLINE_FEEDBACK, LD_BOARD_RECORD_PETITION, id, reg_no,
               make_title (kind_label, persons), cadre_id, unit_id, unit_name, &due);
}

/* Acceptance notices, routing and feedback of petitions. */
static gboolean
board_add_petitions (Board   *board,
                     GError **error)
{
  /* The open petitions through the index petitions_status (few at any
   * time); the closed ones owing a notice or feedback through the partial
   * index petitions_owing (schema step 6), whose WHERE terms the query
   * repeats. The petition drives the join (CROSS JOIN), not the unit. */
  static const char * const queries[] = {
    "SELECT " PETITION_COLUMNS
    " FROM petitions p INDEXED BY petitions_status CROSS JOIN units u ON u.id = p.unit_id"
    " WHERE p.status IN ('registered', 'accepted', 'routed')"
    " AND p.retired_at IS NULL AND p.unit_id IN (SELECT id FROM visible_units)"
    " AND ((p.real_name <> 0 AND p.repeat_of IS NULL AND p.status <> 'routed' AND p.accept_notice_date = '')"
    "   OR (p.routing IN ('up', 'down') AND p.routed_date = ''))",
    "SELECT " PETITION_COLUMNS
    " FROM petitions p INDEXED BY petitions_owing CROSS JOIN units u ON u.id = p.unit_id"
    " WHERE p.status = 'closed' AND p.real_name <> 0 AND p.retired_at IS NULL"
    " AND (p.feedback_date = '' OR p.accept_notice_date = '')"
    " AND ((p.repeat_of IS NULL AND p.accept_notice_date = '') OR (p.closed_date <> '' AND p.feedback_date = ''))"
    " AND p.unit_id IN (SELECT id FROM visible_units)",
  };

  if (board->cadre_id != 0)
    /* A petition's deadlines are about its reporter (notice, feedback) or
     * its route, not about the person reported: the cadre's file does not
     * show them (it never hints at who reported, or whether by name). */
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _ld_scope_prepare (board->vault, queries[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        add_petition_row (board, stmt);
      if (step_failed (board, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Disposal decisions of pending clues and the limits of clues in hand. */
static gboolean
board_add_clues (Board   *board,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *clue_label = _("Problem clue");
  int rc;

  stmt = _ld_scope_prepare (board->vault,
                            board->cadre_id == 0
                            ? "SELECT cl.id, cl.reg_no, cl.status, cl.received_date, cl.due_date,"
                              " ifnull (cl.cadre_id, 0), ifnull (c.name, cl.person_name), cl.unit_id, u.name,"
                              " cl.next_review_date"
                              " FROM clues cl INDEXED BY clues_status CROSS JOIN units u ON u.id = cl.unit_id"
                              " LEFT JOIN cadres c ON c.id = cl.cadre_id"
                              " WHERE cl.status IN ('pending', 'handling', 'held')"
                              " AND (cl.status = 'pending' OR cl.due_date <> '' OR cl.next_review_date <> '')"
                              " AND cl.closed_date = '' AND cl.retired_at IS NULL"
                              " AND cl.unit_id IN (SELECT id FROM visible_units)"
                            : "SELECT cl.id, cl.reg_no, cl.status, cl.received_date, cl.due_date,"
                              " ifnull (cl.cadre_id, 0), ifnull (c.name, cl.person_name), cl.unit_id, u.name,"
                              " cl.next_review_date"
                              " FROM clues cl INDEXED BY clues_cadre CROSS JOIN units u ON u.id = cl.unit_id"
                              " LEFT JOIN cadres c ON c.id = cl.cadre_id"
                              " WHERE cl.cadre_id = ?2"
                              " AND ((cl.status = 'pending') OR (cl.status = 'handling' AND cl.due_date <> '')"
                              "      OR (cl.status = 'held' AND cl.next_review_date <> ''))"
                              " AND cl.closed_date = '' AND cl.retired_at IS NULL"
                              " AND cl.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (board->cadre_id != 0)
    sqlite3_bind_int64 (stmt, 2, board->cadre_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *status = ld_sql_column_text (stmt, 2);
      GDate date, due;

      if (g_str_equal (status, "pending"))
        {
          if (!parse_date (ld_sql_column_text (stmt, 3), &date)
              || !ld_deadline_disposal_decision (&board->rules, board->workdays, &date, &due))
            continue;
          board_add (board, LD_DEADLINE_DISPOSAL_DECISION, LD_BOARD_RECORD_CLUE, id, ld_sql_column_text (stmt, 1),
                     make_title (clue_label, ld_sql_column_text (stmt, 6)), sqlite3_column_int64 (stmt, 5),
                     sqlite3_column_int64 (stmt, 7), ld_sql_column_text (stmt, 8), &due);
        }
      else if (g_str_equal (status, "held"))
        {
          /* A held clue (暂存待查) is looked at again on its review date. */
          if (!parse_date (ld_sql_column_text (stmt, 9), &due))
            continue;
          board_add (board, LD_DEADLINE_REVIEW, LD_BOARD_RECORD_CLUE, id, ld_sql_column_text (stmt, 1),
                     make_title (clue_label, ld_sql_column_text (stmt, 6)), sqlite3_column_int64 (stmt, 5),
                     sqlite3_column_int64 (stmt, 7), ld_sql_column_text (stmt, 8), &due);
        }
      else
        {
          /* The limit was computed when the disposal was approved. */
          if (!parse_date (ld_sql_column_text (stmt, 4), &due))
            continue;
          board_add (board, LD_DEADLINE_DISPOSAL, LD_BOARD_RECORD_CLUE, id, ld_sql_column_text (stmt, 1),
                     make_title (clue_label, ld_sql_column_text (stmt, 6)), sqlite3_column_int64 (stmt, 5),
                     sqlite3_column_int64 (stmt, 7), ld_sql_column_text (stmt, 8), &due);
        }
    }
  return !step_failed (board, rc, error);
}

/* Written explanations and self-examinations still owed after a talk. */
static gboolean
board_add_written (Board   *board,
                   GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

#define TALK_PERSONS \
  "(SELECT group_concat (tc.name, '、') FROM talk_persons tp JOIN cadres tc ON tc.id = tp.cadre_id" \
  " WHERE tp.talk_id = t.id)"
#define TALK_CADRE "ifnull ((SELECT min (tp.cadre_id) FROM talk_persons tp WHERE tp.talk_id = t.id), 0)"
  stmt = _ld_scope_prepare (board->vault,
                            board->cadre_id == 0
                            ? "SELECT t.id, t.reg_no, t.type, t.written_due, t.unit_id, u.name, "
                              TALK_PERSONS ", " TALK_CADRE
                              " FROM talks t INDEXED BY talks_written_owed CROSS JOIN units u ON u.id = t.unit_id"
                              " WHERE t.written_required > 0 AND t.written_received = '' AND t.retired_at IS NULL"
                              " AND t.written_due <> '' AND t.unit_id IN (SELECT id FROM visible_units)"
                            : "SELECT t.id, t.reg_no, t.type, t.written_due, t.unit_id, u.name, "
                              TALK_PERSONS ", ?2"
                              " FROM talk_persons me INDEXED BY talk_persons_cadre"
                              " CROSS JOIN talks t ON t.id = me.talk_id"
                              " CROSS JOIN units u ON u.id = t.unit_id"
                              " WHERE me.cadre_id = ?2"
                              " AND t.written_required > 0 AND t.written_due <> '' AND t.written_received = ''"
                              " AND t.retired_at IS NULL AND t.unit_id IN (SELECT id FROM visible_units)",
                            error);
#undef TALK_PERSONS
#undef TALK_CADRE
  if (stmt == NULL)
    return FALSE;
  if (board->cadre_id != 0)
    sqlite3_bind_int64 (stmt, 2, board->cadre_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate due;

      if (!parse_date (ld_sql_column_text (stmt, 3), &due))
        continue;
      board_add (board, LD_DEADLINE_WRITTEN, LD_BOARD_RECORD_TALK, sqlite3_column_int64 (stmt, 0),
                 ld_sql_column_text (stmt, 1),
                 make_talk_title (ld_sql_column_text (stmt, 2), ld_sql_column_text (stmt, 6)),
                 sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 4), ld_sql_column_text (stmt, 5),
                 &due);
    }
  return !step_failed (board, rc, error);
}

/* The required talks of the active cadres, in one grouped query over
 * the cadres that may owe one (one pass over the table, no query per
 * cadre):
 * - the supervision talk every top leader (一把手, cadres.principal) gets
 *   from the superior top leader, with the date of the last such talk up
 *   to as_of;
 * - the pre-appointment integrity talk of the newly promoted (promoted
 *   less than newly-promoted-months of the category rules before as_of),
 *   with the dates of their pre-appointment talks since the earliest date
 *   that can count. */
#define REQUIRED_TALKS_COLUMNS \
  "SELECT c.id, c.name, c.principal, c.post_since, c.promoted_at, c.unit_id, u.name," \
  " max (CASE WHEN t.type = 'T_SUPERVISE_TOP' THEN t.talk_date END)," \
  " group_concat (CASE WHEN t.type = 'T_PREAPPOINT' AND t.talk_date >= ?4 THEN t.talk_date END)"
#define REQUIRED_TALKS_JOINS \
  " CROSS JOIN units u ON u.id = c.unit_id" \
  " LEFT JOIN talk_persons tp ON tp.cadre_id = c.id" \
  " LEFT JOIN talks t ON t.id = tp.talk_id AND t.type IN ('T_SUPERVISE_TOP', 'T_PREAPPOINT')" \
  "  AND t.retired_at IS NULL AND t.talk_date <= ?3"
#define REQUIRED_TALKS_WHERE \
  " AND (c.principal <> 0 OR (c.promoted_at >= ?5 AND c.promoted_at <= ?3))" \
  " AND c.retired_at IS NULL AND c.status = 'serving' AND c.unit_id IN (SELECT id FROM visible_units)" \
  " GROUP BY c.id"

static void
add_top_leader_talk (Board        *board,
                     sqlite3_stmt *stmt)
{
  gint64 cadre_id = sqlite3_column_int64 (stmt, 0);
  GDate since, last, due;

  parse_date (ld_sql_column_text (stmt, 3), &since);
  parse_date (ld_sql_column_text (stmt, 7), &last);
  if (!ld_required_talk_top_leader (&board->rules, TRUE, &since, &last, &board->today, &due))
    return;
  board_add (board, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_CADRE, cadre_id, "",
             make_talk_title ("T_SUPERVISE_TOP", ld_sql_column_text (stmt, 1)), cadre_id,
             sqlite3_column_int64 (stmt, 5), ld_sql_column_text (stmt, 6), &due);
}

static void
add_preappoint_talk (Board                 *board,
                     const LdCategoryRules *category_rules,
                     sqlite3_stmt          *stmt)
{
  gint64 cadre_id = sqlite3_column_int64 (stmt, 0);
  g_auto(GStrv) dates = NULL;
  GDate promoted, window_end, counts_from, held, due;

  if (!parse_date (ld_sql_column_text (stmt, 4), &promoted) || g_date_compare (&promoted, &board->today) > 0)
    return;
  /* Newly promoted as the category rules say (ld_categories_compute). */
  window_end = promoted;
  g_date_add_months (&window_end, (guint) category_rules->newly_promoted_months);
  if (g_date_compare (&window_end, &board->today) <= 0)
    return;
  /* The first pre-appointment talk from promoted minus
   * talk.preappoint-months on (the public-notice period counts). */
  counts_from = promoted;
  g_date_subtract_months (&counts_from, board->rules.preappoint_months);
  g_date_clear (&held, 1);
  dates = g_strsplit (ld_sql_column_text (stmt, 8), ",", -1);
  for (guint i = 0; dates[i] != NULL; i++)
    {
      GDate talk;

      if (!parse_date (dates[i], &talk) || g_date_compare (&talk, &counts_from) < 0)
        continue;
      if (!g_date_valid (&held) || g_date_compare (&talk, &held) < 0)
        held = talk;
    }
  if (!ld_required_talk_preappoint (&board->rules, &promoted, &held, &due))
    return;
  board_add (board, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_CADRE, cadre_id, "",
             make_talk_title ("T_PREAPPOINT", ld_sql_column_text (stmt, 1)), cadre_id,
             sqlite3_column_int64 (stmt, 5), ld_sql_column_text (stmt, 6), &due);
}

static gboolean
board_add_required_talks (Board   *board,
                          GError **error)
{
  g_auto(LdCategoryRules) category_rules = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *promoted_from_text = NULL;
  g_autofree char *talks_from_text = NULL;
  GDate promoted_from, talks_from;
  int rc;

  if (!ld_rules_repository_load (board->vault, &board->today, &category_rules, error))
    return FALSE;
  /* A month more than the window (promotion dates may lack the day); the
   * exact window is checked in add_preappoint_talk(). With no window, no
   * promotion matches ("9999" sorts after every date). */
  promoted_from = board->today;
  g_date_subtract_months (&promoted_from, (guint) MAX (category_rules.newly_promoted_months, 0) + 1);
  promoted_from_text = category_rules.newly_promoted_months > 0
    ? g_strdup_printf ("%04d-%02d", g_date_get_year (&promoted_from), g_date_get_month (&promoted_from))
    : g_strdup ("9999");
  talks_from = promoted_from;
  g_date_subtract_months (&talks_from, board->rules.preappoint_months + 1);
  talks_from_text = date_to_text (&talks_from);

  stmt = _ld_scope_prepare (board->vault,
                            board->cadre_id == 0
                            ? REQUIRED_TALKS_COLUMNS " FROM cadres c NOT INDEXED" REQUIRED_TALKS_JOINS
                              " WHERE ?2 = 0" REQUIRED_TALKS_WHERE
                            : REQUIRED_TALKS_COLUMNS " FROM cadres c" REQUIRED_TALKS_JOINS
                              " WHERE c.id = ?2" REQUIRED_TALKS_WHERE,
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, board->cadre_id);
  sqlite3_bind_text (stmt, 3, board->today_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, talks_from_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, promoted_from_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 2) != 0)
        add_top_leader_talk (board, stmt);
      if (category_rules.newly_promoted_months > 0)
        add_preappoint_talk (board, &category_rules, stmt);
    }
  return !step_failed (board, rc, error);
}

/* ---- Issue 5: measures, ledgers, recommendations, opinion replies ---------- */

/* "label · text" with text cut to a readable length. */
static char *
make_short_title (const char *label,
                  const char *text)
{
  g_autofree char *cut = NULL;
  glong n = text != NULL ? g_utf8_strlen (text, -1) : 0;

  if (n == 0)
    return g_strdup (label);
  if (n > 30)
    {
      g_autofree char *head = g_utf8_substring (text, 0, 29);

      cut = g_strconcat (head, "…", NULL);
    }
  else
    cut = g_strdup (text);
  /* The newline of a multi-line text would break the board's line. */
  g_strdelimit (cut, "\r\n\t", ' ');
  return g_strdup_printf (C_("board title", "%s · %s"), label, cut);
}

/* The effect periods of measures in force ending soon (their end is the
 * first free day) and, for sanctions, the return-visit talk (回访教育谈话)
 * due revisit-before-days before that end unless one was held inside the
 * period: one grouped query over the measures with a finite end from
 * today on (the partial index measures_effect, whose WHERE terms the
 * query repeats). */
#define MEASURE_DEADLINES_COLUMNS \
  "SELECT m.id, m.reg_no, m.code, m.cadre_id, c.name, m.unit_id, u.name, m.effective_date, m.effect_end," \
  " max (t.talk_date)"
#define MEASURE_DEADLINES_JOINS \
  " CROSS JOIN units u ON u.id = m.unit_id CROSS JOIN cadres c ON c.id = m.cadre_id" \
  " LEFT JOIN talk_persons tp ON tp.cadre_id = m.cadre_id" \
  " LEFT JOIN talks t ON t.id = tp.talk_id AND t.type = 'T_REVISIT' AND t.retired_at IS NULL" \
  "  AND t.talk_date >= m.effective_date AND t.talk_date <= m.effect_end"
#define MEASURE_DEADLINES_WHERE \
  " AND m.effect_end <> '9999-12-31' AND m.effect_end >= ?3 AND m.effect_end <= ?4" \
  " AND m.status = 'in-force' AND m.unit_id IN (SELECT id FROM visible_units)" \
  " GROUP BY m.id"

static gboolean
board_add_measure_deadlines (Board   *board,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *until = NULL;
  GDate horizon;
  int rc;

  /* The return visit is due a month before the end, and the board looks a
   * month and the due-soon window ahead: three months of ends suffice. */
  horizon = board->today;
  g_date_add_months (&horizon, 3);
  g_date_add_days (&horizon, board->rules.revisit_before_days);
  until = date_to_text (&horizon);
  stmt = _ld_scope_prepare (board->vault,
                            board->cadre_id == 0
                            ? MEASURE_DEADLINES_COLUMNS
                              " FROM measures m INDEXED BY measures_effect" MEASURE_DEADLINES_JOINS
                              " WHERE ?2 = 0 AND m.retired_at IS NULL AND m.effect_end <> ''"
                              MEASURE_DEADLINES_WHERE
                            : MEASURE_DEADLINES_COLUMNS
                              " FROM measures m INDEXED BY measures_cadre" MEASURE_DEADLINES_JOINS
                              " WHERE m.cadre_id = ?2 AND m.retired_at IS NULL AND m.effect_end <> ''"
                              MEASURE_DEADLINES_WHERE,
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, board->cadre_id);
  sqlite3_bind_text (stmt, 3, board->today_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, until, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *reg_no = ld_sql_column_text (stmt, 1);
      const LdMeasureCode *code = ld_measure_code_find (ld_sql_column_text (stmt, 2));
      const char *label = code != NULL ? ld_measure_code_get_label (code) : ld_sql_column_text (stmt, 2);
      gint64 cadre_id = sqlite3_column_int64 (stmt, 3);
      const char *name = ld_sql_column_text (stmt, 4);
      gint64 unit_id = sqlite3_column_int64 (stmt, 5);
      const char *unit_name = ld_sql_column_text (stmt, 6);
      GDate start, end, held, due;

      if (!parse_date (ld_sql_column_text (stmt, 8), &end))
        continue;
      parse_date (ld_sql_column_text (stmt, 7), &start);
      board_add (board, LD_DEADLINE_EFFECT_PERIOD, LD_BOARD_RECORD_MEASURE, id, reg_no,
                 make_short_title (label, name), cadre_id, unit_id, unit_name, &end);
      if (code == NULL || !code->is_sanction)
        continue;
      parse_date (ld_sql_column_text (stmt, 9), &held);
      if (ld_required_talk_revisit (&board->rules, &start, &end, &held, &due))
        board_add (board, LD_DEADLINE_REQUIRED_TALK, LD_BOARD_RECORD_MEASURE, id, reg_no,
                   make_talk_title ("T_REVISIT", name), cadre_id, unit_id, unit_name, &due);
    }
  return !step_failed (board, rc, error);
}

/* The open items of the supervision ledger by their deadline, through the
 * partial index ledger_items_open (its WHERE terms repeated word for
 * word). A ledger item concerns a unit, not a cadre. */
static gboolean
board_add_ledger (Board   *board,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* Translators: an item of the rectification ledger (整改台账) on the
   * supervision board, followed by its problem. */
  const char *label = C_("board", "Ledger item");
  int rc;

  if (board->cadre_id != 0)
    return TRUE;
  stmt = _ld_scope_prepare (board->vault,
                            "SELECT li.id, li.reg_no, li.problem, li.deadline, li.unit_id, u.name"
                            " FROM ledger_items li INDEXED BY ledger_items_open CROSS JOIN units u ON u.id = li.unit_id"
                            " WHERE li.retired_at IS NULL AND li.signed_off_date = '' AND li.status <> 'ongoing'"
                            " AND li.status <> 'done' AND li.deadline <> ''"
                            " AND li.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate due;

      if (!parse_date (ld_sql_column_text (stmt, 3), &due))
        continue;
      board_add (board, LD_DEADLINE_LEDGER, LD_BOARD_RECORD_LEDGER, sqlite3_column_int64 (stmt, 0),
                 ld_sql_column_text (stmt, 1), make_short_title (label, ld_sql_column_text (stmt, 2)), 0,
                 sqlite3_column_int64 (stmt, 4), ld_sql_column_text (stmt, 5), &due);
    }
  return !step_failed (board, rc, error);
}

/* Recommendations (纪检监察建议): the addressee's reply while issued or
 * delivered, and the planned return visit or look-back until closed. */
static gboolean
board_add_recommendations (Board   *board,
                           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  /* Translators: a discipline-inspection or supervision recommendation
   * (纪检监察建议) on the supervision board, followed by its title. */
  const char *label = C_("board", "Recommendation");
  int rc;

  if (board->cadre_id != 0)
    return TRUE;
  stmt = _ld_scope_prepare (board->vault,
                            "SELECT r.id, r.reg_no, r.title, r.status, r.reply_due, r.next_visit_date, r.unit_id,"
                            " u.name FROM recommendations r CROSS JOIN units u ON u.id = r.unit_id"
                            " WHERE r.retired_at IS NULL"
                            " AND ((r.status IN ('issued', 'delivered') AND r.reply_due <> '')"
                            "      OR (r.next_visit_date <> '' AND r.status NOT IN ('draft', 'closed')))"
                            " AND r.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *status = ld_sql_column_text (stmt, 3);
      GDate due;

      if ((g_str_equal (status, "issued") || g_str_equal (status, "delivered"))
          && parse_date (ld_sql_column_text (stmt, 4), &due))
        board_add (board, LD_DEADLINE_RECOMMENDATION_REPLY, LD_BOARD_RECORD_RECOMMENDATION, id,
                   ld_sql_column_text (stmt, 1), make_short_title (label, ld_sql_column_text (stmt, 2)), 0,
                   sqlite3_column_int64 (stmt, 6), ld_sql_column_text (stmt, 7), &due);
      if (!g_str_equal (status, "closed") && !g_str_equal (status, "draft")
          && parse_date (ld_sql_column_text (stmt, 5), &due))
        board_add (board, LD_DEADLINE_REVISIT, LD_BOARD_RECORD_RECOMMENDATION, id,
                   ld_sql_column_text (stmt, 1), make_short_title (label, ld_sql_column_text (stmt, 2)), 0,
                   sqlite3_column_int64 (stmt, 6), ld_sql_column_text (stmt, 7), &due);
    }
  return !step_failed (board, rc, error);
}

/* Integrity-opinion requests (党风廉政意见回复) whose reply is due, and the
 * replies whose validity window ended within the last month with no newer
 * reply or check of the cadre since (the board asks for a fresh check). */
static gboolean
board_add_opinions (Board   *board,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) requests = NULL;
  g_autoptr(sqlite3_stmt) renewals = NULL;
  g_autofree char *month_ago = NULL;
  /* Translators: a request for an integrity-opinion reply (党风廉政意见回复)
   * on the supervision board, followed by who asked. */
  const char *label = C_("board", "Integrity opinion");
  GDate from;
  int rc;

  if (board->cadre_id != 0)
    return TRUE;
  requests = _ld_scope_prepare (board->vault,
                                "SELECT r.id, r.reg_no, r.requester, r.due_date, r.unit_id, u.name"
                                " FROM opinion_requests r CROSS JOIN units u ON u.id = r.unit_id"
                                " WHERE r.status = 'open' AND r.due_date <> '' AND r.retired_at IS NULL"
                                " AND r.unit_id IN (SELECT id FROM visible_units)",
                                error);
  if (requests == NULL)
    return FALSE;
  while ((rc = sqlite3_step (requests)) == SQLITE_ROW)
    {
      GDate due;

      if (!parse_date (ld_sql_column_text (requests, 3), &due))
        continue;
      board_add (board, LD_DEADLINE_OPINION_REPLY, LD_BOARD_RECORD_OPINION, sqlite3_column_int64 (requests, 0),
                 ld_sql_column_text (requests, 1), make_short_title (label, ld_sql_column_text (requests, 2)), 0,
                 sqlite3_column_int64 (requests, 4), ld_sql_column_text (requests, 5), &due);
    }
  if (step_failed (board, rc, error))
    return FALSE;

  from = board->today;
  g_date_subtract_months (&from, 1);
  month_ago = date_to_text (&from);
  renewals = _ld_scope_prepare (board->vault,
                                "SELECT r.id, r.reg_no, oi.cadre_id, c.name, oi.valid_until, r.unit_id, u.name"
                                " FROM opinion_items oi CROSS JOIN opinion_requests r ON r.id = oi.request_id"
                                " CROSS JOIN units u ON u.id = r.unit_id CROSS JOIN cadres c ON c.id = oi.cadre_id"
                                " WHERE oi.valid_until <> '' AND oi.valid_until < ?2 AND oi.valid_until >= ?3"
                                " AND r.retired_at IS NULL AND c.retired_at IS NULL"
                                " AND r.unit_id IN (SELECT id FROM visible_units)"
                                " AND NOT EXISTS (SELECT 1 FROM opinion_items o2"
                                "   JOIN opinion_requests r2 ON r2.id = o2.request_id"
                                "   WHERE o2.cadre_id = oi.cadre_id AND o2.id <> oi.id AND r2.retired_at IS NULL"
                                "   AND (o2.valid_until > oi.valid_until"
                                "        OR (o2.valid_until = '' AND r2.request_date >= r.request_date)))",
                                error);
  if (renewals == NULL)
    return FALSE;
  sqlite3_bind_text (renewals, 2, board->today_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (renewals, 3, month_ago, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (renewals)) == SQLITE_ROW)
    {
      GDate due;

      if (!parse_date (ld_sql_column_text (renewals, 4), &due))
        continue;
      board_add (board, LD_DEADLINE_OPINION_RENEWAL, LD_BOARD_RECORD_OPINION, sqlite3_column_int64 (renewals, 0),
                 ld_sql_column_text (renewals, 1), make_short_title (label, ld_sql_column_text (renewals, 3)),
                 sqlite3_column_int64 (renewals, 2), sqlite3_column_int64 (renewals, 5),
                 ld_sql_column_text (renewals, 6), &due);
    }
  return !step_failed (board, rc, error);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  LdBoardItem *x = *(LdBoardItem **) a;
  LdBoardItem *y = *(LdBoardItem **) b;
  gboolean x_late = x->level == LD_ALERT_OVERDUE;
  gboolean y_late = y->level == LD_ALERT_OVERDUE;
  int cmp;

  if (x_late != y_late)
    return x_late ? -1 : 1;
  cmp = g_date_compare (&x->due, &y->due);
  if (cmp != 0)
    return cmp;
  cmp = strcmp (x->record_type, y->record_type);
  if (cmp != 0)
    return cmp;
  if (x->record_id != y->record_id)
    return x->record_id < y->record_id ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static GPtrArray *
board_build (LdVault      *vault,
             gint64        cadre_id,
             const GDate  *as_of,
             GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LdWorkdays) workdays = NULL;
  Board board = { 0 };
  g_autofree char *today_text = NULL;

  g_return_val_if_fail (as_of == NULL || g_date_valid (as_of), NULL);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  board.vault = vault;
  board.db = _ld_vault_get_db (vault);
  board.cadre_id = cadre_id;
  board.items = items;
  if (as_of != NULL)
    board.today = *as_of;
  else
    _ld_cadre_today (&board.today);
  today_text = date_to_text (&board.today);
  g_strlcpy (board.today_text, today_text, sizeof board.today_text);
  if (!ld_case_rules_repository_load (vault, &board.today, &board.rules, error))
    return NULL;
  workdays = ld_calendar_repository_load (vault, error);
  if (workdays == NULL)
    return NULL;
  board.workdays = workdays;

  {
    static const struct
    {
      const char *name;
      gboolean  (*add) (Board *, GError **);
    } sources[] = {
      { "petitions", board_add_petitions },
      { "clues", board_add_clues },
      { "written", board_add_written },
      { "required talks", board_add_required_talks },
      { "measures", board_add_measure_deadlines },
      { "ledger", board_add_ledger },
      { "recommendations", board_add_recommendations },
      { "opinions", board_add_opinions },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
      {
        gint64 start = g_get_monotonic_time ();
        guint before = items->len;

        if (!sources[i].add (&board, error))
          {
            g_clear_pointer (&board.late, g_array_unref);
            return NULL;
          }
        g_debug ("%s: %u items in %.3f s", sources[i].name, items->len - before,
                 (g_get_monotonic_time () - start) / 1e6);
      }
  }
  g_clear_pointer (&board.late, g_array_unref);
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

GPtrArray *
ld_board_list (LdVault      *vault,
               const GDate  *as_of,
               GError      **error)
{
  return board_build (vault, 0, as_of, error);
}

GPtrArray *
ld_board_list_for_unit (LdVault      *vault,
                        gint64        unit_id,
                        const GDate  *as_of,
                        GError      **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) units = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean visible = FALSE;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  if (!_ld_scope_unit_visible (vault, unit_id, &visible, error))
    return NULL;
  if (!visible)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no unit with record number %lld in your scope: “unit list” shows the units "
                     "you can see."),
                   (long long) unit_id);
      return NULL;
    }
  all = board_build (vault, 0, as_of, error);
  if (all == NULL)
    return NULL;
  units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = _ld_scope_prepare (vault,
                            ", below(id) AS (SELECT ?2"
                            "  UNION SELECT u.id FROM units u JOIN below ON u.parent_id = below.id)"
                            " SELECT id FROM below WHERE id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, unit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (units, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  if (rc != SQLITE_DONE)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (all, i);

      if (g_hash_table_contains (units, &item->unit_id))
        g_ptr_array_add (items, g_object_ref (item));
    }
  return g_steal_pointer (&items);
}

GPtrArray *
ld_board_list_for_cadre (LdVault      *vault,
                         gint64        cadre_id,
                         const GDate  *as_of,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return NULL;
  stmt = _ld_scope_prepare (vault,
                            "SELECT 1 FROM cadres c WHERE c.id = ?2 AND c.unit_id IN (SELECT id FROM visible_units)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, cadre_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_FOUND,
                   _("There is no cadre with record number %lld in your scope: “cadre list” shows the cadres "
                     "you can see."),
                   (long long) cadre_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      ld_sql_set_error (_ld_vault_get_db (vault), rc, error);
      return NULL;
    }
  return board_build (vault, cadre_id, as_of, error);
}

/* ---- Counts ----------------------------------------------------------------- */

static void
unit_count_free (gpointer data)
{
  LdBoardUnitCount *count = data;

  g_free (count->unit_name);
  g_free (count);
}

static int
compare_unit_counts (gconstpointer a,
                     gconstpointer b)
{
  const LdBoardUnitCount *x = *(LdBoardUnitCount **) a;
  const LdBoardUnitCount *y = *(LdBoardUnitCount **) b;

  if (x->counts[LD_ALERT_OVERDUE] != y->counts[LD_ALERT_OVERDUE])
    return x->counts[LD_ALERT_OVERDUE] > y->counts[LD_ALERT_OVERDUE] ? -1 : 1;
  if (x->counts[LD_ALERT_DUE_SOON] != y->counts[LD_ALERT_DUE_SOON])
    return x->counts[LD_ALERT_DUE_SOON] > y->counts[LD_ALERT_DUE_SOON] ? -1 : 1;
  return g_utf8_collate (x->unit_name, y->unit_name);
}

void
ld_board_summarise (GPtrArray      *items,
                    LdBoardSummary *summary)
{
  g_autoptr(GHashTable) by_unit = NULL;

  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->units = g_ptr_array_new_with_free_func (unit_count_free);
  if (items == NULL)
    return;
  by_unit = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < items->len; i++)
    {
      LdBoardItem *item = g_ptr_array_index (items, i);
      LdBoardUnitCount *count;

      g_return_if_fail (LD_IS_BOARD_ITEM (item));
      if ((guint) item->kind >= LD_N_DEADLINE_KINDS || (guint) item->level >= LD_BOARD_N_LEVELS)
        continue;
      summary->by_kind[item->kind][item->level]++;
      summary->by_level[item->level]++;
      summary->total++;
      count = g_hash_table_lookup (by_unit, &item->unit_id);
      if (count == NULL)
        {
          count = g_new0 (LdBoardUnitCount, 1);
          count->unit_id = item->unit_id;
          count->unit_name = g_strdup (item->unit_name);
          g_ptr_array_add (summary->units, count);
          g_hash_table_insert (by_unit, &count->unit_id, count);
        }
      count->counts[item->level]++;
      count->total++;
    }
  g_ptr_array_sort (summary->units, compare_unit_counts);
}

void
ld_board_summary_clear (LdBoardSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->units, g_ptr_array_unref);
  memset (summary, 0, sizeof *summary);
}

gboolean
ld_board_calendar_missing_year (LdVault   *vault,
                                int        year,
                                gboolean  *missing,
                                GError   **error)
{
  g_autoptr(LdWorkdays) workdays = NULL;

  g_return_val_if_fail (missing != NULL, FALSE);

  if (!ld_vault_check (vault, LD_ACTION_RECORD_READ, error))
    return FALSE;
  workdays = ld_calendar_repository_load (vault, error);
  if (workdays == NULL)
    return FALSE;
  *missing = !ld_workdays_has_year (workdays, year);
  return TRUE;
}
