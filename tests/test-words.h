/* test-words.h: random rule words for the tests that compare two ways of
 * coding (test-matcher.c, test-coder-direct.c). */
#pragma once

#include <glib.h>

/* Appends w, or one time in three a stem of it: its first two or more
 * characters (fewer than all), ending on a letter or digit, then '*'. */
static inline void
test_append_word (GRand *r, const char *w, GString *out)
{
  if (g_rand_int_range (r, 0, 3) == 0 && g_utf8_strlen (w, -1) > 2)
    {
      glong n = g_rand_int_range (r, 2, (gint) g_utf8_strlen (w, -1));
      const char *end = g_utf8_offset_to_pointer (w, n);
      /* A star must follow a letter or digit. */
      while (!g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (end))))
        end = g_utf8_prev_char (end);
      g_string_append_len (out, w, end - w);
      g_string_append_c (out, '*');
    }
  else
    g_string_append (out, w);
}
