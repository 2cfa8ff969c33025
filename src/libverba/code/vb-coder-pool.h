/* vb-coder-pool.h: coding a stream of documents on several threads, with
 * the output written in input order, so that `-j N` writes exactly what
 * `-j 1` writes.
 *
 * Documents are gathered in batches; worker threads (each with its own
 * coder sharing one compiled matcher) code a batch and render its rows;
 * the calling thread writes finished batches in the order they were pushed.
 * At most a few batches per thread are in flight, so memory stays bounded
 * whatever the length of the stream: a push waits while the oldest batch is
 * still being worked on. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "code/vb-coder.h"
#include "code/vb-coder-direct.h"
#include "stream/vb-stream.h"

G_BEGIN_DECLS

/* Renders a coded document's rows into out.  Called from worker threads:
 * it must only read shared state. */
typedef void (*VbDocFormatFunc) (GPtrArray *doc, GString *out, gpointer user_data);

typedef struct _VbCoderPool VbCoderPool;

/* n_threads 0: one per processor (g_get_num_processors).  With 1, documents
 * are coded in the calling thread as they are pushed. */
VbCoderPool *vb_coder_pool_new (VbCoder *coder, guint n_threads, VbDocFormatFunc format,
                                gpointer user_data, FILE *fp);
/* Takes doc (a GPtrArray of VbSegment that frees them), the segments of one
 * document. */
gboolean     vb_coder_pool_push (VbCoderPool *pool, GPtrArray *doc, GError **error);
/* Line mode: the pool is given raw lines of reader's stream instead of
 * segments, and parses them on the coding threads (prepare, if not NULL,
 * is called on each segment parsed, before coding).  A line that does not
 * parse stops the run with reader's message for it, reported by the push
 * or finish that would have written its batch. */
typedef void (*VbSegPrepareFunc) (VbSegment *seg, gpointer user_data);
void         vb_coder_pool_read_lines (VbCoderPool *pool, const VbStreamReader *reader,
                                       VbSegPrepareFunc prepare);
/* Called on each document's segments after the rules coded them, before
 * they are counted and written, on the coding threads (a learned coder
 * adds its codings here, reading the rules' as features).  Not with the
 * direct lane, whose rows never become segments. */
typedef void (*VbDocCodedFunc) (GPtrArray *doc, gpointer user_data);
void         vb_coder_pool_after_coding (VbCoderPool *pool, VbDocCodedFunc after,
                                         gpointer user_data);
/* Codes the rows the direct lane can take through it (vb-coder-direct.h;
 * the pool owns d, which may be NULL), the others the general way, each
 * as a document of its own: the lane is only made for codebooks without
 * document scope.  Call after vb_coder_pool_read_lines, before the first
 * line. */
void         vb_coder_pool_direct (VbCoderPool *pool, VbDirect *d);
/* Copies the line; doc_start: it starts a new document (the lines of a
 * document must come together). */
gboolean     vb_coder_pool_push_line (VbCoderPool *pool, const char *line, gsize len,
                                      guint line_no, guint64 byte_start, gboolean doc_start,
                                      GError **error);
/* Codes and writes what is left. */
gboolean     vb_coder_pool_finish (VbCoderPool *pool, GError **error);
/* Segments written so far that got at least one coding. */
guint        vb_coder_pool_n_coded (const VbCoderPool *pool);
/* Stops the threads (work still queued is dropped). */
void         vb_coder_pool_free (VbCoderPool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCoderPool, vb_coder_pool_free)

G_END_DECLS
