/* vb-refi.h: what the REFI-QDA codebook (.qdc) and project (.qdpx) code
 * share: codes and sets in and out of QDA-XML. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include "codebook/vb-codebook.h"
#include "base/vb-xml.h"

G_BEGIN_DECLS

#define VB_QDC_NS "urn:QDA-XML:codebook:1.0"
#define VB_QDPX_NS "urn:QDA-XML:project:1.0"

/* <Codes>: every code, sub-themes nested in their parent. */
void vb_refi_write_codes (VbXmlOut *o, const VbCodebook *cb);
/* <Sets>: one set holding every code, named after the codebook, whose
 * Description carries the [codebook] keys.  In a project a member is
 * <MemberCode targetGUID>, in a codebook <MemberCode guid>. */
void vb_refi_write_sets (VbXmlOut *o, const VbCodebook *cb, gboolean project);
/* Reads <Codes> (may be NULL: no codes) and <Sets> (may be NULL) into a
 * codebook.  Codes written by another program become themes with an id
 * made from their name.  guid_to_id (may be NULL) gets GUID -> code id. */
VbCodebook *vb_refi_read_codebook (const char *name, xmlNode *codes, xmlNode *sets,
                                   const char *fallback_title, GHashTable *guid_to_id,
                                   GError **error);
/* An id made of a name: lower case, runs of other characters made '-'. */
char *vb_refi_slug (const char *name);

G_END_DECLS
