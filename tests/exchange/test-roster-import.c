/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-roster-import"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "exchange/ld-roster-import.h"
#include "ld-error.h"
#include "ld-exchange-fixtures.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "rules/ld-id-number.h"
#include "vault/ld-audit-log.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Importing cadre rosters into a vault: the plan (units matched and to
 * create, changes, problems with row numbers) and the commit (one
 * transaction with the file's SHA-256 in one audit entry, or nothing). */

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   county;    /* 某县: the parent of the imports */
  gint64   office;    /* 某县 / 县委办公室 */
  gint64   organ;     /* 某县 / 组织部 */
  gint64   finance;   /* 某县 / 县政府 / 县财政局 */
  gint64   other;     /* 邻县: outside imp's scope */
} Fixture;

/* One person of a generated roster; NULL cells stay empty. */
typedef struct
{
  char *number;
  char *name;
  char *sex;
  char *id_number;
  int   birth_form;     /* how the birth date is written (0..5), -1 = not at all */
  int   year, month, day;
  char *ethnicity;
  char *political;
  char *education;
  char *unit;
  char *post;
  char *rank;
  char *post_date;
} Person;

static void
person_clear (Person *p)
{
  g_free (p->number);
  g_free (p->name);
  g_free (p->sex);
  g_free (p->id_number);
  g_free (p->ethnicity);
  g_free (p->political);
  g_free (p->education);
  g_free (p->unit);
  g_free (p->post);
  g_free (p->rank);
  g_free (p->post_date);
  memset (p, 0, sizeof *p);
}

static const char * const units_cycle[] = { "县委办公室", "组织部", "县财政局", "新设办公室", "乡村振兴局" };
static const char * const ranks_cycle[] = { "正科级", "副科级", "四级调研员", "副调研员", "一级科员", "八级职员" };
static const char * const political_cycle[] = { "中共党员", "群众", "共青团员", "民盟盟员" };
static const char * const education_cycle[] = { "大学本科", "研究生", "大专", "硕士研究生" };

/* A valid ID number for person i (distinct for i < 900). */
static char *
make_id (guint  i,
         int   *year,
         int   *month,
         int   *day)
{
  g_autofree char *first17 = NULL;

  *year = 1965 + (int) (i % 35);
  *month = 1 + (int) (i % 12);
  *day = 1 + (int) (i % 28);
  first17 = g_strdup_printf ("110105%04d%02d%02d%03u", *year, *month, *day, 100 + i);
  return g_strdup_printf ("%s%c", first17, ld_id_number_check_digit (first17));
}

static void
make_person (Person *p,
             guint   i)
{
  char sex;

  p->number = g_strdup_printf ("%u", i + 1);
  p->name = g_strdup_printf ("干部%03u", i);
  p->id_number = make_id (i, &p->year, &p->month, &p->day);
  sex = ((100 + i) % 2 == 1) ? 'M' : 'F';
  p->sex = g_strdup (sex == 'M' ? "男" : "女");
  p->birth_form = (int) (i % 6);
  p->ethnicity = g_strdup (i % 7 == 0 ? "回族" : "汉族");
  p->political = g_strdup (political_cycle[i % G_N_ELEMENTS (political_cycle)]);
  p->education = g_strdup (education_cycle[i % G_N_ELEMENTS (education_cycle)]);
  p->unit = g_strdup (units_cycle[i % G_N_ELEMENTS (units_cycle)]);
  p->post = g_strdup_printf ("科员%u", i % 3);
  p->rank = g_strdup (ranks_cycle[i % G_N_ELEMENTS (ranks_cycle)]);
  p->post_date = g_strdup_printf ("%d年%d月", 2015 + (int) (i % 8), 1 + (int) (i % 12));
}

static const char * const headers[] = {
  "序号", "姓名", "性别", "身份证号", "出生年月", "民族", "政治面貌", "学历", "工作单位", "现任职务",
  "职级", "任现职时间", NULL
};

