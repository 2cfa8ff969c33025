/* test-features.c: the learned coder's features (vb-features.h) exactly:
 * hand-counted features of small texts, and for tricky texts (UTF-8,
 * punctuation, repeats, empty, long tokens) the featurizer against a
 * plain reference written here that builds every feature as a string and
 * counts it in a GHashTable, as verba did before features were hashed
 * from byte spans: the same features and counts, in the same first-seen
 * order, with g_str_hash of the string, and the same GLib table order
 * (which numbers a model's vocabulary).  Then the feature table
 * (vb-feature-table.h) with two features of one hash. */
#include <string.h>

#include "base/vb-stem.h"
#include "base/vb-text.h"
#include "learn/vb-feature-table.h"
#include "learn/vb-features.h"

/* The reference: strings in first-seen order, and their counts. */
typedef struct {
  GPtrArray  *order;   /* char*, owned */
  GHashTable *counts;  /* char* (in order) -> count */
} Ref;

static void
ref_add (Ref *r, char *feature, gboolean once)
{
  gpointer key, val;
  if (g_hash_table_lookup_extended (r->counts, feature, &key, &val))
    {
      if (!once)
        g_hash_table_insert (r->counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (val) + 1));
      g_free (feature);
      return;
    }
  g_ptr_array_add (r->order, feature);
  g_hash_table_insert (r->counts, feature, GUINT_TO_POINTER (1));
}

static void
ref_count (Ref *r, const VbFeatureSettings *s, const VbSegment *seg)
{
  r->order = g_ptr_array_new_with_free_func (g_free);
  r->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (VbStemmer) stemmer = s->stems ? vb_stemmer_new (s->stems, NULL) : NULL;
  VbText *t = vb_text_new (seg->text, -1);
  for (guint si = 0; si < t->sentences->len; si++)
    {
      const VbRange *rg = &g_array_index (t->sentences, VbRange, si);
      for (guint i = rg->tok_from; i < rg->tok_to; i++)
        {
          const char *w = g_array_index (t->tokens, VbToken, i).norm;
          if (s->words)
            ref_add (r, g_strconcat ("w:", w, NULL), FALSE);
          if (s->pairs && i + 1 < rg->tok_to)
            ref_add (r, g_strconcat ("p:", w, " ", g_array_index (t->tokens, VbToken, i + 1).norm,
                                     NULL), FALSE);
          g_autofree char *padded = g_strconcat (" ", w, " ", NULL);
          glong n = g_utf8_strlen (padded, -1);
          for (guint len = s->char_min; s->char_max && len <= s->char_max; len++)
            for (glong k = 0; k + (glong) len <= n; k++)
              {
                const char *a = g_utf8_offset_to_pointer (padded, k);
                const char *b = g_utf8_offset_to_pointer (padded, k + len);
                g_autofree char *gram = g_strndup (a, b - a);
                ref_add (r, g_strconcat ("c:", gram, NULL), FALSE);
              }
          if (stemmer)
            {
              gsize len = 0;
              const char *st = vb_stemmer_stem (stemmer, w, &len);
              g_autofree char *stem = g_strndup (st, len);
              ref_add (r, g_strconcat ("s:", stem, NULL), FALSE);
            }
        }
    }
  for (guint i = 0; s->rules && seg->codings && i < seg->codings->len; i++)
    {
      const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
      if (g_str_has_prefix (c->source, "rule:"))
        ref_add (r, g_strconcat ("r:", c->code, NULL), TRUE);
    }
  vb_text_free (t);
}

static void
ref_clear (Ref *r)
{
  g_hash_table_unref (r->counts);
  g_ptr_array_unref (r->order);
}

static VbSegment *
segment (const char *text)
{
  VbSegment *seg = vb_segment_new ();
  g_free (seg->text);
  seg->text = g_strdup (text);
  return seg;
}

/* Every feature group on, stems and rules too. */
static void
all_settings (VbFeatureSettings *s)
{
  vb_feature_settings_init (s);
  s->stems = g_strdup ("english");
  s->rules = TRUE;
}

static void
check_against_reference (const VbFeatureSettings *s, const VbSegment *seg)
{
  g_autoptr (VbFeaturizer) f = vb_featurizer_new (s, NULL);
  Ref r;
  ref_count (&r, s, seg);
  guint n;
  const VbFeature *x = vb_featurizer_count (f, seg, &n);
  g_assert_cmpuint (n, ==, r.order->len);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *str = vb_feature_string (f, &x[i]);
      g_assert_cmpstr (str, ==, r.order->pdata[i]);
      g_assert_cmpuint (x[i].hash, ==, g_str_hash (str));
      g_assert_cmpuint (x[i].count, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (r.counts, str)));
    }
  /* The table order: the reference's own GHashTable was filled in the
   * same first-seen order, so its iteration is the order to match. */
  const guint *order = vb_featurizer_table_order (f);
  GHashTableIter it;
  gpointer key;
  guint j = 0;
  g_hash_table_iter_init (&it, r.counts);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      g_autofree char *str = vb_feature_string (f, &x[order[j++]]);
      g_assert_cmpstr (str, ==, key);
    }
  g_assert_cmpuint (j, ==, n);
  ref_clear (&r);
}

