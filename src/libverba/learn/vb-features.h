/* vb-features.h: what a learned coder sees of a segment.  The tokens are
 * the rules' own (base/vb-text.h), so a model and a codebook read the same
 * words.  Feature groups, each a string with a prefix:
 *
 *   w:WORD        a token (its normalised form)
 *   p:WORD WORD   two tokens in a row, within a sentence
 *   c:GRAM        a run of MIN..MAX characters of a token padded with a
 *                 space either side (" ca", "cat ", …: scikit-learn's
 *                 char_wb)
 *   s:STEM        the token's Snowball stem (libstemmer)
 *   r:CODE        a rule of the codebook coded the segment with CODE
 *
 * Counts become sublinear tf-idf (1 + ln tf) x (ln((1 + n) / (1 + df)) + 1),
 * the vector L2-normalised: scikit-learn's TfidfVectorizer(sublinear_tf=
 * True) with its smooth idf. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* What the model file's "features" line records. */
typedef struct {
  gboolean words;
  gboolean pairs;
  guint    char_min, char_max; /* 0, 0: no character n-grams */
  char    *stems;              /* Snowball language, NULL: no stems */
  gboolean rules;              /* r: features from rule codings */
  guint    min_df;             /* features in fewer training segments are dropped */
} VbFeatureSettings;

void     vb_feature_settings_init (VbFeatureSettings *s);  /* the defaults */
void     vb_feature_settings_clear (VbFeatureSettings *s);
/* "words pairs chars=2-5 stems=english rules min-df=2", the model file's
 * form; parse takes what format writes and says what is wrong. */
char    *vb_feature_settings_format (const VbFeatureSettings *s);
gboolean vb_feature_settings_parse (VbFeatureSettings *s, const char *text, GError **error);
/* TRUE when two settings make the same features. */
gboolean vb_feature_settings_equal (const VbFeatureSettings *a, const VbFeatureSettings *b);

/* Extracts features; one per thread (it holds a tokenizer and a stemmer). */
typedef struct _VbFeaturizer VbFeaturizer;
/* Fails when the stemmer's language is unknown to libstemmer. */
VbFeaturizer *vb_featurizer_new (const VbFeatureSettings *s, GError **error);
void          vb_featurizer_free (VbFeaturizer *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbFeaturizer, vb_featurizer_free)

/* One distinct feature of a segment.  Its string is the group letter,
 * ':' and the len bytes at vb_featurizer_bytes () + at; no string is
 * built for it, which is where the time went when there was. */
typedef struct {
  guint32 hash;   /* g_str_hash of that string (for vb-feature-table.h) */
  guint   count;
  guint   at, len;
  char    group;  /* 'w', 'p', 'c', 's' or 'r' */
} VbFeature;

/* The segment's distinct features, in the order they first occur (each
 * token's word, pair, character grams by length then start, stem; then
 * the rules'); n gets how many.  Valid until the next call. */
const VbFeature *vb_featurizer_count (VbFeaturizer *f, const VbSegment *seg, guint *n);
const char      *vb_featurizer_bytes (const VbFeaturizer *f);
/* The feature's string, "w:cat" (free it). */
char            *vb_feature_string (const VbFeaturizer *f, const VbFeature *x);
/* The last count's features (their indices) in the order a GHashTable
 * keyed by their strings lists them.  Features were once counted in such
 * a table, and learning numbered new features in its order: a model
 * file's vocabulary is in that order, and LIBLINEAR sums in it, so
 * keeping it keeps model files byte for byte.  It costs one insertion a
 * distinct feature, no string. */
const guint     *vb_featurizer_table_order (VbFeaturizer *f);

/* The weight of a feature seen tf times, before normalisation. */
double vb_tfidf (guint tf, double idf);
double vb_idf (guint n_docs, guint df);

G_END_DECLS
