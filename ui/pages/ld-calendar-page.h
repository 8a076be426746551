/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pages/ld-page.h"
#include "rules/ld-workdays.h"

G_BEGIN_DECLS

#define LD_TYPE_CALENDAR_PAGE (ld_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (LdCalendarPage, ld_calendar_page, LD, CALENDAR_PAGE, LdPage)

/* The working calendar (工作日历) the deadlines count with: weekends are
 * rest days by default; the page lists the stored holidays on weekdays
 * and the adjusted working days (调休上班) on weekends of one year, adds
 * one, removes one (confirmed) and imports a holiday CSV on the vault
 * worker (all or nothing: the refusal names the line). Changing needs
 * the investigator or leader role; a viewer reads only.
 *
 * Actions: calendar.add (Ctrl+Enter in the form), calendar.remove (s:
 * "YYYY-MM-DD", asks first), calendar.import (Ctrl+O),
 * calendar.previous-year (Alt+Page Up), calendar.next-year
 * (Alt+Page Down). */
LdCalendarPage *ld_calendar_page_new            (LdVault        *vault);

void            ld_calendar_page_set_year       (LdCalendarPage *self,
                                                 int             year);
int             ld_calendar_page_get_year       (LdCalendarPage *self);
/* Imports a holiday CSV file (what the file chooser calls). */
void            ld_calendar_page_import_file    (LdCalendarPage *self,
                                                 GFile          *file);

/* For tests. */
gboolean        ld_calendar_page_get_can_write  (LdCalendarPage *self);
guint           ld_calendar_page_get_n_days     (LdCalendarPage *self);
/* The nth listed day as "YYYY-MM-DD", its kind and name. */
const char     *ld_calendar_page_get_day        (LdCalendarPage *self,
                                                 guint           position,
                                                 LdDayKind      *kind,
                                                 const char    **name);
/* Types into the add form (NULL leaves a field alone). */
void            ld_calendar_page_fill           (LdCalendarPage *self,
                                                 const char     *day,
                                                 LdDayKind       kind,
                                                 const char     *name);
/* The message shown under the form (a refused day or import), or NULL. */
const char     *ld_calendar_page_get_error_message (LdCalendarPage *self);

G_END_DECLS
