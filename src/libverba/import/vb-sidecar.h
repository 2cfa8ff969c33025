/* vb-sidecar.h: a CSV of document attributes (document id -> attributes),
 * kept beside transcripts so that their files need not carry headers. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct _VbSidecar VbSidecar;

/* The first column ('document' or 'id') names documents; the other
 * columns are attributes (keys normalised).  Empty cells set nothing. */
VbSidecar     *vb_sidecar_load (const char *path, GError **error);
void           vb_sidecar_free (VbSidecar *sc);
const char    *vb_sidecar_path (const VbSidecar *sc);
/* Attributes of a document (with the CSV line numbers), NULL if absent.
 * Marks the row as used. */
const VbAttrs *vb_sidecar_lookup (VbSidecar *sc, const char *document);
/* Rows never looked up, in file order: document ids with no file. */
GPtrArray     *vb_sidecar_unused (const VbSidecar *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSidecar, vb_sidecar_free)

G_END_DECLS
