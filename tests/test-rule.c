/* test-rule.c: the rule language (vb-rule.h): parsing, printing, matching
 * and errors. */
#include <string.h>

#include "base/vb-error.h"
#include "codebook/vb-codebook.h"
#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-rule.h"
#include "codebook/vb-rule-private.h"

/* ---- helpers ---- */

static char *
show (const char *expr)
{
  GError *error = NULL;
  g_autoptr (VbRule) rule = vb_rule_compile (expr, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rule);
  return vb_rule_to_string (rule);
}

#define ASSERT_SHOW(expr, expected)           \
  G_STMT_START {                              \
    char *got_ = show (expr);                 \
    g_assert_cmpstr (got_, ==, expected);     \
    g_free (got_);                            \
  } G_STMT_END

static void
assert_error (const char *expr, const char *message)
{
  GError *error = NULL;
  VbRule *rule = vb_rule_compile (expr, &error);
  g_assert_null (rule);
  g_assert_error (error, VB_ERROR, VB_ERROR_RULE);
  g_assert_cmpstr (error->message, ==, message);
  g_error_free (error);
}

static void
assert_error_prefix (const char *expr, const char *prefix)
{
  GError *error = NULL;
  VbRule *rule = vb_rule_compile (expr, &error);
  g_assert_null (rule);
  g_assert_error (error, VB_ERROR, VB_ERROR_RULE);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
  g_error_free (error);
}

/* Matches expr over range of text and describes the result: "F", or "T"
 * followed by the spans, as in "T [0,8) [10,18)".  Also checks that
 * matching without spans gives the same answer. */
static char *
match_range (const char *expr, const VbText *t, const VbRange *range)
{
  GError *error = NULL;
  g_autoptr (VbRule) rule = vb_rule_compile (expr, &error);
  g_assert_no_error (error);

  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  gboolean holds = vb_rule_match (rule, t, range, spans);
  g_assert_cmpint (holds, ==, vb_rule_match (rule, t, range, NULL));
  if (!holds)
    {
      g_assert_cmpuint (spans->len, ==, 0);
      return g_strdup ("F");
    }
  GString *s = g_string_new ("T");
  for (guint i = 0; i < spans->len; i++)
    {
      const VbSpan *sp = &g_array_index (spans, VbSpan, i);
      g_string_append_printf (s, " [%u,%u)", sp->start, sp->end);
    }
  return g_string_free (s, FALSE);
}

/* sentence < 0: the whole text. */
static char *
match (const char *expr, const char *text, int sentence)
{
  g_autoptr (VbText) t = vb_text_new (text, -1);
  VbRange range = vb_text_whole (t);
  if (sentence >= 0)
    {
      g_assert_cmpuint ((guint) sentence, <, t->sentences->len);
      range = g_array_index (t->sentences, VbRange, sentence);
    }
  return match_range (expr, t, &range);
}

#define ASSERT_MATCH_IN(expr, text, sentence, expected)   \
  G_STMT_START {                                        \
    char *got_ = match (expr, text, sentence);          \
    g_assert_cmpstr (got_, ==, expected);               \
    g_free (got_);                                      \
  } G_STMT_END

#define ASSERT_MATCH(expr, text, expected) ASSERT_MATCH_IN (expr, text, -1, expected)

static char *
repeat (const char *s, guint n)
{
  GString *r = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append (r, s);
  return g_string_free (r, FALSE);
}

/* ---- printing ---- */

static void
test_show_basic (void)
{
  ASSERT_SHOW ("openness OR transparen*", "(openness OR transparen*)");
  ASSERT_SHOW ("Openness", "openness");
  ASSERT_SHOW ("  CAFÉ  ", "cafe");
  ASSERT_SHOW ("Transparen*", "transparen*");
  ASSERT_SHOW ("don\xe2\x80\x99t", "don't");
  ASSERT_SHOW ("\"Conflict*  of Interest\"", "\"conflict* of interest\"");
  ASSERT_SHOW ("\"Openness\"", "\"openness\"");
  ASSERT_SHOW ("\"conflicts-of-interest!\"", "\"conflicts of interest\"");
  /* A bare word the tokeniser splits is a phrase of its tokens. */
  ASSERT_SHOW ("over-promise", "\"over promise\"");
  ASSERT_SHOW ("over-prom*", "\"over prom*\"");
  ASSERT_SHOW ("3.5", "\"3 5\"");
  ASSERT_SHOW ("/Foo\\/bar/c", "/Foo\\/bar/c");
  ASSERT_SHOW ("/x+/", "/x+/");
  ASSERT_SHOW ("/a\\\\/", "/a\\\\/");
  ASSERT_SHOW ("a NEAR/3 b", "(a NEAR/3 b)");
  ASSERT_SHOW ("a b c", "(a OR b OR c)");
  ASSERT_SHOW ("((a))", "a");
  ASSERT_SHOW ("(a OR b) OR c", "((a OR b) OR c)");
  ASSERT_SHOW ("a\"b c\"/d/(e)", "(a OR \"b c\" OR /d/ OR e)");
  /* Keywords are upper case only. */
  ASSERT_SHOW ("a and b or not c near d", "(a OR and OR b OR or OR not OR c OR near OR d)");
  ASSERT_SHOW ("NEARBY Nand", "(nearby OR nand)");
}

static void
test_show_precedence (void)
{
  ASSERT_SHOW ("a b AND c", "(a OR (b AND c))");
  ASSERT_SHOW ("NOT a AND b", "((NOT a) AND b)");
  ASSERT_SHOW ("a NOT b", "(a AND (NOT b))");
  ASSERT_SHOW ("a NEAR/3 b AND c", "((a NEAR/3 b) AND c)");
  ASSERT_SHOW ("a OR b AND c", "(a OR (b AND c))");
  ASSERT_SHOW ("a AND b OR c AND d", "((a AND b) OR (c AND d))");
  ASSERT_SHOW ("a AND b AND c", "(a AND b AND c)");
  ASSERT_SHOW ("a AND (b OR c)", "(a AND (b OR c))");
  ASSERT_SHOW ("x (y z)", "(x OR (y OR z))");
  ASSERT_SHOW ("NOT a NEAR/2 b", "((NOT a) NEAR/2 b)");
  ASSERT_SHOW ("a NEAR/1 b NEAR/2 c", "((a NEAR/1 b) NEAR/2 c)");
  ASSERT_SHOW ("a NEAR/1 (b NEAR/2 c)", "(a NEAR/1 (b NEAR/2 c))");
  ASSERT_SHOW ("a NOT b NOT c", "(a AND (NOT b) AND (NOT c))");
  ASSERT_SHOW ("a NOT b NEAR/2 c", "(a AND ((NOT b) NEAR/2 c))");
  ASSERT_SHOW ("NOT NOT a", "(NOT (NOT a))");
  ASSERT_SHOW ("a NEAR/2 b c NEAR/4 d", "((a NEAR/2 b) OR (c NEAR/4 d))");
}

