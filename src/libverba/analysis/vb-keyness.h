/* vb-keyness.h: words and two-word phrases key to the segments people
 * coded with a code, against the other segments: candidates for the
 * code's rules.
 *
 * Each term gets the 2 x 2 table of quanteda's textstat_keyness: its
 * occurrences in the target segments (a) and the others (b) against the
 * occurrences of every other term of its kind there (c, d): words are
 * counted among words, phrases among phrases.  G2 is the log-likelihood
 * ratio 2 sum O ln(O/E), chi2 Pearson's; both are signed, positive when
 * the term is commoner in the target (a > E11).  As quanteda's default
 * (correction = "default"), Yates' continuity correction is applied to
 * both when the table has an expected count below 5 and |ad - bc| >= N/2:
 * |ad - bc| is reduced by N/2 for chi2, and for G2 each cell moves 0.5
 * toward its expected count.  quanteda adds 1e-9 inside each logarithm;
 * here 0 ln 0 is 0 and nothing is added. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* The statistics of one 2 x 2 table (a: term in target, b: term in
 * reference, c and d: the other terms there), signed; p of |G2| on one
 * degree of freedom. */
void vb_keyness_table (double a, double b, double c, double d, double *g2, double *chi2,
                       double *p);

typedef struct {
  char    *term;       /* normal forms, a space between a phrase's words */
  gboolean phrase;
  guint64  target;     /* occurrences in the target segments */
  guint64  reference;  /* in the other segments */
  double   g2, chi2, p;
  guint    seg_target; /* target segments holding it */
  guint    seg_all;    /* segments holding it */
  guint    seg_new;    /* target segments holding it that no rule caught */
  double   precision;  /* seg_target / seg_all: as a rule alone */
  double   recall;     /* seg_target / target segments */
} VbKeyTerm;

typedef struct _VbKeyness VbKeyness;

/* code: the code people applied; cb: a codebook whose rules for code say
 * what is caught already and which words are used (NULL: the stream's
 * own rule codings say what is caught, and no word is left out). */
VbKeyness *vb_keyness_new (const char *code, const VbCodebook *cb);
void       vb_keyness_free (VbKeyness *k);
/* Counts one segment: a target when a coding of the code comes from a
 * person (source coder:NAME).  Keeps it when no rule caught it. */
gboolean   vb_keyness_add (VbKeyness *k, const VbSegment *seg, GError **error);
guint      vb_keyness_n_segments (const VbKeyness *k);
guint      vb_keyness_n_target (const VbKeyness *k);
/* Segments with any coding by a person. */
guint      vb_keyness_n_human (const VbKeyness *k);
/* Target segments no rule caught (VbSegment*, in input order, owned). */
GPtrArray *vb_keyness_misses (const VbKeyness *k);
/* The terms commoner in the target (G2 > 0), at least min_count times
 * there and not used by the code's rules, by G2 descending (then chi2,
 * then term); at most n.  GArray of VbKeyTerm, freeing its terms. */
GArray    *vb_keyness_terms (VbKeyness *k, guint min_count, guint n);
/* A term as a rule term: a bare word, or quoted when it is a phrase or
 * holds an apostrophe. */
char      *vb_keyness_rule_term (const VbKeyTerm *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbKeyness, vb_keyness_free)

G_END_DECLS
