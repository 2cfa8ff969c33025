/* test-matcher.c: the compiled matcher (vb-matcher.h) against the reference
 * path that evaluates every rule on its own (vb_coder_new_reference): on
 * many seeded random codebooks and documents, both must give exactly the
 * same codings, in the same order, with the same rule named.  The same on
 * the bundled codebooks of principles (their regexes, phrases, NEAR and
 * NOT lists) over documents of their words, fillers and negations. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "code/vb-coder.h"
#include "codebook/vb-codebook-forms.h"
#include "test-words.h"
#include "codebook/vb-rule.h"
#include "codebook/vb-rule-private.h"
#include "code/vb-matcher.h"

/* Words of the texts: case variants, stems of one another, accents,
 * apostrophes, a ligature, the Kelvin sign (which caseless regexes fold to
 * k) and digits. */
static const char *const vocab[] = {
  "open", "Open", "OPENNESS", "openness", "opener", "transparency", "transparent",
  "TRANSPARENT", "fair", "FAIR", "unfair", "fairly", "fairness", "café", "Café", "CAFE",
  "cafe", "naïve", "naive", "don't", "people's", "people", "peple", "the", "The", "a",
  "and", "or", "not", "l'été", "straße", "STRASSE", "ﬁle", "file", "\xe2\x84\xaa" "elvin",
  "kelvin", "3", "35", "honest", "honesty", "dishonest", "truth", "public", "interest",
  "interests", "staff", "put", "first", "users", "user", "δίκαιο", "ΔΊΚΑΙΟ",
  /* negation cues and clause words, for NEG, EXCEPT and the clause scope */
  "no", "never", "cannot", "can't", "far", "from", "but", "However", "yet", "though", "only", "No",
};

static const char *const seps[] = {
  " ", " ", " ", " ", " ", ", ", ". ", "! ", "? ", "\n\n", " - ", " (", ") ", ".\" ",
  "\xe2\x80\x99 ", " 3.5 ", "; ", ": ",
};

static const char *const regexes[] = {
  "/fair(?![a-z])/", "/open(ness)?/", "/(?<![a-z])kelvin/", "/caf[eé]/", "/peo?ple/",
  "/^the/", "/TRANSPARENT/c", "/don't/", "/honest|truth/", "/[0-9]+/", "/interest/c",
  /* What the matcher's literal pre-check must read right: counted
   * quantifiers (no "0" or "2" in the texts), classes, optional groups,
   * lookarounds, escapes. */
  "/(?:the +[a-z]+){0,2}/", "/[[:alpha:]]+ness/", "/(?:un)?fair(?:ly|ness)?/",
  "/open(?=ness)/", "/(?<!the )people/", "/kel\\w+/", "/[]a]nd/", "/naï?ve/",
};

static const char *
pick (GRand *r, const char *const *a, guint n)
{
  return a[g_rand_int_range (r, 0, (gint) n)];
}

#define PICK(r, a) pick (r, a, G_N_ELEMENTS (a))

static void
gen_word (GRand *r, GString *out)
{
  test_append_word (r, PICK (r, vocab), out);
}

static void
gen_rule (GRand *r, GString *out, int depth)
{
  int k = depth > 2 ? g_rand_int_range (r, 0, 3) : g_rand_int_range (r, 0, 12);
  switch (k)
    {
    case 0:
    case 1:
      gen_word (r, out);
      break;
    case 2:
      {
        g_string_append_c (out, '"');
        int n = g_rand_int_range (r, 2, 4);
        for (int i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ' ');
            gen_word (r, out);
          }
        g_string_append_c (out, '"');
        break;
      }
    case 3:
      g_string_append (out, PICK (r, regexes));
      break;
    case 4:
    case 5:
      {
        static const char *const ops[] = { " AND ", " OR ", " ", " NOT " };
        g_string_append_c (out, '(');
        gen_rule (r, out, depth + 1);
        g_string_append (out, PICK (r, ops));
        gen_rule (r, out, depth + 1);
        g_string_append_c (out, ')');
        break;
      }
    case 6:
      g_string_append (out, "(NOT ");
      gen_rule (r, out, depth + 1);
      g_string_append_c (out, ')');
      break;
    case 9:
    case 10:
      {
        /* EXCEPT or UNDER against the built-in cues or a rule of its own, with a
         * distance or without (the whole clause). */
        g_string_append_c (out, '(');
        gen_rule (r, out, depth + 1);
        const char *op = g_rand_boolean (r) ? "EXCEPT" : "UNDER";
        if (g_rand_boolean (r))
          g_string_append_printf (out, " %s/%d ", op, g_rand_int_range (r, 1, 5));
        else
          g_string_append_printf (out, " %s ", op);
        if (g_rand_boolean (r))
          g_string_append (out, "NEG");
        else
          gen_rule (r, out, depth + 1);
        g_string_append_c (out, ')');
        break;
      }
    default:
      g_string_append_c (out, '(');
      if (g_rand_int_range (r, 0, 4) == 0)
        g_string_append (out, "NEG");
      else
        gen_rule (r, out, depth + 1);
      g_string_append_printf (out, g_rand_boolean (r) ? " NEAR/%d " : " BEFORE/%d ",
                              g_rand_int_range (r, 1, 6));
      gen_rule (r, out, depth + 1);
      g_string_append_c (out, ')');
      break;
    }
}