/* ---- matching ---- */

static void
test_match_word (void)
{
  ASSERT_MATCH ("openness", "OPENNESS matters", "T [0,8)");
  ASSERT_MATCH ("Openness", "Openness, openness!", "T [0,8) [10,18)");
  ASSERT_MATCH ("open", "openness", "F");
  ASSERT_MATCH ("openness", "open", "F");
  ASSERT_MATCH ("cafe", "Le Café", "T [3,7)");
  ASSERT_MATCH ("Café", "cafe", "T [0,4)");
  ASSERT_MATCH ("strasse", "die Straße", "T [4,10)");
  ASSERT_MATCH ("don't", "I don\xe2\x80\x99t know", "T [2,7)");
  ASSERT_MATCH ("finance", "\xef\xac\x81nance", "T [0,6)");
  ASSERT_MATCH ("東京", "I ❤️ 東京", "T [5,7)");
  ASSERT_MATCH ("x", "", "F");
}

static void
test_match_stem (void)
{
  ASSERT_MATCH ("transparen*", "Transparency", "T [0,12)");
  ASSERT_MATCH ("transparen*", "transparent and TRANSPARENCY", "T [0,11) [16,28)");
  ASSERT_MATCH ("transparen*", "transparen", "T [0,10)");
  ASSERT_MATCH ("transparen*", "transpare", "F");
  ASSERT_MATCH ("transparen*", "untransparent", "F");
  ASSERT_MATCH ("caf*", "CAFÉS", "T [0,5)");
}

static void
test_match_phrase (void)
{
  const char *phrase = "\"conflict* of interest\"";
  ASSERT_MATCH (phrase, "conflicts of interest", "T [0,21)");
  ASSERT_MATCH (phrase, "A Conflict-of-Interest!", "T [2,22)");
  ASSERT_MATCH (phrase, "conflict of their interest", "F");
  ASSERT_MATCH (phrase, "interest of conflict", "F");
  ASSERT_MATCH (phrase, "conflict of", "F");
  ASSERT_MATCH ("over-promise", "Don't over promise", "T [6,18)");
  ASSERT_MATCH ("\"a a\"", "a a a", "T [0,3) [2,5)");
  /* Phrases may run across sentences of the range, not out of it. */
  ASSERT_MATCH ("\"fair really\"", "It was fair. Really fair!", "T [7,19)");
  ASSERT_MATCH_IN ("\"fair really\"", "It was fair. Really fair!", 0, "F");
  ASSERT_MATCH_IN ("\"fair really\"", "It was fair. Really fair!", 1, "F");
}

static void
test_match_near (void)
{
  /* Distance counts token steps: adjacent tokens are 1 apart. */
  ASSERT_MATCH ("fair NEAR/2 stars", "fair x stars", "T [0,4) [7,12)");
  ASSERT_MATCH ("fair NEAR/2 stars", "fair x y stars", "F");
  ASSERT_MATCH ("fair NEAR/3 stars", "fair x y stars", "T [0,4) [9,14)");
  ASSERT_MATCH ("fair NEAR/1 stars", "fair stars", "T [0,4) [5,10)");
  ASSERT_MATCH ("fair NEAR/1 stars", "fair, x stars", "F");
  /* Either order; punctuation is not a token. */
  ASSERT_MATCH ("stars NEAR/1 fair", "Fair... stars!", "T [0,4) [8,13)");
  /* Only the spans that take part in a close pair. */
  ASSERT_MATCH ("a NEAR/2 b", "a x b y y y y b", "T [0,1) [4,5)");
  ASSERT_MATCH ("a NEAR/2 b", "b y y a x b a", "T [6,7) [10,11) [12,13)");
  /* Overlapping spans are 0 apart. */
  ASSERT_MATCH ("transparen* NEAR/1 transparency", "transparency", "T [0,12)");
  /* Phrases and regexes measure from their nearest token. */
  ASSERT_MATCH ("\"open book\" NEAR/1 test", "open book test", "T [0,9) [10,14)");
  ASSERT_MATCH ("\"open book\" NEAR/1 test", "test open book", "T [0,4) [5,14)");
  ASSERT_MATCH ("/\\d+%/ NEAR/1 rise", "a 5% rise", "T [2,4) [5,9)");
  /* A regex match on punctuation only covers no token. */
  ASSERT_MATCH ("/%%/", "a %%", "T [2,4)");
  ASSERT_MATCH ("/%%/ NEAR/5 a", "a %%", "F");
  /* NOT has no spans, so nothing is near it. */
  ASSERT_MATCH ("NOT x NEAR/3 a", "a b", "F");
  /* Nested NEAR works on the spans of the inner one: here only b is
   * within 1 of c, so a is not among the spans. */
  ASSERT_MATCH ("(a NEAR/1 b) NEAR/1 c", "a b c", "T [2,3) [4,5)");
  ASSERT_MATCH ("(a NEAR/1 b) NEAR/2 c", "a b c", "T [0,1) [2,3) [4,5)");
  ASSERT_MATCH ("(a NEAR/1 b) NEAR/1 c", "a b x c", "F");
  ASSERT_MATCH ("a NEAR/2 (b OR c)", "a b c", "T [0,1) [2,3) [4,5)");
  ASSERT_MATCH ("a NEAR/1 (b OR c)", "a b c", "T [0,1) [2,3)");
}

/* BEFORE/n: NEAR/n with the left side first. */
static void
test_match_before (void)
{
  ASSERT_MATCH ("fair BEFORE/2 stars", "fair x stars", "T [0,4) [7,12)");
  ASSERT_MATCH ("fair BEFORE/2 stars", "stars x fair", "F");
  ASSERT_MATCH ("fair BEFORE/2 stars", "fair x y stars", "F");
  ASSERT_MATCH ("a BEFORE/2 b", "b a x b a", "T [2,3) [6,7)");
  /* Overlapping hits are not one before the other. */
  ASSERT_MATCH ("transparen* BEFORE/1 transparency", "transparency", "F");
  ASSERT_MATCH ("NEG BEFORE/3 support*", "we do not really support it", "T [6,9) [17,24)");
  ASSERT_SHOW ("a BEFORE/3 b NEAR/2 c", "((a BEFORE/3 b) NEAR/2 c)");
}

