/* vb-sidecar.h: a CSV of document attributes (document id -> attributes),
 * kept beside transcripts so that their files need not carry headers; or,
 * with 'speaker' as its second column, of participants' attributes
 * (document and speaker -> attributes: a focus group's members each with
 * their own age or gender, a pseudonym). */
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
/* TRUE when the second column is 'speaker': look rows up by speaker. */
gboolean       vb_sidecar_is_participants (const VbSidecar *sc);
/* A participant's attributes, NULL if absent (or not a participants file). */
const VbAttrs *vb_sidecar_lookup_speaker (VbSidecar *sc, const char *document,
                                          const char *speaker);
/* Rows never looked up, in file order: document ids with no file (for a
 * participants file, "document\x1fspeaker"). */
GPtrArray     *vb_sidecar_unused (const VbSidecar *sc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSidecar, vb_sidecar_free)

G_END_DECLS
