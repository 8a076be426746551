/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "ld-error.h"
#include "records/ld-fulltext-repository.h"
#include "records/ld-scope.h"
#include "records/ld-unit-repository.h"
#include "records/ld-user-repository.h"
#include "search/ld-fts-tokenizer.h"
#include "vault/ld-statement.h"
#include "vault/ld-vault-private.h"

/* Full-text search over 1,000,000 records (issue 4, DESIGN.md "Numbers
 * that matter": ≤ 300 ms), in an encrypted vault made once and kept in
 * $LIANDANG_BUILD_ROOT/bench-data/fulltext-v3 (else $XDG_CACHE_HOME)
 * between runs: 100,000 cadres and 300,000 each of talks, petitions and
 * clues, with generated Chinese text, indexed by the upgrade to schema 5.
 * Measures ld_fulltext_search() (first page of 20, ranked, with snippets)
 * as an investigator who sees every unit, and as one who sees one unit of
 * 200, for a two-character name, a four-character phrase, a Latin word and
 * a very common bigram; the baseline is the same MATCH written directly on
 * the vault's connection, reading every matching docid with its
 * matchinfo (what ranking needs). Prints one line per query: name,
 * project ms, baseline ms, ratio, peak RSS. Fails when a project time is
 * above 300 ms. */

#define N_UNITS     200
#define N_CADRES    100000
#define N_EACH      300000   /* talks, petitions, clues */
#define SEED        20261126
#define ROUNDS      5
#define TARGET_MS   300
#define ACCOUNT     "bench"
#define SCOPED      "scoped"
#define PASSWORD    "Qz-Tower-2026!"
#define ADMIN_PW    "Kp-Harbor-2026!"
#define DATA_NAME   "fulltext-v3"

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
};
static const char * const given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍毅浩宇轩涵欣怡晨雨佳琪思远博文建国华志海燕红梅春花德胜振卫东晓丹婷鹏飞俊嘉雅琴慧淑珍丰三";
static const char * const posts[] = {
  "党委书记", "县长", "副县长", "局长", "副局长", "科长", "副科长", "主任科员", "镇长", "纪委书记",
  "办公室主任", "总经理", "董事长", "校长", "院长",
};
static const char * const problems[] = {
  "收受礼金", "违规吃喝", "公款旅游", "超标准配车", "私车公养", "插手工程项目", "违规发放津贴补贴",
  "操办婚丧喜庆事宜", "收受购物卡", "借用管理服务对象车辆", "违规收送名贵特产", "公款报销个人费用",
  "在招投标中打招呼", "违规兼职取酬", "违规借贷", "接受宴请", "利用职务便利为他人谋利", "形式主义",
  "官僚主义", "工作作风漂浮", "违规使用公务用车", "违规出入私人会所", "虚报冒领补助资金", "优亲厚友",
};
static const char * const fillers[] = {
  "经了解", "据反映", "群众反映", "有关情况如下", "本人表示", "对此作出说明", "态度端正", "认识深刻",
  "存在一定问题", "需要进一步核实", "相关材料已收集", "涉及金额较大", "时间为春节前后", "地点在县城某酒店",
  "已向组织说明情况", "表示今后注意", "问题线索来源于审计", "巡察组移交", "信访举报反映", "谈话中承认",
};
static const char * const companies[] = {
  "Huaxin", "Zhongda", "ABC", "Tianyu", "Hengtong", "XYZ", "Jinma", "Donghai", "Lianhe", "Fengyuan",
};
static const char * const places[] = { "第一会议室", "第二会议室", "纪委谈话室", "县委办公楼", "镇政府" };

static int failures;