/* EXCEPT: hits of the left side that a cue does not govern. */
static void
test_match_except (void)
{
  /* A cue at most n words before, in the same clause. */
  ASSERT_MATCH ("support EXCEPT/3 NEG", "we do not support it", "F");
  ASSERT_MATCH ("support EXCEPT/3 NEG", "we support it", "T [3,10)");
  ASSERT_MATCH ("support EXCEPT/1 NEG", "not really support", "T [11,18)");
  ASSERT_MATCH ("support EXCEPT/2 NEG", "not really support", "F");
  /* Only what comes before governs. */
  ASSERT_MATCH ("support EXCEPT/3 NEG", "we support it, not them", "T [3,10)");
  /* Each hit on its own: the free one is kept. */
  ASSERT_MATCH ("support EXCEPT/3 NEG", "we cannot support x y z w and support", "T [30,37)");
  /* The cues: contractions, typographic apostrophes, phrases. */
  ASSERT_MATCH ("support* EXCEPT/3 NEG", "we can\xe2\x80\x99t support", "F");
  ASSERT_MATCH ("convinced EXCEPT/3 NEG", "far from convinced", "F");
  ASSERT_MATCH ("oppos* EXCEPT/3 NEG", "we are hardly opposed", "F");
  /* A clause ends at a sentence end, ; : and before but, however... */
  ASSERT_MATCH ("support EXCEPT NEG", "not this. we support", "T [13,20)");
  ASSERT_MATCH ("support EXCEPT NEG", "not this; we support", "T [13,20)");
  ASSERT_MATCH ("support EXCEPT NEG", "not this: support", "T [10,17)");
  ASSERT_MATCH ("support EXCEPT NEG", "no, but we support", "T [11,18)");
  ASSERT_MATCH ("support EXCEPT NEG", "not now, however we support", "T [20,27)");
  ASSERT_MATCH ("support EXCEPT NEG", "not this, we support", "F");
  /* ... but not "yet" right after a negation. */
  ASSERT_MATCH ("support EXCEPT NEG", "we do not yet support", "F");
  ASSERT_MATCH ("support EXCEPT NEG", "it is late yet we support", "T [18,25)");
  /* Without n the whole clause before the hit. */
  ASSERT_MATCH ("support EXCEPT NEG", "not that we in any way support", "F");
  /* Any rule may be the cue. */
  ASSERT_MATCH ("fair EXCEPT/1 (un very)", "very fair and fair", "T [14,18)");
  /* Holds only with a hit left; NOT has none. */
  ASSERT_MATCH ("(NOT x) EXCEPT/2 NEG", "a b", "F");
  ASSERT_MATCH ("a EXCEPT/2 (NOT x)", "a b", "T [0,1)");
  ASSERT_SHOW ("support* EXCEPT/3 NEG", "(support* EXCEPT/3 NEG)");
  ASSERT_SHOW ("a EXCEPT b", "(a EXCEPT b)");
  /* UNDER keeps exactly the hits EXCEPT drops. */
  ASSERT_MATCH ("support UNDER/3 NEG", "we do not support it", "T [6,9) [10,17)");
  ASSERT_MATCH ("support UNDER/3 NEG", "we support it", "F");
  ASSERT_MATCH ("support UNDER/3 NEG", "we cannot support x y z w and support", "T [3,9) [10,17)");
  ASSERT_MATCH ("support UNDER NEG", "no, but we support", "F");
  ASSERT_MATCH ("support UNDER NEG", "we do not yet support", "T [6,9) [14,21)");
  ASSERT_SHOW ("a UNDER/2 NEG", "(a UNDER/2 NEG)");
  /* "not only" and the like negate nothing. */
  ASSERT_MATCH ("support EXCEPT/4 NEG", "not only do we support it", "T [15,22)");
  ASSERT_MATCH ("support UNDER/4 NEG", "not just support", "F");
  ASSERT_MATCH ("NEG", "not only", "F");
  ASSERT_MATCH ("NEG", "not", "T [0,3)");
  ASSERT_MATCH ("disagree EXCEPT/3 NEG", "No, I strongly disagree", "T [15,23)");
  ASSERT_MATCH ("disagree EXCEPT/3 NEG", "no I strongly disagree", "F");
  ASSERT_MATCH ("NEG", "No.", "F");
  ASSERT_SHOW ("NEG", "NEG");
}

/* scope = clause's pieces. */
static void
test_clauses (void)
{
  g_autoptr (VbText) t = vb_text_new ("We agree; but not yet. However it is fine: ok", -1);
  g_autoptr (GArray) c = g_array_new (FALSE, FALSE, sizeof (VbRange));
  vb_text_clauses (t, c);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < c->len; i++)
    {
      const VbRange *r = &g_array_index (c, VbRange, i);
      g_string_append_printf (s, "[%.*s]", (int) (r->byte_end - r->byte_start),
                              t->text + r->byte_start);
    }
  g_assert_cmpstr (s->str, ==, "[We agree; ][but not yet. ][However it is fine: ][ok]");
  g_string_free (s, TRUE);
}

static void
test_match_not (void)
{
  /* A rule that holds only through NOT spans the whole range. */
  ASSERT_MATCH ("NOT x", "a b", "T [0,3)");
  ASSERT_MATCH ("NOT a", "a b", "F");
  ASSERT_MATCH ("NOT x", "", "T [0,0)");
  ASSERT_MATCH ("a NOT b", "a c", "T [0,1)");
  ASSERT_MATCH ("a NOT b", "a b", "F");
  ASSERT_MATCH ("x OR NOT y", "Café", "T [0,4)");
  ASSERT_MATCH ("NOT NOT a", "a b", "T [0,3)");
  ASSERT_MATCH_IN ("NOT x", "It was fair. Really fair!", 1, "T [13,25)");
  ASSERT_MATCH_IN ("NOT x", "Café. Olé!", 1, "T [6,10)");
}

