/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-categories.h"
#include "rules/ld-code-tables.h"
#include "rules/ld-password-policy.h"
#include "rules/ld-permissions.h"

/* The expected matrix, written out independently of rules/ld-permissions.c:
 * S = sysadmin, C = security administrator (secadmin), A = auditor,
 * I = investigator, L = leader, V = viewer. */
static const struct
{
  LdAction    action;
  const char *roles;
  LdGrant     grant;
} expected[] = {
  { LD_ACTION_ACCOUNT_LIST, "SCA", 0 },
  { LD_ACTION_ACCOUNT_CREATE, "S", 0 },
  { LD_ACTION_ACCOUNT_DISABLE, "S", 0 },
  { LD_ACTION_ACCOUNT_RESET_PASSWORD, "S", 0 },
  { LD_ACTION_ACCOUNT_CHANGE_ROLE, "S", 0 },
  { LD_ACTION_ACCOUNT_UNLOCK, "C", 0 },
  { LD_ACTION_GRANT_CHANGE, "C", 0 },
  { LD_ACTION_SCOPE_CHANGE, "C", 0 },
  { LD_ACTION_POLICY_VIEW, "SCA", 0 },
  { LD_ACTION_POLICY_CHANGE, "C", 0 },
  { LD_ACTION_AUDIT_VIEW, "A", 0 },
  { LD_ACTION_AUDIT_VERIFY, "A", 0 },
  { LD_ACTION_VAULT_INFO, "SCAILV", 0 },
  { LD_ACTION_BACKUP, "S", 0 },
  { LD_ACTION_SETTINGS_CHANGE, "S", 0 },
  { LD_ACTION_RECORD_READ, "ILV", 0 },
  { LD_ACTION_RECORD_WRITE, "I", 0 },
  { LD_ACTION_RECORD_APPROVE, "L", 0 },
  { LD_ACTION_EXPORT, "ILV", LD_GRANT_EXPORT },
  { LD_ACTION_PRINT, "ILV", LD_GRANT_PRINT },
  { LD_ACTION_REPORTER_IDENTITY, "IL", LD_GRANT_REPORTER_IDENTITY },
};

static const char role_letters[LD_N_ROLES] = { '-', 'S', 'C', 'A', 'I', 'L', 'V' };

static void
test_matrix_every_cell (void)
{
  g_assert_cmpint (G_N_ELEMENTS (expected), ==, LD_N_ACTIONS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (int role = LD_ROLE_NONE; role < LD_N_ROLES; role++)
      for (LdGrant grants = 0; grants <= LD_GRANT_ALL; grants++)
        {
          gboolean role_ok = role != LD_ROLE_NONE && strchr (expected[i].roles, role_letters[role]) != NULL;
          gboolean grant_ok = (grants & expected[i].grant) == expected[i].grant;
          gboolean want = role_ok && grant_ok;
          g_autoptr(GError) error = NULL;
          gboolean got = ld_permission_check (role, grants, expected[i].action, &error);

          if (got != want)
            g_error ("action %s role %s grants %u: expected %d, got %d",
                     ld_action_to_string (expected[i].action), ld_role_to_string (role), grants, want, got);
          if (!got)
            {
              g_assert_error (error, LD_ERROR, LD_ERROR_PERMISSION_DENIED);
              g_assert_nonnull (error->message);
            }
          else
            g_assert_no_error (error);
        }
}

static void
test_admins_never_read_records (void)
{
  const LdAction content[] = { LD_ACTION_RECORD_READ, LD_ACTION_RECORD_WRITE, LD_ACTION_RECORD_APPROVE,
                               LD_ACTION_EXPORT, LD_ACTION_PRINT, LD_ACTION_REPORTER_IDENTITY };

  for (int role = LD_ROLE_SYSADMIN; role <= LD_ROLE_AUDITOR; role++)
    {
      g_assert_true (ld_role_is_admin (role));
      g_assert_false (ld_role_is_business (role));
      for (guint i = 0; i < G_N_ELEMENTS (content); i++)
        g_assert_false (ld_permission_allows (role, LD_GRANT_ALL, content[i]));
    }
  /* Only the auditor reads the trail; the auditor changes nothing else. */
  for (int role = LD_ROLE_SYSADMIN; role < LD_N_ROLES; role++)
    g_assert_cmpint (ld_permission_allows (role, LD_GRANT_ALL, LD_ACTION_AUDIT_VIEW), ==, role == LD_ROLE_AUDITOR);
  for (int action = 0; action < LD_N_ACTIONS; action++)
    if (action != LD_ACTION_AUDIT_VIEW && action != LD_ACTION_AUDIT_VERIFY && action != LD_ACTION_ACCOUNT_LIST
        && action != LD_ACTION_POLICY_VIEW && action != LD_ACTION_VAULT_INFO)
      g_assert_false (ld_permission_allows (LD_ROLE_AUDITOR, LD_GRANT_ALL, action));
}

static void
test_names_round_trip (void)
{
  const char *roles[] = { "sysadmin", "secadmin", "auditor", "investigator", "leader", "viewer" };
  LdKdfProfile profile;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      LdRole role = ld_role_from_string (roles[i]);
      g_assert_cmpint (role, ==, LD_ROLE_SYSADMIN + (int) i);
      g_assert_cmpstr (ld_role_to_string (role), ==, roles[i]);
      g_assert_cmpstr (ld_role_get_label (role), !=, "");
    }
  g_assert_cmpint (ld_role_from_string ("root"), ==, LD_ROLE_NONE);
  g_assert_cmpint (ld_role_from_string (NULL), ==, LD_ROLE_NONE);
  g_assert_cmpint (ld_grant_from_string ("export"), ==, LD_GRANT_EXPORT);
  g_assert_cmpint (ld_grant_from_string ("print"), ==, LD_GRANT_PRINT);
  g_assert_cmpint (ld_grant_from_string ("reporter-identity"), ==, LD_GRANT_REPORTER_IDENTITY);
  g_assert_cmpint (ld_grant_from_string ("all"), ==, LD_GRANT_NONE);
  g_assert_true (ld_kdf_profile_from_string ("sensitive", &profile));
  g_assert_cmpint (profile, ==, LD_KDF_SENSITIVE);
  g_assert_false (ld_kdf_profile_from_string ("fast", &profile));
  {
    g_autofree char *s = ld_grants_format (LD_GRANT_EXPORT | LD_GRANT_PRINT);
    g_assert_cmpstr (s, ==, "Export, Print");
  }
}

