/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). */
int          ld_migrations_latest   (void);
/* Brings the database from its user_version to the latest, one step per
 * transaction. Refuses a database newer than this build. */
gboolean     ld_migrations_run      (sqlite3     *db,
                                     GError     **error);

G_END_DECLS
