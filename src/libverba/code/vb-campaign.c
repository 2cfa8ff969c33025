/* vb-campaign.c: finding campaigns.
 *
 * Identical answers are merged first, by their normal form (the
 * normalised words joined by 0x1F) within each value of `within`: a
 * campaign of ten thousand copies then costs one text, not ten thousand
 * near-duplicate comparisons.  Each distinct text keeps only the LSH
 * band keys of its MinHash signature (in a temporary file past half of
 * the memory allowed), its number of shingles and the top bits of its
 * lowest shingle hashes; texts sharing a bucket in some band are
 * compared exactly, on their words read again, when those bits leave
 * them a chance, and linked in a union-find when similar enough.  The
 * root of each set is its lowest text, and texts are numbered in the order
 * their first segment comes in the stream, so a campaign's root is the
 * text of its first member. */
#include "code/vb-campaign.h"
#include "base/vb-error.h"
#include "code/vb-minhash.h"
#include "base/vb-scratch.h"
#include "base/vb-text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
vb_campaign_options_init (VbCampaignOptions *o)
{
  memset (o, 0, sizeof *o);
  o->shingle = 3;
  o->threshold = 0.8;
  o->min_words = 8;
  o->min_size = 2;
  o->memory = VB_CAMPAIGN_MEMORY;
}

/* The normalised words of text joined by 0x1F (which no word holds). */
static char *
normal_form (const char *text, guint *n_words)
{
  g_autoptr (VbText) t = vb_text_new (text, -1);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < t->tokens->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, '\x1f');
      g_string_append (s, g_array_index (t->tokens, VbToken, i).norm);
    }
  *n_words = t->tokens->len;
  return g_string_free (s, FALSE);
}

/* Split in place in one copy: an allocation a word (g_strsplit) was most
 * of the time of reading rows, once the heap had the caches' small blocks
 * in it. */
static GArray *
shingles_of (const char *normal, guint k)
{
  g_autofree char *copy = g_strdup (normal);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  if (*copy)
    g_ptr_array_add (words, copy);
  for (char *p = copy; *p; p++)
    if (*p == '\x1f')
      {
        *p = '\0';
        g_ptr_array_add (words, p + 1);
      }
  return vb_shingles ((char **) words->pdata, words->len, k);
}

double
vb_shingle_jaccard (const char *a, const char *b, guint k)
{
  guint na, nb;
  g_autofree char *fa = normal_form (a, &na);
  g_autofree char *fb = normal_form (b, &nb);
  g_autoptr (GArray) sa = shingles_of (fa, k);
  g_autoptr (GArray) sb = shingles_of (fb, k);
  return vb_shingles_jaccard (sa, sb);
}

/* One distinct normal form within one value of `within`.  Only its place
 * is kept: its words are read again (fetch) when a pair must be decided,
 * so memory grows with the LSH band keys of each distinct text, not with
 * the texts. */
typedef struct {
  guint group;
  guint first;   /* its first segment */
  guint n_segs;
  guint next;    /* 1 + the next text whose normal form hashes alike; 0: none */
  guint n_shingles;
} Text;

/* The top QUICK_BITS bits of the QUICK lowest shingle hashes of each text
 * are kept (its shingle set is sorted), 32 bytes, two SSE2 registers: with
 * the sizes they bound from above what a pair can share (most_shared_scalar), and
 * most pairs that share a bucket, far from similar, are told so in a few
 * instructions without reading their rows again. */
#define QUICK      16
#define QUICK_BITS 14
#define QUICK_PAD  0x7fff  /* above any QUICK_BITS number */

/* A text in one band, to be sorted by bucket. */
typedef struct {
  guint64 bucket;
  guint   text;
} Slot;

/* A run of texts' band keys in the spill file, band by band: band b of
 * texts first .. first + count at offset + b * count * 8. */
typedef struct {
  guint64 offset;
  guint   first;
  guint   count;
} Block;

/* Normal forms and shingle sets read again, kept while they fit: a
 * campaign's template is wanted again and again.  When a cache is full it
 * is emptied at once; what it holds never changes a result, only how often
 * a row is read again. */
typedef struct {
  GHashTable *map;   /* text index -> char * or GArray * */
  gsize       bytes;
  gsize       limit;
} Cache;

#define CACHE_BYTES (32u << 20)
static gsize cache_bytes = CACHE_BYTES;
static gboolean exhaustive = FALSE;

void
vb_campaign_set_exhaustive (gboolean all)
{
  exhaustive = all;
}

void
vb_campaign_set_cache_bytes (gsize bytes)
{
  cache_bytes = bytes ? bytes : CACHE_BYTES;
}

/* Each cache takes an eighth of the memory allowed at most. */
static void
cache_init (Cache *c, GDestroyNotify free_value, gsize memory)
{
  c->map = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, free_value);
  c->bytes = 0;
  c->limit = MIN (cache_bytes, MAX (memory / 8, 1));
}

