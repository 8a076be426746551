/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "records/ld-cadre.h"
#include "rules/ld-categories.h"

G_BEGIN_DECLS

typedef enum
{
  LD_CADRE_FIELD_TEXT,
  LD_CADRE_FIELD_INT,
  LD_CADRE_FIELD_BOOL,
  LD_CADRE_FIELD_ID,
} LdCadreFieldType;

/* One stored field of section A: its column (also its name in version
 * texts), its type and where it lives in LdCadreFields. */
typedef struct
{
  const char       *column;
  const char       *property;
  const char       *label;
  LdCadreFieldType  type;
  gsize             offset;
} LdCadreFieldInfo;

const LdCadreFieldInfo *_ld_cadre_field_table (guint *n_fields);
/* The field's value as text ("" for empty; integers in decimal). */
char        *_ld_cadre_field_to_text   (const LdCadreFields    *fields,
                                        const LdCadreFieldInfo *info);

/* Sets the "categories" property (comma-separated codes). */
void         _ld_cadre_set_categories  (LdCadre                *self,
                                        const char             *categories);
/* Sets the "tags" property (comma-separated manual tags). */
void         _ld_cadre_set_tags        (LdCadre                *self,
                                        const char             *tags);

/* ---- Categories and seniority (ld-cadre-extras.c) -----------------------
 * Registers on db, once per connection (repeating is cheap and harmless):
 *   ld_categories(birth_date, post_level, rank, principal, promoted_at,
 *                 post_tags, rules, reference)  LdCategory flags; rules is
 *                 the text of _ld_cadre_rules_to_text(), reference
 *                 "YYYY-MM-DD" (bind both: their parsed forms are kept)
 *   ld_post_level(post_level, rank)             "xiangke" … or NULL
 *   ld_rank_order(post_level, rank)             _ld_cadre_rank_order() */
gboolean     _ld_cadre_sql_register    (sqlite3                *db,
                                        GError                **error);
LdCategory   _ld_cadre_compute_categories (const LdCategoryRules *rules,
                                           const LdCadreFields   *fields,
                                           const GDate           *reference,
                                           GPtrArray             *explanations);
/* Higher for more senior cadres (post level, principal, leading post
 * before rank); 0 when the level is unknown. */
int          _ld_cadre_rank_order      (const char             *post_level,
                                        const char             *rank);
/* Today's local date. */
void         _ld_cadre_today           (GDate                  *date);
/* The rules in force today, kept on the vault until the rules table or
 * the date changes; *text (may be NULL) gets their text form. No
 * permission check. Owned by the vault. */
const LdCategoryRules *_ld_cadre_get_rules (LdVault            *vault,
                                            const char        **text,
                                            GError            **error);
/* Drops the cached rules (after a change of the rules table). */
void         _ld_cadre_rules_changed   (LdVault                *vault);
/* The rules in force at reference (NULL = every row, the latest valid
 * wins) from the category_rules table, over the defaults. No permission
 * check. */
gboolean     _ld_cadre_rules_load      (LdVault                *vault,
                                        const GDate            *reference,
                                        LdCategoryRules        *rules,
                                        GError                **error);
/* "key=value" lines of every rule. */
char        *_ld_cadre_rules_to_text   (const LdCategoryRules  *rules);

/* ---- For other repositories (file sections, the importer) ---------------
 * These run inside a transaction the caller opened with _ld_vault_begin()
 * and commits or rolls back; they do not check permissions (the caller
 * did). Each validates like the public functions (ID number, unit in
 * scope, unique ID number among active files). */

/* Adds one entry to a cadre's history (cadre_versions): EVENT is an audit
 * event name ("cadre.updated", "entry.created" …), BEFORE and AFTER are
 * "field=value" lines (values escaped: "\n" and "\\"). *out_seq gets the
 * entry's number in the file's history (may be NULL). */
gboolean     _ld_cadre_add_version     (LdVault                *vault,
                                        gint64                  cadre_id,
                                        const char             *event,
                                        const char             *before,
                                        const char             *after,
                                        gint64                 *out_seq,
                                        GError                **error);
/* Inserts a cadre with a version entry of EVENT; appends a per-cadre
 * audit entry of EVENT only when AUDIT (an import audits once for the
 * whole file). */
gboolean     _ld_cadre_insert_in_tx    (LdVault                *vault,
                                        const LdCadreFields    *fields,
                                        const char             *event,
                                        gboolean                audit,
                                        gint64                 *out_id,
                                        GError                **error);
/* Replaces section A of an active cadre; writes nothing and sets
 * *out_changed (may be NULL) to FALSE when nothing changed. */
gboolean     _ld_cadre_update_in_tx    (LdVault                *vault,
                                        gint64                  id,
                                        const LdCadreFields    *fields,
                                        const char             *event,
                                        gboolean                audit,
                                        gboolean               *out_changed,
                                        GError                **error);

G_END_DECLS
