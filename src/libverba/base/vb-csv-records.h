/* vb-csv-records.h: a small CSV file (attributes.csv, a LIWC .dicx) read
 * record by record through libcsv, each record knowing the line it starts
 * on.  The consultation importer streams far larger files its own way
 * (vb-import-csv.c). */
#pragma once

#include <glib.h>
#include "base/vb-lines.h"

G_BEGIN_DECLS

/* Called with a record's fields (char *, "" for an empty one; the callee
 * may change them in place) and the line it starts on; FALSE stops the
 * reading. */
typedef gboolean (*VbCsvRecordFunc) (GPtrArray *fields, guint line, gpointer data);

/* Feeds src to libcsv (with libcsv's options) a line at a time and calls
 * on_record for every record.  FALSE when on_record stopped it (error left
 * unset: the callee keeps its own) or when the CSV is malformed: then
 * error holds libcsv's message, *bad_line the line it was found on and
 * *at_end whether it was the file ending inside a record (*bad_line is
 * then the line the record starts on). */
gboolean vb_csv_records (const VbSource *src, int options, VbCsvRecordFunc on_record,
                         gpointer data, guint *bad_line, gboolean *at_end, GError **error);

G_END_DECLS
