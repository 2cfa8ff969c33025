#include "analysis/vb-agree.h"
#include "base/vb-error.h"
#include "stream/vb-stream.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* Judgements are bit masks over coders, one bit a coder. */
#define MAX_CODERS 32

const char *const vb_agree_stat_names[VB_N_STATS] = {
  "percent_agreement", "kappa", "scott_pi", "brennan_prediger", "alpha"
};

/* A segment as the statistics need it, kept small because there is one for
 * every segment of every stream (issue #19).  Its text is not kept: a hash
 * of it is enough to tell that two streams disagree about it, and the words
 * are kept aside only when the disagreements are to be listed.  The stream
 * it was first read from is the lowest bit of present. */
typedef struct {
  guint32 document; /* index into docs */
  guint32 index;
  guint32 line;     /* where it was first read */
  guint32 present;  /* coders whose stream holds it */
  guint64 hash;     /* of its text */
} Seg;

typedef struct {
  char   *name;
  char   *path;     /* as the reader names it, for messages */
  char   *source;  /* the one coder:NAME source seen, if only one */
  gboolean mixed;
  guint64  codings; /* counted */
} Coder;

/* One coding counted: the segment, and code << 5 | coder.  A segment's
 * marks are scattered over the streams, which is fine: they are only ever
 * or-ed into the units' bit masks. */
typedef struct {
  guint32 seg;
  guint32 mark;
} Mark;

struct _VbAgree {
  gboolean    include_moderator;
  gboolean    keep_texts;
  VbCodebook *codebook;    /* order and labels: -c, else the streams' lists */
  gboolean    codebook_given;
  GArray     *segs;        /* Seg, in order of first appearance */
  guint32    *slots;       /* open addressing over segs: index + 1, 0 empty */
  guint       n_slots;     /* a power of two, at least twice segs->len */
  GArray     *marks;       /* Mark */
  GPtrArray  *docs;        /* char*, in order of first appearance */
  GHashTable *doc_index;   /* document -> index + 1 */
  GStringChunk *text_chunk; /* keep_texts: the texts, */
  GPtrArray  *texts;       /* one a segment */
  GPtrArray  *codes;       /* char*, in order of first use */
  GHashTable *code_index;  /* id -> index + 1 */
  GArray     *coders;      /* Coder */
  GPtrArray  *only;        /* char*, the codes --code keeps, or NULL */
};

static void
coder_clear (gpointer p)
{
  Coder *c = p;
  g_free (c->name);
  g_free (c->path);
  g_free (c->source);
}

VbAgree *
vb_agree_new (gboolean include_moderator)
{
  VbAgree *ag = g_new0 (VbAgree, 1);
  ag->include_moderator = include_moderator;
  ag->codebook = vb_codebook_new ("", "");
  ag->segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  ag->n_slots = 1024;
  ag->slots = g_new0 (guint32, ag->n_slots);
  ag->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  ag->docs = g_ptr_array_new_with_free_func (g_free);
  ag->doc_index = g_hash_table_new (g_str_hash, g_str_equal);
  ag->codes = g_ptr_array_new_with_free_func (g_free);
  ag->code_index = g_hash_table_new (g_str_hash, g_str_equal);
  ag->coders = g_array_new (FALSE, TRUE, sizeof (Coder));
  g_array_set_clear_func (ag->coders, coder_clear);
  return ag;
}

void
vb_agree_free (VbAgree *ag)
{
  if (ag == NULL)
    return;
  vb_codebook_free (ag->codebook);
  g_array_unref (ag->segs);
  g_free (ag->slots);
  g_array_unref (ag->marks);
  g_hash_table_unref (ag->doc_index);
  g_ptr_array_unref (ag->docs);
  if (ag->text_chunk)
    g_string_chunk_free (ag->text_chunk);
  g_clear_pointer (&ag->texts, g_ptr_array_unref);
  g_hash_table_unref (ag->code_index);
  g_ptr_array_unref (ag->codes);
  g_array_unref (ag->coders);
  g_clear_pointer (&ag->only, g_ptr_array_unref);
  g_free (ag);
}

