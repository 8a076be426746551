/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-file-entries"

#include "config.h"

#include <string.h>

#include "ld-error.h"
#include "ld-test-utils.h"
#include "records/ld-cadre-repository.h"
#include "records/ld-file-entry-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

#define ID_F_1949 "11010519491231002X"
#define ID_X_1980 "34052419800101001X"

typedef struct
{
  char    *dir;
  LdVault *vault;
  gint64   unit_a;
  gint64   unit_b;
  gint64   cadre_a;
  gint64   cadre_b;
} Fixture;

/* --- Fixtures ---------------------------------------------------------------------- */

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *text = ld_sql_query_text (_ld_vault_get_db (f->vault), sql, &error);

  g_assert_no_error (error);
  return text;
}

/* Admin, sec (secadmin), boss (investigator, every unit), inv
 * (investigator, unit A only), viewer (viewer, every unit); units A and B
 * with one cadre each; signed in as boss. */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = ld_test_tmpdir ();
  f->vault = ld_test_vault_new (f->dir);
  ld_test_add_account (f->vault, "sec", LD_ROLE_SECADMIN);
  ld_test_add_account (f->vault, "boss", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "inv", LD_ROLE_INVESTIGATOR);
  ld_test_add_account (f->vault, "viewer", LD_ROLE_VIEWER);
  ld_test_grant_scope (f->vault, "boss", 0);
  ld_test_grant_scope (f->vault, "viewer", 0);
  ld_test_login (f->vault, "boss");
  f->unit_a = ld_test_add_unit (f->vault, 0, "Dept A");
  f->unit_b = ld_test_add_unit (f->vault, 0, "Dept B");
  ld_test_grant_scope (f->vault, "inv", f->unit_a);
  ld_test_login (f->vault, "boss");
  f->cadre_a = ld_test_add_cadre (f->vault, f->unit_a, "张三", ID_F_1949);
  f->cadre_b = ld_test_add_cadre (f->vault, f->unit_b, "李四", ID_X_1980);
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

/* --- Tables ------------------------------------------------------------------------- */

