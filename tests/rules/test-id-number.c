/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-id-number.h"

/* Check characters computed independently (DOMAIN.md §11.1 formula, by
 * hand and with a separate script). */
static const struct
{
  const char *first17;
  char        check;
} check_cases[] = {
  { "11010519491231002", 'X' },
  { "34052419800101001", 'X' },
  { "44030019900101123", '8' },
  { "34052419800101000", '1' },
  { "11010520000229001", '3' },
  { "53010219960229003", '7' },
  { "82000019750615004", '4' },
  { "65010220100101005", 'X' },
  { "11010519491231003", '8' },
  { "32058319850707100", '0' },
  { "1101051949123100", '\0' },    /* too short */
  { "1101051949123100A", '\0' },   /* not a digit */
  { "", '\0' },
};

static void
test_check_digit (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      g_test_message ("check digit of “%s”", check_cases[i].first17);
      g_assert_cmpint (ld_id_number_check_digit (check_cases[i].first17), ==, check_cases[i].check);
    }
  /* Only the first 17 characters count. */
  g_assert_cmpint (ld_id_number_check_digit ("11010519491231002X"), ==, 'X');
}

static const struct
{
  const char *input;
  const char *number;
  char        sex;
  int         year, month, day;
  int         region;
  gboolean    from_15;
} valid_cases[] = {
  { "11010519491231002X", "11010519491231002X", 'F', 1949, 12, 31, 110105, FALSE },
  { "34052419800101001X", "34052419800101001X", 'M', 1980, 1, 1, 340524, FALSE },
  { "440300199001011238", "440300199001011238", 'M', 1990, 1, 1, 440300, FALSE },
  /* Lower-case x, spaces around and inside, full-width forms, a tab. */
  { "11010519491231002x", "11010519491231002X", 'F', 1949, 12, 31, 110105, FALSE },
  { "  340524 19800101 001X\t", "34052419800101001X", 'M', 1980, 1, 1, 340524, FALSE },
  { "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", 'F', 1949, 12, 31, 110105, FALSE },
  { "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", 'F', 1949, 12, 31, 110105, FALSE },
  { "4403\u300000199001011238", "440300199001011238", 'M', 1990, 1, 1, 440300, FALSE },
  /* The apostrophe a spreadsheet puts before a number typed as text. */
  { "'440300199001011238", "440300199001011238", 'M', 1990, 1, 1, 440300, FALSE },
  /* 29 February in leap years, including 2000. */
  { "110105200002290013", "110105200002290013", 'M', 2000, 2, 29, 110105, FALSE },
  { "530102199602290037", "530102199602290037", 'M', 1996, 2, 29, 530102, FALSE },
  /* Hong Kong permit region 81, Macau 82. */
  { "820000197506150044", "820000197506150044", 'F', 1975, 6, 15, 820000, FALSE },
  { "65010220100101005X", "65010220100101005X", 'M', 2010, 1, 1, 650102, FALSE },
  /* A real number that ends in 000 (check character 0) is not taken for
   * lost digits. */
  { "320583198507071000", "320583198507071000", 'F', 1985, 7, 7, 320583, FALSE },
  /* Legacy 15-digit numbers. */
  { "110105491231002", "11010519491231002X", 'F', 1949, 12, 31, 110105, TRUE },
  { "340524800101001", "34052419800101001X", 'M', 1980, 1, 1, 340524, TRUE },
  { " 440300 900101 123 ", "440300199001011238", 'M', 1990, 1, 1, 440300, TRUE },
};

static void
test_parse_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LdIdInfo info;

      g_test_message ("valid: “%s”", valid_cases[i].input);
      memset (&info, 0xAA, sizeof info);
      g_assert_true (ld_id_number_parse (valid_cases[i].input, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (info.number, ==, valid_cases[i].number);
      g_assert_cmpint (info.sex, ==, valid_cases[i].sex);
      g_assert_cmpint (info.birth_year, ==, valid_cases[i].year);
      g_assert_cmpint (info.birth_month, ==, valid_cases[i].month);
      g_assert_cmpint (info.birth_day, ==, valid_cases[i].day);
      g_assert_cmpint (info.region, ==, valid_cases[i].region);
      g_assert_cmpint (info.converted_from_15, ==, valid_cases[i].from_15);
      g_assert_false (ld_id_number_looks_like_lost_digits (valid_cases[i].input));

      /* info may be NULL. */
      g_assert_true (ld_id_number_parse (valid_cases[i].input, NULL, NULL));
      /* The normalised form parses to itself. */
      g_assert_true (ld_id_number_parse (info.number, NULL, NULL));
    }
}

/* Each kind of mistake has its own message; `hint` is a piece of it. */
#define LOST "kept only its first 15 digits"
#define NON_DIGIT "not digits"
#define LENGTH "old numbers have 15"
#define X_PLACE "X in the wrong place"
#define DATE "which is impossible"
#define PROVINCE "not a province code"
#define EMPTY "is empty"