static void
cache_put (Cache *c, guint t, gpointer value, gsize bytes)
{
  /* A hash table entry costs about 40 bytes beside its value. */
  bytes += 40;
  if (c->bytes + bytes > c->limit)
    {
      g_hash_table_remove_all (c->map);
      c->bytes = 0;
    }
  g_hash_table_replace (c->map, GUINT_TO_POINTER (t), value);
  c->bytes += bytes;
}

struct _VbCampaignFinder {
  VbCampaignOptions o;
  char           *within;
  VbCampaignFetch fetch;
  gpointer        data;
  guint           rows;       /* per LSH band */
  guint           n_bands;
  guint           n_segs;
  GArray         *texts;      /* Text */
  GArray         *bands;      /* guint64, n_bands per text, from text spilled on */
  int             spill_fd;   /* where band keys went past the memory limit, or -1 */
  GArray         *blocks;     /* Block: what went there */
  guint           spilled;    /* texts whose band keys are there */
  gsize           band_bytes; /* band keys held in memory at most */
  GArray         *sketch;     /* gint16, QUICK per text (QUICK_PAD past its end) */
  GArray         *seg_text;   /* gint per segment: its text, or -1 */
  GHashTable     *text_ids;   /* hash of a normal form -> 1 + first text of its chain */
  GHashTable     *group_ids;  /* within value -> group */
  GPtrArray      *group_names;
  Cache           normals;    /* char * */
  Cache           shingles;   /* GArray * of guint64 */
  guint          *parent;     /* union-find over texts */
  GArray         *weak;       /* guint64 pairs below the threshold but within
                                 VB_CAMPAIGN_JOIN of it */
  GError         *error;      /* the first failure to read a row again */
  gboolean        exhaustive;  /* vb_campaign_set_exhaustive */
  guint64        *decided;     /* pairs a < b decided apart, (a << 32) | b (0: none), */
  gsize           decided_mask; /* with the band keys in the temporary file */
  guint64         pairs_tried, pairs_read;  /* VbCampaigns */
};

static gboolean spill (VbCampaignFinder *f, GError **error);

static guint64
normal_hash (guint group, const char *normal)
{
  guint64 h = 0xcbf29ce484222325ull ^ group;
  for (const unsigned char *p = (const unsigned char *) normal; *p; p++)
    h = (h ^ *p) * 0x100000001b3ull;
  return vb_hash_mix (h);
}

/* Reads segment i again; FALSE (f->error set) when that fails. */

static const VbSegment *
fetch (VbCampaignFinder *f, guint i)
{
  const VbSegment *seg = NULL;
  if (f->error == NULL && !f->fetch (f->data, i, &seg, &f->error))
    return NULL;
  return f->error ? NULL : seg;
}

static const char *
normal_of (VbCampaignFinder *f, guint t)
{
  const char *n = g_hash_table_lookup (f->normals.map, GUINT_TO_POINTER (t));
  if (n)
    return n;
  const VbSegment *seg = fetch (f, g_array_index (f->texts, Text, t).first);
  if (seg == NULL)
    return NULL;
  guint n_words;
  char *normal = normal_form (seg->text, &n_words);
  cache_put (&f->normals, t, normal, strlen (normal) + 1);
  return normal;
}

static const GArray *
shingles_of_text (VbCampaignFinder *f, guint t)
{
  GArray *s = g_hash_table_lookup (f->shingles.map, GUINT_TO_POINTER (t));
  if (s)
    return s;
  const VbSegment *seg = fetch (f, g_array_index (f->texts, Text, t).first);
  if (seg == NULL)
    return NULL;
  guint n_words;
  g_autofree char *normal = normal_form (seg->text, &n_words);
  s = shingles_of (normal, f->o.shingle);
  cache_put (&f->shingles, t, s, s->len * sizeof (guint64));
  return s;
}

static gboolean
check_options (const VbCampaignOptions *o, GError **error)
{
  const char *bad = o->shingle < 1                              ? "shingles need at least 1 word"
                    : !(o->threshold > 0 && o->threshold <= 1) ? "the threshold must be above 0 and at most 1"
                    : o->min_words < 1                         ? "the minimum number of words must be at least 1"
                    : o->min_size < 2                          ? "a campaign needs at least 2 members"
                    : o->memory < VB_CAMPAIGN_MEMORY_MIN       ? "the memory allowed is too small"
                                                               : NULL;
  if (bad)
    g_set_error_literal (error, VB_ERROR, VB_ERROR_USAGE, bad);
  return bad == NULL;
}

