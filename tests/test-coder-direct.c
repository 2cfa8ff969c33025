/* test-coder-direct.c: verba code's direct lane (vb-coder-direct.h)
 * against the general path (parse the row, code it, write it) on seeded
 * random codebooks of words, stems and phrases and random stream rows.  The lane
 * must write exactly the general path's bytes for every row it takes, and
 * it must take exactly the rows that are in the writer's form: the
 * generator knows which rows it made otherwise.  A second test checks the
 * codebooks and streams the lane is not made for.  A third does the same
 * for the rules lane (vb_direct_new_rules) on random codebooks of every
 * operator and scope and on the two bundled codebooks of principles, whose
 * words the rows then carry: there the lane evaluates rules through the
 * matcher, so this is also the matcher's fast paths (words the scan did
 * not find, regex literals) against the general path on whole rows. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "code/vb-coder.h"
#include "code/vb-coder-direct.h"
#include "codebook/vb-codebook-forms.h"
#include "test-words.h"
#include "stream/vb-stream.h"

/* Words of the texts and rules: case variants, stems of one another,
 * accents, apostrophes, a ligature, digits. */
static const char *const vocab[] = {
  "open", "Open", "OPENNESS", "openness", "opener", "transparency", "TRANSPARENT", "fair",
  "unfair", "fairly", "café", "Café", "CAFE", "cafe", "naïve", "don't", "people's", "people",
  "the", "a", "l'été", "straße", "ﬁle", "file", "35", "honest", "honesty", "public",
  "interest", "staff", "users", "user", "δίκαιο", "ΔΊΚΑΙΟ", "x1", "it's",
};

/* Words only in the texts: apostrophes where they end a token. */
static const char *const text_only[] = { "'tis", "o'", "3'd", "rock'n'roll", "won''t" };

/* Between words; the escaped ones are as the stream writes them. */
static const char *const seps[] = {
  " ", " ", " ", " ", ", ", ". ", "! ", "? ", "\\n\\n", "\\t", " \\\\ ", " - ", " (", ") ",
  "\xe2\x80\x99 ", " 3.5 ", "'", "' ", " '", "\xf0\x9f\x99\x82",
};

/* Words and phrases the bundled codebooks' rules look for, fillers their
 * regexes must turn away, negations and clause words; NULL: the rows use
 * vocab only (the first two tests, whose random draws stay as they were). */
static const char *const principle_words[] = {
  "honest", "to be honest", "they need to be honest", "Honesty", "fair", "to be fair",
  "fair enough", "it has to be fair", "unfair", "lie", "lying down", "lies", "truth",
  "the truth is", "far from the truth", "straight with", "public interest",
  "conflicts of interest", "declarations of interest", "open", "open hours", "openness",
  "transparent", "accountable", "held to account", "integrity", "corrupt", "put users first",
  "users come first", "value for money", "leadership", "lead by example", "not", "never", "no",
  "not only", "but", "however", "selfless", "objective", "bias", "publish", "figures",
  "decisions", "explain", "reasons", "people", "public", "first", "put", "interest",
  "â", "I'm being honest", "what they need",
};
static const char *const *extra_words = NULL;
static guint n_extra_words = 0;

static const char *
pick (GRand *r, const char *const *a, guint n)
{
  return a[g_rand_int_range (r, 0, (gint) n)];
}

#define PICK(r, a) pick (r, a, G_N_ELEMENTS (a))

static gboolean
chance (GRand *r, int one_in)
{
  return g_rand_int_range (r, 0, one_in) == 0;
}

