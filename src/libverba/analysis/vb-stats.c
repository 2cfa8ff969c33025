#include "analysis/vb-stats.h"

#include <math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

void
vb_chisq_test (const guint *counts, guint rows, guint cols, VbChiSquare *out)
{
  g_autofree double *rsum = g_new0 (double, rows + 1);
  g_autofree double *csum = g_new0 (double, cols + 1);
  double n = 0;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        double x = counts[r * cols + c];
        rsum[r] += x;
        csum[c] += x;
        n += x;
      }
  guint nr = 0, nc = 0;
  for (guint r = 0; r < rows; r++)
    nr += rsum[r] > 0;
  for (guint c = 0; c < cols; c++)
    nc += csum[c] > 0;

  out->n = (guint) n;
  out->rows = nr;
  out->cols = nc;
  out->n_cells = nr * nc;
  out->chi2 = 0;
  out->n_small = 0;
  out->small = FALSE;
  if (nr < 2 || nc < 2)
    {
      out->df = 0;
      out->p = 1;
      out->cramer_v = NAN;
      out->min_expected = NAN;
      return;
    }
  out->df = (nr - 1) * (nc - 1);
  out->min_expected = INFINITY;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        if (rsum[r] == 0 || csum[c] == 0)
          continue;
        double e = rsum[r] * csum[c] / n;
        double d = counts[r * cols + c] - e;
        out->chi2 += d * d / e;
        out->min_expected = MIN (out->min_expected, e);
        out->n_small += e < 5;
      }
  /* Cochran's rule: the approximation needs no expected count below 1
   * and at most a fifth of them below 5 (so any below 5 in a 2x2). */
  out->small = out->min_expected < 1 || 5 * out->n_small > out->n_cells;
  out->p = gsl_cdf_chisq_Q (out->chi2, out->df);
  out->cramer_v = sqrt (out->chi2 / (n * (MIN (nr, nc) - 1)));
}

double
vb_fisher_exact_2x2 (guint a, guint b, guint c, guint d)
{
  /* a follows the hypergeometric law: n1 = a + c marked items among
   * n1 + n2, and t = a + b drawn. */
  guint n1 = a + c, n2 = b + d, t = a + b;
  guint lo = t > n2 ? t - n2 : 0, hi = MIN (t, n1);
  double observed = gsl_ran_hypergeometric_pdf (a, n1, n2, t);
  double limit = observed * (1 + 1e-7);
  double p = 0;
  for (guint x = lo; x <= hi; x++)
    {
      double px = gsl_ran_hypergeometric_pdf (x, n1, n2, t);
      if (px <= limit)
        p += px;
    }
  return MIN (p, 1.0);
}

void
vb_wilson_interval (guint k, guint n, double conf, double *lo, double *hi)
{
  if (n == 0)
    {
      *lo = *hi = NAN;
      return;
    }
  double z = gsl_cdf_ugaussian_Pinv (1 - (1 - conf) / 2);
  double z2 = z * z, p = (double) k / n;
  double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
  double half = z / (1 + z2 / n) * sqrt (p * (1 - p) / n + z2 / (4.0 * n * n));
  /* At k = 0 (k = n) the lower (upper) end is 0 (1) exactly; rounding
   * would leave a trace like 3e-17. */
  *lo = k == 0 ? 0.0 : MAX (0.0, centre - half);
  *hi = k == n ? 1.0 : MIN (1.0, centre + half);
}