static void
write_birth (lxw_worksheet *ws,
             int            r,
             const Person  *p)
{
  g_autofree char *text = NULL;

  switch (p->birth_form)
    {
    case 0:
      {
        GDate *epoch = g_date_new_dmy (30, 12, 1899);
        GDate *date = g_date_new_dmy ((GDateDay) p->day, (GDateMonth) p->month, (GDateYear) p->year);

        worksheet_write_number (ws, r, 4, g_date_days_between (epoch, date), NULL);
        g_date_free (epoch);
        g_date_free (date);
        return;
      }
    case 1:
      text = g_strdup_printf ("%04d-%02d-%02d", p->year, p->month, p->day);
      break;
    case 2:
      text = g_strdup_printf ("%d/%d/%d", p->year, p->month, p->day);
      break;
    case 3:
      text = g_strdup_printf ("%d.%02d", p->year, p->month);
      break;
    case 4:
      text = g_strdup_printf ("%d年%d月", p->year, p->month);
      break;
    case 5:
      text = g_strdup_printf ("%d%02d", p->year, p->month);
      break;
    default:
      return;
    }
  worksheet_write_string (ws, r, 4, text, NULL);
}

/* Writes people as a roster under a merged title and a note, the header on
 * row 3, data from row 4. extra_header (may be NULL) adds a 13th column
 * whose cells hold each person's post again. merge_units merges the unit
 * cell of the first three people (who must share it). */
static char *
write_roster (const char   *name,
              const Person *people,
              guint         n,
              const char   *extra_header,
              gboolean      merge_units)
{
  char *path = g_build_filename (ld_fixture_dir (), name, NULL);
  lxw_workbook_options options = { .tmpdir = (char *) ld_fixture_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "干部名册");

  worksheet_merge_range (ws, 0, 0, 0, 11, "某县干部花名册", NULL);
  worksheet_write_string (ws, 1, 0, "填报单位：某县委组织部（盖章）    填报时间：2024年6月", NULL);
  for (int c = 0; headers[c] != NULL; c++)
    worksheet_write_string (ws, 2, (lxw_col_t) c, headers[c], NULL);
  if (extra_header != NULL)
    worksheet_write_string (ws, 2, 12, extra_header, NULL);

  for (guint i = 0; i < n; i++)
    {
      const Person *p = &people[i];
      int r = 3 + (int) i;
      const char *cells[] = { NULL, p->name, p->sex, p->id_number, NULL, p->ethnicity, p->political,
                              p->education, p->unit, extra_header ? NULL : p->post, p->rank, p->post_date };

      if (p->number != NULL)
        worksheet_write_number (ws, (lxw_row_t) r, 0, g_ascii_strtod (p->number, NULL), NULL);
      for (guint c = 1; c < G_N_ELEMENTS (cells); c++)
        {
          if (c == 8 && merge_units && i < 3)
            continue;
          if (cells[c] != NULL)
            worksheet_write_string (ws, (lxw_row_t) r, (lxw_col_t) c, cells[c], NULL);
        }
      if (extra_header != NULL && p->post != NULL)
        worksheet_write_string (ws, (lxw_row_t) r, 12, p->post, NULL);
      write_birth (ws, r, p);
    }
  if (merge_units && n >= 3)
    worksheet_merge_range (ws, 3, 8, 5, 8, people[0].unit, NULL);

  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static Person *
make_people (guint n)
{
  Person *people = g_new0 (Person, n);

  for (guint i = 0; i < n; i++)
    make_person (&people[i], i);
  return people;
}

static void
free_people (Person *people,
             guint   n)
{
  for (guint i = 0; i < n; i++)
    person_clear (&people[i]);
  g_free (people);
}

/* --- Vault --------------------------------------------------------------------- */

static gint64
add_cadre (Fixture    *f,
           gint64      unit,
           const char *name,
           const char *id_number,
           const char *post,
           const char *ethnicity)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdCadreFields) fields = { 0 };
  gint64 id = 0;

  fields.unit_id = unit;
  fields.name = g_strdup (name);
  fields.id_number = g_strdup (id_number);
  fields.post = g_strdup (post);
  fields.ethnicity = g_strdup (ethnicity);
  ld_cadre_repository_create (f->vault, &fields, &id, &error);
  g_assert_no_error (error);
  return id;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault), sql, &error);

  g_assert_no_error (error);
  return text;
}

/* The vault every test starts from, made once (accounts cost a key
 * derivation each): sec (security administrator); boss (investigator,
 * every unit) built the tree; imp (investigator) sees 某县 only; vic
 * (viewer) sees 某县. */
static char *template_dir;
static Fixture template;

