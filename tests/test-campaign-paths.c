/* test-campaign-paths.c: the bounds that rule out most pairs of a bucket
 * (sizes, and the sketches of vb-campaign.c's most_shared) never rule out
 * a pair that matters.  Each generated input is searched twice, with the
 * bounds and with vb_campaign_set_exhaustive (every pair of a bucket
 * compared on its words), and the campaigns must be the same to the
 * member and the similarity.  The inputs are built so that one missed
 * pair shows: a chain whose every link is a single pair, templates
 * edited a word or two at a time, thousands of copies of one answer,
 * answers made of a few shared sentences (crowded buckets, pairs just
 * below the threshold that join campaigns), short answers whose sketches
 * hold every shingle and long ones whose sketches do not. */
#include <string.h>

#include "verba.h"

static VbSegment *
seg_new (guint idx, const char *question, const char *text)
{
  VbSegment *seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup_printf ("r%u", idx);
  seg->index = 1;
  seg->role = VB_ROLE_PARTICIPANT;
  vb_attrs_set (seg->attrs, "question", question, 0);
  g_free (seg->text);
  seg->text = g_strdup (text);
  return seg;
}

static GPtrArray *
segs_of (GPtrArray *texts)
{
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (segs, seg_new (i + 1, i % 5 == 4 ? "q2" : "q1", texts->pdata[i]));
  return segs;
}

static VbCampaigns *
find (GPtrArray *segs, const VbCampaignOptions *o, gboolean exhaustive)
{
  g_autoptr (GError) error = NULL;
  vb_campaign_set_exhaustive (exhaustive);
  VbCampaigns *c = vb_campaigns_find (segs, o, &error);
  vb_campaign_set_exhaustive (FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* The campaigns of both paths, member by member; the pairs each compared
 * on words are added to *read (bounds) and *read_all (exhaustive). */
static void
same_both_ways (GPtrArray *texts, const VbCampaignOptions *o, const char *what, guint64 *read,
                guint64 *read_all, guint *members)
{
  g_autoptr (GPtrArray) segs = segs_of (texts);
  g_autoptr (VbCampaigns) fast = find (segs, o, FALSE);
  g_autoptr (VbCampaigns) all = find (segs, o, TRUE);
  if (fast->campaigns->len != all->campaigns->len)
    g_error ("%s (threshold %.2f, shingle %u): %u campaigns with the bounds, %u without", what,
             o->threshold, o->shingle, fast->campaigns->len, all->campaigns->len);
  for (guint k = 0; k < fast->campaigns->len; k++)
    {
      const VbCampaign *x = fast->campaigns->pdata[k], *y = all->campaigns->pdata[k];
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->first, ==, y->first);
      g_assert_cmpstr (x->within, ==, y->within);
      if (x->members->len != y->members->len
          || memcmp (x->members->data, y->members->data, x->members->len * sizeof (guint)) != 0)
        g_error ("%s (threshold %.2f, shingle %u): campaign %s has %u members with the bounds, "
                 "%u without",
                 what, o->threshold, o->shingle, x->id, x->members->len, y->members->len);
      g_assert_cmpfloat (x->similarity, ==, y->similarity);
      *members += x->members->len;
    }
  g_assert_cmpmem (fast->of->data, fast->of->len * sizeof (gint), all->of->data,
                   all->of->len * sizeof (gint));
  g_assert_cmpuint (fast->pairs_read, <=, all->pairs_read);
  *read += fast->pairs_read;
  *read_all += all->pairs_read;
}

/* Every input under option sets that move the threshold (and so the weak
 * one and the rows per band), the shingle, the least size, and the memory
 * (64K: band keys in the temporary file, pairs decided again in each band
 * they share). */
static void
check_input (GPtrArray *texts, const char *what, gboolean spares)
{
  static const struct {
    double threshold;
    guint  shingle, min_size;
    gsize  memory;
  } sets[] = {
    { 0.8, 3, 2, 0 }, { 0.5, 3, 2, 0 }, { 0.6, 2, 3, 0 },
    { 0.9, 1, 2, 0 }, { 0.7, 3, 2, 64 << 10 },
  };
  guint64 read = 0, read_all = 0;
  guint members = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      VbCampaignOptions o;
      vb_campaign_options_init (&o);
      o.threshold = sets[i].threshold;
      o.shingle = sets[i].shingle;
      o.min_size = sets[i].min_size;
      o.within = "question";
      if (sets[i].memory)
        o.memory = sets[i].memory;
      same_both_ways (texts, &o, what, &read, &read_all, &members);
    }
  /* The comparison means something only if there are campaigns and (but
   * for copies of a few answers, all alike) the bounds spared some words. */
  g_assert_cmpuint (members, >, 0);
  if (spares)
    g_assert_cmpuint (read, <, read_all);
}

static char *
words_of (char **w, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", w[i]);
  return g_string_free (s, FALSE);
}

/* A word of a small vocabulary, so that unrelated answers share some
 * shingles too. */
static char *
word (GRand *r, guint vocabulary)
{
  return g_strdup_printf ("w%u", g_rand_int_range (r, 0, (gint32) vocabulary));
}

/* Three templates (10, 24 and 70 words) edited: words replaced, dropped
 * or added, none to four edits, many copies repeated word for word. */