void
vb_agree_set_codebook (VbAgree *ag, const VbCodebook *cb)
{
  vb_codebook_free (ag->codebook);
  ag->codebook = vb_codebook_new ("", "");
  vb_codebook_merge (ag->codebook, cb, NULL);
  ag->codebook_given = TRUE;
}

void
vb_agree_keep_texts (VbAgree *ag)
{
  if (ag->keep_texts)
    return;
  g_return_if_fail (ag->segs->len == 0);
  ag->keep_texts = TRUE;
  ag->text_chunk = g_string_chunk_new (1 << 16);
  ag->texts = g_ptr_array_new ();
}

/* The number of s among names (a document or code id kept once). */
static guint
intern (GHashTable *index, GPtrArray *names, const char *s)
{
  gpointer v = g_hash_table_lookup (index, s);
  if (v)
    return GPOINTER_TO_UINT (v) - 1;
  char *copy = g_strdup (s);
  g_ptr_array_add (names, copy);
  g_hash_table_insert (index, copy, GUINT_TO_POINTER (names->len));
  return names->len - 1;
}

static guint
code_intern (VbAgree *ag, const char *id)
{
  return intern (ag->code_index, ag->codes, id);
}

static guint32
doc_intern (VbAgree *ag, const char *document)
{
  return intern (ag->doc_index, ag->docs, document);
}

/* FNV-1a: two different texts under one key go unnoticed only if their
 * 64-bit hashes collide. */
static guint64
text_hash (const char *t)
{
  guint64 h = 14695981039346656037ull;
  for (; *t; t++)
    h = (h ^ (guchar) *t) * 1099511628211ull;
  return h;
}

static guint
slot_of (guint32 document, guint32 index, guint mask)
{
  guint64 h = ((guint64) document << 32 | index) * 0x9E3779B97F4A7C15ull;
  return (guint) (h >> 32) & mask;
}

static void
slots_grow (VbAgree *ag)
{
  g_free (ag->slots);
  ag->n_slots *= 2;
  ag->slots = g_new0 (guint32, ag->n_slots);
  guint mask = ag->n_slots - 1;
  for (guint i = 0; i < ag->segs->len; i++)
    {
      const Seg *s = &g_array_index (ag->segs, Seg, i);
      guint k = slot_of (s->document, s->index, mask);
      while (ag->slots[k])
        k = (k + 1) & mask;
      ag->slots[k] = i + 1;
    }
}

/* The segment's number, adding it (present 0) when new. */
static guint32
seg_find (VbAgree *ag, const VbSegment *seg, gboolean *added)
{
  guint32 document = doc_intern (ag, seg->document);
  guint mask = ag->n_slots - 1;
  guint k = slot_of (document, seg->index, mask);
  for (; ag->slots[k]; k = (k + 1) & mask)
    {
      const Seg *s = &g_array_index (ag->segs, Seg, ag->slots[k] - 1);
      if (s->document == document && s->index == seg->index)
        {
          *added = FALSE;
          return ag->slots[k] - 1;
        }
    }
  Seg s = { document, seg->index, seg->line, 0, text_hash (seg->text) };
  g_array_append_val (ag->segs, s);
  ag->slots[k] = ag->segs->len;
  if (ag->keep_texts)
    g_ptr_array_add (ag->texts, g_string_chunk_insert (ag->text_chunk, seg->text));
  if (ag->segs->len * 2 > ag->n_slots)
    slots_grow (ag);
  *added = TRUE;
  return ag->segs->len - 1;
}

static gboolean
counted (VbAgreeCodings which, const char *source)
{
  gboolean rule = source && g_str_has_prefix (source, "rule:");
  return which == VB_AGREE_CODINGS_ALL || (which == VB_AGREE_CODINGS_RULES) == rule;
}