VbCampaignFinder *
vb_campaign_finder_new (const VbCampaignOptions *o, VbCampaignFetch fetch_fn, gpointer data,
                        GError **error)
{
  if (!check_options (o, error))
    return NULL;
  VbCampaignFinder *f = g_new0 (VbCampaignFinder, 1);
  f->o = *o;
  f->within = g_strdup (o->within);
  f->o.within = f->within;
  f->fetch = fetch_fn;
  f->exhaustive = exhaustive;
  f->data = data;
  /* Rows for the weak links' threshold, so that LSH proposes them too. */
  f->rows = vb_minhash_rows (MAX (o->threshold - VB_CAMPAIGN_JOIN, 0.05));
  f->n_bands = VB_MINHASH_N / f->rows;
  f->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  f->weak = g_array_new (FALSE, FALSE, sizeof (guint64));
  f->bands = g_array_new (FALSE, FALSE, sizeof (guint64));
  f->sketch = g_array_new (FALSE, FALSE, sizeof (gint16));
  f->spill_fd = -1;
  f->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  f->band_bytes = o->memory / 2;
  f->seg_text = g_array_new (FALSE, FALSE, sizeof (gint));
  f->text_ids = g_hash_table_new (g_direct_hash, g_direct_equal);
  f->group_ids = g_hash_table_new (g_str_hash, g_str_equal);
  f->group_names = g_ptr_array_new_with_free_func (g_free);
  cache_init (&f->normals, g_free, o->memory);
  cache_init (&f->shingles, (GDestroyNotify) g_array_unref, o->memory);
  return f;
}

void
vb_campaign_finder_free (VbCampaignFinder *f)
{
  if (f == NULL)
    return;
  g_free (f->within);
  g_array_unref (f->texts);
  g_array_unref (f->weak);
  g_array_unref (f->bands);
  g_array_unref (f->sketch);
  g_array_unref (f->blocks);
  if (f->spill_fd >= 0)
    close (f->spill_fd);
  g_array_unref (f->seg_text);
  if (f->text_ids)
    g_hash_table_unref (f->text_ids);
  g_hash_table_unref (f->group_ids);
  g_ptr_array_unref (f->group_names);
  g_hash_table_unref (f->normals.map);
  g_hash_table_unref (f->shingles.map);
  g_free (f->parent);
  g_free (f->decided);
  g_clear_error (&f->error);
  g_free (f);
}

static guint
group_of (VbCampaignFinder *f, const VbSegment *seg)
{
  if (f->o.within == NULL)
    return 0;
  const char *value = vb_segment_value (seg, f->o.within);
  if (value == NULL)
    value = "";
  gpointer found;
  if (g_hash_table_lookup_extended (f->group_ids, value, NULL, &found))
    return GPOINTER_TO_UINT (found);
  guint group = f->group_names->len;
  char *name = g_strdup (value);
  g_ptr_array_add (f->group_names, name);
  g_hash_table_insert (f->group_ids, name, GUINT_TO_POINTER (group));
  return group;
}

gboolean
vb_campaign_finder_add (VbCampaignFinder *f, const VbSegment *seg, GError **error)
{
  gint none = -1;
  guint i = f->n_segs++;
  if (!vb_role_is_counted (seg->role))
    {
      g_array_append_val (f->seg_text, none);
      return TRUE;
    }
  guint n_words;
  g_autofree char *normal = normal_form (seg->text, &n_words);
  if (n_words < f->o.min_words)
    {
      g_array_append_val (f->seg_text, none);
      return TRUE;
    }
  guint group = group_of (f, seg);
  guint64 h = normal_hash (group, normal);
  /* On a 32-bit system the key keeps half the hash: more texts share a
   * chain, none is merged wrongly. */
  gpointer key = GSIZE_TO_POINTER ((gsize) h);
  gpointer chain = g_hash_table_lookup (f->text_ids, key);
  /* Texts whose normal forms hash alike are told apart by their words,
   * read again when they are no longer at hand. */
  for (guint t = GPOINTER_TO_UINT (chain); t > 0; t = g_array_index (f->texts, Text, t - 1).next)
    {
      Text *x = &g_array_index (f->texts, Text, t - 1);
      if (x->group != group)
        continue;
      const char *other = normal_of (f, t - 1);
      if (other == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&f->error));
          return FALSE;
        }
      if (strcmp (other, normal) == 0)
        {
          gint found = (gint) t - 1;
          g_array_append_val (f->seg_text, found);
          g_array_index (f->texts, Text, t - 1).n_segs++;
          return TRUE;
        }
    }
  guint t = f->texts->len;
  g_autoptr (GArray) sh = shingles_of (normal, f->o.shingle);
  Text x = { group, i, 1, GPOINTER_TO_UINT (chain), sh->len };
  g_array_append_val (f->texts, x);
  g_hash_table_insert (f->text_ids, key, GUINT_TO_POINTER (t + 1));
  gint ti = (gint) t;
  g_array_append_val (f->seg_text, ti);

  for (guint k = 0; k < QUICK; k++)
    {
      gint16 lane = k < sh->len ? (gint16) (g_array_index (sh, guint64, k) >> (64 - QUICK_BITS))
                                : QUICK_PAD;
      g_array_append_val (f->sketch, lane);
    }
  guint64 sig[VB_MINHASH_N];
  vb_minhash (sh, sig);
  for (guint b = 0; b < f->n_bands; b++)
    {
      guint64 bucket = vb_minhash_bucket (sig, b, f->rows, group);
      g_array_append_val (f->bands, bucket);
    }
  /* Past the limit, the keys go to the spill file in blocks of a
   * sixteenth of it. */
  gsize held = f->bands->len * sizeof (guint64);
  if (held > (f->spill_fd >= 0 ? MAX (f->band_bytes / 16, 1) : f->band_bytes) && !spill (f, error))
    return FALSE;
  gsize len = strlen (normal) + 1;
  cache_put (&f->normals, t, g_steal_pointer (&normal), len);
  return TRUE;
}