static void
test_edited_templates (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (19);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const guint lengths[] = { 10, 24, 70 };
  for (guint t = 0; t < G_N_ELEMENTS (lengths); t++)
    {
      guint n = lengths[t];
      g_autoptr (GPtrArray) tmpl = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (tmpl, word (r, 60));
      for (guint v = 0; v < 120; v++)
        {
          g_autoptr (GPtrArray) w = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < n; i++)
            g_ptr_array_add (w, g_strdup (tmpl->pdata[i]));
          guint edits = v % 3 == 0 ? 0 : (guint) g_rand_int_range (r, 1, 5);
          for (guint e = 0; e < edits; e++)
            {
              guint at = (guint) g_rand_int_range (r, 0, (gint32) w->len);
              switch (g_rand_int_range (r, 0, 3))
                {
                case 0:
                  g_free (w->pdata[at]);
                  w->pdata[at] = word (r, 60);
                  break;
                case 1:
                  if (w->len > 9)
                    g_ptr_array_remove_index (w, at);
                  break;
                default:
                  g_ptr_array_insert (w, (gint) at, word (r, 60));
                }
            }
          g_ptr_array_add (texts, words_of ((char **) w->pdata, w->len));
        }
    }
  check_input (texts, "edited templates", TRUE);
}

/* 60 answers of 40 words, each the one before with one word replaced,
 * seven words on each time: neighbours share 35 of 41 shingles (0.85),
 * answers ten apart 8 of 68.  At the default threshold they are one
 * campaign only if every link is found. */
static void
test_chain (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (23);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  char *w[40];
  for (guint i = 0; i < 40; i++)
    w[i] = g_strdup_printf ("c%u", i);
  for (guint k = 0; k < 60; k++)
    {
      guint at = (k * 7) % 40;
      g_free (w[at]);
      w[at] = g_strdup_printf ("e%u", g_rand_int (r));
      g_ptr_array_add (texts, words_of (w, 40));
    }
  for (guint i = 0; i < 40; i++)
    g_free (w[i]);

  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (segs, seg_new (i + 1, "q1", texts->pdata[i]));
  g_autoptr (VbCampaigns) c = find (segs, &o, FALSE);
  g_assert_cmpuint (c->campaigns->len, ==, 1);
  g_assert_cmpuint (((VbCampaign *) c->campaigns->pdata[0])->members->len, ==, 60);
  g_assert_cmpfloat (vb_shingle_jaccard (texts->pdata[0], texts->pdata[59], 3), <, 0.2);
  check_input (texts, "chain", TRUE);
}

/* 3,000 copies of one answer of 30 words and 500 of another, with a few
 * answers one word away from each. */
static void
test_identical (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (29);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  char *a[30], *b[30];
  for (guint i = 0; i < 30; i++)
    {
      a[i] = word (r, 1000);
      b[i] = word (r, 1000);
    }
  for (guint k = 0; k < 3600; k++)
    {
      char **w = k % 7 == 6 ? b : a;
      if (k % 100 == 99)
        {
          char *keep = w[k % 30];
          w[k % 30] = (char *) "changed";
          g_ptr_array_add (texts, words_of (w, 30));
          w[k % 30] = keep;
        }
      else
        g_ptr_array_add (texts, words_of (w, 30));
    }
  for (guint i = 0; i < 30; i++)
    {
      g_free (a[i]);
      g_free (b[i]);
    }
  check_input (texts, "identical answers", FALSE);
}

/* Answers as people write them from a consultation's talking points: an
 * optional opener and one to three of 25 sentences, some with a word
 * changed.  Many answers share a sentence and little else (the pairs of
 * crowded buckets the bounds are for); those with the same sentences are
 * near-duplicates; two sentences of three in common fall just short. */
static void
test_shared_sentences (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (31);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  char *sentences[25], *openers[4];
  for (guint k = 0; k < 25; k++)
    {
      char *w[12];
      guint n = (guint) g_rand_int_range (r, 6, 12);
      for (guint i = 0; i < n; i++)
        w[i] = word (r, 80);
      sentences[k] = words_of (w, n);
      for (guint i = 0; i < n; i++)
        g_free (w[i]);
    }
  for (guint k = 0; k < 4; k++)
    openers[k] = g_strdup_printf ("we opener%u this", k);
  for (guint a = 0; a < 900; a++)
    {
      GString *s = g_string_new (NULL);
      if (g_rand_boolean (r))
        g_string_append_printf (s, "%s ", openers[g_rand_int_range (r, 0, 4)]);
      guint parts = (guint) g_rand_int_range (r, 1, 4);
      for (guint p = 0; p < parts; p++)
        g_string_append_printf (s, "%s ", sentences[g_rand_int_range (r, 0, 25)]);
      if (g_rand_int_range (r, 0, 4) == 0)
        g_string_append_printf (s, "%s", "and one more word");
      g_ptr_array_add (texts, g_string_free (s, FALSE));
    }
  for (guint k = 0; k < 25; k++)
    g_free (sentences[k]);
  for (guint k = 0; k < 4; k++)
    g_free (openers[k]);
  check_input (texts, "shared sentences", TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/campaign-paths/edited-templates", test_edited_templates);
  g_test_add_func ("/campaign-paths/chain", test_chain);
  g_test_add_func ("/campaign-paths/identical", test_identical);
  g_test_add_func ("/campaign-paths/shared-sentences", test_shared_sentences);
  return g_test_run ();
}