static void
test_tables (void)
{
  static const char order[] = "ABCDEFGHIJKLMNZ";
  static const char with_entries[] = "BCDEIJKLNZ";
  const LdFileSectionInfo *sections;
  const LdEntryChoice *items;
  guint n = 0;

  sections = ld_file_sections (&n);
  g_assert_cmpuint (n, ==, strlen (order));
  for (guint i = 0; i < n; i++)
    {
      const LdFileSectionInfo *s = &sections[i];
      g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpint (s->code[0], ==, order[i]);
      g_assert_cmpint (s->code[1], ==, '\0');
      g_assert_true (ld_file_section_lookup (s->code) == s);
      g_assert_cmpuint (ld_file_section_index (s->code), ==, i);
      g_assert_nonnull (s->title);
      g_assert_cmpstr (ld_file_section_gettext (s->title), !=, "");
      g_assert_nonnull (s->description);
      g_assert_cmpstr (ld_file_section_gettext (s->description), !=, "");
      g_assert_cmpint (s->has_entries, ==, strchr (with_entries, s->code[0]) != NULL);
      if (!s->has_entries)
        {
          g_assert_cmpuint (s->n_fields, ==, 0);
          continue;
        }
      g_assert_cmpuint (s->n_fields, >, 0);
      g_assert_nonnull (s->summary_keys);
      for (guint j = 0; j < s->n_fields; j++)
        {
          const LdEntryFieldInfo *field = &s->fields[j];

          g_assert_nonnull (field->key);
          g_assert_true (g_hash_table_add (keys, (gpointer) field->key));   /* unique */
          g_assert_cmpstr (ld_file_section_gettext (field->label), !=, "");
          g_assert_true (ld_file_section_find_field (s, field->key) == field);
          g_assert_cmpint (field->type == LD_ENTRY_FIELD_CHOICE, ==, field->choices != NULL);
          for (guint k = 0; field->choices && field->choices[k].code; k++)
            {
              g_assert_cmpstr (ld_file_section_gettext (field->choices[k].label), !=, "");
              g_assert_cmpstr (ld_entry_field_choice_label (field, field->choices[k].code), !=,
                               field->choices[k].code);
            }
        }
      /* Summary and outcome keys name fields. */
      {
        g_auto(GStrv) summary = g_strsplit (s->summary_keys, ",", -1);

        for (guint j = 0; summary[j] != NULL; j++)
          g_assert_nonnull (ld_file_section_find_field (s, summary[j]));
        if (s->outcome_key != NULL)
          g_assert_cmpint (ld_file_section_find_field (s, s->outcome_key)->type, ==, LD_ENTRY_FIELD_CHOICE);
      }
    }
  g_assert_null (ld_file_section_lookup ("Q"));
  g_assert_null (ld_file_section_lookup (NULL));
  g_assert_cmpstr (ld_file_section_lookup ("c")->code, ==, "C");

  /* C: the 14 report items, each a field, and the verification outcome. */
  items = ld_personal_matters_items ();
  for (n = 0; items[n].code != NULL; n++)
    {
      const LdEntryFieldInfo *field = ld_file_section_find_field (ld_file_section_lookup ("C"), items[n].code);

      g_assert_nonnull (field);
      g_assert_cmpint (field->type, ==, LD_ENTRY_FIELD_LONG_TEXT);
      g_assert_cmpstr (field->label, ==, items[n].label);
    }
  g_assert_cmpuint (n, ==, 14);
  g_assert_cmpstr (items[0].code, ==, "PM1");
  g_assert_cmpstr (items[7].code, ==, "PM8");
  g_assert_cmpstr (items[8].code, ==, "PA1");
  g_assert_cmpstr (items[13].code, ==, "PA6");
  g_assert_cmpstr (ld_file_section_lookup ("C")->outcome_key, ==, "verification");
  g_assert_cmpstr (ld_file_section_lookup ("I")->outcome_key, ==, "grade");
  {
    const LdEntryFieldInfo *v = ld_file_section_find_field (ld_file_section_lookup ("C"), "verification");

    g_assert_cmpstr (ld_entry_field_choice_label (v, "omitted"), ==, "Omission");
    g_assert_cmpstr (ld_entry_field_choice_label (v, "concealed"), ==, "Concealment");
    g_assert_cmpstr (ld_entry_field_choice_label (v, "nonsense"), ==, "nonsense");
  }

  /* History lines are described by their labels. */
  {
    g_autofree char *label = NULL;
    g_autofree char *value = NULL;

    g_assert_true (ld_file_section_describe_change ("C.verification", "concealed", &label, &value));
    g_assert_cmpstr (label, ==, "Personal Matters Reports: Verification result");
    g_assert_cmpstr (value, ==, "Concealment");
    g_clear_pointer (&label, g_free);
    g_clear_pointer (&value, g_free);
    g_assert_true (ld_file_section_describe_change ("E.kind", "pledge", &label, &value));
    g_assert_cmpstr (value, ==, "Integrity pledge");
    g_clear_pointer (&label, g_free);
    g_clear_pointer (&value, g_free);
    g_assert_true (ld_file_section_describe_change ("K.rectified", "1", &label, &value));
    g_assert_cmpstr (value, ==, "yes");
    g_clear_pointer (&label, g_free);
    g_clear_pointer (&value, g_free);
    g_assert_true (ld_file_section_describe_change ("attachment.name", "a.pdf", &label, &value));
    g_assert_cmpstr (label, ==, "Attachment: File name");
    g_clear_pointer (&label, g_free);
    g_clear_pointer (&value, g_free);
    g_assert_false (ld_file_section_describe_change ("name", "x", &label, &value));
    g_assert_false (ld_file_section_describe_change ("A.name", "x", &label, &value));
    g_assert_false (ld_file_section_describe_change ("C.colour", "x", &label, &value));
    g_assert_null (label);
  }
}