static void
test_match_and_or (void)
{
  const char *text = "It was fair. Really fair! 3.5 stars?";
  ASSERT_MATCH ("fair AND stars", text, "T [7,11) [20,24) [30,35)");
  ASSERT_MATCH ("fair AND missing", text, "F");
  ASSERT_MATCH ("missing OR stars", text, "T [30,35)");
  ASSERT_MATCH ("missing stars", text, "T [30,35)");
  ASSERT_MATCH ("missing nothing", text, "F");
  /* Duplicates are removed; overlapping spans are kept apart. */
  ASSERT_MATCH ("fair OR fair* OR Fair", text, "T [7,11) [20,24)");
  ASSERT_MATCH ("\"really fair\" OR fair", text, "T [7,11) [13,24) [20,24)");
  ASSERT_MATCH ("3.5 /\\d\\.\\d/", text, "T [26,29)");
  ASSERT_MATCH ("(fair AND missing) OR it", text, "T [0,2)");
}

static void
test_match_regex (void)
{
  ASSERT_MATCH ("/open(ness)?/", "OPENNESS and Openness", "T [0,8) [13,21)");
  ASSERT_MATCH ("/Open/c", "OPENNESS and Openness", "T [13,17)");
  ASSERT_MATCH ("/OPEN/c", "openness", "F");
  ASSERT_MATCH ("/a\\/b/", "x a/b y", "T [2,5)");
  ASSERT_MATCH ("/lait/", "Café au lait", "T [8,12)");
  ASSERT_MATCH ("/é/", "Café CAFÉ", "T [3,4) [8,9)");
  /* Empty matches are not spans. */
  ASSERT_MATCH ("/x*/", "abc", "F");
  ASSERT_MATCH ("/x*/", "axxb", "T [1,3)");
  /* The regex sees the range only: ^ and $ are its ends. */
  const char *text = "It was fair. Really fair!";
  ASSERT_MATCH_IN ("/^Really/", text, 1, "T [13,19)");
  ASSERT_MATCH_IN ("/^It/", text, 1, "F");
  ASSERT_MATCH_IN ("/fair!$/", text, 1, "T [20,25)");
  ASSERT_MATCH_IN ("/fair\\./", text, 1, "F");
  ASSERT_MATCH_IN ("/fair\\./", text, 0, "T [7,12)");
}

static void
test_match_scope (void)
{
  const char *text = "Openness matters. We value honesty.";
  ASSERT_MATCH ("openness", text, "T [0,8)");
  ASSERT_MATCH_IN ("openness", text, 1, "F");
  ASSERT_MATCH_IN ("honesty", text, 1, "T [27,34)");
  ASSERT_MATCH_IN ("honesty", text, 0, "F");
  ASSERT_MATCH ("openness AND honesty", text, "T [0,8) [27,34)");
  ASSERT_MATCH_IN ("openness AND honesty", text, 1, "F");
  ASSERT_MATCH_IN ("NOT openness", text, 1, "T [18,35)");
  ASSERT_MATCH_IN ("matters NEAR/2 we", text, 1, "F");
  ASSERT_MATCH ("matters NEAR/2 we", text, "T [9,16) [18,20)");
  ASSERT_MATCH_IN ("/openness/", text, 1, "F");

  /* Any range, not only sentences: tokens 1..3 ("matters We"). */
  g_autoptr (VbText) t = vb_text_new (text, -1);
  VbRange r = { 1, 3, 9, 20 };
  char *got = match_range ("openness OR we OR value", t, &r);
  g_assert_cmpstr (got, ==, "T [18,20)");
  g_free (got);
  got = match_range ("NOT openness", t, &r);
  g_assert_cmpstr (got, ==, "T [9,20)");
  g_free (got);
}

/* Spans are appended after what the array holds; NULL asks for the
 * answer only. */
static void
test_match_spans_array (void)
{
  g_autoptr (VbRule) rule = vb_rule_compile ("b OR a", NULL);
  g_autoptr (VbText) t = vb_text_new ("a b a", -1);
  VbRange whole = vb_text_whole (t);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  VbSpan old = { 100, 200 };
  g_array_append_val (spans, old);

  g_assert_true (vb_rule_match (rule, t, &whole, spans));
  g_assert_cmpuint (spans->len, ==, 4);
  static const VbSpan exp[] = { { 100, 200 }, { 0, 1 }, { 2, 3 }, { 4, 5 } };
  for (guint i = 0; i < G_N_ELEMENTS (exp); i++)
    {
      g_assert_cmpuint (g_array_index (spans, VbSpan, i).start, ==, exp[i].start);
      g_assert_cmpuint (g_array_index (spans, VbSpan, i).end, ==, exp[i].end);
    }
  g_assert_true (vb_rule_match (rule, t, &whole, NULL));

  g_autoptr (VbRule) miss = vb_rule_compile ("c", NULL);
  g_assert_false (vb_rule_match (miss, t, &whole, spans));
  g_assert_cmpuint (spans->len, ==, 4);
}

/* One compiled rule, many texts. */
static void
test_match_reuse (void)
{
  g_autoptr (VbRule) rule = vb_rule_compile ("(honest* OR /integrity/) NOT lie*", NULL);
  static const struct { const char *text; gboolean holds; } cases[] = {
    { "Honesty matters.", TRUE },
    { "Integrity, always.", TRUE },
    { "Honest people lie.", FALSE },
    { "Nothing here.", FALSE },
    { "", FALSE },
  };
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (VbText) t = vb_text_new (cases[i].text, -1);
        VbRange whole = vb_text_whole (t);
        g_assert_cmpint (vb_rule_match (rule, t, &whole, NULL), ==, cases[i].holds);
      }
}

/* ---- errors ---- */

static void
test_errors_syntax (void)
{
  assert_error ("", "column 1: empty rule");
  assert_error ("   ", "column 1: empty rule");
  assert_error ("(a OR b", "column 8: expected ')' to close '(' at column 1");
  assert_error ("a (b OR c d", "column 12: expected ')' to close '(' at column 3");
  assert_error ("((a) b", "column 7: expected ')' to close '(' at column 1");
  assert_error ("a AND )", "column 7: unexpected ')'");
  assert_error ("a)", "column 2: unexpected ')'");
  assert_error ("()", "column 2: unexpected ')'");
  assert_error ("a AND", "column 6: expected a word, phrase, regex or '(' after AND");
  assert_error ("a OR ", "column 6: expected a word, phrase, regex or '(' after OR");
  assert_error ("NOT", "column 4: expected a word, phrase, regex or '(' after NOT");
  assert_error ("a NEAR/2", "column 9: expected a word, phrase, regex or '(' after NEAR");
  assert_error ("(", "column 2: expected a word, phrase, regex or '(' after '('");
  assert_error ("a OR AND b", "column 6: unexpected AND");
  assert_error ("AND a", "column 1: unexpected AND");
  assert_error ("OR", "column 1: unexpected OR");
  assert_error ("NEAR/2 a", "column 1: unexpected NEAR");
  assert_error ("a NOT OR b", "column 7: unexpected OR");
  /* Columns count code points, not bytes. */
  assert_error ("café AND )", "column 10: unexpected ')'");
  assert_error ("ab\xff", "column 3: not valid UTF-8");
}

