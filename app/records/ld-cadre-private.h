/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "records/ld-cadre.h"

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

G_END_DECLS