static const struct
{
  const char *input;
  const char *hint;
} invalid_cases[] = {
  { "", EMPTY },
  { "   ", EMPTY },
  { "\u3000", EMPTY },
  /* Numbers a spreadsheet stored as floating point. */
  { "3.40524E+17", LOST },
  { "3.40524e+17", LOST },
  { "3.40524198001010E+17", LOST },
  { "3E17", LOST },
  { "３.４０５２４Ｅ＋１７", LOST },
  { "340524198001010000", LOST },
  { "340524198001010000.0", LOST },
  { "440300199001011238.00", LOST },
  /* Other characters. */
  { "11010519491231002Y", NON_DIGIT },
  { "1101051949-1231002X", NON_DIGIT },
  { "张三", NON_DIGIT },
  { "11010519491231002X.", NON_DIGIT },
  { "3.40524E+", NON_DIGIT },
  /* Wrong length. */
  { "1", LENGTH },
  { "11010519491231002", LENGTH },
  { "1101051949123100", LENGTH },
  { "11010549123100", LENGTH },
  { "1101051949123100211", LENGTH },
  { "11010519491231002XX", LENGTH },
  /* X elsewhere than last. */
  { "X10105194912310021", X_PLACE },
  { "1101051949123100X2", X_PLACE },
  { "11010549123100X", X_PLACE },
  /* Impossible birth dates (checked before the check character). */
  { "110105194913310021", DATE },
  { "110105194900010021", DATE },
  { "110105194902300021", DATE },
  { "110105190002290011", DATE },   /* 1900 was not a leap year */
  { "110105199902290011", DATE },
  { "110105189912310021", DATE },   /* before 1900 */
  { "110105210101010021", DATE },   /* after 2100 */
  { "110105490231002", DATE },      /* legacy number, 31 February */
  { "110105491301002", DATE },
  /* Region. */
  { "00010519491231002X", PROVINCE },
  { "990105194912310021", PROVINCE },
  { "100105194912310021", PROVINCE },
};

static void
test_parse_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LdIdInfo info = { 0 };

      g_test_message ("invalid: “%s”", invalid_cases[i].input);
      g_assert_false (ld_id_number_parse (invalid_cases[i].input, &info, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_test_message ("  → %s", error->message);
      g_assert_nonnull (strstr (error->message, invalid_cases[i].hint));
      g_assert_cmpint (ld_id_number_looks_like_lost_digits (invalid_cases[i].input), ==,
                       g_str_equal (invalid_cases[i].hint, LOST));
      /* info is untouched on failure. */
      g_assert_cmpstr (info.number, ==, "");

      /* And the error is optional. */
      g_assert_false (ld_id_number_parse (invalid_cases[i].input, NULL, NULL));
    }
}

/* A wrong check character names the right one. */
static const struct
{
  const char *input;
  const char *message;
} check_error_cases[] = {
  { "110105194912310021", "The last character of “110105194912310021” should be X: check the number for a "
                          "typing error." },
  { "440300199001011239", "The last character of “440300199001011239” should be 8: check the number for a "
                          "typing error." },
  { "34052419800101001x ", NULL },  /* valid: control */
  { "340524198001010019", "The last character of “340524198001010019” should be X: check the number for a "
                          "typing error." },
  { "44030019900101123X", "The last character of “44030019900101123X” should be 8: check the number for a "
                          "typing error." },
  /* Two digits swapped. */
  { "440300199010011238", "The last character of “440300199010011238” should be X: check the number for a "
                          "typing error." },
};

static void
test_parse_check_character (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("check character: “%s”", check_error_cases[i].input);
      ok = ld_id_number_parse (check_error_cases[i].input, NULL, &error);
      if (check_error_cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, check_error_cases[i].message);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *norm = NULL;

  g_assert_false (ld_id_number_parse ("1101051949\xff" "1231002X", NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_INVALID);
  g_assert_false (ld_id_number_looks_like_lost_digits ("3.4\xff" "E+17"));
  g_assert_false (ld_id_number_looks_like_lost_digits (NULL));
  norm = ld_id_number_normalise ("1101 x\xff");
  g_assert_cmpstr (norm, ==, "1101X");
}

static const struct
{
  const char *input;
  const char *output;
} normalise_cases[] = {
  { "", "" },
  { " 1101 0519 4912 3100 2x ", "11010519491231002X" },
  { "１２３ａｂｃ", "123ABC" },
  { "\u00a0123\u200b4\ufeff", "1234" },
  { "'123", "123" },
  { "3.4e+17", "3.4E+17" },
};

static void
test_normalise (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (normalise_cases); i++)
    {
      g_autofree char *out = ld_id_number_normalise (normalise_cases[i].input);
      g_assert_cmpstr (out, ==, normalise_cases[i].output);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/id-number/check-digit", test_check_digit);
  g_test_add_func ("/rules/id-number/valid", test_parse_valid);
  g_test_add_func ("/rules/id-number/invalid", test_parse_invalid);
  g_test_add_func ("/rules/id-number/check-character", test_parse_check_character);
  g_test_add_func ("/rules/id-number/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/rules/id-number/normalise", test_normalise);
  return g_test_run ();
}