static VbCodebook *
gen_codebook (GRand *r, guint n_codes)
{
  static const char *const scopes[] = { "segment", "sentence", "document", "clause" };
  GString *s = g_string_new ("[codebook]\nid = random\ntitle = Random\n\n");
  for (guint c = 0; c < n_codes; c++)
    {
      g_string_append_printf (s, "[theme:t%u]\nlabel = T%u\nscope = %s\n", c, c,
                              PICK (r, scopes));
      int n = g_rand_int_range (r, 1, 4);
      for (int i = 0; i < n; i++)
        {
          g_string_append_printf (s, i == 0 ? "rule = " : "rule.r%d = ", i);
          gen_rule (r, s, 0);
          g_string_append_c (s, '\n');
        }
      g_string_append_c (s, '\n');
    }
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-matcher-XXXXXX.codebook", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  VbCodebook *cb = vb_codebook_load (path, NULL, &error);
  if (cb == NULL)
    g_error ("%s\n%s", error->message, s->str);
  g_unlink (path);
  g_free (path);
  g_string_free (s, TRUE);
  return cb;
}

static GPtrArray *
gen_document (GRand *r, guint d)
{
  GPtrArray *doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  int n = g_rand_int_range (r, 1, 5);
  for (int i = 0; i < n; i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup_printf ("d%u", d);
      seg->index = (guint) i + 1;
      seg->role = g_rand_int_range (r, 0, 4) == 0 ? VB_ROLE_MODERATOR : VB_ROLE_PARTICIPANT;
      GString *t = g_string_new (NULL);
      int words = g_rand_int_range (r, 0, 40);
      for (int w = 0; w < words; w++)
        {
          if (w > 0)
            g_string_append (t, PICK (r, seps));
          g_string_append (t, PICK (r, vocab));
        }
      g_free (seg->text);
      seg->text = g_string_free (t, FALSE);
      g_ptr_array_add (doc, seg);
    }
  return doc;
}

static void
test_differential (void)
{
  /* Seeded, so a failure reproduces; the seed is in the message. */
  guint total = 0;
  for (guint32 seed = 1; seed <= 60; seed++)
    {
      g_autoptr (GRand) r = g_rand_new_with_seed (seed);
      g_autoptr (VbCodebook) cb = gen_codebook (r, (guint) g_rand_int_range (r, 1, 12));
      g_autoptr (VbCoder) fast = vb_coder_new (cb);
      g_autoptr (VbCoder) clone = vb_coder_clone (fast);
      g_autoptr (VbCoder) ref = vb_coder_new_reference (cb);
      for (guint d = 0; d < 40; d++)
        {
          g_autoptr (GPtrArray) doc = gen_document (r, d);
          g_autoptr (GPtrArray) doc2 = test_copy_document (doc);
          g_autoptr (GPtrArray) doc3 = test_copy_document (doc);
          vb_coder_code_document (ref, doc);
          vb_coder_code_document (fast, doc2);
          vb_coder_code_document (clone, doc3);
          for (guint i = 0; i < doc->len; i++)
            {
              test_assert_same_codings ("matcher", doc2->pdata[i], doc->pdata[i]);
              test_assert_same_codings ("matcher", doc3->pdata[i], doc->pdata[i]);
              total += ((VbSegment *) doc->pdata[i])->codings->len;
            }
        }
    }
  /* The comparison means something only if the rules fire often. */
  g_assert_cmpuint (total, >, 5000);
}

