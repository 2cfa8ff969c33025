/* vb-import-pdf.h: the text layer of a PDF file (poppler-glib), which
 * the transcript importer then reads (vb-import-pdf.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of every page, in page order, one line a line of text as
 * poppler lays it out, each page ending with a line end.  A PDF with no
 * text at all (a scan) fails: "FILE: no text layer (scanned?)". */
gboolean vb_pdf_extract (const char *path, char **text, GError **error);

G_END_DECLS