static char *
file_stem (const char *path)
{
  if (strcmp (path, "-") == 0)
    return g_strdup ("stdin");
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  return dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
}

gboolean
vb_agree_add_stream (VbAgree *ag, const char *path, VbAgreeCodings which, GError **error)
{
  guint j = ag->coders->len;
  if (j == MAX_CODERS)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "at most %d coders' streams", MAX_CODERS);
      return FALSE;
    }
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, error);
  if (r == NULL)
    return FALSE;
  const char *name = vb_stream_reader_path (r);
  if (!vb_stream_reader_is_coded (r))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: not a coded stream (no codes or codings column)", name);
      return FALSE;
    }
  if (!ag->codebook_given && vb_stream_reader_codebook (r))
    vb_codebook_merge (ag->codebook, vb_stream_reader_codebook (r), NULL);
  Coder coder = { 0 };
  VbSegment *raw;
  GError *local = NULL;
  while (vb_stream_reader_next (r, &raw, &local))
    {
      g_autoptr (VbSegment) seg = raw;
      if (!ag->include_moderator && !vb_role_is_counted (seg->role))
        continue;
      gboolean added;
      guint32 i = seg_find (ag, seg, &added);
      Seg *s = &g_array_index (ag->segs, Seg, i);
      if (added)
        ;
      else if (s->present & (1u << j))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: segment %s:%u appears twice in this stream", name, seg->line,
                       seg->document, seg->index);
          coder_clear (&coder);
          return FALSE;
        }
      else if (s->hash != text_hash (seg->text))
        {
          /* The same key over different words means the streams come from
           * different imports: comparing them would be meaningless. */
          const Coder *first = &g_array_index (ag->coders, Coder, __builtin_ctz (s->present));
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u and %s:%u: segment %s:%u has different texts in the two streams",
                       first->path, s->line, name, seg->line, seg->document, seg->index);
          coder_clear (&coder);
          return FALSE;
        }
      s->present |= 1u << j;
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
          if (!counted (which, c->source))
            continue;
          Mark mark = { i, code_intern (ag, c->code) << 5 | j };
          g_array_append_val (ag->marks, mark);
          coder.codings++;
          if (coder.mixed)
            continue;
          if (c->source == NULL || !g_str_has_prefix (c->source, "coder:"))
            coder.mixed = TRUE;
          else if (coder.source == NULL)
            coder.source = g_strdup (c->source);
          else
            coder.mixed = strcmp (coder.source, c->source) != 0;
        }
    }
  if (local)
    {
      g_propagate_error (error, local);
      coder_clear (&coder);
      return FALSE;
    }
  g_autofree char *stem = file_stem (path);
  const char *want = !coder.mixed && coder.source && coder.source[6] ? coder.source + 6 : stem;
  gboolean taken = FALSE;
  for (guint i = 0; i < j; i++)
    taken = taken || strcmp (g_array_index (ag->coders, Coder, i).name, want) == 0;
  coder.name = taken ? g_strdup_printf ("%s#%u", want, j + 1) : g_strdup (want);
  coder.path = g_strdup (name);
  g_array_append_val (ag->coders, coder);
  return TRUE;
}

gboolean
vb_agree_restrict (VbAgree *ag, const char *const *codes, GError **error)
{
  g_clear_pointer (&ag->only, g_ptr_array_unref);
  if (codes == NULL)
    return TRUE;
  ag->only = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; codes[i]; i++)
    {
      if (vb_codebook_lookup (ag->codebook, codes[i]) == NULL
          && !g_hash_table_contains (ag->code_index, codes[i]))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                       "unknown code '%s': neither the codebook nor any stream has it", codes[i]);
          return FALSE;
        }
      g_ptr_array_add (ag->only, g_strdup (codes[i]));
    }
  return TRUE;
}