static void
test_password_policy (void)
{
  LdPolicy policy;
  const struct
  {
    const char *account;
    const char *password;
    gboolean    ok;
  } cases[] = {
    { "alice", "Short1!", FALSE },            /* 7 characters */
    { "alice", "alllowercase", FALSE },       /* one class */
    { "alice", "lowerUPPERonly", FALSE },     /* two classes */
    { "alice", "Lower-UPPER-1", TRUE },
    { "alice", "xxAlice-2024!", FALSE },      /* contains the account name */
    { "alice", "Ten-chars1", TRUE },          /* exactly 10 */
    { "alice", "Nine-ch1!", FALSE },          /* 9 */
    { "wang", "廉政档案Abc-123", TRUE },       /* CJK counts as a symbol class */
    { "wang", "12345678901", FALSE },
  };

  ld_policy_init_defaults (&policy);
  g_assert_cmpint (policy.min_length, ==, 10);
  g_assert_cmpint (policy.min_classes, ==, 3);
  g_assert_cmpint (policy.expiry_days, ==, 90);
  g_assert_cmpint (policy.history, ==, 5);
  g_assert_cmpint (policy.lockout_threshold, ==, 5);
  g_assert_cmpint (policy.idle_lock_minutes, ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = ld_password_check (&policy, cases[i].account, cases[i].password, &error);

      if (ok != cases[i].ok)
        g_error ("case %u (%s): expected %d", i, cases[i].password, cases[i].ok);
      if (!ok)
        g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
}

static void
test_policy_values (void)
{
  LdPolicy policy;
  const struct
  {
    const char *key;
    const char *value;
    gboolean    ok;
  } cases[] = {
    { "min-length", "12", TRUE },
    { "min-length", "7", FALSE },
    { "min-length", "abc", FALSE },
    { "min-length", "12x", FALSE },
    { "min-classes", "4", TRUE },
    { "min-classes", "5", FALSE },
    { "expiry-days", "0", TRUE },
    { "history", "-1", FALSE },
    { "idle-lock-minutes", "0", FALSE },     /* never off */
    { "idle-lock-minutes", "15", TRUE },
    { "lockout-threshold", "2", FALSE },
    { "lockout-minutes", "0", TRUE },
    { "no-such-key", "1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ld_policy_init_defaults (&policy);
      ok = ld_policy_set (&policy, cases[i].key, cases[i].value, &error);
      if (ok != cases[i].ok)
        g_error ("case %u (%s=%s): expected %d", i, cases[i].key, cases[i].value, cases[i].ok);
      if (ok)
        g_assert_cmpint (ld_policy_get (&policy, cases[i].key), ==, atoi (cases[i].value));
      else
        g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
  for (const char * const *k = ld_policy_keys (); *k; k++)
    g_assert_cmpstr (ld_policy_key_get_label (*k), !=, "");
}

static void
test_expiry (void)
{
  LdPolicy policy;

  ld_policy_init_defaults (&policy);
  g_assert_false (ld_password_is_expired (&policy, 1000, 1000 + 89 * 86400));
  g_assert_true (ld_password_is_expired (&policy, 1000, 1000 + 90 * 86400));
  policy.expiry_days = 0;
  g_assert_false (ld_password_is_expired (&policy, 0, G_MAXINT32));
}

static void
test_account_names (void)
{
  const char *good[] = { "admin", "wang.li", "zhang_san-2", "王小明", "ab" };
  const char *bad[] = { "", "a", "has space", "semi;colon", "x/y", "[group]",
                        "abcdefghijabcdefghijabcdefghijabc", "tab\tname" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (ld_account_name_check (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (ld_account_name_check (bad[i], &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
    }
}

static void
test_exit_codes (void)
{
  const struct
  {
    LdError code;
    int     exit;
  } cases[] = {
    { LD_ERROR_FAILED, 1 }, { LD_ERROR_USAGE, 2 }, { LD_ERROR_WRONG_PASSWORD, 3 },
    { LD_ERROR_ACCOUNT_LOCKED, 3 }, { LD_ERROR_ACCOUNT_DISABLED, 3 }, { LD_ERROR_PASSWORD_EXPIRED, 3 },
    { LD_ERROR_VAULT_DAMAGED, 4 }, { LD_ERROR_NOT_A_VAULT, 4 }, { LD_ERROR_PERMISSION_DENIED, 5 },
    { LD_ERROR_INVALID, 6 }, { LD_ERROR_NOT_FOUND, 6 }, { LD_ERROR_VAULT_IN_USE, 1 },
  };

  g_assert_cmpint (ld_error_exit_code (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (LD_ERROR, cases[i].code, "x");
      g_assert_cmpint (ld_error_exit_code (error), ==, cases[i].exit);
    }
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
    g_assert_cmpint (ld_error_exit_code (error), ==, 1);
  }
}

/* GB/T 3304-1991, written out independently of rules/ld-code-tables.c: the
 * n-th name has code n. */
static const char ethnic_names[] =
  "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 "
  "黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 "
  "撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 "
  "京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族";

/* Every code: its label, its Chinese name with and without 族, all found
 * back; 97 and 98 close the table. */
static void
test_ethnicity_round_trip (void)
{
  g_auto(GStrv) names = g_strsplit (ethnic_names, " ", -1);
  const LdCode *codes;
  guint n = 0;

  g_assert_cmpuint (g_strv_length (names), ==, 56);
  codes = ld_code_table_get (LD_CODE_TABLE_ETHNICITY, &n);
  g_assert_nonnull (codes);
  g_assert_cmpuint (n, ==, 56 + 2);
  g_assert_cmpstr (codes[56].code, ==, "97");
  g_assert_cmpstr (codes[57].code, ==, "98");
  g_assert_cmpstr (ld_code_get_chinese_name (LD_CODE_TABLE_ETHNICITY, "97"), ==, "其他未识别民族");
  g_assert_cmpstr (ld_code_get_chinese_name (LD_CODE_TABLE_ETHNICITY, "98"), ==, "外国血统中国籍人士");

  for (guint i = 0; i < n; i++)
    {
      const char *code = codes[i].code;
      const char *chinese = ld_code_get_chinese_name (LD_CODE_TABLE_ETHNICITY, code);

      g_test_message ("ethnicity %s %s", code, codes[i].label);
      if (i < 56)
        {
          g_autofree char *expected_code = g_strdup_printf ("%02u", i + 1);
          g_autofree char *bare = g_strndup (names[i], strlen (names[i]) - strlen ("族"));

          g_assert_cmpstr (code, ==, expected_code);
          g_assert_cmpstr (chinese, ==, names[i]);
          g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, bare), ==, code);
        }
      g_assert_cmpstr (codes[i].label, !=, "");
      g_assert_cmpstr (ld_code_get_label (LD_CODE_TABLE_ETHNICITY, code), ==, codes[i].label);
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, code), ==, code);
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, codes[i].label), ==, code);
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, chinese), ==, code);
    }

  /* The English source names, whatever the locale of the test. */
  g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, "Han"), ==, "01");
  g_assert_null (ld_code_get_label (LD_CODE_TABLE_ETHNICITY, "57"));
  g_assert_null (ld_code_get_chinese_name (LD_CODE_TABLE_ETHNICITY, "57"));
  g_assert_null (ld_code_get_chinese_name (LD_CODE_TABLE_ETHNICITY, NULL));
  g_assert_null (ld_code_get_chinese_name ("no-such-table", "01"));
}