/* Writes the band keys held in memory to the spill file (made at the
 * first call), band by band, and forgets them. */
static gboolean
spill (VbCampaignFinder *f, GError **error)
{
  if (f->spill_fd < 0 && (f->spill_fd = vb_scratch_new ("file for band keys", error)) < 0)
    return FALSE;
  guint count = f->bands->len / f->n_bands;
  if (count == 0)
    return TRUE;
  const guint64 *keys = (const guint64 *) (void *) f->bands->data;
  Block block = { 0, f->spilled, count };
  if (f->blocks->len > 0)
    {
      const Block *last = &g_array_index (f->blocks, Block, f->blocks->len - 1);
      block.offset = last->offset + (guint64) last->count * f->n_bands * sizeof (guint64);
    }
  g_autofree guint64 *column = g_new (guint64, count);
  for (guint b = 0; b < f->n_bands; b++)
    {
      for (guint t = 0; t < count; t++)
        column[t] = keys[(gsize) t * f->n_bands + b];
      if (!vb_scratch_write (f->spill_fd, column, count * sizeof (guint64), error))
        return FALSE;
    }
  g_array_append_val (f->blocks, block);
  f->spilled += count;
  /* A fresh array, so that the memory of the first (and largest) run is
   * given back. */
  g_array_unref (f->bands);
  f->bands = g_array_sized_new (FALSE, FALSE, sizeof (guint64),
                                (guint) (MAX (f->band_bytes / 16, 1) / sizeof (guint64)) + f->n_bands);
  return TRUE;
}

/* Fills slots with the texts and their keys of band b. */
static gboolean
band_keys (VbCampaignFinder *f, guint b, Slot *slots)
{
  const guint64 *keys = (const guint64 *) (void *) f->bands->data;
  for (guint t = f->spilled; t < f->texts->len; t++)
    {
      slots[t].bucket = keys[(gsize) (t - f->spilled) * f->n_bands + b];
      slots[t].text = t;
    }
  g_autofree guint64 *column = NULL;
  for (guint k = 0; k < f->blocks->len; k++)
    {
      const Block *block = &g_array_index (f->blocks, Block, k);
      column = g_renew (guint64, column, block->count);
      if (!vb_scratch_read_at (f->spill_fd, column, block->count * sizeof (guint64),
                               block->offset + (guint64) b * block->count * sizeof (guint64),
                               &f->error))
        return FALSE;
      for (guint t = 0; t < block->count; t++)
        {
          slots[block->first + t].bucket = column[t];
          slots[block->first + t].text = block->first + t;
        }
    }
  return TRUE;
}

static guint
uf_find (guint *parent, guint x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static void
uf_union (guint *parent, guint a, guint b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/* The slot of pair a < b in the table of pairs decided and left apart. */
static gsize
decided_slot (const VbCampaignFinder *f, guint64 key)
{
  return (gsize) vb_hash_mix (key) & f->decided_mask;
}

/* TRUE when a and b shared a bucket in a band before band b: they were
 * decided then (every pair of a bucket that may be similar is compared
 * unless already linked), so a second look changes nothing.  With the
 * band keys in the temporary file, a table of the pairs decided and left
 * apart stands in for them: a pair decided again in each band it shares
 * was most of the time of linking at a million rows (read again six
 * million times).  The table forgets a pair whose slot another takes; a
 * pair decided twice gives the same answer twice. */
static gboolean
decided_before (const VbCampaignFinder *f, guint a, guint b, guint band)
{
  if (f->spill_fd >= 0)
    {
      guint64 key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
      return f->decided[decided_slot (f, key)] == key;
    }
  const guint64 *ka = &g_array_index (f->bands, guint64, (gsize) a * f->n_bands);
  const guint64 *kb = &g_array_index (f->bands, guint64, (gsize) b * f->n_bands);
  for (guint j = 0; j < band; j++)
    if (ka[j] == kb[j])
      return TRUE;
  return FALSE;
}

/* A text of a bucket as the bucket's pairs need it, side by side with the
 * others: a crowded bucket's pairs are mostly told apart here, in memory
 * a few kilobytes long, without touching the tables of every text. */
typedef struct {
  gint16 q[QUICK];  /* its sketch */
  gint16 qtop;      /* below this, q lists every hash of the text */
  guint  n;         /* shingles */
  guint  text;
  guint  group;
} Member;

static gint
member_compare (gconstpointer a, gconstpointer b)
{
  const Member *x = a, *y = b;
  if (x->n != y->n)
    return x->n < y->n ? -1 : 1;
  return x->text < y->text ? -1 : x->text > y->text;
}

/* The most shingles x and y can share, from their sketches.  The top
 * bits never decrease with the hash, so with T the lower qtop of the two,
 * both sketches hold every hash of their text whose top bits are below T:
 * there they share at most the lanes of x below T equal to some lane of y
 * (hashes with the same top bits look alike, which only adds), and above
 * at most the smaller remainder.  An upper bound on |x ∩ y| whatever the
 * hashes, so a pair it leaves under the weak threshold is not similar and
 * is not compared.  Branch-free (may_share with SSE2): the many pairs of
 * a crowded bucket that share a sentence and little else cost a few
 * instructions each. */
static inline guint
most_shared_scalar (const Member *x, const Member *y)
{
  gint16 top = MIN (x->qtop, y->qtop);
  guint below_x = 0, below_y = 0, shared = 0;
  for (guint i = 0; i < QUICK; i++)
    {
      below_x += x->q[i] < top;
      below_y += y->q[i] < top;
      gboolean in_y = FALSE;
      for (guint j = 0; j < QUICK; j++)
        in_y |= x->q[i] == y->q[j];
      shared += x->q[i] < top && in_y;
    }
  return shared + MIN (x->n - below_x, y->n - below_y);
}

#ifdef __SSE2__
#include <emmintrin.h>

/* The rotations of y's lanes, each half on its own, made once for all the
 * pairs of y: comparing x with each finds every lane of x equal to one of
 * y's. */
typedef struct {
  __m128i rot[QUICK / 8][8];
} Rotations;

static inline void
rotations_of (const Member *y, Rotations *r)
{
  for (guint h = 0; h < QUICK / 8; h++)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) (y->q + 8 * h));
      for (guint j = 0; j < 8; j++)
        {
          r->rot[h][j] = v;
          v = _mm_or_si128 (_mm_srli_si128 (v, 2), _mm_slli_si128 (v, 14));
        }
    }
}

