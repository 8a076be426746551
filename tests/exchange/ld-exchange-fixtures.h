/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;  /* -1: NUL-terminated */
} LdZipEntry;

/* A fresh temporary directory, removed with its files at exit. */
const char *ld_fixture_dir          (void);
/* Writes DATA to NAME in the fixture directory; returns the path. */
char       *ld_fixture_write        (const char       *name,
                                     const char       *data,
                                     gssize            length);
/* Writes a ZIP archive with the given entries (deflated). */
char       *ld_fixture_zip          (const char       *name,
                                     const LdZipEntry *entries,
                                     guint             n_entries);
/* A minimal XLSX package around SHEET_XML (the <sheetData> and what
 * follows, without the <worksheet> element) and, if not NULL, SST_XML (the
 * whole sharedStrings.xml). */
char       *ld_fixture_xlsx         (const char       *name,
                                     const char       *sheet_xml,
                                     const char       *sst_xml);
/* The same with a workbook in the 1904 date system (old Mac Excel). */
char       *ld_fixture_xlsx_1904    (const char       *name,
                                     const char       *sheet_xml);
/* The whole text of a sheet part or a shared-string part. */
char       *ld_fixture_sheet_part   (const char       *sheet_xml);
/* An .xlsx whose only sheet is a run of SIZE zero bytes (made without
 * holding them in memory). */
char       *ld_fixture_zip_bomb     (const char       *name,
                                     guint64           size);
/* Peak resident set size of this process in KiB. */
long        ld_fixture_max_rss_kib  (void);

G_END_DECLS