/* Text in imported rosters → ethnicity code; NULL: refused. */
static const struct
{
  const char *text;
  const char *code;
} ethnicity_cases[] = {
  { "汉", "01" },
  { "汉族", "01" },
  { " 汉 族 ", "01" },
  { "壮族", "08" },
  { "壮", "08" },
  { "维吾尔族", "05" },
  { "维吾尔", "05" },
  { "维族", "05" },
  { "朝鲜族", "10" },
  { "朝鲜", "10" },
  { "蒙古", "02" },
  { "蒙族", "02" },
  { "土家族", "15" },
  { "土族", "30" },
  { "土", "30" },
  { "柯尔克孜族", "29" },
  { "崩龙族", "46" },        /* 德昂族 before 1985 */
  { "其他", "97" },
  { "其他未识别民族", "97" },
  { "穿青人", "97" },
  { "外国血统中国籍人士", "98" },
  { "外国血统", "98" },
  { "01", "01" },
  { "０１", "01" },          /* full width */
  { "1", "01" },             /* a spreadsheet number */
  { "56", "56" },
  { "HA", "01" },            /* GB/T 3304 letter code */
  { "ug", "05" },
  { "Han", "01" },
  { "HAN", "01" },
  { "Uygur", "05" },         /* GB/T 3304 romanisation */
  { "Uyghur", "05" },
  { "Korean", "10" },
  { "Russ", "44" },
  { "De’ang", "46" },
  /* Refused. */
  { "", NULL },
  { "族", NULL },
  { "汉人", NULL },
  { "汉族人", NULL },
  { "火星族", NULL },
  { "0", NULL },
  { "00", NULL },
  { "57", NULL },
  { "99", NULL },
  { "其它民族族", NULL },
  { "中共党员", NULL },      /* another table */
  { "\xff", NULL },
};

