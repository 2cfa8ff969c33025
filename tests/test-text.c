/* test-text.c: tokens, sentences and normalisation (vb-text.h). */
#include <string.h>

#include "base/vb-text.h"

typedef struct {
  const char *norm;
  gsize bstart, bend;
  guint start, end;
} ExpTok;

static void
assert_tokens (const VbText *t, const ExpTok *exp, guint n)
{
  g_assert_cmpuint (t->tokens->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const VbToken *tok = &g_array_index (t->tokens, VbToken, i);
      g_assert_cmpstr (tok->norm, ==, exp[i].norm);
      g_assert_cmpuint (tok->bstart, ==, exp[i].bstart);
      g_assert_cmpuint (tok->bend, ==, exp[i].bend);
      g_assert_cmpuint (tok->start, ==, exp[i].start);
      g_assert_cmpuint (tok->end, ==, exp[i].end);
    }
}

static void
assert_sentences (const VbText *t, const VbRange *exp, guint n)
{
  g_assert_cmpuint (t->sentences->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const VbRange *r = &g_array_index (t->sentences, VbRange, i);
      g_assert_cmpuint (r->tok_from, ==, exp[i].tok_from);
      g_assert_cmpuint (r->tok_to, ==, exp[i].tok_to);
      g_assert_cmpuint (r->byte_start, ==, exp[i].byte_start);
      g_assert_cmpuint (r->byte_end, ==, exp[i].byte_end);
    }
}

/* The normalised tokens joined with '|'. */
static char *
norms (const char *text)
{
  g_autoptr (VbText) t = vb_text_new (text, -1);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < t->tokens->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append (s, g_array_index (t->tokens, VbToken, i).norm);
    }
  return g_string_free (s, FALSE);
}

#define ASSERT_NORMS(text, expected)        \
  G_STMT_START {                            \
    char *got_ = norms (text);              \
    g_assert_cmpstr (got_, ==, expected);   \
    g_free (got_);                          \
  } G_STMT_END

#define ASSERT_NORMALIZE(word, expected)        \
  G_STMT_START {                                \
    char *got_ = vb_normalize (word, -1);       \
    g_assert_cmpstr (got_, ==, expected);       \
    g_free (got_);                              \
  } G_STMT_END

static void
test_normalize_ascii (void)
{
  ASSERT_NORMALIZE ("Openness", "openness");
  ASSERT_NORMALIZE ("OPENNESS", "openness");
  ASSERT_NORMALIZE ("It's", "it's");
  ASSERT_NORMALIZE ("x42", "x42");
  ASSERT_NORMALIZE ("", "");

  char *s = vb_normalize ("OPENNESS matters", 8);
  g_assert_cmpstr (s, ==, "openness");
  g_free (s);
}

static void
test_normalize_unicode (void)
{
  ASSERT_NORMALIZE ("Café", "cafe");
  ASSERT_NORMALIZE ("CAFÉ", "cafe");
  ASSERT_NORMALIZE ("Cafe\xcc\x81", "cafe"); /* e + combining acute */
  ASSERT_NORMALIZE ("naïve", "naive");
  ASSERT_NORMALIZE ("\xef\xac\x81nance", "finance"); /* U+FB01 fi ligature */
  ASSERT_NORMALIZE ("Straße", "strasse");
  ASSERT_NORMALIZE ("STRASSE", "strasse");
  ASSERT_NORMALIZE ("\xe1\xba\x9e", "ss"); /* U+1E9E capital sharp s */
  ASSERT_NORMALIZE ("don\xe2\x80\x99t", "don't");  /* U+2019 */
  ASSERT_NORMALIZE ("\xe2\x80\x98quoted", "'quoted"); /* U+2018 */
  ASSERT_NORMALIZE ("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc"); /* fullwidth ABC */
  ASSERT_NORMALIZE ("İstanbul", "istanbul");
  ASSERT_NORMALIZE ("ΣΟΦΊΑ", "σοφια");
  ASSERT_NORMALIZE ("東京", "東京");

  char *s = vb_normalize ("Café au lait", 5);
  g_assert_cmpstr (s, ==, "cafe");
  g_free (s);
}

