/* vb-sample.h: which segments people should code next.
 *
 * A random sample is taken in hash order: every segment gets the number
 * vb_sample_hash (seed, document, segment) and the n smallest are kept
 * (ties by document, then segment).  A segment's chance so depends on the
 * seed and its own id only, not on the input's order, its size or the
 * C library's or GLib's random number generators, and a script can
 * recompute the sample (verba-sample(1) gives the hash step by step).
 *
 * Stratified, the n places are shared out among the values of an
 * attribute in proportion to their segments (largest remainder: each
 * value gets the whole part of its share, the places left go to the
 * largest fractional parts, ties to the larger stratum, then to the value
 * first in natural order), and each stratum takes its smallest hashes. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* FNV-1a (64 bits) of the bytes "SEED\x1fDOCUMENT\x1fSEGMENT" (numbers in
 * decimal), then SplitMix64's finaliser to spread the bits. */
guint64 vb_sample_hash (guint64 seed, const char *document, guint segment);

typedef struct _VbSampler VbSampler;

/* stratify: an attribute or field name, or NULL. */
VbSampler *vb_sampler_new (guint n, guint64 seed, const char *stratify);
void       vb_sampler_free (VbSampler *s);
/* Leaves out the segments that a stream of people's coding holds (a coded
 * sample read back: a segment they left without a code was still read and
 * judged), matched by document and segment number.  The stream must hold
 * human codings (source coder:NAME): a stream coded by rules alone would
 * leave everything out.  May be called for several streams. */
gboolean   vb_sampler_exclude_stream (VbSampler *s, const char *path, GError **error);
/* Offers a segment (the sampler takes it).  Memory holds at most about
 * 2n segments a stratum, whatever the input's size.  Fails when an
 * excluded segment of the same id has another text (the ids do not name
 * the same segments). */
gboolean   vb_sampler_add (VbSampler *s, VbSegment *seg, const char *path, GError **error);
/* The same, ranked: segments of smaller rank are taken first, the hash
 * order breaking ties (active learning ranks by a model's uncertainty). */
gboolean   vb_sampler_add_ranked (VbSampler *s, VbSegment *seg, double rank, const char *path,
                                  GError **error);
/* Segments offered so far, and of them those left out as coded. */
guint64    vb_sampler_n_seen (const VbSampler *s);
guint64    vb_sampler_n_excluded (const VbSampler *s);
/* Segments the excluded streams hold. */
guint64    vb_sampler_n_exclude_keys (const VbSampler *s);
/* The sample, in the order the segments were offered (a document's
 * segments stay together); the caller frees the array, which frees them. */
GPtrArray *vb_sampler_finish (VbSampler *s);

typedef struct {
  char   *value;   /* the stratum's attribute value, "(none)" when unset */
  guint64 size;    /* segments offered */
  guint   quota;   /* places it got */
} VbStratum;

/* After vb_sampler_finish: the strata in natural order of their values
 * (GArray of VbStratum owned by s); one stratum "" without --stratify. */
const GArray *vb_sampler_strata (const VbSampler *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSampler, vb_sampler_free)

G_END_DECLS