static void
make_template (void)
{
  Fixture *f = &template;
  gint64 government;

  template_dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (template_dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "imp", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "vic", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_login (f->vault, "boss");
  f->county = ld_test_add_unit (f->vault, 0, "某县");
  f->office = ld_test_add_unit (f->vault, f->county, "县委办公室");
  f->organ = ld_test_add_unit (f->vault, f->county, "组织部");
  government = ld_test_add_unit (f->vault, f->county, "县政府");
  f->finance = ld_test_add_unit (f->vault, government, "县财政局");
  f->other = ld_test_add_unit (f->vault, 0, "邻县");
  ld_test_grant_scope (f->vault, "imp", f->county);
  ld_test_grant_scope (f->vault, "vic", f->county);
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dest = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dest);
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;
          g_autoptr(GError) error = NULL;

          g_file_get_contents (src, &contents, &len, &error);
          g_assert_no_error (error);
          g_file_set_contents (dest, contents, (gssize) len, &error);
          g_assert_no_error (error);
        }
    }
}

/* A copy of the template vault, open as imp. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *from = g_build_filename (template_dir, "vault", NULL);
  g_autofree char *to = NULL;

  *f = template;
  f->dir = ld_test_tmpdir ();
  to = g_build_filename (f->dir, "vault", NULL);
  copy_tree (from, to);
  f->vault = ld_vault_new (to);
  ld_test_login (f->vault, "imp");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  ld_vault_lock (f->vault, "exit");
  g_clear_object (&f->vault);
  ld_test_rmdir (f->dir);
  g_free (f->dir);
}

typedef struct
{
  gint64 units, cadres, versions, audit;
  char  *mapping;
} Snapshot;

static void
snapshot (Fixture  *f,
          Snapshot *s)
{
  s->units = ld_test_count_rows (f->vault, "SELECT count(*) FROM units");
  s->cadres = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres");
  s->versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
  s->audit = ld_test_audit_count (f->vault);
  s->mapping = query_text (f, "SELECT ifnull ((SELECT value FROM settings WHERE key = '"
                              LD_IMPORT_MAPPING_SETTING "'), '')");
}

/* Nothing was written since before (denials may add their own audit
 * entry: pass audit_slack 1). */
static void
assert_unchanged (Fixture  *f,
                  Snapshot *before,
                  gint64    audit_slack)
{
  Snapshot after = { 0 };

  snapshot (f, &after);
  g_assert_cmpint (after.units, ==, before->units);
  g_assert_cmpint (after.cadres, ==, before->cadres);
  g_assert_cmpint (after.versions, ==, before->versions);
  g_assert_cmpint (after.audit, <=, before->audit + audit_slack);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'import.cadres'"), ==, 0);
  g_assert_cmpstr (after.mapping, ==, before->mapping);
  g_free (after.mapping);
  g_clear_pointer (&before->mapping, g_free);
}

static LdImportRow *
find_row (LdImportPlan *plan,
          guint         row_number)
{
  GPtrArray *rows = ld_import_plan_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      LdImportRow *row = g_ptr_array_index (rows, i);
      if (row->row_number == row_number)
        return row;
    }
  g_error ("no row %u in the plan", row_number);
  return NULL;
}

static const LdRosterProblem *
find_problem (LdImportPlan     *plan,
              guint             row_number,
              LdRosterSeverity  severity)
{
  GPtrArray *problems = ld_import_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      const LdRosterProblem *problem = g_ptr_array_index (problems, i);
      if (problem->row_number == row_number && problem->severity == severity)
        return problem;
    }
  return NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

typedef struct
{
  guint calls;
  guint last_done;
  guint last_total;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->last_total = total;
}

/* --- Tests --------------------------------------------------------------------- */

#define N_PEOPLE 300

/* A few hundred rows with title rows, a merged title and a merged unit
 * cell, every date form, units to create, invalid rows and a warning. */
