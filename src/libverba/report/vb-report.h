/* vb-report.h: the study report: its tables, made once from coded
 * segments held in memory, then written as text (txt, md, latex, json)
 * or as one self-contained HTML file with heat maps and bar charts. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "analysis/vb-scale.h"
#include "report/vb-table-render.h"
#include "analysis/vb-tally.h"

G_BEGIN_DECLS

typedef struct {
  char       *title;
  GPtrArray  *segs;      /* VbSegment*, coded; borrowed */
  VbCodebook *cb;        /* borrowed */
  VbScale    *scale;     /* borrowed */
  VbUnit      unit;
  char       *by;        /* attribute splitting the study (e.g. stage), or NULL */
  GPtrArray  *tables;    /* VbTable*: the numbered tables */
  GArray     *modes;     /* VbCellMode of each table */
  /* For "how the numbers were made": "SHA256  NAME" lines. */
  GPtrArray  *codebook_sums;
  GPtrArray  *input_sums;
  char       *version;
  VbPseudonyms *pseudonyms; /* how speakers are shown; borrowed, may be NULL */
} VbReport;

/* Makes the tables.  by may be NULL (no column attribute); pseudonyms
 * (borrowed, may be NULL: never by name) shows speakers. */
VbReport *vb_report_new (const char *title, GPtrArray *segs, VbCodebook *cb, VbScale *scale,
                         VbUnit unit, const char *by, VbPseudonyms *pseudonyms);
void      vb_report_free (VbReport *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbReport, vb_report_free)

/* Appends "SHA256  NAME" for the file path, or for every regular file
 * under the directory path (recursively, in name order, hidden files
 * left out), NAME being label followed by the path under the directory. */
gboolean  vb_report_checksum_path (GPtrArray *sums, const char *path, const char *label,
                                   GError **error);

/* Appends "SHA256  NAME" for a codebook file and, after it, each codebook
 * it imports (recursively, each file once), NAME being the file's name. */
gboolean  vb_report_checksum_codebook (GPtrArray *sums, const char *path, GError **error);

/* The summary and the tables in txt, md or latex; json gives one object
 * {"title", "summary", "tables": [table…]}. */
void      vb_report_write_text (const VbReport *r, VbFormat format, GString *out);
/* The whole report as one HTML document. */
void      vb_report_write_html (const VbReport *r, GString *out);

G_END_DECLS
