/* vb-minhash.h: sets of word shingles, their exact Jaccard similarity,
 * and MinHash signatures with LSH banding, which find the pairs of sets
 * worth comparing without comparing every pair.
 *
 * Hashes (all 64-bit, fixed, so that results never depend on the run):
 *   a shingle      FNV-1a of its k words, each followed by the byte 0x1F;
 *   mix(x)         the finaliser of splitmix64 (a bijection of 64 bits);
 *   MinHash i      h_i(x) = mix(x XOR s_i), s_i = mix((i + 1) * 0x9E3779B97F4A7C15),
 *                  the i-th output of splitmix64 started at 0;
 *   an LSH bucket  h_0 = mix(salt XOR (b + 1) * 0x9E3779B97F4A7C15),
 *                  h_j+1 = mix(h_j XOR sig[b*r + j]), the bucket is h_r,
 *                  for band b of r rows.
 * Two different shingles share a hash with odds of about 2^-64, which is
 * taken as never: the similarity of the hash sets is the similarity of
 * the shingle sets. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VB_MINHASH_N 128  /* hash functions in a signature */

guint64 vb_hash_mix (guint64 x);

/* The sorted, distinct shingle hashes (guint64) of words[0..n).  A text of
 * fewer than k words (but at least one) is one shingle of all its words. */
GArray *vb_shingles (char **words, guint n, guint k);
/* |a ∩ b| / |a ∪ b| of two vb_shingles sets; 0 when both are empty. */
double  vb_shingles_jaccard (const GArray *a, const GArray *b);
/* TRUE when the similarity of a and b is at least threshold (4 shared
 * shingles of 5 reach 0.8, whatever the rounding of 0.8). */
gboolean vb_shingles_similar (const GArray *a, const GArray *b, double threshold);

/* The MinHash signature of a non-empty shingle set. */
void    vb_minhash (const GArray *shingles, guint64 sig[VB_MINHASH_N]);
/* Rows per band for a similarity threshold: the most rows (the fewest
 * needless comparisons) that still make a pair at the threshold share a
 * bucket in some band with a probability of at least 0.999. */
guint   vb_minhash_rows (double threshold);
/* The bucket of band b (rows r) of sig; salt keeps sets that must not be
 * compared apart (it only saves work: a shared bucket is not a match). */
guint64 vb_minhash_bucket (const guint64 *sig, guint b, guint r, guint64 salt);

G_END_DECLS
