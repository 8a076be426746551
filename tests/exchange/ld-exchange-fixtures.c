/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ld-exchange-fixtures.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

static char *fixture_dir;

static void
remove_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture_dir == NULL || g_getenv ("LD_KEEP_FIXTURES") != NULL)
    return;
  dir = g_dir_open (fixture_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture_dir);
}

const char *
ld_fixture_dir (void)
{
  if (fixture_dir == NULL)
    {
      fixture_dir = g_dir_make_tmp ("ld-exchange-XXXXXX", NULL);
      g_assert_nonnull (fixture_dir);
      atexit (remove_dir);
    }
  return fixture_dir;
}

char *
ld_fixture_write (const char *name,
                  const char *data,
                  gssize      length)
{
  char *path = g_build_filename (ld_fixture_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
ld_fixture_zip (const char       *name,
                const LdZipEntry *entries,
                guint             n_entries)
{
  char *path = g_build_filename (ld_fixture_dir (), name, NULL);
  int zerr = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

  g_assert_nonnull (zip);
  for (guint i = 0; i < n_entries; i++)
    {
      gsize len = entries[i].length < 0 ? strlen (entries[i].data) : (gsize) entries[i].length;
      zip_source_t *src = zip_source_buffer (zip, entries[i].data, len, 0);

      g_assert_nonnull (src);
      g_assert_cmpint (zip_file_add (zip, entries[i].name, src, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (zip), ==, 0);
  return path;
}

#define CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define ROOT_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" \
  "</Relationships>"
#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define WORKBOOK_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
  "</Relationships>"

char *
ld_fixture_sheet_part (const char *sheet_xml)
{
  return g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
                      sheet_xml, "</worksheet>", NULL);
}

#define WORKBOOK_1904 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<workbookPr date1904=\"1\"/>" \
  "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"

static char *
make_xlsx (const char *name,
           const char *workbook,
           const char *sheet_xml,
           const char *sst_xml)
{
  g_autofree char *sheet = ld_fixture_sheet_part (sheet_xml);
  LdZipEntry entries[] = {
    { "[Content_Types].xml", CONTENT_TYPES, -1 },
    { "_rels/.rels", ROOT_RELS, -1 },
    { "xl/workbook.xml", workbook, -1 },
    { "xl/_rels/workbook.xml.rels", WORKBOOK_RELS, -1 },
    { "xl/worksheets/sheet1.xml", sheet, -1 },
    { "xl/sharedStrings.xml", sst_xml, -1 },
  };

  return ld_fixture_zip (name, entries, sst_xml ? 6 : 5);
}

char *
ld_fixture_xlsx (const char *name,
                 const char *sheet_xml,
                 const char *sst_xml)
{
  return make_xlsx (name, WORKBOOK, sheet_xml, sst_xml);
}

char *
ld_fixture_xlsx_1904 (const char *name,
                      const char *sheet_xml)
{
  return make_xlsx (name, WORKBOOK_1904, sheet_xml, NULL);
}

char *
ld_fixture_zip_bomb (const char *name,
                     guint64     size)
{
  g_autofree char *zeros = g_build_filename (ld_fixture_dir (), "zeros.bin", NULL);
  char *path = g_build_filename (ld_fixture_dir (), name, NULL);
  int fd = open (zeros, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int zerr = 0;
  zip_t *zip;
  zip_source_t *src;

  /* A sparse file: no disk space and no memory for the zeros. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_file_add (zip, "[Content_Types].xml", zip_source_buffer (zip, CONTENT_TYPES, strlen (CONTENT_TYPES), 0), 0), >=, 0);
  g_assert_cmpint (zip_file_add (zip, "_rels/.rels", zip_source_buffer (zip, ROOT_RELS, strlen (ROOT_RELS), 0), 0), >=, 0);
  g_assert_cmpint (zip_file_add (zip, "xl/workbook.xml", zip_source_buffer (zip, WORKBOOK, strlen (WORKBOOK), 0), 0), >=, 0);
  g_assert_cmpint (zip_file_add (zip, "xl/_rels/workbook.xml.rels", zip_source_buffer (zip, WORKBOOK_RELS, strlen (WORKBOOK_RELS), 0), 0), >=, 0);
  src = zip_source_file (zip, zeros, 0, -1);
  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (zip, "xl/worksheets/sheet1.xml", src, 0), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
  g_unlink (zeros);
  return path;
}

long
ld_fixture_max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}
