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
/* The segment's features with their counts: a table it owns (feature
 * string -> GUINT count), valid until the next call. */
GHashTable   *vb_featurizer_count (VbFeaturizer *f, const VbSegment *seg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbFeaturizer, vb_featurizer_free)

/* The weight of a feature seen tf times, before normalisation. */
double vb_tfidf (guint tf, double idf);
double vb_idf (guint n_docs, guint df);

G_END_DECLS
