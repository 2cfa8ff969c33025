/* test-quotes.c: a quote picker (vb-quotes.h), which keeps only the
 * candidates the choice can still take, chooses what ranking every
 * candidate chooses.  The reference below ranks them all, as the header
 * says the choice does, on random streams with few speakers (so that the
 * one-per-speaker rule has work to do), many ties, notes, and every
 * option. */
#include "analysis/vb-quotes.h"

#include <string.h>

typedef struct {
  const VbSegment *seg;
  guint order, codes, hits, distance;
  const char *group;
  char *who;
} Ref;

static gboolean
ref_better (const Ref *x, const Ref *y)
{
  if (x->codes != y->codes)
    return x->codes > y->codes;
  if (x->hits != y->hits)
    return x->hits > y->hits;
  if (x->distance != y->distance)
    return x->distance < y->distance;
  return x->order < y->order;
}

static gint
value_compare (gconstpointer a, gconstpointer b)
{
  return vb_value_compare (*(const char *const *) a, *(const char *const *) b);
}

/* Every candidate ranked; in turns over the groups, the best not taken
 * (first of a speaker not yet quoted, then of anyone unless forbidden). */
static GPtrArray *
reference (GPtrArray *segs, const char *code, const VbQuoteChoice *o)
{
  g_autoptr (GArray) cands = g_array_new (FALSE, TRUE, sizeof (Ref));
  g_autoptr (GPtrArray) groups = g_ptr_array_new ();
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      if (!o->notes && !vb_quote_is_verbatim (seg))
        continue;
      guint words = vb_text_count_words (seg->text);
      if (words < o->min_words || (o->max_words && words > o->max_words))
        continue;
      Ref r = { seg, i, 0, 0, 0, NULL, NULL };
      g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const char *id = g_array_index (seg->codings, VbCoding, k).code;
          g_hash_table_add (distinct, (gpointer) id);
          r.hits += strcmp (id, code) == 0;
        }
      if (o->rank == VB_QUOTE_RANK_CODES)
        r.codes = g_hash_table_size (distinct);
      guint len = (guint) g_utf8_strlen (seg->text, -1);
      r.distance = len < 60 ? 60 - len : len > 300 ? len - 300 : 0;
      if (o->spread)
        {
          const char *v = vb_segment_value (seg, o->spread);
          r.group = v && *v ? v : "(none)";
          if (!g_ptr_array_find_with_equal_func (groups, r.group, g_str_equal, NULL))
            g_ptr_array_add (groups, (gpointer) r.group);
        }
      if (*seg->speaker)
        r.who = g_strconcat (seg->document, "/", seg->speaker, NULL);
      g_array_append_val (cands, r);
    }
  g_ptr_array_sort (groups, value_compare);
  if (groups->len == 0)
    g_ptr_array_add (groups, NULL);
  GPtrArray *out = g_ptr_array_new ();
  g_autofree gboolean *taken = g_new0 (gboolean, cands->len + 1);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint pass = 0; pass < (o->one_per_participant ? 1u : 2u); pass++)
    for (gboolean took = TRUE; took && out->len < o->n;)
      {
        took = FALSE;
        for (guint g = 0; g < groups->len && out->len < o->n; g++)
          {
            Ref *best = NULL;
            guint at = 0;
            for (guint i = 0; i < cands->len; i++)
              {
                Ref *r = &g_array_index (cands, Ref, i);
                if (taken[i] || g_strcmp0 (r->group, groups->pdata[g]) != 0
                    || (pass == 0 && r->who && g_hash_table_contains (used, r->who)))
                  continue;
                if (best == NULL || ref_better (r, best))
                  best = r, at = i;
              }
            if (best == NULL)
              continue;
            taken[at] = took = TRUE;
            if (best->who)
              g_hash_table_add (used, best->who);
            g_ptr_array_add (out, (gpointer) best->seg);
          }
      }
  for (guint i = 0; i < cands->len; i++)
    g_free (g_array_index (cands, Ref, i).who);
  return out;
}