/* Words and phrases the bundled codebooks look for, the fillers their
 * regexes and NOTs turn away, and words near them in consultations. */
static const char *const principle_words[] = {
  "honest", "to be honest", "they need to be honest", "have to be honest about", "Honesty",
  "honestly", "fair", "to be fair", "fair enough", "it has to be fair", "unfair", "fairly",
  "lie", "lying down", "lies", "lying", "truth", "the truth", "the truth is",
  "far from the truth", "straight with", "public interest", "the public interest",
  "conflicts of interest", "declarations of interest", "any declarations of interest", "open",
  "open hours", "open 24", "openness", "transparent", "transparency", "accountable",
  "held to account", "integrity", "corrupt", "put users first", "users come first",
  "value for money", "leadership", "lead by example", "senior managers", "management team",
  "not", "never", "no", "not only", "but", "however", "selfless", "objective", "bias",
  "publish", "published their figures", "figures", "decisions", "explain", "reasons",
  "people", "public", "first", "put", "interest", "best interests", "I'm being honest",
  "what they need", "complaints", "feedback", "mistakes", "owned up", "apologise", "advice",
  "providers", "contractors", "should", "must", "the", "of", "and", "staff", "training",
  "\xe2\x80\x99", "don't", "café", "\xe2\x84\xaa" "elvin",
};

static GPtrArray *
gen_principle_document (GRand *r, guint d)
{
  GPtrArray *doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  int n = g_rand_int_range (r, 1, 4);
  for (int i = 0; i < n; i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup_printf ("d%u", d);
      seg->index = (guint) i + 1;
      GString *t = g_string_new (NULL);
      int words = g_rand_int_range (r, 0, 40);
      for (int w = 0; w < words; w++)
        {
          if (w > 0)
            g_string_append (t, PICK (r, seps));
          g_string_append (t, PICK (r, principle_words));
        }
      g_free (seg->text);
      seg->text = g_string_free (t, FALSE);
      g_ptr_array_add (doc, seg);
    }
  return doc;
}

/* The bundled codebooks the benchmarks time, fast path against reference. */
static void
test_bundled (void)
{
  static const char *const bundled[] = { "seven-principles", "public-standards" };
  for (guint b = 0; b < G_N_ELEMENTS (bundled); b++)
    {
      GError *error = NULL;
      g_autoptr (VbCodebook) cb = vb_codebook_load (bundled[b], NULL, &error);
      g_assert_no_error (error);
      g_autoptr (VbCoder) fast = vb_coder_new (cb);
      g_autoptr (VbCoder) ref = vb_coder_new_reference (cb);
      g_autoptr (GRand) r = g_rand_new_with_seed (19 + b);
      guint total = 0;
      for (guint d = 0; d < 400; d++)
        {
          g_autoptr (GPtrArray) doc = gen_principle_document (r, d);
          g_autoptr (GPtrArray) doc2 = test_copy_document (doc);
          vb_coder_code_document (ref, doc);
          vb_coder_code_document (fast, doc2);
          for (guint i = 0; i < doc->len; i++)
            {
              test_assert_same_codings ("matcher", doc2->pdata[i], doc->pdata[i]);
              total += ((VbSegment *) doc->pdata[i])->codings->len;
            }
        }
      g_assert_cmpuint (total, >, 3000);
    }
}