static void
test_reference (void)
{
  static const char *const texts[] = {
    "",
    "   ",
    "!!! ... ???",
    "Oh, oh! Oh oh oh.",
    "Café crème, naïve façade; ÉCOLE école.",
    "Straße STRASSE strasse — ﬁne “quoted” ‘it’s’ don't",
    "日本語のテキスト と 中文 한국어 😀 emoji 👍🏽 ok",
    "the the the the the the the the the the the the",
    "a b c d e f g. h i j k? l m n o p q r s t u v w x y z",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism",
    "numbers 123 4,5 6.7 £8 50% e-mail foo@bar.com http://x.org/a?b=c",
    "line one\nline two\r\n\ttabbed   spaced",
    "fы aor fы aor", /* two words of one g_str_hash (see test_collision) */
  };
  VbFeatureSettings s;
  all_settings (&s);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (VbSegment) seg = segment (texts[i]);
      vb_segment_add_coding (seg, "staff", 0, 1, "rule:kind");
      vb_segment_add_coding (seg, "staff", 0, 1, "rule:nurse");
      vb_segment_add_coding (seg, "wait", 0, 1, "coder:ana");
      check_against_reference (&s, seg);
    }
  /* Other settings: one group, two, a narrower gram range. */
  VbFeatureSettings t;
  vb_feature_settings_init (&t);
  t.char_min = 3;
  t.char_max = 3;
  t.words = FALSE;
  g_autoptr (VbSegment) seg = segment (texts[4]);
  check_against_reference (&t, seg);
  t.char_max = 0;
  t.words = TRUE;
  check_against_reference (&t, seg);
  vb_feature_settings_clear (&s);
}

typedef struct {
  const char *feature;
  guint count;
} Want;

static void
check_features (const VbFeatureSettings *s, const char *text, const Want *want, guint n_want)
{
  g_autoptr (VbFeaturizer) f = vb_featurizer_new (s, NULL);
  g_autoptr (VbSegment) seg = segment (text);
  guint n;
  const VbFeature *x = vb_featurizer_count (f, seg, &n);
  g_assert_cmpuint (n, ==, n_want);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *str = vb_feature_string (f, &x[i]);
      g_assert_cmpstr (str, ==, want[i].feature);
      g_assert_cmpuint (x[i].count, ==, want[i].count);
    }
}

/* Counted by hand from verba-model(5)'s definitions. */
static void
test_by_hand (void)
{
  VbFeatureSettings s;
  vb_feature_settings_init (&s);
  /* "oh" twice in one sentence: each gram of " oh " twice, the pair once. */
  static const Want oh[] = {
    { "w:oh", 2 }, { "p:oh oh", 1 }, { "c: o", 2 }, { "c:oh", 2 }, { "c:h ", 2 },
    { "c: oh", 2 }, { "c:oh ", 2 }, { "c: oh ", 2 },
  };
  check_features (&s, "Oh, oh!", oh, G_N_ELEMENTS (oh));
  /* Grams by code point: "μ" and "υ" are two bytes and one character. */
  static const Want mu[] = {
    { "w:μυ", 1 }, { "c: μ", 1 }, { "c:μυ", 1 }, { "c:υ ", 1 }, { "c: μυ", 1 }, { "c:μυ ", 1 },
    { "c: μυ ", 1 },
  };
  check_features (&s, "Μυ", mu, G_N_ELEMENTS (mu));
  /* No pair across a sentence end. */
  s.char_max = 0;
  static const Want two[] = { { "w:yes", 2 }, { "w:no", 1 }, { "p:no yes", 1 } };
  check_features (&s, "Yes. No yes.", two, G_N_ELEMENTS (two));
  check_features (&s, "", NULL, 0);
  check_features (&s, " ?! ", NULL, 0);
}

/* "w:fы" and "w:aor" have one g_str_hash: both must stay themselves. */
static void
test_collision (void)
{
  g_assert_cmpuint (g_str_hash ("w:fы"), ==, g_str_hash ("w:aor"));
  VbFeatureSettings s;
  vb_feature_settings_init (&s);
  s.char_max = 0;
  s.pairs = FALSE;
  static const Want want[] = { { "w:fы", 3 }, { "w:aor", 2 } };
  check_features (&s, "fы aor fы aor fы", want, G_N_ELEMENTS (want));

  g_autoptr (VbFeatureTable) t = vb_feature_table_new ();
  g_assert_cmpuint (vb_feature_table_add (t, "w:fы"), ==, 0);
  g_assert_cmpint (vb_feature_table_lookup (t, "w:aor"), ==, -1);
  g_assert_cmpuint (vb_feature_table_add (t, "w:aor"), ==, 1);
  g_assert_cmpint (vb_feature_table_find (t, g_str_hash ("w:aor"), 'w', "aor", 3), ==, 1);
  g_assert_cmpint (vb_feature_table_find (t, g_str_hash ("w:fы"), 'w', "fы", 3), ==, 0);
  g_assert_cmpint (vb_feature_table_find (t, g_str_hash ("c:aor"), 'c', "aor", 3), ==, -1);
  g_assert_cmpint (vb_feature_table_lookup (t, "w:fы"), ==, 0);
  /* Many more, past several growths of the table: each still found. */
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 5000; i++)
    {
      char *str = g_strdup_printf ("c:%u", i);
      g_ptr_array_add (keep, str);
      g_assert_cmpuint (vb_feature_table_add (t, str), ==, i + 2);
    }
  for (guint i = 0; i < 5000; i++)
    g_assert_cmpint (vb_feature_table_lookup (t, keep->pdata[i]), ==, (gint) i + 2);
  g_assert_cmpint (vb_feature_table_lookup (t, "c:5000"), ==, -1);
  g_assert_cmpint (vb_feature_table_lookup (t, "w:aor"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/features/by-hand", test_by_hand);
  g_test_add_func ("/features/reference", test_reference);
  g_test_add_func ("/features/collision", test_collision);
  return g_test_run ();
}
