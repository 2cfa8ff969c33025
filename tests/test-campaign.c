/* test-campaign.c: campaign and duplicate responses (vb-campaign.h) on
 * answers small enough to work out by hand.
 *
 * A is an answer of 30 words, so 28 word 3-shingles, none repeated (the
 * repeated words "the", "on" and "and" never stand in the same three):
 *
 *   the(1) council(2) should(3) keep(4) the(5) bramley(6) library(7)
 *   open(8) on(9) saturdays(10) because(11) families(12) students(13)
 *   and(14) older(15) residents(16) rely(17) on(18) it(19) for(20)
 *   books(21) computers(22) advice(23) and(24) a(25) warm(26) quiet(27)
 *   place(28) to(29) meet(30)
 *
 * Changing one word w (not near either end) changes the 3 shingles that
 * start at w-2, w-1 and w: the two sets share 28 - 3 = 25 and together
 * hold 28 + 3 = 31, so J = 25/31 = 0.806, just above the default 0.8.
 * Two changes at least 3 words apart change 6 shingles: J = 22/34 = 0.647.
 *
 *   B = A with older(15) -> elderly          J(A,B) = 25/31 = 0.806
 *   E = B with warm(26) -> dry               J(B,E) = 25/31 = 0.806
 *                                            J(A,E) = 22/34 = 0.647
 *   C = A with keep(4) -> save and computers(22) -> laptops
 *                                            J(A,C) = 22/34 = 0.647
 *   A2 = A in capitals, with other punctuation and an accent: the same
 *        words once normalised, J = 1.
 *
 * So A and B are one campaign; A and C are not; A, B and E are one
 * campaign through B although A and E are not similar. */
#include <string.h>

#include "verba.h"
#include "code/vb-minhash.h"

#define A "The council should keep the Bramley library open on Saturdays because " \
          "families, students and older residents rely on it for books, computers, " \
          "advice and a warm quiet place to meet."
#define A2 "THE COUNCIL should keep the Bramléy library open on Saturdays -- because " \
           "families; students AND older residents rely on it for books / computers / " \
           "advice, and a warm, quiet place to meet!!"
#define B "The council should keep the Bramley library open on Saturdays because " \
          "families, students and elderly residents rely on it for books, computers, " \
          "advice and a warm quiet place to meet."
#define E "The council should keep the Bramley library open on Saturdays because " \
          "families, students and elderly residents rely on it for books, computers, " \
          "advice and a dry quiet place to meet."
#define C "The council should save the Bramley library open on Saturdays because " \
          "families, students and older residents rely on it for books, laptops, " \
          "advice and a warm quiet place to meet."
/* Another template, unrelated to A: 12 words. */
#define T "Please do not close the swimming pool at the leisure centre."
#define SHORT "I agree with the proposal."

static VbSegment *
seg_new (const char *doc, guint idx, VbRole role, const char *question, const char *text)
{
  VbSegment *seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup (doc);
  seg->index = idx;
  seg->role = role;
  if (question)
    vb_attrs_set (seg->attrs, "question", question, 0);
  g_free (seg->text);
  seg->text = g_strdup (text);
  return seg;
}

static GPtrArray *
segs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
}

/* Adds participants' answers r1, r2… to question q1. */
static GPtrArray *
answers (const char *const *texts)
{
  GPtrArray *segs = segs_new ();
  for (guint i = 0; texts[i]; i++)
    {
      g_autofree char *doc = g_strdup_printf ("r%u", i + 1);
      g_ptr_array_add (segs, seg_new (doc, 1, VB_ROLE_PARTICIPANT, "q1", texts[i]));
    }
  return segs;
}