static void
test_roster (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) refused = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *report = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *id18 = NULL;
  Person *people = make_people (N_PEOPLE + 4);
  LdImportOptions options = { .parent_unit_id = f->county };
  GPtrArray *new_units;
  Snapshot before = { 0 };
  Progress progress = { 0 };
  guint n_create, n_update, n_unchanged, n_invalid, n_created = 0, n_updated = 0;
  LdImportRow *row;
  const LdRosterProblem *problem;

  /* People 0–2 share the merged unit cell (组织部). */
  g_free (people[1].unit);
  people[1].unit = g_strdup (people[0].unit);
  g_free (people[2].unit);
  people[2].unit = g_strdup (people[0].unit);
  /* Row 4 + 300: a broken check digit; row 305: the sex contradicts the ID
   * number; row 306: no name; row 307: an ID number Excel made a number. */
  people[N_PEOPLE].id_number[17] = people[N_PEOPLE].id_number[17] == '1' ? '2' : '1';
  g_free (people[N_PEOPLE + 1].sex);
  people[N_PEOPLE + 1].sex = g_strdup (((100 + N_PEOPLE + 1) % 2 == 1) ? "女" : "男");
  g_clear_pointer (&people[N_PEOPLE + 2].name, g_free);
  g_free (people[N_PEOPLE + 3].id_number);
  people[N_PEOPLE + 3].id_number = g_strdup ("1.10105E+17");
  /* Row 10: a political status nobody knows (a warning, the row goes in). */
  g_free (people[6].political);
  people[6].political = g_strdup ("火星党");
  /* Row 24: a legacy 15-digit ID number (stored converted, with a note). */
  id18 = people[20].id_number;
  people[20].id_number = g_strdup_printf ("%.6s%.9s", id18, id18 + 8);
  path = write_roster ("roster.xlsx", people, N_PEOPLE + 4, NULL, TRUE);

  /* Refused without skip_invalid: the plan says so and the commit writes
   * nothing. */
  snapshot (f, &before);
  refused = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  ld_import_plan_get_counts (refused, &n_create, &n_update, &n_unchanged, &n_invalid);
  g_assert_cmpuint (n_create, ==, N_PEOPLE);
  g_assert_cmpuint (n_update, ==, 0);
  g_assert_cmpuint (n_unchanged, ==, 0);
  g_assert_cmpuint (n_invalid, ==, 4);
  g_assert_false (ld_import_plan_can_commit (refused));
  g_assert_false (ld_import_plan_commit (f->vault, refused, NULL, NULL, NULL, &n_created, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_created, ==, 0);
  assert_unchanged (f, &before, 0);

  /* The plan in detail. */
  g_assert_cmpstr (ld_import_plan_get_sha256 (refused), ==, (sha = ld_test_file_sha256 (path)));
  g_assert_cmpuint (ld_roster_mapping_get_header_row_number (ld_import_plan_get_mapping (refused)), ==, 3);
  new_units = ld_import_plan_get_new_units (refused);
  g_assert_cmpuint (new_units->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (new_units, 0), ==, "某县 / 新设办公室");
  g_assert_cmpstr (g_ptr_array_index (new_units, 1), ==, "某县 / 乡村振兴局");
  row = find_row (refused, 4);
  g_assert_cmpint (row->action, ==, LD_IMPORT_ROW_CREATE);
  g_assert_cmpstr (row->name, ==, "干部000");
  g_assert_cmpstr (row->unit_path, ==, "某县 / 县委办公室");
  row = find_row (refused, 5);   /* below the merged unit cell */
  g_assert_cmpstr (row->unit_path, ==, "某县 / 县委办公室");
  row = find_row (refused, 6);
  g_assert_cmpstr (row->unit_path, ==, "某县 / 县委办公室");
  row = find_row (refused, 4 + 7);   /* 县财政局 lies two levels down */
  g_assert_cmpstr (row->unit_path, ==, "某县 / 县政府 / 县财政局");
  row = find_row (refused, 4 + 8);
  g_assert_cmpstr (row->unit_path, ==, "某县 / 新设办公室");
  for (guint r = 4 + N_PEOPLE; r < 8 + N_PEOPLE; r++)
    {
      g_assert_cmpint (find_row (refused, r)->action, ==, LD_IMPORT_ROW_INVALID);
      g_assert_nonnull (find_problem (refused, r, LD_ROSTER_SEVERITY_ERROR));
    }
  problem = find_problem (refused, 4 + N_PEOPLE + 1, LD_ROSTER_SEVERITY_ERROR);
  g_assert_cmpint (problem->field, ==, LD_ROSTER_FIELD_SEX);
  problem = find_problem (refused, 10, LD_ROSTER_SEVERITY_WARNING);
  g_assert_nonnull (problem);
  assert_contains (problem->message, "火星党");
  g_assert_cmpint (find_row (refused, 10)->action, ==, LD_IMPORT_ROW_CREATE);
  row = find_row (refused, 24);
  g_assert_cmpint (row->action, ==, LD_IMPORT_ROW_CREATE);
  g_assert_cmpstr (row->id_number, ==, id18);
  problem = find_problem (refused, 24, LD_ROSTER_SEVERITY_WARNING);
  g_assert_nonnull (problem);
  assert_contains (problem->message, people[20].id_number);

  report = ld_import_plan_format_report (refused);
  assert_contains (report, "New cadres: 300");
  assert_contains (report, "Invalid rows, which block the import: 4");
  assert_contains (report, "某县 / 乡村振兴局");
  assert_contains (report, "Row 304 (ID number): ");
  assert_contains (report, "Row 306 (Name): ");
  assert_contains (report, "Row 10 (Political status): ");

  /* With skip_invalid everything valid goes in at once. */
  options.skip_invalid = TRUE;
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_import_plan_can_commit (plan));
  g_clear_pointer (&report, g_free);
  report = ld_import_plan_format_report (plan);
  assert_contains (report, "Invalid rows, left out: 4");
  g_assert_true (ld_import_plan_commit (f->vault, plan, progress_cb, &progress, NULL, &n_created, &n_updated,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, N_PEOPLE);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_cmpuint (progress.calls, >=, 1);
  g_assert_cmpuint (progress.last_done, ==, N_PEOPLE + 4);
  g_assert_cmpuint (progress.last_total, ==, N_PEOPLE + 4);

  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres"), ==, N_PEOPLE);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions WHERE event = 'cadre.imported'"), ==,
                   N_PEOPLE);
  /* No audit entry per cadre: one for the file. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event IN ('cadre.created',"
                                  " 'cadre.imported', 'unit.created')"), ==, 6);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'import.cadres'"), ==, 1);
  details = query_text (f, "SELECT details FROM audit_log WHERE event = 'import.cadres'");
  expected = g_strdup_printf ("file=roster.xlsx; sha256=%s; created=300; updated=0; unchanged=0; skipped=4; "
                              "units=2", sha);
  g_assert_cmpstr (details, ==, expected);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id"
                                  " WHERE p.name = '某县' AND u.name IN ('新设办公室', '乡村振兴局')"), ==, 2);

  /* Values as stored: codes, dates from every form, the merged unit. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres WHERE unit_id IN"
                                  " (SELECT id FROM units WHERE name = '县委办公室')"), ==, 3 + 60 - 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT political_status || '|' || edu_fulltime || '|' || post_level"
                                            " || '|' || rank || '|' || post_since || '|' || sex || '|'"
                                            " || ethnicity FROM cadres WHERE id_number = '%s'",
                                            people[0].id_number);
    g_autofree char *values = query_text (f, sql);

    /* 中共党员, 大学本科, 正科级, 回族. */
    g_assert_cmpstr (values, ==, "01|20|L09||2015-01|F|03");
  }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT birth_date FROM cadres WHERE id_number = '%s'",
                                              people[i].id_number);
      g_autofree char *want = g_strdup_printf ("%04d-%02d-%02d", people[i].year, people[i].month, people[i].day);

      g_free (birth);
      birth = query_text (f, sql);
      g_assert_cmpstr (birth, ==, want);
    }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT rank || '|' || political_status FROM cadres"
                                            " WHERE id_number = '%s'", people[3].id_number);
    g_autofree char *values = query_text (f, sql);

    /* 副调研员 (a pre-2019 title); 民盟盟员. */
    g_assert_cmpstr (values, ==, "old-fudiaoyanyuan|05");
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT political_status FROM cadres WHERE id_number = '%s'",
                                            people[6].id_number);
    g_autofree char *values = query_text (f, sql);

    g_assert_cmpstr (values, ==, "");
  }
  free_people (people, N_PEOPLE + 4);
}