static char *
write_temp (const char *name, const GString *s)
{
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp (name, &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  return path;
}

static VbCodebook *
load_codebook (const GString *s)
{
  GError *error = NULL;
  char *path = write_temp ("test-direct-XXXXXX.codebook", s);
  VbCodebook *cb = vb_codebook_load (path, NULL, &error);
  if (cb == NULL)
    g_error ("%s\n%s", error->message, s->str);
  g_unlink (path);
  g_free (path);
  return cb;
}

static void
gen_word (GRand *r, GString *s)
{
  test_append_word (r, PICK (r, vocab), s);
}

/* Rules the lane takes: words, stems and phrases joined by OR, some shared
 * between codes, some codes with several rules whose words overlap (the
 * same span from two rules: the first rule's is kept), sentence, clause
 * and segment scope (phrases only at segment scope). */
static VbCodebook *
gen_codebook (GRand *r)
{
  static const char *const scopes[] = { "segment", "sentence", "clause" };
  GString *s = g_string_new ("[codebook]\nid = random\ntitle = Random\n\n");
  guint n_codes = (guint) g_rand_int_range (r, 1, 25);
  for (guint c = 0; c < n_codes; c++)
    {
      const char *scope = PICK (r, scopes);
      g_string_append_printf (s, "[%s:c%u]\nlabel = C%u\nscope = %s\n",
                              chance (r, 3) ? "principle" : "theme", c, c, scope);
      int n = g_rand_int_range (r, 1, 4);
      for (int i = 0; i < n; i++)
        {
          g_string_append_printf (s, i == 0 ? "rule = " : "rule.r%d = ", i);
          /* Words, stems and (at segment scope) phrases, joined by OR, as a
           * dictionary's entries are. */
          int alts = chance (r, 2) ? 1 : g_rand_int_range (r, 2, 6);
          for (int a = 0; a < alts; a++)
            {
              if (a > 0)
                g_string_append (s, chance (r, 2) ? " " : " OR ");
              int words = (strcmp (scope, "segment") == 0 && chance (r, 4))
                ? g_rand_int_range (r, 2, 4) : 1;
              if (words > 1)
                g_string_append_c (s, '"');
              for (int k = 0; k < words; k++)
                {
                  if (k > 0)
                    g_string_append_c (s, ' ');
                  gen_word (r, s);
                }
              if (words > 1)
                g_string_append_c (s, '"');
            }
          g_string_append_c (s, '\n');
        }
      g_string_append_c (s, '\n');
    }
  VbCodebook *cb = load_codebook (s);
  g_string_free (s, TRUE);
  return cb;
}

static const char *const attr_names[] = { "region", "age_band", "grade" };

/* A stream row with n_attrs attributes; *plain tells whether it is in the
 * writer's form (the lane must take it) or not (it must not). */
static void
gen_row (GRand *r, guint n_attrs, guint d, guint i, GString *row, gboolean *plain)
{
  *plain = TRUE;
  g_string_printf (row, chance (r, 5) ? "doc %u \xc3\xa9" : "d%u", d);
  if (chance (r, 30))
    {
      g_string_append_printf (row, "\t0%u", i); /* written back without the 0 */
      *plain = FALSE;
    }
  else
    g_string_append_printf (row, "\t%u", i);
  g_string_append_printf (row, "\t%s", chance (r, 4) ? "" : "Speaker \xe2\x80\x94 A");
  static const char *const roles[] = { "participant", "moderator", "interviewer" };
  static const char *const phases[] = { "spontaneous", "prompted" };
  if (chance (r, 30))
    {
      g_string_append (row, "\t"); /* written back as participant */
      *plain = FALSE;
    }
  else
    g_string_append_printf (row, "\t%s", PICK (r, roles));
  if (chance (r, 30))
    {
      g_string_append (row, "\t");
      *plain = FALSE;
    }
  else
    g_string_append_printf (row, "\t%s", PICK (r, phases));
  if (chance (r, 30))
    {
      g_string_append (row, "\t\t"); /* written back as 0 */
      *plain = FALSE;
    }
  else
    g_string_append_printf (row, "\t%u\t%u", i * 100, i * 100 + 99);
  static const char *const values[] = { "", "North", "36-60", "ABC1", "Nottingham", "Zürich" };
  for (guint a = 0; a < n_attrs; a++)
    {
      if (chance (r, 40))
        {
          g_string_append (row, "\tback\\\\slash"); /* an escape before the text */
          *plain = FALSE;
        }
      else
        g_string_append_printf (row, "\t%s", PICK (r, values));
    }
  g_string_append_c (row, '\t');
  /* Half the texts are ASCII, which the lane tokenises on its own. */
  gboolean ascii = chance (r, 2);
  /* Some long answers: many hits take another sort. */
  int words = chance (r, 10) ? g_rand_int_range (r, 100, 400) : g_rand_int_range (r, 0, 30);
  for (int w = 0; w < words; w++)
    {
      const char *sep, *word;
      do
        sep = PICK (r, seps), word = chance (r, 8) ? PICK (r, text_only) : PICK (r, vocab);
      while (ascii && !(g_str_is_ascii (sep) && g_str_is_ascii (word)));
      if (extra_words != NULL && chance (r, 2))
        do
          word = pick (r, extra_words, n_extra_words);
        while (ascii && !g_str_is_ascii (word));
      if (w > 0)
        g_string_append (row, sep);
      g_string_append (row, word);
    }
  if (chance (r, 40))
    {
      g_string_append (row, " a\rb"); /* a raw CR: written back escaped */
      *plain = FALSE;
    }
}

/* Rules of every operator, for the rules lane. */
static const char *const regexes[] = {
  "/fair(?![a-z])/", "/open(ness)?/", "/(?<![a-z])honest/", "/caf[eé]/", "/peo?ple/",
  "/^the/", "/TRANSPARENT/c", "/don't/", "/(?:un)?fair(?:ly)?/", "/[0-9]+/", "/x1|35/",
  /* a group of plain alternatives, one of which every match holds */
  "/(?<![a-z])(?:open|fair|user)s?(?![a-z])/", "/(?:file|naive)[ .]/", "/(OPEN|staff)/c",
  "/(?:fair|honest)?ly/",
};

static void
gen_expr (GRand *r, GString *s, int depth)
{
  switch (depth > 2 ? g_rand_int_range (r, 0, 3) : g_rand_int_range (r, 0, 11))
    {
    case 0:
    case 1:
      gen_word (r, s);
      break;
    case 2:
      g_string_append_c (s, '"');
      gen_word (r, s);
      g_string_append_c (s, ' ');
      gen_word (r, s);
      g_string_append_c (s, '"');
      break;
    case 3:
      g_string_append (s, PICK (r, regexes));
      break;
    case 4:
      g_string_append (s, "(NOT ");
      gen_expr (r, s, depth + 1);
      g_string_append_c (s, ')');
      break;
    case 5:
    case 6:
      {
        static const char *const ops[] = { " AND ", " OR ", " ", " NOT " };
        g_string_append_c (s, '(');
        gen_expr (r, s, depth + 1);
        g_string_append (s, PICK (r, ops));
        gen_expr (r, s, depth + 1);
        g_string_append_c (s, ')');
        break;
      }
    default:
      {
        static const char *const ops[] = { "NEAR", "BEFORE", "EXCEPT", "UNDER" };
        const char *op = PICK (r, ops);
        g_string_append_c (s, '(');
        gen_expr (r, s, depth + 1);
        if (op[0] == 'E' || op[0] == 'U') /* without a distance: the clause */
          g_string_append_printf (s, chance (r, 2) ? " %s " : " %s/3 ", op);
        else
          g_string_append_printf (s, " %s/%d ", op, g_rand_int_range (r, 1, 5));
        if (chance (r, 4))
          g_string_append (s, "NEG");
        else
          gen_expr (r, s, depth + 1);
        g_string_append_c (s, ')');
        break;
      }
    }
}

static VbCodebook *
gen_rule_codebook (GRand *r)
{
  static const char *const scopes[] = { "segment", "sentence", "clause" };
  GString *s = g_string_new ("[codebook]\nid = random\ntitle = Random\n\n");
  guint n_codes = (guint) g_rand_int_range (r, 1, 12);
  for (guint c = 0; c < n_codes; c++)
    {
      g_string_append_printf (s, "[theme:c%u]\nlabel = C%u\nscope = %s\n", c, c,
                              PICK (r, scopes));
      int n = g_rand_int_range (r, 1, 4);
      for (int i = 0; i < n; i++)
        {
          g_string_append_printf (s, i == 0 ? "rule = " : "rule.r%d = ", i);
          gen_expr (r, s, 0);
          g_string_append_c (s, '\n');
        }
      g_string_append_c (s, '\n');
    }
  VbCodebook *cb = load_codebook (s);
  g_string_free (s, TRUE);
  return cb;
}

typedef struct {
  VbStreamReader *reader;
  FILE           *in;
  VbStreamWriter *writer;
  FILE           *out;
} Stream;

static void
stream_open (Stream *s, guint n_attrs, const VbCodebook *cb)
{
  GString *h = g_string_new ("document\tsegment\tspeaker\trole\tphase\tstart\tend");
  for (guint a = 0; a < n_attrs; a++)
    g_string_append_printf (h, "\t%s", attr_names[a]);
  g_string_append (h, "\ttext\n");
  s->in = fmemopen (h->str, h->len, "r");
  GError *error = NULL;
  s->reader = vb_stream_reader_open_fp (s->in, "<test>", &error);
  g_assert_no_error (error);
  g_string_free (h, TRUE);
  s->out = fopen ("/dev/null", "w");
  s->writer = vb_stream_writer_new (s->out, vb_stream_reader_attr_keys (s->reader), TRUE, cb);
}

static void
stream_close (Stream *s)
{
  vb_stream_writer_free (s->writer);
  vb_stream_reader_free (s->reader);
  fclose (s->in);
  fclose (s->out);
}

/* The general path's bytes for row: parse, code, write. */
static gboolean
general (Stream *s, VbCoder *coder, GPtrArray *fields, const GString *row, GString *out)
{
  GError *error = NULL;
  VbSegment *seg = NULL;
  vb_stream_reader_parse_line (s->reader, row->str, row->len, 2, 0, fields, &seg, &error);
  if (error != NULL)
    g_error ("%s: %s", row->str, error->message);
  g_autoptr (GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  g_ptr_array_add (doc, seg);
  vb_coder_code_document (coder, doc);
  g_string_truncate (out, 0);
  vb_stream_writer_format (s->writer, seg, out);
  return seg->codings->len > 0;
}

static void
test_differential (void)
{
  guint taken = 0, refused = 0, codings = 0;
  g_autoptr (GString) row = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GPtrArray) fields = vb_stream_fields_new ();
  for (guint32 seed = 1; seed <= 80; seed++)
    {
      g_autoptr (GRand) r = g_rand_new_with_seed (seed);
      g_autoptr (VbCodebook) cb = gen_codebook (r);
      g_autoptr (VbCoder) coder = vb_coder_new (cb);
      guint n_attrs = (guint) g_rand_int_range (r, 0, G_N_ELEMENTS (attr_names) + 1);
      Stream s;
      stream_open (&s, n_attrs, cb);
      g_autoptr (VbDirect) d = vb_direct_new (cb, vb_coder_matcher (coder), s.reader);
      g_assert_nonnull (d);
      g_autoptr (VbDirectState) st = vb_direct_state_new (d);
      for (guint i = 1; i <= 60; i++)
        {
          gboolean plain;
          gen_row (r, n_attrs, seed, i, row, &plain);
          gboolean want_coded = general (&s, coder, fields, row, want);
          g_string_assign (got, "before\n");
          gboolean coded = FALSE;
          gboolean took = vb_direct_code_line (st, row->str, row->len, got, &coded);
          if (took != plain)
            g_error ("seed %u: the lane %s the row \"%s\"", seed, took ? "took" : "refused",
                     g_strescape (row->str, "\xc3\xa9\xe2\x80\x94\xc3\xbc"));
          if (!took)
            {
              g_assert_cmpstr (got->str, ==, "before\n"); /* untouched */
              refused++;
              continue;
            }
          g_assert_true (g_str_has_prefix (got->str, "before\n"));
          g_assert_cmpstr (got->str + 7, ==, want->str);
          g_assert_cmpint (coded, ==, want_coded);
          taken++;
          codings += want_coded;
        }
      stream_close (&s);
    }
  /* Meaningful only if both kinds of rows and codings are many. */
  g_assert_cmpuint (taken, >, 3000);
  g_assert_cmpuint (refused, >, 300);
  g_assert_cmpuint (codings, >, 1000);
}

/* The rules lane against the general path, row by row, on one codebook:
 * adds to the counts. */
static void
rules_rows (const VbCodebook *cb, GRand *r, guint seed, guint n_rows, guint *taken,
            guint *codings)
{
  g_autoptr (GString) row = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GPtrArray) fields = vb_stream_fields_new ();
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  guint n_attrs = (guint) g_rand_int_range (r, 0, G_N_ELEMENTS (attr_names) + 1);
  Stream s;
  stream_open (&s, n_attrs, cb);
  g_autoptr (VbDirect) d = vb_direct_new_rules (cb, vb_coder_matcher (coder), s.reader);
  g_assert_nonnull (d);
  g_autoptr (VbDirectState) st = vb_direct_state_new (d);
  for (guint i = 1; i <= n_rows; i++)
    {
      gboolean plain;
      gen_row (r, n_attrs, seed, i, row, &plain);
      gboolean want_coded = general (&s, coder, fields, row, want);
      g_string_assign (got, "before\n");
      gboolean coded = FALSE;
      gboolean took = vb_direct_code_line (st, row->str, row->len, got, &coded);
      if (took != plain)
        g_error ("seed %u: the rules lane %s the row \"%s\"", seed,
                 took ? "took" : "refused", g_strescape (row->str, NULL));
      if (!took)
        {
          g_assert_cmpstr (got->str, ==, "before\n");
          continue;
        }
      if (strcmp (got->str + 7, want->str) != 0)
        g_error ("seed %u: the rules lane wrote\n%sthe general path\n%s", seed, got->str + 7,
                 want->str);
      g_assert_cmpint (coded, ==, want_coded);
      (*taken)++;
      *codings += want_coded;
    }
  stream_close (&s);
}

