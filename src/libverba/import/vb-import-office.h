/* vb-import-office.h: the text of word-processor documents (.docx, .odt),
 * which the transcript importer then reads (vb-import-office.c). */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* Text of an office document, one paragraph a line, and its core
 * properties (title, author, …) as attributes: format "docx" or "odt".
 * *notes (may be NULL) is the number of footnotes and endnotes left out,
 * *note_line the line of the text where the first one is called. */
gboolean vb_office_extract (const char *path, const char *format, char **text, VbAttrs *props,
                            guint *notes, guint *note_line, GError **error);

G_END_DECLS
