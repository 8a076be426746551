/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The detail pane of the talks, petitions and clues pages: per group a
 * heading and a card of key/value lines, denser than a list of rows. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names a history event (an audit event name) for the History group. */
typedef const char *(*LdRecordDetailEventLabel) (const char *event);

void       ld_record_detail_remove_children       (GtkWidget  *box);
GtkWidget *ld_record_detail_new_group             (GtkBox     *detail_box,
                                                   const char *title);
GtkWidget *ld_record_detail_add_field             (GtkWidget  *grid,
                                                   const char *title,
                                                   const char *value);
void       ld_record_detail_field_add_suffix      (GtkWidget  *grid,
                                                   GtkWidget  *widget,
                                                   int         spacing);
void       ld_record_detail_group_set_suffix      (GtkWidget  *grid,
                                                   GtkWidget  *widget);
void       ld_record_detail_group_set_description (GtkWidget  *grid,
                                                   const char *text);
GtkWidget *ld_record_detail_icon_button           (const char *icon,
                                                   const char *tooltip,
                                                   const char *action,
                                                   GVariant   *target);
char      *ld_record_detail_changed_keys          (const char *before,
                                                   const char *after);
void       ld_record_detail_add_history           (GtkWidget                *grid,
                                                   GPtrArray                *versions,
                                                   LdRecordDetailEventLabel  event_label,
                                                   gboolean                  selectable);

G_END_DECLS
