/* vb-corrections.h: a researcher's corrections to the coding, kept in a
 * CSV file beside the codebook and applied by `verba code --corrections`
 * after the rules and any model, so that a fix survives every re-coding
 * instead of living in an export that the next run overwrites.
 *
 * Each row names a segment (its number, or a `text` anchor that must occur
 * in it, for when re-importing renumbers segments), a code, `add` or
 * `remove`, who decided and why.  `remove` drops the code's rule, model and
 * earlier edit codings on the segment (a human coder's, "coder:", stay);
 * `add` codes the whole segment text with source "edit:WHO".  Rows apply in
 * file order, whatever the number of threads.  The file format is in
 * verba-formats(5). */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

typedef struct _VbCorrections VbCorrections;

/* Reads path; every code must be in cb.  A bad row is VB_ERROR_PARSE with
 * path:line. */
VbCorrections *vb_corrections_load (const char *path, const VbCodebook *cb, GError **error);
void           vb_corrections_free (VbCorrections *c);
/* Applies the rows for doc's document to its segments (a GPtrArray of
 * VbSegment, in segment order).  Safe to call from several threads, each
 * with a different document. */
void           vb_corrections_apply (VbCorrections *c, GPtrArray *doc);
/* After the whole stream: FALSE, with path:line, for the first row (in
 * file order) that matched no segment, or whose text anchor matched more
 * than one. */
gboolean       vb_corrections_check (const VbCorrections *c, GError **error);
/* Rows applied (each counted once). */
guint          vb_corrections_n_applied (const VbCorrections *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCorrections, vb_corrections_free)

G_END_DECLS
