/* vb-stats.h: significance for contingency tables (chi-square test of
 * independence, Cramér's V, Fisher's exact test for 2x2) and Wilson score
 * intervals for shares.  The distributions come from GNU GSL. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint    n;             /* the table's grand total */
  guint    rows, cols;    /* after rows and columns of zeros are left out */
  double   chi2;          /* Pearson's statistic, no continuity correction */
  guint    df;            /* (rows - 1)(cols - 1); 0 when no test is possible */
  double   p;             /* upper tail of chi-square(df); 1 when df is 0 */
  double   cramer_v;      /* sqrt(chi2 / (n (min(rows, cols) - 1))); NaN when df is 0 */
  double   min_expected;  /* smallest expected count (NaN when df is 0) */
  guint    n_small;       /* expected counts below 5 */
  guint    n_cells;       /* cells of the reduced table */
  gboolean small;         /* any expected count below 1, or more than 20% below 5:
                             the chi-square approximation is doubtful */
} VbChiSquare;

/* The test of independence on counts (rows x cols, row-major).  Rows and
 * columns whose total is zero carry no information and are left out
 * first, as they must be for the expected counts to be defined; a table
 * left with fewer than two rows or columns gets df 0, chi2 0, p 1 (the
 * convention of scipy.stats.chi2_contingency) and no V. */
void   vb_chisq_test (const guint *counts, guint rows, guint cols, VbChiSquare *out);

/* Two-sided p of Fisher's exact test on the 2x2 table [[a, b], [c, d]]:
 * the sum of the hypergeometric probabilities, with the margins fixed,
 * of every table no more probable than the one observed (within a
 * relative 1e-7, as R's fisher.test does, so that ties computed with
 * rounding errors still count). */
double vb_fisher_exact_2x2 (guint a, guint b, guint c, guint d);

/* The Wilson score interval of k successes in n at confidence conf
 * (e.g. 0.95).  n = 0: both ends NaN. */
void   vb_wilson_interval (guint k, guint n, double conf, double *lo, double *hi);

G_END_DECLS
