/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-measure.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

typedef enum
{
  LD_MEASURE_EVENT_DIALOG_LIFT,     /* 解除: date and note */
  LD_MEASURE_EVENT_DIALOG_EXTEND,   /* 留党察看 extended: months, date, note */
  LD_MEASURE_EVENT_DIALOG_APPEAL,   /* 申诉: upheld / changed (new code and dates) / revoked */
} LdMeasureEventDialogKind;

#define LD_TYPE_MEASURE_EVENT_DIALOG (ld_measure_event_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdMeasureEventDialog, ld_measure_event_dialog, LD, MEASURE_EVENT_DIALOG, AdwWindow)

/* Records an event of an in-force measure (ld_measure_repository_add_event())
 * on the vault worker: "event.save" (Ctrl+S); a refusal shows inline.
 *
 * Signal "saved" (gint64 measure id): the measure to show afterwards (the
 * new decision when an appeal changed it). */
LdMeasureEventDialog *ld_measure_event_dialog_new   (LdVault                  *vault,
                                                     LdMeasure                *measure,
                                                     LdMeasureEventDialogKind  kind);

/* For tests. NULL leaves a field alone. */
void        ld_measure_event_dialog_fill              (LdMeasureEventDialog *self,
                                                       const char           *date,
                                                       const char           *note);
void        ld_measure_event_dialog_set_months        (LdMeasureEventDialog *self,
                                                       int                   months);
/* "appeal-upheld", "appeal-changed" or "appeal-revoked". */
void        ld_measure_event_dialog_set_outcome       (LdMeasureEventDialog *self,
                                                       const char           *kind);
void        ld_measure_event_dialog_set_new_decision  (LdMeasureEventDialog *self,
                                                       const char           *code,
                                                       const char           *decision_date,
                                                       const char           *effective_date);
gboolean    ld_measure_event_dialog_get_can_save      (LdMeasureEventDialog *self);
gboolean    ld_measure_event_dialog_get_busy          (LdMeasureEventDialog *self);
const char *ld_measure_event_dialog_get_error_message (LdMeasureEventDialog *self);

G_END_DECLS