/* The lanes set in two masks of eight 16-bit lanes (no popcount
 * instruction in the baseline x86-64). */
static inline guint
lanes_set (__m128i lo, __m128i hi)
{
  static const guint8 bits[16] = { 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4 };
  guint m = (guint) _mm_movemask_epi8 (_mm_packs_epi16 (lo, hi));
  return bits[m & 15] + bits[(m >> 4) & 15] + bits[(m >> 8) & 15] + bits[m >> 12];
}

/* TRUE when most_shared_scalar (x, y) >= need.  The first half of x's
 * lanes is matched first, its second half taken as all shared: most
 * pairs fall short even so, for half the work. */
static inline gboolean
may_share (const Member *x, const Member *y, const Rotations *ry, guint need)
{
  G_STATIC_ASSERT (QUICK == 16);
  __m128i x0 = _mm_loadu_si128 ((const __m128i *) (const void *) x->q);
  __m128i x1 = _mm_loadu_si128 ((const __m128i *) (const void *) (x->q + 8));
  __m128i top = _mm_set1_epi16 (MIN (x->qtop, y->qtop));
  __m128i bx0 = _mm_cmplt_epi16 (x0, top), bx1 = _mm_cmplt_epi16 (x1, top);
  guint below_x = lanes_set (bx0, bx1);
  guint below_y = lanes_set (_mm_cmplt_epi16 (ry->rot[0][0], top),
                             _mm_cmplt_epi16 (ry->rot[1][0], top));
  guint rest = MIN (x->n - below_x, y->n - below_y);
  __m128i in0 = _mm_setzero_si128 ();
  for (guint h = 0; h < 2; h++)
    for (guint j = 0; j < 8; j++)
      in0 = _mm_or_si128 (in0, _mm_cmpeq_epi16 (x0, ry->rot[h][j]));
  in0 = _mm_and_si128 (in0, bx0);
  if (lanes_set (in0, bx1) + rest < need)
    return FALSE;
  __m128i in1 = _mm_setzero_si128 ();
  for (guint h = 0; h < 2; h++)
    for (guint j = 0; j < 8; j++)
      in1 = _mm_or_si128 (in1, _mm_cmpeq_epi16 (x1, ry->rot[h][j]));
  return lanes_set (in0, _mm_and_si128 (in1, bx1)) + rest >= need;
}
#else
typedef struct {
  char unused;
} Rotations;

static inline void
rotations_of (const Member *y, Rotations *r)
{
  (void) y, (void) r;
}

static inline gboolean
may_share (const Member *x, const Member *y, const Rotations *ry, guint need)
{
  (void) ry;
  return most_shared_scalar (x, y) >= need;
}
#endif

/* The fewest shingles two texts of na and nb shingles must share to pass
 * the test of vb_shingles_similar at threshold, that test itself on each
 * count (it passes for more whenever it passes for less): a pair that
 * cannot share as many is not similar.  na + nb + 1 when none passes. */
static guint
least_shared (guint na, guint nb, double threshold)
{
  guint most = MIN (na, nb);
  guint m = (guint) MAX (threshold * (na + nb) / (1 + threshold) - 2, 0);
  while (m > 0 && (double) (m - 1) >= threshold * (double) (na + nb - (m - 1)) - 1e-9)
    m--;
  while (m <= most && !((double) m >= threshold * (double) (na + nb - m) - 1e-9))
    m++;
  return m <= most ? m : na + nb + 1;
}

/* Decides the pair a, b on their words read again: TRUE when similar;
 * a pair just below the threshold is kept as a weak link. */