static void
test_ethnicity_aliases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ethnicity_cases); i++)
    {
      const char *text = ethnicity_cases[i].text;

      g_test_message ("ethnicity “%s”", g_utf8_validate (text, -1, NULL) ? text : "(not UTF-8)");
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, text), ==, ethnicity_cases[i].code);
    }
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_ETHNICITY, NULL));
  /* The ethnicity names stay out of the other tables. */
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, "汉族"));
}

/* Text → degree code (GB/T 6864 main codes); NULL: refused. */
static const struct
{
  const char *text;
  const char *code;
} degree_cases[] = {
  { "名誉博士", "1" },
  { "博士", "2" },
  { "硕士", "3" },
  { "学士", "4" },
  { "博士学位", "2" },
  { "学士学位", "4" },
  { "法学学士", "4" },
  { "法学学士学位", "4" },
  { "工学硕士", "3" },
  { "工学硕士学位", "3" },
  { "管理学博士", "2" },
  { "经济学博士", "2" },
  { "艺术学学士", "4" },
  { "医学硕士", "3" },
  { "建筑学学士", "4" },
  { "工商管理硕士(MBA)", "3" },
  { "工商管理硕士（MBA）", "3" },
  { "工商管理硕士", "3" },
  { "MBA", "3" },
  { "MBA（工商管理硕士）", "3" },
  { "公共管理硕士(MPA)", "3" },
  { "公共管理硕士", "3" },
  { "法律硕士", "3" },
  { "法律硕士专业学位", "3" },
  { "教育硕士", "3" },
  { "临床医学博士专业学位", "2" },
  { "法学学士（双学位）", "4" },
  { "1", "1" },
  { "２", "2" },
  { "201", "2" },
  { "212", "2" },
  { "301", "3" },
  { "346", "3" },            /* 工商管理硕士 */
  { "349", "3" },            /* 公共管理硕士 */
  { "412", "4" },
  { "444", "4" },            /* 建筑学学士 */
  { "Ph.D.", "2" },
  { "phd", "2" },
  { "Master’s degree", "3" },
  { "bachelor’s degree", "4" },
  /* Refused: education levels, near misses, unknown codes. */
  { "", NULL },
  { "本科", NULL },
  { "研究生", NULL },
  { "硕士研究生", NULL },
  { "博士研究生", NULL },
  { "无", NULL },
  { "学位", NULL },
  { "法学", NULL },
  { "法学学", NULL },
  { "副博士", NULL },
  { "(MBA)", NULL },
  { "()", NULL },
  { "硕士(", NULL },
  { "0", NULL },
  { "5", NULL },
  { "213", NULL },
  { "300", NULL },
};