guint
vb_agree_n_coders (const VbAgree *ag)
{
  return ag->coders->len;
}

guint64
vb_agree_n_codings (const VbAgree *ag, guint coder)
{
  return g_array_index (ag->coders, Coder, coder).codings;
}

const char *
vb_agree_coder_name (const VbAgree *ag, guint coder)
{
  return g_array_index (ag->coders, Coder, coder).name;
}

/* ---- the units and codes compared ---- */

typedef struct {
  guint    n;        /* units */
  guint    n_codes;  /* rows */
  guint   *codes;    /* row -> code index */
  guint32 *pres;     /* unit -> coders holding it */
  /* row * n + unit -> coders applying the code: one byte a judgement for
   * up to 8 coders (the usual case), else four. */
  guint8  *val8;
  guint32 *val32;
  guint32 *rep;      /* unit -> its (first) segment */
} View;

static inline guint32
view_val (const View *v, guint r, guint u)
{
  gsize at = (gsize) r * v->n + u;
  return v->val8 ? v->val8[at] : v->val32[at];
}

static void
view_clear (View *v)
{
  g_free (v->codes);
  g_free (v->pres);
  g_free (v->val8);
  g_free (v->val32);
  g_free (v->rep);
}

/* Codebook order first, then the order codes were first used in. */
static void
view_rows (VbAgree *ag, View *v)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  if (ag->only)
    for (guint i = 0; i < ag->only->len; i++)
      {
        guint c = code_intern (ag, ag->only->pdata[i]);
        g_array_append_val (rows, c);
      }
  else
    {
      g_autofree gboolean *used = g_new0 (gboolean, ag->codes->len + 1);
      for (guint k = 0; k < ag->marks->len; k++)
        used[g_array_index (ag->marks, Mark, k).mark >> 5] = TRUE;
      g_autofree gboolean *done = g_new0 (gboolean, ag->codes->len + 1);
      for (guint i = 0; i < vb_codebook_n_codes (ag->codebook); i++)
        {
          gpointer p = g_hash_table_lookup (ag->code_index, vb_codebook_code (ag->codebook, i)->id);
          guint c = GPOINTER_TO_UINT (p) - 1;
          if (p && used[c])
            g_array_append_val (rows, c), done[c] = TRUE;
        }
      for (guint c = 0; c < ag->codes->len; c++)
        if (used[c] && !done[c])
          g_array_append_val (rows, c);
    }
  v->n_codes = rows->len;
  v->codes = (guint *) g_array_free (g_steal_pointer (&rows), FALSE);
}

static void
view_build (VbAgree *ag, VbAgreeUnit unit, View *v)
{
  memset (v, 0, sizeof *v);
  view_rows (ag, v);
  g_autofree int *row_of = g_new (int, ag->codes->len + 1);
  for (guint c = 0; c <= ag->codes->len; c++)
    row_of[c] = -1;
  for (guint r = 0; r < v->n_codes; r++)
    row_of[v->codes[r]] = (int) r;
  /* A segment is its own unit, or its document's; documents were numbered
   * in order of first appearance as the segments were read. */
  gboolean by_doc = unit == VB_AGREE_DOCUMENT;
  v->n = by_doc ? ag->docs->len : ag->segs->len;
  v->rep = g_new (guint32, v->n + 1);
  v->pres = g_new0 (guint32, v->n + 1);
  if (ag->coders->len <= 8)
    v->val8 = g_new0 (guint8, (gsize) v->n * v->n_codes + 1);
  else
    v->val32 = g_new0 (guint32, (gsize) v->n * v->n_codes + 1);
  for (guint i = ag->segs->len; i-- > 0;)
    {
      const Seg *s = &g_array_index (ag->segs, Seg, i);
      guint u = by_doc ? s->document : i;
      v->rep[u] = i;
      v->pres[u] |= s->present;
    }
  for (guint k = 0; k < ag->marks->len; k++)
    {
      const Mark *mk = &g_array_index (ag->marks, Mark, k);
      int r = row_of[mk->mark >> 5];
      if (r >= 0)
        {
          guint32 seg = mk->seg;
          guint u = by_doc ? g_array_index (ag->segs, Seg, seg).document : seg;
          gsize at = (gsize) r * v->n + u;
          if (v->val8)
            v->val8[at] |= (guint8) (1u << (mk->mark & 31));
          else
            v->val32[at] |= 1u << (mk->mark & 31);
        }
    }
}