/* Existing cadres: a diff of the fields the file gives, an empty cell
 * never erasing, and rows that change nothing. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(LdImportPlan) again = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *path = NULL;
  g_autofree char *report = NULL;
  g_autofree char *values = NULL;
  g_autofree char *sql = NULL;
  Person *people = make_people (3);
  LdImportOptions options = { .parent_unit_id = f->county };
  guint n_create, n_update, n_unchanged, n_invalid, n_created = 0, n_updated = 0;
  gint64 changed_id, same_id, versions_before;
  LdImportRow *row;

  for (guint i = 0; i < 3; i++)
    {
      g_free (people[i].unit);
      people[i].unit = g_strdup ("组织部");
      g_clear_pointer (&people[i].political, g_free);
      g_clear_pointer (&people[i].education, g_free);
      g_clear_pointer (&people[i].rank, g_free);
      g_clear_pointer (&people[i].post_date, g_free);
    }
  changed_id = add_cadre (f, f->organ, people[0].name, people[0].id_number, "科员", "01");
  same_id = add_cadre (f, f->organ, people[1].name, people[1].id_number, people[1].post, "01");
  /* Person 0: a new post, and no ethnicity in the file. */
  g_free (people[0].post);
  people[0].post = g_strdup ("副部长");
  g_clear_pointer (&people[0].ethnicity, g_free);
  path = write_roster ("update.xlsx", people, 3, NULL, FALSE);
  versions_before = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");

  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  ld_import_plan_get_counts (plan, &n_create, &n_update, &n_unchanged, &n_invalid);
  g_assert_cmpuint (n_create, ==, 1);
  g_assert_cmpuint (n_update, ==, 1);
  g_assert_cmpuint (n_unchanged, ==, 1);
  g_assert_cmpuint (n_invalid, ==, 0);
  row = find_row (plan, 4);
  g_assert_cmpint (row->action, ==, LD_IMPORT_ROW_UPDATE);
  g_assert_cmpint (row->cadre_id, ==, changed_id);
  g_assert_cmpuint (row->changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (row->changes, 0), ==, "Post: 科员 → 副部长");
  row = find_row (plan, 5);
  g_assert_cmpint (row->action, ==, LD_IMPORT_ROW_UNCHANGED);
  g_assert_cmpint (row->cadre_id, ==, same_id);
  g_assert_cmpuint (row->changes->len, ==, 0);
  report = ld_import_plan_format_report (plan);
  assert_contains (report, "Post: 科员 → 副部长");
  assert_contains (report, "Row 4: 干部000");

  g_assert_true (ld_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_created, &n_updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 1);
  g_assert_cmpuint (n_updated, ==, 1);
  sql = g_strdup_printf ("SELECT post || '|' || ethnicity FROM cadres WHERE id = %" G_GINT64_FORMAT, changed_id);
  values = query_text (f, sql);
  g_assert_cmpstr (values, ==, "副部长|01");
  /* One version for the update, one for the new cadre, none for the same. */
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, versions_before + 2);
  versions = ld_cadre_repository_versions (f->vault, changed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LdCadreVersion *) g_ptr_array_index (versions, versions->len - 1))->event, ==,
                   LD_AUDIT_CADRE_IMPORTED);
  g_assert_nonnull (strstr (((LdCadreVersion *) g_ptr_array_index (versions, versions->len - 1))->after,
                            "post=副部长"));

  /* The same file again changes nothing. */
  again = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  ld_import_plan_get_counts (again, &n_create, &n_update, &n_unchanged, &n_invalid);
  g_assert_cmpuint (n_create, ==, 0);
  g_assert_cmpuint (n_update, ==, 0);
  g_assert_cmpuint (n_unchanged, ==, 3);
  free_people (people, 3);
}

