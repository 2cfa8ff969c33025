/* vb-qdpx.h: REFI-QDA projects (.qdpx) in and out.
 *
 * In: project.qde and its sources/ folder become documents of segments
 * with codings and the project's codebook (see vb-import-qdpx.c for the
 * rules).  Out: a coded segments stream becomes a project whose text
 * sources are the documents and whose codings are the stream's. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "codebook/vb-codebook.h"
#include "import/vb-import.h"

G_BEGIN_DECLS

typedef struct {
  VbCodebook *codebook;
  GPtrArray  *documents;      /* VbDocument*, their segments coded */
  guint       n_sources;      /* text sources imported */
  guint       n_unreadable;   /* sources that are not text (PDF, pictures, …) */
  guint       n_selections;   /* codings read from the project */
  guint       n_unplaced;     /* of those, codings that cover no segment text */
  guint       n_codings;      /* codings written (a selection across segments counts
                                 once per segment) */
  GStrv       columns;        /* a verba export's attribute columns, in order, or NULL */
} VbQdpx;

VbQdpx  *vb_qdpx_read (const char *path, const VbImportOptions *opts, GError **error);
/* The same; sources whose text is a file outside the archive (file://)
 * are read when under outside_root, reported and left out otherwise (and
 * always when outside_root is NULL). */
VbQdpx  *vb_qdpx_read_full (const char *path, const VbImportOptions *opts,
                            const char *outside_root, GError **error);
void     vb_qdpx_free (VbQdpx *q);
/* Writes the documents as a coded stream with the project's codes at its
 * head; global (may be NULL) holds attributes for every document. */
gboolean vb_qdpx_write_stream (VbQdpx *q, const VbAttrs *global, FILE *fp, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbQdpx, vb_qdpx_free)

/* The export: reads a coded stream and writes a project to path
 * (atomically).  codebook may be NULL: the codes the stream lists. */
typedef struct {
  guint n_documents, n_segments, n_codings;
} VbQdpxStats;

gboolean vb_qdpx_export (const char *stream_path, const VbCodebook *codebook, const char *path,
                         VbQdpxStats *stats, GError **error);

G_END_DECLS
