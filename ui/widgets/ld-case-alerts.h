/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-board.h"

G_BEGIN_DECLS

#define LD_TYPE_CASE_ALERTS (ld_case_alerts_get_type ())
G_DECLARE_FINAL_TYPE (LdCaseAlerts, ld_case_alerts, LD, CASE_ALERTS, AdwBin)

/* A boxed list of open deadlines (LdBoardItem): a red, yellow or calm
 * icon by level, the record's title, the kind, number and unit, and the
 * due date with the working days left or overdue. Activating a line
 * emits "item-activated" and then activates "win.show-record" with
 * (record-type, record-id), so the window opens the record.
 *
 * Property "show-unit" (boolean, default TRUE): whether the unit is named
 * on each line (the cadre's file leaves it out). */
LdCaseAlerts *ld_case_alerts_new           (void);
/* Binds the list to a model of LdBoardItem (NULL empties it). */
void          ld_case_alerts_set_model     (LdCaseAlerts *self,
                                            GListModel   *model);
GListModel   *ld_case_alerts_get_model     (LdCaseAlerts *self);
void          ld_case_alerts_set_show_unit (LdCaseAlerts *self,
                                            gboolean      show_unit);
/* Activates the nth line as a click or Enter would; FALSE when there is
 * none. */
gboolean      ld_case_alerts_activate      (LdCaseAlerts *self,
                                            guint         position);

/* Small text helpers shared with the board: "Overdue by 3 working days",
 * "Due today", "2 working days left". */
char         *ld_case_alerts_format_days   (LdBoardItem  *item);
/* "error", "warning" or "dim-label" for a level. */
const char   *ld_case_alerts_level_class   (LdAlertLevel  level);

G_END_DECLS