/* A mapping the user corrected is remembered and applied to the next file. */
static void
test_mapping_remembered (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) first = NULL;
  g_autoptr(LdImportPlan) corrected = NULL;
  g_autoptr(LdImportPlan) next = NULL;
  g_autoptr(LdRosterMapping) mapping = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *stored = NULL;
  Person *people = make_people (8);
  LdImportOptions options = { .parent_unit_id = f->county };

  path = write_roster ("odd-header.xlsx", people, 4, "目前担任", FALSE);
  first = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_roster_mapping_get_field (ld_import_plan_get_mapping (first), 12), ==, LD_ROSTER_FIELD_NONE);

  mapping = ld_roster_mapping_copy (ld_import_plan_get_mapping (first));
  ld_roster_mapping_set (mapping, 12, LD_ROSTER_FIELD_POST);
  options.mapping = mapping;
  corrected = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_import_plan_commit (f->vault, corrected, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  stored = query_text (f, "SELECT value FROM settings WHERE key = '" LD_IMPORT_MAPPING_SETTING "'");
  assert_contains (stored, "post");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres WHERE post LIKE '科员%'"), ==, 4);

  /* Another file with the same headers, without a mapping: remembered. */
  path2 = write_roster ("odd-header-2.xlsx", people + 4, 4, "目前担任", FALSE);
  options.mapping = NULL;
  next = ld_import_plan_new (f->vault, path2, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_roster_mapping_get_field (ld_import_plan_get_mapping (next), 12), ==, LD_ROSTER_FIELD_POST);
  free_people (people, 8);
}