/* A bigger codebook of plain words and stems, as the benchmarks use. */
static void
test_many_words (void)
{
  GString *s = g_string_new ("[codebook]\nid = words\ntitle = Words\n\n");
  for (guint i = 0; i < G_N_ELEMENTS (vocab); i++)
    g_string_append_printf (s, "[theme:w%u]\nlabel = W%u\nrule = %s %s*\n\n", i, i, vocab[i],
                            vocab[(i + 7) % G_N_ELEMENTS (vocab)]);
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-matcher-XXXXXX.codebook", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  g_autoptr (VbCodebook) cb = vb_codebook_load (path, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_free (path);
  g_string_free (s, TRUE);

  g_autoptr (VbCoder) fast = vb_coder_new (cb);
  g_autoptr (VbCoder) ref = vb_coder_new_reference (cb);
  g_autoptr (GRand) r = g_rand_new_with_seed (2014);
  guint total = 0;
  for (guint d = 0; d < 300; d++)
    {
      g_autoptr (GPtrArray) doc = gen_document (r, d);
      g_autoptr (GPtrArray) doc2 = test_copy_document (doc);
      vb_coder_code_document (ref, doc);
      vb_coder_code_document (fast, doc2);
      for (guint i = 0; i < doc->len; i++)
        {
          test_assert_same_codings ("matcher", doc2->pdata[i], doc->pdata[i]);
          total += ((VbSegment *) doc->pdata[i])->codings->len;
        }
    }
  g_assert_cmpuint (total, >, 5000);
}

/* The words of node and below, by pattern number. */
static void
collect_words (const VbNode *node, GPtrArray *by_pat)
{
  for (guint i = 0; i < node->n_words; i++)
    {
      const VbWord *w = &node->words[i];
      if (w->pat >= by_pat->len)
        g_ptr_array_set_size (by_pat, (gint) w->pat + 1);
      by_pat->pdata[w->pat] = (gpointer) w;
    }
  for (guint i = 0; i < node->n_kids; i++)
    collect_words (node->kids[i], by_pat);
}

/* vb_matcher_lookup (a double-array trie over the words and stems) against
 * a look-up that tries every pattern: on codebooks of words over a few
 * letters, an apostrophe and two letters past ASCII, so that words and
 * stems share long prefixes, and on tokens made of the same, of the
 * patterns themselves and of their prefixes and extensions; and on
 * codebooks without stems, whose exact words are also hashed. */
static void
test_lookup_naive (void)
{
  static const char *const pieces[] = { "a", "b", "ab", "é", "z", "b'a", "\xe4\xb8\xad", "9" };
  guint found = 0, stems_found = 0;
  for (guint32 seed = 1; seed <= 12; seed++)
    {
      g_autoptr (GRand) r = g_rand_new_with_seed (seed);
      GString *s = g_string_new ("[codebook]\nid = lookup\ntitle = Lookup\n\n");
      guint n_rules = (guint) g_rand_int_range (r, 1, 40);
      for (guint c = 0; c < n_rules; c++)
        {
          g_string_append_printf (s, "[theme:t%u]\nlabel = T%u\nrule = ", c, c);
          guint n_words = (guint) g_rand_int_range (r, 1, 12);
          for (guint w = 0; w < n_words; w++)
            {
              if (w > 0)
                g_string_append (s, " OR ");
              guint n = (guint) g_rand_int_range (r, 1, 6);
              for (guint k = 0; k < n; k++)
                g_string_append (s, PICK (r, pieces));
              /* Every fourth codebook without stems (a keyword list:
               * vb_matcher_lookup then hashes the exact words). */
              if (seed % 4 != 0 && g_rand_int_range (r, 0, 3) == 0)
                g_string_append_c (s, '*');
            }
          g_string_append (s, "\n\n");
        }
      GError *error = NULL;
      char *path = NULL;
      int fd = g_file_open_tmp ("test-matcher-XXXXXX.codebook", &path, &error);
      g_assert_no_error (error);
      close (fd);
      g_file_set_contents (path, s->str, (gssize) s->len, &error);
      g_assert_no_error (error);
      g_autoptr (VbCodebook) cb = vb_codebook_load (path, NULL, &error);
      if (cb == NULL)
        g_error ("%s\n%s", error->message, s->str);
      g_unlink (path);
      g_free (path);
      g_string_free (s, TRUE);

      g_autoptr (VbMatcher) m = vb_matcher_new (cb);
      g_autoptr (GPtrArray) by_pat = g_ptr_array_new ();
      for (guint g = 0; g < vb_matcher_n_rules (m); g++)
        collect_words (vb_matcher_rule (m, g)->compiled->root, by_pat);
      g_assert_cmpuint (by_pat->len, ==, vb_matcher_n_patterns (m));
      guint room = vb_matcher_lookup_room (m);
      g_autofree guint *got = g_new (guint, room);
      g_autofree guint *want = g_new (guint, room);
      GString *tok = g_string_new (NULL);
      for (guint round = 0; round < 3000; round++)
        {
          g_string_truncate (tok, 0);
          if (g_rand_boolean (r))
            {
              /* A pattern, cut short or run on. */
              const VbWord *w = by_pat->pdata[g_rand_int_range (r, 0, (gint) by_pat->len)];
              g_string_append_len (tok, w->norm, g_rand_int_range (r, 0, (gint) w->len + 1));
              if (g_rand_boolean (r))
                g_string_append_len (tok, w->norm + tok->len, (gssize) (w->len - tok->len));
            }
          guint n = (guint) g_rand_int_range (r, 0, 4);
          for (guint k = 0; k < n; k++)
            g_string_append (tok, PICK (r, pieces));

          /* Every pattern tried: the stems the token starts with, from the
           * shortest (a stem's norm is unique, so one a length), then the
           * exact word. */
          guint n_want = 0;
          for (gsize len = 1; len <= tok->len; len++)
            for (guint p = 0; p < by_pat->len; p++)
              {
                const VbWord *w = by_pat->pdata[p];
                if (w->prefix && w->len == len && strncmp (tok->str, w->norm, len) == 0)
                  want[n_want++] = p;
              }
          for (guint p = 0; p < by_pat->len; p++)
            {
              const VbWord *w = by_pat->pdata[p];
              if (!w->prefix && strcmp (tok->str, w->norm) == 0)
                want[n_want++] = p;
            }
          guint n_got = vb_matcher_lookup (m, tok->str, tok->len, got);
          if (n_got != n_want || memcmp (got, want, n_got * sizeof (guint)) != 0)
            g_error ("seed %u, token \"%s\": %u patterns, naive %u", seed, tok->str, n_got,
                     n_want);
          found += n_got;
          stems_found += n_got > 1;
        }
      g_string_free (tok, TRUE);
    }
  /* The comparison means something only if tokens match, and match stems
   * and words at once. */
  g_assert_cmpuint (found, >, 20000);
  g_assert_cmpuint (stems_found, >, 5000);
}

