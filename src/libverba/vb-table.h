/* vb-table.h: a table of counts with their bases, and its renderings.
 * Tally builds tables; freq, matrix and report print them. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "vb-scale.h"

G_BEGIN_DECLS

typedef struct {
  guint      count;
  guint      base;    /* units that could have been counted here */
  gboolean   na;      /* not applicable (e.g. a theme not linked to that principle) */
  GPtrArray *quotes;  /* formatted verbatims (char*), or NULL */
  double     value;   /* code x code: the Jaccard index of the two codes */
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
} VbTable;

typedef enum {
  VB_CELL_FULL,   /* "many (9 of 15)" */
  VB_CELL_COUNT,
  VB_CELL_SHARE,  /* "60%" */
  VB_CELL_LABEL,  /* "many" */
  VB_CELL_QUOTES,
  VB_CELL_JACCARD, /* code x code: contexts with both / contexts with either */
} VbCellMode;

/* What a suppressed cell shows (see vb_scale_suppress_small). */
#define VB_CELL_SUPPRESSED "[low base]"

typedef enum {
  VB_FORMAT_TSV,
  VB_FORMAT_CSV,
  VB_FORMAT_MD,
  VB_FORMAT_TXT,  /* aligned plain text for terminals */
  VB_FORMAT_LATEX, /* a booktabs table float */
  VB_FORMAT_JSON,  /* see verba-formats(5), "JSON TABLES" */
  VB_FORMAT_HTML,  /* one <table> element */
} VbFormat;

VbTable *vb_table_new (guint n_rows, guint n_cols);
void     vb_table_free (VbTable *t);
VbCell  *vb_table_cell (VbTable *t, guint row, guint col);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbTable, vb_table_free)

gboolean vb_format_from_string (const char *s, VbFormat *out);
gboolean vb_cell_mode_from_string (const char *s, VbCellMode *out);

/* One row of fields in a machine format (tsv or csv, the latter quoted by
 * libcsv), ending with a newline. */
void     vb_row_write (GString *out, VbFormat format, const char *const *fields, guint n);
/* The text of one cell in a mode. */
char    *vb_cell_text (const VbTable *t, const VbCell *c, VbCellMode mode, const VbScale *scale);
/* Writes a listing that is not counts: cells (char*, row-major, n_cols
 * a row, the first row the header) with a title in md and txt.  align
 * gives each column's alignment in md and txt, 'l' or 'r' ("llrr"). */
void     vb_grid_write (GPtrArray *cells, guint n_cols, const char *align, const char *title,
                        VbFormat format, GString *out);
/* The notes printed under the table: its own, then the small-base one. */
GPtrArray *vb_table_notes (const VbTable *t, VbCellMode mode, const VbScale *scale,
                           VbFormat format);
/* Writes the table with its base row and notes. */
void     vb_table_write (const VbTable *t, VbFormat format, VbCellMode mode,
                         const VbScale *scale, GString *out);

G_END_DECLS