/* The file changed between the preview and the confirmation. */
static void
test_file_changed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_again = NULL;
  Person *people = make_people (6);
  LdImportOptions options = { .parent_unit_id = f->county };
  Snapshot before = { 0 };

  path = write_roster ("changing.xlsx", people, 5, NULL, FALSE);
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  path_again = write_roster ("changing.xlsx", people, 6, NULL, FALSE);
  snapshot (f, &before);
  g_assert_false (ld_import_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  assert_contains (error->message, "changed");
  assert_unchanged (f, &before, 0);
  free_people (people, 6);
}

/* A viewer may not import, neither plan nor commit. */
static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(LdImportPlan) denied = NULL;
  g_autofree char *path = NULL;
  Person *people = make_people (3);
  LdImportOptions options = { .parent_unit_id = f->county };
  Snapshot before = { 0 };

  path = write_roster ("denied.xlsx", people, 3, NULL, FALSE);
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);

  ld_test_login (f->vault, "vic");
  snapshot (f, &before);
  denied = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_null (denied);
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_import_plan_commit (f->vault, plan, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  assert_unchanged (f, &before, 2);
  free_people (people, 3);
}

/* An ID number of a cadre outside the session's scope: an error for the
 * row that names nobody. */
static void
test_out_of_scope (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *report = NULL;
  Person *people = make_people (3);
  LdImportOptions options = { .parent_unit_id = f->county };
  const LdRosterProblem *problem;

  ld_test_login (f->vault, "boss");
  add_cadre (f, f->other, "王秘密", people[1].id_number, "局长", "01");
  ld_test_login (f->vault, "imp");
  path = write_roster ("scope.xlsx", people, 3, NULL, FALSE);

  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_row (plan, 5)->action, ==, LD_IMPORT_ROW_INVALID);
  g_assert_cmpint (find_row (plan, 5)->cadre_id, ==, 0);
  g_assert_cmpint (find_row (plan, 4)->action, ==, LD_IMPORT_ROW_CREATE);
  problem = find_problem (plan, 5, LD_ROSTER_SEVERITY_ERROR);
  g_assert_nonnull (problem);
  assert_contains (problem->message, people[1].id_number);
  assert_contains (problem->message, "scope");
  report = ld_import_plan_format_report (plan);
  g_assert_null (strstr (report, "王秘密"));
  g_assert_null (strstr (report, "邻县"));
  g_assert_false (ld_import_plan_can_commit (plan));
  free_people (people, 3);
}

