/* test-words.h: random rule words, and copies and comparisons of coded
 * documents, for the tests that compare two ways of coding
 * (test-matcher.c, test-coder-direct.c, test-rule-eval.c). */
#pragma once

#include <glib.h>
#include <string.h>
#include "stream/vb-segment.h"

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

/* A copy of doc's segments without their codings, to code another way. */
static inline GPtrArray *
test_copy_document (GPtrArray *doc)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < doc->len; i++)
    {
      const VbSegment *s = doc->pdata[i];
      VbSegment *c = vb_segment_new ();
      g_free (c->document);
      c->document = g_strdup (s->document);
      c->index = s->index;
      c->role = s->role;
      g_free (c->text);
      c->text = g_strdup (s->text);
      g_ptr_array_add (copy, c);
    }
  return copy;
}

/* Stops the test at the first coding in which a differs from the
 * reference b; what names the comparison in the message. */
static inline void
test_assert_same_codings (const char *what, const VbSegment *a, const VbSegment *b)
{
  g_assert_nonnull (a->codings);
  g_assert_nonnull (b->codings);
  if (a->codings->len != b->codings->len)
    g_error ("%s: segment \"%s\": %u codings, reference %u", what, a->text, a->codings->len,
             b->codings->len);
  for (guint k = 0; k < a->codings->len; k++)
    {
      const VbCoding *x = &g_array_index (a->codings, VbCoding, k);
      const VbCoding *y = &g_array_index (b->codings, VbCoding, k);
      if (strcmp (x->code, y->code) != 0 || x->start != y->start || x->end != y->end
          || strcmp (x->source, y->source) != 0)
        g_error ("%s: segment \"%s\": coding %u is %s@%u-%u/%s, reference %s@%u-%u/%s", what,
                 a->text, k, x->code, x->start, x->end, x->source, y->code, y->start, y->end,
                 y->source);
    }
}