static gboolean
similar (VbCampaignFinder *f, guint a, guint b)
{
  /* Both sets are at hand together: the first may be dropped from the
   * cache while the second is read, so it is held. */
  const GArray *sa = shingles_of_text (f, a);
  if (sa == NULL)
    return FALSE;
  g_autoptr (GArray) held = g_array_ref ((GArray *) sa);
  const GArray *sb = shingles_of_text (f, b);
  if (sb == NULL)
    return FALSE;
  if (vb_shingles_similar (held, sb, f->o.threshold))
    return TRUE;
  if (vb_shingles_similar (held, sb, f->o.threshold - VB_CAMPAIGN_JOIN))
    {
      guint64 key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
      g_array_append_val (f->weak, key);
    }
  return FALSE;
}

/* Sorts slots by bucket, 16 bits at a time from the lowest (each pass
 * keeps the order of the one before, so a bucket's texts stay in text
 * order): four passes over the slots, where qsort made one a comparison
 * and was most of the time of linking. */
static void
sort_slots (Slot *slots, Slot *tmp, guint n)
{
  g_autofree guint *count = g_new (guint, 1 << 16);
  Slot *from = slots, *to = tmp;
  for (guint shift = 0; shift < 64; shift += 16)
    {
      memset (count, 0, sizeof (guint) << 16);
      for (guint i = 0; i < n; i++)
        count[(from[i].bucket >> shift) & 0xffff]++;
      for (guint d = 0, at = 0; d < 1 << 16; d++)
        {
          guint c = count[d];
          count[d] = at;
          at += c;
        }
      for (guint i = 0; i < n; i++)
        to[count[(from[i].bucket >> shift) & 0xffff]++] = from[i];
      Slot *swap = from;
      from = to;
      to = swap;
    }
}

/* Every pair of the bucket that may be similar, even just below the
 * threshold, is compared unless already linked: every similar pair ends
 * up linked, and every weak pair between two campaigns is found (the
 * campaigns are the components of the similar pairs whatever the order).
 * A bucket full of variants of one template costs a look-up a pair once
 * they are linked, not a comparison. */
static void
link_bucket (VbCampaignFinder *f, const Slot *slots, guint n, guint band, GArray *members)
{
  g_array_set_size (members, n);
  Member *m = (Member *) (void *) members->data;
  for (guint s = 0; s < n; s++)
    {
      /* The texts of a bucket are anywhere in the tables: fetching ahead
       * hides most of the wait. */
      if (s + 4 < n)
        {
          guint ahead = slots[s + 4].text;
          __builtin_prefetch (&g_array_index (f->texts, Text, ahead));
          __builtin_prefetch (&g_array_index (f->sketch, gint16, (gsize) ahead * QUICK));
        }
      guint t = slots[s].text;
      const Text *x = &g_array_index (f->texts, Text, t);
      m[s].text = t;
      m[s].group = x->group;
      m[s].n = x->n_shingles;
      memcpy (m[s].q, &g_array_index (f->sketch, gint16, (gsize) t * QUICK), sizeof m[s].q);
      m[s].qtop = m[s].n > QUICK ? m[s].q[QUICK - 1] : QUICK_PAD;
    }
  /* By size, a text need only be paired with the texts of about its size
   * (the first test of vb_shingles_similar). */
  qsort (m, n, sizeof (Member), member_compare);
  double weak = f->o.threshold - VB_CAMPAIGN_JOIN;
  Rotations rot;
  for (guint s = 1, lo = 0; s < n && f->error == NULL; s++)
    {
      while (!f->exhaustive && lo < s && (double) m[lo].n < weak * m[s].n - 1e-9)
        lo++;
      rotations_of (&m[s], &rot);
      f->pairs_tried += s - lo;
      guint need_for = G_MAXUINT, need = 0;
      for (guint e = lo; e < s && f->error == NULL; e++)
        {
          if (m[e].n != need_for)
            need = least_shared (need_for = m[e].n, m[s].n, weak);
          if (!f->exhaustive && !may_share (&m[e], &m[s], &rot, need))
            continue;
          guint a = m[e].text, b = m[s].text;
          if (m[e].group != m[s].group
              || uf_find (f->parent, a) == uf_find (f->parent, b)
              || decided_before (f, a, b, band))
            continue;
          f->pairs_read++;
          if (similar (f, a, b))
            uf_union (f->parent, a, b);
          else if (f->decided)
            {
              guint64 key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
              f->decided[decided_slot (f, key)] = key;
            }
        }
    }
}

static void
link_similar (VbCampaignFinder *f)
{
  guint n = f->texts->len;
  g_autofree Slot *slots = g_new (Slot, n + 1);
  g_autofree Slot *tmp = g_new (Slot, n + 1);
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  for (guint b = 0; b < f->n_bands && f->error == NULL; b++)
    {
      if (!band_keys (f, b, slots))
        break;
      sort_slots (slots, tmp, n);
      for (guint lo = 0, hi; lo < n && f->error == NULL; lo = hi)
        {
          for (hi = lo + 1; hi < n && slots[hi].bucket == slots[lo].bucket; hi++)
            ;
          if (hi - lo > 1)
            link_bucket (f, slots + lo, hi - lo, b, members);
        }
    }
}

