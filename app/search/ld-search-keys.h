/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sort keys and search texts for the cadre list (issue 3, "The cadre list
 * page"). Every function is thread-safe: each thread gets its own ICU
 * collators and transliterator, opened on first use and closed when the
 * thread exits. Invalid UTF-8 gives an empty result, never a crash.
 *
 * Sort keys are the bytes of ucol_getSortKey() without the trailing NUL.
 * Store them as BLOBs: SQLite compares BLOBs with memcmp(), so
 * ORDER BY key gives the collation order. Spaces and punctuation are
 * ignored (ICU alternate=shifted), so "王　明" sorts as "王明". Invalid
 * UTF-8 gives an empty key, which sorts first. ld_sort_key_pinyin() is
 * plain "zh@collation=pinyin" (Han before Latin).
 *
 * ld_sort_key_stroke() sorts by the mainland total stroke count, the first
 * rule of 姓氏笔画 rosters: 丁 2 < 方, 王 4 < 刘 6 < 张, 陈 7 < 周 8 < 赵 9
 * < 黄 11. It is ICU's "zh@collation=stroke" with one change: ICU counts
 * radical forms the Taiwan way (艹 4 strokes, 阝 3), which would put 陈
 * after 周, so the characters where ICU and Unihan's mainland count differ
 * are moved to their mainland group (ld-stroke-fixes.h). Within one stroke
 * count the order is ICU's, not the first-stroke rule 横竖撇点折 (ICU puts
 * 方 before 王). Digits sort before Han, Latin after.
 *
 * First-use cost, once per process (other threads clone or reuse it):
 * about 0.2 s to build the stroke collator, and about 0.2 s to compile
 * ICU Han-Latin for the first pinyin or search text. Do the first call on
 * a worker thread. */
GBytes *ld_sort_key_stroke              (const char *text);
GBytes *ld_sort_key_pinyin              (const char *text);

/* "张三丰" → "zhangsanfeng": lowercase, no tones, no spaces or punctuation;
 * ü is written "v" as in input methods ("吕" → "lv"). Non-Han letters and
 * digits are kept, lowercased. Each Han character takes ICU Han-Latin's
 * (most common) reading. */
char   *ld_pinyin_full                  (const char *text);
/* "张三丰" → "zsf"; non-Han letters and digits kept, lowercased. */
char   *ld_pinyin_initials              (const char *text);

/* The same for a person's name: the surname at the start (compound ones
 * such as 尉迟 first) takes its surname reading from a table
 * (单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou, 朴 piao, …): "单雄信" →
 * "shanxiongxin" / "sxx". */
char   *ld_pinyin_full_name             (const char *name);
char   *ld_pinyin_initials_name         (const char *name);

/* One haystack for substring search, fields separated by U+001F:
 * the name, its full pinyin, its initials, the common-reading pinyin and
 * initials when they differ (so "dxx" also finds 单雄信) and a "u" spelling
 * when the pinyin has a "v" (吕 "lv" and "lu"), the ID number, the post.
 * Everything is NFKC (full-width → half-width) and lowercased, with
 * whitespace between two Han characters dropped (padded "王　明" → "王明").
 * id_number and post may be NULL. Match with
 * strstr (haystack, ld_search_normalise_query (query)), or in SQL with
 * ld_contains(search_text, ?) (ld-search-sqlite.h). */
char   *ld_search_text                  (const char *name,
                                         const char *id_number,
                                         const char *post);
/* NFKC, lowercase, control characters removed, whitespace runs collapsed
 * to one space (none between two Han characters), trimmed. */
char   *ld_search_normalise_query       (const char *query);

G_END_DECLS