static void
test_errors_terms (void)
{
  assert_error ("a b \"c", "column 5: unterminated phrase");
  assert_error ("a \"\" b", "column 3: empty phrase");
  assert_error ("\" - !\"", "column 1: empty phrase");
  assert_error ("*", "column 1: '*' must follow a word, as in transparen*");
  assert_error ("a *", "column 3: '*' must follow a word, as in transparen*");
  assert_error ("a**", "column 3: '*' must follow a word, as in transparen*");
  assert_error ("*a", "column 1: '*' must follow a word, as in transparen*");
  assert_error ("\"conflict *\"", "column 11: '*' must follow a word, as in transparen*");
  assert_error ("trans*parent", "column 6: '*' is only allowed at the end of a word");
  assert_error ("\"é trans*parent\"", "column 9: '*' is only allowed at the end of a word");
  assert_error ("a - b", "column 3: nothing to match in '-': a word needs a letter or digit");
  /* A word whose normal form the tokeniser would split (found by
   * fuzz-rule: U+037A becomes a space; U+2044 FRACTION SLASH), refused,
   * as it cannot print as what reads back. */
  assert_error ("/a/ x \xcd\xba",
                "column 7: '\xcd\xba' normalises to ' ', which does not read back as one word "
                "(match it with a regex)");
  assert_error ("\"the N\xc2\xbe" "R form\"",
                "column 6: 'N\xc2\xbe" "R' normalises to 'n3\xe2\x81\x84" "4r', which does not read "
                "back as one word (match it with a regex)");
  /* Compatibility forms that stay one word still read: they print as
   * their normal forms, which read back the same. */
  ASSERT_SHOW ("\xef\xac\x81le Stra\xc3\x9f" "e caf\xc3\xa9 don\xe2\x80\x99t \xe2\x84\xaa" "elvin",
               "(file OR strasse OR cafe OR don't OR kelvin)");
  ASSERT_SHOW ("(file OR strasse OR cafe OR don't OR kelvin)",
               "(file OR strasse OR cafe OR don't OR kelvin)");
}

static void
test_errors_near (void)
{
  assert_error ("a AND b NEAR c", "column 9: NEAR needs a distance, as in NEAR/5");
  assert_error ("a NEAR/ b", "column 3: NEAR needs a distance, as in NEAR/5");
  assert_error ("a NEAR/0 b", "column 3: NEAR distance must be at least 1, as in NEAR/5");
  assert_error ("a NEAR/x b", "column 3: NEAR distance must be a whole number, as in NEAR/5");
  assert_error ("a NEAR/5x b", "column 3: NEAR distance must be a whole number, as in NEAR/5");
  assert_error ("a NEAR/-1 b", "column 3: NEAR distance must be a whole number, as in NEAR/5");
  assert_error ("a NEAR/99999999999999999999999 b", "column 3: NEAR distance must be at most 100000");
  ASSERT_SHOW ("a NEAR/100000 b", "(a NEAR/100000 b)");
  ASSERT_SHOW ("a NEAR/007 b", "(a NEAR/7 b)");
  assert_error ("a BEFORE b", "column 3: BEFORE needs a distance, as in BEFORE/5");
  assert_error ("a BEFORE/0 b", "column 3: BEFORE distance must be at least 1, as in BEFORE/5");
  assert_error ("a EXCEPT/ b", "column 3: EXCEPT needs a distance, as in EXCEPT/5");
  assert_error ("a EXCEPT/x b", "column 3: EXCEPT distance must be a whole number, as in EXCEPT/5");
  assert_error ("EXCEPT b", "column 1: unexpected EXCEPT");
  assert_error ("a BEFORE/2", "column 11: expected a word, phrase, regex or '(' after BEFORE");
}

static void
test_errors_regex (void)
{
  assert_error ("/abc", "column 1: unterminated regex");
  assert_error ("/a\\/", "column 1: unterminated regex");
  assert_error ("x //", "column 3: empty regex");
  assert_error ("/a/i", "column 4: unknown regex flag 'i' (the only flag is c, for case-sensitive)");
  assert_error ("/a/cé", "column 5: unknown regex flag 'é' (the only flag is c, for case-sensitive)");
  assert_error_prefix ("/a(/", "column 1: bad regex: ");
  assert_error_prefix ("ab /[/", "column 4: bad regex: ");
  assert_error_prefix ("ab /x{2,1}/c", "column 4: bad regex: ");
  /* \C, one byte, which can cut a character (found by fuzz-rule: /\C/ on
   * "\xcf\x8f" held without its spans and not with them); \\C, a
   * backslash and a C, is fine. */
  assert_error ("/\\C/", "column 1: bad regex: \\C (one byte) is not allowed: it can match "
                "part of a character");
  assert_error ("a OR /x\\C+/c", "column 6: bad regex: \\C (one byte) is not allowed: it can "
                "match part of a character");
  ASSERT_SHOW ("/a\\\\C/", "/a\\\\C/");
}

