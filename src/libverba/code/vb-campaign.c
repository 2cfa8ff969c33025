/* vb-campaign.c: finding campaigns.
 *
 * Identical answers are merged first, by their normal form (the
 * normalised words joined by 0x1F) within each value of `within`: a
 * campaign of ten thousand copies then costs one text, not ten thousand
 * near-duplicate comparisons.  Each distinct text keeps only the LSH
 * band keys of its MinHash signature; texts sharing a bucket in some band
 * are compared exactly, on their words read again, and linked in a
 * union-find when similar enough.  The
 * root of each set is its lowest text, and texts are numbered in the order
 * their first segment comes in the stream, so a campaign's root is the
 * text of its first member. */
#include "code/vb-campaign.h"
#include "base/vb-error.h"
#include "code/vb-minhash.h"
#include "base/vb-text.h"

#include <stdlib.h>
#include <string.h>

void
vb_campaign_options_init (VbCampaignOptions *o)
{
  memset (o, 0, sizeof *o);
  o->shingle = 3;
  o->threshold = 0.8;
  o->min_words = 8;
  o->min_size = 2;
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

static GArray *
shingles_of (const char *normal, guint k)
{
  g_auto (GStrv) words = g_strsplit (normal, "\x1f", -1);
  guint n = *normal ? g_strv_length (words) : 0;
  return vb_shingles (words, n, k);
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
} Text;

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

void
vb_campaign_set_cache_bytes (gsize bytes)
{
  cache_bytes = bytes ? bytes : CACHE_BYTES;
}

static void
cache_init (Cache *c, GDestroyNotify free_value)
{
  c->map = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, free_value);
  c->bytes = 0;
  c->limit = cache_bytes;
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
  GArray         *bands;      /* guint64, n_bands per text */
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
};

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
  f->data = data;
  /* Rows for the weak links' threshold, so that LSH proposes them too. */
  f->rows = vb_minhash_rows (MAX (o->threshold - VB_CAMPAIGN_JOIN, 0.05));
  f->n_bands = VB_MINHASH_N / f->rows;
  f->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  f->weak = g_array_new (FALSE, FALSE, sizeof (guint64));
  f->bands = g_array_new (FALSE, FALSE, sizeof (guint64));
  f->seg_text = g_array_new (FALSE, FALSE, sizeof (gint));
  f->text_ids = g_hash_table_new (g_direct_hash, g_direct_equal);
  f->group_ids = g_hash_table_new (g_str_hash, g_str_equal);
  f->group_names = g_ptr_array_new_with_free_func (g_free);
  cache_init (&f->normals, g_free);
  cache_init (&f->shingles, (GDestroyNotify) g_array_unref);
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
  g_array_unref (f->seg_text);
  g_hash_table_unref (f->text_ids);
  g_hash_table_unref (f->group_ids);
  g_ptr_array_unref (f->group_names);
  g_hash_table_unref (f->normals.map);
  g_hash_table_unref (f->shingles.map);
  g_free (f->parent);
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
  Text x = { group, i, 1, GPOINTER_TO_UINT (chain) };
  g_array_append_val (f->texts, x);
  g_hash_table_insert (f->text_ids, key, GUINT_TO_POINTER (t + 1));
  gint ti = (gint) t;
  g_array_append_val (f->seg_text, ti);

  g_autoptr (GArray) sh = shingles_of (normal, f->o.shingle);
  guint64 sig[VB_MINHASH_N];
  vb_minhash (sh, sig);
  for (guint b = 0; b < f->n_bands; b++)
    {
      guint64 bucket = vb_minhash_bucket (sig, b, f->rows, group);
      g_array_append_val (f->bands, bucket);
    }
  gsize len = strlen (normal) + 1;
  cache_put (&f->normals, t, g_steal_pointer (&normal), len);
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

/* TRUE when a and b shared a bucket in a band before band b: they were
 * decided then.  Every similar pair of a bucket ends up linked (a text is
 * compared with each set of the bucket it is not yet linked to until one
 * member is similar), so whether they were compared or not, a similar
 * pair is linked already and a dissimilar one needs no second look.  This
 * takes the place of a set of the pairs found dissimilar, which grows with
 * the square of a bucket. */
static gboolean
decided_before (const VbCampaignFinder *f, guint a, guint b, guint band)
{
  const guint64 *ka = &g_array_index (f->bands, guint64, (gsize) a * f->n_bands);
  const guint64 *kb = &g_array_index (f->bands, guint64, (gsize) b * f->n_bands);
  for (guint j = 0; j < band; j++)
    if (ka[j] == kb[j])
      return TRUE;
  return FALSE;
}

static gboolean
similar (VbCampaignFinder *f, guint a, guint b, guint band)
{
  const Text *x = &g_array_index (f->texts, Text, a), *y = &g_array_index (f->texts, Text, b);
  if (x->group != y->group || f->error || decided_before (f, a, b, band))
    return FALSE;
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

typedef struct {
  guint64 bucket;
  guint   text;
} Slot;

static gint
slot_compare (gconstpointer a, gconstpointer b)
{
  const Slot *x = a, *y = b;
  if (x->bucket != y->bucket)
    return x->bucket < y->bucket ? -1 : 1;
  return x->text < y->text ? -1 : x->text > y->text;
}

/* A text joins a set of linked texts of the bucket as soon as one of them
 * is similar, and is never compared with texts it is already linked to:
 * a bucket full of variants of one template costs about one comparison a
 * text, not one a pair. */
static void
link_bucket (VbCampaignFinder *f, const Slot *slots, guint n, guint band)
{
  g_autoptr (GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint s = 0; s < n; s++)
    {
      guint t = slots[s].text;
      GArray *mine = NULL;
      for (guint i = 0; i < sets->len;)
        {
          GArray *set = sets->pdata[i];
          guint first = g_array_index (set, guint, 0);
          gboolean linked = uf_find (f->parent, first) == uf_find (f->parent, t);
          for (guint m = 0; !linked && m < set->len; m++)
            if (similar (f, g_array_index (set, guint, m), t, band))
              {
                uf_union (f->parent, first, t);
                linked = TRUE;
              }
          if (!linked)
            i++;
          else if (mine == NULL)
            mine = set, i++;
          else
            {
              /* t bridges two sets: they are one from now on. */
              g_array_append_vals (mine, set->data, set->len);
              g_ptr_array_remove_index (sets, i);
            }
        }
      if (mine == NULL)
        {
          mine = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (sets, mine);
        }
      g_array_append_val (mine, t);
    }
}

static void
link_similar (VbCampaignFinder *f)
{
  guint n = f->texts->len;
  g_autofree Slot *slots = g_new (Slot, n + 1);
  for (guint b = 0; b < f->n_bands && f->error == NULL; b++)
    {
      for (guint t = 0; t < n; t++)
        {
          slots[t].bucket = g_array_index (f->bands, guint64, (gsize) t * f->n_bands + b);
          slots[t].text = t;
        }
      qsort (slots, n, sizeof (Slot), slot_compare);
      for (guint lo = 0, hi; lo < n; lo = hi)
        {
          for (hi = lo + 1; hi < n && slots[hi].bucket == slots[lo].bucket; hi++)
            ;
          if (hi - lo > 1)
            link_bucket (f, slots + lo, hi - lo, b);
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
  g_hash_table_remove_all (f->text_ids);
  g_hash_table_remove_all (f->normals.map);
  f->normals.bytes = 0;
  f->parent = g_new (guint, n_texts + 1);
  for (guint t = 0; t < n_texts; t++)
    f->parent[t] = t;
  link_similar (f);
  g_array_set_size (f->bands, 0);
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