static void
test_rules_differential (void)
{
  guint taken = 0, codings = 0;
  for (guint32 seed = 1; seed <= 60; seed++)
    {
      g_autoptr (GRand) r = g_rand_new_with_seed (seed);
      g_autoptr (VbCodebook) cb = gen_rule_codebook (r);
      rules_rows (cb, r, seed, 60, &taken, &codings);
    }
  g_assert_cmpuint (taken, >, 2500);
  g_assert_cmpuint (codings, >, 1000);

  /* The bundled codebooks, on rows that say what their rules look for. */
  extra_words = principle_words;
  n_extra_words = G_N_ELEMENTS (principle_words);
  static const char *const bundled[] = { "seven-principles", "public-standards" };
  for (guint b = 0; b < G_N_ELEMENTS (bundled); b++)
    {
      GError *error = NULL;
      g_autoptr (VbCodebook) cb = vb_codebook_load (bundled[b], NULL, &error);
      g_assert_no_error (error);
      g_autoptr (GRand) r = g_rand_new_with_seed (2014 + b);
      guint t = 0, c = 0;
      rules_rows (cb, r, 2014 + b, 1500, &t, &c);
      g_assert_cmpuint (t, >, 1000);
      g_assert_cmpuint (c, >, 500);
    }
  extra_words = NULL;
  n_extra_words = 0;
}

