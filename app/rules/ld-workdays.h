/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The working-day calendar (pure): Saturdays and Sundays are rest days,
 * except the adjusted working days (调休上班); listed holidays are rest days
 * even on a weekday. The vault keeps the list (calendar_days); this type
 * does the arithmetic. */
typedef struct _LdWorkdays LdWorkdays;

typedef enum
{
  LD_DAY_HOLIDAY,   /* rest day on a weekday (法定节假日) */
  LD_DAY_WORKDAY,   /* working day on a weekend (调休上班) */
} LdDayKind;

LdWorkdays  *ld_workdays_new             (void);
LdWorkdays  *ld_workdays_ref             (LdWorkdays  *self);
void         ld_workdays_unref           (LdWorkdays  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdWorkdays, ld_workdays_unref)

/* Marks a day (a later call for the same day replaces the earlier). */
void         ld_workdays_set_day         (LdWorkdays  *self,
                                          const GDate *day,
                                          LdDayKind    kind);
gboolean     ld_workdays_is_working_day  (LdWorkdays  *self,
                                          const GDate *day);
/* The date n working days after start into out: counting begins with the
 * day after start (a letter received on Monday 2026-03-02 has its
 * 15-working-day limit on Monday 2026-03-23 when no holiday falls
 * between). n = 0 gives start itself. */
void         ld_workdays_add             (LdWorkdays  *self,
                                          const GDate *start,
                                          guint        n,
                                          GDate       *out);
/* Working days in (from, to]: 0 when to <= from. */
guint        ld_workdays_count_between   (LdWorkdays  *self,
                                          const GDate *from,
                                          const GDate *to);
/* Whether any day of year is listed (so the UI can prompt "enter this
 * year's holidays" when none is). */
gboolean     ld_workdays_has_year        (LdWorkdays  *self,
                                          int          year);

/* One row of a holiday CSV: "YYYY-MM-DD,holiday|workday|休|班,name". */
typedef struct
{
  GDate      day;
  LdDayKind  kind;
  char      *name;
} LdCalendarRow;

void         ld_calendar_row_free        (LdCalendarRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCalendarRow, ld_calendar_row_free)

/* Parses the text of a holiday CSV (UTF-8, optional BOM, optional header
 * line, comma or tab separated; kind words holiday/workday, 休/班,
 * 假/补班, 节假日/调休上班). All-or-nothing: the first bad line gives
 * LD_ERROR_INVALID naming the line number and what is wrong. Rows in file
 * order (LdCalendarRow). */
GPtrArray   *ld_calendar_parse_csv       (const char  *text,
                                          gsize        length,
                                          GError     **error);

G_END_DECLS
