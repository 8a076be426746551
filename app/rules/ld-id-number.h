/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A resident ID number (公民身份号码, GB 11643-1999) taken apart. See
 * DOMAIN.md §11.1. */
typedef struct
{
  char     number[19];        /* normalised 18-character form, 'X' upper case */
  char     sex;               /* 'M' or 'F', from the 17th digit (odd = male) */
  int      birth_year;
  int      birth_month;
  int      birth_day;
  int      region;            /* the first 6 digits (GB/T 2260 address code) */
  gboolean converted_from_15; /* the input was a legacy 15-digit number */
} LdIdInfo;

/* Checks and normalises an ID number as people type or import it: leading
 * and trailing space, spaces inside, full-width digits and letters and a
 * lower-case 'x' are accepted. A legacy 15-digit number (GB 11643-1989) is
 * converted to 18 digits ("19" inserted after the region code, check
 * character computed). The birth date must be a real date with a year from
 * 1900 to 2100 (compare it with today's date yourself: rules/ read no clock).
 * On failure sets LD_ERROR_INVALID with a message saying what is wrong and
 * what to do. info may be NULL. */
gboolean ld_id_number_parse                (const char *input,
                                            LdIdInfo   *info,
                                            GError    **error);

/* The check character ('0'..'9' or 'X') of the first 17 digits (ISO 7064
 * MOD 11-2), or '\0' if first17 does not start with 17 ASCII digits. */
char     ld_id_number_check_digit          (const char *first17);

/* Whether input looks like an ID number that a spreadsheet stored as a
 * floating-point number and so lost its last digits: scientific notation
 * ("3.40524E+17"), or 18 digits ending in "000" (or a ".0" tail) whose
 * check character is wrong ("340524198001010000"). */
gboolean ld_id_number_looks_like_lost_digits (const char *input);

/* The input with surrounding and inner spaces removed, full-width digits and
 * letters made ASCII and letters upper case. No validation. Free with
 * g_free(). Useful as a search key. */
char    *ld_id_number_normalise            (const char *input);

G_END_DECLS
