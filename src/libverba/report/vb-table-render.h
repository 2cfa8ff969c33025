/* vb-table-render.h: tables and listings in the formats freq, matrix,
 * quotes, agree and report print (tsv, csv, md, txt, latex, json, html). */
#pragma once

#include <glib.h>
#include "analysis/vb-table.h"

G_BEGIN_DECLS

typedef enum {
  VB_FORMAT_TSV,
  VB_FORMAT_CSV,
  VB_FORMAT_MD,
  VB_FORMAT_TXT,  /* aligned plain text for terminals */
  VB_FORMAT_LATEX, /* a booktabs table float */
  VB_FORMAT_JSON,  /* see verba-formats(5), "JSON TABLES" */
  VB_FORMAT_HTML,  /* one <table> element */
  /* Binary files (vb-table-files.h), for tables of counts only. */
  VB_FORMAT_XLSX,  /* an Excel workbook, a sheet per table */
  VB_FORMAT_SAV,   /* an SPSS data set: a case x code table */
  VB_FORMAT_DTA,   /* a Stata data set: a case x code table */
} VbFormat;

gboolean vb_format_from_string (const char *s, VbFormat *out);

/* One row of fields in a machine format (tsv or csv, the latter quoted by
 * libcsv), ending with a newline. */
void     vb_row_write (GString *out, VbFormat format, const char *const *fields, guint n);
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