/* ---- sufficient statistics: sums over units, so that the pooled row is
 * the sum of the codes' rows and a bootstrap replicate the same sums with
 * each unit weighted by how often it was drawn. ---- */

enum { S_ITEMS, S_AGREE, S_SUM_P, S_V0, S_V1, S_DO, S_MISSING, S_PAIRS };

typedef struct {
  guint m;      /* coders */
  guint size;   /* doubles in one set of sums */
} Shape;

static void
suff_add (const Shape *sh, double *s, guint32 pres, guint32 val, double w)
{
  guint m = (guint) __builtin_popcount (pres);
  if (m < 2)
    {
      s[S_MISSING] += w;
      return;
    }
  val &= pres;
  guint n1 = (guint) __builtin_popcount (val), n0 = m - n1;
  s[S_ITEMS] += w;
  s[S_AGREE] += (n1 == 0 || n0 == 0) ? w : 0;
  /* Share of the unit's coder pairs that agree (Fleiss' P_i). */
  s[S_SUM_P] += w * (double) (n1 * (n1 - 1) + n0 * (n0 - 1)) / (double) (m * (m - 1));
  s[S_V0] += w * n0;
  s[S_V1] += w * n1;
  /* Off-diagonal of the coincidence matrix: o_01 + o_10. */
  s[S_DO] += w * 2.0 * n0 * n1 / (double) (m - 1);
  double *pair = s + S_PAIRS;
  for (guint a = 0; a < sh->m; a++)
    for (guint b = a + 1; b < sh->m; b++, pair += 4)
      if ((pres >> a & 1) && (pres >> b & 1))
        pair[(val >> a & 1) << 1 | (val >> b & 1)] += w;
}

static double
cohen (const double *t)
{
  double n = t[0] + t[1] + t[2] + t[3];
  /* Expected agreement is 1 when both coders used one and the same
   * category for every unit: kappa is 0/0. */
  if (n == 0 || t[0] == n || t[3] == n)
    return NAN;
  double po = (t[0] + t[3]) / n;
  double a1 = (t[2] + t[3]) / n, b1 = (t[1] + t[3]) / n;
  double pe = a1 * b1 + (1 - a1) * (1 - b1);
  return (po - pe) / (1 - pe);
}

static void
suff_stats (const Shape *sh, const double *s, double *out)
{
  for (guint k = 0; k < VB_N_STATS; k++)
    out[k] = NAN;
  if (s[S_ITEMS] == 0)
    return;
  double po = s[S_SUM_P] / s[S_ITEMS];
  out[VB_STAT_PERCENT] = 100 * po;
  out[VB_STAT_BP] = (po - 0.5) / 0.5;
  double v0 = s[S_V0], v1 = s[S_V1], n = v0 + v1;
  if (v0 > 0 && v1 > 0)
    {
      double p0 = v0 / n, p1 = v1 / n;
      double pe = p0 * p0 + p1 * p1;
      out[VB_STAT_SCOTT] = (po - pe) / (1 - pe);
      double de = 2 * v0 * v1 / (n - 1);
      out[VB_STAT_ALPHA] = 1 - s[S_DO] / de;
    }
  /* Light's kappa: the mean of the pairs' Cohen's kappas, undefined if
   * any pair's is. */
  double sum = 0;
  guint pairs = sh->m * (sh->m - 1) / 2;
  for (guint p = 0; p < pairs; p++)
    sum += cohen (s + S_PAIRS + 4 * p);
  out[VB_STAT_KAPPA] = sum / pairs;
}