static void
test_degrees (void)
{
  static const char * const chinese[] = { "名誉博士", "博士", "硕士", "学士" };
  const LdCode *codes;
  guint n = 0;

  codes = ld_code_table_get (LD_CODE_TABLE_DEGREE, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (chinese));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (codes[i].code, ==, code);
      g_assert_cmpstr (codes[i].label, !=, "");
      g_assert_cmpstr (ld_code_get_label (LD_CODE_TABLE_DEGREE, code), ==, codes[i].label);
      g_assert_cmpstr (ld_code_get_chinese_name (LD_CODE_TABLE_DEGREE, code), ==, chinese[i]);
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_DEGREE, codes[i].label), ==, code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (degree_cases); i++)
    {
      g_test_message ("degree “%s”", degree_cases[i].text);
      g_assert_cmpstr (ld_code_find_by_label (LD_CODE_TABLE_DEGREE, degree_cases[i].text), ==,
                       degree_cases[i].code);
    }
  /* Bracket notes are a degree matter only. */
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_POLITICAL_STATUS, "中共党员(预备)"));
  g_assert_null (ld_code_find_by_label (LD_CODE_TABLE_EDUCATION, "法学学士"));
}

/* The list of tables keeps its twelve; the person tables are reached by
 * name. */
static void
test_table_names (void)
{
  const char * const *names = ld_code_table_names ();

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 12);
  g_assert_false (g_strv_contains (names, LD_CODE_TABLE_ETHNICITY));
  g_assert_false (g_strv_contains (names, LD_CODE_TABLE_DEGREE));
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint n = 0;
      const LdCode *codes = ld_code_table_get (names[i], &n);

      /* Every code of the listed tables that has a Chinese alias finds it back. */
      for (guint j = 0; j < n; j++)
        {
          const char *chinese = ld_code_get_chinese_name (names[i], codes[j].code);
          if (chinese != NULL)
            g_assert_cmpstr (ld_code_find_by_label (names[i], chinese), ==, codes[j].code);
        }
    }
  g_assert_cmpstr (ld_code_get_chinese_name (LD_CODE_TABLE_POLITICAL_STATUS, "01"), ==, "中国共产党党员");
  g_assert_cmpstr (ld_code_get_chinese_name (LD_CODE_TABLE_LEADING_POST, "L07"), ==, "县处级正职");
}

/* The principal-post (正职) variants of the young-cadre threshold. Reference
 * dates and birthdays around the 45th/46th (县处级) and 50th/51st (厅局级)
 * birthdays. xianchu and tingju: the variant's value, NULL = left at its
 * default 0. */
