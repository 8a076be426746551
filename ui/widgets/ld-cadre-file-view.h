/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "records/ld-cadre.h"
#include "records/ld-file-entry.h"
#include "vault/ld-vault.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE_FILE_VIEW (ld_cadre_file_view_get_type ())
G_DECLARE_FINAL_TYPE (LdCadreFileView, ld_cadre_file_view, LD, CADRE_FILE_VIEW, AdwBin)

/* One cadre's integrity file (一人一档): a header (photo, name, unit,
 * post, category badges with their explanations, manual tags), the open
 * deadlines concerning the cadre (red / yellow, each opening its record),
 * every section A … Z as a navigable group (F lists the petitions and
 * clues concerning the cadre, G the talks; sections of later issues shown
 * with their place), add/edit dialogs with inline validation, attachments,
 * and the History. Loading it opens the file (an audited view).
 *
 * Signals:
 *  - "close-requested" (): the user pressed Back (or Escape / Alt+Left);
 *  - "changed" (gint64 cadre_id): the file was changed (the list refreshes
 *    that row);
 *  - "add-toast" (AdwToast *toast): show a toast in the window. */
LdCadreFileView *ld_cadre_file_view_new      (LdVault         *vault);
/* Loads the file of cadre_id on the vault's worker; shows an error state
 * when it is not found or not in scope. */
void             ld_cadre_file_view_load     (LdCadreFileView *self,
                                              gint64           cadre_id);
gint64           ld_cadre_file_view_get_cadre_id (LdCadreFileView *self);

/* Actions (for the window's menus and shortcuts): "file.back",
 * "file.reload", "file.edit", "file.show-history", "file.show-section" (s:
 * section code), "file.add-entry" (s), "file.edit-entry" (x: entry id),
 * "file.retire-entry" (x), "file.attach" (x: entry id, 0 = the file),
 * "file.open-attachment" (x), "file.save-attachment" (x),
 * "file.retire-attachment" (x), "file.add-tag" (s), "file.remove-tag" (s),
 * "file.set-photo", "file.remove-photo". */

/* The cadre as last loaded, or NULL (while loading or after an error). */
LdCadre         *ld_cadre_file_view_get_cadre    (LdCadreFileView *self);
/* Whether a load is running. */
gboolean         ld_cadre_file_view_get_busy     (LdCadreFileView *self);
/* For tests: the name shown in the header, whether a badge of a computed
 * category code ("young") or a manual tag is shown, the number of active
 * entries of a section listed, and the number of History entries. */
const char      *ld_cadre_file_view_get_shown_name (LdCadreFileView *self);
gboolean         ld_cadre_file_view_has_badge    (LdCadreFileView *self,
                                                  const char      *code_or_tag);
guint            ld_cadre_file_view_get_n_entries (LdCadreFileView *self,
                                                   const char      *section);
guint            ld_cadre_file_view_get_n_versions (LdCadreFileView *self);
/* The number of records of a kind listed in sections F and G: "petition"
 * and "clue" (F: those concerning the cadre, shown without any reporter
 * information), "talk" (G: the talks the cadre took part in), "measure"
 * (H: the measures taken on the cadre) and "opinion" (M: the integrity
 * opinions given on the cadre). Each row opens its record with
 * "win.show-record" (sx). */
guint            ld_cadre_file_view_get_n_records (LdCadreFileView *self,
                                                   const char      *record_type);
/* The index-th active entry of a section as listed (newest first), or NULL. */
LdFileEntry     *ld_cadre_file_view_get_entry    (LdCadreFileView *self,
                                                  const char      *section,
                                                  guint            index);
/* The number of active attachments listed on an entry (0 = the file). */
guint            ld_cadre_file_view_get_n_attachments (LdCadreFileView *self,
                                                       gint64           entry_id);
/* The open deadlines concerning the cadre shown at the top of the file
 * (LdBoardItem: required talks, written explanations, clue limits; never
 * the deadlines of petitions reporting the cadre), and activating one as a
 * click would ("win.show-record"). */
guint            ld_cadre_file_view_get_n_alerts (LdCadreFileView *self);
GListModel      *ld_cadre_file_view_get_alerts   (LdCadreFileView *self);
gboolean         ld_cadre_file_view_activate_alert (LdCadreFileView *self,
                                                    guint            position);

G_END_DECLS