/* The ASCII fast path gives what the full path would: every printable
 * ASCII character, once alone (fast path) and once followed by é (slow
 * path). */
static void
test_normalize_fast_path_agrees (void)
{
  GString *ascii = g_string_new (NULL);
  for (char c = 0x20; c < 0x7f; c++)
    g_string_append_c (ascii, c);
  char *fast = vb_normalize (ascii->str, -1);
  g_string_append (ascii, "é");
  char *slow = vb_normalize (ascii->str, -1);
  char *expected = g_strconcat (fast, "e", NULL);
  g_assert_cmpstr (slow, ==, expected);
  g_assert_cmpuint (strlen (fast), ==, 0x7f - 0x20);
  g_free (expected);
  g_free (slow);
  g_free (fast);
  g_string_free (ascii, TRUE);
}

static void
test_tokens_basic (void)
{
  const char *text = "Don't  over-promise, Café!";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const ExpTok exp[] = {
    { "don't", 0, 5, 0, 5 },
    { "over", 7, 11, 7, 11 },
    { "promise", 12, 19, 12, 19 },
    { "cafe", 21, 26, 21, 25 },
  };
  g_assert_true (t->text == text);
  g_assert_cmpuint (t->len, ==, 27);
  assert_tokens (t, exp, G_N_ELEMENTS (exp));
  /* The VbText reads only the bytes it is given. */
  g_autoptr (VbText) part = vb_text_new (text, 11);
  assert_tokens (part, exp, 2);
}

static void
test_tokens_apostrophes (void)
{
  ASSERT_NORMS ("people's dogs' 'quoted' rock 'n' roll", "people's|dogs|quoted|rock|n|roll");
  ASSERT_NORMS ("l\xe2\x80\x99\xc3\xa9t\xc3\xa9 don\xe2\x80\x99t", "l'ete|don't");
  ASSERT_NORMS ("it''s o'clock 90's", "it|s|o'clock|90|s");
  ASSERT_NORMS ("end'", "end");
  ASSERT_NORMS ("well-known e-mail under_score", "well|known|e|mail|under|score");
}

static void
test_tokens_crlf (void)
{
  const char *text = "One.\r\n\r\nTwo three\r\nfour";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const ExpTok exp[] = {
    { "one", 0, 3, 0, 3 },
    { "two", 8, 11, 8, 11 },
    { "three", 12, 17, 12, 17 },
    { "four", 19, 23, 19, 23 },
  };
  static const VbRange sent[] = {
    { 0, 1, 0, 8 },
    { 1, 4, 8, 23 },
  };
  assert_tokens (t, exp, G_N_ELEMENTS (exp));
  assert_sentences (t, sent, G_N_ELEMENTS (sent));
}

