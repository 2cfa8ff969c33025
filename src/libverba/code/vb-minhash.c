#include "code/vb-minhash.h"

#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define GOLDEN 0x9e3779b97f4a7c15ULL

static inline guint64
mix (guint64 z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

guint64
vb_hash_mix (guint64 z)
{
  return mix (z);
}

/* The signatures were a quarter of the time of `verba campaigns`: their
 * 128 hashes of a shingle are independent, and GCC makes of the loop
 * vector code, 8 or 4 hashes at once, for the processors that have the
 * instructions (chosen when the program starts).  Integer arithmetic
 * only, so every version gives the same signature. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define VB_CLONES __attribute__ ((target_clones ("avx512f", "avx2", "default")))
#else
#define VB_CLONES
#endif

static guint64
fnv1a (guint64 h, const char *s)
{
  for (const guchar *p = (const guchar *) s; *p; p++)
    h = (h ^ *p) * FNV_PRIME;
  /* The separator makes "ab c" and "a bc" different shingles. */
  return (h ^ 0x1f) * FNV_PRIME;
}

static gint
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

GArray *
vb_shingles (char **words, guint n, guint k)
{
  GArray *set = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  if (n == 0)
    return set;
  guint span = MIN (k, n);
  for (guint i = 0; i + span <= n; i++)
    {
      guint64 h = FNV_OFFSET;
      for (guint j = 0; j < span; j++)
        h = fnv1a (h, words[i + j]);
      g_array_append_val (set, h);
    }
  g_array_sort (set, compare_u64);
  guint out = 0;
  for (guint i = 0; i < set->len; i++)
    if (out == 0 || g_array_index (set, guint64, i) != g_array_index (set, guint64, out - 1))
      g_array_index (set, guint64, out++) = g_array_index (set, guint64, i);
  g_array_set_size (set, out);
  return set;
}

static guint
intersection (const GArray *a, const GArray *b)
{
  const guint64 *x = (const guint64 *) (void *) a->data, *y = (const guint64 *) (void *) b->data;
  guint i = 0, j = 0, n = 0;
  while (i < a->len && j < b->len)
    {
      if (x[i] == y[j])
        n++, i++, j++;
      else if (x[i] < y[j])
        i++;
      else
        j++;
    }
  return n;
}

double
vb_shingles_jaccard (const GArray *a, const GArray *b)
{
  guint inter = intersection (a, b);
  guint uni = a->len + b->len - inter;
  return uni ? (double) inter / uni : 0.0;
}

gboolean
vb_shingles_similar (const GArray *a, const GArray *b, double threshold)
{
  /* Sizes alone bound the similarity by min/max: most pairs stop here. */
  guint lo = MIN (a->len, b->len), hi = MAX (a->len, b->len);
  if (hi == 0 || (double) lo < threshold * hi - 1e-9)
    return FALSE;
  guint inter = intersection (a, b);
  guint uni = a->len + b->len - inter;
  return (double) inter >= threshold * uni - 1e-9;
}

VB_CLONES void
vb_minhash (const GArray *shingles, guint64 sig[VB_MINHASH_N])
{
  guint64 seed[VB_MINHASH_N];
  for (guint i = 0; i < VB_MINHASH_N; i++)
    {
      seed[i] = mix ((guint64) (i + 1) * GOLDEN);
      sig[i] = G_MAXUINT64;
    }
  for (guint s = 0; s < shingles->len; s++)
    {
      guint64 x = g_array_index (shingles, guint64, s);
      for (guint i = 0; i < VB_MINHASH_N; i++)
        {
          guint64 h = mix (x ^ seed[i]);
          if (h < sig[i])
            sig[i] = h;
        }
    }
}

guint
vb_minhash_rows (double threshold)
{
  /* A pair of similarity t agrees on one row with probability t, on a band
   * of r rows with t^r, and shares a bucket in some band of 128/r with
   * 1 - (1 - t^r)^(128/r). */
  for (guint r = 16; r > 1; r /= 2)
    {
      double band = 1.0, miss = 1.0;
      for (guint i = 0; i < r; i++)
        band *= threshold;
      for (guint b = 0; b < VB_MINHASH_N / r; b++)
        miss *= 1.0 - band;
      if (1.0 - miss >= 0.999)
        return r;
    }
  return 1;
}

guint64
vb_minhash_bucket (const guint64 *sig, guint b, guint r, guint64 salt)
{
  guint64 h = vb_hash_mix (salt ^ ((guint64) b + 1) * GOLDEN);
  for (guint i = 0; i < r; i++)
    h = vb_hash_mix (h ^ sig[b * r + i]);
  return h;
}
