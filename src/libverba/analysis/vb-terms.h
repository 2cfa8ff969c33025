/* vb-terms.h: how often people used each word or phrase, and in how many
 * documents, overall or by an attribute's values: the first look at a
 * study's words when drafting a codebook from the data (verba terms).
 *
 * Words are the rules' own tokens (base/vb-text.h) in their normal form,
 * so a count here is what a one-word rule would find.  Phrases are n
 * consecutive words of one sentence.  With stop words left out, a word
 * that is one is not counted, and a phrase is not counted when it starts
 * or ends with one ("value for money" is, "for the" is not).  With stems,
 * each word is replaced by its Snowball stem (libstemmer, as verba learn's
 * stems= features) before phrases are made. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct {
  guint       ngram;           /* words in a term, 1 to 3 */
  gboolean    drop_stop_words;
  const char *stem_language;   /* a libstemmer language, or NULL for words as written */
} VbTermsOptions;

typedef struct {
  const char *group;      /* the group the segments were counted in */
  const char *term;
  guint       count;      /* occurrences */
  guint       documents;  /* documents with at least one */
} VbTermRow;

typedef struct _VbTerms VbTerms;

/* Fails (VB_ERROR_USAGE) when libstemmer has no stemmer for the language. */
VbTerms *vb_terms_new (const VbTermsOptions *o, GError **error);
void     vb_terms_free (VbTerms *t);
/* Counts seg's terms in group (the caller's --by value: a speaker as
 * shown, never as named; NULL or "" count under "(none)").  Fails only
 * when the scratch file that keeps which terms each document used cannot
 * be written or read. */
gboolean vb_terms_add (VbTerms *t, const VbSegment *seg, const char *group, GError **error);
/* The terms, by group (vb_value_compare order), then most frequent first,
 * ties by more documents, then by term (byte order); at most top of each
 * group (0: all).  The array and its strings belong to t. */
GArray  *vb_terms_rows (VbTerms *t, guint top);
/* TRUE for a word of verba's English stop-word list (normal form). */
gboolean vb_stop_word (const char *norm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbTerms, vb_terms_free)

G_END_DECLS