typedef struct
{
  LdEntryFieldType  type;
  const char       *in;
  const char       *out;   /* NULL = refused */
} NormCase;

static void
test_normalise (void)
{
  static const NormCase cases[] = {
    { LD_ENTRY_FIELD_DATE, "2024-03-15", "2024-03-15" },
    { LD_ENTRY_FIELD_DATE, "2024-03", "2024-03" },
    { LD_ENTRY_FIELD_DATE, "2024/3/5", "2024-03-05" },
    { LD_ENTRY_FIELD_DATE, "2024.03", "2024-03" },
    { LD_ENTRY_FIELD_DATE, "２０２４－０３－１５", "2024-03-15" },
    { LD_ENTRY_FIELD_DATE, "2024年3月5日", "2024-03-05" },
    { LD_ENTRY_FIELD_DATE, " 2024-03-15 ", "2024-03-15" },
    { LD_ENTRY_FIELD_DATE, "", "" },
    { LD_ENTRY_FIELD_DATE, "2024-02-30", NULL },
    { LD_ENTRY_FIELD_DATE, "2024-13", NULL },
    { LD_ENTRY_FIELD_DATE, "24-03-15", NULL },
    { LD_ENTRY_FIELD_DATE, "1899-12-31", NULL },
    { LD_ENTRY_FIELD_DATE, "tomorrow", NULL },
    { LD_ENTRY_FIELD_YEAR, "2023", "2023" },
    { LD_ENTRY_FIELD_YEAR, "２０２３", "2023" },
    { LD_ENTRY_FIELD_YEAR, "2023年", "2023" },
    { LD_ENTRY_FIELD_YEAR, "23", NULL },
    { LD_ENTRY_FIELD_YEAR, "2101", NULL },
    { LD_ENTRY_FIELD_INT, "12", "12" },
    { LD_ENTRY_FIELD_INT, "０１２", "12" },
    { LD_ENTRY_FIELD_INT, "-1", NULL },
    { LD_ENTRY_FIELD_INT, "1.5", NULL },
    { LD_ENTRY_FIELD_DECIMAL, "1200.50", "1200.5" },
    { LD_ENTRY_FIELD_DECIMAL, "1,200", "1200" },
    { LD_ENTRY_FIELD_DECIMAL, "0.25", "0.25" },
    { LD_ENTRY_FIELD_DECIMAL, "００9.0", "9" },
    { LD_ENTRY_FIELD_DECIMAL, "1.234", NULL },
    { LD_ENTRY_FIELD_DECIMAL, "-3", NULL },
    { LD_ENTRY_FIELD_DECIMAL, "abc", NULL },
    { LD_ENTRY_FIELD_DECIMAL, ".5", NULL },
    { LD_ENTRY_FIELD_BOOL, "yes", "1" },
    { LD_ENTRY_FIELD_BOOL, "0", "0" },
    { LD_ENTRY_FIELD_BOOL, "是", "1" },
    { LD_ENTRY_FIELD_BOOL, "maybe", NULL },
    { LD_ENTRY_FIELD_TEXT, "  Bureau  ", "Bureau" },
    { LD_ENTRY_FIELD_TEXT, "two\nlines", NULL },
    { LD_ENTRY_FIELD_LONG_TEXT, " two\r\nlines ", "two\nlines" },
    { LD_ENTRY_FIELD_LONG_TEXT, "bell\a", NULL },
  };
  static const LdEntryChoice choices[] = { { "omitted", "Omission" }, { NULL, NULL } };
  LdEntryFieldInfo field = { "x", "X", LD_ENTRY_FIELD_TEXT, FALSE, NULL, NULL };
  g_autofree char *long_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      field.type = cases[i].type;
      out = ld_entry_field_normalise (&field, cases[i].in, &error);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].out == NULL)
        {
          g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "X"));
        }
      else
        g_assert_no_error (error);
    }

  /* Choices: codes in any case or labels; others refused listing the codes. */
  field.type = LD_ENTRY_FIELD_CHOICE;
  field.choices = choices;
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *a = ld_entry_field_normalise (&field, "OMITTED", NULL);
    g_autofree char *b = ld_entry_field_normalise (&field, "Omission", NULL);
    g_autofree char *c = ld_entry_field_normalise (&field, "hidden", &error);

    g_assert_cmpstr (a, ==, "omitted");
    g_assert_cmpstr (b, ==, "omitted");
    g_assert_null (c);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "omitted"));
  }

  /* Required fields; long text limit. */
  field.type = LD_ENTRY_FIELD_DATE;
  field.required = TRUE;
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = ld_entry_field_normalise (&field, " ", &error);

    g_assert_null (out);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  }
  field.type = LD_ENTRY_FIELD_LONG_TEXT;
  field.required = FALSE;
  long_text = g_strnfill (20001, 'a');
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = ld_entry_field_normalise (&field, long_text, &error);

    g_assert_null (out);
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    long_text[20000] = '\0';
    g_clear_error (&error);
    g_free (out);
    out = ld_entry_field_normalise (&field, long_text, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (out), ==, 20000);
  }
}

