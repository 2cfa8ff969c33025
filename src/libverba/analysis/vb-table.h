/* vb-table.h: a table of counts with their bases, and the words of its
 * cells.  Tally builds tables; report/vb-table-render.h prints them. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "analysis/vb-scale.h"

G_BEGIN_DECLS

typedef struct {
  guint      count;
  guint      base;    /* units that could have been counted here */
  gboolean   na;      /* not applicable (e.g. a theme not linked to that principle) */
  GPtrArray *quotes;  /* formatted verbatims (char*), or NULL */
  double     value;   /* code x code: the Jaccard index of the two codes */
  gboolean   suppressed; /* hidden by vb_table_protect */
} VbCell;

typedef struct {
  char      *title;
  char      *corner;      /* header of the row-id column, e.g. "code" */
  GPtrArray *row_ids;     /* char* */
  GPtrArray *row_labels;  /* char* */
  GArray    *row_depth;   /* guint, indentation of sub-themes */
  GPtrArray *col_ids;
  GPtrArray *col_labels;
  GArray    *col_base;    /* guint per column: the base row */
  GArray    *row_base;    /* guint per row: a base column instead, when the
                             rows are the attribute (empty otherwise) */
  VbCell    *cells;       /* rows x cols, row-major */
  gboolean   words;       /* FALSE for mentions: no indicative words */
  char      *unit;        /* "documents", "participants", … for the base row */
  GPtrArray *notes;       /* char*, printed under the table */
  int        total_col;   /* the "All" column that adds up the attribute
                             columns, or -1 */
  guint      hidden_by_count; /* cells vb_table_protect hid for a low count */
  guint      hidden_more;     /* cells it hid so that others cannot be derived */
  guint      min_count;       /* the minimum cell count it applied */
} VbTable;

typedef enum {
  VB_CELL_FULL,   /* "many (9 of 15)" */
  VB_CELL_COUNT,
  VB_CELL_SHARE,  /* "60%" */
  VB_CELL_LABEL,  /* "many" */
  VB_CELL_QUOTES,
  VB_CELL_JACCARD, /* code x code: contexts with both / contexts with either */
  VB_CELL_PRESENCE, /* 1 where the row raised the column's code, else 0 */
} VbCellMode;

/* What a suppressed cell shows (see vb_scale_suppress_small). */
#define VB_CELL_SUPPRESSED "[low base]"

VbTable *vb_table_new (guint n_rows, guint n_cols);
void     vb_table_free (VbTable *t);
VbCell  *vb_table_cell (VbTable *t, guint row, guint col);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbTable, vb_table_free)

gboolean vb_cell_mode_from_string (const char *s, VbCellMode *out);

/* Disclosure control, before the table is shown: with the scale's
 * small-base rule set to suppress, cells on a base below the minimum are
 * hidden, and with a minimum cell count, cells that fewer units raised
 * (primary suppression); then, where an All column or row adds the others
 * up, more cells are hidden until no line of the table has exactly one
 * hidden cell beside a shown All, so that no hidden cell can be worked
 * out by subtraction (secondary suppression: a whole column beside a
 * column hidden for its base, else the line's smallest other cell).  The
 * notes say how many cells were hidden and why. */
void     vb_table_protect (VbTable *t, const VbScale *scale);
/* The text of one cell in a mode. */
char    *vb_cell_text (const VbTable *t, const VbCell *c, VbCellMode mode, const VbScale *scale);

G_END_DECLS
