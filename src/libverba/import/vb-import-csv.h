/* vb-import-csv.h: consultation responses exported as CSV, one row a
 * respondent, turned into a segments stream while reading, so memory does
 * not grow with the number of rows.
 *
 * Columns have roles: one id column (the document), attribute columns
 * (respondent type, region…), ignored columns and text columns (the
 * answers; by default every column given no other role).  Each non-empty
 * answer becomes one segment whose `question` attribute names its column;
 * empty answers are counted, not written.  See verba-formats(5). */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "import/vb-import.h"
#include "import/vb-study.h"
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

typedef struct _VbCsvImport VbCsvImport;

typedef struct {
  guint64 rows;      /* data rows read (bad ones included) */
  guint64 answers;   /* non-empty answers written as segments */
  guint64 empty;     /* empty answers */
  guint64 bad_rows;  /* rows skipped with --skip-bad-rows */
  guint64 bytes;     /* bytes of input read (for a progress percentage) */
} VbCsvStats;

typedef void (*VbCsvProgress) (gpointer user_data, const VbCsvStats *stats);

VbCsvImport *vb_csv_import_new (void);
void         vb_csv_import_free (VbCsvImport *ci);

/* A mapping file ([columns], [recode:KEY]; see verba-formats(5)).  Options
 * set afterwards replace what it says. */
gboolean vb_csv_import_load_map (VbCsvImport *ci, const char *path, GError **error);
/* Columns by header (exact, else compared as attribute keys) or by
 * 1-based number.  A text column may be given as HEADER=NAME to name
 * its question. */
void     vb_csv_import_set_id_column (VbCsvImport *ci, const char *column);
/* The segment number comes from this column (a whole number from 1)
 * instead of the answer column's position, so a sheet of segments chosen
 * from a stream (verba sample) comes back with their own ids.  Needs
 * exactly one answer column. */
void     vb_csv_import_set_segment_column (VbCsvImport *ci, const char *column);
void     vb_csv_import_set_attr_columns (VbCsvImport *ci, const char *const *columns);
void     vb_csv_import_set_text_columns (VbCsvImport *ci, const char *const *columns);
void     vb_csv_import_set_ignore_columns (VbCsvImport *ci, const char *const *columns);
/* ",", ";", "tab" (or "\t"), "|". */
gboolean vb_csv_import_set_delimiter (VbCsvImport *ci, const char *delimiter, GError **error);
/* Human codings: codes columns, one per answer column in the answer
 * columns' order, holding code ids or labels separated by ';' (matched to
 * the codebook, ignoring case); each codes its whole answer with the source
 * coder:NAME (default NAME: the file's name without its extension). */
void     vb_csv_import_set_codes_columns (VbCsvImport *ci, const char *const *columns);
void     vb_csv_import_set_coder (VbCsvImport *ci, const char *coder);
/* Human codings as one-hot columns, one a code, each given as a column or
 * FROM-TO (a range of columns in header order): a cell of 1, yes, true
 * or x (any case) codes the row's answers with the code its header names,
 * 0, no, false or empty does not; anything else fails with the file, line
 * and column.  No codebook is needed: the codes are made from the headers
 * (vb_code_id_from_header, the header as label). */
void     vb_csv_import_set_code_columns (VbCsvImport *ci, const char *const *columns);
/* The codes the code columns named (NULL before a file is read). */
const VbCodebook *vb_csv_import_code_columns_codebook (const VbCsvImport *ci);
/* A code id from a header: lower case, runs of anything but letters and
 * digits one '-', none at either end ("Staff manner & personal
 * attributes" -> "staff-manner-personal-attributes"). */
char    *vb_code_id_from_header (const char *header);
void     vb_csv_import_set_codebook (VbCsvImport *ci, const VbCodebook *codebook);
/* Keep going past malformed rows, counting them, instead of failing. */
void     vb_csv_import_set_skip_bad_rows (VbCsvImport *ci, gboolean skip);
/* The files are in this encoding (NULL: UTF-8).  A file in another
 * encoding is converted whole before it is read, so memory grows with its
 * size (VB_SOURCE_MAX_BYTES). */
void     vb_csv_import_set_encoding (VbCsvImport *ci, const char *encoding);
/* A "K=V" attribute for every segment. */
gboolean vb_csv_import_add_attr (VbCsvImport *ci, const char *assignment, GError **error);
void     vb_csv_import_set_study (VbCsvImport *ci, const VbStudy *study);
void     vb_csv_import_set_warn (VbCsvImport *ci, VbWarnFunc warn, gpointer data);
/* Called every few thousand rows. */
void     vb_csv_import_set_progress (VbCsvImport *ci, VbCsvProgress progress, gpointer data);

/* Reads each file ("-" is standard input) and writes one stream to out.
 * Every file must give the same attribute columns. */
gboolean vb_csv_import_run (VbCsvImport *ci, const char *const *paths, FILE *out,
                            GError **error);
const VbCsvStats *vb_csv_import_stats (const VbCsvImport *ci);
guint    vb_csv_import_n_warnings (const VbCsvImport *ci);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCsvImport, vb_csv_import_free)

G_END_DECLS
