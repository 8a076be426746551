/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "rules/ld-workdays.h"

G_BEGIN_DECLS

/* The working-day calendar kept in the vault (calendar_days): holidays on
 * weekdays and adjusted working days on weekends. Reading needs
 * LD_ACTION_RECORD_READ; changing needs LD_ACTION_RECORD_WRITE and is
 * audited ("calendar.changed", one entry per change or per import). */

#define LD_AUDIT_CALENDAR_CHANGED  "calendar.changed"
#define LD_AUDIT_CALENDAR_IMPORTED "calendar.imported"

/* The calendar as an LdWorkdays (weekends plus the stored days). Cached
 * per vault until the calendar changes. No permission check: every
 * deadline computation of a signed-in business account uses it. */
LdWorkdays  *ld_calendar_repository_load     (LdVault     *vault,
                                              GError     **error);
/* Stored days of a year (0 = all), by date (LdCalendarRow). */
GPtrArray   *ld_calendar_repository_list     (LdVault     *vault,
                                              int          year,
                                              GError     **error);
/* Adds or replaces one day ("YYYY-MM-DD"). */
gboolean     ld_calendar_repository_set      (LdVault     *vault,
                                              const char  *day,
                                              LdDayKind    kind,
                                              const char  *name,
                                              GError     **error);
gboolean     ld_calendar_repository_remove   (LdVault     *vault,
                                              const char  *day,
                                              GError     **error);
/* Imports the rows of a holiday CSV (ld_calendar_parse_csv) in one
 * transaction: all or nothing; returns the number of days stored. */
gboolean     ld_calendar_repository_import   (LdVault     *vault,
                                              const char  *text,
                                              gsize        length,
                                              guint       *n_days,
                                              GError     **error);

G_END_DECLS