static VbSegment *
random_segment (GRand *rand, guint i)
{
  static const char *const words[] = { "fair", "honest", "staff", "money", "open", "a", "the",
                                       "public", "service", "trust" };
  static const char *const regions[] = { "North", "South", "g10", "g2", "" };
  VbSegment *seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup (g_rand_boolean (rand) ? "d1" : "d2");
  seg->index = i + 1;
  g_free (seg->speaker);
  /* Few speakers, some anonymous: one per speaker matters. */
  guint s = (guint) g_rand_int_range (rand, 0, 6);
  seg->speaker = s == 0 ? g_strdup ("") : g_strdup_printf ("P%u", s);
  if (g_rand_int_range (rand, 0, 10) == 0)
    vb_attrs_set (seg->attrs, "kind", "note", 0);
  const char *region = regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))];
  if (*region)
    vb_attrs_set (seg->attrs, "region", region, 0);
  /* Lengths around the readable band, so that distances tie often. */
  GString *text = g_string_new (NULL);
  guint n_words = (guint) g_rand_int_range (rand, 1, 12) * (g_rand_boolean (rand) ? 1 : 8);
  for (guint w = 0; w < n_words; w++)
    g_string_append_printf (text, "%s%s", w ? " " : "", words[g_rand_int_range (rand, 0, 10)]);
  g_free (seg->text);
  seg->text = g_string_free (text, FALSE);
  vb_segment_ensure_codings (seg);
  guint n_codings = (guint) g_rand_int_range (rand, 0, 4);
  for (guint k = 0; k < n_codings; k++)
    vb_segment_add_coding (seg, g_rand_boolean (rand) ? "a" : "b", 0, 1, NULL);
  return seg;
}

static void
test_picker_is_reference (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (19);
  for (guint run = 0; run < 400; run++)
    {
      g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
      guint n_segs = (guint) g_rand_int_range (rand, 0, 120);
      for (guint i = 0; i < n_segs; i++)
        g_ptr_array_add (segs, random_segment (rand, i));
      VbQuoteChoice o;
      vb_quote_choice_init (&o);
      o.n = (guint) g_rand_int_range (rand, 1, 9);
      o.notes = g_rand_int_range (rand, 0, 4) == 0;
      o.rank = g_rand_boolean (rand) ? VB_QUOTE_RANK_CODES : VB_QUOTE_RANK_HITS;
      o.one_per_participant = g_rand_boolean (rand);
      o.spread = g_rand_boolean (rand) ? "region" : NULL;
      if (g_rand_int_range (rand, 0, 4) == 0)
        o.min_words = 3, o.max_words = 40;
      const char *code = g_rand_boolean (rand) ? "a" : "b";

      g_autoptr (GPtrArray) want = reference (segs, code, &o);
      /* The picker copies what it keeps: free each segment once offered. */
      g_autoptr (VbQuotePicker) p = vb_quote_picker_new (code, &o, FALSE);
      for (guint i = 0; i < segs->len; i++)
        {
          VbSegment *copy = vb_segment_copy (segs->pdata[i]);
          vb_quote_picker_add (p, copy);
          vb_segment_free (copy);
        }
      GPtrArray *got = vb_quote_picker_result (p);
      g_autoptr (GString) w = g_string_new (NULL), g = g_string_new (NULL);
      for (guint i = 0; i < want->len; i++)
        g_string_append_printf (w, " %u", ((const VbSegment *) want->pdata[i])->index);
      for (guint i = 0; i < got->len; i++)
        g_string_append_printf (g, " %u", ((const VbSegment *) got->pdata[i])->index);
      if (strcmp (w->str, g->str) != 0)
        g_test_message ("run %u: n %u, %u segments, expected%s", run, o.n, n_segs, w->str);
      g_assert_cmpstr (g->str, ==, w->str);
      /* A copy keeps what a quote shows. */
      for (guint i = 0; i < got->len; i++)
        {
          const VbSegment *c = got->pdata[i], *s = segs->pdata[c->index - 1];
          g_assert_cmpstr (c->text, ==, s->text);
          g_assert_cmpstr (c->speaker, ==, s->speaker);
          g_assert_cmpstr (c->document, ==, s->document);
          g_assert_cmpstr (vb_segment_value (c, "region"), ==, vb_segment_value (s, "region"));
          g_assert_cmpuint (c->codings->len, ==, s->codings->len);
        }
      /* vb_quotes_choose borrows and chooses the same. */
      g_autoptr (GPtrArray) chosen = vb_quotes_choose (segs, code, &o);
      g_assert_cmpuint (chosen->len, ==, want->len);
      for (guint i = 0; i < want->len; i++)
        g_assert_true (chosen->pdata[i] == want->pdata[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quotes/picker-is-reference", test_picker_is_reference);
  return g_test_run ();
}
