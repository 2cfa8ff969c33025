#include "analysis/vb-cluster.h"

#include <math.h>
#include <string.h>

typedef struct {
  guint   id;     /* scipy's number of the cluster */
  GArray *items;  /* guint, in order */
} Cluster;

void
vb_cluster_average (const double *dist, guint n, VbMerge *merges, guint *order)
{
  if (n == 0)
    return;
  /* d holds the distances between the live clusters, indexed by the
   * slot a cluster sits in; slots stay in the order of their earliest
   * item because a merge keeps the earlier slot. */
  g_autofree double *d = g_memdup2 (dist, sizeof (double) * n * n);
  g_autofree Cluster *cl = g_new0 (Cluster, n);
  g_autofree gboolean *dead = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      cl[i].id = i;
      cl[i].items = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (cl[i].items, i);
    }
  for (guint step = 0; step + 1 < n; step++)
    {
      /* Start from the first live pair so that even distances that do
       * not compare (NaN) give a merge. */
      guint bi = 0, bj;
      while (dead[bi])
        bi++;
      for (bj = bi + 1; dead[bj]; bj++)
        ;
      double best = d[bi * n + bj];
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; !dead[i] && j < n; j++)
          if (!dead[j] && d[i * n + j] < best)
            best = d[i * n + j], bi = i, bj = j;
      guint na = cl[bi].items->len, nb = cl[bj].items->len;
      merges[step] = (VbMerge) { cl[bi].id, cl[bj].id, best, na + nb };
      for (guint k = 0; k < n; k++)
        if (!dead[k] && k != bi && k != bj)
          {
            double v = (na * d[bi * n + k] + nb * d[bj * n + k]) / (na + nb);
            d[bi * n + k] = d[k * n + bi] = v;
          }
      g_array_append_vals (cl[bi].items, cl[bj].items->data, nb);
      g_array_unref (cl[bj].items);
      cl[bj].items = NULL;
      cl[bi].id = n + step;
      dead[bj] = TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (!dead[i])
      {
        memcpy (order, cl[i].items->data, sizeof (guint) * n);
        g_array_unref (cl[i].items);
      }
}

static void
permute_strings (GPtrArray *a, const guint *order)
{
  g_autoptr (GPtrArray) copy = g_ptr_array_new ();
  for (guint i = 0; i < a->len; i++)
    g_ptr_array_add (copy, a->pdata[order[i]]);
  memcpy (a->pdata, copy->pdata, sizeof (gpointer) * a->len);
}

void
vb_table_order_by_cluster (VbTable *t)
{
  guint n = t->row_ids->len;
  g_return_if_fail (n == t->col_ids->len);
  if (n < 2)
    return;
  g_autofree double *dist = g_new (double, n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      dist[i * n + j] = i == j ? 0 : 1 - vb_table_cell (t, i, j)->value;
  g_autofree VbMerge *merges = g_new (VbMerge, n - 1);
  g_autofree guint *order = g_new (guint, n);
  vb_cluster_average (dist, n, merges, order);

  g_autofree VbCell *cells = g_new (VbCell, n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      cells[i * n + j] = *vb_table_cell (t, order[i], order[j]);
  memcpy (t->cells, cells, sizeof (VbCell) * n * n);
  permute_strings (t->row_ids, order);
  permute_strings (t->row_labels, order);
  permute_strings (t->col_ids, order);
  permute_strings (t->col_labels, order);
  g_autofree guint *base = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    base[i] = g_array_index (t->col_base, guint, order[i]);
  memcpy (t->col_base->data, base, sizeof (guint) * n);
  for (guint i = 0; i < n; i++)
    g_array_index (t->row_depth, guint, i) = 0;
}