static void
test_tokens_emoji_cjk (void)
{
  /* ❤️ is U+2764 U+FE0F: a symbol and a variation selector (a mark with
   * nothing to combine with): no token.  A run of ideographs is one token. */
  const char *text = "I \xe2\x9d\xa4\xef\xb8\x8f 東京 \xf0\x9f\x8e\x89 ok";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const ExpTok exp[] = {
    { "i", 0, 1, 0, 1 },
    { "東京", 9, 15, 5, 7 },
    { "ok", 21, 23, 10, 12 },
  };
  assert_tokens (t, exp, G_N_ELEMENTS (exp));

  ASSERT_NORMS ("東京タワーに行く。", "東京タワーに行く");
  ASSERT_NORMS ("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd good \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "good");
}

static void
test_tokens_marks (void)
{
  /* Decomposed ï: the mark stays in the token. */
  const char *text = "nai\xcc\x88ve";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const ExpTok exp[] = { { "naive", 0, 7, 0, 6 } };
  assert_tokens (t, exp, G_N_ELEMENTS (exp));

  /* A mark after a space starts nothing. */
  const char *text2 = " \xcc\x81" "abc";
  g_autoptr (VbText) t2 = vb_text_new (text2, -1);
  static const ExpTok exp2[] = { { "abc", 3, 6, 2, 5 } };
  assert_tokens (t2, exp2, G_N_ELEMENTS (exp2));
}

static void
test_tokens_invalid_utf8 (void)
{
  const char *text = "ab\xff" "cd \xe2\x82";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const ExpTok exp[] = {
    { "ab", 0, 2, 0, 2 },
    { "cd", 3, 5, 3, 5 },
  };
  assert_tokens (t, exp, G_N_ELEMENTS (exp));
  g_assert_cmpuint (vb_text_cp_at (t, 3), ==, 3);
  g_assert_cmpuint (vb_text_cp_at (t, 8), ==, 8);
}

static void
test_sentences_basic (void)
{
  const char *text = "It was fair. Really fair! 3.5 stars?";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const VbRange sent[] = {
    { 0, 3, 0, 13 },
    { 3, 5, 13, 26 },
    { 5, 8, 26, 36 },
  };
  assert_sentences (t, sent, G_N_ELEMENTS (sent));
  ASSERT_NORMS (text, "it|was|fair|really|fair|3|5|stars");
}

static void
test_sentences_punctuation (void)
{
  const char *text = "Wait... what?! (Yes.) He said \"stop.\" Then left";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const VbRange sent[] = {
    { 0, 1, 0, 8 },
    { 1, 2, 8, 15 },
    { 2, 3, 15, 22 },
    { 3, 6, 22, 38 },
    { 6, 8, 38, 47 },
  };
  assert_sentences (t, sent, G_N_ELEMENTS (sent));

  /* Typographic closing quote (U+201D, 3 bytes). */
  const char *text2 = "\xe2\x80\x9cNo.\xe2\x80\x9d Yes";
  g_autoptr (VbText) t2 = vb_text_new (text2, -1);
  static const VbRange sent2[] = {
    { 0, 1, 0, 10 },
    { 1, 2, 10, 13 },
  };
  assert_sentences (t2, sent2, G_N_ELEMENTS (sent2));
}

static void
test_sentences_blank_lines (void)
{
  const char *text = "first line\nstill first\n\nsecond\r\n \r\nthird";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  static const VbRange sent[] = {
    { 0, 4, 0, 24 },
    { 4, 5, 24, 35 },
    { 5, 6, 35, 40 },
  };
  assert_sentences (t, sent, G_N_ELEMENTS (sent));
}

static void
test_sentences_no_split (void)
{
  static const char *const one[] = {
    "Pi is 3.14 today",
    "See e.g.this one",
    "Wow!Really",
    "no break\nhere",
    "Trailing stop. ",
    "...Leading dots",
  };
  for (guint i = 0; i < G_N_ELEMENTS (one); i++)
    {
      g_autoptr (VbText) t = vb_text_new (one[i], -1);
      VbRange whole = vb_text_whole (t);
      assert_sentences (t, &whole, 1);
    }
  /* Known limitation: an abbreviation followed by a space ends a sentence. */
  g_autoptr (VbText) t = vb_text_new ("Mr. Smith", -1);
  static const VbRange sent[] = { { 0, 1, 0, 4 }, { 1, 2, 4, 9 } };
  assert_sentences (t, sent, G_N_ELEMENTS (sent));
}

static void
test_sentences_empty (void)
{
  g_autoptr (VbText) t = vb_text_new ("", -1);
  static const VbRange none[] = { { 0, 0, 0, 0 } };
  g_assert_cmpuint (t->tokens->len, ==, 0);
  assert_sentences (t, none, 1);

  g_autoptr (VbText) t2 = vb_text_new ("  ?! ... ", -1);
  static const VbRange punct[] = { { 0, 0, 0, 9 } };
  g_assert_cmpuint (t2->tokens->len, ==, 0);
  assert_sentences (t2, punct, 1);

  g_autoptr (VbText) t3 = vb_text_new (NULL, 0);
  assert_sentences (t3, none, 1);
}

/* Sentences cover the text in order and every token is in exactly one. */
static void
test_sentences_invariants (void)
{
  static const char *const texts[] = {
    "It was fair. Really fair! 3.5 stars?",
    "  Leading space. \n\n\n Trailing space.  \n\n",
    "a. b. c. d! e? f",
    "One.\r\n\r\nTwo.\rThree\r\rFour",
    "«Non.» Oui ! (Vraiment.) [Bon.]",
    "x",
    "?",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (VbText) t = vb_text_new (texts[i], -1);
      GArray *s = t->sentences;
      g_assert_cmpuint (s->len, >=, 1);
      g_assert_cmpuint (g_array_index (s, VbRange, 0).byte_start, ==, 0);
      g_assert_cmpuint (g_array_index (s, VbRange, 0).tok_from, ==, 0);
      g_assert_cmpuint (g_array_index (s, VbRange, s->len - 1).byte_end, ==, t->len);
      g_assert_cmpuint (g_array_index (s, VbRange, s->len - 1).tok_to, ==, t->tokens->len);
      for (guint k = 0; k < s->len; k++)
        {
          const VbRange *r = &g_array_index (s, VbRange, k);
          if (k > 0)
            {
              const VbRange *prev = &g_array_index (s, VbRange, k - 1);
              g_assert_cmpuint (r->byte_start, ==, prev->byte_end);
              g_assert_cmpuint (r->tok_from, ==, prev->tok_to);
            }
          if (t->tokens->len > 0)
            g_assert_cmpuint (r->tok_from, <, r->tok_to);
          for (guint j = r->tok_from; j < r->tok_to; j++)
            {
              const VbToken *tok = &g_array_index (t->tokens, VbToken, j);
              g_assert_cmpuint (tok->bstart, >=, r->byte_start);
              g_assert_cmpuint (tok->bend, <=, r->byte_end);
            }
        }
    }
  g_autoptr (VbText) t = vb_text_new ("a. b. c. d! e? f", -1);
  g_assert_cmpuint (t->sentences->len, ==, 6);
  g_autoptr (VbText) t2 = vb_text_new ("One.\r\n\r\nTwo.\rThree\r\rFour", -1);
  g_assert_cmpuint (t2->sentences->len, ==, 4);
  g_autoptr (VbText) t3 = vb_text_new ("«Non.» Oui ! (Vraiment.) [Bon.]", -1);
  g_assert_cmpuint (t3->sentences->len, ==, 4);
}

static void
test_whole (void)
{
  g_autoptr (VbText) t = vb_text_new ("  Café au lait.  ", -1);
  VbRange r = vb_text_whole (t);
  g_assert_cmpuint (r.tok_from, ==, 0);
  g_assert_cmpuint (r.tok_to, ==, 3);
  g_assert_cmpuint (r.byte_start, ==, 0);
  g_assert_cmpuint (r.byte_end, ==, 18);
}

static void
test_cp_at (void)
{
  const char *text = "Café — au\r\nlait 東京!";
  g_autoptr (VbText) t = vb_text_new (text, -1);
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gsize b = (gsize) (p - text);
      g_assert_cmpuint (vb_text_cp_at (t, b), ==, g_utf8_pointer_to_offset (text, p));
      if (*p == '\0')
        break;
    }
  g_assert_cmpuint (vb_text_cp_at (t, t->len), ==, 19);
}

