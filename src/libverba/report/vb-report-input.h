/* vb-report-input.h: what verba report reads, as one run of segments.
 *
 * An input is one of three kinds, and a report takes one kind only:
 * documents (transcripts, notes and folders of them, imported as
 * verba import does, in memory: a study is small); consultation exports
 * (a CSV file with its mapping file, or a consultation folder: one that
 * holds a NAME.csv beside a NAME.map); or segments streams (a file that
 * starts with verba's header, or "-" for standard input), coded or not.
 * Exports and streams are read as the segments are wanted, an export
 * imported on a second thread through a pipe, so memory does not grow
 * with their rows.  Segments come out a document at a time, coded when a
 * coder is given. */
#pragma once

#include <glib.h>
#include "import/vb-import.h"
#include "code/vb-coder.h"
#include "codebook/vb-codebook.h"
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef enum {
  VB_REPORT_INPUT_NONE,
  VB_REPORT_INPUT_DOCUMENTS,
  VB_REPORT_INPUT_CONSULTATION,
  VB_REPORT_INPUT_STREAM,
} VbReportInputKind;

typedef struct _VbReportInput VbReportInput;

VbReportInput *vb_report_input_new (void);
void           vb_report_input_free (VbReportInput *in);
void           vb_report_input_set_warn (VbReportInput *in, VbWarnFunc warn, gpointer data);
/* The mapping file of every CSV export, instead of each NAME.map. */
void           vb_report_input_set_map (VbReportInput *in, const char *path);
/* Adds a file, a folder or "-".  Fails (VB_ERROR_USAGE) when its kind
 * differs from the inputs' before, and (VB_ERROR_PARSE) for a file of no
 * kind a report reads. */
gboolean       vb_report_input_add (VbReportInput *in, const char *path, GError **error);
VbReportInputKind vb_report_input_kind (const VbReportInput *in);
/* Imports the documents, or opens the first export or stream, so that
 * what follows is known before a segment is read. */
gboolean       vb_report_input_open (VbReportInput *in, GError **error);
/* Files of the folders given that were not read, each "PATH: REASON". */
const GPtrArray *vb_report_input_not_read (const VbReportInput *in);
/* The study.ini's [study] title, or NULL. */
const char    *vb_report_input_title (const VbReportInput *in);
/* The attribute to split the tables by when none is asked for: stage for
 * documents that have it; for an export, the first attribute its
 * study.ini declares that the export has, else its first attribute
 * column; for a stream, stage if it has it, else its first attribute
 * column; NULL when there is none. */
const char    *vb_report_input_default_by (const VbReportInput *in);
/* The codes a coded stream's head lists (borrowed), or NULL. */
VbCodebook    *vb_report_input_codebook (const VbReportInput *in);
/* Codes every segment with coder (borrowed): a coded stream's earlier
 * rule codings are replaced, human codings kept, as verba code does. */
void           vb_report_input_set_coder (VbReportInput *in, VbCoder *coder);
/* The next segment into *seg (the caller frees it); FALSE at the end,
 * with error set on a failure. */
gboolean       vb_report_input_next (VbReportInput *in, VbSegment **seg, GError **error);
/* Every file read, in the order given (for the report's checksums); a
 * new array of char*; "-" is left out. */
GPtrArray     *vb_report_input_read_paths (const VbReportInput *in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbReportInput, vb_report_input_free)

G_END_DECLS