static void
assert_bad_key (LdFileEntrySpec *spec,
                const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;

  g_assert_false (ld_file_entry_spec_validate (spec, &bad_key, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_cmpstr (bad_key, ==, expected);
}

static void
test_spec_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_key = NULL;

  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "B");
    ld_file_entry_spec_set (&spec, "relation", "spouse");
    ld_file_entry_spec_set (&spec, "name", "王芳");
    ld_file_entry_spec_set (&spec, "abroad", "no");
    g_assert_true (ld_file_entry_spec_validate (&spec, &bad_key, &error));
    g_assert_no_error (error);
    g_assert_null (bad_key);

    /* B has neither kinds nor dates. */
    spec.kind = g_strdup ("annual");
    assert_bad_key (&spec, "kind");
    g_clear_pointer (&spec.kind, g_free);
    spec.entry_date = g_strdup ("2024-01-01");
    assert_bad_key (&spec, "entry-date");
    g_clear_pointer (&spec.entry_date, g_free);

    ld_file_entry_spec_set (&spec, "colour", "blue");
    assert_bad_key (&spec, "colour");
    g_hash_table_remove (spec.values, "colour");
    ld_file_entry_spec_set (&spec, "relation", "cousin");
    assert_bad_key (&spec, "relation");
    ld_file_entry_spec_set (&spec, "relation", "");
    assert_bad_key (&spec, "relation");   /* required */
    ld_file_entry_spec_set (&spec, "relation", "son");
    ld_file_entry_spec_set (&spec, "birth_date", "2010-02-30");
    assert_bad_key (&spec, "birth_date");
  }

  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "C");
    spec.entry_date = g_strdup ("2023");
    ld_file_entry_spec_set (&spec, "PM1", "已婚");
    assert_bad_key (&spec, "kind");       /* C needs a kind */
    spec.kind = g_strdup ("holiday");
    assert_bad_key (&spec, "kind");
    g_free (spec.kind);
    spec.kind = g_strdup ("annual");
    g_free (spec.entry_date);
    spec.entry_date = g_strdup ("");
    assert_bad_key (&spec, "entry-date"); /* required report year */
    g_free (spec.entry_date);
    spec.entry_date = g_strdup ("2023-05");
    assert_bad_key (&spec, "entry-date"); /* a year, not a month */
    g_free (spec.entry_date);
    spec.entry_date = g_strdup ("2023");
    ld_file_entry_spec_set (&spec, "verification", "concealed");
    g_assert_true (ld_file_entry_spec_validate (&spec, NULL, NULL));
  }

  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    /* E: a field of another kind is refused, an empty one ignored. */
    ld_file_entry_spec_init (&spec, "E");
    spec.kind = g_strdup ("gift-handed-in");
    spec.entry_date = g_strdup ("2024-02-01");
    ld_file_entry_spec_set (&spec, "item", "茶叶");
    ld_file_entry_spec_set (&spec, "value", "800");
    ld_file_entry_spec_set (&spec, "guests", "");
    g_assert_true (ld_file_entry_spec_validate (&spec, NULL, NULL));
    ld_file_entry_spec_set (&spec, "guests", "30");
    assert_bad_key (&spec, "guests");
    ld_file_entry_spec_set (&spec, "guests", "");
    ld_file_entry_spec_set (&spec, "value", "eight hundred");
    assert_bad_key (&spec, "value");
  }

  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "A");
    assert_bad_key (&spec, "section");
    g_free (spec.section);
    spec.section = g_strdup ("Q");
    assert_bad_key (&spec, "section");
  }
}

