#include "analysis/vb-sample.h"
#include "base/vb-error.h"
#include "stream/vb-stream.h"

#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define NONE_VALUE "(none)"

static guint64
fnv1a (guint64 h, const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= FNV_PRIME;
    }
  return h;
}

guint64
vb_sample_hash (guint64 seed, const char *document, guint segment)
{
  char num[32];
  guint64 h = FNV_OFFSET;
  int n = g_snprintf (num, sizeof num, "%" G_GUINT64_FORMAT "\x1f", seed);
  h = fnv1a (h, num, (gsize) n);
  h = fnv1a (h, document, strlen (document));
  n = g_snprintf (num, sizeof num, "\x1f%u", segment);
  h = fnv1a (h, num, (gsize) n);
  /* FNV alone leaves ids that differ in their last digit close together;
   * the finaliser makes every bit of the input move every bit of the key. */
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

typedef struct {
  double     rank; /* first: smaller is taken first (0 for a random sample) */
  guint64    key;
  guint64    seq;  /* order offered */
  VbSegment *seg;
} Item;

typedef struct {
  char      *value;
  guint64    size;
  GArray    *items;  /* Item: the smallest keys so far, at most 2n */
} Stratum;

struct _VbSampler {
  guint       n;
  guint64     seed;
  char       *stratify;
  GHashTable *strata;   /* value -> Stratum* */
  GHashTable *exclude;  /* "document\x1fsegment" -> text */
  guint64     seen, excluded;
  GArray     *result_strata;  /* VbStratum */
};

static void
stratum_free (gpointer p)
{
  Stratum *st = p;
  for (guint i = 0; i < st->items->len; i++)
    vb_segment_free (g_array_index (st->items, Item, i).seg);
  g_array_unref (st->items);
  g_free (st->value);
  g_free (st);
}

static void
vb_stratum_clear (gpointer p)
{
  g_free (((VbStratum *) p)->value);
}

VbSampler *
vb_sampler_new (guint n, guint64 seed, const char *stratify)
{
  VbSampler *s = g_new0 (VbSampler, 1);
  s->n = n;
  s->seed = seed;
  s->stratify = g_strdup (stratify);
  s->strata = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stratum_free);
  s->exclude = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->result_strata = g_array_new (FALSE, TRUE, sizeof (VbStratum));
  g_array_set_clear_func (s->result_strata, vb_stratum_clear);
  return s;
}

void
vb_sampler_free (VbSampler *s)
{
  if (s == NULL)
    return;
  g_hash_table_unref (s->strata);
  g_hash_table_unref (s->exclude);
  g_array_unref (s->result_strata);
  g_free (s->stratify);
  g_free (s);
}

static char *
id_key (const char *document, guint segment)
{
  return g_strdup_printf ("%s\x1f%u", document, segment);
}

gboolean
vb_sampler_exclude_stream (VbSampler *s, const char *path, GError **error)
{
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, error);
  if (r == NULL)
    return FALSE;
  gboolean human = FALSE;
  VbSegment *seg;
  GError *local = NULL;
  while (vb_stream_reader_next (r, &seg, &local))
    {
      for (guint i = 0; seg->codings && i < seg->codings->len; i++)
        human = human || g_str_has_prefix (g_array_index (seg->codings, VbCoding, i).source,
                                           "coder:");
      g_hash_table_replace (s->exclude, id_key (seg->document, seg->index),
                            g_steal_pointer (&seg->text));
      vb_segment_free (seg);
    }
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!human)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: --exclude: no coding by people in this stream (source coder:NAME): "
                   "give a coded sample read back with 'verba import -f csv --codes-col'",
                   vb_stream_reader_path (r));
      return FALSE;
    }
  return TRUE;
}

static gint
item_cmp (gconstpointer a, gconstpointer b)
{
  const Item *x = a, *y = b;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  int c = strcmp (x->seg->document, y->seg->document);
  if (c)
    return c;
  return x->seg->index < y->seg->index ? -1 : x->seg->index > y->seg->index;
}

static void
trim (GArray *items, guint keep)
{
  g_array_sort (items, item_cmp);
  for (guint i = keep; i < items->len; i++)
    vb_segment_free (g_array_index (items, Item, i).seg);
  if (items->len > keep)
    g_array_set_size (items, keep);
}

gboolean
vb_sampler_add (VbSampler *s, VbSegment *seg, const char *path, GError **error)
{
  return vb_sampler_add_ranked (s, seg, 0, path, error);
}

