/* test-stats.c: vb-stats.h and vb-cluster.h against values computed
 * independently with Debian's python3-scipy 1.10.1:
 *
 *   from scipy.stats import chi2_contingency, fisher_exact, norm
 *   from scipy.stats.contingency import association
 *   chi2_contingency(t, correction=False)       -> chi2, p, dof, expected
 *   association(t, method='cramer')             -> V
 *   fisher_exact(t)[1]                          -> two-sided p
 *   z = norm.ppf(0.975); Wilson from its formula:
 *     c = (p + z²/2n) / (1 + z²/n),  h = z/(1 + z²/n) · sqrt(p(1-p)/n + z²/4n²)
 *   from scipy.cluster.hierarchy import linkage
 *   linkage(squareform(D), 'average')           -> merges and heights
 *
 * (scipy refuses tables with a zero row or column; the script was given
 * them with those left out, as vb_chisq_test leaves them out.)  Every
 * figure must agree to 1e-9. */
#include <math.h>

#include "analysis/vb-cluster.h"
#include "analysis/vb-stats.h"

#define TOL 1e-9

typedef struct {
  guint rows, cols;
  guint counts[6];
  double chi2, p, v, min_expected;
  guint df, n_small;
  gboolean small;
} ChiCase;

static const ChiCase chi_cases[] = {
  /* A code raised by 12 of 30, 5 of 25, 9 of 20 (raised / not raised). */
  { 2, 3, { 12, 5, 9, 18, 20, 11 }, 3.6940737833594977, 0.1577037680236916,
    0.22193313657824956, 6.933333333333334, 2, 0, FALSE },
  /* A rare code: 3 of 6 expected counts below 5 (50% > 20%). */
  { 2, 3, { 2, 1, 6, 28, 24, 14 }, 8.45959595959596, 0.014555330722271841,
    0.3358490922938646, 2.4, 2, 3, TRUE },
  /* A column of zeros, left out: scipy saw [[3,4],[5,1]]. */
  { 2, 3, { 3, 0, 4, 5, 0, 1 }, 2.236309523809523, 0.13480237464280487,
    0.4147575310031265, 2.3076923076923075, 1, 4, TRUE },
  /* 2x2 with two expected counts below 5. */
  { 2, 2, { 7, 2, 1, 9 }, 8.926641414141415, 0.0028104066952301175,
    0.6854365268376295, 3.789473684210526, 1, 2, TRUE },
};

static void
test_chisq (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (chi_cases); i++)
    {
      const ChiCase *c = &chi_cases[i];
      VbChiSquare s;
      vb_chisq_test (c->counts, c->rows, c->cols, &s);
      g_assert_cmpfloat_with_epsilon (s.chi2, c->chi2, TOL);
      g_assert_cmpfloat_with_epsilon (s.p, c->p, TOL);
      g_assert_cmpfloat_with_epsilon (s.cramer_v, c->v, TOL);
      g_assert_cmpfloat_with_epsilon (s.min_expected, c->min_expected, TOL);
      g_assert_cmpuint (s.df, ==, c->df);
      g_assert_cmpuint (s.n_small, ==, c->n_small);
      g_assert_cmpint (s.small, ==, c->small);
    }
}

/* Degenerate tables, by hand: a code everybody raised has a "not raised"
 * row of zeros, leaving 1 x 3: no test (scipy's chi2_contingency gives a
 * 1 x k table dof 0, statistic 0, p 1); V would be 0/0. */