static char *
code_label (VbAgree *ag, const char *id)
{
  const VbCode *c = vb_codebook_lookup (ag->codebook, id);
  return g_strdup (c && c->label && *c->label ? c->label : id);
}

static void
agree_row_clear (gpointer p)
{
  VbAgreeRow *r = p;
  g_free (r->code);
  g_free (r->label);
}

static void
quantiles (double *x, gsize n, double level, double *low, double *high)
{
  /* Replicates where the statistic is undefined are left out. */
  gsize k = 0;
  for (gsize i = 0; i < n; i++)
    if (!isnan (x[i]))
      x[k++] = x[i];
  if (k == 0)
    {
      *low = *high = NAN;
      return;
    }
  gsl_sort (x, 1, k);
  *low = gsl_stats_quantile_from_sorted_data (x, 1, k, (1 - level) / 2);
  *high = gsl_stats_quantile_from_sorted_data (x, 1, k, 1 - (1 - level) / 2);
}
/* A block of bootstrap replicates whose weights are drawn (w: count x np,
 * replicate first + b at row b), computed by every thread that takes the
 * next replicate until none is left; each writes only its own slots of
 * reps. */
typedef struct {
  const Shape *sh;
  const View  *v;
  GArray      *pairable;
  guint        np, rows, B;
  double      *reps;
  const guint32 *w;
  guint        first, count;
  gint         next;
} Boot;

static void
boot_one (const Boot *bt, guint b, double *rs)
{
  const Shape *sh = bt->sh;
  const View *v = bt->v;
  const guint32 *w = bt->w + (gsize) b * bt->np;
  memset (rs, 0, sizeof (double) * bt->rows * sh->size);
  double *rp = rs + (gsize) v->n_codes * sh->size;
  for (guint r = 0; r < v->n_codes; r++)
    {
      double *s = rs + (gsize) r * sh->size;
      for (guint i = 0; i < bt->np; i++)
        if (w[i] > 0)
          {
            guint u = g_array_index (bt->pairable, guint, i);
            suff_add (sh, s, v->pres[u], view_val (v, r, u), w[i]);
          }
      for (guint k = 0; k < sh->size; k++)
        rp[k] += s[k];
    }
  guint rep = bt->first + b;
  for (guint r = 0; r < bt->rows; r++)
    {
      double st[VB_N_STATS];
      suff_stats (sh, rs + (gsize) r * sh->size, st);
      for (guint k = 0; k < VB_N_STATS; k++)
        bt->reps[((gsize) r * VB_N_STATS + k) * bt->B + rep] = st[k];
    }
}

static gpointer
boot_worker (gpointer data)
{
  Boot *bt = data;
  g_autofree double *rs = g_new (double, (gsize) bt->rows * bt->sh->size);
  for (;;)
    {
      guint b = (guint) g_atomic_int_add (&bt->next, 1);
      if (b >= bt->count)
        break;
      boot_one (bt, b, rs);
    }
  return NULL;
}

static void
boot_run (Boot *bt, guint threads)
{
  GThread *t[64];
  guint n = 0;
  for (; n + 1 < threads && n < G_N_ELEMENTS (t); n++)
    {
      t[n] = g_thread_try_new ("verba-boot", boot_worker, bt, NULL);
      if (t[n] == NULL)
        break; /* fewer threads than asked: the rest is done here */
    }
  boot_worker (bt);
  for (guint i = 0; i < n; i++)
    g_thread_join (t[i]);
}


