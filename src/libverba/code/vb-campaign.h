/* vb-campaign.h: campaign and duplicate responses.  Consultations receive
 * many copies of one template answer, some lightly edited; tables must be
 * able to count such a campaign once.  Answers are compared by their
 * normalised words (vb-text.h): identical word sequences are duplicates at
 * once, other pairs are near-duplicates when the Jaccard similarity of
 * their sets of word k-shingles reaches a threshold.  MinHash signatures
 * and LSH banding only propose the pairs to compare; every pair is then
 * decided on its exact similarity.  Campaigns are the connected components
 * of those pairs (near-duplicates of near-duplicates belong together);
 * then two such campaigns joined by a pair at most VB_CAMPAIGN_JOIN below
 * the threshold are one (a template edited two ways). */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* How far below the threshold a pair may be and still join two campaigns
 * the threshold made on its own (never an answer of its own to one). */
#define VB_CAMPAIGN_JOIN 0.05

/* The memory a finder may use for its LSH band keys (half) and its caches
 * of words read again (an eighth each) by default, and at least. */
#define VB_CAMPAIGN_MEMORY     ((gsize) 512 << 20)
#define VB_CAMPAIGN_MEMORY_MIN ((gsize) 64 << 10)

typedef struct {
  guint       shingle;    /* words per shingle (k); default 3 */
  double      threshold;  /* least Jaccard similarity of a pair; default 0.8 */
  guint       min_words;  /* shorter answers are never members; default 8 */
  guint       min_size;   /* smaller clusters are not campaigns; default 2 */
  const char *within;     /* compare only segments with the same value of this
                             attribute (or stream field); NULL: all together */
  gsize       memory;     /* bytes for band keys and caches; band keys past
                             half of it go to a temporary file */
} VbCampaignOptions;

void vb_campaign_options_init (VbCampaignOptions *opts);

typedef struct {
  char   *id;          /* "C001", "C002"… in order of first members */
  char   *within;      /* the value of opts->within it was found in, or NULL */
  char   *first;       /* "DOCUMENT:SEGMENT" of its first member */
  GArray *members;     /* guint indices of its segments, in stream order */
  double  similarity;  /* lowest Jaccard similarity of a member to the first */
} VbCampaign;

typedef struct {
  GPtrArray *campaigns;  /* VbCampaign*, in order of their first member */
  GArray    *of;         /* gint per segment: index into campaigns, or -1 */
  gboolean   spilled;    /* band keys went to a temporary file (opts->memory) */
  /* The work of linking, for tests and benchmarks: pairs of texts that
   * shared a bucket and were about the same size, and those of them
   * compared on their words. */
  guint64    pairs_tried, pairs_read;
} VbCampaigns;

/* Finding campaigns in bounded memory: segments are added one at a time
 * in stream order and need not be kept.  The finder keeps, for each
 * distinct answer, its first segment's index, its number of shingles and
 * the top bits of its 16 lowest shingle hashes (about 100 bytes with the
 * tables of linking) and its LSH band keys (256 bytes at the default threshold, in
 * a temporary file past half of opts->memory), plus 4 bytes a segment;
 * the words of a
 * candidate pair are read again through fetch, which gives segment i (as
 * added) back, valid until the next call.  The result is that of
 * vb_campaigns_find on the same segments. */
typedef gboolean (*VbCampaignFetch) (gpointer data, guint i, const VbSegment **seg,
                                     GError **error);
typedef struct _VbCampaignFinder VbCampaignFinder;

VbCampaignFinder *vb_campaign_finder_new (const VbCampaignOptions *opts, VbCampaignFetch fetch,
                                          gpointer data, GError **error);
gboolean          vb_campaign_finder_add (VbCampaignFinder *f, const VbSegment *seg,
                                          GError **error);
/* The campaigns of the segments added; f is of no further use. */
VbCampaigns      *vb_campaign_finder_finish (VbCampaignFinder *f, GError **error);
void              vb_campaign_finder_free (VbCampaignFinder *f);
/* For tests: the bytes each of the finder's two caches of words read
 * again may hold (0 for the default, 32 MiB), for finders made
 * afterwards.  Results never depend on it. */
void              vb_campaign_set_cache_bytes (gsize bytes);
/* For tests: TRUE makes finders made afterwards compare every pair of a
 * bucket on their words (unless already linked), without the bounds of
 * sizes and sketches that rule most of them out first.  Results never
 * depend on it. */
void              vb_campaign_set_exhaustive (gboolean all);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCampaignFinder, vb_campaign_finder_free)

/* Finds the campaigns among segs (VbSegment*).  Only participants' answers
 * of at least min_words words can be members: moderators and interviewers
 * repeat their prompts by design.  Fails on options out of range. */
VbCampaigns *vb_campaigns_find (GPtrArray *segs, const VbCampaignOptions *opts,
                                GError **error);
void         vb_campaigns_free (VbCampaigns *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCampaigns, vb_campaigns_free)

/* Sets the attributes `campaign`, `campaign_size` and `duplicate_of`
 * ("DOCUMENT:SEGMENT" of the first member, on every later member) of each
 * of segs, the segments c was found in; non-members get empty values. */
void vb_campaigns_annotate (const VbCampaigns *c, GPtrArray *segs);
/* The same for segment i of them alone. */
void vb_campaigns_annotate_one (const VbCampaigns *c, guint i, VbSegment *seg);

/* The attribute columns to write after annotating: keys (the stream's, as
 * read) then campaign, campaign_size and duplicate_of.  A stream with all
 * three is an earlier run's output, whose columns keep their place and
 * are replaced.  Otherwise any of them the stream has is its own attribute
 * (a consultation's "campaign" column), which annotating would overwrite:
 * it is renamed on every segment to KEY_ (one more '_' while that is taken
 * too), and *renamed (may be NULL) gets the pairs old, new. */
/* segs may be NULL: nothing is renamed yet. */
GPtrArray   *vb_campaigns_columns (const char *const *keys, GPtrArray *segs, GPtrArray *renamed);
/* Renames seg's attributes as vb_campaigns_columns renamed those of segs
 * (renamed: its pairs old, new), for segments read afterwards. */
void         vb_campaigns_rename (const GPtrArray *renamed, VbSegment *seg);

/* The Jaccard similarity of the word k-shingle sets of two texts, as
 * vb_campaigns_find measures it; 0 when either text has no words. */
double vb_shingle_jaccard (const char *a, const char *b, guint k);

G_END_DECLS