gboolean
vb_sampler_add_ranked (VbSampler *s, VbSegment *seg, double rank, const char *path,
                       GError **error)
{
  guint64 seq = s->seen++;
  if (g_hash_table_size (s->exclude) > 0)
    {
      g_autofree char *k = id_key (seg->document, seg->index);
      const char *text = g_hash_table_lookup (s->exclude, k);
      if (text && strcmp (text, seg->text) != 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: segment %s:%u has another text than the segment of that id in "
                       "the --exclude stream: do both come from the same import?", path,
                       seg->line, seg->document, seg->index);
          vb_segment_free (seg);
          return FALSE;
        }
      if (text)
        {
          s->excluded++;
          vb_segment_free (seg);
          return TRUE;
        }
    }
  const char *v = s->stratify ? vb_segment_value (seg, s->stratify) : "";
  if (v == NULL || (s->stratify && *v == '\0'))
    v = NONE_VALUE;
  Stratum *st = g_hash_table_lookup (s->strata, v);
  if (st == NULL)
    {
      st = g_new0 (Stratum, 1);
      st->value = g_strdup (v);
      st->items = g_array_new (FALSE, FALSE, sizeof (Item));
      g_hash_table_insert (s->strata, st->value, st);
    }
  st->size++;
  if (s->n == 0)
    {
      vb_segment_free (seg);
      return TRUE;
    }
  Item it = { rank, vb_sample_hash (s->seed, seg->document, seg->index), seq, seg };
  g_array_append_val (st->items, it);
  /* No stratum ever gets more than n places. */
  if (st->items->len >= 2 * (gsize) s->n)
    trim (st->items, s->n);
  return TRUE;
}

guint64
vb_sampler_n_seen (const VbSampler *s)
{
  return s->seen;
}

guint64
vb_sampler_n_excluded (const VbSampler *s)
{
  return s->excluded;
}

guint64
vb_sampler_n_exclude_keys (const VbSampler *s)
{
  return g_hash_table_size (s->exclude);
}

static gint
stratum_value_cmp (gconstpointer a, gconstpointer b)
{
  const Stratum *x = *(Stratum *const *) a, *y = *(Stratum *const *) b;
  return vb_value_compare (x->value, y->value);
}

typedef struct {
  guint   index;      /* into the sorted strata */
  guint64 remainder;  /* n * size mod total */
  guint64 size;
} Share;

static gint
share_cmp (gconstpointer a, gconstpointer b)
{
  const Share *x = a, *y = b;
  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gint
item_seq_cmp (gconstpointer a, gconstpointer b)
{
  const Item *x = a, *y = b;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

GPtrArray *
vb_sampler_finish (VbSampler *s)
{
  g_autoptr (GPtrArray) strata = g_ptr_array_new ();
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, s->strata);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_ptr_array_add (strata, v);
  g_ptr_array_sort (strata, stratum_value_cmp);
  guint64 total = 0;
  for (guint i = 0; i < strata->len; i++)
    total += ((Stratum *) strata->pdata[i])->size;

  /* Largest remainder in whole numbers: quota_h = n * size_h / total,
   * floored, then one more for the largest remainders until n are given
   * out.  With n >= total every segment is taken. */
  g_autoptr (GArray) shares = g_array_new (FALSE, FALSE, sizeof (Share));
  guint64 given = 0;
  guint64 n = MIN ((guint64) s->n, total);
  g_array_set_size (s->result_strata, 0);
  for (guint i = 0; i < strata->len; i++)
    {
      Stratum *st = strata->pdata[i];
      guint64 q = total ? n * st->size / total : 0;
      Share sh = { i, total ? n * st->size % total : 0, st->size };
      g_array_append_val (shares, sh);
      VbStratum rs = { g_strdup (st->value), st->size, (guint) q };
      g_array_append_val (s->result_strata, rs);
      given += q;
    }
  g_array_sort (shares, share_cmp);
  for (guint i = 0; given < n && i < shares->len; i++, given++)
    g_array_index (s->result_strata, VbStratum, g_array_index (shares, Share, i).index).quota++;

  g_autoptr (GArray) picked = g_array_new (FALSE, FALSE, sizeof (Item));
  for (guint i = 0; i < strata->len; i++)
    {
      Stratum *st = strata->pdata[i];
      guint q = g_array_index (s->result_strata, VbStratum, i).quota;
      trim (st->items, q);
      g_array_append_vals (picked, st->items->data, st->items->len);
      g_array_set_size (st->items, 0);
    }
  g_array_sort (picked, item_seq_cmp);
  GPtrArray *out = g_ptr_array_new_full (picked->len, (GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < picked->len; i++)
    g_ptr_array_add (out, g_array_index (picked, Item, i).seg);
  return out;
}

const GArray *
vb_sampler_strata (const VbSampler *s)
{
  return s->result_strata;
}