static void
test_errors_depth (void)
{
  char *open64 = repeat ("(", 64), *close64 = repeat (")", 64);
  char *ok = g_strconcat (open64, "a", close64, NULL);
  ASSERT_SHOW (ok, "a");
  char *deep = g_strconcat ("(", ok, ")", NULL);
  assert_error (deep, "column 65: rule nested more than 64 levels deep");

  /* Fails fast, without recursing 100000 levels. */
  char *huge = repeat ("(", 100000);
  assert_error (huge, "column 65: rule nested more than 64 levels deep");
  char *huge_not = repeat ("NOT ", 100000);
  assert_error (huge_not, "column 257: rule nested more than 64 levels deep");

  char *nots64 = repeat ("NOT ", 64);
  char *nots_ok = g_strconcat (nots64, "a", NULL);
  g_autoptr (VbRule) rule = vb_rule_compile (nots_ok, NULL);
  g_assert_nonnull (rule);

  /* A NEAR chain nests too: ((a NEAR b) NEAR c) ... */
  char *chain64 = repeat (" NEAR/1 a", 64);
  char *near_ok = g_strconcat ("a", chain64, NULL);
  g_autoptr (VbRule) near_rule = vb_rule_compile (near_ok, NULL);
  g_assert_nonnull (near_rule);
  char *near_deep = g_strconcat (near_ok, " NEAR/1 a", NULL);
  assert_error (near_deep, "column 579: rule nested more than 64 levels deep");
  char *huge_chain = repeat (" NEAR/1 a", 100000);
  char *huge_near = g_strconcat ("a", huge_chain, NULL);
  assert_error (huge_near, "column 579: rule nested more than 64 levels deep");

  /* Long flat lists are not deep. */
  char *flat = repeat ("a OR b AND c ", 20000);
  g_autoptr (VbRule) flat_rule = vb_rule_compile (flat, NULL);
  g_assert_nonnull (flat_rule);

  g_free (flat);
  g_free (huge_near);
  g_free (huge_chain);
  g_free (near_deep);
  g_free (near_ok);
  g_free (chain64);
  g_free (nots_ok);
  g_free (nots64);
  g_free (huge_not);
  g_free (huge);
  g_free (deep);
  g_free (ok);
  g_free (close64);
  g_free (open64);
}

/* A regex that backtracks without end fails with an error instead of
 * passing for "no match"; the same rule on a short text still matches. */