static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Aborts with the error of the local variable `error` when expr fails. */
#define CHECK(expr) \
  G_STMT_START { if (!(expr)) g_error ("%s: %s", #expr, error ? error->message : "failed"); } G_STMT_END

static void
append_name (GString *out,
             GRand   *rand)
{
  guint n_given = g_utf8_strlen (given, -1);

  g_string_append (out, surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
  for (int k = g_rand_int_range (rand, 1, 3); k > 0; k--)
    {
      const char *p = g_utf8_offset_to_pointer (given, g_rand_int_range (rand, 0, n_given));

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/* A paragraph of n sentences about problems, names, amounts and companies. */
static char *
paragraph (GRand *rand,
           int    n)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    {
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          append_name (out, rand);
          g_string_append (out, "同志");
          break;
        case 1:
          g_string_append_printf (out, "金额%d元", g_rand_int_range (rand, 1, 200) * 100);
          break;
        case 2:
          g_string_append_printf (out, "%s公司", companies[g_rand_int_range (rand, 0, G_N_ELEMENTS (companies))]);
          break;
        default:
          break;
        }
      g_string_append (out, fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
      g_string_append (out, "，");
      g_string_append (out, problems[g_rand_int_range (rand, 0, G_N_ELEMENTS (problems))]);
      /* About a third of the sentences say 问题. */
      g_string_append (out, g_rand_int_range (rand, 0, 3) == 0 ? "问题。" : "。");
    }
  return g_string_free (out, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           char         *text)
{
  sqlite3_bind_text (stmt, index, text, -1, g_free);
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;

  CHECK (ld_sql_step_done (db, stmt, &error));
  sqlite3_reset (stmt);
}

static void
generate (LdVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) cadre = NULL;
  g_autoptr(sqlite3_stmt) talk = NULL;
  g_autoptr(sqlite3_stmt) petition = NULL;
  g_autoptr(sqlite3_stmt) clue = NULL;
  sqlite3 *db;
  gint64 start = g_get_monotonic_time ();

  CHECK (ld_user_repository_add (vault, "sec", LD_ROLE_SECADMIN, PASSWORD, LD_KDF_INTERACTIVE, &error));
  CHECK (ld_user_repository_add (vault, ACCOUNT, LD_ROLE_INVESTIGATOR, PASSWORD, LD_KDF_INTERACTIVE, &error));
  CHECK (ld_user_repository_add (vault, SCOPED, LD_ROLE_INVESTIGATOR, PASSWORD, LD_KDF_INTERACTIVE, &error));
  CHECK (ld_vault_unlock (vault, "sec", PASSWORD, &error));
  CHECK (ld_user_repository_set_password (vault, "sec", PASSWORD, ADMIN_PW, &error));
  CHECK (ld_scope_grant (vault, ACCOUNT, 0, &error));
  CHECK (ld_vault_unlock (vault, SCOPED, PASSWORD, &error));
  CHECK (ld_user_repository_set_password (vault, SCOPED, PASSWORD, PASSWORD "x", &error));
  CHECK (ld_vault_unlock (vault, ACCOUNT, PASSWORD, &error));
  CHECK (ld_user_repository_set_password (vault, ACCOUNT, PASSWORD, PASSWORD "x", &error));

  /* A flat list of units under one root: the scoped account gets one leaf. */
  for (guint i = 0; i < N_UNITS; i++)
    {
      g_autofree char *name = g_strdup_printf ("单位%03u", i);
      LdUnitSpec spec = { .parent_id = i == 0 ? 0 : g_array_index (units, gint64, 0), .name = name,
                          .kind = "government-organ" };
      gint64 id = 0;

      CHECK (ld_unit_repository_create (vault, &spec, &id, &error));
      g_array_append_val (units, id);
    }
  CHECK (ld_vault_unlock (vault, "sec", ADMIN_PW, &error));
  CHECK (ld_scope_grant (vault, SCOPED, g_array_index (units, gint64, N_UNITS - 1), &error));
  CHECK (ld_vault_unlock (vault, ACCOUNT, PASSWORD "x", &error));

  /* Load the records into a schema 4 vault, then let the upgrade to
   * schema 5 index them all at once (faster than the triggers row by row,
   * and it measures the step's fill at scale). */
  db = _ld_vault_get_db (vault);
  {
    g_autofree char *drops = ld_sql_query_text (db, "SELECT group_concat ('DROP TRIGGER \"' || name || '\";', ' ')"
                                                    " FROM sqlite_master WHERE type = 'trigger'"
                                                    " AND name LIKE 'fulltext%'", &error);

    CHECK (drops != NULL);
    CHECK (ld_sql_exec (db, drops, &error));
    CHECK (ld_sql_exec (db, "DROP TABLE fulltext; DROP TABLE fulltext_docs;"
                            " DROP INDEX petitions_owing; DROP INDEX talks_written_owed;"
                            " DROP TABLE ledger_progress; DROP TABLE ledger_items; DROP TABLE recommendation_events;"
                            " DROP TABLE recommendations; DROP TABLE opinion_items; DROP TABLE opinion_requests;"
                            " DROP TABLE measure_events; DROP TABLE measures; DROP TABLE measure_forms;"
                            " PRAGMA user_version = 4", &error));
  }
  cadre = ld_sql_prepare (db, "INSERT INTO cadres (unit_id, name, id_number, post, created_at, updated_at)"
                              " VALUES (?, ?, ?, ?, 0, 0)", &error);
  talk = ld_sql_prepare (db, "INSERT INTO talks (reg_no, unit_id, type, talk_date, place, talkers, reason, problems,"
                             " explanation, attitude, account, created_at, updated_at)"
                             " VALUES (?, ?, 'remind', '2026-01-05', ?, ?, ?, ?, ?, '态度端正', 'bench', 0, 0)",
                         &error);
  petition = ld_sql_prepare (db, "INSERT INTO petitions (reg_no, unit_id, kind, channel, received_date, summary,"
                                 " full_text, status, account, created_at, updated_at)"
                                 " VALUES (?, ?, 'accusation', 'CH_LETTER', '2026-01-05', ?, ?, 'registered', 'bench',"
                                 " 0, 0)", &error);
  clue = ld_sql_prepare (db, "INSERT INTO clues (reg_no, unit_id, source, received_date, summary, person_name, status,"
                             " account, created_at, updated_at)"
                             " VALUES (?, ?, 'SRC_AUDIT', '2026-01-05', ?, ?, 'registered', 'bench', 0, 0)", &error);
  CHECK (cadre != NULL && talk != NULL && petition != NULL && clue != NULL);

  CHECK (_ld_vault_begin (vault, &error));
  for (guint i = 0; i < N_CADRES; i++)
    {
      GString *name = g_string_new (NULL);

      append_name (name, rand);
      sqlite3_bind_int64 (cadre, 1, g_array_index (units, gint64, g_rand_int_range (rand, 0, N_UNITS)));
      bind_text (cadre, 2, g_string_free (name, FALSE));
      bind_text (cadre, 3, g_strdup_printf ("1101051970%08u", i));
      sqlite3_bind_text (cadre, 4, posts[g_rand_int_range (rand, 0, G_N_ELEMENTS (posts))], -1, SQLITE_STATIC);
      step (db, cadre);
    }
  for (guint i = 0; i < N_EACH; i++)
    {
      GString *talkers = g_string_new (NULL);
      GString *person = g_string_new (NULL);
      gint64 unit = g_array_index (units, gint64, g_rand_int_range (rand, 0, N_UNITS));

      append_name (talkers, rand);
      g_string_append_c (talkers, '\n');
      append_name (talkers, rand);
      bind_text (talk, 1, g_strdup_printf ("%u-T%06u", 2020 + i % 7, i));
      sqlite3_bind_int64 (talk, 2, unit);
      sqlite3_bind_text (talk, 3, places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))], -1, SQLITE_STATIC);
      bind_text (talk, 4, g_string_free (talkers, FALSE));
      bind_text (talk, 5, paragraph (rand, 1));
      bind_text (talk, 6, paragraph (rand, 2));
      bind_text (talk, 7, paragraph (rand, 2));
      step (db, talk);

      bind_text (petition, 1, g_strdup_printf ("%u-%06u", 2020 + i % 7, i));
      sqlite3_bind_int64 (petition, 2, g_array_index (units, gint64, g_rand_int_range (rand, 0, N_UNITS)));
      bind_text (petition, 3, paragraph (rand, 1));
      bind_text (petition, 4, paragraph (rand, 5));
      step (db, petition);

      append_name (person, rand);
      bind_text (clue, 1, g_strdup_printf ("%u-X%06u", 2020 + i % 7, i));
      sqlite3_bind_int64 (clue, 2, g_array_index (units, gint64, g_rand_int_range (rand, 0, N_UNITS)));
      bind_text (clue, 3, paragraph (rand, 2));
      bind_text (clue, 4, g_string_free (person, FALSE));
      step (db, clue);

      if (i % 50000 == 49999)
        {
          CHECK (_ld_vault_commit (vault, &error));
          g_print ("# %u of each … %.0f s\n", i + 1, (g_get_monotonic_time () - start) / 1e6);
          CHECK (_ld_vault_begin (vault, &error));
        }
    }
  CHECK (_ld_vault_commit (vault, &error));
  g_print ("# generated %d records in %.1f s\n", N_CADRES + 3 * N_EACH, (g_get_monotonic_time () - start) / 1e6);
}

/* The vault, made once. */
static LdVault *
open_vault (void)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("LIANDANG_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : g_get_user_cache_dir (), root ? "bench-data" : "liandang-bench",
                                           DATA_NAME, NULL);
  g_autofree char *path = g_build_filename (dir, "vault", NULL);
  g_autofree char *done = g_build_filename (dir, "complete", NULL);
  LdVault *vault;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    {
      vault = ld_vault_new (path);
      if (ld_vault_unlock (vault, ACCOUNT, PASSWORD "x", &error) && !ld_vault_get_session (vault)->must_change_password)
        return vault;
      g_print ("# cached data unusable (%s): making it again\n", error ? error->message : "password expired");
      g_clear_error (&error);
      ld_vault_lock (vault, "exit");
      g_object_unref (vault);
    }
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_str_has_suffix (dir, "/" DATA_NAME));
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  vault = ld_vault_new (path);
  CHECK (ld_vault_create (vault, "root", ADMIN_PW, LD_KDF_INTERACTIVE, &error));
  generate (vault);
  ld_vault_lock (vault, "exit");
  {
    gint64 start = g_get_monotonic_time ();

    CHECK (ld_vault_unlock (vault, ACCOUNT, PASSWORD "x", &error));
    g_print ("# indexed them (schema 5) in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  }
  g_assert_true (g_file_set_contents (done, "", 0, NULL));
  return vault;
}

/* --- Measuring ---------------------------------------------------------------------- */

typedef gsize (*Work) (LdVault *vault, const char *query);

static double
median (double *times)
{
  for (int i = 1; i < ROUNDS; i++)
    for (int j = i; j > 0 && times[j - 1] > times[j]; j--)
      {
        double t = times[j];
        times[j] = times[j - 1];
        times[j - 1] = t;
      }
  return times[ROUNDS / 2];
}

static gsize
run_search (LdVault    *vault,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  guint total = 0;

  hits = ld_fulltext_search (vault, query, NULL, 20, 0, &total, &error);
  CHECK (hits != NULL);
  return total;
}

/* The same MATCH on the same connection: every matching docid with the
 * matchinfo a ranking reads. */
static gsize
run_raw (LdVault    *vault,
         const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *match = ld_fts_query_build (query);
  g_autoptr(sqlite3_stmt) stmt = ld_sql_prepare (_ld_vault_get_db (vault),
                                                 "SELECT docid, matchinfo (fulltext, 'pcy') FROM fulltext"
                                                 " WHERE fulltext MATCH ?1", &error);
  gsize n = 0;

  CHECK (stmt != NULL);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  return n;
}

static void
measure (LdVault    *vault,
         const char *name,
         const char *query)
{
  double times[ROUNDS], base_times[ROUNDS];
  double project, baseline, ratio;
  gsize total = run_search (vault, query);
  gsize matches = run_raw (vault, query);

  for (int r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      run_search (vault, query);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      run_raw (vault, query);
      base_times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  project = median (times);
  baseline = median (base_times);
  ratio = baseline > 0 ? project / baseline : 0;
  /* printf, not g_print: names hold UTF-8 whatever the locale. */
  printf ("%-24s project %8.1f ms  baseline %8.1f ms  ratio %5.2f  peak RSS %6.1f MiB"
          "  (%" G_GSIZE_FORMAT " hits, %" G_GSIZE_FORMAT " matches, target %d ms)%s\n",
          name, project, baseline, ratio, peak_rss_mib (), total, matches, TARGET_MS,
          project > TARGET_MS ? "  FAIL" : "");
  fflush (stdout);
  if (project > TARGET_MS)
    failures++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdVault) vault = NULL;
  gint64 n_docs = 0;
  static const struct
  {
    const char *name;
    const char *query;
  } queries[] = {
    { "name 张伟", "张伟" },
    { "phrase 收受礼金", "收受礼金" },
    { "latin huaxin", "Huaxin" },
    { "common 问题", "问题" },
    { "two terms 违规 5000", "违规 5000" },
  };

  g_test_init (&argc, &argv, NULL);
  vault = open_vault ();
  CHECK (ld_sql_query_int64 (_ld_vault_get_db (vault), "SELECT count(*) FROM fulltext_docs", 0, &n_docs, &error));
  printf ("# %" G_GINT64_FORMAT " documents in the index\n", n_docs);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    measure (vault, queries[i].name, queries[i].query);

  /* An investigator who sees one unit of 200: most candidates are skipped. */
  CHECK (ld_vault_unlock (vault, SCOPED, PASSWORD "x", &error));
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *name = g_strconcat ("scoped ", queries[i].name, NULL);

      measure (vault, name, queries[i].query);
    }

  ld_vault_lock (vault, "exit");
  return failures > 0 ? 1 : 0;
}
