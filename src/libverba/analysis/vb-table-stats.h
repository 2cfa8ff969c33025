/* vb-table-stats.h: significance for a codes x attribute table (see
 * vb-stats.h): per code, the units of each attribute value that raised
 * the code against those that did not (a 2 x k contingency table), tested
 * for independence; and each cell's share with its Wilson interval.  The
 * results are grids for vb_grid_write, so every table format applies. */
#pragma once

#include <glib.h>
#include "analysis/vb-table.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *tests;       /* char*, row-major, the first row the header */
  guint      tests_cols;
  GPtrArray *shares;
  guint      shares_cols;
  GPtrArray *warnings;    /* char*: a line for each code whose expected counts are small */
  GPtrArray *notes;       /* char*: what the tables hold, for md and txt */
} VbTableStats;

/* t has codes as rows and attribute values as columns (codes_in_rows) or
 * the other way round; its first n_values values are the attribute's (an
 * "All" after them is left out of the tests but gets a share).  n_units
 * is the number of units counted: when the values' bases add up to more,
 * some unit is under two values (e.g. participants by phase) and the
 * units are not independent samples, which is an error.  machine prints
 * numbers in full (tsv, csv) rather than rounded for reading. */
gboolean vb_table_stats (const VbTable *t, gboolean codes_in_rows, guint n_values, guint n_units,
                         const char *attr, gboolean machine, double conf, VbTableStats *out,
                         GError **error);
void     vb_table_stats_clear (VbTableStats *s);

G_END_DECLS
