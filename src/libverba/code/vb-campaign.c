/* vb-campaign.c: finding campaigns.
 *
 * Identical answers are merged first, by their normal form (the
 * normalised words joined by 0x1F) within each value of `within`: a
 * campaign of ten thousand copies then costs one text, not ten thousand
 * near-duplicate comparisons.  Each distinct text gets its shingle set and
 * MinHash signature; texts sharing an LSH bucket in some band are
 * compared exactly and linked in a union-find when similar enough.  The
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

/* One distinct normal form within one value of `within`. */
typedef struct {
  guint    group;
  GArray  *shingles;   /* guint64 */
  guint64 *sig;        /* VB_MINHASH_N */
  guint    n_segs;
} Text;

static void
text_clear (gpointer p)
{
  Text *t = p;
  g_array_unref (t->shingles);
  g_free (t->sig);
}

typedef struct {
  const VbCampaignOptions *o;
  GArray     *texts;     /* Text */
  guint      *parent;    /* union-find over texts */
  GHashTable *rejected;  /* pairs found dissimilar (guint64 keys), not to compare again */
  GArray     *weak;      /* guint64 pairs below the threshold but within VB_CAMPAIGN_JOIN */
} Finder;

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

static gboolean
similar (Finder *f, guint a, guint b)
{
  const Text *x = &g_array_index (f->texts, Text, a), *y = &g_array_index (f->texts, Text, b);
  if (x->group != y->group)
    return FALSE;
  /* A pair that fails shares buckets in many bands; decide it once. */
  guint64 key = (guint64) MIN (a, b) << 32 | MAX (a, b);
  if (g_hash_table_contains (f->rejected, &key))
    return FALSE;
  if (vb_shingles_similar (x->shingles, y->shingles, f->o->threshold))
    return TRUE;
  if (vb_shingles_similar (x->shingles, y->shingles, f->o->threshold - VB_CAMPAIGN_JOIN))
    g_array_append_val (f->weak, key);
  guint64 *stored = g_new (guint64, 1);
  *stored = key;
  g_hash_table_add (f->rejected, stored);
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
link_bucket (Finder *f, const Slot *slots, guint n)
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
            if (similar (f, g_array_index (set, guint, m), t))
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
link_similar (Finder *f)
{
  guint n = f->texts->len;
  /* Rows for the weak links' threshold, so that they too are found. */
  guint rows = vb_minhash_rows (MAX (f->o->threshold - VB_CAMPAIGN_JOIN, 0.05));
  g_autofree Slot *slots = g_new (Slot, n + 1);
  for (guint b = 0; b < VB_MINHASH_N / rows; b++)
    {
      for (guint t = 0; t < n; t++)
        {
          const Text *x = &g_array_index (f->texts, Text, t);
          slots[t].bucket = vb_minhash_bucket (x->sig, b, rows, x->group);
          slots[t].text = t;
        }
      qsort (slots, n, sizeof (Slot), slot_compare);
      for (guint lo = 0, hi; lo < n; lo = hi)
        {
          for (hi = lo + 1; hi < n && slots[hi].bucket == slots[lo].bucket; hi++)
            ;
          if (hi - lo > 1)
            link_bucket (f, slots + lo, hi - lo);
        }
    }
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

static void
campaign_free (gpointer p)
{
  VbCampaign *c = p;
  g_free (c->id);
  g_free (c->within);
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

VbCampaigns *
vb_campaigns_find (GPtrArray *segs, const VbCampaignOptions *o, GError **error)
{
  if (!check_options (o, error))
    return NULL;
  g_autoptr (GArray) texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (texts, text_clear);
  g_autoptr (GHashTable) text_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) group_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) group_names = g_ptr_array_new ();
  g_autofree gint *seg_text = g_new (gint, segs->len + 1);

  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      seg_text[i] = -1;
      if (!vb_role_is_counted (seg->role))
        continue;
      guint n_words;
      g_autofree char *normal = normal_form (seg->text, &n_words);
      if (n_words < o->min_words)
        continue;
      const char *value = o->within ? vb_segment_value (seg, o->within) : NULL;
      if (o->within && value == NULL)
        value = "";
      guint group = 0;
      gpointer found;
      if (value && g_hash_table_lookup_extended (group_ids, value, NULL, &found))
        group = GPOINTER_TO_UINT (found);
      else if (value)
        {
          group = group_names->len;
          g_ptr_array_add (group_names, (gpointer) value);
          g_hash_table_insert (group_ids, (gpointer) value, GUINT_TO_POINTER (group));
        }
      char *key = g_strdup_printf ("%u\x1e%s", group, normal);
      if (g_hash_table_lookup_extended (text_ids, key, NULL, &found))
        {
          g_free (key);
          seg_text[i] = GPOINTER_TO_INT (found);
          g_array_index (texts, Text, seg_text[i]).n_segs++;
          continue;
        }
      Text t = { group, shingles_of (normal, o->shingle), g_new (guint64, VB_MINHASH_N), 1 };
      vb_minhash (t.shingles, t.sig);
      seg_text[i] = (gint) texts->len;
      g_hash_table_insert (text_ids, key, GINT_TO_POINTER (seg_text[i]));
      g_array_append_val (texts, t);
    }

  Finder f = { o, texts, g_new (guint, texts->len + 1),
               g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
               g_array_new (FALSE, FALSE, sizeof (guint64)) };
  for (guint t = 0; t < texts->len; t++)
    f.parent[t] = t;
  link_similar (&f);

  g_autofree guint *size = g_new0 (guint, texts->len + 1);
  for (guint t = 0; t < texts->len; t++)
    size[uf_find (f.parent, t)] += g_array_index (texts, Text, t).n_segs;
  /* A weak link (within VB_CAMPAIGN_JOIN below the threshold) joins two
   * campaigns the threshold made, never an answer of its own to one: one
   * template letter edited in two ways is one campaign, while a lone
   * answer still has to be near-identical to join.  Sizes and roots are
   * those of the strong links, so weak links do not chain on their own. */
  g_autofree guint *root0 = g_new (guint, texts->len + 1);
  for (guint t = 0; t < texts->len; t++)
    root0[t] = uf_find (f.parent, t);
  for (guint i = 0; i < f.weak->len; i++)
    {
      guint64 key = g_array_index (f.weak, guint64, i);
      guint a = (guint) (key >> 32), b = (guint) (key & 0xffffffffu);
      if (size[root0[a]] >= MAX (o->min_size, 2) && size[root0[b]] >= MAX (o->min_size, 2))
        uf_union (f.parent, a, b);
    }
  memset (size, 0, sizeof (guint) * (texts->len + 1));
  for (guint t = 0; t < texts->len; t++)
    size[uf_find (f.parent, t)] += g_array_index (texts, Text, t).n_segs;

  VbCampaigns *c = g_new0 (VbCampaigns, 1);
  c->campaigns = g_ptr_array_new_with_free_func (campaign_free);
  c->of = g_array_sized_new (FALSE, FALSE, sizeof (gint), segs->len);
  g_autofree gint *campaign_of_root = g_new (gint, texts->len + 1);
  g_autofree gboolean *text_seen = g_new0 (gboolean, texts->len + 1);
  for (guint t = 0; t < texts->len; t++)
    campaign_of_root[t] = -1;
  for (guint i = 0; i < segs->len; i++)
    {
      gint none = -1;
      if (seg_text[i] < 0 || size[uf_find (f.parent, (guint) seg_text[i])] < o->min_size)
        {
          g_array_append_val (c->of, none);
          continue;
        }
      guint t = (guint) seg_text[i], root = uf_find (f.parent, t);
      if (campaign_of_root[root] < 0)
        {
          VbCampaign *camp = g_new0 (VbCampaign, 1);
          camp->id = g_strdup_printf ("C%03u", c->campaigns->len + 1);
          guint group = g_array_index (texts, Text, root).group;
          camp->within = o->within ? g_strdup (group_names->pdata[group]) : NULL;
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
          double j = vb_shingles_jaccard (g_array_index (texts, Text, root).shingles,
                                          g_array_index (texts, Text, t).shingles);
          camp->similarity = MIN (camp->similarity, j);
        }
      text_seen[t] = TRUE;
    }
  g_free (f.parent);
  g_hash_table_unref (f.rejected);
  g_array_unref (f.weak);
  return c;
}

