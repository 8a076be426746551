/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ld-types.h"

G_BEGIN_DECLS

#define LD_TYPE_CADRE (ld_cadre_get_type ())
G_DECLARE_FINAL_TYPE (LdCadre, ld_cadre, LD, CADRE, GObject)

/* Section A (basic information) of a cadre's integrity file, as plain
 * fields. Text fields are never NULL once read from the vault ("" =
 * unknown). Dates are "YYYY-MM-DD" or "YYYY-MM". Codes are stored, labels
 * come from the code tables: political_status (GB/T 4762 "01".."13"),
 * ethnicity (GB/T 3304 "01".."56"), education (GB/T 4658), post_level
 * ("L01".."L10"), rank ("J01".."J12" or a legacy title), authority
 * ("central", "province", "city", "county", "unit"), status ("serving",
 * "left" (离任未退休), "retired", "transferred"), post_tags (comma-separated
 * codes), classification (密级: "", "internal", "secret", "confidential"). */
typedef struct
{
  gint64    unit_id;
  char     *name;
  char     *former_names;
  char     *id_number;
  char     *sex;              /* "M", "F" or "": derived from the ID number */
  char     *birth_date;       /* derived from the ID number */
  char     *ethnicity;
  char     *native_place;
  char     *political_status;
  char     *party_joined;
  char     *party_full;
  char     *edu_fulltime;
  char     *degree_fulltime;
  char     *school_fulltime;
  char     *edu_inservice;
  char     *degree_inservice;
  char     *school_inservice;
  char     *post;
  char     *post_level;
  char     *rank;
  int       grade;            /* 级别 1..27, 0 = none */
  char     *post_since;
  char     *rank_since;
  char     *promoted_at;
  char     *authority;
  char     *status;
  char     *post_tags;
  gboolean  principal;        /* 一把手 post */
  char     *classification;
} LdCadreFields;

void         ld_cadre_fields_clear         (LdCadreFields       *fields);
void         ld_cadre_fields_copy          (const LdCadreFields *src,
                                            LdCadreFields       *dest);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdCadreFields, ld_cadre_fields_clear)

/* Sets one field by its column name ("post", "grade", "principal", "unit"
 * …) from text, as the command line and the importer get it. FALSE if
 * there is no such field or an integer does not parse. */
gboolean     ld_cadre_fields_set           (LdCadreFields       *fields,
                                            const char          *field,
                                            const char          *value);
/* The stored field names, in file order, NULL-terminated. */
const char * const *ld_cadre_field_names   (void);
/* Translated label of a field name ("Name", "ID number", …). */
const char  *ld_cadre_field_get_label      (const char          *field);

/* A cadre record as read from the vault. Read-only properties: "id"
 * (int64), one per field of LdCadreFields named with dashes ("unit-id",
 * "name", "former-names", "id-number", "sex", "birth-date", …, "grade"
 * (int), "principal" (bool)), "unit-name", "sex-label" (translated),
 * "categories" (comma-separated category codes such as "top-leader,young",
 * computed with the vault's category rules at today's date), "tags" (the
 * manual tags, comma-separated, sorted), "retired-at" (int64 unix s, 0 =
 * active), "retired-reason", "created-at", "updated-at". */
LdCadre     *ld_cadre_new                  (gint64               id,
                                            const LdCadreFields *fields,
                                            const char          *unit_name,
                                            gint64               retired_at,
                                            const char          *retired_reason,
                                            gint64               created_at,
                                            gint64               updated_at);
gint64       ld_cadre_get_id               (LdCadre             *self);
const LdCadreFields *ld_cadre_get_fields   (LdCadre             *self);
gint64       ld_cadre_get_unit_id          (LdCadre             *self);
const char  *ld_cadre_get_unit_name        (LdCadre             *self);
const char  *ld_cadre_get_name             (LdCadre             *self);
const char  *ld_cadre_get_id_number        (LdCadre             *self);
const char  *ld_cadre_get_sex              (LdCadre             *self);
const char  *ld_cadre_get_birth_date       (LdCadre             *self);
const char  *ld_cadre_get_post             (LdCadre             *self);
const char  *ld_cadre_get_categories       (LdCadre             *self);
const char  *ld_cadre_get_tags             (LdCadre             *self);
gint64       ld_cadre_get_retired_at       (LdCadre             *self);
const char  *ld_cadre_get_retired_reason   (LdCadre             *self);
gint64       ld_cadre_get_created_at       (LdCadre             *self);
gint64       ld_cadre_get_updated_at       (LdCadre             *self);
/* The file stores management authority ("province") and employment
 * status ("serving") with codes of its own; the code tables
 * (LD_CODE_TABLE_MANAGEMENT, LD_CODE_TABLE_EMPLOYMENT_STATUS) know them as
 * "provincial", "active" …. For field "authority" or "status": the table
 * code of a stored code (and the table in *table, may be NULL), and the
 * stored code of a table code; NULL when unknown. */
const char  *ld_cadre_code_to_table        (const char          *field,
                                            const char          *stored,
                                            const char         **table);
const char  *ld_cadre_code_from_table      (const char          *field,
                                            const char          *table_code);
/* How a stored section-A value reads: the translated label of a coded
 * value (ethnicity "01" → 汉族, political status, education, degree, post
 * level, rank or staff grade, authority "city", status "serving", post
 * tags, classification), the value itself when the field has no code
 * table or the code is unknown. Caller frees. */
char        *ld_cadre_field_format_value   (const char          *field,
                                            const char          *value);
/* Translated "Male" / "Female" / "". */
const char  *ld_cadre_sex_get_label        (const char          *sex);

G_END_DECLS
