#include "analysis/vb-table-stats.h"
#include "base/vb-error.h"
#include "analysis/vb-stats.h"

#include <math.h>
#include <string.h>

static char *
num (double x, gboolean machine, const char *human_fmt)
{
  if (isnan (x))
    return g_strdup ("");
  /* 15 significant digits: every figure a test compares to 1e-9. */
  return g_strdup_printf (machine ? "%.15g" : human_fmt, x);
}

static char *
pvalue (double p, gboolean machine)
{
  if (!machine && !isnan (p) && p < 0.001)
    return g_strdup ("<0.001");
  return num (p, machine, "%.3f");
}

static char *
percent (double x)
{
  return isnan (x) ? g_strdup ("") : g_strdup_printf ("%.0f%%", 100 * x);
}

static void
add (GPtrArray *cells, char *s)
{
  g_ptr_array_add (cells, s);
}

gboolean
vb_table_stats (const VbTable *t, gboolean codes_in_rows, guint n_values, guint n_units,
                const char *attr, gboolean machine, double conf, VbTableStats *out,
                GError **error)
{
  memset (out, 0, sizeof *out);
  GPtrArray *code_ids = codes_in_rows ? t->row_ids : t->col_ids;
  GPtrArray *code_labels = codes_in_rows ? t->row_labels : t->col_labels;
  GPtrArray *value_ids = codes_in_rows ? t->col_ids : t->row_ids;
  GPtrArray *value_labels = codes_in_rows ? t->col_labels : t->row_labels;
  GArray *bases = codes_in_rows ? t->col_base : t->row_base;
  guint n_shared = value_ids->len;  /* values with a share, the "All" too */

  guint sum = 0;
  for (guint j = 0; j < n_values; j++)
    sum += g_array_index (bases, guint, j);
  if (sum != n_units)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--stats: the values of %s hold %u %s in all but %u were counted: some are "
                   "under more than one value, so the values are not independent samples "
                   "(count a unit that has one value of %s, e.g. --unit segment)",
                   attr, sum, t->unit, n_units, attr);
      return FALSE;
    }

  out->tests = g_ptr_array_new_with_free_func (g_free);
  out->shares = g_ptr_array_new_with_free_func (g_free);
  out->warnings = g_ptr_array_new_with_free_func (g_free);
  out->notes = g_ptr_array_new_with_free_func (g_free);
  gboolean fisher = n_values == 2;
  out->tests_cols = (machine ? 2 : 1) + 6 + (fisher ? 1 : 0);
  const char *corner = codes_in_rows ? t->corner : "code";
  if (machine)
    {
      add (out->tests, g_strdup (corner));
      add (out->tests, g_strdup ("label"));
    }
  else
    add (out->tests, g_strdup (""));
  add (out->tests, g_strdup ("n"));
  add (out->tests, g_strdup (machine ? "chi2" : "Chi-square"));
  add (out->tests, g_strdup ("df"));
  add (out->tests, g_strdup ("p"));
  add (out->tests, g_strdup (machine ? "cramer_v" : "Cramér's V"));
  if (fisher)
    add (out->tests, g_strdup (machine ? "fisher_p" : "Fisher's p"));
  add (out->tests, g_strdup (machine ? "note" : "Note"));

  out->shares_cols = (machine ? 2 + 3 * n_shared : 1 + n_shared);
  if (machine)
    {
      add (out->shares, g_strdup (corner));
      add (out->shares, g_strdup ("label"));
    }
  else
    add (out->shares, g_strdup (""));
  for (guint j = 0; j < n_shared; j++)
    {
      const char *v = machine ? value_ids->pdata[j] : value_labels->pdata[j];
      add (out->shares, g_strdup (v));
      if (machine)
        {
          add (out->shares, g_strdup_printf ("%s_lo", v));
          add (out->shares, g_strdup_printf ("%s_hi", v));
        }
    }

  g_autofree guint *counts = g_new0 (guint, 2 * n_values + 1);
  guint n_small_codes = 0;
  for (guint i = 0; i < code_ids->len; i++)
    {
      guint raised = 0;
      for (guint j = 0; j < n_values; j++)
        {
          const VbCell *c = codes_in_rows ? vb_table_cell ((VbTable *) t, i, j)
                                          : vb_table_cell ((VbTable *) t, j, i);
          guint base = g_array_index (bases, guint, j);
          counts[j] = c->count;
          counts[n_values + j] = base - MIN (c->count, base);
          raised += c->count;
        }
      VbChiSquare s;
      vb_chisq_test (counts, 2, n_values, &s);
      const char *label = code_labels->pdata[i];
      g_autofree char *note = NULL;
      if (s.df == 0)
        note = g_strdup (n_values < 2 ? "no test: one value"
                         : raised == 0 ? "no test: raised by none"
                         : raised == sum ? "no test: raised by all"
                         : "no test");
      else if (s.small)
        {
          note = g_strdup_printf ("%u of %u expected counts below 5", s.n_small, s.n_cells);
          n_small_codes++;
          g_ptr_array_add (out->warnings,
                           g_strdup_printf ("%s: %u of %u expected counts below 5 (smallest "
                                            "%.2f); its chi-square p may be unreliable%s",
                                            label, s.n_small, s.n_cells, s.min_expected,
                                            fisher ? " (Fisher's p is exact)" : ""));
        }
      if (machine)
        {
          add (out->tests, g_strdup (code_ids->pdata[i]));
          add (out->tests, g_strdup (label));
        }
      else
        add (out->tests, g_strdup (label));
      add (out->tests, g_strdup_printf ("%u", s.n));
      add (out->tests, s.df ? num (s.chi2, machine, "%.2f") : g_strdup (""));
      add (out->tests, g_strdup_printf ("%u", s.df));
      add (out->tests, s.df ? pvalue (s.p, machine) : g_strdup (""));
      add (out->tests, num (s.cramer_v, machine, "%.2f"));
      if (fisher)
        add (out->tests, pvalue (vb_fisher_exact_2x2 (counts[0], counts[1], counts[2], counts[3]),
                                 machine));
      add (out->tests, g_strdup (note ? note : ""));

      if (machine)
        {
          add (out->shares, g_strdup (code_ids->pdata[i]));
          add (out->shares, g_strdup (label));
        }
      else
        add (out->shares, g_strdup (label));
      for (guint j = 0; j < n_shared; j++)
        {
          const VbCell *c = codes_in_rows ? vb_table_cell ((VbTable *) t, i, j)
                                          : vb_table_cell ((VbTable *) t, j, i);
          guint base = g_array_index (bases, guint, j);
          double lo, hi;
          vb_wilson_interval (c->count, base, conf, &lo, &hi);
          double share = base ? (double) c->count / base : NAN;
          if (machine)
            {
              add (out->shares, num (share, TRUE, NULL));
              add (out->shares, num (lo, TRUE, NULL));
              add (out->shares, num (hi, TRUE, NULL));
            }
          else if (base == 0)
            add (out->shares, g_strdup (""));
          else
            {
              g_autofree char *a = percent (share), *b = percent (lo), *d = percent (hi);
              add (out->shares, g_strdup_printf ("%s (%s–%s)", a, b, d));
            }
        }
    }

  g_ptr_array_add (out->notes,
                   g_strdup_printf ("Chi-square test of independence (Pearson, no continuity "
                                    "correction) of the %s that raised each code against those "
                                    "that did not, across the %u values of %s; n: %s counted. "
                                    "Cramér's V: sqrt(chi-square / n), the table having two "
                                    "rows.%s",
                                    t->unit, n_values, attr, t->unit,
                                    fisher ? " Fisher's p: Fisher's exact test, two-sided." : ""));
  if (n_small_codes)
    g_ptr_array_add (out->notes,
                     g_strdup ("Small expected counts (any below 1, or more than a fifth "
                               "below 5) make the chi-square p unreliable."));
  g_ptr_array_add (out->notes,
                   g_strdup_printf ("Shares: the %s that raised the code out of the column's "
                                    "base, with the %.0f%% Wilson score interval.",
                                    t->unit, 100 * conf));
  return TRUE;
}

void
vb_table_stats_clear (VbTableStats *s)
{
  g_clear_pointer (&s->tests, g_ptr_array_unref);
  g_clear_pointer (&s->shares, g_ptr_array_unref);
  g_clear_pointer (&s->warnings, g_ptr_array_unref);
  g_clear_pointer (&s->notes, g_ptr_array_unref);
}