static const struct
{
  const char *level;
  int         by, bm, bd;
  int         ry, rm, rd;
  const char *xianchu;
  const char *tingju;
  gboolean    young;
  const char *why;        /* the end of the explanation when young */
} principal_cases[] = {
  /* 正处 ≤ 45: exactly 45 on the reference date → still young. */
  { "L07", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  /* The day before the 46th birthday, the 46th birthday, the day after. */
  { "L07", 1980, 3, 2, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  { "L07", 1980, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  { "L07", 1980, 2, 28, 2026, 3, 1, "45", NULL, FALSE, NULL },
  /* Born on 29 February: 45 up to 28 February 2026, 46 from 1 March. */
  { "L07", 1980, 2, 29, 2026, 2, 28, "45", NULL, TRUE,
    "born 1980-02-29, age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  { "L07", 1980, 2, 29, 2026, 3, 1, "45", NULL, FALSE, NULL },
  /* Variant unset: the level's 40 applies to the same cadres. */
  { "L07", 1981, 3, 1, 2026, 3, 1, NULL, NULL, FALSE, NULL },
  { "L07", 1986, 3, 1, 2026, 3, 1, NULL, NULL, TRUE, "age 40 ≤ 40 (threshold for county or division level)" },
  { "L07", 1985, 3, 1, 2026, 3, 1, NULL, NULL, FALSE, NULL },
  { "L07", 1981, 3, 1, 2026, 3, 1, "0", NULL, FALSE, NULL },
  /* Principal ranks, old titles and staff grades of the level. */
  { "J03", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  { "J04", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  { "old-diaoyanyuan", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  { "Z05", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE,
    "age 45 ≤ 45 (threshold for principal posts and ranks at county or division level)" },
  /* Deputies and a bare level keep the level's 40. */
  { "L08", 1981, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  { "L08", 1986, 3, 1, 2026, 3, 1, "45", NULL, TRUE, "age 40 ≤ 40 (threshold for county or division level)" },
  { "J05", 1981, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  { "J06", 1981, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  { "old-fudiaoyanyuan", 1981, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  { "xianchu", 1981, 3, 1, 2026, 3, 1, "45", NULL, FALSE, NULL },
  /* A variant below the level's threshold replaces it too. */
  { "L07", 1987, 3, 1, 2026, 3, 1, "38", NULL, FALSE, NULL },
  { "L07", 1988, 3, 1, 2026, 3, 1, "38", NULL, TRUE,
    "age 38 ≤ 38 (threshold for principal posts and ranks at county or division level)" },
  /* 正厅 ≤ 50. */
  { "L05", 1976, 3, 1, 2026, 3, 1, NULL, "50", TRUE,
    "age 50 ≤ 50 (threshold for principal posts and ranks at bureau or prefecture level)" },
  { "L05", 1975, 3, 2, 2026, 3, 1, NULL, "50", TRUE,
    "age 50 ≤ 50 (threshold for principal posts and ranks at bureau or prefecture level)" },
  { "L05", 1975, 3, 1, 2026, 3, 1, NULL, "50", FALSE, NULL },
  { "J01", 1976, 3, 1, 2026, 3, 1, NULL, "50", TRUE,
    "age 50 ≤ 50 (threshold for principal posts and ranks at bureau or prefecture level)" },
  { "old-xunshiyuan", 1976, 3, 1, 2026, 3, 1, NULL, "50", TRUE,
    "age 50 ≤ 50 (threshold for principal posts and ranks at bureau or prefecture level)" },
  { "L06", 1976, 3, 1, 2026, 3, 1, NULL, "50", FALSE, NULL },
  { "J02", 1981, 3, 1, 2026, 3, 1, NULL, "50", TRUE, "age 45 ≤ 45 (threshold for bureau or prefecture level)" },
  { "L05", 1976, 3, 1, 2026, 3, 1, NULL, NULL, FALSE, NULL },
  /* Each variant stays at its level. */
  { "L05", 1981, 3, 1, 2026, 3, 1, "45", NULL, TRUE, "age 45 ≤ 45 (threshold for bureau or prefecture level)" },
  { "L05", 1976, 3, 1, 2026, 3, 1, "50", NULL, FALSE, NULL },
  { "L07", 1976, 3, 1, 2026, 3, 1, NULL, "50", FALSE, NULL },
  { "L09", 1990, 3, 1, 2026, 3, 1, "45", "50", FALSE, NULL },
  { "L09", 1991, 3, 1, 2026, 3, 1, "45", "50", TRUE, "age 35 ≤ 35 (threshold for township or section level)" },
};

static void
test_young_principal_variants (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (principal_cases); i++)
    {
      g_auto(LdCategoryRules) rules = { 0 };
      g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
      GDate ref;
      LdCadreFacts facts = {
        .birth_year = principal_cases[i].by,
        .birth_month = principal_cases[i].bm,
        .birth_day = principal_cases[i].bd,
        .rank_level = principal_cases[i].level,
        .principal_post = TRUE,  /* 一把手 or not does not matter here */
      };
      LdCategory got;

      g_test_message ("%s born %d-%02d-%02d at %d-%02d-%02d, xianchu-zheng %s, tingju-zheng %s",
                      principal_cases[i].level, principal_cases[i].by, principal_cases[i].bm,
                      principal_cases[i].bd, principal_cases[i].ry, principal_cases[i].rm, principal_cases[i].rd,
                      principal_cases[i].xianchu, principal_cases[i].tingju);
      ld_category_rules_init_defaults (&rules);
      if (principal_cases[i].xianchu != NULL)
        g_assert_true (ld_category_rules_set (&rules, "young-max-age-xianchu-zheng", principal_cases[i].xianchu,
                                              NULL));
      if (principal_cases[i].tingju != NULL)
        g_assert_true (ld_category_rules_set (&rules, "young-max-age-tingju-zheng", principal_cases[i].tingju,
                                              NULL));
      g_date_clear (&ref, 1);
      g_date_set_dmy (&ref, principal_cases[i].rd, principal_cases[i].rm, principal_cases[i].ry);

      got = ld_categories_compute (&rules, &facts, &ref, why);
      g_assert_cmpint (!!(got & LD_CATEGORY_YOUNG), ==, principal_cases[i].young);
      g_assert_cmpint (got & ~LD_CATEGORY_YOUNG, ==, LD_CATEGORY_TOP_LEADER);
      g_assert_cmpuint (why->len, ==, principal_cases[i].young ? 2 : 1);
      if (principal_cases[i].young)
        {
          const char *line = why->pdata[1];

          g_test_message ("  → %s", line);
          g_assert_true (g_str_has_prefix (line, "Young cadre: born "));
          g_assert_true (g_str_has_suffix (line, principal_cases[i].why));
          /* The variant is named exactly when it was used. */
          g_assert_cmpint (strstr (line, "principal") != NULL, ==,
                           strstr (principal_cases[i].why, "(threshold for principal") != NULL);
        }
      g_assert_cmpint (ld_categories_compute (&rules, &facts, &ref, NULL), ==, got);
    }
}

/* The two keys behave like the other young-cadre keys. */
static void
test_young_principal_keys (void)
{
  static const struct
  {
    const char *key;
    const char *value;
    const char *stored;   /* NULL: refused */
  } cases[] = {
    { "young-max-age-xianchu-zheng", "45", "45" },
    { "young-max-age-xianchu-zheng", "0", "0" },
    { "young-max-age-xianchu-zheng", "100", "100" },
    { "young-max-age-xianchu-zheng", "101", NULL },
    { "young-max-age-xianchu-zheng", "-1", NULL },
    { "young-max-age-xianchu-zheng", "正处45", NULL },
    { "young-max-age-tingju-zheng", "50", "50" },
    { "young-max-age-tingju-zheng", "", NULL },
    { "young-max-age-xiangke-zheng", "40", NULL },   /* no such variant */
  };
  const char * const *keys = ld_category_rules_keys ();
  g_auto(LdCategoryRules) rules = { 0 };
  g_auto(LdCategoryRules) copy = { 0 };
  g_autoptr(GDate) ref = g_date_new_dmy (1, 3, 2026);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length ((char **) keys), ==, LD_N_CATEGORY_RULES);
  g_assert_cmpstr (keys[LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL], ==, "young-max-age-xianchu-zheng");
  g_assert_cmpstr (keys[LD_CATEGORY_RULE_YOUNG_TINGJU_PRINCIPAL], ==, "young-max-age-tingju-zheng");

  ld_category_rules_init_defaults (&rules);
  for (int k = LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL; k <= LD_CATEGORY_RULE_YOUNG_TINGJU_PRINCIPAL; k++)
    {
      g_autofree char *value = ld_category_rules_get (&rules, keys[k]);
      const LdRuleOrigin *origin = ld_category_rules_get_origin (&rules, keys[k]);

      g_assert_cmpstr (value, ==, "0");
      g_assert_cmpstr (ld_category_rule_key_get_unit (keys[k]), ==, "years");
      g_assert_nonnull (strstr (ld_category_rule_key_get_label (keys[k]), "principal"));
      g_assert_true (origin == &rules.origin[k]);
      g_assert_cmpstr (origin->source, !=, "");
    }
  for (int l = 0; l < LD_N_POST_LEVELS; l++)
    g_assert_cmpint (rules.young_max_age_principal[l], ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LdCategoryRules) r = { 0 };
      g_autoptr(GError) err = NULL;
      gboolean ok;

      ld_category_rules_init_defaults (&r);
      ok = ld_category_rules_set (&r, cases[i].key, cases[i].value, &err);
      g_assert_cmpint (ok, ==, cases[i].stored != NULL);
      if (ok)
        {
          g_autofree char *got = ld_category_rules_get (&r, cases[i].key);
          g_assert_cmpstr (got, ==, cases[i].stored);
          /* The level's own threshold is left alone. */
          g_assert_cmpint (r.young_max_age[LD_POST_LEVEL_XIANCHU], ==, 40);
          g_assert_cmpint (r.young_max_age[LD_POST_LEVEL_TINGJU], ==, 45);
        }
      else
        g_assert_error (err, LD_ERROR, LD_ERROR_INVALID);
    }

  /* Stored rows: the latest valid one wins, as for every key. */
  g_assert_true (ld_category_rules_apply_row (&rules, "young-max-age-xianchu-zheng", "44", "Rule 2020",
                                              "2020-01-01", ref, &error));
  g_assert_true (ld_category_rules_apply_row (&rules, "young-max-age-xianchu-zheng", "45", "Rule 2025",
                                              "2025-01-01", ref, &error));
  g_assert_true (ld_category_rules_apply_row (&rules, "young-max-age-xianchu-zheng", "46", "Rule 2027",
                                              "2027-01-01", ref, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rules.young_max_age_principal[LD_POST_LEVEL_XIANCHU], ==, 45);
  g_assert_cmpint (rules.young_max_age[LD_POST_LEVEL_XIANCHU], ==, 40);
  g_assert_cmpstr (rules.origin[LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL].source, ==, "Rule 2025");
  g_assert_false (ld_category_rules_apply_row (&rules, "young-max-age-tingju-zheng", "abc", "x", NULL, ref,
                                               &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);

  ld_category_rules_copy (&rules, &copy);
  g_assert_cmpint (copy.young_max_age_principal[LD_POST_LEVEL_XIANCHU], ==, 45);
  g_assert_cmpstr (copy.origin[LD_CATEGORY_RULE_YOUNG_XIANCHU_PRINCIPAL].source, ==, "Rule 2025");
}

static void
test_principal_from_title (void)
{
  static const struct
  {
    const char       *post;
    LdPrincipalGuess  expected;
  } cases[] = {
    { "党组书记、局长", LD_PRINCIPAL_YES },
    { "局长", LD_PRINCIPAL_YES },
    { "镇党委书记", LD_PRINCIPAL_YES },
    { "县政府办公室主任", LD_PRINCIPAL_YES },
    { "副局长", LD_PRINCIPAL_NO },
    { "党委副书记、镇长", LD_PRINCIPAL_YES },
    { "党委副书记", LD_PRINCIPAL_NO },
    { "副镇长", LD_PRINCIPAL_NO },
    { "局长助理", LD_PRINCIPAL_NO },
    { "办公室科长", LD_PRINCIPAL_NO },
    { "四级主任科员", LD_PRINCIPAL_NO },
    { "党组成员", LD_PRINCIPAL_UNKNOWN },
    { "", LD_PRINCIPAL_UNKNOWN },
    { NULL, LD_PRINCIPAL_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("post %s", cases[i].post ? cases[i].post : "(null)");
      g_assert_cmpint (ld_post_title_guess_principal (cases[i].post), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/permissions/matrix", test_matrix_every_cell);
  g_test_add_func ("/rules/permissions/separation", test_admins_never_read_records);
  g_test_add_func ("/rules/permissions/names", test_names_round_trip);
  g_test_add_func ("/rules/password/policy", test_password_policy);
  g_test_add_func ("/rules/password/values", test_policy_values);
  g_test_add_func ("/rules/password/expiry", test_expiry);
  g_test_add_func ("/rules/account/names", test_account_names);
  g_test_add_func ("/rules/error/exit-codes", test_exit_codes);
  g_test_add_func ("/rules/code-tables/ethnicity/round-trip", test_ethnicity_round_trip);
  g_test_add_func ("/rules/code-tables/ethnicity/aliases", test_ethnicity_aliases);
  g_test_add_func ("/rules/code-tables/degrees", test_degrees);
  g_test_add_func ("/rules/code-tables/names", test_table_names);
  g_test_add_func ("/rules/categories/young-principal", test_young_principal_variants);
  g_test_add_func ("/rules/categories/young-principal-keys", test_young_principal_keys);
  g_test_add_func ("/rules/categories/principal-from-title", test_principal_from_title);
  return g_test_run ();
}
