#include "vb-cluster.h"

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
