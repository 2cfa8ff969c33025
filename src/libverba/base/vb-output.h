/* vb-output.h: output that appears whole or not at all.  A named file is
 * written to a temporary file beside it and renamed over it on success,
 * so a failed run never leaves a half-written table behind. */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbOutput VbOutput;

/* path NULL or "-" writes to standard output. */
VbOutput *vb_output_open (const char *path, GError **error);
FILE     *vb_output_fp (VbOutput *out);
/* Flushes and, for a file, renames it into place.  Frees out. */
gboolean  vb_output_commit (VbOutput *out, GError **error);
/* Discards what was written to a file.  Frees out.  NULL is fine. */
void      vb_output_abort (VbOutput *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbOutput, vb_output_abort)

G_END_DECLS