static void
test_regex_match_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VbRule) rule = vb_rule_compile ("/(a+)+b/", &error);
  g_assert_no_error (error);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "!b");
  g_autoptr (VbText) t = vb_text_new (s->str, -1);
  VbRange whole = vb_text_whole (t);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  g_assert_false (vb_rule_match_checked (rule, t, &whole, spans, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_RULE);
  g_assert_cmpstr (error->message, ==,
                   "regex /(a+)+b/ gave up after 1000000 backtracking steps (VB_REGEX_MATCH_LIMIT; "
                   "nested quantifiers such as (a+)+ backtrack without end)");
  g_assert_cmpuint (spans->len, ==, 0);
  g_clear_error (&error);

  g_autoptr (VbText) t2 = vb_text_new ("aaab", -1);
  VbRange whole2 = vb_text_whole (t2);
  g_assert_true (vb_rule_match_checked (rule, t2, &whole2, spans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpuint (g_array_index (spans, VbSpan, 0).end, ==, 4);
  g_string_free (s, TRUE);
}

static void
assert_reordered (const char *pat, const char *want)
{
  g_autofree char *got = vb_regex_lookbehinds_first (pat);
  g_assert_cmpstr (got, ==, want);
}

/* Every match (start, end) of pat on text, caseless as rules match. */
static char *
all_matches (const char *pat, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) re = g_regex_new (pat, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, &error);
  g_assert_no_error (error);
  GString *out = g_string_new (NULL);
  GMatchInfo *mi = NULL;
  g_regex_match (re, text, G_REGEX_MATCH_NOTEMPTY, &mi);
  while (g_match_info_matches (mi))
    {
      gint s, e;
      g_match_info_fetch_pos (mi, 0, &s, &e);
      g_string_append_printf (out, "%d-%d ", s, e);
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  return g_string_free (out, FALSE);
}

/* The lookbehinds of one character class a regex opens with are tried
 * first (vb-rule-parse.c): exactly those move, and only where nothing but
 * tests of the text is in the way; the reordered regex finds the same
 * matches as the one written. */
static void
test_regex_lookbehinds_first (void)
{
  assert_reordered ("(?<!to be )(?<![a-z0-9])honest", "(?<![a-z0-9])(?<!to be )honest");
  assert_reordered ("(?<!(?<![a-z0-9])i )(?<!i’ve )(?<![a-z0-9])(?:need|must) +be",
                    "(?<![a-z0-9])(?<!(?<![a-z0-9])i )(?<!i’ve )(?:need|must) +be");
  assert_reordered ("(?<=a )(?<=[ab])(?<!b )(?<![^c])x", "(?<=[ab])(?<![^c])(?<=a )(?<!b )x");
  assert_reordered ("(?<!a)(?<![]a])x", "(?<![]a])(?<!a)x");
  assert_reordered ("(?<!a)(?<![(])(x)", "(?<![(])(?<!a)(x)");
  assert_reordered ("(?<!a)(?<![\\]])x", "(?<![\\]])(?<!a)x");
  assert_reordered ("(?<=(a) )(?<![b])x\\1", "(?<![b])(?<=(a) )x\\1");
  /* Nothing to move, or not sure what would move. */
  assert_reordered ("(?<![a-z0-9])(?<!to be )honest", NULL);
  assert_reordered ("(?<!to be )(?<!i'm )honest", NULL);
  assert_reordered ("(?<![a-z])honest", NULL);
  assert_reordered ("honest(?<!to be )(?<![a-z])", NULL);
  assert_reordered ("(?<!a)(?<![[:alpha:]])x", NULL);
  assert_reordered ("(?<!a(*COMMIT))(?<![a-z])x", NULL);
  assert_reordered ("(?<!a(?C1))(?<![a-z])x", NULL);
  assert_reordered ("(?<!a(?#)))(?<![a-z])x", NULL);
  assert_reordered ("(?<!\\Q)\\E)(?<![a-z])x", NULL);
  assert_reordered ("(?<!a[)](?<![a-z])x", NULL);
  assert_reordered ("(?<!a", NULL);
  /* A quantifier on the run's last group would move to another group. */
  assert_reordered ("(?<!to be )(?<![a-z])?honest", NULL);
  assert_reordered ("(?<!to be )(?<![a-z]){0,1}honest", NULL);
  assert_reordered ("(?<!to be )(?<![a-z])*honest", NULL);

  static const char *const pats[] = {
    "(?<!to be )(?<!to be totally )(?<!i'll be )(?<!if i’m )(?<![a-z0-9])honest(?![a-z0-9])(?! +answer)",
    "(?<!(?<![a-z0-9])i )(?<!(?<![a-z0-9])i've )(?<![a-z0-9])(?:need|needs|has|have|got|should|must) "
    "+(?:to +)?be +(?:more +|really +)?honest(?![a-z0-9])",
    "(?<!in all )(?<![a-z0-9])honesty(?![a-z0-9])",
    "(?<=be )(?<=[a-z ])(?:un)?fair",
  };
  static const char *const texts[] = {
    "To be honest they must be honest, and I have to be honest: honest answer. Dishonest; "
    "I've got to be really honest. We NEED to be HONEST with us. In all honesty, honesty.",
    "they need   to  be more honest\nto be totally honest i've to be honest. be fair, be unfair, "
    "bfair, be  fair",
    "",
  };
  for (guint i = 0; i < G_N_ELEMENTS (pats); i++)
    {
      g_autofree char *re = vb_regex_lookbehinds_first (pats[i]);
      g_assert_nonnull (re);
      gboolean some = FALSE;
      for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
        {
          g_autofree char *a = all_matches (pats[i], texts[j]);
          g_autofree char *b = all_matches (re, texts[j]);
          g_assert_cmpstr (a, ==, b);
          some = some || *a != '\0';
        }
      g_assert_true (some); /* the texts try each pattern's lookbehinds */
    }
}

/* TRUE if a and b are the same tree, as compiled (the matcher's numbers
 * aside). */
static gboolean
same_node (const VbNode *a, const VbNode *b)
{
  if (a->kind != b->kind || a->n_words != b->n_words || a->quoted != b->quoted
      || a->case_sensitive != b->case_sensitive || a->n_kids != b->n_kids
      || a->near != b->near || a->neg != b->neg || a->n_alts != b->n_alts
      || a->has_regex != b->has_regex
      || g_strcmp0 (a->source, b->source) != 0 || g_strcmp0 (a->lit, b->lit) != 0
      || (a->regex == NULL) != (b->regex == NULL) || (a->alts == NULL) != (b->alts == NULL)
      || (a->alt_pats == NULL) != (b->alt_pats == NULL))
    return FALSE;
  if (a->regex != NULL
      && strcmp (g_regex_get_pattern (a->regex), g_regex_get_pattern (b->regex)) != 0)
    return FALSE;
  for (guint i = 0; i < a->n_words; i++)
    if (strcmp (a->words[i].norm, b->words[i].norm) != 0 || a->words[i].len != b->words[i].len
        || a->words[i].prefix != b->words[i].prefix)
      return FALSE;
  for (guint i = 0; a->alts != NULL && a->alts[i] != NULL; i++)
    if (g_strcmp0 (a->alts[i], b->alts[i]) != 0)
      return FALSE;
  for (guint i = 0; i < a->n_kids; i++)
    if (!same_node (a->kids[i], b->kids[i]))
      return FALSE;
  return TRUE;
}

/* vb_rule_copy (what merging codebooks does instead of compiling every
 * rule again): every rule of the bundled codebooks, copied, is the tree
 * compiling gives and matches as it does once the original is gone. */
static void
test_rule_copy (void)
{
  static const char *const bundled[] = {
    "seven-principles", "public-standards", "public-service-values", "consultation-stance",
    "stakeholder-standards",
  };
  static const char *const texts[] = {
    "They need to be honest with us, to be honest, and the truth is they lie.",
    "Providers must be open and transparent about their decisions; no one takes "
    "responsibility when things go wrong.",
    "Staff were rude and did not care. I don't agree with the proposal at all, "
    "but value for money matters.",
    "We support this. Conflicts of interest should be declared and published online.",
  };
  guint n = 0;
  for (guint b = 0; b < G_N_ELEMENTS (bundled); b++)
    {
      GError *error = NULL;
      VbCodebook *cb = vb_codebook_load (bundled[b], NULL, &error);
      g_assert_no_error (error);
      GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_rule_free);
      GPtrArray *exprs = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
        {
          const VbCode *code = vb_codebook_code (cb, c);
          for (guint r = 0; r < code->rules->len; r++)
            {
              const VbCodeRule *cr = code->rules->pdata[r];
              VbRule *copy = vb_rule_copy (cr->compiled);
              g_assert_true (copy != cr->compiled && copy->root != cr->compiled->root);
              g_assert_true (same_node (copy->root, cr->compiled->root));
              g_ptr_array_add (copies, copy);
              g_ptr_array_add (exprs, g_strdup (cr->expr));
            }
        }
      vb_codebook_free (cb); /* the copies share its regexes */
      for (guint i = 0; i < copies->len; i++, n++)
        {
          g_autoptr (VbRule) fresh = vb_rule_compile (exprs->pdata[i], &error);
          g_assert_no_error (error);
          g_autofree char *a = vb_rule_to_string (copies->pdata[i]);
          g_autofree char *e = vb_rule_to_string (fresh);
          g_assert_cmpstr (a, ==, e);
          for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
            {
              g_autoptr (VbText) text = vb_text_new (texts[t], -1);
              VbRange whole = vb_text_whole (text);
              g_autoptr (GArray) s1 = g_array_new (FALSE, FALSE, sizeof (VbSpan));
              g_autoptr (GArray) s2 = g_array_new (FALSE, FALSE, sizeof (VbSpan));
              gboolean h1 = vb_rule_match (copies->pdata[i], text, &whole, s1);
              gboolean h2 = vb_rule_match (fresh, text, &whole, s2);
              g_assert_cmpint (h1, ==, h2);
              g_assert_cmpuint (s1->len, ==, s2->len);
              g_assert_cmpmem (s1->data, s1->len * sizeof (VbSpan), s2->data,
                               s2->len * sizeof (VbSpan));
            }
        }
      g_ptr_array_unref (copies);
      g_ptr_array_unref (exprs);
    }
  g_assert_cmpuint (n, >, 100);
}

/* The regexes as vb-rule-match.c runs them (PCRE2's JIT code, one match
 * data a thread) against GRegex, the path they took before and still take
 * without JIT code: the same hits on random texts of the words the
 * regexes look for, caseless folds (ſ, the Kelvin sign), accents, digits
 * and every newline GLib knows, for every regex of the bundled codebooks
 * and patterns of anchors, dots, classes and newlines. */
static void
collect_regexes (const VbNode *node, GPtrArray *out)
{
  if (node->kind == VB_NODE_REGEX)
    g_ptr_array_add (out, g_strdup_printf ("/%s/%s", node->source, node->case_sensitive ? "c" : ""));
  for (guint i = 0; i < node->n_kids; i++)
    collect_regexes (node->kids[i], out);
}

static void
test_regex_pcre (void)
{
  static const char *const pieces[] = {
    "honest", "Honest", "HONESTY", "fair", "unfair", "lie", "lies", "lying", "truth", "truthful",
    "to be", "i", "I", "i've", "I\xe2\x80\x99ve", "need", "needs", "have", "should", "be",
    "straight with", "what they need", "the", "The", "my", "down", "with", "more", "\xc5\xbf",
    "\xe2\x84\xaa", "k", "caf\xc3\xa9", "CAF\xc3\x89", "na\xc3\xafve", "3", "42", "_", "a",
    "b", "aab", "x",
  };
  static const char *const seps[] = {
    " ", " ", " ", " ", "  ", ", ", ". ", "\n", "\r\n", "\r", "\xc2\x85", "\xe2\x80\xa8", "-",
    "'", "",
  };
  static const char *const extra[] = {
    "/^the/", "/the$/", "/^\\w+$/", "/(?m)^the/", "/(?m)the$/", "/h.n/", "/(?s)h.n/",
    "/\\bfair\\b/", "/\\d+/", "/\\w+/", "/[[:alpha:]]+ness/", "/s/", "/k/", "/K/c", "/\\R/",
    "/\\s+/", "/$/", "/^/", "/\\Z/", "/caf\xc3\xa9/", "/(a+)b/", "/\\x{2028}/", "/[^a-z ]+/",
    "/e(?=s)/", "/(?<=h)o/",
  };
  g_autoptr (GPtrArray) pats = g_ptr_array_new_with_free_func (g_free);
  static const char *const bundled[] = {
    "seven-principles", "public-standards", "public-service-values", "consultation-stance",
    "stakeholder-standards",
  };
  for (guint b = 0; b < G_N_ELEMENTS (bundled); b++)
    {
      GError *error = NULL;
      g_autoptr (VbCodebook) cb = vb_codebook_load (bundled[b], NULL, &error);
      g_assert_no_error (error);
      for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
        {
          const VbCode *code = vb_codebook_code (cb, c);
          for (guint r = 0; r < code->rules->len; r++)
            collect_regexes (((const VbCodeRule *) code->rules->pdata[r])->compiled->root, pats);
        }
    }
  g_assert_cmpuint (pats->len, >=, 9);
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    g_ptr_array_add (pats, g_strdup (extra[i]));

  g_autoptr (GRand) rnd = g_rand_new_with_seed (1974);
  guint hits = 0;
  for (guint i = 0; i < pats->len; i++)
    {
      GError *error = NULL;
      g_autoptr (VbRule) rule = vb_rule_compile (pats->pdata[i], &error);
      g_assert_no_error (error);
      VbNode *node = rule->root;
      g_assert_cmpint (node->kind, ==, VB_NODE_REGEX);
      if (node->pcre == NULL)
        g_error ("%s: no JIT code", (const char *) pats->pdata[i]);
      for (guint k = 0; k < 150; k++)
        {
          GString *s = g_string_new (NULL);
          int n = g_rand_int_range (rnd, 0, 30);
          for (int w = 0; w < n; w++)
            {
              g_string_append (s, pieces[g_rand_int_range (rnd, 0, G_N_ELEMENTS (pieces))]);
              g_string_append (s, seps[g_rand_int_range (rnd, 0, G_N_ELEMENTS (seps))]);
            }
          g_autoptr (VbText) t = vb_text_new (s->str, (gssize) s->len);
          /* The whole text, and its first sentence (^ and $ at its ends). */
          VbRange ranges[2] = { vb_text_whole (t), vb_text_whole (t) };
          if (t->sentences->len > 0)
            ranges[1] = g_array_index (t->sentences, VbRange, 0);
          for (guint q = 0; q < 2; q++)
            {
              g_autoptr (GArray) a = g_array_new (FALSE, FALSE, sizeof (VbSpan));
              g_autoptr (GArray) b = g_array_new (FALSE, FALSE, sizeof (VbSpan));
              gboolean ha = vb_rule_match (rule, t, &ranges[q], a);
              VbPcre *keep = node->pcre;
              node->pcre = NULL; /* the GRegex path */
              gboolean hb = vb_rule_match (rule, t, &ranges[q], b);
              node->pcre = keep;
              /* memcmp's pointers may not be NULL, even for no bytes. */
              if (ha != hb || a->len != b->len
                  || (a->len > 0 && memcmp (a->data, b->data, a->len * sizeof (VbSpan)) != 0))
                g_error ("%s on \"%s\": PCRE2 %d with %u spans, GRegex %d with %u",
                         (const char *) pats->pdata[i], s->str, ha, a->len, hb, b->len);
              hits += a->len;
            }
          g_string_free (s, TRUE);
        }
    }
  g_assert_cmpuint (hits, >, 5000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rule/show/basic", test_show_basic);
  g_test_add_func ("/rule/show/precedence", test_show_precedence);
  g_test_add_func ("/rule/match/word", test_match_word);
  g_test_add_func ("/rule/match/stem", test_match_stem);
  g_test_add_func ("/rule/match/phrase", test_match_phrase);
  g_test_add_func ("/rule/match/near", test_match_near);
  g_test_add_func ("/rule/match/before", test_match_before);
  g_test_add_func ("/rule/match/except", test_match_except);
  g_test_add_func ("/rule/match/clauses", test_clauses);
  g_test_add_func ("/rule/match/not", test_match_not);
  g_test_add_func ("/rule/match/and-or", test_match_and_or);
  g_test_add_func ("/rule/match/regex", test_match_regex);
  g_test_add_func ("/rule/match/scope", test_match_scope);
  g_test_add_func ("/rule/match/spans-array", test_match_spans_array);
  g_test_add_func ("/rule/match/reuse", test_match_reuse);
  g_test_add_func ("/rule/errors/syntax", test_errors_syntax);
  g_test_add_func ("/rule/errors/terms", test_errors_terms);
  g_test_add_func ("/rule/errors/near", test_errors_near);
  g_test_add_func ("/rule/errors/regex", test_errors_regex);
  g_test_add_func ("/rule/errors/depth", test_errors_depth);
  g_test_add_func ("/rule/regex/match-limit", test_regex_match_limit);
  g_test_add_func ("/rule/regex/lookbehinds-first", test_regex_lookbehinds_first);
  g_test_add_func ("/rule/copy", test_rule_copy);
  g_test_add_func ("/rule/regex/pcre", test_regex_pcre);
  return g_test_run ();
}