static VbCampaigns *
find (GPtrArray *segs, const VbCampaignOptions *o)
{
  VbCampaignOptions def;
  vb_campaign_options_init (&def);
  g_autoptr (GError) err = NULL;
  VbCampaigns *c = vb_campaigns_find (segs, o ? o : &def, &err);
  g_assert_no_error (err);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->of->len, ==, segs->len);
  /* With room for one set of words at a time, every pair is decided on
   * rows read again (through fetch): the same campaigns. */
  vb_campaign_set_cache_bytes (1);
  g_autoptr (VbCampaigns) again = vb_campaigns_find (segs, o ? o : &def, &err);
  vb_campaign_set_cache_bytes (0);
  g_assert_no_error (err);
  g_assert_cmpuint (again->campaigns->len, ==, c->campaigns->len);
  g_assert_cmpmem (again->of->data, again->of->len * sizeof (gint), c->of->data,
                   c->of->len * sizeof (gint));
  for (guint k = 0; k < c->campaigns->len; k++)
    {
      const VbCampaign *x = c->campaigns->pdata[k], *y = again->campaigns->pdata[k];
      g_assert_cmpstr (x->first, ==, y->first);
      g_assert_cmpfloat (x->similarity, ==, y->similarity);
    }
  return c;
}

/* The campaign of each segment as one string: "C001 - C001 C002", '-'
 * for none. */
static char *
membership (const VbCampaigns *c)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < c->of->len; i++)
    {
      gint k = g_array_index (c->of, gint, i);
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, k < 0 ? "-" : ((VbCampaign *) c->campaigns->pdata[k])->id);
    }
  return g_string_free (s, FALSE);
}

static void
assert_membership (GPtrArray *segs, const VbCampaignOptions *o, const char *want)
{
  g_autoptr (VbCampaigns) c = find (segs, o);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, want);
}

/* ---- similarity ---- */

static void
test_jaccard_by_hand (void)
{
  g_assert_cmpfloat_with_epsilon (vb_shingle_jaccard (A, B, 3), 25.0 / 31, 1e-12);
  g_assert_cmpfloat_with_epsilon (vb_shingle_jaccard (B, E, 3), 25.0 / 31, 1e-12);
  g_assert_cmpfloat_with_epsilon (vb_shingle_jaccard (A, E, 3), 22.0 / 34, 1e-12);
  g_assert_cmpfloat_with_epsilon (vb_shingle_jaccard (A, C, 3), 22.0 / 34, 1e-12);
  g_assert_cmpfloat (vb_shingle_jaccard (A, A2, 3), ==, 1.0);
  g_assert_cmpfloat (vb_shingle_jaccard (A, "", 3), ==, 0.0);
  g_assert_cmpfloat (vb_shingle_jaccard ("", "", 3), ==, 0.0);
  /* With 1-shingles (words): A has 27 distinct words, B swaps one of
   * them, so 26 are shared of 28. */
  g_assert_cmpfloat_with_epsilon (vb_shingle_jaccard (A, B, 1), 26.0 / 28, 1e-12);
  /* Fewer words than k: the whole answer is one shingle. */
  g_assert_cmpfloat (vb_shingle_jaccard ("Yes, agreed.", "yes agreed", 3), ==, 1.0);
  g_assert_cmpfloat (vb_shingle_jaccard ("Yes, agreed.", "agreed yes", 3), ==, 0.0);
}

static void
test_similar_at_threshold (void)
{
  /* 4 shared of 5 is 0.8 exactly, however 0.8 rounds. */
  g_autoptr (GArray) a = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr (GArray) b = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint64 v = 1; v <= 5; v++)
    g_array_append_val (a, v);
  for (guint64 v = 1; v <= 4; v++)
    g_array_append_val (b, v);
  g_assert_true (vb_shingles_similar (a, b, 0.8));
  g_assert_false (vb_shingles_similar (a, b, 0.81));
  g_assert_cmpfloat (vb_shingles_jaccard (a, b), ==, 0.8);
}

static void
test_rows_per_band (void)
{
  /* 0.8: 4 rows in 32 bands miss a pair at 0.8 with (1 - 0.8^4)^32 =
   * 5e-8, where 8 rows in 16 bands would miss it 5% of the time. */
  g_assert_cmpuint (vb_minhash_rows (0.8), ==, 4);
  g_assert_cmpuint (vb_minhash_rows (0.9), ==, 8);
  g_assert_cmpuint (vb_minhash_rows (0.5), ==, 2);
  g_assert_cmpuint (vb_minhash_rows (0.1), ==, 1);
  g_assert_cmpuint (vb_minhash_rows (1.0), ==, 16);
}

