/* vb-table-files.h: tables as files for spreadsheets and statistics
 * packages, where researchers often finish: Excel workbooks (libxlsxwriter)
 * and SPSS .sav or Stata .dta data sets (ReadStat).  Unlike the text
 * formats these are binary and written whole to fp. */
#pragma once

#include <stdio.h>
#include <time.h>
#include <glib.h>
#include "report/vb-table-render.h"

G_BEGIN_DECLS

/* The time written into the files as their creation time: fixed, so
 * that the same tables give the same bytes; SOURCE_DATE_EPOCH (the
 * reproducible-builds convention) when set, else 2000-01-01. */
time_t   vb_table_files_time (void);
/* TRUE for xlsx, sav and dta. */
gboolean vb_format_is_binary (VbFormat format);

/* A workbook with one sheet per table: a title row, the header, the body,
 * the base row and the notes.  Counts, shares, presence and Jaccard
 * indices are numbers; in full mode each column is two, the count (a
 * number) and the cell as printed ("many (9 of 15)"); labels and quotes
 * are text.  after (may be NULL) adds lines under the last table.  The
 * workbook's creation time is fixed (SOURCE_DATE_EPOCH when set), so the
 * same tables give the same bytes. */
gboolean vb_tables_write_xlsx (VbTable *const *tables, const VbCellMode *modes, guint n,
                               const VbScale *scale, const char *after, FILE *fp,
                               GError **error);

/* A case x code data set (format sav or dta): one case a row (the string
 * variable "case"), one numeric variable a column, named after the code
 * id (letters, digits and '_'; made unique), labelled with the code's
 * label.  mode is count or presence; presence variables carry the value
 * labels 0 "not raised" and 1 "raised". */
gboolean vb_table_write_stat (const VbTable *t, VbCellMode mode, VbFormat format, FILE *fp,
                              GError **error);

G_END_DECLS