void
vb_campaigns_annotate (const VbCampaigns *c, GPtrArray *segs)
{
  for (guint i = 0; i < segs->len; i++)
    {
      VbSegment *seg = segs->pdata[i];
      gint k = g_array_index (c->of, gint, i);
      if (k < 0)
        {
          vb_attrs_set (seg->attrs, "campaign", "", 0);
          vb_attrs_set (seg->attrs, "campaign_size", "", 0);
          vb_attrs_set (seg->attrs, "duplicate_of", "", 0);
          continue;
        }
      const VbCampaign *camp = c->campaigns->pdata[k];
      guint first = g_array_index (camp->members, guint, 0);
      const VbSegment *head = segs->pdata[first];
      g_autofree char *n = g_strdup_printf ("%u", camp->members->len);
      g_autofree char *of = first == i ? g_strdup ("")
                                       : g_strdup_printf ("%s:%u", head->document, head->index);
      vb_attrs_set (seg->attrs, "campaign", camp->id, 0);
      vb_attrs_set (seg->attrs, "campaign_size", n, 0);
      vb_attrs_set (seg->attrs, "duplicate_of", of, 0);
    }
}

static const char *const campaign_keys[] = { "campaign", "campaign_size", "duplicate_of" };

GPtrArray *
vb_campaigns_columns (const char *const *keys, GPtrArray *segs, GPtrArray *renamed)
{
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
      for (guint i = 0; i < segs->len; i++)
        {
          VbSegment *seg = segs->pdata[i];
          g_autoptr (VbAttrs) attrs = vb_attrs_new ();
          for (guint a = 0; a < vb_attrs_size (seg->attrs); a++)
            {
              const VbAttr *at = vb_attrs_index (seg->attrs, a);
              vb_attrs_set (attrs, strcmp (at->key, *k) == 0 ? to : at->key, at->value, at->line);
            }
          VbAttrs *old = seg->attrs;
          seg->attrs = g_steal_pointer (&attrs);
          vb_attrs_free (old);
        }
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
  return out;
}