/* ---- clusters ---- */

static void
test_identical (void)
{
  const char *const texts[] = { A, T, A2, A, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  g_autoptr (VbCampaigns) c = find (segs, NULL);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, "C001 - C001 C001");
  const VbCampaign *camp = c->campaigns->pdata[0];
  g_assert_cmpuint (camp->members->len, ==, 3);
  g_assert_cmpuint (g_array_index (camp->members, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (camp->members, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (camp->members, guint, 2), ==, 3);
  g_assert_cmpfloat (camp->similarity, ==, 1.0);
  g_assert_cmpstr (camp->within, ==, NULL);
}

static void
test_near_identical (void)
{
  const char *const texts[] = { B, T, A, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  g_autoptr (VbCampaigns) c = find (segs, NULL);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, "C001 - C001");
  g_assert_cmpfloat_with_epsilon (((VbCampaign *) c->campaigns->pdata[0])->similarity, 25.0 / 31,
                                  1e-12);
  /* A stricter threshold parts them. */
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.threshold = 0.81;
  assert_membership (segs, &o, "- - -");
}

static void
test_below_threshold (void)
{
  const char *const texts[] = { A, C, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  assert_membership (segs, NULL, "- -");
  /* 0.647 reaches a threshold of 0.6. */
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.threshold = 0.6;
  assert_membership (segs, &o, "C001 C001");
}

static void
test_transitive (void)
{
  const char *const a_e[] = { A, E, NULL };
  g_autoptr (GPtrArray) apart = answers (a_e);
  assert_membership (apart, NULL, "- -");

  /* B links them; the similarity reported is A's to E, the lowest to the
   * first member. */
  const char *const texts[] = { A, E, T, B, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  g_autoptr (VbCampaigns) c = find (segs, NULL);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, "C001 C001 - C001");
  g_assert_cmpfloat_with_epsilon (((VbCampaign *) c->campaigns->pdata[0])->similarity, 22.0 / 34,
                                  1e-12);
}

static void
test_short_answers (void)
{
  const char *const texts[] = { SHORT, SHORT, SHORT, "Agree.", "Agree.", NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  assert_membership (segs, NULL, "- - - - -");
  /* T has 12 words: a floor of 13 leaves it out too. */
  const char *const pool[] = { T, T, NULL };
  g_autoptr (GPtrArray) pools = answers (pool);
  assert_membership (pools, NULL, "C001 C001");
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.min_words = 13;
  assert_membership (pools, &o, "- -");
  /* Five words reach a floor of 5. */
  o.min_words = 5;
  assert_membership (segs, &o, "C001 C001 C001 - -");
}

static void
test_per_question (void)
{
  g_autoptr (GPtrArray) segs = segs_new ();
  g_ptr_array_add (segs, seg_new ("r1", 1, VB_ROLE_PARTICIPANT, "q1", A));
  g_ptr_array_add (segs, seg_new ("r1", 2, VB_ROLE_PARTICIPANT, "q2", T));
  g_ptr_array_add (segs, seg_new ("r2", 1, VB_ROLE_PARTICIPANT, "q1", T));
  g_ptr_array_add (segs, seg_new ("r2", 2, VB_ROLE_PARTICIPANT, "q2", A));
  g_ptr_array_add (segs, seg_new ("r3", 1, VB_ROLE_PARTICIPANT, "q1", B));
  g_ptr_array_add (segs, seg_new ("r3", 2, VB_ROLE_PARTICIPANT, NULL, A));
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.within = "question";
  /* Only A and B answer the same question; A without a question is
   * compared with the other answers without one. */
  g_autoptr (VbCampaigns) c = find (segs, &o);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, "C001 - - - C001 -");
  g_assert_cmpstr (((VbCampaign *) c->campaigns->pdata[0])->within, ==, "q1");
  /* All together: the As and B, and the two Ts. */
  assert_membership (segs, NULL, "C001 C002 C002 C001 C001 C001");
}

static void
test_min_size (void)
{
  const char *const texts[] = { A, T, A2, T, T, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  assert_membership (segs, NULL, "C001 C002 C001 C002 C002");
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.min_size = 3;
  assert_membership (segs, &o, "- C001 - C001 C001");
}

static void
test_moderators (void)
{
  /* A prompt read out in every group is not a campaign. */
  g_autoptr (GPtrArray) segs = segs_new ();
  g_ptr_array_add (segs, seg_new ("g1", 1, VB_ROLE_MODERATOR, NULL, A));
  g_ptr_array_add (segs, seg_new ("g2", 1, VB_ROLE_INTERVIEWER, NULL, A));
  g_ptr_array_add (segs, seg_new ("g2", 2, VB_ROLE_PARTICIPANT, NULL, A));
  assert_membership (segs, NULL, "- - -");
  g_ptr_array_add (segs, seg_new ("g3", 1, VB_ROLE_PARTICIPANT, NULL, B));
  assert_membership (segs, NULL, "- - C001 C001");
}

static void
test_order_and_annotations (void)
{
  /* Ids follow each campaign's first member: T's campaign starts first. */
  const char *const texts[] = { SHORT, T, B, A, T, E, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  g_autoptr (VbCampaigns) c = find (segs, NULL);
  g_autofree char *got = membership (c);
  g_assert_cmpstr (got, ==, "- C001 C002 C002 C001 C002");
  vb_campaigns_annotate (c, segs);
  const char *want[][3] = {
    { "", "", "" },           { "C001", "2", "" }, { "C002", "3", "" },
    { "C002", "3", "r3:1" }, { "C001", "2", "r2:1" }, { "C002", "3", "r3:1" },
  };
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      g_assert_cmpstr (vb_attrs_get (seg->attrs, "campaign"), ==, want[i][0]);
      g_assert_cmpstr (vb_attrs_get (seg->attrs, "campaign_size"), ==, want[i][1]);
      g_assert_cmpstr (vb_attrs_get (seg->attrs, "duplicate_of"), ==, want[i][2]);
    }

  /* Annotating again, after the texts changed, replaces every value. */
  VbSegment *first = segs->pdata[1];
  g_free (first->text);
  first->text = g_strdup ("Something else entirely, with enough words to be compared at all.");
  g_autoptr (VbCampaigns) again = find (segs, NULL);
  vb_campaigns_annotate (again, segs);
  g_assert_cmpstr (vb_attrs_get (first->attrs, "campaign"), ==, "");
  g_assert_cmpstr (vb_attrs_get (first->attrs, "campaign_size"), ==, "");
  g_assert_cmpstr (vb_attrs_get (((VbSegment *) segs->pdata[2])->attrs, "campaign"), ==, "C001");
  g_assert_cmpstr (vb_attrs_get (((VbSegment *) segs->pdata[4])->attrs, "duplicate_of"), ==, "");
}

static void
test_deterministic (void)
{
  const char *const texts[] = { T, A, C, B, T, E, A2, SHORT, C, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  g_autoptr (VbCampaigns) one = find (segs, NULL);
  g_autoptr (VbCampaigns) two = find (segs, NULL);
  g_autofree char *m1 = membership (one);
  g_autofree char *m2 = membership (two);
  g_assert_cmpstr (m1, ==, "C001 C002 C003 C002 C001 C002 C002 - C003");
  g_assert_cmpstr (m1, ==, m2);

  /* Reversed, the same clusters take their ids from their new first members. */
  g_autoptr (GPtrArray) rev = segs_new ();
  for (guint i = segs->len; i-- > 0;)
    g_ptr_array_add (rev, seg_new ("r", i + 1, VB_ROLE_PARTICIPANT, "q1", texts[i]));
  assert_membership (rev, NULL, "C001 - C002 C002 C003 C002 C001 C002 C003");
}

/* The LSH bands must find what comparing every pair finds.  Variants of
 * two 40-word templates with 0 to 4 words changed (similarities from about
 * 0.5 to 1 around the 0.8 threshold) and unrelated answers, checked
 * against a union-find over all pairs. */
static guint
root (guint *parent, guint x)
{
  while (parent[x] != x)
    x = parent[x];
  return x;
}

static void
test_bands_find_every_pair (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  char *tmpl[2][40];
  for (guint t = 0; t < 2; t++)
    for (guint w = 0; w < 40; w++)
      tmpl[t][w] = g_strdup_printf ("t%uw%u", t, w);
  for (guint i = 0; i < 160; i++)
    {
      GString *s = g_string_new (NULL);
      if (i % 4 == 3)
        for (guint w = 0; w < 40; w++)
          g_string_append_printf (s, "u%u ", g_rand_int_range (rand, 0, 400));
      else
        {
          guint t = i % 2, changes = g_rand_int_range (rand, 0, 5);
          guint pos[4];
          for (guint k = 0; k < changes; k++)
            pos[k] = g_rand_int_range (rand, 0, 40);
          for (guint w = 0; w < 40; w++)
            {
              gboolean changed = FALSE;
              for (guint k = 0; k < changes; k++)
                changed |= pos[k] == w;
              if (changed)
                g_string_append_printf (s, "x%u ", g_rand_int (rand));
              else
                g_string_append_printf (s, "%s ", tmpl[t][w]);
            }
        }
      g_ptr_array_add (texts, g_string_free (s, FALSE));
    }
  for (guint t = 0; t < 2; t++)
    for (guint w = 0; w < 40; w++)
      g_free (tmpl[t][w]);

  g_autoptr (GPtrArray) segs = segs_new ();
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (segs, seg_new ("r", i + 1, VB_ROLE_PARTICIPANT, NULL, texts->pdata[i]));
  g_autoptr (VbCampaigns) c = find (segs, NULL);

  guint n = texts->len, n_pairs_near = 0;
  g_autofree guint *parent = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double s = vb_shingle_jaccard (texts->pdata[i], texts->pdata[j], 3);
        n_pairs_near += s >= 0.7 && s < 0.8;
        if (s >= 0.8 - 1e-9)
          {
            guint a = root (parent, i), b = root (parent, j);
            parent[MAX (a, b)] = MIN (a, b);
          }
      }
  /* The test means something only if some pairs fall just short. */
  g_assert_cmpuint (n_pairs_near, >, 100);
  g_autofree guint *size = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    size[root (parent, i)]++;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        gint ci = g_array_index (c->of, gint, i), cj = g_array_index (c->of, gint, j);
        gboolean together = root (parent, i) == root (parent, j);
        if (together != (ci >= 0 && ci == cj))
          g_error ("answers %u and %u: every pair says %s, the bands say %s", i, j,
                   together ? "together" : "apart", together ? "apart" : "together");
      }
  for (guint i = 0; i < n; i++)
    g_assert_true ((g_array_index (c->of, gint, i) >= 0) == (size[root (parent, i)] >= 2));
}

/* A row that cannot be read again fails the finding with its error. */
static gboolean
fetch_fails (gpointer data, guint i, const VbSegment **seg, GError **error)
{
  (void) data;
  *seg = NULL;
  g_set_error (error, VB_ERROR, VB_ERROR_IO, "row %u: gone", i);
  return FALSE;
}

static void
test_fetch_fails (void)
{
  const char *const texts[] = { A, B, A2, NULL };
  g_autoptr (GPtrArray) segs = answers (texts);
  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  /* With room for nothing, the identical A2 needs A's words read again. */
  vb_campaign_set_cache_bytes (1);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCampaignFinder) f = vb_campaign_finder_new (&o, fetch_fails, NULL, &err);
  g_assert_no_error (err);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < segs->len; i++)
    ok = vb_campaign_finder_add (f, segs->pdata[i], &err);
  vb_campaign_set_cache_bytes (0);
  g_assert_false (ok);
  g_assert_error (err, VB_ERROR, VB_ERROR_IO);
  g_assert_cmpstr (err->message, ==, "row 0: gone");
  g_clear_error (&err);

  /* Nothing to read again until the pairs are compared (A and B share
   * a bucket: /campaign/cluster/near-identical). */
  const char *const two[] = { A, B, NULL };
  g_autoptr (GPtrArray) pair = answers (two);
  g_autoptr (VbCampaignFinder) g = vb_campaign_finder_new (&o, fetch_fails, NULL, &err);
  for (guint i = 0; i < pair->len; i++)
    g_assert_true (vb_campaign_finder_add (g, pair->pdata[i], &err));
  g_assert_null (vb_campaign_finder_finish (g, &err));
  g_assert_error (err, VB_ERROR, VB_ERROR_IO);
}

static void
test_bad_options (void)
{
  g_autoptr (GPtrArray) segs = segs_new ();
  VbCampaignOptions o;
  const struct {
    guint shingle, min_words, min_size;
    double threshold;
  } bad[] = { { 0, 8, 2, 0.8 }, { 3, 0, 2, 0.8 }, { 3, 8, 1, 0.8 }, { 3, 8, 2, 0.0 },
              { 3, 8, 2, 1.5 } };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      vb_campaign_options_init (&o);
      o.shingle = bad[i].shingle;
      o.min_words = bad[i].min_words;
      o.min_size = bad[i].min_size;
      o.threshold = bad[i].threshold;
      g_autoptr (GError) err = NULL;
      g_assert_null (vb_campaigns_find (segs, &o, &err));
      g_assert_error (err, VB_ERROR, VB_ERROR_USAGE);
    }
  vb_campaign_options_init (&o);
  o.memory = VB_CAMPAIGN_MEMORY_MIN - 1;
  g_autoptr (GError) small = NULL;
  g_assert_null (vb_campaigns_find (segs, &o, &small));
  g_assert_error (small, VB_ERROR, VB_ERROR_USAGE);
  vb_campaign_options_init (&o);
  g_assert_cmpuint (o.memory, ==, 512u << 20);
  g_assert_cmpuint (o.shingle, ==, 3);
  g_assert_cmpfloat (o.threshold, ==, 0.8);
  g_assert_cmpuint (o.min_words, ==, 8);
  g_assert_cmpuint (o.min_size, ==, 2);
  g_assert_null (o.within);
  /* An empty stream has no campaigns. */
  g_autoptr (VbCampaigns) c = find (segs, &o);
  g_assert_cmpuint (c->campaigns->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/campaign/jaccard/by-hand", test_jaccard_by_hand);
  g_test_add_func ("/campaign/jaccard/at-threshold", test_similar_at_threshold);
  g_test_add_func ("/campaign/bands/rows", test_rows_per_band);
  g_test_add_func ("/campaign/bands/every-pair", test_bands_find_every_pair);
  g_test_add_func ("/campaign/cluster/identical", test_identical);
  g_test_add_func ("/campaign/cluster/near-identical", test_near_identical);
  g_test_add_func ("/campaign/cluster/below-threshold", test_below_threshold);
  g_test_add_func ("/campaign/cluster/transitive", test_transitive);
  g_test_add_func ("/campaign/cluster/short-answers", test_short_answers);
  g_test_add_func ("/campaign/cluster/per-question", test_per_question);
  g_test_add_func ("/campaign/cluster/min-size", test_min_size);
  g_test_add_func ("/campaign/cluster/moderators", test_moderators);
  g_test_add_func ("/campaign/order-and-annotations", test_order_and_annotations);
  g_test_add_func ("/campaign/deterministic", test_deterministic);
  g_test_add_func ("/campaign/bad-options", test_bad_options);
  g_test_add_func ("/campaign/fetch-fails", test_fetch_fails);
  return g_test_run ();
}