GArray *
vb_agree_compute (VbAgree *ag, VbAgreeUnit unit, const VbBootstrap *bs)
{
  View v;
  view_build (ag, unit, &v);
  Shape sh = { ag->coders->len, S_PAIRS + 4 * (ag->coders->len * (ag->coders->len - 1) / 2) };
  guint rows = v.n_codes + 1; /* the last row pools every code */
  g_autofree double *sums = g_new0 (double, (gsize) rows * sh.size);
  double *pooled = sums + (gsize) v.n_codes * sh.size;
  for (guint r = 0; r < v.n_codes; r++)
    {
      double *s = sums + (gsize) r * sh.size;
      for (guint u = 0; u < v.n; u++)
        suff_add (&sh, s, v.pres[u], view_val (&v, r, u), 1);
      for (guint k = 0; k < sh.size; k++)
        pooled[k] += s[k];
    }

  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (VbAgreeRow), rows);
  g_array_set_clear_func (out, agree_row_clear);
  for (guint r = 0; r < rows; r++)
    {
      VbAgreeRow row = { 0 };
      const double *s = sums + (gsize) r * sh.size;
      const char *id = r < v.n_codes ? ag->codes->pdata[v.codes[r]] : NULL;
      row.code = g_strdup (id ? id : "all");
      row.label = id ? code_label (ag, id) : g_strdup ("All codes (pooled)");
      row.n = s[S_ITEMS];
      row.agree = s[S_AGREE];
      row.disagree = s[S_ITEMS] - s[S_AGREE];
      row.missing = s[S_MISSING];
      suff_stats (&sh, s, row.stat);
      for (guint k = 0; k < VB_N_STATS; k++)
        row.low[k] = row.high[k] = NAN;
      g_array_append_val (out, row);
    }

  /* Percentile bootstrap: resample, with replacement, the units that at
   * least two coders' streams hold (the others add nothing to any
   * statistic), in order of first appearance; every row uses the same
   * resamples, and the pooled row takes all of a drawn unit's codes. */
  g_autoptr (GArray) pairable = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint u = 0; u < v.n; u++)
    if (__builtin_popcount (v.pres[u]) >= 2)
      g_array_append_val (pairable, u);
  guint np = pairable->len;
  if (bs && bs->replicates > 0 && np > 0)
    {
      guint B = bs->replicates;
      gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
      gsl_rng_set (rng, bs->seed);
      g_autofree double *reps = g_new (double, (gsize) rows * VB_N_STATS * B);
      /* The draws come from one generator, in replicate order, on this
       * thread; only the statistics of a block of replicates are spread
       * over threads, so the intervals are the same on any number, and on
       * any block size.  A block holds a count a unit, so it is kept to a
       * few replicates a thread: at a million units each one is 4 MB. */
      guint threads = MAX (bs->threads, 1u);
      guint block = MIN (B, 4 * MIN (threads, 64u));
      g_autofree guint32 *w = g_new (guint32, (gsize) block * np);
      Boot boot = { &sh, &v, pairable, np, rows, B, reps, w, 0, 0, 0 };
      for (guint b0 = 0; b0 < B; b0 += block)
        {
          guint nb = MIN (block, B - b0);
          memset (w, 0, sizeof (guint32) * nb * np);
          for (guint b = 0; b < nb; b++)
            for (guint i = 0; i < np; i++)
              w[(gsize) b * np + gsl_rng_uniform_int (rng, np)] += 1;
          boot.first = b0;
          boot.count = nb;
          g_atomic_int_set (&boot.next, 0);
          boot_run (&boot, MIN (threads, nb));
        }
      gsl_rng_free (rng);
      for (guint r = 0; r < rows; r++)
        {
          VbAgreeRow *row = &g_array_index (out, VbAgreeRow, r);
          for (guint k = 0; k < VB_N_STATS; k++)
            if (!isnan (row->stat[k]))
              quantiles (reps + ((gsize) r * VB_N_STATS + k) * B, B, bs->level, &row->low[k],
                         &row->high[k]);
        }
    }
  view_clear (&v);
  return out;
}

/* ---- rules against a gold standard ---- */

