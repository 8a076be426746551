/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ld-types.h"
#include "rules/ld-case-rules.h"

G_BEGIN_DECLS

/* The supervision board (督办): every open deadline of the records in the
 * session's scopes that is overdue (red), due within case.due-soon-days
 * working days (yellow) or due later this month — acceptance notices,
 * routing, feedback, clue disposal decisions and limits, written
 * explanations, required talks (and, with the measures issue, effect
 * periods and ledgers). Reading needs LD_ACTION_RECORD_READ. Items never
 * carry a reporter's identity: a petition's title names the reported
 * persons. */

#define LD_TYPE_BOARD_ITEM (ld_board_item_get_type ())
G_DECLARE_FINAL_TYPE (LdBoardItem, ld_board_item, LD, BOARD_ITEM, GObject)

/* Record types an item opens (its "record-type"). */
#define LD_BOARD_RECORD_PETITION "petition"
#define LD_BOARD_RECORD_CLUE     "clue"
#define LD_BOARD_RECORD_TALK     "talk"
#define LD_BOARD_RECORD_CADRE    "cadre"
/* issue 5 */
#define LD_BOARD_RECORD_MEASURE        "measure"
#define LD_BOARD_RECORD_LEDGER         "ledger"
#define LD_BOARD_RECORD_RECOMMENDATION "recommendation"
#define LD_BOARD_RECORD_OPINION        "opinion"

/* Read-only properties (all set at construction):
 *   level        int     LdAlertLevel (never LD_ALERT_NONE on the board)
 *   kind         int     LdDeadlineKind
 *   kind-label   string  translated label of the kind
 *   level-label  string  translated label of the level
 *   record-type  string  "petition", "clue", "talk", "cadre"
 *   record-id    int64   the id of that record
 *   reg-no       string  registration number ("" for a cadre)
 *   title        string  e.g. "检举控告 · 反映 张三" (never the reporter)
 *   cadre-id     int64   the cadre concerned, 0 if none or not on file
 *   unit-id      int64
 *   unit-name    string
 *   due-date     string  "YYYY-MM-DD"
 *   days-left    int     working days until due (negative when overdue,
 *                        0 when due today) */
LdAlertLevel    ld_board_item_get_level        (LdBoardItem *self);
LdDeadlineKind  ld_board_item_get_kind         (LdBoardItem *self);
const char     *ld_board_item_get_kind_label   (LdBoardItem *self);
const char     *ld_board_item_get_level_label  (LdBoardItem *self);
const char     *ld_board_item_get_record_type  (LdBoardItem *self);
gint64          ld_board_item_get_record_id    (LdBoardItem *self);
const char     *ld_board_item_get_reg_no       (LdBoardItem *self);
const char     *ld_board_item_get_title        (LdBoardItem *self);
gint64          ld_board_item_get_cadre_id     (LdBoardItem *self);
gint64          ld_board_item_get_unit_id      (LdBoardItem *self);
const char     *ld_board_item_get_unit_name    (LdBoardItem *self);
const char     *ld_board_item_get_due_date     (LdBoardItem *self);
/* The due date as a GDate into due. */
void            ld_board_item_get_due          (LdBoardItem *self,
                                                GDate       *due);
int             ld_board_item_get_days_left    (LdBoardItem *self);

/* The board on as_of (NULL = today): LdBoardItem, overdue first, then by
 * due date (then record type and number); items of LD_ALERT_NONE are left
 * out. */
GPtrArray      *ld_board_list                  (LdVault     *vault,
                                                const GDate *as_of,
                                                GError     **error);
/* The items of one unit and the units below it; LD_ERROR_NOT_FOUND when
 * the unit is not in the session's scopes. */
GPtrArray      *ld_board_list_for_unit         (LdVault     *vault,
                                                gint64       unit_id,
                                                const GDate *as_of,
                                                GError     **error);
/* The items concerning one cadre (for its file): its required talks, the
 * written explanations of talks it was in and the clues about it. Not the
 * deadlines of petitions reporting it (notices and feedback concern the
 * reporter: the file never hints at who reported, or whether by name).
 * LD_ERROR_NOT_FOUND when the cadre is not in the session's scopes. */
GPtrArray      *ld_board_list_for_cadre        (LdVault     *vault,
                                                gint64       cadre_id,
                                                const GDate *as_of,
                                                GError     **error);

/* Counts of a list, per kind × level and per unit × level. */
#define LD_BOARD_N_LEVELS (LD_ALERT_OVERDUE + 1)

typedef struct
{
  gint64  unit_id;
  char   *unit_name;
  guint   counts[LD_BOARD_N_LEVELS];   /* by LdAlertLevel */
  guint   total;
} LdBoardUnitCount;

typedef struct
{
  guint      by_kind[LD_N_DEADLINE_KINDS][LD_BOARD_N_LEVELS];
  guint      by_level[LD_BOARD_N_LEVELS];
  guint      total;
  /* LdBoardUnitCount, most overdue first, then most due soon, then by
   * unit name. */
  GPtrArray *units;
} LdBoardSummary;

void            ld_board_summarise             (GPtrArray       *items,
                                                LdBoardSummary  *summary);
/* Frees what ld_board_summarise() allocated (the struct itself stays). */
void            ld_board_summary_clear         (LdBoardSummary  *summary);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdBoardSummary, ld_board_summary_clear)

/* *missing = TRUE when no day of year is stored in the calendar (only
 * weekends known): the UI and the CLI then prompt to enter the year's
 * holidays. */
gboolean        ld_board_calendar_missing_year (LdVault     *vault,
                                                int          year,
                                                gboolean    *missing,
                                                GError     **error);

G_END_DECLS
