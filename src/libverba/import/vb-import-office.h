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
/* The plain text of a document held in memory (the rich text of a
 * REFI-QDA source), one paragraph a line as above but headings unmarked,
 * so that it is the document's characters and line ends only; name is for
 * messages. */
gboolean vb_office_plain_text (const char *name, const char *data, gsize len,
                               const char *format, char **text, GError **error);

G_END_DECLS