static VbCodebook *
load_codebook_text (const char *text)
{
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-matcher-XXXXXX.codebook", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  VbCodebook *cb = vb_codebook_load (path, NULL, &error);
  if (cb == NULL)
    g_error ("%s\n%s", error->message, text);
  g_unlink (path);
  g_free (path);
  return cb;
}

/* The regex literals' pass (sixteen bytes at a time while a codebook's
 * caseless literals start with at most eight distinct pairs of bytes, a
 * byte at a time past that) against a search of the lower-cased text for
 * each: a rule of one regex is woken exactly where its literal is, or
 * wherever the text has a byte past ASCII when the literal is caseless.
 * The sixteen-byte pass also compares the third byte where all literals of
 * a first two bytes have the same.
 * Texts of every length up to 70 bytes, so that literals fall across and at
 * the ends of sixteen-byte blocks, with bytes that only differ from a
 * literal's in bit 5 (NUL against a space, 0x11 against 1). */
static void
test_literals_naive (void)
{
  /* few: first two bytes shared with a third that differs ("ba a", "ba1"),
   * with one two bytes long ("ab", "abb"), and the same ("1 b", "1 ba"). */
  static const char *const few[] = { "/ab/", "/ba a/", "/b1/", "/aab/", "/a/", "/Ba/c",
                                     "/1 b/", "/ b/", "/ba1/", "/abb/", "/1 ba/" };
  static const char *const many[] = { "/ab/", "/ba/", "/aa/", "/bb/", "/a1/", "/1a/", "/b /",
                                      "/ a/", "/11/", "/abab/", "/Ab/c", "/b/" };
  static const char *const bytes[] = { "a", "b", "A", "B", " ", "1", "\x11", "\x01", "\x41",
                                       "\xc3\xa9", "\t" };
  const char *const *sets[] = { few, many };
  const guint n_set[] = { G_N_ELEMENTS (few), G_N_ELEMENTS (many) };
  guint woken = 0, asleep = 0;
  for (guint c = 0; c < 2; c++)
    {
      GString *s = g_string_new ("[codebook]\nid = lits\ntitle = Literals\n\n");
      for (guint i = 0; i < n_set[c]; i++)
        g_string_append_printf (s, "[theme:t%u]\nlabel = T%u\nrule = %s\n\n", i, i, sets[c][i]);
      g_autoptr (VbCodebook) cb = load_codebook_text (s->str);
      g_string_free (s, TRUE);
      g_autoptr (VbMatcher) m = vb_matcher_new (cb);
      g_autoptr (VbMatchState) st = vb_match_state_new (m);
      g_autoptr (GRand) r = g_rand_new_with_seed (1916 + c);
      g_autoptr (VbText) t = vb_text_new (NULL, 0);
      GString *text = g_string_new (NULL);
      for (guint round = 0; round < 4000; round++)
        {
          g_string_truncate (text, 0);
          guint len = round % 71;
          /* Mostly ASCII: a byte past it wakes every caseless literal. */
          gboolean plain = g_rand_int_range (r, 0, 4) != 0;
          while (text->len < len)
            {
              const char *b = PICK (r, bytes);
              if (!plain || (guchar) b[0] < 0x80)
                g_string_append (text, b);
            }
          vb_text_set (t, text->str, (gssize) text->len);
          vb_match_state_scan (st, t);
          guint n_rules;
          const guint *rules = vb_match_state_rules (st, &n_rules);
          gboolean ascii = TRUE;
          for (gsize i = 0; i < text->len; i++)
            ascii = ascii && (guchar) text->str[i] < 0x80;
          g_autofree char *low = g_ascii_strdown (text->str, (gssize) text->len);
          for (guint g = 0; g < vb_matcher_n_rules (m); g++)
            {
              const VbNode *node = vb_matcher_rule (m, g)->compiled->root;
              g_assert_cmpint (node->kind, ==, VB_NODE_REGEX);
              g_assert_nonnull (node->lit);
              gboolean want;
              if (node->case_sensitive)
                want = memmem (text->str, text->len, node->lit, strlen (node->lit)) != NULL;
              else
                {
                  g_autofree char *lit = g_ascii_strdown (node->lit, -1);
                  want = !ascii || memmem (low, text->len, lit, strlen (lit)) != NULL;
                }
              gboolean got = FALSE;
              for (guint k = 0; k < n_rules; k++)
                got = got || rules[k] == g;
              if (got != want)
                g_error ("codebook %u, rule %s, text \"%s\" (%u bytes): woken %d, naive %d", c,
                         sets[c][g], g_strescape (text->str, NULL), (guint) text->len, got, want);
              if (got)
                woken++;
              else
                asleep++;
            }
        }
      g_string_free (text, TRUE);
    }
  g_assert_cmpuint (woken, >, 10000);
  g_assert_cmpuint (asleep, >, 10000);
}

