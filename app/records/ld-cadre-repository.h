/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ld-types.h"
#include "records/ld-cadre.h"

G_BEGIN_DECLS

/* Cadres and section A of their files. Every function works only inside
 * the session's unit scopes (a cadre outside them is "not found"). Reading
 * needs LD_ACTION_RECORD_READ, changing LD_ACTION_RECORD_WRITE. Every
 * change adds a version (who, when, the changed fields before and after)
 * and an audit entry in the same transaction; every opening of a file is
 * an audited view. Cadres are never deleted: they are retired with a
 * reason. */

#define LD_AUDIT_CADRE_CREATED "cadre.created"
#define LD_AUDIT_CADRE_UPDATED "cadre.updated"
#define LD_AUDIT_CADRE_RETIRED "cadre.retired"
#define LD_AUDIT_CADRE_VIEWED  "cadre.viewed"
#define LD_AUDIT_CADRE_KEYS_REBUILT "cadre.keys-rebuilt"

#define LD_AUDIT_CADRE_TAGGED   "cadre.tagged"
#define LD_AUDIT_CADRE_UNTAGGED "cadre.untagged"
#define LD_AUDIT_CADRE_PHOTO    "cadre.photo"
#define LD_AUDIT_CADRE_IMPORTED "cadre.imported"

typedef enum
{
  LD_CADRE_ORDER_STROKE,     /* surname stroke order (姓氏笔画) */
  LD_CADRE_ORDER_PINYIN,
  LD_CADRE_ORDER_ID,         /* record number */
  LD_CADRE_ORDER_UNIT,       /* unit tree order, then stroke order */
  LD_CADRE_ORDER_AGE,        /* youngest first (birth date descending), then stroke order */
  LD_CADRE_ORDER_RANK,       /* highest post level / rank first, then stroke order */
  LD_CADRE_ORDER_POST_SINCE, /* longest in the current post first, then stroke order */
} LdCadreOrder;

typedef struct
{
  gint64        unit_id;          /* 0 = every visible unit; else this unit and the units below it */
  const char   *search;           /* substring of name, pinyin, initials, ID number or post; NULL = all */
  gboolean      include_retired;
  LdCadreOrder  order;
  gboolean      descending;       /* reverse the order */
  guint         limit;            /* 0 = no limit */
  guint         offset;
  guint         categories;       /* LdCategory flags: cadres in ANY of them; 0 = no filter.
                                   * Computed with the vault's rules at today's date. */
  const char   *authority;        /* management authority code, NULL = all */
  const char   *post_level;       /* post level code ("xiangke" …; ld_post_level_from_code()), NULL = all */
  const char   *status;           /* employment status code, NULL = all */
  const char   *tag;              /* manual tag, NULL = all */
} LdCadreFilter;

/* Validates and stores a new cadre. The ID number is checked (GB 11643)
 * and normalised; sex and birth date are derived from it and, when given,
 * must agree with it. */
gboolean     ld_cadre_repository_create   (LdVault             *vault,
                                           const LdCadreFields *fields,
                                           gint64              *out_id,
                                           GError             **error);
/* Replaces section A with fields; unchanged fields are left alone, and
 * nothing is written when nothing changed. */
gboolean     ld_cadre_repository_update   (LdVault             *vault,
                                           gint64               id,
                                           const LdCadreFields *fields,
                                           GError             **error);
/* Changes some fields of section A, named as in ld_cadre_field_names(),
 * from text (as the command line and the importer have them); the others
 * keep their values. A new ID number re-derives sex and birth date unless
 * they are given too. LD_ERROR_INVALID for an unknown field or a value
 * that does not parse. */
gboolean     ld_cadre_repository_set_fields (LdVault           *vault,
                                             gint64             id,
                                             const char * const *names,
                                             const char * const *values,
                                             GError           **error);
gboolean     ld_cadre_repository_retire   (LdVault             *vault,
                                           gint64               id,
                                           const char          *reason,
                                           GError             **error);
