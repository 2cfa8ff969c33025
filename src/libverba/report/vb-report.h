/* vb-report.h: the study report: its tables, counted from coded segments
 * added one at a time (so a consultation of any length is reported
 * without holding its segments), then written as text (txt, md, latex,
 * json) or, from segments held in memory, as one self-contained HTML file
 * with heat maps, bar charts and verbatims. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "analysis/vb-scale.h"
#include "report/vb-table-render.h"
#include "analysis/vb-tally.h"

G_BEGIN_DECLS

/* What a report counts, beyond the codebook and the scale. */
typedef struct {
  VbUnit        unit;
  const char   *by;         /* attribute splitting the study (e.g. stage), or NULL */
  VbPseudonyms *pseudonyms; /* how speakers are shown; borrowed, may be NULL */
  const char *const *where; /* "KEY=VALUE" filters, all must hold; or NULL */
  gboolean      rollup;     /* a parent theme counts its sub-themes' codings */
  int           phase;      /* VbPhase, or VB_PHASE_FILTER_ALL */
  gboolean      units_in_runs; /* each document's segments come together, once (see
                                  VbTallyOptions): memory then grows only with what
                                  participants and groups are counted */
} VbReportOptions;

/* Sets the defaults: documents, no split, roll-up on, every phase. */
void vb_report_options_init (VbReportOptions *o);

typedef struct {
  char       *title;
  GPtrArray  *segs;      /* VbSegment*, coded; borrowed; only from vb_report_new (the
                            HTML report's study figures and verbatims need them) */
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
  GPtrArray  *left_out;  /* char*: sentences saying which tables were left out and why */
  VbReportOptions opts;  /* as given to vb_report_new; by and where borrowed */
  gboolean    principles; /* the codebook has principles (their tables are made) */
  /* While segments are added: the tables' tallies, the phase tables' by
   * value of `by`, and the summary's figures. */
  GPtrArray  *pending;
  GHashTable *phase_tallies;
  GHashTable *docs, *speakers; /* with units_in_runs: the document's speakers only */
  char       *doc;              /* with units_in_runs: the document being added */
  guint       n_docs, n_speakers;
  guint       n_segs, n_counted, n_coded, n_prompted, n_where;
  gboolean    by_seen, *where_seen;
} VbReport;

/* Tally options counting as the report's tables do (unit, filters,
 * roll-up, phase), to make more tables or figures like them. */
void vb_report_tally_init (const VbReport *r, VbTallyOptions *t);

/* A report that segments are added to, one at a time, then finished.
 * Memory grows with the units counted (documents, participants), not
 * with the segments.  Tables of principles are left out when the codebook
 * has none, and the phase tables when o->phase picks one phase or no
 * participant's segment is prompted; left_out says so. */
VbReport *vb_report_begin (const char *title, VbCodebook *cb, VbScale *scale,
                           const VbReportOptions *o);
/* Counts seg in every table; seg may be freed on return. */
void      vb_report_add (VbReport *r, const VbSegment *seg);
/* Whether a segment added had a value of o->by; the first "KEY=VALUE" of
 * o->where whose KEY no segment added had, or NULL. */
gboolean  vb_report_saw_by (const VbReport *r);
const char *vb_report_unseen_where (const VbReport *r);
/* Makes the tables, numbered as printed. */
void      vb_report_finish (VbReport *r);
/* begin, add each of segs, finish, and keep segs for the HTML report. */
VbReport *vb_report_new (const char *title, GPtrArray *segs, VbCodebook *cb, VbScale *scale,
                         const VbReportOptions *o);
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