static void
campaign_free (gpointer p)
{
  VbCampaign *c = p;
  g_free (c->id);
  g_free (c->within);
  g_free (c->first);
  g_array_unref (c->members);
  g_free (c);
}

void
vb_campaigns_free (VbCampaigns *c)
{
  if (c == NULL)
    return;
  g_ptr_array_unref (c->campaigns);
  g_array_unref (c->of);
  g_free (c);
}

static VbCampaigns *
fail (VbCampaignFinder *f, VbCampaigns *c, GError **error)
{
  g_propagate_error (error, g_steal_pointer (&f->error));
  vb_campaigns_free (c);
  return NULL;
}

VbCampaigns *
vb_campaign_finder_finish (VbCampaignFinder *f, GError **error)
{
  guint n_texts = f->texts->len;
  /* The hash table and the band keys are of no further use once the
   * pairs are linked. */
  g_clear_pointer (&f->text_ids, g_hash_table_unref);
  g_hash_table_remove_all (f->normals.map);
  f->normals.bytes = 0;
  f->parent = g_new (guint, n_texts + 1);
  for (guint t = 0; t < n_texts; t++)
    f->parent[t] = t;
  if (f->spill_fd >= 0)
    {
      /* A sixteenth of the memory allowed, in a power of two of slots. */
      gsize slots = 1024;
      while (slots * 2 * sizeof (guint64) <= f->o.memory / 16)
        slots *= 2;
      f->decided = g_new0 (guint64, slots);
      f->decided_mask = slots - 1;
    }
  link_similar (f);
  g_clear_pointer (&f->decided, g_free);
  g_array_set_size (f->bands, 0);
  g_array_set_size (f->sketch, 0);
  if (f->error)
    return fail (f, NULL, error);

  g_autofree guint *size = g_new0 (guint, n_texts + 1);
  for (guint t = 0; t < n_texts; t++)
    size[uf_find (f->parent, t)] += g_array_index (f->texts, Text, t).n_segs;
  /* A weak link (within VB_CAMPAIGN_JOIN below the threshold) joins two
   * campaigns the threshold made, never an answer of its own to one: one
   * template letter edited in two ways is one campaign, while a lone
   * answer still has to be near-identical to join.  Sizes and roots are
   * those of the strong links, so weak links do not chain on their own. */
  if (f->weak->len > 0)
    {
      g_autofree guint *root0 = g_new (guint, n_texts + 1);
      for (guint t = 0; t < n_texts; t++)
        root0[t] = uf_find (f->parent, t);
      guint least = MAX (f->o.min_size, 2);
      for (guint i = 0; i < f->weak->len; i++)
        {
          guint64 key = g_array_index (f->weak, guint64, i);
          guint a = (guint) (key >> 32), b = (guint) (key & 0xffffffffu);
          if (size[root0[a]] >= least && size[root0[b]] >= least)
            uf_union (f->parent, a, b);
        }
      memset (size, 0, sizeof (guint) * (n_texts + 1));
      for (guint t = 0; t < n_texts; t++)
        size[uf_find (f->parent, t)] += g_array_index (f->texts, Text, t).n_segs;
    }
  g_array_set_size (f->weak, 0);

  VbCampaigns *c = g_new0 (VbCampaigns, 1);
  c->spilled = f->spill_fd >= 0;
  c->pairs_tried = f->pairs_tried;
  c->pairs_read = f->pairs_read;
  c->campaigns = g_ptr_array_new_with_free_func (campaign_free);
  c->of = g_array_sized_new (FALSE, FALSE, sizeof (gint), f->n_segs);
  g_autofree gint *campaign_of_root = g_new (gint, n_texts + 1);
  g_autofree gboolean *text_seen = g_new0 (gboolean, n_texts + 1);
  for (guint t = 0; t < n_texts; t++)
    campaign_of_root[t] = -1;
  for (guint i = 0; i < f->n_segs; i++)
    {
      gint none = -1, ti = g_array_index (f->seg_text, gint, i);
      if (ti < 0 || size[uf_find (f->parent, (guint) ti)] < f->o.min_size)
        {
          g_array_append_val (c->of, none);
          continue;
        }
      guint t = (guint) ti, root = uf_find (f->parent, t);
      if (campaign_of_root[root] < 0)
        {
          const VbSegment *head = fetch (f, i);
          if (head == NULL)
            return fail (f, c, error);
          VbCampaign *camp = g_new0 (VbCampaign, 1);
          camp->id = g_strdup_printf ("C%03u", c->campaigns->len + 1);
          guint group = g_array_index (f->texts, Text, root).group;
          camp->within = f->o.within ? g_strdup (f->group_names->pdata[group]) : NULL;
          camp->first = g_strdup_printf ("%s:%u", head->document, head->index);
          camp->members = g_array_new (FALSE, FALSE, sizeof (guint));
          camp->similarity = 1.0;
          campaign_of_root[root] = (gint) c->campaigns->len;
          g_ptr_array_add (c->campaigns, camp);
        }
      VbCampaign *camp = c->campaigns->pdata[campaign_of_root[root]];
      g_array_append_val (camp->members, i);
      g_array_append_val (c->of, campaign_of_root[root]);
      if (!text_seen[t] && t != root)
        {
          const GArray *sr = shingles_of_text (f, root);
          g_autoptr (GArray) held = sr ? g_array_ref ((GArray *) sr) : NULL;
          const GArray *st = sr ? shingles_of_text (f, t) : NULL;
          if (st == NULL)
            return fail (f, c, error);
          camp->similarity = MIN (camp->similarity, vb_shingles_jaccard (held, st));
        }
      text_seen[t] = TRUE;
    }
  return c;
}