/* The tokeniser's ASCII fast paths (a run of ASCII letters and digits at
 * once, ASCII tokens lower-cased in place) against the reference, which
 * decodes and classifies every byte as Unicode and normalises every token
 * by the Unicode path: on seeded random texts mixing ASCII, apostrophes,
 * accented and combining letters, CJK, digits, punctuation, line breaks and
 * invalid bytes, the tokens (offsets and normal forms), sentences and
 * code point counts must be the same.  One VbText is reused for all texts,
 * as the coder does. */
static void
test_tokens_fast_path_agrees (void)
{
  static const char *const pieces[] = {
    "a", "Z", "q", "Open", "OPEN", "fair", "3", "42", "x9", "'", "\xe2\x80\x99", " ", "  ",
    "\t", "\n", "\r\n", "\n\n", ".", "!", "?", ",", "-", "\"", ")", "(", "e\xcc\x81",
    "\xc3\xa9", "\xc3\x89", "\xc3\x9f", "\xef\xac\x81", "\xe2\x84\xaa", "\xe4\xb8\xad",
    "\xce\x94\xce\x8a", "\xcc\x81", "\xff", "\xc3", "\xf0\x9f\x98\x80", "_", "\\",
    "don't", "people's", "l'\xc3\xa9t\xc3\xa9", "3.5", "e.g.", "Mr. X", "\xc2\xa0",
    /* normal forms longer than their bytes: U+FDFA, U+3300 */
    "\xef\xb7\xba", "\xe3\x8c\x80", "a\xef\xb7\xba", "A\xe3\x8c\x80\x62",
  };
  GRand *rand = g_rand_new_with_seed (20261123);
  g_autoptr (VbText) fast = vb_text_new (NULL, 0);
  for (guint round = 0; round < 3000; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 0, 40);
      /* Mostly ASCII words, as real text is, with the rest mixed in. */
      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      vb_text_set (fast, text->str, (gssize) text->len);
      g_autoptr (VbText) ref = vb_text_new_reference (text->str, (gssize) text->len);
      g_assert_cmpuint (fast->n_cp, ==, ref->n_cp);
      g_assert_cmpuint (fast->tokens->len, ==, ref->tokens->len);
      for (guint k = 0; k < ref->tokens->len; k++)
        {
          const VbToken *a = &g_array_index (fast->tokens, VbToken, k);
          const VbToken *b = &g_array_index (ref->tokens, VbToken, k);
          g_assert_cmpuint (a->bstart, ==, b->bstart);
          g_assert_cmpuint (a->bend, ==, b->bend);
          g_assert_cmpuint (a->start, ==, b->start);
          g_assert_cmpuint (a->end, ==, b->end);
          g_assert_cmpstr (a->norm, ==, b->norm);
          g_assert_cmpuint (a->norm_len, ==, strlen (b->norm));
          g_assert_cmpuint (b->norm_len, ==, strlen (b->norm));
        }
      g_assert_cmpuint (fast->sentences->len, ==, ref->sentences->len);
      g_assert_cmpmem (fast->sentences->data, fast->sentences->len * sizeof (VbRange),
                       ref->sentences->data, ref->sentences->len * sizeof (VbRange));
      g_string_free (text, TRUE);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/normalize/ascii", test_normalize_ascii);
  g_test_add_func ("/text/normalize/unicode", test_normalize_unicode);
  g_test_add_func ("/text/normalize/fast-path-agrees", test_normalize_fast_path_agrees);
  g_test_add_func ("/text/tokens/basic", test_tokens_basic);
  g_test_add_func ("/text/tokens/apostrophes", test_tokens_apostrophes);
  g_test_add_func ("/text/tokens/crlf", test_tokens_crlf);
  g_test_add_func ("/text/tokens/emoji-cjk", test_tokens_emoji_cjk);
  g_test_add_func ("/text/tokens/marks", test_tokens_marks);
  g_test_add_func ("/text/tokens/invalid-utf8", test_tokens_invalid_utf8);
  g_test_add_func ("/text/tokens/fast-path-agrees", test_tokens_fast_path_agrees);
  g_test_add_func ("/text/sentences/basic", test_sentences_basic);
  g_test_add_func ("/text/sentences/punctuation", test_sentences_punctuation);
  g_test_add_func ("/text/sentences/blank-lines", test_sentences_blank_lines);
  g_test_add_func ("/text/sentences/no-split", test_sentences_no_split);
  g_test_add_func ("/text/sentences/empty", test_sentences_empty);
  g_test_add_func ("/text/sentences/invariants", test_sentences_invariants);
  g_test_add_func ("/text/whole", test_whole);
  g_test_add_func ("/text/cp-at", test_cp_at);
  return g_test_run ();
}
