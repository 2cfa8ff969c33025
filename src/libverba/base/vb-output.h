/* vb-output.h: output that appears whole or not at all.  A named file is
 * written to a temporary file beside it and renamed over it on success,
 * so a failed run never leaves a half-written table behind; SIGINT,
 * SIGTERM and SIGHUP remove the temporary files before the run dies.  A
 * character device or a fifo is written in place, never renamed over. */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbOutput VbOutput;

/* path NULL or "-" writes to standard output. */
VbOutput *vb_output_open (const char *path, GError **error);
FILE     *vb_output_fp (VbOutput *out);
/* The file's name, or "standard output", for messages. */
const char *vb_output_name (const VbOutput *out);
/* The name of the open output that writes to fp ("standard output" for
 * stdout), for writers that are handed a FILE only. */
const char *vb_output_name_for (FILE *fp);
/* Flushes and, for a file, renames it into place.  Frees out. */
gboolean  vb_output_commit (VbOutput *out, GError **error);
/* Discards what was written to a file.  Frees out.  NULL is fine. */
void      vb_output_abort (VbOutput *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbOutput, vb_output_abort)

G_END_DECLS