/* A failure half-way through the commit leaves the vault as it was. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  Person *people = make_people (200);
  LdImportOptions options = { .parent_unit_id = f->county };
  Snapshot before = { 0 };
  guint n_created = 7, n_updated = 7;

  path = write_roster ("half.xlsx", people, 200, NULL, FALSE);
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ld_import_plan_can_commit (plan));
  g_assert_cmpuint (ld_import_plan_get_new_units (plan)->len, ==, 2);

  /* Behind the plan's back, someone files the person of row 153. */
  add_cadre (f, f->organ, people[149].name, people[149].id_number, "科员", "01");
  snapshot (f, &before);

  g_assert_false (ld_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_created, &n_updated, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  assert_contains (error->message, "Row 153: ");
  g_assert_cmpuint (n_created, ==, 0);
  g_assert_cmpuint (n_updated, ==, 0);
  assert_unchanged (f, &before, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM units WHERE name IN ('新设办公室', '乡村振兴局')"), ==, 0);
  free_people (people, 200);
}

/* Cancelling the commit rolls back: before it starts, and half-way (from
 * the progress callback after 500 rows). */
static void
cancel_cb (guint    done,
           guint    total,
           gpointer user_data)
{
  g_assert_cmpuint (done, ==, 500);
  g_assert_cmpuint (total, ==, 600);
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autofree char *path = NULL;
  Person *people = make_people (600);
  LdImportOptions options = { .parent_unit_id = f->county };
  Snapshot before = { 0 };

  path = write_roster ("cancel.xlsx", people, 600, NULL, FALSE);
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  snapshot (f, &before);
  g_cancellable_cancel (cancellable);
  g_assert_false (ld_import_plan_commit (f->vault, plan, NULL, NULL, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_unchanged (f, &before, 0);

  snapshot (f, &before);
  g_assert_false (ld_import_plan_commit (f->vault, plan, cancel_cb, later, later, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_unchanged (f, &before, 0);
  free_people (people, 600);
}

/* Without a parent unit, every unit must already exist in scope. */
static void
test_no_parent (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autoptr(LdImportPlan) bad_parent = NULL;
  g_autofree char *path = NULL;
  Person *people = make_people (5);
  LdImportOptions options = { 0 };
  const LdRosterProblem *problem;

  path = write_roster ("no-parent.xlsx", people, 5, NULL, FALSE);
  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_import_plan_get_new_units (plan)->len, ==, 0);
  g_assert_cmpint (find_row (plan, 4)->action, ==, LD_IMPORT_ROW_CREATE);
  g_assert_cmpint (find_row (plan, 7)->action, ==, LD_IMPORT_ROW_INVALID);   /* 新设办公室 */
  problem = find_problem (plan, 7, LD_ROSTER_SEVERITY_ERROR);
  g_assert_cmpint (problem->field, ==, LD_ROSTER_FIELD_UNIT);
  assert_contains (problem->message, "新设办公室");

  options.parent_unit_id = f->other;
  bad_parent = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_null (bad_parent);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  free_people (people, 5);
}

/* A CSV roster in GB18030, as Excel in a Chinese locale saves it. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdImportPlan) plan = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *details = NULL;
  Person *people = make_people (2);
  LdImportOptions options = { 0 };
  gsize length = 0;
  guint n_created = 0;

  text = g_strdup_printf ("姓名,性别,身份证号,工作单位,职务\r\n%s,%s,%s,组织部,科员\r\n%s,%s,%s,县财政局,副局长\r\n",
                          people[0].name, people[0].sex, people[0].id_number,
                          people[1].name, people[1].sex, people[1].id_number);
  gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = ld_fixture_write ("roster.csv", gb, (gssize) length);

  plan = ld_import_plan_new (f->vault, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ld_table_get_encoding (ld_import_plan_get_table (plan)), ==, "GB18030");
  g_assert_cmpstr (find_row (plan, 2)->unit_path, ==, "某县 / 组织部");
  g_assert_cmpstr (find_row (plan, 3)->unit_path, ==, "某县 / 县政府 / 县财政局");
  g_assert_true (ld_import_plan_commit (f->vault, plan, NULL, NULL, NULL, &n_created, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_created, ==, 2);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadres WHERE post = '副局长' AND name = '干部001'"), ==, 1);
  details = query_text (f, "SELECT details FROM audit_log WHERE event = 'import.cadres'");
  g_assert_true (g_str_has_prefix (details, "file=roster.csv; sha256="));
  free_people (people, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_template ();

  g_test_add ("/roster-import/roster", Fixture, NULL, setup, test_roster, teardown);
  g_test_add ("/roster-import/update", Fixture, NULL, setup, test_update, teardown);
  g_test_add ("/roster-import/mapping-remembered", Fixture, NULL, setup, test_mapping_remembered, teardown);
  g_test_add ("/roster-import/file-changed", Fixture, NULL, setup, test_file_changed, teardown);
  g_test_add ("/roster-import/denied", Fixture, NULL, setup, test_denied, teardown);
  g_test_add ("/roster-import/out-of-scope", Fixture, NULL, setup, test_out_of_scope, teardown);
  g_test_add ("/roster-import/all-or-nothing", Fixture, NULL, setup, test_all_or_nothing, teardown);
  g_test_add ("/roster-import/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/roster-import/no-parent", Fixture, NULL, setup, test_no_parent, teardown);
  g_test_add ("/roster-import/csv", Fixture, NULL, setup, test_csv, teardown);

  status = g_test_run ();
  ld_test_rmdir (template_dir);
  g_free (template_dir);
  return status;
}