static void
gold_row_clear (gpointer p)
{
  VbGoldRow *r = p;
  g_free (r->code);
  g_free (r->label);
}

static double
ratio (double a, double b)
{
  return b > 0 ? a / b : NAN;
}

static void
gold_scores (VbGoldRow *row)
{
  row->precision = ratio (row->tp, row->tp + row->fp);
  row->recall = ratio (row->tp, row->tp + row->fn);
  row->f1 = ratio (2.0 * row->tp, 2.0 * row->tp + row->fp + row->fn);
}

GArray *
vb_agree_gold (VbAgree *ag, VbAgreeUnit unit)
{
  View v;
  view_build (ag, unit, &v);
  GArray *out = g_array_new (FALSE, TRUE, sizeof (VbGoldRow));
  g_array_set_clear_func (out, gold_row_clear);
  guint n = 0;
  for (guint u = 0; u < v.n; u++)
    n += (v.pres[u] & 3) == 3;
  VbGoldRow micro = { 0 }, macro = { 0 };
  micro.code = g_strdup ("micro"), micro.label = g_strdup ("All codes (micro-average)");
  macro.code = g_strdup ("macro"), macro.label = g_strdup ("All codes (macro-average)");
  micro.n = macro.n = n;
  double sum[3] = { 0 };
  guint defined[3] = { 0 };
  for (guint r = 0; r < v.n_codes; r++)
    {
      const char *id = ag->codes->pdata[v.codes[r]];
      VbGoldRow row = { 0 };
      row.code = g_strdup (id), row.label = code_label (ag, id), row.n = n;
      for (guint u = 0; u < v.n; u++)
        {
          if ((v.pres[u] & 3) != 3)
            continue;
          guint32 x = view_val (&v, r, u);
          gboolean gold = x & 1, rules = x >> 1 & 1;
          row.tp += gold && rules;
          row.fp += !gold && rules;
          row.fn += gold && !rules;
        }
      gold_scores (&row);
      micro.tp += row.tp, micro.fp += row.fp, micro.fn += row.fn;
      double scores[3] = { row.precision, row.recall, row.f1 };
      for (guint k = 0; k < 3; k++)
        if (!isnan (scores[k]))
          sum[k] += scores[k], defined[k]++;
      g_array_append_val (out, row);
    }
  gold_scores (&micro);
  macro.tp = micro.tp, macro.fp = micro.fp, macro.fn = micro.fn;
  /* The macro-average is the mean of the codes' defined scores. */
  macro.precision = ratio (sum[0], defined[0]);
  macro.recall = ratio (sum[1], defined[1]);
  macro.f1 = ratio (sum[2], defined[2]);
  g_array_append_val (out, micro);
  g_array_append_val (out, macro);
  view_clear (&v);
  return out;
}

void
vb_agree_disagreements (VbAgree *ag, VbAgreeUnit unit, VbDisagreeFunc fn, gpointer data)
{
  View v;
  view_build (ag, unit, &v);
  guint m = ag->coders->len;
  g_autofree int *values = g_new (int, m);
  for (guint u = 0; u < v.n; u++)
    {
      guint32 pres = v.pres[u];
      if (__builtin_popcount (pres) < 2)
        continue;
      for (guint r = 0; r < v.n_codes; r++)
        {
          guint32 x = view_val (&v, r, u) & pres;
          if (x == 0 || x == pres)
            continue;
          for (guint j = 0; j < m; j++)
            values[j] = (pres >> j & 1) ? (int) (x >> j & 1) : -1;
          const Seg *s = &g_array_index (ag->segs, Seg, v.rep[u]);
          gboolean by_seg = unit == VB_AGREE_SEGMENT;
          fn (data, ag->docs->pdata[s->document], by_seg ? s->index : 0,
              ag->codes->pdata[v.codes[r]],
              by_seg && ag->texts ? ag->texts->pdata[v.rep[u]] : NULL, values);
        }
    }
  view_clear (&v);
}