/* --- The repository ------------------------------------------------------------------ */

static gint64
add_report (Fixture     *f,
            gint64       cadre,
            const char  *year,
            const char  *verification,
            GError     **error)
{
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 id = 0;

  ld_file_entry_spec_init (&spec, "C");
  spec.kind = g_strdup ("annual");
  spec.entry_date = g_strdup (year);
  ld_file_entry_spec_set (&spec, "PM1", "已婚");
  ld_file_entry_spec_set (&spec, "PA3", "住房一套，120平方米\n车库一个");
  ld_file_entry_spec_set (&spec, "verification", verification);
  ld_file_entry_spec_set (&spec, "verification_kind", "random");
  ld_file_entry_repository_create (f->vault, cadre, &spec, &id, error);
  return id;
}

static void
test_create_update_retire (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdFileEntry) entry = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *details = NULL;
  g_auto(GStrv) keys = NULL;
  gint64 id, family, n_versions, n_audit;

  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
  n_audit = ld_test_audit_count (f->vault);
  id = add_report (f, f->cadre_a, "２０２３", "omitted", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions + 1);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit + 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM file_entries WHERE outcome = 'omitted' AND section = 'C'"),
                   ==, 1);

  /* The version names the section's fields; the audit names the entry only. */
  after = query_text (f, "SELECT after FROM cadre_versions ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (after, "C.verification=omitted\n"));
  g_assert_nonnull (strstr (after, "C.entry_date=2023\n"));
  g_assert_nonnull (strstr (after, "C.PA3=住房一套，120平方米\\n车库一个\n"));
  details = query_text (f, "SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (details, "section=C"));
  g_assert_null (strstr (details, "已婚"));
  g_assert_null (strstr (details, "omitted"));
  g_clear_pointer (&details, g_free);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'entry.created'"), ==, 1);

  entry = ld_file_entry_repository_get (f->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ld_file_entry_get_cadre_id (entry), ==, f->cadre_a);
  g_assert_cmpstr (ld_file_entry_get_section (entry), ==, "C");
  g_assert_cmpstr (ld_file_entry_get_kind (entry), ==, "annual");
  g_assert_cmpstr (ld_file_entry_get_entry_date (entry), ==, "2023");
  g_assert_cmpstr (ld_file_entry_get_outcome (entry), ==, "omitted");
  g_assert_cmpstr (ld_file_entry_get_value (entry, "PA3"), ==, "住房一套，120平方米\n车库一个");
  g_assert_cmpstr (ld_file_entry_get_value (entry, "PM2"), ==, "");
  g_assert_cmpstr (ld_file_entry_get_summary (entry), ==, "Annual report · Omission · Random check");
  g_assert_cmpuint (ld_file_entry_get_n_attachments (entry), ==, 0);
  keys = ld_file_entry_dup_keys (entry);
  g_assert_cmpuint (g_strv_length (keys), ==, 4);
  g_assert_cmpstr (keys[0], ==, "PM1");
  g_assert_cmpstr (keys[1], ==, "PA3");
  g_assert_cmpstr (keys[2], ==, "verification");

  /* A copy of the entry as a spec validates and changes nothing. */
  {
    g_auto(LdFileEntrySpec) copy = { 0 };

    ld_file_entry_spec_init_from_entry (&copy, entry);
    g_assert_cmpstr (copy.section, ==, "C");
    g_assert_cmpstr (copy.kind, ==, "annual");
    g_assert_cmpstr (g_hash_table_lookup (copy.values, "verification"), ==, "omitted");
    n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
    g_assert_true (ld_file_entry_repository_update (f->vault, id, &copy, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions);
  }
  g_clear_object (&entry);

  /* A targeted check finds concealment: the outcome follows. */
  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "C");
    spec.kind = g_strdup ("annual");
    spec.entry_date = g_strdup ("2023");
    ld_file_entry_spec_set (&spec, "PM1", "已婚");
    ld_file_entry_spec_set (&spec, "PA3", "住房一套，120平方米\n车库一个");
    ld_file_entry_spec_set (&spec, "verification", "concealed");
    ld_file_entry_spec_set (&spec, "verification_kind", "targeted");
    ld_file_entry_spec_set (&spec, "findings", "未报告另一套住房");
    n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
    g_assert_true (ld_file_entry_repository_update (f->vault, id, &spec, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions + 1);
    before = query_text (f, "SELECT before FROM cadre_versions ORDER BY id DESC LIMIT 1");
    g_clear_pointer (&after, g_free);
    after = query_text (f, "SELECT after FROM cadre_versions ORDER BY id DESC LIMIT 1");
    g_assert_nonnull (strstr (before, "C.verification=omitted\n"));
    g_assert_nonnull (strstr (after, "C.verification=concealed\n"));
    g_assert_null (strstr (after, "C.PM1="));   /* unchanged fields are left out */
    details = query_text (f, "SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1");
    g_assert_nonnull (strstr (details, "fields=verification,verification_kind,findings"));
    g_assert_null (strstr (details, "住房"));
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM file_entries WHERE outcome = 'concealed'"), ==, 1);

    /* The same again changes nothing and writes nothing. */
    n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
    n_audit = ld_test_audit_count (f->vault);
    g_assert_true (ld_file_entry_repository_update (f->vault, id, &spec, &error));
    g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions);
    g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);

    /* An entry cannot move to another section. */
    g_free (spec.section);
    spec.section = g_strdup ("D");
    g_assert_false (ld_file_entry_repository_update (f->vault, id, &spec, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* A family member; the list is in file order, newest first. */
  {
    g_auto(LdFileEntrySpec) spec = { 0 };

    ld_file_entry_spec_init (&spec, "B");
    ld_file_entry_spec_set (&spec, "relation", "spouse");
    ld_file_entry_spec_set (&spec, "name", "王芳");
    ld_file_entry_spec_set (&spec, "abroad", "0");
    g_assert_true (ld_file_entry_repository_create (f->vault, f->cadre_a, &spec, &family, &error));
    g_assert_no_error (error);
  }
  add_report (f, f->cadre_a, "2024", "consistent", &error);
  g_assert_no_error (error);
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (ld_file_entry_get_section (list->pdata[0]), ==, "B");
  g_assert_cmpstr (ld_file_entry_get_summary (list->pdata[0]), ==, "Spouse · 王芳");
  g_assert_cmpstr (ld_file_entry_get_entry_date (list->pdata[1]), ==, "2024");
  g_assert_cmpstr (ld_file_entry_get_entry_date (list->pdata[2]), ==, "2023");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, "c", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (ld_file_entry_repository_list (f->vault, f->cadre_a, "Q", FALSE, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Retire: needs a reason; then read-only and listed only when asked. */
  g_assert_false (ld_file_entry_repository_retire (f->vault, family, "  ", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ld_file_entry_repository_retire (f->vault, family, "Entered twice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM audit_log WHERE event = 'entry.retired'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions WHERE event = 'entry.retired'"), ==, 1);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM file_entries"), ==, 3);
  g_assert_false (ld_file_entry_repository_retire (f->vault, family, "Again", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, NULL, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, NULL, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (ld_file_entry_get_retired_reason (list->pdata[0]), ==, "Entered twice");
  g_assert_cmpint (ld_file_entry_get_retired_at (list->pdata[0]), >, 0);

  /* Refusals write nothing. */
  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");
  n_audit = ld_test_audit_count (f->vault);
  add_report (f, f->cadre_a, "2023", "hidden", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  add_report (f, 9999, "2023", "omitted", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions);
  g_assert_cmpint (ld_test_audit_count (f->vault), ==, n_audit);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(LdFileEntry) entry = NULL;
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 in_a, in_b, n_versions;

  in_a = add_report (f, f->cadre_a, "2023", "consistent", &error);
  g_assert_no_error (error);
  in_b = add_report (f, f->cadre_b, "2023", "omitted", &error);
  g_assert_no_error (error);
  n_versions = ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions");

  /* inv sees unit A only: B's cadre and entry do not exist for inv. */
  ld_test_login (f->vault, "inv");
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ld_file_entry_repository_list (f->vault, f->cadre_b, NULL, TRUE, &error);
  g_assert_null (list);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  entry = ld_file_entry_repository_get (f->vault, in_b, &error);
  g_assert_null (entry);
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  entry = ld_file_entry_repository_get (f->vault, in_a, &error);
  g_assert_no_error (error);
  g_clear_object (&entry);

  ld_file_entry_spec_init (&spec, "C");
  spec.kind = g_strdup ("annual");
  spec.entry_date = g_strdup ("2023");
  ld_file_entry_spec_set (&spec, "verification", "consistent");
  g_assert_false (ld_file_entry_repository_update (f->vault, in_b, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_file_entry_repository_retire (f->vault, in_b, "Not mine", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ld_file_entry_repository_create (f->vault, f->cadre_b, &spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ld_file_entry_repository_update (f->vault, in_a, &spec, &error));
  g_assert_no_error (error);

  /* The viewer reads but never writes. */
  ld_test_login (f->vault, "viewer");
  list = ld_file_entry_repository_list (f->vault, f->cadre_b, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_false (ld_file_entry_repository_create (f->vault, f->cadre_b, &spec, NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_file_entry_repository_update (f->vault, in_b, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (ld_file_entry_repository_retire (f->vault, in_b, "No", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The administrators read no records. */
  ld_test_login (f->vault, LD_TEST_ADMIN);
  g_assert_null (ld_file_entry_repository_get (f->vault, in_a, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  ld_test_login (f->vault, "boss");
  g_assert_cmpint (ld_test_count_rows (f->vault, "SELECT count(*) FROM cadre_versions"), ==, n_versions + 1);
}

static void
test_retired_cadre (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(LdFileEntrySpec) spec = { 0 };
  gint64 id;

  id = add_report (f, f->cadre_a, "2023", "consistent", &error);
  g_assert_no_error (error);
  g_assert_true (ld_cadre_repository_retire (f->vault, f->cadre_a, "Left the service", &error));
  g_assert_no_error (error);

  add_report (f, f->cadre_a, "2024", "consistent", &error);
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  ld_file_entry_spec_init (&spec, "C");
  spec.kind = g_strdup ("change");
  spec.entry_date = g_strdup ("2023");
  g_assert_false (ld_file_entry_repository_update (f->vault, id, &spec, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ld_file_entry_repository_retire (f->vault, id, "Tidy", &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_clear_error (&error);

  /* Still readable. */
  list = ld_file_entry_repository_list (f->vault, f->cadre_a, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-entries/tables", test_tables);
  g_test_add_func ("/file-entries/normalise", test_normalise);
  g_test_add_func ("/file-entries/spec-validate", test_spec_validate);
  g_test_add ("/file-entries/create-update-retire", Fixture, NULL, setup, test_create_update_retire, teardown);
  g_test_add ("/file-entries/scope", Fixture, NULL, setup, test_scope, teardown);
  g_test_add ("/file-entries/retired-cadre", Fixture, NULL, setup, test_retired_cadre, teardown);

  return g_test_run ();
}
