/* vb-cluster.h: average-linkage (UPGMA) agglomerative clustering, to order
 * the codes of a co-occurrence table so that codes that go together sit
 * together.  GSL has none; n is a codebook's codes, so O(n^3) is fine. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One merge, numbered as scipy.cluster.hierarchy.linkage numbers them:
 * items are 0..n-1 and the cluster made by merge i is n + i. */
typedef struct {
  guint  a, b;    /* the clusters merged, a holding the earlier item */
  double height;  /* their average distance */
  guint  size;    /* items in the new cluster */
} VbMerge;

/* Clusters n items with the symmetric distances dist (n x n, row-major).
 * Each step merges the two nearest clusters; among equal distances the
 * pair met first wins, scanning clusters in the order of their earliest
 * item.  Fills merges (n - 1 of them) and order (n items): the items as
 * the merged clusters list them, each cluster's earlier part first, so
 * ties and the input order decide nothing else. */
void vb_cluster_average (const double *dist, guint n, VbMerge *merges, guint *order);

G_END_DECLS

#include "analysis/vb-table.h"

G_BEGIN_DECLS
/* Reorders a code x code table with the same codes along both sides by
 * vb_cluster_average on 1 - the cells' Jaccard indices (VbCell.value).
 * Sub-themes lose their indentation: their place now says what they go
 * with, not what they belong to. */
void vb_table_order_by_cluster (VbTable *t);
G_END_DECLS
