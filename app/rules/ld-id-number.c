/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-id-number"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ld-error.h"
#include "rules/ld-id-number.h"

/* Province codes (first two digits) of DOMAIN.md §11.1, plus 83 for the
 * residence permits of Taiwan residents. */
static const int province_codes[] = {
  11, 12, 13, 14, 15,
  21, 22, 23,
  31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54,
  61, 62, 63, 64, 65,
  71, 81, 82, 83,
};

char
ld_id_number_check_digit (const char *first17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char map[] = "10X98765432";
  int sum = 0;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (first17[i]))
        return '\0';
      sum += (first17[i] - '0') * weights[i];
    }
  return map[sum % 11];
}

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000 || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

char *
ld_id_number_normalise (const char *input)
{
  GString *out;

  g_return_val_if_fail (input != NULL, NULL);

  out = g_string_new (NULL);
  if (!g_utf8_validate (input, -1, NULL))
    {
      /* Keep the ASCII part only; the caller rejects the rest anyway. */
      for (const char *p = input; *p; p++)
        if ((guchar) *p < 0x80 && !g_ascii_isspace (*p))
          g_string_append_c (out, g_ascii_toupper (*p));
      return g_string_free (out, FALSE);
    }

  for (const char *p = input; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_blank (c))
        continue;
      /* Full-width forms of the ASCII characters (ＡＢＣ１２３). */
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }

  /* A leading apostrophe is how spreadsheets mark a number typed as text. */
  if (out->len > 0 && out->str[0] == '\'')
    g_string_erase (out, 0, 1);

  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Works on normalised text. */
static gboolean
normalised_lost_digits (const char *s)
{
  const char *p = s;
  gsize len = strlen (s);

  /* Scientific notation: 3.40524E+17, 3E17. */
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
      if (*p == 'E')
        {
          p++;
          if (*p == '+')
            p++;
          if (g_ascii_isdigit (*p))
            {
              while (g_ascii_isdigit (*p))
                p++;
              if (*p == '\0')
                return TRUE;
            }
        }
    }

  if (len < 18 || !all_digits (s, 18))
    return FALSE;

  /* 18 digits with a decimal tail (340524198001010000.0): a float. */
  if (len > 18)
    {
      if (s[18] != '.')
        return FALSE;
      for (p = s + 19; *p; p++)
        if (*p != '0')
          return FALSE;
      return TRUE;
    }

  /* A double (and Excel) keeps 15 significant digits, so the last three
   * come back as zeros. A real number ending in 000 has '0' as its check
   * character, which is right for about one number in eleven hundred. */
  return g_str_has_suffix (s, "000") && ld_id_number_check_digit (s) != '0';
}

gboolean
ld_id_number_looks_like_lost_digits (const char *input)
{
  g_autofree char *norm = NULL;

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    return FALSE;
  norm = ld_id_number_normalise (input);
  return normalised_lost_digits (norm);
}

static gboolean
is_province (int code)
{
  for (guint i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == code)
      return TRUE;
  return FALSE;
}

static int
digits_value (const char *s,
              int         n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

gboolean
ld_id_number_parse (const char  *input,
                    LdIdInfo    *info,
                    GError     **error)
{
  g_autofree char *norm = NULL;
  char number[19];
  gboolean legacy;
  int year, month, day;
  char check;
  glong len;

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The ID number contains invalid characters: type it again."));
      return FALSE;
    }

  norm = ld_id_number_normalise (input);
  if (*norm == '\0')
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_INVALID,
                           _("The ID number is empty: enter the 18-character resident ID number."));
      return FALSE;
    }

  if (normalised_lost_digits (norm))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” is not a whole ID number: the spreadsheet stored it as a number and kept "
                     "only its first 15 digits. Format the column as text, type the number again "
                     "and import it again."),
                   norm);
      return FALSE;
    }

  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    {
      if (g_ascii_isdigit (*p) || *p == 'X')
        continue;
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” contains characters that are not digits: an ID number has only digits, "
                     "and its last character may be X. Remove the other characters."),
                   norm);
      return FALSE;
    }

  len = g_utf8_strlen (norm, -1);
  if (len != 18 && len != 15)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %d character: an ID number has 18 (old numbers have 15). "
                                "Check for missing or extra digits.",
                                "“%s” has %d characters: an ID number has 18 (old numbers have 15). "
                                "Check for missing or extra digits.",
                                len),
                   norm, (int) len);
      return FALSE;
    }

  legacy = len == 15;
  if (strchr (norm, 'X') != NULL && (legacy || strchr (norm, 'X') != norm + 17))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” has an X in the wrong place: only the last character of an 18-character "
                     "ID number may be X. Check for a typing error."),
                   norm);
      return FALSE;
    }

  if (legacy)
    {
      memcpy (number, norm, 6);
      memcpy (number + 6, "19", 2);
      memcpy (number + 8, norm + 6, 9);
      number[17] = ld_id_number_check_digit (number);
    }
  else
    memcpy (number, norm, 18);
  number[18] = '\0';

  if (!is_province (digits_value (number, 2)))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” starts with %.2s, which is not a province code: check the first two "
                     "digits."),
                   norm, number);
      return FALSE;
    }

  year = digits_value (number + 6, 4);
  month = digits_value (number + 10, 2);
  day = digits_value (number + 12, 2);
  if (year < 1900 || year > 2100 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("“%s” contains the birth date %.4s-%.2s-%.2s, which is impossible: check "
                     "digits %d to %d."),
                   norm, number + 6, number + 10, number + 12, 7, legacy ? 12 : 14);
      return FALSE;
    }

  check = ld_id_number_check_digit (number);
  if (!legacy && number[17] != check)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_INVALID,
                   _("The last character of “%s” should be %c: check the number for a typing "
                     "error."),
                   norm, check);
      return FALSE;
    }

  if (info != NULL)
    {
      memcpy (info->number, number, sizeof info->number);
      info->sex = (number[16] - '0') % 2 == 1 ? 'M' : 'F';
      info->birth_year = year;
      info->birth_month = month;
      info->birth_day = day;
      info->region = digits_value (number, 6);
      info->converted_from_15 = legacy;
    }
  return TRUE;
}