/* Codebooks and streams the lane is not made for. */
static void
test_not_made (void)
{
  static const char *const books[] = {
    "[theme:a]\nlabel = A\nscope = sentence\nrule = \"open data\"\n", /* a phrase by sentence */
    "[theme:a]\nlabel = A\nrule = open NEAR/3 data\n",       /* NEAR */
    "[theme:a]\nlabel = A\nrule = open BEFORE/3 data\n",     /* BEFORE */
    "[theme:a]\nlabel = A\nrule = open EXCEPT/3 NEG\n",      /* EXCEPT */
    "[theme:a]\nlabel = A\nrule = open EXCEPT data\n",       /* EXCEPT, the clause */
    "[theme:a]\nlabel = A\nscope = clause\nrule = \"open data\"\n", /* a phrase by clause */
    "[theme:a]\nlabel = A\nrule = open AND data\n",         /* more than a word */
    "[theme:a]\nlabel = A\nrule = /open/\n",                /* a regex */
    "[theme:a]\nlabel = A\nscope = document\nrule = open\n", /* document scope */
    "[theme:a]\nlabel = A\nrule = open\n[theme:b]\nlabel = B\nrule = NOT open\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (books); i++)
    {
      g_autoptr (GString) s = g_string_new ("[codebook]\nid = x\ntitle = X\n\n");
      g_string_append (s, books[i]);
      g_autoptr (VbCodebook) cb = load_codebook (s);
      g_autoptr (VbCoder) coder = vb_coder_new (cb);
      Stream st;
      stream_open (&st, 1, cb);
      g_assert_null (vb_direct_new (cb, vb_coder_matcher (coder), st.reader));
      stream_close (&st);
    }

  /* Headers not in the writer's order, or coded already. */
  static const char *const headers[] = {
    "text\tdocument\tsegment\tspeaker\trole\tphase\tstart\tend\n",
    "document\tsegment\tspeaker\trole\tphase\tstart\tend\tcodes\tcodings\ttext\n",
    "document\ttext\n",
  };
  g_autoptr (GString) s = g_string_new ("[codebook]\nid = x\ntitle = X\n\n"
                                        "[theme:a]\nlabel = A\nrule = open\n");
  g_autoptr (VbCodebook) cb = load_codebook (s);
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      FILE *in = fmemopen ((char *) headers[i], strlen (headers[i]), "r");
      GError *error = NULL;
      g_autoptr (VbStreamReader) reader = vb_stream_reader_open_fp (in, "<test>", &error);
      g_assert_no_error (error);
      g_assert_null (vb_direct_new (cb, vb_coder_matcher (coder), reader));
      fclose (in);
    }
  /* An attribute column twice is no stream at all (a segment would keep
   * one of its values): the reader refuses it before any lane. */
  {
    static const char twice[] =
      "document\tsegment\tspeaker\trole\tphase\tstart\tend\tregion\tregion\ttext\n";
    FILE *in = fmemopen ((char *) twice, strlen (twice), "r");
    GError *error = NULL;
    VbStreamReader *reader = vb_stream_reader_open_fp (in, "<test>", &error);
    g_assert_null (reader);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "appears twice"));
    g_clear_error (&error);
    fclose (in);
  }

  /* Rows the general path rejects: the lane leaves them to it. */
  Stream st;
  stream_open (&st, 0, cb);
  g_autoptr (VbDirect) d = vb_direct_new (cb, vb_coder_matcher (coder), st.reader);
  g_assert_nonnull (d);
  g_autoptr (VbDirectState) ds = vb_direct_state_new (d);
  static const char *const rows[] = {
    "d\t1\ts\tparticipant\tspontaneous\t0\t9",                  /* a field short */
    "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen\textra",     /* a field over */
    "d\tone\ts\tparticipant\tspontaneous\t0\t9\topen",          /* segment not a number */
    "d\t4294967296\ts\tparticipant\tspontaneous\t0\t9\topen",   /* segment too big */
    "d\t1\ts\tchair\tspontaneous\t0\t9\topen",                  /* unknown role */
    "d\t1\ts\tparticipant\tlater\t0\t9\topen",                  /* unknown phase */
    "d\t1\ts\tparticipant\tspontaneous\t-1\t9\topen",           /* negative start */
    "d\t1\ts\tparticipant\tspontaneous\t0\t18446744073709551616\topen", /* too big */
    "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen \\x",        /* bad escape */
    "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen \\",         /* stray backslash */
    "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen \xc3",       /* bad UTF-8 */
    "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen \xff data",  /* bad UTF-8 */
  };
  g_autoptr (GString) out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gboolean coded;
      if (vb_direct_code_line (ds, rows[i], strlen (rows[i]), out, &coded))
        g_error ("the lane took \"%s\"", rows[i]);
      g_assert_cmpuint (out->len, ==, 0);
    }
  /* A NUL inside the text. */
  static const char nul_row[] = "d\t1\ts\tparticipant\tspontaneous\t0\t9\topen\0data";
  gboolean coded;
  g_assert_false (vb_direct_code_line (ds, nul_row, sizeof nul_row - 1, out, &coded));
  /* The largest numbers the writer writes as read are taken. */
  static const char big[] = "d\t4294967295\ts\tparticipant\tspontaneous\t0\t18446744073709551615\tOpen";
  g_assert_true (vb_direct_code_line (ds, big, strlen (big), out, &coded));
  g_assert_true (coded);
  g_assert_cmpstr (out->str, ==, "d\t4294967295\ts\tparticipant\tspontaneous\t0\t"
                                 "18446744073709551615\ta\ta@0-4/rule:rule\tOpen\n");
  stream_close (&st);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coder-direct/differential", test_differential);
  g_test_add_func ("/coder-direct/not-made", test_not_made);
  g_test_add_func ("/coder-direct/rules-differential", test_rules_differential);
  return g_test_run ();
}