static void
test_chisq_degenerate (void)
{
  const guint all[] = { 30, 25, 20, 0, 0, 0 };
  VbChiSquare s;
  vb_chisq_test (all, 2, 3, &s);
  g_assert_cmpuint (s.df, ==, 0);
  g_assert_cmpuint (s.rows, ==, 1);
  g_assert_cmpuint (s.cols, ==, 3);
  g_assert_cmpuint (s.n, ==, 75);
  g_assert_cmpfloat (s.chi2, ==, 0);
  g_assert_cmpfloat (s.p, ==, 1);
  g_assert_true (isnan (s.cramer_v));
  g_assert_false (s.small);

  /* One category: a 2 x 1 table. */
  const guint one[] = { 4, 6 };
  vb_chisq_test (one, 2, 1, &s);
  g_assert_cmpuint (s.df, ==, 0);
  g_assert_cmpfloat (s.p, ==, 1);

  /* Nothing at all. */
  const guint none[] = { 0, 0, 0, 0 };
  vb_chisq_test (none, 2, 2, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_cmpuint (s.df, ==, 0);
}

typedef struct {
  guint a, b, c, d;
  double p;
} FisherCase;

static void
test_fisher (void)
{
  static const FisherCase cases[] = {
    { 3, 9, 7, 3, 0.08355730956350152 },
    { 1, 9, 11, 3, 0.0027594561852200836 },
    /* by hand: 2 · 1/C(10,5) = 2/252 */
    { 0, 5, 5, 0, 0.007936507936507938 },
    { 7, 2, 1, 9, 0.005477494641581328 },
    /* a zero margin: one possible table */
    { 0, 0, 3, 4, 1.0 },
    /* the most probable table, symmetric: every table counts */
    { 4, 4, 4, 4, 1.0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (vb_fisher_exact_2x2 (cases[i].a, cases[i].b, cases[i].c,
                                                         cases[i].d), cases[i].p, TOL);
}

static void
test_wilson (void)
{
  static const struct { guint k, n; double lo, hi; } cases[] = {
    { 12, 30, 0.24590628116801852, 0.5767963974667752 },
    { 0, 10, 0.0, 0.2775327998628892 },
    { 10, 10, 0.7224672001371107, 0.9999999999999999 },
    { 1, 1, 0.20654931437723745, 1.0 },
    { 5, 25, 0.08860584686802572, 0.3913095036954033 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lo, hi;
      vb_wilson_interval (cases[i].k, cases[i].n, 0.95, &lo, &hi);
      g_assert_cmpfloat_with_epsilon (lo, cases[i].lo, TOL);
      g_assert_cmpfloat_with_epsilon (hi, cases[i].hi, TOL);
    }
  double lo, hi;
  vb_wilson_interval (0, 0, 0.95, &lo, &hi);
  g_assert_true (isnan (lo) && isnan (hi));
}

/* Five items; scipy's linkage(squareform(D), 'average') gave
 *   [0, 1, 0.2, 2], [2, 3, 0.3, 2], [4, 5, 0.65, 3], [6, 7, 0.7916666…, 5]
 * By hand: d({0,1},4) = (0.7 + 0.6)/2 = 0.65 is below d({0,1},{2,3}) =
 * 0.825 and d({2,3},4) = 0.725; then (0.9+0.8+0.85+0.75+0.95+0.5)/6.
 * scipy lists a pair smaller number first; verba the cluster with the
 * earlier item first, so merge 2 is (5, 4) here.  The order then reads
 * {0,1} then 4, then {2,3}: 0 1 4 2 3 (scipy's leaves_list, with its
 * own rule for which side goes first, gives 2 3 4 0 1). */
static void
test_cluster (void)
{
  const double D[25] = {
    0,   .2,  .9,  .8,  .7,
    .2,  0,   .85, .75, .6,
    .9,  .85, 0,   .3,  .95,
    .8,  .75, .3,  0,   .5,
    .7,  .6,  .95, .5,  0,
  };
  static const VbMerge want[] = {
    { 0, 1, 0.2, 2 }, { 2, 3, 0.3, 2 }, { 5, 4, 0.65, 3 }, { 7, 6, 0.7916666666666666, 5 },
  };
  VbMerge m[4];
  guint order[5];
  vb_cluster_average (D, 5, m, order);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (m[i].a, ==, want[i].a);
      g_assert_cmpuint (m[i].b, ==, want[i].b);
      g_assert_cmpfloat_with_epsilon (m[i].height, want[i].height, TOL);
      g_assert_cmpuint (m[i].size, ==, want[i].size);
    }
  const guint want_order[] = { 0, 1, 4, 2, 3 };
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (order[i], ==, want_order[i]);
}

/* Equal distances everywhere: the first pair met merges first, and the
 * input order stays (by hand). */
static void
test_cluster_ties (void)
{
  const double D[9] = { 0, 1, 1, 1, 0, 1, 1, 1, 0 };
  VbMerge m[2];
  guint order[3];
  vb_cluster_average (D, 3, m, order);
  g_assert_cmpuint (m[0].a, ==, 0);
  g_assert_cmpuint (m[0].b, ==, 1);
  g_assert_cmpuint (m[1].a, ==, 3);
  g_assert_cmpuint (m[1].b, ==, 2);
  g_assert_cmpuint (order[0], ==, 0);
  g_assert_cmpuint (order[1], ==, 1);
  g_assert_cmpuint (order[2], ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/chisq", test_chisq);
  g_test_add_func ("/stats/chisq-degenerate", test_chisq_degenerate);
  g_test_add_func ("/stats/fisher", test_fisher);
  g_test_add_func ("/stats/wilson", test_wilson);
  g_test_add_func ("/stats/cluster", test_cluster);
  g_test_add_func ("/stats/cluster-ties", test_cluster_ties);
  return g_test_run ();
}
