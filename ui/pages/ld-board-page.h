/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"
#include "records/ld-board.h"

G_BEGIN_DECLS

#define LD_TYPE_BOARD_PAGE (ld_board_page_get_type ())
G_DECLARE_FINAL_TYPE (LdBoardPage, ld_board_page, LD, BOARD_PAGE, LdPage)

/* The supervision board (督办), the first page of the business roles: the
 * open deadlines in the session's scopes that are overdue (red), due
 * within the due-soon window (yellow) and due later this month, with the
 * counts per kind and per unit, on an "as of" date (today by default).
 * Each line opens its record through "win.show-record". When the calendar
 * has no day of the as-of year, an info bar asks to enter the year's
 * holidays (board.enter-holidays opens the calendar page on that year;
 * only for the accounts that may change the calendar).
 *
 * Actions: board.today (Alt+Home), board.previous-day (Alt+Page Up),
 * board.next-day (Alt+Page Down), board.show-unit (x: unit id, 0 = every
 * unit), board.enter-holidays. */
LdBoardPage *ld_board_page_new             (LdVault      *vault);

/* The as-of date as "YYYY-MM-DD"; setting reloads the board. FALSE when
 * the text is not a date. */
gboolean     ld_board_page_set_as_of       (LdBoardPage  *self,
                                            const char   *date);
const char  *ld_board_page_get_as_of       (LdBoardPage  *self);

/* For tests. "loading", "board", "empty" or "error". */
const char  *ld_board_page_get_state       (LdBoardPage  *self);
/* The lines listed at a level (after the unit filter). */
guint        ld_board_page_get_n_items     (LdBoardPage  *self,
                                            LdAlertLevel  level);
LdBoardItem *ld_board_page_get_item        (LdBoardPage  *self,
                                            LdAlertLevel  level,
                                            guint         position);
/* Activates the nth line of a level as a click would. */
gboolean     ld_board_page_activate_item   (LdBoardPage  *self,
                                            LdAlertLevel  level,
                                            guint         position);
/* The counts of the last load (NULL before the first). */
const LdBoardSummary *ld_board_page_get_summary (LdBoardPage *self);
/* Whether the "enter this year's holidays" bar is shown. */
gboolean     ld_board_page_get_calendar_prompt (LdBoardPage *self);

G_END_DECLS