static gboolean
fetch_from_array (gpointer data, guint i, const VbSegment **seg, GError **error)
{
  (void) error;
  *seg = ((GPtrArray *) data)->pdata[i];
  return TRUE;
}

VbCampaigns *
vb_campaigns_find (GPtrArray *segs, const VbCampaignOptions *o, GError **error)
{
  g_autoptr (VbCampaignFinder) f = vb_campaign_finder_new (o, fetch_from_array, segs, error);
  if (f == NULL)
    return NULL;
  for (guint i = 0; i < segs->len; i++)
    if (!vb_campaign_finder_add (f, segs->pdata[i], error))
      return NULL;
  return vb_campaign_finder_finish (f, error);
}

void
vb_campaigns_annotate_one (const VbCampaigns *c, guint i, VbSegment *seg)
{
  gint k = g_array_index (c->of, gint, i);
  if (k < 0)
    {
      vb_attrs_set (seg->attrs, "campaign", "", 0);
      vb_attrs_set (seg->attrs, "campaign_size", "", 0);
      vb_attrs_set (seg->attrs, "duplicate_of", "", 0);
      return;
    }
  const VbCampaign *camp = c->campaigns->pdata[k];
  guint first = g_array_index (camp->members, guint, 0);
  g_autofree char *n = g_strdup_printf ("%u", camp->members->len);
  vb_attrs_set (seg->attrs, "campaign", camp->id, 0);
  vb_attrs_set (seg->attrs, "campaign_size", n, 0);
  vb_attrs_set (seg->attrs, "duplicate_of", first == i ? "" : camp->first, 0);
}

void
vb_campaigns_annotate (const VbCampaigns *c, GPtrArray *segs)
{
  for (guint i = 0; i < segs->len; i++)
    vb_campaigns_annotate_one (c, i, segs->pdata[i]);
}

void
vb_campaigns_rename (const GPtrArray *renamed, VbSegment *seg)
{
  for (guint r = 0; r + 1 < renamed->len; r += 2)
    {
      const char *from = renamed->pdata[r], *to = renamed->pdata[r + 1];
      g_autoptr (VbAttrs) attrs = vb_attrs_new ();
      for (guint a = 0; a < vb_attrs_size (seg->attrs); a++)
        {
          const VbAttr *at = vb_attrs_index (seg->attrs, a);
          vb_attrs_set (attrs, strcmp (at->key, from) == 0 ? to : at->key, at->value, at->line);
        }
      VbAttrs *old = seg->attrs;
      seg->attrs = g_steal_pointer (&attrs);
      vb_attrs_free (old);
    }
}

static const char *const campaign_keys[] = { "campaign", "campaign_size", "duplicate_of" };

GPtrArray *
vb_campaigns_columns (const char *const *keys, GPtrArray *segs, GPtrArray *renamed)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint have = 0;
  for (guint i = 0; i < G_N_ELEMENTS (campaign_keys); i++)
    have += g_strv_contains (keys, campaign_keys[i]);
  gboolean earlier_run = have == G_N_ELEMENTS (campaign_keys);
  for (const char *const *k = keys; *k; k++)
    {
      gboolean own = !earlier_run && g_strv_contains (campaign_keys, *k);
      if (!own)
        {
          g_ptr_array_add (out, g_strdup (*k));
          continue;
        }
      g_autofree char *to = g_strconcat (*k, "_", NULL);
      while (g_strv_contains (keys, to)
             || g_ptr_array_find_with_equal_func (out, to, g_str_equal, NULL))
        {
          char *longer = g_strconcat (to, "_", NULL);
          g_free (to);
          to = longer;
        }
      g_ptr_array_add (pairs, g_strdup (*k));
      g_ptr_array_add (pairs, g_strdup (to));
      if (renamed)
        {
          g_ptr_array_add (renamed, g_strdup (*k));
          g_ptr_array_add (renamed, g_strdup (to));
        }
      g_ptr_array_add (out, g_steal_pointer (&to));
    }
  for (guint i = 0; i < G_N_ELEMENTS (campaign_keys); i++)
    if (!g_ptr_array_find_with_equal_func (out, campaign_keys[i], g_str_equal, NULL))
      g_ptr_array_add (out, g_strdup (campaign_keys[i]));
  for (guint i = 0; segs && i < segs->len; i++)
    vb_campaigns_rename (pairs, segs->pdata[i]);
  return out;
}