/* Opens a file: records a "cadre.viewed" audit entry. */
LdCadre     *ld_cadre_repository_get      (LdVault             *vault,
                                           gint64               id,
                                           GError             **error);
/* LdCadre objects (no view is audited: a list is not a file). */
GPtrArray   *ld_cadre_repository_list     (LdVault             *vault,
                                           const LdCadreFilter *filter,
                                           GError             **error);
gboolean     ld_cadre_repository_count    (LdVault             *vault,
                                           const LdCadreFilter *filter,
                                           gint64              *count,
                                           GError             **error);

/* For a lazy list of 100,000 rows: the record numbers of every cadre
 * matching filter, in its order (limit and offset apply), as gint64. */
GArray      *ld_cadre_repository_list_ids (LdVault             *vault,
                                           const LdCadreFilter *filter,
                                           GError             **error);
/* The cadres with these record numbers, in the same order (ids not found
 * or out of scope are left out). No view is audited. */
GPtrArray   *ld_cadre_repository_get_many (LdVault             *vault,
                                           const gint64        *ids,
                                           guint                n_ids,
                                           GError             **error);

/* The translated explanations of a cadre's computed categories with the
 * vault's rules at today's date, one line each ("Young cadre: born
 * 1992-03-01, age 34 ≤ 35 (township or section level threshold)"). */
GPtrArray   *ld_cadre_repository_explain_categories (LdVault   *vault,
                                                     gint64     id,
                                                     GError   **error);

/* Manual tags (free text, ≤ 20 characters, e.g. "重点关注"), audited and
 * versioned. A computed category code or its label cannot be added by
 * hand. The "tags" property of LdCadre holds them comma-separated. */
gboolean     ld_cadre_repository_add_tag    (LdVault     *vault,
                                             gint64       id,
                                             const char  *tag,
                                             const char  *note,
                                             GError     **error);
gboolean     ld_cadre_repository_remove_tag (LdVault     *vault,
                                             gint64       id,
                                             const char  *tag,
                                             GError     **error);
/* Every manual tag in use in scope, sorted (for the filter menu). */
GStrv        ld_cadre_repository_list_tags  (LdVault     *vault,
                                             GError     **error);

/* The photo: JPEG or PNG (checked by its bytes), at most 2 MB; NULL
 * removes it. Versioned ("photo" changed) and audited. */
gboolean     ld_cadre_repository_set_photo  (LdVault     *vault,
                                             gint64       id,
                                             GBytes      *photo,
                                             GError     **error);
/* NULL without an error when the cadre has no photo. */
GBytes      *ld_cadre_repository_get_photo  (LdVault     *vault,
                                             gint64       id,
                                             GError     **error);

/* Sort keys and search texts depend on the ICU and surname tables they
 * were made with. When those changed since they were stored (an ICU
 * upgrade), rebuilds them for every cadre, in one audited transaction
 * that changes no file content; otherwise does nothing. Call after
 * unlocking, on the vault's worker. Needs LD_ACTION_RECORD_READ. *rebuilt
 * (may be NULL) says whether anything was rebuilt. */
gboolean     ld_cadre_repository_refresh_keys (LdVault         *vault,
                                               gboolean        *rebuilt,
                                               GError         **error);

/* One entry of a file's history. before and after hold "field=value"
 * lines of the fields that changed (values escaped: "\n" and "\\"). */
typedef struct
{
  gint64  seq;
  char   *account;
  gint64  time;       /* unix seconds */
  char   *event;      /* an LD_AUDIT_CADRE_* or "unit.merged" */
  char   *before;
  char   *after;
} LdCadreVersion;

void         ld_cadre_version_free        (LdCadreVersion      *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCadreVersion, ld_cadre_version_free)

/* The history, oldest first (LdCadreVersion, freed by the array). */
GPtrArray   *ld_cadre_repository_versions (LdVault             *vault,
                                           gint64               id,
                                           GError             **error);

G_END_DECLS
