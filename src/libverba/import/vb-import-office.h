/* vb-import-office.h: the text of word-processor documents (.docx, .odt),
 * which the transcript importer then reads (vb-import-office.c). */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* Text of an office document, one paragraph a line, and its core
 * properties (title, author, …) as attributes: format "docx" or "odt". */
gboolean vb_office_extract (const char *path, const char *format, char **text, VbAttrs *props,
                            GError **error);

G_END_DECLS