/* A word of a three-letter alphabet, 1 to 20 letters: many words share
 * their first eight bytes and differ after, as the scan's memo of recent
 * look-ups must tell apart (it keys words of up to 16 bytes by their
 * bytes, and walks longer ones). */
static void
gen_abc_word (GRand *r, GString *out)
{
  int n = g_rand_int_range (r, 1, 21);
  for (int i = 0; i < n; i++)
    g_string_append_c (out, "abc"[g_rand_int_range (r, 0, 3)]);
}

/* The scan's memo of look-ups (vb-matcher.c) through thousands of distinct
 * words, more than its slots, so that words replace one another in it:
 * codings as the reference path's.  The codebook's stems nest (a*, ab*,
 * abc*, ...), so that a token matches more patterns than the memo keeps
 * for a word, and its phrases and NEAR over sentences exercise the kids
 * woken or left out for a text and for each of its sentences. */
static void
test_memo (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (4096);
  GString *s = g_string_new ("[codebook]\nid = abc\ntitle = ABC\n\n");
  static const char *const scopes[] = { "segment", "sentence" };
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < 60; c++)
    {
      GString *rule = g_string_new (NULL);
      for (int k = g_rand_int_range (r, 1, 6); k > 0; k--)
        {
          GString *w = g_string_new (NULL), *w2 = g_string_new (NULL);
          gen_abc_word (r, w);
          gen_abc_word (r, w2);
          g_ptr_array_add (words, g_strdup (w->str));
          g_ptr_array_add (words, g_strdup (w2->str));
          switch (g_rand_int_range (r, 0, 4))
            {
            case 0:
              g_string_append_printf (rule, " %s", w->str);
              break;
            case 1:
              /* a stem of up to four letters: they nest */
              g_string_append_printf (rule, " %.*s*", g_rand_int_range (r, 1, 5), w->str);
              break;
            case 2:
              g_string_append_printf (rule, " \"%s %s\"", w->str, w2->str);
              break;
            default:
              g_string_append_printf (rule, " (%s NEAR/3 %.*s*)", w->str,
                                      g_rand_int_range (r, 2, 9), w2->str);
              break;
            }
          g_string_free (w, TRUE);
          g_string_free (w2, TRUE);
        }
      g_string_append_printf (s, "[theme:t%u]\nlabel = T%u\nscope = %s\nrule =%s\n\n", c, c,
                              PICK (r, scopes), rule->str);
      g_string_free (rule, TRUE);
    }
  g_autoptr (VbCodebook) cb = load_codebook_text (s->str);
  g_string_free (s, TRUE);

  g_autoptr (VbCoder) fast = vb_coder_new (cb);
  g_autoptr (VbCoder) ref = vb_coder_new_reference (cb);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total = 0;
  for (guint d = 0; d < 1000; d++)
    {
      g_autoptr (GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
      for (int i = g_rand_int_range (r, 1, 4); i > 0; i--)
        {
          VbSegment *seg = vb_segment_new ();
          g_free (seg->document);
          seg->document = g_strdup_printf ("d%u", d);
          seg->index = doc->len + 1;
          GString *t = g_string_new (NULL);
          for (int n = g_rand_int_range (r, 0, 60); n > 0; n--)
            {
              GString *w = g_string_new (NULL);
              int kind = g_rand_int_range (r, 0, 6);
              if (kind < 3)
                gen_abc_word (r, w);
              else
                g_string_append (w, g_ptr_array_index (words, g_rand_int_range (r, 0, (gint) words->len)));
              /* A near miss: one of the rules' words with a letter
               * changed, most often one of its last (past the eighth or
               * the sixteenth byte of a long word), or one added. */
              if (kind == 5)
                {
                  gsize at = w->len > 4 && g_rand_boolean (r)
                    ? w->len - 1 - (gsize) g_rand_int_range (r, 0, 4)
                    : (gsize) g_rand_int_range (r, 0, (gint) w->len);
                  if (g_rand_int_range (r, 0, 4) == 0)
                    g_string_append_c (w, "abc"[g_rand_int_range (r, 0, 3)]);
                  else
                    w->str[at] = w->str[at] == 'a' ? 'b' : 'a';
                }
              if (!g_hash_table_contains (seen, w->str))
                g_hash_table_add (seen, g_strdup (w->str));
              if (g_rand_int_range (r, 0, 8) == 0)
                w->str[0] = g_ascii_toupper (w->str[0]);
              g_string_append (t, w->str);
              g_string_append (t, g_rand_int_range (r, 0, 6) == 0 ? ". " : " ");
              g_string_free (w, TRUE);
            }
          g_free (seg->text);
          seg->text = g_string_free (t, FALSE);
          g_ptr_array_add (doc, seg);
        }
      g_autoptr (GPtrArray) doc2 = test_copy_document (doc);
      vb_coder_code_document (ref, doc);
      vb_coder_code_document (fast, doc2);
      for (guint i = 0; i < doc->len; i++)
        {
          test_assert_same_codings ("matcher (memo)", doc2->pdata[i], doc->pdata[i]);
          total += ((VbSegment *) doc->pdata[i])->codings->len;
        }
    }
  /* Far more distinct words than the memo's 4,096 slots, and codings
   * enough to mean something. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 20000);
  g_assert_cmpuint (total, >, 5000);
  g_hash_table_unref (seen);
  g_ptr_array_unref (words);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/matcher/differential", test_differential);
  g_test_add_func ("/matcher/many-words", test_many_words);
  g_test_add_func ("/matcher/bundled", test_bundled);
  g_test_add_func ("/matcher/lookup-naive", test_lookup_naive);
  g_test_add_func ("/matcher/literals-naive", test_literals_naive);
  g_test_add_func ("/matcher/memo", test_memo);
  return g_test_run ();
}
